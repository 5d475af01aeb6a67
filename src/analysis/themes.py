"""What sets each unit's text apart: term counts, TF-IDF, similarity, keyness, topics.

The grammar follows quanteda: tokens → a document-term matrix (sparse, never
densified) → statistics that return DataFrames.  Every matrix is built from
:func:`analysis.tokens.tokenize` output, so the tokenizer, stoplists and
dictionary version recorded by :func:`analysis.tokens.settings_fingerprint`
describe every table here.  Everything is deterministic: sorted vocabularies,
fixed seeds, stable sorts with the term as a tie-breaker.
"""

from __future__ import annotations

import sys

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

#: TF-IDF settings (scikit-learn ``TfidfVectorizer`` on pre-tokenised units).
TFIDF_SETTINGS = {
    "input": "one document per unit, tokens from analysis.tokens.tokenize",
    "sublinear_tf": True,
    "smooth_idf": True,
    "norm": "l2",
    "min_df": 1,
    "lowercase": False,
}
#: NMF topic-model settings.
TOPIC_SETTINGS = {
    "documents": "paragraphs with at least 5 content tokens",
    "weighting": "TF-IDF (sublinear tf, l2 norm), terms in at least 3 paragraphs",
    "model": "sklearn.decomposition.NMF",
    "init": "nndsvd",
    "random_state": 0,
    "max_iter": 1000,
    "n_topics": 8,
    "max_fit_paragraphs": 20000,
}
#: Above this many units the big theme tables keep each unit's top rows only.
LARGE_CORPUS_UNITS = 200
#: What "top rows" means for a large corpus.
LARGE_CORPUS_CAPS = {"tfidf_top_terms": 300, "similarity_top_units": 20, "keyness_top_terms": 300}


@dataclass
class DocumentTermMatrix:
    """Counts of ``terms`` (columns, sorted) in ``docs`` (rows), sparse."""

    matrix: sparse.csr_matrix
    docs: list[str]
    terms: list[str]


def document_term_matrix(tokens: pd.DataFrame, by: str = "unit_id") -> DocumentTermMatrix:
    """Sparse counts of each token per ``by`` group (rows sorted by group id)."""
    docs = sorted(tokens[by].unique())
    terms = sorted(tokens["token"].unique())
    d_index = {d: i for i, d in enumerate(docs)}
    t_index = {t: i for i, t in enumerate(terms)}
    rows = tokens[by].map(d_index).to_numpy()
    cols = tokens["token"].map(t_index).to_numpy()
    data = np.ones(len(tokens), dtype=np.int64)
    m = sparse.csr_matrix((data, (rows, cols)), shape=(len(docs), len(terms)))
    m.sum_duplicates()
    return DocumentTermMatrix(m, docs, terms)


def group_dtm(dtm: DocumentTermMatrix, groups: dict[str, str]) -> DocumentTermMatrix:
    """Sum the rows of ``dtm`` into groups (``groups`` maps row id → group label).

    Rows not in ``groups`` are dropped; groups are sorted.
    """
    labels = sorted(set(groups.values()))
    g_index = {g: i for i, g in enumerate(labels)}
    rows, cols = [], []
    for i, doc in enumerate(dtm.docs):
        if doc in groups:
            rows.append(g_index[groups[doc]])
            cols.append(i)
    agg = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(labels), len(dtm.docs)))
    return DocumentTermMatrix((agg @ dtm.matrix).tocsr(), labels, dtm.terms)


def terms_table(tokens: pd.DataFrame) -> pd.DataFrame:
    """``unit_id, term, count, n_docs``: how often each term occurs in each unit.

    ``n_docs`` is the number of units the term occurs in.  Sorted by unit,
    count (descending) and term.
    """
    counts = tokens.groupby(["unit_id", "token"]).size().rename("count").reset_index()
    counts = counts.rename(columns={"token": "term"})
    n_docs = counts.groupby("term")["unit_id"].nunique()
    counts["n_docs"] = counts["term"].map(n_docs)
    return counts.sort_values(["unit_id", "count", "term"], ascending=[True, False, True], kind="mergesort").reset_index(drop=True)


