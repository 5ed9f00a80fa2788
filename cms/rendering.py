"""Markdown to safe HTML: markdown-it-py renders, then `cms.sanitize` cleans.

Articles are CommonMark plus tables and strikethrough, with raw HTML escaped (editors write
Markdown, not markup). Comments are CommonMark with single newlines kept as line breaks, the way
readers type; their raw HTML is passed on to the comment policy, which keeps only its allow-list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

from markdown_it import MarkdownIt

from cms.sanitize import clean_article_html, clean_comment_html, clean_review_html


@lru_cache(maxsize=1)
def _article_markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


@lru_cache(maxsize=1)
def _comment_markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "breaks": True}).disable(["heading", "lheading", "image"])


@lru_cache(maxsize=256)
def render_article(markdown_text: str) -> str:
    """An article body as sanitized HTML (memoized: the same text always renders the same)."""
    return clean_article_html(_article_markdown().render(markdown_text))


def render_comment(text: str) -> str:
    """A reader's comment as sanitized HTML under the strict comment policy."""
    return clean_comment_html(_comment_markdown().render(text))


class Span(Protocol):
    """A marked stretch of a comment's raw text (a personal-data finding)."""

    kind: str
    start: int
    end: int


_MARK_START = {"email": "\ue010", "phone": "\ue011", "minor_age": "\ue012"}
_MARK_END = "\ue01f"
_SENTINELS = re.compile("[\ue010-\ue01f]")
_TAG = re.compile(r'<[^<>"]*(?:"[^"]*"[^<>"]*)*>')


def render_comment_for_review(text: str, spans: Iterable[Span]) -> str:
    """The original comment as moderators see it, each personal-data span wrapped in <mark>.

    Markers from the Unicode private-use area go round each span before rendering (readers'
    text never contains them: intake strips that range), are removed from inside tags, and
    become <mark> elements; the result is cleaned again so the marks cannot break nesting.
    """
    marked = text
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        marked = (marked[: span.start] + _MARK_START.get(str(span.kind), "") + marked[span.start: span.end]
                  + _MARK_END + marked[span.end:])
    html = render_comment(marked)
    html = _TAG.sub(lambda tag: _SENTINELS.sub("", tag.group()), html)
    for kind, start in _MARK_START.items():
        html = html.replace(start, f'<mark class="pii pii-{kind}">')
    return clean_review_html(html.replace(_MARK_END, "</mark>"))
