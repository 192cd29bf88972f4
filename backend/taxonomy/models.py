"""Reference data: ESCO occupations and skills, postcodes, regions, education levels.

Every table here is read-only reference data, filled by `importer.import_all()`.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    Uuid,
    func,
    literal_column,
)
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base, string_enum, utcnow

# The test suite keeps these tables between tests; the importer owns their rows.
REFERENCE_DATA = {"info": {"reference_data": True}}

# ESCO identifies skills and skill groups by URI; a skill's URI is this prefix + its id.
ESCO_SKILL_URI_PREFIX = "http://data.europa.eu/esco/skill/"


class SkillType(enum.StrEnum):
    SKILL = "skill/competence"
    KNOWLEDGE = "knowledge"


class ReuseLevel(enum.StrEnum):
    TRANSVERSAL = "transversal"
    CROSS_SECTOR = "cross-sector"
    SECTOR_SPECIFIC = "sector-specific"
    OCCUPATION_SPECIFIC = "occupation-specific"


class Relation(enum.StrEnum):
    ESSENTIAL = "essential"
    OPTIONAL = "optional"


class ConceptType(enum.StrEnum):
    SKILL = "skill"
    SKILL_GROUP = "skill_group"


class CbsLevel(enum.StrEnum):
    """The CBS onderwijsniveau (the Dutch statistical bands of education)."""

    LAAG = "laag"
    MIDDELBAAR = "middelbaar"
    HOOG = "hoog"


# --- ESCO -----------------------------------------------------------------------------


class IscoGroup(Base):
    """An ISCO-08 group (1 to 4 digits); ESCO occupations hang under the 4-digit ones."""

    __tablename__ = "isco_group"
    __table_args__ = REFERENCE_DATA

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    label_nl: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))


class Occupation(Base):
    __tablename__ = "esco_occupation"
    __table_args__ = REFERENCE_DATA

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    isco_group: Mapped[str] = mapped_column(ForeignKey("isco_group.code"), index=True)
    label_nl: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    alt_labels_nl: Mapped[list[str]] = mapped_column(JSON)
    alt_labels_en: Mapped[list[str]] = mapped_column(JSON)
    description_nl: Mapped[str] = mapped_column(Text)


class Skill(Base):
    __tablename__ = "esco_skill"
    __table_args__ = REFERENCE_DATA

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    # A handful of ESCO skills have no type or reuse level.
    skill_type: Mapped[SkillType | None] = mapped_column(string_enum(SkillType, "skill_type"))
    reuse_level: Mapped[ReuseLevel | None] = mapped_column(string_enum(ReuseLevel, "reuse_level"))
    # ESCO has Dutch labels for about one skill in six: show label_nl, else label_en.
    label_nl: Mapped[str | None] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    alt_labels_nl: Mapped[list[str]] = mapped_column(JSON)
    alt_labels_en: Mapped[list[str]] = mapped_column(JSON)
    collections: Mapped[list[str]] = mapped_column(JSON)
    description_en: Mapped[str] = mapped_column(Text)


class OccupationSkill(Base):
    """A skill an occupation needs: essential or optional."""

    __tablename__ = "esco_occupation_skill"
    __table_args__ = REFERENCE_DATA

    occupation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("esco_occupation.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("esco_skill.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    relation: Mapped[Relation] = mapped_column(string_enum(Relation, "relation"))


class SkillRelation(Base):
    """ESCO's skill-to-skill relation (mostly knowledge that is optional for a skill)."""

    __tablename__ = "esco_skill_relation"
    __table_args__ = REFERENCE_DATA

    skill_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("esco_skill.id", ondelete="CASCADE"), primary_key=True
    )
    related_skill_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("esco_skill.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    relation: Mapped[Relation] = mapped_column(string_enum(Relation, "relation"))


class SkillGroup(Base):
    """A node of ESCO's skills hierarchy (including the ISCED-F fields for knowledge)."""

    __tablename__ = "esco_skill_group"
    __table_args__ = REFERENCE_DATA

    uri: Mapped[str] = mapped_column(String(120), primary_key=True)
    code: Mapped[str | None] = mapped_column(String(20))
    label_nl: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))


class SkillHierarchy(Base):
    """One edge of ESCO's broader hierarchy: a skill or skill group → its broader concept.

    Both ends are ESCO URIs (a skill's is ESCO_SKILL_URI_PREFIX + id): the broader end
    is a skill or a skill group, and a few skill groups point outside the published set,
    so there is no foreign key.
    """

    __tablename__ = "esco_skill_hierarchy"
    __table_args__ = REFERENCE_DATA

    narrower_uri: Mapped[str] = mapped_column(String(120), primary_key=True)
    broader_uri: Mapped[str] = mapped_column(String(120), primary_key=True, index=True)
    narrower_type: Mapped[ConceptType] = mapped_column(string_enum(ConceptType, "concept_type"))


def _label_table_args(name: str) -> tuple[Any, ...]:
    # `norm` itself: the label that is exactly the query. PostgreSQL also gets full text
    # over the words of `norm`, for word-prefix queries ('kok:*'); SQLite has its FTS5
    # tables instead (see the migration), and does not get this expression index (ddl_if;
    # alembic's autogenerate skips it there too).
    return (
        Index(f"ix_{name}_norm", "norm"),
        Index(
            f"ix_{name}_norm_words",
            func.to_tsvector(literal_column("'simple'"), literal_column("norm")),
            postgresql_using="gin",
        ).ddl_if(dialect="postgresql"),
        REFERENCE_DATA,
    )


