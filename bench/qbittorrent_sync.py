"""Incremental `sync/maindata` versus full `torrents/info` polling at scale.

A qBittorrent simulator (devtools/simulators/qbittorrent.py) runs in its own process with N torrents
(10,000 by default); before each poll 1% of them change, as on a busy seedbox. For each poll the
benchmark measures, on the client side only:
- event-loop CPU time (`time.thread_time`: this thread's CPU, so the server's work and time spent
  waiting on the socket are not counted): request, HTTP and JSON decoding, merge, model parsing;
- bytes of response body received.
It prints median and 95th percentile CPU per refresh, bytes per refresh, and the ratios, then
checks the targets (<= 5 ms per incremental refresh, >= 20x fewer bytes). `--check` makes a
missed target exit non-zero. Timings vary with the machine; the byte figures do not.

    .venv/bin/python -m bench.qbittorrent_sync [--torrents 10000] [--polls 30] [--check]
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
import json
import statistics
import subprocess
import sys
import time
from typing import Any

import aiohttp

from custom_components.pandora.api.qbittorrent import QBittorrentClient
from devtools.simulators.qbittorrent import DEFAULT_PASSWORD, DEFAULT_USERNAME

TARGET_CPU_MS = 5.0
TARGET_BYTES_RATIO = 20.0


@dataclass
class Sample:
    """One poll's client-side cost."""

    cpu_ms: float
    body_bytes: int


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


async def _measure(client: QBittorrentClient, poll: Callable[[], Awaitable[Any]]) -> Sample:
    before_bytes = client.bytes_received
    before_cpu = time.thread_time()
    await poll()
    return Sample((time.thread_time() - before_cpu) * 1000, client.bytes_received - before_bytes)


def _start_simulator(torrents: int) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "devtools.simulators.qbittorrent", "--torrents", str(torrents)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        process.kill()
        raise SystemExit("the simulator did not start")
    return process, int(json.loads(line)["port"])


async def run(torrents: int, polls: int, fraction: float) -> dict[str, float]:
    """Run the benchmark and return its figures."""
    process, port = _start_simulator(torrents)
    base = f"http://127.0.0.1:{port}/"
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
            client = QBittorrentClient(base, DEFAULT_USERNAME, DEFAULT_PASSWORD, session)
            await client.connect()
            first = await _measure(client, client.sync)  # rid=0: a full update
            incremental: list[Sample] = []
            full: list[Sample] = []
            for _ in range(polls):
                async with session.post(f"{base}sim/mutate", params={"fraction": str(fraction)}):
                    pass
                incremental.append(await _measure(client, client.sync))
                full.append(await _measure(client, client.torrents_info))
            # The incremental mirror must equal a full read, or the comparison means nothing.
            mirror = client.maindata.torrents
            fresh = {t.hash: t for t in await client.torrents_info()}
            if mirror != fresh:
                raise SystemExit("incremental state diverged from torrents/info")
            await client.close()
    finally:
        process.terminate()
        process.wait(timeout=10)

    inc_cpu = [s.cpu_ms for s in incremental]
    full_cpu = [s.cpu_ms for s in full]
    inc_bytes = statistics.mean(s.body_bytes for s in incremental)
    full_bytes = statistics.mean(s.body_bytes for s in full)
    return {
        "torrents": torrents,
        "changed_per_poll": max(1, round(torrents * fraction)),
        "first_sync_cpu_ms": first.cpu_ms,
        "first_sync_bytes": first.body_bytes,
        "incremental_cpu_ms_median": statistics.median(inc_cpu),
        "incremental_cpu_ms_p95": _percentile(inc_cpu, 95),
        "incremental_bytes": inc_bytes,
        "full_cpu_ms_median": statistics.median(full_cpu),
        "full_cpu_ms_p95": _percentile(full_cpu, 95),
        "full_bytes": full_bytes,
        "cpu_ratio": statistics.median(full_cpu) / max(statistics.median(inc_cpu), 1e-9),
        "bytes_ratio": full_bytes / max(inc_bytes, 1),
    }


def report(figures: dict[str, float]) -> bool:
    """Print the figures; True when both targets are met."""
    cpu_ok = figures["incremental_cpu_ms_median"] <= TARGET_CPU_MS
    bytes_ok = figures["bytes_ratio"] >= TARGET_BYTES_RATIO
    print(
        f"qBittorrent polling, {figures['torrents']:,.0f} torrents, "
        f"{figures['changed_per_poll']:,.0f} changed per poll"
    )
    print(f"{'':28}{'CPU ms (median / p95)':>24}{'bytes per refresh':>20}")
    print(
        f"{'incremental sync/maindata':28}"
        f"{figures['incremental_cpu_ms_median']:>12.2f} / {figures['incremental_cpu_ms_p95']:<9.2f}"
        f"{figures['incremental_bytes']:>20,.0f}"
    )
    print(
        f"{'full torrents/info':28}"
        f"{figures['full_cpu_ms_median']:>12.2f} / {figures['full_cpu_ms_p95']:<9.2f}"
        f"{figures['full_bytes']:>20,.0f}"
    )
    print(
        f"{'first sync (rid=0, full)':28}{figures['first_sync_cpu_ms']:>12.2f}{'':12}"
        f"{figures['first_sync_bytes']:>20,.0f}"
    )
    print(
        f"ratios: {figures['cpu_ratio']:.1f}x less CPU, {figures['bytes_ratio']:.1f}x fewer bytes"
    )
    print(
        f"targets: incremental <= {TARGET_CPU_MS:g} ms: {'met' if cpu_ok else 'MISSED'}; "
        f">= {TARGET_BYTES_RATIO:g}x fewer bytes: {'met' if bytes_ok else 'MISSED'}"
    )
    return cpu_ok and bytes_ok


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="qBittorrent incremental sync benchmark")
    parser.add_argument("--torrents", type=int, default=10_000)
    parser.add_argument("--polls", type=int, default=30)
    parser.add_argument("--fraction", type=float, default=0.01)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    figures = asyncio.run(run(args.torrents, args.polls, args.fraction))
    met = report(figures)
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
