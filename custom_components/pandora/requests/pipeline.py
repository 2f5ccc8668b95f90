"""Fulfilling household requests: approved → searching → downloading → importing → available.

The queue (requests.py) is the only state: every step saves the request before it acts, so a
restart resumes from what is on disk. The pipeline runs one short task per request at a time,
woken by the queue (a request entering `approved`), by qBittorrent and library events, and by a
timer that looks at downloads and imports every few seconds; nothing waits in a long-lived task.

- approved: saved as `searching` first;
- searching: Jackett is searched the way `search_torrents` does it ("Title Year", "Title S01",
  "Title"), ranked with the hub's quality profile; the best acceptable release whose hash was not
  tried yet is saved with the request (`downloading`, torrent_hash, instance, release, tried)
  before it is added; none: `failed`, saying how many results there were and why they were
  rejected;
- downloading: the torrent is added unless qBittorrent already has that hash (checked first,
  every time the pipeline starts, so nothing is ever added twice) and linked in history with the
  title and the request; no progress for `stall_minutes`, or qBittorrent reporting an error or
  missing files, fails it as stalled and removes the torrent with its files; a retry (`approved`
  again) takes the next-best release;
- importing: the completed-download pipeline (pipeline.py) files it into Movies / TV Shows and
  scans Jellyfin; once filed, Jellyfin is asked for the TMDB id until it lists the title (for a
  bounded time) → `available` with its Jellyfin id. Without Jellyfin it is available once filed;
  without a share to file it into, Jellyfin is asked to scan everything and looked up the same
  way. A failed filing fails the request with the filing's reason.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
import logging
import re
import time
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.event import async_track_time_interval
from homeassistant.util import dt as dt_util

from ..api.errors import TRANSIENT_ERRORS, PandoraError, TorrentRejected
from ..api.jackett_models import infohash_from_magnet
from ..api.jellyfin_models import ItemType
from ..api.qbittorrent_models import Torrent, TorrentStatus
from ..const import (
    EVENT_FILES_MOVED,
    EVENT_SCAN_FINISHED,
    EVENT_TORRENT_PREFIX,
    TORRENT_COMPLETED,
    TORRENT_ERRORED,
    TORRENT_REMOVED,
)
from ..downloads import (
    RankedResult,
    RankedSearch,
    RankingPreferences,
    ReleaseInfo,
    ReleaseLinks,
    add_release,
    link_download,
    query_for,
    ranking_preferences,
    release_links,
)
from ..files import SIGNAL_FILING_FAILED, STEP_DONE, STEP_FAILED
from ..hub.announce import async_listen_internal
from ..hub.errors import safe_text
from .queue import ACTIVE_STATUSES, SIGNAL_REQUEST_CHANGED, MediaRequest, RequestError

if TYPE_CHECKING:
    from ..api.jackett_models import TorznabResult
    from ..downloads import QBittorrentCoordinator
    from ..runtime import PandoraConfigEntry
    from .queue import RequestQueue

_LOGGER = logging.getLogger(__name__)

CHECK_INTERVAL: Final = 5.0  # seconds between looks at downloads and imports (events come sooner)
STALL_MINUTE: Final = 60.0  # seconds in one of `stall_minutes` (tests shorten it)
LOOKUP_FIRST: Final = 2.0  # seconds before the second Jellyfin lookup; growing 1.5x to...
LOOKUP_MAX: Final = 30.0  # ... this
LOOKUP_TIMEOUT: Final = 900.0  # then it is available anyway (filed; Jellyfin may not match it)
MAX_REASONS: Final = 3  # rejection reasons named in a "no release" message
SEARCH_RETRY_FIRST: Final = 30.0  # seconds before a search no Jackett answered is tried again
SEARCH_RETRY_MAX: Final = 900.0
IMPORT_CLOCK_SLACK: Final = timedelta(hours=1)  # Jellyfin's clock may differ from ours
# Not a stall: the user paused it, or qBittorrent is busy with it.
_WAITING: Final = frozenset({TorrentStatus.PAUSED, TorrentStatus.QUEUED, TorrentStatus.CHECKING})
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_FEW_SEEDERS = re.compile(r"^only \d+ seeders?$")


@dataclass
class _Watch:
    """What the pipeline remembers about one torrent while this run lasts (never saved)."""

    verified: bool = False  # qBittorrent was asked for the hash since start
    unreachable: bool = False  # said once that qBittorrent cannot be reached
    progress: tuple[int, float] | None = None
    since: float = field(default_factory=time.monotonic)  # last progress seen
    filing_checked: bool = False  # the completed-download pipeline has (or will have) a job
    destination: str | None = None  # where that job filed it
    scanned: set[str] = field(default_factory=set)  # the Jellyfin servers asked to scan
    lookup_started: float | None = None
    next_lookup: float = 0.0
    lookups: int = 0


def main_reasons(ranked: Iterable[RankedResult[Any]], limit: int = MAX_REASONS) -> str:
    """The commonest rejection reasons, "CAM source rejected (3), too few seeders (2)"."""
    counts: Counter[str] = Counter()
    for result in ranked:
        if result.accepted:
            continue
        for reason in dict.fromkeys(_PARENTHESES.sub("", r).strip() for r in result.reasons):
            counts["too few seeders" if _FEW_SEEDERS.match(reason) else reason] += 1
    commonest = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return ", ".join(f"{reason} ({count})" for reason, count in commonest)


def _release_problem(release: ReleaseInfo, season: int | None) -> str | None:
    """Why a release cannot fulfil a TV request (single episodes), else None."""
    if release.episodes or release.air_date is not None:
        wanted = f"season {season}" if season is not None else "the whole series"
        return f"single episodes, not {wanted}"
    return None


def _importing_since(request: MediaRequest) -> datetime | None:
    """When the request last began importing, less an hour for the server's clock (None: never)."""
    for transition in reversed(request.transitions):
        if transition.status == "importing":
            began = dt_util.parse_datetime(transition.at)
            return began - IMPORT_CLOCK_SLACK if began is not None else None
    return None


