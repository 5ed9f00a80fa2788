"""The comment cleaner's shortcut for plain paragraphs gives exactly what bleach gives, or is not taken.

`clean_comment_html` returns a fragment unparsed when `is_already_clean_comment` says bleach would
return it unchanged. These tests hold that claim against bleach itself: every Unicode code point,
the public XSS payloads, the benchmark's comment corpus and random texts over the characters that
matter to an HTML parser and to the linkifier.
"""

from __future__ import annotations

import random

import pytest

from bench import corpus
from cms.rendering import paragraphs
from cms.sanitize import clean_comment_html, clean_comment_html_by_bleach, is_already_clean_comment
from tests.security.payloads import load_payloads

# What a parser or a linkifier could act on, plus ordinary letters, spaces and the pipeline's markers.
TRICKY = list("<>&;#/\\=\"'`.:@-_()[]x1aZ \t\n\r\x00\x01\x0b\x0c\x7f\u00a0\u200b\u212a\ue010\ue01f\ufffd\ufeff") + [
    "<p>", "</p>", "<br>", "&amp;", "&#60;", "www.", "http://", "example.com", "e.g.", "<script>", "-->", "<!--"]


def _agrees(fragment: str) -> bool:
    return clean_comment_html(fragment) == clean_comment_html_by_bleach(fragment)


def _code_points_bleach_changes(points: list[str]) -> list[str]:
    """Those of `points` that bleach does not keep as they are inside a paragraph (halving to find them)."""
    fragment = paragraphs("x " + " ".join(points) + " y")
    if clean_comment_html_by_bleach(fragment) == fragment:
        return []
    if len(points) == 1:
        return points
    middle = len(points) // 2
    return _code_points_bleach_changes(points[:middle]) + _code_points_bleach_changes(points[middle:])


def test_a_plain_sentence_takes_the_shortcut_and_markup_or_a_domain_does_not():
    assert is_already_clean_comment(paragraphs("My son (9) sleeps badly.\nAny advice?\n\nThanks, Jo"))
    for text in ("<b>hi</b>", "fish & chips", "a > b", "see nhs.uk", "www.x", "e.g. this", "bad\x00byte"):
        assert not is_already_clean_comment(paragraphs(text)), text
    assert not is_already_clean_comment("<p>two</p><p>paragraphs without their newline</p>")
    assert not is_already_clean_comment("<p>a\nbare newline</p>\n")


def test_every_code_point_the_shortcut_accepts_is_one_bleach_keeps():
    points = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and chr(c) not in "\n\r"]
    accepted = [p for p in points if is_already_clean_comment(paragraphs(f"x {p} y"))]
    changed = [p for start in range(0, len(accepted), 400) for p in _code_points_bleach_changes(accepted[start:start + 400])]
    assert changed == []
    assert len(accepted) > 1_000_000  # the shortcut is for text in any script, not for ASCII alone


def test_the_public_xss_payloads_come_out_the_same_either_way():
    for _, payload in load_payloads():
        assert _agrees(payload), payload
        assert _agrees(paragraphs(payload)), payload


def test_the_benchmark_corpus_comes_out_the_same_and_mostly_takes_the_shortcut():
    fragments = [paragraphs(text) for text in corpus.texts(corpus.build(3000))]
    assert all(_agrees(fragment) for fragment in fragments)
    assert sum(map(is_already_clean_comment, fragments)) > len(fragments) // 2


@pytest.mark.parametrize("seed", range(4))
def test_random_texts_over_what_a_parser_reads_come_out_the_same(seed):
    rng = random.Random(seed)
    for _ in range(2500):
        text = "".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 24)))
        assert _agrees(paragraphs(text)), repr(text)
        assert _agrees(text), repr(text)
