"""Splitting cleaned text into units, sections and sentences.

* **Units** are the speaking units: one per document, or, for documents that
  collect several units' statements (``doc_type`` in
  :data:`MULTI_UNIT_DOC_TYPES`), one per headline, with the unit's name and
  level read from its text.
* **Sections** are the heading hierarchy (``一、``, ``（一）``, ``1、``/``1.``,
  ``（1）``, ``一是``/``一要``, bare headline lines), each with its level and its
  ``part`` of the report: ``review`` (past years), ``plan`` (years ahead) or
  ``other``.  Every unit has a root section (level 0) so that every sentence
  has a section.
* **Sentences** end at ``。！？；`` (with any closing quotes) and at paragraph
  ends; headings are sentences of their own.

All offsets point into the cleaned document text.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .clean import CJK, CLOSERS
from .config import PACKAGE_DATA
from .numbers import plan_period

#: Document types whose file holds several units, one per headline.
MULTI_UNIT_DOC_TYPES = {"statements", "speeches"}

#: Heading marker types, outermost first; levels are these ranks compressed
#: to the types a document actually uses.
MARKERS: list[tuple[str, re.Pattern]] = [
    ("cn_num", re.compile(r"^([一二三四五六七八九十百]+)[、.．]")),
    ("cn_paren", re.compile(r"^[（(]([一二三四五六七八九十百]+)[)）]")),
    ("arabic", re.compile(r"^(\d{1,3})\s*[、.．](?!\d)")),
    ("arabic_paren", re.compile(r"^[（(](\d{1,3})[)）]")),
    ("enum", re.compile(r"^([一二三四五六七八九十]+)(?:是要|是|要)")),
    ("circled", re.compile(r"^([①-⑳])")),
]
RANKS = {"headline": 0, **{name: i + 1 for i, (name, _) in enumerate(MARKERS)}}

_DATE_LINE = re.compile(r"^[（(]?\d{4}年\d{1,2}月\d{1,2}日[)）]?$|^\d{4}[-./]\d{1,2}[-./]\d{1,2}$")
_SPEAKER_LINE = re.compile(f"^[{CJK}](?:\\s*[{CJK}]){{1,3}}$")
_TITLE_WORDS = re.compile(r"报告|规划|计划|建议|思路|纲要|讲话|发言|要点|方案")
_SENTENCE_END = re.compile(f"[。！？；!?;][{re.escape(CLOSERS)}]*")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass
class Paragraph:
    index: int
    start: int
    end: int
    text: str
    raw_line_start: int
    raw_line_end: int


# --------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def unit_suffixes() -> list[tuple[str, str]]:
    """(suffix, unit_level) pairs from ``data/unit_suffixes.csv``, longest suffix first."""
    with open(PACKAGE_DATA / "unit_suffixes.csv", encoding="utf-8") as f:
        rows = [(r["suffix"], r["unit_level"]) for r in csv.DictReader(f)]
    return sorted(rows, key=lambda r: -len(r[0]))


@lru_cache(maxsize=1)
def part_cues() -> list[tuple[str, str]]:
    """(cue, part) pairs from ``data/part_cues.csv``."""
    with open(PACKAGE_DATA / "part_cues.csv", encoding="utf-8") as f:
        return [(r["cue"], r["part"]) for r in csv.DictReader(f)]


# --------------------------------------------------------------------------
# Paragraph classification
# --------------------------------------------------------------------------


def is_prose(text: str) -> bool:
    """Prose carries sentence punctuation; headlines, titles, dates and names do not."""
    return re.search(r"[，。；、：！？]", text) is not None


def front_matter_kind(text: str, first: bool) -> str | None:
    """``title``, ``subtitle``, ``date`` or ``speaker`` for a report's front matter, else None."""
    t = text.strip()
    if is_prose(t) or len(t) > 60:
        return None
    if _DATE_LINE.match(t):
        return "date"
    if t.startswith(("——", "—", "--")) and _DELIVERY.search(t):
        return "subtitle"  # ——在全县经济工作会议上的讲话 (but ——2012年主要目标 heads a part)
    if _is_speaker(t):
        return "speaker"
    if first and _TITLE_WORDS.search(t):
        return "title"
    return None


