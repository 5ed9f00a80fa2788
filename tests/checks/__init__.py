"""Tests of the pure content checks in cms.checks, with their labelled comment set."""
