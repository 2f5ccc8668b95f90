"""Request fulfilment: approval → available for a 20 MB title, end to end on loopback.

What runs: a local BitTorrent tracker, two qbittorrent-nox 4.5 daemons (a seeder, and the
downloader Pandora manages), a real Cloud Commander holding the media share, the Jackett
simulator offering the seeded release as a `.torrent`, and the Jellyfin simulator reading the
share's Movies folder. Home Assistant runs in this process (the test harness's instance, storage
in memory, no HTTP server) with Pandora set up against all of them, with default settings
(qBittorrent polled every 5 s, the pipeline looking at downloads every 5 s).

Each round a household member requests a different title and an administrator approves it; the
clock runs from the approval to `available` (found in Jellyfin by its TMDB id). Printed per
round: when the request entered each stage, relative to the approval (searching, downloading,
importing, available), then the median and the target (≤ 60 s).

    .venv/bin/python -m bench.request_pipeline [--size-mb 20] [--rounds 3] [--check]
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import AsyncIterator, Iterator
import contextlib
from dataclasses import dataclass
from datetime import datetime
import logging
import statistics
import sys
import tempfile
import time
from unittest.mock import patch

from aiohttp import web

from custom_components.pandora.const import (
    CONF_QBITTORRENT_ROOT,
    CONF_VERIFY_SSL,
    DEFAULT_FOLDERS,
    DOMAIN,
    SUBENTRY_CLOUDCMD,
    SUBENTRY_JELLYFIN,
    SUBENTRY_QBITTORRENT,
)
from custom_components.pandora.requests.queue import MediaRequest
from custom_components.pandora.runtime import PandoraRuntime
from devtools.simulators import jackett as jackett_sim, jellyfin as jellyfin_sim
from devtools.support.cloudcmd import CloudCommander
from devtools.support.media import jackett_subentry
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.swarm import Swarm, sim_release
from devtools.support.torrents import TorrentFile
from homeassistant import loader
from homeassistant.auth.models import User
from homeassistant.config_entries import ConfigEntry, ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

TARGET_S = 60.0
TIMEOUT_S = 300.0
STAGES = ("searching", "downloading", "importing", "available")
FIRST_TMDB_ID = 990100  # titles only this benchmark knows
TITLES = ("The Pandora Benchmark", "Pandora Strikes Back", "Return of the Pandora")


@dataclass
class Round:
    """One request's stage times, seconds after its approval."""

    title: str
    stages: dict[str, float]

    @property
    def total(self) -> float:
        """Approval → available."""
        return self.stages["available"]


def _title(index: int) -> str:
    base = TITLES[index % len(TITLES)]
    return base if index < len(TITLES) else f"{base} {index // len(TITLES) + 1}"


def _stages(request: MediaRequest) -> dict[str, float]:
    """When the request entered each stage, in seconds after it was approved."""

    def at(value: str) -> datetime:
        parsed = dt_util.parse_datetime(value)
        assert parsed is not None
        return parsed

    times = {t.status: at(t.at) for t in request.transitions}
    approved = times["approved"]
    return {s: (times[s] - approved).total_seconds() for s in STAGES if s in times}


@contextlib.contextmanager
def services(
    titles: list[str], size: int
) -> Iterator[tuple[Swarm, CloudCommander, list[tuple[str, TorrentFile]]]]:
    """The tracker, both daemons and Cloud Commander, with one seeded release per title."""
    with Swarm() as swarm, CloudCommander() as share:
        releases: list[tuple[str, TorrentFile]] = []
        for index, title in enumerate(titles):
            name = f"{title.replace(' ', '.')}.{2000 + index}.1080p.BluRay.x264-BENCH.mkv"
            releases.append((title, swarm.release(name, size)))
        yield swarm, share, releases


@contextlib.asynccontextmanager
async def home_assistant(config_dir: str) -> AsyncIterator[HomeAssistant]:
    """Home Assistant in this process: storage in memory, no HTTP server, custom integrations."""
    # The test harness, imported once Home Assistant is (it must come first).
    from pytest_homeassistant_custom_component.common import (
        async_test_home_assistant,
        mock_storage,
    )

    with (
        mock_storage(),
        patch("homeassistant.components.http.HomeAssistantHTTP.async_bind"),
        patch("homeassistant.components.http.HomeAssistantHTTP.start"),
    ):
        async with async_test_home_assistant(config_dir=config_dir) as hass:
            hass.data.pop(loader.DATA_CUSTOM_COMPONENTS, None)
            try:
                yield hass
            finally:
                for entry in hass.config_entries.async_entries(DOMAIN):
                    await hass.config_entries.async_unload(entry.entry_id)
                await hass.async_stop(force=True)


