"""Tests for cms.services."""
