"""A reader's article page and public API read, answered from the render-once cache before Flask.

A first-time reader's page is the cached rendering with the visit line filled in: one indexed
query and a join of bytes, about 40 microseconds. Flask's request context, session, CSRF and
after-request hooks around it cost several times that, for a request that has no session, no
form and nothing to check. So this WSGI middleware answers such requests itself, but only when
its answer is byte for byte what Flask would send (the tests compare the two), and only from
what Flask has already rendered and cached:

- a GET with no query string, no session cookie and (for the API) no Authorization header;
- `/articles/<slug>` or `/api/v1/articles/<id or slug>` of a published article;
- whose rendering is in the page cache under the key Flask would use (a miss goes to Flask,
  which renders and caches it, so the next reader is served here).

Anything else, and any error at all, goes to Flask unchanged. Views are counted by the same
counter and policy as Flask's view. The row comes from a connection each thread keeps (in
autocommit mode, so it never holds a transaction open), on an engine of its own so that it
never takes a connection from the application's pool.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import NullPool
from werkzeug.http import parse_etags
from werkzeug.wrappers import Request

from cms.api.serializers import fill_public_body, public_body_key, public_etag
from cms.cache import EXTENSION as CACHE
from cms.public.article_page import fill_page, page_key, templates_fingerprint, visit_line_in
from cms.reader_rows import EXTENSION as READER_ROWS
from cms.services.articles import SLUG_RE
from cms.services.catalog import ReaderRow, read_reader_row
from cms.visits import EXTENSION as VISITS
from cms.visits.policy import is_a_readers_visit
from cms.web import SECURITY_HEADERS, sqlite_pragmas

log = logging.getLogger(__name__)

SLUG = SLUG_RE.pattern.removeprefix("^").removesuffix("$")  # the editors' slug grammar; ids are digits
PAGE = re.compile(rf"/articles/({SLUG})\Z")
API = re.compile(rf"/api/v1/articles/({SLUG})\Z")
Reply = tuple[str, list[tuple[str, str]], bytes]
StartResponse = Callable[..., Any]
MAX_KEPT_ROWS = 4096  # per thread, on SQLite: more articles than this between two commits start again


class ReaderFastPath:
    """WSGI middleware in front of the Flask app (see the module docstring for when it answers)."""

    def __init__(self, app: Flask, wsgi_app: Callable[..., Iterable[bytes]]) -> None:
        self.app, self.wsgi_app = app, wsgi_app
        self._session_cookie = app.config["SESSION_COOKIE_NAME"] + "="
        self._zone = ZoneInfo(app.config["TIMEZONE"])
        self._local = threading.local()
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if self._may_answer(environ):
            try:
                reply = self._reply(environ)
            except Exception:  # noqa: BLE001 - any doubt is Flask's to answer
                log.debug("fast path fell through", exc_info=True)
                self._drop_connection()
                reply = None
            if reply is not None:
                status, headers, body = reply
                start_response(status, headers)
                return [body]
        return self.wsgi_app(environ, start_response)

    def _may_answer(self, environ: dict[str, Any]) -> bool:
        """A GET with nothing that could make Flask's answer personal or different."""
        return (environ.get("REQUEST_METHOD") == "GET" and not environ.get("QUERY_STRING")
                and self._session_cookie not in environ.get("HTTP_COOKIE", "")
                and environ.get("SCRIPT_NAME", "") == "")

    def _reply(self, environ: dict[str, Any]) -> Reply | None:
        path = environ.get("PATH_INFO", "")
        if match := PAGE.match(path):
            return self._page(environ, match.group(1))
        if (match := API.match(path)) and "HTTP_AUTHORIZATION" not in environ:
            return self._api(environ, match.group(1))
        return None

    def _page(self, environ: dict[str, Any], slug: str) -> Reply | None:
        row = self._public_row(slug)
        if row is None:
            return None
        shared = self.app.extensions[CACHE].get(page_key(row, None, _host_url(environ)))
        if shared is None:
            return None
        body = fill_page(shared, "", "", visit_line_in(self.app.jinja_env, row.visits.total, row.visits.today))
        counter = self.app.extensions.get(VISITS)
        if counter is not None and is_a_readers_visit(environ):
            counter.record(row.id)
        return "200 OK", _headers(("Content-Type", "text/html; charset=utf-8"),
                                  ("Content-Length", str(len(body)))), body

    def _api(self, environ: dict[str, Any], ref: str) -> Reply | None:
        row = self._public_row(ref)
        if row is None:
            return None
        etag = public_etag(row)
        if parse_etags(environ.get("HTTP_IF_NONE_MATCH")).contains(etag):
            return "304 NOT MODIFIED", _headers(("ETag", f'"{etag}"'), ("Cache-Control", "no-cache")), b""
        cached = self.app.extensions[CACHE].get(public_body_key(row, _host_url(environ)))
        if cached is None:
            return None
        body = fill_public_body(cached, row.visits)
        return "200 OK", _headers(("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                                  ("ETag", f'"{etag}"'), ("Cache-Control", "no-cache")), body

    def _public_row(self, ref: str) -> ReaderRow | None:
        """The article's reader row if it is published; None sends the request to Flask.

        A kept row when one is known to be fresh: on SQLite this thread's (`SQLiteRows`), with
        Redis this process's (`cms.reader_rows`); otherwise the query.
        """
        day = datetime.now(self._zone).date()
        if (thread_rows := self._sqlite_rows()) is not None:
            found = thread_rows.get(ref, day)
        elif (kept := self.app.extensions.get(READER_ROWS)) is not None:
            found = kept.get(ref, day, lambda: read_reader_row(self._connection(), ref, day))
        else:
            found = read_reader_row(self._connection(), ref, day)
        return found if found is not None and found.is_public else None

    def _connection(self) -> Connection:
        """This thread's connection, opened on first use (and again in a forked child)."""
        held = getattr(self._local, "held", None)
        if held is not None and held[0] == os.getpid():
            return held[1]
        connection = self.engine().connect()
        self._local.held = (os.getpid(), connection)
        self._local.rows = SQLiteRows(connection) if connection.dialect.name == "sqlite" else None
        return connection

    def _sqlite_rows(self) -> SQLiteRows | None:
        """This thread's kept rows on SQLite (None on other databases), made with its connection."""
        self._connection()  # opens the connection, and the rows with it, on first use
        return self._local.rows  # type: ignore[no-any-return]

    def _drop_connection(self) -> None:
        """Forget this thread's connection after an error (the next request opens a new one)."""
        held = getattr(self._local, "held", None)
        self._local.held = None
        if held is not None and held[0] == os.getpid():
            try:
                held[1].close()
            except Exception:  # noqa: BLE001 - it is being thrown away
                log.debug("closing a broken fast-path connection failed", exc_info=True)

    def engine(self) -> Engine:
        """The fast path's engine, made on first use (tests count its statements)."""
        with self._engine_lock:
            if self._engine is None:
                self._engine = reader_engine(self.app)
            return self._engine


class SQLiteRows:
    """One thread's reader rows on SQLite, kept while no other connection has committed anything.

    `PRAGMA data_version` changes whenever any other connection (another thread, web process or
    the worker) commits to the database, and never for this connection, which only reads. So a
    row kept since the number last changed is exactly what the query would return, for a check of
    about 1.5 microseconds instead of a query through SQLAlchemy of about 28.
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        self._version: int | None = None
        self._rows: dict[tuple[str, date], ReaderRow | None] = {}

    def get(self, ref: str, day: date) -> ReaderRow | None:
        """The row of `ref` on `day`, read again only if the database changed since it was kept."""
        version = self._cursor.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._rows.clear()
            self._version = version
        key = (ref, day)
        if key not in self._rows:
            if len(self._rows) >= MAX_KEPT_ROWS:
                self._rows.clear()
            self._rows[key] = read_reader_row(self._connection, ref, day)
        return self._rows[key]


def reader_engine(app: Flask) -> Engine:
    """An engine for the readers' query alone: no pool (each thread keeps one connection), autocommit."""
    from cms.extensions import db

    with app.app_context():
        url = db.engine.url
    engine = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", sqlite_pragmas)
    return engine


def _host_url(environ: dict[str, Any]) -> str:
    """`request.host_url` exactly as Flask computes it for this request (werkzeug's, memoized)."""
    return _host_url_of(environ["wsgi.url_scheme"], environ.get("HTTP_HOST"), environ.get("SERVER_NAME"),
                        environ.get("SERVER_PORT"))


@lru_cache(maxsize=256)
def _host_url_of(scheme: str, host: str | None, server_name: str | None, server_port: str | None) -> str:
    """What werkzeug makes of these four (the only parts of the environ `host_url` reads, with no script root)."""
    environ = {"wsgi.url_scheme": scheme, "SERVER_NAME": server_name, "SERVER_PORT": server_port,
               "REQUEST_METHOD": "GET", "SCRIPT_NAME": "", "PATH_INFO": "/"}
    if host is not None:
        environ["HTTP_HOST"] = host
    return Request(environ).host_url


def _headers(*specific: tuple[str, str]) -> list[tuple[str, str]]:
    """The headers Flask sends with the same answer: its own, the security headers, `Vary: Cookie`."""
    return [*specific, *SECURITY_HEADERS, ("Vary", "Cookie")]


def init_app(app: Flask) -> None:
    """Put the fast path in front of `app` when it is on and the database is not in-memory SQLite."""
    from cms.extensions import db

    if not app.config["READER_FAST_PATH"]:
        return
    with app.app_context():
        url = db.engine.url
        templates_fingerprint()  # part of every page key; computed here, where there is an app context
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return
    app.wsgi_app = ReaderFastPath(app, app.wsgi_app)  # type: ignore[method-assign]
