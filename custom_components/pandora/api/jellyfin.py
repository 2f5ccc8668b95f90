"""Async Jellyfin 10.11 client (server info, libraries, scans, counts, provider-id lookup).

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
  and match `ProviderIds` here.
The key only travels in a header, but error texts are still scrubbed of it (a proxy may echo it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import json
import re
from typing import Any

from .errors import InvalidAuth, NotFound, PandoraError, ParseError, RateLimited, ServiceError
from .http import HttpResponse, KeyedClient, fetch, retry_after
from .jellyfin_models import (
    ITEM_TYPES,
    PROVIDERS,
    ItemCounts,
    ItemPage,
    ItemType,
    Library,
    MediaItemRef,
    ProviderName,
    ScanTask,
    SystemInfo,
    find_scan_task,
    parse_libraries,
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
    ) -> HttpResponse:
        """Send one request below the server URL; anything but a 2xx raises a mapped error."""
        url = f"{self.url.rstrip('/')}/{path.lstrip('/')}"
        headers = {"Accept": "application/json"}
        if auth:
            headers["Authorization"] = self.authorization
        resp = await fetch(
            self.session,
            method,
            url,
            params=params,
            headers=headers,
            request_timeout=self.request_timeout,
            verify_ssl=self.verify_ssl,
            secrets=(self.api_key,),
        )
        if 200 <= resp.status < 300:
            return resp
        raise self._error(resp, path)

    async def _get(
        self, path: str, params: Mapping[str, str] | None = None, *, auth: bool = True
    ) -> Any:
        """GET a path and decode the JSON."""
        resp = await self._request("GET", path, params, auth=auth)
        try:
            return json.loads(resp.body)
        except ValueError as err:
            raise ParseError(f"Jellyfin sent invalid JSON for {path}") from err

    def _error(self, resp: HttpResponse, path: str) -> PandoraError:
        message = resp.text().strip()[:200]
        try:
            body = json.loads(resp.body)
        except ValueError:
            body = None
        if isinstance(body, dict):  # ASP.NET ProblemDetails
            parts = (body.get("title"), body.get("detail"))
            message = ": ".join(p for p in parts if isinstance(p, str) and p)[:200] or message
        message = self._scrub(message)
        suffix = f": {message}" if message else ""
        status = resp.status
        if status == 401:
            return InvalidAuth(f"Jellyfin refused the API key (HTTP 401){suffix}")
        if status == 403:
            return InvalidAuth(
                f"Jellyfin refused {path}: the API key lacks administrator rights (HTTP 403)"
            )
        if status == 404:
            return NotFound(f"Jellyfin does not know {path}{suffix}")
        if status == 429:
            return RateLimited(
                f"Jellyfin (or its proxy) is rate limiting requests{suffix}",
                retry_after=retry_after(resp.headers),
            )
        if 300 <= status < 400:
            return ServiceError(f"Jellyfin redirected {path} (HTTP {status}); check the URL")
        return ServiceError(f"Jellyfin answered {status} to {path}{suffix}")

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

    async def items(self, item_type: ItemType = "Movie") -> list[MediaItemRef]:
        """Every movie or series with its provider ids, read a page at a time."""
        kind = _choice(item_type, ITEM_TYPES, "item_type")
        found: dict[str, MediaItemRef] = {}
        start = 0
        while start < MAX_ITEMS:
            page = ItemPage.from_dict(
                await self._get(
                    "Items",
                    {
                        "Recursive": "true",
                        "IncludeItemTypes": kind,
                        "Fields": "ProviderIds,Path",
                        "SortBy": "SortName",
                        "EnableImages": "false",
                        "EnableUserData": "false",
                        "StartIndex": str(start),
                        "Limit": str(PAGE_SIZE),
                    },
                )
            )
            # Keyed by id: items moving between pages while we read must not come twice.
            found.update((item.id, item) for item in page.items)
            start += page.raw_count
            # Without a total (a proxy or an old server dropped it) a short page is the last.
            done = start >= page.total if page.total else page.raw_count < PAGE_SIZE
            if page.raw_count == 0 or done:
                break
        return list(found.values())

    async def find_by_provider_id(
        self, provider: ProviderName, value: str | int, item_type: ItemType = "Movie"
    ) -> list[MediaItemRef]:
        """The movies or series whose `provider` id (Tmdb, Imdb, Tvdb) is `value`.

        Usually one; more when the same title sits in two libraries or folders.
        """
        name = _choice(provider, PROVIDERS, "provider")
        if not str(value).strip():
            raise ValueError("a provider id is required")
        return [item for item in await self.items(item_type) if item.matches(name, value)]
