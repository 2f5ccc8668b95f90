"""Jellyfin videos through Home Assistant, so no player or browser ever holds the Jellyfin key.

The media source resolves an item to `/api/pandora/jellyfin_stream/<server>/<item>`; Home
Assistant signs that path for the player (`authSig`, tied to whoever asked), the player asks
Home Assistant, and this view relays Jellyfin's static stream with the key in a header. Ranges
pass through both ways, so players seek as they would against Jellyfin.

Whoever the request is signed for (or logged in as) must be able to watch the item as their own
Jellyfin user (the server's Users mapping, see resolve_watcher): someone who watches as nobody
(mapped so, or unmapped without a Jellyfin user of their name), or as a Jellyfin user without
access to that library, gets nothing. Home Assistant itself (automations) watches as the first
Jellyfin administrator.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Final

import aiohttp
from aiohttp import hdrs, web

from homeassistant.auth.models import User
from homeassistant.components.http.const import KEY_HASS_USER
from homeassistant.core import HomeAssistant
from homeassistant.helpers.http import HomeAssistantView

from ..api.errors import NotFound, PandoraError
from ..hub.errors import safe_text
from .coordinator import JellyfinCoordinator, jellyfin_servers

_LOGGER = logging.getLogger(__name__)

STREAM_PATH: Final = "/api/pandora/jellyfin_stream"
_ITEM_ID: Final = re.compile(r"^[0-9a-f]{32}$")
CHUNK: Final = 256 * 1024
# What can be played: a movie, an episode, a plain video (not a series, season or folder).
PLAYABLE: Final = frozenset({"Movie", "Episode", "Video", "MusicVideo"})
# A player seeks with many requests: who may watch what is asked of Jellyfin this seldom.
ACCESS_TTL: Final = 300.0
# What a player needs from Jellyfin's answer to play and seek; nothing else is relayed.
RELAYED: Final = (
    hdrs.CONTENT_LENGTH,
    hdrs.CONTENT_RANGE,
    hdrs.ACCEPT_RANGES,
    hdrs.LAST_MODIFIED,
    hdrs.ETAG,
)
# The file is served from Home Assistant's origin: opened on its own it may run nothing
# (the browser's media viewer still plays it).
SAFE_HEADERS: Final = {
    hdrs.CACHE_CONTROL: "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox",
}


def stream_path(instance: str, item_id: str) -> str:
    """Where a player fetches a Jellyfin item (relative: Home Assistant signs and completes it)."""
    return f"{STREAM_PATH}/{instance}/{item_id}"


def watcher_id(user: User | None) -> str | None:
    """The Home Assistant user whose Jellyfin mapping applies (None: Home Assistant itself)."""
    return None if user is None or user.system_generated else user.id


class JellyfinStreamView(HomeAssistantView):
    """`GET|HEAD /api/pandora/jellyfin_stream/<server>/<item>`: the file, as Jellyfin sends it."""

    url = STREAM_PATH + "/{instance}/{item_id}"
    name = "api:pandora:jellyfin_stream"
    requires_auth = True

    def __init__(self, hass: HomeAssistant) -> None:
        self.hass = hass
        # (server, Jellyfin user, item) -> until when the answer holds, and whether it may play.
        self._access: dict[tuple[str, str, str], tuple[float, bool]] = {}

    async def get(self, request: web.Request, instance: str, item_id: str) -> web.StreamResponse:
        """Relay one (ranged) read of the file."""
        return await self._relay(request, instance, item_id)

    async def head(self, request: web.Request, instance: str, item_id: str) -> web.StreamResponse:
        """What a GET would send, without the body (players probe with it)."""
        return await self._relay(request, instance, item_id)

    async def _relay(self, request: web.Request, instance: str, item_id: str) -> web.StreamResponse:
        coordinator = jellyfin_servers(self.hass).get(instance)
        if coordinator is None or not _ITEM_ID.fullmatch(item_id):
            return web.Response(status=404)
        try:
            status = await self._may_watch(
                coordinator, watcher_id(request.get(KEY_HASS_USER)), item_id
            )
            if status != 200:
                return web.Response(status=status)
            async with coordinator.client.stream(
                item_id, byte_range=request.headers.get(hdrs.RANGE), method=request.method
            ) as upstream:
                return await _copy(request, upstream, item_id)
        except NotFound:
            return web.Response(status=404)
        except PandoraError as err:
            _LOGGER.debug(
                "No stream of %s from %s: %s", item_id, coordinator.subentry.title, safe_text(err)
            )
            return web.Response(status=502)

    async def _may_watch(
        self, coordinator: JellyfinCoordinator, ha_user: str | None, item_id: str
    ) -> int:
        """200 when the person's Jellyfin user can play the item, else the status to answer."""
        user = await coordinator.async_jellyfin_user(ha_user)
        if user is None:
            return 403
        key = (coordinator.subentry.subentry_id, user.id, item_id)
        now = time.monotonic()
        known = self._access.get(key)
        if known is None or known[0] < now:
            try:
                item = await coordinator.client.user_item(user.id, item_id)
            except NotFound:  # not there, or not in this user's libraries
                playable = False
            else:
                playable = item.type in PLAYABLE
            self._access = {k: v for k, v in self._access.items() if v[0] >= now}
            known = self._access[key] = (now + ACCESS_TTL, playable)
        return 200 if known[1] else 404


async def _copy(
    request: web.Request, upstream: aiohttp.ClientResponse, item_id: str
) -> web.StreamResponse:
    """Jellyfin's answer to the player: status, the headers a player needs, the body."""
    response = web.StreamResponse(status=upstream.status, headers=SAFE_HEADERS)
    for name in RELAYED:
        if name in upstream.headers:
            response.headers[name] = upstream.headers[name]
    kind = upstream.headers.get(hdrs.CONTENT_TYPE, "").split(";")[0].strip().lower()
    response.content_type = (
        kind if kind.startswith(("video/", "audio/")) else "application/octet-stream"
    )
    try:
        await response.prepare(request)
        if request.method != hdrs.METH_HEAD:
            async for chunk in upstream.content.iter_chunked(CHUNK):
                await response.write(chunk)
        await response.write_eof()
    except (aiohttp.ClientError, TimeoutError, ConnectionError) as err:
        # Jellyfin stopped mid-file, or the player hung up (seeking does). The length was
        # promised: only closing the connection tells the player.
        _LOGGER.debug("Stream of %s ended early: %s", item_id, safe_text(err))
        if request.transport is not None:
            request.transport.close()
    return response


# Jellyfin's Container -> the MIME type players are told (what the static stream sends).
CONTAINER_MIME = {
    "mkv": "video/x-matroska",
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "mov": "video/quicktime",
    "webm": "video/webm",
    "avi": "video/x-msvideo",
    "ts": "video/mp2t",
    "m2ts": "video/mp2t",
    "mpg": "video/mpeg",
    "mpeg": "video/mpeg",
    "wmv": "video/x-ms-wmv",
    "ogv": "video/ogg",
}
DEFAULT_MIME = "video/mp4"


def mime_type(container: str | None) -> str:
    """The MIME type of a static stream of this container (the first of a list)."""
    first = (container or "").split(",")[0].strip().lower()
    return CONTAINER_MIME.get(first, DEFAULT_MIME)
