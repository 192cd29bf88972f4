"""open hiring and notifications: lists, places, events, the inbox

Revision ID: 0005_open_hiring
Revises: 0004_vacancies
Create Date: 2026-11-23 07:21:26.675000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import backend.db

# JSONB on PostgreSQL, JSON text on SQLite (JsonDoc in the models).
JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision: str = "0005_open_hiring"
down_revision: str | None = "0004_vacancies"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("data", JSON_DOC, nullable=False),
        sa.Column("created_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("read_at", backend.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_notification_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index("ix_notification_user_id_id", ["user_id", "id"], unique=False)
    op.create_table(
        "open_hiring_list",
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("last_position", sa.Integer(), nullable=False),
        sa.Column("places_open", sa.Integer(), nullable=False),
        sa.Column("updated_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            ["vacancy.id"],
            name=op.f("fk_open_hiring_list_vacancy_id_vacancy"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("vacancy_id", name=op.f("pk_open_hiring_list")),
    )
    op.create_table(
        "queue_place",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "waiting",
                "paused",
                "offered",
                "accepted",
                "started",
                "declined",
                "expired",
                "no_show",
                "withdrawn",
                name="place_state",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("signed_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "right_to_work_declared_at", backend.db.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("confirmed_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("paused_at", backend.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("offered_at", backend.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("offer_deadline", backend.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("accepted_at", backend.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("started_at", backend.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ended_at", backend.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("shared_contact", JSON_DOC, nullable=True),
        sa.Column("turn_notified_at", backend.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_queue_place_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            ["open_hiring_list.vacancy_id"],
            name=op.f("fk_queue_place_vacancy_id_open_hiring_list"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_place")),
        sa.UniqueConstraint(
            "vacancy_id", "position", name=op.f("uq_queue_place_vacancy_id_position")
        ),
        sa.UniqueConstraint(
            "vacancy_id", "user_id", name=op.f("uq_queue_place_vacancy_id_user_id")
        ),
    )
    with op.batch_alter_table("queue_place", schema=None) as batch_op:
        batch_op.create_index(
            "ix_queue_place_state_offer_deadline", ["state", "offer_deadline"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_queue_place_user_id"), ["user_id"], unique=False)
        batch_op.create_index(
            "ix_queue_place_vacancy_id_state_position",
            ["vacancy_id", "state", "position"],
            unique=False,
        )
    op.create_table(
        "queue_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "signed",
                "offered",
                "accepted",
                "declined",
                "expired",
                "withdrawn",
                "paused",
                "resumed",
                "started",
                "no_show",
                name="queue_event_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "actor",
            sa.Enum(
                "person",
                "employer",
                "system",
                name="queue_event_actor",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("detail", JSON_DOC, nullable=True),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["queue_place.id"],
            name=op.f("fk_queue_event_place_id_queue_place"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_queue_event_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            ["open_hiring_list.vacancy_id"],
            name=op.f("fk_queue_event_vacancy_id_open_hiring_list"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_event")),
    )
    with op.batch_alter_table("queue_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_queue_event_place_id"), ["place_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_queue_event_user_id"), ["user_id"], unique=False)
        batch_op.create_index("ix_queue_event_vacancy_id_id", ["vacancy_id", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("queue_event", schema=None) as batch_op:
        batch_op.drop_index("ix_queue_event_vacancy_id_id")
        batch_op.drop_index(batch_op.f("ix_queue_event_user_id"))
        batch_op.drop_index(batch_op.f("ix_queue_event_place_id"))
    op.drop_table("queue_event")
    with op.batch_alter_table("queue_place", schema=None) as batch_op:
        batch_op.drop_index("ix_queue_place_vacancy_id_state_position")
        batch_op.drop_index(batch_op.f("ix_queue_place_user_id"))
        batch_op.drop_index("ix_queue_place_state_offer_deadline")
    op.drop_table("queue_place")
    op.drop_table("open_hiring_list")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_user_id_id")
    op.drop_table("notification")
