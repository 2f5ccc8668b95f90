"""Stored data that outlives reloads of the hub entry: one copy per Home Assistant run.

(`requests.async_requests` and `watching.async_watchlists` read theirs through `read_once`.)

Watchlists and requests are people's data. A reload (options or services changed) while an
action awaits TMDB would otherwise let that action write to the old copy, and the new setup
would never see the change; a single shared copy, read once, cannot lose it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Protocol

from homeassistant.core import HomeAssistant
from homeassistant.util.hass_dict import HassKey


class Loadable(Protocol):
    """A store that reads what was saved (`async_load`) before use."""

    async def async_load(self) -> None:
        """Read what was saved."""


async def read_once[T: Loadable](
    hass: HomeAssistant, key: HassKey[asyncio.Task[T]], make: Callable[[], T], name: str
) -> T:
    """The one copy of a store for this run, read on first use; a failed read is tried again."""
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


async def _loaded[T: Loadable](store: T) -> T:
    await store.async_load()
    return store
