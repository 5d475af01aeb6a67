"""The growth-goal extractor: one row per figure stated in a report.

:func:`extract_targets` reads the sentences table and returns the targets
table.  A *figure* is a cardinal quantity of something (an amount, rate,
share, count or level) aimed at or reached; thresholds that only describe
the counted object (``亿元以上项目2个`` → the row is ``2个``), identifiers
(``G60``, ``5G``), years, ordinals and counted slogans are not figures.

How each figure is read:

* the number itself by :mod:`analysis.numbers`;
* the indicator from the words before the measure verb (``地区生产总值增长``),
  or after a verb that precedes its object (``新增市场主体100家``), mapped to a
  canonical id with ``data/indicators.csv``;
* measure, comparator, annual average from the clause (word lists in
  ``data/target_cues.csv``);
* kind (target or achieved) and horizon from the sentence, then ``part``,
  then the paragraph's earlier sentences, then framing sentences earlier under
  the same headings, then the headings themselves.

Everything that can be a word list is one; the code holds the rules.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pandas as pd

from analysis import timeframe as tf
from analysis.clean import to_traditional
from analysis.numbers import (
    NAN,
    Quantity,
    read_data_csv,
    fold_text,
    load_cues,
    plan_period,
    scan_quantities,
    to_base,
)

__all__ = ["OUTPUT_COLUMNS", "extract_targets", "load_indicators", "match_indicator"]

#: Columns of the targets table, in order.
OUTPUT_COLUMNS = [
    "target_id",
    "doc_id",
    "unit_id",
    "section_id",
    "sentence_id",
    "indicator_raw",
    "indicator",
    "indicator_en",
    "value",
    "value_high",
    "unit",
    "value_base",
    "unit_base",
    "comparator",
    "reference",
    "measure",
    "kind",
    "horizon",
    "kind_cue",
    "horizon_cue",
    "firmness",
    "is_annual_average",
    "is_redacted",
    "figure_text",
    "sentence",
    "char_start",
    "char_end",
    "note",
]

_FLOAT_COLS = ("value", "value_high", "value_base")
_BOOL_COLS = ("is_annual_average", "is_redacted")
_INT_COLS = ("char_start", "char_end")

# Punctuation is folded to half-width before matching (see numbers.fold_text).
_CLAUSE_DELIMS = set(",;:。!?\n")
_CLAUSE_DELIM_RE = re.compile("[" + re.escape("".join(sorted(_CLAUSE_DELIMS))) + "]")
_LIST_JOINERS = ("、", "和", "及", "与", "以及")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
_SPACE_OR_PUNCT = " \t“”\"《》()、,;:。!?'"


# --------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------


@lru_cache(maxsize=None)
def load_indicators() -> pd.DataFrame:
    """The indicator table ``data/indicators.csv`` (columns ``indicator``,
    ``name_zh``, ``name_en``, ``synonyms``, ``category``)."""
    return pd.DataFrame(read_data_csv("indicators.csv"))


@lru_cache(maxsize=None)
def _synonyms() -> list[tuple[str, str, str]]:
    """(folded synonym, indicator id, English name), longest synonym first."""
    out = []
    for row in read_data_csv("indicators.csv"):
        names = {row["name_zh"], *row["synonyms"].split("|")}
        for name in names:
            name = fold_text(name.strip())
            if name:
                out.append((name, row["indicator"], row["name_en"]))
    out.sort(key=lambda t: -len(t[0]))
    return out


@lru_cache(maxsize=4096)
def match_indicator(indicator_raw: str) -> tuple[str, str]:
    """Canonical (indicator id, English name) for an indicator as written;
    ("", "") when no synonym occurs in it.  The longest synonym wins, so
    ``研发投入占GDP比重`` is the R&D share, not GDP."""
    text = fold_text(indicator_raw or "")
    if not text:
        return "", ""
    for name, ind, en in _synonyms():
        if name in text:
            return ind, en
    return "", ""


@dataclass(frozen=True)
class _Lexicon:
    cues: dict[str, list[tuple[str, str]]]
    verbs: list[tuple[str, str]]
    verb_re: re.Pattern
    prefix_cmp: list[tuple[str, str]]
    suffix_words: tuple[str, ...]
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
def _lexicon() -> _Lexicon:
    cues = load_cues()

    def words(cat: str) -> tuple[str, ...]:
        return tuple(c for c, _ in cues.get(cat, []))

    verbs = list(cues.get("measure_verb", []))
    lead = words("lead_word")
    tail = words("tail_word")
    cmp_words = [c for c, _ in cues.get("comparator_prefix", [])]
    return _Lexicon(
        cues=cues,
        verbs=verbs,
        verb_re=re.compile(_alt(v for v, _ in verbs)),
        prefix_cmp=list(cues.get("comparator_prefix", [])),
        suffix_words=words("comparator_suffix"),
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


def _clause_bounds(folded: str, quantities: list[Quantity]) -> list[tuple[int, int]]:
    """Comma-level clauses; delimiters inside a quantity (1,200) do not count."""
    inside = set()
    for q in quantities:
        inside.update(range(q.start, q.end))
    bounds, start = [], 0
    for m in _CLAUSE_DELIM_RE.finditer(folded):
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


def _ends_with_any(text: str, words) -> str:
    for w in words:
        if w and text.endswith(w):
            return w
    return ""


def _starts_with_any(text: str, words) -> str:
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


def _is_index(folded: str, q: Quantity, lex: _Lexicon) -> bool:
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
    return _ends_with_any(folded[floor:j], words)


def _accept(folded: str, q: Quantity, quotes, lex: _Lexicon) -> str:
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
        if _starts_with_any(after, lex.special_blockers):
            return "name"
        if quoted and folded[quoted[0]: quoted[1]] != folded[q.start: q.end]:
            return "quoted"
        return ""
    if quoted:
        return "quoted"
    if _ends_with_any(folded[max(0, q.start - 3): q.start], lex.ordinal_prefixes):
        return "ordinal"
    if _is_session(folded, q):
        return "session"
    if folded[max(0, q.start - 4): q.start].rstrip(" \t").endswith(("年产", "年产能", "设计产能", "年处理")):
        return "capacity"  # 投资的年产3万吨铜矿项目: the capacity of a named project (GOLD-CONVENTIONS: not coded)
    if q.unit in ("个百分点", "百分点") and _BENCHMARK_GAP.search(folded[max(0, q.start - 14): q.start]):
        return "benchmark_gap"  # 高于全市0.5个百分点: a difference from an average (GOLD-CONVENTIONS: not coded)
    if folded[max(0, q.start - 4): q.start].rstrip(" \t").endswith(("在", "在全省", "在全市", "在全国")) and "中" in folded[q.end: q.end + 6]:
        return "set_size"  # 在全省17个市州中: the size of a set of peers
    if q.unit in ("个", "项") and folded[q.end: q.end + 3].startswith(("部分", "方面", "指标")):
        return "parts"  # 报告分为七个部分, 十二个方面重点任务, 三项指标: the text's own structure
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
        if not q.unit or q.unit_kind == "magnitude" or q.value < 2:
            return "chinese_word"
        if folded[q.start - 1: q.start] in ("“", '"'):
            return "slogan"  # “两个维护” even when the closing quote is on the next line
        if _ends_with_any(folded[max(0, q.start - 2): q.start], lex.cn_count_blockers):
            return "chinese_word"
        if _starts_with_any(folded[q.end: q.end + 6], lex.slogan_nouns):
            return "slogan"
        return ""
    # Arabic numerals
    if q.unit_kind == "ratio":
        return ""
    if not q.unit:
        v = q.value
        if not math.isnan(v) and float(v).is_integer() and 1900 <= v <= 2100 and q.comparator in ("", "range"):
            return "year"
        return "bare"  # decided later: lists, comparators
    return ""


_BENCHMARK_GAP = re.compile(
    r"(?:高于|低于|快于|慢于|高出|低出|领先|落后)(?:当期)?(?:全国|全省|全市|全州|全县|全区|全镇|省|市|县|区|面上|同类|平均)[^,;:。!?]{0,8}$"
)


_GAP_FIGURE = re.compile(r"\d(?:\.\d+)?[ \t]*个?百分点")


_SESSION_AFTER = ("会议", "全会", "全体会议", "会", "党代会", "常委会")


def _is_session(folded: str, q: Quantity) -> bool:
    """A session number: 十四届人大二次会议, 十届八次、九次全会, 五届四次全会."""
    if q.unit != "次":
        return False
    after = folded[q.end: q.end + 4]
    return after.startswith(_SESSION_AFTER) or "届" in folded[max(0, q.start - 8): q.start] or (
        after.startswith("、") and "届" in folded[max(0, q.start - 12): q.start]
    )


def _bare_is_figure(folded: str, q: Quantity, floor: int, lex: _Lexicon) -> bool:
    """A number without a unit counts when a comparator or level word sits
    right before it (``超3.0``, ``缩小至1.75``, ``从1.99``) or a qualifier after."""
    if q.comparator in (">=", "<=", "~", ">", "<"):
        return True
    window = folded[max(floor, q.start - 4): q.start].rstrip(" \t")
    words = [c for c, _ in lex.prefix_cmp] + list(lex.end_markers) + list(lex.start_markers)
    return bool(_ends_with_any(window, words))


# --------------------------------------------------------------------------
# Indicator, measure, comparator
# --------------------------------------------------------------------------


_TIME_WORDS = ("今年", "全年", "年内", "今后五年", "未来五年", "五年来", "明年", "期间")


def _strip_time(text: str, lex: _Lexicon) -> str:
    """Drop everything up to the last time expression (到2026年, 2022年, 今年);
    when nothing but particles follows it (``地区生产总值从2010年的``), drop
    only the time expressions and keep the subject before them."""
    last = 0
    spans = []
    for m in lex.year_re.finditer(text):
        if text[max(0, m.start() - 2): m.start()].endswith(("比", "较", "同比")):
            continue  # 比2016年增长: a base, the subject stands before it
        last = max(last, m.end())
        spans.append(m.span())
    for m in lex.year_range_re.finditer(text):
        last = max(last, m.end())
        spans.append(m.span())
    for w in _TIME_WORDS:
        j = text.rfind(w)
        if j >= 0:
            last = max(last, j + len(w))
            spans.append((j, j + len(w)))
    rest = text[last:]
    if last and not _CJK.search(rest.strip(" \t的")):
        keep = "".join(c for i, c in enumerate(text) if not any(a <= i < b for a, b in spans))
        return keep.rstrip(" \t的")
    return rest


_BASE_YEAR_TAIL = re.compile(r"(?:同比|比|较)[ \t]*(?:19|20)\d{2}[ \t]*年(?:末|底)?(?:的)?$")


def _balance_quotes(text: str) -> str:
    """Drop a quote mark whose partner was cut off (非粮化”整治优化 → 非粮化整治优化 is
    not wanted either: the missing opening mark is restored instead)."""
    opens, closes = text.count("“"), text.count("”")
    if closes > opens and not text.startswith("“"):
        return "“" + text
    if opens > closes and not text.endswith("”"):
        return text + "”"
    return text


def _clean_indicator(text: str, lex: _Lexicon) -> str:
    cuts = [m for m in lex.cut_re.finditer(text)]
    if cuts and cuts[-1].end() < len(text):
        after = text[cuts[-1].end():]
        # 城乡居民可支配收入预计分别: nothing but particles after the cut, keep what is before it
        text = after if len(_clean_indicator(after, lex)) >= 2 else text[: cuts[-1].start()]
    m = lex.end_cut_re.search(text)
    if m and m.start() > 0:
        text = text[: m.start()]
    text = text.strip(_SPACE_OR_PUNCT + "·-")
    for _ in range(8):
        before = text
        m = lex.lead_re.match(text)
        if m and len(text) - m.end() != 1:  # 并网 stays 并网
            text = text[m.end():]
        m = lex.tail_re.search(text)
        if m:
            text = text[: m.start()]
        if lex.annual_re.search(text[-3:] or "x"):
            text = lex.annual_re.sub("", text)
        text = text.strip(_SPACE_OR_PUNCT.replace("“", "").replace("”", "") + "·-")
        if text.startswith("“") and text.endswith("”") and text.count("“") == 1:
            text = text[1:-1]
        if text == before:
            break
    if text.startswith("(") or text.endswith(")"):
        text = text.strip("()")
    text = _BASE_YEAR_TAIL.sub("", text)  # 规上工业增加值比2016年 → 规上工业增加值
    return _balance_quotes(text)


@dataclass
class _Reading:
    indicator_raw: str = ""
    verb: str = ""
    verb_type: str = ""
    to_level: bool = False  # 提高到 / 缩小至: the figure is a level
    gap: str = ""  # text between the verb (or clause start) and the figure
    is_start: bool = False  # 由A…: A is a starting level
    fallback: str = ""  # subject before a count verb, when nothing follows the figure
    subject: str = ""
    obj: str = ""


def _last_verb(left: str, lex: _Lexicon) -> tuple[str, str, int]:
    best = ("", "", -1)
    best_end = -1
    for m in lex.verb_re.finditer(left):
        if m.end() >= best_end:
            best, best_end = (m.group(0), "", m.start()), m.end()
    if best[2] < 0:
        return "", "", -1
    types = dict(lex.verbs)
    return best[0], types.get(best[0], ""), best[2]


#: Verbs whose object, when written, is what the figure measures.
_RESULT_VERBS = ("实现", "完成")


def _read_left(folded: str, left_start: int, q: Quantity, lex: _Lexicon) -> _Reading:
    left = folded[left_start: q.start]
    left_cut = _strip_time(left, lex)
    verb, vtype, vpos = _last_verb(left_cut, lex)
    r = _Reading()
    r.is_start = bool(_ends_with_any(left_cut.rstrip(" \t"), lex.start_markers))
    listed = left_cut.rstrip(" \t").endswith("等")  # A、B等12个直播基地: the object follows
    if verb:
        r.verb, r.verb_type = verb, vtype
        r.gap = left_cut[vpos + len(verb):]
        subject = _clean_indicator(left_cut[:vpos], lex)
        obj = _clean_indicator(r.gap, lex)
        r.subject, r.obj = subject, obj
        if listed:
            obj = ""
        if vtype == "count":
            # 城镇新增就业1200万人: a short subject belongs to the name
            r.indicator_raw = _clean_indicator(left_cut[len(left_cut) - len(left_cut.lstrip()):], lex) if subject and obj and len(subject) <= 4 else obj
            r.fallback = subject
        elif not subject or (verb in _RESULT_VERBS and len(obj) >= 2):
            # 24个产业集聚区实现主营业务收入1527亿元: what is 实现d is measured, not who
            r.indicator_raw = obj
        else:
            r.indicator_raw = subject
        tail = left_cut[vpos:].rstrip(" \t")
        r.to_level = bool(_ends_with_any(tail, lex.end_markers)) and vtype in ("growth", "decline", "level")
        if tail in ("达到", "达", "为") or (tail.endswith(("到", "至", "为")) and vtype in ("growth", "decline")):
            r.to_level = True
    else:
        r.gap = left_cut[-6:]
        r.indicator_raw = _clean_indicator(left_cut, lex)
        if listed:
            r.fallback, r.indicator_raw = r.indicator_raw, ""
    return r


def _right_noun(folded: str, end: int, clause_end: int, lex: _Lexicon) -> str:
    """The counted object after a figure: 建成200所以上|幼儿园和中小学."""
    text = folded[end:clause_end].lstrip("的 \t")
    m = re.match(r"[^“”\"()、,;:。!?\d]{1,16}", text)
    if not m or not _CJK.match(m.group(0)):
        return ""
    noun = m.group(0)
    stop = lex.right_noun_stop_re.search(noun)
    return noun[: stop.start()] if stop else noun


def _comparator(q: Quantity, reading: _Reading, folded: str, left_start: int, lex: _Lexicon) -> str:
    if q.comparator:
        return q.comparator
    window_start = max(left_start, q.start - 6)
    window = folded[window_start: q.start].rstrip(" \t")
    best, best_end = "", -1
    for cue, val in lex.prefix_cmp:
        j = window.rfind(cue)
        if j < 0:
            continue
        end = j + len(cue)
        # one-character words (近, 约, 超, 达) only count right before the number
        # or before 占 (约占全国的1/40); 习近平 holds no comparator
        if len(cue) == 1 and end != len(window) and window[end: end + 1] != "占":
            continue
        if end > best_end:
            best, best_end = val, end
    return best or "="


def _measure(q: Quantity, reading: _Reading, lex: _Lexicon) -> str:
    if q.form == "special" and q.measure_hint:
        return q.measure_hint
    if q.unit_kind == "count" and reading.obj:
        return "count"  # 提升老旧小区7个: the verb has an object, the figure counts it
    if reading.verb_type in ("growth", "decline") and not reading.to_level and not reading.is_start:
        return reading.verb_type
    kind = q.unit_kind
    if kind == "count" or (q.form == "mask" and kind == "count"):
        return "count"
    if kind in ("percent", "permille", "fraction"):
        return "share"
    if kind == "percent_point":
        return "level"
    if kind == "" and any(w in fold_text(reading.indicator_raw) for w in lex.share_words):
        return "share"
    if kind == "people" and reading.verb_type == "count":
        return "count"
    return "level"


# --------------------------------------------------------------------------
# Relative and qualitative goals
# --------------------------------------------------------------------------


def _relative(folded: str, a: int, b: int, lex: _Lexicon) -> tuple[int, int, str] | None:
    """(start, end, reference) of a relative goal in the clause folded[a:b]."""
    clause = folded[a:b]
    for m in lex.rel_cmp_re.finditer(clause):
        cmp_ = m.group(0)
        rest = clause[m.end():]
        if not rest or rest[0].isdigit():
            continue
        if cmp_ == "控制在":
            j = rest.find("范围")
            if j < 0:
                continue
            ref_end = j + 2
            ref = rest[:ref_end]
            if rest[ref_end: ref_end + 1] == "内":
                ref_end += 1
        elif cmp_ == "完成":
            ref = _starts_with_any(rest, lex.assigned_targets)
            if not ref:
                continue
            ref_end = len(ref)
        elif cmp_ in lex.sync_joiners:
            j = rest.find("同步")
            if j < 0:
                continue
            # 居民收入增长和经济增长基本同步: the last joiner before 同步 counts
            later = [k for k in range(j) if rest[k] in lex.sync_joiners]
            if later:
                continue
            ref_end = j + 2
            ref = rest[:j]
            for w in ("基本", "保持", "相"):
                if ref.endswith(w):
                    ref = ref[: -len(w)]
            if not _starts_with_any(ref, lex.rel_heads) or "、" in ref:
                continue  # 目标同向、行动同步 is not a growth goal
        else:
            if not _starts_with_any(rest, lex.rel_heads):
                continue
            mm = re.match(r"[^,;:。!?()、\d]{1,14}", rest)
            if not mm:
                continue
            ref = mm.group(0)
            # stop at a verb that starts the next thought: 超全市平均水平 | 的目标
            for stop in ("的", "，"):
                k = ref.find(stop)
                if k > 0:
                    ref = ref[:k]
            ref_end = len(ref)
        ref = ref.strip(" \t“”")
        if ref.endswith("水平") and len(ref) > 2:
            ref = ref[:-2]
        for w in ("增长", "增速", "增幅"):
            if ref.endswith(w) and len(ref) > len(w) + 2:
                ref = ref[: -len(w)]
        if not ref:
            continue
        return a + m.start(), a + m.end() + ref_end, ref
    return None


def _split_subjects(text: str) -> list[str]:
    parts = re.split(r"、|以及|和|及", text)
    parts = [p.strip(_SPACE_OR_PUNCT) for p in parts]
    return [p for p in parts if p]


# --------------------------------------------------------------------------
# Per sentence
# --------------------------------------------------------------------------


@dataclass
class _Figure:
    q: Quantity
    clause: tuple[int, int]
    unit: str = ""
    unit_kind: str = ""
    note: str = ""
    reading: _Reading | None = None
    indicator_raw: str = ""
    comparator: str = "="
    measure: str = "level"
    annual: bool = False
    list_head: int = -1  # index of the first figure of a list this one belongs to


def _figures(folded: str, quantities: list[Quantity], lex: _Lexicon) -> tuple[list[_Figure], list[tuple[int, int]]]:
    quotes = _quote_spans(folded)
    bounds = _clause_bounds(folded, quantities)
    cands: list[_Figure] = []
    for q in quantities:
        reason = _accept(folded, q, quotes, lex)
        if reason in ("", "bare"):
            f = _Figure(q, _clause_of(bounds, q.start), q.unit, q.unit_kind, q.note)
            f.note = "bare" if reason == "bare" else q.note
            cands.append(f)
    # bare numbers in a list take the list's unit: 44.3、51.2和51.7个百分点
    for i, f in enumerate(cands):
        if f.note != "bare":
            continue
        j = i
        while j + 1 < len(cands):
            between = folded[cands[j].q.end: cands[j + 1].q.start]
            if between.strip(" \t") in _LIST_JOINERS and cands[j + 1].q.form == "arabic":
                j += 1
                if cands[j].unit:
                    break
            else:
                break
        if j > i and cands[j].unit:
            f.unit, f.unit_kind, f.note = cands[j].unit, cands[j].unit_kind, "unit_from_list"
    kept: list[_Figure] = []
    for f in cands:
        if f.note == "bare":
            floor = kept[-1].q.end if kept and kept[-1].clause == f.clause else f.clause[0]
            if not _bare_is_figure(folded, f.q, floor, lex):
                continue
            f.note = ""
        kept.append(f)
    # thresholds that only describe the counted object are not figures
    out: list[_Figure] = []
    for i, f in enumerate(kept):
        if _is_threshold(folded, f, kept[i + 1:], lex):
            continue
        out.append(f)
    return out, bounds


def _is_threshold(folded: str, f: _Figure, later: list[_Figure], lex: _Lexicon) -> bool:
    q = f.q
    after = folded[q.end: q.end + 8]
    if q.form in ("special", "fraction", "percent_word") or f.unit_kind in ("count", ""):
        return False
    if after.startswith("的"):
        after = after[1:]
    if not after or not _CJK.match(after[0]):
        return False
    if _starts_with_any(after, _LIST_JOINERS) or _starts_with_any(after, lex.suffix_words):
        return False
    if _starts_with_any(after, [v for v, _ in lex.verbs if v not in lex.threshold_heads]) and not _starts_with_any(after, lex.threshold_heads):
        return False
    if _starts_with_any(after, lex.threshold_heads):
        return True
    sub_end = _sub_clause_end(folded, q.end, f.clause[1])
    for g in later:
        if g.q.start >= sub_end:
            break
        if g.unit_kind == "count" or (g.q.form == "mask" and g.unit_kind == "count"):
            return True
    return False


def _read_figures(folded: str, figs: list[_Figure], lex: _Lexicon) -> None:
    """Indicator, measure, comparator and annual flag of each figure, with
    lists (年均分别增长7.2%、9.4%) sharing the first member's reading."""
    prev_in_clause: dict[tuple[int, int], int] = {}
    for i, f in enumerate(figs):
        q = f.q
        prev = prev_in_clause.get(f.clause)
        left_start = figs[prev].q.end if prev is not None else f.clause[0]
        between = folded[left_start: q.start].strip(" \t")
        if prev is not None and (between in _LIST_JOINERS or (between == ":" and q.unit_kind == "ratio")):
            head = figs[prev] if figs[prev].list_head < 0 else figs[figs[prev].list_head]
            f.list_head = prev if figs[prev].list_head < 0 else figs[prev].list_head
            f.reading = head.reading
        else:
            if prev is not None:
                # 80%以上矛盾纠纷化解在镇村、初信初访化解率95%: a new list item
                k = folded.rfind("、", left_start, q.start)
                if k >= 0 and folded[k + 1: q.start].strip(" \t"):
                    left_start = k + 1
            f.reading = _read_left(folded, left_start, q, lex)
        f.annual = bool(lex.annual_re.search(folded[f.clause[0]: q.start]))
        prev_in_clause[f.clause] = i
    # list members: distribute subjects, share readings
    groups: dict[int, list[int]] = {}
    for i, f in enumerate(figs):
        if f.list_head >= 0:
            groups.setdefault(f.list_head, [f.list_head]).append(i)
    for head, members in groups.items():
        subjects = _split_subjects(figs[head].reading.indicator_raw)
        if len(subjects) == len(members):
            for k, i in zip(subjects, members):
                figs[i].indicator_raw = k
        else:
            for i in members:
                figs[i].indicator_raw = figs[head].reading.indicator_raw
    for i, f in enumerate(figs):
        r = f.reading
        if not f.indicator_raw and f.unit_kind == "count" and r.verb_type in ("growth", "decline") and r.obj:
            f.indicator_raw = r.obj
        if not f.indicator_raw:
            f.indicator_raw = r.indicator_raw
        if not f.indicator_raw:
            f.indicator_raw = _clean_indicator(_right_noun(folded, f.q.end, f.clause[1], lex), lex)
        if not f.indicator_raw:
            f.indicator_raw = r.fallback
        f.indicator_raw = _strip_base(f.indicator_raw)
        if len(f.indicator_raw) < 2 and i > 0:  # 是2012年的1.2倍, 末: no noun of its own
            f.indicator_raw = figs[i - 1].indicator_raw
        if f.indicator_raw in lex.completion_words and i > 0:
            f.indicator_raw = figs[i - 1].indicator_raw  # 工业投资11.93亿元，完成全年任务109.5%
        if not f.indicator_raw and i > 0:
            f.indicator_raw = figs[i - 1].indicator_raw  # 增加25%，达到5500家; 999亿元，较上年同期增长7.6%
        if not f.indicator_raw:
            f.indicator_raw = _topic_before_colon(folded, f.q.start, lex)  # 消费贡献率：由54.9%提高到58.8%
        q = f.q
        left_start = f.clause[0] if f.list_head < 0 else figs[f.list_head].clause[0]
        if q.form == "special":
            f.comparator = q.comparator or "="
        elif f.list_head >= 0 and not q.comparator:
            f.comparator = figs[f.list_head].comparator
        elif r.is_start:
            f.comparator = "="
        else:
            f.comparator = _comparator(q, r, folded, left_start if f.list_head >= 0 else max(left_start, q.start - 6), lex)
        f.measure = _measure(_with_unit(q, f), r, lex)


