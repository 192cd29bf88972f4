"""The search building blocks: normalisation, edit distances and the ranking rules."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend import db
from backend.taxonomy import search


def _general_normalise(value: str) -> str:
    # The slow, obviously right version (no ASCII fast path).
    folded = unicodedata.normalize("NFKD", value).casefold()
    decomposed = unicodedata.normalize("NFKD", folded.translate(search._FOLD))
    kept = [c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c)]
    return " ".join("".join(kept).split())


def _osa(a: str, b: str) -> int:
    # Edit distance where swapping two neighbouring letters is one edit (optimal string
    # alignment), the textbook dynamic programme.
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def _best_substring(pattern: str, text: str) -> int:
    return min(
        _osa(pattern, text[i:j]) for i in range(len(text) + 1) for j in range(i, len(text) + 1)
    )


def _best_prefix(pattern: str, text: str) -> int:
    return min(_osa(pattern, text[:j]) for j in range(len(text) + 1))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Café", "cafe"),
        ("  Chef-Kok ", "chef kok"),
        ("privéleraar/privélerares", "priveleraar privelerares"),
        ("Søren Ærø", "soren aero"),
        ("CNC-programmeur", "cnc programmeur"),
        ("façade", "facade"),
        ("!!!", ""),
    ],
)
def test_normalise_lowercases_strips_accents_and_punctuation(raw: str, expected: str) -> None:
    assert search.normalise(raw) == expected


@given(st.text(max_size=40))
def test_normalise_fast_path_agrees_with_the_general_one(value: str) -> None:
    assert search.normalise(value) == _general_normalise(value)
    assert search.normalise(search.normalise(value)) == search.normalise(value)


alphabet = st.text(alphabet="abcde ", max_size=12)


@settings(max_examples=400)
@given(st.text(alphabet="abcde", min_size=1, max_size=8), alphabet)
def test_substring_distance_matches_the_textbook_definition(pattern: str, text: str) -> None:
    assert search.substring_distance(pattern, text) == _best_substring(pattern, text)


@settings(max_examples=400)
@given(st.text(alphabet="abcde", min_size=1, max_size=8), alphabet)
def test_prefix_distance_matches_the_textbook_definition(pattern: str, text: str) -> None:
    assert search.prefix_distance(pattern, text) == _best_prefix(pattern, text)


def test_a_swap_of_two_letters_is_one_typo() -> None:
    assert search.prefix_distance("secnario", "scenarioschrijver") == 1
    assert search.substring_distance("tpyes", "data types") == 1
    assert search.typo_distance("seinor", "senior sales manager") == 1


def test_typo_distance_prefers_word_starts() -> None:
    assert search.typo_distance("heftruk", "heftruckchauffeur") == 1
    assert search.typo_distance("chaufeur", "chauffeur vrachtwagen") == 1
    assert search.typo_distance("chaufeur", "vrachtwagen chauffeur") == 1
    # Inside a word a typo costs one more.
    assert search.typo_distance("chaufeur", "buschauffeur") == 2
    assert search.typo_distance("kapper", "kapper") == 0


@pytest.mark.parametrize(
    ("query", "budget"), [("kok", 0), ("cafe", 0), ("kappr", 1), ("verpleegkund", 2)]
)
def test_typo_budget_grows_with_the_query(query: str, budget: int) -> None:
    assert search.typo_budget(query) == budget


def _hits(query: str, limit: int = 10, index: search.LabelIndex = search.OCCUPATION_LABELS) -> list:
    return search.search_labels(db.read_session(), index, query, limit)


@pytest.mark.usefixtures("app")
class TestRanking:
    def test_tiers_come_in_order_and_preferred_before_alternative(self) -> None:
        for query in ("kok", "chef", "verpleeg", "chauffeur", "manager", "a", "ma"):
            hits = _hits(query, 50)
            assert hits, query
            tiers = [hit.tier for hit in hits]
            assert tiers == sorted(tiers), query
            word_prefix = [hit for hit in hits if hit.tier == search.WORD_PREFIX]
            preferred = [hit.is_preferred for hit in word_prefix]
            assert preferred == sorted(preferred, reverse=True), query

    def test_exact_label_first(self) -> None:
        assert _hits("kok")[0].label == "kok"
        assert _hits("Cook")[0].label == "cook"

    def test_dutch_before_english_for_an_equal_match(self) -> None:
        # "chief" starts the Dutch label of three occupations, and of four others only the
        # English label.
        hits = [h for h in _hits("chief", 50) if h.is_preferred and h.label.startswith("chief")]
        langs = [h.lang for h in hits]
        assert "nl" in langs and "en" in langs
        assert langs == sorted(langs, key=lambda lang: lang != "nl")

    def test_shorter_labels_first_within_a_kind(self) -> None:
        hits = [h for h in _hits("schoonmaker", 50) if h.is_preferred and h.lang == "nl"]
        starts = [h for h in hits if search.normalise(h.label).startswith("schoonmaker")]
        lengths = [len(h.label) for h in starts]
        assert len(lengths) > 3
        assert lengths == sorted(lengths)

    def test_one_result_per_occupation(self) -> None:
        hits = _hits("heftruck", 50)
        assert len({h.owner_id for h in hits}) == len(hits)

    def test_compound_words_match_inside(self) -> None:
        hits = _hits("verpleegkundige", 50)
        tiers = {h.label: h.tier for h in hits}
        assert tiers.get("ambulanceverpleegkundige") == search.SUBSTRING

    def test_typos_only_when_nothing_matches_exactly(self) -> None:
        hits = _hits("heftruk")
        assert [h.tier for h in hits] == [search.TYPO] * len(hits)
        assert "heftruckchauffeur" in [h.label for h in hits]
        assert all(h.tier != search.TYPO for h in _hits("kapper"))

    def test_queries_without_letters_or_digits_find_nothing(self) -> None:
        assert _hits("!!!") == []
        assert _hits("-") == []

    def test_skills_prefer_dutch_labels(self) -> None:
        hits = _hits("nederlands", 10, search.SKILL_LABELS)
        assert hits[0].label == "Nederlands"
        assert hits[0].lang == "nl"
