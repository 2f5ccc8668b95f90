"""The request pipeline end to end on loopback: real Home Assistant, two real qbittorrent-nox
(a seeder and the downloader Pandora manages, finding each other through a local tracker), a
real Cloud Commander holding the share, and the Jackett and Jellyfin simulators.

Jackett offers real `.torrent` files the seeder seeds (or, for a stalled download, one nobody
seeds); the Jellyfin simulator reads the share's Movies and TV Shows folders. Requests are made
through the queue itself (`async_create` + `async_set_status`), as the actions do.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
import filecmp
import hashlib
import shutil
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockUser,
    async_capture_events,
)

from custom_components.pandora.api.qbittorrent import QBittorrentClient
from custom_components.pandora.api.qbittorrent_models import Torrent
from custom_components.pandora.const import (
    CONF_QBITTORRENT_ROOT,
    CONF_VERIFY_SSL,
    DEFAULT_FOLDERS,
    SUBENTRY_CLOUDCMD,
    SUBENTRY_JELLYFIN,
)
from custom_components.pandora.downloads.add import query_for, torrent_infohash
from custom_components.pandora.downloads.ranking import RankingPreferences, rank
from custom_components.pandora.downloads.search import ReleaseSearch
from custom_components.pandora.requests.pipeline import main_reasons, timing as request_pipeline
from custom_components.pandora.requests.queue import MediaRequest, RequestQueue
from devtools.simulators import jackett as jackett_sim
from devtools.simulators.jackett import JackettSimulator, SimIndexer, SimRelease
from devtools.simulators.jellyfin import JellyfinSimulator, start as start_jellyfin
from devtools.support.cloudcmd import SHARE_FOLDERS, CloudCommander
from devtools.support.media import jackett_subentry
from devtools.support.swarm import Swarm, sim_release
from devtools.support.torrents import TorrentFile, bencode
from homeassistant.auth.models import User
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import HomeAssistant
from tests.conftest import allow_loopback, hub_entry, qb_subentry, setup_hub
from tests.helpers import wait_until

MIB = 1024 * 1024
NOTLD, NOSFERATU, CARNIVAL, METROPOLIS, GENERAL = 900001, 900002, 900009, 900004, 900003
SHOW = 990001  # a series only these tests know
DONE = ("available", "failed")


@dataclass
class Releases:
    """The module's releases: files the seeder seeds (or not) and their torrents."""

    notld: TorrentFile  # seeded
    nosferatu_unseeded: TorrentFile  # the best-ranked Nosferatu: nobody seeds it
    nosferatu: TorrentFile  # seeded, ranked second
    carnival: TorrentFile  # seeded (and preloaded into the downloader by some tests)
    show_s01: TorrentFile  # a season pack


@pytest.fixture(scope="module")
def swarm() -> Iterator[Swarm]:
    allow_loopback()
    with Swarm() as running:
        yield running


@pytest.fixture(scope="module")
def releases(swarm: Swarm) -> Releases:
    return Releases(
        notld=swarm.release("Night.of.the.Living.Dead.1968.1080p.BluRay.x264-SWARM.mkv", 2 * MIB),
        nosferatu_unseeded=swarm.release(
            "Nosferatu.1922.1080p.BluRay.x264-GHOST.mkv", 1 * MIB, seeded=False
        ),
        nosferatu=swarm.release("Nosferatu.1922.720p.WEB-DL.H.264-SWARM.mkv", 1 * MIB),
        carnival=swarm.release("Carnival.of.Souls.1962.1080p.WEB-DL.H.264-SWARM.mkv", 1 * MIB),
        show_s01=swarm.release("The.Pandora.Show.S01.1080p.WEB-DL.H.264-SWARM.mkv", 1 * MIB),
    )


@pytest.fixture(scope="module")
def share_server() -> Iterator[CloudCommander]:
    allow_loopback()
    with CloudCommander() as server:
        yield server


@pytest.fixture
def share(share_server: CloudCommander) -> CloudCommander:
    """The module's share, emptied (its four folders kept)."""
    for folder in SHARE_FOLDERS:
        shutil.rmtree(share_server.root / folder, ignore_errors=True)
        (share_server.root / folder).mkdir(parents=True)
    return share_server


