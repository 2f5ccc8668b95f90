"""A Jellyfin 10.11 simulator whose libraries are real folders, with timed scans and faults.

It follows Jellyfin's behaviour as read in jellyfin/jellyfin v10.11 (../shared/notes/
service-apis.md, section 5):
- auth by `Authorization: MediaBrowser Token="…"` (also `Emby` and `X-Emby-Authorization`),
  `?ApiKey=`, and, while `legacy_auth` is on (10.11's default), `X-Emby-Token`,
  `X-MediaBrowser-Token` and `?api_key=`; no or a wrong token is 401 with an empty body; the
  API key is an administrator, `user_token` a plain user who gets 403 from elevated endpoints;
- PascalCase JSON without nulls; .NET dates with seven fractional digits;
- `POST /Library/Refresh` answers 204 and runs "Scan Media Library" (`CancelIfRunningAndQueue`:
  a scan already running is cancelled, ending `Cancelled`, and a fresh one starts; never two at
  once); the scan takes `scan_duration` seconds, `/ScheduledTasks` shows it Running with a rising
  `CurrentProgressPercentage`, each library shows `RefreshStatus` "Active" and
  `RefreshProgress` during its share, and at the end the folders are read again;
- `POST /Items/{id}/Refresh` of a library queues it (ProviderManager: one at a time, the others
  "Queued"); it is read again after `library_refresh_duration`; the scan task stays Idle;
- `/Items` honours Recursive, ParentId, Ids, IncludeItemTypes, ExcludeItemTypes, Has*Id,
  SearchTerm, Years, SortBy, SortOrder, StartIndex, Limit and Fields (ProviderIds, Path), and,
  like Jellyfin, ignores Emby's `AnyProviderIdEquals`; `/Items/Counts` fills only the counts
  10.11 fills.
What the folders hold (read at start and after every scan):
- movies (and mixed): a folder holding a video file (or VIDEO_TS/BDMV) is one movie, a loose
  video file is one; other folders are looked into; "sample" files and dot files are skipped;
- tvshows: every top-level folder is a series, every video file below it an episode (SxxEyy);
- music: every audio file is a song, every folder holding some an album; books: each book file;
  musicvideos: each video a music video; homevideos: each video a plain Video;
- names follow Jellyfin's convention `Title (Year) [tmdbid-123] [imdbid-tt…] [tvdbid-…]`, or
  a release name (`Title.1968.1080p…`); a `tmdb.txt`/`imdb.txt`/`tvdb.txt` file in the folder
  holding the id also sets it (the simulator's stand-in for an .nfo).
Ids are Jellyfin's: an MD5 of the type name and lower-cased path, as a .NET Guid in "N" format.
Tests steer failures through attributes (`delay`, `server_error_next`, `malformed_next`,
`fail_next_scan`) or `POST /sim/fault?mode=500|malformed|delay|reset&count=N&seconds=S`;
`refresh_calls` records every refresh request.

Run standalone: `python -m tests.simulators.jellyfin --port 8096 --library Movies:movies:/media`
prints `{"port": N}`.
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
import hashlib
import os
from pathlib import Path
import re
import time
from typing import Any
import uuid

from aiohttp import web

from tests.simulators import run, serve

DEFAULT_API_KEY = "0b5e9f3c7a1d4e2f8c6b0a9d3e7f1c5b"  # 32 hex characters, like a real key
DEFAULT_USER_TOKEN = "9d2c4e6f8a0b1c3d5e7f9a1b3c5d7e9f"  # a non-administrator's access token
VERSION = "10.11.11"
SERVER_NAME = "pandora-jellyfin"

VIDEO_EXTENSIONS = frozenset(
    {
        ".mkv",
        ".mp4",
        ".m4v",
        ".avi",
        ".mov",
        ".wmv",
        ".ts",
        ".m2ts",
        ".webm",
        ".mpg",
        ".mpeg",
        ".iso",
        ".flv",
        ".ogv",
        ".divx",
        ".3gp",
    }
)
AUDIO_EXTENSIONS = frozenset(
    {".mp3", ".flac", ".m4a", ".aac", ".ogg", ".opus", ".wav", ".wma", ".alac", ".ape"}
)
BOOK_EXTENSIONS = frozenset({".epub", ".pdf", ".mobi", ".azw3", ".cbz", ".cbr", ".fb2"})
_DISC_FOLDERS = ("VIDEO_TS", "BDMV")
_PROVIDER_KEYS = {"tmdb": "Tmdb", "imdb": "Imdb", "tvdb": "Tvdb"}

_TYPE_NAMES = {
    "CollectionFolder": "MediaBrowser.Controller.Entities.CollectionFolder",
    "Movie": "MediaBrowser.Controller.Entities.Movies.Movie",
    "Series": "MediaBrowser.Controller.Entities.TV.Series",
    "Episode": "MediaBrowser.Controller.Entities.TV.Episode",
    "Audio": "MediaBrowser.Controller.Entities.Audio.Audio",
    "MusicAlbum": "MediaBrowser.Controller.Entities.Audio.MusicAlbum",
    "MusicVideo": "MediaBrowser.Controller.Entities.MusicVideo",
    "Video": "MediaBrowser.Controller.Entities.Video",
    "Book": "MediaBrowser.Controller.Entities.Book",
}
_MEDIA_TYPES = {
    "Movie": "Video",
    "Episode": "Video",
    "MusicVideo": "Video",
    "Video": "Video",
    "Audio": "Audio",
    "Book": "Book",
}
_FOLDER_TYPES = frozenset({"CollectionFolder", "Series", "MusicAlbum"})

_PROVIDER_TAG = re.compile(
    r"\s*[\[{](?P<key>tmdb|imdb|tvdb)(?:id)?[-=](?P<value>[^\]}]+)[\]}]", re.IGNORECASE
)
_TITLE_YEAR = re.compile(r"^(?P<title>.+?)\s*\((?P<year>\d{4})\)")
_RELEASE = re.compile(r"^(?P<title>.+?)[\s._\-\[(]+(?P<year>(?:19|20)\d{2})(?=[\s._\-\])]|$)")
_EPISODE = re.compile(
    r"[Ss](?P<season>\d{1,3})[ ._-]?[Ee](?P<episode>\d{1,4})|(?P<s>\d{1,2})x(?P<e>\d{1,3})"
)
_SEASON_FOLDER = re.compile(r"(?:season|series|staffel|saison)\s*(?P<n>\d{1,3})", re.IGNORECASE)
_SAMPLE = re.compile(r"(?:^|[\s._\-])sample(?:$|[\s._\-])", re.IGNORECASE)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
# Handlers by auth policy: anonymous ones need no token, elevated ones an administrator.
_ANONYMOUS = frozenset({"public_info", "ping", "not_found"})
_ELEVATED = frozenset(
    {
        "virtual_folders",
        "library_refresh",
        "item_refresh",
        "scheduled_tasks",
        "scheduled_task",
        "run_task",
    }
)
LibrarySpec = tuple[str, str | None, str | os.PathLike[str] | Sequence[str | os.PathLike[str]]]


def guid_n(text: str) -> str:
    """`new Guid(MD5(UTF-16LE(text))).ToString("N")`, as Jellyfin derives ids."""
    digest = hashlib.md5(text.encode("utf-16-le"), usedforsecurity=False).digest()
    return uuid.UUID(bytes_le=digest).hex


def item_id(kind: str, path: str) -> str:
    """The id Jellyfin gives an item of `kind` at `path` (LibraryManager.GetNewItemId)."""
    return guid_n(_TYPE_NAMES[kind] + path.lower())


def dotnet_date(moment: datetime) -> str:
    """A UTC datetime as System.Text.Json writes it: seven fractional digits and Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f") + "0Z"


