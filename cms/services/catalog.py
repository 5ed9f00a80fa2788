"""Finding and listing articles: by id, slug or old slug; published lists; revision histories.

Lists are keyset-paginated (`after` is the sort key of the last item shown), so page 500 costs
what page 1 costs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import Connection, Row, Select, and_, bindparam, or_, select
from sqlalchemy.orm import joinedload

from cms.extensions import db
from cms.models import Article, ArticleStatus, Revision, SlugRedirect
from cms.services.errors import Moved, NotFound
from cms.services.statements import one_statement_connection
from cms.services.stats import Visits, site_today, visit_columns

MAX_ID = 2**31 - 1  # ids and numbers are 32-bit integers in every database we support


@lru_cache(maxsize=1)
def _by_slug() -> Select[Any]:
    """Built once: every article page and API read runs it."""
    return select(Article).where(Article.slug == bindparam("slug"))


def find_article(ref: str) -> Article:
    """The article addressed by id or slug; an old slug raises Moved with the current one."""
    article = None
    if ref.isascii() and ref.isdigit():
        article = db.session.get(Article, int(ref)) if int(ref) <= MAX_ID else None
    else:
        article = db.session.scalar(_by_slug(), {"slug": ref})
        if article is None:
            redirect = db.session.get(SlugRedirect, ref)
            if redirect is not None:
                current = db.session.get(Article, redirect.article_id)
                raise Moved(f"This article is now at {current.slug!r}.", slug=current.slug)
    if article is None:
        raise NotFound("No such article.")
    return article


def find_public_article(ref: str) -> tuple[Article, Revision]:
    """A published article and its live revision, as a reader may see it; otherwise NotFound."""
    article = find_public(ref)
    return article, live_revision(article)


def find_public(ref: str) -> Article:
    """A published article (its row only: enough to know whether a cached rendering still fits)."""
    try:
        article = find_article(ref)
    except Moved as moved:
        if not db.session.scalar(select(Article).where(Article.slug == moved.slug)).is_public:
            raise NotFound("No such article.") from None
        raise
    if not article.is_public:
        raise NotFound("No such article.")
    return article


class ReaderRow(NamedTuple):
    """What a reader's page and the API need to know about an article before anything is rendered:
    the fields that name its cached renderings and ETag, and its visit counts."""

    id: int
    slug: str
    status: str
    live_number: int | None
    last_published_at: datetime | None
    comment_count: int
    comments_version: int
    visits: Visits

    @property
    def is_public(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED and self.live_number is not None


def _addressed(ref: str) -> tuple[str, int | str] | None:
    """How `ref` names an article, ("id", 42) or ("slug", "naps"); None for an id no article can have."""
    if ref.isascii() and ref.isdigit():
        return ("id", int(ref)) if int(ref) <= MAX_ID else None
    return "slug", ref


def _key(by: str) -> Any:
    """The condition picking the article by `by` ("id" or "slug"), its value bound as `ref`."""
    return Article.slug == bindparam("ref") if by == "slug" else Article.id == bindparam("ref")


@lru_cache(maxsize=2)
def reader_statement(by: str) -> Select[Any]:
    """The reader's row with its visit counts in one round trip, by slug or by id (built once)."""
    return select(Article.id, Article.slug, Article.status, Article.live_number, Article.last_published_at,
                  Article.comment_count, Article.comments_version,
                  *visit_columns(Article.id, bindparam("day"))).where(_key(by))


def find_reader_row(ref: str) -> ReaderRow:
    """A published article as the readers' hot path (page and API) sees it, in one Core query.

    It runs on a connection of its own, not the ORM session: a session's set-up, identity map
    and teardown cost three times the query, and a cached page needs none of them. A miss (no
    cached rendering yet) loads the ORM article with `article_for(row)`.
    """
    with db.engine.connect() as connection:
        found = read_reader_row(connection, ref, site_today())
    if found is None:
        find_public(ref)  # an old slug answers Moved; anything else NotFound
        raise NotFound("No such article.")
    if not found.is_public:
        raise NotFound("No such article.")
    return found


class Commentable(NamedTuple):
    """A published article as comment intake needs it: its id."""

    id: int


def commentable_condition(by: str) -> Any:
    """The article `ref` names (by "id" or "slug", bound as `ref`), if it is published."""
    return and_(_key(by), Article.status == ArticleStatus.PUBLISHED, Article.live_number.is_not(None))


