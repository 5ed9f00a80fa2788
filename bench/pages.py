"""The request paths against the floor: article page, API GET, API 304, comment POST.

One site (`flask setup`'s demo content) with a real Celery worker. The newest published article
gets 50 comments through the API, screened by the worker and approved in bulk by the demo admin,
as readers and a moderator would. One gunicorn serves the CMS (comment rate limit off: wrk is one
client address, which the limiter would answer with 429); for each comparison a gunicorn with the
same settings serves the bare app (`bench.floor`) with a page of the target's size:

- article page (visit counting on, the worker folding the views) vs `/page` of the same bytes: >= 0.8;
- `GET /api/v1/articles/<slug>` vs `/page` of the JSON's bytes: >= 0.85;
- the same with `If-None-Match` (304) vs `/not-modified` answering 304 to the same header: >= 0.95;
- `POST .../comments` (intake only: the worker is stopped first) vs `POST /json`: >= 0.5.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bench import client, corpus
from bench.compare import Load, Runs, interleaved
from bench.errors import BenchError
from bench.harness import BROWSER_UA, WRK_CONNECTIONS, Server, Site, published_article, wait_for
from bench.results import Result
from bench.wrk import TAG, post_script

NAME = "pages"
APPROVED = 50
TARGETS = {"article page": 0.8, "api get": 0.85, "api 304": 0.95, "comment post": 0.5}
HEADERS = {"User-Agent": BROWSER_UA}


@contextmanager
def floor_server(site: Site, name: str, page_bytes: int) -> Iterator[Server]:
    """A running floor app for one comparison, stopped afterwards."""
    server = site.floor(name, page_bytes)
    try:
        yield server.wait_ready()
    finally:
        server.stop()


def _received(site: Site) -> int:
    return int(site.scalar("SELECT count(*) FROM comments WHERE status = 'received'"))


def seed_approved(site: Site, app: Server, slug: str) -> None:
    """Post 50 readers' comments, let the worker screen them, approve them in bulk; check the count."""
    chosen = [c for c in corpus.build(4 * APPROVED, seed=50) if not c.spam][:APPROVED]
    ids = []
    for comment in chosen:
        reply = client.expect(client.api("POST", f"{app.url}/api/v1/articles/{slug}/comments", {
            "author_name": comment.author_name, "author_email": comment.author_email, "body": comment.body}),
            202, "posting a comment")
        ids.append(reply.json()["id"])
    wait_for(lambda: _received(site) == 0, 120, "the worker to screen the seeded comments")
    approve = client.api("POST", f"{app.url}/api/v1/moderation/bulk", {"ids": ids, "action": "approve"},
                         site.token("admin"))
    outcome = client.expect(approve, 200, "bulk approve").json()
    if len(outcome["done"]) != APPROVED:
        raise BenchError(f"bulk approve refused some comments: {outcome['refused']}")
    detail = client.expect(client.api("GET", f"{app.url}/api/v1/articles/{slug}"), 200, "GET article").json()
    listed = client.expect(client.api("GET", f"{app.url}/api/v1/articles/{slug}/comments?limit=100"), 200,
                           "GET comments").json()["items"]
    if detail["comment_count"] != APPROVED or len(listed) != APPROVED:
        raise BenchError(f"expected {APPROVED} approved comments, the API shows {detail['comment_count']} "
                         f"and lists {len(listed)}")


def _result(name: str, runs: Runs, notes: list[str]) -> Result:
    return Result(name, runs.rates("target"), runs.rates("floor"), TARGETS[name], notes=notes + runs.cpu_note())


def article_page(site: Site, app: Server, slug: str, repeat: int, duration: float) -> Result:
    """The rendered page with its 50 comments, counting on, against a bare page of the same size."""
    page = client.request("GET", f"{app.url}/articles/{slug}", headers=HEADERS)
    shown = page.body.count(b'<li class="comment"')
    if page.status != 200 or shown != APPROVED:
        raise BenchError(f"the article page answered {page.status} showing {shown} comments, not {APPROVED}")
    with floor_server(site, "floor-article-page", len(page.body)) as floor:
        runs = interleaved(Load(app, f"/articles/{slug}", HEADERS), Load(floor, "/page", HEADERS), repeat, duration)
    return _result("article page", runs, [f"{len(page.body):,} B page, {APPROVED} approved comments, counting on, "
                                          "worker running; floor: bare route, same bytes"])


