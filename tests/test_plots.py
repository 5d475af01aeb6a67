"""Figures: the shipped CJK font, clean PDF/SVG output, labels in both languages,
printed sizes, text that neither overlaps nor leaves the canvas, and drawings
that say what the tables say."""

from __future__ import annotations

import re
import warnings

import matplotlib.pyplot as plt
import pytest
from fontTools.ttLib import TTFont

import numpy as np
import pandas as pd

from analysis import figures, labels, plots
from analysis.config import FONT_PATH, PACKAGE_DATA
from analysis.plots import save_figure
from figure_checks import CJK, pdf_characters, pdf_info, pdf_page_size_in

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def tables(built):
    result, _ = built
    return result.tables


def _font_chars() -> set[str]:
    return {chr(c) for c in TTFont(FONT_PATH).getBestCmap()}


def test_font_is_static_truetype_with_its_licence():
    font = TTFont(FONT_PATH)
    assert "glyf" in font and "CFF " not in font and "fvar" not in font
    assert (FONT_PATH.parent / "OFL.txt").read_text(encoding="utf-8").count("SIL Open Font License") >= 1


def test_font_covers_every_character_of_the_corpus_and_the_labels(tables):
    have = _font_chars()
    needed = set("".join(tables["documents"]["text"])) - {"\n"}
    for lang in ("zh", "en"):
        needed |= set("".join(labels.unit_labels(tables["units"], tables["documents"], lang)))
    for name in ("indicators.csv", "domains.csv", "slogans.csv", "doc_types.csv", "names_en.csv", "userdict.txt", "glossary.csv", "cleaning_steps.csv"):
        needed |= set(re.sub(r"\s", "", (PACKAGE_DATA / name).read_text(encoding="utf-8")))
    missing = sorted(needed - have)
    assert missing == [], f"characters missing from the font (rerun scripts/build_font_subset.py): {missing[:30]}"


def _keyness(tables):
    kn = figures.default_keyness(tables)
    towns = tables["units"].loc[tables["units"]["unit_level"] == "town", "unit_id"]
    rest = tables["units"].loc[tables["units"]["unit_level"] != "town", "unit_id"]
    return kn, towns, rest


def _all_figures(tables, lang):
    yield "corpus", figures.corpus_sizes(tables, lang)
    yield "cleaning", figures.cleaning_changes(tables, lang)
    yield "headline", figures.headline_targets(tables, 2022, lang)
    yield "coverage", figures.coverage_matrix(tables, 2022, lang)
    yield "quant", figures.quantification(tables, lang)
    yield "terms", figures.top_terms(tables, lang)
    yield "similarity", figures.similarity_heatmap(tables, lang)
    kn, towns, rest = _keyness(tables)
    yield "keyness", figures.keyness_plot(kn, figures.group_label(towns, tables, lang, "town"), figures.group_label(rest, tables, lang), lang, tables=tables)
    yield "topics", figures.topic_shares_plot(tables, lang)
    yield "domains", figures.domain_profiles_plot(tables, lang)
    yield "priorities", figures.priorities_plot(tables, list(tables["units"]["unit_id"]), lang)
    yield "slogans", figures.slogans_heatmap(tables, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_figure_renders_without_missing_glyphs_and_embeds_truetype(tables, tmp_path, lang):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for name, fig in _all_figures(tables, lang):
            paths = save_figure(fig, name, lang=lang, directory=tmp_path)
            plt.close(fig)
            pdf = paths[1].read_bytes()
            assert b"/FontFile2" in pdf, name  # TrueType embedded (Type 42)
            assert b"/Type3" not in pdf and b"/Subtype /Type3" not in pdf, name
            assert b"LastResort" not in pdf, name
            svg = paths[2].read_text(encoding="utf-8")
            assert "<text" not in svg, name  # text as paths: reads the same everywhere
    glyph_warnings = [str(w.message) for w in caught if "Glyph" in str(w.message) or "missing from font" in str(w.message)]
    assert glyph_warnings == []


def test_saved_figures_are_identical_on_rerun(tables, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        fig = figures.coverage_matrix(tables, 2022, "en")
        save_figure(fig, "coverage", lang="en", directory=d)
        plt.close(fig)
    for ext in ("png", "pdf", "svg"):
        assert (a / f"coverage_en.{ext}").read_bytes() == (b / f"coverage_en.{ext}").read_bytes(), ext


def test_english_labels_for_units_indicators_and_domains(tables):
    en = labels.unit_labels(tables["units"], tables["documents"], "en")
    assert en["shanxiahu_2022_work_report-u1"] == "Shanxiahu Town"
    assert en["wuxie_2022_work_plan-u1"] == "Wuxie Town"
    assert labels.name_en("某某镇").endswith(" Town") and labels.name_en("某某乡").endswith(" Township")
    assert labels.name_en("示例镇") == "Example Town"  # notebook 05's made-up town is not a place
    assert all(not re.search("[\u4e00-\u9fff]", v) for v in en)
    assert labels.romanise("山下湖镇") == "Shanxiahu" and labels.romanise("长安镇") == "Chang'an"
    assert labels.indicator_label("gdp", "en").startswith("Gross domestic product")
    assert labels.domain_label("rural_agriculture", "en") == "Rural revitalisation and agriculture"
    with pytest.raises(ValueError, match="lang"):
        labels.check_lang("fr")


def test_masked_targets_are_drawn_as_masked_not_as_zero(tables):
    fig = figures.headline_targets(tables, 2022, "en")
    main, side = fig.axes[:2]
    texts = [t.get_text() for t in side.texts]
    assert "X% (masked)" in texts and "XX% (masked)" in texts  # Wuxie's masked fiscal revenue and investment
    xs = [x for coll in main.collections for x, _ in coll.get_offsets()]
    assert 0 not in xs
    plt.close(fig)


def test_unit_labels_are_unique_when_a_place_and_year_repeat():
    import pandas as pd

    from analysis import labels

    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "place": ["义乌市"] * 3, "report_year": [2022, 2022, 2023],
                         "doc_type": ["government_work_report"] * 3, "n_units": [1, 1, 1]})
    units = pd.DataFrame({"unit_id": ["a-u1", "b-u1", "c-u1"], "doc_id": ["a", "b", "c"], "place": ["义乌市"] * 3,
                          "unit_name": ["义乌市"] * 3, "unit_label": ["义乌市"] * 3})
    for lang in ("zh", "en"):
        got = labels.unit_labels(units, docs, lang)
        assert got.is_unique, got.tolist()
        assert got["c-u1"].endswith("2023 " + labels.doc_type_label("government_work_report", lang))


