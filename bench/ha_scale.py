"""Pandora inside a real Home Assistant at 1,000 / 5,000 / 10,000 torrents, beside core's approach.

One throw-away `hass` (bench/hass_env.py: recorder on, as in a real install) holds Pandora's hub
with a qBittorrent service and the benchmark's reference integration (bench/reference_qbittorrent:
core `qbittorrent`'s approach, a full `sync/maindata` every poll), both against the simulator
(bench/qb_sim.py, its own process, 1% of the torrents changing before every poll). Only one of
the two polls at a time (the other's config entry is disabled). For each size it measures, in
windows of whole polls (both poll every 5 s):

- hass CPU per poll: `/proc/<pid>/stat` user + system time over the window (every thread:
  executor, recorder), minus the idle rate measured first with both entries disabled, divided by
  the polls the simulator answered in the window;
- event-loop lag: round trip of a websocket `ping` every 100 ms, sent by a separate process so
  the benchmark's own work never delays it (p95 and max);
- bytes of the first `pandora/torrents/subscribe` event and per tick (mean of the events in the
  window), with no panel, one and five subscribed clients;
- state writes per minute of the integration's entities (`state_changed` events) and the
  largest entity attribute set (JSON bytes: the recorder skips sets over 16 KiB).

It prints the figures side by side, the ratios, and the targets (at the largest size) as
met / not met. `--component DIR` measures another copy of `custom_components/pandora` (an older
commit's, say: `git archive <rev> custom_components/pandora | tar -x -C /tmp/old`).

    .venv/bin/python -m bench.ha_scale [--sizes 1000,5000,10000] [--polls 6] [--quick] [--json F]
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
import json
import multiprocessing
from multiprocessing.connection import Connection
from pathlib import Path
import signal
import statistics
import sys
import time
from typing import Any

import aiohttp

from bench.hass_env import TICKS_PER_SECOND, Simulator, ThrowawayHass, cpu_ticks, free_port

FRACTION = 0.01
POLL_SECONDS = 5.0
PING_EVERY = 0.1
TARGET_CPU_MS = 10.0  # hass CPU per poll, one panel, largest size
TARGET_LAG_P95_MS = 20.0
TARGET_TICK_BYTES = 50_000
RECORDER_ATTRIBUTE_LIMIT = 16 * 1024


# --- websocket clients -------------------------------------------------------------------------


async def connect(session: aiohttp.ClientSession, url: str, token: str) -> Any:
    """An authenticated websocket (its own connection, as each browser tab has)."""
    ws = await session.ws_connect(url, max_msg_size=0)
    await ws.receive_json()
    await ws.send_json({"type": "auth", "access_token": token})
    if (await ws.receive_json()).get("type") != "auth_ok":
        raise SystemExit("Home Assistant refused the benchmark's token")
    return ws


async def command(ws: Any, message_id: int, message: dict[str, Any]) -> Any:
    """One websocket command and its result (other frames on this socket are skipped)."""
    await ws.send_json({"id": message_id, **message})
    while True:
        for answer in _messages(await ws.receive_str()):
            if answer.get("id") == message_id and answer.get("type") == "result":
                if not answer.get("success"):
                    raise SystemExit(f"{message['type']} failed: {answer.get('error')}")
                return answer.get("result")


async def call(session: aiohttp.ClientSession, hass: ThrowawayHass, message: dict[str, Any]) -> Any:
    """One command on a connection of its own (an idle one would miss Home Assistant's
    heartbeat and be closed)."""
    ws = await connect(session, hass.ws_url, hass.token)
    try:
        return await command(ws, 1, message)
    finally:
        await ws.close()


def _messages(frame: str) -> list[dict[str, Any]]:
    """Home Assistant coalesces queued messages into one JSON array frame."""
    data = json.loads(frame)
    return data if isinstance(data, list) else [data]


def _pinger(url: str, token: str, conn: Connection) -> None:
    """Separate process: ping every 100 ms; answer ("get", t0, t1) with the round trips then."""

    async def run() -> None:
        samples: list[tuple[float, float]] = []
        async with aiohttp.ClientSession() as session:
            ws = await connect(session, url, token)
            conn.send("ready")
            message_id = 0
            while True:
                while conn.poll():
                    request = conn.recv()
                    if request[0] == "stop":
                        return
                    _, start, end = request
                    conn.send([rtt for at, rtt in samples if start <= at <= end])
                message_id += 1
                sent = time.monotonic()
                await ws.send_json({"id": message_id, "type": "ping"})
                while True:
                    answer = await ws.receive_json()
                    if answer.get("id") == message_id:
                        break
                now = time.monotonic()
                samples.append((sent, (now - sent) * 1000))
                await asyncio.sleep(max(0.0, PING_EVERY - (now - sent)))

    asyncio.run(run())


class Pinger:
    """The ping process, started once; `round_trips(t0, t1)` asks for a window's samples."""

    def __init__(self, url: str, token: str) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_pinger, args=(url, token, child), daemon=True)
        self.process.start()
        if not self.conn.poll(60) or self.conn.recv() != "ready":
            raise SystemExit("the ping process did not start")

    def round_trips(self, start: float, end: float) -> list[float]:
        """Round trips (ms) of the pings sent between `start` and `end` (time.monotonic)."""
        self.conn.send(("get", start, end))
        return list(self.conn.recv())

    def close(self) -> None:
        """Stop it (by its own id)."""
        if self.process.is_alive():
            self.conn.send(("stop",))
            self.process.join(10)
            if self.process.is_alive():
                self.process.kill()


