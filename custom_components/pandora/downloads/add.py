"""Getting a release into qBittorrent: the query, the quality profile, the links, the add.

Shared by the `download_release` action (actions.py) and the request pipeline
(requests/), so both search the same way and link what they add the same way: the
torrent's hash is linked in history with the TMDB title (and request) it was added for, which is
what the completed-download pipeline files it by.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
import hashlib
import re
from typing import TYPE_CHECKING, Any, Final

import aiohttp

from ..api.jackett_models import TorznabResult, infohash_from_magnet
from ..const import (
    CONF_EXCLUDED_WORDS,
    CONF_MAX_SIZE_GB,
    CONF_MIN_SEEDERS,
    CONF_PREFERRED_RESOLUTION,
    DEFAULT_MIN_SEEDERS,
    DEFAULT_PREFERRED_RESOLUTION,
)
from ..hub.forms import split_list
from .ranking import RankingPreferences
from .search import fetch_torrent

if TYPE_CHECKING:
    from .coordinator import QBittorrentCoordinator
    from .history import TorrentHistory

_MAX_DEPTH: Final = 64  # bencode nesting a real .torrent never comes near


def ranking_preferences(
    options: Mapping[str, Any],
    *,
    year: int | None = None,
    season: int | None = None,
    episode: int | None = None,
) -> RankingPreferences:
    """The hub's quality profile (its options), narrowed to what this search is for."""
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


def query_for(
    details: dict[str, Any], media_type: str, season: int | None, episode: int | None = None
) -> tuple[str, int | None]:
    """The text indexers match best, and the year to expect.

    A movie is "Title Year", a season "Title S01", an episode "Title S01E02", a whole series
    "Title".
    """
    title = re.sub(r"[^\w\s'-]", " ", str(details["title"]))
    title = " ".join(title.split())
    year = details.get("year")
    if media_type == "movie":
        return (f"{title} {year}" if year else title), year
    if season is not None:
        tag = f"S{season:02d}" + (f"E{episode:02d}" if episode is not None else "")
        return f"{title} {tag}", None
    return title, None


# --- links --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReleaseLinks:
    """What to hand qBittorrent for one release: magnets/URLs and/or .torrent files."""

    urls: tuple[str, ...] = ()
    files: tuple[tuple[str, bytes], ...] = ()
    infohash: str | None = None  # known before adding (magnet, result or the file itself)
    title: str | None = None  # the release name, when it came from a search

    def __bool__(self) -> bool:
        """Whether there is anything to add."""
        return bool(self.urls or self.files)

    @classmethod
    def of_url(cls, url: str) -> ReleaseLinks:
        """A magnet or a .torrent URL given by the user (the hash is known for magnets only)."""
        return cls(urls=(url,), infohash=infohash_from_magnet(url))


def _skip(data: bytes, at: int, depth: int = 0) -> int:
    """The index just past the bencoded value starting at `at` (ValueError if malformed)."""
    if depth > _MAX_DEPTH:
        raise ValueError("nested too deeply")
    kind = data[at : at + 1]
    if kind == b"i":
        return data.index(b"e", at) + 1
    if kind in (b"l", b"d"):
        at += 1
        while data[at : at + 1] != b"e":
            if at >= len(data):
                raise ValueError("unterminated")
            at = _skip(data, at, depth + 1)
        return at + 1
    if kind.isdigit():
        colon = data.index(b":", at)
        end = colon + 1 + int(data[at:colon])
        if end > len(data):
            raise ValueError("string past the end")
        return end
    raise ValueError(f"unexpected {kind!r}")


