"""Flask commands: migrate, import reference data, seed demo data, users, the worker."""

from __future__ import annotations

import getpass
import logging
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from backend import db

db_cli = AppGroup("db", help="Database migrations.")
taxonomy_cli = AppGroup("taxonomy", help="Reference data (ESCO, postcodes, levels).")
seed_cli = AppGroup("seed", help="Demo data.")
users_cli = AppGroup("users", help="Accounts.")
insights_cli = AppGroup("insights", help="Regional insights and open data.")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply the migrations (to head by default)."""
    db.upgrade_database(current_app.config["DATABASE_URL"], revision)


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Revert the migrations down to REVISION ("base" for all)."""
    from alembic import command

    command.downgrade(db.alembic_config(current_app.config["DATABASE_URL"]), revision)


@taxonomy_cli.command("import")
@click.option("--if-missing", is_flag=True, help="Do nothing when the data is already loaded.")
@click.option("--data-dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def taxonomy_import(if_missing: bool, data_dir: Path | None) -> None:
    """Load ESCO, postcodes, regions and education levels (idempotent)."""
    from backend.taxonomy import importer

    report = importer.import_all(data_dir, if_missing=if_missing)
    for key, value in report.items():
        click.echo(f"{key}: {value}")


@seed_cli.command("demo")
def seed_demo() -> None:
    """Create the demo accounts and vacancies (only those that are missing)."""
    from backend.accounts import demo
    from backend.vacancies import demo as vacancy_demo

    for line in demo.seed_demo_accounts():
        click.echo(line)
    for line in vacancy_demo.seed_demo_vacancies():
        click.echo(line)


@users_cli.command("create-admin")
@click.option("--username", required=True)
@click.option("--email", default=None)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_admin(username: str, email: str | None, password_stdin: bool) -> None:
    """Create an admin account."""
    from backend.accounts import service
    from backend.accounts.models import Role
    from backend.errors import DomainError

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            raise click.ClickException("The passwords differ.")
    try:
        user = service.create_user(
            username=username, password=password, email=email, role=Role.ADMIN
        )
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"admin {user.username} created (id {user.id})")


@insights_cli.command("publish")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the publication (default: INSIGHTS_DIR, or instance/insights).",
)
def insights_publish(directory: Path | None) -> None:
    """Write a new dated, versioned publication of the regional insights."""
    from backend.insights import service

    root = directory or Path(current_app.config["INSIGHTS_DIR"])
    published = service.publish(root)
    click.echo(f"published version {published['version']} in {root / published['directory']}")
    for entry in published["files"]:
        rows = "" if entry["rows"] is None else f", {entry['rows']} rows"
        click.echo(f"  {entry['name']}: {entry['bytes']} bytes{rows}")


@click.command("worker")
@click.option("--workers", default=2, show_default=True, help="Worker threads or processes.")
@click.option(
    "--worker-type",
    type=click.Choice(["thread", "process"]),
    default="thread",
    show_default=True,
    help="Threads share one process (one core); processes use a core each (push fan-out "
    "is CPU-bound: docs/notifications.md).",
)
@click.option(
    "--no-periodic",
    is_flag=True,
    help="Do not schedule the periodic tasks (for every worker but one when scaling out).",
)
def worker(workers: int, worker_type: str, no_periodic: bool) -> None:
    """Run the task-queue consumer (huey) with the periodic tasks."""
    from backend import tasks
    from backend.extensions import huey

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if huey.immediate:
        raise click.ClickException("HUEY_IMMEDIATE is set: there is no queue to consume.")
    click.echo(
        f"worker: {type(huey).__name__}, {workers} {worker_type} workers, tasks in {tasks.__name__}"
    )
    huey.create_consumer(workers=workers, worker_type=worker_type, periodic=not no_periodic).run()


def init_app(app: Flask) -> None:
    """Register the commands."""
    for group in (db_cli, taxonomy_cli, seed_cli, users_cli, insights_cli):
        app.cli.add_command(group)
    app.cli.add_command(worker)
