"""Scoring extracted figures against hand-checked gold rows.

Gold rows (``tests/data/gold/targets_<doc_id>.csv``; columns described in that
folder's README) are located in the extracted table by their ``context``
quote, then compared on value, unit and kind.  Matching is one-to-one and
greedy in document order.

A gold row and an extracted row of the same document are *at the same place*
when the normalised context is a substring of the normalised sentence, or
when the figure as written lies inside the context and the part of the
context around it (cut at sentence punctuation) is in the sentence; contexts
may run over a sentence boundary, so the second rule is needed.  They *match*
when, in addition, the values are equal (both NaN counts as equal; floats with
a tolerance), the normalised units are equal and the kinds are equal.
"""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path

import pandas as pd

from analysis.numbers import fold_text

__all__ = ["GOLD_COLUMNS", "evaluate", "load_gold", "match_table", "normalise_text", "normalise_unit"]

#: Columns of a gold CSV.
GOLD_COLUMNS = [
    "doc_id",
    "context",
    "indicator_raw",
    "value",
    "value_high",
    "unit",
    "comparator",
    "reference",
    "measure",
    "kind",
    "horizon",
    "is_annual_average",
    "is_redacted",
    "notes",
]

_REL_TOL = 1e-3
_ABS_TOL = 5e-4
_SENTENCE_PUNCT = re.compile(r"[。;!?]")
_DROP = re.compile(r"\s+")


def normalise_text(text) -> str:
    """NFKC, no spaces or line breaks, half/full-width punctuation folded
    (``，`` and ``,`` are the same), traditional characters of the package's
    table simplified."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", fold_text(text))
    text = _DROP.sub("", text)
    return fold_text(text)


def normalise_unit(unit) -> str:
    """Unit for comparison: NFKC, ``％`` → ``%``, no spaces; NaN → ``""``."""
    if not isinstance(unit, str):
        return ""
    return normalise_text(unit).replace("％", "%")


def _bool(v) -> bool:
    if isinstance(v, bool):
        return v
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return False
    return str(v).strip().lower() in ("true", "1", "yes", "y", "t")


def _float(v) -> float:
    if v is None:
        return math.nan
    try:
        f = float(str(v).replace(",", "").strip()) if not isinstance(v, (int, float)) else float(v)
    except ValueError:
        return math.nan
    return f


def load_gold(paths) -> pd.DataFrame:
    """Read gold CSVs into one table with the columns of ``GOLD_COLUMNS`` plus
    ``gold_file`` and ``gold_row`` (1-based line of the data row).

    ``paths`` is a path, a folder (every ``targets_*.csv`` in it) or an
    iterable of either.  ``value``/``value_high`` become floats (NaN when
    empty), the two flags booleans, every other column a string.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(p.glob("targets_*.csv")))
        else:
            files.append(p)
    frames = []
    for f in files:
        df = pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        for c in GOLD_COLUMNS:
            if c not in df.columns:
                df[c] = ""
        df = df[GOLD_COLUMNS].copy()
        df["gold_file"] = f.name
        df["gold_row"] = range(1, len(df) + 1)
        frames.append(df)
    if not frames:
        out = pd.DataFrame({c: pd.Series(dtype=str) for c in GOLD_COLUMNS + ["gold_file"]})
        out["gold_row"] = pd.Series(dtype="int64")
    else:
        out = pd.concat(frames, ignore_index=True)
    for c in ("value", "value_high"):
        out[c] = [_float(v) for v in out[c]]
    for c in ("is_annual_average", "is_redacted"):
        out[c] = [_bool(v) for v in out[c]]
    for c in GOLD_COLUMNS:
        if c not in ("value", "value_high", "is_annual_average", "is_redacted"):
            out[c] = out[c].fillna("").astype(str)
    return out.reset_index(drop=True)


def _values_equal(a, b) -> bool:
    a, b = _float(a), _float(b)
    if math.isnan(a) and math.isnan(b):
        return True
    if math.isnan(a) or math.isnan(b):
        return False
    return math.isclose(a, b, rel_tol=_REL_TOL, abs_tol=_ABS_TOL)


