# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
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

from IPython.display import Markdown

from analysis import figures, labels, prose
from analysis.plots import publish, use_style

use_style()
tables = figures.load_tables()
docs, units = tables["documents"], tables["units"]

# %% [markdown]
# ## Documents and units
#
# One row per document, with the metadata from `data/raw/manifest.csv` and what
# reading found: the encoding, whether the text was hard-wrapped PDF output, how
# many characters survived cleaning, and how many speaking units it holds (a
# file of several leaders' statements yields one unit per statement).

# %%
Markdown(prose.corpus_sentence(tables))

# %%
overview = docs[["doc_id", "place", "place_level", "report_year", "doc_type", "is_masked", "encoding", "layout", "n_chars_raw", "n_chars", "n_units", "n_sentences"]]
overview

# %%
units.assign(label=labels.unit_labels(units, docs, LANG).values)[["unit_id", "label", "unit_level", "place", "parent_place", "headline"]]

# %% [markdown]
# ## How long each unit's text is
#
# Every later comparison is normalised (shares, rates per 1,000 or 10,000
# characters, TF-IDF) rather than raw counts, because lengths differ widely:

# %%
Markdown(prose.lengths_sentence(tables))

# %%
fig = publish(lambda lang: figures.corpus_sizes(tables, lang), "01-corpus-unit-lengths", langs=LANGS, show=LANG, save=SAVE)

# %% [markdown]
# ## Masked text
#
# Some published texts mask names or figures (`*镇`, `财政总收入增长X％`). Masks
# are kept as written; the share of masked figures among all extracted figures
# shows how much of each plan a reader cannot see.

# %%
Markdown(prose.masking_sentence(tables))

# %%
t = tables["targets"]
masked = t.groupby("doc_id")["is_redacted"].agg(["sum", "count"]).rename(columns={"sum": "masked_figures", "count": "figures"})
masked["masked_share"] = (masked["masked_figures"] / masked["figures"]).round(3)
masked

# %% [markdown]
# ## What cleaning changed
#
# Every change is in `cleaning_log`, with the raw line it happened on: page
# furniture removed (`(上接第一版)`), hard-wrapped PDF lines and sentences cut by
# page breaks rejoined, spaces around figures removed, a website header moved
# into the document's metadata.

# %%
Markdown(prose.cleaning_sentence(tables))

# %%
log = tables["cleaning_log"]
log.groupby(["doc_id", "step"]).size().unstack(fill_value=0)

# %%
log[log["step"].isin(["remove_page_furniture", "rejoin_cut_sentence", "extract_site_header"])][["doc_id", "step", "raw_line", "before", "after", "context"]]

# %%
fig = publish(lambda lang: figures.cleaning_changes(tables, lang), "01-cleaning-changes-by-step", langs=LANGS, show=LANG, save=SAVE)
