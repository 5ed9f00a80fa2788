"""The words around a candidate, which the detectors read to tell personal data from look-alikes."""

from __future__ import annotations

import re

# A sentence ends at . ! ? before a capital letter, or at a line break; "tel. +44" does not end one.
_SENTENCE_END = re.compile(r"[.!?]+[\"')]*\s+(?=[A-ZÀ-Þ])|\n")


def clause_before(text: str, start: int, width: int) -> str:
    """Up to `width` characters before `start`, cut at the last sentence end so context stays local."""
    window = text[max(0, start - width):start]
    cut = 0
    for boundary in _SENTENCE_END.finditer(window):
        cut = boundary.end()
    return window[cut:]


def text_after(text: str, end: int, width: int) -> str:
    """Up to `width` characters after `end`, cut at the next line break."""
    return text[end:end + width].split("\n", 1)[0]
