"""Plan tables: a table's rows (cells kept apart by `` | ``) → goals and results.

Reports and plans often give their main indicators as a table: ``指标 |
预期目标 | 完成情况`` in a review, ``指标 | 2020年 | 2025年 | 年均增长 | 属性`` in a
five-year plan.  Every converter of :mod:`analysis.convert` writes a table
one row per line with its cells apart (and a researcher may write one so in
plain text), so the sentence holding a row is the row.  This module reads
the header row into column roles and a data row into one figure per value
cell; :func:`analysis.targets.extract_targets` turns those into rows of the
targets table with the kind and horizon each column gives.

Column roles (from the header's words):

* ``indicator``: the first column (or ``指标``, ``项目``, ``名称``);
* ``unit``: ``单位``, ``计量单位``;
* ``target``: ``目标``, ``预期``, ``计划``, ``任务``; with ``年均`` an annual-average goal;
* ``achieved``: ``完成``, ``实际``, ``实绩``, ``执行``, ``实现``;
* ``year``: a bare year (``2025年``): a result for a year before the report's, a goal otherwise;
* anything else (``属性``, ``备注``, ``排名``) is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import fold_text, load_units, scan_quantities, split_unit

#: A cell boundary in a table row (the converters write `` | ``).
CELL_BOUNDARY = re.compile(r"\s*\|\s*")

_TARGET = re.compile(r"目标|预期|计划|任务|预计")
_ACHIEVED = re.compile(r"完成|实际|实绩|执行|实现|达到|情况")
_UNIT = re.compile(r"^(?:计量)?单位$")
_INDICATOR = re.compile(r"^(?:主要)?(?:[二三]级)?(?:指标|项目|名称|指标名称|内容|类别|序号)$")
#: A first column that groups rows (一级指标 | 二级指标 | …): its cell is often given once per group.
_GROUP = re.compile(r"^(?:一级指标|类别|领域|分类|类型|方面|板块|大类)$")
#: A column of a part of the year or of the period so far (1-3月, 上半年, 全年, 本月).
_PERIOD_HEAD = re.compile(r"^(?:\d{1,2}[-—~至到]\d{1,2}月份?|\d{1,2}月份?|上半年|下半年|前三季度|[一二三四]季度|第[一二三四]季度|全年|本月)(?:数|完成|实绩)?$")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年?")
_PERIOD = re.compile(r"[“\"]?(十[一二三四五六七八九]五)[”\"]?")
_ANNUAL = re.compile(r"年均")
_UNIT_IN_NAME = re.compile(r"[（(]([^（）()]{1,8})[)）]\s*$")
#: Columns of a statistics table (年末数, 绝对数, 比上年增长(%), 比重(%)): the figures of the
#: table's own kind (results, unless a column of the same table holds goals).
_STAT = re.compile(r"年末数|年底数|绝对数|绝对值|总量|数量|产量|产值|金额|总额|规模|本年|本期|累计|数值|比上年|比去年|同比|增长|增速|增幅|比重|占比|构成")
_HEADER_UNIT = re.compile(r"[（(]\s*(%|％|‰|亿元|万元|元|万人|人|个|家|万吨|吨|万亩|亩)\s*[)）]")
_MEASURE_WORDS = re.compile(r"(?:年均)?(?:增长率?|增速|增幅|下降率?|降低率?)$")


@dataclass(frozen=True)
class Column:
    """The role of one column of a plan table and the year or span its header names."""

    role: str  # indicator, unit, target, achieved, year, skip
    year: str = ""  # 2022, 2021-2025 or ''
    annual: bool = False
    header: str = ""
    measure: str = ""  # growth or share for a column that says so (比上年增长(%), 比重(%))
    unit: str = ""  # the unit the header gives its cells ((%))


@dataclass(frozen=True)
class Cell:
    """One value cell of a data row, read: offsets are in the row's text."""

    column: Column
    start: int
    end: int
    value: float
    value_high: float
    unit: str
    comparator: str
    is_redacted: bool


