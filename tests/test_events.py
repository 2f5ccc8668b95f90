"""Torrent lifecycle: bus events, the event entity, history, and no storm at start-up."""

from __future__ import annotations

from typing import Any

from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    mock_restore_cache_with_extra_data,
)

from custom_components.pandora.const import BUS_EVENTS, DOMAIN
from custom_components.pandora.downloads.coordinator import QBittorrentCoordinator
from custom_components.pandora.downloads.history import TorrentHistory
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.torrents import make_payload, make_torrent, random_suffix
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant, State
from homeassistant.helpers import entity_registry as er
from tests.conftest import hub_entry, qb_subentry, setup_hub
from tests.helpers import entity_id, get_state, poll_until


def capture_all(hass: HomeAssistant) -> dict[str, list[Any]]:
    return {name.rsplit("_", 1)[1]: async_capture_events(hass, name) for name in BUS_EVENTS}


def coordinator_of(hub: MockConfigEntry) -> QBittorrentCoordinator:
    coordinator: QBittorrentCoordinator = next(iter(hub.runtime_data.qbittorrent.values()))
    return coordinator


async def test_no_storm_for_what_was_already_there(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    for name in ("a.bin", "b.bin"):
        done = make_torrent(make_payload(qb_daemon.host_base / "data", name, 200_000))
        qb_daemon.add_torrent_file(done.content, done.path.parent, skip_checking=True)
    qb_daemon.wait_for(lambda t: t["progress"] == 1)
    events = capture_all(hass)
    await setup_hub(hass, hub_entry(qb_subentry(qb_daemon)))
    await poll_until(
        hass, lambda: get_state(hass, entity_id(hass, "sensor", "torrents_total")).state == "2"
    )
    assert all(not captured for captured in events.values())


async def test_added_completed_removed(
    hass: HomeAssistant, hub: MockConfigEntry, qb_daemon: QBittorrentDaemon
) -> None:
    events = capture_all(hass)
    event_entity = entity_id(hass, "event", "torrent")

    torrent = make_torrent(
        make_payload(qb_daemon.host_base / "data", f"film-{random_suffix()}.mkv", 400_000)
    )
    qb_daemon.add_torrent_file(torrent.content, torrent.path.parent)  # rechecks, then seeds
    await poll_until(hass, lambda: len(events["completed"]) == 1)
    assert len(events["added"]) == 1
    data = events["completed"][0].data
    assert data["hash"] == torrent.infohash
    assert data["name"] == torrent.name
    assert data["size"] == torrent.size
    assert data["save_path"].rstrip("/") == qb_daemon.daemon_path(torrent.path.parent)
    assert data["category"] == ""
    assert data["instance"] == next(iter(hub.subentries.values())).title
    state = get_state(hass, event_entity)
    assert state.attributes["event_type"] == "completed"
    assert state.attributes["hash"] == torrent.infohash

    magnet = random_suffix() * 5
    qb_daemon.api(
        "torrents/add",
        {"urls": f"magnet:?xt=urn:btih:{magnet}&dn=waiting", "paused": "true", "stopped": "true"},
    )
    await poll_until(hass, lambda: len(events["added"]) == 2)
    assert events["added"][1].data["name"] == "waiting"
    assert len(events["completed"]) == 1  # an incomplete magnet does not complete

    qb_daemon.api("torrents/delete", {"hashes": torrent.infohash, "deleteFiles": "false"})
    await poll_until(hass, lambda: len(events["removed"]) == 1)
    assert events["removed"][0].data["hash"] == torrent.infohash
    assert get_state(hass, event_entity).attributes["event_type"] == "removed"

    history = hub.runtime_data.history.events()
    assert [e["event"] for e in history[:4]] == ["removed", "added", "completed", "added"]
    assert history[0]["hash"] == torrent.infohash


async def test_completed_while_home_assistant_was_off(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    """A download that finished while HA was down fires `completed` once at start-up."""
    torrent = make_torrent(make_payload(qb_daemon.host_base / "data", "offline.bin", 200_000))
    qb_daemon.add_torrent_file(torrent.content, torrent.path.parent, skip_checking=True)
    # Seeding, not only at progress 1: while qBittorrent still loads it, it is not known
    # complete yet (and fires at the first poll that knows).
    qb_daemon.wait_for(lambda t: t["state"] == "stalledUP")
    hub = hub_entry(qb_subentry(qb_daemon))
    (subentry_id,) = hub.subentries
    history = TorrentHistory(hass)
    history.set_incomplete(subentry_id, {torrent.infohash, "f" * 40})  # what the last run saw
    await history.async_flush()

    events = capture_all(hass)
    await setup_hub(hass, hub)
    assert [e.data["hash"] for e in events["completed"]] == [torrent.infohash]
    assert not events["added"]
    assert hub.runtime_data.history.incomplete(subentry_id) == set()


async def test_errored_transition_fires_once(hass: HomeAssistant, hub: MockConfigEntry) -> None:
    """qBittorrent marks a torrent `error`/`missingFiles`: one `errored` event, not one per poll."""
    coordinator = coordinator_of(hub)
    events = capture_all(hass)
    state = coordinator.client.maindata
    torrent_hash = "e" * 40
    base = {
        "name": "broken",
        "state": "downloading",
        "progress": 0.5,
        "total_size": 10,
        "save_path": "/x/",
    }
    coordinator._publish_events(state.apply({"rid": 100, "torrents": {torrent_hash: base}}))
    coordinator._publish_events(
        state.apply({"rid": 101, "torrents": {torrent_hash: {"state": "missingFiles"}}})
    )
    coordinator._publish_events(
        state.apply({"rid": 102, "torrents": {torrent_hash: {"dlspeed": 0}}})
    )
    assert [e.data["name"] for e in events["errored"]] == ["broken"]
    assert len(events["added"]) == 1
    assert not events["completed"]
    assert hub.runtime_data.history.incomplete(next(iter(hub.subentries))) == {torrent_hash}


async def test_history_is_capped_and_persisted(hass: HomeAssistant) -> None:
    history = TorrentHistory(hass, max_entries=3)
    await history.async_load()
    for i in range(5):
        history.record(
            "added",
            "sub",
            {"hash": f"{i:040x}", "name": f"t{i}", "size": i, "category": "", "save_path": "/"},
        )
    history.set_incomplete("sub", {"a" * 40})
    await history.async_flush()
    assert [e["name"] for e in history.events()] == ["t4", "t3", "t2"]

    reloaded = TorrentHistory(hass, max_entries=3)
    await reloaded.async_load()
    assert [e["name"] for e in reloaded.events(limit=2)] == ["t4", "t3"]
    assert reloaded.events(subentry_id="other") == []
    assert reloaded.incomplete("sub") == {"a" * 40}
    reloaded.forget("sub")
    assert reloaded.incomplete("sub") is None


async def test_event_entity_restores_its_last_event_stored_while_unavailable(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    """Home Assistant stopped while qBittorrent was down: the stored state is `unavailable`,
    the last event's time is in the entity's extra data."""
    hub = hub_entry(qb_subentry(qb_daemon))
    hub.add_to_hass(hass)
    (subentry_id,) = hub.subentries
    er.async_get(hass).async_get_or_create(
        "event",
        DOMAIN,
        f"{subentry_id}_torrent",
        suggested_object_id="restored_torrent",
        config_entry=hub,
        config_subentry_id=subentry_id,
    )
    when = "2026-11-23T06:44:37.123+00:00"
    attributes = {"hash": "d" * 40, "name": "film.mkv", "instance": "qBittorrent"}
    mock_restore_cache_with_extra_data(
        hass,
        [
            (
                State("event.restored_torrent", STATE_UNAVAILABLE),
                {
                    "last_event_type": "completed",
                    "last_event_attributes": attributes,
                    "last_event_time": when,
                },
            )
        ],
    )
    await setup_hub(hass, hub)
    state = get_state(hass, "event.restored_torrent")
    assert state.state == when
    assert state.attributes["event_type"] == "completed"
    assert state.attributes["hash"] == "d" * 40
