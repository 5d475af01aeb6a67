"""The publication figures: one function per figure, tables in, figure out.

Every function takes the dict of processed tables (:func:`load_tables`) and
``lang`` (``zh`` or ``en``) and returns a matplotlib figure laid out at its
printed size (3.5 or 7 in wide, :mod:`analysis.plots`), the same size in both
languages; notebooks call them and save the result with
:func:`analysis.plots.publish`.

Conventions every figure keeps:

* units are listed in one order (:func:`analysis.plots.unit_order`) and a
  unit's colour is its level's (:data:`analysis.plots.LEVEL_COLOURS`); hues
  mean levels of government and nothing else;
* English figures hold no Chinese character: terms are glossed with their
  pinyin (``pearl (zhēnzhū)``, :func:`analysis.labels.term_label`);
* every rate and share shows its count (``n``); rates from texts under
  :data:`SHORT_TEXT_CHARS` characters are flagged, not coloured;
* zero, "not set" and masked are drawn differently;
* a figure with too little data to draw raises :class:`TooLittleData`, so the
  notebook says so instead of drawing a point.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap, LogNorm, Normalize, to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MultipleLocator

from . import config, labels, schema
from .plots import (
    DARK,
    LIGHT,
    MID,
    ONE_COLUMN,
    SEQUENTIAL,
    TWO_COLUMNS,
    describe,
    figure_height,
    level_colour,
    levels_present,
    new_figure,
    unit_colours,
    unit_order,
)
from .store import read_table

#: Indicators of the headline-target comparison, in display order.
HEADLINE_INDICATORS = [
    "gdp",
    "general_budget_revenue",
    "fiscal_revenue",
    "fixed_asset_investment",
    "retail_sales",
    "disposable_income",
    "rural_income",
    "exports",
]
COVERAGE_STATES = ["figure", "masked", "relative", "not set"]
#: Texts shorter than this (characters) are too short for a rate per 10,000
#: characters: one mention more or less moves it by 10 or more.
SHORT_TEXT_CHARS = 1000
#: The fewest unit-and-indicator pairs worth a figure of annual against five-year goals.
MIN_PAIRS = 2
#: The default significance line of keyness plots (two-sided 5 %).
Z_CRITICAL = 1.96
#: Line spacing of rotated labels of several lines: matplotlib's 1.2 is
#: measured on Latin letters and packs lines of Chinese characters too tight.
ROTATED_LINESPACING = 1.35


class TooLittleData(ValueError):
    """The tables hold too little for this figure; the message says what is missing."""


def load_tables(names: list[str] | None = None, directory: Path | None = None) -> dict[str, pd.DataFrame]:
    """The processed tables (``data/processed/NAME.parquet``) as a dict.

    Raises ``FileNotFoundError`` naming the folder when the corpus has not
    been built (run ``python -m analysis build``).
    """
    directory = Path(directory or config.PROCESSED_DIR)
    if names is None:
        names = sorted(p.stem for p in directory.glob("*.parquet"))
    if not names:
        raise FileNotFoundError(f"no tables in {directory}; run `python -m analysis build` first")
    out = {}
    for name in names:
        path = directory / f"{name}.parquet"
        if not path.exists():
            raise FileNotFoundError(f"{path} not found; run `python -m analysis build` first")
        out[name] = read_table(path, name) if name in schema.TABLES else pd.read_parquet(path)
    return out


def _t(lang: str, zh: str, en: str) -> str:
    return zh if labels.check_lang(lang) == "zh" else en


def _unit_names(tables, lang) -> pd.Series:
    return labels.unit_labels(tables["units"], tables["documents"], lang)


def _units_in_order(tables, keep=None) -> list[str]:
    order = unit_order(tables["units"])
    return order if keep is None else [u for u in order if u in set(keep)]


def _unit_chars(tables) -> pd.Series:
    u = tables["units"]
    return pd.Series((u["char_end"] - u["char_start"]).to_numpy(), index=u["unit_id"])


def _short_rows(tables, order) -> np.ndarray:
    """Whether each unit of ``order`` is a text under :data:`SHORT_TEXT_CHARS`
    characters: the one rule every figure of rates or shares applies (flag †,
    grey, not coloured)."""
    return (_unit_chars(tables).reindex(order) < SHORT_TEXT_CHARS).to_numpy()


def _flagged(names: pd.Series, order, short) -> list[str]:
    return [names[u] + (" †" if sh else "") for u, sh in zip(order, short)]


def _grey_rows(ax, short, n_cols: int) -> None:
    """A light grey band behind each short row of a heat map (its cells are left uncoloured)."""
    for i in np.where(short)[0]:
        ax.add_patch(Rectangle((-0.5, i - 0.5), n_cols, 1, facecolor="0.93", edgecolor="none", zorder=0.5))


def _short_note(lang: str, zh: str, en: str) -> str:
    """The note of the † flag: what a short text's row shows instead of colour."""
    return _t(lang, f"† 不足{SHORT_TEXT_CHARS}字的文本：{zh}", f"† text under {SHORT_TEXT_CHARS:,} characters: {en}")


def _wrap(text: str, width: int, lang: str) -> str:
    """``text`` in lines of at most ``width`` columns (a Chinese character
    counts two), broken only between words: jieba's words in Chinese (政府 /
    工作 / 报告, never 政府工 / 作报告), spaces in English (never at a hyphen,
    so Double-Eight stays whole).  A word longer than a line keeps its line."""
    if lang != "zh":
        return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)) or text
    limit = max(1, width // 2)
    # whole space-separated parts first (义乌市 / 政府工作报告); words only inside a part too long for a line
    pieces = []
    for k, part in enumerate(text.split(" ")):
        pieces += ([" "] if k else []) + ([part] if len(part) <= limit else labels.words(part))
    lines, line = [], ""
    for word in pieces:
        if line and len(line) + len(word) > limit:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    if line:
        lines.append(line.rstrip())
    return "\n".join(lines) or text


#: The mark of an English term shown without its pinyin for want of room.
NO_PINYIN = "*"


def _term(term: str, lang: str, limit: int = 34) -> str:
    """A term for a figure: ``gloss (pinyin)``; when that is longer than
    ``limit`` the gloss alone, marked :data:`NO_PINYIN` (``freshwater pearls*``)
    and explained by :func:`_no_pinyin_note`, so a missing pinyin is never silent."""
    label = labels.term_label(term, lang)
    if lang == "en" and len(label) > limit:
        label = labels.term_label(term, lang, with_pinyin=False) + NO_PINYIN
    return label


def _no_pinyin_note(shown: list[str], lang: str) -> str:
    """The note for terms marked :data:`NO_PINYIN`; empty when none is."""
    if lang != "en" or not any(t.endswith(NO_PINYIN) for t in shown):
        return ""
    return f"{NO_PINYIN} pinyin left out for room; every term with its pinyin is in the glossary"


def _note(fig, text: str) -> None:
    """A note under the whole figure (6 pt), with room kept for it by the layout."""
    lines = text.count("\n") + 1
    frac = (lines * 6 * 1.3 + 3) / 72 / fig.get_size_inches()[1]
    fig.text(0.5, 0.004, text, ha="center", va="bottom", fontsize=6)
    fig.get_layout_engine().set(rect=(0, frac, 1, 1 - frac))


def _nice_step(raw: float) -> float:
    """The 1, 2 or 5 times a power of ten at or above ``raw``: a tick step."""
    power = 10 ** np.floor(np.log10(raw))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def _finish(fig, tables, title: str):
    fig.suptitle(title)
    return describe(fig, title=title, tables=tables)


def _level_legend(fig, tables, unit_ids, lang, **kw):
    units = tables["units"][tables["units"]["unit_id"].isin(unit_ids)]
    handles = [Patch(color=level_colour(lv), label=labels.level_label(lv, lang)) for lv in levels_present(units)]
    kw.setdefault("loc", "outside lower center")
    return fig.legend(handles=handles, ncol=min(6, len(handles)), title=_t(lang, "单位层级", "level of government"), **kw)


def _below_panels(fig, xlabel: str, legend) -> None:
    """A shared x label under all panels (``fig.supxlabel``) with ``legend``
    under it at the foot of the figure, room kept for both: constrained layout
    would put a figure legend "outside lower center" on top of the label."""
    renderer = fig.canvas.get_renderer()
    height = fig.get_size_inches()[1] * fig.dpi
    pad = 4 / 72 * fig.dpi / height  # a legend measured before layout can come out a point taller
    legend_h = legend.get_window_extent(renderer).height / height + pad
    label = fig.supxlabel(xlabel, fontsize=7, y=legend_h, va="bottom")
    label_h = label.get_window_extent(renderer).height / height + pad
    fig.get_layout_engine().set(rect=(0, legend_h + label_h, 1, 1 - legend_h - label_h))


def _text_colour(fill) -> str:
    r, g, b = to_rgb(fill)
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.5 else "black"


def _heat_texts(ax, values: np.ndarray, texts, cmap, norm, *, fontsize=6):
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            text = texts[i][j]
            if not text:
                continue
            v = values[i, j]
            colour = "black" if np.isnan(v) else _text_colour(cmap(norm(v)))
            ax.text(j, i, text, ha="center", va="center", fontsize=fontsize, color=colour)


def _cell_grid(ax, n_rows, n_cols):
    ax.set_xticks(np.arange(-0.5, n_cols), minor=True)
    ax.set_yticks(np.arange(-0.5, n_rows), minor=True)
    ax.grid(which="minor", color="white", lw=0.8)
    ax.tick_params(which="minor", length=0)
    ax.tick_params(which="major", length=0)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)


