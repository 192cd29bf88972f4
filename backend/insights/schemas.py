"""Schemas of the insights endpoints (all outgoing: the API only reads publications)."""

from __future__ import annotations

from typing import Any

from flask import url_for
from marshmallow import Schema, fields, pre_dump

SUPPRESSED = (
    "Null: not published (fewer than 10 people, or left out to protect such a count). "
    "Counts are rounded to a multiple of 5."
)


def _count(description: str, *, protected: bool = True) -> fields.Integer:
    if protected:
        return fields.Integer(
            required=True, allow_none=True, metadata={"description": f"{description} {SUPPRESSED}"}
        )
    return fields.Integer(
        required=True, metadata={"description": f"{description} Rounded to a multiple of 5."}
    )


def _list(schema: type[Schema], description: str | None = None) -> fields.List[Any]:
    metadata = {"description": description} if description else {}
    return fields.List(fields.Nested(schema), required=True, metadata=metadata)


class PublicationInfoSchema(Schema):
    version = fields.Integer(required=True, metadata={"description": "1, 2, 3 … in order"})
    published_at = fields.DateTime(required=True)
    reference_date = fields.Date(required=True, metadata={"description": "The day described"})


class RegionSummarySchema(Schema):
    code = fields.String(
        required=True,
        metadata={
            "description": "AM01 … AM38; NL: the country; OVERIG: no known region "
            "or a region with too few jobseekers"
        },
    )
    name = fields.String(required=True)
    jobseekers = _count("Jobseekers with a selfie who allow anonymous statistics.")
    vacancies = _count("Published vacancies.", protected=False)
    vacancy_places = _count("Places in published vacancies.", protected=False)
    future_places = _count("Expected places of future functions.", protected=False)
    open_hiring_places = _count("Places in published open-hiring vacancies.", protected=False)
    people_in_line = _count("People on open-hiring lists (waiting, paused or with an offer).")


class RegionListSchema(Schema):
    publication = fields.Nested(PublicationInfoSchema, required=True)
    regions = _list(RegionSummarySchema, "The 35 labour market regions, by code")
    national = fields.Nested(RegionSummarySchema, required=True)
    other = fields.Nested(
        RegionSummarySchema,
        required=True,
        metadata={
            "description": "Jobseekers with no known region, or in a region with too "
            "few to publish; vacancies with no known region"
        },
    )


class CategoryCountSchema(Schema):
    category = fields.String(required=True, metadata={"description": "`onbekend`: not answered"})
    jobseekers = _count("Jobseekers in this category.")


class SupplySchema(Schema):
    days_per_week = _list(CategoryCountSchema)
    education_level = _list(CategoryCountSchema, "CBS onderwijsniveau: laag, middelbaar, hoog")
    dutch_level = _list(CategoryCountSchema, "The lowest CEFR level given (A0 … C2)")
    riasec_type = _list(CategoryCountSchema, "The strongest interest: R, I, A, S, E, C")


class _SupplyDemandSchema(Schema):
    label_nl = fields.String(required=True, allow_none=True)
    label_en = fields.String(required=True)
    jobseekers = _count("Jobseekers who have it (skills) or wish it (occupation groups).")
    demand_vacancies = _count("Places in published vacancies that need it.", protected=False)
    demand_future = _count("Expected places of future functions that need it.", protected=False)
    mismatch_index = fields.Float(
        required=True,
        allow_none=True,
        metadata={
            "description": "(demand - supply) / (demand + supply) of the published "
            "counts, -1 … +1; +1: only asked for. Null when the supply is not published."
        },
    )


class SkillFigureSchema(_SupplyDemandSchema):
    skill_id = fields.String(required=True, metadata={"description": "ESCO skill id"})


class OccupationGroupFigureSchema(_SupplyDemandSchema):
    isco_group = fields.String(required=True, metadata={"description": "ISCO-08, 2 digits"})


class SkillListsSchema(Schema):
    on_offer = _list(SkillFigureSchema, "The 10 skills most on offer (of the published skills)")
    asked_for = _list(SkillFigureSchema, "The 10 skills most asked for")
    mismatch = _list(SkillFigureSchema, "The 10 highest mismatch indexes (most missing first)")


class OpenHiringFigureSchema(Schema):
    vacancies = _count("Published open-hiring vacancies.", protected=False)
    places = _count("Places in them.", protected=False)
    people_in_line = _count("People on the lists (waiting, paused or with an offer).")
    started = _count("People who started through open hiring.")
    median_days_to_start = fields.Integer(
        required=True,
        allow_none=True,
        metadata={
            "description": "Median days from signing to starting; null when "
            "`started` is not published"
        },
    )


class LearningCoverageSchema(Schema):
    rank = fields.Integer(required=True, metadata={"description": "1: the highest index"})
    skill_id = fields.String(required=True, metadata={"description": "ESCO skill id"})
    label_nl = fields.String(required=True, allow_none=True)
    label_en = fields.String(required=True)
    mismatch_index = fields.Float(required=True, metadata={"description": "Above 0: a shortage"})
    offers = _count("Active learning offers teaching it in the region.", protected=False)
    online_offers = _count("Active online learning offers teaching it.", protected=False)


class RegionDetailSchema(RegionSummarySchema):
    supply = fields.Nested(SupplySchema, required=True)
    skills = fields.Nested(SkillListsSchema, required=True)
    occupation_groups = _list(OccupationGroupFigureSchema)
    open_hiring = fields.Nested(OpenHiringFigureSchema, required=True)
    # Publications made before these figures existed have neither (left out then).
    learning_coverage = _list(
        LearningCoverageSchema,
        "The most-missing skills (mismatch index above 0, at most 10) and the learning "
        "offers that teach them",
    )
    distance = _list(
        CategoryCountSchema,
        "Jobseekers by the distance to their nearest fitting vacancy: 0-5, 5-10, 10-25, "
        "25+ km, geen (no fitting vacancy), onbekend (no postcode)",
    )


class RegionFiguresSchema(Schema):
    publication = fields.Nested(PublicationInfoSchema, required=True)
    region = fields.Nested(RegionDetailSchema, required=True)


def _file_url(version: int, name: str) -> str:
    return url_for("insights.PublicationFile", version=version, name=name)


class PublicationFileSchema(Schema):
    name = fields.String(required=True)
    media_type = fields.String(required=True)
    bytes = fields.Integer(required=True)
    sha256 = fields.String(required=True)
    rows = fields.Integer(required=True, allow_none=True, metadata={"description": "CSV rows"})
    url = fields.String(required=True, metadata={"description": "Where to download it"})


class PublicationSchema(PublicationInfoSchema):
    files = _list(PublicationFileSchema)
    datapackage_url = fields.String(
        required=True, metadata={"description": "Where to download its datapackage.json"}
    )

    @pre_dump
    def add_urls(self, obj: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        version = obj["version"]
        return {
            **obj,
            "files": [{**f, "url": _file_url(version, f["name"])} for f in obj["files"]],
            "datapackage_url": _file_url(version, "datapackage.json"),
        }
