"""Tests for bench/ (the parts that need no load generator)."""
