"""The command line: ``python -m analysis {build,check,targets,evaluate,notebooks,all,dictionary}``.

* ``build``: ``data/raw`` → ``data/processed`` (every table, Parquet and CSV).
* ``check``: validate the manifest and decode every raw file, build nothing.
* ``add``: copy a saved report (or download a URL) into ``data/raw`` with its manifest row.
* ``notebooks``: execute every notebook headless (tables and figures).
* ``report``: the executed notebooks as a static HTML site in ``reports/``.
* ``all``: ``build``, ``notebooks``, then ``report``.
* ``targets``: every figure of plain-text reports, without a manifest.
* ``evaluate``: score the extractor against a researcher's hand-checked rows.
* ``dictionary``: the data dictionary of every table, as Markdown.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import PROCESSED_DIR, RAW_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Chinese local-government reports -> tables, notebooks and figures. "
        "Run `python -m analysis COMMAND --help` for the options of one command.",
        epilog="Start with `all`: build data/processed from data/raw, then execute the notebooks and write the figures.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p_build = sub.add_parser("build", help="build data/processed/ from data/raw/")
    p_build.add_argument("--raw", type=Path, default=RAW_DIR, help="raw folder with manifest.csv (default: data/raw)")
    p_build.add_argument("--out", type=Path, default=PROCESSED_DIR, help="output folder (default: data/processed)")
    p_build.add_argument("--quiet", action="store_true", help="no progress bar")
    p_build.add_argument("--jobs", type=int, default=None, help="processes for the per-document stage (default: the machine's cores, at most 8); results are identical for any value")
    p_build.add_argument("--no-cache", action="store_true", help="recompute every document instead of reusing cached results")

    p_check = sub.add_parser("check", help="validate the manifest and raw files without building")
    p_check.add_argument("--raw", type=Path, default=RAW_DIR)

    p_add = sub.add_parser("add", help="copy a saved report (web page, PDF, Word, text) or download a URL into data/raw, with its manifest row")
    p_add.add_argument("source", help="a file (.html, .htm, .pdf, .docx, .doc, .txt) or an http(s) URL")
    p_add.add_argument("--place", required=True, help="the place the report speaks for, in Chinese (义乌市)")
    p_add.add_argument("--level", required=True, help="its level: town, township, subdistrict, county, county_city, district, prefecture_city, province, national, department, development_zone")
    p_add.add_argument("--parent", default="", help="the place one level up (金华市)")
    p_add.add_argument("--year", type=int, required=True, help="the year the report was delivered (or its plan starts)")
    p_add.add_argument("--type", dest="doc_type", required=True, help="document type: government_work_report, work_plan, work_summary, statements, five_year_plan_proposals, …")
    p_add.add_argument("--date", default="", help="the date it was delivered, YYYY-MM-DD")
    p_add.add_argument("--doc-id", default="", help="id and file name in data/raw (default: <place in pinyin>_<year>_<type>)")
    p_add.add_argument("--title", default="", help="title (default: the page's, PDF's or Word file's own title)")
    p_add.add_argument("--period", default="", help="years the document covers, e.g. 2021-2025 (default: the year)")
    p_add.add_argument("--raw", type=Path, default=RAW_DIR, help="raw folder with manifest.csv (default: data/raw)")
    p_add.add_argument("--timeout", type=float, default=60, help="seconds a download may take (default 60)")

    p_t = sub.add_parser("targets", help="extract every figure from plain-text reports (no manifest needed)")
    p_t.add_argument("files", nargs="+", type=Path, help="report files (UTF-8, GB18030, Big5, UTF-16)")
    p_t.add_argument("--year", type=int, default=None, help="the report's year, when the text does not say it")
    p_t.add_argument("--doc-type", default=None, help="the document type, as in the manifest or by an alias in data/doc_types.csv (government_work_report or work_report, work_plan, five_year_plan, work_summary, summary_plan, plan_execution, statistics, news, speech), when the text does not say it; an unknown type says nothing about kind")
    p_t.add_argument("--period", default="", help="the years a plan covers, as in the manifest's period_covered (e.g. 2021-2025)")
    p_t.add_argument("--format", choices=["csv", "json", "table"], default="csv")

    p_e = sub.add_parser("evaluate", help="score the extractor against hand-checked gold rows")
    p_e.add_argument("gold", nargs="+", type=Path, help="gold CSV files or folders (format: tests/data/gold/README.md)")
    p_e.add_argument("--targets", type=Path, default=PROCESSED_DIR / "targets.parquet", help="extracted targets table (default: data/processed/targets.parquet)")
    p_e.add_argument("--mismatches", type=Path, default=None, help="write every gold/extracted pairing that is not a match to this CSV")
    p_e.add_argument("--texts", type=Path, default=None, help="score passages instead of the built table: GOLD is one CSV in the shared format (file,indicator_zh,value,…) and this folder holds the passages it names")
    p_e.add_argument("--file-args", type=Path, default=None, help="with --texts: a CSV file,args giving --year/--doc-type/--period for passages that do not state them")

    p_bench = sub.add_parser("bench", help="benchmark the build on a synthetic corpus of N reports")
    p_bench.add_argument("--docs", type=int, default=200, help="reports to synthesise (default 200)")
    p_bench.add_argument("--jobs", type=int, default=2, help="processes for the parallel build (default 2)")
    p_bench.add_argument("--workdir", type=Path, default=None, help="where to build (default: a temporary folder, removed after)")

    p_dict = sub.add_parser("dictionary", help="print the data dictionary (Markdown), or write it into README.md")
    p_dict.add_argument("--write-readme", action="store_true", help="replace the README's data-dictionary block")

    p_nb = sub.add_parser("notebooks", help="execute every notebook (writes notebooks/*.ipynb and figures/)")
    p_nb.add_argument("--out", type=Path, default=PROCESSED_DIR, help="the tables the notebooks read (default: data/processed)")
    p_nb.add_argument("--quiet", action="store_true", help="no progress bar")

    p_rep = sub.add_parser("report", help="render the executed notebooks into a static HTML site (reports/index.html)")
    p_rep.add_argument("--out", type=Path, default=PROCESSED_DIR, help="the tables the notebooks were run on (default: data/processed)")
    p_rep.add_argument("--site", type=Path, default=None, help="folder of the site (default: reports/)")

    p_all = sub.add_parser("all", help="build the tables, then execute the notebooks and write the figures")
    p_all.add_argument("--raw", type=Path, default=RAW_DIR, help="raw folder with manifest.csv (default: data/raw)")
    p_all.add_argument("--out", type=Path, default=PROCESSED_DIR, help="output folder of the tables, which the notebooks read (default: data/processed)")
    p_all.add_argument("--jobs", type=int, default=None, help="processes for the per-document stage (default: the machine's cores, at most 8)")
    p_all.add_argument("--no-cache", action="store_true", help="recompute every document instead of reusing cached results")
    p_all.add_argument("--quiet", action="store_true", help="no progress bars")

    args = parser.parse_args(argv)
    if args.command == "build":
        return cmd_build(args.raw, args.out, progress=not args.quiet, jobs=args.jobs, cache=not args.no_cache)
    if args.command == "check":
        return cmd_check(args.raw)
    if args.command == "add":
        return cmd_add(args)
    if args.command == "notebooks":
        return cmd_notebooks(args.out, progress=not args.quiet)
    if args.command == "report":
        return cmd_report(args.out, args.site)
    if args.command == "targets":
        return cmd_targets(args.files, args.year, args.format, args.doc_type, args.period)
    if args.command == "evaluate":
        if args.texts is not None:
            return cmd_evaluate_passages(args.gold, args.texts, args.file_args, args.mismatches)
        return cmd_evaluate(args.gold, args.targets, args.mismatches)
    if args.command == "bench":
        from .bench import run

        f = run(args.docs, jobs=args.jobs, workdir=args.workdir)
        print(" ".join(f"{k}={v}" for k, v in f.items() if k not in ("ratio_to_tokenize", "speedup_2_jobs", "incremental_s", "peak_mb", "docs")))
        print(f"ratio_to_tokenize={f['ratio_to_tokenize']} speedup_2_jobs={f['speedup_2_jobs']} incremental_s={f['incremental_s']} peak_mb={f['peak_mb']} docs={f['docs']}")
        return 0
    if args.command == "dictionary":
        return cmd_dictionary(args.write_readme)
    if args.command == "all":
        status = cmd_build(args.raw, args.out, progress=not args.quiet, jobs=args.jobs, cache=not args.no_cache)
        if status:
            return status
        status = cmd_notebooks(args.out, progress=not args.quiet, raw=args.raw)
        status = cmd_report(args.out) or status
        _print_summary(args.out)
        return status
    parser.error(f"unknown command {args.command}")  # pragma: no cover
    return 2


def _print_problems(problems) -> None:
    if not problems:
        print("problems: none")
        return
    print(f"problems ({len(problems)}):")
    for p in problems:
        print(f"  {p}")


def cmd_build(raw: Path, out: Path, progress: bool = True, jobs: int | None = None, cache: bool = True) -> int:
    """Build every table; exit 1 only when nothing could be built."""
    from .build import build, default_jobs

    from .store import BuildLocked

    try:
        result = build(raw, out, jobs=jobs or default_jobs(), progress=progress, cache_dir="default" if cache else None)
    except (FileNotFoundError, ValueError, BuildLocked) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except OSError as e:  # a read-only or full output folder: the previous tables are untouched
        where = e.filename or out
        print(f"error: cannot write the tables to {out}: {e.strerror or e} ({where}); the previous tables are untouched", file=sys.stderr)
        return 1
    c = result.counts
    print(
        f"built {result.n_documents} documents: {c.get('units', 0)} units, {c.get('sections', 0)} sections, "
        f"{c.get('sentences', 0)} sentences, {c.get('targets', 0)} figures, {c.get('cleaning_log', 0)} cleaning-log rows -> {out}"
    )
    _print_problems(result.problems)
    return 0 if result.n_documents else 1


#: Columns ``targets`` prints (the table's internal ids are left out).
TARGET_PRINT_COLUMNS = [
    "target_id", "doc_id", "sentence_id", "indicator_raw", "indicator", "indicator_zh", "indicator_en", "value", "value_high", "unit",
    "value_base", "unit_base", "comparator", "reference", "measure", "kind", "horizon", "kind_cue", "horizon_cue", "firmness", "is_annual_average",
    "is_redacted", "figure_text", "sentence", "char_start", "char_end", "note",
]


def cmd_targets(files: list[Path], year: int | None, fmt: str, doc_type: str | None = None, period: str = "") -> int:
    """Print one row per figure of each file; exit 1 when no file could be read."""
    from .build import targets_from_files

    table, problems = targets_from_files(files, year, doc_type, period)
    out = table[TARGET_PRINT_COLUMNS]
    if fmt == "csv":
        sys.stdout.write(out.to_csv(index=False, lineterminator="\n"))
    elif fmt == "json":
        sys.stdout.write(out.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        import pandas as pd

        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200, "display.max_colwidth", 40):
            print(out[["doc_id", "indicator_raw", "value", "value_high", "unit", "comparator", "measure", "kind", "horizon", "is_redacted", "figure_text"]].to_string(index=False))
    for p in problems:
        print(p, file=sys.stderr)
    readable = {Path(f).name for f in files} - {p.file for p in problems if p.severity == "error"}
    return 0 if readable else 1


def cmd_evaluate(gold_paths: list[Path], targets_path: Path, mismatches: Path | None) -> int:
    """Print precision, recall, comparator and horizon accuracy against gold rows."""
    import pandas as pd

    from .evaluate import evaluate, load_gold

    gold = load_gold(gold_paths)
    if not Path(targets_path).exists():
        print(f"error: {targets_path} not found; run `python -m analysis build` first", file=sys.stderr)
        return 1
    extracted = pd.read_parquet(targets_path) if str(targets_path).endswith(".parquet") else pd.read_csv(targets_path, keep_default_na=False)
    # Score only the documents the researcher checked by hand.
    extracted = extracted[extracted["doc_id"].isin(set(gold["doc_id"]))]
    result = evaluate(gold, extracted)
    print(f"gold rows {result['n_gold']}, extracted rows {result['n_extracted']}, matched {result['n_matched']}")
    print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}   (value, unit, kind)")
    print(f"comparator accuracy {result['comparator_accuracy']:.3f}  horizon accuracy {result['horizon_accuracy']:.3f}   (matched rows)")
    by_doc = result["by_doc"][["doc_id", "n_gold", "n_extracted", "n_matched", "precision", "recall", "comparator_accuracy", "horizon_accuracy"]]
    print(by_doc.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    if mismatches is not None:
        table = result["table"]
        table[table["status"] != "match"].to_csv(mismatches, index=False, lineterminator="\n")
        print(f"non-matching pairings written to {mismatches}")
    return 0


def cmd_evaluate_passages(gold_paths: list[Path], texts: Path, file_args: Path | None, mismatches: Path | None) -> int:
    """Score hand-coded passages (the shared gold format) as the hidden sets are scored."""
    from .passages import score_passages

    if len(gold_paths) != 1:
        print("error: with --texts give exactly one gold CSV", file=sys.stderr)
        return 1
    scores = score_passages(gold_paths[0], texts, file_args)
    print(scores.line(f"{Path(gold_paths[0]).parent.name}/{Path(gold_paths[0]).stem}"))
    if mismatches is not None:
        scores.disagreements.to_csv(mismatches, index=False, lineterminator="\n")
        print(f"disagreements written to {mismatches}")
    return 0


README_START = "<!-- data-dictionary:start (generated by `python -m analysis dictionary --write-readme`) -->"
README_END = "<!-- data-dictionary:end -->"


def cmd_dictionary(write_readme: bool) -> int:
    """Print the data dictionary, or write it between the README's markers."""
    from .config import PROJECT_ROOT
    from .schema import markdown_dictionary

    text = markdown_dictionary()
    if not write_readme:
        print(text)
        return 0
    readme = PROJECT_ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    start, end = content.index(README_START), content.index(README_END)
    readme.write_text(content[: start + len(README_START)] + "\n\n" + text + "\n" + content[end:], encoding="utf-8")
    return 0


