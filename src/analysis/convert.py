"""Reading reports as governments publish them: plain text, web pages, PDF and Word.

:func:`read_report` turns the bytes of one raw file into the text that
cleaning reads, and says how: the format (``source_format``), the converter
and its version, what the converter left out (site navigation, running page
headers and footers, page numbers — as cleaning-log rows, so nothing
disappears unseen), warnings, and what the file states about itself (page
title, publication date).  The raw file is never changed.

The format is read from the bytes first (``%PDF-``, a zip holding
``word/document.xml``, an OLE2 container, an HTML root) and from the file name
second, so a PDF saved as ``.txt`` is still read as a PDF and a file whose
name and content disagree gets a clear message.

Tables, in every format, become one line per row with the cells kept apart by
:data:`CELL_SEP` (`` | ``); the targets stage reads plan tables from them.

Libraries (chosen by ``benchmarks/converters.py``, which measures them on
pages and PDFs shaped like Chinese government publications):

* web pages: trafilatura (article body without site chrome, tables kept as
  rows), after decoding by the declared charset (``gb2312``/``gbk`` read as
  GB18030, their superset) or, without one, by :func:`analysis.raw.decode_with_notes`;
* PDF: pdfplumber (pdfminer.six) for the text layer with each character's
  position, which gives reading order across two columns, running headers and
  footers, and paragraph starts by indentation; pages without a text layer are
  read by Tesseract (``chi_sim``) when it is installed;
* Word: python-docx for ``.docx`` (paragraphs and tables in document order);
  ``.doc`` through LibreOffice (``soffice --convert-to docx``) when installed.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata as _metadata
from importlib.resources import files
from pathlib import Path

from .raw import RawFileError, decode_with_notes

#: Separator of table cells in the text handed to cleaning (one row per line).
CELL_SEP = " | "
#: Formats :func:`read_report` reads, by file suffix.
SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
            ".pdf": "pdf", ".docx": "docx", ".doc": "doc"}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_HEAD = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)\b", re.I | re.S)


@dataclass
class Reading:
    """What :func:`read_report` read from one raw file.

    ``dropped`` holds cleaning-log rows (``step, raw_line, column, before,
    after, context``; ``raw_line`` is 0 for a converter's rows and ``context``
    says where: ``HTML line 12``, ``page 2``) of text the converter left out.
    ``metadata`` holds what the file states about itself (``page_title``,
    ``page_date``, ``pdf_title``), ``notes`` warnings worth a researcher's look.
    """

    text: str
    encoding: str
    source_format: str = "txt"
    converter: str = "analysis.raw"
    notes: list[str] = field(default_factory=list)
    dropped: list[dict] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


def version(package: str) -> str:
    """Installed version of ``package`` ('' when it is not installed)."""
    try:
        return _metadata.version(package)
    except _metadata.PackageNotFoundError:
        return ""


def converter_versions() -> str:
    """Versions of every converter library (part of the build cache key)."""
    return " ".join(f"{p}={version(p)}" for p in ("trafilatura", "pdfplumber", "pdfminer.six", "python-docx"))


def sniff_format(data: bytes, name: str) -> str:
    """The format of a raw file: ``txt``, ``html``, ``pdf``, ``docx`` or ``doc``.

    Raises :class:`RawFileError` for a file whose bytes contradict its name
    (``report.pdf`` that is not a PDF) or that is an archive or office file of
    another kind.
    """
    suffix = Path(name).suffix.lower()
    claimed = SUFFIXES.get(suffix)
    if data.startswith(b"%PDF-"):
        found = "pdf"
    elif data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                members = set(z.namelist())
        except zipfile.BadZipFile:
            raise RawFileError(f"{name}: a damaged zip archive (a .docx cut short?)") from None
        if "word/document.xml" not in members:
            raise RawFileError(f"{name}: a zip archive but not a Word document (.docx); unpack it and add the reports inside")
        found = "docx"
    elif data.startswith(_OLE_MAGIC):
        found = "doc"
        if claimed not in (None, "doc"):
            raise RawFileError(f"{name}: an old Microsoft Office file (Word 97-2003 .doc or similar), not {suffix}; rename it to .doc")
    elif data.lstrip()[:6] == b"{\\rtf1":
        raise RawFileError(f"{name}: an RTF document; open it in Word or WPS and save it as .docx")
    elif claimed == "html" or _HTML_HEAD.match(data[:2048].lstrip(b"\xef\xbb\xbf")):
        found = "html"
    else:
        found = "txt"
    if claimed in ("pdf", "docx", "doc") and found != claimed:
        start = data[:8].decode("latin-1").encode("unicode_escape").decode()
        raise RawFileError(f"{name}: named {suffix} but its content is not a {claimed.upper()} file (it starts with {start!r})")
    return found


def read_report(data: bytes, name: str) -> Reading:
    """Read one raw file's bytes into text; see the module docstring.

    Raises :class:`RawFileError` (message names ``name``) when no text can be
    read: an empty or binary file, a PDF without a text layer and no OCR, a
    PDF whose text layer has no Unicode mapping, a ``.doc`` without LibreOffice.
    """
    fmt = sniff_format(data, name)
    if fmt == "html":
        return read_html(data, name)
    if fmt == "pdf":
        return read_pdf(data, name)
    if fmt == "docx":
        return read_docx(data, name)
    if fmt == "doc":
        return read_doc(data, name)
    text, encoding, notes = decode_with_notes(data, name)
    return Reading(text, encoding, "txt", "analysis.raw", notes)


def _drop(before: str, where: str, why: str, step: str) -> dict:
    return {"step": step, "raw_line": 0, "column": 0, "before": before, "after": "", "context": f"{where}: {why}"}


# --------------------------------------------------------------------------
# Web pages
# --------------------------------------------------------------------------

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
                    "utf8": "utf-8", "big5-hkscs": "big5hkscs"}


@lru_cache(maxsize=1)
def web_chrome_patterns() -> list[tuple[re.Pattern, str, str]]:
    """``(pattern, action, description)`` from ``data/web_chrome.csv``: lines of a
    page's frame that an article extractor may keep (share links, print and
    close buttons, font-size switches, the publication line)."""
    text = files("analysis").joinpath("data/web_chrome.csv").read_text(encoding="utf-8")
    return [(re.compile(r["pattern"]), r["action"], r["description"]) for r in csv.DictReader(io.StringIO(text))]


_DATE_IN_LINE = re.compile(r"(20\d\d|19\d\d)\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")


def decode_html(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """A page's text by its declared charset (GB2312/GBK read as GB18030),
    else by :func:`analysis.raw.decode_with_notes`; ``(html, encoding, notes)``."""
    m = _CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = m.group(1).decode("ascii").lower()
        enc = _CHARSET_ALIASES.get(declared, declared)
        try:
            return data.decode(enc), enc, []
        except (LookupError, UnicodeDecodeError):
            text, found, notes = decode_with_notes(data, name)
            return text, found, notes + [f"the page declares charset {declared!r} but is not {declared}; read as {found}"]
    return decode_with_notes(data, name)


_BLOCK_TAGS = {"address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "div", "dl", "dt",
               "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
               "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
_HIDDEN_TAGS = {"script", "style", "noscript", "head", "title", "meta", "template", "select", "option"}


def _visible_lines(html: str) -> list[tuple[str, int]]:
    """Every block of text a browser would show (inline pieces joined), with its line in the HTML source."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception:  # noqa: BLE001 - a page lxml cannot parse has no lines to compare
        return []
    out: list[tuple[str, int]] = []
    current: list[str] = []
    where = [0]

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            out.append((line, where[0]))
        current.clear()

    def walk(el) -> None:
        if not isinstance(el.tag, str) or el.tag in _HIDDEN_TAGS:
            if el.tail:
                current.append(el.tail)
            return
        block = el.tag in _BLOCK_TAGS
        if block:
            flush()
            where[0] = el.sourceline or where[0]
        elif not current:
            where[0] = el.sourceline or where[0]
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            current.append(el.tail)

    walk(root)
    flush()
    return out


