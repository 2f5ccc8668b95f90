"""Async Jellyfin 10.11 client: server, libraries, scans, lookups, and what users watch.

Facts (../shared/notes/service-apis.md, section 5, read from jellyfin/jellyfin v10.11):
- auth is `Authorization: MediaBrowser Token="<key>"`, the one scheme 10.11 and 12.0 both
  accept (X-Emby-Token and `?api_key=` are legacy, off by default from 12.0); a key that is not
  an administrator's gets 403 from the elevated endpoints (libraries, tasks, refreshes);
- `POST /Library/Refresh` answers 204 at once and (re)starts the "Scan Media Library" task,
  whose progress `/ScheduledTasks` reports; `POST /Items/{id}/Refresh` queues one library and
  its progress shows in `/Library/VirtualFolders` (`RefreshStatus`, `RefreshProgress`);
  it takes no `Recursive` parameter (the web UI sends one, the server ignores it);
- `/Items` has no provider-id filter (Emby's `AnyProviderIdEquals` is silently ignored, so every
  item comes back) and `HasTmdbId`/`HasImdbId` compared provider names in the wrong case in the
  first 10.11 releases (fixed by jellyfin#15126), so lookups page through the items of one type
  and match `ProviderIds` here;
- per-user reads (read in jellyfin/jellyfin 10.11, ItemsController, UserLibraryController,
  TvShowsController, UserController): an API key has no user of its own, so every call names
  one with `userId` (an unknown user is 404); `/UserItems/Resume` lists what has a playback
  position (`PlaybackPositionTicks > 0`), last played first; `/Items/Latest` (a bare list,
  newest `DateCreated` first) folds several new episodes of a series into the Series with a
  `ChildCount`; `/Shows/NextUp?seriesId=` gives the first unplayed episode after the last
  played one (the first episode when none is), and ignores an unknown or non-series id, so
  its answer is checked against the series asked for; `DateCreated` and `Overview` only come
  when `Fields` asks for them;
- watching state is written with `POST /UserItems/{id}/UserData` (UpdateUserItemDataDto: only
  the fields sent change; the server does not stamp `LastPlayedDate` itself, so it is sent);
- images and static video streams are anonymous in 10.11 (no `[Authorize]` on
  ImageController's GETs nor on VideosController's stream); they are still asked for with the
  key, so a server or proxy that wants one gets it.
The key only ever travels in a header (players get Home Assistant's signed stream URL, never
Jellyfin's), and error texts are scrubbed of it (a proxy may echo it).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
import math
import re
from typing import Any
from urllib.parse import quote

import aiohttp

from .errors import (
    InvalidAuth,
    NotFound,
    PandoraError,
    ParseError,
)
from .http import (
    DEFAULT_MAX_BYTES,
    HttpResponse,
    KeyedClient,
    fetch,
    open_stream,
    status_error,
)
from .jellyfin_models import (
    IMAGE_TYPES,
    ITEM_TYPES,
    PROVIDERS,
    TICKS_PER_SECOND,
    ItemCounts,
    ItemPage,
    ItemType,
    JellyfinUser,
    Library,
    MediaItemRef,
    PlaybackSession,
    ProviderName,
    RawItemPage,
    ScanTask,
    SystemInfo,
    UserItem,
    find_scan_task,
    parse_libraries,
    parse_sessions,
    parse_user_items,
    parse_users,
)

CLIENT_NAME = "Pandora"
DEVICE_NAME = "Home Assistant"
DEVICE_ID = "pandora-home-assistant"
CLIENT_VERSION = "1.0.0"
PAGE_SIZE = 500
# A lookup reads at most this many items of one type: a bound, not a real library size.
MAX_ITEMS = 200_000
# What the web UI's "Scan library files" sends for one library (minus the ignored Recursive).
LIBRARY_REFRESH_PARAMS: Mapping[str, str] = {
    "metadataRefreshMode": "Default",
    "imageRefreshMode": "Default",
    "replaceAllMetadata": "false",
    "replaceAllImages": "false",
}
_GUID = re.compile(r"[0-9a-fA-F]{32}|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
_CONTAINER = re.compile(r"[a-z0-9]{1,16}")
# The user-facing item reads ask for these extra fields (DateCreated and Overview are not sent
# unless asked for; GET /Items/{id} sends every field anyway).
USER_ITEM_FIELDS = "Overview,ProviderIds,Path,DateCreated"
USER_IMAGE_TYPES = "Primary,Backdrop,Thumb"
# An image larger than this is refused (Jellyfin resizes to maxWidth; an original can be huge).
IMAGE_MAX_BYTES = 10 * 1024 * 1024


def _item_id(value: str, what: str = "item") -> str:
    """A user or item id as sent in a path; anything else cannot exist there (NotFound)."""
    text = value.strip() if isinstance(value, str) else ""
    if not _GUID.fullmatch(text):
        raise NotFound(f"Jellyfin has no {what} {value!r} (not an id)")
    return text


def _same_id(first: str | None, second: str) -> bool:
    """Whether two ids name the same item ("N" or "D" format, any case)."""
    return first is not None and first.replace("-", "").lower() == second.replace("-", "").lower()


def _extension(container: str | None) -> str | None:
    """A stream URL extension from `Container` ("mkv"; ffprobe's "mov,mp4,m4a,..." -> "mp4")."""
    parts = [p.strip().lower() for p in (container or "").split(",")]
    usable = [p for p in parts if _CONTAINER.fullmatch(p)]
    if not usable:
        return None
    return "mp4" if "mp4" in usable else usable[0]


def _iso_utc(moment: datetime) -> str:
    """A datetime as ASP.NET binds a `DateTime` query value: ISO 8601 in UTC."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _server_time(resp: HttpResponse) -> datetime | None:
    """The server's clock from the HTTP `Date` header (None when missing or unreadable)."""
    try:
        moment = parsedate_to_datetime(resp.headers.get("Date", ""))
    except TypeError, ValueError, IndexError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _choice[T: str](value: str, allowed: tuple[T, ...], what: str) -> T:
    """The allowed spelling of `value` (any case), or ValueError."""
    for candidate in allowed:
        if candidate.casefold() == value.casefold():
            return candidate
    raise ValueError(f"{what} must be one of {', '.join(allowed)}, not {value!r}")


@dataclass
class JellyfinClient(KeyedClient):
    """Talks to one Jellyfin server with an API key."""

    @property
    def authorization(self) -> str:
        """The `Authorization` header value: the MediaBrowser scheme with our device and key."""
        return (
            f'MediaBrowser Client="{CLIENT_NAME}", Device="{DEVICE_NAME}", '
            f'DeviceId="{DEVICE_ID}", Version="{CLIENT_VERSION}", Token="{self.api_key}"'
        )

    # --- transport --------------------------------------------------------------------------

    async def _request(
        self,
        method: str,
        path: str,
        params: Mapping[str, str] | None = None,
        *,
        auth: bool = True,
        json_body: Any = None,
        accept: str = "application/json",
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> HttpResponse:
        """Send one request below the server URL; anything but a 2xx raises a mapped error."""
        url = f"{self.url.rstrip('/')}/{path.lstrip('/')}"
        headers = {"Accept": accept}
        if auth:
            headers["Authorization"] = self.authorization
        resp = await fetch(
            self.session,
            method,
            url,
            params=params,
            headers=headers,
            json_body=json_body,
            request_timeout=self.request_timeout,
            verify_ssl=self.verify_ssl,
            max_bytes=max_bytes,
            secrets=(self.api_key,),
        )
        if 200 <= resp.status < 300:
            return resp
        raise self._error(resp, path)

    async def _get(
        self, path: str, params: Mapping[str, str] | None = None, *, auth: bool = True
    ) -> Any:
        """GET a path and decode the JSON."""
        return (await self._request("GET", path, params, auth=auth)).json("Jellyfin", path)

    def _error(self, resp: HttpResponse, path: str) -> PandoraError:
        message = resp.reason()
        body = resp.details()
        if isinstance(body, dict):  # ASP.NET ProblemDetails
            parts = (body.get("title"), body.get("detail"))
            message = ": ".join(p for p in parts if isinstance(p, str) and p)[:200] or message
        message = self._scrub(message)
        if resp.status == 401:
            suffix = f": {message}" if message else ""
            return InvalidAuth(f"Jellyfin refused the API key (HTTP 401){suffix}")
        if resp.status == 403:
            return InvalidAuth(
                f"Jellyfin refused {path}: the API key lacks administrator rights (HTTP 403)"
            )
        return status_error(resp, "Jellyfin", path, message)

    # --- server -----------------------------------------------------------------------------

    async def system_info(self) -> SystemInfo:
        """Who the server is; needs a valid key, so it doubles as the connection test."""
        return SystemInfo.from_dict(await self._get("System/Info"))

    async def public_info(self) -> SystemInfo:
        """The public subset of `system_info()`, without a key (is this URL a Jellyfin?)."""
        return SystemInfo.from_dict(await self._get("System/Info/Public", auth=False))

    # --- libraries and scans ----------------------------------------------------------------

    async def libraries(self) -> list[Library]:
        """Every library with its folders and refresh state (needs an administrator's key)."""
        return parse_libraries(await self._get("Library/VirtualFolders"))

    async def refresh_all(self) -> None:
        """Scan every library: (re)starts "Scan Media Library"; watch it with `scan_task()`.

        Jellyfin cancels a scan already running and starts over, so a second call while one
        runs costs the work done so far.
        """
        await self._request("POST", "Library/Refresh")

    async def refresh_library(self, item_id: str) -> None:
        """Scan one library (its `Library.item_id`); watch it with `libraries()`."""
        if not _GUID.fullmatch(item_id.strip()):
            raise ValueError(f"not a Jellyfin item id: {item_id!r}")
        await self._request("POST", f"Items/{item_id.strip()}/Refresh", LIBRARY_REFRESH_PARAMS)

    async def scan_task(self) -> ScanTask:
        """The "Scan Media Library" task: state, progress and how its last run ended."""
        task = find_scan_task(await self._get("ScheduledTasks"))
        if task is None:
            raise NotFound("Jellyfin lists no Scan Media Library task")
        return task

    # --- items ------------------------------------------------------------------------------

    async def counts(self) -> ItemCounts:
        """How many movies, series, episodes, songs, albums, ... the libraries hold."""
        return ItemCounts.from_dict(await self._get("Items/Counts"))

    async def raw_item_pages(
        self,
        item_type: ItemType = "Movie",
        *,
        saved_since: datetime | None = None,
        fields: str = "ProviderIds,Path",
    ) -> AsyncIterator[RawItemPage]:
        """Every movie or series with `fields`, a page at a time, unparsed.

        The caller's work between pages lets the event loop run. `saved_since` (the server's
        clock) asks only for items saved since then: new ones and ones whose metadata changed
        (`MinDateLastSaved`; deleted items are simply not there).
        """
        kind = _choice(item_type, ITEM_TYPES, "item_type")
        params = {
            "Recursive": "true",
            "IncludeItemTypes": kind,
            "Fields": fields,
            "SortBy": "SortName",
            "EnableImages": "false",
            "EnableUserData": "false",
            "Limit": str(PAGE_SIZE),
        }
        if saved_since is not None:
            params["MinDateLastSaved"] = _iso_utc(saved_since)
        start = 0
        while start < MAX_ITEMS:
            resp = await self._request("GET", "Items", params | {"StartIndex": str(start)})
            page = RawItemPage.from_dict(resp.json("Jellyfin", "Items"), _server_time(resp))
            yield page
            count = len(page.entries)
            start += count
            # Without a total (a proxy or an old server dropped it) a short page is the last.
            done = start >= page.total if page.total else count < PAGE_SIZE
            if count == 0 or done:
                break

    async def items(
        self, item_type: ItemType = "Movie", *, saved_since: datetime | None = None
    ) -> list[MediaItemRef]:
        """Every movie or series (saved since `saved_since`) with its provider ids, by pages."""
        found: dict[str, MediaItemRef] = {}
        async for raw in self.raw_item_pages(item_type, saved_since=saved_since):
            # Keyed by id: items moving between pages while we read must not come twice.
            found.update((item.id, item) for item in ItemPage.from_raw(raw).items)
        return list(found.values())

    async def item_count(self, item_type: ItemType = "Movie") -> int:
        """How many movies or series `items()` would list (0 when the server gives no total)."""
        kind = _choice(item_type, ITEM_TYPES, "item_type")
        # Limit=1, not 0: 10.11 takes a Limit of 0 as no limit at all and sends every item.
        params = {
            "Recursive": "true",
            "IncludeItemTypes": kind,
            "EnableImages": "false",
            "EnableUserData": "false",
            "Limit": "1",
        }
        return ItemPage.from_dict(await self._get("Items", params)).total

    async def find_by_provider_id(
        self,
        provider: ProviderName,
        value: str | int,
        item_type: ItemType = "Movie",
        *,
        saved_since: datetime | None = None,
    ) -> list[MediaItemRef]:
        """The movies or series whose `provider` id (Tmdb, Imdb, Tvdb) is `value`.

        Usually one; more when the same title sits in two libraries or folders. Jellyfin cannot
        filter by a provider id, so the items are read: `saved_since` (the server's clock) reads
        only those saved since then (a title just filed), not the whole library.
        """
        name = _choice(provider, PROVIDERS, "provider")
        if not str(value).strip():
            raise ValueError("a provider id is required")
        items = await self.items(item_type, saved_since=saved_since)
        return [item for item in items if item.matches(name, value)]

    # --- users and what they watch ----------------------------------------------------------

    async def sessions(self) -> list[PlaybackSession]:
        """Who is playing what now: the sessions with a `NowPlayingItem`.

        `activeWithinSeconds` as Jellyfin's own dashboard asks (960): a client that stopped
        reporting longer ago is gone. With an API key Jellyfin lists every user's sessions.
        """
        return parse_sessions(await self._get("Sessions", {"activeWithinSeconds": "960"}))

    async def users(self) -> list[JellyfinUser]:
        """Every user, by name, with whether they administer the server or are disabled."""
        return parse_users(await self._get("Users"))

    def _user_params(self, user_id: str, **extra: str) -> dict[str, str]:
        return {
            "userId": _item_id(user_id, "user"),
            "Fields": USER_ITEM_FIELDS,
            "EnableUserData": "true",
            "EnableImageTypes": USER_IMAGE_TYPES,
        } | extra

    async def resume_items(self, user_id: str, limit: int = 12) -> list[UserItem]:
        """What the user started and did not finish ("Continue watching"), last played first."""
        params = self._user_params(
            user_id, Limit=str(max(1, limit)), MediaTypes="Video", EnableTotalRecordCount="false"
        )
        return parse_user_items(await self._get("UserItems/Resume", params))

    async def latest_items(self, user_id: str, limit: int = 16) -> list[UserItem]:
        """What was added last, newest first.

        Several new episodes of one series come back as the Series (`child_count`: how many).
        """
        params = self._user_params(user_id, Limit=str(max(1, limit)))
        return parse_user_items(await self._get("Items/Latest", params))

    async def user_item(self, user_id: str, item_id: str) -> UserItem:
        """One item with every field and the user's progress; NotFound for an unknown one."""
        user = _item_id(user_id, "user")
        path = f"Items/{_item_id(item_id)}"
        return UserItem.from_dict(await self._get(path, {"userId": user}))

    async def next_up(self, user_id: str, series_id: str) -> UserItem | None:
        """The episode of a series to play next.

        The first unplayed one after the last played (it may be half watched), the first
        episode when none was; None when the series is finished or `series_id` is no series.
        """
        series = _item_id(series_id, "series")
        params = self._user_params(user_id, seriesId=series, Limit="1")
        found = parse_user_items(await self._get("Shows/NextUp", params))
        # Jellyfin answers an unknown or non-series id with every series' next episode.
        return next((item for item in found if _same_id(item.series_id, series)), None)

    async def set_user_data(
        self,
        user_id: str,
        item_id: str,
        *,
        position_seconds: float | None = None,
        played: bool | None = None,
    ) -> None:
        """Save where the user is in an item and/or whether they watched it.

        `played=True` alone also clears the position (as Jellyfin's "mark played" does), so
        the item leaves "Continue watching". A position or `played=True` stamps
        `LastPlayedDate`, which orders that row; Jellyfin does not stamp it for this call.
        """
        body: dict[str, Any] = {}
        if position_seconds is not None:
            if (
                isinstance(position_seconds, bool)
                or not math.isfinite(position_seconds)
                or position_seconds < 0
            ):
                raise ValueError(f"position_seconds must be a time >= 0, not {position_seconds!r}")
            body["PlaybackPositionTicks"] = round(position_seconds * TICKS_PER_SECOND)
        if played is not None:
            body["Played"] = bool(played)
            if played and position_seconds is None:
                body["PlaybackPositionTicks"] = 0
        if not body:
            raise ValueError("nothing to save: give position_seconds and/or played")
        if played or (position_seconds or 0) > 0:
            body["LastPlayedDate"] = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        user = _item_id(user_id, "user")
        path = f"UserItems/{_item_id(item_id)}/UserData"
        await self._request("POST", path, {"userId": user}, json_body=body)

    async def image(
        self, item_id: str, image_type: str = "Primary", max_width: int = 500
    ) -> tuple[bytes, str]:
        """An item's image as (body, content type).

        At most `max_width` wide and IMAGE_MAX_BYTES big; NotFound when the item or that image
        does not exist.
        """
        kind = _choice(image_type, IMAGE_TYPES, "image_type")
        if isinstance(max_width, bool) or max_width < 1:
            raise ValueError(f"max_width must be a positive width, not {max_width!r}")
        path = f"Items/{_item_id(item_id)}/Images/{kind}"
        resp = await self._request(
            "GET",
            path,
            {"maxWidth": str(max_width), "quality": "90"},
            accept="image/*",
            max_bytes=IMAGE_MAX_BYTES,
        )
        content_type = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if not content_type.startswith("image/"):
            shown = content_type or "no content type"
            raise ParseError(f"Jellyfin sent {shown} instead of an image for {path}")
        return resp.body, content_type

    @asynccontextmanager
    async def stream(
        self,
        item_id: str,
        container: str | None = None,
        byte_range: str | None = None,
        method: str = "GET",
    ) -> AsyncIterator[aiohttp.ClientResponse]:
        """The item's file as-is (`static=true`: no transcoding), open for reading.

        `byte_range` (a `Range` header, as players seek) is passed on, `method` may be HEAD; the
        answer is 200, 206 or 416 (a range past the end), anything else raises the mapped error.
        """
        extension = _extension(container)
        path = f"Videos/{_item_id(item_id)}/stream" + (f".{extension}" if extension else "")
        url = f"{self.url.rstrip('/')}/{path}?static=true"
        headers = {"Authorization": self.authorization}
        if byte_range:
            headers["Range"] = byte_range
        async with open_stream(
            self.session,
            url,
            method="HEAD" if method.upper() == "HEAD" else "GET",
            headers=headers,
            verify_ssl=self.verify_ssl,
            connect_timeout=self.request_timeout,
            secrets=(self.api_key,),
        ) as resp:
            if resp.status in (200, 206, 416):
                yield resp
                return
            try:
                body = await resp.content.read(4096)
            except aiohttp.ClientError, TimeoutError, OSError:
                body = b""
            raise self._error(HttpResponse(resp.status, resp.headers, body, url), path)

    def web_url(self, item_id: str, server_id: str, base: str | None = None) -> str:
        """The item's page in the Jellyfin web app (at `base`, else the server URL)."""
        root = (base or self.url).strip().rstrip("/")
        return (
            f"{root}/web/#/details?id={quote(item_id.strip(), safe='')}"
            f"&serverId={quote(server_id.strip(), safe='')}"
        )
