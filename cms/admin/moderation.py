"""The moderation queue page: pending and spam tabs, decisions singly or in bulk, each comment's history."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from cms.admin import bp
from cms.admin.forms import ActionForm
from cms.auth.access import role_required
from cms.models import MODERATOR_ACTIONS, CommentStatus, Role
from cms.services import catalog, discussion, moderation
from cms.services.errors import ServiceError

PAGE_SIZE = 50
TABS = (CommentStatus.PENDING, CommentStatus.SPAM, CommentStatus.RECEIVED)
DONE = {"approve": "approved", "reject": "rejected", "spam": "marked as spam", "ham": "sent back to the queue"}


def _after() -> tuple[datetime, int] | None:
    when, _, last = request.args.get("after", "").partition(",")
    try:
        return datetime.fromisoformat(when), int(last)
    except ValueError:
        return None


@bp.get("/moderation")
@role_required(Role.MODERATOR)
def moderation_queue() -> str:
    """Comments waiting for a decision, oldest first, fifty to a page."""
    status = request.args.get("status", CommentStatus.PENDING)
    if status not in TABS:
        abort(400, "Unknown queue.")
    rows = discussion.queue(CommentStatus(status), PAGE_SIZE + 1, _after())
    page = rows[:PAGE_SIZE]
    older = f"{page[-1].created_at.isoformat()},{page[-1].id}" if len(rows) > PAGE_SIZE else None
    return render_template("admin/moderation.html", comments=page, status=status, tabs=TABS, older=older,
                           titles=catalog.titles({c.article_id for c in page}), form=ActionForm(),
                           actions=MODERATOR_ACTIONS)


def _back() -> str:
    """Return to the page the moderator came from (same site only)."""
    target = request.form.get("next", "")
    if target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("admin.moderation_queue")


@bp.post("/moderation/comments/<int:comment_id>/<action>")
@role_required(Role.MODERATOR)
def moderate(comment_id: int, action: str) -> Any:
    """One decision from the queue or the comment's page."""
    try:
        comment = moderation.decide(current_user._get_current_object(), comment_id, action)
        flash(f"Comment by {comment.author_name} {DONE[action]}.", "success")
    except ServiceError as error:
        flash(error.message, "error")
    return redirect(_back())


@bp.post("/moderation/bulk")
@role_required(Role.MODERATOR)
def moderate_bulk() -> Any:
    """The same decision for every ticked comment."""
    action = request.form.get("bulk_action", "")
    ids = [int(value) for value in request.form.getlist("ids") if value.isdigit() and len(value) < 10]
    if action not in MODERATOR_ACTIONS or not ids:
        flash("Tick some comments and choose what to do with them.", "error")
        return redirect(_back())
    result = moderation.decide_many(current_user._get_current_object(), ids, action)
    flash(f"{len(result.done)} {'comment' if len(result.done) == 1 else 'comments'} {DONE[action]}."
          + (f" {len(result.refused)} could not be: their state had changed." if result.refused else ""),
          "success" if not result.refused else "error")
    return redirect(_back())


@bp.get("/moderation/comments/<int:comment_id>")
@role_required(Role.MODERATOR)
def comment_detail(comment_id: int) -> str:
    """One comment in full with every decision taken on it."""
    comment = moderation.get_comment(comment_id)
    article = catalog.find_article(str(comment.article_id))
    return render_template("admin/comment.html", comment=comment, article=article,
                           title=catalog.titles({article.id}).get(article.id, ""), history=discussion.history(comment),
                           form=ActionForm(), actions=MODERATOR_ACTIONS)