def _same_place(ctx: str, sentence: str, figure: str) -> bool:
    if not ctx or not sentence:
        return False
    if ctx in sentence:
        return True
    # the context may run over a sentence boundary: one of its pieces (cut at
    # sentence punctuation) must be in the sentence and overlap the figure
    fig_at = sentence.find(figure) if figure else -1
    for piece in _SENTENCE_PUNCT.split(ctx):
        if len(piece) < 2:
            continue
        if sentence in piece and (not figure or figure in piece or fig_at >= 0):
            return True
        k = sentence.find(piece)
        if k < 0:
            continue
        if fig_at < 0 or (k < fig_at + len(figure) and fig_at < k + len(piece)):
            return True
    return False


def match_table(gold: pd.DataFrame, extracted: pd.DataFrame) -> pd.DataFrame:
    """One row per gold row and per extracted row, saying how they paired.

    Columns: ``status`` (``match``: same place, value, unit and kind;
    ``mismatch``: same place but value, unit or kind differ; ``missed``: gold
    row with no extracted row at its place; ``spurious``: extracted row no
    gold row claims), ``doc_id``, ``gold_index`` and ``target_id`` (empty when
    absent), ``context``, ``figure_text``, ``sentence``, the gold and
    extracted ``value``/``unit``/``kind``/``comparator``/``horizon``
    (suffixes ``_gold`` and ``_ext``), and ``comparator_ok``/``horizon_ok``.
    """
    gold = gold.reset_index(drop=True)
    ext = extracted.reset_index(drop=True)
    ext_sent = [normalise_text(s) for s in ext.get("sentence", pd.Series([""] * len(ext)))]
    ext_fig = [normalise_text(s) for s in ext.get("figure_text", pd.Series([""] * len(ext)))]
    ext_doc = [str(d) for d in ext.get("doc_id", pd.Series([""] * len(ext)))]
    ext_unit = [normalise_unit(u) for u in ext.get("unit", pd.Series([""] * len(ext)))]
    ext_kind = [str(k).strip().lower() for k in ext.get("kind", pd.Series([""] * len(ext)))]
    ext_val = list(ext.get("value", pd.Series([math.nan] * len(ext))))
    by_doc: dict[str, list[int]] = {}
    for j, d in enumerate(ext_doc):
        by_doc.setdefault(d, []).append(j)

    used: set[int] = set()
    pairs: dict[int, tuple[int, str]] = {}
    located: dict[int, list[int]] = {}
    for i, g in gold.iterrows():
        ctx = normalise_text(g["context"])
        cands = [j for j in by_doc.get(str(g["doc_id"]), []) if _same_place(ctx, ext_sent[j], ext_fig[j])]
        located[i] = cands
    # first pass: full matches; second pass: same place only
    for i, g in gold.iterrows():
        gu, gk = normalise_unit(g["unit"]), str(g["kind"]).strip().lower()
        for j in located[i]:
            if j in used:
                continue
            if _values_equal(g["value"], ext_val[j]) and gu == ext_unit[j] and gk == ext_kind[j]:
                pairs[i] = (j, "match")
                used.add(j)
                break
    for i, g in gold.iterrows():
        if i in pairs:
            continue
        gu = normalise_unit(g["unit"])
        # prefer a row with the same value, then the same unit, then any
        free = [j for j in located[i] if j not in used]
        free.sort(key=lambda j: (not _values_equal(g["value"], ext_val[j]), gu != ext_unit[j]))
        if free:
            pairs[i] = (free[0], "mismatch")
            used.add(free[0])

    def ext_cell(j, col, default=""):
        if j is None or col not in ext.columns:
            return default
        return ext.at[j, col]

    rows = []
    for i, g in gold.iterrows():
        j, status = pairs.get(i, (None, "missed"))
        rows.append(_table_row(status, g, i, j, ext_cell))
    for j in range(len(ext)):
        if j not in used:
            rows.append(_table_row("spurious", None, None, j, ext_cell))
    cols = [
        "status", "doc_id", "gold_index", "target_id", "context", "figure_text", "sentence",
        "value_gold", "value_ext", "unit_gold", "unit_ext", "kind_gold", "kind_ext",
        "comparator_gold", "comparator_ext", "horizon_gold", "horizon_ext",
        "indicator_raw_gold", "indicator_raw_ext", "comparator_ok", "horizon_ok",
    ]
    return pd.DataFrame(rows, columns=cols)


