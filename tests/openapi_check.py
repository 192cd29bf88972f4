"""Check real responses against the app's OpenAPI document (for tests with real data).

Schemathesis calls every operation, but with generated ids it mostly meets 404s; these
helpers check the answers of requests that found something. OpenAPI 3.0's `nullable`
is turned into JSON Schema's null type, then jsonschema validates.
"""

from __future__ import annotations

from typing import Any

import jsonschema
from flask.testing import FlaskClient

_SPEC: dict[str, Any] = {}


def _spec(client: FlaskClient) -> dict[str, Any]:
    if not _SPEC:
        _SPEC.update(client.get("/api/openapi.json").get_json())
    return _SPEC


def _json_schema(node: Any, components: dict[str, Any]) -> Any:
    """Resolve $refs and turn `nullable: true` into a null type, recursively."""
    if isinstance(node, list):
        return [_json_schema(item, components) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        return _json_schema(components[name], components)
    out = {k: _json_schema(v, components) for k, v in node.items() if k != "nullable"}
    if node.get("nullable"):
        if "type" in out:
            out["type"] = [out["type"], "null"]
        elif "allOf" in out:
            out = {"anyOf": [{"type": "null"}, out]}
    return out


def check_response(client: FlaskClient, method: str, template: str, resp: Any) -> None:
    """Fail unless `resp` matches what the OpenAPI document says for this operation."""
    spec = _spec(client)
    operation = spec["paths"][template][method.lower()]
    documented = operation["responses"].get(str(resp.status_code))
    assert documented is not None, f"{method} {template}: {resp.status_code} is not documented"
    content = documented.get("content", {}).get("application/json")
    if content is None:
        return
    schema = _json_schema(content["schema"], spec["components"]["schemas"])
    jsonschema.validate(resp.get_json(), schema)
