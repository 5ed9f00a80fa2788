"""A reader comments, a real worker screens it, a moderator approves it, the reader sees it.

The run also saves the README's screenshots: the article page with comments, and the queue.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cms.demo.articles import DEMO_ARTICLES
from cms.extensions import db
from cms.models import Comment, Role
from cms.cli import SPAM_SEED
from cms.services import comments, moderation, pipeline, spam
from tests import factories
from tests.browser.conftest import SCREENSHOTS, log_in, watch_console
from tests.support import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.worker]

EARLIER = [
    ("Maria", "We started a wind-down routine with our 9 year old (bath, book, lights out at 8) and it made a real "
              "difference within two weeks. Thank you for this article."),
    ("Dr. Okafor", "Good summary. One addition: if a child snores loudly most nights, mention it to your GP; it can "
                   "be a sign of enlarged tonsils. See https://www.nhs.uk/conditions/sleep-apnoea/"),
]


WAITING = [
    ("Lily", "I'm 13 and I can't sleep because of exams. My mum says call the helpline on 0800 111 222 but "
             "I'm scared. Is it normal to wake up at 3am every night?"),
    ("Raj", "Good article. For shift workers the NHS page helped me a lot: https://www.nhs.uk/live-well/sleep-and-tiredness/"),
]


def _seed(article, moderator):
    """Approved comments and a reply, a spam one and waiting ones, so the screenshots show a real page."""
    spam.train_file(SPAM_SEED)  # what `make run` teaches the checker on first run
    made = [comments.submit(article, {"author_name": name, "body": body}, f"198.51.100.{n}")
            for n, (name, body) in enumerate(EARLIER)]
    pipeline.process(made[0].id)
    moderation.decide_many(moderator, [c.id for c in made], "approve")
    reply = comments.submit(article, {"author_name": "Tom", "body": "Same here, the book made the difference.",
                                      "parent_id": made[0].id}, "198.51.100.9")
    pipeline.process(reply.id)
    moderation.decide(moderator, reply.id, "approve")
    comments.submit(article, {"author_name": "Cheap Meds", "body": "BUY SLEEPING PILLS NO PRESCRIPTION "
                              "http://pills.example http://pills.example/buy http://pills.example/now"}, "203.0.113.66")
    for n, (name, body) in enumerate(WAITING):
        comments.submit(article, {"author_name": name, "body": body}, f"198.51.100.{20 + n}")


def test_a_comment_goes_from_reader_to_moderator_and_back(live_server, new_page, make_user, start_worker,
                                                          console_errors):
    spec = DEMO_ARTICLES[0]["revisions"][-1]
    article = factories.article(make_user(Role.EDITOR), title=spec["title"], body=spec["body_markdown"],
                                summary=spec["summary"], publish=True)
    moderator = factories.user(Role.MODERATOR, username="mo")
    _seed(article, moderator)
    start_worker(concurrency=1)

    reader = new_page()
    watch_console(reader, console_errors)
    reader.goto(f"{live_server.url}/articles/{article.slug}#comment-form")
    reader.fill("input[name=author_name]", "Jess")
    reader.fill("textarea[name=body]", "My daughter is 14 and can't fall asleep before 1am. "
                                       "Any advice? You can reach me at jess.parker@example.com")
    reader.click("#comment-form button[type=submit]")
    assert "awaiting moderation" in reader.inner_text(".flashes")
    assert "My daughter is 14" not in reader.inner_text("#comments")

    moderator_page = new_page()
    watch_console(moderator_page, console_errors)
    log_in(moderator_page, live_server.url, "mo", factories.PASSWORD)
    moderator_page.wait_for_url("**/admin/moderation")

    def screened() -> bool:
        moderator_page.reload()
        return moderator_page.locator(".mod-card", has_text="My daughter is 14").count() == 1

    wait_until(screened, timeout=60, interval=0.5, message="the worker to screen the reader's comment")
    card = moderator_page.locator(".mod-card", has_text="My daughter is 14")
    assert card.locator("mark.pii-email").inner_text() == "jess.parker@example.com"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    moderator_page.screenshot(path=str(SCREENSHOTS / "moderation-queue.png"), full_page=True)
    card.locator("button", has_text="Approve").click()
    assert "approved" in moderator_page.inner_text(".flashes")

    reader.goto(f"{live_server.url}/articles/{article.slug}")  # a new load, not a jump to an anchor
    mine = reader.locator(".comment", has_text="My daughter is 14")
    assert "[email hidden]" in mine.inner_text() and "jess.parker" not in reader.content()
    assert "4 comments" in reader.inner_text("#comments-title")
    reader.screenshot(path=str(SCREENSHOTS / "article-with-comments.png"), full_page=True)
    assert console_errors == []


def test_a_reader_without_script_sends_the_comment_on_the_second_press(live_server, browser, make_user):
    """A first visit's cached page has no token; without script the form comes back filled in, once."""
    article = factories.article(make_user(Role.EDITOR), publish=True)
    context = browser.new_context(java_script_enabled=False)
    try:
        reader = context.new_page()
        reader.set_default_timeout(15_000)
        reader.goto(f"{live_server.url}/articles/{article.slug}")
        assert reader.input_value("#comment-form input[name=csrf_token]") == ""
        reader.fill("input[name=author_name]", "Sam")
        reader.fill("textarea[name=body]", "Does melatonin help teenagers?")
        reader.click("#comment-form button[type=submit]")

        assert "has not been sent yet" in reader.inner_text("#comment-form .flash-warning")
        assert reader.input_value("textarea[name=body]") == "Does melatonin help teenagers?"
        assert reader.input_value("input[name=author_name]") == "Sam"
        assert reader.input_value("#comment-form input[name=csrf_token]") != ""
        reader.click("#comment-form button[type=submit]")
        assert "awaiting moderation" in reader.inner_text(".flashes")
        assert comments_of(article.id) == ["Does melatonin help teenagers?"]
    finally:
        context.close()


def comments_of(article_id: int) -> list[str]:
    """The bodies stored for an article, as the reader typed them."""
    return list(db.session.scalars(select(Comment.body_raw).where(Comment.article_id == article_id)))
