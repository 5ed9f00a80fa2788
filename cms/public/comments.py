"""Posting a comment from the article page."""

from __future__ import annotations

import logging
from typing import Any

from flask import flash, jsonify, redirect, request, url_for
from flask_wtf.csrf import CSRFError, generate_csrf

from cms.errors import handle_csrf
from cms.extensions import client_address
from cms.limits import limit_comments
from cms.public import bp
from cms.public.forms import CommentForm
from cms.public.article_page import render_full
from cms.services import catalog, comments
from cms.services.errors import ServiceError

log = logging.getLogger(__name__)
AWAITING = "Thank you. Your comment is awaiting moderation and will appear once a moderator has read it."


@bp.post("/articles/<slug>/comments")
@limit_comments
def post_comment(slug: str) -> Any:
    """Store the comment and come back to the article with the 'awaiting moderation' notice."""
    article, revision = catalog.find_public_article(slug)
    form = CommentForm()
    if form.website.data:
        log.info("honeypot filled on article %s; comment dropped", article.id)
        flash(AWAITING, "success")
        return redirect(url_for("public.article", slug=article.slug, _anchor="comments"))
    try:
        comments.submit(article, form.data_for_service(), client_address())
    except ServiceError as error:
        for name, message in error.fields.items():
            field = getattr(form, name, None)
            if field is not None:
                field.errors = [message]
        if not error.fields:
            form.body.errors = [error.message]
        return render_full(article, revision, form=form), error.status
    flash(AWAITING, "success")
    return redirect(url_for("public.article", slug=article.slug, _anchor="comments"))


@bp.get("/comment-token")
def comment_token() -> Any:
    """A CSRF token for the comment form of a cached page (its script asks when the reader starts to write)."""
    response = jsonify(csrf_token=generate_csrf())
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(CSRFError)
def unsent_comment(error: CSRFError) -> Any:
    """A comment sent without a valid token is shown back, text kept, with a token to send it again.

    Nothing is stored: the reader presses Send once more. This is what a reader without script
    (or with a token older than their session) sees; other forms get the plain refusal.
    """
    if request.endpoint != "public.post_comment":
        return handle_csrf(error)
    article, revision = catalog.find_public_article(request.view_args["slug"])
    form = CommentForm()
    return render_full(article, revision, form=form, unsent=True), 400
