"""Seeding and in-process measurements that need the application, run in a site's environment.

    python -m bench.seed backlog FILE     insert FILE's comments as `received` (no task is sent)
    python -m bench.seed clear            delete every comment and the comments' audit rows
    python -m bench.seed bleach FILE      time the comment policy (and plain bleach) over FILE's comments
    python -m bench.seed scale --approved N --total M --revisions R   (see bench.seed_scale)

The benchmark process starts these with `Site.python("-m", "bench.seed", ...)`, so they use the
site's database and secret key. Each prints one JSON object. Rows are inserted with SQLAlchemy
Core in bulk, filled as the intake service fills them (`validate`, `client_hash`, `content_hash`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update

from cms.extensions import db
from cms.models import AuditEvent, Comment, CommentStatus
from cms.models.types import utcnow
from cms.services import catalog
from cms.services.comments import client_hash, content_hash, validate

WARM_UP = 200  # comments sanitized before the clock starts (the cleaner is built on first use)


def published_ids() -> list[int]:
    """The published articles, newest first (the order the API lists them in)."""
    return [article.id for article, _ in catalog.list_published(100)]


def backlog(path: Path) -> dict[str, Any]:
    """Insert the file's comments as `received`, spread over the published articles, oldest first."""
    items = json.loads(path.read_text())
    articles, now = published_ids(), utcnow()
    rows = []
    for index, item in enumerate(items):
        fields = validate(item)
        rows.append({**fields, "article_id": articles[index % len(articles)], "status": CommentStatus.RECEIVED,
                     "client_hash": client_hash(item["client"]), "content_hash": content_hash(fields["body_raw"]),
                     "spam_reasons": [], "pii": [], "created_at": now + timedelta(microseconds=index)})
    db.session.execute(insert(Comment.__table__), rows)
    db.session.execute(update(Comment.__table__).where(Comment.thread_id.is_(None)).values(thread_id=Comment.id))
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # A site's table has statistics (autovacuum analyzes it after a change this size, within a
        # minute); without them the planner guesses, and read the whole table for each batch's repeats.
        db.session.execute(text("ANALYZE comments"))
        db.session.commit()
    waiting = db.session.scalar(select(func.count()).where(Comment.status == CommentStatus.RECEIVED))
    return {"inserted": len(rows), "received": waiting}


def clear() -> dict[str, Any]:
    """Delete every comment and the audit rows about comments (the pipeline writes one per comment)."""
    audits = db.session.execute(delete(AuditEvent).where(AuditEvent.subject_type == "comment")).rowcount
    db.session.execute(update(Comment.__table__).values(parent_id=None))
    comments = db.session.execute(delete(Comment.__table__)).rowcount
    db.session.commit()
    return {"comments": comments, "audit_events": audits}


def _seconds(function: Callable[[str], object], bodies: list[str]) -> float:
    """Time one pass over `bodies`, after a warm-up pass over the first few."""
    for body in bodies[:WARM_UP]:
        function(body)
    started = time.perf_counter()
    for body in bodies:
        function(body)
    return time.perf_counter() - started


def bleach_rate(path: Path) -> dict[str, Any]:
    """Comments per second through bleach with the comment policy (the floor), the project's sanitizer, plain bleach.

    The floor parses every comment (`clean_comment_html_by_bleach`); `clean_comment_html` returns
    plain paragraphs unparsed, so its rate is reported beside it, not used as the floor.
    """
    import bleach

    from cms.rendering import paragraphs
    from cms.sanitize import clean_comment_html, clean_comment_html_by_bleach

    bodies = [validate(item)["body_raw"] for item in json.loads(path.read_text())]
    policy = _seconds(lambda body: clean_comment_html_by_bleach(paragraphs(body)), bodies)
    shortcut = _seconds(lambda body: clean_comment_html(paragraphs(body)), bodies)
    plain = _seconds(bleach.clean, bodies)
    return {"comments": len(bodies), "policy_per_second": len(bodies) / policy,
            "sanitizer_per_second": len(bodies) / shortcut, "plain_per_second": len(bodies) / plain}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.seed", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("backlog").add_argument("file", type=Path)
    commands.add_parser("clear")
    commands.add_parser("bleach").add_argument("file", type=Path)
    scale = commands.add_parser("scale")
    scale.add_argument("--approved", type=int, required=True, help="approved comments on the measured article")
    scale.add_argument("--total", type=int, required=True, help="comments in the database, all told")
    scale.add_argument("--revisions", type=int, default=0, help="revisions of the measured article (0: as is)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command inside the site's application context; print its JSON summary."""
    from cms import create_app

    args = _parser().parse_args(argv)
    with create_app().app_context():
        if args.command == "backlog":
            summary = backlog(args.file)
        elif args.command == "clear":
            summary = clear()
        elif args.command == "bleach":
            summary = bleach_rate(args.file)
        else:
            from bench.seed_scale import seed_scale

            summary = seed_scale(args.approved, args.total, args.revisions)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
