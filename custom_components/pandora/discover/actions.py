"""Discovery and release actions: validate, check permissions, delegate to discovery/search."""

from __future__ import annotations

from functools import partial
import re
from typing import TYPE_CHECKING, Any, cast

import probatio as vol

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.helpers import config_validation as cv

from ..downloads import (
    DEFAULT_LIMIT,
    ReleaseLinks,
    absolute_path,
    add_release,
    query_for,
    ranking_preferences,
    release_links,
    torrent_link,
)
from ..hub.errors import call_service, safe_text, validation_error
from ..hub.permissions import register_action
from ..hub.targets import loaded_entry, one_target
from ..hub.validation import filled, needs
from ..library import library_link
from .discovery import DISCOVER_LISTS
from .queries import (
    MEDIA_TYPES,
    discover_page,
    guarded,
    loaded_discovery,
    loaded_search,
    media_details,
    subentry_of,
    with_library,
)

if TYPE_CHECKING:
    pass

SERVICE_DISCOVER = "discover"
SERVICE_SEARCH_MEDIA = "search_media"
SERVICE_GET_MEDIA = "get_media"
SERVICE_SEARCH_TORRENTS = "search_torrents"
SERVICE_DOWNLOAD_RELEASE = "download_release"

_PAGE = vol.All(vol.Coerce(int), vol.Range(min=1, max=500))
_YEAR = vol.All(vol.Coerce(int), vol.Range(min=1870, max=2100))
_TMDB_ID = vol.All(vol.Coerce(int), vol.Range(min=1))
_RESULT_ID = vol.All(cv.string, vol.Match(re.compile(r"^[0-9a-fA-F]{20,40}$")))


_QUERY = vol.All(filled, vol.Length(max=200))


DISCOVER_SCHEMA = vol.Schema(
    {vol.Required("list"): vol.In(DISCOVER_LISTS), vol.Optional("page", default=1): _PAGE}
)
SEARCH_MEDIA_SCHEMA = vol.Schema(
    {
        vol.Required("query"): _QUERY,
        vol.Optional("media_type", default="all"): vol.In(("all", *MEDIA_TYPES)),
        vol.Optional("year"): _YEAR,
        vol.Optional("page", default=1): _PAGE,
    }
)
GET_MEDIA_SCHEMA = vol.Schema(
    {vol.Required("tmdb_id"): _TMDB_ID, vol.Required("media_type"): vol.In(MEDIA_TYPES)}
)
SEARCH_TORRENTS_SCHEMA = vol.All(
    vol.Schema(
        {
            vol.Exclusive("query", "what"): _QUERY,
            vol.Exclusive("tmdb_id", "what"): _TMDB_ID,
            vol.Optional("media_type"): vol.In(MEDIA_TYPES),
            vol.Optional("season"): vol.All(vol.Coerce(int), vol.Range(min=0, max=200)),
            vol.Optional("episode"): vol.All(vol.Coerce(int), vol.Range(min=1, max=5000)),
            vol.Optional("year"): _YEAR,
            vol.Optional("category"): vol.In(("all", "movies", "tv")),
            vol.Optional("limit", default=DEFAULT_LIMIT): vol.All(
                vol.Coerce(int), vol.Range(min=1, max=100)
            ),
            vol.Optional("include_rejected", default=False): cv.boolean,
        }
    ),
    cv.has_at_least_one_key("query", "tmdb_id"),
    needs("tmdb_id", "media_type"),  # the title's kind picks TMDB's movie or series
)
DOWNLOAD_SCHEMA = vol.All(
    vol.Schema(
        {
            vol.Exclusive("result_id", "what"): _RESULT_ID,
            vol.Exclusive("url", "what"): torrent_link,
            vol.Optional("tmdb_id"): _TMDB_ID,
            vol.Optional("media_type"): vol.In(MEDIA_TYPES),
            vol.Optional("category"): cv.string,
            vol.Optional("save_path"): absolute_path,
            vol.Optional("paused", default=False): cv.boolean,
            vol.Optional("instance"): filled,
        }
    ),
    cv.has_at_least_one_key("result_id", "url"),
)


# --- handlers ----------------------------------------------------------------------------------


async def _discover(call: ServiceCall) -> ServiceResponse:
    return cast(
        ServiceResponse, await discover_page(call.hass, call.data["list"], call.data["page"])
    )


