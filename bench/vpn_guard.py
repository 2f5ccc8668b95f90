"""How quickly the VPN guard pauses: gluetun reports the VPN down → qBittorrent's torrents paused.

Real qbittorrent-nox (4.5 and 5) on loopback, the gluetun simulator, Pandora in the test harness's
Home Assistant with the intervals it ships (qBittorrent every 5 s; a guarding gluetun every
GUARD_POLL; Home Assistant rounds a poll's time to the second, so a drop is seen within about
GUARD_POLL + 1 s). Each round stops the VPN through gluetun's control server and reads qBittorrent's
own `torrents/info` every 20 ms until every torrent is paused, then brings the VPN back and waits
until they run again. Prints figures; asserts nothing about time.

    .venv/bin/python -m pytest -q -s -p no:cacheprovider bench/vpn_guard.py
"""

from __future__ import annotations

import asyncio
import statistics
import time

import pytest

from custom_components.pandora.vpnguard import GUARD_POLL
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.torrents import add_stalled
from homeassistant.core import HomeAssistant
from tests.conftest import *  # noqa: F403  (the real daemons and the harness's fixtures)
from tests.test_vpn_guard import (  # the gluetun simulator's fixture too
    QB_ID,
    Gluetun,
    _hub,
    _paused,
    gluetun,  # noqa: F401
)

TORRENTS = 20
ROUNDS = 5


async def _until(hass: HomeAssistant, daemon: QBittorrentDaemon, paused: bool) -> float:
    started = time.perf_counter()
    while True:
        states = await hass.async_add_executor_job(daemon.torrents)
        if len(states) == TORRENTS and all(_paused(str(t["state"])) == paused for t in states):
            return time.perf_counter() - started
        await asyncio.sleep(0.02)


@pytest.mark.shipped_intervals
async def test_down_to_paused(
    hass: HomeAssistant,
    qb_daemon: QBittorrentDaemon,
    gluetun: Gluetun,  # noqa: F811
) -> None:
    for i in range(TORRENTS):
        add_stalled(qb_daemon, qb_daemon.host_base / "src", f"Bench {i}.mkv")
    entry = await _hub(hass, qb_daemon, gluetun)
    assert QB_ID in entry.runtime_data.vpn_guards
    paused: list[float] = []
    resumed: list[float] = []
    for _ in range(ROUNDS):
        await asyncio.sleep(1.0)  # a different phase of the poll each round
        await gluetun.down()
        paused.append(await _until(hass, qb_daemon, True))
        await gluetun.up()
        resumed.append(await _until(hass, qb_daemon, False))

    def figures(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"

    print(
        f"\nqBittorrent {qb_daemon.version}, {TORRENTS} torrents, gluetun polled every "
        f"{GUARD_POLL.total_seconds():g} s, {ROUNDS} rounds:\n"
        f"  VPN down -> every torrent paused in qBittorrent: {figures(paused)}\n"
        f"  VPN back -> every torrent running again:          {figures(resumed)}"
    )
