"""Scoring passages in the shared gold format agrees with the shared scorer."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.passages import score_passages

HERE = Path(__file__).parent / "data" / "passages"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "score_targets.py"


def _figures(line: str) -> dict[str, float]:
    return {k: float(v) for k, v in re.findall(r"(recall|precision|comparator|horizon|loose_recall)=([\d.]+)", line)}


def test_passage_scores_are_computed_and_bounded():
    s = score_passages(HERE / "gold.csv", HERE / "texts", HERE / "file_args.csv")
    assert s.n_gold == 14 and s.n_predicted > 0
    for v in (s.recall, s.precision, s.comparator_accuracy, s.horizon_accuracy):
        assert 0.0 <= v <= 1.0
    problems = s.disagreements.problem
    assert set(problems) <= {"missed", "kind", "horizon"}
    assert (problems == "missed").sum() == s.n_gold - round(s.loose_recall * s.n_gold)
    assert (problems == "kind").sum() == round((s.loose_recall - s.recall) * s.n_gold)


@pytest.mark.skipif(not SCORER.exists(), reason="the shared scorer is not beside this checkout")
def test_evaluate_agrees_with_the_shared_scorer():
    ours = subprocess.run([sys.executable, "-m", "analysis", "evaluate", str(HERE / "gold.csv"), "--texts", str(HERE / "texts"), "--file-args", str(HERE / "file_args.csv")],
                          capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    theirs = subprocess.run([sys.executable, str(SCORER), str(HERE / "gold.csv"), str(HERE / "texts"), sys.executable, "--file-args", str(HERE / "file_args.csv")],
                            capture_output=True, text=True).stdout.strip().splitlines()[-1]
    assert _figures(ours) == _figures(theirs), (ours, theirs)
