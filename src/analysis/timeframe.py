"""Time and modality: whether a figure is a goal or a result, and which year it describes.

The extractor (:mod:`analysis.targets`) finds a figure and reads what it
measures; this module places it in time.  Both decisions come from *time
signals*: cue words of modality (力争, 预期目标 → a goal; 五年来, 同比, 预计 → a
result) and of time (2022年, 2017-2021年, “十四五”时期, 今年, 去年, 今后五年,
1-9月, 今年以来), found in the figure's own sentence, in the earlier sentences
of its paragraph, in framing sentences earlier under the same headings, in
the headings themselves, and in the document's part (review or plan).

:func:`resolve_kind` and :func:`resolve_horizon` return the decision with the
*cue* that made it, so every row of the targets table says why it is a goal
or a result and why it has its horizon (columns ``kind_cue`` and
``horizon_cue``).

The model of kind, in order (the first that speaks decides):

1. the last strong cue before the figure in its sentence (a modality word, a
   year before or after the report year, a past or future period);
2. the part of the document (a heading such as ``一、2022年工作回顾`` makes a
   review part, ``2023年主要目标`` a plan part);
3. a strong cue earlier in the paragraph (``主要目标是：…；…``);
4. the last weak cue before the figure (同比, 目标, 计划 …), then a comparison
   with the past later in the sentence (``…6029亿元，同比增长7.5%``);
5. strong cues of framing sentences and headings, then a goal-like
   comparator (左右, 以上), then weak cues around the sentence;
6. the document: a plan (work plan, five-year plan) states goals; any other
   text reports results unless a cue says otherwise.  Goals in Chinese
   government texts are almost always marked (预期目标, 力争, 确保, 今年,
   到2025年); results often are not.

Horizon is the year the figure describes, not the year of the text:
今年 = the report year, 去年 and 上年 the year before, a partial year
(``1-9月``, ``前三季度``, ``今年以来``) that year; flows, changes, counts of
things done and averages over a period (五年来, 2017-2021年, 年均, 比2016年增长)
take the span; a level at a time takes the last year of the period (and a
starting level ``由A提高到B`` the year before it began).

Word lists are in ``data/target_cues.csv`` (categories ``review_cue``,
``review_cue_weak``, ``target_cue``, ``target_cue_weak``, ``period_cue``,
``comparison_word``, ``plan_period_cue``, ``plan_doc_cue``, ``firm_hard``,
``firm_soft``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .numbers import fold_text, load_cues, plan_period

__all__ = [
    "Signal",
    "Context",
    "time_lexicon",
    "signals",
    "framing_signals",
    "heading_signals",
    "resolve_kind",
    "resolve_horizon",
    "base_year",
    "firmness",
    "plan_docs",
    "given_periods",
    "PLAN_DOC_TYPES",
    "GOAL_DOC_TYPES",
]


def _alt(words) -> str:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words) if words else "(?!x)x"


@dataclass(frozen=True)
class TimeLexicon:
    signal_re: re.Pattern
    signal_kind: dict[str, tuple[str, bool, str]]
    year_re: re.Pattern
    year_range_re: re.Pattern
    month_range_re: re.Pattern
    plan_re: re.Pattern
    plan_doc_re: re.Pattern
    comparison_words: tuple[str, ...]
    base_year_re: re.Pattern
    firm_hard_re: re.Pattern
    firm_soft_re: re.Pattern


@lru_cache(maxsize=None)
def time_lexicon() -> TimeLexicon:
    """The time and modality cues of ``data/target_cues.csv``, compiled."""
    cues = load_cues()

    def words(cat: str) -> tuple[str, ...]:
        return tuple(c for c, _ in cues.get(cat, []))

    signal_kind: dict[str, tuple[str, bool, str]] = {}
    for cat, kind, strong in (
        ("review_cue_weak", "achieved", False),
        ("target_cue_weak", "target", False),
        ("review_cue", "achieved", True),
        ("target_cue", "target", True),
        ("period_cue", "achieved", True),  # 上半年, 前三季度, 今年以来: a part of a year, reported
    ):
        for cue, mode in cues.get(cat, []):
            signal_kind[cue] = (kind, strong, mode)
    cn_year = "[〇零一二三四五六七八九]{4}"
    comparison = words("comparison_word")
    return TimeLexicon(
        signal_re=re.compile(_alt(signal_kind)),
        signal_kind=signal_kind,
        # (2019年14216户…脱贫: a year written straight before its figure is still its year)
        year_re=re.compile(rf"(?<![\d.])((?:19|20)\d{{2}}|{cn_year})[ \t]*年(?:底|末|前|内|初)?(?!\d)|(?<![\d.])((?:19|20)\d{{2}})年(?=\d{{2,}}(?:\.\d+)?[^\d月日.])"),
        year_range_re=re.compile(r"(?<![\d.])((?:19|20)\d{2})(?:[ \t]*年)?[ \t]*[-至到~—–][ \t]*((?:19|20)\d{2})[ \t]*年?(?:间|期间)?"),
        # 1-9月, 1—10月份, 1至6月: a partial year (a figure for that year so far)
        month_range_re=re.compile(
            r"(?<![\d.])(?:1|一)[ \t]*[-—–~至到][ \t]*(?:1[0-2]|[2-9]|十[一二]?|[二三四五六七八九])[ \t]*月(?:份)?"
            r"|(?:截至|截止|(?<![\d一])至)[ \t]*(?:1[0-1]|[1-9]|十一?|[一二三四五六七八九])[ \t]*月(?:底|末|份)?(?![ \t]*前)"
        ),
        plan_re=re.compile(rf"“?(十[一二三四五六七八九]?五)”?(?:规划)?(?:{_alt(words('plan_period_cue'))})"),
        plan_doc_re=re.compile(rf"(十[一二三四五六七八九]?五)”?(?:{_alt(words('plan_doc_cue'))})"),
        comparison_words=comparison,
        base_year_re=re.compile(rf"(?:(?:{_alt(comparison)})[ \t]*((?:19|20)\d{{2}})[ \t]*年(?:末|底)?|是[ \t]*((?:19|20)\d{{2}})[ \t]*年(?:末|底)?的)"),
        firm_hard_re=re.compile(_alt(words("firm_hard"))),
        firm_soft_re=re.compile(_alt(words("firm_soft"))),
    )


@dataclass(frozen=True)
class Signal:
    """One time or modality cue in a sentence."""

    pos: int
    kind: str = ""  # target / achieved / ""
    strong: bool = False
    mode: str = ""  # past10, past5, past1, next5, next1, current, current_done, meeting, plan
    year: int | None = None
    span: tuple[int, int] | None = None
    cue: str = ""  # the words as folded
    start: bool = False  # 从2020年的…: the year of a starting level only
    end: int | None = None  # where its reach ends (a year inside parentheses speaks only there)


_PARENS = re.compile(r"[()]")
_DIGIT = re.compile(r"\d")


def _paren_spans(folded: str) -> list[tuple[int, int]]:
    spans, stack = [], []
    for m in _PARENS.finditer(folded):
        i = m.start()
        if m.group() == "(":
            stack.append(i)
        elif stack:
            spans.append((stack.pop(), i + 1))
    return spans


def _year_value(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str("〇一二三四五六七八九".index(c)) if c != "零" else "0" for c in text))


_BASE_BEFORE = ("比", "较", "同", "与", "于", "持", "由", "从", "低于", "高于", "快于", "慢于")
_BASE_AFTER = ("水平", "水准", "同期", "实际", "基础", "基数", "低基数", "高基数", "的基数")


#: Completing a plan or task (完成年度计划, 超额完成全年目标): what follows is measured, not aimed at.
_COMPLETED = re.compile(r"(?:完成|超额完成|超|达到|实现|占)了?(?:年度|全年|年初|本年|既定|市定|省定|年)?(?:的)?$")
#: A list of this year's tasks announced (办好十件民生实事, 重点抓好15件大事和民生实事).
_TASK_LIST = re.compile(r"(?:办好|抓好|做好|办成|办实)[^。；，,]{0,4}?[\d一二三四五六七八九十两]+[件项][^。；]{0,6}?(?:实事|大事)")

#: Before a goal word: a comparison of a result with it (超计划目标, 差年度目标, 低于预期).
_AGAINST_GOAL = re.compile(r"(?:超过?|超出|差|低于|高于|快于|慢于|落后于?)(?:年度|全年|年初|一季度|二季度|三季度|上半年)?(?:计划|建议|预期|调控)?$"
                           r"|(?:超过|超出|低于|高于)(?:年初|年度|全年)[^，,。；;\d]{0,10}?(?:确定|提出|下达|设定)的[^，,。；;\d]{0,4}$")  # 超过年初人代会确定的增长目标

#: Words before 计划 that make it a programme's name (人才计划, “暖流计划”).
_NAMED_PLANS = ("人才", "英才", "引才", "育才", "暖流", "春风", "星火", "火炬", "领航", "雏鹰", "行动")

#: A goal word right before its own figure (2022年计划投资40.6亿元, 下达…任务8000万元, 目标6%).
_PLANNED = re.compile(
    r"(?:计划|任务|目标)(?:完成|实现)?(?:总)?(?:投资|实施|完成|新增|建设|开工|引进|招引|实现|收入)?(?:额)?(?:为|是|达到?)?(?=[ \t]*\(?[ \t]*\d)"
)


_CLAUSE_END = re.compile(r"[，,。；;！？!?]")
#: A completion verb earlier in a clause (完成了…确定的目标任务, 圆满完成…各项任务).
_DONE_IN_CLAUSE = re.compile(r"(?:完成了|圆满完成|顺利完成|全面完成了|超额完成|较好地完成|胜利完成)")


def _clause_start(folded: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts."""
    k = max(folded.rfind(c, 0, pos) for c in "，,。；;！？!?")
    return k + 1


