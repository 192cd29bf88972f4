"""Schemas of functions, vacancies and the vacancy search."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from backend.selfie.schemas import LanguageQueryArgsSchema, ProfileSchema
from backend.url_converters import MAX_ID
from backend.vacancies.models import (
    HiringMode,
    InterestShare,
    SkillImportance,
    VacancyKind,
    VacancyStatus,
)
from backend.vacancies.service import (
    DAY_PARTS,
    DEFAULT_DISTANCE_KM,
    MAX_DISTANCE_KM,
    MAX_MESSAGE,
    MAX_SKILLS,
    MAX_TASKS,
    SORTS,
    WEEKDAYS,
)

# C0 control characters other than tab, newline and carriage return: never meant, and
# PostgreSQL cannot store NUL in text or JSONB.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SHORT_TEXT = 120
LONG_TEXT = 5000


def _no_control_characters(value: str) -> None:
    if CONTROL_RE.search(value):
        raise ValidationError("Remove the control characters from this text.")


def _unique(values: list[Any]) -> None:
    if len(set(map(str, values))) != len(values):
        raise ValidationError("Each value may appear only once.")


def _text(max_length: int, *, min_length: int = 0, **kw: Any) -> fields.String:
    return fields.String(
        validate=[validate.Length(min=min_length, max=max_length), _no_control_characters],
        **kw,
    )


def _hours(**kw: Any) -> fields.Integer:
    return fields.Integer(validate=validate.Range(min=1, max=60), **kw)


class _Strict(Schema):
    """Unknown fields are an error, so typos do not pass silently."""

    class Meta:
        unknown = "raise"


# --- Functions ---------------------------------------------------------------------------


class FunctionSkillEntrySchema(_Strict):
    skill_id = fields.UUID(required=True, metadata={"description": "An ESCO skill id"})
    importance = fields.Enum(SkillImportance, by_value=True, load_default=SkillImportance.ESSENTIAL)


class _FunctionFields(_Strict):
    title = _text(SHORT_TEXT, min_length=2, metadata={"description": "Default: the ESCO label"})
    description = _text(LONG_TEXT, metadata={"description": "In plain language (B1)"})
    tasks = fields.List(
        _text(200, min_length=1),
        validate=validate.Length(max=MAX_TASKS),
        metadata={"description": f"Up to {MAX_TASKS} tasks"},
    )
    skills = fields.List(
        fields.Nested(FunctionSkillEntrySchema),
        validate=validate.Length(max=MAX_SKILLS),
        metadata={
            "description": "Required skills. Left out when creating: the occupation's "
            "essential and optional ESCO skills."
        },
    )
    education_level = fields.String(
        allow_none=True,
        validate=validate.Length(max=20),
        metadata={"description": "An education level code, e.g. MBO_2"},
    )
    hours_per_week_min = _hours(allow_none=True, metadata={"description": "Typical hours"})
    hours_per_week_max = _hours(allow_none=True)
    postcode = fields.String(
        allow_none=True,
        validate=validate.Length(min=4, max=7),
        metadata={"description": "PC4 or PC6; default: the organisation's"},
    )
    is_future = fields.Boolean(
        metadata={"description": "A future function: expected demand, not a vacancy yet"}
    )
    future_count = fields.Integer(
        allow_none=True,
        validate=validate.Range(min=1, max=100_000),
        metadata={"description": "How many people are expected to be needed"},
    )
    future_date = fields.Date(allow_none=True, metadata={"description": "From when"})


class FunctionCreateSchema(_FunctionFields):
    occupation_id = fields.UUID(required=True, metadata={"description": "An ESCO occupation id"})


class FunctionUpdateSchema(_FunctionFields):
    """Every field is optional; the ones given replace the stored ones."""


class FunctionSkillSchema(Schema):
    skill_id = fields.UUID(required=True)
    label = fields.String(required=True)
    importance = fields.Enum(SkillImportance, by_value=True, required=True)


class FunctionSchema(Schema):
    id = fields.Integer(required=True)
    organisation_id = fields.Integer(required=True)
    occupation_id = fields.UUID(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    tasks = fields.List(fields.String(), required=True)
    skills = fields.List(fields.Nested(FunctionSkillSchema), required=True)
    education_level = fields.String(allow_none=True, required=True)
    hours_per_week_min = fields.Integer(allow_none=True, required=True)
    hours_per_week_max = fields.Integer(allow_none=True, required=True)
    postcode = fields.String(allow_none=True, required=True)
    is_future = fields.Boolean(required=True)
    future_count = fields.Integer(allow_none=True, required=True)
    future_date = fields.Date(allow_none=True, required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


# --- Vacancies ---------------------------------------------------------------------------

_SCHEDULE = fields.Dict(
    keys=fields.String(validate=validate.OneOf(WEEKDAYS)),
    values=fields.List(
        fields.String(validate=validate.OneOf(DAY_PARTS)),
        validate=[validate.Length(max=len(DAY_PARTS)), _unique],
    ),
    allow_none=True,
    metadata={
        "description": "Weekday (mon … sun) → parts of the day (morning, afternoon, evening)",
        "example": {"mon": ["morning"], "wed": ["morning", "afternoon"]},
    },
)


class _VacancyFields(_Strict):
    kind = fields.Enum(VacancyKind, by_value=True)
    hiring_mode = fields.Enum(
        HiringMode,
        by_value=True,
        metadata={"description": "regular, or open (open hiring: the list decides)"},
    )
    title = _text(SHORT_TEXT, min_length=2, metadata={"description": "Default: the function's"})
    description = _text(LONG_TEXT, metadata={"description": "Default: the function's"})
    postcode = fields.String(
        allow_none=True,
        validate=validate.Length(min=4, max=7),
        metadata={"description": "PC4 or PC6; default: the function's"},
    )
    schedule = _SCHEDULE
    hours_per_week = _hours(allow_none=True)
    start_date = fields.Date(allow_none=True)
    end_date = fields.Date(allow_none=True)
    closes_on = fields.Date(
        allow_none=True, metadata={"description": "Apply until; the vacancy expires after it"}
    )
    places = fields.Integer(validate=validate.Range(min=1, max=1000))
    min_age = fields.Integer(
        allow_none=True,
        validate=validate.Range(min=13, max=99),
        metadata={"description": "Open hiring: the legal minimum age the employer sets"},
    )
    offer_hours = fields.Integer(
        validate=validate.Range(min=1, max=336),
        metadata={"description": "Open hiring: how long an offer stands (default 48)"},
    )
    reconfirm_days = fields.Integer(
        validate=validate.Range(min=1, max=90),
        metadata={"description": "Open hiring: pause people who did not re-confirm (default 14)"},
    )


class VacancyCreateSchema(_VacancyFields):
    function_id = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_ID))
    kind = fields.Enum(VacancyKind, by_value=True, load_default=VacancyKind.JOB)
    hiring_mode = fields.Enum(
        HiringMode,
        by_value=True,
        load_default=HiringMode.REGULAR,
        metadata={"description": "regular, or open (open hiring: the list decides)"},
    )


class VacancyUpdateSchema(_VacancyFields):
    """Every field is optional; the ones given replace the stored ones."""


class VacancyRegionSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)


class VacancySummarySchema(Schema):
    """A vacancy in a list."""

    id = fields.Integer(required=True)
    organisation_id = fields.Integer(required=True)
    organisation_name = fields.String(required=True)
    function_id = fields.Integer(required=True)
    occupation_id = fields.UUID(required=True)
    title = fields.String(required=True)
    kind = fields.Enum(VacancyKind, by_value=True, required=True)
    hiring_mode = fields.Enum(HiringMode, by_value=True, required=True)
    status = fields.Enum(VacancyStatus, by_value=True, required=True)
    postcode = fields.String(allow_none=True, required=True)
    place = fields.String(allow_none=True, required=True)
    region = fields.Nested(VacancyRegionSchema, allow_none=True, required=True)
    schedule = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), required=True)
    hours_per_week = fields.Integer(allow_none=True, required=True)
    start_date = fields.Date(allow_none=True, required=True)
    end_date = fields.Date(allow_none=True, required=True)
    closes_on = fields.Date(allow_none=True, required=True)
    places = fields.Integer(required=True)
    published_at = fields.DateTime(allow_none=True, required=True)
    public_url = fields.String(
        allow_none=True, required=True, metadata={"description": "The public page, once published"}
    )
    distance_km = fields.Float(
        allow_none=True,
        required=True,
        metadata={"description": "From the postcode searched for (null without one)"},
    )


class EmployerVacancySchema(VacancySummarySchema):
    """A vacancy in the organisation's own list: its terms and what is missing."""

    description = fields.String(required=True)
    min_age = fields.Integer(allow_none=True, required=True)
    offer_hours = fields.Integer(required=True)
    reconfirm_days = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    ended_at = fields.DateTime(allow_none=True, required=True)
    missing = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "What publishing still needs (empty: complete)"},
    )