# --------------------------------------------------------------------------
# Printed size, layout and language
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def drawn(tables):
    """Every figure in both languages: {(name, lang): figure}; closed afterwards."""
    out = {(name, lang): fig for lang in ("zh", "en") for name, fig in _all_figures(tables, lang)}
    yield out
    for fig in out.values():
        plt.close(fig)


def test_every_figure_is_a_journal_width_and_the_same_size_in_both_languages(drawn):
    for (name, lang), fig in drawn.items():
        w, h = fig.get_size_inches()
        assert w in plots.WIDTHS and 0 < h <= plots.MAX_HEIGHT, (name, lang, w, h)
        assert tuple(fig.get_size_inches()) == tuple(drawn[(name, "zh")].get_size_inches()), name


def test_no_text_is_small_overlapping_or_off_the_canvas_and_no_legend_covers_data(drawn):
    problems = {key: plots.layout_problems(fig) for key, fig in drawn.items()}
    assert {k: v for k, v in problems.items() if v} == {}


def test_the_layout_check_sees_overlaps_small_text_and_text_off_the_canvas():
    fig, ax = plots.new_figure(plots.ONE_COLUMN, 2)
    ax.text(0.5, 0.5, "first label", fontsize=7)
    ax.text(0.52, 0.5, "second label", fontsize=7)
    ax.text(0.1, 0.2, "tiny", fontsize=4)
    fig.text(0.98, 0.5, "beyond the right edge", fontsize=7)
    ax.plot([0, 1], [0, 1], label="a line")
    ax.legend(loc="center")
    problems = plots.layout_problems(fig)
    plt.close(fig)
    assert any("overlap" in p and "first label" in p for p in problems)
    assert any("tiny" in p and "pt" in p for p in problems)
    assert any("leaves the canvas" in p for p in problems)
    assert any("legend" in p for p in problems)


def test_new_figure_refuses_sizes_a_journal_would_rescale():
    with pytest.raises(ValueError, match="width"):
        plots.new_figure(6.4, 3)
    with pytest.raises(ValueError, match="height"):
        plots.new_figure(plots.TWO_COLUMNS, 9.5)


def test_saved_files_keep_the_laid_out_size_and_carry_title_notebook_and_data_version(tables, drawn, tmp_path):
    version = plots.data_version(tables["documents"])
    for (name, lang), fig in drawn.items():
        pdf = save_figure(fig, f"02-{name}", lang=lang, directory=tmp_path, formats=("pdf",))[0]
        assert pdf_page_size_in(pdf) == tuple(round(float(x), 3) for x in fig.get_size_inches()), name
        info = pdf_info(pdf)
        assert info["Title"] and info["Title"] == fig.get_suptitle() or name == "keyness", (name, info)
        assert "notebook 02-growth-targets" in info["Keywords"] and f"data {version}" in info["Keywords"], info


