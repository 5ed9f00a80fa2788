"""The flask CLI: users, tokens, demo content and setup."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Article, ArticleStatus, Revision, SpamTotals, User
from cms.services.users import authenticate, find_token


def test_users_create_prints_a_generated_password_that_works(app):
    result = app.test_cli_runner().invoke(args=["users", "create", "Nora", "--role", "moderator"])
    assert result.exit_code == 0, result.output
    password = result.output.strip().splitlines()[-1].removeprefix("Password: ")
    user = authenticate("nora", password)
    assert user is not None and user.role == "moderator"


def test_users_create_refuses_a_duplicate_and_a_bad_role(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["users", "create", "sam", "--role", "editor", "--password", "long enough pw"])
    again = runner.invoke(args=["users", "create", "sam", "--role", "editor", "--password", "long enough pw"])
    assert again.exit_code != 0 and "already exists" in again.output
    bad = runner.invoke(args=["users", "create", "tom", "--role", "owner"])
    assert bad.exit_code != 0


def test_tokens_create_prints_the_token_alone_on_the_last_line(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["users", "create", "ed", "--role", "editor", "--password", "long enough pw"])
    result = runner.invoke(args=["tokens", "create", "ed"])
    assert result.exit_code == 0
    token = result.stdout.strip().splitlines()[-1]
    assert find_token(token).user.username == "ed"


def test_demo_load_creates_users_and_articles_with_histories(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count(User.id))) == 3
    assert db.session.scalar(select(func.count(Article.id))) >= 3
    assert db.session.scalar(select(func.count(Revision.id))) >= 3 * db.session.scalar(select(func.count(Article.id)))
    assert db.session.scalar(select(func.count()).where(Article.status == ArticleStatus.PUBLISHED)) >= 3
    totals = db.session.get(SpamTotals, 1)
    assert (totals.spam_docs, totals.ham_docs) == (50, 70)  # the seed set taught the checker
    credentials = Path(app.instance_path) / "demo-credentials.txt"
    assert stat.S_IMODE(os.stat(credentials).st_mode) == 0o600
    for line in credentials.read_text().splitlines()[1:]:
        name, _role, password = line.split()
        assert authenticate(name, password) is not None
        assert password in result.output


def test_setup_is_safe_to_run_again(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["setup"]).exit_code == 0
    second = runner.invoke(args=["setup"])
    assert second.exit_code == 0 and "demo content not loaded" in second.output
    assert db.session.scalar(select(func.count(User.id))) == 3