def _clause_end(folded: str, pos: int) -> int:
    """Where the clause holding ``pos`` ends: a cue made for one figure reaches no further."""
    m = _CLAUSE_END.search(folded, pos)
    return m.start() if m else len(folded)


#: Before a goal word: a share of it is being given (占税收入任务84%).
_SHARE_BEFORE = re.compile(r"(?:占|完成)[^，,。；;\d]{0,8}$")

#: A figure given as a share of a goal (占全年目标的106.7%, 完成全年任务的84%, 占计划的101.9%):
#: the goal is the yardstick of a result, so what is said there was reached.
_SHARE_OF_GOAL = re.compile(
    r"(?:占|完成|超额完成|为|达到?)了?(?:年度|全年|年初|本年|既定|市定|省定|年)?(?:的)?(?:目标任务|预期目标|目标|任务|计划|预算)(?:数)?(?:的)?(?=[ \t]*\d)"
)
#: A part of the year already past right after 今年 (今年1至6月, 今年上半年, 今年前三季度).
_PART_OF_YEAR_AFTER = re.compile(r"[ \t]*(?:的)?(?:(?:1|一)[ \t]*[-—–~至到][ \t]*(?:1[0-2]|[2-9]|十[一二]?|[二三四五六七八九])[ \t]*月|上半年|前三季度|[一二三]季度|第[一二三]季度)")
#: Before 预期, words that measure against an expectation (好于预期, 符合预期, 稳定预期).
_EXPECTATION_MET = ("的", "于", "超", "超出", "符合", "达到", "达", "不及", "稳定", "稳", "市场", "社会", "良好", "合理", "引导", "改善")
#: The goal's own amount between a goal word and the share of it (全年任务|23049万元的|103.7%).
_GOAL_AMOUNT_OF = re.compile(r"[ \t]*\d[\d.,]*[ \t]*[万亿千百]*[^\d，,。；;的]{0,3}的(?=[ \t]*\d[\d.]*[ \t]*%)")
#: A future or an obligation before a verb of doing (将谋划实施, 要完成): a weak goal cue.
_FUTURE = re.compile(
    r"(?<![主重需纲摘概必只简即])(?:将|要)(?=(?:继续|持续|全面|着力|大力|加快|重点)?(?:完成|实现|达到|确保|新增|建成|建设|开工|突破|新建|启动|推动|推进|实施|谋划|抓好|办好|打造|培育|引进|力争|争取|提高|提升|新开工|开展|投入))"
)
#: A goal word right after a figure (3.6%的全年调控目标): it names that figure.
_FIGURE_BEFORE_GOAL = re.compile(r"[\d%‰](?:的)?(?:全年|年度|年初|本年)?(?:调控|预期|计划|既定)?$")


def _is_base(folded: str, start: int, end: int) -> bool:
    """Whether 上年/去年 at ``start:end`` is the base of a comparison (比上年, 上年水平, 去年低基数)."""
    return folded[:start].rstrip(" \t").endswith(_BASE_BEFORE) or folded[end:].lstrip(" \t").startswith(_BASE_AFTER)


