"""Logbook descriptions: torrent lifecycle, VPN and disk guards, library scans, files, requests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.components.logbook.const import LOGBOOK_ENTRY_MESSAGE, LOGBOOK_ENTRY_NAME
from homeassistant.core import Event, HomeAssistant, callback

from .const import (
    DOMAIN,
    EVENT_DISK_SPACE_LOW,
    EVENT_DISK_SPACE_RESTORED,
    EVENT_FILES_MOVED,
    EVENT_SCAN_FINISHED,
    EVENT_SCAN_STARTED,
    EVENT_TORRENT_PREFIX,
    EVENT_VPN_GUARD,
    TORRENT_EVENT_TYPES,
)
from .requests import EVENT_REQUEST_PREFIX, REQUEST_EVENT_TYPES

REQUEST_MESSAGES = {
    "created": "{title} was requested",
    "approved": "{title} was approved",
    "denied": "{title} was denied",
    "withdrawn": "{title} was withdrawn",
    "available": "{title} is available",
    "failed": "{title} could not be downloaded",
}
VPN_GUARD_CAUSES = {"vpn_down": "the VPN is down", "vpn_leak": "the public IP leaks"}
MESSAGES = {
    "added": "added {name}",
    "completed": "finished downloading {name}",
    "removed": "removed {name}",
    "errored": "reported an error on {name}",
    "goal_reached": "{name} met its seeding goal",
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

    @callback
    def scan_started(event: Event) -> dict[str, Any]:
        return {
            LOGBOOK_ENTRY_NAME: event.data.get("server", "Jellyfin"),
            LOGBOOK_ENTRY_MESSAGE: "started a library scan",
        }

    @callback
    def scan_finished(event: Event) -> dict[str, Any]:
        result = event.data.get("result")
        return {
            LOGBOOK_ENTRY_NAME: event.data.get("server", "Jellyfin"),
            LOGBOOK_ENTRY_MESSAGE: "finished a library scan" + (f" ({result})" if result else ""),
        }

    @callback
    def files_moved(event: Event) -> dict[str, Any]:
        data = event.data
        what = data.get("name") or ", ".join(data.get("moved") or []) or "files"
        return {
            LOGBOOK_ENTRY_NAME: "Pandora",
            LOGBOOK_ENTRY_MESSAGE: f"moved {what} to {data.get('destination', '?')}",
        }

    async_describe_event(DOMAIN, EVENT_SCAN_STARTED, scan_started)
    async_describe_event(DOMAIN, EVENT_SCAN_FINISHED, scan_finished)
    async_describe_event(DOMAIN, EVENT_FILES_MOVED, files_moved)

    @callback
    def vpn_guard(event: Event) -> dict[str, Any]:
        data = event.data
        cause = VPN_GUARD_CAUSES.get(data.get("cause") or "", "the VPN is unhealthy")
        gluetun = data.get("gluetun", "gluetun")
        torrents = data.get("torrents", 0)
        message = {
            "held": f"paused {torrents} torrent(s): {cause} behind {gluetun}",
            "changed": f"keeps its torrents held: {cause} behind {gluetun}",
        }.get(
            data.get("action", ""),
            f"resumed {torrents} torrent(s): the VPN behind {gluetun} is healthy again",
        )
        return {
            LOGBOOK_ENTRY_NAME: data.get("instance", "qBittorrent"),
            LOGBOOK_ENTRY_MESSAGE: message,
        }

    async_describe_event(DOMAIN, EVENT_VPN_GUARD, vpn_guard)

    def disk(low: bool) -> Callable[[Event], dict[str, Any]]:
        @callback
        def _describe(event: Event) -> dict[str, Any]:
            data = event.data
            free = f"{(data.get('free_bytes') or 0) / 1e9:.1f} GB free"
            kept = f"{(data.get('minimum_bytes') or 0) / 1e9:.1f} GB"
            message = (
                f"is short of disk space ({free}, keeping {kept}): no download starts"
                if low
                else f"has enough disk space again ({free}): downloads start again"
            )
            return {
                LOGBOOK_ENTRY_NAME: data.get("instance", "qBittorrent"),
                LOGBOOK_ENTRY_MESSAGE: message,
            }

        return _describe

    async_describe_event(DOMAIN, EVENT_DISK_SPACE_LOW, disk(True))
    async_describe_event(DOMAIN, EVENT_DISK_SPACE_RESTORED, disk(False))

    def request(kind: str) -> Callable[[Event], dict[str, Any]]:
        @callback
        def _describe(event: Event) -> dict[str, Any]:
            data = event.data
            title = str(data.get("title") or "A title")
            if data.get("season") is not None:
                title += f", season {data['season']}"
            message = REQUEST_MESSAGES[kind].format(title=title)
            if data.get("reason") and kind in ("denied", "failed"):
                message += f": {data['reason']}"
            return {LOGBOOK_ENTRY_NAME: "Pandora requests", LOGBOOK_ENTRY_MESSAGE: message}

        return _describe

    for kind in REQUEST_EVENT_TYPES:
        async_describe_event(DOMAIN, EVENT_REQUEST_PREFIX + kind, request(kind))
