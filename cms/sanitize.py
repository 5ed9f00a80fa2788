"""The one sanitizing chokepoint: the only module that imports bleach.

Everything a person wrote (an editor's Markdown, a reader's comment) reaches a page as HTML
only through `clean_article_html` or `clean_comment_html`. Each policy is a strict allow-list
with a version number stored beside what it produced, so stored HTML can be re-made when the
policy changes (bleach 6.4 is its last release; keeping it here makes replacing it one module).

Links are checked by their scheme as a browser's URL parser reads it (entities decoded, tabs
and newlines removed, leading control characters and spaces stripped), because bleach 6.4 lets
some values such as `javascript:123` through its own check.

Most comments are plain sentences: paragraphs and line breaks around text with no `<`, `>` or
`&`, no control character and nothing the linkifier could take for a domain. For those the
cleaner's parse and re-serialization return the fragment unchanged (checked against every Unicode
code point and the benchmark corpus in `tests/security/test_sanitizer_shortcut.py`), so
`clean_comment_html` returns them without parsing. Nothing is trusted that could hold markup: the
shortcut only accepts fragments with no tag but `<p>`, `</p>` and `<br>` and no character reference.

Plain paragraphs that do hold a domain or URL (a fifth of comments) skip the parse too: their text
between tags goes through bleach's own linkifier (`LinkifyFilter.handle_links`, same regex, same
callbacks), and only the links it makes are written out here. The parse, the sanitizing walk and the
re-serialization around it are the identity on such text, as above; a link whose attributes would
need escaping goes the long way. The same test file holds this against bleach.

Paragraphs whose text also holds character references, `>` or a `<` that opens no markup (`5 < 6`,
`Q&amp;A`) skip only the parse: what it would give is known from the text (`paragraph_tokens`,
tested to equal html5lib's tokens), and bleach's own sanitizing filter, linkifier and serializer
run on it. Anything holding markup is parsed by bleach, as before.
"""

from __future__ import annotations

import html
import re
import threading
from collections import OrderedDict
from functools import cache, partial

from bleach._vendor.html5lib.treewalkers.base import TreeWalker
from bleach.linkifier import LinkifyFilter
from bleach.sanitizer import BleachSanitizerFilter, Cleaner

ARTICLE_POLICY_VERSION = 1
COMMENT_POLICY_VERSION = 1

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
COMMENT_LINK_REL = "nofollow ugc noopener"

_COMMENT_TAGS = frozenset({
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li", "a",
})
_ARTICLE_TAGS = _COMMENT_TAGS | frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "table", "thead", "tbody", "tr", "th", "td",
    "del", "s", "sup", "sub",
})

