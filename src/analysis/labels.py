"""Labels in Chinese or English for every unit, indicator, domain and level.

Figures take ``lang="zh"`` or ``lang="en"``; every label has both forms.
Names come from package tables (``names_en.csv`` for places and units,
``indicators.csv``, ``domains.csv``, ``doc_types.csv``, ``cleaning_steps.csv``);
a place that is not in ``names_en.csv`` is romanised with pypinyin and keeps
its level (山下湖镇 → Shanxiahu Town), so next year's towns get English labels
with nothing added.

Terms, slogans, topic words, headings and the benchmarks of relative goals
come from the glossary (``glossary.csv``: Chinese, English gloss, pinyin with
tone marks written as whole words).  An English figure shows a term as
``pearl (zhēnzhū)``; a term with no gloss yet shows its pinyin only, so an
English figure never holds a Chinese character.
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


#: Administrative suffixes kept in English after the romanised name.
_LEVEL_WORDS = (("街道", "Subdistrict"), ("镇", "Town"), ("乡", "Township"), ("局", "Bureau"), ("开发区", "Development Zone"), ("县", "County"), ("区", "District"))


def name_en(name: str) -> str:
    """English name of a place or unit: the table's, else pinyin with its level
    word (``某某镇`` → ``Moumou Town``); a city keeps its bare name (``Yiwu``)."""
    table = _names_en()
    if name in table:
        return table[name]
    if re.fullmatch(r"[*＊X]+镇", name):
        return "Masked town"
    roman = romanise(name)
    for suffix, word in _LEVEL_WORDS:
        if name.endswith(suffix) and len(name) > len(suffix):
            return f"{roman} {word}"
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
            # Units of a collection are named with their city: 东阳·市场监管局 / Dongyang – Market Supervision Bureau.
            city = doc["place"]
            if lang == "zh":
                label = f"{_stem(city)}·{u.unit_label}"
            else:
                # an en dash, not the middle dot: the CJK font draws · full-width
                label = f"{name_en(city)} – {_ordinal_label(name_en(u.unit_name), u.unit_label)}"
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


def _name_in(table: pd.DataFrame, key: str, lang: str, cols: tuple[str, str], missing: str) -> str:
    """``table``'s name of ``key`` in ``lang`` (``cols``: the zh and en columns), or ``missing``."""
    if key not in table.index:
        return missing
    return table.loc[key, cols[0] if check_lang(lang) == "zh" else cols[1]]


def indicator_label(indicator: str, lang: str = "zh") -> str:
    """Name of a canonical indicator: ``gdp`` → ``地区生产总值`` / ``Gross domestic product …``."""
    return _name_in(_indicators(), indicator, lang, ("name_zh", "name_en"), indicator)


def domain_label(domain: str, lang: str = "zh") -> str:
    """Name of a policy domain of the codebook."""
    from .priorities import codebook

    return _name_in(codebook().set_index("domain"), domain, lang, ("name_zh", "name_en"), domain)


@lru_cache(maxsize=1)
def _cleaning_steps() -> pd.DataFrame:
    return pd.read_csv(PACKAGE_DATA / "cleaning_steps.csv", dtype=str, keep_default_na=False).set_index("step")


def step_label(step: str, lang: str = "zh") -> str:
    """Name of a cleaning step (``rejoin_hard_wrap`` → ``拼接硬换行`` / ``rejoin hard-wrapped lines``)."""
    return _name_in(_cleaning_steps(), step, lang, ("zh", "en"), step if lang == "en" else step.replace("_", " "))


# --------------------------------------------------------------------------
# Glossary: terms, slogans, headings
# --------------------------------------------------------------------------

