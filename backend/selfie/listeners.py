"""Listeners on selfie writes: a registry other domains add themselves to.

A domain that keeps something derived from the selfie (matching keeps a searchable
projection) registers a listener at import time:

    from backend.selfie.listeners import register_section_listener

    @register_section_listener("matching")
    def project(conn: Connection, user_id: int, name: str, data: dict[str, Any]) -> None: ...

Every accepted section write calls each listener inside the write's own transaction
(the same connection), with the person's id, the section's name and its new, cleaned
data, so the derived copy commits or rolls back with the write. The selfie write is
performance-critical (1,000 writes/s): a listener issues at most one statement and
reads nothing it could not keep in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection

Listener = Callable[[Connection, int, str, dict[str, Any]], None]
_LISTENERS: dict[str, Listener] = {}
# A tuple, rebuilt on registration: the write path only iterates it.
_CALLS: tuple[Listener, ...] = ()


def register_section_listener(name: str) -> Callable[[Listener], Listener]:
    """Add a listener under `name` (once per name)."""

    def decorator(fn: Listener) -> Listener:
        global _CALLS
        if name in _LISTENERS and _LISTENERS[name] is not fn:
            raise ValueError(f"a section listener named {name!r} is already registered")
        _LISTENERS[name] = fn
        _CALLS = tuple(_LISTENERS[key] for key in sorted(_LISTENERS))
        return fn

    return decorator


def section_written(conn: Connection, user_id: int, name: str, data: dict[str, Any]) -> None:
    """Tell every listener about an accepted write (inside its transaction)."""
    for listener in _CALLS:
        listener(conn, user_id, name, data)
