"""Cleaning steps, each tested on snippets copied from the real corpus."""

from __future__ import annotations

import pytest

from analysis.clean import (
    clean_text,
    collapse_repeated_punct,
    fullwidth_to_halfwidth,
    halfwidth_punct_to_fullwidth,
    normalize_chars,
    remove_spaces_around_figures,
    to_simplified,
)


@pytest.mark.parametrize(
    "raw,clean",
    [
        # 002: half-width punctuation in Chinese text
        ("聚焦主题主线,有力有序推进,在", "聚焦主题主线，有力有序推进，在"),
        ("年均分别增长7.2%、9.4%;出口超过", "年均分别增长7.2%、9.4%；出口超过"),
        ("各位代表、同志们:", "各位代表、同志们："),
        ("(六)担当更有力。", "（六）担当更有力。"),
        ("5个村(社区)评定为3A级景区村", "5个村（社区）评定为3A级景区村"),
        # numbers keep their ASCII marks
        ("由2.34:4:63.6调整为1.4:32:66.6", "由2.34:4:63.6调整为1.4:32:66.6"),
        ("新增就业1,200万人", "新增就业1,200万人"),
        ("PM_{2.5}和臭氧", "PM_{2.5}和臭氧"),
    ],
)
def test_halfwidth_punct_to_fullwidth(raw, clean):
    assert halfwidth_punct_to_fullwidth(raw) == clean


@pytest.mark.parametrize(
    "raw,clean",
    [
        ("财政总收入增长X％", "财政总收入增长X%"),  # 001: full-width percent; mask kept
        ("增长１０．５％", "增长10.5%"),
        ("ＧＤＰ达４６亿元", "GDP达46亿元"),
        ("XX亿元以上项目X只", "XX亿元以上项目X只"),
        ("*镇“四个样板”", "*镇“四个样板”"),
    ],
)
def test_fullwidth_to_halfwidth(raw, clean):
    assert fullwidth_to_halfwidth(raw) == clean


@pytest.mark.parametrize(
    "raw,clean",
    [
        ("2024 年完成所有老旧小区改造提升", "2024年完成所有老旧小区改造提升"),  # 003
        ("新改建城市道路100 公里以上", "新改建城市道路100公里以上"),
        ("建设新 CBD、义乌", "建设新CBD、义乌"),
        ("形成 38 平", "形成38平"),
        ("（84.5 号", "（84.5号"),
        ("郭 南", "郭 南"),  # a name stays as written
        ("做到“五个坚持” 争当“五个表率”", "做到“五个坚持” 争当“五个表率”"),
    ],
)
def test_remove_spaces_around_figures(raw, clean):
    assert remove_spaces_around_figures(raw) == clean


@pytest.mark.parametrize(
    "raw,clean",
    [("增长8%，，固定资产", "增长8%，固定资产"), ("以上，；社会消费", "以上；社会消费"), ("目标。。", "目标。")],
)
def test_collapse_repeated_punct(raw, clean):
    assert collapse_repeated_punct(raw) == clean


def test_traditional_reads_as_simplified():
    assert to_simplified("地區生產總值增長8%以上") == "地区生产总值增长8%以上"
    assert normalize_chars("地區生產總值增長8%以上,,一般公共預算收入增長10%") == "地区生产总值增长8%以上，一般公共预算收入增长10%"


def test_simplified_text_is_left_alone_by_t2s(raw_dir):
    text = (raw_dir / "yiwu_2022_work_report.txt").read_text(encoding="utf-8")
    assert to_simplified(text) == text


def test_page_furniture_removed_and_cut_sentence_rejoined():
    # 002, raw lines 19-23: a page break and a lone running head cut a sentence.
    raw = "人均预期寿命由79.1岁提高到82岁,群众健康指标接近高收入国家水平。新增城镇就业25万\n\n政 府\n\n人。长期护理保险试点全省领先。\n"
    result = clean_text(raw, "t")
    assert result.text == "人均预期寿命由79.1岁提高到82岁，群众健康指标接近高收入国家水平。新增城镇就业25万人。长期护理保险试点全省领先。"
    steps = [r["step"] for r in result.log]
    assert "remove_page_furniture" in steps and "rejoin_cut_sentence" in steps
    furniture = [r for r in result.log if r["step"] == "remove_page_furniture"]
    assert furniture[0]["raw_line"] == 3 and furniture[0]["before"] == "政 府"


def test_continuation_notes_removed():
    result = clean_text("\n(上接第一版)\n\n(六)担当更有力。政治坚定坚决。\n\n(下转第三版)\n")
    assert result.text == "（六）担当更有力。政治坚定坚决。"


def test_headings_are_not_joined_to_the_next_paragraph():
    raw = "二、凝聚力量、扛旗争先,开启世界小商品之都建设新征程\n\n对历史最好的致敬,是书写新的历史。\n"
    assert clean_text(raw).text.split("\n") == [
        "二、凝聚力量、扛旗争先，开启世界小商品之都建设新征程",
        "对历史最好的致敬，是书写新的历史。",
    ]


def test_speaker_name_is_not_furniture():
    raw = "2021年山下湖镇政府工作报告\n2022年1月18日\n郭 南\n各位代表、同志们:\n"
    assert "郭 南" in clean_text(raw).text.split("\n")