def read_html(data: bytes, name: str) -> Reading:
    """The article body of a saved web page, paragraphs and table rows as lines."""
    import trafilatura

    html, encoding, notes = decode_html(data, name)
    body = trafilatura.extract(
        unwrap_layout_tables(html), output_format="txt", include_tables=True, include_comments=False, include_links=False,
        include_images=False, include_formatting=False, favor_recall=True, deduplicate=False,
    )
    if not body or not body.strip():
        raise RawFileError(f"{name}: no article text found in the web page (is it a list page or a frame?)")
    meta = trafilatura.extract_metadata(html)
    metadata: dict[str, str] = {}
    if meta is not None and meta.title:
        metadata["page_title"] = " ".join(meta.title.split())
    dropped: list[dict] = []
    lines: list[str] = []
    for line in body.split("\n"):
        line = _table_row(line.strip())
        action_hit = None
        for pattern, action, description in web_chrome_patterns():
            if pattern.search(line):
                action_hit = (action, description)
                break
        if action_hit is None:
            lines.append(line)
            continue
        action, description = action_hit
        dropped.append(_drop(line, "web page", description, "extract_html_body"))
        if action == "date" and "page_date" not in metadata:
            d = _DATE_IN_LINE.search(line)
            if d:
                metadata["page_date"] = f"{d.group(1)}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
    if "page_date" not in metadata and meta is not None and meta.date:
        # trafilatura may guess a date from the URL or today's date; keep only one the page states
        y, mo, d = meta.date.split("-")
        if re.search(rf"{y}\s*[-年/.]\s*0?{int(mo)}\s*[-月/.]\s*0?{int(d)}", html):
            metadata["page_date"] = meta.date
    kept = re.sub(r"\s+", "", "".join(lines))
    for line, sourceline in _visible_lines(html):
        squeezed = re.sub(r"\s+", "", line)
        if squeezed and squeezed not in kept and not any(squeezed == re.sub(r"\s+", "", d["before"]) for d in dropped):
            dropped.append(_drop(line, f"HTML line {sourceline}", "outside the article body (navigation, breadcrumb, links, footer)", "extract_html_body"))
    text = "\n".join(lines).strip("\n") + "\n"
    return Reading(text, encoding, "html", f"trafilatura {version('trafilatura')}", notes, dropped, metadata)


