"""Async TMDB v3 client (discovery lists, search, details) on an injected aiohttp session.

Facts (../shared/notes/service-apis.md, section 9):
- auth is a v3 API key (`?api_key=`, 32 hex characters) or a v4 read access token (a JWT,
  `Authorization: Bearer`); the client tells them apart by the JWT's `eyJ` prefix;
- errors are `{"success": false, "status_code": N, "status_message": ...}`: 7 bad key (401),
  34 not found (404), 25 rate limited (429);
- there is no fixed rate limit any more (a soft ~50/s), but 429s must be honoured: the client
  keeps below 40/s with a token bucket, and on a 429 pauses it for `Retry-After` and retries once.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import aiohttp

from .errors import InvalidAuth, RateLimited
from .http import HttpResponse, fetch, retry_after, status_error
from .ratelimit import RateLimiter
from .tmdb_models import (
    DEFAULT_IMAGE_BASE_URL,
    MEDIA_TYPES,
    ImageConfiguration,
    MediaDetails,
    MediaPage,
    MediaType,
    join_image_url,
)

DEFAULT_BASE_URL = "https://api.themoviedb.org/3"
# A 429 asking for a longer pause than this is not waited out: the caller gets RateLimited.
MAX_RETRY_WAIT = 10.0
DEFAULT_RETRY_WAIT = 1.0
DETAILS_APPEND = "credits,external_ids,watch/providers"

TrendingType = Literal["all", "movie", "tv"]
TimeWindow = Literal["day", "week"]
SearchType = Literal["movie", "tv", "all"]


def is_read_access_token(key: str) -> bool:
    """True for a v4 read access token (a JWT), False for a v3 API key."""
    return key.startswith("eyJ")


def _check(value: str, allowed: Collection[str], what: str) -> None:
    # Values end up in the URL path: refuse anything but the documented ones.
    if value not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}, not {value!r}")


@dataclass
class TmdbClient:
    """Talks to TMDB's v3 API with either kind of credential."""

    session: aiohttp.ClientSession
    api_key: str = field(repr=False)
    language: str = "en-US"
    region: str | None = None
    base_url: str = DEFAULT_BASE_URL
    # None: the `secure_base_url` learnt from `configuration()` (TMDB's CDN until then).
    image_base_url: str | None = None
    verify_ssl: bool = True
    request_timeout: float = 15.0
    max_retry_wait: float = MAX_RETRY_WAIT
    limiter: RateLimiter = field(default_factory=lambda: RateLimiter(rate=40, burst=40), repr=False)
    images: ImageConfiguration | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.api_key = self.api_key.strip()

    @property
    def uses_bearer(self) -> bool:
        """Whether the credential is sent as `Authorization: Bearer` (v4 token)."""
        return is_read_access_token(self.api_key)

    # --- transport --------------------------------------------------------------------------

    async def _fetch(
        self, url: str, params: Mapping[str, str], headers: Mapping[str, str]
    ) -> HttpResponse:
        # Transport messages may quote the URL; the key must never reach logs or the UI.
        return await fetch(
            self.session,
            "GET",
            url,
            params=params,
            headers=headers,
            request_timeout=self.request_timeout,
            verify_ssl=self.verify_ssl,
            secrets=(self.api_key,),
        )

    async def _get(self, path: str, params: Mapping[str, str | int | None] | None = None) -> Any:
        """GET a path below the base URL and return the decoded JSON."""
        query = {"language": self.language}
        query |= {key: str(value) for key, value in (params or {}).items() if value is not None}
        headers = {"Accept": "application/json"}
        if self.uses_bearer:
            headers["Authorization"] = f"Bearer {self.api_key}"
        else:
            query["api_key"] = self.api_key
        url = f"{self.base_url.rstrip('/')}/{path.lstrip('/')}"
        for attempt in (1, 2):
            await self.limiter.acquire()
            resp = await self._fetch(url, query, headers)
            if resp.status != 429:
                return self._decode(resp, path)
            wait = retry_after(resp.headers) or DEFAULT_RETRY_WAIT
            # Everyone sharing this client holds back, but never longer than we would wait.
            self.limiter.pause(min(wait, self.max_retry_wait))
            if attempt == 2 or wait > self.max_retry_wait:
                raise RateLimited(f"TMDB is rate limiting requests ({path})", retry_after=wait)
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _decode(resp: HttpResponse, path: str) -> Any:
        if resp.status == 200:
            return resp.json("TMDB", path)
        message = resp.reason()
        body = resp.details()
        if isinstance(body, dict) and isinstance(body.get("status_message"), str):
            message = f"{body['status_message']} (code {body.get('status_code')})"
        if resp.status == 401:
            raise InvalidAuth(f"TMDB refused the API key or token: {message}")
        raise status_error(resp, "TMDB", path, message, server_error=False)

    async def _page(
        self,
        path: str,
        page: int,
        media_type: MediaType | None,
        params: Mapping[str, str | int | None] | None = None,
    ) -> MediaPage:
        if page < 1:
            raise ValueError("TMDB pages start at 1")
        data = await self._get(path, {"page": page, **(params or {})})
        return MediaPage.from_dict(data, media_type)

    # --- images -----------------------------------------------------------------------------

    async def configuration(self) -> ImageConfiguration:
        """Image base URL and sizes; cheap, so it doubles as the connection test."""
        self.images = ImageConfiguration.from_dict(await self._get("configuration"))
        return self.images

    @property
    def image_base(self) -> str:
        """Where images live (before the size): configured, else from /configuration."""
        return (
            self.image_base_url
            or (self.images.secure_base_url if self.images else DEFAULT_IMAGE_BASE_URL)
        ).rstrip("/")

    def image_url(self, path: str | None, size: str = "original") -> str | None:
        """The full URL of a poster/backdrop/profile path (None without a path)."""
        return join_image_url(self.image_base, path, size)

    # --- lists ------------------------------------------------------------------------------

    async def trending(
        self, media_type: TrendingType = "all", window: TimeWindow = "week", page: int = 1
    ) -> MediaPage:
        """What is trending today or this week (persons in "all" are dropped)."""
        _check(media_type, ("all", *MEDIA_TYPES), "media_type")
        _check(window, ("day", "week"), "window")
        kind = None if media_type == "all" else media_type
        return await self._page(f"trending/{media_type}/{window}", page, kind)

    async def popular(self, media_type: MediaType = "movie", page: int = 1) -> MediaPage:
        """Popular movies or series."""
        _check(media_type, MEDIA_TYPES, "media_type")
        region = {"region": self.region} if media_type == "movie" else None
        return await self._page(f"{media_type}/popular", page, media_type, region)

    async def top_rated_movies(self, page: int = 1) -> MediaPage:
        """Best rated movies."""
        return await self._page("movie/top_rated", page, "movie", {"region": self.region})

    async def upcoming_movies(self, page: int = 1) -> MediaPage:
        """Movies soon in cinemas (in `region` when set)."""
        return await self._page("movie/upcoming", page, "movie", {"region": self.region})

    async def now_playing_movies(self, page: int = 1) -> MediaPage:
        """Movies in cinemas now (in `region` when set)."""
        return await self._page("movie/now_playing", page, "movie", {"region": self.region})

    async def on_the_air_tv(self, page: int = 1) -> MediaPage:
        """Series with an episode airing in the next seven days."""
        return await self._page("tv/on_the_air", page, "tv")

    async def search(
        self,
        query: str,
        media_type: SearchType = "all",
        year: int | None = None,
        page: int = 1,
    ) -> MediaPage:
        """Search titles; "all" uses `/search/multi` and drops persons.

        `/search/multi` has no year filter, so there the year filters this page's results
        (the totals stay TMDB's).
        """
        _check(media_type, ("all", *MEDIA_TYPES), "media_type")
        params: dict[str, str | int | None] = {"query": query, "include_adult": "false"}
        if media_type == "movie":
            params |= {"year": year, "region": self.region}
        elif media_type == "tv":
            params["first_air_date_year"] = year
        path = "search/multi" if media_type == "all" else f"search/{media_type}"
        result = await self._page(path, page, None if media_type == "all" else media_type, params)
        if media_type == "all" and year is not None:
            kept = tuple(item for item in result.results if item.year == year)
            result = replace(result, results=kept)
        return result

    # --- one title --------------------------------------------------------------------------

    async def details(self, tmdb_id: int, media_type: MediaType) -> MediaDetails:
        """A title with cast, external ids, watch providers (and seasons for series)."""
        _check(media_type, MEDIA_TYPES, "media_type")
        data = await self._get(
            f"{media_type}/{int(tmdb_id)}", {"append_to_response": DETAILS_APPEND}
        )
        return MediaDetails.from_dict(data, media_type)
