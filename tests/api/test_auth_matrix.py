"""Who may call what: anonymous / moderator / editor / admin against every article and token endpoint."""

from __future__ import annotations

from typing import Any

import pytest

ANON, MOD, EDIT, ADMIN = None, "moderator", "editor", "admin"
ROLES = (ANON, MOD, EDIT, ADMIN)

# (method, path template, json body, extra headers, {role: expected status})
MATRIX: list[tuple[str, str, Any, dict[str, str], dict[Any, int]]] = [
    ("GET", "/api/v1/articles", None, {}, dict.fromkeys(ROLES, 200)),
    ("GET", "/api/v1/articles?status=draft", None, {}, {ANON: 401, MOD: 403, EDIT: 200, ADMIN: 200}),
    ("GET", "/api/v1/articles/{published}", None, {}, dict.fromkeys(ROLES, 200)),
    ("GET", "/api/v1/articles/{draft}", None, {}, {ANON: 404, MOD: 404, EDIT: 200, ADMIN: 200}),
    ("GET", "/api/v1/articles/{published}?revision=latest", None, {}, {ANON: 401, MOD: 403, EDIT: 200, ADMIN: 200}),
    ("POST", "/api/v1/articles", {"title": "New", "body_markdown": "Text"}, {}, {ANON: 401, MOD: 403, EDIT: 201, ADMIN: 201}),
    ("PUT", "/api/v1/articles/{draft}", {"title": "T", "body_markdown": "B"}, {"If-Match": '"2"'},
     {ANON: 401, MOD: 403, EDIT: 200, ADMIN: 200}),
    ("GET", "/api/v1/articles/{draft}/revisions", None, {}, {ANON: 401, MOD: 403, EDIT: 200, ADMIN: 200}),
    ("GET", "/api/v1/articles/{draft}/revisions/1", None, {}, {ANON: 401, MOD: 403, EDIT: 200, ADMIN: 200}),
    ("GET", "/api/v1/articles/{draft}/diff?from=1&to=2", None, {}, {ANON: 401, MOD: 403, EDIT: 200, ADMIN: 200}),
    ("POST", "/api/v1/articles/{draft}/revisions/1/restore", None, {}, {ANON: 401, MOD: 403, EDIT: 201, ADMIN: 201}),
    ("POST", "/api/v1/articles/{draft}/publish", {}, {}, {ANON: 401, MOD: 403, EDIT: 200, ADMIN: 200}),
    ("POST", "/api/v1/articles/{published}/unpublish", None, {}, {ANON: 401, MOD: 403, EDIT: 200, ADMIN: 200}),
    ("POST", "/api/v1/articles/{published}/archive", None, {}, {ANON: 401, MOD: 403, EDIT: 200, ADMIN: 200}),
    ("DELETE", "/api/v1/tokens/current", None, {}, {ANON: 401, MOD: 204, EDIT: 204, ADMIN: 204}),
    ("GET", "/api/v1/openapi.json", None, {}, dict.fromkeys(ROLES, 200)),
]

CASES = [pytest.param(method, path, body, headers, role, expected[role], id=f"{method} {path} as {role or 'anonymous'}")
         for method, path, body, headers, expected in MATRIX for role in ROLES]


@pytest.mark.parametrize(("method", "path", "body", "headers", "role", "expected"), CASES)
def test_each_role_gets_the_expected_status(client, api_headers, published, draft, method, path, body, headers,
                                            role, expected):
    url = path.format(published=published.slug, draft=draft.slug)
    response = client.open(url, method=method, json=body, headers=api_headers(role) | headers)
    assert response.status_code == expected, response.get_data(as_text=True)
    if expected >= 400:
        assert set(response.json["error"]) == {"code", "message", "fields"}


def test_a_revoked_or_forged_token_is_refused(client, api_headers):
    headers = api_headers(EDIT)
    assert client.delete("/api/v1/tokens/current", headers=headers).status_code == 204
    assert client.get("/api/v1/articles?status=draft", headers=headers).status_code == 401
    forged = {"Authorization": "Bearer cms_" + "x" * 43}
    assert client.get("/api/v1/articles?status=draft", headers=forged).status_code == 401
    assert client.get("/api/v1/articles?status=draft", headers={"Authorization": "Basic Zm9vOmJhcg=="}).status_code == 401
