"""The data dictionary: every column of every processed table, described once.

Each table is checked against its schema before it is written
(:func:`validate`), and the README's column tables are generated from here
(:func:`markdown_dictionary`; a test keeps the README in step).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # "string", "int", "float", "bool"
    description: str
    nullable: bool = False
    allowed: tuple[str, ...] | None = None


PARTS = ("review", "plan", "other")

TABLES: dict[str, dict] = {
    "documents": {
        "description": "One row per document: the manifest's metadata, what reading and cleaning found, and the cleaned text every offset points into.",
        "key": ["doc_id"],
        "columns": [
            Column("doc_id", "string", "Document id from the manifest."),
            Column("file", "string", "File name in `data/raw/`."),
            Column("title", "string", "Title (from the manifest).", nullable=True),
            Column("place", "string", "Place the document speaks for (Chinese name)."),
            Column("place_level", "string", "Administrative level of the place: `county_city`, `town`, …"),
            Column("parent_place", "string", "The place one level up (`诸暨市` for a Zhuji town).", nullable=True),
            Column("report_year", "int", "Year the document was delivered or its plan starts (required in the manifest; empty only for a file read without one and without a year in its text).", nullable=True),
            Column("period_covered", "string", "Years the document covers: `2022` or `2017-2026`.", nullable=True),
            Column("doc_type", "string", "`government_work_report`, `work_plan`, `statements`, `five_year_plan_proposals`, …"),
            Column("date", "string", "Date delivered (YYYY-MM-DD), when known.", nullable=True),
            Column("is_masked", "bool", "Names or figures in the text are masked (`*`, `X`)."),
            Column("sha256", "string", "SHA-256 of the raw file as listed in the manifest.", nullable=True),
            Column("source_file", "string", "Original file name the raw file was copied from.", nullable=True),
            Column("source_url", "string", "Address the raw file was downloaded from (`analysis add URL`).", nullable=True),
            Column("retrieved", "string", "Date the raw file was added or downloaded (YYYY-MM-DD).", nullable=True),
            Column("notes", "string", "Free notes from the manifest.", nullable=True),
            Column("encoding", "string", "Encoding the raw bytes were decoded from (`utf-8`, `utf-8-sig`, `gb18030`, `big5`, `utf-16`); empty for PDF and Word files, which store Unicode.", nullable=True),
            Column("source_format", "string", "Format of the raw file, read from its bytes: `txt`, `html`, `pdf`, `docx` or `doc`.", allowed=("txt", "html", "pdf", "docx", "doc")),
            Column("converter", "string", "What turned the raw file into text, with its version (`analysis.raw` for plain text, `trafilatura 2.3.1`, `pdfplumber 0.11.10`, `python-docx 1.2.0`, `libreoffice … + python-docx …`, `+ tesseract … (OCR: pages …)`)."),
            Column("layout", "string", "Line layout found by cleaning: `lines` (one paragraph per line or block) or `hard_wrapped` (PDF text).", allowed=("lines", "hard_wrapped")),
            Column("n_t2s_changes", "int", "Characters changed by traditional→simplified conversion (0 for a simplified source)."),
            Column("site_metadata", "string", "What the file says about itself, as `field=value` pairs joined by `; `: a publishing website's header table (`index_no`, `date_published`, …), a web page's `page_title` and the `page_date` it states, a PDF's `pdf_title`, a Word file's `docx_title`.", nullable=True),
            Column("n_chars_raw", "int", "Characters of the decoded raw text."),
            Column("n_chars", "int", "Characters of the cleaned text."),
            Column("n_units", "int", "Units found in the document."),
            Column("n_sentences", "int", "Sentences found in the document."),
            Column("text", "string", "The cleaned text (paragraphs separated by `\\n`); every `char_start`/`char_end` of the other tables points into it."),
        ],
    },
    "units": {
        "description": "One row per speaking unit: a whole report, or one statement of a document that collects several.",
        "key": ["unit_id"],
        "columns": [
            Column("unit_id", "string", "`<doc_id>-u<n>`."),
            Column("doc_id", "string", "Document the unit is in."),
            Column("unit_name", "string", "Name of the unit as written (`市场监管局`, `*镇` when masked)."),
            Column("unit_label", "string", "Name made unique within the document (`*镇 (1)`, `*镇 (2)`)."),
            Column("unit_level", "string", "Level: `town`, `subdistrict`, `department`, `development_zone`, `county_city`, …"),
            Column("place", "string", "Place the unit governs (its own name for towns and subdistricts, else the document's place)."),
            Column("parent_place", "string", "Place one level up.", nullable=True),
            Column("headline", "string", "Headline or title the unit's text stands under (empty when none).", nullable=True),
            Column("char_start", "int", "Start of the unit in the document text."),
            Column("char_end", "int", "End (exclusive) of the unit in the document text."),
        ],
    },
    "sections": {
        "description": "The heading hierarchy of each unit. Level 0 is the unit's root (its headline, or empty); deeper levels follow the markers the document uses.",
        "key": ["section_id"],
        "columns": [
            Column("section_id", "string", "`<doc_id>-sec<nnn>`."),
            Column("doc_id", "string", "Document."),
            Column("unit_id", "string", "Unit the section belongs to."),
            Column("parent_section_id", "string", "Enclosing section (empty for a root).", nullable=True),
            Column("level", "int", "0 for the unit root; 1 for the outermost heading type the document uses, 2 for the next, …"),
            Column("marker_type", "string", "Heading marker: `root`, `headline` (bare line), `cn_num` (一、), `cn_paren` (（一）), `arabic` (1、 or 1.), `arabic_paren` (（1）), `enum` (一是/一要), `circled` (①).", allowed=("root", "headline", "cn_num", "cn_paren", "arabic", "arabic_paren", "enum", "circled")),
            Column("marker", "string", "The marker as written (`（一）`).", nullable=True),
            Column("number", "int", "The marker's number (一 → 1), when it has one.", nullable=True),
            Column("heading", "string", "Heading words without the marker and final punctuation.", nullable=True),
            Column("part", "string", "Part of the report: `review` (past years), `plan` (years ahead) or `other` (front matter).", allowed=PARTS),
            Column("char_start", "int", "Start of the section (its heading) in the document text."),
            Column("char_end", "int", "End (exclusive) of the section in the document text."),
            Column("heading_char_end", "int", "End (exclusive) of the heading in the document text."),
        ],
    },
    "sentences": {
        "description": "One row per sentence, split at `。！？；` and paragraph ends; headings are sentences of their own. `text == documents.text[char_start:char_end]`.",
        "key": ["sentence_id"],
        "columns": [
            Column("sentence_id", "string", "`<doc_id>-s<nnnn>`, in document order."),
            Column("doc_id", "string", "Document."),
            Column("unit_id", "string", "Unit."),
            Column("section_id", "string", "Innermost section holding the sentence."),
            Column("paragraph_id", "string", "`<doc_id>-p<nnn>`: the cleaned paragraph (line) the sentence is in."),
            Column("text", "string", "Sentence text (cleaned)."),
            Column("char_start", "int", "Start in the document text."),
            Column("char_end", "int", "End (exclusive) in the document text."),
            Column("is_heading", "bool", "The sentence is a section heading."),
            Column("part", "string", "Part of the report (from the section).", allowed=PARTS),
            Column("raw_line_start", "int", "First line of the raw file the paragraph came from (1-based)."),
            Column("raw_line_end", "int", "Last line of the raw file the paragraph came from."),
        ],
    },
    "targets": {
        "description": "One row per quantitative figure (goal or achieved result) with its way back to the sentence: `documents.text[char_start:char_end] == figure_text`. Masked figures are rows with `is_redacted` and no value; relative goals are rows with `comparator == 'relative'` and a `reference`.",
        "key": ["target_id"],
        "columns": [
            Column("target_id", "string", "`<sentence_id>-t<k>`."),
            Column("doc_id", "string", "Document."),
            Column("unit_id", "string", "Unit."),
            Column("section_id", "string", "Section."),
            Column("sentence_id", "string", "Sentence the figure is in."),
            Column("indicator_raw", "string", "The indicator as written (simplified script).", nullable=True),
            Column("indicator", "string", "Canonical indicator id from `indicators.csv` (empty when unknown).", nullable=True),
            Column("indicator_zh", "string", "Chinese name of the indicator (`name_zh` in `indicators.csv`; empty when unknown).", nullable=True),
            Column("indicator_en", "string", "English name of the indicator.", nullable=True),
            Column("value", "float", "The number as written (`8` for 8%, `1.5` for 1.5万亿元); empty when masked or relative.", nullable=True),
            Column("value_high", "float", "Upper end of a range (`6%至6.5%`).", nullable=True),
            Column("unit", "string", "Unit as written with its magnitude: `%`, `个百分点`, `亿元`, `万人`, `‰`, `倍`, `fraction`; empty for a bare number.", nullable=True),
            Column("value_base", "float", "Value in the base unit (`1.5万亿元` → 1.5e12).", nullable=True),
            Column("unit_base", "string", "Base unit (`元`, `人`, `%`).", nullable=True),
            Column("comparator", "string", "`>=` (以上, 不低于), `>` (突破, 超过), `~` (左右, 约), `<=` (以内, 不超过), `<`, `=` (达到, plain), `relative` (no value, compared with `reference`). A range (`value_high` set) takes the comparator written for the whole range (`5%-6%以上` → `>=`, plain → `=`); `range` is no longer written.", allowed=(">=", ">", "~", "<=", "<", "=", "range", "relative")),
            Column("reference", "string", "What a relative goal is compared with (`全省平均`, `经济增长`).", nullable=True),
            Column("measure", "string", "`growth`, `decline`, `level`, `share` or `count`.", nullable=True, allowed=("growth", "decline", "level", "share", "count", "")),
            Column("kind", "string", "`target` (a goal) or `achieved` (a result reported as reached, including estimates).", allowed=("target", "achieved")),
            Column("horizon", "string", "Year the figure is for (`2022`) or a span (`2022-2026`, `2021-2025` for 十四五).", nullable=True),
            Column("kind_cue", "string", "What decided `kind`: where the cue was (`sentence`, `part`, `paragraph`, `framing`, `heading`, `document`) and its words (`sentence: 力争`, `part: review`, `no goal cue`).", nullable=True),
            Column("horizon_cue", "string", "What decided `horizon`: where the time cue was and its words (`sentence: 2022年`, `paragraph: 过去五年`, `default: the year before the report`; `base year 2016` for 比2016年增长).", nullable=True),
            Column("firmness", "string", "How binding a goal is: `hard` (确保, 不低于, 以上, 以内), `soft` (左右, 力争, 争取, 预期); empty for results and goals with no such word.", nullable=True, allowed=("hard", "soft", "")),
            Column("is_annual_average", "bool", "A 年均 (or 每年) figure."),
            Column("is_redacted", "bool", "The figure is masked (`X%`, `XX亿元`)."),
            Column("figure_text", "string", "The figure as written in the sentence."),
            Column("sentence", "string", "The sentence's text."),
            Column("char_start", "int", "Start of `figure_text` in the document text."),
            Column("char_end", "int", "End (exclusive) of `figure_text` in the document text."),
            Column("note", "string", "Why a row is odd: `unit_slip` (kept as written), `start_level` (the A of 由A到B), `table` (a cell of a plan table, see `analysis.tables`), `unparsed` …", nullable=True),
        ],
    },
    "terms": {
        "description": "How often each content term occurs in each unit (tokens from `analysis.tokens.tokenize`: jieba with the policy dictionary, stopword lists `general`, `boilerplate`, `places`; numbers, masks and single characters left out). Settings in `themes_settings.json`.",
        "key": ["unit_id", "term"],
        "columns": [
            Column("unit_id", "string", "Unit."),
            Column("term", "string", "Token."),
            Column("count", "int", "Occurrences in the unit's non-heading sentences."),
            Column("n_docs", "int", "Number of units the term occurs in."),
        ],
    },
    "tfidf": {
        "description": "TF-IDF weight of every term in every unit (scikit-learn on pre-tokenised units; sublinear tf, smoothed idf, l2 norm; settings in `themes_settings.json`).",
        "key": ["unit_id", "term"],
        "columns": [
            Column("unit_id", "string", "Unit."),
            Column("term", "string", "Token."),
            Column("tfidf", "float", "TF-IDF weight."),
            Column("rank", "int", "1 for the unit's heaviest term (ties broken by term)."),
        ],
    },
    "similarity": {
        "description": "Cosine similarity between units' TF-IDF vectors, every ordered pair (diagonal included).",
        "key": ["unit_a", "unit_b"],
        "columns": [
            Column("unit_a", "string", "Unit."),
            Column("unit_b", "string", "Unit."),
            Column("cosine", "float", "Cosine similarity, 0 to 1."),
        ],
    },
    "keyness": {
        "description": "Keyness of each unit against all the others: weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), the prior being the corpus's term counts. `analysis.themes.keyness_groups` gives the same for any grouping.",
        "key": ["group", "term"],
        "columns": [
            Column("group", "string", "The unit (or group label) compared with the rest."),
            Column("term", "string", "Token."),
            Column("z", "float", "z-score of the log-odds ratio; large positive = distinctive of the group."),
            Column("log_odds", "float", "Log-odds ratio δ (group vs rest)."),
            Column("count_group", "int", "Occurrences in the group."),
            Column("count_rest", "int", "Occurrences in the rest."),
        ],
    },
    "topics": {
        "description": "NMF topics over paragraphs (TF-IDF weighted, fixed seed; settings in `themes_settings.json`): the heaviest terms of each topic.",
        "key": ["topic_id", "term"],
        "columns": [
            Column("topic_id", "int", "Topic number, 1…k."),
            Column("label", "string", "The topic's three heaviest terms, joined by ` · `."),
            Column("term", "string", "Token."),
            Column("weight", "float", "The term's weight in the topic (NMF component)."),
            Column("rank", "int", "1 for the topic's heaviest term."),
        ],
    },
    "topic_shares": {
        "description": "Each unit's paragraph topic weights summed per topic and normalised to 1.",
        "key": ["unit_id", "topic_id"],
        "columns": [
            Column("unit_id", "string", "Unit."),
            Column("topic_id", "int", "Topic."),
            Column("share", "float", "Share of the unit's topic weight, 0 to 1 (sums to 1 per unit)."),
        ],
    },
    "sentence_domains": {
        "description": "The policy domains of each sentence: a row per sentence and domain whose keywords (codebook `data/domains.csv`) it contains; a sentence may have several domains or none.",
        "key": ["sentence_id", "domain"],
        "columns": [
            Column("sentence_id", "string", "Sentence."),
            Column("unit_id", "string", "Unit."),
            Column("domain", "string", "Domain id from the codebook."),
            Column("matched", "string", "The keywords that placed the sentence in the domain, joined by `|`."),
        ],
    },
    "domains": {
        "description": "Each unit's policy-domain profile: the share of its (non-heading) sentences coded with each domain.",
        "key": ["unit_id", "domain"],
        "columns": [
            Column("unit_id", "string", "Unit."),
            Column("domain", "string", "Domain id."),
            Column("domain_en", "string", "English name of the domain."),
            Column("share", "float", "Sentences coded with the domain / the unit's sentences (a sentence can count for several domains)."),
            Column("n_sentences", "int", "Sentences coded with the domain."),
        ],
    },
    "priorities": {
        "description": "The ordered priority headings of each unit's forward-looking part: the tasks under the section that sets out the plan year, the whole plan's headings when the document is a plan, or a statement's own enumerated paragraphs.",
        "key": ["unit_id", "order"],
        "columns": [
            Column("unit_id", "string", "Unit."),
            Column("order", "int", "Position in the unit's list, from 1."),
            Column("level", "int", "1 for top items, 2 for items under them."),
            Column("heading", "string", "The priority's heading (or the first sentence of an enumerated paragraph)."),
            Column("domain", "string", "Domain with the most keyword hits in the heading (counted double) and its text; empty when none.", nullable=True),
            Column("section_id", "string", "Section of the heading (the unit root for enumerated paragraphs)."),
            Column("char_start", "int", "Start of the priority's text in the document."),
            Column("char_end", "int", "End (exclusive) of the priority's text."),
        ],
    },
    "slogans": {
        "description": "Mentions of each policy slogan of `data/slogans.csv` per unit, also per 10,000 characters so units of different length compare.",
        "key": ["unit_id", "slogan"],
        "columns": [
            Column("unit_id", "string", "Unit."),
            Column("slogan", "string", "Slogan (Chinese)."),
            Column("name_en", "string", "English gloss."),
            Column("count", "int", "Mentions (regex `pattern` of slogans.csv)."),
            Column("per_10k_chars", "float", "Mentions per 10,000 characters of the unit's text."),
        ],
    },
    "cleaning_log": {
        "description": "Every change cleaning made, so nothing disappears unseen.",
        "key": None,
        "columns": [
            Column("doc_id", "string", "Document."),
            Column("step", "string", "Cleaning step (a function of `analysis.clean`): `to_simplified`, `halfwidth_punct_to_fullwidth`, `remove_page_furniture`, `rejoin_hard_wrap`, `rejoin_cut_sentence`, `extract_site_header`, …; `extract_html_body`, `extract_pdf_text`, `extract_docx_text` for what a converter left out (site navigation, running headers and footers, page numbers)."),
            Column("raw_line", "int", "Line of the decoded raw file, or of the text read from a web page, PDF or Word file (1-based); 0 for text a converter left out (its `context` says where: `page 2`, `HTML line 40`)."),
            Column("column", "int", "Position in that line where the change starts (0-based, after earlier steps on the line)."),
            Column("before", "string", "Text before the change (`⏎` marks a line break).", nullable=True),
            Column("after", "string", "Text after the change.", nullable=True),
            Column("context", "string", "Surrounding text or a note on why.", nullable=True),
        ],
    },
}


# Python-backed strings: the pipeline iterates over text columns in Python, which
# is several times slower over Arrow-backed strings (pandas 3's default).
_DTYPES = {"string": pd.StringDtype("python"), "int": "Int64", "float": "float64", "bool": "boolean"}


def column_names(table: str) -> list[str]:
    """Column names of ``table`` in schema order."""
    return [c.name for c in TABLES[table]["columns"]]


def conform(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Order ``df``'s columns as the schema says and give them its dtypes.

    Raises ``ValueError`` naming the table and columns when a schema column
    is missing or an extra column is present.
    """
    cols = TABLES[table]["columns"]
    names = [c.name for c in cols]
    missing = [n for n in names if n not in df.columns]
    extra = [n for n in df.columns if n not in names]
    if missing or extra:
        raise ValueError(f"table {table!r}: missing columns {missing}, unexpected columns {extra}")
    out = df[names].copy()
    for c in cols:
        out[c.name] = out[c.name].astype(_DTYPES[c.dtype])
    return out.reset_index(drop=True)


