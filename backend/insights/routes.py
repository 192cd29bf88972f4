"""Public endpoints of the regional insights: the latest figures and the downloads."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, send_file
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from backend.errors import ErrorSchema
from backend.extensions import PaginatedBlueprint as Blueprint
from backend.insights import service
from backend.insights.schemas import PublicationSchema, RegionFiguresSchema, RegionListSchema

blp = Blueprint(
    "insights",
    __name__,
    url_prefix="/api/v1/insights",
    description="Regional insights and open data: public, no login",
)

NOT_PUBLISHED = {
    "schema": ErrorSchema,
    "description": "Nothing has been published yet (`not_published`)",
}
UNAVAILABLE = {
    "schema": ErrorSchema,
    "description": "The publication's files cannot be read (`publication_unavailable`)",
}
# The figures change once a week; a file of a publication never changes.
FIGURES_CACHE = "public, max-age=300"
FILE_CACHE = "public, max-age=31536000, immutable"
FILE_DESCRIPTION = "The file: a CSV table (text/csv) or the datapackage.json (application/json)"


def _root() -> str:
    return str(current_app.config["INSIGHTS_DIR"])


@blp.after_request
def cache_figures(response: Response) -> Response:
    """Let browsers keep the latest figures for a few minutes."""
    if response.status_code == 200 and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = FIGURES_CACHE
    return response


@blp.route("/regions")
class Regions(MethodView):
    @blp.response(200, RegionListSchema)
    @blp.alt_response(404, **NOT_PUBLISHED)
    @blp.alt_response(503, **UNAVAILABLE)
    def get(self) -> Any:
        """List the 35 labour market regions with their latest published headline figures."""
        return service.latest_regions(_root())


@blp.route("/regions/<string:am_code>")
class Region(MethodView):
    @blp.response(200, RegionFiguresSchema)
    @blp.alt_response(
        404,
        schema=ErrorSchema,
        description="No such region (`unknown_region`), or nothing published (`not_published`)",
    )
    @blp.alt_response(503, **UNAVAILABLE)
    def get(self, am_code: str) -> Any:
        """Show the latest published figures of one region (AM01 … AM38), or NL for the country."""
        return service.region_figures(_root(), am_code)


@blp.route("/publications")
class Publications(MethodView):
    @blp.response(200, PublicationSchema(many=True))
    @blp.paginate(page_size=20, max_page_size=100)
    @blp.alt_response(422, schema=ErrorSchema, description="A query parameter is not valid")
    def get(self, pagination_parameters: PaginationParameters) -> Any:
        """List the publications, newest first, with the links to download their files."""
        page = service.list_publications(
            offset=pagination_parameters.first_item, limit=pagination_parameters.page_size
        )
        pagination_parameters.item_count = page.total
        return page.items


@blp.route("/publications/<int:version>/files/<string:name>")
class PublicationFile(MethodView):
    @blp.response(200, description=FILE_DESCRIPTION)
    @blp.doc(
        responses={
            "200": {
                "description": FILE_DESCRIPTION,
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/json": {"schema": {"type": "object"}},
                },
            }
        }
    )
    @blp.alt_response(404, schema=ErrorSchema, description="No such publication or file")
    @blp.alt_response(503, **UNAVAILABLE)
    def get(self, version: int, name: str) -> Any:
        """Download one file of a publication (only the files it lists)."""
        found = service.publication_file(_root(), version, name)
        response = send_file(
            found.path,
            mimetype=found.media_type,
            as_attachment=True,
            download_name=found.download_name,
            conditional=True,
            etag=found.sha256,
        )
        response.headers["Cache-Control"] = FILE_CACHE
        return response