SCAN_TASK_ID = guid_n("Emby.Server.Implementations.ScheduledTasks.Tasks.RefreshMediaLibraryTask")
# Other tasks a fresh 10.11 server lists: (type name, Name, Key, Category, Description).
_OTHER_TASKS = (
    (
        "DeleteCacheFileTask",
        "Clean Cache Directory",
        "DeleteCacheFiles",
        "Maintenance",
        "Deletes cache files no longer needed by the system.",
    ),
    (
        "DeleteTranscodeFileTask",
        "Clean Transcode Directory",
        "DeleteTranscodeFiles",
        "Maintenance",
        "Deletes transcode files more than one day old.",
    ),
    (
        "PeopleValidationTask",
        "Refresh People",
        "RefreshPeople",
        "Library",
        "Updates metadata for actors and directors in your media library.",
    ),
)


# --- reading the folders --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SimItem:
    """One indexed item."""

    id: str
    type: str
    name: str
    path: str
    library_id: str
    year: int | None = None
    provider_ids: dict[str, str] = field(default_factory=dict, hash=False)
    series_id: str | None = None
    series_name: str | None = None
    season: int | None = None
    episode: int | None = None
    album: str | None = None

    def dto(self, fields: set[str], server_id: str) -> dict[str, Any]:
        """The item as a `BaseItemDto` (ProviderIds and Path only when asked for)."""
        body: dict[str, Any] = {
            "Name": self.name,
            "ServerId": server_id,
            "Id": self.id,
            "ProductionYear": self.year,
            "IsFolder": self.type in _FOLDER_TYPES,
            "Type": self.type,
            "SeriesName": self.series_name,
            "SeriesId": self.series_id,
            "ParentIndexNumber": self.season,
            "IndexNumber": self.episode,
            "Album": self.album,
            "LocationType": "FileSystem",
            "MediaType": _MEDIA_TYPES.get(self.type, "Unknown"),
        }
        if "providerids" in fields:
            body["ProviderIds"] = dict(self.provider_ids)
        if "path" in fields:
            body["Path"] = self.path
        return {key: value for key, value in body.items() if value is not None}


