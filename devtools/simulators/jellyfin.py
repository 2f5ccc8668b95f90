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
  SearchTerm, Years, MinDateLastSaved (and MinDateLastSavedForUser, which 10.11 compares with
  the same DateLastSaved), SortBy, SortOrder, StartIndex, Limit (0 is no limit, as in 10.11's
  BaseItemRepository), Fields (ProviderIds, Path, Overview, DateCreated), EnableImages,
  EnableImageTypes and userId/EnableUserData, and, like Jellyfin, ignores Emby's
  `AnyProviderIdEquals`; `/Items/Counts` fills only the counts 10.11 fills;
- every item has a DateLastSaved (not in the DTO, as in Jellyfin): when a scan first found it,
  renewed when a later scan reads it differently (its name, ids, file...), as Jellyfin saves an
  item only when its refresh changed something; every answer carries the HTTP `Date` header;
- items carry RunTimeTicks (movies 85-150 minutes, episodes 22-60, stable per item: derived from
  the id), DateCreated (the file's or folder's mtime at the last scan), Container (the video
  file's extension), ImageTags/BackdropImageTags (Primary for all, Backdrop for movies and
  series; tags stable per item), SeriesPrimaryImageTag and ParentBackdrop* for episodes, a
  made-up Overview, and UserData for the user a request is for;
- users (UserController): `users` (default: administrator "pandora" and plain user "family",
  ids `guid_n("user:" + name)`), `GET /Users` (any signed-in caller: 10.11 marks it only
  `[Authorize]`, not elevated), `GET /Users/{id}` (404 "User not found"); the API key has no
  user, `user_token` is the first non-administrator's; `userId` resolves as RequestHelpers.
  GetUserId does: omitted -> the caller's own user (none for the API key -> 404), another
  user's -> 403 unless the caller is the API key, unknown -> 404 ProblemDetails;
- per-user data keyed by (user id, item id): position ticks, played, play count, last played,
  favourite; `POST /UserItems/{id}/UserData` applies an UpdateUserItemDataDto (only the fields
  sent; LastPlayedDate is not stamped) and returns UserItemDataDto; `POST|DELETE
  /UserPlayedItems/{id}` marks played (PlayCount+1, LastPlayedDate, position 0) or unplayed;
  PlayedPercentage = position / runtime; a series counts its episodes (UnplayedItemCount);
- `GET /UserItems/Resume` (ItemsController): items with PlaybackPositionTicks > 0 (Played is not
  looked at), LastPlayedDate descending, with ParentId, MediaTypes, Include/ExcludeItemTypes,
  SearchTerm, StartIndex, Limit, Fields;
- `GET /Items/Latest` (UserLibraryController + UserViewManager.GetLatestItems): a bare list,
  non-folder items of the libraries' media types (or IncludeItemTypes), DateCreated
  descending, played ones hidden unless IsPlayed is given (HidePlayedInLatest defaults on);
  with GroupItems (default) episodes of one series fold into the Series and songs into their
  album when more than one is new (ChildCount = how many, else 0), stopping at Limit entries;
- `GET /Items/{id}` (every field, 404 for an unknown item); `GET /Shows/NextUp`
  (TVSeriesManager): with a seriesId, the first unplayed episode after the last played one
  (season 0 left out), the first episode when none was played, a half-watched one unless
  enableResumable=false; without one (or with an unknown one) every series the user played,
  last played first; the obsolete `/Users/{userId}/...` forms of all of these answer too;
- sessions (SessionController, SessionManager): `GET /Sessions` lists `SessionInfoDto`s with
  `activeWithinSeconds` and `deviceId`; the API key sees every session, a user only their own;
  a session plays an item (`NowPlayingItem`, `PlayState` with PositionTicks moving while it
  plays, IsPaused and PlayMethod DirectPlay|DirectStream|Transcode, and `TranscodingInfo` while
  transcoding) or is idle (a client signed in with nothing playing); tests start, pause,
  resume and stop playback with `start_session`, `pause_session`, `stop_session` (or
  `POST /sim/sessions`, `POST /sim/sessions/{id}?paused=`, `DELETE /sim/sessions/{id}`);
- `GET /Items/{id}/Images/{type}[/{index}]` (anonymous, as ImageController's GETs are): a local
  `poster|folder|cover` (Primary) or `backdrop|fanart|background` (Backdrop) .jpg/.png/.webp
  in the item's folder (or `<file stem>[-poster|-thumb|-fanart...].jpg` next to a file) is
  served as is; otherwise a generated SVG gradient with the item's name, `image/svg+xml`: it
  stands in for the artwork Jellyfin would have fetched from TMDB; 404 for an unknown item or
  an image type the item lacks, 400 for an unknown type;
- `GET /Videos/{id}/stream[.{container}]?static=true` serves the item's video file (ranges
  work); like 10.11 it needs no token (`stream_auth = True` demands one, as a proxy might);
  without static=true it answers 400 (transcoding is not simulated).
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
`fail_next_scan`, `failing_paths` for one endpoint, `cut_streams_after` for a connection that
drops mid-file) or `POST /sim/fault?mode=500|malformed|delay|reset&count=N&seconds=S`
(`POST /sim/backdate?seconds=S` ages every item's DateLastSaved, as on a server long running);
`refresh_calls` records every refresh request.

Run standalone: `python -m devtools.simulators.jellyfin --port 8096 --library Movies:movies:/media
[--user NAME[:admin] ...]` prints `{"port": N}` (`--user` replaces the default users).
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
import hashlib
from html import escape
import json
import os
from pathlib import Path
import re
import time
from typing import Any
import uuid

from aiohttp import web

from devtools.simulators import run, serve

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

TICKS = 10_000_000  # .NET ticks per second
# Runtime spans in minutes by item type (a stable value inside is derived from the item id).
_RUNTIME_MINUTES = {
    "Movie": (85, 150),
    "Episode": (22, 60),
    "Video": (2, 20),
    "MusicVideo": (3, 6),
    "Audio": (2, 7),
}
IMAGE_TYPES = (
    "Primary",
    "Art",
    "Backdrop",
    "Banner",
    "Logo",
    "Thumb",
    "Disc",
    "Box",
    "Screenshot",
    "Menu",
    "Chapter",
    "BoxRear",
    "Profile",
)
_LOCAL_IMAGES = {
    "Primary": ("poster", "folder", "cover"),
    "Backdrop": ("backdrop", "fanart", "background"),
}
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
# What a DtoOptions without Fields (GET /Items/{id}) includes, of the fields simulated here.
ALL_FIELDS = frozenset({"providerids", "path", "overview", "datecreated"})
_MIN_DATE = datetime.min.replace(tzinfo=UTC)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
# Handlers by auth policy: anonymous ones need no token, elevated ones an administrator;
# streams are anonymous in 10.11 unless the simulator's `stream_auth` is set.
_ANONYMOUS = frozenset({"public_info", "ping", "not_found", "item_image"})
_STREAMS = frozenset({"video_stream"})
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
    date_created: datetime | None = None  # the file's or folder's mtime when it was read
    video: str | None = None  # the playable file (None: a folder, a disc structure, no video)
    # When the server last saved the item (set by the simulator's scans; not compared).
    date_last_saved: datetime | None = field(default=None, compare=False)

    @property
    def runtime_ticks(self) -> int | None:
        """A stable runtime for videos and songs (the scan would have probed the file)."""
        span = _RUNTIME_MINUTES.get(self.type)
        if span is None:
            return None
        low, high = span
        seed = int(hashlib.md5(self.id.encode(), usedforsecurity=False).hexdigest(), 16)
        seconds = (low + seed % (high - low)) * 60 + (seed >> 16) % 60
        return seconds * TICKS

    @property
    def container(self) -> str | None:
        """The video file's extension ("mkv", "mp4", ...)."""
        return (Path(self.video).suffix.lstrip(".").lower() or None) if self.video else None

    @property
    def overview(self) -> str | None:
        """A made-up one-sentence overview (Jellyfin would have fetched one from TMDB)."""
        year = f" ({self.year})" if self.year else ""
        if self.type == "Movie":
            return f"{self.name}{year}: a film the simulator found in its library folders."
        if self.type == "Series":
            return f"{self.name}{year}: a series the simulator found in its library folders."
        if self.type == "Episode" and self.season is not None and self.episode is not None:
            return f"Season {self.season}, episode {self.episode} of {self.series_name}."
        if self.type == "Episode":
            return f"An episode of {self.series_name}."
        return None

    def dto(self, fields: Iterable[str], server_id: str) -> dict[str, Any]:
        """The item as a `BaseItemDto` (ProviderIds, Path, Overview and DateCreated only when
        asked for; images and UserData are the simulator's to add)."""
        wanted = set(fields)
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
            "RunTimeTicks": self.runtime_ticks,
            "Container": self.container,
            "LocationType": "FileSystem",
            "MediaType": _MEDIA_TYPES.get(self.type, "Unknown"),
        }
        if "providerids" in wanted:
            body["ProviderIds"] = dict(self.provider_ids)
        if "path" in wanted:
            body["Path"] = self.path
        if "overview" in wanted:
            body["Overview"] = self.overview
        if "datecreated" in wanted and self.date_created is not None:
            body["DateCreated"] = dotnet_date(self.date_created)
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


