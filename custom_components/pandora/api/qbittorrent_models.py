"""Typed qBittorrent models and the incremental `sync/maindata` state.

qBittorrent's `sync/maindata?rid=N` answers only what changed since `rid`: partial torrent
dicts keyed by hash (without a `hash` field), `torrents_removed`, partial `server_state`, or a
`full_update`. `MainDataState` merges those answers and re-parses only the torrents that changed,
so one refresh costs O(changes), not O(torrents).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Final

# qBittorrent reports 8640000 s (100 days) for "infinite" ETA.
ETA_INFINITE = 8_640_000


class TorrentStatus(StrEnum):
    """What a torrent is doing, folded from qBittorrent's many states (4.x and 5.x)."""

    DOWNLOADING = "downloading"
    SEEDING = "seeding"
    PAUSED = "paused"
    ERRORED = "errored"
    CHECKING = "checking"
    QUEUED = "queued"
    OTHER = "other"


_STATE_STATUS: dict[str, TorrentStatus] = {
    "downloading": TorrentStatus.DOWNLOADING,
    "forcedDL": TorrentStatus.DOWNLOADING,
    "metaDL": TorrentStatus.DOWNLOADING,
    "forcedMetaDL": TorrentStatus.DOWNLOADING,
    "stalledDL": TorrentStatus.DOWNLOADING,
    "allocating": TorrentStatus.DOWNLOADING,
    "uploading": TorrentStatus.SEEDING,
    "forcedUP": TorrentStatus.SEEDING,
    "stalledUP": TorrentStatus.SEEDING,
    # qBittorrent < 5.0 says paused*, 5.0+ says stopped*: both are "paused" to users.
    "pausedDL": TorrentStatus.PAUSED,
    "pausedUP": TorrentStatus.PAUSED,
    "stoppedDL": TorrentStatus.PAUSED,
    "stoppedUP": TorrentStatus.PAUSED,
    "error": TorrentStatus.ERRORED,
    "missingFiles": TorrentStatus.ERRORED,
    "checkingDL": TorrentStatus.CHECKING,
    "checkingUP": TorrentStatus.CHECKING,
    "checkingResumeData": TorrentStatus.CHECKING,
    "queuedDL": TorrentStatus.QUEUED,
    "queuedUP": TorrentStatus.QUEUED,
}


# While libtorrent checks a torrent, qBittorrent's `progress` is how far the check has got, not
# how much of the data is there (TorrentImpl::progress): 0 for every torrent while it loads
# resume data after a start (5.x; 4.5 for torrents it has checked), partial during a recheck.
# Whether such a torrent is complete is unknown until the check ends. (`moving` keeps the true
# progress; `metaDL` has no metadata, so it is truly incomplete.)
CHECKING_STATES: Final = frozenset({"checkingResumeData", "checkingUP", "checkingDL"})
# States that tell nothing of what a torrent does: loading its resume data (every torrent, for
# a second or more after qBittorrent starts) and qBittorrent's own "unknown".
LOADING_STATES: Final = frozenset({"checkingResumeData", "unknown"})


def status_of(state: str) -> TorrentStatus:
    """Fold a qBittorrent state string into a `TorrentStatus`."""
    return _STATE_STATUS.get(state, TorrentStatus.OTHER)


def _timestamp(value: Any) -> datetime | None:
    if isinstance(value, int | float) and value > 0:
        return datetime.fromtimestamp(value, UTC)
    return None


# Exact type checks first: these run ~20 times per changed torrent on every refresh.
def _int(value: Any, default: int = 0) -> int:
    if type(value) is int:
        return value
    return int(value) if isinstance(value, int | float) else default


def _float(value: Any, default: float = 0.0) -> float:
    if type(value) is float:
        return value
    return float(value) if isinstance(value, int | float) else default


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


