"""Autocomplete over occupation and skill labels, with what each database does well.

Both databases search the same `norm` column (lower case, no accents, no punctuation;
see `normalise`), and both return candidates in the same base order: the importer
numbers the label rows preferred before alternative, Dutch before English, short before
long, so `ORDER BY id` is already the ranking and `LIMIT` can stop early.

Candidates come in three tiers; a later tier only runs when the earlier ones did not
fill the page, because it can never outrank them:
1. every query word is the prefix of a word in the label;
2. every query word occurs in the label, at least one inside a word (compounds:
   "verpleegkundige" in "ambulanceverpleegkundige");
3. only when tiers 1 and 2 found nothing: the query words with a few typos ("heftruk"
   finds "heftruckchauffeur"). Typo matches next to exact ones are mostly noise.

SQLite: an FTS5 table over `norm` with prefix indexes answers tier 1. For tiers 2 and 3
a small FTS5 trigram table over the distinct words of the labels (its vocabulary) finds
the words that contain a query word or look like it; the FTS5 table then finds the
labels with those words. PostgreSQL: a full-text GIN index (to_tsvector('simple', norm))
answers tier 1 with prefix queries ('kok:*'), and a pg_trgm GIN index on `norm` serves the
LIKE patterns of tier 2 and the word_similarity operator of tier 3.
Python then ranks the candidates the same way on both databases.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Integer, String, TextualSelect, Uuid, text
from sqlalchemy.orm import Session

# How many label rows one tier reads at most. Each owner (occupation or skill) has on
# average 20 labels, so this leaves room for several matching labels per owner.
CANDIDATES_PER_TIER = 200
# SQLite: how many vocabulary words one query word may expand to.
WORD_CANDIDATES = 200
TYPO_WORD_CANDIDATES = 100
# PostgreSQL: the word_similarity a typo candidate needs (pg_trgm's default is 0.6).
TYPO_SIMILARITY_THRESHOLD = 0.5
# Queries shorter than this only get the word-prefix tier (trigrams need 3 characters).
MIN_SUBSTRING_LENGTH = 3
MIN_TYPO_LENGTH = 5

# Letters NFKD does not take apart.
_FOLD = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "\u0131": "i", "þ": "th"}
)


_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise(value: str) -> str:
    """Lower-case `value`, strip accents, and turn anything but letters and digits into spaces."""
    if value.isascii():
        # Fast path for most labels; same result as the general one below.
        return _NOT_ASCII_ALNUM.sub(" ", value.lower()).strip()
    # Compatibility forms first ("ᴬ" is an "A"), then case; then decompose once more,
    # as casefolding can bring back letters that decompose.
    folded = unicodedata.normalize("NFKD", value).casefold()
    decomposed = unicodedata.normalize("NFKD", folded.translate(_FOLD))
    chars = [ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch)]
    return " ".join("".join(chars).split())


def _myers(pattern: str, text_: str, *, anchored: bool) -> int:
    # Myers' bit-parallel edit distance (1999, in Hyyrö's formulation): one pass over the
    # text. Not anchored: the match may start anywhere in the text (row 0 is all zeros);
    # anchored: it starts at the text's first character (row 0 is 0, 1, 2, ...). Either
    # way the match may end anywhere, so the result is the best over all end positions.
    m = len(pattern)
    if m == 0:
        return 0
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    carry = 1 if anchored else 0
    pv, mv, score = mask, 0, m
    best = m
    for ch in text_:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & mask
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry) & mask
        mh = (mh << 1) & mask
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
        best = min(best, score)
    return best


def substring_distance(pattern: str, text_: str) -> int:
    """Return the smallest edit distance between `pattern` and any substring of `text_`."""
    return _myers(pattern, text_, anchored=False)


def prefix_distance(pattern: str, text_: str) -> int:
    """Return the smallest edit distance between `pattern` and any prefix of `text_`."""
    return _myers(pattern, text_, anchored=True)


def typo_distance(token: str, norm: str) -> int:
    """Return how many typos it takes for `token` to match `norm` (a normalised label).

    The best is the start of a word ("heftruk" in "heftruckchauffeur": 1). A match inside
    a word costs one typo more, so short words do not turn up everywhere.
    """
    # A prefix longer than the token plus two insertions can never be the best one.
    span = len(token) + 2
    best = prefix_distance(token, norm[:span])
    start = norm.find(" ")
    while start != -1 and best > 0:
        best = min(best, prefix_distance(token, norm[start + 1 : start + 1 + span]))
        start = norm.find(" ", start + 1)
    if best > 1:
        best = min(best, substring_distance(token, norm) + 1)
    return best


def _within(token: str, word: str, budget: int) -> bool:
    # The cheap bound first: no prefix of a word is closer than its best substring.
    return substring_distance(token, word) <= budget and typo_distance(token, word) <= budget


def typo_budget(query: str) -> int:
    """Return how many typos a query of this length may contain."""
    length = len(query.replace(" ", ""))
    if length < MIN_TYPO_LENGTH:
        return 0
    return 1 if length < 9 else 2


@dataclass(frozen=True)
class LabelIndex:
    """Where the labels of one kind of concept live."""

    table: str
    owner_column: str
    # SQLite only: the FTS5 table over `norm`, its fts5vocab table, and the FTS5 trigram
    # table of its distinct words.
    fts_labels: str
    fts_vocab: str
    fts_words: str


OCCUPATION_LABELS = LabelIndex(
    table="esco_occupation_label",
    owner_column="occupation_id",
    fts_labels="fts_occupation_label",
    fts_vocab="fts_occupation_label_vocab",
    fts_words="fts_occupation_word",
)
SKILL_LABELS = LabelIndex(
    table="esco_skill_label",
    owner_column="skill_id",
    fts_labels="fts_skill_label",
    fts_vocab="fts_skill_label_vocab",
    fts_words="fts_skill_word",
)


@dataclass(frozen=True)
class LabelHit:
    """The best label of one owner for a query."""

    owner_id: uuid.UUID
    label: str
    lang: str
    is_preferred: bool
    # How it matched: WORD_PREFIX, SUBSTRING or TYPO (see the module docstring).
    tier: int


WORD_PREFIX, SUBSTRING, TYPO = 0, 1, 2


@dataclass(frozen=True)
class _Candidate:
    id: int
    owner_id: uuid.UUID
    label: str
    norm: str
    lang: str
    is_preferred: bool


_RESULT_COLUMNS = {
    "id": Integer,
    "owner_id": Uuid,
    "label": String,
    "norm": String,
    "lang": String,
    "is_preferred": Boolean,
}


def _typed(sql: str) -> TextualSelect:
    return text(sql).columns(**_RESULT_COLUMNS)


def _select_list(alias: str, index: LabelIndex) -> str:
    return (
        f"{alias}.id, {alias}.{index.owner_column} AS owner_id, {alias}.label, "
        f"{alias}.norm, {alias}.lang, {alias}.is_preferred"
    )


def _trigrams(token: str) -> list[str]:
    return list(dict.fromkeys(token[i : i + 3] for i in range(len(token) - 2)))


def _quote(term: str) -> str:
    # Query words are letters and digits only (normalise), so quoting is enough.
    return f'"{term}"'


class _SqliteQueries:
    """FTS5: word-prefix search on the labels, substring and typo search on their words."""

    def __init__(self, index: LabelIndex) -> None:
        cols = _select_list("l", index)
        # Table names are constants of this module, never user input.
        self.labels = _typed(
            f"SELECT {cols} FROM {index.fts_labels} f JOIN {index.table} l ON l.id = f.rowid "  # noqa: S608
            f"WHERE f.{index.fts_labels} MATCH :match ORDER BY f.rowid LIMIT :n"
        )
        self.words_containing = text(
            f"SELECT word FROM {index.fts_words} WHERE word LIKE :pattern LIMIT :n"  # noqa: S608
        )
        self.words_like = text(
            f"SELECT word FROM {index.fts_words} WHERE {index.fts_words} MATCH :match "  # noqa: S608
            "ORDER BY rank LIMIT :n"
        )

    def _labels(self, session: Session, groups: list[list[str]], n: int) -> Any:
        # Every query word must match one of its terms.
        match = " AND ".join("(" + " OR ".join(terms) + ")" for terms in groups)
        return session.execute(self.labels, {"match": match, "n": n})

    def word_prefix(self, session: Session, tokens: Sequence[str], n: int) -> Any:
        return self._labels(session, [[_quote(t) + "*"] for t in tokens], n)

    def substring_of(self, session: Session, tokens: Sequence[str], n: int) -> Any:
        groups = []
        for token in tokens:
            terms = [_quote(token) + "*"]
            if len(token) >= MIN_SUBSTRING_LENGTH:
                rows = session.execute(
                    self.words_containing, {"pattern": f"%{token}%", "n": WORD_CANDIDATES}
                )
                terms += [_quote(w) for (w,) in rows if not w.startswith(token)]
            groups.append(terms)
        if all(len(terms) == 1 for terms in groups):
            return []  # nothing that tier 1 has not seen
        return self._labels(session, groups, n)

    def similar(
        self, session: Session, query: str, tokens: Sequence[str], budget: int, n: int
    ) -> Any:
        groups = []
        for token in tokens:
            terms = [_quote(token) + "*"]
            grams = _trigrams(token)
            if len(token) >= MIN_TYPO_LENGTH and grams:
                match = " OR ".join(_quote(g) for g in grams)
                rows = session.execute(self.words_like, {"match": match, "n": TYPO_WORD_CANDIDATES})
                terms += [_quote(w) for (w,) in rows if _within(token, w, budget)]
            groups.append(terms)
        if all(len(terms) == 1 for terms in groups):
            return []
        return self._labels(session, groups, n)


class _PostgresQueries:
    """Full text for word prefixes; pg_trgm for substrings and typos."""

    def __init__(self, index: LabelIndex) -> None:
        self.index = index
        cols = _select_list("l", index)
        self.cols = cols
        # Materialised, so the planner reads the matches from the GIN index and sorts them,
        # instead of walking the primary key and parsing every label on the way.
        self.words = _typed(
            f"WITH m AS MATERIALIZED (SELECT {cols} FROM {index.table} l "  # noqa: S608
            "WHERE to_tsvector('simple', l.norm) @@ to_tsquery('simple', :query)) "
            "SELECT * FROM m ORDER BY id LIMIT :n"
        )
        # `<%` uses the trigram index; the threshold is set per transaction (see similar).
        self.typos = _typed(
            f"SELECT {cols} FROM {index.table} l "  # noqa: S608
            "WHERE :query <% l.norm ORDER BY l.norm <->> :query, l.id LIMIT :n"
        )

    def _like(self, session: Session, patterns: list[list[str]], n: int) -> Any:
        # Every query word must match one of its LIKE patterns.
        conditions = []
        params: dict[str, Any] = {"n": n}
        for i, group in enumerate(patterns):
            names = []
            for j, pattern in enumerate(group):
                params[f"p{i}_{j}"] = pattern
                names.append(f"l.norm LIKE :p{i}_{j}")
            conditions.append("(" + " OR ".join(names) + ")")
        sql = _typed(
            f"SELECT {self.cols} FROM {self.index.table} l "  # noqa: S608
            f"WHERE {' AND '.join(conditions)} ORDER BY l.id LIMIT :n"
        )
        return session.execute(sql, params)

    def word_prefix(self, session: Session, tokens: Sequence[str], n: int) -> Any:
        if max(len(t) for t in tokens) < MIN_SUBSTRING_LENGTH:
            # One or two letters match thousands of labels: walking the labels in ranking
            # order and stopping after n matches is faster than any index.
            return self._like(session, [[f"{t}%", f"% {t}%"] for t in tokens], n)
        query = " & ".join(f"{t}:*" for t in tokens)
        return session.execute(self.words, {"query": query, "n": n})

    def substring_of(self, session: Session, tokens: Sequence[str], n: int) -> Any:
        if all(len(t) < MIN_SUBSTRING_LENGTH for t in tokens):
            return []
        return self._like(session, [[f"%{t}%"] for t in tokens], n)

    def similar(
        self, session: Session, query: str, tokens: Sequence[str], budget: int, n: int
    ) -> Any:
        # The default threshold (0.6) misses one typo in a short word ("teamwerk" in
        # "teamwork" scores 0.56); Python filters the candidates by edit distance anyway.
        session.execute(
            text("SELECT set_config('pg_trgm.word_similarity_threshold', :t, true)"),
            {"t": str(TYPO_SIMILARITY_THRESHOLD)},
        )
        return session.execute(self.typos, {"query": query, "n": n})


_QUERIES: dict[tuple[str, str], _SqliteQueries | _PostgresQueries] = {}


def _queries(session: Session, index: LabelIndex) -> _SqliteQueries | _PostgresQueries:
    dialect = session.get_bind().dialect.name
    key = (dialect, index.table)
    if key not in _QUERIES:
        _QUERIES[key] = _SqliteQueries(index) if dialect == "sqlite" else _PostgresQueries(index)
    return _QUERIES[key]


def _word_prefix_rank(norm: str, query: str) -> int:
    # 0: the whole label; 1: the label starts with the query; 2: the query starts a later
    # word; 3: the words are all there, in another order or apart.
    if norm == query:
        return 0
    if norm.startswith(query):
        return 1
    if f" {query}" in norm:
        return 2
    return 3


def _typo_distance(norm: str, tokens: Sequence[str]) -> int:
    # Every query word may sit anywhere in the label; their typos add up.
    return sum(typo_distance(token, norm) for token in tokens)


def _base_rank(c: _Candidate) -> tuple[int, int, int, int]:
    # Preferred labels first, then Dutch before English, then shorter labels; the row id
    # (the importer's order) breaks ties so both databases agree.
    return (0 if c.is_preferred else 1, 0 if c.lang == "nl" else 1, len(c.norm), c.id)


def search_labels(session: Session, index: LabelIndex, query: str, limit: int) -> list[LabelHit]:
    """Return the best-matching label of up to `limit` owners, best first."""
    norm_query = normalise(query)
    tokens = norm_query.split()
    if not tokens or limit < 1:
        return []
    queries = _queries(session, index)
    best: dict[uuid.UUID, tuple[tuple[int, ...], _Candidate]] = {}

    def consider(rows: Any, tier_rank: Any) -> None:
        for row in rows:
            c = _Candidate(*row)
            rank = tier_rank(c)
            if rank is None:
                continue
            current = best.get(c.owner_id)
            if current is None or rank < current[0]:
                best[c.owner_id] = (rank, c)

    def tier_one(c: _Candidate) -> tuple[int, ...]:
        pref, lang, length, row_id = _base_rank(c)
        return (WORD_PREFIX, pref, _word_prefix_rank(c.norm, norm_query), lang, length, row_id)

    consider(queries.word_prefix(session, tokens, CANDIDATES_PER_TIER), tier_one)

    if len(best) < limit:

        def tier_two(c: _Candidate) -> tuple[int, ...]:
            return (SUBSTRING, 0, *_base_rank(c))

        consider(queries.substring_of(session, tokens, CANDIDATES_PER_TIER), tier_two)

    budget = typo_budget(norm_query)
    if not best and budget > 0:

        def tier_three(c: _Candidate) -> tuple[int, ...] | None:
            if all(token in c.norm for token in tokens):
                # No typo after all: a substring match that tier 2 did not reach.
                return (SUBSTRING, 0, *_base_rank(c))
            distance = _typo_distance(c.norm, tokens)
            if distance > budget:
                return None
            return (TYPO, distance, *_base_rank(c))

        consider(
            queries.similar(session, norm_query, tokens, budget, CANDIDATES_PER_TIER), tier_three
        )

    ranked = sorted(best.values(), key=lambda item: item[0])[:limit]
    return [
        LabelHit(
            owner_id=c.owner_id,
            label=c.label,
            lang=c.lang,
            is_preferred=c.is_preferred,
            tier=rank[0],
        )
        for rank, c in ranked
    ]
