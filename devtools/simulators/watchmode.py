"""A Watchmode v1 simulator over the demo catalogue: search, sources, quota and rate limits.

It follows Watchmode's documented behaviour (../shared/notes/service-apis.md, section 10):
- `apiKey` query parameter; a wrong or missing key is 401, a used-up monthly quota 402, both as
  `{"success": false, "statusCode": N, "statusMessage": ...}`;
- every answer to a valid key carries `X-Account-Quota` and `X-Account-Quota-Used`; each call
  except `/status/` uses one unit of the quota;
- `/search/?search_field=tmdb_movie_id|tmdb_tv_id|imdb_id|name&search_value=` and
  `/title/{id}/sources/?regions=` (a Watchmode id or an IMDb `tt` id), with one source entry
  per service, type, region and format, as Watchmode lists them.
Watchmode ids are the simulator's own (never equal to the catalogue's TMDB ids).

Run standalone: `python -m devtools.simulators.watchmode --port 8766` prints `{"port": N}`.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from devtools.simulators import run, serve

from . import catalogue
from .catalogue import Title

DEFAULT_API_KEY = "wMsIm4pAndOrA0000000000000000000000000001"
DEFAULT_QUOTA = 1000  # the free tier's monthly calls, as commonly cited

# Watchmode source ids and web domains of the catalogue's services (ids are the simulator's).
SOURCES: dict[str, tuple[int, str]] = {
    "Tubi": (296, "tubitv.com"),
    "Plex": (538, "watch.plex.tv"),
    "Internet Archive": (1001, "archive.org"),
    "Kanopy": (372, "www.kanopy.com"),
    "BFI Player": (421, "player.bfi.org.uk"),
    "Apple TV": (349, "tv.apple.com"),
    "Amazon Video": (24, "www.amazon.com"),
    "YouTube": (344, "www.youtube.com"),
}
# Formats offered per kind, with prices for paid kinds.
_OFFERS: dict[str, tuple[tuple[str, float | None], ...]] = {
    "free": (("SD", None), ("HD", None)),
    "sub": (("HD", None),),
    "rent": (("SD", 2.99), ("HD", 3.99), ("4K", 5.99)),
    "buy": (("SD", 7.99), ("HD", 9.99)),
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def watchmode_id(title: Title) -> int:
    """The simulator's Watchmode id of a catalogue title."""
    return 1_300_000 + catalogue.TITLES.index(title) * 7 + 3


def _error(status: int, message: str) -> web.Response:
    body = {"success": False, "statusCode": status, "statusMessage": message}
    return web.json_response(body, status=status)


def search_result(title: Title) -> dict[str, Any]:
    """A `title_results` entry."""
    return {
        "resultType": "title",
        "id": watchmode_id(title),
        "name": title.title,
        "type": "movie" if title.media_type == "movie" else "tv_series",
        "year": title.year,
        "imdb_id": title.imdb_id,
        "tmdb_id": title.tmdb_id,
        "tmdb_type": title.media_type,
    }


def sources(title: Title, regions: set[str] | None) -> list[dict[str, Any]]:
    """Every source entry of a title in the wanted regions (None: every region)."""
    entries = []
    for region, name, kind in title.providers:
        if regions is not None and region not in regions:
            continue
        source_id, domain = SOURCES[name]
        for fmt, price in _OFFERS[kind]:
            url = f"https://{domain}/watch/{watchmode_id(title)}"
            entries.append(
                {
                    "source_id": source_id,
                    "name": name,
                    "type": kind,
                    "region": region,
                    "ios_url": url,
                    "android_url": url,
                    "web_url": url,
                    "format": fmt,
                    "price": price,
                    "seasons": len(title.seasons) if title.seasons else None,
                    "episodes": sum(title.seasons) if title.seasons else None,
                }
            )
    return entries


