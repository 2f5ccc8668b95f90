"""What a loaded Pandora entry holds at runtime (`entry.runtime_data`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from homeassistant.config_entries import ConfigEntry

from .coordinator.qbittorrent import QBittorrentCoordinator
from .history import TorrentHistory


@dataclass
class PandoraRuntime:
    """Per-hub runtime objects: one coordinator per service subentry."""

    history: TorrentHistory
    qbittorrent: dict[str, QBittorrentCoordinator] = field(default_factory=dict)


type PandoraConfigEntry = ConfigEntry[PandoraRuntime]
