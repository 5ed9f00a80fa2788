"""A small HTTP client for setting a site up through its own front doors: the API and the login form.

Redirects are not followed, so a login's `Set-Cookie` can be read from its 302 (the production
settings mark the cookie `Secure`; a client on plain-HTTP loopback has to carry it by hand).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Any

from bench.errors import BenchError

USER_AGENT = "bench-harness"
_CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


@dataclass(frozen=True)
class Reply:
    """A response's status, headers and body."""

    status: int
    headers: Message
    body: bytes

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


def request(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None,
            timeout: float = 30.0) -> Reply:
    """One request; an error status is returned, not raised, and redirects are not followed."""
    prepared = urllib.request.Request(url, data=body, method=method,
                                      headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        with _OPENER.open(prepared, timeout=timeout) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers, error.read())


def api(method: str, url: str, data: Any = None, token: str | None = None,
        headers: dict[str, str] | None = None) -> Reply:
    """A JSON API call, with a bearer token when given."""
    extra = {"Content-Type": "application/json"} if data is not None else {}
    if token:
        extra["Authorization"] = f"Bearer {token}"
    body = json.dumps(data).encode() if data is not None else None
    return request(method, url, body, extra | (headers or {}))


def expect(reply: Reply, status: int, what: str) -> Reply:
    """`reply`, or a BenchError naming `what` and showing the answer."""
    if reply.status != status:
        raise BenchError(f"{what}: expected {status}, got {reply.status}: {reply.body[:500]!r}")
    return reply


def _cookies(headers: Message) -> dict[str, str]:
    """name -> value of every cookie the response sets."""
    found = {}
    for header in headers.get_all("Set-Cookie") or []:
        name, _, value = header.split(";", 1)[0].partition("=")
        found[name.strip()] = value.strip()
    return found


def login(base_url: str, username: str, password: str) -> str:
    """Log in through the login form (CSRF token and all); the `Cookie` header of the session."""
    page = expect(request("GET", f"{base_url}/login"), 200, "GET /login")
    match = _CSRF_FIELD.search(page.body.decode())
    if match is None:
        raise BenchError("no csrf_token field on the login page")
    cookies = _cookies(page.headers)
    form = urllib.parse.urlencode({"csrf_token": match.group(1) or match.group(2), "username": username,
                                   "password": password}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"{base_url}/login",
               "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    answer = request("POST", f"{base_url}/login", form, headers)
    if answer.status != 302:
        raise BenchError(f"logging in as {username} answered {answer.status}, not a redirect")
    cookies |= _cookies(answer.headers)
    return "; ".join(f"{name}={value}" for name, value in cookies.items())
