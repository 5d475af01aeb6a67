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
# # 5. Adding next year's report
#
# Every January new reports come out. Adding one takes three steps and no code:
#
# 1. put the file in `data/raw/` (UTF-8, GB18030/GBK, Big5 or UTF-16; never edit
#    its text — cleaning handles the quirks);
# 2. add one line for it to `data/raw/manifest.csv`;
# 3. rerun the whole job (`python -m analysis all`, or `make all`).
#
# This notebook walks through the steps on a **copy** of the corpus in a
# temporary folder, with a short example report written for the purpose (a
# made-up town, 示例镇, with the quirks real files have: GBK encoding,
# half-width punctuation, a full-width `％`, a masked figure). The real
# `data/raw/` is not touched, and the copy is deleted at the end.

# %% tags=["parameters"]
EXAMPLE_YEAR = 2023
LANG = "zh"  # label language of the figure shown here (nothing is saved)

# %%
import csv
import shutil
import tempfile
from pathlib import Path

from analysis import config, figures, labels
from analysis.build import build
from analysis.cli import main as cli
from analysis.plots import use_style

use_style()
workdir = Path(tempfile.mkdtemp(prefix="add-a-report-"))
raw = workdir / "raw"
shutil.copytree(config.RAW_DIR, raw)
for f in raw.iterdir():
    f.chmod(0o644)
sorted(p.name for p in raw.iterdir())

# %% [markdown]
# ## Step 1: drop the file into the raw folder
#
# The example is saved in GBK, as many county websites still publish.

# %%
example = f"""示例镇{EXAMPLE_YEAR}年工作思路
{EXAMPLE_YEAR}年,全镇经济社会发展的主要预期目标是:地区生产总值增长7%左右;一般公共预算收入增长X％;固定资产投资增长10%以上;农村居民人均可支配收入增长与经济增长基本同步。
一、推动产业转型升级
1、培育市场主体。实施小升规攻坚,新增规上工业企业5家,力争引进亿元以上项目3个。
2、发展数字经济。推进数字化改革,建成数字化车间2个。
二、建设美丽城镇
3、完善基础设施。完成老旧小区改造3个,新建公共停车位200个。
"""
(raw / f"example_{EXAMPLE_YEAR}_work_plan.txt").write_bytes(example.encode("gbk"))

# %% [markdown]
# ## Step 2: add its line to the manifest
#
# The manifest is the source of every document's metadata; `check` names any
# problem (a file without a row, a missing file, a duplicate id, an unreadable
# year) before anything is built.

# %%
row = {
    "doc_id": f"example_{EXAMPLE_YEAR}_work_plan",
    "file": f"example_{EXAMPLE_YEAR}_work_plan.txt",
    "title": f"示例镇{EXAMPLE_YEAR}年工作思路",
    "place": "示例镇",
    "place_level": "town",
    "parent_place": "诸暨市",
    "report_year": str(EXAMPLE_YEAR),
    "period_covered": str(EXAMPLE_YEAR),
    "doc_type": "work_plan",
    "date": "",
    "is_masked": "true",
    "sha256": "",
    "source_file": "",
    "notes": "example written for notebook 05",
}
with open(raw / "manifest.csv", encoding="utf-8") as f:
    fields = next(csv.reader(f))
with open(raw / "manifest.csv", "a", encoding="utf-8", newline="") as f:
    csv.DictWriter(f, fieldnames=fields, lineterminator="\n").writerow(row)
status = cli(["check", "--raw", str(raw)])

# %% [markdown]
# ## Step 3: rebuild
#
# The build reads the GBK file, cleans it, splits it into a unit, sections and
# sentences, and recomputes every table — figures, themes, domains,
# priorities — with the new unit in them.

# %%
out = workdir / "processed"
result = build(raw, out, jobs=2, progress=False)
tables = figures.load_tables(directory=out)
new_unit = f"example_{EXAMPLE_YEAR}_work_plan-u1"
tables["documents"][["doc_id", "place", "encoding", "n_units", "n_sentences"]].tail(3)

# %% [markdown]
# ## The new unit in every comparison
#
# Its figures (the masked revenue target is a row marked masked, the relative
# income goal names its reference), its priorities, its domain profile and its
# top terms:

# %%
t = tables["targets"]
t[t.unit_id == new_unit][["indicator_raw", "value", "unit", "comparator", "reference", "kind", "horizon", "is_redacted", "figure_text"]]

# %%
pr = tables["priorities"]
pr[pr.unit_id == new_unit][["order", "level", "heading", "domain"]]

# %%
d = tables["domains"]
d[(d.unit_id == new_unit) & (d.n_sentences > 0)][["domain", "domain_en", "share", "n_sentences"]]

# %% [markdown]
# The example's goals drawn as notebook 2 draws them. The example report is
# made up, so this figure stays in the notebook: it is never written to
# `figures/`, which holds the corpus's figures only.

# %%
fig = figures.headline_targets(tables, EXAMPLE_YEAR, LANG)

# %% [markdown]
# For the real thing, put the file in `data/raw/`, add the line to
# `data/raw/manifest.csv`, and run `python -m analysis all`: notebooks 1–4 then
# show the new unit in every table and figure. The temporary copy used here is
# removed now.

# %%
shutil.rmtree(workdir)
workdir.exists()
