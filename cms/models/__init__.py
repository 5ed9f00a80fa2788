"""The data model, one module per aggregate.

- `user`: `User` (with a `Role`) and `ApiToken` (hash only);
- `article`: `Article` (state and pointers) and its append-only `Revision`s, `SlugRedirect`;
- `comment`: `Comment` and its `CommentStatus` / `COMMENT_TRANSITIONS`;
- `audit`: `AuditEvent`, one row per decision;
- `spam`: the spam classifier's shared counts (`SpamToken`, `SpamLesson`, `SpamTotals`);
- `stats`: `ArticleDailyViews`, `ArticleViewTotal` and `StatsBatch` (visit statistics);
- `states`: the `TransitionTable` every stateful model uses;
- `types`: `UTCDateTime`.

Models hold data and invariants only; they never commit (services do).
"""

from cms.models.article import ARTICLE_TRANSITIONS, Article, ArticleStatus, Revision, SlugRedirect
from cms.models.audit import AuditEvent
from cms.models.comment import COMMENT_TRANSITIONS, MODERATOR_ACTIONS, Comment, CommentStatus
from cms.models.spam import SpamLesson, SpamToken, SpamTotals
from cms.models.states import IllegalTransition, TransitionTable
from cms.models.stats import ArticleDailyViews, ArticleViewTotal, StatsBatch
from cms.models.user import ApiToken, Role, User

__all__ = [
    "ARTICLE_TRANSITIONS", "COMMENT_TRANSITIONS", "MODERATOR_ACTIONS", "ApiToken", "Article", "ArticleDailyViews",
    "ArticleStatus", "ArticleViewTotal", "AuditEvent", "Comment", "CommentStatus", "IllegalTransition", "Revision",
    "Role", "SlugRedirect", "SpamLesson", "SpamToken", "SpamTotals", "StatsBatch", "TransitionTable", "User",
]
