"""A hub with every service, at fixed ids, and the normalising of what it answers.

For the snapshot tests and the panel contract: qBittorrent (the simulator, a few torrents),
TMDB, Watchmode and Jackett (the simulators), Jellyfin (the simulator over the share's Movies
and TV Shows, seeded with the demo library), a real Cloud Commander share, and Portainer and
gluetun (the simulators in front of a real Docker Engine running the `media` stack).

The config entry and every subentry have fixed ids and titles, so entity unique ids and the
panel's instance ids are the same at each run. What still changes from run to run (the
services' ports, the temporary folders, the Jellyfin item ids derived from those folders,
times, signed image tokens) is replaced by `Normaliser` with stable stand-ins: each service's
`http://127.0.0.1:<port>` becomes `http://nas:<its usual port>`, and times keep their order.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
import contextlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
import hashlib
import json
import os
from pathlib import Path
import re
from typing import Any
from unittest.mock import patch

from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora.const import (
    CONF_PORTAINER,
    CONF_QBITTORRENT_ROOT,
    CONF_VERIFY_SSL,
    DEFAULT_FOLDERS,
    SUBENTRY_CLOUDCMD,
    SUBENTRY_JELLYFIN,
    SUBENTRY_QBITTORRENT,
)
from devtools.simulators import SimServer, jellyfin as jellyfin_sim, qbittorrent as qbittorrent_sim
from devtools.simulators.jellyfin import JellyfinSimulator, SimItem, guid_n
from devtools.simulators.qbittorrent import QBittorrentSimulator
from devtools.support.cloudcmd import CloudCommander
from devtools.support.containers import MediaStack
from devtools.support.demo_library import seed_library
from devtools.support.media import Sims, jackett_subentry, tmdb_subentry, watchmode_subentry
from homeassistant.config_entries import ConfigSubentryData, ConfigSubentryDataWithId
from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant
from tests.conftest import allow_loopback, hub_entry

ENTRY_ID = "01JPANDORA000000000000001"
QBITTORRENT_ID = "01JQBT0000000000000000001"
SEEDBOX_ID = "01JQBT0000000000000000002"
TMDB_ID = "01JTMDB000000000000000001"
WATCHMODE_ID = "01JWM00000000000000000001"
JACKETT_ID = "01JJKT0000000000000000001"
JELLYFIN_ID = "01JJFN0000000000000000001"
CLOUDCMD_ID = "01JCCMD000000000000000001"
PORTAINER_ID = "01JPTN0000000000000000001"
GLUETUN_ID = "01JGLU0000000000000000001"
JELLYFIN_SERVER_ID = "0f5d6a2e4c1b4e8f9a7d3c2b1a0e9f8d"
SHARE_USER, SHARE_PASSWORD = "pandora", "s3cret pw"
TORRENTS = 3
# Stand-ins for the services' addresses (what a household's would look like).
HOSTS = {
    "qbittorrent": "nas:8080",
    "seedbox": "seedbox:8080",
    "tmdb": "api.themoviedb.org",
    "watchmode": "api.watchmode.com",
    "jackett": "nas:9117",
    "jellyfin": "nas:8096",
    "cloudcmd": "nas:8000",
    "portainer": "nas:9443",
    "gluetun": "nas:8000",
}
TIME_BASE = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$")
# Keys whose integer values are Unix seconds.
EPOCH_KEYS = frozenset({"added", "completed", "added_on", "completion_on"})


@dataclass
class FullStack:
    """The running services and what normalising their answers needs."""

    qbittorrent: QBittorrentSimulator
    qbittorrent_url: str
    seedbox: QBittorrentSimulator
    seedbox_server: SimServer  # a second qBittorrent, to stop and start in place
    jellyfin: JellyfinSimulator
    jellyfin_url: str
    cloudcmd: CloudCommander
    sims: Sims
    stack: MediaStack | None
    folders: list[Path] = field(default_factory=list)

    def subentries(self) -> list[ConfigSubentryDataWithId]:
        """Every service, at fixed ids and titles."""
        entries: list[ConfigSubentryDataWithId] = [
            qbittorrent_subentry(self.qbittorrent_url, HOSTS["qbittorrent"], QBITTORRENT_ID),
            qbittorrent_subentry(self.seedbox_server.url, HOSTS["seedbox"], SEEDBOX_ID),
            with_id(tmdb_subentry(self.sims), TMDB_ID),
            with_id(watchmode_subentry(self.sims), WATCHMODE_ID),
            with_id(
                jackett_subentry(
                    self.sims.jackett_url,
                    self.sims.jackett.api_key,
                    title=f"Jackett {HOSTS['jackett']}",
                ),
                JACKETT_ID,
            ),
            with_id(
                ConfigSubentryData(
                    data={
                        CONF_URL: self.jellyfin_url,
                        CONF_API_KEY: self.jellyfin.api_key,
                        CONF_VERIFY_SSL: True,
                    },
                    subentry_type=SUBENTRY_JELLYFIN,
                    title=f"Jellyfin {HOSTS['jellyfin']}",
                    unique_id=self.jellyfin_url,
                ),
                JELLYFIN_ID,
            ),
            with_id(
                ConfigSubentryData(
                    data={
                        CONF_URL: self.cloudcmd.url,
                        CONF_USERNAME: SHARE_USER,
                        CONF_PASSWORD: SHARE_PASSWORD,
                        CONF_VERIFY_SSL: True,
                        **DEFAULT_FOLDERS,
                        CONF_QBITTORRENT_ROOT: str(self.cloudcmd.root),
                    },
                    subentry_type=SUBENTRY_CLOUDCMD,
                    title=f"Cloud Commander {HOSTS['cloudcmd']}",
                    unique_id=self.cloudcmd.url,
                ),
                CLOUDCMD_ID,
            ),
        ]
        if self.stack is not None:
            portainer = self.stack.portainer_subentry()
            gluetun = self.stack.gluetun_subentry(**{CONF_PORTAINER: PORTAINER_ID})
            portainer["subentry_id"], gluetun["subentry_id"] = PORTAINER_ID, GLUETUN_ID
            portainer["title"] = f"Portainer {HOSTS['portainer']}"
            gluetun["title"] = f"gluetun {HOSTS['gluetun']}"
            entries += [portainer, gluetun]
        return entries

    def only(self, *subentry_ids: str) -> list[ConfigSubentryDataWithId]:
        """Some of the services."""
        return [s for s in self.subentries() if s["subentry_id"] in subentry_ids]

    def entry(self, **options: Any) -> MockConfigEntry:
        """The hub entry (fixed id), not yet added."""
        base = hub_entry(*self.subentries(), **options)
        return MockConfigEntry(
            domain=base.domain,
            title=base.title,
            data={},
            options=dict(base.options),
            subentries_data=self.subentries(),
            version=base.version,
            minor_version=base.minor_version,
            entry_id=ENTRY_ID,
            unique_id=None,
        )

    def replacements(self) -> dict[str, str]:
        """Volatile text and its stand-in (longest first when applied)."""
        urls = {
            "qbittorrent": self.qbittorrent_url,
            "seedbox": self.seedbox_server.url,
            "tmdb": self.sims.tmdb_url.rsplit("/", 1)[0],
            "watchmode": self.sims.watchmode_url.rsplit("/", 1)[0],
            "jackett": self.sims.jackett_url,
            "jellyfin": self.jellyfin_url,
            "cloudcmd": self.cloudcmd.url,
        }
        if self.stack is not None:
            urls["portainer"] = self.stack.portainer_url
            urls["gluetun"] = self.stack.gluetun_url
        found: dict[str, str] = {}
        for kind, url in urls.items():
            host = url.split("://", 1)[1].split("/", 1)[0]
            found[host] = HOSTS[kind]
        # Jellyfin item ids are derived from their (temporary) paths: stand-ins from the paths
        # below the share.
        root = str(self.cloudcmd.root)
        for item in self.jellyfin.indexed():
            if item.path.startswith(root):
                found[item.id] = guid_n(item.type + item.path[len(root) :].lower())
        found[str(self.cloudcmd.root)] = "/srv/share"
        found[str(self.cloudcmd.outside)] = "/srv"
        for folder in self.folders:
            found[str(folder)] = "/srv/media"
        return found


def qbittorrent_subentry(url: str, host: str, subentry_id: str) -> ConfigSubentryDataWithId:
    return with_id(
        ConfigSubentryData(
            data={
                CONF_URL: url,
                CONF_USERNAME: qbittorrent_sim.DEFAULT_USERNAME,
                CONF_PASSWORD: qbittorrent_sim.DEFAULT_PASSWORD,
                CONF_VERIFY_SSL: True,
            },
            subentry_type=SUBENTRY_QBITTORRENT,
            title=f"qBittorrent {host}",
            unique_id=url,
        ),
        subentry_id,
    )


def with_id(data: ConfigSubentryData, subentry_id: str) -> ConfigSubentryDataWithId:
    return ConfigSubentryDataWithId(
        data=data["data"],
        subentry_type=data["subentry_type"],
        title=data["title"],
        unique_id=data["unique_id"],
        subentry_id=subentry_id,
    )


@contextlib.asynccontextmanager
async def full_stack(sims: Sims, stack: MediaStack | None) -> AsyncIterator[FullStack]:
    """Start qBittorrent (simulator), a Cloud Commander share and Jellyfin over it."""
    allow_loopback()
    qbittorrent = QBittorrentSimulator(torrent_count=TORRENTS, seed=7)
    shape_torrents(qbittorrent)
    seedbox = QBittorrentSimulator(torrent_count=0, seed=8)
    qb_runner, qb_port = await qbittorrent_sim.start(qbittorrent)
    seedbox_server = await SimServer(seedbox.app).start()
    try:
        with (
            CloudCommander(username=SHARE_USER, password=SHARE_PASSWORD) as share,
            patch.object(SimItem, "runtime_ticks", property(_stable_runtime)),
        ):
            seed_library(share.root)
            (share.root / "Home videos").mkdir()
            (share.root / "Home videos" / "Birthday 2025.mp4").write_bytes(bytes(1024))
            fix_times(share.root)
            jellyfin = JellyfinSimulator(
                libraries=[
                    ("Movies", "movies", str(share.root / "Movies")),
                    ("TV Shows", "tvshows", str(share.root / "TV Shows")),
                    ("Home videos", None, str(share.root / "Home videos")),
                ],
                server_id=JELLYFIN_SERVER_ID,
                scan_duration=0.3,
            )
            jf_runner, jf_port = await jellyfin_sim.start(jellyfin)
            try:
                yield FullStack(
                    qbittorrent,
                    f"http://127.0.0.1:{qb_port}",
                    seedbox,
                    seedbox_server,
                    jellyfin,
                    f"http://127.0.0.1:{jf_port}",
                    share,
                    sims,
                    stack,
                )
            finally:
                await jf_runner.cleanup()
    finally:
        await seedbox_server.stop()
        await qb_runner.cleanup()


MB = 1_000_000
# What the qBittorrent simulator's three torrents are made to look like: one downloading, one
# seeding, one paused (name, state, progress, size, download and upload speed, ETA).
TORRENT_SHAPES = (
    (
        "Night.of.the.Living.Dead.1968.1080p.BluRay.x264-GRP",
        "downloading",
        0.4213,
        8000,
        12.5,
        0.25,
        845,
    ),
    ("The.Cisco.Kid.S01.1080p.WEB-DL.AAC2.0.H.264", "uploading", 1.0, 9800, 0, 1.2, 8640000),
    ("Big.Buck.Bunny.2008.2160p.WEB-DL.x265", "pausedDL", 0.1, 6100, 0, 0, 8640000),
)


def shape_torrents(qbittorrent: QBittorrentSimulator) -> list[str]:
    """Give the simulator's torrents the shapes above; their hashes, in that order."""
    hashes = list(qbittorrent.torrents)
    for torrent_hash, shape in zip(hashes, TORRENT_SHAPES, strict=True):
        name, state, progress, size, down, up, eta = shape
        torrent = qbittorrent.torrents[torrent_hash]
        done = int(size * MB * progress)
        torrent.update(
            name=name,
            state=state,
            progress=progress,
            size=size * MB,
            total_size=size * MB,
            downloaded=done,
            completed=done,
            amount_left=size * MB - done,
            dlspeed=int(down * MB),
            upspeed=int(up * MB),
            eta=eta,
            content_path=f"/downloads/{name}",
        )
    return hashes