# --------------------------------------------------------------------------
# 01 corpus overview
# --------------------------------------------------------------------------


def corpus_sizes(tables, lang: str = "zh"):
    """Characters of every unit's text (bars, coloured by level) with its number of sentences."""
    order = _units_in_order(tables)
    chars = _unit_chars(tables)
    sents = tables["sentences"].groupby("unit_id").size().reindex(order, fill_value=0)
    names = _unit_names(tables, lang)
    colours = unit_colours(tables["units"])
    fig, ax = new_figure(TWO_COLUMNS, figure_height(len(order), 0.22, 1.3))
    y = np.arange(len(order))
    values = chars.reindex(order).to_numpy() / 1000
    ax.barh(y, values, color=[colours[u] for u in order])
    for k, u in enumerate(order):
        ax.text(values[k], k, f" n = {sents[u]}" + _t(lang, " 句", " sentences"), va="center", fontsize=6)
    ax.set_xlim(0, max(values.max(), 1e-9) * 1.3)
    ax.set_yticks(y, [names[u] for u in order])
    ax.invert_yaxis()
    ax.set_xlabel(_t(lang, "清洗后字数（千字）", "Characters after cleaning (thousands)"))
    _level_legend(fig, tables, order, lang)
    return _finish(fig, tables, _t(lang, "语料：各单位文本长度", "Corpus: length of each unit's text"))


def cleaning_changes(tables, lang: str = "zh"):
    """What cleaning changed in each document: changes per step (log colour scale, counts printed, 0 shown as 0)."""
    log = tables["cleaning_log"]
    docs = tables["documents"].set_index("doc_id")
    doc_ids = list(dict.fromkeys(tables["units"].set_index("unit_id").loc[_units_in_order(tables), "doc_id"]))
    counts = log.groupby(["step", "doc_id"]).size().unstack(fill_value=0).reindex(columns=doc_ids, fill_value=0)
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False).index]
    def doc_name(d):
        place = docs.loc[d, "place"] if lang == "zh" else labels.name_en(docs.loc[d, "place"])
        return _wrap(f"{place} {labels.doc_type_label(docs.loc[d, 'doc_type'], lang)}", 16, lang)

    fig, ax = new_figure(TWO_COLUMNS, figure_height(len(counts), 0.24, 1.6, minimum=2.4))
    data = counts.to_numpy().astype(float)
    shown = np.where(data > 0, data, np.nan)
    cmap = plt_cmap(SEQUENTIAL)
    norm = LogNorm(vmin=1, vmax=max(2.0, np.nanmax(shown) if np.isfinite(shown).any() else 2.0))
    im = ax.imshow(shown, cmap=cmap, norm=norm, aspect="auto")
    ax.set_yticks(range(len(counts)), [labels.step_label(s, lang) for s in counts.index])
    ax.set_xticks(range(len(doc_ids)), [doc_name(d) for d in doc_ids])
    ax.xaxis.tick_top()
    _cell_grid(ax, *data.shape)
    _heat_texts(ax, shown, [[f"{int(v)}" if v else "0" for v in row] for row in data], cmap, norm)
    cbar = fig.colorbar(im, ax=ax, label=_t(lang, "改动数（对数刻度）；0：未改动", "changes (log scale); 0: none"), shrink=0.9)
    cbar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    cbar.ax.yaxis.set_minor_formatter(FuncFormatter(lambda v, _: ""))
    return _finish(fig, tables, _t(lang, "清洗记录：每个文档各步骤的改动数", "Cleaning log: changes per document and step"))


def plt_cmap(name):
    import matplotlib

    return matplotlib.colormaps[name].with_extremes(bad="white")


# --------------------------------------------------------------------------
# 02 growth targets
# --------------------------------------------------------------------------


def _year_targets(tables, year: int) -> pd.DataFrame:
    t = tables["targets"]
    return t[(t["kind"] == "target") & (t["horizon"] == str(year))]


def headline_goals(tables, year: int, indicators=HEADLINE_INDICATORS) -> pd.DataFrame:
    """The one selection of headline goals that the figure, the table and the
    coverage matrix show: targets for ``year`` (not annual averages of a longer
    span) on ``indicators``, in unit order then indicator order.  Columns are
    those of the ``targets`` table."""
    t = _year_targets(tables, year)
    t = t[t["indicator"].isin(indicators) & ~t["is_annual_average"].astype(bool)].copy()
    rank = {u: k for k, u in enumerate(_units_in_order(tables))}
    t["_u"] = t["unit_id"].map(rank)
    t["_i"] = t["indicator"].map({i: k for k, i in enumerate(indicators)})
    return t.sort_values(["_i", "_u", "char_start"]).drop(columns=["_u", "_i"])


def _on_scale(r) -> bool:
    return (not r.is_redacted) and r.comparator != "relative" and r.unit == "%" and not pd.isna(r.value)


_CMP_SYMBOL = {">=": "≥", ">": ">", "~": "≈", "<=": "≤", "<": "<", "=": "", "range": ""}


def describe_goal(r, lang: str = "zh") -> str:
    """A goal as a cell or a label shows it: ``≥8%``, ``X% (masked)``, a relative
    goal's words (``高于全省平均`` / ``above the provincial average``)."""
    if r.is_redacted:
        return f"{r.figure_text} " + _t(lang, "（遮蔽）", "(masked)")
    if r.comparator == "relative":
        if lang == "zh":
            return r.figure_text or f"相对：{r.reference}"
        table = labels.glossary()
        if r.figure_text in table.index and table.loc[r.figure_text, "en"]:
            return table.loc[r.figure_text, "en"]
        return "relative to " + labels.gloss(r.reference or "")
    value = f"{r.value:g}–{r.value_high:g}" if not pd.isna(r.value_high) else f"{r.value:g}"
    unit = r.unit if (lang == "zh" or not labels.has_cjk(r.unit)) else " " + labels.gloss(r.unit)
    return f"{_CMP_SYMBOL.get(r.comparator, '')}{value}{unit}"


