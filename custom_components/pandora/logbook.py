"""Logbook descriptions for torrent lifecycle events."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.components.logbook.const import LOGBOOK_ENTRY_MESSAGE, LOGBOOK_ENTRY_NAME
from homeassistant.core import Event, HomeAssistant, callback

from .const import DOMAIN, EVENT_TORRENT_PREFIX, TORRENT_EVENT_TYPES

MESSAGES = {
    "added": "added {name}",
    "completed": "finished downloading {name}",
    "removed": "removed {name}",
    "errored": "reported an error on {name}",
}


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Event], dict[str, Any]]], None],
) -> None:
    """Describe `pandora_torrent_*` events in the logbook."""

    def describe(event_type: str) -> Callable[[Event], dict[str, Any]]:
        @callback
        def _describe(event: Event) -> dict[str, Any]:
            data = event.data
            return {
                LOGBOOK_ENTRY_NAME: data.get("instance", "qBittorrent"),
                LOGBOOK_ENTRY_MESSAGE: MESSAGES[event_type].format(name=data.get("name", "?")),
            }

        return _describe

    for event_type in TORRENT_EVENT_TYPES:
        async_describe_event(DOMAIN, EVENT_TORRENT_PREFIX + event_type, describe(event_type))
