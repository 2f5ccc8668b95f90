"""Jellyfin entities: scan buttons and sensors; the platform files call in here.

Besides "Scan all libraries" there is one scan button per library, kept in step with the server.
"Active streams" and "Someone is watching" follow the server's sessions (sessions.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from homeassistant.components.binary_sensor import BinarySensorEntity
from homeassistant.components.button import ButtonEntity
from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import PERCENTAGE, EntityCategory, Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from ..hub.entity import PandoraEntity
from ..hub.errors import call_service
from .coordinator import SIGNAL_LIBRARIES, JellyfinCoordinator
from .sessions import MAX_LISTED, SessionsCoordinator, stream_info

if TYPE_CHECKING:
    from ..runtime import PandoraConfigEntry

SCAN_STATES = ["idle", "running"]
SCAN_RESULTS = ["completed", "failed", "cancelled", "aborted"]


@dataclass(frozen=True, kw_only=True)
class JellyfinSensorDescription(SensorEntityDescription):
    """How one sensor reads the Jellyfin state."""

    value_fn: Callable[[JellyfinCoordinator], StateType | datetime]


def _result(coordinator: JellyfinCoordinator) -> str | None:
    state = coordinator.state
    result = state.task.last_result if state.task else None
    status = str(result.status).lower() if result else None
    return status if status in SCAN_RESULTS else None


def _count(name: str) -> Callable[[JellyfinCoordinator], StateType]:
    # Its unit ("movies", ...) is translated, as the torrent counts' (see sensor._torrents).
    return lambda c: getattr(c.state.counts, name) if c.state.counts else None


SENSORS: tuple[JellyfinSensorDescription, ...] = (
    JellyfinSensorDescription(
        key="scan_status",
        translation_key="scan_status",
        device_class=SensorDeviceClass.ENUM,
        options=SCAN_STATES,
        value_fn=lambda c: "running" if c.scanning else "idle",
    ),
    JellyfinSensorDescription(
        key="scan_progress",
        translation_key="scan_progress",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=lambda c: c.progress,
    ),
    JellyfinSensorDescription(
        key="last_scan",
        translation_key="last_scan",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda c: (
            c.state.task.last_result.end if c.state.task and c.state.task.last_result else None
        ),
    ),
    JellyfinSensorDescription(
        key="last_scan_result",
        translation_key="last_scan_result",
        device_class=SensorDeviceClass.ENUM,
        options=SCAN_RESULTS,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=_result,
    ),
    JellyfinSensorDescription(
        key="movies",
        translation_key="movies",
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=_count("movies"),
    ),
    JellyfinSensorDescription(
        key="series",
        translation_key="series",
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=_count("series"),
    ),
    JellyfinSensorDescription(
        key="episodes",
        translation_key="episodes",
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=_count("episodes"),
    ),
)


def setup_sensors(entry: PandoraConfigEntry, add: AddConfigEntryEntitiesCallback) -> None:
    """Sensors per Jellyfin server."""
    for subentry_id, coordinator in entry.runtime_data.jellyfin.items():
        add(
            [
                *(JellyfinSensor(coordinator, d) for d in SENSORS),
                StreamsSensor(coordinator.sessions),
            ],
            config_subentry_id=subentry_id,
        )


def setup_buttons(
    hass: HomeAssistant, entry: PandoraConfigEntry, add: AddConfigEntryEntitiesCallback
) -> None:
    """Scan all libraries, and one scan button per library following the server's list."""
    registry = er.async_get(hass)
    for subentry_id, coordinator in entry.runtime_data.jellyfin.items():
        add([ScanButton(coordinator, None)], config_subentry_id=subentry_id)
        shown: set[str] = set()

        @callback
        def sync(
            coordinator: JellyfinCoordinator = coordinator,
            subentry_id: str = subentry_id,
            shown: set[str] = shown,
        ) -> None:
            current = set(coordinator.state.libraries)
            if new := current - shown:
                add(
                    [ScanButton(coordinator, item_id) for item_id in sorted(new)],
                    config_subentry_id=subentry_id,
                )
            for item_id in shown - current:
                unique_id = f"{subentry_id}_scan_{item_id}"
                if entity_id := registry.async_get_entity_id("button", "pandora", unique_id):
                    registry.async_remove(entity_id)
            shown.clear()
            shown.update(current)

        sync()
        entry.async_on_unload(
            async_dispatcher_connect(hass, f"{SIGNAL_LIBRARIES}_{subentry_id}", sync)
        )
        _remove_orphans(registry, entry, subentry_id, coordinator)


