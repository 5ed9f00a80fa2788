"""Beat's schedule: what runs periodically, and how often (from configuration)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

STATS_PRUNE_SECONDS = 3600.0  # folded batch ids are kept a week; an hourly sweep keeps that table small


def _every(task: str, seconds: float) -> dict[str, Any]:
    """Run `task` every `seconds`; a run still queued long after its turn is dropped, not piled up.

    The expiry is generous (at least 30 s): the embedded broker polls once a second, and a run
    discarded for arriving a moment late would leave its work to the next one for nothing.
    """
    return {"task": task, "schedule": seconds, "options": {"expires": max(seconds * 3, 30.0)}}


def beat_schedule(config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The periodic tasks, with intervals in seconds."""
    return {
        "publish-due-articles": _every("workers.publishing.publish_due", float(config["PUBLISH_CHECK_SECONDS"])),
        "sweep-waiting-comments": _every("workers.comments.sweep", float(config["COMMENT_SWEEP_SECONDS"])),
        "prune-folded-stats-batches": _every("workers.stats.prune_batches", STATS_PRUNE_SECONDS),
    }