@dataclass
class Subscriber:
    """One panel: a websocket subscribed to `pandora/torrents/subscribe`, counting bytes."""

    ws: Any
    first_bytes: int = 0
    first_seconds: float = 0.0
    events: list[tuple[float, int]] = field(default_factory=list)  # (when, frame bytes)
    task: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, session: aiohttp.ClientSession, hass: ThrowawayHass) -> Subscriber:
        """Subscribe, and wait for the first (full) event."""
        subscriber = cls(await connect(session, hass.ws_url, hass.token))
        started = time.monotonic()
        await subscriber.ws.send_json({"id": 1, "type": "pandora/torrents/subscribe"})
        while not subscriber.first_bytes:
            frame = await subscriber.ws.receive_str()
            if any(m.get("type") == "event" for m in _messages(frame)):
                subscriber.first_bytes = len(frame.encode())
                subscriber.first_seconds = time.monotonic() - started
        subscriber.task = asyncio.create_task(subscriber._read())
        return subscriber

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type is aiohttp.WSMsgType.TEXT:
                self.events.append((time.monotonic(), len(message.data.encode())))

    def window(self, start: float, end: float) -> list[int]:
        """Bytes of each event frame received in the window."""
        return [size for at, size in self.events if start <= at <= end]

    async def close(self) -> None:
        """Close the socket (Home Assistant ends the subscription)."""
        await self.ws.close()
        if self.task:
            await self.task


class StateWrites:
    """Counts `state_changed` events per entity over the whole run."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.events: list[tuple[float, str]] = []
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Subscribe to `state_changed`."""
        await command(self.ws, 1, {"type": "subscribe_events", "event_type": "state_changed"})
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type is not aiohttp.WSMsgType.TEXT:
                continue
            for event in _messages(message.data):
                if event.get("type") == "event":
                    entity_id = event["event"]["data"]["entity_id"]
                    self.events.append((time.monotonic(), entity_id))

    def count(self, start: float, end: float, entities: set[str]) -> int:
        """Writes of `entities` in the window."""
        return sum(1 for at, e in self.events if start <= at <= end and e in entities)


# --- measurement -------------------------------------------------------------------------------


@dataclass
class Window:
    """What one stretch of whole polls cost."""

    polls: int
    seconds: float
    cpu_ms_per_poll: float
    lag_p95_ms: float
    lag_max_ms: float
    writes_per_minute: float
    tick_bytes: float | None = None
    ticks: int = 0


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


