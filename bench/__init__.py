"""Benchmarks, each runnable on its own: `python -m bench.<name>` (see the README for their figures)."""
