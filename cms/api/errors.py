"""The API's one error shape: `{"error": {"code", "message", "fields"}}`."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from cms.services.errors import ServiceError


def error_response(status: int, code: str, message: str, fields: dict[str, Any] | None = None) -> Response:
    """A JSON error response with a snake_case code and a sentence a person can act on."""
    response = jsonify({"error": {"code": code, "message": message, "fields": fields or {}}})
    response.status_code = status
    return response


def service_error_response(error: ServiceError) -> Response:
    """A service's expected failure in the API's shape; a stale-write failure names the latest ETag."""
    response = error_response(error.status, error.code, error.message, error.fields)
    if hasattr(error, "latest"):
        response.headers["ETag"] = f'"{error.latest}"'
    return response