def goal_cell(rows: pd.DataFrame, lang: str = "zh") -> str:
    """Every goal one unit sets for one indicator, in text order, as one cell
    (``≥8% / 10%`` when a report states the goal twice): the coverage matrix
    and the headline table print the same words."""
    return " / ".join(describe_goal(r, lang) for r in rows.sort_values("char_start").itertuples())


def goal_row_labels(goals: pd.DataFrame, names: pd.Series, lang: str = "zh") -> pd.Series:
    """A label per goal (index of ``goals``): the unit's name, and where a unit
    states several goals for one indicator, each goal's own words after it
    (``Shanxiahu Town: ≥8%``, ``Shanxiahu Town: 10%``), so no two rows read alike."""
    out = {}
    for (unit, _ind), rows in goals.groupby(["unit_id", "indicator"], sort=False):
        if len(rows) == 1:
            out[rows.index[0]] = names[unit]
            continue
        seen: dict[str, int] = {}
        for idx, r in rows.sort_values("char_start").iterrows():
            words = describe_goal(r, lang)
            seen[words] = seen.get(words, 0) + 1
            suffix = words if seen[words] == 1 else f"{words} ({seen[words]})"
            out[idx] = f"{names[unit]}{_t(lang, '：', ': ')}{suffix}"
    return pd.Series(out).reindex(goals.index)


def _symbols(text: str, lang: str) -> str:
    """``text`` as an English figure draws it: ≥ and ≤ in mathtext, whose Latin
    font draws them upright (the CJK font's are slanted, ⩾); Chinese unchanged."""
    if lang == "zh":
        return text
    return text.replace("≥", r"$\!\geq\!$").replace("≤", r"$\!\leq\!$")  # \! takes back the space of a relation


_MARKERS = {">=": ">", ">": ">", "~": "o", "=": "o", "<=": "<", "<": "<", "range": "|"}


def headline_targets(tables, year: int = 2022, lang: str = "zh", indicators=HEADLINE_INDICATORS):
    """The year's headline goals (:func:`headline_goals`), one row per goal,
    grouped by indicator: growth goals in % on a scale, every other goal
    (masked, relative, in other units) as written in the right panel."""
    goals = headline_goals(tables, year, indicators)
    if goals.empty:
        raise TooLittleData(f"no headline goals for {year}")
    names = _unit_names(tables, lang)
    row_names = goal_row_labels(goals, names, lang)
    colours = unit_colours(tables["units"])
    rows = []  # (label, is_header, goal or None)
    for ind in [i for i in indicators if i in set(goals["indicator"])]:
        rows.append((labels.indicator_label(ind, lang), True, None))
        for r in goals[goals["indicator"] == ind].itertuples():
            rows.append((row_names[r.Index], False, r))
    fig, (ax, ax2) = new_figure(TWO_COLUMNS, figure_height(len(rows), 0.2, 1.6), 1, 2, sharey=True, gridspec_kw={"width_ratios": [3, 2]})
    scale = [r for _, h, r in rows if not h and _on_scale(r)]
    for y, (_, header, r) in enumerate(rows):
        if header:
            ax.axhline(y, color=LIGHT, lw=0.6, zorder=0)
            continue
        c = colours[r.unit_id]
        if _on_scale(r):
            ax.scatter(r.value, y, marker=_MARKERS.get(r.comparator, "o"), color=c, s=22, zorder=3)
            if not pd.isna(r.value_high):
                ax.plot([r.value, r.value_high], [y, y], color=c, lw=2)
        else:
            hollow = "o" if r.is_redacted else "D"
            ax2.scatter(0.04, y, marker=hollow, facecolors="none", edgecolors=c, s=18)
            ax2.text(0.1, y, _symbols(describe_goal(r, lang), lang), va="center", fontsize=6.5)
    ax.set_yticks(range(len(rows)), [lab if h else "  " + _symbols(lab, lang) for lab, h, _ in rows])
    for tick, (_, header, _) in zip(ax.get_yticklabels(), rows):
        if not header:
            tick.set_color("0.25")
    ax.set_ylim(len(rows) - 0.5, -0.6)
    if scale:
        lo = min(r.value for r in scale)
        hi = max((r.value_high if not pd.isna(r.value_high) else r.value) for r in scale)
        pad = max(1.0, (hi - lo) * 0.15)
        ax.set_xlim(min(0, lo - pad), hi + pad)
    ax.set_xlabel(_t(lang, f"{year}年增长目标（%）", f"{year} growth goal (%)"))
    ax.grid(axis="x", color="0.92")
    ax2.set_xlim(0, 1)
    ax2.set_xticks([])
    ax2.set_title(_t(lang, "不在刻度上的目标（按原文）", "Goals off the scale (as written)"), loc="left", fontsize=7)
    for side in ("left", "bottom"):
        ax2.spines[side].set_visible(False)
    ax2.tick_params(axis="y", left=False)
    shapes = [
        Line2D([], [], ls="", marker=">", color=DARK, label=_t(lang, "以上（≥）", _symbols("at least (≥)", lang))),
        Line2D([], [], ls="", marker="o", color=DARK, label=_t(lang, "左右或等于", "about or exactly")),
        Line2D([], [], ls="", marker="o", mfc="none", color=DARK, label=_t(lang, "数值遮蔽", "figure masked")),
        Line2D([], [], ls="", marker="D", mfc="none", color=DARK, label=_t(lang, "相对目标", "relative goal")),
    ]
    units = tables["units"][tables["units"]["unit_id"].isin(goals["unit_id"])]
    shapes += [Patch(color=level_colour(lv), label=labels.level_label(lv, lang)) for lv in levels_present(units)]
    fig.legend(handles=shapes, loc="outside lower center", ncol=min(4, len(shapes)))
    n_units = goals["unit_id"].nunique()
    title = _t(lang, f"{year}年主要预期目标（{n_units}个单位，{len(goals)}项目标）", f"Headline goals for {year} ({n_units} units, n = {len(goals)} goals)")
    return _finish(fig, tables, title)


def coverage_states(tables, year: int, indicators=HEADLINE_INDICATORS) -> pd.DataFrame:
    """Units (in unit order) × ``indicators``: ``figure``, ``masked``, ``relative``
    or ``not set``, from :func:`headline_goals` (a figure wins over a mask,
    a mask over a relative goal)."""
    goals = headline_goals(tables, year, indicators)
    units = _units_in_order(tables)
    state = pd.DataFrame("not set", index=units, columns=list(indicators))
    for (unit, ind), rows in goals.groupby(["unit_id", "indicator"]):
        if rows["value"].notna().any():
            state.loc[unit, ind] = "figure"
        elif rows["is_redacted"].any():
            state.loc[unit, ind] = "masked"
        else:
            state.loc[unit, ind] = "relative"
    return state


