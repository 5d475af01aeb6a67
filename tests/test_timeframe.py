"""Kind and horizon on the phenomena of real reports (examples made up, phenomena real).

Each test runs the whole reading path (clean, split, extract) on a small
text, as ``python -m analysis targets FILE`` does.
"""

from __future__ import annotations

import math

import pytest

from analysis.build import targets_from_files
from analysis.clean import remove_inline_pinyin
from analysis import timeframe as tf


def figures(tmp_path, text: str, year: int | None = None, **kw):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    table, problems = targets_from_files([path], year, **kw)
    return table


def pick(table, figure_text: str):
    rows = table[table.figure_text.str.startswith(figure_text)]
    assert len(rows) >= 1, f"{figure_text} not found in {list(table.figure_text)}"
    return rows.iloc[0]


def test_results_in_a_review_part_without_any_cue_are_achieved(tmp_path):
    t = figures(tmp_path, "某镇2023年政府工作报告\n一、2022年工作回顾\n全年实现地区生产总值38.6亿元，同比增长5.2%。\n", 2023)
    r = pick(t, "38.6亿元")
    assert (r.kind, r.horizon) == ("achieved", "2022") and r.kind_cue == "part: review"


def test_a_text_with_no_goal_cue_reports_results(tmp_path):
    t = figures(tmp_path, "2023年，全县完成规上工业产值52.1亿元，实现财政收入3.2亿元。\n", 2024)
    assert set(t.kind) == {"achieved"} and set(t.horizon) == {"2023"}


def test_a_news_digest_gives_this_years_goals_and_last_years_results(tmp_path):
    text = "某市政府工作报告解读\n报告提出，今年城镇新增就业8.5万人以上，地区生产总值增长6%左右。\n去年全市地区生产总值增长5.2%。\n"
    t = figures(tmp_path, text, 2024)
    assert (pick(t, "8.5万人").kind, pick(t, "8.5万人").horizon) == ("target", "2024")
    assert (pick(t, "6%").kind, pick(t, "6%").firmness) == ("target", "soft")
    assert (pick(t, "5.2%").kind, pick(t, "5.2%").horizon) == ("achieved", "2023")


def test_a_result_and_the_goal_it_missed_are_two_rows_of_one_year(tmp_path):
    t = figures(tmp_path, "2022年，全市地区生产总值增长6.3%（预期目标为7.5%以上）。\n", 2023)
    a, g = pick(t, "6.3%"), pick(t, "7.5%以上")
    assert (a.kind, g.kind) == ("achieved", "target") and a.horizon == g.horizon == "2022"
    assert g.firmness == "soft"  # 预期目标: an expected value, even with 以上


def test_a_list_of_the_reports_parts_is_not_a_heading(tmp_path):
    text = (
        "某县2024年政府工作报告摘要\n报告分为三个部分：\n一、过去一年工作回顾；\n二、2024年主要目标任务；\n三、加强政府自身建设。\n"
        "今年全县经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业3000人。\n"
    )
    t = figures(tmp_path, text, 2024)
    assert "3.0" not in set(t.figure_text) and "三个" not in "".join(t.figure_text)
    assert set(t.kind) == {"target"} and set(t.horizon) == {"2024"}


def test_partial_years_are_results_of_that_year(tmp_path):
    text = "2023年1-9月，全镇完成固定资产投资8.1亿元，增长12%；前三季度规上工业增加值增长7%。\n"
    t = figures(tmp_path, text, 2023)
    assert set(t.kind) == {"achieved"} and set(t.horizon) == {"2023"}


def test_five_year_flows_take_the_span_and_levels_the_last_year(tmp_path):
    text = (
        "某市2022年政府工作报告\n一、过去五年工作回顾\n过去五年，全市地区生产总值由300亿元增加到450亿元，年均增长7.1%，"
        "累计新增城镇就业5.2万人，城镇化率达到65%。\n"
    )
    t = figures(tmp_path, text, 2022)
    assert pick(t, "300亿元").horizon == "2016"  # the starting level: the year before the period
    assert pick(t, "450亿元").horizon == "2021"
    assert pick(t, "7.1%").horizon == "2017-2021"
    assert pick(t, "5.2万人").horizon == "2017-2021"
    assert pick(t, "65%").horizon == "2021"


def test_session_numbers_and_parts_of_the_text_are_not_figures(tmp_path):
    text = "在某省十四届人大二次会议上，省长作政府工作报告，提出十二个方面重点任务。按照省委十届八次、九次全会部署，全省地区生产总值增长5%。\n"
    t = figures(tmp_path, text, 2024)
    assert list(t.figure_text) == ["5%"]


