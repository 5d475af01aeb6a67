"""The publication figures: one function per figure, tables in, figure out.

Every function takes the dict of processed tables (:func:`load_tables`) and
``lang`` (``zh`` or ``en``) and returns a matplotlib figure in the project
style (:mod:`analysis.plots`); notebooks call them and save the result with
:func:`analysis.plots.save_figure`.  Chinese terms stay Chinese in English
figures (they are the data) and get their pinyin beside them.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from . import config, labels, schema
from .store import read_table
from .plots import ONE_COLUMN, PALETTE, SEQUENTIAL, TWO_COLUMNS, new_figure, use_style

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


def _term_label(term: str, lang: str) -> str:
    if lang == "zh":
        return term
    from pypinyin import lazy_pinyin

    return f"{term} ({' '.join(lazy_pinyin(term))})"


# --------------------------------------------------------------------------
# 01 corpus overview
# --------------------------------------------------------------------------


def corpus_sizes(tables, lang: str = "zh"):
    """Characters and sentences of every unit, coloured by level."""
    units = tables["units"].copy()
    sents = tables["sentences"].groupby("unit_id").size()
    units["chars"] = units["char_end"] - units["char_start"]
    units["sentences"] = units["unit_id"].map(sents).fillna(0).astype(int)
    units["label"] = units["unit_id"].map(_unit_names(tables, lang))
    units = units.sort_values("chars")
    levels = sorted(units["unit_level"].unique())
    colour = {lv: PALETTE[i % len(PALETTE)] for i, lv in enumerate(levels)}
    fig, ax = new_figure(TWO_COLUMNS, 0.28 * len(units) + 0.8)
    ax.barh(units["label"], units["chars"] / 1000, color=[colour[lv] for lv in units["unit_level"]])
    for y, (c, n) in enumerate(zip(units["chars"], units["sentences"])):
        ax.text(c / 1000, y, f" {n}" + _t(lang, "句", " sent."), va="center", fontsize=6)
    ax.set_xlabel(_t(lang, "清洗后字数（千字）", "Characters after cleaning (thousands)"))
    ax.legend(handles=[Patch(color=colour[lv], label=labels.level_label(lv, lang)) for lv in levels], loc="lower right")
    ax.set_title(_t(lang, "语料：各单位文本长度", "Corpus: length of each unit's text"))
    return fig


def cleaning_changes(tables, lang: str = "zh"):
    """What cleaning changed in each document, by step (log scale)."""
    log = tables["cleaning_log"]
    counts = log.groupby(["doc_id", "step"]).size().unstack(fill_value=0)
    docs = tables["documents"].set_index("doc_id")
    names = {
        d: (docs.loc[d, "place"] if lang == "zh" else labels.name_en(docs.loc[d, "place"]))
        + " "
        + labels.doc_type_label(docs.loc[d, "doc_type"], lang)
        for d in counts.index
    }
    fig, ax = new_figure(TWO_COLUMNS, 2.6)
    data = np.log10(counts.to_numpy() + 1)
    im = ax.imshow(data, cmap=SEQUENTIAL, aspect="auto")
    ax.set_yticks(range(len(counts.index)), [names[d] for d in counts.index])
    ax.set_xticks(range(len(counts.columns)), [c.replace("_", " ") for c in counts.columns], rotation=35, ha="right")
    for i in range(counts.shape[0]):
        for j in range(counts.shape[1]):
            v = counts.iat[i, j]
            if v:
                ax.text(j, i, str(v), ha="center", va="center", fontsize=6, color="white" if data[i, j] < data.max() * 0.6 else "black")
    ax.set_title(_t(lang, "清洗记录：每个文档各步骤的改动数", "Cleaning log: changes per document and step"))
    fig.colorbar(im, ax=ax, label="log10(n + 1)", shrink=0.8)
    return fig


# --------------------------------------------------------------------------
# 02 growth targets
# --------------------------------------------------------------------------


def _year_targets(tables, year: int) -> pd.DataFrame:
    t = tables["targets"]
    return t[(t["kind"] == "target") & (t["horizon"] == str(year))]


def headline_targets(tables, year: int = 2022, lang: str = "zh", indicators=HEADLINE_INDICATORS):
    """The year's headline growth targets side by side; masked and relative goals shown as such."""
    t = _year_targets(tables, year)
    t = t[t["indicator"].isin(indicators) & t["measure"].isin(["growth", ""]) & ~t["is_annual_average"]]
    t = t[(t["unit"] == "%") | t["is_redacted"] | (t["comparator"] == "relative")]
    names = _unit_names(tables, lang)
    units = [u for u in tables["units"]["unit_id"] if u in set(t["unit_id"])]
    inds = [i for i in indicators if i in set(t["indicator"])]
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(TWO_COLUMNS, 0.38 * len(inds) + 1.2), gridspec_kw={"width_ratios": [4, 1.2]}, sharey=True)
    use_style()
    offsets = np.linspace(-0.25, 0.25, max(1, len(units)))
    markers = {">=": ">", ">": ">", "~": "o", "=": "o", "<=": "<", "range": "s"}
    for k, unit in enumerate(units):
        colour = PALETTE[k % len(PALETTE)]
        rows = t[t["unit_id"] == unit]
        for r in rows.itertuples():
            y = inds.index(r.indicator) + offsets[k]
            if r.is_redacted:
                ax2.scatter(0, y, marker="o", facecolors="none", edgecolors=colour, s=28)
                ax2.text(0.15, y, r.figure_text, va="center", fontsize=6, color=colour)
            elif r.comparator == "relative":
                ax2.scatter(1, y, marker="D", facecolors="none", edgecolors=colour, s=20)
                ax2.text(1.15, y, (r.reference or "")[:8] if lang == "zh" else "relative", va="center", fontsize=6, color=colour)
            else:
                ax.scatter(r.value, y, marker=markers.get(r.comparator, "o"), color=colour, s=26, zorder=3)
                if not np.isnan(r.value_high):  # a range
                    ax.plot([r.value, r.value_high], [y, y], color=colour, lw=2)
        ax.scatter([], [], color=colour, label=names[unit])
    ax.set_yticks(range(len(inds)), [labels.indicator_label(i, lang) for i in inds])
    ax.invert_yaxis()
    ax.set_xlabel(_t(lang, f"{year}年增长目标（%）；三角形表示“以上”", f"{year} growth target (%); triangle = 'at least'"))
    ax.grid(axis="x", color="0.9")
    ax.legend(loc="upper center", bbox_to_anchor=(0.6, -0.18), ncol=min(4, max(1, len(units))), fontsize=6)
    ax2.set_xlim(-0.3, 2.2)
    ax2.set_xticks([0, 1], [_t(lang, "遮蔽", "masked"), _t(lang, "相对", "relative")])
    ax2.spines["left"].set_visible(False)
    ax2.tick_params(axis="y", left=False)
    fig.suptitle(_t(lang, f"{year}年主要预期目标", f"Headline targets for {year}"), fontsize=9)
    fig.tight_layout()
    return fig


