"""A headless CMS with a moderation workflow.

`create_app()` is the only place with side effects: it reads the configuration, binds the
extensions, registers the blueprints (`public`, `admin`, `auth`, `api`), the error handlers,
the security headers and the CLI, and binds the Celery app. The packages:

- `cms.models`: the data, one module per aggregate;
- `cms.services`: every change to the data (permission check, write, audit, after-commit work);
- `cms.api`, `cms.public`, `cms.admin`, `cms.auth`: thin views over the services;
- `cms.sanitize`: the one module that imports bleach; `cms.rendering`: Markdown through it;
- `cms.queue`: the Celery app and enqueue-after-commit. Task code lives in `workers/`;
- `cms.visits`: counting article views into a buffer that a background thread flushes to a task.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import PROJECT_ROOT, ensure_secret_key, load_config


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build a configured application; `overrides` replace settings (tests use it)."""
    config = load_config(overrides)
    Path(config["INSTANCE_PATH"]).mkdir(parents=True, exist_ok=True)
    ensure_secret_key(config)
    app = Flask(
        __name__,
        instance_path=config["INSTANCE_PATH"],
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_mapping(config)
    from cms import fast_path, intake_path, reader_rows, visits, web
    from cms.cli import register_cli
    from cms.errors import register_error_handlers
    from cms.queue import celery_init_app, register_session_hooks

    web.init_extensions(app)
    web.register_blueprints(app)
    register_error_handlers(app)
    web.register_security_headers(app)
    web.register_template_helpers(app)
    register_cli(app)
    celery_init_app(app)
    register_session_hooks()
    visits.init_app(app)
    reader_rows.init_app(app)
    intake_path.init_app(app)  # behind the readers' fast path, which passes every POST on at once
    fast_path.init_app(app)
    if app.config["TRUSTED_PROXIES"]:  # outermost, so the fast path sees the client's scheme and host
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    return app
