"""Scoring against hand-checked gold rows."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.evaluate import GOLD_COLUMNS, evaluate, load_gold, match_table, normalise_text, normalise_unit
from analysis.targets import extract_targets


def gold_rows(*rows) -> pd.DataFrame:
    base = {c: "" for c in GOLD_COLUMNS}
    out = []
    for r in rows:
        row = dict(base, doc_id="doc", kind="target", comparator="=", is_annual_average=False, is_redacted=False)
        row.update(r)
        row["value"] = float(row["value"]) if row.get("value", "") != "" else math.nan
        row["value_high"] = float(row["value_high"]) if row.get("value_high", "") != "" else math.nan
        out.append(row)
    return pd.DataFrame(out)


def extracted_rows(*rows) -> pd.DataFrame:
    out = []
    for i, r in enumerate(rows, start=1):
        row = dict(target_id=f"doc-s0001-t{i}", doc_id="doc", kind="target", comparator="=", horizon="2022", unit="", value=math.nan)
        row.update(r)
        out.append(row)
    return pd.DataFrame(out)


SENT = "全镇经济社会发展预期目标是：地区生产总值增长8%以上；"


def test_normalisation():
    assert normalise_text("地区生产总值增长8％以上，\n 固定资产") == "地区生产总值增长8%以上,固定资产"
    assert normalise_text(None) == ""
    assert normalise_unit("％") == "%" and normalise_unit(math.nan) == ""


def test_perfect_match_and_scores():
    gold = gold_rows(dict(context="地区生产总值增长8%以上", value=8, unit="%", comparator=">=", horizon="2022"))
    ext = extracted_rows(dict(sentence=SENT, figure_text="8%以上", value=8.0, unit="%", comparator=">="))
    r = evaluate(gold, ext)
    assert (r["precision"], r["recall"], r["f1"]) == (1.0, 1.0, 1.0)
    assert r["comparator_accuracy"] == 1.0 and r["horizon_accuracy"] == 1.0
    assert r["n_matched"] == 1 and r["unmatched_gold"].empty and r["unmatched_extracted"].empty


def test_full_width_context_and_unit_fold():
    gold = gold_rows(dict(context="地区生产总值增长8％以上", value=8, unit="％"))
    ext = extracted_rows(dict(sentence=SENT.replace("；", ";"), figure_text="8%以上", value=8.0, unit="%"))
    assert evaluate(gold, ext)["n_matched"] == 1


def test_value_unit_and_kind_must_agree():
    gold = gold_rows(
        dict(context="增长8%以上", value=8, unit="%"),
        dict(context="增长8%以上", value=8, unit="%", kind="achieved"),
    )
    ext = extracted_rows(dict(sentence=SENT, figure_text="8%以上", value=8.0, unit="%"))
    r = evaluate(gold, ext)
    assert r["n_matched"] == 1 and r["n_missed"] == 1
    assert r["recall"] == 0.5 and r["precision"] == 1.0


def test_mismatch_at_the_same_place_is_reported():
    gold = gold_rows(dict(context="地区生产总值增长8%以上", value=8, unit="%"))
    ext = extracted_rows(dict(sentence=SENT, figure_text="8%以上", value=8.0, unit="", comparator=">="))
    t = match_table(gold, ext)
    assert list(t["status"]) == ["mismatch"]
    r = evaluate(gold, ext)
    assert r["n_matched"] == 0 and r["n_mismatched"] == 1 and len(r["unmatched_extracted"]) == 1


def test_nan_values_match_and_float_tolerance():
    gold = gold_rows(
        dict(context="全年实现财政总收入增长X％", unit="%", is_redacted=True),
        dict(context="占据三分之一", value=0.3333, unit="fraction"),
    )
    ext = extracted_rows(
        dict(sentence="全年实现财政总收入增长X％，", figure_text="X％", unit="%"),
        dict(sentence="胡润全球珍珠企业创新品牌榜50强企业占据三分之一。", figure_text="三分之一", value=1 / 3, unit="fraction"),
    )
    assert evaluate(gold, ext)["n_matched"] == 2


def test_context_across_a_sentence_boundary():
    gold = gold_rows(dict(context="高质量实现“教育倍增”。建成 200", value=200, unit="所", comparator=">="))
    ext = extracted_rows(dict(sentence="建成 200所以上幼儿园和中小学，建优建好高中。", figure_text="200所以上", value=200.0, unit="所", comparator=">="))
    assert evaluate(gold, ext)["n_matched"] == 1


def test_one_to_one_in_document_order():
    gold = gold_rows(dict(context="新增“爱心食堂”2个", value=2, unit="个"), dict(context="创建星级农村文化礼堂2个", value=2, unit="个"))
    sent = "新增“爱心食堂”2个，创建星级农村文化礼堂2个。"
    ext = extracted_rows(dict(sentence=sent, figure_text="2个", value=2.0, unit="个"), dict(sentence=sent, figure_text="2个", value=2.0, unit="个"))
    t = match_table(gold, ext)
    assert list(t["status"]) == ["match", "match"]
    assert list(t["target_id"]) == ["doc-s0001-t1", "doc-s0001-t2"]


def test_other_documents_never_match():
    gold = gold_rows(dict(context="地区生产总值增长8%以上", value=8, unit="%"))
    ext = extracted_rows(dict(doc_id="other", sentence=SENT, figure_text="8%以上", value=8.0, unit="%"))
    r = evaluate(gold, ext)
    assert r["n_matched"] == 0 and r["n_spurious"] == 1 and r["n_missed"] == 1
    assert r["precision"] == 0.0 and r["recall"] == 0.0 and r["f1"] == 0.0


def test_comparator_and_horizon_accuracy():
    gold = gold_rows(
        dict(context="地区生产总值增长8%以上", value=8, unit="%", comparator=">=", horizon="2022"),
        dict(context="固定资产投资增长10%", value=10, unit="%", comparator="=", horizon="2022"),
    )
    ext = extracted_rows(
        dict(sentence=SENT, figure_text="8%以上", value=8.0, unit="%", comparator=">=", horizon="2026"),
        dict(sentence="全年确保固定资产投资增长10%。", figure_text="10%", value=10.0, unit="%", comparator="~"),
    )
    r = evaluate(gold, ext)
    assert r["comparator_accuracy"] == 0.5 and r["horizon_accuracy"] == 0.5
    assert set(r["by_doc"]["doc_id"]) == {"doc"}


def test_load_gold_from_files_and_folder(tmp_path):
    a = tmp_path / "targets_a.csv"
    a.write_text(
        "doc_id,context,indicator_raw,value,value_high,unit,comparator,reference,measure,kind,horizon,is_annual_average,is_redacted,notes\n"
        "a,地区生产总值增长8%以上,地区生产总值,8,,%,>=,,growth,target,2022,false,false,\n"
        "a,增长X％,财政总收入,,,%,=,,growth,target,2022,FALSE,true,masked\n",
        encoding="utf-8",
    )
    b = tmp_path / "targets_b.csv"
    b.write_text("doc_id,context,value,unit,kind\nb,1-2个村,1,个,target\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x\n1\n", encoding="utf-8")
    g = load_gold(tmp_path)
    assert list(g["doc_id"]) == ["a", "a", "b"]
    assert g["value"].iloc[0] == 8.0 and math.isnan(g["value"].iloc[1])
    assert list(g["is_redacted"]) == [False, True, False]
    assert g["reference"].iloc[2] == ""
    assert set(GOLD_COLUMNS) <= set(g.columns)
    assert len(load_gold([a])) == 2 and len(load_gold(str(b))) == 1
    assert len(load_gold([])) == 0


def test_end_to_end_with_the_extractor():
    sentences = pd.DataFrame(
        [
            dict(sentence_id="doc-s0001", doc_id="doc", unit_id="u", section_id="s", paragraph_id="p1", text="全镇经济社会发展预期目标是：", char_start=0, char_end=14, is_heading=False, part="plan", heading_path="2022年工作建议", report_year=2022),
            dict(sentence_id="doc-s0002", doc_id="doc", unit_id="u", section_id="s", paragraph_id="p1", text="地区生产总值增长8%以上；", char_start=14, char_end=27, is_heading=False, part="plan", heading_path="2022年工作建议", report_year=2022),
            dict(sentence_id="doc-s0003", doc_id="doc", unit_id="u", section_id="s", paragraph_id="p1", text="居民人均可支配收入增长高于经济增长水平；", char_start=27, char_end=47, is_heading=False, part="plan", heading_path="2022年工作建议", report_year=2022),
        ]
    )
    gold = gold_rows(
        dict(context="地区生产总值增长8%以上", value=8, unit="%", comparator=">=", horizon="2022"),
        dict(context="居民人均可支配收入增长高于经济增长水平", comparator="relative", reference="经济增长", horizon="2022"),
    )
    r = evaluate(gold, extract_targets(sentences))
    assert r["n_matched"] == 2 and r["precision"] == 1.0 and r["recall"] == 1.0
    assert r["comparator_accuracy"] == 1.0 and r["horizon_accuracy"] == 1.0


@pytest.mark.parametrize("bad", [pd.DataFrame(), pd.DataFrame({"doc_id": [], "sentence": []})])
def test_empty_extracted(bad):
    gold = gold_rows(dict(context="地区生产总值增长8%以上", value=8, unit="%"))
    r = evaluate(gold, bad)
    assert r["n_matched"] == 0 and r["n_missed"] == 1 and r["recall"] == 0.0
