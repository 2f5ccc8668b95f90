"""The pipelines interrupted: a service gone in the middle of a job, Home Assistant restarted in
the middle of each stage. Nothing may be lost, duplicated or done twice, and every job resumes.

Real qbittorrent-nox (downloading from a real seeder through a local tracker), a real Cloud
Commander holding the share, the Jackett and Jellyfin simulators; a "restart" unloads the hub and
sets it up again, as `test_request_pipeline` does. Each test prints how long the job took to end
after the service (or Home Assistant) came back: measured, not asserted, on a shared machine.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field, replace
import hashlib
import os
from pathlib import Path
import shutil
import tempfile
import time
from typing import Any

from aiohttp import web
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora.api.cloudcmd import CloudCommanderClient
from custom_components.pandora.api.errors import TRANSIENT_ERRORS, InvalidAuth
from custom_components.pandora.api.jellyfin import JellyfinClient
from custom_components.pandora.api.qbittorrent import QBittorrentClient
from custom_components.pandora.api.qbittorrent_models import Torrent, TorrentStatus
from custom_components.pandora.const import DOMAIN
from custom_components.pandora.downloads.search import ReleaseSearch
from custom_components.pandora.files.pipeline import RETRY_FIRST
from custom_components.pandora.requests.pipeline import timing as request_pipeline
from custom_components.pandora.requests.queue import MediaRequest
from devtools.simulators import jackett as jackett_sim
from devtools.simulators.jackett import JackettSimulator, SimIndexer
from devtools.simulators.jellyfin import JellyfinSimulator, start as start_jellyfin
from devtools.support.cloudcmd import CloudCommander
from devtools.support.swarm import Swarm, sim_release
from devtools.support.torrents import TorrentFile
from homeassistant.auth.models import User
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from tests.conftest import allow_loopback
from tests.helpers import wait_until
from tests.test_request_pipeline import (  # noqa: F401  (fixtures used by name)
    MIB,
    NOTLD,
    Releases,
    Stack,
    _quick,
    adds,
    alice,
    downloader,
    releases,
    request_title,
    settled,
    statuses,
    swarm,
    torrent_hashes,
)

METROPOLIS = 900004
BIG_SIZE = 512 * MIB  # a move across file systems takes qBittorrent seconds: long enough to catch
CLEAN = ["pending", "approved", "searching", "downloading", "importing", "available"]


@pytest.fixture(scope="module")
def big(swarm: Swarm) -> TorrentFile:
    """A release too big to move in an instant (nobody seeds it: tests preload it)."""
    return swarm.release("Metropolis.1927.1080p.BluRay.x264-BIG.mkv", BIG_SIZE, seeded=False)


@pytest.fixture
def share() -> Iterator[CloudCommander]:
    """A Cloud Commander of the test's own, to stop and start again."""
    allow_loopback()
    with CloudCommander() as server:
        yield server