def _mtime(path: Path) -> datetime | None:
    """When a file or folder last changed (Jellyfin's DateCreated for a new item)."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return None


def _movie(path: Path, library_id: str, kind: str = "Movie") -> SimItem:
    name, year, ids = parse_name(path.name if path.is_dir() else path.stem)
    video: Path | None = path
    if path.is_dir():
        ids = _id_files(path) | ids
        video = next((f for f in _children(path) if _is_video(f)), None)
    return SimItem(
        item_id(kind, str(path)),
        kind,
        name,
        str(path),
        library_id,
        year,
        ids,
        date_created=_mtime(path),
        video=None if video is None else str(video),
    )


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
            date_created=_mtime(entry),
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
                date_created=_mtime(file),
                video=str(file),
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
                    date_created=_mtime(file.parent),
                )
                yield albums[file.parent]
            album = albums[file.parent].name
        yield SimItem(
            item_id("Audio", str(file)),
            "Audio",
            file.stem,
            str(file),
            library_id,
            album=album,
            date_created=_mtime(file),
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
                SimItem(
                    item_id("Book", str(f)),
                    "Book",
                    parse_name(f.stem)[0],
                    str(f),
                    library_id,
                    date_created=_mtime(f),
                )
                for f in _files_below(path, BOOK_EXTENSIONS)
            )
        elif collection_type in ("musicvideos", "homevideos"):
            kind = "MusicVideo" if collection_type == "musicvideos" else "Video"
            items += (_movie(f, library_id, kind) for f in _files_below(path, VIDEO_EXTENSIONS))
        elif collection_type != "boxsets":  # movies and mixed content
            items += _read_movies(path, library_id)
    return items


# --- artwork --------------------------------------------------------------------------------


def image_types(item: SimItem) -> list[str]:
    """The images an item has: Primary always, Backdrop for movies, series and local ones."""
    kinds = ["Primary"]
    if item.type in ("Movie", "Series") or local_image(item, "Backdrop") is not None:
        kinds.append("Backdrop")
    return kinds


def local_image(item: SimItem, kind: str) -> Path | None:
    """A local image file for the item, as Jellyfin's local image provider names them."""
    names = _LOCAL_IMAGES.get(kind)
    if names is None:
        return None
    path = Path(item.path)
    if path.is_dir():
        stems = [path / name for name in names]
    else:
        own = ("", "-thumb") if kind == "Primary" else ()
        stems = [path.with_name(path.stem + suffix) for suffix in (*own, *(f"-{n}" for n in names))]
    candidates = (stem.with_name(stem.name + ext) for stem in stems for ext in _IMAGE_EXTENSIONS)
    return next((c for c in candidates if c.is_file()), None)


def image_tag(item: SimItem, kind: str) -> str:
    """A tag that changes when the image does (Jellyfin: its path and modification time)."""
    local = local_image(item, kind)
    if local is None:
        return guid_n(f"placeholder:{item.id}:{kind}")
    return guid_n(f"{local}:{local.stat().st_mtime_ns}")


def placeholder_svg(item: SimItem, kind: str, max_width: int | None = None) -> str:
    """A gradient with the item's name: stands in for artwork fetched from TMDB."""
    wide = kind != "Primary" or item.type in ("Episode", "Video", "CollectionFolder")
    width, height = (1280, 720) if wide else (400, 600)
    shown = width if not max_width or max_width <= 0 else min(width, max_width)
    seed = hashlib.md5(item.id.encode(), usedforsecurity=False).hexdigest()
    first, second = f"#{seed[:6]}", f"#{seed[6:12]}"
    size = width // 14
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{shown}" '
        f'height="{shown * height // width}" viewBox="0 0 {width} {height}">'
        '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">'
        f'<stop offset="0" stop-color="{first}"/><stop offset="1" stop-color="{second}"/>'
        '</linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>'
        f'<text x="50%" y="50%" fill="#ffffff" font-family="sans-serif" font-size="{size}" '
        f'text-anchor="middle" dominant-baseline="middle">{escape(item.name)}</text></svg>'
    )


# --- users ----------------------------------------------------------------------------------


@dataclass
class SimUser:
    """A Jellyfin user; its id is `guid_n("user:" + name)`."""

    name: str
    admin: bool = False
    disabled: bool = False
    hidden: bool = False
    hide_played_in_latest: bool = True  # UserConfiguration.HidePlayedInLatest (default on)

    @property
    def id(self) -> str:
        """The user's id ("N" format)."""
        return guid_n("user:" + self.name)


def default_users() -> list[SimUser]:
    """An administrator and a plain user, as a household's server has."""
    return [SimUser("pandora", admin=True), SimUser("family")]


@dataclass
class SimUserData:
    """One user's data about one item (UserItemData)."""

    position_ticks: int = 0
    played: bool = False
    play_count: int = 0
    last_played: datetime | None = None
    is_favorite: bool = False
    likes: bool | None = None
    rating: float | None = None


def _video_file(item: SimItem) -> Path | None:
    """The item's video file, if it still exists."""
    return Path(item.video) if item.video and Path(item.video).is_file() else None