_LAYOUT_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "form", "iframe")


def unwrap_layout_tables(html: str) -> str:
    """Tables used for page layout (old government sites put the whole page in
    one) turned into ``div``s, so the article extractor sees blocks, not one
    table cell; a data table (cells of text) stays a table."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception:  # noqa: BLE001 - leave a page lxml cannot parse to the extractor
        return html
    changed = False
    for table in list(root.iter("table")):
        cells = [el for el in table.iter("td", "th")]
        if not any(next(cell.iter(*_LAYOUT_BLOCKS), None) is not None for cell in cells):
            continue
        for el in [table, *table.iter("tbody", "thead", "tfoot", "tr", "td", "th")]:
            if el is table or _owner_table(el) is table:
                el.tag = "div"
                changed = True
    return lxml.html.tostring(root, encoding="unicode") if changed else html


def _owner_table(el):
    for a in el.iterancestors():
        if a.tag in ("table", "div") and a.get("data-unwrapped") is None and a.tag == "table":
            return a
    return None


_MD_ROW = re.compile(r"^\|(.*)\|$")


def _table_row(line: str) -> str:
    """trafilatura's ``| a | b |`` table row → ``a | b`` (cells trimmed, empty edge cells kept)."""
    m = _MD_ROW.match(line)
    if not m:
        return line
    return CELL_SEP.join(" ".join(c.split()) for c in m.group(1).split("|"))


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:[-—－–]\s*\d{1,4}\s*[-—－–]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
#: Share of the page height at its top and bottom where running heads, feet and page numbers are looked for.
MARGIN_BAND = 0.065
#: Share of characters that may be unmapped glyphs (``(cid:…)``, U+FFFD) before a page is refused.
MAX_UNMAPPED = 0.02


@dataclass
class _PdfLine:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    is_row: bool = False  # a row of a ruled table, cells apart


