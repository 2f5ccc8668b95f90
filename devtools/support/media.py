"""The TMDB, Watchmode and Jackett simulators running together, and subentries pointing at them."""

from __future__ import annotations

from collections.abc import AsyncIterator
import contextlib
from dataclasses import dataclass

from custom_components.pandora.const import (
    CONF_INDEXERS,
    CONF_LANGUAGE,
    CONF_REGION,
    CONF_REGIONS,
    CONF_VERIFY_SSL,
    SUBENTRY_JACKETT,
    SUBENTRY_TMDB,
    SUBENTRY_WATCHMODE,
)
from devtools.simulators import jackett as jackett_sim, tmdb as tmdb_sim, watchmode as watchmode_sim
from devtools.simulators.jackett import JackettSimulator, SimIndexer, SimRelease
from devtools.simulators.tmdb import TmdbSimulator
from devtools.simulators.watchmode import WatchmodeSimulator
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_URL

NOTLD = 900001  # Night of the Living Dead (1968) in the simulators' catalogue
GB = 1_000_000_000


def hash_of(n: int) -> str:
    """A fake 40-hex infohash."""
    return f"{n:040x}"


def releases() -> list[SimRelease]:
    """Three releases of one film: a good 1080p, a well-seeded 720p, a CAM."""
    return [
        SimRelease(
            "Night.of.the.Living.Dead.1968.1080p.BluRay.x264-GRP",
            size=8 * GB,
            seeders=40,
            leechers=3,
            infohash=hash_of(1),
            tmdb_id=NOTLD,
        ),
        SimRelease(
            "Night.of.the.Living.Dead.1968.720p.WEB-DL.AAC2.0.H.264-WEB",
            size=3 * GB,
            seeders=300,
            leechers=9,
            infohash=hash_of(2),
        ),
        SimRelease(
            "Night of the Living Dead 1968 CAM x264", size=GB, seeders=900, infohash=hash_of(3)
        ),
    ]


@dataclass
class Sims:
    """Running simulators and their base URLs."""

    tmdb: TmdbSimulator
    tmdb_url: str
    watchmode: WatchmodeSimulator
    watchmode_url: str
    jackett: JackettSimulator
    jackett_url: str


@contextlib.asynccontextmanager
async def running_sims() -> AsyncIterator[Sims]:
    """Start the three simulators on 127.0.0.1 (any free ports)."""
    tmdb = TmdbSimulator()
    watchmode = WatchmodeSimulator()
    jackett = JackettSimulator(
        indexers=[
            SimIndexer("publicone", "Public One", releases=releases()[:2]),
            SimIndexer("publictwo", "Public Two", releases=releases()[1:]),
        ]
    )
    runners = []
    urls = []
    try:
        for runner, port in (
            await tmdb_sim.start(tmdb),
            await watchmode_sim.start(watchmode),
            await jackett_sim.start(jackett),
        ):
            runners.append(runner)
            urls.append(f"http://127.0.0.1:{port}")
        yield Sims(tmdb, urls[0] + "/3", watchmode, urls[1] + "/v1", jackett, urls[2])
    finally:
        for runner in runners:
            await runner.cleanup()


def tmdb_subentry(sims: Sims) -> ConfigSubentryData:
    """A TMDB subentry for the simulator."""
    return ConfigSubentryData(
        data={
            CONF_API_KEY: sims.tmdb.api_key,
            CONF_LANGUAGE: "en-US",
            CONF_REGION: "US",
            CONF_URL: sims.tmdb_url,
        },
        subentry_type=SUBENTRY_TMDB,
        title="TMDB",
        unique_id=SUBENTRY_TMDB,
    )


def watchmode_subentry(sims: Sims) -> ConfigSubentryData:
    """A Watchmode subentry for the simulator."""
    return ConfigSubentryData(
        data={
            CONF_API_KEY: sims.watchmode.api_key,
            CONF_REGIONS: "US",
            CONF_URL: sims.watchmode_url,
        },
        subentry_type=SUBENTRY_WATCHMODE,
        title="Watchmode",
        unique_id=SUBENTRY_WATCHMODE,
    )


def jackett_subentry(
    url: str, api_key: str, indexers: str = "", title: str = "Jackett"
) -> ConfigSubentryData:
    """A Jackett subentry."""
    return ConfigSubentryData(
        data={CONF_URL: url, CONF_API_KEY: api_key, CONF_INDEXERS: indexers, CONF_VERIFY_SSL: True},
        subentry_type=SUBENTRY_JACKETT,
        title=title,
        unique_id=url,
    )
