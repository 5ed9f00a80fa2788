"""The spam checker as the workers and moderators use it: the pure checks plus the shared model.

- `check(item)` scores one comment with the heuristics and the current model; the comment
  pipeline calls it and compares the score with `threshold()`.
- `learn(text, is_spam)` / `unlearn(text, is_spam)` teach the model one moderator decision, or
  take a wrong one back (marking spam teaches spam; approving or marking not spam teaches not
  spam; reversing a decision unlearns the old lesson and learns the new one). They commit by
  default; the moderation service should pass `commit=False` so that the decision, its audit row and
  its lesson commit together or not at all.
- `train_file` / `evaluate_file` learn from, or measure on, a labelled CSV (the `spam` CLI).

The model lives in the database (`cms.models.spam`) so every process uses the same one. Each
process keeps what it has read in a cache tied to the model's version: one small query per
check finds out whether anything changed, and token counts are fetched once per version.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import Row, func, or_, select

from cms.checks.bayes import Counts, NaiveBayes
from cms.checks.labelled import Example, LabelledFileError, read_examples
from cms.checks.spam import CHECK_NAMES, SpamInput, SpamRules, SpamVerdict, assess, normalized_text, tokens
from cms.checks.text import host_of
from cms.extensions import db
from cms.models import SpamToken, SpamTotals
from cms.services import spam_store
from cms.services.errors import ValidationFailed
from config import ConfigError

log = logging.getLogger(__name__)

Progress = Callable[[int], object]
CACHE_LIMIT = 200_000  # tokens kept per process before the cache starts again
WHOLE_MODEL_TOKENS = 20_000  # a model this small is read whole for each version (a few milliseconds)


def check(item: SpamInput) -> SpamVerdict:
    """Score one comment: every heuristic, plus the classifier over the shared model."""
    return check_many([item])[0]


def check_many(items: list[SpamInput], model: ModelVersion | None = None) -> list[SpamVerdict]:
    """Score a batch with one look at the model: one version query, one fetch of the tokens it lacks.

    `model` is the version read already (`model_version()`), when the caller read it elsewhere: a
    drain reads it with each claim, on its database thread, so the screening thread asks nothing
    of the database while the model stays the same.
    """
    features = [token for item in items for token in tokens(item.text)]
    classifier, site_rules = _cache().classifier(features, model or model_version()), rules()
    verdicts = [assess(item, classifier, site_rules) for item in items]
    for verdict in verdicts:
        _log_what_log_only_checks_would_do(verdict)
    return verdicts


def threshold() -> float:
    """The score at which a comment is quarantined as spam (CMS_SPAM_THRESHOLD)."""
    return float(current_app.config["SPAM_THRESHOLD"])


def rules() -> SpamRules:
    """The site's settings for the checks; an unknown log-only check name is a configuration error."""
    log_only = frozenset(current_app.config["SPAM_LOG_ONLY"])
    unknown = sorted(log_only - CHECK_NAMES)
    if unknown:
        raise ConfigError(f"CMS_SPAM_LOG_ONLY: unknown check {', '.join(unknown)}; "
                          f"known checks: {', '.join(sorted(CHECK_NAMES))}")
    trusted = frozenset(host_of(domain) for domain in current_app.config["SPAM_TRUSTED_DOMAINS"])
    return SpamRules(log_only=log_only, trusted_domains=trusted)


def learn(text: str, is_spam: bool, *, commit: bool = True) -> None:
    """Teach the shared model one example; commits unless `commit=False` (then the caller commits)."""
    batch = spam_store.Batch()
    batch.add(tokens(text), is_spam)
    spam_store.write(batch)
    if commit:
        db.session.commit()


def unlearn(text: str, is_spam: bool, *, commit: bool = True) -> None:
    """Take back one example learnt earlier with the same label; a no-op if there is none to take back.

    Only a recorded lesson is removed, so counts never go below zero and an unlearn without a
    matching learn cannot erode what other comments taught. Commits unless `commit=False`.
    """
    features = tokens(text)
    if spam_store.take_back_lesson(spam_store.lesson_digest(features), is_spam):
        batch = spam_store.Batch()
        batch.add(features, is_spam, step=-1)
        spam_store.write(batch)
    else:
        log.info("spam unlearn: no %s lesson recorded for this text; nothing to undo",
                 "spam" if is_spam else "not-spam")
    if commit:
        db.session.commit()


