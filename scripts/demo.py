"""The demo: a real Home Assistant on http://127.0.0.1:8123 with Pandora configured.

Started by `scripts/demo.sh` (which runs the bootstrap first). Everything lives in `.demo/`
(or in `$PANDORA_DEMO_DIR`):
- two real qbittorrent-nox daemons on loopback: a "seeder" holding the demo files, and the
  "demo" daemon Pandora manages (Web UI on http://127.0.0.1:18080) with torrents that seed, one
  that is paused and one that downloads live from the seeder at a limited rate;
- a Home Assistant configuration with the integration linked in, onboarded through its REST API
  with a demo user, Pandora's hub entry and its qBittorrent subentry created through the same
  config-flow endpoints the UI uses.
Every step checks what already exists first, so a second run only starts what is not running.

    python scripts/demo.py [start|stop|status|info]

`info` prints the addresses and credentials as JSON. Tests run a second, throw-away demo next to
the user's with two environment variables:
- `PANDORA_DEMO_DIR`: where everything lives (default `.demo/` in the repo);
- `PANDORA_DEMO_PORT_BASE`: Home Assistant listens on that port and every other service on the
  next ones (default: 8123, and 18080-18083 (`PANDORA_DEMO_QB_PORT`) and 18090-18097).
`PANDORA_DEMO_FILE_INTO_LIBRARY=0` leaves finished downloads in Downloaded instead of filing linked
titles into Movies / TV Shows (the browser test moves one there itself, in the Files tab).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
import contextlib
from datetime import UTC, datetime
import hashlib
import importlib
import json
import os
from pathlib import Path
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
from typing import Any
import urllib.error
import urllib.parse
import urllib.request
import uuid

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from homeassistant import bootstrap  # noqa: E402
from tests.simulators import jackett, jellyfin, portainer, tmdb, watchmode  # noqa: E402
from tests.simulators.catalogue import find  # noqa: E402
from tests.support.cloudcmd import CloudCommander  # noqa: E402
from tests.support.demo_library import seed_library, seed_progress  # noqa: E402
from tests.support.docker_engine import IMAGE, DockerEngine  # noqa: E402
from tests.support.qbittorrent_daemon import QBittorrentDaemon  # noqa: E402
from tests.support.torrents import TorrentFile, make_payload, make_torrent  # noqa: E402

# A relocated demo (PANDORA_DEMO_DIR) is a test's: it keeps nothing outside its folder.
RELOCATED = bool(os.environ.get("PANDORA_DEMO_DIR"))
DEMO = Path(os.environ.get("PANDORA_DEMO_DIR") or ROOT / ".demo").absolute()
HA_CONFIG = DEMO / "ha"
STATE_FILE = DEMO / "state.json"
PORT_BASE = int(os.environ.get("PANDORA_DEMO_PORT_BASE") or 0)


def _port(offset: int, default: int) -> int:
    """`PANDORA_DEMO_PORT_BASE` + offset when set, else the usual port."""
    return PORT_BASE + offset if PORT_BASE else default


HA_PORT = _port(0, 8123)
HA_URL = f"http://127.0.0.1:{HA_PORT}"
CLIENT_ID = f"{HA_URL}/"
DEMO_USER = "demo"
DEMO_PASSWORD = "pandora-demo"  # printed for the user; loopback only
# A household member without admin rights: requests titles, which the demo user approves.
FAMILY_USER, FAMILY_NAME = "family", "Family"
QB_PORT = _port(1, int(os.environ.get("PANDORA_DEMO_QB_PORT", "18080")))
QB_BT_PORT = _port(2, QB_PORT + 1)
SEEDER_PORT = _port(3, QB_PORT + 2)
SEEDER_BT_PORT = _port(4, QB_PORT + 3)
QB_USER = "pandora"
QB_PASSWORD = "pandora-demo"  # the demo daemon's, loopback only
TMDB_PORT, WATCHMODE_PORT = _port(5, 18090), _port(6, 18091)
JACKETT_PORT, TRACKER_PORT = _port(7, 18092), _port(8, 18093)
CLOUDCMD_PORT, JELLYFIN_PORT = _port(9, 18094), _port(10, 18095)
PORTAINER_PORT, GLUETUN_PORT = _port(11, 18096), _port(12, 18097)
DOCKER = DEMO / "docker"  # the demo's own Docker Engine (data, socket, log)
# dockerd's runtime state: a relocated demo keeps it in its own folder (a short /tmp path: unix
# socket paths are limited to 108 bytes).
DOCKER_EXEC = DOCKER / "exec" if RELOCATED else Path("/tmp/pandora-demo-docker")
GLUETUN_KEY = "pandora-demo-gluetun-key"
SHARE = DEMO / "cloudcmd" / "share"  # the media share: Downloads, Downloaded, Movies, TV Shows
TRACKER_URL = f"http://127.0.0.1:{TRACKER_PORT}/announce"
LIVE_RATE = 192 * 1024  # bytes/s for the live download: a few minutes of visible progress

# Releases the demo's Jackett offers; the seeder really seeds each, announced on the local
# tracker, so "search, then download" completes. (title id, release name, size)
JACKETT_RELEASES = [
    (900001, "Night.of.the.Living.Dead.1968.1080p.BluRay.x264-PANDORA", 20 * 1024 * 1024),
    (900001, "Night.of.the.Living.Dead.1968.720p.WEB-DL.AAC2.0.H.264-PANDORA", 12 * 1024 * 1024),
    (900001, "Night.of.the.Living.Dead.1968.CAM.x264-PANDORA", 6 * 1024 * 1024),
    (900002, "Nosferatu.1922.1080p.BluRay.x264-PANDORA", 16 * 1024 * 1024),
    (900004, "Metropolis.1927.720p.BluRay.x264-PANDORA", 14 * 1024 * 1024),
    (900009, "Carnival.of.Souls.1962.1080p.WEB-DL.H.264-PANDORA", 18 * 1024 * 1024),
    (900003, "The.General.1926.1080p.BluRay.x264-PANDORA", 16 * 1024 * 1024),
]

# Every process the demo runs, stopped in this order.
SERVICES = (
    "hass",
    "gluetun",
    "portainer",
    "dockerd",
    "qbittorrent",
    "seeder",
    "jellyfin",
    "cloudcmd",
    "jackett",
    "watchmode",
    "tmdb",
    "tracker",
)

# What the onboarding "core_config" step adds on its own (see _remove_failed_defaults).
ONBOARDING_DEFAULTS = {"google_translate", "met", "radio_browser"}

MIB = 1024 * 1024
# (file name, size, what the demo daemon does with it)
DEMO_FILES = [
    ("Big Buck Bunny (2008).mkv", 24 * MIB, "seed"),
    ("Elephants Dream (2006).mkv", 16 * MIB, "seed"),
    ("Sintel (2010).mkv", 32 * MIB, "paused"),
    ("Tears of Steel (2012).mkv", 48 * MIB, "live"),
]

HTTP_YAML = f"""
http:
  server_host: 127.0.0.1
  server_port: {HA_PORT}
