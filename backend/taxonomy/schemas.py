"""Schemas of the reference endpoints."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from backend.taxonomy.models import CbsLevel, ReuseLevel, SkillType
from backend.taxonomy.service import (
    DEFAULT_LIMIT,
    LABEL_LANGUAGES,
    MAX_LIMIT,
    MAX_QUERY_LENGTH,
)


class LabelQueryArgsSchema(Schema):
    """The query string of the autocomplete endpoints."""

    q = fields.String(
        required=True,
        validate=validate.Length(min=1, max=MAX_QUERY_LENGTH),
        metadata={"description": "What the person typed: Dutch or English, any word prefix."},
    )
    limit = fields.Integer(
        load_default=DEFAULT_LIMIT,
        validate=validate.Range(min=1, max=MAX_LIMIT),
        metadata={"description": f"How many results, 1 to {MAX_LIMIT}."},
    )


class OccupationMatchSchema(Schema):
    id = fields.UUID(required=True)
    code = fields.String(required=True, metadata={"description": "ESCO code, e.g. 5120.1"})
    label = fields.String(required=True, metadata={"description": "Dutch label"})
    matched_label = fields.String(
        allow_none=True,
        metadata={"description": "The alternative or English label that matched, if any."},
    )


class SkillMatchSchema(Schema):
    id = fields.UUID(required=True)
    label = fields.String(required=True, metadata={"description": "Dutch label, else English"})
    matched_label = fields.String(
        allow_none=True,
        metadata={"description": "The alternative or other-language label that matched."},
    )
    skill_type = fields.Enum(SkillType, by_value=True, allow_none=True)
    reuse_level = fields.Enum(ReuseLevel, by_value=True, allow_none=True)


class LabelLanguageArgsSchema(Schema):
    """The query string of the occupation list: which language's labels."""

    lang = fields.String(
        load_default="nl",
        validate=validate.OneOf(LABEL_LANGUAGES),
        metadata={"enum": list(LABEL_LANGUAGES), "description": "nl (default) or en."},
    )


class OccupationLabelsSchema(Schema):
    id = fields.UUID(required=True)
    label = fields.String(required=True, metadata={"description": "The preferred label"})
    alt_labels = fields.List(
        fields.String(), required=True, metadata={"description": "Other names, for search"}
    )


class OccupationLabelListSchema(Schema):
    lang = fields.String(required=True, metadata={"enum": list(LABEL_LANGUAGES)})
    count = fields.Integer(required=True)
    occupations = fields.List(
        fields.Nested(OccupationLabelsSchema),
        required=True,
        metadata={"description": "Every occupation, by preferred label"},
    )


class SkillSummarySchema(Schema):
    id = fields.UUID(required=True)
    label = fields.String(required=True, metadata={"description": "Dutch label, else English"})
    skill_type = fields.Enum(SkillType, by_value=True, allow_none=True)
    reuse_level = fields.Enum(ReuseLevel, by_value=True, allow_none=True)


class OccupationSchema(Schema):
    id = fields.UUID(required=True)
    code = fields.String(required=True)
    isco_group = fields.String(required=True, metadata={"description": "ISCO-08 unit group"})
    label = fields.String(required=True, metadata={"description": "Dutch label"})
    label_en = fields.String(required=True)
    alt_labels = fields.List(fields.String(), required=True)
    description = fields.String(required=True, metadata={"description": "Dutch description"})
    essential_skills = fields.List(fields.Nested(SkillSummarySchema), required=True)
    optional_skills = fields.List(fields.Nested(SkillSummarySchema), required=True)


class CodeNameSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)


class PostcodeSchema(Schema):
    pc4 = fields.String(required=True)
    place = fields.String(required=True)
    lat = fields.Float(required=True)
    lon = fields.Float(required=True)
    province = fields.String(required=True)
    municipality = fields.Nested(
        CodeNameSchema, required=True, metadata={"description": "The gemeente (CBS code)"}
    )
    region = fields.Nested(
        CodeNameSchema, required=True, metadata={"description": "The arbeidsmarktregio"}
    )


class RegionSchema(Schema):
    code = fields.String(required=True, metadata={"example": "AM18"})
    name = fields.String(required=True, metadata={"example": "Groot Amsterdam"})
    municipality_count = fields.Integer(required=True)


class EducationLevelSchema(Schema):
    code = fields.String(required=True, metadata={"example": "MBO_2"})
    name_nl = fields.String(required=True)
    name_en = fields.String(required=True)
    nlqf = fields.String(required=True, metadata={"description": "NLQF level: 1-8 or 4+"})
    eqf = fields.Integer(required=True)
    cbs_level = fields.Enum(
        CbsLevel, by_value=True, required=True, metadata={"description": "CBS onderwijsniveau"}
    )
