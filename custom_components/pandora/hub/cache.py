"""A TTL cache of JSON-ready answers, persisted with `Store` so a restart does not refetch.

TMDB and Watchmode answers change slowly and Watchmode counts every call against a monthly
quota, so Pandora keeps their (already converted) answers for hours. Concurrent requests for the
same key share one fetch. Entries past their TTL are dropped on read and on save; the oldest go
first when the cache is full.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
import time
from typing import Any, cast

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.storage import Store

from ..const import DOMAIN

STORAGE_VERSION = 1
SAVE_DELAY = 30.0
MAX_ENTRIES = 3000

type Json = dict[str, Any] | list[Any] | str | int | float | bool | None


@dataclass(slots=True)
class _Entry:
    value: Json
    expires: float  # time.time() based: survives restarts


class ResponseCache:
    """Keyed JSON values with per-entry expiry, shared by the discovery actions."""

    def __init__(
        self,
        hass: HomeAssistant | None,
        key: str = f"{DOMAIN}.cache",
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        """Create an empty cache; call `async_load` before use (no `hass`: memory only)."""
        self._store: Store[dict[str, Any]] | None = (
            Store(hass, STORAGE_VERSION, key) if hass is not None else None
        )
        self._entries: dict[str, _Entry] = {}
        self._pending: dict[str, asyncio.Future[Json]] = {}
        self._max_entries = max_entries
        self.hits = 0
        self.misses = 0

    async def async_load(self) -> None:
        """Read what the previous run kept (expired entries are skipped)."""
        data = (await self._store.async_load() if self._store else None) or {}
        now = time.time()
        for key, raw in (data.get("entries") or {}).items():
            if isinstance(raw, dict) and float(raw.get("expires", 0)) > now:
                self._entries[key] = _Entry(raw.get("value"), float(raw["expires"]))

    async def async_flush(self) -> None:
        """Write now (on unload)."""
        if self._store is not None:
            await self._store.async_save(self._data())

    def __len__(self) -> int:
        """Live entries, counting ones not yet found expired."""
        return len(self._entries)

    def get(self, key: str) -> Json:
        """The cached value, or None when absent or expired."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry.expires <= time.time():
            del self._entries[key]
            return None
        return entry.value

    @callback
    def set(self, key: str, value: Json, ttl: float) -> None:
        """Keep `value` for `ttl` seconds (and persist it soon)."""
        self._entries.pop(key, None)  # re-insert: dict order is the eviction order
        self._entries[key] = _Entry(value, time.time() + ttl)
        while len(self._entries) > self._max_entries:
            del self._entries[next(iter(self._entries))]
        self._schedule_save()

    @callback
    def invalidate(self, prefix: str = "") -> None:
        """Forget every key starting with `prefix` (all, by default)."""
        for key in [k for k in self._entries if k.startswith(prefix)]:
            del self._entries[key]
        self._schedule_save()

    async def get_or_fetch[T: Json](
        self, key: str, ttl: float, fetch: Callable[[], Awaitable[T]]
    ) -> T:
        """The cached value, or the result of one `fetch()` shared by concurrent callers."""
        if (entry := self._entries.get(key)) is not None and entry.expires > time.time():
            self.hits += 1
            return cast(T, entry.value)
        if (pending := self._pending.get(key)) is not None:
            self.hits += 1
            return cast(T, await asyncio.shield(pending))
        self.misses += 1
        future: asyncio.Future[Json] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            value = await fetch()
        except asyncio.CancelledError:
            future.cancel()
            raise
        except Exception as err:
            future.set_exception(err)
            future.exception()  # retrieved: waiters re-raise it, nobody logs it as unhandled
            raise
        else:
            future.set_result(value)
            self.set(key, value, ttl)
            return value
        finally:
            del self._pending[key]

    def _schedule_save(self) -> None:
        if self._store is not None:
            self._store.async_delay_save(self._data, SAVE_DELAY)

    def _data(self) -> dict[str, Any]:
        now = time.time()
        return {
            "entries": {
                key: {"value": entry.value, "expires": entry.expires}
                for key, entry in self._entries.items()
                if entry.expires > now
            }
        }