#: The base of a comparison or a way of computing, left where an indicator was
#: read: 较上年同期, 比上年同期加快, 较一季度回落, 按可比价格计算, 两年平均.
_BASE_PHRASE = re.compile(
    r"^(?:按可比价格?计算|可比价格?|两年平均?|是(?=\d|$)|(?:[较比与]|同比)?“?(?:上年同期|去年同期|上年末|上年|去年|同期|上半年|前三季度|[一二三四]季度|一季度|十[一二三四五]?五”?(?:末|期末|期间|时期)?)”?"
    r"(?:和(?:上年同期|一季度|上半年))?(?:分别)?(?:加快|回落|提高|下降|增长|增加|减少|上升|放缓)?)"
)


def _strip_base(indicator: str) -> str:
    """``indicator`` without a leading comparison base (``较上年同期`` → ``''``)."""
    m = _BASE_PHRASE.match(indicator)
    if not m or not m.group(0):
        return indicator
    return indicator[m.end():].strip(_SPACE_OR_PUNCT)


def _topic_before_colon(folded: str, pos: int, lex: _Lexicon) -> str:
    """The topic a sentence announces before a colon (``消费贡献率：``), when the
    figure has no subject of its own."""
    k = folded.rfind(":", 0, pos)
    if k <= 0:
        return ""
    start = max((m.end() for m in _CLAUSE_DELIM_RE.finditer(folded, 0, k)), default=0)
    topic = _clean_indicator(folded[start:k], lex)
    return topic if 2 <= len(topic) <= 16 else ""