def _remove_orphans(
    registry: er.EntityRegistry,
    entry: PandoraConfigEntry,
    subentry_id: str,
    coordinator: JellyfinCoordinator,
) -> None:
    """Library buttons left from libraries deleted while Home Assistant was off."""
    if not coordinator.last_update_success:
        return  # unknown: keep them until the server answers
    prefix = f"{subentry_id}_scan_"
    for item in er.async_entries_for_config_entry(registry, entry.entry_id):
        library = item.unique_id.removeprefix(prefix)
        if (
            item.domain == "button"  # sensors such as scan_status share the prefix
            and item.unique_id.startswith(prefix)
            and library != "all"
            and library not in coordinator.state.libraries
        ):
            registry.async_remove(item.entity_id)


class JellyfinSensor(PandoraEntity[JellyfinCoordinator], SensorEntity):
    """One figure of the Jellyfin server."""

    entity_description: JellyfinSensorDescription

    def __init__(
        self, coordinator: JellyfinCoordinator, description: JellyfinSensorDescription
    ) -> None:
        super().__init__(coordinator, description.key)
        self.entity_description = description

    @property
    def native_value(self) -> StateType | datetime:
        """Read from the coordinator's state."""
        return self.entity_description.value_fn(self.coordinator)


class SessionsEntity(PandoraEntity[SessionsCoordinator]):
    """Available only while the sessions can be read (the server's other entities may be fine)."""

    @property
    def available(self) -> bool:
        """Whether the last poll read the sessions."""
        return self.coordinator.readable


class StreamsSensor(SessionsEntity, SensorEntity):
    """How many streams play now; `streams`: who, what, on which device, how (at most 10).

    No position or address in the attributes: the state changes only when a stream starts,
    stops, pauses, resumes or changes its play method.
    """

    _attr_state_class = SensorStateClass.MEASUREMENT
    _attr_suggested_display_precision = 0

    def __init__(self, coordinator: SessionsCoordinator) -> None:
        super().__init__(coordinator, "active_streams")

    @property
    def native_value(self) -> int:
        """Every stream, paused ones too."""
        return len(self.coordinator.streams)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any]:
        """The first streams (playing before paused, then by user and device)."""
        streams = sorted(
            self.coordinator.streams, key=lambda s: (s.paused, s.user_name.casefold(), s.device)
        )
        return {"streams": [stream_info(s) for s in streams[:MAX_LISTED]]}


class WatchingSensor(SessionsEntity, BinarySensorEntity):
    """On while the server streams anything to anyone (a paused stream counts)."""

    def __init__(self, coordinator: SessionsCoordinator) -> None:
        super().__init__(coordinator, "watching")

    @property
    def is_on(self) -> bool:
        """Any stream."""
        return bool(self.coordinator.streams)


class ScanButton(PandoraEntity[JellyfinCoordinator], ButtonEntity):
    """Scan every library (item_id None) or one."""

    def __init__(self, coordinator: JellyfinCoordinator, item_id: str | None) -> None:
        super().__init__(coordinator, "scan_all" if item_id is None else f"scan_{item_id}")
        self._item_id = item_id
        if item_id is not None:
            self._attr_translation_key = "scan_library"
            library = coordinator.state.libraries.get(item_id)
            self._attr_translation_placeholders = {"library": library.name if library else item_id}

    @property
    def available(self) -> bool:
        """A library button goes with its library."""
        return super().available and (
            self._item_id is None or self._item_id in self.coordinator.state.libraries
        )

    async def async_press(self) -> None:
        """Start the scan."""
        await self.async_authorize("scan_library")
        await call_service(self.coordinator.async_scan, self._item_id)


def add_entities(
    platform: Platform,
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    add: AddConfigEntryEntitiesCallback,
) -> None:
    """Each Jellyfin's sensors and scan buttons."""
    if platform is Platform.SENSOR:
        setup_sensors(entry, add)
    elif platform is Platform.BINARY_SENSOR:
        for subentry_id, coordinator in entry.runtime_data.jellyfin.items():
            add([WatchingSensor(coordinator.sessions)], config_subentry_id=subentry_id)
    elif platform is Platform.BUTTON:
        setup_buttons(hass, entry, add)
