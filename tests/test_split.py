"""Units, sections and sentences of the real corpus and of small snippets."""

from __future__ import annotations

import pytest

from analysis.split import heading_marker, sentence_spans, unit_name_from_text


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2022年是“十四五”关键之年，市自然资源和规划局将紧紧围绕市委", ("市自然资源和规划局", "department")),
        ("接下来，市场监管局将迅速传达贯彻全会精神", ("市场监管局", "department")),
        ("下一步，开发区将以打造高能级新产业平台为主导", ("开发区", "development_zone")),
        ("接下来，白云街道将细化目标任务", ("白云街道", "subdistrict")),
        ("2022年，*镇将深入贯彻落实市委全会", ("*镇", "town")),
    ],
)
def test_unit_name_from_text(text, expected):
    assert unit_name_from_text(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("一、着力推进经济发展", ("cn_num", "一、", 1)),
        ("（六）担当更有力。", ("cn_paren", "（六）", 6)),
        ("12、生态保护。", ("arabic", "12、", 12)),
        ("25. 基本建成双江湖", ("arabic", "25.", 25)),
        ("十是抓好自身效能提升。", ("enum", "十是", 10)),
        ("二是要提升产业融合力度。", ("enum", "二是要", 2)),
        ("十七、抢干快干科学干", ("cn_num", "十七、", 17)),
        ("2022年是党的二十大召开之年", None),
        ("3.6个有机更新8万户", None),
    ],
)
def test_heading_marker(text, expected):
    assert heading_marker(text) == expected


def test_sentence_spans_split_at_terminal_marks_with_closing_quotes():
    text = "今年的主要预期目标是：地区生产总值增长8%以上；一般公共预算收入增速高于全省平均；重点实施十项行动。“最多跑一次。”改革！"
    pieces = [text[s:e] for s, e in sentence_spans(text)]
    assert pieces == [
        "今年的主要预期目标是：地区生产总值增长8%以上；",
        "一般公共预算收入增速高于全省平均；",
        "重点实施十项行动。",
        "“最多跑一次。”",
        "改革！",
    ]


def test_real_corpus_units(built):
    result, _ = built
    units = result.tables["units"]
    assert len(result.tables["documents"]) == 5
    assert len(units) == 10
    dy = units[units.doc_id == "dongyang_2022_plenary_statements"]
    assert dy.unit_name.tolist() == ["*镇", "市自然资源和规划局", "市场监管局", "开发区", "白云街道", "*镇"]
    assert dy.unit_level.tolist() == ["town", "department", "department", "development_zone", "subdistrict", "town"]
    assert dy.unit_label.tolist()[0] == "*镇 (1)" and dy.unit_label.tolist()[-1] == "*镇 (2)"
    assert dy.headline.tolist()[2] == "抓好木雕红木产业培育发展与转型提升"
    assert units.unit_id.is_unique


def test_real_corpus_sections(built):
    result, _ = built
    sec = result.tables["sections"]
    wuxie = sec[sec.doc_id == "wuxie_2022_work_plan"]
    assert wuxie[wuxie.level == 1].heading.tolist() == ["着力推进经济发展", "着力优化城镇建设", "着力提升社会民生", "着力抓好基层党建"]
    items = wuxie[wuxie.level == 2]
    assert items.number.tolist() == list(range(1, 23))
    assert items.heading.iloc[0] == "产业转型" and items.heading.iloc[-1] == "清廉XX建设"

    yiwu = sec[sec.doc_id == "yiwu_2022_work_report"]
    actions = yiwu[(yiwu.level == 2) & yiwu.heading.str.endswith("行动")]
    assert actions.heading.tolist()[0] == "市场升级行动" and len(actions) == 10
    assert set(actions.part) == {"plan"}
    assert yiwu[yiwu.heading == "担当更有力"].part.item() == "review"

    shx = sec[sec.doc_id == "shanxiahu_2022_work_report"]
    parts = dict(zip(shx[shx.marker_type == "headline"].heading, shx[shx.marker_type == "headline"].part))
    assert parts == {"过去五年工作回顾": "review", "今后五年主要目标和任务": "plan", "2022年工作建议": "plan"}
    tasks = shx[(shx.marker_type == "enum") & (shx.char_start > shx[shx.heading == "2022年工作建议"].char_start.item())]
    assert tasks.heading.tolist()[0] == "抓好市场主体培育" and len(tasks) == 10

    fyp = sec[sec.doc_id == "yiwu_14fyp_proposals"]
    assert fyp[fyp.level == 2].number.tolist() == list(range(25, 61))