def test_the_data_version_changes_with_the_raw_files(tables):
    docs = tables["documents"]
    edited = docs.assign(sha256=docs["sha256"].where(docs.index != docs.index[0], "0" * 64))
    assert plots.data_version(docs) == plots.data_version(docs.sample(frac=1, random_state=1))
    assert plots.data_version(docs) != plots.data_version(edited)


def test_english_pdfs_hold_no_chinese_character_and_chinese_ones_do(drawn, tmp_path):
    for (name, lang), fig in drawn.items():
        pdf = save_figure(fig, name, lang=lang, directory=tmp_path, formats=("pdf",))[0]
        chars = pdf_characters(pdf)
        cjk = sorted(c for c in chars if CJK.match(c))
        if lang == "en":
            assert any(c.isascii() and c.isalpha() for c in chars), name  # the extraction found text
            assert cjk == [], (name, cjk[:20])
        else:
            assert cjk, name


#: Latin words a Chinese figure may print: abbreviations, symbols of statistics.
ABBREVIATIONS = {"GDP", "R&D", "TF", "IDF", "NMF", "RCEP", "CPPCC", "n", "z", "p", "X", "XX", "log"}


def test_chinese_figures_hold_no_english_words(drawn):
    for (name, lang), fig in drawn.items():
        if lang != "zh":
            continue
        texts = [re.sub(r"\\[a-z]+", "", t.get_text()) for t, _ in plots.drawn_texts(fig)]  # mathtext commands
        words = {w for text in texts for w in re.findall(r"[A-Za-z&]+", text)}
        assert words <= ABBREVIATIONS, (name, sorted(words - ABBREVIATIONS))


# --------------------------------------------------------------------------
# Glossary
# --------------------------------------------------------------------------


def test_the_glossary_holds_every_term_an_english_figure_of_the_corpus_shows(tables):
    shown = figures.terms_shown(tables)
    assert {"tfidf", "keyness", "topic", "slogan", "heading", "goal"} <= set(shown["where"])
    missing = sorted(set(shown["term"]) - set(labels.glossary().index))
    assert missing == [], f"add them with scripts/update_glossary.py: {missing[:20]}"


def test_glossary_rows_are_glossed_or_marked_as_machine_pinyin():
    g = labels.glossary()  # raises on duplicates, unknown sources, Chinese in en/pinyin
    assert set(g["source"]) <= set(labels.GLOSSARY_SOURCES)
    assert (g.loc[g["source"] == "gloss", "en"] != "").all()
    assert (g.loc[g["source"] == "pypinyin", "en"] == "").all()
    tone = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
    assert g["pinyin"].map(lambda p: bool(tone.search(p))).mean() > 0.95  # pinyin with tone marks


@pytest.mark.parametrize(
    "zh, pinyin",
    [("珍珠", "zhēnzhū"), ("八八战略", "bābā zhànlüè"), ("西安", "xī'ān"), ("做强“保障”文章", 'zuòqiáng "bǎozhàng" wénzhāng')],
)
def test_pinyin_is_written_word_by_word_with_tone_marks(zh, pinyin):
    assert labels.pinyin_words(zh) == pinyin


def test_english_terms_are_glossed_with_pinyin_and_unknown_terms_fall_back_to_pinyin():
    assert labels.term_label("珍珠", "en") == "pearl (zhēnzhū)"
    assert labels.term_label("世界小商品之都", "en") == "world capital of small commodities (shìjiè xiǎoshāngpǐn zhīdū)"
    assert labels.term_label("珍珠", "zh") == "珍珠"
    unknown = "鸡毛换糖精神"  # not in the glossary
    assert unknown not in labels.glossary().index
    label = labels.term_label(unknown, "en")
    assert label and not labels.has_cjk(label)


# --------------------------------------------------------------------------
# One order and one colour of units
# --------------------------------------------------------------------------


def test_units_come_in_one_order_in_every_figure(tables, drawn):
    names = labels.unit_labels(tables["units"], tables["documents"], "zh")
    expected = [names[u] for u in plots.unit_order(tables["units"])]
    levels = [tables["units"].set_index("unit_id").loc[u, "unit_level"] for u in plots.unit_order(tables["units"])]
    assert levels.index("county_city") < levels.index("town")  # higher levels first
    for name in ("corpus", "coverage", "quant", "domains", "slogans", "topics"):
        ax = drawn[(name, "zh")].axes[0]
        got = [t.get_text().removesuffix(" †") for t in ax.get_yticklabels()]
        assert got == expected, name


