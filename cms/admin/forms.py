"""The staff forms (Flask-WTF: each carries a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from cms.services.articles import LIMITS


class ArticleForm(FlaskForm):
    """The editor: content fields plus the revision the edit was based on."""

    title = StringField("Title", validators=[DataRequired(), Length(max=LIMITS["title"])])
    slug = StringField("Slug", validators=[Optional(), Length(max=LIMITS["slug"])],
                       description="Lowercase words joined by dashes; left empty, it comes from the title.")
    summary = TextAreaField("Summary", validators=[Optional(), Length(max=LIMITS["summary"])])
    body_markdown = TextAreaField("Body (Markdown)", validators=[DataRequired(), Length(max=LIMITS["body_markdown"])])
    message = StringField("What changed", validators=[Optional(), Length(max=LIMITS["message"])])
    base_revision = HiddenField()

    def content(self) -> dict[str, str]:
        """The submitted fields in the shape the article service takes."""
        return {name: getattr(self, name).data or "" for name in ("title", "slug", "summary", "body_markdown", "message")}


class PublishForm(FlaskForm):
    """Publish a revision now, or at a time given in the site's zone."""

    revision = IntegerField("Revision", validators=[Optional(), NumberRange(min=1, max=2**31 - 1)])
    at = StringField("At (site time)", validators=[Optional(), Length(max=40)])


class ActionForm(FlaskForm):
    """A button that changes something (unpublish, archive, restore): only its CSRF token."""
