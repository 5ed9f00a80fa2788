"""Where the comment pipeline's time goes: `python -m bench.phases [COUNT]`.

Runs in one process on a throwaway site (SQLite, or PostgreSQL with `CMS_BENCH_DATABASE_URL`):
stores COUNT comments from the benchmark corpus, then claims and screens them batch by batch exactly
as `cms.services.pipeline.process` does, timing each step, and prints microseconds per comment
beside bleach alone (parsing every comment) on the same texts. A profile of the `pipeline`
benchmark, without wrk or a worker process in the way.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench import corpus


THROWAWAY_SCHEMA = "bench_throwaway"


def throwaway_database() -> str:
    """Which database `throwaway_site` uses, for the printed tables."""
    return "PostgreSQL" if os.environ.get("CMS_BENCH_DATABASE_URL") else "SQLite"


def throwaway_site(folder: Path, **overrides: object):  # type: ignore[no-untyped-def]
    """An application on a new database and a SQLite broker in `folder`, migrated; `overrides` on top.

    The database is SQLite in `folder`, or with `CMS_BENCH_DATABASE_URL` a schema of its own in that
    PostgreSQL database (`bench_throwaway`, emptied first), so the in-process profiles can be taken
    on either.
    """
    from flask_migrate import upgrade

    from bench.harness import in_schema, reset_schema
    from cms import create_app

    database = f"sqlite:///{folder / 'phases.sqlite3'}"
    if url := os.environ.get("CMS_BENCH_DATABASE_URL"):
        reset_schema(url, THROWAWAY_SCHEMA)
        database = in_schema(url, THROWAWAY_SCHEMA)
    app = create_app({"INSTANCE_PATH": str(folder), "SECRET_KEY": "phases", "CMS_ENV": "testing",
                      "SQLALCHEMY_DATABASE_URI": database,
                      "BROKER_URL": f"sqla+sqlite:///{folder / 'broker.sqlite3'}"} | overrides)
    with app.app_context():
        upgrade()
    return app


def store_backlog(texts: list[str]) -> None:
    """Teach the spam model the demo seed, as `flask setup` does for the benchmark's site (so the
    classifier runs), and store `texts` as received comments on a new article, each from its own address."""
    from cms.cli import SPAM_SEED
    from cms.services import comments, spam
    from tests import factories

    spam.train_file(SPAM_SEED)
    article = factories.article(publish=True)
    for n, text in enumerate(texts):
        comments.submit(article, {"author_name": "Reader", "body": text}, f"10.{n // 62500}.{n // 250 % 250}.{n % 250}")


def measure(count: int) -> dict[str, float]:
    """Microseconds per comment for each step, and for bleach alone with the comment policy."""
    from cms.checks import pii
    from cms.checks.pii import MASKS
    from cms.rendering import paragraphs, render_comment_versions
    from cms.sanitize import clean_comment_html_by_bleach
    from cms.services import pipeline, spam

    texts = corpus.texts(corpus.build(count))
    # The nudger thread may still be publishing to the site's broker file as the folder goes.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
        app = throwaway_site(Path(folder))
        with app.app_context():
            store_backlog(texts)
            spent: dict[str, float] = defaultdict(float)
            for text in texts[:200]:
                clean_comment_html_by_bleach(paragraphs(text))  # warm: the cleaner is built on first use
            started = time.perf_counter()
            for text in texts:
                clean_comment_html_by_bleach(paragraphs(text))
            spent["bleach alone"] = time.perf_counter() - started
            while True:
                clock = time.perf_counter()
                token, claimed = pipeline.claim_batch(None)
                spent["claim (with the spam check's counts)"] += time.perf_counter() - clock
                if not claimed:
                    break
                clock = time.perf_counter()
                verdicts = pipeline.spam_verdicts(claimed)
                spent["spam check (with the model's version)"] += time.perf_counter() - clock
                clock = time.perf_counter()
                findings = [pii.scan(c.body_raw) for c in claimed]
                spent["personal-data scan"] += time.perf_counter() - clock
                clock = time.perf_counter()
                for comment, found in zip(claimed, findings, strict=True):
                    render_comment_versions(comment.body_raw, found, MASKS)
                spent["sanitize, mask and mark"] += time.perf_counter() - clock
                results = [pipeline.screen(c, v, spam.threshold()) for c, v in zip(claimed, verdicts, strict=True)]
                clock = time.perf_counter()
                pipeline.finish_batch(token, results)
                spent["finish (the moves and their audit rows)"] += time.perf_counter() - clock
    return {step: seconds / count * 1e6 for step, seconds in spent.items()}


def main(argv: list[str]) -> int:
    """Print the table."""
    count = int(argv[0]) if argv else 2000
    timings = measure(count)
    floor = timings.pop("bleach alone")
    print(f"{count} comments from the benchmark corpus; microseconds per comment, {throwaway_database()}")
    for step, micros in timings.items():
        print(f"  {step:40s} {micros:8.1f}")
    print(f"  {'pipeline steps together':40s} {sum(timings.values()):8.1f}")
    print(f"  {'bleach alone (the floor)':40s} {floor:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
