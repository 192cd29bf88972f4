"""The inbox, push devices, preferences and the daily check-in."""

from __future__ import annotations

from typing import Any

from flask import Response, after_this_request
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from backend.accounts import auth
from backend.accounts.models import Role
from backend.errors import ErrorSchema
from backend.extensions import PaginatedBlueprint as Blueprint
from backend.notifications import checkin, service
from backend.notifications.schemas import (
    CheckInAnsweredSchema,
    CheckInAnswerSchema,
    CheckInSchema,
    MarkedReadSchema,
    NotificationQueryArgsSchema,
    NotificationSchema,
    PreferencesSchema,
    PreferencesUpdateSchema,
    StreakSchema,
    SubscriptionCreateSchema,
    SubscriptionDeleteSchema,
    SubscriptionSchema,
    VapidKeySchema,
)

blp = Blueprint(
    "notifications",
    __name__,
    url_prefix="/api/v1/notifications",
    description="My notification inbox",
)

push_blp = Blueprint(
    "push",
    __name__,
    url_prefix="/api/v1/push",
    description="Web Push: the server's key and my devices",
)
checkin_blp = Blueprint(
    "checkins",
    __name__,
    url_prefix="/api/v1/checkins",
    description="The daily check-in (jobseekers)",
)

NOT_LOGGED_IN = {"schema": ErrorSchema, "description": "Not logged in, or the token is not valid"}
CSRF = {"schema": ErrorSchema, "description": "The CSRF header is missing or wrong"}
ANY_ACCOUNT = auth.roles_required(*Role)
JOBSEEKER = auth.roles_required(Role.JOBSEEKER)
NOT_JOBSEEKER = {
    "schema": ErrorSchema,
    "description": "Not a jobseeker, or the CSRF header is wrong",
}
INVALID = {"schema": ErrorSchema, "description": "A field is not valid (each is named)"}
UNREAD_HEADER = {
    "X-Unread-Count": {
        "description": "How many of my notifications are unread",
        "schema": {"type": "integer"},
    }
}


def with_unread_count(count: int) -> None:
    """Tell the app how many notifications are unread (for the badge)."""

    @after_this_request
    def set_header(response: Response) -> Response:
        response.headers["X-Unread-Count"] = str(count)
        return response


@blp.route("")
class Inbox(MethodView):
    @ANY_ACCOUNT
    @blp.arguments(NotificationQueryArgsSchema(), location="query")
    @blp.response(200, NotificationSchema(many=True), headers=UNREAD_HEADER)
    @blp.paginate(page_size=20, max_page_size=100)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(422, schema=ErrorSchema, description="A query parameter is not valid")
    def get(self, args: dict[str, Any], pagination_parameters: PaginationParameters) -> Any:
        """List my notifications, newest first."""
        page = service.list_notifications(
            auth.current_user_id(),
            unread_only=args["unread"],
            offset=pagination_parameters.first_item,
            limit=pagination_parameters.page_size,
        )
        pagination_parameters.item_count = page.total
        with_unread_count(page.unread)
        return page.items


@blp.route("/<int:notification_id>/read")
class MarkRead(MethodView):
    @ANY_ACCOUNT
    @blp.response(200, NotificationSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **CSRF)
    @blp.alt_response(404, schema=ErrorSchema, description="I have no notification with this id")
    def post(self, notification_id: int) -> Any:
        """Mark one of my notifications read."""
        return service.mark_read(auth.current_user_id(), notification_id)


@blp.route("/read-all")
class MarkAllRead(MethodView):
    @ANY_ACCOUNT
    @blp.response(200, MarkedReadSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **CSRF)
    def post(self) -> Any:
        """Mark all my notifications read."""
        return {"marked": service.mark_all_read(auth.current_user_id())}