class VacancySchema(EmployerVacancySchema):
    """A vacancy with everything about it, its function's skills and tasks included."""

    skills = fields.List(fields.Nested(FunctionSkillSchema), required=True)
    tasks = fields.List(fields.String(), required=True)
    education_level = fields.String(allow_none=True, required=True)


class VacancyQueryArgsSchema(Schema):
    """The query string of the vacancy search."""

    postcode = fields.String(
        validate=validate.Length(min=1, max=7),
        metadata={"description": "Search around this postcode (PC4 or PC6)"},
    )
    distance_km = fields.Integer(
        load_default=DEFAULT_DISTANCE_KM,
        validate=validate.Range(min=1, max=MAX_DISTANCE_KM),
        metadata={"description": "With postcode: how far, in km (default 25)"},
    )
    region = fields.String(
        validate=validate.Length(min=1, max=4),
        metadata={"description": "A labour market region code, e.g. AM01"},
    )
    kind = fields.Enum(VacancyKind, by_value=True)
    occupation_id = fields.UUID(metadata={"description": "An ESCO occupation id"})
    hours_min = _hours(metadata={"description": "At least this many hours a week"})
    hours_max = _hours(metadata={"description": "At most this many hours a week"})
    days = fields.List(
        fields.String(validate=validate.OneOf(WEEKDAYS)),
        validate=validate.Length(min=1, max=len(WEEKDAYS)),
        metadata={"description": "Only vacancies whose working days are all among these"},
    )
    open_hiring = fields.Boolean(
        metadata={"description": "true: only open hiring; false: only regular"}
    )
    sort = fields.String(
        validate=validate.OneOf(SORTS),
        metadata={
            "enum": list(SORTS),
            "description": "distance (the default with a postcode) or newest",
        },
    )


