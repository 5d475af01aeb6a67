"""Writing tables in pieces, and the per-document cache.

:class:`TableWriter` streams a table to ``NAME.parquet`` and ``NAME.csv`` a
batch at a time, so a corpus of thousands of reports is never held in memory
whole; the Parquet schema comes from :mod:`analysis.schema`, and batches are
cut by document count (not by worker), so the files are byte-identical for any
number of processes.

The cache keeps each document's results keyed by the SHA-256 of its raw
bytes, its manifest row and :func:`pipeline_version` (the code and word lists
the per-document stage depends on): adding or changing one report recomputes
only that report.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from . import schema
from .config import PACKAGE_DATA, PACKAGE_DIR

_CSV_OPTIONS = pacsv.WriteOptions(include_header=False, quoting_style="needed")
_ARROW = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}

#: Modules whose code shapes a document's own results.
PER_DOCUMENT_MODULES = [
    "config", "raw", "convert", "clean", "split", "numbers", "tables", "candidates", "attributes", "timeframe", "targets",
    "tokens", "priorities", "schema", "build",
]  # every module the per-document stages import (a test checks), so a change to any of them recomputes


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet schema of ``table`` from the data dictionary."""
    return pa.schema([pa.field(c.name, _ARROW[c.dtype], nullable=True) for c in schema.TABLES[table]["columns"]])


#: A text cell starting with one of these is read as a formula by spreadsheets.
FORMULA_START = r"^[=+\-@\t\r]"


def spreadsheet_safe(table: pa.Table) -> pa.Table:
    """``table`` with every text cell that a spreadsheet would run as a formula
    (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return)
    prefixed with an apostrophe, the usual way to make a spreadsheet show it
    as text (OWASP's advice on CSV injection).  Only the CSV copies are
    written this way; Parquet keeps every text exactly."""
    import pyarrow.compute as pc

    columns = []
    for field_, col in zip(table.schema, table.columns):
        if pa.types.is_string(field_.type) and pc.any(pc.match_substring_regex(col, FORMULA_START)).as_py():
            flagged = pc.match_substring_regex(col, FORMULA_START)
            col = pc.if_else(flagged, pc.binary_join_element_wise("'", col, ""), col)
        columns.append(col)
    return pa.Table.from_arrays(columns, schema=table.schema)


class TableWriter:
    """Stream one table to ``NAME.parquet`` and ``NAME.csv`` (written to temporary names, renamed on close)."""

    def __init__(self, out_dir: Path, table: str):
        self.table = table
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.schema = arrow_schema(table)
        self._pq_tmp = self.out_dir / f".{table}.parquet.part"
        self._csv_tmp = self.out_dir / f".{table}.csv.part"
        self._pq = pq.ParquetWriter(self._pq_tmp, self.schema, compression="zstd")
        self._csv = open(self._csv_tmp, "wb")
        self._csv.write((",".join(schema.column_names(table)) + "\n").encode("utf-8"))
        self.rows = 0

    def write(self, df: pd.DataFrame) -> None:
        """Append one batch (conformed to the schema and checked first)."""
        if len(df) == 0:
            return
        df = schema.conform(self.table, df)
        schema.validate(self.table, df)
        if df.empty:
            return
        table = pa.Table.from_pandas(df, schema=self.schema, preserve_index=False).replace_schema_metadata(None)
        self._pq.write_table(table)
        # pyarrow's CSV writer: much faster than pandas on long text columns
        pacsv.write_csv(spreadsheet_safe(table), self._csv, write_options=_CSV_OPTIONS)
        self.rows += len(df)

    def write_arrow(self, table: pa.Table) -> None:
        """Append an Arrow table that is already conformed to the schema (per-document batches)."""
        if table.num_rows == 0:
            return
        if not table.schema.equals(self.schema):
            table = table.cast(self.schema)
        self._pq.write_table(table)
        pacsv.write_csv(spreadsheet_safe(table), self._csv, write_options=_CSV_OPTIONS)
        self.rows += table.num_rows

    def close(self) -> None:
        self._pq.close()
        self._csv.close()
        self._pq_tmp.replace(self.out_dir / f"{self.table}.parquet")
        self._csv_tmp.replace(self.out_dir / f"{self.table}.csv")

    def abort(self) -> None:
        self._pq.close()
        self._csv.close()
        self._pq_tmp.unlink(missing_ok=True)
        self._csv_tmp.unlink(missing_ok=True)


