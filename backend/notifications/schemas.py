"""Schemas of the inbox, push, preferences and check-in endpoints."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from backend.notifications.schedule import WEEKDAYS
from backend.notifications.service import KINDS, MAX_DAILY_MAX

HHMM = validate.Regexp(r"^([01][0-9]|2[0-3]):[0-5][0-9]$", error="Use HH:MM, e.g. 09:00.")


class _Strict(Schema):
    """Unknown fields are an error, so typos do not pass silently."""

    class Meta:
        unknown = "raise"


class NotificationQueryArgsSchema(Schema):
    """The query string of the inbox."""

    unread = fields.Boolean(
        load_default=False, metadata={"description": "Only notifications not read yet."}
    )


class DeliveryAttemptSchema(Schema):
    at = fields.DateTime(required=True)
    status = fields.String(
        required=True,
        metadata={
            "description": "`delivered`; `gone` (the push service dropped the device, which is "
            "removed); `retry` (busy or down: tried again later); `failed`; `deferred` "
            "(quiet hours); `skipped` (topic off, daily maximum, no device, already read)."
        },
    )
    attempt = fields.Integer(required=True, metadata={"description": "1 for the first try"})
    device_id = fields.Integer(allow_none=True, required=True)
    service = fields.String(
        allow_none=True, required=True, metadata={"description": "The push service's origin."}
    )
    http_status = fields.Integer(allow_none=True, required=True)
    error = fields.String(allow_none=True, required=True)


class PushStateSchema(Schema):
    state = fields.String(
        required=True,
        metadata={
            "description": "pending, sent, deferred (until due_at), retrying, skipped or failed"
        },
    )
    due_at = fields.DateTime(allow_none=True, required=True)
    pushed_at = fields.DateTime(allow_none=True, required=True)
    log = fields.List(fields.Nested(DeliveryAttemptSchema), required=True)


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
    push = fields.Nested(
        PushStateSchema,
        required=True,
        metadata={"description": "Push delivery of this notification, with its log."},
    )


class MarkedReadSchema(Schema):
    marked = fields.Integer(required=True, metadata={"description": "How many were unread"})


# --- Preferences ---------------------------------------------------------------------


class TopicsSchema(_Strict):
    open_hiring_nearby = fields.Boolean(
        required=True, metadata={"description": "New open-hiring places near me."}
    )
    queue_turn = fields.Boolean(
        load_default=True,
        metadata={"description": "My turn in a queue: always on (false is refused)."},
    )
    learning_offers = fields.Boolean(
        required=True, metadata={"description": "Learning offers for a skill I miss."}
    )
    daily_checkin = fields.Boolean(required=True, metadata={"description": "The daily check-in."})


class QuietHoursSchema(_Strict):
    start = fields.String(required=True, validate=HHMM, metadata={"example": "21:00"})
    end = fields.String(required=True, validate=HHMM, metadata={"example": "08:00"})


class CheckInPlanSchema(_Strict):
    time = fields.String(required=True, validate=HHMM, metadata={"example": "09:00"})
    days = fields.List(
        fields.String(validate=validate.OneOf(WEEKDAYS)),
        required=True,
        validate=validate.Length(max=7),
        metadata={"example": ["mon", "tue", "wed", "thu", "fri"]},
    )


class PreferencesUpdateSchema(_Strict):
    topics = fields.Nested(TopicsSchema, required=True)
    quiet_hours = fields.Nested(
        QuietHoursSchema,
        required=True,
        allow_none=True,
        metadata={"description": "No push in these hours (null: none). Offers still come."},
    )
    daily_max = fields.Integer(
        required=True,
        validate=validate.Range(1, MAX_DAILY_MAX),
        metadata={
            "description": "At most this many pushes a day about places nearby and "
            "learning offers (the queue and the check-in do not count)."
        },
    )
    checkin = fields.Nested(CheckInPlanSchema, required=True)
    time_zone = fields.String(
        required=True,
        validate=validate.Length(1, 64),
        metadata={"example": "Europe/Amsterdam"},
    )


class PreferencesSchema(Schema):
    topics = fields.Nested(TopicsSchema, required=True)
    quiet_hours = fields.Nested(QuietHoursSchema, required=True, allow_none=True)
    daily_max = fields.Integer(required=True)
    checkin = fields.Nested(CheckInPlanSchema, required=True)
    time_zone = fields.String(required=True)
    next_checkin_at = fields.DateTime(
        allow_none=True,
        required=True,
        metadata={"description": "When the next check-in comes (null: none planned)."},
    )


# --- Push devices --------------------------------------------------------------------


class VapidKeySchema(Schema):
    public_key = fields.String(
        required=True,
        metadata={"description": "applicationServerKey for PushManager.subscribe() (base64url)."},
    )


class SubscriptionKeysSchema(_Strict):
    p256dh = fields.String(required=True, validate=validate.Length(1, 100))
    auth = fields.String(required=True, validate=validate.Length(1, 40))


class SubscriptionCreateSchema(_Strict):
    """PushSubscription.toJSON() of the browser."""

    endpoint = fields.String(required=True, validate=validate.Length(1, 2048))
    keys = fields.Nested(SubscriptionKeysSchema, required=True)
    expirationTime = fields.Integer(  # noqa: N815 (the browser's own name)
        allow_none=True, load_default=None, metadata={"description": "Ignored."}
    )


class SubscriptionDeleteSchema(_Strict):
    endpoint = fields.String(required=True, validate=validate.Length(1, 2048))


class SubscriptionSchema(Schema):
    id = fields.Integer(required=True)
    endpoint = fields.String(required=True)
    service = fields.String(required=True, metadata={"example": "https://fcm.googleapis.com"})
    created_at = fields.DateTime(required=True)
    last_delivered_at = fields.DateTime(allow_none=True, required=True)


# --- Check-in ------------------------------------------------------------------------


class StreakSchema(Schema):
    days = fields.Integer(
        required=True,
        metadata={"description": "Check-ins in a row on my days; one missed day is forgiven."},
    )
    total = fields.Integer(required=True)
    message_nl = fields.String(required=True)
    message_en = fields.String(required=True)


class QuestionSchema(Schema):
    nl = fields.String(required=True, metadata={"example": "Ben je nog beschikbaar?"})
    en = fields.String(required=True, metadata={"example": "Are you still available?"})


class CheckInSchema(Schema):
    id = fields.Integer(required=True)
    day = fields.Date(required=True)
    opened_at = fields.DateTime(required=True)
    digest = fields.Dict(
        keys=fields.String(),
        values=fields.Raw(),
        required=True,
        metadata={
            "description": "since, places, queues, queue_moves, learning_offers, next_step, "
            "nudge, summary_nl, summary_en"
        },
    )
    question = fields.Nested(QuestionSchema, required=True)
    answered_at = fields.DateTime(allow_none=True, required=True)
    available = fields.Boolean(allow_none=True, required=True)
    streak = fields.Nested(StreakSchema, required=True)


class CheckInAnswerSchema(_Strict):
    available = fields.Boolean(required=True, metadata={"description": "Ben je nog beschikbaar?"})


class CheckInAnsweredSchema(CheckInSchema):
    confirmed = fields.List(
        fields.Integer(),
        required=True,
        metadata={"description": "Vacancies whose place I re-confirmed."},
    )
    resumed = fields.List(
        fields.Integer(),
        required=True,
        metadata={"description": "Vacancies whose paused place resumed."},
    )
