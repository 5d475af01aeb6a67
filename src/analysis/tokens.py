"""Tokenising: jieba's algorithm behind one function, with the package's policy dictionary.

:func:`tokenize` is the only place the project segments Chinese.  The engine
is rjieba (the jieba-rs binding), about 15 times faster than Python jieba and
token-for-token identical to it with the HMM for unknown words switched off —
which is how the project segments (a test compares the two on the whole
corpus; Python jieba stays the reference, ``engine="jieba"``).  Unknown
words that HMM would glue together come out as single characters, which the
theme tables drop anyway.  Each engine is a private instance (never jieba's
global one, so nothing another library loads can change our segmentation)
with ``data/userdict.txt`` added word by word, and
filters tokens with stopword lists a researcher can switch separately:
``general`` (function words), ``boilerplate`` (government formulae) and
``places`` (the corpus's place names, trivially distinctive of their own unit).
Numbers, masks, punctuation and single characters stay out unless asked for.

jieba's dictionary pitfalls, handled here: the user dictionary is read by us
(UTF-8, BOM stripped, ``\\r`` dropped, blank lines skipped) and fed through
``add_word`` after the main dictionary is initialised, so a stray line ending
cannot glue a frequency to a word and loading order cannot drop entries;
parallel mode (``enable_parallel``) is never used because it replaces the
global tokenizer and ignores our instance.
"""

from __future__ import annotations

import hashlib
import logging
import re
from functools import lru_cache

import numpy as np
import pandas as pd

from .config import PACKAGE_DATA

USERDICT = PACKAGE_DATA / "userdict.txt"
STOPWORD_FILES = {
    "general": PACKAGE_DATA / "stopwords_general.txt",
    "boilerplate": PACKAGE_DATA / "stopwords_boilerplate.txt",
    "places": PACKAGE_DATA / "stopwords_places.txt",
}
#: Theme tables drop function words, boilerplate and the corpus's place names.
DEFAULT_STOPLISTS = ("general", "boilerplate", "places")

_HAS_WORD = re.compile(r"[\u3400-\u9fffA-Za-z]")
# Figures, masks, identifiers with digits (G60, 5G) and numeral + classifier
# tokens (五个, 一件, 二期, 万头) are not themes.
_NUMBER_OR_MASK = re.compile(
    r"^(?:.*\d.*|[X*＊]+|X+[^\u4e00-\u9fff]*"
    r"|[一二三四五六七八九十百千万亿零〇两几半]+[个件支期代项家名条座只大步头次批类年届位种级张场所户人亩高优]?)$"
)


def read_userdict() -> list[tuple[str, int | None, str | None]]:
    """Entries of ``data/userdict.txt`` as ``(word, freq, tag)``."""
    entries = []
    text = USERDICT.read_text(encoding="utf-8-sig").replace("\r", "")
    for line in text.split("\n"):
        parts = line.strip().split()
        if not parts:
            continue
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        entries.append((word, freq, tag))
    return entries


@lru_cache(maxsize=1)
def userdict_words() -> frozenset[str]:
    """The words of ``data/userdict.txt``."""
    return frozenset(w for w, _, _ in read_userdict())


