"""Shared fixtures: the real corpus and a built copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

#: The tests' own copy of the shipped corpus: the suite passes whatever a
#: researcher adds to data/raw (their data is checked by `analysis check`).
CORPUS_DIR = Path(__file__).parent / "data" / "corpus"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return CORPUS_DIR


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The real corpus built once into a temporary folder: (BuildResult, out_dir)."""
    from analysis.build import ALL_TABLES, build
    from analysis.store import read_table

    out = tmp_path_factory.mktemp("processed")
    result = build(CORPUS_DIR, out, jobs=1, progress=False, cache_dir=None)
    result.tables = {name: read_table(out / f"{name}.parquet", name) for name in ALL_TABLES}
    return result, out


@pytest.fixture()
def raw_copy(tmp_path) -> Path:
    """A writable copy of the corpus for tests that add bad files."""
    dst = tmp_path / "raw"
    shutil.copytree(CORPUS_DIR, dst)
    for f in dst.iterdir():
        f.chmod(0o644)
    return dst
