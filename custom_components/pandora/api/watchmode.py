"""Async Watchmode v1 client: where a TMDB title streams, rents or sells, per region.

Facts (../shared/notes/service-apis.md, section 10):
- the key is the `apiKey` query parameter; errors are
  `{"success": false, "statusCode": N, "statusMessage": ...}` with 401 bad key, 402 monthly quota
  used up, 404, 429;
- `/search/?search_field=tmdb_movie_id|tmdb_tv_id&search_value=` maps a TMDB id to a Watchmode
  id, `/title/{id}/sources/?regions=` lists one entry per source, type, region *and format*;
- every answer carries `X-Account-Quota`/`X-Account-Quota-Used`; `/status/` reports them too.
The key travels in the URL, so every error message is built (or scrubbed) without it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
import re
from typing import Any

import aiohttp

from .errors import (
    InvalidAuth,
    PandoraError,
    ParseError,
    QuotaExceeded,
)
from .http import HttpResponse, fetch, redact, status_error
from .tmdb_models import MediaType

DEFAULT_BASE_URL = "https://api.watchmode.com/v1"
SOURCE_TYPES = ("free", "sub", "tve", "rent", "buy")  # also the order users see them in
# Higher is better; Watchmode lists one entry per format of the same offer.
_FORMAT_RANK = {"SD": 1, "HD": 2, "4K": 3, "UHD": 3}
_IMDB_ID = re.compile(r"tt\d{5,10}")


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True, slots=True)
class StreamingSource:
    """One way to watch a title: a service, how (sub/free/tve/rent/buy), where and at what."""

    source_id: int
    name: str
    type: str
    region: str
    web_url: str | None
    format: str | None
    price: float | None

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> StreamingSource | None:
        """Build from one `/sources/` entry; None when it names no service."""
        name = _str(data.get("name"))
        source_id = _int(data.get("source_id"))
        if name is None or source_id is None:
            return None
        price = data.get("price")
        return cls(
            source_id=source_id,
            name=name,
            type=(_str(data.get("type")) or "unknown").lower(),
            region=(_str(data.get("region")) or "").upper(),
            web_url=_str(data.get("web_url")),
            format=_str(data.get("format")),
            price=float(price) if isinstance(price, int | float) and price >= 0 else None,
        )

    @property
    def format_rank(self) -> int:
        """How good the format is (4K > HD > SD > unknown)."""
        return _FORMAT_RANK.get((self.format or "").upper(), 0)


@dataclass(frozen=True, slots=True)
class WatchmodeStatus:
    """The account's monthly quota from `/status/`."""

    quota: int | None
    quota_used: int | None

    @property
    def remaining(self) -> int | None:
        """Calls left this month (None when unknown)."""
        if self.quota is None or self.quota_used is None:
            return None
        return max(0, self.quota - self.quota_used)


def best_sources(
    sources: Sequence[StreamingSource], regions: Sequence[str] = ()
) -> list[StreamingSource]:
    """One entry per service and type: the best format, else the first region, else cheapest.

    Sorted free, sub, tve, rent, buy, then by name.
    """
    region_rank = {region.upper(): index for index, region in enumerate(regions)}

    def preference(source: StreamingSource) -> tuple[int, int, float]:
        return (
            -source.format_rank,
            region_rank.get(source.region, len(region_rank)),
            source.price if source.price is not None else 0.0,
        )

    best: dict[tuple[str, str], StreamingSource] = {}
    for source in sources:
        key = (source.name.casefold(), source.type)
        kept = best.get(key)
        if kept is None or preference(source) < preference(kept):
            best[key] = source
    order = {kind: index for index, kind in enumerate(SOURCE_TYPES)}
    return sorted(best.values(), key=lambda s: (order.get(s.type, len(order)), s.name.casefold()))


