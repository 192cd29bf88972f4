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
limiter = Limiter(key_func=get_remote_address)
huey = make_huey()
