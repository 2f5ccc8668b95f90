"""Stored data that outlives reloads of the hub entry: one copy per Home Assistant run.

Watchlists and requests are people's data. A reload (options or services changed) while an
action awaits TMDB would otherwise let that action write to the old copy, and the new setup
would never see the change; a single shared copy, read once, cannot lose it.
"""

from __future__ import annotations

import asyncio
from typing import Final

from homeassistant.core import HomeAssistant
from homeassistant.util.hass_dict import HassKey

from .hub.stores import read_once
from .requests import RequestQueue
from .watching import Watchlists

DATA_WATCHLISTS: Final[HassKey[asyncio.Task[Watchlists]]] = HassKey("pandora_watchlists")
DATA_REQUESTS: Final[HassKey[asyncio.Task[RequestQueue]]] = HassKey("pandora_requests")


async def async_watchlists(hass: HomeAssistant) -> Watchlists:
    """Everyone's lists and the featured title, read once per run."""
    return await read_once(hass, DATA_WATCHLISTS, lambda: Watchlists(hass), "watchlists")


async def async_requests(hass: HomeAssistant) -> RequestQueue:
    """The household's requests, read once per run (each setup sets their settings)."""
    return await read_once(hass, DATA_REQUESTS, lambda: RequestQueue(hass), "requests")
