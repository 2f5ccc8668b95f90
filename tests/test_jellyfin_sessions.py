"""Who is watching: Jellyfin's sessions as "Active streams" and "Someone is watching".

Against the Jellyfin simulator's `/Sessions` (SessionController as in 10.11), whose playing
sessions move their position every moment, as a real client's reports do.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
import json
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora.api.jellyfin import JellyfinClient
from custom_components.pandora.api.jellyfin_models import PlaybackSession, is_remote_address
from custom_components.pandora.library.sessions import MAX_LISTED, SessionsCoordinator
from custom_components.pandora.panel.feeds import library_snapshot
from devtools.simulators.jellyfin import JellyfinSimulator, start
from homeassistant.const import EVENT_STATE_CHANGED, STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import Event, HomeAssistant
from tests.conftest import allow_loopback, hub_entry, setup_hub
from tests.helpers import entity_id, get_state, poll
from tests.test_jellyfin_integration import jellyfin_subentry


@pytest.fixture
def share(tmp_path: Path) -> Path:
    movie = tmp_path / "Movies" / "Night of the Living Dead (1968) [tmdbid-900001]"
    movie.mkdir(parents=True)
    (movie / "movie.mkv").write_bytes(b"")
    season = tmp_path / "TV Shows" / "Dragnet" / "Season 01"
    season.mkdir(parents=True)
    (season / "Dragnet S01E03.mkv").write_bytes(b"")
    return tmp_path


@pytest.fixture
async def jellyfin(share: Path) -> AsyncIterator[tuple[JellyfinSimulator, str]]:
    allow_loopback()
    sim = JellyfinSimulator(
        libraries=[
            ("Movies", "movies", str(share / "Movies")),
            ("Shows", "tvshows", str(share / "TV Shows")),
        ]
    )
    runner, port = await start(sim)
    yield sim, f"http://127.0.0.1:{port}"
    await runner.cleanup()


@pytest.fixture
async def hub(hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str]) -> MockConfigEntry:
    sim, url = jellyfin
    return await setup_hub(hass, hub_entry(jellyfin_subentry(url, sim.api_key)))


def test_remote_addresses() -> None:
    """Remote as Jellyfin's default LAN sees it: anything but private, loopback, link-local."""
    for local in (
        "192.168.1.20",
        "10.0.0.7",
        "172.16.4.1",
        "127.0.0.1",
        "::1",
        "fd00::5",
        "fe80::1",
        "::ffff:192.168.1.9",
        "192.168.1.20:51234",
        "[fd00::5]:8096",
    ):
        assert not is_remote_address(local), local
    for remote in ("203.0.113.50", "2001:db8::1", "8.8.8.8:443", "::ffff:8.8.8.8", "100.64.0.1"):
        assert is_remote_address(remote), remote
    for unknown in (None, "", "tv.local", "not an address"):
        assert not is_remote_address(unknown), unknown


def test_a_session_without_playback_or_id_is_not_a_stream() -> None:
    assert PlaybackSession.parse({"Id": "a"}) is None
    assert PlaybackSession.parse({"NowPlayingItem": {"Id": "x"}}) is None
    assert PlaybackSession.parse({"Id": "a", "NowPlayingItem": {"Name": "no id"}}) is None
    # An older client that reports no PlayMethod but is transcoded.
    old = PlaybackSession.parse(
        {"Id": "a", "NowPlayingItem": {"Id": "x", "Name": "Clip"}, "TranscodingInfo": {}}
    )
    assert old is not None and old.transcoding and old.title == "Clip"


async def test_the_client_reads_playing_sessions(
    jellyfin: tuple[JellyfinSimulator, str],
) -> None:
    sim, url = jellyfin
    sim.connect_client("family", "Phone")  # signed in, nothing playing: not a stream
    sim.start_session("family", "Dragnet", "Living room TV", play_method="Transcode")
    sim.start_session(
        "pandora",
        "Night of the Living Dead",
        "Firefox",
        client="Jellyfin Web",
        address="203.0.113.50",
    )
    async with aiohttp.ClientSession() as session:
        client = JellyfinClient(url=url, api_key=sim.api_key, session=session)
        streams = sorted(await client.sessions(), key=lambda s: s.device)
    assert [(s.user_name, s.title, s.device, s.play_method, s.remote) for s in streams] == [
        ("pandora", "Night of the Living Dead (1968)", "Firefox", "DirectPlay", True),
        ("family", "Dragnet S01E03", "Living room TV", "Transcode", False),
    ]
    assert streams[1].transcoding and not streams[0].transcoding
    assert sim.requests["/Sessions"] == 1


