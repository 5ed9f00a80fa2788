"""The OpenAPI 3 document, assembled by apispec from the routes that exist.

Each API view declares its summary, roles, body and responses with `@operation`; the document
walks the URL map, so every route is described and nothing is described that does not exist
(a test checks both ways).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from marshmallow import Schema

from cms.api import schemas

F = TypeVar("F", bound=Callable[..., Any])

_PARAM = re.compile(r"<(?:([^:<>]+):)?([^<>]+)>")

ERROR_REF = {"description": "Error", "content": {"application/json": {"schema": "Error"}}}
STATUS_TEXT = {
    200: "OK", 201: "Created", 202: "Accepted", 204: "No content", 301: "Moved to the current slug",
    304: "Not modified", 400: "Bad input", 401: "No valid credentials", 403: "Wrong role",
    404: "Not found", 409: "Not allowed from the current state", 412: "Stale revision",
    413: "Body too large", 415: "Not JSON", 428: "If-Match missing", 429: "Rate limited",
}


def operation(summary: str, *, roles: tuple[str, ...] = (), body: type[Schema] | None = None,
              responses: dict[int, type[Schema] | Schema | str | None] | None = None,
              query: dict[str, str] | None = None, description: str = "") -> Callable[[F], F]:
    """Describe an API view for the OpenAPI document (roles empty means anyone).

    A response is a schema class, a schema instance (`Item(many=True)` for a JSON array), a media
    type string for a non-JSON body (`"text/csv"`), or None for no body.
    """

    def decorate(view: F) -> F:
        view._openapi = {  # type: ignore[attr-defined]
            "summary": summary, "roles": roles, "body": body, "responses": responses or {200: None},
            "query": query or {}, "description": description,
        }
        return view

    return decorate


def _operation_doc(meta: dict[str, Any], path_params: list[dict[str, Any]]) -> dict[str, Any]:
    doc: dict[str, Any] = {"summary": meta["summary"], "parameters": list(path_params)}
    if meta["description"] or meta["roles"]:
        who = f"Roles: {', '.join(meta['roles'])} (admin always)." if meta["roles"] else ""
        doc["description"] = " ".join(filter(None, [meta["description"], who]))
    for name, text in meta["query"].items():
        doc["parameters"].append({"in": "query", "name": name, "schema": {"type": "string"}, "description": text})
    if meta["body"] is not None:
        doc["requestBody"] = {"required": True, "content": {"application/json": {"schema": meta["body"]}}}
    responses: dict[str, Any] = {}
    for status, schema in meta["responses"].items():
        if status >= 400:
            responses[str(status)] = dict(ERROR_REF, description=STATUS_TEXT.get(status, "Error"))
        elif schema is None:
            responses[str(status)] = {"description": STATUS_TEXT.get(status, "OK")}
        elif isinstance(schema, str):
            responses[str(status)] = {"description": STATUS_TEXT.get(status, "OK"),
                                      "content": {schema: {"schema": {"type": "string"}}}}
        else:
            responses[str(status)] = {"description": STATUS_TEXT.get(status, "OK"),
                                      "content": {"application/json": {"schema": schema}}}
    responses.setdefault("400", dict(ERROR_REF, description=STATUS_TEXT[400]))
    if meta["roles"]:
        doc["security"] = [{"bearerAuth": []}, {"cookieSession": []}]
        responses.setdefault("401", dict(ERROR_REF, description=STATUS_TEXT[401]))
        responses.setdefault("403", dict(ERROR_REF, description=STATUS_TEXT[403]))
    doc["responses"] = responses
    return doc


def build_document(app: Flask, prefix: str = "/api/v1") -> dict[str, Any]:
    """The OpenAPI 3 document for every route of the `api` blueprint."""
    spec = APISpec(title=f"{app.config['SITE_NAME']} API", version="1", openapi_version="3.0.3",
                   plugins=[MarshmallowPlugin()], servers=[{"url": prefix}])
    spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    spec.components.security_scheme("cookieSession", {"type": "apiKey", "in": "cookie", "name": "session"})
    spec.components.schema("Error", schema=schemas.Error)
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.endpoint.startswith("api.") or not rule.rule.startswith(prefix):
            continue
        meta = getattr(app.view_functions[rule.endpoint], "_openapi", None)
        if meta is None:
            continue
        path = _PARAM.sub(r"{\2}", rule.rule[len(prefix):])
        params = [{"in": "path", "name": name, "required": True,
                   "schema": {"type": "integer" if converter == "int" else "string"}}
                  for converter, name in _PARAM.findall(rule.rule)]
        operations = {method.lower(): _operation_doc(meta, params)
                      for method in sorted(rule.methods - {"HEAD", "OPTIONS"})}
        spec.path(path=path, operations=operations)
    return spec.to_dict()
