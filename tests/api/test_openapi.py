"""The OpenAPI document describes exactly the API that exists."""

from __future__ import annotations

import re


def test_every_api_route_is_documented_and_nothing_else(app, client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.")
    documented = {(path, method.upper()) for path, ops in document["paths"].items() for method in ops}
    routed = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
            routed |= {(path, method) for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert documented == routed


def test_the_document_names_request_and_response_schemas(client):
    document = client.get("/api/v1/openapi.json").json
    create = document["paths"]["/articles"]["post"]
    assert "requestBody" in create and "201" in create["responses"]
    schemas = document["components"]["schemas"]
    assert {"Error", "ArticleCreate", "ArticleEditorView"} <= set(schemas)
    assert set(schemas["ArticleCreate"]["properties"]) == {"title", "body_markdown", "summary", "slug", "message"}