def signals(folded: str, report_year: int | None) -> list[Signal]:
    """Kind and horizon cues in one (folded) sentence, in order of position.

    A year in parentheses (a date of publication, ``(2022年1月)``) and a base
    year of a comparison (``比2016年``) are not cues.
    """
    lex = time_lexicon()
    out: list[Signal] = []
    parens = _paren_spans(folded) if "(" in folded else []

    def in_parens(i: int) -> bool:
        return any(a <= i < b for a, b in parens)

    for m in lex.signal_re.finditer(folded):
        kind, strong, mode = lex.signal_kind[m.group(0)]
        if mode == "past1" and _is_base(folded, m.start(), m.end()):
            continue  # 比上年增长, 保持上年水平: last year as a yardstick, not as the time of the figure
        if not strong and folded[max(0, m.start() - 2): m.start()].endswith(("奋斗", "”", "发展")) and m.group(0) == "目标":
            continue  # 围绕“…强镇”奋斗目标: the name of an aim, not a goal figure
        if m.group(0) in ("工作思路", "思路") and (
            folded[max(0, m.start() - 1): m.start()] == "”"
            or _FOLLOWED.search(folded, _clause_start(folded, m.start()), m.start())
        ):
            # 按照“稳农业、强工业…”工作思路, 紧紧围绕市委“14435”年度工作思路: the approach followed, named
            continue
        if m.group(0) == "争取" and (_OBTAIN.match(folded, m.end()) or folded.startswith("了", m.end()) or folded[m.start() - 1: m.start()] in ("共", "已", "累")
                                     or folded[max(0, m.start() - 2): m.start()] in ("对上", "成功")
                                     or (folded.startswith("到", m.end()) and not _YEAR_AHEAD.match(folded, m.end() + 1))):
            # 争取上级各类资金11.87亿元, 共争取了大小项目100多个, 成功争取到…项目: obtained, not a goal
            # (争取到2025年 is one)
            continue
        if m.group(0) == "目标" and folded[m.start() - 1: m.start()] == "为" and "以" in folded[_clause_start(folded, m.start()): m.start()]:
            continue  # 以改善生态为目标，完成绿化72.3公里: the purpose of the work, not a goal figure
        if not strong and _COMPLETED.search(folded, max(0, m.start() - 8), m.start()):
            continue  # 均完成年度计划投资130%以上: a plan completed is a result, not a goal
        if m.group(0) in ("目标", "任务", "目标任务") and _DONE_IN_CLAUSE.search(folded, _clause_start(folded, m.start()), m.start()):
            continue  # 较好地完成了镇第五届人大三次会议确定的目标任务: goals met, looking back
        if m.group(0) in ("目标", "计划", "预期目标", "目标任务") and _AGAINST_GOAL.search(folded, max(0, m.start() - 24), m.start()):
            # 增长10.1%，差计划目标0.9个百分点: the figure is measured against its goal, so it was reached
            out.append(Signal(m.start(), "achieved", True, "", cue=m.group(0)))
            continue
        if m.group(0) == "计划" and folded[max(0, m.start() - 2): m.start()] in _NAMED_PLANS:
            continue  # 海外高层次人才计划7人, “暖流计划”: a programme's name, not a plan
        if not strong and m.group(0) == "目标" and _FIGURE_BEFORE_GOAL.search(folded, 0, m.start()):
            continue  # 失业率为2.43%，低于3.6%的全年调控目标: that goal is the figure before it, not a frame
        if m.group(0) == "预期" and (folded[max(0, m.start() - 2): m.start()].endswith(_EXPECTATION_MET) or folded.startswith(("的", "值", "效", "收益"), m.end())):
            continue  # 好于预期, 超出预期, 预期效果: an expectation, not a goal set
        if m.group(0) in ("预期目标", "目标", "调控目标") and folded.startswith(("内", "以内", "之内", "范围内"), m.end()):
            continue  # 城镇调查失业率控制在预期目标内: a goal kept, said of a result
        if m.group(0) == "目前" and m.start() and folded[m.start() - 1] in "项节题科栏数盲":
            continue  # 项目前期工作, 节目前: 目 ends another word
        if m.group(0) in ("今年", "本年") and _PART_OF_YEAR_AFTER.match(folded, m.end()):
            # 通报了今年1至6月全市主要经济指标完成情况: the months passed decide, 今年 only names their year
            out.append(Signal(m.start(), "", False, "current", cue=m.group(0)))
            continue
        if m.group(0) == "年内" and m.start() and folded[m.start() - 1] in "一二三两四五六七八九十0123456789":
            continue  # 18个项目一年内投产达效: a duration, not this year
        out.append(Signal(m.start(), kind, strong, mode, cue=m.group(0)))
    for m in _FUTURE.finditer(folded) if "将" in folded or "要" in folded else ():
        # 2022年，将谋划实施…158个重点项目; 全市要完成728个老旧小区改造: what is still to be done
        out.append(Signal(m.start(), "target", False, "", cue=m.group(0)))
    for m in _TASK_LIST.finditer(folded) if "实事" in folded or "大事" in folded else ():
        # 将集中力量办好十件民生实事。…分别是：: what follows is this year's list of tasks
        out.append(Signal(m.start(), "target", True, "current", cue=m.group(0)))
    for m in _PLANNED.finditer(folded) if "计划" in folded or "任务" in folded or "目标" in folded else ():
        before = folded[max(0, m.start() - 10): m.start()]
        if before[-2:] in _NAMED_PLANS:
            continue  # 海外高层次人才计划7人: a programme's name before its count
        if _COMPLETED.search(before) or _SHARE_BEFORE.search(before):
            continue  # 占税收入任务84%: a share of a goal, said of a result
        # 计划投资40.6亿元: the plan's own figure (it speaks for its clause only)
        out.append(Signal(m.start(), "target", True, "", cue=m.group(0), end=_clause_end(folded, m.end())))
    for m in _SHARE_OF_GOAL.finditer(folded) if "占" in folded or "完成" in folded or "为" in folded or "达" in folded else ():
        amount = _GOAL_AMOUNT_OF.match(folded, m.end())
        if amount:
            # 完成全年任务23049万元的103.7%: the amount is the goal, the share of it was reached
            out.append(Signal(m.end() - 1, "target", True, "", cue=m.group(0), end=amount.end() - 1))
            out.append(Signal(amount.end() - 1, "achieved", True, "", cue=m.group(0) + "…的", end=_clause_end(folded, amount.end())))
            continue
        # placed at its end, after any goal word inside it (占全年预期目标的)
        out.append(Signal(m.end() - 1, "achieved", True, "", cue=m.group(0), end=_clause_end(folded, m.end())))
    for m in _PERFECTIVE.finditer(folded) if "了" in folded else ():
        out.append(Signal(m.start() + 1, "achieved", True, "", cue=m.group(0)))  # 引进了4个项目: done
    if "月" in folded:
        for m in lex.month_range_re.finditer(folded):
            out.append(Signal(m.start(), "achieved", True, "current_done", cue=m.group(0)))
    taken: list[tuple[int, int]] = []
    has_digit = _DIGIT.search(folded) is not None
    for m in (lex.year_range_re.finditer(folded) if has_digit else ()):
        if in_parens(m.start()):
            taken.append(m.span())
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if a < b:
            kind = "" if report_year is None else ("achieved" if b < report_year else "target")
            out.append(Signal(m.start(), kind, True, "", None, (a, b), m.group(0)))
            taken.append(m.span())
    for m in (lex.year_re.finditer(folded) if "年" in folded else ()):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if in_parens(m.start()):
            continue  # (2022年1月): a date of publication
        before = folded[max(0, m.start() - 3): m.start()]
        if any(before.endswith(w) for w in lex.comparison_words):
            continue  # 同比2016年: a base year, not a horizon
        if before.endswith("是") and folded[m.end(): m.end() + 1] == "的":
            continue  # 是2012年的1.2倍: the base of a multiple
        if before.endswith(("规划和", "规划及")) and folded.startswith("远景目标", m.end()):
            continue  # “十四五”规划和2035年远景目标纲要: part of the plan's name, not a time
        year = _year_value(m.group(1) or m.group(2))
        since = _SINCE.match(folded, m.end())
        if since and report_year is not None and year < report_year - 1:
            # 2012年换届以来 in a report of 2017: the years from then to the last one reported
            out.append(Signal(m.start(), "achieved", True, "", None, (year, report_year - 1), m.group(0) + since.group(0)))
            continue
        # the report's own year names goals in a January report and results in a
        # story or summary written after the fact: it places the figure in time
        # but leaves its kind to the other cues
        kind = "" if report_year is None or year == report_year else ("achieved" if year < report_year else "target")
        start = before.endswith(("从", "由")) and folded[m.end(): m.end() + 1] == "的"
        out.append(Signal(m.start(), "achieved" if start else kind, True, "", year, cue=m.group(0), start=start))
    for m in (_AS_OF_MONTH.finditer(folded) if "月" in folded and has_digit else ()):
        # 截至2018年8月: the year of a stock counted part way through it (a date, so year_re skips it)
        year = int(m.group(1))
        kind = "achieved" if m.group(0).startswith("截") or (report_year is not None and year < report_year) else (
            "" if report_year is None or year == report_year else "target")
        out.append(Signal(m.start(), kind, True, "", year, cue=m.group(0)))
    for m in (_PAST_N.finditer(folded) if "年" in folded and report_year is not None else ()):
        # 过去四年, 三年来, 近两年: the years before the report, as many as it says
        n = _SMALL_NUMBER.get(m.group(1) or m.group(2), 0)
        if n:
            out.append(Signal(m.start(), "achieved", True, "", None, (report_year - n, report_year - 1), m.group(0)))
    for m in (_PAREN_YEAR.finditer(folded) if "(" in folded else ()):
        # 23.92亿元(2020年22.15亿元): the year of the figure beside it in parentheses
        year = int(m.group(1))
        kind = "" if report_year is None or year == report_year else ("achieved" if year < report_year else "target")
        close = folded.find(")", m.end())
        out.append(Signal(m.start(1), kind, True, "", year, cue=m.group(0)[1:], end=close if close >= 0 else len(folded)))
    for m in (lex.plan_re.finditer(folded) if "十" in folded else ()):
        if folded[max(0, m.start() - 2): m.start()].endswith(("较", "比", "同比")):
            continue  # 较“十二五”末增长27%: the base of a comparison
        if folded[max(0, m.start() - 2): m.start()].rstrip("“\"").endswith(("与", "同", "和")) and _COMPARED.match(folded, m.end()):
            continue  # 与“十五”末相比，生产总值翻一番: the base, the figure is of the years since
        if folded[max(0, m.start() - 1): m.start()] == "是" and folded[m.end(): m.end() + 3].lstrip("”").startswith(("的", "末的", "期末的", "时期的")):
            continue  # 是“十五”末的2.3倍, 是“十五”时期的3.6倍: the base of a multiple
        period = plan_period(m.group(1))
        if period:
            # a period ending in the text's own year is reviewed in a story of that year and
            # still aimed at in a January report: its kind is left to the other cues
            kind = "target" if report_year is None or period[1] > report_year else "" if period[1] == report_year else "achieved"
            if folded[max(0, m.start() - 2): m.start()] == "回顾" or m.group(0).endswith("以来") or folded.startswith("以来", m.end()):
                kind = "achieved"  # 回顾“十四五”时期以来: the years of the plan so far, looked back on
            out.append(Signal(m.start(), kind, True, "plan", None, period, m.group(0)))
    out.sort(key=lambda s: s.pos)
    return out


