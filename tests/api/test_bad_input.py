"""Bad input gets a clear 4xx in the error shape and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Article, Revision

JSON = {"Content-Type": "application/json"}


def _counts() -> tuple[int, int]:
    return db.session.scalar(select(func.count(Article.id))), db.session.scalar(select(func.count(Revision.id)))


@pytest.mark.parametrize(("raw", "content_type", "status", "code"), [
    (b'{"title": "T", "body_markdown": ', "application/json", 400, "invalid_json"),
    (b'["a list"]', "application/json", 400, "invalid_json"),
    (b'{"title": "\xff\xfe", "body_markdown": "x"}', "application/json", 400, "invalid_encoding"),
    (b'{"title": 5, "body_markdown": "x"}', "application/json", 400, "validation_error"),
    (b'{"title": "T", "body_markdown": "x", "author_id": 1}', "application/json", 400, "validation_error"),
    (b'{"title": "T"}', "application/json", 400, "validation_error"),
    (b'{"title": null, "body_markdown": "x"}', "application/json", 400, "validation_error"),
    (b'title=T&body_markdown=x', "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
    (b'[' * 100_000, "application/json", 400, "invalid_json"),
])
def test_malformed_create_requests_are_refused_and_change_nothing(client, api_headers, raw, content_type, status, code):
    before = _counts()
    response = client.post("/api/v1/articles", data=raw, headers=api_headers("editor") | {"Content-Type": content_type})
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.json["error"]["code"] == code
    assert response.json["error"]["message"]
    assert _counts() == before


def test_unknown_and_mistyped_fields_are_named(client, api_headers):
    response = client.post("/api/v1/articles", json={"title": ["x"], "body_markdown": "x", "colour": "red"},
                           headers=api_headers("editor"))
    assert set(response.json["error"]["fields"]) == {"title", "colour"}


def test_an_oversized_body_gets_413(client, api_headers):
    huge = b'{"title": "T", "body_markdown": "' + b"x" * 2_000_000 + b'"}'
    response = client.post("/api/v1/articles", data=huge, headers=api_headers("editor") | JSON)
    assert response.status_code == 413
    assert response.json["error"]["code"] == "payload_too_large"


def test_a_body_over_the_field_limit_is_a_field_error(client, api_headers):
    response = client.post("/api/v1/articles", json={"title": "x" * 201, "body_markdown": "x"},
                           headers=api_headers("editor"))
    assert response.status_code == 400 and "title" in response.json["error"]["fields"]


@pytest.mark.parametrize("path", [
    "/api/v1/articles/999999", "/api/v1/articles/99999999999999999999999", "/api/v1/articles/no-such-slug",
    "/api/v1/articles/{draft}/revisions/99", "/api/v1/articles/{draft}/revisions/99999999999999999999",
    "/api/v1/articles/{draft}/diff?from=1&to=99",
])
def test_forged_ids_get_404(client, api_headers, draft, path):
    response = client.get(path.format(draft=draft.id), headers=api_headers("editor"))
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=abc", "limit=1e3", "cursor=%%%", "cursor=WzFd",
                                   "status=deleted"])
def test_bad_list_parameters_get_400(client, api_headers, query):
    response = client.get(f"/api/v1/articles?{query}", headers=api_headers("editor"))
    assert response.status_code == 400


@pytest.mark.parametrize("if_match", ['"abc"', '"99999999999999"', "*", '"-1"'])
def test_an_if_match_that_names_no_revision_gets_412(client, api_headers, draft, if_match):
    response = client.put(f"/api/v1/articles/{draft.id}", json={"title": "T", "body_markdown": "B"},
                          headers=api_headers("editor") | {"If-Match": if_match})
    assert response.status_code == 412
    assert _counts()[1] == 2


@pytest.mark.parametrize("body", [{"revision": "2"}, {"revision": True}, {"revision": 0}, {"at": "tomorrow"},
                                  {"at": "2030-01-01T10:00:00"}, {"when": "now"}])
def test_bad_publish_requests_get_400_and_publish_nothing(client, api_headers, draft, body):
    response = client.post(f"/api/v1/articles/{draft.id}/publish", json=body, headers=api_headers("editor"))
    assert response.status_code == 400
    assert db.session.get(Article, draft.id).status == "draft"


def test_wrong_methods_get_405_in_the_error_shape(client):
    response = client.delete("/api/v1/articles")
    assert response.status_code == 405 and response.json["error"]["code"] == "method_not_allowed"


def test_cookie_sessions_need_a_csrf_token_for_api_writes(client, login_as):
    login_as("editor")
    response = client.post("/api/v1/articles", json={"title": "T", "body_markdown": "B"})
    assert response.status_code == 400 and response.json["error"]["code"] == "csrf_failed"
    assert _counts() == (0, 0)
