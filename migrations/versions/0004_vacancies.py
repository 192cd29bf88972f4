"""vacancies: job functions, their skills, vacancies

Revision ID: 0004_vacancies
Revises: 0003_selfie
Create Date: 2026-11-23 07:21:26.675000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import backend.db

# JSONB on PostgreSQL, JSON text on SQLite (JsonDoc in the models).
JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision: str = "0004_vacancies"
down_revision: str | None = "0003_selfie"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "job_function",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("occupation_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("tasks", JSON_DOC, nullable=False),
        sa.Column("education_level", sa.String(length=20), nullable=True),
        sa.Column("hours_per_week_min", sa.SmallInteger(), nullable=True),
        sa.Column("hours_per_week_max", sa.SmallInteger(), nullable=True),
        sa.Column("postcode", sa.String(length=4), nullable=True),
        sa.Column("is_future", sa.Boolean(), nullable=False),
        sa.Column("future_count", sa.Integer(), nullable=True),
        sa.Column("future_date", sa.Date(), nullable=True),
        sa.Column("created_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["education_level"],
            ["education_level.code"],
            name=op.f("fk_job_function_education_level_education_level"),
        ),
        sa.ForeignKeyConstraint(
            ["occupation_id"],
            ["esco_occupation.id"],
            name=op.f("fk_job_function_occupation_id_esco_occupation"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_job_function_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["postcode"], ["postcode_nl.pc4"], name=op.f("fk_job_function_postcode_postcode_nl")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_function")),
    )
    with op.batch_alter_table("job_function", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_job_function_occupation_id"), ["occupation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_job_function_organisation_id"), ["organisation_id"], unique=False
        )
    op.create_table(
        "job_function_skill",
        sa.Column("function_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Uuid(), nullable=False),
        sa.Column(
            "importance",
            sa.Enum(
                "essential",
                "optional",
                name="skill_importance",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["function_id"],
            ["job_function.id"],
            name=op.f("fk_job_function_skill_function_id_job_function"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["esco_skill.id"], name=op.f("fk_job_function_skill_skill_id_esco_skill")
        ),
        sa.PrimaryKeyConstraint("function_id", "skill_id", name=op.f("pk_job_function_skill")),
    )
    with op.batch_alter_table("job_function_skill", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_job_function_skill_skill_id"), ["skill_id"], unique=False
        )
    op.create_table(
        "vacancy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("organisation_name", sa.String(length=120), nullable=False),
        sa.Column("function_id", sa.Integer(), nullable=False),
        sa.Column("occupation_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "job",
                "stage",
                "opdracht",
                name="vacancy_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "hiring_mode",
            sa.Enum(
                "regular",
                "open",
                name="hiring_mode",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "published",
                "filled",
                "closed",
                "expired",
                name="vacancy_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("postcode", sa.String(length=4), nullable=True),
        sa.Column("place", sa.String(length=100), nullable=True),
        sa.Column("region_code", sa.String(length=4), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("schedule", JSON_DOC, nullable=False),
        sa.Column("days_mask", sa.SmallInteger(), nullable=False),
        sa.Column("hours_per_week", sa.SmallInteger(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("closes_on", sa.Date(), nullable=True),
        sa.Column("places", sa.SmallInteger(), nullable=False),
        sa.Column("min_age", sa.SmallInteger(), nullable=True),
        sa.Column("offer_hours", sa.SmallInteger(), nullable=False),
        sa.Column("reconfirm_days", sa.SmallInteger(), nullable=False),
        sa.Column("created_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("published_at", backend.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ended_at", backend.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["function_id"], ["job_function.id"], name=op.f("fk_vacancy_function_id_job_function")
        ),
        sa.ForeignKeyConstraint(
            ["occupation_id"],
            ["esco_occupation.id"],
            name=op.f("fk_vacancy_occupation_id_esco_occupation"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_vacancy_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["postcode"], ["postcode_nl.pc4"], name=op.f("fk_vacancy_postcode_postcode_nl")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vacancy")),
    )
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vacancy_function_id"), ["function_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_vacancy_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index("ix_vacancy_status_lat_lon", ["status", "lat", "lon"], unique=False)
        batch_op.create_index(
            "ix_vacancy_status_occupation_id", ["status", "occupation_id"], unique=False
        )
        batch_op.create_index(
            "ix_vacancy_status_published_at", ["status", "published_at"], unique=False
        )
        batch_op.create_index(
            "ix_vacancy_status_region_code", ["status", "region_code"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.drop_index("ix_vacancy_status_region_code")
        batch_op.drop_index("ix_vacancy_status_published_at")
        batch_op.drop_index("ix_vacancy_status_occupation_id")
        batch_op.drop_index("ix_vacancy_status_lat_lon")
        batch_op.drop_index(batch_op.f("ix_vacancy_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_vacancy_function_id"))
    op.drop_table("vacancy")
    with op.batch_alter_table("job_function_skill", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_function_skill_skill_id"))
    op.drop_table("job_function_skill")
    with op.batch_alter_table("job_function", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_function_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_job_function_occupation_id"))
    op.drop_table("job_function")
