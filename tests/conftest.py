"""Shared fixtures: one application per test session on a freshly migrated database, a clean
slate for every test, clients logged in by role, and a real Celery worker when a test needs one.

The suite runs on SQLite and the SQLite broker by default. CI's second run points it at
PostgreSQL and Redis with CMS_TEST_DATABASE_URL, CMS_TEST_BROKER_URL and CMS_TEST_REDIS_URL
(separate names from the app's own, so a test run can never wipe a real database).

Each test starts from empty tables (rows are deleted after every test) rather than rolling back
a transaction: a real worker process and a live server thread must see what the test committed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from cms import create_app
from cms.extensions import db as _db
from cms.extensions import limiter
from cms.models import Role, User
from cms.services import users
from tests import factories

TEST_DATABASE_URL = os.environ.get("CMS_TEST_DATABASE_URL")
TEST_BROKER_URL = os.environ.get("CMS_TEST_BROKER_URL")
TEST_REDIS_URL = os.environ.get("CMS_TEST_REDIS_URL")


def test_settings(instance: Path) -> dict[str, Any]:
    """The configuration every process of a test session shares (the app, workers, live servers)."""
    return {
        "CMS_ENV": "testing",
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL or f"sqlite:///{instance / 'test.sqlite3'}",
        "BROKER_URL": TEST_BROKER_URL or f"sqla+sqlite:///{instance / 'broker.sqlite3'}",
        "REDIS_URL": TEST_REDIS_URL,
        "PUBLISH_CHECK_SECONDS": 1.0,
        "VISIT_FLUSH_SECONDS": 0.0,  # tests flush counted views themselves (tests/visits_support.py)
    }


def settings_as_environment(settings: dict[str, Any]) -> dict[str, str]:
    """The same configuration as CMS_* variables, for subprocesses (workers, gunicorn)."""
    names = {"INSTANCE_PATH": "CMS_INSTANCE_PATH", "SECRET_KEY": "CMS_SECRET_KEY",
             "SQLALCHEMY_DATABASE_URI": "CMS_DATABASE_URL", "BROKER_URL": "CMS_BROKER_URL",
             "REDIS_URL": "CMS_REDIS_URL", "PUBLISH_CHECK_SECONDS": "CMS_PUBLISH_CHECK_SECONDS",
             "CMS_ENV": "CMS_ENV"}
    return {names[key]: str(value) for key, value in settings.items() if key in names and value is not None}


def _reset_schema(app: Flask) -> None:
    """Drop whatever a previous run left, then build the schema with the real migrations."""
    from flask_migrate import upgrade

    with app.app_context():
        engine = _db.engine
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        if engine.dialect.name == "sqlite":
            Path(engine.url.database).unlink(missing_ok=True)
            engine.dispose()
        upgrade()


@pytest.fixture(scope="session")
def instance_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("instance")


@pytest.fixture(scope="session")
def settings(instance_dir: Path) -> dict[str, Any]:
    return test_settings(instance_dir)


@pytest.fixture(scope="session")
def app(settings: dict[str, Any]) -> Iterator[Flask]:
    """The application, on a database migrated from scratch for this session."""
    application = create_app(settings)
    _reset_schema(application)
    if TEST_BROKER_URL and TEST_BROKER_URL.startswith("redis"):
        import redis

        redis.Redis.from_url(TEST_BROKER_URL).flushdb()
    from tests.visits_support import reset_visits

    reset_visits(application)  # a shared Redis may still hold views from an earlier, aborted run
    application.extensions.setdefault("cms_test_cleanups", []).append(lambda: reset_visits(application))
    application.extensions["cms_test_cleanups"].append(application.extensions["cms_page_cache"].clear)
    if "cms_reader_rows" in application.extensions:  # emptied tables change rows behind the hooks' back
        application.extensions["cms_test_cleanups"].append(application.extensions["cms_reader_rows"].changed)
    yield application
    with application.app_context():
        _db.engine.dispose()  # close pooled connections before the interpreter collects them


@pytest.fixture(autouse=True)
def db(app: Flask) -> Iterator[Any]:
    """An app context per test, and empty tables, rate limits and caches afterwards."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        _empty_tables()
        limiter.reset()
        for cleanup in app.extensions.get("cms_test_cleanups", []):
            cleanup()
    factories.reset_sequences()


def _empty_tables() -> None:
    with _db.engine.begin() as connection:
        for table in reversed(_db.metadata.sorted_tables):
            connection.execute(table.delete())
    _db.session.remove()


class IsolatedClient(FlaskClient):
    """A test client whose every request gets its own application context, as in production.

    Flask reuses an app context that is already pushed (the test's own), which would share `g`
    (and Flask-Login's cached user) between requests; afterwards the test's session is expired
    so it reads what the request committed.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        _db.session.expire_all()
        return response


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture()
def make_app(app: Flask, settings: dict[str, Any]) -> Iterator[Callable[..., Flask]]:
    """Another application on the same database with some settings changed; closed after the test."""
    made: list[Flask] = []

    def make(**overrides: Any) -> Flask:
        made.append(create_app(settings | overrides))
        return made[-1]

    yield make
    for other in made:
        with other.app_context():
            _db.engine.dispose()
    app.extensions["celery"].set_default()  # create_app made the other's Celery app the default


@pytest.fixture()
def make_user() -> Callable[..., User]:
    return factories.user


@pytest.fixture()
def login_as(client: FlaskClient) -> Callable[[Role | str], User]:
    """Log the test client in through the real login form as a new user with `role`."""

    def login(role: Role | str) -> User:
        user = factories.user(role=role)
        client.get("/login")
        response = client.post("/login", data={
            "username": user.username, "password": factories.PASSWORD, "csrf_token": csrf_token(client),
        })
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return login


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    """The CSRF token a page gives this client: its meta tag, or, where a cached article page has
    none for a new reader, what the comment form's script fetches from the page's token URL."""
    import re

    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf-token" content="([^"]*)"', page)
    assert match, f"no CSRF token field on {path}"
    if match.group(1):
        return match.group(1)
    token_url = re.search(r'data-token-url="([^"]+)"', page)
    assert token_url, f"an empty CSRF token and no token URL on {path}"
    return client.get(token_url.group(1)).json["csrf_token"]


@pytest.fixture()
def api_headers() -> Callable[[Role | str | None], dict[str, str]]:
    """Headers for an API call as a new user with `role` (None: anonymous)."""

    def headers(role: Role | str | None) -> dict[str, str]:
        if role is None:
            return {}
        issued = users.issue_token(factories.user(role=role))
        return {"Authorization": f"Bearer {issued.secret}"}

    return headers


@pytest.fixture()
def start_worker(app: Flask, settings: dict[str, Any], instance_dir: Path) -> Iterator[Callable[..., Any]]:
    """Start real Celery workers for this test (stopped at its end); returns them once ready."""
    from tests.support import LiveWorker

    started: list[LiveWorker] = []
    app.extensions["celery"].control.purge()  # tasks a previous test left queued would delay this one

    def start(**options: Any) -> LiveWorker:
        worker = LiveWorker(settings_as_environment(settings), instance_dir, **options)
        started.append(worker)
        return worker.wait_ready()

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[Any]:
    """The application on a real port, for Playwright and concurrent clients."""
    from tests.support import LiveServer

    server = LiveServer(app).start()
    yield server
    server.stop()
