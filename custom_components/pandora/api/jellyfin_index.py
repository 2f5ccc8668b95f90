"""A Jellyfin server's movies and series by TMDB id, kept current without re-reading them all.

"In your library", Play and the Continue-watching cards look titles up here, so a lookup is
one dict access whatever the library's size. A library of 50,000 titles is 100 pages of
`/Items`; re-reading them every few minutes would cost seconds of CPU, so after the first
read only what changed is asked for: `MinDateLastSaved` (Jellyfin stamps `DateLastSaved` when
it adds an item or saves new metadata) measured on the server's own clock (the HTTP `Date` of
the previous read, less a margin), never Home Assistant's. Deletions do not show in such a
read: the count of each type is compared with the server's, and any difference, a server that
sends no `Date`, or FULL_EVERY having passed means a full read. A full read is built apart
and swapped in whole, so lookups see the old index until the new one is complete; each page
is parsed and merged between two awaits, so the event loop never waits for the whole library.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
import sys
from typing import Final, Literal

from .jellyfin import JellyfinClient
from .jellyfin_models import ItemType, MediaItemRef

type TitleKey = tuple[str, int]  # ("movie" | "tv", TMDB id)

KINDS: Final[tuple[tuple[ItemType, str], ...]] = (("Movie", "movie"), ("Series", "tv"))
# A full read now and then catches what the counts cannot show (a deletion and an addition
# between two reads, an item Jellyfin saved without stamping it).
FULL_EVERY: Final = 3600.0
# Items saved just before the previous read began may have been committed after its pages
# were served; the `Date` header also has one-second resolution.
SAVED_MARGIN: Final = timedelta(minutes=2)
# Only what the lookups use is asked for (no Path): smaller pages, less to parse.
INDEX_FIELDS: Final = "ProviderIds"
_NO_IDS: Final[Mapping[str, str]] = {}

type ReadKind = Literal["full", "incremental"]


def _tmdb_key(item: MediaItemRef, media_type: str) -> TitleKey | None:
    tmdb = item.provider_id("Tmdb")
    if tmdb is None:
        return None
    tmdb = tmdb.strip()
    return (media_type, int(tmdb)) if tmdb.isascii() and tmdb.isdigit() else None


def _slim(item: MediaItemRef) -> MediaItemRef:
    """What the index keeps of an item: id, name, year and type (a third of the memory)."""
    return MediaItemRef(
        id=item.id,
        name=item.name,
        year=item.year,
        type=sys.intern(item.type),
        provider_ids=_NO_IDS,
    )


@dataclass(slots=True)
class _Build:
    """An index being filled: every movie and series by lower-case id, the titles by key."""

    items: dict[str, tuple[TitleKey | None, MediaItemRef]] = field(default_factory=dict)
    titles: dict[TitleKey, MediaItemRef] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)

    def put(self, item: MediaItemRef, item_type: ItemType, media_type: str) -> None:
        """Add or replace one item; a title in two folders keeps the item that had it first."""
        item_id = item.id.lower()
        key = _tmdb_key(item, media_type)
        ref = _slim(item)
        old = self.items.get(item_id)
        if old is None:
            self.counts[item_type] += 1
        self.items[item_id] = (key, ref)
        if old is not None and old[0] is not None and old[0] != key:
            self._release(old[0], item_id)
        if key is not None:
            holder = self.titles.get(key)
            if holder is None or holder.id.lower() == item_id:
                self.titles[key] = ref

    def _release(self, key: TitleKey, item_id: str) -> None:
        """`item_id` no longer has `key`: hand the title to another item with it, if any."""
        holder = self.titles.get(key)
        if holder is None or holder.id.lower() != item_id:
            return
        other = next((ref for k, ref in self.items.values() if k == key), None)
        if other is None:
            del self.titles[key]
        else:  # rare (the same title twice, one of them re-identified): a scan is fine
            self.titles[key] = other


class TitleIndex:
    """One server's movies and series by TMDB id, refreshed fully or incrementally."""

    def __init__(self) -> None:
        """Empty until the first `refresh`."""
        self._index = _Build()
        self._since: datetime | None = None  # the server's clock: ask for changes since
        self._full_at: float | None = None  # monotonic time of the last full read
        self.last_read: ReadKind | None = None
        self.last_changes = 0  # items the last read brought

    def __len__(self) -> int:
        """Movies and series with a TMDB id."""
        return len(self._index.titles)

    @property
    def titles(self) -> Mapping[TitleKey, MediaItemRef]:
        """("movie" | "tv", TMDB id) -> the item (read only)."""
        return self._index.titles

    @property
    def item_count(self) -> int:
        """Movies and series, with a TMDB id or not."""
        return len(self._index.items)

    def title(self, media_type: str, tmdb_id: int) -> MediaItemRef | None:
        """The movie or series with this TMDB id, if the server has it."""
        return self._index.titles.get((media_type, tmdb_id))

    def tmdb_of(self, item_id: str) -> TitleKey | None:
        """("movie" | "tv", TMDB id) of a movie or series, by its Jellyfin id (any case)."""
        entry = self._index.items.get(item_id.lower())
        return entry[0] if entry is not None else None

    async def refresh(self, client: JellyfinClient, now: float) -> ReadKind:
        """Bring the index up to date; `now` is monotonic time.

        Raises the client's errors: the index then stays as it was, or with some changes
        merged (each of them a fact).
        """
        due = self._full_at is None or now - self._full_at >= FULL_EVERY
        if not due and self._since is not None and await self._read_changes(client):
            self.last_read = "incremental"
            return "incremental"
        await self._read_all(client)
        self._full_at = now
        self.last_read = "full"
        return "full"

    async def _read_all(self, client: JellyfinClient) -> None:
        build = _Build()
        started: datetime | None = None
        first = True
        for item_type, media_type in KINDS:
            async for page in client.item_pages(item_type, fields=INDEX_FIELDS):
                if first:
                    started, first = page.server_time, False
                _put_all(build, page.items, item_type, media_type)
        self._index = build
        self.last_changes = len(build.items)
        self._since = started - SAVED_MARGIN if started is not None else None

    async def _read_changes(self, client: JellyfinClient) -> bool:
        """Merge what was saved since the last read; False when a full read is needed."""
        index = self._index
        started: datetime | None = None
        first = True
        changes = 0
        for item_type, media_type in KINDS:
            async for page in client.item_pages(
                item_type, saved_since=self._since, fields=INDEX_FIELDS
            ):
                if first:
                    started, first = page.server_time, False
                _put_all(index, page.items, item_type, media_type)
                changes += len(page.items)
        self.last_changes = changes
        if started is None:
            return False  # no Date header: changes cannot be asked for reliably
        for item_type, _ in KINDS:
            if await client.item_count(item_type) != index.counts[item_type]:
                return False  # something was deleted (or added since): read everything
        self._since = started - SAVED_MARGIN
        return True


def _put_all(
    build: _Build, items: Iterable[MediaItemRef], item_type: ItemType, media_type: str
) -> None:
    for item in items:
        build.put(item, item_type, media_type)