def test_a_completion_rate_belongs_to_the_indicator_it_completes(tmp_path):
    t = figures(tmp_path, "2023年，全镇完成工业投资11.9亿元，完成全年任务的103.2%。\n", 2024)
    assert pick(t, "103.2%").indicator_raw == pick(t, "11.9亿元").indicator_raw == "工业投资"


def test_comparison_bases_are_not_indicators(tmp_path):
    t = figures(tmp_path, "上半年，全市生产总值999亿元，按可比价格计算，较上年同期增长7.6%。\n", 2023)
    assert pick(t, "7.6%").indicator_raw == "生产总值"


def test_a_subject_before_a_year_is_kept(tmp_path):
    t = figures(tmp_path, "地区生产总值从2015年的671亿元增加到2020年的1107亿元，年均增长10.5%。\n", 2021)
    assert set(t.indicator_raw) == {"地区生产总值"}
    assert pick(t, "10.5%").horizon == "2016-2020" and pick(t, "671亿元").horizon == "2015"


def test_every_row_says_what_decided_kind_and_horizon(tmp_path):
    t = figures(tmp_path, "2024年力争规上工业增加值增长8%。\n", 2024)
    r = t.iloc[0]
    assert r.kind_cue == "sentence: 力争" and r.horizon_cue == "sentence: 2024年"


def test_inline_pinyin_is_removed_by_cleaning(tmp_path):
    assert remove_inline_pinyin("國內生產(chǎn)總值（zhí）增長(GDP)") == "國內生產總值增長(GDP)"
    t = figures(tmp_path, "2025年全鎮(zhèn)地區(qū)生產(chǎn)總值增長5%左右。\n", 2025)
    assert pick(t, "5%").indicator_raw == "地区生产总值"


def test_a_plan_excerpt_given_its_type_and_period(tmp_path):
    text = "粮食种植面积稳定在13万亩，新增国土绿化1万亩。\n"
    t = figures(tmp_path, text, 2021, doc_type="five_year_plan", period="2021-2025")
    assert list(t.kind) == ["target", "target"] and list(t.horizon) == ["2025", "2021-2025"]
    t = figures(tmp_path, text, 2021)
    assert list(t.kind) == ["achieved", "achieved"]  # the same words in a report of results


@pytest.mark.parametrize(
    "kind,comparator,clause,expected",
    [("target", "~", "增长6%左右", "soft"), ("target", ">=", "增长6%以上", "hard"), ("target", "=", "力争增长6%", "soft"),
     ("target", "=", "确保增长6%", "hard"), ("target", "=", "增长6%", ""), ("achieved", ">=", "增长6%以上", "")],
)
def test_firmness(kind, comparator, clause, expected):
    assert tf.firmness(kind, comparator, clause) == expected


def test_the_year_of_a_starting_level_places_only_that_level(tmp_path):
    text = "某县2026年政府工作报告\n“十四五”时期，经济总量从2020年的59.9亿元增至88.1亿元，年均增长5.8%。\n"
    t = figures(tmp_path, text, 2026)
    assert pick(t, "59.9亿元").horizon == "2020"
    assert pick(t, "88.1亿元").horizon == "2025"
    assert pick(t, "5.8%").horizon == "2021-2025"


def test_until_the_end_of_a_month_is_a_partial_year(tmp_path):
    t = figures(tmp_path, "截至6月底，全乡完成道路硬化15公里，新增市场主体30户。\n", 2016)
    assert set(t.kind) == {"achieved"} and set(t.horizon) == {"2016"}


def test_a_goal_list_announced_in_its_paragraph_stays_goals(tmp_path):
    text = "2015年全乡经济社会发展目标是：农村经济总收入完成5.6亿元，同比增长10%；乡镇企业增加值完成1.1亿元，同比增长10%。\n"
    t = figures(tmp_path, text, 2015)
    assert set(t.kind) == {"target"}


def test_so_far_this_year_in_a_january_review_is_the_reviewed_year(tmp_path):
    text = "某街道办事处工作报告\n（2025年1月14日在居民议事会上）\n一、2024年工作回顾\n今年以来，街道实现地区生产总值44.8亿元，增长6.7%。\n"
    t = figures(tmp_path, text)
    assert set(t.horizon) == {"2024"} and set(t.kind) == {"achieved"}


def test_a_half_year_summary_is_dated_by_its_own_year(tmp_path):
    t = figures(tmp_path, "某乡2016年上半年工作总结\n截至6月底，全乡完成道路硬化4.5公里。\n")
    assert list(t.horizon) == ["2016"] and list(t.kind) == ["achieved"]