@dataclass
class Bench:
    """The running pieces and the measuring."""

    hass: ThrowawayHass
    sim: Simulator
    pinger: Pinger
    writes: StateWrites
    idle_ticks_per_second: float = 0.0

    async def _polls(self) -> int:
        return await asyncio.to_thread(self.sim.polls)

    async def between_polls(self) -> None:
        """Return half an interval after a poll: the start or end of a window of whole polls."""
        seen = await self._polls()
        deadline = time.monotonic() + 4 * POLL_SECONDS
        while await self._polls() == seen:
            if time.monotonic() > deadline:
                raise SystemExit(f"no poll for {4 * POLL_SECONDS:g} s:\n{self.hass.log_tail()}")
            await asyncio.sleep(0.05)
        await asyncio.sleep(POLL_SECONDS / 2)

    async def measure_idle(self, seconds: float) -> None:
        """hass's CPU rate with neither integration polling (pings included, as in every window)."""
        start, ticks = time.monotonic(), cpu_ticks(self.hass.pid)
        await asyncio.sleep(seconds)
        self.idle_ticks_per_second = (cpu_ticks(self.hass.pid) - ticks) / (time.monotonic() - start)

    async def measure(
        self, polls: int, entities: set[str], subscriber: Subscriber | None = None
    ) -> Window:
        """A window of `polls` whole polls, starting and ending between two polls."""
        await self.between_polls()
        start, ticks, first_poll = time.monotonic(), cpu_ticks(self.hass.pid), await self._polls()
        # Past the last poll but one, before the last: between_polls then ends after it.
        await asyncio.sleep(polls * POLL_SECONDS - 4)
        await self.between_polls()
        end, used, last_poll = time.monotonic(), cpu_ticks(self.hass.pid), await self._polls()
        elapsed, answered = end - start, max(1, last_poll - first_poll)
        busy = (used - ticks) - self.idle_ticks_per_second * elapsed
        lags = self.pinger.round_trips(start, end)
        window = Window(
            polls=answered,
            seconds=elapsed,
            cpu_ms_per_poll=busy / TICKS_PER_SECOND * 1000 / answered,
            lag_p95_ms=percentile(lags, 95),
            lag_max_ms=max(lags, default=0.0),
            writes_per_minute=self.writes.count(start, end, entities) * 60 / elapsed,
        )
        if subscriber is not None:
            sizes = subscriber.window(start, end)
            window.ticks = len(sizes)
            window.tick_bytes = statistics.mean(sizes) if sizes else 0.0
        return window

    def largest_attributes(self, entities: set[str]) -> tuple[int, str]:
        """The biggest attribute set (JSON bytes) among `entities`, and whose it is."""
        sizes = [
            (len(json.dumps(state["attributes"]).encode()), state["entity_id"])
            for state in self.hass.http("GET", "/api/states")
            if state["entity_id"] in entities
        ]
        return max(sizes, default=(0, "-"))


async def set_enabled(
    session: aiohttp.ClientSession, hass: ThrowawayHass, entry: str, on: bool
) -> None:
    """Enable (set up) or disable (unload) a config entry and wait until it is so."""
    await call(
        session,
        hass,
        {
            "type": "config_entries/disable",
            "entry_id": entry,
            "disabled_by": None if on else "user",
        },
    )
    wanted = "loaded" if on else "not_loaded"
    deadline = time.monotonic() + 120
    while (state := await asyncio.to_thread(hass.entry_state, entry)) != wanted:
        if time.monotonic() > deadline:
            raise SystemExit(f"entry {entry} stayed {state}:\n{hass.log_tail()}")
        await asyncio.sleep(0.2)


async def platform_entities(
    session: aiohttp.ClientSession, hass: ThrowawayHass, platform: str
) -> set[str]:
    """Entity ids of one integration (from the entity registry)."""
    entries = await call(session, hass, {"type": "config/entity_registry/list"})
    return {e["entity_id"] for e in entries if e["platform"] == platform}


@dataclass
class SizeResult:
    """Every figure of one size."""

    torrents: int
    no_panel: Window
    one_panel: Window
    five_panels: Window
    reference: Window
    first_bytes: int
    first_seconds: float
    largest_attribute: int
    largest_attribute_entity: str
    reference_largest_attribute: int
    idle_cpu_ms_per_second: float