class OccupationLabel(Base):
    """One searchable label of an occupation (preferred or alternative, Dutch or English).

    The importer numbers the rows in ranking order (preferred before alternative, Dutch
    before English, short before long), so "ORDER BY id" is the base ranking.
    """

    __tablename__ = "esco_occupation_label"
    __table_args__ = _label_table_args("esco_occupation_label")

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    occupation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("esco_occupation.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(255))
    # Lower case, accents removed, punctuation turned into spaces (search.normalise).
    norm: Mapped[str] = mapped_column(String(255))
    lang: Mapped[str] = mapped_column(String(2))
    is_preferred: Mapped[bool]


class SkillLabel(Base):
    """One searchable label of a skill; numbered in ranking order like OccupationLabel."""

    __tablename__ = "esco_skill_label"
    __table_args__ = _label_table_args("esco_skill_label")

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    skill_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("esco_skill.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(255))
    norm: Mapped[str] = mapped_column(String(255))
    lang: Mapped[str] = mapped_column(String(2))
    is_preferred: Mapped[bool]


def _word_table_args(name: str) -> tuple[Any, ...]:
    # PostgreSQL: trigrams find the words that contain a query word (LIKE) or look like
    # it (word_similarity). SQLite has an FTS5 trigram table instead (see the migration)
    # and gets a plain index here.
    return (
        Index(
            f"ix_{name}_word_trgm",
            "word",
            postgresql_using="gin",
            postgresql_ops={"word": "gin_trgm_ops"},
        ),
        REFERENCE_DATA,
    )


class OccupationWord(Base):
    """One distinct word of the occupation labels' `norm`; numbered short words first."""

    __tablename__ = "esco_occupation_word"
    __table_args__ = _word_table_args("esco_occupation_word")

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    word: Mapped[str] = mapped_column(String(255))


class SkillWord(Base):
    """One distinct word of the skill labels' `norm`; numbered short words first."""

    __tablename__ = "esco_skill_word"
    __table_args__ = _word_table_args("esco_skill_word")

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    word: Mapped[str] = mapped_column(String(255))


class OccupationLabelPrefix(Base):
    """PostgreSQL only: for each common word prefix, the first labels (by id) with a word
    that starts with it, so autocomplete on a common prefix is one ordered index read.

    Derived from esco_occupation_label by the importer (see search.PREFIX_MIN_LABELS), at
    most search.PREFIX_LABELS per prefix. No foreign key: the bulk load replaces both
    tables in one transaction.
    """

    __tablename__ = "esco_occupation_label_prefix"
    __table_args__ = REFERENCE_DATA

    prefix: Mapped[str] = mapped_column(String(20), primary_key=True)
    label_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)


class SkillLabelPrefix(Base):
    """PostgreSQL only: like OccupationLabelPrefix, for esco_skill_label."""

    __tablename__ = "esco_skill_label_prefix"
    __table_args__ = REFERENCE_DATA

    prefix: Mapped[str] = mapped_column(String(20), primary_key=True)
    label_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)


# --- Places -----------------------------------------------------------------------------


class LabourMarketRegion(Base):
    """One of the 35 arbeidsmarktregio's (AM01 … AM38)."""

    __tablename__ = "labour_market_region"
    __table_args__ = REFERENCE_DATA

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class Municipality(Base):
    """A Dutch gemeente (CBS code without the GM prefix) and its labour market region."""

    __tablename__ = "municipality"
    __table_args__ = REFERENCE_DATA

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    province: Mapped[str] = mapped_column(String(50))
    lat: Mapped[float]
    lon: Mapped[float]
    region_code: Mapped[str] = mapped_column(ForeignKey("labour_market_region.code"), index=True)


class PostcodeNL(Base):
    """A Dutch 4-digit postcode area: its centroid, place and municipality."""

    __tablename__ = "postcode_nl"
    __table_args__ = REFERENCE_DATA

    pc4: Mapped[str] = mapped_column(String(4), primary_key=True)
    lat: Mapped[float]
    lon: Mapped[float]
    place: Mapped[str] = mapped_column(String(100))
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipality.code"), index=True)


class PostcodeBE(Base):
    """A Belgian postcode and one of its places (a postcode can cover several)."""

    __tablename__ = "postcode_be"
    __table_args__ = REFERENCE_DATA

    postcode: Mapped[str] = mapped_column(String(4), primary_key=True)
    place: Mapped[str] = mapped_column(String(100), primary_key=True)
    region: Mapped[str] = mapped_column(String(50))
    province: Mapped[str] = mapped_column(String(50))
    arrondissement: Mapped[str] = mapped_column(String(100))
    lat: Mapped[float]
    lon: Mapped[float]


# --- Education --------------------------------------------------------------------------


class EducationLevel(Base):
    """A Dutch diploma with its NLQF and EQF level and CBS onderwijsniveau."""

    __tablename__ = "education_level"
    __table_args__ = REFERENCE_DATA

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name_nl: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    # NLQF has "4+" (vwo), so it is text; EQF is always a number from 1 to 8.
    nlqf: Mapped[str] = mapped_column(String(3))
    eqf: Mapped[int] = mapped_column(SmallInteger)
    cbs_level: Mapped[CbsLevel] = mapped_column(string_enum(CbsLevel, "cbs_level"))
    sort_order: Mapped[int] = mapped_column(SmallInteger, unique=True)


# --- Import bookkeeping -----------------------------------------------------------------


class TaxonomyImport(Base):
    """The last completed import: a fingerprint of the data files and the row counts."""

    __tablename__ = "taxonomy_import"
    __table_args__ = REFERENCE_DATA

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    fingerprint: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    counts: Mapped[dict[str, int]] = mapped_column(JSON)
