"""The "arr stack": a real Docker Engine behind the Portainer and gluetun simulators."""

from __future__ import annotations

import json
import os
from pathlib import Path
import subprocess
import time
import urllib.request
import uuid

from devtools.simulators import portainer
from devtools.support.docker_engine import IMAGE, DockerEngine

from .processes import _alive, _save_state
from .qbittorrent import _daemon
from .settings import (
    DEMO,
    DOCKER,
    DOCKER_EXEC,
    GLUETUN_KEY,
    GLUETUN_PORT,
    PORTAINER_PORT,
    SEEDER_BT_PORT,
    SEEDER_PORT,
    log,
)
from .simulators import _stable_id, _start_module

# `sleep & wait`: the TERM trap runs at once, so a redeploy does not wait for a sleep to end.
ARR_LOOP = "trap 'exit 0' TERM INT; touch /tmp/ready; while true; do sleep 5 & wait $!; done"
ARR_SERVICES = ("gluetun", "qbittorrent", "jackett", "jellyfin", "cloudcmd")


def _arr_compose() -> str:
    """Stand-ins for the real services (busybox: images cannot be pulled here), healthy."""
    lines = ["services:"]
    for name in ARR_SERVICES:
        lines += [
            f"  {name}:",
            f"    image: {IMAGE}",
            f"    container_name: {name}",
            f'    command: ["sh", "-c", "{ARR_LOOP}"]',
            "    restart: unless-stopped",
            "    healthcheck:",
            '      test: ["CMD-SHELL", "test -f /tmp/ready"]',
            "      interval: 10s",
            "      start_period: 2s",
        ]
        if name == "gluetun":
            lines += ["    environment:", "      - SERVER_COUNTRIES=${SERVER_COUNTRIES}"]
        else:
            lines += ["    network_mode: service:gluetun"]
    return "\n".join(lines) + "\n"


def _docker_answers(engine: DockerEngine) -> bool:
    try:
        return engine.request("GET", "/_ping")[0] == 200
    except OSError:
        return False


def start_docker(state: dict[str, int]) -> DockerEngine:
    """The demo's dockerd (root; vfs, no network set-up), kept across demo restarts."""
    engine = DockerEngine(base=DOCKER)
    if _alive(state.get("dockerd")) and _docker_answers(engine):
        return engine
    if os.geteuid() != 0:
        raise SystemExit("the demo's Docker Engine needs root (dockerd)")
    DOCKER.mkdir(parents=True, exist_ok=True)
    log(f"starting Docker Engine (socket {engine.socket_path})")
    with (DOCKER / "dockerd.log").open("ab") as out:
        process = subprocess.Popen(
            [
                "/usr/sbin/dockerd",
                *("--data-root", str(DOCKER / "data"), "--exec-root", str(DOCKER_EXEC)),
                *("-H", f"unix://{engine.socket_path}", "--pidfile", str(DOCKER / "docker.pid")),
                *("--storage-driver", "vfs", "--iptables=false", "--ip-masq=false"),
                "--bridge=none",
            ],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(DOCKER)},
            start_new_session=True,
        )
    state["dockerd"] = process.pid
    _save_state(state)
    deadline = time.monotonic() + 30
    while not _docker_answers(engine):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"dockerd did not start; see {DOCKER / 'dockerd.log'}")
        time.sleep(0.3)
    engine.ensure_image()
    return engine


def start_containers(state: dict[str, int]) -> None:
    """Portainer (simulated) over the engine with the "arr" stack, and gluetun's control server."""
    engine = start_docker(state)
    _start_module(
        state,
        "portainer",
        PORTAINER_PORT,
        *("--docker-socket", engine.socket_path, "--no-down-endpoint"),
        *("--instance-id", str(uuid.UUID(_stable_id("portainer")))),
    )
    _start_module(
        state,
        "gluetun",
        GLUETUN_PORT,
        *("--docker-socket", engine.socket_path, "--container", "gluetun"),
        *("--api-key", GLUETUN_KEY),
    )
    base = f"http://127.0.0.1:{PORTAINER_PORT}/api"
    headers = {"X-API-Key": portainer.DEFAULT_API_KEY, "Content-Type": "application/json"}
    with urllib.request.urlopen(urllib.request.Request(f"{base}/stacks", headers=headers)) as resp:
        stacks = json.loads(resp.read())
    if any(stack["Name"] == "arr" for stack in stacks):
        return
    log("deploying the arr stack (gluetun, qbittorrent, jackett, jellyfin, cloudcmd)")
    body = {
        "name": "arr",
        "stackFileContent": _arr_compose(),
        "env": [
            {"name": "SERVER_COUNTRIES", "value": "Netherlands"},
            {"name": "TZ", "value": "UTC"},
        ],
    }
    request = urllib.request.Request(
        f"{base}/stacks/create/standalone/string?endpointId=1",
        data=json.dumps(body).encode(),
        headers=headers,
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=120):
        pass


def seed_releases(listing: Path) -> None:
    """The seeder seeds every release the demo's Jackett offers."""
    seeder = _daemon("seeder", SEEDER_PORT, SEEDER_BT_PORT)
    seeded = {t["hash"] for t in seeder.torrents()}
    for item in json.loads(listing.read_text()):
        if item["infohash"] not in seeded:
            content = Path(item["torrent"]).read_bytes()
            seeder.add_torrent_file(content, DEMO / "seeder" / "releases", skip_checking=True)
