"""Reading the raw corpus: the manifest and the bytes of each report.

``data/raw/`` holds the reports exactly as received (never edited) and
``manifest.csv``, the source of every document's metadata.  This module checks
the two against each other and decodes files; it reports every problem as a
:class:`Problem` naming the file, so that a bad file is never skipped in
silence and the good ones still build.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .config import MANIFEST_NAME

#: Manifest columns a row must have (``notes``, ``sha256`` … may be empty).
MANIFEST_COLUMNS = [
    "doc_id",
    "file",
    "title",
    "place",
    "place_level",
    "parent_place",
    "report_year",
    "period_covered",
    "doc_type",
    "date",
    "is_masked",
    "sha256",
    "source_file",
    "source_url",
    "retrieved",
    "notes",
]
REQUIRED_FIELDS = ["doc_id", "file", "place", "place_level", "report_year", "doc_type"]
PLACE_LEVELS = {
    "province",
    "prefecture_city",
    "county_city",
    "county",
    "district",
    "town",
    "township",
    "subdistrict",
    "department",
    "development_zone",
    "national",
}
DOC_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
YEAR_RE = re.compile(r"^(19[4-9]\d|20\d\d|2100)$")
PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Files in data/raw that are not reports.
IGNORED_NAMES = {MANIFEST_NAME, "README.md", ".gitkeep"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the raw corpus.

    ``severity`` is ``error`` (the document is not built) or ``warning`` (it
    is built, but a researcher should look).
    """

    severity: str
    file: str
    doc_id: str
    problem: str

    def __str__(self) -> str:  # pragma: no cover - formatting only
        who = f"{self.file}" + (f" [{self.doc_id}]" if self.doc_id else "")
        return f"{self.severity.upper()}: {who}: {self.problem}"


