"""One large report against a corpus of small ones, and a long line without punctuation.

Issue 11 asks that cost grow linearly with input: one report of many MB
should build at no less than half the MB/s of a corpus of small reports
holding the same text, in bounded memory, and a 5 MB line without sentence
marks should build in under 2 GB.  This script makes those inputs from the
seed corpus in a temporary folder, builds each in a fresh process
(``--jobs 1 --no-cache``), and prints MB, seconds, MB/s and peak memory.

    python benchmarks/bench_large_report.py [--mb 15] [--line-mb 5]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.config import RAW_DIR

MANIFEST = "doc_id,file,place,place_level,report_year,doc_type\n"


def _write(folder: Path, docs: list[tuple[str, str]]) -> float:
    folder.mkdir(parents=True)
    lines = [MANIFEST]
    size = 0
    for doc_id, text in docs:
        data = text.encode("utf-8")
        (folder / f"{doc_id}.txt").write_bytes(data)
        size += len(data)
        lines.append(f"{doc_id},{doc_id}.txt,义乌市,county_city,2022,government_work_report\n")
    (folder / "manifest.csv").write_text("".join(lines), encoding="utf-8")
    return size / 1e6


def _build(raw: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one build in a fresh process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "build", "--raw", str(raw), "--out", str(out), "--quiet", "--jobs", "1", "--no-cache"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {raw} failed: {proc.stderr.read().decode()[-500:]}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=15.0, help="size of the large report (MB)")
    parser.add_argument("--line-mb", type=float, default=5.0, help="size of the line without punctuation (MB)")
    args = parser.parse_args()
    seed = (RAW_DIR / "yiwu_2022_work_report.txt").read_text(encoding="utf-8") + "\n"
    copies = max(1, round(args.mb * 1e6 / len(seed.encode("utf-8"))))
    rnd = random.Random(1)
    parts, n = [], 0
    while n < args.line_mb * 1e6:
        piece = f"第{rnd.randint(1, 99)}项指标增长{rnd.randint(1, 30)}.{rnd.randint(0, 9)}%，完成投资{rnd.randint(1, 999)}万元，"
        parts.append(piece)
        n += len(piece.encode("utf-8"))
    with tempfile.TemporaryDirectory(prefix="bench-large-") as tmp:
        tmp = Path(tmp)
        cases = [
            # each copy differs (a numbered first line): identical reports are built once
            ("corpus of small reports", _write(tmp / "small", [(f"r{i:05d}", f"第{i}号\n{seed}") for i in range(copies)])),
            ("one large report", _write(tmp / "large", [("large", "".join(f"第{i}号\n{seed}" for i in range(copies)))])),
            ("one line without 。", _write(tmp / "line", [("line", "2023年报告\n" + "".join(parts) + "\n")])),
        ]
        print(f"{'input':<26}{'MB':>8}{'seconds':>10}{'MB/s':>8}{'peak MB':>10}")
        rates = {}
        for (name, mb), folder in zip(cases, ("small", "large", "line")):
            wall, peak = _build(tmp / folder, tmp / f"out-{folder}")
            rates[name] = mb / wall
            print(f"{name:<26}{mb:>8.1f}{wall:>10.1f}{mb / wall:>8.2f}{peak:>10.0f}")
        print(f"large report MB/s as a share of the small-report corpus's: {rates['one large report'] / rates['corpus of small reports']:.2f}")


if __name__ == "__main__":
    main()
