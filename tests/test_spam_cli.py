"""`flask spam train` and `flask spam eval`: expected counts on a fixture file, clear errors on bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import SpamToken, SpamTotals

DATA = Path(__file__).resolve().parent / "data"
TRAIN = DATA / "spam_train.csv"
EVAL = DATA / "spam_eval.csv"


@pytest.fixture()
def run(app):
    """Invoke a flask command and return the result."""
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=["spam", *map(str, args)])


def learnt() -> tuple[int, int] | None:
    """(spam, legitimate) comments the model has learnt, or None when it has learnt nothing."""
    db.session.expire_all()
    totals = db.session.get(SpamTotals, 1)
    return None if totals is None else (totals.spam_docs, totals.ham_docs)


def test_train_learns_every_row_of_the_file(run):
    result = run("train", TRAIN)
    assert result.exit_code == 0, result.output
    assert "Learnt 16 comments from spam_train.csv." in result.output
    assert learnt() == (8, 8)


def test_eval_prints_the_expected_counts_and_learns_nothing(run):
    run("train", TRAIN)
    version = db.session.get(SpamTotals, 1).version
    result = run("eval", EVAL)
    assert result.exit_code == 0, result.output
    lines = result.output
    assert "comments                               8 (4 spam, 4 legitimate)" in lines
    assert "spam caught (recall)                   75.0% (3 of 4)" in lines
    assert "legitimate held as spam (FP rate)      0.0% (0 of 4)" in lines
    assert "precision                              100.0%" in lines
    assert "threshold                              0.78" in lines
    db.session.expire_all()
    assert db.session.get(SpamTotals, 1).version == version


def test_eval_json_gives_the_same_figures(run):
    run("train", TRAIN)
    result = run("eval", EVAL, "--json", "--threshold", "0.6")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures == {
        "comments": 8, "spam": 4, "legitimate": 4, "caught": 3, "false_positives": 0, "skipped": 0,
        "recall": 0.75, "false_positive_rate": 0.0, "precision": 1.0, "threshold": 0.6,
    }


def test_other_column_names_can_be_given(run, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,body,is_spam\n1,free followers click here,1\n2,thank you for the article,0\n",
                    encoding="utf-8")
    result = run("train", path, "--text-column", "body", "--label-column", "is_spam")
    assert result.exit_code == 0, result.output
    assert learnt() == (1, 1)


@pytest.mark.parametrize(("content", "message"), [
    (b"id,text,label\n1,hello,0\n",
     "has no column 'CONTENT' or 'CLASS' (its columns: id, text, label); name the right ones with --text-column"),
    ("CONTENT,CLASS\ncaf\u00e9 cr\u00e8me,0\n".encode("latin-1"), "is not UTF-8 text (line 2 has byte 0xe9); save it as UTF-8"),
    (b"", "is empty: expected a CSV header and labelled rows"),
    (b"  \n\n", "is empty"),
    (b"COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\n", "has a header but no rows"),
    (b"CONTENT,CLASS\nbuy pills,1\nthank you,yes\nhello,2\n",
     "line 3: CLASS must be 0 or 1, not 'yes'; line 4: CLASS must be 0 or 1, not '2'"),
    (b"CONTENT,CLASS\n,1\n", "line 2: CONTENT is empty"),
    (b"CONTENT,CLASS\nonly text\n", "line 2: has fewer fields than the header"),
])
@pytest.mark.parametrize("command", ["train", "eval"])
def test_bad_files_get_a_clear_error_and_teach_nothing(run, tmp_path, command, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    result = run(command, path)
    assert result.exit_code != 0
    assert f"Error: bad.csv {message}" in result.output or f"Error: bad.csv: {message}" in result.output, result.output
    assert learnt() is None
    assert db.session.scalar(select(func.count()).select_from(SpamToken)) == 0


def test_a_missing_file_is_refused_by_name(run, tmp_path):
    result = run("train", tmp_path / "nope.csv")
    assert result.exit_code != 0 and "does not exist" in result.output


def test_a_threshold_outside_zero_to_one_is_refused(run):
    result = run("eval", EVAL, "--threshold", "1.5")
    assert result.exit_code != 0 and "--threshold" in result.output
