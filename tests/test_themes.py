"""Tokenising, theme, domain, priority and slogan tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from analysis import themes
from analysis.config import PROJECT_ROOT
from analysis.priorities import code_sentences, domain_agreement, match_domains
from analysis.tokens import read_userdict, segment, stopwords, tokenize, tokenizer


def test_every_dictionary_entry_survives_segmentation_whole():
    entries = read_userdict()
    assert len(entries) >= 300
    broken = [w for w, _, _ in entries if segment(w) != [w]]
    assert broken == []


@pytest.mark.parametrize(
    "text,term",
    [
        ("义乌是总书记在浙江首提“共同富裕”的地方", "共同富裕"),
        ("奋力打造新时代共同富裕新高地", "共同富裕新高地"),
        ("纵深推进数字化改革，以“浙里兴村共富”应用场景推广为契机点", "数字化改革"),
        ("持续擦亮“枫桥经验”金名片", "枫桥经验"),
        ("确保实现“小升规”5家", "小升规"),
        ("深化亩均论英雄改革，推进以单效论用能", "亩均论英雄"),
        ("实施新一轮“腾笼换鸟、凤凰涅槃”", "腾笼换鸟"),
        ("打造“浙里办”城市频道", "浙里办"),
        ("举全镇之力推进“万亩千亿”新产业平台建设", "万亩千亿"),
    ],
)
def test_policy_terms_come_out_whole_in_real_sentences(text, term):
    assert term in tokenize(text)


def test_userdict_is_loaded_into_a_private_tokenizer():
    import jieba

    assert tokenizer() is not jieba.dt
    assert tokenizer().lcut("纵深推进数字化改革")[-1] == "数字化改革"


def test_stopword_lists_switch_separately():
    text = "全面推进珍珠产业转型升级，加快建设山下湖全球珍珠交易平台"
    with_all = tokenize(text)
    no_boilerplate = tokenize(text, stoplists=("general", "places"))
    assert "推进" not in with_all and "推进" in no_boilerplate
    assert "山下湖" not in with_all and "山下湖" in tokenize(text, stoplists=("general", "boilerplate"))
    assert {"推进", "全面"} <= stopwords(("boilerplate",))


def test_numbers_masks_and_single_characters_stay_out_unless_asked():
    text = "力争实现XX亿元以上项目X只，新增规上企业5家，五个坚持，G60科创走廊"
    toks = tokenize(text)
    assert not any(ch.isdigit() for t in toks for ch in t)
    assert "XX" not in toks and "五个" not in toks
    assert any(t.isdigit() for t in tokenize(text, keep_numbers=True))


def test_log_odds_matches_monroe_formula():
    a = np.array([10.0, 0.0, 5.0])
    b = np.array([2.0, 8.0, 5.0])
    prior = a + b
    delta, z = themes.log_odds_dirichlet(a, b, prior)
    a0, na, nb = prior.sum(), a.sum(), b.sum()
    w = 0
    expected = np.log((a[w] + prior[w]) / (na + a0 - a[w] - prior[w])) - np.log((b[w] + prior[w]) / (nb + a0 - b[w] - prior[w]))
    assert delta[w] == pytest.approx(expected)
    assert z[w] == pytest.approx(expected / np.sqrt(1 / (a[w] + prior[w]) + 1 / (b[w] + prior[w])))
    assert z[0] > 0 > z[1]


def _dtm():
    tokens = pd.DataFrame(
        {"unit_id": ["a"] * 4 + ["b"] * 4 + ["c"] * 4, "token": ["珍珠", "珍珠", "市场", "产业", "市场", "市场", "贸易", "产业", "木雕", "产业", "产业", "市场"]}
    )
    return themes.document_term_matrix(tokens)


def test_keyness_groups_one_against_another_or_the_rest():
    dtm = _dtm()
    ab = themes.keyness_groups(dtm, {"a": "town", "b": "city", "c": "town"}, "town", "city")
    assert ab.group.iloc[0] == "town vs city"
    assert ab.term.iloc[0] in {"珍珠", "木雕"}
    rest = themes.keyness(dtm, "b")
    assert rest.iloc[0].term in {"市场", "贸易"} and set(rest.group) == {"b"}
    with pytest.raises(ValueError, match="unknown ids"):
        themes.keyness(dtm, "zzz")


def test_corpus_theme_tables(built):
    result, _ = built
    t = result.tables
    units = t["units"].set_index("unit_id")
    shx = "shanxiahu_2022_work_report-u1"
    assert t["tfidf"][t["tfidf"].unit_id == shx].sort_values("rank").term.iloc[0] == "珍珠"
    assert t["keyness"][t["keyness"].group == shx].term.iloc[0] == "珍珠"
    bureau = units.index[units.unit_name == "市场监管局"][0]
    top10 = t["tfidf"][(t["tfidf"].unit_id == bureau) & (t["tfidf"]["rank"] <= 10)].term.tolist()
    assert any("木雕" in term or "红木" in term for term in top10)
    sim = t["similarity"]
    assert len(sim) == len(units) ** 2
    assert np.allclose(sim[sim.unit_a == sim.unit_b].cosine, 1.0)
    shares = t["topic_shares"].groupby("unit_id").share.sum()
    assert np.allclose(shares, 1.0) and len(shares) == len(units)
    assert t["topics"].topic_id.nunique() >= 5
    # every unit has a domain profile with at least one coded domain
    prof = t["domains"]
    assert set(prof.unit_id) == set(units.index)
    assert (prof.groupby("unit_id").n_sentences.sum() > 0).all()


def test_priorities_in_order(built):
    result, _ = built
    pr = result.tables["priorities"]
    yiwu = pr[pr.unit_id == "yiwu_2022_work_report-u1"]
    assert yiwu.heading.tolist()[0] == "市场升级行动" and len(yiwu) == 10 and yiwu.heading.str.endswith("行动").all()
    shx = pr[pr.unit_id == "shanxiahu_2022_work_report-u1"]
    assert shx.heading.tolist()[0] == "抓好市场主体培育" and len(shx) == 10
    wuxie = pr[pr.unit_id == "wuxie_2022_work_plan-u1"]
    assert (wuxie.level == 1).sum() == 4 and (wuxie.level == 2).sum() == 22
    dy = pr[pr.unit_id.str.startswith("dongyang")]
    assert dy.unit_id.nunique() == 6
    assert dy[dy.unit_id.str.endswith("u1")].heading.str.startswith("坚持").all()
    assert pr.groupby("unit_id").order.apply(lambda s: s.tolist() == list(range(1, len(s) + 1))).all()


def test_domains_keep_the_keywords_that_placed_them():
    found = match_domains("加快跨境电商产业园建设，推进生猪稳产保供")
    assert "commerce_trade" in found and "跨境电商" in found["commerce_trade"]
    coded = code_sentences(pd.DataFrame({"sentence_id": ["s1"], "unit_id": ["u"], "text": ["启动碳账户建设，创建省低碳试点4个"]}))
    assert "environment_energy" in coded.domain.tolist()


def test_domain_coder_agreement_with_hand_coded_sample(built):
    """Agreement with 117 sentences coded by reading (tests/data/domain_sample.csv); printed for the README."""
    result, _ = built
    sample = pd.read_csv(PROJECT_ROOT / "tests" / "data" / "domain_sample.csv", dtype=str, keep_default_na=False)
    sentences = result.tables["sentences"].set_index("sentence_id")
    assert len(sample) >= 60
    assert all(sentences.loc[r.sentence_id, "text"] == r.text for r in sample.itertuples())
    agreement = domain_agreement(sample, result.tables["sentence_domains"])
    print("\n" + agreement.round(3).to_string(index=False))
    overall = agreement.set_index("domain").loc["all"]
    assert overall.f1 >= 0.70 and overall.kappa >= 0.65


def test_fast_engine_matches_reference_jieba_on_the_whole_corpus(built):
    result, _ = built
    sentences = result.tables["sentences"]["text"].tolist()
    differ = [s for s in sentences if segment(s, engine="rjieba") != segment(s, engine="jieba")]
    assert differ == []
    with pytest.raises(ValueError, match="engine"):
        segment("测试", engine="pkuseg")


def test_term_counts_equal_grouping_the_token_table(built):
    from analysis.tokens import term_counts, tokens_table

    sentences = built[0].tables["sentences"]
    unit_terms, paragraph_terms = term_counts(sentences)
    tokens = tokens_table(sentences)
    expected = tokens.groupby(["unit_id", "token"], sort=True).size().rename("count").reset_index().rename(columns={"token": "term"})
    pd.testing.assert_frame_equal(unit_terms, expected, check_dtype=False)
    sizes = tokens.groupby("paragraph_id").size()
    big = tokens[tokens["paragraph_id"].isin(sizes[sizes >= 5].index)]
    expected = big.groupby(["paragraph_id", "unit_id", "token"], sort=True).size().rename("count").reset_index().rename(columns={"token": "term"})
    pd.testing.assert_frame_equal(paragraph_terms, expected, check_dtype=False)
    assert len(paragraph_terms) and paragraph_terms.groupby("paragraph_id")["count"].sum().min() >= 5


def test_keyword_index_finds_every_keyword_present(built):
    """The Aho–Corasick pass finds exactly the keywords a naive substring test finds."""
    from analysis.priorities import codebook

    book = codebook()
    for text in built[0].tables["sentences"]["text"].tolist()[:400] + ["", "经济社会高质量发展"]:
        naive = {}
        for row in book.itertuples():
            hits = sorted({k for k in row.keywords if k in text})
            if hits:
                naive[row.domain] = hits
        assert match_domains(text) == naive, text


def _random_counts(seed: int, n: int = 60, v: int = 80):
    rng = np.random.default_rng(seed)
    dense = rng.poisson(0.4, size=(n, v)) * (rng.random((n, v)) < 0.5)
    dense[:, :3] += 2  # a few terms every unit uses
    return sparse.csr_matrix(dense.astype(np.int64))


@pytest.mark.parametrize("seed", [0, 1])
def test_keyness_top_terms_equal_the_head_of_the_full_listing(seed):
    m = _random_counts(seed)
    total = np.asarray(m.sum(axis=0)).ravel().astype(float)
    full = pd.DataFrame(themes.keyness_arrays(m, range(m.shape[0]), total))
    top = pd.DataFrame(themes.keyness_arrays(m, range(m.shape[0]), total, top=7))
    expected = full[full.count_group > 0].groupby("row", sort=True).head(7).reset_index(drop=True)
    pd.testing.assert_frame_equal(top.reset_index(drop=True), expected, check_dtype=False)


@pytest.mark.parametrize("budget", [1 << 25, 300, 0])
def test_nearest_units_match_a_full_sort_of_cosines(budget):
    m = _random_counts(3).astype(float)
    dtm = themes.DocumentTermMatrix(m, [f"u{i:03d}" for i in range(m.shape[0])], [f"t{j}" for j in range(m.shape[1])])
    w = themes.tfidf_weights(dtm)
    exact = (w @ w.T).toarray()
    blocks = dict(themes.cosine_blocks(w, block=16, dense_budget=budget))
    got = np.vstack([blocks[s] for s in sorted(blocks)])
    assert np.allclose(got, exact, atol=1e-12)
    top = themes.similarity_table(dtm, top=5, weights=w, block=16)
    for i, name in enumerate(dtm.docs):
        mine = top[top.unit_a == name]
        order = [j for j in np.lexsort((np.arange(len(exact)), -np.round(exact[i], 12))) if j != i][:5]
        assert mine.unit_b.tolist() == [name] + [dtm.docs[j] for j in order]
    full = themes.similarity_table(dtm, weights=w, block=16)
    assert len(full) == len(dtm.docs) ** 2 and full.unit_a.is_monotonic_increasing


@pytest.mark.parametrize("block,top,budget", [(7, 5, 1 << 25), (3, 5, 40), (64, 5, 0), (1, 2, 100), (5, 12, 60), (4, 40, 1 << 25)])
def test_symmetric_nearest_units_equal_a_brute_force_ranking_with_ties(block, top, budget):
    """Rows of four 0.5 entries: every cosine is a multiple of 0.25, exact in any
    summation order, so ties are real and must go to the lowest position."""
    rng = np.random.default_rng(block * 100 + top)
    n, v = 30, 9
    dense = np.zeros((n, v))
    for i in range(n):
        if i % 11 != 4:  # a few all-zero units: cosine 0 with everyone, themselves included
            dense[i, rng.choice(v, 4, replace=False)] = 0.5
    dense[17] = dense[3]  # duplicates tie with each other at 1.0
    w = sparse.csr_matrix(dense)
    exact = dense @ dense.T
    rows, cols, values = themes.nearest_units(w, top, block=block, dense_budget=budget)
    width = min(top, n - 1)
    assert rows.shape == cols.shape == values.shape == (n, width + 1)
    for i in range(n):
        others = [j for j in np.lexsort((np.arange(n), -exact[i])) if j != i][:width]
        assert cols[i].tolist() == [i] + others, i
        assert values[i].tolist() == exact[i, [i] + others].tolist()
        assert (rows[i] == i).all()


def test_nearest_units_of_no_units_is_empty():
    rows, cols, values = themes.nearest_units(sparse.csr_matrix((0, 4)), top=5)
    assert rows.shape == cols.shape == values.shape == (0, 1)


def test_domain_hits_count_like_a_regex_of_each_domains_keywords(built):
    """domain_hits (one Aho–Corasick pass) counts what re.findall of each domain's alternation counts."""
    from analysis.priorities import _domain_patterns, domain_hits

    texts = built[0].tables["sentences"]["text"].tolist() + built[0].tables["documents"]["text"].tolist() + ["", "数字经济数字化改革数字"]
    for text in texts:
        assert domain_hits(text) == [len(p.findall(text)) for _, p in _domain_patterns()], text[:40]