@dataclass
class WatchmodeSimulator:
    """State and routes of the simulated Watchmode; fault fields are meant to be set by tests."""

    api_key: str = DEFAULT_API_KEY
    quota: int = DEFAULT_QUOTA
    quota_used: int = 0
    rate_limit_next: int = 0  # answer this many requests with 429
    retry_after: float = 1.0
    server_error_next: int = 0  # ... with 500
    malformed_next: int = 0  # ... with a truncated JSON body (after charging the quota)
    web_urls: list[str] = field(default_factory=list)  # when set: the sources' web_url, in turn
    requests: Counter[str] = field(default_factory=Counter)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Count, refuse bad keys, rate-limit, charge the quota and add the quota headers."""
        self.requests[request.path] += 1
        if not request.path.startswith("/v1/"):
            return await handler(request)
        if request.query.get("apiKey") != self.api_key:
            return _error(401, "The apiKey parameter is missing or invalid.")
        response: web.StreamResponse
        if self.rate_limit_next > 0:
            self.rate_limit_next -= 1
            response = _error(429, "Too many requests, please slow down.")
            response.headers["Retry-After"] = f"{self.retry_after:g}"
        elif self.server_error_next > 0:
            self.server_error_next -= 1
            response = _error(500, "Internal server error.")
        elif request.path.rstrip("/") == "/v1/status":
            response = await handler(request)
        elif self.quota_used >= self.quota:
            response = _error(402, "Over quota: this account has used all its monthly calls.")
        else:
            self.quota_used += 1
            response = await handler(request)
            if self.malformed_next > 0:
                self.malformed_next -= 1
                response = web.Response(text='[{"source_id": 2', content_type="application/json")
        response.headers["X-Account-Quota"] = str(self.quota)
        response.headers["X-Account-Quota-Used"] = str(self.quota_used)
        return response

    async def status(self, _request: web.Request) -> web.Response:
        """`GET /v1/status/`: the quota (free of charge)."""
        return web.json_response({"quota": self.quota, "quotaUsed": self.quota_used})

    async def search(self, request: web.Request) -> web.Response:
        """`GET /v1/search/?search_field=&search_value=`."""
        search_field = request.query.get("search_field", "")
        value = request.query.get("search_value", "").strip()
        if not value:
            return _error(400, "search_value is required.")
        if search_field in ("tmdb_movie_id", "tmdb_tv_id"):
            kind = "movie" if search_field == "tmdb_movie_id" else "tv"
            found = catalogue.find(kind, int(value)) if value.isdigit() else None
            titles = [found] if found else []
        elif search_field == "imdb_id":
            titles = [t for t in catalogue.TITLES if t.imdb_id == value]
        elif search_field == "name":
            titles = [t for t in catalogue.TITLES if value.casefold() in t.title.casefold()]
        else:
            return _error(400, "search_field is invalid.")
        return web.json_response(
            {"title_results": [search_result(t) for t in titles], "people_results": []}
        )

    async def title_sources(self, request: web.Request) -> web.Response:
        """`GET /v1/title/{id}/sources/?regions=US,GB` (every region when not given)."""
        wanted = request.match_info["id"]
        for title in catalogue.TITLES:
            if wanted in (str(watchmode_id(title)), title.imdb_id):
                raw = request.query.get("regions", "")
                regions = {r.strip().upper() for r in raw.split(",") if r.strip()} or None
                entries = sources(title, regions)
                for index, entry in enumerate(entries if self.web_urls else ()):
                    entry["web_url"] = self.web_urls[index % len(self.web_urls)]
                return web.json_response(entries)
        return _error(404, "Title not found.")

    def app(self) -> web.Application:
        """The aiohttp application serving the simulated API (paths with or without `/`)."""
        app = web.Application(middlewares=[self.middleware])
        for path, handler in (
            ("/v1/status", self.status),
            ("/v1/search", self.search),
            ("/v1/title/{id}/sources", self.title_sources),
        ):
            app.router.add_get(path + "/", handler)
            app.router.add_get(path, handler)
        return app


async def start(simulator: WatchmodeSimulator, port: int = 0) -> tuple[web.AppRunner, int]:
    """Serve on 127.0.0.1 (port 0: any free port); returns the runner and the port."""
    return await serve(simulator.app(), port)


def main(argv: list[str] | None = None) -> None:
    """Command line: serve a simulator until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--api-key", default=DEFAULT_API_KEY)
    parser.add_argument("--quota", type=int, default=DEFAULT_QUOTA)
    args = parser.parse_args(argv)
    simulator = WatchmodeSimulator(api_key=args.api_key, quota=args.quota)
    run(simulator.app(), args.port)


if __name__ == "__main__":
    main()
