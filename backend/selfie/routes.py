"""Selfie endpoints: sections (ETag, If-Match, Idempotency-Key), sync, CV, profiles, me."""

from __future__ import annotations

import re
from typing import Any

from flask import Response, after_this_request, current_app, request
from flask.views import MethodView
from flask_jwt_extended import unset_jwt_cookies
from flask_smorest import Blueprint
from marshmallow import Schema

from backend.accounts import auth
from backend.accounts.models import Role
from backend.errors import ErrorSchema
from backend.selfie import service
from backend.selfie.schemas import (
    SECTION_SCHEMAS,
    VERSION_HEADER_MAX,
    CvSchema,
    EraseSchema,
    ExportSchema,
    InterestItemSchema,
    JsonResumeSchema,
    LanguageQueryArgsSchema,
    ProfileSchema,
    RevisionSchema,
    SectionConflictErrorSchema,
    SectionSchema,
    SelfieOverviewSchema,
    SkillProposalSchema,
    SyncRequestSchema,
    SyncResponseSchema,
    WriteHeadersSchema,
)

blp = Blueprint("selfie", __name__, url_prefix="/api/v1", description="The arbeidsmarkt-selfie")
profiles_blp = Blueprint(
    "profiles", __name__, url_prefix="/api/v1/profiles", description="What employers see"
)
me_blp = Blueprint("me", __name__, url_prefix="/api/v1/me", description="My data: export, erase")

NOT_LOGGED_IN = {"schema": ErrorSchema, "description": "Not logged in, or the token is not valid"}
FORBIDDEN = {"schema": ErrorSchema, "description": "Not allowed for this kind of account"}
INVALID = {"schema": ErrorSchema, "description": "A field is not valid; `errors` names it"}
ETAG = {"ETag": {"description": 'The section\'s version, e.g. "3"', "schema": {"type": "string"}}}
WRITE_HEADERS = {
    **ETAG,
    "Idempotent-Replayed": {
        "description": "`true` when this is the stored answer to an earlier write with this key",
        "schema": {"type": "string"},
    },
}
JOBSEEKER = auth.roles_required(Role.JOBSEEKER)
TAG_RE = re.compile(r'^(?:W/)?"?([0-9]{1,9})"?$')


def write_headers() -> dict[str, Any]:
    """The headers of a section write, as WriteHeadersSchema documents and checks them.

    Read straight from the request while they are plainly right; a doubtful value goes
    through the schema (webargs), which answers 422 naming the header. Parsing every
    write through webargs was 7% of a PUT (docs/performance.md, "Selfie writes").
    """
    get = request.headers.get
    if_match, if_none_match = get("If-Match"), get("If-None-Match")
    key = get("Idempotency-Key")
    if (
        (if_match is None or len(if_match) <= VERSION_HEADER_MAX)
        and (if_none_match is None or len(if_none_match) <= VERSION_HEADER_MAX)
        and (key is None or service.KEY_RE.match(key))
    ):
        return {"if_match": if_match, "if_none_match": if_none_match, "idempotency_key": key}
    parsed: dict[str, Any] = blp.ARGUMENTS_PARSER.parse(WriteHeadersSchema(), location="headers")
    return parsed


def base_version(headers: dict[str, Any]) -> int | None:
    """Turn If-Match / If-None-Match into the version a write is based on (None: absent)."""
    if_match = headers.get("if_match")
    if if_match is not None and if_match.strip() != "*":
        match = TAG_RE.match(if_match.strip())
        # An ETag we never sent matches no version: 412 with the server's copy.
        return int(match.group(1)) if match else -1
    if (headers.get("if_none_match") or "").strip() == "*":
        return 0
    return None


def section_response(section: dict[str, Any], *, replayed: bool = False) -> Any:
    """Answer with a section and its ETag (and `Idempotent-Replayed` for a replay).

    The JSON is what SectionSchema dumps, made without the dump: a section view is
    already in the schema's shape (service.section_view), and on the write path the
    dump and its hooks were a twentieth of a PUT (docs/performance.md, "Selfie
    writes"). A test checks that both give the same body.
    """
    updated_at = section["updated_at"]
    body = {**section, "updated_at": updated_at.isoformat() if updated_at else None}
    response = current_app.json.response(body)
    response.headers["ETag"] = f'"{section["version"]}"'
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response


def json_body() -> Any:
    """Return the JSON body (None when there is none or it is not JSON)."""
    return request.get_json(silent=True)


def _section_view(name: str, body_schema: type[Schema]) -> type[MethodView]:
    class SectionView(MethodView):
        @JOBSEEKER
        @blp.response(200, SectionSchema, headers=ETAG)
        @blp.alt_response(401, **NOT_LOGGED_IN)
        @blp.alt_response(403, **FORBIDDEN)
        def get(self) -> Any:
            """Return this section with its ETag (version 0: never written)."""
            return section_response(service.get_section(auth.current_user_id(), name))

        @JOBSEEKER
        @blp.doc(
            parameters=[{"in": "header", "schema": WriteHeadersSchema}],
            requestBody={
                "required": True,
                "description": "The whole section. Leave out what is not known yet.",
                "content": {"application/json": {"schema": body_schema}},
            },
        )
        @blp.response(200, SectionSchema, headers=WRITE_HEADERS)
        @blp.alt_response(401, **NOT_LOGGED_IN)
        @blp.alt_response(403, **FORBIDDEN)
        @blp.alt_response(
            412,
            schema=SectionConflictErrorSchema,
            description="Based on an old version: the body has the server's copy",
        )
        @blp.alt_response(
            422,
            schema=ErrorSchema,
            description="A value is wrong (named by its dotted path), or the "
            "Idempotency-Key was used for another body",
        )
        @blp.alt_response(428, schema=ErrorSchema, description="If-Match is missing")
        def put(self) -> Any:
            """Write this section: If-Match (or If-None-Match: * the first time)."""
            headers = write_headers()
            write = service.put_section(
                auth.current_user_id(),
                name,
                json_body(),
                base_version=base_version(headers),
                idempotency_key=headers.get("idempotency_key"),
            )
            return section_response(write.section, replayed=write.replayed)

    class RevisionsView(MethodView):
        @JOBSEEKER
        @blp.response(200, RevisionSchema(many=True))
        @blp.alt_response(401, **NOT_LOGGED_IN)
        @blp.alt_response(403, **FORBIDDEN)
        def get(self) -> Any:
            """List the earlier versions of this section (the last 20), newest first."""
            return service.list_revisions(auth.current_user_id(), name)

    title = name.title()
    SectionView.__name__ = SectionView.__qualname__ = f"{title}Section"
    RevisionsView.__name__ = RevisionsView.__qualname__ = f"{title}Revisions"
    blp.route(f"/selfie/sections/{name}", endpoint=f"section_{name}")(SectionView)
    blp.route(f"/selfie/sections/{name}/revisions", endpoint=f"revisions_{name}")(RevisionsView)
    return SectionView