def fix_times(root: Path) -> None:
    """Give everything below `root` a fixed modification time, a minute apart, in name order
    (Jellyfin's "date created" and the share's listing show them)."""
    paths = sorted(root.rglob("*"), key=lambda p: str(p.relative_to(root)))
    for n, path in enumerate(paths):
        moment = (TIME_BASE - timedelta(days=3) + timedelta(minutes=n)).timestamp()
        os.utime(path, (moment, moment))


def _stable_runtime(item: SimItem) -> int | None:
    """The simulator's runtime, from the item's name rather than its (path-derived) id."""
    span = jellyfin_sim._RUNTIME_MINUTES.get(item.type)
    if span is None:
        return None
    low, high = span
    seed = int(hashlib.md5(item.name.encode(), usedforsecurity=False).hexdigest(), 16)
    return ((low + seed % (high - low)) * 60 + (seed >> 16) % 60) * jellyfin_sim.TICKS


async def setup_full_hub(hass: HomeAssistant, stack: FullStack, **options: Any) -> MockConfigEntry:
    """Add and set up the hub with every service (request notifications off by default)."""
    options.setdefault("request_notifications", False)
    entry = stack.entry(**options)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


class Normaliser:
    """Replace what changes from run to run in an answer with stable stand-ins.

    Text first (addresses, folders, item ids, signed tokens), then times: every distinct time
    in the answer becomes `TIME_BASE` plus as many minutes as its rank (so order and equality
    are kept), ISO strings stay ISO strings and Unix seconds stay Unix seconds.
    """

    def __init__(self, replacements: dict[str, str], patterns: Iterable[tuple[str, str]] = ()):
        self._replacements = sorted(replacements.items(), key=lambda kv: -len(kv[0]))
        self._patterns = [
            (re.compile(r"authSig=[^\"&\\\s]+"), "authSig=SIGNED"),
            *((re.compile(p), r) for p, r in patterns),
        ]

    def add(self, replacements: dict[str, str]) -> None:
        """More stand-ins (request ids, say, once the requests are made)."""
        merged = dict(self._replacements) | replacements
        self._replacements = sorted(merged.items(), key=lambda kv: -len(kv[0]))

    def __call__(self, value: Any) -> Any:
        text = json.dumps(value, ensure_ascii=False)
        for old, new in self._replacements:
            text = text.replace(old, new)
        for pattern, new in self._patterns:
            text = pattern.sub(new, text)
        data = json.loads(text)
        moments: set[datetime] = set()
        _collect_times(data, moments)
        rank = {moment: n for n, moment in enumerate(sorted(moments))}
        return _sort_maps(_replace_times(data, rank))


