"""One JSON error body for every 4xx and 5xx, and the domain errors services raise."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    428: "precondition_required",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


class ErrorSchema(Schema):
    """The body of every error response."""

    code = fields.String(required=True, metadata={"example": "validation_error"})
    message = fields.String(required=True, metadata={"example": "Check the field: password."})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.Raw(),
        metadata={"description": "Per field: what is wrong with it (validation errors only)."},
    )


class DomainError(Exception):
    """An expected failure raised by a service; errors.py maps it to HTTP."""

    status = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        errors: dict[str, Any] | None = None,
        code: str | None = None,
        body: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors
        if code:
            self.code = code
        # Extra top-level members, e.g. the server's copy on a 412.
        self.body = body or {}


class NotFound(DomainError):
    status, code = 404, "not_found"


class Forbidden(DomainError):
    status, code = 403, "forbidden"


class Unauthorized(DomainError):
    status, code = 401, "unauthorized"


class Conflict(DomainError):
    status, code = 409, "conflict"


class InvalidInput(DomainError):
    status, code = 422, "validation_error"

    def __init__(self, field: str, problem: str, *, code: str | None = None) -> None:
        super().__init__(
            f"Check the field: {field}. {problem}", errors={field: [problem]}, code=code
        )


def error_body(
    status: int, message: str, errors: dict[str, Any] | None = None, code: str | None = None
) -> dict[str, Any]:
    """Build the JSON error body."""
    body: dict[str, Any] = {"code": code or CODES.get(status, "error"), "message": message}
    if errors:
        body["errors"] = errors
    return body


def _flatten_locations(messages: dict[str, Any]) -> dict[str, Any]:
    # webargs nests field errors under their location (json, query, headers...);
    # clients want the field names, so lift them up one level.
    flat: dict[str, Any] = {}
    for location, errs in messages.items():
        if isinstance(errs, dict):
            flat.update(errs)
        else:
            flat[location] = errs
    return flat


def http_error_response(exc: HTTPException) -> Response:
    """Turn any HTTPException (including flask-smorest's abort) into the JSON body."""
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages")
    errors = _flatten_locations(messages) if isinstance(messages, dict) else None
    if status == 422 and errors:
        message = "Check these fields: " + ", ".join(sorted(errors)) + "."
    else:
        message = data.get("message") or exc.description or CODES.get(status, "error")
    resp = jsonify(error_body(status, str(message), errors))
    resp.status_code = status
    for name, value in (data.get("headers") or {}).items():
        resp.headers[name] = value
    if exc.response is not None:
        # e.g. Retry-After from flask-limiter, Allow from 405
        for name in ("Retry-After", "Allow", "X-RateLimit-Limit", "X-RateLimit-Remaining"):
            if name in exc.response.headers:
                resp.headers[name] = exc.response.headers[name]
    elif hasattr(exc, "get_headers"):
        for name, value in exc.get_headers():
            if name.lower() != "content-type":
                resp.headers[name] = value
    return resp


def domain_error_response(exc: DomainError) -> Response:
    """Turn a domain error into the JSON body."""
    body = error_body(exc.status, exc.message, exc.errors, exc.code)
    body.update(exc.body)
    resp = jsonify(body)
    resp.status_code = exc.status
    return resp


def register_error_handlers(app: Flask) -> None:
    """Install the handlers that give every error the same JSON body."""
    app.register_error_handler(DomainError, domain_error_response)
    app.register_error_handler(HTTPException, http_error_response)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Response:
        if isinstance(exc, HTTPException):
            return http_error_response(exc)
        log.exception("unhandled error", exc_info=exc)
        return http_error_response(InternalServerError())


class InvalidFields(DomainError):
    """A 422 naming several fields at once, each with a dotted path (`location.postcode`)."""

    status, code = 422, "validation_error"

    def __init__(self, errors: dict[str, list[str]], *, code: str | None = None) -> None:
        super().__init__(
            "Check these fields: " + ", ".join(sorted(errors)) + ".", errors=errors, code=code
        )


class PreconditionFailed(DomainError):
    """412: the write was based on a version that is not the current one."""

    status, code = 412, "precondition_failed"


class PreconditionRequired(DomainError):
    """428: a conditional write arrived without its precondition (If-Match)."""

    status, code = 428, "precondition_required"