def _with_unit(q: Quantity, f: _Figure) -> Quantity:
    """``q`` with the unit a list lent it (44.3、51.2和51.7个百分点)."""
    if q.unit == f.unit:
        return q
    return replace(q, unit=f.unit, unit_kind=f.unit_kind)


# --------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------


def _cell(v, default=""):
    if v is None:
        return default
    try:
        if pd.isna(v):
            return default
    except (TypeError, ValueError):
        pass
    return v


def _year_or_none(v) -> int | None:
    v = _cell(v, None)
    if v is None:
        return None
    try:
        return int(v)
    except (TypeError, ValueError):
        m = re.search(r"(19|20)\d{2}", str(v))
        return int(m.group(0)) if m else None


def _column(df: pd.DataFrame, name: str, default) -> list:
    if name not in df.columns:
        return [default] * len(df)
    col = df[name]
    return [default if missing else v for v, missing in zip(col.tolist(), col.isna().tolist())]


def _empty() -> pd.DataFrame:
    df = pd.DataFrame({c: [] for c in OUTPUT_COLUMNS})
    return _typed(df)


#: Text columns hold Python strings, as in the tables' schema (analysis.schema).
_STRING = pd.StringDtype("python")


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    for c in _FLOAT_COLS:
        df[c] = df[c].astype("float64")
    for c in _BOOL_COLS:
        df[c] = df[c].astype(bool)
    for c in _INT_COLS:
        df[c] = df[c].astype("int64")
    for c in OUTPUT_COLUMNS:
        if c not in _FLOAT_COLS + _BOOL_COLS + _INT_COLS:
            df[c] = df[c].astype(object).where(df[c].notna(), "").astype(_STRING)
    return df[OUTPUT_COLUMNS].reset_index(drop=True)


