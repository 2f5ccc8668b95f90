"""Jellyfin videos through Home Assistant, so no player or browser ever holds the Jellyfin key.

The media source resolves an item to `/api/pandora/jellyfin_stream/<server>/<item>`; a media
player integration signs that path for the device (Home Assistant's `authSig`), the device asks
Home Assistant, and this view relays Jellyfin's static stream with the key in a header. Ranges
pass through both ways, so players seek as they would against Jellyfin.
"""

from __future__ import annotations

import logging
import re
from typing import Final

import aiohttp
from aiohttp import hdrs, web

from homeassistant.helpers.http import HomeAssistantView

from .api.errors import NotFound, PandoraError
from .runtime import jellyfin_servers

_LOGGER = logging.getLogger(__name__)

STREAM_PATH: Final = "/api/pandora/jellyfin_stream"
_ITEM_ID: Final = re.compile(r"^[0-9a-f]{32}$")
CHUNK: Final = 256 * 1024
# What a player needs from Jellyfin's answer to play and seek; nothing else is relayed.
RELAYED: Final = (
    hdrs.CONTENT_TYPE,
    hdrs.CONTENT_LENGTH,
    hdrs.CONTENT_RANGE,
    hdrs.ACCEPT_RANGES,
    hdrs.LAST_MODIFIED,
    hdrs.ETAG,
)


def stream_path(instance: str, item_id: str) -> str:
    """Where a player fetches a Jellyfin item (relative: Home Assistant signs and completes it)."""
    return f"{STREAM_PATH}/{instance}/{item_id}"


class JellyfinStreamView(HomeAssistantView):
    """`GET /api/pandora/jellyfin_stream/<server>/<item>`: the item's file, as Jellyfin sends it.

    Any signed-in Home Assistant user (or a signed path handed to a player) may fetch it: the
    path only names a configured server and an item id.
    """

    url = STREAM_PATH + "/{instance}/{item_id}"
    name = "api:pandora:jellyfin_stream"
    requires_auth = True

    async def get(self, request: web.Request, instance: str, item_id: str) -> web.StreamResponse:
        """Relay one (ranged) read of the file."""
        coordinator = jellyfin_servers(request.app["hass"]).get(instance)
        if coordinator is None or not _ITEM_ID.fullmatch(item_id):
            return web.Response(status=404)
        try:
            async with coordinator.client.stream(
                item_id, byte_range=request.headers.get(hdrs.RANGE)
            ) as upstream:
                response = web.StreamResponse(status=upstream.status)
                for name in RELAYED:
                    if name in upstream.headers:
                        response.headers[name] = upstream.headers[name]
                response.headers[hdrs.CACHE_CONTROL] = "private, no-store"
                response.headers["X-Content-Type-Options"] = "nosniff"
                await response.prepare(request)
                try:
                    async for chunk in upstream.content.iter_chunked(CHUNK):
                        await response.write(chunk)
                except (aiohttp.ClientError, TimeoutError, ConnectionError) as err:
                    # Jellyfin stopped mid-file, or the player hung up (seeking does). The
                    # length was promised: only closing the connection tells the player.
                    _LOGGER.debug("Stream of %s ended early: %s", item_id, err)
                    if request.transport is not None:
                        request.transport.close()
                    return response
                await response.write_eof()
                return response
        except NotFound:
            return web.Response(status=404)
        except PandoraError as err:
            _LOGGER.debug("No stream of %s from %s: %s", item_id, coordinator.subentry.title, err)
            return web.Response(status=502)
