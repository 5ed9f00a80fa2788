"""Posting a comment from the article page."""

from __future__ import annotations

import logging
from typing import Any

from flask import flash, redirect, url_for

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
