"""An asyncio token bucket for outbound request rates (e.g. TMDB's ~50 requests/second)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
import time


@dataclass
class RateLimiter:
    """Allow `rate` acquisitions per second with bursts of up to `burst`.

    `pause(seconds)` stops everyone for a while (a 429 with Retry-After).
    """

    rate: float
    burst: int
    _tokens: float = field(init=False)
    _updated: float = field(init=False, default_factory=time.monotonic)
    _paused_until: float = field(init=False, default=0.0)
    _lock: asyncio.Lock = field(init=False, default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        self._tokens = float(self.burst)

    async def acquire(self) -> None:
        """Wait for a token (FIFO among waiters)."""
        async with self._lock:
            while True:
                now = time.monotonic()
                if now < self._paused_until:
                    await asyncio.sleep(self._paused_until - now)
                    continue
                self._tokens = min(self.burst, self._tokens + (now - self._updated) * self.rate)
                self._updated = now
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                await asyncio.sleep((1 - self._tokens) / self.rate)

    def pause(self, seconds: float) -> None:
        """Hold every request for `seconds` (the service said so)."""
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)
        self._tokens = 0
