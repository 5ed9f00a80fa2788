"""A small naive Bayes text classifier over per-class document counts.

Why naive Bayes and not a library model: the model is nothing but counts (in how many spam and
in how many legitimate comments each token appeared), so learning one moderator decision is a
few integer increments and undoing it is the same decrements, exactly; the counts live in the
database, where every worker shares them and concurrent updates add up. scikit-learn's
incremental models (`partial_fit`) can learn one example but not forget one without refitting.

Scoring is multinomial naive Bayes over each comment's distinct tokens, with additive smoothing,
and one correction for its known overconfidence: the sum of the tokens' log-likelihood ratios is
divided by the square root of their number, since words and the word pairs built from them are far
from independent, and a long comment would otherwise get an extreme score from many weak hints.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

SPAM, HAM = 0, 1
# Laplace smoothing below 1 trusts rare tokens more; 0.3 was best on the tuning rotation (bench/spam.py).
SMOOTHING = 0.3


@dataclass
class Counts:
    """Sufficient statistics of the model: documents per class and token occurrences per class."""

    spam_docs: int = 0
    ham_docs: int = 0
    spam_tokens: int = 0
    ham_tokens: int = 0
    vocabulary: int = 0


@dataclass
class NaiveBayes:
    """Scores token lists from counts; `lookup` gives (spam, ham) document counts for a token.

    `memo` keeps each token's log-likelihood ratio once worked out. A caller may pass one that
    outlives this classifier (the pipeline keeps one per version of the shared model) only if the
    counts it was computed from cannot change meanwhile.
    """

    counts: Counts
    token_counts: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    alpha: float = SMOOTHING
    memo: dict[str, float | None] = field(default_factory=dict)

    @property
    def trained(self) -> bool:
        """A model that has seen no spam or no legitimate comment has nothing to compare."""
        return self.counts.spam_docs > 0 and self.counts.ham_docs > 0

    def log_odds(self, features: Iterable[str]) -> float | None:
        """Evidence for spam in natural-log odds (prior included), or None if there is nothing to go on.

        `features` are distinct, as `cms.checks.text.tokens` gives them: each counts once.
        """
        if not self.trained:
            return None
        memo, ratio_of = self.memo, self._ratio_of
        ratios = [ratio for token in features
                  if (ratio := memo[token] if token in memo else ratio_of(token)) is not None]
        prior = math.log(self.counts.spam_docs / self.counts.ham_docs)
        if not ratios:
            return prior
        return prior + sum(ratios) / math.sqrt(len(ratios))

    def _ratio_of(self, token: str) -> float | None:
        """The token's ratio, remembered; None for a token the model has not seen (no evidence either way)."""
        pair = self.token_counts.get(token)
        ratio = self._token_ratio(pair) if pair is not None and (pair[SPAM] or pair[HAM]) else None
        self.memo[token] = ratio
        return ratio

    def _token_ratio(self, pair: tuple[int, int]) -> float:
        """log P(token | spam) / P(token | ham), Laplace-smoothed over the vocabulary."""
        c, a = self.counts, self.alpha
        vocabulary = max(c.vocabulary, 1)
        spam = (pair[SPAM] + a) / (c.spam_tokens + a * vocabulary)
        ham = (pair[HAM] + a) / (c.ham_tokens + a * vocabulary)
        return math.log(spam / ham)


class MemoryModel:
    """The same counts kept in a dict: for pure tests and experiments; production keeps them in the database."""

    def __init__(self) -> None:
        self.counts = Counts()
        self.token_counts: dict[str, tuple[int, int]] = {}

    def learn(self, features: Iterable[str], is_spam: bool, step: int = 1) -> None:
        """Add (step=1) or remove (step=-1) one document; counts never go below zero."""
        distinct = list(dict.fromkeys(features))
        side = SPAM if is_spam else HAM
        for token in distinct:
            pair = list(self.token_counts.get(token, (0, 0)))
            pair[side] = max(pair[side] + step, 0)
            self.token_counts[token] = (pair[SPAM], pair[HAM])
        c = self.counts
        if is_spam:
            c.spam_docs, c.spam_tokens = max(c.spam_docs + step, 0), max(c.spam_tokens + step * len(distinct), 0)
        else:
            c.ham_docs, c.ham_tokens = max(c.ham_docs + step, 0), max(c.ham_tokens + step * len(distinct), 0)
        c.vocabulary = sum(1 for pair in self.token_counts.values() if pair[SPAM] or pair[HAM])

    def classifier(self, alpha: float = SMOOTHING) -> NaiveBayes:
        """A classifier over the current counts."""
        return NaiveBayes(self.counts, self.token_counts, alpha)
