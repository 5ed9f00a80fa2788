"""The spam checker's pure part: readable heuristic reasons plus a classifier's evidence, one score.

Each check looks at one thing a moderator understands (links, a known spam phrase, shouting,
the same text posted again ...) and, when it fires, gives a `Reason`: a short code and a weight.
Weights are evidence in log-odds: positive ones push towards spam, negative ones away from it,
and the score is the logistic of their sum, so the classifier (`classifier:0.97`) and the
heuristics add up on one scale and the heaviest reasons are the ones that decided.

A check named in `SpamRules.log_only` still runs and is reported (`log_only=True`), but its
weight is left out of the score: a site sees what a new rule would do before it acts.
Nothing here touches the database: `cms.services.spam` supplies the model and the settings.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from cms.checks.bayes import NaiveBayes
from cms.checks.spam_lexicon import SPAM_DOMAINS, SPAM_PHRASES
from cms.checks.text import Link, find_links, letters, normalized_text, tokens, words

__all__ = [
    "CHECKS", "Reason", "SpamInput", "SpamRules", "SpamVerdict", "assess", "normalized_text", "tokens",
]

# The classifier's log-odds are halved and capped: naive Bayes is overconfident, and this leaves
# room for the readable reasons to matter when it is sure (0.5 was tuned on one rotation of bench/spam.py).
CLASSIFIER_SCALE = 0.5
CLASSIFIER_CAP = 6.0


@dataclass(frozen=True)
class SpamInput:
    """What the checker is told about one comment."""

    text: str
    author_name: str = ""
    author_email: str | None = None
    prior_approved: int = 0
    repeats: int = 0


@dataclass(frozen=True)
class Reason:
    """One part of a verdict: a code a moderator can read and its weight (log-odds) in the score."""

    code: str
    weight: float
    log_only: bool = False


@dataclass(frozen=True)
class SpamVerdict:
    """A score from 0 to 1 and the reasons behind it, heaviest first."""

    score: float
    reasons: list[Reason]

    def is_spam(self, threshold: float) -> bool:
        """Spam when the score reaches the site's threshold."""
        return self.score >= threshold


@dataclass(frozen=True)
class SpamRules:
    """The site's settings for the checks: which only log, and which link domains are trusted."""

    log_only: frozenset[str] = frozenset()
    trusted_domains: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Facts:
    """What several checks need, worked out once per comment."""

    item: SpamInput
    normalized: str
    links: tuple[Link, ...] = field(default=())
    word_count: int = 0


Check = Callable[[_Facts], Reason | None]
# Phrases by their first word and then as word tuples: only where a text's word starts some phrase
# are its next few words looked up, so the cost grows with the text, not with the lexicon (phrases
# may overlap, and each found counts).
_PHRASES = frozenset(tuple(p.split()) for p in SPAM_PHRASES)
_LENGTHS_BY_FIRST_WORD: dict[str, tuple[int, ...]] = {
    first: tuple(sorted({len(p) for p in _PHRASES if p[0] == first})) for first in {p[0] for p in _PHRASES}
}


def _links(facts: _Facts) -> Reason | None:
    """Links to untrusted sites are how comment spam pays; each one adds evidence, up to three."""
    count = len(facts.links)
    return Reason(f"links:{count}", min(2.0 + 0.5 * (count - 1), 3.0)) if count else None


def _link_ratio(facts: _Facts) -> Reason | None:
    """A comment that is mostly link and hardly any words is there for the link."""
    if facts.links and facts.word_count < 4 * len(facts.links):
        return Reason("link_ratio", 1.0)
    return None


def _phrases_in(normalized: str) -> list[str]:
    """The known spam phrases a normalized text contains, as whole words, in the lexicon's order."""
    found_words = normalized.split()
    if _LENGTHS_BY_FIRST_WORD.keys().isdisjoint(found_words):
        return []
    found = {" ".join(run) for at, word in enumerate(found_words) for length in _LENGTHS_BY_FIRST_WORD.get(word, ())
             if (run := tuple(found_words[at:at + length])) in _PHRASES}
    return [phrase for phrase in SPAM_PHRASES if phrase in found] if found else []


def _spam_phrase(facts: _Facts) -> Reason | None:
    """Known spam phrasing; the first found is named, each further one adds a little."""
    found = _phrases_in(facts.normalized)
    return Reason(f"spam_phrase:{found[0]}", min(1.5 + 0.5 * (len(found) - 1), 2.5)) if found else None


