"""Server-rendered SVG bar charts: the geometry is computed here, the template only draws it.

No script and no `style` attribute (the CSP allows neither): colours and fonts come from classes
in static/css/site.css, positions from SVG attributes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cms.services.stats import DayViews

WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 14, 30
MAX_LABELS = 8


@dataclass(frozen=True)
class Bar:
    """One day's bar, with its tooltip."""

    x: float
    y: float
    width: float
    height: float
    label: str
    today: bool


@dataclass(frozen=True)
class Tick:
    """A labelled position on an axis."""

    position: float
    label: str


@dataclass(frozen=True)
class BarChart:
    """Everything the template needs to draw a daily series."""

    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    bars: list[Bar]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    total: int
    peak: int


def nice_step(peak: int, ticks: int = 4) -> int:
    """A round step (1, 2, 5 times a power of ten) that covers `peak` in about `ticks` steps."""
    if peak <= ticks:
        return 1
    raw = peak / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def _day_label(day: date, monthly: bool) -> str:
    return day.strftime("%b") if monthly else f"{day.day} {day.strftime('%b')}"


def _x_ticks(series: Sequence[DayViews], slot: float) -> list[Tick]:
    """Month starts on a long series; otherwise every few days, counted back from today."""
    monthly = len(series) > 120
    step = max(1, math.ceil(len(series) / MAX_LABELS))
    ticks = []
    for index, point in enumerate(series):
        labelled = point.day.day == 1 if monthly else (len(series) - 1 - index) % step == 0
        if labelled:
            ticks.append(Tick(LEFT + slot * (index + 0.5), _day_label(point.day, monthly)))
    return ticks


def bar_chart(series: Sequence[DayViews]) -> BarChart:
    """Lay out one bar per day, a y axis with round ticks and a few date labels."""
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    peak = max((point.views for point in series), default=0)
    step = nice_step(peak)
    top_value = max(step, math.ceil(peak / step) * step)
    slot = plot_width / max(len(series), 1)
    gap = slot * 0.2 if slot >= 4 else 0.0
    bars = []
    for index, point in enumerate(series):
        height = plot_height * point.views / top_value
        views = f"{point.views:,} view{'' if point.views == 1 else 's'}"
        bars.append(Bar(x=round(LEFT + slot * index + gap / 2, 2), y=round(TOP + plot_height - height, 2),
                        width=round(slot - gap, 2), height=round(height, 2),
                        label=f"{point.day.strftime('%a %d %b %Y')}: {views}", today=index == len(series) - 1))
    y_ticks = [Tick(round(TOP + plot_height - plot_height * value / top_value, 2), f"{value:,}")
               for value in range(0, top_value + 1, step)]
    return BarChart(width=WIDTH, height=HEIGHT, plot_left=LEFT, plot_right=WIDTH - RIGHT, plot_top=TOP,
                    plot_bottom=TOP + plot_height, bars=bars, y_ticks=y_ticks, x_ticks=_x_ticks(series, slot),
                    total=sum(point.views for point in series), peak=peak)