#: As of a month of a named year (截至2018年8月, 截至2018年8月31日, 到2025年6月底).
_AS_OF_MONTH = re.compile(r"(?:截至|截止到?|到)[ \t]*((?:19|20)\d\d)[ \t]*年[ \t]*(?:1[0-2]|0?[1-9])[ \t]*月(?:底|末|份|[ \t]*\d{1,2}[ \t]*日)?")
#: A run of past years other than one, five and ten (过去四年, 三年来, 近两年, 这3年间).
_PAST_N = re.compile(
    r"(?:过去|近|这)([两二三四六七八九]|[2-46-9])年(?:来|间|里|中)?"
    r"|(?<![\d〇零一二三四五六七八九十两])([两二三四六七八九]|[2-46-9])年(?:来|间)(?!的)"
)
_SMALL_NUMBER = {"两": 2, "二": 2, "三": 3, "四": 4, "六": 6, "七": 7, "八": 8, "九": 9, **{str(i): i for i in range(2, 10)}}


#: 争取 followed by what is obtained (funds, bonds, support from above) reports
#: what was won: 争取上级资金, 争取到位资金, 争取专项债券.
_OBTAIN = re.compile(r"(?:到)?(?:上级|中央|国家|省级|省|市级|各类|各级|专项|政府|项目资金|资金|债券|政策性|到位|国投|[^，,。；;\d]{0,4}?资金)")
#: A year right after 争取到 (争取到2025年): the goal's date, not what was obtained.
_YEAR_AHEAD = re.compile(r"[ \t]*(?:(?:19|20)\d\d|[〇零一二三四五六七八九]{4})[ \t]*年|[ \t]*(?:年底|年末|明年|今年|本世纪)")

_PAREN_YEAR = re.compile(r"\(((?:19|20)\d{2})年(?:末|底)?(?:的|为)?(?=[ \t]*\d)(?![ \t]*\d{1,2}月)")

#: A verb with the perfective 了 right before a number: 引进了4个项目, 增长了5%.
# (not after a verb of saying or setting: 提出了2021年…指标, 明确了2023年目标)
_PERFECTIVE = re.compile(
    r"[\u4e00-\u9fff](?<!提出)(?<!指出)(?<!明确)(?<!制定)(?<!部署)(?<!安排)(?<!强调)(?<!审议)(?<!通过)(?<!确定)(?<!提)(?<!说)"
    r"了(?=[\d一二两三四五六七八九十])"
)


#: After a year: since then (2012年换届以来, 2020年以来).
_SINCE = re.compile(r"[^,，。；;:：\d]{0,4}?以来")
#: A month after a year: the year of a date (2016年1月6日在…会议上), not of a paragraph.
#: What closes 与…相比 after a period (与“十五”末相比).
_COMPARED = re.compile(r"[”\"]?(?:末|期末|时期末?)?[”\"]?(?:相比|比较)")
_DATE_AFTER_YEAR = re.compile(r"[ \t]*\d{1,2}[ \t]*月")


