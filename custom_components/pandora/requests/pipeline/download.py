"""The download stage: the torrent added (never twice), its progress watched, a stall ended."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Final
from urllib.parse import quote

from homeassistant.exceptions import HomeAssistantError

from ...api.errors import PandoraError, TorrentRejected
from ...api.jackett_models import infohash_from_magnet
from ...api.qbittorrent_models import Torrent, TorrentStatus
from ...downloads import ReleaseLinks, add_release, link_download, release_links
from ...files import async_remove_torrents
from ...hub.errors import safe_text
from ..queue import MediaRequest
from . import timing
from .base import TorrentWatch
from .search import SearchStage

if TYPE_CHECKING:
    from ...downloads import QBittorrentCoordinator

_LOGGER = logging.getLogger(__package__)

_WAITING: Final = frozenset({TorrentStatus.PAUSED, TorrentStatus.QUEUED, TorrentStatus.CHECKING})


class DownloadStage(SearchStage):
    """`downloading`: complete → `importing`; in error or without progress → stalled, removed."""

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

    async def _waiting_for_space(self, request: MediaRequest) -> None:
        """Waiting for the disk guard: back to `downloading` once it lets downloads start."""
        coordinator = self._instance(request)
        if coordinator is None:
            await self._fail(
                request, "the qBittorrent it was to download on is no longer configured"
            )
        elif coordinator.disk_guard.shortage() is None:
            await self.queue.async_set_status(request, "downloading", reason="disk space returned")

    async def _progress(
        self,
        request: MediaRequest,
        coordinator: QBittorrentCoordinator,
        torrent: Torrent,
        watch: TorrentWatch,
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
        if now - watch.since >= minutes * timing.STALL_MINUTE:
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
        """Fail it (saved first), then remove the torrent and what it downloaded.

        Through the guards' one removal: a torrent whose data is in the library (the same
        release filed earlier, now rechecked as incomplete) loses no file.
        """
        torrent_hash = str(request.torrent_hash)
        await self._fail(request, f"stalled: {why}")
        try:
            await async_remove_torrents(self.hass, coordinator, [torrent_hash], delete_files=True)
        except (PandoraError, HomeAssistantError) as err:  # qBittorrent down, the hub unloading
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
        link_download(
            self._history,
            [torrent_hash],
            tmdb_id=request.tmdb_id,
            media_type=request.media_type,
            release=request.release,
            request_id=request.id,
        )
        try:
            if await coordinator.client.torrents_info(hashes=torrent_hash):
                return True  # added before a restart, or by hand: never twice
            if (shortage := coordinator.disk_guard.shortage()) is not None:
                free = coordinator.disk_guard.placeholders(shortage)
                reason = (
                    f"{free['free']} free on {free['name']}, keeping at least {free['minimum']}"
                )
                await self.queue.async_set_status(request, "waiting_for_space", reason=reason)
                return False
            links = self._links.get(request.id)
            if links is None or links.infohash != torrent_hash:
                links = await self._links_again(request, torrent_hash)
            await add_release(
                self._history,
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
                links = await release_links(self._session, item)
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
