"""TMDB images through Home Assistant: an authenticated, disk-cached proxy for the panel.

The browser never calls TMDB: websocket answers carry signed `/api/pandora/image/<size>/<file>`
paths instead of TMDB URLs. The proxy only ever fetches from the configured TMDB image base,
by size and file name (both checked), so it cannot be used to reach anything else. Images are
kept under Home Assistant's cache folder, so a poster seen once stays available offline.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
import logging
import mimetypes
import os
from pathlib import Path
import re
import tempfile
from typing import TYPE_CHECKING, Any, Final

from aiohttp import web

from homeassistant.components.http.auth import async_sign_path
from homeassistant.components.websocket_api.connection import ActiveConnection
from homeassistant.core import HomeAssistant
from homeassistant.helpers.http import HomeAssistantView

from ..api.errors import PandoraError
from ..api.http import fetch
from ..const import DOMAIN
from ..hub.errors import safe_text
from ..library import jellyfin_servers

if TYPE_CHECKING:
    from ..runtime import PandoraConfigEntry, PandoraRuntime

_LOGGER = logging.getLogger(__name__)

IMAGE_PATH: Final = "/api/pandora/image"
JELLYFIN_IMAGE_PATH: Final = "/api/pandora/jellyfin_image"
JELLYFIN_MARK: Final = "jellyfin-image:"
JELLYFIN_KINDS: Final = frozenset({"Primary", "Backdrop", "Thumb"})
_JELLYFIN_ID: Final = re.compile(r"^[0-9a-f]{32}$")
JELLYFIN_MAX_WIDTH: Final = {"Primary": 500, "Backdrop": 1280, "Thumb": 780}
# Served from Home Assistant's origin: an image opened on its own (an SVG can hold a script)
# must not run anything there, and the browser must not guess another type.
SAFE_HEADERS: Final = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
}
JELLYFIN_TYPES: Final = frozenset(
    {"image/jpeg", "image/png", "image/webp", "image/gif", "image/avif", "image/svg+xml"}
)
# Jellyfin artwork can be replaced (a metadata refresh): cached a day, not forever.
JELLYFIN_CACHE_HEADERS: Final = {"Cache-Control": "private, max-age=86400"} | SAFE_HEADERS
SIZES: Final = frozenset(
    {"w45", "w92", "w154", "w185", "w300", "w342", "w500", "w780", "w1280", "h632", "original"}
)
_FILE: Final = re.compile(r"^[A-Za-z0-9_-]{1,100}\.(?:jpg|jpeg|png|webp|svg)$")
_TMDB_IMAGE: Final = re.compile(r"/(w\d+|h\d+|original)/([A-Za-z0-9_-]{1,100}\.\w{3,4})$")
MAX_IMAGE_BYTES: Final = 10 * 1024 * 1024
SIGNATURE_LIFETIME: Final = timedelta(days=1)
# Images never change at TMDB for a given file name.
CACHE_HEADERS: Final = {"Cache-Control": "private, max-age=31536000, immutable"} | SAFE_HEADERS


def _tmdb_runtime(hass: HomeAssistant) -> PandoraRuntime | None:
    """The loaded hub's runtime when it has TMDB (images come from there only)."""
    entries: list[PandoraConfigEntry] = hass.config_entries.async_loaded_entries(DOMAIN)
    return next((e.runtime_data for e in entries if e.runtime_data.discovery is not None), None)


def jellyfin_image(instance: str, item_id: str, kind: str) -> str:
    """A Jellyfin item's image as a marker `signed_images` turns into a signed proxy path."""
    return f"{JELLYFIN_MARK}{instance}/{item_id}/{kind}"


def signed_images(hass: HomeAssistant, connection: ActiveConnection, value: Any) -> Any:
    """`value` with every TMDB image URL and Jellyfin image marker replaced by a signed path."""
    runtime = _tmdb_runtime(hass)
    base = runtime.discovery.tmdb.image_base + "/" if runtime and runtime.discovery else None

    def walk(item: Any) -> Any:
        if isinstance(item, dict):
            return {
                key: sign(val) if key.endswith("_url") and isinstance(val, str) else walk(val)
                for key, val in item.items()
            }
        if isinstance(item, list):
            return [walk(i) for i in item]
        return item

    def sign(url: str) -> str:
        if url.startswith(JELLYFIN_MARK):
            path = f"{JELLYFIN_IMAGE_PATH}/{url.removeprefix(JELLYFIN_MARK)}"
        elif base is not None and url.startswith(base) and (match := _TMDB_IMAGE.search(url)):
            path = f"{IMAGE_PATH}/{match.group(1)}/{match.group(2)}"
        else:
            return url
        signed: str = async_sign_path(
            hass, path, SIGNATURE_LIFETIME, refresh_token_id=connection.refresh_token_id
        )
        return signed

    return walk(value)


