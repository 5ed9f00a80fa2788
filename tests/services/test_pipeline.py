"""The pipeline's service side: claiming, screening, guarded finishing, re-sending what was left behind."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import OperationalError

from cms.extensions import db
from cms.models import AuditEvent, Comment, CommentStatus, Role
from cms.models.types import utcnow
from cms.services import comments, draining, pipeline
from tests import factories
from tests.html import scripting_in
from tests.plans import sqlite_plans
from tests.support import statements_run


@pytest.fixture()
def article(make_user):
    return factories.article(make_user(Role.EDITOR), publish=True)


def _submit(article, body, address="192.0.2.1", **extra):
    return comments.submit(article, {"author_name": "Reader", "body": body} | extra, address)


def test_processing_sanitizes_scores_scans_and_queues(article):
    comment = _submit(article, "Email me: ann@example.org <script>alert(1)</script> <strong>thanks</strong>\n\nBye",
                      author_email="ann@example.org")
    assert pipeline.process(comment.id) == [comment.id]
    stored = db.session.get(Comment, comment.id)
    assert stored.status == CommentStatus.PENDING
    assert "[email hidden]" in stored.body_html and "ann@example.org" not in stored.body_html
    assert '<mark class="pii pii-email">ann@example.org</mark>' in stored.review_html
    assert "<strong>thanks</strong>" in stored.body_html
    assert scripting_in(stored.body_html) == [] and scripting_in(stored.review_html) == []
    assert stored.pii == [{"kind": "email", "start": 10, "end": 25}]
    assert stored.spam_score is not None and stored.policy_version >= 1
    assert stored.claim is None and stored.processed_at is not None


def test_a_comment_over_the_spam_threshold_is_quarantined(article):
    comment = _submit(article, "BUY CHEAP PILLS NOW http://pills.example http://pills.example/2 http://pills.example/3")
    pipeline.process(comment.id)
    stored = db.session.get(Comment, comment.id)
    assert stored.status == CommentStatus.SPAM
    assert stored.spam_score >= 0.78
    assert stored.spam_reasons and stored.spam_reasons[0]["code"].startswith("links")


def test_an_ordinary_question_is_queued_for_a_moderator(article):
    comment = _submit(article, "My son is 15 and falls asleep in class. Should we see the GP?")
    pipeline.process(comment.id)
    assert db.session.get(Comment, comment.id).status == CommentStatus.PENDING


def test_one_task_screens_a_whole_batch_named_comment_first(app, article):
    made = [_submit(article, f"comment {n}", address=f"192.0.2.{n}").id for n in range(5)]
    size, app.config["COMMENT_BATCH_SIZE"] = app.config["COMMENT_BATCH_SIZE"], 3
    try:
        first = pipeline.process(made[4])
    finally:
        app.config["COMMENT_BATCH_SIZE"] = size
    assert first == [made[0], made[1], made[4]]
    assert pipeline.process(None) == [made[2], made[3]]


def test_a_second_delivery_changes_nothing(article):
    comment = _submit(article, "once only")
    pipeline.process(comment.id)
    assert pipeline.process(comment.id) == []
    moves = db.session.scalars(select(AuditEvent.action).where(AuditEvent.subject_type == "comment",
                                                               AuditEvent.subject_id == comment.id)).all()
    assert moves == ["comment.queue"]


def test_a_finish_with_a_lost_claim_changes_nothing(article):
    comment = _submit(article, "claimed twice")
    token, claimed = pipeline.claim_batch(comment.id)
    results = pipeline.screen_batch(claimed)
    db.session.execute(update(Comment).values(claim="someone-else"))
    db.session.commit()
    assert pipeline.finish_batch(token, results) == []
    assert db.session.get(Comment, comment.id).status == CommentStatus.RECEIVED


def test_claimed_comments_are_not_claimed_again_until_the_claim_is_stale(app, article):
    comment = _submit(article, "held")
    token, _ = pipeline.claim_batch(comment.id)
    assert pipeline.claim_batch(comment.id)[1] == []
    db.session.execute(update(Comment).values(claimed_at=utcnow() - timedelta(seconds=app.config["COMMENT_CLAIM_SECONDS"] + 1)))
    db.session.commit()
    assert [c.id for c in pipeline.claim_batch(comment.id)[1]] == [comment.id]


def test_a_database_failure_releases_the_claim_for_a_retry(article, monkeypatch):
    comment = _submit(article, "unlucky")

    def explode(*_args, **_kwargs):
        raise OperationalError("UPDATE comments", {}, RuntimeError("database went away"))

    monkeypatch.setattr(pipeline, "finish_batch", explode)
    with pytest.raises(OperationalError):
        pipeline.process(comment.id)
    stored = db.session.get(Comment, comment.id)
    assert (stored.status, stored.claim) == (CommentStatus.RECEIVED, None)


@pytest.mark.parametrize("step", ["scan", "check_many"])
def test_a_comment_that_breaks_a_check_waits_alone_while_its_batch_goes_on(app, article, monkeypatch, step, caplog):
    before, poison, after = (_submit(article, body) for body in ("first", "the one that breaks a check", "last"))
    real = {"scan": pipeline.pii.scan, "check_many": pipeline.spam.check_many}[step]

    def breaks_on_poison(arg, *rest):
        texts = [arg] if isinstance(arg, str) else [item.text for item in arg]
        if "breaks a check" in " ".join(texts):
            raise ValueError("a fault in a check")
        return real(arg, *rest)

    monkeypatch.setattr(pipeline.pii if step == "scan" else pipeline.spam, step, breaks_on_poison)
    assert sorted(pipeline.process(before.id)) == [before.id, after.id]
    statuses = {c.id: c.status for c in db.session.scalars(select(Comment))}
    assert statuses == {before.id: CommentStatus.PENDING, poison.id: CommentStatus.RECEIVED,
                        after.id: CommentStatus.PENDING}
    assert f"comment {poison.id} could not be screened" in caplog.text
    assert pipeline.process(None) == []  # its claim holds until it is stale ...
    monkeypatch.undo()
    db.session.execute(update(Comment).values(claimed_at=utcnow() - timedelta(seconds=app.config["COMMENT_CLAIM_SECONDS"] + 1)))
    db.session.commit()
    assert pipeline.process(None) == [poison.id]  # ... and then it is tried again


def test_draining_goes_on_past_a_batch_in_which_every_comment_broke_a_check(app, article, monkeypatch):
    monkeypatch.setitem(app.config, "COMMENT_BATCH_SIZE", 2)
    bodies = ["a question", "another question", "breaks a check", "breaks a check too", "a last question"]
    made = [_submit(article, body, address=f"192.0.2.{n}").id for n, body in enumerate(bodies)]
    poison, fine = made[2:4], made[:2] + made[4:]
    real_scan = pipeline.pii.scan

    def breaks_on_poison(text):
        if "breaks a check" in text:
            raise ValueError("a fault in a check")
        return real_scan(text)

    monkeypatch.setattr(pipeline.pii, "scan", breaks_on_poison)
    assert draining.drain(None, 60) == 3  # the second batch, both poison, moved nothing
    statuses = dict(db.session.execute(select(Comment.id, Comment.status)).all())
    assert [statuses[i] for i in poison] == [CommentStatus.RECEIVED] * 2
    assert [statuses[i] for i in fine] == [CommentStatus.PENDING] * 3


def test_only_comments_waiting_longer_than_the_stale_time_are_resent(article):
    old = _submit(article, "old one")
    _submit(article, "new one", address="192.0.2.9")
    db.session.execute(update(Comment).where(Comment.id == old.id).values(created_at=utcnow() - timedelta(minutes=5)))
    db.session.commit()
    assert pipeline.waiting_ids() == [old.id]


def test_repeated_text_across_readers_counts_as_repeats(article):
    made = [_submit(article, "Visit cheap-pills dot com now", address=f"192.0.2.{n}") for n in range(3)]
    pipeline.process(made[0].id)
    reasons = {r["code"] for r in db.session.get(Comment, made[2].id).spam_reasons}
    assert any(code.startswith("repeated_text") for code in reasons)


def test_a_claim_and_the_sweeper_read_the_oldest_from_the_queue_index_without_sorting_the_backlog(article):
    named, *_ = (_submit(article, f"waiting {n}") for n in range(5))
    plans = sqlite_plans(lambda sql: "LIMIT" in sql, lambda: (pipeline.claim_batch(named.id, size=2),
                                                             pipeline.claim_batch(None, size=2), pipeline.waiting_ids()))
    assert len(plans) == 3  # a claim naming a comment, one that does not, and the sweeper
    for plan in plans:
        assert "ix_comments_queue" in plan and "TEMP B-TREE" not in plan, plan


def _approve(comment_ids):
    db.session.execute(update(Comment).where(Comment.id.in_(comment_ids)).values(status=CommentStatus.APPROVED))
    db.session.commit()


def test_a_claim_counts_each_comment_s_own_history_for_the_spam_check(article):
    regular = [_submit(article, f"thanks {n}", address="192.0.2.50", author_email="Kim@Example.org").id for n in range(2)]
    _approve(regular)
    _submit(article, "same words everywhere", address="192.0.2.51")
    returning = _submit(article, "back again", address="192.0.2.50")  # the client of two approved comments
    by_address = _submit(article, "hello", address="192.0.2.52", author_email="kim@example.ORG")
    repeated = _submit(article, "same words everywhere", address="192.0.2.53")
    stranger = _submit(article, "first time here", address="192.0.2.54", author_email="new@example.org")
    _, claimed = pipeline.claim_batch(None)
    counts = {c.id: (c.sent_before, c.approved_by_client, c.approved_by_address) for c in claimed}
    assert counts[returning.id] == (1, 2, 0)
    assert counts[by_address.id] == (1, 0, 2)  # addresses compared without regard to case
    assert counts[repeated.id] == (2, 0, 0)
    assert counts[stranger.id] == (1, 0, 0)


def test_the_counts_a_claim_reads_for_the_spam_check_come_from_indexes_not_every_comment(article):
    for n in range(3):
        _submit(article, f"asking {n}", author_email=f"Reader{n}@Example.org", address=f"192.0.2.{n + 10}")
    plans = sqlite_plans(lambda sql: "sent_before" in sql, lambda: pipeline.claim_batch(None))
    assert len(plans) == 1
    counts = plans[0].split("CORRELATED SCALAR SUBQUERY")[1:]
    assert len(counts) == 3, plans  # repeats, approvals by client, approvals by address
    assert all("USING INDEX" in count or "USING COVERING INDEX" in count for count in counts), plans
    assert "ix_comments_content_hash_created" in counts[0], plans
    assert "ix_comments_client_approved" in counts[1] and "ix_comments_author_email_approved" in counts[2], plans


def _postgresql_plan(marker: str, action) -> str:
    """PostgreSQL's plan for the one statement holding `marker` that `action` runs, as its SQL allows it.

    A test's table is one page, where a sequential scan rightly wins: with sequential scans off,
    the plan shows whether the statement can be driven by an index at all.
    """
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's plan (SQLite's are checked above)")
    with statements_run(db.engine) as run:
        action()
    [(sql, parameters)] = [(sql, parameters) for sql, parameters in run if marker in sql]
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(db.session.connection().exec_driver_sql("EXPLAIN (COSTS OFF) " + sql, parameters).scalars())
    db.session.rollback()
    return plan


def test_a_claim_on_postgresql_updates_the_comments_it_picked_by_their_primary_key(article):
    for n in range(3):
        _submit(article, f"waiting {n}", address=f"192.0.2.{n + 20}")
    plan = _postgresql_plan("MATERIALIZED", lambda: pipeline.claim_batch(None))
    assert "Index Cond: (id = ANY" in plan and "Hash Join" not in plan, plan  # by pk_comments, plain or bitmap


def test_a_finish_on_postgresql_reads_the_batch_once_and_updates_by_primary_key(article):
    """With a backlog in the statistics (as after a burst), the update goes by primary key, not the queue index."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's plan (SQLite's are checked above)")
    for n in range(60):
        _submit(article, f"waiting {n}", address=f"192.0.2.{n + 20}")
    db.session.execute(text("ANALYZE comments"))
    db.session.commit()
    token, claimed = pipeline.claim_batch(None, size=5)
    results = pipeline.screen_batch(claimed)
    plan = _postgresql_plan("json_to_recordset", lambda: pipeline.finish_batch(token, results))
    assert "Index Cond: (id = ANY" in plan, plan  # not every comment read for the claim token
    assert plan.count("Function Scan on json_to_recordset") == 1 and "CTE screened" in plan, plan


