"""TMDB images through Home Assistant: an authenticated, disk-cached proxy for the panel.

The browser never calls TMDB: websocket answers carry signed `/api/pandora/image/<size>/<file>`
paths instead of TMDB URLs. The proxy only ever fetches from the configured TMDB image base,
by size and file name (both checked), so it cannot be used to reach anything else. Images are
kept under Home Assistant's cache folder, so a poster seen once stays available offline.
"""

from __future__ import annotations

from datetime import timedelta
import logging
import mimetypes
import os
from pathlib import Path
import re
from typing import TYPE_CHECKING, Any, Final

from aiohttp import web

from homeassistant.components.http.auth import async_sign_path
from homeassistant.components.websocket_api.connection import ActiveConnection
from homeassistant.core import HomeAssistant
from homeassistant.helpers.http import HomeAssistantView

from .api.errors import PandoraError
from .api.http import fetch
from .const import DOMAIN

if TYPE_CHECKING:
    from .runtime import PandoraConfigEntry, PandoraRuntime

_LOGGER = logging.getLogger(__name__)

IMAGE_PATH: Final = "/api/pandora/image"
SIZES: Final = frozenset(
    {"w45", "w92", "w154", "w185", "w300", "w342", "w500", "w780", "w1280", "h632", "original"}
)
_FILE: Final = re.compile(r"^[A-Za-z0-9_-]{1,100}\.(?:jpg|jpeg|png|webp|svg)$")
_TMDB_IMAGE: Final = re.compile(r"/(w\d+|h\d+|original)/([A-Za-z0-9_-]{1,100}\.\w{3,4})$")
MAX_IMAGE_BYTES: Final = 10 * 1024 * 1024
SIGNATURE_LIFETIME: Final = timedelta(days=1)
# Images never change at TMDB for a given file name.
CACHE_HEADERS: Final = {"Cache-Control": "private, max-age=31536000, immutable"}


def _tmdb_runtime(hass: HomeAssistant) -> PandoraRuntime | None:
    """The loaded hub's runtime when it has TMDB (images come from there only)."""
    entries: list[PandoraConfigEntry] = hass.config_entries.async_loaded_entries(DOMAIN)
    return next((e.runtime_data for e in entries if e.runtime_data.discovery is not None), None)


def signed_images(hass: HomeAssistant, connection: ActiveConnection, value: Any) -> Any:
    """`value` with every TMDB image URL replaced by a signed proxy path."""
    runtime = _tmdb_runtime(hass)
    if runtime is None or runtime.discovery is None:
        return value
    base = runtime.discovery.tmdb.image_base + "/"

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
        match = _TMDB_IMAGE.search(url)
        if not url.startswith(base) or match is None:
            return url
        signed: str = async_sign_path(
            hass,
            f"{IMAGE_PATH}/{match.group(1)}/{match.group(2)}",
            SIGNATURE_LIFETIME,
            refresh_token_id=connection.refresh_token_id,
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
            _LOGGER.debug("No image %s/%s: %s", size, file, err)
            return None
        return resp.body if resp.status == 200 else None


def _write(path: Path, body: bytes) -> None:
    """Write atomically: a half-written file must never be served."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".part")
    temporary.write_bytes(body)
    os.replace(temporary, path)
