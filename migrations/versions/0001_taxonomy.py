"""Reference data: ESCO, postcodes, regions, education levels.

Revision ID: 0001_taxonomy
Revises:
Create Date: 2026-11-23

Besides the tables, the occupation and skill labels get search indexes that suit the
database: FTS5 tables on SQLite (named fts_*, which autogenerate ignores); on PostgreSQL
a full-text GIN index on the labels and pg_trgm GIN indexes on their vocabulary (all in
the models' metadata).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backend.db

revision: str = "0001_taxonomy"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFERENCE_DATA = {"reference_data": True}

# SQLite search tables (see backend/taxonomy/search.py), per kind of label. Both are
# external content tables: the importer fills the label and word tables, then runs
# 'rebuild'.
# - fts_<kind>_label: FTS5 over the labels' `norm`, with prefix indexes for 1 to 3
#   characters, for word-prefix queries. detail=none: no phrase queries, no positions.
# - fts_<kind>_word: FTS5 trigram table over the vocabulary (esco_<kind>_word), for the
#   words that contain a query word or look like it.
FTS_TABLES = {
    kind: [
        f"CREATE VIRTUAL TABLE fts_{kind}_label USING fts5(norm, content='esco_{kind}_label', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3', "
        "detail=none)",
        f"CREATE VIRTUAL TABLE fts_{kind}_word USING fts5(word, content='esco_{kind}_word', "
        "content_rowid='id', tokenize='trigram')",
    ]
    for kind in ("occupation", "skill")
}
FTS_TABLE_NAMES = [f"fts_{kind}_{suffix}" for kind in FTS_TABLES for suffix in ("word", "label")]


def _enum(*values: str, name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        # Needed by the gin_trgm_ops indexes below (a trusted extension since PG 13).
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")

    op.create_table(
        "isco_group",
        sa.Column("code", sa.String(length=4), nullable=False),
        sa.Column("label_nl", sa.String(length=200), nullable=False),
        sa.Column("label_en", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_isco_group")),
        info=REFERENCE_DATA,
    )
    op.create_table(
        "esco_occupation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("isco_group", sa.String(length=4), nullable=False),
        sa.Column("label_nl", sa.String(length=200), nullable=False),
        sa.Column("label_en", sa.String(length=200), nullable=False),
        sa.Column("alt_labels_nl", sa.JSON(), nullable=False),
        sa.Column("alt_labels_en", sa.JSON(), nullable=False),
        sa.Column("description_nl", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["isco_group"],
            ["isco_group.code"],
            name=op.f("fk_esco_occupation_isco_group_isco_group"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_esco_occupation")),
        sa.UniqueConstraint("code", name=op.f("uq_esco_occupation_code")),
        info=REFERENCE_DATA,
    )
    op.create_index(
        op.f("ix_esco_occupation_isco_group"), "esco_occupation", ["isco_group"], unique=False
    )

    op.create_table(
        "esco_skill",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "skill_type", _enum("skill/competence", "knowledge", name="skill_type"), nullable=True
        ),
        sa.Column(
            "reuse_level",
            _enum(
                "transversal",
                "cross-sector",
                "sector-specific",
                "occupation-specific",
                name="reuse_level",
            ),
            nullable=True,
        ),
        sa.Column("label_nl", sa.String(length=200), nullable=True),
        sa.Column("label_en", sa.String(length=200), nullable=False),
        sa.Column("alt_labels_nl", sa.JSON(), nullable=False),
        sa.Column("alt_labels_en", sa.JSON(), nullable=False),
        sa.Column("collections", sa.JSON(), nullable=False),
        sa.Column("description_en", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_esco_skill")),
        info=REFERENCE_DATA,
    )

    op.create_table(
        "esco_occupation_skill",
        sa.Column("occupation_id", sa.Uuid(), nullable=False),
        sa.Column("skill_id", sa.Uuid(), nullable=False),
        sa.Column("relation", _enum("essential", "optional", name="relation"), nullable=False),
        sa.ForeignKeyConstraint(
            ["occupation_id"],
            ["esco_occupation.id"],
            name=op.f("fk_esco_occupation_skill_occupation_id_esco_occupation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["esco_skill.id"],
            name=op.f("fk_esco_occupation_skill_skill_id_esco_skill"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("occupation_id", "skill_id", name=op.f("pk_esco_occupation_skill")),
        info=REFERENCE_DATA,
    )
    op.create_index(
        op.f("ix_esco_occupation_skill_skill_id"),
        "esco_occupation_skill",
        ["skill_id"],
        unique=False,
    )

    op.create_table(
        "esco_skill_relation",
        sa.Column("skill_id", sa.Uuid(), nullable=False),
        sa.Column("related_skill_id", sa.Uuid(), nullable=False),
        sa.Column("relation", _enum("essential", "optional", name="relation"), nullable=False),
        sa.ForeignKeyConstraint(
            ["related_skill_id"],
            ["esco_skill.id"],
            name=op.f("fk_esco_skill_relation_related_skill_id_esco_skill"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["esco_skill.id"],
            name=op.f("fk_esco_skill_relation_skill_id_esco_skill"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "skill_id", "related_skill_id", name=op.f("pk_esco_skill_relation")
        ),
        info=REFERENCE_DATA,
    )
    op.create_index(
        op.f("ix_esco_skill_relation_related_skill_id"),
        "esco_skill_relation",
        ["related_skill_id"],
        unique=False,
    )

    op.create_table(
        "esco_skill_group",
        sa.Column("uri", sa.String(length=120), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=True),
        sa.Column("label_nl", sa.String(length=200), nullable=False),
        sa.Column("label_en", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("uri", name=op.f("pk_esco_skill_group")),
        info=REFERENCE_DATA,
    )
    op.create_table(
        "esco_skill_hierarchy",
        sa.Column("narrower_uri", sa.String(length=120), nullable=False),
        sa.Column("broader_uri", sa.String(length=120), nullable=False),
        sa.Column(
            "narrower_type", _enum("skill", "skill_group", name="concept_type"), nullable=False
        ),
        sa.PrimaryKeyConstraint(
            "narrower_uri", "broader_uri", name=op.f("pk_esco_skill_hierarchy")
        ),
        info=REFERENCE_DATA,
    )
    op.create_index(
        op.f("ix_esco_skill_hierarchy_broader_uri"),
        "esco_skill_hierarchy",
        ["broader_uri"],
        unique=False,
    )

    for table, owner, owner_table in (
        ("esco_occupation_label", "occupation_id", "esco_occupation"),
        ("esco_skill_label", "skill_id", "esco_skill"),
    ):
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
            sa.Column(owner, sa.Uuid(), nullable=False),
            sa.Column("label", sa.String(length=255), nullable=False),
            sa.Column("norm", sa.String(length=255), nullable=False),
            sa.Column("lang", sa.String(length=2), nullable=False),
            sa.Column("is_preferred", sa.Boolean(), nullable=False),
            sa.ForeignKeyConstraint(
                [owner],
                [f"{owner_table}.id"],
                name=op.f(f"fk_{table}_{owner}_{owner_table}"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
            info=REFERENCE_DATA,
        )
        op.create_index(op.f(f"ix_{table}_{owner}"), table, [owner], unique=False)
        op.create_index(f"ix_{table}_norm", table, ["norm"], unique=False)
        if dialect == "postgresql":
            # Full text over the words of `norm`, for word-prefix queries.
            op.create_index(
                f"ix_{table}_norm_words",
                table,
                [sa.text("to_tsvector('simple', norm)")],
                unique=False,
                postgresql_using="gin",
            )

    for table in ("esco_occupation_word", "esco_skill_word"):
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
            sa.Column("word", sa.String(length=255), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
            info=REFERENCE_DATA,
        )
        op.create_index(
            f"ix_{table}_word_trgm",
            table,
            ["word"],
            unique=False,
            postgresql_using="gin",
            postgresql_ops={"word": "gin_trgm_ops"},
        )

    for table in ("esco_occupation_label_prefix", "esco_skill_label_prefix"):
        op.create_table(
            table,
            sa.Column("prefix", sa.String(length=20), nullable=False),
            sa.Column("label_id", sa.Integer(), autoincrement=False, nullable=False),
            sa.PrimaryKeyConstraint("prefix", "label_id", name=op.f(f"pk_{table}")),
            info=REFERENCE_DATA,
        )

    op.create_table(
        "labour_market_region",
        sa.Column("code", sa.String(length=4), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_labour_market_region")),
        info=REFERENCE_DATA,
    )
    op.create_table(
        "municipality",
        sa.Column("code", sa.String(length=4), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("province", sa.String(length=50), nullable=False),
        sa.Column("lat", sa.Double(), nullable=False),
        sa.Column("lon", sa.Double(), nullable=False),
        sa.Column("region_code", sa.String(length=4), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_code"],
            ["labour_market_region.code"],
            name=op.f("fk_municipality_region_code_labour_market_region"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_municipality")),
        info=REFERENCE_DATA,
    )
    op.create_index(
        op.f("ix_municipality_region_code"), "municipality", ["region_code"], unique=False
    )
    op.create_table(
        "postcode_nl",
        sa.Column("pc4", sa.String(length=4), nullable=False),
        sa.Column("lat", sa.Double(), nullable=False),
        sa.Column("lon", sa.Double(), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("municipality_code", sa.String(length=4), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_code"],
            ["municipality.code"],
            name=op.f("fk_postcode_nl_municipality_code_municipality"),
        ),
        sa.PrimaryKeyConstraint("pc4", name=op.f("pk_postcode_nl")),
        info=REFERENCE_DATA,
    )
    op.create_index(
        op.f("ix_postcode_nl_municipality_code"), "postcode_nl", ["municipality_code"], unique=False
    )
    op.create_table(
        "postcode_be",
        sa.Column("postcode", sa.String(length=4), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("region", sa.String(length=50), nullable=False),
        sa.Column("province", sa.String(length=50), nullable=False),
        sa.Column("arrondissement", sa.String(length=100), nullable=False),
        sa.Column("lat", sa.Double(), nullable=False),
        sa.Column("lon", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("postcode", "place", name=op.f("pk_postcode_be")),
        info=REFERENCE_DATA,
    )

    op.create_table(
        "education_level",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name_nl", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("nlqf", sa.String(length=3), nullable=False),
        sa.Column("eqf", sa.SmallInteger(), nullable=False),
        sa.Column(
            "cbs_level", _enum("laag", "middelbaar", "hoog", name="cbs_level"), nullable=False
        ),
        sa.Column("sort_order", sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_education_level")),
        sa.UniqueConstraint("sort_order", name=op.f("uq_education_level_sort_order")),
        info=REFERENCE_DATA,
    )

    op.create_table(
        "taxonomy_import",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("imported_at", backend.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taxonomy_import")),
        info=REFERENCE_DATA,
    )

    if dialect == "sqlite":
        for statements in FTS_TABLES.values():
            for statement in statements:
                op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in FTS_TABLE_NAMES:
            op.execute(f"DROP TABLE IF EXISTS {name}")

    op.drop_table("taxonomy_import")
    op.drop_table("education_level")
    op.drop_table("postcode_be")
    op.drop_index(op.f("ix_postcode_nl_municipality_code"), table_name="postcode_nl")
    op.drop_table("postcode_nl")
    op.drop_index(op.f("ix_municipality_region_code"), table_name="municipality")
    op.drop_table("municipality")
    op.drop_table("labour_market_region")
    for table in ("esco_skill_label_prefix", "esco_occupation_label_prefix"):
        op.drop_table(table)
    for table in ("esco_skill_word", "esco_occupation_word"):
        op.drop_index(f"ix_{table}_word_trgm", table_name=table)
        op.drop_table(table)
    for table, owner in (
        ("esco_skill_label", "skill_id"),
        ("esco_occupation_label", "occupation_id"),
    ):
        if dialect == "postgresql":
            op.drop_index(f"ix_{table}_norm_words", table_name=table)
        op.drop_index(f"ix_{table}_norm", table_name=table)
        op.drop_index(op.f(f"ix_{table}_{owner}"), table_name=table)
        op.drop_table(table)
    op.drop_index(op.f("ix_esco_skill_hierarchy_broader_uri"), table_name="esco_skill_hierarchy")
    op.drop_table("esco_skill_hierarchy")
    op.drop_table("esco_skill_group")
    op.drop_index(op.f("ix_esco_skill_relation_related_skill_id"), table_name="esco_skill_relation")
    op.drop_table("esco_skill_relation")
    op.drop_index(op.f("ix_esco_occupation_skill_skill_id"), table_name="esco_occupation_skill")
    op.drop_table("esco_occupation_skill")
    op.drop_table("esco_skill")
    op.drop_index(op.f("ix_esco_occupation_isco_group"), table_name="esco_occupation")
    op.drop_table("esco_occupation")
    op.drop_table("isco_group")

    if dialect == "postgresql":
        op.execute("DROP EXTENSION IF EXISTS pg_trgm")