async def run(
    sizes: list[int], polls: int, idle_seconds: float, component: Path | None
) -> dict[str, Any]:
    """Start everything, measure every size, stop everything."""
    hass = ThrowawayHass(component=component) if component else ThrowawayHass()
    sim = Simulator(free_port())
    pinger: Pinger | None = None
    results: list[SizeResult] = []
    try:
        sim.start(sizes[0], FRACTION)
        print(f"starting Home Assistant in {hass.folder} …", file=sys.stderr, flush=True)
        await asyncio.to_thread(hass.start)
        pandora = await asyncio.to_thread(hass.add_pandora, sim.url)
        reference = await asyncio.to_thread(hass.add_reference, sim.url)
        async with aiohttp.ClientSession() as session:
            for entry in (pandora, reference):
                await set_enabled(session, hass, entry, False)
            writes = StateWrites(await connect(session, hass.ws_url, hass.token))
            await writes.start()
            pinger = await asyncio.to_thread(Pinger, hass.ws_url, hass.token)
            bench = Bench(hass, sim, pinger, writes)
            await asyncio.sleep(idle_seconds)  # start-up's own work settles first
            for size in sizes:
                print(f"{size:,} torrents: idle baseline …", file=sys.stderr, flush=True)
                await asyncio.to_thread(sim.start, size, FRACTION)
                await bench.measure_idle(idle_seconds)
                await set_enabled(session, hass, pandora, True)
                # Listed once loaded: the services' entities exist by then.
                pandora_entities = await platform_entities(session, hass, "pandora")
                # Set-up's tail (first states recorded, registries saved) is not a poll's cost.
                await asyncio.sleep(SETTLE_SECONDS)
                no_panel = await bench.measure(polls, pandora_entities)
                largest, largest_entity = bench.largest_attributes(pandora_entities)
                panels = [await Subscriber.open(session, hass)]
                await asyncio.sleep(SETTLE_SECONDS)  # the first message is not a tick
                one_panel = await bench.measure(polls, pandora_entities, panels[0])
                panels += [await Subscriber.open(session, hass) for _ in range(4)]
                await asyncio.sleep(SETTLE_SECONDS)
                five_panels = await bench.measure(polls, pandora_entities, panels[0])
                for panel in panels:
                    await panel.close()
                await set_enabled(session, hass, pandora, False)
                await set_enabled(session, hass, reference, True)
                reference_entities = await platform_entities(session, hass, "reference_qbittorrent")
                await asyncio.sleep(SETTLE_SECONDS)
                ref = await bench.measure(polls, reference_entities)
                ref_largest, _ = bench.largest_attributes(reference_entities)
                await set_enabled(session, hass, reference, False)
                results.append(
                    SizeResult(
                        torrents=size,
                        no_panel=no_panel,
                        one_panel=one_panel,
                        five_panels=five_panels,
                        reference=ref,
                        first_bytes=panels[0].first_bytes,
                        first_seconds=panels[0].first_seconds,
                        largest_attribute=largest,
                        largest_attribute_entity=largest_entity,
                        reference_largest_attribute=ref_largest,
                        idle_cpu_ms_per_second=(
                            bench.idle_ticks_per_second / TICKS_PER_SECOND * 1000
                        ),
                    )
                )
                print_size(results[-1])
    finally:
        if pinger is not None:
            pinger.close()
        hass.close()
        sim.stop()
    return {
        "cores": multiprocessing.cpu_count(),
        "sizes": [asdict(r) for r in results],
    }


# --- report -------------------------------------------------------------------------------------


def _kb(value: float | None) -> str:
    return "-" if value is None else f"{value / 1000:,.1f} KB"


# After enabling an entry or opening panels, before a window: what happens once is not a poll.
SETTLE_SECONDS = 10.0

# Below this, a per-poll CPU figure is within the idle rate's noise (10 ms clock ticks over a
# short window, minus an idle rate): shown as such, and kept out of ratios.
NOISE_MS = 3.0


def _cpu(value: float) -> str:
    return f"{value:.1f} ms" if value >= 0 else f"<0 ({value:.1f}) ms"


