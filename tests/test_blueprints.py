"""Pandora's blueprints: valid for Home Assistant's blueprint schema, and working when used.

They are loaded from blueprints/automation/pandora (what users import), instantiated as real
automations and run against fired events; the phone is a real mobile_app registration whose
push is caught at its push URL.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
import shutil
import time
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.pandora.const import DOMAIN
from devtools.simulators.jellyfin import JellyfinSimulator, start as start_jellyfin
from devtools.support.companion_app import register_app
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from homeassistant.auth.models import User
from homeassistant.components.automation.config import AUTOMATION_BLUEPRINT_SCHEMA
from homeassistant.components.blueprint.models import Blueprint
from homeassistant.const import CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from homeassistant.util.yaml import load_yaml_dict
from tests.conftest import allow_loopback, hub_entry, qb_subentry, setup_hub
from tests.helpers import entity_id, get_state, poll, poll_until
from tests.test_jellyfin_integration import jellyfin_subentry

BLUEPRINTS = Path(__file__).parent.parent / "blueprints" / "automation" / "pandora"
PUSH_URL = "https://mobile-push.home-assistant.dev/push"


def test_every_blueprint_is_valid() -> None:
    paths = sorted(BLUEPRINTS.glob("*.yaml"))
    assert paths
    for path in paths:
        blueprint = Blueprint(
            load_yaml_dict(path),
            path=str(path),
            expected_domain="automation",
            schema=AUTOMATION_BLUEPRINT_SCHEMA,
        )
        assert blueprint.name.startswith("Pandora")
        assert blueprint.inputs


def _install(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for path in BLUEPRINTS.glob("*.yaml"):
        shutil.copy(path, folder)


async def _automations(hass: HomeAssistant, *uses: tuple[str, str, dict[str, Any]]) -> None:
    """Set up automations from the blueprints (id, blueprint file, inputs); all must load."""
    folder = Path(hass.config.path("blueprints", "automation", "pandora"))
    await hass.async_add_executor_job(_install, folder)
    config = [
        {
            "id": automation_id,
            "alias": automation_id,
            "use_blueprint": {"path": f"pandora/{name}", "input": inputs},
        }
        for automation_id, name, inputs in uses
    ]
    assert await async_setup_component(hass, "automation", {"automation": config})
    await hass.async_block_till_done()
    for automation_id, _, _ in uses:
        state = hass.states.get(f"automation.{automation_id}")
        assert state is not None and state.state == "on", automation_id


async def _phone(hass: HomeAssistant, user: User, aioclient_mock: AiohttpClientMocker) -> str:
    """A companion app registered for `user` (mobile_app set up for real); its device id."""
    # The push service's answer, with every rate-limit field (mobile_app reads them all).
    limits = {"attempts": 1, "successful": 1, "errors": 0, "total": 1, "maximum": 150}
    reset = (dt_util.utcnow() + timedelta(hours=1)).isoformat()
    aioclient_mock.post(
        PUSH_URL, json={"rateLimits": limits | {"remaining": 149, "resetsAt": reset}}
    )
    entry = MockConfigEntry(
        domain="mobile_app",
        source="registration",
        title="Reader's phone",
        version=1,
        data={
            "app_data": {"push_token": "PUSH_TOKEN", "push_url": PUSH_URL},
            "app_id": "io.homeassistant.mobile_app",
            "app_name": "mobile_app tests",
            "app_version": "1.0",
            "device_id": "readers-phone",
            "device_name": "Reader's phone",
            "manufacturer": "Home Assistant",
            "model": "mobile_app",
            "os_name": "Linux",
            "os_version": "5.0.6",
            "secret": "123abc",
            "supports_encryption": False,
            "user_id": user.id,
            "webhook_id": "readers-phone-webhook",
        },
    )
    entry.add_to_hass(hass)
    assert await async_setup_component(hass, "mobile_app", {})
    await hass.async_block_till_done()
    device = dr.async_get(hass).async_get_device_by_identifier(
        ("mobile_app", "readers-phone"), entry.entry_id
    )
    assert device is not None
    return device.id


def _notify_entity(hass: HomeAssistant, device_id: str) -> str:
    """The phone's notify entity (mobile_app creates one per push-capable device)."""
    entities = er.async_entries_for_device(er.async_get(hass), device_id)
    return next(e.entity_id for e in entities if e.domain == "notify")


