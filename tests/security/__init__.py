"""Tests of the sanitizer against public XSS payload sets."""
