"""Our own parsing layer for one numeric expression in Chinese report text.

A *quantity* is a number as written with what belongs to it: value, range end,
unit (magnitude included, ``1.5万亿元`` → 1.5 ``万亿元``), qualifiers inside the
expression (``以上`` → ``>=``) and a mask flag (``X％``).  :func:`parse_number`
reads one expression; :func:`scan_quantities` finds every candidate quantity in
a sentence with its span.  Deciding which candidates are growth goals is the
job of :mod:`analysis.targets`.

Word lists (units, magnitudes, qualifiers, traditional characters) live in
``src/analysis/data`` so that a researcher can read and extend them.

cn2an is used only on the bare Chinese-numeral core and only as a fallback:
it raises on anything else (``8%以上``) and its sentence transform rewrites
words such as 三次产业.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from analysis.clean import to_simplified
from analysis.config import PACKAGE_DATA

NAN = float("nan")

__all__ = [
    "Quantity",
    "UnitInfo",
    "chinese_numeral_value",
    "fold_text",
    "load_cues",
    "load_magnitudes",
    "load_units",
    "parse_number",
    "plan_period",
    "read_data_csv",
    "scan_quantities",
    "split_unit",
    "to_base",
]


# --------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitInfo:
    """One row of ``units.csv``."""

    unit: str
    base_unit: str
    factor: float
    kind: str
    not_before: str


def read_data_csv(name: str) -> list[dict[str, str]]:
    """Rows of a CSV in the package's ``data`` folder, empty cells as ``""``."""
    with open(PACKAGE_DATA / name, encoding="utf-8", newline="") as fh:
        return [{k: (v or "") for k, v in row.items()} for row in csv.DictReader(fh)]


@lru_cache(maxsize=None)
def load_units() -> dict[str, UnitInfo]:
    """Base units (without magnitude) from ``units.csv``, keyed by the unit as written."""
    out: dict[str, UnitInfo] = {}
    for row in read_data_csv("units.csv"):
        u = fold_text(row["unit"].strip())
        if not u:
            continue
        out[u] = UnitInfo(u, row["base_unit"].strip(), float(row["factor"] or 1), row["kind"].strip(), row["not_before"].strip())
    return out


@lru_cache(maxsize=None)
def load_magnitudes() -> dict[str, float]:
    """Magnitude words (万, 亿, 万亿 …) and their factors from ``magnitudes.csv``."""
    return {row["magnitude"].strip(): float(row["factor"]) for row in read_data_csv("magnitudes.csv")}


@lru_cache(maxsize=None)
def load_cues() -> dict[str, list[tuple[str, str]]]:
    """The extractor's word lists from ``target_cues.csv``: category → [(cue, value)].

    Cues are folded (traditional → simplified, full-width → half-width) so that
    they match folded text; within a category they are sorted longest first.
    """
    out: dict[str, list[tuple[str, str]]] = {}
    for row in read_data_csv("target_cues.csv"):
        cat = row["category"].strip()
        cue = row["cue"]
        if not cat or cue == "":
            continue
        out.setdefault(cat, []).append((fold_text(cue), row["value"].strip()))
    for cat in out:
        out[cat].sort(key=lambda cv: -len(cv[0]))
    return out


# --------------------------------------------------------------------------
# Folding: one character in, one character out, so offsets never move
# --------------------------------------------------------------------------

_EXTRA_FOLD = {
    "\u3000": " ",
    "\u00a0": " ",
    "\u2014": "-",  # em dash (4.5%—5%)
    "\u2013": "-",
    "\u2015": "-",
    "\u2012": "-",
    "\u2212": "-",
    "\ufe6a": "%",
    "\u2105": "%",  # ℅ (care of), typed for % on some pages: 增长15℅
    "\u3001": "、",
    "\u300c": "“",
    "\u300d": "”",
    "\u300e": "“",
    "\u300f": "”",
    "\u301d": "“",
    "\u301e": "”",
    "\u2018": "“",
    "\u2019": "”",
    "\u2236": ":",  # ratio colon
    "\ufe55": ":",  # small colon, in ratios (18﹕68﹕14)
    "\u00b7": "·",
    "\u2022": "·",
    "\u2027": "·",
    "\uff61": "。",
}


