"""Every public XSS payload through the comment and article pipelines: no script can survive."""

from __future__ import annotations

import pytest

from cms.rendering import render_article, render_comment, render_comment_for_review
from cms.sanitize import clean_comment_html, is_safe_comment_url, url_scheme
from tests.html import elements, scripting_in
from tests.security.payloads import load_payloads

ALLOWED_COMMENT_TAGS = {"p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
PAYLOADS = load_payloads()


class _Span:
    def __init__(self, start: int, end: int) -> None:
        self.kind, self.start, self.end = "email", start, end


@pytest.mark.parametrize(("vector_id", "payload"), PAYLOADS, ids=[p[0] for p in PAYLOADS])
def test_payload_leaves_no_script_in_any_rendering(vector_id, payload):
    for html in (render_comment(payload), clean_comment_html(payload), render_article(payload),
                 render_comment_for_review(payload, [_Span(0, min(5, len(payload)))])):
        assert scripting_in(html) == [], html
    comment_tags = {tag for tag, _ in elements(render_comment(payload))}
    assert comment_tags <= ALLOWED_COMMENT_TAGS


def test_the_payload_sets_are_all_there():
    assert len(PAYLOADS) >= 223 + 18 + 60


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "\x01javascript:alert(1)",
    "java\tscript:alert(1)", "java\nscript:alert(1)", "&#106;avascript:alert(1)", "javascript&colon;alert(1)",
    "javascript:123", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "/relative", "//evil.example",
])
def test_comment_links_need_an_absolute_safe_scheme(href):
    assert not is_safe_comment_url(href)


@pytest.mark.parametrize("href", ["https://www.nhs.uk/conditions/insomnia/", "http://example.org", "mailto:a@b.org"])
def test_ordinary_links_are_kept_with_nofollow_ugc_noopener(href):
    assert is_safe_comment_url(href)
    html = render_comment(f'<a href="{href}">see</a>')
    [(tag, attrs)] = [e for e in elements(html) if e[0] == "a"]
    assert attrs["rel"] == "nofollow ugc noopener" and attrs["href"] == href


def test_bare_urls_are_linked_but_emails_are_not():
    html = render_comment("see https://www.cdc.gov/sleep or write to me@example.org")
    links = [attrs["href"] for tag, attrs in elements(html) if tag == "a"]
    assert links == ["https://www.cdc.gov/sleep"]


def test_the_scheme_is_read_as_a_browser_reads_it():
    assert url_scheme("  \x00JAVA\tSCRIPT:x") == "javascript"
    assert url_scheme("/path:with-colon") is None
