"""The migrations: they build the schema the models describe, and the newest one goes down and up again."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from cms import create_app
from cms.extensions import db
from tests.conftest import test_settings as settings_for


def _differences(connection) -> list:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLAlchemy cannot reflect expression indexes, and says so
        return compare_metadata(MigrationContext.configure(connection), db.metadata)


def test_the_migrated_database_is_what_the_models_describe(app):
    with db.engine.connect() as connection:
        assert _differences(connection) == []


def _indexes(app) -> dict[str, list[str]]:
    """The comments table's indexes (but the expression index, which SQLAlchemy cannot reflect), by name."""
    with app.app_context(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # as above: the expression index is skipped
        indexes = inspect(db.engine).get_indexes("comments")
        db.engine.dispose()
    return {index["name"]: index["column_names"] for index in indexes}


def _client_indexes(app) -> dict[str, list[str]]:
    """The comments table's indexes that lead with the client's hash, by name."""
    return {name: columns for name, columns in _indexes(app).items() if columns[0] == "client_hash"}


@pytest.fixture()
def other(tmp_path: Path):
    """An application on a database of its own, migrated to the newest revision."""
    other = create_app(settings_for(tmp_path) | {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'updown.sqlite3'}"})
    with other.app_context():
        upgrade()
    return other


def test_migration_0007_goes_down_and_up_again(other):
    with other.app_context():
        downgrade(revision="0006_spam_context_indexes")
    assert _client_indexes(other) == {"ix_comments_duplicates": ["client_hash", "content_hash"],
                                      "ix_comments_client_status": ["client_hash", "status"]}
    with other.app_context():
        upgrade()
    assert _client_indexes(other) == {"ix_comments_duplicates": ["client_hash", "content_hash", "created_at"],
                                      "ix_comments_client_approved": ["client_hash"]}


def test_migration_0008_drops_the_unread_indexes_and_gives_them_back_going_down(other):
    unread = {"ix_comments_claim": ["claim"], "ix_comments_thread_id": ["thread_id"]}
    assert not unread.keys() & _indexes(other).keys()
    with other.app_context():
        downgrade(revision="0007_intake_duplicates_index")
    assert unread.items() <= _indexes(other).items()
    with other.app_context():
        upgrade()
    assert not unread.keys() & _indexes(other).keys()
