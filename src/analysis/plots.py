"""One figure style, one order and colour of units, one way to save figures.

:func:`use_style` registers the package's CJK font (a TrueType subset of Noto
Sans SC, SIL OFL, in ``analysis/fonts``) so Chinese renders on a machine with
no CJK font, embeds it in PDF as TrueType (``pdf.fonttype = 42``, never Type 3)
and writes SVG text as paths (``svg.fonttype = "path"``) so it reads the same
everywhere.

Every figure is laid out at the size a journal prints it: :func:`new_figure`
takes one of the two journal widths (3.5 in, one column; 7 in, two columns),
at most 9 in high, with constrained layout, and :func:`save_figure` never
crops or grows the canvas (no ``bbox_inches="tight"``), so a figure is the same
size in Chinese and in English and its text is printed at the size it was set
(6 pt at least).  :func:`layout_problems` lists text that is too small,
overlaps other text or leaves the canvas, and legends drawn over data.

Units are always listed in one order (:func:`unit_order`: higher levels of
government first) and a unit has the colour of its level (:data:`LEVEL_COLOURS`,
Okabe–Ito), in every figure.  Hues of one figure are checked to stay apart for
colour-blind readers (:func:`indistinct_colours`).
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.colors import to_rgb
from matplotlib.text import Text

from . import __version__, config
from .labels import check_lang

#: Journal figure widths in inches.
ONE_COLUMN = 3.5
TWO_COLUMNS = 7.0
WIDTHS = (ONE_COLUMN, TWO_COLUMNS)
#: The tallest figure a journal page holds (inches).
MAX_HEIGHT = 9.0
#: The smallest text a figure may print, at its final size (points).
MIN_FONT_PT = 6.0
#: Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
#: Sequential colour map for heat maps (perceptually uniform, colour-blind safe).
SEQUENTIAL = "cividis"
#: Formats every figure is saved in.
FORMATS = ("png", "pdf", "svg")
FONT_FAMILY = "Noto Sans SC"

#: Levels of government from the highest down: the one order of units in every figure.
LEVEL_ORDER = [
    "national",
    "province",
    "prefecture_city",
    "county_city",
    "county",
    "district",
    "development_zone",
    "department",
    "subdistrict",
    "town",
    "township",
    "unknown",
]
#: One colour per level of government (Okabe–Ito, plus two of Paul Tol's for
#: the levels Okabe–Ito runs out for).  Hues are reserved for levels: states
#: (target, achieved, masked, not set) are drawn in greys, hatching and text.
LEVEL_COLOURS = {
    "national": "#000000",
    "province": "#000000",
    "prefecture_city": "#000000",
    "county_city": "#0072B2",
    "county": "#56B4E9",
    "district": "#56B4E9",
    "development_zone": "#E69F00",
    "department": "#009E73",
    "subdistrict": "#CC79A7",
    "town": "#D55E00",
    "township": "#882255",
    "unknown": "#999999",
}
#: Greys for states that are not units: a goal set with a figure, a result.
DARK, MID, LIGHT = "#3B3B3B", "#8C8C8C", "#D9D9D9"

_registered = False


def register_font() -> str:
    """Add the package's CJK font to matplotlib (once); return its family name."""
    global _registered
    if not _registered:
        font_manager.fontManager.addfont(str(config.FONT_PATH))
        _registered = True
    return font_manager.FontProperties(fname=str(config.FONT_PATH)).get_name()


def use_style() -> None:
    """The project's matplotlib style (font, sizes, palette, embedding, fixed canvas)."""
    family = register_font()
    plt.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [family, "DejaVu Sans"],
            "font.size": 7,
            "axes.titlesize": 8,
            "axes.titleweight": "normal",
            "axes.labelsize": 7,
            "xtick.labelsize": 6.5,
            "ytick.labelsize": 6.5,
            "legend.fontsize": 6.5,
            "legend.title_fontsize": 6.5,
            "legend.frameon": False,
            "figure.titlesize": 8,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": plt.cycler(color=PALETTE),
            "axes.unicode_minus": False,
            "figure.dpi": 100,
            "figure.max_open_warning": 40,  # a test draws every figure in both languages
            "figure.constrained_layout.h_pad": 0.03,
            "figure.constrained_layout.w_pad": 0.03,
            "savefig.dpi": 300,
            "savefig.bbox": None,  # the canvas is the final size: never crop or grow it
            "savefig.pad_inches": 0,
            "pdf.fonttype": 42,
            "ps.fonttype": 42,
            "svg.fonttype": "path",
            "svg.hashsalt": "analysis",  # deterministic SVG ids
        }
    )


def figure_height(n_rows: int, per_row: float, extra: float, *, minimum: float = 1.6) -> float:
    """A height for ``n_rows`` rows of ``per_row`` inches plus ``extra``, within the page."""
    return float(min(MAX_HEIGHT, max(minimum, n_rows * per_row + extra)))


