"""Spam checking (interim: links and repeats only; replaced by the learning checker)."""

from __future__ import annotations

from cms.checks.spam import Reason, SpamInput, SpamVerdict


def check(item: SpamInput) -> SpamVerdict:
    links = item.text.count("http://") + item.text.count("https://")
    reasons = []
    if links:
        reasons.append(Reason(f"links:{links}", min(0.3 * links, 0.9)))
    if item.repeats:
        reasons.append(Reason(f"repeated_text:{item.repeats}", min(0.2 * item.repeats, 0.6)))
    return SpamVerdict(min(sum(r.weight for r in reasons), 1.0), sorted(reasons, key=lambda r: -r.weight))


def learn(text: str, is_spam: bool) -> None:
    return None


def unlearn(text: str, is_spam: bool) -> None:
    return None