def coverage_matrix(tables, year: int = 2022, lang: str = "zh", indicators=HEADLINE_INDICATORS):
    """Units × indicators: set with a figure, set but masked, relative only, or not set (for ``year``)."""
    t = _year_targets(tables, year)
    names = _unit_names(tables, lang)
    units = list(tables["units"]["unit_id"])
    state = pd.DataFrame("not set", index=units, columns=indicators)
    for (unit, ind), rows in t[t["indicator"].isin(indicators)].groupby(["unit_id", "indicator"]):
        if rows["value"].notna().any():
            state.loc[unit, ind] = "figure"
        elif rows["is_redacted"].any():
            state.loc[unit, ind] = "masked"
        else:
            state.loc[unit, ind] = "relative"
    codes = state.replace({s: i for i, s in enumerate(COVERAGE_STATES)}).astype(int)
    colours = [PALETTE[2], PALETTE[1], PALETTE[4], "#EEEEEE"]
    fig, ax = new_figure(TWO_COLUMNS, 0.3 * len(units) + 1.6)
    ax.imshow(codes.to_numpy(), cmap=ListedColormap(colours), vmin=0, vmax=3, aspect="auto")
    ax.set_yticks(range(len(units)), [names[u] for u in units])
    ax.set_xticks(range(len(indicators)), [labels.indicator_label(i, lang) for i in indicators], rotation=35, ha="right")
    ax.set_xticks(np.arange(-0.5, len(indicators)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(units)), minor=True)
    ax.grid(which="minor", color="white", lw=1)
    ax.tick_params(which="minor", length=0)
    state_labels = {
        "figure": _t(lang, "有数值", "set with a figure"),
        "masked": _t(lang, "有目标但数值遮蔽", "set but masked"),
        "relative": _t(lang, "仅相对目标", "relative only"),
        "not set": _t(lang, "未设", "not set"),
    }
    ax.legend(handles=[Patch(color=c, label=state_labels[s]) for c, s in zip(colours, COVERAGE_STATES)], loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_title(_t(lang, f"{year}年目标覆盖：单位 × 指标", f"Who sets which {year} target"))
    return fig


def quantification(tables, lang: str = "zh"):
    """How quantified each plan is: figures per 1,000 characters, and targets vs achieved."""
    t = tables["targets"]
    units = tables["units"].copy()
    units["chars"] = units["char_end"] - units["char_start"]
    counts = t.groupby(["unit_id", "kind"]).size().unstack(fill_value=0).reindex(units["unit_id"], fill_value=0)
    for k in ("target", "achieved"):
        if k not in counts:
            counts[k] = 0
    density = counts.sum(axis=1) / units.set_index("unit_id")["chars"] * 1000
    names = _unit_names(tables, lang)
    order = density.sort_values().index
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(TWO_COLUMNS, 0.3 * len(order) + 1.0), sharey=True)
    use_style()
    ax1.barh([names[u] for u in order], density[order], color=PALETTE[0])
    ax1.set_xlabel(_t(lang, "每千字数字个数", "Figures per 1,000 characters"))
    share_t = counts.loc[order, "target"] / counts.loc[order].sum(axis=1).replace(0, np.nan)
    share_a = 1 - share_t
    ax2.barh(range(len(order)), share_t.fillna(0), color=PALETTE[1], label=_t(lang, "目标", "targets"))
    ax2.barh(range(len(order)), share_a.fillna(0), left=share_t.fillna(0), color=PALETTE[2], label=_t(lang, "已实现", "achieved"))
    ax2.set_xlim(0, 1)
    ax2.set_xlabel(_t(lang, "数字中目标与已实现的比例", "Share of figures: targets vs achieved"))
    ax2.legend(loc="lower right")
    fig.suptitle(_t(lang, "各单位文本的量化程度", "How quantified each unit's text is"), fontsize=9)
    fig.tight_layout()
    return fig


