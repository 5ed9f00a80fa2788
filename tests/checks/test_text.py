"""How the spam checker reads a comment (`cms.checks.text`): the shortcuts must not change a reading."""

from __future__ import annotations

import random
import re

import pytest

from bench import corpus
from cms.checks import text
from cms.checks.text import could_hold_url, find_links, normalized_text, words

# Pieces that meet at URL hints, case and markup: ASCII and the letters whose case-insensitive
# matching reaches into ASCII (the long s matches "s", the Kelvin sign "k", dotted I "i").
_PIECES = ["http://", "HTTPS://", "http", "s", "ſ", "://", "www.", "WwW", ".", "com", ".CO.UK", "u\u212a", ".Ru",
           "bit.ly", "href=", 'HREF="', "<a ", ">", "&amp;", "@", " ", "\u00a0", "\u200b", "x", "İ", "é", "’", "'",
           "_", "1", "/", "\n"]


def _texts() -> list[str]:
    rng = random.Random(61)
    made = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 25))) for _ in range(20_000)]
    return corpus.texts(corpus.build(2000)) + made


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


_URL_HINT_ANY_CASE = re.compile(r"https?://|www\.|\.(?:com|net|org|info|biz|ly|me|tv|co|io|be|gl|us|uk|ru|pl|ro|in|xyz"
                                r"|online|site|top|club)\b", re.IGNORECASE)


def test_the_url_hint_agrees_with_its_case_insensitive_search_on_every_text(texts):
    # Lowercased ASCII is searched case-sensitively; anything else keeps the case-insensitive search.
    for sample in texts:
        assert could_hold_url(sample) == (_URL_HINT_ANY_CASE.search(sample) is not None), sample


def test_urls_are_found_where_the_case_insensitive_pattern_finds_them_in_every_text(texts):
    # Lowered ASCII text is searched with the case-sensitive pattern; the spans must not move.
    for sample in texts + [piece.upper() for piece in texts[-2000:]]:
        assert text._url_spans(sample) == tuple(match.span() for match in text._URL.finditer(sample)), sample
        assert text._without_urls(sample) == text._URL.sub(" ", sample), sample


@pytest.mark.parametrize("sample", ["see HTTP\u017f://localhost:8000", "at example.\u017fite", "WWW.NHS.UK"])
def test_a_url_hint_written_in_capitals_or_look_alike_letters_is_seen(sample):
    # The long s matches "s" case-insensitively but `lower()` keeps it: such text is not lowered.
    assert could_hold_url(sample)


def test_a_domain_written_in_capitals_is_a_link():
    assert [link.domain for link in find_links("Read WWW.NHS.UK/Conditions first")] == ["nhs.uk"]


def test_a_text_without_a_hint_has_no_link_and_keeps_its_words():
    assert not could_hold_url("Thanks, this helped my son sleep. COM is not a site.")
    assert find_links("Thanks, this helped my son sleep.") == ()


def test_an_href_is_found_in_any_case_and_only_with_its_equals_sign():
    assert [link.domain for link in find_links('<A HREF="https://bit.ly/x">here</A>')] == ["bit.ly"]
    assert find_links("an href without a target") == ()


def test_the_normalized_text_is_words_and_domains_separated_by_single_spaces(texts):
    for sample in texts:
        normalized = normalized_text(sample)
        assert normalized == re.sub(r"\s+", " ", normalized).strip(), sample
        assert normalized.split(" ") == [link.domain for link in find_links(sample)] + list(words(sample)) or (
            not normalized and not words(sample) and not find_links(sample)), sample


_WORD_AS_WRITTEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def test_words_are_runs_of_letters_and_digits_joined_by_apostrophes_with_numbers_folded():
    # No '.', ':', '<', '&' or '@': no link, tag, entity or address, so every character is visible.
    rng = random.Random(62)
    alphabet = "abcXYZ019_ '''’-!?,;()[]\"\t\n\x1cÄé"
    for _ in range(20_000):
        sample = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        expected = tuple("#" if word.isdigit() else word for word in _WORD_AS_WRITTEN.findall(sample.lower()))
        assert words(sample) == expected, sample


@pytest.mark.parametrize(("sample", "expected"), [
    ("Don't 'quote' me", ("don't", "quote", "me")), ("a''b rock'n'roll", ("a", "b", "rock'n'roll")),
    ("snake_case 2024 x2", ("snake", "case", "#", "x2")), ("Zoë’s café", ("zoë’s", "café")),
])
def test_words_split_where_a_reader_would(sample, expected):
    assert words(sample) == expected
