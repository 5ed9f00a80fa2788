"""Reading a comment as a spam checker sees it: plain text, its links and their domains, its words.

A comment body arrives raw (Markdown, HTML fragments, bare URLs, entities such as `&#39;`), so
every check first reduces it to the same plain text; links are found both as written and inside
`href` attributes, since a spammer's anchor text rarely names the site it points to.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_TAG = re.compile(r"<[^>]*>")
_HREF = re.compile(r"""href\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_TLDS = "com|net|org|info|biz|ly|me|tv|co|io|be|gl|us|uk|ru|pl|ro|in|xyz|online|site|top|club"
_URL_PATTERN = (
    r"(?:https?://|www\.)[^\s<>\"'()\[\]]+"  # written as a URL
    rf"|(?<![@.\w-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})\b(?:/[^\s<>\"'()\[\]]*)?"  # a bare domain name, not an email's
)
_URL = re.compile(_URL_PATTERN, re.IGNORECASE)
# The same, for lowered ASCII text (see `CaselessHint`): the same spans, at about half the cost.
_URL_IN_LOWERCASE = re.compile(_URL_PATTERN)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ASCII_OUTSIDE_WORDS = str.maketrans({chr(code): " " for code in range(128)
                                      if not chr(code).isalnum() and chr(code) != "'"})
_ASCII_LETTERS, _ASCII_CAPITALS = string.ascii_letters.encode(), string.ascii_uppercase.encode()
CACHE_SIZE = 2048  # a batch screens each text several ways; results are immutable, so caching is safe
MAX_TOKEN_LENGTH = 100  # the model's token column holds 120 characters
# Second-level labels under which registrations happen (bbc.co.uk, nhs.uk itself is a registration).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "nhs", "ltd", "plc", "me"})


class CaselessHint:
    """Text a pattern cannot match without, searched case-insensitively and far more cheaply than the pattern.

    Written in lowercase: lowered ASCII text is searched case-sensitively (a case-insensitive
    search cannot skip ahead to its literal parts, and lowering ASCII moves nothing and matches
    what case-insensitive matching would), any other text case-insensitively.
    """

    def __init__(self, pattern: str) -> None:
        self._lowercase, self._any_case = re.compile(pattern), re.compile(pattern, re.IGNORECASE)

    def in_text(self, text: str, lowered: str | None) -> bool:
        """Whether `text` holds the hint; `lowered` is `ascii_lowered(text)`."""
        if lowered is not None:
            return self._lowercase.search(lowered) is not None
        return self._any_case.search(text) is not None


def ascii_lowered(text: str) -> str | None:
    """`text.lower()` for ASCII text, which a `CaselessHint` searches case-sensitively; None for any other."""
    return text.lower() if text.isascii() else None


# Every `_URL` match holds a scheme, `www.` or a dot before a known top-level domain: a text with
# none of them (most comments) skips the slower search. `_EMAIL` likewise needs an `@`.
_URL_HINT = CaselessHint(rf"https?://|www\.|\.(?:{_TLDS})\b")


@dataclass(frozen=True)
class Link:
    """One link found in a comment: the URL as written, its host, and the domain registered for it."""

    url: str
    host: str
    domain: str

    def within(self, domains: frozenset[str]) -> bool:
        """True if the link points at one of `domains` or a subdomain of one."""
        return self.domain in domains or any(self.host == d or self.host.endswith("." + d) for d in domains)


class _WithoutFormatCharacters(dict[int, int | None]):
    """A `str.translate` table that deletes invisible format characters (Unicode category Cf).

    Filled in as characters turn up: building it for all 1.1 million code points at once took a
    worker 0.3 s on its first comment outside ASCII. Each entry is final, so threads may share it.
    """

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) == "Cf" else code
        self[code] = kept
        return kept


_FORMAT_CHARACTERS_DELETED = _WithoutFormatCharacters()


@lru_cache(maxsize=CACHE_SIZE)
def plain_text(text: str) -> str:
    """The visible text: entities decoded, tags dropped, invisible format characters removed, NFKC.

    Cached: every check of one comment starts from it, and a batch screens each comment once.
    """
    decoded = html.unescape(html.unescape(text))
    decoded = _TAG.sub(" ", decoded) if "<" in decoded else decoded
    if decoded.isascii():
        return decoded  # no format characters, nothing for NFKC to change
    return unicodedata.normalize("NFKC", decoded.translate(_FORMAT_CHARACTERS_DELETED))


def host_of(url: str) -> str:
    """The host name of a URL written with or without a scheme, lowercased, without `www.`."""
    without_scheme = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower())
    host = re.split(r"[/?#:@]", without_scheme, maxsplit=1)[0].strip(".")
    return host.removeprefix("www.")


def registered_domain(host: str) -> str:
    """The part of a host someone registered (`bit.ly`, `bbc.co.uk`), without a public-suffix list."""
    labels = [label for label in host.split(".") if label]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def could_hold_url(text: str) -> bool:
    """Whether `_URL` can match in `text`: it holds a scheme, `www.` or a dot before a known top-level domain."""
    return _URL_HINT.in_text(text, ascii_lowered(text))


