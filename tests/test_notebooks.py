"""Every notebook runs top to bottom on the built corpus and writes its figures."""

from __future__ import annotations

import json

import pytest

from analysis.notebooks import notebook_sources, run_notebook

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def figure_dir(built, tmp_path_factory):
    return tmp_path_factory.mktemp("figures")


@pytest.mark.parametrize("source", notebook_sources(), ids=lambda p: p.stem)
def test_notebook_runs_clean(source, built, figure_dir, monkeypatch, tmp_path):
    _, processed = built
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(processed))
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(figure_dir))
    copy = tmp_path / source.name
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    executed = run_notebook(copy, timeout=300)  # raises on the first failing cell
    nb = json.loads(executed.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            text = out.get("text", "") if out.get("output_type") == "stream" else ""
            assert "Glyph" not in text and "missing from font" not in text, text[:200]
            assert out.get("output_type") != "error"
    assert any(c.get("metadata", {}).get("tags") == ["parameters"] for c in nb["cells"]), "a parameters cell"


def test_notebooks_wrote_at_least_ten_figures_in_three_formats_and_two_languages(figure_dir):
    # runs after the notebook tests (same module, definition order)
    stems = {p.name.rsplit("_", 1)[0] for p in figure_dir.glob("*.pdf")}
    assert len(stems) >= 10, sorted(stems)
    for stem in stems:
        for lang in ("zh", "en"):
            for ext in ("png", "pdf", "svg"):
                assert (figure_dir / f"{stem}_{lang}.{ext}").exists(), f"{stem}_{lang}.{ext}"
