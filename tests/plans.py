"""Query plans for tests that guard an index: SQLite's for statements a call runs, PostgreSQL's generic one."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from cms.extensions import db
from tests.support import statements_run


def sqlite_plans(matching: Callable[[str], bool], action: Callable[[], Any]) -> list[str]:
    """SQLite's query plan for each statement `action` runs whose SQL `matching` accepts."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL plans by table statistics, and a test's table is too small for it to prefer an index")
    with statements_run(db.engine) as run:
        action()
    statements = [(statement, parameters) for statement, parameters in run if matching(" ".join(statement.split()))]
    return [" / ".join(row[-1] for row in db.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement,
                                                                                  parameters))
            for statement, parameters in statements]


def postgresql_generic_plan(statement: Any) -> str:
    """The plan PostgreSQL keeps for `statement` prepared, whatever its parameters and statistics.

    psycopg prepares a statement once a connection has run it five times, and PostgreSQL may then
    keep one generic plan for it, made without the parameters' values (and, on a new or fast-grown
    table, without statistics). Each parameter becomes `$n`; the plan is explained, not run.
    """
    if db.engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL plan")
    connection = db.session.connection()
    sql = str(statement.compile(dialect=connection.dialect))
    names = list(dict.fromkeys(re.findall(r"%\((\w+)\)s", sql)))
    for number, name in enumerate(names, 1):
        sql = sql.replace(f"%({name})s", f"${number}")
    connection.exec_driver_sql("SET LOCAL plan_cache_mode = force_generic_plan")
    connection.exec_driver_sql(f"PREPARE generic_plan AS {sql}")
    try:
        rows = connection.exec_driver_sql(f"EXPLAIN EXECUTE generic_plan({', '.join(['NULL'] * len(names))})")
        return "\n".join(row[0] for row in rows)
    finally:
        connection.exec_driver_sql("DEALLOCATE generic_plan")
