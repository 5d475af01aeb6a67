"""The numbers layer: one numeric expression at a time (snippets from the corpus)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.numbers import (
    Quantity,
    chinese_numeral_value,
    fold_text,
    parse_number,
    plan_period,
    scan_quantities,
    split_unit,
    to_base,
)


def _nan(x) -> bool:
    return isinstance(x, float) and math.isnan(x)


@pytest.mark.parametrize(
    "text, value, value_high, unit, comparator",
    [
        ("8%以上", 8, None, "%", ">="),
        ("1.5万亿元", 1.5, None, "万亿元", "="),
        ("6%至6.5%", 6, 6.5, "%", "range"),
        ("4.5%—5%", 4.5, 5, "%", "range"),
        ("1-2个", 1, 2, "个", "range"),
        ("1,200万人", 1200, None, "万人", "="),
        ("千亿元", 1000, None, "亿元", "="),
        ("两千三百亿元", 2300, None, "亿元", "="),
        ("超亿元", 1, None, "亿元", ">"),
        ("百分之七十", 70, None, "%", "="),
        ("3倍", 3, None, "倍", "="),
        ("翻番", 2, None, "倍", "="),
        ("翻三倍", 3, None, "倍", "="),
        ("零突破", 0, None, "", ">"),
        ("清零", 0, None, "", "="),
        ("3600余家", 3600, None, "家", ">"),
        ("6.5%左右", 6.5, None, "%", "~"),
        ("1.75以内", 1.75, None, "", "<="),
        ("不低于8%", 8, None, "%", ">="),
        ("约3%", 3, None, "%", "~"),
        ("4个百分点", 4, None, "个百分点", "="),
        ("100万吨/日", 100, None, "万吨/日", "="),
        ("120万㎡", 120, None, "万㎡", "="),
        ("200所以上", 200, None, "所", ">="),
        ("50 个村以上", 50, None, "个", ">="),
        ("8500万公斤", 8500, None, "万公斤", "="),
    ],
)
def test_parse_number(text, value, value_high, unit, comparator):
    q = parse_number(text)
    assert q.value == pytest.approx(value)
    if value_high is None:
        assert _nan(q.value_high)
    else:
        assert q.value_high == pytest.approx(value_high)
    assert q.unit == unit
    assert q.comparator == comparator
    assert not q.is_redacted


@pytest.mark.parametrize("text, value", [("三分之一", 1 / 3), ("1/40", 0.025), ("1/10", 0.1)])
def test_fractions(text, value):
    q = parse_number(text)
    assert q.unit == "fraction"
    assert q.value == pytest.approx(value, abs=1e-4)


@pytest.mark.parametrize(
    "text, unit",
    [("X％", "%"), ("XX%", "%"), ("XX亿元", "亿元"), ("XXX万美元以上", "万美元"), ("X只", "只"), ("X家以上", "家")],
)
def test_masks_are_redacted_without_value(text, unit):
    q = parse_number(text)
    assert q.is_redacted
    assert _nan(q.value)
    assert q.unit == unit


def test_unit_slip_is_kept_as_written_and_flagged():
    q = parse_number("完成分质供水2000方万")
    assert q.value == 2000
    assert q.unit == "方万"
    assert q.note == "unit_slip"


@pytest.mark.parametrize(
    "text, value",
    [("两千三百", 2300), ("千", 1000), ("二〇三五", 2035), ("一百零五", 105), ("三点五", 3.5), ("十五万", 150000), ("三亿五千万", 350000000)],
)
def test_chinese_numerals(text, value):
    assert chinese_numeral_value(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "十四五", "规划", "8%以上", None])
def test_chinese_numerals_reject_non_numerals(text):
    assert chinese_numeral_value(text) is None


@pytest.mark.parametrize(
    "text, period",
    [("十四五", (2021, 2025)), ("“十五五”", (2026, 2030)), ("十三五期间", (2016, 2020)), ("推进“十四五”规划", (2021, 2025)), ("规划", None)],
)
def test_plan_period(text, period):
    assert plan_period(text) == period


@pytest.mark.parametrize(
    "value, unit, base_value, base_unit",
    [
        (1.5, "万亿元", 1.5e12, "元"),
        (25, "万人", 250000, "人"),
        (8, "%", 8, "%"),
        (4, "个百分点", 4, "个百分点"),
        (1000, "亿元", 1e11, "元"),
        (700, "万美元", 7e6, "美元"),
        (120, "万㎡", 1.2e6, "平方米"),
        (50, "万", 500000, ""),
        (0.25, "fraction", 0.25, "fraction"),
        (2.5, "万吨标煤", 25000, "吨标准煤"),
    ],
)
def test_to_base(value, unit, base_value, base_unit):
    v, u = to_base(value, unit)
    assert v == pytest.approx(base_value)
    assert u == base_unit


def test_split_unit():
    assert split_unit("万亿元") == ("万亿", "元")
    assert split_unit("千瓦") == ("", "千瓦")
    assert split_unit("个百分点") == ("", "个百分点")


@pytest.mark.parametrize(
    "text",
    ["G60", "G235", "5G", "PM2.5", "PM_{2.5}", "4A级", "3A级", "2.0版", "84.5号文件", "84.5 号文件", "60周年", "4+X", "2022年", "2021-2035年"],
)
def test_identifiers_and_years_are_flagged_not_figures(text):
    for q in scan_quantities(text):
        assert q.is_identifier or q.unit_kind in ("time", "name"), (text, q)


def test_scan_skips_dates_and_keeps_spans():
    text = "2022年1月18日，争取新增市场主体100家"
    found = scan_quantities(text)
    assert [q.text for q in found if q.unit_kind not in ("time",)] == ["100家"]
    q = found[-1]
    assert text[q.start:q.end] == "100家"


def test_fold_text_keeps_length_and_folds_width_and_script():
    raw = "地區生產總值增長８％以上，，一般公共預算收入（億元）"
    folded = fold_text(raw)
    assert len(folded) == len(raw)
    assert folded.startswith("地区生产总值增长8%以上,,")
    assert "(亿元)" in folded


def test_parse_number_never_raises_on_odd_input():
    for text in ["", "乱码", "%%%", "X", "……", "1/0", "0/0", "翻番番", "百分之", "分之", None, 12]:
        q = parse_number(text)
        assert isinstance(q, Quantity)


_ALPHABET = st.sampled_from(list("0123456789.,%％XxX*万亿千百十一二两三四五六七八九零〇分之至到-—~年月日个家元以上左右超约增长下降“”（）(),;；，。、：:+/ GPM_{}翻番清零突破倍余多地區生產總值"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_property_scan_and_parse_never_raise(text):
    for q in scan_quantities(text):
        assert isinstance(q, Quantity)
        assert 0 <= q.start <= q.end <= len(text)
        assert isinstance(q.value, float)
        assert isinstance(q.unit, str)
        assert isinstance(q.is_redacted, bool)
    q = parse_number(text)
    assert isinstance(q.value, float) and isinstance(q.unit, str) and isinstance(q.comparator, str)
    v, u = to_base(q.value, q.unit)
    assert isinstance(v, float) and isinstance(u, str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_property_arbitrary_unicode(text):
    assert len(fold_text(text)) == len(text)
    for q in scan_quantities(text):
        assert isinstance(q, Quantity)
    parse_number(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,%X*翻百千万亿一二两三十零〇清分之倍点年个元以上至-~ 增长率")), max_size=30))
def test_first_character_lookahead_changes_no_match(text):
    """The master pattern's leading lookahead only skips positions no alternative can start at."""
    import re

    from analysis.numbers import _patterns

    master = _patterns().master
    prefix = master.pattern.index("(?:")
    inner = re.compile(master.pattern[prefix + 3 : -1])
    assert [m.span() for m in master.finditer(text)] == [m.span() for m in inner.finditer(text)]
