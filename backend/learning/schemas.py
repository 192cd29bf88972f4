"""Schemas of learning offers, their search and import, the advice and the demand."""

from __future__ import annotations

from typing import Any

from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate

from backend.errors import ErrorSchema
from backend.learning.csv_import import COLUMNS
from backend.learning.models import CostKind, OfferKind, OfferStatus
from backend.learning.service import (
    DEFAULT_DISTANCE_KM,
    MAX_DISTANCE_KM,
    MAX_LEVEL,
    MAX_OCCUPATIONS,
    MAX_PLACES,
    MAX_SKILLS,
    MAX_START_DATES,
    MAX_WEEKS,
)

COLUMN_LIST = "; ".join(f"`{name}`: {meaning}" for name, meaning in COLUMNS.items())


class _Strict(Schema):
    """Unknown fields are an error, so typos do not pass silently."""

    class Meta:
        unknown = "raise"


def _level(**kw: Any) -> fields.Integer:
    return fields.Integer(validate=validate.Range(min=1, max=MAX_LEVEL), allow_none=True, **kw)


class _OfferFields(_Strict):
    title = fields.String(validate=validate.Length(min=2, max=120))
    description = fields.String(
        validate=validate.Length(max=5000), metadata={"description": "Plain language (B1)"}
    )
    kind = fields.Enum(OfferKind, by_value=True)
    skill_ids = fields.List(
        fields.UUID(),
        validate=validate.Length(min=1, max=MAX_SKILLS),
        metadata={"description": "The ESCO skills the offer teaches (at least one)"},
    )
    occupation_ids = fields.List(
        fields.UUID(),
        validate=validate.Length(max=MAX_OCCUPATIONS),
        metadata={"description": "The ESCO occupations it prepares for"},
    )
    entry_level = _level(metadata={"description": "NLQF level (1-8) needed to start"})
    result_level = _level(metadata={"description": "NLQF level (1-8) reached at the end"})
    online = fields.Boolean(metadata={"description": "Can be followed from anywhere"})
    postcode = fields.String(
        allow_none=True,
        validate=validate.Length(min=4, max=7),
        metadata={"description": "PC4 or PC6 of the place; required unless online"},
    )
    duration_weeks = fields.Integer(validate=validate.Range(min=1, max=MAX_WEEKS))
    hours_per_week = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=60))
    cost = fields.Enum(
        CostKind,
        by_value=True,
        metadata={"description": "gratis, vergoed (paid by someone else) or eigen_kosten"},
    )
    cost_eur = fields.Float(
        allow_none=True,
        allow_nan=False,
        validate=validate.Range(min=0, max=100_000),
        metadata={"description": "The price with eigen_kosten, in euros (at most 2 decimals)"},
    )
    start_dates = fields.List(fields.Date(), validate=validate.Length(max=MAX_START_DATES))
    places = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=MAX_PLACES))
    url = fields.String(allow_none=True, validate=validate.Length(max=500))
    contact = fields.String(allow_none=True, validate=validate.Length(max=200))


class OfferCreateSchema(_OfferFields):
    title = fields.String(required=True, validate=validate.Length(min=2, max=120))
    kind = fields.Enum(OfferKind, by_value=True, required=True)
    skill_ids = fields.List(
        fields.UUID(),
        required=True,
        validate=validate.Length(min=1, max=MAX_SKILLS),
        metadata={"description": "The ESCO skills the offer teaches (at least one)"},
    )
    duration_weeks = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_WEEKS))
    cost = fields.Enum(CostKind, by_value=True, required=True)


class OfferUpdateSchema(_OfferFields):
    """Every field is optional; the ones given replace the stored ones."""


class OfferSkillSchema(Schema):
    skill_id = fields.String(required=True)
    label = fields.String(required=True)
    label_en = fields.String(required=True)


class OfferOccupationSchema(Schema):
    occupation_id = fields.String(required=True)
    label = fields.String(required=True)
    label_en = fields.String(required=True)


