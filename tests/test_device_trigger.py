"""Device triggers: what each Pandora device offers, and automations that fire for their device.

The services of the fired-event tests are down (closed ports): their devices exist all the
same, and the events carry what the coordinators put in them. The last test downloads a real
torrent between two real qBittorrent daemons.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_get_device_automations,
    async_mock_service,
)

from custom_components.pandora import device_trigger
from custom_components.pandora.const import (
    CONF_ENDPOINTS,
    CONF_VERIFY_SSL,
    DOMAIN,
    EVENT_CONTAINER_CHANGED,
    EVENT_SCAN_FINISHED,
    EVENT_TORRENT_PREFIX,
    SUBENTRY_JELLYFIN,
    SUBENTRY_PORTAINER,
    SUBENTRY_QBITTORRENT,
)
from custom_components.pandora.containers.portainer import PortainerCoordinator
from custom_components.pandora.requests.entities import requests_device_id
from custom_components.pandora.requests.queue import EVENT_REQUEST_PREFIX, MediaRequest, event_data
from devtools.support.qbittorrent_daemon import QBittorrentDaemon, free_port
from devtools.support.torrents import make_payload, make_torrent
from homeassistant.components.device_automation import DeviceAutomationType
from homeassistant.components.device_automation.exceptions import InvalidDeviceAutomationConfig
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from tests.conftest import allow_loopback, hub_entry, qb_subentry, setup_hub
from tests.helpers import poll_until

TORRENT_TYPES = {
    "torrent_added",
    "torrent_completed",
    "torrent_removed",
    "torrent_errored",
    "torrent_goal_reached",
}
CONTAINER_TYPES = {"container_unhealthy", "container_stopped"}
REQUEST_TYPES = {"request_created", "request_available", "request_failed"}


def _down(kind: str, title: str) -> ConfigSubentryData:
    """A service subentry whose server does not answer (a closed port on loopback)."""
    url = f"http://127.0.0.1:{free_port()}"
    data: dict[str, Any] = {CONF_URL: url, CONF_VERIFY_SSL: True}
    if kind == SUBENTRY_QBITTORRENT:
        data |= {CONF_USERNAME: "admin", CONF_PASSWORD: "secret"}
    else:
        data |= {CONF_API_KEY: "key"}
    if kind == SUBENTRY_PORTAINER:
        data[CONF_ENDPOINTS] = ""
    return ConfigSubentryData(data=data, subentry_type=kind, title=title, unique_id=url)


def _subentry_id(entry: MockConfigEntry, title: str) -> str:
    subentry_id: str = next(sid for sid, s in entry.subentries.items() if s.title == title)
    return subentry_id


def _device_id(hass: HomeAssistant, identifier: str) -> str:
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    device = dr.async_get(hass).async_get_device_by_identifier((DOMAIN, identifier), entry.entry_id)
    assert device is not None, identifier
    return device.id


class Hub:
    """A hub with two of each service that has triggers, and three containers."""

    def __init__(self, hass: HomeAssistant, entry: MockConfigEntry) -> None:
        self.entry = entry
        self.qb = {t: _subentry_id(entry, t) for t in ("qB one", "qB two")}
        self.jellyfin = {t: _subentry_id(entry, t) for t in ("Jellyfin one", "Jellyfin two")}
        self.portainer = _subentry_id(entry, "Portainer")
        # Registered as the container entities do: the coordinator's device info.
        coordinator: PortainerCoordinator = entry.runtime_data.portainer[self.portainer]
        registry = dr.async_get(hass)
        self.containers: dict[str, str] = {}
        for key in ("1_media_qbittorrent", "1_jellyfin", "2_jellyfin"):
            device = registry.async_get_or_create(
                config_entry_id=entry.entry_id,
                config_subentry_id=self.portainer,
                **coordinator.container_device(key),
            )
            self.containers[key] = device.id
        self.requests = _device_id(hass, requests_device_id(entry.entry_id))


@pytest.fixture
async def hub(hass: HomeAssistant) -> Hub:
    entry = await setup_hub(
        hass,
        hub_entry(
            _down(SUBENTRY_QBITTORRENT, "qB one"),
            _down(SUBENTRY_QBITTORRENT, "qB two"),
            _down(SUBENTRY_JELLYFIN, "Jellyfin one"),
            _down(SUBENTRY_JELLYFIN, "Jellyfin two"),
            _down(SUBENTRY_PORTAINER, "Portainer"),
        ),
    )
    return Hub(hass, entry)


@pytest.fixture
def calls(hass: HomeAssistant) -> list[ServiceCall]:
    recorded: list[ServiceCall] = async_mock_service(hass, "test", "automation")
    return recorded


async def _automations(hass: HomeAssistant, *uses: tuple[str, str, str]) -> None:
    """One automation per (name, device id, trigger type); each records its name and event."""
    config = [
        {
            "id": name,
            "alias": name,
            "triggers": [
                {"trigger": "device", "domain": DOMAIN, "device_id": device_id, "type": kind}
            ],
            "actions": [
                {
                    "action": "test.automation",
                    "data": {
                        "automation": name,
                        "event": "{{ trigger.event.event_type }}",
                        "data": "{{ trigger.event.data }}",
                    },
                }
            ],
        }
        for name, device_id, kind in uses
    ]
    assert await async_setup_component(hass, "automation", {"automation": config})
    await hass.async_block_till_done()
    for name, _, _ in uses:
        state = hass.states.get(f"automation.{name}")
        assert state is not None and state.state == "on", name


async def _fire(hass: HomeAssistant, event_type: str, data: dict[str, Any]) -> None:
    hass.bus.async_fire(event_type, data)
    await hass.async_block_till_done()


def _fired(calls: list[ServiceCall]) -> list[str]:
    return [call.data["automation"] for call in calls]


async def _types(hass: HomeAssistant, device_id: str) -> set[str]:
    triggers = await async_get_device_automations(hass, DeviceAutomationType.TRIGGER, device_id)
    ours = [t for t in triggers if t["domain"] == DOMAIN]
    assert all(t["device_id"] == device_id and t["platform"] == "device" for t in ours)
    return {t["type"] for t in ours}


async def test_triggers_per_device(hass: HomeAssistant, hub: Hub) -> None:
    for subentry_id in hub.qb.values():
        assert await _types(hass, _device_id(hass, subentry_id)) == TORRENT_TYPES
    for subentry_id in hub.jellyfin.values():
        assert await _types(hass, _device_id(hass, subentry_id)) == {"library_scan_finished"}
    for device_id in hub.containers.values():
        assert await _types(hass, device_id) == CONTAINER_TYPES
    assert await _types(hass, hub.requests) == REQUEST_TYPES
    # The Portainer server itself has none.
    assert await _types(hass, _device_id(hass, hub.portainer)) == set()


async def test_trigger_type_must_fit_the_device(hass: HomeAssistant, hub: Hub) -> None:
    jellyfin = _device_id(hass, hub.jellyfin["Jellyfin one"])
    config = {"platform": "device", "domain": DOMAIN, "device_id": jellyfin}
    valid = await device_trigger.async_validate_trigger_config(
        hass, config | {"type": "library_scan_finished"}
    )
    assert valid["type"] == "library_scan_finished"
    with pytest.raises(InvalidDeviceAutomationConfig) as err:
        await device_trigger.async_validate_trigger_config(
            hass, config | {"type": "torrent_completed"}
        )
    assert err.value.translation_key == "unknown_trigger"
    assert str(err.value) == f"Device {jellyfin} has no “torrent_completed” trigger"


def _torrent(subentry_id: str, instance: str, name: str) -> dict[str, Any]:
    """What QBittorrentCoordinator._emit puts in a torrent event."""
    return {
        "hash": "8c4adbf9ebe66f1d804fb6a4fb9b74966c3ab609",
        "name": name,
        "size": 1_468_006_400,
        "save_path": "/downloads/Downloads",
        "content_path": f"/downloads/Downloads/{name}",
        "category": "",
        "instance": instance,
        "subentry_id": subentry_id,
    }


async def test_torrent_triggers_fire_for_their_instance(
    hass: HomeAssistant, hub: Hub, calls: list[ServiceCall]
) -> None:
    one, two = hub.qb["qB one"], hub.qb["qB two"]
    await _automations(
        hass,
        ("one_completed", _device_id(hass, one), "torrent_completed"),
        ("two_completed", _device_id(hass, two), "torrent_completed"),
        ("one_errored", _device_id(hass, one), "torrent_errored"),
    )
    await _fire(hass, EVENT_TORRENT_PREFIX + "completed", _torrent(two, "qB two", "Film.mkv"))
    assert _fired(calls) == ["two_completed"]
    assert calls[0].data["event"] == "pandora_torrent_completed"
    assert calls[0].data["data"]["name"] == "Film.mkv"

    calls.clear()
    await _fire(hass, EVENT_TORRENT_PREFIX + "completed", _torrent(one, "qB one", "Show.mkv"))
    await _fire(hass, EVENT_TORRENT_PREFIX + "added", _torrent(one, "qB one", "Other.mkv"))
    assert _fired(calls) == ["one_completed"]

    calls.clear()
    await _fire(hass, EVENT_TORRENT_PREFIX + "errored", _torrent(two, "qB two", "Bad.mkv"))
    assert calls == []
    await _fire(hass, EVENT_TORRENT_PREFIX + "errored", _torrent(one, "qB one", "Bad.mkv"))
    assert _fired(calls) == ["one_errored"]


async def test_scan_finished_fires_for_its_server(
    hass: HomeAssistant, hub: Hub, calls: list[ServiceCall]
) -> None:
    one, two = hub.jellyfin["Jellyfin one"], hub.jellyfin["Jellyfin two"]
    await _automations(hass, ("scanned", _device_id(hass, one), "library_scan_finished"))

    def finished(subentry_id: str, server: str) -> dict[str, Any]:
        """What JellyfinCoordinator._publish puts in the event."""
        return {
            "server": server,
            "subentry_id": subentry_id,
            "result": "completed",
            "error": None,
            "movies": 12,
            "series": 3,
            "episodes": 40,
        }

    await _fire(hass, EVENT_SCAN_FINISHED, finished(two, "Jellyfin two"))
    assert calls == []
    await _fire(hass, EVENT_SCAN_FINISHED, finished(one, "Jellyfin one"))
    assert _fired(calls) == ["scanned"]
    assert calls[0].data["data"]["movies"] == 12


def _changed(hub: Hub, key: str, state: tuple[str, str], health: tuple[str, str]) -> dict[str, Any]:
    """What PortainerCoordinator._announce puts in the event: (previous, new) state and health."""
    endpoint, _, name = key.partition("_")
    return {
        "container": name,
        "endpoint_id": int(endpoint),
        "state": state[1],
        "health": health[1],
        "previous_state": state[0],
        "previous_health": health[0],
        "stack": "media",
        "subentry_id": hub.portainer,
    }


async def test_container_triggers_fire_on_their_transition(
    hass: HomeAssistant, hub: Hub, calls: list[ServiceCall]
) -> None:
    jellyfin = hub.containers["1_jellyfin"]
    await _automations(
        hass,
        ("unhealthy", jellyfin, "container_unhealthy"),
        ("stopped", jellyfin, "container_stopped"),
    )
    running = ("running", "running")
    # Other containers: another name on the same environment, the same name on another.
    await _fire(
        hass,
        EVENT_CONTAINER_CHANGED,
        _changed(hub, "2_jellyfin", running, ("healthy", "unhealthy")),
    )
    await _fire(
        hass,
        EVENT_CONTAINER_CHANGED,
        _changed(hub, "1_media_qbittorrent", ("running", "exited"), ("healthy", "none")),
    )
    assert calls == []

    # Its own: starting -> healthy is neither; healthy -> unhealthy is one.
    await _fire(
        hass, EVENT_CONTAINER_CHANGED, _changed(hub, "1_jellyfin", running, ("starting", "healthy"))
    )
    assert calls == []
    await _fire(
        hass,
        EVENT_CONTAINER_CHANGED,
        _changed(hub, "1_jellyfin", running, ("healthy", "unhealthy")),
    )
    assert _fired(calls) == ["unhealthy"]
    assert calls[0].data["data"]["container"] == "jellyfin"

    # Stopping while unhealthy: it stopped, it did not become unhealthy again.
    calls.clear()
    await _fire(
        hass,
        EVENT_CONTAINER_CHANGED,
        _changed(hub, "1_jellyfin", ("running", "exited"), ("unhealthy", "none")),
    )
    assert _fired(calls) == ["stopped"]
    # Starting again is neither.
    calls.clear()
    await _fire(
        hass,
        EVENT_CONTAINER_CHANGED,
        _changed(hub, "1_jellyfin", ("exited", "running"), ("none", "starting")),
    )
    assert calls == []


async def test_request_triggers(hass: HomeAssistant, hub: Hub, calls: list[ServiceCall]) -> None:
    await _automations(
        hass,
        ("available", hub.requests, "request_available"),
        ("failed", hub.requests, "request_failed"),
    )
    request = MediaRequest(
        id="01JREQUEST0000000000000000",
        tmdb_id=900001,
        media_type="movie",
        title="Night of the Living Dead",
        requested_by="user-1",
        created="2026-01-02T03:04:05+00:00",
        year=1968,
    )
    await _fire(hass, EVENT_REQUEST_PREFIX + "created", event_data(request, "user-1"))
    assert calls == []
    request.status = "available"
    await _fire(hass, EVENT_REQUEST_PREFIX + "available", event_data(request))
    assert _fired(calls) == ["available"]
    assert calls[0].data["data"]["title"] == "Night of the Living Dead"


@pytest.fixture
def seeder() -> Iterator[QBittorrentDaemon]:
    allow_loopback()
    daemon = QBittorrentDaemon(version="4").start()
    yield daemon
    daemon.stop()


async def test_real_download_fires_the_completed_trigger(
    hass: HomeAssistant,
    qb_daemon: QBittorrentDaemon,
    seeder: QBittorrentDaemon,
    calls: list[ServiceCall],
) -> None:
    payload = make_payload(seeder.host_base / "data", "Trigger Test (2026).mkv", 2 * 1024 * 1024)
    torrent = make_torrent(payload)
    seeder.add_torrent_file(torrent.content, payload.parent, skip_checking=True)
    seeder.wait_for(lambda t: t["hash"] == torrent.infohash and t["progress"] == 1)

    # Both daemons are Pandora's: the seeder's torrent was complete before, so only the
    # downloader's device may fire.
    entry = await setup_hub(
        hass, hub_entry(qb_subentry(qb_daemon, "Downloader"), qb_subentry(seeder, "Seeder"))
    )
    downloader = _subentry_id(entry, "Downloader")
    await _automations(
        hass,
        ("added", _device_id(hass, downloader), "torrent_added"),
        ("downloaded", _device_id(hass, downloader), "torrent_completed"),
        ("seeded", _device_id(hass, _subentry_id(entry, "Seeder")), "torrent_completed"),
    )
    client = entry.runtime_data.qbittorrent[downloader].client
    await client.add(
        torrent_files=[("trigger.torrent", torrent.content)],
        save_path=qb_daemon.daemon_path(qb_daemon.host_base / "incoming"),
    )
    # Peers can only be added once qBittorrent has the torrent: once it was seen added.
    await poll_until(hass, lambda: bool(calls))
    assert _fired(calls) == ["added"]
    await client.add_peers([torrent.infohash], [f"127.0.0.1:{seeder.bt_port}"])
    await poll_until(hass, lambda: len(calls) > 1, timeout=120)

    assert _fired(calls) == ["added", "downloaded"]
    data = calls[1].data["data"]
    assert data["hash"] == torrent.infohash
    assert data["name"] == torrent.name
    assert data["subentry_id"] == downloader
