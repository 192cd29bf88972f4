"""A tiny WSGI app for the gunicorn worker tests: answers how many body bytes it read.

`?noread` answers without reading the body.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    query = environ.get("QUERY_STRING", "")
    body = b"" if "noread" in query else environ["wsgi.input"].read()
    out = b"read %d" % len(body)
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(out)))])
    return [out]
