"""Comments and moderation through the API: intake answers, limits, what readers and moderators see."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from cms.extensions import db
from cms.models import Comment, Role
from cms.services import moderation, pipeline
from tests import factories

ANON, MOD, EDIT, ADMIN = None, "moderator", "editor", "admin"


def _post(client, article, **fields):
    body = {"author_name": "Reader", "body": "How long should a nap be?"} | fields
    return client.post(f"/api/v1/articles/{article.slug}/comments", json=body)


@pytest.fixture()
def approved(client, published, make_user):
    """A comment that went through the pipeline and was approved."""
    comment_id = _post(client, published, body="Thanks! my email is kim@example.com").json["id"]
    pipeline.process(comment_id)
    moderation.decide(make_user(Role.MODERATOR), comment_id, "approve")
    return db.session.get(Comment, comment_id)


def test_posting_answers_202_with_the_id_and_received(client, published):
    response = _post(client, published)
    assert response.status_code == 202
    assert response.json == {"id": response.json["id"], "status": "received"}
    assert db.session.get(Comment, response.json["id"]).status == "received"


def test_on_postgresql_a_comment_is_taken_in_one_round_trip(client, published):
    """One round trip: the INSERT finds the article itself and commits itself, with no BEGIN or COMMIT
    sent around it, and the connection goes back to the pool in transaction mode."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("psycopg's BEGIN and COMMIT are PostgreSQL's round trips (CI's second run)")
    modes, returned = [], []

    def record(_conn, cursor, statement, *_rest):
        modes.append((statement.split()[0], cursor.connection.autocommit))

    def checked_in(dbapi_connection, _record):
        returned.append(dbapi_connection.autocommit)

    event.listen(db.engine, "before_cursor_execute", record)
    event.listen(db.engine.pool, "checkin", checked_in)
    try:
        response = _post(client, published, body="Does a warm bath before bed help?")
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
        event.remove(db.engine.pool, "checkin", checked_in)
    assert response.status_code == 202
    assert modes == [("INSERT", True)]
    assert returned == [False]
    assert db.session.get(Comment, response.json["id"]).body_raw == "Does a warm bath before bed help?"


@pytest.mark.parametrize(("fields", "status", "code"), [
    ({"author_name": ""}, 400, "validation_error"),
    ({"body": 42}, 400, "validation_error"),
    ({"parent_id": "1"}, 400, "validation_error"),
    ({"homepage": "http://spam"}, 400, "validation_error"),
    ({"body": "x" * 5001}, 413, "payload_too_large"),
])
def test_bad_comments_are_refused_and_nothing_is_stored(client, published, fields, status, code):
    response = _post(client, published, **fields)
    assert response.status_code == status and response.json["error"]["code"] == code
    assert db.session.query(Comment).count() == 0


def test_invalid_utf8_and_malformed_json_are_400(client, published):
    for raw in (b'{"author_name": "\xc3\x28", "body": "x"}', b'{"author_name": "A", "body": '):
        response = client.post(f"/api/v1/articles/{published.slug}/comments", data=raw,
                               headers={"Content-Type": "application/json"})
        assert response.status_code == 400
    assert db.session.query(Comment).count() == 0


def test_the_same_comment_twice_is_a_409(client, published):
    assert _post(client, published).status_code == 202
    again = _post(client, published)
    assert again.status_code == 409 and again.json["error"]["code"] == "duplicate_comment"


def test_unpublished_articles_take_no_comments(client, draft):
    assert _post(client, draft).status_code == 404


def test_an_article_is_addressed_by_id_as_well_as_slug(client, published):
    response = client.post(f"/api/v1/articles/{published.id}/comments", json={"author_name": "A", "body": "By id"})
    assert response.status_code == 202
    assert db.session.get(Comment, response.json["id"]).article_id == published.id


@pytest.mark.parametrize("ref", ["99999", str(2**31), str(2**70), "no-such-article"])
def test_comments_to_an_article_that_is_not_there_are_404_and_store_nothing(client, published, ref):
    response = client.post(f"/api/v1/articles/{ref}/comments", json={"author_name": "A", "body": "Hello"})
    assert response.status_code == 404 and response.json["error"]["code"] == "not_found"
    assert db.session.query(Comment).count() == 0


def test_comments_to_a_withdrawn_article_are_404(client, api_headers, published):
    assert client.post(f"/api/v1/articles/{published.slug}/unpublish", headers=api_headers(EDIT)).status_code == 200
    assert _post(client, published).status_code == 404
    assert db.session.query(Comment).count() == 0


def test_comments_to_an_old_slug_answer_301_to_the_new_address_and_store_nothing(client, api_headers, published):
    headers = api_headers(EDIT)
    old_slug = published.slug
    client.put(f"/api/v1/articles/{published.id}", json={"title": "T", "body_markdown": "B", "slug": "renamed"},
               headers=headers | {"If-Match": '"2"'})
    client.post(f"/api/v1/articles/{published.id}/publish", headers=headers)
    response = client.post(f"/api/v1/articles/{old_slug}/comments", json={"author_name": "A", "body": "Hello"})
    assert response.status_code == 301 and response.headers["Location"].endswith("/api/v1/articles/renamed/comments")
    assert db.session.query(Comment).count() == 0


def test_flooding_gets_429_with_retry_after(app, client, published):
    app.config["COMMENT_RATE_LIMIT"] = "3/minute"
    try:
        statuses = [_post(client, published, body=f"message {n}").status_code for n in range(4)]
        limited = _post(client, published, body="one more")
    finally:
        app.config["COMMENT_RATE_LIMIT"] = "0"
    assert statuses == [202, 202, 202, 429]
    assert limited.json["error"]["code"] == "rate_limited" and int(limited.headers["Retry-After"]) > 0
    assert db.session.query(Comment).count() == 3


def test_x_forwarded_for_is_ignored_without_trusted_proxies(app, client, published):
    app.config["COMMENT_RATE_LIMIT"] = "1/minute"
    try:
        statuses = [client.post(f"/api/v1/articles/{published.slug}/comments",
                                json={"author_name": "A", "body": f"m{n}"},
                                headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(2)]
    finally:
        app.config["COMMENT_RATE_LIMIT"] = "0"
    assert statuses == [202, 429]  # a forged header does not buy a fresh budget


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget(make_app, make_user):
    proxied = make_app(TRUSTED_PROXIES=1, COMMENT_RATE_LIMIT="1/minute")
    article = factories.article(make_user(Role.EDITOR), publish=True)
    client = proxied.test_client()
    statuses = [client.post(f"/api/v1/articles/{article.slug}/comments", json={"author_name": "A", "body": f"m{n}"},
                            headers={"X-Forwarded-For": address}).status_code
                for n, address in enumerate(["203.0.113.1", "203.0.113.2", "203.0.113.2"])]
    assert statuses == [202, 202, 429]
    hashes = {c.client_hash for c in db.session.query(Comment)}
    assert len(hashes) == 2


def test_readers_get_approved_comments_only_without_emails_or_raw_bodies(client, published, approved):
    _post(client, published, body="still waiting")
    items = client.get(f"/api/v1/articles/{published.slug}/comments").json["items"]
    assert [item["id"] for item in items] == [approved.id]
    assert set(items[0]) == {"id", "parent_id", "author_name", "body_html", "created_at"}
    assert "kim@example.com" not in str(items) and "[email hidden]" in items[0]["body_html"]


def test_the_article_reports_its_approved_comment_count(client, published, approved):
    assert client.get(f"/api/v1/articles/{published.slug}").json["comment_count"] == 1


def test_moderators_read_a_comment_in_full(client, api_headers, approved):
    body = client.get(f"/api/v1/comments/{approved.id}", headers=api_headers(MOD)).json
    assert body["body_raw"] == "Thanks! my email is kim@example.com"
    assert body["pii"][0]["kind"] == "email" and "score" in body["spam"]
    assert [entry["action"] for entry in body["history"]] == ["comment.receive", "comment.queue", "comment.approve"]
    assert body["history"][-1]["from"] == "pending" and body["history"][-1]["to"] == "approved"


def test_the_queue_is_oldest_first_with_the_article(client, api_headers, published):
    ids = [_post(client, published, body=f"question {n}").json["id"] for n in range(3)]
    for comment_id in ids:
        pipeline.process(comment_id)
    page = client.get("/api/v1/moderation/queue?limit=2", headers=api_headers(MOD)).json
    assert [item["id"] for item in page["items"]] == ids[:2]
    assert page["items"][0]["article"] == {"id": published.id, "slug": published.slug, "title": "Sleep basics"}
    rest = client.get(page["next"], headers=api_headers(MOD)).json
    assert [item["id"] for item in rest["items"]] == ids[2:] and rest["next"] is None


def test_a_decision_answers_with_the_new_state_and_409_when_not_allowed(client, api_headers, published):
    comment_id = _post(client, published).json["id"]
    headers = api_headers(MOD)
    assert client.post(f"/api/v1/moderation/comments/{comment_id}/approve", headers=headers).status_code == 409
    pipeline.process(comment_id)
    response = client.post(f"/api/v1/moderation/comments/{comment_id}/approve", headers=headers)
    assert response.status_code == 200 and response.json["status"] == "approved"
    assert client.post(f"/api/v1/moderation/comments/{comment_id}/approve", headers=headers).status_code == 409
    assert client.post(f"/api/v1/moderation/comments/{comment_id}/bless", headers=headers).status_code == 404


def test_bulk_decisions(client, api_headers, published):
    ids = [_post(client, published, body=f"bulk {n}").json["id"] for n in range(2)]
    pipeline.process(ids[0])
    ids.append(_post(client, published, body="not screened yet").json["id"])
    response = client.post("/api/v1/moderation/bulk", json={"ids": ids + [99999], "action": "spam"},
                           headers=api_headers(MOD))
    assert response.json["done"] == ids[:2]
    assert [item["id"] for item in response.json["refused"]] == [ids[2], 99999]


@pytest.mark.parametrize("body", [{"ids": [], "action": "spam"}, {"ids": ["1"], "action": "spam"},
                                  {"ids": [1], "action": "delete"}, {"ids": list(range(1, 502)), "action": "spam"},
                                  {"ids": [1]}])
def test_bad_bulk_requests_are_400(client, api_headers, body):
    assert client.post("/api/v1/moderation/bulk", json=body, headers=api_headers(MOD)).status_code == 400


MATRIX = [
    ("POST", "/api/v1/articles/{slug}/comments", {"author_name": "A", "body": "b"}, dict.fromkeys((ANON, MOD, EDIT, ADMIN), 202)),
    ("GET", "/api/v1/articles/{slug}/comments", None, dict.fromkeys((ANON, MOD, EDIT, ADMIN), 200)),
    ("GET", "/api/v1/comments/{comment}", None, {ANON: 401, MOD: 200, EDIT: 403, ADMIN: 200}),
    ("GET", "/api/v1/moderation/queue", None, {ANON: 401, MOD: 200, EDIT: 403, ADMIN: 200}),
    ("GET", "/api/v1/moderation/queue?status=spam", None, {ANON: 401, MOD: 200, EDIT: 403, ADMIN: 200}),
    ("POST", "/api/v1/moderation/comments/{comment}/reject", None, {ANON: 401, MOD: 200, EDIT: 403, ADMIN: 200}),
    ("POST", "/api/v1/moderation/bulk", {"ids": ["{comment}"], "action": "reject"}, {ANON: 401, MOD: 200, EDIT: 403, ADMIN: 200}),
]


@pytest.mark.parametrize(("method", "path", "body", "role", "expected"),
                         [pytest.param(m, p, b, r, e[r], id=f"{m} {p} as {r or 'anonymous'}")
                          for m, p, b, e in MATRIX for r in (ANON, MOD, EDIT, ADMIN)])
def test_each_role_gets_the_expected_status(client, api_headers, published, approved, method, path, body, role,
                                            expected):
    url = path.format(slug=published.slug, comment=approved.id)
    if body and body.get("ids") == ["{comment}"]:
        body = body | {"ids": [approved.id]}
    response = client.open(url, method=method, json=body, headers=api_headers(role))
    assert response.status_code == expected, response.get_data(as_text=True)
