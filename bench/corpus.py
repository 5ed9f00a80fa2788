"""Realistic health-blog comments for the benchmarks, built from the project's labelled texts.

Sources: the personal-data cases (`tests/checks/pii_cases.py`: worried readers with emails,
phone numbers, children's ages, and look-alikes without any), the demo spam seed
(`cms/demo/spam_seed.csv`), and, when present, the public YouTube spam set (`../shared/data/spam`).
Each comment takes one main text of its kind (personal data, spam or ordinary) and, for the
longer ones, a few more ordinary (or spam) texts as further paragraphs, up to `LONG_MAX` chars;
short ones get an opener or a sign-off now and then, which also keeps every comment distinct.
The mix (`MIX`, `LENGTHS`) aims at about 20% with personal data and 25% spam.
"""

from __future__ import annotations

import csv
import random
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

from cms.services.comments import content_hash

K = TypeVar("K")
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SPAM_SEED = PROJECT_ROOT / "cms" / "demo" / "spam_seed.csv"
SHARED_SPAM = PROJECT_ROOT.parent / "shared" / "data" / "spam"
MIX = {"spam": 0.25, "pii": 0.20, "ham": 0.55}
LENGTHS = {1: 0.70, 2: 0.15, 3: 0.06, 4: 0.05, 6: 0.04}  # texts per comment -> share of comments
LONG_MAX = 1500
OPENERS = ("Thanks for writing this.", "Great article.", "Same here.", "This is so helpful.", "Interesting read.",
           "I can relate to this.", "Good points.", "Thank you!", "Hi all,", "Just to add:", "Reading this at 3am.",
           "Bookmarked.", "Finally someone says it.", "Very clear, thanks.", "Hmm.")
CLOSERS = ("Thanks.", "Any advice welcome.", "Hope this helps someone.", "Fingers crossed.", "Will report back.",
           "Wish me luck.", "Take care all.", "Sorry for the long post.", "x", "Cheers.", "Sleep well everyone.",
           "Has anyone else had this?", "Thanks in advance.", "Good luck.", "Stay strong.")
NAMES = ("Sarah", "Tom", "Priya", "David", "Helen", "Mike", "Zoe", "Anna", "Chris", "Rachel", "Kev", "Amira",
         "Lou", "José", "Ellie", "Dan", "Hannah", "Peter", "Bella", "Grace", "Omar", "Mei", "Jon", "Fatima")


@dataclass(frozen=True)
class Pools:
    """The source texts by kind."""

    pii: list[str]
    ham: list[str]
    chatter: list[str]
    spam: list[str]


@dataclass(frozen=True)
class GeneratedComment:
    """One reader's comment with what it was built from (labels come from the sources)."""

    author_name: str
    author_email: str | None
    body: str
    client: str
    pii: bool
    spam: bool

    def as_dict(self) -> dict[str, object]:
        """For a JSON file handed to a seeding subprocess."""
        return asdict(self)


def _csv_texts(path: Path) -> list[tuple[str, bool]]:
    """(text, is_spam) from a CONTENT,CLASS file; the YouTube export's trailing BOMs dropped."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [(row["CONTENT"].replace("\ufeff", "").strip(), row["CLASS"].strip() == "1")
                for row in csv.DictReader(handle) if row["CONTENT"].strip()]


def load_pools(shared_spam: Path = SHARED_SPAM) -> Pools:
    """The texts from the project's files (and the shared YouTube set when it is there)."""
    from tests.checks.pii_cases import CASES, HELD_OUT_CASES

    cases = [*CASES, *HELD_OUT_CASES]
    seed = _csv_texts(SPAM_SEED)
    youtube = [item for path in sorted(shared_spam.glob("*.csv")) for item in _csv_texts(path)]
    return Pools(
        pii=[c.text for c in cases if c.expected],
        ham=[c.text for c in cases if not c.expected] + [text for text, spam in seed if not spam],
        chatter=[text for text, spam in youtube if not spam],
        spam=[text for text, spam in [*seed, *youtube] if spam],
    )


def weighted(rng: random.Random, weights: dict[K, float]) -> K:
    """One key of `weights`, drawn in proportion to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _ordinary(rng: random.Random, pools: Pools) -> str:
    """An ordinary comment text: mostly health-blog ones, some everyday chatter."""
    if pools.chatter and rng.random() < 0.3:
        return rng.choice(pools.chatter)
    return rng.choice(pools.ham)


def _body(rng: random.Random, pools: Pools, kind: str) -> str:
    """One comment's text: a main text of `kind`, more paragraphs for the longer ones."""
    main = rng.choice(pools.spam if kind == "spam" else pools.pii if kind == "pii" else pools.ham)
    parts = [main]
    for _ in range(weighted(rng, LENGTHS) - 1):
        extra = rng.choice(pools.spam) if kind == "spam" else _ordinary(rng, pools)
        if sum(map(len, parts)) + len(extra) + 2 > LONG_MAX:
            break
        parts.insert(rng.randrange(len(parts) + 1), extra)
    if len(parts) == 1 and rng.random() < 0.5:
        parts = [f"{rng.choice(OPENERS)} {main}" if rng.random() < 0.5 else f"{main} {rng.choice(CLOSERS)}"]
    return "\n\n".join(parts)


def _distinct(rng: random.Random, body: str, seen: set[str]) -> str:
    """`body`, or a variant with an opener and a sign-off, that no earlier comment had."""
    candidate = body
    for attempt in range(50):
        if content_hash(candidate) not in seen:
            break
        candidate = f"{rng.choice(OPENERS)} {body} {rng.choice(CLOSERS)}"
        if attempt > 40:
            candidate = f"{candidate} ({attempt})"
    seen.add(content_hash(candidate))
    return candidate


def build(count: int, seed: int = 6, pools: Pools | None = None) -> list[GeneratedComment]:
    """`count` distinct comments (no two alike to the duplicate check), the same for the same seed."""
    pools = pools or load_pools()
    rng = random.Random(seed)
    seen: set[str] = set()
    comments = []
    for index in range(count):
        kind = weighted(rng, MIX)
        name = rng.choice(NAMES)
        email = f"{name.lower()}.{index}@example.com" if rng.random() < 0.3 else None
        body = _distinct(rng, _body(rng, pools, kind), seen)
        client = f"10.{index // 65536 % 256}.{index // 256 % 256}.{index % 256}"
        comments.append(GeneratedComment(f"{name} {chr(65 + index % 26)}.", email, body, client,
                                         kind == "pii", kind == "spam"))
    return comments


def describe(comments: Sequence[GeneratedComment]) -> str:
    """The mix in one line: share with personal data, share spam, lengths."""
    lengths = [len(c.body) for c in comments]
    share = (lambda flags: 100 * sum(flags) / len(comments))
    return (f"{len(comments):,} comments: {share(c.pii for c in comments):.0f}% with personal data, "
            f"{share(c.spam for c in comments):.0f}% spam (by source label); mean {statistics.mean(lengths):.0f} "
            f"chars, median {statistics.median(lengths):.0f}, {share(n > 500 for n in lengths):.0f}% over 500, "
            f"longest {max(lengths):,}")


def texts(comments: Iterable[GeneratedComment]) -> list[str]:
    """Just the bodies."""
    return [c.body for c in comments]
