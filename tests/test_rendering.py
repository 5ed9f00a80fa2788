"""Rendering comments for readers and moderators in one pass, and articles through Markdown."""

from __future__ import annotations

from cms.checks.pii import MASKS, scan
from cms.rendering import paragraphs, render_article, render_comment, render_comment_versions
from tests.html import scripting_in


def test_blank_lines_make_paragraphs_and_newlines_are_kept():
    assert paragraphs("one\ntwo\n\n\nthree\r\n") == "<p>one<br>\ntwo</p>\n<p>three</p>\n"


def test_readers_text_is_not_reinterpreted_as_markdown():
    assert render_comment("1. my_name_is *jo*") == "<p>1. my_name_is *jo*</p>\n"


def test_allowed_tags_survive_and_others_are_stripped():
    html = render_comment("<em>really</em> <blockquote>quoted</blockquote> <h1>big</h1> <img src=x onerror=alert(1)>")
    assert "<em>really</em>" in html and "<blockquote>quoted</blockquote>" in html
    assert "<h1>" not in html and "<img" not in html and scripting_in(html) == []


def test_one_pass_masks_for_readers_and_marks_for_moderators():
    text = "Call 07700 900123 or mail jo.smith@gmail.com\n\nI'm 13"
    html = render_comment_versions(text, scan(text), MASKS)
    assert html.public == "<p>Call [phone hidden] or mail [email hidden]</p>\n<p>[age hidden]</p>\n"
    assert '<mark class="pii pii-phone">07700 900123</mark>' in html.review
    assert '<mark class="pii pii-email">jo.smith@gmail.com</mark>' in html.review
    assert '<mark class="pii pii-minor_age">I\'m 13</mark>' in html.review


def test_personal_data_inside_a_link_is_masked_in_the_link_too():
    text = '<a href="mailto:jo@example.org">write to jo@example.org</a>'
    html = render_comment_versions(text, scan(text), MASKS)
    assert "jo@example.org" not in html.public
    assert "jo@example.org" in html.review and scripting_in(html.review) == []


def test_a_span_split_by_a_tag_takes_the_slow_path_and_is_still_masked():
    text = "mail jo.smith<em>@gmail.com</em> please"
    findings = [type("F", (), {"kind": "email", "start": 5, "end": 33})()]
    html = render_comment_versions(text, findings, MASKS)
    assert "gmail" not in html.public and "[email hidden]" in html.public
    assert "\ue010" not in html.review and "\ue01f" not in html.review and "<mark" in html.review


def test_articles_are_markdown_with_raw_html_escaped():
    assert render_article("# Title\n\n*a* <b>b</b>") == "<h1>Title</h1>\n<p><em>a</em> &lt;b&gt;b&lt;/b&gt;</p>\n"
