"""Selfie schemas: one per section (what comes in), and what goes out.

Section schemas are draft-tolerant: every field may be left out (or null), but a value
that is given must be right. Checks against the reference data (postcodes, ESCO ids,
education levels, RIASEC items) live in `validation.py`, because they read the database.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from backend.errors import ErrorSchema
from backend.selfie.vocabulary import (
    CEFR_LEVELS,
    CONTACT_METHODS,
    DAY_PARTS,
    EMPLOYER_VISIBILITY,
    EXPERIENCE_KINDS,
    SECTION_NAMES,
    SKILL_SOURCES,
    TRAVEL_MODES,
    UI_LANGUAGES,
    WEEKDAYS,
    WORK_KINDS,
)

SHORT_TEXT = 120
LONG_TEXT = 2000
MONTH_RE = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2])$")
ID_TEXT = validate.Length(max=64)
IDEMPOTENCY_KEY = validate.Regexp(
    r"^[\x21-\x7e]{1,64}$", error="Use 1 to 64 printable ASCII characters, e.g. a UUID."
)


def _unique(values: list[Any]) -> None:
    if len(set(map(str, values))) != len(values):
        raise ValidationError("Each value may appear only once.")


def _choices(
    options: tuple[str, ...], *, max_items: int | None = None, **kw: Any
) -> fields.List[Any]:
    return fields.List(
        fields.String(validate=validate.OneOf(options)),
        allow_none=True,
        validate=[validate.Length(max=max_items or len(options)), _unique],
        metadata={"description": "Any of: " + ", ".join(options), **kw},
    )


def _text(max_length: int, **kw: Any) -> fields.String:
    return fields.String(
        allow_none=True, validate=validate.Length(max=max_length), metadata=kw or None
    )


def _int(low: int, high: int, **kw: Any) -> fields.Integer:
    return fields.Integer(
        strict=True, allow_none=True, validate=validate.Range(low, high), metadata=kw or None
    )


def _esco_id(**kw: Any) -> fields.String:
    # Checked against ESCO in validation.py; here only the shape (a UUID, <= 36 chars).
    return fields.String(
        allow_none=True,
        validate=validate.Length(max=36),
        metadata={"format": "uuid", **kw},
    )


def _month(**kw: Any) -> fields.String:
    return fields.String(
        allow_none=True,
        validate=validate.Regexp(MONTH_RE, error="Use a year and month, e.g. 2021-09."),
        metadata={"example": "2021-09", **kw},
    )


class _Section(Schema):
    """Unknown fields are an error, so typos do not pass silently."""

    class Meta:
        unknown = "raise"


class BasicsSchema(_Section):
    display_name = _text(60, description="The name to show: a first name or nickname is fine.")
    birth_year = _int(1900, 2100, description="Optional; never shown to employers anonymously.")
    phone = fields.String(
        allow_none=True,
        validate=validate.Regexp(
            r"^\+?[0-9][0-9 ()-]{5,19}$", error="Use digits, e.g. 06 12345678 or +31 6 12345678."
        ),
    )
    email = fields.Email(allow_none=True, validate=validate.Length(max=254))
    preferred_language = fields.String(
        allow_none=True, validate=validate.OneOf(UI_LANGUAGES), metadata={"enum": UI_LANGUAGES}
    )
    contact_methods = _choices(CONTACT_METHODS)

    @validates_schema
    def birth_year_not_in_future(self, data: dict[str, Any], **_kw: Any) -> None:
        year = data.get("birth_year")
        if year is not None and year > date.today().year:
            raise ValidationError("A birth year cannot be in the future.", "birth_year")


class LocationSchema(_Section):
    postcode = fields.String(
        allow_none=True,
        validate=validate.Length(max=7),
        metadata={"description": "PC4 (1234) or PC6 (1234 AB); stored as PC4.", "example": "1012"},
    )
    max_distance_km = _int(1, 250, description="How far the person will travel, one way.")
    travel_modes = _choices(TRAVEL_MODES)
    has_driving_licence = fields.Boolean(allow_none=True)


class ScheduleSchema(_Section):
    """The 7 x 3 grid: for each day, the parts of the day the person can work."""

    mon = _choices(DAY_PARTS)
    tue = _choices(DAY_PARTS)
    wed = _choices(DAY_PARTS)
    thu = _choices(DAY_PARTS)
    fri = _choices(DAY_PARTS)
    sat = _choices(DAY_PARTS)
    sun = _choices(DAY_PARTS)


assert tuple(ScheduleSchema().fields) == WEEKDAYS


def _check_range(data: dict[str, Any], low: str, high: str) -> None:
    if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
        raise ValidationError("The maximum must not be lower than the minimum.", high)


class AvailabilitySchema(_Section):
    days_per_week = _int(1, 7, description="At least 1: the goal is one paid day a week.")
    schedule = fields.Nested(ScheduleSchema, allow_none=True)
    hours_per_week_min = _int(1, 60)
    hours_per_week_max = _int(1, 60)
    start_date = fields.Date(allow_none=True, metadata={"description": "Empty: can start now."})
    constraints = _text(LONG_TEXT, description="Anything an employer should know, in own words.")

    @validates_schema
    def hours_in_order(self, data: dict[str, Any], **_kw: Any) -> None:
        _check_range(data, "hours_per_week_min", "hours_per_week_max")


class ExperienceEntrySchema(_Section):
    id = fields.String(
        allow_none=True, validate=ID_TEXT, metadata={"description": "Chosen by the app."}
    )
    occupation_id = _esco_id(description="An ESCO occupation; or give a free title.")
    title = _text(SHORT_TEXT, description="A free title, when no ESCO occupation fits.")
    kind = fields.String(
        allow_none=True,
        validate=validate.OneOf(EXPERIENCE_KINDS),
        metadata={"enum": EXPERIENCE_KINDS},
    )
    start = _month()
    end = _month(description="Empty while it goes on.")
    ongoing = fields.Boolean(allow_none=True)
    description = _text(LONG_TEXT)

    @validates_schema
    def period_in_order(self, data: dict[str, Any], **_kw: Any) -> None:
        this_month = date.today().strftime("%Y-%m")
        if data.get("start") and data["start"] > this_month:
            raise ValidationError("The start cannot be in the future.", "start")
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError("The end must not be before the start.", "end")
        if data.get("end") and data.get("ongoing"):
            raise ValidationError("Leave the end empty while it goes on.", "end")


class ExperienceSchema(_Section):
    no_experience = fields.Boolean(
        allow_none=True, metadata={"description": "True: nothing to list (yet)."}
    )
    entries = fields.List(
        fields.Nested(ExperienceEntrySchema), allow_none=True, validate=validate.Length(max=50)
    )


class SkillEntrySchema(_Section):
    skill_id = _esco_id(description="An ESCO skill.")
    level = _int(1, 4, description="Self-rated: 1 (a little) to 4 (expert).")
    source = fields.String(
        allow_none=True, validate=validate.OneOf(SKILL_SOURCES), metadata={"enum": SKILL_SOURCES}
    )


class SkillsSchema(_Section):
    entries = fields.List(
        fields.Nested(SkillEntrySchema), allow_none=True, validate=validate.Length(max=200)
    )
    rejected_suggestions = fields.List(
        _esco_id(),
        allow_none=True,
        validate=[validate.Length(max=1000), _unique],
        metadata={"description": "Proposed skills the person said no to; not proposed again."},
    )


class DiplomaSchema(_Section):
    name = _text(200)
    level = fields.String(
        allow_none=True, validate=validate.Length(max=20), metadata={"example": "MBO_2"}
    )
    year = _int(1940, 2100)
    completed = fields.Boolean(allow_none=True)

    @validates_schema
    def completed_not_in_future(self, data: dict[str, Any], **_kw: Any) -> None:
        if data.get("completed") and (data.get("year") or 0) > date.today().year:
            raise ValidationError("A completed diploma cannot have a year in the future.", "year")


class EducationSchema(_Section):
    highest_level = fields.String(
        allow_none=True,
        validate=validate.Length(max=20),
        metadata={"description": "An education level code (NLQF/EQF)", "example": "MBO_2"},
    )
    diplomas = fields.List(
        fields.Nested(DiplomaSchema), allow_none=True, validate=validate.Length(max=30)
    )
    studying_now = fields.Boolean(allow_none=True)
    current_study = _text(200)


def _cefr() -> fields.String:
    return fields.String(
        allow_none=True, validate=validate.OneOf(CEFR_LEVELS), metadata={"enum": CEFR_LEVELS}
    )


class DutchLevelSchema(_Section):
    understanding = _cefr()
    speaking = _cefr()
    writing = _cefr()


class OtherLanguageSchema(DutchLevelSchema):
    language = fields.String(
        allow_none=True,
        validate=validate.Regexp(r"^[a-z]{2,3}$", error="Use an ISO 639 code, e.g. en or ar."),
        metadata={"example": "en"},
    )

    @validates_schema
    def not_dutch(self, data: dict[str, Any], **_kw: Any) -> None:
        if data.get("language") == "nl":
            raise ValidationError("Dutch has its own field: languages.dutch.", "language")


class LanguagesSchema(_Section):
    dutch = fields.Nested(DutchLevelSchema, allow_none=True)
    others = fields.List(
        fields.Nested(OtherLanguageSchema), allow_none=True, validate=validate.Length(max=20)
    )

    @validates_schema
    def each_language_once(self, data: dict[str, Any], **_kw: Any) -> None:
        seen: set[str] = set()
        for index, entry in enumerate(data.get("others") or []):
            code = (entry or {}).get("language")
            if code and code in seen:
                raise ValidationError({str(index): {"language": ["Listed twice."]}}, "others")
            if code:
                seen.add(code)


class WishesSchema(_Section):
    occupation_ids = fields.List(
        _esco_id(), allow_none=True, validate=[validate.Length(max=20), _unique]
    )
    work_kinds = _choices(WORK_KINDS)
    hours_per_week_min = _int(1, 60)
    hours_per_week_max = _int(1, 60)
    learn_skill_ids = fields.List(
        _esco_id(), allow_none=True, validate=[validate.Length(max=20), _unique]
    )
    learn_text = _text(LONG_TEXT, description="What the person would like to learn.")

    @validates_schema
    def hours_in_order(self, data: dict[str, Any], **_kw: Any) -> None:
        _check_range(data, "hours_per_week_min", "hours_per_week_max")


class InterestsSchema(_Section):
    answers = fields.Dict(
        keys=fields.String(validate=validate.Length(max=8)),
        values=fields.Integer(strict=True, allow_none=True),
        allow_none=True,
        metadata={
            "description": "RIASEC item id (R1..C8) → 1 (not at all) to 5 (very much).",
            "example": {"R1": 4, "I3": 2},
        },
    )


class VisibilitySchema(_Section):
    employers = fields.String(
        allow_none=True,
        validate=validate.OneOf(EMPLOYER_VISIBILITY),
        metadata={"enum": EMPLOYER_VISIBILITY, "description": "Default none."},
    )
    shared_sections = _choices(
        tuple(n for n in SECTION_NAMES if n != "visibility"),
        description="Sections an employer may see (default: all).",
    )
    statistics = fields.Boolean(
        allow_none=True,
        metadata={"description": "May count in anonymous regional statistics (default yes)."},
    )


SECTION_SCHEMAS: dict[str, type[Schema]] = {
    "basics": BasicsSchema,
    "location": LocationSchema,
    "availability": AvailabilitySchema,
    "experience": ExperienceSchema,
    "skills": SkillsSchema,
    "education": EducationSchema,
    "languages": LanguagesSchema,
    "wishes": WishesSchema,
    "interests": InterestsSchema,
    "visibility": VisibilitySchema,
}
assert tuple(SECTION_SCHEMAS) == SECTION_NAMES


# --- Requests other than a section body --------------------------------------------


VERSION_HEADER_MAX = 40  # If-Match and If-None-Match


class WriteHeadersSchema(Schema):
    """The headers of a section write (the offline sync protocol)."""

    class Meta:
        unknown = "exclude"

    if_match = fields.String(
        data_key="If-Match",
        validate=validate.Length(max=VERSION_HEADER_MAX),
        metadata={"description": 'The version the write is based on, e.g. "3".'},
    )
    if_none_match = fields.String(
        data_key="If-None-Match",
        validate=validate.Length(max=VERSION_HEADER_MAX),
        metadata={"description": "`*` for the first write of a section."},
    )
    idempotency_key = fields.String(
        data_key="Idempotency-Key",
        validate=IDEMPOTENCY_KEY,
        metadata={"description": "Made on the device (a UUID); a replay gets the same answer."},
    )


class SyncOperationSchema(Schema):
    """One write in a batch. Validated one by one, so one bad operation fails alone."""

    key = fields.String(
        required=True,
        validate=IDEMPOTENCY_KEY,
        metadata={"description": "Idempotency key (a UUID made on the device)."},
    )
    section = fields.String(required=True, metadata={"enum": SECTION_NAMES})
    base_version = fields.Integer(
        required=True,
        validate=validate.Range(0, 2**31 - 2),
        metadata={"description": "The version the write is based on; 0 for the first write."},
    )
    data = fields.Dict(
        required=True, metadata={"description": "The whole section, as for its PUT."}
    )


class SyncRequestSchema(Schema):
    """The batch (for the OpenAPI document: the service checks each operation on its own)."""

    class Meta:
        unknown = "raise"

    operations = fields.List(
        fields.Nested(SyncOperationSchema),
        required=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "Up to 100 writes, applied in order, each answered alone."},
    )


class LanguageQueryArgsSchema(Schema):
    lang = fields.String(
        load_default="nl", validate=validate.OneOf(UI_LANGUAGES), metadata={"enum": UI_LANGUAGES}
    )


class EraseSchema(Schema):
    class Meta:
        unknown = "raise"

    password = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(min=1, max=1024),
        metadata={"description": "The account's password, to confirm."},
    )


# --- Responses ---------------------------------------------------------------------


class SectionSchema(Schema):
    name = fields.String(required=True, metadata={"enum": SECTION_NAMES})
    version = fields.Integer(required=True, metadata={"description": "0: never written."})
    status = fields.String(required=True, metadata={"enum": ["empty", "draft", "complete"]})
    missing = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Dotted paths of what is still needed for complete."},
    )
    data = fields.Dict(required=True, metadata={"description": "The section's fields."})
    derived = fields.Dict(
        required=True,
        metadata={
            "description": "Worked out by the server: the region of the postcode "
            "(`region`), the RIASEC profile (`profile`), the names of the skills by id "
            "(`skill_labels`: {id: {nl, en}})."
        },
    )
    updated_at = fields.DateTime(allow_none=True)


class SectionConflictErrorSchema(ErrorSchema):
    """The 412 body: the error body, plus the server's copy to merge with."""

    current = fields.Nested(SectionSchema, required=True)


