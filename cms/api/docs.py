"""Serving the OpenAPI document."""

from __future__ import annotations

from flask import Response, current_app, jsonify

from cms.api import bp
from cms.api.openapi import build_document, operation


@bp.get("/openapi.json")
@operation("This document")
def openapi_document() -> Response:
    document = current_app.extensions.get("cms_openapi")
    if document is None:
        document = current_app.extensions["cms_openapi"] = build_document(current_app)
    return jsonify(document)
