"""Assist intents: pause or resume every download, scan a library, ask about the downloads.

Home Assistant ships no sentences for these: `custom_sentences/en/pandora.yaml` (at the root of
the repository) holds English ones to copy into `<config>/custom_sentences/en/`. Every answer is
spoken; a missing hub, service or download is an answer too, never an error trace.

Intents run as the user who talks (`intent_obj.context.user_id`) and are checked against the
permission table (hub/permissions.py) like every other door: pausing, resuming and scanning are for
administrators. A conversation without a logged-in user (a voice satellite, `conversation.process`
in an automation) may ask but changes nothing unless the hub option "voice satellites may control
downloads and scans" is on; automations call the actions (or press the buttons) for that.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
import difflib
import re
from typing import Any, Final, override

import probatio as vol

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import Unauthorized
from homeassistant.helpers import config_validation as cv, intent

from .api.errors import PandoraError
from .api.qbittorrent import ALL
from .api.qbittorrent_models import Torrent, TorrentStatus
from .const import DOMAIN
from .downloads import QBittorrentCoordinator, parse_release
from .hub.permissions import Caller, Door, async_authorize, async_caller
from .library import ALL as ALL_LIBRARIES, JellyfinCoordinator, find_library
from .runtime import PandoraConfigEntry

INTENT_PAUSE_ALL: Final = "PandoraPauseAll"
INTENT_RESUME_ALL: Final = "PandoraResumeAll"
INTENT_SCAN_LIBRARY: Final = "PandoraScanLibrary"
INTENT_WHAT_IS_DOWNLOADING: Final = "PandoraWhatIsDownloading"
INTENT_HOW_MUCH_LEFT: Final = "PandoraHowMuchLeft"

SLOT_LIBRARY: Final = "library"
SLOT_TITLE: Final = "title"

MAX_LISTED: Final = 3  # downloads read out by name; the rest are "and N more"
MATCH_CUTOFF: Final = 0.75  # how close a spoken title must be to a torrent's name

# What people call a library's kind -> Jellyfin's collection type.
LIBRARY_KINDS: Final[dict[str, str]] = {
    **dict.fromkeys(("movie", "movies", "film", "films"), "movies"),
    **dict.fromkeys(
        ("tv", "tv show", "tv shows", "tvshows", "series", "show", "shows", "television"),
        "tvshows",
    ),
    **dict.fromkeys((ALL_LIBRARIES, "every", "everything", "libraries"), ALL_LIBRARIES),
}
# Words a spoken title may carry that no torrent name does.
_FILLER: Final = frozenset({"the", "a", "an", "of", "download", "downloads", "torrent", "movie"})
_WORD = re.compile(r"[^\W_]+")


class _Answer(Exception):
    """Stop handling and say this (an error response)."""

    def __init__(self, speech: str, code: intent.IntentResponseErrorCode) -> None:
        super().__init__(speech)
        self.speech = speech
        self.code = code


# --- speech helpers -----------------------------------------------------------------------------


def plural(count: int, word: str) -> str:
    """Count things in words: "1 download", "2 downloads"."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def join_words(items: Iterable[str]) -> str:
    """List things in words: "A", "A and B", "A, B and C"."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def humanize_duration(seconds: int) -> str:
    """A time left as said aloud: "less than a minute", "about 5 minutes", "about 2 hours"."""
    if seconds < 60:
        return "less than a minute"
    minutes = round(seconds / 60)
    if minutes < 60:
        return "about a minute" if minutes == 1 else f"about {minutes} minutes"
    if minutes < 24 * 60:
        hours, minutes = divmod(minutes, 60)
        said = "about an hour" if hours == 1 else f"about {hours} hours"
        return f"{said} and {plural(minutes, 'minute')}" if minutes else said
    days = round(minutes / (24 * 60))
    return "about a day" if days == 1 else f"about {days} days"


def percent(torrent: Torrent) -> int:
    """Progress in whole percent, rounded down (99.9 % is not done)."""
    return int(max(0.0, min(torrent.progress, 1.0)) * 100)


_STATUS_WORDS: Final[dict[TorrentStatus, str]] = {
    TorrentStatus.PAUSED: "paused",
    TorrentStatus.QUEUED: "queued",
    TorrentStatus.CHECKING: "checking its files",
    TorrentStatus.ERRORED: "stopped by an error",
}


def remaining(torrent: Torrent) -> str:
    """What is left of a torrent, or why nobody can say."""
    if (words := _STATUS_WORDS.get(torrent.status)) is not None:
        return words
    if torrent.eta is not None:
        return f"{humanize_duration(torrent.eta)} left"
    if torrent.state in ("metaDL", "forcedMetaDL"):
        return "fetching its details"
    return "stalled"


def spoken_name(entry: PandoraConfigEntry, torrent: Torrent) -> str:
    """A torrent as people call it: the requested title, or its release name cleaned up."""
    request = entry.runtime_data.requests.by_torrent(torrent.hash)
    if request is not None:
        if request.season is not None:
            return f"{request.title} season {request.season}"
        return f"{request.title} ({request.year})" if request.year else request.title
    release = parse_release(torrent.name)
    title = release.title or torrent.name
    if release.is_tv:
        if release.season is not None and release.episode is not None:
            return f"{title} season {release.season} episode {release.episode}"
        if release.season is not None:
            return f"{title} season {release.season}"
        return title
    return f"{title} ({release.year})" if release.year else title


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def match_score(wanted: str, name: str) -> float:
    """How well a spoken title names a torrent, 0 to 1 (word coverage, then closeness)."""
    query = [w for w in _words(wanted) if w not in _FILLER] or _words(wanted)
    words = _words(name)
    if not query or not words:
        return 0.0
    hits = sum(
        1 for w in query if w in words or difflib.get_close_matches(w, words, n=1, cutoff=0.8)
    )
    closeness = difflib.SequenceMatcher(
        None, " ".join(query), " ".join(w for w in words if w not in _FILLER)
    ).ratio()
    # Every word heard is in the name: a match, the closer the better ("matrix" prefers
    # "The Matrix" to "The Matrix Reloaded").
    return max(hits / len(query) * 0.8 + closeness * 0.2, closeness)


# --- the hub ------------------------------------------------------------------------------------


def _loaded_entry(hass: HomeAssistant) -> PandoraConfigEntry:
    entries: list[PandoraConfigEntry] = hass.config_entries.async_loaded_entries(DOMAIN)
    if not entries:
        raise _Answer(
            "Pandora is not running right now, so I cannot reach your downloads.",
            intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
        )
    return entries[0]


def _qbittorrents(entry: PandoraConfigEntry) -> list[QBittorrentCoordinator]:
    coordinators = list(entry.runtime_data.qbittorrent.values())
    if not coordinators:
        raise _Answer(
            "No qBittorrent is set up in Pandora.",
            intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
        )
    return coordinators


def _unreachable(titles: list[str]) -> str:
    return f"I could not reach {join_words(titles)}." if titles else ""


def _torrents(
    coordinators: Iterable[QBittorrentCoordinator],
) -> tuple[list[Torrent], list[str]]:
    """Every torrent the reachable qBittorrents hold, and the titles of the others."""
    torrents: list[Torrent] = []
    missing: list[str] = []
    for coordinator in coordinators:
        if coordinator.data is None or not coordinator.last_update_success:
            missing.append(coordinator.subentry.title)
        else:
            torrents.extend(coordinator.data.torrents.values())
    return torrents, missing


def _sentence(*parts: str) -> str:
    return " ".join(p for p in parts if p)


# --- handlers -----------------------------------------------------------------------------------


class PandoraIntentHandler(intent.IntentHandler):
    """Common ground: slots, permission, the loaded hub, and answers instead of errors."""

    # The operation in the permission table, and what a refused caller is told they may not do.
    operation: str = "get_torrents"
    refused: str = "ask about the downloads"
    response_type = intent.IntentResponseType.QUERY_ANSWER

    @override
    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Answer the intent in words, whatever happens."""
        slots = self.async_validate_slots(intent_obj.slots)
        response = intent_obj.create_response()
        hass = intent_obj.hass
        try:
            await self._authorize(hass, intent_obj)
            speech = await self.answer(hass, _loaded_entry(hass), slots)
        except _Answer as answer:
            response.async_set_error(answer.code, answer.speech)
            return response
        response.response_type = self.response_type
        response.async_set_speech(speech)
        return response

    async def _authorize(self, hass: HomeAssistant, intent_obj: intent.Intent) -> None:
        """Refuse, in words, a caller the permission table does not allow."""
        try:
            await async_authorize(hass, self.operation, intent_obj.context, Door.INTENT)
        except Unauthorized:
            caller = await async_caller(hass, intent_obj.context, Door.INTENT)
            speech = (
                f"Sorry, voice assistants may not {self.refused} unless an administrator "
                "allows it in Pandora's options."
                if caller is Caller.SATELLITE
                else f"Sorry, only an administrator may {self.refused}."
            )
            raise _Answer(speech, intent.IntentResponseErrorCode.FAILED_TO_HANDLE) from None

    async def answer(
        self, hass: HomeAssistant, entry: PandoraConfigEntry, slots: dict[str, Any]
    ) -> str:
        """The spoken answer; raise `_Answer` for an error one."""
        raise NotImplementedError


