"""The disk guard against real qbittorrent-nox (its own free-space report) and the simulator.

Below the hub's minimum, no download starts: `download_release` and `add_torrent` refuse with a
translated error (added paused is allowed), the binary sensor and a fixable repair say so, and
with "pause running downloads" the guard pauses exactly what was downloading and resumes exactly
that once space returns, across a restart. The repair's flow is driven through Home Assistant's
own HTTP API, as the Repairs page does (administrators only). The request pipeline's side
(waiting, then downloading) is in tests/test_request_pipeline.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.pandora.api.qbittorrent import QBittorrentClient
from custom_components.pandora.const import DOMAIN
from custom_components.pandora.downloads import HOLD_DISK, HOLD_GOAL, QBittorrentCoordinator
from custom_components.pandora.downloads.disk import GB, format_gb, format_size
from custom_components.pandora.repairs import DiskSpaceRepairFlow, async_create_fix_flow
from devtools.simulators.qbittorrent import QBittorrentSimulator, start as start_simulator
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from homeassistant.components.repairs import ConfirmRepairFlow
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
from tests.conftest import hub_entry, qb_subentry, setup_hub
from tests.helpers import poll, poll_until, wait_until

HUGE = 10**7  # GB: more than any disk this runs on has free
MAGNETS = [f"magnet:?xt=urn:btih:{c * 40}&dn=Nobody.Seeds.{c}" for c in "123"]


def _coordinator(entry: MockConfigEntry) -> QBittorrentCoordinator:
    coordinators: list[QBittorrentCoordinator] = list(entry.runtime_data.qbittorrent.values())
    (coordinator,) = coordinators
    return coordinator


def _sensor(hass: HomeAssistant) -> str:
    (state,) = [
        s for s in hass.states.async_all("binary_sensor") if s.entity_id.endswith("disk_space_low")
    ]
    return state.state


async def _add(hass: HomeAssistant, service: str, **data: Any) -> Any:
    return await hass.services.async_call(
        DOMAIN, service, data, blocking=True, return_response=True, context=Context()
    )


async def test_below_the_minimum_no_download_starts(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    low = async_capture_events(hass, "pandora_disk_space_low")
    hub = await setup_hub(hass, hub_entry(qb_subentry(qb_daemon), min_free_gb=HUGE))
    coordinator = _coordinator(hub)
    free = coordinator.data.server_state.free_space_on_disk
    assert free is not None and free > 0  # what qbittorrent-nox itself reports
    assert _sensor(hass) == "on"
    (event,) = low
    assert event.data == {
        "instance": coordinator.subentry.title,
        "subentry_id": coordinator.subentry.subentry_id,
        "free_bytes": free,
        "minimum_bytes": HUGE * GB,
    }
    issue = ir.async_get(hass).async_get_issue(
        DOMAIN, f"disk_space_low_{coordinator.subentry.subentry_id}"
    )
    assert issue is not None and issue.is_fixable
    assert issue.translation_placeholders is not None
    assert issue.translation_placeholders["minimum"] == f"{HUGE} GB"

    for service, data in (
        ("download_release", {"url": MAGNETS[0]}),
        ("add_torrent", {"url": MAGNETS[0]}),
    ):
        with pytest.raises(HomeAssistantError) as refused:
            await _add(hass, service, **data)
        assert refused.value.translation_key == "disk_space_low"
        assert (refused.value.translation_placeholders or {})["name"] == coordinator.subentry.title
    assert qb_daemon.torrents() == []
    # Added paused, it downloads nothing: allowed.
    await _add(hass, "add_torrent", url=MAGNETS[0], paused=True)
    await wait_until(lambda: len(qb_daemon.torrents()) == 1)


async def test_running_downloads_are_held_and_exactly_those_resume(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon, hass_client: Any
) -> None:
    hub = await setup_hub(hass, hub_entry(qb_subentry(qb_daemon), disk_guard_pause=True))
    for magnet in MAGNETS[:2]:
        await _add(hass, "add_torrent", url=magnet)
    await _add(hass, "add_torrent", url=MAGNETS[2], paused=True)  # the person's own pause
    hashes = [c * 40 for c in "123"]
    await wait_until(lambda: len(qb_daemon.torrents()) == 3)
    mine = qb_daemon_states(qb_daemon)[hashes[2]]

    # Short of space: what was downloading is paused and held, saved for a restart.
    hass.config_entries.async_update_entry(hub, options=hub.options | {"min_free_gb": HUGE})
    await hass.async_block_till_done()

    def held() -> set[str]:
        return _coordinator(hub).holds.held_by(HOLD_DISK)

    await wait_until(lambda: held() == set(hashes[:2]))
    sid = _coordinator(hub).subentry.subentry_id
    assert hub.runtime_data.history.holds(sid) == {h: [HOLD_DISK] for h in hashes[:2]}
    await wait_until(
        lambda: all(
            s.startswith(("paused", "stopped"))
            for h, s in qb_daemon_states(qb_daemon).items()
            if h in hashes[:2]
        )
    )

    # A restart while held keeps holding them (read back from the history).
    assert await hass.config_entries.async_reload(hub.entry_id)
    await hass.async_block_till_done()
    assert held() == set(hashes[:2])

    # Lowering the minimum in the repair's flow: space is enough, exactly those resume.
    await async_setup_component(hass, "repairs", {})
    client = await hass_client()
    flow = await _fix(client, f"disk_space_low_{sid}")
    assert flow["type"] == "menu"
    assert flow["menu_options"] == ["lower_threshold", "resume_anyway"]  # nothing met a goal
    flow = await _step(client, flow, {"next_step_id": "lower_threshold"})
    assert flow["type"] == "form"
    refused = await _step(client, flow, {"min_free_gb": HUGE})
    assert refused["errors"] == {"min_free_gb": "not_lower"}
    done = await _step(client, refused, {"min_free_gb": 0})
    assert done["type"] == "create_entry"
    await hass.async_block_till_done()
    assert hub.options["min_free_gb"] == 0
    await wait_until(lambda: not held())
    await wait_until(
        lambda: (
            not any(
                s.startswith(("paused", "stopped"))
                for h, s in qb_daemon_states(qb_daemon).items()
                if h in hashes[:2]
            )
        )
    )
    assert qb_daemon_states(qb_daemon)[hashes[2]] == mine  # still the person's pause
    assert _sensor(hass) == "off"
    assert hub.runtime_data.history.holds(sid) == {}


def qb_daemon_states(daemon: QBittorrentDaemon) -> dict[str, str]:
    return {str(t["hash"]): str(t["state"]) for t in daemon.torrents()}


async def _fix(client: Any, issue_id: str) -> dict[str, Any]:
    response = await client.post(
        "/api/repairs/issues/fix", json={"handler": DOMAIN, "issue_id": issue_id}
    )
    assert response.status == 200, await response.text()
    result: dict[str, Any] = await response.json()
    return result


async def _step(client: Any, flow: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(f"/api/repairs/issues/fix/{flow['flow_id']}", json=data)
    assert response.status == 200, await response.text()
    result: dict[str, Any] = await response.json()
    return result


async def test_the_repair_removes_goal_met_torrents_or_resumes_anyway(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon, hass_client: Any, hass_read_only_user: Any
) -> None:
    hub = await setup_hub(hass, hub_entry(qb_subentry(qb_daemon), min_free_gb=HUGE))
    await _add(hass, "add_torrent", url=MAGNETS[0], paused=True)
    await _add(hass, "add_torrent", url=MAGNETS[1], paused=True)
    await wait_until(lambda: len(qb_daemon.torrents()) == 2)
    coordinator = _coordinator(hub)
    await coordinator.async_refresh()
    # What the seeding goals hold once a torrent met its goal (downloads/holds.py).
    coordinator.holds.hold(["1" * 40, "2" * 40], HOLD_GOAL)
    sid = coordinator.subentry.subentry_id
    await async_setup_component(hass, "repairs", {})

    # Household members never see repairs, nor run their flows.
    member = await hass_client(hass_read_only_user)
    response = await member.post(
        "/api/repairs/issues/fix", json={"handler": DOMAIN, "issue_id": f"disk_space_low_{sid}"}
    )
    assert response.status == 401

    client = await hass_client()
    flow = await _fix(client, f"disk_space_low_{sid}")
    assert flow["menu_options"] == ["remove_goal_met", "lower_threshold", "resume_anyway"]
    form = await _step(client, flow, {"next_step_id": "remove_goal_met"})
    assert (form["description_placeholders"] or {})["count"] == "2"
    refused = await _step(client, form, {"torrents": []})
    assert refused["errors"] == {"torrents": "choose_torrents"}
    # A hash that was not offered is refused by the form itself.
    response = await client.post(
        f"/api/repairs/issues/fix/{refused['flow_id']}", json={"torrents": ["f" * 40]}
    )
    assert response.status == 400
    assert refused["data_schema"][-1]["name"] == "delete_files"  # offered, off by default
    done = await _step(client, refused, {"torrents": ["1" * 40], "delete_files": True})
    assert done["type"] == "create_entry"
    await wait_until(lambda: [t["hash"] for t in qb_daemon.torrents()] == ["2" * 40])

    # Still short (the issue comes back on the next poll), so: resume anyway.
    await coordinator.async_refresh()
    await hass.async_block_till_done()
    flow = await _fix(client, f"disk_space_low_{sid}")
    flow = await _step(client, flow, {"next_step_id": "resume_anyway"})
    done = await _step(client, flow, {})
    assert done["type"] == "create_entry"
    assert _sensor(hass) == "off"
    await coordinator.async_refresh()
    await hass.async_block_till_done()
    assert not coordinator.disk_guard.blocking
    assert ir.async_get(hass).async_get_issue(DOMAIN, f"disk_space_low_{sid}") is None
    await _add(hass, "add_torrent", url=MAGNETS[2])  # allowed again
    await wait_until(lambda: len(qb_daemon.torrents()) == 2)
    # An issue left for a qBittorrent that is no longer configured: nothing to fix.
    ir.async_create_issue(
        hass,
        DOMAIN,
        "disk_space_low_gone",
        is_fixable=True,
        severity=ir.IssueSeverity.WARNING,
        translation_key="disk_space_low",
        data={"subentry_id": "gone"},
    )
    flow = await _fix(client, "disk_space_low_gone")
    assert flow["type"] == "abort" and flow["reason"] == "disk_space_resolved"


# --- the edges, with the simulator (its free space set as a disk would change) -----------------


@pytest.fixture
async def simulator() -> AsyncIterator[tuple[QBittorrentSimulator, str]]:
    sim = QBittorrentSimulator(torrent_count=3)
    runner, port = await start_simulator(sim)
    yield sim, f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_space_must_come_back_with_a_margin(
    hass: HomeAssistant, simulator: tuple[QBittorrentSimulator, str]
) -> None:
    sim, url = simulator
    sim.server_state["free_space_on_disk"] = 100 * GB
    subentry = ConfigSubentryData(
        data={CONF_URL: url, CONF_USERNAME: sim.username, CONF_PASSWORD: sim.password},
        subentry_type="qbittorrent",
        title="Simulated",
        unique_id=url,
    )
    restored = async_capture_events(hass, "pandora_disk_space_restored")
    hub = await setup_hub(hass, hub_entry(subentry, min_free_gb=50))
    coordinator = _coordinator(hub)
    guard = coordinator.disk_guard

    def blocking() -> bool:
        return guard.blocking

    assert not blocking() and _sensor(hass) == "off"

    async def free(gb: float) -> None:
        sim.server_state["free_space_on_disk"] = int(gb * GB)
        await coordinator.async_refresh()
        await hass.async_block_till_done()

    await free(49.5)
    assert blocking() and _sensor(hass) == "on"
    # The Downloads tab's banner (the feed's notices): the free space to 0.1 GB, the minimum.
    notice = coordinator.holds.notices[HOLD_DISK]
    assert notice["free"] == 49.5 * GB and notice["minimum"] == 50 * GB
    assert notice["torrents"] == 0 and notice["since"]
    await free(50.5)  # above the minimum, within the margin: still short
    assert blocking()
    await free(51)
    assert not blocking() and _sensor(hass) == "off"
    assert HOLD_DISK not in coordinator.holds.notices
    assert [e.data["free_bytes"] for e in restored] == [51 * GB]
    # qBittorrent not saying how much is free holds nothing back.
    await free(10)
    assert blocking()
    del sim.server_state["free_space_on_disk"]
    sim.server_state["dl_info_speed"] = 1  # a change, so the next answer carries server_state
    await coordinator.async_refresh()
    await hass.async_block_till_done()
    # The client keeps the last reported value (maindata is a diff): still what it knew.
    assert guard.free == 10 * GB


async def test_the_client_reports_free_space(qb_daemon: QBittorrentDaemon) -> None:
    """What the guard relies on: qbittorrent-nox reports its disk's free space in maindata."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        client = QBittorrentClient(
            qb_daemon.url, qb_daemon.username, qb_daemon.password, session=session
        )
        await client.connect()
        await client.sync()
        assert (client.maindata.server_state.free_space_on_disk or 0) > GB
        await client.close()