async def test_notify_requester_when_available(
    hass: HomeAssistant,
    hass_read_only_user: User,
    hass_admin_user: User,
    aioclient_mock: AiohttpClientMocker,
) -> None:
    assert await async_setup_component(
        hass,
        "person",
        {"person": [{"id": "reader", "name": "Reader", "user_id": hass_read_only_user.id}]},
    )
    phone = await _phone(hass, hass_read_only_user, aioclient_mock)
    await _automations(
        hass,
        (
            "readers_titles",
            "notify_requester_available.yaml",
            {"person": "person.reader", "notify_device": phone},
        ),
    )

    def available(users: list[str], title: str) -> None:
        data: dict[str, Any] = {"title": title, "year": 1968, "users": users, "season": None}
        hass.bus.async_fire("pandora_request_available", data)

    # Someone else's request: nothing is sent.
    available([hass_admin_user.id], "Nosferatu")
    await hass.async_block_till_done()
    assert aioclient_mock.call_count == 0
    # The reader joined it (second in `users`): their phone is told, with the title.
    available([hass_admin_user.id, hass_read_only_user.id], "Night of the Living Dead")
    await hass.async_block_till_done()
    assert aioclient_mock.call_count == 1
    push = aioclient_mock.mock_calls[0][2]
    assert push["message"] == "Night of the Living Dead is in the library."
    assert push["title"] == "Ready to watch"
    assert push["registration_info"]["webhook_id"] == "readers-phone-webhook"


async def test_notify_when_a_download_completes(
    hass: HomeAssistant, hass_read_only_user: User, aioclient_mock: AiohttpClientMocker
) -> None:
    phone = await _phone(hass, hass_read_only_user, aioclient_mock)
    await _automations(
        hass,
        (
            "films",
            "notify_download_completed.yaml",
            {"notify_device": phone, "categories": "movies, films"},
        ),
    )
    hass.bus.async_fire("pandora_torrent_completed", {"name": "Show.S01", "category": "tv"})
    await hass.async_block_till_done()
    assert aioclient_mock.call_count == 0
    hass.bus.async_fire("pandora_torrent_completed", {"name": "Night.1968", "category": "films"})
    await hass.async_block_till_done()
    assert aioclient_mock.call_count == 1
    push = aioclient_mock.mock_calls[0][2]
    assert (push["title"], push["message"]) == (
        "Download complete",
        "Night.1968 finished downloading.",
    )


async def test_scan_a_library_when_a_download_completes(hass: HomeAssistant) -> None:
    scans = async_mock_service(hass, "pandora", "scan_library")
    await _automations(
        hass,
        (
            "scan",
            "scan_library_on_download.yaml",
            {"library": "Movies", "delay": {"seconds": 0}},
        ),
    )
    hass.bus.async_fire("pandora_torrent_completed", {"name": "Night.1968", "category": ""})
    await hass.async_block_till_done()
    assert [call.data for call in scans] == [{"library": "Movies"}]


async def test_switch_vpn_country_on_a_leak(
    hass: HomeAssistant, hass_admin_user: User, aioclient_mock: AiohttpClientMocker
) -> None:
    switches = async_mock_service(hass, "pandora", "set_vpn_country")
    phone = await _phone(hass, hass_admin_user, aioclient_mock)
    await _automations(
        hass,
        ("quiet", "switch_vpn_country_on_leak.yaml", {"country": "Sweden"}),
        (
            "told",
            "switch_vpn_country_on_leak.yaml",
            {"country": "Japan", "notify": [_notify_entity(hass, phone)]},
        ),
    )
    leak = {"subentry_id": "gluetun1", "public_ip": "198.51.100.7", "country": "Germany"}
    hass.bus.async_fire("pandora_vpn_leak", leak | {"selected": "Netherlands"})
    await hass.async_block_till_done()
    assert sorted((c.data["country"], c.data["instance"]) for c in switches) == [
        ("Japan", "gluetun1"),
        ("Sweden", "gluetun1"),
    ]
    # Only the automation with a phone told someone.
    assert aioclient_mock.call_count == 1
    assert "198.51.100.7" in aioclient_mock.mock_calls[0][2]["message"]


