"""The growth-goal extractor: one row per figure stated in a report.

:func:`extract_targets` reads the sentences table and returns the targets
table.  Each sentence goes through four steps, one module each, in the order
the data flows:

1. :mod:`analysis.numbers` scans the quantities (``5.5%左右``, ``1.5万亿元``,
   ``X%``, ``两千三百亿元``);
2. :mod:`analysis.candidates` keeps those that are figures (not years,
   session numbers, item numbers, capacities, names or thresholds);
3. :mod:`analysis.attributes` reads what each figure measures: indicator,
   measure, comparator, annual flag, and relative goals without a number;
4. :mod:`analysis.timeframe` places it in time: kind (target or achieved)
   and horizon, each with the cue that decided, and firmness.

This module walks the sentences in document order, carries the context the
timeframe needs (paragraph cues, framing sentences under each heading, the
part, the plan period), maps indicators to canonical ids with
``data/indicators.csv``, drops restatements and returns the typed table.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from functools import lru_cache

import pandas as pd

from analysis import tables
from analysis import timeframe as tf
from analysis.attributes import clean_indicator, read_figures, relative_goal, split_subjects, strip_time
from analysis.split import SUMMARY_DOC_TYPES, canonical_doc_type, classify_part, default_part
from analysis.candidates import CJK, GAP_FIGURE, SPACE_OR_PUNCT, Figure, Lexicon, clause_bounds, find_figures, lexicon
from analysis.clean import to_traditional
from analysis.numbers import NAN, fold_text, read_data_csv, scan_quantities, to_base

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
    "indicator_zh",
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

# --------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------


@lru_cache(maxsize=None)
def load_indicators() -> pd.DataFrame:
    """The indicator table ``data/indicators.csv`` (columns ``indicator``,
    ``name_zh``, ``name_en``, ``synonyms``, ``category``)."""
    return pd.DataFrame(read_data_csv("indicators.csv"))


@lru_cache(maxsize=None)
def _synonyms() -> list[tuple[str, str, str, str]]:
    """(folded synonym, indicator id, English name, Chinese name), longest synonym first."""
    out = []
    for row in read_data_csv("indicators.csv"):
        names = {row["name_zh"], *row["synonyms"].split("|")}
        for name in names:
            name = fold_text(name.strip())
            if name:
                out.append((name, row["indicator"], row["name_en"], row["name_zh"]))
    out.sort(key=lambda t: -len(t[0]))
    return out


@lru_cache(maxsize=4096)
def match_indicator(indicator_raw: str) -> tuple[str, str, str]:
    """Canonical (indicator id, English name, Chinese name) for an indicator
    as written; ("", "", "") when no synonym occurs in it.  The longest
    synonym wins, so ``研发投入占GDP比重`` is the R&D share, not GDP."""
    text = fold_text(indicator_raw or "")
    if not text:
        return "", "", ""
    for name, ind, en, zh in _synonyms():
        if name in text:
            return ind, en, zh
    return "", "", ""


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
    ``indicator_zh``, ``indicator_en`` (from ``data/indicators.csv``; empty when unknown),
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
    lex = lexicon()
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
    is_head = [bool(v) for v in sentences["is_heading"]] if "is_heading" in sentences.columns else [False] * n
    plan_docs = tf.plan_docs(doc, texts, years, doc_types, periods)
    given_period = tf.given_periods(doc, periods)
    summaries = {d for d, t in zip(doc, doc_types or []) if canonical_doc_type(t) in SUMMARY_DOC_TYPES}
    in_year = tf.in_year_docs(doc, texts, years, summaries)
    defaulted = _defaulted_docs(doc, heads, years, doc_types)

    rows: list[dict] = []
    paragraph_signals: list[tf.Signal] = []
    carried: list[tf.Signal] = []  # a statement's opening year, carried over its semicolons
    last_para = None
    table: tuple[str, list[tables.Column] | None] | None = None  # (doc, columns) of the table being read
    contents = False  # the paragraph lists the report's parts
    named_by_unit: dict[str, str] = {}
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
            carried = []
            named_by_unit = {}  # the last indicator of each unit in the paragraph that is not a place
        signals = tf.signals(folded, ry)
        own = signals
        if carried:
            # 2021年，全县完成…；规模工业增加值44.5亿元…: a year opening a statement reaches the
            # clauses after its semicolons, up to the full stop
            signals = carried + signals
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
                if k and _frames_time(parts_[k - 1], ry):
                    break  # a heading that names its time (过去五年) frames what is under it, not the text above it
        part = parts[i] if parts[i] in ("review", "plan") else "other"
        ctx = tf.Context(
            "other" if doc[i] in defaulted else part, ry, list(paragraph_signals), frame,
            heading_cache[hkey], plan_docs.get(doc[i]), doc_types[i] if doc_types is not None else "", doc[i] in in_year,
            default_part=part if doc[i] in defaulted else "", period=given_period.get(doc[i]), summary=doc[i] in summaries,
        )
        row = tables.cells(text)
        try:
            if row and table is not None and table[0] == doc[i] and table[1] is None:
                # the rows so far (a title row: | 表1 2019年年末人口数及构成 |) held no header: this one may
                table = (doc[i], tables.header_columns(row, plan_docs.get(doc[i])))
                new_rows = [] if table[1] is not None else _sentence_rows(text, folded, signals, ctx, lex)
            elif row and table is not None and table[0] == doc[i]:
                # a data row of a table, read by its header's columns; a table
                # that is not one of goals or results is read as text
                new_rows = _table_rows(text, row, table[1], ctx) if table[1] is not None else _sentence_rows(text, folded, signals, ctx, lex)
            elif row:
                table = (doc[i], tables.header_columns(row, plan_docs.get(doc[i])))
                new_rows = [] if table[1] is not None else _sentence_rows(text, folded, signals, ctx, lex)
            else:
                new_rows = _sentence_rows(text, folded, signals, ctx, lex)
        except Exception as exc:  # a figure it cannot read is a row with a note
            new_rows = [_unparsed_row(text, folded, exc)]
        if not row:
            table = None
            _name_by_topic(new_rows, heads[i])
            for r in new_rows:
                if _PLACE_ONLY.fullmatch(r["indicator_raw"] or "") and r["unit"] in named_by_unit and r["unit"] not in _COUNTED_PLACES:
                    # 贫困人口281户。其中：瓦额村81户: a place's share of the total named before it
                    r["indicator_raw"] = named_by_unit[r["unit"]]
                    r["indicator"], r["indicator_en"], r["indicator_zh"] = match_indicator(r["indicator_raw"])
                elif r["indicator_raw"] and not _PLACE_ONLY.fullmatch(r["indicator_raw"]):
                    named_by_unit[r["unit"]] = r["indicator_raw"]
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
        # (a meeting's attendance, 应到代表127人, says the paragraph reports, not which year it reports on)
        # (年度计划总投资3.66亿元: a weak goal word naming the amount it stands before says nothing of the next sentence)
        paragraph_signals.extend(
            (replace(s, mode="") if s.mode == "meeting" else s) for s in signals
            if s.year is None and s.span is None and s.end is None and s.cue != "目前" and not _aim_without_figure(folded, s) and (s.strong or not folded.startswith(_AMOUNT_NOUNS, s.pos + len(s.cue)))
        )
        del paragraph_signals[:-_KEEP_SIGNALS]  # only the latest cues are ever chosen
        if first_in_paragraph:
            contents = False
        contents = contents or _CONTENTS_LIST.search(folded) is not None
        # 报告分为四个部分：一是…回顾；二是“十二五”时期的…目标: a list of the report's parts frames nothing
        # (a heading frames what is under it through the heading path, not as a paragraph's opening)
        # (nor does a document's first line, its title: 2020年文昌市政府工作报告解读(一)：…)
        title_line = i == 0 or doc[i - 1] != doc[i]
        title_line = title_line and len(text) <= 60 and "。" not in text
        fr = [] if contents or is_head[i] or title_line else tf.framing_signals(folded, [s for s in signals if s.end is None], first_in_paragraph)
        carried = _carry_over_semicolon(folded, own, carried)
        if fr:
            by_heading = framing.setdefault((doc[i], unit[i]), {})
            by_heading[heads[i]] = (by_heading.get(heads[i], []) + fr)[-_KEEP_SIGNALS:]
    rows = _drop_repeats(rows)
    if not rows:
        return _empty()
    return _typed(pd.DataFrame(rows, columns=OUTPUT_COLUMNS, dtype=object))


#: A starting level given as last year's (由上年的52.1%提高到…).
_FROM_LAST_YEAR = re.compile(r"(?:由|从)(?:上年|去年|上一年|上年度)(?:末|底|年末|年底)?(?:的)?[ \t]*$")


def _carry_over_semicolon(folded: str, signals: list[tf.Signal], carried: list[tf.Signal]) -> list[tf.Signal]:
    """The year to carry into the next sentence: a sentence that opens with a
    year (or continues one) and ends with a semicolon passes it on; a full stop ends it."""
    if not folded.rstrip(" \t").endswith(("；", ";")):
        return []
    stripped = folded.lstrip(" \t“(")
    offset = len(folded) - len(stripped)
    opening = [s for s in signals if s.pos <= offset + 1 and s.end is None and not s.start and (s.year is not None or s.span is not None)]
    if opening:
        return [replace(opening[0], pos=-1, cue=f"{opening[0].cue}…；")]
    if any(s.year is not None or s.span is not None or s.mode for s in signals):
        return []  # a clause with its own time ends the statement's
    return carried


#: What an indicator holds when it names no thing: goal and progress words, months, 预计.
_GENERIC_WORDS = re.compile(r"(?:\d+\s*[-—至~]\s*)?\d+\s*月份?|全年|年度|本年度|当年|今年|目标|任务|计划|预计|已经|已|完成|累计|占比|实际|共|的|[\d\-—.\s]")


def _aim_without_figure(folded: str, s: tf.Signal) -> bool:
    """确保园区经济稳中有进: an aim word whose clause holds no figure and does not
    announce a list (：) speaks for itself only, not for the sentences after it."""
    if s.cue not in ("确保", "力争", "争取", "努力"):
        return False
    rest = folded[s.pos:]
    end = re.search(r"[。；;]", rest)
    clause = rest[: end.start()] if end else rest
    return not re.search(r"\d|[：:]", clause)


#: An indicator that is only a place (瓦额村, 城关镇, xx村): a place is where, not what, is measured.
_PLACE_ONLY = re.compile(
    r"(?:其中[，,:：]?)?(?!(?:全|本|我|各|城|乡|农|市|县|镇|集|社|新|老)(?:村|社区|居委会|镇|乡|街道|县|区|旗)$)"
    r"[\u4e00-\u9fffA-Za-z]{2,6}?(?:村|社区|居委会|镇|乡|街道|县|区|旗)")


#: Measure words that count places themselves (贫困村3个, 示范村5个): there the place word is the name.
_COUNTED_PLACES = frozenset({"个", "家", "座", "所", "处"})


def _name_by_topic(rows: list[dict], heading_path: str) -> None:
    """Rows whose indicator is only goal or progress words (全年目标12.4亿元, 1-9月完成7.99亿元,
    完成占比64.4%) under a topic heading (1.工业, 3.固定资产投资) take the heading as their name."""
    if not rows or not heading_path:
        return
    topic = heading_path.split(" > ")[-1].strip()
    if not (2 <= len(topic) <= 12) or re.search(r"[\d，。；：:,]", topic) or not CJK.search(topic):
        return
    if classify_part(topic, None) is not None:
        return  # 主要目标, 工作回顾: a part of the report, not what is measured
    for r in rows:
        if r["note"] == "table":
            continue
        if not _GENERIC_WORDS.sub("", r["indicator_raw"] or ""):
            r["indicator_raw"] = topic
            r["indicator"], r["indicator_en"], r["indicator_zh"] = match_indicator(topic)


def _defaulted_docs(doc: list[str], heads: list[str], years: list[int | None], doc_types: list[str] | None) -> set[str]:
    """Documents none of whose headings names a part (review or plan): their parts
    are the document type's default (a work report opens with its review), which
    an excerpt, a news story of a report or a list of this year's tasks need not
    follow, so each sentence's own cues come first there."""
    if doc_types is None:
        return set()
    named = {d for d, t in zip(doc, doc_types) if default_part(t) != "review"}
    seen: set[tuple[str, str]] = set()
    for d, h, y in zip(doc, heads, years):
        if d in named or not h or (d, h) in seen:
            continue
        seen.add((d, h))
        if any(classify_part(x, y) in ("review", "plan") for x in h.split(" > ")):
            named.add(d)
    return set(doc) - named


