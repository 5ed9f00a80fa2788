"""The comment intake path answers anonymous JSON POSTs with exactly Flask's bytes, or leaves them to Flask."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from werkzeug.test import Client, TestResponse

from cms.extensions import db
from cms.intake_path import CommentIntakePath
from cms.models import Comment, Role
from cms.services import articles, comments, moderation, pipeline, publishing
from tests import factories
from tests.support import flask_behind, in_front_of

NUMBER = re.compile(rb"\d+")


@pytest.fixture()
def flask_app(app):
    return flask_behind(app)


@pytest.fixture()
def intake(app, flask_app):
    """An intake path in front of a recorder of what reaches Flask."""
    return in_front_of(CommentIntakePath, app, flask_app)


@pytest.fixture()
def article(make_user):
    return factories.article(make_user(Role.EDITOR), title="Naps", body="Keep naps short.", publish=True)


@pytest.fixture()
def limited(app):
    app.config["COMMENT_RATE_LIMIT"] = "3/minute"
    yield
    app.config["COMMENT_RATE_LIMIT"] = "0"


def _post(wsgi: Any, path: str, body: bytes | dict[str, Any], **headers: str) -> TestResponse:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Client(wsgi, use_cookies=False).post(path, data=data, headers={"Content-Type": "application/json", **headers})


def _comparable(response: TestResponse) -> tuple[str, dict[str, str], bytes]:
    """Status, headers and body with the comment's id and the limit's clock readings taken out."""
    headers = {name: NUMBER.sub(b"N", value.encode()).decode() for name, value in response.headers.items()
               if name not in {"Date", "X-RateLimit-Reset", "Retry-After"}}
    return response.status, headers, NUMBER.sub(b"N", response.get_data())


def _comment(n: int) -> dict[str, Any]:
    return {"author_name": "Sam", "author_email": "sam@example.com", "body": f"Is a nap after {n} pm too late?"}


def test_the_intake_answer_is_flasks_answer(intake, flask_app, article):
    middleware, recorder = intake
    path = f"/api/v1/articles/{article.slug}/comments"
    taken, by_flask = _post(middleware, path, _comment(1)), _post(flask_app, path, _comment(2))
    assert recorder.bodies == [], "Flask answered: the intake path did not"
    assert taken.status_code == 202 and taken.json["status"] == "received"
    assert _comparable(taken) == _comparable(by_flask)
    stored = db.session.get(Comment, taken.json["id"])
    assert (stored.status, stored.body_raw, stored.author_email) == ("received", _comment(1)["body"], "sam@example.com")
    assert taken.headers["Location"] == f"http://localhost/api/v1/comments/{stored.id}"


def test_the_location_names_the_host_and_scheme_each_request_was_sent_to(intake, flask_app, article):
    middleware, _ = intake
    path = f"/api/v1/articles/{article.slug}/comments"
    for n, (host, scheme) in enumerate([("a.example", "http"), ("b.example:8080", "https"), ("a.example", "https")]):
        taken = Client(middleware, use_cookies=False).post(path, data=json.dumps(_comment(10 + n)),
                                                           base_url=f"{scheme}://{host}",
                                                           headers={"Content-Type": "application/json"})
        assert taken.status_code == 202
        assert taken.headers["Location"] == f"{scheme}://{host}/api/v1/comments/{taken.json['id']}"


def test_under_a_limit_the_answer_carries_flasks_limit_headers(intake, flask_app, article, limited):
    middleware, recorder = intake
    path = f"/api/v1/articles/{article.slug}/comments"
    taken, by_flask = _post(middleware, path, _comment(1)), _post(flask_app, path, _comment(2))
    assert recorder.bodies == []
    assert _comparable(taken) == _comparable(by_flask)
    assert (taken.headers["X-RateLimit-Limit"], taken.headers["X-RateLimit-Remaining"]) == ("3", "2")
    assert by_flask.headers["X-RateLimit-Remaining"] == "1"  # one budget: the intake path took from it
    assert 0 < int(taken.headers["Retry-After"]) <= 60


def test_the_path_and_flask_draw_on_one_budget(intake, flask_app, article, limited):
    middleware, recorder = intake
    path = f"/api/v1/articles/{article.slug}/comments"
    statuses = [_post(middleware, path, _comment(1)).status_code, _post(flask_app, path, _comment(2)).status_code,
                _post(middleware, path, _comment(3)).status_code]
    refused = _post(middleware, path, _comment(4))
    assert statuses == [202, 202, 202]
    assert refused.status_code == 429 and refused.json["error"]["code"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) > 0
    assert len(recorder.bodies) == 1, "the 429 is Flask's"
    assert db.session.query(Comment).count() == 3


def test_a_duplicate_is_refused_here_and_takes_the_budget_once(intake, flask_app, article, limited):
    """After the budget is taken a refusal is answered here: passing it on would take it twice."""
    middleware, recorder = intake
    path = f"/api/v1/articles/{article.slug}/comments"
    first, again = _post(middleware, path, _comment(1)), _post(middleware, path, _comment(1))
    assert (first.status_code, again.status_code) == (202, 409)
    assert again.json["error"]["code"] == "duplicate_comment"
    assert again.headers["X-RateLimit-Remaining"] == "1"
    assert recorder.bodies == []
    assert _comparable(again) == _comparable(_post(flask_app, path, _comment(1)))  # Flask takes the last one
    assert _post(middleware, path, _comment(5)).status_code == 429
    assert db.session.query(Comment).count() == 1


BAD_BODIES = {
    "malformed JSON": b'{"author_name": "Sam", "body": ',
    "not an object": b'["Sam", "hello"]',
    "invalid UTF-8": b'{"author_name": "Sam", "body": "caf\xe9"}',
    "an unknown field": json.dumps({**_comment(1), "is_admin": True}).encode(),
    "a wrong type": json.dumps({"author_name": "Sam", "body": 42}).encode(),
    "a missing field": json.dumps({"author_name": "Sam"}).encode(),
    "a forged parent": json.dumps({**_comment(1), "parent_id": 987654}).encode(),
    "an empty body": json.dumps({"author_name": "Sam", "body": "   "}).encode(),
}


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_bad_input_gets_flasks_refusal_and_changes_nothing(intake, flask_app, article, body):
    middleware, recorder = intake
    path = f"/api/v1/articles/{article.slug}/comments"
    refused = _post(middleware, path, body)
    assert 400 <= refused.status_code < 500 and "error" in refused.json
    assert _comparable(refused) == _comparable(_post(flask_app, path, body))
    assert recorder.bodies in ([], [body])  # parsing refusals go to Flask with the body intact
    assert db.session.query(Comment).count() == 0


def test_requests_it_does_not_take_go_to_flask_with_their_body(app, intake, article):
    middleware, recorder = intake
    path = f"/api/v1/articles/{article.slug}/comments"
    bodies = [json.dumps(_comment(n)).encode() for n in range(5)]
    cookie = {"Cookie": f"{app.config['SESSION_COOKIE_NAME']}=anything"}
    answers = [
        _post(middleware, path, bodies[0], **cookie),  # a session: Flask's CSRF rule decides
        _post(middleware, path, bodies[1], Authorization="Bearer not-a-real-token"),
        _post(middleware, path + "?x=1", bodies[2]),
        _post(middleware, path, bodies[3], **{"Content-Type": "text/plain"}),
        _post(middleware, path + "/", bodies[4]),
    ]
    assert recorder.bodies == bodies
    assert [a.status_code for a in answers] == [202, 202, 202, 415, 404]


def test_a_body_over_the_limit_is_left_to_flask_unread(app, intake, article):
    middleware, recorder = intake
    huge = json.dumps({**_comment(1), "body": "z" * (app.config["MAX_CONTENT_LENGTH"] + 1)}).encode()
    refused = _post(middleware, f"/api/v1/articles/{article.slug}/comments", huge)
    assert refused.status_code == 413 and refused.json["error"]["code"] == "payload_too_large"
    assert len(recorder.bodies) == 1 and db.session.query(Comment).count() == 0


def test_unknown_unpublished_and_renamed_articles_get_flasks_answer(intake, flask_app, article, make_user):
    """The insert finds the article itself; when it finds none, the path answers the 404 or 301 Flask would."""
    middleware, recorder = intake
    editor = make_user(Role.EDITOR)
    draft, old_slug = factories.article(editor, title="Draft"), article.slug
    articles.save_revision(editor, article, 1, {"title": "Naps", "body_markdown": "Short.", "slug": "short-naps"})
    publishing.publish(editor, article)
    for ref, status in (("no-such-thing", 404), (draft.slug, 404), (str(draft.id), 404), ("99999999999", 404),
                        (old_slug, 301)):
        path = f"/api/v1/articles/{ref}/comments"
        taken, by_flask = _post(middleware, path, _comment(1)), _post(flask_app, path, _comment(1))
        assert taken.status_code == status
        assert _comparable(taken) == _comparable(by_flask), ref
    assert _post(middleware, f"/api/v1/articles/{old_slug}/comments", _comment(1)).location == (
        "/api/v1/articles/short-naps/comments")
    assert recorder.bodies == [] and db.session.query(Comment).count() == 0


def test_an_unknown_article_is_named_before_a_bad_field_and_a_duplicate_after_the_article(intake, article):
    """The refusals come in the API view's order: the article, then the fields, then a duplicate."""
    middleware, _ = intake
    empty = {**_comment(1), "body": ""}
    assert _post(middleware, "/api/v1/articles/no-such-thing/comments", empty).status_code == 404
    assert _post(middleware, f"/api/v1/articles/{article.slug}/comments", empty).status_code == 400
    assert _post(middleware, f"/api/v1/articles/{article.slug}/comments", _comment(1)).status_code == 202
    assert _post(middleware, f"/api/v1/articles/{article.slug}/comments", _comment(1)).status_code == 409


