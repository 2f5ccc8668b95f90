"""The VPN guard against real qbittorrent-nox and the gluetun simulator: down, leak, recovery,
torrents the user paused or resumed, a restart while held, qBittorrent unreachable, the option.

gluetun is driven through its own control server (`PUT /v1/vpn/status`) and the simulator's
test controls (`/_sim/leak`, `/_sim/reset`); qBittorrent's torrents are read straight from its
Web API (`torrents/info`), independent of the client under test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.pandora.const import (
    CONF_COUNTRIES,
    CONF_VERIFY_SSL,
    CONF_VPN_GUARD,
    DOMAIN,
    EVENT_VPN_GUARD,
    SUBENTRY_GLUETUN,
)
from custom_components.pandora.downloads import HOLD_VPN
from custom_components.pandora.vpnguard import GUARD_POLL
from custom_components.pandora.vpnguard.setup import _STORE
from devtools.simulators.gluetun import GluetunSimulator, start, static_country_source
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.torrents import TorrentFile, add_stalled
from homeassistant.config_entries import ConfigSubentryDataWithId
from homeassistant.const import CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir

from .conftest import hub_entry, qb_subentry, setup_hub
from .helpers import entity_id, filled_in, get_state, poll_until

GLUETUN_ID = "01VPNGUARDGLUETUN000000000"
QB_ID = "01VPNGUARDQBITTORRENT00000"


class Gluetun:
    """The simulator and its control server's URL."""

    def __init__(self, simulator: GluetunSimulator, url: str) -> None:
        self.simulator = simulator
        self.url = url

    async def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        async with (
            aiohttp.ClientSession() as session,
            session.request(method, self.url + path, json=body) as resp,
        ):
            assert resp.status == 200, await resp.text()
            return await resp.json(content_type=None)

    async def down(self) -> None:
        assert (await self.call("PUT", "/v1/vpn/status", {"status": "stopped"}))["outcome"]

    async def up(self) -> None:
        await self.call("PUT", "/v1/vpn/status", {"status": "running"})


@pytest.fixture
async def gluetun() -> AsyncIterator[Gluetun]:
    simulator = GluetunSimulator(static_country_source("Netherlands"), reconnect_seconds=0.2)
    runner, port = await start(simulator)
    yield Gluetun(simulator, f"http://127.0.0.1:{port}")
    await runner.cleanup()


def _gluetun_subentry(gluetun: Gluetun) -> ConfigSubentryDataWithId:
    return ConfigSubentryDataWithId(
        data={
            CONF_URL: gluetun.url,
            CONF_COUNTRIES: "Netherlands, Sweden",
            CONF_VERIFY_SSL: True,
        },
        subentry_type=SUBENTRY_GLUETUN,
        title="gluetun",
        unique_id=gluetun.url,
        subentry_id=GLUETUN_ID,
    )


def _guarded(daemon: QBittorrentDaemon, guard: str = GLUETUN_ID) -> ConfigSubentryDataWithId:
    sub = qb_subentry(daemon)
    return ConfigSubentryDataWithId(
        data={**sub["data"], CONF_VPN_GUARD: guard},
        subentry_type=sub["subentry_type"],
        title="qBittorrent",
        unique_id=sub["unique_id"],
        subentry_id=QB_ID,
    )


async def _hub(hass: HomeAssistant, daemon: QBittorrentDaemon, gluetun: Gluetun) -> MockConfigEntry:
    return await setup_hub(hass, hub_entry(_guarded(daemon), _gluetun_subentry(gluetun)))


def _states(daemon: QBittorrentDaemon) -> dict[str, str]:
    return {str(t["hash"]): str(t["state"]) for t in daemon.torrents()}


def _paused(state: str) -> bool:
    return state.startswith(("paused", "stopped"))


