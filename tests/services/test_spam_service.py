"""The DB-backed spam checker: learning from decisions, undoing them, one model for every process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cms.checks.spam import SpamInput
from cms.extensions import db
from cms.models import SpamLesson, SpamToken, SpamTotals
from cms.services import spam
from cms.services.errors import ValidationFailed
from config import ConfigError
from tests.conftest import settings_as_environment
from tests.support import statements_run

DATA = Path(__file__).resolve().parent.parent / "data"
YOUTUBE = Path(__file__).resolve().parents[3] / "shared" / "data" / "spam"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def model_state() -> tuple[dict[str, tuple[int, int]], tuple[int, int, int, int]]:
    """Every token's counts and the totals, to compare models exactly."""
    tokens = {row.token: (row.spam_count, row.ham_count) for row in db.session.execute(select(SpamToken))
              .scalars()}
    totals = db.session.get(SpamTotals, 1)
    return tokens, (totals.spam_docs, totals.ham_docs, totals.spam_tokens, totals.ham_tokens)


@pytest.fixture()
def trained() -> None:
    """A model trained on the small fixture file."""
    spam.train_file(DATA / "spam_train.csv")


def score(text: str) -> float:
    return spam.check(SpamInput(text)).score


def test_learning_from_a_decision_changes_later_scores(trained):
    text = "Join the sleep challenge and win prizes every week"
    before = score(text)
    spam.learn(text, True)
    after_spam = score(text)
    assert after_spam > before
    spam.learn("Join the sleep challenge with my family this week", False)
    assert score(text) < after_spam


def test_approving_teaches_not_spam(trained):
    text = "Check the leaflet in the box before your next dose"
    before = score(text)
    spam.learn(text, False)
    assert score(text) < before


def test_reversing_a_decision_undoes_it_exactly(trained):
    before = model_state()
    text = "Great article, my doctor recommended the same routine!"
    spam.learn(text, True)
    assert model_state() != before
    spam.unlearn(text, True)
    assert model_state() == before


def test_a_reversed_decision_leaves_the_model_as_if_decided_right_first(trained):
    text = "Thank you, the section on naps was useful for my shifts"
    spam.learn(text, False)
    right_first = model_state()
    spam.unlearn(text, False)
    spam.learn(text, True)
    spam.unlearn(text, True)
    spam.learn(text, False)
    assert model_state()[0] == right_first[0]
    assert model_state()[1] == right_first[1]


def test_unlearning_what_was_never_learnt_changes_nothing(trained):
    before = model_state()
    spam.unlearn("Check out my channel for free music videos http://bit.ly/free-music", False)
    spam.unlearn("a text nobody ever taught", True)
    assert model_state() == before


def test_counts_never_go_negative(trained):
    text = "buy cheap pills now"
    spam.learn(text, True)
    for _ in range(3):
        spam.unlearn(text, True)
    assert db.session.scalar(select(func.min(SpamToken.spam_count))) >= 0
    assert db.session.scalar(select(func.min(SpamLesson.spam_count))) >= 0
    assert db.session.get(SpamTotals, 1).spam_docs == 8


def test_learn_can_join_the_callers_transaction(trained):
    version = db.session.get(SpamTotals, 1).version
    db.session.expire_all()
    spam.learn("a lesson the caller rolls back", True, commit=False)
    db.session.rollback()
    assert db.session.get(SpamTotals, 1).version == version


def test_an_untrained_model_still_gives_the_heuristic_reasons():
    verdict = spam.check(SpamInput("check out my channel http://bit.ly/x"))
    assert verdict.reasons and not any(r.code.startswith("classifier") for r in verdict.reasons)
    assert verdict.is_spam(spam.threshold())


def test_log_only_checks_from_the_settings_do_not_count(app, monkeypatch, trained):
    text = "FREE FOLLOWERS http://likes.example.org"
    counted = spam.check(SpamInput(text))
    monkeypatch.setitem(app.config, "SPAM_LOG_ONLY", frozenset({"links", "shouting"}))
    logged = spam.check(SpamInput(text))
    assert {r.code for r in logged.reasons if r.log_only} == {"links:1", "shouting"}
    assert logged.score < counted.score


def test_trusted_domains_may_be_written_as_hosts_or_urls(app, monkeypatch):
    monkeypatch.setitem(app.config, "SPAM_TRUSTED_DOMAINS", frozenset({"www.sleepclinic.example", "https://nhs.uk"}))
    verdict = spam.check(SpamInput("See https://www.sleepclinic.example/advice and https://www.nhs.uk/sleep"))
    assert not any(r.code.startswith("links") for r in verdict.reasons)


