"""learning offers and matching: offers and their skills, the selfie projection, pressure

Revision ID: 0009_learning_matching
Revises: 0008_insights
Create Date: 2026-12-05 15:59:49.334768
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import backend.db

# JSONB on PostgreSQL, JSON text on SQLite (JsonDoc in the models).
JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision: str = "0009_learning_matching"
down_revision: str | None = "0008_insights"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "match_occupation_pressure",
        sa.Column("occupation_id", sa.Uuid(), nullable=False),
        sa.Column("region_code", sa.String(length=4), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("places", sa.Integer(), nullable=False),
        sa.Column("computed_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(
            "occupation_id", "region_code", name=op.f("pk_match_occupation_pressure")
        ),
    )
    op.create_table(
        "match_profile",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("pc4", sa.String(length=4), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("region_code", sa.String(length=4), nullable=True),
        sa.Column("max_distance_km", sa.SmallInteger(), nullable=True),
        sa.Column("days_mask", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("slots_mask", sa.Integer(), server_default="0", nullable=False),
        sa.Column("hours_min", sa.SmallInteger(), nullable=True),
        sa.Column("hours_max", sa.SmallInteger(), nullable=True),
        sa.Column("skill_ids", JSON_DOC, server_default=sa.text("'[]'"), nullable=False),
        sa.Column("education_eqf", sa.SmallInteger(), nullable=True),
        sa.Column("birth_year", sa.SmallInteger(), nullable=True),
        sa.Column(
            "wished_occupation_ids", JSON_DOC, server_default=sa.text("'[]'"), nullable=False
        ),
        sa.Column("work_kinds_mask", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("learn_skill_ids", JSON_DOC, server_default=sa.text("'[]'"), nullable=False),
        sa.Column("riasec", JSON_DOC, nullable=True),
        sa.Column("employers", sa.String(length=10), server_default="none", nullable=False),
        sa.Column("shared_mask", sa.SmallInteger(), server_default="511", nullable=False),
        sa.Column("statistics", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("complete_mask", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("updated_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_match_profile_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_match_profile")),
    )
    with op.batch_alter_table("match_profile", schema=None) as batch_op:
        batch_op.create_index("ix_match_profile_lat_lon", ["lat", "lon"], unique=False)
        batch_op.create_index("ix_match_profile_region_code", ["region_code"], unique=False)

    op.create_table(
        "learning_offer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("organisation_name", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "opleiding",
                "training",
                "cursus",
                "e-learning",
                "boek",
                "werkplekleren",
                name="offer_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "archived",
                name="offer_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("entry_level", sa.SmallInteger(), nullable=True),
        sa.Column("result_level", sa.SmallInteger(), nullable=True),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("postcode", sa.String(length=4), nullable=True),
        sa.Column("place", sa.String(length=100), nullable=True),
        sa.Column("region_code", sa.String(length=4), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("duration_weeks", sa.SmallInteger(), nullable=False),
        sa.Column("hours_per_week", sa.SmallInteger(), nullable=True),
        sa.Column(
            "cost",
            sa.Enum(
                "gratis",
                "vergoed",
                "eigen_kosten",
                name="offer_cost",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("cost_cents", sa.Integer(), nullable=True),
        sa.Column("start_dates", JSON_DOC, nullable=False),
        sa.Column("places", sa.Integer(), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("contact", sa.String(length=200), nullable=True),
        sa.Column("created_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("archived_at", backend.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_learning_offer_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["postcode"], ["postcode_nl.pc4"], name=op.f("fk_learning_offer_postcode_postcode_nl")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_offer")),
    )
    with op.batch_alter_table("learning_offer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_learning_offer_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            "ix_learning_offer_status_lat_lon", ["status", "lat", "lon"], unique=False
        )
        batch_op.create_index("ix_learning_offer_status_online", ["status", "online"], unique=False)

    op.create_table(
        "learning_offer_occupation",
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("occupation_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["occupation_id"],
            ["esco_occupation.id"],
            name=op.f("fk_learning_offer_occupation_occupation_id_esco_occupation"),
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["learning_offer.id"],
            name=op.f("fk_learning_offer_occupation_offer_id_learning_offer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "offer_id", "occupation_id", name=op.f("pk_learning_offer_occupation")
        ),
    )
    with op.batch_alter_table("learning_offer_occupation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_learning_offer_occupation_occupation_id"),
            ["occupation_id"],
            unique=False,
        )

    op.create_table(
        "learning_offer_skill",
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["learning_offer.id"],
            name=op.f("fk_learning_offer_skill_offer_id_learning_offer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["esco_skill.id"],
            name=op.f("fk_learning_offer_skill_skill_id_esco_skill"),
        ),
        sa.PrimaryKeyConstraint("offer_id", "skill_id", name=op.f("pk_learning_offer_skill")),
    )
    with op.batch_alter_table("learning_offer_skill", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_learning_offer_skill_skill_id"), ["skill_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("learning_offer_skill", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learning_offer_skill_skill_id"))

    op.drop_table("learning_offer_skill")
    with op.batch_alter_table("learning_offer_occupation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learning_offer_occupation_occupation_id"))

    op.drop_table("learning_offer_occupation")
    with op.batch_alter_table("learning_offer", schema=None) as batch_op:
        batch_op.drop_index("ix_learning_offer_status_online")
        batch_op.drop_index("ix_learning_offer_status_lat_lon")
        batch_op.drop_index(batch_op.f("ix_learning_offer_organisation_id"))

    op.drop_table("learning_offer")
    with op.batch_alter_table("match_profile", schema=None) as batch_op:
        batch_op.drop_index("ix_match_profile_region_code")
        batch_op.drop_index("ix_match_profile_lat_lon")

    op.drop_table("match_profile")
    op.drop_table("match_occupation_pressure")
