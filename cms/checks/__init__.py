"""Pure checks on what readers write: no database and no app, so workers, the CLI and benchmarks share them."""
