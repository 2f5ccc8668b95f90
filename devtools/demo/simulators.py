"""Simulated services (TMDB, Watchmode, Jackett, Jellyfin), Cloud Commander and a local tracker."""

from __future__ import annotations

import json
from pathlib import Path
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

from devtools.simulators.catalogue import find
from devtools.support.cloudcmd import CloudCommander
from devtools.support.demo_library import seed_library
from devtools.support.torrents import make_payload, make_torrent

from .processes import _alive, _save_state
from .settings import (
    CLOUDCMD_PORT,
    DEMO,
    JACKETT_PORT,
    JACKETT_RELEASES,
    JELLYFIN_PORT,
    ROOT,
    SHARE,
    TMDB_PORT,
    TRACKER_PORT,
    TRACKER_URL,
    WATCHMODE_PORT,
    log,
)


def _port_answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def _start_module(state: dict[str, int], key: str, port: int, *args: str) -> None:
    if _alive(state.get(key)) and _port_answers(port):
        return
    log(f"starting the {key} simulator on http://127.0.0.1:{port}")
    with (DEMO / f"{key}.log").open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", f"devtools.simulators.{key}", "--port", str(port), *args],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    state[key] = process.pid
    _save_state(state)
    deadline = time.monotonic() + 30
    while not _port_answers(port):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the {key} simulator did not start; see {DEMO / f'{key}.log'}")
        time.sleep(0.2)


def _jackett_releases() -> Path:
    """Make (once) the releases' files and torrents; list them for the Jackett simulator."""
    source = DEMO / "seeder" / "releases"
    torrents = DEMO / "torrents"
    torrents.mkdir(parents=True, exist_ok=True)
    items = []
    for tmdb_id, name, size in JACKETT_RELEASES:
        path = source / f"{name}.mkv"
        if not path.exists() or path.stat().st_size != size:
            make_payload(source, path.name, size, seed=b"pandora-demo")
        torrent = make_torrent(path, comment="Pandora demo", announce=TRACKER_URL)
        (torrents / f"{name}.torrent").write_bytes(torrent.content)
        title = find("movie", tmdb_id)
        items.append(
            {
                "title": name,
                "size": size,
                "seeders": 1,
                "leechers": 0,
                "infohash": torrent.infohash,
                "torrent": str(torrents / f"{name}.torrent"),
                "categories": [2000, 2040],
                "imdb_id": title.imdb_id if title else None,
                "tmdb_id": tmdb_id,
            }
        )
    listing = DEMO / "jackett-releases.json"
    listing.write_text(json.dumps(items, indent=2))
    return listing


def start_simulators(state: dict[str, int]) -> Path:
    """TMDB, Watchmode, Jackett (offering the demo releases), the tracker, the real Cloud
    Commander over the demo share, and Jellyfin scanning the share's Movies and TV Shows.
    """
    listing = _jackett_releases()
    if made := seed_library(SHARE):
        log(f"put {len(made)} demo titles into the share's Movies and TV Shows")
    _start_module(state, "tracker", TRACKER_PORT)
    _start_module(state, "tmdb", TMDB_PORT)
    _start_module(state, "watchmode", WATCHMODE_PORT)
    _start_module(state, "jackett", JACKETT_PORT, "--releases", str(listing))
    if not (_alive(state.get("cloudcmd")) and _port_answers(CLOUDCMD_PORT)):
        log(f"starting Cloud Commander on http://127.0.0.1:{CLOUDCMD_PORT} (share: {SHARE})")
        server = CloudCommander(port=CLOUDCMD_PORT, base=DEMO / "cloudcmd").start()
        assert server.process is not None
        state["cloudcmd"] = server.process.pid
        _save_state(state)
    _start_module(
        state,
        "jellyfin",
        JELLYFIN_PORT,
        "--library",
        f"Movies:movies:{SHARE / 'Movies'}",
        "--library",
        f"Shows:tvshows:{SHARE / 'TV Shows'}",
        *("--server-id", _stable_id("jellyfin")),
    )
    return listing


def _stable_id(service: str) -> str:
    """The same server id at every start of this demo folder, as a real server keeps its own
    (a new one would make the restarted server look like another, added a second time).
    """
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{DEMO.resolve()}#{service}").hex
