"""Taking in readers' comments: validate, store as `received`, hand to the workers after commit.

The request does nothing slow: sanitizing, spam scoring and the personal-data scan happen in
the worker. After commit it pokes a `Nudger`, which publishes one `workers.comments.process` for
a burst of comments (the task claims whatever waits, in batches). If the broker is down the
comment is still stored (the send's failure is only logged); beat's sweeper sends it again later. The client's address is kept
only as a keyed hash, enough to spot floods and duplicates but not to recover the address.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from flask import current_app
from sqlalchemy import Connection, bindparam, exists, func, insert, select, true

from cms.extensions import db
from cms.models import Article, Comment, CommentStatus
from cms.models.types import utcnow
from cms.queue import nudge
from cms.services import catalog
from cms.services.bulk_rows import BulkStatement
from cms.services.catalog import Commentable
from cms.services.errors import Conflict, ServiceError, ValidationFailed
from cms.services.write_turns import write_turn

PROCESS_TASK = "workers.comments.process"
DUPLICATE_WINDOW = timedelta(days=1)
NAME_MAX, EMAIL_MAX = 80, 254
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
_WORDS = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff]")


class DuplicateComment(Conflict):
    """The same client sent the same text again."""

    code = "duplicate_comment"


class CommentTooLong(ServiceError):
    """The body is over the configured size limit."""

    status = 413
    code = "payload_too_large"


def client_hash(address: str) -> str:
    """A keyed hash of the client's address (HMAC with a key derived from the secret key)."""
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), b"comment-client-address", hashlib.sha256).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def content_hash(body: str) -> str:
    """The same text, however spaced, cased or punctuated, hashes alike (duplicates, repeats).

    Digits are kept: "I slept 5 hours" and "I slept 8 hours" are two comments, not one sent twice.
    """
    words = _WORDS.findall(unicodedata.normalize("NFKC", body).casefold())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def _clean_text(value: Any) -> str:
    """Normalize Unicode and drop control and private-use characters (the pipeline's markers)."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", str(value or ""))).strip()


def validate(data: Mapping[str, Any]) -> dict[str, Any]:
    """Check the reader's fields; a body over the limit is a 413, other problems a 400 with fields."""
    name, email, body = (_clean_text(data.get(key)) for key in ("author_name", "author_email", "body"))
    limit = current_app.config["COMMENT_MAX_CHARS"]
    if len(body) > limit:
        raise CommentTooLong(f"Comments can be at most {limit:,} characters; this one has {len(body):,}.",
                             fields={"body": f"At most {limit:,} characters."})
    errors: dict[str, str] = {}
    if not name:
        errors["author_name"] = "Please give a name (it can be a nickname)."
    elif len(name) > NAME_MAX:
        errors["author_name"] = f"At most {NAME_MAX} characters."
    if email and (len(email) > EMAIL_MAX or not _EMAIL.match(email)):
        errors["author_email"] = "This does not look like an email address."
    if not body:
        errors["body"] = "The comment is empty."
    if errors:
        raise ValidationFailed("Some fields need another look.", fields=errors)
    return {"author_name": name, "author_email": email or None, "body_raw": body}


def _names_parent(parent_id: Any) -> bool:
    """Whether the reader's fields make this comment a reply."""
    return parent_id not in (None, "")


def _parent_thread(article: Article | Commentable, parent_id: Any) -> tuple[int | None, int | None]:
    """A reply must answer an approved comment on the same article."""
    if not _names_parent(parent_id):
        return None, None
    parent = db.session.get(Comment, parent_id) if isinstance(parent_id, int) and parent_id < 2**31 else None
    if parent is None or parent.article_id != article.id or parent.status != CommentStatus.APPROVED:
        raise ValidationFailed("The comment you are replying to is not on this page.",
                               fields={"parent_id": "Not a published comment on this article."})
    return parent.id, parent.thread_id or parent.id


@dataclass(frozen=True)
class ReceivedComment:
    """What intake stored: enough to answer the reader (the id) without reading the row back."""

    id: int
    article_id: int
    parent_id: int | None
    thread_id: int
    client_hash: str
    body_raw: str
    status: CommentStatus = CommentStatus.RECEIVED


# What intake writes, in the order of the INSERT's columns (`id` and `thread_id` are worked out in it).
STORED = ("article_id", "parent_id", "client_hash", "content_hash", "status", "spam_reasons", "pii", "created_at",
          "author_name", "author_email", "body_raw")