def _episode_order(item: SimItem) -> tuple[int, int, int, str]:
    """Episodes in SortName order: numbered ones by season and episode, then the others."""
    numbered = item.season is not None and item.episode is not None
    return (0 if numbered else 1, item.season or 0, item.episode or 0, item.name.casefold())


def _parse_date(value: Any) -> datetime | None:
    """An ISO date from a request (naive: UTC); ValueError when it is not one."""
    if not isinstance(value, str):
        raise ValueError(value)
    text = value.strip()
    head, dot, tail = text.partition(".")
    if dot:  # .NET may send seven fractional digits
        digits = len(tail) - len(tail.lstrip("0123456789"))
        text = f"{head}.{tail[: min(digits, 6)]}{tail[digits:]}"
    parsed = datetime.fromisoformat(text)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


# --- requests -------------------------------------------------------------------------------


def _query(request: web.Request) -> dict[str, str]:
    """The query with lower-case names (ASP.NET binds them in any case)."""
    return {key.lower(): value for key, value in request.query.items()}


def _listed(query: Mapping[str, str], name: str) -> set[str]:
    return {v.strip().lower() for v in query.get(name, "").split(",") if v.strip()}


def _flag(query: Mapping[str, str], name: str) -> bool | None:
    return {"true": True, "false": False}.get(query.get(name, "").lower())


def _number(query: Mapping[str, str], name: str) -> int | None:
    value = query.get(name, "")
    return int(value) if value.isdigit() else None


_HTTP_ERRORS: dict[int, type[web.HTTPException]] = {
    400: web.HTTPBadRequest,
    403: web.HTTPForbidden,
    404: web.HTTPNotFound,
}


def _fail(status: int, title: str) -> web.HTTPException:
    """An ASP.NET ProblemDetails answer to raise."""
    return _HTTP_ERRORS[status](
        text=json.dumps(_problem_body(status, title)), content_type="application/problem+json"
    )


def _guid(raw: str) -> str:
    """A route or query Guid in "N" format; 400 when it is none (model binding fails)."""
    try:
        return uuid.UUID(raw).hex
    except ValueError:
        raise _fail(400, "One or more validation errors occurred.") from None


@dataclass(frozen=True, slots=True)
class DtoOptions:
    """What a request asked to see of each item."""

    fields: frozenset[str]
    user_data: bool = True
    images: bool = True
    image_types: frozenset[str] | None = None  # None: every type

    @classmethod
    def of(cls, query: Mapping[str, str], *, all_fields: bool = False) -> DtoOptions:
        """From `Fields`, `EnableUserData`, `EnableImages` and `EnableImageTypes`."""
        enabled = _listed(query, "enableimagetypes")
        return cls(
            fields=ALL_FIELDS if all_fields else frozenset(_listed(query, "fields")),
            user_data=_flag(query, "enableuserdata") is not False,
            images=_flag(query, "enableimages") is not False,
            image_types=frozenset(enabled) if enabled else None,
        )


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
class SimSession:
    """A client's session (SessionInfo): signed in, playing `item_id` or idle (None)."""

    id: str
    user_id: str
    client: str
    device_name: str
    device_id: str
    remote_address: str
    item_id: str | None = None
    paused: bool = False
    play_method: str = "DirectPlay"  # DirectPlay, DirectStream or Transcode
    position_ticks: int = 0
    playing_since: float = 0.0  # monotonic time the position was last set
    last_activity: datetime = field(default_factory=lambda: datetime.now(UTC))

    def position(self) -> int:
        """PositionTicks now: it moves while the item plays."""
        if self.item_id is None or self.paused:
            return self.position_ticks
        return self.position_ticks + int((time.monotonic() - self.playing_since) * 10_000_000)


PLAY_METHODS = ("DirectPlay", "DirectStream", "Transcode")


