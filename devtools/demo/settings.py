"""Where the demo lives, its ports and credentials, what it offers, its Home Assistant config."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

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
# Pandora demo: a minimal Home Assistant (written by scripts/demo.sh).
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


def _shown(path: Path) -> str:
    """A path as the user reads it: relative to the repo when inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