def annual_vs_five_year(tables, lang: str = "zh", indicators=("gdp", "industrial_output", "retail_sales")):
    """Plan-year growth targets beside the annual-average growth of five-year goals, per unit."""
    t = tables["targets"]
    t = t[(t["kind"] == "target") & (t["unit"] == "%") & t["indicator"].isin(indicators) & t["value"].notna()]
    annual = t[t["is_annual_average"]]
    yearly = t[~t["is_annual_average"] & t["horizon"].str.fullmatch(r"\d{4}")]
    names = _unit_names(tables, lang)
    pairs = []
    for (unit, ind), a in annual.groupby(["unit_id", "indicator"]):
        y = yearly[(yearly["unit_id"] == unit) & (yearly["indicator"] == ind)]
        if not y.empty:
            pairs.append((unit, ind, float(y["value"].iloc[0]), y["horizon"].iloc[0], float(a["value"].iloc[0]), a["horizon"].iloc[0]))
    fig, ax = new_figure(ONE_COLUMN * 1.4, 0.5 * max(1, len(pairs)) + 1.2)
    for k, (unit, ind, vy, hy, va, ha) in enumerate(pairs):
        ax.plot([va, vy], [k, k], color="0.7", zorder=1)
        ax.scatter(va, k, color=PALETTE[0], zorder=2, label=_t(lang, "五年年均目标", "five-year annual average") if k == 0 else None)
        ax.scatter(vy, k, color=PALETTE[5], zorder=2, label=_t(lang, "当年目标", "plan-year target") if k == 0 else None)
        ax.text(max(va, vy) + 0.2, k, f"{ha} / {hy}", va="center", fontsize=6)
    ax.set_yticks(range(len(pairs)), [f"{names[u]}: {labels.indicator_label(i, lang)}" for u, i, *_ in pairs])
    ax.set_xlabel(_t(lang, "增长目标（%）", "Growth target (%)"))
    if not pairs:
        ax.text(0.5, 0.5, _t(lang, "没有单位同时设定两种目标", "No unit sets both kinds of goal"), transform=ax.transAxes, ha="center")
    ax.legend(loc="lower right")
    ax.set_title(_t(lang, "当年目标与五年年均目标", "Plan-year vs five-year average growth goals"))
    return fig


