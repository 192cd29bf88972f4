"""Registration, login, tokens and organisations."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint

from backend.accounts import auth, service
from backend.accounts.models import Role
from backend.accounts.schemas import (
    LoginSchema,
    MemberCreateSchema,
    MemberSchema,
    OrganisationCreateSchema,
    OrganisationSchema,
    RegisterSchema,
    TokenSchema,
    UserSchema,
)
from backend.errors import ErrorSchema
from backend.extensions import limiter

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Accounts and login")
org_blp = Blueprint(
    "organisations", __name__, url_prefix="/api/v1/organisations", description="Organisations"
)


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


def _register_limit() -> str:
    return str(current_app.config["REGISTER_RATE_LIMIT"])


RATE_LIMITED = {"schema": ErrorSchema, "description": "Too many attempts; try again later"}
NOT_LOGGED_IN = {"schema": ErrorSchema, "description": "Not logged in, or the token is not valid"}
CSRF = {"schema": ErrorSchema, "description": "The CSRF header is missing or wrong"}


@blp.route("/register")
class Register(MethodView):
    decorators = [limiter.limit(_register_limit, methods=["POST"])]

    @blp.arguments(RegisterSchema())
    @blp.response(201, UserSchema)
    @blp.alt_response(422, schema=ErrorSchema, description="A field is not valid")
    @blp.alt_response(429, **RATE_LIMITED)
    def post(self, data: dict[str, Any]) -> Any:
        """Create an account and log in (browser cookies)."""
        user = service.register(**data)
        auth.log_in_browser(user)
        return service.get_profile(user.id)


@blp.route("/login")
class Login(MethodView):
    decorators = [limiter.limit(_login_limit, methods=["POST"])]

    @blp.arguments(LoginSchema())
    @blp.response(200, UserSchema)
    @blp.alt_response(401, schema=ErrorSchema, description="Wrong username or password")
    @blp.alt_response(429, **RATE_LIMITED)
    def post(self, data: dict[str, Any]) -> Any:
        """Log in with a username (or e-mail) and password; set the cookies."""
        user = service.authenticate(data["username"], data["password"])
        auth.log_in_browser(user)
        return service.get_profile(user.id)


@blp.route("/token")
class Token(MethodView):
    decorators = [limiter.limit(_login_limit, methods=["POST"])]

    @blp.arguments(LoginSchema())
    @blp.response(200, TokenSchema)
    @blp.alt_response(401, schema=ErrorSchema, description="Wrong username or password")
    @blp.alt_response(429, **RATE_LIMITED)
    def post(self, data: dict[str, Any]) -> Any:
        """Get Bearer tokens for an API client."""
        return auth.issue_api_tokens(service.authenticate(data["username"], data["password"]))


@blp.route("/token/refresh")
class TokenRefresh(MethodView):
    @jwt_required(refresh=True, locations=["headers"])
    @blp.response(200, TokenSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.doc(security=[{"bearerAuth": []}])
    def post(self) -> Any:
        """Get a new access token with a Bearer refresh token."""
        return auth.refresh_api_access()


@blp.route("/refresh")
class Refresh(MethodView):
    @jwt_required(refresh=True, locations=["cookies"])
    @blp.response(200, UserSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **CSRF)
    def post(self) -> Any:
        """Renew the access cookie with the refresh cookie."""
        auth.refresh_browser_access()
        return service.get_profile(auth.current_user_id())


@blp.route("/logout")
class Logout(MethodView):
    @jwt_required()
    @blp.response(204)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **CSRF)
    def post(self) -> None:
        """Log out: revoke this session's tokens and clear the cookies."""
        auth.log_out()


@blp.route("/logout-everywhere")
class LogoutEverywhere(MethodView):
    @jwt_required()
    @blp.response(204)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    @blp.alt_response(403, **CSRF)
    def post(self) -> None:
        """Log out on every device: revoke all of this account's sessions."""
        auth.log_out_everywhere()


@blp.route("/me")
class Me(MethodView):
    @jwt_required()
    @blp.response(200, UserSchema)
    @blp.alt_response(401, **NOT_LOGGED_IN)
    def get(self) -> Any:
        """Return the logged-in account."""
        return service.get_profile(auth.current_user_id())


ORG_ROLES = (Role.EMPLOYER, Role.PROVIDER)
FORBIDDEN = {"schema": ErrorSchema, "description": "Not allowed for this account or organisation"}
NOT_FOUND = {"schema": ErrorSchema, "description": "No such organisation"}


@org_blp.route("")
class Organisations(MethodView):
    @auth.roles_required(*ORG_ROLES)
    @org_blp.response(200, OrganisationSchema(many=True))
    @org_blp.alt_response(401, **NOT_LOGGED_IN)
    @org_blp.alt_response(403, **FORBIDDEN)
    def get(self) -> Any:
        """List the organisations I belong to."""
        return service.list_organisations(auth.current_user_id())

    @auth.roles_required(*ORG_ROLES)
    @org_blp.arguments(OrganisationCreateSchema())
    @org_blp.response(201, OrganisationSchema)
    @org_blp.alt_response(401, **NOT_LOGGED_IN)
    @org_blp.alt_response(403, **FORBIDDEN)
    @org_blp.alt_response(422, schema=ErrorSchema, description="A field is not valid")
    def post(self, data: dict[str, Any]) -> Any:
        """Create an organisation; I become its owner."""
        return service.create_organisation(auth.current_user_id(), **data)


@org_blp.route("/<int:org_id>")
class OrganisationDetail(MethodView):
    @auth.roles_required(*ORG_ROLES)
    @org_blp.response(200, OrganisationSchema)
    @org_blp.alt_response(401, **NOT_LOGGED_IN)
    @org_blp.alt_response(403, **FORBIDDEN)
    @org_blp.alt_response(404, **NOT_FOUND)
    def get(self, org_id: int) -> Any:
        """Show an organisation I belong to."""
        return service.get_organisation(auth.current_user_id(), org_id)


@org_blp.route("/<int:org_id>/members")
class Members(MethodView):
    @auth.roles_required(*ORG_ROLES)
    @org_blp.response(200, MemberSchema(many=True))
    @org_blp.alt_response(401, **NOT_LOGGED_IN)
    @org_blp.alt_response(403, **FORBIDDEN)
    @org_blp.alt_response(404, **NOT_FOUND)
    def get(self, org_id: int) -> Any:
        """List the colleagues in an organisation I belong to."""
        return service.list_members(auth.current_user_id(), org_id)

    @auth.roles_required(*ORG_ROLES)
    @org_blp.arguments(MemberCreateSchema())
    @org_blp.response(201, MemberSchema)
    @org_blp.alt_response(401, **NOT_LOGGED_IN)
    @org_blp.alt_response(403, **FORBIDDEN)
    @org_blp.alt_response(404, **NOT_FOUND)
    @org_blp.alt_response(409, schema=ErrorSchema, description="Already a member")
    @org_blp.alt_response(422, schema=ErrorSchema, description="A field is not valid")
    def post(self, data: dict[str, Any], org_id: int) -> Any:
        """Add a colleague to an organisation I own."""
        return service.add_member(
            auth.current_user_id(), org_id, username=data["username"], role=data["member_role"]
        )