def coverage_matrix(tables, year: int = 2022, lang: str = "zh", indicators=HEADLINE_INDICATORS):
    """Units × headline indicators: a goal set with a figure (dark, value printed),
    set but masked (hatched, mask printed), relative only (light), not set (white, —)."""
    goals = headline_goals(tables, year, indicators)
    state = coverage_states(tables, year, indicators)
    names = _unit_names(tables, lang)
    fill = {"figure": DARK, "masked": "white", "relative": LIGHT, "not set": "white"}
    n_rows, n_cols = state.shape
    fig, ax = new_figure(TWO_COLUMNS, figure_height(n_rows, 0.24, 2.6))
    for i, unit in enumerate(state.index):
        for j, ind in enumerate(state.columns):
            s = state.iat[i, j]
            ax.add_patch(Rectangle((j - 0.48, i - 0.46), 0.96, 0.92, facecolor=fill[s], edgecolor=MID if s == "masked" else "none",
                                   hatch="////" if s == "masked" else None, lw=0.5))
            rows = goals[(goals["unit_id"] == unit) & (goals["indicator"] == ind)]
            if s == "figure":
                text = _symbols(goal_cell(rows[rows["value"].notna()], lang), lang)
            elif s == "masked":
                text = rows[rows["is_redacted"]].iloc[0]["figure_text"]
            elif s == "relative":
                text = _t(lang, "相对", "rel.")
            else:
                text = "—"
            ax.text(j, i, text, ha="center", va="center", fontsize=6, color="white" if s == "figure" else ("black" if s != "not set" else MID),
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6} if s == "masked" else None)
    ax.set_xlim(-0.5, n_cols - 0.5)
    ax.set_ylim(n_rows - 0.5, -0.5)
    n_set = (state != "not set").sum(axis=0)
    ax.set_xticks(range(n_cols), [_wrap(labels.indicator_label(i, lang), 22, lang) + f"\n(n = {n_set[i]})" for i in state.columns], rotation=90)
    ax.set_yticks(range(n_rows), [names[u] for u in state.index])
    ax.xaxis.tick_top()
    _cell_grid(ax, n_rows, n_cols)
    handles = [
        Patch(facecolor=DARK, label=_t(lang, "有数值（如 ≥8%）", _symbols("set with a figure (e.g. ≥8%)", lang))),
        Patch(facecolor="white", edgecolor=MID, hatch="////", label=_t(lang, "有目标但数值遮蔽", "set but masked")),
        Patch(facecolor=LIGHT, label=_t(lang, "仅相对目标", "relative only")),
        # a not-set cell is blank with a dash and no box: the key shows the dash alone
        Line2D([], [], ls="", marker="$—$", markersize=7, color=MID, label=_t(lang, "未设", "not set")),
    ]
    handles.append(Patch(facecolor="none", edgecolor="none", label=_t(lang, "n：设此目标的单位数", "n: units that set the goal")))
    fig.legend(handles=handles, loc="outside lower center", ncol=5)
    return _finish(fig, tables, _t(lang, f"{year}年目标覆盖：单位 × 指标", f"Who sets which {year} goal: units × indicators"))


def quantification(tables, lang: str = "zh"):
    """How quantified each unit's text is: figures per 1,000 characters (with n),
    and the share of targets among its figures (with n; none: "no figures")."""
    t = tables["targets"]
    order = _units_in_order(tables)
    chars = _unit_chars(tables).reindex(order)
    counts = t.groupby(["unit_id", "kind"]).size().unstack(fill_value=0).reindex(order, fill_value=0)
    for k in ("target", "achieved"):
        if k not in counts:
            counts[k] = 0
    total = counts["target"] + counts["achieved"]
    density = total / chars.replace(0, np.nan) * 1000
    names = _unit_names(tables, lang)
    colours = unit_colours(tables["units"])
    short = _short_rows(tables, order)
    fig, (ax1, ax2) = new_figure(TWO_COLUMNS, figure_height(len(order), 0.22, 1.6), 1, 2, sharey=True)
    y = np.arange(len(order))
    # a short text's rate moves by a whole step with one figure more or less: grey and hatched, not its level's colour
    ax1.barh(y, density.fillna(0), color=["white" if sh else colours[u] for u, sh in zip(order, short)],
             hatch=["////" if sh else None for sh in short], edgecolor=[MID if sh else "none" for sh in short], lw=0.5)
    top = float(np.nanmax(density.to_numpy())) if density.notna().any() else 1.0
    for k, u in enumerate(order):
        ax1.text(density.fillna(0)[u], k, f" n = {total[u]}", va="center", fontsize=6)
    ax1.set_xlim(0, max(top, 1e-9) * 1.35)
    # ticks from the data, not from the axes' width (which differs with the labels' language)
    ax1.xaxis.set_major_locator(MultipleLocator(_nice_step(max(top, 1e-9) * 1.35 / 4)))
    ax1.set_xlabel(_t(lang, "每千字数字个数", "Figures per 1,000 characters"))
    share_t = counts["target"] / total.replace(0, np.nan)
    for k, u in enumerate(order):
        if total[u] == 0:
            ax2.text(0.02, k, _t(lang, "没有数字", "no figures"), va="center", fontsize=6, color=MID)
            continue
        ax2.barh(k, share_t[u], color=DARK)
        ax2.barh(k, 1 - share_t[u], left=share_t[u], color=LIGHT)
        ax2.text(1.02, k, f"{counts.loc[u, 'target']}/{total[u]}", va="center", fontsize=6)
    ax2.set_xlim(0, 1.22)
    ax2.set_xticks([0, 0.5, 1], ["0", "50%", "100%"])
    ax2.set_xlabel(_t(lang, "目标所占比例（目标数/数字数）", "Share of figures that are targets (targets/n)"))
    ax1.set_yticks(y, _flagged(names, order, short))
    ax1.invert_yaxis()
    # a level's swatch only where a bar wears it: levels whose every unit is a short text are drawn hatched
    coloured = tables["units"][tables["units"]["unit_id"].isin([u for u, sh in zip(order, short) if not sh])]
    handles = [Patch(color=level_colour(lv), label=labels.level_label(lv, lang)) for lv in levels_present(coloured)]
    handles += [Patch(facecolor="white", edgecolor=MID, hatch="////", label=_t(lang, f"† 不足{SHORT_TEXT_CHARS}字，不着色", f"† text under {SHORT_TEXT_CHARS:,} characters, not coloured")),
                Patch(color=DARK, label=_t(lang, "目标", "targets")), Patch(color=LIGHT, label=_t(lang, "已实现", "achieved"))]
    fig.legend(handles=handles, loc="outside lower center", ncol=min(5, len(handles)))
    return _finish(fig, tables, _t(lang, "各单位文本的量化程度", "How quantified each unit's text is"))


def annual_five_year_pairs(tables, indicators=("gdp", "industrial_output", "retail_sales")) -> pd.DataFrame:
    """Units that set, for one indicator, both a plan-year growth goal and an
    annual-average goal over a longer span: ``unit_id, indicator, year_value,
    year_horizon, average_value, average_horizon`` (one row per pair)."""
    t = tables["targets"]
    t = t[(t["kind"] == "target") & (t["unit"] == "%") & t["indicator"].isin(indicators) & t["value"].notna()]
    annual = t[t["is_annual_average"].astype(bool)]
    yearly = t[~t["is_annual_average"].astype(bool) & t["horizon"].str.fullmatch(r"\d{4}")]
    rows = []
    for (unit, ind), a in annual.groupby(["unit_id", "indicator"]):
        y = yearly[(yearly["unit_id"] == unit) & (yearly["indicator"] == ind)]
        if not y.empty:
            rows.append((unit, ind, float(y["value"].iloc[0]), y["horizon"].iloc[0], float(a["value"].iloc[0]), a["horizon"].iloc[0]))
    return pd.DataFrame(rows, columns=["unit_id", "indicator", "year_value", "year_horizon", "average_value", "average_horizon"])


