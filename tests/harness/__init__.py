"""Test harness: pytest fixtures over a configured Pandora hub (fault injection, request queue)."""
