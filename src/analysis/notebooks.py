"""Executing the notebooks headless.

Notebooks live in git as paired text (jupytext ``py:percent``,
``notebooks/NN-name.py``); :func:`run_notebooks` turns each into
``notebooks/NN-name.ipynb`` and executes it top to bottom, so a broken cell
fails the command.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .config import NOTEBOOKS_DIR


def notebook_sources(nb_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The paired notebook sources (``NN-*.py``) in order."""
    return sorted(p for p in Path(nb_dir).glob("[0-9][0-9]-*.py"))


def run_notebook(source: Path, timeout: int = 600) -> Path:
    """Execute one jupytext source; write and return the executed ``.ipynb``.

    Raises ``nbclient.exceptions.CellExecutionError`` naming the cell on the
    first failing cell.
    """
    import jupytext
    from nbclient import NotebookClient

    nb = jupytext.read(source)
    nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(source.parent)}})
    client.execute()
    target = source.with_suffix(".ipynb")
    jupytext.write(nb, target)
    return target


def run_notebooks(nb_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Execute every notebook source in ``nb_dir``; return the executed notebooks."""
    done = []
    sources = notebook_sources(nb_dir)
    if not sources:
        print(f"no notebooks in {nb_dir}", file=sys.stderr)
    for source in sources:
        print(f"running {source.name}", file=sys.stderr)
        done.append(run_notebook(source))
    return done
