"""Path converters that keep ids inside what the databases can store."""

from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter, Map

MAX_ID = 2**31 - 1  # INTEGER primary keys on PostgreSQL are 32-bit


class IdConverter(IntegerConverter):
    """`<int:x>` limited to what an id column holds: a larger number is a 404, not a 500."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def id_parameter_schema(_converter: IdConverter) -> dict[str, Any]:
    """Describe the converter in the OpenAPI document."""
    return {"type": "integer", "minimum": 0, "maximum": MAX_ID}