def test_the_object_of_a_result_verb_is_the_indicator(tmp_path):
    t = figures(tmp_path, "2013年，24个优势特色产业集聚区实现主营业务收入1527亿元，增长30.9%；全年税收12.5亿元，逆势增长5%。\n", 2014)
    assert pick(t, "1527亿元").indicator_raw == pick(t, "30.9%").indicator_raw == "主营业务收入"
    assert pick(t, "5%").indicator_raw == "税收"


def test_bases_of_multiples_and_comparisons_are_not_horizons(tmp_path):
    text = "某旗2018年政府工作报告\n一、过去五年工作回顾\n到2017年底，全旗地区生产总值达到259亿元，是2012年的1.2倍，年均增长6%。\n2017年，全旗一般公共预算收入较“十二五”末增长27%，两年平均增长5.9%。\n"
    t = figures(tmp_path, text, 2018)
    assert pick(t, "1.2倍").horizon == "2017" and pick(t, "6%").horizon == "2013-2017"
    assert pick(t, "5.9%").horizon == "2016-2017"


def test_a_news_digest_is_dated_by_the_year_it_sets_goals_for(tmp_path):
    text = "市报1月6日讯 今天上午，某市人代会开幕。市长作报告时称，2017年将全面做好稳增长等工作。主要预期目标是：GDP增长9%左右。\n2016年，该市开工项目124个。\n"
    t = figures(tmp_path, text)
    assert (pick(t, "9%").kind, pick(t, "9%").horizon) == ("target", "2017")
    assert (pick(t, "124个").kind, pick(t, "124个").horizon) == ("achieved", "2016")


def test_counts_of_things_done_over_a_period_take_the_span(tmp_path):
    text = "某市2022年政府工作报告\n一、过去五年工作回顾\n过去五年，6个贫困县全部摘帽，培育“专精特新”企业83家，城镇化率达到65%。安全生产事故较前两年平均下降25.6%。\n"
    t = figures(tmp_path, text, 2022)
    assert pick(t, "6个").horizon == pick(t, "83家").horizon == "2017-2021"
    assert pick(t, "65%").horizon == "2021"
    assert pick(t, "25.6%").horizon != "2020-2021"  # compared with the average of two earlier years


def test_a_statistics_communique_reports_the_year_in_its_title(tmp_path):
    text = "2021年某县国民经济和社会发展统计公报\n\n2021年，全县实现地区生产总值87.4亿元，比上年增长8%。年末常住人口42.5万人。\n"
    t = figures(tmp_path, text)
    assert set(t.kind) == {"achieved"} and set(t.horizon) == {"2021"}


def test_a_news_story_saying_this_year_is_dated_by_the_latest_year_it_names(tmp_path):
    text = "1月21日，某区人代会开幕。政府工作报告提出，2020年全区地区生产总值增长3.7%，2021年全区生产总值增长7.5%左右。今年将坚持稳中求进，到2035年基本实现现代化。\n"
    t = figures(tmp_path, text)
    assert (pick(t, "3.7%").kind, pick(t, "3.7%").horizon) == ("achieved", "2020")
    assert (pick(t, "7.5%").kind, pick(t, "7.5%").horizon) == ("target", "2021")


def test_units_of_a_traditional_report_are_as_written_and_比增_is_growth(tmp_path):
    t = figures(tmp_path, "2025年全省糧食總產量119.3萬噸，比增2.1%。\n", 2026)
    assert pick(t, "119.3").unit == "萬噸" and pick(t, "2.1%").indicator_raw == "粮食总产量"


def test_gaps_to_an_average_and_sizes_of_peer_sets_are_not_figures(tmp_path):
    t = figures(tmp_path, "2023年，全区一般公共预算收入完成48.9亿元、增长6.6%，高于全市0.5个百分点；在全省17个市州中居第5位。\n", 2024)
    assert list(t.figure_text) == ["48.9亿元", "6.6%"]


def test_the_report_year_itself_leaves_kind_to_the_other_cues(tmp_path):
    text = "据悉，2021年大良实现规模以上工业总产值575.7亿元，同比增长15.2%。\n今年，全街道力争规模以上工业总产值增长8%。\n"
    t = figures(tmp_path, text, 2021)  # a story written after the year it reports
    assert (pick(t, "575.7亿元").kind, pick(t, "575.7亿元").horizon) == ("achieved", "2021")
    assert pick(t, "8%").kind == "target"


