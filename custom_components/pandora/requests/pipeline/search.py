"""The search stage: Jackett searched and ranked, the best untried release saved, or why none."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
import logging
import re
import time
from typing import TYPE_CHECKING, Any, Final

from ...api.errors import PandoraError
from ...api.jackett_models import infohash_from_magnet
from ...downloads import (
    RankedResult,
    RankedSearch,
    RankingPreferences,
    ReleaseInfo,
    query_for,
    ranking_preferences,
    release_links,
)
from ...hub.errors import safe_text
from ..queue import MediaRequest
from . import timing
from .base import PipelineBase

if TYPE_CHECKING:
    from ...api.jackett_models import TorznabResult

_LOGGER = logging.getLogger(__package__)

MAX_REASONS: Final = 3  # rejection reasons named in a "no release" message
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_FEW_SEEDERS = re.compile(r"^only \d+ seeders?$")


def main_reasons(ranked: Iterable[RankedResult[Any]], limit: int = MAX_REASONS) -> str:
    """The commonest rejection reasons, "CAM source rejected (3), too few seeders (2)"."""
    counts: Counter[str] = Counter()
    for result in ranked:
        if result.accepted:
            continue
        for reason in dict.fromkeys(_PARENTHESES.sub("", r).strip() for r in result.reasons):
            counts["too few seeders" if _FEW_SEEDERS.match(reason) else reason] += 1
    commonest = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return ", ".join(f"{reason} ({count})" for reason, count in commonest)


def _release_problem(release: ReleaseInfo, season: int | None) -> str | None:
    """Why a release cannot fulfil a TV request (single episodes), else None."""
    if release.episodes or release.air_date is not None:
        wanted = f"season {season}" if season is not None else "the whole series"
        return f"single episodes, not {wanted}"
    return None


class SearchStage(PipelineBase):
    """`searching`: a release found and saved with the request (`downloading`), or `failed`."""

    def _query(self, request: MediaRequest) -> tuple[str, RankingPreferences, str]:
        """The search text, the quality profile and the category for this request."""
        details = {"title": request.title, "year": request.year}
        query, year = query_for(details, request.media_type, request.season)
        prefs = ranking_preferences(self._options(), year=year, season=request.season)
        return query, prefs, "movies" if request.media_type == "movie" else "tv"

    async def _search_ranked(self, request: MediaRequest) -> RankedSearch:
        query, prefs, category = self._query(request)
        return await self._release_search.search_ranked(query, prefs, category=category)

    def _candidates(
        self, request: MediaRequest, found: RankedSearch
    ) -> tuple[list[RankedResult[TorznabResult]], list[RankedResult[TorznabResult]]]:
        """Acceptable releases in the order to try them, and the rejected ones."""
        accepted = [r for r in found.ranked if r.accepted]
        rejected = [r for r in found.ranked if not r.accepted]
        if request.media_type != "tv":
            return accepted, rejected
        usable = []
        for result in accepted:
            if (problem := _release_problem(result.release, request.season)) is None:
                usable.append(result)
            else:
                rejected.append(
                    RankedResult(result.item, result.release, result.score, False, (problem,))
                )
        if request.season is None:  # the whole series: complete or multi-season packs first
            usable.sort(key=lambda r: not (r.release.complete or len(r.release.seasons) > 1))
        return usable, rejected

    async def _search(self, request: MediaRequest) -> None:
        if not self._release_search.instances:
            await self._fail(request, "no Jackett is configured to search for releases")
            return
        if (coordinator := self._instance(request)) is None:
            await self._fail(request, "no qBittorrent is configured to download releases")
            return
        found = await self._search_ranked(request)
        if found.total == 0 and found.unanswered:
            self._wait_for_jackett(request, found)
            return
        self._search_waits.pop(request.id, None)
        candidates, rejected = self._candidates(request, found)
        tried = {h.lower() for h in request.tried}
        skipped = 0
        problems: list[str] = []
        for result in candidates:
            item = result.item
            known = item.infohash or infohash_from_magnet(item.magnet_uri)
            if known and known.lower() in tried:
                skipped += 1
                continue
            try:
                links = await release_links(self._session, item)
            except PandoraError as err:
                problems.append(f"{item.title}: {safe_text(err)}")
                continue
            if not links or not links.infohash:
                problems.append(f"{item.title}: no usable link")
                continue
            if links.infohash in tried:
                skipped += 1
                continue
            self._links[request.id] = links
            await self.queue.async_set_status(
                request,
                "downloading",
                torrent_hash=links.infohash,
                instance=coordinator.subentry.subentry_id,
                release=item.title,
                tried=[*request.tried, links.infohash],
            )
            return
        await self._fail(request, self._nothing_found(found, rejected, skipped, problems))

    def _wait_for_jackett(self, request: MediaRequest, found: RankedSearch) -> None:
        """No Jackett could answer (down, busy, its key refused): search again later.

        "Nothing found" would be a guess: the request stays `searching`, asked again after
        SEARCH_RETRY_FIRST seconds, doubling up to SEARCH_RETRY_MAX, and says why once.
        """
        _, waited = self._search_waits.get(request.id, (0.0, 0.0))
        delay = min(timing.SEARCH_RETRY_MAX, waited * 2 or timing.SEARCH_RETRY_FIRST)
        if not waited:
            _LOGGER.warning(
                "Request for %s waits for Jackett: %s", request.title, "; ".join(found.errors())
            )
        self._search_waits[request.id] = (time.monotonic() + delay, delay)

    @staticmethod
    def _nothing_found(
        found: RankedSearch,
        rejected: list[RankedResult[TorznabResult]],
        skipped: int,
        problems: list[str],
    ) -> str:
        """Why no release could be taken, for the requester and the administrators."""
        query = f'"{found.query}"'
        if found.total == 0:
            reason = f"no release found for {query}"
            if errors := found.errors():
                reason += f" ({'; '.join(errors)})"
            return reason
        results = f"{found.total} result" + ("" if found.total == 1 else "s")
        parts = []
        if skipped:
            parts.append(f"{skipped} already tried")
        if problems:
            parts.append("could not be fetched: " + "; ".join(problems[:MAX_REASONS]))
        if rejected and (reasons := main_reasons(rejected)):
            parts.append(f"{len(rejected)} rejected: {reasons}")
        return f"no acceptable release among {results} for {query}: " + "; ".join(parts)
