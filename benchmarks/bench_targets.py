"""How long extracting every figure of the corpus takes (issue: under 2 seconds).

Builds the corpus tables once (not timed), then times ``extract_targets`` over
all sentences, several runs, and prints the median.  Run:

    python benchmarks/bench_targets.py [--runs 5] [--raw data/raw]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from analysis.build import build_corpus, targets_input
from analysis.config import RAW_DIR
from analysis.targets import extract_targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--raw", type=Path, default=RAW_DIR)
    args = parser.parse_args()
    tables = build_corpus(args.raw, progress=False).tables
    sentences = targets_input(tables)
    chars = int(sentences.text.str.len().sum())
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        found = extract_targets(sentences)
        times.append(time.perf_counter() - start)
    print(f"documents={tables['documents'].shape[0]} sentences={len(sentences)} chars={chars} figures={len(found)}")
    print(f"extract_targets seconds: median={statistics.median(times):.3f} min={min(times):.3f} max={max(times):.3f} runs={args.runs}")


if __name__ == "__main__":
    main()
