"""The export of everything about one person: a registry every domain adds itself to.

A domain that stores data about a person registers an exporter at import time:

    from backend.selfie.export import register_exporter

    @register_exporter("notifications")
    def export_notifications(user_id: int) -> dict[str, Any]: ...

Each exporter returns JSON-ready data (ISO strings for times). `GET /api/v1/me/export`
puts each under its name.

Erasure: every table that holds a person's data has a foreign key to `user_account`
with ON DELETE CASCADE (a test checks it), so the rows go with the account. A domain
whose rows also matter to others registers an eraser, which runs right before, once the
password is confirmed: open hiring takes the person off every list the normal way, so
an offered place goes to the next person and the list's count stays right.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Exporter = Callable[[int], Any]
_EXPORTERS: dict[str, Exporter] = {}


def register_exporter(name: str) -> Callable[[Exporter], Exporter]:
    """Add a domain's exporter under `name` (once per name)."""

    def decorator(fn: Exporter) -> Exporter:
        if name in _EXPORTERS and _EXPORTERS[name] is not fn:
            raise ValueError(f"an exporter named {name!r} is already registered")
        _EXPORTERS[name] = fn
        return fn

    return decorator


def exporters() -> dict[str, Exporter]:
    """Return the registered exporters by name."""
    return dict(_EXPORTERS)


def export_all(user_id: int) -> dict[str, Any]:
    """Run every exporter for one person."""
    return {name: fn(user_id) for name, fn in sorted(_EXPORTERS.items())}


Eraser = Callable[[int], None]
_ERASERS: dict[str, Eraser] = {}


def register_eraser(name: str) -> Callable[[Eraser], Eraser]:
    """Add a domain's eraser under `name` (once per name)."""

    def decorator(fn: Eraser) -> Eraser:
        if name in _ERASERS and _ERASERS[name] is not fn:
            raise ValueError(f"an eraser named {name!r} is already registered")
        _ERASERS[name] = fn
        return fn

    return decorator


def run_erasers(user_id: int) -> None:
    """Run every eraser for one person, before their rows are deleted."""
    for _name, fn in sorted(_ERASERS.items()):
        fn(user_id)
