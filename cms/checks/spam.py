"""Spam heuristics (interim: link counting only; replaced by the full checker)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SpamInput:
    text: str
    author_name: str = ""
    author_email: str | None = None
    prior_approved: int = 0
    repeats: int = 0


@dataclass(frozen=True)
class Reason:
    code: str
    weight: float
    log_only: bool = False


@dataclass(frozen=True)
class SpamVerdict:
    score: float
    reasons: list[Reason] = field(default_factory=list)

    def is_spam(self, threshold: float) -> bool:
        return self.score >= threshold


def normalized_text(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def tokens(text: str) -> list[str]:
    return normalized_text(text).split()
