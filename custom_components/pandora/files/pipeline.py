"""The completed-download pipeline: Downloads → Downloaded → Movies/TV Shows → Jellyfin scan.

When a torrent completes, Pandora moves it with qBittorrent's setLocation (so it keeps seeding)
into the share's Downloaded folder; when Pandora downloaded it for a TMDB title and the hub says
so, on into `Movies/Title (Year)/` or `TV Shows/Series/Season NN/`; then it scans the matching
Jellyfin library. Every job is written to Store before each step and checked against
qBittorrent's real state when it resumes, so a restart continues where it stood. A service that
cannot be reached for now (down, restarting, answering 5xx) is waited for: the job tries again,
backing off, and goes on when it answers. Nothing is ever overwritten or deleted: a name already
taken stops the job, records why and raises a repair issue, and the files stay where they were.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import asdict, dataclass
import logging
import re
from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from ..api.cloudcmd import SharePath
from ..api.errors import TRANSIENT_ERRORS, InvalidAuth, IPBanned, PandoraError, RateLimited
from ..api.qbittorrent import QBittorrentClient
from ..api.qbittorrent_models import Torrent
from ..const import (
    CONF_DOWNLOADED_FOLDER,
    CONF_FILE_INTO_LIBRARY,
    CONF_MOVIES_FOLDER,
    CONF_PIPELINE,
    CONF_QBITTORRENT_ROOT,
    CONF_TV_FOLDER,
    DEFAULT_FILE_INTO_LIBRARY,
    DEFAULT_PIPELINE,
    DOMAIN,
    EVENT_FILES_MOVED,
    EVENT_TORRENT_PREFIX,
    TORRENT_COMPLETED,
    TORRENT_REMOVED,
)
from ..downloads import parse_release
from ..hub.announce import async_announce, async_listen_internal
from ..hub.errors import safe_text
from .coordinator import CloudCommanderCoordinator

if TYPE_CHECKING:
    from ..discover import Discovery
    from ..downloads import QBittorrentCoordinator, TorrentHistory
    from ..library import JellyfinCoordinator
    from ..requests import MediaRequest, RequestQueue

_LOGGER = logging.getLogger(__name__)

STORAGE_KEY: Final = f"{DOMAIN}.pipeline"
MOVE_TIMEOUT: Final = 600.0  # qBittorrent moves big files in the background
MOVE_POLL: Final = 1.0
# While qBittorrent moves a torrent it says "moving", unless it is still checking the torrent's
# resume data (just added, or qBittorrent just started): that state hides a move under way.
_BUSY: Final = frozenset({"moving", "checkingResumeData"})
RETRY_FIRST: Final = 2.0  # seconds before a job tries again after a service was away...
RETRY_MAX: Final = 60.0  # ... doubling up to this
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

# Dispatcher signal sent with (hash, error) when a job stops (the request pipeline listens).
SIGNAL_FILING_FAILED: Final = f"{DOMAIN}_filing_failed"

# Starts a background task tied to the loaded hub (cancelled when it unloads): (coroutine, name).
type BackgroundTask = Callable[[Coroutine[Any, Any, None], str], asyncio.Task[None]]

STEP_DOWNLOADED = "to_downloaded"
STEP_LIBRARY = "to_library"
STEP_SCAN = "scan"
STEP_DONE = "done"
STEP_FAILED = "failed"


# Repair issues: one per failed job for the newest few, then one that counts the rest, so a
# flood of failures cannot flood Repairs.
MAX_ISSUES: Final = 5
ISSUE_PREFIX: Final = "pipeline_"
MORE_ISSUE: Final = "pipeline_failed_more"
_NOT_PLAIN = re.compile(r"[`\x00-\x1f\x7f]")
MAX_NAME: Final = 120


class PipelineStop(Exception):
    """A step cannot go on without the user (a name clash, a missing folder...)."""

    def __init__(self, reason: str, message: str) -> None:
        """`reason` names the repair issue's text (`pipeline_<reason>` in strings.json)."""
        super().__init__(message)
        self.reason = reason


