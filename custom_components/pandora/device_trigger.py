"""Device triggers: torrents, library scans, containers and requests in the automation editor.

Each trigger listens to one of Pandora's bus events, narrowed to the chosen device:
- a qBittorrent device (identifier: its subentry id): `pandora_torrent_<kind>` whose
  `subentry_id` is that subentry;
- a Jellyfin device (its subentry id): `pandora_library_scan_finished` of that server;
- a container device (`<portainer subentry id>_container_<environment id>_<name>`):
  `pandora_container_changed` of that container, when its health becomes unhealthy or it stops
  running (the same test as the container's "running" binary sensor);
- the hub's requests device (`<entry id>_requests`): `pandora_request_<kind>`. The hub is a
  single config entry, so every request event is its own.

Automations get the bus event as `trigger.event` (its data as `trigger.event.data`). Only events
Pandora fired itself run them: any logged-in user can fire a look-alike event through a
companion-app webhook, and such an event carries that user (announce.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from inspect import isawaitable
from typing import Any, Final

import probatio

from homeassistant.components.device_automation import DEVICE_TRIGGER_BASE_SCHEMA
from homeassistant.components.device_automation.exceptions import (
    InvalidDeviceAutomationConfig,
)
from homeassistant.components.homeassistant.triggers import event as event_trigger
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import (
    CONF_DEVICE_ID,
    CONF_DOMAIN,
    CONF_EVENT_DATA,
    CONF_PLATFORM,
    CONF_TYPE,
)
from homeassistant.core import CALLBACK_TYPE, Context, HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.trigger import TriggerActionType, TriggerInfo
from homeassistant.helpers.typing import ConfigType

from .const import (
    DOMAIN,
    EVENT_CONTAINER_CHANGED,
    EVENT_SCAN_FINISHED,
    EVENT_TORRENT_PREFIX,
    SUBENTRY_JELLYFIN,
    SUBENTRY_PORTAINER,
    SUBENTRY_QBITTORRENT,
    TORRENT_EVENT_TYPES,
)
from .hub.announce import fired_by_pandora
from .requests import EVENT_REQUEST_PREFIX, requests_device_id

# The request kinds offered as triggers (approved and denied stay on the event entity).
REQUEST_TRIGGER_KINDS: Final = ("created", "available", "failed")
CONTAINER_MARKER: Final = "_container_"

# Trigger type -> the bus event it listens to.
TORRENT_TRIGGERS: Final = {f"torrent_{t}": EVENT_TORRENT_PREFIX + t for t in TORRENT_EVENT_TYPES}
JELLYFIN_TRIGGERS: Final = {"library_scan_finished": EVENT_SCAN_FINISHED}
CONTAINER_TRIGGERS: Final = {
    "container_unhealthy": EVENT_CONTAINER_CHANGED,
    "container_stopped": EVENT_CONTAINER_CHANGED,
}
REQUEST_TRIGGERS: Final = {f"request_{k}": EVENT_REQUEST_PREFIX + k for k in REQUEST_TRIGGER_KINDS}
# The service devices (identifier: the subentry id) that have triggers, by subentry type.
SERVICE_TRIGGERS: Final = {
    SUBENTRY_QBITTORRENT: TORRENT_TRIGGERS,
    SUBENTRY_JELLYFIN: JELLYFIN_TRIGGERS,
}
EVENTS: Final[dict[str, str]] = (
    TORRENT_TRIGGERS | JELLYFIN_TRIGGERS | CONTAINER_TRIGGERS | REQUEST_TRIGGERS
)


def _became_unhealthy(data: Mapping[str, Any]) -> bool:
    return data.get("health") == "unhealthy" and data.get("previous_health") != "unhealthy"


def _stopped(data: Mapping[str, Any]) -> bool:
    return data.get("previous_state") == "running" and data.get("state") != "running"


# The container triggers fire on one transition of `pandora_container_changed`, which an exact
# event-data match cannot express: this test runs on the matching events.
TRANSITIONS: Final[dict[str, Callable[[Mapping[str, Any]], bool]]] = {
    "container_unhealthy": _became_unhealthy,
    "container_stopped": _stopped,
}

TRIGGER_SCHEMA = DEVICE_TRIGGER_BASE_SCHEMA.extend(
    {probatio.Required(CONF_TYPE): probatio.In(list(EVENTS))}
)


@dataclass(frozen=True, slots=True)
class DeviceEvents:
    """What a Pandora device offers: its trigger types, and the event data that is its own."""

    types: tuple[str, ...]
    match: dict[str, Any] = field(default_factory=dict)


def device_events(hass: HomeAssistant, device_id: str) -> DeviceEvents | None:
    """The triggers of a Pandora device; None for a device without any (or not Pandora's)."""
    device = dr.async_get(hass).async_get(device_id)
    if device is None:
        return None
    entry = hass.config_entries.async_get_entry(device.config_entry_id)
    if entry is None or entry.domain != DOMAIN:
        return None
    for domain, ident in device.identifiers:
        if domain == DOMAIN and (events := _identifier_events(entry, ident)) is not None:
            return events
    return None


def _identifier_events(entry: ConfigEntry, ident: str) -> DeviceEvents | None:
    """The triggers of the Pandora device identified by `ident` in the hub `entry`."""
    if ident == requests_device_id(entry.entry_id):
        return DeviceEvents(tuple(REQUEST_TRIGGERS))
    if (subentry := entry.subentries.get(ident)) is not None:
        triggers = SERVICE_TRIGGERS.get(subentry.subentry_type)
        return DeviceEvents(tuple(triggers), {"subentry_id": ident}) if triggers else None
    return _container_events(entry, ident)


def _container_events(entry: ConfigEntry, ident: str) -> DeviceEvents | None:
    """A container: "<Portainer subentry id>_container_<environment id>_<name>"."""
    subentry_id, marker, key = ident.partition(CONTAINER_MARKER)
    subentry = entry.subentries.get(subentry_id)
    if not marker or subentry is None or subentry.subentry_type != SUBENTRY_PORTAINER:
        return None
    # coordinator.portainer.container_key: "<environment id>_<name>".
    endpoint, _, name = key.partition("_")
    if not endpoint.isdigit() or not name:
        return None
    return DeviceEvents(
        tuple(CONTAINER_TRIGGERS),
        {"subentry_id": subentry_id, "endpoint_id": int(endpoint), "container": name},
    )


async def async_get_triggers(hass: HomeAssistant, device_id: str) -> list[dict[str, Any]]:
    """The triggers a Pandora device offers."""
    if (events := device_events(hass, device_id)) is None:
        return []
    return [
        {
            CONF_PLATFORM: "device",
            CONF_DEVICE_ID: device_id,
            CONF_DOMAIN: DOMAIN,
            CONF_TYPE: trigger_type,
        }
        for trigger_type in events.types
    ]


def _unknown_trigger(device_id: str, trigger_type: str) -> InvalidDeviceAutomationConfig:
    return InvalidDeviceAutomationConfig(
        translation_domain=DOMAIN,
        translation_key="unknown_trigger",
        translation_placeholders={"device_id": device_id, "trigger_type": trigger_type},
    )


async def async_validate_trigger_config(hass: HomeAssistant, config: ConfigType) -> ConfigType:
    """Check the trigger type is one its device offers."""
    config = TRIGGER_SCHEMA(config)
    events = device_events(hass, config[CONF_DEVICE_ID])
    if events is None or config[CONF_TYPE] not in events.types:
        raise _unknown_trigger(config[CONF_DEVICE_ID], config[CONF_TYPE])
    return config


def _only_when(
    test: Callable[[Mapping[str, Any]], bool] | None, action: TriggerActionType
) -> TriggerActionType:
    """Run the action only for Pandora's own events that pass `test`."""

    async def filtered(run_variables: dict[str, Any], context: Context | None = None) -> Any:
        event = run_variables["trigger"]["event"]
        if not fired_by_pandora(event) or (test is not None and not test(event.data)):
            return None
        result = action(run_variables, context)
        return await result if isawaitable(result) else result

    return filtered


async def async_attach_trigger(
    hass: HomeAssistant,
    config: ConfigType,
    action: TriggerActionType,
    trigger_info: TriggerInfo,
) -> CALLBACK_TYPE:
    """Listen to the trigger's bus event, narrowed to its device."""
    trigger_type: str = config[CONF_TYPE]
    events = device_events(hass, config[CONF_DEVICE_ID])
    if events is None or trigger_type not in events.types:
        raise _unknown_trigger(config[CONF_DEVICE_ID], trigger_type)
    event_config = event_trigger.TRIGGER_SCHEMA(
        {
            CONF_PLATFORM: "event",
            event_trigger.CONF_EVENT_TYPE: EVENTS[trigger_type],
            CONF_EVENT_DATA: events.match,
        }
    )
    action = _only_when(TRANSITIONS.get(trigger_type), action)
    return await event_trigger.async_attach_trigger(
        hass, event_config, action, trigger_info, platform_type="device"
    )
