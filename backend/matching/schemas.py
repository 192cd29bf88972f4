"""Schemas of matches and candidates."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from backend.matching.scoring import WEIGHTS
from backend.matching.service import DEFAULT_LIMIT, MAX_DISTANCE_KM, MAX_LIMIT
from backend.selfie.schemas import ProfileSchema
from backend.vacancies.service import WORK_KINDS


class MatchQueryArgsSchema(Schema):
    """The query string of a person's matches."""

    limit = fields.Integer(
        load_default=DEFAULT_LIMIT,
        validate=validate.Range(min=1, max=MAX_LIMIT),
        metadata={"description": f"How many matches (default {DEFAULT_LIMIT})"},
    )
    distance_km = fields.Integer(
        validate=validate.Range(min=1, max=MAX_DISTANCE_KM),
        metadata={"description": "Search this far instead of my own travel radius"},
    )
    kind = fields.List(
        fields.String(validate=validate.OneOf(WORK_KINDS)),
        validate=validate.Length(min=1, max=len(WORK_KINDS)),
        metadata={
            "description": "Repeated: only these kinds of work (job, stage, opdracht, open_hiring)"
        },
    )


class CandidateQueryArgsSchema(Schema):
    lang = fields.String(
        load_default="nl",
        validate=validate.OneOf(["nl", "en"]),
        metadata={"description": "The language of the skill labels in the profiles"},
    )


class ComponentSchema(Schema):
    name = fields.String(required=True, metadata={"enum": list(WEIGHTS)})
    score = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": "0 to 1; null when unknown (then it does not count)"},
    )
    weight = fields.Float(required=True)
    nl = fields.String(required=True, metadata={"description": "Why, in Dutch (B1)"})
    en = fields.String(required=True, metadata={"description": "Why, in English"})


class SkillLabelSchema(Schema):
    skill_id = fields.String(required=True)
    label = fields.String(required=True, metadata={"description": "Dutch, else English"})
    label_en = fields.String(required=True)


class AttentionSchema(Schema):
    factor = fields.Float(
        required=True, metadata={"description": "What the ranking multiplied the fit by"}
    )
    nl = fields.String(required=True)
    en = fields.String(required=True)


class MatchVacancySchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    organisation_name = fields.String(required=True)
    place = fields.String(required=True, allow_none=True)
    region_code = fields.String(required=True, allow_none=True)
    occupation_id = fields.String(required=True)
    kind = fields.String(required=True, metadata={"enum": ["job", "stage", "opdracht"]})
    hiring_mode = fields.String(required=True, metadata={"enum": ["regular", "open"]})
    work_kind = fields.String(required=True, metadata={"enum": list(WORK_KINDS)})
    schedule = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), required=True)
    hours_per_week = fields.Integer(required=True, allow_none=True)
    places = fields.Integer(required=True)
    distance_km = fields.Float(required=True)
    public_url = fields.String(required=True)


class MatchSchema(Schema):
    vacancy = fields.Nested(MatchVacancySchema, required=True)
    score = fields.Integer(required=True, metadata={"description": "The fit, 0 to 100"})
    components = fields.List(fields.Nested(ComponentSchema), required=True)
    missing_skills = fields.List(
        fields.Nested(SkillLabelSchema),
        required=True,
        metadata={"description": "Essential skills of the vacancy that I do not have"},
    )
    attention = fields.Nested(
        AttentionSchema,
        required=True,
        allow_none=True,
        metadata={"description": "Set when the vacancy is crowded and was moved down"},
    )


class MatchListSchema(Schema):
    matches = fields.List(fields.Nested(MatchSchema), required=True)
    missing = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Selfie fields to fill in before there can be matches"},
    )
    radius_km = fields.Integer(required=True, allow_none=True)


class CandidateSchema(Schema):
    profile = fields.Nested(
        ProfileSchema,
        required=True,
        metadata={"description": "The anonymous profile, exactly as the person shares it"},
    )
    score = fields.Integer(required=True, metadata={"description": "The fit, 0 to 100"})
    components = fields.List(fields.Nested(ComponentSchema), required=True)
    missing_skills = fields.List(fields.Nested(SkillLabelSchema), required=True)