@lru_cache(maxsize=None)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    for a, b in _EXTRA_FOLD.items():
        table[ord(a)] = b
    return table


_ZERO_LOOKALIKE = re.compile(r"(?<=[一二三四五六七八九〇零])[○Ｏ]|[○Ｏ](?=[一二三四五六七八九〇零])")


def fold_text(text: str) -> str:
    """Normalise ``text`` for matching without changing its length.

    Full-width ASCII becomes half-width (``，`` → ``,``, ``％`` → ``%``), dash
    variants become ``-``, corner quotes become ``“”`` and traditional
    characters become simplified (the same OpenCC conversion cleaning uses,
    kept only when it leaves the length unchanged, as it does for
    character-for-character conversions).  Every output character stands at
    the position of its input character, so spans found in folded text are
    spans in the original.
    """
    if not isinstance(text, str):
        return ""
    folded = text.translate(_fold_table())
    if folded.isascii():
        return folded
    if "○" in folded or "Ｏ" in folded:
        # 二○二五年: a circle or a letter O written for the numeral zero between numerals
        folded = _ZERO_LOOKALIKE.sub("〇", folded)
    simplified = to_simplified(folded)
    return simplified if len(simplified) == len(folded) else folded


# --------------------------------------------------------------------------
# Chinese numerals and plan periods
# --------------------------------------------------------------------------

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "".join(_CN_DIGIT) + "".join(_CN_SMALL) + "".join(_CN_BIG)


def _cn_integer(s: str) -> float | None:
    if not s:
        return None
    if all(ch in _CN_DIGIT for ch in s):
        # digit-by-digit numerals such as 二〇三五
        return float("".join(str(_CN_DIGIT[ch]) for ch in s))
    total = section = 0.0
    number: float | None = None
    for ch in s:
        if ch in _CN_DIGIT:
            if number is not None and number != 0 and _CN_DIGIT[ch] != 0:
                return None  # two digits in a row inside a positional numeral
            number = float(_CN_DIGIT[ch])
        elif ch in _CN_SMALL:
            section += (number if number else 1.0) * _CN_SMALL[ch]
            number = None
        elif ch == "万":
            section = (section + (number or 0.0)) or 1.0
            total += section * 10_000
            section, number = 0.0, None
        elif ch == "亿":
            total = ((total + section + (number or 0.0)) or 1.0) * 100_000_000
            section, number = 0.0, None
        else:
            return None
    return total + section + (number or 0.0)


def chinese_numeral_value(s: str) -> float | None:
    """Value of a bare Chinese numeral (``两千三百`` → 2300, ``二〇三五`` → 2035,
    ``三点五`` → 3.5, ``千`` → 1000); None when ``s`` is not one."""
    if not isinstance(s, str):
        return None
    return _chinese_numeral_value(s)


@lru_cache(maxsize=8192)
def _chinese_numeral_value(s: str) -> float | None:
    # A corpus writes few distinct numerals (一, 十, 两千三百 …) very often.
    s = fold_text(s.strip())
    if not s:
        return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = _cn_integer(whole) if whole else 0.0
        if w is None or not frac or any(ch not in _CN_DIGIT for ch in frac):
            return None
        return float(f"{int(w)}.{''.join(str(_CN_DIGIT[ch]) for ch in frac)}")
    value = _cn_integer(s)
    if value is not None:
        return value
    try:  # only the bare core ever reaches cn2an
        import cn2an

        return float(cn2an.cn2an(s, "smart"))
    except Exception:
        return None


_PLAN_RE = re.compile(r"(十[一二三四五六七八九]?|[一二三四五六七八九])五|(\d{1,2})五")


def plan_period(text: str) -> tuple[int, int] | None:
    """Years of a five-year plan named in ``text``: ``十四五`` → (2021, 2025),
    ``“十五五”`` → (2026, 2030); None when no plan is named."""
    if not isinstance(text, str):
        return None
    m = _PLAN_RE.search(fold_text(text))
    if not m:
        return None
    n = int(m.group(2)) if m.group(2) else _cn_integer(m.group(1))
    if not n or n < 1 or n > 30:
        return None
    n = int(n)
    # 1963-1965 were adjustment years outside any plan, hence the offset.
    start = 1953 + 5 * (n - 1) if n <= 2 else 1966 + 5 * (n - 3)
    return start, start + 4


