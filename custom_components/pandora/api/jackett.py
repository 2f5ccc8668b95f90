"""Async Jackett client (Torznab API) on an injected aiohttp session.

Facts it relies on (../shared/notes/service-apis.md §6, Jackett's ResultsController.cs):
- One route, `api/v2.0/indexers/{id|all}/results/torznab/api?t=…&apikey=…`.
- A bad key answers HTTP 200 with `<error code="100"/>`; auth proxies answer 401/403.
- Indexer failures answer 400 with error 900; a rate-limited indexer 429 + `Retry-After`.
- Results link through Jackett's `/dl/` proxy with `jackett_apikey=` in the URL, so the key is
  scrubbed from every error message this client raises.
`search_indexers` asks several indexers at once, so one slow or broken tracker costs its own
timeout, not the whole search.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
import time
from typing import Literal
from urllib.parse import quote

from yarl import URL

from .errors import InvalidAuth, PandoraError, ParseError, RateLimited, ServiceError
from .http import HttpResponse, KeyedClient, fetch, retry_after
from .jackett_models import (
    JackettCaps,
    JackettIndexer,
    TorznabResult,
    normalize_imdb_id,
    parse_caps,
    parse_indexers,
    parse_results,
)

ALL = "all"
MAX_BYTES = 10 * 1024 * 1024  # a 1000-result page of long titles is ~2 MB
DEFAULT_PER_INDEXER_TIMEOUT = 30.0
SEARCH_MODES = ("search", "movie", "tvsearch")

SearchModeName = Literal["search", "movie", "tvsearch"]


class IndexerState(StrEnum):
    """How one indexer's part of a multi-indexer search ended."""

    OK = "ok"
    ERROR = "error"
    TIMEOUT = "timeout"


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexerStatus:
    """One indexer's part of `search_indexers`."""

    indexer: str
    state: IndexerState
    elapsed_ms: int
    results: int = 0
    error: str | None = None
    retry_after: float | None = None  # set when the indexer asked us to slow down


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    """Merged results of several indexers and how each of them fared."""

    results: list[TorznabResult]
    statuses: tuple[IndexerStatus, ...]

    @property
    def by_indexer(self) -> dict[str, IndexerStatus]:
        """Statuses keyed by indexer id."""
        return {status.indexer: status for status in self.statuses}

    @property
    def complete(self) -> bool:
        """Every indexer answered."""
        return all(status.state is IndexerState.OK for status in self.statuses)


def _rank(result: TorznabResult) -> int:
    return result.seeders if result.seeders is not None else -1


def merge_results(*lists: Iterable[TorznabResult]) -> list[TorznabResult]:
    """Merge result lists (indexers or Jackett instances), one entry per torrent.

    Duplicates share an infohash (or, without one, a guid); the entry with the most seeders
    wins. Order is that of each torrent's first appearance.
    """
    merged: dict[tuple[str, str], TorznabResult] = {}
    for results in lists:
        for result in results:
            key = ("infohash", result.infohash) if result.infohash else ("guid", result.guid)
            kept = merged.get(key)
            if kept is None or _rank(result) > _rank(kept):
                merged[key] = result  # replacing a value keeps the key's position
    return list(merged.values())


def search_params(
    query: str = "",
    *,
    categories: Sequence[int] = (),
    imdb_id: str | None = None,
    tmdb_id: int | None = None,
    season: int | None = None,
    episode: int | None = None,
    mode: str = "search",
    limit: int | None = None,
) -> dict[str, str]:
    """The Torznab query parameters of a search (without the API key); ValueError if invalid."""
    if mode not in SEARCH_MODES:
        raise ValueError(f"unknown search mode {mode!r}; use one of {SEARCH_MODES}")
    if episode is not None and season is None:
        raise ValueError("an episode needs a season")
    params = {"t": mode, "q": query.strip()}
    if categories:
        params["cat"] = ",".join(str(int(c)) for c in categories)
    if imdb_id is not None:
        normalized = normalize_imdb_id(imdb_id)
        if normalized is None:
            raise ValueError(f"not an IMDb id: {imdb_id!r}")
        params["imdbid"] = normalized
    if tmdb_id is not None:
        params["tmdbid"] = str(int(tmdb_id))
    if season is not None:
        params["season"] = str(int(season))
    if episode is not None:
        params["ep"] = str(int(episode))
    if limit is not None:
        params["limit"] = str(max(1, int(limit)))
    return params