def parse_name(text: str) -> tuple[str, int | None, dict[str, str]]:
    """Name, year and provider ids from a folder or file name, as Jellyfin's naming reads them."""
    ids: dict[str, str] = {}
    for tag in _PROVIDER_TAG.finditer(text):
        ids[_PROVIDER_KEYS[tag["key"].lower()]] = tag["value"].strip()
    text = _PROVIDER_TAG.sub("", text).strip()
    if plain := _TITLE_YEAR.match(text):
        return plain["title"].strip(), int(plain["year"]), ids
    if (release := _RELEASE.match(text)) and release["title"].strip(" ._-"):
        title = re.sub(r"[._]+", " ", release["title"]).strip(" -")
        return title, int(release["year"]), ids
    return text, None, ids


def _id_files(folder: Path) -> dict[str, str]:
    """Ids from `tmdb.txt`, `imdb.txt`, `tvdb.txt` in a folder."""
    ids: dict[str, str] = {}
    for key, provider in _PROVIDER_KEYS.items():
        file = folder / f"{key}.txt"
        if file.is_file():
            value = file.read_text(errors="replace").strip()
            if value and len(value) < 40:
                ids[provider] = value
    return ids


def _visible(entries: Iterable[Path]) -> list[Path]:
    return sorted(
        (
            e
            for e in entries
            if not e.name.startswith(".") and not (_SAMPLE.search(e.stem) and e.is_file())
        ),
        key=lambda e: e.name.casefold(),
    )


def _children(folder: Path) -> list[Path]:
    try:
        return _visible(folder.iterdir())
    except OSError:
        return []


def _files_below(folder: Path, extensions: frozenset[str], depth: int = 6) -> Iterator[Path]:
    for entry in _children(folder):
        if entry.is_dir() and depth > 0:
            yield from _files_below(entry, extensions, depth - 1)
        elif entry.is_file() and entry.suffix.lower() in extensions:
            yield entry