def commentable_address(ref: str) -> tuple[str, int | str]:
    """How `ref` names an article, ("id", 42) or ("slug", "naps"); NotFound for an id no article can have."""
    address = _addressed(ref)
    if address is None:
        raise NotFound("No such article.")
    return address


@lru_cache(maxsize=2)
def _commentable_statement(by: str) -> Select[Any]:
    return select(Article.id).where(commentable_condition(by))


def find_commentable(ref: str) -> Commentable:
    """The published article a comment is posted to, read in the session intake then writes in.

    A new comment on the intake path does without it (`comments.submit_to` finds the article in its
    INSERT); the API view, replies and the refusals use it.

    Not `find_reader_row`: that one takes a connection of its own (a second checkout, and on
    PostgreSQL a ping, a BEGIN and a ROLLBACK) and counts visits, which intake does not need.
    An old slug raises Moved, anything else that is not public NotFound, as for a reader's page.
    """
    address = _addressed(ref)
    found = None
    if address is not None:
        found = one_statement_connection().scalar(_commentable_statement(address[0]), {"ref": address[1]})
    if found is None:
        find_public(ref)  # an old slug answers Moved; anything else NotFound
        raise NotFound("No such article.")
    return Commentable(found)


def read_reader_row(connection: Connection, ref: str, day: date) -> ReaderRow | None:
    """The reader row of the article with id or slug `ref`, with `day`'s visits; None if there is none.

    Shared with `cms.fast_path`, which runs it on a connection it keeps outside any app context.
    """
    address = _addressed(ref)
    if address is None:
        return None
    row = connection.execute(reader_statement(address[0]), {"ref": address[1], "day": day}).one_or_none()
    if row is None:
        return None
    *fields, total, today = row
    return ReaderRow(*fields, visits=Visits(total or 0, today or 0))


def article_for(row: ReaderRow) -> Article:
    """The ORM article behind a reader's row, to render it."""
    return db.session.get(Article, row.id)


def live_revision(article: Article) -> Revision:
    """The revision readers see."""
    return db.session.scalar(select(Revision).options(joinedload(Revision.author)).where(
        Revision.article_id == article.id, Revision.number == article.live_number))


def list_published(limit: int, after: tuple[datetime, int] | None = None) -> list[Row]:
    """Published articles, newest first, each row `(Article, live Revision)`."""
    query = (
        select(Article, Revision)
        .join(Revision, and_(Revision.article_id == Article.id, Revision.number == Article.live_number))
        .where(Article.status == ArticleStatus.PUBLISHED)
        .order_by(Article.first_published_at.desc(), Article.id.desc())
        .limit(limit)
    )
    if after is not None:
        when, last_id = after
        query = query.where(or_(Article.first_published_at < when,
                                and_(Article.first_published_at == when, Article.id < last_id)))
    return list(db.session.execute(query))


def list_by_status(statuses: Sequence[ArticleStatus], limit: int,
                   after: tuple[datetime, int] | None = None) -> list[Row]:
    """Articles in the given states for editors, most recently changed first, with their latest revision."""
    query = (
        select(Article, Revision)
        .join(Revision, and_(Revision.article_id == Article.id, Revision.number == Article.latest_number))
        .where(Article.status.in_(list(statuses)))
        .order_by(Article.updated_at.desc(), Article.id.desc())
        .limit(limit)
    )
    if after is not None:
        when, last_id = after
        query = query.where(or_(Article.updated_at < when, and_(Article.updated_at == when, Article.id < last_id)))
    return list(db.session.execute(query))


def list_revisions(article: Article, limit: int, before: int | None = None) -> list[Revision]:
    """An article's revisions, newest first, `limit` at a time below revision number `before`."""
    query = (
        select(Revision).options(joinedload(Revision.author))
        .where(Revision.article_id == article.id)
        .order_by(Revision.number.desc())
        .limit(limit)
    )
    if before is not None:
        query = query.where(Revision.number < before)
    return list(db.session.scalars(query))


def titles(article_ids: set[int]) -> dict[int, str]:
    """Each article's latest title, in one query (for lists of comments from many articles)."""
    if not article_ids:
        return {}
    rows = db.session.execute(
        select(Article.id, Revision.title)
        .join(Revision, and_(Revision.article_id == Article.id, Revision.number == Article.latest_number))
        .where(Article.id.in_(article_ids))
    ).all()
    return dict(rows)
