"""The whole build on the real corpus: tables, determinism, bad files, command line."""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile

import pandas as pd
import pytest

from analysis import schema
from analysis.build import ALL_TABLES, CORE_TABLES, build, build_corpus
from analysis.cli import main
from conftest import CORPUS_DIR as RAW_DIR

pytestmark = pytest.mark.integration


def test_every_table_is_written_and_matches_its_schema(built):
    result, out = built
    for name in ALL_TABLES:
        df = pd.read_parquet(out / f"{name}.parquet")
        assert list(df.columns) == schema.column_names(name)
        schema.validate(name, schema.conform(name, df))
        assert (out / f"{name}.csv").exists()
    assert result.problems == []


def test_same_raw_data_gives_byte_identical_tables_for_any_jobs_and_cache(built, tmp_path):
    _, out1 = built
    build(RAW_DIR, tmp_path / "two", jobs=2, progress=False)  # parallel, fills its cache
    build(RAW_DIR, tmp_path / "two", jobs=2, progress=False)  # again, every document from the cache
    for name in ALL_TABLES:
        for ext in ("parquet", "csv"):
            assert (out1 / f"{name}.{ext}").read_bytes() == (tmp_path / "two" / f"{name}.{ext}").read_bytes(), f"{name}.{ext}"
    assert (out1 / "themes_settings.json").read_bytes() == (tmp_path / "two" / "themes_settings.json").read_bytes()


def test_documents_carry_manifest_and_cleaning_facts(built):
    result, _ = built
    docs = result.tables["documents"].set_index("doc_id")
    assert docs.loc["shanxiahu_2022_work_report", "site_metadata"].startswith("index_no=001008006002075/2022-141086")
    assert not docs.loc["shanxiahu_2022_work_report", "text"].startswith("索引号")
    assert docs.loc["yiwu_14fyp_proposals", "layout"] == "hard_wrapped"
    assert (docs.encoding == "utf-8").all()


def test_cleaning_log_explains_each_quirk(built):
    result, _ = built
    log = result.tables["cleaning_log"]
    steps = {doc: set(group.step) for doc, group in log.groupby("doc_id")}
    assert {"remove_page_furniture", "rejoin_cut_sentence", "halfwidth_punct_to_fullwidth"} <= steps["yiwu_2022_work_report"]
    assert {"rejoin_hard_wrap", "remove_spaces_around_figures"} <= steps["yiwu_14fyp_proposals"]
    assert "extract_site_header" in steps["shanxiahu_2022_work_report"]
    assert "fullwidth_to_halfwidth" in steps["wuxie_2022_work_plan"]  # ％ → %


