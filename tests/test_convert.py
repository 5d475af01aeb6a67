"""Reading reports as published: web pages, Word and PDF files (analysis.convert),
plan tables (analysis.tables) and adding reports with ``python -m analysis add``."""

from __future__ import annotations

import http.server
import re
import shutil
import socket
import threading

import pandas as pd
import pytest
from conftest import CORPUS_DIR

import formats as F
from analysis import convert
from analysis.build import build_corpus, targets_from_files
from analysis.cli import main
from analysis.clean import clean_text
from analysis.raw import RawFileError, read_manifest


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _body_sentences(lines: list[str]) -> list[str]:
    """The body as the cleaning gives it, cut at sentence marks."""
    cleaned = clean_text("\n".join(lines) + "\n").text
    return [s for s in re.split(r"(?<=[。；！？])|\n", cleaned) if s.strip()]


def _assert_body_without_chrome(reading: convert.Reading, lines: list[str]) -> None:
    text = _squeeze(clean_text(reading.text).text)
    missing = [s for s in _body_sentences(lines) if _squeeze(s) not in text]
    assert not missing, f"body sentences lost: {missing[:3]}"
    leaked = [c for c in F.CHROME if _squeeze(c) in text]
    assert not leaked, f"site or page chrome in the text: {leaked}"


def test_gbk_web_page_gives_the_body_and_logs_the_chrome():
    lines = F.body_lines()
    reading = convert.read_report(F.gbk_page(lines), "report.html")
    assert (reading.source_format, reading.encoding) == ("html", "gb18030")
    assert reading.converter.startswith("trafilatura ")
    _assert_body_without_chrome(reading, lines)
    dropped = " ".join(d["before"] for d in reading.dropped)
    for chrome in (F.SITE_NAV, F.BREADCRUMB, F.SHARE, "关闭窗口", "网站标识码"):
        assert chrome.split("：")[0] in dropped, f"{chrome!r} dropped without a log row"
    assert reading.metadata["page_date"] == "2022-01-25"
    assert reading.metadata["page_title"] == lines[0]
    # table rows stay rows, cells apart
    for row in F.TABLE:
        assert row in reading.text.split("\n")


def test_docx_paragraphs_and_table_in_order_without_its_page_header():
    lines = F.body_lines()
    reading = convert.read_report(F.docx_file(lines), "report.docx")
    assert reading.source_format == "docx" and reading.encoding == ""
    _assert_body_without_chrome(reading, lines)
    kept = [ln for ln in reading.text.split("\n") if ln]
    assert kept.index(F.TABLE[0]) == kept.index(F.raw_line(12)) + 1  # the table where it stood
    assert {d["context"] for d in reading.dropped} == {"Word section 1: page header", "Word section 1: page footer"}


def test_pdf_without_running_header_and_page_numbers_with_its_table():
    lines = F.body_lines()
    data = F.pdf_file(lines)
    reading = convert.read_report(data, "report.pdf")
    assert reading.source_format == "pdf" and reading.converter.startswith("pdfplumber ")
    _assert_body_without_chrome(reading, lines)
    kept = [ln for ln in reading.text.split("\n") if ln]
    assert kept[kept.index(F.TABLE[0]):][: len(F.TABLE)] == F.TABLE  # the ruled table, cells apart, in place
    whys = sorted(d["context"] for d in reading.dropped)
    assert whys == ["page 1: page number", "page 1: running header", "page 2: page number", "page 2: running header"]
    assert reading.metadata["pdf_title"] == lines[0]


def test_two_column_pdf_reads_the_left_column_first():
    left, right = F.seed_lines()[6:8], F.seed_lines()[8:10]
    text = _squeeze(convert.read_report(F.two_column_pdf(left, right), "two.pdf").text)
    positions = [text.find(_squeeze(p)) for p in left + right]
    assert -1 not in positions, "a paragraph was not read whole"
    assert positions == sorted(positions)