@dataclass
class JellyfinSimulator:
    """State and routes of the simulated Jellyfin; fault fields are meant to be set by tests."""

    libraries: Sequence[LibrarySpec] = ()
    api_key: str = DEFAULT_API_KEY
    user_token: str | None = DEFAULT_USER_TOKEN
    legacy_auth: bool = True  # EnableLegacyAuthorization: on by default in 10.11, off in 12.0
    # `/System/Info`'s Id: Jellyfin makes a random one at its first start (DeviceId, kept in
    # data/device.txt), so each simulator is another server.
    server_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    scan_duration: float = 2.0  # seconds one "Scan Media Library" run takes
    library_refresh_duration: float | None = None  # one library's refresh (None: scan_duration)
    cancel_delay: float = 0.1  # seconds a cancelled scan stays "Cancelling"
    index_at_start: bool = True  # the folders are already known (an earlier server run)
    server_error_next: int = 0  # answer this many API requests with 500
    malformed_next: int = 0  # ... with a truncated JSON body
    # Answer requests to these paths with 500 (path -> how many more times).
    failing_paths: Counter[str] = field(default_factory=Counter)
    cut_streams_after: int | None = None  # streams drop the connection after this many bytes
    delay: float = 0.0  # seconds before every API answer
    fail_next_scan: str | None = None  # the next scan ends Failed with this ErrorMessage
    users: list[SimUser] = field(default_factory=default_users)
    stream_auth: bool = False  # demand a token for streams (10.11 does not; a proxy may)
    requests: Counter[str] = field(default_factory=Counter)
    refresh_calls: list[RefreshCall] = field(default_factory=list)
    scans_started: int = 0
    _libraries: list[SimLibrary] = field(default_factory=list, init=False, repr=False)
    _index: dict[str, list[SimItem]] = field(default_factory=dict, init=False, repr=False)
    _by_id: dict[str, SimItem] | None = field(default=None, init=False, repr=False)
    _task_state: str = field(default="Idle", init=False, repr=False)
    _scan_started: float = field(default=0.0, init=False, repr=False)
    _scan_cancel: asyncio.Event | None = field(default=None, init=False, repr=False)
    _scan_queued: bool = field(default=False, init=False, repr=False)
    _last_result: dict[str, Any] | None = field(default=None, init=False, repr=False)
    _library_queue: list[str] = field(default_factory=list, init=False, repr=False)
    _library_run: _LibraryRun | None = field(default=None, init=False, repr=False)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set, init=False, repr=False)
    _user_data: dict[tuple[str, str], SimUserData] = field(
        default_factory=dict, init=False, repr=False
    )
    _sessions: dict[str, SimSession] = field(default_factory=dict, init=False, repr=False)

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
        self._by_id = None
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

    # --- users and their data ---------------------------------------------------------------

    def add_user(self, name: str, admin: bool = False) -> SimUser:
        """Create a user (Jellyfin refuses a second user of the same name)."""
        if any(u.name.casefold() == name.casefold() for u in self.users):
            raise ValueError(f"a user named {name!r} already exists")
        user = SimUser(name, admin=admin)
        self.users.append(user)
        return user

    def user(self, name: str) -> SimUser:
        """A user by name."""
        return next(u for u in self.users if u.name == name)

    def user_by_id(self, user_id: str | None) -> SimUser | None:
        """A user by id (None for None or an unknown id)."""
        return next((u for u in self.users if u.id == user_id), None)

    @property
    def token_user_id(self) -> str | None:
        """Whose `user_token` is: the first non-administrator's (None without one)."""
        return next((u.id for u in self.users if not u.admin), None)

    def user_data(self, user: SimUser | str, item: SimItem | str) -> SimUserData:
        """One user's data about one item (created empty on first use; tests may edit it)."""
        user_id = user if isinstance(user, str) else user.id
        item_key = item if isinstance(item, str) else item.id
        return self._user_data.setdefault((user_id, item_key), SimUserData())

    def _peek(self, user: SimUser, item: SimItem) -> SimUserData:
        """The data without creating an entry."""
        return self._user_data.get((user.id, item.id)) or SimUserData()

    def find(self, name: str, kind: str | None = None) -> SimItem:
        """An indexed item by name (and type), for tests."""
        return next(
            i for i in self.indexed() if i.name == name and (kind is None or i.type == kind)
        )

    def _index_by_id(self) -> dict[str, SimItem]:
        if self._by_id is None:  # read once per scan: a 50,000-item library is paged often
            self._by_id = {item.id: item for item in self.indexed() + self._library_items()}
        return self._by_id

    def _children_of(self, item: SimItem, index: Mapping[str, SimItem]) -> list[SimItem]:
        """The playable items below a folder (a series' episodes, an album's songs, ...)."""
        if item.type == "Series":
            return [i for i in index.values() if i.series_id == item.id]
        if item.type == "MusicAlbum":
            return [
                i
                for i in index.values()
                if i.type == "Audio" and Path(i.path).parent == Path(item.path)
            ]
        if item.type == "CollectionFolder":
            return [
                i for i in index.values() if i.library_id == item.id and i.type not in _FOLDER_TYPES
            ]
        return []

    # --- sessions: who is playing what --------------------------------------------------------

    def start_session(
        self,
        user: SimUser | str,
        item: SimItem | str,
        device: str = "Living room TV",
        *,
        client: str = "Jellyfin Android TV",
        address: str = "192.168.1.20",
        play_method: str = "DirectPlay",
    ) -> SimSession:
        """A client of `user` starts playing `item` (an item, its id or its name; a series
        plays its first episode).

        The same device playing again reuses its session, as Jellyfin's SessionManager keys
        sessions by app and device id.
        """
        if play_method not in PLAY_METHODS:
            raise ValueError(f"play_method must be one of {PLAY_METHODS}")
        who = user if isinstance(user, SimUser) else self.user(user)
        index = self._index_by_id()
        found = item if isinstance(item, SimItem) else index.get(item) or self.find(item)
        if found.type in _FOLDER_TYPES:  # "Play" on a series plays its first episode
            found = min(self._children_of(found, index), key=_episode_order)
        device_id = guid_n(f"device:{client}:{device}")
        session = self._sessions.get(device_id) or SimSession(
            id=guid_n(f"session:{device_id}"),
            user_id=who.id,
            client=client,
            device_name=device,
            device_id=device_id,
            remote_address=address,
        )
        session.user_id, session.remote_address = who.id, address
        session.item_id, session.paused, session.play_method = found.id, False, play_method
        session.position_ticks, session.playing_since = 0, time.monotonic()
        session.last_activity = datetime.now(UTC)
        self._sessions[device_id] = session
        return session

    def connect_client(
        self, user: SimUser | str, device: str, *, client: str = "Jellyfin Web"
    ) -> SimSession:
        """A client signed in with nothing playing (listed, but not a stream)."""
        session = self.start_session(user, self.indexed()[0], device, client=client)
        session.item_id = None
        return session

    def _session(self, session: SimSession | str) -> SimSession:
        session_id = session if isinstance(session, str) else session.id
        return next(s for s in self._sessions.values() if s.id == session_id)

    def pause_session(self, session: SimSession | str, paused: bool = True) -> None:
        """The client pauses (or resumes) playback."""
        found = self._session(session)
        found.position_ticks, found.playing_since = found.position(), time.monotonic()
        found.paused = paused
        found.last_activity = datetime.now(UTC)

    def stop_session(self, session: SimSession | str) -> None:
        """Playback stops; the client stays signed in (its session goes idle)."""
        found = self._session(session)
        found.item_id, found.paused = None, False
        found.last_activity = datetime.now(UTC)

    def _session_dto(self, session: SimSession, index: Mapping[str, SimItem]) -> dict[str, Any]:
        """A `SessionInfoDto` (nulls left out)."""
        user = self.user_by_id(session.user_id)
        item = index.get(session.item_id or "")
        body: dict[str, Any] = {
            "PlayState": {
                "CanSeek": item is not None,
                "IsPaused": session.paused,
                "IsMuted": False,
                "RepeatMode": "RepeatNone",
                "PlaybackOrder": "Default",
            },
            "AdditionalUsers": [],
            "Capabilities": {
                "PlayableMediaTypes": ["Audio", "Video"],
                "SupportedCommands": [],
                "SupportsMediaControl": True,
                "SupportsPersistentIdentifier": True,
            },
            "RemoteEndPoint": session.remote_address,
            "PlayableMediaTypes": ["Audio", "Video"],
            "Id": session.id,
            "UserId": session.user_id,
            "UserName": user.name if user else None,
            "Client": session.client,
            "LastActivityDate": dotnet_date(session.last_activity),
            "LastPlaybackCheckIn": dotnet_date(session.last_activity),
            "DeviceName": session.device_name,
            "DeviceId": session.device_id,
            "ApplicationVersion": VERSION,
            "IsActive": True,
            "SupportsMediaControl": True,
            "SupportsRemoteControl": True,
            "NowPlayingQueue": [],
            "NowPlayingQueueFullItems": [],
            "HasCustomDeviceName": False,
            "ServerId": self.server_id,
            "SupportedCommands": [],
        }
        if item is not None:
            body["NowPlayingItem"] = self._dto(item, DtoOptions.of({}), None, index)
            body["PlayState"] |= {
                "PositionTicks": session.position(),
                "PlayMethod": session.play_method,
                "MediaSourceId": item.id,
            }
            if session.play_method == "Transcode":
                body["TranscodingInfo"] = {
                    "AudioCodec": "aac",
                    "VideoCodec": "h264",
                    "Container": "ts",
                    "IsVideoDirect": False,
                    "IsAudioDirect": False,
                    "Bitrate": 8_000_000,
                    "Width": 1920,
                    "Height": 1080,
                    "AudioChannels": 2,
                    "HardwareAccelerationType": "none",
                    "TranscodeReasons": ["VideoCodecNotSupported"],
                }
        return {key: value for key, value in body.items() if value is not None}

    def reset(self) -> None:
        """Clear faults and counters."""
        self.server_error_next = self.malformed_next = 0
        self.failing_paths.clear()
        self.cut_streams_after = None
        self.delay = 0.0
        self.fail_next_scan = None
        self.requests.clear()
        self.refresh_calls.clear()

    def backdate(self, delta: timedelta) -> None:
        """Move every item's DateLastSaved `delta` back: a server that has run for a while."""
        for key, items in self._index.items():
            self._index[key] = [
                replace(i, date_last_saved=i.date_last_saved - delta) if i.date_last_saved else i
                for i in items
            ]
        self._by_id = None

    def _read(self, library: SimLibrary) -> None:
        before = {item.id: item for item in self._index.get(library.item_id, ())}
        now = datetime.now(UTC)
        items = read_library(library.collection_type, library.paths, library.item_id)
        for n, item in enumerate(items):
            old = before.get(item.id)
            saved = old.date_last_saved if old is not None and old == item else now
            items[n] = replace(item, date_last_saved=saved)
        self._index[library.item_id] = items
        self._by_id = None

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
        if self.server_error_next > 0 or self.failing_paths[request.path] > 0:
            if self.failing_paths[request.path] > 0:
                self.failing_paths[request.path] -= 1
            else:
                self.server_error_next -= 1
            return web.Response(status=500, text="Error processing request.")
        name = getattr(handler, "__name__", "")
        token = self._token(request)
        admin = token is not None and token == self.api_key
        plain = token is not None and token == self.user_token
        if name not in _ANONYMOUS and (name not in _STREAMS or self.stream_auth):
            if not admin and not plain:
                return web.Response(status=401)
            if name in _ELEVATED and not admin:
                return web.Response(status=403)
        # Who is asking: the API key is an administrator without a user of its own.
        request["sim_admin"] = admin
        request["sim_user_id"] = self.token_user_id if plain else None
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
        query = _query(request)
        user = self._user_for(request, required=False)
        found = self.indexed()
        parent = query.get("parentid", "").replace("-", "").lower()
        ids = {i.replace("-", "") for i in _listed(query, "ids")}
        if ids:
            found = [i for i in found + self._library_items() if i.id in ids]
        elif parent:
            found = [i for i in found if parent in (i.library_id, i.series_id)]
        elif _flag(query, "recursive") is not True:
            found = self._library_items()  # the user's root: one entry per library
        found = self._filter_types(found, query)
        for provider in ("Tmdb", "Imdb", "Tvdb"):
            wanted = _flag(query, f"has{provider.lower()}id")
            if wanted is not None:
                found = [i for i in found if (provider in i.provider_ids) == wanted]
        if term := query.get("searchterm", "").strip().casefold():
            found = [i for i in found if term in i.name.casefold()]
        if years := {int(y) for y in _listed(query, "years") if y.isdigit()}:
            found = [i for i in found if i.year in years]
        for name in ("mindatelastsaved", "mindatelastsavedforuser"):
            if name in query:
                try:
                    since = _parse_date(query[name])
                except ValueError:
                    since = None
                if since is None:  # model binding fails
                    raise _fail(400, "One or more validation errors occurred.")
                found = [i for i in found if i.date_last_saved and i.date_last_saved >= since]
        descending = "descending" in _listed(query, "sortorder")
        if "productionyear" in _listed(query, "sortby"):
            found.sort(key=lambda i: (i.year or 0, i.name.casefold()), reverse=descending)
        else:
            found.sort(key=lambda i: i.name.casefold(), reverse=descending)
        return self._page(found, query, user)

    # --- users and what they watch ----------------------------------------------------------

    def _user_for(self, request: web.Request, *, required: bool = True) -> SimUser | None:
        """The user a request is for, as RequestHelpers.GetUserId + GetUserById decide.

        No userId: the caller's own user (the API key has none). Another user's id: 403
        unless the caller is an administrator. An unknown user: 404 (when `required`, also
        for none at all).
        """
        raw = request.match_info.get("user_id") or _query(request).get("userid", "")
        caller: str | None = request.get("sim_user_id")
        wanted = _guid(raw) if raw else None
        if wanted is None or wanted == uuid.UUID(int=0).hex:
            wanted = caller
        elif wanted != caller and not request.get("sim_admin"):
            raise web.HTTPForbidden(text="Forbidden")
        if wanted is None and not required:
            return None
        user = self.user_by_id(wanted)
        if user is None:
            raise _fail(404, "Not Found")
        return user

    def _item_for(self, request: web.Request, index: Mapping[str, SimItem]) -> SimItem:
        """The route's item; 404 when the server does not know it."""
        item = index.get(_guid(request.match_info["item_id"]))
        if item is None:
            raise _fail(404, "Not Found")
        return item

    def _filter_types(self, found: list[SimItem], query: Mapping[str, str]) -> list[SimItem]:
        if include := _listed(query, "includeitemtypes"):
            found = [i for i in found if i.type.lower() in include]
        if exclude := _listed(query, "excludeitemtypes"):
            found = [i for i in found if i.type.lower() not in exclude]
        if media := _listed(query, "mediatypes"):
            found = [i for i in found if _MEDIA_TYPES.get(i.type, "").lower() in media]
        return found

    def _page(
        self, found: list[SimItem], query: Mapping[str, str], user: SimUser | None
    ) -> web.Response:
        """A `QueryResult<BaseItemDto>` page of `found`."""
        start = _number(query, "startindex") or 0
        limit = _number(query, "limit") or None  # 10.11 takes Limit=0 as no limit
        page = found[start : None if limit is None else start + limit]
        options, index = DtoOptions.of(query), self._index_by_id()
        return web.json_response(
            {
                "Items": [self._dto(item, options, user, index) for item in page],
                "TotalRecordCount": len(found),
                "StartIndex": start,
            }
        )

    def _dto(
        self,
        item: SimItem,
        options: DtoOptions,
        user: SimUser | None,
        index: Mapping[str, SimItem],
    ) -> dict[str, Any]:
        """A `BaseItemDto` as DtoService builds it for these options and this user."""
        body = item.dto(options.fields, self.server_id)
        if options.images:
            wanted = options.image_types
            tags = {
                kind: image_tag(item, kind)
                for kind in image_types(item)
                if wanted is None or kind.lower() in wanted
            }
            backdrop = tags.pop("Backdrop", None)
            body["ImageTags"] = tags
            body["BackdropImageTags"] = [] if backdrop is None else [backdrop]
            series = index.get(item.series_id or "")
            if item.type == "Episode" and series is not None:
                # DtoService adds the series poster and backdrop to every episode.
                body["SeriesPrimaryImageTag"] = image_tag(series, "Primary")
                body["ParentBackdropItemId"] = series.id
                body["ParentBackdropImageTags"] = [image_tag(series, "Backdrop")]
        if user is not None and options.user_data:
            body["UserData"] = self._user_data_dto(user, item, index)
        return body

    def _data_key(self, item: SimItem, index: Mapping[str, SimItem]) -> str:
        """UserItemData.Key: a provider id where the item has one, else its id ("D" format)."""
        series = index.get(item.series_id or "")
        if item.type == "Episode" and series is not None and item.episode is not None:
            for provider in ("Tvdb", "Tmdb", "Imdb"):
                if provider in series.provider_ids:
                    number = f"{item.season or 0:03d}{item.episode:03d}"
                    return series.provider_ids[provider] + number
        for provider in ("Tmdb", "Imdb", "Tvdb"):
            if provider in item.provider_ids:
                return item.provider_ids[provider]
        return str(uuid.UUID(item.id))

    def _user_data_dto(
        self, user: SimUser, item: SimItem, index: Mapping[str, SimItem]
    ) -> dict[str, Any]:
        """`UserItemDataDto`: the stored data plus what UserDataManager/Folder derive."""
        data = self._peek(user, item)
        body: dict[str, Any] = {
            "Rating": data.rating,
            "PlaybackPositionTicks": data.position_ticks,
            "PlayCount": data.play_count,
            "IsFavorite": data.is_favorite,
            "Likes": data.likes,
            "LastPlayedDate": None if data.last_played is None else dotnet_date(data.last_played),
            "Played": data.played,
            "Key": self._data_key(item, index),
            "ItemId": item.id,
        }
        runtime = item.runtime_ticks
        if data.position_ticks > 0 and runtime:
            body["PlayedPercentage"] = 100.0 * data.position_ticks / runtime
        if item.type in _FOLDER_TYPES:
            children = self._children_of(item, index)
            unplayed = sum(not self._peek(user, child).played for child in children)
            body["UnplayedItemCount"] = unplayed
            body["Played"] = bool(children) and unplayed == 0
            if children and unplayed < len(children):
                body["PlayedPercentage"] = 100.0 * (len(children) - unplayed) / len(children)
        return {key: value for key, value in body.items() if value is not None}

    def _user_dto(self, user: SimUser) -> dict[str, Any]:
        """`UserDto` (UserManager.GetUserDto)."""
        return {
            "Name": user.name,
            "ServerId": self.server_id,
            "Id": user.id,
            "HasPassword": True,
            "HasConfiguredPassword": True,
            "HasConfiguredEasyPassword": False,
            "EnableAutoLogin": False,
            "LastLoginDate": dotnet_date(datetime(2025, 11, 1, 20, 0, tzinfo=UTC)),
            "LastActivityDate": dotnet_date(datetime(2025, 11, 1, 21, 30, tzinfo=UTC)),
            "Configuration": {
                "PlayDefaultAudioTrack": True,
                "SubtitleLanguagePreference": "",
                "DisplayMissingEpisodes": False,
                "GroupedFolders": [],
                "SubtitleMode": "Default",
                "DisplayCollectionsView": False,
                "EnableLocalPassword": False,
                "OrderedViews": [],
                "LatestItemsExcludes": [],
                "MyMediaExcludes": [],
                "HidePlayedInLatest": user.hide_played_in_latest,
                "RememberAudioSelections": True,
                "RememberSubtitleSelections": True,
                "EnableNextEpisodeAutoPlay": True,
            },
            "Policy": {
                "IsAdministrator": user.admin,
                "IsHidden": user.hidden,
                "EnableCollectionManagement": user.admin,
                "EnableSubtitleManagement": user.admin,
                "EnableLyricManagement": user.admin,
                "IsDisabled": user.disabled,
                "BlockedTags": [],
                "AllowedTags": [],
                "EnableUserPreferenceAccess": True,
                "AccessSchedules": [],
                "BlockUnratedItems": [],
                "EnableRemoteControlOfOtherUsers": user.admin,
                "EnableSharedDeviceControl": True,
                "EnableRemoteAccess": True,
                "EnableLiveTvManagement": user.admin,
                "EnableLiveTvAccess": True,
                "EnableMediaPlayback": True,
                "EnableAudioPlaybackTranscoding": True,
                "EnableVideoPlaybackTranscoding": True,
                "EnablePlaybackRemuxing": True,
                "ForceRemoteSourceTranscoding": False,
                "EnableContentDeletion": user.admin,
                "EnableContentDeletionFromFolders": [],
                "EnableContentDownloading": True,
                "EnableSyncTranscoding": True,
                "EnableMediaConversion": True,
                "EnabledDevices": [],
                "EnableAllDevices": True,
                "EnabledChannels": [],
                "EnableAllChannels": True,
                "EnabledFolders": [],
                "EnableAllFolders": True,
                "InvalidLoginAttemptCount": 0,
                "LoginAttemptsBeforeLockout": -1,
                "MaxActiveSessions": 0,
                "EnablePublicSharing": True,
                "BlockedMediaFolders": [],
                "BlockedChannels": [],
                "RemoteClientBitrateLimit": 0,
                "AuthenticationProviderId": (
                    "Jellyfin.Server.Implementations.Users.DefaultAuthenticationProvider"
                ),
                "PasswordResetProviderId": (
                    "Jellyfin.Server.Implementations.Users.DefaultPasswordResetProvider"
                ),
                "SyncPlayAccess": "CreateAndJoinGroups",
            },
        }

    async def list_users(self, request: web.Request) -> web.Response:
        """`GET /Users?isHidden=&isDisabled=`: every user, by name."""
        query = _query(request)
        users = sorted(self.users, key=lambda u: u.name)
        for name, attribute in (("isdisabled", "disabled"), ("ishidden", "hidden")):
            wanted = _flag(query, name)
            if wanted is not None:
                users = [u for u in users if getattr(u, attribute) == wanted]
        return web.json_response([self._user_dto(u) for u in users])

    async def get_user(self, request: web.Request) -> web.Response:
        """`GET /Users/{userId}`: 404 "User not found" for an unknown one."""
        user = self.user_by_id(_guid(request.match_info["user_id"]))
        if user is None:
            return web.Response(status=404, text="User not found")
        return web.json_response(self._user_dto(user))

    async def resume(self, request: web.Request) -> web.Response:
        """`GET /UserItems/Resume` (IsResumable: a position > 0), last played first."""
        user = self._user_for(request)
        assert user is not None
        query = _query(request)
        found = [i for i in self.indexed() if self._peek(user, i).position_ticks > 0]
        if parent := query.get("parentid", "").replace("-", "").lower():
            found = [i for i in found if parent in (i.library_id, i.series_id)]
        found = self._filter_types(found, query)
        if term := query.get("searchterm", "").strip().casefold():
            found = [i for i in found if term in i.name.casefold()]
        found.sort(key=lambda i: self._peek(user, i).last_played or _MIN_DATE, reverse=True)
        return self._page(found, query, user)

    def _latest_container(self, item: SimItem, index: Mapping[str, SimItem]) -> SimItem | None:
        """LatestItemsIndexContainer: an episode's series, a song's album."""
        if item.type == "Episode":
            return index.get(item.series_id or "")
        if item.type == "Audio":
            folder = str(Path(item.path).parent)
            return next(
                (i for i in index.values() if i.type == "MusicAlbum" and i.path == folder), None
            )
        return None

    async def latest(self, request: web.Request) -> web.Response:
        """`GET /Items/Latest`: the newest items, episodes grouped by series (a bare list)."""
        user = self._user_for(request)
        assert user is not None
        query, index = _query(request), self._index_by_id()
        limit = _number(query, "limit") or 20
        group = _flag(query, "groupitems") is not False
        is_played = _flag(query, "isplayed")
        if is_played is None and user.hide_played_in_latest:
            is_played = False
        parent = query.get("parentid", "").replace("-", "").lower()
        libraries = [lib for lib in self._libraries if not parent or lib.item_id == parent]
        if parent and not libraries:  # a series (or another folder) as the parent
            found = [i for i in self.indexed() if parent in (i.series_id, i.library_id)]
        else:
            wanted = {lib.item_id for lib in libraries}
            found = [i for i in self.indexed() if i.library_id in wanted]
            if any(lib.collection_type == "music" for lib in libraries if parent):
                is_played = None  # GetItemsForLatestItems ignores it for a music library
        if include := _listed(query, "includeitemtypes"):
            found = [i for i in found if i.type.lower() in include]
        else:
            media: set[str] = set()
            for lib in libraries:
                media |= {
                    "books": {"Book", "Audio"},
                    "music": {"Audio"},
                    "homevideos": {"Video", "Photo"},
                }.get(lib.collection_type or "", {"Video"})
            found = [
                i
                for i in found
                if i.type not in _FOLDER_TYPES and (not media or _MEDIA_TYPES.get(i.type) in media)
            ]
        if is_played is not None:
            found = [i for i in found if self._peek(user, i).played == is_played]
        # DateCreated, then SortName, then ProductionYear: all descending.
        found.sort(
            key=lambda i: (i.date_created or _MIN_DATE, i.name.casefold(), i.year or 0),
            reverse=True,
        )
        groups: list[tuple[SimItem | None, list[SimItem]]] = []
        where: dict[str, int] = {}
        for item in found:
            container = None
            if group and item.type not in _FOLDER_TYPES:
                container = self._latest_container(item, index)
            if container is None:
                groups.append((None, [item]))
            elif container.id in where:
                groups[where[container.id]][1].append(item)
            else:
                where[container.id] = len(groups)
                groups.append((container, [item]))
            if len(groups) >= limit:
                break
        options = DtoOptions.of(query)
        answer = []
        for container, members in groups:
            shown, child_count = members[0], 0
            if container is not None and (len(members) > 1 or container.type == "MusicAlbum"):
                shown, child_count = container, len(members)
            answer.append(self._dto(shown, options, user, index) | {"ChildCount": child_count})
        return web.json_response(answer)

    async def user_item(self, request: web.Request) -> web.Response:
        """`GET /Items/{itemId}?userId=`: one item with every field."""
        user = self._user_for(request)
        index = self._index_by_id()
        item = self._item_for(request, index)
        return web.json_response(self._dto(item, DtoOptions.of({}, all_fields=True), user, index))

    def _next_episode(
        self, user: SimUser, series: SimItem, index: Mapping[str, SimItem], resumable: bool
    ) -> tuple[datetime | None, SimItem | None]:
        """(when the last played episode was played, the episode after it), TVSeriesManager's
        GetNextUp for one series; the date is None when no episode was played."""
        episodes = sorted(
            (
                i
                for i in index.values()
                if i.type == "Episode" and i.series_id == series.id and i.season != 0
            ),
            key=_episode_order,
        )
        played = [i for i in episodes if self._peek(user, i).played]
        last = played[-1] if played else None
        after = episodes[episodes.index(last) + 1 :] if last is not None else episodes
        following = next((i for i in after if not self._peek(user, i).played), None)
        if following is not None and not resumable and self._peek(user, following).position_ticks:
            following = None  # enableResumable=false drops it without looking further
        if last is None:
            return None, following
        return self._peek(user, last).last_played or _MIN_DATE + timedelta(days=1), following

    async def next_up(self, request: web.Request) -> web.Response:
        """`GET /Shows/NextUp?userId=&seriesId=`: the episode to watch next, per series."""
        user = self._user_for(request)
        assert user is not None
        query, index = _query(request), self._index_by_id()
        resumable = _flag(query, "enableresumable") is not False
        disable_first = _flag(query, "disablefirstepisode") is True
        raw_series = query.get("seriesid", "")
        series = index.get(_guid(raw_series)) if raw_series else None
        if series is not None and series.type == "Series":
            candidates, always_first = [series], True
        else:
            # GetNextUpSeriesKeys: the series the user played an episode of, last played first.
            last_played: dict[str, datetime] = {}
            for item in self.indexed():
                when = self._peek(user, item).last_played
                if item.type == "Episode" and item.series_id and when is not None:
                    last_played[item.series_id] = max(when, last_played.get(item.series_id, when))
            ordered = sorted(last_played, key=lambda key: last_played[key], reverse=True)
            candidates = [index[key] for key in ordered if key in index]
            if parent := query.get("parentid", "").replace("-", "").lower():
                candidates = [c for c in candidates if c.library_id == parent]
            always_first = False
        found: list[SimItem] = []
        any_found = False
        for candidate in candidates:
            when, episode = self._next_episode(user, candidate, index, resumable)
            if disable_first:
                keep = when is not None
            elif always_first or when is not None:
                keep = any_found = True
            else:
                keep = not any_found
            if keep and episode is not None:
                found.append(episode)
        return self._page(found, query, user)

    def _apply_update(self, data: SimUserData, body: Mapping[str, Any]) -> None:
        """UserDataManager.SaveUserData with an UpdateUserItemDataDto: set what is sent."""
        fields = {key.lower(): value for key, value in body.items() if value is not None}

        def typed(name: str, kind: type) -> Any:
            """The field's value if it is of `kind` (bool is no number), else 400."""
            value = fields[name]
            number = kind is not bool and isinstance(value, bool)
            if number or not isinstance(value, (int, float) if kind is float else kind):
                raise _fail(400, "One or more validation errors occurred.")
            return value

        if "playbackpositionticks" in fields:
            data.position_ticks = int(typed("playbackpositionticks", int))
        if "playcount" in fields:
            data.play_count = int(typed("playcount", int))
        if "isfavorite" in fields:
            data.is_favorite = bool(typed("isfavorite", bool))
        if "likes" in fields:
            data.likes = bool(typed("likes", bool))
        if "played" in fields:
            data.played = bool(typed("played", bool))
        if "lastplayeddate" in fields:
            try:
                data.last_played = _parse_date(fields["lastplayeddate"])
            except ValueError:
                raise _fail(400, "One or more validation errors occurred.") from None
        if "rating" in fields:
            data.rating = float(typed("rating", float))

    async def item_user_data(self, request: web.Request) -> web.Response:
        """`GET|POST /UserItems/{itemId}/UserData?userId=`: read or update (UpdateUserItemDataDto)
        one user's data about one item; answers the UserItemDataDto."""
        body: Any = None
        if request.method == "POST":
            try:
                body = await request.json()
            except ValueError:
                body = None
            if not isinstance(body, dict):
                raise _fail(400, "One or more validation errors occurred.")
        user = self._user_for(request)
        assert user is not None
        index = self._index_by_id()
        item = self._item_for(request, index)
        if body is not None:
            update = SimUserData(**vars(self._peek(user, item)))
            self._apply_update(update, body)
            self._user_data[(user.id, item.id)] = update
        return web.json_response(self._user_data_dto(user, item, index))

    async def played_items(self, request: web.Request) -> web.Response:
        """`POST|DELETE /UserPlayedItems/{itemId}?userId=&datePlayed=`: mark played (or not)
        the item and, for a folder, everything below it."""
        user = self._user_for(request)
        assert user is not None
        index = self._index_by_id()
        item = self._item_for(request, index)
        when = datetime.now(UTC)
        if raw := _query(request).get("dateplayed"):
            try:
                when = _parse_date(raw) or when
            except ValueError:
                raise _fail(400, "One or more validation errors occurred.") from None
        for target in [item, *self._children_of(item, index)]:
            data = self.user_data(user, target)
            if request.method == "POST":  # BaseItem.MarkPlayed (resetPosition: true)
                data.play_count += 1
                data.last_played, data.played, data.position_ticks = when, True, 0
            else:  # BaseItem.MarkUnplayed
                data.played, data.play_count, data.position_ticks = False, 0, 0
                data.last_played = None
        return web.json_response(self._user_data_dto(user, item, index))

    # --- images and streams -----------------------------------------------------------------

    async def item_image(self, request: web.Request) -> web.StreamResponse:
        """`GET /Items/{itemId}/Images/{imageType}[/{imageIndex}]` (anonymous)."""
        index = self._index_by_id()
        item = self._item_for(request, index)
        raw_kind = request.match_info["image_type"]
        kind = next((k for k in IMAGE_TYPES if k.lower() == raw_kind.lower()), None)
        position = request.match_info.get("image_index", "0")
        if kind is None or not position.isdigit():
            raise _fail(400, "One or more validation errors occurred.")
        if kind not in image_types(item) or int(position) > 0:
            return web.Response(
                status=404, text=f"{item.name} does not have an image of type {kind}"
            )
        local = local_image(item, kind)
        if local is not None:
            return web.FileResponse(local)
        svg = placeholder_svg(item, kind, _number(_query(request), "maxwidth"))
        return web.Response(text=svg, content_type="image/svg+xml")

    async def video_stream(self, request: web.Request) -> web.StreamResponse:
        """`GET /Videos/{itemId}/stream[.{container}]?static=true`: the file itself."""
        video = _video_file(self._item_for(request, self._index_by_id()))
        if video is None:
            raise _fail(404, "Not Found")
        if _flag(_query(request), "static") is not True:
            raise _fail(400, "The simulator only streams static files (static=true)")
        if self.cut_streams_after is None or request.transport is None:
            return web.FileResponse(video)
        # The server goes away mid-file: part of the body, then the connection closes.
        body = video.read_bytes()
        response = web.StreamResponse(headers={"Content-Length": str(len(body))})
        response.content_type = "video/mp4"
        await response.prepare(request)
        await response.write(body[: self.cut_streams_after])
        request.transport.close()
        return response

    async def not_found(self, _request: web.Request) -> web.Response:
        """Any other path: an empty 404, as ASP.NET answers unknown routes."""
        return web.Response(status=404)

    # --- simulator control ------------------------------------------------------------------

    async def sessions(self, request: web.Request) -> web.Response:
        """`GET /Sessions`: the API key sees every session, a user only their own."""
        query = _query(request)
        index = self._index_by_id()
        found = list(self._sessions.values())
        if not request["sim_admin"]:
            found = [s for s in found if s.user_id == request["sim_user_id"]]
        if device_id := query.get("deviceid"):
            found = [s for s in found if s.device_id == device_id]
        if (within := _number(query, "activewithinseconds")) is not None:
            since = datetime.now(UTC) - timedelta(seconds=within)
            found = [s for s in found if s.last_activity >= since]
        return web.json_response([self._session_dto(s, index) for s in found])

    async def sim_sessions(self, request: web.Request) -> web.Response:
        """`POST /sim/sessions` {user, item, device, client, address, play_method}: start one."""
        body = await request.json()
        session = self.start_session(
            body["user"],
            body["item"],
            body.get("device", "Living room TV"),
            client=body.get("client", "Jellyfin Android TV"),
            address=body.get("address", "192.168.1.20"),
            play_method=body.get("play_method", "DirectPlay"),
        )
        return web.json_response({"id": session.id})

    async def sim_session(self, request: web.Request) -> web.Response:
        """`POST /sim/sessions/{id}?paused=true|false` pauses or resumes; `DELETE` stops."""
        session_id = request.match_info["session_id"]
        if request.method == "DELETE":
            self.stop_session(session_id)
        else:
            self.pause_session(session_id, request.query.get("paused", "true") == "true")
        return web.json_response({"ok": True})

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

    async def sim_backdate(self, request: web.Request) -> web.Response:
        """`POST /sim/backdate?seconds=S`: every item saved S seconds earlier (`backdate`)."""
        self.backdate(timedelta(seconds=float(request.query.get("seconds", "3600"))))
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
        get("/Users", self.list_users)
        get("/Users/{user_id}/Items/Resume", self.resume)
        get("/Users/{user_id}/Items/Latest", self.latest)
        get("/Users/{user_id}/Items/{item_id}/UserData", self.item_user_data)
        post("/Users/{user_id}/Items/{item_id}/UserData", self.item_user_data)
        get("/Users/{user_id}/Items/{item_id}", self.user_item)
        post("/Users/{user_id}/PlayedItems/{item_id}", self.played_items)
        app.router.add_delete("/Users/{user_id}/PlayedItems/{item_id}", self.played_items)
        get("/Users/{user_id}", self.get_user)
        get("/UserItems/Resume", self.resume)
        get("/UserItems/{item_id}/UserData", self.item_user_data)
        post("/UserItems/{item_id}/UserData", self.item_user_data)
        post("/UserPlayedItems/{item_id}", self.played_items)
        app.router.add_delete("/UserPlayedItems/{item_id}", self.played_items)
        get("/Items/Latest", self.latest)
        get("/Items/{item_id}/Images/{image_type}", self.item_image)
        get("/Items/{item_id}/Images/{image_type}/{image_index}", self.item_image)
        get("/Items/{item_id}", self.user_item)
        get("/Shows/NextUp", self.next_up)
        get("/Videos/{item_id}/stream", self.video_stream)
        get("/Videos/{item_id}/stream.{container}", self.video_stream)
        get("/Sessions", self.sessions)
        post("/sim/sessions", self.sim_sessions)
        post("/sim/sessions/{session_id}", self.sim_session)
        app.router.add_delete("/sim/sessions/{session_id}", self.sim_session)
        post("/sim/fault", self.sim_fault)
        post("/sim/backdate", self.sim_backdate)
        get("/sim/refreshes", self.sim_refreshes)
        app.router.add_route("*", "/{tail:.*}", self.not_found)
        return app


