"""The article editor: list, create, edit (with conflict page), publish, schedule, unpublish, archive."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from cms.admin import bp
from cms.admin.diffview import field_rows
from cms.admin.forms import ActionForm, ArticleForm, PublishForm
from cms.auth.access import role_required
from cms.models import ArticleStatus, Role
from cms.rendering import render_article
from cms.services import articles, catalog, publishing
from cms.services.errors import ServiceError, StaleRevision, ValidationFailed
from cms.web import site_timezone

STATUS_TABS = [ArticleStatus.DRAFT, ArticleStatus.SCHEDULED, ArticleStatus.PUBLISHED, ArticleStatus.ARCHIVED]


def _actor() -> Any:
    return current_user._get_current_object()


@bp.get("/articles")
@role_required(Role.EDITOR)
def article_list() -> str:
    """Every article with its state, most recently changed first."""
    rows = catalog.list_by_status(STATUS_TABS, limit=500)
    return render_template("admin/articles.html", rows=rows)


@bp.route("/articles/new", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def article_new() -> Any:
    """Write a new article; it starts as a draft with revision 1."""
    form = ArticleForm()
    preview = None
    if form.validate_on_submit():
        if "preview" in request.form:
            preview = render_article(form.body_markdown.data)
        else:
            try:
                article, _ = articles.create_article(_actor(), form.content())
            except ValidationFailed as error:
                _show_field_errors(form, error)
            else:
                flash("Draft created (revision 1).", "success")
                return redirect(url_for("admin.article_edit", article_id=article.id))
    return render_template("admin/edit.html", form=form, article=None, preview=preview)


@bp.route("/articles/<int:article_id>/edit", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def article_edit(article_id: int) -> Any:
    """Edit the latest revision; a save based on an older one shows the conflict instead."""
    article = catalog.find_article(str(article_id))
    latest = articles.latest_revision(article)
    form = ArticleForm(obj=latest if request.method == "GET" else None)
    if request.method == "GET":
        form.base_revision.data = str(latest.number)
        form.message.data = ""
    preview = render_article(latest.body_markdown)
    if form.validate_on_submit():
        if "preview" in request.form:
            preview = render_article(form.body_markdown.data)
        else:
            return _save(article, form) or _edit_page(article, latest, form, preview)
    return _edit_page(article, latest, form, preview)


def _edit_page(article: Any, latest: Any, form: ArticleForm, preview: str | None) -> str:
    return render_template("admin/edit.html", form=form, article=article, latest=latest, preview=preview,
                           publish_form=PublishForm(), action_form=ActionForm())


def _save(article: Any, form: ArticleForm) -> Any:
    """Append a revision; on a stale base render the conflict page; on bad fields return None."""
    base = int(form.base_revision.data) if (form.base_revision.data or "").isdigit() else None
    try:
        revision = articles.save_revision(_actor(), article, base, form.content())
    except StaleRevision as stale:
        theirs = articles.get_revision(article, stale.latest)
        form.base_revision.data = str(stale.latest)
        rows = field_rows(theirs, form.content())
        return render_template("admin/conflict.html", article=article, theirs=theirs, form=form,
                               based_on=base, rows=rows), 409
    except ValidationFailed as error:
        _show_field_errors(form, error)
        return None
    flash(f"Saved as revision {revision.number}.", "success")
    return redirect(url_for("admin.article_edit", article_id=article.id))


def _show_field_errors(form: ArticleForm, error: ValidationFailed) -> None:
    for name, message in error.fields.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*field.errors, message]
    flash(error.message, "error")


def parse_local_time(value: str) -> datetime:
    """A `datetime-local` value read in the site's zone (a time a DST change skips moves forward)."""
    naive = datetime.fromisoformat(value)
    if naive.tzinfo is not None:
        return naive
    return naive.replace(tzinfo=site_timezone())


@bp.post("/articles/<int:article_id>/publish")
@role_required(Role.EDITOR)
def article_publish(article_id: int) -> Any:
    """Publish now, or schedule when a time is given."""
    article = catalog.find_article(str(article_id))
    form = PublishForm()
    if not form.validate_on_submit():
        flash("Give a revision number and, to schedule, a time.", "error")
        return redirect(url_for("admin.article_edit", article_id=article_id))
    try:
        at = parse_local_time(form.at.data) if form.at.data else None
    except ValueError:
        flash("The time is not a valid date and time.", "error")
        return redirect(url_for("admin.article_edit", article_id=article_id))
    return _act(article_id, lambda: publishing.publish(_actor(), article, form.revision.data, at),
                "Scheduled." if at else "Published.")


@bp.post("/articles/<int:article_id>/unpublish")
@role_required(Role.EDITOR)
def article_unpublish(article_id: int) -> Any:
    """Back to draft (also cancels a schedule and takes an article out of the archive)."""
    article = catalog.find_article(str(article_id))
    return _act(article_id, lambda: publishing.unpublish(_actor(), article), "Moved back to draft.")


@bp.post("/articles/<int:article_id>/archive")
@role_required(Role.EDITOR)
def article_archive(article_id: int) -> Any:
    """Archive: off the site, history kept."""
    article = catalog.find_article(str(article_id))
    return _act(article_id, lambda: publishing.archive(_actor(), article), "Archived.")


def _act(article_id: int, change: Any, done: str) -> Any:
    """Run a state change (the CSRF token was checked before the view) and report how it went."""
    try:
        change()
        flash(done, "success")
    except ServiceError as error:
        flash(error.message, "error")
    return redirect(url_for("admin.article_edit", article_id=article_id))