class OfferSchema(Schema):
    id = fields.Integer(required=True)
    organisation_id = fields.Integer(required=True)
    organisation_name = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    kind = fields.Enum(OfferKind, by_value=True, required=True)
    status = fields.Enum(OfferStatus, by_value=True, required=True)
    skills = fields.List(fields.Nested(OfferSkillSchema), required=True)
    occupations = fields.List(fields.Nested(OfferOccupationSchema), required=True)
    entry_level = fields.Integer(required=True, allow_none=True)
    result_level = fields.Integer(required=True, allow_none=True)
    online = fields.Boolean(required=True)
    postcode = fields.String(required=True, allow_none=True)
    place = fields.String(required=True, allow_none=True)
    region_code = fields.String(required=True, allow_none=True)
    duration_weeks = fields.Integer(required=True)
    hours_per_week = fields.Integer(required=True, allow_none=True)
    cost = fields.Enum(CostKind, by_value=True, required=True)
    cost_eur = fields.Float(required=True, allow_none=True)
    start_dates = fields.List(fields.String(), required=True)
    places = fields.Integer(required=True, allow_none=True)
    url = fields.String(required=True, allow_none=True)
    contact = fields.String(required=True, allow_none=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    archived_at = fields.DateTime(required=True, allow_none=True)
    distance_km = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": "From the postcode searched for (0 online; null without)"},
    )


class OfferQueryArgsSchema(Schema):
    """The query string of the offer search."""

    skill_id = fields.UUID(metadata={"description": "Offers that teach this ESCO skill"})
    occupation_id = fields.UUID(metadata={"description": "Offers for this ESCO occupation"})
    postcode = fields.String(
        validate=validate.Length(min=1, max=7),
        metadata={"description": "Around this postcode; online offers count as 0 km"},
    )
    distance_km = fields.Integer(
        load_default=DEFAULT_DISTANCE_KM,
        validate=validate.Range(min=1, max=MAX_DISTANCE_KM),
        metadata={"description": "With postcode: how far, in km (default 25)"},
    )
    entry_level_max = fields.Integer(
        validate=validate.Range(min=1, max=MAX_LEVEL),
        metadata={"description": "Only offers I can start with this NLQF level"},
    )
    result_level_min = fields.Integer(
        validate=validate.Range(min=1, max=MAX_LEVEL),
        metadata={"description": "Only offers that reach at least this NLQF level"},
    )
    cost = fields.List(
        fields.Enum(CostKind, by_value=True),
        metadata={"description": "Repeated: only these kinds of cost"},
    )
    cost_max_eur = fields.Float(
        allow_nan=False,
        validate=validate.Range(min=0, max=100_000),
        metadata={"description": "At most this price (free and paid-for offers count as 0)"},
    )
    online = fields.Boolean(metadata={"description": "true: only online; false: only on location"})
    kind = fields.List(
        fields.Enum(OfferKind, by_value=True), metadata={"description": "Repeated: these kinds"}
    )


class ImportFileSchema(Schema):
    file = Upload(
        required=True,
        metadata={"description": f"The catalogue as CSV (UTF-8). Columns: {COLUMN_LIST}."},
    )


class ImportQueryArgsSchema(Schema):
    dry_run = fields.Boolean(
        load_default=False,
        metadata={"description": "true: only check the rows and report; store nothing"},
    )


class ImportedRowSchema(Schema):
    line = fields.Integer(required=True, metadata={"description": "The line in the file"})
    title = fields.String(required=True, allow_none=True)
    id = fields.Integer(
        required=True, allow_none=True, metadata={"description": "The new offer (null: not stored)"}
    )


class RejectedRowSchema(Schema):
    line = fields.Integer(required=True)
    title = fields.String(required=True, allow_none=True)
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata={"description": "Per column: what is wrong"},
    )