def test_an_unknown_log_only_check_is_a_configuration_error(app, monkeypatch):
    monkeypatch.setitem(app.config, "SPAM_LOG_ONLY", frozenset({"shoutting"}))
    with pytest.raises(ConfigError, match="unknown check shoutting"):
        spam.check(SpamInput("hello"))


def test_a_file_that_fails_validation_teaches_nothing(tmp_path):
    path = tmp_path / "half-bad.csv"
    path.write_text("CONTENT,CLASS\nbuy pills,1\nthank you,0\nhello,maybe\n", encoding="utf-8")
    with pytest.raises(ValidationFailed, match="line 4"):
        spam.train_file(path)
    assert db.session.get(SpamTotals, 1) is None
    assert db.session.scalar(select(func.count()).select_from(SpamToken)) == 0


def test_evaluating_a_file_learns_nothing(trained):
    before = model_state(), db.session.get(SpamTotals, 1).version
    spam.evaluate_file(DATA / "spam_eval.csv")
    db.session.expire_all()
    assert (model_state(), db.session.get(SpamTotals, 1).version) == before


def run_python(settings: dict, code: str, **kwargs: object) -> subprocess.Popen:
    """A separate Python process with the test session's configuration, running `code` in an app context."""
    script = "from cms import create_app\nfrom cms.services import spam\nfrom cms.checks.spam import SpamInput\n" \
             "app = create_app()\nwith app.app_context():\n" + "".join(f"    {line}\n" for line in code.splitlines())
    env = os.environ | settings_as_environment(settings) | {"PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT_ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def finish(process: subprocess.Popen) -> str:
    """Wait for a process (closing its pipes); fail with its error output if it failed."""
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


def test_two_worker_processes_see_the_same_model(settings, trained):
    text = "Join our sleep webinar and get a bonus"
    with run_python(settings, (
        f"print(spam.check(SpamInput({text!r})).score, flush=True)\n"
        "input()\n"
        f"print(spam.check(SpamInput({text!r})).score, flush=True)"
    ), stdin=subprocess.PIPE) as checker:
        first = float(checker.stdout.readline())
        finish(run_python(settings, f"for _ in range(3): spam.learn({text!r}, True)"))
        second = float(finish_with_input(checker, "\n"))
    assert second > first
    assert score(text) == pytest.approx(second)


def finish_with_input(process: subprocess.Popen, line: str) -> str:
    """Send `line` to a waiting process and return what it prints before it exits."""
    out, err = process.communicate(line, timeout=120)
    assert process.returncode == 0, err
    return out


def test_concurrent_learners_lose_no_update(settings, trained):
    lessons = 40
    learners = [run_python(settings, f"for n in range({lessons}): spam.learn(f'shared words lesson {{n}} from {name}', True)")
                for name in ("alpha", "beta")]
    for learner in learners:
        finish(learner)
    db.session.expire_all()
    assert db.session.get(SpamTotals, 1).spam_docs == 8 + 2 * lessons
    assert db.session.get(SpamToken, "shared words").spam_count == 2 * lessons


@pytest.mark.skipif(not YOUTUBE.is_dir(), reason=f"the YouTube spam files are not in {YOUTUBE}")
def test_legitimate_health_comments_with_links_are_not_held_as_spam():
    for name in ("youtube-01-psy.csv", "youtube-04-katyperry.csv", "youtube-07-lmfao.csv"):
        spam.train_file(YOUTUBE / name)
    comments = [line for line in (DATA / "health_comments.txt").read_text().splitlines() if line.strip()]
    held = {text: spam.check(SpamInput(text)).score for text in comments}
    assert not {text: s for text, s in held.items() if s >= spam.threshold()}
    assert spam.check(SpamInput("Check out my channel, subscribe for free followers http://bit.ly/x")).is_spam(
        spam.threshold())


def _scores_and_token_queries(app, texts: list[str]) -> tuple[list[float], int]:
    app.extensions.pop("cms_spam_model", None)  # a fresh process's cache
    spam.check_many([SpamInput("warm the cache for this version")])
    with statements_run(db.engine) as run:
        verdicts = spam.check_many([SpamInput(text) for text in texts])
    return [v.score for v in verdicts], sum("spam_tokens.token" in statement for statement, _ in run)


def test_a_small_model_is_read_whole_so_a_batch_of_new_words_costs_no_token_query(app, monkeypatch, trained):
    texts = ["Zopiclone left me groggy, melatonin did not", "CHECK my channel www.example.com/free-gift now",
             "Never-seen words: quixotic cerulean"]
    whole, token_queries = _scores_and_token_queries(app, texts)
    assert token_queries == 0
    monkeypatch.setattr(spam, "WHOLE_MODEL_TOKENS", 0)  # a large model: each batch fetches what it needs
    fetched, token_queries = _scores_and_token_queries(app, texts)
    assert token_queries >= 1
    assert whole == fetched
