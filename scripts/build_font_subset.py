"""Build the CJK font the figures use: a subset of the static TrueType Noto Sans SC.

The package ships ``src/analysis/fonts/NotoSansSC-Regular-subset.ttf`` (SIL
OFL 1.1, licence beside it) so that Chinese renders on a machine with no CJK
font and embeds in PDF as TrueType (Type 42), never Type 3.  It was made by
this script from the static ``NotoSansSC_400Regular.ttf`` of the npm package
``@expo-google-fonts/noto-sans-sc`` (Google Fonts' Noto Sans SC 2.004,
TrueType outlines; the Noto CJK OTF/OTC fonts have CFF outlines that matplotlib
embeds only as Type 3).  Rerun it after adding characters that are not in
GB 2312 to a word list or label:

    python scripts/build_font_subset.py SOURCE.ttf

The subset holds: every GB 2312 character (6,763 hanzi and its symbols), the
characters of data/raw and of the package's word lists and label tables,
printable ASCII, Latin-1 and Latin Extended-A (pinyin), general, CJK and
full-width punctuation.  ``tests/test_plots.py`` fails when a corpus or label
character is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "analysis" / "fonts" / "NotoSansSC-Regular-subset.ttf"


def gb2312_chars() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def text_chars() -> set[str]:
    chars = set()
    for folder, patterns in ((ROOT / "data" / "raw", ["*.txt", "*.csv"]), (ROOT / "src" / "analysis" / "data", ["*.csv", "*.txt"])):
        for pattern in patterns:
            for path in folder.glob(pattern):
                chars |= set(path.read_text(encoding="utf-8-sig", errors="ignore"))
    return chars


def wanted_chars() -> set[str]:
    ranges = [(0x20, 0x7E), (0xA0, 0x17F), (0x2000, 0x206F), (0x2100, 0x214F), (0x2150, 0x218F), (0x2460, 0x24FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
    chars = {chr(c) for a, b in ranges for c in range(a, b + 1)}
    return chars | gb2312_chars() | text_chars()


def main(source: str) -> None:
    font = TTFont(source)
    if "glyf" not in font or "fvar" in font:
        sys.exit(f"{source}: need a static TrueType (glyf) font, not CFF or variable")
    cmap = font.getBestCmap()
    chars = {c for c in wanted_chars() if ord(c) in cmap}
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False  # smaller; the figures are vector or 300 dpi
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(ord(c) for c in chars))
    sub.subset(font)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(TARGET)
    print(f"{TARGET}: {len(chars)} characters, {TARGET.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