class RawFileError(ValueError):
    """A raw file cannot be turned into text (empty, binary, undecodable)."""


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table: ``severity, file, doc_id, problem``."""
    return pd.DataFrame(
        [(p.severity, p.file, p.doc_id, p.problem) for p in problems],
        columns=["severity", "file", "doc_id", "problem"],
    )


# --------------------------------------------------------------------------
# Manifest
# --------------------------------------------------------------------------


def read_manifest(raw_dir: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and validate ``raw_dir/manifest.csv`` against the files beside it.

    Returns the valid rows (columns :data:`MANIFEST_COLUMNS`, all strings,
    ``report_year`` as int) in manifest order, and the problems found: a file
    with no manifest row, a row whose file is missing, a duplicate ``doc_id``,
    an unreadable year or date, an unknown place level, a file whose checksum
    no longer matches.  Rows with an error are left out of the result.
    Raises ``FileNotFoundError`` when there is no manifest at all.
    """
    raw_dir = Path(raw_dir)
    path = raw_dir / MANIFEST_NAME
    if not path.exists():
        raise FileNotFoundError(f"{path}: no manifest; every report in {raw_dir} needs a row there")
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            rows = [dict(r) for r in reader]
    except UnicodeDecodeError as e:
        raise ValueError(
            f"{path}: the manifest is not UTF-8 (byte 0x{e.object[e.start]:02x} at position {e.start}); "
            "save it as UTF-8 (a spreadsheet's 'CSV UTF-8' format)"
        ) from None
    problems: list[Problem] = []
    missing_cols = [c for c in REQUIRED_FIELDS if c not in header]
    if missing_cols:
        raise ValueError(f"{path}: manifest lacks required columns {missing_cols}")
    unknown_cols = [c for c in header if c not in MANIFEST_COLUMNS]
    if unknown_cols:
        problems.append(
            Problem("warning", MANIFEST_NAME, "", f"unknown manifest columns are not read: {', '.join(unknown_cols)}")
        )
    root = raw_dir.resolve()
    seen_bytes: dict[str, tuple[str, int]] = {}

    good: list[dict] = []
    seen: dict[str, int] = {}
    listed_files: set[str] = set()
    for lineno, row in enumerate(rows, start=2):
        row = {k: (row.get(k) or "").strip() for k in MANIFEST_COLUMNS}
        doc_id, file = row["doc_id"], row["file"]
        where = file or f"{MANIFEST_NAME}:{lineno}"
        listed_files.add(file)

        def err(msg: str, where=where, doc_id=doc_id) -> None:
            problems.append(Problem("error", where, doc_id, f"{msg} (manifest line {lineno})"))

        empty = [k for k in REQUIRED_FIELDS if not row[k]]
        if empty:
            err(f"required manifest fields are empty: {', '.join(empty)}")
            continue
        if not DOC_ID_RE.match(doc_id):
            err(f"doc_id {doc_id!r} must be lower-case letters, digits, '_' or '-'")
            continue
        if doc_id in seen:
            err(f"duplicate doc_id {doc_id!r} (first on manifest line {seen[doc_id]})")
            continue
        seen[doc_id] = lineno
        if not YEAR_RE.match(row["report_year"]):
            err(f"unreadable report_year {row['report_year']!r} (expected a year such as 2022)")
            continue
        if row["period_covered"] and not _valid_period(row["period_covered"]):
            err(f"unreadable period_covered {row['period_covered']!r} (expected 2022 or 2021-2025)")
            continue
        if row["date"] and not _valid_date(row["date"]):
            err(f"unreadable date {row['date']!r} (expected YYYY-MM-DD)")
            continue
        if row["place_level"] not in PLACE_LEVELS:
            err(f"unknown place_level {row['place_level']!r}; known: {', '.join(sorted(PLACE_LEVELS))}")
            continue
        if row["is_masked"] not in ("", "true", "false"):
            err(f"is_masked must be true or false, not {row['is_masked']!r}")
            continue
        fpath = raw_dir / file
        if not inside_folder(fpath, root):
            err(f"file {file!r} is outside the raw folder {raw_dir}; only files inside it are read")
            continue
        if not fpath.is_file():
            err(f"file {file!r} named in the manifest does not exist in {raw_dir}")
            continue
        try:
            digest = hashlib.sha256(fpath.read_bytes()).hexdigest()
        except OSError as e:
            err(f"file {file!r} cannot be read: {e.strerror or e}")
            continue
        if digest in seen_bytes:
            first_id, first_line = seen_bytes[digest]
            err(f"same bytes as doc_id {first_id!r} (manifest line {first_line}); one report is built once")
            continue
        seen_bytes[digest] = (doc_id, lineno)
        if row["sha256"]:
            if digest != row["sha256"]:
                problems.append(
                    Problem(
                        "warning",
                        file,
                        doc_id,
                        "file content differs from the manifest's sha256: raw files must not be edited",
                    )
                )
        row["report_year"] = int(row["report_year"])
        row["is_masked"] = row["is_masked"] == "true"
        good.append(row)

    listed_tops = {Path(f).parts[0] for f in listed_files if f and Path(f).parts}
    for fpath in sorted(raw_dir.iterdir()):
        if fpath.name in IGNORED_NAMES or fpath.name in listed_tops:
            continue
        if fpath.name.startswith("."):
            problems.append(Problem("warning", fpath.name, "", "hidden file or folder in the raw folder is not read"))
        elif fpath.is_dir():
            problems.append(
                Problem("warning", fpath.name + "/", "", "subfolder of the raw folder is not read unless the manifest names its files")
            )
        elif fpath.is_file():
            problems.append(
                Problem("error", fpath.name, "", "file in the raw folder has no manifest row; add one to build it")
            )
    frame = pd.DataFrame(good, columns=MANIFEST_COLUMNS)
    return frame, problems


def inside_folder(path: Path, root: Path) -> bool:
    """Whether ``path`` (after following every symbolic link) lies inside the folder ``root`` (resolved)."""
    try:
        return Path(path).resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop
        return False


def _valid_period(text: str) -> bool:
    m = PERIOD_RE.match(text)
    if not m:
        return False
    start, end = int(m.group(1)), int(m.group(2) or m.group(1))
    return YEAR_RE.match(m.group(1)) is not None and start <= end


def _valid_date(text: str) -> bool:
    if not DATE_RE.match(text):
        return False
    try:
        pd.Timestamp(text)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """:func:`decode_with_notes` without its notes: ``(text, encoding)``."""
    text, enc, _ = decode_with_notes(data, name)
    return text, enc