def new_figure(width: float = TWO_COLUMNS, height: float = 3.0, nrows: int = 1, ncols: int = 1, **subplot_kw):
    """A figure of a journal width, at most :data:`MAX_HEIGHT` high, with the
    project style and constrained layout: ``(fig, ax)`` (or an array of axes).

    Raises ``ValueError`` for any other width or a taller figure: a figure is
    laid out at the size it is printed.
    """
    if width not in WIDTHS:
        raise ValueError(f"figure width must be one of {WIDTHS} in, not {width}")
    if not 0 < height <= MAX_HEIGHT:
        raise ValueError(f"figure height must be at most {MAX_HEIGHT} in, not {height}")
    use_style()
    return plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained", **subplot_kw)


# --------------------------------------------------------------------------
# Units: one order, one colour
# --------------------------------------------------------------------------


def unit_order(units: pd.DataFrame) -> list[str]:
    """Every unit id in the one order all figures use: by level of government
    (:data:`LEVEL_ORDER`, highest first), then document, then unit number."""
    def key(u):
        level = u.unit_level if u.unit_level in LEVEL_ORDER else "unknown"
        return (LEVEL_ORDER.index(level), u.doc_id, _unit_number(u.unit_id))

    return [u.unit_id for u in sorted(units.itertuples(), key=key)]


def _unit_number(unit_id: str) -> tuple[int, str]:
    tail = unit_id.rsplit("-u", 1)
    return (int(tail[1]), "") if len(tail) == 2 and tail[1].isdigit() else (0, unit_id)


def level_colour(level: str) -> str:
    """The colour of a level of government (grey for one not in the table)."""
    return LEVEL_COLOURS.get(level, LEVEL_COLOURS["unknown"])


def unit_colours(units: pd.DataFrame) -> dict[str, str]:
    """``unit_id`` → the colour of its level, the same in every figure."""
    return {u.unit_id: level_colour(u.unit_level) for u in units.itertuples()}


def levels_present(units: pd.DataFrame) -> list[str]:
    """The levels of ``units`` in :data:`LEVEL_ORDER`."""
    have = set(units["unit_level"])
    return [lv for lv in LEVEL_ORDER if lv in have] + sorted(have - set(LEVEL_ORDER))


# -- colour-blind check -------------------------------------------------------

# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
_CVD = {
    "normal": np.eye(3),
    "protan": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
    "deutan": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
    "tritan": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
}


def _lab(rgb: np.ndarray) -> np.ndarray:
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return lin


def _to_lab(lin: np.ndarray) -> np.ndarray:
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = lin @ m.T / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)


def indistinct_colours(colours, *, min_delta_e: float = 12.0) -> list[tuple[str, str, str]]:
    """Pairs of different ``colours`` a reader could confuse: ``(a, b, vision)``
    where the CIELAB distance (ΔE*76) is below ``min_delta_e`` in normal vision
    or simulated protanopia, deuteranopia or tritanopia.  Empty when all differ."""
    cols = list(dict.fromkeys(c.upper() if isinstance(c, str) else c for c in colours))
    if len(cols) < 2:
        return []
    lin = _lab(np.array([to_rgb(c) for c in cols]))
    out = []
    for vision, m in _CVD.items():
        lab = _to_lab(np.clip(lin @ m.T, 0, 1))
        for i in range(len(cols)):
            for j in range(i + 1, len(cols)):
                if np.linalg.norm(lab[i] - lab[j]) < min_delta_e:
                    out.append((str(cols[i]), str(cols[j]), vision))
    return out


# --------------------------------------------------------------------------
# Checking a layout
# --------------------------------------------------------------------------


@contextmanager
def _record_drawn_text():
    drawn: list[Text] = []
    original = Text.draw

    def draw(self, renderer):
        original(self, renderer)
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)

    Text.draw = draw
    try:
        yield drawn
    finally:
        Text.draw = original


def drawn_texts(fig) -> list[tuple[Text, object]]:
    """Every piece of text the figure draws, with its box on the canvas (pixels)."""
    with _record_drawn_text() as drawn:
        fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [(t, t.get_window_extent(renderer)) for t in dict.fromkeys(drawn)]


