"""Counting article page views: what counts, what does not, the visit line, and exact totals
under concurrent load through a real worker, from threads and from two web processes."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from cms.models import Role
from cms.services import articles as article_service
from cms.services import publishing, stats, stats_fold
from cms.visits import counter_for
from tests import factories
from tests.conftest import TEST_REDIS_URL, settings_as_environment
from tests.support import wait_until
from tests.visits_support import BROWSER_UA, READER, WebProcess, fold_buffered, get, pending_views


def today() -> str:
    return stats.site_today().isoformat()


def visit_line(page: str) -> str:
    match = re.search(r'<p class="visits">(.*?)</p>', page)
    assert match, "no visit line on the page"
    return match.group(1)


# ---- what counts --------------------------------------------------------------------------------

def test_a_readers_view_counts_once_toward_today(app, client):
    article = factories.article(publish=True)
    assert client.get(f"/articles/{article.slug}", headers=READER).status_code == 200
    assert pending_views(app) == {(article.id, today()): 1}
    fold_buffered(app)
    assert stats.visits_for(article.id) == stats.Visits(total=1, today=1)


def test_every_view_counts_and_shows_after_the_flush(app, client):
    article = factories.article(publish=True)
    for _ in range(3):
        client.get(f"/articles/{article.slug}", headers=READER)
    fold_buffered(app)
    page = client.get(f"/articles/{article.slug}", headers=READER).get_data(as_text=True)
    assert visit_line(page) == "Visited 3 times, 3 visits today"


@pytest.mark.parametrize("user_agent", [
    "",
    "   ",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
])
def test_bots_crawlers_scripts_and_empty_user_agents_are_not_counted(app, client, user_agent):
    article = factories.article(publish=True)
    assert client.get(f"/articles/{article.slug}", headers={"User-Agent": user_agent}).status_code == 200
    assert pending_views(app) == {}


@pytest.mark.parametrize("header, value", [
    ("Sec-Purpose", "prefetch"),
    ("Sec-Purpose", "prefetch;prerender"),
    ("Purpose", "prefetch"),
    ("X-Purpose", "preview"),
    ("X-Moz", "prefetch"),
])
def test_prefetch_and_prerender_requests_are_not_counted(app, client, header, value):
    article = factories.article(publish=True)
    assert client.get(f"/articles/{article.slug}", headers=READER | {header: value}).status_code == 200
    assert pending_views(app) == {}


def test_head_requests_are_not_counted(app, client):
    article = factories.article(publish=True)
    assert client.head(f"/articles/{article.slug}", headers=READER).status_code == 200
    assert pending_views(app) == {}


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MODERATOR, Role.ADMIN])
def test_logged_in_staff_are_not_counted(app, client, login_as, role):
    article = factories.article(publish=True)
    login_as(role)
    assert client.get(f"/articles/{article.slug}", headers=READER).status_code == 200
    assert pending_views(app) == {}


def test_missing_unpublished_and_moved_pages_are_not_counted(app, client, make_user):
    editor = make_user(Role.EDITOR)
    draft = factories.article(editor)
    moved = factories.article(editor, slug="old-address", publish=True)
    article_service.save_revision(editor, moved, 1, {"title": "T", "body_markdown": "B", "slug": "new-address"})
    publishing.publish(editor, moved)
    assert client.get("/articles/no-such-article", headers=READER).status_code == 404
    assert client.get(f"/articles/{draft.slug}", headers=READER).status_code == 404
    assert client.get("/articles/old-address", headers=READER).status_code == 301
    assert pending_views(app) == {}
    assert client.get("/articles/new-address", headers=READER).status_code == 200
    assert pending_views(app) == {(moved.id, today()): 1}


def test_with_counting_turned_off_views_are_not_counted_but_the_line_still_shows(app, make_app):
    article = factories.article(publish=True)
    stats_fold.fold_batch("earlier", [[article.id, today(), 2]])
    off = make_app(COUNT_VISITS=False)
    assert counter_for(off) is None
    response = off.test_client().get(f"/articles/{article.slug}", headers=READER)
    assert visit_line(response.get_data(as_text=True)) == "Visited 2 times, 2 visits today"
    assert pending_views(app) == {}


# ---- the visit line ----------------------------------------------------------------------------

@pytest.mark.parametrize("earlier, today_views, expected", [
    (0, 0, "Visited 0 times, 0 visits today"),
    (0, 1, "Visited 1 time, 1 visit today"),
    (1, 1, "Visited 2 times, 1 visit today"),
    (6199, 67, "Visited 6,266 times, 67 visits today"),
    (1_234_566, 0, "Visited 1,234,566 times, 0 visits today"),
])
def test_the_visit_line_has_thousands_separators_and_singulars(client, earlier, today_views, expected):
    article = factories.article(publish=True)
    rows = [[article.id, "2001-01-01", earlier], [article.id, today(), today_views]]
    stats_fold.fold_batch("seed", rows)
    page = client.get(f"/articles/{article.slug}", headers=READER).get_data(as_text=True)
    assert visit_line(page) == expected


# ---- exact counts under load, through a real worker -----------------------------------------

@pytest.fixture()
def flushing(app, monkeypatch):
    """The test app flushes its counted views every 0.2 s, as a web process does."""
    counter = counter_for(app)
    monkeypatch.setattr(counter, "interval", 0.2)
    yield counter
    counter.stop(flush=False)


def wait_for_total(article_id: int, expected: int) -> None:
    def counted() -> bool:
        return stats.visits_for(article_id).total >= expected

    wait_until(counted, timeout=60, message=f"{expected} views to be folded")
    assert stats.visits_for(article_id) == stats.Visits(total=expected, today=expected)


@pytest.mark.worker
def test_concurrent_views_from_many_threads_are_counted_exactly(live_server, start_worker, flushing):
    first, second = factories.article(publish=True), factories.article(publish=True)
    start_worker(beat=False)
    urls = [f"{live_server.url}/articles/{first.slug}"] * 150 + [f"{live_server.url}/articles/{second.slug}"] * 90
    bots = [f"{live_server.url}/articles/{first.slug}"] * 30
    with ThreadPoolExecutor(max_workers=8) as pool:
        readers = list(pool.map(get, urls))
        crawlers = list(pool.map(lambda url: get(url, {"User-Agent": "Googlebot/2.1"}), bots))
    assert set(readers) == set(crawlers) == {200}
    wait_for_total(first.id, 150)
    wait_for_total(second.id, 90)


@pytest.mark.worker
@pytest.mark.skipif(not TEST_REDIS_URL, reason="two web processes share their count through Redis: "
                                                "set CMS_TEST_REDIS_URL to run this")
def test_views_through_two_web_processes_sharing_redis_are_counted_exactly(settings, instance_dir, start_worker):
    article = factories.article(publish=True)
    start_worker(beat=False)
    environment = settings_as_environment(settings) | {"CMS_VISIT_FLUSH_SECONDS": "0.2"}
    servers = [WebProcess(environment, instance_dir) for _ in range(2)]
    try:
        for server in servers:
            server.wait_ready()
        urls = [f"{servers[n % 2].url}/articles/{article.slug}" for n in range(400)]
        with ThreadPoolExecutor(max_workers=8) as pool:
            assert set(pool.map(get, urls)) == {200}
        wait_for_total(article.id, 400)
    finally:
        for server in servers:
            server.stop()
    assert stats.visits_for(article.id).total == 400


@pytest.mark.worker
def test_views_buffered_in_a_web_process_are_flushed_when_it_stops_cleanly(settings, instance_dir, start_worker):
    article = factories.article(publish=True)
    start_worker(beat=False)
    environment = settings_as_environment(settings) | {"CMS_VISIT_FLUSH_SECONDS": "3600"}
    environment.pop("CMS_REDIS_URL", None)  # this process's memory: lost unless flushed on the way out
    server = WebProcess(environment, instance_dir, workers=1).wait_ready()
    try:
        for _ in range(25):
            assert get(f"{server.url}/articles/{article.slug}") == 200
        assert stats.visits_for(article.id).total == 0  # an hour to the next flush
    finally:
        assert server.stop() == 0
    wait_for_total(article.id, 25)
    assert "flushed 25 buffered views on exit" in server.log()


def test_the_reader_user_agent_used_here_is_a_browser():
    from cms.visits import is_bot

    assert not is_bot(BROWSER_UA)
