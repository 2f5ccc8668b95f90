"""The panel's Downloads tab at 1,000 and 10,000 torrents, in Chromium, side by side in one run.

A throw-away `hass` (bench/hass_env.py) with Pandora against the qBittorrent simulator
(bench/qb_sim.py, 1% of the torrents changing before every 5 s poll); for each size,
bench/panel_scale.mjs opens the panel in Debian's Chromium through playwright-core (the e2e's
copy in tests/e2e/node_modules: `cd tests/e2e && npm ci`) and measures time from the click on
Downloads to the first rows painted, DOM nodes, the cost of one update tick, long tasks and frame
gaps while scrolling, and the page's JS heap. It prints both sizes side by side, the ratio of
10,000 to 1,000 (flat when the list is virtualized) and the targets at the largest size as met /
not met. `--component DIR` measures another copy of `custom_components/pandora` (its backend and
its committed panel bundle), e.g. an older commit's.

    .venv/bin/python -m bench.panel_scale [--sizes 1000,10000] [--ticks 4] [--quick] [--json F]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
from pathlib import Path
import signal
import subprocess
import sys
from typing import Any

import aiohttp

from bench.ha_scale import FRACTION, percentile, set_enabled
from bench.hass_env import ROOT, Simulator, ThrowawayHass, free_port

SCRIPT = Path(__file__).with_name("panel_scale.mjs")
PLAYWRIGHT = ROOT / "tests" / "e2e" / "node_modules" / "playwright-core"
CHROMIUM = os.environ.get("PANDORA_E2E_CHROMIUM", "/usr/bin/chromium")
TARGET_FIRST_ROWS_MS = 300.0
TARGET_LONG_TASK_MS = 50.0
TARGET_NODES = 2000


def browse(hass: ThrowawayHass, ticks: int) -> dict[str, Any]:
    """Run the browser script once; its JSON."""
    env = os.environ | {
        "BENCH_URL": hass.url,
        "BENCH_TOKENS": json.dumps(hass.browser_tokens()),
        "BENCH_CHROMIUM": CHROMIUM,
        "BENCH_TICKS": str(ticks),
        "BENCH_PLAYWRIGHT": str(PLAYWRIGHT),
        "TMPDIR": str(hass.folder),  # Chromium's profile goes with the folder
    }
    result = subprocess.run(
        ["node", str(SCRIPT)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"the browser run failed:\n{result.stderr[-3000:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


async def run(sizes: list[int], ticks: int, component: Path | None) -> dict[str, Any]:
    """Start Home Assistant and the simulator, measure each size, stop everything."""
    if not PLAYWRIGHT.exists():
        raise SystemExit("playwright-core is missing: cd tests/e2e && npm ci")
    hass = ThrowawayHass(component=component) if component else ThrowawayHass()
    sim = Simulator(free_port())
    results: dict[str, Any] = {}
    try:
        sim.start(sizes[0], FRACTION)
        print(f"starting Home Assistant in {hass.folder} …", file=sys.stderr, flush=True)
        await asyncio.to_thread(hass.start)
        entry = await asyncio.to_thread(hass.add_pandora, sim.url)
        async with aiohttp.ClientSession() as session:
            for size in sizes:
                print(f"{size:,} torrents …", file=sys.stderr, flush=True)
                await set_enabled(session, hass, entry, False)
                await asyncio.to_thread(sim.start, size, FRACTION)
                await set_enabled(session, hass, entry, True)
                results[str(size)] = await asyncio.to_thread(browse, hass, ticks)
    finally:
        hass.close()
        sim.stop()
    return {"cores": multiprocessing.cpu_count(), "sizes": results}


def summarize(raw: dict[str, Any]) -> dict[str, float]:
    """The figures of one size."""
    ticks = [t["duration"] for t in raw["ticks"]]
    scroll = raw["scroll"]
    gaps = scroll["wheel"]["gaps"] + scroll["fling"]["gaps"]
    scroll_tasks = scroll["wheel"]["longtasks"] + scroll["fling"]["longtasks"]
    return {
        "first_rows_ms": raw["first_rows_ms"],
        "downloads_nodes": max(raw["downloads_nodes"], raw["downloads_nodes_scrolled"]),
        "page_nodes": raw["page_nodes"],
        "tick_ms_median": percentile(ticks, 50),
        "tick_ms_max": max(ticks, default=0.0),
        "tick_bytes": percentile([t["bytes"] for t in raw["ticks"]], 50),
        "tick_longtask_max_ms": max(raw["tick_longtasks"], default=0.0),
        "scroll_gap_p95_ms": percentile(gaps, 95),
        "scroll_gap_max_ms": max(gaps, default=0.0),
        "scroll_longtasks": len(scroll_tasks),
        "scroll_longtask_max_ms": max(scroll_tasks, default=0.0),
        "js_heap_mb": raw["js_heap_bytes"] / 1e6,
        "first_event_bytes": (raw["first_event"] or {}).get("bytes", 0),
        "first_event_after_click_ms": (raw["first_event"] or {}).get("after_click_ms", 0.0),
        "first_event_handled_ms": (raw["first_event"] or {}).get("handled_ms", 0.0),
    }


ROWS = [
    ("click → first rows painted", "first_rows_ms", "{:,.0f} ms"),
    ("  click → first event received", "first_event_after_click_ms", "{:,.0f} ms"),
    ("  first event handled + laid out", "first_event_handled_ms", "{:,.0f} ms"),
    ("DOM nodes in Downloads", "downloads_nodes", "{:,.0f}"),
    ("DOM nodes in the page", "page_nodes", "{:,.0f}"),
    ("one update tick (median)", "tick_ms_median", "{:,.1f} ms"),
    ("one update tick (max)", "tick_ms_max", "{:,.1f} ms"),
    ("longest task on ticks", "tick_longtask_max_ms", "{:,.0f} ms"),
    ("scrolling frame gap p95", "scroll_gap_p95_ms", "{:,.1f} ms"),
    ("scrolling frame gap max", "scroll_gap_max_ms", "{:,.1f} ms"),
    ("long tasks while scrolling", "scroll_longtasks", "{:,.0f}"),
    ("longest task while scrolling", "scroll_longtask_max_ms", "{:,.0f} ms"),
    ("JS heap after GC", "js_heap_mb", "{:,.1f} MB"),
    ("first event (bytes)", "first_event_bytes", "{:,.0f}"),
    ("one tick (bytes, median)", "tick_bytes", "{:,.0f}"),
]


def report(figures: dict[str, Any]) -> bool:
    """Print the sizes side by side and the targets; True when all are met."""
    sizes = list(figures["sizes"])
    summary = {size: summarize(figures["sizes"][size]) for size in sizes}
    print(f"\nDownloads tab in Chromium ({figures['cores']} cores), 1% changing per 5 s poll")
    header = "".join(f"{int(s):>16,}" for s in sizes)
    ratio_head = f"{'ratio':>10}" if len(sizes) > 1 else ""
    print(f"{'torrents':32}{header}{ratio_head}")
    for label, key, fmt in ROWS:
        cells = "".join(f"{fmt.format(summary[s][key]):>16}" for s in sizes)
        ratio = ""
        if len(sizes) > 1 and summary[sizes[0]][key]:
            ratio = f"{summary[sizes[-1]][key] / summary[sizes[0]][key]:>9.1f}x"
        print(f"{label:32}{cells}{ratio}")
    last = summary[sizes[-1]]
    checks = [
        (
            f"first rows <= {TARGET_FIRST_ROWS_MS:g} ms",
            last["first_rows_ms"] <= TARGET_FIRST_ROWS_MS,
        ),
        (
            f"no long task > {TARGET_LONG_TASK_MS:g} ms on a tick",
            last["tick_longtask_max_ms"] <= TARGET_LONG_TASK_MS,
        ),
        (
            f"no long task > {TARGET_LONG_TASK_MS:g} ms while scrolling",
            last["scroll_longtask_max_ms"] <= TARGET_LONG_TASK_MS,
        ),
        (f"DOM nodes <= {TARGET_NODES:,}", last["downloads_nodes"] <= TARGET_NODES),
    ]
    print(f"\ntargets at {int(sizes[-1]):,} torrents:")
    for label, met in checks:
        print(f"  {label}: {'met' if met else 'NOT MET'}")
    errors = [e for s in sizes for e in figures["sizes"][s]["errors"]]
    if errors:
        print(f"page errors: {errors[:3]}")
    return all(met for _, met in checks) and not errors


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="torrent counts, comma-separated")
    parser.add_argument("--ticks", type=int, default=4, help="update ticks to time per size")
    parser.add_argument("--quick", action="store_true", help="smoke run: 10,000 torrents, 2 ticks")
    parser.add_argument("--component", type=Path, help="another copy of custom_components/pandora")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    # Stopped from outside: still stop Home Assistant and the simulator (the `finally`s).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sizes = [int(s) for s in args.sizes.split(",")]
    ticks = args.ticks
    if args.quick:
        sizes, ticks = [10_000], 2
    figures = asyncio.run(run(sizes, ticks, args.component))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    met = report(figures)
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
