"""Scale: the article page and the moderation queue on a large site, against the same on a small one.

Two sites run side by side, seeded in bulk by `bench.seed_scale`:

- large: the measured article has 20,000 revisions and 5,000 approved comments (some replies);
  100,000 comments in all, over the published articles and every state;
- small: the same site with the demo's few revisions, 50 approved comments on the article and
  1,000 comments in all (the large site's shape, a hundredth of it).

Both pages show the same things on both sites (the first 50 threads are the same 50 comments, the
queue's oldest 50 pending are the same), so what differs is only how much data lies behind them.
wrk measures the median latency (and the throughput, in the notes) of `GET /articles/<slug>`
and of `GET /admin/moderation` as the demo moderator (logged in through the login form); the
ratio large/small must stay at or under 1.2 (keyset pagination and indexes make it so). wrk
keeps one connection per gunicorn worker here: with more, a request's latency is mostly its wait
in the listen queue, and the median of that wait does not follow the cost of a page.

On PostgreSQL the small site lives in its own schema of the benchmark database. With Redis, the
sites must not share keys (same slugs, same ids): the large one uses CMS_BENCH_REDIS_URL, the small
one the database of CMS_BENCH_BROKER_URL, and both the SQLite broker in their own folders; no
worker runs here (views are counted and handed to the broker, never folded).
"""

from __future__ import annotations

import json
import os
import statistics

from bench import client
from bench.compare import Load, Runs, interleaved
from bench.errors import BenchError
from bench.harness import BROWSER_UA, Server, Site, gunicorn_workers, published_article
from bench.results import Result

NAME = "scale"
TARGET_RATIO = 1.2
SHAPES = {"large": {"approved": 5000, "total": 100_000, "revisions": 20_000},
          "small": {"approved": 50, "total": 1_000, "revisions": 0}}
SHOWN = 50  # comments on the article page, cards on the queue page
HEADERS = {"User-Agent": BROWSER_UA}


def _sites() -> dict[str, Site]:
    """The two sites, prepared, each with its own Redis database when Redis is configured."""
    sites = {"large": Site("scale-large"), "small": Site("scale-small", schema="bench_small")}
    redis_url, broker = os.environ.get("CMS_BENCH_REDIS_URL"), os.environ.get("CMS_BENCH_BROKER_URL", "")
    if redis_url:
        if not broker.startswith("redis"):
            raise BenchError("with CMS_BENCH_REDIS_URL the scale benchmark needs a Redis CMS_BENCH_BROKER_URL "
                             "too: the small site uses that database as its own Redis")
        for site in sites.values():
            site.env.pop("CMS_BROKER_URL", None)
        sites["small"].env["CMS_REDIS_URL"] = broker
    return {label: site.prepare() for label, site in sites.items()}


def _seed(site: Site, approved: int, total: int, revisions: int) -> str:
    """Seed one site and check what is there; the measured article's slug."""
    summary = json.loads(site.python("-m", "bench.seed", "scale", "--approved", str(approved), "--total", str(total),
                                     "--revisions", str(revisions)).strip().splitlines()[-1])
    slug = summary["article"]
    on_article = site.scalar("SELECT count(*) FROM comments c JOIN articles a ON a.id = c.article_id "
                             "WHERE a.slug = :slug AND c.status = 'approved'", slug=slug)
    history = site.scalar("SELECT count(*) FROM revisions r JOIN articles a ON a.id = r.article_id "
                          "WHERE a.slug = :slug", slug=slug)
    if summary["comments"] != total or on_article != approved or (revisions and history != revisions):
        raise BenchError(f"{site.name}: seeded {summary['comments']} comments, {on_article} approved on the "
                         f"article, {history} revisions; wanted {total}, {approved}, {revisions or 'a few'}")
    return slug


def _check_page(server: Server, path: str, marker: bytes, headers: dict[str, str]) -> int:
    """The page answers 200 showing SHOWN items; its size."""
    page = client.request("GET", server.url + path, headers=headers)
    shown = page.body.count(marker)
    if page.status != 200 or shown != SHOWN:
        raise BenchError(f"{server.name} {path} answered {page.status} showing {shown} items, not {SHOWN}")
    return len(page.body)


def _load(server: Server, path: str, headers: dict[str, str]) -> Load:
    """One connection per gunicorn worker: the latency of serving the page, not of queueing for it."""
    return Load(server, path, headers, connections=gunicorn_workers())


def _result(name: str, runs: Runs, sizes: tuple[int, int], what: str) -> Result:
    rates = {side: statistics.median(runs.rates(side)) for side in ("target", "floor")}
    return Result(name, runs.latencies("target"), runs.latencies("floor"), TARGET_RATIO, unit="ms",
                  higher_is_better=False,
                  notes=[f"{what}; median latency large vs small (floor column: small site), "
                         f"{gunicorn_workers()} wrk connections",
                         f"{rates['target']:,.0f} vs {rates['floor']:,.0f} req/s; pages {sizes[0]:,} vs {sizes[1]:,} B",
                         "large: 20,000 revisions, 5,000 approved on the article, 100,000 comments; "
                         "small: demo revisions, 50 approved, 1,000 comments"])


def measure(servers: dict[str, Server], slug: str, sites: dict[str, Site], repeat: int,
            duration: float) -> list[Result]:
    """Both comparisons: article page, then the moderation queue as the logged-in moderator."""
    path = f"/articles/{slug}"
    sizes = tuple(_check_page(servers[s], path, b'<li class="comment"', HEADERS) for s in ("large", "small"))
    runs = interleaved(_load(servers["large"], path, HEADERS), _load(servers["small"], path, HEADERS), repeat, duration)
    results = [_result("scale page", runs, sizes, "article page, counting on")]
    cookies = {s: client.login(servers[s].url, "moderator", sites[s].password("moderator")) for s in servers}
    queue = {s: HEADERS | {"Cookie": cookies[s]} for s in servers}
    sizes = tuple(_check_page(servers[s], "/admin/moderation", b'class="mod-card"', queue[s])
                  for s in ("large", "small"))
    runs = interleaved(_load(servers["large"], "/admin/moderation", queue["large"]),
                       _load(servers["small"], "/admin/moderation", queue["small"]), repeat, duration)
    results.append(_result("scale queue", runs, sizes, "moderation queue page (oldest 50 pending), as moderator"))
    return results


def run(repeat: int, duration: float) -> list[Result]:
    """Seed both sites, serve them side by side, compare the two pages."""
    sites = _sites()
    slugs = {label: _seed(site, **SHAPES[label]) for label, site in sites.items()}
    if slugs["large"] != slugs["small"]:
        raise BenchError(f"the sites measure different articles: {slugs}")
    servers: dict[str, Server] = {}
    try:
        for label, site in sites.items():
            servers[label] = site.server(label)
        for server in servers.values():
            server.wait_ready()
        if published_article(servers["large"])["slug"] != slugs["large"]:
            raise BenchError("the measured article is not the newest published one")
        results = measure(servers, slugs["large"], sites, repeat, duration)
    finally:
        for server in servers.values():
            server.stop()
        for site in sites.values():
            site.close()
    for result in results:
        result.notes.append(f"large: {sites['large'].describe()}; small: {sites['small'].describe()}")
    return results
