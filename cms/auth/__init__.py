"""Logging in and out of the staff pages, and who the current caller is (session or bearer token)."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from cms.auth import views  # noqa: E402,F401  (registers the routes on bp)