# --------------------------------------------------------------------------
# 03 TF-IDF and themes
# --------------------------------------------------------------------------


def top_terms(tables, lang: str = "zh", n: int = 8, units: list[str] | None = None):
    """Each unit's heaviest TF-IDF terms, small multiples."""
    tf = tables["tfidf"]
    units = units or list(tables["units"]["unit_id"])
    names = _unit_names(tables, lang)
    cols = 2 if len(units) > 1 else 1
    rows = int(np.ceil(len(units) / cols))
    use_style()
    fig, axes = plt.subplots(rows, cols, figsize=(TWO_COLUMNS, 1.25 * rows + 0.4), squeeze=False)
    for ax, unit in zip(axes.ravel(), units):
        top = tf[(tf["unit_id"] == unit) & (tf["rank"] <= n)].sort_values("rank", ascending=False)
        ax.barh([_term_label(x, lang) for x in top["term"]], top["tfidf"], color=PALETTE[0])
        ax.set_title(names[unit], fontsize=7, loc="left")
        ax.tick_params(axis="y", labelsize=6)
        ax.tick_params(axis="x", labelsize=5)
    for ax in axes.ravel()[len(units) :]:
        ax.axis("off")
    fig.suptitle(_t(lang, "各单位TF-IDF最高的词", "Highest TF-IDF terms of each unit"), fontsize=9)
    fig.tight_layout()
    return fig


def similarity_heatmap(tables, lang: str = "zh"):
    """Cosine similarity of units' TF-IDF vectors, ordered by average-linkage clustering."""
    from scipy.cluster.hierarchy import dendrogram, linkage
    from scipy.spatial.distance import squareform

    sim = tables["similarity"].pivot(index="unit_a", columns="unit_b", values="cosine")
    dist = (1 - sim).clip(lower=0).to_numpy(copy=True)
    np.fill_diagonal(dist, 0)
    dist = (dist + dist.T) / 2  # exact symmetry for squareform
    link = linkage(squareform(dist, checks=False), method="average")
    use_style()
    fig, (axd, ax) = plt.subplots(2, 1, figsize=(TWO_COLUMNS * 0.8, TWO_COLUMNS * 0.85), gridspec_kw={"height_ratios": [1, 4]})
    dn = dendrogram(link, ax=axd, no_labels=True, color_threshold=0, above_threshold_color="0.4")
    axd.axis("off")
    order = [sim.index[i] for i in dn["leaves"]]
    names = _unit_names(tables, lang)
    m = sim.loc[order, order].to_numpy()
    im = ax.imshow(m, cmap=SEQUENTIAL, vmin=0, vmax=1)
    ax.set_xticks(range(len(order)), [names[u] for u in order], rotation=45, ha="right", fontsize=6)
    ax.set_yticks(range(len(order)), [names[u] for u in order], fontsize=6)
    for i in range(len(order)):
        for j in range(len(order)):
            ax.text(j, i, f"{m[i, j]:.2f}", ha="center", va="center", fontsize=5, color="white" if m[i, j] < 0.6 else "black")
    fig.colorbar(im, ax=ax, shrink=0.7, label=_t(lang, "余弦相似度", "cosine similarity"))
    axd.set_title(_t(lang, "单位间文本相似度（TF-IDF）", "Similarity of units' texts (TF-IDF)"), fontsize=9)
    return fig


