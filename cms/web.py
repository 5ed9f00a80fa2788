"""Wiring used by the factory: extensions, blueprints, security headers, template helpers."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, current_app, get_flashed_messages, request, session
from markupsafe import Markup
from sqlalchemy import event

from cms import pool_ping
from cms.extensions import csrf, db, limiter, login_manager, migrate
from config import PROJECT_ROOT

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' https:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
])
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
)


def init_extensions(app: Flask) -> None:
    """Bind the extensions and the per-request CSRF rule to `app`."""
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    from cms import limits

    limits.register()
    login_manager.init_app(app)
    from cms import cache
    from cms.auth import loaders

    cache.init_app(app)

    loaders.register(login_manager)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            require_sqlite_features()
            event.listen(db.engine, "connect", sqlite_pragmas)
        else:
            pool_ping.ping_idle_connections(db.engine)
    app.before_request(_csrf_for_cookie_sessions)


# Intake's insert and the pipeline's claim hand back their rows with RETURNING (SQLite 3.35, 2021);
# the pipeline's finish reads the ids it moved as a JSON array (SQLite's JSON functions, built in
# since 3.38 and compiled into nearly every earlier build).
SQLITE_RETURNING = (3, 35, 0)


def require_sqlite_features() -> None:
    """Stop at start-up, saying why, on a SQLite without RETURNING or JSON functions (not at the first comment)."""
    if sqlite3.sqlite_version_info < SQLITE_RETURNING:
        raise RuntimeError(f"This Python's SQLite is {sqlite3.sqlite_version}; the CMS needs 3.35 or newer "
                           "(for RETURNING). Use a newer Python build, or PostgreSQL.")
    probe = sqlite3.connect(":memory:")  # the library every connection uses, with no file opened
    try:
        probe.execute("SELECT json_extract(value, '$') FROM json_each('[1]')")
    except sqlite3.OperationalError:
        raise RuntimeError(f"This Python's SQLite ({sqlite3.sqlite_version}) was built without its JSON functions, "
                           "which the CMS needs. Use a newer Python build, or PostgreSQL.") from None
    finally:
        probe.close()


# SQLite copies the write-ahead log back into the database (and syncs both) from inside whichever
# commit takes the log past this many pages. Every comment rewrites the same few index pages, so
# a checkpoint every 10,000 pages (40 MB at most) copies each hot page once where the default 1,000
# copied it ten times: 4-5% more comment POSTs per second in `make bench`, 9% less time per POST
# in `python -m bench.intake`.
WAL_AUTOCHECKPOINT_PAGES = 10_000


def sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers and one writer work at once; foreign keys are off by default in SQLite."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")
    cursor.close()


def _csrf_for_cookie_sessions() -> None:
    """Every form is checked; API calls are checked when they ride on a logged-in session cookie.

    Bearer-token and anonymous API calls carry no ambient credential a forged cross-site request
    could borrow (and the API takes only application/json, which a cross-site form cannot send).
    """
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return
    if request.blueprint == "api" or request.path.startswith("/api/"):
        if request.authorization is not None or "_user_id" not in session:
            return
    csrf.protect()


def register_blueprints(app: Flask) -> None:
    """Mount the reader pages, the staff pages, the login pages and the JSON API."""
    from cms.admin import bp as admin_bp
    from cms.api import bp as api_bp
    from cms.auth import bp as auth_bp
    from cms.public import bp as public_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(api_bp, url_prefix="/api/v1")


def register_security_headers(app: Flask) -> None:
    """Send a CSP without inline script, and the usual hardening headers, on every response."""

    @app.after_request
    def security_headers(response: Any) -> Any:
        for name, value in SECURITY_HEADERS:
            response.headers.setdefault(name, value)
        return response


def site_timezone() -> ZoneInfo:
    """The configured IANA zone of the site."""
    return ZoneInfo(current_app.config["TIMEZONE"])


def register_template_helpers(app: Flask) -> None:
    """Filters for showing times in the site's zone and numbers with thousands separators."""

    @app.template_filter("localtime")
    def localtime(value: datetime | None, fmt: str = "%d %B %Y, %H:%M") -> str:
        return value.astimezone(site_timezone()).strftime(fmt) if value else ""

    @app.template_filter("thousands")
    def thousands(value: int) -> str:
        return f"{value:,}"

    @app.context_processor
    def site() -> dict[str, Any]:
        return {"site_name": current_app.config["SITE_NAME"], "flashes": render_flashes}


def render_flashes() -> Markup:
    """This visitor's pending messages as HTML (called by the page, or filled into a cached page)."""
    messages = get_flashed_messages(with_categories=True)
    if not messages:
        return Markup("")
    return Markup(current_app.jinja_env.get_template("_flashes.html").render(messages=messages))
