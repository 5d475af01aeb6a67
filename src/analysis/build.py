"""Building ``data/processed/`` from ``data/raw/``.

:func:`process_document` turns one manifest row and its file into rows of
every table; :func:`build_corpus` runs it over the manifest, collects the
problems (a bad file is reported and the rest still builds), checks each
table against :mod:`analysis.schema` and returns the tables;
:func:`write_tables` writes them as Parquet and CSV, byte-identical for the
same raw data.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import schema
from .clean import clean_text, to_simplified
from .raw import Problem, RawFileError, read_manifest, read_raw_file
from .split import heading_paths, paragraphs_from_spans, split_sections, split_sentences, split_units, units_frame

CORE_TABLES = ["documents", "units", "sections", "sentences", "cleaning_log"]
THEME_TABLES = [
    "terms", "tfidf", "similarity", "keyness", "topics", "topic_shares",
    "sentence_domains", "domains", "priorities", "slogans",
]
#: Every table ``build`` writes.
ALL_TABLES = CORE_TABLES + ["targets"] + THEME_TABLES


@dataclass
class DocumentResult:
    """Rows of every table for one document, plus its problems."""

    document: dict
    units: list[dict]
    sections: list[dict]
    sentences: list[dict]
    log: list[dict]
    problems: list[Problem] = field(default_factory=list)


def process_document(doc: dict, raw_dir: Path) -> DocumentResult:
    """Read, clean and split one document described by manifest row ``doc``.

    Raises :class:`analysis.raw.RawFileError` when the file cannot be read as
    text.  Cross-checks what the text says (a website header's issuing body
    and date, the place name) against the manifest and returns any mismatch
    as a warning.
    """
    raw_text, encoding = read_raw_file(Path(raw_dir) / doc["file"])
    return process_text(doc, raw_text, encoding)


def process_text(doc: dict, raw_text: str, encoding: str = "utf-8", cross_check: bool = True) -> DocumentResult:
    """Clean and split decoded ``raw_text`` described by manifest-like row ``doc``."""
    cleaned = clean_text(raw_text, doc["doc_id"])
    problems = _cross_check(doc, cleaned.text, cleaned.metadata) if cross_check else []
    paragraphs = paragraphs_from_spans(cleaned.text, cleaned.paragraphs)
    if not paragraphs:
        raise RawFileError(f"{doc['file']}: no text left after cleaning")
    units, unit_warnings = split_units(doc, paragraphs)
    problems += [Problem("warning", doc["file"], doc["doc_id"], w) for w in unit_warnings]
    sections = split_sections(doc, units, paragraphs)
    sentences = split_sentences(doc, cleaned.text, paragraphs, sections)
    n_t2s = sum(len(r["before"]) for r in cleaned.log if r["step"] == "to_simplified")
    document = dict(doc)
    document.update(
        encoding=encoding,
        layout=cleaned.layout,
        n_t2s_changes=n_t2s,
        site_metadata="; ".join(f"{k}={v}" for k, v in cleaned.metadata.items()),
        n_chars_raw=len(raw_text),
        n_chars=len(cleaned.text),
        n_units=len(units),
        n_sentences=len(sentences),
        text=cleaned.text,
    )
    return DocumentResult(document, units, sections, sentences, cleaned.log, problems)


_YEAR = r"(?<![\d.])((?:19|20)\d\d)"


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

    head = fullwidth_to_halfwidth(head)
    titles = [fullwidth_to_halfwidth(t) for t in titles or []]
    m = re.search(_YEAR + r"年(\d{1,2})月\d{1,2}日", head[:600]) or re.search(_YEAR + r"-(\d{1,2})-\d{1,2}(?!\d)", head[:600])
    if m:
        return int(m.group(1)) + (1 if int(m.group(2)) >= 11 else 0)
    m = re.search(_YEAR + r"年[^。；！？\n]{0,30}?预期目标", head)
    if m:
        return int(m.group(1))
    m = re.search(_YEAR + r"年(?:的)?(?:政府)?工作(?:回顾|总结)", head) or re.search(_YEAR + r"年是[^。]{0,40}?不平凡", head)
    if m:
        return int(m.group(1)) + 1
    for line in titles:
        m = re.search(_YEAR + r"年.{0,20}工作报告", line)
        if m:
            return int(m.group(1))
    m = re.search(_YEAR + r"年是", head) or re.search(r"(?:^|\n)\s*" + _YEAR + r"年[，,]", head)
    return int(m.group(1)) if m else None


def describe_text(name: str, text: str, report_year: int | None = None) -> dict:
    """A manifest-like row for a report given without a manifest.

    The document type, place and year are read from the text where it says
    them (a title such as ``2021年山下湖镇政府工作报告``; the year as
    :func:`guess_report_year` finds it); ``report_year`` overrides the year.
    """
    head = to_simplified(text[:6000])
    doc_id = re.sub(r"[^a-z0-9_\-]+", "_", Path(name).stem.lower()).strip("_") or "document"
    # The type shows in a title line near the top, not in prose that mentions
    # a report (a news story about a 政府工作报告 is not one).
    title_lines = [ln.strip() for ln in head.splitlines() if ln.strip()][:6]
    titles = [ln for ln in title_lines if not re.search(r"[，。；,;]", ln) and len(ln) <= 40]
    # A report delivered to a people's congress carries a line "——2021年3月5日在…会议上".
    delivered = re.search(r"[—－-]{1,2}\s*\d{4}年\d{1,2}月\d{1,2}日在.{2,40}?会议上", head[:800])
    if any("工作报告" in ln for ln in titles) or delivered:
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
    return dict(
        doc_id=doc_id,
        file=Path(name).name,
        title="",
        place=place or Path(name).stem,
        place_level="",
        parent_place="",
        report_year=report_year,
        period_covered="",
        doc_type=doc_type,
        date="",
        is_masked=bool(re.search(r"X{1,3}[%％]|XX亿", head)),
        sha256="",
        source_file="",
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


@dataclass
class BuildResult:
    tables: dict[str, pd.DataFrame]
    problems: list[Problem]
    n_documents: int


def build_corpus(raw_dir: Path, progress: bool = True) -> BuildResult:
    """Process every document of ``raw_dir``'s manifest.

    Returns the tables of :data:`CORE_TABLES` (checked against the schema)
    and every problem found.  A document that cannot be read is reported as
    an error and left out; the others still build.  Raises
    ``FileNotFoundError`` when there is no manifest.
    """
    manifest, problems = read_manifest(Path(raw_dir))
    results: list[DocumentResult] = []
    rows = manifest.to_dict("records")
    for doc in _progress(rows, progress):
        try:
            res = process_document(doc, Path(raw_dir))
        except RawFileError as e:
            problems.append(Problem("error", doc["file"], doc["doc_id"], str(e).split(": ", 1)[-1]))
            continue
        except Exception as e:  # noqa: BLE001 - one bad document must not stop the corpus
            problems.append(Problem("error", doc["file"], doc["doc_id"], f"failed to process: {type(e).__name__}: {e}"))
            continue
        results.append(res)
        problems.extend(res.problems)
    tables = assemble_tables(results)
    if results:
        tables["targets"] = targets_table(tables)
        tables.update(theme_tables(tables))
    else:
        for name in ["targets"] + THEME_TABLES:
            tables[name] = schema.conform(name, pd.DataFrame(columns=schema.column_names(name)))
    return BuildResult(tables, problems, len(results))


def theme_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Vocabulary, theme, domain, priority and slogan tables (checked against the schema)."""
    from . import priorities, themes
    from .tokens import tokens_table

    tokens = tokens_table(tables["sentences"])
    if tokens.empty:
        return {name: schema.conform(name, pd.DataFrame(columns=schema.column_names(name))) for name in THEME_TABLES}
    dtm = themes.document_term_matrix(tokens)
    topic_table, topic_shares = themes.topics(tokens)
    sentence_domains = priorities.code_sentences(tables["sentences"])
    out = {
        "terms": themes.terms_table(tokens),
        "tfidf": themes.tfidf_table(dtm),
        "similarity": themes.similarity_table(dtm),
        "keyness": themes.keyness_each_vs_rest(dtm),
        "topics": topic_table,
        "topic_shares": topic_shares,
        "sentence_domains": sentence_domains,
        "domains": priorities.domain_profiles(tables["sentences"], sentence_domains),
        "priorities": priorities.priorities_table(tables["documents"], tables["units"], tables["sections"]),
        "slogans": priorities.slogans_table(tables["documents"], tables["units"]),
    }
    for name, df in out.items():
        if df.empty:
            df = pd.DataFrame(columns=schema.column_names(name))
        out[name] = schema.conform(name, df)
        schema.validate(name, out[name])
    return out


