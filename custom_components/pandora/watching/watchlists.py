"""Per-user watchlists ("My List") and the title featured on Discover, kept in Store.

Each Home Assistant user has their own list, keyed by user id; nobody else's list is ever read
or changed on their behalf (administrators included: the list is personal, not a queue). An
entry keeps a snapshot of the title (name, year, images) taken when it was added, so "My List"
shows without asking TMDB again. The featured title is one for the household, chosen by an
administrator (`pandora.set_featured`); none chosen means Discover picks its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store
from homeassistant.util.hass_dict import HassKey

from ..hub.stores import read_once

STORAGE_KEY: Final = "pandora.watchlist"
STORAGE_VERSION: Final = 1
# A list is for titles one means to watch; the cap only bounds the storage file.
MAX_ENTRIES: Final = 500
# What a title's snapshot keeps from its TMDB answer.
SNAPSHOT_KEYS: Final = (
    "title",
    "original_title",
    "year",
    "overview",
    "rating",
    "vote_count",
    "poster_url",
    "backdrop_url",
    "genre_ids",
)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def snapshot(details: Mapping[str, Any]) -> dict[str, Any]:
    """The part of a TMDB title kept with a watchlist entry (genres as ids, like list items)."""
    kept = {key: details.get(key) for key in SNAPSHOT_KEYS}
    if kept["genre_ids"] is None and isinstance(details.get("genres"), list):
        kept["genre_ids"] = [g["id"] for g in details["genres"] if isinstance(g, Mapping)]
    kept["genre_ids"] = list(kept["genre_ids"] or [])
    return kept


@dataclass(frozen=True, slots=True)
class Featured:
    """The title an administrator put on Discover's banner."""

    tmdb_id: int
    media_type: str
    set_by: str | None
    set_at: str


class Watchlists:
    """Every user's list and the featured title, saved on every change."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Bind to Home Assistant; `async_load` before use."""
        self._store: Store[dict[str, Any]] = Store(hass, STORAGE_VERSION, STORAGE_KEY)
        self._lists: dict[str, list[dict[str, Any]]] = {}
        self.featured: Featured | None = None

    async def async_load(self) -> None:
        """Read the saved lists (a damaged entry is dropped, never the whole file)."""
        data = await self._store.async_load() or {}
        lists = data.get("users")
        if isinstance(lists, dict):
            self._lists = {
                user_id: [e for e in entries if _valid(e)]
                for user_id, entries in lists.items()
                if isinstance(user_id, str) and isinstance(entries, list)
            }
        featured = data.get("featured")
        if isinstance(featured, dict) and _valid(featured):
            self.featured = Featured(
                tmdb_id=featured["tmdb_id"],
                media_type=featured["media_type"],
                set_by=featured.get("set_by"),
                set_at=str(featured.get("set_at") or ""),
            )

    async def _save(self) -> None:
        await self._store.async_save(
            {
                "users": self._lists,
                "featured": asdict(self.featured) if self.featured else None,
            }
        )

    def entries(self, user_id: str) -> list[dict[str, Any]]:
        """One user's list, most recently added first (copies)."""
        return [dict(e) for e in self._lists.get(user_id, [])]

    def counts(self) -> dict[str, Any]:
        """How many lists and titles, and whether a title is featured (for diagnostics)."""
        return {
            "lists": len(self._lists),
            "titles": sum(len(entries) for entries in self._lists.values()),
            "featured": self.featured is not None,
        }

    def contains(self, user_id: str, tmdb_id: int, media_type: str) -> bool:
        """Whether the title is on the user's list."""
        return any(_same(e, tmdb_id, media_type) for e in self._lists.get(user_id, []))

    async def async_add(
        self, user_id: str, tmdb_id: int, media_type: str, details: Mapping[str, Any]
    ) -> bool:
        """Put a title first on the user's list; False when it was already there (kept)."""
        entries = self._lists.setdefault(user_id, [])
        if any(_same(e, tmdb_id, media_type) for e in entries):
            return False
        entry = {"tmdb_id": tmdb_id, "media_type": media_type, "added_at": _now()}
        entries.insert(0, entry | snapshot(details))
        del entries[MAX_ENTRIES:]
        await self._save()
        return True

    async def async_remove(self, user_id: str, tmdb_id: int, media_type: str) -> bool:
        """Take a title off the user's list; False when it was not there."""
        entries = self._lists.get(user_id, [])
        kept = [e for e in entries if not _same(e, tmdb_id, media_type)]
        if len(kept) == len(entries):
            return False
        if kept:
            self._lists[user_id] = kept
        else:
            self._lists.pop(user_id, None)
        await self._save()
        return True

    async def async_set_featured(self, tmdb_id: int, media_type: str, user_id: str | None) -> None:
        """Feature a title on everyone's Discover."""
        self.featured = Featured(tmdb_id, media_type, user_id, _now())
        await self._save()

    async def async_clear_featured(self) -> None:
        """Back to Discover's own pick."""
        self.featured = None
        await self._save()


def _same(entry: Mapping[str, Any], tmdb_id: int, media_type: str) -> bool:
    return bool(entry.get("tmdb_id") == tmdb_id and entry.get("media_type") == media_type)


def _valid(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("tmdb_id"), int)
        and entry.get("media_type") in ("movie", "tv")
    )


DATA_WATCHLISTS: Final[HassKey[asyncio.Task[Watchlists]]] = HassKey("pandora_watchlists")


async def async_watchlists(hass: HomeAssistant) -> Watchlists:
    """Everyone's lists and the featured title, read once per run (outliving reloads)."""
    return await read_once(hass, DATA_WATCHLISTS, lambda: Watchlists(hass), "watchlists")
