# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 1. The corpus: what is in it, and what cleaning changed
#
# This notebook describes the documents behind every later comparison: which
# places and levels of government speak, how long each text is, how much of it
# is masked, and what the cleaning step changed before anything was counted.
# It reads the tables that `python -m analysis build` wrote to `data/processed/`
# and parses nothing itself.

# %% tags=["parameters"]
LANG = "zh"  # label language of the figures shown here: "zh" or "en"
LANGS = ["zh", "en"]  # languages saved to figures/
SAVE = True  # write figures to figures/ (PNG 300 dpi, PDF, SVG)

# %%
import pandas as pd

from analysis import figures, labels
from analysis.plots import publish, use_style

use_style()
tables = figures.load_tables()
docs, units = tables["documents"], tables["units"]

# %% [markdown]
# ## Documents and units
#
# One row per document, with the metadata from `data/raw/manifest.csv` and what
# reading found: the encoding, whether the text was hard-wrapped PDF output, how
# many characters survived cleaning, and how many speaking units it holds. The
# Dongyang file collects six statements and so yields six units; every other
# file is one unit.

# %%
overview = docs[["doc_id", "place", "place_level", "report_year", "doc_type", "is_masked", "encoding", "layout", "n_chars_raw", "n_chars", "n_units", "n_sentences"]]
overview

# %%
units.assign(label=labels.unit_labels(units, docs, LANG).values)[["unit_id", "label", "unit_level", "place", "parent_place", "headline"]]

# %% [markdown]
# ## How long each unit's text is
#
# Lengths differ by an order of magnitude: a Dongyang statement is under a
# thousand characters, Yiwu's work-report excerpt over ten thousand. Every later
# comparison is therefore normalised (shares, rates per 1,000 or 10,000
# characters, TF-IDF) rather than raw counts.

# %%
fig = publish(lambda lang: figures.corpus_sizes(tables, lang), "01-corpus-unit-lengths", langs=LANGS, show=LANG, save=SAVE)

# %% [markdown]
# ## Masked text
#
# Two documents mask names or figures (`*镇`, `财政总收入增长X％`). Masks are kept
# as written; the share of masked figures among all extracted figures shows how
# much of each plan a reader cannot see.

# %%
t = tables["targets"]
masked = t.groupby("doc_id")["is_redacted"].agg(["sum", "count"]).rename(columns={"sum": "masked_figures", "count": "figures"})
masked["masked_share"] = (masked["masked_figures"] / masked["figures"]).round(3)
masked

# %% [markdown]
# ## What cleaning changed
#
# Every change is in `cleaning_log`, with the raw line it happened on. The
# newspaper report (Yiwu 2022) needed its half-width punctuation converted, its
# page furniture (`(上接第一版)`, lone `政 府`/`工 作` lines) removed and the
# sentences that page breaks cut in two rejoined; the PDF text of Yiwu's
# five-year-plan proposals needed its hard line breaks (every ~15 characters)
# rejoined and spaces around figures removed; Shanxiahu's website header moved
# into document metadata.

# %%
log = tables["cleaning_log"]
log.groupby(["doc_id", "step"]).size().unstack(fill_value=0)

# %%
log[log["step"].isin(["remove_page_furniture", "rejoin_cut_sentence", "extract_site_header"])][["doc_id", "step", "raw_line", "before", "after", "context"]]

# %%
fig = publish(lambda lang: figures.cleaning_changes(tables, lang), "01-cleaning-changes-by-step", langs=LANGS, show=LANG, save=SAVE)
