"""Moderators' decisions teach the spam checker, and a reversed decision takes its lesson back."""

from __future__ import annotations

from pathlib import Path

import pytest

from cms.checks.spam import SpamInput
from cms.extensions import db
from cms.models import Comment, Role
from cms.services import comments, moderation, pipeline, spam
from cms.services.errors import Conflict
from tests import factories
from tests.services.test_spam_service import model_state

DATA = Path(__file__).resolve().parent.parent / "data"
LIKE = "Which sleep tracker app do you recommend for a teenager?"


@pytest.fixture()
def article(make_user):
    spam.train_file(DATA / "spam_train.csv")
    return factories.article(make_user(Role.EDITOR), publish=True)


@pytest.fixture()
def moderator(make_user):
    return make_user(Role.MODERATOR)


def _screened(article, body, address="192.0.2.1"):
    comment = comments.submit(article, {"author_name": "R", "body": body}, address)
    pipeline.process(comment.id)
    return db.session.get(Comment, comment.id)


def _score(text):
    return spam.check(SpamInput(text)).score


def test_marking_spam_raises_the_score_of_similar_comments(article, moderator):
    before = _score(LIKE)
    comment = _screened(article, "Which sleep tracker app would you recommend for teenagers?")
    assert comment.status == "pending"
    moderation.decide(moderator, comment.id, "spam")
    assert _score(LIKE) > before
    assert db.session.get(Comment, comment.id).trained_as == "spam"


def test_approving_teaches_not_spam(article, moderator):
    text = "Thank you, the part about screens before bed helped my teenager"
    before = _score(text + " a lot")
    comment = _screened(article, text)
    moderation.decide(moderator, comment.id, "approve")
    assert _score(text + " a lot") < before


def test_reversing_a_decision_undoes_its_lesson(article, moderator):
    comment = _screened(article, "Which sleep tracker app would you recommend for teenagers?")
    untaught = model_state()
    moderation.decide(moderator, comment.id, "spam")
    assert model_state() != untaught
    moderation.decide(moderator, comment.id, "ham")
    moderation.decide(moderator, comment.id, "reject")  # teaches nothing more
    tokens, totals = model_state()
    untaught_tokens, untaught_totals = untaught
    assert totals[0] == untaught_totals[0] and totals[1] == untaught_totals[1] + 1  # one ham lesson now, no spam
    for token, (spam_count, _ham) in tokens.items():
        assert spam_count == untaught_tokens.get(token, (0, 0))[0]


def test_the_same_decision_twice_teaches_once(article, moderator):
    comment = _screened(article, "Lovely article, thanks")
    moderation.decide(moderator, comment.id, "approve")
    taught = model_state()
    moderation.decide(moderator, comment.id, "reject")
    moderation.decide(moderator, comment.id, "approve")
    assert model_state() == taught


def test_a_refused_decision_teaches_nothing(article, moderator):
    comment = _screened(article, "Lovely article, thanks")
    before = model_state()
    with pytest.raises(Conflict):
        moderation.decide(moderator, comment.id, "ham")  # pending -> ham is not allowed
    assert model_state() == before
