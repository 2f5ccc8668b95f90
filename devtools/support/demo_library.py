"""The demo's library: titles already in Movies and TV Shows, and someone halfway through them.

So that Discover opens on real rows (Continue watching, Recently added, "In your library"), the
demo share starts with a few catalogue titles filed the way Pandora files them, and the
simulated Jellyfin is told, through its real API (`POST /UserItems/{id}/UserData?userId=`), how
far its users got. Night of the Living Dead and Nosferatu stay out: the demo downloads and
requests those.
"""

from __future__ import annotations

from datetime import UTC, datetime
import json
from pathlib import Path
from typing import Any
import urllib.parse
import urllib.request

from devtools.simulators.catalogue import find

MOVIES = (900003, 900004, 900005, 900006, 900013, 900014)
SERIES = 960001
EPISODES = 3
# (Jellyfin user, item name, fraction watched): the rows each person sees.
PROGRESS = (
    ("pandora", "The General", 0.42),
    ("pandora", "Sintel", 0.18),
    ("pandora", "The Cisco Kid S01E02", 0.65),
    ("family", "Big Buck Bunny", 0.3),
)
TICKS = 10_000_000  # .NET ticks per second


def _folder(tmdb_id: int, media_type: str = "movie") -> str:
    title = find(media_type, tmdb_id)
    assert title is not None, tmdb_id
    name = title.title.replace(":", " -").replace("/", "-")
    return f"{name} ({title.year}) [tmdbid-{tmdb_id}]"


def seed_library(share: Path) -> list[Path]:
    """Put the demo titles into the share's Movies and TV Shows (what is there is kept)."""
    made: list[Path] = []
    for tmdb_id in MOVIES:
        folder = share / "Movies" / _folder(tmdb_id)
        file = folder / f"{folder.name.split(' [')[0]}.mkv"
        if not file.exists():
            folder.mkdir(parents=True, exist_ok=True)
            file.write_bytes(b"\x1aE\xdf\xa3" + bytes(4096))  # an EBML header, then padding
            made.append(file)
    series = share / "TV Shows" / _folder(SERIES, "tv") / "Season 01"
    for n in range(1, EPISODES + 1):
        file = series / f"The Cisco Kid S01E{n:02d}.mkv"
        if not file.exists():
            series.mkdir(parents=True, exist_ok=True)
            file.write_bytes(b"\x1aE\xdf\xa3" + bytes(4096))
            made.append(file)
    return made


def _call(url: str, api_key: str, method: str = "GET", body: Any = None) -> Any:
    request = urllib.request.Request(
        url,
        data=None if body is None else json.dumps(body).encode(),
        headers={
            "Authorization": f'MediaBrowser Client="Pandora demo", Token="{api_key}"',
            "Content-Type": "application/json",
        },
        method=method,
    )
    with urllib.request.urlopen(request, timeout=30) as resp:
        raw = resp.read()
    return json.loads(raw) if raw else None


def seed_progress(base_url: str, api_key: str) -> dict[str, str]:
    """Record the demo users' progress in Jellyfin; returns the Jellyfin user ids by name."""
    users = {u["Name"]: u["Id"] for u in _call(f"{base_url}/Users", api_key)}
    query = urllib.parse.urlencode(
        {"Recursive": "true", "IncludeItemTypes": "Movie,Episode", "Fields": "Path"}
    )
    items = _call(f"{base_url}/Items?{query}", api_key)["Items"]
    for user, name, fraction in PROGRESS:
        item = next(
            (
                i
                for i in items
                if i["Name"] == name
                or f"{i.get('SeriesName')} S{i.get('ParentIndexNumber', 0):02d}"
                f"E{i.get('IndexNumber', 0):02d}"
                == name
            ),
            None,
        )
        if item is None or user not in users:
            continue
        runtime = int(item.get("RunTimeTicks") or 90 * 60 * TICKS)
        _call(
            f"{base_url}/UserItems/{item['Id']}/UserData?userId={users[user]}",
            api_key,
            "POST",
            {
                "PlaybackPositionTicks": int(runtime * fraction),
                "Played": False,
                # Jellyfin saves only what is sent: the date orders Continue watching.
                "LastPlayedDate": datetime.now(UTC).isoformat(),
            },
        )
    return users
