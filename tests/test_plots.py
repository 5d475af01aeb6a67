"""Figures: the shipped CJK font, clean PDF/SVG output, labels in both languages."""

from __future__ import annotations

import re
import warnings

import matplotlib.pyplot as plt
import pytest
from fontTools.ttLib import TTFont

from analysis import figures, labels
from analysis.config import FONT_PATH, PACKAGE_DATA
from analysis.plots import save_figure

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
    for name in ("indicators.csv", "domains.csv", "slogans.csv", "doc_types.csv", "names_en.csv", "userdict.txt"):
        needed |= set(re.sub(r"\s", "", (PACKAGE_DATA / name).read_text(encoding="utf-8")))
    missing = sorted(needed - have)
    assert missing == [], f"characters missing from the font (rerun scripts/build_font_subset.py): {missing[:30]}"


def _all_figures(tables, lang):
    yield "corpus", figures.corpus_sizes(tables, lang)
    yield "cleaning", figures.cleaning_changes(tables, lang)
    yield "headline", figures.headline_targets(tables, 2022, lang)
    yield "coverage", figures.coverage_matrix(tables, 2022, lang)
    yield "quant", figures.quantification(tables, lang)
    yield "annual", figures.annual_vs_five_year(tables, lang)
    yield "terms", figures.top_terms(tables, lang)
    yield "similarity", figures.similarity_heatmap(tables, lang)
    yield "topics", figures.topic_shares_plot(tables, lang)
    yield "domains", figures.domain_profiles_plot(tables, lang)
    yield "priorities", figures.priorities_plot(tables, ["yiwu_2022_work_report-u1", "shanxiahu_2022_work_report-u1"], lang)
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
    assert en["shanxiahu_2022_work_report-u1"] == "Shanxiahu"
    assert en["wuxie_2022_work_plan-u1"] == "Wuxie"
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
    assert "X%" in texts and "XX%" in texts  # Wuxie's masked fiscal revenue and investment
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