"""


def _http_settings_module() -> Any:
    """Home Assistant's stored HTTP settings (`.storage/http`), None before they existed."""
    try:
        return importlib.import_module("homeassistant.components.http.config")
    except ImportError:
        return None


HTTP_SETTINGS = _http_settings_module()
HTTP_STORED = HTTP_SETTINGS is not None and hasattr(HTTP_SETTINGS, "HTTP_STORAGE_SCHEMA")

CONFIGURATION_YAML = f"""\
# Pandora demo: a minimal Home Assistant (written by scripts/demo.py).
homeassistant:
  name: Pandora demo
  unit_system: metric
  time_zone: UTC
  country: GB
  currency: EUR
  internal_url: {HA_URL}
{"" if HTTP_STORED else HTTP_YAML}
frontend:
history:
logbook:
# Automations and scripts made in the UI (Settings → Automations), e.g. from Pandora's device
# triggers and blueprints.
automation: !include automations.yaml
script: !include scripts.yaml
recorder:
  purge_keep_days: 3

logger:
  default: warning
  logs:
    custom_components.pandora: info
"""


def log(message: str) -> None:
    print(f"\033[1;35m[demo]\033[0m {message}", flush=True)


# --- processes -----------------------------------------------------------------------------------


def _load_state() -> dict[str, int]:
    try:
        return {k: int(v) for k, v in json.loads(STATE_FILE.read_text()).items()}
    except OSError, ValueError:
        return {}


def _save_state(state: dict[str, int]) -> None:
    STATE_FILE.write_text(json.dumps(state, indent=2))


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    with contextlib.suppress(OSError):
        # A zombie or a recycled pid running something else is not ours.
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return False
    return True


def _stop_pid(pid: int, name: str, timeout: float = 30) -> None:
    if not _alive(pid):
        return
    log(f"stopping {name} (pid {pid})")
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)


# --- Python requirements of the Home Assistant integrations the demo loads ------------------------

