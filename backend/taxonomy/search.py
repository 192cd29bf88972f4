"""Autocomplete over occupation and skill labels, with what each database does well.

Both databases search the same `norm` column (lower case, no accents, no punctuation;
see `normalise`) and the same vocabulary (the distinct words of the labels), and both
return candidates in the same base order: the importer numbers the label rows preferred
before alternative, Dutch before English, short before long, so `ORDER BY id` is already
the ranking and `LIMIT` can stop early. (The vocabulary is numbered short words first.)

Candidates come in three tiers; a later tier only runs when the earlier ones did not
fill the page, because it can never outrank them:
1. every query word is the prefix of a word in the label;
2. every query word occurs in the label, at least one inside a word (compounds:
   "verpleegkundige" in "ambulanceverpleegkundige");
3. only when tiers 1 and 2 found nothing: the query words with a few typos ("heftruk"
   finds "heftruckchauffeur"). Typo matches next to exact ones are mostly noise.
For tiers 2 and 3 the vocabulary first turns each query word into the words that
contain it or look like it (checked by edit distance in Python); the labels with those
words are then found like in tier 1.

Tier 1 reads the first matching labels by id (4 per result asked for, at least 50), or
only those among the best-ranked labels (PREFIX_WINDOW) when they already fill the page;
the label that is exactly the query is always added ("cook" ranks low in the base order,
as an English label). The ranking within a tier then refines the base order: the whole
label before a label that starts with the query before one where a later word does.

SQLite: an FTS5 table over `norm` with prefix indexes finds the labels (in rowid order,
so LIMIT stops early); an FTS5 trigram table over the vocabulary finds the words (LIKE
for substrings, bm25 for look-alikes).
PostgreSQL: a full-text GIN index (to_tsvector('simple', norm)) finds the labels; a GIN
index returns all its matches to be sorted, so for common prefixes a walk along the
primary key takes over (see _PostgresQueries.word_prefix). A pg_trgm GIN index on the
vocabulary finds the words (LIKE, and word_similarity for look-alikes).
Python then ranks the candidates the same way on both databases: for the same query
both return the same results, except for typo queries, where the look-alike words can
differ (bm25 over trigrams against word_similarity).
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Integer, String, Uuid, text
from sqlalchemy.orm import Session

# How many label rows one tier reads at most, per result asked for (and at least): room
# for several matching labels per owner (each has about 20 labels).
CANDIDATES_PER_RESULT = 4
MIN_CANDIDATES = 50
# How many vocabulary words one query word may expand to (the shortest first), how many
# look-alike words are checked for typos, and how many of those (the closest) it may be.
SUBSTRING_WORDS = 30
TYPO_WORDS = 50
TYPO_MATCHES = 20
# PostgreSQL: the word_similarity a look-alike word needs. pg_trgm's default, 0.6, misses
# one typo in a short word ("secnario" scores 0.38 for "scenario"); the candidates are
# ranked by similarity and checked by edit distance in Python anyway.
TYPO_SIMILARITY_THRESHOLD = 0.3
# PostgreSQL: a word prefix of up to PREFIX_MAX_LENGTH letters that starts a word in at
# least PREFIX_MIN_LABELS labels is common: the importer lists its first PREFIX_LABELS
# label ids (enough for the largest page), so the search reads them in order from a
# B-tree. Every other prefix matches few labels, which the GIN index returns quickly.
PREFIX_LABELS = 200
PREFIX_MIN_LABELS = 400
PREFIX_MAX_LENGTH = 12
# Word-prefix queries look at the best-ranked labels first (ids up to this), and at the
# rest only when those do not fill the page.
PREFIX_WINDOW = 1000
# PostgreSQL: how many matches a word-prefix query reads from the GIN index before it
# counts the prefix as common (see _PostgresQueries.word_prefix).
GIN_CAP = 400
# PostgreSQL: a walk along the primary key costs about 1.3 µs a row here, a row from the
# GIN index about 2.5 µs (measured on the benchmark machine). A short prefix walks this
# far before it asks the GIN index.
WALK_COST = 1.3
GIN_COST = 2.5
SHORT_WALK = 1000
# Query words shorter than this only match word prefixes (trigrams need 3 characters).
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
    # Myers' bit-parallel edit distance (1999) with Hyyrö's extension for transpositions
    # (2003): one pass over the text; swapping two neighbouring letters counts as one
    # typo (the optimal string alignment distance). Not anchored: the match may start
    # anywhere in the text (row 0 is all zeros); anchored: it starts at the text's first
    # character (row 0 is 0, 1, 2, ...). Either way it may end anywhere, so the result is
    # the best over all end positions.
    m = len(pattern)
    if m == 0:
        return 0
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    carry = 1 if anchored else 0
    vp, vn, d0, prev_eq = mask, 0, 0, 0
    score = best = m
    for ch in text_:
        eq = peq.get(ch, 0)
        transposed = (((~d0 & eq) << 1) & prev_eq) & mask
        d0 = (((((eq & vp) + vp) & mask) ^ vp) | eq | vn | transposed) & mask
        hp = (vn | ~(d0 | vp)) & mask
        hn = d0 & vp
        if hp & high:
            score += 1
        elif hn & high:
            score -= 1
        hp = ((hp << 1) | carry) & mask
        hn = (hn << 1) & mask
        vp = (hn | ~(d0 | hp)) & mask
        vn = d0 & hp
        prev_eq = eq
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


def _word_typos(token: str, word: str, budget: int) -> int | None:
    # typo_distance for one word, or None when it is over budget. The substring distance
    # is a lower bound of the prefix distance, so it rules most words out first.
    inside = substring_distance(token, word)
    if inside > budget:
        return None
    distance = min(prefix_distance(token, word[: len(token) + 2]), inside + 1)
    return distance if distance <= budget else None


def typo_budget(query: str) -> int:
    """Return how many typos a query of this length may contain."""
    length = len(query.replace(" ", ""))
    if length < MIN_TYPO_LENGTH:
        return 0
    return 1 if length < 9 else 2


@dataclass(frozen=True)
class LabelIndex:
    """Where the labels and the vocabulary of one kind of concept live."""

    table: str
    owner_column: str
    # The owner's columns each result carries, so the caller needs no second query.
    owner_table: str
    owner_columns: tuple[str, ...]
    words_table: str
    # PostgreSQL: the first label ids per 1- or 2-letter prefix.
    prefix_table: str
    # SQLite: the FTS5 table over the labels' `norm`, and the FTS5 trigram table over the
    # vocabulary.
    fts_labels: str
    fts_words: str


OCCUPATION_LABELS = LabelIndex(
    table="esco_occupation_label",
    owner_column="occupation_id",
    owner_table="esco_occupation",
    owner_columns=("code", "label_nl"),
    words_table="esco_occupation_word",
    prefix_table="esco_occupation_label_prefix",
    fts_labels="fts_occupation_label",
    fts_words="fts_occupation_word",
)
SKILL_LABELS = LabelIndex(
    table="esco_skill_label",
    owner_column="skill_id",
    owner_table="esco_skill",
    owner_columns=("label_nl", "label_en", "skill_type", "reuse_level"),
    words_table="esco_skill_word",
    prefix_table="esco_skill_label_prefix",
    fts_labels="fts_skill_label",
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
    # The owner's columns named in LabelIndex.owner_columns.
    owner: dict[str, Any]


WORD_PREFIX, SUBSTRING, TYPO = 0, 1, 2


@dataclass(frozen=True)
class _Candidate:
    id: int
    owner_id: uuid.UUID
    label: str
    norm: str
    lang: str
    is_preferred: bool
    owner: tuple[Any, ...]


@dataclass(frozen=True)
class _Terms:
    """What one query word may match: words starting with one of `prefixes`, or `words`."""

    prefixes: tuple[str, ...]
    words: tuple[str, ...] = ()

    def alternatives(self, prefix_syntax: str) -> list[str]:
        # e.g. ['"kok"*', '"dieetkok"'] for FTS5 ('"{}"*'), ['kok:*', 'dieetkok'] for
        # to_tsquery ('{}:*'); the query words are letters and digits only (normalise).
        quote = '"{}"' if prefix_syntax.startswith('"') else "{}"
        heads = [prefix_syntax.format(prefix) for prefix in self.prefixes]
        return heads + [quote.format(word) for word in self.words]


def _swaps(token: str) -> tuple[str, ...]:
    # The token with two neighbouring letters swapped back: the most common typo, and one
    # that trigrams hardly see ("tpyes" shares no trigram with "types").
    return tuple(
        dict.fromkeys(
            token[:i] + token[i + 1] + token[i] + token[i + 2 :]
            for i in range(len(token) - 1)
            if token[i] != token[i + 1]
        )
    )


def _typo_terms(token: str, found: Sequence[str], budget: int) -> _Terms:
    # A query word in tier 3: itself, with a swap undone, or a close vocabulary word.
    if len(token) < MIN_TYPO_LENGTH:
        return _Terms((token,))
    return _Terms((token, *_swaps(token)), _close_words(token, found, budget))


_RESULT_COLUMNS = {
    "id": Integer,
    "owner_id": Uuid,
    "label": String,
    "norm": String,
    "lang": String,
    "is_preferred": Boolean,
}


def _columns(index: LabelIndex) -> dict[str, Any]:
    return {**_RESULT_COLUMNS, **{f"o_{name}": String for name in index.owner_columns}}


def _select_list(alias: str, index: LabelIndex) -> str:
    return (
        f"{alias}.id, {alias}.{index.owner_column} AS owner_id, {alias}.label, "
        f"{alias}.norm, {alias}.lang, {alias}.is_preferred"
    )


def _owner_list(index: LabelIndex) -> str:
    return "".join(f", o.{name} AS o_{name}" for name in index.owner_columns)


def _owner_join(alias: str, index: LabelIndex) -> str:
    return f" JOIN {index.owner_table} o ON o.id = {alias}.{index.owner_column}"


def _trigrams(token: str) -> list[str]:
    return list(dict.fromkeys(token[i : i + 3] for i in range(len(token) - 2)))


def _quote(term: str) -> str:
    # Query words and vocabulary words are letters and digits only (normalise), so
    # quoting is enough for FTS5, and to_tsquery needs nothing at all.
    return f'"{term}"'


# Row ids are never this high: the default upper bound of a range.
_NO_LIMIT = 2**62


def _owners(rows: Sequence[Any]) -> int:
    return len({row[1] for row in rows})


def _covers(rows: Sequence[Any], limit: int) -> bool:
    # Whether the rows among the best-ranked labels already fill the page.
    return _owners([row for row in rows if row[0] <= PREFIX_WINDOW]) >= limit


def _first_page(rows: Sequence[Any], n: int, limit: int) -> list[Any]:
    # PostgreSQL's tier 1 rows cut to what SQLite's reads: the first n matching labels by
    # id, or only those among the best-ranked labels when they fill the page; plus the
    # label that is exactly the query (part 1). Drops the part and reach columns.
    exact = [row for row in rows if row.part == 1]
    matches = sorted((row for row in rows if row.part != 1), key=lambda row: row.id)[:n]
    if _covers(matches, limit):
        matches = [row for row in matches if row.id <= PREFIX_WINDOW]
    return [row[:-2] for row in matches + exact]


def _close_words(token: str, found: Sequence[str], budget: int) -> tuple[str, ...]:
    # The look-alike words within `budget` typos of the token: the closest, then shortest.
    close = []
    for word in found:
        typos = _word_typos(token, word, budget)
        if typos is not None:
            close.append((typos, len(word), word))
    return tuple(word for _typos, _length, word in sorted(close)[:TYPO_MATCHES])


class _SqliteQueries:
    """FTS5 over the labels; an FTS5 trigram table over the vocabulary.

    Queries are cheap here (no network), so each step is its own statement.
    """

    def __init__(self, index: LabelIndex) -> None:
        self.index = index
        cols = _select_list("l", index) + _owner_list(index)
        join = _owner_join("l", index)
        types = _columns(index)
        # Table and column names are constants of this module, never user input.
        self.labels = text(
            f"SELECT {cols} FROM {index.fts_labels} f JOIN {index.table} l ON l.id = f.rowid"  # noqa: S608
            f"{join} WHERE f.{index.fts_labels} MATCH :match AND f.rowid > :after "
            "AND f.rowid <= :upto ORDER BY f.rowid LIMIT :n"
        ).columns(**types)
        self.exact = text(
            f"SELECT {cols} FROM {index.table} l{join} WHERE l.norm = :norm "  # noqa: S608
            "ORDER BY l.id LIMIT :n"
        ).columns(**types)
        self.similar_words = text(
            f"SELECT word FROM {index.fts_words} WHERE {index.fts_words} MATCH :match "  # noqa: S608
            "ORDER BY rank LIMIT :n"
        )

    def _labels(
        self,
        session: Session,
        terms: Sequence[_Terms],
        n: int,
        *,
        after: int = 0,
        upto: int = _NO_LIMIT,
    ) -> list[Any]:
        # Up to n labels (by id, within after < id <= upto) that match every term.
        groups = ["(" + " OR ".join(t.alternatives('"{}"*')) + ")" for t in terms]
        params = {"match": " AND ".join(groups), "n": n, "after": after, "upto": upto}
        return list(session.execute(self.labels, params))

    def word_prefix(
        self, session: Session, tokens: Sequence[str], norm: str, n: int, limit: int
    ) -> list[Any]:
        """Tier 1 candidates: the best-ranked labels first, the rest only when needed."""
        terms = [_Terms((token,)) for token in tokens]
        rows = self._labels(session, terms, n, upto=PREFIX_WINDOW)
        read_all = False
        if len(rows) < n and not _covers(rows, limit):
            quota = n - len(rows)
            rest = self._labels(session, terms, quota, after=PREFIX_WINDOW)
            rows += rest
            read_all = len(rest) < quota
        if not read_all:
            # The page filled before every match was read: make sure the label that is
            # exactly the query is there (it may rank low in the base order: "cook").
            rows += session.execute(self.exact, {"norm": norm, "n": limit})
        return rows

    @contextmanager
    def planning(self, session: Session) -> Iterator[None]:
        """Nothing to set up on SQLite."""
        yield

    def _words(self, session: Session, tokens: Sequence[str], n: int) -> dict[str, list[str]]:
        # Per token, up to n vocabulary words that contain it (not at the start: those are
        # prefix matches already), short words first. One statement for all tokens.
        parts: list[str] = []
        params: dict[str, Any] = {"n": n}
        for i, token in enumerate(tokens):
            params[f"p{i}"] = f"%{token}%"
            params[f"s{i}"] = f"{token}%"
            parts.append(
                f"SELECT {i} AS k, word FROM (SELECT word FROM {self.index.fts_words} "  # noqa: S608
                f"WHERE word LIKE :p{i} AND word NOT LIKE :s{i} ORDER BY rowid LIMIT :n)"
            )
        found: dict[str, list[str]] = {}
        if parts:
            for k, word in session.execute(text(" UNION ALL ".join(parts)), params):
                found.setdefault(tokens[k], []).append(word)
        return found

    def inside_words(self, session: Session, tokens: Sequence[str], n: int) -> list[Any]:
        """Tier 2 candidates: every query word is in the label, some inside a word."""
        long_enough = [t for t in tokens if len(t) >= MIN_SUBSTRING_LENGTH]
        found = self._words(session, long_enough, SUBSTRING_WORDS)
        if not found:
            return []
        # A single query word: its prefix matches were all seen in tier 1.
        prefix = len(tokens) > 1
        terms = [_Terms((t,) if prefix else (), tuple(found.get(t, ()))) for t in tokens]
        return self._labels(session, terms, n)

    def look_alikes(
        self, session: Session, tokens: Sequence[str], budget: int, n: int
    ) -> list[Any]:
        """Tier 3 candidates: the query words with up to `budget` typos."""
        terms = []
        for token in tokens:
            found: list[str] = []
            if len(token) >= MIN_TYPO_LENGTH:
                match = " OR ".join(_quote(g) for g in _trigrams(token))
                rows = session.execute(self.similar_words, {"match": match, "n": TYPO_WORDS})
                found = [word for (word,) in rows]
            terms.append(_typo_terms(token, found, budget))
        return self._labels(session, terms, n)


class _PostgresQueries:
    """Full text over the labels; pg_trgm over the vocabulary.

    Every statement is a round trip here, so each tier is one statement where it can be.
    Short query words ("p") are never full-text prefixes (the GIN index would read
    thousands of words for them): they filter rows with strpos, which no index serves,
    so the planner never combines the trigram index into the plan either.
    """

    def __init__(self, index: LabelIndex) -> None:
        self.index = index
        self.cols = _select_list("l", index)
        self.owner_cols = _owner_list(index)
        self.join = _owner_join("l", index)
        self.types = {**_columns(index), "part": Integer, "reach": Integer}
        self.last_id: int | None = None
        self.not_listed = f"NOT EXISTS (SELECT 1 FROM {index.prefix_table} WHERE prefix = :prefix)"  # noqa: S608
        self.similar_words = text(
            f"SELECT word FROM {index.words_table} WHERE :token <% word "  # noqa: S608
            "ORDER BY word <->> :token, id LIMIT :n"
        )

    @contextmanager
    def planning(self, session: Session) -> Iterator[None]:
        """Plan every search statement with its real parameters.

        psycopg prepares a statement that runs often, and after a few runs PostgreSQL may
        switch it to a generic plan, made without the parameters. For these statements
        that is a trap: a prefix can match 3 labels or 3,000, and the right plan differs
        (measured: "senior" went from 4 to 14-25 ms once prepared). So no server-side
        preparing while they run; the connection gets its setting back afterwards.
        """
        driver = session.connection().connection.driver_connection
        before = driver.prepare_threshold  # type: ignore[union-attr]
        driver.prepare_threshold = None  # type: ignore[union-attr]
        try:
            yield
        finally:
            driver.prepare_threshold = before  # type: ignore[union-attr]

    def _filters(
        self, terms: Sequence[_Terms], params: dict[str, Any], *, full_text: bool = True
    ) -> tuple[list[str], list[str]]:
        # Split the terms into full-text groups and strpos filters; fill in the params.
        groups, filters = [], []
        for i, t in enumerate(terms):
            short = not t.words and all(len(p) < MIN_SUBSTRING_LENGTH for p in t.prefixes)
            if full_text and not short:
                groups.append("(" + " | ".join(t.alternatives("{}:*")) + ")")
            else:
                # A word of the label starts with the prefix (a walk, or one short prefix).
                filters.append(f"strpos(' ' || l.norm, :w{i}) > 0")
                params[f"w{i}"] = f" {t.prefixes[0]}"
        return groups, filters

    def _walk(self, filters: Sequence[str]) -> str:
        # Along the primary key, i.e. in ranking order, within after < id <= upto; stops
        # after n matches. Cheap per row, so good where matches are dense.
        where = " AND ".join(["l.id > :after", "l.id <= :upto", *filters])
        return (
            f"SELECT {self.cols}{self.owner_cols}, 0 AS part, 0 AS reach "  # noqa: S608
            f"FROM {self.index.table} l{self.join} WHERE {where} ORDER BY l.id LIMIT :n"
        )

    def _gin(self, filters: Sequence[str], cap: bool, *, unless_listed: bool = False) -> str:
        # The GIN index's matches within after < id <= upto, the first n by id. With `cap`,
        # it reads at most GIN_CAP matches, and marks its rows part 2 when it reached that;
        # `reach` is then the highest id it read (a sample of how dense the matches are).
        where = " AND ".join(
            [
                "to_tsvector('simple', l.norm) @@ to_tsquery('simple', :query)",
                "l.id > :after",
                "l.id <= :upto",
                *filters,
                *([self.not_listed] if unless_listed else []),
            ]
        )
        limit = " LIMIT :cap" if cap else ""
        part = "CASE WHEN (SELECT count(*) FROM m) >= :cap THEN 2 ELSE 0 END" if cap else "0"
        reach = "(SELECT max(id) FROM m)" if cap else "0"
        # Only the first n rows get their owner's columns.
        return (
            f"WITH m AS MATERIALIZED (SELECT {self.cols} FROM {self.index.table} l "  # noqa: S608
            f"WHERE {where}{limit}) "
            f"(SELECT t.*{self.owner_cols}, {part} AS part, {reach} AS reach "
            f"FROM (SELECT * FROM m ORDER BY id LIMIT :n) t "
            f"JOIN {self.index.owner_table} o ON o.id = t.owner_id ORDER BY t.id)"
        )

    def _exact(self) -> str:
        # The label that is exactly the query (part 1).
        return (
            f"SELECT {self.cols}{self.owner_cols}, 1 AS part, 0 AS reach "  # noqa: S608
            f"FROM {self.index.table} l{self.join} WHERE l.norm = :norm "
            "ORDER BY l.id LIMIT :limit"
        )

    def _run(self, session: Session, sql: str, params: dict[str, Any]) -> list[Any]:
        return list(session.execute(text(sql).columns(**self.types), params).all())

    def word_prefix(
        self, session: Session, tokens: Sequence[str], norm: str, n: int, limit: int
    ) -> list[Any]:
        """Tier 1 candidates, usually in one statement.

        A GIN index returns all its matches to be sorted: quick for a rare prefix, slow
        for a common one. For one query word the importer has listed the first labels of
        every common prefix, so that is one ordered read either way. For several words
        the GIN index reads at most GIN_CAP matches; when it reaches that, the first n of
        them by id bound where the best n can be, and either a walk along the primary key
        up to there (cheap per row, good for dense matches) or the GIN index reading all
        matches up to there finds them, whichever the sample says is cheaper. Only short
        words: walk the best-ranked labels first, then do the same for the rest.
        """
        terms = [_Terms((token,)) for token in tokens]
        params: dict[str, Any] = {"n": n, "limit": limit, "cap": GIN_CAP, "norm": norm}
        params["query"] = " & ".join(f"{token}:*" for token in tokens)
        groups, filters = self._filters(terms, params)
        _none, all_filters = self._filters(terms, params, full_text=False)
        if len(tokens) == 1 and len(tokens[0]) <= PREFIX_MAX_LENGTH:
            # One word: a common prefix has its first labels listed by the importer; any
            # other prefix matches few labels, all read from the GIN index.
            params.update(prefix=tokens[0], after=0, upto=_NO_LIMIT)
            listed = (
                f"SELECT {self.cols}{self.owner_cols}, 0 AS part, 0 AS reach "  # noqa: S608
                f"FROM {self.index.prefix_table} p JOIN {self.index.table} l ON l.id = p.label_id"
                f"{self.join} WHERE p.prefix = :prefix ORDER BY p.label_id LIMIT :n"
            )
            rare = self._gin([], cap=False, unless_listed=True)
            sql = f"({listed}) UNION ALL ({rare}) UNION ALL ({self._exact()})"
            return _first_page(self._run(session, sql, params), n, limit)
        if groups:
            params.update(after=0, upto=_NO_LIMIT, query=" & ".join(groups))
            exact = self._exact()
            rows = self._run(session, f"{self._gin(filters, cap=True)} UNION ALL ({exact})", params)
            after = 0
        else:
            params.update(after=0, upto=SHORT_WALK)
            exact = self._exact()
            rows = self._run(session, f"({self._walk(all_filters)}) UNION ALL ({exact})", params)
            walked = [row for row in rows if row.part == 0]
            if len(walked) == n or _covers(walked, limit):
                return _first_page(rows, n, limit)
            # A short prefix that is rare among the best-ranked labels: the rest.
            after = SHORT_WALK
            params.update(after=after, upto=_NO_LIMIT, n=n - len(walked))
            rows += self._run(session, self._gin(all_filters, cap=True), params)
        capped = [row for row in rows if row.part == 2]
        if capped:
            # A common prefix: the first n matches are all within id <= upto, so either
            # walk there, or read every match up to there from the GIN index. The sample
            # says how dense the matches are: GIN_CAP of them up to `reach`.
            params["upto"] = max(row.id for row in capped)
            rows = [row for row in rows if row.part != 2]
            walk = params["upto"] - after
            reach = max(capped[0].reach - after, 1)
            everything = GIN_CAP * max(self._last_id(session) - after, 1) / reach
            if walk * WALK_COST <= everything * GIN_COST:
                rows += self._run(session, self._walk(all_filters), params)
            else:
                sql = self._gin(filters if groups else all_filters, cap=False)
                rows += self._run(session, sql, params)
        return _first_page(rows, n, limit)

    def _last_id(self, session: Session) -> int:
        # The number of label rows (their ids run from 1), for the estimate above; read once
        # per process, which is close enough after a new import too.
        if self.last_id is None:
            sql = text(f"SELECT coalesce(max(id), 0) FROM {self.index.table}")  # noqa: S608
            self.last_id = int(session.execute(sql).scalar_one())
        return self.last_id

    def _words(self, session: Session, tokens: Sequence[str], n: int) -> dict[str, list[str]]:
        # Per token, up to n vocabulary words that contain it (not at the start: those are
        # prefix matches already), short words first. One statement for all tokens; each
        # part materialised so the trigram index finds the words (a walk along the primary
        # key would read the whole vocabulary for a rare one).
        if not tokens:
            return {}
        parts: list[str] = []
        params: dict[str, Any] = {"n": n}
        for i, token in enumerate(tokens):
            params.update({f"p{i}": f"%{token}%", f"s{i}": f"{token}%"})
            parts.append(
                f"w{i} AS MATERIALIZED (SELECT id, word FROM {self.index.words_table} "  # noqa: S608
                f"WHERE word LIKE :p{i} AND word NOT LIKE :s{i})"
            )
        union = " UNION ALL ".join(
            f"(SELECT {i} AS k, word FROM w{i} ORDER BY id LIMIT :n)"  # noqa: S608
            for i in range(len(tokens))
        )
        found: dict[str, list[str]] = {}
        for k, word in session.execute(text(f"WITH {', '.join(parts)} {union}"), params):
            found.setdefault(tokens[k], []).append(word)
        return found

    def inside_words(self, session: Session, tokens: Sequence[str], n: int) -> list[Any]:
        """Tier 2 candidates: every query word is in the label, some inside a word."""
        long_enough = [t for t in tokens if len(t) >= MIN_SUBSTRING_LENGTH]
        found = self._words(session, long_enough, SUBSTRING_WORDS)
        if not found:
            return []
        # A single query word: its prefix matches were all seen in tier 1.
        prefix = len(tokens) > 1
        terms = [_Terms((t,) if prefix else (), tuple(found.get(t, ()))) for t in tokens]
        params: dict[str, Any] = {"n": n, "after": 0, "upto": _NO_LIMIT}
        groups, filters = self._filters(terms, params)
        params["query"] = " & ".join(groups)
        return [row[:-2] for row in self._run(session, self._gin(filters, cap=False), params)]

    def look_alikes(
        self, session: Session, tokens: Sequence[str], budget: int, n: int
    ) -> list[Any]:
        """Tier 3 candidates: the query words with up to `budget` typos."""
        # `<%` reads its threshold from a setting: set it for this transaction.
        session.execute(
            text("SELECT set_config('pg_trgm.word_similarity_threshold', :t, true)"),
            {"t": str(TYPO_SIMILARITY_THRESHOLD)},
        )
        terms = []
        for token in tokens:
            found: list[str] = []
            if len(token) >= MIN_TYPO_LENGTH:
                rows = session.execute(self.similar_words, {"token": token, "n": TYPO_WORDS})
                found = [word for (word,) in rows]
            terms.append(_typo_terms(token, found, budget))
        params: dict[str, Any] = {"n": n, "after": 0, "upto": _NO_LIMIT}
        groups, filters = self._filters(terms, params)
        params["query"] = " & ".join(groups)
        return [row[:-2] for row in self._run(session, self._gin(filters, cap=False), params)]


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
    with queries.planning(session):
        return _search(session, queries, norm_query, tokens, limit)


def _search(
    session: Session,
    queries: _SqliteQueries | _PostgresQueries,
    norm_query: str,
    tokens: Sequence[str],
    limit: int,
) -> list[LabelHit]:
    candidates = max(CANDIDATES_PER_RESULT * limit, MIN_CANDIDATES)
    best: dict[uuid.UUID, tuple[tuple[int, ...], _Candidate]] = {}

    def consider(rows: Any, tier_rank: Any) -> None:
        for row in rows:
            row_id, owner_id, label, norm, lang, is_preferred, *owner = row
            c = _Candidate(row_id, owner_id, label, norm, lang, is_preferred, tuple(owner))
            rank = tier_rank(c)
            if rank is None:
                continue
            current = best.get(c.owner_id)
            if current is None or rank < current[0]:
                best[c.owner_id] = (rank, c)

    def tier_one(c: _Candidate) -> tuple[int, ...]:
        pref, lang, length, row_id = _base_rank(c)
        return (WORD_PREFIX, pref, _word_prefix_rank(c.norm, norm_query), lang, length, row_id)

    consider(queries.word_prefix(session, tokens, norm_query, candidates, limit), tier_one)

    if len(best) < limit:

        def tier_two(c: _Candidate) -> tuple[int, ...]:
            return (SUBSTRING, 0, *_base_rank(c))

        consider(queries.inside_words(session, tokens, candidates), tier_two)

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

        consider(queries.look_alikes(session, tokens, budget, candidates), tier_three)

    ranked = sorted(best.values(), key=lambda item: item[0])[:limit]
    return [
        LabelHit(
            owner_id=c.owner_id,
            label=c.label,
            lang=c.lang,
            is_preferred=c.is_preferred,
            tier=rank[0],
            owner=dict(zip(queries.index.owner_columns, c.owner, strict=True)),
        )
        for rank, c in ranked
    ]
