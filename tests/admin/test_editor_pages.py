"""The editor pages: role checks, CSRF, saving revisions, the conflict page, diffs, publishing."""

from __future__ import annotations

import pytest

from cms.extensions import db
from cms.models import Article, Role
from cms.services import articles
from tests import factories
from tests.conftest import csrf_token


def _form(client, article, **fields):
    """The editor form as a browser would submit it, based on the latest revision."""
    latest = articles.latest_revision(article)
    data = {"title": latest.title, "slug": latest.slug, "summary": latest.summary,
            "body_markdown": latest.body_markdown, "message": "", "base_revision": str(latest.number),
            "csrf_token": csrf_token(client, f"/admin/articles/{article.id}/edit"), "save": "1"}
    return data | fields


@pytest.mark.parametrize("path", ["/admin/articles", "/admin/articles/new"])
def test_staff_pages_send_anonymous_visitors_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


def test_moderators_cannot_open_the_editor(client, login_as):
    login_as(Role.MODERATOR)
    assert client.get("/admin/articles").status_code == 403


def test_an_editor_creates_an_article_from_the_form(client, login_as):
    login_as(Role.EDITOR)
    token = csrf_token(client, "/admin/articles/new")
    response = client.post("/admin/articles/new", data={
        "title": "Bedtime routines", "body_markdown": "Keep it calm.", "csrf_token": token, "save": "1"})
    assert response.status_code == 302
    article = db.session.query(Article).one()
    assert article.slug == "bedtime-routines" and article.latest_number == 1


def test_forms_without_a_csrf_token_are_refused(client, login_as, make_user):
    login_as(Role.EDITOR)
    article = factories.article(make_user(Role.EDITOR))
    data = _form(client, article, body_markdown="changed")
    del data["csrf_token"]
    response = client.post(f"/admin/articles/{article.id}/edit", data=data)
    assert response.status_code == 400
    assert db.session.get(Article, article.id).latest_number == 1


def test_saving_the_form_appends_a_revision(client, login_as, make_user):
    login_as(Role.EDITOR)
    article = factories.article(make_user(Role.EDITOR))
    response = client.post(f"/admin/articles/{article.id}/edit", data=_form(client, article, body_markdown="New text",
                                                                             message="Rewrite"))
    assert response.status_code == 302
    latest = articles.latest_revision(db.session.get(Article, article.id))
    assert (latest.number, latest.body_markdown, latest.message) == (2, "New text", "Rewrite")


def test_a_stale_form_shows_the_conflict_instead_of_overwriting(client, login_as, make_user):
    login_as(Role.EDITOR)
    other = make_user(Role.EDITOR)
    article = factories.article(other, body="line one\nline two")
    mine = _form(client, article, body_markdown="line one\nmy line two")
    articles.save_revision(other, article, 1, {"title": article.slug, "body_markdown": "line one\ntheir line two"})
    response = client.post(f"/admin/articles/{article.id}/edit", data=mine)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone saved this article while you were editing" in page
    assert "their" in page and "my" in page
    assert 'name="base_revision" type="hidden" value="2"' in page
    assert articles.latest_revision(db.session.get(Article, article.id)).body_markdown == "line one\ntheir line two"


def test_the_preview_button_renders_without_saving(client, login_as, make_user):
    login_as(Role.EDITOR)
    article = factories.article(make_user(Role.EDITOR))
    data = _form(client, article, body_markdown="**bold preview**")
    del data["save"]
    data["preview"] = "1"
    page = client.post(f"/admin/articles/{article.id}/edit", data=data).get_data(as_text=True)
    assert "<strong>bold preview</strong>" in page
    assert db.session.get(Article, article.id).latest_number == 1


def test_the_live_preview_endpoint_sanitizes(client, login_as):
    login_as(Role.EDITOR)
    token = csrf_token(client, "/admin/articles/new")
    response = client.post("/admin/preview", data={"body_markdown": "*hi* <script>x</script>"},
                           headers={"X-CSRFToken": token})
    assert response.json["html"] == "<p><em>hi</em> &lt;script&gt;x&lt;/script&gt;</p>\n"


def test_history_and_diff_pages_show_the_changes(client, login_as, make_user):
    login_as(Role.EDITOR)
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, body="Sleep eight hours.")
    articles.save_revision(editor, article, 1, {"title": article.slug, "body_markdown": "Sleep nine hours.",
                                                "message": "Correct the hours"})
    history = client.get(f"/admin/articles/{article.id}/revisions").get_data(as_text=True)
    assert "Correct the hours" in history
    diff = client.get(f"/admin/articles/{article.id}/diff?from=1&to=2").get_data(as_text=True)
    assert "<del>eight</del>" in diff and "<ins>nine</ins>" in diff


def test_restore_from_the_history_page(client, login_as, make_user):
    login_as(Role.EDITOR)
    article = factories.article(make_user(Role.EDITOR), body="original", revisions=2)
    token = csrf_token(client, f"/admin/articles/{article.id}/revisions")
    client.post(f"/admin/articles/{article.id}/revisions/1/restore", data={"csrf_token": token})
    latest = articles.latest_revision(db.session.get(Article, article.id))
    assert (latest.number, latest.body_markdown) == (3, "original")


def test_publish_schedule_unpublish_archive_buttons(client, login_as, make_user):
    login_as(Role.EDITOR)
    article = factories.article(make_user(Role.EDITOR), revisions=2)
    token = csrf_token(client, f"/admin/articles/{article.id}/edit")
    client.post(f"/admin/articles/{article.id}/publish", data={"csrf_token": token, "revision": "1"})
    assert db.session.get(Article, article.id).live_number == 1
    client.post(f"/admin/articles/{article.id}/publish",
                data={"csrf_token": token, "revision": "2", "at": "2099-01-01T09:30"})
    scheduled = db.session.get(Article, article.id)
    assert (scheduled.status, scheduled.scheduled_number) == ("published", 2)
    assert scheduled.scheduled_at.year == 2099
    client.post(f"/admin/articles/{article.id}/unpublish", data={"csrf_token": token})
    assert db.session.get(Article, article.id).status == "draft"
    client.post(f"/admin/articles/{article.id}/archive", data={"csrf_token": token})
    assert db.session.get(Article, article.id).status == "archived"


def test_a_bad_schedule_time_is_reported_not_a_500(client, login_as, make_user):
    login_as(Role.EDITOR)
    article = factories.article(make_user(Role.EDITOR))
    token = csrf_token(client, f"/admin/articles/{article.id}/edit")
    response = client.post(f"/admin/articles/{article.id}/publish", data={"csrf_token": token, "at": "next week"})
    assert response.status_code == 302
    assert db.session.get(Article, article.id).status == "draft"


@pytest.mark.parametrize("query", ["from=abc", "to=0", "from=99", "from=99999999999999999999"])
def test_bad_diff_parameters_are_4xx(client, login_as, make_user, query):
    login_as(Role.EDITOR)
    article = factories.article(make_user(Role.EDITOR))
    assert client.get(f"/admin/articles/{article.id}/diff?{query}").status_code in {400, 404}