def test_hard_wrapped_lines_rejoined(raw_dir):
    # 003: PDF text wrapped every ~15 characters, a page break inside "以上".
    raw = (raw_dir / "yiwu_14fyp_proposals.txt").read_text(encoding="utf-8")
    result = clean_text(raw, "yiwu_14fyp_proposals")
    assert result.layout == "hard_wrapped"
    paragraphs = result.text.split("\n")
    assert paragraphs[0] == "八、打好双江湖、义乌植物园为支撑的都市牌，全面提升城市能级，形成300万人口现代化都市基础框架"
    assert "进出港客流量300万人次以上，逐步构建通达全球的航空货运网络体系。" in result.text
    assert "2024年完成所有老旧小区改造提升" in result.text
    assert any(p.startswith("25.基本建成双江湖、义乌植物园。以两大项目为牵引") or p.startswith("25. 基本建成双江湖") for p in paragraphs)
    # Every numbered item starts its own paragraph.
    items = [p for p in paragraphs if p[:3].rstrip(". ").isdigit()]
    assert len(items) == 36  # items 25 to 60


def test_site_header_moves_to_metadata():
    raw = (
        "索引号: | 001008006002075/2022-141086 | 主题分类: | 综合政务/政务公开 |\n"
        "---|---|---|---|\n"
        "发布机构: | 山下湖镇人民政府 | 成文日期: | 2022-01-18 |\n"
        "2021年山下湖镇政府工作报告\n"
    )
    result = clean_text(raw)
    assert result.text == "2021年山下湖镇政府工作报告"
    assert result.metadata == {
        "index_no": "001008006002075/2022-141086",
        "subject": "综合政务/政务公开",
        "issuing_body": "山下湖镇人民政府",
        "date_written": "2022-01-18",
    }
    assert [r["raw_line"] for r in result.log if r["step"] == "extract_site_header"] == [1, 2, 3]


def test_every_change_is_logged_with_its_line():
    result = clean_text("第一行。\n聚焦主题主线,有力有序推进\n", "d")
    row = next(r for r in result.log if r["step"] == "halfwidth_punct_to_fullwidth")
    assert (row["doc_id"], row["raw_line"], row["column"], row["before"], row["after"]) == ("d", 2, 6, ",", "，")


def test_a_copying_sites_line_end_token_is_removed_and_logged():
    raw = "政府工作报告pbY\npbY\n各位代表:pbY\n一、过去一年工作回顾pbY\n全年地区生产总值增长5.2%。pbY\n"
    res = clean_text(raw, "x")
    assert "pbY" not in res.text
    assert res.text.split("\n")[:2] == ["政府工作报告", "各位代表："]
    removed = [r for r in res.log if r["step"] == "remove_line_watermark"]
    assert [r["raw_line"] for r in removed] == [1, 2, 3, 4, 5]
    # run together on one line: the token marks where the lines were
    res = clean_text("政府工作报告BNC   各位代表:BNC   一、2020年工作回顾BNC   刚刚过去的2020年。", "y")
    assert res.text.split("\n") == ["政府工作报告", "各位代表：", "一、2020年工作回顾", "刚刚过去的2020年。"]
    # an acronym, or a token on too few lines, stays
    text = "占GDP\n比重\n提高。\n" * 3 + "另有一行ab\n" * 2 + "第三行。\n" * 10
    res = clean_text(text, "z")
    assert "GDP" in res.text and "ab" in res.text


def test_inline_pinyin_with_a_space_inside_its_parentheses_is_removed():
    assert clean_text("人民代表大會(huì )第五次會(huì )議", "x").text == "人民代表大会第五次会议"


def test_a_short_line_ends_its_paragraph_in_hard_wrapped_text():
    body = ["全区预计实现地区生产总值369亿元，增长7.6%；规模以", "上工业增加值增长5%；固定资产投资316亿元，增长11", ".8%；社会消费品零售总额226.2亿元，增长11.4%；直"] * 4
    raw = "\n".join(["2020 年东宝区政府工作报告", "12 月 25 日，东宝区第八届人民代表大会第五次会议隆", "重开幕。", "2019 年成绩"] + body + ["接利用外资增长。"])
    res = clean_text(raw, "x")
    assert res.layout == "hard_wrapped"
    assert res.text.split("\n")[:3] == ["2020年东宝区政府工作报告", "12月25日，东宝区第八届人民代表大会第五次会议隆重开幕。", "2019年成绩"]


def test_copy_guard_scraps_are_removed_and_logged_but_short_latin_words_stay():
    raw = ("2013预期目标; P1 |( q\" ~6 S( i\n●力争全市地区生产总值增长14%以上,力争达296亿元7 M& T\" a+ {* Q3 b( I7 J' D\n"
           "4 o* d, v6 G: p ●城镇居民人均可支配收入增长15%以上\n")
    res = clean_text(raw, "x")
    assert res.text.split("\n")[1:] == ["●力争全市地区生产总值增长14%以上，力争达296亿元", "●城镇居民人均可支配收入增长15%以上"]
    assert sum(r["step"] == "remove_copy_guard_junk" for r in res.log) == 3
    for keep in ("全市5G基站达到1.2万个，建成A级景区3个。", "占GDP比重达1.5%。", "PM2.5 年均浓度 30 μg/m3。", "地区生产总值（亿元） | 45 | 46"):
        assert clean_text(keep, "y").text.replace(" ", "") == normalize_chars(keep).replace(" ", "")