def import_sklearn() -> None:
    """Import the scikit-learn modules the theme tables use.

    Call it before starting threads that use them: two threads importing
    one package with import cycles can see it half initialised.
    """
    import sklearn.decomposition  # noqa: F401
    import sklearn.feature_extraction.text  # noqa: F401


def tfidf_weights(dtm: DocumentTermMatrix) -> sparse.csr_matrix:
    """The TF-IDF matrix of ``dtm`` (scikit-learn ``TfidfTransformer``, :data:`TFIDF_SETTINGS`)."""
    from sklearn.feature_extraction.text import TfidfTransformer

    return TfidfTransformer(
        sublinear_tf=TFIDF_SETTINGS["sublinear_tf"], smooth_idf=TFIDF_SETTINGS["smooth_idf"], norm=TFIDF_SETTINGS["norm"]
    ).fit_transform(dtm.matrix).tocsr()


def tfidf_table(dtm: DocumentTermMatrix, top: int | None = None, weights: sparse.csr_matrix | None = None) -> pd.DataFrame:
    """``unit_id, term, tfidf, rank`` for every term with a non-zero weight.

    scikit-learn's ``TfidfTransformer`` with :data:`TFIDF_SETTINGS`; ``rank``
    is 1 for a unit's heaviest term (ties broken by term); ``top`` keeps only
    the first ``top`` ranks of each unit.
    """
    rows, cols, values, ranks = ranked_entries(tfidf_weights(dtm) if weights is None else weights, top)
    return pd.DataFrame(
        {"unit_id": np.array(dtm.docs, dtype=object)[rows], "term": np.array(dtm.terms, dtype=object)[cols], "tfidf": values, "rank": ranks}
    )


