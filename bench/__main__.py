"""`python -m bench [names] [--repeat N] [--duration S]`: run benchmarks, print and record the results."""

from __future__ import annotations

import argparse
import shlex
import sys

from bench import BENCHMARKS
from bench.harness import BenchError
from bench.results import Result, table, write


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The benchmarks to run (default: all) and how long to measure each."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"benchmarks to run (default: all): {', '.join(sorted(BENCHMARKS))}")
    parser.add_argument("--repeat", type=int, default=5, help="measured runs of each target (default 5)")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per wrk run (default 5)")
    parser.add_argument("--no-record", action="store_true", help="do not update bench/results.md")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.duration < 1:
        parser.error("--repeat and --duration must be at least 1")
    unknown = sorted(set(args.names) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(sorted(BENCHMARKS))}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks; exit 1 if any misses its target or cannot run."""
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    command = shlex.join(["python", "-m", "bench", *argv])
    results: list[Result] = []
    failed = False
    for name in args.names or sorted(BENCHMARKS):
        print(f"== {name}: {args.repeat} x {args.duration:g}s per target ...", flush=True)
        try:
            results.extend(BENCHMARKS[name](args.repeat, args.duration))
        except BenchError as error:
            print(f"{name}: could not measure: {error}", file=sys.stderr)
            failed = True
    if results:
        print(table(results))
        if not args.no_record:
            write(results, command)
    return 1 if failed or not all(result.passed for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