def _author_name(facts: _Facts) -> Reason | None:
    """A name that is a link or an advert ("Cheap Pills Online", "bestdeals.example.com") is a spammer's."""
    name = facts.item.author_name
    if find_links(name):
        return Reason("author_name:link", 1.5)
    return Reason("author_name:spam_phrase", 1.5) if _phrases_in(normalized_text(name)) else None


def _spam_domain(facts: _Facts) -> Reason | None:
    """Link shorteners and ad redirects hide where a link goes."""
    domains = sorted({link.domain for link in facts.links if link.within(SPAM_DOMAINS)})
    return Reason(f"spam_domain:{domains[0]}", 2.0) if domains else None


def _repeated_text(facts: _Facts) -> Reason | None:
    """The same text posted again is a campaign, unless it is a short everyday phrase ("thank you")."""
    repeats = facts.item.repeats
    if repeats <= 0 or (facts.word_count < 5 and not facts.links):
        return None
    return Reason(f"repeated_text:{repeats}", min(1.0 + 0.5 * (repeats - 1), 2.5))


def _shouting(facts: _Facts) -> Reason | None:
    """Mostly capital letters over a real sentence; weak evidence on its own."""
    count, capitals = letters(facts.item.text)
    return Reason("shouting", 0.5) if count >= 12 and capitals / count >= 0.7 else None


def _first_post_with_links(facts: _Facts) -> Reason | None:
    """Someone with no approved comment yet whose first words carry links."""
    return Reason("first_post_with_links", 0.5) if facts.links and facts.item.prior_approved <= 0 else None


def _known_author(facts: _Facts) -> Reason | None:
    """Readers whose comments moderators approved before are rarely spammers now."""
    approved = facts.item.prior_approved
    return Reason(f"known_author:{approved}", -min(0.5 + 0.5 * approved, 2.5)) if approved > 0 else None


CHECKS: dict[str, Check] = {
    "links": _links,
    "link_ratio": _link_ratio,
    "spam_phrase": _spam_phrase,
    "spam_domain": _spam_domain,
    "author_name": _author_name,
    "repeated_text": _repeated_text,
    "shouting": _shouting,
    "first_post_with_links": _first_post_with_links,
    "known_author": _known_author,
}
CHECK_NAMES = frozenset(CHECKS) | {"classifier"}


def assess(item: SpamInput, classifier: NaiveBayes | None, rules: SpamRules = SpamRules()) -> SpamVerdict:
    """Run every check and the classifier, and combine what they found into one verdict."""
    facts = _facts(item, rules)
    found = [(name, check(facts)) for name, check in CHECKS.items()]
    found.append(("classifier", _classifier_reason(item.text, classifier)))
    reasons = [_mark(reason, name in rules.log_only) for name, reason in found if reason is not None]
    counted = sum(r.weight for r in reasons if not r.log_only)
    reasons.sort(key=lambda r: (r.log_only, -abs(r.weight), r.code))
    return SpamVerdict(score=round(_logistic(counted), 4), reasons=reasons)


def _facts(item: SpamInput, rules: SpamRules) -> _Facts:
    """Links that count (untrusted ones), the normalized text and the number of words."""
    links = tuple(link for link in find_links(item.text) if not link.within(rules.trusted_domains))
    return _Facts(item=item, normalized=normalized_text(item.text), links=links, word_count=len(words(item.text)))


def _classifier_reason(text: str, classifier: NaiveBayes | None) -> Reason | None:
    """The classifier's evidence as a reason; none while it has not learnt both spam and not spam."""
    log_odds = classifier.log_odds(tokens(text)) if classifier is not None else None
    if log_odds is None:
        return None
    weight = max(-CLASSIFIER_CAP, min(CLASSIFIER_CAP, CLASSIFIER_SCALE * log_odds))
    return Reason(f"classifier:{_logistic(weight):.2f}", round(weight, 3))


def _mark(reason: Reason, log_only: bool) -> Reason:
    """The same reason, flagged as not counted when its check is configured log-only."""
    return Reason(reason.code, reason.weight, log_only=True) if log_only else reason


def _logistic(log_odds: float) -> float:
    """Log-odds to a probability."""
    return 1.0 / (1.0 + math.exp(-log_odds))