# --------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------


def split_unit(unit: str) -> tuple[str, str]:
    """Split a unit as written into (magnitude, base unit): ``万亿元`` → (万亿, 元)."""
    unit = fold_text(unit or "")
    units = load_units()
    if unit in units:
        return "", unit
    for mag in sorted(load_magnitudes(), key=len, reverse=True):
        if unit.startswith(mag):
            rest = unit[len(mag):]
            if rest == "" or rest in units or rest.split("/")[0] in units:
                return mag, rest
    return "", unit


def to_base(value: float, unit: str) -> tuple[float, str]:
    """Convert a value in ``unit`` to the unit's base: (1.5, 万亿元) → (1.5e12, 元),
    (25, 万人) → (250000, 人); ``%``, ``个百分点``, ``倍`` and ``fraction`` stay as
    they are.  An unknown unit gives (NaN, unit)."""
    unit = fold_text(unit or "")
    if unit in ("", "fraction"):
        return value, unit
    mag, base = split_unit(unit)
    factor = load_magnitudes().get(mag, 1.0) if mag else 1.0
    rate = ""
    if "/" in base:
        base, _, rate = base.partition("/")
    units = load_units()
    if base == "":
        return value * factor, ""
    info = units.get(base)
    if info is None:
        return NAN, unit
    out_unit = info.base_unit + (f"/{rate}" if rate else "")
    return value * factor * info.factor, out_unit


# --------------------------------------------------------------------------
# Quantities
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """One numeric expression found in (folded) text.

    ``start``/``end`` span the whole expression including a trailing qualifier
    (``8%以上``); ``unit`` is the folded unit with its magnitude; ``comparator``
    is what the expression itself says (``>=`` for 以上, ``range`` for a
    range, ``""`` when it says nothing).  ``form`` tells how the number was
    written: ``arabic``, ``chinese``, ``magnitude`` (``亿元`` with no numeral),
    ``mask``, ``fraction``, ``percent_word`` or ``special`` (翻番, 清零 …).
    ``unit_kind`` comes from ``units.csv`` (``percent``, ``money``, ``count``,
    ``time``, ``name`` …; ``magnitude`` for a bare 万; empty for none).
    """

    text: str
    start: int
    end: int
    value: float = NAN
    value_high: float = NAN
    unit: str = ""
    comparator: str = ""
    is_redacted: bool = False
    form: str = "arabic"
    unit_kind: str = ""
    note: str = ""
    measure_hint: str = ""
    core_end: int = -1
    is_identifier: bool = False

    @property
    def value_base(self) -> float:
        return to_base(self.value, self.unit)[0]

    @property
    def unit_base(self) -> str:
        return to_base(self.value, self.unit)[1]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


@dataclass(frozen=True)
class _Patterns:
    master: re.Pattern
    unit: re.Pattern
    suffix: re.Pattern
    range_sep: re.Pattern
    date: re.Pattern
    specials: dict[str, tuple[float, str, str]]
    suffix_cmp: dict[str, str]
    infix_cmp: dict[str, str]
    prefix_cmp: list[tuple[str, str]]


_CN_NUM = "零〇一二两三四五六七八九十百千万亿"
_MAG_CHARS = set("万亿")


