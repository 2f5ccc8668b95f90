"""A TMDB v3 simulator over the demo catalogue, with generated poster art and fault injection.

It follows TMDB's documented behaviour (../shared/notes/service-apis.md, section 9):
- auth by `?api_key=` (v3 key) or `Authorization: Bearer` (v4 read access token); anything else
  is 401 `{"success": false, "status_code": 7, ...}`; unknown ids and paths 404 (code 34);
- paged lists of 20 (`page`, `results`, `total_pages`, `total_results`), `page` 1 to 500;
- trending and `/search/multi` items carry `media_type` (persons included, as TMDB does);
- `/movie/{id}` and `/tv/{id}` honour `append_to_response=credits,external_ids,watch/providers`;
- `/configuration` points `secure_base_url` at this simulator, whose `/t/p/{size}/{file}.png`
  serves PNGs drawn here (a gradient and stripes coloured by the title), so no network is needed.
Tests steer failures (429 with Retry-After, 500, malformed JSON, slowness) through attributes, or
`POST /sim/fault?mode=429|500|malformed|delay&count=N` when run standalone; `requests` counts
hits per path so caches can be checked.

Run standalone: `python -m devtools.simulators.tmdb --port 8765` prints `{"port": N}`.
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
import colorsys
from dataclasses import dataclass, field
import hashlib
import re
import struct
from typing import Any
import zlib

from aiohttp import web

from devtools.simulators import run, serve

from . import catalogue
from .catalogue import Title

DEFAULT_API_KEY = "5f1e3c0d9a8b7c6d5e4f3a2b1c0d9e8f"  # 32 hex characters, like a v3 key
# A v4 read access token is a JWT: base64url header (`{"alg":"HS256"}`), payload, signature.
DEFAULT_READ_TOKEN = (
    "eyJhbGciOiJIUzI1NiJ9."
    "eyJhdWQiOiI1ZjFlM2MwZDlhOGI3YzZkNWU0ZjNhMmIxYzBkOWU4ZiIsInNjb3BlcyI6WyJhcGlfcmVhZCJdfQ."
    "cGFuZG9yYS1zaW11bGF0b3Itc2lnbmF0dXJl"
)
PAGE_SIZE = 20
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_IMAGE_SIDE = 1280

# Provider ids and display priorities as TMDB would list them (ids are the simulator's own).
PROVIDERS: dict[str, tuple[int, int]] = {
    "Tubi": (73, 4),
    "Plex": (538, 6),
    "Internet Archive": (1950, 20),
    "Kanopy": (191, 9),
    "BFI Player": (224, 12),
    "Apple TV": (2, 1),
    "Amazon Video": (10, 2),
    "YouTube": (192, 15),
}
_PROVIDER_KEYS = {"sub": "flatrate", "free": "free", "rent": "rent", "buy": "buy"}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


# --- PNG ------------------------------------------------------------------------------------


def encode_png(width: int, height: int, rows: Iterable[bytes]) -> bytes:
    """An 8-bit RGB PNG from `height` rows of `width * 3` bytes (filter 0, zlib)."""
    raw = bytearray()
    count = 0
    for row in rows:
        if len(row) != width * 3:
            raise ValueError(f"row {count} has {len(row)} bytes, expected {width * 3}")
        raw += b"\x00" + row  # filter type 0 (none) before every scanline
        count += 1
    if count != height or width < 1 or height < 1:
        raise ValueError(f"expected {height} rows of a {width}x{height} image, got {count}")

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit truecolour
    return (
        PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw), 6))
        + chunk(b"IEND", b"")
    )


def _rgb(hue: float, lightness: float, saturation: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hls_to_rgb(hue % 1.0, lightness, saturation)
    return round(r * 255), round(g * 255), round(b * 255)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> bytes:
    return bytes(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def render_artwork(label: str, width: int, height: int) -> bytes:
    """A PNG for a title: a vertical gradient in the title's colour with a few bold stripes."""
    digest = hashlib.sha256(label.encode()).digest()
    hue = digest[0] / 256
    top, bottom = _rgb(hue, 0.62, 0.55), _rgb(hue, 0.14, 0.6)
    accent = _rgb(hue + 0.5, 0.55, 0.75)
    stripe = max(2, width // 14)
    # Up to three vertical stripes at title-derived places: (start, end) spans, merged.
    spans: list[list[int]] = []
    for start in sorted({digest[1 + i] * max(1, width - stripe) // 256 for i in range(3)}):
        if spans and start <= spans[-1][1]:
            spans[-1][1] = start + stripe
        else:
            spans.append([start, start + stripe])
    band = range(int(height * 0.78), int(height * 0.86))  # a horizontal band for the "title"

    def row(y: int) -> bytes:
        t = y / max(1, height - 1)
        base, bold = _mix(top, bottom, t), _mix(accent, bottom, t * 0.5)
        if y in band:
            return bold * width
        parts, x = [], 0
        for start, end in spans:
            parts += [base * (start - x), bold * (min(end, width) - start)]
            x = min(end, width)
        parts.append(base * (width - x))
        return b"".join(parts)

    return encode_png(width, height, (row(y) for y in range(height)))


def image_size(size: str, kind: str) -> tuple[int, int] | None:
    """Pixel size for a TMDB size name (`w342`, `h632`, `original`) and image kind."""
    ratio = {"b": 9 / 16, "l": 1.0}.get(kind, 1.5)  # backdrop, logo, else poster/profile
    if size == "original":
        width = {"b": 1280, "l": 256}.get(kind, 500)
        return width, round(width * ratio)
    match = re.fullmatch(r"([wh])(\d{1,4})", size)
    if not match or int(match[2]) < 1:
        return None
    side = min(int(match[2]), MAX_IMAGE_SIDE)
    if match[1] == "w":
        return side, max(1, min(MAX_IMAGE_SIDE, round(side * ratio)))
    return max(1, min(MAX_IMAGE_SIDE, round(side / ratio))), side


# --- JSON shapes ----------------------------------------------------------------------------


def _error(status: int, code: int, message: str) -> web.Response:
    body = {"success": False, "status_code": code, "status_message": message}
    return web.json_response(body, status=status)


def _not_found() -> web.Response:
    return _error(404, 34, "The resource you requested could not be found.")


def _genres(title: Title) -> list[dict[str, Any]]:
    return [{"id": catalogue.GENRE_IDS[g], "name": g} for g in title.genres]


def list_item(title: Title, with_type: bool = False) -> dict[str, Any]:
    """A movie or series as TMDB lists it."""
    common: dict[str, Any] = {
        "adult": False,
        "backdrop_path": f"/b{title.tmdb_id}.png",
        "genre_ids": [catalogue.GENRE_IDS[g] for g in title.genres],
        "id": title.tmdb_id,
        "original_language": title.original_language,
        "overview": title.overview,
        "popularity": title.popularity,
        "poster_path": f"/p{title.tmdb_id}.png",
        "vote_average": title.rating,
        "vote_count": title.vote_count,
    }
    if title.media_type == "movie":
        common |= {
            "original_title": title.original_title or title.title,
            "release_date": title.release_date,
            "title": title.title,
            "video": False,
        }
    else:
        common |= {
            "first_air_date": title.release_date,
            "name": title.title,
            "origin_country": ["US"],
            "original_name": title.original_title or title.title,
        }
    if with_type:
        common["media_type"] = title.media_type
    return common


def person_item(name: str, person_id: int) -> dict[str, Any]:
    """A person as trending and multi search list them."""
    known_for = [list_item(t, True) for t in catalogue.TITLES if name in dict(t.cast)][:3]
    return {
        "adult": False,
        "id": person_id,
        "known_for": known_for,
        "known_for_department": "Acting",
        "media_type": "person",
        "name": name,
        "popularity": 5.0 + len(known_for),
        "profile_path": f"/c{person_id}.png",
    }


def credits(title: Title) -> dict[str, Any]:
    """`credits` of a title (cast only; the demo has no crew)."""
    people = catalogue.people()
    cast = [
        {
            "adult": False,
            "cast_id": order + 1,
            "character": character,
            "credit_id": hashlib.md5(
                f"{title.tmdb_id}{name}".encode(), usedforsecurity=False
            ).hexdigest()[:24],
            "gender": 0,
            "id": people[name],
            "known_for_department": "Acting",
            "name": name,
            "order": order,
            "original_name": name,
            "popularity": 3.0,
            "profile_path": f"/c{people[name]}.png",
        }
        for order, (name, character) in enumerate(title.cast)
    ]
    return {"id": title.tmdb_id, "cast": cast, "crew": []}


def external_ids(title: Title) -> dict[str, Any]:
    """`external_ids` of a title."""
    ids: dict[str, Any] = {
        "id": title.tmdb_id,
        "imdb_id": title.imdb_id,
        "wikidata_id": None,
        "facebook_id": None,
        "instagram_id": None,
        "twitter_id": None,
    }
    if title.media_type == "tv":
        ids |= {"tvdb_id": title.tvdb_id, "tvrage_id": None, "freebase_mid": None}
    return ids


def watch_providers(title: Title) -> dict[str, Any]:
    """`watch/providers` of a title: per region, services grouped by kind."""
    results: dict[str, dict[str, Any]] = {}
    for region, name, kind in title.providers:
        entry = results.setdefault(
            region,
            {
                "link": f"https://www.themoviedb.org/{title.media_type}/"
                f"{title.tmdb_id}-{title.slug}/watch?locale={region}"
            },
        )
        provider_id, priority = PROVIDERS[name]
        entry.setdefault(_PROVIDER_KEYS[kind], []).append(
            {
                "logo_path": f"/l{provider_id}.png",
                "provider_id": provider_id,
                "provider_name": name,
                "display_priority": priority,
            }
        )
    return {"id": title.tmdb_id, "results": results}


def details(title: Title) -> dict[str, Any]:
    """`/movie/{id}` or `/tv/{id}` without appended blocks."""
    item = list_item(title)
    del item["genre_ids"]
    item |= {"genres": _genres(title), "homepage": "", "tagline": title.tagline}
    if title.media_type == "movie":
        return item | {
            "belongs_to_collection": None,
            "budget": 0,
            "imdb_id": title.imdb_id,
            "production_companies": [],
            "revenue": 0,
            "runtime": title.runtime,
            "spoken_languages": [],
            "status": "Released",
        }
    seasons = [
        {
            "air_date": f"{title.year + number - 1}-09-15",
            "episode_count": count,
            "id": title.tmdb_id * 100 + number,
            "name": f"Season {number}",
            "overview": "",
            "poster_path": f"/p{title.tmdb_id}.png",
            "season_number": number,
            "vote_average": title.rating,
        }
        for number, count in enumerate(title.seasons, start=1)
    ]
    # Newer TMDB answers leave `episode_run_time` empty; the last series shows that shape.
    run_times = [] if title is catalogue.SERIES[-1] else [title.runtime]
    return item | {
        "created_by": [],
        "episode_run_time": run_times,
        "in_production": False,
        "languages": [title.original_language],
        "last_air_date": f"{title.end_year}-04-01",
        "last_episode_to_air": {
            "air_date": f"{title.end_year}-04-01",
            "episode_number": title.seasons[-1],
            "runtime": title.runtime,
            "season_number": len(title.seasons),
        },
        "number_of_episodes": sum(title.seasons),
        "number_of_seasons": len(title.seasons),
        "seasons": seasons,
        "status": "Ended",
        "type": "Scripted",
    }


_APPENDABLE: dict[str, Callable[[Title], dict[str, Any]]] = {
    "credits": credits,
    "external_ids": external_ids,
    "watch/providers": watch_providers,
}


def _matches(title: Title, words: list[str]) -> bool:
    text = f"{title.title} {title.original_title or ''}".casefold()
    return bool(words) and all(word in text for word in words)


def _year_param(request: web.Request, *names: str) -> int | None:
    for name in names:
        value = request.query.get(name, "")
        if value.isdigit():
            return int(value)
    return None


# --- the simulator --------------------------------------------------------------------------


@dataclass
class TmdbSimulator:
    """State and routes of the simulated TMDB; fault fields are meant to be set by tests."""

    api_key: str = DEFAULT_API_KEY
    read_token: str = DEFAULT_READ_TOKEN
    rate_limit_next: int = 0  # answer this many API requests with 429
    retry_after: float = 1.0  # Retry-After of those 429s (fractions keep tests fast)
    server_error_next: int = 0  # ... with 500
    malformed_next: int = 0  # ... with a truncated JSON body
    delay: float = 0.0  # seconds before every API answer
    provider_link: str | None = None  # when set: every region's `watch/providers` link
    requests: Counter[str] = field(default_factory=Counter)
    _images: dict[tuple[str, int, int], bytes] = field(default_factory=dict, repr=False)

    def reset(self) -> None:
        """Clear faults and counters."""
        self.rate_limit_next = self.server_error_next = self.malformed_next = 0
        self.delay = 0.0
        self.provider_link = None
        self.requests.clear()

    # --- middleware: counting, faults, auth ------------------------------------------------

    def _authorized(self, request: web.Request) -> bool:
        auth = request.headers.get("Authorization", "")
        if auth:
            return auth == f"Bearer {self.read_token}"
        return request.query.get("api_key") == self.api_key

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Count every request; delay, fail or refuse API requests as configured."""
        self.requests[request.path] += 1
        if not request.path.startswith("/3/"):
            return await handler(request)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.rate_limit_next > 0:
            self.rate_limit_next -= 1
            response = _error(429, 25, "Your request count (41) is over the allowed limit of (40).")
            response.headers["Retry-After"] = f"{self.retry_after:g}"
            return response
        if self.server_error_next > 0:
            self.server_error_next -= 1
            return _error(500, 11, "Internal error: Something went wrong, contact TMDb.")
        if not self._authorized(request):
            return _error(401, 7, "Invalid API key: You must be granted a valid key.")
        if self.malformed_next > 0:
            self.malformed_next -= 1
            return web.Response(
                text='{"page": 1, "results": [{"id": 9', content_type="application/json"
            )
        return await handler(request)

    # --- API -------------------------------------------------------------------------------

    @staticmethod
    def _paged(request: web.Request, items: list[dict[str, Any]], **extra: Any) -> web.Response:
        raw = request.query.get("page", "1")
        if not raw.isdigit() or not 1 <= int(raw) <= 500:
            return _error(
                400,
                22,
                "Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.",
            )
        page = int(raw)
        start = (page - 1) * PAGE_SIZE
        return web.json_response(
            {
                "page": page,
                **extra,
                "results": items[start : start + PAGE_SIZE],
                "total_pages": max(1, -(-len(items) // PAGE_SIZE)),
                "total_results": len(items),
            }
        )

    async def configuration(self, request: web.Request) -> web.Response:
        """`GET /3/configuration`: images served by this simulator."""
        sockname = request.transport.get_extra_info("sockname") if request.transport else None
        port = sockname[1] if sockname else request.url.port
        base = f"http://127.0.0.1:{port}/t/p/"
        return web.json_response(
            {
                "change_keys": ["adult", "air_date", "cast", "images", "overview", "title"],
                "images": {
                    "base_url": base,
                    "secure_base_url": base,
                    "backdrop_sizes": ["w300", "w780", "w1280", "original"],
                    "logo_sizes": ["w45", "w92", "w154", "w185", "w300", "w500", "original"],
                    "poster_sizes": ["w92", "w154", "w185", "w342", "w500", "w780", "original"],
                    "profile_sizes": ["w45", "w185", "h632", "original"],
                    "still_sizes": ["w92", "w185", "w300", "original"],
                },
            }
        )

    async def trending(self, request: web.Request) -> web.Response:
        """`GET /3/trending/{all|movie|tv|person}/{day|week}`."""
        media, window = request.match_info["media"], request.match_info["window"]
        if media not in ("all", "movie", "tv", "person") or window not in ("day", "week"):
            return _not_found()
        people = catalogue.people()
        ranked = [t for t in catalogue.trending(window) if media in ("all", t.media_type)]
        items = [list_item(t, True) for t in ranked]
        stars = [(name, people[name]) for name in ("Buster Keaton", "Cary Grant", "Vincent Price")]
        if media == "person":
            items = [person_item(name, pid) for name, pid in stars]
        elif media == "all":  # TMDB mixes persons into "all"
            for position, (name, pid) in zip((2, 9, 25), stars, strict=True):
                items.insert(position, person_item(name, pid))
        return self._paged(request, items)

    def _list(self, media_type: catalogue.MediaType, titles: Iterable[Title]) -> Handler:
        items = [list_item(t) for t in titles]

        async def handler(request: web.Request) -> web.Response:
            return self._paged(request, items)

        handler.__doc__ = f"A {media_type} list."
        return handler

    async def _dated_list(self, request: web.Request, titles: list[Title]) -> web.Response:
        dates = {"maximum": "2026-12-31", "minimum": "2026-01-01"}
        return self._paged(request, [list_item(t) for t in titles], dates=dates)

    async def upcoming(self, request: web.Request) -> web.Response:
        """`GET /3/movie/upcoming`: the newest films first."""
        newest = sorted(catalogue.MOVIES, key=lambda t: (-t.year, t.tmdb_id))[:8]
        return await self._dated_list(request, newest)

    async def now_playing(self, request: web.Request) -> web.Response:
        """`GET /3/movie/now_playing`: open movies and restored silents."""
        playing = [t for t in catalogue.MOVIES if t.year >= 2006 or t.year < 1930]
        return await self._dated_list(request, playing)

    async def search(self, request: web.Request) -> web.Response:
        """`GET /3/search/{movie|tv|multi}?query=`: every word must appear in the title."""
        kind = request.match_info["kind"]
        words = request.query.get("query", "").casefold().split()
        items: list[tuple[float, dict[str, Any]]] = []
        if kind in ("movie", "multi"):
            year = _year_param(request, "year", "primary_release_year")
            items += [
                (t.popularity, list_item(t, kind == "multi"))
                for t in catalogue.MOVIES
                if _matches(t, words) and (kind == "multi" or year in (None, t.year))
            ]
        if kind in ("tv", "multi"):
            year = _year_param(request, "first_air_date_year", "year")
            items += [
                (t.popularity, list_item(t, kind == "multi"))
                for t in catalogue.SERIES
                if _matches(t, words) and (kind == "multi" or year in (None, t.year))
            ]
        if kind == "multi":
            items += [
                (5.0, person_item(name, pid))
                for name, pid in catalogue.people().items()
                if words and all(word in name.casefold() for word in words)
            ]
        items.sort(key=lambda pair: -pair[0])
        return self._paged(request, [item for _, item in items])

    def _title(self, request: web.Request) -> Title | None:
        kind = request.match_info["kind"]
        return catalogue.find(kind, int(request.match_info["id"]))

    async def details(self, request: web.Request) -> web.Response:
        """`GET /3/{movie|tv}/{id}` with `append_to_response`."""
        title = self._title(request)
        if title is None:
            return _not_found()
        body = details(title)
        for name in request.query.get("append_to_response", "").split(",")[:20]:
            if name.strip() in _APPENDABLE:
                body[name.strip()] = _APPENDABLE[name.strip()](title)
        if self.provider_link is not None and "watch/providers" in body:
            for region in body["watch/providers"]["results"].values():
                region["link"] = self.provider_link
        return web.json_response(body)

    async def sub_resource(self, request: web.Request) -> web.Response:
        """`GET /3/{movie|tv}/{id}/{credits|external_ids|watch/providers}`."""
        title = self._title(request)
        builder = _APPENDABLE.get(request.match_info["what"])
        if title is None or builder is None:
            return _not_found()
        return web.json_response(builder(title))

    async def unknown(self, _request: web.Request) -> web.Response:
        """Any other API path: TMDB's 404."""
        return _not_found()

    async def image(self, request: web.Request) -> web.Response:
        """`GET /t/p/{size}/{file}.png`: generated art (no auth, like TMDB's image CDN)."""
        stem = request.match_info["file"]
        size = image_size(request.match_info["size"], stem[:1])
        if size is None:
            raise web.HTTPNotFound
        key = (stem, *size)
        if key not in self._images:
            label = stem
            if stem[1:].isdigit():
                number = int(stem[1:])
                title = catalogue.find("movie", number) or catalogue.find("tv", number)
                names = {pid: name for name, pid in catalogue.people().items()}
                label = title.title if title else names.get(number, stem)
            self._images[key] = render_artwork(label, *size)
        return web.Response(
            body=self._images[key],
            content_type="image/png",
            headers={"Cache-Control": "public, max-age=31536000"},
        )

    # --- simulator control -----------------------------------------------------------------

    async def sim_fault(self, request: web.Request) -> web.Response:
        """`POST /sim/fault?mode=429|500|malformed|delay&count=N&retry_after=S&seconds=S`."""
        mode, count = request.query.get("mode", ""), int(request.query.get("count", "1"))
        if mode == "429":
            self.rate_limit_next = count
            self.retry_after = float(request.query.get("retry_after", self.retry_after))
        elif mode == "500":
            self.server_error_next = count
        elif mode == "malformed":
            self.malformed_next = count
        elif mode == "delay":
            self.delay = float(request.query.get("seconds", "0"))
        elif mode == "reset":
            self.reset()
        else:
            raise web.HTTPBadRequest(text="mode must be 429, 500, malformed, delay or reset")
        return web.json_response({"ok": True})

    async def sim_requests(self, _request: web.Request) -> web.Response:
        """`GET /sim/requests`: hits per path."""
        return web.json_response(dict(self.requests))

    def app(self) -> web.Application:
        """The aiohttp application serving the simulated API and images."""
        app = web.Application(middlewares=[self.middleware])
        add = app.router.add_get
        add("/3/configuration", self.configuration)
        add("/3/trending/{media}/{window}", self.trending)
        add("/3/movie/popular", self._list("movie", catalogue.popular("movie")))
        add(
            "/3/movie/top_rated",
            self._list("movie", sorted(catalogue.MOVIES, key=lambda t: (-t.rating, t.tmdb_id))),
        )
        add("/3/movie/upcoming", self.upcoming)
        add("/3/movie/now_playing", self.now_playing)
        add("/3/tv/popular", self._list("tv", catalogue.popular("tv")))
        add(
            "/3/tv/top_rated",
            self._list("tv", sorted(catalogue.SERIES, key=lambda t: (-t.rating, t.tmdb_id))),
        )
        add("/3/tv/on_the_air", self._list("tv", catalogue.SERIES[2:]))
        add("/3/search/{kind:movie|tv|multi}", self.search)
        add(r"/3/{kind:movie|tv}/{id:\d+}", self.details)
        add(
            r"/3/{kind:movie|tv}/{id:\d+}/{what:credits|external_ids|watch/providers}",
            self.sub_resource,
        )
        add("/3/{tail:.*}", self.unknown)
        add("/t/p/{size}/{file}.png", self.image)
        app.router.add_post("/sim/fault", self.sim_fault)
        add("/sim/requests", self.sim_requests)
        return app


async def start(simulator: TmdbSimulator, port: int = 0) -> tuple[web.AppRunner, int]:
    """Serve on 127.0.0.1 (port 0: any free port); returns the runner and the port."""
    return await serve(simulator.app(), port)


def main(argv: list[str] | None = None) -> None:
    """Command line: serve a simulator until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--api-key", default=DEFAULT_API_KEY)
    parser.add_argument("--read-token", default=DEFAULT_READ_TOKEN)
    args = parser.parse_args(argv)
    simulator = TmdbSimulator(api_key=args.api_key, read_token=args.read_token)
    run(simulator.app(), args.port)


if __name__ == "__main__":
    main()