def test_scanned_pdf_without_ocr_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(convert, "_tesseract", lambda: None)
    with pytest.raises(RawFileError, match=r"^scan\.pdf: no text layer on pages 1, 2 \(a scanned PDF\); install Tesseract"):
        convert.read_report(F.scanned_pdf(2), "scan.pdf")


@pytest.mark.skipif(convert._tesseract() is None, reason="no Tesseract with chi_sim (Debian: tesseract-ocr tesseract-ocr-chi-sim); .ci/run installs it")
def test_scanned_pdf_is_read_by_ocr_when_tesseract_is_installed():
    lines = F.seed_lines()[3:5]
    reading = convert.read_report(F.scanned_pdf(1, lines), "scan.pdf")
    assert "tesseract" in reading.converter and "OCR: page 1" in reading.converter
    assert any("read by OCR" in n for n in reading.notes)  # the researcher is told to check its figures
    got = _squeeze(clean_text(reading.text).text)
    for sentence in _body_sentences(lines):
        assert _squeeze(sentence) in got


def test_doc_without_libreoffice_names_the_file_and_the_way_out(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(RawFileError, match=r"^old\.doc: .*LibreOffice, which is not installed.*save it as \.docx"):
        convert.read_report(convert._OLE_MAGIC + b"\0" * 600, "old.doc")


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"just text", "report.pdf", "named .pdf but its content is not a PDF"),
        (b"PK\x03\x04broken", "report.docx", "damaged zip"),
        (b"{\\rtf1\\ansi report}", "report.txt", "RTF document"),
    ],
)
def test_files_whose_bytes_contradict_their_name(data, name, message):
    with pytest.raises(RawFileError, match=re.escape(message)):
        convert.read_report(data, name)


def test_pdf_saved_as_txt_is_read_as_pdf():
    reading = convert.read_report(F.pdf_file(F.body_lines(False)), "report.txt")
    assert reading.source_format == "pdf"


def _facts(table: pd.DataFrame) -> list[tuple]:
    cols = ["indicator_raw", "value", "value_high", "unit", "comparator", "kind", "horizon", "is_annual_average"]
    return sorted(tuple(str(v) for v in r) for r in table[cols].itertuples(index=False))


def test_plan_table_gives_a_goal_and_a_result_per_row(tmp_path):
    # the title lines, the heading of the review part, the table (its figures stated nowhere else)
    path = F.save(tmp_path / "report.txt", F.as_text(F.seed_lines()[:6] + F.TABLE))
    table, problems = targets_from_files([path], report_year=2022, doc_type="government_work_report")
    assert not [p for p in problems if p.severity == "error"]
    rows = table[table["note"] == "table"]
    assert len(rows) == len(table)
    got = sorted((r.indicator_raw, r.value, r.unit, r.kind, r.horizon) for r in rows.itertuples())
    assert got == [
        ("地区生产总值", 45.0, "亿元", "target", "2021"),
        ("地区生产总值", 46.0, "亿元", "achieved", "2021"),
        ("工商注册市场主体", 6500.0, "家", "target", "2021"),
        ("工商注册市场主体", 6801.0, "家", "achieved", "2021"),
    ]
    assert set(rows["kind_cue"]) == {"table: 预期目标 column", "table: 完成情况 column"}
    for r in rows.itertuples():  # every figure leads back to its cell of its row
        assert r.sentence.startswith(r.indicator_raw) and r.figure_text in r.sentence.split(" | ")
        assert r.char_end - r.char_start == len(r.figure_text)