@dataclass(slots=True, kw_only=True)
class Torrent:
    """One torrent as Pandora uses it.

    Treat as immutable: a changed torrent is replaced by a new instance, never edited. It is not
    declared frozen because frozen dataclasses set each field through `object.__setattr__`, which
    doubles the parse cost that dominates an incremental refresh (bench/qbittorrent_sync.py).
    """

    hash: str
    name: str
    state: str
    status: TorrentStatus
    progress: float
    size: int
    total_size: int
    downloaded: int
    uploaded: int
    amount_left: int
    dlspeed: int
    upspeed: int
    eta: int | None
    ratio: float
    category: str
    tags: tuple[str, ...]
    save_path: str
    content_path: str
    tracker: str
    num_seeds: int
    num_leechs: int
    added_timestamp: int
    completion_timestamp: int
    # Seconds spent seeding (complete and active); 0 from a qBittorrent that does not say.
    seeding_time: int = 0

    @property
    def added_on(self) -> datetime | None:
        """When the torrent was added."""
        return _timestamp(self.added_timestamp)

    @property
    def completion_on(self) -> datetime | None:
        """When the download completed (None while incomplete)."""
        return _timestamp(self.completion_timestamp)

    @property
    def is_complete(self) -> bool:
        """True once every wanted piece is on disk (metadata-less magnets are never complete).

        Only meaningful when `completion_known`: while checking, progress is the check's.
        """
        return self.progress >= 1.0 and self.total_size >= 0

    @property
    def completion_known(self) -> bool:
        """False while qBittorrent checks the torrent (resume data or files)."""
        return self.state not in CHECKING_STATES

    @classmethod
    def from_dict(cls, torrent_hash: str, data: Mapping[str, Any]) -> Torrent:
        """Build from a `torrents/info` item or a merged `maindata` torrent dict."""
        get = data.get
        eta = _int(get("eta"), ETA_INFINITE)
        tags = _str(get("tags"))
        state = _str(get("state")) or "unknown"
        size = _int(get("size"))
        return cls(
            hash=torrent_hash,
            name=_str(get("name")),
            state=state,
            status=status_of(state),
            progress=_float(get("progress")),
            size=size,
            total_size=_int(get("total_size"), size),
            downloaded=_int(get("downloaded")),
            uploaded=_int(get("uploaded")),
            amount_left=_int(get("amount_left")),
            dlspeed=_int(get("dlspeed")),
            upspeed=_int(get("upspeed")),
            eta=None if eta >= ETA_INFINITE or eta < 0 else eta,
            ratio=_float(get("ratio")),
            category=_str(get("category")),
            tags=tuple(t.strip() for t in tags.split(",") if t.strip()) if tags else (),
            save_path=_str(get("save_path")),
            content_path=_str(get("content_path")),
            tracker=_str(get("tracker")),
            num_seeds=_int(get("num_seeds")),
            num_leechs=_int(get("num_leechs")),
            added_timestamp=_int(get("added_on")),
            completion_timestamp=_int(get("completion_on")),
            seeding_time=_int(get("seeding_time")),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerState:
    """Global transfer state from `server_state`."""

    download_speed: int = 0
    upload_speed: int = 0
    downloaded_session: int = 0
    uploaded_session: int = 0
    free_space_on_disk: int | None = None
    connection_status: str = "disconnected"
    alt_speed_limits: bool = False
    refresh_interval_ms: int | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ServerState:
        """Build from a merged `server_state` dict."""
        free = data.get("free_space_on_disk")
        refresh = data.get("refresh_interval")
        return cls(
            download_speed=_int(data.get("dl_info_speed")),
            upload_speed=_int(data.get("up_info_speed")),
            downloaded_session=_int(data.get("dl_info_data")),
            uploaded_session=_int(data.get("up_info_data")),
            free_space_on_disk=int(free) if isinstance(free, int | float) else None,
            connection_status=_str(data.get("connection_status")) or "disconnected",
            alt_speed_limits=bool(data.get("use_alt_speed_limits", False)),
            refresh_interval_ms=int(refresh) if isinstance(refresh, int | float) else None,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncDelta:
    """What one `sync/maindata` answer changed."""

    rid: int
    full_update: bool
    # Hashes new or changed in this answer, with the previous parsed torrent (None when new).
    changed: Mapping[str, Torrent | None]
    # Torrents that disappeared, as they were last seen.
    removed: Mapping[str, Torrent]
    server_state_changed: bool


@dataclass(slots=True)
class MainDataState:
    """Client-side mirror of qBittorrent's main data, kept current from incremental answers."""

    rid: int = 0
    torrents: dict[str, Torrent] = field(default_factory=dict)
    server_state: ServerState = field(default_factory=ServerState)
    categories: dict[str, dict[str, Any]] = field(default_factory=dict)
    tags: set[str] = field(default_factory=set)
    # Torrents per status, and completed torrents, kept up to date per change (O(changes)).
    # A torrent that qBittorrent is loading or checking keeps the status (loading) or the
    # completeness (checking) it was last counted with, so the counts do not drop to 0 for
    # every restart of qBittorrent or recheck.
    status_counts: Counter[TorrentStatus] = field(default_factory=Counter)
    completed_count: int = 0
    _counted: dict[str, tuple[TorrentStatus, bool]] = field(default_factory=dict)
    _raw_torrents: dict[str, dict[str, Any]] = field(default_factory=dict)
    _raw_server: dict[str, Any] = field(default_factory=dict)

    def reset(self) -> None:
        """Forget everything: the next request asks for a full update (rid=0)."""
        self.rid = 0

    def _count(self, counted: tuple[TorrentStatus, bool], sign: int) -> None:
        self.status_counts[counted[0]] += sign
        if counted[1]:
            self.completed_count += sign

    @staticmethod
    def _classify(
        torrent: Torrent, before: tuple[TorrentStatus, bool] | None
    ) -> tuple[TorrentStatus, bool]:
        """What a torrent counts as: its status and completeness, or what they were."""
        if before is None:
            return torrent.status, torrent.is_complete
        return (
            before[0] if torrent.state in LOADING_STATES else torrent.status,
            torrent.is_complete if torrent.completion_known else before[1],
        )

    def apply(self, payload: Mapping[str, Any]) -> SyncDelta:
        """Merge one `sync/maindata` answer and say what changed."""
        full = bool(payload.get("full_update", False))
        changed: dict[str, Torrent | None] = {}
        removed: dict[str, Torrent] = {}
        previous = self.torrents
        counted_before = self._counted
        if full:
            # A full answer replaces everything; anything not in it is gone.
            self._raw_torrents = {}
            self.torrents = {}
            self._raw_server = {}
            self.categories = {}
            self.tags = set()
            self.status_counts = Counter()
            self.completed_count = 0
            self._counted = {}

        for torrent_hash, partial in (payload.get("torrents") or {}).items():
            raw = self._raw_torrents.get(torrent_hash)
            if raw is None:
                raw = self._raw_torrents[torrent_hash] = dict(partial)
            else:
                raw.update(partial)
            old = previous.get(torrent_hash)
            new = Torrent.from_dict(torrent_hash, raw)
            self.torrents[torrent_hash] = new
            before = counted_before.get(torrent_hash)
            counted = self._classify(new, before)
            if full or before is None:
                self._count(counted, +1)
            elif counted != before:
                self._count(before, -1)
                self._count(counted, +1)
            self._counted[torrent_hash] = counted
            changed[torrent_hash] = old

        if full:
            removed = {h: t for h, t in previous.items() if h not in self.torrents}
        for torrent_hash in payload.get("torrents_removed") or ():
            self._raw_torrents.pop(torrent_hash, None)
            gone = self.torrents.pop(torrent_hash, None)
            if gone is not None:
                self._count(self._counted.pop(torrent_hash), -1)
                removed[torrent_hash] = gone
                changed.pop(torrent_hash, None)

        server = payload.get("server_state")
        if server:
            self._raw_server.update(server)
        if server or full:
            self.server_state = ServerState.from_dict(self._raw_server)

        for name, category in (payload.get("categories") or {}).items():
            self.categories.setdefault(name, {}).update(category)
        for name in payload.get("categories_removed") or ():
            self.categories.pop(name, None)
        self.tags.update(payload.get("tags") or ())
        self.tags.difference_update(payload.get("tags_removed") or ())

        self.rid = int(payload.get("rid", self.rid))
        return SyncDelta(
            rid=self.rid,
            full_update=full,
            changed=changed,
            removed=removed,
            server_state_changed=bool(server) or full,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerInfo:
    """What kind of qBittorrent we talk to."""

    app_version: str
    api_version: tuple[int, ...]

    @property
    def uses_stop_start(self) -> bool:
        """QBittorrent 5.0 (Web API 2.11) renamed pause/resume to stop/start."""
        return self.api_version >= (2, 11)


@dataclass(frozen=True, slots=True, kw_only=True)
class AddResult:
    """Outcome of `torrents/add` (5.2+ tells ids and counts; older versions only Ok.)."""

    added_ids: tuple[str, ...] = ()
    success_count: int = 1
    failure_count: int = 0
    pending_count: int = 0
