"""Torrent search across every Jackett subentry, ranked, and downloading a chosen result.

Results are kept in memory for a while under an opaque `result_id`: Jackett's `.torrent` links
carry its API key, so they never leave the backend; `download_release` takes the id.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
import hashlib
import time
from typing import Any, Final

import aiohttp
from yarl import URL

from ..api.errors import TRANSIENT_ERRORS, CannotConnect, InvalidAuth, PandoraError, ServiceError
from ..api.http import fetch
from ..api.jackett import ALL, JackettClient, merge_results
from ..api.jackett_models import TorznabResult
from ..hub.coordinator import keyed_client_factory
from ..hub.errors import safe_text
from .ranking import RankedResult, RankingPreferences, rank

# Torznab's standard top-level categories.
CATEGORY_IDS: Final = {"movies": (2000,), "tv": (5000,), "all": ()}
RESULT_TTL: Final = 3600.0
MAX_KEPT_RESULTS: Final = 2000
DEFAULT_LIMIT: Final = 25


@dataclass(frozen=True, slots=True)
class JackettInstance:
    """One Jackett subentry: its client, title and the indexers it should search."""

    subentry_id: str
    title: str
    client: JackettClient
    indexers: tuple[str, ...] = ()


def result_id(result: TorznabResult) -> str:
    """A stable id: the infohash when known, else a digest of the guid."""
    if result.infohash:
        return result.infohash
    return hashlib.sha1(result.guid.encode(), usedforsecurity=False).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class RankedSearch:
    """One search's every result, ranked best first, and how each Jackett answered."""

    query: str
    total: int
    ranked: list[RankedResult[TorznabResult]]
    instances: list[dict[str, Any]]
    # No Jackett could answer, each for a reason that passes (down, busy, its key refused until
    # re-authenticated): "nothing found" would be a guess.
    unanswered: bool = False

    def errors(self) -> list[str]:
        """What went wrong per Jackett ("Title: error"), for messages."""
        return [
            f"{status['instance']}: {status.get('error') or status['state']}"
            for status in self.instances
            if status.get("state") == "error"
        ]


@dataclass
class ReleaseSearch:
    """Fan a query out to every Jackett, merge, rank, and remember the results.

    `on_refused` is told the subentry id of a Jackett that refused its key (to start reauth).
    """

    instances: list[JackettInstance]
    on_refused: Callable[[str], None] | None = None
    _kept: OrderedDict[str, tuple[float, TorznabResult]] = field(
        default_factory=OrderedDict, init=False
    )

    async def _search_one(
        self, instance: JackettInstance, query: str, categories: tuple[int, ...]
    ) -> tuple[list[TorznabResult], dict[str, Any], bool]:
        """Its results, its status for the answer, and whether it was away (not answering)."""
        started = time.monotonic()
        status: dict[str, Any] = {"instance": instance.title, "state": "ok"}
        away = False
        try:
            if instance.indexers:
                outcome = await instance.client.search_indexers(
                    query, instance.indexers, categories=categories
                )
                results = outcome.results
                status["indexers"] = [
                    {
                        "indexer": s.indexer,
                        "state": s.state.value,
                        "error": safe_text(s.error) if s.error else None,
                    }
                    for s in outcome.statuses
                ]
                if not outcome.complete:
                    status["state"] = "partial"
            else:
                results = await instance.client.search(query, indexer=ALL, categories=categories)
        except PandoraError as err:
            results = []
            status |= {"state": "error", "error": safe_text(err)}
            away = isinstance(err, (*TRANSIENT_ERRORS, InvalidAuth))
            if isinstance(err, InvalidAuth) and self.on_refused is not None:
                self.on_refused(instance.subentry_id)
        status["elapsed_ms"] = round((time.monotonic() - started) * 1000)
        status["results"] = len(results)
        return results, status, away

    async def search_ranked(
        self, query: str, prefs: RankingPreferences, *, category: str = "all"
    ) -> RankedSearch:
        """Search every Jackett at once and rank every result (rejected ones included)."""
        categories = CATEGORY_IDS[category]
        answers = await asyncio.gather(
            *(self._search_one(i, query, categories) for i in self.instances)
        )
        merged = merge_results(*(results for results, _, _ in answers))
        return RankedSearch(
            query=query,
            total=len(merged),
            ranked=rank(merged, prefs),
            instances=[status for _, status, _ in answers],
            unanswered=bool(answers) and all(away for _, _, away in answers),
        )

    async def search(
        self,
        query: str,
        prefs: RankingPreferences,
        *,
        category: str = "all",
        limit: int = DEFAULT_LIMIT,
        include_rejected: bool = False,
    ) -> dict[str, Any]:
        """Search every Jackett at once; one failing instance only marks its status."""
        found = await self.search_ranked(query, prefs, category=category)
        ranked = found.ranked
        shown = [r for r in ranked if r.accepted or include_rejected][:limit]
        self._keep(r.item for r in shown)
        return {
            "query": query,
            "total": found.total,
            "accepted": sum(r.accepted for r in ranked),
            "results": [ranked_as_dict(r) for r in shown],
            "instances": found.instances,
        }

    def _keep(self, results: Any) -> None:
        now = time.monotonic()
        for result in results:
            key = result_id(result)
            self._kept.pop(key, None)
            self._kept[key] = (now + RESULT_TTL, result)
        while len(self._kept) > MAX_KEPT_RESULTS:
            self._kept.popitem(last=False)

    def result(self, key: str) -> TorznabResult | None:
        """A result from a recent search, or None when unknown or too old."""
        kept = self._kept.get(key.lower()) or self._kept.get(key)
        if kept is None or kept[0] < time.monotonic():
            return None
        return kept[1]