def annual_vs_five_year(tables, lang: str = "zh", indicators=("gdp", "industrial_output", "retail_sales")):
    """Plan-year growth goals beside the annual-average goals of longer plans.

    Raises :class:`TooLittleData` with fewer than :data:`MIN_PAIRS` pairs: one
    point is a sentence, not a figure."""
    pairs = annual_five_year_pairs(tables, indicators)
    if len(pairs) < MIN_PAIRS:
        raise TooLittleData(f"{len(pairs)} unit-and-indicator pair(s) with both kinds of goal; a figure needs {MIN_PAIRS}")
    order = {u: k for k, u in enumerate(_units_in_order(tables))}
    pairs = pairs.sort_values(["unit_id"], key=lambda s: s.map(order)).reset_index(drop=True)
    names = _unit_names(tables, lang)
    colours = unit_colours(tables["units"])
    fig, ax = new_figure(ONE_COLUMN, figure_height(len(pairs), 0.3, 1.5))
    for k, p in pairs.iterrows():
        c = colours[p.unit_id]
        ax.plot([p.average_value, p.year_value], [k, k], color=LIGHT, zorder=1)
        ax.scatter(p.average_value, k, marker="o", facecolors="none", edgecolors=c, zorder=2)
        ax.scatter(p.year_value, k, marker="o", color=c, zorder=2)
    ax.set_yticks(range(len(pairs)), [_wrap(f"{names[p.unit_id]}: {labels.indicator_label(p.indicator, lang)}", 28, lang) for p in pairs.itertuples()])
    ax.set_ylim(len(pairs) - 0.5, -0.5)
    ax.set_xlabel(_t(lang, "增长目标（%）", "Growth goal (%)"))
    handles = [Line2D([], [], ls="", marker="o", mfc="none", color=DARK, label=_t(lang, "五年年均目标", "five-year annual average")),
               Line2D([], [], ls="", marker="o", color=DARK, label=_t(lang, "当年目标", "plan-year goal"))]
    fig.legend(handles=handles, loc="outside lower center", ncol=2)
    return _finish(fig, tables, _t(lang, f"当年目标与五年年均目标（n = {len(pairs)}）", f"Plan-year vs five-year goals (n = {len(pairs)})"))


# --------------------------------------------------------------------------
# 03 TF-IDF and themes
# --------------------------------------------------------------------------


def top_terms(tables, lang: str = "zh", n: int = 8, units: list[str] | None = None):
    """Each unit's heaviest TF-IDF terms, small multiples (two columns, unit
    order) on one shared x scale, so bar lengths compare across panels."""
    tf = tables["tfidf"]
    units = _units_in_order(tables, units) if units else _units_in_order(tables)
    names = _unit_names(tables, lang)
    colours = unit_colours(tables["units"])
    cols = 2 if len(units) > 1 else 1
    rows = int(np.ceil(len(units) / cols))
    fig, axes = new_figure(TWO_COLUMNS, figure_height(rows, 0.16 * n + 0.3, 0.6), rows, cols, squeeze=False, sharex=True)
    for ax, unit in zip(axes.ravel(), units):
        top = tf[(tf["unit_id"] == unit) & (tf["rank"] <= n)].sort_values("rank")
        ax.barh(range(len(top)), top["tfidf"], color=colours[unit])
        ax.set_yticks(range(len(top)), [_term(x, lang) for x in top["term"]])
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_title(_wrap(names[unit], 34, lang), fontsize=6.5, loc="left")
        ax.tick_params(axis="both", labelsize=6)
        ax.locator_params(axis="x", nbins=4)
        ax.grid(axis="x", color="0.92", lw=0.5)
        ax.set_axisbelow(True)
    for ax in axes.ravel()[len(units):]:
        ax.axis("off")
    xlabel = _t(lang, "TF-IDF（各图刻度相同）", "TF-IDF (same scale in every panel)")
    note = _no_pinyin_note([t.get_text() for ax in axes.ravel() for t in ax.get_yticklabels()], lang)
    _below_panels(fig, xlabel + ("\n" + note if note else ""), _level_legend(fig, tables, units, lang, loc="lower center", bbox_to_anchor=(0.5, 0.0)))
    return _finish(fig, tables, _t(lang, "各单位TF-IDF最高的词", "Highest TF-IDF terms of each unit"))


def similarity_order(tables) -> list[str]:
    """Unit ids in the leaf order of average-linkage clustering of ``1 - cosine``."""
    from scipy.cluster.hierarchy import dendrogram, linkage
    from scipy.spatial.distance import squareform

    sim = tables["similarity"].pivot(index="unit_a", columns="unit_b", values="cosine")
    order = _units_in_order(tables, sim.index)
    sim = sim.loc[order, order]
    dist = (1 - sim).clip(lower=0).to_numpy(copy=True)
    np.fill_diagonal(dist, 0)
    dist = (dist + dist.T) / 2  # exact symmetry for squareform
    dn = dendrogram(linkage(squareform(dist, checks=False), method="average"), no_plot=True)
    return [order[i] for i in dn["leaves"]]


def similarity_heatmap(tables, lang: str = "zh"):
    """Cosine similarity of units' TF-IDF vectors, ordered by average-linkage
    clustering of ``1 - cosine``; the dendrogram sits above the heat map in
    its own axes, sharing its x axis (leaf k over column k), with a height
    scale in ``1 - cosine``.  The diagonal (1 by definition) is left blank so
    the colours span the other cells; every value is printed."""
    from scipy.cluster.hierarchy import dendrogram, linkage
    from scipy.spatial.distance import squareform

    sim = tables["similarity"].pivot(index="unit_a", columns="unit_b", values="cosine")
    if len(sim) < 3:
        raise TooLittleData(f"{len(sim)} unit(s): too few to cluster")
    base = _units_in_order(tables, sim.index)
    sim = sim.loc[base, base]
    dist = (1 - sim).clip(lower=0).to_numpy(copy=True)
    np.fill_diagonal(dist, 0)
    dist = (dist + dist.T) / 2
    dn = dendrogram(linkage(squareform(dist, checks=False), method="average"), no_plot=True)
    order = [base[i] for i in dn["leaves"]]
    n = len(order)
    m = sim.loc[order, order].to_numpy(copy=True)
    np.fill_diagonal(m, np.nan)
    names = _unit_names(tables, lang)
    fig, (axd, ax) = new_figure(TWO_COLUMNS, figure_height(n, 0.36, 2.6), 2, 1, sharex=True, gridspec_kw={"height_ratios": [1.3, n * 0.36]})
    cmap = plt_cmap(SEQUENTIAL)
    norm = Normalize(vmin=np.nanmin(m), vmax=np.nanmax(m))
    im = ax.imshow(m, cmap=cmap, norm=norm, aspect="auto", extent=(-0.5, n - 0.5, n - 0.5, -0.5))
    _heat_texts(ax, m, [["" if i == j else f"{m[i, j]:.2f}" for j in range(n)] for i in range(n)], cmap, norm)
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xticks(range(n), [str(k + 1) for k in range(n)])
    ax.set_yticks(range(n), [f"{names[u]}  {k + 1}" for k, u in enumerate(order)])
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    # Dendrogram: leaf k at column k; merge heights in 1 - cosine on their own
    # scale.  Merges of sparse texts all lie high (0.7-0.95), so the scale
    # starts just under the lowest merge (and says so) to keep them apart.
    merges = [max(d) for d in dn["dcoord"]]
    lo, hi = min(merges), max(merges)
    bottom = max(0.0, np.floor((lo - max(0.02, (hi - lo) * 0.25)) * 20) / 20)
    for xs, ds in zip(dn["icoord"], dn["dcoord"]):
        axd.plot([x / 10 - 0.5 for x in xs], ds, color=MID, lw=0.8)
    axd.set_ylim(bottom, hi + (hi - bottom) * 0.05)
    axd.locator_params(axis="y", nbins=4)
    axd.tick_params(axis="x", bottom=False, labelbottom=False)
    axd.tick_params(axis="y", labelsize=6)
    axd.spines["bottom"].set_visible(False)
    axd.grid(axis="y", color="0.92", lw=0.5)
    axd.set_ylabel(_t(lang, f"合并高度\n1 - 余弦相似度\n（自{bottom:g}起）", f"merge height\n1 - cosine\n(axis from {bottom:g})"), fontsize=6, linespacing=ROTATED_LINESPACING)
    fig.colorbar(im, ax=[axd, ax], shrink=0.55, anchor=(0.0, 0.2), label=_t(lang, "余弦相似度（对角线略去）", "cosine similarity (diagonal left out)"))
    return _finish(fig, tables, _t(lang, f"单位间文本相似度（TF-IDF，{n}个单位）", f"Similarity of units' texts (TF-IDF, n = {n} units)"))


