"""What each unit puts first: policy domains, ordered priority lists, slogans.

* :func:`code_sentences` assigns each sentence the policy domains of the
  codebook ``data/domains.csv`` whose keywords it contains (several domains
  possible; the matched keywords are kept).
* :func:`domain_profiles` turns that into each unit's domain profile.
* :func:`priorities_table` lists, in order, the priority headings of each
  unit's forward-looking part: the tasks under the section that sets out the
  plan year (Yiwu's ten actions for 2022, Shanxiahu's ten key tasks), a whole
  plan's headings when the document is the plan (Wuxie's four sections and 22
  items), or, for a statement with no headings, its own enumerated paragraphs.
* :func:`slogans_table` counts the slogans of ``data/slogans.csv`` per 10,000
  characters of each unit's text.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

import pandas as pd

from .config import PACKAGE_DATA


@lru_cache(maxsize=1)
def codebook() -> pd.DataFrame:
    """The policy-domain codebook: ``domain, name_zh, name_en, cap_major_topic, keywords`` (a list)."""
    df = pd.read_csv(PACKAGE_DATA / "domains.csv", dtype=str, keep_default_na=False)
    df["keywords"] = df["keywords"].map(lambda s: [k for k in s.split("|") if k])
    empty = df[df["keywords"].map(len) == 0]
    if len(empty):
        raise ValueError(f"domains.csv: domains without keywords: {empty['domain'].tolist()}")
    return df


@lru_cache(maxsize=1)
def _domain_patterns() -> list[tuple[str, re.Pattern]]:
    """Each domain's keywords as one regex, longest first: the reference :func:`domain_hits` is tested against."""
    out = []
    for row in codebook().itertuples():
        words = sorted(set(row.keywords), key=lambda w: (-len(w), w))
        out.append((row.domain, re.compile("|".join(re.escape(w) for w in words))))
    return out


@lru_cache(maxsize=1)
def _keyword_index():
    """An Aho–Corasick automaton over every keyword (value: the keyword), and
    each domain's codebook position for each keyword.

    One pass over a text yields every keyword occurrence, overlapping ones
    included, so the set of keywords present is found without one search per
    domain.
    """
    import ahocorasick

    owners: dict[str, list[int]] = {}
    for pos, row in enumerate(codebook().itertuples()):
        for w in row.keywords:
            owners.setdefault(w, [])
            if pos not in owners[w]:
                owners[w].append(pos)
    automaton = ahocorasick.Automaton()
    for w in sorted(owners):
        automaton.add_word(w, w)
    automaton.make_automaton()
    return automaton, owners, tuple(codebook()["domain"])


def match_domains(text: str) -> dict[str, list[str]]:
    """Domains whose keywords occur in ``text`` → the keywords found (sorted, unique)."""
    automaton, owners, domains = _keyword_index()
    if not text:
        return {}
    present = {w for _, w in automaton.iter(text)}
    if not present:
        return {}
    found: dict[int, list[str]] = {}
    for k in present:
        for d in owners[k]:
            found.setdefault(d, []).append(k)
    return {domains[d]: sorted(found[d]) for d in sorted(found)}


def code_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """``sentence_id, unit_id, domain, matched``: one row per sentence and domain.

    ``matched`` joins the keywords that placed the sentence there with ``|``.
    Headings are coded too (they name a priority's field).  Sentences with no
    keyword have no row.
    """
    rows = []
    for sid, uid, text in zip(sentences["sentence_id"].tolist(), sentences["unit_id"].tolist(), sentences["text"].tolist()):
        for domain, hits in match_domains(text).items():
            rows.append((sid, uid, domain, "|".join(hits)))
    return pd.DataFrame(rows, columns=["sentence_id", "unit_id", "domain", "matched"], dtype=object)


