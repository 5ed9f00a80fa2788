"""Phone numbers in national and international forms, told apart from doses, dates and references.

A run is a maximal stretch of digit groups joined by spaces, dots, dashes or parentheses. Every
window of up to seven consecutive groups is judged by its shape: an international prefix, a
national trunk `0` with ten or eleven digits, or the North American 3-3-4 grouping is a phone
number on its own ("strong"); any other plausible 7-12 digit grouping ("weak") needs a word such
as "call", "text" or "mobile" nearby. A reference word ("NHS number", "order", "invoice") with no
phone word after it vetoes both. Dates (12.03.2024, 2024-03-12) and year ranges never count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cms.checks._context import clause_before, text_after

Span = tuple[int, int]

# Not glued to a word, a price, a decimal, a date or a range: "£249.99", "2.3.1", "12/03", "30-17".
_RUN = re.compile(r"(?<![\w+/.,:£$€%\-])(?:\+|\(\+?)?[0-9]+(?:[ \u00a0.\-()]{1,3}[0-9]+)*")
_GROUP = re.compile(r"[0-9]+")
_SEPARATOR = re.compile(r"\s?[-.]?\s?|\s?\(|\)\s?|\)-")
_EXTENSION = re.compile(r"\s*,?\s*(?:ext\.?|extension|x|\#)\s*[0-9]{1,5}(?![\w.])", re.IGNORECASE)
# A number glued to a unit or a slash ("40mg", "10.30pm", "120/80", "50%") is not a phone number.
_GLUED = re.compile(r"[\w%/]|[:,][0-9]")

_CUE = re.compile(
    r"\b(?:call|called|calling|phone|phoned|tel|telephone|mobile|mob|cell|cellphone|landline|text|txt|"
    r"texting|sms|whats\s?app|ring|dial|fax|contact|reach|number(?!\s+of)|appel\w*|llam\w*|ruf|"
    r"telefon\w*|m[oó]vil|n[uú]mero|num[ée]ro|portable|handy)\b",
    re.IGNORECASE,
)
_NUMBER_WORD = r"\s*(?:number|no\b\.?|num\b|nr\b|\#|id\b|code\b)"
_VETO = re.compile(
    r"\b(?:(?:nhs|hospital|patient|member(?:ship)?|account|acct|card|customer|client|prescription|"
    r"product|model|item|licen[cs]e|registration|reg|passport|insurance|policy|transaction|payment|case|"
    r"claim|ticket|booking|confirmation|serial|tracking|order|reference|ref|invoice|batch|lot|study|"
    rf"trial|pin|id){_NUMBER_WORD}"
    r"|ref(?:erence)?|invoice|batch|tracking|serial|isbn|issn|doi|pmid|rx|mrn|sku|iban|vat|ssn|id"
    r"|order(?!\s+to\b)|post\s?code|zip|sort\s?code|version)\b\.?",
    re.IGNORECASE,
)
_MAX_GROUPS = 7
_FEWEST_DIGITS = 7  # no phone number `_strength` accepts has fewer


@dataclass(frozen=True)
class _Group:
    """One stretch of digits in a run, with the separator written before it."""

    start: int
    end: int
    digits: str
    separator: str


# Seven digits or more, at most three other characters apart: no phone number has fewer.
_SEVEN_DIGITS = re.compile(r"[0-9](?:[^0-9\n]{0,3}[0-9]){6}")


def could_hold_phone(text: str) -> bool:
    """Whether `find` can find anything in `text` (a cheap test that most comments fail)."""
    return _SEVEN_DIGITS.search(text) is not None


def find(text: str) -> Iterator[Span]:
    """Spans of phone numbers, each with its extension when one follows."""
    for run in _RUN.finditer(text):
        if sum(map(str.isdigit, run.group())) < _FEWEST_DIGITS:
            continue  # too few digits for any window of it to be a phone number (see `_strength`)
        groups = _groups(run)
        extension_end = None
        if (extension := _EXTENSION.match(text, run.end())) is not None:
            extension_end = extension.end()
        elif _GLUED.match(text, run.end()):
            groups.pop()
        yield from _phones_in(text, run.start(), groups, extension_end)


def _groups(run: re.Match[str]) -> list[_Group]:
    """The digit groups of a run, in order."""
    groups, previous_end = [], run.start()
    for digits in _GROUP.finditer(run.group()):
        start, end = run.start() + digits.start(), run.start() + digits.end()
        groups.append(_Group(start, end, digits.group(), run.string[previous_end:start]))
        previous_end = end
    return groups


def _phones_in(text: str, run_start: int, groups: list[_Group], extension_end: int | None) -> Iterator[Span]:
    """Every window of a run's groups that is a phone number; `pii.scan` keeps the longest of overlapping ones."""
    words_before: dict[int, tuple[bool, bool]] = {}  # the windows starting at one place share what stands before it
    for first in range(len(groups)):
        for last in range(first, min(len(groups), first + _MAX_GROUPS)):
            window = groups[first:last + 1]
            opening = 1 if window[0].separator.endswith("(") else 0
            start = run_start if first == 0 else window[0].start - opening
            end = extension_end if extension_end and last == len(groups) - 1 else window[-1].end
            if _is_phone(text, window, start, end, words_before):
                yield start, end