def test_five_year_plan_table_years_and_annual_growth(tmp_path):
    text = "\n".join([
        "“十四五”时期经济社会发展主要指标",
        "指标 | 单位 | 2020年 | 2025年 | 年均增长 | 属性",
        "地区生产总值 | 亿元 | 1485 | 2200 | 7%左右 | 预期性",
        "研发经费支出占比 | % | 2.5 | 3.2 | [0.14] | 预期性",
    ]) + "\n"
    path = F.save(tmp_path / "plan.txt", text.encode("utf-8"))
    table, _ = targets_from_files([path], report_year=2021, doc_type="five_year_plan", period="2021-2025")
    got = sorted((r.indicator_raw, r.value, r.kind, r.horizon, r.comparator, bool(r.is_annual_average)) for r in table.itertuples())
    assert ("地区生产总值", 1485.0, "achieved", "2020", "=", False) in got
    assert ("地区生产总值", 2200.0, "target", "2025", "=", False) in got
    assert ("地区生产总值", 7.0, "target", "2021-2025", "~", True) in got
    assert ("研发经费支出占比", 3.2, "target", "2025", "=", False) in got


# --------------------------------------------------------------------------
# add, then build: the same report as a web page, a Word file and a PDF
# --------------------------------------------------------------------------

ADD_ARGS = ["--place", "山下湖镇", "--level", "town", "--parent", "诸暨市", "--year", "2022", "--type", "government_work_report"]


