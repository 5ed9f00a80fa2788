"""Tests for cms.public."""
