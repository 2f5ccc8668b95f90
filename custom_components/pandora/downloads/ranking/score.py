"""Rank search results the way Radarr and Sonarr do.

`rank` scores search results against `RankingPreferences` and orders them: accepted first, then
quality (resolution, then source), then seeders (log-bucketed), then how plausible the size is.
Rejected results are kept at the end with the reasons why. Pure functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
import math
import re
from typing import Protocol

from .parse import (
    _B,
    _E,
    _SOURCE_LABELS,
    DEFAULT_ALLOWED_SOURCES,
    ReleaseInfo,
    Resolution,
    Source,
    _resolution_label,
    parse_release,
)

# --- Ranking -----------------------------------------------------------------------------------


class Rankable(Protocol):
    """The fields `rank` reads from a search result (Jackett's results fit as they are)."""

    @property
    def title(self) -> str:
        """The release name."""

    @property
    def seeders(self) -> int | None:
        """Seeders, or None when the indexer does not say."""

    @property
    def size(self) -> int | None:
        """Size in bytes, or None when unknown."""


@dataclass(frozen=True, slots=True)
class RankingPreferences:
    """A quality profile: what to prefer, and what to reject outright.

    Strings are accepted for `preferred_resolution` and `allowed_sources` (as service calls
    send them) and converted to the enums.
    """

    preferred_resolution: Resolution = Resolution.R1080P
    allowed_sources: frozenset[Source] = DEFAULT_ALLOWED_SOURCES
    min_seeders: int = 1
    max_size_bytes: int | None = None
    excluded_words: tuple[str, ...] = ()
    expected_season: int | None = None
    expected_episode: int | None = None
    expected_year: int | None = None
    _excluded: tuple[tuple[str, re.Pattern[str]], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        """Normalise strings to enums and compile the excluded words once."""
        setattr_ = object.__setattr__
        setattr_(self, "preferred_resolution", Resolution.coerce(self.preferred_resolution))
        setattr_(self, "allowed_sources", frozenset(Source(s) for s in self.allowed_sources))
        words = tuple(w.strip() for w in self.excluded_words if w.strip())
        setattr_(self, "excluded_words", words)
        # Whole words only, and a space in a phrase matches any separator ("dual.audio").
        compiled = tuple(
            (word, re.compile(_B + r"[\s._-]+".join(map(re.escape, word.split())) + _E, re.I))
            for word in words
        )
        setattr_(self, "_excluded", compiled)


@dataclass(frozen=True, slots=True)
class RankedResult[T]:
    """One search result with its parsed release, score and the reasons behind them."""

    item: T
    release: ReleaseInfo
    score: float
    accepted: bool
    reasons: tuple[str, ...]


# Ladder for resolution distance, lowest first.
_LADDER = (Resolution.SD, Resolution.R720P, Resolution.R1080P, Resolution.R2160P)
_SOURCE_POINTS: dict[Source, int] = {
    Source.BLURAY: 10,
    Source.WEB_DL: 9,
    Source.WEBRIP: 8,
    Source.HDTV: 7,
    Source.DVD: 6,
    Source.UNKNOWN: 5,
    Source.SCREENER: 4,
    Source.TELECINE: 3,
    Source.TELESYNC: 2,
    Source.WORKPRINT: 1,
    Source.CAM: 0,
}
_REMUX_POINTS = 11
# Typical sizes of one movie, in bytes; an episode is about a quarter of it.
_GB = 1_000_000_000
_TYPICAL_MOVIE: dict[Resolution, float] = {
    Resolution.R2160P: 20 * _GB,
    Resolution.R1080P: 8 * _GB,
    Resolution.R720P: 4 * _GB,
    Resolution.SD: 1.5 * _GB,
    Resolution.UNKNOWN: 4 * _GB,
}
_EPISODES_PER_SEASON = 10
# Score tiers: one quality step (0.5 point) is worth more than any seeder bucket plus size fit.
_QUALITY_WEIGHT = 1000.0
_SEEDER_WEIGHT = 10.0
_MAX_SEEDER_BUCKET = 40
_SIZE_WEIGHT = 9.0


def _resolution_step(actual: Resolution, preferred: Resolution) -> tuple[int, str]:
    """Rank 0 (exact) to 7 (unknown): higher resolutions before lower ones, like Radarr."""
    label = _resolution_label(actual)
    if actual is Resolution.UNKNOWN:
        return 7, "unknown resolution"
    if preferred is Resolution.UNKNOWN:
        return 3 - _LADDER.index(actual), f"{label} resolution"
    distance = _LADDER.index(actual) - _LADDER.index(preferred)
    wanted = _resolution_label(preferred)
    if distance == 0:
        return 0, f"{label} matches the preferred resolution"
    if distance > 0:
        return distance, f"{label} is above the preferred {wanted}"
    return 3 - distance, f"{label} is below the preferred {wanted}"


def _format_size(size: float) -> str:
    if size >= _GB:
        return f"{round(size / _GB, 1):g} GB"
    return f"{round(size / 1_000_000):g} MB"


def _typical_size(release: ReleaseInfo) -> float:
    typical = _TYPICAL_MOVIE[release.resolution] * (3.5 if release.remux else 1.0)
    if not release.is_tv:
        return typical
    episode = typical / 4
    if release.episodes:
        return episode * len(release.episodes)
    if release.air_date is not None:
        return episode
    return episode * _EPISODES_PER_SEASON * max(len(release.seasons), 3 if release.complete else 1)


def _size_fit(release: ReleaseInfo, size: int | None) -> float:
    """1.0 at the typical size, falling to 0 at 16x larger or smaller; 0.5 when unknown."""
    if not size:
        return 0.5
    return max(0.0, 1.0 - abs(math.log2(size / _typical_size(release))) / 4)


def _season_label(release: ReleaseInfo) -> str:
    seasons = release.seasons
    label = ""
    if seasons:
        label = f"S{seasons[0]:02d}" + (f"-S{seasons[-1]:02d}" if len(seasons) > 1 else "")
    if release.episodes:
        label += f"E{release.episodes[0]:02d}"
        if len(release.episodes) > 1:
            label += f"-E{release.episodes[-1]:02d}"
    return label


def _check_episode(release: ReleaseInfo, prefs: RankingPreferences) -> tuple[bool, str | None]:
    """Whether the release holds the wanted season/episode, and what to say about it."""
    season, episode = prefs.expected_season, prefs.expected_episode
    wanted = (f"S{season:02d}" if season is not None else "") + (
        f"E{episode:02d}" if episode is not None else ""
    )
    label = _season_label(release)
    ok = True
    reason: str | None = None
    if not release.seasons and release.episodes:
        # Absolute numbering ("Show - 05") cannot be checked without a season map.
        reason = f"absolute episode {label} names no season (wanted {wanted})"
    elif not release.seasons:
        ok = release.complete
        what = "complete series pack" if ok else "no season or episode in the name"
        reason = f"{what} (wanted {wanted})"
    elif season is not None and season not in release.seasons:
        ok, reason = False, f"wrong season ({label}, wanted S{season:02d})"
    elif episode is None or episode in release.episodes:
        pass
    elif release.episodes:
        ok, reason = False, f"wrong episode ({label}, wanted {wanted})"
    else:
        reason = f"season pack {label} includes {wanted}"
    return ok, reason


def _evaluate[T: Rankable](item: T, prefs: RankingPreferences) -> RankedResult[T]:
    release = parse_release(item.title)
    reasons: list[str] = []
    rejections: list[str] = []

    step, resolution_reason = _resolution_step(release.resolution, prefs.preferred_resolution)
    reasons.append(resolution_reason)
    source_label = "Remux" if release.remux else _SOURCE_LABELS[release.source]
    if release.source not in prefs.allowed_sources:
        rejections.append(f"{source_label} source rejected")
    elif release.source is Source.UNKNOWN:
        reasons.append("unknown source")
    else:
        reasons.append(f"{source_label} source")
    quality: float = (7 - step) * 20 + (
        _REMUX_POINTS if release.remux else _SOURCE_POINTS[release.source]
    )
    if release.proper or release.repack:
        quality += 0.5
        reasons.append("PROPER release" if release.proper else "REPACK release")

    seeders = item.seeders
    if seeders is None:
        reasons.append("seeder count unknown")
    elif seeders < prefs.min_seeders:
        noun = "seeder" if seeders == 1 else "seeders"
        rejections.append(f"only {seeders} {noun} (minimum {prefs.min_seeders})")
    else:
        reasons.append(f"{seeders} seeder" + ("" if seeders == 1 else "s"))
    # Log buckets: 500 and 520 seeders tie, so size decides between them.
    bucket = (
        min(_MAX_SEEDER_BUCKET, round(math.log2(seeders + 1))) if seeders and seeders > 0 else 0
    )

    size = item.size if item.size and item.size > 0 else None
    if size is not None and prefs.max_size_bytes is not None and size > prefs.max_size_bytes:
        limit = _format_size(prefs.max_size_bytes)
        rejections.append(f"larger than the {limit} limit ({_format_size(size)})")

    for word, pattern in prefs._excluded:
        if pattern.search(release.name):
            rejections.append(f"contains excluded word '{word}'")

    if prefs.expected_season is not None or prefs.expected_episode is not None:
        ok, reason = _check_episode(release, prefs)
        if reason is not None:
            (reasons if ok else rejections).append(reason)

    if prefs.expected_year is not None and release.year is not None:
        off = abs(release.year - prefs.expected_year)
        if off > 1:
            rejections.append(f"wrong year ({release.year}, wanted {prefs.expected_year})")
        elif off == 1:
            reasons.append(f"year {release.year} is one off the expected {prefs.expected_year}")

    score = quality * _QUALITY_WEIGHT + bucket * _SEEDER_WEIGHT
    score += _size_fit(release, size) * _SIZE_WEIGHT
    return RankedResult(
        item=item,
        release=release,
        score=round(score, 3),
        accepted=not rejections,
        reasons=tuple(rejections or reasons),
    )


def rank[T: Rankable](
    results: Iterable[T], prefs: RankingPreferences | None = None
) -> list[RankedResult[T]]:
    """Score and order search results, best first.

    Accepted results come first, ordered by score (quality, then seeders, then size fit),
    then seeders, then title; rejected ones follow in the same order, each carrying the
    reasons it was rejected. Accepted results carry the reasons behind their score.
    """
    prefs = prefs or RankingPreferences()
    ranked = [_evaluate(item, prefs) for item in results]
    ranked.sort(
        key=lambda r: (
            not r.accepted,
            -r.score,
            -(r.item.seeders or 0),
            r.item.title.casefold(),
            r.item.title,
        )
    )
    return ranked