def test_a_database_error_before_the_commit_leaves_the_request_to_flask(intake, article, monkeypatch):
    middleware, recorder = intake
    real_submit, failures = comments.submit_to, []

    def fails_once(*args: Any) -> Any:
        if not failures:
            failures.append(1)
            raise OperationalError("INSERT", {}, ConnectionError("the database went away"))
        return real_submit(*args)

    monkeypatch.setattr(comments, "submit_to", fails_once)
    answer = _post(middleware, f"/api/v1/articles/{article.slug}/comments", _comment(1))
    assert answer.status_code == 202 and len(recorder.bodies) == 1
    assert db.session.query(Comment).count() == 1


def test_a_reply_is_taken_in_its_thread(intake, article, make_user):
    middleware, recorder = intake
    path = f"/api/v1/articles/{article.slug}/comments"
    parent = _post(middleware, path, _comment(1)).json["id"]
    pipeline.process(parent)
    moderation.decide(make_user(Role.MODERATOR), parent, "approve")
    reply = _post(middleware, path, {**_comment(2), "parent_id": parent})
    assert reply.status_code == 202 and recorder.bodies == []
    stored = db.session.get(Comment, reply.json["id"])
    assert (stored.parent_id, stored.thread_id) == (parent, parent)


def test_it_can_be_turned_off(make_app):
    other = make_app(INTAKE_FAST_PATH=False)
    layer, layers = other.wsgi_app, []
    while layer is not None:
        layers.append(type(layer).__name__)
        layer = getattr(layer, "wsgi_app", None)
    assert "CommentIntakePath" not in layers