def cmd_notebooks(processed: Path = PROCESSED_DIR, progress: bool = True, raw: Path | None = None) -> int:
    """Execute the notebooks on the tables in ``processed``; exit 1 when one fails
    (the others still run; tracebacks go to ``processed/notebooks.log``)."""
    from .notebooks import run_notebooks

    if not (Path(processed) / "documents.parquet").exists():
        print(f"error: no tables in {processed}; run `python -m analysis build --out {processed}` first", file=sys.stderr)
        return 1
    log = Path(processed) / "notebooks.log"
    if log.exists():
        log.unlink()
    run = run_notebooks(processed=processed, progress=progress, log=log, raw=raw)
    return 1 if run.failed else 0


def cmd_report(processed: Path = PROCESSED_DIR, site: Path | None = None) -> int:
    """Render the executed notebooks into reports/ (or ``site``)."""
    from .report import REPORTS_DIR, write_report

    try:
        pages = write_report(processed, site or REPORTS_DIR)
    except (FileNotFoundError, OSError) as e:
        print(f"error: report: {e}", file=sys.stderr)
        return 1
    print(f"report: {len(pages)} pages, open {pages[0]}")
    return 0


def _print_summary(out: Path) -> None:
    """Where everything a run made is."""
    from . import config
    from .notebooks import notebook_sources

    tables = sorted(Path(out).glob("*.parquet"))
    executed = [p.with_suffix(".ipynb") for p in notebook_sources() if p.with_suffix(".ipynb").exists()]
    figs = sorted(config.FIGURES_DIR.glob("*.pdf"))
    print(
        f"done: {len(tables)} tables in {out}; {len(executed)} executed notebooks in {config.NOTEBOOKS_DIR} "
        f"(open them with `.venv/bin/jupyter lab`); {len(figs)} figures (PDF, SVG, PNG) in {config.FIGURES_DIR}; "
        f"the report is {config.PROJECT_ROOT / 'reports' / 'index.html'}"
    )