def cells(text: str) -> list[tuple[str, int, int]]:
    """The cells of a table row with their offsets: ``[(cell, start, end), …]``;
    an empty list when ``text`` is not a row of at least two cells."""
    if "|" not in text:
        return []
    # | 总户数 | 户 | 64933 |: the outer bars close the row, they part no cells
    if text.strip().startswith("|") and text.strip().endswith("|") and text.count("|") >= 3:
        inner_start = text.index("|") + 1
        inner = text[inner_start: text.rindex("|")]
        return [(c, a + inner_start, b + inner_start) for c, a, b in cells(inner)] if "|" in inner else []
    out, pos = [], 0
    for m in CELL_BOUNDARY.finditer(text):
        out.append((text[pos : m.start()], pos, m.start()))
        pos = m.end()
    out.append((text[pos:], pos, len(text)))
    out = [(c.strip(), a + (len(c) - len(c.lstrip())), b - (len(c) - len(c.rstrip()))) for c, a, b in out]
    return out if len(out) >= 2 else []


def header_columns(row: list[tuple[str, int, int]], plan_period: tuple[int, int] | None = None) -> list[Column] | None:
    """Column roles from a header row, or None when the row is not the header
    of a table of goals or results (no column of targets, results or years)."""
    if not row or any(re.fullmatch(r"[\d.%\-+]+", c) for c, _, _ in row[1:] if c):
        return None
    if _YEAR_ROWS.fullmatch(fold_text(row[0][0]).replace(" ", "")):
        return _series_columns(row)
    cols: list[Column] = []
    years: list[int] = []
    for k, (head, _, _) in enumerate(row):
        h = fold_text(head).replace(" ", "")
        y = _YEAR.search(h)
        period = _PERIOD.search(h)
        year = y.group(1) if y else ""
        if period and plan_period is None:
            year = ""
        elif period and plan_period:
            year = f"{plan_period[0]}-{plan_period[1]}"
        if k == 0 and _GROUP.match(h) and len(row) > 1 and _INDICATOR.match(fold_text(row[1][0]).replace(" ", "")):
            role = "group"
        elif k == 0 or _INDICATOR.match(h):
            role = "indicator" if k == 0 or not cols or all(c.role != "indicator" for c in cols) else "skip"
        elif _UNIT.match(h):
            role = "unit"
        elif _ANNUAL.search(h):
            role = "target"
        elif _ACHIEVED.search(h):
            role = "achieved"
        elif _TARGET.search(h):
            role = "target"
        elif y and re.fullmatch(r"(?:19|20)\d\d年?(?:底|末)?", h):
            role = "year"
            years.append(int(year))
        elif _STAT.search(h) or _PERIOD_HEAD.match(h):
            role = "stat"
        else:
            role = "skip"
        measure = ""
        if role in ("stat", "achieved", "target") and not _ANNUAL.search(h):
            measure = "share" if re.search("比重|占比|构成", h) else "growth" if re.search("增长|增速|增幅", h) else ""
        hu = _HEADER_UNIT.search(h)
        # 比上年增长(±%): a rate column is in % whatever the row's unit column says
        col_unit = hu.group(1) if hu else ("%" if measure and "%" in h else "")
        cols.append(Column(role, year, bool(_ANNUAL.search(h)), head, measure, col_unit))
    if not any(c.role in ("target", "achieved", "year", "stat") for c in cols):
        return None
    # a statistics column takes its table's kind: results, or goals beside a column of goals
    stat_kind = "target" if any(c.role == "target" for c in cols) and not any(c.role == "achieved" for c in cols) else "achieved"
    cols = [Column(stat_kind, c.year, c.annual, c.header, c.measure, c.unit) if c.role == "stat" else c for c in cols]
    if years:  # 年均增长 beside 2020年 | 2025年 columns: the years between them
        span = f"{min(years) + 1}-{max(years)}" if len(years) >= 2 else ""
        cols = [Column(c.role, c.year or span, c.annual, c.header, c.measure, c.unit) if c.annual else c for c in cols]
    return cols


#: The first header of a table whose rows are years (年份 | 第三产业增加值(亿元)).
_YEAR_ROWS = re.compile(r"年份|年度|年|时间|年别|年\s*份")