def _pause_by_hand(daemon: QBittorrentDaemon, torrent: TorrentFile) -> None:
    """Pause as a person does in qBittorrent's UI, until qBittorrent shows it paused.

    qBittorrent 4.5 drops a pause that arrives while it is still adding the torrent (seen on
    a loaded machine): asked again every few seconds, as a person would click again.
    """
    path = "torrents/stop" if daemon.version == "5" else "torrents/pause"
    for _ in range(6):
        daemon.api(path, {"hashes": torrent.infohash})
        try:
            daemon.wait_for(lambda t: t["hash"] == torrent.infohash and _paused(str(t["state"])), 5)
        except TimeoutError:
            continue
        return
    raise TimeoutError(f"qBittorrent never showed {torrent.name} paused")


def _resume_by_hand(daemon: QBittorrentDaemon, torrent: TorrentFile) -> None:
    path = "torrents/start" if daemon.version == "5" else "torrents/resume"
    daemon.api(path, {"hashes": torrent.infohash})


def _sensor(hass: HomeAssistant) -> str:
    return entity_id(hass, "binary_sensor", "vpn_guard")


async def test_down_holds_and_recovery_resumes_exactly_those(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon, gluetun: Gluetun
) -> None:
    """Down: every running torrent is paused and held; healthy again: exactly those resume,
    never one the user had paused; logbook-ready events and the binary sensor say so."""
    source = qb_daemon.host_base / "src"
    running = [add_stalled(qb_daemon, source, f"Running {i}.mkv") for i in range(2)]
    mine = add_stalled(qb_daemon, source, "Paused by me.mkv")
    _pause_by_hand(qb_daemon, mine)
    qb_daemon.wait_for(lambda t: t["hash"] == mine.infohash and _paused(str(t["state"])))
    events = async_capture_events(hass, EVENT_VPN_GUARD)
    entry = await _hub(hass, qb_daemon, gluetun)
    coordinator = entry.runtime_data.qbittorrent[QB_ID]
    assert get_state(hass, _sensor(hass)).state == "off"
    assert not _paused(_states(qb_daemon)[running[0].infohash])

    await gluetun.down()
    await poll_until(hass, lambda: all(_paused(s) for s in _states(qb_daemon).values()))
    await poll_until(hass, lambda: get_state(hass, _sensor(hass)).state == "on")
    state = get_state(hass, _sensor(hass))
    assert state.attributes["cause"] == "vpn_down"
    assert state.attributes["gluetun"] == "gluetun"
    assert state.attributes["torrents"] == 2
    assert coordinator.holds.held_by(HOLD_VPN) == {t.infohash for t in running}
    assert coordinator.holds.notices[HOLD_VPN]["cause"] == "vpn_down"
    assert [(e.data["action"], e.data["torrents"]) for e in events] == [("held", 2)]

    await gluetun.up()
    await poll_until(hass, lambda: get_state(hass, _sensor(hass)).state == "off")
    await poll_until(
        hass, lambda: not any(_paused(_states(qb_daemon)[t.infohash]) for t in running)
    )
    assert _paused(_states(qb_daemon)[mine.infohash])  # the user's pause stays
    assert coordinator.holds.held_by(HOLD_VPN) == set()
    assert HOLD_VPN not in coordinator.holds.notices
    assert [e.data["action"] for e in events] == ["held", "released"]
    assert events[-1].data["torrents"] == 2
    assert events[-1].data["cause"] == "vpn_down"


