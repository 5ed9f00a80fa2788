"""The session's connection for work made of statements that are each atomic on their own."""

from __future__ import annotations

from sqlalchemy import Connection

from cms.extensions import db


def one_statement_connection() -> Connection:
    """The session's connection, in autocommit mode on PostgreSQL when the session has no transaction yet.

    For callers whose every statement is atomic by itself (an INSERT ... SELECT, an UPDATE with its
    own pick in a CTE) or only reads. Around a transaction psycopg sends a BEGIN and a COMMIT, each
    a round trip of its own; in autocommit each statement commits itself and the session's commit
    has nothing to send. The pool puts the connection back in transaction mode when it is
    returned. A caller already in a transaction keeps it. SQLite has no round trips, and switching
    its mode costs more than it saves.
    """
    if not db.session().in_transaction() and db.session.get_bind().dialect.name == "postgresql":
        return db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    return db.session.connection()
