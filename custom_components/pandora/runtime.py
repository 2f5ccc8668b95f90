"""What a loaded Pandora entry holds at runtime (`entry.runtime_data`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import aiohttp

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .const import DOMAIN
from .containers.gluetun import GluetunCoordinator
from .containers.portainer import PortainerCoordinator
from .discover.discovery import Discovery
from .downloads.coordinator import QBittorrentCoordinator
from .downloads.history import TorrentHistory
from .downloads.search import ReleaseSearch
from .files.coordinator import CloudCommanderCoordinator
from .hub.cache import ResponseCache
from .library.coordinator import JellyfinCoordinator
from .requests.queue import RequestQueue
from .watching.watchlists import Watchlists

if TYPE_CHECKING:
    from .files.pipeline import Pipeline
    from .requests.notify import RequestNotifier
    from .requests.pipeline import RequestPipeline


@dataclass
class PandoraRuntime:
    """Per-hub runtime objects: coordinators and clients per service subentry."""

    history: TorrentHistory
    cache: ResponseCache
    session: aiohttp.ClientSession
    release_search: ReleaseSearch
    requests: RequestQueue
    watchlists: Watchlists
    discovery: Discovery | None = None
    qbittorrent: dict[str, QBittorrentCoordinator] = field(default_factory=dict)
    jellyfin: dict[str, JellyfinCoordinator] = field(default_factory=dict)
    cloudcmd: dict[str, CloudCommanderCoordinator] = field(default_factory=dict)
    portainer: dict[str, PortainerCoordinator] = field(default_factory=dict)
    gluetun: dict[str, GluetunCoordinator] = field(default_factory=dict)
    pipeline: Pipeline | None = None
    request_pipeline: RequestPipeline | None = None
    request_notifier: RequestNotifier | None = None


type PandoraConfigEntry = ConfigEntry[PandoraRuntime]


def jellyfin_servers(hass: HomeAssistant) -> dict[str, JellyfinCoordinator]:
    """Every loaded Jellyfin server by subentry id (the media source, image and stream views)."""
    entries: list[PandoraConfigEntry] = hass.config_entries.async_loaded_entries(DOMAIN)
    return {key: c for e in entries for key, c in e.runtime_data.jellyfin.items()}
