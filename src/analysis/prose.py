"""Sentences about the data, computed from the tables when a notebook runs.

A notebook's fixed Markdown explains method and how to read a figure; every
statement about *this* corpus (how many documents mask, which unit is the most
quantified, what a list puts last) comes from one of these functions, so it
stays true after a researcher adds next year's reports.  Each function takes
the tables (:func:`analysis.figures.load_tables`) and returns Markdown.
"""

from __future__ import annotations

import pandas as pd

from . import labels

__all__ = [
    "corpus_sentence",
    "lengths_sentence",
    "masking_sentence",
    "cleaning_sentence",
    "latest_target_year",
    "targets_sentence",
    "coverage_sentence",
    "annual_vs_five_year_sentence",
    "quantified_sentence",
    "hierarchy_sentence",
    "top_terms_sentence",
    "similarity_sentence",
    "priority_sentence",
    "slogan_sentence",
]


def _names(tables, lang: str = "zh") -> pd.Series:
    return labels.unit_labels(tables["units"], tables["documents"], lang)


def _join(items: list[str], limit: int = 8) -> str:
    items = [str(i) for i in items]
    if len(items) > limit:
        return "、".join(items[:limit]) + f" and {len(items) - limit} more"
    return "、".join(items) if items else "none"


def _unit_chars(tables) -> pd.Series:
    u = tables["units"]
    return pd.Series((u["char_end"] - u["char_start"]).to_numpy(), index=u["unit_id"])


# -- 01 corpus ---------------------------------------------------------------


def corpus_sentence(tables) -> str:
    docs, units = tables["documents"], tables["units"]
    multi = docs[docs["n_units"] > 1]
    text = f"The corpus holds **{len(docs)} documents** and **{len(units)} units**"
    if len(multi):
        parts = [f"{r.place} ({r.n_units} units)" for r in multi.itertuples()]
        text += f"; {len(multi)} document(s) collect several speakers: {_join(parts)}. Every other document is one unit."
    else:
        text += "; every document is one unit."
    years = sorted({int(y) for y in docs["report_year"].dropna()})
    if years:
        text += f" Report years: {years[0]}–{years[-1]}." if len(years) > 1 else f" Report year: {years[0]}."
    return text


def lengths_sentence(tables) -> str:
    chars = _unit_chars(tables)
    if chars.empty:
        return "No unit has any text."
    names = _names(tables)
    lo, hi = chars.idxmin(), chars.idxmax()
    ratio = chars[hi] / max(1, chars[lo])
    return (
        f"Units run from {chars[lo]:,} characters ({names[lo]}) to {chars[hi]:,} ({names[hi]}), "
        f"a ratio of {ratio:,.0f} to 1 (median {int(chars.median()):,})."
    )


def masking_sentence(tables) -> str:
    docs, t = tables["documents"], tables["targets"]
    masked_docs = docs[docs["is_masked"].astype(str).str.lower().isin(["true", "1"])]
    n_red = int(t["is_redacted"].sum())
    text = f"{len(masked_docs)} of {len(docs)} documents mask names or figures"
    if len(masked_docs):
        text += f" ({_join(list(masked_docs['title']))})"
    share = n_red / len(t) if len(t) else 0.0
    return text + f"; {n_red} of {len(t)} extracted figures ({share:.0%}) are masked."


def cleaning_sentence(tables) -> str:
    log, docs = tables["cleaning_log"], tables["documents"].set_index("doc_id")
    if log.empty:
        return "Cleaning changed nothing."
    lines = []
    for doc_id, rows in log.groupby("doc_id", sort=True):
        top = rows["step"].value_counts().head(3)
        steps = ", ".join(f"{step.replace('_', ' ')} ({n})" for step, n in top.items())
        title = docs.loc[doc_id, "title"] if doc_id in docs.index else doc_id
        lines.append(f"- {title}: {steps}")
    untouched = sorted(set(docs.index) - set(log["doc_id"]))
    if untouched:
        lines.append(f"- unchanged: {_join(untouched)}")
    return "The most frequent changes per document:\n\n" + "\n".join(lines)