@lru_cache(maxsize=4096)
def _frames_time(heading: str, report_year: int | None) -> bool:
    """Whether a heading names the time of what is under it (a year, a span, 过去五年, 今后五年)."""
    return any(s.year is not None or s.span is not None or s.mode for s in tf.signals(fold_text(heading), report_year))


def _is_bare_line(sentence: str) -> bool:
    """A short line with no sentence punctuation: a headline or a label, not a statement."""
    return len(sentence) <= 30 and not re.search(r"[，,。；;：:、！？!?]", sentence) and "|" not in sentence


def _drop_repeats(rows: list[dict]) -> list[dict]:
    """One row per distinct fact of a document: a figure restated with the same
    indicator, value, unit, kind and horizon (a headline over its story, a
    summary of a paragraph) keeps only its first row.  Masked and relative
    figures are never merged: two masks are not known to be one figure; nor
    are equal figures of one sentence (two list items)."""
    # a bare line (【数字二——100亿元】, a headline over its story) whose figure a sentence
    # of the same document states again: the sentence's row is the one kept
    stated = {(r["doc_id"], r["value"], r["unit"]) for r in rows if not _is_bare_line(r["sentence"])}
    rows = [r for r in rows if not (_is_bare_line(r["sentence"]) and (r["doc_id"], r["value"], r["unit"]) in stated)]
    seen: dict = {}
    out = []
    for r in rows:
        v = r["value"]
        if not isinstance(v, float) or math.isnan(v) or not r["indicator_raw"]:
            out.append(r)
            continue
        vh = r["value_high"]
        fact = (r["doc_id"], r["unit_id"], v, None if math.isnan(vh) else vh, r["unit"], r["kind"], r["horizon"], r["measure"])
        keys = [("raw", fold_text(r["indicator_raw"])) + fact]
        if r["indicator"] in _HEADLINE_IDS:
            # 经济增长7.5% in a headline, 地区生产总值增长7.5%左右 in the story: one goal
            keys.append(("id", r["indicator"]) + fact)
        if any(seen.get(k, r["sentence_id"]) != r["sentence_id"] for k in keys):
            continue  # within one sentence, two equal figures are two items of a list
        for k in keys:
            seen.setdefault(k, r["sentence_id"])
        out.append(r)
    return out


