"""Pandora tests."""
