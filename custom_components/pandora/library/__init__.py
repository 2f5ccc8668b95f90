"""The library: Jellyfin.

Holds the Jellyfin coordinator (and its client factory), title links (is it in the library, where
to watch it), the stream relay, the library entities and actions, and the Jellyfin subentry flow.

This module is the package's face: other packages import only what it re-exports (import-linter's
protected contracts, pyproject.toml).

May import: `..hub`, `..api`, `..const`, and the face of `..downloads` (the torrent history).
"""

from .actions import (
    ALL,
    SERVICE_SCAN_LIBRARY,
    async_setup_library_actions,
    find_library,
    jellyfin_targets,
)
from .coordinator import JellyfinCoordinator, jellyfin_servers
from .entities import add_entities
from .flow import SUBENTRY_FLOWS
from .links import annotate, find_title, in_library, library_link, web_url
from .sessions import SessionsCoordinator, stream_info
from .stream import PLAYABLE, JellyfinStreamView, mime_type, stream_path, watcher_id

__all__ = [
    "ALL",
    "PLAYABLE",
    "SERVICE_SCAN_LIBRARY",
    "SUBENTRY_FLOWS",
    "JellyfinCoordinator",
    "JellyfinStreamView",
    "SessionsCoordinator",
    "add_entities",
    "annotate",
    "async_setup_library_actions",
    "find_library",
    "find_title",
    "in_library",
    "jellyfin_servers",
    "jellyfin_targets",
    "library_link",
    "mime_type",
    "stream_info",
    "stream_path",
    "watcher_id",
    "web_url",
]
