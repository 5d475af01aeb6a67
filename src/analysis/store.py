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
import threading
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
PER_DOCUMENT_MODULES = ["raw", "clean", "split", "numbers", "targets", "tokens", "priorities", "schema", "build"]


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet schema of ``table`` from the data dictionary."""
    return pa.schema([pa.field(c.name, _ARROW[c.dtype], nullable=True) for c in schema.TABLES[table]["columns"]])


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
        pacsv.write_csv(table, self._csv, write_options=_CSV_OPTIONS)
        self.rows += len(df)

    def write_arrow(self, table: pa.Table) -> None:
        """Append an Arrow table that is already conformed to the schema (per-document batches)."""
        if table.num_rows == 0:
            return
        if not table.schema.equals(self.schema):
            table = table.cast(self.schema)
        self._pq.write_table(table)
        pacsv.write_csv(table, self._csv, write_options=_CSV_OPTIONS)
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
    h = hashlib.sha256()
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
