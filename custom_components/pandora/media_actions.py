"""Discovery and release actions: validate, check permissions, delegate to discovery/search."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
import re
from typing import Any, cast

import probatio as vol

from homeassistant.config_entries import ConfigSubentry
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.helpers import config_validation as cv, issue_registry as ir

from .api.errors import InvalidAuth, PandoraError, QuotaExceeded
from .api.jackett_models import infohash_from_magnet
from .const import (
    CONF_EXCLUDED_WORDS,
    CONF_MAX_SIZE_GB,
    CONF_MIN_SEEDERS,
    CONF_PREFERRED_RESOLUTION,
    DEFAULT_MIN_SEEDERS,
    DEFAULT_PREFERRED_RESOLUTION,
    DOMAIN,
)
from .discovery import DISCOVER_LISTS, Discovery
from .helpers import (
    loaded_entry,
    require_admin,
    split_list,
    translated_error,
    validation_error,
)
from .ranking import RankingPreferences
from .release_search import DEFAULT_LIMIT, ReleaseSearch, fetch_torrent
from .runtime import PandoraConfigEntry
from .services import add_to_qbittorrent, torrent_link

SERVICE_DISCOVER = "discover"
SERVICE_SEARCH_MEDIA = "search_media"
SERVICE_GET_MEDIA = "get_media"
SERVICE_SEARCH_TORRENTS = "search_torrents"
SERVICE_DOWNLOAD_RELEASE = "download_release"

MEDIA_TYPES = ("movie", "tv")
_PAGE = vol.All(vol.Coerce(int), vol.Range(min=1, max=500))
_YEAR = vol.All(vol.Coerce(int), vol.Range(min=1870, max=2100))
_TMDB_ID = vol.All(vol.Coerce(int), vol.Range(min=1))
_RESULT_ID = vol.All(cv.string, vol.Match(re.compile(r"^[0-9a-fA-F]{20,40}$")))


def _query(value: Any) -> str:
    text = cv.string(value).strip()
    if not text:
        raise vol.Invalid("must not be empty")
    if len(text) > 200:
        raise vol.Invalid("must be at most 200 characters")
    return text


DISCOVER_SCHEMA = vol.Schema(
    {vol.Required("list"): vol.In(DISCOVER_LISTS), vol.Optional("page", default=1): _PAGE}
)
SEARCH_MEDIA_SCHEMA = vol.Schema(
    {
        vol.Required("query"): _query,
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
            vol.Exclusive("query", "what"): _query,
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
)
DOWNLOAD_SCHEMA = vol.All(
    vol.Schema(
        {
            vol.Exclusive("result_id", "what"): _RESULT_ID,
            vol.Exclusive("url", "what"): torrent_link,
            vol.Optional("tmdb_id"): _TMDB_ID,
            vol.Optional("media_type"): vol.In(MEDIA_TYPES),
            vol.Optional("category"): cv.string,
            vol.Optional("save_path"): cv.string,
            vol.Optional("paused", default=False): cv.boolean,
            vol.Optional("instance"): cv.string,
        }
    ),
    cv.has_at_least_one_key("result_id", "url"),
)


# --- errors: reauth, repairs -------------------------------------------------------------------


def _subentry_of(entry: PandoraConfigEntry, subentry_type: str) -> ConfigSubentry | None:
    return next((s for s in entry.subentries.values() if s.subentry_type == subentry_type), None)


async def _guarded[T](
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    subentry: ConfigSubentry | None,
    func: Callable[[], Awaitable[T]],
) -> T:
    """Run a call for a service; bad keys start reauth, a spent quota raises a repair issue."""
    try:
        result = await func()
    except InvalidAuth as err:
        if subentry is not None:
            entry.async_start_reauth(hass, data={"subentry_id": subentry.subentry_id})
        raise translated_error(err) from err
    except QuotaExceeded as err:
        if subentry is not None:
            ir.async_create_issue(
                hass,
                DOMAIN,
                f"quota_exceeded_{subentry.subentry_id}",
                is_fixable=False,
                severity=ir.IssueSeverity.WARNING,
                translation_key="quota_exceeded",
                translation_placeholders={"name": subentry.title},
            )
        raise translated_error(err) from err
    except PandoraError as err:
        raise translated_error(err) from err
    if subentry is not None:
        ir.async_delete_issue(hass, DOMAIN, f"quota_exceeded_{subentry.subentry_id}")
    return result


def _discovery(hass: HomeAssistant) -> tuple[PandoraConfigEntry, Discovery]:
    entry = loaded_entry(hass)
    discovery = entry.runtime_data.discovery
    if discovery is None:
        raise validation_error("no_tmdb")
    return entry, discovery


def _search(hass: HomeAssistant) -> tuple[PandoraConfigEntry, ReleaseSearch]:
    entry = loaded_entry(hass)
    if not entry.runtime_data.release_search.instances:
        raise validation_error("no_jackett")
    return entry, entry.runtime_data.release_search


def ranking_preferences(
    entry: PandoraConfigEntry,
    *,
    year: int | None = None,
    season: int | None = None,
    episode: int | None = None,
) -> RankingPreferences:
    """The hub's quality profile, narrowed to what this search is for."""
    options = entry.options
    max_gb = float(options.get(CONF_MAX_SIZE_GB, 0) or 0)
    return RankingPreferences(
        preferred_resolution=options.get(CONF_PREFERRED_RESOLUTION, DEFAULT_PREFERRED_RESOLUTION),
        min_seeders=int(options.get(CONF_MIN_SEEDERS, DEFAULT_MIN_SEEDERS)),
        max_size_bytes=int(max_gb * 1_000_000_000) if max_gb > 0 else None,
        excluded_words=tuple(split_list(options.get(CONF_EXCLUDED_WORDS, ""))),
        expected_year=year,
        expected_season=season,
        expected_episode=episode,
    )


