"""Beat's schedule: what runs periodically, and how often (from configuration)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

STATS_PRUNE_SECONDS = 3600.0  # folded batch ids are kept a week; an hourly sweep keeps that table small


def beat_schedule(config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The periodic tasks, with intervals in seconds."""
    return {
        "publish-due-articles": {
            "task": "workers.publishing.publish_due",
            "schedule": float(config["PUBLISH_CHECK_SECONDS"]),
            "options": {"expires": float(config["PUBLISH_CHECK_SECONDS"])},
        },
        "prune-folded-stats-batches": {
            "task": "workers.stats.prune_batches",
            "schedule": STATS_PRUNE_SECONDS,
            "options": {"expires": STATS_PRUNE_SECONDS},
        },
    }
