"""The passion profile: RIASEC interest scores and the Holland code.

The 48 items are the public-domain RIASEC Markers (Liao, Armstrong & Rounds, 2008), eight
per type, with a Dutch (B1) wording written for this project; see data/riasec_items.json.
A person rates each activity from 1 ("strongly dislike") to 5 ("strongly like"). Answers
may be partial: the profile is computed once every type has MIN_ANSWERS_PER_TYPE answers.

Pure functions, no Flask: the API layer validates with check_answers and scores with score.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

TYPES: tuple[str, ...] = ("R", "I", "A", "S", "E", "C")
MIN_ANSWERS_PER_TYPE = 4
SCALE: tuple[int, int] = (1, 5)
LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "en"  # the fallback for a language we have no wording for

DATA_FILE = Path(__file__).parent / "data" / "riasec_items.json"


@dataclass(frozen=True, slots=True)
class RiasecItem:
    id: str
    type: str
    nl: str
    en: str

    def text(self, lang: str) -> str:
        return self.nl if _lang(lang) == "nl" else self.en


@dataclass(frozen=True)
class RiasecProfile:
    """Scores per type (0-100, one decimal) and the three-letter Holland code.

    holland_code holds the three highest-scoring types, highest first. Equal scores are
    ranked in the fixed order R, I, A, S, E, C, so the code is always deterministic.
    """

    scores: dict[str, float]
    holland_code: str
    answered: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "scores": dict(self.scores),
            "holland_code": self.holland_code,
            "answered": self.answered,
        }


def _lang(lang: str) -> str:
    """'nl', 'nl-NL', 'NL_be' -> 'nl'; anything we have no wording for -> English."""
    base = lang.replace("_", "-").split("-", 1)[0].strip().lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    ids = [item["id"] for item in data["items"]]
    if len(ids) != len(set(ids)) or any(item["type"] not in TYPES for item in data["items"]):
        raise RuntimeError(f"{DATA_FILE}: duplicate item ids or unknown types")
    if [t["type"] for t in data["types"]] != list(TYPES):
        raise RuntimeError(f"{DATA_FILE}: types must be listed in the order {TYPES}")
    if [s["value"] for s in data["scale"]] != list(range(SCALE[0], SCALE[1] + 1)):
        raise RuntimeError(f"{DATA_FILE}: the scale must run from {SCALE[0]} to {SCALE[1]}")
    return data


@cache
def _items() -> tuple[RiasecItem, ...]:
    return tuple(
        RiasecItem(id=item["id"], type=item["type"], nl=item["nl"], en=item["en"])
        for item in _data()["items"]
    )


@cache
def _type_of() -> dict[str, str]:
    return {item.id: item.type for item in _items()}


ITEMS: list[RiasecItem] = list(_items())


@cache
def item_ids() -> frozenset[str]:
    return frozenset(_type_of())


def items(lang: str) -> list[dict[str, str]]:
    """The items in questionnaire order: id, type and the text in that language."""
    return [{"id": item.id, "type": item.type, "text": item.text(lang)} for item in _items()]


def prompt(lang: str) -> str:
    """The question shown above each item ("How much would you like doing this?")."""
    return str(_data()["prompt"][_lang(lang)])


def scale(lang: str) -> list[dict[str, Any]]:
    """The answer scale, lowest first: [{"value": 1, "label": ...}, ...]."""
    code = _lang(lang)
    return [{"value": s["value"], "label": s[code]} for s in _data()["scale"]]


def type_info(lang: str) -> list[dict[str, str]]:
    """The six types in R, I, A, S, E, C order: type, name, nickname and a description."""
    code = _lang(lang)
    return [
        {
            "type": t["type"],
            "name": t["name"][code],
            "nickname": t["nickname"][code],
            "description": t["description"][code],
        }
        for t in _data()["types"]
    ]


def _is_valid_value(value: object) -> bool:
    # bool is a subclass of int, but True is not an answer.
    return isinstance(value, int) and not isinstance(value, bool) and SCALE[0] <= value <= SCALE[1]


def check_answers(answers: Mapping[str, object]) -> dict[str, str]:
    """Problems per item id (unknown item, value not a whole number 1..5); {} when all fine."""
    known = _type_of()
    problems: dict[str, str] = {}
    for item_id, value in answers.items():
        if item_id not in known:
            problems[str(item_id)] = "Unknown item."
        elif not _is_valid_value(value):
            problems[item_id] = f"Must be a whole number from {SCALE[0]} to {SCALE[1]}."
    return problems


def progress(answers: Mapping[str, object]) -> dict[str, int]:
    """Valid answers per type, in R, I, A, S, E, C order; unknown ids and bad values are skipped."""
    known = _type_of()
    counts = dict.fromkeys(TYPES, 0)
    for item_id, value in answers.items():
        if item_id in known and _is_valid_value(value):
            counts[known[item_id]] += 1
    return counts


def _to_score(mean: Fraction) -> float:
    """A mean on the 1..5 scale as 0..100 with one decimal, halves rounded up (56.25 -> 56.3)."""
    exact = (mean - SCALE[0]) / (SCALE[1] - SCALE[0]) * 100
    as_decimal = Decimal(exact.numerator) / Decimal(exact.denominator)
    return float(as_decimal.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def score(answers: Mapping[str, int]) -> RiasecProfile | None:
    """The profile, or None while some type has fewer than MIN_ANSWERS_PER_TYPE answers.

    Each type's score is the mean of its answered items, rescaled from 1..5 to 0..100
    ((mean - 1) / 4 * 100, one decimal). The Holland code is the three highest types,
    highest first; equal scores keep the order R, I, A, S, E, C.
    Raises ValueError when answers hold unknown ids or bad values (see check_answers).
    """
    problems = check_answers(answers)
    if problems:
        raise ValueError(f"invalid RIASEC answers: {problems}")
    if min(progress(answers).values()) < MIN_ANSWERS_PER_TYPE:
        return None
    known = _type_of()
    per_type: dict[str, list[int]] = {t: [] for t in TYPES}
    for item_id, value in answers.items():
        per_type[known[item_id]].append(value)
    scores = {t: _to_score(Fraction(sum(v), len(v))) for t, v in per_type.items()}
    # sorted() is stable and TYPES is in R, I, A, S, E, C order: that order breaks ties.
    ranked = sorted(TYPES, key=lambda t: -scores[t])
    return RiasecProfile(scores=scores, holland_code="".join(ranked[:3]), answered=len(answers))
