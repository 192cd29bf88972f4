"""The passion profile (RIASEC): items, answer checks and scoring. Pure: no app, no database."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.selfie import riasec
from backend.selfie.riasec import MIN_ANSWERS_PER_TYPE, TYPES

ROOT = Path(__file__).resolve().parents[2]
CSV = ROOT / "data" / "interests" / "riasec_markers_48_items.csv"


def ids_of(kind: str) -> list[str]:
    return [item.id for item in riasec.ITEMS if item.type == kind]


def answers_for(values: dict[str, list[int]]) -> dict[str, int]:
    """Answers to the first items of each type: {"R": [5, 4]} -> {"R1": 5, "R2": 4}."""
    return {
        item_id: value
        for kind, vals in values.items()
        for item_id, value in zip(ids_of(kind), vals, strict=False)
    }


# --- the items and texts ---------------------------------------------------------------


def test_48_items_8_per_type_unique_ids() -> None:
    assert len(riasec.ITEMS) == 48
    assert Counter(item.type for item in riasec.ITEMS) == dict.fromkeys(TYPES, 8)
    assert len({item.id for item in riasec.ITEMS}) == 48
    assert riasec.item_ids() == {f"{t}{n}" for t in TYPES for n in range(1, 9)}


def test_items_match_the_public_domain_source_in_order() -> None:
    with CSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(i.id, i.type, i.en) for i in riasec.ITEMS] == [
        (r["item_id"], r["riasec"], r["text_en"]) for r in rows
    ]


def test_every_item_has_its_own_dutch_wording() -> None:
    for item in riasec.ITEMS:
        assert item.nl.strip() and item.en.strip(), item.id
        assert item.nl != item.en, item.id
        # B1: short activity phrases, no trailing punctuation.
        assert len(item.nl.split()) <= 12, item.id
        assert not item.nl.endswith("."), item.id
    assert len({item.nl for item in riasec.ITEMS}) == 48


def test_items_per_language_with_english_fallback() -> None:
    nl = riasec.items("nl")
    en = riasec.items("en")
    assert nl[0] == {"id": "R1", "type": "R", "text": riasec.ITEMS[0].nl}
    assert en[0] == {"id": "R1", "type": "R", "text": riasec.ITEMS[0].en}
    assert riasec.items("nl-NL") == nl
    assert riasec.items("fr") == en
    assert riasec.items("") == en


def test_scale_has_five_points_in_both_languages() -> None:
    for lang in ("nl", "en"):
        points = riasec.scale(lang)
        assert [p["value"] for p in points] == [1, 2, 3, 4, 5]
        assert all(p["label"].strip() for p in points)
        assert len({p["label"] for p in points}) == 5
    assert riasec.scale("nl")[0]["label"] == "Helemaal niet leuk"
    assert riasec.scale("en")[-1]["label"] == "Strongly like"
    assert riasec.scale("de") == riasec.scale("en")
    assert riasec.prompt("nl") != riasec.prompt("en")


def test_types_have_names_and_descriptions_in_both_languages() -> None:
    nl, en = riasec.type_info("nl"), riasec.type_info("en")
    assert [t["type"] for t in nl] == [t["type"] for t in en] == list(TYPES)
    for info in (*nl, *en):
        assert info["name"].strip() and info["nickname"].strip()
        assert info["description"].strip().endswith(".")
    assert [t["description"] for t in nl] != [t["description"] for t in en]
    assert en[0]["name"] == "Realistic"


def test_data_file_is_utf8_without_escapes() -> None:
    raw = riasec.DATA_FILE.read_text(encoding="utf-8")
    assert "\\u" not in raw
    assert json.loads(raw)["items"][0]["id"] == "R1"


# --- checking answers ------------------------------------------------------------------


def test_check_answers_accepts_valid_answers() -> None:
    assert riasec.check_answers({}) == {}
    assert riasec.check_answers({"R1": 1, "C8": 5, "S3": 3}) == {}


@pytest.mark.parametrize("bad", [0, 6, -1, "3", True, False, 2.5, 3.0, None, [3]])
def test_check_answers_refuses_bad_values(bad: object) -> None:
    problems = riasec.check_answers({"R1": 4, "I2": bad})
    assert set(problems) == {"I2"}
    assert "1" in problems["I2"] and "5" in problems["I2"]


def test_check_answers_refuses_unknown_ids() -> None:
    problems = riasec.check_answers({"R9": 3, "X1": 3, "r1": 3, "R1": 3})
    assert set(problems) == {"R9", "X1", "r1"}
    assert all("Unknown" in p for p in problems.values())


def test_score_refuses_answers_that_did_not_pass_the_check() -> None:
    with pytest.raises(ValueError, match="R9"):
        riasec.score({"R9": 3})


# --- progress and scoring --------------------------------------------------------------


def test_progress_counts_answers_per_type() -> None:
    answers = answers_for({"R": [1, 2, 3], "E": [5]})
    assert riasec.progress(answers) == {"R": 3, "I": 0, "A": 0, "S": 0, "E": 1, "C": 0}
    assert riasec.progress({"R1": True, "R9": 3, "I1": 4}) == {
        "R": 0,
        "I": 1,
        "A": 0,
        "S": 0,
        "E": 0,
        "C": 0,
    }


def test_no_profile_until_every_type_has_four_answers() -> None:
    assert riasec.score({}) is None
    four_each = answers_for({t: [3] * MIN_ANSWERS_PER_TYPE for t in TYPES})
    short_in_one = {k: v for k, v in four_each.items() if k != "C4"}
    assert riasec.progress(short_in_one)["C"] == 3
    assert riasec.score(short_in_one) is None
    profile = riasec.score(four_each)
    assert profile is not None
    assert profile.answered == 24
    assert profile.scores == dict.fromkeys(TYPES, 50.0)


def test_all_ones_and_all_fives() -> None:
    lowest = riasec.score(dict.fromkeys(riasec.item_ids(), 1))
    highest = riasec.score(dict.fromkeys(riasec.item_ids(), 5))
    assert lowest is not None and highest is not None
    assert lowest.scores == dict.fromkeys(TYPES, 0.0)
    assert highest.scores == dict.fromkeys(TYPES, 100.0)
    assert lowest.answered == highest.answered == 48
    # Everything equal: the tie order R, I, A, S, E, C decides.
    assert lowest.holland_code == highest.holland_code == "RIA"


def test_hand_worked_example() -> None:
    answers = answers_for(
        {
            "R": [1, 2, 1, 2],  # mean 1.5 -> 12.5
            "I": [3, 3, 4, 4, 4],  # mean 3.6 -> 65.0
            "A": [5, 5, 4, 4],  # mean 4.5 -> 87.5
            "S": [5, 5, 5, 4, 5, 5, 5, 5],  # mean 4.875 -> 96.875 -> 96.9
            "E": [2, 3, 3, 3, 3, 3],  # mean 17/6 -> 45.833... -> 45.8
            "C": [1, 1, 1, 2],  # mean 1.25 -> 6.25 -> 6.3 (halves round up)
        }
    )
    profile = riasec.score(answers)
    assert profile is not None
    assert profile.scores == {
        "R": 12.5,
        "I": 65.0,
        "A": 87.5,
        "S": 96.9,
        "E": 45.8,
        "C": 6.3,
    }
    assert profile.holland_code == "SAI"
    assert profile.answered == 31
    assert profile.to_dict() == {
        "scores": profile.scores,
        "holland_code": "SAI",
        "answered": 31,
    }
    json.dumps(profile.to_dict())


def test_ties_are_broken_in_riasec_order() -> None:
    # E and A tie for first at 75.0, C and I tie for third at 50.0: A before E, I before C.
    answers = answers_for(
        {
            "R": [1, 1, 1, 1],  # 0.0
            "I": [3, 3, 3, 3],  # 50.0
            "A": [4, 4, 4, 4],  # 75.0
            "S": [2, 2, 2, 2],  # 25.0
            "E": [5, 3, 4, 4, 4, 4],  # 75.0 (mean 4, with a different number of answers)
            "C": [2, 4, 3, 3],  # 50.0
        }
    )
    profile = riasec.score(answers)
    assert profile is not None
    assert profile.scores["A"] == profile.scores["E"] == 75.0
    assert profile.scores["I"] == profile.scores["C"] == 50.0
    assert profile.holland_code == "AEI"


def test_profile_is_frozen() -> None:
    profile = riasec.score(dict.fromkeys(riasec.item_ids(), 3))
    assert profile is not None
    with pytest.raises(AttributeError):
        profile.holland_code = "RIA"  # type: ignore[misc]


@st.composite
def complete_answers(draw: st.DrawFn) -> dict[str, int]:
    answers: dict[str, int] = {}
    for kind in TYPES:
        chosen = draw(
            st.lists(
                st.sampled_from(ids_of(kind)),
                min_size=MIN_ANSWERS_PER_TYPE,
                max_size=8,
                unique=True,
            )
        )
        for item_id in chosen:
            answers[item_id] = draw(st.integers(min_value=1, max_value=5))
    return answers


@given(complete_answers())
def test_scores_stay_in_range_and_the_code_is_three_distinct_types(
    answers: dict[str, int],
) -> None:
    profile = riasec.score(answers)
    assert profile is not None
    assert set(profile.scores) == set(TYPES)
    assert all(0.0 <= s <= 100.0 for s in profile.scores.values())
    code = profile.holland_code
    assert len(code) == 3 and len(set(code)) == 3 and set(code) <= set(TYPES)
    # Highest first, and nothing outside the code beats what is in it.
    in_code = [profile.scores[t] for t in code]
    assert in_code == sorted(in_code, reverse=True)
    assert all(profile.scores[t] <= in_code[-1] for t in TYPES if t not in code)
    assert profile.answered == len(answers)


@given(
    st.dictionaries(
        st.sampled_from(sorted(riasec.item_ids())),
        st.integers(min_value=1, max_value=5),
    )
)
def test_partial_answers_give_a_profile_exactly_when_each_type_has_four(
    answers: dict[str, int],
) -> None:
    enough = all(n >= MIN_ANSWERS_PER_TYPE for n in riasec.progress(answers).values())
    assert (riasec.score(answers) is not None) == enough
