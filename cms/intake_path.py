"""A reader's comment posted to the API, taken in before Flask's request machinery.

Intake's own work (validate, insert, commit) costs about 170 microseconds in-process on SQLite.
Flask's request context, session, CSRF rule, Flask-Limiter's two checks and the after-request
hooks around it cost as much again, for a request with no session, no form
and nothing personal to answer. So this WSGI middleware takes such a POST in itself, with the
same services in an app context of its own, and answers with exactly Flask's bytes (the tests
compare the two). It answers only:

- a POST to `/api/v1/articles/<id or slug>/comments` with no query string, no session cookie
  and no Authorization header (those go to Flask, which checks CSRF or the token);
- with `Content-Type: application/json`, a Content-Length within the configured body limit, and
  a body that parses as the API's comment object.

Anything else goes to Flask with the body intact, so Flask gives its own answer (400, 415...).
The rate limit is the same budget as Flask-Limiter's (`cms.limits`), taken once the body parses,
as Flask takes it before its view runs; a client over it goes to Flask, which answers the 429.
Then `comments.submit_to` stores the comment with one INSERT that finds the article itself. Once
the budget is taken, every refusal is answered here as Flask answers it (an unknown article's
404, an old slug's 301, a field's 400, a duplicate's 409, a body too long's 413), because passing
the request on would take the budget twice. Any other error before the commit is rolled back and
the request goes to Flask.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from flask import Flask, Response
from werkzeug.routing import MapAdapter
from werkzeug.utils import redirect

from cms.api.errors import service_error_response
from cms.api.parsing import BadInput, json_object, schema_instance
from cms.api.schemas import CommentCreate
from cms.extensions import db
from cms.limits import budget_headers, take_comment_budget
from cms.services import comments
from cms.services.articles import SLUG_RE
from cms.services.errors import Moved, ServiceError
from cms.web import SECURITY_HEADERS

log = logging.getLogger(__name__)

SLUG = SLUG_RE.pattern.removeprefix("^").removesuffix("$")  # the editors' slug grammar; ids are digits
COMMENTS = re.compile(rf"/api/v1/articles/({SLUG})/comments\Z")
Reply = tuple[str, list[tuple[str, str]], bytes]
Outcome = tuple["comments.ReceivedComment | Response", list[tuple[str, str]]]
StartResponse = Callable[..., Any]


class CommentIntakePath:
    """WSGI middleware in front of the Flask app (see the module docstring for when it answers)."""

    def __init__(self, app: Flask, wsgi_app: Callable[..., Iterable[bytes]]) -> None:
        self.app, self.wsgi_app = app, wsgi_app
        self._session_cookie = app.config["SESSION_COOKIE_NAME"] + "="
        self._max_body = app.config.get("MAX_CONTENT_LENGTH")
        self._schema = schema_instance(CommentCreate)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        ref = self._addressed(environ)
        if ref is None:
            return self.wsgi_app(environ, start_response)
        body = environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"]))
        environ["wsgi.input"] = io.BytesIO(body)  # Flask reads it again if the request goes on
        reply = self._reply(environ, ref, body)
        if reply is None:
            environ["wsgi.input"].seek(0)
            return self.wsgi_app(environ, start_response)
        status, headers, answer = reply
        start_response(status, headers)
        return [answer]

    def _addressed(self, environ: dict[str, Any]) -> str | None:
        """The article a plain anonymous JSON comment POST names; None for any other request."""
        if environ.get("REQUEST_METHOD") != "POST" or environ.get("QUERY_STRING") or environ.get("SCRIPT_NAME"):
            return None
        if "HTTP_AUTHORIZATION" in environ or self._session_cookie in environ.get("HTTP_COOKIE", ""):
            return None
        if environ.get("CONTENT_TYPE", "").partition(";")[0].strip().lower() != "application/json":
            return None
        length = environ.get("CONTENT_LENGTH", "")
        if not (length.isascii() and length.isdigit()) or "HTTP_TRANSFER_ENCODING" in environ:
            return None
        if self._max_body is not None and int(length) > self._max_body:
            return None
        match = COMMENTS.match(environ.get("PATH_INFO", ""))
        return match.group(1) if match else None

    def _reply(self, environ: dict[str, Any], ref: str, body: bytes) -> Reply | None:
        """The answer to a comment POST, or None to leave it to Flask (then nothing was stored)."""
        with self.app.app_context():
            try:
                outcome = self._take_in(environ, ref, body)
            except Exception:  # noqa: BLE001 - nothing was committed; Flask answers, or logs the fault
                log.debug("comment intake path fell through", exc_info=True)
                return None
            finally:
                if db.session.registry.has():  # a refusal read the article through the session
                    db.session.remove()
            if outcome is None:
                return None
            answer, limit_headers = outcome
            if isinstance(answer, comments.ReceivedComment):
                return self._accepted(environ, answer, limit_headers)
            return _as_reply(answer, limit_headers)

    def _take_in(self, environ: dict[str, Any], ref: str, body: bytes) -> Outcome | None:
        """The stored comment or a service's refusal, with the budget's headers; None leaves it to Flask."""
        try:
            data = json_object(body, self._schema)
        except BadInput:
            return None  # Flask gives the same refusal in its own words
        client = environ.get("REMOTE_ADDR") or "unknown"
        taken = take_comment_budget(client)
        if taken is not None and taken.breached:
            return None  # Flask answers the 429 (its own check finds the budget spent)
        limit_headers = budget_headers(taken) if taken is not None else []
        try:
            return comments.submit_to(ref, data, client), limit_headers  # the insert finds the article
        except Moved as moved:
            return self._moved(environ, moved), limit_headers
        except ServiceError as refused:
            return service_error_response(refused), limit_headers

    def _accepted(self, environ: dict[str, Any], comment: comments.ReceivedComment,
                  limit_headers: list[tuple[str, str]]) -> Reply:
        """The 202 the API view answers with (`jsonify`'s bytes and headers), without building a Response."""
        body = self._json({"id": comment.id, "status": comment.status})
        headers = [("Content-Type", self.app.json.mimetype), ("Content-Length", str(len(body))),
                   ("Location", self._comment_url(environ, comment.id))]
        return "202 ACCEPTED", _with_flask_headers(headers, limit_headers), body

    def _json(self, value: Any) -> bytes:
        """The body `jsonify(value)` writes: the app's JSON provider, compact unless debugging, and a newline."""
        provider = self.app.json
        compact = getattr(provider, "compact", None)
        pretty = (compact is None and self.app.debug) or compact is False
        return (provider.dumps(value, **({"indent": 2} if pretty else {"separators": (",", ":")})) + "\n").encode()

    def _moved(self, environ: dict[str, Any], moved: Moved) -> Response:
        """The 301 Flask answers for an article's old slug (`cms.errors`): the same POST at its new one."""
        adapter = self.app.url_map.bind_to_environ(environ)
        return redirect(adapter.build("api.post_comment", {"article": moved.slug}), code=301,
                        Response=self.app.response_class)

    def _comment_url(self, environ: dict[str, Any], comment_id: int) -> str:
        """`url_for("api.get_comment", ..., _external=True)` as Flask builds it for this request."""
        adapter = self._url_adapter(environ.get("wsgi.url_scheme"), environ.get("HTTP_HOST"),
                                    environ.get("SERVER_NAME"), environ.get("SERVER_PORT"))
        return adapter.build("api.get_comment", {"comment_id": comment_id}, force_external=True)

    @lru_cache(maxsize=32)  # noqa: B019 - one path per app, kept as long as the app
    def _url_adapter(self, scheme: str | None, host: str | None, server: str | None, port: str | None) -> MapAdapter:
        """The URL map bound to what an external URL is built from: most requests name one host."""
        environ = {"wsgi.url_scheme": scheme, "HTTP_HOST": host, "SERVER_NAME": server, "SERVER_PORT": port,
                   "SCRIPT_NAME": "", "PATH_INFO": "/", "REQUEST_METHOD": "GET", "QUERY_STRING": ""}
        return self.app.url_map.bind_to_environ({key: value for key, value in environ.items() if value is not None})


def _as_reply(response: Response, limit_headers: list[tuple[str, str]]) -> Reply:
    """A response as the WSGI reply Flask would send."""
    return response.status, _with_flask_headers(list(response.headers.items()), limit_headers), response.get_data()


def _with_flask_headers(headers: list[tuple[str, str]], limit_headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`headers` and those Flask's after-request hooks add: security, rate limit, `Vary: Cookie`."""
    return [*headers, *SECURITY_HEADERS, *limit_headers, ("Vary", "Cookie")]


def init_app(app: Flask) -> None:
    """Put the intake path in front of `app` when it is on."""
    if app.config["INTAKE_FAST_PATH"]:
        app.wsgi_app = CommentIntakePath(app, app.wsgi_app)  # type: ignore[method-assign]
