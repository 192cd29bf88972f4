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

On PostgreSQL a write of an existing section is one statement (a data-modifying WITH, see
`backend/selfie/service.py`). A listener may also give an *inline* form of its statement,
which then runs as one more part of that WITH instead of as a statement of its own: one
round trip less per write. `inline(user_id, name, data)` returns an `InlinePart`: an
INSERT, UPDATE or DELETE that reads its rows `FROM written` (the WITH's part that holds one
row when the section was written, none when it was not), its bound values (names
prefixed so they cannot clash with the selfie's own `w_` names) and their types.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BindParameter, Connection

Listener = Callable[[Connection, int, str, dict[str, Any]], None]


@dataclass(frozen=True)
class InlinePart:
    """A listener's statement as a part of the selfie's PostgreSQL WITH (see above)."""

    sql: str  # the same text for every write of the same section
    values: dict[str, Any]
    binds: tuple[BindParameter[Any], ...]  # typed bind parameters for `values`' keys


Inline = Callable[[int, str, dict[str, Any]], InlinePart]
_LISTENERS: dict[str, tuple[Listener, Inline | None]] = {}
# Tuples, rebuilt on registration: the write path only iterates them.
_CALLS: tuple[Listener, ...] = ()
_NOT_INLINE: tuple[Listener, ...] = ()
_INLINE: tuple[Inline, ...] = ()


def register_section_listener(
    name: str, *, inline: Inline | None = None
) -> Callable[[Listener], Listener]:
    """Add a listener under `name` (once per name), with its inline form if it has one."""

    def decorator(fn: Listener) -> Listener:
        global _CALLS, _NOT_INLINE, _INLINE
        if name in _LISTENERS and _LISTENERS[name][0] is not fn:
            raise ValueError(f"a section listener named {name!r} is already registered")
        _LISTENERS[name] = (fn, inline)
        ordered = [_LISTENERS[key] for key in sorted(_LISTENERS)]
        _CALLS = tuple(listener for listener, _ in ordered)
        _NOT_INLINE = tuple(listener for listener, part in ordered if part is None)
        _INLINE = tuple(part for _, part in ordered if part is not None)
        return fn

    return decorator


def section_written(conn: Connection, user_id: int, name: str, data: dict[str, Any]) -> None:
    """Tell every listener about an accepted write (inside its transaction)."""
    for listener in _CALLS:
        listener(conn, user_id, name, data)


def inline_parts(user_id: int, name: str, data: dict[str, Any]) -> list[InlinePart]:
    """The inline parts for a write that runs as one PostgreSQL statement."""
    return [part(user_id, name, data) for part in _INLINE]


def has_listeners_besides_inline() -> bool:
    """Whether a listener has no inline form (then a write is more than one statement)."""
    return bool(_NOT_INLINE)


def section_written_besides_inline(
    conn: Connection, user_id: int, name: str, data: dict[str, Any]
) -> None:
    """After a write that ran the inline parts: tell the listeners without one."""
    for listener in _NOT_INLINE:
        listener(conn, user_id, name, data)
