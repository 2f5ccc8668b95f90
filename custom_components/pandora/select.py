"""Selects: the VPN country of each gluetun."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .containers import vpn as vpn_entities
from .runtime import PandoraConfigEntry

# One switch at a time per gluetun (the coordinator also serialises them).
PARALLEL_UPDATES = 1


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """The VPN country select per gluetun."""
    vpn_entities.setup(entry, async_add_entities, "select")
