"""The articles API as clients use it: reading, ETags, saving with If-Match, publishing, redirects."""

from __future__ import annotations

from datetime import timedelta

from cms.models.types import utcnow
from tests import factories


def test_readers_get_the_live_revision_with_the_contract_fields(client, published):
    response = client.get(f"/api/v1/articles/{published.slug}")
    body = response.json
    assert response.status_code == 200
    assert {"id", "slug", "title", "summary", "body_markdown", "body_html", "published_at", "revision",
            "comment_count", "visits"} <= set(body)
    assert body["revision"] == 2 and body["visits"] == {"total": 0, "today": 0}
    assert body["published_at"].endswith("+00:00")
    assert "<p>" in body["body_html"]


def test_an_article_can_be_addressed_by_id_or_slug(client, published):
    by_id = client.get(f"/api/v1/articles/{published.id}").json
    assert by_id == client.get(f"/api/v1/articles/{published.slug}").json


def test_an_unchanged_article_revalidates_with_304(client, published):
    first = client.get(f"/api/v1/articles/{published.slug}")
    etag = first.headers["ETag"]
    again = client.get(f"/api/v1/articles/{published.slug}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag


def test_publishing_a_new_revision_changes_the_etag(client, api_headers, published):
    etag = client.get(f"/api/v1/articles/{published.slug}").headers["ETag"]
    headers = api_headers("editor")
    client.put(f"/api/v1/articles/{published.slug}", json={"title": "New", "body_markdown": "New"},
               headers=headers | {"If-Match": '"2"'})
    assert client.get(f"/api/v1/articles/{published.slug}", headers={"If-None-Match": etag}).status_code == 304
    client.post(f"/api/v1/articles/{published.slug}/publish", headers=headers)
    changed = client.get(f"/api/v1/articles/{published.slug}", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.json["title"] == "New"


def test_create_answers_201_with_revision_one_and_its_etag(client, api_headers):
    response = client.post("/api/v1/articles", json={"title": "Naps", "body_markdown": "Short ones."},
                           headers=api_headers("editor"))
    assert response.status_code == 201
    assert response.headers["ETag"] == '"1"'
    assert (response.json["status"], response.json["revision"], response.json["slug"]) == ("draft", 1, "naps")


def test_save_with_if_match_makes_the_next_revision(client, api_headers, draft):
    response = client.put(f"/api/v1/articles/{draft.id}", json={"title": "T", "body_markdown": "B"},
                          headers=api_headers("editor") | {"If-Match": '"2"'})
    assert response.status_code == 200
    assert response.headers["ETag"] == '"3"' and response.json["revision"] == 3


def test_a_stale_save_is_refused_with_412_and_loses_nothing(client, api_headers, draft):
    headers = api_headers("editor")
    first = client.put(f"/api/v1/articles/{draft.id}", json={"title": "Mine", "body_markdown": "first"},
                       headers=headers | {"If-Match": '"2"'})
    second = client.put(f"/api/v1/articles/{draft.id}", json={"title": "Theirs", "body_markdown": "second"},
                        headers=headers | {"If-Match": '"2"'})
    assert (first.status_code, second.status_code) == (200, 412)
    assert second.json["error"]["code"] == "precondition_failed"
    assert second.headers["ETag"] == '"3"'
    latest = client.get(f"/api/v1/articles/{draft.id}?revision=latest", headers=headers).json
    assert (latest["revision"], latest["body_markdown"]) == (3, "first")


def test_a_save_without_if_match_gets_428(client, api_headers, draft):
    response = client.put(f"/api/v1/articles/{draft.id}", json={"title": "T", "body_markdown": "B"},
                          headers=api_headers("editor"))
    assert response.status_code == 428
    assert response.json["error"]["code"] == "precondition_required"


def test_revisions_list_newest_first_and_paginates(client, api_headers, make_user):
    article = factories.article(make_user("editor"), revisions=5)
    headers = api_headers("editor")
    page = client.get(f"/api/v1/articles/{article.id}/revisions?limit=2", headers=headers).json
    assert [item["number"] for item in page["items"]] == [5, 4]
    assert set(page["items"][0]) >= {"number", "author", "created_at", "message", "title"}
    numbers = [item["number"] for item in page["items"]]
    while page["next"]:
        page = client.get(page["next"], headers=headers).json
        numbers += [item["number"] for item in page["items"]]
    assert numbers == [5, 4, 3, 2, 1]


def test_a_revision_is_read_in_full(client, api_headers, draft):
    body = client.get(f"/api/v1/articles/{draft.id}/revisions/1", headers=api_headers("editor")).json
    assert body["number"] == 1 and body["body_markdown"].startswith("First paragraph")


def test_diff_gives_line_hunks(client, api_headers, make_user):
    editor = make_user("editor")
    article = factories.article(editor, body="one\ntwo\nthree")
    client.put(f"/api/v1/articles/{article.id}", json={"title": article.slug, "body_markdown": "one\n2\nthree\nfour"},
               headers=api_headers("editor") | {"If-Match": '"1"'})
    diff = client.get(f"/api/v1/articles/{article.id}/diff?from=1&to=2", headers=api_headers("editor")).json
    assert (diff["from"], diff["to"]) == (1, 2)
    assert diff["body"] == [
        {"op": "equal", "text": "one"}, {"op": "delete", "text": "two"},
        {"op": "insert", "text": "2"}, {"op": "equal", "text": "three"}, {"op": "insert", "text": "four"},
    ]


def test_restore_appends_a_revision_equal_to_the_old_one(client, api_headers, draft):
    headers = api_headers("editor")
    response = client.post(f"/api/v1/articles/{draft.id}/revisions/1/restore", headers=headers)
    assert response.status_code == 201 and response.json["revision"] == 3
    one = client.get(f"/api/v1/articles/{draft.id}/revisions/1", headers=headers).json
    three = client.get(f"/api/v1/articles/{draft.id}/revisions/3", headers=headers).json
    assert one["body_markdown"] == three["body_markdown"] and one["title"] == three["title"]


def test_publish_a_chosen_revision_then_unpublish(client, api_headers, draft):
    headers = api_headers("editor")
    response = client.post(f"/api/v1/articles/{draft.slug}/publish", json={"revision": 1}, headers=headers)
    assert response.status_code == 200 and response.json["live_revision"] == 1
    assert client.get(f"/api/v1/articles/{draft.slug}").json["revision"] == 1
    assert client.post(f"/api/v1/articles/{draft.slug}/unpublish", headers=headers).json["status"] == "draft"
    assert client.get(f"/api/v1/articles/{draft.slug}").status_code == 404


def test_publish_at_a_future_time_schedules(client, api_headers, draft):
    at = (utcnow() + timedelta(hours=2)).isoformat()
    body = client.post(f"/api/v1/articles/{draft.slug}/publish", json={"at": at},
                       headers=api_headers("editor")).json
    assert body["status"] == "scheduled" and body["scheduled_revision"] == 2
    assert client.get(f"/api/v1/articles/{draft.slug}").status_code == 404


def test_illegal_moves_get_409(client, api_headers, draft):
    headers = api_headers("editor")
    client.post(f"/api/v1/articles/{draft.slug}/archive", headers=headers)
    response = client.post(f"/api/v1/articles/{draft.slug}/publish", headers=headers)
    assert response.status_code == 409 and response.json["error"]["code"] == "conflict"


def test_an_old_slug_answers_301_to_the_new_one(client, api_headers, published):
    headers = api_headers("editor")
    old_slug = published.slug
    client.put(f"/api/v1/articles/{published.id}", json={"title": "T", "body_markdown": "B", "slug": "renamed"},
               headers=headers | {"If-Match": '"2"'})
    client.post(f"/api/v1/articles/{published.id}/publish", headers=headers)
    response = client.get(f"/api/v1/articles/{old_slug}?x=1")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/api/v1/articles/renamed?x=1")
    page = client.get(f"/articles/{old_slug}")
    assert page.status_code == 301 and page.headers["Location"].endswith("/articles/renamed")


def test_published_list_is_newest_first_and_paginates(client, make_user):
    editor = make_user("editor")
    made = [factories.article(editor, publish=True).id for _ in range(5)]
    factories.article(editor)  # a draft is never listed
    page = client.get("/api/v1/articles?limit=2").json
    ids = [item["id"] for item in page["items"]]
    while page["next"]:
        page = client.get(page["next"]).json
        ids += [item["id"] for item in page["items"]]
    assert ids == list(reversed(made))


def test_editors_list_articles_by_state(client, api_headers, published, draft):
    headers = api_headers("editor")
    drafts = client.get("/api/v1/articles?status=draft", headers=headers).json["items"]
    assert [item["id"] for item in drafts] == [draft.id]


def test_the_cached_body_follows_visits_comments_and_publishing(client, api_headers, published, make_user):
    from cms.services import comments, moderation, pipeline, stats_fold
    from cms.services.stats import site_today

    slug = published.slug
    first = client.get(f"/api/v1/articles/{slug}").json
    stats_fold.fold_batch("b", [[published.id, site_today().isoformat(), 7]])
    assert client.get(f"/api/v1/articles/{slug}").json["visits"] == {"total": 7, "today": 7}
    comment = comments.submit(published, {"author_name": "A", "body": "Thanks"}, "192.0.2.1")
    pipeline.process(comment.id)
    moderation.decide(make_user("moderator"), comment.id, "approve")
    assert client.get(f"/api/v1/articles/{slug}").json["comment_count"] == first["comment_count"] + 1
    headers = api_headers("editor")
    client.put(f"/api/v1/articles/{slug}", json={"title": "Retitled", "body_markdown": "New"},
               headers=headers | {"If-Match": '"2"'})
    client.post(f"/api/v1/articles/{slug}/publish", headers=headers)
    again = client.get(f"/api/v1/articles/{slug}").json
    assert (again["title"], again["revision"], again["visits"]["total"]) == ("Retitled", 3, 7)