@dataclass
class JackettClient(KeyedClient):
    """Talks to one Jackett server."""

    request_timeout: float = 20.0  # Jackett waits for slow indexers itself

    @property
    def base_url(self) -> URL:
        """The server root, always ending with a slash (reverse-proxy sub-paths work)."""
        url = URL(self.url)
        return url if url.path.endswith("/") else url.with_path(url.path + "/")

    def _endpoint(self, indexer: str) -> str:
        if not indexer or not indexer.strip():
            raise ValueError("an indexer id is required (or 'all')")
        segment = quote(indexer.strip(), safe="")
        root = str(self.base_url).rstrip("/")  # yarl prints an empty root path without "/"
        return f"{root}/api/v2.0/indexers/{segment}/results/torznab/api"

    # --- transport --------------------------------------------------------------------------

    async def _torznab[T](
        self,
        indexer: str,
        params: Mapping[str, str],
        parse: Callable[[bytes, int], T],
        *,
        request_timeout: float | None = None,
    ) -> T:
        """GET the Torznab route and parse the answer; every error message is key-free."""
        try:
            resp = await fetch(
                self.session,
                "GET",
                self._endpoint(indexer),
                params={**params, "apikey": self.api_key},
                request_timeout=request_timeout or self.request_timeout,
                verify_ssl=self.verify_ssl,
                max_bytes=MAX_BYTES,
                secrets=(self.api_key,),
            )
            return self._interpret(indexer, resp, parse)
        except PandoraError as err:  # an error document may echo the key itself
            err.args = tuple(self._scrub(a) if isinstance(a, str) else a for a in err.args)
            raise

    def _interpret[T](
        self, indexer: str, resp: HttpResponse, parse: Callable[[bytes, int], T]
    ) -> T:
        status = resp.status
        if status == 200:
            return parse(resp.body, status)
        if status in (401, 403):
            raise InvalidAuth(f"Jackett refused the API key (HTTP {status})")
        if status == 429:
            wait = retry_after(resp.headers)
            hint = f"; retry after {wait:g} s" if wait is not None else ""
            raise RateLimited(f"Indexer {indexer} is rate limited{hint}", retry_after=wait)
        if 300 <= status < 400:
            raise ServiceError(f"Jackett redirected the request (HTTP {status}); check the URL")
        try:
            parse(resp.body, status)  # an <error> document raises its mapped error
        except ParseError as err:
            raise ServiceError(f"Jackett answered HTTP {status} for indexer {indexer}") from err
        raise ServiceError(f"Jackett answered HTTP {status} for indexer {indexer}")

    # --- API --------------------------------------------------------------------------------

    async def caps(self, indexer: str = ALL) -> JackettCaps:
        """What `indexer` (or the aggregate of all configured ones) can search for."""
        return await self._torznab(
            indexer, {"t": "caps"}, lambda body, status: parse_caps(body, http_status=status)
        )

    async def indexers(self) -> list[JackettIndexer]:
        """The configured indexers, each with its caps."""
        found = await self._torznab(
            ALL,
            {"t": "indexers", "configured": "true"},
            lambda body, status: parse_indexers(body, http_status=status),
        )
        return [indexer for indexer in found if indexer.configured]

    async def search(
        self,
        query: str = "",
        *,
        indexer: str = ALL,
        categories: Sequence[int] = (),
        imdb_id: str | None = None,
        tmdb_id: int | None = None,
        season: int | None = None,
        episode: int | None = None,
        mode: SearchModeName = "search",
        limit: int | None = None,
    ) -> list[TorznabResult]:
        """Search one indexer (or `all`: Jackett then fans out itself and drops failures)."""
        params = search_params(
            query,
            categories=categories,
            imdb_id=imdb_id,
            tmdb_id=tmdb_id,
            season=season,
            episode=episode,
            mode=mode,
            limit=limit,
        )
        return await self._search(indexer, params)

    async def _search(
        self, indexer: str, params: Mapping[str, str], request_timeout: float | None = None
    ) -> list[TorznabResult]:
        return await self._torznab(
            indexer,
            params,
            lambda body, status: parse_results(body, indexer, http_status=status),
            request_timeout=request_timeout,
        )

    async def search_indexers(
        self,
        query: str,
        indexers: Sequence[str],
        per_indexer_timeout: float = DEFAULT_PER_INDEXER_TIMEOUT,
        *,
        categories: Sequence[int] = (),
        imdb_id: str | None = None,
        tmdb_id: int | None = None,
        season: int | None = None,
        episode: int | None = None,
        mode: SearchModeName = "search",
        limit: int | None = None,
    ) -> SearchOutcome:
        """Search several indexers concurrently and merge what they found.

        Wall time is that of the slowest indexer, at most `per_indexer_timeout`; an indexer
        that fails or times out only marks its own status. A refused key raises `InvalidAuth`.
        """
        # Bad arguments are the caller's bug: raise them once, before any request.
        params = search_params(
            query,
            categories=categories,
            imdb_id=imdb_id,
            tmdb_id=tmdb_id,
            season=season,
            episode=episode,
            mode=mode,
            limit=limit,
        )

        async def one(indexer: str) -> tuple[list[TorznabResult], IndexerStatus]:
            started = time.monotonic()

            def status(
                state: IndexerState,
                *,
                results: int = 0,
                error: str | None = None,
                wait: float | None = None,
            ) -> IndexerStatus:
                return IndexerStatus(
                    indexer=indexer,
                    state=state,
                    elapsed_ms=round((time.monotonic() - started) * 1000),
                    results=results,
                    error=error,
                    retry_after=wait,
                )

            try:
                async with asyncio.timeout(per_indexer_timeout):
                    # fetch's own timeout must not beat ours, or a timeout would look like an error
                    results = await self._search(indexer, params, per_indexer_timeout + 5)
            except TimeoutError:
                message = f"no answer within {per_indexer_timeout:g} s"
                return [], status(IndexerState.TIMEOUT, error=message)
            except RateLimited as err:
                return [], status(IndexerState.ERROR, error=str(err), wait=err.retry_after)
            except InvalidAuth:
                raise  # the key is the server's: every indexer refuses it, the search fails
            except PandoraError as err:
                return [], status(IndexerState.ERROR, error=str(err) or type(err).__name__)
            return results, status(IndexerState.OK, results=len(results))

        unique = list(dict.fromkeys(i.strip() for i in indexers if i.strip()))
        answers = await asyncio.gather(*(one(indexer) for indexer in unique))
        return SearchOutcome(
            results=merge_results(*(results for results, _ in answers)),
            statuses=tuple(status for _, status in answers),
        )
