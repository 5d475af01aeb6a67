"""Which numbers in a sentence are figures (the first step of the extractor).

A *figure* is a cardinal quantity of something (an amount, rate, share, count
or level) aimed at or reached.  :func:`find_figures` takes the quantities
:mod:`analysis.numbers` scanned in a sentence and keeps the figures: it drops
identifiers (``G60``, ``5G``), years, ordinals, session numbers
(``十四届二次会议``), capacities of named projects (``年产5万吨``), differences
from an average (``高于全市1.3个百分点``), counted slogans (``“两个维护”``),
the text's own structure (``报告分为七个部分``) and thresholds that only
describe the counted object (``亿元以上项目2个`` keeps ``2个``).  Bare numbers
count only with a comparator or a level word before them, or a unit lent by a
list (``44.3、51.2和51.7个百分点``).

The word lists are ``data/target_cues.csv`` (read once into a
:class:`Lexicon`); :mod:`analysis.attributes` reads what each figure measures.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from analysis import timeframe as tf
from analysis.numbers import Quantity, load_cues

if TYPE_CHECKING:  # attributes imports this module
    from analysis.attributes import Reading

__all__ = ["Figure", "Lexicon", "clause_bounds", "find_figures", "lexicon"]

# Punctuation is folded to half-width before matching (see numbers.fold_text).
CLAUSE_DELIMS = set(",;:。!?\n")
CLAUSE_DELIM_RE = re.compile("[" + re.escape("".join(sorted(CLAUSE_DELIMS))) + "]")
LIST_JOINERS = ("、", "和", "及", "与", "以及")
CJK = re.compile(r"[\u4e00-\u9fff]")
DIGIT = re.compile(r"\d")
SPACE_OR_PUNCT = " \t“”\"《》()、,;:。!?'●■◆▲★•※"




@dataclass(frozen=True)
class Lexicon:
    cues: dict[str, list[tuple[str, str]]]
    verbs: list[tuple[str, str]]
    verb_re: re.Pattern
    prefix_cmp: list[tuple[str, str]]
    suffix_words: tuple[str, ...]
    suffix_cmp: list[tuple[str, str]]
    end_markers: tuple[str, ...]
    start_markers: tuple[str, ...]
    annual_re: re.Pattern
    share_words: tuple[str, ...]
    lead_re: re.Pattern
    tail_re: re.Pattern
    year_re: re.Pattern
    year_range_re: re.Pattern
    rel_cmp_re: re.Pattern
    rel_heads: tuple[str, ...]
    threshold_heads: tuple[str, ...]
    special_blockers: tuple[str, ...]
    ordinal_prefixes: tuple[str, ...]
    index_markers: str
    count_verbs: tuple[str, ...]
    cn_count_verbs: tuple[str, ...]
    right_noun_stop_re: re.Pattern
    cut_re: re.Pattern
    end_cut_re: re.Pattern
    cn_count_blockers: tuple[str, ...]
    slogan_nouns: tuple[str, ...]
    duration_stops: tuple[str, ...]
    assigned_targets: tuple[str, ...]
    sync_joiners: tuple[str, ...]
    completion_words: tuple[str, ...]


def _alt(words) -> str:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words) if words else "(?!x)x"


@lru_cache(maxsize=None)
def lexicon() -> Lexicon:
    cues = load_cues()

    def words(cat: str) -> tuple[str, ...]:
        return tuple(c for c, _ in cues.get(cat, []))

    verbs = list(cues.get("measure_verb", []))
    lead = words("lead_word")
    tail = words("tail_word")
    cmp_words = [c for c, _ in cues.get("comparator_prefix", [])]
    return Lexicon(
        cues=cues,
        verbs=verbs,
        verb_re=re.compile(_alt(v for v, _ in verbs)),
        prefix_cmp=list(cues.get("comparator_prefix", [])),
        suffix_words=words("comparator_suffix"),
        suffix_cmp=sorted(cues.get("comparator_suffix", []), key=lambda c: -len(c[0])),
        end_markers=words("end_marker"),
        start_markers=words("start_marker"),
        annual_re=re.compile(_alt(words("annual_average"))),
        share_words=words("share_word"),
        lead_re=re.compile(
            rf"^(?:{_alt(lead + words('end_marker') + words('start_marker') + tuple(v for v, t in verbs if t == 'count'))}|{_alt(cmp_words)})"
        ),
        tail_re=re.compile(rf"(?:{_alt(tail + words('end_marker') + words('start_marker'))}|{_alt(cmp_words)})$"),
        year_re=tf.time_lexicon().year_re,
        year_range_re=tf.time_lexicon().year_range_re,
        rel_cmp_re=re.compile(_alt(words("relative_comparator") + words("relative_sync_joiner"))),
        rel_heads=words("relative_reference_head"),
        threshold_heads=words("threshold_head"),
        special_blockers=words("special_blocker"),
        ordinal_prefixes=words("ordinal_prefix"),
        index_markers="".join(words("index_marker")),
        count_verbs=tuple(v for v, t in verbs if t == "count"),
        cn_count_verbs=words("cn_count_verb"),
        right_noun_stop_re=re.compile(_alt(words("right_noun_stop") + tuple(v for v, _ in verbs if len(v) > 1))),
        cut_re=re.compile(_alt(words("indicator_cut"))),
        end_cut_re=re.compile(_alt(words("indicator_end_cut"))),
        cn_count_blockers=words("cn_count_blocker"),
        slogan_nouns=words("slogan_noun"),
        duration_stops=words("duration_stop"),
        assigned_targets=words("assigned_target"),
        sync_joiners=words("relative_sync_joiner"),
        completion_words=words("completion_word"),
    )


# --------------------------------------------------------------------------
# Sentence structure
# --------------------------------------------------------------------------


def _quote_spans(folded: str) -> list[tuple[int, int]]:
    """Spans of quoted or titled text (inside “”, "" or 《》), quote marks
    excluded; nested quotes keep the outer span too."""
    spans: list[tuple[int, int]] = []
    stacks: dict[str, list[int]] = {"“": [], "《": [], '"': []}
    closers = {"”": "“", "》": "《"}
    for m in _QUOTE_MARKS.finditer(folded):
        i, ch = m.start(), m.group()
        if ch in ("“", "《"):
            stacks[ch].append(i)
        elif ch in closers:
            if stacks[closers[ch]]:
                a = stacks[closers[ch]].pop()
                if i - a <= 40:
                    spans.append((a + 1, i))
        elif stacks['"']:
            a = stacks['"'].pop()
            if i - a <= 40:
                spans.append((a + 1, i))
        else:
            stacks['"'].append(i)
    return spans


_QUOTE_MARKS = re.compile('[“”《》"]')


#: A short note in parentheses without figures; its commas do not end a clause.
_SHORT_NOTE = re.compile(r"[(（][^()（）\d]{1,15}[)）]")


def clause_bounds(folded: str, quantities: list[Quantity]) -> list[tuple[int, int]]:
    """Comma-level clauses; delimiters inside a quantity (1,200) do not count."""
    inside = set()
    for q in quantities:
        inside.update(range(q.start, q.end))
    for m in _SHORT_NOTE.finditer(folded):
        inside.update(range(m.start(), m.end()))  # 生产总值(预计，下同)、财政总收入: one subject
    bounds, start = [], 0
    for m in CLAUSE_DELIM_RE.finditer(folded):
        i = m.start()
        if i not in inside and not (m.group() == ":" and folded[i - 1: i].isdigit() and folded[i + 1: i + 2].isdigit()):
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(folded)))
    return bounds


def _clause_of(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in bounds:
        if a <= pos <= b:
            return a, b
    return 0, 0


def _sub_clause_end(folded: str, pos: int, clause_end: int) -> int:
    j = folded.find("、", pos, clause_end)
    return clause_end if j < 0 else j


def ends_with_any(text: str, words) -> str:
    for w in words:
        if w and text.endswith(w):
            return w
    return ""


def starts_with_any(text: str, words) -> str:
    for w in words:
        if w and text.startswith(w):
            return w
    return ""


# --------------------------------------------------------------------------
# Which candidates are figures
# --------------------------------------------------------------------------


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> tuple[int, int] | None:
    for s, e in spans:
        if s <= a and b <= e:
            return s, e
    return None


def _is_index(folded: str, q: Quantity, lex: Lexicon) -> bool:
    """Item numbers: ``1、产业转型``, ``25. 基本建成``, ``(1)``."""
    if q.unit or q.comparator or q.form not in ("arabic", "chinese"):
        return False
    head = folded[: q.start].strip(" \t(")
    nxt = folded[q.end: q.end + 1]
    # only at the start of a sentence: a final "." in uncleaned text is a full stop
    if head == "" and nxt and nxt in lex.index_markers:
        return True
    if folded[q.start - 1: q.start] == "(" and nxt == ")":
        return True
    return False


def _preceded_by(folded: str, start: int, words, floor: int = 0) -> str:
    """The word among ``words`` that ends at ``start`` (spaces and 了 skipped)."""
    j = start
    while j > floor and folded[j - 1] in " \t了":
        j -= 1
    return ends_with_any(folded[floor:j], words)


def _accept(folded: str, q: Quantity, quotes, lex: Lexicon) -> str:
    """'' when ``q`` may be a figure, else the reason it is not."""
    if q.is_identifier:
        return "identifier"
    if q.unit_kind in ("time", "name"):
        return q.unit_kind
    quoted = _inside(quotes, q.start, q.end)
    if q.unit_kind == "duration":
        # 主城区至镇街15分钟 is a goal; 1小时通勤圈 is a name
        rest = re.match(r"[^,;:。!?、]{0,6}", folded[q.end:]).group(0)
        if any(w in rest for w in lex.duration_stops):
            return "name"
    if q.form == "special":
        after = folded[q.end: q.end + 3]
        if starts_with_any(after, lex.special_blockers):
            return "name"
        if quoted and folded[quoted[0]: quoted[1]] != folded[q.start: q.end]:
            return "quoted"
        return ""
    if quoted:
        return "quoted"
    if ends_with_any(folded[max(0, q.start - 3): q.start], lex.ordinal_prefixes):
        return "ordinal"
    if _is_session(folded, q):
        return "session"
    if folded[max(0, q.start - 4): q.start].rstrip(" \t").endswith(("年产", "年产能", "设计产能", "年处理")) or _CAPACITY.search(folded, max(0, q.start - 8), q.start):
        return "capacity"  # 投资的年产3万吨铜矿项目: the capacity of a named project (GOLD-CONVENTIONS: not coded)
    # 高4.1个点: spoken points; 高出0.1、1.7个百分点: the members of a list of points
    points = q.unit in ("个百分点", "百分点") or (q.unit == "个" and folded.startswith("点", q.end)) or (
        not q.unit and _POINTS_LIST_AFTER.match(folded, q.end) is not None)
    if points and _BENCHMARK_GAP.search(_LIST_BEFORE.sub("", folded[max(0, q.start - 32): q.start])):
        return "benchmark_gap"  # 高于全市0.5个百分点: a difference from an average (GOLD-CONVENTIONS: not coded)
    if q.unit_kind in ("money", "count", "people") and _AMOUNT_GAP.search(folded[max(0, q.start - 16): q.start]):
        return "benchmark_gap"  # 比全省平均水平高9277元, 超预期目标8.57亿元: a gap from an average or a goal
    if folded[max(0, q.start - 4): q.start].rstrip(" \t").endswith(("在", "在全省", "在全市", "在全国")) and "中" in folded[q.end: q.end + 6]:
        return "set_size"  # 在全省17个市州中: the size of a set of peers
    if q.unit in ("个", "家") and _POOL_BEFORE.search(folded, max(0, q.start - 4), q.start) and _RANK_AFTER.match(folded, q.end):
        return "set_size"  # 跨入全省158个县市区前20强, 排名35个农产品主产区县第5位: the peers of a rank
    if q.unit == "个" and folded[q.end: q.end + 2] in ("位次", "名次"):
        return "ranking"  # 上升了41个位次
    if q.unit in ("条", "项") and re.match(r"[^,，。；;\d]{0,6}?(?:措施|举措|政策|意见|重点工作|改革任务|防控措施)(?![\u4e00-\u9fff]{0,2}(?:资金|金额|补贴))", folded[q.end: q.end + 12]):
        return "parts"  # 出台8方面45条举措, 稳增长32条, 38项重点工作: a programme's count (coders leave it out)
    if q.unit in ("件", "项") and re.match(r"(?:重点)?(?:民生)?(?:实事|大事)", folded[q.end: q.end + 6]):
        return "parts"  # 重点抓好15件大事和民生实事: a programme's count (its tasks are the figures)
    if q.unit in ("个", "项") and folded[q.end: q.end + 3].startswith(("部分", "方面", "指标")):
        return "parts"  # 报告分为七个部分, 十二个方面重点任务, 三项指标: the text's own structure
    if (q.unit or folded[q.end: q.end + 1]) in ("位", "名") and _RANK_CONTEXT.search(folded, max(0, q.start - 30), q.start):
        return "ranking"  # 排名…提高123名, 百强镇晋位升级, 从81位上升到45位 (GOLD-CONVENTIONS: not coded)
    if _is_index(folded, q, lex):
        return "index"
    if q.form == "mask":
        return "" if q.unit else "masked_name"
    if q.form in ("percent_word", "fraction"):
        return ""
    if q.form == "magnitude":
        # 超亿元 is a figure; 万元GDP能耗 and 亿元以上项目 are not
        if q.unit_kind == "money" and _preceded_by(folded, q.start, [c for c, v in lex.prefix_cmp if v in (">", ">=", "~", "=")]):
            return ""
        return "magnitude_word"
    if q.form == "chinese":
        # 四座山塘, 五条高速, 两千三百亿元 are figures; 一张蓝图 (a/one),
        # 以下十项 (the report's own list) and slogans in quotes are not
        if q.unit_kind == "magnitude" and q.value >= 10 and folded[q.end: q.end + 1] != "级" and _preceded_by(folded, q.start, _REACHED):
            return ""  # 突破千亿, 过百亿, 再破百万: an amount reached with its unit left unsaid
        if not q.unit or q.unit_kind == "magnitude" or q.value < 2:
            return "chinese_word"
        if folded[q.start - 1: q.start] in ("“", '"'):
            return "slogan"  # “两个维护” even when the closing quote is on the next line
        if ends_with_any(folded[max(0, q.start - 2): q.start], lex.cn_count_blockers):
            return "chinese_word"
        if starts_with_any(folded[q.end: q.end + 6], lex.slogan_nouns):
            return "slogan"
        if _QUOTED_NAME_ONLY.match(folded, q.end):
            return "slogan"  # 制定实施八个“行动方案”和两组“若干措施”: counted programmes by their names
        if _COUNTED_ABSTRACT.match(folded, q.end):
            return "slogan"  # 抓住耕地保护和粮食生产两个重点，守住两条底线: counted aims, not things
        if (_BARE_HUNDRED.match(folded, q.start) and re.match(r"[\u4e00-\u9fff]", folded[q.end: q.end + 1])
                and not q.unit.startswith(("万", "亿")) and not _preceded_by(folded, q.start, _APPROX_BEFORE)):
            return "name"  # 百亩蔬菜基地, 千亩茶园, 百度电商: a bare 百/千 inside a name (近千人 stays a figure)
        return ""
    # Arabic numerals
    if q.unit_kind == "ratio":
        return ""  # 三次产业结构 10.3:37.3:52.4: one share per member (coders code each part)
    if not q.unit:
        v = q.value
        if not math.isnan(v) and float(v).is_integer() and 1900 <= v <= 2100 and q.comparator in ("", "range"):
            return "year"
        return "bare"  # decided later: lists, comparators
    return ""


_BENCHMARK_GAP = re.compile(
    r"(?:(?:高于|低于|快于|慢于|高出|低出|领先|落后)(?:当期)?(?:全中国|中国|全国|全省|全市|全州|全县|全区|全镇|省|市|县|区|面上|同类|平均"
    r"|(?:年度|全年)?(?:调控|预期)?目标)[^,;:。!?]{0,8}"
    r"|(?:高于|低于|快于|慢于|高出|低出)[^,;:。!?\d]{1,10}(?:增速|增幅|平均水平|平均)"  # 高于地区生产总值增速2.2个百分点
    r"|(?:比|较)(?:全国|全省|全市|全州|全县|全区|全盟|省|市|县|区)[^,;:。!?]{0,10}?(?:高|低|快|慢)(?:出)?"
    r"|[%‰][ \t]*[，,][ \t]*(?:分别)?(?:高|低|快|慢)(?:出|于)?"  # 外贸出口增长9.1%，高4.1个点: a gap from a goal or an average left unsaid
    r"|(?:超|超过|超出|差|低于|高于)[^,;:。!?\d]{0,12}?目标(?:任务)?"  # 超过年初人代会确定的增长目标1.2个百分点
    r"|(?:超|超过|超出|差|低于|高于|快于|慢于|落后)(?:于)?(?:年度|全年|一季度|二季度|三季度|上半年|年初)?(?:计划|建议|预期|调控)?目标(?:任务)?(?:[(][^()]{0,10}[)])?)$"
)  # 低于年度调控目标0.8个百分点, 比全省高1.2个百分点: a gap from a goal or an average is not a figure

#: After the first members of a list of points (0.1|、1.7个百分点).
_POINTS_LIST_AFTER = re.compile(r"(?:[、和及][ \t]*[\d.]+)+[ \t]*个?百分点")
#: Earlier members of a list before a figure (高出0.1、|1.7个百分点): the words before them speak for it.
_LIST_BEFORE = re.compile(r"(?:[\d.]+[ \t]*(?:个百分点|百分点)?[ \t]*[、和及][ \t]*)+$")
#: A capacity right before a figure (集装箱年通过能力跃560万标箱, 年吞吐能力达1000万吨).
_CAPACITY = re.compile(r"(?:年通过能力|设计能力)(?:跃升?至?|达到?|为|提升至|突破)?[ \t]*$")

#: Before an amount: a gap from an average or a goal (比全省平均水平高9277元, 超预期目标8.57亿元).
_AMOUNT_GAP = re.compile(
    r"(?:比|较)(?:全国|全省|全市|全州|全县|全区)?平均(?:水平)?(?:高|低|多|少)(?:出)?$"
    r"|(?:超|超过|超出|差|高于|低于)(?:于)?(?:年度|全年|年初)?(?:计划|预期|调控|既定)?目标(?:任务)?$"
)

#: Before a count: the whole of which it counts the peers (全省158个县市区, 排名35个…县第5位).
_POOL_BEFORE = re.compile(r"(?:全国|全省|全市|全区|全县|全州|全盟|排名)[ \t]*$")
#: After such a count, within its clause: the rank among those peers.
_RANK_AFTER = re.compile(r"[^,;。!?]{0,14}?(?:中|前[\d一二三四五六七八九十]+(?:强|名|位)|第[\d一二三四五六七八九十]+|位居|位列|排名|排位)")  # 低于年度调控目标0.8个百分点: a gap from a goal is no more a figure than one from an average



#: Words that make 位/名 a rank, not a count of people.
_RANK_CONTEXT = re.compile(r"排名|位次|名次|排位|晋位|百强|千强|位列|位居")


GAP_FIGURE = re.compile(r"\d(?:\.\d+)?[ \t]*个?百分点")


_SESSION_AFTER = ("会议", "全会", "全体会议", "会", "党代会", "常委会")


def _is_session(folded: str, q: Quantity) -> bool:
    """A session number: 十四届人大二次会议, 十届八次、九次全会, 五届四次全会."""
    if q.unit != "次":
        return False
    after = folded[q.end: q.end + 4]
    return after.startswith(_SESSION_AFTER) or "届" in folded[max(0, q.start - 8): q.start] or (
        after.startswith("、") and "届" in folded[max(0, q.start - 12): q.start]
    )


def _bare_is_figure(folded: str, q: Quantity, floor: int, lex: Lexicon) -> bool:
    """A number without a unit counts when a comparator or level word sits
    right before it (``超3.0``, ``缩小至1.75``, ``从1.99``) or a qualifier after."""
    if q.comparator in (">=", "<=", "~", ">", "<"):
        return True
    window = folded[max(floor, q.start - 4): q.start].rstrip(" \t")
    words = [c for c, _ in lex.prefix_cmp] + list(lex.end_markers) + list(lex.start_markers)
    return bool(ends_with_any(window, words))


# --------------------------------------------------------------------------
# Per sentence
# --------------------------------------------------------------------------


@dataclass
class Figure:
    q: Quantity
    clause: tuple[int, int]
    unit: str = ""
    unit_kind: str = ""
    note: str = ""
    reading: Reading | None = None
    indicator_raw: str = ""
    comparator: str = "="
    measure: str = "level"
    annual: bool = False
    list_head: int = -1  # index of the first figure of a list this one belongs to


#: A meeting's roll call: delegates due, present or absent.
_ATTENDANCE = re.compile(r"代表|委员|列席|出席|缺席|请假|应到|实到|参加会议|参会|名额")


def find_figures(folded: str, quantities: list[Quantity], lex: Lexicon) -> tuple[list[Figure], list[tuple[int, int]]]:
    quotes = _quote_spans(folded)
    bounds = clause_bounds(folded, quantities)
    cands: list[Figure] = []
    for q in quantities:
        reason = _accept(folded, q, quotes, lex)
        if reason in ("", "bare"):
            f = Figure(q, _clause_of(bounds, q.start), q.unit, q.unit_kind, q.note)
            f.note = "bare" if reason == "bare" else q.note
            cands.append(f)
    # bare numbers in a list take the list's unit: 44.3、51.2和51.7个百分点
    for i, f in enumerate(cands):
        if f.note != "bare":
            continue
        j = i
        while j + 1 < len(cands):
            between = folded[cands[j].q.end: cands[j + 1].q.start]
            if between.strip(" \t") in LIST_JOINERS and cands[j + 1].q.form == "arabic":
                j += 1
                if cands[j].unit:
                    break
            else:
                break
        if j > i and cands[j].unit:
            f.unit, f.unit_kind, f.note = cands[j].unit, cands[j].unit_kind, "unit_from_list"
    kept: list[Figure] = []
    for f in cands:
        if f.note == "bare":
            floor = kept[-1].q.end if kept and kept[-1].clause == f.clause else f.clause[0]
            if not _bare_is_figure(folded, f.q, floor, lex):
                continue
            f.note = ""
        kept.append(f)
    # thresholds that only describe the counted object are not figures
    out: list[Figure] = []
    for i, f in enumerate(kept):
        if _is_threshold(folded, f, kept[i + 1:], lex):
            continue
        if f.q.form == "special" and re.fullmatch(r"翻了?番多?", f.q.text):
            continue  # 翻番: a doubling with no number written, which coders leave uncoded (翻一番 is 1 番)
        if f.q.unit in ("名", "人", "位") and _ATTENDANCE.search(folded, f.clause[0], f.clause[1]):
            continue  # 应到代表127人，实到113人: a meeting's attendance is not a figure of the place
        out.append(f)
    return out, bounds


#: A quoted name and nothing after it (八个“行动方案”，): the count of a programme's parts.
_QUOTED_NAME_ONLY = re.compile(r"[ \t]*“[^“”]{1,12}”[ \t]*(?=[，,。；;、和及与]|$)")
#: Abstract nouns a count in words names as a slogan when they end the phrase (两个重点, 两条底线).
_COUNTED_ABSTRACT = re.compile(
    r"(?:重点|关键|底线|短板|难点|着力点|抓手|关键指标上?)(?=[，,。；;、：:”\s]|$)"
    r"|(?:持续|突破|提升|到位|转变|坚持|聚焦|强化|优化|增强|明显|更加)(?=[：:])"  # 呈现五个持续：…
    r"|[^，,。；;]{0,6}?(?:台阶|关口)")  # 连跨两个千亿级台阶: the steps passed, not a figure
#: Words of passing a mark before a Chinese numeral with only a magnitude after it (突破千亿).
_REACHED = ("突破", "破", "过", "超", "超过", "逾", "达到", "迈上", "跨上", "跃上", "站上")
#: A numeral that is one bare 百 or 千 (百亩方, 千亩基地, 百度), not 百万 or 千三百.
_BARE_HUNDRED = re.compile(r"[百千](?![零〇○一二两三四五六七八九十百千万亿\d])")
#: Words that make a bare 百/千 an amount: 近千人, 超百亿, 上千家, 数百户, 从百元到百亿元.
_APPROX_BEFORE = ("近", "超", "逾", "上", "数", "几", "约", "达", "破", "过", "从", "由", "到", "至")


def _is_threshold(folded: str, f: Figure, later: list[Figure], lex: Lexicon) -> bool:
    q = f.q
    after = folded[q.end: q.end + 8]
    if q.form in ("special", "fraction", "percent_word") or f.unit_kind in ("count", ""):
        return False
    if q.comparator in (">=", ">", "<=", "<") and later and later[0].q.start == q.end and (
        later[0].unit_kind == "count" or later[0].q.form == "chinese"
    ):
        return True  # 注册资金千万元以上46家, 30万以上32个村: the size class of what is counted
    if after.startswith("的"):
        after = after[1:]
    if not after or not CJK.match(after[0]):
        return False
    if q.unit.endswith("岁") and q.comparator in (">=", ">", "<=", "<"):
        return True  # 60岁以上老人全程接种率: an age class of the people measured
    if starts_with_any(after, LIST_JOINERS) or starts_with_any(after, lex.suffix_words):
        return False
    if starts_with_any(after, [v for v, _ in lex.verbs if v not in lex.threshold_heads]) and not starts_with_any(after, lex.threshold_heads):
        return False
    if starts_with_any(after, lex.threshold_heads):
        return True
    sub_end = _sub_clause_end(folded, q.end, f.clause[1])
    size_class = folded[q.start: q.end].endswith(("以上", "以下"))
    for g in later:
        if g.q.start >= sub_end:
            break
        if g.unit_kind == "count" or (g.q.form == "mask" and g.unit_kind == "count"):
            return True
        if size_class and g.q.start - q.end <= 16 and not re.search(r"[，,。；;、]", folded[q.end: g.q.start]):
            return True  # 500万元以上固定资产投资增长1.8%: the size class of what the figure after it measures
    return False
