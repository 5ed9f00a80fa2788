"""The comment cleaner's shortcuts for plain paragraphs give exactly what bleach gives, or are not taken.

`clean_comment_html` returns a fragment unparsed when `is_already_clean_comment` says bleach would
return it unchanged, and links the URLs of other plain paragraphs with bleach's linkifier alone.
These tests hold both against bleach itself: every Unicode code point, the public XSS payloads,
the benchmark's comment corpus, the labelled spam (links of every kind) and random texts over the
characters that matter to an HTML parser and to the linkifier.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from bleach.linkifier import LinkifyFilter

from bench import corpus
from cms.rendering import paragraphs
from cms import sanitize
from cms.checks.labelled import read_examples
from cms.sanitize import clean_comment_html, clean_comment_html_by_bleach, is_already_clean_comment
from tests.security.payloads import load_payloads

# What a parser or a linkifier could act on, plus ordinary letters, spaces and the pipeline's markers.
TRICKY = list("<>&;#/\\=\"'`.:@-_()[]x1aZ \t\n\r\x00\x01\x0b\x0c\x7f\u00a0\u200b\u212a\ue010\ue01f\ufffd\ufeff") + [
    "<p>", "</p>", "<br>", "&amp;", "&#60;", "www.", "http://", "example.com", "e.g.", "<script>", "-->", "<!--"]
# The pieces of what the linkifier takes for a URL, and of what it must leave alone or trim.
URL_PIECES = ["http://", "https://", "HTTPS://", "ftp://", "javascript:", "mailto:", "www.", "nhs.uk", "example.com",
              "bit.ly", "x.co", ".com", ".org", ":8080", "/path", "?q=1", "#top", "user@", "(", ")", ",", ".", "'", '"',
              "~", "%20", "-", "_", " ", "\n", "\n\n", "é", "\ue010", "\ue01f", "1", "a", "B"]
YOUTUBE = Path(__file__).resolve().parents[3] / "shared" / "data" / "spam"


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


def test_the_domain_hint_starting_at_its_dot_finds_what_the_plain_pattern_finds():
    plain = re.compile(r"[\w-]\.[^\W\d_]")  # a word character or hyphen, a dot, a letter
    rng = random.Random(64)
    for _ in range(20_000):
        text = "".join(rng.choice(URL_PIECES + TRICKY) for _ in range(rng.randint(0, 12)))
        assert (sanitize._MAYBE_DOMAIN.search(text) is None) == (plain.search(text) is None), text


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
@pytest.mark.parametrize(("pieces", "longest"), [(TRICKY, 24), (URL_PIECES, 16)], ids=["parser", "linkifier"])
def test_random_texts_over_what_a_parser_or_the_linkifier_reads_come_out_the_same(pieces, longest, seed):
    rng = random.Random(seed)
    for _ in range(2500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, longest)))
        assert _agrees(paragraphs(text)), repr(text)
        assert _agrees(text), repr(text)


def _counting_bleach(monkeypatch) -> list[str]:
    """Record every fragment that bleach parses from now on (it still cleans them)."""
    parsed: list[str] = []
    real = sanitize.clean_comment_html_by_bleach
    monkeypatch.setattr(sanitize, "clean_comment_html_by_bleach",
                        lambda fragment: parsed.append(fragment) or real(fragment))
    return parsed


def test_a_plain_comment_with_urls_is_linked_without_bleach_parsing_it(monkeypatch):
    text = "See www.nhs.uk/conditions (page 2), or https://example.com/a?b=1.\nNot javascript:alert(1) though."
    expected = clean_comment_html_by_bleach(paragraphs(text))
    parsed = _counting_bleach(monkeypatch)
    assert clean_comment_html(paragraphs(text)) == expected == (
        '<p>See <a href="http://www.nhs.uk/conditions" rel="nofollow ugc noopener">www.nhs.uk/conditions</a> '
        '(page 2), or <a href="https://example.com/a?b=1" rel="nofollow ugc noopener">https://example.com/a?b=1</a>.'
        '<br>\nNot javascript:alert(1) though.</p>\n')
    assert parsed == []


@pytest.mark.parametrize("text", ["<b>example.com</b>", "a <i>b", "x <!-- y -->", "a </p> b", "a <? b"])
def test_markup_goes_through_bleach(text, monkeypatch):
    expected = clean_comment_html_by_bleach(paragraphs(text))
    parsed = _counting_bleach(monkeypatch)
    assert clean_comment_html(paragraphs(text)) == expected
    assert parsed == [paragraphs(text)]


@pytest.mark.parametrize("text", ["fish & chips at example.com", "example.com &lt;", "5 < 6 > 4 &amp &#39; &nope;"])
def test_text_with_references_or_a_lone_angle_bracket_is_cleaned_by_bleach_without_its_parse(text, monkeypatch):
    expected = clean_comment_html_by_bleach(paragraphs(text))
    parsed = _counting_bleach(monkeypatch)
    assert clean_comment_html(paragraphs(text)) == expected
    assert parsed == []


# Text for the paragraphs-of-text path: references whole and broken, angle brackets before what
# does and does not open markup, a link's pieces, and the lines and blank lines `paragraphs` reads.
TEXT_PIECES = ["&", "&amp;", "&amp", "&#39;", "&#x27;", "&#0;", "&#x110000;", "&lt;", "&gt;", "&quot;", "&nbsp;",
               "&notin;", "&not", "&nope;", "&#", ";", "<", "< ", "<3", "<<", "<=", ">", ">>", "x", "Z", "1", " ", "\t",
               "\u00a0", "\n", "\n\n", "é", "!", "/", "?", "www.", "nhs.uk", "http://", "?a=1", "=", '"', "'", "\ue010", "\ue01f"]


@pytest.mark.parametrize("seed", range(4))
def test_the_paragraphs_of_text_give_the_tokens_html5lib_gives_and_come_out_the_same(seed):
    cleaner = sanitize._comment_cleaner()
    rng = random.Random(70 + seed)
    taken = 0
    for _ in range(2500):
        fragment = paragraphs("".join(rng.choice(TEXT_PIECES) for _ in range(rng.randint(0, 20))))
        if sanitize._PARAGRAPHS_OF_TEXT.fullmatch(fragment) is None:
            continue
        taken += 1
        assert sanitize.paragraph_tokens(fragment) == list(cleaner.walker(cleaner.parser.parseFragment(fragment)))
        assert _agrees(fragment), repr(fragment)
    assert taken > 2000


def test_code_points_after_an_angle_bracket_or_an_ampersand_come_out_as_bleach_gives_them():
    # Every one up to U+2FFF (ASCII, what html5lib and bleach treat specially, the scripts' letters),
    # then one of each 97, and those a parser remarks on (noncharacters, the replacement character, BOM).
    points = [chr(c) for c in [*range(0x3000), *range(0x3000, 0x110000, 97), 0xFDD0, 0xFFFD, 0xFEFF, 0xFFFE, 0x10FFFF]
              if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(points), 64):
        fragment = paragraphs(" ".join(f"<{p} &{p} &{p};" for p in points[start:start + 64]))
        assert _agrees(fragment), repr(fragment)


def test_a_link_whose_attributes_would_need_escaping_goes_through_bleach(monkeypatch):
    """bleach's URL pattern stops at `"`, `<`, `>` and `&`; were a callback to add one, bleach writes the link."""
    def quoted_title(attrs: dict, new: bool = False) -> dict:
        return attrs | {(None, "title"): 'say "hi"'}

    linkifier = LinkifyFilter(source=iter(()), callbacks=[quoted_title], parse_email=False)
    monkeypatch.setattr(sanitize, "_plain_linkifier", lambda: linkifier)
    parsed = _counting_bleach(monkeypatch)
    fragment = paragraphs("see example.com")
    assert clean_comment_html(fragment) == clean_comment_html_by_bleach(fragment)
    assert parsed == [fragment]


@pytest.mark.skipif(not YOUTUBE.is_dir(), reason=f"the YouTube spam files are not in {YOUTUBE}")
def test_the_labelled_spam_and_its_links_come_out_the_same():
    texts = [example.text for path in sorted(YOUTUBE.glob("*.csv")) for example in read_examples(path)]
    assert len(texts) > 1000
    for text in texts:
        assert _agrees(paragraphs(text)), text
        assert _agrees(text), text
