"""Loading the demo articles through the same services editors use, so they get real histories."""

from __future__ import annotations

from cms.demo.articles import DEMO_ARTICLES
from cms.models import User
from cms.services import articles, publishing


def load_demo_articles(editor: User) -> int:
    """Create each demo article revision by revision, then publish the chosen revision."""
    for spec in DEMO_ARTICLES:
        first, *later = spec["revisions"]
        article, revision = articles.create_article(editor, first | {"slug": spec["slug"]})
        for content in later:
            revision = articles.save_revision(editor, article, revision.number, content | {"slug": spec["slug"]})
        if spec["publish"] is not None:
            publishing.publish(editor, article, spec["publish"])
    return len(DEMO_ARTICLES)
