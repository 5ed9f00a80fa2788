"""Tests for cms.visits."""
