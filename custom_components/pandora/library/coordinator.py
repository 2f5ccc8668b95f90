"""Jellyfin coordinator: libraries, the library-scan task and item counts; scan events."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
import logging
import time
from typing import TYPE_CHECKING, Any

from homeassistant.auth.models import User
from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.dispatcher import async_dispatcher_send

from ..api.errors import PandoraError
from ..api.jellyfin import JellyfinClient
from ..api.jellyfin_index import TitleIndex, TitleKey
from ..api.jellyfin_models import (
    ItemCounts,
    JellyfinUser,
    Library,
    MediaItemRef,
    ScanTask,
    SystemInfo,
)
from ..const import (
    CONF_USERS,
    DOMAIN,
    EVENT_SCAN_FINISHED,
    EVENT_SCAN_STARTED,
    NO_JELLYFIN_USER,
)
from ..downloads import TorrentHistory
from ..hub.announce import async_announce
from ..hub.coordinator import PandoraCoordinator, keyed_client_factory
from ..hub.errors import safe_text
from .sessions import SessionsCoordinator

if TYPE_CHECKING:
    from ..runtime import PandoraConfigEntry

_LOGGER = logging.getLogger(__name__)

# Libraries and counts change rarely: read them at start, after every scan and this often.
SLOW_REFRESH = 300.0
# The title index and the users after a failed read (they only serve the watching features).
INDEX_RETRY = 60.0
SIGNAL_LIBRARIES = f"{DOMAIN}_jellyfin_libraries"


jellyfin_client = keyed_client_factory(JellyfinClient)


@dataclass
class JellyfinState:
    """What the entities show."""

    info: SystemInfo | None = None
    libraries: dict[str, Library] = field(default_factory=dict)
    task: ScanTask | None = None
    counts: ItemCounts | None = None
    # Movies and series by ("movie" | "tv", TMDB id): "In your library" and Play look here
    # (the coordinator's `index`, read only).
    titles: Mapping[TitleKey, MediaItemRef] = field(default_factory=dict)
    users: list[JellyfinUser] = field(default_factory=list)


def resolve_watcher(
    person: User | None, mapping: Mapping[str, str], jellyfin_users: Sequence[JellyfinUser]
) -> tuple[JellyfinUser | None, str]:
    """(The Jellyfin user `person` watches and plays as, None for nobody; why).

    Fails closed: only Home Assistant administrators and automations (`person` None) fall back
    to the server's first administrator, whose rows and libraries are not everyone's.
    - Mapped in the server's Users settings: that user ("mapped"); nobody when mapped so
      ("off"), and never anyone else when that user is deleted or disabled ("gone").
    - Unmapped: the Jellyfin user of the same name, in any case ("same_name"; "gone" when that
      user is disabled: the account was switched off on purpose).
    - Otherwise administrators and automations get the first Jellyfin administrator
      ("admin_default"; "no_admin" when there is none), anyone else nobody ("unmapped").
    - An inactive or system-generated user is nobody ("not_a_person").
    """
    enabled = [u for u in jellyfin_users if not u.is_disabled]
    if person is not None:
        if not person.is_active or person.system_generated:
            return None, "not_a_person"
        mapped = mapping.get(person.id)
        if mapped == NO_JELLYFIN_USER:
            return None, "off"
        if mapped:
            chosen = next((u for u in enabled if u.id == mapped), None)
            return (chosen, "mapped") if chosen else (None, "gone")
        # Jellyfin's user names are unique whatever their case.
        name = (person.name or "").strip().casefold()
        same = next((u for u in jellyfin_users if name and u.name.strip().casefold() == name), None)
        if same is not None:
            return (None, "gone") if same.is_disabled else (same, "same_name")
        if not person.is_admin:
            return None, "unmapped"
    admin = next((u for u in enabled if u.is_administrator), None)
    return (admin, "admin_default") if admin else (None, "no_admin")


class JellyfinCoordinator(PandoraCoordinator[JellyfinState, JellyfinClient]):
    """Keeps one Jellyfin server's scan state current and fires scan events."""

    # Two requests (every scheduled task, to find the scan; the libraries with their refresh
    # state), and every SLOW_REFRESH the counts, the movie and series lists and the users.
    UPDATE_INTERVAL = timedelta(seconds=30)
    CLIENT = jellyfin_client
    MANUFACTURER = "Jellyfin"
    MODEL = "Jellyfin server"
    # While a scan or a library refresh runs: its progress and its end (counts, scan event).
    SCANNING_INTERVAL = timedelta(seconds=5)

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        subentry: ConfigSubentry,
        history: TorrentHistory | None = None,
    ) -> None:
        super().__init__(hass, entry, subentry)
        self.history = history  # scans are kept with the file actions
        self.state = JellyfinState()
        self.index = TitleIndex()
        self._slow_at = 0.0
        self._index_at = 0.0
        self._index_failed = False
        self.index_read = False  # the titles and users were read at least once
        self._running: bool | None = None
        self.sessions = SessionsCoordinator(hass, entry, self)  # who is watching

    @property
    def sw_version(self) -> str | None:
        """The server's version, once read."""
        info = self.state.info
        return info.version if info else None

    @property
    def identity(self) -> str | None:
        """The server's ServerId."""
        return self.state.info.id if self.state.info else None

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
            self.update_interval = self.UPDATE_INTERVAL
            raise self.update_failed(err) from err
        if finished or time.monotonic() >= self._index_at:
            await self._read_index()
        self._publish(task)
        state.task = task
        self.update_interval = self.SCANNING_INTERVAL if self.scanning else self.UPDATE_INTERVAL
        return state

    async def _read_index(self) -> None:
        """The movies and series by TMDB id, and the users, for the watching features.

        Apart from the entities' reads: a failure keeps the last index, leaves the server
        available, and is tried again in a minute. After the first read only the titles
        saved since are read (TitleIndex).
        """
        try:
            await self.index.refresh(self.client, time.monotonic())
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
        self.state.titles, self.state.users = self.index.titles, users
        self.index_read = True

    def title(self, media_type: str, tmdb_id: int) -> MediaItemRef | None:
        """The library's movie or series with this TMDB id, if it has it."""
        return self.index.title(media_type, tmdb_id)

    def tmdb_of(self, item_id: str) -> TitleKey | None:
        """("movie" | "tv", TMDB id) of a movie or series in the library."""
        return self.index.tmdb_of(item_id)

    async def async_jellyfin_user(self, ha_user_id: str | None) -> JellyfinUser | None:
        """The Jellyfin user a Home Assistant user watches and plays as (None: nobody)."""
        return (await self.async_watcher(ha_user_id))[0]

    async def async_watcher(self, ha_user_id: str | None) -> tuple[JellyfinUser | None, str]:
        """(The Jellyfin user a Home Assistant user watches as, and why: see `resolve_watcher`).

        `ha_user_id` None is an automation (or Home Assistant itself). Before the Jellyfin users
        could first be read, nobody ("unknown").
        """
        if not self.index_read:
            return None, "unknown"
        person: User | None = None
        if ha_user_id is not None:
            person = await self.hass.auth.async_get_user(ha_user_id)
            if person is None:
                return None, "not_a_person"
        return resolve_watcher(person, self.subentry.data.get(CONF_USERS) or {}, self.state.users)

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
            async_announce(self.hass, EVENT_SCAN_STARTED, data)
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
        async_announce(self.hass, EVENT_SCAN_FINISHED, data)
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


def jellyfin_servers(hass: HomeAssistant) -> dict[str, JellyfinCoordinator]:
    """Every loaded Jellyfin server by subentry id (the media source, image and stream views)."""
    entries: list[PandoraConfigEntry] = hass.config_entries.async_loaded_entries(DOMAIN)
    return {key: c for e in entries for key, c in e.runtime_data.jellyfin.items()}