class SectionSummarySchema(Schema):
    name = fields.String(required=True, metadata={"enum": SECTION_NAMES})
    version = fields.Integer(required=True)
    status = fields.String(required=True, metadata={"enum": ["empty", "draft", "complete"]})
    missing = fields.List(fields.String(), required=True)
    updated_at = fields.DateTime(allow_none=True)


class SelfieOverviewSchema(Schema):
    profile_id = fields.String(
        required=True, metadata={"description": "The opaque id employers use to see the profile."}
    )
    status = fields.String(required=True, metadata={"enum": ["empty", "draft", "complete"]})
    completeness = fields.Integer(
        required=True, metadata={"description": "Per cent of the sections that are complete."}
    )
    sections = fields.List(fields.Nested(SectionSummarySchema), required=True)


class RevisionSchema(Schema):
    version = fields.Integer(required=True)
    data = fields.Dict(required=True)
    created_at = fields.DateTime(required=True)


class SyncResultSchema(Schema):
    key = fields.String(allow_none=True)
    section = fields.String(allow_none=True)
    status = fields.Integer(
        required=True, metadata={"description": "What a PUT would have answered: 200, 412, 422..."}
    )
    replayed = fields.Boolean(required=True)
    result = fields.Nested(
        SectionSchema,
        allow_none=True,
        metadata={"description": "On 200 the new state; on 412 the server's copy."},
    )
    error = fields.Dict(allow_none=True, metadata={"description": "The error body, when not 200."})


