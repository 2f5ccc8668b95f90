"""Who is watching: one Jellyfin server's playing sessions, polled while someone needs them.

A coordinator of its own beside the server's (which is polled every 30 s): `/Sessions` every
5 s, so a stream starting or stopping shows within 5 s plus one request. It shares the server's
client and polls only while it has listeners: the "Active streams" and "Someone is watching"
entities (unless both are disabled) and the panels that show the Library tab. What it keeps is
what the entities show, without the position (see `PlaybackSession`): an unchanged list is no
news (`always_update` off), so the entities write a state only when a stream starts, stops,
pauses, resumes or changes its play method.
"""

from __future__ import annotations

from datetime import timedelta
import logging
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.device_registry import DeviceInfo

from ..api.errors import PandoraError
from ..api.jellyfin import JellyfinClient
from ..api.jellyfin_models import PlaybackSession
from ..hub.coordinator import PandoraCoordinator

if TYPE_CHECKING:
    from .coordinator import JellyfinCoordinator

_LOGGER = logging.getLogger(__name__)

# How many streams the sensor's `streams` attribute lists (the count has them all).
MAX_LISTED = 10


def stream_info(session: PlaybackSession) -> dict[str, Any]:
    """One stream as the sensor's attribute and the panel show it: who, what, where, how."""
    return {
        "user": session.user_name or None,
        "title": session.title,
        "device": session.device,
        "client": session.client,
        "play_method": _METHODS.get(session.play_method or ""),
        "paused": session.paused,
        "remote": session.remote,
    }


_METHODS = {"DirectPlay": "direct_play", "DirectStream": "direct_stream", "Transcode": "transcode"}


class SessionsCoordinator(PandoraCoordinator[tuple[PlaybackSession, ...], JellyfinClient]):
    """The playing sessions of one Jellyfin server (its device, its client)."""

    UPDATE_INTERVAL = timedelta(seconds=5)

    def __init__(
        self, hass: HomeAssistant, entry: ConfigEntry, server: JellyfinCoordinator
    ) -> None:
        super().__init__(
            hass,
            entry,
            server.subentry,
            client=server.client,
            name=f"{server.subentry.title} sessions",
        )
        self.server = server
        # A poll that finds the same streams tells no listener (no state written).
        self.always_update = False
        self._readable = True

    @property
    def device_info(self) -> DeviceInfo:
        """The server's device: the sessions' entities are on it."""
        return self.server.device_info

    @property
    def readable(self) -> bool:
        """Whether the last poll read the sessions (if not: entities unavailable, panel null)."""
        return self._readable and self.last_update_success and self.server.last_update_success

    @property
    def streams(self) -> tuple[PlaybackSession, ...]:
        """What plays now (nothing before the first answer or while unreadable)."""
        return self.data or () if self.readable else ()

    async def _async_update_data(self) -> tuple[PlaybackSession, ...]:
        # A failure is the server's news: its coordinator logs it once, raises the repair or
        # starts the reauth. Here it only makes the sessions' entities unavailable (no second
        # log line, no second reauth, no request while the server is known down).
        readable = False
        sessions: tuple[PlaybackSession, ...] = ()
        if self.server.last_update_success:
            try:
                sessions = tuple(await self.client.sessions())
                readable = True
            except PandoraError as err:
                _LOGGER.debug("Cannot read the sessions of %s: %s", self.subentry.title, err)
        if readable != self._readable:
            self._readable = readable
            self.async_update_listeners()
        return sessions
