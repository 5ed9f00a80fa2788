"""The statistics page in a real Chromium: an editor logs in, sees the chart, and the CSP holds."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cms.models import Role
from cms.services import stats, stats_fold
from tests import factories
from tests.browser.conftest import log_in, watch_console

pytestmark = pytest.mark.browser


def test_an_editor_sees_the_daily_chart_and_the_top_articles(live_server, new_page, make_user, console_errors):
    from playwright.sync_api import expect

    editor = make_user(Role.EDITOR)
    article = factories.article(editor, title="Sleep and screens", publish=True)
    today = stats.site_today()
    stats_fold.fold_batch("seed", [[article.id, (today - timedelta(days=n)).isoformat(), 10 + n] for n in range(30)])
    page = new_page()
    watch_console(page, console_errors)
    log_in(page, live_server.url, editor.username, factories.PASSWORD)
    page.get_by_role("link", name="Statistics").click()
    chart = page.locator("svg.chart")
    assert chart.is_visible()
    assert chart.bounding_box()["width"] > 300
    assert page.locator("svg.chart rect").count() == 30
    assert page.locator("#chart-heading").inner_text() == "Sleep and screens"
    assert page.locator(".top-articles tbody tr").first.inner_text().split("\t")[-1] == "735"  # 10 + 11 + ... + 39
    page.select_option("#stats-days", "90")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#top-heading")).to_have_text("Top articles, last 90 days")
    assert page.url.endswith(f"/admin/stats?article={article.id}&days=90")
    assert console_errors == []
