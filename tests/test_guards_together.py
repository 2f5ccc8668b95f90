"""The guards together and across reloads (real qbittorrent-nox): first written as an adversarial
review's proofs of bugs, kept as their regression tests."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest

from custom_components.pandora.api.qbittorrent import QBittorrentClient
from custom_components.pandora.const import DOMAIN
from custom_components.pandora.downloads import HOLD_DISK, HOLD_VPN
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.torrents import add_stalled
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir

from .conftest import hub_entry, qb_subentry, setup_hub
from .helpers import poll, poll_until
from .test_vpn_guard import (  # noqa: F401 (fixture)
    QB_ID,
    Gluetun,
    _gluetun_subentry,
    _guarded,
    _paused,
    _states,
    gluetun,
)

HUGE = 10**7  # GB


@pytest.mark.parametrize("qb_daemon_session", ["5"], indirect=True, ids=["qb5"])
async def test_disk_guard_does_not_resume_a_torrent_the_vpn_guard_holds(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon, gluetun: Gluetun
) -> None:
    """A torrent held by both guards (the disk guard paused it from a sync taken before the
    VPN guard's pause showed): space returning must not resume it while the VPN is down."""
    torrent = add_stalled(qb_daemon, qb_daemon.host_base / "src", "Both.mkv")
    entry = await setup_hub(
        hass,
        hub_entry(_guarded(qb_daemon), _gluetun_subentry(gluetun), disk_guard_pause=True),
    )
    coordinator = entry.runtime_data.qbittorrent[QB_ID]
    await gluetun.down()
    await poll_until(hass, lambda: coordinator.holds.held_by(HOLD_VPN) == {torrent.infohash})
    await poll_until(hass, lambda: _paused(_states(qb_daemon)[torrent.infohash]))
    # The disk guard holds it as well (what `_pause_downloads` records in the race).
    coordinator.holds.hold([torrent.infohash], HOLD_DISK)
    # Space is fine (the guard is off): the disk guard releases its holds at the next poll.
    # qBittorrent reports a state change a second or so later: watch on the real clock.
    with contextlib.suppress(TimeoutError):
        await poll_until(hass, lambda: not _paused(_states(qb_daemon)[torrent.infohash]), 8)
    assert entry.runtime_data.vpn_guards[QB_ID].cause == "vpn_down"  # still down
    assert _paused(_states(qb_daemon)[torrent.infohash]), "resumed while the VPN is down"


@pytest.mark.parametrize("qb_daemon_session", ["5"], indirect=True, ids=["qb5"])
async def test_space_returning_while_the_vpn_is_down_resumes_nothing(
    hass: HomeAssistant,
    qb_daemon: QBittorrentDaemon,
    gluetun: Gluetun,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Disk guard holds A (paused); the VPN goes down (A is paused, so the VPN guard does not
    hold it); space returns: the disk guard resumes A while the VPN is still down."""
    resumed: list[tuple[list[str], bool]] = []
    vpn_down = False
    original = QBittorrentClient.resume

    async def spy(  # every resume, and whether gluetun was down then
        self: QBittorrentClient, hashes: Any, *args: Any, **kwargs: Any
    ) -> Any:
        resumed.append((sorted(hashes), vpn_down))
        return await original(self, hashes, *args, **kwargs)

    monkeypatch.setattr(QBittorrentClient, "resume", spy)
    torrent = add_stalled(qb_daemon, qb_daemon.host_base / "src", "Disk.mkv")
    entry = await setup_hub(
        hass,
        hub_entry(_guarded(qb_daemon), _gluetun_subentry(gluetun), disk_guard_pause=True),
    )
    await poll_until(hass, lambda: _states(qb_daemon)[torrent.infohash] == "stalledDL")
    hass.config_entries.async_update_entry(entry, options=entry.options | {"min_free_gb": HUGE})
    await hass.async_block_till_done()
    coordinator = entry.runtime_data.qbittorrent[QB_ID]
    await poll_until(hass, lambda: coordinator.holds.held_by(HOLD_DISK) == {torrent.infohash})
    await poll_until(hass, lambda: _paused(_states(qb_daemon)[torrent.infohash]))
    await gluetun.down()
    vpn_down = True
    await poll_until(hass, lambda: entry.runtime_data.vpn_guards[QB_ID].cause == "vpn_down")
    # Space returns (the minimum is lowered): the VPN is still down.
    hass.config_entries.async_update_entry(entry, options=entry.options | {"min_free_gb": 0})
    await hass.async_block_till_done()
    await poll_until(
        hass, lambda: not entry.runtime_data.qbittorrent[QB_ID].holds.held_by(HOLD_DISK)
    )
    assert entry.runtime_data.vpn_guards[QB_ID].cause == "vpn_down"
    assert [h for h, down in resumed if down] == [], "resumed while the VPN is down"


async def test_turning_the_guard_off_in_the_options_clears_its_repair(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    """Below the minimum, the repair is raised; the admin sets the minimum to 0 in the hub's
    options (not through the repair): the reload's new guard never knew it was low, so the
    issue stays (and `pandora_disk_space_restored` never fires)."""
    entry = await setup_hub(hass, hub_entry(qb_subentry(qb_daemon), min_free_gb=HUGE))
    sid = next(iter(entry.runtime_data.qbittorrent))
    issue_id = f"disk_space_low_{sid}"
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is not None
    hass.config_entries.async_update_entry(entry, options=entry.options | {"min_free_gb": 0})
    await hass.async_block_till_done()
    for _ in range(3):
        await poll(hass)
    assert not entry.runtime_data.qbittorrent[sid].disk_guard.blocking
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None, "stale repair issue"


@pytest.mark.parametrize("qb_daemon_session", ["5"], indirect=True, ids=["qb5"])
async def test_a_download_started_after_the_guard_went_low_is_paused_too(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    """ "Pause running downloads" pauses only what downloads at the poll the guard goes low:
    a torrent added in qBittorrent's own UI (or by Sonarr) afterwards, or one still loading or
    checking at that poll, downloads on and fills the disk."""
    entry = await setup_hub(
        hass, hub_entry(qb_subentry(qb_daemon), min_free_gb=HUGE, disk_guard_pause=True)
    )
    coordinator = next(iter(entry.runtime_data.qbittorrent.values()))
    assert coordinator.disk_guard.blocking
    late = add_stalled(qb_daemon, qb_daemon.host_base / "src", "Added in qBittorrent.mkv")
    await poll_until(hass, lambda: _states(qb_daemon).get(late.infohash) == "stalledDL")
    with contextlib.suppress(TimeoutError):
        await poll_until(hass, lambda: _paused(_states(qb_daemon)[late.infohash]), 8)
    assert _paused(_states(qb_daemon)[late.infohash]), "downloading while the disk is short"


@pytest.mark.parametrize("qb_daemon_session", ["5"], indirect=True, ids=["qb5"])
async def test_start_downloads_anyway_survives_an_unrelated_options_change(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    """The repair's "Start downloads anyway" holds "until space returns": any options change
    (or a subentry added, or a restart) reloads the hub, and the new guard blocks (and pauses)
    again, with a new repair and a second `pandora_disk_space_low`."""
    entry = await setup_hub(hass, hub_entry(qb_subentry(qb_daemon), min_free_gb=HUGE))
    coordinator = next(iter(entry.runtime_data.qbittorrent.values()))
    coordinator.disk_guard.resume_anyway()
    assert not coordinator.disk_guard.blocking
    hass.config_entries.async_update_entry(entry, options=entry.options | {"voice_control": True})
    await hass.async_block_till_done()
    await poll(hass)
    coordinator = next(iter(entry.runtime_data.qbittorrent.values()))
    assert not coordinator.disk_guard.blocking, "the administrator's choice was forgotten"
