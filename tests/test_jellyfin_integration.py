"""Jellyfin in Home Assistant: flow, entities (dynamic library buttons), scans, events, action."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.pandora.api.errors import CannotConnect
from custom_components.pandora.const import (
    CONF_VERIFY_SSL,
    DOMAIN,
    EVENT_SCAN_FINISHED,
    EVENT_SCAN_STARTED,
    SUBENTRY_JELLYFIN,
)
from custom_components.pandora.library.coordinator import JellyfinCoordinator
from devtools.simulators.jellyfin import JellyfinSimulator, start
from homeassistant.config_entries import SOURCE_USER, ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import entity_registry as er
from tests.conftest import allow_loopback, hub_entry, setup_hub
from tests.helpers import entity_id, get_state, poll, poll_until


@pytest.fixture
def share(tmp_path: Path) -> Path:
    movies = tmp_path / "Movies"
    (movies / "Night of the Living Dead (1968) [tmdbid-900001]").mkdir(parents=True)
    (movies / "Night of the Living Dead (1968) [tmdbid-900001]" / "movie.mkv").write_bytes(b"")
    (tmp_path / "TV Shows" / "Dragnet" / "Season 01").mkdir(parents=True)
    (tmp_path / "TV Shows" / "Dragnet" / "Season 01" / "Dragnet S01E01.mkv").write_bytes(b"")
    return tmp_path


@pytest.fixture
async def jellyfin(share: Path) -> AsyncIterator[tuple[JellyfinSimulator, str]]:
    allow_loopback()
    sim = JellyfinSimulator(
        libraries=[
            ("Movies", "movies", str(share / "Movies")),
            ("Shows", "tvshows", str(share / "TV Shows")),
        ],
        scan_duration=1.0,
    )
    runner, port = await start(sim)
    yield sim, f"http://127.0.0.1:{port}"
    await runner.cleanup()


def jellyfin_subentry(url: str, api_key: str) -> ConfigSubentryData:
    return ConfigSubentryData(
        data={CONF_URL: url, CONF_API_KEY: api_key, CONF_VERIFY_SSL: True},
        subentry_type=SUBENTRY_JELLYFIN,
        title="Jellyfin",
        unique_id=url,
    )


@pytest.fixture
async def hub(hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str]) -> MockConfigEntry:
    sim, url = jellyfin
    return await setup_hub(hass, hub_entry(jellyfin_subentry(url, sim.api_key)))


async def test_add_jellyfin(hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str]) -> None:
    sim, url = jellyfin
    entry = hub_entry()
    entry.add_to_hass(hass)
    result = await hass.config_entries.subentries.async_init(
        (entry.entry_id, SUBENTRY_JELLYFIN), context={"source": SOURCE_USER}
    )
    form = {CONF_URL: url, CONF_API_KEY: "wrong", CONF_VERIFY_SSL: True}
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], form)
    assert result["errors"] == {"base": "invalid_auth"}
    form[CONF_API_KEY] = sim.api_key
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], form)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Jellyfin"


async def test_entities_and_a_full_scan(
    hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str], hub: MockConfigEntry, share: Path
) -> None:
    sim, _ = jellyfin
    status = entity_id(hass, "sensor", "scan_status")
    movies = entity_id(hass, "sensor", "movies")
    assert get_state(hass, status).state == "idle"
    assert get_state(hass, movies).state == "1"
    assert get_state(hass, entity_id(hass, "sensor", "series")).state == "1"
    assert get_state(hass, entity_id(hass, "sensor", "episodes")).state == "1"
    for key in ("movies", "series", "episodes"):  # translated units, same words as ever
        unit = get_state(hass, entity_id(hass, "sensor", key)).attributes["unit_of_measurement"]
        assert unit == key
    buttons = sorted(
        e.unique_id.split("_", 1)[1]
        for e in er.async_entries_for_config_entry(er.async_get(hass), hub.entry_id)
        if e.domain == "button"
    )
    assert buttons == sorted(
        [
            "scan_all",
            f"scan_{sim.library('Movies').item_id}",
            f"scan_{sim.library('Shows').item_id}",
        ]
    )
    assert get_state(hass, entity_id(hass, "button", "scan_all")).name.endswith(
        "Scan all libraries"
    )

    started = async_capture_events(hass, EVENT_SCAN_STARTED)
    finished = async_capture_events(hass, EVENT_SCAN_FINISHED)
    new = share / "Movies" / "Carnival of Souls (1962)"
    new.mkdir()
    (new / "Carnival of Souls (1962).mkv").write_bytes(b"")
    await hass.services.async_call(
        "button", "press", {"entity_id": entity_id(hass, "button", "scan_all")}, blocking=True
    )
    await poll_until(hass, lambda: bool(finished), timeout=20)
    assert len(started) == 1
    assert finished[0].data["result"] == "completed"
    assert finished[0].data["movies"] == 2
    assert get_state(hass, status).state == "idle"
    assert get_state(hass, movies).state == "2"
    assert get_state(hass, entity_id(hass, "sensor", "last_scan_result")).state == "completed"
    assert get_state(hass, entity_id(hass, "sensor", "last_scan")).state not in ("unknown", "")
    assert hub.runtime_data.history.files()[0]["action"] == "scanned"


@pytest.mark.shipped_intervals
async def test_polls_faster_while_scanning(hass: HomeAssistant, hub: MockConfigEntry) -> None:
    (coordinator,) = hub.runtime_data.jellyfin.values()
    assert coordinator.update_interval == JellyfinCoordinator.UPDATE_INTERVAL
    finished = async_capture_events(hass, EVENT_SCAN_FINISHED)
    await hass.services.async_call(
        "button", "press", {"entity_id": entity_id(hass, "button", "scan_all")}, blocking=True
    )
    # The press refreshes at once: the scan runs, and its progress is followed closely.
    assert coordinator.scanning
    assert coordinator.update_interval == JellyfinCoordinator.SCANNING_INTERVAL
    assert JellyfinCoordinator.SCANNING_INTERVAL < JellyfinCoordinator.UPDATE_INTERVAL
    await poll_until(hass, lambda: bool(finished), timeout=20)
    assert coordinator.update_interval == JellyfinCoordinator.UPDATE_INTERVAL


@pytest.mark.shipped_intervals
async def test_a_server_gone_mid_scan_is_not_polled_fast(
    hass: HomeAssistant, hub: MockConfigEntry
) -> None:
    (coordinator,) = hub.runtime_data.jellyfin.values()
    await coordinator.async_scan()
    assert coordinator.update_interval == JellyfinCoordinator.SCANNING_INTERVAL
    with patch.object(coordinator.client, "scan_task", side_effect=CannotConnect("down")):
        await coordinator.async_refresh()
    assert not coordinator.last_update_success
    assert coordinator.update_interval == JellyfinCoordinator.UPDATE_INTERVAL


async def test_scan_library_action(
    hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str], hub: MockConfigEntry
) -> None:
    sim, _ = jellyfin
    response: Any = await hass.services.async_call(
        DOMAIN, "scan_library", {"library": "movies"}, blocking=True, return_response=True
    )
    assert response == {"scanned": [{"server": "Jellyfin", "library": "Movies"}]}
    movies_id = sim.library("Movies").item_id
    assert [c.item_id for c in sim.refresh_calls] == [movies_id]
    await poll(hass)
    with pytest.raises(ServiceValidationError, match="Libraries: Movies, Shows"):
        await hass.services.async_call(DOMAIN, "scan_library", {"library": "Music"}, blocking=True)


async def test_library_buttons_follow_the_server(
    hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str], hub: MockConfigEntry, share: Path
) -> None:
    sim, _ = jellyfin
    (share / "Kids").mkdir()
    sim.add_library("Kids", "movies", str(share / "Kids"))
    await poll(hass)
    registry = er.async_get(hass)
    kids_id = sim.library("Kids").item_id
    unique = next(iter(hub.subentries)) + f"_scan_{kids_id}"
    assert registry.async_get_entity_id("button", DOMAIN, unique)


async def test_unavailable_when_down(
    hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str], hub: MockConfigEntry
) -> None:
    sim, _ = jellyfin
    sim.server_error_next = 100
    await poll(hass)
    assert get_state(hass, entity_id(hass, "sensor", "scan_status")).state == "unavailable"
    sim.server_error_next = 0
    await poll(hass)
    assert get_state(hass, entity_id(hass, "sensor", "scan_status")).state == "idle"


async def test_no_jellyfin(hass: HomeAssistant) -> None:
    await setup_hub(hass, hub_entry())
    with pytest.raises(ServiceValidationError, match="No Jellyfin"):
        await hass.services.async_call(DOMAIN, "scan_library", {}, blocking=True)


async def test_orphan_cleanup_only_touches_library_buttons(
    hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str], hub: MockConfigEntry
) -> None:
    """Regression: sensors such as scan_status share the "<id>_scan_" prefix."""
    from custom_components.pandora.library.entities import _remove_orphans

    registry = er.async_get(hass)
    subentry_id = next(iter(hub.subentries))
    registry.async_get_or_create(
        "button", DOMAIN, f"{subentry_id}_scan_0123456789abcdef", config_entry=hub
    )
    coordinator = hub.runtime_data.jellyfin[subentry_id]
    _remove_orphans(registry, hub, subentry_id, coordinator)
    assert not registry.async_get_entity_id(
        "button", DOMAIN, f"{subentry_id}_scan_0123456789abcdef"
    )
    for key in ("scan_status", "scan_progress"):
        assert entity_id(hass, "sensor", key)
    assert entity_id(hass, "button", "scan_all")


async def test_library_subscription(
    hass: HomeAssistant, hub: MockConfigEntry, hass_ws_client: Any
) -> None:
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "pandora/library/subscribe"})
    assert (await client.receive_json())["success"]
    (server,) = (await client.receive_json())["event"]["jellyfin"]
    assert server["available"] is True and server["scanning"] is False
    assert {lib["name"] for lib in server["libraries"]} >= {"Movies"}
    await client.send_json_auto_id({"type": "pandora/library/scan", "library": "all"})
    while True:  # the answer, and the scan pushed when the coordinator sees it
        message = await client.receive_json()
        if message.get("type") == "event" and message["event"]["jellyfin"][0]["scanning"]:
            break
