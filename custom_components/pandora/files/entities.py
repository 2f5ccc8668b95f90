"""Cloud Commander's entity: what waits in the share's Downloaded folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.components.sensor import SensorEntity, SensorStateClass
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..hub.entity import PandoraEntity
from .coordinator import CloudCommanderCoordinator

if TYPE_CHECKING:
    from ..runtime import PandoraConfigEntry


def add_entities(
    platform: Platform,
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    add: AddConfigEntryEntitiesCallback,
) -> None:
    """Each share's Downloaded count (a sensor)."""
    if platform is not Platform.SENSOR:
        return
    for subentry_id, share in entry.runtime_data.cloudcmd.items():
        add([DownloadedSensor(share)], config_subentry_id=subentry_id)


class DownloadedSensor(PandoraEntity[CloudCommanderCoordinator], SensorEntity):
    """Items waiting in the share's Downloaded folder (to be filed into the library)."""

    # Unit "items": translated, as the torrent counts' (`_torrents` in downloads/entities.py).
    _attr_state_class = SensorStateClass.MEASUREMENT
    _attr_suggested_display_precision = 0

    def __init__(self, coordinator: CloudCommanderCoordinator) -> None:
        super().__init__(coordinator, "downloaded_items")

    @property
    def native_value(self) -> int:
        """How many files and folders are there."""
        return len(self.coordinator.state.downloaded)

    @property
    def extra_state_attributes(self) -> dict[str, list[str]]:
        """Their names (the first 50), for cards and notifications."""
        return {"names": [e.name for e in self.coordinator.state.downloaded[:50]]}