async def test_forged_events_run_no_blueprint(
    hass: HomeAssistant,
    hass_client: Any,
    hass_read_only_user: User,
    hass_read_only_access_token: str,
    aioclient_mock: AiohttpClientMocker,
) -> None:
    """A member's companion app fires Pandora's event types: no blueprint acts on them."""
    switches = async_mock_service(hass, "pandora", "set_vpn_country")
    scans = async_mock_service(hass, "pandora", "scan_library")
    phone = await _phone(hass, hass_read_only_user, aioclient_mock)
    await _automations(
        hass,
        ("leak", "switch_vpn_country_on_leak.yaml", {"country": "Sweden"}),
        ("scan", "scan_library_on_download.yaml", {"delay": {"seconds": 0}}),
        ("told", "notify_download_completed.yaml", {"notify_device": phone}),
    )
    app = await register_app(hass, hass_client, hass_read_only_access_token)
    leak = {"subentry_id": "gluetun1", "public_ip": "198.51.100.7", "country": "Germany"}
    await app.fire("pandora_vpn_leak", leak | {"selected": "Netherlands"})
    await app.fire(
        "pandora_torrent_completed", {"name": "Click here: evil.example", "category": ""}
    )
    await hass.async_block_till_done()
    assert switches == [] and scans == []
    assert aioclient_mock.call_count == 0
    # The same events fired by Pandora (no user) still run them.
    hass.bus.async_fire("pandora_vpn_leak", leak | {"selected": "Netherlands"})
    hass.bus.async_fire("pandora_torrent_completed", {"name": "Night.1968", "category": ""})
    await hass.async_block_till_done()
    assert len(switches) == 1 and len(scans) == 1
    assert aioclient_mock.call_count == 1


# --- Slow downloads while someone is watching: Jellyfin's sessions and real qBittorrents ------


@pytest.fixture
async def jellyfin(tmp_path: Path) -> AsyncIterator[tuple[JellyfinSimulator, str]]:
    season = tmp_path / "TV Shows" / "Dragnet" / "Season 01"
    season.mkdir(parents=True)
    (season / "Dragnet S01E03.mkv").write_bytes(b"")
    allow_loopback()
    sim = JellyfinSimulator(libraries=[("Shows", "tvshows", str(tmp_path / "TV Shows"))])
    runner, port = await start_jellyfin(sim)
    yield sim, f"http://127.0.0.1:{port}"
    await runner.cleanup()


def _alt_limits(daemon: QBittorrentDaemon) -> bool:
    """Whether qBittorrent itself says its alternative speed limits are on."""
    return daemon.api("transfer/speedLimitsMode") == b"1"


def _set_alt_limits(daemon: QBittorrentDaemon, enabled: bool) -> None:
    if _alt_limits(daemon) != enabled:
        daemon.api("transfer/toggleSpeedLimitsMode", {})


def _switch_of(hass: HomeAssistant, daemon: QBittorrentDaemon) -> str:
    registry = er.async_get(hass)
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    subentry_id = next(
        sid for sid, sub in entry.subentries.items() if sub.data.get(CONF_URL) == daemon.url
    )
    found = registry.async_get_entity_id("switch", DOMAIN, f"{subentry_id}_alt_speed_limits")
    assert found is not None
    return found


async def _watching_hub(
    hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str], *daemons: QBittorrentDaemon
) -> str:
    """Pandora with the Jellyfin and the qBittorrents; the Active streams sensor."""
    sim, url = jellyfin
    await setup_hub(
        hass,
        hub_entry(jellyfin_subentry(url, sim.api_key), *(qb_subentry(d) for d in daemons)),
    )
    assert await async_setup_component(hass, "scene", {})
    return entity_id(hass, "sensor", "active_streams")


