"""Measuring helpers shared by the house benchmarks (bench/house_scale.py).

Figures are CPU time of this thread (`time.thread_time`), not wall time, so that other
processes on a busy machine (and the simulators, in their own processes) do not count; what
the event loop waited on the network is not Pandora's cost either.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
import gc
import statistics
import time
import tracemalloc
from typing import Any


def percentile(values: list[float], pct: float) -> float:
    """The `pct` percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def median(values: list[float]) -> float:
    """The median."""
    return statistics.median(values)


def verdict(ok: bool) -> str:
    """How a target reads in the report."""
    return "met" if ok else "NOT MET"


@dataclass
class LoopProbe:
    """The longest stretch the event loop ran other work without coming back to a 1 ms timer.

    A task wakes every millisecond and notes this thread's CPU time; the CPU spent between two
    wake-ups is what every other callback and task step in between cost. Its maximum is the
    longest the loop was blocked (measured in CPU, so preemption by other processes on a busy
    machine is not counted).
    """

    gaps_ms: list[float] = field(default_factory=list)
    _task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        last = time.thread_time()
        while True:
            await asyncio.sleep(0.001)
            now = time.thread_time()
            self.gaps_ms.append((now - last) * 1000)
            last = now

    def start(self) -> None:
        """Start ticking (inside a running loop)."""
        self.gaps_ms.clear()
        self._task = asyncio.get_running_loop().create_task(self._tick())

    async def stop(self) -> float:
        """Stop; the longest blocking stretch in ms."""
        assert self._task is not None
        self._task.cancel()
        with suppress(asyncio.CancelledError):
            await self._task
        return max(self.gaps_ms, default=0.0)


@dataclass
class Cost:
    """One measured run: CPU of this thread, wall time, the longest loop block."""

    cpu_ms: float
    wall_ms: float
    block_ms: float
    result: Any = None


async def measure(work: Callable[[], Awaitable[Any]]) -> Cost:
    """Run `work` once in the loop with a LoopProbe beside it."""
    probe = LoopProbe()
    probe.start()
    await asyncio.sleep(0.002)  # let the probe take its first reading
    cpu, wall = time.thread_time(), time.perf_counter()
    result = await work()
    cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
    block = await probe.stop()
    return Cost(cpu * 1000, wall * 1000, block, result)


def cpu_us(call: Callable[[], Any], repeat: int) -> float:
    """Mean CPU time of a synchronous call, in microseconds."""
    start = time.thread_time()
    for _ in range(repeat):
        call()
    return (time.thread_time() - start) / repeat * 1e6


@contextmanager
def retained_bytes() -> Iterator[list[int]]:
    """Bytes still allocated at the end of the block (what it built and kept), via tracemalloc.

    Yields a list that holds the figure afterwards; tracemalloc slows the block down, so time
    is never measured inside it.
    """
    out: list[int] = []
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    try:
        yield out
    finally:
        gc.collect()
        out.append(tracemalloc.get_traced_memory()[0] - before)
        tracemalloc.stop()
