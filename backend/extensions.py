"""The shared extension instances: api (flask-smorest), jwt, limiter, compress and huey."""

from __future__ import annotations

import os
from typing import Any

from flask import Response
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_smorest import Api as _Api
from flask_smorest import Blueprint
from huey import Huey, RedisHuey, SqliteHuey
from werkzeug.exceptions import HTTPException

from backend.accounts.token_cache import CachingJWTManager, remember_headers
from backend.config import instance_path
from backend.errors import ErrorSchema, http_error_response


class Api(_Api):
    """flask-smorest's Api with our one JSON error body."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error: HTTPException) -> Response:
        return http_error_response(error)


PAGINATION_HEADER = {
    "description": "Pagination as JSON: total, total_pages, first_page, last_page, page, "
    'previous_page, next_page (e.g. {"total": 42, "page": 1, ...})',
    "schema": {"type": "string"},
}


class PaginatedBlueprint(Blueprint):
    """flask-smorest's Blueprint, with X-Pagination documented as the JSON text it is.

    flask-smorest documents the header as an object, which OpenAPI reads as the
    `simple` style (`k,v,k,v`); clients and Schemathesis then misread the JSON.
    """

    def _document_pagination_metadata(self, spec: Any, resp_doc: dict[str, Any]) -> None:
        resp_doc.setdefault("headers", {})[self.PAGINATION_HEADER_NAME] = PAGINATION_HEADER


def make_huey() -> Huey:
    """Build the task queue: RedisHuey when REDIS_URL is set, else SqliteHuey."""
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        return RedisHuey("zelf", url=redis_url)
    return SqliteHuey("zelf", filename=str(instance_path() / "huey.db"))


api = Api()
# Only routes marked @compress.compressed() are compressed: the selfie's strong ETags
# must stay exactly as sent (flask-compress would add the encoding to them).
compress = Compress()
jwt = CachingJWTManager()
remember_headers(jwt)


class RouteLimiter(Limiter):
    """flask-limiter, checking only the routes that carry a limit of their own.

    Only registration, login and getting API tokens are limited, each by its decorator, which
    checks its own limit. flask-limiter also runs a check before every request, to find
    default or application-wide limits; with none set, that found nothing and cost about a
    tenth of a selfie write (docs/performance.md, "Selfie writes"). It is skipped here,
    and init_app refuses such limits, so none can be set and then not be checked.
    """

    def init_app(self, app: Any) -> None:
        super().init_app(app)
        if self.limit_manager.default_limits or self.limit_manager.application_limits:
            raise RuntimeError(
                "RouteLimiter checks decorated routes only: put the limit on the routes"
            )

    def _check_request_limit(
        self, callable_name: str | None = None, in_middleware: bool = True
    ) -> None:
        if not in_middleware:  # the call from a route's own @limiter.limit
            super()._check_request_limit(callable_name, in_middleware)


limiter = RouteLimiter(key_func=get_remote_address)
huey = make_huey()