def plain(text: str) -> str:
    """A torrent's name (text from outside) made inert for a repair issue.

    One line, no backticks, bounded: the issue shows it inside a code span, so nothing in it
    renders as a link or as markup.
    """
    text = " ".join(_NOT_PLAIN.sub(" ", text).split())
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1] + "…"


@dataclass
class Job:
    """One completed torrent on its way into the library (persisted as a dict)."""

    hash: str
    name: str
    subentry_id: str
    share_id: str
    step: str = STEP_DOWNLOADED
    destination: str | None = None  # share path of the folder it was last moved into
    library: str | None = None  # "movies" / "tvshows" when filed into the library
    error: str | None = None
    reason: str | None = None  # why it failed: "name_taken", "torrent_gone", "move_timeout", ...
    updated: str = ""


def folder_name(text: str) -> str:
    """A title made safe as one folder name ("Title (Year)")."""
    return " ".join(_UNSAFE.sub(" ", text).split()).strip(" .") or "Untitled"


class Pipeline:
    """Listens for completed torrents and runs their jobs, one task per torrent."""

    def __init__(
        self,
        hass: HomeAssistant,
        *,
        qbittorrent: Mapping[str, QBittorrentCoordinator],
        jellyfin: Mapping[str, JellyfinCoordinator],
        cloudcmd: Mapping[str, CloudCommanderCoordinator],
        requests: RequestQueue,
        history: TorrentHistory,
        discovery: Discovery | None,
        options: Callable[[], Mapping[str, Any]],
        create_task: BackgroundTask,
    ) -> None:
        """Bind to what it uses; call `async_start` once the coordinators have data.

        The coordinator mappings are the hub's own (looked up live, by subentry id); `options`
        reads the hub's options when asked; `create_task` starts a task the hub cancels when it
        unloads. The hub calls `remove_listeners` when it unloads.
        """
        self.hass = hass
        self._qbittorrent = qbittorrent
        self._jellyfin = jellyfin
        self._cloudcmd = cloudcmd
        self._requests = requests
        self._history = history
        self._discovery = discovery
        self._options = options
        self._create_task = create_task
        self._store: Store[dict[str, Any]] = Store(hass, 1, STORAGE_KEY)
        self.jobs: dict[str, Job] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._unsubs: list[CALLBACK_TYPE] = []

    async def async_start(self) -> None:
        """Load the jobs a previous run left and resume them; listen for completions."""
        data = await self._store.async_load() or {}
        saved = [Job(**raw) for raw in data.get("jobs", [])]
        for job in saved:
            if self._gone(job):  # its repair issue would never go away
                ir.async_delete_issue(self.hass, DOMAIN, ISSUE_PREFIX + job.hash)
                continue
            self.jobs[job.hash] = job
            if job.step not in (STEP_DONE, STEP_FAILED):
                self._spawn(job)
        if len(self.jobs) != len(saved):
            await self._store.async_save(self._data())
        self._sync_issues()  # the cap holds for what earlier versions raised too
        self._unsubs += [
            async_listen_internal(
                self.hass, EVENT_TORRENT_PREFIX + TORRENT_COMPLETED, self._completed
            ),
            async_listen_internal(self.hass, EVENT_TORRENT_PREFIX + TORRENT_REMOVED, self._removed),
        ]

    @callback
    def remove_listeners(self) -> None:
        """Stop hearing completions and removals (the hub unloads, or its set-up failed)."""
        while self._unsubs:
            self._unsubs.pop()()

    def _gone(self, job: Job) -> bool:
        """Whether a saved job has nothing left to act on.

        Its qBittorrent or share was removed, or (once finished) its torrent was removed while
        nobody listened: the coordinators have polled once, and a qBittorrent that answered
        listed every torrent it has.
        """
        coordinator = self._qbittorrent.get(job.subentry_id)
        if coordinator is None or job.share_id not in self._cloudcmd:
            return True
        if job.step not in (STEP_DONE, STEP_FAILED) or not coordinator.last_update_success:
            return False  # a running job checks qBittorrent itself; an unknown answer keeps it
        return job.hash not in coordinator.client.maindata.torrents

    async def async_stop(self) -> None:
        """Cancel running jobs (their state is on disk) and save."""
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        await self._store.async_save(self._data())

    def _data(self) -> dict[str, Any]:
        return {"jobs": [asdict(job) for job in self.jobs.values()]}

    async def _save(self, job: Job) -> None:
        job.updated = dt_util.utcnow().isoformat()
        await self._store.async_save(self._data())

    def _share(self) -> CloudCommanderCoordinator | None:
        """The share qBittorrent can reach (the first one with a root mapping)."""
        for share in self._cloudcmd.values():
            if share.subentry.data.get(CONF_QBITTORRENT_ROOT):
                return share
        return None

    @callback
    def _completed(self, data: dict[str, Any]) -> None:
        """QBittorrent reported a torrent complete (Pandora's own signal, never the bus)."""
        self.file_torrent(data["hash"], data["name"], data.get("subentry_id", ""))

    @callback
    def file_torrent(self, torrent_hash: str, name: str, subentry_id: str) -> bool:
        """File a completed torrent: True when it has (or now has) a job.

        False when the pipeline is off or no share is set up for it. The completion event calls
        it; the request pipeline too, for a download that completed while Home Assistant was not
        listening. One job per torrent, ever: a re-check firing "completed" again is no news.
        """
        if torrent_hash in self.jobs:
            return True
        if not self._options().get(CONF_PIPELINE, DEFAULT_PIPELINE):
            return False
        share = self._share()
        if share is None or subentry_id not in self._qbittorrent:
            return False
        job = Job(torrent_hash, name, subentry_id, share.subentry.subentry_id)
        self.jobs[job.hash] = job
        self._spawn(job)
        return True

    @callback
    def _removed(self, data: dict[str, Any]) -> None:
        """Forget a finished job once its torrent is gone: added again, it is filed anew."""
        job = self.jobs.get(data.get("hash", ""))
        if job is None or job.hash in self._tasks or data.get("subentry_id") != job.subentry_id:
            return  # a running job ends on its own (the torrent is no longer in qBittorrent)
        del self.jobs[job.hash]
        ir.async_delete_issue(self.hass, DOMAIN, ISSUE_PREFIX + job.hash)
        self._sync_issues()
        self._create_task(self._store.async_save(self._data()), "pandora pipeline save")

    def _spawn(self, job: Job) -> None:
        task = self._create_task(self._run(job), f"pandora pipeline {job.name}")
        self._tasks[job.hash] = task
        task.add_done_callback(lambda _t: self._tasks.pop(job.hash, None))

    async def _run(self, job: Job) -> None:
        """Run the job's steps; a service away for now is waited for, the rest ends the job."""
        await self._save(job)
        scanned: dict[str, list[str]] = {}  # Jellyfin servers scanned so far, across retries
        delay, waited = RETRY_FIRST, False
        while True:
            try:
                await self._steps(job, scanned)
            except PipelineStop as err:
                await self._fail(job, err.reason, str(err))
            except TimeoutError:
                minutes = round(MOVE_TIMEOUT / 60)
                await self._fail(
                    job,
                    "move_timeout",
                    f"qBittorrent did not finish moving it in {minutes} minutes",
                )
            except (InvalidAuth, IPBanned) as err:
                # Logging in again and again could get Home Assistant banned: the job waits for
                # the re-authentication, which reloads the hub and so resumes it.
                _LOGGER.warning(
                    "Filing %s waits for the service to accept Pandora again: %s",
                    job.name,
                    safe_text(err),
                )
            except TRANSIENT_ERRORS as err:
                _LOGGER.log(
                    logging.DEBUG if waited else logging.WARNING,
                    "Cannot file %s for now (trying again in %.0f s): %s",
                    job.name,
                    delay,
                    safe_text(err),
                )
                retry_after = err.retry_after if isinstance(err, RateLimited) else None
                await asyncio.sleep(max(delay, retry_after or 0.0))
                delay, waited = min(delay * 2, RETRY_MAX), True
                continue
            except PandoraError as err:
                await self._fail(job, "service_error", str(err))
            else:
                if waited:
                    _LOGGER.info("Filed %s once the services were back", job.name)
            return

    async def _steps(self, job: Job, scanned: dict[str, list[str]]) -> None:
        if job.step == STEP_DOWNLOADED:
            await self._move(job, self._folder(job, CONF_DOWNLOADED_FOLDER))
            job.step = STEP_LIBRARY
            await self._save(job)
        if job.step == STEP_LIBRARY:
            if (target := await self._library_target(job)) is not None:
                await self._move(job, target)
            job.step = STEP_SCAN
            await self._save(job)
        if job.step == STEP_SCAN:
            await self._scan(job, scanned)
            job.step = STEP_DONE
            await self._save(job)
            self._finished(job, [name for names in scanned.values() for name in names])

    def _folder(self, job: Job, key: str) -> str:
        share = self._cloudcmd[job.share_id]
        return share.folder(key)

    async def _move(self, job: Job, folder: str) -> None:
        """Have qBittorrent move the torrent into `folder` (a share path), never overwriting."""
        share = self._cloudcmd[job.share_id]
        coordinator = self._qbittorrent[job.subentry_id]
        root = str(share.subentry.data[CONF_QBITTORRENT_ROOT]).rstrip("/")
        location = root + str(SharePath.of(folder))
        # A move asked for before a restart (or a retry) may still be under way: its files are
        # already at the target, which must not read as somebody else's.
        torrent = await self._settled(coordinator.client, job.hash)
        if torrent.save_path.rstrip("/") != location:
            target = SharePath.of(folder).child(job.name)
            if await share.client.exists(str(target)):
                raise PipelineStop("name_taken", f"{target} already exists; nothing was moved")
            await share.client.mkdir(folder)
            job.destination = folder
            await self._save(job)  # before acting: a restart re-checks qBittorrent's state
            await coordinator.client.set_location(job.hash, location)
            await self._settled(coordinator.client, job.hash, location)
        job.destination = folder

    async def _settled(
        self, client: QBittorrentClient, torrent_hash: str, location: str | None = None
    ) -> Torrent:
        """The torrent once qBittorrent is not moving it (and it is at `location`, if given)."""
        async with asyncio.timeout(MOVE_TIMEOUT):
            while True:
                torrents = await client.torrents_info(hashes=torrent_hash)
                if not torrents:
                    raise PipelineStop("torrent_gone", "the torrent is no longer in qBittorrent")
                torrent = torrents[0]
                if torrent.state not in _BUSY and (
                    location is None or torrent.save_path.rstrip("/") == location
                ):
                    return torrent
                await asyncio.sleep(MOVE_POLL)

    def _request(self, job: Job, link: dict[str, Any]) -> MediaRequest | None:
        """The household request this torrent was added for, if any."""
        requests = self._requests
        if link.get("request_id") and (request := requests.get(link["request_id"])) is not None:
            return request
        return requests.by_torrent(job.hash)

    async def _library_target(self, job: Job) -> str | None:
        """Where a linked title belongs, or None (not linked, or the option is off).

        A request's torrent is filed whatever the option says: the household asked for it to
        end up in the library.
        """
        link = self._history.link_for(job.hash)
        if (request := self._request(job, link)) is not None:
            return await self._request_target(job, request)
        if not self._options().get(CONF_FILE_INTO_LIBRARY, DEFAULT_FILE_INTO_LIBRARY):
            return None
        if not link.get("tmdb_id"):
            return None
        release = parse_release(link.get("release") or job.name)
        title, year = release.title, release.year
        discovery = self._discovery
        if discovery is not None:
            try:
                details = await discovery.details(
                    int(link["tmdb_id"]), link.get("media_type", "movie")
                )
                title, year = details["title"], details.get("year")
            except PandoraError as err:
                _LOGGER.info("Filing %s with the release's own title: %s", job.name, safe_text(err))
        if link.get("media_type") == "tv":
            job.library = "tvshows"
            season = release.season or 1
            series = SharePath.of(self._folder(job, CONF_TV_FOLDER)).child(folder_name(title))
            return str(series.child(f"Season {season:02d}"))
        job.library = "movies"
        name = folder_name(f"{title} ({year})" if year else title)
        return str(SharePath.of(self._folder(job, CONF_MOVIES_FOLDER)).child(name))

    async def _request_target(self, job: Job, request: MediaRequest) -> str:
        """A request's place in the library, named the way Jellyfin identifies it for sure.

        `Title (Year) [tmdbid-N]` (Jellyfin's naming for a known TMDB id); a series goes into a
        folder of that name too, unless the series already has a plain `Title` folder.
        """
        tag = f" [tmdbid-{request.tmdb_id}]"
        named = folder_name(f"{request.title} ({request.year})" if request.year else request.title)
        if request.media_type == "tv":
            job.library = "tvshows"
            shows = SharePath.of(self._folder(job, CONF_TV_FOLDER))
            series = shows.child(folder_name(request.title))
            share = self._cloudcmd[job.share_id]
            if not await share.client.exists(str(series)):
                series = shows.child(named + tag)
            if request.season is None:
                return str(series)  # the whole series: its own season folders inside
            return str(series.child(f"Season {request.season:02d}"))
        job.library = "movies"
        return str(SharePath.of(self._folder(job, CONF_MOVIES_FOLDER)).child(named + tag))

    async def _scan(self, job: Job, scanned: dict[str, list[str]]) -> None:
        """Scan each Jellyfin once: one that was away is asked again, not the others."""
        for subentry_id, coordinator in self._jellyfin.items():
            if subentry_id not in scanned:
                scanned[subentry_id] = await coordinator.async_scan_kind(job.library)

    def _finished(self, job: Job, scanned: list[str]) -> None:
        data = {
            "hash": job.hash,
            "name": job.name,
            "destination": job.destination,
            "scanned": scanned,
        }
        async_announce(self.hass, EVENT_FILES_MOVED, data)
        self._history.record_files("filed", data)
        ir.async_delete_issue(self.hass, DOMAIN, ISSUE_PREFIX + job.hash)

    async def _fail(self, job: Job, reason: str, error: str) -> None:
        error = safe_text(error)  # saved, signalled, kept in history and shown in a repair
        _LOGGER.warning("Could not file %s: %s", job.name, error)
        job.step, job.reason, job.error = STEP_FAILED, reason, error
        await self._save(job)
        async_dispatcher_send(self.hass, SIGNAL_FILING_FAILED, job.hash, error)
        self._history.record_files("failed", {"hash": job.hash, "name": job.name, "error": error})
        self._sync_issues()

    @callback
    def _sync_issues(self) -> None:
        """Repairs for the newest failed jobs, and one issue counting the others."""
        failed = sorted(
            (job for job in self.jobs.values() if job.step == STEP_FAILED),
            key=lambda job: job.updated,
            reverse=True,
        )
        for job in failed[MAX_ISSUES:]:
            ir.async_delete_issue(self.hass, DOMAIN, ISSUE_PREFIX + job.hash)
        for job in failed[:MAX_ISSUES]:
            name = plain(job.name)
            ir.async_create_issue(
                self.hass,
                DOMAIN,
                ISSUE_PREFIX + job.hash,
                is_fixable=False,
                severity=ir.IssueSeverity.WARNING,
                translation_key=f"pipeline_{job.reason or 'service_error'}",
                translation_placeholders={"name": name, "file": f"`{name}`"},
            )
        if len(failed) > MAX_ISSUES:
            ir.async_create_issue(
                self.hass,
                DOMAIN,
                MORE_ISSUE,
                is_fixable=False,
                severity=ir.IssueSeverity.WARNING,
                translation_key=MORE_ISSUE,
                translation_placeholders={"count": str(len(failed) - MAX_ISSUES)},
            )
        else:
            ir.async_delete_issue(self.hass, DOMAIN, MORE_ISSUE)