def group_label(unit_ids, tables, lang: str = "zh", kind: str | None = None) -> str:
    """A keyness group named for what it holds: one unit by its name; several
    by ``kind`` (a level such as ``town``) or "units", with how many
    (``镇（4个单位）`` / ``towns (4 units)``)."""
    unit_ids = list(unit_ids)
    if len(unit_ids) == 1:
        return _unit_names(tables, lang)[unit_ids[0]]
    if kind is None:
        return _t(lang, f"其他单位（{len(unit_ids)}个）", f"other units ({len(unit_ids)})")
    word = labels.level_label(kind, lang)
    if lang == "en":
        word = word if word.endswith("s") else word + "s"
        return f"{word} ({len(unit_ids)} units)"
    return f"{word}（{len(unit_ids)}个单位）"


def _group_word(label: str) -> str:
    """A group's label without its count: ``towns (4 units)`` → ``towns``."""
    import re

    return re.sub(r"\s*[（(][^（）()]*[)）]$", "", label) or label


def keyness_plot(keyness_table: pd.DataFrame, label_a: str, label_b: str, lang: str = "zh", n: int = 12, z_critical: float = Z_CRITICAL, tables=None):
    """Terms most distinctive of each side of a keyness comparison (z of the
    weighted log-odds), with the ±``z_critical`` lines; each term's counts
    (``a:b``, occurrences in each group) stand in a column right of the plot,
    where no line crosses them.  The title names the two groups compared."""
    k = keyness_table.sort_values("z", ascending=False)
    top = k.head(n)
    bottom = k[~k.index.isin(top.index)].tail(n).iloc[::-1]
    shown = pd.concat([top, bottom])
    fig, ax = new_figure(ONE_COLUMN, figure_height(len(shown), 0.15, 2.0))
    ys = np.arange(len(shown))
    colours = [DARK if z > 0 else MID for z in shown["z"]]
    ax.barh(ys, shown["z"], color=colours)
    lim = max(float(shown["z"].abs().max()), z_critical) * 1.1
    ax.set_yticks(ys, [_term(x, lang, limit=30) for x in shown["term"]])
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.set_xlim(-lim, lim)
    ax.axvline(0, color="0.3", lw=0.6)
    for z in (-z_critical, z_critical):
        ax.axvline(z, color=MID, lw=0.6, ls="--")
    counts = ax.secondary_yaxis("right")
    counts.set_yticks(ys, [f"{r.count_group}:{r.count_rest}" for r in shown.itertuples()])
    counts.tick_params(length=0, labelsize=6)
    counts.spines["right"].set_visible(False)
    ax.set_xlabel(_t(lang, f"z（加权对数优势比）\n虚线：±{z_critical:g}（p < 0.05）", f"z (weighted log-odds)\ndashed: ±{z_critical:g} (p < 0.05)"))
    handles = [Patch(color=DARK, label=label_a), Patch(color=MID, label=label_b)]
    # the counts column names its groups, as the Chinese 前组:后组 does: (towns:other units), not (a:b)
    pair = f"{_group_word(label_a)}:{_group_word(label_b)}"
    fig.legend(handles=handles, loc="outside lower center", ncol=1, title=_t(lang, "右列：两组中的出现次数（前组:后组）", textwrap.fill(f"right: occurrences in each group ({pair})", 44)))
    note = _no_pinyin_note([t.get_text() for t in ax.get_yticklabels()], lang)
    if note:
        # narrower than the axes' label width: a line of 50 ran to the figure's edge at 3.5 in
        ax.set_xlabel(ax.get_xlabel() + "\n" + textwrap.fill(note, 40))
    title = _t(lang, f"关键性：{label_a}对比{label_b}", f"Keyness: {label_a} vs {label_b}")
    return _finish(fig, tables, title)


def default_keyness(tables, group_by: str = "unit_level", group: str = "town") -> pd.DataFrame | None:
    """The comparison notebook 3 draws by default: ``group`` units against all
    others (:func:`analysis.themes.keyness_groups`); None when a side is empty."""
    from . import themes

    groups = dict(zip(tables["units"]["unit_id"], tables["units"][group_by]))
    values = set(groups.values())
    if group not in values or len(values) < 2 or tables["terms"].empty:
        return None
    return themes.keyness_groups(themes.dtm_from_terms(tables["terms"]), groups, group)


def topic_label(terms: list[str], lang: str = "zh", n: int = 2, max_chars: int = 6) -> str:
    """A short label of a topic: its first ``n`` terms of at most ``max_chars``
    characters (``城市 · 空间`` / ``city / space``)."""
    short = [t for t in terms if len(t) <= max_chars][:n] or terms[:1]
    if lang == "zh":
        return " · ".join(short)
    # a slash, not the middle dot: the CJK font draws · full-width in Latin text
    return " / ".join(labels.gloss(t) for t in short)


def topic_labels(tables, lang: str = "zh") -> pd.Series:
    """``topic_id`` → short label (:func:`topic_label`)."""
    tp = tables["topics"].sort_values(["topic_id", "rank"])
    return tp.groupby("topic_id")["term"].apply(lambda s: topic_label(list(s), lang))


def topic_shares_plot(tables, lang: str = "zh"):
    """Units × NMF topics: each unit's share of each topic (printed in %), with
    the number of paragraphs it rests on; topics by short labels."""
    shares = tables["topic_shares"].pivot(index="unit_id", columns="topic_id", values="share")
    order = _units_in_order(tables, shares.index)
    shares = shares.reindex(order)
    tl = topic_labels(tables, lang)
    names = _unit_names(tables, lang)
    paras = tables["sentences"].groupby("unit_id")["paragraph_id"].nunique().reindex(order, fill_value=0)
    m = shares.to_numpy(dtype=float)
    short = _short_rows(tables, order)
    fig, ax = new_figure(TWO_COLUMNS, figure_height(len(order), 0.24, 2.5))
    im = _share_heatmap(ax, m, short, _flagged(names, order, short), [f"n = {paras[u]}" for u in order])
    ax.set_xticks(range(m.shape[1]), [f"{t}: " + _wrap(tl.get(t, str(t)), 20, lang) for t in shares.columns], rotation=90)
    cbar = fig.colorbar(im, ax=ax, label=_t(lang, "主题份额（%）；n：段落数", "topic share (%); n: paragraphs"), shrink=0.9)
    cbar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v * 100:.0f}"))
    if short.any():
        _note(fig, _short_note(lang, "份额照印，不着色", "share printed, not coloured"))
    return _finish(fig, tables, _t(lang, "NMF主题在各单位中的份额", "NMF topic shares of each unit"))


# --------------------------------------------------------------------------
# 04 priorities
# --------------------------------------------------------------------------


def _share_heatmap(ax, m: np.ndarray, short: np.ndarray, row_labels: list[str], n_labels: list[str]):
    """Shares (0-1) as a heat map printed in %, rows labelled on the left and
    their n on the right; rows of short texts grey, printed but not coloured."""
    shown = m.copy()
    shown[short, :] = np.nan
    cmap = plt_cmap(SEQUENTIAL)
    norm = Normalize(vmin=0, vmax=np.nanmax(shown) if np.isfinite(shown).any() else 1)
    im = ax.imshow(shown, cmap=cmap, norm=norm, aspect="auto")
    _grey_rows(ax, short, m.shape[1])
    _heat_texts(ax, shown, [["" if np.isnan(v) else f"{v * 100:.0f}" for v in row] for row in m], cmap, norm)
    ax.set_yticks(range(m.shape[0]), row_labels)
    ax.xaxis.tick_top()
    _cell_grid(ax, *m.shape)
    right = ax.secondary_yaxis("right")
    right.set_yticks(range(m.shape[0]), n_labels)
    right.tick_params(length=0, labelsize=6)
    right.spines["right"].set_visible(False)
    return im


