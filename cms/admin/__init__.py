"""Staff pages under /admin: the article editor, revision history and diffs, publishing, statistics.

Every view is behind `role_required`; every form carries a CSRF token (Flask-WTF).
"""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from cms.admin import articles, history, home, moderation, stats  # noqa: E402,F401  (register routes)