def _subentries(
    downloader: QBittorrentDaemon,
    share: CloudCommander,
    *,
    jackett_url: str,
    jackett: jackett_sim.JackettSimulator,
    jellyfin_url: str,
    jellyfin: jellyfin_sim.JellyfinSimulator,
) -> list[ConfigSubentryData]:
    return [
        ConfigSubentryData(
            data={
                CONF_URL: downloader.url,
                CONF_USERNAME: downloader.username,
                CONF_PASSWORD: downloader.password,
                CONF_VERIFY_SSL: True,
            },
            subentry_type=SUBENTRY_QBITTORRENT,
            title="qBittorrent",
            unique_id=downloader.url,
        ),
        jackett_subentry(jackett_url, jackett.api_key),
        ConfigSubentryData(
            data={
                CONF_URL: share.url,
                CONF_VERIFY_SSL: True,
                **DEFAULT_FOLDERS,
                CONF_QBITTORRENT_ROOT: str(share.root),  # qBittorrent 4.5 runs on this host
            },
            subentry_type=SUBENTRY_CLOUDCMD,
            title="Share",
            unique_id=share.url,
        ),
        ConfigSubentryData(
            data={CONF_URL: jellyfin_url, CONF_API_KEY: jellyfin.api_key, CONF_VERIFY_SSL: True},
            subentry_type=SUBENTRY_JELLYFIN,
            title="Jellyfin",
            unique_id=jellyfin_url,
        ),
    ]


async def _fulfil(
    entry: ConfigEntry[PandoraRuntime], member: User, tmdb_id: int, title: str
) -> Round:
    """Request, approve, and wait (bounded) for the request to settle."""
    queue = entry.runtime_data.requests
    request, _ = await queue.async_create(
        member, tmdb_id=tmdb_id, media_type="movie", title=title, year=None
    )
    await queue.async_set_status(request, "approved", reason="benchmark")
    deadline = time.monotonic() + TIMEOUT_S
    while request.status not in ("available", "failed"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{title} still {request.status} after {TIMEOUT_S:.0f} s")
        await asyncio.sleep(0.1)
    if request.status == "failed":
        raise RuntimeError(f"{title} failed: {request.reason}")
    return Round(title, _stages(request))


async def run(rounds: int, size: int) -> list[Round]:
    """Run the rounds; every service is started here and stopped at the end."""
    from pytest_homeassistant_custom_component.common import (
        MockConfigEntry,
        MockUser,
    )

    titles = [_title(i) for i in range(rounds)]
    with services(titles, size) as (swarm, share, releases):
        jackett = jackett_sim.JackettSimulator(
            indexers=[
                jackett_sim.SimIndexer(
                    "bench",
                    "Bench",
                    releases=[
                        sim_release(torrent, torrent.path.stem, seeders=10)
                        for _, torrent in releases
                    ],
                )
            ]
        )
        jellyfin = jellyfin_sim.JellyfinSimulator(
            libraries=[("Movies", "movies", str(share.root / "Movies"))]
        )
        runners: list[web.AppRunner] = []
        with tempfile.TemporaryDirectory(prefix="pandora-bench-ha-") as config_dir:
            async with home_assistant(config_dir) as hass:
                try:
                    jackett_runner, jackett_port = await jackett_sim.start(jackett)
                    runners.append(jackett_runner)
                    jellyfin_runner, jellyfin_port = await jellyfin_sim.start(jellyfin)
                    runners.append(jellyfin_runner)
                    subentries = _subentries(
                        swarm.downloader,
                        share,
                        jackett_url=f"http://127.0.0.1:{jackett_port}",
                        jackett=jackett,
                        jellyfin_url=f"http://127.0.0.1:{jellyfin_port}",
                        jellyfin=jellyfin,
                    )
                    entry = MockConfigEntry(
                        domain=DOMAIN, title="Pandora", data={}, subentries_data=subentries
                    )
                    entry.add_to_hass(hass)
                    if not await hass.config_entries.async_setup(entry.entry_id):
                        raise RuntimeError("Pandora did not set up")
                    await hass.async_block_till_done()
                    member: User = MockUser(name="Bench member").add_to_hass(hass)
                    return [
                        await _fulfil(entry, member, FIRST_TMDB_ID + index, title)
                        for index, (title, _) in enumerate(releases)
                    ]
                finally:
                    for runner in runners:
                        await runner.cleanup()


def report(results: list[Round], size: int) -> bool:
    """Print the figures; True when every round met the target."""
    mb = size / 1_000_000
    print(f"request → available, one {mb:.0f} MB title per round (seconds after approval)")
    print(f"{'title':28}" + "".join(f"{stage:>13}" for stage in STAGES))
    for result in results:
        cells = "".join(f"{result.stages.get(stage, float('nan')):>13.1f}" for stage in STAGES)
        print(f"{result.title:28}{cells}")
    totals = [r.total for r in results]
    ok = max(totals) <= TARGET_S
    print(
        f"approval → available: median {statistics.median(totals):.1f} s, "
        f"max {max(totals):.1f} s; target ≤ {TARGET_S:.0f} s: {'met' if ok else 'MISSED'}"
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="request pipeline benchmark")
    parser.add_argument("--size-mb", type=float, default=20.0, help="title size in MB (10^6 B)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    size = int(args.size_mb * 1_000_000)
    met = report(asyncio.run(run(max(1, args.rounds), size)), size)
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
