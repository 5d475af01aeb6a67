"""One figure style and one way to save figures.

:func:`use_style` registers the package's CJK font (a TrueType subset of Noto
Sans SC, SIL OFL, in ``analysis/fonts``) so Chinese renders on a machine with
no CJK font, embeds it in PDF as TrueType (``pdf.fonttype = 42``, never Type 3)
and writes SVG text as paths (``svg.fonttype = "path"``) so it reads the same
everywhere.  Colours are the Okabe–Ito colour-blind-safe palette.
:func:`save_figure` writes every figure to ``figures/`` as PNG (300 dpi), PDF
and SVG under a name that says what it is, without timestamps, so reruns give
the same files.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib import font_manager

from . import config
from .labels import check_lang

#: Journal figure widths in inches.
ONE_COLUMN = 3.5
TWO_COLUMNS = 7.0
#: Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
#: Sequential colour map for heat maps (perceptually uniform, colour-blind safe).
SEQUENTIAL = "cividis"
#: Formats every figure is saved in.
FORMATS = ("png", "pdf", "svg")
FONT_FAMILY = "Noto Sans SC"

_registered = False


def register_font() -> str:
    """Add the package's CJK font to matplotlib (once); return its family name."""
    global _registered
    if not _registered:
        font_manager.fontManager.addfont(str(config.FONT_PATH))
        _registered = True
    return font_manager.FontProperties(fname=str(config.FONT_PATH)).get_name()


def use_style() -> None:
    """The project's matplotlib style (font, sizes, palette, embedding)."""
    family = register_font()
    plt.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [family, "DejaVu Sans"],
            "font.size": 8,
            "axes.titlesize": 9,
            "axes.titleweight": "normal",
            "axes.labelsize": 8,
            "xtick.labelsize": 7,
            "ytick.labelsize": 7,
            "legend.fontsize": 7,
            "legend.frameon": False,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": plt.cycler(color=PALETTE),
            "axes.unicode_minus": False,
            "figure.dpi": 100,
            "savefig.dpi": 300,
            "savefig.bbox": "tight",
            "pdf.fonttype": 42,
            "ps.fonttype": 42,
            "svg.fonttype": "path",
            "svg.hashsalt": "analysis",  # deterministic SVG ids
        }
    )


def new_figure(width: float = TWO_COLUMNS, height: float = 3.0, **subplot_kw):
    """A figure of a journal width (inches) with the project style: ``(fig, ax)``."""
    use_style()
    return plt.subplots(figsize=(width, height), **subplot_kw)


def save_figure(fig, name: str, *, lang: str = "zh", directory: Path | None = None, formats=FORMATS) -> list[Path]:
    """Save ``fig`` as ``<name>_<lang>.png/.pdf/.svg`` in ``figures/`` (or ``directory``).

    ``name`` says what the figure is (``02-headline-targets-2022``); PNG at
    300 dpi.  Metadata carry no dates, so the same figure gives the same files.
    Returns the paths written.
    """
    check_lang(lang)
    directory = Path(directory or config.FIGURES_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = directory / f"{name}_{lang}.{fmt}"
        metadata = {"png": {"Software": None}, "pdf": {"CreationDate": None, "Producer": None}, "svg": {"Date": None}}.get(fmt, {})
        fig.savefig(path, format=fmt, metadata=metadata)
        paths.append(path)
    return paths


def publish(make, name: str, *, langs=("zh", "en"), show: str = "zh", save: bool = True):
    """Make a figure in every language of ``langs``, save each, and return the ``show`` one.

    ``make(lang)`` builds the figure; saved figures are closed so a notebook
    displays only the returned one.
    """
    for lang in langs:
        fig = make(lang)
        if save:
            save_figure(fig, name, lang=lang)
        plt.close(fig)
    return make(show)