# Bumped when the way they are installed changes, so existing stamps are redone once.
REQUIREMENTS_RECIPE = "2: private Python headers on CPATH"


def _ha_requirements() -> list[str]:
    """Requirements of every integration Home Assistant sets up here, from their manifests."""
    components = Path(bootstrap.__file__).parent / "components"
    wanted = (
        set(bootstrap.DEFAULT_INTEGRATIONS)
        | set(bootstrap.LOGGING_AND_HTTP_DEPS_INTEGRATIONS)
        | {"frontend", "recorder", "history", "logbook"}
    )
    seen: set[str] = set()
    requirements: set[str] = set()
    while wanted:
        domain = wanted.pop()
        if domain in seen:
            continue
        seen.add(domain)
        manifest = components / domain / "manifest.json"
        if manifest.exists():
            data = json.loads(manifest.read_text())
            requirements.update(data.get("requirements", []))
            wanted.update(data.get("dependencies", []))
    return sorted(requirements)


def _build_env() -> dict[str, str]:
    """pip's environment, able to compile extensions against a private Python.

    The Python bootstrap.sh unpacks into .toolchain/ has its headers there, and its pyconfig.h
    includes <x86_64-linux-gnu/python3.14/pyconfig.h> from that prefix's include folder, which
    compilers do not search. Without it the voice-pipeline packages (pymicro-vad, pyspeex-noise)
    fail to build, and then Home Assistant cannot describe its actions: `get_services` fails and
    the frontend never gets past "Loading...".
    """
    env = dict(os.environ)
    include = Path(sysconfig.get_paths()["include"]).parent
    if include != Path("/usr/include") and include.is_dir():
        env["CPATH"] = os.pathsep.join(p for p in (str(include), env.get("CPATH")) if p)
    return env


