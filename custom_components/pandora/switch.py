"""qBittorrent switch: alternative speed limits."""

from __future__ import annotations

from typing import Any

from homeassistant.components.switch import SwitchEntity
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .downloads.coordinator import QBittorrentCoordinator
from .hub.entity import PandoraEntity
from .hub.errors import call_service
from .runtime import PandoraConfigEntry

PARALLEL_UPDATES = 1


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """One switch per qBittorrent."""
    for subentry_id, coordinator in entry.runtime_data.qbittorrent.items():
        async_add_entities([AltSpeedSwitch(coordinator)], config_subentry_id=subentry_id)


class AltSpeedSwitch(PandoraEntity[QBittorrentCoordinator], SwitchEntity):
    """Alternative speed limits on or off."""

    def __init__(self, coordinator: QBittorrentCoordinator) -> None:
        super().__init__(coordinator, "alt_speed_limits")

    @property
    def is_on(self) -> bool:
        """As last reported by qBittorrent."""
        return self.coordinator.data.server_state.alt_speed_limits

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch to the alternative limits."""
        await self._set(True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Back to the normal limits."""
        await self._set(False)

    async def _set(self, enabled: bool) -> None:
        await self.async_authorize("set_alt_speed_limits")
        await call_service(self.coordinator.client.set_alt_speed_limits, enabled)
        await self.coordinator.async_request_refresh()
