"""Building ``data/processed/`` from ``data/raw/``, in parallel and incrementally.

The work is split in two stages.

* **Per document** (:func:`analyse_texts` on batches of ``WORK_BATCH``
  reports, run over processes with ``--jobs``): read, clean and split the
  report, extract its figures, code its domains, list its priorities, count
  its slogans and its terms.  Each document's result is cached under a key
  made of the raw bytes, the manifest row and the pipeline version, so adding
  or changing one report recomputes only that report; workers hand their
  results to the parent through that cache (Arrow IPC files), not a pipe.
* **Corpus-wide** (:class:`analysis.corpus.CorpusAggregator`): the tables
  that compare units — term counts with document frequencies, TF-IDF,
  similarity, keyness, topics — recomputed from the cached term counts as
  sparse matrices.

Tables are streamed to ``NAME.parquet`` and ``NAME.csv`` ``BATCH_DOCS``
documents at a time in manifest order (:mod:`analysis.store`), so memory stays
bounded and the files are byte-identical for the same raw data and any number
of jobs.  A
document that cannot be read is reported as a problem naming its file; the
rest of the corpus still builds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from . import schema
from .clean import clean_text, remove_inline_pinyin, to_simplified
from .convert import Reading, read_report
from .raw import Problem, RawFileError, read_manifest
from .split import MAX_SENTENCE_CHARS, canonical_doc_type, heading_paths, paragraphs_from_spans, split_sections, split_sentences, split_units
from .store import TableWriter, arrow_schema, output_lock, publish, recover_output, staging_folder, cache_key, cache_load, cache_path, cache_save, read_table, write_table

CORE_TABLES = ["documents", "units", "sections", "sentences", "cleaning_log"]
#: Tables each document contributes its own rows to.
PER_DOCUMENT_TABLES = CORE_TABLES + ["targets", "sentence_domains", "domains", "priorities", "slogans"]
#: Tables that compare units, computed over the whole corpus.
CORPUS_TABLES = ["terms", "tfidf", "similarity", "keyness", "topics", "topic_shares"]
THEME_TABLES = ["terms", "tfidf", "similarity", "keyness", "topics", "topic_shares", "sentence_domains", "domains", "priorities", "slogans"]
#: Every table ``build`` writes.
ALL_TABLES = PER_DOCUMENT_TABLES + CORPUS_TABLES
#: Documents per Parquet row group (fixed, so files do not depend on --jobs).
BATCH_DOCS = 64


@dataclass
class DocumentResult:
    """One document's rows of every per-document table, its term counts and its problems.

    ``frames`` maps table name → Arrow table, already conformed to the
    schema and checked (so the writer only appends); ``unit_terms`` holds
    ``unit_id, term, count``; ``paragraph_terms`` holds ``paragraph_id,
    unit_id, term, count`` for paragraphs with at least five content tokens
    (the topic model's documents).
    """

    doc_id: str
    frames: dict[str, pa.Table]
    unit_terms: pa.Table
    paragraph_terms: pa.Table
    problems: list[Problem] = field(default_factory=list)


_SENTENCE_MARK = re.compile("[。！？；!?;]")


def _core_rows(doc: dict, raw_text: str, how: "str | Reading", cross_check: bool) -> tuple[dict[str, list], list[Problem]]:
    """Clean and split one report: rows (dicts) of the five core tables, and problems.

    ``how`` is the :class:`analysis.convert.Reading` that gave ``raw_text``
    (format, converter, what it dropped, what the file said about itself),
    or just the encoding of a plain-text file."""
    reading = how if isinstance(how, Reading) else Reading(raw_text, how)
    cleaned = clean_text(raw_text, doc["doc_id"])
    # what the converter left out comes first in the cleaning log
    cleaned.log[:0] = [{"doc_id": doc["doc_id"], **row} for row in reading.dropped]
    cleaned.metadata = {**reading.metadata, **cleaned.metadata}
    problems = _cross_check(doc, cleaned.text, cleaned.metadata) if cross_check else []
    paragraphs = paragraphs_from_spans(cleaned.text, cleaned.paragraphs)
    if not paragraphs:
        raise RawFileError(f"{doc['file']}: no text left after cleaning")
    units, unit_warnings = split_units(doc, paragraphs)
    problems += [Problem("warning", doc["file"], doc["doc_id"], w) for w in unit_warnings]
    sections = split_sections(doc, units, paragraphs)
    sentences = split_sentences(doc, cleaned.text, paragraphs, sections)
    long_runs = [p for p in paragraphs if len(p.text) > MAX_SENTENCE_CHARS and max(map(len, _SENTENCE_MARK.split(p.text))) > MAX_SENTENCE_CHARS]
    for p in long_runs:  # say where a run without sentence marks was cut into pieces
        cleaned.log.append(dict(
            doc_id=doc["doc_id"], step="split_long_sentence", raw_line=int(p.raw_line_start), column=0, before="", after="",
            context=f"a run of more than {MAX_SENTENCE_CHARS} characters without 。！？； cut at clause marks: {p.text[:20]}",
        ))
    if long_runs:
        problems.append(Problem("warning", doc["file"], doc["doc_id"], f"{len(long_runs)} paragraph(s) without sentence marks, longer than {MAX_SENTENCE_CHARS} characters, cut at clause marks (see cleaning_log)"))
    n_t2s = sum(len(r["before"]) for r in cleaned.log if r["step"] == "to_simplified")
    document = dict(doc)
    document.update(
        encoding=reading.encoding,
        source_format=reading.source_format,
        converter=reading.converter,
        layout=cleaned.layout,
        n_t2s_changes=n_t2s,
        site_metadata="; ".join(f"{k}={v}" for k, v in cleaned.metadata.items()),
        n_chars_raw=len(raw_text),
        n_chars=len(cleaned.text),
        n_units=len(units),
        n_sentences=len(sentences),
        text=cleaned.text,
    )
    units = [{k: v for k, v in u.items() if k != "first_paragraph"} for u in units]
    return {"documents": [document], "units": units, "sections": sections, "sentences": sentences, "cleaning_log": cleaned.log}, problems


def _frames(rows: dict[str, list]) -> dict[str, pd.DataFrame]:
    out = {}
    for name, records in rows.items():
        # object columns: conform() gives each its schema dtype (pandas would
        # otherwise build Arrow strings only for conform to convert them back)
        df = pd.DataFrame(records, dtype=object) if records else pd.DataFrame(columns=schema.column_names(name))
        # the cleaning log is conformed when written; the others feed later stages
        out[name] = df if name == "cleaning_log" else _conform(name, df)
    return out


def process_text(doc: dict, raw_text: str, encoding: str = "utf-8", cross_check: bool = True) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Clean and split decoded ``raw_text`` described by manifest-like row ``doc``.

    Returns the five core tables of this document and its problems.  Raises
    :class:`analysis.raw.RawFileError` when nothing is left after cleaning.
    """
    rows, problems = _core_rows(doc, raw_text, encoding, cross_check)
    return _frames(rows), problems


def _conform(name: str, df: pd.DataFrame) -> pd.DataFrame:
    if df.empty:
        df = pd.DataFrame(columns=schema.column_names(name))
    return schema.conform(name, df)


def analyse_texts(items: list[tuple[dict, str, str]], cross_check: bool = True) -> list[DocumentResult | Problem]:
    """Every per-document result for a batch of decoded reports ``(doc, raw_text, encoding)``.

    The batch is analysed as one set of tables (pandas' fixed costs are paid
    once per batch, not per report) and split back into one
    :class:`DocumentResult` per report, in order; a report that cannot be
    processed is a :class:`Problem` in its place.
    """
    slots, batch = _analyse_texts_batch(items, cross_check)
    return _fill(slots, batch.results(compact=True))


def _fill(slots: list, results: list[DocumentResult]) -> list:
    """``slots`` with each None replaced by the next of ``results``."""
    fresh = iter(results)
    return [next(fresh) if s is None else s for s in slots]


@dataclass
class BatchTables:
    """The per-document tables of a batch of documents, each document's rows together.

    ``tables`` maps every per-document table plus ``unit_terms`` and
    ``paragraph_terms`` to one Arrow table whose rows are grouped by document,
    in the order of ``doc_ids``; ``lengths[name][k]`` is the number of rows
    of document ``k``.  Analysing a batch as one set of tables pays pandas'
    fixed costs once per batch, not once per document.
    """

    doc_ids: list[str]
    tables: dict[str, pa.Table]
    lengths: dict[str, list[int]]
    problems: list[list[Problem]]

    @classmethod
    def concat(cls, parts: list["BatchTables"]) -> "BatchTables":
        """One BatchTables of several, in order."""
        parts = [p for p in parts if p.doc_ids]
        if not parts:
            return cls([], {}, {}, [])
        return cls(
            [d for p in parts for d in p.doc_ids],
            {name: pa.concat_tables([p.tables[name] for p in parts], promote_options="default") for name in parts[0].tables},
            {name: [n for p in parts for n in p.lengths[name]] for name in parts[0].lengths},
            [probs for p in parts for probs in p.problems],
        )

    def results(self, compact: bool = False) -> list[DocumentResult]:
        """One :class:`DocumentResult` per document: zero-copy slices, or with
        ``compact`` copies that hold only the document's rows (for pickling)."""
        starts = {name: np.concatenate(([0], np.cumsum(n))).astype(np.int64) for name, n in self.lengths.items()}
        out = []
        for k, doc_id in enumerate(self.doc_ids):
            mine = {}
            for name, table in self.tables.items():
                a, b = int(starts[name][k]), int(starts[name][k + 1])
                mine[name] = table.take(np.arange(a, b, dtype=np.int64)) if compact else table.slice(a, b - a)
            out.append(DocumentResult(doc_id, {n: mine[n] for n in PER_DOCUMENT_TABLES}, mine["unit_terms"], mine["paragraph_terms"], self.problems[k]))
        return out


def _analyse_texts_batch(items: list[tuple[dict, str, str]], cross_check: bool = True) -> tuple[list[Problem | None], BatchTables]:
    """:func:`analyse_texts` as one :class:`BatchTables`; slots hold a Problem
    for a report that failed and None for each report in the batch tables.

    When a stage that runs on the whole batch fails, the reports are analysed
    one by one, so the report that breaks it becomes a Problem naming its file
    and the others are still built.
    """
    try:
        return _analyse_texts_together(items, cross_check)
    except Exception as e:  # noqa: BLE001 - one bad document must not stop the corpus
        if len(items) == 1:
            doc = items[0][0]
            return [Problem("error", doc["file"], doc["doc_id"], f"failed to process: {type(e).__name__}: {e}")], BatchTables.concat([])
        parts = [_analyse_texts_batch([item], cross_check) for item in items]
        return [s for slots, _ in parts for s in slots], BatchTables.concat([b for _, b in parts])


def _analyse_texts_together(items: list[tuple[dict, str, str]], cross_check: bool) -> tuple[list[Problem | None], BatchTables]:
    from . import priorities
    from .targets import extract_targets
    from .tokens import term_counts

    rows: dict[str, list] = {name: [] for name in CORE_TABLES}
    problems: dict[str, list[Problem]] = {}
    slots: list[Problem | None] = []
    doc_ids: list[str] = []
    for doc, raw_text, encoding in items:
        try:
            core, probs = _core_rows(doc, raw_text, encoding, cross_check)
        except RawFileError as e:
            slots.append(Problem("error", doc["file"], doc["doc_id"], str(e).split(": ", 1)[-1]))
            continue
        except Exception as e:  # noqa: BLE001 - one bad document must not stop the corpus
            slots.append(Problem("error", doc["file"], doc["doc_id"], f"failed to process: {type(e).__name__}: {e}"))
            continue
        for name in CORE_TABLES:
            rows[name].extend(core[name])
        problems[doc["doc_id"]] = probs
        slots.append(None)
        doc_ids.append(doc["doc_id"])
    frames = _frames(rows)
    inputs = targets_input(frames)
    with _inner_progress(sum(len(raw) for _, raw, _ in items), len(inputs), doc_ids) as tick:
        frames["targets"] = extract_targets(inputs, progress=tick)
    sentence_domains = priorities.code_sentences(frames["sentences"])
    frames["sentence_domains"] = sentence_domains
    frames["domains"] = priorities.domain_profiles(frames["sentences"], sentence_domains)
    frames["priorities"] = priorities.priorities_table(frames["documents"], frames["units"], frames["sections"])
    frames["slogans"] = priorities.slogans_table(frames["documents"], frames["units"])
    unit_terms, paragraph_terms = term_counts(frames["sentences"])
    # Conform and check each table once for the batch, as Arrow, with each
    # document's rows brought together in document order.
    doc_of_unit = dict(zip(frames["units"]["unit_id"], frames["units"]["doc_id"]))
    tables: dict[str, pa.Table] = {}
    lengths: dict[str, list[int]] = {}

    def grouped(name: str, df: pd.DataFrame, arrow_schema_: pa.Schema | None) -> None:
        positions = _doc_positions(df, doc_of_unit)
        parts = [positions.get(d, _NO_ROWS) for d in doc_ids]
        order = np.concatenate(parts) if parts else _NO_ROWS
        table = _to_arrow(df, arrow_schema_)
        tables[name] = table if np.array_equal(order, np.arange(len(df))) else table.take(order)
        lengths[name] = [len(p) for p in parts]

    for name in PER_DOCUMENT_TABLES:
        df = _conform(name, frames[name])
        schema.validate(name, df)
        grouped(name, df, arrow_schema(name))
    for name, df in (("unit_terms", unit_terms), ("paragraph_terms", paragraph_terms)):
        grouped(name, df.reset_index(drop=True), None)
    return slots, BatchTables(doc_ids, tables, lengths, [problems[d] for d in doc_ids])


_NO_ROWS = np.array([], dtype=np.int64)

#: Reports larger than this (characters) show a progress bar of their own
#: over the slowest stage, so a long report does not build in silence.
LARGE_REPORT_CHARS = 1_000_000
_show_inner_progress = False  # set by build(progress=True); forked workers inherit it


@contextmanager
def _inner_progress(n_chars: int, n_sentences: int, doc_ids: list[str]):
    """A callback advancing a bar over sentences, for a large report when the build shows progress."""
    if not _show_inner_progress or n_chars < LARGE_REPORT_CHARS or not n_sentences:
        yield None
        return
    from tqdm.auto import tqdm

    bar = tqdm(total=n_sentences, desc=f"{doc_ids[0] if len(doc_ids) == 1 else 'batch'}: figures", unit="sentence", file=sys.stderr, leave=False)
    try:
        yield bar.update
    finally:
        bar.close()


def _to_arrow(df: pd.DataFrame, arrow_schema_: pa.Schema | None) -> pa.Table:
    if arrow_schema_ is None:
        return pa.Table.from_pandas(df, preserve_index=False, nthreads=1).replace_schema_metadata(None)
    return pa.Table.from_pandas(df, schema=arrow_schema_, preserve_index=False, nthreads=1).replace_schema_metadata(None)


def _doc_positions(df: pd.DataFrame, doc_of_unit: dict[str, str]) -> dict[str, np.ndarray]:
    """Row positions of each document in a batch table."""
    if len(df) == 0:
        return {}
    key = df["doc_id"].tolist() if "doc_id" in df.columns else [doc_of_unit.get(u) for u in df["unit_id"].tolist()]
    codes, uniques = pd.factorize(np.asarray(key, dtype=object))
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    return {doc: order[bounds[k] : bounds[k + 1]].astype(np.int64) for k, doc in enumerate(uniques)}


def analyse_text(doc: dict, raw_text: str, encoding: str = "utf-8", cross_check: bool = True) -> DocumentResult:
    """Every per-document result for one decoded report (see :func:`analyse_texts`)."""
    res = analyse_texts([(doc, raw_text, encoding)], cross_check)[0]
    if isinstance(res, Problem):
        raise RawFileError(f"{doc['file']}: {res.problem}")
    return res


def analyse_document(doc: dict, raw_dir: Path, cache_dir: Path | None = None) -> DocumentResult:
    """:func:`analyse_text` for one manifest row, through the cache.

    Raises :class:`analysis.raw.RawFileError` when the file cannot be read.
    """
    res = _analyse_batch([doc], Path(raw_dir), cache_dir)[0]
    if isinstance(res, Problem):
        raise RawFileError(f"{doc['file']}: {res.problem}")
    return res


def _analyse_batch(docs: list[dict], raw_dir: Path, cache_dir: Path | None, handoff: bool = False) -> list:
    """Results for a batch of manifest rows: cached ones loaded, the others analysed together and cached.

    Returns one DocumentResult or Problem per row.  With ``handoff`` (worker
    processes, which always have a ``cache_dir``), a document's slot holds
    its cache key instead: the parent reads the result from the cache, which
    costs far less than sending a dozen tables through a pipe.
    """
    results: list = [None] * len(docs)
    todo, keys, dropped = [], {}, {}
    for i, doc in enumerate(docs):
        path = raw_dir / doc["file"]
        try:
            data = path.read_bytes()
        except OSError as e:
            results[i] = Problem("error", doc["file"], doc["doc_id"], f"cannot be read: {e}")
            continue
        key = cache_key(doc, data)
        if handoff and cache_path(cache_dir, key).exists():
            results[i] = key
            continue
        hit = None if handoff else _load_result(cache_dir, key, doc["doc_id"])
        if hit is not None:
            results[i] = hit
            continue
        try:
            reading = read_report(data, path.name)
        except RawFileError as e:
            results[i] = Problem("error", doc["file"], doc["doc_id"], str(e).split(": ", 1)[-1])
            continue
        keys[i] = key
        dropped[i] = [Problem("warning", doc["file"], doc["doc_id"], n) for n in reading.notes]
        todo.append((i, doc, reading.text, reading))
    if todo:
        slots, batch = _analyse_texts_batch([(doc, raw_text, enc) for _, doc, raw_text, enc in todo])
        fresh = iter(batch.results())
        for (i, _, _, _), slot in zip(todo, slots):
            if slot is not None:  # a Problem
                results[i] = slot
                continue
            res = results[i] = next(fresh)
            res.problems[:0] = dropped.get(i, [])  # what decoding dropped, before the document's own warnings
            try:
                _save_result(cache_dir, keys[i], res)
            except OSError:
                if not handoff:
                    raise
                continue  # no room for the hand-over file: the result itself is sent
            if handoff:
                results[i] = keys[i]
    return results


def _save_result(cache_dir: Path | None, key: str, res: DocumentResult) -> None:
    tables = {**res.frames, "unit_terms": res.unit_terms, "paragraph_terms": res.paragraph_terms}
    problems = [[p.severity, p.file, p.doc_id, p.problem] for p in res.problems]
    cache_save(cache_dir, key, {"doc_id": res.doc_id, "problems": problems}, tables)


def _load_result(cache_dir: Path | None, key: str, doc_id: str) -> DocumentResult | None:
    """The cached result under ``key`` for document ``doc_id``, or None (no
    entry, or one that cannot be used: it is then recomputed).

    The entry must prove it belongs here: :func:`cache_load` checks the key
    written inside it, and here its document id and the ids in its tables must
    be ``doc_id``."""
    hit = cache_load(cache_dir, key)
    if hit is None:
        return None
    meta, tables = hit
    try:
        frames = {name: tables[name] for name in PER_DOCUMENT_TABLES}
        if meta["doc_id"] != doc_id or frames["documents"].column("doc_id").to_pylist() != [doc_id]:
            return None
        problems = [Problem(*map(str, p)) for p in meta["problems"]]
        return DocumentResult(doc_id, frames, tables["unit_terms"], tables["paragraph_terms"], problems)
    except (KeyError, TypeError, ValueError):
        return None


def targets_input(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Sentences with the context the extractor reads: ``heading_path``, ``report_year``, ``doc_type``."""
    sentences = tables["sentences"].copy()
    paths = heading_paths(tables["sections"])
    sentences["heading_path"] = sentences["section_id"].map(paths).fillna("")
    docs = tables["documents"].set_index("doc_id")
    sentences["report_year"] = sentences["doc_id"].map(docs["report_year"])
    sentences["doc_type"] = sentences["doc_id"].map(docs["doc_type"].map(canonical_doc_type))
    if "n_t2s_changes" in docs.columns and "n_chars" in docs.columns:
        # a report written in traditional characters: its units are reported as written
        traditional = docs["n_t2s_changes"].astype(float) > 0.05 * docs["n_chars"].astype(float).clip(lower=1)
        sentences["is_traditional"] = sentences["doc_id"].map(traditional).fillna(False).astype(bool)
    if "period_covered" in docs.columns:
        sentences["period_covered"] = sentences["doc_id"].map(docs["period_covered"]).fillna("")
    return sentences


_YEAR = r"(?<![\d.])((?:19|20)\d\d)"
#: Spaces a PDF copy leaves around the digits of a date.
_DATE_SPACES = re.compile(r"(?<=\d)[ \t]+(?=[年月日])|(?<=[年月])[ \t]+(?=\d)")


#: A part of a year (a statistics release of 1-9月 is written within the year).
_PART_OF_YEAR = re.compile(r"\d{1,2}\s*[-—至到~～]\s*\d{1,2}\s*月|上半年|前三季度|[一二三四]季度|截至|截止")


def guess_report_year(head: str, titles: list[str] | None = None) -> int | None:
    """The year a report was delivered (and plans for), read from its opening text.

    Decisive, in order: a delivery date (``2022年1月18日``, ``2022-01-18``; the
    next year when delivered in November or December), the year of
    ``YYYY年…预期目标``, a review heading or phrase (``2018年工作回顾``,
    ``2008年是…不平凡的一年``: the next year).  Weaker, in order: a title year
    (``2019年…政府工作报告``), ``YYYY年是…``, a paragraph opening ``YYYY年，``.
    None when the text names no year.
    """
    from .clean import fullwidth_to_halfwidth

    def tight(t: str) -> str:  # 2023 年, 1 月 18 日 (a PDF copy's spacing) read as 2023年, 1月18日
        return _DATE_SPACES.sub("", fullwidth_to_halfwidth(t))

    head = tight(head)
    titles = [tight(t) for t in titles or []]
    m = re.search(_YEAR + r"年[^。\n]{0,30}\n?[^。\n]{0,12}统计公报", head[:300])  # a title may wrap
    if m:  # a statistics communique of 2021 is published, and read, in 2022
        return int(m.group(1)) + 1
    m = re.search(_YEAR + r"年[^。，\n]{0,20}?执行情况[^。，\n]{0,6}?(?:与|和|及|暨)\s*" + _YEAR + r"年", head[:300])
    if m and int(m.group(2)) == int(m.group(1)) + 1:
        # 2021年…计划执行情况与2022年…计划草案的报告: put to the congress of 2022
        return int(m.group(2))
    m = re.search(_YEAR + r"\s*年度?[^。，\n]{0,12}?工作总结[^。，\n]{0,4}?(?:和|及|与|暨)\s*\d{4}\s*年度?[^。，\n]{0,6}?(?:工作)?(?:思路|计划|安排|要点|打算)", head[:300])
    if m:  # 2025年工作总结及2026年工作计划: written at the end of the year it sums up (今年 = 2025)
        return int(m.group(1))
    m = re.search(_YEAR + r"年(?:上半年|前三季度|第?[一二三]季度|1[-—至到](?:[1-9]|1[01])月)[^。\n]{0,30}?(?:执行情况|工作总结|经济运行|工作情况)", head[:300])
    if m:  # 关于2019年上半年…计划执行情况的报告, published in November: still of 2019
        return int(m.group(1))
    m = re.search(_YEAR + r"年(\d{1,2})月\d{1,2}日", head[:600]) or re.search(_YEAR + r"-(\d{1,2})-\d{1,2}(?!\d)", head[:600])
    if m:
        year = int(m.group(1)) + (1 if int(m.group(2)) >= 11 else 0)
        titled = next((t for t in (re.search(_YEAR + r"年.{0,20}工作报告", line) for line in titles) if t), None)
        # a repost years later (a page generated a year on, 生成日期:2022-06-30 for
        # 大塘坪乡2021年政府工作报告, may still date the report itself)
        if titled and int(titled.group(1)) < year - 1 and re.search(r"(?:发布|更新|日期|时间)[^\n]{0,6}$", head[max(0, m.start() - 12): m.start()]):
            return int(titled.group(1))  # 2019年南渡镇政府工作报告 reposted with 发布日期:2025年07月08日
        return year
    m = re.search(_YEAR + r"年[^。\n]{0,20}[。\n][^\n]{0,400}?(?:初步测算|初步核算|初步统计)[，,]?\s*(?:\d{4}年)?", head[:1200]) or re.search(
        r"(?:初步测算|初步核算|初步统计)[，,]?\s*" + _YEAR + r"年", head[:1200])
    if m and not _PART_OF_YEAR.search(head[:1200]):
        # 初步核算，2015年全县地区生产总值…: a statistics review of a whole year is
        # written once the year is over (one of 1-9月 or 上半年 is written within it)
        return int(m.group(1)) + 1
    m = re.search(r"(?:报告|会议)(?:全面)?回顾(?:了|总结了)?(?:过去的?)?" + _YEAR + r"年", head[:1500])
    if m:  # 报告回顾了2024年的工作: a news story of the report delivered the next year
        return int(m.group(1)) + 1
    m = re.search(r"报告(?:还)?提出(?:了)?" + _YEAR + r"年[^。\n]{0,12}?(?:目标|任务|工作)", head[:3000])
    if m:
        return int(m.group(1))
    m = re.search(_YEAR + r"年[^。；！？\n]{0,30}?预期目标", head) or re.search(_YEAR + r"年(?:将|要)", head[:1500])
    if m:  # the year a text sets goals for (…预期目标, 2017年将…) is its year
        return int(m.group(1))
    m = re.search(_YEAR + r"年(?:上半年|前三季度|第?[一二三]季度|1[-—至到](?:[1-9]|1[01])月)(?:份)?(?:的)?(?:政府)?(?:工作|经济运行|国民经济)", head)
    if m:  # a summary of part of a year is written in that year
        return int(m.group(1))
    m = re.search(_YEAR + r"年(?:的)?(?:政府)?工作(?:回顾|总结)", head) or re.search(_YEAR + r"年是[^。]{0,40}?不平凡", head)
    if m:
        return int(m.group(1)) + 1
    m = re.search(_YEAR + r"年(?:度)?[^。，,\n]{0,8}?(?:经济)?工作(?:会议|大会|推进会)", head[:600])
    if m:  # 大良街道2022年工作会议召开，全面总结2021年…: the conference opens its year
        return int(m.group(1))
    m = re.search(r"总结" + _YEAR + r"年", head[:600])
    if m:  # 全面总结2021年工作成绩: a summary is given the next year
        return int(m.group(1)) + 1
    first = next((ln.strip() for ln in head.splitlines() if ln.strip()), "")
    for line in titles + ([first[:60]] if first and first not in titles else []):
        m = re.search(_YEAR + r"年.{0,20}工作报告", line)
        if m:
            return int(m.group(1))
    m = re.search(_YEAR + r"年是", head) or re.search(r"(?:^|\n)\s*" + _YEAR + r"年[，,]", head)
    if m:
        return int(m.group(1))
    if "今年" in head:
        # a news story that says 今年 of the latest year it names (2020年…增长3.7%，2021年…):
        # that year, leaving out years aimed at (到2035年) and spans
        years = [int(y) for y in re.findall(r"(?<![到至~\-\d])" + _YEAR + r"年(?![底末]前)", head[:1500])]
        return max(years) if years else None
    return None


def describe_text(name: str, text: str, report_year: int | None = None, doc_type: str | None = None, period: str = "") -> dict:
    """A manifest-like row for a report given without a manifest.

    The document type, place and year are read from the text where it says
    them (a title such as ``2021年山下湖镇政府工作报告``; the year as
    :func:`guess_report_year` finds it); ``report_year``, ``doc_type`` and
    ``period`` (``2021-2025``, as the manifest's ``period_covered``) override
    what the text says, for an excerpt that does not say it.
    """
    given_type = doc_type
    head = to_simplified(remove_inline_pinyin(text[:6000]))
    doc_id = re.sub(r"[^a-z0-9_\-]+", "_", Path(name).stem.lower()).strip("_") or "document"
    # The type shows in a title line near the top, not in prose that mentions
    # a report (a news story about a 政府工作报告 is not one).
    title_lines = [ln.strip() for ln in head.splitlines() if ln.strip()][:6]
    titles = [ln for ln in title_lines if not re.search(r"[，。；,;]", ln) and len(ln) <= 40]
    # A report delivered to a people's congress carries a line "——2021年3月5日在…会议上".
    delivered = re.search(r"[—－-]{1,2}\s*\d{4}年\d{1,2}月\d{1,2}日在.{2,40}?会议上", head[:800])
    # a title about a report (报告提出…, 解读政府工作报告) heads a news story, not the report
    about = re.compile(r"报告(?:提出|显示|指出|明确|强调|透露|回顾)|解读|看点|热词|亮点|速览|一图|划重点|聚焦|关键词|数读|读懂")
    if any("工作报告" in ln and not about.search(ln) for ln in titles) or delivered:
        doc_type = "government_work_report"
    elif any(re.search(r"规划.{0,20}建议|建议.{0,20}规划", ln) for ln in titles):
        doc_type = "five_year_plan_proposals"
    else:
        doc_type = "unknown"
    place = ""
    m = re.search(r"([\u4e00-\u9fff]{2,12}?(?:省|自治区|市|县|区|镇|乡|街道))(?:人民)?政府(?:工作)?报告", head)
    if m:
        place = re.sub(r"^\d{4}年", "", m.group(1))
    if report_year is None:
        report_year = guess_report_year(head, titles)
    if report_year is None and re.match(r"\s*(?:19|20)\d\d", period or ""):
        report_year = int(period.strip()[:4])  # a plan excerpt given its period: it is set at the start
    if given_type:
        doc_type = canonical_doc_type(given_type)  # work_report, news, statistics, 统计公报 …
    return dict(
        doc_id=doc_id,
        file=Path(name).name,
        title="",
        place=place or Path(name).stem,
        place_level="",
        parent_place="",
        report_year=report_year,
        period_covered=period or "",
        doc_type=doc_type,
        date="",
        is_masked=bool(re.search(r"X{1,3}[%％]|XX亿", head)),
        sha256="",
        source_file="",
        source_url="",
        retrieved="",
        notes="read without a manifest",
    )


def _cross_check(doc: dict, text: str, metadata: dict[str, str]) -> list[Problem]:
    """Warnings where the text disagrees with the manifest."""
    out = []

    def warn(msg: str) -> None:
        out.append(Problem("warning", doc["file"], doc["doc_id"], msg))

    issuing = metadata.get("issuing_body", "")
    if issuing and _place_stem(doc["place"]) not in to_simplified(issuing):
        warn(f"website header names issuing body {issuing!r}, manifest place is {doc['place']!r}")
    for key in ("date_written", "date_published"):
        value = metadata.get(key, "")
        if value and doc.get("date") and value[:10] != doc["date"]:
            warn(f"website header {key} is {value!r}, manifest date is {doc['date']!r}")
    if metadata.get("date_written") and not doc.get("date"):
        warn(f"manifest date is empty; website header gives {metadata['date_written']!r}")
    if not doc.get("is_masked") and _place_stem(doc["place"]) not in text:
        warn(f"place {doc['place']!r} is never named in the text; check the manifest")
    return out


def _place_stem(place: str) -> str:
    """``山下湖镇`` → ``山下湖``: the name without its administrative suffix."""
    stem = re.sub(r"(街道|自治县|市|县|区|镇|乡|省)$", "", place)
    return stem or place




# --------------------------------------------------------------------------
# The whole corpus
# --------------------------------------------------------------------------


@dataclass
class BuildResult:
    """What a build did: problems found, documents built, where the tables are.

    ``tables`` is filled by :func:`build_corpus` (in memory, for small corpora
    and tests); :func:`build` leaves it empty and writes to ``out_dir``.
    """

    problems: list[Problem]
    n_documents: int
    out_dir: Path | None = None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


#: Documents a worker analyses together (pandas' fixed costs are paid once per batch).
WORK_BATCH = 32


def _work(args) -> list:
    docs, raw_dir, cache_dir = args
    return _analyse_batch(docs, raw_dir, cache_dir, handoff=True)


def _ordered_results(rows: list[dict], raw_dir: Path, cache_dir: Path | None, jobs: int):
    """Per-document results in manifest order.

    Cached documents are loaded here; the others are analysed in batches by
    ``jobs`` processes (imap keeps their order, so the output does not depend
    on ``jobs``).  Workers hand their results over through the cache (a
    temporary one, emptied as it is read, when the build has none).
    """
    raw_dir = Path(raw_dir)
    hits: dict[int, Path] = {}
    if cache_dir is not None:
        for i, doc in enumerate(rows):
            try:
                key = cache_key(doc, (raw_dir / doc["file"]).read_bytes())
            except OSError:
                continue
            path = cache_path(cache_dir, key)
            if path.exists():
                hits[i] = path
    misses = [i for i in range(len(rows)) if i not in hits]
    batches = [[rows[i] for i in misses[k : k + WORK_BATCH]] for k in range(0, len(misses), WORK_BATCH)]

    def from_cache(doc: dict, key: str, where: Path, keep: bool):
        res = _load_result(where, key, doc["doc_id"])
        if not keep:
            cache_path(where, key).unlink(missing_ok=True)
        if res is None:  # unreadable cache entry: recompute here
            res = _analyse_batch([doc], raw_dir, cache_dir)[0]
        return res

    def computed():
        if jobs <= 1 or len(batches) <= 1:
            _warm_imports()
            for docs in batches:
                yield from _analyse_batch(docs, raw_dir, cache_dir)
            return
        import multiprocessing as mp

        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        with tempfile.TemporaryDirectory(prefix="analysis-work-") as tmp:
            where = cache_dir if cache_dir is not None else Path(tmp)
            with ctx.Pool(jobs) as pool:
                _warm_imports()  # only once the workers are forked: no thread may hold an import lock at fork
                for docs, slots in zip(batches, pool.imap(_work, [(docs, raw_dir, where) for docs in batches])):
                    for doc, slot in zip(docs, slots):
                        yield from_cache(doc, slot, where, keep=cache_dir is not None) if isinstance(slot, str) else slot

    fresh = computed()
    try:
        for i, doc in enumerate(rows):
            if i in hits:
                yield from_cache(doc, hits[i].stem, cache_dir, keep=True)
            else:
                yield next(fresh)
    finally:
        fresh.close()  # stops the workers and removes the temporary cache, even when the caller stops early


def build(
    raw_dir: Path,
    out_dir: Path,
    *,
    jobs: int = 1,
    progress: bool = True,
    cache_dir: Path | None | str = "default",
) -> BuildResult:
    """Build every table of ``raw_dir``'s corpus into ``out_dir``.

    ``jobs`` processes run the per-document stage; ``cache_dir`` (default
    ``out_dir/.cache``; None for no cache) keeps per-document results so a
    rebuild recomputes only new or changed reports.  Raises
    ``FileNotFoundError`` when there is no manifest and
    :class:`~analysis.store.BuildLocked` when another build writes to
    ``out_dir``.

    The tables appear together or not at all: they are written to a staging
    folder inside ``out_dir`` and published as one set (see
    :func:`analysis.store.publish`); a build that fails, or builds no
    document, leaves the previous tables as they were.
    """
    global _show_inner_progress
    _show_inner_progress = progress
    out_dir = Path(out_dir)
    if cache_dir == "default":
        cache_dir = out_dir / ".cache"
    manifest, problems = read_manifest(Path(raw_dir))
    with output_lock(out_dir):
        for line in recover_output(out_dir):
            problems.append(Problem("warning", str(out_dir), "", line))
        staging = staging_folder(out_dir)
        try:
            result = _build_into(manifest, problems, Path(raw_dir), staging, cache_dir, jobs, progress)
            if result.n_documents:  # a build that built nothing leaves the previous tables as they were
                publish(staging, out_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    result.out_dir = out_dir
    return result


def _build_into(manifest: pd.DataFrame, problems: list, raw_dir: Path, out_dir: Path, cache_dir, jobs: int, progress: bool) -> BuildResult:
    """Write every table of the corpus into the (staging) folder ``out_dir``."""
    from .corpus import CorpusAggregator

    rows = manifest.to_dict("records")
    writers = {name: TableWriter(out_dir, name) for name in PER_DOCUMENT_TABLES}
    aggregator = CorpusAggregator()
    batch: dict[str, list[pa.Table]] = {name: [] for name in PER_DOCUMENT_TABLES}
    pending: list[DocumentResult] = []
    texts_seen: dict[bytes, str] = {}
    n_docs = 0
    try:
        for res in _progress(_ordered_results(rows, raw_dir, cache_dir, jobs), progress, len(rows), "documents"):
            if isinstance(res, Problem):
                problems.append(res)
                continue
            digest = hashlib.sha256(res.frames["documents"].column("text")[0].as_py().encode("utf-8")).digest()
            if digest in texts_seen:  # the same report again (another copy, another encoding)
                problems.append(Problem("error", _file_of(rows, res.doc_id), res.doc_id, f"same text as doc_id {texts_seen[digest]!r}; one report is built once"))
                continue
            texts_seen[digest] = res.doc_id
            n_docs += 1
            problems.extend(res.problems)
            for name in PER_DOCUMENT_TABLES:
                batch[name].append(res.frames[name])
            pending.append(res)
            if n_docs % BATCH_DOCS == 0:
                aggregator.add_many(pending)
                pending.clear()
                _flush(batch, writers)
        aggregator.add_many(pending)
        _flush(batch, writers)
    except BaseException:
        for w in writers.values():
            w.abort()
        _imports_ready()  # a later build must not fork while this thread holds an import lock
        raise
    counts = {name: w.rows for name, w in writers.items()}
    for w in writers.values():
        w.close()
    _imports_ready()
    counts.update(aggregator.write(out_dir, progress=progress))
    (out_dir / "themes_settings.json").write_text(json.dumps(theme_settings(aggregator.n_units), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return BuildResult(problems, n_docs, out_dir, counts=counts)


def _file_of(rows: list[dict], doc_id: str) -> str:
    return next((r["file"] for r in rows if r["doc_id"] == doc_id), "")


_warming: list = []  # the background import threads started by _warm_imports


def _warm_imports() -> None:
    """Import scikit-learn in the background while documents are analysed:
    the corpus-wide stage needs it at the end, when nothing else can run.

    Call it only after worker processes are forked (a fork while this thread
    holds an import lock would leave the lock held in the child), and call
    :func:`_imports_ready` before anything else imports scikit-learn: two
    threads importing one package with import cycles can see it half
    initialised."""
    import threading

    from .themes import import_sklearn

    thread = threading.Thread(target=import_sklearn, name="warm-imports", daemon=True)
    thread.start()
    _warming.append(thread)


def _imports_ready() -> None:
    """Wait for the imports started by :func:`_warm_imports`."""
    while _warming:
        _warming.pop().join()


def _flush(batch: dict[str, list[pa.Table]], writers: dict[str, TableWriter]) -> None:
    """Append each table's pending batch; tables are written in parallel threads
    (Arrow's Parquet and CSV writers release the GIL), each in its own order."""
    from concurrent.futures import ThreadPoolExecutor

    todo = [(name, tables) for name, tables in batch.items() if tables]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for future in [pool.submit(writers[name].write_arrow, pa.concat_tables(tables).combine_chunks()) for name, tables in todo]:
            future.result()
    for _, tables in todo:
        tables.clear()


def build_corpus(raw_dir: Path, progress: bool = False, jobs: int = 1) -> BuildResult:
    """:func:`build` into a temporary folder, with every table loaded into ``tables``.

    For small corpora, tests and notebooks; the tables are exactly what
    ``build`` writes.
    """
    with tempfile.TemporaryDirectory(prefix="analysis-build-") as tmp:
        result = build(raw_dir, Path(tmp), jobs=jobs, progress=progress, cache_dir=None)
        if result.n_documents:
            result.tables = {name: read_table(Path(tmp) / f"{name}.parquet", name) for name in ALL_TABLES}
        else:  # nothing was built, so nothing was published
            result.tables = {name: _conform(name, pd.DataFrame()) for name in ALL_TABLES}
        result.out_dir = None
    return result


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write in-memory tables (as from :func:`build_corpus`) as Parquet and CSV."""
    out_dir = Path(out_dir)
    for name, df in tables.items():
        write_table(out_dir, name, df)
    (out_dir / "themes_settings.json").write_text(
        json.dumps(theme_settings(len(tables.get("units", []))), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return sorted(out_dir.glob("*"))


def theme_settings(n_units: int = 0) -> dict:
    """How the theme tables were made: tokenizer, word-list hashes, TF-IDF and topic settings, caps."""
    from .themes import LARGE_CORPUS_CAPS, LARGE_CORPUS_UNITS, TFIDF_SETTINGS, TOPIC_SETTINGS
    from .tokens import DEFAULT_STOPLISTS, settings_fingerprint

    return {
        "tokens": {"stoplists": list(DEFAULT_STOPLISTS), **settings_fingerprint(DEFAULT_STOPLISTS)},
        "tfidf": TFIDF_SETTINGS,
        "topics": TOPIC_SETTINGS,
        "keyness": {"method": "weighted log-odds, informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)", "prior": "corpus term counts", "prior_scale": 1.0},
        "large_corpus": {"above_units": LARGE_CORPUS_UNITS, "applied": n_units > LARGE_CORPUS_UNITS, **LARGE_CORPUS_CAPS},
    }


def targets_from_files(
    paths: list[Path], report_year: int | None = None, doc_type: str | None = None, period: str = ""
) -> tuple[pd.DataFrame, list[Problem]]:
    """Figures of plain-text reports given without a manifest (``python -m analysis targets``).

    Each file is decoded, cleaned and split like a corpus document (see
    :func:`describe_text` for what is read from the text); a file that cannot
    be read is a problem, not an exception.  Returns the targets table and the
    problems.
    """
    from .targets import extract_targets

    found, problems = [], []
    for path in paths:
        path = Path(path)
        try:
            reading = read_report(path.read_bytes(), path.name)
            doc = describe_text(path.name, reading.text, report_year, doc_type, period)
            if doc["report_year"] is None:
                problems.append(Problem("warning", path.name, doc["doc_id"], "no year in the text; pass --year for horizons"))
            frames, _ = process_text(doc, reading.text, reading, cross_check=False)
            found.append(_conform("targets", extract_targets(targets_input(frames))))
        except OSError as e:
            problems.append(Problem("error", path.name, "", f"cannot be read: {e.strerror or e}"))
        except RawFileError as e:
            problems.append(Problem("error", path.name, "", str(e).split(": ", 1)[-1]))
    table = pd.concat(found, ignore_index=True) if found else _conform("targets", pd.DataFrame())
    table = schema.conform("targets", table)
    schema.validate("targets", table)
    return table, problems


def default_jobs() -> int:
    """Processes to use by default: the machine's cores, at most 8."""
    return max(1, min(8, os.cpu_count() or 1))


def _progress(items, enabled: bool, total: int | None = None, desc: str = ""):
    if not enabled:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc=desc, unit="doc", total=total, file=sys.stderr)
