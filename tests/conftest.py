"""Shared fixtures: the real corpus and a built copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.config import RAW_DIR


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW_DIR


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The real corpus built once into a temporary folder: (BuildResult, out_dir)."""
    from analysis.build import ALL_TABLES, build
    from analysis.store import read_table

    out = tmp_path_factory.mktemp("processed")
    result = build(RAW_DIR, out, jobs=1, progress=False, cache_dir=None)
    result.tables = {name: read_table(out / f"{name}.parquet", name) for name in ALL_TABLES}
    return result, out


@pytest.fixture()
def raw_copy(tmp_path) -> Path:
    """A writable copy of data/raw for tests that add bad files."""
    dst = tmp_path / "raw"
    shutil.copytree(RAW_DIR, dst)
    for f in dst.iterdir():
        f.chmod(0o644)
    return dst