def _add_row(raw, **row):
    path = raw / "manifest.csv"
    with open(path, encoding="utf-8") as f:
        fields = next(csv.reader(f))
    base = dict.fromkeys(fields, "")
    base.update(place="测试镇", place_level="town", parent_place="测试市", report_year="2023", doc_type="work_plan", is_masked="false")
    base.update(row)
    with open(path, "a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=fields, lineterminator="\n").writerow(base)


def test_bad_files_beside_good_ones_are_named_and_the_rest_builds(raw_copy, tmp_path):
    (raw_copy / "empty.txt").write_bytes(b"")
    (raw_copy / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (raw_copy / "gbk_town.txt").write_bytes("测试镇2022年工作思路\n全年实现财政总收入增长8%以上。\n".encode("gbk"))
    (raw_copy / "big5_town.txt").write_bytes("測試鎮2022年工作思路\n全年實現財政總收入增長9%以上。\n".encode("big5"))
    _add_row(raw_copy, doc_id="empty_2023", file="empty.txt")
    _add_row(raw_copy, doc_id="scan_2023", file="scan.txt")
    _add_row(raw_copy, doc_id="gbk_2023", file="gbk_town.txt")
    _add_row(raw_copy, doc_id="big5_2023", file="big5_town.txt")
    result = build_corpus(raw_copy, progress=False)
    errors = {p.file: p.problem for p in result.problems if p.severity == "error"}
    assert set(errors) == {"empty.txt", "scan.txt"}
    assert "empty" in errors["empty.txt"] and "binary" in errors["scan.txt"]
    docs = result.tables["documents"].set_index("doc_id")
    assert len(docs) == 7
    assert docs.loc["gbk_2023", "encoding"] == "gb18030"
    assert docs.loc["big5_2023", "encoding"] == "big5"
    assert "全年实现财政总收入增长9%以上。" in docs.loc["big5_2023", "text"]
    assert docs.loc["big5_2023", "n_t2s_changes"] > 0


def test_cli_build_and_check(raw_copy, tmp_path, capsys):
    (raw_copy / "stray.txt").write_text("没有清单行的文件。", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--raw", str(raw_copy), "--out", str(out), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "built 5 documents: 10 units" in printed
    assert "stray.txt: file in the raw folder has no manifest row" in printed
    assert (out / "sentences.parquet").exists()
    assert main(["check", "--raw", str(raw_copy)]) == 1
    assert "stray.txt" in capsys.readouterr().out


def test_cli_fails_only_when_nothing_builds(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "manifest.csv").write_text(
        "doc_id,file,title,place,place_level,parent_place,report_year,period_covered,doc_type,date,is_masked,sha256,source_file,notes\n"
        "a_2022,a.txt,,某镇,town,,2022,2022,work_plan,,false,,,\n",
        encoding="utf-8",
    )
    (raw / "a.txt").write_bytes(b"")
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--raw", str(raw), "--out", str(tmp_path / "o"), "--quiet"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "a.txt [a_2022]: file is empty" in proc.stdout


def test_text_is_cross_checked_with_the_manifest(raw_copy):
    path = raw_copy / "manifest.csv"
    text = path.read_text(encoding="utf-8").replace(",2022-01-18,", ",2022-01-19,").replace(",山下湖镇,town,", ",五泄镇,town,")
    path.write_text(text, encoding="utf-8")
    result = build_corpus(raw_copy, progress=False)
    warnings = [p.problem for p in result.problems if p.file == "shanxiahu_2022_work_report.txt"]
    assert any("date_written is '2022-01-18', manifest date is '2022-01-19'" in w for w in warnings)
    assert any("issuing body '山下湖镇人民政府'" in w for w in warnings)
    assert any("place '五泄镇' is never named" in w for w in warnings)


def test_changing_one_report_recomputes_only_that_report(raw_copy, tmp_path):
    out = tmp_path / "out"
    build(raw_copy, out, jobs=1, progress=False)
    cache = out / ".cache"
    before = {p.name for p in cache.rglob("*.arrows")}
    assert len(before) == 5
    path = raw_copy / "wuxie_2022_work_plan.txt"
    path.write_bytes(path.read_bytes() + "\n新增一句：力争新增规上企业3家。\n".encode("utf-8"))
    calls = []
    import analysis.build as b

    real = b._analyse_texts_batch  # where every document is analysed

    def spy(items, *args, **kwargs):
        calls.extend(doc["doc_id"] for doc, _, _ in items)
        return real(items, *args, **kwargs)

    b._analyse_texts_batch = spy
    try:
        build(raw_copy, out, jobs=1, progress=False)
    finally:
        b._analyse_texts_batch = real
    assert calls == ["wuxie_2022_work_plan"]
    after = {p.name for p in cache.rglob("*.arrows")}
    assert len(after - before) == 1
    fresh = tmp_path / "fresh"
    build(raw_copy, fresh, jobs=2, progress=False, cache_dir=None)
    for name in ALL_TABLES:
        assert (out / f"{name}.parquet").read_bytes() == (fresh / f"{name}.parquet").read_bytes(), name
    t = pd.read_parquet(out / "targets.parquet")
    assert "3家" in t[t.doc_id == "wuxie_2022_work_plan"].figure_text.tolist()


def test_a_damaged_cache_entry_is_recomputed_and_the_rest_is_read(raw_copy, tmp_path, monkeypatch):
    import analysis.build as b

    out = tmp_path / "out"
    build(raw_copy, out, jobs=1, progress=False)
    entries = sorted((out / ".cache").rglob("*.arrows"))
    assert len(entries) == 5
    entries[0].write_bytes(entries[0].read_bytes()[:1000])  # cut short
    entries[1].write_bytes(entries[1].read_bytes().replace(b'"format": 3', b'"format": 1', 1))  # another layout
    calls = []
    real = b._analyse_texts_batch
    monkeypatch.setattr(b, "_analyse_texts_batch", lambda items, *a, **k: calls.extend(d["doc_id"] for d, _, _ in items) or real(items, *a, **k))
    build(raw_copy, out, jobs=1, progress=False)
    assert len(calls) == 2  # the three sound entries were read, not recomputed
    fresh = tmp_path / "fresh"
    build(raw_copy, fresh, jobs=1, progress=False, cache_dir=None)
    for name in ALL_TABLES:
        for ext in ("parquet", "csv"):
            assert (out / f"{name}.{ext}").read_bytes() == (fresh / f"{name}.{ext}").read_bytes(), f"{name}.{ext}"


def _count_analysed(monkeypatch) -> list:
    import analysis.build as b

    calls: list = []
    real = b._analyse_texts_batch
    monkeypatch.setattr(b, "_analyse_texts_batch", lambda items, *a, **k: calls.extend(d["doc_id"] for d, _, _ in items) or real(items, *a, **k))
    return calls


def test_a_cache_entry_of_another_document_is_not_accepted(raw_copy, tmp_path, monkeypatch):
    """An entry copied over another document's entry is valid data, but not this document's."""
    out = tmp_path / "out"
    build(raw_copy, out, jobs=1, progress=False)
    entries = sorted((out / ".cache").rglob("*.arrows"))
    entries[1].write_bytes(entries[0].read_bytes())
    calls = _count_analysed(monkeypatch)
    result = build(raw_copy, out, jobs=1, progress=False)
    assert len(calls) == 1 and result.problems == []
    fresh = tmp_path / "fresh"
    build(raw_copy, fresh, jobs=1, progress=False, cache_dir=None)
    for name in ALL_TABLES:
        assert (out / f"{name}.parquet").read_bytes() == (fresh / f"{name}.parquet").read_bytes(), name
    assert pd.read_parquet(out / "documents.parquet").doc_id.is_unique


def test_a_planted_pickle_in_the_cache_is_never_run(raw_copy, tmp_path):
    import os
    import pickle

    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    out = tmp_path / "out"
    build(raw_copy, out, jobs=1, progress=False)
    entries = [p for p in (out / ".cache").rglob("*") if p.is_file()]  # whatever the layout
    assert len(entries) == 5
    for entry in entries:
        entry.write_bytes(pickle.dumps(Payload()))
    for jobs in (1, 2):
        build(raw_copy, out, jobs=jobs, progress=False)
        assert not marker.exists()


def test_a_rebuild_with_every_report_cached_runs_in_a_fresh_interpreter(tmp_path):
    """Nothing to analyse: the corpus-wide stage starts at once, while scikit-learn
    is still being imported in the background (the import must be awaited)."""
    cmd = [sys.executable, "-m", "analysis", "build", "--raw", str(RAW_DIR), "--out", str(tmp_path / "out"), "--quiet", "--jobs", "2"]
    for run in ("first", "all cached"):
        done = subprocess.run(cmd, capture_output=True, text=True)
        assert done.returncode == 0, f"{run}: {done.stderr[-2000:]}"


def test_worker_batches_give_the_same_tables_and_problems_as_one_process(tmp_path, monkeypatch):
    """Several worker batches (with failing reports inside them) through the process pool."""
    import csv

    import analysis.build as b
    from analysis.bench import synthesize_corpus

    raw = tmp_path / "raw"
    rows = synthesize_corpus(10, raw)
    (raw / "blank.txt").write_text("\n \n\u3000\n", encoding="utf-8")  # nothing left after cleaning
    (raw / "binary.txt").write_bytes(bytes(range(256)) * 4)  # not text
    with open(raw / "manifest.csv", "a", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        for i, name in ((4, "blank"), (7, "binary")):
            w.writerow({**rows[i], "doc_id": f"bad_{name}", "file": f"{name}.txt"})
    monkeypatch.setattr(b, "WORK_BATCH", 3)  # 12 reports: 4 batches over 2 processes
    one = b.build(raw, tmp_path / "one", jobs=1, progress=False, cache_dir=None)
    two = b.build(raw, tmp_path / "two", jobs=2, progress=False)
    again = b.build(raw, tmp_path / "two", jobs=2, progress=False)  # from the cache
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    uncached = b.build(raw, tmp_path / "three", jobs=2, progress=False, cache_dir=None)  # workers hand over through a temporary cache
    assert list(scratch.iterdir()) == [] and not (tmp_path / "three" / ".cache").exists()
    assert one.n_documents == two.n_documents == again.n_documents == uncached.n_documents == 10
    assert {p.file for p in one.problems if p.severity == "error"} == {"blank.txt", "binary.txt"}
    assert [p.problem for p in one.problems] == [p.problem for p in two.problems] == [p.problem for p in again.problems] == [p.problem for p in uncached.problems]
    for name in ALL_TABLES:
        for ext in ("parquet", "csv"):
            expected = (tmp_path / "one" / f"{name}.{ext}").read_bytes()
            assert expected == (tmp_path / "two" / f"{name}.{ext}").read_bytes() == (tmp_path / "three" / f"{name}.{ext}").read_bytes(), f"{name}.{ext}"


def test_results_that_cannot_be_handed_over_on_disk_come_through_the_pipe(tmp_path, monkeypatch):
    import analysis.build as b
    from analysis.bench import synthesize_corpus

    raw = tmp_path / "raw"
    synthesize_corpus(7, raw)
    monkeypatch.setattr(b, "WORK_BATCH", 2)
    one = b.build(raw, tmp_path / "one", jobs=1, progress=False, cache_dir=None)

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(b, "_save_result", full_disk)  # the forked workers inherit it
    two = b.build(raw, tmp_path / "two", jobs=2, progress=False, cache_dir=None)
    assert one.n_documents == two.n_documents == 7 and one.problems == two.problems
    for name in ALL_TABLES:
        assert (tmp_path / "one" / f"{name}.parquet").read_bytes() == (tmp_path / "two" / f"{name}.parquet").read_bytes(), name


def test_a_report_that_breaks_a_batch_stage_is_named_and_the_rest_builds(raw_copy, monkeypatch):
    """A failure in a stage that runs on a whole batch falls back to one report at a time."""
    import analysis.targets as targets
    from analysis.build import build_corpus

    real = targets.extract_targets

    def fragile(sentences, **kw):
        if (sentences["doc_id"] == "wuxie_2022_work_plan").any():
            raise ValueError("cannot read this plan")
        return real(sentences, **kw)

    monkeypatch.setattr(targets, "extract_targets", fragile)
    result = build_corpus(raw_copy)
    errors = [p for p in result.problems if p.severity == "error"]
    assert [(p.file, p.problem) for p in errors] == [("wuxie_2022_work_plan.txt", "failed to process: ValueError: cannot read this plan")]
    assert result.n_documents == 4 and "wuxie_2022_work_plan" not in set(result.tables["documents"]["doc_id"])
    assert result.tables["targets"]["doc_id"].nunique() == 4


def _snapshot(out):
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


def test_a_second_build_into_the_same_folder_is_refused_while_one_runs(raw_copy, tmp_path):
    from analysis.store import BuildLocked, output_lock

    out = tmp_path / "out"
    build(raw_copy, out, jobs=1, progress=False, cache_dir=None)
    before = _snapshot(out)
    with output_lock(out):  # a build in progress
        with pytest.raises(BuildLocked, match="another build"):
            build(raw_copy, out, jobs=1, progress=False, cache_dir=None)
        done = subprocess.run([sys.executable, "-m", "analysis", "build", "--raw", str(raw_copy), "--out", str(out), "--quiet"], capture_output=True, text=True)
        assert done.returncode == 1
        assert done.stderr.strip().count("\n") == 0 and "another build" in done.stderr
    assert _snapshot(out) == before
    build(raw_copy, out, jobs=1, progress=False, cache_dir=None)  # free again once the first ends


def test_a_build_that_builds_nothing_leaves_the_previous_tables(raw_copy, tmp_path):
    out = tmp_path / "out"
    build(raw_copy, out, jobs=1, progress=False, cache_dir=None)
    before = _snapshot(out)
    for f in raw_copy.glob("*.txt"):
        f.write_bytes(b"")
    result = build(raw_copy, out, jobs=1, progress=False, cache_dir=None)
    assert result.n_documents == 0
    assert _snapshot(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".build.lock"] == []


def test_a_build_that_fails_midway_leaves_the_previous_tables_and_no_debris(raw_copy, tmp_path, monkeypatch):
    import analysis.corpus as corpus

    out = tmp_path / "out"
    build(raw_copy, out, jobs=1, progress=False, cache_dir=None)
    before = _snapshot(out)

    def disk_full(self, *a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(corpus.CorpusAggregator, "write", disk_full)
    with pytest.raises(OSError):
        build(raw_copy, out, jobs=1, progress=False, cache_dir=None)
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".build.lock"]


def test_an_interrupted_publication_is_finished_by_the_next_build(raw_copy, tmp_path):
    from analysis.store import JOURNAL_NAME, publish

    out = tmp_path / "out"
    build(raw_copy, out, jobs=1, progress=False, cache_dir=None)
    before = _snapshot(out)
    # a killed build: a staging folder with new tables, half of them moved in, the journal still there
    staging = out / ".staging-99999"
    staging.mkdir()
    for name, data in before.items():
        (staging / name).write_bytes(data + b"new")
    (out / ".documents.csv.part").write_bytes(b"half")
    import analysis.store as store

    real = store._finish_publication
    store._finish_publication = lambda out_dir: None  # dies right after writing the journal
    try:
        publish(staging, out)
    finally:
        store._finish_publication = real
    assert (out / JOURNAL_NAME).exists()
    result = build(raw_copy, out, jobs=1, progress=False, cache_dir=None)
    assert any("interrupted" in p.problem for p in result.problems)
    assert _snapshot(out) == before  # the new build's own tables, published as one set
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".build.lock"]


def test_two_files_with_the_same_text_are_built_once(raw_copy):
    text = (raw_copy / "wuxie_2022_work_plan.txt").read_text(encoding="utf-8")
    (raw_copy / "wuxie_gbk.txt").write_bytes(text.encode("gb18030"))
    _add_row(raw_copy, doc_id="wuxie_gbk", file="wuxie_gbk.txt")
    result = build_corpus(raw_copy, progress=False)
    assert len(result.tables["documents"]) == 5
    [p] = [p for p in result.problems if p.doc_id == "wuxie_gbk"]
    assert p.severity == "error" and "same text as doc_id 'wuxie_2022_work_plan'" in p.problem and p.file == "wuxie_gbk.txt"


def test_a_read_only_output_folder_gives_one_line(raw_copy, tmp_path):
    import os

    if os.geteuid() == 0:
        pytest.skip("root writes to read-only folders; the message is checked through a file in the way instead")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    done = subprocess.run([sys.executable, "-m", "analysis", "build", "--raw", str(raw_copy), "--out", str(out), "--quiet"], capture_output=True, text=True)
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "cannot write" in done.stderr


def test_an_output_path_that_cannot_be_a_folder_gives_one_line(raw_copy, tmp_path):
    out = tmp_path / "a_file"
    out.write_text("not a folder")
    done = subprocess.run([sys.executable, "-m", "analysis", "build", "--raw", str(raw_copy), "--out", str(out), "--quiet"], capture_output=True, text=True)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert str(out) in done.stderr


def test_csv_cells_a_spreadsheet_would_run_are_written_as_text(raw_copy, tmp_path):
    (raw_copy / "formula.txt").write_text(
        "测试镇2023年工作思路\n=HYPERLINK(\"http://example.invalid\",\"点击\")，全年财政收入增长8%。\n+1+2，-3，@SUM(A1)\n", encoding="utf-8"
    )
    _add_row(raw_copy, doc_id="formula_2023", file="formula.txt")
    out = tmp_path / "out"
    build(raw_copy, out, jobs=1, progress=False, cache_dir=None)
    parquet = pd.read_parquet(out / "sentences.parquet")
    csv_ = pd.read_csv(out / "sentences.csv", keep_default_na=False)
    raw_texts = parquet[parquet.doc_id == "formula_2023"].text.tolist()
    assert any(t.startswith("=HYPERLINK") for t in raw_texts)  # Parquet keeps the text exactly
    for name in ALL_TABLES:
        df = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        for col in [c.name for c in schema.TABLES[name]["columns"] if c.dtype == "string"]:  # numbers may be negative
            assert not df[col].str.match(r"[=+\-@\t\r]").any(), (name, col)
    assert any(t.startswith("'=HYPERLINK") for t in csv_[csv_.doc_id == "formula_2023"].text)


def test_a_long_line_without_punctuation_gives_bounded_rows_and_says_so(raw_copy):
    from analysis.split import MAX_SENTENCE_CHARS

    line = "".join(f"第{i}村完成投资{i + 10}万元，" for i in range(8000))  # ~130,000 characters, no 。
    (raw_copy / "long.txt").write_text("测试镇2023年工作思路\n" + line + "\n", encoding="utf-8")
    _add_row(raw_copy, doc_id="long_2023", file="long.txt")
    result = build_corpus(raw_copy, progress=False)
    t = result.tables["targets"]
    mine = t[t.doc_id == "long_2023"]
    assert len(mine) >= 7000 and mine.sentence.str.len().max() <= MAX_SENTENCE_CHARS
    log = result.tables["cleaning_log"]
    assert (log[log.doc_id == "long_2023"].step == "split_long_sentence").sum() == 1
    assert any("cut at clause marks" in p.problem for p in result.problems if p.doc_id == "long_2023")


def test_a_statistics_review_is_read_the_year_after_the_year_it_reports():
    from analysis.build import guess_report_year

    head = "2015年，面对严峻复杂的外部环境，全县经济平稳发展。\n一、综合\n初步测算，2015年全县地区生产总值244394万元，比上年增长13.1%。"
    assert guess_report_year(head) == 2016
    assert guess_report_year("山东法制传媒网：1月16日上午，县人民代表大会开幕。\n报告回顾了2024年的工作，过去一年……") == 2025


def test_a_statistics_release_of_part_of_a_year_is_of_that_year():
    from analysis.build import guess_report_year

    head = "2017年1-9月经济运行情况\n初步统计，2017年1-9月全镇实现地区生产总值45亿元，同比增长7.1%。"
    assert guess_report_year(head) == 2017


def test_summaries_and_part_year_reports_are_of_the_year_they_cover():
    from analysis.build import guess_report_year

    assert guess_report_year("大雁塔街道办事处2025年工作总结及2026年工作计划\n2025年，大雁塔街道…") == 2025
    assert guess_report_year("2020 年度某街道工作总结和 2021 年度工作思路\n今年以来，…") == 2020
    assert guess_report_year("关于2019年上半年国民经济和社会发展计划执行情况的报告\n2019-11-18 16:54文章来源:发改局") == 2019


def test_the_cache_key_covers_every_module_the_per_document_stages_import():
    """A change to any module a document's analysis runs must recompute its cached result
    (the extractor's attributes, candidates and timeframe modules were once left out)."""
    import ast

    from analysis.config import PACKAGE_DIR
    from analysis.store import PER_DOCUMENT_MODULES

    def imported(name: str) -> set[str]:
        out = set()
        for node in ast.walk(ast.parse((PACKAGE_DIR / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                mod = node.module or ""
                if node.level == 1 and mod:
                    out.add(mod.split(".")[0])
                elif mod.startswith("analysis."):
                    out.add(mod.split(".")[1])
                elif mod == "analysis" or (node.level == 1 and not mod):
                    out |= {a.name for a in node.names}
        return {m for m in out if (PACKAGE_DIR / f"{m}.py").exists()}

    for name in PER_DOCUMENT_MODULES:
        if name != "build":  # the build also runs the corpus-level stages, which are not cached per document
            assert imported(name) <= set(PER_DOCUMENT_MODULES), (name, imported(name) - set(PER_DOCUMENT_MODULES))


def test_a_year_spaced_out_by_a_pdf_copy_is_still_the_report_year():
    from analysis.build import guess_report_year

    assert guess_report_year("2023 年新疆自治区政府工作报告\n各位代表：", ["2023 年新疆自治区政府工作报告"]) == 2023


def _horizons(tmp_path, text: str, year: int, doc_type: str) -> list[str]:
    """Horizons of the figures of ``text`` read as one file by the ``targets`` command."""
    from analysis.build import targets_from_files

    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    table, _ = targets_from_files([path], report_year=year, doc_type=doc_type)
    return table["horizon"].tolist()


def test_a_story_of_a_congress_opening_in_december_reports_on_its_own_year(tmp_path):
    text = ("2020年东宝区政府工作报告\n12月25日，东宝区第八届人民代表大会第五次会议隆重开幕。\n2019年成绩\n"
            "全区引进亿元以上项目60个，其中10亿元以上项目5个。在2018年度全省县域经济考核中跃居一类。\n")
    assert set(_horizons(tmp_path, text, 2019, "news")) == {"2019"}


def test_a_news_story_dated_in_december_reviews_the_five_years_ending_that_year(tmp_path):
    text = ("本网汉中讯 12月9日，汉中市“十四五”规划系列新闻发布会第六场举行。\n"
            "五年来，全市新创建省级开发区8个。2020年以来城镇化率提高4.7个百分点。\n")
    assert _horizons(tmp_path, text, 2025, "news")[0] == "2021-2025"


def test_a_story_of_a_december_session_takes_the_past_year_as_its_own(tmp_path):
    text = "12月24日，县十八届人大五次会议开幕。2025年我县取得了哪些成绩？\n过去一年，完成18个乡镇综治中心规范化建设。\n"
    assert _horizons(tmp_path, text, 2025, "news") == ["2025"]


def test_a_summary_that_says_it_sums_up_its_own_year_reports_on_that_year(tmp_path):
    text = ("永康镇2021年政府工作报告\n2021年，永康镇经济社会各项事业持续向好，现将一年来工作总结如下。\n"
            "一、工作回顾\n新栽苹果苗木1570亩，比2020年增加300亩。\n")
    assert _horizons(tmp_path, text, 2021, "work_report")[0] == "2021"


def test_a_story_of_a_february_session_reviews_the_year_before_even_unsaid(tmp_path):
    text = ("2月2日，梧州市十三届人大二次会议开幕，市长代表市人民政府向大会作《政府工作报告》。\n"
            "2012年，是实施“十二五”规划承上启下的重要一年。\n预计完成地区生产总值690亿元，同比增长15%。\n")
    assert _horizons(tmp_path, text, 2012, "news") == ["2011", "2011"]
    # the same story opened in December reports on its own year
    assert _horizons(tmp_path, text.replace("2月2日", "12月2日"), 2012, "news") == ["2012", "2012"]


def test_a_bare_part_heading_of_four_characters_is_a_heading_not_a_speaker(tmp_path):
    from analysis.build import targets_from_files

    path = tmp_path / "story.txt"
    path.write_text("湖北荆州绘制2014年经济社会发展蓝图\n预期目标\n生产总值增长10.5%，城镇登记失业率控制在4.5%以内。\n"
                    "市长 马旭明\n", encoding="utf-8")
    table, _ = targets_from_files([path], report_year=2014, doc_type="news")
    assert table["kind"].tolist() == ["target", "target"]
    from analysis.split import front_matter_kind

    assert front_matter_kind("马旭明", first=False) == "speaker"
    assert front_matter_kind("预期目标", first=False) is None
