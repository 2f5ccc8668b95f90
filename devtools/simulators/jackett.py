"""A Jackett simulator speaking the Torznab API the way Jackett's source writes it.

Shapes follow ../shared/notes/service-apis.md §6 and Jackett's `ResultsController.cs`,
`ResultPage.cs` and `TorznabCapabilities.cs`:
- `GET /api/v2.0/indexers/{id|all}/results/torznab/api?apikey=…&t=caps|indexers|search|tvsearch|
  movie&q=&cat=&imdbid=&tmdbid=&season=&ep=&limit=&offset=`.
- A bad key answers HTTP 200 `<error code="100" description="Invalid API Key"/>` (set
  `auth_failure_status=401` to play an auth proxy in front of Jackett instead); an unknown or
  unconfigured indexer HTTP 200 error 201; an unsupported parameter HTTP 400 error 203.
- Results: RSS 2.0 with `xmlns:atom` and `xmlns:torznab`, items in Jackett's element order,
  `pubDate` as `ddd, dd MMM yyyy HH:mm:ss +0000`, `torznab:attr` elements only for known values,
  `peers` = seeders + leechers. `.torrent` links go through `/dl/{indexer}/?jackett_apikey=…`.
- `all` fans out to every configured indexer concurrently, drops the failing ones, orders by
  Jackett's "gain" (seeders × size in GiB) and applies `limit`.
Per-indexer failure modes: a delay, HTTP 500, 429 + `Retry-After` + error 900, 400 + error 900
(whose description quotes a proxied link with the key, as exception texts may: clients must
scrub it), or malformed XML.

Run standalone: `python -m devtools.simulators.jackett --port 9117` prints `{"port": N}`.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
import hashlib
import json
import re
from typing import Any
from urllib.parse import quote, urlencode
from xml.sax.saxutils import escape, quoteattr

from aiohttp import web

from devtools.simulators import run, serve

DEFAULT_API_KEY = "0123456789abcdefghijklmnopqrstuv"  # Jackett keys: 32 lowercase alphanumerics
TORZNAB_NS = "http://torznab.com/schemas/2015/feed"
ATOM_NS = "http://www.w3.org/2005/Atom"
TORZNAB_PATH = "/api/v2.0/indexers/{indexer}/results/torznab/api"

# Jackett's standard Torznab categories (a subset), id -> name.
DEFAULT_CATEGORIES: dict[int, str] = {
    2000: "Movies",
    2030: "Movies/SD",
    2040: "Movies/HD",
    2045: "Movies/UHD",
    5000: "TV",
    5030: "TV/SD",
    5040: "TV/HD",
    5045: "TV/UHD",
}
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_EPOCH = datetime(2026, 11, 1, 12, 0, 0, tzinfo=UTC)


class Failure(StrEnum):
    """How a simulated indexer fails its searches."""

    HTTP_500 = "http_500"  # the server crashes: 500 and a plain-text body
    RATE_LIMITED = "rate_limited"  # 429 + Retry-After + <error code="900">
    INDEXER_ERROR = "indexer_error"  # 400 + <error code="900"> with an exception text
    MALFORMED = "malformed"  # 200 and a truncated feed


@dataclass
class SimRelease:
    """One release an indexer knows. It needs an infohash (for a magnet) or torrent bytes."""

    title: str
    size: int | None = None
    seeders: int | None = None
    leechers: int | None = None
    infohash: str | None = None
    categories: tuple[int, ...] = (2000,)
    imdb_id: str | None = None  # "tt0133093"
    tmdb_id: int | None = None
    torrent_bytes: bytes | None = None
    tvdb_id: int | None = None
    grabs: int | None = None
    files: int | None = None
    publish_date: datetime | None = None
    download_volume_factor: float | None = 1.0
    upload_volume_factor: float | None = 1.0
    magnet: bool = True  # publish a magnet (needs the infohash)
    magnet_base32: bool = False  # write the magnet's btih in base32, as some trackers do
    publish_infohash: bool = True  # the `infohash` attr (Jackett omits it when unknown)

    def __post_init__(self) -> None:
        if not (self.infohash and self.magnet) and self.torrent_bytes is None:
            raise ValueError(f"{self.title}: Jackett needs a link or a magnet")

    def magnet_uri(self) -> str | None:
        """The magnet link, when the release publishes one."""
        if not (self.infohash and self.magnet):
            return None
        btih = self.infohash.lower()
        if self.magnet_base32:
            btih = base64.b32encode(bytes.fromhex(btih)).decode()
        trackers = "&tr=udp%3A%2F%2Ftracker.example.org%3A1337%2Fannounce"
        return f"magnet:?xt=urn:btih:{btih}&dn={quote(self.title)}{trackers}"


@dataclass
class SimIndexer:
    """A configured (or not) indexer, its catalogue and how it misbehaves."""

    id: str
    name: str
    releases: list[SimRelease] = field(default_factory=list)
    configured: bool = True
    type: str = "public"
    language: str = "en-US"
    description: str = ""
    delay: float = 0.0  # seconds before every search answer
    failure: Failure | None = None
    retry_after: int = 60
    categories: dict[int, str] = field(default_factory=lambda: dict(DEFAULT_CATEGORIES))
    tv_params: tuple[str, ...] = ("q", "season", "ep")
    movie_params: tuple[str, ...] = ("q", "imdbid")
    limits: tuple[int, int] | None = (100, 100)  # (default, max)

    @property
    def site_link(self) -> str:
        """The tracker's home page."""
        return f"https://{self.id}.example.org/"


