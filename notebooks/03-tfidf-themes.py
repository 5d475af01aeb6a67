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
# # 3. Themes: what sets each unit's text apart
#
# Words are counted after segmentation with jieba and the package's dictionary
# of policy terms (`共同富裕`, `数字化改革`, `亩均论英雄` stay whole), with
# function words, government boilerplate (`推进`, `加强`, `全面` …) and the
# corpus's place names removed. Four views follow: the terms with the highest
# TF-IDF in each unit, how similar the units' vocabularies are, the terms that
# distinguish one group of units from another (keyness), and topics.

# %% tags=["parameters"]
N_TERMS = 8  # terms per unit in the TF-IDF panels
KWIC_TERM = None  # a term to show in its sentences; None: the first unit's heaviest term
GROUP_BY = "unit_level"  # a column of the units table to group by for keyness
GROUP_A = "town"  # the group to characterise
GROUP_B = None  # the group to compare with, or None for every other unit
LANG = "zh"
LANGS = ["zh", "en"]
SAVE = True

# %%
import json

from IPython.display import Markdown

from analysis import config, figures, labels, prose, themes
from analysis.plots import publish, use_style

use_style()
tables = figures.load_tables()
units, docs = tables["units"], tables["documents"]
names = labels.unit_labels(units, docs, LANG)
print(json.dumps(json.loads((config.PROCESSED_DIR / "themes_settings.json").read_text(encoding="utf-8"))["tfidf"], ensure_ascii=False))

# %% [markdown]
# ## Top terms per unit
#
# TF-IDF rewards terms frequent in one unit and rare in the others, so the top
# terms say what sets a unit apart, not what it says most.

# %%
Markdown(prose.top_terms_sentence(tables))

# %%
tf = tables["tfidf"]
top = tf[tf["rank"] <= N_TERMS].copy()
top["unit"] = top["unit_id"].map(names)
top.pivot(index="rank", columns="unit", values="term")

# %%
fig = publish(lambda lang: figures.top_terms(tables, lang, n=N_TERMS), "03-top-tfidf-terms-by-unit", langs=LANGS, show=LANG, save=SAVE)

# %% [markdown]
# A term's weight says nothing of what it means in the text. The sentences
# around it do: here every use of the heaviest term of the first unit (set
# `KWIC_TERM` in the parameters to look up another).

# %%
term = KWIC_TERM or (tf.sort_values(["unit_id", "rank"]).iloc[0]["term"] if len(tf) else "")
print(f"keyword in context: {term}")
themes.kwic(tables["sentences"], term, window=15, limit=20)[["unit_id", "left", "term", "right"]]

# %% [markdown]
# ## How similar the units are
#
# Cosine similarity of the units' TF-IDF vectors, ordered by average-linkage
# clustering (dendrogram on top, its leaves on the columns, which are numbered
# as the rows). The diagonal (1 by definition) is left blank so the colours
# span the other cells; every value is printed. Boilerplate is removed before counting, so
# similarity measures shared topics.

# %%
Markdown(prose.similarity_sentence(tables))

# %%
if len(units) >= 3:
    fig = publish(lambda lang: figures.similarity_heatmap(tables, lang), "03-unit-similarity-clustered", langs=LANGS, show=LANG, save=SAVE)
else:
    print(f"{len(units)} unit(s): too few to cluster; no figure drawn.")

# %% [markdown]
# ## Keyness: one group of units against another
#
# Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi &
# Quinn 2008) compare the word use of two groups; positive z marks terms of the
# first group. The grouping is a parameter: by default towns against all other
# units. `themes.keyness_groups` accepts any mapping of units to groups (for
# example one city's report against its towns).

# %%
dtm = themes.dtm_from_terms(tables["terms"])
groups = dict(zip(units["unit_id"], units[GROUP_BY]))
in_a = [u for u, g in groups.items() if g == GROUP_A]
in_b = [u for u, g in groups.items() if (g == GROUP_B if GROUP_B is not None else g != GROUP_A)]
print(f"{GROUP_A}: {len(in_a)} unit(s); {GROUP_B or 'all others'}: {len(in_b)} unit(s)")
kn = themes.keyness_groups(dtm, groups, GROUP_A, GROUP_B) if in_a and in_b else None
kn.head(15) if kn is not None else print("one of the two groups is empty: no keyness to compute")

# %% [markdown]
# Each group is named for what it holds (a single unit by its name, several
# by their level and number); the dashed lines mark |z| = 1.96, the two-sided
# 5 % level, and the numbers beside the bars are the term's occurrences in
# each group.

# %%
def _group_label(ids, value, lang):
    return figures.group_label(ids, tables, lang, kind=value if GROUP_BY == "unit_level" else None)


if kn is not None:
    fig = publish(
        lambda lang: figures.keyness_plot(kn, _group_label(in_a, GROUP_A, lang), _group_label(in_b, GROUP_B, lang), lang, tables=tables),
        f"03-keyness-{GROUP_A}-vs-{GROUP_B or 'rest'}",
        langs=LANGS,
        show=LANG,
        save=SAVE,
    )

# %% [markdown]
# ## Topics
#
# Non-negative matrix factorisation of the paragraphs' TF-IDF (fixed seed, so
# the same corpus gives the same topics). Each topic is labelled by its two
# heaviest short terms (the full lists are in the table); each row shows how a
# unit's paragraphs divide among the topics, in %, with the number of
# paragraphs (n) on the right.

# %%
tables["topics"][tables["topics"]["rank"] <= 8].pivot(index="rank", columns="topic_id", values="term")

# %%
fig = publish(lambda lang: figures.topic_shares_plot(tables, lang), "03-topic-shares-by-unit", langs=LANGS, show=LANG, save=SAVE)