async def test_slow_downloads_while_watching(
    hass: HomeAssistant,
    jellyfin: tuple[JellyfinSimulator, str],
    qb_daemon: QBittorrentDaemon,
    qb4_daemon: QBittorrentDaemon,
) -> None:
    """Two real qBittorrents: one slowed while watching and restored; one already slow stays."""
    sim, _ = jellyfin
    _set_alt_limits(qb_daemon, False)
    _set_alt_limits(qb4_daemon, True)  # the household had this one slow already
    streams = await _watching_hub(hass, jellyfin, qb_daemon, qb4_daemon)
    switches = [_switch_of(hass, qb_daemon), _switch_of(hass, qb4_daemon)]
    await _automations(
        hass,
        (
            "turtle",
            "slow_downloads_while_watching.yaml",
            {"streams": [streams], "limits": switches, "grace": {"seconds": 30}},
        ),
    )
    tv = sim.start_session("family", "Dragnet", "Living room TV")
    await poll_until(hass, lambda: _alt_limits(qb_daemon))
    assert _alt_limits(qb4_daemon)

    # Stopped, and a new episode starts within the grace period: the limits stay.
    sim.stop_session(tv)
    await poll(hass, 2)
    sim.start_session("family", "Dragnet", "Living room TV")
    await poll(hass, 2)
    await poll(hass, 40)
    assert _alt_limits(qb_daemon)

    # Nobody watches for the grace period: each is put back as it was.
    sim.stop_session(tv)
    await poll(hass, 2)
    await poll(hass, 40)
    await poll_until(hass, lambda: not _alt_limits(qb_daemon))
    assert _alt_limits(qb4_daemon)
    assert hass.states.get("scene.pandora_streaming_turtle") is None


async def test_slow_downloads_only_for_remote_streams_on_chosen_devices(
    hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str], qb_daemon: QBittorrentDaemon
) -> None:
    sim, _ = jellyfin
    _set_alt_limits(qb_daemon, False)
    streams = await _watching_hub(hass, jellyfin, qb_daemon)
    await _automations(
        hass,
        (
            "remote",
            "slow_downloads_while_watching.yaml",
            {
                "streams": [streams],
                "limits": [_switch_of(hass, qb_daemon)],
                "only_remote": True,
                "devices": "Living room TV, Phone",
            },
        ),
    )
    sim.start_session("family", "Dragnet", "Living room TV")  # at home
    sim.start_session("pandora", "Dragnet", "Bedroom TV", address="203.0.113.9")  # not chosen
    await poll(hass)
    await poll(hass)
    assert get_state(hass, streams).state == "2"
    assert not _alt_limits(qb_daemon)
    sim.start_session("family", "Dragnet", "Phone", client="Jellyfin iOS", address="203.0.113.7")
    await poll_until(hass, lambda: _alt_limits(qb_daemon))


# --- Tell the requester when they are home, with a "Play on …" button -----------------------


async def _settle() -> None:
    """Let the automation run its steps.

    Not `async_block_till_done`: it waits for every task, and these runs wait (for the
    person to come home, for the button) until long after the test.
    """
    for _ in range(25):
        await asyncio.sleep(0.02)


async def _reader_with_player(
    hass: HomeAssistant, reader: User, aioclient_mock: AiohttpClientMocker, **inputs: Any
) -> None:
    """The reader (a person followed by a device tracker), their phone, a TV, the automation."""
    hass.states.async_set("device_tracker.readers_phone", "not_home")
    hass.states.async_set("media_player.living_room", "idle", {"friendly_name": "Living room TV"})
    assert await async_setup_component(
        hass,
        "person",
        {
            "person": [
                {
                    "id": "reader",
                    "name": "Reader",
                    "user_id": reader.id,
                    "device_trackers": ["device_tracker.readers_phone"],
                }
            ]
        },
    )
    phone = await _phone(hass, reader, aioclient_mock)
    await _automations(
        hass,
        (
            "readers_titles",
            "notify_requester_available.yaml",
            {"person": "person.reader", "notify_device": phone} | inputs,
        ),
    )


def _available(hass: HomeAssistant, user: User) -> None:
    data = {
        "title": "Night of the Living Dead",
        "year": 1968,
        "users": [user.id],
        "season": None,
        "tmdb_id": 10331,
        "media_type": "movie",
    }
    hass.bus.async_fire("pandora_request_available", data)


async def test_tell_the_requester_when_they_arrive(
    hass: HomeAssistant, hass_read_only_user: User, aioclient_mock: AiohttpClientMocker
) -> None:
    await _reader_with_player(hass, hass_read_only_user, aioclient_mock, wait_until_home=True)
    _available(hass, hass_read_only_user)
    await _settle()
    assert aioclient_mock.call_count == 0  # away: not yet
    hass.states.async_set("device_tracker.readers_phone", "home")
    await _settle()
    assert aioclient_mock.call_count == 1
    push = aioclient_mock.mock_calls[0][2]
    assert push["message"] == "Night of the Living Dead is in the library."
    assert "data" not in push  # no player chosen: no button, the same push as before
    # At home already: at once.
    _available(hass, hass_read_only_user)
    await _settle()
    assert aioclient_mock.call_count == 2


