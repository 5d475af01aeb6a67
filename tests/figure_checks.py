"""Reading saved figures back: the characters a PDF prints, its page size and metadata.

No PDF library is needed: matplotlib embeds TrueType fonts (Type 42) with a
``/ToUnicode`` map listing every character the page draws with that font, so
the union of those maps is the set of characters of the PDF's text.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_HEX = re.compile(rb"<([0-9a-fA-F]+)>")


def _streams(data: bytes):
    for raw in _STREAM.findall(data):
        try:
            yield zlib.decompress(raw)
        except zlib.error:
            yield raw


def pdf_characters(path: Path) -> set[str]:
    """Every character the PDF's text draws (from its fonts' ToUnicode maps)."""
    chars: set[str] = set()
    for stream in _streams(Path(path).read_bytes()):
        if b"begincmap" not in stream:
            continue
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S) + re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for line in block.strip().splitlines():
                codes = _HEX.findall(line)
                if len(codes) < 2:
                    continue
                if b"[" in line:  # <lo> <hi> [<u1> <u2> ...]
                    targets = codes[2:]
                elif line.count(b"<") == 3:  # <lo> <hi> <start>
                    lo, hi, start = (int(c, 16) for c in codes[:3])
                    targets = [f"{start + k:04x}".encode() for k in range(hi - lo + 1)]
                else:  # <code> <unicode>
                    targets = codes[1:2]
                for t in targets:
                    chars.add(bytes.fromhex(t.decode()).decode("utf-16-be"))
    return chars


def pdf_page_size_in(path: Path) -> tuple[float, float]:
    """Width and height of the PDF's page in inches."""
    m = re.search(rb"/MediaBox \[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", Path(path).read_bytes())
    x0, y0, x1, y1 = (float(v) for v in m.groups())
    return (round((x1 - x0) / 72, 3), round((y1 - y0) / 72, 3))


def pdf_info(path: Path) -> dict[str, str]:
    """The PDF's document information (Title, Subject, Keywords …) as text."""
    data = Path(path).read_bytes()
    out = {}
    for key in ("Title", "Subject", "Keywords", "Creator"):
        m = re.search(rb"/" + key.encode() + rb" (\((?:\\.|[^\\)])*\)|<[0-9a-fA-F]+>)", data)
        if not m:
            continue
        raw = m.group(1)
        if raw.startswith(b"<"):
            b = bytes.fromhex(raw[1:-1].decode())
            out[key] = b[2:].decode("utf-16-be") if b.startswith(b"\xfe\xff") else b.decode("latin-1")
        else:
            b = re.sub(rb"\\(.)", rb"\1", raw[1:-1], flags=re.S)
            out[key] = b[2:].decode("utf-16-be", errors="replace") if b.startswith(b"\xfe\xff") else b.decode("latin-1")
    return out