@lru_cache(maxsize=None)
def _patterns() -> _Patterns:
    cues = load_cues()
    units = load_units()
    mags = load_magnitudes()
    specials: dict[str, tuple[float, str, str]] = {}
    for cue, val in cues.get("special", []):
        parts = (val.split("|") + ["", "", ""])[:3]
        specials[cue] = (float(parts[0]), parts[1] or "=", parts[2] or "level")
    special_re = _alt(specials) if specials else "(?!x)x"
    # Every alternative below starts with one of these characters; the leading
    # lookahead lets the regex engine skip other positions quickly (keep it in
    # step when adding an alternative).
    first = r"\d" + re.escape("".join(sorted(set("翻百Xx*" + _CN_NUM) | {w[0] for w in specials})))
    master = re.compile(
        rf"(?=[{first}])(?:"
        rf"(?P<special>{special_re})"
        r"|(?P<fan>翻了?(?P<fan_n>[一二两三四五六七八九十\d]+)倍)"
        r"|百分之(?P<pw>[零〇一二两三四五六七八九十百点]+|\d+(?:\.\d+)?)"
        r"|(?P<fd>[一二两三四五六七八九十百千万]+|\d+)分之(?P<fn>[零〇一二两三四五六七八九十百点]+|\d+(?:\.\d+)?)"
        r"|(?<![\d./])(?P<an>\d{1,4})/(?P<ad>\d{1,5})(?![\d/.])"
        r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?)"
        r"|(?P<mask>(?<![A-Za-z+])(?:X{1,4}|x{1,4})(?![A-Za-z])|\*(?=[ \t]*%))"
        rf"|(?P<cn>[{_CN_NUM}]+(?:点[零〇一二三四五六七八九]+)?)"
        ")"
    )
    mag_re = _alt(mags)
    base_re = _alt(units)
    # magnitude+base is tried first (万人), then a base alone (千瓦, 百分点), then
    # a magnitude alone (50万)
    unit = re.compile(
        rf"(?:(?P<mag>{mag_re})(?P<base>{base_re})|(?P<base2>{base_re})|(?P<mag2>{mag_re}))"
        r"(?P<rate>/(?:年|日|天|月|小时|人|户|亩|平方公里))?"
    )
    suffix_cmp = {c: v for c, v in cues.get("comparator_suffix", [])}
    infix_cmp = {c: v for c, v in cues.get("comparator_infix", [])}
    suffix = re.compile(rf"[ \t]*(?P<sfx>{_alt(suffix_cmp)})" if suffix_cmp else "(?!x)x")
    range_sep = re.compile(r"[ \t]*(?P<sep>至|到|-|~)[ \t]*")
    date = re.compile(
        # (a unit right after it makes 2049.9元 an amount, not September 2049)
        r"(?<!\d)(?:19|20)\d{2}[-./](?:0?[1-9]|1[0-2])(?:[-./](?:[0-2]?\d|3[01]))?(?!\d)(?![ \t]*(?:[万亿千百]*元|%|吨|亩|人|户|公斤|斤|千克|平方|公里|米|个|家|辆|台|套|头|只|件|项|所|座|条))"
        r"|(?<!\d)(?:0?[1-9]|1[0-2])月(?:[0-2]?\d|3[01])[日号]"
        # clock times (8:00, 0:00 / 0:00 of a media player) are not figures
        r"|(?<![\d.])(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?(?![\d.])"
    )
    return _Patterns(
        master=master,
        unit=unit,
        suffix=suffix,
        range_sep=range_sep,
        date=date,
        specials=specials,
        suffix_cmp=suffix_cmp,
        infix_cmp=infix_cmp,
        prefix_cmp=list(cues.get("comparator_prefix", [])),
    )


def _arabic_value(s: str) -> float:
    return float(s.replace(",", ""))


def _number_value(s: str) -> float | None:
    if not s:
        return None
    if s[0].isdigit():
        try:
            return _arabic_value(s)
        except ValueError:
            return None
    return chinese_numeral_value(s)


@dataclass
class _Unit:
    text: str = ""
    end: int = -1
    kind: str = ""
    note: str = ""


def _unit_parts(m: re.Match | None) -> tuple[str, str, str, int, int]:
    """(magnitude, base, rate, end of magnitude, end of base) of a unit match."""
    if m is None:
        return "", "", "", -1, -1
    if m.group("base"):
        return m.group("mag"), m.group("base"), m.group("rate") or "", m.end("mag"), m.end("base")
    if m.group("base2"):
        return "", m.group("base2"), m.group("rate") or "", m.start(), m.end("base2")
    if m.group("mag2"):
        return m.group("mag2"), "", "", m.end("mag2"), m.end("mag2")
    return "", "", "", -1, -1


_DIGIT = re.compile(r"\d")
_COUNT_NOUN_GAP = re.compile(r"[\u4e00-\u9fff]{1,2}?(?=以上|以内)")