def _lines_of(chars: list[dict]) -> list[_PdfLine]:
    """Characters grouped into lines (by vertical overlap), each line in reading order."""
    chars = sorted((c for c in chars if c["text"].strip() or c["text"] == " "), key=lambda c: (round(c["top"]), c["x0"]))
    lines: list[list[dict]] = []
    for c in chars:
        if lines:
            last = lines[-1]
            mid = (c["top"] + c["bottom"]) / 2
            if last[0]["top"] - 1 <= mid <= last[0]["bottom"] + 1:
                last.append(c)
                continue
        lines.append([c])
    out = []
    for cs in lines:
        cs.sort(key=lambda c: c["x0"])
        parts, prev = [], None
        for c in cs:
            if prev is not None and c["x0"] - prev["x1"] > 0.6 * max(c["size"], 1) and not (parts and parts[-1] == " "):
                parts.append(" ")
            parts.append(c["text"])
            prev = c
        text = "".join(parts).strip()
        if text:
            out.append(_PdfLine(text, cs[0]["x0"], cs[-1]["x1"], min(c["top"] for c in cs), max(c["bottom"] for c in cs),
                                sorted(c["size"] for c in cs)[len(cs) // 2]))
    return out


def _gutter(chars: list[dict], width: float) -> float | None:
    """The x of a two-column page's gutter: a vertical band in the middle third
    that no character crosses, with text on both sides of it; else None."""
    if len(chars) < 40:
        return None
    step = 2.0
    lo, hi = width / 3, 2 * width / 3
    bins = int((hi - lo) / step)
    covered = [0] * bins
    for c in chars:
        a, b = max(c["x0"], lo), min(c["x1"], hi)
        for k in range(int((a - lo) // step), int((b - lo) // step) + 1):
            if 0 <= k < bins and b > a:
                covered[k] += 1
    best, run, start = None, 0, 0
    for k, n in enumerate(covered + [1]):
        if n == 0:
            if run == 0:
                start = k
            run += 1
        else:
            if run * step >= 6 and (best is None or run > best[1]):
                best = (start, run)
            run = 0
    if best is None:
        return None
    x = lo + (best[0] + best[1] / 2) * step
    left = sum(1 for c in chars if c["x1"] <= x)
    right = sum(1 for c in chars if c["x0"] >= x)
    return x if min(left, right) >= 0.2 * len(chars) else None


def _paragraph_lines(lines: list[_PdfLine]) -> list[str]:
    """Lines of one column, with a blank line before each line indented as a
    paragraph start (the cleaning rejoins the hard wraps in between)."""
    if not lines:
        return []
    left = min(ln.x0 for ln in lines if not ln.is_row) if any(not ln.is_row for ln in lines) else 0.0
    out: list[str] = []
    prev_row = False
    for ln in lines:
        if out and (ln.is_row != prev_row or (not ln.is_row and ln.x0 - left >= 1.5 * ln.size)):
            out.append("")  # a paragraph starts, or a table starts or ends
        out.append(ln.text)
        prev_row = ln.is_row
    return out


def _page_tables(page) -> list[tuple[tuple[float, float, float, float], list[str]]]:
    """Ruled tables of a page: ``(bbox, rows)``, each row its cells joined by :data:`CELL_SEP`."""
    out = []
    for table in page.find_tables():
        rows = []
        for cells in table.extract():
            cells = ["".join((c or "").split()) for c in cells]
            if any(cells):
                rows.append(CELL_SEP.join(cells))
        if len(rows) >= 2:
            out.append((tuple(table.bbox), rows))
    return out


def _with_tables(columns: list[list[_PdfLine]], tables) -> list[list[_PdfLine]]:
    """Table rows placed among the lines of the column the table stands in, by height."""
    for (x0, top, x1, bottom), rows in tables:
        mid = (x0 + x1) / 2
        k = next((i for i, col in enumerate(columns) if col and min(ln.x0 for ln in col) <= mid <= max(ln.x1 for ln in col)), 0)
        step = (bottom - top) / (len(rows) + 1)
        columns[k] = sorted(columns[k] + [_PdfLine(r, x0, x1, top + j * step, top + (j + 1) * step, 0.0, True) for j, r in enumerate(rows)],
                            key=lambda ln: ln.top)
    return columns


def _norm_margin(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def read_pdf(data: bytes, name: str) -> Reading:
    """The text layer of a PDF in reading order, without running heads, feet and page numbers."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except PDFSyntaxError as e:
        raise RawFileError(f"{name}: a damaged PDF ({e})") from None
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds (encrypted, malformed)
        raise RawFileError(f"{name}: the PDF cannot be opened ({type(e).__name__}: {e})") from None
    notes: list[str] = []
    dropped: list[dict] = []
    metadata: dict[str, str] = {}
    title = (pdf.metadata or {}).get("Title")
    if isinstance(title, str) and title.strip():
        metadata["pdf_title"] = " ".join(title.split())
    per_page: list[tuple[float, list[list[_PdfLine]]]] = []  # (height, columns of lines)
    no_text: list[int] = []
    unmapped: list[tuple[int, int]] = []
    with pdf:
        for number, page in enumerate(pages, start=1):
            chars = page.chars
            visible = [c for c in chars if c["text"].strip()]
            if len(visible) < 5:
                no_text.append(number)
                per_page.append((float(page.height), []))
                continue
            joined = "".join(c["text"] for c in visible)
            bad = joined.count("\ufffd") + sum(1 for c in visible if c["text"].startswith("(cid:"))
            if bad > MAX_UNMAPPED * len(visible):
                unmapped.append((number, bad))
            h = float(page.height)
            # running heads and feet are looked for in the top and bottom bands; the
            # body between them is read column by column
            top = [c for c in visible if c["top"] < MARGIN_BAND * h]
            foot = [c for c in visible if c["bottom"] > (1 - MARGIN_BAND) * h and c["top"] >= MARGIN_BAND * h]
            body = [c for c in visible if c["top"] >= MARGIN_BAND * h and c["bottom"] <= (1 - MARGIN_BAND) * h]
            tables = _page_tables(page)
            if tables:  # a ruled table is read by its cells, not as lines of text
                body = [c for c in body if not any(b[0] - 1 <= c["x0"] and c["x1"] <= b[2] + 1 and b[1] - 1 <= c["top"] and c["bottom"] <= b[3] + 1
                                                   for b, _ in tables)]
            x = _gutter(body, float(page.width))
            if x is None:
                columns = [_lines_of(body)]
            else:
                columns = [_lines_of([c for c in body if c["x1"] <= x]), _lines_of([c for c in body if c["x1"] > x])]
            columns = [_lines_of(top)] + _with_tables(columns, tables) + [_lines_of(foot)]
            per_page.append((float(page.height), columns))
    if unmapped:
        pages_ = ", ".join(str(n) for n, _ in unmapped)
        raise RawFileError(
            f"{name}: the text layer of page(s) {pages_} has no Unicode mapping ((cid:…) codes or U+FFFD instead of characters); "
            "read it by OCR (install Tesseract with chi_sim and convert the pages) or find a text version"
        )
    ocr_text: dict[int, str] = {}
    converter = f"pdfplumber {version('pdfplumber')}"
    if no_text:
        where = _page_list(no_text)
        if _tesseract() is None:
            if len(no_text) == len(pages):
                raise RawFileError(
                    f"{name}: no text layer on {where} (a scanned PDF); install Tesseract with its Chinese model "
                    "(apt install tesseract-ocr tesseract-ocr-chi-sim) to read it by OCR"
                )
            notes.append(f"no text layer on {where}: not read (install Tesseract with chi_sim to read such pages by OCR)")
        else:
            ocr_text = _ocr_pages(data, no_text, name)
            converter += f" + tesseract {_tesseract()} (OCR: {where})"
            notes.append(f"{where} read by OCR (no text layer): check its figures against the PDF")
    # running heads and feet: margin lines whose text (digits aside) repeats on several pages
    margins: dict[str, int] = {}
    for height, columns in per_page:
        seen = {_norm_margin(ln.text) for col in columns for ln in col if ln.top < MARGIN_BAND * height or ln.bottom > (1 - MARGIN_BAND) * height}
        for key in seen:
            margins[key] = margins.get(key, 0) + 1
    with_text = sum(1 for _, cols in per_page if cols)
    lines_out: list[str] = []
    for number, (height, columns) in enumerate(per_page, start=1):
        if number in ocr_text:
            lines_out += ocr_text[number].splitlines()
            continue
        for col in columns:
            kept = []
            for ln in col:
                in_margin = ln.top < MARGIN_BAND * height or ln.bottom > (1 - MARGIN_BAND) * height
                if in_margin and _PAGE_NUMBER.match(ln.text.replace(" ", "")):
                    dropped.append(_drop(ln.text, f"page {number}", "page number", "extract_pdf_text"))
                    continue
                if in_margin and with_text >= 2 and margins.get(_norm_margin(ln.text), 0) >= max(2, with_text // 2):
                    where = "running header" if ln.top < MARGIN_BAND * height else "running footer"
                    dropped.append(_drop(ln.text, f"page {number}", where, "extract_pdf_text"))
                    continue
                kept.append(ln)
            lines_out += _paragraph_lines(kept)
    text = "\n".join(lines_out).strip("\n") + "\n"
    if not text.strip():
        raise RawFileError(f"{name}: no text in the PDF")
    return Reading(text, "", "pdf", converter, notes, dropped, metadata)


def _page_list(numbers: list[int]) -> str:
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(map(str, numbers))


@lru_cache(maxsize=1)
def _tesseract() -> str | None:
    """Tesseract's version when it and its simplified-Chinese model are installed, else None."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
        ver = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    if "chi_sim" not in langs:
        return None
    first = (ver.stdout or ver.stderr).split("\n")[0].split()
    return first[-1] if first else "?"


def _ocr_pages(data: bytes, numbers: list[int], name: str) -> dict[int, str]:
    """Text of the given pages (1-based) by Tesseract's chi_sim model, at 300 dpi."""
    import pypdfium2

    out = {}
    doc = pypdfium2.PdfDocument(data)
    with tempfile.TemporaryDirectory() as tmp:
        for n in numbers:
            image = doc[n - 1].render(scale=300 / 72).to_pil()
            png = Path(tmp) / f"p{n}.png"
            image.save(png)
            try:
                res = subprocess.run(["tesseract", str(png), "stdout", "-l", "chi_sim", "--psm", "6"],
                                     capture_output=True, text=True, timeout=300)
            except subprocess.TimeoutExpired:
                raise RawFileError(f"{name}: OCR of page {n} took more than 300 s") from None
            # Tesseract spaces every Chinese character; the cleaning keeps spaces between Latin words only
            out[n] = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])", "", res.stdout)
    doc.close()
    return out


# --------------------------------------------------------------------------
# Word
# --------------------------------------------------------------------------


def read_docx(data: bytes, name: str, converter: str = "") -> Reading:
    """Paragraphs and tables of a ``.docx`` in document order; tables one row per line."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - python-docx raises several kinds for a broken package
        raise RawFileError(f"{name}: the Word file cannot be opened ({type(e).__name__}: {e})") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text.strip())
        elif tag == "tbl":
            lines += _docx_table_rows(Table(child, document))
            lines.append("")
    dropped = []
    for k, section in enumerate(document.sections, start=1):
        for part, what in ((section.header, "page header"), (section.footer, "page footer")):
            try:
                texts = [p.text.strip() for p in part.paragraphs if p.text.strip()] if not part.is_linked_to_previous or k == 1 else []
            except Exception:  # noqa: BLE001 - a section without its own header part
                texts = []
            dropped += [_drop(t, f"Word section {k}", what, "extract_docx_text") for t in texts]
    props = document.core_properties
    metadata = {"docx_title": " ".join(props.title.split())} if props.title and props.title.strip() else {}
    text = "\n".join(lines).strip("\n") + "\n"
    if not text.strip():
        raise RawFileError(f"{name}: the Word file holds no text")
    return Reading(text, "", "docx", converter or f"python-docx {version('python-docx')}", [], dropped, metadata)


def _docx_table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            rows.append(CELL_SEP.join(cells))
    return rows


def read_doc(data: bytes, name: str) -> Reading:
    """A Word 97-2003 ``.doc``: converted to ``.docx`` by LibreOffice, then read as one."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RawFileError(
            f"{name}: a Word 97-2003 .doc file is read through LibreOffice, which is not installed; "
            "install it (apt install libreoffice-writer) or open the file in Word or WPS and save it as .docx"
        )
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.doc"
        src.write_bytes(data)
        try:
            subprocess.run([soffice, "--headless", "--convert-to", "docx", "--outdir", tmp, str(src)],
                           capture_output=True, timeout=180, check=True)
        except (subprocess.SubprocessError, OSError) as e:
            raise RawFileError(f"{name}: LibreOffice could not convert the .doc file ({type(e).__name__})") from None
        out = Path(tmp) / "report.docx"
        if not out.exists():
            raise RawFileError(f"{name}: LibreOffice could not convert the .doc file")
        lo = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60).stdout.split()
        lo_version = lo[1] if len(lo) > 1 else "?"
        reading = read_docx(out.read_bytes(), name, f"libreoffice {lo_version} + python-docx {version('python-docx')}")
    reading.source_format = "doc"
    return reading