# --- XML rendering, in Jackett's shapes ---------------------------------------------------------


def _element(tag: str, text: object = None, /, **attrs: object) -> str:
    attributes = "".join(f" {k}={quoteattr(str(v))}" for k, v in attrs.items())
    if text is None or text == "":
        return f"<{tag}{attributes} />"
    return f"<{tag}{attributes}>{escape(str(text))}</{tag}>"


def _document(lines: Iterable[str]) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines)).encode()


def xml_date(moment: datetime) -> str:
    """Jackett's `pubDate`: `Sat, 14 Mar 2015 17:10:42 -0400` (English, no colon in the offset)."""
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    zone = f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    return (
        f"{_DAYS[moment.weekday()]}, {moment.day:02d} {_MONTHS[moment.month - 1]} {moment.year} "
        f"{moment:%H:%M:%S} {zone}"
    )


def render_error(code: int, description: str) -> bytes:
    """`<error code=".." description=".."/>` as `ResultsController.CreateErrorXML` writes it."""
    return _document([_element("error", code=code, description=description)])


def _attr(name: str, value: object) -> str | None:
    # GetTorznabElement: a null value writes no element at all; doubles as XmlConvert does.
    if isinstance(value, float):
        value = int(value) if value.is_integer() else repr(value)
    return None if value is None else _element("torznab:attr", name=name, value=value)