def cmd_add(args) -> int:
    """Add one report to the raw folder and check its manifest row."""
    from .intake import AddError, add_report, check_added

    try:
        added = add_report(
            args.source, args.raw, place=args.place, level=args.level, year=args.year, doc_type=args.doc_type,
            parent=args.parent, date=args.date, doc_id=args.doc_id, title=args.title, period=args.period, timeout=args.timeout,
        )
    except AddError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"added {added.doc_id}: {added.path} ({added.source_format}, read with {added.converter}); manifest row appended")
    for note in added.notes:
        print(f"WARNING: {added.path.name} [{added.doc_id}]: {note}", file=sys.stderr)
    problems = check_added(args.raw, added.doc_id)
    _print_problems(problems)
    if not any(p.severity == "error" for p in problems):
        print("check: ok; run `python -m analysis all` to rebuild the tables, notebooks and figures")
    return 1 if any(p.severity == "error" for p in problems) else 0


def cmd_check(raw: Path) -> int:
    """Validate the manifest and decode every file; exit 1 on any error."""
    from .convert import read_report
    from .raw import Problem, RawFileError, read_manifest

    try:
        manifest, problems = read_manifest(raw)
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    for doc in manifest.to_dict("records"):
        try:
            reading = read_report((Path(raw) / doc["file"]).read_bytes(), doc["file"])
        except OSError as e:
            problems.append(Problem("error", doc["file"], doc["doc_id"], f"cannot be read: {e.strerror or e}"))
            continue
        except RawFileError as e:
            problems.append(Problem("error", doc["file"], doc["doc_id"], str(e).split(": ", 1)[-1]))
            continue
        how = reading.encoding if reading.source_format == "txt" else f"{reading.source_format}, {reading.converter}"
        print(f"ok  {doc['doc_id']:40s} {doc['file']} ({how})")
        problems += [Problem("warning", doc["file"], doc["doc_id"], n) for n in reading.notes]
    _print_problems(problems)
    return 1 if any(p.severity == "error" for p in problems) else 0
