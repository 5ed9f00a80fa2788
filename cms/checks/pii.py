"""Personal data in a comment: email addresses, phone numbers and a child's own stated age.

`scan` reports where they are, `mask` replaces them for readers, `kinds` names them for the
moderation queue. Each kind has its own detector module (`_emails`, `_phones`, `_ages`) that
finds candidate spans with linear-time regular expressions and keeps those its rules and the
surrounding words support; this module only names, orders and de-overlaps what they return.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from cms.checks import _ages, _emails, _phones


class PiiKind(StrEnum):
    """The kinds of personal data the scan reports; the values are stored with comments."""

    EMAIL = "email"
    PHONE = "phone"
    MINOR_AGE = "minor_age"


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind and where it sits in the scanned text."""

    kind: PiiKind
    start: int
    end: int
    text: str


MASKS: dict[PiiKind, str] = {
    PiiKind.EMAIL: "[email hidden]",
    PiiKind.PHONE: "[phone hidden]",
    PiiKind.MINOR_AGE: "[age hidden]",
}

# On equal length an overlap keeps the more specific kind: an address can hold digits that look
# like a phone number, and a phone number can hold digits that look like an age.
_PRIORITY = {PiiKind.EMAIL: 0, PiiKind.PHONE: 1, PiiKind.MINOR_AGE: 2}

# Each kind's detector module, with what it needs before it can find anything (checked first, in
# one cheap search or two: most comments hold no personal data, and the detectors' context rules
# cost far more) and its finder.
_DETECTORS: tuple[tuple[PiiKind, Callable[[str], bool], Callable[[str], Iterable[tuple[int, int]]]], ...] = (
    (PiiKind.EMAIL, _emails.could_hold_address, _emails.find),
    (PiiKind.PHONE, _phones.could_hold_phone, _phones.find),
    (PiiKind.MINOR_AGE, _ages.could_hold_age, _ages.find),
)


def scan(text: str) -> list[Finding]:
    """Every finding in `text`, sorted by start and never overlapping, for flagging or masking."""
    candidates = [
        Finding(kind, start, end, text[start:end])
        for kind, could_hold, find in _DETECTORS if could_hold(text)
        for start, end in find(text)
    ]
    return _without_overlaps(candidates)


def _without_overlaps(candidates: list[Finding]) -> list[Finding]:
    """Keep the longest (then most specific) of overlapping findings, so each character is masked once."""
    kept: list[Finding] = []  # sorted by start and disjoint, so also sorted by end
    starts: list[int] = []
    for finding in sorted(candidates, key=lambda f: (f.start - f.end, _PRIORITY[f.kind], f.start)):
        at = bisect_left(starts, finding.start)
        if (at == 0 or kept[at - 1].end <= finding.start) and (at == len(kept) or finding.end <= kept[at].start):
            kept.insert(at, finding)
            starts.insert(at, finding.start)
    return kept


def mask(text: str, findings: list[Finding]) -> str:
    """The text readers see: each finding replaced by its kind's mask, everything else kept."""
    pieces: list[str] = []
    position = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if text[finding.start:finding.end] != finding.text:
            raise ValueError(f"finding {finding.text!r} at {finding.start} does not come from this text")
        if finding.start < position:
            raise ValueError(f"finding {finding.text!r} at {finding.start} overlaps the one before it")
        pieces += [text[position:finding.start], MASKS[finding.kind]]
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)


def kinds(findings: Iterable[Finding]) -> list[str]:
    """The distinct kinds found, sorted, as the short flags a moderator's queue shows."""
    return sorted({finding.kind.value for finding in findings})