# --- handlers ----------------------------------------------------------------------------------


async def _discover(call: ServiceCall) -> ServiceResponse:
    entry, discovery = _discovery(call.hass)
    tmdb = _subentry_of(entry, "tmdb")
    return cast(
        ServiceResponse,
        await _guarded(
            call.hass,
            entry,
            tmdb,
            lambda: discovery.discover(call.data["list"], call.data["page"]),
        ),
    )


async def _search_media(call: ServiceCall) -> ServiceResponse:
    entry, discovery = _discovery(call.hass)
    data = call.data
    return cast(
        ServiceResponse,
        await _guarded(
            call.hass,
            entry,
            _subentry_of(entry, "tmdb"),
            lambda: discovery.search_media(
                data["query"], data["media_type"], data.get("year"), data["page"]
            ),
        ),
    )


async def _get_media(call: ServiceCall) -> ServiceResponse:
    entry, discovery = _discovery(call.hass)
    tmdb_id, media_type = call.data["tmdb_id"], call.data["media_type"]
    details = await _guarded(
        call.hass,
        entry,
        _subentry_of(entry, "tmdb"),
        lambda: discovery.details(tmdb_id, media_type),
    )
    # Availability is a bonus: a Watchmode failure is reported, not fatal.
    availability: list[dict[str, Any]] | None = None
    availability_error: str | None = None
    try:
        availability = await _guarded(
            call.hass,
            entry,
            _subentry_of(entry, "watchmode"),
            lambda: discovery.availability(tmdb_id, media_type),
        )
    except Exception as err:
        availability_error = str(err)
    return cast(
        ServiceResponse,
        details | {"availability": availability, "availability_error": availability_error},
    )


