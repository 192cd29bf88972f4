"""The selfie: read and write sections under the offline sync protocol.

Every write names the version it is based on (0 for the first write). It wins only when
that is still the current version: the check and the write are one conditional
UPDATE (or one INSERT for the first write), so of several concurrent writes on the
same version exactly one wins and the others get 412 with the server's copy.

Every accepted version is kept in `selfie_revision` (the current one and the
KEEP_PREVIOUS before it), so a conflict never destroys anything.

An Idempotency-Key is stored with the answer of its write, in the same transaction, so
a replay (the phone never saw the answer) gets the same answer, and the same key with
another body gets 422. Only accepted writes are stored: a refused write changed
nothing, so trying it again is safe and gets a fresh answer.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Row, Table, bindparam, delete, insert, select, text, update
from sqlalchemy.orm import Session

from backend import db
from backend.accounts import service as accounts
from backend.errors import (
    DomainError,
    InvalidFields,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from backend.selfie import sections
from backend.selfie.export import export_all, register_exporter, run_erasers
from backend.selfie.labels import WORDS
from backend.selfie.listeners import (
    InlinePart,
    has_listeners_besides_inline,
    inline_parts,
    section_written,
    section_written_besides_inline,
)
from backend.selfie.models import IdempotencyRecord, SelfieProfile, SelfieRevision, SelfieSection
from backend.selfie.validation import clean_section
from backend.selfie.vocabulary import SECTION_NAMES

KEEP_PREVIOUS = 20  # revisions kept per section, besides the current version
MAX_BATCH = 100
MAX_VERSION = 2**31 - 1  # versions are INTEGER columns
IDEMPOTENCY_RETENTION = timedelta(days=30)
# A UUID is what the app sends; any printable ASCII up to 64 characters is accepted.
KEY_RE = re.compile(r"^[\x21-\x7e]{1,64}$")
KEY_HINT = "Use 1 to 64 printable ASCII characters, e.g. a UUID."


@dataclass(frozen=True)
class Stored:
    """One version of a section."""

    name: str
    version: int
    data: dict[str, Any]
    updated_at: datetime | None


@dataclass(frozen=True)
class SectionWrite:
    """The answer to a write: the section as it now is, and whether this was a replay."""

    section: dict[str, Any]
    replayed: bool


class IdempotencyKeyReused(DomainError):
    status, code = 422, "idempotency_key_reused"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def section_view(stored: Stored) -> dict[str, Any]:
    """Return a section as the API shows it: data, status, what is missing, derived."""
    assessment = sections.assess(stored.name, stored.data)
    return {
        "name": stored.name,
        "version": stored.version,
        "status": assessment.status,
        "missing": assessment.missing,
        "data": stored.data,
        "derived": sections.derive(stored.name, stored.data),
        "updated_at": stored.updated_at,
    }


def check_section_name(name: str) -> None:
    if name not in SECTION_NAMES:
        raise NotFound("There is no such section.")


def _load(session: Session | Connection, user_id: int, name: str) -> Stored:
    row = session.execute(
        select(SelfieSection.version, SelfieSection.data, SelfieSection.updated_at).where(
            SelfieSection.user_id == user_id, SelfieSection.name == name
        )
    ).one_or_none()
    if row is None:
        return Stored(name, 0, {}, None)
    return Stored(name, row.version, row.data, row.updated_at)


def load_sections(user_id: int) -> dict[str, Stored]:
    """Return every section of a person (version 0 and no data when never written)."""
    rows = db.read_session().execute(
        select(
            SelfieSection.name, SelfieSection.version, SelfieSection.data, SelfieSection.updated_at
        ).where(SelfieSection.user_id == user_id)
    )
    found = {r.name: Stored(r.name, r.version, r.data, r.updated_at) for r in rows}
    return {n: found.get(n) or Stored(n, 0, {}, None) for n in SECTION_NAMES}


def next_step(user_id: int) -> dict[str, Any] | None:
    """Return the first section that is not complete, with its titles and what it misses
    (None when the whole selfie is complete)."""
    for stored in load_sections(user_id).values():
        assessment = sections.assess(stored.name, stored.data)
        if assessment.status != sections.COMPLETE:
            nl, en = WORDS[stored.name]
            return {
                "section": stored.name,
                "title_nl": nl,
                "title_en": en,
                "status": assessment.status,
                "missing": assessment.missing,
            }
    return None


def travel_areas() -> list[tuple[int, str, int]]:
    """Return (user id, PC4, travel distance in km) of every selfie that has both."""
    rows = db.read_session().execute(
        select(SelfieSection.user_id, SelfieSection.data).where(SelfieSection.name == "location")
    )
    areas = []
    for user_id, data in rows:
        postcode, km = data.get("postcode"), data.get("max_distance_km")
        if postcode and isinstance(km, int) and km > 0:
            areas.append((user_id, str(postcode), km))
    return areas


def get_section(user_id: int, name: str) -> dict[str, Any]:
    """Return one section of the person's selfie."""
    check_section_name(name)
    return section_view(_load(db.read_session(), user_id, name))