@pytest.fixture
def elsewhere() -> Iterator[Path]:
    """A folder on another file system than the share (tmpfs)."""
    folder = Path(tempfile.mkdtemp(prefix="pandora-faults-", dir="/dev/shm"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def across_file_systems(share: CloudCommander, elsewhere: Path) -> None:
    """Make the share's Downloaded folder live on another file system.

    qBittorrent then copies on each move (Downloads → Downloaded → Movies), which takes seconds
    for `big`: a restart can land while it moves.
    """
    downloaded = share.root / "Downloaded"
    downloaded.rmdir()
    downloaded.symlink_to(elsewhere, target_is_directory=True)


@dataclass
class JellyfinServer:
    """The Jellyfin simulator served on one port, stopped and started again at will."""

    sim: JellyfinSimulator
    port: int = 0
    runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self.runner, self.port = await start_jellyfin(self.sim, self.port)

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None


@dataclass
class Faults:
    """The test's services, and a hub set up against them."""

    stack: Stack
    jellyfin: JellyfinServer
    share: CloudCommander
    hub: MockConfigEntry | None = None
    started: float = field(default_factory=time.perf_counter)

    async def setup(self, hass: HomeAssistant) -> MockConfigEntry:
        self.hub = await self.stack.hub(hass)
        return self.hub

    async def restart(self, hass: HomeAssistant) -> None:
        """Home Assistant restarts: the hub unloads (jobs cancelled) and is set up again."""
        assert self.hub is not None
        assert await hass.config_entries.async_unload(self.hub.entry_id)
        assert await hass.config_entries.async_setup(self.hub.entry_id)
        self.came_back()

    async def stop_share(self, hass: HomeAssistant) -> None:
        await hass.async_add_executor_job(self.share.halt)

    async def start_share(self, hass: HomeAssistant) -> None:
        await hass.async_add_executor_job(self.share.start)
        self.came_back()

    def came_back(self) -> None:
        self.started = time.perf_counter()

    def report(self, what: str) -> None:
        print(f"\n{what}: done {time.perf_counter() - self.started:.1f} s after it came back")


@pytest.fixture
async def faults(
    releases: Releases, big: TorrentFile, share: CloudCommander, downloader: Swarm
) -> AsyncIterator[Faults]:
    jackett = JackettSimulator(
        indexers=[
            SimIndexer(
                "swarm",
                "Swarm",
                releases=[
                    sim_release(releases.notld, releases.notld.path.stem, seeders=20),
                    sim_release(big, big.path.stem, seeders=20),
                ],
            )
        ]
    )
    jackett_runner, jackett_port = await jackett_sim.start(jackett)
    jellyfin = JellyfinServer(
        JellyfinSimulator(
            libraries=[
                ("Movies", "movies", str(share.root / "Movies")),
                ("Shows", "tvshows", str(share.root / "TV Shows")),
            ],
            scan_duration=0.2,
        )
    )
    await jellyfin.start()
    stack = Stack(
        jackett,
        f"http://127.0.0.1:{jackett_port}",
        jellyfin.sim,
        jellyfin.url,
        share,
        downloader,
    )
    yield Faults(stack, jellyfin, share)
    await jellyfin.stop()
    await jackett_runner.cleanup()


def around(
    monkeypatch: pytest.MonkeyPatch,
    owner: type,
    name: str,
    *,
    before: Callable[[], Awaitable[None]] | None = None,
    after: Callable[[], Awaitable[None]] | None = None,
    call: int | None = 1,
) -> list[BaseException | None]:
    """Run `before`/`after` around the `call`-th call of `owner.name` (None: every call);
    return every call's outcome (its error, or None) as it comes."""
    original = getattr(owner, name)
    outcomes: list[BaseException | None] = []

    async def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        nth = len(outcomes) + 1
        outcomes.append(None)  # reserved now: a concurrent call counts as the next one
        if call in (nth, None) and before is not None:
            await before()
        try:
            result = await original(self, *args, **kwargs)
        except Exception as err:
            outcomes[nth - 1] = err
            raise
        if call in (nth, None) and after is not None:
            await after()
        return result

    monkeypatch.setattr(owner, name, wrapper)
    return outcomes


def failures(outcomes: list[BaseException | None]) -> int:
    """How many calls failed because the service was away (down, or answering 5xx)."""
    return sum(isinstance(outcome, TRANSIENT_ERRORS) for outcome in outcomes)


def failed(outcomes: list[BaseException | None]) -> bool:
    return failures(outcomes) > 0


def tree(*roots: Path) -> dict[str, str]:
    """Every file below the roots (links followed), by path, with a digest of its content."""
    files = {}
    for root in roots:
        for folder, _dirs, names in os.walk(root, followlinks=True):
            for name in names:
                path = Path(folder) / name
                with path.open("rb") as handle:
                    digest = hashlib.file_digest(handle, "sha1").hexdigest()
                files[str(path.relative_to(root.parent))] = digest
    return files


def pipeline_issues(hass: HomeAssistant) -> list[str]:
    return [
        issue_id
        for (domain, issue_id) in ir.async_get(hass).issues
        if domain == DOMAIN and issue_id.startswith("pipeline_")
    ]


def filed_once(faults: Faults, torrent: TorrentFile, folder: str, before: dict[str, str]) -> None:
    """The torrent's one file is in its library folder, byte for byte, and nowhere else."""
    share, downloads = faults.share.root, faults.stack.swarm.downloader.downloads
    (digest,) = before.values()
    assert tree(share, downloads) == {f"share/{folder}/{torrent.name}": digest}


def clean_end(hass: HomeAssistant, hub: MockConfigEntry, request: MediaRequest) -> None:
    """Available with its Jellyfin item, each status once, its job done, no repair issue."""
    assert request.status == "available", request.reason
    assert statuses(request) == CLEAN
    assert request.jellyfin_id is not None
    pipeline = hub.runtime_data.pipeline
    assert pipeline is not None
    assert pipeline.jobs[str(request.torrent_hash)].step == "done"
    assert pipeline_issues(hass) == []


NOTLD_FOLDER = f"Movies/Night of the Living Dead (1968) [tmdbid-{NOTLD}]"
BIG_FOLDER = f"Movies/Metropolis (1927) [tmdbid-{METROPOLIS}]"


async def ask_for_notld(hub: MockConfigEntry, alice: User, admin: User) -> MediaRequest:
    return await request_title(
        hub, alice, admin, tmdb_id=NOTLD, title="Night of the Living Dead", year=1968
    )


async def ask_for_big(hub: MockConfigEntry, alice: User, admin: User) -> MediaRequest:
    return await request_title(hub, alice, admin, tmdb_id=METROPOLIS, title="Metropolis", year=1927)


# --- Cloud Commander gone in the middle of a move ---------------------------------------------


@pytest.mark.parametrize("when", ["exists", "mkdir", "moving"])
async def test_cloudcmd_gone_mid_filing_resumes(
    hass: HomeAssistant,
    faults: Faults,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
    adds: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    when: str,
) -> None:
    """Cloud Commander stops before the name check, between mkdir and setLocation, or while
    qBittorrent moves: the job waits and goes on when it is back; the request ends available."""

    async def stop() -> None:
        await faults.stop_share(hass)

    if when == "exists":
        around(monkeypatch, CloudCommanderClient, "exists", before=stop)
    elif when == "mkdir":
        around(monkeypatch, CloudCommanderClient, "mkdir", after=stop)
    else:
        around(monkeypatch, QBittorrentClient, "set_location", after=stop)
    checks = around(monkeypatch, CloudCommanderClient, "exists")
    hub = await faults.setup(hass)
    torrent = releases.notld
    request = await ask_for_notld(hub, alice, hass_admin_user)

    await wait_until(lambda: failed(checks), timeout=120)  # the job met the outage
    before = {torrent.name: hashlib.sha1(torrent.path.read_bytes()).hexdigest()}
    await faults.start_share(hass)
    request = await settled(hub, request.id)
    faults.report(f"Cloud Commander gone at {when}")

    clean_end(hass, hub, request)
    assert request.jellyfin_id == faults.stack.jellyfin_item(NOTLD)
    filed_once(faults, torrent, NOTLD_FOLDER, before)
    assert len(adds) == 1
    assert len(faults.jellyfin.sim.refresh_calls) == 1


async def test_a_refused_password_waits_for_reauth(
    hass: HomeAssistant,
    faults: Faults,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cloud Commander comes back asking for a password: the job does not log in again and
    again (that could get Home Assistant banned), nor fail; the re-authentication resumes it."""
    share = faults.share

    async def with_a_password() -> None:
        await faults.stop_share(hass)
        share.username, share.password = "pandora", "a new secret"
        await faults.start_share(hass)

    around(monkeypatch, CloudCommanderClient, "exists", before=with_a_password)
    checks = around(monkeypatch, CloudCommanderClient, "exists")
    hub = await faults.setup(hass)
    torrent = releases.notld
    request = await ask_for_notld(hub, alice, hass_admin_user)
    await wait_until(lambda: any(isinstance(c, InvalidAuth) for c in checks), timeout=120)
    before = {torrent.name: hashlib.sha1(torrent.path.read_bytes()).hexdigest()}
    await asyncio.sleep(3 * RETRY_FIRST)  # time for retries, were there any
    assert len(checks) == 1
    assert request.status == "importing"

    (coordinator,) = hub.runtime_data.cloudcmd.values()
    await coordinator.async_refresh()  # its next poll: refused, it asks for the password
    (flow,) = hass.config_entries.flow.async_progress()
    assert flow["context"]["source"] == "reauth"
    result = await hass.config_entries.flow.async_configure(
        flow["flow_id"], {CONF_USERNAME: "pandora", CONF_PASSWORD: "a new secret"}
    )
    assert result["reason"] == "reauth_successful"
    await hass.async_block_till_done()  # the hub reloads with the new password
    assert hub.state is ConfigEntryState.LOADED
    faults.came_back()
    request = await settled(hub, request.id)
    faults.report("Cloud Commander's password changed")

    clean_end(hass, hub, request)
    filed_once(faults, torrent, NOTLD_FOLDER, before)


async def test_move_files_with_cloudcmd_gone(
    hass: HomeAssistant, faults: Faults, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Files tab's move: an error that says so, nothing lost; the same move works once the
    share is back. Gone after it moved (before it could confirm): moved once, error shown."""
    share = faults.share.root
    (share / "Downloaded" / "a.mkv").write_bytes(b"a" * 1000)
    (share / "Downloaded" / "b.mkv").write_bytes(b"b" * 1000)
    before = tree(share)
    await faults.setup(hass)
    await faults.stop_share(hass)
    move = {"paths": ["/Downloaded/a.mkv"], "destination": "movies", "folder": "A (2001)"}
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(DOMAIN, "move_files", move, blocking=True)
    assert err.value.translation_key == "cannot_connect"
    assert tree(share) == before
    await faults.start_share(hass)
    await hass.services.async_call(DOMAIN, "move_files", move, blocking=True)
    assert (share / "Movies" / "A (2001)" / "a.mkv").read_bytes() == b"a" * 1000

    around(
        monkeypatch,
        CloudCommanderClient,
        "_send_transfer",
        after=lambda: faults.stop_share(hass),
    )
    move = {"paths": ["/Downloaded/b.mkv"], "destination": "movies", "folder": "B (2002)"}
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(DOMAIN, "move_files", move, blocking=True)
    assert err.value.translation_key == "cannot_connect"
    assert tree(share) == {
        "share/Movies/A (2001)/a.mkv": before["share/Downloaded/a.mkv"],
        "share/Movies/B (2002)/b.mkv": before["share/Downloaded/b.mkv"],
    }
    await faults.start_share(hass)


# --- Jellyfin gone in the middle of a request's import ----------------------------------------


@pytest.mark.parametrize("when", ["scan", "scan_500", "lookup"])
async def test_jellyfin_gone_mid_import_resumes(
    hass: HomeAssistant,
    faults: Faults,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
    monkeypatch: pytest.MonkeyPatch,
    when: str,
) -> None:
    """Jellyfin stops before Pandora asks it to scan (or answers 500 to it), or after it scanned
    and before Pandora found the title, for longer than Pandora waits for a title: the request
    ends available with its Jellyfin id once Jellyfin is back, scanned once, filed once."""
    monkeypatch.setattr(request_pipeline, "LOOKUP_TIMEOUT", 1.0)
    jellyfin = faults.jellyfin
    sim = jellyfin.sim

    def indexed() -> bool:
        return any(item.provider_ids.get("Tmdb") == str(NOTLD) for item in sim.indexed())

    async def gone_once_indexed() -> None:
        await wait_until(indexed, timeout=30)
        await jellyfin.stop()

    if when == "scan":
        around(monkeypatch, JellyfinClient, "refresh_library", before=jellyfin.stop)
        outcomes = around(monkeypatch, JellyfinClient, "refresh_library")
    elif when == "scan_500":
        sim.failing_paths[f"/Items/{sim.library('Movies').item_id}/Refresh"] = 2
        outcomes = around(monkeypatch, JellyfinClient, "refresh_library")
    else:
        outcomes = around(monkeypatch, JellyfinClient, "find_by_provider_id")
        around(monkeypatch, JellyfinClient, "find_by_provider_id", before=gone_once_indexed)
    hub = await faults.setup(hass)
    torrent = releases.notld
    request = await ask_for_notld(hub, alice, hass_admin_user)

    await wait_until(lambda: failed(outcomes), timeout=120)
    before = {torrent.name: hashlib.sha1(torrent.path.read_bytes()).hexdigest()}
    if when == "scan_500":
        await wait_until(lambda: failures(outcomes) == 2, timeout=60)
    else:
        # Away for longer than Pandora waits for Jellyfin to list a title: that wait is for
        # Jellyfin's scan, and the time it is gone does not count.
        await asyncio.sleep(3 * request_pipeline.LOOKUP_TIMEOUT)
        await jellyfin.start()
    faults.came_back()
    request = await settled(hub, request.id)
    faults.report(f"Jellyfin gone at {when}")

    clean_end(hass, hub, request)
    assert request.jellyfin_id == faults.stack.jellyfin_item(NOTLD)
    filed_once(faults, torrent, NOTLD_FOLDER, before)
    assert len(sim.refresh_calls) == 1


async def test_jellyfin_gone_before_scanning_everything(
    hass: HomeAssistant,
    faults: Faults,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without a share, Jellyfin is asked to scan everything: gone then, it is asked once it is
    back (the lookup's wait runs from then), not never."""
    monkeypatch.setattr(request_pipeline, "LOOKUP_TIMEOUT", 1.0)
    jellyfin = faults.jellyfin
    around(monkeypatch, JellyfinClient, "refresh_all", before=jellyfin.stop)
    outcomes = around(monkeypatch, JellyfinClient, "refresh_all")
    hub = await faults.stack.hub(hass, share=False)
    request = await ask_for_notld(hub, alice, hass_admin_user)

    await wait_until(lambda: failed(outcomes), timeout=120)
    await asyncio.sleep(3 * request_pipeline.LOOKUP_TIMEOUT)
    await jellyfin.start()
    faults.came_back()
    request = await settled(hub, request.id)
    faults.report("Jellyfin gone before scanning everything")

    assert request.status == "available", request.reason
    assert jellyfin.sim.scans_started == 1
    assert request.transitions[-1].reason == "downloaded; Jellyfin did not list it within 0 minutes"


async def test_a_torrent_removed_while_home_assistant_was_off_takes_its_repair_along(
    hass: HomeAssistant,
    faults: Faults,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
) -> None:
    """A filing that failed (a name taken) raises a repair that goes with the torrent, also
    when the torrent was removed while Home Assistant was off."""
    torrent = releases.notld
    swarm = faults.stack.swarm
    swarm.preload(torrent)
    taken = faults.share.root / "Downloaded" / torrent.name
    taken.write_bytes(b"somebody else's file")
    hub = await faults.setup(hass)
    request = await settled(hub, (await ask_for_notld(hub, alice, hass_admin_user)).id)
    assert request.status == "failed"
    assert pipeline_issues(hass) == [f"pipeline_{torrent.infohash}"]

    assert await hass.config_entries.async_unload(hub.entry_id)
    swarm.downloader.api("torrents/delete", {"hashes": torrent.infohash, "deleteFiles": "true"})
    await wait_until(lambda: torrent_hashes(swarm) == [], timeout=30)
    assert await hass.config_entries.async_setup(hub.entry_id)

    assert pipeline_issues(hass) == []
    assert hub.runtime_data.pipeline is not None
    assert torrent.infohash not in hub.runtime_data.pipeline.jobs
    assert taken.read_bytes() == b"somebody else's file"


# --- Home Assistant restarted in the middle of each stage -------------------------------------


@dataclass
class Probe:
    """What qBittorrent was doing each time Pandora asked it to move, or Jellyfin to scan."""

    moves: list[str] = field(default_factory=list)
    scans: list[str] = field(default_factory=list)

    def busy(self) -> set[str]:
        """States in which qBittorrent may have been moving the files (it had to be done)."""
        return {"moving", "checkingResumeData"} & {*self.moves, *self.scans}


def probe(
    hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch, swarm: Swarm, torrent_hash: str
) -> Probe:
    """Record qBittorrent's own word (not the client's under test) before each move and scan."""
    seen = Probe()

    async def state() -> str:
        torrents = await hass.async_add_executor_job(swarm.downloader.torrents)
        (torrent,) = [t for t in torrents if t["hash"] == torrent_hash]
        return str(torrent["state"])

    async def before_move() -> None:
        seen.moves.append(await state())

    async def before_scan() -> None:
        seen.scans.append(await state())

    around(monkeypatch, QBittorrentClient, "set_location", before=before_move, call=None)
    around(monkeypatch, JellyfinClient, "refresh_library", before=before_scan, call=None)
    return seen


def preload(swarm: Swarm, torrent: TorrentFile) -> dict[str, str]:
    """A complete copy in the downloader, past its resume-data check; its files' tree."""
    swarm.preload(torrent)
    swarm.downloader.wait_for(
        lambda t: t["hash"] == torrent.infohash and t["state"] != "checkingResumeData"
    )
    return tree(swarm.downloader.downloads)


@pytest.mark.parametrize("stage", ["to_downloaded", "to_library", "scan"])
async def test_a_restart_in_each_filing_stage(
    hass: HomeAssistant,
    faults: Faults,
    big: TorrentFile,
    elsewhere: Path,
    alice: User,
    hass_admin_user: User,
    adds: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    stage: str,
) -> None:
    """Home Assistant restarts while qBittorrent moves the download into Downloaded, into
    Movies, or while Jellyfin is asked to scan: the job resumes where it stood, waits for the
    move it had asked for, moves nothing twice and files the title once."""
    across_file_systems(faults.share, elsewhere)
    before = preload(faults.stack.swarm, big)
    seen = probe(hass, monkeypatch, faults.stack.swarm, big.infohash)
    in_flight = asyncio.Event()

    async def hold() -> None:
        in_flight.set()
        if stage == "scan":
            await asyncio.Event().wait()  # its answer never comes: the restart cancels it

    if stage == "scan":
        around(monkeypatch, JellyfinClient, "refresh_library", after=hold)
    else:
        nth = 1 if stage == "to_downloaded" else 2
        around(monkeypatch, QBittorrentClient, "set_location", after=hold, call=nth)
    hub = await faults.setup(hass)
    request = await ask_for_big(hub, alice, hass_admin_user)

    await wait_until(in_flight.is_set, timeout=120)
    if stage != "scan":
        moving = faults.stack.swarm.downloader.wait_for(lambda t: t["hash"] == big.infohash)
        assert moving["state"] == "moving"  # the restart lands in the middle of the move
    await faults.restart(hass)
    request = await settled(hub, request.id)
    faults.report(f"Restart at {stage}")

    clean_end(hass, hub, request)
    filed_once(faults, big, BIG_FOLDER, before)
    assert adds == []  # preloaded: taken over, never added
    assert len(seen.moves) == 2  # into Downloaded, into Movies: each once
    assert not seen.busy()  # each waited for the move before it


async def test_a_move_hidden_by_resume_data_checking_is_waited_for(
    hass: HomeAssistant,
    faults: Faults,
    big: TorrentFile,
    elsewhere: Path,
    alice: User,
    hass_admin_user: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """qBittorrent says checkingResumeData, not moving, while it moves a torrent it has just
    loaded (added, or after its own restart): the next move and the scan wait all the same."""
    across_file_systems(faults.share, elsewhere)
    before = preload(faults.stack.swarm, big)
    seen = probe(hass, monkeypatch, faults.stack.swarm, big.infohash)
    original = QBittorrentClient.torrents_info

    async def just_loaded(self: QBittorrentClient, **kwargs: Any) -> list[Torrent]:
        torrents = await original(self, **kwargs)
        return [
            replace(t, state="checkingResumeData", status=TorrentStatus.CHECKING)
            if t.state == "moving"
            else t
            for t in torrents
        ]

    monkeypatch.setattr(QBittorrentClient, "torrents_info", just_loaded)
    hub = await faults.setup(hass)
    request = await ask_for_big(hub, alice, hass_admin_user)
    request = await settled(hub, request.id)

    clean_end(hass, hub, request)
    filed_once(faults, big, BIG_FOLDER, before)
    assert len(seen.moves) == 2
    assert not seen.busy()


@pytest.mark.parametrize("stage", ["approved", "searching", "adding", "added", "importing"])
async def test_a_restart_in_each_request_stage(
    hass: HomeAssistant,
    faults: Faults,
    releases: Releases,
    alice: User,
    hass_admin_user: User,
    adds: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    stage: str,
) -> None:
    """Home Assistant restarts with a request approved, searched (Jackett's answer not read
    yet), being added (not sent yet, or sent without the answer) and waiting for Jellyfin to
    list it: it goes on from there, adds its torrent once and ends available."""
    in_flight = asyncio.Event()

    async def hold() -> None:
        in_flight.set()
        await asyncio.Event().wait()  # never answered: the restart cancels it

    async def seen() -> None:
        in_flight.set()

    if stage == "searching":
        around(monkeypatch, ReleaseSearch, "search_ranked", after=hold)
    elif stage == "adding":
        around(monkeypatch, QBittorrentClient, "add", before=hold)
    elif stage == "added":
        around(monkeypatch, QBittorrentClient, "add", after=hold)
    elif stage == "importing":
        faults.jellyfin.sim.scan_duration = 3.0  # Jellyfin lists it some seconds after
        around(monkeypatch, JellyfinClient, "find_by_provider_id", after=seen)
    hub = await faults.setup(hass)
    torrent = releases.notld
    before = {torrent.name: hashlib.sha1(torrent.path.read_bytes()).hexdigest()}
    queue = hub.runtime_data.requests
    if stage == "approved":
        request, _ = await queue.async_create(
            alice,
            tmdb_id=NOTLD,
            media_type="movie",
            title="Night of the Living Dead",
            year=1968,
        )
        assert await hass.config_entries.async_unload(hub.entry_id)
        await queue.async_set_status(request, "approved", by=hass_admin_user.id)
        assert await hass.config_entries.async_setup(hub.entry_id)
        faults.came_back()
    else:
        request = await ask_for_notld(hub, alice, hass_admin_user)
        await wait_until(in_flight.is_set, timeout=120)
        await faults.restart(hass)
    request = await settled(hub, request.id)
    faults.report(f"Restart at {stage}")

    clean_end(hass, hub, request)
    assert request.jellyfin_id == faults.stack.jellyfin_item(NOTLD)
    filed_once(faults, torrent, NOTLD_FOLDER, before)
    assert len(adds) == 1
    assert torrent_hashes(faults.stack.swarm) == [torrent.infohash]
    assert len(faults.jellyfin.sim.refresh_calls) == 1