def _is_speaker(text: str) -> bool:
    """A line of two to four characters that names a speaker (市长 马旭明), not
    a part's bare heading (预期目标, 工作回顾: words that name a part)."""
    return bool(_SPEAKER_LINE.match(text)) and len(text.replace(" ", "")) <= 4 and not any(
        cue in text for cue, _ in part_cues())


def heading_marker(text: str) -> tuple[str, str, int | None] | None:
    """``(marker_type, marker, number)`` when ``text`` starts with a heading marker."""
    for name, pattern in MARKERS:
        m = pattern.match(text)
        if m:
            raw = m.group(1)
            number = int(raw) if raw.isdigit() else _cn_number(raw)
            return name, m.group(0), number
    return None


def _cn_number(text: str) -> int | None:
    if text in _CN_DIGITS:
        return _CN_DIGITS[text]
    if len(text) == 2 and text[0] == "十":
        return 10 + _CN_DIGITS.get(text[1], 0)
    if len(text) == 2 and text[1] == "十":
        return _CN_DIGITS.get(text[0], 0) * 10
    if len(text) == 3 and text[1] == "十":
        return _CN_DIGITS.get(text[0], 0) * 10 + _CN_DIGITS.get(text[2], 0)
    if text in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳" and text:
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(text) + 1
    return None


def is_headline(text: str) -> bool:
    """A bare headline: a short line with no sentence punctuation and no marker."""
    t = text.strip()
    return (
        0 < len(t) <= 40
        and not is_prose(t)
        and heading_marker(t) is None
        and not _DATE_LINE.match(t)
        and not _is_speaker(t)
        and not (t.startswith(("——", "—")) and _DELIVERY.search(t))
        and not _CAPTION.match(t)
        and not _CREDIT.search(t)
        and not _STATED_FIGURE.search(t)
    )


#: A dash line that gives a delivery (——2015年2月11日在…会议上), not a subtitle heading (——2012年主要目标).
_DELIVERY = re.compile(r"\d{1,2}月\d{1,2}日|会议|大会|上的")

#: A photo or press credit (本报记者 林忠 摄, 图为…), not a heading.
_CREDIT = re.compile(r"^(?:本报|本网|新华社|记者|通讯员|图为|图片|摄影)|(?:摄|供图|图)$")
#: A chart or table caption (图1：2011-2015年…), not a heading.
_CAPTION = re.compile(r"^(?:附)?[图表]\s*\d+")
#: A line stating a figure (城镇新增就业1206万人, a digest's item) is a statement, not a heading.
_STATED_FIGURE = re.compile(r"\d(?:\.\d+)?\s*(?:%|％|‰|万|亿|千|个|家|人|元|吨|亩|公里|平方米|户|项|倍)")


#: A sentence that announces a list of the report's parts: 报告分为七个部分：
_CONTENTS_INTRO = re.compile(r"(?:分为|包括|共有?)[一二三四五六七八九十两\d]+(?:个)?(?:部分|方面)[：:]$")


def is_list_item(text: str) -> bool:
    """A numbered line that ends as a list item (``一、2019年工作回顾；``): one of
    several parts named in a running list, not a heading."""
    return text.rstrip().endswith(("；", ";", "，", ","))


def heading_text(text: str, marker: str) -> tuple[str, int]:
    """The heading words after ``marker`` and the heading's length in ``text``.

    ``1、产业转型。围绕…`` → (``产业转型``, 5): the heading runs to the first
    sentence end, or is the whole paragraph when it has none.
    """
    m = _SENTENCE_END.search(text, len(marker))
    end = m.end() if m else len(text)
    words = text[len(marker) : m.start() if m else len(text)].strip()
    # 一、2024年工作总结2024年，在市委…: a part's heading run into its paragraph ends with its name
    if len(words) > 25:
        run_on = _RUN_ON_PART.match(words)
        if run_on and re.match(r"(?:19|20)\d\d年|[（(]|今年|过去|一年来", words[run_on.end():]):
            lead = len(text) - len(text[len(marker):].lstrip())
            return run_on.group(0), lead + run_on.end()
    return words, end


#: The name of a report's part at the start of a heading run into its text.
_RUN_ON_PART = re.compile(r"[^，。；,;：:]{0,16}?(?:工作总结|工作回顾|工作思路|工作计划|工作打算|工作安排|主要目标|目标任务|执行情况)")