def decode_with_notes(data: bytes, name: str = "<bytes>") -> tuple[str, str, list[str]]:
    """Decode a raw report; return ``(text, encoding, notes)``.

    ``notes`` says what was dropped to read the rest: stray NUL bytes in a
    text file (a damaged copy), or a last character cut in half (a download
    that stopped early).  Everything else is read.

    Tries, in order: a byte-order mark (UTF-8 or UTF-16), BOM-less UTF-16
    (many NUL bytes at alternating positions), strict UTF-8, then GB18030 and
    Big5, choosing between the last two by which gives the more plausible
    Chinese text.  Raises :class:`RawFileError` naming ``name`` for an empty
    file, a binary file, or bytes no candidate decodes.
    """
    if not data.strip(b" \t\r\n\x00"):
        raise RawFileError(f"{name}: file is empty")
    notes: list[str] = []
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc), name), enc, notes
            except UnicodeDecodeError as e:
                raise RawFileError(f"{name}: starts with a {enc} byte-order mark but does not decode: {e}") from e
    if b"\x00" in data:
        enc = _sniff_utf16(data)
        if enc is not None:
            try:
                return _checked(data.decode(enc), name), enc, notes
            except UnicodeDecodeError as e:
                raise RawFileError(f"{name}: looks like {enc} but does not decode: {e}") from e
        nuls = data.count(b"\x00")
        if nuls > max(3, len(data) // 1000):
            raise RawFileError(f"{name}: binary file (NUL bytes, not UTF-16 text)")
        first = data.index(b"\x00")
        data = data.replace(b"\x00", b"")
        notes.append(f"{nuls} NUL byte(s) removed (the first at byte {first}); the rest of the file was read")
    try:
        return _checked(data.decode("utf-8"), name), "utf-8", notes
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data" and len(data) - e.start <= 3 and e.start > 0:
            # a download or copy cut inside the last character
            text = data[: e.start].decode("utf-8")
            notes.append(f"the file ends inside a UTF-8 character (cut short?): its last {len(data) - e.start} byte(s) were dropped")
            return _checked(text, name), "utf-8", notes
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            candidates.append((_plausibility(data.decode(enc)), enc))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise RawFileError(f"{name}: not UTF-8, UTF-16, GB18030 or Big5 text; convert it to UTF-8")
    # Highest plausibility wins; ties go to GB18030 (listed first) for determinism.
    best = max(candidates, key=lambda c: c[0])
    text = data.decode(best[1])
    return _checked(text, name), best[1], notes


def _sniff_utf16(data: bytes) -> str | None:
    """BOM-less UTF-16: NUL bytes (the high bytes of ASCII characters) all on
    one parity, and the text decodes to plausible Chinese or ASCII."""
    if len(data) % 2:
        return None
    zeros = [i for i, b in enumerate(data) if b == 0]
    parities = {i % 2 for i in zeros}
    if len(parities) != 1:
        return None
    enc = "utf-16-le" if parities == {1} else "utf-16-be"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t") / max(1, len(text))
    return enc if printable > 0.95 else None


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _checked(text: str, name: str) -> str:
    if not text.strip():
        raise RawFileError(f"{name}: file is empty")
    bad = len(_CONTROL_RE.findall(text))
    if bad > max(3, len(text) // 100):
        raise RawFileError(f"{name}: binary file ({bad} control characters after decoding)")
    return text


# The most frequent characters of Chinese government prose, in both scripts;
# a wrong GB18030/Big5 guess turns them into rare characters and symbols.
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行"
    "学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前"
    "外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军"
    "很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别"
    "手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思"
    "术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科"
    "张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千"
    "周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格"
    "养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞镇村乡街道亿万元"
    "這個們來說時為發國會對經產種動過現實當點從業還應開義與關間樣數頭結問論務農區強決處給門則據隊統總計電氣長設員"
    "機體進將傳組單導級報濟術圖裡預裝達買賣歲學園廣東縣鄉鎮億萬"
)


def _plausibility(text: str) -> float:
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    return sum(c in _COMMON for c in cjk) / len(cjk)


def read_raw_file(path: Path) -> tuple[str, str]:
    """Read one raw file and decode it: ``(text, encoding)``.

    Raises :class:`RawFileError` (message names the file) when it cannot be
    read as text.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise RawFileError(f"{path.name}: cannot be read: {e}") from e
    return decode_bytes(data, path.name)
