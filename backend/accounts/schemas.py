"""Account and organisation schemas."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, pre_load, validate

from backend.accounts.models import MemberRole, OrganisationKind, Role
from backend.accounts.passwords import MAX_LENGTH

_USERNAME = validate.Regexp(
    r"^[A-Za-z0-9._-]{3,40}$", error="Use 3 to 40 letters, digits, dots, dashes or underscores."
)


class _Strict(Schema):
    """Unknown fields are an error, so typos do not pass silently."""

    class Meta:
        unknown = "raise"


class RegisterSchema(_Strict):
    username = fields.String(required=True, validate=_USERNAME)
    # The length and "common password" rules are checked in the service, which names the field.
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=1024))
    email = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=254))
    role = fields.Enum(Role, by_value=True, load_default=Role.JOBSEEKER)

    @pre_load
    def blank_email_is_none(self, data: Any, **_kwargs: Any) -> Any:
        if (
            isinstance(data, dict)
            and isinstance(data.get("email"), str)
            and not data["email"].strip()
        ):
            data = {**data, "email": None}
        return data


class LoginSchema(_Strict):
    username = fields.String(
        required=True,
        validate=validate.Length(min=1, max=254),
        metadata={"description": "The username or the e-mail address."},
    )
    password = fields.String(
        required=True, load_only=True, validate=validate.Length(min=1, max=MAX_LENGTH * 8)
    )


class MembershipSummarySchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    kind = fields.Enum(OrganisationKind, by_value=True, required=True)
    member_role = fields.Enum(MemberRole, by_value=True, required=True)


class UserSchema(Schema):
    id = fields.Integer(required=True)
    username = fields.String(required=True)
    email = fields.String(allow_none=True)
    role = fields.Enum(Role, by_value=True, required=True)
    created_at = fields.DateTime(required=True)
    organisations = fields.List(fields.Nested(MembershipSummarySchema), required=True)


class TokenSchema(Schema):
    access_token = fields.String(required=True)
    refresh_token = fields.String()
    token_type = fields.String(required=True, metadata={"enum": ["Bearer"]})
    expires_in = fields.Integer(required=True, metadata={"description": "Seconds"})


class OrganisationCreateSchema(_Strict):
    name = fields.String(required=True, validate=validate.Length(min=2, max=120))
    postcode = fields.String(
        required=True,
        validate=validate.Length(min=4, max=7),
        metadata={"description": "PC4 (1234) or PC6 (1234 AB)"},
    )
    kvk_number = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Regexp(r"^\d{8}$", error="A KvK number has 8 digits."),
    )


class OrganisationSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    kind = fields.Enum(OrganisationKind, by_value=True, required=True)
    postcode = fields.String(required=True)
    kvk_number = fields.String(allow_none=True)
    created_at = fields.DateTime(required=True)


class MemberCreateSchema(_Strict):
    username = fields.String(required=True, validate=_USERNAME)
    member_role = fields.Enum(MemberRole, by_value=True, load_default=MemberRole.MEMBER)


class MemberSchema(Schema):
    user_id = fields.Integer(required=True)
    username = fields.String(required=True)
    member_role = fields.Enum(MemberRole, by_value=True, required=True)
    joined_at = fields.DateTime(required=True)