def api_get(site: Site, app: Server, slug: str, repeat: int, duration: float) -> Result:
    """The article's JSON against a bare page of the same size."""
    reply = client.expect(client.request("GET", f"{app.url}/api/v1/articles/{slug}", headers=HEADERS), 200,
                          "GET article")
    with floor_server(site, "floor-api-get", len(reply.body)) as floor:
        runs = interleaved(Load(app, f"/api/v1/articles/{slug}", HEADERS), Load(floor, "/page", HEADERS),
                           repeat, duration)
    return _result("api get", runs, [f"{len(reply.body):,} B JSON; floor: bare route, same bytes"])


def _etag_answers_304(url: str, etag: str) -> bool:
    reply = client.request("GET", url, headers=HEADERS | {"If-None-Match": etag})
    return reply.status == 304 and reply.headers.get("ETag") == etag


def api_304(site: Site, app: Server, slug: str, repeat: int, duration: float) -> Result:
    """Revalidation with the ETag of a first GET (304, no body) against a bare route answering 304."""
    url = f"{app.url}/api/v1/articles/{slug}"
    etag = client.expect(client.request("GET", url, headers=HEADERS), 200, "GET article").headers.get("ETag")
    if not etag or not _etag_answers_304(url, etag):
        raise BenchError(f"GET with If-None-Match: {etag} did not answer 304")
    headers = HEADERS | {"If-None-Match": etag}
    with floor_server(site, "floor-api-304", 0) as floor:
        if not _etag_answers_304(f"{floor.url}/not-modified", etag):
            raise BenchError("the floor's /not-modified did not answer 304")
        runs = interleaved(Load(app, f"/api/v1/articles/{slug}", headers), Load(floor, "/not-modified", headers),
                           repeat, duration)
    # The ETag only moves forward (visits, comments, publishing), so the same one before and after
    # means every request in between was answered 304.
    if not _etag_answers_304(url, etag):
        raise BenchError("the article's ETag changed during the 304 runs; some answers were 200s")
    return _result("api 304", runs, [f"If-None-Match: {etag}; floor: bare route answering 304 to it"])


def comment_post(site: Site, app: Server, slug: str, repeat: int, duration: float) -> Result:
    """Comment intake (validate, duplicate check, insert, nudge) against a bare JSON POST."""
    bodies = [{"author_name": c.author_name, "author_email": c.author_email, "body": f"{c.body}\n\n({TAG})"}
              for c in corpus.build(20, seed=51)]
    script = post_script(site.dir / "post.lua", bodies)
    before = _received(site)
    with floor_server(site, "floor-json", 0) as floor:
        runs = interleaved(Load(app, f"/api/v1/articles/{slug}/comments", HEADERS, script),
                           Load(floor, "/json", HEADERS, script), repeat, duration)
    stored, answered = _received(site) - before, runs.requests("target")
    # wrk does not report the requests still in flight when a run ends; the server stores them.
    if not answered <= stored <= answered + (repeat + 1) * WRK_CONNECTIONS:
        raise BenchError(f"{answered:,} comment POSTs answered but {stored:,} comments stored as received")
    return _result("comment post", runs, [f"intake only (worker stopped), rate limit off; {stored:,} comments "
                                          "stored; floor: bare route parsing the same JSON, 202"])


def run(repeat: int, duration: float) -> list[Result]:
    """Seed the article, then each comparison in turn (the POSTs last, with the worker stopped)."""
    site = Site(NAME).prepare()
    worker = site.worker()
    app: Server | None = None
    try:
        app = site.server("app", CMS_COMMENT_RATE_LIMIT="0")
        worker.wait_ready()
        app.wait_ready()
        slug = published_article(app)["slug"]
        seed_approved(site, app, slug)
        results = [compare(site, app, slug, repeat, duration)
                   for compare in (api_get, api_304, article_page)]
        worker.stop()
        results.append(comment_post(site, app, slug, repeat, duration))
    finally:
        for process in (app, worker):
            if process is not None:
                process.stop()
        site.close()
    for result in results:
        result.notes.append(site.describe())
    return results
