"""Binary sensors: container running (Portainer), VPN leak (gluetun).

Each feature adds its own (`runtime.add_feature_entities`); this file only names the platform.
"""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .runtime import PandoraConfigEntry, add_feature_entities

# Coordinator-driven: no polling of their own.
PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Every feature's binary sensor entities."""
    add_feature_entities(Platform.BINARY_SENSOR, hass, entry, async_add_entities)
