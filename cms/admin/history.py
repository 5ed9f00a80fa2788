"""Revision history pages: the list, one revision, a diff between any two, restore."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from cms.admin import bp
from cms.admin.diffview import field_rows
from cms.admin.forms import ActionForm
from cms.auth.access import role_required
from cms.models import Role
from cms.rendering import render_article
from cms.services import articles, catalog

HISTORY_PAGE = 50
MAX_NUMBER = 2**31 - 1


def _number_arg(name: str, default: int) -> int:
    raw = request.args.get(name, "")
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_NUMBER:
        abort(400, f"{name} must be a revision number")
    return int(raw)


@bp.get("/articles/<int:article_id>/revisions")
@role_required(Role.EDITOR)
def revisions(article_id: int) -> str:
    """An article's revisions, newest first, fifty to a page."""
    article = catalog.find_article(str(article_id))
    before = _number_arg("before", 0) or None
    rows = catalog.list_revisions(article, HISTORY_PAGE + 1, before)
    older = rows[HISTORY_PAGE - 1].number if len(rows) > HISTORY_PAGE else None
    return render_template("admin/revisions.html", article=article, revisions=rows[:HISTORY_PAGE],
                           older=older, action_form=ActionForm())


@bp.get("/articles/<int:article_id>/revisions/<int:number>")
@role_required(Role.EDITOR)
def revision(article_id: int, number: int) -> str:
    """One revision as it would look, with its metadata."""
    article = catalog.find_article(str(article_id))
    shown = articles.get_revision(article, number)
    return render_template("admin/revision.html", article=article, revision=shown,
                           body_html=render_article(shown.body_markdown), action_form=ActionForm())


@bp.get("/articles/<int:article_id>/diff")
@role_required(Role.EDITOR)
def diff(article_id: int) -> str:
    """Side-by-side diff of any two revisions (default: live, or the one before the latest, to latest)."""
    article = catalog.find_article(str(article_id))
    default_from = article.live_number if article.live_number and article.live_number != article.latest_number \
        else max(article.latest_number - 1, 1)
    from_number = _number_arg("from", default_from)
    to_number = _number_arg("to", article.latest_number)
    old, new = articles.get_revision(article, from_number), articles.get_revision(article, to_number)
    return render_template("admin/diff.html", article=article, old=old, new=new, fields=field_rows(old, new),
                           numbers=range(article.latest_number, 0, -1))


@bp.post("/articles/<int:article_id>/revisions/<int:number>/restore")
@role_required(Role.EDITOR)
def restore(article_id: int, number: int) -> Any:
    """Append a new latest revision equal to revision `number`."""
    article = catalog.find_article(str(article_id))
    restored = articles.restore_revision(current_user._get_current_object(), article, number)
    flash(f"Revision {number} restored as revision {restored.number}.", "success")
    return redirect(url_for("admin.article_edit", article_id=article_id))