@lru_cache(maxsize=CACHE_SIZE)
def _url_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where `_URL` matches in `text`, in order.

    Cached: `find_links` and `words` both look for URLs, mostly in the same string (a comment
    with no entity, tag or character NFKC changes is its own plain text).
    """
    lowered = ascii_lowered(text)
    if not _URL_HINT.in_text(text, lowered):  # `could_hold_url`, with the text lowered once
        return ()
    if lowered is not None:
        return tuple(match.span() for match in _URL_IN_LOWERCASE.finditer(lowered))
    return tuple(match.span() for match in _URL.finditer(text))


def _without_urls(text: str) -> str:
    """`text` with every URL and domain name replaced by a space."""
    spans = _url_spans(text)
    if not spans:
        return text
    kept, position = [], 0
    for start, end in spans:
        kept.append(text[position:start])
        position = end
    kept.append(text[position:])
    return " ".join(kept)


@lru_cache(maxsize=CACHE_SIZE)
def find_links(text: str) -> tuple[Link, ...]:
    """Every distinct link in the raw text: bare URLs, `www.` names, domain names and `href`s."""
    raw = html.unescape(text)
    untagged = _TAG.sub(" ", raw) if "<" in raw else raw
    found: dict[str, Link] = {}
    hrefs = _HREF.findall(raw) if "=" in raw else ()  # every `href` is followed by one
    for url in [*hrefs, *(untagged[start:end] for start, end in _url_spans(untagged))]:
        url = url.rstrip(".,;:!?")
        host = host_of(url)
        if "." in host and url not in found:
            found[url] = Link(url, host, registered_domain(host))
    return tuple(found.values())


@lru_cache(maxsize=CACHE_SIZE)
def _visible_without_urls(text: str) -> str:
    """The visible text with its URLs taken out, which `words` and `letters` both start from."""
    return _without_urls(plain_text(text))


@lru_cache(maxsize=CACHE_SIZE)
def words(text: str) -> tuple[str, ...]:
    """Lowercase words of the visible text, links and email addresses removed, digits folded.

    An address is personal data, not evidence of spam: worried readers leave theirs (the pipeline
    masks it), and its made-up parts would otherwise teach the model noise.
    """
    visible = plain_text(text)
    # Addresses go first (a URL found first could eat part of one); without an `@` there are none.
    visible = _without_urls(_EMAIL.sub(" ", visible)) if "@" in visible else _visible_without_urls(text)
    found = _words_in(visible.lower())
    if not any(map(str.isdigit, found)):
        return tuple(found)
    # Digits are folded: `2015` and `1000000` say the same thing to a spam filter, a number.
    return tuple("#" if word.isdigit() else word for word in found)


def _words_in(lowered: str) -> list[str]:
    """`_WORD.findall(lowered)`; in ASCII text by `translate` and `split`, a third faster.

    Within ASCII a word's characters are the letters and digits, and `'` between two of them: every
    other character ends a word, so the runs `split` leaves are the words, but for runs that hold an
    apostrophe, which the pattern splits itself ("'tis", "don't", "a''b").
    """
    if not lowered.isascii():
        return _WORD.findall(lowered)
    runs = lowered.translate(_ASCII_OUTSIDE_WORDS).split()
    if "'" not in lowered:
        return runs
    found: list[str] = []
    for run in runs:
        if "'" in run:
            found += _WORD.findall(run)
        else:
            found.append(run)
    return found


@lru_cache(maxsize=CACHE_SIZE)
def normalized_text(text: str) -> str:
    """The text two copies of the same comment share: lowercase words, no links' parameters, no punctuation."""
    # Neither a word nor a domain holds a space or is empty, so one join leaves single spaces.
    return " ".join([link.domain for link in find_links(text)] + list(words(text)))


@lru_cache(maxsize=CACHE_SIZE)
def letters(text: str) -> tuple[int, int]:
    """How many letters the visible text has, and how many of them are capitals.

    ASCII text (most comments) is counted by deleting the letters from its bytes, in C: within
    ASCII, `str.isalpha` and `str.isupper` hold for exactly those bytes, and asking each
    character in Python cost more than the rest of the spam heuristics together.
    """
    visible = _visible_without_urls(text)
    if visible.isascii():
        raw = visible.encode("ascii")
        return len(raw) - len(raw.translate(None, _ASCII_LETTERS)), len(raw) - len(raw.translate(None, _ASCII_CAPITALS))
    return sum(map(str.isalpha, visible)), sum(map(str.isupper, visible))


@lru_cache(maxsize=CACHE_SIZE)
def tokens(text: str) -> tuple[str, ...]:
    """The classifier's features, each once: words, word pairs, link domains, and shouting.

    Pairs catch phrases ("my channel", "check out") that single words share with normal talk;
    `domain:` tokens let a site's name count wherever it appears, so moderators' decisions teach
    the model which sites readers cite. How many links a comment has is left to the `links` check,
    which knows the site's trusted domains; a length feature was tried and dropped (it hurt).
    """
    found = words(text)
    features = [*found, *map(" ".join, zip(found, found[1:], strict=False))]
    features += [f"domain:{link.domain}" for link in find_links(text)]
    count, capitals = letters(text)
    if count >= 8 and capitals / count >= 0.7:
        features.append("shape:caps")
    if max(map(len, features), default=0) > MAX_TOKEN_LENGTH:
        features = [feature[:MAX_TOKEN_LENGTH] for feature in features]
    return tuple(dict.fromkeys(features))