@pytest.fixture
def raw_copy(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(CORPUS_DIR, raw)
    return raw


@pytest.mark.integration
def test_added_web_page_word_and_pdf_build_like_their_text(raw_copy, tmp_path, capsys):
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    made = {
        "html": (F.save(incoming / "shanxiahu.html", F.gbk_page(F.body_lines())), F.body_lines()),
        # one more paragraph: the same text twice would be built once
        "docx": (F.save(incoming / "shanxiahu.docx", F.docx_file(F.body_lines() + [F.raw_line(51)])), F.body_lines() + [F.raw_line(51)]),
        "pdf": (F.save(incoming / "shanxiahu.pdf", F.pdf_file(F.body_lines() + [F.raw_line(52)])), F.body_lines() + [F.raw_line(52)]),
    }
    for fmt, (path, _) in made.items():
        assert main(["add", str(path), *ADD_ARGS, "--doc-id", f"new_{fmt}", "--raw", str(raw_copy)]) == 0
        assert (raw_copy / f"new_{fmt}.{fmt}").read_bytes() == path.read_bytes()  # copied unchanged
    out = capsys.readouterr().out
    assert out.count("check: ok") == 3
    manifest, problems = read_manifest(raw_copy)
    assert not [p for p in problems if p.severity == "error"]
    row = manifest.set_index("doc_id").loc["new_html"]
    assert row["title"] == F.body_lines()[0] and row["retrieved"] and row["sha256"] and row["source_file"] == "shanxiahu.html"

    result = build_corpus(raw_copy)
    tables = result.tables
    docs = tables["documents"].set_index("doc_id")
    assert not [p for p in result.problems if p.severity == "error"], result.problems
    for fmt, (_, lines) in made.items():
        doc = docs.loc[f"new_{fmt}"]
        assert doc["source_format"] == fmt and doc["converter"]
        text = _squeeze(doc["text"])
        assert all(_squeeze(s) in text for s in _body_sentences(lines)), fmt
        assert not [c for c in F.CHROME if _squeeze(c) in text], fmt
        log = tables["cleaning_log"]
        assert (log[(log["doc_id"] == f"new_{fmt}")]["step"].str.startswith("extract_")).any(), fmt
        # the same targets as the same text given as plain text
        txt = F.save(tmp_path / f"{fmt}.txt", F.as_text(lines))
        expected, _ = targets_from_files([txt], report_year=2022, doc_type="government_work_report")
        got = tables["targets"][tables["targets"]["doc_id"] == f"new_{fmt}"]
        assert len(expected) > 10
        assert _facts(got) == _facts(expected), fmt


class _Pages(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[bytes, str]] = {}

    def do_GET(self):  # noqa: N802 - the handler's API
        if self.path not in self.pages:
            self.send_error(404)
            return
        body, ctype = self.pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Pages.pages = {"/art/2022/1/25/art_1.html": (F.gbk_page(F.body_lines()), "text/html; charset=gb2312"),
                    "/download?id=7": (F.pdf_file(F.body_lines(False)), "application/pdf")}
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_add_downloads_a_page_and_a_pdf_from_a_local_server(raw_copy, server, capsys):
    url = server + "/art/2022/1/25/art_1.html"
    assert main(["add", url, *ADD_ARGS, "--raw", str(raw_copy)]) == 0
    manifest, _ = read_manifest(raw_copy)
    row = manifest.set_index("doc_id").loc["shanxiahu_2022_government_work_report"]
    assert row["file"] == "shanxiahu_2022_government_work_report.html"
    assert row["source_url"] == url and row["source_file"] == "art_1.html"
    assert main(["add", server + "/download?id=7", *ADD_ARGS, "--doc-id", "shanxiahu_2022_pdf", "--raw", str(raw_copy)]) == 0
    assert (raw_copy / "shanxiahu_2022_pdf.pdf").exists()  # the suffix from the content type
    assert main(["add", url, *ADD_ARGS, "--doc-id", "again", "--raw", str(raw_copy)]) == 1  # the same file twice
    assert "already in the corpus" in capsys.readouterr().err


def test_add_refuses_what_it_cannot_fetch_or_read_with_one_line(raw_copy, server, tmp_path, capsys, monkeypatch):
    before = (raw_copy / "manifest.csv").read_bytes()
    silent = socket.socket()  # accepts connections, never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    refused = socket.socket()
    refused.bind(("127.0.0.1", 0))
    refused_port = refused.getsockname()[1]
    refused.close()
    monkeypatch.setattr(convert, "_tesseract", lambda: None)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    cases = [
        ([f"http://127.0.0.1:{silent.getsockname()[1]}/report.html", "--timeout", "1"], "no answer within 1 s"),
        ([f"http://127.0.0.1:{refused_port}/report.html"], "cannot be downloaded"),
        ([server + "/missing.html"], "HTTP 404"),
        ([str(F.save(tmp_path / "scan.pdf", F.scanned_pdf(1)))], "no text layer on page 1"),
        ([str(F.save(tmp_path / "old.doc", convert._OLE_MAGIC + b"\0" * 600))], "LibreOffice, which is not installed"),
    ]
    try:
        for args, message in cases:
            assert main(["add", *args, *ADD_ARGS, "--raw", str(raw_copy)]) == 1
            err = capsys.readouterr().err.strip().splitlines()
            assert len(err) == 1 and message in err[0] and args[0] in err[0], err
    finally:
        silent.close()
    assert (raw_copy / "manifest.csv").read_bytes() == before  # nothing was added
    assert sorted(p.name for p in raw_copy.iterdir()) == sorted(p.name for p in CORPUS_DIR.iterdir())


class _FakePage:
    width, height = 595.0, 842.0

    def __init__(self, texts):
        self.chars = [{"text": t, "x0": 60.0 + 11 * k, "x1": 71.0 + 11 * k, "top": 100.0, "bottom": 111.0, "size": 11.0}
                      for k, t in enumerate(texts)]

    def find_tables(self):
        return []


class _FakePdf:
    metadata: dict = {}

    def __init__(self, pages):
        self.pages = pages

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_pdf_text_layer_without_unicode_mapping_fails_loudly(monkeypatch):
    import pdfplumber

    good = list("现在，我代表镇人民政府向大会作工作报告。")
    pages = [_FakePage(good), _FakePage(["(cid:3)", "(cid:17)"] * 10 + good[:4])]
    monkeypatch.setattr(pdfplumber, "open", lambda *_a, **_k: _FakePdf(pages))
    with pytest.raises(RawFileError, match=r"^codes\.pdf: the text layer of page\(s\) 2 has no Unicode mapping"):
        convert.read_report(b"%PDF-1.4 fake", "codes.pdf")
    pages[1] = _FakePage(good[:-1] + ["\ufffd"] * 5)
    with pytest.raises(RawFileError, match=r"page\(s\) 2 has no Unicode mapping"):
        convert.read_report(b"%PDF-1.4 fake", "codes.pdf")
    pages[1] = _FakePage(good)
    assert "向大会作工作报告" in convert.read_report(b"%PDF-1.4 fake", "codes.pdf").text


def test_every_cleaning_step_has_a_label_in_both_languages():
    """The cleaning figure names each step: a step added to the code needs its row in cleaning_steps.csv."""
    from analysis.config import PROJECT_ROOT

    src = PROJECT_ROOT / "src" / "analysis"
    code = "".join((src / f).read_text(encoding="utf-8") for f in ("clean.py", "build.py", "convert.py"))
    steps = set(re.findall(r'(?:log\.add|log\.diff)\(\s*"(\w+)"', code)) | set(re.findall(r'step="(\w+)"', code))
    steps |= set(re.findall(r'"(extract_\w+_(?:body|text))"', code))
    steps |= {name for name, _ in __import__("analysis.clean", fromlist=["CHAR_STEPS"]).CHAR_STEPS}
    labels = pd.read_csv(src / "data" / "cleaning_steps.csv", dtype=str, keep_default_na=False).set_index("step")
    assert len(steps) >= 15
    missing = sorted(steps - set(labels.index))
    assert not missing, f"steps without a label: {missing}"
    assert (labels["zh"] != "").all() and (labels["en"] != "").all()


def test_statistics_table_with_outer_bars_gives_results_with_column_units(tmp_path):
    # a communique's table as web pages render it: a title row, outer bars, 年末数 and 比重(%) columns
    text = "\n".join([
        "某旗2019年国民经济",
        "和社会发展统计公报",
        "一、综合",
        "| 表1 2019年年末人口数及构成 | |||",
        "| 指 标 | 单位 | 年末数 | 比重(%) |",
        "| 总户数 | 户 | 64933 | |",
        "| 其中: 城镇 | 人 | 90730 | 62.1 |",
        "| 60岁及以上 | 人 | 25215 | 17.3 |",
        "初步核算，全年生产总值增长6.5%。",
    ]) + "\n"
    path = F.save(tmp_path / "gongbao.txt", text.encode("utf-8"))
    table, _ = targets_from_files([path])
    got = sorted((r.indicator_raw, r.value, r.unit, r.measure, r.kind, r.horizon) for r in table[table["note"] == "table"].itertuples())
    assert got == [
        ("60岁及以上", 17.3, "%", "share", "achieved", "2019"),
        ("60岁及以上", 25215.0, "人", "level", "achieved", "2019"),
        ("城镇", 62.1, "%", "share", "achieved", "2019"),
        ("城镇", 90730.0, "人", "level", "achieved", "2019"),
        ("总户数", 64933.0, "户", "level", "achieved", "2019"),
    ]
    assert table[table["value"] == 6.5]["horizon"].tolist() == ["2019"]  # the title wraps, the year read from it


def test_a_rate_column_is_in_percent_whatever_the_unit_column_says(tmp_path):
    text = "2024年某县统计公报\n产品名称 | 单位 | 产量 | 比上年增长(±%) |\n粮食 | 吨 | 848656 | 0.02 |\n生猪出栏量 | 万头 | 33.57 | 12.7 |\n"
    path = F.save(tmp_path / "t.txt", text.encode("utf-8"))
    table, _ = targets_from_files([path], report_year=2025)
    got = sorted((r.indicator_raw, r.value, r.unit, r.measure) for r in table.itertuples())
    assert got == [("生猪出栏量", 12.7, "%", "growth"), ("生猪出栏量", 33.57, "万头", "level"),
                   ("粮食", 0.02, "%", "growth"), ("粮食", 848656.0, "吨", "level")]