# --------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------


def paragraphs_from_spans(text: str, spans: list[tuple[int, int, int, int]]) -> list[Paragraph]:
    """Paragraph objects from :class:`analysis.clean.CleanResult` spans."""
    return [Paragraph(i, s, e, text[s:e], a, b) for i, (s, e, a, b) in enumerate(spans)]


def _unit_name_pattern() -> re.Pattern:
    suffixes = "|".join(re.escape(s) for s, _ in unit_suffixes())
    # A unit names itself as the subject of its plans: "市场监管局将…", "*镇将以…".
    return re.compile(
        f"(?:^|(?<=[，。；：、“”（）\\s]))([{CJK}*＊X]{{0,12}}?(?:{suffixes}))(?=将|要|坚持|以|全力|主要|围绕)"
    )


def unit_name_from_text(text: str) -> tuple[str, str] | None:
    """The unit that speaks in ``text`` and its level: ``("市场监管局", "department")``.

    Looks for an organisation name ending in a suffix of
    ``data/unit_suffixes.csv`` used as the subject of a plan (followed by
    将/要/坚持/以…); None when there is none.
    """
    m = _unit_name_pattern().search(text)
    if not m:
        return None
    name = m.group(1)
    for suffix, level in unit_suffixes():
        if name.endswith(suffix):
            return name, level
    return None  # pragma: no cover - the pattern only matches known suffixes


def split_units(doc: dict, paragraphs: list[Paragraph]) -> tuple[list[dict], list[str]]:
    """Units of one document and warnings.

    ``doc`` is a manifest row (needs ``doc_id``, ``doc_type``, ``place``,
    ``place_level``, ``parent_place``).  Returns dicts with ``unit_id,
    doc_id, unit_name, unit_label, unit_level, place, parent_place,
    headline, char_start, char_end, first_paragraph`` (paragraph index).
    """
    doc_id = doc["doc_id"]
    warnings: list[str] = []
    end = paragraphs[-1].end if paragraphs else 0
    if doc["doc_type"] in MULTI_UNIT_DOC_TYPES:
        heads = [p for p in paragraphs if is_headline(p.text)]
        if not heads:
            warnings.append(f"doc_type {doc['doc_type']!r} but no headline found: one unit")
        units = []
        for k, head in enumerate(heads):
            stop = heads[k + 1].start - 1 if k + 1 < len(heads) else end
            body = "\n".join(p.text for p in paragraphs if head.start < p.start <= stop)
            found = unit_name_from_text(body)
            if found is None:
                warnings.append(f"unit {k + 1} ({head.text!r}): no unit name found in its text")
                name, level = head.text, "unknown"
            else:
                name, level = found
            units.append(
                dict(
                    doc_id=doc_id,
                    unit_name=name,
                    unit_level=level,
                    place=name if level in ("town", "township", "subdistrict") else doc["place"],
                    parent_place=doc["place"],
                    headline=head.text,
                    char_start=head.start,
                    char_end=stop,
                    first_paragraph=head.index,
                )
            )
        if units:
            # Text before the first headline belongs to the first unit.
            units[0]["char_start"] = 0
            units[0]["first_paragraph"] = 0
            _label_units(units)
            return _number_units(doc_id, units), warnings
    headline = ""
    if paragraphs and front_matter_kind(paragraphs[0].text, first=True) == "title":
        headline = paragraphs[0].text
    unit = dict(
        doc_id=doc_id,
        unit_name=doc["place"],
        unit_level=doc["place_level"],
        place=doc["place"],
        parent_place=doc.get("parent_place", ""),
        headline=headline,
        char_start=0,
        char_end=end,
        first_paragraph=0,
    )
    _label_units([unit])
    return _number_units(doc_id, [unit]), warnings


def _label_units(units: list[dict]) -> None:
    counts: dict[str, int] = {}
    for u in units:
        counts[u["unit_name"]] = counts.get(u["unit_name"], 0) + 1
    seen: dict[str, int] = {}
    for u in units:
        name = u["unit_name"]
        seen[name] = seen.get(name, 0) + 1
        # Two masked towns (*镇, *镇) stay two units with distinct labels.
        u["unit_label"] = f"{name} ({seen[name]})" if counts[name] > 1 else name