def ranked_as_dict(ranked: RankedResult[TorznabResult]) -> dict[str, Any]:
    """The response shape of one ranked release (no links carrying API keys)."""
    item, release = ranked.item, ranked.release
    return {
        "result_id": result_id(item),
        "title": item.title,
        "indexer": item.indexer_name or item.indexer_id,
        "size": item.size,
        "seeders": item.seeders,
        "leechers": item.leechers,
        "infohash": item.infohash,
        "magnet": item.magnet_uri,
        "has_torrent_file": item.torrent_url is not None,
        "published": item.publish_date.isoformat() if item.publish_date else None,
        "categories": list(item.categories),
        "imdb_id": item.imdb_id,
        "tmdb_id": item.tmdb_id,
        "freeleech": item.freeleech,
        "quality": release.quality,
        "resolution": release.resolution.value,
        "source": release.source.value,
        "codec": release.codec.value,
        "hdr": [h.value for h in release.hdr],
        "score": round(ranked.score, 2),
        "accepted": ranked.accepted,
        "reasons": list(ranked.reasons),
    }


MAX_TORRENT_BYTES: Final = 10 * 1024 * 1024


async def fetch_torrent(
    session: aiohttp.ClientSession, url: str, redirects: int = 3
) -> tuple[bytes | None, str | None]:
    """Download a `.torrent` (Jackett's proxied link); some indexers redirect to a magnet.

    Returns (file content, None) or (None, magnet).
    """
    for _ in range(redirects + 1):
        try:
            resp = await fetch(session, "GET", url, max_bytes=MAX_TORRENT_BYTES)
        except CannotConnect:
            # The URL carries Jackett's API key: keep it out of the message and the chain.
            raise CannotConnect("Cannot download the torrent file from Jackett") from None
        if resp.status in (301, 302, 303, 307, 308):
            location = resp.headers.get("Location", "")
            if location.startswith("magnet:"):
                return None, location
            url = str(URL(url).join(URL(location)))
            continue
        if resp.status != 200:
            raise ServiceError(f"the indexer answered {resp.status} for the torrent file")
        if not resp.body.startswith(b"d"):
            raise ServiceError("the indexer did not send a torrent file")
        return resp.body, None
    raise ServiceError("too many redirects fetching the torrent file")


jackett_client = keyed_client_factory(JackettClient)
