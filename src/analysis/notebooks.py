"""Executing the notebooks headless.

Notebooks live in git as paired text (jupytext ``py:percent``,
``notebooks/NN-name.py``, paired with ``ipynb``); :func:`run_notebook` turns
each into ``notebooks/NN-name.ipynb`` and executes it top to bottom.  The
executed notebook keeps the pairing in its metadata, so JupyterLab (with
jupytext's contents manager) opens it with its outputs.

The notebooks read the tables of the folder named by ``ANALYSIS_PROCESSED_DIR``
(``data/processed`` when unset); :func:`run_notebooks` sets it for the kernels
it starts, so ``all --out DIR`` shows the tables built into DIR.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .config import NOTEBOOKS_DIR

#: Pairing of every notebook: the executed ``.ipynb`` beside its ``.py`` text.
FORMATS = "ipynb,py:percent"

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class NotebookFailed(Exception):
    """A cell failed: which notebook, which cell (counted from 1), the error."""

    notebook: str
    cell: int
    error: str
    details: str = ""

    def __str__(self) -> str:
        return f"{self.notebook}, cell {self.cell}: {self.error}"


def notebook_sources(nb_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The paired notebook sources (``NN-*.py``) in order."""
    return sorted(p for p in Path(nb_dir).glob("[0-9][0-9]-*.py"))


@contextmanager
def _environment(values: dict[str, str]):
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_notebook(source: Path, timeout: int = 600, env: dict[str, str] | None = None) -> Path:
    """Execute one jupytext source; write and return the executed ``.ipynb``.

    ``env`` is set for the kernel (e.g. ``ANALYSIS_PROCESSED_DIR``).  Raises
    :class:`NotebookFailed` naming the cell on the first failing cell; the
    notebook file written before (if any) is then left as it was.
    """
    import jupytext
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    source = Path(source)
    nb = jupytext.read(source)
    nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})
    nb.metadata.setdefault("jupytext", {})["formats"] = FORMATS
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(source.parent)}},
        extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no transport warnings on the terminal
    )
    try:
        with _environment(env or {}):
            client.execute()
    except CellExecutionError as e:
        # the notebook as far as it ran, with the error in its cell: an older
        # run's outputs must not pass for this corpus's (the report shows it)
        jupytext.write(nb, source.with_suffix(".ipynb"))
        cell = next((i for i, c in enumerate(nb.cells, start=1) if any(o.get("output_type") == "error" for o in c.get("outputs", []))), 0)
        ename = getattr(e, "ename", "") or type(e).__name__
        evalue = _ANSI.sub("", str(getattr(e, "evalue", "") or "")).strip().splitlines()
        raise NotebookFailed(source.stem, cell, f"{ename}: {evalue[0] if evalue else ''}".rstrip(": "), _ANSI.sub("", str(e))) from None
    except Exception as e:  # noqa: BLE001 - a kernel that dies or times out
        raise NotebookFailed(source.stem, 0, f"{type(e).__name__}: {e}", traceback.format_exc()) from None
    target = source.with_suffix(".ipynb")
    jupytext.write(nb, target)
    return target


@dataclass
class NotebookRun:
    """What :func:`run_notebooks` did."""

    executed: list[Path]
    failed: list[NotebookFailed]
    log: Path | None = None


def run_notebooks(
    nb_dir: Path = NOTEBOOKS_DIR,
    processed: Path | None = None,
    figures: Path | None = None,
    progress: bool = True,
    log: Path | None = None,
    raw: Path | None = None,
) -> NotebookRun:
    """Execute every notebook source in ``nb_dir`` on the tables in
    ``processed``, writing figures to ``figures`` (``raw``: the reports those
    tables were built from, for the notebook that adds one to a copy).

    A failing notebook does not stop the others: each failure is one line on
    stderr (notebook, cell, error) and its full traceback goes to ``log``.
    """
    env = {}
    if raw is not None:
        env["ANALYSIS_RAW_DIR"] = str(Path(raw).resolve())
    if processed is not None:
        env["ANALYSIS_PROCESSED_DIR"] = str(Path(processed).resolve())
    if figures is not None:
        env["ANALYSIS_FIGURES_DIR"] = str(Path(figures).resolve())
    sources = notebook_sources(nb_dir)
    if not sources:
        print(f"no notebooks in {nb_dir}", file=sys.stderr)
    items = sources
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(sources, desc="notebooks", unit="nb", file=sys.stderr)
        items = bar
    run = NotebookRun([], [], log)
    for source in items:
        if bar is not None:
            bar.set_postfix_str(source.stem)
        try:
            run.executed.append(run_notebook(source, env=env))
        except NotebookFailed as e:
            run.failed.append(e)
            print(f"error: notebook {e}", file=sys.stderr)
    if run.failed and log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text("\n\n".join(f"== {e}\n{e.details}" for e in run.failed), encoding="utf-8")
        print(f"full tracebacks in {log}", file=sys.stderr)
    return run