def _number_units(doc_id: str, units: list[dict]) -> list[dict]:
    for k, u in enumerate(units, start=1):
        u["unit_id"] = f"{doc_id}-u{k}"
    return units


# --------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------


#: A figure with its unit followed or preceded by a clause break: a heading that makes a statement.
_FIGURE_STATEMENT = re.compile(r"\d(?:[\d.]*)[ \t]*(?:%|％|‰|个百分点|[万亿千百]?(?:元|人|户|家|个|项|吨|亩|公里|平方米))[^，,；;。]{0,12}[，,；;。]|[，,；;。][^，,；;。]{0,30}\d[\d.]*[ \t]*(?:%|％|‰|个百分点|[万亿]元?)")
_ORDINAL_LEAD = re.compile(r"^\s*[（(]?[一二三四五六七八九十\d]{1,3}[、.．)）]\s*")


def classify_part(heading: str, report_year: int | None, summary: bool = False) -> str | None:
    """``review``/``plan`` from a heading's words, or None when it says nothing.

    The cue words of ``data/part_cues.csv`` decide first (回顾 → review, 目标
    → plan; a heading with both is ``other``, left to each sentence's cues);
    then a year in the heading (before the report year → review, from it on
    → plan; in a year's ``summary``, the report year too is reviewed).
    """
    # Cue words first: "2018年工作回顾" in a report delivered in December 2018
    # reviews that year whatever the report year says.
    # a note in parentheses ("综合指标类9项（按考核目标统计）") does not name the part
    bare = re.sub(r"[（(][^（）()]*[）)]", "", heading)
    # nor does a quoted name (以“商贸业培育发展三年行动计划”为抓手: a programme, not the plan part)
    bare = re.sub(r"“[^“”]*”|《[^《》]*》", "", bare)
    cues = [(cue, part) for cue, part in part_cues() if cue in bare]
    found = {part for _, part in cues}
    if len(found) == 1:
        return found.pop()
    # (the 、 of a heading's own number, 一、, joins nothing)
    if len(found) > 1 and not re.search("[和与及、]", _ORDINAL_LEAD.sub("", bare).replace("经济和社会", "")):
        # "2023年计划执行情况": the head noun at the end decides (执行情况 of a 计划)
        last = max(cues, key=lambda c: (bare.rfind(c[0]) + len(c[0]), len(c[0])))
        if bare.rstrip("：:").endswith(last[0]):
            return last[1]
    if len(found) > 1:
        # "“十三五”时期发展成就和“十四五”时期主要目标任务": both at once, so each
        # sentence's own cues must decide.
        return "other"
    if _DOCUMENT_TITLE.search(heading) or _DOCUMENT_TITLE.search(bare):
        return None  # "2016年西宁市政府工作报告" names the document, not a part of it
    if _CHART_TITLE.search(heading):
        return None  # "2022年全区生产总值及其增长速度": a communique's chart title, not a part
    if not report_year:
        return None
    years = []
    for m in _HEADING_YEAR.finditer(heading):
        year, after = int(m.group(1)), m.group(2)
        if re.match(r"\d{1,2}月\d{1,2}日", after):
            continue  # "2017年9月1日…会议通过": a date, not the years the part is about
        if year == report_year and _PARTIAL_YEAR.match(after):
            year -= 1  # "2017年上半年…执行情况" in 2017: months already past
        years.append(year)
    period = plan_period(heading)
    if period:
        years.append(period[1] if period[1] < report_year else period[0])
    if years:
        return "review" if max(years) < report_year + summary else "plan"
    return None


#: A paragraph that announces the plan's items (重点做好六个方面的工作。 做好以下工作：).
_PLAN_LEAD_IN = re.compile(
    r"(?:做好|抓好|推进|落实|突出)(?:以下|下列|好)?[一二三四五六七八九十两\d]+个?(?:方面|项)的?(?:重点)?(?:工作|任务)[。：:]?$"
    r"|(?:做好|抓好)(?:以下|下列)[^。]{0,8}工作[。：:]?$"
)

#: Words of a heading that look ahead whatever its parent (下半年工作打算, 下一步工作安排, 明年).
_AHEAD_HEADING = re.compile(r"打算|工作计划|安排|展望|今后|思路|下半年|下一步|下步|明年|未来")


