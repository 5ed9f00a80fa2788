"""Reader pages: the list, an article, the feed, the sitemap, and the headers every page sends."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from cms.models import Role
from cms.services import articles, publishing
from tests import factories
from tests.html import elements, scripting_in


def test_the_front_page_lists_published_articles_only(client, make_user):
    editor = make_user(Role.EDITOR)
    factories.article(editor, title="Shown", publish=True)
    factories.article(editor, title="Hidden draft")
    page = client.get("/").get_data(as_text=True)
    assert "Shown" in page and "Hidden draft" not in page


def test_an_article_page_shows_the_live_revision_rendered_and_share_links(client, make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, title="Naps", body="A **short** nap helps.", publish=True)
    articles.save_revision(editor, article, 1, {"title": "Naps v2", "body_markdown": "Unpublished words"})
    page = client.get(f"/articles/{article.slug}").get_data(as_text=True)
    assert "<strong>short</strong>" in page
    assert "Unpublished words" not in page
    assert "https://twitter.com/intent/tweet?" in page and "mailto:?subject=Naps" in page
    assert "Visited 0 times, 0 visits today" in page


def test_markdown_cannot_inject_script_into_the_page(client, make_user):
    body = '<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>'
    article = factories.article(make_user(Role.EDITOR), body=body, publish=True)
    page = client.get(f"/articles/{article.slug}").get_data(as_text=True)
    assert scripting_in(page) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text, not run


@pytest.mark.parametrize("state", ["draft", "scheduled", "archived"])
def test_unpublished_articles_are_404_for_readers(client, make_user, state):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, publish=state == "archived")
    if state == "archived":
        publishing.archive(editor, article)
    elif state == "scheduled":
        from datetime import timedelta

        from cms.models.types import utcnow

        publishing.publish(editor, article, 1, utcnow() + timedelta(days=1))
    assert client.get(f"/articles/{article.slug}").status_code == 404


def test_the_atom_feed_lists_published_articles(client, make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, title="Feed me", publish=True)
    factories.article(editor, title="Not in feed")
    response = client.get("/feed.atom")
    assert response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [entry.findtext("a:title", namespaces=ns) for entry in root.findall("a:entry", ns)]
    assert titles == ["Feed me"]
    assert root.find("a:entry/a:link", ns).get("href").endswith(f"/articles/{article.slug}")


def test_the_sitemap_lists_published_articles(client, make_user):
    article = factories.article(make_user(Role.EDITOR), publish=True)
    root = ET.fromstring(client.get("/sitemap.xml").data)
    locations = [node.text for node in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(location.endswith(f"/articles/{article.slug}") for location in locations)


@pytest.mark.parametrize("path", ["/", "/login", "/feed.atom", "/api/v1/articles", "/nope", "/api/v1/nope"])
def test_every_response_sends_a_csp_without_inline_script(client, path):
    csp = client.get(path).headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "object-src 'none'" in csp


def test_pages_carry_no_inline_script_or_style(client, make_user, login_as):
    article = factories.article(make_user(Role.EDITOR), publish=True)
    login_as(Role.EDITOR)
    for path in ["/", f"/articles/{article.slug}", "/admin/articles", f"/admin/articles/{article.id}/edit",
                 f"/admin/articles/{article.id}/revisions"]:
        page = client.get(path).get_data(as_text=True)
        assert scripting_in(page) == [], path
        assert not [tag for tag, attrs in elements(page) if tag == "style" or "style" in attrs], path


def test_the_page_list_paginates_with_an_older_link(client, make_user):
    editor = make_user(Role.EDITOR)
    for _ in range(22):
        factories.article(editor, publish=True)
    first = client.get("/").get_data(as_text=True)
    assert first.count('<li>\n    <article>') == 20
    import re

    older = re.search(r'href="(/\?after=[^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    second = client.get(older).get_data(as_text=True)
    assert second.count('<li>\n    <article>') == 2
