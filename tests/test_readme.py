"""The README's data dictionary is the one in analysis.schema."""

from analysis.cli import README_END, README_START
from analysis.config import PROJECT_ROOT
from analysis.schema import markdown_dictionary


def test_readme_data_dictionary_is_current():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index(README_START) + len(README_START) : readme.index(README_END)]
    assert block.strip() == markdown_dictionary().strip(), "run: python -m analysis dictionary --write-readme"
