"""The shared report: a static site of the executed notebooks, loaded in a real
headless browser (Debian's chromium, driven by Playwright)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from analysis.notebooks import run_notebooks
from analysis.report import provenance, write_report

pytestmark = pytest.mark.integration

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def site(built, tmp_path_factory):
    """Notebooks executed on the built corpus, rendered into a site."""
    _, processed = built
    nb_dir = tmp_path_factory.mktemp("nb")
    for src in sorted((Path(__file__).parents[1] / "notebooks").glob("[0-9][0-9]-*.py")):
        shutil.copy(src, nb_dir / src.name)
    figures = tmp_path_factory.mktemp("figures")
    run = run_notebooks(nb_dir, processed=processed, figures=figures, progress=False)
    assert not run.failed, [str(f) for f in run.failed]
    out = tmp_path_factory.mktemp("reports")
    pages = write_report(processed, out, nb_dir)
    return out, pages, processed


def test_the_site_has_an_index_and_a_page_per_notebook_with_captioned_figures(site):
    out, pages, processed = site
    assert pages[0].name == "index.html"
    index = pages[0].read_text(encoding="utf-8")
    for page in pages[1:]:
        assert f'href="{page.name}"' in index
        text = page.read_text(encoding="utf-8")
        assert "Traceback" not in text
        n_img, n_caption = text.count("<img"), text.count("<figcaption>")
        assert n_img == n_caption
    prov = provenance(processed)
    assert prov.raw_digest[:12] in index and prov.version in index
    captions = "".join(p.read_text(encoding="utf-8") for p in pages[1:])
    assert "Figure from notebook 02-growth-targets" in captions


def test_every_page_and_image_loads_in_a_headless_browser(site, tmp_path):
    if CHROMIUM is None:
        pytest.skip("no chromium on this machine (Debian package chromium); .ci/run installs it")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
    out, pages, _ = site
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # no request lines in the test output
            pass

    handler = functools.partial(Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
            )
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            problems: list[str] = []
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            for path in pages:
                response = page.goto(f"{base}/{path.name}", wait_until="load")
                assert response is not None and response.ok, path.name
                broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length")
                assert broken == 0, f"{path.name}: {broken} images did not load"
                if path.name == "index.html":
                    links = page.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
                    assert set(links) >= {p.name for p in pages[1:]}
            page.goto(f"{base}/02-growth-targets.html", wait_until="load")
            page.screenshot(path=str(tmp_path / "02-growth-targets.png"), full_page=True)
            browser.close()
        assert not problems, problems
        assert (tmp_path / "02-growth-targets.png").stat().st_size > 10_000
    finally:
        server.shutdown()
