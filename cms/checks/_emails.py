"""Email addresses, written plainly or to dodge filters (`jo @ gmail . com`, `jo at gmail dot com`).

A candidate is a local part, an "at" and a run of domain labels joined by "dots". A symbol or a
bracketed word (`@`, `(at)`, `[dot]`) is a deliberate address; a bare word (`at`, `dot`) is also
ordinary English, so a bare `at` needs more: a mail provider, an address-like local part, a
nearby "email", or a spelled-out dot after a word that does not usually come before "at". The
domain is cut after its last label that can end an address, which for spelled-out or spaced dots
means a known top-level domain ("gmail dot com. Thanks" ends at "com").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cms.checks._context import clause_before

Span = tuple[int, int]

# Top-level domains readers actually write; only needed where the dot is spelled out or spaced.
_KNOWN_TLDS = frozenset("""
    com net org edu gov mil int info biz io co uk us ca au nz ie de fr es it nl be ch at se no dk fi
    pl pt br mx ar cl za in jp cn ru eu ac me tv ly gg je im sg hk my ph ng ke gr tr cz sk hu ro bg hr
    si ua il ae sa pk lk vn th id kr tw is lu li mt cy ee lv lt rs ba mk al
""".split())
# After a dot followed only by a space, a label ends an address only if it cannot start a sentence.
_SAFE_AFTER_SPACE = frozenset("com net org edu gov uk co io de fr au ca ie nz es nl info".split())
_PROVIDERS = frozenset("""
    gmail googlemail yahoo ymail hotmail outlook live msn aol icloud me mac protonmail proton pm gmx
    web mail btinternet btopenworld sky virginmedia talktalk ntlworld tiscali blueyonder yandex zoho
    fastmail tutanota orange wanadoo free laposte libero seznam onet wp interia eircom bigpond optusnet
    rediffmail qq 163 naver comcast verizon att sbcglobal bellsouth shaw rogers telus
""".split())
# Providers named often enough that "jo@gmail" with no ".com" is still an address.
_DISTINCTIVE_PROVIDERS = frozenset("""
    gmail googlemail yahoo ymail hotmail outlook icloud protonmail gmx btinternet aol yandex
""".split())
# Words that often stand before a bare "at" in prose ("look at", "available at", "I'm at").
_PROSE_BEFORE_AT = frozenset("""
    a an the it its this that these those them they me us him her you we he she one ones here there
    i i'm im i’m we're you're they're he's she's it's that's there's what's who's
    is are was were be been being am look looks looked looking glance stare read reading see seen saw
    check checked visit visited find found available online posted published listed sold bought buy
    shop shopped work works worked working job stay stayed live lived meet met arrive arrived home
    school uni college office clinic hospital review reviews article articles paper study research
    info details more information guide leaflet page site website link blog post forum video podcast
    story something anything everything nothing all only just even both out up down off back
    good bad great best better cheaper cheapest free sign signed register registered order ordered
    aimed aim laugh laughed smile smiled angry mad upset
