"""The SQLite connection settings every process uses (`cms.web.sqlite_pragmas`)."""

from __future__ import annotations

from sqlalchemy import create_engine, event, text

from cms.web import WAL_AUTOCHECKPOINT_PAGES, sqlite_pragmas


def _engine(path):
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", sqlite_pragmas)
    return engine


def test_commits_leave_the_log_to_grow_to_its_limit_before_one_copies_it_back(tmp_path):
    """A commit checkpoints only past WAL_AUTOCHECKPOINT_PAGES, not at SQLite's default 1,000 pages."""
    engine = _engine(tmp_path / "site.db")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        connection.execute(text("CREATE TABLE pages (body BLOB)"))
        connection.commit()
        for _ in range(30):  # about 50 pages of 4 KB each
            connection.execute(text("INSERT INTO pages VALUES (randomblob(200000))"))
            connection.commit()
        _, frames_in_log, _ = connection.execute(text("PRAGMA wal_checkpoint(PASSIVE)")).one()
    assert 1_500 <= frames_in_log < WAL_AUTOCHECKPOINT_PAGES


def test_each_connection_waits_for_the_write_lock_and_keeps_foreign_keys(tmp_path):
    with _engine(tmp_path / "site.db").connect() as connection:
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30_000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL: durable across a crash of the process
