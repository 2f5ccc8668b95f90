"""Watching: watchlists and the home rows.

Holds everyone's watchlists and the featured title, the panel's home rows and the watching
actions (watchlist, play on a media player).

This module is the package's face: other packages import only what it re-exports (import-linter's
protected contracts, pyproject.toml).

May import: `..hub`, `..api`, `..const`, and the faces of `..library` and `..discover`.
"""

from .actions import async_setup_watching_actions
from .home import home_rows
from .watchlists import Watchlists, async_watchlists

__all__ = [
    "Watchlists",
    "async_setup_watching_actions",
    "async_watchlists",
    "home_rows",
]