def torrent_infohash(content: bytes) -> str | None:
    """The infohash qBittorrent will list a .torrent under, or None when it cannot be read.

    SHA-1 of the bencoded `info` dictionary (v1 and hybrid torrents); a v2-only torrent is known
    by its SHA-256, truncated to 40 hex digits as qBittorrent shows it.
    """
    try:
        if content[:1] != b"d":
            return None
        at = 1
        while content[at : at + 1] != b"e":
            key_end = _skip(content, at)
            key = content[content.index(b":", at) + 1 : key_end]
            value_end = _skip(content, key_end)
            if key == b"info":
                info = content[key_end:value_end]
                if b"12:meta versioni2e" in info and b"6:pieces" not in info:
                    return hashlib.sha256(info).hexdigest()[:40]
                return hashlib.sha1(info, usedforsecurity=False).hexdigest()
            at = value_end
    except ValueError, IndexError:
        return None
    return None


async def release_links(session: aiohttp.ClientSession, result: TorznabResult) -> ReleaseLinks:
    """A search result's magnet, or its .torrent fetched here (empty when it has neither).

    Jackett's link carries its API key and may be unreachable from qBittorrent (behind a VPN
    container, say), so the file is fetched by Pandora and uploaded. Raises PandoraError when
    the indexer does not deliver it.
    """
    infohash = result.infohash.lower() if result.infohash else None
    if result.magnet_uri:
        return ReleaseLinks(
            urls=(result.magnet_uri,),
            infohash=infohash or infohash_from_magnet(result.magnet_uri),
            title=result.title,
        )
    if not result.torrent_url:
        return ReleaseLinks(infohash=infohash, title=result.title)
    content, magnet = await fetch_torrent(session, result.torrent_url)
    if magnet:
        return ReleaseLinks(
            urls=(magnet,), infohash=infohash or infohash_from_magnet(magnet), title=result.title
        )
    assert content is not None
    infohash = torrent_infohash(content) or infohash
    return ReleaseLinks(
        files=((f"{infohash or 'release'}.torrent", content),),
        infohash=infohash,
        title=result.title,
    )


# --- adding -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Download:
    """What one add did."""

    instance: str  # the qBittorrent's title
    subentry_id: str
    added_ids: tuple[str, ...]
    infohash: str | None
    release: str | None

    @property
    def hashes(self) -> list[str]:
        """Every hash known for what was added, without repeats."""
        return list(dict.fromkeys(h.lower() for h in (self.infohash, *self.added_ids) if h))


def link_download(
    history: TorrentHistory,
    hashes: Sequence[str],
    *,
    tmdb_id: int | None,
    media_type: str | None = None,
    release: str | None = None,
    request_id: str | None = None,
) -> None:
    """Remember what the torrents are (nothing without a TMDB id)."""
    if tmdb_id is None:
        return
    info = {
        "tmdb_id": tmdb_id,
        "media_type": media_type,
        "release": release,
        "request_id": request_id,
    }
    for torrent_hash in dict.fromkeys(hashes):
        history.link(torrent_hash, info)


async def add_release(
    history: TorrentHistory,
    coordinator: QBittorrentCoordinator,
    links: ReleaseLinks,
    *,
    tmdb_id: int | None = None,
    media_type: str | None = None,
    request_id: str | None = None,
    category: str | None = None,
    save_path: str | None = None,
    paused: bool = False,
) -> Download:
    """Add a release to one qBittorrent, linked to its title; raises PandoraError.

    A hash known beforehand is linked before the add, so the `added` event already carries the
    title (and request); the ids qBittorrent 5.2+ answers with are linked after it.
    """

    def link(hashes: Sequence[str]) -> None:
        link_download(
            history,
            hashes,
            tmdb_id=tmdb_id,
            media_type=media_type,
            release=links.title,
            request_id=request_id,
        )

    if links.infohash:
        link([links.infohash])
    result = await coordinator.client.add(
        urls=links.urls,
        torrent_files=links.files,
        category=category,
        save_path=save_path,
        paused=paused,
    )
    download = Download(
        instance=coordinator.subentry.title,
        subentry_id=coordinator.subentry.subentry_id,
        added_ids=tuple(result.added_ids),
        infohash=links.infohash,
        release=links.title,
    )
    link(download.hashes)
    await coordinator.async_request_refresh()
    return download
