"""Where things are.  Every path in the project is resolved here, from this file."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: Word lists and code tables shipped with the package (researchers may edit them).
PACKAGE_DATA = PACKAGE_DIR / "data"

#: Project root when running from a source checkout (``src/analysis`` → root).
PROJECT_ROOT = PACKAGE_DIR.parent.parent
RAW_DIR = PROJECT_ROOT / "data" / "raw"
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
MANIFEST_NAME = "manifest.csv"
