"""Jellyfin coordinator: libraries, the library-scan task and item counts; scan events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
import logging
import time
from typing import Any

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.dispatcher import async_dispatcher_send

from ..api.errors import PandoraError
from ..api.jellyfin import JellyfinClient
from ..api.jellyfin_models import (
    ItemCounts,
    ItemType,
    JellyfinUser,
    Library,
    MediaItemRef,
    ScanTask,
    SystemInfo,
)
from ..const import (
    CONF_USERS,
    CONF_VERIFY_SSL,
    DOMAIN,
    EVENT_SCAN_FINISHED,
    EVENT_SCAN_STARTED,
    NO_JELLYFIN_USER,
)
from ..helpers import create_session, safe_text
from ..history import TorrentHistory
from . import PandoraCoordinator

_LOGGER = logging.getLogger(__name__)

# Libraries and counts change rarely: read them at start, after every scan and this often.
SLOW_REFRESH = 300.0
# The title index and the users after a failed read (they only serve the watching features).
INDEX_RETRY = 60.0
SIGNAL_LIBRARIES = f"{DOMAIN}_jellyfin_libraries"


@dataclass
class JellyfinState:
    """What the entities show."""

    info: SystemInfo | None = None
    libraries: dict[str, Library] = field(default_factory=dict)
    task: ScanTask | None = None
    counts: ItemCounts | None = None
    # Movies and series by ("movie" | "tv", TMDB id): "In your library" and Play look here.
    titles: dict[tuple[str, int], MediaItemRef] = field(default_factory=dict)
    users: list[JellyfinUser] = field(default_factory=list)
    # Jellyfin item id -> its key in `titles`.
    title_keys: dict[str, tuple[str, int]] = field(default_factory=dict)


class JellyfinCoordinator(PandoraCoordinator[JellyfinState]):
    """Keeps one Jellyfin server's scan state current and fires scan events."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        subentry: ConfigSubentry,
        update_interval: timedelta,
        history: TorrentHistory | None = None,
    ) -> None:
        super().__init__(hass, entry, subentry, update_interval)
        self.history = history  # scans are kept with the file actions
        verify_ssl = bool(subentry.data.get(CONF_VERIFY_SSL, True))
        self.client = JellyfinClient(
            url=subentry.data[CONF_URL],
            api_key=subentry.data[CONF_API_KEY],
            session=create_session(hass, verify_ssl),
            verify_ssl=verify_ssl,
        )
        self.state = JellyfinState()
        self._slow_at = 0.0
        self._index_at = 0.0
        self._index_failed = False
        self.index_read = False  # the titles and users were read at least once
        self._running: bool | None = None

    @property
    def device_info(self) -> DeviceInfo:
        """One device per Jellyfin server."""
        info = self.state.info
        return DeviceInfo(
            identifiers={(DOMAIN, self.subentry.subentry_id)},
            name=self.subentry.title,
            manufacturer="Jellyfin",
            model="Jellyfin server",
            sw_version=info.version if info else None,
            configuration_url=self.subentry.data[CONF_URL],
            entry_type=dr.DeviceEntryType.SERVICE,
        )

    async def _async_update_data(self) -> JellyfinState:
        state = self.state
        try:
            if state.info is None:
                state.info = await self.client.system_info()
            task = await self.client.scan_task()
            # One library's refresh runs outside the scan task and reports on the library.
            libraries = {lib.item_id: lib for lib in await self.client.libraries()}
            finished = self._running is True and not (
                task.running or any(lib.refreshing for lib in libraries.values())
            )
            if finished or time.monotonic() >= self._slow_at:
                state.counts = await self.client.counts()
                self._slow_at = time.monotonic() + SLOW_REFRESH
            changed = libraries.keys() != state.libraries.keys()
            state.libraries = libraries
            if changed:
                async_dispatcher_send(self.hass, f"{SIGNAL_LIBRARIES}_{self.subentry.subentry_id}")
        except PandoraError as err:
            raise self.update_failed(err) from err
        if finished or time.monotonic() >= self._index_at:
            await self._read_index()
        self._publish(task)
        state.task = task
        return state

    async def _read_index(self) -> None:
        """The movies and series by TMDB id, and the users, for the watching features.

        Apart from the entities' reads: a failure keeps the last index, leaves the server
        available, and is tried again in a minute.
        """
        titles: dict[tuple[str, int], MediaItemRef] = {}
        kinds: tuple[tuple[ItemType, str], ...] = (("Movie", "movie"), ("Series", "tv"))
        try:
            for item_type, media_type in kinds:
                for item in await self.client.items(item_type):
                    tmdb = item.provider_id("Tmdb")
                    if tmdb is not None and tmdb.strip().isdigit():
                        titles.setdefault((media_type, int(tmdb)), item)
            users = await self.client.users()
        except PandoraError as err:
            self._index_at = time.monotonic() + INDEX_RETRY
            if not self._index_failed:
                _LOGGER.warning(
                    "%s: cannot read titles and users: %s", self.subentry.title, safe_text(err)
                )
            self._index_failed = True
            return
        if self._index_failed:
            _LOGGER.info("%s: titles and users read again", self.subentry.title)
        self._index_failed = False
        self._index_at = time.monotonic() + SLOW_REFRESH
        self.state.titles, self.state.users = titles, users
        self.index_read = True
        self.state.title_keys = {ref.id.lower(): key for key, ref in titles.items()}

    def title(self, media_type: str, tmdb_id: int) -> MediaItemRef | None:
        """The library's movie or series with this TMDB id, if it has it."""
        return self.state.titles.get((media_type, tmdb_id))

    def tmdb_of(self, item_id: str) -> tuple[str, int] | None:
        """("movie" | "tv", TMDB id) of a movie or series in the library."""
        return self.state.title_keys.get(item_id.lower())

    def jellyfin_user(self, ha_user_id: str | None) -> JellyfinUser | None:
        """The Jellyfin user a Home Assistant user watches and plays as (None: nobody)."""
        return self.watcher(ha_user_id)[0]

    def watcher(self, ha_user_id: str | None) -> tuple[JellyfinUser | None, str | None]:
        """(The Jellyfin user a Home Assistant user watches as, or why there is none).

        The user mapped in the server's settings; never someone else when that user is gone
        or disabled ("gone"), and nobody when the mapping says so ("off"). Unmapped people and
        automations (no user) get the server's first administrator ("no_admin" when none).
        Before the users could first be read, nobody ("unknown").
        """
        if not self.index_read:
            return None, "unknown"
        users = [u for u in self.state.users if not u.is_disabled]
        mapped = (self.subentry.data.get(CONF_USERS) or {}).get(ha_user_id or "")
        if mapped == NO_JELLYFIN_USER:
            return None, "off"
        if mapped:
            chosen = next((u for u in users if u.id == mapped), None)
            return chosen, None if chosen else "gone"
        admin = next((u for u in users if u.is_administrator), None)
        return admin, None if admin else "no_admin"

    @property
    def scanning(self) -> bool:
        """A full scan or one library's refresh is under way."""
        state = self.state
        return bool(state.task and state.task.running) or any(
            lib.refreshing for lib in state.libraries.values()
        )

    @property
    def progress(self) -> float | None:
        """Progress of the scan (or of the refreshing libraries), 0-100."""
        state = self.state
        if state.task and state.task.running:
            return state.task.progress
        values = [lib.refresh_progress or 0.0 for lib in state.libraries.values() if lib.refreshing]
        return sum(values) / len(values) if values else None

    def _publish(self, task: ScanTask) -> None:
        self.state.task = task
        running = self.scanning
        previous, self._running = self._running, running
        if previous is None or previous == running:
            return  # start-up, or no change: nothing to announce
        data: dict[str, Any] = {
            "server": self.subentry.title,
            "subentry_id": self.subentry.subentry_id,
        }
        if running:
            self.hass.bus.async_fire(EVENT_SCAN_STARTED, data)
            return
        result = task.last_result
        counts = self.state.counts
        data |= {
            "result": str(result.status).lower() if result else None,
            "error": result.error_message if result else None,
            "movies": counts.movies if counts else None,
            "series": counts.series if counts else None,
            "episodes": counts.episodes if counts else None,
        }
        self.hass.bus.async_fire(EVENT_SCAN_FINISHED, data)
        if self.history is not None:
            self.history.record_files("scanned", data)

    async def async_scan(self, item_id: str | None = None) -> None:
        """Scan every library (None) or one, then poll soon to show the progress."""
        if item_id is None:
            if self.state.task and self.state.task.running:
                return  # Jellyfin would cancel the running scan and start over
            await self.client.refresh_all()
        else:
            await self.client.refresh_library(item_id)
        await self.async_request_refresh()

    async def async_scan_kind(self, collection_type: str | None) -> list[str]:
        """Scan the libraries of one kind ("movies", "tvshows"), or all when it has none.

        Returns what was scanned: the libraries' names, or ["all"].
        """
        libraries = [
            lib
            for lib in self.state.libraries.values()
            if collection_type is not None and lib.collection_type == collection_type
        ]
        for library in libraries:
            await self.async_scan(library.item_id)
        if not libraries:
            await self.async_scan(None)
        return [lib.name for lib in libraries] or ["all"]
