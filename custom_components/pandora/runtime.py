"""What a loaded Pandora entry holds (`entry.runtime_data`), and whose entities it adds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import aiohttp

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from . import containers, downloads, files, library, requests as requests_feature, vpnguard
from .containers import GluetunCoordinator, PortainerCoordinator
from .discover import Discovery
from .downloads import QBittorrentCoordinator, ReleaseSearch, TorrentHistory
from .files import CloudCommanderCoordinator
from .hub.cache import ResponseCache
from .library import JellyfinCoordinator
from .requests import RequestQueue
from .vpnguard import VpnGuard
from .watching import Watchlists

if TYPE_CHECKING:
    from .files import Pipeline
    from .requests import RequestNotifier, RequestPipeline


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
    # qBittorrent subentry id -> its VPN guard (vpnguard/), when its option names a gluetun.
    vpn_guards: dict[str, VpnGuard] = field(default_factory=dict)
    pipeline: Pipeline | None = None
    request_pipeline: RequestPipeline | None = None
    request_notifier: RequestNotifier | None = None


type PandoraConfigEntry = ConfigEntry[PandoraRuntime]

# Each feature's entities, in the order their platform adds them.
ENTITY_FEATURES: Final = (
    downloads.add_entities,
    library.add_entities,
    files.add_entities,
    containers.add_entities,
    vpnguard.add_entities,
    requests_feature.add_entities,
)


def add_feature_entities(
    platform: Platform,
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    add: AddConfigEntryEntitiesCallback,
) -> None:
    """Every feature's entities of `platform`: the whole set-up of a platform file."""
    for add_entities in ENTITY_FEATURES:
        add_entities(platform, hass, entry, add)
