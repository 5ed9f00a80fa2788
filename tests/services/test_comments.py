"""Comment intake: validation, limits, duplicates, replies, and what is stored."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from cms.extensions import db
from cms.models import Article, Comment, CommentStatus, Role
from cms.models.types import utcnow
from cms.services import articles, comments, moderation, pipeline, publishing
from cms.services.errors import Conflict, Moved, NotFound, ValidationFailed
from tests import factories
from tests.plans import postgresql_generic_plan, sqlite_plans
from tests.support import statements_run


@pytest.fixture()
def article(make_user):
    return factories.article(make_user(Role.EDITOR), publish=True)


def test_a_comment_is_stored_received_with_its_raw_body(article):
    comment = comments.submit(article, {"author_name": " Ann ", "body": "Is *melatonin* safe?"}, "192.0.2.7")
    stored = db.session.get(Comment, comment.id)
    assert (stored.status, stored.author_name, stored.body_raw) == (CommentStatus.RECEIVED, "Ann", "Is *melatonin* safe?")
    assert stored.body_html is None  # nothing rendered on the request path
    assert stored.thread_id == stored.id


def test_the_client_address_is_kept_only_as_a_keyed_hash(article):
    comment = comments.submit(article, {"author_name": "A", "body": "hello"}, "192.0.2.7")
    assert "192.0.2.7" not in comment.client_hash and len(comment.client_hash) == 64
    assert comment.client_hash == comments.client_hash("192.0.2.7") != comments.client_hash("192.0.2.8")


@pytest.mark.parametrize(("data", "field"), [
    ({"author_name": "", "body": "x"}, "author_name"),
    ({"author_name": "n" * 81, "body": "x"}, "author_name"),
    ({"author_name": "A", "body": "   "}, "body"),
    ({"author_name": "A", "body": "x", "author_email": "not-an-email"}, "author_email"),
    ({"author_name": "\x00\x01", "body": "x"}, "author_name"),
])
def test_bad_fields_are_refused_with_their_names(article, data, field):
    with pytest.raises(ValidationFailed) as refused:
        comments.submit(article, data, "192.0.2.7")
    assert field in refused.value.fields
    assert db.session.query(Comment).count() == 0


def test_a_body_over_the_limit_is_a_413(app, article):
    with pytest.raises(comments.CommentTooLong) as refused:
        comments.submit(article, {"author_name": "A", "body": "x" * (app.config["COMMENT_MAX_CHARS"] + 1)}, "192.0.2.7")
    assert refused.value.status == 413


def test_the_same_text_from_the_same_client_is_refused_as_a_duplicate(article):
    comments.submit(article, {"author_name": "A", "body": "Help, I cannot sleep"}, "192.0.2.7")
    with pytest.raises(Conflict):
        comments.submit(article, {"author_name": "A", "body": "help,  I CANNOT sleep"}, "192.0.2.7")
    comments.submit(article, {"author_name": "B", "body": "Help, I cannot sleep"}, "192.0.2.8")  # another reader
    assert db.session.query(Comment).count() == 2


def test_private_use_characters_are_stripped_so_markers_cannot_be_forged(article):
    comment = comments.submit(article, {"author_name": "A", "body": "a\ue010b\ue01fc"}, "192.0.2.7")
    assert comment.body_raw == "abc"


def test_a_reply_joins_its_parents_thread(article, make_user):
    moderator = make_user(Role.MODERATOR)
    parent = comments.submit(article, {"author_name": "A", "body": "First"}, "192.0.2.7")
    pipeline.process(parent.id)
    moderation.decide(moderator, parent.id, "approve")
    reply = comments.submit(article, {"author_name": "B", "body": "Answer", "parent_id": parent.id}, "192.0.2.8")
    assert (reply.parent_id, reply.thread_id) == (parent.id, parent.id)


@pytest.mark.parametrize("parent", ["unapproved", "other_article", "missing"])
def test_replies_must_answer_a_published_comment_on_the_same_article(article, make_user, parent):
    if parent == "missing":
        parent_id = 424242
    else:
        target = article if parent == "unapproved" else factories.article(make_user(Role.EDITOR), publish=True)
        parent_id = comments.submit(target, {"author_name": "A", "body": "x"}, "192.0.2.7").id
    with pytest.raises(ValidationFailed) as refused:
        comments.submit(article, {"author_name": "B", "body": "y", "parent_id": parent_id}, "192.0.2.8")
    assert "parent_id" in refused.value.fields


def test_the_same_text_is_taken_again_once_the_duplicate_window_has_passed(article):
    first = comments.submit(article, {"author_name": "A", "body": "Still cannot sleep"}, "192.0.2.7")
    db.session.execute(update(Comment).where(Comment.id == first.id)
                       .values(created_at=utcnow() - comments.DUPLICATE_WINDOW - timedelta(minutes=1)))
    db.session.commit()
    again = comments.submit(article, {"author_name": "A", "body": "Still cannot sleep"}, "192.0.2.7")
    assert again.id != first.id and db.session.get(Comment, again.id).status == CommentStatus.RECEIVED


def test_a_refused_duplicate_stores_nothing_and_leaves_the_session_usable(article):
    comments.submit(article, {"author_name": "A", "body": "Is this normal?"}, "192.0.2.7")
    with pytest.raises(comments.DuplicateComment):
        comments.submit(article, {"author_name": "A", "body": "Is this normal?"}, "192.0.2.7")
    later = comments.submit(article, {"author_name": "A", "body": "And this?"}, "192.0.2.7")
    assert db.session.scalars(select(Comment.body_raw).order_by(Comment.id)).all() == ["Is this normal?", "And this?"]
    assert db.session.get(Comment, later.id).thread_id == later.id


def test_comments_sent_at_once_from_many_connections_each_get_their_own_id_and_thread(app, article):
    """The id is taken inside intake's INSERT (max + 1 on SQLite, the sequence on PostgreSQL): never shared."""
    article_id = article.id

    def send(n: int) -> int:
        with app.app_context():
            stored = comments.submit(db.session.get(Article, article_id),
                                     {"author_name": f"R{n}", "body": f"Question {n}"}, f"198.51.100.{n}")
            db.session.remove()
            return stored.id

    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = list(pool.map(send, range(60)))
    db.session.expire_all()
    stored = db.session.execute(select(Comment.id, Comment.thread_id, Comment.author_name)).all()
    assert len(set(ids)) == 60 and {row.id for row in stored} == set(ids)
    assert all(row.thread_id == row.id for row in stored)
    assert sorted(row.author_name for row in stored) == sorted(f"R{n}" for n in range(60))


