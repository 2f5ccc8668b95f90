"""Discovery: TMDB lists, search and details, with Watchmode availability, cached; its clients.

Shared by the actions (and, later, the panel's websocket commands): every function returns
JSON-ready dicts, which is also what the persistent cache keeps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from homeassistant.const import CONF_API_KEY, CONF_URL

from ..api.http import http_url
from ..api.tmdb import TmdbClient
from ..api.tmdb_models import MediaDetails, MediaItem, MediaPage
from ..api.watchmode import StreamingSource, WatchmodeClient
from ..const import (
    CONF_LANGUAGE,
    CONF_REGION,
    CONF_REGIONS,
    DEFAULT_TMDB_URL,
    DEFAULT_WATCHMODE_URL,
)
from ..hub.cache import ResponseCache
from ..hub.forms import split_list

HOUR: Final = 3600.0
TTL_TRENDING: Final = 1 * HOUR
TTL_LISTS: Final = 6 * HOUR
TTL_SEARCH: Final = 1 * HOUR
TTL_DETAILS: Final = 24 * HOUR
TTL_AVAILABILITY: Final = 24 * HOUR  # Watchmode counts every call against a monthly quota

DISCOVER_LISTS: Final = (
    "trending_day",
    "trending_week",
    "popular_movies",
    "popular_tv",
    "top_rated_movies",
    "upcoming_movies",
    "now_playing_movies",
    "on_the_air_tv",
)
POSTER_SIZE: Final = "w342"
BACKDROP_SIZE: Final = "w1280"
PROFILE_SIZE: Final = "w185"
TOP_CAST: Final = 10


@dataclass
class Discovery:
    """TMDB (required) and Watchmode (optional) behind one cache."""

    tmdb: TmdbClient
    cache: ResponseCache
    watchmode: WatchmodeClient | None = None

    def _key(self, *parts: object) -> str:
        return ":".join(["tmdb", self.tmdb.language, self.tmdb.region or "", *map(str, parts)])

    async def _images(self) -> None:
        # Image URLs need the configured CDN base; ask once per run (it is one cheap call).
        if self.tmdb.images is None:
            await self.tmdb.configuration()

    def item(self, item: MediaItem) -> dict[str, Any]:
        """The response shape of one title in a list."""
        return {
            "tmdb_id": item.tmdb_id,
            "media_type": item.media_type,
            "title": item.title,
            "original_title": item.original_title,
            "year": item.year,
            "overview": item.overview,
            "rating": round(item.rating, 1),
            "vote_count": item.vote_count,
            "poster_url": self.tmdb.image_url(item.poster_path, POSTER_SIZE),
            "backdrop_url": self.tmdb.image_url(item.backdrop_path, BACKDROP_SIZE),
            "genre_ids": list(item.genre_ids),
        }

    def _page(self, page: MediaPage) -> dict[str, Any]:
        return {
            "page": page.page,
            "total_pages": page.total_pages,
            "total_results": page.total_results,
            "results": [self.item(i) for i in page.results],
        }

    async def discover(self, list_name: str, page: int = 1) -> dict[str, Any]:
        """One page of a named list (see `DISCOVER_LISTS`)."""

        async def fetch() -> dict[str, Any]:
            await self._images()
            tmdb = self.tmdb
            match list_name:
                case "trending_day":
                    result = await tmdb.trending("all", "day", page)
                case "trending_week":
                    result = await tmdb.trending("all", "week", page)
                case "popular_movies":
                    result = await tmdb.popular("movie", page)
                case "popular_tv":
                    result = await tmdb.popular("tv", page)
                case "top_rated_movies":
                    result = await tmdb.top_rated_movies(page)
                case "upcoming_movies":
                    result = await tmdb.upcoming_movies(page)
                case "now_playing_movies":
                    result = await tmdb.now_playing_movies(page)
                case "on_the_air_tv":
                    result = await tmdb.on_the_air_tv(page)
                case _:
                    raise ValueError(f"unknown list {list_name!r}")
            return self._page(result) | {"list": list_name}

        ttl = TTL_TRENDING if list_name.startswith("trending") else TTL_LISTS
        return await self.cache.get_or_fetch(self._key("list", list_name, page), ttl, fetch)

    async def search_media(
        self, query: str, media_type: str = "all", year: int | None = None, page: int = 1
    ) -> dict[str, Any]:
        """Titles matching `query` (movie, tv or both)."""

        async def fetch() -> dict[str, Any]:
            await self._images()
            result = await self.tmdb.search(query, media_type, year, page)  # type: ignore[arg-type]
            return self._page(result) | {"query": query}

        key = self._key("search", media_type, year or "", page, query.strip().casefold())
        return await self.cache.get_or_fetch(key, TTL_SEARCH, fetch)

    async def details(self, tmdb_id: int, media_type: str) -> dict[str, Any]:
        """Details without availability (cached for a day)."""

        async def fetch() -> dict[str, Any]:
            await self._images()
            return self._details(await self.tmdb.details(tmdb_id, media_type))  # type: ignore[arg-type]

        return await self.cache.get_or_fetch(
            self._key("details", media_type, tmdb_id), TTL_DETAILS, fetch
        )

    async def availability(self, tmdb_id: int, media_type: str) -> list[dict[str, Any]] | None:
        """Where the title streams per Watchmode, or None when Watchmode is not configured."""
        watchmode = self.watchmode
        if watchmode is None:
            return None

        async def fetch() -> list[dict[str, Any]]:
            sources = await watchmode.availability(tmdb_id, media_type)  # type: ignore[arg-type]
            return [_source(s) for s in sources]

        key = f"watchmode:{','.join(watchmode.regions)}:{media_type}:{tmdb_id}"
        return await self.cache.get_or_fetch(key, TTL_AVAILABILITY, fetch)

    def _details(self, details: MediaDetails) -> dict[str, Any]:
        region = self.tmdb.region or "US"
        providers = details.providers(region)
        return self.item(details) | {
            "runtime": details.runtime,
            "genres": list(details.genres),
            "tagline": details.tagline,
            "status": details.status,
            "imdb_id": details.imdb_id,
            "tvdb_id": details.tvdb_id,
            "cast": [
                {
                    "name": c.name,
                    "character": c.character,
                    "profile_url": self.tmdb.image_url(c.profile_path, PROFILE_SIZE),
                }
                for c in details.cast[:TOP_CAST]
            ],
            "seasons": [
                {
                    "number": s.number,
                    "name": s.name,
                    "episode_count": s.episode_count,
                    "year": s.year,
                }
                for s in details.seasons
            ],
            "number_of_seasons": details.number_of_seasons,
            "watch_providers": None
            if providers is None
            else {
                "region": providers.region,
                "link": http_url(providers.link),
                "flatrate": list(providers.flatrate),
                "free": list(providers.free),
                "rent": list(providers.rent),
                "buy": list(providers.buy),
            },
        }


def _source(source: StreamingSource) -> dict[str, Any]:
    return {
        "name": source.name,
        "type": source.type,
        "region": source.region,
        "format": source.format,
        "price": source.price,
        "web_url": http_url(source.web_url),
    }


# --- the clients, for a subentry's data (the hub builds them; the flows test them) ------------


def tmdb_client(session: Any, data: Mapping[str, Any]) -> TmdbClient:
    """A TMDB client for subentry data."""
    return TmdbClient(
        session=session,
        api_key=data[CONF_API_KEY],
        language=data.get(CONF_LANGUAGE) or "en-US",
        region=data.get(CONF_REGION) or None,
        base_url=data.get(CONF_URL) or DEFAULT_TMDB_URL,
    )


def watchmode_client(session: Any, data: Mapping[str, Any]) -> WatchmodeClient:
    """A Watchmode client for subentry data."""
    return WatchmodeClient(
        session=session,
        api_key=data[CONF_API_KEY],
        base_url=data.get(CONF_URL) or DEFAULT_WATCHMODE_URL,
        regions=tuple(split_list(data.get(CONF_REGIONS) or "US", upper=True)),
    )
