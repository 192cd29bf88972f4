"""Schemas of the inbox endpoints."""

from __future__ import annotations

from marshmallow import Schema, fields

from backend.notifications.service import KINDS


class NotificationQueryArgsSchema(Schema):
    """The query string of the inbox."""

    unread = fields.Boolean(
        load_default=False, metadata={"description": "Only notifications not read yet."}
    )


class NotificationSchema(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(
        required=True,
        metadata={
            "description": "What happened: "
            + "; ".join(f"`{kind}`: {text}" for kind, text in KINDS.items())
        },
    )
    data = fields.Dict(
        keys=fields.String(),
        values=fields.Raw(),
        required=True,
        metadata={"description": "The details, by kind (e.g. vacancy_id, title, deadline)."},
    )
    created_at = fields.DateTime(required=True)
    read_at = fields.DateTime(allow_none=True, required=True)


class MarkedReadSchema(Schema):
    marked = fields.Integer(required=True, metadata={"description": "How many were unread"})
