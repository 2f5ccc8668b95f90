"""Buttons: qBittorrent pause/resume all, Jellyfin scans, container restarts and redeploys.

Each feature adds its own (`runtime.add_feature_entities`); this file only names the platform.
"""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .runtime import PandoraConfigEntry, add_feature_entities

PARALLEL_UPDATES = 1


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Every feature's button entities."""
    add_feature_entities(Platform.BUTTON, hass, entry, async_add_entities)
