"""Markdown to safe HTML: markdown-it-py renders, then `cms.sanitize` cleans.

Articles are CommonMark plus tables and strikethrough, with raw HTML escaped (editors write
Markdown, not markup). Comments are CommonMark with single newlines kept as line breaks, the way
readers type; their raw HTML is passed on to the comment policy, which keeps only its allow-list.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

from cms.sanitize import clean_article_html, clean_comment_html


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
