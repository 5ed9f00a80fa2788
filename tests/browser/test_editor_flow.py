"""An editor logs in, edits an article, sees the diff, publishes it; a reader sees the new text."""

from __future__ import annotations

import pytest

from cms.models import Role
from tests import factories
from tests.browser.conftest import log_in, watch_console

pytestmark = pytest.mark.browser


def test_editor_edits_diffs_and_publishes_and_the_reader_sees_it(live_server, new_page, make_user, console_errors):
    editor = factories.user(Role.EDITOR, username="eve")
    article = factories.article(editor, title="Caffeine and sleep", body="Coffee keeps you up.", publish=True)
    reader = new_page()
    reader.goto(f"{live_server.url}/articles/{article.slug}")
    assert "Coffee keeps you up." in reader.inner_text("article")

    page = new_page()
    watch_console(page, console_errors)
    log_in(page, live_server.url, "eve", factories.PASSWORD)
    page.wait_for_url("**/admin/articles")
    page.click("text=Caffeine and sleep")
    page.wait_for_url("**/edit")
    page.wait_for_load_state("domcontentloaded")  # the deferred admin.js has attached the live preview

    page.fill("textarea[name=body_markdown]", "Coffee after 2 pm keeps **many** people up.")
    page.locator("#preview strong", has_text="many").wait_for()  # the live preview, rendered by the server
    page.fill("input[name=message]", "Say when coffee matters")
    page.click("button[name=save]")
    assert "Saved as revision 2." in page.inner_text(".flashes")

    page.click("text=Compare")
    changed = page.locator("table.diff tr.diff-change").last
    assert changed.locator("td.old").inner_text() == "Coffee keeps you up."
    assert "many" in " ".join(changed.locator("td.new ins").all_inner_texts())

    reader.reload()
    assert "Coffee keeps you up." in reader.inner_text("article")  # saved, not yet published

    page.go_back()
    page.click("form[action$='/publish'] button[type=submit]")
    assert "Published." in page.inner_text(".flashes")

    reader.reload()
    assert "Coffee after 2 pm keeps many people up." in reader.inner_text("article")
    assert console_errors == []
