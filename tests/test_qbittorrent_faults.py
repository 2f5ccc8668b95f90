"""qBittorrent restarts and changes its password under Pandora (real 4.5 and 5.x daemons).

Each test has its own daemon, with qBittorrent's default ban threshold (5 refused logins ban the
address for an hour), restarted on the same profile, ports and torrents.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
import time
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.pandora.const import BUS_EVENTS, DOMAIN
from custom_components.pandora.downloads.coordinator import QBittorrentCoordinator
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.torrents import make_payload, make_torrent, random_suffix
from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.const import CONF_PASSWORD, CONF_USERNAME, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from tests.conftest import QB_VERSIONS, _start, hub_entry, qb_subentry, setup_hub
from tests.helpers import entity_id, get_state, poll, poll_until

NEW_PASSWORD = "changed-elsewhere"


@pytest.fixture(params=QB_VERSIONS, ids=["qb4.5", "qb5"])
def daemon(request: pytest.FixtureRequest) -> Iterator[QBittorrentDaemon]:
    """A private daemon of each version, qBittorrent's defaults for failed logins."""
    started = _start(request.param)
    assert started.max_auth_failures is None  # qBittorrent's default: 5
    yield started
    started.stop()


async def restart(daemon: QBittorrentDaemon, password: str | None = None) -> None:
    """Restart the daemon, then let the event loop see its old connections close (it would
    while qBittorrent restarts; the test blocks it meanwhile)."""
    daemon.restart(password=password)
    await asyncio.sleep(0.1)


def capture_all(hass: HomeAssistant) -> dict[str, list[Any]]:
    return {name.rsplit("_", 1)[1]: async_capture_events(hass, name) for name in BUS_EVENTS}


def coordinator_of(hub: MockConfigEntry) -> QBittorrentCoordinator:
    coordinator: QBittorrentCoordinator = next(iter(hub.runtime_data.qbittorrent.values()))
    return coordinator


def seed_checked_torrents(daemon: QBittorrentDaemon, count: int) -> None:
    """Torrents whose data qBittorrent has checked and seeds (after a restart, 4.5 then lists
    them with progress 0 while it loads their resume data)."""
    for i in range(count):
        payload = make_payload(
            daemon.host_base / "data", f"film-{i}-{random_suffix()}.mkv", 300_000
        )
        torrent = make_torrent(payload)
        daemon.add_torrent_file(torrent.content, payload.parent)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        torrents = daemon.torrents()
        if len(torrents) == count and all(t["state"] == "stalledUP" for t in torrents):
            return
        time.sleep(0.2)
    raise TimeoutError(f"torrents not seeding: {daemon.torrents()}")


def settled(coordinator: QBittorrentCoordinator) -> bool:
    return all(t.state == "stalledUP" for t in coordinator.data.torrents.values())


async def test_restart_in_the_resume_data_window_fires_nothing_again(
    hass: HomeAssistant, daemon: QBittorrentDaemon
) -> None:
    """A poll lands while qBittorrent loads its torrents: no second `completed`, and the
    Seeding and Completed counts keep their values."""
    count = 4
    seed_checked_torrents(daemon, count)
    hub = await setup_hub(hass, hub_entry(qb_subentry(daemon)))
    coordinator = coordinator_of(hub)
    seeding = entity_id(hass, "sensor", "torrents_seeding")
    completed = entity_id(hass, "sensor", "torrents_completed")
    assert get_state(hass, completed).state == str(count)
    events = capture_all(hass)

    # The window lasts about a second and a half after the Web UI answers: restart until a
    # poll lands in it (the first attempt nearly always does).
    for attempt in range(5):
        await restart(daemon)
        await poll(hass)
        if any(t.state == "checkingResumeData" for t in coordinator.data.torrents.values()):
            print(
                f"qBittorrent {daemon.version}: a poll landed in the window at attempt {attempt + 1}"
            )
            break
        await poll_until(hass, lambda: settled(coordinator))
    else:
        pytest.fail("no poll landed in qBittorrent's resume-data window")
    assert coordinator.last_update_success
    in_window = get_state(hass, seeding).state, get_state(hass, completed).state

    await poll_until(hass, lambda: settled(coordinator))
    await poll(hass)
    assert {kind: len(captured) for kind, captured in events.items()} == dict.fromkeys(events, 0)
    assert in_window == (str(count), str(count))
    assert get_state(hass, seeding).state == get_state(hass, completed).state == str(count)


async def wait_for_refused_logins(daemon: QBittorrentDaemon, seconds: float = 1.0) -> int:
    """qBittorrent's log is flushed after each message; give it a moment."""
    await asyncio.sleep(seconds)
    return daemon.refused_logins()


