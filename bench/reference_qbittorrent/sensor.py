"""Core's qBittorrent sensors: transfer state and speeds, and torrent counts per state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.components.sensor import SensorEntity
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from . import ReferenceCoordinator


def _server(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda data: data.get("server_state", {}).get(key)


def _count(states: tuple[str, ...]) -> Callable[[dict[str, Any]], Any]:
    # As core's `count_torrents_in_states`: every torrent, every poll.
    def count(data: dict[str, Any]) -> int:
        torrents = data.get("torrents") or {}
        if not states:
            return len(torrents)
        return len([t for t in torrents.values() if t.get("state") in states])

    return count


def _status(data: dict[str, Any]) -> str:
    server = data.get("server_state", {})
    up, down = server.get("up_info_speed", 0), server.get("dl_info_speed", 0)
    if up > 0 and down > 0:
        return "up_down"
    if up > 0:
        return "seeding"
    return "downloading" if down > 0 else "idle"


SENSORS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "status": _status,
    "connection_status": _server("connection_status"),
    "download_speed": _server("dl_info_speed"),
    "upload_speed": _server("up_info_speed"),
    "alltime_download": _server("alltime_dl"),
    "alltime_upload": _server("alltime_ul"),
    "all_torrents": _count(()),
    "active_torrents": _count(("downloading", "uploading")),
    "inactive_torrents": _count(("stalledDL", "stalledUP")),
    "paused_torrents": _count(("stoppedDL", "stoppedUP", "pausedDL", "pausedUP")),
    "errored_torrents": _count(("error", "missingFiles")),
}


async def async_setup_entry(
    hass: HomeAssistant, entry: ConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """One sensor per value."""
    coordinator: ReferenceCoordinator = entry.runtime_data
    async_add_entities(ReferenceSensor(coordinator, entry, key) for key in SENSORS)


class ReferenceSensor(CoordinatorEntity[ReferenceCoordinator], SensorEntity):
    """A value read from the last full answer."""

    def __init__(self, coordinator: ReferenceCoordinator, entry: ConfigEntry, key: str) -> None:
        super().__init__(coordinator)
        self._value = SENSORS[key]
        self._attr_name = f"qBittorrent reference {key.replace('_', ' ')}"
        self._attr_unique_id = f"{entry.entry_id}-{key}"

    @property
    def native_value(self) -> Any:
        """Computed from the whole answer on every poll."""
        return self._value(self.coordinator.data)