def train_file(path: str | Path, text_column: str = "CONTENT", label_column: str = "CLASS",
               progress: Progress | None = None) -> int:
    """Learn every row of a labelled CSV in one transaction; returns how many. A bad file teaches nothing."""
    examples = _read(path, text_column, label_column)
    batch = spam_store.Batch()
    for example in examples:
        batch.add(tokens(example.text), example.is_spam)
        if progress:
            progress(1)
    spam_store.write(batch)
    db.session.commit()
    return len(examples)


@dataclass(frozen=True)
class EvalReport:
    """How the checker did on a labelled file, at one threshold."""

    comments: int
    spam: int
    caught: int
    false_positives: int
    threshold: float
    skipped: int = 0
    legitimate: int = field(init=False)
    recall: float | None = field(init=False)
    false_positive_rate: float | None = field(init=False)
    precision: float | None = field(init=False)

    def __post_init__(self) -> None:
        legitimate = self.comments - self.spam
        flagged = self.caught + self.false_positives
        object.__setattr__(self, "legitimate", legitimate)
        object.__setattr__(self, "recall", _ratio(self.caught, self.spam))
        object.__setattr__(self, "false_positive_rate", _ratio(self.false_positives, legitimate))
        object.__setattr__(self, "precision", _ratio(self.caught, flagged))

    def as_dict(self) -> dict[str, float | int | None]:
        """Plain values for `--json`."""
        return asdict(self)


def evaluate_file(path: str | Path, text_column: str = "CONTENT", label_column: str = "CLASS",
                  threshold: float | None = None, *, skip_texts: Collection[str] = (),
                  progress: Progress | None = None) -> EvalReport:
    """Score every row with `check()`, as a worker would, and count hits and misses; learns nothing.

    Rows are taken in file order, and a row's `repeats` are the earlier rows with the same
    normalized text, as the pipeline counts recent comments. `skip_texts` leaves out rows whose
    text is exactly one of them (the benchmark drops texts the model was trained on).
    """
    limit = _threshold(threshold)
    examples = _read(path, text_column, label_column)
    seen: Counter[str] = Counter()
    outcomes: Counter[tuple[bool, bool]] = Counter()  # (is spam, flagged) -> comments
    for example in examples:
        if progress:
            progress(1)
        if example.text in skip_texts:
            continue
        normalized = normalized_text(example.text)
        verdict = check(SpamInput(text=example.text, repeats=seen[normalized]))
        seen[normalized] += 1
        outcomes[(example.is_spam, verdict.is_spam(limit))] += 1
    comments = sum(outcomes.values())
    return EvalReport(comments=comments, spam=outcomes[(True, True)] + outcomes[(True, False)],
                      caught=outcomes[(True, True)], false_positives=outcomes[(False, True)],
                      threshold=limit, skipped=len(examples) - comments)


def _read(path: str | Path, text_column: str, label_column: str) -> list[Example]:
    """The file's examples, or a ValidationFailed with the reader's message."""
    try:
        return read_examples(path, text_column, label_column)
    except LabelledFileError as error:
        raise ValidationFailed(str(error)) from None


def _threshold(value: float | None) -> float:
    """The given threshold, checked, or the configured one."""
    if value is None:
        return threshold()
    if not 0.0 < value < 1.0:
        raise ValidationFailed(f"the threshold must be between 0 and 1, not {value}")
    return value


def _ratio(part: int, whole: int) -> float | None:
    """part / whole, or None when there is no whole to divide by."""
    return part / whole if whole else None


def _log_what_log_only_checks_would_do(verdict: SpamVerdict) -> None:
    """Log-only checks leave the score alone; the log says what the score would have been with them."""
    shadow = [r for r in verdict.reasons if r.log_only]
    if shadow:
        counted = sum(r.weight for r in verdict.reasons)
        would_be = 1.0 / (1.0 + math.exp(-counted))
        log.info("spam check: log-only %s would make the score %.3f instead of %.3f",
                 ", ".join(r.code for r in shadow), would_be, verdict.score)