def test_sections_nest_inside_their_parents(built):
    result, _ = built
    sec = result.tables["sections"].set_index("section_id")
    for sid, row in sec.iterrows():
        if row.parent_section_id:
            parent = sec.loc[row.parent_section_id]
            assert parent.char_start <= row.char_start <= row.char_end <= parent.char_end, sid
            assert parent.level < row.level


def test_sentences_point_into_the_cleaned_text(built):
    result, _ = built
    texts = dict(zip(result.tables["documents"].doc_id, result.tables["documents"].text))
    sents = result.tables["sentences"]
    for row in sents.itertuples():
        assert texts[row.doc_id][row.char_start : row.char_end] == row.text
    assert not sents.text.str.contains("\n").any()
    assert not sents.text.str.contains(r"上接第|下转第|^政 府$|^工 作$", regex=True).any()
    # Hard-wrapped 003 has long sentences again, not 15-character fragments.
    fyp = sents[sents.doc_id == "yiwu_14fyp_proposals"]
    assert fyp.text.str.len().median() > 30


def test_headings_are_sentences_of_their_own(built):
    result, _ = built
    sents = result.tables["sentences"]
    heads = sents[sents.is_heading]
    assert "（一）市场升级行动。" in heads.text.tolist()
    assert "1、产业转型。" in heads.text.tolist()
    assert "2022年工作建议" in heads.text.tolist()
    assert "一、着力推进经济发展" in heads.text.tolist()


def test_a_run_without_sentence_marks_is_cut_into_bounded_sentences():
    from analysis.split import MAX_SENTENCE_CHARS, sentence_spans

    text = "全镇实现地区生产总值增长5%，" * 500 + "完成。短句。"
    spans = sentence_spans(text)
    assert max(e - s for s, e in spans) <= MAX_SENTENCE_CHARS
    assert "".join(text[s:e] for s, e in spans) == text  # nothing lost
    assert all(text[e - 1] in "，。" for s, e in spans)  # cut at clause marks


def test_the_section_finder_agrees_with_the_scan(built):
    from analysis.split import _innermost, _SectionFinder

    result, _ = built
    sections = result.tables["sections"].to_dict("records")
    for doc_id in {s["doc_id"] for s in sections}:
        secs = [s for s in sections if s["doc_id"] == doc_id]
        find = _SectionFinder(secs)
        for pos in range(0, max(s["char_end"] for s in secs) + 1, 7):
            if any(s["char_start"] <= pos <= s["char_end"] for s in secs):
                assert find(pos)["section_id"] == _innermost(secs, pos)["section_id"]


def test_a_title_under_a_breadcrumb_and_repeated_down_the_page_opens_no_part():
    from analysis.build import targets_from_files
    import tempfile
    from pathlib import Path

    title = "2018年浙江永嘉国民经济和社会发展计划（草案）报告"
    text = (f"首页>资讯>行业动态>{title}\n\n{title}\n\n各位代表：\n\n一、2017年国民经济和社会发展计划执行情况\n\n"
            f"预计全年实现地区生产总值390亿元。\n\n{title}\n\n（一）经济增长保持稳定\n\n全县实现规上工业总产值358.16亿元，同比增长14%。\n\n"
            "二、2018年国民经济和社会发展计划\n\n地区生产总值增长8%左右。\n")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "plan.txt"
        path.write_text(text, encoding="utf-8")
        table, _ = targets_from_files([path], report_year=2018, doc_type="plan")
    assert table["kind"].tolist() == ["achieved", "achieved", "achieved", "target"]
