"""Writing audit rows: the caller's transaction includes them, so a decision and its record commit together."""

from __future__ import annotations

from typing import Any

from cms.extensions import db
from cms.models import AuditEvent, User


def record(action: str, subject_type: str, subject_id: int, *, actor: User | None,
           from_state: str | None = None, to_state: str | None = None, **details: Any) -> AuditEvent:
    """Add one audit row to the current transaction (the caller commits)."""
    event = AuditEvent(
        action=action, subject_type=subject_type, subject_id=subject_id,
        actor_id=actor.id if actor is not None else None,
        from_state=from_state, to_state=to_state, details=details,
    )
    db.session.add(event)
    return event
