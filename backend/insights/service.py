"""Publish regional insights, and serve the latest ones from what was published.

`publish` reads every domain (sources.py), builds the safe tables (figures.py, with the
privacy rules of privacy.py) and writes a dated, versioned folder (package.py) with a
row in `insight_publication`. Earlier folders are never touched. The API never computes
figures: it answers from the latest publication's `api.json`, read once per process.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from backend import db
from backend.errors import DomainError, NotFound
from backend.insights import figures, sources
from backend.insights.models import Publication
from backend.insights.package import API_DOCUMENT, write_package

# Our own folder names only ("2026-11-23-v3"): a row never points outside the root.
DIRECTORY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}-v\d+$")
REGION_RE = re.compile(r"^(AM\d{2}|NL)$")


class NotPublished(NotFound):
    """Nothing has been published yet."""

    code = "not_published"


class UnknownRegion(NotFound):
    code = "unknown_region"


class PublicationUnavailable(DomainError):
    """The publication's row exists but its files are gone (a broken volume)."""

    status, code = 503, "publication_unavailable"


@dataclass(frozen=True)
class PublicationPage:
    items: list[dict[str, Any]]
    total: int


def _view(publication: Publication) -> dict[str, Any]:
    return {
        "version": publication.version,
        "published_at": publication.published_at,
        "reference_date": publication.reference_date,
        "directory": publication.directory,
        "files": list(publication.files),
        "summary": dict(publication.summary),
    }


def _summary(ctx: figures.Context) -> dict[str, Any]:
    national = next(r for r in ctx.tables["regions"].rows if r["region_code"] == figures.NATIONAL)
    return {
        "jobseekers": national["jobseekers"],
        "vacancies": national["vacancies"],
        "vacancy_places": national["vacancy_places"],
        "tables": {name: len(table.rows) for name, table in ctx.tables.items()},
    }


# --- Publishing ------------------------------------------------------------------------


def publish(directory: str | Path, *, now: datetime | None = None) -> dict[str, Any]:
    """Read everything, build the safe tables and write a new publication under `directory`."""
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    gathered = sources.gather(now)
    ctx = figures.build_all(gathered)
    published_at = now or db.utcnow()
    for _attempt in range(3):
        try:
            return _store(root, ctx, published_at)
        except IntegrityError:
            # Another publisher took this version number at the same moment: take the next.
            continue
    raise DomainError("Another publication was being written; try again.", code="busy")


def _store(root: Path, ctx: figures.Context, published_at: datetime) -> dict[str, Any]:
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
    final: Path | None = None
    try:
        with db.transaction() as session:
            version = (session.scalar(select(func.max(Publication.version))) or 0) + 1
            name = f"{ctx.sources.reference_date.isoformat()}-v{version}"
            publication = Publication(
                version=version,
                published_at=published_at,
                reference_date=ctx.sources.reference_date,
                directory=name,
                files=[],
                summary=_summary(ctx),
            )
            session.add(publication)
            session.flush()  # the unique version is claimed here (or IntegrityError)
            publication.files = write_package(ctx, building, version, published_at)
            final = root / name
            if final.exists():
                # Left by an attempt whose row was rolled back: no row points at it.
                shutil.rmtree(final)
            building.rename(final)
            view = _view(publication)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        if final is not None and final.exists() and not _is_published(final.name):
            shutil.rmtree(final, ignore_errors=True)
        raise
    return view


def _is_published(name: str) -> bool:
    return (
        db.read_session().scalar(select(Publication.id).where(Publication.directory == name))
        is not None
    )


# --- Reading what was published -------------------------------------------------------

_LATEST = select(Publication).order_by(Publication.version.desc()).limit(1)
_documents: dict[Path, dict[str, Any]] = {}
_documents_lock = threading.Lock()


def _latest() -> Publication:
    publication = db.read_session().scalars(_LATEST).first()
    if publication is None:
        raise NotPublished("Nothing has been published yet.")
    return publication


def _folder(root: Path, publication: Publication) -> Path:
    if not DIRECTORY_RE.match(publication.directory):
        raise PublicationUnavailable("This publication's folder name is not valid.")
    return root / publication.directory


def _document(root: Path, publication: Publication) -> dict[str, Any]:
    """The publication's api.json, read once per process (published files never change)."""
    path = _folder(root, publication) / API_DOCUMENT
    cached = _documents.get(path)
    if cached is not None:
        return cached
    try:
        document: dict[str, Any] = json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise PublicationUnavailable("The published figures cannot be read right now.") from exc
    with _documents_lock:
        if len(_documents) >= 4:
            _documents.clear()
        _documents[path] = document
    return document


def _publication_info(publication: Publication) -> dict[str, Any]:
    return {
        "version": publication.version,
        "published_at": publication.published_at,
        "reference_date": publication.reference_date,
    }


def latest_regions(directory: str | Path) -> dict[str, Any]:
    """The latest published summary of every region and of the country."""
    publication = _latest()
    document = _document(Path(directory), publication)
    return {
        "publication": _publication_info(publication),
        "regions": document["regions"],
        "national": document["national"],
        "other": document["other"],
    }


def region_figures(directory: str | Path, code: str) -> dict[str, Any]:
    """The latest published figures of one region (AM01 … AM38) or of the country (NL)."""
    key = code.strip().upper()
    if not REGION_RE.match(key):
        raise UnknownRegion("There is no labour market region with this code.")
    publication = _latest()
    document = _document(Path(directory), publication)
    region = document["details"].get(key)
    if region is None:
        raise UnknownRegion("There is no labour market region with this code.")
    return {"publication": _publication_info(publication), "region": region}


def list_publications(*, offset: int, limit: int) -> PublicationPage:
    """Every publication, newest first."""
    session = db.read_session()
    total = session.scalar(select(func.count()).select_from(Publication)) or 0
    rows = session.scalars(
        select(Publication).order_by(Publication.version.desc()).offset(offset).limit(limit)
    )
    return PublicationPage(items=[_view(p) for p in rows], total=total)


@dataclass(frozen=True)
class PublishedFile:
    path: Path
    media_type: str
    download_name: str
    sha256: str


def publication_file(directory: str | Path, version: int, name: str) -> PublishedFile:
    """The path, media type, download name and hash of one published file.

    Only names in the publication's own list of files are served, so no request can
    name any other file (no path is ever built from what the client sent).
    """
    publication = (
        db.read_session().scalars(select(Publication).where(Publication.version == version)).first()
    )
    if publication is None:
        raise NotFound("There is no publication with this version.")
    entry = next((f for f in publication.files if f["name"] == name), None)
    if entry is None:
        raise NotFound("This publication has no file with this name.")
    path = _folder(Path(directory), publication) / str(entry["name"])
    if not path.is_file():
        raise PublicationUnavailable("This file cannot be read right now.")
    return PublishedFile(
        path=path,
        media_type=str(entry["media_type"]),
        download_name=f"zelf-aan-het-werk-{publication.directory}-{entry['name']}",
        sha256=str(entry["sha256"]),
    )
