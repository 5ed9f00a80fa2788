"""The JSON API under /api/v1: each view parses input, calls one service, serializes the result.

Modules: `articles`, `revisions`, `stats`, `tokens` (views), `docs` (the OpenAPI document), `parsing`
(strict input), `schemas` (fields in and out), `serializers`, `errors` (the one error shape).
"""

from flask import Blueprint

bp = Blueprint("api", __name__)

from cms.api import articles, comments, docs, moderation, revisions, stats, tokens  # noqa: E402,F401  (register routes)
