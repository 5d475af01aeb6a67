"""Scoring the extractor on hand-coded passages in the shared gold format.

A *passage set* is a folder of plain-text passages and one gold CSV with the
columns of ``GOLD-CONVENTIONS.md``:
``file,indicator_zh,value,unit,comparator,kind,horizon,measure,note`` (one row
per indicator-figure fact of the passage ``file``).  Each passage is read as
``python -m analysis targets FILE`` reads it, and the rows are paired one to
one, greedily in gold order, exactly as the hidden sets are scored:

* same value (both ends of a range), same unit after folding script, pinyin
  and magnitude (``1.5万亿元`` = ``15000亿元``; ``元`` and no unit are one);
* at least one shared two-character piece of the indicator (script folded,
  pinyin dropped; ``norm=`` in the note gives the gold indicator's simplified
  name);
* masked rows pair with masked rows, rows with no value with rows with no value;
* among candidates, the most shared pieces, then the same kind, wins.

Recall counts gold rows paired with a row of the same kind; precision counts
output rows so paired; comparator and horizon accuracy are over those pairs
(``十四五`` = ``2021-2025``).  :func:`score_passages` returns the figures and
every disagreement, so a researcher can check the extractor on passages of
their own.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .clean import to_simplified

__all__ = ["PassageScores", "score_passages", "read_file_args"]

_PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")
_MAGNITUDES = [("万亿", 1e12), ("兆", 1e12), ("亿", 1e8), ("千万", 1e7), ("百万", 1e6), ("万", 1e4), ("千", 1e3), ("百", 1e2)]
_PLAN_SPANS = {"十四五": "2021-2025", "十三五": "2016-2020", "十五五": "2026-2030", "十二五": "2011-2015"}


def _norm(s) -> str:
    s = _PINYIN.sub("", str(s or ""))
    return to_simplified(s).replace(" ", "").replace("％", "%").strip()


def _unit_parts(u) -> tuple[float, str]:
    u = _norm(u)
    for prefix, mag in _MAGNITUDES:
        if u.startswith(prefix) and u not in ("百分点", "万分之"):
            return mag, u[len(prefix):]
    return 1.0, u


def _num(x) -> float | None:
    try:
        v = float(str(x).replace(",", ""))
    except (TypeError, ValueError):
        return None
    return None if v != v else v


def _same_quantity(gv, gu, pv, pu) -> bool:
    if gv is None or pv is None:
        return False
    gm, gb = _unit_parts(gu)
    pm, pb = _unit_parts(pu)
    if gb != pb and not (gb in ("", "元") and pb in ("", "元")):
        return False
    a, b = gv * gm, pv * pm
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


#: The columns of an extracted row whose words are matched with the gold
#: indicator, in the order the shared scorer joins them.
_INDICATOR_COLUMNS = ("indicator_raw", "indicator_zh", "indicator", "indicator_name")


def _pieces(s) -> set[str]:
    s = _norm(s)
    words = {w.lower() for w in re.findall(r"[A-Za-z]{2,}", s)}
    s = re.sub(r"[^\u4e00-\u9fff]", "", s)
    return {s[i: i + 2] for i in range(len(s) - 1)} | ({s} if len(s) == 1 else set()) | words


def _horizon(h) -> str:
    h = _norm(h).replace("—", "-").replace("–", "-").replace("至", "-")
    return _PLAN_SPANS.get(h, h)


def _gold(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            note = r.get("note") or ""
            m = re.search(r"(?:^|; )norm=([^;]+)", note)
            r["_ind"] = m.group(1).strip() if m else r["indicator_zh"]
            m = re.search(r"unit norm=([^;]+)", note)
            r["_unit"] = m.group(1).strip() if m else r["unit"]
            v = (r.get("value") or "").strip()
            r["_lo"] = r["_hi"] = None
            if re.fullmatch(r"-?[\d.]+-[\d.]+", v):
                lo, hi = v.rsplit("-", 1) if v.count("-") == 1 else v.split("-", 1)
                r["_lo"], r["_hi"] = _num(lo), _num(hi)
            else:
                r["_lo"] = _num(v)
            r["_masked"] = "redacted" in note.lower()
            rows.append(r)
    return rows


def _pairs(golds: list[dict], preds: list[dict]) -> list[tuple[dict, dict | None]]:
    used: set[int] = set()
    out = []
    for g in golds:
        gp = _pieces(g["_ind"])
        best, best_s = None, -1.0
        for i, p in enumerate(preds):
            if i in used:
                continue
            pv, ph = _num(p.get("value")), _num(p.get("value_high"))
            if g["_masked"]:
                ok = p["is_redacted"] and (not g["_unit"] or not p.get("unit") or _unit_parts(g["_unit"])[1] == _unit_parts(p.get("unit"))[1])
            elif g["_lo"] is None:
                ok = pv is None and not p["is_redacted"]
            elif g["_hi"] is not None:
                ok = _same_quantity(g["_lo"], g["_unit"], pv, p.get("unit")) and _same_quantity(g["_hi"], g["_unit"], ph, p.get("unit"))
            else:
                ok = _same_quantity(g["_lo"], g["_unit"], pv, p.get("unit"))
            if not ok:
                continue
            s = len(gp & _pieces(" ".join(str(p.get(k) or "") for k in _INDICATOR_COLUMNS)))
            if s == 0:
                continue
            s += 0.5 * (_norm(p.get("kind")) == g["kind"])
            if s > best_s:
                best, best_s = i, s
        if best is not None:
            used.add(best)
        out.append((g, preds[best] if best is not None else None))
    return out


@dataclass
class PassageScores:
    recall: float
    precision: float
    comparator_accuracy: float
    horizon_accuracy: float
    loose_recall: float
    n_gold: int
    n_predicted: int
    disagreements: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)

    def line(self, label: str = "passages") -> str:
        return (
            f"{label}: recall={self.recall:.3f} precision={self.precision:.3f} comparator={self.comparator_accuracy:.3f} "
            f"horizon={self.horizon_accuracy:.3f} loose_recall={self.loose_recall:.3f} gold={self.n_gold} predicted={self.n_predicted}"
        )


def read_file_args(path: Path | None) -> dict[str, dict]:
    """``file,args`` rows (``--year 2021 --doc-type five_year_plan --period 2021-2025``) as keyword arguments."""
    out: dict[str, dict] = {}
    if path is None:
        return out
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            words = (r.get("args") or "").split()
            kw: dict = {}
            for flag, value in zip(words[::2], words[1::2]):
                if flag == "--year":
                    kw["report_year"] = int(value)
                elif flag == "--doc-type":
                    kw["doc_type"] = value
                elif flag == "--period":
                    kw["period"] = value
                else:
                    raise ValueError(f"{path}: unknown argument {flag!r} for {r['file']}")
            out[r["file"]] = kw
    return out


def score_passages(gold_csv: Path, texts_dir: Path, file_args: Path | None = None) -> PassageScores:
    """Extract every passage named in ``gold_csv`` from ``texts_dir`` and score it (see module docstring)."""
    from .build import targets_from_files

    golds = _gold(Path(gold_csv))
    args = read_file_args(file_args)
    n_gold = n_hit = n_strict = n_pred = n_pred_ok = n_cmp = n_cmp_ok = n_hor = n_hor_ok = 0
    notes = []
    for name in sorted({g["file"] for g in golds}):
        table, _ = targets_from_files([Path(texts_dir) / name], **args.get(name, {}))
        preds = table.to_dict("records")
        pairs = _pairs([g for g in golds if g["file"] == name], preds)
        n_pred += len(preds)
        for g, p in pairs:
            n_gold += 1
            if p is None:
                notes.append(dict(file=name, problem="missed", indicator=g["_ind"], value=g["value"], unit=g["unit"], gold=g["kind"], extracted=""))
                continue
            n_hit += 1
            if _norm(p["kind"]) != g["kind"]:
                notes.append(dict(file=name, problem="kind", indicator=g["_ind"], value=g["value"], unit=g["unit"], gold=g["kind"], extracted=p["kind"]))
                continue
            n_strict += 1
            n_pred_ok += 1
            if g["comparator"]:
                n_cmp += 1
                n_cmp_ok += _norm(p["comparator"]) == g["comparator"]
            if g["horizon"]:
                n_hor += 1
                ok = _horizon(p["horizon"]) == _horizon(g["horizon"])
                n_hor_ok += ok
                if not ok:
                    notes.append(dict(file=name, problem="horizon", indicator=g["_ind"], value=g["value"], unit=g["unit"], gold=g["horizon"], extracted=p["horizon"]))
    ratio = lambda a, b: a / b if b else 0.0  # noqa: E731
    return PassageScores(
        ratio(n_strict, n_gold), ratio(n_pred_ok, n_pred), ratio(n_cmp_ok, n_cmp), ratio(n_hor_ok, n_hor), ratio(n_hit, n_gold),
        n_gold, n_pred, pd.DataFrame(notes, columns=["file", "problem", "indicator", "value", "unit", "gold", "extracted"]),
    )
