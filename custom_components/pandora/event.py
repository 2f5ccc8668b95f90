"""Event entities: torrent added / completed / removed / errored; request events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homeassistant.components.event import EventEntity, EventExtraStoredData
from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import HomeAssistant, State, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import SIGNAL_TORRENT_EVENT, TORRENT_EVENT_TYPES
from .downloads.coordinator import QBittorrentCoordinator
from .hub.entity import PandoraEntity
from .requests import entities as request_entities
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


@dataclass
class TorrentEventStoredData(EventExtraStoredData):
    """What Home Assistant keeps of an event entity, and the last event's time.

    EventEntity restores the time from the last state, which is `unavailable` when the entity
    is removed while qBittorrent cannot be read (the hub reloads after a re-authentication
    while it refused Pandora's password; Home Assistant stops while it is down).
    """

    last_event_time: str | None


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

    @property
    def extra_restore_state_data(self) -> TorrentEventStoredData:
        """The last event, with its time (the state, even while unavailable)."""
        data = super().extra_restore_state_data
        return TorrentEventStoredData(data.last_event_type, data.last_event_attributes, self.state)

    async def async_get_last_state(self) -> State | None:
        """The state to restore the last event's time from (EventEntity reads it here)."""
        state = await super().async_get_last_state()
        if state is None or state.state not in (STATE_UNAVAILABLE, STATE_UNKNOWN):
            return state
        extra = await self.async_get_last_extra_data()
        when = extra.as_dict().get("last_event_time") if extra is not None else None
        return state if when is None else State(state.entity_id, when, state.attributes)

    @callback
    def _handle_torrent_event(self, event_type: str, data: dict[str, Any]) -> None:
        self._trigger_event(event_type, data)
        self.async_write_ha_state()