def _is_video(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in VIDEO_EXTENSIONS


def _movie(path: Path, library_id: str, kind: str = "Movie") -> SimItem:
    name, year, ids = parse_name(path.name if path.is_dir() else path.stem)
    if path.is_dir():
        ids = _id_files(path) | ids
    return SimItem(item_id(kind, str(path)), kind, name, str(path), library_id, year, ids)


def _read_movies(folder: Path, library_id: str, depth: int = 4) -> Iterator[SimItem]:
    for entry in _children(folder):
        if entry.is_dir():
            inside = _children(entry)
            if any(_is_video(f) for f in inside) or any(
                (entry / disc).is_dir() for disc in _DISC_FOLDERS
            ):
                yield _movie(entry, library_id)
            elif depth > 0:
                yield from _read_movies(entry, library_id, depth - 1)
        elif _is_video(entry):
            yield _movie(entry, library_id)


def _episode_numbers(file: Path, series_folder: Path) -> tuple[int | None, int | None]:
    if match := _EPISODE.search(file.stem):
        season, episode = match["season"] or match["s"], match["episode"] or match["e"]
        return int(season), int(episode)
    for parent in file.parents:
        if parent == series_folder:
            break
        if match := _SEASON_FOLDER.search(parent.name):
            return int(match["n"]), None
    return None, None


def _read_series(folder: Path, library_id: str) -> Iterator[SimItem]:
    for entry in _children(folder):
        if not entry.is_dir():
            continue
        name, year, ids = parse_name(entry.name)
        series = SimItem(
            item_id("Series", str(entry)),
            "Series",
            name,
            str(entry),
            library_id,
            year,
            _id_files(entry) | ids,
        )
        yield series
        for file in _files_below(entry, VIDEO_EXTENSIONS):
            season, episode = _episode_numbers(file, entry)
            yield SimItem(
                item_id("Episode", str(file)),
                "Episode",
                file.stem,
                str(file),
                library_id,
                series_id=series.id,
                series_name=series.name,
                season=season,
                episode=episode,
            )


def _read_music(folder: Path, library_id: str) -> Iterator[SimItem]:
    albums: dict[Path, SimItem] = {}
    for file in _files_below(folder, AUDIO_EXTENSIONS):
        album = None
        if file.parent != folder:
            if file.parent not in albums:
                name, year, ids = parse_name(file.parent.name)
                albums[file.parent] = SimItem(
                    item_id("MusicAlbum", str(file.parent)),
                    "MusicAlbum",
                    name,
                    str(file.parent),
                    library_id,
                    year,
                    ids,
                )
                yield albums[file.parent]
            album = albums[file.parent].name
        yield SimItem(
            item_id("Audio", str(file)), "Audio", file.stem, str(file), library_id, album=album
        )


def read_library(
    collection_type: str | None, paths: Iterable[Path], library_id: str
) -> list[SimItem]:
    """Everything Jellyfin would find in a library's folders."""
    items: list[SimItem] = []
    for path in paths:
        if collection_type == "tvshows":
            items += _read_series(path, library_id)
        elif collection_type == "music":
            items += _read_music(path, library_id)
        elif collection_type == "books":
            items += (
                SimItem(item_id("Book", str(f)), "Book", parse_name(f.stem)[0], str(f), library_id)
                for f in _files_below(path, BOOK_EXTENSIONS)
            )
        elif collection_type in ("musicvideos", "homevideos"):
            kind = "MusicVideo" if collection_type == "musicvideos" else "Video"
            items += (_movie(f, library_id, kind) for f in _files_below(path, VIDEO_EXTENSIONS))
        elif collection_type != "boxsets":  # movies and mixed content
            items += _read_movies(path, library_id)
    return items


# --- the simulator --------------------------------------------------------------------------


@dataclass
class SimLibrary:
    """A library: its name, content type and host folders."""

    name: str
    collection_type: str | None
    paths: tuple[Path, ...]

    @property
    def item_id(self) -> str:
        """The CollectionFolder's id (its folder under the server's `root/default`)."""
        return item_id("CollectionFolder", f"/config/data/root/default/{self.name}")


@dataclass(frozen=True, slots=True)
class RefreshCall:
    """One refresh request: `item_id` None for `POST /Library/Refresh`."""

    item_id: str | None
    query: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass
class _LibraryRun:
    library_id: str
    started: float  # monotonic


@dataclass
class JellyfinSimulator:
    """State and routes of the simulated Jellyfin; fault fields are meant to be set by tests."""

    libraries: Sequence[LibrarySpec] = ()
    api_key: str = DEFAULT_API_KEY
    user_token: str | None = DEFAULT_USER_TOKEN
    legacy_auth: bool = True  # EnableLegacyAuthorization: on by default in 10.11, off in 12.0
    server_id: str = field(default_factory=lambda: guid_n(SERVER_NAME))
    scan_duration: float = 2.0  # seconds one "Scan Media Library" run takes
    library_refresh_duration: float | None = None  # one library's refresh (None: scan_duration)
    cancel_delay: float = 0.1  # seconds a cancelled scan stays "Cancelling"
    index_at_start: bool = True  # the folders are already known (an earlier server run)
    server_error_next: int = 0  # answer this many API requests with 500
    malformed_next: int = 0  # ... with a truncated JSON body
    delay: float = 0.0  # seconds before every API answer
    fail_next_scan: str | None = None  # the next scan ends Failed with this ErrorMessage
    requests: Counter[str] = field(default_factory=Counter)
    refresh_calls: list[RefreshCall] = field(default_factory=list)
    scans_started: int = 0
    _libraries: list[SimLibrary] = field(default_factory=list, init=False, repr=False)
    _index: dict[str, list[SimItem]] = field(default_factory=dict, init=False, repr=False)
    _task_state: str = field(default="Idle", init=False, repr=False)
    _scan_started: float = field(default=0.0, init=False, repr=False)
    _scan_cancel: asyncio.Event | None = field(default=None, init=False, repr=False)
    _scan_queued: bool = field(default=False, init=False, repr=False)
    _last_result: dict[str, Any] | None = field(default=None, init=False, repr=False)
    _library_queue: list[str] = field(default_factory=list, init=False, repr=False)
    _library_run: _LibraryRun | None = field(default=None, init=False, repr=False)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set, init=False, repr=False)

    def __post_init__(self) -> None:
        for name, collection_type, where in self.libraries:
            self.add_library(name, collection_type, where)

    def add_library(
        self,
        name: str,
        collection_type: str | None,
        paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    ) -> SimLibrary:
        """Add a library (a second call with the same name adds folders to it)."""
        folders = (paths,) if isinstance(paths, str | os.PathLike) else tuple(paths)
        resolved = tuple(Path(p) for p in folders)
        library = next((lib for lib in self._libraries if lib.name == name), None)
        if library is None:
            library = SimLibrary(name, collection_type or None, resolved)
            self._libraries.append(library)
        else:
            library.paths += resolved
        if self.index_at_start:
            self._read(library)
        else:
            self._index.setdefault(library.item_id, [])
        return library

    @property
    def sim_libraries(self) -> list[SimLibrary]:
        """The libraries, in order."""
        return list(self._libraries)

    def library(self, name: str) -> SimLibrary:
        """A library by name."""
        return next(lib for lib in self._libraries if lib.name == name)

    def indexed(self) -> list[SimItem]:
        """Every item as of the last scan."""
        return [item for items in self._index.values() for item in items]

    def reset(self) -> None:
        """Clear faults and counters."""
        self.server_error_next = self.malformed_next = 0
        self.delay = 0.0
        self.fail_next_scan = None
        self.requests.clear()
        self.refresh_calls.clear()

    def _read(self, library: SimLibrary) -> None:
        self._index[library.item_id] = read_library(
            library.collection_type, library.paths, library.item_id
        )

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _shutdown(self, _app: web.Application) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    # --- "Scan Media Library" ---------------------------------------------------------------

    @property
    def scan_progress(self) -> float | None:
        """Percent done of the running scan (None when idle)."""
        if self._task_state == "Idle":
            return None
        if self.scan_duration <= 0:
            return 100.0
        return min(100.0, (time.monotonic() - self._scan_started) / self.scan_duration * 100)

    @property
    def task_state(self) -> str:
        """Idle, Running or Cancelling."""
        return self._task_state

    def start_scan(self) -> None:
        """`CancelIfRunningAndQueue<RefreshMediaLibraryTask>()`."""
        if self._task_state == "Idle":
            # At once, so a poll right after the 204 already sees it running.
            self._task_state, self._scan_started = "Running", time.monotonic()
            self._spawn(self._run_scans())
            return
        if self._scan_cancel is not None:
            self._scan_cancel.set()
        self._scan_queued = True

    def cancel_scan(self) -> None:
        """`DELETE /ScheduledTasks/Running/{id}`: cancel without queueing another."""
        if self._scan_cancel is not None:
            self._scan_cancel.set()

    async def _run_scans(self) -> None:
        while True:
            await self._run_scan()
            if not self._scan_queued:
                return
            self._scan_queued = False
            self._task_state, self._scan_started = "Running", time.monotonic()

    async def _run_scan(self) -> None:
        self.scans_started += 1
        self._scan_cancel = cancel = asyncio.Event()
        self._scan_started = time.monotonic()
        started = datetime.now(UTC)
        error: str | None = None
        try:
            await asyncio.wait_for(cancel.wait(), timeout=max(0.0, self.scan_duration))
        except TimeoutError:
            if self.fail_next_scan is not None:
                status, error, self.fail_next_scan = "Failed", self.fail_next_scan, None
            else:
                status = "Completed"
                for library in self._libraries:
                    self._read(library)
        else:
            status = "Cancelled"
            self._task_state = "Cancelling"
            await asyncio.sleep(self.cancel_delay)
        self._last_result = {
            "StartTimeUtc": dotnet_date(started),
            "EndTimeUtc": dotnet_date(datetime.now(UTC)),
            "Status": status,
            "Name": "Scan Media Library",
            "Key": "RefreshLibrary",
            "Id": SCAN_TASK_ID,
        }
        if error is not None:
            self._last_result |= {"ErrorMessage": error, "LongErrorMessage": error}
        self._scan_cancel = None
        self._task_state = "Idle"

    def _task_info(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "Name": "Scan Media Library",
            "State": self._task_state,
            "CurrentProgressPercentage": self.scan_progress,
            "Id": SCAN_TASK_ID,
            "LastExecutionResult": self._last_result,
            "Triggers": [{"Type": "IntervalTrigger", "IntervalTicks": 12 * 3600 * 10**7}],
            "Description": "Scans your media library for new files and refreshes metadata.",
            "Category": "Library",
            "IsHidden": False,
            "Key": "RefreshLibrary",
        }
        return {key: value for key, value in body.items() if value is not None}

    def _tasks_info(self) -> list[dict[str, Any]]:
        others = [
            {
                "Name": name,
                "State": "Idle",
                "Id": guid_n(f"Emby.Server.Implementations.ScheduledTasks.Tasks.{type_name}"),
                "Triggers": [{"Type": "IntervalTrigger", "IntervalTicks": 24 * 3600 * 10**7}],
                "Description": description,
                "Category": category,
                "IsHidden": False,
                "Key": key,
            }
            for type_name, name, key, category, description in _OTHER_TASKS
        ]
        return [others[0], others[1], self._task_info(), others[2]]

    # --- one library's refresh (ProviderManager's queue) ------------------------------------

    def refresh_library(self, library_id: str) -> None:
        """Queue a library, unless it is already queued or refreshing."""
        if library_id in self._library_queue:
            return
        self._library_queue.append(library_id)
        if self._library_run is None:
            self._library_run = _LibraryRun(self._library_queue[0], time.monotonic())
            self._spawn(self._run_library_refreshes())

    async def _run_library_refreshes(self) -> None:
        duration = self.library_refresh_duration
        duration = self.scan_duration if duration is None else duration
        while self._library_queue:
            library_id = self._library_queue[0]
            self._library_run = _LibraryRun(library_id, time.monotonic())
            await asyncio.sleep(max(0.0, duration))
            self._library_queue.pop(0)
            library = next((lib for lib in self._libraries if lib.item_id == library_id), None)
            if library is not None:
                self._read(library)
        self._library_run = None

    def _library_refresh(self, index: int, library: SimLibrary) -> tuple[str, float | None]:
        """RefreshStatus and RefreshProgress of a library."""
        run = self._library_run
        if run is not None and run.library_id == library.item_id:
            duration = self.library_refresh_duration
            duration = self.scan_duration if duration is None else duration
            elapsed = time.monotonic() - run.started
            return "Active", min(100.0, elapsed / duration * 100) if duration > 0 else 100.0
        progress = self.scan_progress
        if self._task_state == "Running" and progress is not None:
            # The full scan walks the libraries in turn; each is Active during its share.
            share = 100 / max(1, len(self._libraries))
            if index * share <= progress < (index + 1) * share:
                return "Active", (progress - index * share) / share * 100
        if library.item_id in self._library_queue:
            return "Queued", None
        return "Idle", None

    # --- middleware: counting, faults, auth -------------------------------------------------

    def _token(self, request: web.Request) -> str | None:
        """The token as Jellyfin's AuthorizationContext finds it."""
        headers = request.headers
        auth = headers.get("Authorization", "")
        if not auth and self.legacy_auth:
            auth = headers.get("X-Emby-Authorization", "")
        scheme, _, params = auth.strip().partition(" ")
        schemes = ("mediabrowser", "emby") if self.legacy_auth else ("mediabrowser",)
        if scheme.lower() in schemes:
            for match in re.finditer(r'(\w+)\s*=\s*(?:"([^"]*)"|([^,\s]*))', params):
                if match[1].lower() == "token":
                    return match[2] if match[2] is not None else match[3]
        query = {key.lower(): value for key, value in request.query.items()}
        if query.get("apikey"):
            return query["apikey"]
        if self.legacy_auth:
            for value in (
                headers.get("X-Emby-Token"),
                headers.get("X-MediaBrowser-Token"),
                query.get("api_key"),
            ):
                if value:
                    return value
        return None

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Count every request; delay, fail or refuse API requests as configured."""
        self.requests[request.path] += 1
        if request.path.startswith("/sim/"):
            return await handler(request)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.server_error_next > 0:
            self.server_error_next -= 1
            return web.Response(status=500, text="Error processing request.")
        name = getattr(handler, "__name__", "")
        if name not in _ANONYMOUS:
            token = self._token(request)
            admin = token == self.api_key
            if not admin and (token is None or token != self.user_token):
                return web.Response(status=401)
            if name in _ELEVATED and not admin:
                return web.Response(status=403)
        if self.malformed_next > 0:
            self.malformed_next -= 1
            return web.Response(text='{"Items": [{"Name": "Nig', content_type="application/json")
        return await handler(request)

    # --- API --------------------------------------------------------------------------------

    def _public_info(self, request: web.Request) -> dict[str, Any]:
        host = request.host or "127.0.0.1"
        return {
            "LocalAddress": f"{request.scheme}://{host}",
            "ServerName": SERVER_NAME,
            "Version": VERSION,
            "ProductName": "Jellyfin Server",
            "OperatingSystem": "Linux",
            "Id": self.server_id,
            "StartupWizardCompleted": True,
        }

    async def public_info(self, request: web.Request) -> web.Response:
        """`GET /System/Info/Public` (no auth)."""
        return web.json_response(self._public_info(request))

    async def ping(self, _request: web.Request) -> web.Response:
        """`GET|POST /System/Ping` (no auth)."""
        return web.json_response("Jellyfin Server")

    async def system_info(self, request: web.Request) -> web.Response:
        """`GET /System/Info`."""
        return web.json_response(
            self._public_info(request)
            | {
                "OperatingSystemDisplayName": "Debian GNU/Linux 12 (bookworm)",
                "PackageName": "jellyfin-server",
                "HasPendingRestart": False,
                "IsShuttingDown": False,
                "SupportsLibraryMonitor": True,
                "WebSocketPortNumber": request.url.port or 8096,
                "CompletedInstallations": [],
                "CanSelfRestart": True,
                "CanLaunchWebBrowser": False,
                "ProgramDataPath": "/config/data",
                "WebPath": "/usr/share/jellyfin/web",
                "ItemsByNamePath": "/config/data/metadata",
                "CachePath": "/cache",
                "LogPath": "/config/log",
                "InternalMetadataPath": "/config/data/metadata",
                "TranscodingTempPath": "/cache/transcodes",
                "CastReceiverApplications": [],
                "HasUpdateAvailable": False,
                "EncoderLocation": "System",
                "SystemArchitecture": "X64",
            }
        )

    async def virtual_folders(self, _request: web.Request) -> web.Response:
        """`GET /Library/VirtualFolders`."""
        folders = []
        for index, library in enumerate(self._libraries):
            status, progress = self._library_refresh(index, library)
            body: dict[str, Any] = {
                "Name": library.name,
                "Locations": [str(p) for p in library.paths],
                "CollectionType": library.collection_type,
                "LibraryOptions": {
                    "Enabled": True,
                    "EnableRealtimeMonitor": True,
                    "PathInfos": [{"Path": str(p)} for p in library.paths],
                    "SaveLocalMetadata": False,
                    "PreferredMetadataLanguage": "en",
                    "MetadataCountryCode": "US",
                    "AutomaticRefreshIntervalDays": 0,
                    "TypeOptions": [],
                },
                "ItemId": library.item_id,
                "PrimaryImageItemId": library.item_id,
                "RefreshProgress": progress,
                "RefreshStatus": status,
            }
            folders.append({key: value for key, value in body.items() if value is not None})
        return web.json_response(folders)

    async def library_refresh(self, request: web.Request) -> web.Response:
        """`POST /Library/Refresh`: 204 at once; the scan runs in the background."""
        self.refresh_calls.append(RefreshCall(None, dict(request.query)))
        self.start_scan()
        return web.Response(status=204)

    async def item_refresh(self, request: web.Request) -> web.Response:
        """`POST /Items/{itemId}/Refresh`: 204, 404 for an unknown item, 400 for a non-Guid."""
        raw = request.match_info["item_id"]
        try:
            wanted = uuid.UUID(raw).hex
        except ValueError:
            return _problem(400, "One or more validation errors occurred.")
        known = {lib.item_id for lib in self._libraries} | {i.id for i in self.indexed()}
        if wanted not in known:
            return _problem(404, "Not Found")
        self.refresh_calls.append(RefreshCall(wanted, dict(request.query)))
        if any(lib.item_id == wanted for lib in self._libraries):
            self.refresh_library(wanted)
        return web.Response(status=204)

    async def scheduled_tasks(self, request: web.Request) -> web.Response:
        """`GET /ScheduledTasks?isHidden=&isEnabled=`."""
        tasks = self._tasks_info()
        hidden = {key.lower(): value for key, value in request.query.items()}.get("ishidden")
        if hidden is not None:
            tasks = [t for t in tasks if str(t["IsHidden"]).lower() == hidden.lower()]
        return web.json_response(tasks)

    async def scheduled_task(self, request: web.Request) -> web.Response:
        """`GET /ScheduledTasks/{taskId}`."""
        wanted = request.match_info["task_id"].replace("-", "").lower()
        for task in self._tasks_info():
            if task["Id"] == wanted:
                return web.json_response(task)
        return _problem(404, "Not Found")

    async def run_task(self, request: web.Request) -> web.Response:
        """`POST|DELETE /ScheduledTasks/Running/{taskId}`: start or stop a task."""
        wanted = request.match_info["task_id"].replace("-", "").lower()
        if wanted not in {task["Id"] for task in self._tasks_info()}:
            return _problem(404, "Not Found")
        if wanted == SCAN_TASK_ID:
            if request.method == "DELETE":
                self.cancel_scan()
            elif self._task_state == "Idle":
                self.start_scan()
        return web.Response(status=204)

    async def counts(self, _request: web.Request) -> web.Response:
        """`GET /Items/Counts`: the counts 10.11 fills; the others are always 0."""
        kinds = Counter(item.type for item in self.indexed())
        return web.json_response(
            {
                "MovieCount": kinds["Movie"],
                "SeriesCount": kinds["Series"],
                "EpisodeCount": kinds["Episode"],
                "ArtistCount": 0,
                "ProgramCount": 0,
                "TrailerCount": 0,
                "SongCount": kinds["Audio"],
                "AlbumCount": kinds["MusicAlbum"],
                "MusicVideoCount": kinds["MusicVideo"],
                "BoxSetCount": 0,
                "BookCount": kinds["Book"],
                "ItemCount": 0,
            }
        )

    def _library_items(self) -> list[SimItem]:
        return [
            SimItem(lib.item_id, "CollectionFolder", lib.name, str(lib.paths[0]), lib.item_id)
            for lib in self._libraries
            if lib.paths
        ]

    async def items(self, request: web.Request) -> web.Response:
        """`GET /Items` with the common filters (query names in any case, like ASP.NET)."""
        query = {key.lower(): value for key, value in request.query.items()}

        def listed(name: str) -> set[str]:
            return {v.strip().lower() for v in query.get(name, "").split(",") if v.strip()}

        def flag(name: str) -> bool | None:
            value = query.get(name, "").lower()
            return {"true": True, "false": False}.get(value)

        found = self.indexed()
        parent = query.get("parentid", "").replace("-", "").lower()
        ids = {i.replace("-", "") for i in listed("ids")}
        if ids:
            found = [i for i in found + self._library_items() if i.id in ids]
        elif parent:
            found = [i for i in found if parent in (i.library_id, i.series_id)]
        elif flag("recursive") is not True:
            found = self._library_items()  # the user's root: one entry per library
        if include := listed("includeitemtypes"):
            found = [i for i in found if i.type.lower() in include]
        if exclude := listed("excludeitemtypes"):
            found = [i for i in found if i.type.lower() not in exclude]
        for provider in ("Tmdb", "Imdb", "Tvdb"):
            wanted = flag(f"has{provider.lower()}id")
            if wanted is not None:
                found = [i for i in found if (provider in i.provider_ids) == wanted]
        if term := query.get("searchterm", "").strip().casefold():
            found = [i for i in found if term in i.name.casefold()]
        if years := {int(y) for y in listed("years") if y.isdigit()}:
            found = [i for i in found if i.year in years]
        descending = "descending" in listed("sortorder")
        if "productionyear" in listed("sortby"):
            found.sort(key=lambda i: (i.year or 0, i.name.casefold()), reverse=descending)
        else:
            found.sort(key=lambda i: i.name.casefold(), reverse=descending)
        start = int(query["startindex"]) if query.get("startindex", "").isdigit() else 0
        limit = int(query["limit"]) if query.get("limit", "").isdigit() else None
        page = found[start : None if limit is None else start + limit]
        fields = listed("fields")
        return web.json_response(
            {
                "Items": [item.dto(fields, self.server_id) for item in page],
                "TotalRecordCount": len(found),
                "StartIndex": start,
            }
        )

    async def not_found(self, _request: web.Request) -> web.Response:
        """Any other path: an empty 404, as ASP.NET answers unknown routes."""
        return web.Response(status=404)

    # --- simulator control ------------------------------------------------------------------

    async def sim_fault(self, request: web.Request) -> web.Response:
        """`POST /sim/fault?mode=500|malformed|delay|fail_scan|reset&count=N&seconds=S`."""
        mode, count = request.query.get("mode", ""), int(request.query.get("count", "1"))
        if mode == "500":
            self.server_error_next = count
        elif mode == "malformed":
            self.malformed_next = count
        elif mode == "delay":
            self.delay = float(request.query.get("seconds", "0"))
        elif mode == "fail_scan":
            self.fail_next_scan = request.query.get("message", "Simulated scan failure")
        elif mode == "reset":
            self.reset()
        else:
            raise web.HTTPBadRequest(text="mode must be 500, malformed, delay, fail_scan or reset")
        return web.json_response({"ok": True})

    async def sim_refreshes(self, _request: web.Request) -> web.Response:
        """`GET /sim/refreshes`: every refresh request so far (null item: the whole server)."""
        return web.json_response(
            [{"item_id": call.item_id, "query": call.query} for call in self.refresh_calls]
        )

    def app(self) -> web.Application:
        """The aiohttp application serving the simulated API."""
        app = web.Application(middlewares=[self.middleware])
        app.on_cleanup.append(self._shutdown)
        get, post = app.router.add_get, app.router.add_post
        get("/System/Info/Public", self.public_info)
        get("/System/Ping", self.ping)
        post("/System/Ping", self.ping)
        get("/System/Info", self.system_info)
        get("/Library/VirtualFolders", self.virtual_folders)
        post("/Library/Refresh", self.library_refresh)
        post("/Items/{item_id}/Refresh", self.item_refresh)
        get("/ScheduledTasks", self.scheduled_tasks)
        get("/ScheduledTasks/{task_id}", self.scheduled_task)
        post("/ScheduledTasks/Running/{task_id}", self.run_task)
        app.router.add_delete("/ScheduledTasks/Running/{task_id}", self.run_task)
        get("/Items/Counts", self.counts)
        get("/Items", self.items)
        post("/sim/fault", self.sim_fault)
        get("/sim/refreshes", self.sim_refreshes)
        app.router.add_route("*", "/{tail:.*}", self.not_found)
        return app


def _problem(status: int, title: str) -> web.Response:
    """An ASP.NET ProblemDetails answer."""
    body = {
        "type": f"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
        "title": title,
        "status": status,
        "traceId": "00-" + "0" * 32 + "-" + "0" * 16 + "-00",
    }
    return web.json_response(body, status=status, content_type="application/problem+json")


async def start(simulator: JellyfinSimulator, port: int = 0) -> tuple[web.AppRunner, int]:
    """Serve on 127.0.0.1 (port 0: any free port); returns the runner and the port."""
    return await serve(simulator.app(), port)


def parse_library_arg(value: str) -> tuple[str, str | None, str]:
    """`NAME:TYPE:PATH` (TYPE may be empty for mixed content; PATH may hold colons)."""
    name, sep, rest = value.partition(":")
    collection_type, sep2, path = rest.partition(":")
    if not (sep and sep2 and name and path):
        raise argparse.ArgumentTypeError(f"expected NAME:TYPE:PATH, got {value!r}")
    return name, collection_type or None, path


def main(argv: list[str] | None = None) -> None:
    """Command line: serve a simulator until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--api-key", default=DEFAULT_API_KEY)
    parser.add_argument("--scan-duration", type=float, default=2.0)
    parser.add_argument(
        "--library",
        type=parse_library_arg,
        action="append",
        default=[],
        metavar="NAME:TYPE:PATH",
        help="a library (repeat for more; the same NAME again adds a folder)",
    )
    args = parser.parse_args(argv)
    simulator = JellyfinSimulator(
        libraries=args.library, api_key=args.api_key, scan_duration=args.scan_duration
    )
    run(simulator.app(), args.port)


if __name__ == "__main__":
    main()
