"""The reader-facing pages: the article list, article pages, the Atom feed and the sitemap."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from cms.public import comments, views  # noqa: E402,F401  (register routes)