def test_a_finish_on_sqlite_writes_the_audit_rows_of_the_comments_it_moved_by_primary_key(article):
    for n in range(5):
        _submit(article, f"waiting {n}", address=f"192.0.2.{n + 30}")
    token, claimed = pipeline.claim_batch(None)
    results = pipeline.screen_batch(claimed)
    [plan] = sqlite_plans(lambda sql: "json_each" in sql, lambda: pipeline.finish_batch(token, results))
    assert plan.count("VIRTUAL TABLE") == 1, plan  # the moved ids (json_each), read once
    assert "SEARCH comments USING INTEGER PRIMARY KEY" in plan and "SCAN comments" not in plan, plan


def test_a_finish_stores_what_screening_concluded_exactly(article):
    """The stored rows and audit rows read back as screening concluded: on PostgreSQL every value went through
    one JSON document, on SQLite the audit row's score through SQLite's json_object."""
    bodies = ["Mail me at jo.bloggs@example.org or call 07700 900123 \U0001F600", 'Quotes "x" \\ back\nline\ttab',
              "Cheap pills!!! www.bit.ly/x BUY NOW", "Ünïcödé — \u2028 and <b>bold</b> &amp; more"]
    made = [_submit(article, body, address=f"192.0.2.{n + 40}") for n, body in enumerate(bodies)]
    token, claimed = pipeline.claim_batch(None)
    results = pipeline.screen_batch(claimed)
    assert pipeline.finish_batch(token, results) == [c.id for c in made]
    db.session.expire_all()
    for result in results:
        stored = db.session.get(Comment, result.comment_id)
        assert stored.status == result.status and stored.claim is None and stored.processed_at is not None
        assert {name: getattr(stored, name) for name in result.values} == result.values
        [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.subject_id == stored.id,
                                                              AuditEvent.subject_type == "comment"))
        assert (event.from_state, event.to_state) == ("received", str(result.status))
        assert event.details == {"spam_score": result.values["spam_score"]} and event.actor_id is None