def body_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences domain shares are counted over: every sentence but headings
    (a heading names a section; its words are counted in the sentences under it)."""
    return sentences[~sentences["is_heading"].astype(bool)]


def domain_profiles(sentences: pd.DataFrame, sentence_domains: pd.DataFrame) -> pd.DataFrame:
    """``unit_id, domain, domain_en, share, n_sentences`` for every unit and domain.

    ``n_sentences`` counts the unit's non-heading sentences coded with the
    domain; ``share`` divides it by the unit's non-heading sentences (a
    sentence may count for several domains, so shares need not sum to 1).
    Domains a unit never mentions are rows with 0, so profiles compare.
    """
    body = body_sentences(sentences)
    totals = body.groupby("unit_id").size()
    coded = sentence_domains[sentence_domains["sentence_id"].isin(set(body["sentence_id"]))]
    counts = coded.groupby(["unit_id", "domain"]).size().to_dict()
    book = list(zip(codebook()["domain"], codebook()["name_en"]))
    rows = []
    for unit, total in sorted(totals.to_dict().items()):
        for domain, name_en in book:
            n = int(counts.get((unit, domain), 0))
            rows.append((unit, domain, name_en, round(n / total, 10), n))
    return pd.DataFrame(rows, columns=["unit_id", "domain", "domain_en", "share", "n_sentences"])


def domain_of_text(heading: str, body: str) -> str:
    """The domain with the most keyword hits in ``heading`` (counted double) and ``body``.

    Hits of a domain are counted as a regex alternation of its keywords
    (longest first) finds them: left to right, without overlaps.  Ties go to
    the codebook's order; empty when nothing matches.
    """
    _, _, domains = _keyword_index()
    h, b = domain_hits(heading), domain_hits(body)
    best, best_score = "", 0
    for d, domain in enumerate(domains):
        score = 2 * h[d] + b[d]
        if score > best_score:
            best, best_score = domain, score
    return best


def domain_hits(text: str) -> list[int]:
    """Per codebook domain (in order), the non-overlapping keyword hits in ``text``.

    One Aho–Corasick pass gives every occurrence; for each domain, the
    occurrences are taken left to right, the longest at each position, each
    starting after the previous one ends (what ``re.findall`` of the domain's
    keywords, longest first, counts).
    """
    automaton, owners, domains = _keyword_index()
    counts = [0] * len(domains)
    if not text:
        return counts
    found = sorted((end - len(w) + 1, -len(w), w) for end, w in automaton.iter(text))
    free_from = [0] * len(domains)
    for start, neg_len, w in found:
        for d in owners[w]:
            if start >= free_from[d]:
                counts[d] += 1
                free_from[d] = start - neg_len
    return counts


# --------------------------------------------------------------------------
# Priorities
# --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _priority_cues() -> list[tuple[re.Pattern, str]]:
    with open(PACKAGE_DATA / "priority_cues.csv", encoding="utf-8") as f:
        return [(re.compile(r["pattern"]), r["role"]) for r in csv.DictReader(f)]


def _role(text: str) -> str:
    for pattern, role in _priority_cues():
        if pattern.search(text):
            return role
    return ""


def _plan_container(secs: list[dict], text: str, report_year: int | None) -> dict:
    """The section whose tasks are the unit's priorities for the plan year.

    ``secs`` are one unit's sections (dicts, in text order).  A plan-part
    section whose heading, or whose own text before its first subsection,
    names the plan year (``2022年``, ``今年``) and which has subsections; the
    deepest such section wins.  Otherwise the unit's root.
    """
    root = next(s for s in secs if s["level"] == 0)
    year_words = ["今年", "本年"] + ([f"{report_year}年"] if report_year else [])
    first_child: dict[str, int] = {}
    for s in secs:
        p = s["parent_section_id"]
        if p and (p not in first_child or s["char_start"] < first_child[p]):
            first_child[p] = s["char_start"]
    best = None
    for s in secs:
        if s["level"] > 0 and s["part"] == "plan" and s["section_id"] in first_child:
            intro = text[s["char_start"] : first_child[s["section_id"]]]
            if any(w in intro for w in year_words) and (best is None or s["level"] >= best["level"]):
                best = s
    return best or root


def _descendants(secs: list[dict], section_id: str) -> list[dict]:
    ids = {section_id}
    out = []
    for s in sorted(secs, key=lambda s: s["char_start"]):
        if s["parent_section_id"] in ids:
            ids.add(s["section_id"])
            out.append(s)
    return out


def _first_sentence(paragraph: str, limit: int = 40) -> str:
    m = re.search(r"[。！？；]", paragraph)
    sentence = paragraph[: m.start()] if m else paragraph
    if len(sentence) > limit:
        clause = re.split(r"[，：]", sentence)[0]
        sentence = clause if len(clause) <= limit else sentence[:limit] + "…"
    return sentence


def _enumerated_paragraphs(unit: dict, root: dict, text: str) -> list[tuple[str, int, int]]:
    """A statement's own enumeration: its body paragraphs minus intro and closing ones."""
    start = int(root["heading_char_end"]) if root["heading"] else int(unit["char_start"])
    paras = []
    pos = start
    for para in text[start : int(unit["char_end"])].split("\n"):
        if para.strip():
            paras.append((para, pos, pos + len(para)))
        pos += len(para) + 1
    if len(paras) < 3:
        return []
    body = paras[1:]  # the first paragraph introduces the statement
    return [(p, s, e) for p, s, e in body if _role(p.strip()) == ""]


