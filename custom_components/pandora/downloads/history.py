"""Torrent lifecycle history kept in Home Assistant's Store (survives restarts, capped).

The same store remembers which torrents were still incomplete per qBittorrent, so that a
download that finished while Home Assistant was off still fires `completed` once at start-up,
while torrents that were already complete fire nothing; and which torrents in qBittorrent
Pandora announced as completed, so that none is announced twice (the filing pipeline and
automations act on it) until it is removed: added again, it is a new download.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable
from typing import Any, NotRequired, TypedDict

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from ..const import DOMAIN, HISTORY_MAX_ENTRIES, HISTORY_SAVE_DELAY

STORAGE_VERSION = 1
STORAGE_KEY = f"{DOMAIN}.history"


class HistoryEntry(TypedDict):
    """One lifecycle event."""

    time: str
    event: str
    subentry_id: str
    hash: str
    name: str
    size: int
    category: str
    save_path: str


class _StoreData(TypedDict):
    events: list[HistoryEntry]
    incomplete: dict[str, list[str]]
    completed: dict[str, list[str]]
    links: dict[str, dict[str, Any]]
    files: list[dict[str, Any]]
    goals: dict[str, dict[str, dict[str, Any]]]
    holds: NotRequired[dict[str, dict[str, list[str]]]]


MAX_LINKS = 5000
# Completions remembered per qBittorrent, newest kept. An older one could be announced again
# only if its torrent is seen incomplete and then complete again (it was downloaded again).
MAX_COMPLETED = 5000


class TorrentHistory:
    """Capped, persisted list of torrent lifecycle events."""

    def __init__(self, hass: HomeAssistant, max_entries: int = HISTORY_MAX_ENTRIES) -> None:
        self._store: Store[_StoreData] = Store(hass, STORAGE_VERSION, STORAGE_KEY)
        self._events: deque[HistoryEntry] = deque(maxlen=max_entries)
        self._incomplete: dict[str, set[str]] = {}
        # Torrents announced as completed, per qBittorrent, oldest first (dicts keep order).
        self._completed: dict[str, dict[str, None]] = {}
        # What each torrent is (tmdb id, media type, release), set when Pandora downloads it.
        self._links: dict[str, dict[str, Any]] = {}
        # File actions and pipeline steps (moved, deleted, ...), newest last.
        self._files: deque[dict[str, Any]] = deque(maxlen=max_entries)
        # Torrents that met their seeding goal, per qBittorrent (downloads/goals.py), until
        # they leave qBittorrent.
        self._goals: dict[str, dict[str, dict[str, Any]]] = {}
        # Why the guards hold torrents, per qBittorrent (hash -> reasons): a restart while
        # held resumes exactly those torrents, never one a person paused.
        self._holds: dict[str, dict[str, list[str]]] = {}

    async def async_load(self) -> None:
        """Read what the previous run saved."""
        data = await self._store.async_load()
        if data:
            self._events.extend(data.get("events", []))
            self._incomplete = {k: set(v) for k, v in data.get("incomplete", {}).items()}
            self._completed = {k: dict.fromkeys(v) for k, v in data.get("completed", {}).items()}
            self._links = dict(data.get("links", {}))
            self._files.extend(data.get("files", []))
            self._goals = dict(data.get("goals", {}))
            self._holds = dict(data.get("holds", {}))

    @callback
    def _schedule_save(self) -> None:
        self._store.async_delay_save(self._data, HISTORY_SAVE_DELAY.total_seconds())

    def _data(self) -> _StoreData:
        return {
            "events": list(self._events),
            "incomplete": {k: sorted(v) for k, v in self._incomplete.items()},
            "completed": {k: list(v) for k, v in self._completed.items()},
            "links": self._links,
            "files": list(self._files),
            "goals": self._goals,
            "holds": self._holds,
        }

    async def async_flush(self) -> None:
        """Write pending changes now (on unload and shutdown)."""
        await self._store.async_save(self._data())

    @callback
    def record(self, event: str, subentry_id: str, torrent: dict[str, Any]) -> None:
        """Append one event."""
        self._events.append(
            HistoryEntry(
                time=dt_util.utcnow().isoformat(),
                event=event,
                subentry_id=subentry_id,
                hash=torrent["hash"],
                name=torrent["name"],
                size=torrent["size"],
                category=torrent["category"],
                save_path=torrent["save_path"],
            )
        )
        self._schedule_save()

    @callback
    def events(
        self, subentry_id: str | None = None, limit: int | None = None
    ) -> list[HistoryEntry]:
        """Newest first, optionally for one qBittorrent."""
        found = [e for e in reversed(self._events) if subentry_id in (None, e["subentry_id"])]
        return found[:limit] if limit is not None else found

    @callback
    def incomplete(self, subentry_id: str) -> set[str] | None:
        """Hashes last known incomplete, or None when never recorded."""
        return self._incomplete.get(subentry_id)

    @callback
    def set_incomplete(self, subentry_id: str, hashes: Iterable[str]) -> None:
        """Remember which torrents are still downloading."""
        new = set(hashes)
        if self._incomplete.get(subentry_id) != new:
            self._incomplete[subentry_id] = new
            self._schedule_save()

    @callback
    def claim_completion(self, subentry_id: str, torrent_hash: str) -> bool:
        """Remember that a torrent completed; False when it was announced before."""
        completed = self._completed.setdefault(subentry_id, {})
        if torrent_hash in completed:
            return False
        completed[torrent_hash] = None
        if len(completed) > MAX_COMPLETED:
            del completed[next(iter(completed))]
        self._schedule_save()
        return True

    @callback
    def forget_completion(self, subentry_id: str, torrent_hash: str) -> None:
        """A torrent left qBittorrent: if it is added again, it may complete again."""
        completed = self._completed.get(subentry_id, {})
        goal = self._goals.get(subentry_id, {}).pop(torrent_hash, None)
        if torrent_hash in completed or goal is not None:
            completed.pop(torrent_hash, None)
            self._schedule_save()

    @callback
    def keep_completions(self, subentry_id: str, present: Collection[str]) -> None:
        """Forget the completions of torrents removed while nobody looked."""
        completed = self._completed.get(subentry_id, {})
        goals = self._goals.get(subentry_id, {})
        gone = [h for h in completed if h not in present]
        for torrent_hash in gone:
            del completed[torrent_hash]
        for torrent_hash in [h for h in goals if h not in present]:
            gone.append(torrent_hash)
            del goals[torrent_hash]
        if gone:
            self._schedule_save()

    @callback
    def holds(self, subentry_id: str) -> dict[str, list[str]]:
        """The held torrents of one qBittorrent (hash -> reasons) as last saved."""
        return self._holds.get(subentry_id, {})

    @callback
    def set_holds(self, subentry_id: str, holds: dict[str, list[str]]) -> None:
        """Remember why the guards hold torrents."""
        if self._holds.get(subentry_id, {}) != holds:
            if holds:
                self._holds[subentry_id] = holds
            else:
                self._holds.pop(subentry_id, None)
            self._schedule_save()

    @callback
    def forget(self, subentry_id: str) -> None:
        """Drop what is kept for a removed qBittorrent."""
        dropped = self._incomplete.pop(subentry_id, None) is not None
        dropped |= self._goals.pop(subentry_id, None) is not None
        dropped |= self._holds.pop(subentry_id, None) is not None
        if self._completed.pop(subentry_id, None) is not None or dropped:
            self._schedule_save()

    @callback
    def keep_only(self, subentry_ids: Collection[str]) -> None:
        """Forget every qBittorrent but these (the ones configured now)."""
        kept = {*self._incomplete, *self._completed, *self._goals, *self._holds}
        for subentry_id in kept - set(subentry_ids):
            self.forget(subentry_id)

    @callback
    def goals_met(self, subentry_id: str) -> dict[str, dict[str, Any]]:
        """The torrents of one qBittorrent that met their seeding goal, by hash."""
        return self._goals.get(subentry_id, {})

    @callback
    def set_goal_met(self, subentry_id: str, torrent_hash: str, record: dict[str, Any]) -> None:
        """Remember that a torrent met its goal (and what was done), until it is removed."""
        self._goals.setdefault(subentry_id, {})[torrent_hash] = record
        self._schedule_save()

    @callback
    def link(self, torrent_hash: str, info: dict[str, Any]) -> None:
        """Remember what a torrent is (kept for the newest `MAX_LINKS` torrents)."""
        self._links.pop(torrent_hash.lower(), None)
        self._links[torrent_hash.lower()] = {k: v for k, v in info.items() if v is not None}
        while len(self._links) > MAX_LINKS:
            del self._links[next(iter(self._links))]
        self._schedule_save()

    @callback
    def link_for(self, torrent_hash: str) -> dict[str, Any]:
        """What a torrent was downloaded as ({} when Pandora did not add it)."""
        return dict(self._links.get(torrent_hash.lower(), {}))

    @callback
    def record_files(self, action: str, data: dict[str, Any]) -> None:
        """Append one file action (moved, deleted...)."""
        self._files.append({"time": dt_util.utcnow().isoformat(), "action": action} | data)
        self._schedule_save()

    @callback
    def files(self, limit: int | None = None) -> list[dict[str, Any]]:
        """File actions, newest first."""
        found = list(reversed(self._files))
        return found[:limit] if limit is not None else found