def test_a_unit_has_its_level_colour_and_the_level_colours_stay_apart(tables, drawn):
    from matplotlib.colors import to_hex

    fig = drawn[("corpus", "zh")]
    bars = [to_hex(p.get_facecolor()) for p in fig.axes[0].patches]
    expected = [plots.level_colour(tables["units"].set_index("unit_id").loc[u, "unit_level"]) for u in plots.unit_order(tables["units"])]
    assert [b.upper() for b in bars] == [e.upper() for e in expected]
    present = [plots.level_colour(lv) for lv in plots.levels_present(tables["units"])]
    assert plots.indistinct_colours(present) == []
    main = ["county_city", "county", "development_zone", "department", "subdistrict", "town", "township"]
    assert plots.indistinct_colours([plots.LEVEL_COLOURS[lv] for lv in main]) == []


def test_the_colour_check_catches_near_identical_hues():
    assert plots.indistinct_colours(["#9ECAE1", "#A6CEE3"])  # two pale blues
    assert any(v in ("deutan", "protan") for *_, v in plots.indistinct_colours(["#E41A1C", "#4DAF4A"], min_delta_e=30))


# --------------------------------------------------------------------------
# Drawings that tell the truth
# --------------------------------------------------------------------------


def test_headline_figure_table_and_coverage_show_one_selection_of_goals(tables, drawn):
    goals = figures.headline_goals(tables, 2022)
    pairs = set(zip(goals["unit_id"], goals["indicator"]))
    state = figures.coverage_states(tables, 2022)
    covered = {(u, i) for u in state.index for i in state.columns if state.loc[u, i] != "not set"}
    assert covered == pairs
    table = figures.headline_table(tables, 2022, "zh")
    names = labels.unit_labels(tables["units"], tables["documents"], "zh")
    filled = {(u, i) for u, i in pairs if table.loc[names[u], labels.indicator_label(i, "zh")]}
    assert filled == pairs
    fig = drawn[("headline", "en")]
    main, side = fig.axes[:2]
    n_rows = len([t for t in main.get_yticklabels() if t.get_text().startswith("  ")])
    assert n_rows == len(goals)
    # the relative export goal of Wuxie is in all three
    assert ("wuxie_2022_work_plan-u1", "exports") in pairs
    assert any(t.get_text() == "above the city average" for t in side.texts)


def test_markers_sit_on_their_goal_rows(drawn):
    main = drawn[("headline", "zh")].axes[0]
    rows = {round(y, 6) for coll in main.collections for _, y in coll.get_offsets()}
    assert rows and all(float(y).is_integer() for y in rows)


def test_similarity_dendrogram_leaves_sit_on_the_heatmap_columns_and_the_diagonal_is_blank(tables, drawn):
    for lang in ("zh", "en"):
        fig = drawn[("similarity", lang)]
        ax = next(a for a in fig.axes if a.images and a.texts)
        tree = next(a for a in fig.axes if a.lines)
        image = ax.images[0].get_array()
        n = image.shape[0]
        assert np.ma.getmaskarray(image).diagonal().all() or np.isnan(np.ma.filled(image, np.nan).diagonal()).all()
        leaves = {round(x, 6) for line in tree.lines for x, y in zip(*line.get_data()) if y == 0}
        assert leaves == {float(k) for k in range(n)}
        # the tree's x axis is the heat map's, drawn at the same place on the page
        renderer = fig.canvas.get_renderer()
        a, b = tree.get_window_extent(renderer), ax.get_window_extent(renderer)
        assert tree.get_xlim() == ax.get_xlim() and abs(a.x0 - b.x0) < 1 and abs(a.x1 - b.x1) < 1
        # merge heights read off a scale of 1 - cosine that holds every merge
        heights = [max(line.get_ydata()) for line in tree.lines]
        lo, hi = tree.get_ylim()
        assert "1 - " in tree.get_ylabel() and lo < min(heights) and max(heights) <= hi
        assert len([t for t in tree.get_yticklabels() if t.get_text()]) >= 3
        assert [t.get_text() for t in ax.get_xticklabels()] == [str(k + 1) for k in range(n)]
        values = [t for t in ax.texts if re.fullmatch(r"\d\.\d\d", t.get_text())]
        assert len(values) == n * (n - 1)
        order = figures.similarity_order(tables)
        names = labels.unit_labels(tables["units"], tables["documents"], lang)
        assert [t.get_text().rsplit("  ", 1)[0] for t in ax.get_yticklabels()] == [names[u] for u in order]