def render_item(
    indexer: SimIndexer, index: int, release: SimRelease, server_url: str, api_key: str
) -> list[str]:
    """One `<item>` with Jackett's child order (ResultPage.ToXml)."""
    details = f"{indexer.site_link}torrent/{index}"
    magnet = release.magnet_uri()
    link = magnet
    if release.torrent_bytes is not None:
        link = download_link(server_url, indexer.id, index, release.title, api_key)
    peers = None
    if release.leechers is not None:
        peers = (release.seeders or 0) + release.leechers
    imdb_digits = None
    if release.imdb_id:
        imdb_digits = f"{int(release.imdb_id.removeprefix('tt')):07d}"
    published = release.publish_date or _EPOCH - timedelta(hours=index)
    children = [
        _element("title", release.title),
        _element("guid", details),
        _element("jackettindexer", indexer.name, id=indexer.id),
        _element("type", indexer.type),
        _element("comments", details),
        _element("pubDate", xml_date(published)),
        None if release.size is None else _element("size", release.size),
        None if release.files is None else _element("files", release.files),
        None if release.grabs is None else _element("grabs", release.grabs),
        _element("description"),
        _element("link", link),
        *(_element("category", c) for c in release.categories),
        (
            _element("enclosure", url=link, type="application/x-bittorrent")
            if release.size is None
            else _element(
                "enclosure", url=link, length=release.size, type="application/x-bittorrent"
            )
        ),
        *(_attr("category", c) for c in release.categories),
        _attr("tvdbid", release.tvdb_id),
        _attr("imdb", imdb_digits),
        _attr("imdbid", None if imdb_digits is None else f"tt{imdb_digits}"),
        _attr("tmdbid", release.tmdb_id),
        _attr("seeders", release.seeders),
        _attr("peers", peers),
        _attr(
            "infohash",
            release.infohash.lower() if release.publish_infohash and release.infohash else None,
        ),
        _attr("magneturl", magnet),
        _attr("downloadvolumefactor", release.download_volume_factor),
        _attr("uploadvolumefactor", release.upload_volume_factor),
    ]
    return ["    <item>", *(f"      {c}" for c in children if c is not None), "    </item>"]


def render_results(
    items: Sequence[tuple[SimIndexer, int, SimRelease]],
    *,
    server_url: str,
    api_key: str,
    channel: tuple[str, str, str] = (
        "AggregateSearch",
        "This feed includes all configured trackers",
        "http://127.0.0.1/",
    ),
) -> bytes:
    """A Torznab RSS feed as `ResultPage.ToXml` writes it."""
    lines = [
        f'<rss version="2.0" xmlns:atom="{ATOM_NS}" xmlns:torznab="{TORZNAB_NS}">',
        "  <channel>",
        "    " + _element("atom:link", href=server_url, rel="self", type="application/rss+xml"),
        f"    {_element('title', channel[0])}",
        f"    {_element('description', channel[1])}",
        f"    {_element('link', channel[2])}",
        f"    {_element('language', 'en-US')}",
        f"    {_element('category', 'search')}",
    ]
    for indexer, index, release in items:
        lines.extend(render_item(indexer, index, release, server_url, api_key))
    lines += ["  </channel>", "</rss>"]
    return _document(lines)


def _category_tree(categories: dict[int, str]) -> list[tuple[int, str, list[tuple[int, str]]]]:
    """Top-level categories with their subcats (Jackett lists tracker-specific ids first)."""
    tops = sorted(
        (c for c in categories if c % 1000 == 0 or c >= 100000),
        key=lambda c: "z" + str(c) if c < 100000 else categories[c],
    )
    return [
        (
            top,
            categories[top],
            [
                (s, categories[s])
                for s in sorted(categories)
                if s != top and s < 100000 and s // 1000 * 1000 == top
            ],
        )
        for top in tops
    ]


def caps_lines(
    categories: dict[int, str],
    tv_params: tuple[str, ...],
    movie_params: tuple[str, ...],
    limits: tuple[int, int] | None,
    indent: str = "",
) -> list[str]:
    """`<caps>` as `TorznabCapabilities.GetXDocument` writes it."""

    def mode(tag: str, params: tuple[str, ...]) -> str:
        available = "yes" if params else "no"
        return _element(tag, available=available, supportedParams=",".join(params or ("q",)))

    lines = ["<caps>", '  <server title="Jackett" />']
    if limits is not None:
        lines.append(f'  <limits max="{limits[1]}" default="{limits[0]}" />')
    lines += [
        "  <searching>",
        '    <search available="yes" supportedParams="q" />',
        f"    {mode('tv-search', tv_params)}",
        f"    {mode('movie-search', movie_params)}",
        '    <music-search available="no" supportedParams="q" />',
        '    <audio-search available="no" supportedParams="q" />',
        '    <book-search available="no" supportedParams="q" />',
        "  </searching>",
        "  <categories>",
    ]
    for top, name, subcats in _category_tree(categories):
        if not subcats:
            lines.append(f"    {_element('category', id=top, name=name)}")
            continue
        lines.append(f"    <category id={quoteattr(str(top))} name={quoteattr(name)}>")
        lines += [f"      {_element('subcat', id=s, name=n)}" for s, n in subcats]
        lines.append("    </category>")
    lines += ["  </categories>", "</caps>"]
    return [indent + line for line in lines]