def test_taking_a_comment_costs_the_insert_alone(app, article):
    """Intake writes in one statement: the duplicate check and the thread are inside the INSERT."""
    with statements_run(db.engine) as seen:
        comments.submit(article, {"author_name": "A", "body": "One statement, please"}, "192.0.2.7")
    written = [sql for sql, _ in seen if not sql.lstrip().upper().startswith("SELECT")]
    assert len(written) == 1 and written[0].lstrip().upper().startswith("INSERT INTO COMMENTS"), seen


def _send(article, body="Is a nap after lunch bad for sleep?"):
    return comments.submit(article, {"author_name": "A", "body": body}, "192.0.2.7")


def test_the_duplicate_check_looks_up_this_text_not_everything_the_client_sent(article):
    plans = sqlite_plans(lambda sql: sql.startswith("INSERT INTO comments"), lambda: _send(article))
    assert len(plans) == 1
    assert "ix_comments_duplicates (client_hash=? AND content_hash=? AND created_at>?)" in plans[0], plans


@pytest.mark.parametrize("by", [None, "slug", "id"])
def test_on_postgresql_the_kept_plan_of_the_duplicate_check_looks_up_the_text(article, by):
    """Planned without values or statistics, (client_hash, status) once tied with the duplicates index,
    and a POST read every comment its address had sent (one address behind a carrier's NAT sends many)."""
    plan = postgresql_generic_plan(comments._store_unless_duplicate("postgresql", by).statement)
    lookup = re.search(r"Index (?:Only )?Scan using (\w+) on comments.*?\n\s+Index Cond: \((.*)\)", plan)
    assert lookup is not None, plan
    assert lookup.group(1) in {"ix_comments_duplicates", "ix_comments_content_hash_created"}, plan
    assert "content_hash" in lookup.group(2), plan


def test_submitting_to_a_slug_or_an_id_stores_the_comment_on_that_article(article):
    by_slug = comments.submit_to(article.slug, {"author_name": "A", "body": "Naps after four?"}, "192.0.2.7")
    by_id = comments.submit_to(str(article.id), {"author_name": "B", "body": "And before two?"}, "192.0.2.8")
    for sent in (by_slug, by_id):
        stored = db.session.get(Comment, sent.id)
        assert (stored.article_id, stored.thread_id, stored.status) == (article.id, stored.id, CommentStatus.RECEIVED)
        assert (sent.article_id, sent.thread_id, sent.client_hash) == (article.id, sent.id, stored.client_hash)


def test_a_new_comment_to_a_slug_is_one_statement_that_finds_the_article_too(app, article):
    with statements_run(db.engine) as seen:
        comments.submit_to(article.slug, {"author_name": "A", "body": "One trip?"}, "192.0.2.7")
    reads_and_writes = [sql for sql, _ in seen if sql.split()[0] in {"SELECT", "INSERT", "UPDATE"}]
    assert len(reads_and_writes) == 1 and reads_and_writes[0].startswith("INSERT INTO comments"), reads_and_writes


def test_submitting_to_what_is_not_a_published_article_is_refused_as_reading_it_would_be(article, make_user):
    editor = make_user(Role.EDITOR)
    draft = factories.article(editor, title="Draft")
    body = {"author_name": "A", "body": "Hello?"}
    for ref in ("no-such-article", draft.slug, str(draft.id), "99999999999"):
        with pytest.raises(NotFound):
            comments.submit_to(ref, body, "192.0.2.7")
    old_slug = article.slug
    articles.save_revision(editor, article, 1, {"title": "T", "body_markdown": "B", "slug": "renamed"})
    publishing.publish(editor, article)
    with pytest.raises(Moved) as moved:
        comments.submit_to(old_slug, body, "192.0.2.7")
    assert moved.value.slug == "renamed"
    with pytest.raises(NotFound):  # the article is named before the fields, as the API view does
        comments.submit_to("no-such-article", {"author_name": "", "body": ""}, "192.0.2.7")
    assert db.session.query(Comment).count() == 0


def test_submitting_the_same_text_twice_to_a_slug_is_a_duplicate_and_a_reply_keeps_its_thread(article, make_user):
    first = comments.submit_to(article.slug, {"author_name": "A", "body": "Same words"}, "192.0.2.7")
    with pytest.raises(comments.DuplicateComment):
        comments.submit_to(article.slug, {"author_name": "A", "body": "same  words!"}, "192.0.2.7")
    pipeline.process(first.id)
    moderation.decide(make_user(Role.MODERATOR), first.id, "approve")
    reply = comments.submit_to(article.slug, {"author_name": "B", "body": "Agreed", "parent_id": first.id}, "192.0.2.9")
    assert (reply.parent_id, reply.thread_id) == (first.id, first.id)
    with pytest.raises(ValidationFailed):
        comments.submit_to(article.slug, {"author_name": "B", "body": "Lost", "parent_id": 123456}, "192.0.2.9")
