"""Tests for cms.workers."""
