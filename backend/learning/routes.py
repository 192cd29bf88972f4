"""Learning endpoints: offers (providers), their search and CSV import, advice and demand."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from backend.accounts import auth
from backend.accounts.models import Role
from backend.errors import ErrorSchema
from backend.extensions import PaginatedBlueprint as Blueprint
from backend.learning import service
from backend.learning.schemas import (
    AdviceSchema,
    DemandQueryArgsSchema,
    DemandSchema,
    ImportFileSchema,
    ImportQueryArgsSchema,
    ImportRejectedErrorSchema,
    ImportReportSchema,
    OfferCreateSchema,
    OfferQueryArgsSchema,
    OfferSchema,
    OfferUpdateSchema,
)

blp = Blueprint(
    "learning",
    __name__,
    url_prefix="/api/v1",
    description="NationaalLeerAdvies: learning offers, personal advice, demand per region",
)

NOT_LOGGED_IN = {"schema": ErrorSchema, "description": "Not logged in, or the token is not valid"}
FORBIDDEN = {
    "schema": ErrorSchema,
    "description": "Not a provider, or not a member of the organisation",
}
INVALID = {"schema": ErrorSchema, "description": "A field is not valid; `errors` names it"}
PROVIDER = auth.roles_required(Role.PROVIDER)


@blp.route("/organisations/<int:org_id>/learning-offers")
class OrganisationOffers(MethodView):
    @PROVIDER
    @blp.response(200, OfferSchema(many=True))
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such organisation")
    def get(self, org_id: int) -> Any:
        """List my organisation's offers, archived ones included, newest first."""
        return service.list_organisation_offers(auth.current_user_id(), org_id)

    @PROVIDER
    @blp.arguments(OfferCreateSchema())
    @blp.response(201, OfferSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such organisation")
    @blp.alt_response(422, **INVALID)
    def post(self, data: dict[str, Any], org_id: int) -> Any:
        """Post a learning offer, with the ESCO skills it teaches."""
        return service.create_offer(auth.current_user_id(), org_id, data)


@blp.route("/organisations/<int:org_id>/learning-offers/import")
class ImportOffers(MethodView):
    @PROVIDER
    @blp.arguments(ImportQueryArgsSchema(), location="query")
    @blp.arguments(ImportFileSchema(), location="files")
    @blp.response(200, ImportReportSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such organisation")
    @blp.alt_response(
        422,
        schema=ImportRejectedErrorSchema,
        description="The file cannot be read (`errors.file`), or rows are wrong "
        "(`import_rejected`, with the report): nothing was stored",
    )
    def post(self, args: dict[str, Any], files: dict[str, Any], org_id: int) -> Any:
        """Import a catalogue from CSV: all rows or none, with a report per row."""
        return service.import_offers(
            auth.current_user_id(), org_id, files["file"].read(), dry_run=args["dry_run"]
        )


@blp.route("/learning-offers")
class Offers(MethodView):
    @blp.arguments(OfferQueryArgsSchema(), location="query")
    @blp.response(200, OfferSchema(many=True))
    @blp.paginate(page_size=20, max_page_size=50)
    @blp.alt_response(422, **INVALID)
    def get(self, args: dict[str, Any], pagination_parameters: PaginationParameters) -> Any:
        """Search active offers: skill, occupation, distance, level, cost, kind, online."""
        filters = service.SearchFilters(
            **{
                **args,
                "cost": tuple(args["cost"]) if "cost" in args else None,
                "kind": tuple(args["kind"]) if "kind" in args else None,
            }
        )
        page = service.search_offers(
            filters,
            offset=pagination_parameters.first_item,
            limit=pagination_parameters.page_size,
        )
        pagination_parameters.item_count = page.total
        return page.items


@blp.route("/learning-offers/<int:offer_id>")
class Offer(MethodView):
    @blp.response(200, OfferSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No such offer")
    def get(self, offer_id: int) -> Any:
        """Show an offer (archived ones too)."""
        return service.get_offer(offer_id)

    @PROVIDER
    @blp.arguments(OfferUpdateSchema())
    @blp.response(200, OfferSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such offer")
    @blp.alt_response(409, schema=ErrorSchema, description="Archived: it cannot change")
    @blp.alt_response(422, **INVALID)
    def patch(self, data: dict[str, Any], offer_id: int) -> Any:
        """Change an offer (the fields given)."""
        return service.update_offer(auth.current_user_id(), offer_id, data)


@blp.route("/learning-offers/<int:offer_id>/archive")
class ArchiveOffer(MethodView):
    @PROVIDER
    @blp.response(200, OfferSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such offer")
    @blp.alt_response(409, schema=ErrorSchema, description="Archived already")
    def post(self, offer_id: int) -> Any:
        """Archive an offer: it leaves the search and the advice."""
        return service.archive_offer(auth.current_user_id(), offer_id)


@blp.route("/learning/advice")
class Advice(MethodView):
    @auth.roles_required(Role.JOBSEEKER)
    @blp.response(200, AdviceSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, schema=ErrorSchema, description="Not a jobseeker")
    def get(self) -> Any:
        """My learning advice: what I miss, the offers that teach it, and a leerroute."""
        return service.learning_advice(auth.current_user_id())


@blp.route("/learning/demand")
class Demand(MethodView):
    @auth.roles_required(Role.PROVIDER, Role.ANALYST, Role.ADMIN)
    @blp.arguments(DemandQueryArgsSchema(), location="query")
    @blp.response(200, DemandSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, schema=ErrorSchema, description="Not a provider, analyst or admin")
    @blp.alt_response(422, **INVALID)
    def get(self, args: dict[str, Any]) -> Any:
        """How many people in a region miss each skill (counts under 10 left out)."""
        return service.learning_demand(args["region"], limit=args["limit"])