def test_goal_words_before_the_report_year_still_speak_and_a_named_aim_does_not(tmp_path):
    t = figures(tmp_path, "今年某镇提出的发展预期目标是：与2013年相比，2014年生产总值115亿元，增长9%。\n", 2014)
    assert set(t.kind) == {"target"}
    t = figures(tmp_path, "2020年，某镇紧紧围绕“建设工业强镇”奋斗目标，实现规模以上工业总产值242.7亿元。\n", 2020)
    assert list(t.kind) == ["achieved"]


def test_capacities_are_not_figures_and_schedule_gaps_belong_to_their_indicator(tmp_path):
    text = "2024年，新签约某公司投资的年产3万吨铜矿加工项目。截至目前，完成一般公共预算收入6786万元，快于序时进度4.5个百分点；全社会固定资产投资预计可完成4.72亿元，今年引进了4个项目。\n"
    t = figures(tmp_path, text, 2024)
    assert "3万吨" not in set(t.figure_text)
    assert pick(t, "4.5个百分点").indicator_raw == "一般公共预算收入"
    assert pick(t, "4.72亿元").indicator_raw == "全社会固定资产投资"
    assert pick(t, "4个").indicator_raw == "项目"


def test_a_document_on_its_own_year_so_far():
    from analysis.timeframe import in_year_docs

    docs = ["a", "a", "b", "b", "c"]
    texts = [
        "今年来，全镇上下团结奋斗。",  # a: a summary written in its year
        "完成一般公共预算收入6786万元。",
        "截至目前，完成投资2亿元。",  # b: also looks back at last year
        "比上年增长5%，去年完成投资1.8亿元。",
        "完成投资3亿元。",  # c: says nothing
    ]
    assert in_year_docs(docs, texts, [2024] * 5) == {"a"}


def test_within_a_year_is_a_duration_not_this_year():
    from analysis.timeframe import signals

    assert [s.cue for s in signals("18个项目一年内投产达效", 2025)] == []
    assert [s.cue for s in signals("年内建成项目18个", 2025)] == ["年内"]


@pytest.mark.parametrize("text, year, done, planned", [
    # 行动 is a plan word, but a subheading that states a result under a review part reviews
    ("一、上半年工作总结\n（一）开展“经济发展跃升年”行动，招商稳商优商取得实效\n联动12家金融机构开展活动。\n"
     "二、下半年工作计划\n（一）开展招商引资行动\n新引进企业20家。\n", 2024, "12家", "20家"),
    # so does a task (任务) heading; a heading that looks ahead (下一步工作打算) plans, wherever it is
    ("一、2017年工作总结\n（一）持续用力抓经济促发展\n1.紧盯各项指标任务\n招商引资项目共5个，完成全年奋斗目标的155%。\n"
     "（二）下一步工作打算\n新引进项目8个。\n", 2017, "5个", "8个"),
])
def test_a_heading_under_a_review_reviews_unless_it_looks_ahead(tmp_path, text, year, done, planned):
    t = figures(tmp_path, text, year, doc_type="work_summary")
    assert pick(t, done).kind == "achieved" and pick(t, planned).kind == "target"


def test_the_plan_items_after_their_lead_in_are_goals(tmp_path):
    text = ("今年的主要预期目标是：地区生产总值增长10%以上。这些目标的设定，综合考虑了去年低基数因素。围绕以上目标，重点做好六个方面的工作。\n\n"
            "一、发展优势主导产业\n推动石材产业全链条升级，实现石材产业产值增长15%。\n")
    t = figures(tmp_path, text, 2021, doc_type="work_report")
    assert (pick(t, "15%").kind, pick(t, "15%").horizon) == ("target", "2021")  # 去年低基数 is a base, not a time
    t = figures(tmp_path, "围绕以上目标，重点做好六个方面的工作。\n\n一、发展优势主导产业\n实现石材产业产值增长15%。\n", 2021, doc_type="work_report")
    assert (pick(t, "15%").kind, pick(t, "15%").kind_cue) == ("target", "document part: plan")
    # without the lead-in the first heading of a report opens its review
    t = figures(tmp_path, "今年以来工作如下。\n\n一、发展优势主导产业\n石材产业产值增长15%。\n", 2021, doc_type="work_report")
    assert pick(t, "15%").kind == "achieved"


def test_a_page_that_opens_on_a_part_heading_is_that_part_and_a_paged_title_is_none(tmp_path):
    text = "2014年政府工作的总体目标和主要措施\n2014年，我市经济社会发展的预期目标是：地区生产总值增长13%；\n固定资产投资增长22%；\n"
    t = figures(tmp_path, text, 2014, doc_type="work_report")
    assert set(t.kind) == {"target"}
    text = "2023年湖南省政府工作报告(第3/9页)\n这五年，基础设施实现整体性提升。建成数据中心42个。\n"
    t = figures(tmp_path, text, 2023, doc_type="work_report")
    assert pick(t, "42个").kind == "achieved"


