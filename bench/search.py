"""Search latency: cached vs uncached title search, and Jackett's indexer fan-out.

The TMDB and Jackett simulators run on 127.0.0.1 in a second thread with their own event loop,
so the measured loop only does Pandora's work. Figures printed:
- `search_media` through Pandora's discovery layer: first (uncached) and repeated (cached) calls,
  median and p95 wall time;
- a Jackett search over 5 indexers each delayed 200 ms: wall time of the concurrent fan-out
  (target under 300 ms: about the slowest indexer, never the 1 s sum), and of 5 Jackett servers
  searched at once through `ReleaseSearch`.

    .venv/bin/python -m bench.search [--rounds 30] [--check]
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable, Iterator
import contextlib
import statistics
import sys
import threading
import time
from typing import Any

import aiohttp
from aiohttp import web

from custom_components.pandora.api.jackett import JackettClient
from custom_components.pandora.api.tmdb import TmdbClient
from custom_components.pandora.discover.discovery import Discovery
from custom_components.pandora.downloads.ranking import RankingPreferences
from custom_components.pandora.downloads.search import JackettInstance, ReleaseSearch
from custom_components.pandora.hub.cache import ResponseCache
from devtools.simulators import jackett as jackett_sim, tmdb as tmdb_sim

INDEXERS = 5
DELAY = 0.2
TARGET_FANOUT_MS = 300.0
QUERIES = ["night", "living dead", "metropolis", "general", "sherlock", "caligari", "moon"]


@contextlib.contextmanager
def serve_in_thread(apps: list[web.Application]) -> Iterator[list[int]]:
    """Serve aiohttp apps on 127.0.0.1 from another thread; yields their ports."""
    loop = asyncio.new_event_loop()
    ports: list[int] = []
    runners: list[web.AppRunner] = []
    ready = threading.Event()

    async def start() -> None:
        for app in apps:
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            runners.append(runner)
            ports.append(int(runner.addresses[0][1]))
        ready.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=30)
    ready.wait()
    try:
        yield ports
    finally:

        async def stop() -> None:
            for runner in runners:
                await runner.cleanup()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)


async def _timed(func: Callable[[], Awaitable[Any]]) -> float:
    started = time.perf_counter()
    await func()
    return (time.perf_counter() - started) * 1000


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _jackett() -> jackett_sim.JackettSimulator:
    catalogue = jackett_sim.default_catalogue()
    releases = [r for indexer in catalogue for r in indexer.releases]
    return jackett_sim.JackettSimulator(
        indexers=[
            jackett_sim.SimIndexer(f"idx{i}", f"Indexer {i}", releases=releases, delay=DELAY)
            for i in range(INDEXERS)
        ]
    )


async def run(rounds: int) -> dict[str, float]:
    """Measure and return the figures."""
    tmdb = tmdb_sim.TmdbSimulator()
    jackett = _jackett()
    with serve_in_thread([tmdb.app(), jackett.app()]) as (tmdb_port, jackett_port):
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
            client = TmdbClient(
                session=session,
                api_key=tmdb.api_key,
                base_url=f"http://127.0.0.1:{tmdb_port}/3",
            )
            discovery = Discovery(tmdb=client, cache=ResponseCache(None))
            await client.configuration()
            uncached: list[float] = []
            cached: list[float] = []
            for i in range(rounds):
                query = f"{QUERIES[i % len(QUERIES)]} {i}"  # a new key each round: uncached

                async def search_media(q: str = query) -> object:
                    return await discovery.search_media(q)

                uncached.append(await _timed(search_media))
                cached.append(await _timed(search_media))

            url = f"http://127.0.0.1:{jackett_port}"
            jackett_client = JackettClient(url=url, api_key=jackett.api_key, session=session)
            names = [indexer.id for indexer in jackett.indexers]

            async def fan_out() -> object:
                return await jackett_client.search_indexers("night", names)

            fanout = [await _timed(fan_out) for _ in range(max(3, rounds // 5))]
            instances = [
                JackettInstance(f"j{i}", f"Jackett {i}", jackett_client, (name,))
                for i, name in enumerate(names)
            ]
            search = ReleaseSearch(instances)

            async def federate() -> object:
                return await search.search("night", RankingPreferences())

            federated = [await _timed(federate) for _ in range(max(3, rounds // 5))]
    return {
        "uncached_median": statistics.median(uncached),
        "uncached_p95": _p95(uncached),
        "cached_median": statistics.median(cached),
        "cached_p95": _p95(cached),
        "fanout_median": statistics.median(fanout),
        "fanout_max": max(fanout),
        "federated_median": statistics.median(federated),
        "federated_max": max(federated),
    }


def report(figures: dict[str, float]) -> bool:
    """Print the figures; True when the fan-out target is met."""
    ok = figures["fanout_max"] < TARGET_FANOUT_MS
    print(f"{'':44}{'median ms':>12}{'p95/max ms':>12}")
    rows = [
        ("search_media, uncached (TMDB round trip)", "uncached_median", "uncached_p95"),
        ("search_media, cached", "cached_median", "cached_p95"),
        (f"Jackett: {INDEXERS} indexers x {DELAY * 1000:.0f} ms", "fanout_median", "fanout_max"),
        (f"{INDEXERS} Jackett servers via ReleaseSearch", "federated_median", "federated_max"),
    ]
    for label, median, worst in rows:
        print(f"{label:44}{figures[median]:>12.2f}{figures[worst]:>12.2f}")
    sequential = INDEXERS * DELAY * 1000
    print(
        f"fan-out target < {TARGET_FANOUT_MS:.0f} ms (sequential would be {sequential:.0f} ms): "
        f"{'met' if ok else 'MISSED'}"
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="search latency benchmark")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)
    met = report(asyncio.run(run(args.rounds)))
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
