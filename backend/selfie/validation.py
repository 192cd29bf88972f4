"""Check a section write: its schema, then the reference data it points at.

A draft may leave anything out, but a value that is given must be right. Every problem
is reported at once, each under the dotted path of its field (`location.postcode`,
`experience.entries.0.occupation_id`), and nothing stored is touched.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from marshmallow import ValidationError

from backend.errors import InvalidFields
from backend.selfie import sections
from backend.selfie.schemas import SECTION_SCHEMAS

Errors = dict[str, list[str]]
# Built once: making a marshmallow schema costs more than loading a section with it.
_SCHEMAS = {name: schema() for name, schema in SECTION_SCHEMAS.items()}
UNKNOWN_ESCO = "This is not a known ESCO id."


def flatten_messages(messages: Any, prefix: str) -> Errors:
    """Turn marshmallow's nested messages into {dotted.path: [problems]}."""
    flat: Errors = {}

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                key = str(key)
                # "_schema" is the object itself; "key"/"value" are the parts of a Dict entry.
                walk(value, path if key in {"_schema", "key", "value"} else f"{path}.{key}")
        elif isinstance(node, list) and all(isinstance(m, str) for m in node):
            flat.setdefault(path, []).extend(node)
        elif isinstance(node, list):
            for item in node:
                walk(item, path)
        else:
            flat.setdefault(path, []).append(str(node))

    walk(messages, prefix)
    return flat


# C0 control characters other than tab, newline and carriage return: never meant, and
# PostgreSQL cannot store NUL in text or JSONB.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _control_characters(value: Any, path: str, errors: Errors) -> None:
    if isinstance(value, str):
        if CONTROL_RE.search(value):
            errors.setdefault(path, []).append("Remove the control characters from this text.")
    elif isinstance(value, dict):
        for key, item in value.items():
            _control_characters(item, f"{path}.{key}", errors)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _control_characters(item, f"{path}.{index}", errors)


def _jsonable(value: Any) -> Any:
    # Stored as JSON: dates become ISO strings, unanswered (None) members are left out.
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def canonical_uuid(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        return None


class _Checker:
    """Collects reference-data problems for one section."""

    def __init__(self, name: str) -> None:
        from backend.taxonomy import service as taxonomy

        self.name = name
        self.taxonomy = taxonomy
        self.errors: Errors = {}

    def fail(self, path: str, problem: str) -> None:
        self.errors.setdefault(f"{self.name}.{path}", []).append(problem)

    def esco(self, path: str, value: str | None, exists: Callable[[str], bool]) -> str | None:
        if value is None:
            return None
        key = canonical_uuid(value)
        if key is None or not exists(key):
            self.fail(path, UNKNOWN_ESCO)
            return value
        return key

    def occupation(self, path: str, value: str | None) -> str | None:
        return self.esco(path, value, self.taxonomy.occupation_exists)

    def skill(self, path: str, value: str | None) -> str | None:
        return self.esco(path, value, self.taxonomy.skill_exists)

    def level(self, path: str, value: str | None) -> None:
        if value is not None and not self.taxonomy.education_level_exists(value):
            self.fail(path, "This is not a known education level.")


def _location(c: _Checker, data: dict[str, Any], _current: Mapping[str, Any]) -> None:
    raw = data.get("postcode")
    if raw is None:
        return
    pc4 = c.taxonomy.normalise_postcode(raw)
    if pc4 is None:
        c.fail("postcode", "Use 4 digits, optionally followed by 2 letters, e.g. 1234 AB.")
    elif sections.region_of(pc4) is None:
        c.fail("postcode", "We do not know this postcode.")
    else:
        data["postcode"] = pc4  # PC6 is reduced to PC4: we never keep more than we need


def _experience(c: _Checker, data: dict[str, Any], _current: Mapping[str, Any]) -> None:
    for i, entry in enumerate(data.get("entries") or []):
        entry["occupation_id"] = c.occupation(
            f"entries.{i}.occupation_id", entry.get("occupation_id")
        )


def _skills(c: _Checker, data: dict[str, Any], current: Mapping[str, Any]) -> None:
    confirmed = {
        e.get("skill_id") for e in current.get("entries") or [] if e.get("source") == "confirmed_by"
    }
    seen: set[str] = set()
    for i, entry in enumerate(data.get("entries") or []):
        skill_id = c.skill(f"entries.{i}.skill_id", entry.get("skill_id"))
        entry["skill_id"] = skill_id
        if skill_id is not None and skill_id in seen:
            c.fail(f"entries.{i}.skill_id", "This skill is listed twice.")
        if skill_id is not None:
            seen.add(skill_id)
        if entry.get("source") == "confirmed_by" and skill_id not in confirmed:
            # Only an employer or a mentor confirms a skill; the person can keep it, not add it.
            c.fail(f"entries.{i}.source", "Only an employer or a mentor can confirm a skill.")
    rejected = []
    for i, value in enumerate(data.get("rejected_suggestions") or []):
        key = canonical_uuid(value)
        if key is None:
            c.fail(f"rejected_suggestions.{i}", UNKNOWN_ESCO)
        rejected.append(key or value)
    if "rejected_suggestions" in data and data["rejected_suggestions"] is not None:
        data["rejected_suggestions"] = rejected


def _education(c: _Checker, data: dict[str, Any], _current: Mapping[str, Any]) -> None:
    c.level("highest_level", data.get("highest_level"))
    for i, diploma in enumerate(data.get("diplomas") or []):
        c.level(f"diplomas.{i}.level", diploma.get("level"))


def _wishes(c: _Checker, data: dict[str, Any], _current: Mapping[str, Any]) -> None:
    if data.get("occupation_ids") is not None:
        data["occupation_ids"] = [
            c.occupation(f"occupation_ids.{i}", v) for i, v in enumerate(data["occupation_ids"])
        ]
    if data.get("learn_skill_ids") is not None:
        data["learn_skill_ids"] = [
            c.skill(f"learn_skill_ids.{i}", v) for i, v in enumerate(data["learn_skill_ids"])
        ]


def _interests(c: _Checker, data: dict[str, Any], _current: Mapping[str, Any]) -> None:
    from backend.selfie import riasec

    answers = {k: v for k, v in (data.get("answers") or {}).items() if v is not None}
    for item, problem in riasec.check_answers(answers).items():
        c.fail(f"answers.{item}", problem)


CHECKS: dict[str, Callable[[_Checker, dict[str, Any], Mapping[str, Any]], None]] = {
    "location": _location,
    "experience": _experience,
    "skills": _skills,
    "education": _education,
    "wishes": _wishes,
    "interests": _interests,
}


def clean_section(name: str, raw: Any, *, current: Mapping[str, Any]) -> dict[str, Any]:
    """Return the section as it will be stored, or raise InvalidFields naming each field."""
    if not isinstance(raw, dict):
        raise InvalidFields({name: ["Send the section as a JSON object."]})
    try:
        data: dict[str, Any] = _SCHEMAS[name].load(raw)
    except ValidationError as exc:
        raise InvalidFields(flatten_messages(exc.messages, name)) from exc
    errors: Errors = {}
    _control_characters(data, name, errors)
    if errors:
        raise InvalidFields(errors)
    check = CHECKS.get(name)
    if check is not None:
        checker = _Checker(name)
        check(checker, data, current)
        if checker.errors:
            raise InvalidFields(checker.errors)
    cleaned: dict[str, Any] = _jsonable(data)
    return cleaned