@blp.route("/preferences")
class Preferences(MethodView):
    @ANY_ACCOUNT
    @blp.response(200, PreferencesSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    def get(self) -> Any:
        """Show my push preferences (the defaults until I save any)."""
        return service.get_preferences(auth.current_user_id())

    @ANY_ACCOUNT
    @blp.arguments(PreferencesUpdateSchema)
    @blp.response(200, PreferencesSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **CSRF)
    @blp.alt_response(422, **INVALID)
    def put(self, data: dict[str, Any]) -> Any:
        """Replace my push preferences; my next check-in is planned again."""
        return service.update_preferences(auth.current_user_id(), data)


@push_blp.route("/vapid-public-key")
class VapidPublicKey(MethodView):
    @push_blp.response(200, VapidKeySchema)
    def get(self) -> Any:
        """Return the server's VAPID public key, for PushManager.subscribe()."""
        return {"public_key": service.vapid_public_key()}


@push_blp.route("/subscriptions")
class Subscriptions(MethodView):
    @ANY_ACCOUNT
    @push_blp.response(200, SubscriptionSchema(many=True))
    @push_blp.alt_response(401, **NOT_LOGGED_IN)
    def get(self) -> Any:
        """List my devices that get push."""
        return service.list_subscriptions(auth.current_user_id())

    @ANY_ACCOUNT
    @push_blp.arguments(SubscriptionCreateSchema)
    @push_blp.response(201, SubscriptionSchema)
    @push_blp.alt_response(401, **NOT_LOGGED_IN)
    @push_blp.alt_response(403, **CSRF)
    @push_blp.alt_response(
        422,
        schema=ErrorSchema,
        description="The endpoint is not on a known push service, or a key is not valid",
    )
    def post(self, data: dict[str, Any]) -> Any:
        """Register this device for push (saving the same endpoint again updates it)."""
        return service.save_subscription(
            auth.current_user_id(),
            data["endpoint"],
            data["keys"]["p256dh"],
            data["keys"]["auth"],
        )

    @ANY_ACCOUNT
    @push_blp.arguments(SubscriptionDeleteSchema)
    @push_blp.response(204)
    @push_blp.alt_response(401, **NOT_LOGGED_IN)
    @push_blp.alt_response(403, **CSRF)
    @push_blp.alt_response(422, **INVALID)
    def delete(self, data: dict[str, Any]) -> None:
        """Stop push to this device (a device that is not mine is left alone)."""
        service.delete_subscription(auth.current_user_id(), data["endpoint"])


@checkin_blp.route("")
class CheckIns(MethodView):
    @JOBSEEKER
    @checkin_blp.response(200, CheckInSchema)
    @checkin_blp.alt_response(401, **NOT_LOGGED_IN)
    @checkin_blp.alt_response(403, **NOT_JOBSEEKER)
    def post(self) -> Any:
        """Open today's check-in: what is new, "Ben je nog beschikbaar?" and my streak."""
        return checkin.open_checkin(auth.current_user_id())


@checkin_blp.route("/<int:checkin_id>/answer")
class CheckInAnswer(MethodView):
    @JOBSEEKER
    @checkin_blp.arguments(CheckInAnswerSchema)
    @checkin_blp.response(200, CheckInAnsweredSchema)
    @checkin_blp.alt_response(401, **NOT_LOGGED_IN)
    @checkin_blp.alt_response(403, **NOT_JOBSEEKER)
    @checkin_blp.alt_response(
        404, schema=ErrorSchema, description="I have no check-in with this id"
    )
    @checkin_blp.alt_response(422, **INVALID)
    def post(self, data: dict[str, Any], checkin_id: int) -> Any:
        """Answer "Ben je nog beschikbaar?": yes re-confirms my places on open-hiring lists."""
        return checkin.answer_checkin(
            auth.current_user_id(), checkin_id, available=data["available"]
        )


@checkin_blp.route("/streak")
class Streak(MethodView):
    @JOBSEEKER
    @checkin_blp.response(200, StreakSchema)
    @checkin_blp.alt_response(401, **NOT_LOGGED_IN)
    @checkin_blp.alt_response(403, **NOT_JOBSEEKER)
    def get(self) -> Any:
        """Show my gentle check-in streak."""
        return checkin.streak(auth.current_user_id())
