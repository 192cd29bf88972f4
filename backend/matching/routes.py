"""Matching endpoints: my best vacancies, and the candidates of an employer's vacancy."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from backend.accounts import auth
from backend.accounts.models import Role
from backend.errors import ErrorSchema
from backend.extensions import PaginatedBlueprint as Blueprint
from backend.matching import service
from backend.matching.schemas import (
    CandidateQueryArgsSchema,
    CandidateSchema,
    MatchListSchema,
    MatchQueryArgsSchema,
)

blp = Blueprint(
    "matching",
    __name__,
    url_prefix="/api/v1",
    description="Matching: my best vacancies, explained; candidates for employers",
)

NOT_LOGGED_IN = {"schema": ErrorSchema, "description": "Not logged in, or the token is not valid"}
INVALID = {"schema": ErrorSchema, "description": "A field is not valid; `errors` names it"}
JOBSEEKER = auth.roles_required(Role.JOBSEEKER)
EMPLOYER = auth.roles_required(Role.EMPLOYER)


@blp.route("/matches")
class Matches(MethodView):
    @JOBSEEKER
    @blp.arguments(MatchQueryArgsSchema(), location="query")
    @blp.response(200, MatchListSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, schema=ErrorSchema, description="Not a jobseeker")
    @blp.alt_response(422, **INVALID)
    def get(self, args: dict[str, Any]) -> Any:
        """List my best vacancies (open hiring included), each with why and what is missing."""
        return service.best_matches(
            auth.current_user_id(),
            limit=args["limit"],
            distance_km=args.get("distance_km"),
            work_kinds=args.get("kind"),
        )


@blp.route("/vacancies/<int:vacancy_id>/candidates")
class Candidates(MethodView):
    @EMPLOYER
    @blp.arguments(CandidateQueryArgsSchema(), location="query")
    @blp.response(200, CandidateSchema(many=True))
    @blp.paginate(page_size=20, max_page_size=50)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(
        403, schema=ErrorSchema, description="Not an employer, or not a member of the organisation"
    )
    @blp.alt_response(404, schema=ErrorSchema, description="No such vacancy")
    @blp.alt_response(
        409,
        schema=ErrorSchema,
        description="Open hiring (`open_hiring_has_no_candidates`) or not published",
    )
    @blp.alt_response(422, **INVALID)
    def get(
        self, args: dict[str, Any], vacancy_id: int, pagination_parameters: PaginationParameters
    ) -> Any:
        """List the consenting anonymous profiles that fit my regular vacancy, best first."""
        items, total = service.candidates(
            auth.current_user_id(),
            vacancy_id,
            offset=pagination_parameters.first_item,
            limit=pagination_parameters.page_size,
            lang=args["lang"],
        )
        pagination_parameters.item_count = total
        return items