class PauseResumeAllHandler(PandoraIntentHandler):
    """Pause (or resume) every torrent on every qBittorrent."""

    response_type = intent.IntentResponseType.ACTION_DONE

    def __init__(self, pause: bool) -> None:
        """One handler per direction."""
        self.pause = pause
        self.intent_type = INTENT_PAUSE_ALL if pause else INTENT_RESUME_ALL
        verb = "pause" if pause else "resume"
        self.operation = "pause_torrents" if pause else "resume_torrents"
        self.refused = f"{verb} the downloads"
        self.description = f"{verb.capitalize()}s every download on every qBittorrent"

    @override
    async def answer(
        self, hass: HomeAssistant, entry: PandoraConfigEntry, slots: dict[str, Any]
    ) -> str:
        changed = 0
        missing: list[str] = []
        for coordinator in _qbittorrents(entry):
            # Count on fresh data: the answer says how many changed.
            await coordinator.async_refresh()
            if coordinator.data is None or not coordinator.last_update_success:
                missing.append(coordinator.subentry.title)
                continue
            affected = sum(
                (t.status is TorrentStatus.PAUSED) != self.pause
                for t in coordinator.data.torrents.values()
            )
            try:
                if self.pause:
                    await coordinator.client.pause(ALL)
                else:
                    await coordinator.client.resume(ALL)
            except PandoraError:
                missing.append(coordinator.subentry.title)
                continue
            changed += affected
            await coordinator.async_request_refresh()
        if missing and len(missing) == len(entry.runtime_data.qbittorrent):
            raise _Answer(_unreachable(missing), intent.IntentResponseErrorCode.FAILED_TO_HANDLE)
        if changed:
            done = f"{'Paused' if self.pause else 'Resumed'} {plural(changed, 'download')}."
        else:
            done = f"There was nothing to {'pause' if self.pause else 'resume'}."
        return _sentence(done, _unreachable(missing))


