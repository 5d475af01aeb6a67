"""Adding a report to the raw corpus: ``python -m analysis add FILE_OR_URL …``.

:func:`add_report` copies a saved file (or downloads a URL, with a timeout)
into ``data/raw`` under a readable name, reads it once as the build would
(so a file that cannot be read is refused with one clear line, and nothing
is written), and appends its manifest row with the file's ``sha256``, where
it came from (``source_file``, ``source_url``) and the retrieval date.  The
manifest is rewritten through a temporary file, so a failure never leaves
half a row.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .config import MANIFEST_NAME
from .convert import SUFFIXES, read_report, sniff_format
from .raw import DATE_RE, DOC_ID_RE, MANIFEST_COLUMNS, PLACE_LEVELS, RawFileError, _valid_period, read_manifest

#: Seconds a download may take before it is given up.
DOWNLOAD_TIMEOUT = 60
#: Largest download accepted (bytes): a report is a few MB, a scanned one tens of MB.
MAX_DOWNLOAD = 200 * 1024 * 1024

_CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
    "text/plain": ".txt",
}
_FORMAT_SUFFIX = {"txt": ".txt", "html": ".html", "pdf": ".pdf", "docx": ".docx", "doc": ".doc"}


class AddError(ValueError):
    """A report cannot be added; the message names the file or URL and the problem."""


@dataclass
class Added:
    doc_id: str
    path: Path
    row: dict
    source_format: str
    converter: str
    notes: list[str]


def fetch(url: str, timeout: float = DOWNLOAD_TIMEOUT) -> tuple[bytes, str]:
    """The bytes at ``url`` and the file suffix its address or content type gives ('' when neither does)."""
    request = urllib.request.Request(url, headers={"User-Agent": "Mozilla/5.0 (research; cn-local-gov-reports)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_DOWNLOAD + 1)
            ctype = (response.headers.get_content_type() or "").lower()
    except urllib.error.HTTPError as e:
        raise AddError(f"{url}: the server answered HTTP {e.code} ({e.reason})") from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise AddError(f"{url}: no answer within {timeout:g} s") from None
        raise AddError(f"{url}: cannot be downloaded ({reason})") from None
    except TimeoutError:
        raise AddError(f"{url}: no answer within {timeout:g} s") from None
    except OSError as e:
        raise AddError(f"{url}: cannot be downloaded ({e})") from None
    if len(data) > MAX_DOWNLOAD:
        raise AddError(f"{url}: larger than {MAX_DOWNLOAD // 2**20} MB; download it yourself and add the file")
    suffix = Path(urllib.parse.urlparse(url).path).suffix.lower()
    if suffix not in SUFFIXES:
        suffix = _CONTENT_TYPES.get(ctype, "")
    return data, suffix


def default_doc_id(place: str, year: int, doc_type: str) -> str:
    """A readable id: ``yiwu_2023_government_work_report`` for 义乌市, 2023."""
    from .labels import romanise

    stem = re.sub(r"[^a-z0-9]+", "", romanise(place).lower()) or "report"
    return f"{stem}_{year}_{doc_type}"


def add_report(
    source: str,
    raw_dir: Path,
    *,
    place: str,
    level: str,
    year: int,
    doc_type: str,
    parent: str = "",
    date: str = "",
    doc_id: str = "",
    title: str = "",
    period: str = "",
    notes: str = "",
    timeout: float = DOWNLOAD_TIMEOUT,
    today: dt.date | None = None,
) -> Added:
    """Copy or download ``source`` into ``raw_dir`` and append its manifest row.

    Raises :class:`AddError` (nothing is written) for a bad argument, a URL
    that does not answer, a file that cannot be read as a report, or an id or
    file name already taken.
    """
    raw_dir = Path(raw_dir)
    if level not in PLACE_LEVELS:
        raise AddError(f"--level {level!r} is not a place level; known: {', '.join(sorted(PLACE_LEVELS))}")
    if not 1949 <= int(year) <= 2100:
        raise AddError(f"--year {year} is not a report year")
    if date and not DATE_RE.match(date):
        raise AddError(f"--date {date!r} must be YYYY-MM-DD")
    if period and not _valid_period(period):
        raise AddError(f"--period {period!r} must be a year or a span such as 2021-2025")
    if not (raw_dir / MANIFEST_NAME).exists():
        raise AddError(f"{raw_dir / MANIFEST_NAME}: no manifest in the raw folder")
    is_url = re.match(r"^https?://", source, re.I) is not None
    if is_url:
        data, suffix = fetch(source, timeout)
        source_file = Path(urllib.parse.urlparse(source).path).name or urllib.parse.urlparse(source).netloc
    else:
        path = Path(source)
        if not path.is_file():
            raise AddError(f"{source}: no such file")
        data = path.read_bytes()
        suffix = path.suffix.lower()
        source_file = path.name
    name = source_file or "report"
    try:
        fmt = sniff_format(data, name + (suffix if not name.lower().endswith(suffix) else ""))
        reading = read_report(data, name)
    except RawFileError as e:
        raise AddError(f"{source}: {str(e).split(': ', 1)[-1]}; nothing was added") from None
    suffix = _FORMAT_SUFFIX[fmt] if fmt != "html" or suffix not in (".htm", ".html", ".shtml") else suffix
    doc_id = doc_id or default_doc_id(place, year, doc_type)
    if not DOC_ID_RE.match(doc_id):
        raise AddError(f"--doc-id {doc_id!r} must be lower-case letters, digits, '_' or '-'")
    manifest_path = raw_dir / MANIFEST_NAME
    header, rows = _read_rows(manifest_path)
    digest = hashlib.sha256(data).hexdigest()
    for r in rows:
        if r.get("doc_id") == doc_id:
            raise AddError(f"{source}: doc_id {doc_id!r} is already in the manifest; pass another with --doc-id")
        if r.get("sha256") == digest:
            raise AddError(f"{source}: the same file is already in the corpus as {r.get('doc_id')!r}")
    target = raw_dir / f"{doc_id}{suffix}"
    if target.exists():
        raise AddError(f"{source}: {target.name} already exists in {raw_dir}; pass another --doc-id")
    row = {c: "" for c in MANIFEST_COLUMNS}
    row.update(
        doc_id=doc_id, file=target.name, place=place, place_level=level, parent_place=parent, report_year=str(year),
        period_covered=period or str(year), doc_type=doc_type, date=date, is_masked="false", sha256=digest,
        source_file=source_file, source_url=source if is_url else "",
        retrieved=(today or dt.date.today()).isoformat(), notes=notes,
        title=title or reading.metadata.get("page_title") or reading.metadata.get("pdf_title") or reading.metadata.get("docx_title", ""),
    )
    columns = header + [c for c in MANIFEST_COLUMNS if c not in header]
    target.write_bytes(data)
    try:
        os.chmod(target, 0o444)  # raw files are never edited
        _write_rows(manifest_path, columns, rows + [row])
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return Added(doc_id, target, row, reading.source_format, reading.converter, reading.notes)


def _read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), [dict(r) for r in reader]


def _write_rows(path: Path, columns: list[str], rows: list[dict]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({c: r.get(c, "") or "" for c in columns})
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    os.replace(tmp, path)


def check_added(raw_dir: Path, doc_id: str) -> list:
    """Problems the manifest check finds for the added row (an empty list when it is fine)."""
    _, problems = read_manifest(raw_dir)
    file = next((r["file"] for r in _read_rows(Path(raw_dir) / MANIFEST_NAME)[1] if r.get("doc_id") == doc_id), "")
    return [p for p in problems if p.doc_id == doc_id or p.file == file]
