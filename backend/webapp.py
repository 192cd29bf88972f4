"""Serve the built PWA: long cache for hashed assets, no-cache for sw.js and index.html."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, request, send_from_directory

bp = Blueprint("webapp", __name__)

# Files whose name does not change between builds must always be revalidated.
NO_CACHE = {"index.html", "sw.js", "manifest.webmanifest", "registerSW.js"}


def _dist() -> Path:
    return Path(current_app.config["PWA_DIST"])


# The build writes .br and .gz copies (pwa/scripts/compress-dist.mjs); best first.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def _accepted(encoding: str) -> bool:
    for part in request.headers.get("Accept-Encoding", "").split(","):
        token, _, params = part.strip().partition(";")
        if token.strip().lower() == encoding:
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _send_file(dist: Path, name: str, **kwargs: Any) -> Response:
    # A compressed copy when the browser takes it; the type stays the original file's.
    for encoding, suffix in ENCODINGS:
        if _accepted(encoding) and (dist / f"{name}{suffix}").is_file():
            mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
            resp = send_from_directory(dist, f"{name}{suffix}", mimetype=mimetype, **kwargs)
            resp.headers["Content-Encoding"] = encoding
            break
    else:
        resp = send_from_directory(dist, name, **kwargs)
    resp.vary.add("Accept-Encoding")
    return resp


def _send(name: str) -> Response:
    dist = _dist()
    if not (dist / "index.html").exists():
        abort(503, description="The app is not built yet: run `make build`.")
    if name.startswith("assets/"):
        # Vite puts a content hash in every file name under assets/.
        resp = _send_file(dist, name, max_age=31536000)
        resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return resp
    resp = _send_file(dist, name)
    if name in NO_CACHE:
        resp.headers["Cache-Control"] = "no-cache"
    else:
        resp.headers["Cache-Control"] = "public, max-age=86400"
    if name == "sw.js":
        resp.headers["Service-Worker-Allowed"] = "/"
    return resp


@bp.get("/")
def index() -> Response:
    """Serve the app shell."""
    return _send("index.html")


@bp.get("/<path:name>")
def static_or_shell(name: str) -> Response:
    """Serve a built file, or the app shell for a client-side route."""
    if name.startswith("api/"):
        abort(404)
    if (_dist() / name).is_file():
        return _send(name)
    if "." in name.rsplit("/", 1)[-1]:
        abort(404)  # a missing file, not a route of the app
    return _send("index.html")


def init_app(app: Flask) -> None:
    """Register the PWA routes last, so the API wins every overlap."""
    app.register_blueprint(bp)