def framing_signals(folded: str, sigs: list[Signal], first_in_paragraph: bool) -> list[Signal]:
    """Signals of a sentence that frame what follows under the same headings:
    mode cues (今后五年, 五年来, 预期目标 …) and a year that opens a paragraph
    (``2022年是…``, ``2022年，全镇…``)."""
    # a partial year (上半年, 1-9月) speaks for its own paragraph, not for what follows
    out = [s for s in sigs if s.mode and s.strong and s.mode not in ("current_done", "meeting")]
    stripped = folded.lstrip(" \t“(")
    offset = len(folded) - len(stripped)
    for s in sigs:
        if s.year is not None and (s.pos <= offset + 1 and first_in_paragraph or folded[s.pos:].startswith(f"{s.year}年是")):
            out.append(s)
    if first_in_paragraph and not any(s.year is not None for s in out):
        # 孟凡利…指出，2025年广东省经济运行稳中有进: the first time a paragraph names, before any
        # figure, is the time of the paragraph and of what follows it
        first = next((s for s in sigs if s.end is None and (s.year is not None or s.span is not None or s.mode)), None)
        # (not a deadline: 争取到2026年, 力争2024年 set a goal's year, not the paragraph's time)
        if first is not None and (first.year is not None or first.span is not None) and not first.start and not _DIGIT.search(folded, 0, first.pos) \
                and not _DATE_AFTER_YEAR.match(folded, first.pos + len(first.cue)) and not ("报告" in folded and "。" not in folded) \
                and not folded[:first.pos].rstrip(" \t").endswith(("到", "至", "在", "力争", "争取", "确保", "预计", "计划")):
            out.append(first)
    return out


def heading_signals(heading_path: str, report_year: int | None) -> list[Signal]:
    """The signals of every heading above a sentence (``A > B > C``)."""
    if not heading_path:
        return []
    out: list[Signal] = []
    for h in str(heading_path).split(" > "):
        out.extend(signals(fold_text(h), report_year))
    return out


#: Document types that are five-year plans: their undated goals span the plan period.
PLAN_DOC_TYPES = {"five_year_plan_proposals", "five_year_plan"}
#: Document types whose figures are goals unless a cue says otherwise.
GOAL_DOC_TYPES = PLAN_DOC_TYPES | {"work_plan"}


@dataclass
class Context:
    """What is known about the surroundings of a sentence."""

    part: str = "other"
    report_year: int | None = None
    paragraph: list[Signal] = field(default_factory=list)
    framing: list[Signal] = field(default_factory=list)
    heading: list[Signal] = field(default_factory=list)
    plan_doc: tuple[int, int] | None = None
    doc_type: str = ""
    in_year: bool = False  # the document reports on its own year so far (see in_year_docs)
    default_part: str = ""  # the part a document's type gives text no heading places (weaker than cues)
    period: tuple[int, int] | None = None  # the years the document covers, as given (period_covered, --period)
    summary: bool = False  # a year's work summary (工作总结): its 今年 is the year it reports on, not one it aims at


def _cue(where: str, s: Signal) -> str:
    return f"{where}: {s.cue}" if s.cue else where


#: Comparators that, when nothing else tells, mark a goal (左右, 以上: how goals are set).
GOAL_COMPARATORS = {"~": "左右", ">=": "以上"}


def resolve_kind(before: list[Signal], ctx: Context, comparator: str = "", after: list[Signal] | None = None) -> tuple[str, str]:
    """``(kind, cue)`` of a figure preceded in its sentence by ``before`` and
    followed by ``after`` (``comparator``: the figure's, the last hint before
    the document's default)."""
    # a mention of the report's own year (neutral) ends the reach of cues before it:
    # in '2020年…增长3.7%，2021年…增长7.5%左右', 2020 does not speak for the 7.5%
    reset = max((s.pos for s in before if s.year is not None and not s.kind), default=-1)
    before = [s for s in before if s.pos >= reset or (s.year is None and s.span is None)]
    if ctx.part == "review" and ctx.report_year is not None:
        # under '一、2022年工作成效' of a summary delivered in 2022, the report year
        # named in a sentence is the year reviewed, not a year aimed at
        before = [s for s in before if not (s.year == ctx.report_year and s.span is None and not s.mode and s.kind == "target")]
    if ctx.part == "review" or ctx.in_year or ctx.summary:
        # 一、一季度工作总结 … 今年先后招引了2个项目: 今年 places the figure in time; the part (or a
        # text reporting on its own year so far) says it is done
        before = [s for s in before if s.mode != "current"]
    if ctx.summary:
        # the same around the sentence (今年，…一是…：栽植白蜡1690株 in a year's summary)
        ctx = replace(ctx, paragraph=[s for s in ctx.paragraph if s.mode != "current"],
                      framing=[s for s in ctx.framing if s.mode != "current"], heading=[s for s in ctx.heading if s.mode != "current"])
    strong = [s for s in before if s.strong and s.kind]
    if strong:
        return strong[-1].kind, _cue("sentence", strong[-1])
    if ctx.part in ("review", "plan"):
        return ("achieved" if ctx.part == "review" else "target"), f"part: {ctx.part}"
    # a strong cue earlier in the paragraph (主要目标是：…；…) outweighs a weak one
    # in the sentence (同比 in a list of goals)
    strong_para = [s for s in ctx.paragraph if s.kind and s.strong]
    if strong_para:
        return strong_para[-1].kind, _cue("paragraph", strong_para[-1])
    weak = [s for s in before if s.kind]
    if weak:
        return weak[-1].kind, _cue("sentence", weak[-1])
    # 第一产业增加值6029亿元，同比增长7.5%: a comparison with the past later in the
    # sentence says the whole sentence reports results
    later = [s for s in after or () if s.kind == "achieved" and not s.mode and s.year is None and s.span is None]
    if later:
        return "achieved", _cue("sentence, later", later[0])
    # a later paragraph opening with the report's own year (2019年，全镇将…) ends the reach of
    # an earlier one's (2018年，全镇实现…)
    last_neutral = max((k for k, s in enumerate(ctx.framing) if s.year is not None and not s.kind and s.span is None), default=-1)
    framing = ctx.framing[last_neutral + 1:]
    around = (("paragraph", ctx.paragraph), ("framing", framing), ("heading", ctx.heading))
    for where, group in around[1:]:
        kinds = [s for s in group if s.kind and s.strong]
        if kinds:
            return kinds[-1].kind, _cue(where, kinds[-1])
    if ctx.default_part in ("review", "plan"):
        return ("achieved" if ctx.default_part == "review" else "target"), f"document part: {ctx.default_part}"
    if comparator in GOAL_COMPARATORS:
        return "target", f"comparator: {GOAL_COMPARATORS[comparator]}"
    for where, group in around:
        kinds = [s for s in group if s.kind]
        if kinds:
            return kinds[-1].kind, _cue(where, kinds[-1])
    if ctx.doc_type in GOAL_DOC_TYPES or ctx.plan_doc is not None:
        return "target", "document: a plan"
    return "achieved", "no goal cue"


