"""What each figure measures: indicator, measure, comparator, annual flag
(the second step of the extractor, after :mod:`analysis.candidates`).

* the indicator is read from the words before the measure verb
  (``地区生产总值增长``), or after a verb that precedes its object
  (``新增市场主体100家``), else from the counted noun after the figure
  (``建成200所幼儿园``), the previous figure, or a topic before a colon;
  time words, comparison bases (``较上年同期``) and particles are cut away;
* members of a list (``A、B分别增长7.2%、9.4%``) share the first member's
  reading and take one subject each;
* measure and comparator come from the verb and the cue words around the
  number (``data/target_cues.csv``);
* :func:`relative_goal` finds goals with a benchmark and no number
  (``与经济增长同步``, ``高于全省平均水平``).

When the figure sits in time (kind, horizon) is :mod:`analysis.timeframe`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analysis.candidates import (
    CJK,
    CLAUSE_DELIM_RE,
    LIST_JOINERS,
    SPACE_OR_PUNCT,
    Figure,
    Lexicon,
    ends_with_any,
    starts_with_any,
)
from analysis.numbers import Quantity, fold_text

__all__ = ["Reading", "clean_indicator", "read_figures", "relative_goal", "split_subjects", "strip_time"]

# --------------------------------------------------------------------------
# Indicator, measure, comparator
# --------------------------------------------------------------------------


_TIME_WORDS = ("今年", "全年", "年内", "今后五年", "未来五年", "五年来", "明年", "期间", "过去五年", "过去一年",
               "十年来", "过去十年", "这十年", "十年间", "五年间", "目前", "截至目前")


#: A verb (and its prefix) that may stand alone between a time and a figure.
_ONLY_VERB = re.compile(r"^(?:首次|成功|预计|已|将|均|分别)*(?:突破|超过|超|达到|达|实现|完成|迈上|跨上|增长|增加|提高|为|是)?了?$")


def strip_time(text: str, lex: Lexicon) -> str:
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
    bare_rest = _ONLY_VERB.sub("", rest.strip(" \t的"))
    if last and (not CJK.search(rest.strip(" \t的")) or not bare_rest):
        # 全县地区生产总值2018年突破百亿元: only a verb after the time, the subject is before it
        keep = "".join(c for i, c in enumerate(text) if not any(a <= i < b for a, b in spans))
        return keep.rstrip(" \t的")
    return rest


_BASE_YEAR_TAIL = re.compile(
    r"(?:(?:同比|比|较)[ \t]*(?:19|20)\d{2}[ \t]*年|(?:由|从)[ \t]*(?:上年|去年|上年末|(?:19|20)\d{2}[ \t]*年))(?:末|底)?(?:的)?$"
)  # 比2016年, 由上年的: the base or start of a comparison, not the indicator


def _balance_quotes(text: str) -> str:
    """Drop a quote mark whose partner was cut off (非粮化”整治优化 → 非粮化整治优化 is
    not wanted either: the missing opening mark is restored instead)."""
    opens, closes = text.count("“"), text.count("”")
    if closes > opens and not text.startswith("“"):
        return "“" + text
    if opens > closes and not text.endswith("”"):
        return text + "”"
    return text


#: A statistician's note on a figure's basis: 生产总值（预计，下同）, （按可比价计算）.
_BASIS_NOTE = re.compile(
    r"[(（][^()（）\d]{0,12}(?:预计|下同|可比价|现价|口径|初步|快报|核算)[^()（）\d]{0,12}[)）]"
    r"|[,，]?剔除[^,，。；\d]{1,14}?因素(?:后|影响)?[,，]?"  # 剔除留抵退税因素: a basis, not a name
    r"|[(（]?(?:剔除|扣除|不含|含)[^,，。；()（）\d]{1,12}?后?(?:为|是)?$"  # (剔除留抵退税后为8.04亿元
)


#: An item's own number before its text (1.地区生产总值, （3）税收, ③): not part of the name.
_ITEM_NUMBER = re.compile(r"^[ \t]*(?:[（(][\d一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、](?!\d)|[①-⑳])[ \t]*")


def clean_indicator(text: str, lex: Lexicon) -> str:
    text = _BASIS_NOTE.sub("", _ITEM_NUMBER.sub("", text))
    cuts = [m for m in lex.cut_re.finditer(text)]
    if cuts and cuts[-1].end() < len(text):
        after = text[cuts[-1].end():]
        # 城乡居民可支配收入预计分别: nothing but particles after the cut, keep what is before it
        text = after if len(clean_indicator(after, lex)) >= 2 else text[: cuts[-1].start()]
    elif cuts and cuts[-1].start() > 0:
        text = text[: cuts[-1].start()]  # 农业总产值预计(完成47000万元): the word after the noun is no part of it
    m = lex.end_cut_re.search(text)
    if m and m.start() > 0:
        text = text[: m.start()]
    text = text.strip(SPACE_OR_PUNCT + "·-")
    for _ in range(8):
        before = text
        m = lex.lead_re.match(text)
        if m and len(text) - m.end() != 1:  # 并网 stays 并网
            text = text[m.end():]
        m = lex.tail_re.search(text)
        if m and not (m.group(0) == "为" and text.endswith("行为")):  # 违法行为31起: 为 ends the noun
            text = text[: m.start()]
        if lex.annual_re.search(text[-3:] or "x"):
            text = lex.annual_re.sub("", text)
        text = text.strip(SPACE_OR_PUNCT.replace("“", "").replace("”", "") + "·-")
        if text.startswith("“") and text.endswith("”") and text.count("“") == 1:
            text = text[1:-1]
        if text == before:
            break
    if text.startswith("(") or text.endswith(")"):
        text = text.strip("()")
    text = _BASE_YEAR_TAIL.sub("", text)  # 规上工业增加值比2016年 → 规上工业增加值
    return _balance_quotes(text)


@dataclass
class Reading:
    indicator_raw: str = ""
    verb: str = ""
    verb_type: str = ""
    to_level: bool = False  # 提高到 / 缩小至: the figure is a level
    gap: str = ""  # text between the verb (or clause start) and the figure
    is_start: bool = False  # 由A…: A is a starting level
    fallback: str = ""  # subject before a count verb, when nothing follows the figure
    subject: str = ""
    obj: str = ""


def _last_verb(left: str, lex: Lexicon) -> tuple[str, str, int]:
    best = ("", "", -1)
    best_end = -1
    for m in lex.verb_re.finditer(left):
        if left[m.end(): m.end() + 1] in _NOUN_ENDINGS and m.end() < len(left):
            continue  # 增加值, 增长率: a noun that holds a verb
        if m.group(0).startswith("达") and left[m.start() - 1: m.start()] in _DA_COMPOUND and m.start():
            continue  # 县下达我镇…任务: 下达 (assign), 传达, 表达 hold 达 but do not reach
        if m.group(0) == "达" and left[m.end(): m.end() + 1] in ("产", "标", "效") and m.end() < len(left):
            continue  # 新达产8个, 达标: 达 inside a verb that is the name
        if m.group(0) == "为" and left[m.start() - 1: m.start()] in ("行", "作", "认", "因", "称", "视") and m.start():
            continue  # 违法行为31起: 为 ends a noun, it is no verb
        if m.end() >= best_end:
            best, best_end = (m.group(0), "", m.start()), m.end()
    if best[2] < 0:
        return "", "", -1
    types = dict(lex.verbs)
    return best[0], types.get(best[0], ""), best[2]


#: Between two structures: the first becomes the second (调整优化为, 演进为, 变为).
_BECOMES = re.compile(r"[^,，。；;\d]{0,6}?(?:调整|优化|演进|转变|变化|改善|变)+(?:为|到|至)?")

#: Between a starting level and the level it reaches (发展到, 扩大至, 增长到).
_REACHES = re.compile(r"[ \t]*[\u4e00-\u9fff]{0,4}(?:到|至|为)[ \t]*")

#: A goal word right before a figure (预期目标为10%, 建议目标(5%)).
_GOAL_OF_PREVIOUS = re.compile(r"目标(?:为|是)?[ \t]*\(?[ \t]*$")
#: What is left of an indicator that names only a goal (or a rank before it).
_GOAL_NAME_WORDS = re.compile(r"排名[^,，]{0,6}第\d+位|[()]|超|差|预期|计划|建议|年度|全年|年初|调控|[一二三四]季度|上半年|目标|为|是|设定|确定|提出|的")

#: Characters that make a word of 达 (下达, 传达, 表达, 发达, 转达, 送达, 抵达).
_DA_COMPOUND = frozenset("下传表发转送抵通")

#: Comparators a figure's own suffix can give (以上, 以内, 左右).
_SUFFIX_ONLY = (">=", "<=", "~")

#: Subjects that say who, where or when, not what: 全县, 我镇, 24个产业集聚区, 城关镇, 第二季度.
_WHO = re.compile(r"^(?:全|我|本|各|该)|\d|(?:省|市|县|区|镇|乡|街道|州|旗|村|园区|集聚区|企业|公司|季度|半年|全年|年度|年|月)$")

#: A verb followed by one of these is part of a noun (增加值, 增长率).
_NOUN_ENDINGS = ("值", "率")

#: Verbs whose object, when written, is what the figure measures.
_RESULT_VERBS = ("实现", "完成")


def _read_left(folded: str, left_start: int, q: Quantity, lex: Lexicon) -> Reading:
    left = folded[left_start: q.start]
    left_cut = strip_time(left, lex)
    verb, vtype, vpos = _last_verb(left_cut, lex)
    r = Reading()
    r.is_start = bool(ends_with_any(left_cut.rstrip(" \t"), lex.start_markers))
    listed = left_cut.rstrip(" \t").endswith("等")  # A、B等12个直播基地: the object follows
    if verb:
        r.verb, r.verb_type = verb, vtype
        r.gap = left_cut[vpos + len(verb):]
        subject = clean_indicator(left_cut[:vpos], lex)
        obj = clean_indicator(r.gap, lex)
        r.subject, r.obj = subject, obj
        if listed:
            obj = ""
        if vtype == "count":
            # 城镇新增就业1200万人: a short subject belongs to the name
            r.indicator_raw = clean_indicator(left_cut[len(left_cut) - len(left_cut.lstrip()):], lex) if subject and obj and len(subject) <= 4 and not _WHO.search(subject) else obj
            r.fallback = subject
        elif not subject or (verb in _RESULT_VERBS and len(obj) >= 2):
            # 24个产业集聚区实现主营业务收入1527亿元: what is 实现d is measured, not who;
            # but 规模以上工业实现增加值: a bare measure noun belongs to its sector
            sector = len(obj) <= 3 and 2 <= len(subject) <= 8 and not _WHO.search(subject)
            r.indicator_raw = subject + obj if sector else obj
        else:
            r.indicator_raw = subject
        tail = left_cut[vpos:].rstrip(" \t")
        r.to_level = bool(ends_with_any(tail, lex.end_markers)) and vtype in ("growth", "decline", "level")
        if tail in ("达到", "达", "为") or (tail.endswith(("到", "至", "为")) and vtype in ("growth", "decline")):
            r.to_level = True
    else:
        r.gap = left_cut[-6:]
        r.indicator_raw = clean_indicator(left_cut, lex)
        # 限上批零住餐企业发展到501家: with no verb the lexicon knows, 到/至 still marks a level reached
        r.to_level = bool(ends_with_any(left_cut.rstrip(" \t"), lex.end_markers)) and not left_cut.rstrip(" \t").endswith(("截至", "截止到", "直到", "直至"))
        if listed:
            r.fallback, r.indicator_raw = r.indicator_raw, ""
    return r


def _right_noun(folded: str, end: int, clause_end: int, lex: Lexicon) -> str:
    """The counted object after a figure: 建成200所以上|幼儿园和中小学."""
    text = folded[end:clause_end].lstrip("的 \t")
    m = re.match(r"[^“”\"()、,;:。!?\d]{1,16}", text)
    if not m or not CJK.match(m.group(0)):
        return ""
    noun = m.group(0)
    stop = lex.right_noun_stop_re.search(noun)
    return noun[: stop.start()] if stop else noun


#: What may follow a count and is not a counted noun: a qualifier (以上, 左右, 余) or a verb of the clause.
_NOT_COUNTED = re.compile(r"^(?:以上|以下|以内|左右|余|多|次|之多|的|并|和|及|且|与|全|已|均|都|共|分别|同比|比|较|占|其|实现|达|为|是|在|于|以|等|被|获|中|位|名|即)")


def _counted_noun(folded: str, end: int, clause_end: int, lex: Lexicon) -> str:
    """The noun right after a count (2个“工改工”项目): two characters or more, written
    straight after the measure word and not itself the subject of a next figure."""
    text = folded[end:clause_end]
    if not text or not CJK.match(text[0]) and text[0] not in "“\"" or _NOT_COUNTED.match(text):
        return ""
    m = re.match(r"[^()、,;:。!?\d]{2,16}", text)
    if not m:
        return ""
    noun = m.group(0)
    stop = lex.right_noun_stop_re.search(noun)
    noun = noun[: stop.start()] if stop else noun
    rest = text[len(noun):]
    if re.match(r"[ \t]*\d", rest):
        return ""  # 67个行政村8.7万人: the noun leads the next figure
    noun = clean_indicator(noun.replace("“", "").replace("”", "").replace('"', ""), lex)
    return noun if len(noun) >= 2 else ""


#: Characters before 过 or 破 that make another word of it (通过, 经过, 打破).
_NOT_OVER = frozenset("通经度越错不跨路走闯渡超打攻爆击")


def _comparator(q: Quantity, reading: Reading, folded: str, left_start: int, lex: Lexicon) -> str:
    if q.comparator == "range":
        # 5%-6%以上: a range takes the comparator written for the whole of it
        # (GOLD-CONVENTIONS); value_high says it is a range
        tail = ends_with_any(folded[q.start: q.end], [w for w, _ in lex.suffix_cmp])
        if tail:
            return dict(lex.suffix_cmp)[tail]
        q = replace(q, comparator="")
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
        if cue in ("过", "破") and window[j - 1: j] in _NOT_OVER:
            continue  # 通过5个, 经过3年, 打破: not 过百亿, 再破百万
        if end > best_end:
            best, best_end = val, end
    return best or "="


def _measure(q: Quantity, reading: Reading, lex: Lexicon) -> str:
    if q.form == "special" and q.measure_hint:
        return q.measure_hint
    if q.unit_kind == "ratio":
        return "share"  # 三次产业结构 8.3:71.1:20.6: each member a share of the whole
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


def relative_goal(folded: str, a: int, b: int, lex: Lexicon) -> tuple[int, int, str] | None:
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
            ref = starts_with_any(rest, lex.assigned_targets)
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
            if not starts_with_any(ref, lex.rel_heads) or "、" in ref:
                continue  # 目标同向、行动同步 is not a growth goal
        else:
            if not starts_with_any(rest, lex.rel_heads):
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


def split_subjects(text: str) -> list[str]:
    """The members of a listed subject (``城镇和农村居民人均可支配收入`` →
    two).  A list that shares its noun (``第一、二、三次产业增加值``) is one
    subject: its members are ordinals, not names."""
    # 生产总值（预计，下同）、财政总收入: a note on one member is not a member
    parts = re.split(r"、|以及|和|及", _NOTE_IN_LIST.sub("", text) if "、" in text else text)
    parts = [p.strip(SPACE_OR_PUNCT) for p in parts]
    parts = [p for p in parts if p]
    if len(parts) > 1 and all(_ORDINAL_ONLY.fullmatch(p) for p in parts[:-1]):
        m = _ORDINAL_HEAD.match(parts[-1])
        if m and m.group(2):
            # 一、二、三产分别增长3.3%、0.6%、5.7%, 第一、二、三产业增加值分别为…: the ordinals share
            # the noun after the last one, and each names its own sector
            noun = _SECTOR_NOUN.sub("产业", m.group(2))
            return [f"第{o.lstrip('第')}{noun}" for o in [*parts[:-1], m.group(1)]]
        return [text.strip(SPACE_OR_PUNCT)]
    return parts


_ORDINAL_ONLY = re.compile(r"第?[一二三四五六七八九十1-9]{1,2}")
_ORDINAL_HEAD = re.compile(r"第?([一二三四五六七八九十1-9]{1,2})(.*)")
#: The shared noun of ordinal sectors (三产, 三次产业): 产业.
_SECTOR_NOUN = re.compile(r"^(?:次)?产(?:业)?")
#: A subject that names nothing (分别是2006年的3倍: the figures before it are the subjects).
#: (同比增长分别达13.2%、66.67%: a comparison word left before 分别 is no subject either)
_NO_SUBJECT = re.compile(r"(?:同比|比上年|较上年|比去年)?(?:增长|下降|增幅|增速)?(?:分别|均|都|各)(?:是|为|达|达到)?|(?:同比|环比)(?:增长|下降|上涨)?")
#: What names no thing of its own but the figure before it: 总量, 总量占全区, 大关, 环比.
_TOTAL_OF_PREVIOUS = re.compile(r"(?:总量|总数|规模|总额)(?:占[^，,。；;]{0,6})?|大关|台阶|关口|环比")
_ONLY_TIME = re.compile(
    r"(?:(?:过去|近|这)?[一二三四五六七八九十两\d]{1,2}年(?:来|间|中)?|全年|今年|去年|上年|同期|半年度?|上半年|下半年|年度|全年度"
    r"|[前第]?[一二三四1-4]季度|前三季度|(?:\d{1,2}[ \t]*[-—至~][ \t]*)?\d{1,2}[ \t]*月(?:份|底|末)?)"
    r"(?:预计|预估|累计|实际|共)?(?:完成|实现)?"  # 半年度预计, 1-6月预计完成: a time and an estimate name nothing
)
_NOTE_IN_LIST = re.compile(r"[(（][^()（）、]{1,15}[)）]")



#: What may stand between two lists of figures that belong to the same subjects, one for one.
_LIST_CONTINUES = re.compile(
    r"[，,]?\s*(?:分别|总量|规模|均)?"
    r"(?:(?:是|为|比|较|同比)(?:(?:19|20)\d{2}[ \t]*年|上年|去年|“?十[一二三四五]?五”?)?(?:末|底|期末|同期)?的?)?"  # 分别是2011年的, 分别比上年
    r"(?:达到?了?|为|突破|超过|增至|提高到|增加到|增长|下降)?\s*"
)


_DIGIT_RE = re.compile(r"\d")
#: A clause that only says how an indicator moved: 民间投资稳步回升, 消费持续较快增长.
#: The end of a clause that ranks its subject (一般公共预算收入升至全国第4位，增长11.1%).
_RANKED = re.compile(r"(?:升至|上升至|上升到|跃居|跃升至|居|位居|位列|排名|排)(?:全国|全省|全市|全区|全州|全县|全盟)?(?:第[\d一二三四五六七八九十]+(?:位|名)?|首位|前列)$")
_MOVED = re.compile(
    r"(?:稳步|持续|继续|保持|快速|平稳|明显|较快|加快|逐步|大幅|小幅|进一步|实现|呈现|总体|企稳)*"
    r"(?:较快|快速|稳定|平稳)?(?:回升|增长|提升|提高|加快|向好|恢复|扩大|下降|回落|改善|发展|上升|攀升|回暖|走高|好转)(?:态势|势头)?$"
)


#: The end of a clause that says its subject passed steps (生产总值连跨两个千亿级台阶，2015年达到3384.8亿元).
_STEPPED = re.compile(r"(?:连续|连|再|又|首次|成功)?(?:跨上|跨越|跨过|跨|迈上|迈过|跃上|登上|站上)[^，,。；;\d]{0,8}?(?:台阶|关口)$")


def _verb_set(lex: Lexicon) -> frozenset[str]:
    """Measure verbs (增产, 增长): an indicator that is only one of them names nothing."""
    cached = _VERB_SETS.get(id(lex))
    if cached is None or cached[0] is not lex:
        cached = _VERB_SETS[id(lex)] = (lex, frozenset(v for v, _ in lex.verbs))
    return cached[1]


#: Measure words that are nouns of their own (增幅比去年同期提高3.88个百分点): the indicator as written.
_NOUN_FORMS = frozenset({"增幅", "增速", "涨幅", "降幅", "增量", "增长率", "增长速度"})
_VERB_SETS: dict[int, tuple[Lexicon, frozenset[str]]] = {}


def _subject_of_previous_clause(folded: str, clause_start: int, lex: Lexicon) -> str:
    """The subject of the clause before ``clause_start`` when that clause only says how it moved."""
    prev_start = max(folded.rfind(c, 0, clause_start - 1) for c in ",，;；。:：") + 1
    prev = folded[prev_start: clause_start - 1].strip(SPACE_OR_PUNCT)
    m = _MOVED.search(prev) or _RANKED.search(prev) or _STEPPED.search(prev)
    if not m or m.start() < 2 or _DIGIT_RE.search(prev, 0, m.start()):
        return ""
    return clean_indicator(prev[: m.start()], lex)


def read_figures(folded: str, figs: list[Figure], lex: Lexicon) -> None:
    """Indicator, measure, comparator and annual flag of each figure, with
    lists (年均分别增长7.2%、9.4%) sharing the first member's reading."""
    prev_in_clause: dict[tuple[int, int], int] = {}
    for i, f in enumerate(figs):
        q = f.q
        prev = prev_in_clause.get(f.clause)
        left_start = figs[prev].q.end if prev is not None else f.clause[0]
        between = folded[left_start: q.start].strip(" \t")
        if prev is not None and (between in LIST_JOINERS or (between == ":" and q.unit_kind == "ratio")):
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
            r = f.reading
            if prev is not None and figs[prev].unit_kind == "count" and r.verb_type == "count" and r.subject and 1 <= len(r.obj) <= 4 \
                    and r.indicator_raw == r.obj and folded.startswith(r.subject, left_start):
                # 752个省亿元以上重点项目完成投资795亿元: the investment of the projects just counted
                f.reading = replace(r, indicator_raw=r.subject + r.obj)
        f.annual = bool(lex.annual_re.search(folded[f.clause[0]: q.start]))
        prev_in_clause[f.clause] = i
    # list members: distribute subjects, share readings
    groups: dict[int, list[int]] = {}
    for i, f in enumerate(figs):
        if f.list_head >= 0:
            groups.setdefault(f.list_head, [f.list_head]).append(i)
    borrow: dict[int, int] = {}  # figure -> the earlier figure whose indicator it takes
    last_spread: list[int] | None = None  # members of the last list whose subjects were spread over it
    for head, members in groups.items():
        # (A、B分别完成6.1亿元、3.6亿元: with nothing after the count verb, its subjects are the names)
        subjects = split_subjects(figs[head].reading.indicator_raw or figs[head].reading.fallback)
        if len(subjects) == len(members):
            for k, i in zip(subjects, members):
                figs[i].indicator_raw = k
            last_spread = members
        elif last_spread is not None and len(last_spread) == len(members) and _LIST_CONTINUES.fullmatch(
            folded[figs[last_spread[-1]].q.end: figs[head].q.start]
        ):
            # A、B、C年均分别增长14.1%、22.1%、20.6%，达4270亿元、500.36亿元、242.09亿元:
            # the second list follows the first, one for one
            for j, i in zip(last_spread, members):
                figs[i].indicator_raw = figs[j].indicator_raw
            last_spread = members
        else:
            for i in members:
                figs[i].indicator_raw = "" if _NO_SUBJECT.fullmatch(figs[head].reading.indicator_raw) else figs[head].reading.indicator_raw
        head_subject = figs[head].reading.indicator_raw
        if (not head_subject or _NO_SUBJECT.fullmatch(head_subject)) and (
            "分别" in folded[figs[head].clause[0]: figs[head].q.start] or _NO_SUBJECT.fullmatch(head_subject or "同比")
        ):
            # (内资15.5亿元、外资4101万美元，同比增长18%、17.17%: respectively, though unsaid)
            # A 60.3亿元，B 2亿元，同比分别-6.2%、-19.3%: one each, in the order written
            earlier = [j for j in range(head) if figs[j].list_head < 0 and j not in groups]
            if len(earlier) >= len(members):
                borrow.update(zip(members, earlier[-len(members):]))
    for i, f in enumerate(figs):
        r = f.reading
        if not f.indicator_raw and i in borrow:
            f.indicator_raw = figs[borrow[i]].indicator_raw
        if not f.indicator_raw and f.unit_kind == "count" and r.verb_type in ("growth", "decline") and r.obj:
            f.indicator_raw = r.obj
        if not f.indicator_raw and f.unit_kind == "count" and f.list_head < 0:
            # 为25家民营企业放款, 新增圣禾粮油1家规上工业企业, 等13个“工改工”项目: in
            # number + measure word + noun, the noun after is what is counted
            f.indicator_raw = _counted_noun(folded, f.q.end, f.clause[1], lex)
        if not f.indicator_raw:
            f.indicator_raw = r.indicator_raw
        if not f.indicator_raw:
            f.indicator_raw = clean_indicator(_right_noun(folded, f.q.end, f.clause[1], lex), lex)
        if not f.indicator_raw:
            f.indicator_raw = r.fallback
        f.indicator_raw = _SIZE_CLASS.sub("", _strip_base(f.indicator_raw)).strip(SPACE_OR_PUNCT)
        if len(f.indicator_raw) < 2 and i > 0 and figs[i - 1].q.end < f.clause[0] - 1 and _RANKED.search(
                folded[max(0, f.clause[0] - 30): f.clause[0] - 1].split("，")[-1].split(",")[-1]):
            f.indicator_raw = _subject_of_previous_clause(folded, f.clause[0], lex)  # 收入升至全国第4位，增长11.1%
        if (len(f.indicator_raw) < 2 or _ONLY_TIME.fullmatch(f.indicator_raw) or (f.indicator_raw in _verb_set(lex) and f.indicator_raw not in _NOUN_FORMS)) and i > 0:
            # 是2012年的1.2倍, 末; 国内生产总值增加到121万亿元，五年年均增长5.2%: no noun of its own
            f.indicator_raw = figs[i - 1].indicator_raw
        if i > 0 and _GOAL_OF_PREVIOUS.search(folded, max(0, f.q.start - 12), f.q.start) and not _GOAL_NAME_WORDS.sub("", f.indicator_raw):
            # 增长9.5%，排名全市第1位（预期目标为10%以上）, 超一季度建议目标（5%）: the goal of the figure before
            f.indicator_raw = figs[i - 1].indicator_raw
        restated = False
        if i > 0 and _OF_PREVIOUS.fullmatch(f.indicator_raw):
            restated = f.indicator_raw.startswith(("折合", "约合", "合", "相当于"))
            f.indicator_raw = figs[i - 1].indicator_raw  # 人均7万元，折合9000美元; 增长6.3%，占全市44.7%
        if _TOTAL_OF_PREVIOUS.fullmatch(f.indicator_raw) and i > 0:
            f.indicator_raw = figs[i - 1].indicator_raw  # 净增规模以上工业企业326家，总量突破2500家
        if _is_completion(f.indicator_raw, lex) and i > 0:
            f.indicator_raw = figs[i - 1].indicator_raw  # 工业投资11.93亿元，完成全年任务109.5%
        if not f.indicator_raw and i > 0:
            f.indicator_raw = figs[i - 1].indicator_raw  # 增加25%，达到5500家; 999亿元，较上年同期增长7.6%
        if not f.indicator_raw:
            f.indicator_raw = _topic_before_colon(folded, f.q.start, lex)  # 消费贡献率：由54.9%提高到58.8%
        if not f.indicator_raw and f.clause[0] > 0:
            f.indicator_raw = _subject_of_previous_clause(folded, f.clause[0], lex)  # 民间投资稳步回升，增长8.4%
        q = f.q
        left_start = f.clause[0] if f.list_head < 0 else figs[f.list_head].clause[0]
        if q.form == "special":
            f.comparator = q.comparator or "="
            suffix = [v for w, v in lex.suffix_cmp if w and folded.startswith(w, q.end)] if f.comparator == "=" else []
            if suffix:
                f.comparator = suffix[0]  # 翻一番以上
        elif f.list_head >= 0 and not q.comparator:
            f.comparator = figs[f.list_head].comparator
        elif restated and not q.comparator:
            f.comparator = figs[i - 1].comparator  # 超过7万元，折合9000美元: the same amount, the same bound
        elif r.is_start:
            f.comparator = "="
        else:
            f.comparator = _comparator(q, r, folded, left_start if f.list_head >= 0 else max(left_start, q.start - 6), lex)
        f.measure = _measure(_with_unit(q, f), r, lex)
    # 规上企业从153家发展到268家: the level a starting level reaches is of the same thing
    for i, f in enumerate(figs):
        if i and f.list_head < 0 and figs[i - 1].reading.is_start and figs[i - 1].clause == f.clause and _REACHES.fullmatch(
            folded[figs[i - 1].q.end: f.q.start]
        ):
            f.indicator_raw = figs[i - 1].indicator_raw
    # 三次产业结构由33.5:21.6:44.9调整优化为34.1:20.5:45.4: the structure a structure becomes
    for i, f in enumerate(figs):
        if i and f.unit_kind == "ratio" and figs[i - 1].unit_kind == "ratio" and f.list_head < 0 and _BECOMES.fullmatch(
            folded[figs[i - 1].q.end: f.q.start]
        ):
            for j in [i] + [k for k, g in enumerate(figs) if g.list_head == i]:
                figs[j].indicator_raw = figs[i - 1].indicator_raw
    # 630万亩、245万吨左右, 分别增长10.6%和11%左右: a qualifier after the last
    # member of a list speaks for the members before it
    for head, members in groups.items():
        last = figs[members[-1]]
        if last.q.comparator in _SUFFIX_ONLY:
            for i in members[:-1]:
                if not figs[i].q.comparator and figs[i].comparator == "=":
                    figs[i].comparator = last.q.comparator


