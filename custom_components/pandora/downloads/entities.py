"""qBittorrent's entities: speeds and counts, pause and resume all, alternative limits, events."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from homeassistant.components.binary_sensor import BinarySensorEntity
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.components.event import EventEntity, EventExtraStoredData
from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.components.switch import SwitchEntity
from homeassistant.const import (
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
    EntityCategory,
    Platform,
    UnitOfDataRate,
    UnitOfInformation,
)
from homeassistant.core import HomeAssistant, State, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from ..api.qbittorrent import ALL, QBittorrentClient
from ..api.qbittorrent_models import MainDataState, TorrentStatus
from ..const import SIGNAL_TORRENT_EVENT, TORRENT_EVENT_TYPES
from ..hub.entity import PandoraEntity
from ..hub.errors import call_service
from .coordinator import QBittorrentCoordinator

if TYPE_CHECKING:
    from ..runtime import PandoraConfigEntry


def add_entities(
    platform: Platform,
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    add: AddConfigEntryEntitiesCallback,
) -> None:
    """Each qBittorrent's entities of `platform`."""
    for subentry_id, coordinator in entry.runtime_data.qbittorrent.items():
        entities: list[PandoraEntity[QBittorrentCoordinator]] = []
        if platform is Platform.SENSOR:
            entities = [QBittorrentSensor(coordinator, d) for d in SENSORS]
            entities.append(GoalReachedSensor(coordinator))
        elif platform is Platform.BUTTON:
            entities = [QBittorrentButton(coordinator, d) for d in BUTTONS]
        elif platform is Platform.SWITCH:
            entities = [AltSpeedSwitch(coordinator)]
        elif platform is Platform.EVENT:
            entities = [TorrentEventEntity(coordinator)]
        elif platform is Platform.BINARY_SENSOR:
            entities = [DiskSpaceLowSensor(coordinator)]
        if entities:
            add(entities, config_subentry_id=subentry_id)


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


class GoalReachedSensor(PandoraEntity[QBittorrentCoordinator], SensorEntity):
    """How many torrents in this qBittorrent met their seeding goal (downloads/goals.py).

    Paused by their goal, or resumed by hand since; a torrent removed leaves the count.
    """

    _attr_state_class = SensorStateClass.MEASUREMENT
    _attr_suggested_display_precision = 0

    def __init__(self, coordinator: QBittorrentCoordinator) -> None:
        super().__init__(coordinator, "torrents_goal_reached")

    @property
    def native_value(self) -> int:
        """Counted from history, where the goal guard records each met goal."""
        return len(self.coordinator.history.goals_met(self.coordinator.subentry.subentry_id))


@dataclass(frozen=True, kw_only=True)
class QBittorrentButtonDescription(ButtonEntityDescription):
    """What a button asks the client to do."""

    press_fn: Callable[[QBittorrentClient], Awaitable[None]]
    operation: str  # in the permission table


BUTTONS: tuple[QBittorrentButtonDescription, ...] = (
    QBittorrentButtonDescription(
        key="pause_all",
        translation_key="pause_all",
        press_fn=lambda c: c.pause(ALL),
        operation="pause_torrents",
    ),
    QBittorrentButtonDescription(
        key="resume_all",
        translation_key="resume_all",
        press_fn=lambda c: c.resume(ALL),
        operation="resume_torrents",
    ),
)


class QBittorrentButton(PandoraEntity[QBittorrentCoordinator], ButtonEntity):
    """A one-shot command to qBittorrent."""

    entity_description: QBittorrentButtonDescription

    def __init__(
        self, coordinator: QBittorrentCoordinator, description: QBittorrentButtonDescription
    ) -> None:
        super().__init__(coordinator, description.key)
        self.entity_description = description

    async def async_press(self) -> None:
        """Send the command, then refresh so states follow at once."""
        await self.async_authorize(self.entity_description.operation)
        await call_service(self.entity_description.press_fn, self.coordinator.client)
        await self.coordinator.async_request_refresh()


class DiskSpaceLowSensor(PandoraEntity[QBittorrentCoordinator], BinarySensorEntity):
    """On while the disk guard keeps downloads from starting here (downloads/disk.py).

    Off when the hub's minimum is 0 (the guard is off), and after "resume anyway".
    """

    _attr_device_class = BinarySensorDeviceClass.PROBLEM

    def __init__(self, coordinator: QBittorrentCoordinator) -> None:
        super().__init__(coordinator, "disk_space_low")

    @property
    def is_on(self) -> bool:
        """Whether the guard blocks new downloads."""
        return self.coordinator.disk_guard.blocking


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


@dataclass
class TorrentEventStoredData(EventExtraStoredData):
    """What Home Assistant keeps of an event entity, and the last event's time.

    EventEntity restores the time from the last state, which is `unavailable` when the entity
    is removed while qBittorrent cannot be read (the hub reloads after a re-authentication
    while it refused Pandora's password; Home Assistant stops while it is down).
    """

    last_event_time: str | None


class TorrentEventEntity(PandoraEntity[QBittorrentCoordinator], EventEntity):
    """Fires on every torrent lifecycle change the coordinator detects."""

    def __init__(self, coordinator: QBittorrentCoordinator) -> None:
        super().__init__(coordinator, "torrent")
        self._attr_event_types = list(TORRENT_EVENT_TYPES)

    async def async_added_to_hass(self) -> None:
        """Listen to this qBittorrent's lifecycle signal."""
        await super().async_added_to_hass()
        self.async_on_remove(
            async_dispatcher_connect(
                self.hass,
                f"{SIGNAL_TORRENT_EVENT}_{self.coordinator.subentry.subentry_id}",
                self._handle_torrent_event,
            )
        )

    @property
    def extra_restore_state_data(self) -> TorrentEventStoredData:
        """The last event, with its time (the state, even while unavailable)."""
        data = super().extra_restore_state_data
        return TorrentEventStoredData(data.last_event_type, data.last_event_attributes, self.state)

    async def async_get_last_state(self) -> State | None:
        """The state to restore the last event's time from (EventEntity reads it here)."""
        state = await super().async_get_last_state()
        if state is None or state.state not in (STATE_UNAVAILABLE, STATE_UNKNOWN):
            return state
        extra = await self.async_get_last_extra_data()
        when = extra.as_dict().get("last_event_time") if extra is not None else None
        return state if when is None else State(state.entity_id, when, state.attributes)

    @callback
    def _handle_torrent_event(self, event_type: str, data: dict[str, Any]) -> None:
        self._trigger_event(event_type, data)
        self.async_write_ha_state()