# Text that html5lib keeps as it is: no markup, no character reference, no C0 control but tab and
# newline (NUL and the others are replaced or dropped). The newline only after <br>, as `paragraphs` writes it.
_PLAIN = r"[^<>&\x00-\x08\x0a-\x1f]*"
_PLAIN_PARAGRAPHS = re.compile(rf"(?:<p>{_PLAIN}(?:<br>\n{_PLAIN})*</p>\n)*")
# Every link the linkifier makes has a word character or hyphen, a dot and then a letter (each
# top-level domain in bleach's list starts with one); a fragment without that has nothing to link.
# Written to start at the dot, which the regex engine can skip ahead to: ten times faster than
# trying a word character at every position.
_MAYBE_DOMAIN = re.compile(r"\.(?<=[\w-]\.)[^\W\d_]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would parse from an attribute value, or None for a relative URL."""
    text = _TAB_OR_NEWLINE.sub("", html.unescape(value)).strip("".join(map(chr, range(0x21))))
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else None


def is_safe_comment_url(value: str) -> bool:
    """Comments may link only to absolute http, https and mailto URLs."""
    return url_scheme(value) in SAFE_SCHEMES


def is_safe_article_url(value: str) -> bool:
    """Articles may also use relative links (`/articles/x`, `#notes`) written by editors."""
    scheme = url_scheme(value)
    return scheme is None or scheme in SAFE_SCHEMES


def _attribute_filter(url_check: object, allowed: dict[str, frozenset[str]]) -> object:
    """Build bleach's attribute callable: listed attributes only, URLs through `url_check`."""

    def allow(tag: str, name: str, value: str) -> bool:
        if name not in allowed.get(tag, frozenset()):
            return False
        if name in {"href", "src"}:
            return url_check(value)  # type: ignore[operator]
        return True

    return allow


def _set_comment_rel(attrs: dict, new: bool = False) -> dict:
    """Linkify callback: every link in a comment is nofollow, ugc and noopener."""
    attrs[(None, "rel")] = COMMENT_LINK_REL
    return attrs


def _strip_unsafe_new_link(attrs: dict, new: bool = False) -> dict | None:
    """Linkify callback: a link the linkifier made must pass the same scheme check."""
    href = attrs.get((None, "href"), "")
    return attrs if is_safe_comment_url(href) else None


# How comments are linkified, by the cleaner's filter and by the plain-paragraph path alike.
_COMMENT_LINKIFY = {"callbacks": [_strip_unsafe_new_link, _set_comment_rel], "skip_tags": {"pre", "code"},
                    "parse_email": False}


def _comment_cleaner() -> Cleaner:
    allowed = {"a": frozenset({"href", "title"}), "ol": frozenset({"start"})}
    linkify = partial(LinkifyFilter, **_COMMENT_LINKIFY)
    return Cleaner(
        tags=_COMMENT_TAGS,
        attributes=_attribute_filter(is_safe_comment_url, allowed),
        protocols=SAFE_SCHEMES,
        strip=True,
        strip_comments=True,
        filters=[linkify],
    )


def _article_cleaner() -> Cleaner:
    allowed = {
        "a": frozenset({"href", "title"}),
        "img": frozenset({"src", "alt", "title"}),
        "ol": frozenset({"start"}),
        "th": frozenset({"colspan", "rowspan"}),
        "td": frozenset({"colspan", "rowspan"}),
    }
    return Cleaner(
        tags=_ARTICLE_TAGS,
        attributes=_attribute_filter(is_safe_article_url, allowed),
        protocols=SAFE_SCHEMES,
        strip=True,
        strip_comments=True,
    )


PII_MARK_CLASSES = frozenset({"pii pii-email", "pii pii-phone", "pii pii-minor_age"})


def _review_cleaner() -> Cleaner:
    """The comment policy plus <mark> for the personal data a moderator should notice."""
    allowed = {"a": frozenset({"href", "title", "rel"}), "ol": frozenset({"start"}), "mark": frozenset({"class"})}
    base = _attribute_filter(is_safe_comment_url, allowed)

    def allow(tag: str, name: str, value: str) -> bool:
        if tag == "mark":
            return name == "class" and value in PII_MARK_CLASSES
        if tag == "a" and name == "rel":
            return value == COMMENT_LINK_REL
        return base(tag, name, value)  # type: ignore[operator]

    return Cleaner(tags=_COMMENT_TAGS | {"mark"}, attributes=allow, protocols=SAFE_SCHEMES, strip=True,
                   strip_comments=True)


class _Cleaners(threading.local):
    """One cleaner per policy per thread: bleach's Cleaner is not thread-safe, and building one is costly."""

    article: Cleaner | None = None
    comment: Cleaner | None = None
    review: Cleaner | None = None


_cleaners = _Cleaners()


def clean_article_html(fragment: str) -> str:
    """Sanitize HTML rendered from an editor's Markdown with the article policy."""
    if _cleaners.article is None:
        _cleaners.article = _article_cleaner()
    return _cleaners.article.clean(fragment)


def is_already_clean_comment(fragment: str) -> bool:
    """True for plain paragraphs that the comment cleaner would return unchanged (see the module's docstring)."""
    return _PLAIN_PARAGRAPHS.fullmatch(fragment) is not None and _has_nothing_to_link(fragment)


def _has_nothing_to_link(plain_paragraphs: str) -> bool:
    """Whether plain paragraphs hold nothing the linkifier could take for a domain."""
    return _MAYBE_DOMAIN.search(plain_paragraphs) is None


def clean_comment_html(fragment: str) -> str:
    """Sanitize HTML rendered from a reader's comment: strict tags, safe links, rel=nofollow ugc."""
    if _PLAIN_PARAGRAPHS.fullmatch(fragment) is None:
        if _PARAGRAPHS_OF_TEXT.fullmatch(fragment) is not None:
            return _clean_paragraphs_of_text(fragment)
        return clean_comment_html_by_bleach(fragment)
    if _has_nothing_to_link(fragment):
        return fragment  # `is_already_clean_comment`
    linked = _linkify_plain_paragraphs(fragment)
    return clean_comment_html_by_bleach(fragment) if linked is None else linked


# Between the tags of plain paragraphs: `<p>`, `</p>` and `<br>` are the only ones they hold.
_BETWEEN_TAGS = re.compile(r"(<[^<>]*>)")
# An attribute value the serializer would write as it is inside double quotes.
_VERBATIM_ATTRIBUTE = re.compile(r'[^&<>"]*')


@cache
def _plain_linkifier() -> LinkifyFilter:
    """bleach's linkify filter with the comment policy's settings, used for its `handle_links` alone.

    `handle_links` keeps no state between calls (it reads the regexes and callbacks), so one
    instance serves every thread.
    """
    return LinkifyFilter(source=iter(()), **_COMMENT_LINKIFY)


def _linkify_plain_paragraphs(fragment: str) -> str | None:
    """Plain paragraphs with their URLs linked as bleach links them; None if a link needs escaping."""
    written: list[str] = []
    for at, part in enumerate(_BETWEEN_TAGS.split(fragment)):
        if at % 2 or _MAYBE_DOMAIN.search(part) is None:
            written.append(part)
            continue
        for token in _plain_linkifier().handle_links(iter([{"type": "Characters", "data": part}])):
            serialized = _serialized(token)
            if serialized is None:
                return None
            written.append(serialized)
    return "".join(written)


def _serialized(token: dict) -> str | None:
    """A token `handle_links` gives, as bleach's serializer writes it; None for anything else."""
    kind = token["type"]
    if kind == "Characters":
        return token["data"]  # a piece of the plain text: nothing in it to escape
    if kind == "EndTag" and token["name"] == "a":
        return "</a>"
    if kind != "StartTag" or token["name"] != "a":
        return None
    attributes = []
    for key, value in token["data"].items():
        if not (isinstance(key, tuple) and key[0] is None and _VERBATIM_ATTRIBUTE.fullmatch(value)):
            return None
        attributes.append(f' {key[1]}="{value}"')
    return "<a" + "".join(attributes) + ">"


# Paragraphs whose text may also hold character references, `>`, and a `<` that opens nothing (one
# before a space, a digit, another `<`...: html5lib reads a `<` as the start of markup only before
# a letter, `!`, `/` or `?`). Their parse is known without parsing: each paragraph's start tag, its
# text as it is written (bleach's tokenizer leaves character references to its sanitizing filter),
# `<br>` between lines, its end tag.
_TEXT = r"(?:[^<\x00-\x08\x0a-\x1f]|<(?![A-Za-z!/?]))*"
_PARAGRAPHS_OF_TEXT = re.compile(rf"(?:<p>{_TEXT}(?:<br>\n{_TEXT})*</p>\n)*")
_TOKENS = TreeWalker(None)  # html5lib's own token makers, which the tree walker uses after a parse


def paragraph_tokens(fragment: str) -> list[dict]:
    """The tokens html5lib's tree walker gives for `_PARAGRAPHS_OF_TEXT`, made from the fragment's own pieces."""
    tokens: list[dict] = []
    for paragraph in fragment.split("</p>\n")[:-1]:
        tokens.append(_TOKENS.startTag(None, "p", OrderedDict()))
        for at, line in enumerate(paragraph.removeprefix("<p>").split("<br>")):
            if at:
                tokens.extend(_TOKENS.emptyTag(None, "br", OrderedDict()))
            tokens.extend(_TOKENS.text(line))
        tokens.append(_TOKENS.endTag(None, "p"))
        tokens.extend(_TOKENS.text("\n"))
    return tokens


def _clean_paragraphs_of_text(fragment: str) -> str:
    """The comment cleaner's own filters and serializer over the tokens its parse would give (`Cleaner.clean`'s tail).

    Only the parse is left out: for a paragraph of text with an `&` it was about half of bleach's time.
    """
    cleaner = _comment_cleaner_of_thread()
    filtered = BleachSanitizerFilter(
        source=iter(paragraph_tokens(fragment)), allowed_tags=cleaner.tags, attributes=cleaner.attributes,
        strip_disallowed_tags=cleaner.strip, strip_html_comments=cleaner.strip_comments,
        css_sanitizer=cleaner.css_sanitizer, allowed_protocols=cleaner.protocols)
    for filter_class in cleaner.filters:
        filtered = filter_class(source=filtered)
    return cleaner.serializer.render(filtered)


def _comment_cleaner_of_thread() -> Cleaner:
    """This thread's comment cleaner, made on first use."""
    if _cleaners.comment is None:
        _cleaners.comment = _comment_cleaner()
    return _cleaners.comment


def clean_comment_html_by_bleach(fragment: str) -> str:
    """The comment policy through bleach's parser every time: the benchmark's floor, the shortcut's reference."""
    return _comment_cleaner_of_thread().clean(fragment)


def clean_review_html(fragment: str) -> str:
    """Re-clean comment HTML after personal-data highlights were added (fixes any broken nesting)."""
    if _cleaners.review is None:
        _cleaners.review = _review_cleaner()
    return _cleaners.review.clean(fragment)
