"""Cleaning: from decoded raw text to one canonical text per document.

The cleaned text is what every later table points into (``char_start``,
``char_end``).  Its canonical form:

* simplified script (OpenCC ``t2s``);
* full-width Chinese punctuation in Chinese text (``，。；：（）！？“”``),
  half-width digits, Latin letters and ``%``; masks (``*``, ``X``, ``XX``) as
  written; no spaces between a number and the Chinese around it
  (``2024 年`` → ``2024年``);
* one paragraph per line: hard-wrapped lines rejoined, sentences that a page
  break or page furniture cut in two rejoined, page furniture removed;
* a website metadata header moved out of the text into document metadata.

Every change is recorded in the cleaning log (columns ``doc_id, step,
raw_line, column, before, after, context``): ``raw_line`` is the 1-based line
of the decoded raw file, ``column`` the 0-based position in that line (after
the earlier steps of the same line), so nothing disappears unseen.

Character cleaners are small ``str → str`` functions; the line and paragraph
steps work on :class:`Line` lists so that they can log raw line numbers.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from .config import PACKAGE_DATA

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Chinese punctuation that marks Chinese context for a neighbouring ASCII mark.
CJK_PUNCT = "，。、；：！？“”‘’（）《》【】—…·"
_CJK_OR_PUNCT = f"[{CJK}{CJK_PUNCT}]"
_CJK_OR_PUNCT_RE = re.compile(_CJK_OR_PUNCT)
_CJK_RE = re.compile(f"[{CJK}]")
_STRAIGHT_QUOTES = re.compile(f'"([^"\\n]*[{CJK}][^"\\n]*)"')
#: Marks that end a sentence (after normalisation).
TERMINAL = "。！？；：…"
#: Closing marks that may follow a terminal mark (``。”``).
CLOSERS = "”’）》」』】)\"'"

LOG_COLUMNS = ["doc_id", "step", "raw_line", "column", "before", "after", "context"]


@dataclass
class Line:
    """A line of the raw file (``lineno`` 1-based) as it is being cleaned."""

    text: str
    lineno: int
    end_lineno: int | None = None

    @property
    def last_line(self) -> int:
        return self.end_lineno or self.lineno


@dataclass
class CleanResult:
    """The outcome of :func:`clean_text`."""

    text: str
    log: list[dict] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    #: ``(start, end, first_raw_line, last_raw_line)`` per paragraph of ``text``.
    paragraphs: list[tuple[int, int, int, int]] = field(default_factory=list)
    layout: str = "lines"


# --------------------------------------------------------------------------
# Character cleaners (str -> str)
# --------------------------------------------------------------------------


def remove_invisible(text: str) -> str:
    """Drop BOMs, zero-width characters and soft hyphens; no-break spaces become spaces."""
    text = _INVISIBLE.sub("", text)
    return text.replace("\u00a0", " ")


_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
#: A pinyin reading in parentheses right after a character: 生產(chǎn), 鎮（zhèn）.
#: A tone mark is required, so (a), (GDP) and (PM2.5) are never touched.
_INLINE_PINYIN = re.compile(rf"(?<=[{CJK}])[(（][ \t]?(?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[ \t]?[)）]")  # 會(huì ) too


def remove_inline_pinyin(text: str) -> str:
    """Drop pinyin readings printed after characters (``生產(chǎn)總值`` → ``生產總值``),
    as some sites annotate reports."""
    if "(" not in text and "（" not in text:
        return text
    return _INLINE_PINYIN.sub("", text)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _convertible():
    """A regex of every CJK character OpenCC t2s changes (built once from OpenCC itself)."""
    chars = [chr(c) for c in range(0x3400, 0xA000)] + [chr(c) for c in range(0xF900, 0xFB00)]
    converted = _t2s().convert("".join(chars))
    if len(converted) != len(chars):  # pragma: no cover - OpenCC maps characters one to one
        return re.compile(f"[{CJK}]")
    changed = "".join(a for a, b in zip(chars, converted) if a != b)
    return re.compile(f"[{re.escape(changed)}]") if changed else re.compile(r"(?!x)x")


@lru_cache(maxsize=4096)
def to_traditional(text: str) -> str:
    """Simplified → traditional characters (OpenCC ``s2t``): a unit of a
    traditional report is reported as written there (``萬噸``, ``個百分點``)."""
    return _s2t().convert(text) if text else text


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def to_simplified(text: str) -> str:
    """Traditional → simplified characters (OpenCC ``t2s``, phrase-aware).

    Text with no character that t2s would change is returned as it is
    without calling OpenCC (most of a simplified corpus).
    """
    if not _convertible().search(text):
        return text
    return _t2s().convert(text)


_FW_ALNUM = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # ０-９
_FW_ALNUM.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FW_ALNUM.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FW_ALNUM.update({"％": "%", "＊": "*", "＋": "+", "／": "/", "＝": "=", "＜": "<", "＞": ">", "＿": "_"})
_FW_TABLE = str.maketrans(_FW_ALNUM)


def fullwidth_to_halfwidth(text: str) -> str:
    """Full-width digits, Latin letters, ``％`` and maths signs → half-width.

    A full-width full stop or comma between digits (``１．５``) is a decimal
    point or thousands separator and becomes ``.``/``,``.
    """
    if _FW_ANY.search(text):
        text = text.translate(_FW_TABLE)
    if _ANY_DIGIT.search(text):  # both patterns need a digit
        text = _FW_DECIMAL.sub(".", text)
        text = _FW_THOUSANDS.sub(",", text)
    return text


_FW_ANY = re.compile("[" + re.escape("".join(sorted(_FW_ALNUM))) + "]")
_ANY_DIGIT = re.compile(r"\d")


_FW_DECIMAL = re.compile(r"(?<=\d)[．｡](?=\d)")
_FW_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


_ASCII_TO_CJK_PUNCT = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}


def halfwidth_punct_to_fullwidth(text: str) -> str:
    """ASCII ``, ; : ! ?`` and parentheses in Chinese text → full-width.

    Marks between two digits stay (``1,200`` is a thousands separator,
    ``2.34:4:63.6`` a ratio); marks with no Chinese on either side stay.
    """
    if not _ASCII_MARK_OR_PAREN.search(text):
        return text

    def mark(m: re.Match) -> str:
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if before.isdigit() and after.isdigit():
            return m.group()
        chinese = _CJK_OR_PUNCT_RE.match(before or " ") or _CJK_OR_PUNCT_RE.match(after or " ")
        # A mark after a figure (``7.2%,9.4%``) also belongs to the Chinese sentence.
        figure = re.match(r"[\d%]", before or " ") and _CJK_RE.search(text)
        return _ASCII_TO_CJK_PUNCT[m.group()] if (chinese or figure) else m.group()

    text = _ASCII_MARK.sub(mark, text)

    def paren(m: re.Match) -> str:
        inner = m.group(1)
        around = text[max(0, m.start() - 1) : m.start()] + text[m.end() : m.end() + 1]
        if _CJK_RE.search(inner + around):
            return f"（{inner}）"
        return m.group()

    # Innermost pairs first; a lone parenthesis is left as it is.
    prev = None
    while prev != text and "(" in text:
        prev = text
        text = _PAREN_PAIR.sub(paren, text)
    return text


_ASCII_MARK = re.compile(r"[,;:!?]")
_ASCII_MARK_OR_PAREN = re.compile(r"[,;:!?(]")
_PAREN_PAIR = re.compile(r"\(([^()（）]*)\)")


def straight_quotes_to_curly(text: str) -> str:
    """Pairs of ASCII double quotes around Chinese text → ``“…”``."""
    if '"' not in text:
        return text
    return _STRAIGHT_QUOTES.sub(r"“\1”", text)


_REPEATS = [
    (re.compile(r"([，。；：、！？])\1+"), r"\1"),  # ，， → ，
    (re.compile(r"[，、]+([；。！？：])"), r"\1"),  # ，； → ；   ，。 → 。
    (re.compile(r"([；：])[，、]+"), r"\1"),  # ；， → ；
]


_TWO_MARKS = re.compile(r"[，。；：、！？]{2}")


def collapse_repeated_punct(text: str) -> str:
    """Odd punctuation (``,,``, ``,;``, ``；，``) → one mark, the stronger one."""
    if not _TWO_MARKS.search(text):
        return text  # every pattern needs two marks in a row
    for pattern, repl in _REPEATS:
        text = pattern.sub(repl, text)
    return text


_SPACE_NUM = [
    re.compile(f"(?<={_CJK_OR_PUNCT})[ \t\u3000]+(?=[0-9A-Za-z%])"),
    re.compile(f"(?<=[0-9A-Za-z%])[ \t\u3000]+(?={_CJK_OR_PUNCT})"),
    re.compile(r"(?<=\d)[ \t]+(?=[%‰.]\d*)"),
    re.compile(r"(?<=\d\.)[ \t]+(?=\d)"),
]


def remove_spaces_around_figures(text: str) -> str:
    """No spaces between a figure or Latin word and the Chinese around it.

    ``2024 年`` → ``2024年``, ``新 CBD、`` → ``新CBD、``, ``50 %`` → ``50%``.
    Spaces between two Chinese characters are kept (``郭 南``, headline
    phrases): they may carry meaning, and page-furniture removal handles the
    spaced running heads.
    """
    if not _SPACE_CHAR.search(text):
        return text  # every pattern removes spaces
    for pattern in _SPACE_NUM:
        text = pattern.sub("", text)
    return text


_SPACE_CHAR = re.compile("[ \t\u3000]")


def strip_line(text: str) -> str:
    """Leading and trailing spaces (ASCII, ideographic, tabs) of a line."""
    return text.strip(" \t\u3000\r")


#: The character pipeline, in order: (log step name, cleaner).
CHAR_STEPS: list[tuple[str, Callable[[str], str]]] = [
    ("remove_invisible", remove_invisible),
    ("remove_inline_pinyin", remove_inline_pinyin),
    ("to_simplified", to_simplified),
    ("fullwidth_to_halfwidth", fullwidth_to_halfwidth),
    ("halfwidth_punct_to_fullwidth", halfwidth_punct_to_fullwidth),
    ("straight_quotes_to_curly", straight_quotes_to_curly),
    ("collapse_repeated_punct", collapse_repeated_punct),
    ("remove_spaces_around_figures", remove_spaces_around_figures),
    ("strip_line", strip_line),
]


def normalize_chars(text: str) -> str:
    """Run every character cleaner on ``text`` (no logging)."""
    for _, func in CHAR_STEPS:
        text = func(text)
    return text


#: A short Latin token that a copying site appends to every line (``各位代表:pbY``,
#: ``工作回顾F9f``) or leaves between lines it ran together (``工作报告BNC   ——``).
_WATERMARK_SLOT = re.compile(r"(?<![A-Za-z0-9])([A-Za-z0-9]{2,5})(?=[ \t\u3000]{2,}|[ \t\u3000]*(?:\n|$))")
#: Acronyms a report may well put at a line end and that are text, not a watermark.
_REAL_ACRONYMS = frozenset({"GDP", "CPI", "PPI", "PMI", "PM", "AAA", "AAAA", "AAAAA", "GNP", "PPP", "EPC", "RMB", "USD", "APP", "VR", "AI"})


def find_line_watermark(raw: str) -> str:
    """The watermark token of ``raw``, or ``""``.

    A token counts when it ends (or splits) at least three lines and at least a
    quarter of the non-blank lines, holds a letter and is no common acronym: a
    real word does not end every fourth line of a report.
    """
    counts: dict[str, int] = {}
    for m in _WATERMARK_SLOT.finditer(raw):
        tok = m.group(1)
        if re.search(r"[A-Za-z]", tok) and tok.upper() not in _REAL_ACRONYMS:
            counts[tok] = counts.get(tok, 0) + 1
    if not counts:
        return ""
    tok, n = max(sorted(counts.items()), key=lambda kv: kv[1])
    lines = sum(1 for line in raw.split("\n") if line.strip())
    return tok if n >= 3 and n >= 0.25 * lines else ""


#: A run of short ASCII scraps a forum's copy guard scatters over a page (``296亿元7 M& T" a+ {* Q3 b( I``):
#: four or more tokens of one or two characters, between line edges or Chinese text.
_JAMMER = re.compile(r"(?:^|(?<=[^\x00-\x7f]))[ \t]*(?:[!-~]{1,2}[ \t]+){3,}[!-~]{1,2}[ \t]*(?=$|[^\x00-\x7f])")
#: Characters real text hardly puts in such short tokens: one of them, and two with
#: punctuation counted, mark a run as junk (not |, which parts a table's cells).
_JAMMER_SYMBOLS = re.compile(r"[&\"'{}*+~`\[\]@$#^\\<>=_()!?]")
_JAMMER_PUNCT = re.compile(r"[,.:;]")


def _remove_jammer(text: str, lineno: int, log: "_Log") -> str:
    """``text`` without copy-guard scraps (logged); real words and figures stay."""
    if not _JAMMER.search(text):
        return text
    out, last = [], 0
    for m in _JAMMER.finditer(text):
        odd = len(_JAMMER_SYMBOLS.findall(m.group(0)))
        if not odd or odd + len(_JAMMER_PUNCT.findall(m.group(0))) < 2:
            continue
        log.add("remove_copy_guard_junk", lineno, m.start(), m.group(0), "", "short ASCII scraps a copying site scattered over the text")
        out.append(text[last: m.start()])
        last = m.end()
    return "".join(out) + text[last:]


def _split_at_watermark(raw: str, mark: str, log: "_Log") -> list[list[str]]:
    """The raw lines, each as the pieces a watermark ``mark`` separated (logged),
    copy-guard scraps removed."""
    out: list[list[str]] = []
    cut = re.compile(rf"(?<![A-Za-z0-9]){re.escape(mark)}(?:[ \t\u3000]{{2,}}|[ \t\u3000]*$)") if mark else None
    for lineno, text in enumerate(raw.split("\n"), start=1):
        text = _remove_jammer(text, lineno, log)
        if cut is None or not cut.search(text):
            out.append([text])
            continue
        for m in cut.finditer(text):
            log.add("remove_line_watermark", lineno, m.start(), m.group(0), "", "a copying site's token at a line end")
        pieces = cut.split(text)
        out.append([p for p in pieces if p] or [""])
    return out


# --------------------------------------------------------------------------
# Logging helpers
# --------------------------------------------------------------------------


class _Log:
    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.rows: list[dict] = []

    def add(self, step: str, raw_line: int, column: int, before: str, after: str, context: str = "") -> None:
        self.rows.append(
            {
                "doc_id": self.doc_id,
                "step": step,
                "raw_line": int(raw_line),
                "column": int(column),
                "before": before,
                "after": after,
                "context": context,
            }
        )

    def diff(self, step: str, raw_line: int, old: str, new: str) -> None:
        if len(old) == len(new):
            # Character-for-character replacements (punctuation, width, script):
            # compare position by position and log each run of changed characters.
            i, n = 0, len(old)
            while i < n:
                if old[i] == new[i]:
                    i += 1
                    continue
                j = i
                while j < n and old[j] != new[j]:
                    j += 1
                self.add(step, raw_line, i, old[i:j], new[i:j], old[max(0, i - 8) : j + 8])
                i = j
            return
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            context = old[max(0, i1 - 8) : i2 + 8]
            self.add(step, raw_line, i1, old[i1:i2], new[j1:j2], context)


# --------------------------------------------------------------------------
# Line and paragraph steps
# --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def furniture_patterns() -> list[tuple[re.Pattern, str, str]]:
    """Page-furniture patterns from ``data/page_furniture.csv``: (regex, context, description)."""
    with open(PACKAGE_DATA / "page_furniture.csv", encoding="utf-8") as f:
        return [(re.compile(r["pattern"]), r["context"], r["description"]) for r in csv.DictReader(f)]


@lru_cache(maxsize=1)
def site_header_fields() -> dict[str, str]:
    """Website metadata labels (``索引号``) → metadata field names (``index_no``)."""
    with open(PACKAGE_DATA / "site_header_fields.csv", encoding="utf-8") as f:
        return {r["label"]: r["field"] for r in csv.DictReader(f)}


_HEADER_ROW = re.compile(r"^\s*[^|]{1,12}[:：]\s*\|")
_HEADER_RULE = re.compile(r"^\s*-{2,}\s*(\|\s*-*\s*)+\|?\s*$")


def extract_site_header(lines: list[Line], log: _Log) -> tuple[list[Line], dict[str, str]]:
    """Remove a publishing website's metadata table at the top of a file.

    ``索引号: | 001008006002075/2022-141086 | 主题分类: | … |`` rows (and the
    ``---|---|`` rule under them) become metadata fields named by
    ``data/site_header_fields.csv``; unknown labels are kept under their own
    label.  Only leading rows are taken: a table inside the report stays text.
    """
    labels = site_header_fields()
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines) and (not lines[i].text.strip() or _HEADER_ROW.match(lines[i].text) or _HEADER_RULE.match(lines[i].text)):
        if not lines[i].text.strip():
            i += 1
            continue
        cells = [c.strip() for c in lines[i].text.split("|")]
        for j in range(0, len(cells) - 1, 2):
            label = cells[j].rstrip(":：").strip()
            value = cells[j + 1].strip()
            if label and value and not set(label) <= set("-"):
                meta[labels.get(label, label)] = value
        log.add("extract_site_header", lines[i].lineno, 0, lines[i].text, "", "moved to document metadata")
        i += 1
    if not meta:
        return lines, {}
    return lines[i:], meta


def remove_page_furniture(lines: list[Line], log: _Log) -> list[Line]:
    """Drop newspaper and PDF page furniture lines (patterns in ``data/page_furniture.csv``).

    Patterns marked ``isolated`` (spaced running heads such as ``政 府``) are
    furniture only when blank lines stand on both sides, so a speaker's name
    written ``郭 南`` under a title stays.
    """
    out: list[Line] = []
    for k, line in enumerate(lines):
        text = line.text.strip()
        hit = None
        for pattern, context, description in furniture_patterns():
            if text and pattern.match(text):
                if context == "isolated":
                    prev_blank = k == 0 or not lines[k - 1].text.strip()
                    next_blank = k == len(lines) - 1 or not lines[k + 1].text.strip()
                    if not (prev_blank and next_blank):
                        continue
                hit = description
                break
        if hit:
            log.add("remove_page_furniture", line.lineno, 0, line.text, "", hit)
        else:
            out.append(line)
    return out


HEADING_START = re.compile(
    r"^\s*(?:"
    r"[一二三四五六七八九十百]+[、.．]"
    r"|[（(][一二三四五六七八九十百]+[)）]"
    r"|\d{1,3}\s*[、.．](?!\d)"
    r"|[（(]\d{1,3}[)）]"
    r"|[①-⑳]"
    r"|第[一二三四五六七八九十百\d]+[章节部分条]"
    r"|[一二三四五六七八九十]+[是要]"
    r")"
)


def _is_complete(text: str) -> bool:
    """Does ``text`` end where a sentence may end (terminal mark, maybe closed)?"""
    t = text.rstrip()
    while t and t[-1] in CLOSERS:
        t = t[:-1]
    return bool(t) and t[-1] in TERMINAL + "!?;:"


def _is_prose(text: str) -> bool:
    """Prose has sentence-internal punctuation; headlines and title lines don't."""
    return re.search(r"[，。；、：,;:]", text) is not None