def priorities_table(documents: pd.DataFrame, units: pd.DataFrame, sections: pd.DataFrame) -> pd.DataFrame:
    """``unit_id, order, level, heading, domain, section_id, char_start, char_end``.

    The ordered priority headings of each unit's forward-looking part (see
    the module docstring).  ``level`` is 1 for the items directly under the
    plan's container, 2 for the items under those, and so on; ``domain`` is
    :func:`domain_of_text` of the heading and its section text.
    """
    texts = dict(zip(documents["doc_id"], documents["text"]))
    years = {d: (None if pd.isna(y) else int(y)) for d, y in zip(documents["doc_id"], documents["report_year"])}
    by_unit: dict[str, list[dict]] = {}
    for s in sections[["section_id", "unit_id", "parent_section_id", "level", "heading", "part", "char_start", "char_end", "heading_char_end"]].to_dict("records"):
        s["parent_section_id"] = s["parent_section_id"] if isinstance(s["parent_section_id"], str) else ""
        s["heading"] = s["heading"] if isinstance(s["heading"], str) else ""
        by_unit.setdefault(s["unit_id"], []).append(s)
    rows = []
    for unit in units[["unit_id", "doc_id", "char_start", "char_end"]].to_dict("records"):
        text = texts[unit["doc_id"]]
        secs = by_unit.get(unit["unit_id"], [])
        if not secs:
            continue
        root = next(s for s in secs if s["level"] == 0)
        container = _plan_container(secs, text, years.get(unit["doc_id"]))
        items = [s for s in _descendants(secs, container["section_id"]) if s["part"] == "plan"]
        order = 0
        if items:
            base = min(s["level"] for s in items)
            for sec in items:
                order += 1
                body = text[sec["char_start"] : sec["char_end"]]
                rows.append((unit["unit_id"], order, int(sec["level"] - base + 1), sec["heading"], domain_of_text(sec["heading"], body), sec["section_id"], sec["char_start"], sec["char_end"]))
        else:
            for para, s, e in _enumerated_paragraphs(unit, root, text):
                order += 1
                heading = _first_sentence(para)
                rows.append((unit["unit_id"], order, 1, heading, domain_of_text(heading, para), root["section_id"], s, e))
    return pd.DataFrame(rows, columns=["unit_id", "order", "level", "heading", "domain", "section_id", "char_start", "char_end"])


# --------------------------------------------------------------------------
# Slogans
# --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def slogan_list() -> pd.DataFrame:
    """``data/slogans.csv``: ``slogan, name_en, pattern, note``."""
    df = pd.read_csv(PACKAGE_DATA / "slogans.csv", dtype=str, keep_default_na=False)
    for row in df.itertuples():
        try:
            re.compile(row.pattern)
        except re.error as e:
            raise ValueError(f"slogans.csv: bad pattern for {row.slogan!r}: {e}") from e
    return df


@lru_cache(maxsize=1)
def _slogan_patterns() -> list[tuple[str, str, re.Pattern]]:
    return [(r.slogan, r.name_en, re.compile(r.pattern)) for r in slogan_list().itertuples()]


def slogans_table(documents: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """``unit_id, slogan, name_en, count, per_10k_chars`` for every unit and slogan.

    ``per_10k_chars`` = mentions per 10,000 characters of the unit's cleaned
    text, so units of different length compare.
    """
    texts = dict(zip(documents["doc_id"], documents["text"]))
    rows = []
    for unit_id, doc_id, start, end in zip(units["unit_id"], units["doc_id"], units["char_start"], units["char_end"]):
        text = texts[doc_id][start:end]
        n = max(1, len(text))
        for slogan, name_en, pattern in _slogan_patterns():
            count = len(pattern.findall(text))
            rows.append((unit_id, slogan, name_en, count, round(count * 10000 / n, 10)))
    return pd.DataFrame(rows, columns=["unit_id", "slogan", "name_en", "count", "per_10k_chars"])


def domain_agreement(sample: pd.DataFrame, sentence_domains: pd.DataFrame) -> pd.DataFrame:
    """Agreement of the keyword coder with hand-coded sentences.

    ``sample``: ``sentence_id, domains`` (``|``-separated, empty for none).
    Returns one row per domain and a final ``all`` row (micro-averaged):
    ``domain, n_human, n_coder, n_both, precision, recall, f1, kappa`` —
    Cohen's kappa treats each domain as a yes/no decision per sentence.
    """
    ids = sample["sentence_id"].tolist()
    human = {r.sentence_id: set(filter(None, str(r.domains).split("|"))) for r in sample.itertuples()}
    coder: dict[str, set[str]] = {i: set() for i in ids}
    for r in sentence_domains[sentence_domains["sentence_id"].isin(set(ids))].itertuples():
        coder[r.sentence_id].add(r.domain)
    rows = []
    tot = [0, 0, 0, 0]  # tp, fp, fn, tn
    for d in codebook()["domain"]:
        tp = sum(1 for i in ids if d in human[i] and d in coder[i])
        fp = sum(1 for i in ids if d not in human[i] and d in coder[i])
        fn = sum(1 for i in ids if d in human[i] and d not in coder[i])
        tn = len(ids) - tp - fp - fn
        tot = [a + b for a, b in zip(tot, (tp, fp, fn, tn))]
        rows.append((d, *_scores(tp, fp, fn, tn)))
    rows.append(("all", *_scores(*tot)))
    return pd.DataFrame(rows, columns=["domain", "n_human", "n_coder", "n_both", "precision", "recall", "f1", "kappa"])


def _scores(tp: int, fp: int, fn: int, tn: int) -> tuple:
    n = tp + fp + fn + tn
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    po = (tp + tn) / n if n else float("nan")
    pe = (((tp + fp) * (tp + fn)) + ((fn + tn) * (fp + tn))) / (n * n) if n else float("nan")
    kappa = (po - pe) / (1 - pe) if n and pe != 1 else float("nan")
    return tp + fn, tp + fp, tp, precision, recall, f1, kappa
