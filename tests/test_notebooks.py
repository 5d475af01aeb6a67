"""Every notebook runs top to bottom on a corpus a researcher could make, writes
its figures, and opens in a Jupyter server with its outputs."""

from __future__ import annotations

import csv
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from analysis.notebooks import NotebookFailed, notebook_sources, run_notebook, run_notebooks
from conftest import CORPUS_DIR

pytestmark = pytest.mark.integration

EXTRA = Path(__file__).parent / "data" / "extra_reports"


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    """The shipped corpus plus three reports written for the tests: a second
    report of a place and year already there, next year's report of Shanxiahu,
    and a report with no figures; built once. (raw, processed)"""
    from analysis.build import build

    raw = tmp_path_factory.mktemp("raw")
    shutil.copytree(CORPUS_DIR, raw, dirs_exist_ok=True)
    for f in EXTRA.glob("*.txt"):
        shutil.copy(f, raw / f.name)
    with open(raw / "manifest.csv", "a", encoding="utf-8", newline="") as out:
        out.write((EXTRA / "manifest_rows.csv").read_text(encoding="utf-8").split("\n", 1)[1])
    processed = tmp_path_factory.mktemp("processed")
    result = build(raw, processed, jobs=1, progress=False, cache_dir=None)
    assert result.n_documents == 8, result.problems
    return raw, processed


@pytest.fixture(scope="module")
def figure_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("figures")


@pytest.fixture(scope="module")
def nb_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("notebooks")


@pytest.mark.parametrize("source", notebook_sources(), ids=lambda p: p.stem)
def test_notebook_runs_clean_on_an_extended_corpus(source, extended, figure_dir, nb_dir):
    _, processed = extended
    copy = nb_dir / source.name
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    env = {"ANALYSIS_PROCESSED_DIR": str(processed), "ANALYSIS_FIGURES_DIR": str(figure_dir)}
    executed = run_notebook(copy, timeout=300, env=env)  # raises on the first failing cell
    nb = json.loads(executed.read_text(encoding="utf-8"))
    assert nb["metadata"]["jupytext"]["formats"] == "ipynb,py:percent"
    shown = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            text = out.get("text", "") if out.get("output_type") == "stream" else ""
            assert "Glyph" not in text and "missing from font" not in text, text[:200]
            assert out.get("output_type") != "error"
            data = out.get("data", {})
            shown.append("".join(data.get("text/markdown", "")) + "".join(data.get("text/plain", "")) + "".join(data.get("text/html", "")))
    assert any(c.get("metadata", {}).get("tags") == ["parameters"] for c in nb["cells"]), "a parameters cell"
    if source.stem[:2] in ("01", "02", "03", "04"):
        # the new units are in the tables and sentences the notebook shows
        everything = "\n".join(shown)
        assert "山下湖镇 2023" in everything, source.stem


def test_notebooks_wrote_at_least_ten_figures_in_three_formats_and_two_languages(figure_dir):
    # runs after the notebook tests (same module, definition order)
    stems = {p.name.rsplit("_", 1)[0] for p in figure_dir.glob("*.pdf")}
    assert len(stems) >= 10, sorted(stems)
    for stem in stems:
        for lang in ("zh", "en"):
            for ext in ("png", "pdf", "svg"):
                assert (figure_dir / f"{stem}_{lang}.{ext}").exists(), f"{stem}_{lang}.{ext}"


