"""A Core statement run by the database driver itself, over many rows or for one.

SQLAlchemy prepares each execution in Python: it looks the statement up in its compiled cache,
builds a dictionary of every bound parameter and converts each value through its type, constants
included. For the pipeline's batches that came to about 13 µs a row against 5.6 µs for the
driver's executemany itself, and for intake's one INSERT to about 18 µs of a comment POST's 200.
A `BulkStatement` is compiled once for each dialect (SQLAlchemy's own compiler, so the SQL and the
placeholders are the ones it would send), converts values shared by every row once, and the rest
with the same type conversions SQLAlchemy would apply (`TypeEngine.dialect_impl(dialect)
.bind_processor(dialect)`), then hands the driver plain tuples (or dictionaries, for drivers with
named placeholders) through `Connection.exec_driver_sql`. The transaction is the caller's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import BindParameter, Connection, Row, Table, bindparam
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.expression import Executable

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Plan:
    """The statement compiled for one dialect: its SQL and its parameters in the driver's order."""

    sql: str
    names: tuple[str, ...]
    processors: tuple[Processor, ...]
    positional: bool
    processor_of: dict[str, Processor]  # the same, by name (a name may stand twice in `names`)
    constants: dict[str, Any]  # values written in the statement (the `1` of `max(id) + 1`), converted

    def parameters(self, row: Mapping[str, Any], shared: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        """One row's values for the driver: shared ones as converted already, the row's converted now."""
        values = [shared[name] if name in shared else (process(row[name]) if process else row[name])
                  for name, process in zip(self.names, self.processors, strict=True)]
        return tuple(values) if self.positional else dict(zip(self.names, values, strict=True))

    def converted(self, shared: Mapping[str, Any]) -> dict[str, Any]:
        """The statement's constants and the shared values, each converted once."""
        unknown = sorted(set(shared) - set(self.processor_of))
        if unknown:
            raise KeyError(f"the statement has no parameter {', '.join(unknown)}")
        return self.constants | {name: process(value) if (process := self.processor_of[name]) else value
                                 for name, value in shared.items()}


def column_parameters(table: Table, names: Iterable[str]) -> dict[str, BindParameter[Any]]:
    """`{name: bindparam("_name")}` typed as `table`'s column: what a `BulkStatement` writes to each column.

    Prefixed, since SQLAlchemy keeps a column's own name for the parameters it makes itself.
    """
    return {name: bindparam(f"_{name}", type_=table.c[name].type) for name in names}


class BulkStatement:
    """A statement whose values are named `bindparam`s (or written into it), run at the driver's speed."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._plans: dict[str, _Plan] = {}

    def run(self, connection: Connection, rows: list[Mapping[str, Any]], **shared: Any) -> int:
        """Execute once per row (`shared` gives values every row has); the rows changed, as the driver counts them."""
        if not rows:
            return 0
        plan = self._plan(connection.dialect)
        converted = plan.converted(shared)
        parameters = [plan.parameters(row, converted) for row in rows]
        return connection.exec_driver_sql(plan.sql, parameters).rowcount

    def first(self, connection: Connection, row: Mapping[str, Any]) -> Row[Any] | None:
        """Execute once for `row`; the first row the statement returns (RETURNING), or None."""
        plan = self._plan(connection.dialect)
        return connection.exec_driver_sql(plan.sql, plan.parameters(row, plan.constants)).first()

    def _plan(self, dialect: Dialect) -> _Plan:
        """The compiled form for `dialect`, made on first use (dialects are few, and the result immutable)."""
        key = f"{dialect.name}+{dialect.driver}"
        if key not in self._plans:
            # for_executemany: no implicit RETURNING of new primary keys, which no one would read.
            compiled = self.statement.compile(dialect=dialect, for_executemany=True)
            binds = {compiled.bind_names[bind]: bind for bind in compiled.binds.values()}  # by name as rendered
            names = tuple(compiled.positiontup or binds)
            processor_of = {name: bind.type.dialect_impl(dialect).bind_processor(dialect)
                            for name, bind in binds.items()}
            plan = _Plan(str(compiled), names, tuple(processor_of[name] for name in names),
                         compiled.positiontup is not None, processor_of, {})
            constants = {name: bind.effective_value for name, bind in binds.items() if not bind.required}
            self._plans[key] = replace(plan, constants=plan.converted(constants))
        return self._plans[key]