async def test_leak_holds_until_the_public_ip_is_back(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon, gluetun: Gluetun
) -> None:
    torrent = add_stalled(qb_daemon, qb_daemon.host_base / "src", "Leaky.mkv")
    events = async_capture_events(hass, EVENT_VPN_GUARD)
    await _hub(hass, qb_daemon, gluetun)
    select = entity_id(hass, "select", "vpn_country")
    await hass.services.async_call(
        "select", "select_option", {"entity_id": select, "option": "Netherlands"}, blocking=True
    )
    await gluetun.call("POST", "/_sim/leak", {"country": "Germany"})
    await poll_until(hass, lambda: get_state(hass, _sensor(hass)).state == "on")
    assert get_state(hass, _sensor(hass)).attributes["cause"] == "vpn_leak"
    await poll_until(hass, lambda: _paused(_states(qb_daemon)[torrent.infohash]))

    # Leaking, then down: still held, for the new cause.
    await gluetun.down()
    await poll_until(hass, lambda: get_state(hass, _sensor(hass)).attributes["cause"] == "vpn_down")
    assert [e.data["action"] for e in events] == ["held", "changed"]

    await gluetun.call("POST", "/_sim/reset")
    await poll_until(hass, lambda: get_state(hass, _sensor(hass)).state == "off")
    await poll_until(hass, lambda: not _paused(_states(qb_daemon)[torrent.infohash]))


@pytest.mark.parametrize("qb_daemon_session", ["5"], indirect=True, ids=["qb5"])
async def test_restart_while_held_resumes_the_right_ones(
    hass: HomeAssistant,
    qb_daemon: QBittorrentDaemon,
    gluetun: Gluetun,
    hass_storage: dict[str, Any],
) -> None:
    """Held across a Home Assistant restart: a torrent the user resumed meanwhile stays theirs,
    one added while held is paused too, and recovery after the restart resumes exactly the
    held ones."""
    source = qb_daemon.host_base / "src"
    first, second = (add_stalled(qb_daemon, source, f"Held {i}.mkv") for i in range(2))
    entry = await _hub(hass, qb_daemon, gluetun)
    coordinator = entry.runtime_data.qbittorrent[QB_ID]
    await gluetun.down()
    await poll_until(hass, lambda: len(coordinator.holds.held_by(HOLD_VPN)) == 2)
    await poll_until(hass, lambda: all(_paused(s) for s in _states(qb_daemon).values()))

    _resume_by_hand(qb_daemon, second)  # the user's choice wins over the hold
    late = add_stalled(qb_daemon, source, "Added while held.mkv")
    await poll_until(
        hass, lambda: coordinator.holds.held_by(HOLD_VPN) == {first.infohash, late.infohash}
    )
    await poll_until(hass, lambda: _paused(_states(qb_daemon)[late.infohash]))
    assert not _paused(_states(qb_daemon)[second.infohash])
    stored = hass_storage["pandora.vpn_guard"]["data"]["held"][QB_ID]
    assert stored["hashes"] == sorted([first.infohash, late.infohash])
    assert stored["exempt"] == [second.infohash]

    # Home Assistant stops while held; the VPN recovers meanwhile; it starts again.
    assert await hass.config_entries.async_unload(entry.entry_id)
    hass.data.pop(_STORE)  # read from storage again, as a new run does
    _pause_by_hand(qb_daemon, second)  # and the user paused theirs again meanwhile
    await gluetun.up()
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await poll_until(hass, lambda: get_state(hass, _sensor(hass)).state == "off")
    await poll_until(
        hass,
        lambda: not any(_paused(_states(qb_daemon)[t.infohash]) for t in (first, late)),
    )
    assert _paused(_states(qb_daemon)[second.infohash])
    assert QB_ID not in hass_storage["pandora.vpn_guard"]["data"]["held"]


async def test_unreachable_gluetun_neither_starts_nor_ends_a_hold(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon, gluetun: Gluetun
) -> None:
    torrent = add_stalled(qb_daemon, qb_daemon.host_base / "src", "Unknown.mkv")
    entry = await _hub(hass, qb_daemon, gluetun)
    guard = entry.runtime_data.vpn_guards[QB_ID]
    gluetun.simulator.malformed_next = 1_000  # gluetun answers garbage: its state is unknown
    await poll_until(hass, lambda: not entry.runtime_data.gluetun[GLUETUN_ID].last_update_success)
    assert guard.cause is None
    assert not _paused(_states(qb_daemon)[torrent.infohash])

    gluetun.simulator.malformed_next = 0
    await gluetun.down()
    await poll_until(hass, lambda: guard.cause == "vpn_down")
    gluetun.simulator.malformed_next = 1_000
    gluetun.simulator.user_stopped = False  # the VPN is back, but nobody can read it
    await poll_until(hass, lambda: not entry.runtime_data.gluetun[GLUETUN_ID].last_update_success)
    await poll_until(hass, lambda: _paused(_states(qb_daemon)[torrent.infohash]))
    assert guard.cause == "vpn_down"  # still held while gluetun cannot be read


