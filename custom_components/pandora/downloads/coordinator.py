"""qBittorrent coordinator: incremental sync, lifecycle events, availability."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.const import CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.helpers.update_coordinator import UpdateFailed

from ..api.errors import IPBanned, PandoraError
from ..api.http import safe_url
from ..api.qbittorrent import QBittorrentClient
from ..api.qbittorrent_models import (
    LOADING_STATES,
    MainDataState,
    SyncDelta,
    Torrent,
    TorrentStatus,
)
from ..const import (
    CONF_VERIFY_SSL,
    DOMAIN,
    EVENT_TORRENT_PREFIX,
    SIGNAL_TORRENT_EVENT,
    TORRENT_ADDED,
    TORRENT_COMPLETED,
    TORRENT_ERRORED,
    TORRENT_REMOVED,
)
from ..hub.announce import async_announce
from ..hub.coordinator import PandoraCoordinator
from ..hub.errors import safe_text
from .disk import DiskGuard
from .history import TorrentHistory
from .holds import TorrentHolds


def torrent_event_data(torrent: Torrent) -> dict[str, Any]:
    """The payload shared by bus events, the event entity and history."""
    return {
        "hash": torrent.hash,
        "name": torrent.name,
        "size": torrent.total_size,
        "save_path": torrent.save_path,
        "content_path": torrent.content_path,
        "category": torrent.category,
    }


def qbittorrent_client(session: Any, data: Mapping[str, Any]) -> QBittorrentClient:
    """A qBittorrent client for subentry data."""
    return QBittorrentClient(
        url=data[CONF_URL],
        username=data.get(CONF_USERNAME, ""),
        password=data.get(CONF_PASSWORD, ""),
        session=session,
        verify_ssl=bool(data.get(CONF_VERIFY_SSL, True)),
    )


class QBittorrentCoordinator(PandoraCoordinator[MainDataState, QBittorrentClient]):
    """Keeps one qBittorrent's main data current and publishes torrent lifecycle events."""

    # One request, `sync/maindata?rid=`, answering only what changed: cheap enough for the
    # panel's live progress.
    UPDATE_INTERVAL = timedelta(seconds=5)
    CLIENT = qbittorrent_client
    MANUFACTURER = "qBittorrent project"
    MODEL = "qBittorrent"

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        subentry: ConfigSubentry,
        history: TorrentHistory,
    ) -> None:
        super().__init__(hass, entry, subentry)
        self.history = history
        self._baseline_taken = False
        # Torrents known incomplete, or new and not yet known complete (persisted in history).
        self._incomplete: set[str] = set()
        # Torrents known errored, and those still loading since before the baseline.
        self._errored: set[str] = set()
        self._unsettled: set[str] = set()
        self._ban_issue_id = f"ip_banned_{subentry.subentry_id}"
        # What the last sync changed, and how many syncs there were: the panel's feed follows
        # the changes (O(changes)) and notices a sync it did not see (panel/feeds.py).
        self.last_delta: SyncDelta | None = None
        self.syncs = 0
        # Why the guards hold torrents (downloads/holds.py): shown in the panel's rows, saved
        # with the history.
        sid = subentry.subentry_id
        self.holds = TorrentHolds(history.holds(sid), lambda holds: history.set_holds(sid, holds))
        # Below the hub's minimum free space, no download starts here (downloads/disk.py).
        self.disk_guard = DiskGuard(self)

    @property
    def sw_version(self) -> str | None:
        """QBittorrent's version, once logged in."""
        info = self.client.info
        return info.app_version if info else None

    @property
    def model_id(self) -> str | None:
        """Its Web API version, once logged in."""
        info = self.client.info
        return f"Web API {'.'.join(map(str, info.api_version))}" if info else None

    async def async_shutdown(self) -> None:
        """Log out of qBittorrent when the hub unloads (frees the Web UI session)."""
        await super().async_shutdown()
        self.disk_guard.unload()
        await self.client.close()

    async def _async_update_data(self) -> MainDataState:
        try:
            if self.client.info is None:
                await self.client.connect()
                self._refresh_device()
            delta = await self.client.sync()
        except IPBanned as err:
            ir.async_create_issue(
                self.hass,
                DOMAIN,
                self._ban_issue_id,
                is_fixable=False,
                severity=ir.IssueSeverity.ERROR,
                translation_key="ip_banned",
                translation_placeholders={
                    "name": self.subentry.title,
                    "url": safe_url(self.subentry.data[CONF_URL]),
                },
            )
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="ip_banned",
                translation_placeholders={"name": self.subentry.title, "error": safe_text(err)},
            ) from err
        except PandoraError as err:
            raise self.update_failed(err) from err
        ir.async_delete_issue(self.hass, DOMAIN, self._ban_issue_id)
        self.last_delta, self.syncs = delta, self.syncs + 1
        self._publish_events(delta)
        self.disk_guard.update(self.client.maindata)
        return self.client.maindata

    @callback
    def _refresh_device(self) -> None:
        """Keep the device's software version true after an upgrade of qBittorrent."""
        registry = dr.async_get(self.hass)
        device = registry.async_get_device_by_identifier(
            (DOMAIN, self.subentry.subentry_id), self.config_entry.entry_id
        )
        if device is not None:
            info = self.device_info
            registry.async_update_device(
                device.id, sw_version=info.get("sw_version"), model_id=info.get("model_id")
            )

    @callback
    def _publish_events(self, delta: SyncDelta) -> None:
        """Turn one sync delta into lifecycle events (O(changes)).

        A torrent qBittorrent is loading or checking is neither complete nor incomplete: it
        keeps what it was last known as (for a second or more after qBittorrent starts, every
        torrent is listed loading, with progress 0). `completed` fires when a torrent known
        incomplete, or new, is known complete, and once per torrent until it is removed
        (history remembers it across restarts).
        """
        torrents = self.client.maindata.torrents
        if not self._baseline_taken:
            self._take_baseline(torrents)
            return
        changed = False
        for torrent_hash, old in delta.changed.items():
            new = torrents[torrent_hash]
            if old is None:
                self.announce(TORRENT_ADDED, new)
            if new.completion_known:
                pending = torrent_hash in self._incomplete or old is None
                changed |= self._set_incomplete(torrent_hash, not new.is_complete)
                if new.is_complete and pending:
                    self._complete(new)
            elif old is None:  # new, and being checked: complete when the check says so
                changed |= self._set_incomplete(torrent_hash, True)
            if new.state not in LOADING_STATES:
                self._settle_errored(new)
        self.holds.forget(delta.removed)
        for torrent_hash, gone in delta.removed.items():
            self.announce(TORRENT_REMOVED, gone)
            self.history.forget_completion(self.subentry.subentry_id, torrent_hash)
            changed |= self._set_incomplete(torrent_hash, False)
            self._errored.discard(torrent_hash)
            self._unsettled.discard(torrent_hash)
        if changed:
            self.history.set_incomplete(self.subentry.subentry_id, self._incomplete)

    @callback
    def _take_baseline(self, torrents: Mapping[str, Torrent]) -> None:
        """First sync after start-up: no storm for what was already there.

        Only torrents that were incomplete when we last looked and are complete now fire
        `completed`; one being loaded or checked stays what the last run knew it as.
        """
        self._baseline_taken = True
        sid = self.subentry.subentry_id
        remembered = self.history.incomplete(sid) or set()
        self.history.keep_completions(sid, torrents)
        self.holds.keep_only(torrents)
        for torrent_hash, torrent in torrents.items():
            if not torrent.completion_known:
                if torrent_hash in remembered:
                    self._incomplete.add(torrent_hash)
            elif not torrent.is_complete:
                self._incomplete.add(torrent_hash)
            elif torrent_hash in remembered:
                self._complete(torrent)  # finished while Home Assistant was off
            if torrent.state in LOADING_STATES:
                self._unsettled.add(torrent_hash)
            elif torrent.status is TorrentStatus.ERRORED:
                self._errored.add(torrent_hash)
        self.history.set_incomplete(sid, self._incomplete)

    @callback
    def _set_incomplete(self, torrent_hash: str, incomplete: bool) -> bool:
        """Whether the torrent's membership of the incomplete set changed."""
        if (torrent_hash in self._incomplete) == incomplete:
            return False
        if incomplete:
            self._incomplete.add(torrent_hash)
        else:
            self._incomplete.discard(torrent_hash)
        return True

    @callback
    def _settle_errored(self, torrent: Torrent) -> None:
        """Fire `errored` when a torrent enters error.

        Not again when it is loaded after a restart of qBittorrent, nor for an error older than
        Home Assistant's start.
        """
        torrent_hash = torrent.hash
        was_there = torrent_hash in self._unsettled
        self._unsettled.discard(torrent_hash)
        if torrent.status is not TorrentStatus.ERRORED:
            self._errored.discard(torrent_hash)
        elif torrent_hash not in self._errored:
            self._errored.add(torrent_hash)
            if not was_there:
                self.announce(TORRENT_ERRORED, torrent)

    @callback
    def _complete(self, torrent: Torrent) -> None:
        if self.history.claim_completion(self.subentry.subentry_id, torrent.hash):
            self.announce(TORRENT_COMPLETED, torrent)

    @callback
    def announce(
        self, event_type: str, torrent: Torrent, extra: Mapping[str, Any] | None = None
    ) -> None:
        """A torrent's event: on the bus (and internally), to the event entity, into history."""
        data = (
            torrent_event_data(torrent)
            | {"instance": self.subentry.title, "subentry_id": self.subentry.subentry_id}
            # What Pandora downloaded it as (tmdb_id, media_type, release), when it did.
            | self.history.link_for(torrent.hash)
            | dict(extra or {})
        )
        async_announce(self.hass, EVENT_TORRENT_PREFIX + event_type, data)
        async_dispatcher_send(
            self.hass, f"{SIGNAL_TORRENT_EVENT}_{self.subentry.subentry_id}", event_type, data
        )
        self.history.record(event_type, self.subentry.subentry_id, data)
