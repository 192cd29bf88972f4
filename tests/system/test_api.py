"""Health, the one error body, security headers, OpenAPI and the API docs page."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import brotli
import pytest
from flask import Flask
from flask.testing import FlaskClient

from backend.system import service as system


def test_health_reports_database_and_queue(client: FlaskClient) -> None:
    resp = client.get("/api/v1/health")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["database"]["dialect"] in {"sqlite", "postgresql"}
    assert body["queue"]["ok"] is True
    assert body["queue"]["backend"] == "immediate"


def test_health_is_503_when_the_database_fails(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> dict[str, Any]:
        return {"ok": False, "error": "OperationalError"}

    monkeypatch.setattr(system, "check_database", broken)
    resp = client.get("/api/v1/health")
    assert resp.status_code == 503
    body = resp.get_json()
    assert body["code"] == "unavailable"
    assert body["database"] == {"ok": False, "error": "OperationalError"}


def test_worker_heartbeat_shows_in_health(client: FlaskClient) -> None:
    system.record_worker_heartbeat()
    queue = client.get("/api/v1/health").get_json()["queue"]
    assert queue["worker_alive"] is True
    assert queue["worker_last_seen"] is not None


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/v1/does-not-exist", 404),
        ("delete", "/api/v1/health", 405),
        ("post", "/api/v1/auth/login", 422),
    ],
)
def test_errors_share_one_json_body(
    client: FlaskClient, method: str, path: str, status: int
) -> None:
    resp = getattr(client, method)(path, json={})
    assert resp.status_code == status
    assert resp.mimetype == "application/json"
    body = resp.get_json()
    assert set(body) <= {"code", "message", "errors"}
    assert isinstance(body["code"], str) and isinstance(body["message"], str)


def test_malformed_json_is_a_4xx(client: FlaskClient) -> None:
    resp = client.post(
        "/api/v1/auth/login", data="{not json", headers={"Content-Type": "application/json"}
    )
    assert 400 <= resp.status_code < 500
    assert "code" in resp.get_json()


def test_oversized_body_is_413(client: FlaskClient) -> None:
    resp = client.post(
        "/api/v1/auth/login",
        data=b"x" * (3 * 1024 * 1024),
        headers={"Content-Type": "application/json"},
    )
    assert resp.status_code == 413
    assert resp.get_json()["code"] == "payload_too_large"


def test_security_headers_on_every_response(client: FlaskClient) -> None:
    for path in ("/api/v1/health", "/api/v1/nope", "/api/openapi.json"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert headers["Strict-Transport-Security"].startswith("max-age=")


def test_no_hsts_over_plain_http(app: Flask) -> None:
    resp = app.test_client().get("/api/v1/health", base_url="http://localhost")
    assert "Strict-Transport-Security" not in resp.headers
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_openapi_documents_every_error(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert "Error" in spec["components"]["schemas"]
    default = spec["components"]["responses"]["DEFAULT_ERROR"]
    assert default["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    for path, item in spec["paths"].items():
        assert path.startswith("/api/v1/")
        for method, op in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            where = f"{method} {path}"
            assert op.get("summary"), f"{where} has no docstring"
            assert "default" in op["responses"], f"{where} has no default error response"
            for code, response in op["responses"].items():
                if code[0] in "45" and "content" in response:
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    # Error, or an error body with more members (SectionConflictError: the
                    # 412 of a selfie write carries the server's copy), or Health's 503.
                    name = ref.rsplit("/", 1)[1]
                    assert name.endswith("Error") or name == "Health", f"{where} {code}: {ref}"
                    if name not in ("Error", "Health"):
                        props = spec["components"]["schemas"][name]["properties"]
                        assert {"code", "message"} <= set(props), f"{where} {code}: {ref}"


def test_api_docs_are_served_from_local_files(client: FlaskClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "http://" not in html and "https://" not in html
    assert "<script>" not in html  # no inline script
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "init.js"):
        resp = client.get(f"/api/docs/static/{asset}")
        assert resp.status_code == 200, asset
        assert len(resp.get_data()) > 100
    assert client.get("/api/docs/static/../../backend/config.py").status_code == 404
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]


class TestPwaHosting:
    @pytest.fixture
    def dist(self, app: Flask, tmp_path: Path) -> Any:
        (tmp_path / "assets").mkdir()
        (tmp_path / "index.html").write_text("<!doctype html><title>app</title>")
        (tmp_path / "sw.js").write_text("self.addEventListener('fetch', () => {})")
        (tmp_path / "manifest.webmanifest").write_text("{}")
        (tmp_path / "assets" / "index-3f2a1b.js").write_text("console.log(1)")
        (tmp_path / "icon-192.png").write_bytes(b"\x89PNG")
        old = app.config["PWA_DIST"]
        app.config["PWA_DIST"] = str(tmp_path)
        yield tmp_path
        app.config["PWA_DIST"] = old

    def test_cache_headers(self, client: FlaskClient, dist: Path) -> None:
        assert client.get("/").headers["Cache-Control"] == "no-cache"
        assert client.get("/sw.js").headers["Cache-Control"] == "no-cache"
        assert client.get("/manifest.webmanifest").headers["Cache-Control"] == "no-cache"
        hashed = client.get("/assets/index-3f2a1b.js")
        assert hashed.status_code == 200
        assert "immutable" in hashed.headers["Cache-Control"]
        assert "max-age=31536000" in hashed.headers["Cache-Control"]

    def test_client_routes_get_the_shell_and_missing_files_404(
        self, client: FlaskClient, dist: Path
    ) -> None:
        route = client.get("/selfie/basics")
        assert route.status_code == 200
        assert b"<title>app</title>" in route.get_data()
        assert client.get("/assets/missing-123.js").status_code == 404
        assert client.get("/api/v1/unknown").get_json()["code"] == "not_found"
        assert client.get("/../pyproject.toml").status_code == 404

    def test_precompressed_copies_go_to_browsers_that_accept_them(
        self, client: FlaskClient, dist: Path
    ) -> None:
        source = b"export const words = '" + b"vaardigheden " * 500 + b"';"
        (dist / "assets" / "big-1a2b3c.js").write_bytes(source)
        (dist / "assets" / "big-1a2b3c.js.br").write_bytes(brotli.compress(source))
        (dist / "assets" / "big-1a2b3c.js.gz").write_bytes(gzip.compress(source))
        url = "/assets/big-1a2b3c.js"

        br = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
        assert br.headers["Content-Encoding"] == "br"
        assert br.mimetype == "text/javascript"
        assert "Accept-Encoding" in br.headers["Vary"]
        assert "immutable" in br.headers["Cache-Control"]
        assert brotli.decompress(br.get_data()) == source

        gz = client.get(url, headers={"Accept-Encoding": "gzip;q=1.0, br;q=0"})
        assert gz.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(gz.get_data()) == source

        plain = client.get(url)
        assert "Content-Encoding" not in plain.headers
        assert plain.get_data() == source
        # A file without compressed copies is sent as it is.
        small = client.get("/sw.js", headers={"Accept-Encoding": "br, gzip"})
        assert "Content-Encoding" not in small.headers
        assert small.headers["Cache-Control"] == "no-cache"