def domain_short(domain: str, lang: str = "zh") -> str:
    """Short name of a policy domain (``domains.csv``: ``short_zh``/``short_en``)."""
    from .priorities import codebook

    book = codebook().set_index("domain")
    col = "short_zh" if labels.check_lang(lang) == "zh" else "short_en"
    if domain not in book.index or col not in book.columns or not book.loc[domain, col]:
        return labels.domain_label(domain, lang)
    return book.loc[domain, col]


def domain_profiles_plot(tables, lang: str = "zh"):
    """Units × policy domains: share of each unit's non-heading sentences coded
    with each domain (printed in %; 0 printed as 0), with that divisor as n.
    A sentence may be coded in several domains, so a row can add to more than
    100 %; the figure says so."""
    from .priorities import body_sentences, codebook

    prof = tables["domains"].pivot(index="unit_id", columns="domain", values="share")
    domains = [d for d in codebook()["domain"] if d in prof.columns]
    order = _units_in_order(tables, prof.index)
    prof = prof.reindex(order)[domains]
    # n is the divisor of the shares: the unit's sentences other than headings
    n_sent = body_sentences(tables["sentences"]).groupby("unit_id").size().reindex(order, fill_value=0)
    names = _unit_names(tables, lang)
    m = prof.to_numpy(dtype=float)
    short = _short_rows(tables, order)
    fig, ax = new_figure(TWO_COLUMNS, figure_height(len(order), 0.24, 2.6))
    im = _share_heatmap(ax, m, short, _flagged(names, order, short), [f"n = {n_sent[u]}" for u in order])
    ax.set_xticks(range(len(domains)), [_wrap(domain_short(d, lang), 12, lang) for d in domains], rotation=90)
    cbar = fig.colorbar(im, ax=ax, shrink=0.9, label=_t(lang, "句子份额（%）；n：非标题句数", "share of sentences (%); n: sentences, headings left out"))
    cbar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v * 100:.0f}"))
    notes = [_t(lang, "一句话可归入多个领域，故每行之和可超过100%", "A sentence can be coded in several domains, so a row can add to more than 100%")]
    if short.any():
        notes.append(_short_note(lang, "份额照印，不着色", "share printed, not coloured"))
    _note(fig, "\n".join(notes))
    return _finish(fig, tables, _t(lang, "各单位的政策领域构成", "Policy-domain profile of each unit"))


#: The column of :func:`priority_positions` for items coded to no domain of the codebook.
NOT_CODED = "_not_coded"


def priority_positions(tables, unit_ids: list[str], level: int = 1) -> pd.DataFrame:
    """Units × domains: the item numbers at which each unit's ordered list
    (``level``) takes up each domain, as lists (empty when it never does).
    Only domains some list takes up are columns (codebook order); items coded
    to no domain of the codebook fill a last column, :data:`NOT_CODED`, so
    every item of every list is in exactly one cell."""
    from .priorities import codebook

    pr = tables["priorities"]
    pr = pr[pr["unit_id"].isin(unit_ids) & (pr["level"] == level)]
    domains = list(codebook()["domain"]) + [NOT_CODED]
    order = _units_in_order(tables, unit_ids)
    out = pd.DataFrame([[[] for _ in domains] for _ in order], index=order, columns=domains, dtype=object)
    for unit, rows in pr.groupby("unit_id"):
        for pos, r in enumerate(rows.sort_values("order").itertuples(), start=1):
            column = r.domain if r.domain in out.columns and r.domain != NOT_CODED else NOT_CODED
            out.at[unit, column] = out.at[unit, column] + [pos]
    used = [d for d in domains if out[d].map(len).any()]
    return out[used]


def _priority_column(domain: str, lang: str) -> str:
    if domain == NOT_CODED:
        return _t(lang, "未归类", "not coded")
    return domain_short(domain, lang)


def priorities_plot(tables, unit_ids: list[str], lang: str = "zh", level: int = 1):
    """Where each unit's ordered list of priorities takes up each policy domain:
    units × domains, the item numbers printed (``1, 4``) and n items per unit
    on the right; domains no list takes up are left out (the note names
    them) and items coded to no domain stand in a last column, "not coded".
    Colour is the relative place of the first of them in its own list (0:
    first item, 1: last), so lists of 3 and of 10 items compare; darker the
    earlier, in the colour map of every other heat map.  The headings
    themselves, translated, are the table :func:`priority_table`."""
    from .priorities import codebook

    pos = priority_positions(tables, unit_ids, level)
    if pos.empty or not len(pos.columns):
        raise TooLittleData("no unit has a numbered list of priorities")
    pr = tables["priorities"]
    n_items = pr[(pr["level"] == level)].groupby("unit_id").size().reindex(pos.index, fill_value=0)
    names = _unit_names(tables, lang)
    place = np.array([[(v[0] - 1) / max(1, n_items[u] - 1) if v else np.nan for v in pos.loc[u]] for u in pos.index], dtype=float)
    cmap = plt_cmap(SEQUENTIAL)
    norm = Normalize(vmin=0, vmax=1)
    fig, ax = new_figure(TWO_COLUMNS, figure_height(len(pos), 0.24, 2.3))
    im = ax.imshow(place, cmap=cmap, norm=norm, aspect="auto")
    _heat_texts(ax, place, [[",".join(map(str, v)) for v in row] for row in pos.to_numpy()], cmap, norm)
    ax.set_xticks(range(pos.shape[1]), [_wrap(_priority_column(d, lang), 12, lang) for d in pos.columns], rotation=90)
    ax.set_yticks(range(len(pos)), [names[u] for u in pos.index])
    ax.xaxis.tick_top()
    _cell_grid(ax, *place.shape)
    right = ax.secondary_yaxis("right")
    right.set_yticks(range(len(pos)), [f"n = {n_items[u]}" for u in pos.index])
    right.tick_params(length=0, labelsize=6)
    right.spines["right"].set_visible(False)
    cbar = fig.colorbar(im, ax=ax, shrink=0.9)
    cbar.set_label(_t(lang, "首次出现在清单中的相对位置\n数字：清单中的序号；n：清单条数；空白：未列", "place of the first mention in its list\nnumbers: item numbers in the list; n: items in the list; blank: none"), linespacing=ROTATED_LINESPACING)
    cbar.set_ticks([0, 0.5, 1], labels=[_t(lang, "第1条", "first"), _t(lang, "中间", "middle"), _t(lang, "最后一条", "last")])
    notes = []
    if NOT_CODED in pos.columns:
        notes.append(_t(lang, "未归类：未归入任何政策领域的条目", "not coded: items coded to no policy domain"))
    dropped = [d for d in codebook()["domain"] if d not in pos.columns]
    if dropped:
        sep = _t(lang, "、", ", ")
        notes.append(_t(lang, "未列出的领域（无任何清单条目）：", "Domains left out (no item of any list): ") + sep.join(domain_short(d, lang) for d in dropped))
    if notes:
        _note(fig, "\n".join(_wrap(n, 150, lang) for n in notes))
    return _finish(fig, tables, _t(lang, "各单位重点任务清单中政策领域的先后", "Policy domains in the order of each unit's list of priorities"))


def priority_table(tables, unit_ids: list[str], lang: str = "zh", level: int = 1) -> pd.DataFrame:
    """The ordered headings of ``unit_ids`` (unit order): ``unit, item, heading,
    heading_en, domain`` — the English from the glossary (pinyin where no gloss yet)."""
    pr = tables["priorities"]
    pr = pr[pr["unit_id"].isin(unit_ids) & (pr["level"] == level)]
    names = _unit_names(tables, lang)
    rows = []
    for unit in _units_in_order(tables, unit_ids):
        for k, r in enumerate(pr[pr["unit_id"] == unit].sort_values("order").itertuples(), start=1):
            rows.append((names[unit], k, r.heading, labels.term_label(r.heading, "en", with_pinyin=False), domain_short(r.domain, lang) if r.domain else ""))
    return pd.DataFrame(rows, columns=["unit", "item", "heading", "heading_en", "domain"])