# -- 02 targets --------------------------------------------------------------


def latest_target_year(tables) -> int | None:
    """The latest single year for which some unit sets a target (the default
    year of notebook 2); None when no target has a year."""
    t = tables["targets"]
    years = pd.to_numeric(t.loc[t["kind"] == "target", "horizon"], errors="coerce").dropna()
    docs = pd.to_numeric(tables["documents"]["report_year"], errors="coerce").dropna()
    if years.empty:
        return None
    # a report's own year, not a far horizon (到2035年) named by one plan
    common = years[years.isin(set(docs.astype(int)))] if not docs.empty else years
    return int((common if not common.empty else years).max())


def _year_targets(tables, year) -> pd.DataFrame:
    t = tables["targets"]
    return t[(t["kind"] == "target") & (t["horizon"] == str(year))]


def targets_sentence(tables, year, indicators) -> str:
    if year is None:
        return "No figure in the corpus is a target with a year, so there is nothing to compare."
    names = _names(tables)
    t = _year_targets(tables, year)
    head = t[t["indicator"].isin(indicators)]
    setters = [names[u] for u in sorted(head["unit_id"].unique())]
    others = sorted(set(t["unit_id"]) - set(head["unit_id"]))
    text = f"For {year}, {len(setters)} of {len(tables['units'])} units set a headline target: {_join(setters)}."
    if others:
        text += f" {len(others)} more set {year} targets only on other indicators ({_join([names[u] for u in others])})."
    silent = len(tables["units"]) - len(set(t["unit_id"]))
    if silent:
        text += f" {silent} unit(s) set no {year} target with a figure, mask or benchmark."
    return text


def coverage_sentence(tables, year, indicators) -> str:
    if year is None:
        return ""
    names = _names(tables)
    t = _year_targets(tables, year)
    t = t[t["indicator"].isin(indicators)]
    masked = t[t["is_redacted"]]
    relative = t[t["comparator"] == "relative"]
    parts = []
    parts.append(
        f"{len(masked)} headline target(s) are set but masked"
        + (f" ({_join(sorted({names[u] + ': ' + labels.indicator_label(i) for u, i in zip(masked.unit_id, masked.indicator)}))})" if len(masked) else "")
    )
    parts.append(
        f"{len(relative)} are set only against a benchmark"
        + (f" ({_join(sorted({names[u] + ': ' + str(r) for u, r in zip(relative.unit_id, relative.reference)}))})" if len(relative) else "")
    )
    return f"In {year}: " + "; ".join(parts) + "."


def annual_vs_five_year_sentence(tables) -> str:
    t = tables["targets"]
    names = _names(tables)
    goals = t[(t["kind"] == "target") & (t["measure"] == "growth") & t["value"].notna() & (t["unit"] == "%")]
    five = goals[goals["is_annual_average"] & goals["horizon"].str.contains("-")]
    one = goals[~goals["is_annual_average"] & goals["horizon"].str.fullmatch(r"\d{4}")]
    rows = []
    for (unit, ind), f in five.groupby(["unit_id", "indicator"]):
        if not ind:
            continue
        a = one[(one["unit_id"] == unit) & (one["indicator"] == ind)]
        if len(a):
            x, y = a.iloc[0], f.iloc[0]
            word = "above" if x.value > y.value else ("below" if x.value < y.value else "equal to")
            rows.append(f"{names[unit]}, {labels.indicator_label(ind)}: {x.value:g}% in {x.horizon}, {word} {y.value:g}% a year over {y.horizon}")
    if not rows:
        return "No unit sets both a plan-year goal and a five-year annual-average goal for the same indicator."
    return "Units that set both: " + "; ".join(rows) + "."


