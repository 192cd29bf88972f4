"""Open-hiring endpoints: my place on a list, the employer's side, and the audit."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from backend.accounts import auth
from backend.accounts.models import Role
from backend.errors import ErrorSchema
from backend.open_hiring import service
from backend.open_hiring.schemas import (
    AcceptSchema,
    AuditSchema,
    DashboardSchema,
    EmployerPlaceSchema,
    OpenPlacesSchema,
    QueueEventSchema,
    QueuePlaceSchema,
    SignUpSchema,
)

blp = Blueprint(
    "open_hiring",
    __name__,
    url_prefix="/api/v1/open-hiring",
    description="Open hiring: the list, offers and re-confirmation",
)

NOT_LOGGED_IN = {"schema": ErrorSchema, "description": "Not logged in, or the token is not valid"}
FORBIDDEN = {"schema": ErrorSchema, "description": "Not allowed for this account"}
NO_VACANCY = {"schema": ErrorSchema, "description": "No such vacancy, or I am not on its list"}
CONFLICT = {"schema": ErrorSchema, "description": "Not possible in this state; `code` says why"}
INVALID = {"schema": ErrorSchema, "description": "A field is not valid; `errors` names it"}
JOBSEEKER = auth.roles_required(Role.JOBSEEKER)
EMPLOYER = auth.roles_required(Role.EMPLOYER)
EMPLOYER_FORBIDDEN = {
    "schema": ErrorSchema,
    "description": "Not an employer, or not a member of the vacancy's organisation",
}


@blp.route("/<int:vacancy_id>/queue")
class Queue(MethodView):
    @JOBSEEKER
    @blp.arguments(SignUpSchema())
    @blp.response(201, QueuePlaceSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(
        403,
        schema=ErrorSchema,
        description="Not a jobseeker, or below the minimum age (`below_minimum_age`)",
    )
    @blp.alt_response(404, **NO_VACANCY)
    @blp.alt_response(
        409,
        schema=ErrorSchema,
        description="Already on the list (`already_signed`), not open hiring, or closed",
    )
    @blp.alt_response(422, **INVALID)
    def post(self, data: dict[str, Any], vacancy_id: int) -> Any:
        """Put me on the list: I get the next position, and see how many are ahead."""
        return service.sign_up(
            vacancy_id, user_id=auth.current_user_id(), right_to_work_nl=data["right_to_work_nl"]
        )

    @JOBSEEKER
    @blp.response(200, QueuePlaceSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, **NO_VACANCY)
    def get(self, vacancy_id: int) -> Any:
        """Show my place on the list."""
        return service.get_my_place(vacancy_id, user_id=auth.current_user_id())

    @JOBSEEKER
    @blp.response(200, QueuePlaceSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, **NO_VACANCY)
    @blp.alt_response(409, **CONFLICT)
    def delete(self, vacancy_id: int) -> Any:
        """Withdraw from the list (an offered or accepted place goes to the next person)."""
        return service.withdraw(vacancy_id, user_id=auth.current_user_id())


@blp.route("/<int:vacancy_id>/queue/confirm")
class Confirm(MethodView):
    @JOBSEEKER
    @blp.response(200, QueuePlaceSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, **NO_VACANCY)
    @blp.alt_response(409, **CONFLICT)
    def post(self, vacancy_id: int) -> Any:
        """Say I am still interested: keeps my place active, or resumes it when paused."""
        return service.confirm(vacancy_id, user_id=auth.current_user_id())


@blp.route("/<int:vacancy_id>/queue/accept")
class Accept(MethodView):
    @JOBSEEKER
    @blp.arguments(AcceptSchema())
    @blp.response(200, QueuePlaceSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, **NO_VACANCY)
    @blp.alt_response(
        409,
        schema=ErrorSchema,
        description="No offer (`no_offer`), too late (`offer_expired`), already accepted "
        "(`already_accepted`) or all places taken (`places_full`)",
    )
    @blp.alt_response(422, **INVALID)
    def post(self, data: dict[str, Any], vacancy_id: int) -> Any:
        """Accept my offer before its deadline, sharing the contact details I choose."""
        return service.accept_offer(vacancy_id, user_id=auth.current_user_id(), share=data["share"])


@blp.route("/<int:vacancy_id>/queue/decline")
class Decline(MethodView):
    @JOBSEEKER
    @blp.response(200, QueuePlaceSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, **NO_VACANCY)
    @blp.alt_response(409, **CONFLICT)
    def post(self, vacancy_id: int) -> Any:
        """Decline my offer; the place goes to the next person waiting."""
        return service.decline_offer(vacancy_id, user_id=auth.current_user_id())


@blp.route("/<int:vacancy_id>/queue/history")
class History(MethodView):
    @JOBSEEKER
    @blp.response(200, QueueEventSchema(many=True))
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(404, **NO_VACANCY)
    def get(self, vacancy_id: int) -> Any:
        """List everything that happened to my place on this list, oldest first."""
        return service.my_history(vacancy_id, user_id=auth.current_user_id())


@blp.route("/my-places")
class MyPlaces(MethodView):
    @JOBSEEKER
    @blp.response(200, QueuePlaceSchema(many=True))
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    def get(self) -> Any:
        """List the lists I signed, with my position on each."""
        return service.list_my_places(auth.current_user_id())


@blp.route("/employer/<int:vacancy_id>")
class Dashboard(MethodView):
    @EMPLOYER
    @blp.response(200, DashboardSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **EMPLOYER_FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such vacancy")
    def get(self, vacancy_id: int) -> Any:
        """Show the list: counts per state and the accepted people's shared details."""
        return service.dashboard(auth.current_user_id(), vacancy_id)


