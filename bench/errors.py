"""The one exception a benchmark raises when it cannot produce a trustworthy figure."""


class BenchError(RuntimeError):
    """A benchmark could not produce a trustworthy figure."""