async def reauthenticate(hass: HomeAssistant, daemon: QBittorrentDaemon) -> dict[str, Any]:
    """Answer the hub's re-authentication with the daemon's current credentials."""
    (flow,) = [
        f
        for f in hass.config_entries.flow.async_progress_by_handler(DOMAIN)
        if f["context"]["source"] == SOURCE_REAUTH
    ]
    result: dict[str, Any] = dict(
        await hass.config_entries.flow.async_configure(
            flow["flow_id"], {CONF_USERNAME: daemon.username, CONF_PASSWORD: daemon.password}
        )
    )
    await hass.async_block_till_done()
    return result


async def test_changed_password_one_refused_login_then_reauth(
    hass: HomeAssistant, daemon: QBittorrentDaemon
) -> None:
    """The password changes (qBittorrent restarted with a new one): Pandora tries the old one
    once and stops, so qBittorrent never bans Home Assistant and the reauth succeeds."""
    hub = await setup_hub(hass, hub_entry(qb_subentry(daemon)))
    total = entity_id(hass, "sensor", "torrents_total")
    assert get_state(hass, total).state == "0"

    await restart(daemon, NEW_PASSWORD)
    for _ in range(8):  # 40 s of polling at the shipped 5 s interval
        await poll(hass)
        await asyncio.sleep(0.2)
    assert get_state(hass, total).state == STATE_UNAVAILABLE
    assert await wait_for_refused_logins(daemon) == 1
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [f["context"]["source"] for f in flows] == [SOURCE_REAUTH]
    assert flows[0]["step_id"] == "reauth_qbittorrent"

    started = time.perf_counter()
    result = await reauthenticate(hass, daemon)
    assert result["type"] is FlowResultType.ABORT, result.get("errors")
    assert result["reason"] == "reauth_successful"
    await poll_until(hass, lambda: get_state(hass, total).state == "0")
    recovery = time.perf_counter() - started
    assert hub.state is ConfigEntryState.LOADED
    assert await wait_for_refused_logins(daemon, 0.5) == 1
    print(f"qBittorrent {daemon.version}: reauth to entities available in {recovery:.2f} s")


async def test_reauth_with_the_same_password_resumes(
    hass: HomeAssistant, daemon: QBittorrentDaemon
) -> None:
    """The password was changed back: confirming the unchanged credentials resumes polling
    (nothing in the subentry changes, so nothing else would reload it)."""
    await setup_hub(hass, hub_entry(qb_subentry(daemon)))
    total = entity_id(hass, "sensor", "torrents_total")
    original = daemon.password
    await restart(daemon, NEW_PASSWORD)
    await poll(hass)
    assert get_state(hass, total).state == STATE_UNAVAILABLE
    await restart(daemon, original)
    for _ in range(3):
        await poll(hass)
        await asyncio.sleep(0.2)
    assert get_state(hass, total).state == STATE_UNAVAILABLE  # Pandora does not try again
    result = await reauthenticate(hass, daemon)
    assert result["reason"] == "reauth_successful"
    await poll_until(hass, lambda: get_state(hass, total).state == "0")
    assert await wait_for_refused_logins(daemon) == 1


async def test_event_entity_keeps_the_last_event_across_reauth(
    hass: HomeAssistant, daemon: QBittorrentDaemon
) -> None:
    """Re-authentication reloads the hub while its entities are unavailable; the torrent event
    entity still tells the last event afterwards."""
    await setup_hub(hass, hub_entry(qb_subentry(daemon)))
    event_entity = entity_id(hass, "event", "torrent")
    events = capture_all(hass)
    payload = make_payload(daemon.host_base / "data", f"film-{random_suffix()}.mkv", 300_000)
    torrent = make_torrent(payload)
    daemon.add_torrent_file(torrent.content, payload.parent)
    await poll_until(hass, lambda: len(events["completed"]) == 1)
    last = get_state(hass, event_entity)
    assert last.attributes["event_type"] == "completed"

    await restart(daemon, NEW_PASSWORD)
    await poll(hass)
    assert get_state(hass, event_entity).state == STATE_UNAVAILABLE
    result = await reauthenticate(hass, daemon)
    assert result["reason"] == "reauth_successful"
    await poll_until(hass, lambda: get_state(hass, event_entity).state != STATE_UNAVAILABLE)

    after = get_state(hass, event_entity)
    assert after.state == last.state
    assert after.attributes["event_type"] == "completed"
    assert after.attributes["hash"] == torrent.infohash
    assert len(events["completed"]) == 1