def test_keyness_marks_the_significance_line_and_names_groups_by_what_they_hold(tables, drawn):
    ax = drawn[("keyness", "en")].axes[0]
    xs = {round(line.get_xdata()[0], 2) for line in ax.lines}
    assert {-1.96, 1.96} <= xs
    kn, towns, rest = _keyness(tables)
    label = figures.group_label(towns, tables, "en", "town")
    assert f"({len(towns)} units)" in label
    one = figures.group_label(towns[:1], tables, "en", "town")
    assert one == labels.unit_labels(tables["units"], tables["documents"], "en")[towns.iloc[0]]


def test_short_texts_get_no_slogan_rate_and_zero_differs_from_not_set(tables, drawn):
    fig = drawn[("slogans", "zh")]
    ax = fig.axes[0]
    chars = (tables["units"]["char_end"] - tables["units"]["char_start"]).to_numpy()
    order = plots.unit_order(tables["units"])
    short_rows = [k for k, u in enumerate(order) if (tables["units"].set_index("unit_id").loc[u, "char_end"] - tables["units"].set_index("unit_id").loc[u, "char_start"]) < figures.SHORT_TEXT_CHARS]
    assert short_rows and (chars < figures.SHORT_TEXT_CHARS).any()
    image = np.ma.filled(ax.images[0].get_array().astype(float), np.nan)
    assert np.isnan(image[short_rows]).all()
    labels_ = [t.get_text() for t in ax.get_yticklabels()]
    assert all(labels_[k].endswith("†") for k in short_rows)
    cov = drawn[("coverage", "zh")].axes[0]
    texts = [t.get_text() for t in cov.texts]
    assert "—" in texts and any(t.startswith("≥") for t in texts)


def test_a_figure_with_too_little_data_raises_instead_of_drawing_a_point(tables):
    few = dict(tables)
    few["targets"] = tables["targets"].iloc[0:0]
    with pytest.raises(figures.TooLittleData):
        figures.annual_vs_five_year(few, "en")
    with pytest.raises(figures.TooLittleData):
        figures.headline_targets(few, 2022, "en")


def test_topics_have_short_labels_in_both_languages(tables):
    for lang in ("zh", "en"):
        tl = figures.topic_labels(tables, lang)
        assert len(tl) == tables["topics"]["topic_id"].nunique()
        assert all(label.count(" · ") <= 1 for label in tl)
        if lang == "en":
            assert not any(labels.has_cjk(label) for label in tl)


def test_priority_table_translates_every_heading(tables):
    units = list(tables["units"]["unit_id"])
    t = figures.priority_table(tables, units, "en")
    assert len(t) == int((tables["priorities"]["level"] == 1).sum())
    assert not t["heading_en"].map(labels.has_cjk).any()
    assert (t["heading_en"] != "").all()


def _right_labels(ax) -> list[str]:
    """The labels of a heat map's right-hand axis (the n of each row)."""
    return [t.get_text() for t in ax.child_axes[0].get_yticklabels()]


def _figure_texts(fig) -> list[str]:
    return [t.get_text() for t, _ in plots.drawn_texts(fig)]


def test_domain_profile_n_is_the_divisor_of_the_shares_and_rows_over_100_are_explained(tables, drawn):
    dom = tables["domains"]
    order = [u for u in plots.unit_order(tables["units"]) if u in set(dom["unit_id"])]
    for lang in ("zh", "en"):
        fig = drawn[("domains", lang)]
        shown = [int(t.removeprefix("n = ")) for t in _right_labels(fig.axes[0])]
        assert len(shown) == len(order)
        for unit, n in zip(order, shown):
            rows = dom[(dom["unit_id"] == unit) & (dom["share"] > 0)]
            assert np.allclose(rows["n_sentences"] / rows["share"], n), (unit, n)
    over = dom.groupby("unit_id")["share"].sum() > 1
    assert over.any()  # a sentence in several domains: the note is needed
    assert any("100%" in t for t in _figure_texts(drawn[("domains", "en")]))
    assert any("100%" in t for t in _figure_texts(drawn[("domains", "zh")]))


def test_tfidf_panels_share_one_x_scale_named_once_for_all(drawn):
    for lang in ("zh", "en"):
        fig = drawn[("terms", lang)]
        panels = [ax for ax in fig.axes if ax.axison]
        assert len(panels) > 1 and len({ax.get_xlim() for ax in panels}) == 1, lang
        assert "TF-IDF" in fig.get_supxlabel() and not any(ax.get_xlabel() for ax in panels)


