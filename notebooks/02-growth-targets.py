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
# # 2. Growth goals: what each unit promises, and how precisely
#
# Every quantitative figure of every report is a row of the `targets` table —
# goals and achieved results alike — with its indicator, value, unit,
# comparator, horizon and the sentence it came from. This notebook compares the
# headline goals for one year across units, sets annual goals beside five-year
# goals, maps which unit sets which target (and which only masks or words it),
# and measures how quantified each text is.

# %% tags=["parameters"]
YEAR = None  # the plan year to compare; None: the latest report year that sets targets
UNITS = None  # a list of unit_ids to keep, or None for all
LANG = "zh"  # label language of the figures shown here
LANGS = ["zh", "en"]  # languages saved to figures/
SAVE = True

# %%
import pandas as pd
from IPython.display import Markdown, display

from analysis import figures, labels, prose
from analysis.plots import publish, use_style

use_style()
tables = figures.load_tables()
if UNITS is not None:
    keep = set(UNITS)
    for name in ("units", "targets", "sentences"):
        tables[name] = tables[name][tables[name]["unit_id"].isin(keep)]
targets = tables["targets"]
names = labels.unit_labels(tables["units"], tables["documents"], LANG)
if YEAR is None:
    YEAR = prose.latest_target_year(tables)
print(f"{len(targets)} figures: {int((targets.kind == 'target').sum())} targets, {int((targets.kind == 'achieved').sum())} achieved, {int(targets.is_redacted.sum())} masked")

# %% [markdown]
# ## The headline targets for the year, side by side
#
# Each cell gives a unit's goal as written: `≥8%` is *8% 以上*, `≈6.5%` is
# *左右*. A masked goal (`X% (masked)`) is shown as masked, never as zero or as
# missing; a relative goal is given in its own words (`高于全省平均`). The table,
# the figure and the coverage matrix below show one selection of goals
# (`figures.headline_goals`): the year's targets on the headline indicators,
# not annual averages of a longer plan.

# %%
Markdown(prose.targets_sentence(tables, YEAR, figures.HEADLINE_INDICATORS))

# %%
figures.headline_table(tables, YEAR, LANG) if YEAR is not None else print("no targets with a year")

# %% [markdown]
# In the figure, each goal is a row under its indicator; filled markers are
# growth goals in % (a triangle means *at least*), coloured by the unit's level.
# The right-hand panel holds the goals a reader cannot place on the scale —
# masked ones (hollow circles, with the mask as printed) and relative ones
# (hollow diamonds, with the benchmark they name).

# %%
if YEAR is not None:
    fig = publish(lambda lang: figures.headline_targets(tables, YEAR, lang), f"02-headline-targets-{YEAR}", langs=LANGS, show=LANG, save=SAVE)

# %% [markdown]
# ## Who sets which target
#
# The coverage matrix separates four situations that a simple count would
# blur: a target set with a figure, set but masked in the published text,
# set only relative to something else (*faster than the provincial average*),
# and not set.

# %%
Markdown(prose.coverage_sentence(tables, YEAR, figures.HEADLINE_INDICATORS))

# %%
if YEAR is not None:
    fig = publish(lambda lang: figures.coverage_matrix(tables, YEAR, lang), f"02-target-coverage-{YEAR}", langs=LANGS, show=LANG, save=SAVE)

# %% [markdown]
# ## Annual goals against five-year goals
#
# Where a report sets both a goal for the plan year and an annual-average goal
# for the next five years, the two can be compared: a plan-year goal above the
# five-year average is front-loaded. Each row is one unit and indicator; labels
# give the horizons.

# %%
Markdown(prose.annual_vs_five_year_sentence(tables))

# %%
five_year = targets[(targets.kind == "target") & targets.is_annual_average]
five_year[["unit_id", "indicator_raw", "value", "unit", "comparator", "horizon", "sentence"]]

# %%
pairs_5y = figures.annual_five_year_pairs(tables)
if len(pairs_5y) >= figures.MIN_PAIRS:
    fig = publish(lambda lang: figures.annual_vs_five_year(tables, lang), "02-annual-vs-five-year-goals", langs=LANGS, show=LANG, save=SAVE)
else:
    display(Markdown(f"{len(pairs_5y)} unit-and-indicator pair(s) set both kinds of goal: too few for a figure "
                     f"(it needs {figures.MIN_PAIRS}); the sentence above says what there is."))

# %% [markdown]
# ## How quantified each plan is
#
# Figures per 1,000 characters measure how much of a text is numbers; the share
# of targets among them separates forward-looking plans from reviews of past
# results.

# %%
fig = publish(lambda lang: figures.quantification(tables, lang), "02-quantification-by-unit", langs=LANGS, show=LANG, save=SAVE)
Markdown(prose.quantified_sentence(tables))

# %% [markdown]
# ## A city's goals beside its towns'
#
# Whether towns escalate the targets their city sets is a known research
# question. It needs a city's report and its own towns' reports for the same
# year. The check below looks for such pairs in the corpus.

# %%
pairs = figures.hierarchy_pairs(tables)
Markdown(prose.hierarchy_sentence(tables, pairs))

# %%
pairs

# %% [markdown]
# ## Every figure leads back to its sentence
#
# The table keeps the document, unit, section and sentence of each figure and
# its character offsets, so any number in a figure can be cited.

# %%
targets[targets.indicator == "gdp"][["doc_id", "section_id", "sentence_id", "figure_text", "kind", "horizon", "char_start", "char_end", "sentence"]]
