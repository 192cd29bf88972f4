"""Schemas of the health report."""

from __future__ import annotations

from marshmallow import Schema, fields


class DatabaseHealthSchema(Schema):
    ok = fields.Boolean(required=True)
    dialect = fields.String()
    latency_ms = fields.Float()
    error = fields.String()


class QueueHealthSchema(Schema):
    ok = fields.Boolean(required=True)
    backend = fields.String()
    pending = fields.Integer()
    scheduled = fields.Integer()
    worker_last_seen = fields.DateTime(allow_none=True)
    worker_alive = fields.Boolean()
    error = fields.String()


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"enum": ["ok", "degraded"]})
    database = fields.Nested(DatabaseHealthSchema, required=True)
    queue = fields.Nested(QueueHealthSchema, required=True)
