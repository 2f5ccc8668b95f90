"""The benchmark's reference: Home Assistant core's `qbittorrent` approach, against the simulator.

Core's integration (homeassistant/components/qbittorrent) needs `qbittorrent-api`, which this
environment does not install; this is its approach in a few lines, so `bench/ha_scale.py` can
measure it beside Pandora in the same Home Assistant: every poll a full `sync/maindata` (no
`rid`, as core's `client.sync_maindata()`), fetched and decoded in an executor thread (core
uses `requests` there), then sensors that count torrents per state by walking every torrent.
It polls every 5 s, as Pandora does, so the two cost figures are per poll of the same data.
"""

from __future__ import annotations

from datetime import timedelta
import http.cookiejar
import json
import logging
from typing import Any
import urllib.parse
import urllib.request

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

DOMAIN = "reference_qbittorrent"
_LOGGER = logging.getLogger(__name__)


class ReferenceClient:
    """A blocking Web API client, as `qbittorrent-api` is (cookie session, JSON decoded)."""

    def __init__(self, url: str, username: str, password: str) -> None:
        self.url = url.rstrip("/")
        self.credentials = {"username": username, "password": password}
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def login(self) -> None:
        data = urllib.parse.urlencode(self.credentials).encode()
        with self.opener.open(f"{self.url}/api/v2/auth/login", data, timeout=30) as resp:
            resp.read()

    def sync_maindata(self) -> dict[str, Any]:
        with self.opener.open(f"{self.url}/api/v2/sync/maindata", timeout=60) as resp:
            return dict(json.loads(resp.read()))


class ReferenceCoordinator(DataUpdateCoordinator[dict[str, Any]]):
    """Full `sync/maindata` every poll."""

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry, client: ReferenceClient) -> None:
        super().__init__(
            hass,
            _LOGGER,
            config_entry=entry,
            name=DOMAIN,
            update_interval=timedelta(seconds=5),
        )
        self.client = client

    async def _async_update_data(self) -> dict[str, Any]:
        return await self.hass.async_add_executor_job(self.client.sync_maindata)


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Log in, first refresh, sensors."""
    data = entry.data
    # Made in the executor: building an opener loads the SSL context (a blocking call).
    client = await hass.async_add_executor_job(
        ReferenceClient, data["url"], data["username"], data["password"]
    )
    await hass.async_add_executor_job(client.login)
    coordinator = ReferenceCoordinator(hass, entry, client)
    await coordinator.async_config_entry_first_refresh()
    entry.runtime_data = coordinator
    await hass.config_entries.async_forward_entry_setups(entry, [Platform.SENSOR])
    return True


async def async_unload_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Unload the sensors."""
    return await hass.config_entries.async_unload_platforms(entry, [Platform.SENSOR])