async def _search_media(call: ServiceCall) -> ServiceResponse:
    entry, discovery = loaded_discovery(call.hass)
    data = call.data
    page = await guarded(
        call.hass,
        entry,
        subentry_of(entry, "tmdb"),
        lambda: discovery.search_media(
            data["query"], data["media_type"], data.get("year"), data["page"]
        ),
    )
    return with_library(entry, page)


async def _get_media(call: ServiceCall) -> ServiceResponse:
    entry, discovery = loaded_discovery(call.hass)
    tmdb_id, media_type = call.data["tmdb_id"], call.data["media_type"]
    details = await media_details(call.hass, tmdb_id, media_type)
    # Availability is a bonus: a Watchmode failure is reported, not fatal.
    availability: list[dict[str, Any]] | None = None
    availability_error: str | None = None
    try:
        availability = await guarded(
            call.hass,
            entry,
            subentry_of(entry, "watchmode"),
            lambda: discovery.availability(tmdb_id, media_type),
        )
    except Exception as err:
        availability_error = safe_text(err)
    runtime = entry.runtime_data
    link = library_link(runtime, media_type, tmdb_id)
    user_id = call.context.user_id
    return cast(
        ServiceResponse,
        details
        | {
            "availability": availability,
            "availability_error": availability_error,
            "in_library": link is not None,
            "library": link,
            "in_watchlist": user_id is not None
            and runtime.watchlists.contains(user_id, tmdb_id, media_type),
        },
    )


async def _search_torrents(call: ServiceCall) -> ServiceResponse:
    entry, search = loaded_search(call.hass)
    data = call.data
    year, season, episode = data.get("year"), data.get("season"), data.get("episode")
    category = data.get("category")
    if (query := data.get("query")) is None:
        media_type = data["media_type"]
        details = await media_details(call.hass, data["tmdb_id"], media_type)
        query, year = query_for(details, media_type, season, episode)
        category = category or ("movies" if media_type == "movie" else "tv")
    prefs = ranking_preferences(entry.options, year=year, season=season, episode=episode)
    result = await search.search(
        query,
        prefs,
        category=category or "all",
        limit=data["limit"],
        include_rejected=data["include_rejected"],
    )
    return cast(ServiceResponse, result)


async def _download_release(call: ServiceCall) -> ServiceResponse:
    entry = loaded_entry(call.hass)
    data = call.data
    coordinator = one_target(
        call.hass, entry.runtime_data.qbittorrent, data.get("instance"), "no_qbittorrent"
    )
    if not data["paused"]:
        coordinator.disk_guard.ensure_room()  # added paused, it downloads nothing: allowed
    if (key := data.get("result_id")) is not None:
        result = entry.runtime_data.release_search.result(key)
        if result is None:
            raise validation_error("unknown_result", result_id=key)
        links = await guarded(
            call.hass, entry, None, lambda: release_links(entry.runtime_data.session, result)
        )
        if not links:
            raise validation_error("result_without_link", result_id=key)
    else:
        links = ReleaseLinks.of_url(data["url"])  # no hash known for .torrent URLs
    download = await call_service(
        add_release,
        entry.runtime_data.history,
        coordinator,
        links,
        tmdb_id=data.get("tmdb_id"),
        media_type=data.get("media_type"),
        category=data.get("category"),
        save_path=data.get("save_path"),
        paused=data["paused"],
    )
    return cast(
        ServiceResponse,
        {
            "instance": download.instance,
            "added_ids": list(download.added_ids),
            "infohash": download.infohash,
            "release": download.release,
        },
    )


def async_setup_media_actions(hass: HomeAssistant) -> None:
    """Register the discovery and release actions."""
    register = partial(register_action, hass)
    register(SERVICE_DISCOVER, _discover, DISCOVER_SCHEMA, SupportsResponse.ONLY)
    register(SERVICE_SEARCH_MEDIA, _search_media, SEARCH_MEDIA_SCHEMA, SupportsResponse.ONLY)
    register(SERVICE_GET_MEDIA, _get_media, GET_MEDIA_SCHEMA, SupportsResponse.ONLY)
    register(
        SERVICE_SEARCH_TORRENTS,
        _search_torrents,
        SEARCH_TORRENTS_SCHEMA,
        SupportsResponse.ONLY,
    )
    register(
        SERVICE_DOWNLOAD_RELEASE,
        _download_release,
        DOWNLOAD_SCHEMA,
        SupportsResponse.OPTIONAL,
    )
