"""Where things are.  Every path in the project is resolved here, from this file.

``ANALYSIS_RAW_DIR``, ``ANALYSIS_PROCESSED_DIR`` and ``ANALYSIS_FIGURES_DIR``
in the environment override where reports are read from, where tables are read
from and where figures are written to (``all --raw/--out`` sets them for the
notebooks; the tests run the notebooks on a temporary build that way).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: Word lists and code tables shipped with the package (researchers may edit them).
PACKAGE_DATA = PACKAGE_DIR / "data"
#: The CJK font the figures use (SIL OFL 1.1; see fonts/OFL.txt).
FONT_PATH = PACKAGE_DIR / "fonts" / "NotoSansSC-Regular-subset.ttf"

#: Project root when running from a source checkout (``src/analysis`` → root).
PROJECT_ROOT = PACKAGE_DIR.parent.parent
RAW_DIR = Path(os.environ.get("ANALYSIS_RAW_DIR", PROJECT_ROOT / "data" / "raw"))
PROCESSED_DIR = Path(os.environ.get("ANALYSIS_PROCESSED_DIR", PROJECT_ROOT / "data" / "processed"))
FIGURES_DIR = Path(os.environ.get("ANALYSIS_FIGURES_DIR", PROJECT_ROOT / "figures"))
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
MANIFEST_NAME = "manifest.csv"
