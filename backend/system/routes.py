"""Health report and the API docs page (served from local files, no CDN)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import swagger_ui_bundle
from flask import Blueprint as FlaskBlueprint
from flask import Response, abort, render_template_string, send_from_directory
from flask.views import MethodView
from flask_smorest import Blueprint

from backend.security_headers import CSP_DOCS
from backend.system import service
from backend.system.schemas import HealthSchema

blp = Blueprint("system", __name__, url_prefix="/api/v1", description="Health of the service")


@blp.route("/health")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="The database or the queue is down")
    def get(self) -> Any:
        """Report whether the database and the task queue answer."""
        return service.report_health()


docs = FlaskBlueprint("api_docs", __name__, url_prefix="/api/docs")
SWAGGER_DIR = Path(swagger_ui_bundle.swagger_ui_path)
STATIC_DIR = Path(__file__).parent / "static"
SWAGGER_FILES = {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"}

DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Zelf aan het Werk API</title>
<link rel="stylesheet" href="{{ base }}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{{ base }}/swagger-ui-bundle.js"></script>
<script src="{{ base }}/swagger-ui-standalone-preset.js"></script>
<script src="{{ base }}/init.js"></script>
</body>
</html>
"""


@docs.get("")
@docs.get("/")
def docs_page() -> Response:
    """Serve the Swagger UI page."""
    resp = Response(render_template_string(DOCS_PAGE, base="/api/docs/static"))
    # Swagger UI sets inline styles; scripts stay strictly same-origin.
    resp.headers["Content-Security-Policy"] = CSP_DOCS
    return resp


@docs.get("/static/<path:name>")
def docs_static(name: str) -> Response:
    """Serve Swagger UI's files from the installed package."""
    if name == "init.js":
        return send_from_directory(STATIC_DIR, "swagger-init.js", max_age=3600)
    if name not in SWAGGER_FILES:
        abort(404)
    return send_from_directory(SWAGGER_DIR, name, max_age=86400)
