"""Visit statistics as shown with an article (the counting itself arrives with the statistics issue)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Visits:
    """An article's visit counts: all time, and today in the site's time zone."""

    total: int = 0
    today: int = 0


def visits_for(article_id: int) -> Visits:
    """The visit counts of one article."""
    return Visits()