def layout_problems(fig, *, min_pt: float = MIN_FONT_PT, tolerance_px: float = 0.5) -> list[str]:
    """What a reader would see wrong at print size; empty when nothing.

    Text under ``min_pt``; text rotated other than 0 or 90 degrees (its box
    could not be checked); text whose box leaves the canvas; two texts whose
    boxes overlap; a legend over an axes (a plot or a colour bar).
    """
    problems = []
    texts = drawn_texts(fig)
    canvas = fig.bbox
    for t, box in texts:
        label = repr(t.get_text()[:40])
        if t.get_fontsize() < min_pt - 1e-6:
            problems.append(f"text {label} is {t.get_fontsize():.1f} pt, under {min_pt} pt")
        if round(t.get_rotation()) % 90:
            problems.append(f"text {label} is rotated {t.get_rotation():.0f} degrees")
        if box.x0 < canvas.x0 - tolerance_px or box.y0 < canvas.y0 - tolerance_px or box.x1 > canvas.x1 + tolerance_px or box.y1 > canvas.y1 + tolerance_px:
            problems.append(f"text {label} leaves the canvas")
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            a, b = texts[i][1], texts[j][1]
            w = min(a.x1, b.x1) - max(a.x0, b.x0)
            h = min(a.y1, b.y1) - max(a.y0, b.y0)
            if w > tolerance_px and h > tolerance_px:
                problems.append(f"texts {texts[i][0].get_text()[:40]!r} and {texts[j][0].get_text()[:40]!r} overlap")
    renderer = fig.canvas.get_renderer()
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    for leg in legends:
        lb = leg.get_window_extent(renderer)
        for ax in fig.axes:
            if not ax.get_visible() or not ax.axison and not ax.images and not ax.collections and not ax.patches:
                continue
            ab = ax.get_window_extent(renderer)
            w = min(lb.x1, ab.x1) - max(lb.x0, ab.x0)
            h = min(lb.y1, ab.y1) - max(lb.y0, ab.y0)
            if w > tolerance_px and h > tolerance_px:
                problems.append(f"a legend ({', '.join(t.get_text() for t in leg.get_texts())[:40]}) lies over a plot")
    return problems


# --------------------------------------------------------------------------
# Metadata and saving
# --------------------------------------------------------------------------


def data_version(documents: pd.DataFrame) -> str:
    """A short, stable version of the data a figure was drawn from: the first 12
    hex digits of the SHA-256 over the sorted ``doc_id sha256`` lines of the
    documents table (the raw files' own checksums; the same digest the report
    site prints).  It changes when a report is added, removed or edited."""
    lines = sorted(f"{d} {s}" for d, s in zip(documents["doc_id"], documents["sha256"]))
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12]


def describe(fig, *, title: str, tables=None, data: str | None = None):
    """Attach what :func:`save_figure` writes into the files' metadata: the
    figure's ``title`` and the data version (from ``tables["documents"]`` or
    given as ``data``).  Returns ``fig``."""
    version = data or (data_version(tables["documents"]) if tables is not None and "documents" in tables else "unknown")
    fig._analysis_meta = {"title": title, "data_version": version}
    return fig


def notebook_of(name: str) -> str:
    """The notebook a figure name belongs to (``02-headline-targets-2022`` →
    ``02-growth-targets``), from its number; empty when no notebook has it."""
    prefix = name[:3]
    for path in sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.py")):
        if path.stem.startswith(prefix):
            return path.stem
    return ""


def figure_metadata(fig, name: str, lang: str, notebook: str | None = None) -> dict[str, str]:
    """Title, notebook and data version of a figure, as written into its files."""
    meta = getattr(fig, "_analysis_meta", {})
    title = meta.get("title") or (fig.get_suptitle() if hasattr(fig, "get_suptitle") else "") or name
    notebook = notebook if notebook is not None else notebook_of(name)
    return {
        "title": title,
        "notebook": notebook,
        "data_version": meta.get("data_version", "unknown"),
        "subject": f"{name}_{lang}; notebook {notebook or 'none'}; data {meta.get('data_version', 'unknown')}",
    }


def save_figure(fig, name: str, *, lang: str = "zh", directory: Path | None = None, formats=FORMATS, notebook: str | None = None) -> list[Path]:
    """Save ``fig`` as ``<name>_<lang>.png/.pdf/.svg`` in ``figures/`` (or ``directory``).

    ``name`` says what the figure is (``02-headline-targets-2022``); PNG at
    300 dpi.  The canvas is saved at the size it was laid out (never cropped).
    PDF and SVG carry the figure's title, the notebook that made it (from the
    name's number, or ``notebook``) and the data version (:func:`describe`);
    no dates, so the same figure gives the same files.  Returns the paths written.
    """
    check_lang(lang)
    directory = Path(directory or config.FIGURES_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    meta = figure_metadata(fig, name, lang, notebook)
    keywords = f"notebook {meta['notebook'] or 'none'}; data {meta['data_version']}; language {lang}"
    by_format = {
        "png": {"Software": None, "Title": meta["title"], "Description": meta["subject"]},
        "pdf": {"CreationDate": None, "Producer": None, "Creator": f"analysis {__version__}", "Title": meta["title"], "Subject": meta["subject"], "Keywords": keywords},
        "svg": {"Date": None, "Creator": f"analysis {__version__}", "Title": meta["title"], "Description": meta["subject"], "Keywords": keywords},
    }
    paths = []
    for fmt in formats:
        path = directory / f"{name}_{lang}.{fmt}"
        fig.savefig(path, format=fmt, metadata=by_format.get(fmt, {}), bbox_inches=None)
        paths.append(path)
    return paths


def publish(make, name: str, *, langs=("zh", "en"), show: str = "zh", save: bool = True, directory: Path | None = None):
    """Make a figure in every language of ``langs``, save each, and return the ``show`` one.

    ``make(lang)`` builds the figure; saved figures are closed so a notebook
    displays only the returned one.
    """
    for lang in langs:
        fig = make(lang)
        if save:
            save_figure(fig, name, lang=lang, directory=directory)
        plt.close(fig)
    return make(show)
