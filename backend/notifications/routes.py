"""The inbox: list my notifications, mark them read."""

from __future__ import annotations

from typing import Any

from flask import Response, after_this_request
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from backend.accounts import auth
from backend.accounts.models import Role
from backend.errors import ErrorSchema
from backend.extensions import PaginatedBlueprint as Blueprint
from backend.notifications import service
from backend.notifications.schemas import (
    MarkedReadSchema,
    NotificationQueryArgsSchema,
    NotificationSchema,
)

blp = Blueprint(
    "notifications",
    __name__,
    url_prefix="/api/v1/notifications",
    description="My notification inbox",
)

NOT_LOGGED_IN = {"schema": ErrorSchema, "description": "Not logged in, or the token is not valid"}
CSRF = {"schema": ErrorSchema, "description": "The CSRF header is missing or wrong"}
ANY_ACCOUNT = auth.roles_required(*Role)
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
