"""The spam checker's pure part: readable reasons, their weights, log-only checks, the text it sees."""

from __future__ import annotations

import math
import sys
import unicodedata

import pytest

from cms.checks.bayes import MemoryModel
from cms.checks.spam import CHECK_NAMES, SpamInput, SpamRules, assess, normalized_text, tokens
from cms.checks.text import _visible_without_urls, letters, plain_text

TRUSTED = SpamRules(trusted_domains=frozenset({"nhs.uk", "nice.org.uk"}))


def codes(text: str, rules: SpamRules = TRUSTED, **fields: object) -> list[str]:
    """The reason codes a comment gets without a classifier."""
    return [reason.code for reason in assess(SpamInput(text, **fields), None, rules).reasons]


def trained_model() -> MemoryModel:
    """A tiny in-memory model that has seen both kinds of comment."""
    model = MemoryModel()
    for text in ("check out my channel", "free money click here", "subscribe to my channel now"):
        model.learn(tokens(text), True)
    for text in ("thank you for the article", "my doctor agreed", "I sleep better now"):
        model.learn(tokens(text), False)
    return model


def test_links_are_counted_and_named():
    found = codes("see http://a.example.com/x and www.b.example.org and c.example.net/page")
    assert "links:3" in found
    assert "first_post_with_links" in found


def test_links_to_trusted_domains_and_their_subdomains_do_not_count():
    text = "The NHS page https://www.nhs.uk/conditions/insomnia/ and NICE https://cks.nice.org.uk/x say the same."
    assert codes(text) == []


def test_links_inside_html_anchors_count_by_their_target():
    assert "links:1" in codes('<a href="http://spam.example.com/buy">my recipe</a> is lovely, do try it out')


def test_a_comment_that_is_mostly_link_gets_link_ratio():
    assert "link_ratio" in codes("http://spam.example.com/offer wow")
    assert "link_ratio" not in codes(
        "I found this explanation of sleep stages clearer than most, with diagrams: http://sleep.example.org/stages")


def test_known_spam_phrases_are_named_in_the_reason():
    assert "spam_phrase:check out my" in codes("Hey, check out my channel!")
    assert "spam_phrase:without a prescription" in codes("Order zolpidem without a prescription today")


def test_spam_phrases_match_whole_words_only():
    assert codes("I submitted medical forms; the subway made me late") == []  # no "sub me" inside words


def test_link_shorteners_are_named():
    assert "spam_domain:bit.ly" in codes("great tips http://bit.ly/3xyz")


def test_an_author_name_that_is_a_link_or_an_advert_is_named():
    assert "author_name:link" in codes("Nice post", author_name="cheap-meds.example.com")
    assert "author_name:spam_phrase" in codes("Nice post", author_name="Buy Viagra Online Pharmacy")
    assert codes("Nice post", author_name="Dr. Sarah O'Neill") == []


def test_repeated_text_counts_the_repeats_but_not_everyday_phrases():
    assert "repeated_text:4" in codes("Best sleep supplement ever, everyone should try it", repeats=4)
    assert codes("Thank you!", repeats=12) == []


def test_shouting_needs_a_real_sentence_in_capitals():
    assert "shouting" in codes("THIS IS THE BEST SONG EVER MADE")
    assert "shouting" not in codes("I saw my GP and the NHS 111 line")


def test_approved_authors_earn_a_negative_reason_and_lose_the_first_post_one():
    found = assess(SpamInput("More on this at http://sleep.example.org", prior_approved=3), None, TRUSTED)
    codes_ = [r.code for r in found.reasons]
    assert "known_author:3" in codes_ and "first_post_with_links" not in codes_
    assert next(r.weight for r in found.reasons if r.code == "known_author:3") < 0


def test_reasons_are_sorted_heaviest_first():
    verdict = assess(SpamInput("CHECK OUT MY CHANNEL http://bit.ly/x"), trained_model().classifier(), TRUSTED)
    weights = [abs(r.weight) for r in verdict.reasons]
    assert weights == sorted(weights, reverse=True)


def test_the_score_is_the_logistic_of_the_counted_weights():
    verdict = assess(SpamInput("check out my channel http://spam.example.com"), trained_model().classifier(), TRUSTED)
    expected = 1 / (1 + math.exp(-sum(r.weight for r in verdict.reasons)))
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.score == pytest.approx(expected, abs=1e-4)
    assert verdict.is_spam(verdict.score) and not verdict.is_spam(min(verdict.score + 0.01, 1.0))


