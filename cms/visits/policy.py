"""Which page views count: a reader's GET answered 200, not a bot, a prefetch or a member of staff.

Bots are recognised by their User-Agent with `crawlerdetect`, the Python port of JayBizzle's
Crawler-Detect (about 1,500 patterns, kept in sync with the PHP project's releases). Matching
one string against that pattern takes about 0.1 ms, so answers are cached per User-Agent: the
same few hundred strings make up nearly all traffic. An empty User-Agent is a bot (browsers
always send one).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from crawlerdetect import CrawlerDetect
from flask import Request, Response, session

# Headers by which browsers announce a speculative load: `Sec-Purpose: prefetch` (and
# `prefetch;prerender`) today; `Purpose`, `X-Purpose` and Firefox's `X-Moz` on older builds.
# Read from the WSGI environ: a dict lookup each, where `request.headers.get` costs a microsecond.
PURPOSE_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")
SPECULATIVE = ("prefetch", "prerender", "preview")



@lru_cache(maxsize=1)
def _detector() -> CrawlerDetect:
    """One detector, made on first use (its patterns compile then, not at import)."""
    return CrawlerDetect()


@lru_cache(maxsize=4096)
def is_bot(user_agent: str) -> bool:
    """Whether a User-Agent belongs to a bot, crawler or script (empty ones do)."""
    user_agent = user_agent.strip()
    return not user_agent or _detector().is_crawler(user_agent)


def is_speculative(environ: Mapping[str, Any]) -> bool:
    """Whether the browser fetched the page ahead of a possible visit (prefetch or prerender)."""
    for header in PURPOSE_HEADERS:
        value = environ.get(header)
        if value and any(word in value.lower() for word in SPECULATIVE):
            return True
    return False


def is_countable(request: Request, response: Response) -> bool:
    """Whether this answer is a reader's view of the page, to be counted once."""
    if request.method != "GET" or response.status_code != 200:
        return False
    if "_user_id" in session:  # logged-in staff; checked without loading the user
        return False
    return is_a_readers_visit(request.environ)


def is_a_readers_visit(environ: Mapping[str, Any]) -> bool:
    """Whether a 200 GET without staff's session is a reader's visit: not a bot, not a prefetch."""
    return not is_speculative(environ) and not is_bot(environ.get("HTTP_USER_AGENT", ""))