#: Cues kept per paragraph and per heading: decisions take the latest that
#: fits, so older ones only cost time (a long report has thousands).
_KEEP_SIGNALS = 32


def extract_targets(sentences: pd.DataFrame, progress=None) -> pd.DataFrame:
    """One row per figure in ``sentences`` (the sentences table, in document order).

    Output columns (see ``OUTPUT_COLUMNS``): ``target_id``
    (``<sentence_id>-t<k>``), ``doc_id``, ``unit_id``, ``section_id``,
    ``sentence_id``, ``indicator_raw`` (as written), ``indicator`` and
    ``indicator_en`` (from ``data/indicators.csv``; empty when unknown),
    ``value`` and ``value_high`` (floats; NaN when masked or relative),
    ``unit`` (as written, magnitude included; ``fraction`` for fractions),
    ``value_base``/``unit_base`` (``1.5万亿元`` → 1.5e12 ``元``),
    ``comparator`` (``>=``, ``>``, ``~``, ``<=``, ``<``, ``=``, ``range``,
    ``relative``), ``reference`` (for relative goals), ``measure``
    (``growth``, ``decline``, ``level``, ``share``, ``count``), ``kind``
    (``target``/``achieved``), ``horizon`` (``2022`` or ``2022-2026``; empty
    when unknown), ``is_annual_average``, ``is_redacted``, ``figure_text`` (the
    figure as written), ``sentence``, ``char_start``/``char_end`` (offsets of
    ``figure_text`` in the document text) and ``note`` (``unit_slip``,
    ``unparsed``, ``start_level``, ``unit_from_list``).

    Missing optional columns are tolerated (``heading_path`` → empty,
    ``report_year`` → None, ``part`` → ``other``).  Never raises on odd text.
    ``progress``, when given, is called with the number of sentences done
    every 1,000 sentences (a long report shows its progress).
    """
    if sentences is None or len(sentences) == 0:
        return _empty()
    lex = _lexicon()
    n = len(sentences)
    sid = [str(v) for v in _column(sentences, "sentence_id", "")]
    doc = [str(v) for v in _column(sentences, "doc_id", "")]
    unit = [str(v) for v in _column(sentences, "unit_id", "")]
    sec = [str(v) for v in _column(sentences, "section_id", "")]
    para = [str(v) for v in _column(sentences, "paragraph_id", "")]
    texts = [v if isinstance(v, str) else str(v) for v in _column(sentences, "text", "")]
    starts = _column(sentences, "char_start", 0)
    parts = [str(v) for v in _column(sentences, "part", "other")]
    heads = [str(v) for v in _column(sentences, "heading_path", "")]
    years = [_year_or_none(v) for v in _column(sentences, "report_year", None)]
    doc_types = [str(v) for v in sentences["doc_type"]] if "doc_type" in sentences.columns else None
    periods = [str(v) for v in sentences["period_covered"]] if "period_covered" in sentences.columns else None
    traditional = [bool(v) for v in sentences["is_traditional"]] if "is_traditional" in sentences.columns else [False] * n
    plan_docs = tf.plan_docs(doc, texts, years, doc_types, periods)

    rows: list[dict] = []
    paragraph_signals: list[tf.Signal] = []
    last_para = None
    # framing signals by (doc, unit), then heading path: looked up per sentence
    framing: dict[tuple[str, str], dict[str, list[tf.Signal]]] = {}
    heading_cache: dict[tuple[str, int | None], list[tf.Signal]] = {}
    for i in range(n):
        if progress is not None and i and i % 1000 == 0:
            progress(1000)
        text = texts[i]
        folded = fold_text(text)
        ry = years[i]
        pkey = (doc[i], para[i])
        first_in_paragraph = pkey != last_para
        if first_in_paragraph:
            paragraph_signals = []
            last_para = pkey
        signals = tf.signals(folded, ry)
        hkey = (heads[i], ry)
        if hkey not in heading_cache:
            heading_cache[hkey] = tf.heading_signals(heads[i], ry)
        # framing registered under the nearest of this heading path and its ancestors
        # (looked up by prefix: the cost does not grow with the number of headings)
        registered = framing.get((doc[i], unit[i]), {})
        frame: list[tf.Signal] = []
        if registered:
            parts_ = heads[i].split(" > ") if heads[i] else []
            for k in range(len(parts_), -1, -1):
                sig = registered.get(" > ".join(parts_[:k]))
                if sig is not None:
                    frame = sig
                    break
        ctx = tf.Context(
            parts[i] if parts[i] in ("review", "plan") else "other", ry, list(paragraph_signals), frame,
            heading_cache[hkey], plan_docs.get(doc[i]), doc_types[i] if doc_types is not None else "",
        )
        try:
            new_rows = _sentence_rows(text, folded, signals, ctx, lex)
        except Exception as exc:  # a figure it cannot read is a row with a note
            new_rows = [_unparsed_row(text, folded, exc)]
        try:
            base = int(starts[i])
        except (TypeError, ValueError):
            base = 0
        for k, r in enumerate(new_rows, start=1):
            if traditional[i] and r["unit"]:
                r["unit"] = to_traditional(r["unit"])  # as written: 萬噸, 個百分點
            r.update(
                target_id=f"{sid[i]}-t{k}",
                doc_id=doc[i],
                unit_id=unit[i],
                section_id=sec[i],
                sentence_id=sid[i],
                sentence=text,
                char_start=base + r.pop("_start"),
                char_end=base + r.pop("_end"),
            )
            rows.append(r)
        # explicit years reach only their own sentence (and, via framing,
        # what follows a paragraph-opening 2022年…); modes reach the paragraph
        paragraph_signals.extend(s for s in signals if s.year is None and s.span is None)
        del paragraph_signals[:-_KEEP_SIGNALS]  # only the latest cues are ever chosen
        fr = tf.framing_signals(folded, signals, first_in_paragraph)
        if fr:
            by_heading = framing.setdefault((doc[i], unit[i]), {})
            by_heading[heads[i]] = (by_heading.get(heads[i], []) + fr)[-_KEEP_SIGNALS:]
    rows = _drop_repeats(rows)
    if not rows:
        return _empty()
    return _typed(pd.DataFrame(rows, columns=OUTPUT_COLUMNS, dtype=object))