def test_saved_figures_are_printed_sizes_in_english_without_chinese_and_say_where_they_come_from(figure_dir):
    # runs after the notebook tests: every figure the notebooks wrote for the extended corpus
    from figure_checks import CJK, pdf_characters, pdf_info, pdf_page_size_in

    pdfs = sorted(figure_dir.glob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        width, height = pdf_page_size_in(pdf)
        assert width in (3.5, 7.0) and height <= 9.0, (pdf.name, width, height)
        stem, lang = pdf.stem.rsplit("_", 1)
        assert pdf_page_size_in(figure_dir / f"{stem}_zh.pdf") == (width, height), stem  # same size in both languages
        info = pdf_info(pdf)
        assert info.get("Title") and f"notebook {stem[:2]}-" in info["Keywords"] and "data " in info["Keywords"], (pdf.name, info)
        if lang == "en":
            assert not [c for c in pdf_characters(pdf) if CJK.match(c)], pdf.name


def test_the_example_report_of_notebook_05_draws_nothing_into_figures(figure_dir):
    assert sorted(p.name for p in figure_dir.glob("05-*")) == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_jupyter_server_opens_the_executed_notebooks_with_their_outputs(nb_dir):
    # runs after the notebook tests: nb_dir holds each .py beside its executed .ipynb
    executed = sorted(nb_dir.glob("*.ipynb"))
    assert len(executed) == len(notebook_sources())
    port, token = _free_port(), "test-token"
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "server", "--allow-root", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--ServerApp.token={token}", f"--ServerApp.root_dir={nb_dir}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the Jupyter server did not start: " + server.stderr.read1().decode(errors="replace")[-500:])
        for path in executed:
            with urllib.request.urlopen(f"{base}/api/contents/{path.name}?content=1&token={token}", timeout=60) as r:
                model = json.loads(r.read())
            assert model["type"] == "notebook", path.name
            outputs = [o for c in model["content"]["cells"] for o in c.get("outputs", [])]
            assert outputs, f"{path.name} opened without outputs"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_failing_notebook_is_one_line_and_the_others_still_run(tmp_path, capsys):
    (tmp_path / "01-ok.py").write_text("# %%\nprint('fine')\n", encoding="utf-8")
    (tmp_path / "02-broken.py").write_text("# %%\nx = 1\n\n# %%\nraise ValueError('no such unit')\n", encoding="utf-8")
    (tmp_path / "03-also-ok.py").write_text("# %%\nprint('fine too')\n", encoding="utf-8")
    log = tmp_path / "notebooks.log"
    run = run_notebooks(tmp_path, progress=False, log=log)
    assert [p.name for p in run.executed] == ["01-ok.ipynb", "03-also-ok.ipynb"]
    assert len(run.failed) == 1 and isinstance(run.failed[0], NotebookFailed)
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert lines == ["error: notebook 02-broken, cell 2: ValueError: no such unit"]
    assert "Traceback" in log.read_text(encoding="utf-8") or "ValueError" in log.read_text(encoding="utf-8")
    partial = json.loads((tmp_path / "02-broken.ipynb").read_text(encoding="utf-8"))  # as far as it ran
    assert [o["output_type"] for c in partial["cells"] for o in c.get("outputs", [])] == ["error"]


def test_extra_reports_pass_check():
    rows = list(csv.DictReader(open(EXTRA / "manifest_rows.csv", encoding="utf-8")))
    assert {r["file"] for r in rows} == {p.name for p in EXTRA.glob("*.txt")}


@pytest.mark.parametrize("stem", ["02-growth-targets", "03-tfidf-themes", "04-priorities"])
def test_a_corpus_of_one_unit_runs(stem, tmp_path_factory):
    """Similarity, clustering and keyness need several units; with one, the
    notebooks say so instead of failing."""
    from analysis.build import build

    root = tmp_path_factory.getbasetemp() / "one-unit"
    raw, processed = root / "raw", root / "processed"
    if not (processed / "documents.parquet").exists():
        raw.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS_DIR / "shanxiahu_2022_work_report.txt", raw)
        lines = (CORPUS_DIR / "manifest.csv").read_text(encoding="utf-8").splitlines()
        (raw / "manifest.csv").write_text("\n".join([lines[0]] + [ln for ln in lines if ln.startswith("shanxiahu")]) + "\n", encoding="utf-8")
        assert build(raw, processed, jobs=1, progress=False, cache_dir=None).n_documents == 1
    source = next(p for p in notebook_sources() if p.stem == stem)
    copy = tmp_path_factory.mktemp("nb") / source.name
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    env = {"ANALYSIS_PROCESSED_DIR": str(processed), "ANALYSIS_FIGURES_DIR": str(tmp_path_factory.mktemp("fig"))}
    run_notebook(copy, timeout=300, env=env)  # raises on a failing cell
