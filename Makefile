# One-way data flow: data/raw -> data/processed -> notebooks and figures.
PYTHON ?= .venv/bin/python
VENV_STAMP := .venv/.installed

.PHONY: help setup data check notebooks figures report all test clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV_STAMP): pyproject.toml
	python3 -m venv .venv
	.venv/bin/pip install --upgrade pip
	.venv/bin/pip install -e ".[dev]"
	touch $(VENV_STAMP)

setup: $(VENV_STAMP)  ## create .venv and install the package with its dev tools

check: $(VENV_STAMP)  ## validate data/raw/manifest.csv and the raw files
	$(PYTHON) -m analysis check

data: $(VENV_STAMP)  ## build data/processed/ from data/raw/
	$(PYTHON) -m analysis build

notebooks: data  ## execute every notebook (writes notebooks/*.ipynb and figures/)
	$(PYTHON) -m analysis notebooks

figures: notebooks  ## the figures are written by the notebooks

report: notebooks  ## render the executed notebooks into reports/index.html
	$(PYTHON) -m analysis report

all: report  ## the whole job: tables, executed notebooks, figures, report

test: $(VENV_STAMP)  ## run the test suite
	$(PYTHON) -m pytest

clean:  ## remove generated tables, figures and executed notebooks
	find data/processed figures -type f ! -name .gitkeep -delete
	rm -f notebooks/*.ipynb
	rm -rf reports