def test_a_record_of_the_year_the_approach_followed_and_a_goal_kept_are_results(tmp_path):
    text = "——某街道2021年高质量发展纪实\n\n2021年，街道承担全市百项重点工程47项。\n"
    assert pick(figures(tmp_path, text, 2021, doc_type="news"), "47项").kind == "achieved"
    text = "2018年，镇政府紧紧围绕市委“14435”年度工作思路，全镇实现地方财政收入1.87亿元。\n"
    assert pick(figures(tmp_path, text, 2019), "1.87亿元").kind == "achieved"
    text = "2021年，城镇新增就业105万人，城镇调查失业率控制在预期目标内，常住人口城镇化率58%。\n"
    assert pick(figures(tmp_path, text, 2022, doc_type="plan"), "58%").kind == "achieved"


def test_a_report_written_as_its_year_passes_reports_on_that_year():
    from analysis.timeframe import in_year_docs

    texts = ["一、2017年工作回顾", "即将过去的2017年是党的十九大胜利召开之年。", "去年以来打下的基础更加牢固。", "全年预计完成地区生产总值230亿元。"]
    assert in_year_docs(["a"] * 4, texts, [2017] * 4) == {"a"}
    assert in_year_docs(["a"] * 4, texts, [2018] * 4) == set()  # the year passing is not the report year


def test_a_run_of_past_years_other_than_five_takes_its_own_span(tmp_path):
    text = "过去四年，六安发展站上新的历史起点。\n四年来，生产总值达到1923.5亿元，年均增长7.7%；累计接待游客1.93亿人次。\n"
    t = figures(tmp_path, text, 2022, doc_type="work_report")
    assert pick(t, "7.7%").horizon == "2018-2021" and pick(t, "1.93亿人次").horizon == "2018-2021"
    assert pick(t, "1923.5亿元").horizon == "2021"  # a level reached: the span's last year


def test_a_december_press_conference_reports_on_its_own_year(tmp_path):
    text = "12月7日，某市政府新闻办召开新闻发布会，介绍“十三五”期间经济社会发展总体情况。\n全市生产总值预计今年达到3000亿元左右，“十三五”期间，年均增长5.8%左右。\n"
    t = figures(tmp_path, text, 2020, doc_type="news")
    assert (pick(t, "3000亿元").kind, pick(t, "3000亿元").horizon) == ("achieved", "2020")


@pytest.mark.parametrize("text, year, figure, horizon", [
    # a level reached through a verb the lexicon lacks (发展到) takes the span's last year
    ("五年间，限上批零住餐企业发展到501家，旅游综合收入累计达到966亿元。\n", 2021, "501家", "2020"),
    # 这五年 are the five years before the report; its title naming its own year changes nothing
    ("2023年湖南省政府工作报告(第3/9页)\n这五年，基础设施实现整体性提升。建成数据中心42个、标准机架11.5万架。\n", 2023, "42个", "2018-2022"),
])
def test_the_horizon_of_a_five_year_review(tmp_path, text, year, figure, horizon):
    assert pick(figures(tmp_path, text, year, doc_type="work_report"), figure).horizon == horizon


def test_a_stock_as_of_a_month_is_of_that_year_and_steps_crossed_are_passed(tmp_path):
    text = "2018年政府工作报告\n一、过去五年工作回顾\n截至2018年8月，全市金融机构人民币各项存款余额5557.8亿元。\n国内生产总值先后跨越2500亿元、3000亿元台阶。\n"
    t = figures(tmp_path, text, 2018, doc_type="work_report")
    assert (pick(t, "5557.8亿元").kind, pick(t, "5557.8亿元").horizon) == ("achieved", "2018")
    assert set(t[t.figure_text.str.startswith(("2500", "3000"))].comparator) == {">"}


def test_a_count_so_far_this_year_and_a_share_of_the_budget_are_results(tmp_path):
    text = "二、2021年工作打算\n至6月底已完成老年证办理1900多个。力争到6月底前完成改造20个。\n"
    t = figures(tmp_path, text, 2021, doc_type="work_summary")
    assert pick(t, "1900").kind == "achieved" and pick(t, "20个").kind == "target"
    t = figures(tmp_path, "2020年工作打算\n全年实现财政总收入116万元，占年初预算80万元的145%。\n", 2020, doc_type="work_summary")
    assert (pick(t, "80万元").kind, pick(t, "145%").kind) == ("target", "achieved")
