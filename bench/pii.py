"""Precision and recall of the personal-data scan per kind, on the labelled and held-out sets.

Run `python -m bench.pii` for tables or `python -m bench.pii --json` for machine-readable figures.
A found span counts when it overlaps a labelled span of the same kind (see tests/checks/pii_cases.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from cms.checks.pii import scan
from tests.checks.pii_cases import CASES, HELD_OUT_CASES, Case, KindScore, measure, table


def _figures(scores: list[KindScore]) -> list[dict[str, object]]:
    """One JSON object per kind, with the derived rates rounded for reading."""
    return [{"kind": s.kind, "cases": s.cases, "expected": s.expected, "found": s.found,
             "true_positives": s.true_positives, "precision": round(s.precision, 4),
             "recall": round(s.recall, 4)} for s in scores]


def _microseconds_per_comment(cases: list[Case], rounds: int = 5) -> float:
    """Mean scan time per comment, best of a few rounds so a cold start or a busy machine does not count."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for item in cases:
            scan(item.text)
        best = min(best, time.perf_counter() - started)
    return best / max(len(cases), 1) * 1e6


def main(argv: list[str] | None = None) -> int:
    """Print the figures for both sets."""
    parser = argparse.ArgumentParser(prog="python -m bench.pii", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    sets = {"main": CASES, "held_out": HELD_OUT_CASES}
    results = {name: (len(cases), measure(cases), _microseconds_per_comment(cases)) for name, cases in sets.items()}
    if args.json:
        json.dump({name: {"cases": count, "microseconds_per_comment": round(micros, 1), "kinds": _figures(scores)}
                   for name, (count, scores, micros) in results.items()}, sys.stdout, indent=2)
        print()
        return 0
    for name, (count, scores, micros) in results.items():
        print(table(f"{name}: {count} comments, {micros:.0f} us per comment", scores), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