#: Verbs of following an approach (围绕…工作思路): the 思路 is named, not the plan part.
_FOLLOWED = re.compile(r"围绕|按照|坚持|遵循|贯彻|落实|坚定|依据|根据|践行")

#: Words of the current year that are times (重点工作, 工作思路 name the plan part, not a time).
_NOW_WORDS = ("今年", "年内", "本年", "当年")


def _mode_fits(s: Signal, kind: str) -> bool:
    if s.year is not None or s.span is not None:
        return True
    if s.mode in ("past10", "past5", "past1", "current_done", "meeting"):
        return kind == "achieved"
    if s.mode in ("next5", "next1", "current", "plan"):
        return kind == "target"
    return False


#: Measures that describe a change over a period (a flow): over several years they take the span.
FLOW_MEASURES = ("growth", "decline")


#: Modes of cues that name several years (过去五年, 今后五年, 十年来).
_MULTI_YEAR_MODES = ("past5", "past10", "next5", "plan")


def _over_span(a: int, b: int, flow: bool, start_level: bool) -> str:
    if start_level:
        return str(a - 1)  # 由A提高到B over 2013-2017: A is the level of 2012
    return f"{a}-{b}" if flow else str(b)


def _span_around(ctx: Context, kind: str) -> tuple[str, list[Signal]]:
    """``(where, signals)`` of the nearest span around a sentence that names none.

    ``“十一五”期间，…去年达到18278亿元。…累计达到5.1万亿元``: a sum is over the
    nearest span, wherever it is said, before any single year. ``("sentence", [])``
    when nothing around names a span.
    """
    for where, group in (("paragraph", ctx.paragraph), ("framing", ctx.framing), ("heading", ctx.heading)):
        fits = [s for s in group if (s.span is not None or s.mode in _MULTI_YEAR_MODES) and _mode_fits(s, kind)]
        if fits:
            return where, fits
    return "sentence", []


def resolve_horizon(
    before: list[Signal],
    ctx: Context,
    kind: str,
    annual: bool,
    *,
    flow: bool = False,
    start_level: bool = False,
    base: int | None = None,
    cumulative: bool = False,
) -> tuple[str, str]:
    """``(horizon, cue)`` of a figure: a year (``2022``), a span (``2017-2021``) or ``''``.

    ``flow`` marks a change or a count of things done (it takes a span over a
    period; a level takes the period's last year), ``annual`` an annual
    average (always a span), ``start_level`` the A of ``由A提高到B``, ``base``
    the base year of ``比2016年增长`` (the span runs from the year after it),
    ``cumulative`` a sum (``累计达到5.1万亿元``): around its sentence, a span
    outweighs a single year.
    """
    ry = ctx.report_year
    starts = [s.year for s in before if s.start]
    if not start_level:
        before = [s for s in before if not s.start]  # 从2020年的A增至B: 2020 is A's year, not B's
    chosen: Signal | None = None
    where = ""
    for where, group in (("sentence", before), ("paragraph", ctx.paragraph), ("framing", ctx.framing), ("heading", ctx.heading)):
        # around the sentence, a year of the other kind (a plan year above a result) does not place it
        fits = [
            s for s in group
            if (s.year is not None or s.span is not None or s.mode)
            # 今年 in a review part (a summary of the year so far) places a result in the report year
            and (_mode_fits(s, kind) or (s.mode == "current" and (ctx.part == "review" or ctx.summary or where == "sentence") and s.cue in _NOW_WORDS))
            and (where == "sentence" or s.year is None or ry is None or ("achieved" if s.year < ry else "target") == kind)
        ]
        if not fits and cumulative and where == "sentence":
            where, fits = _span_around(ctx, kind)
        if fits:
            dated = [s for s in fits if s.year is not None or s.span is not None]
            # under '二、2025年工作思路' the year the heading names, not 工作思路's "this year"
            chosen = dated[-1] if where == "heading" and dated and fits[-1].mode in ("current", "plan") and fits[-1].year is None and fits[-1].span is None else fits[-1]
            break
    spanning = flow or annual
    horizon, cue = "", ""
    if chosen is not None:
        cue = _cue(where, chosen)
        if chosen.span is not None:
            horizon = _over_span(chosen.span[0], chosen.span[1], spanning, start_level)
        elif chosen.year is not None:
            y = chosen.year
            earlier = [s.year for s in before if s.year is not None and s.year < y]
            if annual and earlier:  # 从2010年的…增加到2015年的…，年均增长10.5%
                horizon = f"{earlier[0] + 1}-{y}"
            else:
                horizon = f"{ry}-{y}" if annual and ry is not None and y > ry else str(y)
        elif ry is not None:
            mode = chosen.mode
            if mode == "next5" and ctx.in_year:
                # 今后五年 in a text written as its year ends (a December congress): from the next year on
                horizon, cue = _over_span(ry + 1, ry + 5, spanning, start_level), f"{cue}; written at the end of the year"
            elif mode == "next5":
                horizon = _over_span(ry, ry + 4, spanning, start_level)
            elif mode == "past5" and ctx.in_year:
                # 过去五年 in a report delivered in December 2021: 2017-2021
                horizon, cue = _over_span(ry - 4, ry, spanning, start_level), f"{cue}; written at the end of the term"
            elif mode == "past5":
                horizon = _over_span(ry - 5, ry - 1, spanning, start_level)
            elif mode == "past10" and chosen.cue == "这十年":
                horizon = _over_span(ry - 10, ry, spanning, start_level)  # 这十年 (2022's campaign): 2012 to the year of writing
            elif mode == "past10":
                horizon = _over_span(ry - 10, ry - 1, spanning, start_level)
            elif mode == "past1" and chosen.cue in ("一年来", "过去一年") and ctx.in_year:
                horizon, cue = str(ry), f"{cue}; the year the text is written in"
            elif mode == "past1" and chosen.cue == "一年来" and any(x.year == ry for x in ctx.framing if x.year is not None):
                # 2024年是…关键一年。…一年来: a summary of the year it names, written in that year
                horizon, cue = str(ry), f"{cue}; the year the text names"
            elif mode == "past1":
                horizon = str(ry - 1)
            elif mode == "next1":
                horizon = str(ry + 1)
            elif mode == "current":
                horizon = str(ry)
            elif mode == "meeting":
                horizon = str(ry)  # 应到代表127人: the meeting's own count, of the year it sits
            elif mode == "current_done" and any(x.year is not None and x.pos < chosen.pos <= x.pos + len(x.cue) for x in before):
                # 2019年前三季度, 2020年1-11月: the part of the year just named
                horizon = str(next(x.year for x in before if x.year is not None and x.pos < chosen.pos <= x.pos + len(x.cue)))
            elif mode == "current_done" and chosen.cue in ("目前", "截至目前", "截至当前"):
                horizon = str(ry)  # 目前全镇片长60人 in a report of 2025: the state when it is written
            elif mode == "current_done":
                # 今年以来 under '一、2024年工作回顾' of a report delivered in 2025: the reviewed year
                # (or after 2022年是…之年。年初以来 in a plan-execution report of 2023: the year named)
                around = [s.year for s in ctx.heading + ctx.framing if s.year is not None]
                horizon = str(ry - 1) if (ry - 1) in around and ry not in around else str(ry)
    elif ry is not None:
        reviewed = ctx.period or ctx.plan_doc
        if kind == "achieved" and reviewed is not None and reviewed[0] < ry and reviewed[1] <= ry:
            # a review of a plan period given as the text's period (--period 2021-2025 in 2026):
            # its results span the period, its levels are of the period's last year
            a, b = reviewed
            horizon, cue = _over_span(a, b, spanning, start_level), "default: the period the text reviews"
        elif kind == "achieved" and ctx.in_year:
            horizon, cue = str(ry), "default: the report year, which the document reports on"
        elif kind == "achieved":
            horizon, cue = str(ry - 1), "default: the year before the report"
        elif ctx.plan_doc is not None:
            a, b = ctx.plan_doc
            horizon, cue = _over_span(a, b, spanning, start_level), "default: the plan period"
        else:
            horizon, cue = str(ry), "default: the report year"
    span = re.fullmatch(r"(\d{4})-(\d{4})", horizon)
    if base is not None and flow and re.fullmatch(r"\d{4}", horizon) and int(horizon) - base > 1:
        horizon, cue = f"{base + 1}-{horizon}", f"{cue}; base year {base}"
    elif base is not None and flow and span and int(span.group(1)) <= base < int(span.group(2)):
        horizon, cue = f"{base + 1}-{span.group(2)}", f"{cue}; base year {base}"  # 较2020年增长25% over 2020-2024
    elif starts and not start_level and (flow or annual) and re.fullmatch(r"\d{4}", horizon) and int(horizon) > starts[0]:
        horizon, cue = f"{starts[0] + 1}-{horizon}", f"{cue}; from {starts[0]}"
    return horizon, cue