def print_size(r: SizeResult) -> None:
    """One size's table: Pandora with 0, 1 and 5 panels beside the reference."""
    columns = [
        ("Pandora, no panel", r.no_panel),
        ("1 panel", r.one_panel),
        ("5 panels", r.five_panels),
        ("core's approach", r.reference),
    ]
    print(
        f"\n{r.torrents:,} torrents, {FRACTION:.0%} changing per poll "
        f"(idle hass: {r.idle_cpu_ms_per_second:.1f} ms CPU per second, subtracted)"
    )
    print(f"{'':34}" + "".join(f"{name:>20}" for name, _ in columns))
    rows: list[tuple[str, Callable[[Window], str]]] = [
        ("hass CPU per poll above idle", lambda w: _cpu(w.cpu_ms_per_poll)),
        ("ping round trip p95 / max", lambda w: f"{w.lag_p95_ms:.1f} / {w.lag_max_ms:.0f} ms"),
        ("feed bytes per tick (mean)", lambda w: _kb(w.tick_bytes)),
        ("state writes per minute", lambda w: f"{w.writes_per_minute:.1f}"),
        ("polls in the window", lambda w: f"{w.polls}"),
    ]
    for label, cell in rows:
        print(f"{label:34}" + "".join(f"{cell(w):>20}" for _, w in columns))
    print(
        f"{'first subscription message':34}{'':20}"
        f"{_kb(r.first_bytes):>20}{'':20}{'-':>20}   ({r.first_seconds * 1000:,.0f} ms to arrive)"
    )
    print(
        f"{'largest attribute set':34}{r.largest_attribute:>19,} B{'':40}"
        f"{r.reference_largest_attribute:>18,} B   ({r.largest_attribute_entity})"
    )
    one, five, core = (w.cpu_ms_per_poll for w in (r.one_panel, r.five_panels, r.reference))
    if min(one, five, core) < NOISE_MS:
        print(
            f"ratios: not measurable here (a CPU figure is under the idle noise of about "
            f"{NOISE_MS:g} ms; more polls, without --quick, measure them)"
        )
        return
    print(
        f"ratios: core's approach costs {core / one:.1f}x Pandora with one panel; "
        f"5 panels cost {five / one:.2f}x one panel"
    )


def print_targets(figures: dict[str, Any]) -> bool:
    """The targets at the largest size, met or not; True when all are."""
    r = figures["sizes"][-1]
    one = r["one_panel"]
    checks = [
        (
            f"hass CPU per poll with one panel <= {TARGET_CPU_MS:g} ms",
            one["cpu_ms_per_poll"],
            TARGET_CPU_MS,
            "ms",
        ),
        (
            f"ping round trip p95 <= {TARGET_LAG_P95_MS:g} ms",
            one["lag_p95_ms"],
            TARGET_LAG_P95_MS,
            "ms",
        ),
        (
            f"feed per tick <= {TARGET_TICK_BYTES // 1000} KB",
            one["tick_bytes"] or 0,
            TARGET_TICK_BYTES,
            "B",
        ),
        (
            f"largest attribute set <= {RECORDER_ATTRIBUTE_LIMIT} B",
            r["largest_attribute"],
            RECORDER_ATTRIBUTE_LIMIT,
            "B",
        ),
    ]
    print(f"\ntargets at {r['torrents']:,} torrents ({figures['cores']} cores):")
    ok = True
    for label, value, limit, unit in checks:
        met = value <= limit
        ok &= met
        shown = _cpu(value) if unit == "ms" else f"{value:,.0f} B"
        print(f"  {label}: {shown}: {'met' if met else 'NOT MET'}")
    five = r["five_panels"]["cpu_ms_per_poll"]
    print(
        f"  with 5 panels: {_cpu(five)} per poll "
        f"(+{max(0.0, five - one['cpu_ms_per_poll']) / 4:.2f} ms per extra panel)"
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,5000,10000", help="torrent counts, comma-separated"
    )
    parser.add_argument("--polls", type=int, default=6, help="polls per measured window")
    parser.add_argument("--idle-seconds", type=float, default=15.0, help="idle baseline per size")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1,000 torrents, 2 polls")
    parser.add_argument("--component", type=Path, help="another copy of custom_components/pandora")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    # Stopped from outside: still stop Home Assistant and the simulator (the `finally`s).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sizes = [int(s) for s in args.sizes.split(",")]
    polls, idle = args.polls, args.idle_seconds
    if args.quick:
        sizes, polls, idle = [1000], 2, 5.0
    figures = asyncio.run(run(sizes, polls, idle, args.component))
    met = print_targets(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
