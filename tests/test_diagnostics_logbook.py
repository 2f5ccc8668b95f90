"""Diagnostics (no secret leaks) and logbook descriptions."""

from __future__ import annotations

from collections.abc import Callable
import json
from typing import Any

from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.pandora.const import DOMAIN, EVENT_TORRENT_PREFIX
from custom_components.pandora.logbook import async_describe_events
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from homeassistant.core import Event, HomeAssistant


async def test_diagnostics_redact_secrets(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hub: MockConfigEntry,
    qb_daemon: QBittorrentDaemon,
) -> None:
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, hub)
    text = json.dumps(diagnostics)
    for secret in (
        qb_daemon.password,
        qb_daemon.username,
        qb_daemon.url,
        f":{qb_daemon.webui_port}",
    ):
        assert secret not in text
    (service,) = diagnostics["services"]
    assert service["type"] == "qbittorrent"
    assert service["data"]["password"] == "**REDACTED**"
    assert service["state"]["last_update_success"] is True
    assert service["state"]["api_version"].startswith("2.")
    assert service["state"]["torrents"] == 0
    assert diagnostics["entry"]["options"] == {}


async def test_logbook_describes_torrent_events(hass: HomeAssistant) -> None:
    describers: dict[str, Callable[[Event], dict[str, Any]]] = {}

    def register(domain: str, event_type: str, describe: Callable[[Event], dict[str, Any]]) -> None:
        assert domain == DOMAIN
        describers[event_type] = describe

    async_describe_events(hass, register)
    described = [
        describers[EVENT_TORRENT_PREFIX + kind](
            Event(EVENT_TORRENT_PREFIX + kind, {"name": name, "instance": "qBittorrent x"})
        )
        for kind, name in (("added", "A"), ("completed", "B"), ("removed", "C"), ("errored", "D"))
    ]
    assert [d["message"] for d in described] == [
        "added A",
        "finished downloading B",
        "removed C",
        "reported an error on D",
    ]
    assert {d["name"] for d in described} == {"qBittorrent x"}


async def test_logbook_describes_scan_and_file_events(hass: HomeAssistant) -> None:
    describers: dict[str, Callable[[Event], dict[str, Any]]] = {}

    def register(domain: str, event_type: str, describe: Callable[[Event], dict[str, Any]]) -> None:
        describers[event_type] = describe

    async_describe_events(hass, register)
    started = describers["pandora_library_scan_started"](
        Event("pandora_library_scan_started", {"server": "Jellyfin"})
    )
    finished = describers["pandora_library_scan_finished"](
        Event("pandora_library_scan_finished", {"server": "Jellyfin", "result": "failed"})
    )
    moved = describers["pandora_files_moved"](
        Event("pandora_files_moved", {"moved": ["a.mkv", "b.mkv"], "destination": "/Movies"})
    )
    assert (started["name"], started["message"]) == ("Jellyfin", "started a library scan")
    assert finished["message"] == "finished a library scan (failed)"
    assert moved["message"] == "moved a.mkv, b.mkv to /Movies"
    data = {"instance": "qBittorrent nas", "free_bytes": 3_210_000_000, "minimum_bytes": 10**10}
    low = describers["pandora_disk_space_low"](Event("pandora_disk_space_low", data))
    back = describers["pandora_disk_space_restored"](Event("pandora_disk_space_restored", data))
    assert (low["name"], low["message"]) == (
        "qBittorrent nas",
        "is short of disk space (3.2 GB free, keeping 10.0 GB): no download starts",
    )
    assert back["message"] == "has enough disk space again (3.2 GB free): downloads start again"


async def test_logbook_describes_request_events(hass: HomeAssistant) -> None:
    describers: dict[str, Callable[[Event], dict[str, Any]]] = {}

    def register(domain: str, event_type: str, describe: Callable[[Event], dict[str, Any]]) -> None:
        describers[event_type] = describe

    async_describe_events(hass, register)
    created = describers["pandora_request_created"](
        Event("pandora_request_created", {"title": "Night", "season": None})
    )
    failed = describers["pandora_request_failed"](
        Event("pandora_request_failed", {"title": "Show", "season": 2, "reason": "stalled"})
    )
    available = describers["pandora_request_available"](
        Event("pandora_request_available", {"title": "Night", "reason": "ignored"})
    )
    assert (created["name"], created["message"]) == ("Pandora requests", "Night was requested")
    assert failed["message"] == "Show, season 2 could not be downloaded: stalled"
    assert available["message"] == "Night is available"
    withdrawn = describers["pandora_request_withdrawn"](
        Event("pandora_request_withdrawn", {"title": "Night", "by": "u1"})
    )
    assert withdrawn["message"] == "Night was withdrawn"