async def _search_torrents(call: ServiceCall) -> ServiceResponse:
    entry, search = _search(call.hass)
    data = call.data
    year, season, episode = data.get("year"), data.get("season"), data.get("episode")
    category = data.get("category")
    if (query := data.get("query")) is None:
        media_type = data.get("media_type")
        if media_type is None:
            raise validation_error("media_type_required")
        _, discovery = _discovery(call.hass)
        details = await _guarded(
            call.hass,
            entry,
            _subentry_of(entry, "tmdb"),
            lambda: discovery.details(data["tmdb_id"], media_type),
        )
        query, year = _query_for(details, media_type, season, episode)
        category = category or ("movies" if media_type == "movie" else "tv")
    prefs = ranking_preferences(entry, year=year, season=season, episode=episode)
    result = await search.search(
        query,
        prefs,
        category=category or "all",
        limit=data["limit"],
        include_rejected=data["include_rejected"],
    )
    return cast(ServiceResponse, result)


def _query_for(
    details: dict[str, Any], media_type: str, season: int | None, episode: int | None
) -> tuple[str, int | None]:
    """Build the text indexers match best: "Title Year" or "Title S01E02"."""
    title = re.sub(r"[^\w\s'-]", " ", str(details["title"]))
    title = " ".join(title.split())
    year = details.get("year")
    if media_type == "movie":
        return (f"{title} {year}" if year else title), year
    if season is not None:
        tag = f"S{season:02d}" + (f"E{episode:02d}" if episode is not None else "")
        return f"{title} {tag}", None
    return title, None


async def _download_release(call: ServiceCall) -> ServiceResponse:
    await require_admin(call.hass, call)
    entry = loaded_entry(call.hass)
    data = call.data
    urls: list[str] = []
    files: list[tuple[str, bytes]] = []
    title: str | None = None
    infohash: str | None = None
    if (key := data.get("result_id")) is not None:
        result = entry.runtime_data.release_search.result(key)
        if result is None:
            raise validation_error("unknown_result", result_id=key)
        title, infohash = result.title, result.infohash
        if result.magnet_uri:
            urls.append(result.magnet_uri)
        elif result.torrent_url:
            # Jackett's link carries its API key and may be unreachable from qBittorrent
            # (e.g. behind a VPN container): fetch the file here and upload it.
            content, magnet = await _guarded(
                call.hass,
                entry,
                None,
                lambda: fetch_torrent(entry.runtime_data.session, result.torrent_url or ""),
            )
            if magnet:
                urls.append(magnet)
            if content:
                files.append((f"{infohash or 'release'}.torrent", content))
        if not urls and not files:
            raise validation_error("result_without_link", result_id=key)
    else:
        urls.append(data["url"])
        infohash = infohash_from_magnet(data["url"])  # None for .torrent URLs
    added = await add_to_qbittorrent(
        call.hass,
        data.get("instance"),
        urls=urls,
        torrent_files=files,
        category=data.get("category"),
        save_path=data.get("save_path"),
        paused=data["paused"],
    )
    link = {
        "tmdb_id": data.get("tmdb_id"),
        "media_type": data.get("media_type"),
        "release": title,
    }
    hashes = [h for h in (infohash, *added["added_ids"]) if h]
    if data.get("tmdb_id") is not None:
        for torrent_hash in dict.fromkeys(hashes):
            entry.runtime_data.history.link(torrent_hash, link)
    return cast(ServiceResponse, added | {"infohash": infohash, "release": title})


def async_setup_media_actions(hass: HomeAssistant) -> None:
    """Register the discovery and release actions."""
    register = hass.services.async_register
    register(DOMAIN, SERVICE_DISCOVER, _discover, DISCOVER_SCHEMA, SupportsResponse.ONLY)
    register(
        DOMAIN, SERVICE_SEARCH_MEDIA, _search_media, SEARCH_MEDIA_SCHEMA, SupportsResponse.ONLY
    )
    register(DOMAIN, SERVICE_GET_MEDIA, _get_media, GET_MEDIA_SCHEMA, SupportsResponse.ONLY)
    register(
        DOMAIN,
        SERVICE_SEARCH_TORRENTS,
        _search_torrents,
        SEARCH_TORRENTS_SCHEMA,
        SupportsResponse.ONLY,
    )
    register(
        DOMAIN,
        SERVICE_DOWNLOAD_RELEASE,
        _download_release,
        DOWNLOAD_SCHEMA,
        SupportsResponse.OPTIONAL,
    )
