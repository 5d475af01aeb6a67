"""The targets table on the real corpus, the `targets` and `evaluate` commands."""

from __future__ import annotations

import io
import math
from contextlib import redirect_stdout

import opencc
import pandas as pd
import pytest

from analysis.cli import main
from analysis.config import PROJECT_ROOT, RAW_DIR
from analysis.evaluate import evaluate, load_gold

pytestmark = pytest.mark.integration
GOLD_DIR = PROJECT_ROOT / "tests" / "data" / "gold"
KEY = ["value", "unit", "comparator", "kind", "horizon", "is_redacted"]


def test_targets_point_back_to_their_sentence(built):
    result, _ = built
    t = result.tables["targets"]
    texts = dict(zip(result.tables["documents"].doc_id, result.tables["documents"].text))
    sentences = result.tables["sentences"].set_index("sentence_id")
    assert len(t) > 250
    for row in t.itertuples():
        assert texts[row.doc_id][row.char_start : row.char_end] == row.figure_text
        s = sentences.loc[row.sentence_id]
        assert s.char_start <= row.char_start and row.char_end <= s.char_end
        assert (s.unit_id, s.section_id, s.text) == (row.unit_id, row.section_id, row.sentence)


def test_masked_figures_are_rows_without_a_value(built):
    result, _ = built
    t = result.tables["targets"]
    masked = t[t.is_redacted]
    assert set(masked.doc_id) == {"wuxie_2022_work_plan"}
    assert masked.value.isna().all()
    assert "X%" in masked.figure_text.tolist()  # 财政总收入增长X％


def test_corpus_scores_meet_the_issue_targets(built):
    result, _ = built
    scores = evaluate(load_gold([GOLD_DIR]), result.tables["targets"])
    assert scores["recall"] >= 0.95
    assert scores["precision"] >= 0.90
    assert scores["comparator_accuracy"] >= 0.95
    assert scores["horizon_accuracy"] >= 0.90


def _targets_cli(*args) -> pd.DataFrame:
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["targets", *map(str, args)]) == 0
    df = pd.read_csv(io.StringIO(buf.getvalue()), keep_default_na=False)
    for col in ("value", "value_high", "value_base"):
        df[col] = pd.to_numeric(df[col])
    return df


def _key_rows(df: pd.DataFrame) -> list[tuple]:
    rows = []
    for r in df[KEY].itertuples(index=False):
        value = None if math.isnan(r.value) else float(r.value)
        rows.append((value, r.unit, r.comparator, r.kind, str(r.horizon), str(r.is_redacted)))
    return rows


def test_targets_command_reads_a_report_without_a_manifest(tmp_path):
    df = _targets_cli(RAW_DIR / "shanxiahu_2022_work_report.txt")
    assert {"indicator_raw", "value", "unit", "comparator", "kind", "horizon", "sentence"} <= set(df.columns)
    gdp = df[(df.indicator == "gdp") & (df.kind == "target")]
    # 今后五年…地区生产总值年均增长6.5%左右 and 2022年…地区生产总值增长8%以上
    assert {(6.5, "~", "2022-2026"), (8.0, ">=", "2022")} <= {(r.value, r.comparator, str(r.horizon)) for r in gdp.itertuples()}


def test_traditional_script_and_odd_punctuation_read_the_same(tmp_path):
    simplified = (RAW_DIR / "shanxiahu_2022_work_report.txt").read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2t").convert(simplified)
    odd = simplified.replace(",", ",,", 20).replace(";", ",;")
    (tmp_path / "s.txt").write_text(simplified, encoding="utf-8")
    (tmp_path / "t.txt").write_text(traditional, encoding="utf-8")
    (tmp_path / "o.txt").write_text(odd, encoding="utf-8")
    base = _key_rows(_targets_cli(tmp_path / "s.txt"))
    assert _key_rows(_targets_cli(tmp_path / "t.txt")) == base
    assert _key_rows(_targets_cli(tmp_path / "o.txt")) == base


def test_targets_command_takes_a_year_when_the_text_has_none(tmp_path):
    (tmp_path / "plan.txt").write_text("全年实现地区生产总值增长7%左右，固定资产投资增长X%。\n", encoding="utf-8")
    df = _targets_cli(tmp_path / "plan.txt", "--year", "2023")
    assert df.value.tolist()[0] == 7.0 and df.comparator.tolist()[0] == "~"
    assert df.is_redacted.tolist() == [False, True]


def test_evaluate_command_prints_scores(built, capsys):
    _, out = built
    assert main(["evaluate", str(GOLD_DIR), "--targets", str(out / "targets.parquet")]) == 0
    printed = capsys.readouterr().out
    assert "precision" in printed and "recall" in printed and "horizon accuracy" in printed
