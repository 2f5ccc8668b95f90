"""A Jellyfin server's movies and series by TMDB id, kept current without re-reading them all.

"In your library", Play and the Continue-watching cards look titles up here, so a lookup is a
dict access or two whatever the library's size. A library of 50,000 titles is 100 pages of
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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Final, Literal

from .jellyfin import JellyfinClient
from .jellyfin_models import ItemType, MediaItemRef, TitleRow, parse_title

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

type ReadKind = Literal["full", "incremental"]


def _tmdb_key(tmdb: str | None, media_type: str) -> TitleKey | None:
    if tmdb is None:
        return None
    tmdb = tmdb.strip()
    return (media_type, int(tmdb)) if tmdb.isascii() and tmdb.isdigit() else None


# One indexed movie or series: (id, name, year, type, key). A plain tuple of plain values,
# which the garbage collector untracks (a NamedTuple it would not: only exact tuples are),
# instead of traversing 50,000 objects in every full collection for as long as HA runs.
type _Entry = tuple[str, str, int | None, str, TitleKey | None]
_KEY: Final = 4


def _ref(entry: _Entry) -> MediaItemRef:
    """An entry as the lookups answer it."""
    return MediaItemRef(id=entry[0], name=entry[1], year=entry[2], type=entry[3])


@dataclass(slots=True)
class _Build:
    """An index being filled: every movie and series by lower-case id, the titles by key."""

    items: dict[str, _Entry] = field(default_factory=dict)
    titles: dict[TitleKey, str] = field(default_factory=dict)  # -> the holder's key in items
    # The other items of a title held twice or more (the same film in two folders), by key.
    spares: dict[TitleKey, set[str]] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)

    def put(self, row: TitleRow, item_type: ItemType, media_type: str) -> None:
        """Add or replace one item; a title in two folders keeps the item that had it first."""
        item_id = row.id.lower()
        if item_id == row.id:  # Jellyfin sends lower case: keep one string, not two
            item_id = row.id
        key = _tmdb_key(row.tmdb, media_type)
        old = self.items.get(item_id)
        self.items[item_id] = (row.id, row.name, row.year, row.type, key)
        if old is None:
            self.counts[item_type] += 1
        elif old[_KEY] is not None and old[_KEY] != key:
            self._drop(old[_KEY], item_id)
        if key is not None:
            holder = self.titles.setdefault(key, item_id)
            if holder != item_id:
                self.spares.setdefault(key, set()).add(item_id)

    def _drop(self, key: TitleKey, item_id: str) -> None:
        """`item_id` no longer has `key`: a spare item with it, if any, takes the title."""
        spares = self.spares.get(key, set())
        if self.titles.get(key) == item_id:
            if spares:
                self.titles[key] = spares.pop()
            else:
                del self.titles[key]
        spares.discard(item_id)
        if not spares:
            self.spares.pop(key, None)


class _Titles(Mapping[TitleKey, MediaItemRef]):
    """A read-only view of the titles, each built when asked for."""

    def __init__(self, build: _Build) -> None:
        self._build = build

    def __getitem__(self, key: TitleKey) -> MediaItemRef:
        return _ref(self._build.items[self._build.titles[key]])

    def __iter__(self) -> Iterator[TitleKey]:
        return iter(self._build.titles)

    def __len__(self) -> int:
        return len(self._build.titles)


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
        """("movie" | "tv", TMDB id) -> the item (a live, read-only view)."""
        return _Titles(self._index)

    @property
    def item_count(self) -> int:
        """Movies and series, with a TMDB id or not."""
        return len(self._index.items)

    def title(self, media_type: str, tmdb_id: int) -> MediaItemRef | None:
        """The movie or series with this TMDB id, if the server has it."""
        index = self._index
        item_id = index.titles.get((media_type, tmdb_id))
        return _ref(index.items[item_id]) if item_id is not None else None

    def tmdb_of(self, item_id: str) -> TitleKey | None:
        """("movie" | "tv", TMDB id) of a movie or series, by its Jellyfin id (any case)."""
        entry = self._index.items.get(item_id.lower())
        return entry[_KEY] if entry is not None else None

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
            async for page in client.raw_item_pages(item_type, fields=INDEX_FIELDS):
                if first:
                    started, first = page.server_time, False
                _put_all(build, page.entries, item_type, media_type)
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
            async for page in client.raw_item_pages(
                item_type, saved_since=self._since, fields=INDEX_FIELDS
            ):
                if first:
                    started, first = page.server_time, False
                changes += _put_all(index, page.entries, item_type, media_type)
        self.last_changes = changes
        if started is None:
            return False  # no Date header: changes cannot be asked for reliably
        for item_type, _ in KINDS:
            if await client.item_count(item_type) != index.counts[item_type]:
                return False  # something was deleted (or added since): read everything
        self._since = started - SAVED_MARGIN
        return True


def _put_all(build: _Build, entries: Iterable[Any], item_type: ItemType, media_type: str) -> int:
    """Parse and merge one page's entries (`BaseItemDto`s); how many were items."""
    count = 0
    for entry in entries:
        if (row := parse_title(entry)) is not None:
            build.put(row, item_type, media_type)
            count += 1
    return count