class BuildLocked(RuntimeError):
    """Another build is writing to the same output folder."""


#: Name of the lock file in an output folder; held (``flock``) while a build writes there.
LOCK_NAME = ".build.lock"
#: Journal of a publication in progress (see :func:`publish`).
JOURNAL_NAME = ".publish.json"
STAGING_PREFIX = ".staging-"


@contextmanager
def output_lock(out_dir: Path):
    """Hold ``out_dir``'s build lock, or raise :class:`BuildLocked` at once.

    The lock is an advisory ``flock`` on ``out_dir/.build.lock``: the kernel
    releases it when the holder exits, killed or not, so a stale lock file is
    harmless.  On a system without ``fcntl`` no lock is taken.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise BuildLocked(f"{out_dir}: another build (process {holder}) is writing here; wait for it to end, or choose another --out") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)


def staging_folder(out_dir: Path) -> Path:
    """A new, empty folder inside ``out_dir`` where a build writes its tables before :func:`publish`."""
    path = Path(out_dir) / f"{STAGING_PREFIX}{os.getpid()}"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir()
    return path


def publish(staging: Path, out_dir: Path) -> None:
    """Move every file of ``staging`` into ``out_dir`` as one set.

    A journal naming the files is written first (atomically); each file then
    replaces its old version with an atomic rename.  If the process dies in
    between, :func:`recover_output` (run by the next build, under the lock)
    finishes the moves from the journal, so the folder never stays a mix of
    two builds.
    """
    staging, out_dir = Path(staging), Path(out_dir)
    names = sorted(p.name for p in staging.iterdir())
    journal = out_dir / JOURNAL_NAME
    tmp = out_dir / f"{JOURNAL_NAME}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps({"staging": staging.name, "files": names}), encoding="utf-8")
    tmp.replace(journal)
    _finish_publication(out_dir)


def _finish_publication(out_dir: Path) -> None:
    journal = out_dir / JOURNAL_NAME
    plan = json.loads(journal.read_text(encoding="utf-8"))
    staging = out_dir / plan["staging"]
    for name in plan["files"]:
        if (staging / name).exists():
            os.replace(staging / name, out_dir / name)
    journal.unlink()
    shutil.rmtree(staging, ignore_errors=True)


def recover_output(out_dir: Path) -> list[str]:
    """Tidy ``out_dir`` after a build that was killed (call it under :func:`output_lock`).

    A publication that was cut short is finished from its journal; staging
    folders, half-written ``.part`` files and temporary files of builds that
    died are removed.  Returns what was done, one line each.
    """
    out_dir = Path(out_dir)
    done = []
    journal = out_dir / JOURNAL_NAME
    if journal.exists():
        try:
            _finish_publication(out_dir)
            done.append("finished publishing the tables of a build that was interrupted")
        except (OSError, ValueError, KeyError):
            journal.unlink(missing_ok=True)
            done.append("removed the unreadable journal of an interrupted build")
    for path in sorted(out_dir.iterdir()):
        if path.name.startswith(STAGING_PREFIX) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            done.append(f"removed {path.name} left by a build that did not finish")
        elif path.name.startswith(".") and path.name.endswith((".part", ".tmp")) and path.is_file():
            path.unlink(missing_ok=True)
            done.append(f"removed {path.name} left by a build that did not finish")
    return done


def write_table(out_dir: Path, table: str, df: pd.DataFrame) -> None:
    """Write a whole (small) table at once."""
    w = TableWriter(out_dir, table)
    try:
        w.write(df)
    except BaseException:
        w.abort()
        raise
    w.close()


def read_table(path: Path, table: str) -> pd.DataFrame:
    """Read a written table back with the schema's dtypes."""
    return schema.conform(table, pd.read_parquet(path))


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Hash of the per-document code and every package word list (cache key part)."""
    from .convert import converter_versions

    h = hashlib.sha256()
    h.update(converter_versions().encode())  # another converter version may read a file differently
    for name in PER_DOCUMENT_MODULES:
        h.update((PACKAGE_DIR / f"{name}.py").read_bytes())
    for path in sorted(PACKAGE_DATA.iterdir()):
        # word lists and tables only: editing their documentation changes no result
        if path.is_file() and path.suffix in (".csv", ".txt"):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:20]


def cache_key(doc: dict, raw_bytes: bytes) -> str:
    """The cache key of one document: its bytes, its manifest row, the pipeline version, the entry layout."""
    h = hashlib.sha256()
    h.update(f"{pipeline_version()} {CACHE_FORMAT}".encode())
    h.update(json.dumps({k: str(v) for k, v in sorted(doc.items())}, ensure_ascii=False).encode())
    h.update(raw_bytes)
    return h.hexdigest()


#: Layout of a cache entry (see :func:`cache_save`); an entry of another layout is recomputed.
CACHE_FORMAT = 3

#: First bytes of every cache entry.
CACHE_MAGIC = b"analysis-cache\n"


def cache_path(cache_dir: Path, key: str) -> Path:
    return Path(cache_dir) / key[:2] / f"{key}.arrows"


def cache_save(cache_dir: Path | None, key: str, meta: dict, tables: dict[str, pa.Table]) -> None:
    """Keep ``meta`` (JSON-serialisable) and Arrow ``tables`` under ``key``.

    An entry is plain data, never code: :data:`CACHE_MAGIC`, one line of JSON
    (format, the key it belongs to, ``meta``, and each table's name, length
    and SHA-256), then each table as an Arrow IPC stream.  Arrow IPC is about
    ten times cheaper to write and read back than pickling the tables.  The
    entry is written to a temporary name, then renamed, so a reader never sees
    half an entry.
    """
    if cache_dir is None:
        return
    streams = []
    for name, table in tables.items():
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        streams.append((name, sink.getvalue().to_pybytes()))
    header = {
        "format": CACHE_FORMAT,
        "key": key,
        "meta": meta,
        "tables": [[name, len(data), hashlib.sha256(data).hexdigest()] for name, data in streams],
    }
    head = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    path = cache_path(cache_dir, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp")  # one per writer
    try:
        with open(tmp, "wb") as f:
            f.write(CACHE_MAGIC + head + b"\n")
            for _, data in streams:
                f.write(data)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def cache_load(cache_dir: Path | None, key: str) -> tuple[dict, dict[str, pa.Table]] | None:
    """``(meta, tables)`` kept under ``key`` by :func:`cache_save`, or None
    when there is no entry or it cannot be trusted: another layout, an entry
    written for another key (a file copied over another), a table whose bytes
    do not match their checksum, or anything unreadable.  Such an entry is
    recomputed.  Nothing in an entry is executed: it is JSON and Arrow data."""
    if cache_dir is None:
        return None
    path = cache_path(cache_dir, key)
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        if not blob.startswith(CACHE_MAGIC):
            return None
        end = blob.index(b"\n", len(CACHE_MAGIC))
        header = json.loads(blob[len(CACHE_MAGIC):end].decode("utf-8"))
        if not isinstance(header, dict) or header.get("format") != CACHE_FORMAT or header.get("key") != key:
            return None
        tables, pos = {}, end + 1
        for name, size, digest in header["tables"]:
            data = blob[pos : pos + size]
            pos += size
            if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
                return None
            tables[name] = pa.ipc.open_stream(pa.py_buffer(data)).read_all()
        if pos != len(blob) or not isinstance(header.get("meta"), dict):
            return None
        return header["meta"], tables
    except Exception:  # noqa: BLE001 - a damaged cache entry is recomputed, not fatal
        return None
