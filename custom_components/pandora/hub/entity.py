"""Base entity shared by every Pandora platform."""

from __future__ import annotations

from typing import Any

from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .coordinator import PandoraCoordinator
from .permissions import Door, async_authorize


class PandoraEntity[CoordinatorT: PandoraCoordinator[Any, Any]](CoordinatorEntity[CoordinatorT]):
    """An entity of one service (subentry) device, with a translated name."""

    _attr_has_entity_name = True

    def __init__(self, coordinator: CoordinatorT, key: str) -> None:
        super().__init__(coordinator)
        self._attr_unique_id = f"{coordinator.subentry.subentry_id}_{key}"
        self._attr_translation_key = key
        self._attr_device_info = coordinator.device_info

    async def async_authorize(self, operation: str) -> None:
        """Refuse a caller the permission table does not allow `operation` (`Unauthorized`).

        Home Assistant lets every user control every entity and sets the calling context on
        the entity before running its method: the same check as the operation's action.
        """
        await async_authorize(self.hass, operation, self._context, Door.ENTITY)