def _table_row(status, g, i, j, ext_cell) -> dict:
    cmp_g = str(g["comparator"]).strip() if g is not None else ""
    hor_g = str(g["horizon"]).strip() if g is not None else ""
    cmp_e = str(ext_cell(j, "comparator"))
    hor_e = str(ext_cell(j, "horizon"))
    return {
        "status": status,
        "doc_id": g["doc_id"] if g is not None else ext_cell(j, "doc_id"),
        "gold_index": i if i is not None else -1,
        "target_id": ext_cell(j, "target_id"),
        "context": g["context"] if g is not None else "",
        "figure_text": ext_cell(j, "figure_text"),
        "sentence": ext_cell(j, "sentence"),
        "value_gold": g["value"] if g is not None else math.nan,
        "value_ext": _float(ext_cell(j, "value", math.nan)),
        "unit_gold": g["unit"] if g is not None else "",
        "unit_ext": ext_cell(j, "unit"),
        "kind_gold": g["kind"] if g is not None else "",
        "kind_ext": ext_cell(j, "kind"),
        "comparator_gold": cmp_g,
        "comparator_ext": cmp_e,
        "horizon_gold": hor_g,
        "horizon_ext": hor_e,
        "indicator_raw_gold": g["indicator_raw"] if g is not None else "",
        "indicator_raw_ext": ext_cell(j, "indicator_raw"),
        "comparator_ok": bool(g is not None and j is not None and cmp_g == cmp_e),
        "horizon_ok": bool(g is not None and j is not None and hor_g == hor_e),
    }


def evaluate(gold: pd.DataFrame, extracted: pd.DataFrame) -> dict:
    """Precision, recall and F1 of ``extracted`` against ``gold`` on (value,
    unit, kind), with comparator and horizon accuracy over matched rows.

    Returns a dict with ``precision``, ``recall``, ``f1``,
    ``comparator_accuracy``, ``horizon_accuracy``, the counts ``n_gold``,
    ``n_extracted``, ``n_matched``, ``n_mismatched`` (same place, different
    value/unit/kind), ``n_missed``, ``n_spurious``, ``by_doc`` (the same
    counts and scores per document, a DataFrame), ``table`` (the
    :func:`match_table`), ``unmatched_gold`` and ``unmatched_extracted``
    (DataFrames of the rows left over, for inspection).
    """
    table = match_table(gold, extracted)
    summary = _scores(table, len(gold), len(extracted))
    per_doc = []
    for doc in sorted(set(table["doc_id"].astype(str))):
        t = table[table["doc_id"].astype(str) == doc]
        n_g = int((t["status"] != "spurious").sum())
        n_e = int(t["target_id"].astype(str).ne("").sum())
        s = _scores(t, n_g, n_e)
        per_doc.append({"doc_id": doc, **{k: v for k, v in s.items()}})
    gold = gold.reset_index(drop=True)
    matched_gold = set(table.loc[table["status"] == "match", "gold_index"])
    matched_ext = set(table.loc[table["status"] == "match", "target_id"])
    unmatched_gold = gold.loc[[i for i in range(len(gold)) if i not in matched_gold]]
    if "target_id" in extracted.columns:
        unmatched_ext = extracted[~extracted["target_id"].isin(matched_ext)]
    else:
        unmatched_ext = extracted.iloc[0:0]
    return {
        **summary,
        "by_doc": pd.DataFrame(per_doc),
        "table": table,
        "unmatched_gold": unmatched_gold.reset_index(drop=True),
        "unmatched_extracted": unmatched_ext.reset_index(drop=True),
    }


def _scores(table: pd.DataFrame, n_gold: int, n_ext: int) -> dict:
    matched = table[table["status"] == "match"]
    n_m = len(matched)
    precision = n_m / n_ext if n_ext else 0.0
    recall = n_m / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "comparator_accuracy": float(matched["comparator_ok"].mean()) if n_m else math.nan,
        "horizon_accuracy": float(matched["horizon_ok"].mean()) if n_m else math.nan,
        "n_gold": n_gold,
        "n_extracted": n_ext,
        "n_matched": n_m,
        "n_mismatched": int((table["status"] == "mismatch").sum()),
        "n_missed": int((table["status"] == "missed").sum()),
        "n_spurious": int((table["status"] == "spurious").sum()),
    }
