"""Constants shared across Pandora."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

DOMAIN: Final = "pandora"
NAME: Final = "Pandora"

# Config subentry types: one per external service kind.
SUBENTRY_QBITTORRENT: Final = "qbittorrent"
SUBENTRY_TMDB: Final = "tmdb"
SUBENTRY_WATCHMODE: Final = "watchmode"
SUBENTRY_JACKETT: Final = "jackett"
SUBENTRY_JELLYFIN: Final = "jellyfin"
SUBENTRY_CLOUDCMD: Final = "cloudcmd"
SUBENTRY_PORTAINER: Final = "portainer"
SUBENTRY_GLUETUN: Final = "gluetun"

# Subentry data keys.
CONF_VERIFY_SSL: Final = "verify_ssl"
# Jellyfin: Home Assistant user id -> Jellyfin user id (rows and playback are that user's);
# the address people open Jellyfin at, for "Play in Jellyfin" links (default: the URL).
CONF_USERS: Final = "users"
# A Home Assistant user mapped to this sees no Jellyfin rows and plays nothing.
NO_JELLYFIN_USER: Final = "none"
CONF_WEB_URL: Final = "web_url"
CONF_LANGUAGE: Final = "language"  # TMDB, e.g. "en-US"
CONF_REGION: Final = "region"  # TMDB, ISO 3166-1 country
CONF_REGIONS: Final = "regions"  # Watchmode, comma-separated countries
CONF_INDEXERS: Final = "indexers"  # Jackett, comma-separated ids; empty = all
# Cloud Commander: the share's folders (share-relative paths) and where qBittorrent sees them.
CONF_DOWNLOADS_FOLDER: Final = "downloads_folder"
CONF_DOWNLOADED_FOLDER: Final = "downloaded_folder"
CONF_MOVIES_FOLDER: Final = "movies_folder"
CONF_TV_FOLDER: Final = "tv_folder"
CONF_QBITTORRENT_ROOT: Final = "qbittorrent_root"  # the share's root as qBittorrent sees it
DEFAULT_FOLDERS: Final = {
    CONF_DOWNLOADS_FOLDER: "/Downloads",
    CONF_DOWNLOADED_FOLDER: "/Downloaded",
    CONF_MOVIES_FOLDER: "/Movies",
    CONF_TV_FOLDER: "/TV Shows",
}
# Portainer: environments to watch, by name or id, comma-separated; empty = all.
CONF_ENDPOINTS: Final = "endpoints"
# gluetun: the Portainer subentry, stack and service that hold it; the env variable that carries
# the country; the countries offered; how long a switch may take.
CONF_PORTAINER: Final = "portainer"
CONF_STACK: Final = "stack"
CONF_SERVICE: Final = "service"
CONF_COUNTRY_VARIABLE: Final = "country_variable"
CONF_COUNTRIES: Final = "countries"
CONF_SWITCH_TIMEOUT: Final = "switch_timeout"
DEFAULT_COUNTRY_VARIABLE: Final = "SERVER_COUNTRIES"
DEFAULT_GLUETUN_SERVICE: Final = "gluetun"
DEFAULT_COUNTRIES: Final = (
    "Netherlands, Switzerland, Sweden, Germany, United Kingdom, United States, Canada, Japan"
)
DEFAULT_SWITCH_TIMEOUT: Final = 60
MIN_SWITCH_TIMEOUT: Final = 2
MAX_SWITCH_TIMEOUT: Final = 600
DEFAULT_TMDB_URL: Final = "https://api.themoviedb.org/3"
DEFAULT_WATCHMODE_URL: Final = "https://api.watchmode.com/v1"

# Torrent lifecycle: event entity types and bus events (`pandora_torrent_<type>`).
TORRENT_ADDED: Final = "added"
TORRENT_COMPLETED: Final = "completed"
TORRENT_REMOVED: Final = "removed"
TORRENT_ERRORED: Final = "errored"
TORRENT_GOAL_REACHED: Final = "goal_reached"  # a seeding goal met (downloads/goals.py)
TORRENT_EVENT_TYPES: Final = (
    TORRENT_ADDED,
    TORRENT_COMPLETED,
    TORRENT_REMOVED,
    TORRENT_ERRORED,
    TORRENT_GOAL_REACHED,
)
EVENT_TORRENT_PREFIX: Final = f"{DOMAIN}_torrent_"
BUS_EVENTS: Final = tuple(EVENT_TORRENT_PREFIX + t for t in TORRENT_EVENT_TYPES)

# Dispatcher signal carrying a subentry's torrent events: f"{SIGNAL_TORRENT_EVENT}_{subentry_id}".
SIGNAL_TORRENT_EVENT: Final = f"{DOMAIN}_torrent_event"
# Dispatcher signal sent with the entry once the hub is set up (again, after a reload).
SIGNAL_HUB_LOADED: Final = f"{DOMAIN}_hub_loaded"

HISTORY_MAX_ENTRIES: Final = 1000
HISTORY_SAVE_DELAY: Final = timedelta(seconds=10)

# Hub options: release ranking (Jackett search results).
CONF_PREFERRED_RESOLUTION: Final = "preferred_resolution"
CONF_MIN_SEEDERS: Final = "min_seeders"
CONF_MAX_SIZE_GB: Final = "max_size_gb"  # 0 = no limit
CONF_EXCLUDED_WORDS: Final = "excluded_words"  # comma-separated
DEFAULT_PREFERRED_RESOLUTION: Final = "1080p"
RESOLUTIONS: Final = ("2160p", "1080p", "720p", "sd")
DEFAULT_MIN_SEEDERS: Final = 1

# Library scans (Jellyfin): bus events and event-entity types.
EVENT_SCAN_STARTED: Final = f"{DOMAIN}_library_scan_started"
EVENT_SCAN_FINISHED: Final = f"{DOMAIN}_library_scan_finished"
EVENT_FILES_MOVED: Final = f"{DOMAIN}_files_moved"

# Hub options: the completed-download pipeline.
CONF_PIPELINE: Final = "pipeline"  # move completed downloads into Downloaded
CONF_FILE_INTO_LIBRARY: Final = "file_into_library"  # ... and linked titles into Movies/TV
DEFAULT_PIPELINE: Final = True
DEFAULT_FILE_INTO_LIBRARY: Final = False

# Hub options: seeding goals (downloads/goals.py). A goal is a ratio and/or a seeding time
# (whichever is reached first); the categories' own goals replace the hub's for their torrents.
CONF_SEEDING_GOAL_RATIO: Final = "seeding_goal_ratio"
CONF_SEEDING_GOAL_MINUTES: Final = "seeding_goal_minutes"
CONF_SEEDING_GOAL_ACTION: Final = "seeding_goal_action"
CONF_SEEDING_GOAL_DELETE_FILES: Final = "seeding_goal_delete_files"  # outside the library only
# {category: {"ratio": ..., "minutes": ..., "action": ...}}
CONF_SEEDING_GOAL_CATEGORIES: Final = "seeding_goal_categories"
GOAL_PAUSE: Final = "pause"
GOAL_REMOVE: Final = "remove"
GOAL_ACTIONS: Final = (GOAL_PAUSE, GOAL_REMOVE)
DEFAULT_SEEDING_GOAL_ACTION: Final = GOAL_PAUSE
DEFAULT_SEEDING_GOAL_DELETE_FILES: Final = False

# Hub options: household requests (requests/queue.py).
CONF_AUTO_APPROVE_ADMINS: Final = "auto_approve_admins"
CONF_AUTO_APPROVE_USERS: Final = "auto_approve_users"  # Home Assistant user ids
CONF_REQUEST_STALL_MINUTES: Final = "request_stall_minutes"
CONF_REQUEST_NOTIFICATIONS: Final = "request_notifications"
DEFAULT_AUTO_APPROVE_ADMINS: Final = True
DEFAULT_REQUEST_STALL_MINUTES: Final = 120
MIN_REQUEST_STALL_MINUTES: Final = 10
MAX_REQUEST_STALL_MINUTES: Final = 10080
DEFAULT_REQUEST_NOTIFICATIONS: Final = True

# Hub option: Assist and LLM conversations without a user (voice satellites) may pause and
# resume downloads and scan libraries (hub/permissions.py); otherwise they only ask.
CONF_VOICE_CONTROL: Final = "voice_control"
DEFAULT_VOICE_CONTROL: Final = False
# The disk guard (downloads/disk.py): keep at least this much free on each qBittorrent (GB,
# 0 = off), and whether to pause running downloads too when below.
CONF_MIN_FREE_GB: Final = "min_free_gb"
CONF_DISK_GUARD_PAUSE: Final = "disk_guard_pause"
DEFAULT_DISK_GUARD_PAUSE: Final = False
EVENT_DISK_SPACE_LOW: Final = f"{DOMAIN}_disk_space_low"
EVENT_DISK_SPACE_RESTORED: Final = f"{DOMAIN}_disk_space_restored"

# Containers and VPN: bus events.
EVENT_CONTAINER_CHANGED: Final = f"{DOMAIN}_container_changed"  # state or health changed
EVENT_VPN_COUNTRY_CHANGED: Final = f"{DOMAIN}_vpn_country_changed"
EVENT_VPN_LEAK: Final = f"{DOMAIN}_vpn_leak"
# The VPN guard (vpnguard/): a qBittorrent's option naming the gluetun it downloads behind, and
# the event fired when the guard holds or releases its torrents.
CONF_VPN_GUARD: Final = "vpn_guard"
EVENT_VPN_GUARD: Final = f"{DOMAIN}_vpn_guard"

# The panel's sidebar path (requests link to its pages: the device, notifications).
PANEL_URL_PATH: Final = "pandora"
