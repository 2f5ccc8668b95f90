"""qBittorrent sensors: speeds, torrent counts, free space, connection status."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import EntityCategory, UnitOfDataRate, UnitOfInformation
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from .api.qbittorrent_models import MainDataState, TorrentStatus
from .containers import entities as container_entities, vpn as vpn_entities
from .downloads.coordinator import QBittorrentCoordinator
from .files.coordinator import CloudCommanderCoordinator
from .hub.entity import PandoraEntity
from .library import entities as jellyfin_entities
from .requests import entities as request_entities
from .runtime import PandoraConfigEntry

# Coordinator-driven: no polling of their own.
PARALLEL_UPDATES = 0

CONNECTION_STATES = ["connected", "firewalled", "disconnected"]


@dataclass(frozen=True, kw_only=True)
class QBittorrentSensorDescription(SensorEntityDescription):
    """How one sensor reads the main data."""

    value_fn: Callable[[MainDataState], StateType]


def _count(status: TorrentStatus) -> Callable[[MainDataState], StateType]:
    return lambda data: data.status_counts[status]


def _speed(
    key: str, value_fn: Callable[[MainDataState], StateType]
) -> QBittorrentSensorDescription:
    return QBittorrentSensorDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.DATA_RATE,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfDataRate.BYTES_PER_SECOND,
        suggested_unit_of_measurement=UnitOfDataRate.MEGABYTES_PER_SECOND,
        suggested_display_precision=2,
        value_fn=value_fn,
    )


def _torrents(
    key: str, value_fn: Callable[[MainDataState], StateType]
) -> QBittorrentSensorDescription:
    # Counts have no native unit: "torrents" comes from translations (strings.json,
    # entity.sensor.<key>.unit_of_measurement). Home Assistant's state keeps the English one,
    # the unit these sensors always had, so their long-term statistics carry on.
    return QBittorrentSensorDescription(
        key=key,
        translation_key=key,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=value_fn,
    )


SENSORS: tuple[QBittorrentSensorDescription, ...] = (
    _speed("download_speed", lambda data: data.server_state.download_speed),
    _speed("upload_speed", lambda data: data.server_state.upload_speed),
    _torrents("torrents_total", lambda data: len(data.torrents)),
    _torrents("torrents_downloading", _count(TorrentStatus.DOWNLOADING)),
    _torrents("torrents_seeding", _count(TorrentStatus.SEEDING)),
    _torrents("torrents_paused", _count(TorrentStatus.PAUSED)),
    _torrents("torrents_errored", _count(TorrentStatus.ERRORED)),
    _torrents("torrents_completed", lambda data: data.completed_count),
    QBittorrentSensorDescription(
        key="free_disk_space",
        translation_key="free_disk_space",
        device_class=SensorDeviceClass.DATA_SIZE,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfInformation.BYTES,
        suggested_unit_of_measurement=UnitOfInformation.GIGABYTES,
        suggested_display_precision=1,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: data.server_state.free_space_on_disk,
    ),
    QBittorrentSensorDescription(
        key="connection_status",
        translation_key="connection_status",
        device_class=SensorDeviceClass.ENUM,
        options=CONNECTION_STATES,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: (
            status
            if (status := data.server_state.connection_status) in CONNECTION_STATES
            else "disconnected"
        ),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """One set of sensors per qBittorrent and per Jellyfin; the request counts."""
    for subentry_id, coordinator in entry.runtime_data.qbittorrent.items():
        async_add_entities(
            (QBittorrentSensor(coordinator, description) for description in SENSORS),
            config_subentry_id=subentry_id,
        )
    jellyfin_entities.setup_sensors(entry, async_add_entities)
    for subentry_id, share in entry.runtime_data.cloudcmd.items():
        async_add_entities([DownloadedSensor(share)], config_subentry_id=subentry_id)
    container_entities.sensors(hass, entry, async_add_entities)
    vpn_entities.setup(entry, async_add_entities, "sensor")
    request_entities.setup_sensors(entry, async_add_entities)


class QBittorrentSensor(PandoraEntity[QBittorrentCoordinator], SensorEntity):
    """A value read from qBittorrent's main data."""

    entity_description: QBittorrentSensorDescription

    def __init__(
        self, coordinator: QBittorrentCoordinator, description: QBittorrentSensorDescription
    ) -> None:
        super().__init__(coordinator, description.key)
        self.entity_description = description

    @property
    def native_value(self) -> StateType:
        """Read from the coordinator's current main data."""
        return self.entity_description.value_fn(self.coordinator.data)


class DownloadedSensor(PandoraEntity[CloudCommanderCoordinator], SensorEntity):
    """Items waiting in the share's Downloaded folder (to be filed into the library)."""

    # Unit "items": translated, as the torrent counts' (see `_torrents`).
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