class ImportReportSchema(Schema):
    imported = fields.Boolean(required=True)
    accepted = fields.List(fields.Nested(ImportedRowSchema), required=True)
    rejected = fields.List(fields.Nested(RejectedRowSchema), required=True)


class ImportRejectedErrorSchema(ErrorSchema):
    """422 `import_rejected`: nothing was stored; the report says why per row."""

    report = fields.Nested(ImportReportSchema, required=True)


# --- Advice and demand ---------------------------------------------------------------------


class NeededForSchema(Schema):
    kind = fields.String(required=True, metadata={"enum": ["occupation", "vacancy", "wish"]})
    id = fields.Raw(
        required=True, metadata={"description": "Occupation id, vacancy id or skill id"}
    )
    label = fields.String(required=True)
    label_en = fields.String(required=True)


class GapSkillSchema(OfferSkillSchema):
    needed_for = fields.List(fields.Nested(NeededForSchema), required=True)


class AdviceOfferSchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    organisation_name = fields.String(required=True)
    kind = fields.Enum(OfferKind, by_value=True, required=True)
    online = fields.Boolean(required=True)
    place = fields.String(required=True, allow_none=True)
    distance_km = fields.Float(required=True, allow_none=True)
    entry_level = fields.Integer(required=True, allow_none=True)
    result_level = fields.Integer(required=True, allow_none=True)
    duration_weeks = fields.Integer(required=True)
    cost = fields.Enum(CostKind, by_value=True, required=True)
    cost_eur = fields.Float(required=True, allow_none=True)
    url = fields.String(required=True, allow_none=True)
    contact = fields.String(required=True, allow_none=True)


class RankedOfferSchema(AdviceOfferSchema):
    score = fields.Float(
        required=True,
        metadata={"description": "coverage * distance * level fit * cost * duration, 0 to 1"},
    )
    covers = fields.List(fields.Nested(OfferSkillSchema), required=True)


class RouteStepSchema(Schema):
    offer = fields.Nested(AdviceOfferSchema, required=True)
    teaches = fields.List(fields.Nested(OfferSkillSchema), required=True)
    nl = fields.String(required=True)
    en = fields.String(required=True)


class UnlockedVacancySchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    organisation_name = fields.String(required=True)
    place = fields.String(required=True, allow_none=True)


class UnlocksSchema(Schema):
    vacancies = fields.List(fields.Nested(UnlockedVacancySchema), required=True)
    occupations = fields.List(fields.Nested(OfferOccupationSchema), required=True)
    nl = fields.String(required=True)
    en = fields.String(required=True)


class RouteSchema(Schema):
    steps = fields.List(fields.Nested(RouteStepSchema), required=True)
    covered = fields.Integer(
        required=True, metadata={"description": "Gap skills the route teaches"}
    )
    gap_size = fields.Integer(required=True)
    nl = fields.String(required=True)
    en = fields.String(required=True)
    unlocks = fields.Nested(UnlocksSchema, required=True)


class AdviceSchema(Schema):
    missing = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Selfie fields that would make the advice better"},
    )
    gap = fields.List(fields.Nested(GapSkillSchema), required=True)
    offers = fields.List(fields.Nested(RankedOfferSchema), required=True)
    route = fields.Nested(RouteSchema, required=True)


class DemandQueryArgsSchema(Schema):
    region = fields.String(
        required=True,
        validate=validate.Length(min=1, max=4),
        metadata={"description": "A labour market region code, e.g. AM01"},
    )
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class DemandRegionSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)


class DemandSkillSchema(OfferSkillSchema):
    people = fields.Integer(required=True, metadata={"description": "10 or more"})


class DemandSchema(Schema):
    region = fields.Nested(DemandRegionSchema, required=True)
    people = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "People counted (null when under 10)"},
    )
    skills = fields.List(fields.Nested(DemandSkillSchema), required=True)
    suppressed = fields.Integer(
        required=True, metadata={"description": "Skills left out: fewer than 10 people miss them"}
    )
    suppress_below = fields.Integer(required=True)
