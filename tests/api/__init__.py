"""Tests for cms.api."""
