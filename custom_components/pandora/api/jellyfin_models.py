"""Typed Jellyfin 10.11 models, parsed defensively.

Jellyfin writes PascalCase JSON, leaves null fields out and sends enums as strings
(../shared/notes/service-apis.md, section 5). A missing or mistyped field falls back to a neutral
value; only an answer of the wrong shape (not an object, not a list) is a `ParseError`.
Dates are .NET's ISO 8601 with seven fractional digits; a naive one is taken as UTC and
`DateTime.MinValue` (year 1) as unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
import ipaddress
import sys
from typing import Any, Literal, NamedTuple

from .errors import ParseError

TaskState = Literal["Idle", "Running", "Cancelling"]
TaskStatus = Literal["Completed", "Failed", "Cancelled", "Aborted"]
ProviderName = Literal["Tmdb", "Imdb", "Tvdb"]
ItemType = Literal["Movie", "Series"]
PlayMethod = Literal["DirectPlay", "DirectStream", "Transcode"]

TASK_STATES: tuple[TaskState, ...] = ("Idle", "Running", "Cancelling")
TASK_STATUSES: tuple[TaskStatus, ...] = ("Completed", "Failed", "Cancelled", "Aborted")
PROVIDERS: tuple[ProviderName, ...] = ("Tmdb", "Imdb", "Tvdb")
ITEM_TYPES: tuple[ItemType, ...] = ("Movie", "Series")
PLAY_METHODS: tuple[PlayMethod, ...] = ("DirectPlay", "DirectStream", "Transcode")
# MediaBrowser.Model.Entities.ImageType, as the `{imageType}` of the image routes spells it.
IMAGE_TYPES: tuple[str, ...] = (
    "Primary",
    "Art",
    "Backdrop",
    "Banner",
    "Logo",
    "Thumb",
    "Disc",
    "Box",
    "Screenshot",
    "Menu",
    "Chapter",
    "BoxRear",
    "Profile",
)
TICKS_PER_SECOND = 10_000_000  # .NET ticks: RunTimeTicks, PlaybackPositionTicks

# The "Scan Media Library" task (RefreshMediaLibraryTask): its Key, Name and fixed Id.
SCAN_TASK_KEY = "RefreshLibrary"
SCAN_TASK_NAME = "Scan Media Library"
SCAN_TASK_ID = "7738148ffcd07979c7ceb148e06b3aed"


def _str(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: Any) -> int:
    if isinstance(value, bool):  # bool is an int subclass; never a count
        return 0
    return int(value) if isinstance(value, int | float) else 0


def _opt_int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def _opt_float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _bool(value: Any) -> bool:
    return value if isinstance(value, bool) else False


def _object(data: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise ParseError(f"Jellyfin {what} is not a JSON object")
    return data


def _provider_ids(value: Any) -> dict[str, str]:
    """`ProviderIds` as text (non-empty string or integer ids only)."""
    return {
        str(key): str(item)
        for key, item in (value.items() if isinstance(value, Mapping) else ())
        if isinstance(item, str | int) and not isinstance(item, bool) and str(item)
    }


def _seconds(ticks: Any) -> float | None:
    """.NET ticks as seconds (None when missing or not a number)."""
    value = _opt_float(ticks)
    return None if value is None else value / TICKS_PER_SECOND


def parse_datetime(value: Any) -> datetime | None:
    """A .NET `DateTime` as an aware UTC datetime (None when missing, unparsable or MinValue)."""
    if not isinstance(value, str) or not value:
        return None
    text = value.strip()
    # .NET writes seven fractional digits; keep at most six for older `fromisoformat`s.
    head, dot, tail = text.partition(".")
    if dot:
        digits = len(tail) - len(tail.lstrip("0123456789"))
        text = f"{head}.{tail[: min(digits, 6)]}{tail[digits:]}"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.year <= 1:  # DateTime.MinValue: never set
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _pick[T: str](value: Any, allowed: tuple[T, ...]) -> T | None:
    """The allowed value equal to `value`, ignoring case (None when it is none of them)."""
    if isinstance(value, str):
        for candidate in allowed:
            if candidate.casefold() == value.casefold():
                return candidate
    return None


@dataclass(frozen=True, slots=True)
class SystemInfo:
    """Who the server is (`/System/Info`, or the public subset from `/System/Info/Public`)."""

    server_name: str
    version: str
    id: str
    operating_system: str | None = None
    product_name: str | None = None
    local_address: str | None = None
    has_pending_restart: bool = False
    is_shutting_down: bool = False

    @classmethod
    def from_dict(cls, data: Any) -> SystemInfo:
        """Build from a `/System/Info` answer; a server without a version or id is refused."""
        body = _object(data, "system info")
        version, server_id = _str(body.get("Version")), _str(body.get("Id"))
        if not version or not server_id:
            raise ParseError("Jellyfin system info has no Version or Id")
        return cls(
            server_name=_str(body.get("ServerName")),
            version=version,
            id=server_id,
            operating_system=_opt_str(body.get("OperatingSystemDisplayName"))
            or _opt_str(body.get("OperatingSystem")),
            product_name=_opt_str(body.get("ProductName")),
            local_address=_opt_str(body.get("LocalAddress")),
            has_pending_restart=_bool(body.get("HasPendingRestart")),
            is_shutting_down=_bool(body.get("IsShuttingDown")),
        )


@dataclass(frozen=True, slots=True)
class Library:
    """A library (`/Library/VirtualFolders` entry): its folders and whether it is refreshing."""

    item_id: str
    name: str
    collection_type: str | None  # movies, tvshows, music, ...; None for mixed content
    locations: tuple[str, ...]
    refresh_status: str | None  # "Active" (with a progress), "Queued" or "Idle"
    refresh_progress: float | None  # 0-100, only while Active

    @property
    def refreshing(self) -> bool:
        """Whether Jellyfin is scanning this library or has queued a scan of it."""
        return self.refresh_progress is not None or self.refresh_status in ("Active", "Queued")

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> Library | None:
        """Build from one entry; None without an ItemId (it could not be refreshed anyway)."""
        item_id = _opt_str(data.get("ItemId"))
        if item_id is None:
            return None
        locations = data.get("Locations")
        return cls(
            item_id=item_id,
            name=_str(data.get("Name")),
            collection_type=_opt_str(data.get("CollectionType")),
            locations=tuple(p for p in locations if isinstance(p, str))
            if isinstance(locations, list)
            else (),
            refresh_status=_opt_str(data.get("RefreshStatus")),
            refresh_progress=_opt_float(data.get("RefreshProgress")),
        )


def _parsed[T](data: Any, parse: Callable[[Mapping[str, Any]], T | None], what: str) -> list[T]:
    """Each object of a list answer that `parse` accepts (the others are skipped).

    A list holding no object at all is not the answer asked for (a proxy's, a broken
    server's): read as "nothing there", it would remove what the entities show.
    """
    if not isinstance(data, list):
        raise ParseError(f"Jellyfin {what} answer is not a list")
    objects = [entry for entry in data if isinstance(entry, Mapping)]
    if data and not objects:
        raise ParseError(f"Jellyfin {what} answer holds no objects")
    parsed = (parse(entry) for entry in objects)
    return [value for value in parsed if value is not None]


def parse_libraries(data: Any) -> list[Library]:
    """Every library of a `/Library/VirtualFolders` answer."""
    return _parsed(data, Library.parse, "virtual folders")


@dataclass(frozen=True, slots=True)
class LastResult:
    """How a scheduled task's last run ended."""

    status: TaskStatus
    start: datetime | None
    end: datetime | None
    error_message: str | None = None

    @property
    def duration(self) -> float | None:
        """How long the run took, in seconds (None when a time is missing)."""
        if self.start is None or self.end is None:
            return None
        return max(0.0, (self.end - self.start).total_seconds())

    @classmethod
    def parse(cls, data: Any) -> LastResult | None:
        """Build from `LastExecutionResult` (None when the task never ran)."""
        if not isinstance(data, Mapping):
            return None
        return cls(
            # Anything unrecognised did not complete: report it as aborted, never as success.
            status=_pick(data.get("Status"), TASK_STATUSES) or "Aborted",
            start=parse_datetime(data.get("StartTimeUtc")),
            end=parse_datetime(data.get("EndTimeUtc")),
            error_message=_opt_str(data.get("ErrorMessage")),
        )


@dataclass(frozen=True, slots=True)
class ScanTask:
    """The "Scan Media Library" scheduled task: running or not, how far, how it last ended."""

    id: str
    name: str
    state: TaskState
    progress: float | None  # 0-100 while Running
    last_result: LastResult | None

    @property
    def running(self) -> bool:
        """Whether a scan is under way (or being cancelled)."""
        return self.state != "Idle"

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> ScanTask:
        """Build from one `TaskInfo`."""
        progress = _opt_float(data.get("CurrentProgressPercentage"))
        state = _pick(data.get("State"), TASK_STATES)
        if state is None:
            state = "Idle" if progress is None else "Running"
        return cls(
            id=_str(data.get("Id")),
            name=_str(data.get("Name"), SCAN_TASK_NAME),
            state=state,
            progress=None if progress is None else min(100.0, max(0.0, progress)),
            last_result=LastResult.parse(data.get("LastExecutionResult")),
        )


def find_scan_task(data: Any) -> ScanTask | None:
    """The library scan among a `/ScheduledTasks` answer (by Key, else by its fixed Id)."""
    if not isinstance(data, list):
        raise ParseError("Jellyfin scheduled tasks answer is not a list")
    tasks = [task for task in data if isinstance(task, Mapping)]
    for wanted in (("Key", SCAN_TASK_KEY), ("Id", SCAN_TASK_ID)):
        for task in tasks:
            if task.get(wanted[0]) == wanted[1]:
                return ScanTask.parse(task)
    return None


@dataclass(frozen=True, slots=True)
class ItemCounts:
    """Items in the libraries (`/Items/Counts`); 10.11 fills only these counts."""

    movies: int = 0
    series: int = 0
    episodes: int = 0
    songs: int = 0
    albums: int = 0
    music_videos: int = 0
    box_sets: int = 0
    books: int = 0

    @classmethod
    def from_dict(cls, data: Any) -> ItemCounts:
        """Build from an `/Items/Counts` answer."""
        body = _object(data, "item counts")
        return cls(
            movies=_int(body.get("MovieCount")),
            series=_int(body.get("SeriesCount")),
            episodes=_int(body.get("EpisodeCount")),
            songs=_int(body.get("SongCount")),
            albums=_int(body.get("AlbumCount")),
            music_videos=_int(body.get("MusicVideoCount")),
            box_sets=_int(body.get("BoxSetCount")),
            books=_int(body.get("BookCount")),
        )


def normalize_provider_value(provider: str, value: str | int) -> str:
    """A provider id in a comparable form: IMDb ids lower case, numeric ids without zeros."""
    text = str(value).strip()
    if provider.casefold() == "imdb":
        return text.casefold()
    return str(int(text)) if text.isascii() and text.isdigit() else text.casefold()


@dataclass(frozen=True, slots=True)
class MediaItemRef:
    """A movie or series in Jellyfin, with its external ids."""

    id: str
    name: str
    year: int | None
    type: str
    # Provider name as Jellyfin spells it (Tmdb, Imdb, Tvdb, ...) -> id; kept out of the hash.
    provider_ids: Mapping[str, str] = field(default_factory=dict, hash=False)
    path: str | None = None

    def provider_id(self, provider: str) -> str | None:
        """The id for a provider, whatever case the server used for its name."""
        for name, value in self.provider_ids.items():
            if name.casefold() == provider.casefold():
                return value
        return None

    def matches(self, provider: str, value: str | int) -> bool:
        """Whether this item carries `value` as its id at `provider`."""
        own = self.provider_id(provider)
        wanted = normalize_provider_value(provider, value)
        return (
            own is not None and bool(wanted) and normalize_provider_value(provider, own) == wanted
        )

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> MediaItemRef | None:
        """Build from one `BaseItemDto`; None without an Id."""
        item_id = _opt_str(data.get("Id"))
        if item_id is None:
            return None
        return cls(
            id=item_id,
            name=_str(data.get("Name")),
            year=_opt_int(data.get("ProductionYear")),
            type=_str(data.get("Type")),
            provider_ids=_provider_ids(data.get("ProviderIds")),
            path=_opt_str(data.get("Path")),
        )


@dataclass(frozen=True, slots=True)
class RawItemPage:
    """One page of an `/Items` query as sent, its entries not parsed yet."""

    entries: list[Any]
    total: int
    # The server's clock when it answered (HTTP `Date`), None when the answer had no date.
    server_time: datetime | None = None

    @classmethod
    def from_dict(cls, data: Any, server_time: datetime | None = None) -> RawItemPage:
        """Build from a `QueryResult<BaseItemDto>`."""
        body = _object(data, "items answer")
        entries = body.get("Items")
        if not isinstance(entries, list):
            raise ParseError("Jellyfin items answer has no Items list")
        return cls(entries, _int(body.get("TotalRecordCount")), server_time)


@dataclass(frozen=True, slots=True)
class ItemPage:
    """One page of an `/Items` query."""

    items: tuple[MediaItemRef, ...]
    total: int
    raw_count: int  # entries on the page, parsable or not (to know when paging is done)

    @classmethod
    def from_raw(cls, raw: RawItemPage) -> ItemPage:
        """Parse a raw page's entries."""
        parsed = (MediaItemRef.parse(e) for e in raw.entries if isinstance(e, Mapping))
        return cls(
            items=tuple(item for item in parsed if item is not None),
            total=raw.total,
            raw_count=len(raw.entries),
        )

    @classmethod
    def from_dict(cls, data: Any) -> ItemPage:
        """Build from a `QueryResult<BaseItemDto>`."""
        return cls.from_raw(RawItemPage.from_dict(data))


class TitleRow(NamedTuple):
    """A movie or series as a title index keeps it: a tuple of plain values."""

    id: str
    name: str
    year: int | None
    type: str
    tmdb: str | None  # its TMDB id as sent


def parse_title(data: Any) -> TitleRow | None:
    """What a title index keeps of one `BaseItemDto` (None without an Id).

    Leaner than `MediaItemRef.parse` (no path, no provider-id dict), and a tuple of plain
    values: the garbage collector need not look at 50,000 of them again and again.
    """
    if not isinstance(data, Mapping) or (item_id := _opt_str(data.get("Id"))) is None:
        return None
    tmdb: str | None = None
    ids = data.get("ProviderIds")
    if isinstance(ids, Mapping):
        for name, value in ids.items():
            if isinstance(name, str) and name.casefold() == "tmdb":
                if isinstance(value, str | int) and not isinstance(value, bool):
                    tmdb = str(value)
                break
    return TitleRow(
        item_id,
        _str(data.get("Name")),
        _opt_int(data.get("ProductionYear")),
        sys.intern(_str(data.get("Type"))),  # "Movie" 40,000 times: one string
        tmdb,
    )


# --- users and what they watch --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JellyfinUser:
    """A Jellyfin user (`UserDto`)."""

    id: str  # "N" format guid
    name: str
    is_administrator: bool  # Policy.IsAdministrator
    is_disabled: bool  # Policy.IsDisabled

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> JellyfinUser | None:
        """Build from one `UserDto`; None without an Id. A missing Policy grants nothing."""
        user_id = _opt_str(data.get("Id"))
        if user_id is None:
            return None
        policy = data.get("Policy")
        rights: Mapping[str, Any] = policy if isinstance(policy, Mapping) else {}
        return cls(
            id=user_id,
            name=_str(data.get("Name")),
            is_administrator=_bool(rights.get("IsAdministrator")),
            is_disabled=_bool(rights.get("IsDisabled")),
        )


def parse_users(data: Any) -> list[JellyfinUser]:
    """Every user of a `/Users` answer."""
    return _parsed(data, JellyfinUser.parse, "users")


@dataclass(frozen=True, slots=True)
class UserItem:
    """A `BaseItemDto` as one user sees it: the item, its artwork tags and the user's progress."""

    id: str
    name: str
    type: str  # Movie, Series, Episode, Video, ...
    year: int | None
    overview: str | None
    series_id: str | None
    series_name: str | None
    season: int | None  # ParentIndexNumber
    episode: int | None  # IndexNumber
    runtime_seconds: float | None  # RunTimeTicks / 10_000_000
    position_seconds: float  # UserData.PlaybackPositionTicks / 10_000_000 (0 when none)
    played_percentage: float | None  # UserData.PlayedPercentage
    played: bool  # UserData.Played
    last_played: datetime | None  # UserData.LastPlayedDate
    date_created: datetime | None  # DateCreated (only sent when Fields asks for it)
    provider_ids: Mapping[str, str] = field(hash=False)  # "Tmdb", "Imdb", "Tvdb"
    # ImageTags (+ "Backdrop" from BackdropImageTags[0]); kept out of the hash like provider_ids.
    image_tags: Mapping[str, str] = field(hash=False)
    series_primary_image_tag: str | None
    path: str | None
    container: str | None  # Container ("mkv", "mp4", ...; ffprobe may list several: "mov,mp4,...")
    child_count: int | None  # ChildCount (a grouped Series in Latest)

    @property
    def progress(self) -> float | None:
        """How far the user got, 0-100: PlayedPercentage, else position / runtime.

        None when neither is known (no percentage and no runtime).
        """
        if self.played_percentage is not None:
            value = self.played_percentage
        elif self.runtime_seconds:
            value = self.position_seconds / self.runtime_seconds * 100
        else:
            return None
        return min(100.0, max(0.0, value))

    def tmdb_id(self) -> int | None:
        """The TMDB id as a number (None when there is none or it is not numeric)."""
        for name, value in self.provider_ids.items():
            if name.casefold() == "tmdb":
                text = value.strip()
                return int(text) if text.isascii() and text.isdigit() else None
        return None

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> UserItem | None:
        """Build from one `BaseItemDto`; None without an Id."""
        item_id = _opt_str(data.get("Id"))
        if item_id is None:
            return None
        raw_user_data = data.get("UserData")
        user_data: Mapping[str, Any] = raw_user_data if isinstance(raw_user_data, Mapping) else {}
        runtime = _seconds(data.get("RunTimeTicks"))
        position = _seconds(user_data.get("PlaybackPositionTicks"))
        tags = data.get("ImageTags")
        images = {
            str(kind): tag
            for kind, tag in (tags.items() if isinstance(tags, Mapping) else ())
            if isinstance(tag, str) and tag
        }
        backdrops = data.get("BackdropImageTags")
        if isinstance(backdrops, list) and backdrops and _opt_str(backdrops[0]):
            images["Backdrop"] = backdrops[0]
        return cls(
            id=item_id,
            name=_str(data.get("Name")),
            type=_str(data.get("Type")),
            year=_opt_int(data.get("ProductionYear")),
            overview=_opt_str(data.get("Overview")),
            series_id=_opt_str(data.get("SeriesId")),
            series_name=_opt_str(data.get("SeriesName")),
            season=_opt_int(data.get("ParentIndexNumber")),
            episode=_opt_int(data.get("IndexNumber")),
            runtime_seconds=runtime if runtime is not None and runtime > 0 else None,
            position_seconds=max(0.0, position or 0.0),
            played_percentage=_opt_float(user_data.get("PlayedPercentage")),
            played=_bool(user_data.get("Played")),
            last_played=parse_datetime(user_data.get("LastPlayedDate")),
            date_created=parse_datetime(data.get("DateCreated")),
            provider_ids=_provider_ids(data.get("ProviderIds")),
            image_tags=images,
            series_primary_image_tag=_opt_str(data.get("SeriesPrimaryImageTag")),
            path=_opt_str(data.get("Path")),
            container=_opt_str(data.get("Container")),
            child_count=_opt_int(data.get("ChildCount")),
        )

    @classmethod
    def from_dict(cls, data: Any) -> UserItem:
        """Build from an `/Items/{id}` answer; an item without an Id is refused."""
        item = cls.parse(_object(data, "item"))
        if item is None:
            raise ParseError("Jellyfin item has no Id")
        return item


def parse_user_items(data: Any) -> list[UserItem]:
    """The items of a `QueryResult` (Resume, NextUp) or of a bare list (`/Items/Latest`)."""
    entries = data.get("Items") if isinstance(data, Mapping) else data
    return _parsed(entries, UserItem.parse, "items")


# Jellyfin's LAN when none is configured (NetworkManager, NetworkConstants): RFC 1918, IPv4
# link-local, IPv6 unique-local and link-local; loopback is always local.
_LAN = tuple(
    ipaddress.ip_network(net)
    for net in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "169.254.0.0/16",
        "fc00::/7",
        "fe80::/10",
    )
)