def validate(table: str, df: pd.DataFrame) -> None:
    """Check ``df`` against the schema of ``table``.

    Raises ``ValueError`` naming the table, column and offending values when a
    column is missing, mistyped, null where it may not be, outside its
    allowed values, or when the key is not unique.
    """
    spec = TABLES[table]
    problems = []
    for c in spec["columns"]:
        if c.name not in df.columns:
            problems.append(f"missing column {c.name!r}")
            continue
        s = df[c.name]
        if str(s.dtype) != str(_DTYPES[c.dtype]):
            problems.append(f"column {c.name!r} has dtype {s.dtype}, expected {_DTYPES[c.dtype]}")
        if not c.nullable and s.isna().any():
            problems.append(f"column {c.name!r} has {int(s.isna().sum())} missing values")
        if c.allowed is not None:
            bad = sorted(set(s.dropna().astype(str)) - set(c.allowed))
            if bad:
                problems.append(f"column {c.name!r} has values {bad[:5]} outside {list(c.allowed)}")
    extra = [n for n in df.columns if n not in {c.name for c in spec["columns"]}]
    if extra:
        problems.append(f"unexpected columns {extra}")
    key = spec.get("key")
    if key and not problems and df.duplicated(key).any():
        problems.append(f"key {key} is not unique: {df[df.duplicated(key, keep=False)][key].head(3).values.tolist()}")
    if problems:
        raise ValueError(f"table {table!r} does not match its schema: " + "; ".join(problems))


def markdown_dictionary(tables: list[str] | None = None) -> str:
    """The data dictionary as Markdown (one section and column table per table)."""
    parts = []
    for name in tables or list(TABLES):
        spec = TABLES[name]
        parts.append(f"### `{name}`\n\n{spec['description']}\n")
        parts.append("| column | type | meaning |\n|---|---|---|")
        for c in spec["columns"]:
            extra = " May be empty." if c.nullable else ""
            desc = c.description.replace("|", "\\|")
            parts.append(f"| `{c.name}` | {c.dtype} | {desc}{extra} |")
        parts.append("")
    return "\n".join(parts)