@blp.route("/employer/<int:vacancy_id>/open-places")
class OpenPlaces(MethodView):
    @EMPLOYER
    @blp.arguments(OpenPlacesSchema())
    @blp.response(200, DashboardSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **EMPLOYER_FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such vacancy")
    @blp.alt_response(409, schema=ErrorSchema, description="Not open hiring, or not published")
    @blp.alt_response(422, **INVALID)
    def post(self, data: dict[str, Any], vacancy_id: int) -> Any:
        """Open more places: the first people waiting get an offer at once."""
        return service.open_places(auth.current_user_id(), vacancy_id, data["count"])


@blp.route("/employer/places/<int:place_id>/started")
class Started(MethodView):
    @EMPLOYER
    @blp.response(200, EmployerPlaceSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **EMPLOYER_FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such place")
    @blp.alt_response(409, schema=ErrorSchema, description="The person has not accepted")
    def post(self, place_id: int) -> Any:
        """Mark an accepted person as started."""
        return service.mark_started(auth.current_user_id(), place_id)


@blp.route("/employer/places/<int:place_id>/no-show")
class NoShow(MethodView):
    @EMPLOYER
    @blp.response(200, EmployerPlaceSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **EMPLOYER_FORBIDDEN)
    @blp.alt_response(404, schema=ErrorSchema, description="No such place")
    @blp.alt_response(409, schema=ErrorSchema, description="The person has not accepted")
    def post(self, place_id: int) -> Any:
        """Mark an accepted person who did not come; the place goes to the next person."""
        return service.mark_no_show(auth.current_user_id(), place_id)


@blp.route("/admin/<int:vacancy_id>/audit")
class Audit(MethodView):
    @auth.roles_required(Role.ADMIN)
    @blp.response(200, AuditSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, schema=ErrorSchema, description="Not an admin")
    @blp.alt_response(404, schema=ErrorSchema, description="No such vacancy")
    def get(self, vacancy_id: int) -> Any:
        """Show every event of a list and whether offers followed the order of the list."""
        return service.audit(vacancy_id)