def download_link(server_url: str, indexer_id: str, index: int, title: str, api_key: str) -> str:
    """Jackett's proxied download link (ServerService.ConvertToProxyLink)."""
    path = base64.urlsafe_b64encode(f"{indexer_id}:{index}".encode()).decode()
    query = urlencode({"jackett_apikey": api_key, "path": path, "file": title})
    return f"{server_url}dl/{indexer_id}/?{query}"


# --- matching -------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9]+")


def _tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(text.lower()))


def _category_matches(release: SimRelease, requested: Sequence[int]) -> bool:
    """A parent such as 2000 also selects its subcategories (Jackett expands them)."""
    return any(
        category in requested or category // 1000 * 1000 in requested
        for category in release.categories
    )


@dataclass
class _Query:
    mode: str
    q: str = ""
    categories: tuple[int, ...] = ()
    imdb_id: str | None = None
    tmdb_id: int | None = None
    season: int | None = None
    episode: int | None = None
    limit: int | None = None
    offset: int = 0

    def matches(self, release: SimRelease) -> bool:
        if self.q and not _tokens(self.q) <= _tokens(release.title):
            return False
        if self.categories and not _category_matches(release, self.categories):
            return False
        if self.imdb_id and release.imdb_id != self.imdb_id:
            return False
        if self.tmdb_id and release.tmdb_id != self.tmdb_id:
            return False
        if self.season is not None:
            # Jackett appends "S01" / "S01E02" to the tracker query.
            episode = rf"E{self.episode:02d}(?!\d)" if self.episode is not None else r"(?!\d)"
            if not re.search(rf"\bS{self.season:02d}{episode}", release.title, re.IGNORECASE):
                return False
        return True


def _normalized_imdb(value: str) -> str | None:
    digits = value.lower().removeprefix("tt")
    return f"tt{int(digits):07d}" if digits.isdigit() and int(digits) > 0 else None


def _int_param(value: str | None) -> int | None:
    return int(value) if value is not None and value.strip().lstrip("-").isdigit() else None


# --- the server ---------------------------------------------------------------------------------


def _xml(body: bytes, *, status: int = 200, content_type: str = "application/xml") -> web.Response:
    return web.Response(body=body, status=status, content_type=content_type, charset="utf-8")


def _error(code: int, description: str, status: int = 200) -> web.Response:
    return _xml(render_error(code, description), status=status)


class _Answer(Exception):
    """Answer this response now (a refused request, or a failed sub-search `all` drops)."""

    def __init__(self, response: web.Response) -> None:
        super().__init__(response.status)
        self.response = response


