"""Text to safe HTML: articles through Markdown, comments as typed; `cms.sanitize` cleans both.

Articles are CommonMark plus tables and strikethrough, with raw HTML escaped (editors write
Markdown, not markup). Comments are what readers type: plain text whose blank lines make
paragraphs and whose newlines are kept, with the few tags the comment policy allows (emphasis,
quotes, lists, links...) — the way WordPress treats comments. Markdown would rewrite readers'
text behind their backs (a `*` or `_` in a name, a line starting `1.`), and costs a second parse.

A comment is rendered once for two audiences: readers get personal data masked, moderators get
it highlighted. Markers from the Unicode private-use area go round each finding before the one
sanitizing pass (readers' text never contains them: intake strips that range); afterwards each
marked span becomes the mask or a <mark>. A span that came out split by a tag takes the slow path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from markdown_it import MarkdownIt

from cms.sanitize import clean_article_html, clean_comment_html, clean_review_html

_BLANK_LINE = re.compile(r"\n[ \t]*\n+")
_MARK_START = {"email": "\ue010", "phone": "\ue011", "minor_age": "\ue012"}
_KIND_OF = {start: kind for kind, start in _MARK_START.items()}
_MARK_END = "\ue01f"
_SENTINELS = re.compile("[\ue010-\ue01f]")
_SPAN = re.compile("([\ue010-\ue012])([^\ue010-\ue01f<>]*)\ue01f")
_TAG = re.compile(r'<[^<>"]*(?:"[^"]*"[^<>"]*)*>')
_MARKER_IN_TAG = re.compile("<[^<>]*[\ue010-\ue01f]")


@lru_cache(maxsize=1)
def _article_markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


@lru_cache(maxsize=256)
def render_article(markdown_text: str) -> str:
    """An article body as sanitized HTML (memoized: the same text always renders the same)."""
    return clean_article_html(_article_markdown().render(markdown_text))


def paragraphs(text: str) -> str:
    """A reader's text as paragraphs: blank lines separate them, single newlines become <br>."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = (block.strip("\n") for block in _BLANK_LINE.split(text))
    return "".join(f"<p>{block.replace(chr(10), '<br>' + chr(10))}</p>\n" for block in blocks if block.strip())


def render_comment(text: str) -> str:
    """A reader's comment as sanitized HTML under the strict comment policy."""
    return clean_comment_html(paragraphs(text))


class Span(Protocol):
    """A marked stretch of a comment's raw text (a personal-data finding)."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class CommentHtml:
    """One comment rendered for readers (personal data masked) and for moderators (highlighted)."""

    public: str
    review: str


def _with_markers(text: str, spans: Iterable[Span]) -> str:
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        text = (text[: span.start] + _MARK_START.get(str(span.kind), "") + text[span.start: span.end]
                + _MARK_END + text[span.end:])
    return text


def render_comment_versions(text: str, spans: Iterable[Span], masks: Mapping[str, str]) -> CommentHtml:
    """Both renderings of a comment from one sanitizing pass (the slow path only when a tag splits a span)."""
    spans = list(spans)
    if not spans:
        html = render_comment(text)
        return CommentHtml(html, html)
    marked = clean_comment_html(paragraphs(_with_markers(text, spans)))
    public = _SPAN.sub(lambda m: masks[_KIND_OF[m.group(1)]], marked)
    in_tags = _MARKER_IN_TAG.search(marked) is not None  # rare: a finding inside a link's address
    review = _SPAN.sub(lambda m: f'<mark class="pii pii-{_KIND_OF[m.group(1)]}">{m.group(2)}</mark>',
                       _TAG.sub(lambda tag: _SENTINELS.sub("", tag.group()), marked) if in_tags else marked)
    if _SENTINELS.search(public) or _SENTINELS.search(review):
        return _render_split_spans(text, spans, masks)
    return CommentHtml(public, review)


def _render_split_spans(text: str, spans: list[Span], masks: Mapping[str, str]) -> CommentHtml:
    """Masking before sanitizing, and marks re-cleaned after: right for any span, at twice the cost."""
    masked = text
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        masked = masked[: span.start] + masks[str(span.kind)] + masked[span.end:]
    return CommentHtml(render_comment(masked), render_comment_for_review(text, spans))


def render_comment_for_review(text: str, spans: Iterable[Span]) -> str:
    """The original comment with each span in <mark>, re-cleaned so marks cannot break nesting."""
    html = clean_comment_html(paragraphs(_with_markers(text, spans)))
    html = _TAG.sub(lambda tag: _SENTINELS.sub("", tag.group()), html)
    for kind, start in _MARK_START.items():
        html = html.replace(start, f'<mark class="pii pii-{kind}">')
    return clean_review_html(html.replace(_MARK_END, "</mark>"))
