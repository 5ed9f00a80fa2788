"""Error handling: one JSON shape under /api/, one error page elsewhere, never a stack trace.

Services raise `ServiceError`s; they become their status here, so views need no try/except for
the expected failures. `Moved` (an old slug) becomes a 301 to the same endpoint with the new slug.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from cms.api.errors import error_response, service_error_response
from cms.services.errors import Moved, ServiceError

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 412: "precondition_failed",
    413: "payload_too_large", 415: "unsupported_media_type", 428: "precondition_required",
    429: "rate_limited", 500: "internal_error",
}

MESSAGES = {
    404: "There is nothing at this address.",
    405: "This address does not accept that method.",
    413: "The request body is larger than this server accepts.",
    429: "Too many requests; wait a little and try again.",
}


def wants_json() -> bool:
    """API paths answer errors in JSON; pages answer with an HTML error page."""
    return request.path.startswith("/api/")


def _respond(status: int, code: str, message: str, fields: dict[str, Any] | None = None) -> Any:
    if wants_json():
        return error_response(status, code, message, fields)
    return render_template("errors/error.html", status=status, message=message), status


def handle_http(error: HTTPException) -> Any:
    """Werkzeug's HTTP errors (404, 405, 413, 429...) in our shape, keeping their headers."""
    status = error.code or 500
    message = MESSAGES.get(status) or (error.description or "The request could not be handled.")
    response = _respond(status, HTTP_CODES.get(status, "http_error"), message)
    if status == 429 and wants_json():
        retry = getattr(error, "retry_after", None)
        if retry is not None:
            response.headers["Retry-After"] = str(int(retry))
    return response


def handle_csrf(error: CSRFError) -> Any:
    """A missing or wrong CSRF token: the form is refused, and nothing changed."""
    return _respond(400, "csrf_failed", "The form's security token is missing or expired; reload the page and try again.")


def handle_service(error: ServiceError) -> Any:
    """A service's expected failure, with its status, code and field messages."""
    if isinstance(error, Moved):
        return _moved(error.slug)
    if wants_json():
        return service_error_response(error)
    return _respond(error.status, error.code, error.message, error.fields)


def _moved(new_slug: str) -> Response:
    """301 to the same endpoint with the article reference replaced by its current slug."""
    args = dict(request.view_args or {})
    for key in ("article", "slug"):
        if key in args:
            args[key] = new_slug
    target = url_for(request.endpoint or "public.index", **args, **request.args.to_dict(flat=True))
    return redirect(target, code=301)


def handle_unexpected(error: Exception) -> Any:
    """A bug: log it with its trace, answer 500 without details."""
    if isinstance(error, HTTPException):
        return handle_http(error)
    log.exception("unhandled error on %s %s", request.method, request.path)
    return _respond(500, "internal_error", "Something went wrong on our side; it has been logged.")


def register_error_handlers(app: Flask) -> None:
    """Install the handlers on `app`."""
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(ServiceError, handle_service)
    app.register_error_handler(Exception, handle_unexpected)