@pytest.fixture
def downloader(swarm: Swarm) -> Swarm:
    """The swarm with an empty downloader."""
    swarm.reset()
    return swarm


@pytest.fixture(autouse=True)
def _quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Look at downloads every half second (events still come first)."""
    monkeypatch.setattr(request_pipeline, "CHECK_INTERVAL", 0.5)
    monkeypatch.setattr(request_pipeline, "LOOKUP_FIRST", 0.5)


@pytest.fixture
def adds(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every torrents/add Pandora sends."""
    calls: list[dict[str, Any]] = []
    original = QBittorrentClient.add

    async def add(self: QBittorrentClient, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return await original(self, **kwargs)

    monkeypatch.setattr(QBittorrentClient, "add", add)
    return calls


def jackett_for(releases: Releases) -> JackettSimulator:
    """Two indexers offering the module's releases (and some that are never acceptable)."""
    return JackettSimulator(
        indexers=[
            SimIndexer(
                "swarm",
                "Swarm",
                releases=[
                    sim_release(releases.notld, releases.notld.path.stem, seeders=20),
                    # Claims seeders it does not have: ranked first, stalls.
                    sim_release(
                        releases.nosferatu_unseeded,
                        releases.nosferatu_unseeded.path.stem,
                        seeders=50,
                    ),
                    sim_release(releases.nosferatu, releases.nosferatu.path.stem, seeders=5),
                    sim_release(releases.carnival, releases.carnival.path.stem, seeders=9),
                    sim_release(
                        releases.show_s01,
                        releases.show_s01.path.stem,
                        seeders=8,
                        categories=(5000, 5040),
                    ),
                ],
            ),
            SimIndexer(
                "junk",
                "Junk",
                releases=[
                    SimRelease("Metropolis 1927 CAM x264", seeders=900, infohash="a" * 40),
                    SimRelease("Metropolis.1927.720p.BluRay.x264", seeders=0, infohash="b" * 40),
                    SimRelease(
                        "The Pandora Show S01 E01 1080p WEB-DL H 264-EP",
                        seeders=99,
                        infohash="c" * 40,
                        categories=(5000,),
                    ),
                    SimRelease(
                        "Haxan.1922.1080p.BluRay.x264-BROKEN",
                        seeders=7,
                        torrent_bytes=b"<html>gone</html>",
                        magnet=False,
                    ),
                ],
            ),
        ]
    )


@dataclass
class Stack:
    """The simulators of one test, and how to set a hub up against them."""

    jackett: JackettSimulator
    jackett_url: str
    jellyfin: JellyfinSimulator
    jellyfin_url: str
    share: CloudCommander
    swarm: Swarm

    def subentries(self, *, share: bool = True, jellyfin: bool = True) -> list[ConfigSubentryData]:
        subs = [
            qb_subentry(self.swarm.downloader),
            jackett_subentry(self.jackett_url, self.jackett.api_key),
        ]
        if share:
            subs.append(
                ConfigSubentryData(
                    data={
                        CONF_URL: self.share.url,
                        CONF_VERIFY_SSL: True,
                        **DEFAULT_FOLDERS,
                        # qBittorrent 4.5 runs on this host: it sees the share at its real path.
                        CONF_QBITTORRENT_ROOT: str(self.share.root),
                    },
                    subentry_type=SUBENTRY_CLOUDCMD,
                    title="Share",
                    unique_id=self.share.url,
                )
            )
        if jellyfin:
            subs.append(
                ConfigSubentryData(
                    data={
                        CONF_URL: self.jellyfin_url,
                        CONF_API_KEY: self.jellyfin.api_key,
                        CONF_VERIFY_SSL: True,
                    },
                    subentry_type=SUBENTRY_JELLYFIN,
                    title="Jellyfin",
                    unique_id=self.jellyfin_url,
                )
            )
        return subs

    async def hub(self, hass: HomeAssistant, **kinds: bool) -> MockConfigEntry:
        return await setup_hub(hass, hub_entry(*self.subentries(**kinds)))

    def jellyfin_item(self, tmdb_id: int, kind: str = "Movie") -> str:
        (item,) = [
            i
            for i in self.jellyfin.indexed()
            if i.type == kind and i.provider_ids.get("Tmdb") == str(tmdb_id)
        ]
        return item.id


@pytest.fixture
async def stack(
    releases: Releases, share: CloudCommander, downloader: Swarm
) -> AsyncIterator[Stack]:
    jackett = jackett_for(releases)
    jackett_runner, jackett_port = await jackett_sim.start(jackett)
    jellyfin = JellyfinSimulator(
        libraries=[
            ("Movies", "movies", str(share.root / "Movies")),
            ("Shows", "tvshows", str(share.root / "TV Shows")),
        ],
        scan_duration=0.2,
    )
    jellyfin_runner, jellyfin_port = await start_jellyfin(jellyfin)
    yield Stack(
        jackett,
        f"http://127.0.0.1:{jackett_port}",
        jellyfin,
        f"http://127.0.0.1:{jellyfin_port}",
        share,
        downloader,
    )
    await jellyfin_runner.cleanup()
    await jackett_runner.cleanup()


def member(hass: HomeAssistant, name: str) -> User:
    """A household member who is not an administrator."""
    user: User = MockUser(name=name).add_to_hass(hass)
    return user


@pytest.fixture
def alice(hass: HomeAssistant) -> User:
    return member(hass, "Alice")


async def request_title(
    hub: MockConfigEntry,
    user: User,
    admin: User,
    *,
    tmdb_id: int,
    title: str,
    year: int | None,
    media_type: str = "movie",
    season: int | None = None,
) -> MediaRequest:
    """Ask for a title as `user`, approved by `admin`."""
    queue: RequestQueue = hub.runtime_data.requests
    request, created = await queue.async_create(
        user,
        tmdb_id=tmdb_id,
        media_type="tv" if media_type == "tv" else "movie",
        title=title,
        year=year,
        season=season,
    )
    assert created
    assert request.status == "pending"
    await queue.async_set_status(request, "approved", by=admin.id)
    return request


async def settled(hub: MockConfigEntry, request_id: str, timeout: float = 120) -> MediaRequest:
    """Wait until the request is available or failed; return it (from the current queue)."""

    def done() -> bool:
        current = hub.runtime_data.requests.get(request_id)
        return current is not None and current.status in DONE

    await wait_until(done, timeout=timeout)
    request: MediaRequest | None = hub.runtime_data.requests.get(request_id)
    assert request is not None
    return request


def statuses(request: MediaRequest) -> list[str]:
    return [t.status for t in request.transitions]


def torrent_hashes(swarm: Swarm) -> list[str]:
    return [str(t["hash"]) for t in swarm.downloader.torrents()]


# --- the whole way ---------------------------------------------------------------------------


async def test_an_approved_request_ends_available(
    hass: HomeAssistant,
    stack: Stack,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
    adds: list[dict[str, Any]],
) -> None:
    """Approved → searched → downloaded from the seeder → filed → found in Jellyfin."""
    hub = await stack.hub(hass)
    available = async_capture_events(hass, "pandora_request_available")
    request = await request_title(
        hub, alice, hass_admin_user, tmdb_id=NOTLD, title="Night of the Living Dead", year=1968
    )
    request = await settled(hub, request.id)
    assert request.status == "available", request.reason
    assert statuses(request) == [
        "pending",
        "approved",
        "searching",
        "downloading",
        "importing",
        "available",
    ]
    torrent = releases.notld
    assert request.torrent_hash == torrent.infohash
    assert request.tried == [torrent.infohash]
    assert request.release == torrent.path.stem
    assert request.instance in hub.runtime_data.qbittorrent
    # Filed into Movies although file_into_library is off, named so Jellyfin cannot miss it.
    folder = stack.share.root / "Movies" / f"Night of the Living Dead (1968) [tmdbid-{NOTLD}]"
    assert filecmp.cmp(torrent.path, folder / torrent.name, shallow=False)
    assert request.jellyfin_id == stack.jellyfin_item(NOTLD)
    link = hub.runtime_data.history.link_for(torrent.infohash)
    assert link == {
        "tmdb_id": NOTLD,
        "media_type": "movie",
        "release": torrent.path.stem,
        "request_id": request.id,
    }
    assert len(adds) == 1
    assert torrent_hashes(stack.swarm) == [torrent.infohash]
    assert [e.data["request_id"] for e in available] == [request.id]
    assert stack.jackett.requests[-1][1]["q"] == "Night of the Living Dead 1968"


async def test_short_of_space_a_request_waits_then_downloads(
    hass: HomeAssistant,
    stack: Stack,
    alice: User,
    hass_admin_user: User,
    adds: list[dict[str, Any]],
) -> None:
    """Below the hub's minimum free space: the request waits (nothing added), then goes on."""
    hub = await setup_hub(hass, hub_entry(*stack.subentries(), min_free_gb=10**7))
    failed = async_capture_events(hass, "pandora_request_failed")
    request = await request_title(
        hub, alice, hass_admin_user, tmdb_id=NOTLD, title="Night of the Living Dead", year=1968
    )

    def waiting() -> bool:
        current = hub.runtime_data.requests.get(request.id)
        return current is not None and current.status == "waiting_for_space"

    await wait_until(waiting)
    request = hub.runtime_data.requests.get(request.id)
    assert request is not None and request.reason is not None
    assert "free on" in request.reason and "keeping at least 10000000 GB" in request.reason
    assert adds == [] and torrent_hashes(stack.swarm) == []
    # The requester sees why it waits (the same words; nothing secret in them).
    answer = await hass.services.async_call(
        "pandora", "get_requests", {}, blocking=True, return_response=True
    )
    assert answer is not None
    requests: list[dict[str, Any]] = answer["requests"]  # type: ignore[assignment]
    (listed,) = [r for r in requests if r["id"] == request.id]
    assert listed["status"] == "waiting_for_space"
    assert listed["public_reason"] == request.reason

    # Space returns (here: the minimum is lowered; the hub reloads): it goes on by itself.
    hass.config_entries.async_update_entry(hub, options=hub.options | {"min_free_gb": 0})
    await hass.async_block_till_done()
    request = await settled(hub, request.id)
    assert request.status == "available", request.reason
    assert statuses(request) == [
        "pending",
        "approved",
        "searching",
        "downloading",
        "waiting_for_space",
        "downloading",
        "importing",
        "available",
    ]
    assert len(adds) == 1 and failed == []


async def test_a_restart_while_downloading_adds_nothing_twice(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    stack: Stack,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
    adds: list[dict[str, Any]],
) -> None:
    """The hub unloads mid-download and comes back: it finds the torrent and carries on."""
    hub = await stack.hub(hass)
    stack.swarm.limit_downloads(16 * 1024)  # slow enough to still be downloading after
    request = await request_title(
        hub, alice, hass_admin_user, tmdb_id=NOTLD, title="Night of the Living Dead", year=1968
    )
    torrent = releases.notld
    await wait_until(lambda: torrent.infohash in torrent_hashes(stack.swarm), timeout=60)
    assert request.status == "downloading"

    assert await hass.config_entries.async_unload(hub.entry_id)
    (saved,) = hass_storage["pandora.requests"]["data"]["requests"]
    assert saved["status"] == "downloading"
    assert saved["torrent_hash"] == torrent.infohash

    assert await hass.config_entries.async_setup(hub.entry_id)
    stack.swarm.limit_downloads(0)
    resumed = await settled(hub, request.id)
    assert resumed is request  # the queue outlives the reload (and was saved, above)
    assert resumed.status == "available", resumed.reason
    assert len(adds) == 1
    assert resumed.tried == [torrent.infohash]
    assert statuses(resumed).count("downloading") == 1
    assert torrent_hashes(stack.swarm) == [torrent.infohash]


async def test_a_saved_but_not_added_torrent_is_added_after_a_restart(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    stack: Stack,
    releases: Releases,
    hass_admin_user: User,
    adds: list[dict[str, Any]],
) -> None:
    """Stopped between saving `downloading` and adding: the release is found again, added."""
    torrent = releases.carnival
    hass_storage["pandora.requests"] = {
        "version": 1,
        "key": "pandora.requests",
        "data": {
            "requests": [
                {
                    "id": "01J0000000000000000000000A",
                    "tmdb_id": CARNIVAL,
                    "media_type": "movie",
                    "title": "Carnival of Souls",
                    "year": 1962,
                    "requested_by": hass_admin_user.id,
                    "created": "2026-01-01T00:00:00+00:00",
                    "status": "downloading",
                    "torrent_hash": torrent.infohash,
                    "release": torrent.path.stem,
                    "tried": [torrent.infohash],
                    "transitions": [
                        {"status": "pending", "at": "2026-01-01T00:00:00+00:00"},
                        {"status": "approved", "at": "2026-01-01T00:00:00+00:00"},
                        {"status": "searching", "at": "2026-01-01T00:00:01+00:00"},
                        {"status": "downloading", "at": "2026-01-01T00:00:02+00:00"},
                    ],
                }
            ]
        },
    }
    hub = await stack.hub(hass, jellyfin=False)
    request = await settled(hub, "01J0000000000000000000000A")
    assert request.status == "available", request.reason
    folder = f"/Movies/Carnival of Souls (1962) [tmdbid-{CARNIVAL}]"
    assert request.transitions[-1].reason == f"filed into {folder}"
    assert len(adds) == 1
    assert adds[0]["torrent_files"][0][1] == torrent.content  # the same release, found again


async def test_a_lost_release_is_added_by_magnet_and_a_removed_torrent_fails(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    stack: Stack,
    hass_admin_user: User,
    adds: list[dict[str, Any]],
) -> None:
    """After a restart Jackett no longer lists the release: a bare magnet is added instead;
    removing that torrent by hand fails the request, as does a qBittorrent that is gone."""
    lost = "d" * 40

    def saved(request_id: str, torrent_hash: str, instance: str | None) -> dict[str, Any]:
        return {
            "id": request_id,
            "tmdb_id": GENERAL,
            "media_type": "movie",
            "title": "The General",
            "year": 1926,
            "requested_by": hass_admin_user.id,
            "created": "2026-01-01T00:00:00+00:00",
            "status": "downloading",
            "torrent_hash": torrent_hash,
            "instance": instance,
            "release": "The.General.1926.1080p.BluRay.x264-LOST",
            "tried": [torrent_hash],
        }

    hass_storage["pandora.requests"] = {
        "version": 1,
        "key": "pandora.requests",
        "data": {"requests": [saved("lost", lost, None), saved("orphan", "e" * 40, "gone")]},
    }
    hub = await stack.hub(hass, share=False, jellyfin=False)
    orphan = await settled(hub, "orphan")
    assert orphan.reason == "the qBittorrent it was added to is no longer configured"
    await wait_until(lambda: lost in torrent_hashes(stack.swarm), timeout=30)
    assert adds[0]["urls"] == (
        f"magnet:?xt=urn:btih:{lost}&dn=The.General.1926.1080p.BluRay.x264-LOST",
    )
    client = next(iter(hub.runtime_data.qbittorrent.values())).client
    await client.delete(lost, delete_files=True)
    request = await settled(hub, "lost")
    assert request.status == "failed"
    assert request.reason == "the torrent was removed from qBittorrent"


async def test_an_erroring_torrent_counts_as_stalled(
    hass: HomeAssistant,
    stack: Stack,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
) -> None:
    """qBittorrent reporting error or missingFiles fails it at once (the torrent removed)."""
    hub = await stack.hub(hass, share=False, jellyfin=False)
    request = await request_title(
        hub, alice, hass_admin_user, tmdb_id=NOSFERATU, title="Nosferatu", year=1922
    )
    stalled = releases.nosferatu_unseeded
    await wait_until(lambda: stalled.infohash in torrent_hashes(stack.swarm), timeout=30)
    await wait_until(lambda: request.status == "downloading", timeout=30)
    # qBittorrent says "missingFiles" when the files vanished under it: show the pipeline that.
    pipeline = hub.runtime_data.request_pipeline
    assert pipeline is not None
    coordinator = next(iter(hub.runtime_data.qbittorrent.values()))
    missing = Torrent.from_dict(stalled.infohash, {"state": "missingFiles", "progress": 0.5})
    await pipeline._progress(request, coordinator, missing, pipeline._watch(stalled.infohash))
    request = await settled(hub, request.id)
    assert request.reason == "stalled: qBittorrent reports it as missingFiles"
    await wait_until(lambda: stalled.infohash not in torrent_hashes(stack.swarm), timeout=30)


# --- no release, stalled, retry ----------------------------------------------------------------


async def test_no_acceptable_release_fails_with_the_reasons(
    hass: HomeAssistant,
    stack: Stack,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
    adds: list[dict[str, Any]],
) -> None:
    hub = await stack.hub(hass, share=False, jellyfin=False)
    nothing = await request_title(
        hub, alice, hass_admin_user, tmdb_id=GENERAL, title="The General", year=1926
    )
    rejected = await request_title(
        hub, alice, hass_admin_user, tmdb_id=METROPOLIS, title="Metropolis", year=1927
    )
    nothing = await settled(hub, nothing.id)
    rejected = await settled(hub, rejected.id)
    assert nothing.status == "failed"
    assert nothing.reason == 'no release found for "The General 1926"'
    assert rejected.status == "failed"
    assert rejected.reason == (
        'no acceptable release among 2 results for "Metropolis 1927": '
        "2 rejected: CAM source rejected (1), too few seeders (1)"
    )
    assert statuses(rejected) == ["pending", "approved", "searching", "failed"]

    broken = await request_title(hub, alice, hass_admin_user, tmdb_id=1, title="Haxan", year=1922)
    broken = await settled(hub, broken.id)
    assert broken.reason == (
        'no acceptable release among 1 result for "Haxan 1922": could not be fetched: '
        "Haxan.1922.1080p.BluRay.x264-BROKEN: the indexer did not send a torrent file"
    )
    # Every acceptable release was tried already (as on a retry after the last one failed).
    queue = hub.runtime_data.requests
    again, _ = await queue.async_create(
        alice, tmdb_id=NOTLD, media_type="movie", title="Night of the Living Dead", year=1968
    )
    await queue.async_update(again, tried=[releases.notld.infohash])
    await queue.async_set_status(again, "approved", by=hass_admin_user.id)
    again = await settled(hub, again.id)
    assert again.reason == (
        'no acceptable release among 1 result for "Night of the Living Dead 1968": 1 already tried'
    )
    assert adds == []


async def test_a_stalled_download_fails_and_a_retry_takes_the_next_release(
    hass: HomeAssistant,
    stack: Stack,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(request_pipeline, "STALL_MINUTE", 1.0)  # "minutes" of one second
    hub = await stack.hub(hass)
    queue = hub.runtime_data.requests
    queue.settings.stall_minutes = 2
    failed = async_capture_events(hass, "pandora_request_failed")
    request = await request_title(
        hub, alice, hass_admin_user, tmdb_id=NOSFERATU, title="Nosferatu", year=1922
    )
    request = await settled(hub, request.id)
    stalled = releases.nosferatu_unseeded
    assert request.status == "failed"
    assert request.torrent_hash == stalled.infohash
    assert request.reason == "stalled: no progress for 2 minutes (0% done, 0 seeds connected)"
    assert [e.data["reason"] for e in failed] == [request.reason]
    # Removed with what it had written.
    await wait_until(lambda: stalled.infohash not in torrent_hashes(stack.swarm), timeout=30)
    assert not (stack.swarm.downloader.downloads / stalled.name).exists()

    queue.settings.stall_minutes = 120
    await queue.async_set_status(request, "approved", by=hass_admin_user.id)
    request = await settled(hub, request.id)
    assert request.status == "available", request.reason
    assert request.tried == [stalled.infohash, releases.nosferatu.infohash]
    assert request.release == releases.nosferatu.path.stem
    assert request.reason is None
    folder = stack.share.root / "Movies" / f"Nosferatu (1922) [tmdbid-{NOSFERATU}]"
    assert filecmp.cmp(releases.nosferatu.path, folder / releases.nosferatu.name, shallow=False)


# --- already there, duplicates, filing ----------------------------------------------------------


async def test_a_duplicate_request_joins_and_nothing_downloads_twice(
    hass: HomeAssistant,
    stack: Stack,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
    adds: list[dict[str, Any]],
) -> None:
    """Two people ask for a title whose release qBittorrent already holds, complete."""
    torrent = releases.carnival
    stack.swarm.preload(torrent)
    hub = await stack.hub(hass)
    queue = hub.runtime_data.requests
    bob = member(hass, "Bob")
    request = await request_title(
        hub, alice, hass_admin_user, tmdb_id=CARNIVAL, title="Carnival of Souls", year=1962
    )
    joined, created = await queue.async_create(
        bob, tmdb_id=CARNIVAL, media_type="movie", title="Carnival of Souls", year=1962
    )
    assert not created
    assert joined is request
    request = await settled(hub, request.id)
    assert request.status == "available", request.reason
    assert request.users() == [alice.id, bob.id]
    assert adds == []  # qBittorrent had it: taken over, not added again
    assert torrent_hashes(stack.swarm) == [torrent.infohash]
    assert request.jellyfin_id == stack.jellyfin_item(CARNIVAL)
    # A new request once it is available is a new request, and still adds nothing.
    again, created = await queue.async_create(
        bob, tmdb_id=CARNIVAL, media_type="movie", title="Carnival of Souls", year=1962
    )
    assert created
    await queue.async_set_status(again, "approved", by=hass_admin_user.id)
    again = await settled(hub, again.id)
    assert again.status == "available", again.reason
    assert again.jellyfin_id == request.jellyfin_id
    assert adds == []


async def test_a_failed_filing_fails_the_request(
    hass: HomeAssistant,
    stack: Stack,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
) -> None:
    torrent = releases.carnival
    stack.swarm.preload(torrent)
    (stack.share.root / "Downloaded" / torrent.name).write_bytes(b"somebody else's file")
    hub = await stack.hub(hass)
    request = await request_title(
        hub, alice, hass_admin_user, tmdb_id=CARNIVAL, title="Carnival of Souls", year=1962
    )
    request = await settled(hub, request.id)
    assert request.status == "failed"
    assert request.reason == (
        f"could not file it into the library: /Downloaded/{torrent.name} already exists; "
        "nothing was moved"
    )
    assert statuses(request)[-2:] == ["importing", "failed"]


async def test_a_season_is_filed_as_a_series(
    hass: HomeAssistant,
    stack: Stack,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
    adds: list[dict[str, Any]],
) -> None:
    """TV: the season pack, not the better-seeded single episode, filed under the series."""
    torrent = releases.show_s01
    stack.swarm.preload(torrent)
    hub = await stack.hub(hass)
    request = await request_title(
        hub,
        alice,
        hass_admin_user,
        tmdb_id=SHOW,
        title="The Pandora Show",
        year=2024,
        media_type="tv",
        season=1,
    )
    request = await settled(hub, request.id)
    assert request.status == "available", request.reason
    assert request.release == torrent.path.stem
    series = stack.share.root / "TV Shows" / f"The Pandora Show (2024) [tmdbid-{SHOW}]"
    assert (series / "Season 01" / torrent.name).is_file()
    assert request.jellyfin_id == stack.jellyfin_item(SHOW, "Series")
    assert stack.jackett.requests[-1][1]["q"] == "The Pandora Show S01"
    # The whole series: the same pack is the only acceptable release (the episode is not).
    whole = await request_title(
        hub,
        alice,
        hass_admin_user,
        tmdb_id=SHOW,
        title="The Pandora Show",
        year=2024,
        media_type="tv",
    )
    whole = await settled(hub, whole.id)
    assert whole.status == "available", whole.reason
    assert whole.torrent_hash == torrent.infohash
    assert stack.jackett.requests[-1][1]["q"] == "The Pandora Show"
    assert adds == []


async def test_without_share_or_jellyfin_it_is_available_once_downloaded(
    hass: HomeAssistant,
    stack: Stack,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
) -> None:
    torrent = releases.carnival
    stack.swarm.preload(torrent)
    hub = await stack.hub(hass, share=False, jellyfin=False)
    request = await request_title(
        hub, alice, hass_admin_user, tmdb_id=CARNIVAL, title="Carnival of Souls", year=1962
    )
    request = await settled(hub, request.id)
    assert request.status == "available", request.reason
    assert request.transitions[-1].reason == "downloaded"
    assert (stack.swarm.downloader.downloads / torrent.name).is_file()  # left where it was


async def test_jellyfin_not_listing_it_still_ends_available(
    hass: HomeAssistant,
    stack: Stack,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No share to file it into: Jellyfin scans everything; not found in time, it is
    available anyway (the files are there; Jellyfin may need a hand identifying them)."""
    monkeypatch.setattr(request_pipeline, "LOOKUP_TIMEOUT", 0.0)
    stack.swarm.preload(releases.carnival)
    hub = await stack.hub(hass, share=False)
    request = await request_title(
        hub, alice, hass_admin_user, tmdb_id=CARNIVAL, title="Carnival of Souls", year=1962
    )
    request = await settled(hub, request.id)
    assert request.status == "available"
    assert request.jellyfin_id is None
    assert request.transitions[-1].reason == "downloaded; Jellyfin did not list it within 0 minutes"
    assert stack.jellyfin.scans_started == 1


async def test_what_is_missing_is_named(
    hass: HomeAssistant,
    stack: Stack,
    alice: User,
    hass_admin_user: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No Jackett, no qBittorrent, or a fault: failed, saying why (retried each time)."""
    subs = stack.subentries(share=False, jellyfin=False)  # qBittorrent, Jackett
    hub: MockConfigEntry | None = None
    request_id = ""

    async def attempt(*kept: ConfigSubentryData) -> str | None:
        nonlocal hub, request_id
        if hub is not None:
            assert await hass.config_entries.async_remove(hub.entry_id)
        hub = await setup_hub(hass, hub_entry(*kept))
        queue = hub.runtime_data.requests
        if not request_id:
            request_id = (
                await request_title(
                    hub, alice, hass_admin_user, tmdb_id=NOTLD, title="Night", year=1968
                )
            ).id
        else:  # the queue is read back from storage: retry there
            request = queue.get(request_id)
            assert request is not None
            await queue.async_set_status(request, "approved", by=hass_admin_user.id)
        return (await settled(hub, request_id)).reason

    assert await attempt(subs[0]) == "no Jackett is configured to search for releases"
    assert await attempt(subs[1]) == "no qBittorrent is configured to download releases"

    async def boom(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(ReleaseSearch, "search_ranked", boom)
    assert await attempt(*subs) == "unexpected error: boom"


def test_torrent_infohash_reads_what_qbittorrent_lists() -> None:
    info = {"name": "a", "length": 1, "piece length": 16384, "pieces": b"x" * 20}
    content = bencode({"announce": "http://t/a", "info": info})
    assert torrent_infohash(content) == hashlib.sha1(bencode(info)).hexdigest()
    v2 = {"name": "a", "meta version": 2, "file tree": {}, "piece length": 16384}
    assert torrent_infohash(bencode({"info": v2})) == hashlib.sha256(bencode(v2)).hexdigest()[:40]
    for broken in (
        b"",
        b"<html>",
        b"d4:info",
        b"d4:infoi1",
        b"d4:info5:ab",
        b"d4:infox",
        b"d1:ai1ee",
    ):
        assert torrent_infohash(broken) is None
    assert torrent_infohash(b"d4:info" + b"l" * 100 + b"e" * 101 + b"e") is None


def test_queries_as_search_torrents_builds_them() -> None:
    title = {"title": "Amélie: Le Film!", "year": 2001}
    assert query_for(title, "movie", None) == ("Amélie Le Film 2001", 2001)
    assert query_for({"title": "Film"}, "movie", None) == ("Film", None)
    assert query_for(title, "tv", 2) == ("Amélie Le Film S02", None)
    assert query_for(title, "tv", 2, 5) == ("Amélie Le Film S02E05", None)
    assert query_for(title, "tv", None) == ("Amélie Le Film", None)


def test_main_reasons_counts_the_commonest() -> None:
    @dataclass
    class Item:
        title: str
        seeders: int | None
        size: int | None = None

    ranked = rank(
        [
            Item("Film.2001.CAM.x264", 50),
            Item("Film.2001.HDCAM.x264", 50),
            Item("Film.2001.1080p.BluRay.x264", 0),
            Item("Film.2001.720p.BluRay.x264", 2),
        ],
        RankingPreferences(min_seeders=3),
    )
    assert main_reasons(ranked) == "CAM source rejected (2), too few seeders (2)"
