"""Tokens: exchanged for credentials, shown once, stored as hashes, revocable, rate limited."""

from __future__ import annotations

from sqlalchemy import select

from cms.extensions import db
from cms.models import ApiToken
from cms.services.users import hash_token
from tests.factories import PASSWORD


def test_credentials_give_a_token_that_works(client, make_user):
    user = make_user("editor")
    response = client.post("/api/v1/tokens", json={"username": user.username, "password": PASSWORD})
    assert response.status_code == 201
    assert response.json["user"] == {"username": user.username, "role": "editor"}
    token = response.json["token"]
    drafts = client.get("/api/v1/articles?status=draft", headers={"Authorization": f"Bearer {token}"})
    assert drafts.status_code == 200


def test_tokens_are_stored_only_as_hashes(client, make_user):
    user = make_user("editor")
    token = client.post("/api/v1/tokens", json={"username": user.username, "password": PASSWORD}).json["token"]
    stored = db.session.scalars(select(ApiToken.token_hash)).all()
    assert stored == [hash_token(token)]
    assert token not in stored


def test_unknown_user_and_wrong_password_get_the_same_answer(client, make_user):
    user = make_user("editor")
    wrong = client.post("/api/v1/tokens", json={"username": user.username, "password": "nope-nope-nope"})
    unknown = client.post("/api/v1/tokens", json={"username": "nobody", "password": "nope-nope-nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json == unknown.json


def test_token_requests_are_rate_limited(app, client, make_user):
    app.config["LOGIN_RATE_LIMIT"] = "3/minute"
    try:
        statuses = [client.post("/api/v1/tokens", json={"username": "x", "password": "y"}).status_code
                    for _ in range(4)]
        limited = client.post("/api/v1/tokens", json={"username": "x", "password": "y"})
    finally:
        app.config["LOGIN_RATE_LIMIT"] = "0"
    assert statuses == [401, 401, 401, 429]
    assert limited.json["error"]["code"] == "rate_limited"
    assert int(limited.headers["Retry-After"]) > 0
