"""Logging in and out of the staff pages."""

from __future__ import annotations

from cms.models import Role
from tests.conftest import csrf_token
from tests.factories import PASSWORD


def test_login_with_the_right_password_opens_the_staff_pages(client, make_user):
    user = make_user(Role.EDITOR)
    response = client.post("/login?next=/admin/articles", data={
        "username": user.username, "password": PASSWORD, "csrf_token": csrf_token(client)})
    assert response.status_code == 302 and response.headers["Location"] == "/admin/articles"
    assert client.get("/admin/articles").status_code == 200


def test_unknown_users_and_wrong_passwords_look_the_same(client, make_user):
    user = make_user(Role.EDITOR)
    token = csrf_token(client)
    wrong = client.post("/login", data={"username": user.username, "password": "wrong-password", "csrf_token": token})
    unknown = client.post("/login", data={"username": "ghost", "password": "wrong-password", "csrf_token": token})
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong username or password." in wrong.get_data(as_text=True)
    assert wrong.get_data(as_text=True).replace(user.username, "ghost") == unknown.get_data(as_text=True)


def test_login_never_redirects_to_another_site(client, make_user):
    user = make_user(Role.EDITOR)
    response = client.post("/login?next=//evil.example/x", data={
        "username": user.username, "password": PASSWORD, "csrf_token": csrf_token(client)})
    assert response.headers["Location"] == "/admin/articles" or response.headers["Location"] == "/admin/"


def test_login_attempts_are_rate_limited(app, client):
    app.config["LOGIN_RATE_LIMIT"] = "2/minute"
    try:
        token = csrf_token(client)
        statuses = [client.post("/login", data={"username": "x", "password": "y", "csrf_token": token}).status_code
                    for _ in range(3)]
    finally:
        app.config["LOGIN_RATE_LIMIT"] = "0"
    assert statuses == [401, 401, 429]


def test_logout_needs_a_post_with_csrf(client, login_as):
    login_as(Role.EDITOR)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    client.post("/logout", data={"csrf_token": csrf_token(client, "/admin/articles")})
    assert client.get("/admin/articles").status_code == 302