GLOSSARY_COLUMNS = ["zh", "en", "pinyin", "source"]
#: ``gloss``: an English gloss written by a person; ``pypinyin``: machine pinyin, no gloss yet.
GLOSSARY_SOURCES = ("gloss", "pypinyin")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2e80-\u2fdf]")
_PUNCT_EN = str.maketrans({"‘": "'", "’": "'", "、": ", ", "，": ", ", "。": ". ", "：": ": ", "；": "; ",
                            "（": " (", "）": ") ", "《": '"', "》": '"', "—": "-", "·": " · ", "！": "!", "？": "?", "％": "%", "＋": "+"})


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese character or full-width punctuation."""
    return bool(_CJK.search(text))


@lru_cache(maxsize=1)
def glossary() -> pd.DataFrame:
    """The glossary (``glossary.csv``) indexed by ``zh``: ``en, pinyin, source``.

    Raises ``ValueError`` naming the rows when a term is listed twice, a source
    is unknown, a ``gloss`` row has no English, or an English or pinyin cell
    holds a Chinese character.
    """
    df = pd.read_csv(PACKAGE_DATA / "glossary.csv", dtype=str, keep_default_na=False)
    if list(df.columns) != GLOSSARY_COLUMNS:
        raise ValueError(f"glossary.csv: columns must be {GLOSSARY_COLUMNS}, not {list(df.columns)}")
    dup = df[df["zh"].duplicated()]["zh"].tolist()
    bad_source = df[~df["source"].isin(GLOSSARY_SOURCES)]["zh"].tolist()
    no_gloss = df[(df["source"] == "gloss") & (df["en"] == "")]["zh"].tolist()
    chinese = df[df["en"].map(has_cjk) | df["pinyin"].map(has_cjk)]["zh"].tolist()
    for what, rows in (("listed twice", dup), ("unknown source", bad_source), ("gloss without English", no_gloss), ("Chinese in en/pinyin", chinese)):
        if rows:
            raise ValueError(f"glossary.csv: {what}: {rows[:10]}")
    return df.set_index("zh")


@lru_cache(maxsize=1)
def _word_tokenizer():
    # jieba's general dictionary, not the policy dictionary: pinyin is written
    # word by word (bābā zhànlüè), and the policy dictionary keeps whole
    # slogans as one token.
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba.Tokenizer()


def words(text: str) -> list[str]:
    """``text`` cut into words (jieba's general dictionary), for breaking labels
    between words: 政府工作报告 → 政府 / 工作 / 报告."""
    return _word_tokenizer().lcut(text)


_INITIAL_VOWEL = set("aoeāáǎàōóǒòēéěè")


def pinyin_words(text: str) -> str:
    """Pinyin with tone marks, written as whole words: 珍珠 → ``zhēnzhū``,
    八八战略 → ``bābā zhànlüè``, 长安 → ``cháng'ān``.  Characters that are not
    Chinese stay as they are; Chinese punctuation becomes its ASCII form."""
    from pypinyin import Style, pinyin

    words = []
    keep = {"\u201c", "\u201d"}
    for word in _word_tokenizer().lcut(text):
        if word in keep:
            words.append(word)
            continue
        if not has_cjk(word):
            words.append(word.translate(_PUNCT_EN))
            continue
        syllables = [s[0] for s in pinyin(word, style=Style.TONE, errors=lambda x: list(x.translate(_PUNCT_EN)))]
        out = ""
        for i, syl in enumerate(syllables):
            if i and syl[:1] in _INITIAL_VOWEL and out[-1:].isalpha():
                out += "'"
            out += syl
        words.append(out)
    joined = re.sub(r"\s+", " ", " ".join(words)).strip()
    joined = re.sub(r"\s*\u201c\s*", ' "', joined)  # an opening quote sticks to the word after it
    joined = re.sub(r"\s*\u201d", '"', joined)  # a closing quote to the word before it
    joined = re.sub(r"\s+([,.;:!?%)])", r"\1", joined)
    joined = re.sub(r"([(])\s+", r"\1", joined).strip()
    return joined.translate(_PUNCT_EN).replace("\u201c", '"').replace("\u201d", '"')


def gloss(term: str) -> str:
    """The English of a term: its gloss, else its pinyin (no Chinese characters either way)."""
    table = glossary()
    if term in table.index:
        row = table.loc[term]
        return row["en"] or row["pinyin"] or pinyin_words(term)
    return pinyin_words(term)


def term_pinyin(term: str) -> str:
    """The glossary's pinyin of a term, else pypinyin's."""
    table = glossary()
    if term in table.index and table.loc[term, "pinyin"]:
        return table.loc[term, "pinyin"]
    return pinyin_words(term)


def term_label(term: str, lang: str = "zh", *, with_pinyin: bool = True) -> str:
    """A term as a figure shows it: ``珍珠`` / ``pearl (zhēnzhū)``; a term without
    a gloss shows its pinyin only (``zhēnzhū``); ``with_pinyin=False`` drops the
    pinyin after a gloss (long headings)."""
    if check_lang(lang) == "zh":
        return term
    table = glossary()
    if term in table.index and table.loc[term, "en"]:
        en = table.loc[term, "en"]
        return f"{en} ({term_pinyin(term)})" if with_pinyin else en
    return term_pinyin(term)