def base_year(folded_left: str) -> int | None:
    """The base year of the last comparison before a figure (``比2016年增长35%``,
    ``是2012年的1.2倍，年均增长6%`` → 2016, 2012)."""
    m = None
    for m in time_lexicon().base_year_re.finditer(folded_left):
        pass
    year = int(m.group(1) or m.group(2)) if m else None
    # 较“十二五”末增长27%: the last year of the plan period named as the base
    p = None
    for p in _PLAN_END_BASE.finditer(folded_left):
        pass
    if p is not None and (m is None or p.start() > m.start()):
        period = plan_period(p.group(1))
        if period:
            return period[1]
    return year


_PLAN_END_BASE = re.compile(r"(?:比|较|同比)[ \t]*(“?十[一二三四五六七八九]?五”?)(?:时期|规划)?(?:末|期末)")


def firmness(kind: str, comparator: str, folded_clause: str) -> str:
    """How binding a goal is: ``soft`` (左右, 力争, 争取, 预期, 约 …), ``hard`` (确保,
    不低于, 以上, 以内, 至少 …) or ``''`` (a result, or no word that tells)."""
    if kind != "target":
        return ""
    lex = time_lexicon()
    if comparator == "~" or lex.firm_soft_re.search(folded_clause):
        return "soft"
    if comparator in (">=", "<=") or lex.firm_hard_re.search(folded_clause):
        return "hard"
    return ""