def _match_unit(folded: str, pos: int, lead_mag: str = "") -> _Unit:
    """The unit starting at ``pos`` (after optional spaces); ``lead_mag`` is a
    magnitude already peeled off a Chinese numeral (两千三百|亿|元)."""
    pats = _patterns()
    units = load_units()
    p = pos
    while p < len(folded) and folded[p] in " \t":
        p += 1
    m = pats.unit.match(folded, p)
    if lead_mag and m is not None and not (m.group("base") or m.group("base2")):
        m = None  # 两千三百亿 is followed by a base unit or nothing
    mag, base, rate, mag_end, base_end = _unit_parts(m)
    if base:
        info = units[base]
        nxt = folded[base_end: base_end + 1]
        if nxt and nxt in info.not_before:
            if mag:
                # 10万家庭: the magnitude alone is the unit
                base, rate, end = "", "", mag_end
            else:
                return _Unit(lead_mag, pos, "magnitude") if lead_mag else _Unit()
        else:
            end = m.end()
    elif mag:
        end = mag_end
    else:
        return _Unit(lead_mag, pos, "magnitude") if lead_mag else _Unit()
    text = lead_mag + mag + base + rate
    kind = units[base].kind if base else "magnitude"
    note = ""
    # an OCR slip puts the magnitude after the base unit: 2000方万
    if base and not mag and not lead_mag and not rate and end < len(folded) and folded[end] in _MAG_CHARS:
        after = pats.unit.match(folded, end + 1)
        if not _unit_parts(after)[1]:
            text += folded[end]
            end += 1
            note = "unit_slip"
    return _Unit(text, end, kind, note)


def _is_caption_number(folded: str, start: int) -> bool:
    """图1：2011-2015年…, 附表2: the number of a chart or table."""
    return start > 0 and folded[start - 1] in "图表" and folded[max(0, start - 2): start - 1] in ("", "附", " ", "\n")


def _is_ident_context(folded: str, start: int, end: int) -> bool:
    """Numbers glued to Latin letters or formula marks are names (G60, 5G, PM2.5, 4+X)."""
    before = folded[start - 1] if start > 0 else ""
    after = folded[end] if end < len(folded) else ""
    if (before and before in "_{+") or (after and after in "}+"):
        return True
    if before.isascii() and before.isalpha():
        # GDP46亿元 is fine: only short letter codes (G, PM, A) name things
        letters = re.search(r"[A-Za-z]+$", folded[max(0, start - 6): start])
        if letters and len(letters.group(0)) <= 2:
            return True
    if after.isascii() and after.isalpha():
        return True
    return False


def _in_ratio(folded: str, start: int, end: int) -> bool:
    """Members of a ratio such as 三次产业结构 2.34:4:63.6."""
    after = folded[end: end + 2]
    before = folded[max(0, start - 2): start]
    return (after[:1] == ":" and after[1:2].isdigit()) or (before[-1:] == ":" and before[:1].isdigit())


