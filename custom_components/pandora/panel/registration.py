"""The sidebar panel and the Lovelace cards: their static bundles and registration.

The bundles are served once per process (aiohttp routes cannot be removed); the panel and the
cards' module are added while the hub is loaded and removed when it is unloaded.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Final

from homeassistant.components import frontend, panel_custom
from homeassistant.components.http.server import StaticPathConfig
from homeassistant.core import HomeAssistant

from ..const import DOMAIN, PANEL_URL_PATH

STATIC_URL: Final = "/pandora_static"
FRONTEND_DIR: Final = Path(__file__).parent.parent / "frontend"
PANEL_FILE: Final = "pandora-panel.js"
CARDS_FILE: Final = "pandora-cards.js"  # Lovelace cards, loaded on every dashboard
_CARDS_URL: Final = f"{DOMAIN}_cards_url"
PANEL_ELEMENT: Final = "pandora-panel"
_STATIC_REGISTERED: Final = f"{DOMAIN}_static_registered"


def _version(path: Path) -> str:
    """A short content hash: cache-busts the module URL exactly when the bundle changes."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except OSError:
        return "missing"


async def async_register_panel(hass: HomeAssistant) -> None:
    """Serve the bundle (aiohttp routes cannot be removed: once per process) and add the panel."""
    if not hass.data.get(_STATIC_REGISTERED):
        await hass.http.async_register_static_paths(
            [StaticPathConfig(STATIC_URL, str(FRONTEND_DIR), cache_headers=True)]
        )
        hass.data[_STATIC_REGISTERED] = True
    cards = await hass.async_add_executor_job(_version, FRONTEND_DIR / CARDS_FILE)
    version = await hass.async_add_executor_job(_version, FRONTEND_DIR / PANEL_FILE)
    # Without the bundle (a broken install) every dashboard would log a 404: leave it out.
    if not hass.data.get(_CARDS_URL) and cards != "missing":
        # `panel=`: on the panel's page the cards module starts loading the panel right away,
        # beside Home Assistant's own start-up (frontend/src/preload.ts).
        hass.data[_CARDS_URL] = f"{STATIC_URL}/{CARDS_FILE}?v={cards}&panel={version}"
        frontend.add_extra_js_url(hass, hass.data[_CARDS_URL])
    if PANEL_URL_PATH in hass.data.get(frontend.DATA_PANELS, {}):
        return
    await panel_custom.async_register_panel(
        hass,
        frontend_url_path=PANEL_URL_PATH,
        webcomponent_name=PANEL_ELEMENT,
        sidebar_title="Pandora",
        sidebar_icon="mdi:movie-open-play-outline",
        module_url=f"{STATIC_URL}/{PANEL_FILE}?v={version}",
        embed_iframe=False,
        require_admin=False,
        # No config_panel_domain: it would make the hub's gear on the integration page open this
        # panel and hide the options flow (Configure). The sidebar and the requests device's
        # "Visit" link lead here instead.
    )


def async_remove_panel(hass: HomeAssistant) -> None:
    """Take the panel out of the sidebar and the cards off dashboards (the entry was unloaded)."""
    frontend.async_remove_panel(hass, PANEL_URL_PATH, warn_if_unknown=False)
    if url := hass.data.pop(_CARDS_URL, None):
        frontend.remove_extra_js_url(hass, url)
