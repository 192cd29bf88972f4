"""notifications: push subscriptions, preferences, delivery log, check-ins

Revision ID: 0007_push_checkin
Revises: 0006_vacancy_interest
Create Date: 2026-12-05 15:59:59.001860
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import backend.db

# JSONB on PostgreSQL, JSON text on SQLite (JsonDoc in the models).
JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision: str = "0007_push_checkin"
down_revision: str | None = "0006_vacancy_interest"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "checkin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("opened_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("digest", JSON_DOC, nullable=False),
        sa.Column("answered_at", backend.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("available", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_checkin_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin")),
        sa.UniqueConstraint("user_id", "day", name=op.f("uq_checkin_user_id_day")),
    )
    op.create_table(
        "notification_preference",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("open_hiring_nearby", sa.Boolean(), nullable=False),
        sa.Column("learning_offers", sa.Boolean(), nullable=False),
        sa.Column("daily_checkin", sa.Boolean(), nullable=False),
        sa.Column("quiet_start", sa.Time(), nullable=True),
        sa.Column("quiet_end", sa.Time(), nullable=True),
        sa.Column("daily_max", sa.SmallInteger(), nullable=False),
        sa.Column("checkin_time", sa.Time(), nullable=False),
        sa.Column("checkin_days", sa.SmallInteger(), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("next_checkin_at", backend.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("updated_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_notification_preference_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notification_preference")),
    )
    with op.batch_alter_table("notification_preference", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_preference_next_checkin_at"),
            ["next_checkin_at"],
            unique=False,
        )

    op.create_table(
        "push_subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("endpoint", sa.String(length=2048), nullable=False),
        sa.Column("p256dh", sa.String(length=100), nullable=False),
        sa.Column("auth", sa.String(length=40), nullable=False),
        sa.Column("created_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_delivered_at", backend.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_push_subscription_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_subscription")),
        sa.UniqueConstraint("endpoint", name=op.f("uq_push_subscription_endpoint")),
    )
    with op.batch_alter_table("push_subscription", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_push_subscription_user_id"), ["user_id"], unique=False)

    op.create_table(
        "push_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=True),
        sa.Column("service", sa.String(length=300), nullable=True),
        sa.Column("attempt", sa.SmallInteger(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("http_status", sa.SmallInteger(), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notification.id"],
            name=op.f("fk_push_delivery_notification_id_notification"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["push_subscription.id"],
            name=op.f("fk_push_delivery_subscription_id_push_subscription"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_delivery")),
    )
    with op.batch_alter_table("push_delivery", schema=None) as batch_op:
        batch_op.create_index(
            "ix_push_delivery_notification_id_id", ["notification_id", "id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_push_delivery_subscription_id"), ["subscription_id"], unique=False
        )

    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("push_state", sa.String(length=10), server_default="pending", nullable=False)
        )
        batch_op.add_column(
            sa.Column("push_due_at", backend.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("pushed_at", backend.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            "ix_notification_push_state_push_due_at", ["push_state", "push_due_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_push_state_push_due_at")
        batch_op.drop_column("pushed_at")
        batch_op.drop_column("push_due_at")
        batch_op.drop_column("push_state")

    with op.batch_alter_table("push_delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_push_delivery_subscription_id"))
        batch_op.drop_index("ix_push_delivery_notification_id_id")

    op.drop_table("push_delivery")
    with op.batch_alter_table("push_subscription", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_push_subscription_user_id"))

    op.drop_table("push_subscription")
    with op.batch_alter_table("notification_preference", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_preference_next_checkin_at"))

    op.drop_table("notification_preference")
    op.drop_table("checkin")
