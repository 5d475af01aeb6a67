"""A static HTML site of the executed notebooks, to send to a co-author.

:func:`write_report` renders every executed notebook (``notebooks/NN-*.ipynb``)
with nbconvert into ``reports/NN-name.html`` (code hidden, outputs and prose
kept, figures embedded) and writes ``reports/index.html``: a contents list of
the notebooks with their sections, and where the data came from (build date,
a SHA-256 digest over the raw files the tables were built from, the package
version).  Every figure gets a caption naming its notebook and that data.
The site is self-contained: pages and images open from disk or any web server.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import __version__
from .config import NOTEBOOKS_DIR, PROJECT_ROOT

REPORTS_DIR = PROJECT_ROOT / "reports"


@dataclass
class Provenance:
    """Where the tables shown came from."""

    built: str
    raw_digest: str
    n_documents: int
    version: str

    def line(self) -> str:
        return (
            f"tables built {self.built} from {self.n_documents} documents "
            f"(raw files SHA-256 {self.raw_digest[:12]}); analysis {self.version}"
        )


def provenance(processed: Path) -> Provenance:
    """Build date (the documents table's modification time, UTC), a digest of
    the raw files' own SHA-256 values, and the package version."""
    path = Path(processed) / "documents.parquet"
    docs = pd.read_parquet(path, columns=["doc_id", "sha256"])
    digest = hashlib.sha256("\n".join(sorted(f"{d} {s}" for d, s in zip(docs["doc_id"], docs["sha256"]))).encode()).hexdigest()
    built = _dt.datetime.fromtimestamp(path.stat().st_mtime, tz=_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return Provenance(built, digest, len(docs), __version__)


_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
nav a{margin-right:1rem} figcaption{font-size:.85rem;color:#555;margin-top:.25rem}
table{border-collapse:collapse;font-size:.85rem} td,th{border:1px solid #ccc;padding:.2rem .4rem}
.provenance{font-size:.85rem;color:#555;border-top:1px solid #ddd;margin-top:2rem;padding-top:.5rem}
"""


def _title(nb: dict, fallback: str) -> str:
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            src = "".join(cell.get("source", ""))
            m = re.search(r"^#\s+(.+)$", src, re.M)
            if m:
                return m.group(1).strip()
    return fallback


def _sections(nb: dict) -> list[str]:
    out = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            out += re.findall(r"^##\s+(.+)$", "".join(cell.get("source", "")), re.M)
    return out


def _captioned(body: str, notebook: str, prov: Provenance) -> str:
    """Wrap each embedded figure in a <figure> with a caption naming its source."""
    caption = html.escape(f"Figure from notebook {notebook}; {prov.line()}")
    return re.sub(r"(<img\b[^>]*>)", lambda m: f"<figure>{m.group(1)}<figcaption>{caption}</figcaption></figure>", body)


def render_notebook(path: Path, prov: Provenance, pages: list[tuple[str, str]]) -> str:
    """One notebook as a standalone HTML page (code cells hidden)."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(path, as_version=4)
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    title = _title(json.loads(path.read_text(encoding="utf-8")), path.stem)
    nav = " ".join(f'<a href="{html.escape(href)}">{html.escape(label)}</a>' for href, label in [("index.html", "Contents")] + pages)
    return (
        f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{html.escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body><nav>{nav}</nav>\n"
        f"{_captioned(body, path.stem, prov)}\n"
        f'<p class="provenance">{html.escape(prov.line())}</p></body></html>\n'
    )


def write_report(processed: Path, out: Path = REPORTS_DIR, nb_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Render the executed notebooks of ``nb_dir`` into a site in ``out``;
    return the pages written (index first).  Raises ``FileNotFoundError``
    when no notebook has been executed yet."""
    executed = sorted(Path(nb_dir).glob("[0-9][0-9]-*.ipynb"))
    if not executed:
        raise FileNotFoundError(f"no executed notebooks in {nb_dir}; run `python -m analysis notebooks` first")
    prov = provenance(processed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    pages = [(p.stem + ".html", p.stem[:2]) for p in executed]
    written = []
    entries = []
    for path in executed:
        target = out / f"{path.stem}.html"
        target.write_text(render_notebook(path, prov, pages), encoding="utf-8")
        written.append(target)
        nb = json.loads(path.read_text(encoding="utf-8"))
        sections = "".join(f"<li>{html.escape(s)}</li>" for s in _sections(nb))
        entries.append(f'<li><a href="{html.escape(target.name)}">{html.escape(_title(nb, path.stem))}</a><ul>{sections}</ul></li>')
    index = out / "index.html"
    index.write_text(
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Report</title>'
        f"<style>{_STYLE}</style></head><body><h1>Chinese local-government reports: tables and comparisons</h1>"
        f"<p>One page per notebook, rendered from its executed outputs.</p><ol>{''.join(entries)}</ol>"
        f'<p class="provenance">{html.escape(prov.line())}</p></body></html>\n',
        encoding="utf-8",
    )
    return [index] + written