def test_sizes_read_as_people_write_them() -> None:
    assert format_gb(10 * GB) == "10 GB"
    assert format_gb(74_312_000_000) == "74.3 GB"
    assert format_size(25_200_000) == "25.2 MB"
    assert format_size(4_700_000_000) == "4.7 GB"


async def test_a_download_resumed_by_hand_while_short_is_left_running(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    hub = await setup_hub(hass, hub_entry(qb_subentry(qb_daemon), disk_guard_pause=True))
    for magnet in MAGNETS[:2]:
        await _add(hass, "add_torrent", url=magnet)
    await wait_until(lambda: len(qb_daemon.torrents()) == 2)
    hass.config_entries.async_update_entry(hub, options=hub.options | {"min_free_gb": HUGE})
    await hass.async_block_till_done()
    mine, other = "1" * 40, "2" * 40

    def held() -> set[str]:
        return _coordinator(hub).holds.held_by(HOLD_DISK)

    def paused(torrent_hash: str) -> bool:
        return qb_daemon_states(qb_daemon)[torrent_hash].startswith(("paused", "stopped"))

    await poll_until(hass, lambda: held() == {mine, other} and paused(mine) and paused(other))
    # The guard sees them paused (a poll after qBittorrent says so).
    await poll_until(hass, lambda: _coordinator(hub).data.torrents[mine].status.value == "paused")
    await poll(hass, 6)
    # The person wants this one anyway (qBittorrent's own UI): it is theirs now.
    version = "start" if qb_daemon.version == "5" else "resume"
    qb_daemon.api(f"torrents/{version}", {"hashes": mine})
    await poll_until(hass, lambda: held() == {other})
    for _ in range(3):
        await poll(hass, 6)
    assert not paused(mine) and paused(other)
    assert held() == {other}


async def test_the_repair_flow_at_its_edges(
    hass: HomeAssistant, qb4_daemon: QBittorrentDaemon, hass_client: Any
) -> None:
    """Nothing left to fix, nothing to remove, qBittorrent gone while removing, an unknown issue."""
    hub = await setup_hub(hass, hub_entry(qb_subentry(qb4_daemon), min_free_gb=HUGE))
    coordinator = _coordinator(hub)
    sid = coordinator.subentry.subentry_id
    assert isinstance(await async_create_fix_flow(hass, "something_else", None), ConfirmRepairFlow)

    # The qBittorrent is no longer configured: every step says there is nothing to fix.
    gone = DiskSpaceRepairFlow("gone")
    gone.hass = hass
    for step in (
        gone.async_step_remove_goal_met,
        gone.async_step_lower_threshold,
        gone.async_step_resume_anyway,
    ):
        result = await step()
        assert result["type"] == "abort" and result["reason"] == "disk_space_resolved"

    # No torrent met its goal (any more): nothing to remove.
    flow = DiskSpaceRepairFlow(sid)
    flow.hass = hass
    result = await flow.async_step_remove_goal_met()
    assert result["type"] == "abort" and result["reason"] == "nothing_to_remove"

    # qBittorrent stops answering between the list and the removal: nothing is lost, ask again.
    await _add(hass, "add_torrent", url=MAGNETS[0], paused=True)
    await wait_until(lambda: len(qb4_daemon.torrents()) == 1)
    await coordinator.async_refresh()
    coordinator.holds.hold(["1" * 40], HOLD_GOAL)
    await async_setup_component(hass, "repairs", {})
    client = await hass_client()
    menu = await _fix(client, f"disk_space_low_{sid}")
    form = await _step(client, menu, {"next_step_id": "remove_goal_met"})
    qb4_daemon.halt()
    try:
        failed = await _step(client, form, {"torrents": ["1" * 40], "delete_files": False})
        assert failed["errors"] == {"base": "cannot_remove"}
    finally:
        qb4_daemon.start()
    assert [t["hash"] for t in qb4_daemon.torrents()] == ["1" * 40]
