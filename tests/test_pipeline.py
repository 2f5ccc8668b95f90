"""The completed-download pipeline end to end on loopback: real qbittorrent-nox downloads from a
real seeder, real Cloud Commander holds the share, the Jellyfin simulator scans its folders."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
import filecmp
from pathlib import Path
import shutil
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.pandora.const import (
    CONF_QBITTORRENT_ROOT,
    CONF_VERIFY_SSL,
    DEFAULT_FOLDERS,
    DOMAIN,
    EVENT_FILES_MOVED,
    SUBENTRY_CLOUDCMD,
    SUBENTRY_JELLYFIN,
)
from devtools.simulators.jellyfin import JellyfinSimulator, start as start_jellyfin
from devtools.support.cloudcmd import CloudCommander
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.torrents import TorrentFile, make_payload, make_torrent
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from tests.conftest import allow_loopback, hub_entry, qb_subentry, setup_hub
from tests.helpers import poll_until, wait_until

NAME = "Night.of.the.Living.Dead.1968.1080p.BluRay.x264-PANDORA.mkv"
FILED = Path("Movies") / "Night of the Living Dead (1968)" / NAME


@pytest.fixture
def daemons() -> Iterator[tuple[QBittorrentDaemon, QBittorrentDaemon]]:
    allow_loopback()
    seeder = QBittorrentDaemon(version="4").start()
    downloader = QBittorrentDaemon(version="4").start()
    yield seeder, downloader
    downloader.stop()
    seeder.stop()


@pytest.fixture
def share() -> Iterator[CloudCommander]:
    allow_loopback()
    with CloudCommander() as server:
        yield server


@pytest.fixture
async def jellyfin(share: CloudCommander) -> AsyncIterator[tuple[JellyfinSimulator, str]]:
    sim = JellyfinSimulator(
        libraries=[("Movies", "movies", str(share.root / "Movies"))], scan_duration=0.3
    )
    runner, port = await start_jellyfin(sim)
    yield sim, f"http://127.0.0.1:{port}"
    await runner.cleanup()


@pytest.fixture
def release(daemons: tuple[QBittorrentDaemon, QBittorrentDaemon]) -> TorrentFile:
    seeder, _ = daemons
    payload = make_payload(seeder.host_base / "data", NAME, 6 << 20)
    torrent = make_torrent(payload)
    seeder.add_torrent_file(torrent.content, payload.parent, skip_checking=True)
    return torrent


def subentries(
    downloader: QBittorrentDaemon, share: CloudCommander, jellyfin: tuple[JellyfinSimulator, str]
) -> list[ConfigSubentryData]:
    sim, url = jellyfin
    return [
        qb_subentry(downloader),
        ConfigSubentryData(
            data={
                CONF_URL: share.url,
                CONF_VERIFY_SSL: True,
                **DEFAULT_FOLDERS,
                # qBittorrent 4.5 runs on this host: it sees the share at its real path.
                CONF_QBITTORRENT_ROOT: str(share.root),
            },
            subentry_type=SUBENTRY_CLOUDCMD,
            title="Share",
            unique_id=share.url,
        ),
        ConfigSubentryData(
            data={CONF_URL: url, CONF_API_KEY: sim.api_key, CONF_VERIFY_SSL: True},
            subentry_type=SUBENTRY_JELLYFIN,
            title="Jellyfin",
            unique_id=url,
        ),
    ]


async def hub_with(hass: HomeAssistant, subs: list[ConfigSubentryData]) -> MockConfigEntry:
    return await setup_hub(hass, hub_entry(*subs, file_into_library=True))


async def download(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    daemons: tuple[QBittorrentDaemon, QBittorrentDaemon],
    torrent: TorrentFile,
) -> None:
    """Download for real, and poll until Pandora has seen it complete."""
    seeder, downloader = daemons
    client = next(iter(hub.runtime_data.qbittorrent.values())).client
    completed = async_capture_events(hass, "pandora_torrent_completed")
    await client.add(torrent_files=[("r.torrent", torrent.content)])
    downloader.wait_for(lambda t: t["hash"] == torrent.infohash)
    await client.add_peers([torrent.infohash], [f"127.0.0.1:{seeder.bt_port}"])
    await poll_until(hass, lambda: bool(completed), timeout=120)


async def test_a_linked_download_is_filed_and_scanned(
    hass: HomeAssistant,
    daemons: tuple[QBittorrentDaemon, QBittorrentDaemon],
    share: CloudCommander,
    jellyfin: tuple[JellyfinSimulator, str],
    release: TorrentFile,
) -> None:
    sim, _ = jellyfin
    _, downloader = daemons
    hub = await hub_with(hass, subentries(downloader, share, jellyfin))
    hub.runtime_data.history.link(
        release.infohash, {"tmdb_id": 900001, "media_type": "movie", "release": NAME[:-4]}
    )
    moved = async_capture_events(hass, EVENT_FILES_MOVED)
    await download(hass, hub, daemons, release)
    await wait_until(lambda: bool(moved), timeout=120)

    filed = share.root / FILED
    assert filecmp.cmp(release.path, filed, shallow=False)  # every original byte
    assert moved[0].data["destination"] == "/Movies/Night of the Living Dead (1968)"
    assert moved[0].data["scanned"] == ["Movies"]
    assert [c.item_id for c in sim.refresh_calls] == [sim.library("Movies").item_id]
    # qBittorrent moved it itself, so it keeps seeding from the new place.
    (torrent,) = [t for t in downloader.torrents() if t["hash"] == release.infohash]
    assert str(torrent["save_path"]).rstrip("/") == str(filed.parent)
    assert hub.runtime_data.history.files()[0]["action"] == "filed"


async def test_an_unlinked_download_waits_in_downloaded(
    hass: HomeAssistant,
    daemons: tuple[QBittorrentDaemon, QBittorrentDaemon],
    share: CloudCommander,
    jellyfin: tuple[JellyfinSimulator, str],
    release: TorrentFile,
) -> None:
    _, downloader = daemons
    hub = await hub_with(hass, subentries(downloader, share, jellyfin))
    moved = async_capture_events(hass, EVENT_FILES_MOVED)
    await download(hass, hub, daemons, release)
    await wait_until(lambda: bool(moved), timeout=120)
    assert filecmp.cmp(release.path, share.root / "Downloaded" / NAME, shallow=False)
    assert not (share.root / FILED).exists()


async def test_a_removed_torrent_added_again_is_filed_again(
    hass: HomeAssistant,
    daemons: tuple[QBittorrentDaemon, QBittorrentDaemon],
    share: CloudCommander,
    jellyfin: tuple[JellyfinSimulator, str],
    release: TorrentFile,
) -> None:
    _, downloader = daemons
    hub = await hub_with(hass, subentries(downloader, share, jellyfin))
    pipeline = hub.runtime_data.pipeline
    assert pipeline is not None
    moved = async_capture_events(hass, EVENT_FILES_MOVED)
    await download(hass, hub, daemons, release)
    await wait_until(lambda: len(moved) == 1, timeout=120)
    assert release.infohash in pipeline.jobs
    client = next(iter(hub.runtime_data.qbittorrent.values())).client
    await client.delete(release.infohash, delete_files=True)
    await poll_until(hass, lambda: release.infohash not in pipeline.jobs, timeout=30)
    assert not (share.root / "Downloaded" / NAME).exists()
    # The same torrent again: a new job, filed into Downloaded once more.
    await download(hass, hub, daemons, release)
    await wait_until(lambda: len(moved) == 2, timeout=120)
    assert filecmp.cmp(release.path, share.root / "Downloaded" / NAME, shallow=False)


async def test_a_name_clash_moves_nothing(
    hass: HomeAssistant,
    daemons: tuple[QBittorrentDaemon, QBittorrentDaemon],
    share: CloudCommander,
    jellyfin: tuple[JellyfinSimulator, str],
    release: TorrentFile,
) -> None:
    _, downloader = daemons
    (share.root / "Downloaded" / NAME).write_bytes(b"somebody else's file")
    hub = await hub_with(hass, subentries(downloader, share, jellyfin))
    await download(hass, hub, daemons, release)
    issues = ir.async_get(hass)
    await poll_until(
        hass,
        lambda: issues.async_get_issue(DOMAIN, f"pipeline_{release.infohash}") is not None,
        timeout=120,
    )
    assert (share.root / "Downloaded" / NAME).read_bytes() == b"somebody else's file"
    assert filecmp.cmp(release.path, downloader.downloads / NAME, shallow=False)
    assert hub.runtime_data.pipeline is not None
    job = hub.runtime_data.pipeline.jobs[release.infohash]
    assert job.step == "failed"
    assert "already exists" in (job.error or "")


async def test_a_restart_resumes_the_job(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    daemons: tuple[QBittorrentDaemon, QBittorrentDaemon],
    share: CloudCommander,
    jellyfin: tuple[JellyfinSimulator, str],
    release: TorrentFile,
) -> None:
    """Home Assistant stopped after a download completed and before it was filed."""
    _, downloader = daemons
    shutil.copyfile(release.path, downloader.downloads / NAME)
    downloader.add_torrent_file(release.content, downloader.downloads, skip_checking=True)
    downloader.wait_for(lambda t: t["hash"] == release.infohash and t["progress"] == 1)
    sub = subentries(downloader, share, jellyfin)
    hass_storage["pandora.pipeline"] = {
        "version": 1,
        "key": "pandora.pipeline",
        "data": {
            "jobs": [
                {
                    "hash": release.infohash,
                    "name": NAME,
                    "subentry_id": "placeholder",
                    "share_id": "placeholder",
                    "step": "to_downloaded",
                }
            ]
        },
    }
    entry = hub_entry(*sub)
    ids = {s.subentry_type: s.subentry_id for s in entry.subentries.values()}
    job = hass_storage["pandora.pipeline"]["data"]["jobs"][0]
    job["subentry_id"], job["share_id"] = ids["qbittorrent"], ids["cloudcmd"]
    moved = async_capture_events(hass, EVENT_FILES_MOVED)
    await setup_hub(hass, entry)
    await wait_until(lambda: bool(moved), timeout=120)
    assert filecmp.cmp(release.path, share.root / "Downloaded" / NAME, shallow=False)