def theme_settings() -> dict:
    """How the theme tables were made: tokenizer, word-list hashes, TF-IDF and topic settings."""
    from .themes import TFIDF_SETTINGS, TOPIC_SETTINGS
    from .tokens import DEFAULT_STOPLISTS, settings_fingerprint

    return {
        "tokens": {"stoplists": list(DEFAULT_STOPLISTS), **settings_fingerprint(DEFAULT_STOPLISTS)},
        "tfidf": TFIDF_SETTINGS,
        "topics": TOPIC_SETTINGS,
        "keyness": {"method": "weighted log-odds, informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)", "prior": "corpus term counts", "prior_scale": 1.0},
    }


def targets_from_files(paths: list[Path], report_year: int | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Figures of plain-text reports given without a manifest (``python -m analysis targets``).

    Each file is decoded, cleaned and split like a corpus document (see
    :func:`describe_text` for what is read from the text); a file that cannot
    be read is a problem, not an exception.  Returns the targets table and the
    problems.
    """
    results, problems = [], []
    for path in paths:
        path = Path(path)
        try:
            raw_text, encoding = read_raw_file(path)
            doc = describe_text(path.name, raw_text, report_year)
            if doc["report_year"] is None:
                problems.append(Problem("warning", path.name, doc["doc_id"], "no year in the text; pass --year for horizons"))
            results.append(process_text(doc, raw_text, encoding, cross_check=False))
        except RawFileError as e:
            problems.append(Problem("error", path.name, "", str(e).split(": ", 1)[-1]))
    if not results:
        return schema.conform("targets", _empty_targets()), problems
    tables = assemble_tables(results)
    return targets_table(tables), problems


def _empty_targets() -> pd.DataFrame:
    return pd.DataFrame(columns=schema.column_names("targets"))


def targets_input(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Sentences with the context the extractor reads: ``heading_path``, ``report_year``, ``doc_type``."""
    sentences = tables["sentences"].copy()
    paths = heading_paths(tables["sections"])
    sentences["heading_path"] = sentences["section_id"].map(paths).fillna("")
    docs = tables["documents"].set_index("doc_id")
    sentences["report_year"] = sentences["doc_id"].map(docs["report_year"])
    sentences["doc_type"] = sentences["doc_id"].map(docs["doc_type"])
    return sentences


def targets_table(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every figure of the corpus (see ``schema.TABLES['targets']``), checked against the schema."""
    from .targets import extract_targets

    found = extract_targets(targets_input(tables))
    table = schema.conform("targets", found)
    schema.validate("targets", table)
    return table


def assemble_tables(results: list[DocumentResult]) -> dict[str, pd.DataFrame]:
    """Concatenate per-document rows into tables that match the schema."""
    frames = {
        "documents": pd.DataFrame([r.document for r in results]),
        "units": units_frame([u for r in results for u in r.units]),
        "sections": pd.DataFrame([s for r in results for s in r.sections]),
        "sentences": pd.DataFrame([s for r in results for s in r.sentences]),
        "cleaning_log": pd.DataFrame([x for r in results for x in r.log]),
    }
    tables = {}
    for name, df in frames.items():
        if df.empty:
            df = pd.DataFrame(columns=schema.column_names(name))
        table = schema.conform(name, df)
        schema.validate(name, table)
        tables[name] = table
    return tables


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write each table as ``NAME.parquet`` and ``NAME.csv`` in ``out_dir``.

    The same tables give byte-identical files (no timestamps; fixed row and
    column order; ``\\n`` line ends).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in tables.items():
        pq = out_dir / f"{name}.parquet"
        df.to_parquet(pq, index=False, engine="pyarrow", compression="zstd")
        csv = out_dir / f"{name}.csv"
        df.to_csv(csv, index=False, lineterminator="\n", encoding="utf-8")
        written += [pq, csv]
    if "tfidf" in tables:
        import json

        meta = out_dir / "themes_settings.json"
        meta.write_text(json.dumps(theme_settings(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        written.append(meta)
    return written


def _progress(items: list, enabled: bool):
    if not enabled:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc="documents", unit="doc", file=sys.stderr)