#: A size class left before a count (其中，30万以上|32个村): not part of the name.
_SIZE_CLASS = re.compile(r"^(?:其中)?[\d.]+[万亿千百]*[元亩吨人户]?(?:及)?以[上下]")


#: An indicator that only restates or places the figure before it (折合, 占全市).
_OF_PREVIOUS = re.compile(r"(?:折合|约合|合|相当于)(?:人民币|美元)?|占(?:全国|全省|全市|全区|全县|全州|全盟|全镇)(?:的)?(?:比重|比例)?")


def _is_completion(indicator: str, lex: Lexicon) -> bool:
    """A completion phrase read as an indicator (``占年计划``, ``超额``,
    ``完成预期目标``): the figure belongs to the indicator it completes."""
    if indicator in lex.completion_words or _PLAN_NAME.fullmatch(indicator):
        return True
    rest = _COMPLETION_LEAD.sub("", indicator)
    return rest != indicator and (rest == "" or rest in lex.completion_words)


#: A year's plan of some amount named as the yardstick (年度投资计划, 年度考核任务, 全年目标任务).
_PLAN_NAME = re.compile(r"(?:占|完成|超额完成)?(?:年度|全年|年初|本年)[\u4e00-\u9fff]{0,4}?(?:计划|目标|任务)(?:数)?")
_COMPLETION_LEAD = re.compile(r"^(?:占|完成|超额完成|超额|超)(?:了)?")


