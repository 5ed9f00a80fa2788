"""`flask spam train FILE.csv` and `flask spam eval FILE.csv`: teach the spam model, and measure it.

Both read the whole file and check it first (UTF-8, the named columns, labels 0 or 1), so a
bad file stops with one clear message and teaches nothing. `eval` scores every row with the
same `check()` the workers call and learns nothing from it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from click._termui_impl import ProgressBar
from flask.cli import AppGroup

from cms.services import spam
from cms.services.errors import ServiceError

spam_cli = AppGroup("spam", help="Train and measure the spam checker.")

F = TypeVar("F", bound=Callable[..., Any])
_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def _columns(function: F) -> F:
    """The column options both commands take."""
    function = click.option("--label-column", default="CLASS", show_default=True,
                            help="Column holding 1 for spam, 0 for a legitimate comment.")(function)
    return click.option("--text-column", default="CONTENT", show_default=True,
                        help="Column holding the comment text.")(function)


@spam_cli.command("train")
@click.argument("file", type=_FILE)
@_columns
def train_command(file: Path, text_column: str, label_column: str) -> None:
    """Learn from a labelled CSV FILE (all rows or, if the file is bad, none)."""
    with _progress(file, "Learning") as bar:
        try:
            count = spam.train_file(file, text_column, label_column, progress=bar.update)
        except ServiceError as error:
            raise click.ClickException(error.message) from None
    click.echo(f"Learnt {count} comments from {file.name}.")


@spam_cli.command("eval")
@click.argument("file", type=_FILE)
@_columns
@click.option("--threshold", type=click.FloatRange(0, 1, min_open=True, max_open=True),
              help="Score at which a comment counts as held as spam. Default: CMS_SPAM_THRESHOLD.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_command(file: Path, text_column: str, label_column: str, threshold: float | None, as_json: bool) -> None:
    """Score a labelled CSV FILE as the workers would, without learning from it."""
    try:
        if as_json:
            report = spam.evaluate_file(file, text_column, label_column, threshold)
        else:
            with _progress(file, "Scoring") as bar:
                report = spam.evaluate_file(file, text_column, label_column, threshold, progress=bar.update)
    except ServiceError as error:
        raise click.ClickException(error.message) from None
    click.echo(json.dumps(report.as_dict(), indent=2) if as_json else _table(report))


def _table(report: spam.EvalReport) -> str:
    """The figures, one per line, as a moderator reads them."""
    return "\n".join([
        f"comments                               {report.comments} ({report.spam} spam, {report.legitimate} legitimate)",
        f"spam caught (recall)                   {_percent(report.recall)} ({report.caught} of {report.spam})",
        f"legitimate held as spam (FP rate)      {_percent(report.false_positive_rate)} "
        f"({report.false_positives} of {report.legitimate})",
        f"precision                              {_percent(report.precision)}",
        f"threshold                              {report.threshold:g}",
    ])


def _percent(value: float | None) -> str:
    """A ratio as a percentage with one decimal, or n/a when it is undefined."""
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _progress(file: Path, verb: str) -> ProgressBar[int]:
    """A progress bar on stderr (stdout keeps only the result), sized by the file's line count."""
    return click.progressbar(length=_rows_hint(file), label=f"{verb} {file.name}", file=sys.stderr)


def _rows_hint(file: Path) -> int:
    """Roughly how many rows the file has (its lines less the header), for the progress bar."""
    with file.open("rb") as handle:
        return max(sum(1 for _ in handle) - 1, 1)