""".split())

_LOCAL = r"(?:[^\W_][\w+'-]{0,40}\s+dot\s+){0,3}[^\W_](?:[\w.+'-]{0,62}[\w+-])?"
_AT = r"(?P<strong>\s*@\s*|\s*[(\[{<]\s*(?:at|@)\s*[)\]}>]\s*)|(?P<weak>\s+at\s+)"
_DOT = (r"(?:\.(?![\s.])|\s+\.\s*|\.\s+(?=(?:" + "|".join(sorted(_SAFE_AFTER_SPACE)) + r")\b)"
        r"|\s*[(\[{<]\s*(?:dot|\.)\s*[)\]}>]\s*|\s+dot\s+)")
_LABEL = r"[^\W_][\w-]{0,62}"

_CANDIDATE = re.compile(
    rf"(?<![\w.+'@-])(?P<local>{_LOCAL})(?:{_AT})(?P<domain>{_LABEL}(?:{_DOT}{_LABEL}){{0,5}})",
    re.IGNORECASE,
)
_DOT_SPLIT = re.compile(f"({_DOT})", re.IGNORECASE)
# What `find` needs before it can find anything: an `@` or a bracketed "at", or a bare "at" before
# a label, a dot in any of `_DOT`'s spellings and another label, or before a distinctive provider's name
# (`_address_end` drops every other bare-"at" candidate). Most comments say "at" only in prose.
_BRACKETED_AT = re.compile(r"[(\[{<]\s*at\s*[)\]}>]", re.IGNORECASE)
_COULD_BE_WEAK = re.compile(
    rf"\sat\s+(?:{_LABEL}{_DOT}[^\W_]|(?:" + "|".join(sorted(_DISTINCTIVE_PROVIDERS)) + r")(?![\w-]))", re.IGNORECASE)
_EMAIL_WORDS = re.compile(r"\b(?:e-?mail|mail|contact|reach|write|message|inbox|address|dm)\b", re.IGNORECASE)
_FOLLOWED_BY_AT = re.compile(r"\s*(?:@|[(\[{<]\s*(?:at|@)\s*[)\]}>])", re.IGNORECASE)


def could_hold_address(text: str) -> bool:
    """Whether `find` can find anything in `text` (a cheap test that most comments fail)."""
    # `@` by a substring search, and a bracketed "at" by a pattern that starts with its bracket (the
    # regex engine skips ahead to one): one pattern for both could skip ahead to neither.
    return "@" in text or _BRACKETED_AT.search(text) is not None or _COULD_BE_WEAK.search(text) is not None


def find(text: str) -> Iterator[Span]:
    """Spans of email addresses, plain or obfuscated."""
    position = 0
    while match := _CANDIDATE.search(text, position):
        end = _address_end(text, match)
        if end is None:
            position = match.start() + 1
            continue
        yield match.start(), end
        position = end


def _address_end(text: str, match: re.Match[str]) -> int | None:
    """Where the address in a candidate ends, or None when the candidate is not an address."""
    strong = match.group("strong") is not None
    labels, separators = _labels(match.group("domain"))
    kept = _valid_label_count(labels, separators)
    if kept < 2 and labels[0].lower() not in _DISTINCTIVE_PROVIDERS:
        return None
    end = match.start("domain") + sum(map(len, labels[:kept])) + sum(map(len, separators[:kept - 1]))
    if labels[0].lower() == "www" or _FOLLOWED_BY_AT.match(text, end):
        return None
    if not strong and not _bare_at_is_address(text, match, labels, separators[:kept - 1]):
        return None
    return end


def _labels(domain: str) -> tuple[list[str], list[str]]:
    """Split a domain candidate into its labels and the dots between them."""
    parts = _DOT_SPLIT.split(domain)
    return parts[0::2], parts[1::2]


def _valid_label_count(labels: list[str], separators: list[str]) -> int:
    """How many leading labels form a domain that ends on a label able to end an address."""
    for count in range(len(labels), 1, -1):
        if _can_end(labels[count - 1], separators[count - 2]):
            return count
    return 1


def _can_end(label: str, separator: str) -> bool:
    """Any alphabetic label can end `name@host.tld`; spaced or spelled-out dots need a known TLD."""
    if not label.isalpha() or len(label) < 2:
        return False
    return separator == "." or label.lower() in _KNOWN_TLDS


def _bare_at_is_address(text: str, match: re.Match[str], labels: list[str], separators: list[str]) -> bool:
    """A bare word `at` makes an address only with some sign that an address was meant."""
    local = match.group("local")
    if local.lower() in _PROSE_BEFORE_AT:
        return False
    address_like = any(mark in local for mark in "._+0123456789")
    if address_like or _EMAIL_WORDS.search(clause_before(text, match.start(), 60)):
        return True
    if not separators:  # no top-level domain: "laughs at gmail" is not enough on its own
        return False
    return labels[0].lower() in _PROVIDERS or any(separator != "." for separator in separators)