def test_tfidf_table_equals_the_streamed_table(built):
    """The in-memory API and the build's streaming writer rank TF-IDF with one helper."""
    t = built[0].tables
    dtm = themes.dtm_from_terms(t["terms"])
    table = themes.tfidf_table(dtm)
    expected = t["tfidf"].astype({"unit_id": object, "term": object, "rank": "int64"})
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)
    top = themes.tfidf_table(dtm, top=3)
    assert top.groupby("unit_id")["rank"].max().max() == 3 and top["rank"].min() == 1


def test_kwic_shows_every_use_with_its_context():
    import pandas as pd

    from analysis.themes import kwic

    sents = pd.DataFrame({
        "unit_id": ["a", "a", "b"], "sentence_id": ["s1", "s2", "s3"],
        "text": ["做强珍珠产业，珍珠产销达360亿元。", "提升集镇品质。", "珍珠养殖面积稳定。"],
        "char_start": [0, 18, 0],
    })
    out = kwic(sents, "珍珠", window=3)
    assert list(out["sentence_id"]) == ["s1", "s1", "s3"]
    assert list(out["left"]) == ["做强", "产业，", ""]
    assert list(out["right"]) == ["产业，", "产销达", "养殖面"]
    assert list(out["char_start"]) == [2, 7, 0]
    assert list(kwic(sents, "珍珠", units=["b"])["unit_id"]) == ["b"]
    assert kwic(sents, "没有的词").empty
