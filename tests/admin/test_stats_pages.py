"""The editors' statistics page: the chart, the top articles, the export link, bad choices, roles."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from cms.admin.charts import bar_chart, nice_step
from cms.models import Role
from cms.services import stats, stats_fold
from cms.services.stats import DayViews
from tests import factories


def day(offset: int = 0) -> str:
    return (stats.site_today() - timedelta(days=offset)).isoformat()


def svg(page: str) -> str:
    match = re.search(r"<svg.*?</svg>", page, re.S)
    assert match, "no chart on the page"
    return match.group(0)


@pytest.fixture()
def viewed(make_user):
    """Two published articles with views: "Busy" most in the last 30 days."""
    editor = make_user(Role.EDITOR)
    busy = factories.article(editor, title="Busy", publish=True)
    quiet = factories.article(editor, title="Quiet", publish=True)
    stats_fold.fold_batch("seed", [[busy.id, day(0), 12], [busy.id, day(3), 1_250], [quiet.id, day(1), 4],
                                   [quiet.id, day(200), 9_000]])
    return busy, quiet


def test_editors_see_the_top_article_charted_with_its_counts(client, login_as, viewed):
    busy, quiet = viewed
    login_as(Role.EDITOR)
    response = client.get("/admin/stats")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<h2 id="chart-heading">Busy</h2>' in page
    assert "<strong>1,262</strong> in the last 30 days" in page
    bars = re.findall(r"<title>(.*?)</title></rect>", svg(page))
    today = stats.site_today()
    assert bars == [f"{(today - timedelta(days=3)).strftime('%a %d %b %Y')}: 1,250 views",
                    f"{today.strftime('%a %d %b %Y')}: 12 views"]
    top = re.findall(r'<td><a href="/admin/stats\?article=(\d+)&amp;days=30">(.*?)</a>', page)
    assert top == [(str(busy.id), "Busy"), (str(quiet.id), "Quiet")]
    assert 'href="/api/v1/stats/export.csv?days=30"' in page


def test_another_article_and_a_longer_period_can_be_chosen(client, login_as, viewed):
    _, quiet = viewed
    login_as(Role.EDITOR)
    page = client.get(f"/admin/stats?article={quiet.id}&days=365").get_data(as_text=True)
    assert '<h2 id="chart-heading">Quiet</h2>' in page
    assert "<strong>9,004</strong> in the last 365 days" in page
    assert len(re.findall(r"<rect ", svg(page))) == 2
    assert "Top articles, last 365 days" in page
    assert 'href="/api/v1/stats/export.csv?days=365"' in page


def test_the_chart_uses_no_inline_style_or_script(client, login_as, viewed):
    login_as(Role.ADMIN)
    response = client.get("/admin/stats?days=90")
    page = response.get_data(as_text=True)
    assert "style=" not in page
    assert "<script" not in svg(page)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_a_period_without_views_says_so(client, login_as):
    factories.article(publish=True)
    login_as(Role.EDITOR)
    page = client.get("/admin/stats").get_data(as_text=True)
    assert "No article has views in the last 30 days yet." in page
    assert "No views in this period." in page


@pytest.mark.parametrize("query", ["days=7", "days=abc", "days=", "article=abc", "article=999999", "article=-1"])
def test_a_bad_choice_is_a_400_page(client, login_as, viewed, query):
    login_as(Role.EDITOR)
    response = client.get(f"/admin/stats?{query}")
    assert response.status_code == 400
    assert "<h1>400</h1>" in response.get_data(as_text=True)


def test_moderators_may_not_see_statistics_and_anonymous_visitors_must_log_in(client, login_as):
    assert client.get("/admin/stats").status_code == 302
    login_as(Role.MODERATOR)
    assert client.get("/admin/stats").status_code == 403


@pytest.mark.parametrize("role, linked", [(Role.EDITOR, True), (Role.ADMIN, True), (Role.MODERATOR, False)])
def test_the_navigation_links_statistics_for_editors_and_admins(client, login_as, role, linked):
    login_as(role)
    assert ('href="/admin/stats">Statistics</a>' in client.get("/").get_data(as_text=True)) is linked


# ---- the chart's geometry ---------------------------------------------------------------------

@pytest.mark.parametrize("peak, step", [(0, 1), (3, 1), (9, 5), (40, 10), (1_262, 500), (90_000, 50_000)])
def test_the_axis_steps_are_round_numbers(peak, step):
    assert nice_step(peak) == step


def test_bars_fit_the_plot_and_the_tallest_reaches_the_top_tick():
    series = [DayViews(date(2026, 6, 1) + timedelta(days=n), views) for n, views in enumerate([0, 5, 10, 20])]
    chart = bar_chart(series)
    assert [bar.height > 0 for bar in chart.bars] == [False, True, True, True]
    assert chart.bars[-1].y == chart.plot_top and chart.bars[-1].today
    assert chart.bars[0].x >= chart.plot_left and chart.bars[-1].x + chart.bars[-1].width <= chart.plot_right
    assert [tick.label for tick in chart.y_ticks] == ["0", "5", "10", "15", "20"]


def test_a_year_is_labelled_by_month():
    start = date(2025, 11, 25)
    chart = bar_chart([DayViews(start + timedelta(days=n), 1) for n in range(365)])
    assert [tick.label for tick in chart.x_ticks] == ["Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                                      "Aug", "Sep", "Oct", "Nov"]