def _ensure_profile(conn: Connection, user_id: int) -> str:
    public_id = conn.scalar(select(SelfieProfile.public_id).where(SelfieProfile.user_id == user_id))
    if public_id:
        return public_id
    from sqlalchemy.dialects import postgresql, sqlite

    values = {"user_id": user_id, "public_id": secrets.token_urlsafe(16), "created_at": db.utcnow()}
    # Two first writes may race to create it: the second one does nothing.
    if conn.dialect.name == "postgresql":
        conn.execute(
            postgresql.insert(SelfieProfile)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["user_id"])
        )
    else:
        conn.execute(
            sqlite.insert(SelfieProfile)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["user_id"])
        )
    found = conn.scalar(select(SelfieProfile.public_id).where(SelfieProfile.user_id == user_id))
    assert found is not None
    return found


def get_overview(user_id: int) -> dict[str, Any]:
    """Return every section's version, status and what is missing, and the completeness."""
    with db.engine().begin() as conn:
        profile_id = _ensure_profile(conn, user_id)
    summaries: list[dict[str, Any]] = []
    for stored in load_sections(user_id).values():
        assessment = sections.assess(stored.name, stored.data)
        summaries.append(
            {
                "name": stored.name,
                "version": stored.version,
                "status": assessment.status,
                "missing": assessment.missing,
                "updated_at": stored.updated_at,
            }
        )
    statuses: list[str] = [s["status"] for s in summaries]
    return {
        "profile_id": profile_id,
        "status": sections.overall_status(statuses),
        "completeness": sections.completeness(statuses),
        "sections": summaries,
    }


# --- Writing ------------------------------------------------------------------------