def _problem_body(status: int, title: str) -> dict[str, Any]:
    return {
        "type": f"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
        "title": title,
        "status": status,
        "traceId": "00-" + "0" * 32 + "-" + "0" * 16 + "-00",
    }


def _problem(status: int, title: str) -> web.Response:
    """An ASP.NET ProblemDetails answer."""
    return web.json_response(
        _problem_body(status, title), status=status, content_type="application/problem+json"
    )


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


def parse_user_arg(value: str) -> tuple[str, bool]:
    """`NAME` or `NAME:admin` (an administrator)."""
    name, sep, role = value.rpartition(":")
    if not sep or role.lower() != "admin":
        name, role = value, ""
    name = name.strip()
    if not name:
        raise argparse.ArgumentTypeError(f"expected NAME or NAME:admin, got {value!r}")
    return name, bool(role)


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
    parser.add_argument(
        "--user",
        type=parse_user_arg,
        action="append",
        default=[],
        metavar="NAME[:admin]",
        help="a user (repeat for more; given any, they replace the default users)",
    )
    # A real server keeps its id across restarts (data/device.txt): the demo passes its own.
    parser.add_argument("--server-id", help="the ServerId (default: a new one)")
    args = parser.parse_args(argv)
    simulator = JellyfinSimulator(
        libraries=args.library, api_key=args.api_key, scan_duration=args.scan_duration
    )
    if args.server_id:
        simulator.server_id = args.server_id
    if args.user:
        simulator.users = [SimUser(name, admin=admin) for name, admin in args.user]
    run(simulator.app(), args.port)


if __name__ == "__main__":
    main()