#: The base of a comparison or a way of computing, left where an indicator was
#: read: 较上年同期, 比上年同期加快, 较一季度回落, 按可比价格计算, 两年平均.
_BASE_PHRASE = re.compile(
    r"^(?:(?:分别)?是“?十[一二三四五]?五”?(?:末|期末)的?|首次|按可比价格?计算|可比价格?|(?:按)?可比口径(?:计算)?(?:实际)?|同口径|按?(?:(?:19|20)\d{2}年)?(?:当年)?(?:平均)?汇率(?:计算|折算)?(?:为)?|两年平均?|是(?=\d|$)|(?:[较比与]|同比)?“?(?:上年同期|去年同期|上年末|上年|去年|同期|年初|上半年|前三季度|[一二三四]季度|一季度|十[一二三四五]?五”?(?:末|期末|期间|时期)?)”?"
    r"(?:和(?:上年同期|一季度|上半年))?(?:分别)?(?:加快|回落|提高|下降|增长|增加|减少|上升|放缓)?)"
)


def _strip_base(indicator: str) -> str:
    """``indicator`` without a leading comparison base (``较上年同期`` → ``''``)."""
    m = _BASE_PHRASE.match(indicator)
    if not m or not m.group(0):
        return indicator
    return indicator[m.end():].strip(SPACE_OR_PUNCT)


def _topic_before_colon(folded: str, pos: int, lex: Lexicon) -> str:
    """The topic a sentence announces before a colon (``消费贡献率：``), when the
    figure has no subject of its own."""
    k = folded.rfind(":", 0, pos)
    if k <= 0:
        return ""
    start = max((m.end() for m in CLAUSE_DELIM_RE.finditer(folded, 0, k)), default=0)
    topic = clean_indicator(folded[start:k], lex)
    return topic if 2 <= len(topic) <= 16 else ""


def _with_unit(q: Quantity, f: Figure) -> Quantity:
    """``q`` with the unit a list lent it (44.3、51.2和51.7个百分点)."""
    if q.unit == f.unit:
        return q
    return replace(q, unit=f.unit, unit_kind=f.unit_kind)
