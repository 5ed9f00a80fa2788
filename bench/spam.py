"""Spam benchmark: for each video file, train a fresh model on the other two and measure on it.

    python -m bench.spam [--json] [--thresholds 0.7,0.78] [--feedback] [--data DIR]

A new video is like a new article: its comments were never seen in training. Texts that also
appear in the training files are dropped from the evaluated file (exact duplicates), so nothing
is scored that was learnt verbatim. Each rotation gets its own temporary SQLite database, built by
the real migrations, trained with `train_file` and scored with `evaluate_file`, which calls the
same `check()` as the workers.

Link domains of the "site" itself (youtube.com, youtu.be: readers linking to the video they are
commenting on) are trusted, as a blog trusts its own domain; `--trusted-domains ''` turns that off.
`--feedback` adds a second measurement: the new video's comments arrive in date order and each,
once scored, is learnt with its true label, as if a moderator decided it at once.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA = PROJECT_ROOT.parent / "shared" / "data" / "spam"
FILES = ("youtube-01-psy.csv", "youtube-04-katyperry.csv", "youtube-07-lmfao.csv")
SITE_DOMAINS = "youtube.com,youtu.be"


@dataclass(frozen=True)
class Result:
    """One rotation's figures at one threshold."""

    evaluated: str
    trained_on: list[str]
    mode: str
    figures: dict[str, Any]


@contextmanager
def fresh_app(trusted_domains: str) -> Iterator[Flask]:
    """An application on a new, migrated SQLite database in a temporary folder."""
    from flask_migrate import upgrade

    from cms import create_app

    with tempfile.TemporaryDirectory(prefix="bench-spam-") as folder:
        app = create_app({
            "CMS_ENV": "testing", "INSTANCE_PATH": folder, "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3",
            "BROKER_URL": f"sqla+sqlite:///{folder}/broker.sqlite3",
            "SPAM_TRUSTED_DOMAINS": frozenset(d.strip() for d in trusted_domains.split(",") if d.strip()),
        })
        with app.app_context():
            upgrade()
            logging.getLogger("alembic").setLevel(logging.WARNING)
            yield app


def texts_of(path: Path) -> set[str]:
    """Every comment text in a labelled file."""
    from cms.checks.labelled import read_examples

    return {example.text for example in read_examples(path)}


def rotation(data: Path, evaluated: str, thresholds: Sequence[float], trusted: str) -> list[Result]:
    """Train on the other files, then score `evaluated` at each threshold."""
    from cms.services import spam

    others = [name for name in FILES if name != evaluated]
    with fresh_app(trusted):
        for name in others:
            spam.train_file(data / name)
        seen = set().union(*(texts_of(data / name) for name in others))
        return [Result(evaluated, others, "trained",
                       spam.evaluate_file(data / evaluated, threshold=t, skip_texts=seen).as_dict())
                for t in thresholds]


def rotation_with_feedback(data: Path, evaluated: str, thresholds: Sequence[float], trusted: str) -> list[Result]:
    """As `rotation`, but every scored comment is then learnt with its label (a moderator's decision)."""
    from cms.checks.spam import SpamInput, normalized_text
    from cms.services import spam

    others = [name for name in FILES if name != evaluated]
    with fresh_app(trusted):
        for name in others:
            spam.train_file(data / name)
        seen = set().union(*(texts_of(data / name) for name in others))
        repeats: dict[str, int] = {}
        scored: list[tuple[float, bool]] = []
        for text, is_spam in _by_date(data / evaluated):
            if text in seen:
                continue
            key = normalized_text(text)
            scored.append((spam.check(SpamInput(text, repeats=repeats.get(key, 0))).score, is_spam))
            repeats[key] = repeats.get(key, 0) + 1
            spam.learn(text, is_spam)
        return [Result(evaluated, others, "feedback", _figures(scored, t)) for t in thresholds]


def _by_date(path: Path) -> list[tuple[str, bool]]:
    """The file's comments in the order they were posted."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: row["DATE"])
    return [(row["CONTENT"], row["CLASS"].strip() == "1") for row in rows]


def _figures(scored: list[tuple[float, bool]], threshold: float) -> dict[str, Any]:
    """The same figures as EvalReport, from scores already taken."""
    from cms.services.spam import EvalReport

    spam = sum(1 for _, is_spam in scored if is_spam)
    caught = sum(1 for score, is_spam in scored if is_spam and score >= threshold)
    false_positives = sum(1 for score, is_spam in scored if not is_spam and score >= threshold)
    return EvalReport(comments=len(scored), spam=spam, caught=caught, false_positives=false_positives,
                      threshold=threshold).as_dict()


def markdown(results: list[Result]) -> str:
    """The results as a Markdown table, one line per rotation and threshold."""
    lines = ["| evaluated on | mode | comments | spam | spam caught (recall) | legitimate held (FP rate) "
             "| precision | threshold |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        f = r.figures
        lines.append(
            f"| {r.evaluated} | {r.mode} | {f['comments']} | {f['spam']} | {_pct(f['recall'])} ({f['caught']}) "
            f"| {_pct(f['false_positive_rate'])} ({f['false_positives']}) | {_pct(f['precision'])} | {f['threshold']:g} |"
        )
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def main(argv: Sequence[str] | None = None) -> int:
    """Run every rotation and print the table (or JSON)."""
    parser = argparse.ArgumentParser(prog="python -m bench.spam", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder holding the three files")
    parser.add_argument("--thresholds", default="", help="comma-separated; default: CMS_SPAM_THRESHOLD's default")
    parser.add_argument("--trusted-domains", default=SITE_DOMAINS, help="link domains treated as the site's own")
    parser.add_argument("--feedback", action="store_true", help="also measure with moderators' feedback")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    args = parser.parse_args(argv)
    thresholds = [float(t) for t in args.thresholds.split(",") if t.strip()] or [_default_threshold()]
    results: list[Result] = []
    for name in FILES:
        results += rotation(args.data, name, thresholds, args.trusted_domains)
        if args.feedback:
            results += rotation_with_feedback(args.data, name, thresholds, args.trusted_domains)
    print(json.dumps([r.__dict__ for r in results], indent=2) if args.json else markdown(results))
    return 0


def _default_threshold() -> float:
    """The threshold a site gets unless it sets CMS_SPAM_THRESHOLD."""
    from config import SETTINGS

    return next(s.default for s in SETTINGS if s.key == "SPAM_THRESHOLD")


if __name__ == "__main__":
    sys.exit(main())
