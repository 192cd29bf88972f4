"""The inbox: list my notifications, mark them read."""

from __future__ import annotations

from typing import Any

import flask_smorest
from flask import Response, after_this_request
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from backend.accounts import auth
from backend.accounts.models import Role
from backend.errors import ErrorSchema
from backend.notifications import service
from backend.notifications.schemas import (
    MarkedReadSchema,
    NotificationQueryArgsSchema,
    NotificationSchema,
)


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's Blueprint, with X-Pagination documented as the JSON text it is.

    flask-smorest documents the header as an object, which OpenAPI reads as the
    `simple` style (`k,v,k,v`); clients and Schemathesis then misread the JSON.
    """

    def _document_pagination_metadata(self, spec: Any, resp_doc: dict[str, Any]) -> None:
        resp_doc.setdefault("headers", {})[self.PAGINATION_HEADER_NAME] = PAGINATION_HEADER


PAGINATION_HEADER = {
    "description": "Pagination as JSON: total, total_pages, first_page, last_page, page, "
    'previous_page, next_page (e.g. {"total": 42, "page": 1, ...})',
    "schema": {"type": "string"},
}

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