def _scan_one(folded: str, m: re.Match, pats: _Patterns) -> Quantity | None:
    start = m.start()
    g = m.lastgroup
    if m.group("special"):
        word = m.group("special")
        value, cmp_, measure = pats.specials[word]
        # 翻一番 is 1 番 as written; a bare 翻番 (no number written) reads as 2 倍
        unit = ("番" if re.search(r"[一两二三四]番", word) else "倍") if word.startswith("翻") else ""
        return Quantity(word, start, m.end(), value, NAN, unit, cmp_, False, "special", "multiple" if unit else "", "", measure, m.end())
    if m.group("fan"):
        n = _number_value(m.group("fan_n"))
        if n is None:
            return None
        return Quantity(m.group(0), start, m.end(), n, NAN, "倍", "", False, "special", "multiple", "", "growth", m.end())
    if m.group("pw"):
        v = _number_value(m.group("pw"))
        q = Quantity(m.group(0), start, m.end(), v if v is not None else NAN, NAN, "%", "", False, "percent_word", "percent", "" if v is not None else "unparsed", "", m.end())
        # 百分之四点五至百分之五: a range written in words
        r = pats.range_sep.match(folded, m.end())
        if r and v is not None:
            m2 = pats.master.match(folded, r.end())
            if m2 is not None and m2.group("pw"):
                hi = _number_value(m2.group("pw"))
                if hi is not None and hi > v:
                    q = replace(q, end=m2.end(), value_high=hi, comparator="range", text=folded[start : m2.end()])
        return _with_suffix(folded, q, pats)
    if m.group("fd"):
        den, num = _number_value(m.group("fd")), _number_value(m.group("fn"))
        ok = den not in (None, 0) and num is not None
        q = Quantity(m.group(0), start, m.end(), num / den if ok else NAN, NAN, "fraction", "", False, "fraction", "fraction", "" if ok else "unparsed", "", m.end())
        return _with_suffix(folded, q, pats)
    if m.group("an"):
        num, den = float(m.group("an")), float(m.group("ad"))
        if den == 0 or num >= den:
            return None
        q = Quantity(m.group(0), start, m.end(), num / den, NAN, "fraction", "", False, "fraction", "fraction", "", "", m.end())
        return _with_suffix(folded, q, pats)

    # a plain number, a mask or a Chinese numeral, then its unit
    core = m.group(0)
    core_end = m.end()
    lead_mag = ""
    if g == "num":
        form = "arabic"
        value = _arabic_value(core)
    elif g == "mask":
        form, value = "mask", NAN
    else:
        form = "chinese"
        body = core
        # the last 万/亿 of a Chinese numeral belongs to the unit: 两千三百|亿元
        for mag in ("万亿", "亿", "万"):
            if body.endswith(mag):
                body, lead_mag = body[: -len(mag)], mag
                break
        if body == "":
            form = "magnitude"
            value = 1.0
        else:
            v = chinese_numeral_value(body)
            if v is None:
                return None
            value = v
        core_end = start + len(body) if body else start
    p = m.end()
    infix = ""
    if p < len(folded) and folded[p] in pats.infix_cmp and form != "magnitude":
        u = _match_unit(folded, p + 1)
        if u.text:
            infix = folded[p]
            p += 1
    u = _match_unit(folded, p, lead_mag)
    end = u.end if u.text and u.end > 0 else m.end()
    if u.text and u.end <= 0:
        end = m.end()
    unit, kind, note = u.text, u.kind, u.note
    comparator = pats.infix_cmp.get(infix, "")
    if unit in ("万", "亿", "万亿") and end < len(folded) and folded[end] in pats.infix_cmp:
        # 3万多项, 960多万人 is handled above; here the 多 follows the magnitude
        u2 = _match_unit(folded, end + 1)
        if u2.text and u2.end > end + 1:
            comparator = pats.infix_cmp[folded[end]]
            unit, kind, note, end = unit + u2.text, u2.kind or kind, u2.note or note, u2.end
    value_high = NAN
    # ranges: 1-2个, 6%至6.5%, 4.5%—5%
    r = pats.range_sep.match(folded, end)
    if r and form in ("arabic", "mask") and not infix:
        m2 = pats.master.match(folded, r.end())
        if m2 is not None and m2.lastgroup == ("num" if form == "arabic" else "mask"):
            u2 = _match_unit(folded, m2.end())
            same = (not unit) or unit == u2.text
            if same and (u2.text or not unit) and not (r.group("sep") == "到" and not unit and not u2.text):
                hi = _arabic_value(m2.group(0)) if form == "arabic" else NAN
                end = u2.end if u2.text else m2.end()
                unit, kind = u2.text or unit, u2.kind or kind
                value_high = hi
                comparator = "range"
    ratio = form == "arabic" and not unit and _in_ratio(folded, start, m.end())
    if ratio:
        kind = "ratio"
    q = Quantity(
        folded[start:end],
        start,
        end,
        value,
        value_high,
        unit,
        comparator,
        form == "mask",
        form,
        kind,
        note,
        "",
        core_end,
        _is_caption_number(folded, start) or ((not ratio) and _is_ident_context(folded, start, end if unit else m.end())),
    )
    return _with_suffix(folded, q, pats)