def _drop_repeats(rows: list[dict]) -> list[dict]:
    """One row per distinct fact of a document: a figure restated with the same
    indicator, value, unit, kind and horizon (a headline over its story, a
    summary of a paragraph) keeps only its first row.  Masked and relative
    figures are never merged: two masks are not known to be one figure; nor
    are equal figures of one sentence (two list items)."""
    seen: dict = {}
    out = []
    for r in rows:
        v = r["value"]
        if not isinstance(v, float) or math.isnan(v) or not r["indicator_raw"]:
            out.append(r)
            continue
        vh = r["value_high"]
        key = (r["doc_id"], fold_text(r["indicator_raw"]), v, None if math.isnan(vh) else vh, r["unit"], r["kind"], r["horizon"])
        if seen.get(key, r["sentence_id"]) != r["sentence_id"]:
            continue  # within one sentence, two equal figures are two items of a list
        seen.setdefault(key, r["sentence_id"])
        out.append(r)
    return out


def _unparsed_row(text: str, folded: str, exc: Exception) -> dict:
    return dict(
        indicator_raw="",
        indicator="",
        indicator_en="",
        value=NAN,
        value_high=NAN,
        unit="",
        value_base=NAN,
        unit_base="",
        comparator="",
        reference="",
        measure="",
        kind="",
        horizon="",
        kind_cue="",
        horizon_cue="",
        firmness="",
        is_annual_average=False,
        is_redacted=False,
        figure_text=text,
        note=f"unparsed: {type(exc).__name__}",
        _start=0,
        _end=len(text),
    )


