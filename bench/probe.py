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


class GcClock:
    """CPU spent in the cyclic garbage collector, and how long each full collection took.

    A full (generation 2) collection traverses every tracked object of the process: its
    length is the whole process's, not the code that happened to trigger it. It is reported
    apart, and the blocks are also given without it.
    """

    def __init__(self) -> None:
        """Not listening until `start`."""
        self.cpu = 0.0  # seconds, all generations
        self.full_ms: list[float] = []
        self._began = 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.thread_time()
            return
        spent = time.thread_time() - self._began
        self.cpu += spent
        if info["generation"] == 2:
            self.full_ms.append(spent * 1000)

    def start(self) -> None:
        """Listen to the collector."""
        gc.callbacks.append(self._callback)

    def stop(self) -> None:
        """Stop listening."""
        gc.callbacks.remove(self._callback)


@dataclass
class LoopProbe:
    """The longest stretch the event loop ran other work without coming back to a 1 ms timer.

    A task wakes every millisecond and notes this thread's CPU time; the CPU spent between two
    wake-ups is what every other callback and task step in between cost. Its maximum is the
    longest the loop was blocked (measured in CPU, so preemption by other processes on a busy
    machine is not counted); `own_ms` is the same without the garbage collector's time.
    """

    gaps_ms: list[float] = field(default_factory=list)
    own_ms: list[float] = field(default_factory=list)
    gc: GcClock = field(default_factory=GcClock)
    _task: asyncio.Task[None] | None = None
    _ticked: asyncio.Event = field(default_factory=asyncio.Event)

    async def _tick(self) -> None:
        last, last_gc = time.thread_time(), self.gc.cpu
        while True:
            await asyncio.sleep(0.001)
            now, now_gc = time.thread_time(), self.gc.cpu
            self.gaps_ms.append((now - last) * 1000)
            self.own_ms.append((now - last - (now_gc - last_gc)) * 1000)
            last, last_gc = now, now_gc
            self._ticked.set()

    def start(self) -> None:
        """Start ticking (inside a running loop)."""
        self.gaps_ms.clear()
        self.own_ms.clear()
        self.gc.start()
        self._task = asyncio.get_running_loop().create_task(self._tick())

    async def stop(self) -> float:
        """Stop; the longest blocking stretch in ms."""
        assert self._task is not None
        # One more tick, so the stretch since the last one (the work's last step) counts.
        self._ticked.clear()
        await self._ticked.wait()
        self._task.cancel()
        with suppress(asyncio.CancelledError):
            await self._task
        self.gc.stop()
        return max(self.gaps_ms, default=0.0)


@dataclass
class Cost:
    """One measured run.

    CPU of this thread, wall time, the longest loop block (with and without garbage
    collection) and the full collections that ran.
    """

    cpu_ms: float
    wall_ms: float
    block_ms: float
    own_block_ms: float = 0.0
    full_gc_ms: list[float] = field(default_factory=list)
    result: Any = None
    gc_ms: float = 0.0  # CPU the garbage collector took (every generation)

    @property
    def own_cpu_ms(self) -> float:
        """CPU without the garbage collector's."""
        return self.cpu_ms - self.gc_ms


async def measure(work: Callable[[], Awaitable[Any]]) -> Cost:
    """Run `work` once in the loop with a LoopProbe beside it."""
    probe = LoopProbe()
    probe.start()
    await asyncio.sleep(0.002)  # let the probe take its first reading
    cpu, wall = time.thread_time(), time.perf_counter()
    result = await work()
    cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
    block = await probe.stop()
    own = max(probe.own_ms, default=0.0)
    gc_ms = probe.gc.cpu * 1000
    return Cost(cpu * 1000, wall * 1000, block, own, list(probe.gc.full_ms), result, gc_ms)


async def tracked_objects(build: Callable[[], Awaitable[Any]]) -> tuple[Any, int]:
    """What `build()` returns, and how many objects it added that the collector tracks."""
    gc.collect()
    before = len(gc.get_objects())
    kept = await build()
    gc.collect()  # a collection untracks the tuples that hold plain values only
    return kept, len(gc.get_objects()) - before


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