class ScanLibraryHandler(PandoraIntentHandler):
    """Scan the Jellyfin libraries of one kind (movies, TV shows), one by name, or all."""

    intent_type = INTENT_SCAN_LIBRARY
    description = "Scans the Jellyfin movie or TV show library (or all of them) for new files"
    operation = "scan_library"
    refused = "scan the libraries"
    response_type = intent.IntentResponseType.ACTION_DONE

    @property
    @override
    def slot_schema(self) -> dict[Any, Any]:
        """An optional library: a kind, a name, or nothing for all."""
        return {vol.Optional(SLOT_LIBRARY): cv.string}

    @override
    async def answer(
        self, hass: HomeAssistant, entry: PandoraConfigEntry, slots: dict[str, Any]
    ) -> str:
        servers = list(entry.runtime_data.jellyfin.values())
        if not servers:
            raise _Answer(
                "No Jellyfin server is set up in Pandora.",
                intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
            )
        wanted = " ".join(str(slots.get(SLOT_LIBRARY, {}).get("value") or "").split())
        kind = LIBRARY_KINDS.get(wanted.casefold(), ALL_LIBRARIES if not wanted else None)
        said: list[str] = []
        busy: list[str] = []
        missing: list[str] = []
        for server in servers:
            plan = list(self._plan(server, wanted, kind))
            if not plan:
                continue
            if plan == [None] and server.scanning:
                busy.append(server.subentry.title)  # a new scan would cancel the running one
                continue
            try:
                for item_id in plan:
                    await server.async_scan(item_id)
            except PandoraError:
                missing.append(server.subentry.title)
                continue
            said.append(self._scanned(server, plan))
        if not said and not busy and not missing:
            names = sorted({lib.name for s in servers for lib in s.state.libraries.values()})
            raise _Answer(
                f"There is no {wanted} library. The libraries are {join_words(names)}."
                if names
                else f"There is no {wanted} library.",
                intent.IntentResponseErrorCode.NO_VALID_TARGETS,
            )
        if not said and not busy:
            raise _Answer(_unreachable(missing), intent.IntentResponseErrorCode.FAILED_TO_HANDLE)
        return _sentence(
            f"Scanning {join_words(said)}." if said else "",
            f"{join_words(busy)} {'is' if len(busy) == 1 else 'are'} already scanning."
            if busy
            else "",
            _unreachable(missing),
        )

    @staticmethod
    def _plan(server: JellyfinCoordinator, wanted: str, kind: str | None) -> Iterator[str | None]:
        """The libraries to scan on one server (None: all of them)."""
        if kind == ALL_LIBRARIES:
            yield None
            return
        libraries = server.state.libraries
        found = [i for i, lib in libraries.items() if kind and lib.collection_type == kind]
        if not found and (item_id := find_library(server, wanted)) is not None:
            found = [item_id]
        yield from found

    @staticmethod
    def _scanned(server: JellyfinCoordinator, plan: list[str | None]) -> str:
        title = server.subentry.title
        names = [server.state.libraries[i].name for i in plan if i is not None]
        if not names:
            return f"all libraries on {title}"
        kind = "library" if len(names) == 1 else "libraries"
        return f"the {join_words(names)} {kind} on {title}"