def is_table_row(text: str) -> bool:
    """A row of a table written with its cells apart (``| 总户数 | 户 | 64933 |``)."""
    return text.count("|") >= 2


def _ends_mid_sentence(text: str) -> bool:
    """Text that a page break cut: prose, not a heading, not ending a sentence."""
    t = text.rstrip()
    if is_table_row(t):
        return False  # a table row ends with its row
    if t.endswith(("，", "、", ",")):
        return True
    # A heading line ("二、凝聚力量，开启新征程") ends without a mark; a numbered
    # paragraph with sentences in it ("（二）…。…我们要") can still be cut.
    heading_only = HEADING_START.match(t) is not None and re.search("[。！？；]", t) is None
    return _is_prose(t) and not _is_complete(t) and not heading_only


def detect_layout(lines: list[Line]) -> str:
    """``hard_wrapped`` (PDF text broken every ~15–40 characters) or ``lines``.

    Hard-wrapped: at least ten non-blank lines, median length ≤ 40, and most
    lines neither end a sentence nor are much shorter than the median.
    """
    texts = [ln.text.strip() for ln in lines if ln.text.strip()]
    if len(texts) < 10:
        return "lines"
    lengths = sorted(len(t) for t in texts)
    median = lengths[len(lengths) // 2]
    if median > 40:
        return "lines"
    wrapped = sum(1 for t in texts if not _is_complete(t) and len(t) >= 0.7 * median)
    return "hard_wrapped" if wrapped / len(texts) >= 0.5 else "lines"


def _join(a: str, b: str) -> str:
    # Latin words broken across lines keep a space; Chinese and figures do not.
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return a + b


#: Marks that open a list item on its own line: it starts a paragraph, whatever ends the line before.
_BULLETS = ("●", "•", "◆", "■", "▲", "★", "◇", "□", "○", "▶", "►", "◎")


def assemble_paragraphs(lines: list[Line], layout: str, log: _Log) -> list[Line]:
    """Group cleaned lines into paragraphs.

    * ``hard_wrapped``: consecutive lines are one paragraph, except that a
      line starting with a heading marker after a complete sentence, or after
      a heading, begins a new one.
    * every layout: a paragraph that ends mid-sentence (prose with no
      terminal mark) is joined to the next non-heading paragraph across blank
      lines and removed furniture — the sentence a page break cut in two.
    """
    blocks: list[Line] = []
    current: Line | None = None
    widths = sorted(len(ln.text.strip()) for ln in lines if ln.text.strip())
    short = 0.6 * widths[len(widths) // 2] if widths else 0
    last_width = 0  # of the raw line just read: a wrapped paragraph's short line is its last
    for line in lines:
        text = line.text
        if not text:
            if current is not None:
                blocks.append(current)
                current = None
            blocks.append(Line("", line.lineno))  # blank marker
            continue
        width, last_width = last_width, len(text.strip())
        if current is None:
            current = Line(text, line.lineno)
            continue
        if layout == "hard_wrapped" and width >= short and not (
            HEADING_START.match(text) and (_is_complete(current.text) or HEADING_START.match(current.text))
        ) and not is_table_row(text) and not is_table_row(current.text):
            log.add("rejoin_hard_wrap", line.lineno, 0, current.text[-8:] + "⏎" + text[:8], _join(current.text[-8:], text[:8]), "line break inside a paragraph")
            current = Line(_join(current.text, text), current.lineno, line.lineno)
            continue
        blocks.append(current)
        current = Line(text, line.lineno)
    if current is not None:
        blocks.append(current)

    # A text whose lines are items without a full stop (a news digest: 城镇新增就业1206万人 /
    # 居民消费价格上涨2%) is not cut by page breaks; its blank lines part items.
    texts = [b.text for b in blocks if b.text and not HEADING_START.match(b.text)]
    itemised = len(texts) >= 8 and sum(1 for t in texts if not _is_complete(t)) > 0.4 * len(texts)
    paragraphs: list[Line] = []
    pending_blank = False
    # the document's first line is its title (2020年…工作报告解读（一）：经济…): never a cut sentence
    first_line = next((b.lineno for b in blocks if b.text), None)
    for block in blocks:
        if not block.text:
            pending_blank = True
            continue
        headline = len(block.text) <= 12 and not _is_prose(block.text)  # 过去五年, a heading of its own
        if (
            paragraphs and _ends_mid_sentence(paragraphs[-1].text) and not HEADING_START.match(block.text)
            and not (len(paragraphs) == 1 and len(paragraphs[0].text) <= 60 and "。" not in paragraphs[0].text
                     and paragraphs[0].lineno == first_line)
            and not headline and not is_table_row(block.text) and not (itemised and pending_blank)
            and not block.text.lstrip().startswith(_BULLETS)  # ●财政总收入增长18%以上: an item of its own
        ):
            prev = paragraphs[-1]
            what = "page break" if pending_blank else "line break"
            log.add(
                "rejoin_cut_sentence",
                block.lineno,
                0,
                prev.text[-8:] + "⏎" + block.text[:8],
                _join(prev.text[-8:], block.text[:8]),
                f"sentence cut by a {what} (raw lines {prev.last_line}-{block.lineno})",
            )
            paragraphs[-1] = Line(_join(prev.text, block.text), prev.lineno, block.last_line)
        else:
            paragraphs.append(block)
        pending_blank = False
    return paragraphs


# --------------------------------------------------------------------------
# The whole pipeline
# --------------------------------------------------------------------------


def clean_text(raw: str, doc_id: str = "") -> CleanResult:
    """Clean one decoded raw document.

    Returns a :class:`CleanResult`: the cleaned ``text`` (paragraphs joined by
    ``\\n``), the cleaning ``log`` rows (see :data:`LOG_COLUMNS`), the
    ``metadata`` read out of a website header, the paragraph spans with their
    raw line numbers, and the detected ``layout``.
    """
    log = _Log(doc_id)
    if "\r" in raw:
        log.add("normalize_newlines", 1, 0, "\\r\\n" if "\r\n" in raw else "\\r", "\\n", f"{raw.count(chr(13))} carriage returns")
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[Line] = []
    mark = find_line_watermark(raw)
    for lineno, pieces in enumerate(_split_at_watermark(raw, mark, log), start=1):
        for text in pieces:
            for step, func in CHAR_STEPS:
                new = func(text)
                if new != text:
                    if step == "strip_line":
                        log.add(step, lineno, 0, repr(text[: len(text) - len(text.lstrip())]) + "…" + repr(text[len(text.rstrip()) :]), "", "leading/trailing spaces")
                    else:
                        log.diff(step, lineno, text, new)
                    text = new
            lines.append(Line(text, lineno))

    lines, metadata = extract_site_header(lines, log)
    lines = remove_page_furniture(lines, log)
    layout = detect_layout(lines)
    paragraphs = assemble_paragraphs(lines, layout, log)
    # a pair of ASCII parentheses a line break cut in two is only whole once the lines are joined
    for k, para in enumerate(paragraphs):
        if para.last_line != para.lineno and "(" in para.text:
            fixed = halfwidth_punct_to_fullwidth(para.text)
            if fixed != para.text:
                log.diff("halfwidth_punct_to_fullwidth", para.lineno, para.text, fixed)
                paragraphs[k] = Line(fixed, para.lineno, para.end_lineno)

    parts: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    pos = 0
    for para in paragraphs:
        if parts:
            pos += 1  # the "\n" between paragraphs
        spans.append((pos, pos + len(para.text), para.lineno, para.last_line))
        parts.append(para.text)
        pos += len(para.text)
    return CleanResult("\n".join(parts), log.rows, metadata, spans, layout)
