"""Corpus-wide theme tables from per-document term counts, as sparse matrices.

:class:`CorpusAggregator` collects each document's unit and paragraph term
counts (from the per-document stage or its cache) into COO arrays over one
vocabulary; :meth:`CorpusAggregator.write` turns them into CSR matrices and
writes ``terms``, ``tfidf``, ``similarity``, ``keyness``, ``topics`` and
``topic_shares`` in blocks of units.  Token lists are never held, only
counts; nothing is densified beyond one block of rows, except the columns of
the most frequent terms for the cosine products (at most
``themes.DENSE_BUDGET`` entries, see :func:`analysis.themes.cosine_blocks`).  For corpora above
``themes.LARGE_CORPUS_UNITS`` units the big tables keep each unit's top rows
(``themes.LARGE_CORPUS_CAPS``; recorded in ``themes_settings.json``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from scipy import sparse

from . import themes
from .store import TableWriter, write_table

#: Units per block when writing the unit × term tables.
UNIT_BLOCK = 512


def _combined(arr):
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


class _Counts:
    """Pieces of a (row × term) count matrix: row ids, term strings (Arrow) and counts, in arrival order."""

    def __init__(self) -> None:
        self.rows: list[str] = []
        self.extra: list[str] = []  # the unit of each row, for paragraph rows
        self.r: list[np.ndarray] = []
        self.terms: list[pa.Array] = []
        self.v: list[np.ndarray] = []

    def add(self, ids, terms, counts, extra=None) -> list[str]:
        """Add rows: ``ids`` (Arrow array of row ids, one per entry), ``terms``, ``counts``; ``extra`` a per-row label.

        Returns the row ids added, in order.  What is kept is copied: the
        inputs may be slices of a much larger buffer (a whole cache entry),
        which must not stay in memory for the sake of a few terms.
        """
        enc = _combined(ids).dictionary_encode()
        codes = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        uniques = enc.dictionary.to_pylist()
        base = len(self.rows)
        self.rows.extend(uniques)
        if extra is not None:
            first = np.empty(len(uniques), dtype=np.int64)
            first[codes[::-1]] = np.arange(len(codes))[::-1]  # first occurrence of each row id
            self.extra.extend(_combined(extra).take(pa.array(first)).to_pylist())
        self.r.append(codes + base)
        self.terms.append(pa.concat_arrays([_combined(terms).cast(pa.large_string())]))  # a compact copy
        self.v.append(np.array(counts, dtype=np.int64, copy=True))
        return uniques


class CorpusAggregator:
    """Collects per-document term counts and writes the corpus-wide theme tables.

    Term strings are kept as compact Arrow arrays and encoded into one sorted
    vocabulary at the end (in C), so adding a document costs no Python work
    per term.
    """

    def __init__(self) -> None:
        self.units = _Counts()
        self.paragraphs = _Counts()

    @property
    def n_units(self) -> int:
        return len(self.units.rows)

    def add_many(self, results: list) -> None:
        """Add several :class:`analysis.build.DocumentResult` at once: the
        same as adding them one by one, in fewer (Arrow) calls."""
        with_terms: set[str] = set()
        ut = [r.unit_terms for r in results if r.unit_terms.num_rows]
        if ut:
            t = pa.concat_tables(ut, promote_options="default")
            with_terms.update(self.units.add(t.column("unit_id"), t.column("term"), t.column("count").to_numpy()))
        # Units without a single content token still get a row.
        self.units.rows.extend(u for r in results for u in r.frames["units"].column("unit_id").to_pylist() if u not in with_terms)
        pt = [r.paragraph_terms for r in results if r.paragraph_terms.num_rows]
        if pt:
            t = pa.concat_tables(pt, promote_options="default")
            self.paragraphs.add(t.column("paragraph_id"), t.column("term"), t.column("count").to_numpy(), extra=t.column("unit_id"))

    def _matrices(self):
        chunks = self.units.terms + self.paragraphs.terms
        if chunks:
            enc = pa.chunked_array(chunks, type=pa.large_string()).combine_chunks().dictionary_encode()
            vocab = enc.dictionary.to_pylist()
            codes = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        else:
            vocab, codes = [], np.zeros(0, dtype=np.int64)
        order = np.argsort(np.array(vocab, dtype=object), kind="stable") if vocab else np.zeros(0, dtype=np.int64)
        remap = np.empty(len(vocab), dtype=np.int64)
        remap[order] = np.arange(len(vocab))
        terms = [vocab[k] for k in order]
        n_unit_entries = sum(len(t) for t in self.units.terms)

        def matrix(counts: _Counts, cols: np.ndarray) -> sparse.csr_matrix:
            if not counts.r:
                return sparse.csr_matrix((len(counts.rows), len(terms)), dtype=np.int64)
            m = sparse.csr_matrix(
                (np.concatenate(counts.v), (np.concatenate(counts.r), remap[cols])), shape=(len(counts.rows), len(terms)), dtype=np.int64
            )
            m.sum_duplicates()
            return m

        um = matrix(self.units, codes[:n_unit_entries])
        unit_order = np.argsort(np.array(self.units.rows, dtype=object), kind="stable")
        unit_dtm = themes.DocumentTermMatrix(um[unit_order].tocsr(), [self.units.rows[i] for i in unit_order], terms)
        pm = matrix(self.paragraphs, codes[n_unit_entries:])
        para_dtm = themes.DocumentTermMatrix(pm, list(self.paragraphs.rows), terms)
        return unit_dtm, para_dtm, list(self.paragraphs.extra)

    def write(self, out_dir: Path, progress: bool = False) -> dict[str, int]:
        """Write the corpus-wide tables to ``out_dir``; return their row counts."""
        from concurrent.futures import ThreadPoolExecutor

        themes.import_sklearn()  # before the threads below

        caps = themes.LARGE_CORPUS_CAPS if self.n_units > themes.LARGE_CORPUS_UNITS else {}
        unit_dtm, para_dtm, para_units = self._matrices()
        # The topic model and the similarity table are computed in threads
        # beside the other tables (NMF, BLAS, scipy's sparse products and
        # Arrow's writers release the GIL), so both cores have work.
        with ThreadPoolExecutor(max_workers=2) as pool:
            topics = pool.submit(themes.topics_from_dtm, para_dtm, para_units)
            counts = self._write_unit_tables(out_dir, unit_dtm, caps, progress, pool)
            topic_table, shares = topics.result()
        write_table(out_dir, "topics", topic_table)
        write_table(out_dir, "topic_shares", shares)
        counts["topics"], counts["topic_shares"] = len(topic_table), len(shares)
        return counts

    def _write_unit_tables(self, out_dir: Path, unit_dtm, caps: dict, progress: bool, pool) -> dict[str, int]:
        """Write ``terms``, ``tfidf``, ``keyness`` and ``similarity``; return their row counts."""
        counts: dict[str, int] = {}
        m = unit_dtm.matrix
        n_docs = np.asarray((m > 0).sum(axis=0)).ravel()
        weights = themes.tfidf_weights(unit_dtm) if m.shape[0] and m.shape[1] else sparse.csr_matrix(m.shape)
        terms_pa = pa.array(unit_dtm.terms, type=pa.string())
        ids_pa = pa.array(unit_dtm.docs, type=pa.string())
        top_tfidf = caps.get("tfidf_top_terms")
        top_key = caps.get("keyness_top_terms")
        total = np.asarray(m.sum(axis=0)).ravel().astype(float)
        similarity = pool.submit(themes.similarity_table, unit_dtm, top=caps.get("similarity_top_units"), weights=weights, progress=progress) if m.shape[0] else None
        writers = {name: TableWriter(out_dir, name) for name in ("terms", "tfidf", "keyness")}
        try:
            for start in _bar(range(0, m.shape[0], UNIT_BLOCK), progress, "terms, TF-IDF, keyness"):
                stop = min(start + UNIT_BLOCK, m.shape[0])
                # Rows are units sorted by id and columns terms sorted by term, so
                # ordering by (row, -value, column) is (unit, -value, term).
                sub = m[start:stop].tocoo()
                order = np.lexsort((sub.col, -sub.data, sub.row))
                r, c = sub.row[order] + start, sub.col[order]
                writers["terms"].write_arrow(
                    pa.table({"unit_id": ids_pa.take(r), "term": terms_pa.take(c), "count": sub.data[order].astype(np.int64), "n_docs": n_docs[c].astype(np.int64)})
                )
                r, c, vals, rank = themes.ranked_entries(weights[start:stop], top_tfidf)
                writers["tfidf"].write_arrow(pa.table({"unit_id": ids_pa.take(r + start), "term": terms_pa.take(c), "tfidf": vals, "rank": rank}))
                writers["keyness"].write_arrow(_keyness_block(m, start, stop, total, ids_pa, terms_pa, top_key))
        except BaseException:
            for w_ in writers.values():
                w_.abort()
            raise
        for name, w_ in writers.items():
            counts[name] = w_.rows
            w_.close()
        similarity = similarity.result() if similarity is not None else pd.DataFrame()
        write_table(out_dir, "similarity", similarity)
        counts["similarity"] = len(similarity)
        return counts


def _keyness_block(m: sparse.csr_matrix, start: int, stop: int, total: np.ndarray, ids_pa: pa.Array, terms_pa: pa.Array, top: int | None) -> pa.Table:
    """Keyness of units ``start:stop`` against the rest of the corpus, as one Arrow table."""
    k = themes.keyness_arrays(m, range(start, stop), total, top)
    return pa.table(
        {
            "group": ids_pa.take(k["row"].astype(np.int64)),
            "term": terms_pa.take(k["term"].astype(np.int64)),
            "z": k["z"],
            "log_odds": k["log_odds"],
            "count_group": k["count_group"].astype(np.int64),
            "count_rest": k["count_rest"].astype(np.int64),
        }
    )


def _bar(items, enabled: bool, desc: str):
    if not enabled or len(items) <= 1:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc=desc, unit="block", file=sys.stderr)