def _plans_ahead(heading: str, report_year: int | None, summary: bool) -> bool:
    """Whether a heading under a review still opens a plan: it looks ahead in words
    (下一步工作打算) or names a year from the report year on (from the next in a summary)."""
    if _AHEAD_HEADING.search(heading):
        return True
    years = [int(m.group(1)) for m in _HEADING_YEAR.finditer(heading)]
    return report_year is not None and any(y >= report_year + summary for y in years)


#: The title of a statistics chart (图1 2022年全区生产总值及其增长速度).
_CHART_TITLE = re.compile(r"及其?增长速度|及其?增速|及其?构成|及其?比重|增长情况$")

_HEADING_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年(.{0,6})")
#: A part of the year that has passed when it is reported on.
_PARTIAL_YEAR = re.compile(r"(?:上半年|前三季度|[一二三]季度|1-\d{1,2}月|1至\d{1,2}月|1—\d{1,2}月|截至|以来)")
#: A heading that is the document's own title.
_DOCUMENT_TITLE = re.compile(r"(?:政府工作报告|工作报告|统计公报|规划纲要)[)）]?[ \t]*(?:全文)?$")


@lru_cache(maxsize=1)
def _doc_types() -> tuple[dict[str, str], dict[str, str]]:
    """``(alias → doc_type, doc_type → default part)`` from ``data/doc_types.csv``."""
    aliases: dict[str, str] = {}
    parts: dict[str, str] = {}
    with open(PACKAGE_DATA / "doc_types.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = row["doc_type"]
            parts[name] = row["default_part"]
            for a in [name, *row["aliases"].split()]:
                aliases[a.lower()] = name
    return aliases, parts


#: Document types written as the year they report on ends (工作总结).
SUMMARY_DOC_TYPES = frozenset({"work_summary"})


def canonical_doc_type(name: object) -> str:
    """The document type a manifest or ``--doc-type`` names, by its table name or an
    alias (``work_report`` → ``government_work_report``, ``统计公报`` → ``statistics``);
    a name the table does not know is kept as written."""
    text = str(name or "").strip()
    if not text:
        return "unknown"
    return _doc_types()[0].get(text.lower().replace("-", "_").replace(" ", "_"), text)


def default_part(doc_type: object) -> str:
    """Part of text before any heading that says otherwise, by document type:
    plans and statements look ahead, reports, summaries and statistics report,
    and a news story, a speech or a type the table does not know says nothing
    (kind is then read from each sentence)."""
    return _doc_types()[1].get(canonical_doc_type(doc_type), "other")


#: A short line that is a number, a date or a deadline: a table cell, never a heading of a part.
_CELL_LIKE = re.compile(r"[\d.%％]+|(?:19|20)\d\d年(?:\d{1,2}月)?(?:底|末|前|内)?|\d{1,2}月(?:底|末)?|[是否]|已完成|未完成|正在推进")


def _mark_table_cells(found: list[dict]) -> None:
    """Unmarked short lines that come three or more in a row with no text between
    (序号 / 目标任务 / 牵头责任单位 / 计划完成时间 / 目前完成情况: a table whose cells
    each stand on a line), and lines that are only a number or a date, are cells of
    a table, not headings that name a part."""
    run: list[dict] = []

    def close() -> None:
        if len(run) >= 3:
            for f in run:
                f["names_no_part"] = True
        run.clear()

    for f in found:
        if f["marker_type"] != "headline":
            close()
            continue
        if _CELL_LIKE.fullmatch(f["heading"].strip()):
            f["names_no_part"] = True
        if run and (run[-1]["unit"] is not f["unit"] or f.get("k", -9) != run[-1].get("k", -9) + 1):
            close()
        run.append(f)
    close()


def split_sections(doc: dict, units: list[dict], paragraphs: list[Paragraph]) -> list[dict]:
    """Sections of one document (see module docstring).

    Returns dicts with ``section_id, doc_id, unit_id, parent_section_id,
    level, marker_type, marker, number, heading, part, char_start, char_end,
    heading_char_end``.
    """
    doc_id = doc["doc_id"]
    report_year = doc.get("report_year")
    part_by_type = default_part(doc["doc_type"])
    summary = canonical_doc_type(doc["doc_type"]) in SUMMARY_DOC_TYPES  # 一、2021年工作情况 in a summary of 2021 reviews it
    found: list[dict] = []  # heading candidates with their unit
    for unit in units:
        unit_paras = [p for p in paragraphs if unit["char_start"] <= p.start < unit["char_end"] or (p.start == unit["char_start"])]
        in_contents = False
        body_seen = False  # a paragraph of text (not a heading) has come: the title block is over
        for k, p in enumerate(unit_paras):
            if unit["headline"] and p.text == unit["headline"] and p.start == _headline_start(unit, unit_paras):
                continue
            marker = heading_marker(p.text)
            # "报告分为三部分：" followed by "一、2019年工作回顾；" lines: a list of the
            # report's parts (a table of contents), not headings of this text
            if marker and (in_contents or is_list_item(p.text)):
                in_contents = True
                continue
            in_contents = bool(_CONTENTS_INTRO.search(p.text.strip()))
            if marker:
                words, length = heading_text(p.text, marker[1])
                found.append(dict(unit=unit, para=p, marker_type=marker[0], marker=marker[1], number=marker[2], heading=words, length=length,
                                  after_plan_lead=k > 0 and _PLAN_LEAD_IN.search(unit_paras[k - 1].text.strip()) is not None))
                body_seen = True
            elif is_headline(p.text) and front_matter_kind(p.text, first=k == 0) is None:
                text = p.text.strip()
                # a title block's subtitle (——辽宁省2012年《政府工作报告》解读) or a news story's
                # headlines (紧握“接力棒” 启航新征程) name the text, not a part of it
                titling = not body_seen and (text.startswith(("——", "—", "--")) or canonical_doc_type(doc.get("doc_type")) == "news")
                found.append(dict(unit=unit, para=p, marker_type="headline", marker="", number=None, heading=text, length=len(p.text), names_no_part=titling, k=k))
            elif front_matter_kind(p.text, first=k == 0) is None:
                body_seen = True
    _mark_table_cells(found)
    used = sorted({f["marker_type"] for f in found}, key=lambda t: RANKS[t])
    level_of = {t: i + 1 for i, t in enumerate(used)}

    sections: list[dict] = []
    titles_name_no_part = canonical_doc_type(doc["doc_type"]) in ("news", "unknown")
    for unit in units:
        root = dict(
            doc_id=doc_id,
            unit_id=unit["unit_id"],
            parent_section_id="",
            level=0,
            marker_type="root",
            marker="",
            number=None,
            heading=unit["headline"],
            part=None,
            char_start=unit["char_start"],
            char_end=unit["char_end"],
            heading_char_end=unit["char_start"] + (len(unit["headline"]) if unit["headline"] else 0),
        )
        unit_sections = [root]
        stack = [root]
        titles: list[str] = [unit["headline"]] if unit["headline"] else []  # headlines that name the text
        # a page that opens on a part's own heading (2014年政府工作的总体目标和主要措施) is that part;
        # a news story's title names none
        root_part = classify_part(unit["headline"], None, summary) if unit["headline"] and not titles_name_no_part else None
        root_part = root_part if root_part in ("review", "plan") else None
        last_top_part: str | None = root_part
        for f in (f for f in found if f["unit"] is unit):
            if f["marker_type"] == "headline" and f["heading"] in titles and len(unit_sections) > 1:
                continue  # the title again, further down a copied page: it opens no part
            level = level_of[f["marker_type"]]
            while stack[-1]["level"] >= level:
                stack.pop()
            parent = stack[-1]
            # a news story's title (桃源党代会明确今年发展目标) heads the whole text: it names no part of it
            is_title = f["marker_type"] == "headline" and (f["para"].start == unit["char_start"] and unit is units[0] or f.get("names_no_part", False))
            if f["marker_type"] == "headline" and any(f["heading"] in t for t in titles):
                is_title = True  # the title under a site's breadcrumb line (首页>资讯>…>title)
            if is_title:
                titles.append(f["heading"])
            # a numbered statement with its figures (1.地区生产总值1519.9亿元，…高于计划目标0.7个百分点)
            # is an item of its parent's part, not a heading that names one
            statement = _FIGURE_STATEMENT.search(f["heading"]) is not None
            if is_title:
                # a page that opens on a part's heading (2014年…总体目标和主要措施) is that part, by its
                # words only: a title's year (2021年…统计公报, （2022年4月）) names no part
                explicit = None if titles_name_no_part else classify_part(f["heading"], None, summary)
                explicit = explicit if explicit in ("review", "plan") else None
            else:
                explicit = None if statement else classify_part(f["heading"], report_year, summary)
            if explicit == "plan" and parent["level"] > 0 and parent["part"] == "review" and not _plans_ahead(f["heading"], report_year, summary):
                # 一、2017年工作总结 > （一）开展“…”行动，…取得实效 > 1.紧盯各项指标任务: the work of the
                # year reviewed, whatever plan word (行动, 任务, 目标) names it
                explicit = "review"
            if explicit:
                part = explicit
            elif parent["level"] == 0 and f.get("after_plan_lead"):
                part = "plan"  # 围绕以上目标，重点做好六个方面的工作。 / 一、发展优势主导产业: the plan's first item
            elif parent["level"] > 0:
                part = parent["part"]
            else:
                part = last_top_part or part_by_type
            if parent["level"] == 0:
                last_top_part = part
            sec = dict(
                doc_id=doc_id,
                unit_id=unit["unit_id"],
                parent=parent,
                level=level,
                marker_type=f["marker_type"],
                marker=f["marker"],
                number=f["number"],
                heading=f["heading"],
                part=part,
                char_start=f["para"].start,
                char_end=unit["char_end"],
                heading_char_end=f["para"].start + f["length"],
            )
            unit_sections.append(sec)
            stack.append(sec)
        # A section ends where the next heading of the same or an outer level starts.
        for i, sec in enumerate(unit_sections[1:], start=1):
            for nxt in unit_sections[i + 1 :]:
                if nxt["level"] <= sec["level"]:
                    sec["char_end"] = nxt["char_start"] - 1
                    break
        # The root's own text is front matter when it is short and headings follow.
        first_child = unit_sections[1]["char_start"] if len(unit_sections) > 1 else unit["char_end"]
        root_text_len = max(0, first_child - root["heading_char_end"])
        root["part"] = root_part or ("other" if (len(unit_sections) > 1 and root_text_len < 200) else part_by_type)
        sections.extend(unit_sections)

    for n, sec in enumerate(sections, start=1):
        sec["section_id"] = f"{doc_id}-sec{n:03d}"
    for sec in sections:
        parent = sec.pop("parent", None)
        if parent is not None:
            sec["parent_section_id"] = parent["section_id"]
    return sections


def _headline_start(unit: dict, unit_paras: list[Paragraph]) -> int:
    for p in unit_paras:
        if p.text == unit["headline"]:
            return p.start
    return -1


# --------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------


#: Longest sentence kept whole.  Real sentences are far shorter; a longer run
#: is a text without punctuation (a bad PDF conversion) and is cut at clause
#: marks, so that the cost of every later stage, and the size of every row
#: that carries its sentence, stays bounded.
MAX_SENTENCE_CHARS = 1000
_CLAUSE_MARK = re.compile("[，、：,:]")


def _bounded(s: int, e: int, text: str, limit: int) -> list[tuple[int, int]]:
    """``(s, e)`` cut into pieces of at most ``limit`` characters, after the last
    clause mark of each piece's second half, or at the limit when it has none."""
    out = []
    while e - s > limit:
        marks = [m.end() for m in _CLAUSE_MARK.finditer(text, s + limit // 2, s + limit)]
        cut = marks[-1] if marks else s + limit
        out.append((s, cut))
        s = cut
    out.append((s, e))
    return out


def sentence_spans(text: str, start: int = 0, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of one paragraph, offsets shifted by ``start``.

    Splits after ``。！？；`` and any closing quotes or brackets that follow;
    a run longer than ``limit`` characters is cut at clause marks (see
    :data:`MAX_SENTENCE_CHARS`); trims spaces; drops pieces with no letter,
    digit or Chinese character.
    """
    spans = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        spans.extend(_bounded(pos, m.end(), text, limit))
        pos = m.end()
    if pos < len(text):
        spans.extend(_bounded(pos, len(text), text, limit))
    out = []
    for s, e in spans:
        piece = text[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        s2, e2 = s + lead, e - trail
        if re.search(f"[0-9A-Za-z{CJK}]", text[s2:e2]):
            out.append((start + s2, start + e2))
    return out


def split_sentences(doc: dict, text: str, paragraphs: list[Paragraph], sections: list[dict]) -> list[dict]:
    """Sentences of one document.

    Returns dicts with ``sentence_id, doc_id, unit_id, section_id,
    paragraph_id, text, char_start, char_end, is_heading, part,
    raw_line_start, raw_line_end``.  A heading ends a sentence even without a
    terminal mark, so it is a row of its own.
    """
    doc_id = doc["doc_id"]
    innermost = _SectionFinder(sections)
    headings = {(s["char_start"], s["heading_char_end"]) for s in sections if s["level"] > 0 or s["heading"]}
    heading_ends = {s["char_start"]: s["heading_char_end"] for s in sections if s["level"] > 0 or s["heading"]}
    rows = []
    for p in paragraphs:
        cuts: list[tuple[int, int]] = []
        if p.start in heading_ends and heading_ends[p.start] < p.end:
            h_end = heading_ends[p.start]
            cuts = [(p.start, h_end)] + sentence_spans(text[h_end : p.end], h_end)
        else:
            cuts = sentence_spans(p.text, p.start)
        for s, e in cuts:
            sec = innermost(s)
            rows.append(
                dict(
                    doc_id=doc_id,
                    unit_id=sec["unit_id"],
                    section_id=sec["section_id"],
                    paragraph_id=f"{doc_id}-p{p.index + 1:03d}",
                    text=text[s:e],
                    char_start=s,
                    char_end=e,
                    is_heading=(s, e) in headings or (s in heading_ends and heading_ends[s] == e),
                    part=sec["part"],
                    raw_line_start=p.raw_line_start,
                    raw_line_end=p.raw_line_end,
                )
            )
    for n, row in enumerate(rows, start=1):
        row["sentence_id"] = f"{doc_id}-s{n:04d}"
    return rows


def _innermost(sections: list[dict], pos: int) -> dict:
    """The deepest section whose span holds ``pos`` (units never overlap)."""
    holding = [sec for sec in sections if sec["char_start"] <= pos <= sec["char_end"]]
    if not holding:  # pragma: no cover - every position lies in a unit's root
        raise ValueError(f"offset {pos} lies in no section")
    return max(holding, key=lambda sec: (sec["level"], sec["char_start"]))


class _SectionFinder:
    """:func:`_innermost` for positions that only grow, in time linear in the
    number of sections and positions: the sections opened so far and not yet
    closed are kept (a handful: the nesting depth), instead of scanning every
    section for every sentence of a long report."""

    def __init__(self, sections: list[dict]):
        self.sections = sorted(sections, key=lambda sec: (sec["char_start"], sec["level"]))
        self.next = 0
        self.open: list[dict] = []
        self.last = -1

    def __call__(self, pos: int) -> dict:
        if pos < self.last:  # not in order: start again
            self.next, self.open = 0, []
        self.last = pos
        while self.next < len(self.sections) and self.sections[self.next]["char_start"] <= pos:
            self.open.append(self.sections[self.next])
            self.next += 1
        self.open = [sec for sec in self.open if sec["char_end"] >= pos]
        if not self.open:  # pragma: no cover - every position lies in a unit's root
            raise ValueError(f"offset {pos} lies in no section")
        return max(self.open, key=lambda sec: (sec["level"], sec["char_start"]))


def units_frame(units: list[dict]) -> pd.DataFrame:
    """Unit dicts as a DataFrame (internal keys dropped)."""
    return pd.DataFrame([{k: v for k, v in u.items() if k != "first_paragraph"} for u in units])


def heading_paths(sections: pd.DataFrame, sep: str = " > ") -> pd.Series:
    """Each section's headings from the outermost to itself, joined by ``sep``.

    Takes the ``sections`` table; returns a Series indexed by ``section_id``.
    Empty headings (a root with no headline) are skipped.
    """
    by_id = sections.set_index("section_id")
    parents = by_id["parent_section_id"].fillna("").to_dict()
    headings = by_id["heading"].fillna("").to_dict()
    out = {}
    for sid in by_id.index:
        chain = []
        cur = sid
        while cur:
            if headings[cur]:
                chain.append(headings[cur])
            cur = parents[cur]
        out[sid] = sep.join(reversed(chain))
    return pd.Series(out, name="heading_path")
