"""``python -m analysis bench``: how fast and how lean the build is, on a synthetic corpus.

A corpus of N reports is synthesised by recombining the paragraphs of
``data/raw`` (distinct doc ids, places and years; every quirk of the seed files
comes along, so every stage does real work).  The benchmark then measures, on
this machine and in this run:

* a bare jieba pass over the same text, one process (the reference);
* the whole build with 1 process and with ``--jobs`` processes (no cache);
* the rebuild after adding one report to the built corpus (cache on);
* documents and MB per second, and peak memory (largest single process).

Its last line is ``ratio_to_tokenize=R speedup_2_jobs=S incremental_s=T
peak_mb=M docs=N``.
"""

from __future__ import annotations

import csv
import random
import re
import resource
import shutil
import tempfile
import time
from pathlib import Path

from .config import RAW_DIR
from .raw import read_manifest, read_raw_file

_PLACE_CHARS = "青山河湖桥塘岭溪泉林石江田沙岩桃梅竹松柏枫杨柳花溪云峰源浦洲港湾坞岙"


def _place(i: int) -> str:
    a = _PLACE_CHARS[i % len(_PLACE_CHARS)]
    b = _PLACE_CHARS[(i // len(_PLACE_CHARS)) % len(_PLACE_CHARS)]
    c = _PLACE_CHARS[(i // len(_PLACE_CHARS) ** 2) % len(_PLACE_CHARS)]
    return f"{c}{b}{a}镇"


def synthesize_corpus(n_docs: int, out_dir: Path, raw_dir: Path = RAW_DIR, seed: int = 0, start: int = 0) -> list[dict]:
    """Write ``n_docs`` synthetic reports and their manifest rows into ``out_dir``.

    Each report keeps the line structure of one seed file (cycled) and swaps
    in blocks from the others, deterministically for ``seed``; doc ids, places
    and years are distinct.  Returns the manifest rows written.
    """
    manifest, _ = read_manifest(raw_dir)
    seeds = manifest.to_dict("records")
    texts = {d["doc_id"]: read_raw_file(raw_dir / d["file"])[0] for d in seeds}
    blocks = {d: [b for b in re.split(r"\n(?=\S)", t) if b.strip()] for d, t in texts.items()}
    pool = [b for bs in blocks.values() for b in bs]
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(start, start + n_docs):
        rng = random.Random(seed * 1_000_003 + i)
        base = seeds[i % len(seeds)]
        mine = list(blocks[base["doc_id"]])
        # keep the document's own first block (title, header), swap a third of the rest
        for k in range(1, len(mine)):
            if rng.random() < 0.33:
                mine[k] = rng.choice(pool)
        text = "\n".join(mine)
        place = _place(i)
        year = 2018 + i % 6
        doc_id = f"synth_{i:05d}"
        name = f"{doc_id}.txt"
        (out_dir / name).write_text(text, encoding="utf-8")
        rows.append(
            dict(doc_id=doc_id, file=name, title=f"{place}{year}年报告", place=place, place_level="town", parent_place="合成市",
                 report_year=str(year), period_covered=str(year), doc_type=base["doc_type"], date="", is_masked=str(bool(base["is_masked"])).lower(),
                 sha256="", source_file=base["file"], notes="synthetic benchmark report")
        )
    path = out_dir / "manifest.csv"
    new = not path.exists()
    with open(path, "a", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
        if new:
            w.writeheader()
        w.writerows(rows)
    return rows


def _corpus_text(raw: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(raw.glob("synth_*.txt"))]


def time_bare_jieba(texts: list[str]) -> float:
    """Seconds for Python jieba (default dictionary, HMM on) to segment ``texts`` in this process."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    start = time.perf_counter()
    for t in texts:
        tk.lcut(t)
    return time.perf_counter() - start


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def run(n_docs: int, jobs: int = 2, workdir: Path | None = None, keep: bool = False) -> dict:
    """Run the benchmark; return its figures (see module docstring)."""
    from .build import build

    base = Path(workdir or tempfile.mkdtemp(prefix="analysis-bench-"))
    raw = base / "raw"
    if raw.exists():
        shutil.rmtree(raw)
    print(f"synthesising {n_docs} reports in {raw} …", flush=True)
    synthesize_corpus(n_docs, raw)
    texts = _corpus_text(raw)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {n_docs} documents, {mb:.1f} MB", flush=True)

    t_jieba = time_bare_jieba(texts)
    del texts
    print(f"bare jieba, 1 process: {t_jieba:.1f} s ({mb / t_jieba:.2f} MB/s)", flush=True)

    start = time.perf_counter()
    build(raw, base / "out1", jobs=1, progress=False, cache_dir=None)
    t_one = time.perf_counter() - start
    print(f"build, 1 process: {t_one:.1f} s", flush=True)
    shutil.rmtree(base / "out1", ignore_errors=True)

    start = time.perf_counter()
    build(raw, base / "out", jobs=jobs, progress=True)
    t_build = time.perf_counter() - start
    print(f"build, {jobs} processes: {t_build:.1f} s ({n_docs / t_build:.1f} docs/s, {mb / t_build:.2f} MB/s)", flush=True)

    synthesize_corpus(1, raw, start=n_docs)  # next January's report
    start = time.perf_counter()
    build(raw, base / "out", jobs=jobs, progress=False)
    t_incr = time.perf_counter() - start
    print(f"rebuild after adding one report: {t_incr:.1f} s", flush=True)

    figures = {
        "docs": n_docs,
        "mb": round(mb, 1),
        "jieba_s": round(t_jieba, 2),
        "build_1_job_s": round(t_one, 2),
        "build_s": round(t_build, 2),
        "jobs": jobs,
        "docs_per_s": round(n_docs / t_build, 2),
        "mb_per_s": round(mb / t_build, 3),
        "ratio_to_tokenize": round(t_build / t_jieba, 3),
        "speedup_2_jobs": round(t_one / t_build, 3),
        "incremental_s": round(t_incr, 2),
        "peak_mb": round(_peak_mb()),
    }
    if not keep:
        shutil.rmtree(base, ignore_errors=True)
    return figures
