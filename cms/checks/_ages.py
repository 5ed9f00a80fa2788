"""A commenter's own stated age under 16 ("I'm 13", "14 y/o here", "(14F)", "- Zoë, 13").

Only the writer's own age counts. Statements start from "I'm", "I am", "my age is", "as a" or a
name the writer gives; descriptions are ages written the way people describe themselves in
forums ("13 y/o", "(14F)"), and are dropped when the clause before them is about someone else
("my son", "she is") or when they follow "my", "our", "a", "under" and the like. A number followed
by a unit ("13 weeks pregnant", "14 stone", "12 hours into") is not an age.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from cms.checks._context import clause_before
from cms.checks.text import CaselessHint, ascii_lowered

Span = tuple[int, int]

OLDEST_MINOR = 15
YOUNGEST_WRITER = 6  # below this "I'm 3" is a count ("I'm 3 nights in"), not a child writing

_WORDS = {word: value for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split())}
_WORD_PATTERNS = [(re.compile(word, re.IGNORECASE), value) for word, value in _WORDS.items()]
_AGE = r"(?P<age>[0-9]{1,2}(?![0-9])|(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b)"
_END = r"(?!\w|[.,:/][0-9])"
_YEARS = r"(?P<suffix>[\s-]*(?:years?|yrs?)(?:[\s-]*old\b)?|\s*-?\s*y/?o\b)"
_OLD = r"(?P<suffix>[\s-]*(?:years?|yrs?)[\s-]*old\b|\s*-?\s*y/?o\b)"
_I_AM = r"\bI(?:['’`]?m|\s+am)\b"
_MODIFIERS = r"(?:\s+(?:only|just|now|currently|nearly|almost|barely|turning|still|already|actually|like|about)){0,2}"
_NAME = r"(?P<name>(?-i:[A-ZÀ-Þ])[^\W\d_]{1,20})"
_FLAGS = re.IGNORECASE | re.VERBOSE

# Statements by the writer about themselves.
_STATEMENTS = [re.compile(pattern, _FLAGS) for pattern in (
    rf"{_I_AM}{_MODIFIERS}\s+{_AGE}{_YEARS}?{_END}",
    rf"(?:{_I_AM}|\bas)\s+an?\s+{_AGE}{_OLD}",
    rf"\bas\s+(?:someone|somebody|a\s+person|one)\s+(?:who\s+is|who['’]s|that\s+is|aged?|of)\s+{_AGE}{_END}",
    rf"\bmy\s+age\s*(?:is|=|:)\s*{_AGE}{_END}",
    rf"\bI\s+(?:have\s+|['’]ve\s+)?(?:just\s+|recently\s+)?turned\s+{_AGE}{_END}",
    rf"\bI(?:['’]ll|\s+will)\s+be\s+{_AGE}{_END}",
    rf"(?:{_I_AM}|\bmy\s+name\s+is|\bthis\s+is|\bit['’]?s)\s+{_NAME}\s*[,(–-]\s*(?:aged?\s+)?{_AGE}{_END}",
)]
# A name with an age: a sign-off on a line of its own ("- Zoë, 13"), or opening the comment and
# followed by "here" or by the writer speaking ("Zoë (13) here", "Freddie, 11 - I wake up at 5").
_LEAD = " \t-–—~"  # what a sign-off line may start with, kept out of the masked span
_SIGN_OFF = re.compile(
    rf"(?m:^)[ \t]*(?:[-–—~]+[ \t]*)?{_NAME}[ \t]*[,(][ \t]*(?:aged?[ \t]+)?{_AGE}(?:[ \t]*\))?"
    r"(?=[ \t]*[.!]?[ \t]*(?m:$))",
    _FLAGS)
_NAME_OPENING = re.compile(
    rf"{_NAME}\s*[,(]\s*(?:aged?\s+)?{_AGE}(?:\s*\))?(?:,?\s+here\b|(?=\s*[-–—:,.!]+\s*I(?:['’]?m)?\b))", _FLAGS)
# The forum shorthand people use for themselves.
_YEARS_OLD = re.compile(rf"(?<![\w/.-]){_AGE}{_OLD}(?![\w/])", _FLAGS)
_AGE_FIRST = re.compile(rf"\bage[d]?\s*[:=]?\s*{_AGE}{_END}", _FLAGS)
_SHORTHANDS = [re.compile(pattern, _FLAGS) for pattern in (
    rf"\(\s*{_AGE}\s*[FM]\s*\)",
    rf"(?<![\w/.-]){_AGE}\s*\(\s*[FM]\s*\)",
    rf"\(\s*[FM]\s*{_AGE}\s*\)",
    rf"\b(?:me|myself)\s*\(\s*{_AGE}\s*\)",
)]

_UNIT = re.compile(r"""\s*(?:and\s+a\s+half\s+)?-?\s*(?:
    weeks?|wks?|days?|nights?|months?|mos?|hours?|hrs?|h|minutes?|mins?|seconds?|secs?|stones?|st|kgs?|kilos?
  | lbs?|pounds?|ft|feet|foot|inch(?:es)?|cm|mm|mg|mcg|ml|g|mmol|percent|per\s*cent|cups?|cans?|coffees?|pills?
  | tablets?|tabs?|doses?|units?|drinks?|glasses?|beers?|cigarettes?|miles?|km|steps?|points?|episodes?
  | sessions?|pages?|times|degrees?|o['’]?clock|[ap]\.?m\.?|out\s+of|of(?!\s+course)|to(?!\s+be\b)|in\s+a\s+row
)\b|\s*(?:%|/|-\s*[0-9])""", _FLAGS)
_AFTER_BARE_YEARS = re.compile(r"\s*(?:$|[,.!?;:)]|(?:and|but|so|now|too|btw|lol|here|with|&)\b)", re.IGNORECASE)
_SOMEONE_ELSE = re.compile(r"""\b(?:
    he|she|they|him|her|his|their|them|it|its|is|was|are|were|has|had|who
  | son|daughter|kids?|child|children|baby|toddler|teens|teenagers|students|pupils|people|adolescents
  | brother|sister|sibling|twins?|mum|mom|mother|dad|father|parents?|grand\w*|niece|nephew|cousin|friend
  | husband|wife|partner|step\w*|patient|student|pupil|nan|gran|aunt|uncle
)\b|['’]s\b""", _FLAGS)
_MYSELF = re.compile(rf"{_I_AM}|\b(?:I|me|myself)\b", re.IGNORECASE)
_NOT_ABOUT_WRITER = re.compile(r"""(?:\b(?:
    a|an|the|my|our|your|his|her|their|at|since|from|until|till|by|under|over|above|below|around|about
  | aged?|for|of|to|between|than|every|each|all|per|those|these|when|if
)|[0-9]\s*(?:and|or|to|-|–))[\s(]*$""", _FLAGS)
_GENERAL_AFTER = re.compile(
    r"\s*(?:is|are|should|shouldn['’]?t|need|needs|must|or\s+(?:older|younger|over|under)"
    r"|and\s+(?:under|over|up|older|younger|above|below)|to)\b|\s*-\s*[0-9]", re.IGNORECASE)
_CALENDAR = frozenset("""
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december
""".split())
_GREETING = re.compile(r"\s*(?:(?:hi|hey|hello|hiya)\b[\s,!.]*)?", re.IGNORECASE)


# What a text must hold for any pattern to find a child's age: a number from 6 to 15, in digits
# (never glued to another digit) or in words. Under half of the comments that hold a digit pass.
# Digits first, as a whole run of them (`_AGE` never takes part of one) with one of these values,
# found by listing the runs (a third faster than a search with look-arounds); then the words.
_DIGIT_RUN = re.compile(r"[0-9]+")
_MINOR_DIGITS = frozenset(f"{zero}{value}" for value in range(YOUNGEST_WRITER, OLDEST_MINOR + 1) for zero in ("", "0"))
_MINOR_WORDS = [word for word, value in _WORDS.items() if YOUNGEST_WRITER <= value <= OLDEST_MINOR]
# Grouped by first letter ("s(?:ix|even)|..."): the search then tries far fewer branches at each position.
_WORD_AGE = CaselessHint("(?:" + "|".join(
    f"{first}(?:{'|'.join(word[1:] for word in _MINOR_WORDS if word[0] == first)})"
    for first in dict.fromkeys(word[0] for word in _MINOR_WORDS)) + r")\b")


def could_hold_age(text: str) -> bool:
    """Whether `find` can find anything in `text` (a cheap test that most comments fail)."""
    return not _MINOR_DIGITS.isdisjoint(_DIGIT_RUN.findall(text)) or _WORD_AGE.in_text(text, ascii_lowered(text))



# Hints never start with `\b`: a search can then skip ahead to their first letter, six times faster.
_I_AM_HINT = r"i(?:['’`]?m|\s+am)\b"  # `_I_AM`, lowercase
_OLD_HINT = CaselessHint(r"old\b|y/?o\b")  # every `_OLD` ends so ("years old", "yrs old", "y/o")
_AGE_HINT = CaselessHint("age")
# Each statement pattern's hint: how it starts, or a word it must hold.
_STATEMENT_HINTS = [
    CaselessHint(_I_AM_HINT),
    _OLD_HINT,
    CaselessHint(r"as\s+(?:someone|somebody|a\s+person|one)\s"),
    _AGE_HINT,
    CaselessHint("turned"),
    CaselessHint(r"be\s"),
    # The age after the name: rarer than the openings ("I'm", "it's" ...).
    CaselessHint(rf"[,(–-]\s*(?:aged?\s+)?{_AGE}"),
]
_AGE_AFTER_COMMA_HINT = CaselessHint(rf"[,(]\s*(?:aged?\s+)?{_AGE}")  # after the name in a sign-off or opening
_PARENTHESIS_HINT = CaselessHint(r"\(")  # every shorthand holds one


def find(text: str) -> Iterator[Span]:
    """Spans of a writer stating their own age under 16."""
    lowered = ascii_lowered(text)
    for pattern, hint, judge in _JUDGED:
        if hint is not None and not hint.in_text(text, lowered):
            continue
        for match in pattern.finditer(text):
            if _is_minor(match) and judge(text, match):
                matched = match.group()
                yield match.end() - len(matched.lstrip(_LEAD)), match.end()


def _is_minor(match: re.Match[str]) -> bool:
    """Whether the stated age is a child's (and a plausible writer's)."""
    age = match.group("age")
    value = int(age) if age.isascii() and age.isdigit() else _word_value(age)
    return YOUNGEST_WRITER <= value <= OLDEST_MINOR


def _word_value(age: str) -> int:
    """The number a matched word names, compared as the patterns compare it.

    Case-insensitive matching also takes "ſix" and "nıne" (long s, dotless i) and "SİX" for the
    words, which `str.lower` does not map back to them; a lookup by `lower()` would fail on them.
    """
    return next(value for word, value in _WORD_PATTERNS if word.fullmatch(age))


def _is_statement(text: str, match: re.Match[str]) -> bool:
    """An age unless a unit follows it, or "years" without "old" goes on ("12 years sober")."""
    suffix = (match.groupdict().get("suffix") or "").lower()
    if "old" in suffix or "yo" in suffix.replace("/", ""):
        return True
    if suffix:
        return _AFTER_BARE_YEARS.match(text, match.end()) is not None
    return _UNIT.match(text, match.end()) is None


def _is_named(text: str, match: re.Match[str]) -> bool:
    """A name and an age, where the "name" is not a relative's title or a date ("Mum, 12", "May, 12")."""
    name = match.group("name")
    return _SOMEONE_ELSE.fullmatch(name) is None and name.lower() not in _CALENDAR and _is_statement(text, match)


def _opens_comment(text: str, match: re.Match[str]) -> bool:
    """"Zoë, 13, here" introduces the writer only at the start of the comment or of a sentence."""
    before = clause_before(text, match.start(), 30)
    return _GREETING.fullmatch(before) is not None and _is_named(text, match)


def _is_general_or_own(text: str, match: re.Match[str]) -> bool:
    """"14 years old" or "age 13" describes the writer, but "13 years old is too young" is general."""
    return _GENERAL_AFTER.match(text, match.end()) is None and _is_description(text, match)


def _is_description(text: str, match: re.Match[str]) -> bool:
    """A bare "13 y/o" or "(14F)" is the writer's own age unless the words before are about someone else."""
    before = clause_before(text, match.start(), 60)
    if _NOT_ABOUT_WRITER.search(before):
        return False
    other = [m.end() for m in _SOMEONE_ELSE.finditer(before)]
    mine = [m.end() for m in _MYSELF.finditer(before)]
    return not other or (bool(mine) and max(mine) > max(other))


# Each pattern, its hint (None: always searched) and the judge of its matches, in the order searched.
_JUDGED: list[tuple[re.Pattern[str], CaselessHint | None, Callable[[str, re.Match[str]], bool]]] = [
    *((pattern, hint, _is_statement) for pattern, hint in zip(_STATEMENTS, _STATEMENT_HINTS, strict=True)),
    (_SIGN_OFF, _AGE_AFTER_COMMA_HINT, _is_named),
    (_NAME_OPENING, _AGE_AFTER_COMMA_HINT, _opens_comment),
    (_YEARS_OLD, _OLD_HINT, _is_general_or_own),
    (_AGE_FIRST, _AGE_HINT, _is_general_or_own),
    *((pattern, _PARENTHESIS_HINT, _is_description) for pattern in _SHORTHANDS),
]