def _plan_period_of(year: int) -> tuple[int, int]:
    """The five-year plan period holding ``year`` (六五 = 1981-1985 … 十四五 = 2021-2025)."""
    start = 1981 + 5 * ((year - 1981) // 5)
    return start, start + 4


def in_year_docs(doc_ids: list[str], texts: list[str], years: list[int | None], summaries: set[str] | None = None) -> set[str]:
    """Documents that report on their own year: a summary written in the year
    (今年来, 截至目前, 1-10月), or a text naming the report year as a time
    (2019年末, a statistics bulletin given with its own year), that never looks back at an earlier year
    (去年, 过去一年, 五年来, an earlier year named as a time), or a report delivered in
    the last quarter of its year, or a document given as a year's work summary
    (``summaries``: 工作总结 is written as its year ends) that names earlier years no more than its own.  Their results without a cue describe the report
    year, not the year before it, and their past five years end with it."""
    now: dict[str, int] = {}
    past: dict[str, int] = {}
    current: dict[str, int] = {}
    titled: set[str] = set()
    head: dict[str, int] = {}  # sentences seen of each document (its delivery line is near the top)
    late_date: set[str] = set()
    early: set[str] = set()
    seen: set[str] = set()
    for d, t, y in zip(doc_ids, texts, years):
        if d not in seen:
            seen.add(d)
            m = _SUMMARY_AND_PLAN.search(fold_text(t)[:80])
            if m and y is not None and int(m.group(1)) == y and int(m.group(2)) == y + 1:
                titled.add(d)  # 经开区2022年…总体情况和2023年工作打算: a year's summary, written in it
        head[d] = head.get(d, 0) + 1
        if head[d] <= 10 and y is not None and d not in titled:
            m = _LATE_DELIVERY.search(t) if "日" in t else None
            if m and int(m.group(1)) == y:
                # ——2021年12月26日在县第十七届人民代表大会第一次会议上: delivered at the end of the
                # year it reviews (a new congress's first session), so it reports on that year
                titled.add(d)
            m = _SUMMING_UP.search(t) if "现将" in t else None
            if m and (m.group(1) is None or int(m.group(1)) == y):
                titled.add(d)  # 现将一年来工作总结如下, 现将2023年度目标任务完成情况报告如下: a summary of its own year
            if _LATE_OPENING.match(t):
                titled.add(d)  # 12月25日，东宝区第八届人民代表大会第五次会议隆重开幕: a congress at the year's end
            elif _EARLY_OPENING.match(t):
                early.add(d)  # 2月2日，梧州市十三届人大二次会议开幕: the report looks back on the year before
            m = _LATE_DATE_LINE.fullmatch(t.strip(" \t—-"))
            if m and int(m.group(1)) == y:
                late_date.add(d)  # 2021年10月25日 on its own line, 在…会议上 on the next
            if d in late_date and ("会议上" in t or "代表大会" in t):
                titled.add(d)
        if y is not None and d not in titled and "即" in fold_text(t):
            m = _PASSING_YEAR.search(fold_text(t))
            if m and (m.group(1) is None or int(m.group(1)) == y):
                titled.add(d)  # 即将过去的2017年: written as the year it reports on ends
        if y is not None and d not in titled and ("五年" in t or "届政府" in t):
            b = base_year(fold_text(t))
            if b == y - 5 and any(sig.mode == "past5" for sig in signals(fold_text(t), y)):
                titled.add(d)  # 五年来…较2016年增长1.8倍 in a report of 2021: its five years end with 2021
        if head[d] == 1 and "报告" in t and "。" not in t:
            continue  # the title (2023年湖南省政府工作报告(第3/9页)) names the report's year, not a time it reports on
        for sig in signals(fold_text(t), y):
            if sig.mode == "current" and d in (summaries or ()):
                current[d] = current.get(d, 0) + 1  # 今年 in a summary: the year it sums up
            if sig.mode == "current_done" or (sig.year is not None and sig.year == y and not sig.start and sig.span is None):
                # 今年来, 1-10月; or the report year named as a time (2019年末全市…)
                now[d] = now.get(d, 0) + 1
            elif sig.mode in ("past1", "past5", "past10") or (sig.year is not None and y is not None and sig.year < y and not sig.start):
                past[d] = past.get(d, 0) + 1
    # a summary is of its own year unless it looks back at earlier ones more than at its own
    # (地区生产总值由2012年的…增加到2015年… in a town's self-description of 2016)
    return {d for d in now if not past.get(d) and d not in early} | titled | {
        d for d in (summaries or set()) & seen if past.get(d, 0) <= now.get(d, 0) + current.get(d, 0)}


#: The year the text is written in, about to end (即将过去的2017年, 即将结束的一年).
_PASSING_YEAR = re.compile(r"即将(?:过去|结束)的(?:((?:19|20)\d\d)年|一年)")


#: A delivery line in the last quarter of a year (2021年12月26日在…会议上).
_LATE_DELIVERY = re.compile(r"((?:19|20)\d\d)[ \t]*年[ \t]*(1[0-2])[ \t]*月[ \t]*\d{1,2}[ \t]*日[ \t]*在[^。\n]{0,40}?(?:会议|大会|届)")


#: A story opening with a meeting held in the last quarter, its year unsaid (12月25日，…代表大会…开幕;
#: 本网汉中讯 12月9日，…新闻发布会…举行): written at the end of the year it reports on.
_LATE_OPENING = re.compile(
    r"[^。\n]{0,16}?(?:讯|电|报道|消息|^)[ \t]*(?:\(|（)?[ \t]*(?:1[0-2])[ \t]*月[ \t]*\d{1,2}[ \t]*日(?:电|讯)?[^。\n]{0,40}?"
    r"(?:(?:代表大会|人代会|人大|全会|发布会|会议|经济工作会)[^。\n]{0,30}?(?:开幕|召开|举行)"
    r"|(?:召开|举行)[^。\n]{0,20}?(?:代表大会|人代会|全会|发布会|会议|经济工作会))")


#: The same opening in the first quarter (2月2日，…人大…会议开幕): a report given early in the year,
#: so its results without a year are of the year before, even when it names no earlier year.
_EARLY_OPENING = re.compile(_LATE_OPENING.pattern.replace("(?:1[0-2])", "(?:0?[1-3]|[一二三])(?!\\d)"))


#: A summary announcing itself as one of the year it is written in (现将一年来工作总结如下).
_SUMMING_UP = re.compile(r"现将(?:一年来|全年|今年|本年|((?:19|20)\d\d)年度?)(?:的|度)?(?:主要)?(?:工作|目标任务)[^。，,]{0,8}?(?:总结|汇报|报告)如下")


#: A delivery date alone on its line, in the last quarter of a year (2021年10月25日).
_LATE_DATE_LINE = re.compile(r"((?:19|20)\d\d)[ \t]*年[ \t]*(1[0-2])[ \t]*月[ \t]*\d{1,2}[ \t]*日")


#: A title of a year's summary with next year's plan (2024年工作总结和2025年工作思路).
_SUMMARY_AND_PLAN = re.compile(
    r"((?:19|20)\d\d)年[^。，,\n]{0,16}?(?:总结|情况|工作)[^。，,\n]{0,6}?(?:和|及|与|暨)\s*((?:19|20)\d\d)年[^。，,\n]{0,8}?(?:打算|计划|思路|安排|要点)"
)


def plan_docs(
    doc_ids: list[str],
    texts: list[str],
    years: list[int | None],
    doc_types: list[str] | None,
    periods: list[str] | None = None,
) -> dict[str, tuple[int, int]]:
    """Documents that are five-year plans, and their plan period.

    With a ``doc_type`` column the type decides (a work report that mentions
    its 规划纲要 is not a plan), and a ``period_covered`` such as
    ``2021-2025`` gives the period.  Without one, a document naming itself a
    plan (``十四五规划建议``) counts, and the period holding the report year is
    chosen among the periods it names.
    """
    out: dict[str, tuple[int, int]] = {}
    if doc_types is not None:
        for i, (d, dt, y) in enumerate(zip(doc_ids, doc_types, years)):
            period = _period(periods[i]) if periods is not None else None
            if dt in ("unknown", "", "work_plan") and period is not None and period[1] - period[0] >= 2 and d not in out:
                out[d] = period  # an excerpt given a plan's years (--period 2021-2025) is read as that plan
                continue
            if dt in PLAN_DOC_TYPES and d not in out:
                if period is not None:
                    out[d] = period
                elif y is not None:
                    out[d] = _plan_period_of(y)
        return out
    lex = time_lexicon()
    found: dict[str, list[tuple[int, int]]] = {}
    year_of: dict[str, int | None] = {}
    for d, t, y in zip(doc_ids, texts, years):
        year_of.setdefault(d, y)
        for m in lex.plan_doc_re.finditer(fold_text(t)):
            p = plan_period(m.group(1))
            if p:
                found.setdefault(d, []).append(p)
    for d, ps in found.items():
        y = year_of.get(d)
        holding = [p for p in ps if y is not None and p[0] <= y <= p[1]]
        out[d] = holding[0] if holding else ps[0] if y is None else max(ps)
    return out


def given_periods(doc_ids: list[str], periods: list[str] | None) -> dict[str, tuple[int, int]]:
    """The period each document is given (``period_covered``, ``--period``), whatever its type."""
    out: dict[str, tuple[int, int]] = {}
    for d, p in zip(doc_ids, periods or ()):
        if d not in out:
            period = _period(p)
            if period is not None:
                out[d] = period
    return out


def _period(text) -> tuple[int, int] | None:
    m = re.fullmatch(r"\s*((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})\s*", str(text or ""))
    return (int(m.group(1)), int(m.group(2))) if m and int(m.group(1)) < int(m.group(2)) else None