def quantified_sentence(tables) -> str:
    t = tables["targets"]
    chars = _unit_chars(tables)
    if t.empty or chars.empty:
        return "The corpus has no figures."
    names = _names(tables)
    density = (t.groupby("unit_id").size().reindex(chars.index, fill_value=0) / chars.replace(0, pd.NA) * 1000).dropna()
    top = density.sort_values(ascending=False)
    none = [names[u] for u, v in density.items() if v == 0]
    share = t.groupby("unit_id")["kind"].apply(lambda k: (k == "target").mean())
    only_targets = [names[u] for u, v in share.items() if v == 1.0]
    text = f"The most quantified text is {names[top.index[0]]} ({top.iloc[0]:.1f} figures per 1,000 characters)"
    if len(top) > 1:
        text += f", followed by {names[top.index[1]]} ({top.iloc[1]:.1f})"
    text += "."
    if only_targets:
        text += f" Only targets, no results: {_join(only_targets)}."
    if none:
        text += f" No figures at all: {_join(none)}."
    return text


def hierarchy_sentence(tables, pairs: pd.DataFrame) -> str:
    if len(pairs):
        names = _names(tables)
        return f"{len(pairs)} pair(s) of a city and one of its own towns: " + _join([f"{names[a]} → {names[b]}" for a, b in zip(pairs.upper_unit, pairs.lower_unit)]) + "."
    units = tables["units"]
    parents = sorted({p for p in units["parent_place"] if p})
    return (
        "No city in the corpus has a town of its own in the corpus, so target escalation cannot be measured here. "
        f"The parent places named by the units are {_join(parents)}; adding a report of one of them for the same year "
        "(notebook 5 shows how) makes the check return pairs."
    )


# -- 03 themes ---------------------------------------------------------------


def top_terms_sentence(tables, n: int = 3) -> str:
    tf = tables["tfidf"]
    if tf.empty:
        return "No unit has terms left after stopwords."
    names = _names(tables)
    lines = []
    for unit, rows in tf[tf["rank"] <= n].sort_values("rank").groupby("unit_id", sort=True):
        lines.append(f"- {names[unit]}: " + "、".join(f"`{t}`" for t in rows["term"]))
    return f"The {n} heaviest terms of each unit:\n\n" + "\n".join(lines)


def similarity_sentence(tables) -> str:
    sim = tables["similarity"]
    sim = sim[sim["unit_a"] < sim["unit_b"]]
    if sim.empty:
        return "With one unit there is nothing to compare."
    names = _names(tables)
    hi, lo = sim.loc[sim["cosine"].idxmax()], sim.loc[sim["cosine"].idxmin()]
    return (
        f"Across {len(sim)} pairs of units the cosine similarity has median {sim['cosine'].median():.2f}; "
        f"the most similar pair is {names[hi.unit_a]} and {names[hi.unit_b]} ({hi.cosine:.2f}), "
        f"the least similar {names[lo.unit_a]} and {names[lo.unit_b]} ({lo.cosine:.2f})."
    )


# -- 04 priorities -----------------------------------------------------------


def priority_sentence(tables, units) -> str:
    pr = tables["priorities"]
    pr = pr[pr["unit_id"].isin(units) & (pr["level"] == 1)]
    if pr.empty:
        return "None of the chosen units has a numbered list of priorities."
    names = _names(tables)
    lines = []
    for unit, rows in pr.sort_values("order").groupby("unit_id", sort=True):
        first, last = rows.iloc[0], rows.iloc[-1]
        dom = lambda d: labels.domain_label(d) if d else "no domain"  # noqa: E731
        lines.append(f"- {names[unit]}: {len(rows)} items; first {dom(first.domain)} (`{first.heading[:24]}`), last {dom(last.domain)} (`{last.heading[:24]}`)")
    return "\n".join(lines)


def slogan_sentence(tables) -> str:
    sl = tables["slogans"]
    n = len(tables["units"])
    used = sl[sl["count"] > 0]
    if used.empty:
        return "No slogan of the list occurs in the corpus."
    reach = used.groupby("slogan")["unit_id"].nunique().sort_values(ascending=False)
    names = _names(tables)
    parts = []
    for slogan, k in reach.items():
        where = "" if k > 3 else f" ({_join([names[u] for u in sorted(used[used.slogan == slogan].unit_id)])})"
        parts.append(f"`{slogan}` in {k} of {n} units{where}")
    return "Slogans by how many units use them: " + "; ".join(parts) + "."