@pytest.mark.parametrize("name", ["quant", "domains", "topics", "slogans"])
def test_short_texts_follow_one_rule_in_every_figure_of_rates_flagged_and_not_coloured(tables, drawn, name):
    units = tables["units"].set_index("unit_id")
    chars = units["char_end"] - units["char_start"]
    for lang in ("zh", "en"):
        ax = drawn[(name, lang)].axes[0]
        ticks = [t.get_text() for t in ax.get_yticklabels()]
        order = [u for u in plots.unit_order(tables["units"])][: len(ticks)]
        short = [chars[u] < figures.SHORT_TEXT_CHARS for u in order]
        assert any(short) and not all(short)
        assert [t.endswith(" †") for t in ticks] == short, (name, lang)
        if ax.images:  # a heat map: short rows hold no colour
            image = np.ma.filled(ax.images[0].get_array().astype(float), np.nan)
            assert np.isnan(image[short]).all() and np.isfinite(image[[not s for s in short]]).any(), name
        else:  # bars: a short text's bar is not in its level's colour
            from matplotlib.colors import to_hex
            level = {to_hex(c).upper() for c in plots.LEVEL_COLOURS.values()}
            bars = ax.patches[: len(order)]
            assert all((to_hex(b.get_facecolor()).upper() in level) != s for b, s in zip(bars, short)), name
        assert any("†" in t for t in _figure_texts(drawn[(name, lang)]) if not t.endswith(" †")), "the flag is explained"


def test_a_goal_stated_twice_gets_two_rows_told_apart_and_one_cell_showing_both(tables, drawn):
    goals = figures.headline_goals(tables, 2022)
    twice = goals[goals.duplicated(["unit_id", "indicator"], keep=False)]
    assert not twice.empty  # Shanxiahu states its investment goal as 8%以上 and as 确保…10%
    for lang in ("zh", "en"):
        main = drawn[("headline", lang)].axes[0]
        ticks = [t.get_text() for t in main.get_yticklabels()]
        blocks, block = [], []
        for t in ticks:
            if not t.startswith("  "):
                blocks.append(block)
                block = []
            else:
                block.append(t)
        blocks.append(block)
        assert all(len(b) == len(set(b)) for b in blocks), (lang, ticks)
        cov = drawn[("coverage", lang)].axes[0]
        texts = [t.get_text() for t in cov.texts]
        for (_, _), rows in twice.groupby(["unit_id", "indicator"]):
            words = [figures._symbols(figures.describe_goal(r, lang), lang) for r in rows.sort_values("char_start").itertuples()]
            assert any(all(w in t for w in words) for t in texts), (lang, words, texts)


def test_keyness_lines_cross_no_text_and_the_title_names_both_groups(tables, drawn):
    kn, towns, rest = _keyness(tables)
    for lang in ("zh", "en"):
        fig = drawn[("keyness", lang)]
        fig.canvas.draw()  # the layout places the texts; the test must not depend on an earlier one drawing it
        ax = fig.axes[0]
        renderer = fig.canvas.get_renderer()
        frame = ax.get_window_extent(renderer)
        dashed = [ln for ln in ax.lines if ln.get_linestyle() == "--"]
        assert len(dashed) == 2
        xs = [ax.transData.transform((ln.get_xdata()[0], 0))[0] for ln in dashed]
        for text, box in plots.drawn_texts(fig):
            if box.y1 < frame.y0 or box.y0 > frame.y1:
                continue  # above or below the plot: the lines do not reach it
            assert not any(box.x0 < x < box.x1 for x in xs), (lang, text.get_text())
        title = fig.get_suptitle()
        for group in (figures.group_label(towns, tables, lang, "town"), figures.group_label(rest, tables, lang)):
            assert group in title, (lang, title)


def test_priority_colour_is_the_place_in_its_own_list_on_the_common_colour_map(tables, drawn):
    units = list(tables["units"]["unit_id"])
    pos = figures.priority_positions(tables, units)
    n_items = tables["priorities"][tables["priorities"]["level"] == 1].groupby("unit_id").size()
    for lang in ("zh", "en"):
        ax = drawn[("priorities", lang)].axes[0]
        image = np.ma.filled(ax.images[0].get_array().astype(float), np.nan)
        assert ax.images[0].get_cmap().name.startswith(plots.SEQUENTIAL)
        assert ax.images[0].norm.vmin == 0 and ax.images[0].norm.vmax == 1
        for i, unit in enumerate(pos.index):
            for j, items in enumerate(pos.loc[unit]):
                if not items:
                    assert np.isnan(image[i, j])
                    continue
                assert image[i, j] == pytest.approx((items[0] - 1) / max(1, n_items[unit] - 1))
        assert _right_labels(ax) == [f"n = {n_items[u]}" for u in pos.index]
    # a list's last item is drawn alike however long the list is
    last = [image[i, j] for i, u in enumerate(pos.index) for j, v in enumerate(pos.loc[u]) if v and v[0] == n_items[u]]
    assert len({n_items[u] for u in pos.index}) > 1 and last and all(v == 1 for v in last)