def keyness_plot(keyness_table: pd.DataFrame, label_a: str, label_b: str, lang: str = "zh", n: int = 12):
    """Terms most distinctive of each side of a keyness comparison (z of the weighted log-odds)."""
    k = keyness_table.sort_values("z", ascending=False)
    top = k.head(n)
    bottom = k.tail(n).iloc[::-1]
    fig, ax = new_figure(ONE_COLUMN * 1.6, 0.17 * 2 * n + 1.0)
    terms = list(top["term"]) + list(bottom["term"])
    z = list(top["z"]) + list(bottom["z"])
    colours = [PALETTE[0]] * len(top) + [PALETTE[5]] * len(bottom)
    ys = range(len(terms))
    ax.barh(ys, z, color=colours)
    ax.set_yticks(ys, [_term_label(x, lang) for x in terms], fontsize=6)
    ax.invert_yaxis()
    ax.axvline(0, color="0.3", lw=0.6)
    ax.set_xlabel(_t(lang, "z（加权对数优势比，Dirichlet先验）", "z (weighted log-odds, Dirichlet prior)"))
    ax.legend(handles=[Patch(color=PALETTE[0], label=label_a), Patch(color=PALETTE[5], label=label_b)], loc="lower right")
    ax.set_title(_t(lang, f"关键词：{label_a} 对 {label_b}", f"Keyness: {label_a} vs {label_b}"))
    return fig