def fingerprint(name: str, base_version: int, raw: Any) -> str:
    """Return what identifies a write, whether it came as a PUT or in a sync batch."""
    doc = json.dumps(
        {"section": name, "base_version": base_version, "data": raw},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(doc.encode()).hexdigest()


def _stored_response(stored: Stored) -> dict[str, Any]:
    assert stored.updated_at is not None
    return {
        "version": stored.version,
        "data": stored.data,
        "updated_at": stored.updated_at.isoformat(),
    }


def _replay(record: Row[Any], print_: str) -> SectionWrite:
    if record.fingerprint != print_:
        raise IdempotencyKeyReused(
            "This Idempotency-Key was used for another write. Make a new key for a new write.",
            errors={"Idempotency-Key": ["Used before with another body."]},
        )
    saved = record.response
    stored = Stored(
        saved["section"],
        saved["version"],
        saved["data"],
        datetime.fromisoformat(saved["updated_at"]),
    )
    return SectionWrite(section_view(stored), replayed=True)


def _find_record(conn: Connection, user_id: int, key: str) -> Row[Any] | None:
    """The stored write of this key: its fingerprint and response (None: never used)."""
    return conn.execute(
        select(IdempotencyRecord.fingerprint, IdempotencyRecord.response).where(
            IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
        )
    ).first()


class SectionConflict(PreconditionFailed):
    """412 with the server's copy: in the JSON body, and as `current` for sync batches."""

    def __init__(self, current: dict[str, Any]) -> None:
        self.current = current
        super().__init__(
            f"The {current['name']} section changed since the version you based this on; "
            f"it is now at version {current['version']}.",
            body={"current": {**current, "updated_at": _iso(current["updated_at"])}},
        )


def _conflict(conn: Connection, user_id: int, name: str) -> SectionConflict:
    return SectionConflict(section_view(_load(conn, user_id, name)))


def put_section(
    user_id: int,
    name: str,
    raw: Any,
    *,
    base_version: int | None,
    idempotency_key: str | None = None,
) -> SectionWrite:
    """Write a whole section, based on `base_version` (0: the first write)."""
    # A Core transaction, not an ORM session: the write needs none of the ORM, and its
    # session cost a tenth of a PUT (docs/performance.md, "Selfie writes").
    with db.writing_connection(db.engine()) as conn:
        if _one_statement(conn, base_version):
            # Every statement commits on its own: the write is one (see _PG_WRITE_HEAD),
            # and the reads of a refused write need no transaction either.
            conn.execution_options(isolation_level="AUTOCOMMIT")
        with conn.begin():
            return _put(conn, user_id, name, raw, base_version, idempotency_key)


def _one_statement(conn: Connection, base_version: int | None) -> bool:
    """Whether a PUT based on this version is one PostgreSQL statement (see _write)."""
    return (
        conn.dialect.name == "postgresql"
        and base_version is not None
        and 0 < base_version < MAX_VERSION
        and not has_listeners_besides_inline()
    )


def _put(
    conn: Connection,
    user_id: int,
    name: str,
    raw: Any,
    base_version: int | None,
    key: str | None,
) -> SectionWrite:
    # Runs inside the caller's transaction (a PUT's own, or a whole sync batch's). On a
    # refusal it leaves nothing behind, so the caller may commit what else it did.
    check_section_name(name)
    if base_version is None:
        raise PreconditionRequired(
            "Send If-Match with the version this write is based on "
            "(or If-None-Match: * for the first write)."
        )
    if key is not None and not KEY_RE.match(key):
        raise InvalidInput("Idempotency-Key", KEY_HINT)
    print_ = fingerprint(name, base_version, raw)
    if not 0 <= base_version < MAX_VERSION:  # an ETag we never sent
        return _refused(conn, user_id, name, key, print_)
    # Only the skills rules look at what is stored; the others need no read first.
    current = _load(conn, user_id, name).data if name == "skills" else {}
    try:
        data = clean_section(name, raw, current=current)
    except InvalidFields:
        # A replay is answered as the first time, even if the rules changed since.
        record = _find_record(conn, user_id, key) if key else None
        if record is None:
            raise
        return _replay(record, print_)
    new = Stored(name, base_version + 1, data, db.utcnow())
    if _write(conn, user_id, new, key, print_):
        return SectionWrite(section_view(new), replayed=False)
    return _refused(conn, user_id, name, key, print_)


def _refused(
    conn: Connection, user_id: int, name: str, key: str | None, print_: str
) -> SectionWrite:
    # The write did not happen: its key was used before (a replay, or another body), or
    # another write got to the version first (maybe this very write, sent twice at once).
    if key is not None:
        record = _find_record(conn, user_id, key)
        if record is not None:
            return _replay(record, print_)
    raise _conflict(conn, user_id, name)


SECTION_TABLE = cast(Table, SelfieSection.__table__)
REVISION_TABLE = cast(Table, SelfieRevision.__table__)
IDEMPOTENCY_TABLE = cast(Table, IdempotencyRecord.__table__)
PRUNE_EVERY = 10  # prune revisions on every 10th version: at most 30 rows, 20 shown


# The write path's statements are built once: building them anew costs more than running
# them (see docs/performance.md, "Selfie writes").
_INSERT_NEW: dict[tuple[str, str], Any] = {}
_UPDATE_SECTION = db.DriverStatement(
    update(SECTION_TABLE)
    .where(
        SECTION_TABLE.c.user_id == bindparam("w_user"),
        SECTION_TABLE.c.name == bindparam("w_name"),
        SECTION_TABLE.c.version == bindparam("w_base"),
    )
    .values(version=bindparam("w_version"), data=bindparam("w_data"), updated_at=bindparam("w_at"))
)
_GIVE_KEY_BACK = db.DriverStatement(
    delete(IDEMPOTENCY_TABLE).where(
        IDEMPOTENCY_TABLE.c.user_id == bindparam("w_user"),
        IDEMPOTENCY_TABLE.c.key == bindparam("w_key"),
    )
)
_INSERT_REVISION = db.DriverStatement(insert(REVISION_TABLE))
_PRUNE_REVISIONS = db.DriverStatement(
    delete(REVISION_TABLE).where(
        REVISION_TABLE.c.user_id == bindparam("w_user"),
        REVISION_TABLE.c.section == bindparam("w_name"),
        REVISION_TABLE.c.version <= bindparam("w_oldest"),
    )
)


# One PostgreSQL statement for a write on an existing section: update the section if it
# is still at the base version and its key (when there is one) was never used, record
# the key, keep the revision and (on every PRUNE_EVERY-th version) prune the old ones.
# One round trip instead of three or four: on PostgreSQL most of a write's time is
# waiting for the server (docs/performance.md, "Selfie writes"). The statement is atomic
# on its own, so a PUT runs it without BEGIN and COMMIT (two round trips less; see
# `put_section`).
#
# The parts of a WITH run once each, on one snapshot; each part after `written` runs only
# on its row, so nothing happens when the update did nothing. A duplicate of this very
# write sent at the same time waits for the section's row lock, then finds another
# version and does nothing; a key already stored stops the update. So does a key being
# stored by a write that has not committed yet, unless that write is to another section:
# then both writes happen and the key stays with the first (a client that gives two
# different writes one key gets both written, and a retry of the second is refused as a
# reused key).
_PG_WRITE_HEAD = """
    WITH written AS (
        UPDATE selfie_section SET version = :w_version, data = :w_data, updated_at = :w_at
        WHERE user_id = :w_user AND name = :w_name AND version = :w_base
          AND (:w_key IS NULL OR NOT EXISTS (
              SELECT FROM idempotency_record WHERE user_id = :w_user AND key = :w_key))
        RETURNING 1
    ),
    claim AS (
        INSERT INTO idempotency_record (user_id, key, fingerprint, status, response, created_at)
        SELECT :w_user, :w_key, :w_print, 200, :w_response, :w_at FROM written
        WHERE :w_key IS NOT NULL
        ON CONFLICT (user_id, key) DO NOTHING
    ),
    revision AS (
        INSERT INTO selfie_revision (user_id, section, version, data, created_at)
        SELECT :w_user, :w_name, :w_version, :w_data, :w_at FROM written
    )"""
# Only in the statement of a pruning write. Nine writes in ten have nothing to prune, and
# with this part in their statement too PostgreSQL planned it anew on every write: a
# generic plan guesses a third of the section's revisions for `version <= $n`, so it
# looked dearer than a plan for the values at hand (-1: nothing), and planning was about
# 40% of the server's work for a write (docs/performance.md, "Selfie writes"). Without
# it the prepared statement keeps one generic plan (tested in tests/selfie/test_sync.py).
_PG_PRUNE = """,
    pruned AS (
        DELETE FROM selfie_revision
        WHERE user_id = :w_user AND section = :w_name AND version <= :w_oldest
          AND EXISTS (SELECT FROM written)
    )"""
_PG_WRITE_TAIL = """
    SELECT count(*) FROM written
    """
_PG_WRITE_BINDS = (
    bindparam("w_key", type_=IDEMPOTENCY_TABLE.c.key.type),
    bindparam("w_print", type_=IDEMPOTENCY_TABLE.c.fingerprint.type),
    bindparam("w_response", type_=IDEMPOTENCY_TABLE.c.response.type),
    bindparam("w_name", type_=SECTION_TABLE.c.name.type),
    bindparam("w_data", type_=SECTION_TABLE.c.data.type),
    bindparam("w_at", type_=SECTION_TABLE.c.updated_at.type),
)
# The whole statement per section, with the listeners' inline parts (built once each).
_PG_WRITES: dict[tuple[bool, tuple[str, ...]], Any] = {}


def _pg_write_statement(parts: list[InlinePart], *, prune: bool) -> Any:
    """The write statement: with the prune or not, each listener's inline part one more
    part of the WITH."""
    cache_key = (prune, tuple(part.sql for part in parts))
    stmt = _PG_WRITES.get(cache_key)
    if stmt is None:
        extra = "".join(f",\n    listener_{n} AS ({part.sql})" for n, part in enumerate(parts))
        binds = [bind for part in parts for bind in part.binds]
        sql = _PG_WRITE_HEAD + (_PG_PRUNE if prune else "") + extra + _PG_WRITE_TAIL
        stmt = _PG_WRITES[cache_key] = db.DriverStatement(
            text(sql).bindparams(*_PG_WRITE_BINDS, *binds)
        )
    return stmt


def _insert_new(conn: Connection, table: Table, values: dict[str, Any]) -> bool:
    """INSERT unless the primary key exists (then wait for its writer, and do nothing)."""
    dialect = conn.dialect.name
    stmt = _INSERT_NEW.get((dialect, table.name))
    if stmt is None:
        from sqlalchemy.dialects import postgresql, sqlite

        keys = [c.name for c in table.primary_key.columns]
        if dialect == "postgresql":
            stmt = postgresql.insert(table).on_conflict_do_nothing(index_elements=keys)
        else:
            stmt = sqlite.insert(table).on_conflict_do_nothing(index_elements=keys)
        # RETURNING, not rowcount: psycopg reports -1 for INSERT ... ON CONFLICT.
        stmt = _INSERT_NEW[dialect, table.name] = db.DriverStatement(
            stmt.returning(table.primary_key.columns[0])
        )
    return stmt.first(conn, values) is not None


def _write(conn: Connection, user_id: int, new: Stored, key: str | None, print_: str) -> bool:
    """Write a new version; False (and nothing written) when its key or version is taken.

    No statement fails on a conflict, so a batch needs no savepoints: the key is claimed
    first (a duplicate of this very write waits here for it), then the section is
    updated only if it is still at the base version, then the revision is kept.
    """
    if new.version > 1 and conn.dialect.name == "postgresql":
        return _write_pg(conn, user_id, new, key, print_)
    db.take_write_turn(conn)  # SQLite: one selfie writer at a time (db.SqliteWriters)
    if key is not None:
        claimed = _insert_new(
            conn,
            IDEMPOTENCY_TABLE,
            {
                "user_id": user_id,
                "key": key,
                "fingerprint": print_,
                "status": 200,
                "response": {"section": new.name, **_stored_response(new)},
                "created_at": new.updated_at,
            },
        )
        if not claimed:
            return False
    if new.version == 1:
        values = {"user_id": user_id, "name": new.name, "version": 1}
        written = _insert_new(
            conn, SECTION_TABLE, {**values, "data": new.data, "updated_at": new.updated_at}
        )
        if written:
            _ensure_profile(conn, user_id)
    else:
        written = (
            _UPDATE_SECTION.rowcount(
                conn,
                {
                    "w_user": user_id,
                    "w_name": new.name,
                    "w_base": new.version - 1,
                    "w_version": new.version,
                    "w_data": new.data,
                    "w_at": new.updated_at,
                },
            )
            == 1
        )
    if not written:
        if key is not None:  # give the key back: a refused write is not recorded
            _GIVE_KEY_BACK.rowcount(conn, {"w_user": user_id, "w_key": key})
        return False
    _INSERT_REVISION.rowcount(
        conn,
        {
            "user_id": user_id,
            "section": new.name,
            "version": new.version,
            "data": new.data,
            "created_at": new.updated_at,
        },
    )
    # Derived copies (matching's projection) change in the same transaction.
    section_written(conn, user_id, new.name, new.data)
    if new.version % PRUNE_EVERY == 0:
        _PRUNE_REVISIONS.rowcount(
            conn,
            {
                "w_user": user_id,
                "w_name": new.name,
                "w_oldest": new.version - KEEP_PREVIOUS - 1,
            },
        )
    return True


def _write_pg(conn: Any, user_id: int, new: Stored, key: str | None, print_: str) -> bool:
    """`_write` for an existing section on PostgreSQL: one statement (see _PG_WRITE_HEAD)."""
    params: dict[str, Any] = {
        "w_user": user_id,
        "w_name": new.name,
        "w_base": new.version - 1,
        "w_version": new.version,
        "w_data": new.data,
        "w_at": new.updated_at,
        "w_oldest": new.version - KEEP_PREVIOUS - 1,
        "w_key": key,
        "w_print": print_,
        "w_response": {"section": new.name, **_stored_response(new)} if key else None,
    }
    # Derived copies (matching's projection) change in the same statement when their
    # listener has an inline form, else right after it, in the same transaction.
    parts = inline_parts(user_id, new.name, new.data)
    for part in parts:
        params.update(part.values)
    # Prune on every PRUNE_EVERY-th version, as on SQLite.
    prune = new.version % PRUNE_EVERY == 0
    (written,) = _pg_write_statement(parts, prune=prune).first(conn, params)
    if written:
        section_written_besides_inline(conn, user_id, new.name, new.data)
    return bool(written)


def list_revisions(user_id: int, name: str) -> list[dict[str, Any]]:
    """Return the kept earlier versions of a section, newest first."""
    check_section_name(name)
    session = db.read_session()
    current = _load(session, user_id, name)
    rows = session.execute(
        select(SelfieRevision.version, SelfieRevision.data, SelfieRevision.created_at)
        .where(
            SelfieRevision.user_id == user_id,
            SelfieRevision.section == name,
            SelfieRevision.version < current.version,
        )
        .order_by(SelfieRevision.version.desc())
        .limit(KEEP_PREVIOUS)
    )
    return [{"version": v, "data": d, "created_at": c} for v, d, c in rows]


# --- Sync batches -----------------------------------------------------------------


def _operation_problem(op: Any) -> InvalidFields | None:
    if not isinstance(op, dict):
        return InvalidFields({"operation": ["Send each operation as a JSON object."]})
    errors: dict[str, list[str]] = {}
    unknown = set(op) - {"key", "section", "base_version", "data"}
    for field in sorted(unknown):
        errors[field] = ["Unknown field."]
    key = op.get("key")
    if not isinstance(key, str) or not KEY_RE.match(key):
        errors["key"] = [KEY_HINT]
    if op.get("section") not in SECTION_NAMES:
        errors["section"] = ["Use one of: " + ", ".join(SECTION_NAMES) + "."]
    base = op.get("base_version")
    if "base_version" in op and (
        isinstance(base, bool) or not isinstance(base, int) or not 0 <= base < MAX_VERSION
    ):
        errors["base_version"] = ["Use the version the write is based on: 0 or more."]
    if not isinstance(op.get("data"), dict):
        errors["data"] = ["Send the section as a JSON object."]
    return InvalidFields(errors) if errors else None


def _error_result(op: Any, exc: DomainError) -> dict[str, Any]:
    body: dict[str, Any] = {"code": exc.code, "message": exc.message}
    if exc.errors:
        body["errors"] = exc.errors
    result: dict[str, Any] = {
        "key": op.get("key") if isinstance(op, dict) and isinstance(op.get("key"), str) else None,
        "section": op.get("section")
        if isinstance(op, dict) and isinstance(op.get("section"), str)
        else None,
        "status": exc.status,
        "replayed": False,
        "result": exc.current if isinstance(exc, SectionConflict) else None,
        "error": body,
    }
    return result


def apply_batch(user_id: int, body: Any) -> dict[str, Any]:
    """Apply up to 100 writes in order, each on its own; answer each one."""
    if not isinstance(body, dict) or set(body) - {"operations"}:
        raise InvalidInput("operations", 'Send {"operations": [...]} and nothing else.')
    operations = body.get("operations")
    if not isinstance(operations, list) or not 0 < len(operations) <= MAX_BATCH:
        raise InvalidInput("operations", f"Send a list of 1 to {MAX_BATCH} operations.")
    results = []
    # One transaction (one commit, one fsync) for the batch: a refused operation leaves
    # nothing behind, so the others stand. Nothing is answered before the commit.
    with db.writing_connection(db.engine()) as conn, conn.begin():
        for op in operations:
            problem = _operation_problem(op)
            if problem is not None:
                results.append(_error_result(op, problem))
                continue
            try:
                write = _put(
                    conn,
                    user_id,
                    op["section"],
                    op["data"],
                    op.get("base_version"),
                    op["key"],
                )
            except DomainError as exc:
                results.append(_error_result(op, exc))
                continue
            results.append(
                {
                    "key": op["key"],
                    "section": op["section"],
                    "status": 200,
                    "replayed": write.replayed,
                    "result": write.section,
                    "error": None,
                }
            )
    return {"results": results}


# --- Housekeeping -----------------------------------------------------------------


def prune_idempotency_records(*, older_than: timedelta = IDEMPOTENCY_RETENTION) -> int:
    """Delete idempotency records older than the retention; return how many."""
    cutoff = db.utcnow() - older_than
    with db.transaction() as session:
        result = session.execute(
            delete(IdempotencyRecord).where(IdempotencyRecord.created_at < cutoff)
        )
    return int(getattr(result, "rowcount", 0) or 0)


# --- Derived views: skill proposals, CV, employer view ------------------------------


def _data(user_id: int) -> dict[str, dict[str, Any]]:
    return {name: stored.data for name, stored in load_sections(user_id).items()}


def skill_proposals(user_id: int) -> list[dict[str, Any]]:
    """Propose the essential skills of the experience occupations, for confirm or reject.

    A skill already listed or once rejected is not proposed. The person confirms by
    adding it to the skills section (source `from_experience`) and rejects by adding
    its id to `skills.rejected_suggestions`: both are ordinary section writes, so they
    work offline through the outbox like every other write.
    """
    from backend.taxonomy import service as taxonomy

    data = _data(user_id)
    skills = data["skills"]
    known = {e.get("skill_id") for e in skills.get("entries") or []}
    known |= set(skills.get("rejected_suggestions") or [])
    proposals: dict[str, dict[str, Any]] = {}
    occupation_ids = [
        e["occupation_id"]
        for e in data["experience"].get("entries") or []
        if e.get("occupation_id")
    ]
    for occupation_id in dict.fromkeys(occupation_ids):
        try:
            occupation = taxonomy.get_occupation(occupation_id)
        except NotFound:
            continue
        for skill in occupation.essential_skills:
            key = str(skill.id)
            if key in known:
                continue
            entry = proposals.setdefault(
                key, {"skill_id": key, "label": skill.label, "occupation_ids": []}
            )
            entry["occupation_ids"].append(occupation_id)
    return sorted(proposals.values(), key=lambda p: (-len(p["occupation_ids"]), p["label"].lower()))


def interest_items(lang: str) -> list[dict[str, str]]:
    """Return the RIASEC questions in Dutch or English."""
    from backend.selfie import riasec

    return riasec.items(lang)


def build_cv(user_id: int, lang: str) -> dict[str, Any]:
    """Return the Slim CV: every complete section, readable, in Dutch or English."""
    from backend.selfie import cv

    return cv.build(_data(user_id), lang)


def build_json_resume(user_id: int, lang: str) -> dict[str, Any]:
    """Return the Slim CV as a JSON Resume document."""
    from backend.selfie import json_resume

    return json_resume.build(_data(user_id), lang)


def employer_view(profile_id: str, lang: str = "nl") -> dict[str, Any]:
    """Return a profile as its owner shares it with employers; NotFound when not shared."""
    from backend.selfie import profile_view

    user_id = None
    if 0 < len(profile_id) <= 32:
        user_id = db.read_session().scalar(
            select(SelfieProfile.user_id).where(SelfieProfile.public_id == profile_id)
        )
    view = profile_view.build(profile_id, _data(user_id), lang) if user_id else None
    if view is None:
        # The same answer for "no such profile" and "not shared": nothing leaks.
        raise NotFound("There is no profile with this id that you may see.")
    return view


def shared_profiles(levels: dict[int, str], lang: str = "nl") -> dict[int, dict[str, Any]]:
    """Return each person's employer view at the level they chose for one employer.

    `levels` maps a user id to `anonymous` or `full`: the consent a person gave one
    employer (showing interest in a vacancy), in place of `visibility.employers`. The
    view is otherwise the consent-exact one: only the sections in
    `visibility.shared_sections`, only complete ones, only the allow-listed fields. It
    carries no profile id, so an employer cannot link it to the public profile or to
    the person's interest in another organisation's vacancy.
    """
    from backend.selfie import profile_view

    if not levels:
        return {}
    rows = db.read_session().execute(
        select(SelfieSection.user_id, SelfieSection.name, SelfieSection.data).where(
            SelfieSection.user_id.in_(list(levels))
        )
    )
    data: dict[int, dict[str, dict[str, Any]]] = {uid: {} for uid in levels}
    for uid, name, section in rows:
        data[uid][name] = section
    views = {}
    for uid, level in levels.items():
        if level not in (profile_view.ANONYMOUS, profile_view.FULL):
            raise ValueError(f"unknown share level {level!r}")
        sections_ = data[uid]
        visibility = {**(sections_.get("visibility") or {}), "employers": level}
        view = profile_view.build("", {**sections_, "visibility": visibility}, lang)
        assert view is not None  # the level is anonymous or full
        view.pop("profile_id")
        views[uid] = view
    return views


def anonymous_views(user_ids: list[int], lang: str = "nl") -> dict[int, dict[str, Any]]:
    """Return the anonymous employer view of each person who shares one, by user id.

    People who share nothing (`employers: none`) are left out. Whoever shares their
    full profile is shown here as anonymous too: a list of candidates names nobody;
    the employer opens a full profile by its profile_id.
    """
    from backend.selfie import profile_view

    ids = list(dict.fromkeys(user_ids))
    if not ids:
        return {}
    session = db.read_session()
    profile_ids = dict(
        session.execute(
            select(SelfieProfile.user_id, SelfieProfile.public_id).where(
                SelfieProfile.user_id.in_(ids)
            )
        ).all()
    )
    data: dict[int, dict[str, dict[str, Any]]] = {uid: {} for uid in profile_ids}
    rows = session.execute(
        select(SelfieSection.user_id, SelfieSection.name, SelfieSection.data).where(
            SelfieSection.user_id.in_(list(profile_ids))
        )
    )
    for uid, name, section in rows:
        data[uid][name] = section
    views: dict[int, dict[str, Any]] = {}
    for uid in ids:
        if uid not in profile_ids:
            continue
        sections_of = data[uid]
        visibility = dict(sections_of.get("visibility") or {})
        if profile_view.consent(visibility)[0] not in (profile_view.ANONYMOUS, profile_view.FULL):
            continue
        visibility["employers"] = profile_view.ANONYMOUS
        view = profile_view.build(profile_ids[uid], {**sections_of, "visibility": visibility}, lang)
        if view is not None:
            views[uid] = view
    return views


# --- The person's own data: export and erasure ------------------------------------


@register_exporter("selfie")
def export_selfie(user_id: int) -> dict[str, Any]:
    """Return everything of the person's selfie: sections, revisions, consents, keys."""
    from backend.selfie import profile_view

    session = db.read_session()
    stored = load_sections(user_id)
    profile_id = session.scalar(
        select(SelfieProfile.public_id).where(SelfieProfile.user_id == user_id)
    )
    revisions = session.execute(
        select(SelfieRevision)
        .where(SelfieRevision.user_id == user_id)
        .order_by(SelfieRevision.section, SelfieRevision.version)
    ).scalars()
    keys = session.execute(
        select(IdempotencyRecord.key, IdempotencyRecord.created_at)
        .where(IdempotencyRecord.user_id == user_id)
        .order_by(IdempotencyRecord.created_at)
    )
    visibility = stored["visibility"].data
    mode, shared = profile_view.consent(visibility)
    return {
        "profile_id": profile_id,
        "sections": {
            name: {
                "version": s.version,
                "status": sections.assess(name, s.data).status,
                "data": s.data,
                "updated_at": _iso(s.updated_at),
            }
            for name, s in stored.items()
        },
        "revisions": [
            {
                "section": r.section,
                "version": r.version,
                "data": r.data,
                "created_at": _iso(r.created_at),
            }
            for r in revisions
        ],
        "consents": {
            "employers": mode,
            "shared_sections": sorted(shared),
            "statistics": visibility.get("statistics", True),
        },
        "idempotency_keys": [{"key": k, "created_at": _iso(c)} for k, c in keys],
    }


register_exporter("account")(accounts.export_account)


def export_me(user_id: int) -> dict[str, Any]:
    """Return every piece of data about the person, from every domain."""
    accounts.get_user(user_id)
    return {"exported_at": db.utcnow(), "data": export_all(user_id)}


def erase_me(user_id: int, password: str) -> None:
    """Erase the person and everything linked to them, after the password is confirmed."""
    accounts.erase_user(user_id, password, before=lambda: run_erasers(user_id))
