"""The staff home page and the editor's live Markdown preview."""

from __future__ import annotations

from typing import Any

from flask import jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from cms.admin import bp
from cms.auth.access import role_required
from cms.models import Role
from cms.rendering import render_article
from cms.services.articles import LIMITS


@bp.get("/")
@login_required
def index() -> Any:
    """Send each role to its main page; admins get the overview."""
    if current_user.role == Role.EDITOR:
        return redirect(url_for("admin.article_list"))
    if current_user.role == Role.MODERATOR:
        return redirect(url_for("admin.moderation_queue"))
    return render_template("admin/index.html")


@bp.post("/preview")
@role_required(Role.EDITOR)
def preview() -> Any:
    """Render Markdown the way the article page will (through the sanitizer), for the live preview."""
    text = request.form.get("body_markdown", "")[: LIMITS["body_markdown"]]
    return jsonify({"html": render_article(text)})
