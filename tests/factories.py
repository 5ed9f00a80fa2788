"""Factories for test data. They go through the services, so test data obeys the same rules as real data."""

from __future__ import annotations

import itertools
from typing import Any

from cms.models import Article, Revision, Role, User
from cms.services import articles, publishing, users

PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)


def reset_sequences() -> None:
    """Start numbering again (names stay unique within a test, readable across tests)."""
    global _sequence
    _sequence = itertools.count(1)


def user(role: Role | str = Role.EDITOR, username: str | None = None, password: str = PASSWORD) -> User:
    """A user with `role` and the shared test password."""
    name = username or f"{Role(role).value}{next(_sequence)}"
    return users.create_user(name, role, password)


def article(author: User | None = None, *, title: str | None = None, body: str = "First paragraph.\n\nSecond paragraph.",
            revisions: int = 1, publish: int | bool = False, **fields: Any) -> Article:
    """An article with `revisions` revisions (each changing the body), optionally published.

    `publish=True` publishes the latest revision; an int publishes that revision.
    """
    author = author or user(Role.EDITOR)
    number = next(_sequence)
    data = {"title": title or f"Article {number}", "body_markdown": body} | fields
    created, revision = articles.create_article(author, data)
    for n in range(2, revisions + 1):
        revision = articles.save_revision(author, created, revision.number,
                                          data | {"body_markdown": f"{body}\n\nEdit {n}."})
    if publish:
        publishing.publish(author, created, None if publish is True else int(publish))
    return created


def revision(article_: Article, number: int) -> Revision:
    """A stored revision of `article_`."""
    return articles.get_revision(article_, number)
