"""Which library reads government web pages and PDFs best: measured, not assumed.

Issue 13 asks that the extraction libraries be chosen by measuring them on
pages and PDFs shaped like Chinese government publications.  This script
makes such files from the seed reports (``tests/formats.py``: an old GBK
table-layout page, a newer UTF-8 page with a sidebar, a page of ``<br>``
lines without a charset declaration; a two-page PDF with a running head and
page numbers, and a two-column PDF) and prints, per extractor:

* body: share of the body's sentences found whole in the output;
* chrome: pieces of site or page frame (navigation, breadcrumb, share links,
  footer, running head) found in the output (0 is right);
* rows: table rows kept with their cells apart;
* order: two-column PDF read left column first (1 yes, 0 no);
* ms: milliseconds per file.

    python benchmarks/bench_converters.py

Extractors that are not installed (readability-lxml is not a dependency) are
skipped.  jusText is not measured: it classifies paragraphs by a stopword list
and has none for Chinese.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import formats as F  # noqa: E402

from analysis import convert  # noqa: E402
from analysis.clean import clean_text  # noqa: E402

SEEDS = {
    "shanxiahu": F.SEED_LINES,
    "yiwu": None,  # first 20 lines of the report
    "wuxie": None,
}


def _lines(name: str) -> list[str]:
    raw = (F.CORPUS_DIR / {"shanxiahu": "shanxiahu_2022_work_report.txt", "yiwu": "yiwu_2022_work_report.txt",
                            "wuxie": "wuxie_2022_work_plan.txt"}[name]).read_text(encoding="utf-8").split("\n")
    if SEEDS[name]:
        lines = [raw[k - 1] for k in SEEDS[name]]
    else:
        lines = [ln for ln in raw if ln.strip() and "|" not in ln][:20]
    k = min(6, len(lines))
    return lines[:k] + F.TABLE + lines[k:]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", clean_text(text).text)


def _score(out: str, lines: list[str]) -> tuple[float, int, int]:
    got = _squeeze(out)
    body = [s for s in re.split(r"(?<=[。；！？])|\n", clean_text("\n".join(ln for ln in lines if " | " not in ln)).text) if s.strip()]
    found = sum(1 for s in body if re.sub(r"\s+", "", s) in got) / max(1, len(body))
    chrome = sum(1 for c in F.CHROME if re.sub(r"\s+", "", c) in got)
    rows = sum(1 for r in F.TABLE[1:] if all(c in out for c in r.split(" | ")) and re.search(r"\s*\|\s*".join(map(re.escape, r.split(" | "))), out))
    return found, chrome, rows


def _html_extractors():
    import trafilatura

    def traf(html: str) -> str:
        return trafilatura.extract(html, include_tables=True, favor_recall=True, deduplicate=False) or ""

    def ours(data: bytes) -> str:
        return convert.read_report(data, "page.html").text

    out = {
        "trafilatura": lambda data: traf(convert.decode_html(data, "p")[0]),
        "analysis.convert (trafilatura + layout tables unwrapped + chrome lines)": ours,
    }
    try:
        import lxml.html
        from readability import Document

        out["readability-lxml"] = lambda data: lxml.html.fromstring(Document(convert.decode_html(data, "p")[0]).summary()).text_content()
    except ImportError:
        pass
    return out


def _pdf_extractors():
    def pdfium(data: bytes) -> str:
        import pypdfium2

        doc = pypdfium2.PdfDocument(data)
        text = "\n".join(page.get_textpage().get_text_range() for page in doc)
        doc.close()
        return text

    def plumber_plain(data: bytes) -> str:
        import io

        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(p.extract_text() or "" for p in pdf.pages)

    return {
        "pypdfium2 get_text_range": pdfium,
        "pdfplumber extract_text": plumber_plain,
        "analysis.convert (pdfplumber chars: columns, margins, indents)": lambda data: convert.read_report(data, "r.pdf").text,
    }


def _measure(extract, files, third) -> tuple[float, int, int, float]:
    """(mean body share, frame pieces leaked, the third column's total, ms per file) of one extractor."""
    body, chrome, extra, ms = [], 0, 0, 0.0
    for label, data, lines in files:
        t = time.perf_counter()
        out = extract(data)
        ms += (time.perf_counter() - t) * 1000
        f, c, rows = _score(out, lines)
        body.append(f)
        chrome += c
        extra += third(label, out, lines, rows)
    return sum(body) / len(body), chrome, extra, ms / len(files)


def _table_rows(label: str, out: str, lines: list[str], rows: int) -> int:
    return rows if "br-lines" not in label else 0  # that shape has no table


def _in_order(label: str, out: str, lines: list[str], rows: int) -> int:
    if label != "columns":
        return 0
    got = re.sub(r"\s+", "", out)
    pos = [got.find(re.sub(r"\s+", "", p)) for p in lines]
    return int(-1 not in pos and pos == sorted(pos))


def main() -> None:
    pages = [(f"{seed} {shape}", maker(_lines(seed)), _lines(seed))
             for seed in SEEDS for shape, maker in (("gbk-table-layout", F.gbk_page), ("utf8-modern", F.modern_page), ("br-lines", F.br_page))]
    print(f"web pages: {len(pages)} (3 seed reports x 3 page shapes); body = share of body sentences kept whole; rows of {2 * 6} table rows")
    print(f"{'extractor':72s} {'body':>6s} {'chrome':>7s} {'rows':>5s} {'ms':>7s}")
    for name, extract in _html_extractors().items():
        body, chrome, rows, ms = _measure(extract, pages, _table_rows)
        print(f"{name:72s} {body:6.3f} {chrome:7d} {rows:5d} {ms:7.1f}")
    pdfs = []
    for seed in SEEDS:
        lines = [ln for ln in _lines(seed) if " | " not in ln]
        pdfs.append(("pages", F.pdf_file(lines), lines))
        paras = [ln for ln in lines if len(ln) > 60]  # a short line could be found anywhere
        pdfs.append(("columns", F.two_column_pdf(paras[0:2], paras[2:4]), paras[0:4]))
    print(f"\nPDF: {len(pdfs)} (3 seed reports x one-column with running head and page numbers, two-column)")
    print(f"{'extractor':72s} {'body':>6s} {'chrome':>7s} {'order':>6s} {'ms':>7s}")
    for name, extract in _pdf_extractors().items():
        body, chrome, order, ms = _measure(extract, pdfs, _in_order)
        print(f"{name:72s} {body:6.3f} {chrome:7d} {order:6d} {ms:7.1f}")


if __name__ == "__main__":
    main()