def _series_columns(row: list[tuple[str, int, int]]) -> list[Column] | None:
    """Columns of a table of yearly series: the first holds the year, each other
    names an indicator with its unit in parentheses (第三产业增加值(亿元))."""
    cols = [Column("rowyear", header=row[0][0])]
    for head, _, _ in row[1:]:
        name = fold_text(head).replace(" ", "")
        if not name:
            cols.append(Column("skip", header=head))
            continue
        m = _UNIT_IN_NAME.search(name)
        unit = m.group(1) if m and split_unit(m.group(1))[1] in load_units() else ""
        name = name[: m.start()] if m else name
        measure = "share" if re.search("比重|占比|构成|率", name) else "growth" if _MEASURE_WORDS.search(name) else ""
        cols.append(Column("series", header=name, measure=measure, unit=unit))
    return cols if any(c.role == "series" for c in cols) else None


def series_cells(row: list[tuple[str, int, int]], columns: list[Column]) -> tuple[int | None, list[Cell]]:
    """``(year, value cells)`` of a data row of a yearly-series table: each cell's
    indicator is its column's header."""
    m = re.fullmatch(r"((?:19|20)\d\d)\s*年?", row[0][0].strip()) if row else None
    if not m:
        return None, []
    found: list[Cell] = []
    for (text, start, _), col in zip(row, columns):
        if col.role != "series" or not text:
            continue
        qs = [q for q in scan_quantities(text, fold_text(text)) if not q.is_identifier]
        if qs:
            q = qs[0]
            found.append(Cell(col, start + q.start, start + q.end, q.value, q.value_high, q.unit or col.unit, q.comparator, q.is_redacted))
    return int(m.group(1)), found


def row_cells(row: list[tuple[str, int, int]], columns: list[Column]) -> tuple[str, list[Cell]]:
    """``(indicator as written, value cells)`` of a data row under ``columns``."""
    if columns and columns[0].role == "group" and len(row) == len(columns) and row[-1][0] == "" and row[0][0] \
            and sum(1 for c in row if c[0]) < sum(1 for c in columns if c.header.strip()):
        # 2.居民消费价格涨幅 | % | 2.7 | |: a row under the group named in the row above it
        row = [("", row[0][1], row[0][1])] + row[:-1]
    indicator, unit = "", ""
    for (text, _, _), col in zip(row, columns):
        if col.role == "indicator" and not indicator:
            indicator = text
        elif col.role == "unit":
            unit = text.strip("（）()")
    m = _UNIT_IN_NAME.search(indicator)
    if m:
        if not unit:
            unit = m.group(1)
        indicator = indicator[: m.start()].strip()
    if unit and split_unit(fold_text(unit))[1] not in load_units():
        unit = ""  # (亿元) is a unit, (2020) or (预期性) is not
    found: list[Cell] = []
    for (text, start, _), col in zip(row, columns):
        if col.role not in ("target", "achieved", "year") or not text:
            continue
        folded = fold_text(text)
        qs = [q for q in scan_quantities(text, folded) if not q.is_identifier]
        if not qs:
            continue
        q = qs[0]
        row_unit = "" if col.measure in ("growth", "share") else fold_text(unit)  # the unit column is the level's
        found.append(Cell(col, start + q.start, start + q.end, q.value, q.value_high, q.unit or col.unit or row_unit,
                          q.comparator, q.is_redacted))
    return indicator, found


def indicator_name(indicator: str) -> tuple[str, str]:
    """``(indicator, measure)``: ``地区生产总值增长`` → ``(地区生产总值, growth)``."""
    name = re.sub(r"^[\d一二三四五六七八九十]+[、.．]\s*", "", indicator.strip())
    name = re.sub(r"^其中\s*[:：]?\s*", "", name)  # 其中：城镇 (a row under the one above)
    m = _MEASURE_WORDS.search(name)
    if m and m.start() > 0:
        measure = "decline" if re.search("下降|降低", m.group()) else "growth"
        return name[: m.start()], measure
    if re.search(r"率|比重|占比|比例|覆盖", name):
        return name, "share"
    return name, "level"