def is_remote_address(address: str | None) -> bool:
    """Whether a session's `RemoteEndPoint` is outside the local network, as Jellyfin sees it.

    Jellyfin's default LAN (no `LocalNetworkSubnets` set): `_LAN` and loopback. An address it cannot
    read (none, a host name) is taken as local: "remote" is only said when it is sure.
    """
    if not address:
        return False
    text = address.strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.partition(":")[0]
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (ip.is_loopback or any(ip in net for net in _LAN if net.version == ip.version))


@dataclass(frozen=True, slots=True)
class PlaybackSession:
    """A session that is playing something (`SessionInfoDto` with a `NowPlayingItem`).

    Only what "who is watching" shows: no position (it changes every few seconds and would
    make every poll news) and no address (only whether it is remote).
    """

    id: str
    user_id: str | None
    user_name: str  # "" for a session without a user
    client: str  # the app: "Jellyfin Web", "Jellyfin Android TV", ...
    device: str  # DeviceName: "Living room TV", "Firefox", ...
    device_id: str | None
    item_id: str
    item_type: str  # Movie, Episode, Audio, ...
    item_name: str
    series_name: str | None
    season: int | None
    episode: int | None
    year: int | None
    paused: bool
    play_method: PlayMethod | None  # None when the client did not say
    remote: bool

    @property
    def title(self) -> str:
        """What is playing, as people say it: "Dragnet S01E03", "Nosferatu (1922)"."""
        if self.series_name:
            if self.season is not None and self.episode is not None:
                return f"{self.series_name} S{self.season:02d}E{self.episode:02d}"
            return f"{self.series_name}: {self.item_name}"
        return f"{self.item_name} ({self.year})" if self.year else self.item_name

    @property
    def transcoding(self) -> bool:
        """Jellyfin converts the stream for this client (`PlayMethod` Transcode)."""
        return self.play_method == "Transcode"

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> PlaybackSession | None:
        """Build from one `SessionInfoDto`; None unless it plays an item (an idle session)."""
        session_id = _opt_str(data.get("Id"))
        item = data.get("NowPlayingItem")
        if session_id is None or not isinstance(item, Mapping):
            return None
        item_id = _opt_str(item.get("Id"))
        if item_id is None:
            return None
        raw_state = data.get("PlayState")
        state: Mapping[str, Any] = raw_state if isinstance(raw_state, Mapping) else {}
        method = _pick(state.get("PlayMethod"), PLAY_METHODS)
        if method is None and isinstance(data.get("TranscodingInfo"), Mapping):
            method = "Transcode"  # an older client that reports no method
        return cls(
            id=session_id,
            user_id=_opt_str(data.get("UserId")),
            user_name=_str(data.get("UserName")),
            client=_str(data.get("Client")),
            device=_str(data.get("DeviceName")),
            device_id=_opt_str(data.get("DeviceId")),
            item_id=item_id,
            item_type=_str(item.get("Type")),
            item_name=_str(item.get("Name")),
            series_name=_opt_str(item.get("SeriesName")),
            season=_opt_int(item.get("ParentIndexNumber")),
            episode=_opt_int(item.get("IndexNumber")),
            year=_opt_int(item.get("ProductionYear")),
            paused=_bool(state.get("IsPaused")),
            play_method=method,
            remote=is_remote_address(_opt_str(data.get("RemoteEndPoint"))),
        )


def parse_sessions(data: Any) -> list[PlaybackSession]:
    """The playing sessions of a `/Sessions` answer (idle sessions are left out)."""
    return _parsed(data, PlaybackSession.parse, "sessions")
