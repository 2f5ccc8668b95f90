"""Binary sensors: container running (Portainer), VPN leak (gluetun)."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .containers import entities as container_entities, vpn as vpn_entities
from .runtime import PandoraConfigEntry

# Coordinator-driven: no polling of their own.
PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """One running sensor per container; one leak sensor per gluetun."""
    container_entities.binary_sensors(hass, entry, async_add_entities)
    vpn_entities.setup(entry, async_add_entities, "binary_sensor")