def _row(text, f_start, f_end, indicator_raw, value, value_high, unit, comparator, reference, measure, kind, horizon, annual, redacted, note,
         kind_cue="", horizon_cue="", firm="") -> dict:
    ind, en = match_indicator(indicator_raw)
    vb, ub = to_base(value, unit) if unit or not math.isnan(value) else (NAN, "")
    return dict(
        indicator_raw=indicator_raw,
        indicator=ind,
        indicator_en=en,
        value=value,
        value_high=value_high,
        unit=unit,
        value_base=vb,
        unit_base=ub,
        comparator=comparator,
        reference=reference,
        measure=measure,
        kind=kind,
        horizon=horizon,
        kind_cue=kind_cue,
        horizon_cue=horizon_cue,
        firmness=firm,
        is_annual_average=annual,
        is_redacted=redacted,
        figure_text=text[f_start:f_end],
        note=note,
        _start=f_start,
        _end=f_end,
    )


def _sentence_rows(text: str, folded: str, signals: list[tf.Signal], ctx: tf.Context, lex: _Lexicon) -> list[dict]:
    quantities = scan_quantities(text, folded)
    figs, bounds = _figures(folded, quantities, lex) if quantities else ([], _clause_bounds(folded, []))
    if figs:
        _read_figures(folded, figs, lex)
    out: list[tuple[int, int, dict]] = []
    for f in figs:
        q = f.q
        before = [s for s in signals if s.pos < q.start]
        kind, kind_cue = tf.resolve_kind(before, ctx, f.comparator, [s for s in signals if s.pos >= q.end])
        note = f.note
        if f.reading.is_start:
            note = "start_level"  # 由56%提高到60%: kind as the sentence says, the year before the period
        clause_start = f.clause[0]
        horizon, horizon_cue = tf.resolve_horizon(
            before, ctx, kind, f.annual, flow=_is_flow(f), start_level=f.reading.is_start,
            base=tf.base_year(folded[: q.start]),
        )
        two = folded.find("两年平均", clause_start, q.start)
        if two >= 0 and not folded[max(0, two - 2): two].endswith(("前", "近")) and re.fullmatch(r"\d{4}", horizon):
            horizon = f"{int(horizon) - 1}-{horizon}"  # 两年平均增长5.9%: the average of two years
        firm = tf.firmness(kind, f.comparator, folded[clause_start: min(len(folded), q.end + 3)])
        if kind == "target" and out and out[-1][2]["kind"] == "achieved" and "(" in folded[out[-1][2]["_end"]: q.start] and ")" not in folded[out[-1][2]["_end"]: q.start]:
            # 增长6.1%（预期目标为7%以上）: the goal that result was measured against, same year
            horizon, horizon_cue = out[-1][2]["horizon"], "the result it is cited with"
        subjects = [f.indicator_raw]
        if q.form == "special" and "、" in f.indicator_raw:
            subjects = _split_subjects(f.indicator_raw)  # 孵化器、…、重点实验室实现零的突破
        for k, subj in enumerate(subjects):
            value = q.value
            out.append((q.start, k, _row(
                text, q.start, q.end, _orig(text, folded, subj), value, q.value_high, f.unit,
                f.comparator, "", f.measure, kind, horizon, f.annual, q.is_redacted, note,
                kind_cue, horizon_cue, firm,
            )))
    # relative goals in clauses without figures (none without a comparison word)
    if not lex.rel_cmp_re.search(folded):
        bounds = []
    fig_clauses = {f.clause for f in figs}
    prev_indicator = figs[0].indicator_raw if figs else ""
    for a, b in bounds:
        if (a, b) in fig_clauses or b - a < 3 or _GAP_FIGURE.search(folded, a, b):
            continue  # (高于全市0.5个百分点 states a gap, which is not coded, rather than a relative goal)
        rel = _relative(folded, a, b, lex)
        if rel is None:
            continue
        r_start, r_end, ref = rel
        subject_text = folded[a:r_start]
        measure = "growth" if re.search("增速|增长|增幅|快于|慢于", folded[a:r_end]) else "level"
        subject_text = re.sub(r"(增速|增长|增幅|均|确保|基本|要|持续|保持|力争|不断|全面|高效)+$", "", subject_text.strip(_SPACE_OR_PUNCT))
        subject_text = _clean_indicator(_strip_time(subject_text, lex), lex)
        subjects = _split_subjects(subject_text) or [_relative_fallback(figs, r_start, prev_indicator)]
        before = [s for s in signals if s.pos < r_start]
        kind, kind_cue = tf.resolve_kind(before, ctx)
        annual = bool(lex.annual_re.search(folded[a:r_start]))
        horizon, horizon_cue = tf.resolve_horizon(before, ctx, kind, annual, flow=measure == "growth")
        firm = tf.firmness(kind, "relative", folded[a:r_end])
        for k, subj in enumerate(subjects):
            out.append((r_start, k, _row(
                text, r_start, r_end, _orig(text, folded, subj), NAN, NAN, "", "relative", ref,
                measure, kind, horizon, annual, False, "", kind_cue, horizon_cue, firm,
            )))
    out.sort(key=lambda t: (t[0], t[1]))
    return [r for _, _, r in out]


def _is_flow(f: _Figure) -> bool:
    """A change (增长, 下降, 提高2个百分点) or a count of things done (新增, 建成, 培育):
    over a period it describes the whole span, where a level describes its last year."""
    if f.measure in tf.FLOW_MEASURES:
        return True
    if f.reading is not None and f.reading.to_level:
        return False  # 达到, 增至: a level reached
    # a count of things done (6个贫困县全部摘帽, 培育…企业114家) or anything 新增/建成
    return f.measure == "count" or (f.measure == "level" and f.reading is not None and f.reading.verb_type == "count")


def _relative_fallback(figs: list[_Figure], pos: int, default: str) -> str:
    earlier = [f for f in figs if f.q.start < pos]
    return earlier[-1].indicator_raw if earlier else default


def _orig(text: str, folded: str, folded_piece: str) -> str:
    """The original spelling of a folded substring (traditional stays traditional)."""
    if not folded_piece:
        return ""
    j = folded.find(folded_piece)
    return text[j: j + len(folded_piece)] if j >= 0 else folded_piece
