"""Downloads: qBittorrent and Jackett.

Holds the qBittorrent coordinator (and its client factory), the torrent history, Jackett release
search, release ranking (`ranking/`: parse, score), adding a release, the torrent entities and
actions, and the qBittorrent and Jackett subentry flows.

This module is the package's face: other packages import only what it re-exports (import-linter's
protected contracts, pyproject.toml).

May import: `..hub`, `..api`, `..const`; no other feature.
"""

from .actions import absolute_path, async_setup_services, torrent_link
from .add import (
    ReleaseLinks,
    add_release,
    link_download,
    query_for,
    ranking_preferences,
    release_links,
)
from .coordinator import QBittorrentCoordinator
from .disk import format_size
from .entities import add_entities
from .flow import SUBENTRY_FLOWS
from .goals import Goal, SeedingGoals, goal_for
from .history import TorrentHistory
from .holds import HOLD_DISK, HOLD_GOAL, HOLD_REASONS, HOLD_VPN, TorrentHolds
from .ranking import RankedResult, RankingPreferences, ReleaseInfo, parse_release
from .search import DEFAULT_LIMIT, JackettInstance, RankedSearch, ReleaseSearch, jackett_client

__all__ = [
    "DEFAULT_LIMIT",
    "HOLD_DISK",
    "HOLD_GOAL",
    "HOLD_REASONS",
    "HOLD_VPN",
    "SUBENTRY_FLOWS",
    "Goal",
    "JackettInstance",
    "QBittorrentCoordinator",
    "RankedResult",
    "RankedSearch",
    "RankingPreferences",
    "ReleaseInfo",
    "ReleaseLinks",
    "ReleaseSearch",
    "SeedingGoals",
    "TorrentHistory",
    "TorrentHolds",
    "absolute_path",
    "add_entities",
    "add_release",
    "async_setup_services",
    "format_size",
    "goal_for",
    "jackett_client",
    "link_download",
    "parse_release",
    "query_for",
    "ranking_preferences",
    "release_links",
    "torrent_link",
]
