"""Zelf aan het Werk: the Flask API and the host of the PWA."""

from __future__ import annotations

from typing import Any

from flask import Flask, Request
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.middleware.proxy_fix import ProxyFix

from backend import db, security_headers, webapp
from backend.config import load_settings
from backend.errors import register_error_handlers
from backend.extensions import api, compress, huey, jwt, limiter
from backend.notifications import sender
from backend.url_converters import IdConverter, id_parameter_schema


class NoSessions(SessionInterface):
    """The API keeps no Flask session (tokens carry the login): skip it on every request."""

    def open_session(self, app: Flask, request: Request) -> SessionMixin | None:
        return self.make_null_session(app)

    def save_session(self, app: Flask, session: SessionMixin, response: Any) -> None:
        return None


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings from the environment, then `config` on top."""
    settings = load_settings()
    if config:
        settings.update(config)
    app = Flask(__name__, instance_path=settings["INSTANCE_PATH"], static_folder=None)
    app.config.update(settings)
    app.session_interface = NoSessions()
    # Before any route is added: every <int:...> in a path becomes a bounded id.
    app.url_map.converters["int"] = IdConverter

    db.configure(app.config["DATABASE_URL"])
    sender.configure(
        sender.PushSettings(
            vapid_private_key=app.config["VAPID_PRIVATE_KEY"],
            vapid_subject=app.config["VAPID_SUBJECT"],
            allowed_hosts=tuple(app.config["PUSH_ALLOWED_HOSTS"]),
            require_https=bool(app.config["PUSH_REQUIRE_HTTPS"]),
            timeout=float(app.config["PUSH_TIMEOUT_SECONDS"]),
            concurrency=int(app.config["PUSH_CONCURRENCY"]),
        )
    )
    huey.immediate = bool(app.config["HUEY_IMMEDIATE"])

    api.init_app(app)
    api.register_converter(IdConverter, id_parameter_schema)
    jwt.init_app(app)
    limiter.init_app(app)
    compress.init_app(app)
    register_error_handlers(app)
    security_headers.init_app(app)

    from backend.accounts import auth
    from backend.accounts.routes import blp as accounts_blp
    from backend.accounts.routes import org_blp
    from backend.insights.routes import blp as insights_blp
    from backend.learning.routes import blp as learning_blp
    from backend.matching.routes import blp as matching_blp
    from backend.notifications.routes import blp as notifications_blp
    from backend.notifications.routes import checkin_blp, push_blp
    from backend.open_hiring.routes import blp as open_hiring_blp
    from backend.selfie.routes import blp as selfie_blp
    from backend.selfie.routes import me_blp, profiles_blp
    from backend.system.routes import blp as system_blp
    from backend.system.routes import docs
    from backend.taxonomy.routes import blp as taxonomy_blp
    from backend.vacancies import pages as vacancy_pages
    from backend.vacancies.routes import blp as vacancies_blp

    auth.init_app(app)
    for blp in (
        system_blp,
        accounts_blp,
        org_blp,
        taxonomy_blp,
        selfie_blp,
        profiles_blp,
        me_blp,
        vacancies_blp,
        open_hiring_blp,
        matching_blp,
        learning_blp,
        notifications_blp,
        push_blp,
        checkin_blp,
        insights_blp,
    ):
        api.register_blueprint(blp)
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    )
    api.spec.components.security_scheme(
        "cookieAuth",
        {"type": "apiKey", "in": "cookie", "name": app.config["JWT_ACCESS_COOKIE_NAME"]},
    )
    app.register_blueprint(docs)
    # Public vacancy pages (/vacatures/<id>) before the PWA's catch-all route.
    app.register_blueprint(vacancy_pages.bp)

    from backend import cli

    cli.init_app(app)

    @app.teardown_appcontext
    def remove_session(_exc: BaseException | None) -> None:
        db.Session.remove()

    webapp.init_app(app)
    if app.config["TRUSTED_PROXIES"]:
        hops = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    return app
