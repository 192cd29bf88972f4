"""Schemas of the open-hiring endpoints."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from backend.open_hiring.models import Actor, EventKind, PlaceState
from backend.open_hiring.service import SHARE_FIELDS


class _Strict(Schema):
    """Unknown fields are an error, so typos do not pass silently."""

    class Meta:
        unknown = "raise"


class SignUpSchema(_Strict):
    right_to_work_nl = fields.Boolean(
        required=True,
        metadata={
            "description": "I am allowed to work in the Netherlands (must be true). The "
            "employer checks papers on the first day."
        },
    )


class AcceptSchema(_Strict):
    share = fields.List(
        fields.String(validate=validate.OneOf(SHARE_FIELDS)),
        load_default=list,
        validate=validate.Length(max=len(SHARE_FIELDS)),
        metadata={
            "description": "What of my selfie's basics the employer may see: any of "
            + ", ".join(SHARE_FIELDS)
            + ". Nothing else is ever shared."
        },
    )


class OpenPlacesSchema(_Strict):
    count = fields.Integer(
        required=True,
        validate=validate.Range(min=1, max=1000),
        metadata={"description": "How many more places to open for offers"},
    )


class ContactSchema(Schema):
    display_name = fields.String()
    phone = fields.String()
    email = fields.String()


class QueuePlaceSchema(Schema):
    """My place on a list."""

    vacancy_id = fields.Integer(required=True)
    place_id = fields.Integer(required=True)
    title = fields.String(required=True, metadata={"description": "The vacancy's title"})
    position = fields.Integer(
        required=True, metadata={"description": "My number on the list (1 is the first)"}
    )
    ahead = fields.Integer(
        required=True,
        metadata={
            "description": "People before me who are waiting or have an offer (0 unless "
            "I am waiting or paused)"
        },
    )
    state = fields.Enum(PlaceState, by_value=True, required=True)
    signed_at = fields.DateTime(required=True)
    confirmed_at = fields.DateTime(required=True)
    reconfirm_by = fields.DateTime(
        allow_none=True, required=True, metadata={"description": "Re-confirm before this"}
    )
    paused_at = fields.DateTime(allow_none=True, required=True)
    offered_at = fields.DateTime(allow_none=True, required=True)
    offer_deadline = fields.DateTime(allow_none=True, required=True)
    accepted_at = fields.DateTime(allow_none=True, required=True)
    started_at = fields.DateTime(allow_none=True, required=True)
    ended_at = fields.DateTime(allow_none=True, required=True)
    shared_contact = fields.Nested(
        ContactSchema,
        allow_none=True,
        required=True,
        metadata={"description": "What I shared with the employer when accepting"},
    )


class QueueEventSchema(Schema):
    id = fields.Integer(required=True)
    vacancy_id = fields.Integer(required=True)
    place_id = fields.Integer(required=True)
    position = fields.Integer(required=True)
    kind = fields.Enum(EventKind, by_value=True, required=True)
    actor = fields.Enum(Actor, by_value=True, required=True)
    at = fields.DateTime(required=True)
    detail = fields.Dict(keys=fields.String(), values=fields.Raw(), required=True)


class EmployerPlaceSchema(Schema):
    """An accepted (or started) person, as the employer sees them."""

    place_id = fields.Integer(required=True)
    position = fields.Integer(required=True)
    state = fields.Enum(PlaceState, by_value=True, required=True)
    accepted_at = fields.DateTime(allow_none=True, required=True)
    started_at = fields.DateTime(allow_none=True, required=True)
    contact = fields.Nested(
        ContactSchema,
        required=True,
        metadata={"description": "Only what the person chose to share"},
    )


class DashboardSchema(Schema):
    vacancy_id = fields.Integer(required=True)
    title = fields.String(required=True)
    status = fields.String(required=True, metadata={"description": "The vacancy's status"})
    places = fields.Integer(required=True, metadata={"description": "The vacancy's places"})
    places_open = fields.Integer(
        required=True, metadata={"description": "Places opened for offers so far"}
    )
    list_length = fields.Integer(required=True, metadata={"description": "Everyone who signed"})
    counts = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={"description": "People per state: " + ", ".join(s.value for s in PlaceState)},
    )
    accepted = fields.List(fields.Nested(EmployerPlaceSchema), required=True)
    offer_hours = fields.Integer(required=True)
    reconfirm_days = fields.Integer(required=True)
    min_age = fields.Integer(allow_none=True, required=True)


class AuditSchema(Schema):
    vacancy_id = fields.Integer(required=True)
    title = fields.String(required=True)
    order_respected = fields.Boolean(
        required=True,
        metadata={"description": "Every offer went to the first person waiting, by position"},
    )
    checked_offers = fields.Integer(required=True)
    violations = fields.List(fields.String(), required=True)
    event_counts = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    events = fields.List(fields.Nested(QueueEventSchema), required=True)