def _international(text: str, start: int, window: list[_Group]) -> bool:
    """Written with `+` or `00` and a country code (which never starts with 0), as numbers given across borders are."""
    first = window[0].digits
    return "+" in text[start:window[0].start] or (first.startswith("00") and first[2:3] not in ("", "0")
                                                   and len(first) <= 5)


def _is_phone(text: str, window: list[_Group], start: int, end: int,
              words_before: dict[int, tuple[bool, bool]]) -> bool:
    """Whether a window of digit groups is a phone number, by its shape and then the words around it.

    `words_before` keeps `_words_before` by start, for the other windows of the run.
    """
    strength = _strength(window, _international(text, start, window))
    if strength is None:
        return False
    if start not in words_before:
        words_before[start] = _words_before(text, start)
    vetoed, cued = words_before[start]
    if vetoed and not cued:
        return False
    return strength == "strong" or cued or _CUE.search(text_after(text, end, 30)) is not None


def _words_before(text: str, start: int) -> tuple[bool, bool]:
    """Whether a reference word ("order", "NHS number") stands in the clause before `start`, and whether a
    phone word does after the last one (or anywhere in it, when there is none)."""
    before = clause_before(text, start, 40)
    veto_end = max((veto.end() for veto in _VETO.finditer(before)), default=None)
    return veto_end is not None, _CUE.search(before, veto_end or 0) is not None


def _strength(window: list[_Group], international: bool) -> str | None:
    """'strong' for shapes only phone numbers have, 'weak' for plausible ones, None for the rest."""
    digits = "".join(group.digits for group in window)
    if len(digits) < _FEWEST_DIGITS or not all(_SEPARATOR.fullmatch(group.separator) for group in window[1:]):
        return None
    sizes = [len(group.digits) for group in window]
    if international:
        national = len(digits) - 2 if digits.startswith("00") else len(digits)
        return "strong" if 8 <= national <= 15 else None
    if _is_date_or_years(window) or any(size == 1 for size in sizes[2:]):
        return None
    if sizes[0] == 1 and digits[0] != "1":
        return None
    if sizes == [3, 3, 4] or (sizes == [1, 3, 3, 4] and digits[0] == "1"):
        return "strong"
    if digits[0] == "0" and digits[1] != "0" and len(digits) in (10, 11) and (len(sizes) == 1 or 2 <= sizes[0] <= 5):
        return "strong"
    return "weak" if 7 <= len(digits) <= 12 else None


def _is_date_or_years(window: list[_Group]) -> bool:
    """12.03.2024, 2024-03-12, 03 04 2025 and 2019-2021 are dates and years, not numbers to call."""
    values = [group.digits for group in window]
    if len(values) == 2:
        return all(_is_year(value) for value in values)
    if len(values) != 3:
        return False
    if _is_year(values[0]):
        values = values[::-1]
    day, month, year = values
    return _is_year(year) and len(day) <= 2 and len(month) <= 2 and (
        (1 <= int(day) <= 31 and 1 <= int(month) <= 12) or (1 <= int(month) <= 31 and 1 <= int(day) <= 12))


def _is_year(value: str) -> bool:
    """A four-digit year of the last or this century."""
    return len(value) == 4 and value[:2] in ("19", "20")