#: Canonical indicators whose synonyms name one and the same headline figure
#: (经济增长, GDP, 地区生产总值), so a restatement under another name is a repeat.
_HEADLINE_IDS = frozenset({"gdp", "fixed_asset_investment", "retail_sales", "general_budget_revenue", "rural_income"})


def _unparsed_row(text: str, folded: str, exc: Exception) -> dict:
    return dict(
        indicator_raw="",
        indicator="",
        indicator_zh="",
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
    ind, en, zh = match_indicator(indicator_raw)
    vb, ub = to_base(value, unit) if unit or not math.isnan(value) else (NAN, "")
    return dict(
        indicator_raw=indicator_raw,
        indicator=ind,
        indicator_zh=zh,
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


def _sentence_rows(text: str, folded: str, signals: list[tf.Signal], ctx: tf.Context, lex: Lexicon) -> list[dict]:
    quantities = scan_quantities(text, folded)
    figs, bounds = find_figures(folded, quantities, lex) if quantities else ([], clause_bounds(folded, []))
    if figs:
        read_figures(folded, figs, lex)
    out: list[tuple[int, int, dict]] = []
    heads = {g.list_head for g in figs if g.list_head >= 0}
    for k_fig, f in enumerate(figs):
        q = f.q
        before = _in_reach(signals, q.start)
        # 左右 after a figure hints at a goal; 约 and 近 before it are as common in results
        hint = "" if f.comparator == "~" and q.comparator != "~" and f.list_head < 0 else f.comparator
        kind, kind_cue = tf.resolve_kind(before, ctx, hint, [s for s in signals if s.pos >= q.end])
        named = _NAMED_AS_GOAL.match(folded, q.end)
        if named and kind == "achieved":
            # 失业率为2.43%，低于3.6%的全年调控目标: the figure is the goal the result is set against
            kind, kind_cue = "target", f"sentence: {named.group(1)} after it"
        measured = _MEASURED_AGAINST_GOAL.match(folded, q.end)
        if measured and kind == "target":
            # 增长6.1%，低于目标0.9个百分点 / 3.73亿美元，完成年度目标的53.3%: a result set against its goal
            kind, kind_cue = "achieved", f"sentence: {measured.group(1)} after it"
        goal_then_estimate = _GOAL_THEN_ESTIMATE.search(folded, q.end)
        if goal_then_estimate and not kind_cue.startswith("sentence") and not _GOAL_THEN_ESTIMATE.search(folded, 0, q.start):
            # ——全社会固定资产投资完成365亿元：预计全年完成380亿元: a plan-execution line, the goal
            # before the colon, the estimated result after it
            kind, kind_cue = "target", "sentence: the goal before ：预计"
        note = f.note
        if f.reading.is_start:
            note = "start_level"  # 由56%提高到60%: kind as the sentence says, the year before the period
        clause_start = f.clause[0]
        horizon, horizon_cue = tf.resolve_horizon(
            before, ctx, kind, f.annual, flow=_is_flow(f, folded), start_level=f.reading.is_start,
            base=tf.base_year(folded[: q.start]), cumulative=_CUMULATIVE.search(folded, f.clause[0], q.start) is not None,
        )
        head_start = figs[f.list_head].q.start if f.list_head >= 0 else q.start
        if _FROM_LAST_YEAR.search(folded, max(0, head_start - 8), head_start) and re.fullmatch(r"\d{4}", horizon):
            # 由上年的33.5:21.6:44.9调整为…, 从去年的52.1%提高到…: the level of the year before
            horizon, horizon_cue, note = str(int(horizon) - 1), f"{horizon_cue}; 由上年的", "start_level"
        two = folded.find("两年平均", clause_start, q.start)
        if two >= 0 and not folded[max(0, two - 2): two].endswith(("前", "近")) and re.fullmatch(r"\d{4}", horizon):
            horizon = f"{int(horizon) - 1}-{horizon}"  # 两年平均增长5.9%: the average of two years
        elif kind == "achieved" and two < 0 and "年均" in folded[clause_start: q.start] and re.fullmatch(r"\d{4}", horizon):
            # 2016年…比上年增长8%，年均增长9.4%: an average of one year is no average; a
            # government's term, and most reviews of one, run five years
            horizon, horizon_cue = f"{int(horizon) - 4}-{horizon}", f"{horizon_cue}; 年均 over the five years to it"
        comparator = f.comparator
        if kind == "target" and comparator == ">" and folded[max(0, q.start - 3): q.start].rstrip(" \t").endswith("超过"):
            comparator = ">="  # 超过 in a goal sets a floor (GOLD-CONVENTIONS: >=); in a result it is >
        firm = tf.firmness(kind, comparator, folded[clause_start: min(len(folded), q.end + 3)])
        if kind == "target" and out and out[-1][2]["kind"] == "achieved" and "(" in folded[out[-1][2]["_end"]: q.start] and ")" not in folded[out[-1][2]["_end"]: q.start]:
            # 增长6.1%（预期目标为7%以上）: the goal that result was measured against, same year
            horizon, horizon_cue = out[-1][2]["horizon"], "the result it is cited with"
        elif kind == "target" and out and out[-1][2]["kind"] == "achieved" and out[-1][2]["_end"] <= q.start and \
                _GOAL_OF_RESULT.search(folded, out[-1][2]["_end"], q.start):
            # 完成23893万元，完成全年任务23049万元的103.7%: the goal of that result, same year
            horizon, horizon_cue = out[-1][2]["horizon"], "the result it is cited with"
        subjects = [f.indicator_raw]
        if named and out and out[-1][2]["kind"] == "achieved":
            # the goal of the result before it: its indicator and its year
            subjects = [out[-1][2]["indicator_raw"]]
            horizon, horizon_cue = out[-1][2]["horizon"], "the result it is cited with"
        elif q.form == "special" and ("、" in f.indicator_raw or q.unit == "番" and re.search("和|及", f.indicator_raw)):
            subjects = split_subjects(f.indicator_raw)  # 孵化器、…、重点实验室实现零的突破
        elif f.list_head < 0 and k_fig not in heads and _EACH.search(folded, f.clause[0], q.start) and len(split_subjects(f.indicator_raw)) > 1 \
                and not any(g.clause == f.clause and g is not f for g in figs) and not _NEXT_FIGURE.match(folded, q.end) \
                and all(len(x) >= 4 for x in split_subjects(f.indicator_raw)):  # (沈阳、大连公共财政收入: places sharing one noun)
            # 地区生产总值、公共财政预算收入、规模以上工业总产值分别增长5%左右: one figure, said of each
            subjects = split_subjects(f.indicator_raw)
        for k, subj in enumerate(subjects):
            value = q.value
            out.append((q.start, k, _row(
                text, q.start, q.end, _orig(text, folded, subj), value, q.value_high, f.unit,
                comparator, "", f.measure, kind, horizon, f.annual, q.is_redacted, note,
                kind_cue, horizon_cue, firm,
            )))
    # relative goals in clauses without figures (none without a comparison word)
    if not lex.rel_cmp_re.search(folded):
        bounds = []
    fig_clauses = {f.clause for f in figs}
    prev_indicator = figs[0].indicator_raw if figs else ""
    for a, b in bounds:
        if (a, b) in fig_clauses or b - a < 3 or GAP_FIGURE.search(folded, a, b):
            continue  # (高于全市0.5个百分点 states a gap, which is not coded, rather than a relative goal)
        rel = relative_goal(folded, a, b, lex)
        if rel is None:
            continue
        r_start, r_end, ref = rel
        subject_text = folded[a:r_start]
        measure = "growth" if re.search("增速|增长|增幅|快于|慢于", folded[a:r_end]) else "level"
        subject_text = re.sub(r"(增速|增长|增幅|均|确保|基本|要|持续|保持|力争|不断|全面|高效)+$", "", subject_text.strip(SPACE_OR_PUNCT))
        subject_text = clean_indicator(strip_time(subject_text, lex), lex)
        if not subject_text and any(c[1] <= a and not folded[c[1]:a].strip(" \t，,") for c in fig_clauses):
            continue  # 地方级财政收入增长8.3%，快于经济增速: a remark on the figure just given, not a goal of its own
        subjects = split_subjects(subject_text) or [_relative_fallback(figs, r_start, prev_indicator)]
        before = _in_reach(signals, r_start)
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
    estimates = [r for _, _, r in out if r["kind"] == "achieved" and r["kind_cue"] != "sentence: the goal before ：预计"]
    for _, _, r in out:
        if r["kind_cue"] == "sentence: the goal before ：预计" and estimates:
            after = [e for e in estimates if e["_start"] > r["_start"]]
            if after:  # the goal of the year whose result is estimated after the colon
                r["horizon"], r["horizon_cue"] = after[0]["horizon"], "the estimate after ：预计"
    return [r for _, _, r in out]


def _table_rows(text: str, row: list[tuple[str, int, int]], columns: list[tables.Column], ctx: tf.Context) -> list[dict]:
    """The figures of one data row of a plan table: one per value cell, its
    kind from the column (目标 → target, 完成 → achieved, a year → result
    before the report's year, goal from it on) and its horizon from the
    header's year, else from the part of the report the table stands in."""
    if columns and columns[0].role == "rowyear":
        return _series_rows(text, row, columns, ctx)
    indicator, found = tables.row_cells(row, columns)
    name, measure = tables.indicator_name(indicator)
    if not name:
        return []
    has_result = any(c.role == "achieved" for c in columns)
    out = []
    for cell in found:
        col = cell.column
        cue = f"table: {col.header} column"
        if col.role == "year":
            kind = "achieved" if ctx.report_year is not None and int(col.year) < ctx.report_year else "target"
        else:
            kind = col.role
        if col.year:
            horizon, horizon_cue = col.year, f"table header: {col.header}"
        else:
            # goals beside their results are that year's goals
            horizon, horizon_cue = tf.resolve_horizon([], ctx, "achieved" if has_result else kind, col.annual, flow=measure in ("growth", "decline"))
            if col.annual and kind == "target" and ctx.plan_doc:
                horizon, horizon_cue = f"{ctx.plan_doc[0]}-{ctx.plan_doc[1]}", "the plan's period"
        comparator = cell.comparator if cell.comparator not in ("", "range") else "="
        firm = tf.firmness(kind, comparator, fold_text(text[cell.start : cell.end]))
        out.append(_row(text, cell.start, cell.end, name, cell.value, cell.value_high, cell.unit, comparator, "", col.measure or measure,
                        kind, horizon, col.annual, cell.is_redacted, "table", cue, horizon_cue, firm))
    return out


def _series_rows(text: str, row: list[tuple[str, int, int]], columns: list[tables.Column], ctx: tf.Context) -> list[dict]:
    """The figures of one row of a table of yearly series (``2018 | 360.98 |``): each
    value is its column's indicator in the row's year, a result unless the year
    lies after the report's."""
    year, found = tables.series_cells(row, columns)
    out = []
    for cell in found:
        col = cell.column
        name, measure = tables.indicator_name(col.header)
        kind = "target" if ctx.report_year is not None and year > ctx.report_year else "achieved"
        comparator = cell.comparator if cell.comparator not in ("", "range") else "="
        out.append(_row(text, cell.start, cell.end, name, cell.value, cell.value_high, cell.unit, comparator, "", col.measure or measure,
                        kind, str(year), False, cell.is_redacted, "table", f"table: the row's year {year}", f"table row: {year}",
                        tf.firmness(kind, comparator, fold_text(text[cell.start: cell.end]))))
    return out


#: A colon before an estimate (…365亿元：预计全年…): what stands before it is the goal.
_GOAL_THEN_ESTIMATE = re.compile(r"[:：][ \t]*(?:预计|预估|估计)")

#: Before a single figure: it is said of each subject (分别增长5%, 均增长3.3%).
_EACH = re.compile(r"分别|(?<![平人年])均(?:为|达|达到|增长|下降|超过|突破|在|保持)|都(?:增长|达到|超过)")

#: Right after a figure: another figure follows (55.5%24.6%, 22.2%,16%): a list, not one figure for each.
_NEXT_FIGURE = re.compile(r"[ \t,，]?\d")

#: Nouns of an amount that a goal word can name (计划总投资, 计划投资, 目标任务数).
_AMOUNT_NOUNS = ("总投资", "投资", "资金", "任务数", "产值")
#: A paragraph that lists a report's parts (报告分为四个部分：一是…).
_CONTENTS_LIST = re.compile(r"(?:分为?|分成|包括|共)[一二三四五六七八九十两\d]+(?:个)?(?:部分|方面)")
#: Right after a figure: the figure is a goal (3.6%的全年调控目标).
_NAMED_AS_GOAL = re.compile(r"(的(?:全年|年度|年初|本年)?(?:调控|预期|计划|既定)?目标)")
#: Right after a figure: the figure is compared with its goal, so it is a result.
_MEASURED_AGAINST_GOAL = re.compile(
    r"[,，]?\s*((?:比|较)?(?:低于|高于|超过?|快于|慢于|落后于?|超出|完成)(?:年度|全年|年初|预期|考核|序时)?(?:目标|进度|计划|任务)(?:的|[\d.]))"
)


def _in_reach(signals: list[tf.Signal], pos: int) -> list[tf.Signal]:
    """The cues before ``pos`` that can speak for a figure there (a cue inside
    parentheses speaks only inside them)."""
    return [s for s in signals if s.pos < pos and (s.end is None or pos < s.end)]


#: Words before a count that make it a stock at a time, not a flow over a span.
_STOCK_WORDS = ("共有", "拥有", "现有", "已有", "总数", "在建和运营", "运营", "保有量", "存栏", "入驻", "集聚")


#: After a figure: a multiple of a base year's (or a plan's last year's) level.
_MULTIPLE_OF_BASE_LEVEL = re.compile(r"(?:[、和及][ \t]*[\d.]+[^\d，,。；;、]{0,4})*[^。；;\d]{0,12}?是(?:(?:19|20)\d{2}[ \t]*年|“?十[一二三四五六七八九]?五”?)(?:末|底|期末)?的[ \t]*[\d.]+[ \t]*倍")


#: A result's goal named between it and the goal's amount (完成全年任务|23049万元).
_GOAL_OF_RESULT = re.compile(r"(?:完成|占|超额完成)了?(?:年度|全年|年初|本年)?(?:的)?(?:目标任务|预期目标|目标|任务|计划)(?:数)?[ \t]*$")
#: A sum over years before a figure (累计达到5.1万亿元, 共计投入).
_CUMULATIVE = re.compile(r"累计|共计|总计")


#: A count of what stands after 累计 (累计建成…达到120个 is what was built; 累计有, 累计存栏 what stands).
_CUMULATIVE_STOCK = re.compile(r"(?:累计|共计|总计)(?:有|存栏|登记|入驻|在建)")


def _is_flow(f: Figure, folded: str) -> bool:
    """A change (增长, 下降, 提高2个百分点) or a count of things done (新增, 建成, 培育):
    over a period it describes the whole span, where a level describes its last year."""
    if f.measure in tf.FLOW_MEASURES:
        return True
    if _CUMULATIVE.search(folded, f.clause[0], f.q.start) and not _CUMULATIVE_STOCK.search(folded, f.clause[0], f.q.start):
        return True  # 五年来累计投入104.4亿元, 累计达到5.1万亿元: a sum over the years, so their span
    if f.reading is not None and f.reading.to_level:
        return False  # 达到, 增至: a level reached
    if _MULTIPLE_OF_BASE_LEVEL.match(folded, f.q.end):
        return False  # 完成6.1亿元，是2011年的1.65倍: set against a year's level, so a level itself
    if any(w in folded[f.clause[0]: f.q.start] for w in _STOCK_WORDS):
        return False  # 共有合作社78家: what stands, not what was added
    # a count of things done (6个贫困县全部摘帽, 培育…企业114家) or anything 新增/建成
    return f.measure == "count" or (f.measure == "level" and f.reading is not None and f.reading.verb_type == "count")


def _relative_fallback(figs: list[Figure], pos: int, default: str) -> str:
    earlier = [f for f in figs if f.q.start < pos]
    return earlier[-1].indicator_raw if earlier else default


def _orig(text: str, folded: str, folded_piece: str) -> str:
    """The original spelling of a folded substring (traditional stays traditional)."""
    if not folded_piece:
        return ""
    j = folded.find(folded_piece)
    return text[j: j + len(folded_piece)] if j >= 0 else folded_piece