def test_a_log_only_check_is_reported_but_does_not_change_the_score():
    text = "SUBSCRIBE TO MY CHANNEL FOR FREE MUSIC"
    counted = assess(SpamInput(text), None, SpamRules())
    logged = assess(SpamInput(text), None, SpamRules(log_only=frozenset({"shouting"})))
    shouting = next(r for r in logged.reasons if r.code == "shouting")
    assert shouting.log_only and shouting.weight > 0
    assert logged.reasons[-1] == shouting  # counted reasons come first
    without = 1 / (1 + math.exp(-sum(r.weight for r in counted.reasons if r.code != "shouting")))
    assert logged.score == pytest.approx(without, abs=1e-4) and logged.score < counted.score


def test_the_classifier_can_be_log_only_too():
    rules = SpamRules(log_only=frozenset({"classifier"}))
    verdict = assess(SpamInput("check out my channel"), trained_model().classifier(), rules)
    classifier = next(r for r in verdict.reasons if r.code.startswith("classifier:"))
    assert classifier.log_only
    assert verdict.score == assess(SpamInput("check out my channel"), None, SpamRules()).score


def test_an_untrained_classifier_gives_no_reason():
    assert not any(r.code.startswith("classifier") for r in assess(SpamInput("hello"), MemoryModel().classifier()).reasons)


def test_the_classifier_reason_shows_its_probability():
    verdict = assess(SpamInput("subscribe to my channel"), trained_model().classifier(), SpamRules())
    reason = next(r for r in verdict.reasons if r.code.startswith("classifier:"))
    assert float(reason.code.split(":")[1]) > 0.5 and reason.weight > 0


def test_every_check_has_a_name_a_site_can_set_log_only():
    assert {"links", "link_ratio", "spam_phrase", "spam_domain", "author_name", "repeated_text", "shouting",
            "first_post_with_links", "known_author", "classifier"} == CHECK_NAMES


def test_normalized_text_ignores_case_punctuation_markup_and_link_parameters():
    a = "Great   tips!! See <b>http://spam.example.com/?ref=1</b>"
    b = "great tips see https://www.spam.example.com/offer?ref=2"
    assert normalized_text(a) == normalized_text(b)
    assert normalized_text("Don&#39;t  STOP") == normalized_text("don't stop")


def test_tokens_are_distinct_words_pairs_domains_and_shape():
    found = tokens("CHECK OUT MY CHANNEL http://www.bit.ly/abc check")
    assert {"check", "check out", "my channel", "domain:bit.ly", "shape:caps"} <= set(found)
    assert len(found) == len(set(found))


def test_tokens_fold_numbers_and_ignore_invisible_characters():
    assert tokens("I slept 5 hours\ufeff") == tokens("I slept 7 hours")


def test_an_email_address_is_not_a_link_nor_a_word_for_the_classifier():
    from cms.checks.text import find_links, words

    text = "please email me at jo.smith@gmail.com or jo@mail.example.org"
    assert find_links(text) == ()
    assert "gmail" not in words(text) and "example" not in words(text)


def test_every_invisible_format_character_is_dropped_and_nothing_else():
    everything = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    format_characters = {c for c in everything if unicodedata.category(c) == "Cf"}
    kept = everything.translate(dict.fromkeys(map(ord, format_characters)))
    assert len(format_characters) > 150
    assert plain_text("<" + everything + ">") == " "  # a tag is dropped whole, whatever it holds
    assert plain_text("x" + everything) == unicodedata.normalize("NFKC", "x" + kept)


@pytest.mark.parametrize("text", [
    "THIS IS THE BEST SONG EVER MADE", "I saw my GP and the NHS 111 line", "x" * 300 + "Y", "",
    "".join(map(chr, range(128))) * 2, "ÉTÉ ÇA ſ ı İ ǅ Ⅻ ⓐ ǲ", "Mixed ASCII and ÜNICODE, 42!",
])
def test_letters_and_capitals_are_counted_as_python_reads_each_character(text):
    visible = _visible_without_urls(text)
    assert letters(text) == (sum(c.isalpha() for c in visible), sum(c.isupper() for c in visible))
