"""The demo's commands (`python -m devtools.demo [start|stop|status|info]`)."""

from __future__ import annotations

from collections.abc import Iterable
import json
from pathlib import Path
import sys
from typing import Any

from .containers import seed_releases, start_containers
from .home_assistant import add_family_user, onboard, prepare_config, start_home_assistant
from .pandora import (
    _summary,
    check_frontend_data,
    configure_pandora,
    search_demo_title,
    seed_watching,
    wait_for_entities,
)
from .processes import _alive, _load_state, _stop_pid
from .qbittorrent import start_qbittorrent
from .requirements import install_requirements
from .settings import (
    CLOUDCMD_PORT,
    DEMO,
    DEMO_PASSWORD,
    DEMO_USER,
    DOCKER,
    FAMILY_USER,
    GLUETUN_PORT,
    HA_URL,
    JACKETT_PORT,
    JACKETT_RELEASES,
    JELLYFIN_PORT,
    LIVE_RATE,
    PORTAINER_PORT,
    QB_PASSWORD,
    QB_PORT,
    QB_USER,
    RELOCATED,
    SEEDER_PORT,
    SERVICES,
    STATE_FILE,
    TMDB_PORT,
    TRACKER_URL,
    WATCHMODE_PORT,
    _shown,
    log,
)
from .simulators import start_simulators


def start() -> None:
    DEMO.mkdir(exist_ok=True)
    install_requirements()
    state = _load_state()
    listing = start_simulators(state)
    start_containers(state)
    start_qbittorrent(state)
    seed_releases(listing)
    prepare_config()
    start_home_assistant(state)
    token = onboard()
    add_family_user(token)
    configure_pandora(token)
    states = wait_for_entities(token)
    seed_watching(token)
    check_frontend_data(token)
    found = search_demo_title(token)
    print(
        f"""
Pandora demo is running.

  Home Assistant  {HA_URL}   user {DEMO_USER} / password {DEMO_PASSWORD} (administrator)
                  household member without admin rights: {FAMILY_USER} / {DEMO_PASSWORD}
  qBittorrent     http://127.0.0.1:{QB_PORT}   user {QB_USER} / password {QB_PASSWORD}
  Pandora entities ({len(states)}):
{_summary(states)}

  Simulated TMDB, Watchmode and Jackett on ports {TMDB_PORT}-{JACKETT_PORT}. pandora.search_torrents
  "Night of the Living Dead" ranks (Developer tools → Actions):
{_results(found)}
  pandora.download_release with one of those result_ids downloads it for real from the
  local seeder (found through the local tracker).

{_live_note(states)}
Logs: {_shown(DEMO / "home-assistant.log")}. Stop everything: {_stop_command()}
"""
    )


def _results(found: dict[str, Any]) -> str:
    return "\n".join(
        f"    {r['result_id']}  {r['quality']:<13} {r['title']}" for r in found["results"][:3]
    )


def _live_note(states: Iterable[dict[str, Any]]) -> str:
    downloading = next(
        (s["state"] for s in states if s["entity_id"].endswith("_downloading_torrents")), "0"
    )
    if downloading not in ("0", "unknown"):
        return (
            f'"Tears of Steel (2012)" downloads live from the local seeder at '
            f"{LIVE_RATE // 1024} KiB/s\nand fires pandora_torrent_completed when done."
        )
    again = f"delete {_shown(DEMO)}/ and start again to replay it"
    return f"The live download has finished ({again})."


def stop() -> None:
    state = _load_state()
    for key in SERVICES:
        if key in state:
            _stop_pid(state[key], key)
    if STATE_FILE.exists():
        STATE_FILE.unlink()
    log(f"stopped (data kept in {_shown(DEMO)}/; delete that folder to start from scratch)")


def status() -> None:
    state = _load_state()
    for key in SERVICES:
        print(f"{key:<12} {'running' if _alive(state.get(key)) else 'stopped'}")


def info() -> dict[str, Any]:
    """Where the demo is and how to log in (what `info` prints as JSON)."""
    state = _load_state()
    return {
        "dir": str(DEMO),
        "home_assistant": {"url": HA_URL, "username": DEMO_USER, "password": DEMO_PASSWORD},
        "household_user": {"username": FAMILY_USER, "password": DEMO_PASSWORD},
        "qbittorrent": {
            "url": f"http://127.0.0.1:{QB_PORT}",
            "username": QB_USER,
            "password": QB_PASSWORD,
        },
        "seeder": {
            "url": f"http://127.0.0.1:{SEEDER_PORT}",
            "username": QB_USER,
            "password": QB_PASSWORD,
        },
        "tmdb": f"http://127.0.0.1:{TMDB_PORT}/3",
        "watchmode": f"http://127.0.0.1:{WATCHMODE_PORT}/v1",
        "jackett": f"http://127.0.0.1:{JACKETT_PORT}",
        "tracker": TRACKER_URL,
        "cloudcmd": f"http://127.0.0.1:{CLOUDCMD_PORT}",
        "jellyfin": f"http://127.0.0.1:{JELLYFIN_PORT}",
        "portainer": f"http://127.0.0.1:{PORTAINER_PORT}",
        "gluetun": f"http://127.0.0.1:{GLUETUN_PORT}",
        "docker_socket": str(DOCKER / "docker.sock"),
        "releases": [
            {"tmdb_id": tmdb_id, "name": name, "size": size}
            for tmdb_id, name, size in JACKETT_RELEASES
        ],
        "running": {key: _alive(state.get(key)) for key in SERVICES},
        "pids": {key: state[key] for key in SERVICES if key in state},
    }


def print_info() -> None:
    print(json.dumps(info(), indent=2))


def _stop_command() -> str:
    if RELOCATED:
        return f"PANDORA_DEMO_DIR={DEMO} {_shown(Path(sys.executable))} -m devtools.demo stop"
    return "bash scripts/demo.sh stop"


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "start"
    commands = {
        "start": start,
        "stop": stop,
        "status": status,
        "info": print_info,
    }
    if command not in commands:
        raise SystemExit(f"usage: scripts/demo.sh [{'|'.join(commands)}]")
    commands[command]()


if __name__ == "__main__":
    main(sys.argv[1:])
