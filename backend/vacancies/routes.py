"""FunctieHuis endpoints: functions, vacancies, and the public vacancy search."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_jwt_extended import get_jwt_identity, verify_jwt_in_request
from flask_smorest.pagination import PaginationParameters

from backend.accounts import auth
from backend.accounts.models import Role
from backend.errors import ErrorSchema
from backend.extensions import PaginatedBlueprint as Blueprint
from backend.vacancies import service
from backend.vacancies.schemas import (
    EmployerVacancySchema,
    EndVacancySchema,
    FunctionCreateSchema,
    FunctionSchema,
    FunctionUpdateSchema,
    InterestCreateSchema,
    InterestQueryArgsSchema,
    InterestSchema,
    VacancyCreateSchema,
    VacancyInterestSchema,
    VacancyQueryArgsSchema,
    VacancySchema,
    VacancySummarySchema,
    VacancyUpdateSchema,
)

blp = Blueprint(
    "vacancies", __name__, url_prefix="/api/v1", description="FunctieHuis: functions and vacancies"
)

NOT_LOGGED_IN = {"schema": ErrorSchema, "description": "Not logged in, or the token is not valid"}
FORBIDDEN = {
    "schema": ErrorSchema,
    "description": "Not an employer, or not a member of the organisation",
}
INVALID = {"schema": ErrorSchema, "description": "A field is not valid; `errors` names it"}
EMPLOYER = auth.roles_required(Role.EMPLOYER)
JOBSEEKER = auth.roles_required(Role.JOBSEEKER)
NO_VACANCY = {"schema": ErrorSchema, "description": "No such vacancy (or a draft)"}


def viewer_id() -> int | None:
    """Return the id of the logged-in user, or None for a visitor without a token."""
    verify_jwt_in_request(optional=True)
    identity = get_jwt_identity()
    return int(identity) if identity is not None else None


@blp.route("/organisations/<int:org_id>/functions")
class OrganisationFunctions(MethodView):
    @EMPLOYER
    @blp.response(200, FunctionSchema(many=True))
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such organisation")
    def get(self, org_id: int) -> Any:
        """List my organisation's functions."""
        return service.list_functions(auth.current_user_id(), org_id)

    @EMPLOYER
    @blp.arguments(FunctionCreateSchema())
    @blp.response(201, FunctionSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such organisation")
    @blp.alt_response(422, **INVALID)
    def post(self, data: dict[str, Any], org_id: int) -> Any:
        """Describe a function from an ESCO occupation (skills pre-filled from it)."""
        return service.create_function(auth.current_user_id(), org_id, data)


@blp.route("/organisations/<int:org_id>/vacancies")
class OrganisationVacancies(MethodView):
    @EMPLOYER
    @blp.response(200, EmployerVacancySchema(many=True))
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such organisation")
    def get(self, org_id: int) -> Any:
        """List my organisation's vacancies, drafts included, newest first."""
        return service.list_organisation_vacancies(auth.current_user_id(), org_id)


@blp.route("/functions/<int:function_id>")
class Function(MethodView):
    @EMPLOYER
    @blp.response(200, FunctionSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such function")
    def get(self, function_id: int) -> Any:
        """Show one of my organisation's functions."""
        return service.get_function(auth.current_user_id(), function_id)

    @EMPLOYER
    @blp.arguments(FunctionUpdateSchema())
    @blp.response(200, FunctionSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such function")
    @blp.alt_response(422, **INVALID)
    def patch(self, data: dict[str, Any], function_id: int) -> Any:
        """Change a function (the fields given)."""
        return service.update_function(auth.current_user_id(), function_id, data)

    @EMPLOYER
    @blp.response(204)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such function")
    @blp.alt_response(409, schema=ErrorSchema, description="Vacancies were made from it")
    def delete(self, function_id: int) -> None:
        """Delete a function no vacancy was made from."""
        service.delete_function(auth.current_user_id(), function_id)


@blp.route("/vacancies")
class Vacancies(MethodView):
    @blp.arguments(VacancyQueryArgsSchema(), location="query")
    @blp.response(200, VacancySummarySchema(many=True))
    @blp.paginate(page_size=20, max_page_size=50)
    @blp.alt_response(422, **INVALID)
    def get(self, args: dict[str, Any], pagination_parameters: PaginationParameters) -> Any:
        """Search published vacancies: near a postcode, by region, kind, occupation, hours, days."""
        page = service.search_vacancies(
            service.SearchFilters(
                **{**args, "days": tuple(args["days"]) if "days" in args else None}
            ),
            offset=pagination_parameters.first_item,
            limit=pagination_parameters.page_size,
        )
        pagination_parameters.item_count = page.total
        return page.items

    @EMPLOYER
    @blp.arguments(VacancyCreateSchema())
    @blp.response(201, VacancySchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(422, **INVALID)
    def post(self, data: dict[str, Any]) -> Any:
        """Make a draft vacancy (job, stage or opdracht) from one of my functions."""
        return service.create_vacancy(auth.current_user_id(), data)


@blp.route("/vacancies/<int:vacancy_id>")
class Vacancy(MethodView):
    @blp.response(200, VacancySchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such vacancy (or a draft)")
    def get(self, vacancy_id: int) -> Any:
        """Show a vacancy: anyone once published; drafts only to the organisation."""
        return service.get_vacancy(vacancy_id, viewer_id=viewer_id())

    @EMPLOYER
    @blp.arguments(VacancyUpdateSchema())
    @blp.response(200, VacancySchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such vacancy")
    @blp.alt_response(409, schema=ErrorSchema, description="Ended, or the hiring mode is fixed")
    @blp.alt_response(422, **INVALID)
    def patch(self, data: dict[str, Any], vacancy_id: int) -> Any:
        """Change a draft or published vacancy (the fields given)."""
        return service.update_vacancy(auth.current_user_id(), vacancy_id, data)


@blp.route("/vacancies/<int:vacancy_id>/publish")
class PublishVacancy(MethodView):
    @EMPLOYER
    @blp.response(200, VacancySchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such vacancy")
    @blp.alt_response(409, schema=ErrorSchema, description="Not a draft")
    @blp.alt_response(
        422,
        schema=ErrorSchema,
        description="Incomplete (code `incomplete`): `errors` names what is missing",
    )
    def post(self, vacancy_id: int) -> Any:
        """Publish a draft; refused with what is missing when it is not complete."""
        return service.publish_vacancy(auth.current_user_id(), vacancy_id)


@blp.route("/vacancies/<int:vacancy_id>/end")
class EndVacancy(MethodView):
    @EMPLOYER
    @blp.arguments(EndVacancySchema())
    @blp.response(200, VacancySchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such vacancy")
    @blp.alt_response(409, schema=ErrorSchema, description="Not published (or a draft to fill)")
    @blp.alt_response(422, **INVALID)
    def post(self, data: dict[str, Any], vacancy_id: int) -> Any:
        """Mark a vacancy filled or closed."""
        return service.end_vacancy(auth.current_user_id(), vacancy_id, data["status"])


@blp.route("/vacancies/<int:vacancy_id>/interest")
class MyInterest(MethodView):
    @JOBSEEKER
    @blp.arguments(InterestCreateSchema())
    @blp.response(201, InterestSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, schema=ErrorSchema, description="Not a jobseeker")
    @blp.alt_response(404, **NO_VACANCY)
    @blp.alt_response(
        409,
        schema=ErrorSchema,
        description="Open hiring (`use_open_hiring`), not published (`not_published`), or "
        "interest shown already (`already_interested`)",
    )
    @blp.alt_response(422, **INVALID)
    def post(self, data: dict[str, Any], vacancy_id: int) -> Any:
        """Show interest in a regular vacancy: its organisation sees my profile at `share`."""
        return service.show_interest(
            vacancy_id, user_id=auth.current_user_id(), share=data["share"], message=data["message"]
        )

    @JOBSEEKER
    @blp.response(200, InterestSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, schema=ErrorSchema, description="Not a jobseeker")
    @blp.alt_response(
        404, schema=ErrorSchema, description="No such vacancy, or no interest (`not_interested`)"
    )
    def get(self, vacancy_id: int) -> Any:
        """Show my interest in a vacancy."""
        return service.get_my_interest(vacancy_id, user_id=auth.current_user_id())

    @JOBSEEKER
    @blp.response(204)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, schema=ErrorSchema, description="Not a jobseeker")
    @blp.alt_response(
        404, schema=ErrorSchema, description="No such vacancy, or no interest (`not_interested`)"
    )
    def delete(self, vacancy_id: int) -> None:
        """Withdraw my interest: the organisation no longer sees it or my profile."""
        service.withdraw_interest(vacancy_id, user_id=auth.current_user_id())


@blp.route("/vacancies/my-interests")
class MyInterests(MethodView):
    @JOBSEEKER
    @blp.response(200, InterestSchema(many=True))
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, schema=ErrorSchema, description="Not a jobseeker")
    def get(self) -> Any:
        """List the vacancies I showed interest in, newest first."""
        return service.list_my_interests(auth.current_user_id())


@blp.route("/vacancies/<int:vacancy_id>/interests")
class VacancyInterests(MethodView):
    @EMPLOYER
    @blp.arguments(InterestQueryArgsSchema(), location="query")
    @blp.response(200, VacancyInterestSchema(many=True))
    @blp.paginate(page_size=20, max_page_size=50)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such vacancy")
    @blp.alt_response(422, **INVALID)
    def get(
        self, args: dict[str, Any], vacancy_id: int, pagination_parameters: PaginationParameters
    ) -> Any:
        """List who is interested in my vacancy, with the profile each agreed to show."""
        page = service.list_interests(
            auth.current_user_id(),
            vacancy_id,
            lang=args["lang"],
            offset=pagination_parameters.first_item,
            limit=pagination_parameters.page_size,
        )
        pagination_parameters.item_count = page.total
        return page.items
