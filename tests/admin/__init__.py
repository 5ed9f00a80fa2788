"""Tests for cms.admin."""
