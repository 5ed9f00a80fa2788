"""Tests of the pure checks."""
