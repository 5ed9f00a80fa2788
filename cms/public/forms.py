"""The reader's comment form (Flask-WTF), with a honeypot field for bots."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, StringField, TextAreaField


class CommentForm(FlaskForm):
    """Name, optional email, the comment, what it replies to; `website` is the honeypot.

    Length and content rules live in the comment service, so the page and the API apply the same ones.
    The CSRF token is checked for every form post before any view runs (`web._csrf_for_cookie_sessions`)
    and written by the template, so the form itself never mints one: a cached page's first render
    must not give that reader a session.
    """

    class Meta:
        csrf = False

    author_name = StringField("Your name (shown with your comment)")
    author_email = EmailField("Email (optional, never shown)")
    body = TextAreaField("Comment")
    parent_id = HiddenField()
    website = StringField("Leave this empty", render_kw={"tabindex": "-1", "autocomplete": "off"})

    def data_for_service(self) -> dict[str, object]:
        """The submitted fields in the shape `comments.submit` takes."""
        parent = (self.parent_id.data or "").strip()
        return {"author_name": self.author_name.data, "author_email": self.author_email.data,
                "body": self.body.data, "parent_id": int(parent) if parent.isdigit() and len(parent) < 10 else None}
