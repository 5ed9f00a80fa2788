"""Tests for cms.browser."""
