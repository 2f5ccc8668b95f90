"""Typed TMDB v3 models, parsed defensively.

TMDB leaves many fields `null` or out (no poster yet, unknown release date, empty
`episode_run_time` on newer series), so a missing or mistyped field falls back to a neutral value;
only an answer of the wrong shape (not an object, `results` not a list) is a `ParseError`.
Movies and series share one model: `title`/`name` and `release_date`/`first_air_date` are folded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import ParseError

MediaType = Literal["movie", "tv"]
MEDIA_TYPES: tuple[MediaType, ...] = ("movie", "tv")
CAST_LIMIT = 10
DEFAULT_IMAGE_BASE_URL = "https://image.tmdb.org/t/p/"


def _str(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):  # bool is an int subclass; never a count or an id
        return default
    return int(value) if isinstance(value, int | float) else default


def _opt_int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def _float(value: Any) -> float:
    if isinstance(value, bool):
        return 0.0
    return float(value) if isinstance(value, int | float) else 0.0


def _year(value: Any) -> int | None:
    """The year of an ISO date (`"1968-10-01"`); TMDB sends `""` or null when unknown."""
    if isinstance(value, str) and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    """The objects of a list, skipping anything else (and treating a non-list as empty)."""
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _object(data: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise ParseError(f"TMDB {what} is not a JSON object")
    return data


def join_image_url(base_url: str, path: str | None, size: str = "original") -> str | None:
    """`https://image.tmdb.org/t/p/w500/abc.jpg` from a base, a file path and a size."""
    if not path:
        return None
    return f"{base_url.rstrip('/')}/{size}/{path.lstrip('/')}"


@dataclass(frozen=True, slots=True)
class ImageConfiguration:
    """Where TMDB images live (`/configuration`) and which sizes exist."""

    secure_base_url: str
    base_url: str
    poster_sizes: tuple[str, ...]
    backdrop_sizes: tuple[str, ...]
    profile_sizes: tuple[str, ...]
    logo_sizes: tuple[str, ...]
    still_sizes: tuple[str, ...]

    @classmethod
    def from_dict(cls, data: Any) -> ImageConfiguration:
        """Build from a `/configuration` answer (the `images` block is required)."""
        images = _object(_object(data, "configuration").get("images"), "configuration images")
        secure = _str(images.get("secure_base_url")) or _str(images.get("base_url"))
        if not secure:
            raise ParseError("TMDB configuration has no image base URL")

        def sizes(key: str) -> tuple[str, ...]:
            value = images.get(key)
            return tuple(s for s in value if isinstance(s, str)) if isinstance(value, list) else ()

        return cls(
            secure_base_url=secure,
            base_url=_str(images.get("base_url"), secure),
            poster_sizes=sizes("poster_sizes"),
            backdrop_sizes=sizes("backdrop_sizes"),
            profile_sizes=sizes("profile_sizes"),
            logo_sizes=sizes("logo_sizes"),
            still_sizes=sizes("still_sizes"),
        )

    def image_url(self, path: str | None, size: str = "original") -> str | None:
        """The full URL of an image path at a size (None without a path)."""
        return join_image_url(self.secure_base_url, path, size)


@dataclass(frozen=True, slots=True)
class MediaItem:
    """A movie or series as list, search and trending answers describe it."""

    tmdb_id: int
    media_type: MediaType
    title: str
    original_title: str
    year: int | None
    overview: str
    poster_path: str | None
    backdrop_path: str | None
    rating: float
    vote_count: int
    popularity: float
    genre_ids: tuple[int, ...]

    @classmethod
    def parse(cls, data: Mapping[str, Any], media_type: str | None = None) -> MediaItem | None:
        """Build from a list item; None for persons, unknown types and items without an id.

        `media_type` is the endpoint's type; mixed lists (trending/all, search/multi) carry
        their own `media_type` per item.
        """
        kind = media_type or data.get("media_type")
        tmdb_id = _opt_int(data.get("id"))
        if kind not in MEDIA_TYPES or tmdb_id is None:
            return None
        return cls(**_item_fields(data, "movie" if kind == "movie" else "tv", tmdb_id))


def _item_fields(data: Mapping[str, Any], media_type: MediaType, tmdb_id: int) -> dict[str, Any]:
    movie = media_type == "movie"
    title_key, other_key = ("title", "name") if movie else ("name", "title")
    # Some mixed answers carry the other type's key; take whichever is there.
    title = _str(data.get(title_key)) or _str(data.get(other_key))
    original = _str(data.get("original_title" if movie else "original_name"))
    genre_ids = data.get("genre_ids")
    if not isinstance(genre_ids, list):  # details answers carry `genres` objects instead
        genre_ids = [g.get("id") for g in _dicts(data.get("genres"))]
    return {
        "tmdb_id": tmdb_id,
        "media_type": media_type,
        "title": title,
        "original_title": original or title,
        "year": _year(data.get("release_date" if movie else "first_air_date")),
        "overview": _str(data.get("overview")),
        "poster_path": _opt_str(data.get("poster_path")),
        "backdrop_path": _opt_str(data.get("backdrop_path")),
        "rating": _float(data.get("vote_average")),
        "vote_count": _int(data.get("vote_count")),
        "popularity": _float(data.get("popularity")),
        "genre_ids": tuple(g for g in genre_ids if isinstance(g, int) and not isinstance(g, bool)),
    }


@dataclass(frozen=True, slots=True)
class MediaPage:
    """One page of a paged TMDB list."""

    page: int
    total_pages: int
    total_results: int
    results: tuple[MediaItem, ...]

    @classmethod
    def from_dict(cls, data: Any, media_type: MediaType | None = None) -> MediaPage:
        """Build from `{page, results, total_pages, total_results}`; persons are dropped."""
        body = _object(data, "list answer")
        results = body.get("results")
        if not isinstance(results, list):
            raise ParseError("TMDB list answer has no results list")
        items = (MediaItem.parse(item, media_type) for item in _dicts(results))
        return cls(
            page=_int(body.get("page"), 1),
            total_pages=_int(body.get("total_pages")),
            total_results=_int(body.get("total_results")),
            results=tuple(item for item in items if item is not None),
        )


@dataclass(frozen=True, slots=True)
class CastMember:
    """One billed actor."""

    name: str
    character: str
    profile_path: str | None
    order: int


@dataclass(frozen=True, slots=True)
class Season:
    """One season of a series (season 0 is TMDB's "Specials")."""

    number: int
    name: str
    episode_count: int
    year: int | None


@dataclass(frozen=True, slots=True)
class WatchProviders:
    """Where a title streams in one region (JustWatch data relayed by TMDB)."""

    region: str
    link: str | None
    flatrate: tuple[str, ...]
    free: tuple[str, ...]  # TMDB's `free` and `ads` (free with adverts) together
    rent: tuple[str, ...]
    buy: tuple[str, ...]

    @classmethod
    def from_dict(cls, region: str, data: Mapping[str, Any]) -> WatchProviders:
        """Build from one region of `watch/providers.results`."""

        def names(*keys: str) -> tuple[str, ...]:
            found: list[tuple[int, str]] = []
            for key in keys:
                for provider in _dicts(data.get(key)):
                    name = _str(provider.get("provider_name"))
                    if name and name not in (n for _, n in found):
                        found.append((_int(provider.get("display_priority"), 999), name))
            return tuple(name for _, name in sorted(found, key=lambda p: p[0]))

        return cls(
            region=region,
            link=_opt_str(data.get("link")),
            flatrate=names("flatrate"),
            free=names("free", "ads"),
            rent=names("rent"),
            buy=names("buy"),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class MediaDetails(MediaItem):
    """A movie or series with credits, external ids, seasons and watch providers."""

    runtime: int | None = None
    genres: tuple[str, ...] = ()
    tagline: str = ""
    status: str = ""
    imdb_id: str | None = None
    tvdb_id: int | None = None
    cast: tuple[CastMember, ...] = ()
    seasons: tuple[Season, ...] = ()
    number_of_seasons: int | None = None
    # Region code (US, GB, ...) -> providers; kept out of the hash (a dict is not hashable).
    watch_providers: Mapping[str, WatchProviders] = field(default_factory=dict, hash=False)

    @classmethod
    def from_dict(cls, data: Any, media_type: MediaType) -> MediaDetails:
        """Build from `/movie/{id}` or `/tv/{id}` with credits, external ids and providers."""
        body = _object(data, f"{media_type} details")
        tmdb_id = _opt_int(body.get("id"))
        if tmdb_id is None:
            raise ParseError(f"TMDB {media_type} details have no id")
        external = body.get("external_ids")
        external = external if isinstance(external, Mapping) else {}
        credits = body.get("credits")
        credits = credits if isinstance(credits, Mapping) else {}
        providers = body.get("watch/providers")
        regions = providers.get("results") if isinstance(providers, Mapping) else None
        cast = sorted(
            (
                CastMember(
                    name=_str(c.get("name")),
                    character=_str(c.get("character")),
                    profile_path=_opt_str(c.get("profile_path")),
                    order=_int(c.get("order"), 999),
                )
                for c in _dicts(credits.get("cast"))
                if _str(c.get("name"))
            ),
            key=lambda c: c.order,
        )
        seasons = tuple(
            Season(
                number=_int(s.get("season_number")),
                name=_str(s.get("name")),
                episode_count=_int(s.get("episode_count")),
                year=_year(s.get("air_date")),
            )
            for s in _dicts(body.get("seasons"))
        )
        if media_type == "movie":
            runtime = _opt_int(body.get("runtime")) or None  # 0 means unknown
        else:
            times = body.get("episode_run_time")
            runtime = _opt_int(times[0]) if isinstance(times, list) and times else None
            last = body.get("last_episode_to_air")
            if runtime is None and isinstance(last, Mapping):  # newer series: no run times
                runtime = _opt_int(last.get("runtime"))
        return cls(
            **_item_fields(body, media_type, tmdb_id),
            runtime=runtime,
            genres=tuple(_str(g.get("name")) for g in _dicts(body.get("genres")) if g.get("name")),
            tagline=_str(body.get("tagline")),
            status=_str(body.get("status")),
            imdb_id=_opt_str(body.get("imdb_id")) or _opt_str(external.get("imdb_id")),
            tvdb_id=_opt_int(external.get("tvdb_id")),
            cast=tuple(cast[:CAST_LIMIT]),
            seasons=seasons,
            number_of_seasons=_opt_int(body.get("number_of_seasons")),
            watch_providers={
                region: WatchProviders.from_dict(region, value)
                for region, value in (regions.items() if isinstance(regions, Mapping) else ())
                if isinstance(region, str) and isinstance(value, Mapping)
            },
        )

    def providers(self, region: str) -> WatchProviders | None:
        """The watch providers of one region (None if TMDB lists none there)."""
        return self.watch_providers.get(region.upper())
