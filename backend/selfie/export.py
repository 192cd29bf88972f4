"""The export of everything about one person: a registry every domain adds itself to.

A domain that stores data about a person registers an exporter at import time:

    from backend.selfie.export import register_exporter

    @register_exporter("notifications")
    def export_notifications(user_id: int) -> dict[str, Any]: ...

Each exporter returns JSON-ready data (ISO strings for times). `GET /api/v1/me/export`
puts each under its name. Erasure needs no registry: every table that holds a person's
data has a foreign key to `user_account` with ON DELETE CASCADE (a test checks it).
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
