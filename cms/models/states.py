"""Named states and the table of allowed moves between them.

Every stateful model declares its states as a `StrEnum` and its moves as a `TransitionTable`;
services ask the table for the target state (which raises on an illegal move) and then write it
with a guarded `UPDATE ... WHERE status = :current`, so a concurrent change is caught in SQL too.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Generic, TypeVar

S = TypeVar("S", bound=StrEnum)


class IllegalTransition(Exception):
    """An action was asked of an object whose current state does not allow it."""

    def __init__(self, action: str, current: str) -> None:
        super().__init__(f"cannot {action} from state {current!r}")
        self.action = action
        self.current = current


class TransitionTable(Generic[S]):
    """For each action, the state it leads to from each state it is allowed in."""

    def __init__(self, moves: Mapping[str, Mapping[S, S]]) -> None:
        self._moves = {action: dict(targets) for action, targets in moves.items()}

    @property
    def actions(self) -> tuple[str, ...]:
        """Every action the table knows."""
        return tuple(self._moves)

    def allowed(self, action: str, current: S) -> bool:
        """Whether `action` may be taken from `current`."""
        return current in self._moves.get(action, {})

    def target(self, action: str, current: S) -> S:
        """The state `action` leads to from `current`; raises IllegalTransition if it may not."""
        targets = self._moves.get(action)
        if targets is None or current not in targets:
            raise IllegalTransition(action, str(current))
        return targets[current]

    def sources(self, action: str) -> frozenset[S]:
        """The states from which `action` is allowed (for guarded bulk updates)."""
        return frozenset(self._moves.get(action, {}))