def _breaks_between_words(original: str, wrapped: str) -> bool:
    """Whether every line break of ``wrapped`` falls on a space of ``original``
    or between two of its words (jieba's cut)."""
    ends, pos = set(), 0
    for w in labels.words(original):
        pos += len(w)
        ends.add(pos)
    pos = 0
    for line in wrapped.split("\n")[:-1]:
        pos = original.index(line, pos) + len(line)
        if original[pos : pos + 1] == " " or original[pos - 1 : pos] == " ":
            continue
        if pos not in ends:
            return False
    return True


def test_wrapped_labels_break_between_words_never_inside_one(tables):
    assert not _breaks_between_words("政府工作报告", "政府工\n作报告")  # the check sees a word cut in two
    from analysis.priorities import codebook

    docs = tables["documents"]
    zh = [f"{p} {labels.doc_type_label(t, 'zh')}" for p, t in zip(docs["place"], docs["doc_type"])]
    zh += [labels.indicator_label(i, "zh") for i in figures.HEADLINE_INDICATORS] + [figures.domain_short(d, "zh") for d in codebook()["domain"]]
    en = [labels.indicator_label(i, "en") for i in figures.HEADLINE_INDICATORS] + list(figures.topic_labels(tables, "en"))
    wrapped = 0
    for text in zh:
        for width in (12, 16, 22):
            out = figures._wrap(text, width, "zh")
            wrapped += "\n" in out
            assert _breaks_between_words(text, out), (text, out)
    for text in en:
        out = figures._wrap(text, 20, "en")
        assert not any(line.endswith("-") for line in out.split("\n")), out
    assert figures._wrap("leadership · Double-Eight Strategy", 20, "en").count("Double-Eight") == 1
    assert wrapped


def test_english_terms_show_gloss_and_pinyin_or_a_mark_the_figure_explains(drawn):
    for name in ("terms", "keyness", "slogans"):
        fig = drawn[(name, "en")]
        shown = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() + ax.get_xticklabels() if labels.has_cjk(t.get_text()) is False]
        terms = [t for t in shown if t and not re.fullmatch(r"[\d.,\-−:%† ]+|n = \d+", t) and "·" not in t and " †" not in t]
        terms = [t for t in terms if not any(u in t for u in ("Town", "Yiwu", "Dongyang"))]
        assert terms, name
        for t in terms:
            assert re.search(r"\([^()]+\)$", t) or t.endswith(figures.NO_PINYIN), (name, t)
            assert ") (" not in t, (name, t)
        if any(t.endswith(figures.NO_PINYIN) for t in terms):
            assert any("pinyin left out" in t for t in _figure_texts(fig)), name


def test_english_figures_draw_latin_symbols_not_the_cjk_fonts_forms(drawn):
    for (name, lang), fig in drawn.items():
        texts = _figure_texts(fig) + [t.get_text() for leg in fig.legends for t in leg.get_texts()]
        if lang == "en":
            assert not any("≥" in t or "≤" in t or "·" in t for t in texts), (name, [t for t in texts if "≥" in t or "·" in t][:3])
    assert any(r"\geq" in t.get_text() for t in drawn[("coverage", "en")].axes[0].texts)


def test_quantification_ticks_are_the_same_in_both_languages(drawn):
    zh, en = (drawn[("quant", lang)].axes[0] for lang in ("zh", "en"))
    assert list(zh.get_xticks()) == list(en.get_xticks()) and len(zh.get_xticks()) >= 3


def test_slogan_cells_print_the_rate_their_colour_shows_with_the_characters_as_n(tables, drawn):
    units = tables["units"].set_index("unit_id")
    chars = units["char_end"] - units["char_start"]
    for lang in ("zh", "en"):
        ax = drawn[("slogans", lang)].axes[0]
        image = np.ma.filled(ax.images[0].get_array().astype(float), np.nan)
        n_rows = image.shape[0]
        order = [u for u in plots.unit_order(tables["units"]) if u in set(tables["slogans"]["unit_id"])][:n_rows]
        # n beside every row is the divisor of its rates: the unit's characters
        assert _right_labels(ax) == [f"n = {chars[u]:,}" for u in order], lang
        coloured = 0
        for t in ax.texts:
            j, i = (int(round(v)) for v in t.get_position())
            if np.isfinite(image[i, j]):
                coloured += 1
                assert float(t.get_text()) == pytest.approx(image[i, j], abs=0.051 if image[i, j] < 9.95 else 0.51), (lang, t.get_text(), image[i, j])
        assert coloured > 10
    # equal printed numbers, equal colours (to the printed precision)
    assert figures.slogan_cell(2, 1.04, False) == figures.slogan_cell(2, 0.96, False) == "1.0"
    assert figures.slogan_cell(3, 40.0, True) == "3" and figures.slogan_cell(0, 0.0, False) == ""


