"""The `Feature` base: one feature's share of a loaded hub, as the root composes it."""

from __future__ import annotations

from typing import Any, Protocol

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback


class Feature:
    """A feature's runtime slice: its coordinators and stores, and the entities it adds.

    The root builds one per loaded hub (`runtime.py`) and hands it what it uses of the others;
    the platform files (`sensor.py`, ...) ask every feature for its share of their platform.
    """

    def add_entities(
        self,
        platform: Platform,
        hass: HomeAssistant,
        entry: ConfigEntry[Any],
        add: AddConfigEntryEntitiesCallback,
    ) -> None:
        """Add this feature's entities of `platform` (none by default)."""


class FileLog(Protocol):
    """Where file actions, library scans and filing steps are kept (the hub's history)."""

    def record_files(self, action: str, data: dict[str, Any]) -> None:
        """Append one file action (moved, deleted, scanned...)."""