class ImageView(HomeAssistantView):
    """`GET /api/pandora/image/<size>/<file>`: a TMDB image, from the cache or fetched once."""

    url = IMAGE_PATH + "/{size}/{file}"
    name = "api:pandora:image"
    requires_auth = True

    def __init__(self, hass: HomeAssistant) -> None:
        self.hass = hass
        self.folder = Path(hass.config.cache_path(DOMAIN, "images"))

    async def get(self, request: web.Request, size: str, file: str) -> web.StreamResponse:
        """Serve one image."""
        if size not in SIZES or not _FILE.fullmatch(file):
            return web.Response(status=404)
        path = self.folder / size / file
        if await self.hass.async_add_executor_job(path.is_file):
            return web.FileResponse(path, headers=CACHE_HEADERS)
        body = await self._fetch(size, file)
        if body is None:
            return web.Response(status=404)
        await self.hass.async_add_executor_job(_write, path, body)
        content_type = mimetypes.guess_type(file)[0] or "application/octet-stream"
        return web.Response(body=body, content_type=content_type, headers=CACHE_HEADERS)

    async def _fetch(self, size: str, file: str) -> bytes | None:
        runtime = _tmdb_runtime(self.hass)
        if runtime is None or runtime.discovery is None:
            return None
        tmdb = runtime.discovery.tmdb
        try:
            if tmdb.images is None and tmdb.image_base_url is None:
                await tmdb.configuration()  # where this account's images live
            url = f"{tmdb.image_base}/{size}/{file}"
            resp = await fetch(runtime.session, "GET", url, max_bytes=MAX_IMAGE_BYTES)
        except PandoraError as err:
            _LOGGER.debug("No image %s/%s: %s", size, file, safe_text(err))
            return None
        return resp.body if resp.status == 200 else None


class JellyfinImageView(HomeAssistantView):
    """`GET /api/pandora/jellyfin_image/<server>/<item>/<kind>`: a Jellyfin item's artwork.

    The browser never holds the Jellyfin key; only configured servers, item ids and the three
    artwork kinds are accepted.
    """

    url = JELLYFIN_IMAGE_PATH + "/{instance}/{item_id}/{kind}"
    name = "api:pandora:jellyfin_image"
    requires_auth = True

    def __init__(self, hass: HomeAssistant) -> None:
        self.hass = hass

    async def get(
        self, request: web.Request, instance: str, item_id: str, kind: str
    ) -> web.StreamResponse:
        """Serve one image, fetched from the server that holds the item."""
        if kind not in JELLYFIN_KINDS or not _JELLYFIN_ID.fullmatch(item_id):
            return web.Response(status=404)
        coordinator = jellyfin_servers(self.hass).get(instance)
        if coordinator is None:
            return web.Response(status=404)
        try:
            body, content_type = await coordinator.client.image(
                item_id, kind, JELLYFIN_MAX_WIDTH[kind]
            )
        except PandoraError as err:
            _LOGGER.debug("No Jellyfin image %s/%s: %s", item_id, kind, safe_text(err))
            return web.Response(status=404)
        mime = content_type.split(";")[0].strip().lower()
        if mime not in JELLYFIN_TYPES:
            _LOGGER.debug("Jellyfin image %s/%s is %s, not served", item_id, kind, mime)
            return web.Response(status=404)
        return web.Response(body=body, content_type=mime, headers=JELLYFIN_CACHE_HEADERS)


def _write(path: Path, body: bytes) -> None:
    """Write atomically: a half-written file must never be served.

    Each write has a temporary name of its own: two first fetches of one image (the panel
    asks twice when a signed link changes) must not rename each other's file away.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(body)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