# Maps keyed by user id: in the order of the (random) ids, so sorted once those are stand-ins.
ID_KEYED = frozenset({"names"})


def _sort_maps(data: Any, key: str | None = None) -> Any:
    if isinstance(data, dict):
        items = sorted(data.items()) if key in ID_KEYED else data.items()
        return {k: _sort_maps(v, k) for k, v in items}
    if isinstance(data, list):
        return [_sort_maps(v) for v in data]
    return data


def _as_time(key: str | None, value: Any) -> datetime | None:
    if isinstance(value, str) and ISO_TIME.match(value):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if key in EPOCH_KEYS and isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return datetime.fromtimestamp(value, UTC)
    return None


def _collect_times(data: Any, into: set[datetime], key: str | None = None) -> None:
    if isinstance(data, dict):
        for k, v in data.items():
            _collect_times(v, into, k)
    elif isinstance(data, list):
        for v in data:
            _collect_times(v, into, key)
    elif (moment := _as_time(key, data)) is not None:
        into.add(moment)


def _replace_times(data: Any, rank: dict[datetime, int], key: str | None = None) -> Any:
    if isinstance(data, dict):
        return {k: _replace_times(v, rank, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_replace_times(v, rank, key) for v in data]
    moment = _as_time(key, data)
    if moment is None:
        return data
    stand_in = TIME_BASE + timedelta(minutes=rank[moment])
    if isinstance(data, int):
        return int(stand_in.timestamp())
    return stand_in.isoformat()
