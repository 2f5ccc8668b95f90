"""Event entities: torrent added / completed / removed / errored; request events."""

from __future__ import annotations

from typing import Any

from homeassistant.components.event import EventEntity
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from . import request_entities
from .const import SIGNAL_TORRENT_EVENT, TORRENT_EVENT_TYPES
from .coordinator.qbittorrent import QBittorrentCoordinator
from .entity import PandoraEntity
from .runtime import PandoraConfigEntry

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """One event entity per qBittorrent; the request events."""
    for subentry_id, coordinator in entry.runtime_data.qbittorrent.items():
        async_add_entities([TorrentEventEntity(coordinator)], config_subentry_id=subentry_id)
    request_entities.setup_events(entry, async_add_entities)


class TorrentEventEntity(PandoraEntity[QBittorrentCoordinator], EventEntity):
    """Fires on every torrent lifecycle change the coordinator detects."""

    def __init__(self, coordinator: QBittorrentCoordinator) -> None:
        super().__init__(coordinator, "torrent")
        self._attr_event_types = list(TORRENT_EVENT_TYPES)

    async def async_added_to_hass(self) -> None:
        """Listen to this qBittorrent's lifecycle signal."""
        await super().async_added_to_hass()
        self.async_on_remove(
            async_dispatcher_connect(
                self.hass,
                f"{SIGNAL_TORRENT_EVENT}_{self.coordinator.subentry.subentry_id}",
                self._handle_torrent_event,
            )
        )

    @callback
    def _handle_torrent_event(self, event_type: str, data: dict[str, Any]) -> None:
        self._trigger_event(event_type, data)
        self.async_write_ha_state()