class WhatIsDownloadingHandler(PandoraIntentHandler):
    """What the qBittorrents are downloading: the most advanced, their progress and time left."""

    intent_type = INTENT_WHAT_IS_DOWNLOADING
    description = "Tells what is downloading, with the progress and time left of each download"

    @override
    async def answer(
        self, hass: HomeAssistant, entry: PandoraConfigEntry, slots: dict[str, Any]
    ) -> str:
        coordinators = _qbittorrents(entry)
        torrents, missing = _torrents(coordinators)
        if len(missing) == len(coordinators):
            raise _Answer(_unreachable(missing), intent.IntentResponseErrorCode.FAILED_TO_HANDLE)
        named = [
            (t, spoken_name(entry, t))
            for t in torrents
            if not t.is_complete and t.status not in (TorrentStatus.PAUSED, TorrentStatus.ERRORED)
        ]
        if not named:
            paused = sum(t.status is TorrentStatus.PAUSED and not t.is_complete for t in torrents)
            return _sentence(
                "Nothing is downloading.",
                f"{plural(paused, 'download')} {'is' if paused == 1 else 'are'} paused."
                if paused
                else "",
                _unreachable(missing),
            )
        named.sort(key=lambda item: (-item[0].progress, item[1].casefold()))
        said = [f"{name} at {percent(t)}%, {remaining(t)}" for t, name in named[:MAX_LISTED]]
        if len(named) > MAX_LISTED:
            said.append(f"and {len(named) - MAX_LISTED} more")
        return _sentence(
            f"{plural(len(named), 'download')}: {'; '.join(said)}.", _unreachable(missing)
        )


class HowMuchLeftHandler(PandoraIntentHandler):
    """How far one download is, found by its (spoken, approximate) title."""

    intent_type = INTENT_HOW_MUCH_LEFT
    description = "Tells how far one download is and how long it still needs, by its title"

    @property
    @override
    def slot_schema(self) -> dict[Any, Any]:
        """The title, as said."""
        return {vol.Required(SLOT_TITLE): intent.non_empty_string}

    @override
    async def answer(
        self, hass: HomeAssistant, entry: PandoraConfigEntry, slots: dict[str, Any]
    ) -> str:
        wanted = str(slots[SLOT_TITLE]["value"]).strip()
        coordinators = _qbittorrents(entry)
        torrents, missing = _torrents(coordinators)
        if len(missing) == len(coordinators):
            raise _Answer(_unreachable(missing), intent.IntentResponseErrorCode.FAILED_TO_HANDLE)
        best: tuple[float, float, Torrent, str] | None = None
        for torrent in torrents:
            name = spoken_name(entry, torrent)
            score = max(match_score(wanted, name), match_score(wanted, torrent.name))
            candidate = (score, torrent.progress, torrent, name)
            if score >= MATCH_CUTOFF and (best is None or candidate[:2] > best[:2]):
                best = candidate
        if best is None:
            raise _Answer(
                _sentence(f"I could not find a download called {wanted}.", _unreachable(missing)),
                intent.IntentResponseErrorCode.NO_VALID_TARGETS,
            )
        _, _, torrent, name = best
        if torrent.is_complete:
            return f"{name} has finished downloading."
        return f"{name} is at {percent(torrent)}%, {remaining(torrent)}."


async def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the intents (once: `__init__` and the `intent` platform both call this)."""
    registered = {handler.intent_type for handler in intent.async_get(hass)}
    handlers: tuple[intent.IntentHandler, ...] = (
        PauseResumeAllHandler(pause=True),
        PauseResumeAllHandler(pause=False),
        ScanLibraryHandler(),
        WhatIsDownloadingHandler(),
        HowMuchLeftHandler(),
    )
    for handler in handlers:
        if handler.intent_type not in registered:
            intent.async_register(hass, handler)