def _with_suffix(folded: str, q: Quantity, pats: _Patterns) -> Quantity:
    s = pats.suffix.match(folded, q.end)
    end = q.end
    cmp_ = q.comparator
    if s is None and q.unit_kind == "count":
        # 50个村以上: a short noun may stand between the measure word and 以上
        s2 = _COUNT_NOUN_GAP.match(folded, q.end)
        if s2 and s2.end() > q.end:
            s = pats.suffix.match(folded, s2.end())
    if s is not None:
        end = s.end()
        if cmp_ != "range":
            cmp_ = pats.suffix_cmp.get(s.group("sfx"), cmp_)
    if end == q.end and cmp_ == q.comparator:
        return q
    return replace(q, end=end, comparator=cmp_, text=folded[q.start:end])


def scan_quantities(text: str, folded: str | None = None) -> list[Quantity]:
    """Every candidate quantity in ``text``, in order, with spans into ``text``.

    Candidates include things that are not figures (years: ``unit_kind ==
    "time"``; names: ``"name"``; identifiers such as ``G60``: ``is_identifier``;
    bare numbers without a unit) so that the caller can decide with context.
    Dates (``2022-01-18``, ``1月18日``) are skipped here.  Never raises.
    """
    if not isinstance(text, str) or not text:
        return []
    folded = fold_text(text) if folded is None else folded
    pats = _patterns()
    # every date and clock time has an Arabic digit
    blocked = [(d.start(), d.end()) for d in pats.date.finditer(folded)] if _DIGIT.search(folded) else []
    out: list[Quantity] = []
    pos = 0
    n = len(folded)
    while pos < n:
        m = pats.master.search(folded, pos)
        if m is None:
            break
        if any(a <= m.start() < b for a, b in blocked):
            pos = next(b for a, b in blocked if a <= m.start() < b)
            continue
        try:
            q = _scan_one(folded, m, pats)
        except (ValueError, OverflowError, ZeroDivisionError):
            q = Quantity(m.group(0), m.start(), m.end(), note="unparsed")
        if q is None:
            pos = m.end() if m.end() > m.start() else m.start() + 1
            continue
        q = _with_sign(text, folded, q)
        if q.text != text[q.start:q.end]:
            q = replace(q, text=text[q.start:q.end])
        out.append(q)
        pos = max(q.end, m.start() + 1)
    return out


#: Minus signs as written: hyphen-minus, U+2212 and the full-width form; a dash
#: (—, –) between words is never a sign.
_MINUS = ("-", "\u2212", "\uff0d")


def _with_sign(text: str, folded: str, q: Quantity) -> Quantity:
    """``q`` negated when a minus sign stands right before it after a word or
    punctuation (``增速为-6.3%``, ``同比分别-6.2%、-19.3%``); a hyphen after a
    digit or a letter belongs to a range or a name (``2017-2021``, ``G-6``)."""
    i = q.start - 1
    if i < 0 or text[i] not in _MINUS or q.form not in ("arabic",) or math.isnan(q.value):
        return q
    before = folded[i - 1] if i > 0 else ""
    if before and (before.isascii() and before.isalnum() or before in "-.%"):
        return q
    high = q.value_high if math.isnan(q.value_high) else -q.value_high
    return replace(q, start=i, value=-q.value, value_high=high, text=folded[i: q.end])


def parse_number(text: str) -> Quantity:
    """Parse one numeric expression (``8%以上``, ``1.5万亿元``, ``6%至6.5%``,
    ``三分之一``, ``超亿元``, ``X％``, ``翻番``).

    A comparator word before the number (``超``, ``不低于``, ``约``) or after it
    (``以上``, ``左右``) sets ``comparator``.  Text that holds no number gives a
    Quantity with NaN value and ``note == "unparsed"``; it never raises.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    folded = fold_text(text)
    found = scan_quantities(text, folded)
    if not found:
        return Quantity(text, 0, len(text), note="unparsed")
    q = found[0]
    if q.form == "magnitude" and len(found) > 1:
        q = found[1]
    head = folded[: q.start].strip()
    if head and q.comparator in ("", "="):
        for cue, val in _patterns().prefix_cmp:
            if head.endswith(cue):
                q = replace(q, comparator=val)
                break
    if not q.comparator:
        q = replace(q, comparator="=")
    return q
