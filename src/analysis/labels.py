"""Labels in Chinese or English for every unit, indicator, domain and level.

Figures take ``lang="zh"`` or ``lang="en"``; every label has both forms.
Names come from package tables (``names_en.csv`` for places and units,
``indicators.csv``, ``domains.csv``, ``doc_types.csv``); a place that is not in
``names_en.csv`` is romanised with pypinyin (山下湖镇 → Shanxiahu), so next
year's towns get English labels with nothing added.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from .config import PACKAGE_DATA

LANGS = ("zh", "en")
_SUFFIXES = ("街道", "开发区", "镇", "乡", "市", "县", "区", "省")
_LEVEL_EN = {
    "national": "national",
    "province": "province",
    "prefecture_city": "prefecture city",
    "county_city": "county-level city",
    "county": "county",
    "district": "district",
    "town": "town",
    "township": "township",
    "subdistrict": "subdistrict",
    "department": "department",
    "development_zone": "development zone",
    "unknown": "unknown",
}
_LEVEL_ZH = {
    "national": "全国",
    "province": "省",
    "prefecture_city": "地级市",
    "county_city": "县级市",
    "county": "县",
    "district": "区",
    "town": "镇",
    "township": "乡",
    "subdistrict": "街道",
    "department": "部门",
    "development_zone": "开发区",
    "unknown": "未知",
}


def check_lang(lang: str) -> str:
    """``lang`` if it is ``zh`` or ``en``; raises ``ValueError`` otherwise."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


@lru_cache(maxsize=1)
def _names_en() -> dict[str, str]:
    df = pd.read_csv(PACKAGE_DATA / "names_en.csv", dtype=str, keep_default_na=False)
    return dict(zip(df["zh"], df["en"]))


@lru_cache(maxsize=1)
def _doc_types() -> pd.DataFrame:
    return pd.read_csv(PACKAGE_DATA / "doc_types.csv", dtype=str, keep_default_na=False).set_index("doc_type")


def romanise(name: str) -> str:
    """Pinyin for a place name without its administrative suffix: 山下湖镇 → Shanxiahu.

    Syllables starting with a, o or e after the first get an apostrophe
    (长安 → Chang'an); masked characters (``*``) stay as they are.
    """
    from pypinyin import lazy_pinyin

    stem = name
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    syllables = lazy_pinyin(stem)
    out = ""
    for i, s in enumerate(syllables):
        if i and s[:1] in "aoe" and out[-1:].isalpha():
            out += "'"
        out += s
    return out[:1].upper() + out[1:]


def name_en(name: str) -> str:
    """English name of a place or unit: the table's, else pinyin with its level word."""
    table = _names_en()
    if name in table:
        return table[name]
    if re.fullmatch(r"[*＊X]+镇", name):
        return "Masked town"
    roman = romanise(name)
    if name.endswith("街道"):
        return f"{roman} Subdistrict"
    if name.endswith("局"):
        return f"{roman} Bureau"
    return roman


def level_label(level: str, lang: str = "zh") -> str:
    """``town`` → ``镇`` / ``town``."""
    return (_LEVEL_ZH if check_lang(lang) == "zh" else _LEVEL_EN).get(level, level)


def doc_type_label(doc_type: str, lang: str = "zh") -> str:
    """Short name of a document type: ``政府工作报告`` / ``work report``."""
    types = _doc_types()
    if doc_type not in types.index:
        return doc_type
    return types.loc[doc_type, "short_zh" if check_lang(lang) == "zh" else "short_en"]


def unit_labels(units: pd.DataFrame, documents: pd.DataFrame, lang: str = "zh") -> pd.Series:
    """A short, unique display label for every unit, indexed by ``unit_id``.

    A unit of a multi-unit document is named by itself (``市场监管局``, ``*镇
    (2)``); a whole document's unit by its place, year and type when the same
    place has several documents (``义乌市 2022 政府工作报告``), else by its place.
    """
    check_lang(lang)
    docs = documents.set_index("doc_id")
    places_with_many = documents.groupby("place")["doc_id"].nunique()
    out = {}
    for u in units.itertuples():
        doc = docs.loc[u.doc_id]
        if int(doc["n_units"]) > 1:
            # Units of a collection are named with their city: 东阳·市场监管局.
            city = doc["place"]
            if lang == "zh":
                label = f"{_stem(city)}·{u.unit_label}"
            else:
                label = f"{name_en(city)} · {_ordinal_label(name_en(u.unit_name), u.unit_label)}"
        else:
            place = u.place if lang == "zh" else name_en(u.place)
            if places_with_many.get(doc["place"], 1) > 1:
                year = "" if pd.isna(doc["report_year"]) else f" {int(doc['report_year'])}"
                label = f"{place}{year} {doc_type_label(doc['doc_type'], lang)}"
            else:
                label = place
        out[u.unit_id] = label
    return pd.Series(_unique(out), name="label")


def _unique(labels: dict[str, str]) -> dict[str, str]:
    """Labels made unique: a label shared by several units (a report and its
    corrected copy, two reports of one place and year) gets a number, in the
    order of the units' ids (``义乌市 2022 政府工作报告 (2)``)."""
    by_label: dict[str, list[str]] = {}
    for unit_id, label in labels.items():
        by_label.setdefault(label, []).append(unit_id)
    out = dict(labels)
    taken = set(labels.values())
    for label, ids in by_label.items():
        if len(ids) < 2:
            continue
        k = 1
        for unit_id in sorted(ids):
            while f"{label} ({k})" in taken:
                k += 1
            out[unit_id] = f"{label} ({k})"
            taken.add(out[unit_id])
            k += 1
    return out


def _stem(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _ordinal_label(english: str, zh_label: str) -> str:
    m = re.search(r"\((\d+)\)$", zh_label)
    return f"{english} ({m.group(1)})" if m else english


@lru_cache(maxsize=1)
def _indicators() -> pd.DataFrame:
    return pd.read_csv(PACKAGE_DATA / "indicators.csv", dtype=str, keep_default_na=False).set_index("indicator")


def indicator_label(indicator: str, lang: str = "zh") -> str:
    """Name of a canonical indicator: ``gdp`` → ``地区生产总值`` / ``Gross domestic product …``."""
    table = _indicators()
    if indicator not in table.index:
        return indicator
    return table.loc[indicator, "name_zh" if check_lang(lang) == "zh" else "name_en"]


def domain_label(domain: str, lang: str = "zh") -> str:
    """Name of a policy domain of the codebook."""
    from .priorities import codebook

    book = codebook().set_index("domain")
    if domain not in book.index:
        return domain
    return book.loc[domain, "name_zh" if check_lang(lang) == "zh" else "name_en"]