async def test_qbittorrent_unreachable_while_pausing_is_retried_and_reported(
    hass: HomeAssistant, qb4_daemon: QBittorrentDaemon, gluetun: Gluetun
) -> None:
    torrent = add_stalled(qb4_daemon, qb4_daemon.host_base / "src", "Retry.mkv")
    entry = await _hub(hass, qb4_daemon, gluetun)
    coordinator = entry.runtime_data.qbittorrent[QB_ID]
    qb4_daemon.halt()
    await poll_until(hass, lambda: not coordinator.last_update_success)
    await gluetun.down()
    issues = ir.async_get(hass)
    issue_id = f"vpn_guard_failed_{QB_ID}"
    await poll_until(hass, lambda: issues.async_get_issue(DOMAIN, issue_id) is not None)
    issue = issues.async_get_issue(DOMAIN, issue_id)
    assert issue is not None and issue.translation_key == "vpn_guard_pause_failed"
    assert get_state(hass, _sensor(hass)).attributes["failing"] == "pause"

    qb4_daemon.start()
    await poll_until(hass, lambda: issues.async_get_issue(DOMAIN, issue_id) is None, timeout=60)
    # qBittorrent may list its torrents a sync or two after it answers again.
    await poll_until(hass, lambda: coordinator.holds.held_by(HOLD_VPN) == {torrent.infohash})
    await poll_until(hass, lambda: _paused(_states(qb4_daemon)[torrent.infohash]))
    assert get_state(hass, _sensor(hass)).attributes["failing"] is None


async def test_option_in_the_qbittorrent_flow(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon, gluetun: Gluetun
) -> None:
    """Reconfigure turns the guard on (a gluetun of the hub), refuses one deleted meanwhile,
    and turning it off while held resumes the held torrents and drops the binary sensor."""
    torrent = add_stalled(qb_daemon, qb_daemon.host_base / "src", "Option.mkv")
    entry = await setup_hub(hass, hub_entry(_guarded(qb_daemon, ""), _gluetun_subentry(gluetun)))
    assert entry.runtime_data.vpn_guards == {}
    form = {
        CONF_URL: qb_daemon.url,
        "username": qb_daemon.username,
        "password": "",
        CONF_VERIFY_SSL: True,
    }
    result = await entry.start_subentry_reconfigure_flow(hass, QB_ID)
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], form | {CONF_VPN_GUARD: GLUETUN_ID}
    )
    assert result["reason"] == "reconfigure_successful"
    assert entry.subentries[QB_ID].data[CONF_VPN_GUARD] == GLUETUN_ID
    await hass.async_block_till_done()
    await gluetun.down()
    await poll_until(hass, lambda: _paused(_states(qb_daemon)[torrent.infohash]))
    await poll_until(hass, lambda: get_state(hass, _sensor(hass)).state == "on")

    # Off while held: the torrents it paused come back, and its sensor goes.
    result = await entry.start_subentry_reconfigure_flow(hass, QB_ID)
    assert filled_in(result)[CONF_VPN_GUARD] == GLUETUN_ID
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], form | {CONF_VPN_GUARD: ""}
    )
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    await poll_until(hass, lambda: not _paused(_states(qb_daemon)[torrent.infohash]))
    assert not entry.runtime_data.qbittorrent[QB_ID].holds.held_by(HOLD_VPN)
    assert hass.states.get(_sensor(hass)) is None or (
        get_state(hass, _sensor(hass)).state == "unavailable"
    )

    # The gluetun named on the form was deleted before it was sent.
    result = await entry.start_subentry_reconfigure_flow(hass, QB_ID)
    hass.config_entries.async_remove_subentry(entry, GLUETUN_ID)
    await hass.async_block_till_done()
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], form | {CONF_VPN_GUARD: GLUETUN_ID}
    )
    assert result["errors"] == {CONF_VPN_GUARD: "unknown_gluetun"}