class RequestPipeline:
    """Moves approved requests along until their title is in the library."""

    def __init__(self, hass: HomeAssistant, entry: PandoraConfigEntry) -> None:
        """Bind to the hub; `async_start` once the coordinators and the Pipeline run."""
        self.hass = hass
        self.entry = entry
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._again: set[str] = set()  # kicked while its step ran: run once more after it
        self._links: dict[str, ReleaseLinks] = {}  # request id -> what the search found
        self._watches: dict[str, _Watch] = {}  # torrent hash -> what this run saw
        # request id -> (next search, seconds waited before it): no Jackett could answer
        self._search_waits: dict[str, tuple[float, float]] = {}
        self._removed: set[str] = set()  # hashes qBittorrent reported removed
        self._unsubscribe: list[Callable[[], None]] = []
        self._running = False

    @property
    def queue(self) -> RequestQueue:
        """The hub's request queue."""
        return self.entry.runtime_data.requests

    # --- lifecycle ------------------------------------------------------------------------------

    async def async_start(self) -> None:
        """Listen, and resume every request that was being worked on."""
        self._running = True
        hass = self.hass
        listen = partial(async_listen_internal, hass)  # Pandora's own events, never the bus
        self._unsubscribe += [
            async_dispatcher_connect(hass, SIGNAL_REQUEST_CHANGED, self._request_changed),
            async_dispatcher_connect(hass, SIGNAL_FILING_FAILED, self._filing_failed),
            listen(EVENT_TORRENT_PREFIX + TORRENT_COMPLETED, self._torrent_event),
            listen(EVENT_TORRENT_PREFIX + TORRENT_ERRORED, self._torrent_event),
            listen(EVENT_TORRENT_PREFIX + TORRENT_REMOVED, self._torrent_removed),
            listen(EVENT_FILES_MOVED, self._torrent_event),
            listen(EVENT_SCAN_FINISHED, self._scan_finished),
            async_track_time_interval(
                hass, self._tick, timedelta(seconds=CHECK_INTERVAL), cancel_on_shutdown=True
            ),
        ]
        for request in self.queue.with_status(ACTIVE_STATUSES):
            self._kick(request.id)

    async def async_stop(self) -> None:
        """Stop listening and cancel the running steps (every request's state is saved)."""
        self._running = False
        while self._unsubscribe:
            self._unsubscribe.pop()()
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # --- waking requests ------------------------------------------------------------------------

    @callback
    def _kick(self, request_id: str) -> None:
        """Run the request's next step now, or once more after the one running."""
        if not self._running:
            return
        running = self._tasks.get(request_id)
        if running is not None and not running.done():
            self._again.add(request_id)
            return
        task = self.entry.async_create_background_task(
            self.hass, self._step(request_id), f"pandora request {request_id}"
        )
        self._tasks[request_id] = task
        task.add_done_callback(partial(self._step_done, request_id))

    @callback
    def _step_done(self, request_id: str, task: asyncio.Task[None]) -> None:
        if self._tasks.get(request_id) is task:
            del self._tasks[request_id]
        if request_id in self._again:
            self._again.discard(request_id)
            self._kick(request_id)

    @callback
    def _request_changed(self, request: MediaRequest) -> None:
        if request.status in ACTIVE_STATUSES:
            self._kick(request.id)

    @callback
    def _tick(self, _now: Any) -> None:
        for request in self.queue.with_status(("downloading", "importing")):
            self._kick(request.id)
        now = time.monotonic()
        for request in self.queue.with_status(("searching",)):
            if (wait := self._search_waits.get(request.id)) is not None and wait[0] <= now:
                self._kick(request.id)

    def _request_for(self, torrent_hash: str | None) -> MediaRequest | None:
        if not torrent_hash:
            return None
        request = self.queue.by_torrent(torrent_hash)
        if request is None or request.status not in ("downloading", "importing"):
            return None
        return request

    @callback
    def _torrent_event(self, data: dict[str, Any]) -> None:
        if (request := self._request_for(data.get("hash"))) is not None:
            self._kick(request.id)

    @callback
    def _torrent_removed(self, data: dict[str, Any]) -> None:
        request = self._request_for(data.get("hash"))
        if request is None or (coordinator := self._instance(request)) is None:
            return
        if data.get("subentry_id") != coordinator.subentry.subentry_id:
            return  # another qBittorrent's copy
        if request.status == "downloading":
            self._removed.add(str(request.torrent_hash).lower())
        self._kick(request.id)

    @callback
    def _filing_failed(self, torrent_hash: str, _error: str) -> None:
        if (request := self._request_for(torrent_hash)) is not None:
            self._kick(request.id)

    @callback
    def _scan_finished(self, _data: dict[str, Any]) -> None:
        """A Jellyfin scan ended: look the imports up again now."""
        for request in self.queue.with_status(("importing",)):
            watch = self._watches.get((request.torrent_hash or "").lower())
            if watch is not None:
                watch.next_lookup = 0.0
            self._kick(request.id)

    # --- steps ----------------------------------------------------------------------------------

    async def _step(self, request_id: str) -> None:
        request = self.queue.get(request_id)
        if request is None or request.status not in ACTIVE_STATUSES:
            return
        try:
            if request.status == "approved":
                await self.queue.async_set_status(request, "searching")
            elif request.status == "searching":
                await self._search(request)
            elif request.status == "downloading":
                await self._downloading(request)
            else:
                await self._importing(request)
        except RequestError as err:  # its status changed meanwhile: the next step sees it
            _LOGGER.debug("Request %s moved on: %s", request.id, err)
        except Exception as err:
            _LOGGER.exception("Request %s (%s) stopped", request.id, request.title)
            await self._fail(request, f"unexpected error: {safe_text(err)}")

    async def _fail(self, request: MediaRequest, reason: str) -> None:
        reason = safe_text(reason)  # the requester, every user and the event see it
        _LOGGER.info("Request for %s failed: %s", request.title, reason)
        await self.queue.async_set_status(request, "failed", reason=reason)
        self._forget(request)

    async def _available(self, request: MediaRequest, **fields: Any) -> None:
        _LOGGER.info("Request for %s is available", request.title)
        await self.queue.async_set_status(request, "available", **fields)
        self._forget(request)

    def _forget(self, request: MediaRequest) -> None:
        """Drop what this run kept about a request that is done."""
        self._links.pop(request.id, None)
        self._search_waits.pop(request.id, None)
        if request.torrent_hash:
            self._watches.pop(request.torrent_hash.lower(), None)

    # --- searching --------------------------------------------------------------------------------

    def _query(self, request: MediaRequest) -> tuple[str, RankingPreferences, str]:
        """The search text, the quality profile and the category for this request."""
        details = {"title": request.title, "year": request.year}
        query, year = query_for(details, request.media_type, request.season)
        prefs = ranking_preferences(self.entry.options, year=year, season=request.season)
        return query, prefs, "movies" if request.media_type == "movie" else "tv"

    async def _search_ranked(self, request: MediaRequest) -> RankedSearch:
        query, prefs, category = self._query(request)
        return await self.entry.runtime_data.release_search.search_ranked(
            query, prefs, category=category
        )

    def _candidates(
        self, request: MediaRequest, found: RankedSearch
    ) -> tuple[list[RankedResult[TorznabResult]], list[RankedResult[TorznabResult]]]:
        """Acceptable releases in the order to try them, and the rejected ones."""
        accepted = [r for r in found.ranked if r.accepted]
        rejected = [r for r in found.ranked if not r.accepted]
        if request.media_type != "tv":
            return accepted, rejected
        usable = []
        for result in accepted:
            if (problem := _release_problem(result.release, request.season)) is None:
                usable.append(result)
            else:
                rejected.append(
                    RankedResult(result.item, result.release, result.score, False, (problem,))
                )
        if request.season is None:  # the whole series: complete or multi-season packs first
            usable.sort(key=lambda r: not (r.release.complete or len(r.release.seasons) > 1))
        return usable, rejected

    async def _search(self, request: MediaRequest) -> None:
        runtime = self.entry.runtime_data
        if not runtime.release_search.instances:
            await self._fail(request, "no Jackett is configured to search for releases")
            return
        if (coordinator := self._instance(request)) is None:
            await self._fail(request, "no qBittorrent is configured to download releases")
            return
        found = await self._search_ranked(request)
        if found.total == 0 and found.unanswered:
            self._wait_for_jackett(request, found)
            return
        self._search_waits.pop(request.id, None)
        candidates, rejected = self._candidates(request, found)
        tried = {h.lower() for h in request.tried}
        skipped = 0
        problems: list[str] = []
        for result in candidates:
            item = result.item
            known = item.infohash or infohash_from_magnet(item.magnet_uri)
            if known and known.lower() in tried:
                skipped += 1
                continue
            try:
                links = await release_links(runtime.session, item)
            except PandoraError as err:
                problems.append(f"{item.title}: {safe_text(err)}")
                continue
            if not links or not links.infohash:
                problems.append(f"{item.title}: no usable link")
                continue
            if links.infohash in tried:
                skipped += 1
                continue
            self._links[request.id] = links
            await self.queue.async_set_status(
                request,
                "downloading",
                torrent_hash=links.infohash,
                instance=coordinator.subentry.subentry_id,
                release=item.title,
                tried=[*request.tried, links.infohash],
            )
            return
        await self._fail(request, self._nothing_found(found, rejected, skipped, problems))

    def _wait_for_jackett(self, request: MediaRequest, found: RankedSearch) -> None:
        """No Jackett could answer (down, busy, its key refused): search again later.

        "Nothing found" would be a guess: the request stays `searching`, asked again after
        SEARCH_RETRY_FIRST seconds, doubling up to SEARCH_RETRY_MAX, and says why once.
        """
        _, waited = self._search_waits.get(request.id, (0.0, 0.0))
        delay = min(SEARCH_RETRY_MAX, waited * 2 or SEARCH_RETRY_FIRST)
        if not waited:
            _LOGGER.warning(
                "Request for %s waits for Jackett: %s", request.title, "; ".join(found.errors())
            )
        self._search_waits[request.id] = (time.monotonic() + delay, delay)

    @staticmethod
    def _nothing_found(
        found: RankedSearch,
        rejected: list[RankedResult[TorznabResult]],
        skipped: int,
        problems: list[str],
    ) -> str:
        """Why no release could be taken, for the requester and the administrators."""
        query = f'"{found.query}"'
        if found.total == 0:
            reason = f"no release found for {query}"
            if errors := found.errors():
                reason += f" ({'; '.join(errors)})"
            return reason
        results = f"{found.total} result" + ("" if found.total == 1 else "s")
        parts = []
        if skipped:
            parts.append(f"{skipped} already tried")
        if problems:
            parts.append("could not be fetched: " + "; ".join(problems[:MAX_REASONS]))
        if rejected and (reasons := main_reasons(rejected)):
            parts.append(f"{len(rejected)} rejected: {reasons}")
        return f"no acceptable release among {results} for {query}: " + "; ".join(parts)

    def _instance(self, request: MediaRequest) -> QBittorrentCoordinator | None:
        """The qBittorrent the request uses: the one it was added to, else the first one."""
        qbittorrent = self.entry.runtime_data.qbittorrent
        if request.instance:
            return qbittorrent.get(request.instance)
        return next(iter(qbittorrent.values()), None)

    # --- downloading ------------------------------------------------------------------------------

    def _watch(self, torrent_hash: str) -> _Watch:
        return self._watches.setdefault(torrent_hash.lower(), _Watch())

    async def _downloading(self, request: MediaRequest) -> None:
        torrent_hash = (request.torrent_hash or "").lower()
        coordinator = self._instance(request)
        if coordinator is None:
            await self._fail(request, "the qBittorrent it was added to is no longer configured")
            return
        watch = self._watch(torrent_hash)
        if torrent_hash in self._removed:
            self._removed.discard(torrent_hash)
            await self._fail(request, "the torrent was removed from qBittorrent")
            return
        if not watch.verified:
            if not await self._ensure_added(request, coordinator):
                return  # qBittorrent cannot be reached: the next look tries again
            watch.verified = True
            watch.since = time.monotonic()
        torrent = coordinator.client.maindata.torrents.get(torrent_hash)
        if torrent is None or not coordinator.last_update_success:
            watch.since = time.monotonic()  # nothing known: the stall clock does not run
            return
        await self._progress(request, coordinator, torrent, watch)

    async def _progress(
        self,
        request: MediaRequest,
        coordinator: QBittorrentCoordinator,
        torrent: Torrent,
        watch: _Watch,
    ) -> None:
        """Complete: importing; in error, or no progress for too long: stalled."""
        if torrent.is_complete:
            await self.queue.async_set_status(request, "importing")
            return
        if torrent.status is TorrentStatus.ERRORED:
            reason = f"qBittorrent reports it as {torrent.state}"
            await self._stalled(request, coordinator, reason)
            return
        progress = (torrent.downloaded, round(torrent.progress, 4))
        now = time.monotonic()
        if progress != watch.progress or torrent.status in _WAITING:
            watch.progress, watch.since = progress, now
            return
        minutes = self.queue.settings.stall_minutes
        if now - watch.since >= minutes * STALL_MINUTE:
            await self._stalled(request, coordinator, self._stall_reason(torrent, minutes))

    @staticmethod
    def _stall_reason(torrent: Torrent, minutes: int) -> str:
        done = f"{torrent.progress * 100:.0f}% done"
        seeds = f"{torrent.num_seeds} seed" + ("" if torrent.num_seeds == 1 else "s")
        unit = "minute" if minutes == 1 else "minutes"
        return f"no progress for {minutes} {unit} ({done}, {seeds} connected)"

    async def _stalled(
        self, request: MediaRequest, coordinator: QBittorrentCoordinator, why: str
    ) -> None:
        """Fail it (saved first), then remove the torrent and what it downloaded."""
        torrent_hash = str(request.torrent_hash)
        await self._fail(request, f"stalled: {why}")
        try:
            await coordinator.client.delete(torrent_hash, delete_files=True)
        except PandoraError as err:
            _LOGGER.warning(
                "Could not remove the stalled torrent %s: %s", request.release, safe_text(err)
            )
            return
        await coordinator.async_request_refresh()

    async def _ensure_added(
        self, request: MediaRequest, coordinator: QBittorrentCoordinator
    ) -> bool:
        """Add the request's torrent unless qBittorrent has it; False when it cannot tell."""
        torrent_hash = str(request.torrent_hash).lower()
        runtime = self.entry.runtime_data
        link_download(
            runtime.history,
            [torrent_hash],
            tmdb_id=request.tmdb_id,
            media_type=request.media_type,
            release=request.release,
            request_id=request.id,
        )
        try:
            if await coordinator.client.torrents_info(hashes=torrent_hash):
                return True  # added before a restart, or by hand: never twice
            links = self._links.get(request.id)
            if links is None or links.infohash != torrent_hash:
                links = await self._links_again(request, torrent_hash)
            await add_release(
                self.entry.runtime_data.history,
                coordinator,
                links,
                tmdb_id=request.tmdb_id,
                media_type=request.media_type,
                request_id=request.id,
            )
        except TorrentRejected as err:
            await self._fail(request, f"qBittorrent refused the release: {err}")
            return False
        except PandoraError as err:
            watch = self._watch(torrent_hash)
            level = logging.DEBUG if watch.unreachable else logging.WARNING
            watch.unreachable = True
            _LOGGER.log(
                level, "Cannot add %s to qBittorrent yet: %s", request.release, safe_text(err)
            )
            return False
        self._links.pop(request.id, None)
        _LOGGER.info("Downloading %s for the request for %s", request.release, request.title)
        return True

    async def _links_again(self, request: MediaRequest, torrent_hash: str) -> ReleaseLinks:
        """The chosen release's links after a restart: searched again, else a bare magnet."""
        found = await self._search_ranked(request)
        for result in found.ranked:
            item = result.item
            known = item.infohash or infohash_from_magnet(item.magnet_uri)
            if known and known.lower() != torrent_hash:
                continue
            try:
                links = await release_links(self.entry.runtime_data.session, item)
            except PandoraError:
                continue
            if links.infohash == torrent_hash:
                return links
        name = f"&dn={quote(request.release)}" if request.release else ""
        return ReleaseLinks(
            urls=(f"magnet:?xt=urn:btih:{torrent_hash}{name}",),
            infohash=torrent_hash,
            title=request.release,
        )

    # --- importing --------------------------------------------------------------------------------

    async def _importing(self, request: MediaRequest) -> None:
        torrent_hash = (request.torrent_hash or "").lower()
        runtime = self.entry.runtime_data
        watch = self._watch(torrent_hash)
        pipeline = runtime.pipeline
        job = pipeline.jobs.get(torrent_hash) if pipeline is not None else None
        if job is None and pipeline is not None and not watch.filing_checked:
            # Completed while nobody listened (before a restart): file it now.
            name = await self._torrent_name(request)
            if name is None:
                return  # qBittorrent cannot be reached: the next look tries again
            pipeline.file_torrent(torrent_hash, name, request.instance or "")
            job = pipeline.jobs.get(torrent_hash)
        watch.filing_checked = True
        if job is not None:
            if job.step == STEP_FAILED:
                await self._fail(request, f"could not file it into the library: {job.error}")
                return
            if job.step != STEP_DONE:
                return  # filing: `pandora_files_moved` (or a failure) wakes it
            watch.destination = job.destination or watch.destination
        filed = watch.destination is not None
        if not runtime.jellyfin:
            where = f"filed into {watch.destination}" if filed else "downloaded"
            await self._available(request, reason=where)
            return
        if not filed:
            await self._scan_all(watch)  # nothing filed it: have Jellyfin look everywhere
        await self._look_up(request, watch)

    async def _torrent_name(self, request: MediaRequest) -> str | None:
        """The torrent's name in qBittorrent (the release's when it is gone); None: unknown."""
        coordinator = self._instance(request)
        torrent_hash = str(request.torrent_hash).lower()
        if coordinator is None:
            return request.release or torrent_hash
        if (torrent := coordinator.client.maindata.torrents.get(torrent_hash)) is not None:
            return torrent.name
        try:
            torrents = await coordinator.client.torrents_info(hashes=torrent_hash)
        except PandoraError:
            return None
        return torrents[0].name if torrents else request.release or torrent_hash

    async def _scan_all(self, watch: _Watch) -> None:
        """Have each Jellyfin scan everything, once; one away for now is asked at a later look."""
        for subentry_id, coordinator in self.entry.runtime_data.jellyfin.items():
            if subentry_id in watch.scanned:
                continue
            try:
                await coordinator.async_scan(None)
            except TRANSIENT_ERRORS as err:
                _LOGGER.debug("Cannot scan %s yet: %s", coordinator.subentry.title, safe_text(err))
                continue
            except PandoraError as err:
                _LOGGER.warning(
                    "Cannot start a scan on %s: %s", coordinator.subentry.title, safe_text(err)
                )
            watch.scanned.add(subentry_id)

    async def _look_up(self, request: MediaRequest, watch: _Watch) -> None:
        """Ask Jellyfin for the title (backing off); available once listed, or after a while.

        The while is Jellyfin's time to scan and identify the title: it runs only while Jellyfin
        answers, so an outage cannot make the request available without its Jellyfin item.
        """
        now = time.monotonic()
        if now < watch.next_lookup:
            return
        item_id, answered = await self._find_in_jellyfin(request)
        if item_id is not None:
            await self._available(request, jellyfin_id=item_id)
            return
        if not answered:
            watch.lookup_started = None  # starts again when Jellyfin answers
        elif watch.lookup_started is None:
            watch.lookup_started = now
        elif now - watch.lookup_started >= LOOKUP_TIMEOUT:
            where = f"filed into {watch.destination}" if watch.destination else "downloaded"
            minutes = round(LOOKUP_TIMEOUT / 60)
            reason = f"{where}; Jellyfin did not list it within {minutes} minutes"
            await self._available(request, reason=reason)
            return
        watch.next_lookup = now + min(LOOKUP_MAX, LOOKUP_FIRST * 1.5**watch.lookups)
        watch.lookups += 1

    async def _find_in_jellyfin(self, request: MediaRequest) -> tuple[str | None, bool]:
        """The title's Jellyfin item (None: not listed), and whether a Jellyfin answered.

        One away for now (down, restarting) has not answered; any other error is an answer.
        """
        kind: ItemType = "Movie" if request.media_type == "movie" else "Series"
        since = _importing_since(request)
        answered = False
        for coordinator in self.entry.runtime_data.jellyfin.values():
            # The title index (refreshed after every scan) answers at once.
            if (
                coordinator.index_read
                and coordinator.last_update_success
                and (ref := coordinator.title(request.media_type, request.tmdb_id)) is not None
            ):
                return ref.id, True
            try:
                # Else only what Jellyfin saved since the import began (not a whole library).
                items = await coordinator.client.find_by_provider_id(
                    "Tmdb", request.tmdb_id, kind, saved_since=since
                )
            except PandoraError as err:
                _LOGGER.debug(
                    "Jellyfin %s lookup failed: %s", coordinator.subentry.title, safe_text(err)
                )
                answered = answered or not isinstance(err, TRANSIENT_ERRORS)
                continue
            answered = True
            if items:
                return items[0].id, True
        return None, answered