@lru_cache(maxsize=6)
def _store_unless_duplicate(dialect: str, by: str | None = None) -> BulkStatement:
    """Intake's one statement: insert the comment unless the same client sent the same text lately.

    `INSERT ... SELECT ... WHERE NOT EXISTS (the duplicate) RETURNING id, article_id`: no row back
    means a duplicate. The new id is taken inside the statement, so a comment that starts a thread
    gets `thread_id = id` in the same write instead of an UPDATE after it: PostgreSQL takes it from
    the table's sequence; SQLite from max(id) + 1, which is how SQLite numbers a rowid itself, and
    the insert holds SQLite's write lock while it reads it. One round trip where there were three
    (duplicate check, insert, thread update).

    With `by` ("id" or "slug") the statement also finds the article, published, from `ref` (and
    inserts nothing if there is none): the read that was a round trip of its own before the insert.
    Built once per dialect and `by`.
    """
    table = Comment.__table__
    if dialect == "postgresql":
        next_id: Any = func.nextval(func.pg_get_serial_sequence(table.name, "id"))
    else:
        next_id = select(func.coalesce(func.max(table.c.id), 0) + 1).scalar_subquery()
    new = select(next_id.label("id")).subquery("new_comment")
    duplicate = select(table.c.id).where(table.c.client_hash == bindparam("client_hash"),
                                         table.c.content_hash == bindparam("content_hash"),
                                         table.c.created_at >= bindparam("since", type_=table.c.created_at.type))
    stored = [Article.__table__.c.id if name == "article_id" and by is not None
              else bindparam(name, type_=table.c[name].type) for name in STORED]
    values = select(new.c.id, func.coalesce(bindparam("thread_id", type_=table.c.thread_id.type), new.c.id),
                    *stored).where(~exists(duplicate))
    if by is not None:  # the new id beside the article, one row each: a join stated, not a cartesian product
        values = values.select_from(new.join(Article.__table__, true())).where(catalog.commentable_condition(by))
    return BulkStatement(insert(table).from_select(["id", "thread_id", *STORED], values)
                         .returning(table.c.id, table.c.article_id))


def submit(article: Article | Commentable, data: Mapping[str, Any], client_address: str) -> ReceivedComment:
    """Store a reader's comment as `received` and queue it for the workers once committed.

    One INSERT ... SELECT ... RETURNING (`_store_unless_duplicate`), not the ORM's unit of work:
    this is the path every reader's comment takes, and it must answer at once.
    """
    fields = validate(data)
    article_id = article.id  # read now: the commit expires the article, and reading it after would cost a query
    parent_id, thread_id = _parent_thread(article, data.get("parent_id"))
    connection = db.session.connection()
    stored = _store(connection, db.session, _store_unless_duplicate(connection.dialect.name),
                    _stored_values(fields, client_address, parent_id, thread_id) | {"article_id": article_id})
    if stored is None:
        raise DuplicateComment("You have already sent this comment; it is waiting for a moderator.")
    return ReceivedComment(stored.id, article_id, parent_id, thread_id or stored.id, stored.client_hash,
                           fields["body_raw"])


def submit_to(ref: str, data: Mapping[str, Any], client_address: str) -> ReceivedComment:
    """`submit` to the article `ref` names, found by the insert itself: one statement for a new comment.

    The outcome is `find_commentable` then `submit`, refusals in the same order: an unknown or
    renamed article (NotFound, Moved) before the fields, the fields before a duplicate. Those
    refusals cost the extra read; a comment that is stored does not. A reply reads the article
    first, to check its parent.
    """
    if _names_parent(data.get("parent_id")):
        return submit(catalog.find_commentable(ref), data, client_address)
    by, key = catalog.commentable_address(ref)
    try:
        fields = validate(data)
    except ServiceError:
        catalog.find_commentable(ref)  # an article that is not there answers first
        raise
    with _own_connection() as connection:
        stored = _store(connection, connection, _store_unless_duplicate(connection.dialect.name, by),
                        _stored_values(fields, client_address, None, None) | {"ref": key})
    if stored is None:
        catalog.find_commentable(ref)  # NotFound or Moved when the article, not a duplicate, was the reason
        raise DuplicateComment("You have already sent this comment; it is waiting for a moderator.")
    return ReceivedComment(stored.id, stored.article_id, None, stored.id, stored.client_hash, fields["body_raw"])


class _Stored(NamedTuple):
    """What intake's insert handed back, with the client's hash it stored."""

    id: int
    article_id: int
    client_hash: str


def _stored_values(fields: dict[str, Any], client_address: str, parent_id: int | None,
                   thread_id: int | None) -> dict[str, Any]:
    """The insert's parameters but the article's."""
    now = utcnow()
    return {"parent_id": parent_id, "thread_id": thread_id, "client_hash": client_hash(client_address),
            "content_hash": content_hash(fields["body_raw"]), "status": CommentStatus.RECEIVED.value,
            "spam_reasons": [], "pii": [], "created_at": now, "since": now - DUPLICATE_WINDOW, **fields}


class _Transaction(Protocol):
    """What ends intake's write: the session (`submit`) or a connection of its own (`submit_to`)."""

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


def _store(connection: Connection, owner: _Transaction, statement: BulkStatement,
           values: dict[str, Any]) -> _Stored | None:
    """Run intake's insert as Core and commit, then nudge the workers; None (rolled back) if it inserted nothing.

    As Core, not the ORM's unit of work, which costs more than this insert. `owner` commits.
    """
    with write_turn(connection):  # on SQLite, web processes queue for the write lock rather than poll it
        row = statement.first(connection, values)
        if row is None:
            owner.rollback()  # lets SQLite's write lock go with the turn
            return None
        owner.commit()
    nudge(PROCESS_TASK)
    return _Stored(row.id, row.article_id, values["client_hash"])


@contextmanager
def _own_connection() -> Iterator[Connection]:
    """A pooled connection for one comment, without the ORM session (whose set-up and teardown cost
    more than the insert's own Python); on PostgreSQL in autocommit, so the INSERT is one round trip
    with no BEGIN or COMMIT around it (the pool restores the mode when it takes the connection back)."""
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="AUTOCOMMIT")
        yield connection