@dataclass(frozen=True)
class ModelVersion:
    """The model's totals row as read at one moment (None while nothing has been learnt): which version is current."""

    totals: Row[Any] | None


def model_version() -> ModelVersion:
    """Read which version of the shared model is current (one small query)."""
    return ModelVersion(db.session.execute(select(
        SpamTotals.generation, SpamTotals.version, SpamTotals.spam_docs, SpamTotals.ham_docs,
        SpamTotals.spam_tokens, SpamTotals.ham_tokens,
    )).one_or_none())


@dataclass
class _Snapshot:
    """What one process has read of one version of the model."""

    key: tuple[str, int]
    counts: Counts
    tokens: dict[str, tuple[int, int]] = field(default_factory=dict)
    complete: bool = False  # `tokens` holds every token the model knows: any other one is unseen
    ratios: dict[str, float | None] = field(default_factory=dict)  # the classifiers' memo: one version's counts never change


class ModelCache:
    """A process's view of the shared model, re-read when the model's version or generation changes."""

    def __init__(self) -> None:
        self._snapshot: _Snapshot | None = None

    def classifier(self, features: Collection[str], model: ModelVersion) -> NaiveBayes | None:
        """A classifier of `model`'s version holding at least `features`' counts; None while nothing has been learnt."""
        totals = model.totals
        if totals is None:
            return None
        snapshot = self._snapshot
        if snapshot is None or snapshot.key != (totals.generation, totals.version) or len(snapshot.tokens) > CACHE_LIMIT:
            snapshot = self._snapshot = _snapshot((totals.generation, totals.version), _counts(totals))
        missing = [] if snapshot.complete else [token for token in dict.fromkeys(features) if token not in snapshot.tokens]
        if missing:
            snapshot.tokens.update(_token_counts(missing))
        return NaiveBayes(snapshot.counts, snapshot.tokens, memo=snapshot.ratios)


def _snapshot(key: tuple[str, int], counts: Counts) -> _Snapshot:
    """A new version's snapshot: a small model is read whole, so a batch's unseen tokens cost no query.

    Most of a new comment's tokens are ones the model has never seen, and looking them up one
    version at a time cost a batch more than scoring it. Above `WHOLE_MODEL_TOKENS` the snapshot
    fetches the tokens each batch needs instead, as before.
    """
    if counts.vocabulary > WHOLE_MODEL_TOKENS:
        return _Snapshot(key, counts)
    return _Snapshot(key, counts, _stored_counts(_known()), complete=True)


def _counts(totals: Row[Any]) -> Counts:
    """The totals row as classifier counts, with the vocabulary size counted now."""
    vocabulary = db.session.scalar(select(func.count()).select_from(SpamToken).where(_known()))
    return Counts(spam_docs=totals.spam_docs, ham_docs=totals.ham_docs, spam_tokens=totals.spam_tokens,
                  ham_tokens=totals.ham_tokens, vocabulary=vocabulary or 0)


def _token_counts(wanted: list[str]) -> dict[str, tuple[int, int]]:
    """Stored counts of `wanted`; tokens the model has never seen count (0, 0)."""
    found: dict[str, tuple[int, int]] = dict.fromkeys(wanted, (0, 0))
    for start in range(0, len(wanted), spam_store.CHUNK):
        found.update(_stored_counts(SpamToken.token.in_(wanted[start:start + spam_store.CHUNK])))
    return found


def _known() -> Any:
    """The model's vocabulary: tokens counted at least once."""
    return or_(SpamToken.spam_count > 0, SpamToken.ham_count > 0)


def _stored_counts(condition: Any) -> dict[str, tuple[int, int]]:
    """(spam, ham) counts of the stored tokens that meet `condition`."""
    rows = db.session.execute(select(SpamToken.token, SpamToken.spam_count, SpamToken.ham_count).where(condition))
    return {row.token: (row.spam_count, row.ham_count) for row in rows}


def _cache() -> ModelCache:
    """This application's cache (one per app, so a benchmark's several apps never share one)."""
    return current_app.extensions.setdefault("cms_spam_model", ModelCache())
