"""Reading API input strictly: JSON objects only, UTF-8 only, listed fields only, right types only.

Anything else is a 4xx `BadInput` with a message that says what was wrong; nothing has been
changed when it is raised, because parsing happens before any service is called.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from functools import lru_cache
from typing import Any

from flask import request
from marshmallow import Schema, ValidationError

from cms.services.errors import PreconditionRequired, ServiceError


class BadInput(ServiceError):
    """Input the API cannot use; `code` says which kind of bad."""

    status = 400

    def __init__(self, code: str, message: str, fields: dict[str, Any] | None = None, status: int = 400) -> None:
        super().__init__(message, fields=fields)
        self.code = code
        self.status = status


def json_body(schema: Schema | type[Schema], *, optional: bool = False) -> dict[str, Any]:
    """The request body as a validated dict; `optional` accepts an empty body as `{}`.

    Given a schema class, one instance of it serves every request (building one copies each of
    its fields, which cost as much as the rest of a comment's intake in Flask).
    """
    if isinstance(schema, type):
        schema = schema_instance(schema)
    raw = request.get_data(cache=True)
    if not raw.strip() and optional:
        return schema.load({})
    if not request.mimetype or request.mimetype != "application/json":
        raise BadInput("unsupported_media_type", "Send the body as JSON with Content-Type: application/json.",
                       status=415)
    return json_object(raw, schema)


def json_object(raw: bytes, schema: Schema) -> dict[str, Any]:
    """A JSON body already known to be `application/json`, decoded and validated (also used by `cms.intake_path`)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadInput("invalid_encoding", f"The body is not valid UTF-8 (byte {error.start}).") from None
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        detail = f" ({error.msg} at line {error.lineno}, column {error.colno})" if isinstance(error, json.JSONDecodeError) else ""
        raise BadInput("invalid_json", f"The body is not valid JSON{detail}.") from None
    if not isinstance(data, dict):
        raise BadInput("invalid_json", "The body must be a JSON object.")
    return load(schema, data)


@lru_cache(maxsize=None)
def schema_instance(schema_class: type[Schema]) -> Schema:
    """The shared instance of a schema class (loading keeps no state on the instance)."""
    return schema_class()


def load(schema: Schema, data: Any) -> dict[str, Any]:
    """Validate `data` with `schema`; field errors become one 400 with a message per field."""
    try:
        return schema.load(data)
    except ValidationError as error:
        fields = _flatten(error.messages)
        names = ", ".join(sorted(fields)) or "the body"
        raise BadInput("validation_error", f"Some fields are not valid: {names}.", fields=fields) from None


def _flatten(messages: Any) -> dict[str, Any]:
    if not isinstance(messages, dict):
        return {"_schema": " ".join(map(str, messages))}
    return {str(key): " ".join(value) if isinstance(value, list) and all(isinstance(v, str) for v in value)
            else value for key, value in messages.items()}


def query_int(name: str, default: int, *, low: int, high: int) -> int:
    """An integer query parameter within [low, high]."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not (raw.isascii() and raw.lstrip("-").isdigit()) or not low <= int(raw) <= high:
        raise BadInput("validation_error", f"`{name}` must be a whole number from {low} to {high}.",
                       fields={name: f"Must be between {low} and {high}."})
    return int(raw)


def page_limit() -> int:
    """The `limit` of a list: 20 by default, at most 100."""
    return query_int("limit", 20, low=1, high=100)


def encode_cursor(key: list[Any]) -> str:
    """An opaque cursor holding the sort key of the last item of a page."""
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(expected_length: int) -> list[Any] | None:
    """The sort key in `cursor`, or None on the first page; a forged cursor is a 400."""
    raw = request.args.get("cursor")
    if not raw:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except (binascii.Error, ValueError):
        key = None
    if not isinstance(key, list) or len(key) != expected_length:
        raise BadInput("validation_error", "The cursor is not one this API gave out.", fields={"cursor": "Invalid."})
    return key


def datetime_cursor() -> tuple[datetime, int] | None:
    """A `(time, id)` sort key from `cursor`, for lists ordered by a timestamp then id."""
    key = decode_cursor(2)
    if key is None:
        return None
    try:
        return datetime.fromisoformat(key[0]), int(key[1])
    except (TypeError, ValueError):
        raise BadInput("validation_error", "The cursor is not one this API gave out.", fields={"cursor": "Invalid."}) from None


def if_match_revision() -> int:
    """The revision number in `If-Match: "<n>"`; 428 when missing, 412 when not a revision number."""
    header = request.headers.get("If-Match")
    if not header:
        raise PreconditionRequired('Send If-Match: "<revision number>" naming the revision this edit is based on.')
    value = header.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        raise BadInput("precondition_failed", f"If-Match {header!r} does not name a revision of this article.",
                       status=412)
    return int(value)