@dataclass
class WatchmodeClient:
    """Talks to the Watchmode API with one API key."""

    session: aiohttp.ClientSession
    api_key: str = field(repr=False)
    base_url: str = DEFAULT_BASE_URL
    regions: tuple[str, ...] = ("US",)
    verify_ssl: bool = True
    request_timeout: float = 15.0
    # Refreshed from the quota headers of every answer (and `/status/`).
    quota: int | None = field(default=None, init=False)
    quota_used: int | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.api_key = self.api_key.strip()

    async def _get(self, path: str, params: Mapping[str, str] | None = None) -> Any:
        """GET a path below the base URL (always with a trailing slash) and decode the JSON."""
        url = f"{self.base_url.rstrip('/')}/{path.strip('/')}/"
        resp = await fetch(
            self.session,
            "GET",
            url,
            params={**(params or {}), "apiKey": self.api_key},
            headers={"Accept": "application/json"},
            request_timeout=self.request_timeout,
            verify_ssl=self.verify_ssl,
            secrets=(self.api_key,),
        )
        self._read_quota(resp)
        if resp.status == 200:
            return resp.json("Watchmode", path)
        raise self._error(resp, path)

    def _read_quota(self, resp: HttpResponse) -> None:
        quota = _int(resp.headers.get("X-Account-Quota"))
        used = _int(resp.headers.get("X-Account-Quota-Used"))
        if quota is not None:
            self.quota = quota
        if used is not None:
            self.quota_used = used

    def _error(self, resp: HttpResponse, path: str) -> PandoraError:
        message = resp.reason()
        body = resp.details()
        if isinstance(body, dict) and isinstance(body.get("statusMessage"), str):
            message = body["statusMessage"][:200]
        message = redact(message, (self.api_key,))
        if resp.status == 401:
            return InvalidAuth(f"Watchmode refused the API key: {message}")
        if resp.status == 402:
            return QuotaExceeded(f"Watchmode quota used up: {message}")
        return status_error(resp, "Watchmode", path, message, server_error=False)

    async def check(self) -> WatchmodeStatus:
        """The quota status; a cheap call that proves the key works (the connection test)."""
        data = await self._get("status")
        if not isinstance(data, dict):
            raise ParseError("Watchmode status is not a JSON object")
        quota, used = _int(data.get("quota")), _int(data.get("quotaUsed"))
        self.quota = quota if quota is not None else self.quota
        self.quota_used = used if used is not None else self.quota_used
        return WatchmodeStatus(self.quota, self.quota_used)

    async def lookup(self, tmdb_id: int, media_type: MediaType) -> int | None:
        """The Watchmode id of a TMDB movie or series (None if Watchmode does not know it)."""
        if media_type not in ("movie", "tv"):
            raise ValueError(f"media_type must be movie or tv, not {media_type!r}")
        data = await self._get(
            "search",
            {"search_field": f"tmdb_{media_type}_id", "search_value": str(int(tmdb_id))},
        )
        if not isinstance(data, dict):
            raise ParseError("Watchmode search answer is not a JSON object")
        results = data.get("title_results")
        if not isinstance(results, list):
            raise ParseError("Watchmode search answer has no title_results list")
        for item in results:
            if not isinstance(item, dict) or item.get("resultType", "title") != "title":
                continue
            if item.get("tmdb_type") not in (None, media_type):
                continue  # a movie and a series may share a TMDB number
            if (watchmode_id := _int(item.get("id"))) is not None:
                return watchmode_id
        return None

    async def sources(
        self, title_id: int | str, regions: Sequence[str] | None = None
    ) -> list[StreamingSource]:
        """Every source entry of a title (Watchmode id or IMDb `tt` id), as Watchmode lists them."""
        if isinstance(title_id, str) and not _IMDB_ID.fullmatch(title_id):
            raise ValueError(f"not a Watchmode or IMDb id: {title_id!r}")
        wanted = ",".join(r.upper() for r in (regions or self.regions))
        data = await self._get(f"title/{title_id}/sources", {"regions": wanted})
        if not isinstance(data, list):
            raise ParseError("Watchmode sources answer is not a list")
        parsed = (StreamingSource.parse(item) for item in data if isinstance(item, dict))
        return [source for source in parsed if source is not None]

    async def availability(
        self, tmdb_id: int, media_type: MediaType, regions: Sequence[str] | None = None
    ) -> list[StreamingSource]:
        """Where a TMDB title can be watched: one entry per service and type, best format.

        Two calls (lookup, sources) against the monthly quota; none is made for sources when
        Watchmode does not know the title.
        """
        watchmode_id = await self.lookup(tmdb_id, media_type)
        if watchmode_id is None:
            return []
        wanted = tuple(regions or self.regions)
        return best_sources(await self.sources(watchmode_id, wanted), wanted)
