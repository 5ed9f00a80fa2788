"""Marshmallow schemas: what the API accepts (unknown fields refused) and what it emits.

Output schemas are the list of fields a response may carry (nothing else leaks), and both kinds
feed the OpenAPI document, so the document cannot drift from the code.
"""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from cms.services.articles import LIMITS


class StrictSchema(Schema):
    """Refuses fields it does not list."""

    class Meta:
        unknown = RAISE


# ---- input ---------------------------------------------------------------------------------

class Empty(StrictSchema):
    """No fields: the body may be absent or `{}`."""


class TokenRequest(StrictSchema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = fields.String(required=True, validate=validate.Length(min=1, max=1024))


class ArticleCreate(StrictSchema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=LIMITS["title"]))
    body_markdown = fields.String(required=True, validate=validate.Length(min=1, max=LIMITS["body_markdown"]))
    summary = fields.String(validate=validate.Length(max=LIMITS["summary"]))
    slug = fields.String(validate=validate.Length(max=LIMITS["slug"]))
    message = fields.String(validate=validate.Length(max=LIMITS["message"]))


class ArticleUpdate(ArticleCreate):
    """A new revision: title and body are required, a left-out summary or slug keeps its value."""


class PublishRequest(StrictSchema):
    revision = fields.Integer(strict=True, validate=validate.Range(min=1, max=2**31 - 1))
    at = fields.AwareDateTime(format="iso", metadata={"description": "ISO 8601 time with an offset"})


class CommentCreate(StrictSchema):
    author_name = fields.String(required=True)
    author_email = fields.String(allow_none=True)
    body = fields.String(required=True)
    parent_id = fields.Integer(strict=True, allow_none=True)


class BulkDecision(StrictSchema):
    ids = fields.List(fields.Integer(strict=True), required=True, validate=validate.Length(min=1, max=500))
    action = fields.String(required=True, validate=validate.OneOf(["approve", "reject", "spam", "ham"]))


# ---- output --------------------------------------------------------------------------------

class UserBrief(Schema):
    username = fields.String()
    role = fields.String()


class TokenCreated(Schema):
    token = fields.String(metadata={"description": "Shown once; only its hash is stored."})
    user = fields.Nested(UserBrief)


class Visits(Schema):
    total = fields.Integer()
    today = fields.Integer()


class ArticleSummary(Schema):
    id = fields.Integer()
    slug = fields.String()
    title = fields.String()
    summary = fields.String()
    published_at = fields.AwareDateTime(allow_none=True)
    url = fields.String()
    status = fields.String()


class ArticleDetail(ArticleSummary):
    body_markdown = fields.String()
    body_html = fields.String()
    revision = fields.Integer(metadata={"description": "The revision number shown"})
    comment_count = fields.Integer(metadata={"description": "Approved comments"})
    visits = fields.Nested(Visits)
    updated_at = fields.AwareDateTime(allow_none=True)


class ArticleEditorView(ArticleDetail):
    """What editors see: the shown revision plus the article's pointers and schedule."""

    latest_revision = fields.Integer()
    live_revision = fields.Integer(allow_none=True)
    scheduled_revision = fields.Integer(allow_none=True)
    scheduled_at = fields.AwareDateTime(allow_none=True)
    created_at = fields.AwareDateTime()


class RevisionBrief(Schema):
    number = fields.Integer()
    author = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    message = fields.String()
    title = fields.String()
    restored_from = fields.Integer(allow_none=True)


class RevisionFull(RevisionBrief):
    slug = fields.String()
    summary = fields.String()
    body_markdown = fields.String()
    body_html = fields.String()


class DiffHunk(Schema):
    op = fields.String(validate=validate.OneOf(["equal", "insert", "delete"]))
    text = fields.String()


class RevisionDiff(Schema):
    from_ = fields.Integer(data_key="from")
    to = fields.Integer()
    title = fields.List(fields.Nested(DiffHunk))
    summary = fields.List(fields.Nested(DiffHunk))
    slug = fields.List(fields.Nested(DiffHunk))
    body = fields.List(fields.Nested(DiffHunk))


class CommentAccepted(Schema):
    id = fields.Integer()
    status = fields.String()


class PublicComment(Schema):
    """What anyone may see of an approved comment: never the email or the raw body."""

    id = fields.Integer()
    parent_id = fields.Integer(allow_none=True)
    author_name = fields.String()
    body_html = fields.String(metadata={"description": "Sanitized; personal data masked"})
    created_at = fields.AwareDateTime()


class SpamAssessment(Schema):
    score = fields.Float(allow_none=True)
    reasons = fields.List(fields.Dict())


class PiiFlag(Schema):
    kind = fields.String(validate=validate.OneOf(["email", "phone", "minor_age"]))
    start = fields.Integer(metadata={"description": "Offset in body_raw"})
    end = fields.Integer()


class HistoryItem(Schema):
    action = fields.String()
    actor = fields.String(allow_none=True)
    at = fields.AwareDateTime()
    from_ = fields.String(data_key="from", allow_none=True)
    to = fields.String(allow_none=True)


class DailyViews(Schema):
    date = fields.Date(metadata={"description": "A calendar date in the site's time zone"})
    views = fields.Integer()


class ArticleStats(Schema):
    total = fields.Integer(metadata={"description": "All-time views"})
    today = fields.Integer(metadata={"description": "Views today, in the site's time zone"})
    timezone = fields.String(metadata={"description": "The site's IANA time zone, which decides the dates"})
    daily = fields.List(fields.Nested(DailyViews), metadata={"description": "Oldest first, days without views included"})


class ArticleRef(Schema):
    id = fields.Integer()
    slug = fields.String()
    title = fields.String()


class ModeratedComment(PublicComment):
    """The whole comment, for moderators."""

    status = fields.String()
    body_raw = fields.String()
    review_html = fields.String(allow_none=True, metadata={"description": "Original, personal data in <mark>"})
    author_email = fields.String(allow_none=True)
    spam = fields.Nested(SpamAssessment)
    pii = fields.List(fields.Nested(PiiFlag))
    history = fields.List(fields.Nested(HistoryItem))
    article = fields.Nested(ArticleRef)


class BulkOutcome(Schema):
    done = fields.List(fields.Integer())
    refused = fields.List(fields.Dict())


class TopArticle(Schema):
    article = fields.Nested(ArticleRef)
    views = fields.Integer(metadata={"description": "Views in the period"})


class ErrorBody(Schema):
    code = fields.String()
    message = fields.String()
    fields_ = fields.Dict(data_key="fields")


class Error(Schema):
    error = fields.Nested(ErrorBody)


def page_of(item: type[Schema]) -> type[Schema]:
    """A list page schema `{"items": [...], "next": url-or-null}` for OpenAPI."""
    return type(f"{item.__name__}Page", (Schema,), {
        "items": fields.List(fields.Nested(item)),
        "next": fields.String(allow_none=True),
    })