async def test_entities_follow_streams(
    hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str], hub: MockConfigEntry
) -> None:
    sim, _ = jellyfin
    count, watching = (
        entity_id(hass, "sensor", "active_streams"),
        entity_id(hass, "binary_sensor", "watching"),
    )
    assert get_state(hass, watching).name == "Jellyfin Someone is watching"
    assert get_state(hass, count).name == "Jellyfin Active streams"
    assert get_state(hass, count).state == "0"
    assert get_state(hass, count).attributes["streams"] == []
    assert get_state(hass, count).attributes["unit_of_measurement"] == "streams"
    assert get_state(hass, watching).state == STATE_OFF

    tv = sim.start_session("family", "Dragnet", "Living room TV", play_method="Transcode")
    await poll(hass)
    assert get_state(hass, watching).state == STATE_ON
    state = get_state(hass, count)
    assert state.state == "1"
    assert state.attributes["streams"] == [
        {
            "user": "family",
            "title": "Dragnet S01E03",
            "device": "Living room TV",
            "client": "Jellyfin Android TV",
            "play_method": "transcode",
            "paused": False,
            "remote": False,
        }
    ]

    # Playing on: the position moves at every poll, the state is not written again.
    writes: list[Event[Any]] = []
    hass.bus.async_listen(
        EVENT_STATE_CHANGED,
        lambda e: writes.append(e) if e.data["entity_id"] in (count, watching) else None,
    )
    for _ in range(3):
        await poll(hass)
    assert writes == []

    sim.pause_session(tv)
    await poll(hass)
    assert get_state(hass, count).attributes["streams"][0]["paused"] is True
    assert get_state(hass, watching).state == STATE_ON  # paused still counts
    assert len(writes) == 1  # the sensor's attributes; the binary sensor stayed on

    sim.stop_session(tv)
    await poll(hass)
    assert get_state(hass, watching).state == STATE_OFF
    assert get_state(hass, count).state == "0"


async def test_the_attribute_lists_ten(
    hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str], hub: MockConfigEntry
) -> None:
    """Twelve streams: the count says 12, the attribute lists 10, playing ones first."""
    sim, _ = jellyfin
    for number in range(12):
        session = sim.start_session("family", "Dragnet", f"Screen {number:02d}")
        if number < 2:
            sim.pause_session(session)
    await poll(hass)
    state = get_state(hass, entity_id(hass, "sensor", "active_streams"))
    assert state.state == "12"
    streams = state.attributes["streams"]
    assert len(streams) == MAX_LISTED
    assert not any(s["paused"] for s in streams)
    assert len(json.dumps(state.attributes)) < 2048  # far under the recorder's 16 KiB


async def test_sessions_unreadable(
    hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str], hub: MockConfigEntry
) -> None:
    sim, _ = jellyfin
    watching = entity_id(hass, "binary_sensor", "watching")
    sim.failing_paths["/Sessions"] = 1
    await poll(hass)
    assert get_state(hass, watching).state == STATE_UNAVAILABLE
    assert get_state(hass, entity_id(hass, "sensor", "movies")).state == "1"  # the rest stays
    # The Library tab says it cannot tell (null), not "nobody is watching" ([]).
    (server,) = library_snapshot(hub.runtime_data)["jellyfin"]
    assert server["streams"] is None
    sim.start_session("family", "Dragnet")
    await poll(hass)
    assert get_state(hass, watching).state == STATE_ON
    (server,) = library_snapshot(hub.runtime_data)["jellyfin"]
    assert [s["title"] for s in server["streams"]] == ["Dragnet S01E03"]


@pytest.mark.shipped_intervals
async def test_one_shipped_poll_interval_shows_a_stream(
    hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str], hub: MockConfigEntry
) -> None:
    """Within 10 s: one shipped interval (5 s) after a stream starts or stops, it shows."""
    sim, _ = jellyfin
    interval = SessionsCoordinator.UPDATE_INTERVAL
    assert interval <= timedelta(seconds=5)
    watching = entity_id(hass, "binary_sensor", "watching")
    session = sim.start_session("family", "Dragnet")
    await poll(hass, interval.total_seconds())
    assert get_state(hass, watching).state == STATE_ON
    sim.stop_session(session)
    await poll(hass, interval.total_seconds())
    assert get_state(hass, watching).state == STATE_OFF


async def test_no_listener_no_poll(
    hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str], hub: MockConfigEntry
) -> None:
    """Both entities disabled and no panel open: the sessions are not asked for."""
    sim, _ = jellyfin
    from homeassistant.helpers import entity_registry as er

    registry = er.async_get(hass)
    for platform, key in (("sensor", "active_streams"), ("binary_sensor", "watching")):
        registry.async_update_entity(
            entity_id(hass, platform, key), disabled_by=er.RegistryEntryDisabler.USER
        )
    await hass.config_entries.async_reload(hub.entry_id)
    await hass.async_block_till_done()
    asked = sim.requests["/Sessions"]  # the one read at set-up
    for _ in range(3):
        await poll(hass)
    assert sim.requests["/Sessions"] == asked