def topic_shares_plot(tables, lang: str = "zh"):
    """Each unit's NMF topic shares (stacked bars), topics labelled by their top terms."""
    shares = tables["topic_shares"].pivot(index="unit_id", columns="topic_id", values="share").fillna(0)
    topic_labels = tables["topics"].drop_duplicates("topic_id").set_index("topic_id")["label"]
    names = _unit_names(tables, lang)
    fig, ax = new_figure(TWO_COLUMNS, 0.3 * len(shares) + 1.6)
    left = np.zeros(len(shares))
    colours = PALETTE + ["#999999", "#66CCEE", "#AA3377", "#BBBBBB"]
    for k, topic in enumerate(shares.columns):
        lab = topic_labels.get(topic, str(topic))
        if lang == "en":
            lab = " · ".join(_term_label(x, "en") for x in lab.split(" · "))
        ax.barh([names[u] for u in shares.index], shares[topic], left=left, color=colours[k % len(colours)], label=f"{topic}: {lab}")
        left += shares[topic].to_numpy()
    ax.set_xlim(0, 1)
    ax.set_xlabel(_t(lang, "主题份额", "Topic share"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=6)
    ax.set_title(_t(lang, "NMF主题在各单位中的份额", "NMF topic shares of each unit"))
    return fig


# --------------------------------------------------------------------------
# 04 priorities
# --------------------------------------------------------------------------

#: Twelve colour-blind-distinguishable colours for the policy domains (Paul Tol's
#: "muted" scheme plus two of his "light" colours).
DOMAIN_COLOURS = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499", "#EE8866", "#77AADD", "#BBCC33"]


def domain_colours() -> dict[str, str]:
    """A fixed colour for every domain of the codebook (same in every figure)."""
    from .priorities import codebook

    return {d: DOMAIN_COLOURS[i % len(DOMAIN_COLOURS)] for i, d in enumerate(codebook()["domain"])}


def _text_colour(fill: str) -> str:
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.5 else "black"



def domain_profiles_plot(tables, lang: str = "zh"):
    """Units × policy domains: share of sentences coded with each domain."""
    prof = tables["domains"].pivot(index="unit_id", columns="domain", values="share")
    from .priorities import codebook

    domains = [d for d in codebook()["domain"] if d in prof.columns]
    prof = prof[domains]
    names = _unit_names(tables, lang)
    fig, ax = new_figure(TWO_COLUMNS, 0.3 * len(prof) + 1.9)
    im = ax.imshow(prof.to_numpy(), cmap=SEQUENTIAL, aspect="auto", vmin=0)
    ax.set_yticks(range(len(prof)), [names[u] for u in prof.index])
    ax.set_xticks(range(len(domains)), [labels.domain_label(d, lang) for d in domains], rotation=40, ha="right", fontsize=6)
    fig.colorbar(im, ax=ax, shrink=0.8, label=_t(lang, "句子份额", "share of sentences"))
    ax.set_title(_t(lang, "各单位的政策领域构成", "Policy-domain profile of each unit"))
    return fig


def priorities_plot(tables, unit_ids: list[str], lang: str = "zh", level: int = 1):
    """Ordered priority lists side by side, each item coloured by its domain."""
    from .priorities import codebook

    pr = tables["priorities"]
    pr = pr[pr["unit_id"].isin(unit_ids) & (pr["level"] == level)]
    domains = list(codebook()["domain"])
    colours = domain_colours()
    names = _unit_names(tables, lang)
    longest = max(1, pr.groupby("unit_id").size().max() if len(pr) else 1)
    fig, ax = new_figure(TWO_COLUMNS, 0.26 * longest + 1.4)
    for col, unit in enumerate(unit_ids):
        items = pr[pr["unit_id"] == unit].sort_values("order")
        for row, it in enumerate(items.itertuples()):
            fill = colours.get(it.domain, "#DDDDDD")
            ax.add_patch(plt.Rectangle((col, row), 0.95, 0.9, color=fill))
            text = it.heading if lang == "zh" else (labels.domain_label(it.domain, "en") if it.domain else "(no domain)")
            ax.text(col + 0.04, row + 0.45, f"{row + 1}. {text[:14]}", va="center", fontsize=5.5, color=_text_colour(fill))
        ax.text(col + 0.47, -0.3, names[unit], ha="center", va="bottom", fontsize=6)
    ax.set_xlim(0, len(unit_ids))
    ax.set_ylim(longest + 0.2, -1.0)
    ax.axis("off")
    used = sorted(set(pr["domain"]) - {""}, key=domains.index)
    ax.legend(handles=[Patch(color=colours[d], label=labels.domain_label(d, lang)) for d in used], loc="upper left", bbox_to_anchor=(1.0, 1), fontsize=6)
    ax.set_title(_t(lang, "重点任务的排序及其政策领域", "Ordered priorities and their policy domains"), pad=14)
    return fig


def slogans_heatmap(tables, lang: str = "zh", min_total: int = 2):
    """Mentions of policy slogans per 10,000 characters, units × slogans."""
    s = tables["slogans"]
    totals = s.groupby("slogan")["count"].sum()
    keep = totals[totals >= min_total].sort_values(ascending=False).index
    m = s[s["slogan"].isin(keep)].pivot(index="unit_id", columns="slogan", values="per_10k_chars")[list(keep)]
    names = _unit_names(tables, lang)
    en = s.drop_duplicates("slogan").set_index("slogan")["name_en"]
    fig, ax = new_figure(TWO_COLUMNS, 0.3 * len(m) + 2.0)
    im = ax.imshow(m.to_numpy(), cmap=SEQUENTIAL, aspect="auto", vmin=0)
    ax.set_yticks(range(len(m)), [names[u] for u in m.index])
    ax.set_xticks(range(len(keep)), [k if lang == "zh" else f"{en[k]}" for k in keep], rotation=45, ha="right", fontsize=6)
    fig.colorbar(im, ax=ax, shrink=0.8, label=_t(lang, "每万字提及次数", "mentions per 10,000 characters"))
    ax.set_title(_t(lang, "政策口号的使用频率", "How often each unit uses the policy slogans"))
    return fig


# --------------------------------------------------------------------------
# Tables the notebooks show
# --------------------------------------------------------------------------


def _describe_target(r) -> str:
    if r.is_redacted:
        return f"{r.figure_text} (masked)"
    if r.comparator == "relative":
        return f"relative: {r.reference}"
    cmp_ = {">=": "≥", ">": ">", "~": "≈", "<=": "≤", "<": "<", "=": "", "range": ""}.get(r.comparator, "")
    value = f"{r.value:g}–{r.value_high:g}" if not np.isnan(r.value_high) else f"{r.value:g}"
    return f"{cmp_}{value}{r.unit}"


def headline_table(tables, year: int = 2022, lang: str = "zh", indicators=HEADLINE_INDICATORS) -> pd.DataFrame:
    """Units × headline indicators: each unit's ``year`` targets as written (``≥8%``, ``X% (masked)``, ``relative: 全省平均``)."""
    t = _year_targets(tables, year)
    t = t[t["indicator"].isin(indicators)]
    names = _unit_names(tables, lang)
    cells = {}
    for r in t.itertuples():
        key = (names[r.unit_id], labels.indicator_label(r.indicator, lang))
        cells.setdefault(key, []).append(_describe_target(r))
    out = pd.Series({k: "; ".join(v) for k, v in cells.items()}).unstack()
    cols = [labels.indicator_label(i, lang) for i in indicators if labels.indicator_label(i, lang) in out.columns]
    return out[cols].fillna("")


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
