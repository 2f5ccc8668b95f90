"""Fulfilling household requests: approved → searching → downloading → importing → available.

The queue (queue.py) is the only state: every step saves the request before it acts, so a
restart resumes from what is on disk. The pipeline runs one short task per request at a time,
woken by the queue (a request entering `approved`), by qBittorrent and library events, and by a
timer that looks at downloads and imports every few seconds; nothing waits in a long-lived task.

- approved: saved as `searching` first;
- searching: Jackett is searched the way `search_torrents` does it ("Title Year", "Title S01",
  "Title"), ranked with the hub's quality profile; the best acceptable release whose hash was not
  tried yet is saved with the request (`downloading`, torrent_hash, instance, release, tried)
  before it is added; none: `failed`, saying how many results there were and why they were
  rejected;
- downloading: below the hub's minimum free space on that qBittorrent (the disk guard), the
  torrent is not added and the request waits (`waiting_for_space`, saying how much is free)
  until space returns, then goes on (`downloading`); otherwise the torrent is added unless
  qBittorrent already has that hash (checked first, every time the pipeline starts, so nothing is
  ever added twice) and linked in history with the
  title and the request; no progress for `stall_minutes`, or qBittorrent reporting an error or
  missing files, fails it as stalled and removes the torrent with its files; a retry (`approved`
  again) takes the next-best release;
- importing: the completed-download pipeline (files/pipeline.py) files it into Movies / TV Shows and
  scans Jellyfin; once filed, Jellyfin is asked for the TMDB id until it lists the title (for a
  bounded time) → `available` with its Jellyfin id. Without Jellyfin it is available once filed;
  without a share to file it into, Jellyfin is asked to scan everything and looked up the same
  way. A failed filing fails the request with the filing's reason.

Each stage is a module (search.py, download.py, importing.py) extending the one before it, on the
shared base (base.py); the timings are in timing.py.
"""

from __future__ import annotations

import logging

from ...hub.errors import safe_text
from ..queue import ACTIVE_STATUSES, RequestError
from .importing import ImportStage
from .search import main_reasons

_LOGGER = logging.getLogger(__name__)

__all__ = ["RequestPipeline", "main_reasons"]


class RequestPipeline(ImportStage):
    """Moves approved requests along until their title is in the library."""

    async def _step(self, request_id: str) -> None:
        request = self.queue.get(request_id)
        if request is None or request.status not in ACTIVE_STATUSES:
            return
        try:
            if request.status == "approved":
                await self.queue.async_set_status(request, "searching")
            elif request.status == "searching":
                await self._search(request)
            elif request.status == "waiting_for_space":
                await self._waiting_for_space(request)
            elif request.status == "downloading":
                await self._downloading(request)
            else:
                await self._importing(request)
        except RequestError as err:  # its status changed meanwhile: the next step sees it
            _LOGGER.debug("Request %s moved on: %s", request.id, err)
        except Exception as err:
            _LOGGER.exception("Request %s (%s) stopped", request.id, request.title)
            await self._fail(request, f"unexpected error: {safe_text(err)}")