async def test_failed_pause_and_resume_are_undone_reported_and_retried(
    hass: HomeAssistant, qb4_daemon: QBittorrentDaemon, gluetun: Gluetun
) -> None:
    """qBittorrent stops answering between its poll and the guard's request: the record is
    undone (nothing claimed paused that is not), a repair says so, the next poll retries."""
    torrent = add_stalled(qb4_daemon, qb4_daemon.host_base / "src", "Flaky.mkv")
    entry = await _hub(hass, qb4_daemon, gluetun)
    coordinator = entry.runtime_data.qbittorrent[QB_ID]
    vpn = entry.runtime_data.gluetun[GLUETUN_ID]
    guard = entry.runtime_data.vpn_guards[QB_ID]
    issues = ir.async_get(hass)
    issue_id = f"vpn_guard_failed_{QB_ID}"

    qb4_daemon.halt()  # its coordinator has not noticed yet
    await gluetun.down()
    await vpn.async_refresh()
    await hass.async_block_till_done(wait_background_tasks=True)
    issue = issues.async_get_issue(DOMAIN, issue_id)
    assert issue is not None and issue.translation_key == "vpn_guard_pause_failed"
    assert guard.cause == "vpn_down"
    assert coordinator.holds.held_by(HOLD_VPN) == set()
    qb4_daemon.start()
    await poll_until(hass, lambda: coordinator.holds.held_by(HOLD_VPN) == {torrent.infohash})
    await poll_until(hass, lambda: _paused(_states(qb4_daemon)[torrent.infohash]))
    assert issues.async_get_issue(DOMAIN, issue_id) is None

    qb4_daemon.halt()
    await gluetun.up()

    def resume_failed() -> bool:
        issue = issues.async_get_issue(DOMAIN, issue_id)
        return issue is not None and issue.translation_key == "vpn_guard_resume_failed"

    await poll_until(hass, resume_failed)
    assert guard.cause == "vpn_down"  # still held, still recorded
    assert coordinator.holds.held_by(HOLD_VPN) == {torrent.infohash}
    qb4_daemon.start()
    await poll_until(hass, lambda: guard.cause is None, timeout=60)
    await poll_until(hass, lambda: not _paused(_states(qb4_daemon)[torrent.infohash]))
    assert issues.async_get_issue(DOMAIN, issue_id) is None


@pytest.mark.shipped_intervals
async def test_a_guarding_gluetun_is_polled_faster_and_stale_holds_go(
    hass: HomeAssistant,
    qb_daemon: QBittorrentDaemon,
    gluetun: Gluetun,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    hass_storage["pandora.vpn_guard"] = {
        "version": 1,
        "key": "pandora.vpn_guard",
        "data": {"held": {"01REMOVEDQBITTORRENT000000": {"hashes": ["a" * 40]}}},
    }
    entry = await _hub(hass, qb_daemon, gluetun)
    assert entry.runtime_data.gluetun[GLUETUN_ID].update_interval == GUARD_POLL
    assert "01REMOVEDQBITTORRENT000000" not in hass_storage["pandora.vpn_guard"]["data"]["held"]
    await hass.config_entries.async_unload(entry.entry_id)

    other = await setup_hub(hass, hub_entry(_guarded(qb_daemon, "01NOSUCHGLUETUN00000000000")))
    assert other.runtime_data.vpn_guards == {}
    assert "the gluetun its VPN guard follows is gone" in caplog.text
