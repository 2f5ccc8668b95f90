"""The import stage: filed into the library, then found in Jellyfin → `available`.

The completed-download pipeline files it; Jellyfin is asked for it, backing off, for a bounded
time.
"""

from __future__ import annotations

from datetime import datetime
import logging
import time

from homeassistant.util import dt as dt_util

from ...api.errors import TRANSIENT_ERRORS, PandoraError
from ...api.jellyfin_models import ItemType
from ...files import STEP_DONE, STEP_FAILED
from ...hub.errors import safe_text
from ..queue import MediaRequest
from . import timing
from .base import TorrentWatch
from .download import DownloadStage

_LOGGER = logging.getLogger(__package__)


def _importing_since(request: MediaRequest) -> datetime | None:
    """When the request last began importing, less an hour for the server's clock (None: never)."""
    for transition in reversed(request.transitions):
        if transition.status == "importing":
            began = dt_util.parse_datetime(transition.at)
            return began - timing.IMPORT_CLOCK_SLACK if began is not None else None
    return None


class ImportStage(DownloadStage):
    """`importing`: filed, then listed by Jellyfin (or filed without one) → `available`."""

    async def _importing(self, request: MediaRequest) -> None:
        torrent_hash = (request.torrent_hash or "").lower()
        watch = self._watch(torrent_hash)
        pipeline = self._pipeline
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
        if not self._jellyfin:
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

    async def _scan_all(self, watch: TorrentWatch) -> None:
        """Have each Jellyfin scan everything, once; one away for now is asked at a later look."""
        for subentry_id, coordinator in self._jellyfin.items():
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

    async def _look_up(self, request: MediaRequest, watch: TorrentWatch) -> None:
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
        elif now - watch.lookup_started >= timing.LOOKUP_TIMEOUT:
            where = f"filed into {watch.destination}" if watch.destination else "downloaded"
            minutes = round(timing.LOOKUP_TIMEOUT / 60)
            reason = f"{where}; Jellyfin did not list it within {minutes} minutes"
            await self._available(request, reason=reason)
            return
        watch.next_lookup = now + min(timing.LOOKUP_MAX, timing.LOOKUP_FIRST * 1.5**watch.lookups)
        watch.lookups += 1

    async def _find_in_jellyfin(self, request: MediaRequest) -> tuple[str | None, bool]:
        """The title's Jellyfin item (None: not listed), and whether a Jellyfin answered.

        One away for now (down, restarting) has not answered; any other error is an answer.
        """
        kind: ItemType = "Movie" if request.media_type == "movie" else "Series"
        since = _importing_since(request)
        answered = False
        for coordinator in self._jellyfin.values():
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
