"""Rate limits shared by the pages and the API (Flask-Limiter; memory, or Redis when configured)."""

from __future__ import annotations

import time
from functools import lru_cache

from flask import current_app, request
from flask_limiter import RequestLimit
from limits import RateLimitItem, parse

from cms.extensions import limiter


# What a limit set to `0` (off) stands for: the route is also exempt, but Flask-Limiter parses the
# value before it asks, and would log an error for "0".
UNLIMITED = "1000000/second"


def _configured(key: str) -> str:
    value = current_app.config[key]
    return UNLIMITED if value in {"0", ""} else value


def _off(key: str) -> bool:
    return current_app.config[key] in {"0", ""}


def login_rate_limit() -> str:
    """The configured limit on login attempts per client."""
    return _configured("LOGIN_RATE_LIMIT")


def login_limit_off() -> bool:
    """`0` turns the login limit off."""
    return _off("LOGIN_RATE_LIMIT")


def comment_rate_limit() -> str:
    """The configured limit on comments per client."""
    return _configured("COMMENT_RATE_LIMIT")


def comment_limit_off() -> bool:
    """`0` turns the comment limit off."""
    return _off("COMMENT_RATE_LIMIT")


COMMENTS_SCOPE = "comments"
# One budget per client for the comment form and the comment API together.
limit_comments = limiter.shared_limit(comment_rate_limit, scope=COMMENTS_SCOPE, methods=["POST"],
                                      exempt_when=comment_limit_off)
limit_logins = limiter.shared_limit(login_rate_limit, scope="logins", methods=["POST"], exempt_when=login_limit_off)


def reads_are_never_limited() -> bool:
    """Every limit here is on a POST; telling Flask-Limiter so spares each page read its bookkeeping."""
    return request.method in {"GET", "HEAD", "OPTIONS"}


def register(app_limiter: object = limiter) -> None:
    """Install the filter once (the limiter object outlives any one application)."""
    filters = getattr(app_limiter, "_request_filters", [])
    if reads_are_never_limited not in filters:
        app_limiter.request_filter(reads_are_never_limited)  # type: ignore[attr-defined]


def take_comment_budget(client: str) -> RequestLimit | None:
    """Count one comment against `client`'s budget, outside Flask (`cms.intake_path`); None when unlimited.

    What `limit_comments` does inside a request, on the same storage and key (the client's
    address and the shared scope), so a client's comments through the API's intake path and
    through Flask (the form, or the API when the path steps aside) draw on one budget. A
    breached limit comes back with `breached` set and nothing taken.
    """
    if not limiter.enabled or comment_limit_off():
        return None
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX") or ""
    item, args = _parsed(comment_rate_limit()), [*filter(None, [prefix]), client, COMMENTS_SCOPE]
    taken = limiter.limiter.hit(item, *args)
    return RequestLimit(limiter, item, args, breached=not taken, shared=True)


@lru_cache(maxsize=8)
def _parsed(value: str) -> RateLimitItem:
    return parse(value)


def budget_headers(taken: RequestLimit) -> list[tuple[str, str]]:
    """The headers Flask-Limiter adds to a response under `taken` (with `headers_enabled`, default names)."""
    reset_at = taken.reset_at
    return [("X-RateLimit-Limit", str(taken.limit.amount)), ("X-RateLimit-Remaining", str(taken.remaining)),
            ("X-RateLimit-Reset", str(reset_at)), ("Retry-After", str(int(reset_at - time.time())))]
