"""Stored data that outlives reloads of the hub entry: one copy per Home Assistant run.

Watchlists and requests are people's data. A reload (options or services changed) while an
action awaits TMDB would otherwise let that action write to the old copy, and the new setup
would never see the change; a single shared copy, read once, cannot lose it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Final

from homeassistant.core import HomeAssistant
from homeassistant.util.hass_dict import HassKey

from .requests import RequestQueue
from .watchlist import Watchlists

DATA_WATCHLISTS: Final[HassKey[asyncio.Task[Watchlists]]] = HassKey("pandora_watchlists")
DATA_REQUESTS: Final[HassKey[asyncio.Task[RequestQueue]]] = HassKey("pandora_requests")


async def async_watchlists(hass: HomeAssistant) -> Watchlists:
    """Everyone's lists and the featured title, read once per run."""
    return await _read_once(hass, DATA_WATCHLISTS, lambda: Watchlists(hass), "watchlists")


async def async_requests(hass: HomeAssistant) -> RequestQueue:
    """The household's requests, read once per run (each setup sets their settings)."""
    return await _read_once(hass, DATA_REQUESTS, lambda: RequestQueue(hass), "requests")


async def _read_once[T: Watchlists | RequestQueue](
    hass: HomeAssistant, key: HassKey[asyncio.Task[T]], make: Callable[[], T], name: str
) -> T:
    task = hass.data.get(key)
    if task is None:
        task = hass.data[key] = hass.async_create_task(
            _loaded(make()), f"pandora {name}", eager_start=True
        )
    try:
        # Shielded: a setup cancelled while waiting must not cancel the read for everyone.
        return await asyncio.shield(task)
    except BaseException:
        failed = task.done() and (task.cancelled() or task.exception() is not None)
        if failed and hass.data.get(key) is task:
            hass.data.pop(key)  # read again next time
        raise


async def _loaded[T: Watchlists | RequestQueue](store: T) -> T:
    await store.async_load()
    return store
