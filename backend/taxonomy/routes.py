"""Reference endpoints: occupation and skill autocomplete, postcodes, regions, levels."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, after_this_request, request
from flask.views import MethodView
from flask_smorest import Blueprint

from backend.errors import ErrorSchema
from backend.extensions import compress
from backend.taxonomy import service
from backend.taxonomy.schemas import (
    EducationLevelSchema,
    LabelLanguageArgsSchema,
    LabelQueryArgsSchema,
    OccupationLabelListSchema,
    OccupationMatchSchema,
    OccupationSchema,
    PostcodeSchema,
    RegionSchema,
    SkillMatchSchema,
)

blp = Blueprint("taxonomy", __name__, url_prefix="/api/v1/taxonomy", description="Reference data")

# Reference data changes with a new data release, not between requests.
CACHE_CONTROL = "public, max-age=86400"


ETAG = {"ETag": {"description": "A hash of the content", "schema": {"type": "string"}}}


@blp.after_request
def cache_reference_data(response: Response) -> Response:
    """Let browsers and the service worker keep successful answers for a day."""
    if request.method in ("GET", "HEAD") and response.status_code in (200, 304):
        response.headers["Cache-Control"] = CACHE_CONTROL
    return response


@blp.route("/occupations")
class Occupations(MethodView):
    @blp.arguments(LabelQueryArgsSchema(), location="query")
    @blp.response(200, OccupationMatchSchema(many=True))
    @blp.alt_response(422, schema=ErrorSchema, description="q or limit is missing or invalid")
    def get(self, args: dict[str, Any]) -> Any:
        """Autocomplete occupations on their Dutch and English labels, best first."""
        return service.search_occupations(args["q"], limit=args["limit"])


@blp.route("/occupations/labels")
class OccupationLabels(MethodView):
    @blp.arguments(LabelLanguageArgsSchema(), location="query")
    @blp.response(200, OccupationLabelListSchema, headers=ETAG)
    @blp.alt_response(304, description="Unchanged since the ETag in If-None-Match")
    @blp.alt_response(422, schema=ErrorSchema, description="lang is not nl or en")
    @compress.compressed()
    def get(self, args: dict[str, Any]) -> Any:
        """List every occupation with its preferred and alternative labels in one language.

        One document for the app's offline occupation picker; ask again with
        If-None-Match and the ETag to get a 304 while the list is unchanged.
        """
        labels = service.occupation_labels(args["lang"])
        # A weak ETag: the list is the same whether it travels compressed or not.
        if request.if_none_match.contains_weak(labels.etag):
            unchanged = Response(status=304)
            unchanged.set_etag(labels.etag, weak=True)
            return unchanged

        @after_this_request
        def set_etag(response: Response) -> Response:
            response.set_etag(labels.etag, weak=True)
            return response

        return labels


@blp.route("/occupations/<uuid:occupation_id>")
class OccupationDetail(MethodView):
    @blp.response(200, OccupationSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No occupation with this id")
    def get(self, occupation_id: uuid.UUID) -> Any:
        """Show an occupation with its essential and optional skills."""
        return service.get_occupation(occupation_id)


@blp.route("/skills")
class Skills(MethodView):
    @blp.arguments(LabelQueryArgsSchema(), location="query")
    @blp.response(200, SkillMatchSchema(many=True))
    @blp.alt_response(422, schema=ErrorSchema, description="q or limit is missing or invalid")
    def get(self, args: dict[str, Any]) -> Any:
        """Autocomplete skills on their labels (Dutch where ESCO has it, else English)."""
        return service.search_skills(args["q"], limit=args["limit"])


@blp.route("/postcodes/<string:postcode>")
class Postcodes(MethodView):
    @blp.response(200, PostcodeSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No such postcode area")
    @blp.alt_response(422, schema=ErrorSchema, description="Not a Dutch postcode (1234 or 1234 AB)")
    def get(self, postcode: str) -> Any:
        """Look up a Dutch postcode (PC4, or PC6 reduced to PC4): place, gemeente, region."""
        return service.get_postcode(postcode)


@blp.route("/regions")
class Regions(MethodView):
    @blp.response(200, RegionSchema(many=True))
    def get(self) -> Any:
        """List the 35 labour market regions (arbeidsmarktregio's)."""
        return service.list_regions()


@blp.route("/education-levels")
class EducationLevels(MethodView):
    @blp.response(200, EducationLevelSchema(many=True))
    def get(self) -> Any:
        """List the education levels from low to high, with NLQF, EQF and CBS level."""
        return service.list_education_levels()