def test_rotated_axis_labels_of_several_lines_get_room_between_lines(drawn):
    """matplotlib's line spacing packs rotated lines of Chinese too tight
    (the dendrogram's scale, the priorities' colour bar): every axis or
    colour-bar label of several lines is set with the figures' spacing."""
    checked = 0
    for (name, lang), fig in drawn.items():
        for ax in fig.axes:
            for label in (ax.xaxis.label, ax.yaxis.label):
                if "\n" in label.get_text() and round(label.get_rotation()) % 180 == 90:
                    checked += 1
                    spacing = label._linespacing  # no public getter
                    assert not isinstance(spacing, str) and spacing >= figures.ROTATED_LINESPACING, (name, lang, label.get_text()[:30])
    assert checked >= 4


def test_priority_lists_show_every_item_once_and_no_empty_domain(tables, drawn):
    pr = tables["priorities"][tables["priorities"]["level"] == 1]
    units = list(tables["units"]["unit_id"])
    pos = figures.priority_positions(tables, units)
    n_items = pr.groupby("unit_id").size()
    for unit in pos.index:
        items = sorted(i for cell in pos.loc[unit] for i in cell)
        assert items == list(range(1, n_items[unit] + 1)), unit  # no item missing, none twice
    assert all(pos[d].map(len).any() for d in pos.columns)  # no column empty in every row
    assert (pr["domain"] == "").any() and figures.NOT_CODED in pos.columns  # the development zone's item 5
    for lang in ("zh", "en"):
        fig = drawn[("priorities", lang)]
        ticks = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_xticklabels()]
        assert len(ticks) == pos.shape[1] and ticks[-1] == figures._t(lang, "未归类", "not coded")
        assert any(figures._t(lang, "未归类", "not coded:") in t for t in _figure_texts(fig))
    assert figures.domain_short("economy_growth", "en") == "Economic growth"
    assert figures.domain_short("economy_growth", "zh") == "经济增长"


def _swatches(fig) -> set[str]:
    """The hex colours of the filled, unhatched patches of a figure's legends."""
    from matplotlib.colors import to_hex
    from matplotlib.patches import Patch as _Patch

    return {to_hex(h.get_facecolor()).upper() for leg in fig.legends for h in leg.legend_handles
            if isinstance(h, _Patch) and not h.get_hatch() and h.get_facecolor()[3] > 0}


def test_quantification_legend_shows_only_the_level_colours_its_bars_wear(drawn):
    from matplotlib.colors import to_hex

    level = {c.upper() for c in plots.LEVEL_COLOURS.values()}
    for lang in ("zh", "en"):
        fig = drawn[("quant", lang)]
        bars = {to_hex(b.get_facecolor()).upper() for b in fig.axes[0].patches if not b.get_hatch()} & level
        assert bars and _swatches(fig) & level == bars, lang
        assert any(h.get_hatch() for leg in fig.legends for h in leg.legend_handles), "the † hatch is in the key"


def test_tfidf_bar_colours_have_a_legend_below_the_panels(drawn):
    from matplotlib.colors import to_hex

    for lang in ("zh", "en"):
        fig = drawn[("terms", lang)]
        panels = [ax for ax in fig.axes if ax.axison]
        bars = {to_hex(b.get_facecolor()).upper() for ax in panels for b in ax.patches}
        assert _swatches(fig) == bars, lang
        renderer = fig.canvas.get_renderer()
        (legend,) = fig.legends
        top = legend.get_window_extent(renderer).y1
        assert all(top <= ax.get_tightbbox(renderer).y0 for ax in panels), lang
        assert top <= fig._supxlabel.get_window_extent(renderer).y0, lang


def test_keyness_text_keeps_clear_of_the_edges_and_the_counts_column_names_its_groups(drawn):
    for lang in ("zh", "en"):
        fig = drawn[("keyness", lang)]
        margin = 4 / 72 * fig.dpi  # 4 pt: a line ending closer reads as cut off at print size
        for text, box in plots.drawn_texts(fig):
            assert box.x0 >= fig.bbox.x0 + margin or text in fig.axes[0].get_yticklabels(), (lang, text.get_text()[:40])
            assert box.x1 <= fig.bbox.x1 - margin or text in fig.axes[0].child_axes[0].get_yticklabels(), (lang, text.get_text()[:40])
    title = drawn[("keyness", "en")].legends[0].get_title().get_text().replace("\n", " ")
    assert "(a:b)" not in title and "(towns:other units)" in title, title