async def test_play_on_button_only_for_this_notification_and_this_person(
    hass: HomeAssistant,
    hass_client: Any,
    hass_read_only_user: User,
    hass_read_only_access_token: str,
    hass_access_token: str,
    aioclient_mock: AiohttpClientMocker,
) -> None:
    plays = async_mock_service(hass, "pandora", "play_title")
    await _reader_with_player(
        hass, hass_read_only_user, aioclient_mock, player="media_player.living_room"
    )
    _available(hass, hass_read_only_user)
    await _settle()
    assert aioclient_mock.call_count == 1  # not waiting for home: told at once
    actions = aioclient_mock.mock_calls[0][2]["data"]["actions"]
    assert [a["title"] for a in actions] == ["Play on Living room TV"]
    button = actions[0]["action"]
    assert button.startswith("PANDORA_PLAY_")

    someone_else = await register_app(hass, hass_client, hass_access_token)
    reader = await register_app(hass, hass_client, hass_read_only_access_token)
    # Someone else fires the very button: nothing plays (and the button still works).
    await someone_else.fire("mobile_app_notification_action", {"action": button})
    # The reader's tap on another notification's button: nothing either.
    await reader.fire("mobile_app_notification_action", {"action": "PANDORA_PLAY_other"})
    await _settle()
    assert plays == []
    await reader.fire("mobile_app_notification_action", {"action": button})
    await _settle()
    assert [c.data for c in plays] == [
        {"entity_id": "media_player.living_room", "tmdb_id": 10331, "media_type": "movie"}
    ]
    # Once: a second tap is not waited for any more.
    await reader.fire("mobile_app_notification_action", {"action": button})
    await _settle()
    assert len(plays) == 1


async def test_forged_availability_sends_no_play_button(
    hass: HomeAssistant,
    hass_client: Any,
    hass_read_only_user: User,
    hass_read_only_access_token: str,
    aioclient_mock: AiohttpClientMocker,
) -> None:
    await _reader_with_player(
        hass, hass_read_only_user, aioclient_mock, player="media_player.living_room"
    )
    app = await register_app(hass, hass_client, hass_read_only_access_token)
    await app.fire(
        "pandora_request_available",
        {
            "title": "Click here",
            "users": [hass_read_only_user.id],
            "tmdb_id": 1,
            "media_type": "movie",
        },
    )
    await _settle()
    assert aioclient_mock.call_count == 0


@pytest.mark.shipped_intervals
async def test_reaction_time_stream_start_to_alt_limits(
    hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str], qb_daemon: QBittorrentDaemon
) -> None:
    """Measured, not asserted: a stream starts → qBittorrent itself reports turtle mode on.

    Real clock and the shipped intervals (sessions every 5 s): the figure is the wait for the
    next sessions poll (0-5 s) plus the automation and one toggle on loopback. Printed for
    docs/automations.md.
    """
    sim, _ = jellyfin
    _set_alt_limits(qb_daemon, False)
    streams = await _watching_hub(hass, jellyfin, qb_daemon)
    await _automations(
        hass,
        (
            "turtle",
            "slow_downloads_while_watching.yaml",
            {
                "streams": [streams],
                "limits": [_switch_of(hass, qb_daemon)],
                "grace": {"seconds": 0},
            },
        ),
    )
    figures = []
    for _ in range(4):
        session = sim.start_session("family", "Dragnet", "Living room TV")
        started = time.monotonic()
        while not await hass.async_add_executor_job(_alt_limits, qb_daemon):
            assert time.monotonic() - started < 30
            await asyncio.sleep(0.05)
        figures.append(time.monotonic() - started)
        sim.stop_session(session)
        while await hass.async_add_executor_job(_alt_limits, qb_daemon):
            assert time.monotonic() - started < 60
            await asyncio.sleep(0.05)
    print(
        f"\nstream start -> alternative speed limits on (qBittorrent {qb_daemon.version}): "
        + ", ".join(f"{f:.2f} s" for f in figures)
    )
