"""The benchmark comments: distinct to the duplicate check, the mix the README promises, repeatable."""

from __future__ import annotations

from bench import corpus
from cms.services.comments import content_hash


def test_comments_are_distinct_and_the_same_for_the_same_seed():
    comments = corpus.build(2000)
    assert len({content_hash(c.body) for c in comments}) == 2000
    assert corpus.build(50) == comments[:50]
    assert corpus.build(50, seed=7) != comments[:50]


def test_the_mix_has_personal_data_spam_and_long_comments_in_the_promised_shares():
    comments = corpus.build(5000)
    share = (lambda flags: sum(flags) / len(comments))
    assert 0.15 <= share(c.pii for c in comments) <= 0.25
    assert 0.20 <= share(c.spam for c in comments) <= 0.30
    assert share(len(c.body) > 500 for c in comments) >= 0.02
    assert max(len(c.body) for c in comments) <= corpus.LONG_MAX + 100
    assert "% with personal data" in corpus.describe(comments)


def test_the_pools_come_from_the_project_files_even_without_the_shared_data(tmp_path):
    pools = corpus.load_pools(shared_spam=tmp_path)
    assert pools.pii and pools.ham and pools.spam and pools.chatter == []
    assert len(corpus.build(300, pools=pools)) == 300