class EndVacancySchema(_Strict):
    status = fields.Enum(
        VacancyStatus,
        by_value=True,
        required=True,
        validate=validate.OneOf([VacancyStatus.FILLED, VacancyStatus.CLOSED]),
        metadata={"description": "filled or closed"},
    )


# --- Regular hiring: interest ------------------------------------------------------------


class InterestCreateSchema(_Strict):
    share = fields.Enum(
        InterestShare,
        by_value=True,
        required=True,
        metadata={
            "description": "What the organisation sees of my selfie: `anonymous` (skills, "
            "region, availability, education level, languages; no name or contact) or "
            "`full` (the complete sections I share)"
        },
    )
    message = _text(
        MAX_MESSAGE,
        allow_none=True,
        load_default=None,
        metadata={"description": "A short note to the employer (optional)"},
    )


class InterestSchema(Schema):
    """My interest in a vacancy."""

    id = fields.Integer(required=True)
    vacancy_id = fields.Integer(required=True)
    title = fields.String(required=True, metadata={"description": "The vacancy's title"})
    organisation_name = fields.String(required=True)
    vacancy_status = fields.Enum(VacancyStatus, by_value=True, required=True)
    share = fields.Enum(InterestShare, by_value=True, required=True)
    message = fields.String(allow_none=True, required=True)
    created_at = fields.DateTime(required=True)


class InterestQueryArgsSchema(LanguageQueryArgsSchema):
    """The language of the labels in the shared profiles (skills, education level)."""


class SharedProfileSchema(ProfileSchema):
    """A profile shared with one organisation through an interest: no profile id."""

    class Meta:
        exclude = ("profile_id",)


class VacancyInterestSchema(Schema):
    """An interest as the vacancy's organisation sees it."""

    id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    message = fields.String(allow_none=True, required=True)
    share = fields.Enum(InterestShare, by_value=True, required=True)
    profile = fields.Nested(
        SharedProfileSchema,
        required=True,
        metadata={
            "description": "What the person agreed to show for this vacancy, at the level "
            "of `share`, limited to the complete sections they share; no profile id"
        },
    )