for _name, _schema in SECTION_SCHEMAS.items():
    _section_view(_name, _schema)


@blp.route("/selfie")
class Overview(MethodView):
    @JOBSEEKER
    @blp.response(200, SelfieOverviewSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    def get(self) -> Any:
        """Return every section's version, status and what is missing, and completeness."""
        return service.get_overview(auth.current_user_id())


@blp.route("/sync")
class Sync(MethodView):
    @JOBSEEKER
    @blp.doc(
        requestBody={
            "required": True,
            "content": {"application/json": {"schema": SyncRequestSchema}},
        }
    )
    @blp.response(200, SyncResponseSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(422, schema=ErrorSchema, description="Not a list of 1 to 100 operations")
    def post(self) -> Any:
        """Apply a batch of section writes from the outbox; each gets its own answer."""
        return service.apply_batch(auth.current_user_id(), json_body())


@blp.route("/selfie/skill-proposals")
class SkillProposals(MethodView):
    @JOBSEEKER
    @blp.response(200, SkillProposalSchema(many=True))
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    def get(self) -> Any:
        """Propose the essential skills of my experience that I did not list or reject."""
        return service.skill_proposals(auth.current_user_id())


@blp.route("/selfie/interest-items")
class InterestItems(MethodView):
    @JOBSEEKER
    @blp.arguments(LanguageQueryArgsSchema(), location="query")
    @blp.response(200, InterestItemSchema(many=True))
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(422, **INVALID)
    def get(self, args: dict[str, Any]) -> Any:
        """List the 48 questions of the interest test, in Dutch or English."""
        return service.interest_items(args["lang"])


@blp.route("/selfie/cv")
class Cv(MethodView):
    @JOBSEEKER
    @blp.arguments(LanguageQueryArgsSchema(), location="query")
    @blp.response(200, CvSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(422, **INVALID)
    def get(self, args: dict[str, Any]) -> Any:
        """Return my Slim CV: a readable summary of every complete section."""
        return service.build_cv(auth.current_user_id(), args["lang"])


@blp.route("/selfie/cv.json")
class CvJsonResume(MethodView):
    @JOBSEEKER
    @blp.arguments(LanguageQueryArgsSchema(), location="query")
    @blp.response(200, JsonResumeSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **FORBIDDEN)
    @blp.alt_response(422, **INVALID)
    def get(self, args: dict[str, Any]) -> Any:
        """Return my Slim CV in the JSON Resume format."""
        return service.build_json_resume(auth.current_user_id(), args["lang"])


@profiles_blp.route("/<string:profile_id>")
class Profile(MethodView):
    @auth.roles_required(Role.EMPLOYER)
    @profiles_blp.arguments(LanguageQueryArgsSchema(), location="query")
    @profiles_blp.response(200, ProfileSchema)
    @profiles_blp.alt_response(401, **NOT_LOGGED_IN)
    @profiles_blp.alt_response(403, **FORBIDDEN)
    @profiles_blp.alt_response(
        404, schema=ErrorSchema, description="No such profile, or not shared with employers"
    )
    @profiles_blp.alt_response(422, **INVALID)
    def get(self, args: dict[str, Any], profile_id: str) -> Any:
        """Show a jobseeker's profile as they chose to share it (anonymous or full)."""
        return service.employer_view(profile_id, args["lang"])


def clear_cookies() -> None:
    """Clear the login cookies on this response (the account is gone)."""

    @after_this_request
    def clear(response: Response) -> Response:
        unset_jwt_cookies(response)
        return response


@me_blp.route("")
class Me(MethodView):
    @auth.roles_required(*Role)
    @me_blp.arguments(EraseSchema())
    @me_blp.response(204)
    @me_blp.alt_response(401, **NOT_LOGGED_IN)
    @me_blp.alt_response(403, schema=ErrorSchema, description="The CSRF header is missing")
    @me_blp.alt_response(422, schema=ErrorSchema, description="The password is not right")
    def delete(self, data: dict[str, Any]) -> None:
        """Erase my account and everything linked to it (confirm with the password)."""
        service.erase_me(auth.current_user_id(), data["password"])
        clear_cookies()


@me_blp.route("/export")
class Export(MethodView):
    @auth.roles_required(*Role)
    @me_blp.response(200, ExportSchema)
    @me_blp.alt_response(401, **NOT_LOGGED_IN)
    def get(self) -> Any:
        """Download every piece of data about me as one JSON document."""
        return service.export_me(auth.current_user_id())
