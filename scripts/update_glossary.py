"""Add every term the figures of a built corpus show to the glossary.

    .venv/bin/python scripts/update_glossary.py [--processed DIR]

Reads the tables in ``data/processed`` (or DIR), lists the Chinese terms an
English figure or table shows (:func:`analysis.figures.terms_shown`) and
appends each one missing from ``src/analysis/data/glossary.csv`` with its
pinyin from pypinyin, written word by word (:func:`analysis.labels.pinyin_words`).
A slogan gets the English of ``slogans.csv`` and source ``gloss``; every other
new term gets source ``pypinyin`` and no English, until a person glosses it
(write the English, correct the pinyin if needed, and set source to ``gloss``).
Existing rows are never changed.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pandas as pd

from analysis import config, figures, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processed", type=Path, default=config.PROCESSED_DIR)
    args = parser.parse_args()
    path = config.PACKAGE_DATA / "glossary.csv"
    have = pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame(columns=labels.GLOSSARY_COLUMNS)
    known = set(have["zh"])
    tables = figures.load_tables(directory=args.processed)
    slogans = pd.read_csv(config.PACKAGE_DATA / "slogans.csv", dtype=str, keep_default_na=False).set_index("slogan")["name_en"]
    new = []
    for term in figures.terms_shown(tables)["term"]:
        if term in known:
            continue
        known.add(term)
        if term in slogans.index and slogans[term]:
            new.append({"zh": term, "en": slogans[term], "pinyin": labels.pinyin_words(term), "source": "gloss"})
        else:
            new.append({"zh": term, "en": "", "pinyin": labels.pinyin_words(term), "source": "pypinyin"})
    rows = have.to_dict("records") + new
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=labels.GLOSSARY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(new)} term(s) added to {path} ({len(rows)} in all)")


if __name__ == "__main__":
    main()
