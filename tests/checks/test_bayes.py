"""The naive Bayes classifier over counts, and the labelled-file reader."""

from __future__ import annotations

import pytest

from cms.checks.bayes import MemoryModel
from cms.checks.labelled import LabelledFileError, read_examples
from cms.checks.spam import tokens


def model_with(spam: list[str], ham: list[str]) -> MemoryModel:
    model = MemoryModel()
    for text in spam:
        model.learn(tokens(text), True)
    for text in ham:
        model.learn(tokens(text), False)
    return model


def test_words_seen_in_spam_raise_the_odds_and_words_seen_in_ham_lower_them():
    classifier = model_with(["buy cheap pills", "cheap pills online"], ["my doctor said", "the doctor helped"]).classifier()
    assert classifier.log_odds(tokens("cheap pills")) > 0 > classifier.log_odds(tokens("my doctor"))


def test_unseen_words_carry_no_evidence():
    classifier = model_with(["buy pills"], ["thank you"]).classifier()
    assert classifier.log_odds(tokens("zzz qqq")) == pytest.approx(0.0)


def test_unlearning_restores_the_counts_exactly():
    model = model_with(["buy pills"], ["thank you"])
    before = (dict(model.token_counts), model.counts.spam_docs, model.counts.spam_tokens)
    model.learn(tokens("buy more pills now"), True)
    model.learn(tokens("buy more pills now"), True, step=-1)
    after = ({k: v for k, v in model.token_counts.items() if any(v)}, model.counts.spam_docs, model.counts.spam_tokens)
    assert after == before


def test_a_model_without_both_kinds_has_no_opinion():
    assert model_with(["buy pills"], []).classifier().log_odds(tokens("buy pills")) is None


def test_the_reader_names_the_line_of_a_bad_label(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("CONTENT,CLASS\nhello,0\nbuy,spam\n", encoding="utf-8")
    with pytest.raises(LabelledFileError, match=r"line 3: CLASS must be 0 or 1, not 'spam'"):
        read_examples(path)


def test_the_reader_accepts_a_byte_order_mark_and_quoted_newlines(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_bytes('\ufeffCONTENT,CLASS\n"line one\nline two",1\n'.encode())
    [example] = read_examples(path)
    assert example.text == "line one\nline two" and example.is_spam