@lru_cache(maxsize=1)
def tokenizer():
    """The reference Python jieba tokenizer with the user dictionary (cached)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for word, freq, tag in read_userdict():
        tk.add_word(word, freq, tag)
    return tk


@lru_cache(maxsize=1)
def fast_tokenizer():
    """The rjieba engine with the user dictionary (cached; no load_userdict in rjieba)."""
    import rjieba

    tk = rjieba.Jieba()
    for word, freq, tag in read_userdict():
        tk.add_word(word, freq, tag)
    return tk


#: HMM off: rjieba and jieba agree token for token only then.
HMM = False


@lru_cache(maxsize=None)
def stopwords(lists: tuple[str, ...] = DEFAULT_STOPLISTS) -> frozenset[str]:
    """The union of the named stopword lists (``general``, ``boilerplate``)."""
    words: set[str] = set()
    for name in lists:
        if name not in STOPWORD_FILES:
            raise ValueError(f"unknown stopword list {name!r}; known: {sorted(STOPWORD_FILES)}")
        for line in STOPWORD_FILES[name].read_text(encoding="utf-8-sig").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                words.add(line)
    return frozenset(words)


def segment(text: str, *, engine: str = "rjieba") -> list[str]:
    """All tokens of ``text`` (no filtering); ``engine`` ``rjieba`` or the reference ``jieba``."""
    if engine == "jieba":
        return tokenizer().lcut(text, HMM=HMM)
    if engine != "rjieba":
        raise ValueError(f"unknown engine {engine!r}; use 'rjieba' or 'jieba'")
    return fast_tokenizer().cut(text, HMM)


def tokenize(
    text: str,
    *,
    stoplists: tuple[str, ...] = DEFAULT_STOPLISTS,
    keep_numbers: bool = False,
    keep_single: bool = False,
    engine: str = "rjieba",
) -> list[str]:
    """Content tokens of ``text``: jieba with the policy dictionary, then filters.

    Drops punctuation and whitespace, numbers and masks (``8%``, ``XX``,
    ``二十``) unless ``keep_numbers``, single characters unless
    ``keep_single``, and the words of ``stoplists`` (any of ``general``,
    ``boilerplate``, ``places``; pass ``()`` to keep them all).
    """
    keep = _decisions(tuple(stoplists), keep_numbers, keep_single)
    out = []
    for tok in segment(text, engine=engine):
        kept = keep.get(tok)
        if kept is None:
            kept = keep[tok] = _decide(tok, stopwords(tuple(stoplists)), keep_numbers, keep_single)
        if kept:
            out.append(kept)
    return out


@lru_cache(maxsize=None)
def _decisions(stoplists: tuple[str, ...], keep_numbers: bool, keep_single: bool) -> dict[str, str]:
    """Token → what :func:`tokenize` keeps of it ("" when dropped), filled as tokens are met.

    A corpus has far fewer distinct tokens than tokens, so each is judged once
    per filter setting.
    """
    return {}


def _decide(tok: str, stops: frozenset[str], keep_numbers: bool, keep_single: bool) -> str:
    """The stripped token if :func:`tokenize` keeps it with these filters, else ""."""
    tok = tok.strip()
    if not tok:
        return ""
    # A dictionary term (三农, 八八战略, 双十一) is never mistaken for a number.
    if tok not in userdict_words() and _NUMBER_OR_MASK.match(tok) is not None:
        return tok if keep_numbers else ""
    if not _HAS_WORD.search(tok):
        return ""
    if len(tok) == 1 and not keep_single:
        return ""
    if tok in stops:
        return ""
    return tok


def settings_fingerprint(stoplists: tuple[str, ...] = DEFAULT_STOPLISTS) -> dict[str, str]:
    """What a token table depends on: jieba version and hashes of the word lists."""
    import jieba

    def digest(path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]

    fp = {"tokenizer": f"rjieba (jieba-rs), HMM off; reference jieba {jieba.__version__}", "userdict_sha256": digest(USERDICT)}
    for name in stoplists:
        fp[f"stopwords_{name}_sha256"] = digest(STOPWORD_FILES[name])
    return fp


def tokens_table(sentences: pd.DataFrame, **options) -> pd.DataFrame:
    """One row per content token of each non-heading sentence.

    Columns ``doc_id, unit_id, sentence_id, paragraph_id, token``, in text
    order; ``options`` go to :func:`tokenize`.
    """
    rows = []
    body = sentences[~sentences["is_heading"].astype(bool)] if "is_heading" in sentences else sentences
    cols = [body[c].tolist() for c in ("doc_id", "unit_id", "sentence_id", "paragraph_id", "text")]
    for doc_id, unit_id, sentence_id, paragraph_id, text in zip(*cols):
        for tok in tokenize(text, **options):
            rows.append((doc_id, unit_id, sentence_id, paragraph_id, tok))
    return pd.DataFrame(rows, columns=["doc_id", "unit_id", "sentence_id", "paragraph_id", "token"])


def term_counts(sentences: pd.DataFrame, min_paragraph_tokens: int = 5, **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Content-token counts of the non-heading sentences, without a token table.

    Returns ``unit_terms`` (``unit_id, term, count``, sorted by unit and term)
    and ``paragraph_terms`` (``paragraph_id, unit_id, term, count``, sorted,
    for paragraphs with at least ``min_paragraph_tokens`` content tokens: the
    topic model's documents).  The same counts as grouping
    :func:`tokens_table`; ``options`` go to :func:`tokenize`.
    """
    from collections import Counter

    body = sentences[~sentences["is_heading"].astype(bool)] if "is_heading" in sentences else sentences
    by_paragraph: dict[tuple[str, str], Counter] = {}
    for unit_id, paragraph_id, text in zip(body["unit_id"].tolist(), body["paragraph_id"].tolist(), body["text"].tolist()):
        counts = by_paragraph.get((paragraph_id, unit_id))
        if counts is None:
            counts = by_paragraph[(paragraph_id, unit_id)] = Counter()
        counts.update(tokenize(text, **options))
    by_unit: dict[str, Counter] = {}
    sizes: Counter = Counter()  # a paragraph's content tokens, across units
    for (p, u), counts in by_paragraph.items():
        by_unit.setdefault(u, Counter()).update(counts)
        sizes[p] += counts.total()
    cols: dict[str, list] = {"unit_id": [], "term": [], "count": []}
    for u in sorted(by_unit):
        items = sorted(by_unit[u].items())
        cols["unit_id"].extend([u] * len(items))
        cols["term"].extend(t for t, _ in items)
        cols["count"].extend(n for _, n in items)
    pcols: dict[str, list] = {"paragraph_id": [], "unit_id": [], "term": [], "count": []}
    for p, u in sorted(by_paragraph):
        if sizes[p] < min_paragraph_tokens:
            continue
        items = sorted(by_paragraph[(p, u)].items())
        pcols["paragraph_id"].extend([p] * len(items))
        pcols["unit_id"].extend([u] * len(items))
        pcols["term"].extend(t for t, _ in items)
        pcols["count"].extend(n for _, n in items)
    unit_terms = pd.DataFrame({k: (np.array(v, dtype=np.int64) if k == "count" else v) for k, v in cols.items()})
    paragraph_terms = pd.DataFrame({k: (np.array(v, dtype=np.int64) if k == "count" else v) for k, v in pcols.items()})
    return unit_terms, paragraph_terms
