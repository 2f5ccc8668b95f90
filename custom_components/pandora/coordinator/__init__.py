"""Coordinators of each service (moving into their feature packages)."""
