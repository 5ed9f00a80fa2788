"""Writing articles: create, save a revision, restore an old one.

Every save appends a revision. The article row's `latest_number` is the optimistic lock: a save
names the revision it was based on and moves `latest_number` from that number to the next with
a guarded UPDATE; if another save got there first, no row matches and the save is refused as
stale instead of overwriting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from cms.extensions import db
from cms.models import Article, ArticleStatus, Revision, SlugRedirect, User
from cms.models.types import utcnow
from cms.services import audit
from cms.services.access import EDITORS, require_role
from cms.services.errors import NotFound, PreconditionRequired, StaleRevision, ValidationFailed

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LIMITS = {"title": 200, "slug": 120, "summary": 1000, "body_markdown": 200_000, "message": 500}


@dataclass(frozen=True)
class ArticleFields:
    """The editable content of one revision, validated."""

    title: str
    slug: str
    summary: str
    body_markdown: str
    message: str

    def content(self) -> dict[str, str]:
        """The fields a revision stores as content."""
        return {"title": self.title, "slug": self.slug, "summary": self.summary,
                "body_markdown": self.body_markdown}


def slugify(text: str) -> str:
    """A URL slug from a title: ASCII letters and digits joined by single dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[: LIMITS["slug"]].rstrip("-")
    return slug or "article"


def validate_fields(data: Mapping[str, Any], previous: Revision | None = None) -> ArticleFields:
    """Check lengths and the slug's form; a field left out keeps its previous value."""
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    for name in ("title", "summary", "body_markdown", "message", "slug"):
        value = data.get(name)
        if value is None and previous is not None and name != "message":
            value = getattr(previous, name)
        value = (value or "").strip() if name != "body_markdown" else (value or "")
        if len(value) > LIMITS[name]:
            errors[name] = f"At most {LIMITS[name]} characters."
        values[name] = value
    for required in ("title", "body_markdown"):
        if not values[required].strip():
            errors[required] = "This field is required."
    if not values["slug"]:
        values["slug"] = slugify(values["title"])
    elif not SLUG_RE.match(values["slug"]) or values["slug"].isdigit():
        errors["slug"] = "Use lowercase letters, digits and single dashes (not digits alone)."
    if errors:
        raise ValidationFailed("Some fields are not valid.", fields=errors)
    return ArticleFields(**values)


def slug_owner(slug: str) -> int | None:
    """The id of the article using `slug`, now or as an old address, or None if free."""
    owner = db.session.scalar(select(Article.id).where(Article.slug == slug))
    if owner is None:
        owner = db.session.scalar(select(SlugRedirect.article_id).where(SlugRedirect.old_slug == slug))
    return owner


def _require_free_slug(slug: str, article_id: int | None) -> None:
    owner = slug_owner(slug)
    if owner is not None and owner != article_id:
        raise ValidationFailed("That slug is used by another article.", fields={"slug": "Already in use."})


def _unique_slug(base: str) -> str:
    """`base`, or `base-2`, `base-3`... for a new article whose slug came from its title."""
    candidate, suffix = base, 2
    while slug_owner(candidate) is not None:
        candidate = f"{base[: LIMITS['slug'] - 6]}-{suffix}"
        suffix += 1
    return candidate


def create_article(actor: User | None, data: Mapping[str, Any]) -> tuple[Article, Revision]:
    """A new draft article with its first revision."""
    require_role(actor, *EDITORS)
    fields = validate_fields(data)
    if data.get("slug"):
        _require_free_slug(fields.slug, None)
        slug = fields.slug
    else:
        slug = _unique_slug(fields.slug)
    article = Article(slug=slug, status=ArticleStatus.DRAFT, latest_number=1)
    db.session.add(article)
    db.session.flush()
    content = fields.content() | {"slug": slug}
    revision = Revision(article_id=article.id, number=1, author_id=actor.id,
                        message=fields.message or "Created", **content)
    db.session.add(revision)
    audit.record("article.create", "article", article.id, actor=actor, to_state=ArticleStatus.DRAFT, revision=1)
    _commit_or_slug_conflict()
    return article, revision


def save_revision(actor: User | None, article: Article, base_number: int | None,
                  data: Mapping[str, Any]) -> Revision:
    """Append revision n+1 if `base_number` is n, the latest; otherwise refuse as stale."""
    require_role(actor, *EDITORS)
    previous = latest_revision(article)
    fields = validate_fields(data, previous)
    return _append_revision(actor, article, base_number, fields.content(), fields.message)


def restore_revision(actor: User | None, article: Article, number: int) -> Revision:
    """Append a new latest revision whose content equals revision `number`."""
    require_role(actor, *EDITORS)
    old = get_revision(article, number)
    content = {name: getattr(old, name) for name in ("title", "slug", "summary", "body_markdown")}
    return _append_revision(actor, article, article.latest_number, content,
                            f"Restored revision {number}", restored_from=number)


def _append_revision(actor: User, article: Article, base_number: int | None,
                     content: dict[str, str], message: str, restored_from: int | None = None) -> Revision:
    """The guarded append shared by save and restore."""
    if base_number is None:
        raise PreconditionRequired("Say which revision this save is based on (If-Match).")
    _require_free_slug(content["slug"], article.id)
    new_number = base_number + 1
    changes: dict[str, Any] = {"latest_number": new_number, "updated_at": utcnow()}
    if article.first_published_at is None:
        changes["slug"] = content["slug"]  # never public: its address may follow the latest draft
    moved = db.session.execute(
        update(Article).where(Article.id == article.id, Article.latest_number == base_number).values(**changes)
    ).rowcount
    if moved != 1:
        db.session.rollback()
        latest = db.session.scalar(select(Article.latest_number).where(Article.id == article.id))
        raise StaleRevision(
            f"This edit was based on revision {base_number}, but revision {latest} is now the latest.",
            latest=latest or 0,
        )
    revision = Revision(article_id=article.id, number=new_number, author_id=actor.id, message=message,
                        restored_from=restored_from, **content)
    db.session.add(revision)
    if "slug" in changes:
        db.session.execute(delete(SlugRedirect).where(SlugRedirect.old_slug == content["slug"],
                                                      SlugRedirect.article_id == article.id))
    audit.record("article.restore" if restored_from else "article.revise", "article", article.id,
                 actor=actor, revision=new_number)
    _commit_or_slug_conflict()
    db.session.refresh(article)
    return revision


def _commit_or_slug_conflict() -> None:
    """Commit; a slug taken by a concurrent save surfaces as a field error, not a 500."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise ValidationFailed("That slug was just taken by another article.",
                               fields={"slug": "Already in use."}) from None


def latest_revision(article: Article) -> Revision:
    """The newest revision of an article."""
    return get_revision(article, article.latest_number)


def get_revision(article: Article, number: int) -> Revision:
    """Revision `number` of `article`, or NotFound."""
    if not 1 <= number <= 2**31 - 1:
        raise NotFound(f"Article {article.id} has no revision {number}.")
    revision = db.session.scalar(
        select(Revision).where(Revision.article_id == article.id, Revision.number == number)
    )
    if revision is None:
        raise NotFound(f"Article {article.id} has no revision {number}.")
    return revision