class SyncResponseSchema(Schema):
    results = fields.List(fields.Nested(SyncResultSchema), required=True)


class SkillProposalSchema(Schema):
    skill_id = fields.String(required=True)
    label = fields.String(required=True)
    occupation_ids = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "The experience occupations that need this skill."},
    )


class InterestItemSchema(Schema):
    id = fields.String(required=True, metadata={"example": "R1"})
    type = fields.String(required=True, metadata={"enum": ["R", "I", "A", "S", "E", "C"]})
    text = fields.String(required=True)


class CvLineSchema(Schema):
    label = fields.String(required=True)
    value = fields.String(required=True)


class CvSectionSchema(Schema):
    section = fields.String(required=True, metadata={"enum": SECTION_NAMES})
    title = fields.String(required=True)
    lines = fields.List(fields.Nested(CvLineSchema), required=True)


class CvSchema(Schema):
    language = fields.String(required=True, metadata={"enum": UI_LANGUAGES})
    name = fields.String(allow_none=True)
    sections = fields.List(fields.Nested(CvSectionSchema), required=True)
    not_yet_complete = fields.List(
        fields.String(), required=True, metadata={"description": "Sections left out for now."}
    )


class JsonResumeSchema(Schema):
    """A JSON Resume document (https://jsonresume.org/schema); empty parts are left out."""

    basics = fields.Dict()
    work = fields.List(fields.Dict())
    volunteer = fields.List(fields.Dict())
    education = fields.List(fields.Dict())
    skills = fields.List(fields.Dict())
    languages = fields.List(fields.Dict())
    interests = fields.List(fields.Dict())
    projects = fields.List(fields.Dict())
    meta = fields.Dict()


class ProfileSchema(Schema):
    """What an employer sees; members are absent when the person did not share them."""

    profile_id = fields.String(required=True)
    visibility = fields.String(required=True, metadata={"enum": ["anonymous", "full"]})
    display_name = fields.String()
    contact = fields.Dict()
    birth_year = fields.Integer()
    postcode = fields.String()
    region = fields.Dict()
    max_distance_km = fields.Integer()
    travel = fields.Dict()
    availability = fields.Dict()
    skills = fields.List(fields.Dict())
    education_level = fields.Dict()
    education = fields.Dict()
    languages = fields.Dict()
    experience = fields.List(fields.Dict())
    wishes = fields.Dict()
    interests = fields.Dict()


class ExportSchema(Schema):
    exported_at = fields.DateTime(required=True)
    data = fields.Dict(
        required=True, metadata={"description": "One member per domain: account, selfie, ..."}
    )
