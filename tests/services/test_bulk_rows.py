"""`BulkStatement`: the driver's executemany stores what SQLAlchemy's would, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Integer, String, bindparam, insert, null, select, update
from sqlalchemy.types import TypeDecorator

from cms.extensions import db
from cms.models import AuditEvent
from cms.models.types import utcnow
from cms.services.bulk_rows import BulkStatement

_EVENTS = AuditEvent.__table__


class _CountedString(TypeDecorator[str]):
    """A string type that counts its conversions."""

    impl = String
    cache_ok = True
    calls = 0

    def process_bind_param(self, value, dialect):  # type: ignore[no-untyped-def]
        type(self).calls += 1
        return value


def _insert_events() -> BulkStatement:
    return BulkStatement(insert(_EVENTS).values(
        action=bindparam("_action"), subject_type=bindparam("_kind", type_=_EVENTS.c.subject_type.type),
        subject_id=bindparam("_id", type_=_EVENTS.c.subject_id.type), actor_id=null(),
        from_state=null(), to_state=null(), details=bindparam("_details", type_=_EVENTS.c.details.type),
        created_at=bindparam("_at", type_=_EVENTS.c.created_at.type)))


def _events() -> list[tuple]:
    return [(e.action, e.subject_type, e.subject_id, e.details, e.created_at)
            for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.subject_id))]


def test_rows_are_stored_as_the_orm_reads_them_back():
    at = utcnow().replace(microsecond=123456)
    rows = [{"_action": "comment.queue", "_id": n, "_details": {"spam_score": n / 10, "reasons": ["a", "ü"]}}
            for n in (1, 2, 3)]
    assert _insert_events().run(db.session.connection(), rows, _kind="comment", _at=at) == 3
    db.session.commit()
    assert _events() == [("comment.queue", "comment", n, {"spam_score": n / 10, "reasons": ["a", "ü"]}, at)
                         for n in (1, 2, 3)]


def test_an_update_counts_the_rows_it_changed_and_leaves_the_others():
    at = utcnow()
    _insert_events().run(db.session.connection(), [{"_action": "a", "_id": n, "_details": {}} for n in (1, 2)],
                         _kind="comment", _at=at)
    later = at + timedelta(seconds=5)
    rename = BulkStatement(update(_EVENTS).where(_EVENTS.c.subject_id == bindparam("_id")).values(
        action=bindparam("_action"), created_at=bindparam("_at", type_=_EVENTS.c.created_at.type)))
    changed = rename.run(db.session.connection(), [{"_id": 2, "_action": "b"}, {"_id": 9, "_action": "c"}], _at=later)
    db.session.commit()
    assert changed == 1
    assert [(action, when) for action, _, _, _, when in _events()] == [("a", at), ("b", later)]


def test_a_shared_value_is_converted_once_and_each_row_value_once_per_row():
    _CountedString.calls = 0
    statement = BulkStatement(insert(_EVENTS).values(
        action=bindparam("_action", type_=_CountedString()), subject_type=bindparam("_kind", type_=_CountedString()),
        subject_id=bindparam("_id", type_=_EVENTS.c.subject_id.type),
        details=bindparam("_details", type_=_EVENTS.c.details.type),
        created_at=bindparam("_at", type_=_EVENTS.c.created_at.type)))
    rows = [{"_action": "x", "_id": n} for n in range(5)]
    statement.run(db.session.connection(), rows, _kind="comment", _at=utcnow(), _details={})
    assert _CountedString.calls == 5 + 1


def test_a_shared_value_the_statement_does_not_take_is_refused_before_anything_runs():
    with pytest.raises(KeyError, match="_colour"):
        _insert_events().run(db.session.connection(), [{"_action": "a", "_id": 1, "_details": {}}],
                             _kind="comment", _at=utcnow(), _colour="red")
    assert _events() == []


def test_no_rows_run_nothing():
    assert _insert_events().run(db.session.connection(), []) == 0


def test_one_row_hands_back_what_the_statement_returns_with_values_written_into_it():
    # `+ 1000` is a value SQLAlchemy binds itself (an anonymous parameter): it is sent as written.
    statement = BulkStatement(insert(_EVENTS).values(
        action=bindparam("_action"), subject_type="comment", subject_id=bindparam("_id", type_=Integer) + 1000,
        details=bindparam("_details", type_=_EVENTS.c.details.type),
        created_at=bindparam("_at", type_=_EVENTS.c.created_at.type)).returning(_EVENTS.c.id, _EVENTS.c.subject_id))
    row = statement.first(db.session.connection(), {"_action": "a", "_id": 7, "_details": {"n": 1}, "_at": utcnow()})
    db.session.commit()
    assert row is not None and row.subject_id == 1007
    assert db.session.get(AuditEvent, row.id).details == {"n": 1}
