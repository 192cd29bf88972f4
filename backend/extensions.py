"""The shared extension instances: api (flask-smorest), jwt, limiter, compress and huey."""

from __future__ import annotations

import os

from flask import Response
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_smorest import Api as _Api
from huey import Huey, RedisHuey, SqliteHuey
from werkzeug.exceptions import HTTPException

from backend.accounts.token_cache import CachingJWTManager
from backend.config import instance_path
from backend.errors import ErrorSchema, http_error_response


class Api(_Api):
    """flask-smorest's Api with our one JSON error body."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error: HTTPException) -> Response:
        return http_error_response(error)


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
limiter = Limiter(key_func=get_remote_address)
huey = make_huey()