def ranked_entries(weights: sparse.spmatrix, top: int | None = None, decimals: int = 12) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The non-zero entries of ``weights`` ordered by row, value (descending), column.

    Returns ``(rows, cols, values, ranks)``: values rounded to ``decimals``,
    ``ranks`` 1 for each row's largest value; ``top`` keeps each row's first
    ``top`` ranks.  With rows sorted by unit id and columns by term (as in a
    :class:`DocumentTermMatrix`), that is the order (unit, weight desc, term).
    """
    w = weights.tocoo()
    values = w.data.round(decimals)
    order = np.lexsort((w.col, -values, w.row))
    rows, cols, values = w.row[order].astype(np.int64), w.col[order].astype(np.int64), values[order]
    ranks = np.arange(len(rows), dtype=np.int64) - np.searchsorted(rows, rows, side="left") + 1
    if top is not None:
        keep = ranks <= top
        rows, cols, values, ranks = rows[keep], cols[keep], values[keep], ranks[keep]
    return rows, cols, values, ranks


def similarity_table(
    dtm: DocumentTermMatrix, top: int | None = None, weights: sparse.csr_matrix | None = None, block: int = 512, progress: bool = False
) -> pd.DataFrame:
    """``unit_a, unit_b, cosine`` between the units' TF-IDF vectors.

    Every ordered pair (diagonal included), or with ``top`` only each unit's
    ``top`` most similar units (itself first, then by cosine, ties by
    position, see :func:`nearest_units`); computed in row blocks so the full
    unit × unit matrix is never in memory; ``progress`` shows a bar over the blocks.
    """
    w = (tfidf_weights(dtm) if weights is None else weights).tocsr()
    names = np.array(dtm.docs, dtype=object)
    n = w.shape[0]
    if n == 0:
        return pd.DataFrame(columns=["unit_a", "unit_b", "cosine"])
    bar = _block_bar(-(-n // block), progress)
    if top is not None:
        rows, cols, values = nearest_units(w, top, block, bar=bar, decimals=12)  # values come rounded
        return pd.DataFrame({"unit_a": names[rows.ravel()], "unit_b": names[cols.ravel()], "cosine": values.ravel()})
    parts = []
    for start, cos in cosine_blocks(w, block):
        parts.append(cos.round(12).ravel())
        if bar is not None:
            bar.update()
    if bar is not None:
        bar.close()
    out = pd.DataFrame({"unit_a": np.repeat(names, n), "unit_b": np.tile(names, n), "cosine": np.concatenate(parts)})
    return out.sort_values(["unit_a", "unit_b"], kind="mergesort").reset_index(drop=True)


def _block_bar(n_blocks: int, enabled: bool):
    if not enabled or n_blocks <= 1:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=n_blocks, desc="similarity", unit="block", file=sys.stderr)


#: Entries of the dense part of :func:`cosine_blocks` (units × frequent terms), about 256 MB.
DENSE_BUDGET = 1 << 25


def _split_by_df(w: sparse.csr_matrix, dense_budget: int) -> tuple[np.ndarray, sparse.csr_matrix]:
    """``w``'s most frequent columns as a dense array (at most ``dense_budget`` entries), the rest sparse."""
    n, v = w.shape
    df = np.diff(w.tocsc().indptr)
    k = min(v, dense_budget // max(n, 1))
    by_df = np.argsort(-df, kind="stable")
    dense_cols, sparse_cols = np.sort(by_df[:k]), np.sort(by_df[k:])
    return w[:, dense_cols].toarray(), w[:, sparse_cols].tocsr()


def cosine_blocks(w: sparse.csr_matrix, block: int = 512, dense_budget: int = DENSE_BUDGET, upper: bool = False):
    """Yield ``(start, w[start:start+block] @ w.T)`` as dense arrays.

    With ``upper``, only the columns from ``start`` on:
    ``w[start:start+block] @ w[start:].T`` (the rest is the transpose of
    earlier blocks: the matrix is symmetric).  The product is split by terms:
    the terms found in most rows (as many as ``dense_budget`` entries allow)
    go through a dense matrix product (BLAS), the rare rest through a sparse
    one.  Frequent terms make the result dense, which a sparse product
    computes slowly.
    """
    w = w.tocsr()
    n = w.shape[0]
    wd, ws = _split_by_df(w, dense_budget)
    wst = None if upper else ws.T.tocsr()  # CSR, or scipy converts it for every block
    for start in range(0, n, block):
        stop = min(start + block, n)
        first = start if upper else 0
        cos = wd[start:stop] @ wd[first:].T
        if ws.nnz:
            cos += (ws[start:stop] @ (ws[first:].T.tocsr() if upper else wst)).toarray()
        yield start, cos


def _top_k(values: np.ndarray, cols: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``k`` largest ``values`` (ties: smallest column first), with
    their columns ``cols`` (1-D, increasing, one per column of ``values``),
    in column order (:func:`_top_k_merge` sorts them)."""
    r, m = values.shape
    if m > k:
        neg = np.negative(values)
        neg.partition(k - 1, axis=1)  # in place: one copy of the block, not two
        kth = -neg[:, k - 1 : k]
        del neg
        keep = values > kth
        ties = values == kth
        need = k - keep.sum(axis=1)
        crowded = np.flatnonzero(ties.sum(axis=1) > need)
        if len(crowded):  # more ties at the k-th value than places: the first columns win
            ties[crowded] &= np.cumsum(ties[crowded], axis=1, dtype=np.int32) <= need[crowded, None]
        keep |= ties
        pos = np.nonzero(keep)[1].reshape(r, k)
    else:
        pos = np.broadcast_to(np.arange(m), (r, m))
    return np.take_along_axis(values, pos, axis=1), cols[pos]


def nearest_units(
    w: sparse.csr_matrix, top: int, block: int = 512, dense_budget: int = DENSE_BUDGET, bar=None, decimals: int = 12
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's ``top`` most similar rows of ``w`` by cosine (rows L2-normed).

    Returns ``(rows, cols, values)``, each ``n × (min(top, n - 1) + 1)``:
    row ``i`` lists ``i`` itself first, then the others by cosine
    (descending), ties by position.  The matrix is symmetric, so each block
    of rows is multiplied only by itself and the rows after it
    (:func:`cosine_blocks` with ``upper``); what it yields for later rows
    is their candidates among this block's columns.  Exact: each row keeps
    the best ``top + 1`` of every part (:func:`_top_k`), and the best of
    those is the best overall.  Cosines are rounded to ``decimals`` before
    they are ranked, so units whose printed cosines are equal tie (the last
    bits of one cosine depend on which block computed it).
    """
    n = w.shape[0]
    if n == 0:
        return np.zeros((0, 1), dtype=np.int64), np.zeros((0, 1), dtype=np.int64), np.zeros((0, 1))
    k = min(top + 1, n)
    best_v = np.full((n, k), -np.inf)  # placeholders (-inf, column n) sort after every real candidate
    best_c = np.full((n, k), n, dtype=np.int64)
    diag = np.zeros(n)
    for start, cos in cosine_blocks(w, block, dense_budget, upper=True):
        np.round(cos, decimals, out=cos)
        stop = start + cos.shape[0]
        diag[start:stop] = cos[np.arange(stop - start), np.arange(stop - start)]
        parts = [(slice(start, stop), cos, np.arange(start, n))]
        if stop < n:
            parts.append((slice(stop, n), np.ascontiguousarray(cos[:, stop - start :].T), np.arange(start, stop)))
        for rows, values, cols in parts:
            v, c = _top_k(values, cols, k)
            best_v[rows], best_c[rows] = _top_k_merge(best_v[rows], best_c[rows], v, c, k)
        if bar is not None:
            bar.update()
    if bar is not None:
        bar.close()
    width = min(top, n - 1)
    me = np.arange(n)
    others = best_c != me[:, None]
    keep = others & (np.cumsum(others, axis=1) <= width)
    chosen_c = best_c[keep].reshape(n, width)
    chosen_v = best_v[keep].reshape(n, width)
    return np.repeat(me[:, None], width + 1, axis=1), np.hstack([me[:, None], chosen_c]), np.hstack([diag[:, None], chosen_v])


def _top_k_merge(v1: np.ndarray, c1: np.ndarray, v2: np.ndarray, c2: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The best ``k`` of two candidate lists per row (value descending, then column)."""
    v, c = np.hstack([v1, v2]), np.hstack([c1, c2])
    order = np.lexsort((c, -v), axis=1)[:, :k]
    return np.take_along_axis(v, order, axis=1), np.take_along_axis(c, order, axis=1)


def log_odds_dirichlet(
    counts_a: np.ndarray, counts_b: np.ndarray, prior: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted log-odds ratio with an informative Dirichlet prior.

    Monroe, Colaresi & Quinn (2008), "Fightin' Words", eq. 16–22: for each
    term w, δ_w = log((y_aw+α_w)/(n_a+α_0−y_aw−α_w)) − log((y_bw+α_w)/(n_b+α_0−y_bw−α_w)),
    σ²_w ≈ 1/(y_aw+α_w) + 1/(y_bw+α_w), z_w = δ_w/σ_w.  Returns ``(δ, z)``.
    """
    a = np.asarray(counts_a, dtype=float)
    b = np.asarray(counts_b, dtype=float)
    alpha = np.asarray(prior, dtype=float)
    return _log_odds(a, b, alpha, alpha.sum(), a.sum(), b.sum())


def _log_odds(a: np.ndarray, b: np.ndarray, alpha: np.ndarray, alpha0: float, n_a: float, n_b: float) -> tuple[np.ndarray, np.ndarray]:
    """:func:`log_odds_dirichlet` for some terms only, given the totals over all terms."""
    delta = np.log((a + alpha) / (n_a + alpha0 - a - alpha)) - np.log((b + alpha) / (n_b + alpha0 - b - alpha))
    var = 1.0 / (a + alpha) + 1.0 / (b + alpha)
    return delta, delta / np.sqrt(var)


def keyness(
    dtm: DocumentTermMatrix,
    group_a: list[str] | str,
    group_b: list[str] | str | None = None,
    *,
    label: str | None = None,
    prior_scale: float = 1.0,
    min_count: int = 1,
) -> pd.DataFrame:
    """Keyness of the rows ``group_a`` against ``group_b`` (default: all other rows).

    The prior is the whole corpus's term distribution (``α_w = prior_scale ×
    corpus count of w``).  Returns ``group, term, z, log_odds, count_group,
    count_rest`` for terms occurring at least ``min_count`` times in either
    group, sorted by ``z`` (descending) then term.
    """
    a_ids = [group_a] if isinstance(group_a, str) else list(group_a)
    idx = {d: i for i, d in enumerate(dtm.docs)}
    unknown = [g for g in a_ids if g not in idx]
    if unknown:
        raise ValueError(f"keyness: unknown ids {unknown}")
    if group_b is None:
        b_ids = [d for d in dtm.docs if d not in set(a_ids)]
    else:
        b_ids = [group_b] if isinstance(group_b, str) else list(group_b)
        unknown = [g for g in b_ids if g not in idx]
        if unknown:
            raise ValueError(f"keyness: unknown ids {unknown}")
    m = dtm.matrix
    ca = np.asarray(m[[idx[d] for d in a_ids]].sum(axis=0)).ravel()
    cb = np.asarray(m[[idx[d] for d in b_ids]].sum(axis=0)).ravel() if b_ids else np.zeros(m.shape[1])
    prior = prior_scale * np.asarray(m.sum(axis=0)).ravel()
    delta, z = log_odds_dirichlet(ca, cb, prior)
    keep = (ca + cb) >= min_count
    df = pd.DataFrame(
        {
            "group": label or (a_ids[0] if len(a_ids) == 1 else "+".join(a_ids)),
            "term": np.array(dtm.terms, dtype=object)[keep],
            "z": z[keep].round(10),
            "log_odds": delta[keep].round(10),
            "count_group": ca[keep].astype(np.int64),
            "count_rest": cb[keep].astype(np.int64),
        }
    )
    return df.sort_values(["z", "term"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def keyness_arrays(m: sparse.csr_matrix, rows: range, total: np.ndarray, top: int | None = None, prior_scale: float = 1.0) -> dict[str, np.ndarray]:
    """Keyness of each row in ``rows`` of ``m`` against all other rows, as flat arrays.

    ``total`` is the corpus's term totals (so ``m`` may hold more rows than
    ``rows``).  Returns ``row, term`` (indices) and ``z, log_odds,
    count_group, count_rest``, each group's terms ordered by z (descending)
    then term column; ``top`` keeps each group's ``top`` highest-z terms among
    those it uses, else every term of the corpus is listed.
    """
    prior = prior_scale * total
    n_terms = m.shape[1]
    alpha0, grand = prior.sum(), total.sum()
    cols = np.arange(n_terms)
    indptr, indices, data = m.indptr, m.indices, m.data
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("row", "term", "z", "log_odds", "count_group", "count_rest")}
    for i in rows:
        lo, hi = indptr[i], indptr[i + 1]
        if top is None:
            # every term of the corpus is listed
            a = np.zeros(n_terms)
            a[indices[lo:hi]] = data[lo:hi]
            b = total - a
            delta, z = _log_odds(a, b, prior, alpha0, a.sum(), b.sum())
            idx = np.where((a + b) >= 1)[0]
            order = idx[np.lexsort((cols[idx], -z[idx]))]
            a, b, delta, z = a[order], b[order], delta[order], z[order]
        else:
            # only the terms the group uses; their log-odds need the totals
            # over all terms, not the other terms' values
            keep = data[lo:hi] > 0
            idx = indices[lo:hi][keep].astype(np.int64)
            a = data[lo:hi][keep].astype(float)
            n_a = a.sum()
            b = total[idx] - a
            delta, z = _log_odds(a, b, prior[idx], alpha0, n_a, grand - n_a)
            sel = np.lexsort((idx, -z))[:top]
            order, a, b, delta, z = idx[sel], a[sel], b[sel], delta[sel], z[sel]
        parts["row"].append(np.full(len(order), i, dtype=np.int64))
        parts["term"].append(order)
        parts["z"].append(z.round(10))
        parts["log_odds"].append(delta.round(10))
        parts["count_group"].append(a.astype(np.int64))
        parts["count_rest"].append(b.astype(np.int64))
    return {k: (np.concatenate(v) if v else np.zeros(0)) for k, v in parts.items()}


def keyness_each_vs_rest(
    dtm: DocumentTermMatrix, top: int | None = None, prior_scale: float = 1.0, totals: np.ndarray | None = None
) -> pd.DataFrame:
    """:func:`keyness` of every row against all the others, concatenated.

    The corpus totals are computed once (or given as ``totals`` when ``dtm``
    holds only a block of the corpus's rows), so this is one pass over the
    rows; see :func:`keyness_arrays` for ``top``.
    """
    m = dtm.matrix.tocsr()
    total = np.asarray(m.sum(axis=0)).ravel().astype(float) if totals is None else np.asarray(totals, dtype=float)
    k = keyness_arrays(m, range(m.shape[0]), total, top, prior_scale)
    return pd.DataFrame(
        {
            "group": np.array(dtm.docs, dtype=object)[k["row"].astype(np.int64)],
            "term": np.array(dtm.terms, dtype=object)[k["term"].astype(np.int64)],
            "z": k["z"],
            "log_odds": k["log_odds"],
            "count_group": k["count_group"].astype(np.int64),
            "count_rest": k["count_rest"].astype(np.int64),
        }
    )


def keyness_groups(dtm: DocumentTermMatrix, groups: dict[str, str], a: str, b: str | None = None, **options) -> pd.DataFrame:
    """Keyness between two labels of a grouping (``groups``: row id → label).

    ``b=None`` compares ``a`` with every row not labelled ``a`` — e.g.
    ``groups = {unit: place_level}``, ``a="town"``: towns against the rest.
    """
    rows_a = [d for d in dtm.docs if groups.get(d) == a]
    rows_b = None if b is None else [d for d in dtm.docs if groups.get(d) == b]
    if not rows_a or (rows_b is not None and not rows_b):
        raise ValueError(f"keyness_groups: no rows labelled {a!r}" + ("" if rows_b is None or rows_b else f" or {b!r}"))
    return keyness(dtm, rows_a, rows_b, label=a if b is None else f"{a} vs {b}", **options)


def topics(
    tokens: pd.DataFrame, n_topics: int = TOPIC_SETTINGS["n_topics"], n_terms: int = 15, min_df: int = 3
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """NMF topics over paragraphs of a token table; see :func:`topics_from_dtm`."""
    sizes = tokens.groupby("paragraph_id").size()
    paras = tokens[tokens["paragraph_id"].isin(sizes[sizes >= 5].index)]
    dtm = document_term_matrix(paras, by="paragraph_id")
    unit_of = paras.drop_duplicates("paragraph_id").set_index("paragraph_id")["unit_id"]
    return topics_from_dtm(dtm, [unit_of[p] for p in dtm.docs], n_topics=n_topics, n_terms=n_terms, min_df=min_df)


def topics_from_dtm(
    dtm: DocumentTermMatrix,
    paragraph_units: list[str],
    n_topics: int = TOPIC_SETTINGS["n_topics"],
    n_terms: int = 15,
    min_df: int = 3,
    max_fit: int = TOPIC_SETTINGS["max_fit_paragraphs"],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """NMF topics over paragraphs; returns ``(topics, topic_shares)``.

    ``dtm`` rows are paragraphs (at least 5 content tokens), ``paragraph_units``
    their units.  ``topics``: ``topic_id, label, term, weight, rank`` (the
    ``n_terms`` heaviest terms per topic; ``label`` joins the top three).
    ``topic_shares``: ``unit_id, topic_id, share`` — each unit's paragraph
    weights summed per topic and normalised to 1.  The model is fitted on at
    most ``max_fit`` paragraphs (an evenly spaced, deterministic sample for
    large corpora) and applied to all; fixed seed (:data:`TOPIC_SETTINGS`).
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfTransformer

    empty = (
        pd.DataFrame(columns=["topic_id", "label", "term", "weight", "rank"]),
        pd.DataFrame(columns=["unit_id", "topic_id", "share"]),
    )
    if dtm.matrix.shape[0] == 0:
        return empty
    df_counts = np.asarray((dtm.matrix > 0).sum(axis=0)).ravel()
    keep = np.where(df_counts >= min_df)[0]
    matrix = dtm.matrix[:, keep]
    terms = [dtm.terms[i] for i in keep]
    if matrix.shape[0] < 2 or matrix.shape[1] < 2:
        # Too little text for a topic model: empty tables, not an error.
        return empty
    weights = TfidfTransformer(sublinear_tf=True, norm="l2").fit_transform(matrix).tocsr()
    n_topics = max(1, min(n_topics, weights.shape[0] - 1, weights.shape[1] - 1))
    model = NMF(
        n_components=n_topics, init=TOPIC_SETTINGS["init"], random_state=TOPIC_SETTINGS["random_state"], max_iter=TOPIC_SETTINGS["max_iter"]
    )
    if weights.shape[0] > max_fit:
        sample = np.linspace(0, weights.shape[0] - 1, max_fit).round().astype(int)
        model.fit(weights[sample])
        w = model.transform(weights)
    else:
        w = model.fit_transform(weights)
    h = model.components_
    rows = []
    term_arr = np.array(terms, dtype=object)
    for k in range(n_topics):
        order = np.lexsort((term_arr, -h[k]))[:n_terms]
        label = " · ".join(terms[i] for i in order[:3])
        for r, i in enumerate(order, start=1):
            rows.append((k + 1, label, terms[i], round(float(h[k, i]), 10), r))
    topic_table = pd.DataFrame(rows, columns=["topic_id", "label", "term", "weight", "rank"])
    w_df = pd.DataFrame(w, columns=range(1, n_topics + 1))
    w_df["unit_id"] = paragraph_units
    per_unit = w_df.groupby("unit_id").sum()
    per_unit = per_unit.div(per_unit.sum(axis=1).replace(0, 1), axis=0)
    shares = per_unit.stack().rename("share").reset_index()
    shares.columns = ["unit_id", "topic_id", "share"]
    shares["share"] = shares["share"].round(10)
    shares["topic_id"] = shares["topic_id"].astype(int)
    return topic_table, shares.sort_values(["unit_id", "topic_id"], kind="mergesort").reset_index(drop=True)


def dtm_from_terms(terms: pd.DataFrame) -> DocumentTermMatrix:
    """The unit × term matrix back from the ``terms`` table (for keyness of any grouping)."""
    expanded = terms.loc[terms.index.repeat(terms["count"].astype(int)), ["unit_id", "term"]].rename(columns={"term": "token"})
    return document_term_matrix(expanded)


# --------------------------------------------------------------------------
# Keyword in context
# --------------------------------------------------------------------------


def kwic(sentences: pd.DataFrame, term: str, window: int = 15, units=None, limit: int | None = None) -> pd.DataFrame:
    """Every occurrence of ``term`` in the sentences table, with ``window``
    characters of context each side, so a reader can check what a term means
    where it is used.

    ``units``: unit_ids to keep (None: all). Returns one row per occurrence,
    in document order: ``unit_id``, ``sentence_id``, ``left``, ``term``,
    ``right``, ``char_start`` (offset of the term in the document text) and
    ``sentence``; at most ``limit`` rows when given.
    """
    columns = ["unit_id", "sentence_id", "left", "term", "right", "char_start", "sentence"]
    if not term or sentences is None or len(sentences) == 0:
        return pd.DataFrame(columns=columns)
    s = sentences
    if units is not None:
        s = s[s["unit_id"].isin(set(units))]
    s = s[s["text"].str.contains(term, regex=False)]
    rows = []
    for r in s.itertuples():
        start = 0
        while (i := r.text.find(term, start)) >= 0:
            rows.append((r.unit_id, r.sentence_id, r.text[max(0, i - window): i], term, r.text[i + len(term): i + len(term) + window],
                         int(r.char_start) + i, r.text))
            start = i + len(term)
            if limit is not None and len(rows) >= limit:
                return pd.DataFrame(rows, columns=columns)
    return pd.DataFrame(rows, columns=columns)