@dataclass
class JackettSimulator:
    """State and HTTP routes of the simulated Jackett server."""

    indexers: list[SimIndexer] = field(default_factory=list)
    api_key: str = DEFAULT_API_KEY
    auth_failure_status: int = 200  # Jackett's own answer; 401/403 plays an auth proxy
    # Every Torznab request: (indexer id, query parameters without the key).
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def indexer(self, indexer_id: str) -> SimIndexer:
        """The simulated indexer with this id (KeyError if none)."""
        return next(i for i in self.indexers if i.id == indexer_id)

    @property
    def configured(self) -> list[SimIndexer]:
        """The indexers `all` searches."""
        return [i for i in self.indexers if i.configured]

    def app(self) -> web.Application:
        """The aiohttp application."""
        app = web.Application()
        app.router.add_get(TORZNAB_PATH, self.torznab)
        app.router.add_get(TORZNAB_PATH + "/", self.torznab)
        app.router.add_get("/dl/{indexer}/", self.download)
        return app

    @staticmethod
    def _server_url(request: web.Request) -> str:
        return f"{request.scheme}://{request.host}/"

    # --- Torznab ----------------------------------------------------------------------------

    async def torznab(self, request: web.Request) -> web.Response:
        """`GET /api/v2.0/indexers/{id}/results/torznab/api`."""
        try:
            return await self._torznab(request)
        except _Answer as answer:
            return answer.response

    async def _torznab(self, request: web.Request) -> web.Response:
        query = request.query
        indexer_id = request.match_info["indexer"]
        key = query.get("apikey", query.get("passkey"))
        self.requests.append(
            (indexer_id, {k: v for k, v in query.items() if k not in ("apikey", "passkey")})
        )
        if key != self.api_key:
            if self.auth_failure_status != 200:
                raise _Answer(web.Response(status=self.auth_failure_status))
            raise _Answer(_error(100, "Invalid API Key"))
        indexer: SimIndexer | None = None
        if indexer_id != "all":
            indexer = next((i for i in self.indexers if i.id == indexer_id), None)
            if indexer is None:
                raise _Answer(_error(201, "Indexer is not supported"))
            if not indexer.configured:
                raise _Answer(_error(201, "Indexer is not configured"))
        kind = query.get("t", "").lower()
        if kind == "caps":
            return self._caps(indexer)
        if kind == "indexers":
            if indexer is not None:
                raise _Answer(_error(201, f"{indexer.id} does not support the requested query."))
            return self._indexers(query.get("configured", ""))
        if kind not in ("search", "tvsearch", "movie"):
            raise _Answer(_error(201, f"{indexer_id} does not support the requested query."))
        search = self._parse_query(kind, query)
        self._check_supported(indexer, search)
        if indexer is not None:
            items = await self._search_one(indexer, search, self._server_url(request))
        else:
            items = await self._search_all(search, self._server_url(request))
        page = items[search.offset :]
        if search.limit:
            page = page[: search.limit]
        server_url = self._server_url(request)
        if indexer is None:
            body = render_results(page, server_url=server_url, api_key=self.api_key)
        else:
            channel = (indexer.name, indexer.description or indexer.name, indexer.site_link)
            body = render_results(
                page, server_url=server_url, api_key=self.api_key, channel=channel
            )
        return _xml(body, content_type="application/rss+xml")

    def _parse_query(self, kind: str, query: Any) -> _Query:
        try:
            categories = tuple(int(c) for c in query.get("cat", "").split(",") if c.strip())
        except ValueError:
            raise _Answer(_error(201, "Incorrect parameter: cat", status=400)) from None
        imdb_id = None
        if query.get("imdbid"):
            imdb_id = _normalized_imdb(query["imdbid"])
            if imdb_id is None:
                raise _Answer(_error(201, "Incorrect parameter: invalid imdbid format", status=400))
        return _Query(
            mode=kind,
            q=query.get("q", ""),
            categories=categories,
            imdb_id=imdb_id,
            tmdb_id=_int_param(query.get("tmdbid")),
            season=_int_param(query.get("season")),
            episode=_int_param(query.get("ep")),
            limit=_int_param(query.get("limit")),
            offset=max(0, _int_param(query.get("offset")) or 0),
        )

    def _mode_params(self, indexer: SimIndexer | None, mode: str) -> tuple[str, ...] | None:
        """Parameters of a mode (None: mode unavailable); `all` has the union of its indexers."""
        sources = [indexer] if indexer is not None else self.configured
        params: list[str] = []
        for source in sources:
            own = {"search": ("q",), "tvsearch": source.tv_params, "movie": source.movie_params}
            params += [p for p in own[mode] if p not in params]
        return tuple(params) or None

    def _check_supported(self, indexer: SimIndexer | None, search: _Query) -> None:
        params = self._mode_params(indexer, search.mode)
        name = indexer.id if indexer is not None else "all"
        if params is None:
            raise _Answer(
                _error(
                    201,
                    f"{name} does not support the requested query. Please check the capabilities "
                    "(t=caps) and make sure the search mode and parameters are supported.",
                )
            )
        wanted = {
            "imdbid": search.imdb_id,
            "tmdbid": search.tmdb_id,
            "season": search.season,
            "ep": search.episode,
        }
        for param, value in wanted.items():
            if value is not None and search.mode != "search" and param not in params:
                label = "movie" if search.mode == "movie" else "TV"
                raise _Answer(
                    _error(
                        203,
                        f"Function Not Available: {param} is not supported for {label} search by "
                        "this indexer",
                        status=400,
                    )
                )

    async def _search_one(
        self, indexer: SimIndexer, search: _Query, server_url: str
    ) -> list[tuple[SimIndexer, int, SimRelease]]:
        if indexer.delay:
            await asyncio.sleep(indexer.delay)
        match indexer.failure:
            case Failure.HTTP_500:
                raise _Answer(web.Response(status=500, text="Internal Server Error"))
            case Failure.RATE_LIMITED:
                response = _error(
                    900,
                    f"Exception ({indexer.id}): The tracker answered 429 Too Many Requests",
                    status=429,
                )
                response.headers["Retry-After"] = str(indexer.retry_after)
                raise _Answer(response)
            case Failure.INDEXER_ERROR:
                link = download_link(server_url, indexer.id, 0, "x", self.api_key)
                raise _Answer(
                    _error(
                        900,
                        f"Jackett.Common.IndexerException: Exception ({indexer.id}): "
                        f"Response code 502 for link {link}\n   at Jackett.Common.Indexers."
                        "BaseWebIndexer.RequestWithCookiesAsync()",
                        status=400,
                    )
                )
            case Failure.MALFORMED:
                items = [(indexer, i, r) for i, r in enumerate(indexer.releases)]
                body = render_results(items, server_url=server_url, api_key=self.api_key)
                broken = body[: max(60, len(body) // 2)] + b"<item><title>cut &"
                raise _Answer(_xml(broken, content_type="application/rss+xml"))
        return [
            (indexer, index, release)
            for index, release in enumerate(indexer.releases)
            if search.matches(release)
        ]

    async def _search_all(
        self, search: _Query, server_url: str
    ) -> list[tuple[SimIndexer, int, SimRelease]]:
        """Jackett's meta indexer: concurrent sub-searches, failures dropped, best gain first."""
        able = [i for i in self.configured if self._mode_params(i, search.mode) is not None]

        async def dropping_failures(
            indexer: SimIndexer,
        ) -> list[tuple[SimIndexer, int, SimRelease]]:
            try:
                return await self._search_one(indexer, search, server_url)
            except _Answer:
                return []

        answers = await asyncio.gather(*(dropping_failures(i) for i in able))
        items = [item for answer in answers for item in answer]

        def gain(item: tuple[SimIndexer, int, SimRelease]) -> float:
            release = item[2]
            return (release.seeders or 0) * (release.size or 0) / 1024**3

        return sorted(items, key=gain, reverse=True)

    def _caps(self, indexer: SimIndexer | None) -> web.Response:
        if indexer is not None:
            lines = caps_lines(
                indexer.categories, indexer.tv_params, indexer.movie_params, indexer.limits
            )
        else:  # TorznabCapabilities.Concat of the configured indexers, without limits
            categories: dict[int, str] = {}
            for source in self.configured:
                categories |= {c: n for c, n in source.categories.items() if c < 100000}
            lines = caps_lines(
                categories,
                self._mode_params(None, "tvsearch") or (),
                self._mode_params(None, "movie") or (),
                None,
            )
        return _xml(_document(lines), content_type="application/rss+xml")

    def _indexers(self, configured: str) -> web.Response:
        chosen = self.indexers
        if configured.lower() == "true":
            chosen = [i for i in chosen if i.configured]
        elif configured.lower() == "false":
            chosen = [i for i in chosen if not i.configured]
        lines = ["<indexers>"]
        for indexer in chosen:
            flag = "true" if indexer.configured else "false"
            lines += [
                f"  <indexer id={quoteattr(indexer.id)} configured={quoteattr(flag)}>",
                f"    {_element('title', indexer.name)}",
                f"    {_element('description', indexer.description)}",
                f"    {_element('link', indexer.site_link)}",
                f"    {_element('language', indexer.language)}",
                f"    {_element('type', indexer.type)}",
                *caps_lines(
                    indexer.categories,
                    indexer.tv_params,
                    indexer.movie_params,
                    indexer.limits,
                    indent="    ",
                ),
                "  </indexer>",
            ]
        lines.append("</indexers>")
        return _xml(_document(lines))

    # --- proxied downloads --------------------------------------------------------------------

    async def download(self, request: web.Request) -> web.Response:
        """`GET /dl/{indexer}/?jackett_apikey=..&path=..&file=..`: the release's .torrent."""
        if request.query.get("jackett_apikey") != self.api_key:
            raise web.HTTPUnauthorized
        indexer_id = request.match_info["indexer"]
        try:
            owner, index = base64.urlsafe_b64decode(request.query["path"]).decode().split(":")
            release = self.indexer(owner).releases[int(index)]
        except (KeyError, ValueError, IndexError, StopIteration) as err:
            raise web.HTTPNotFound from err
        if owner != indexer_id or release.torrent_bytes is None:
            raise web.HTTPNotFound
        filename = quote(request.query.get("file", "download") + ".torrent")
        return web.Response(
            body=release.torrent_bytes,
            content_type="application/x-bittorrent",
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{filename}"},
        )


async def start(simulator: JackettSimulator, port: int = 0) -> tuple[web.AppRunner, int]:
    """Serve on 127.0.0.1 (port 0: any free port); returns the runner and the port."""
    # A client that gives up on a slow indexer cancels its handler, as Kestrel's RequestAborted
    # does, so stopping the simulator never waits for abandoned sleeps.
    return await serve(simulator.app(), port, handler_cancellation=True)


# --- standalone -----------------------------------------------------------------------------------


def fake_torrent(name: str, size: int) -> bytes:
    """A small, valid single-file bencoded .torrent (one piece hash per 16 MiB)."""
    piece = 16 * 1024 * 1024
    pieces = b"".join(
        hashlib.sha1(f"{name}:{i}".encode(), usedforsecurity=False).digest()
        for i in range(max(1, -(-size // piece)))
    )
    raw_name = name.encode()
    info = b"d6:lengthi%de4:name%d:%s12:piece lengthi%de6:pieces%d:%se" % (
        size,
        len(raw_name),
        raw_name,
        piece,
        len(pieces),
        pieces,
    )
    announce = b"udp://tracker.example.org:1337/announce"
    return b"d8:announce%d:%s4:info%se" % (len(announce), announce, info)


def torrent_infohash(torrent: bytes) -> str:
    """The v1 infohash of a torrent made by `fake_torrent` (its info dict runs to the end)."""
    start_at = torrent.index(b"4:info") + len(b"4:info")
    return hashlib.sha1(torrent[start_at:-1], usedforsecurity=False).hexdigest()


def _hash(title: str) -> str:
    return hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()


def default_catalogue() -> list[SimIndexer]:
    """A few indexers with overlapping releases, for manual runs and the benchmark."""
    gib = 1024**3
    matrix = SimRelease(
        "The.Matrix.1999.1080p.BluRay.x264",
        size=10 * gib,
        seeders=120,
        leechers=7,
        infohash=_hash("matrix-1080p"),
        categories=(2000, 2040),
        imdb_id="tt0133093",
        tmdb_id=603,
    )
    episode_title = "Severance.S02E03.Who.Is.Alive.2160p.ATVP.WEB-DL.DDP5.1.H.265"
    episode_torrent = fake_torrent(episode_title + ".mkv", 6 * gib)
    return [
        SimIndexer(
            "1337x",
            "1337x",
            releases=[
                matrix,
                SimRelease(
                    "The.Matrix.Reloaded.2003.2160p.UHD.BluRay.x265",
                    size=60 * gib,
                    seeders=40,
                    leechers=3,
                    infohash=_hash("reloaded-2160p"),
                    categories=(2000, 2045),
                    imdb_id="tt0234215",
                    tmdb_id=604,
                ),
            ],
        ),
        SimIndexer(
            "thepiratebay",
            "The Pirate Bay",
            releases=[
                SimRelease(
                    matrix.title,
                    size=matrix.size,
                    seeders=80,
                    leechers=12,
                    infohash=matrix.infohash,
                    categories=(2000,),
                    imdb_id=matrix.imdb_id,
                    magnet_base32=True,
                    publish_infohash=False,
                ),
                SimRelease(
                    episode_title,
                    size=6 * gib,
                    seeders=300,
                    leechers=25,
                    infohash=torrent_infohash(episode_torrent),
                    categories=(5000, 5045),
                    tvdb_id=371980,
                ),
            ],
        ),
        SimIndexer(
            "torrentleech",
            "TorrentLeech",
            type="private",
            releases=[
                SimRelease(
                    episode_title,
                    size=6 * gib,
                    seeders=950,
                    leechers=40,
                    infohash=torrent_infohash(episode_torrent),
                    categories=(5000, 5045),
                    torrent_bytes=episode_torrent,
                    magnet=False,
                    tvdb_id=371980,
                    download_volume_factor=0.0,
                ),
            ],
        ),
        SimIndexer("rarbg", "RARBG", configured=False),
    ]


def releases_from_file(path: str) -> SimIndexer:
    """An indexer whose releases come from a JSON file (the demo's locally seeded torrents).

    Each item: {"title", "size", "seeders", "leechers", "infohash", "torrent" (path to the
    .torrent file), "categories", "imdb_id", "tmdb_id"}.
    """
    with open(path, encoding="utf-8") as fh:
        items = json.load(fh)
    releases = []
    for item in items:
        with open(item["torrent"], "rb") as torrent:
            content = torrent.read()
        releases.append(
            SimRelease(
                item["title"],
                size=item.get("size"),
                seeders=item.get("seeders"),
                leechers=item.get("leechers"),
                infohash=item.get("infohash"),
                categories=tuple(item.get("categories", (2000,))),
                imdb_id=item.get("imdb_id"),
                tmdb_id=item.get("tmdb_id"),
                torrent_bytes=content,
                magnet=False,
            )
        )
    return SimIndexer("pandora-demo", "Pandora Demo Tracker", releases=releases)


def main(argv: list[str] | None = None) -> None:
    """Command line: serve a simulator until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--api-key", default=DEFAULT_API_KEY)
    parser.add_argument("--releases", help="JSON file of extra releases (see releases_from_file)")
    args = parser.parse_args(argv)
    # With --releases (the demo), only releases that really download are offered.
    indexers = [releases_from_file(args.releases)] if args.releases else default_catalogue()
    simulator = JackettSimulator(indexers=indexers, api_key=args.api_key)
    run(simulator.app(), args.port, handler_cancellation=True)


if __name__ == "__main__":
    main()
