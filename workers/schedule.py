"""Beat's schedule: what runs periodically, and how often (from configuration)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def beat_schedule(config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The periodic tasks, with intervals in seconds."""
    return {
        "publish-due-articles": {
            "task": "workers.publishing.publish_due",
            "schedule": float(config["PUBLISH_CHECK_SECONDS"]),
            "options": {"expires": float(config["PUBLISH_CHECK_SECONDS"])},
        },
        "sweep-waiting-comments": {
            "task": "workers.comments.sweep",
            "schedule": float(config["COMMENT_SWEEP_SECONDS"]),
            "options": {"expires": float(config["COMMENT_SWEEP_SECONDS"])},
        },
    }
