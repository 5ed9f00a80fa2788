"""The drain `bench.instructions` runs under callgrind: every stored comment screened, inside the toggled call."""

from __future__ import annotations

import operator

from bench import instructions


def test_the_drain_screens_every_comment_it_stored(monkeypatch):
    called = []
    real_call = operator.call
    monkeypatch.setattr(instructions.operator, "call", lambda *args: called.append(args[0]) or real_call(*args))
    moved, seconds = instructions.drain(30)
    assert moved == 30 and seconds > 0
    assert [function.__name__ for function in called] == ["drain"]  # callgrind counts only inside this call
