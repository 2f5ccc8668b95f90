"""The request pipeline's base: its state, waking requests, ending them.

The stages (search.py → download.py → importing.py) each extend it with their step; the
pipeline (`__init__.py`) runs the step a request's status names.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
import logging
import time
from typing import TYPE_CHECKING, Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.event import async_track_time_interval

from ...const import (
    EVENT_FILES_MOVED,
    EVENT_SCAN_FINISHED,
    EVENT_TORRENT_PREFIX,
    TORRENT_COMPLETED,
    TORRENT_ERRORED,
    TORRENT_REMOVED,
)
from ...downloads import ReleaseLinks
from ...files import SIGNAL_FILING_FAILED
from ...hub.announce import async_listen_internal
from ...hub.errors import safe_text
from ..queue import ACTIVE_STATUSES, SIGNAL_REQUEST_CHANGED, MediaRequest
from . import timing

if TYPE_CHECKING:
    import aiohttp

    from ...downloads import QBittorrentCoordinator, ReleaseSearch, TorrentHistory
    from ...files import BackgroundTask, Pipeline
    from ...library import JellyfinCoordinator
    from ..queue import RequestQueue

_LOGGER = logging.getLogger(__package__)


@dataclass
class TorrentWatch:
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


class PipelineBase:
    """What every stage shares: the hub, what this run remembers, and how a request ends."""

    def __init__(
        self,
        hass: HomeAssistant,
        *,
        queue: RequestQueue,
        qbittorrent: Mapping[str, QBittorrentCoordinator],
        jellyfin: Mapping[str, JellyfinCoordinator],
        release_search: ReleaseSearch,
        history: TorrentHistory,
        session: aiohttp.ClientSession,
        pipeline: Pipeline | None,
        options: Callable[[], Mapping[str, Any]],
        create_task: BackgroundTask,
    ) -> None:
        """Bind to what it uses; `async_start` once the coordinators and the Pipeline run.

        The coordinator mappings are the hub's own (looked up live, by subentry id); `pipeline`
        is the completed-download pipeline that files its downloads; `options` reads the hub's
        options when asked; `create_task` starts a task the hub cancels when it unloads.
        """
        self.hass = hass
        self.queue = queue
        self._qbittorrent = qbittorrent
        self._jellyfin = jellyfin
        self._release_search = release_search
        self._history = history
        self._session = session
        self._pipeline = pipeline
        self._options = options
        self._create_task = create_task
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._again: set[str] = set()  # kicked while its step ran: run once more after it
        self._links: dict[str, ReleaseLinks] = {}  # request id -> what the search found
        self._watches: dict[str, TorrentWatch] = {}  # torrent hash -> what this run saw
        # request id -> (next search, seconds waited before it): no Jackett could answer
        self._search_waits: dict[str, tuple[float, float]] = {}
        self._removed: set[str] = set()  # hashes qBittorrent reported removed
        self._unsubscribe: list[Callable[[], None]] = []
        self._running = False

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
                hass, self._tick, timedelta(seconds=timing.CHECK_INTERVAL), cancel_on_shutdown=True
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
        task = self._create_task(self._step(request_id), f"pandora request {request_id}")
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
        for request in self.queue.with_status(("downloading", "importing", "waiting_for_space")):
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

    async def _step(self, request_id: str) -> None:
        """Run the request's next step (the pipeline's, by its status)."""
        raise NotImplementedError

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

    def _instance(self, request: MediaRequest) -> QBittorrentCoordinator | None:
        """The qBittorrent the request uses: the one it was added to, else the first one."""
        qbittorrent = self._qbittorrent
        if request.instance:
            return qbittorrent.get(request.instance)
        return next(iter(qbittorrent.values()), None)

    def _watch(self, torrent_hash: str) -> TorrentWatch:
        return self._watches.setdefault(torrent_hash.lower(), TorrentWatch())