def slogan_label(slogan: str, lang: str = "zh", limit: int = 36) -> str:
    """A slogan as figures show it: ``共同富裕`` / ``Common prosperity (gòngtóng
    fùyù)`` (:func:`_term`: the gloss alone, marked, when longer than
    ``limit``), starting with a capital in English (a slogan is a name)."""
    label = _term(slogan, lang, limit=limit)
    return label[:1].upper() + label[1:]


def slogan_cell(count: int, rate: float, short: bool) -> str:
    """What a cell of the slogan heat map prints: the rate per 10,000
    characters its colour shows (one decimal under 10), or for a short text,
    which is not coloured, the count; blank when not mentioned."""
    if not count:
        return ""
    if short:
        return str(int(count))
    return f"{rate:.1f}" if rate < 9.95 else f"{rate:.0f}"


def slogans_heatmap(tables, lang: str = "zh", min_total: int = 2):
    """Units × slogans: mentions per 10,000 characters, printed and as colour,
    with each unit's characters (the divisor) as n on the right; texts under
    :data:`SHORT_TEXT_CHARS` characters show counts only (grey, flagged †),
    since a mention or two decides their rate.  Blank: not mentioned."""
    s = tables["slogans"]
    totals = s.groupby("slogan")["count"].sum()
    keep = list(totals[totals >= min_total].sort_values(ascending=False).index)
    if not keep:
        raise TooLittleData(f"no slogan is mentioned {min_total} times or more")
    order = _units_in_order(tables, s["unit_id"].unique())
    counts = s.pivot(index="unit_id", columns="slogan", values="count").reindex(order)[keep].fillna(0).astype(int)
    rates = s.pivot(index="unit_id", columns="slogan", values="per_10k_chars").reindex(order)[keep].astype(float)
    short = _short_rows(tables, order)
    shown = rates.to_numpy(copy=True)
    shown[short, :] = np.nan
    shown[counts.to_numpy() == 0] = np.nan
    names = _unit_names(tables, lang)
    fig, ax = new_figure(TWO_COLUMNS, figure_height(len(order), 0.24, 2.6))
    cmap = plt_cmap(SEQUENTIAL)
    finite = shown[np.isfinite(shown)]
    norm = Normalize(vmin=0, vmax=finite.max() if finite.size else 1)
    im = ax.imshow(shown, cmap=cmap, norm=norm, aspect="auto")
    _grey_rows(ax, short, len(keep))
    # a cell prints what its colour shows: the rate; a short text's grey row, which has no rate, its count
    _heat_texts(ax, shown, [[slogan_cell(c, r, sh) for c, r in zip(crow, rrow)] for crow, rrow, sh in zip(counts.to_numpy(), rates.to_numpy(), short)], cmap, norm)
    ax.set_xticks(range(len(keep)), [slogan_label(k, lang) for k in keep], rotation=90)
    # long unit names on two lines: the columns need the width for a rate with its decimal
    ax.set_yticks(range(len(order)), [_wrap(n, 32, lang) for n in _flagged(names, order, short)])
    ax.xaxis.tick_top()
    _cell_grid(ax, len(order), len(keep))
    # the divisor of every rate beside its row: the unit's characters
    chars = _unit_chars(tables).reindex(order)
    right = ax.secondary_yaxis("right")
    right.set_yticks(range(len(order)), [f"n = {chars[u]:,}" for u in order])
    right.tick_params(length=0, labelsize=6)
    right.spines["right"].set_visible(False)
    cbar = fig.colorbar(im, ax=ax, shrink=0.9)
    cbar.set_label(_t(lang, "每万字提及次数；n：字数", "mentions per 10,000 characters\nn: characters of the text"), linespacing=ROTATED_LINESPACING)
    note = _t(lang, "数字：每万字提及次数（与颜色一致）；空白：未提及；", "numbers: mentions per 10,000 characters, as coloured; blank: none; ") + _short_note(lang, "灰行列提及次数，不计比率，不着色", "grey row prints mentions, no rate, not coloured")
    extra = _no_pinyin_note([slogan_label(k, lang) for k in keep], lang)
    note += "\n" + extra if extra else ""
    _note(fig, note)
    return _finish(fig, tables, _t(lang, "政策口号的使用", "How often each unit uses the policy slogans"))


# --------------------------------------------------------------------------
# Tables the notebooks show
# --------------------------------------------------------------------------


def headline_table(tables, year: int = 2022, lang: str = "zh", indicators=HEADLINE_INDICATORS) -> pd.DataFrame:
    """Units × headline indicators: each unit's ``year`` goals (:func:`headline_goals`)
    as written (``≥8%``, ``X% (masked)``, ``高于全省平均``)."""
    goals = headline_goals(tables, year, indicators)
    names = _unit_names(tables, lang)
    cells = {(names[unit], labels.indicator_label(ind, lang)): goal_cell(rows, lang) for (unit, ind), rows in goals.groupby(["unit_id", "indicator"])}
    if not cells:
        return pd.DataFrame()
    out = pd.Series(cells).unstack()
    cols = [labels.indicator_label(i, lang) for i in indicators if labels.indicator_label(i, lang) in out.columns]
    rows = [names[u] for u in _units_in_order(tables) if names[u] in out.index]
    return out.loc[rows, cols].fillna("")


def terms_shown(tables, *, n_terms: int = 8, keyness_n: int = 12, min_slogan_total: int = 2) -> pd.DataFrame:
    """Every Chinese term an English figure or table of these tables shows,
    with where: ``term, where`` (``tfidf``, ``keyness``, ``topic``, ``slogan``,
    ``heading``, ``goal``, ``unit``).  The glossary should hold each one."""
    rows = []
    tf = tables["tfidf"]
    rows += [(t, "tfidf") for t in tf.loc[tf["rank"] <= n_terms, "term"]]
    kn = default_keyness(tables)
    if kn is not None:
        kn = kn.sort_values("z", ascending=False)
        rows += [(t, "keyness") for t in list(kn.head(keyness_n)["term"]) + list(kn.tail(keyness_n)["term"])]
    tp = tables["topics"].sort_values(["topic_id", "rank"])
    for _, g in tp.groupby("topic_id"):
        terms = list(g["term"])
        rows += [(t, "topic") for t in [x for x in terms if len(x) <= 6][:2] or terms[:1]]
    s = tables["slogans"]
    totals = s.groupby("slogan")["count"].sum()
    rows += [(t, "slogan") for t in totals[totals >= min_slogan_total].index]
    pr = tables["priorities"]
    rows += [(t, "heading") for t in pr.loc[pr["level"] == 1, "heading"]]
    t = tables["targets"]
    rel = t[(t["comparator"] == "relative") & (t["kind"] == "target")]
    rows += [(x, "goal") for x in rel["figure_text"]] + [(x, "goal") for x in rel["reference"] if x]
    out = pd.DataFrame(rows, columns=["term", "where"]).drop_duplicates()
    return out[out["term"].map(labels.has_cjk)].reset_index(drop=True)


def hierarchy_pairs(tables) -> pd.DataFrame:
    """Pairs of units where one governs the other's parent place (a city and its towns).

    ``upper_unit, lower_unit, place``: empty when the corpus has no such pair.
    """
    units = tables["units"]
    rows = []
    for low in units.itertuples():
        for up in units.itertuples():
            if up.unit_id != low.unit_id and low.parent_place and up.place == low.parent_place and up.unit_level in ("county_city", "county", "district", "prefecture_city"):
                rows.append((up.unit_id, low.unit_id, up.place))
    return pd.DataFrame(rows, columns=["upper_unit", "lower_unit", "place"])
