"""The "Pandora requests" device: request counts (sensors) and request events (event entity)."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, Final

from homeassistant.components.event import EventEntity
from homeassistant.components.sensor import SensorEntity, SensorStateClass
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.event import async_track_time_interval

from ..const import DOMAIN, NAME, PANEL_URL_PATH
from ..hub.announce import async_listen_internal
from .queue import EVENT_REQUEST_PREFIX, REQUEST_EVENT_TYPES, SIGNAL_REQUEST_CHANGED

if TYPE_CHECKING:
    from ..runtime import PandoraConfigEntry

# `RequestQueue.counts()` key of each sensor.
COUNTS: Final = ("pending", "in_progress", "available", "failed")
# The "available" count covers 30 days: recount now and then even when nothing changes.
RECOUNT_INTERVAL: Final = timedelta(hours=1)


def requests_device_id(entry_id: str) -> str:
    """The identifier of the hub's requests device (not a service's: kept while the hub is)."""
    return f"{entry_id}_requests"


def device_info(entry: PandoraConfigEntry) -> DeviceInfo:
    """The hub-level device every request entity belongs to."""
    return DeviceInfo(
        identifiers={(DOMAIN, requests_device_id(entry.entry_id))},
        name=f"{NAME} requests",
        manufacturer=NAME,
        model="Requests",
        entry_type=dr.DeviceEntryType.SERVICE,
        # The device page's "Visit" opens the panel's Requests tab (the gear opens the options).
        configuration_url=f"homeassistant://{PANEL_URL_PATH}/requests",
    )


class RequestEntity(Entity):
    """An entity of the requests device."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(self, entry: PandoraConfigEntry, key: str) -> None:
        self._entry = entry
        self._attr_unique_id = f"{entry.entry_id}_{key}"
        self._attr_translation_key = key
        self._attr_device_info = device_info(entry)


class RequestCountSensor(RequestEntity, SensorEntity):
    """How many requests are pending, in progress, available (30 days) or failed."""

    _attr_state_class = SensorStateClass.MEASUREMENT
    _attr_suggested_display_precision = 0

    def __init__(self, entry: PandoraConfigEntry, count: str) -> None:
        super().__init__(entry, f"requests_{count}")
        self._count = count

    @property
    def native_value(self) -> int:
        """From the queue now."""
        return self._entry.runtime_data.requests.counts()[self._count]

    async def async_added_to_hass(self) -> None:
        """Recount after every request change, and every hour."""
        await super().async_added_to_hass()
        self.async_on_remove(
            async_dispatcher_connect(self.hass, SIGNAL_REQUEST_CHANGED, self._changed)
        )
        self.async_on_remove(async_track_time_interval(self.hass, self._changed, RECOUNT_INTERVAL))

    @callback
    def _changed(self, *_: Any) -> None:
        self.async_write_ha_state()


class RequestEventEntity(RequestEntity, EventEntity):
    """Fires with every `pandora_request_<kind>` bus event (created, approved, ...)."""

    def __init__(self, entry: PandoraConfigEntry) -> None:
        super().__init__(entry, "request")
        self._attr_event_types = list(REQUEST_EVENT_TYPES)

    async def async_added_to_hass(self) -> None:
        """Listen to the queue's events (Pandora's own signal: bus events can be forged)."""
        await super().async_added_to_hass()
        for kind in REQUEST_EVENT_TYPES:
            self.async_on_remove(
                async_listen_internal(
                    self.hass, EVENT_REQUEST_PREFIX + kind, partial(self._fired, kind)
                )
            )

    @callback
    def _fired(self, kind: str, data: dict[str, Any]) -> None:
        self._trigger_event(kind, data)
        self.async_write_ha_state()


def setup_sensors(entry: PandoraConfigEntry, add: AddConfigEntryEntitiesCallback) -> None:
    """The four count sensors."""
    add([RequestCountSensor(entry, count) for count in COUNTS])


def setup_events(entry: PandoraConfigEntry, add: AddConfigEntryEntitiesCallback) -> None:
    """The request event entity."""
    add([RequestEventEntity(entry)])


def add_entities(
    platform: Platform,
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    add: AddConfigEntryEntitiesCallback,
) -> None:
    """The requests device's count sensors and event entity."""
    if platform is Platform.SENSOR:
        setup_sensors(entry, add)
    elif platform is Platform.EVENT:
        setup_events(entry, add)