def install_requirements() -> None:
    """pip-install what those integrations need, once per requirement set (a stamp remembers).

    A relocated demo keeps its stamp in the virtual environment (where the packages are), and
    trusts the usual demo's, so a test's fresh folder does not run pip again.
    """
    requirements = _ha_requirements()
    venv_stamp = Path(sys.prefix) / "pandora-demo-requirements.stamp"
    stamp = venv_stamp if RELOCATED else DEMO / "requirements.stamp"
    digest = hashlib.sha256("\n".join([REQUIREMENTS_RECIPE, *requirements]).encode()).hexdigest()
    for known in (stamp, venv_stamp, ROOT / ".demo" / "requirements.stamp"):
        if known.exists() and known.read_text() == digest:
            return
    constraints = Path(bootstrap.__file__).parent / "package_constraints.txt"
    pip = [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    pip += ["-c", str(constraints)]
    log(f"installing {len(requirements)} packages Home Assistant's built-in integrations need")
    env = _build_env()
    if subprocess.run([*pip, *requirements], check=False, capture_output=True, env=env).returncode:
        # Some (voice-pipeline extras) need a compiler setup not every machine has; the demo does
        # not use them, so install the rest one by one and name what was left out.
        failed = [
            req
            for req in requirements
            if subprocess.run([*pip, req], check=False, capture_output=True, env=env).returncode
        ]
        if failed:
            log(f"left out (the integrations needing them will not load): {', '.join(failed)}")
    stamp.write_text(digest)


# --- qBittorrent ---------------------------------------------------------------------------------


def _daemon(name: str, port: int, bt_port: int) -> QBittorrentDaemon:
    return QBittorrentDaemon(
        version="4",
        username=QB_USER,
        password=QB_PASSWORD,
        webui_port=port,
        bt_port=bt_port,
        base=DEMO / name,
    )


def _demo_torrents() -> Iterator[tuple[TorrentFile, str]]:
    """The demo files (made once, deterministic) and their torrents."""
    source = DEMO / "seeder" / "data"
    for name, size, role in DEMO_FILES:
        path = source / name
        if not path.exists() or path.stat().st_size != size:
            make_payload(source, name, size, seed=b"pandora-demo")
        yield make_torrent(path, comment="Pandora demo"), role


def start_qbittorrent(state: dict[str, int]) -> None:
    """Start the seeder and the demo daemon; give them their torrents the first time."""
    seeder = _daemon("seeder", SEEDER_PORT, SEEDER_BT_PORT)
    demo = _daemon("qbittorrent", QB_PORT, QB_BT_PORT)
    for key, daemon in (("seeder", seeder), ("qbittorrent", demo)):
        if _alive(state.get(key)):
            continue
        log(f"starting qbittorrent-nox ({key}) on {daemon.url}")
        daemon.start()
        assert daemon.process is not None
        state[key] = daemon.process.pid
        _save_state(state)

    torrents = list(_demo_torrents())
    known = {t["hash"] for t in demo.torrents()}
    seeded = {t["hash"] for t in seeder.torrents()}
    for torrent, role in torrents:
        if torrent.infohash not in seeded:
            seeder.add_torrent_file(torrent.content, torrent.path.parent, skip_checking=True)
        if torrent.infohash in known:
            continue
        log(f"adding {torrent.name} ({role})")
        if role == "seed":
            shutil.copyfile(torrent.path, demo.downloads / torrent.name)
            demo.add_torrent_file(torrent.content, demo.downloads, skip_checking=True)
        else:
            demo.add_torrent_file(torrent.content, demo.downloads, paused=role == "paused")
            if role == "live":
                demo.wait_for(lambda t, h=torrent.infohash: t["hash"] == h, timeout=15)
                demo.api(
                    "torrents/setDownloadLimit",
                    {"hashes": torrent.infohash, "limit": str(LIVE_RATE)},
                )
    # New downloads land in the share, where the pipeline and Cloud Commander find them.
    demo.api("app/setPreferences", {"json": json.dumps({"save_path": str(SHARE / "Downloads")})})
    # Peers are not remembered across restarts (no tracker, no DHT): introduce them again.
    live = [t.infohash for t, role in torrents if role != "seed"]
    demo.api(
        "torrents/addPeers",
        {"hashes": "|".join(live), "peers": f"127.0.0.1:{SEEDER_BT_PORT}"},
    )


# --- simulated services (TMDB, Watchmode, Jackett) and a local tracker ----------------------------


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
            [sys.executable, "-m", f"tests.simulators.{key}", "--port", str(port), *args],
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
    Commander over the demo share, and Jellyfin scanning the share's Movies and TV Shows."""
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
    (a new one would make the restarted server look like another, added a second time)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{DEMO.resolve()}#{service}").hex


# --- the "arr stack": a real Docker Engine behind the Portainer and gluetun simulators --------

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


# --- Home Assistant ------------------------------------------------------------------------------


def _http(
    method: str,
    path: str,
    body: Any = None,
    token: str | None = None,
    form: dict[str, str] | None = None,
) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data: bytes | None = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(HA_URL + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            raw = resp.read()
    except urllib.error.HTTPError as err:
        detail = err.read().decode(errors="replace")[:300]
        raise SystemExit(
            f"Home Assistant answered {err.code} to {method} {path}: {detail}"
        ) from err
    return json.loads(raw) if raw else None


def _ha_answers() -> bool:
    try:
        with urllib.request.urlopen(f"{HA_URL}/api/onboarding", timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # answering, if only to say it is done
    except OSError:
        return False


def prepare_config() -> None:
    """Write the configuration and link the integration in (the repo's copy, live)."""
    HA_CONFIG.mkdir(parents=True, exist_ok=True)
    config = HA_CONFIG / "configuration.yaml"
    if not config.exists() or config.read_text() != CONFIGURATION_YAML:
        config.write_text(CONFIGURATION_YAML)
    for included in ("automations.yaml", "scripts.yaml"):
        if not (HA_CONFIG / included).exists():
            (HA_CONFIG / included).write_text("[]\n" if included == "automations.yaml" else "{}\n")
    link = HA_CONFIG / "custom_components" / "pandora"
    link.parent.mkdir(exist_ok=True)
    target = ROOT / "custom_components" / "pandora"
    if not link.is_symlink() or link.resolve() != target:
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target)
    # Pandora's blueprints, as if imported (Settings → Automations → Blueprints).
    blueprints = HA_CONFIG / "blueprints" / "automation" / "pandora"
    blueprints.mkdir(parents=True, exist_ok=True)
    for blueprint in (ROOT / "blueprints" / "automation" / "pandora").glob("*.yaml"):
        if not (blueprints / blueprint.name).exists() or (
            (blueprints / blueprint.name).read_bytes() != blueprint.read_bytes()
        ):
            shutil.copyfile(blueprint, blueprints / blueprint.name)
    # Pandora's English sentences for Assist ("what is downloading"), as a user would copy them.
    sentences = ROOT / "custom_sentences" / "en" / "pandora.yaml"
    if sentences.exists():
        copy = HA_CONFIG / "custom_sentences" / "en" / "pandora.yaml"
        copy.parent.mkdir(parents=True, exist_ok=True)
        if not copy.exists() or copy.read_bytes() != sentences.read_bytes():
            shutil.copyfile(sentences, copy)


def pin_http_settings() -> None:
    """Store the demo's HTTP settings as confirmed ones, before Home Assistant starts.

    Home Assistant now keeps them in `.storage/http` and migrates an `http:` YAML section only
    once, as an unconfirmed trial: every page then opens on a "Confirm new HTTP server
    configuration" dialog, and five minutes later Home Assistant restarts on its defaults (every
    interface, port 8123). Written here as the "stable" settings, they apply at once and stay.
    """
    if not HTTP_STORED:
        return
    wanted = HTTP_SETTINGS.HTTP_STORAGE_SCHEMA(
        {"server_host": ["127.0.0.1"], "server_port": HA_PORT}
    )
    store = HA_CONFIG / ".storage" / str(HTTP_SETTINGS.STORAGE_KEY)
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        data = json.loads(store.read_text())["data"]
        stable = {k: v for k, v in data["stable"].items() if k in wanted}
        if stable == wanted and data["pending"] is None and data["yaml_migration_done"]:
            return
    store.parent.mkdir(parents=True, exist_ok=True)
    stamp = {"created_at": datetime.now(UTC).isoformat(), "error": None, "error_message": None}
    content = {
        "version": HTTP_SETTINGS.STORAGE_VERSION,
        "minor_version": HTTP_SETTINGS.STORAGE_MINOR_VERSION,
        "key": HTTP_SETTINGS.STORAGE_KEY,
        "data": {"stable": {**wanted, **stamp}, "pending": None, "yaml_migration_done": True},
    }
    store.write_text(json.dumps(content, indent=2))
    store.chmod(0o600)


def start_home_assistant(state: dict[str, int]) -> None:
    """Start `hass` in the background unless it is already serving."""
    if _alive(state.get("hass")) and _ha_answers():
        return
    if _ha_answers():
        raise SystemExit(f"Something else already serves {HA_URL}; stop it first.")
    pin_http_settings()
    log(f"starting Home Assistant (log: {DEMO / 'home-assistant.log'})")
    hass = Path(sys.executable).with_name("hass")
    with (DEMO / "home-assistant.log").open("ab") as out:
        process = subprocess.Popen(
            [str(hass), "--config", str(HA_CONFIG), "--skip-pip"],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    state["hass"] = process.pid
    _save_state(state)
    deadline = time.monotonic() + 300
    while not _ha_answers():
        if process.poll() is not None or time.monotonic() > deadline:
            tail = (DEMO / "home-assistant.log").read_text(errors="replace")[-3000:]
            raise SystemExit(f"Home Assistant did not start:\n{tail}")
        time.sleep(1)


def _token_from_code(code: str) -> str:
    answer = _http(
        "POST",
        "/auth/token",
        form={"grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID},
    )
    return str(answer["access_token"])


def _login() -> str:
    flow = _http(
        "POST",
        "/auth/login_flow",
        {"client_id": CLIENT_ID, "handler": ["homeassistant", None], "redirect_uri": CLIENT_ID},
    )
    result = _http(
        "POST",
        f"/auth/login_flow/{flow['flow_id']}",
        {"client_id": CLIENT_ID, "username": DEMO_USER, "password": DEMO_PASSWORD},
    )
    if result.get("type") != "create_entry":
        raise SystemExit(f"The demo user could not log in: {result}")
    return _token_from_code(result["result"])


def _remove_failed_defaults(token: str) -> None:
    """Onboarding adds weather, radio and text-to-speech entries whose packages the demo skips."""
    time.sleep(2)  # they are set up in the background
    for entry in _http("GET", "/api/config/config_entries/entry", token=token):
        if entry["domain"] in ONBOARDING_DEFAULTS and entry["state"] != "loaded":
            _http("DELETE", f"/api/config/config_entries/entry/{entry['entry_id']}", token=token)


def onboard() -> str:
    """Finish onboarding (demo user, location, analytics off); return an access token."""
    try:
        with urllib.request.urlopen(f"{HA_URL}/api/onboarding", timeout=10) as resp:
            steps = {s["step"]: s["done"] for s in json.loads(resp.read())}
    except urllib.error.HTTPError as err:
        if err.code != 404:
            raise
        steps = {}  # onboarding finished earlier: its views are no longer registered
    if not steps.get("user", True):
        log(f"onboarding: creating the user {DEMO_USER}")
        answer = _http(
            "POST",
            "/api/onboarding/users",
            {
                "client_id": CLIENT_ID,
                "name": "Demo",
                "username": DEMO_USER,
                "password": DEMO_PASSWORD,
                "language": "en",
            },
        )
        token = _token_from_code(answer["auth_code"])
    else:
        token = _login()
    if not steps.get("core_config", True):
        _http("POST", "/api/onboarding/core_config", {}, token)
        _remove_failed_defaults(token)
    if not steps.get("analytics", True):
        _http("POST", "/api/onboarding/analytics", {}, token)
    if not steps.get("integration", True):
        _http(
            "POST",
            "/api/onboarding/integration",
            {"client_id": CLIENT_ID, "redirect_uri": f"{CLIENT_ID}?auth_callback=1"},
            token,
        )
    return token


async def _ws_commands(token: str, messages: list[dict[str, Any]]) -> list[Any]:
    """Send websocket commands one after another (each may use the answers before it)."""
    import aiohttp  # noqa: PLC0415 - the demo's own dependency, only needed here

    results: list[Any] = []
    url = HA_URL.replace("http", "ws", 1) + "/api/websocket"
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        await ws.receive_json()  # auth_required
        await ws.send_json({"type": "auth", "access_token": token})
        if (await ws.receive_json()).get("type") != "auth_ok":
            raise SystemExit("Home Assistant refused the demo's websocket login")
        for number, message in enumerate(messages, start=1):
            body = {k: v(results) if callable(v) else v for k, v in message.items()}
            await ws.send_json({"id": number, **body})
            answer = await ws.receive_json()
            if not answer.get("success"):
                raise SystemExit(f"{message['type']} failed: {answer.get('error')}")
            results.append(answer.get("result"))
    return results


def add_family_user(token: str) -> None:
    """A non-admin user (`family`) for requests, unless it exists."""
    import asyncio  # noqa: PLC0415

    users = asyncio.run(_ws_commands(token, [{"type": "config/auth/list"}]))[0]
    if any(user.get("username") == FAMILY_USER for user in users):
        return
    log(f"adding the non-admin user {FAMILY_USER}")
    asyncio.run(
        _ws_commands(
            token,
            [
                {
                    "type": "config/auth/create",
                    "name": FAMILY_NAME,
                    "group_ids": ["system-users"],
                    "local_only": True,
                },
                {
                    "type": "config/auth_provider/homeassistant/create",
                    "user_id": lambda results: results[0]["user"]["id"],
                    "username": FAMILY_USER,
                    "password": DEMO_PASSWORD,
                },
            ],
        )
    )


def _finish_flow(
    start: str, step: str, handler: Any, user_input: dict[str, Any], token: str
) -> Any:
    form = _http("POST", start, {"handler": handler}, token)
    if form.get("type") != "form":
        return form
    return _http("POST", f"{step}/{form['flow_id']}", user_input, token)


def _already_added(result: Any, token: str) -> bool:
    """Whether a service flow met its service already added (a demo started again).

    One per hub aborts; the others show their form again with the error, closed here.
    """
    if result.get("reason") == "already_configured":
        return True
    if set((result.get("errors") or {}).values()) & {"already_configured", "already_added"}:
        _http(
            "DELETE", f"/api/config/config_entries/subentries/flow/{result['flow_id']}", token=token
        )
        return True
    return False


def configure_pandora(token: str) -> None:
    """Create the Pandora hub and its qBittorrent subentry unless they exist."""
    entries = _http("GET", "/api/config/config_entries/entry?domain=pandora", token=token)
    if entries:
        entry_id = entries[0]["entry_id"]
    else:
        log("adding the Pandora hub")
        result = _finish_flow(
            "/api/config/config_entries/flow",
            "/api/config/config_entries/flow",
            "pandora",
            {},
            token,
        )
        if result.get("type") != "create_entry":
            raise SystemExit(f"Pandora's hub flow did not finish: {result}")
        entry_id = result["result"]["entry_id"]
        _set_options(entry_id, token)
    result = _finish_flow(
        "/api/config/config_entries/subentries/flow",
        "/api/config/config_entries/subentries/flow",
        [entry_id, "qbittorrent"],
        {
            "url": f"http://127.0.0.1:{QB_PORT}",
            "username": QB_USER,
            "password": QB_PASSWORD,
            "verify_ssl": True,
        },
        token,
    )
    if result.get("type") == "create_entry":
        log("added the qBittorrent service to Pandora")
    elif not _already_added(result, token):
        raise SystemExit(f"The qBittorrent subentry flow did not finish: {result}")
    services: list[tuple[str, dict[str, Any]]] = [
        (
            "tmdb",
            {
                "api_key": tmdb.DEFAULT_API_KEY,
                "language": "en-US",
                "region": "US",
                "url": f"http://127.0.0.1:{TMDB_PORT}/3",
            },
        ),
        (
            "watchmode",
            {
                "api_key": watchmode.DEFAULT_API_KEY,
                "regions": "US",
                "url": f"http://127.0.0.1:{WATCHMODE_PORT}/v1",
            },
        ),
        (
            "jackett",
            {
                "url": f"http://127.0.0.1:{JACKETT_PORT}",
                "api_key": jackett.DEFAULT_API_KEY,
                "indexers": "",
                "verify_ssl": True,
            },
        ),
        (
            "cloudcmd",
            {
                "url": f"http://127.0.0.1:{CLOUDCMD_PORT}",
                "username": "",
                "password": "",
                "verify_ssl": True,
                "downloads_folder": "/Downloads",
                "downloaded_folder": "/Downloaded",
                "movies_folder": "/Movies",
                "tv_folder": "/TV Shows",
                # qbittorrent-nox runs on this host: it sees the share at its real path.
                "qbittorrent_root": str(SHARE),
            },
        ),
        (
            "jellyfin",
            {
                "url": f"http://127.0.0.1:{JELLYFIN_PORT}",
                "api_key": jellyfin.DEFAULT_API_KEY,
                "verify_ssl": True,
            },
        ),
    ]
    services.append(
        (
            "portainer",
            {
                "url": f"http://127.0.0.1:{PORTAINER_PORT}",
                "api_key": portainer.DEFAULT_API_KEY,
                "endpoints": "",
                "verify_ssl": True,
            },
        )
    )
    for kind, data in services:
        result = _finish_flow(
            "/api/config/config_entries/subentries/flow",
            "/api/config/config_entries/subentries/flow",
            [entry_id, kind],
            data,
            token,
        )
        if result.get("type") == "create_entry":
            log(f"added the {kind} service to Pandora")
        elif not _already_added(result, token):
            raise SystemExit(f"The {kind} subentry flow did not finish: {result}")

    _add_gluetun(entry_id, token)


MY_LIST = (900002, 900004)  # Nosferatu (to request), Metropolis (in the library)


def seed_watching(token: str) -> None:
    """Jellyfin knows how far the demo users got; Family watches as Jellyfin's `family`."""
    import asyncio  # noqa: PLC0415

    users = seed_progress(f"http://127.0.0.1:{JELLYFIN_PORT}", jellyfin.DEFAULT_API_KEY)
    entries = _http("GET", "/api/config/config_entries/entry?domain=pandora", token=token)
    entry_id = entries[0]["entry_id"]
    subentries = asyncio.run(
        _ws_commands(token, [{"type": "config_entries/subentries/list", "entry_id": entry_id}])
    )[0]
    server = next(s for s in subentries if s["subentry_type"] == "jellyfin")
    flow = "/api/config/config_entries/subentries/flow"
    menu = _http(
        "POST",
        flow,
        {"handler": [entry_id, "jellyfin"], "subentry_id": server["subentry_id"]},
        token,
    )
    form = _http("POST", f"{flow}/{menu['flow_id']}", {"next_step_id": "users"}, token)
    if FAMILY_NAME in {f["name"] for f in form.get("data_schema", [])}:
        _http("POST", f"{flow}/{form['flow_id']}", {FAMILY_NAME: users["family"]}, token)
        log(f"{FAMILY_NAME} watches as Jellyfin's family; progress recorded for the rows")
    else:
        _http("DELETE", f"{flow}/{form['flow_id']}", token=token)
    # The demo user's My List: one title in the library, one to request or download. Saving the
    # mapping reloads the hub: ask until it answers again.
    adds = [
        {"type": "pandora/watchlist/add", "tmdb_id": tmdb_id, "media_type": "movie"}
        for tmdb_id in MY_LIST
    ]
    deadline = time.monotonic() + 60
    while True:
        try:
            asyncio.run(_ws_commands(token, adds))
            break
        except SystemExit:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def _add_gluetun(entry_id: str, token: str) -> None:
    """gluetun, saving its country in the arr stack of the Portainer just added."""
    flow = "/api/config/config_entries/subentries/flow"
    form = _http("POST", flow, {"handler": [entry_id, "gluetun"]}, token)
    if form.get("type") != "form":
        return
    field = next(f for f in form["data_schema"] if f["name"] == "portainer")
    portainer_id = next(o["value"] for o in field["selector"]["select"]["options"] if o["value"])
    data = {
        "url": f"http://127.0.0.1:{GLUETUN_PORT}",
        "api_key": GLUETUN_KEY,
        "username": "",
        "password": "",
        "countries": "Netherlands, Switzerland, Sweden, Germany, Japan, Canada",
        "portainer": portainer_id,
        "stack": "arr",
        "service": "gluetun",
        "country_variable": "SERVER_COUNTRIES",
        "switch_timeout": 60,
        "verify_ssl": True,
    }
    result = _http("POST", f"{flow}/{form['flow_id']}", data, token)
    if result.get("type") == "create_entry":
        log("added the gluetun service to Pandora")
    elif not _already_added(result, token):
        raise SystemExit(f"The gluetun subentry flow did not finish: {result}")


def _set_options(entry_id: str, token: str) -> None:
    """Turn on filing titles into the library (the hub's options flow, as the UI does)."""
    form = _http("POST", "/api/config/config_entries/options/flow", {"handler": entry_id}, token)
    file_into_library = os.environ.get("PANDORA_DEMO_FILE_INTO_LIBRARY", "1") != "0"
    options = {  # the defaults, plus filing into the library (unless told otherwise)
        "preferred_resolution": "1080p",
        "min_seeders": 1,
        "max_size_gb": 0,
        "excluded_words": "",
        "pipeline": True,
        "file_into_library": file_into_library,
        "auto_approve_admins": True,
        "auto_approve_users": [],
        "request_stall_minutes": 120,
        "request_notifications": True,
        "voice_control": False,
    }
    _http("POST", f"/api/config/config_entries/options/flow/{form['flow_id']}", options, token)


def pandora_states(token: str) -> list[dict[str, Any]]:
    """States of every Pandora entity (through the template API: it knows the integration)."""
    ids = _http(
        "POST",
        "/api/template",
        {"template": "{{ integration_entities('pandora') | tojson }}"},
        token,
    )
    wanted = set(ids if isinstance(ids, list) else json.loads(ids))
    return [s for s in _http("GET", "/api/states", token=token) if s["entity_id"] in wanted]


def _hub_loaded(token: str) -> bool:
    entries = _http("GET", "/api/config/config_entries/entry?domain=pandora", token=token)
    return bool(entries) and all(entry["state"] == "loaded" for entry in entries)


def wait_for_entities(token: str, timeout: float = 60) -> list[dict[str, Any]]:
    """Wait until Pandora's hub is loaded and its entities exist and are available.

    Each added service reloads the hub in the background: the entities of the instance being
    unloaded still look available for a moment, so the entry's own state is checked too.
    """
    deadline = time.monotonic() + timeout
    states: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        states = pandora_states(token)
        if states and all(s["state"] != "unavailable" for s in states) and _hub_loaded(token):
            return states
        time.sleep(1)
    raise SystemExit(f"Pandora's entities did not become available: {states}")


def search_demo_title(token: str, timeout: float = 30) -> dict[str, Any]:
    """`pandora.search_torrents` for the demo's title, once the hub answers.

    A reload scheduled by the last service added may still be starting when the entities look
    ready: the action then answers 400 ("not set up or not loaded yet") for a moment.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            answer = _http(
                "POST",
                "/api/services/pandora/search_torrents?return_response",
                {"query": "Night of the Living Dead"},
                token,
            )
        except SystemExit as err:
            if "answered 400" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(1)
            continue
        return dict(answer["service_response"])


def check_frontend_data(token: str) -> None:
    """The action descriptions the frontend loads before it shows anything (`get_services`).

    When one integration's services cannot be described (a missing package), Home Assistant
    answers an error and the browser stays on "Loading..." for good: say so here instead.
    """
    try:
        _http("GET", "/api/services", token=token)
    except SystemExit as err:
        raise SystemExit(
            f"{err}\nHome Assistant cannot describe its actions, so its frontend would not load;"
            f" see {_shown(DEMO / 'home-assistant.log')} (a package that failed to install?)"
        ) from err


def _summary(states: Iterable[dict[str, Any]]) -> str:
    lines = []
    for s in sorted(states, key=lambda s: s["entity_id"]):
        unit = s["attributes"].get("unit_of_measurement") or ""
        lines.append(f"    {s['entity_id']:<48} {s['state']} {unit}".rstrip())
    return "\n".join(lines)


# --- commands ------------------------------------------------------------------------------------


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


def _shown(path: Path) -> str:
    """A path as the user reads it: relative to the repo when inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _stop_command() -> str:
    if RELOCATED:
        return f"PANDORA_DEMO_DIR={DEMO} {_shown(Path(sys.executable))} scripts/demo.py stop"
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
