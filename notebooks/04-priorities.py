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
# # 4. Priorities: which policy fields each unit puts first
#
# Three measures of emphasis. The **domain profile** is the share of a unit's
# sentences that a keyword codebook of twelve policy domains (aligned with the
# Comparative Agendas Project major topics) places in each domain. The
# **priority list** is the ordered headings of a unit's plan — what it lists
# first. **Slogans** are mentions of the provincial and national catchwords per
# 10,000 characters.

# %% tags=["parameters"]
PRIORITY_UNITS = None  # unit_ids whose ordered lists to compare; None: every unit with a numbered list
LANG = "zh"
LANGS = ["zh", "en"]
SAVE = True

# %%
import pandas as pd

from IPython.display import Markdown

from analysis import figures, labels, prose
from analysis.plots import publish, use_style
from analysis.priorities import codebook

use_style()
tables = figures.load_tables()
units, docs = tables["units"], tables["documents"]
names = labels.unit_labels(units, docs, LANG)
if PRIORITY_UNITS is None:
    listed = tables["priorities"]
    PRIORITY_UNITS = sorted(listed.loc[listed["level"] == 1, "unit_id"].value_counts().loc[lambda c: c >= 3].index)
codebook()[["domain", "name_zh", "name_en", "cap_major_topic"]]

# %% [markdown]
# ## Domain profiles
#
# Rows are units, columns domains; a cell is the share of the unit's sentences
# coded with that domain (a sentence may fall in several). The coder is a
# keyword codebook: on 117 hand-coded sentences it agrees with a human reader at
# F1 0.82, Cohen's kappa 0.81 (README). The keywords that placed each sentence
# are kept in `sentence_domains`, so any cell can be audited.

# %%
prof = tables["domains"].pivot(index="unit_id", columns="domain", values="share").rename(index=names)
prof.round(2)

# %%
fig = publish(lambda lang: figures.domain_profiles_plot(tables, lang), "04-domain-profiles", langs=LANGS, show=LANG, save=SAVE)

# %% [markdown]
# ## Ordered priority lists
#
# The numbered items of a plan, in the order the text gives them, with the
# English of each heading from the package glossary (pinyin where no one has
# glossed it yet). What each list opens and closes with:

# %%
Markdown(prose.priority_sentence(tables, PRIORITY_UNITS))

# %%
pr = tables["priorities"].copy()
pr["unit"] = pr["unit_id"].map(names)
pr["domain_name"] = pr["domain"].map(lambda d: labels.domain_label(d, LANG) if d else "")
figures.priority_table(tables, PRIORITY_UNITS, LANG)

# %% [markdown]
# The figure reads the lists by domain: a cell gives the item numbers at which
# a unit's list takes up a domain (`1,4`: its first and fourth items); blank
# where the list never does; n is the length of the list. Colour is where the
# first of those items stands in its own list (first to last), darker the
# earlier, so item 3 of 3 and item 10 of 10 look alike: both come last. Items
# coded to no domain stand in a last column ("not coded"), so every item of a
# list appears; domains no list takes up are left out and named in the note.

# %%
if PRIORITY_UNITS:
    fig = publish(lambda lang: figures.priorities_plot(tables, PRIORITY_UNITS, lang), "04-priority-lists", langs=LANGS, show=LANG, save=SAVE)

# %% [markdown]
# Units with fewer than three numbered items (short statements) are left out
# of the figure; their items are listed here.

# %%
pr[~pr["unit_id"].isin(PRIORITY_UNITS)][["unit", "order", "heading", "domain_name"]]

# %% [markdown]
# ## Slogans
#
# Mentions per 10,000 characters make long texts comparable: each cell prints
# the rate its colour shows, and n beside each row is the text's characters. A
# rate from a text under 1,000 characters rests on a mention or two, so the
# figure colours rates only for longer texts and shows the short ones (†) with
# their counts alone.

# %%
Markdown(prose.slogan_sentence(tables))

# %%
sl = tables["slogans"]
sl[sl["count"] > 0].pivot(index="slogan", columns="unit_id", values="per_10k_chars").rename(columns=names).fillna(0).round(1)

# %%
fig = publish(lambda lang: figures.slogans_heatmap(tables, lang), "04-slogans-per-10k-characters", langs=LANGS, show=LANG, save=SAVE)
