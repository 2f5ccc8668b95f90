"""The request queue with 5,000 closed requests, and the history at its cap (bench/house_scale.py,
sections `requests` and `history`).

Home Assistant runs in this process (the test harness's instance, storage on disk in a
temporary folder). The base commit's requests.py and history.py (bench/base.py) run beside
today's, on the same data, in the same run.

requests: a saved queue of 5,000 closed requests (available, denied, withdrawn, failed, each
with its status changes) and 50 open ones is loaded; then the sensors' `counts()`, the panel's
`visible_to()` (an administrator sees all, a member theirs), `by_torrent()` (every torrent
event asks it) and one status change (saved before it returns, then the four count sensors
recount, as in Home Assistant) are measured; once at the loaded size and once at the size the
500-newest cap keeps (checked: 5,000 closed never stay).

history: 1,000 lifecycle events, 5,000 torrent links and 1,000 file actions (every cap full),
with 2,000 torrents remembered as incomplete: the cost of recording one event, of
`events()` as the panel and the sensors ask, and of the save (delayed by 10 s: what it costs
the loop when it happens).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
import contextlib
from datetime import timedelta
import hashlib
import json
from pathlib import Path
import tempfile
from types import ModuleType
from typing import Any

from custom_components.pandora.downloads import history as history_now
from custom_components.pandora.requests import queue as requests_now
from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from . import base
from .probe import Cost, cpu_us, measure, median, verdict

# Targets: what a change costs the loop, whatever the queue's size.
TARGET_CHANGE_MS = 10.0
TARGET_READ_MS = 5.0
CLOSED_KINDS = ("available",) * 6 + ("denied", "withdrawn", "failed", "failed")
OPEN_KINDS = ("pending", "approved", "downloading")
PATH = ("pending", "approved", "searching", "downloading", "importing")


@contextlib.asynccontextmanager
async def home_assistant(config_dir: str) -> AsyncIterator[HomeAssistant]:
    """Home Assistant in this process, its storage in `config_dir`."""
    # The test harness, imported once Home Assistant is (it must come first).
    from pytest_homeassistant_custom_component.common import (
        async_test_home_assistant,
    )

    async with async_test_home_assistant(config_dir=config_dir) as hass:
        try:
            yield hass
        finally:
            await hass.async_stop(force=True)


def _hash(n: int) -> str:
    return hashlib.sha1(str(n).encode(), usedforsecurity=False).hexdigest()


def synthetic_requests(closed: int, open_: int, users: list[User]) -> list[dict[str, Any]]:
    """A saved queue: oldest first, each request with the status changes that led to it."""
    now = dt_util.utcnow()
    total = closed + open_
    saved: list[dict[str, Any]] = []
    for n in range(total):
        created = now - timedelta(minutes=97 * (total - n))  # about a year for 5,000
        is_open = n >= closed
        status = OPEN_KINDS[n % 3] if is_open else CLOSED_KINDS[n % len(CLOSED_KINDS)]
        steps = PATH[: PATH.index(status) + 1] if status in PATH else (*PATH, status)
        if status in ("denied", "withdrawn"):
            steps = ("pending", status)
        transitions = [
            {"status": s, "at": (created + timedelta(minutes=i)).isoformat(), "by": None}
            for i, s in enumerate(steps)
        ]
        saved.append(
            {
                "id": f"01BENCH{n:019d}",
                "tmdb_id": 100_000 + n,
                "media_type": "movie" if n % 4 else "tv",
                "title": f"Film number {n}",
                "requested_by": users[n % len(users)].id,
                "created": created.isoformat(),
                "status": status,
                "year": 1950 + n % 75,
                "season": None if n % 4 else 1,
                "poster_url": f"https://image.tmdb.org/t/p/w342/poster{n}.jpg",
                "watchers": [users[(n + 1) % len(users)].id] if n % 5 == 0 else [],
                "transitions": transitions,
                "reason": "no release found" if status == "failed" else None,
                "torrent_hash": _hash(n) if status not in ("pending", "denied") else None,
                "instance": "qbittorrent-subentry",
                "release": f"Film.Number.{n}.1080p.BluRay.x264-GRP",
                "tried": [_hash(n)] if status == "failed" else [],
                "jellyfin_id": _hash(n)[:32] if status == "available" else None,
                "updated": transitions[-1]["at"],
            }
        )
    return saved


def write_store(config_dir: str, key: str, data: dict[str, Any]) -> None:
    """A Store file as Home Assistant writes it."""
    path = Path(config_dir, ".storage", key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "minor_version": 1, "key": key, "data": data}))


async def _reads(queue: Any, admin: User, member: User, probe_hash: str) -> dict[str, float]:
    """CPU per call, in ms, of what the sensors, the panel and torrent events ask."""
    rounds = 20
    return {
        "counts": cpu_us(queue.counts, rounds) / 1000,
        "visible_admin": cpu_us(lambda: queue.visible_to(admin), rounds) / 1000,
        "visible_member": cpu_us(lambda: queue.visible_to(member), rounds) / 1000,
        "by_torrent": cpu_us(lambda: queue.by_torrent(probe_hash), rounds) / 1000,
    }


async def _change(queue: Any, request: Any, by: str) -> Cost:
    """One status change as Home Assistant lives it: saved, then four sensors recount."""

    async def change() -> None:
        await queue.async_set_status(request, "approved", by=by)
        for _ in range(4):
            queue.counts()

    return await measure(change)


async def _queue_figures(
    hass: HomeAssistant,
    module: ModuleType,
    config_dir: str,
    saved: list[dict[str, Any]],
    users: list[User],
) -> dict[str, Any]:
    write_store(config_dir, "pandora.requests", {"requests": saved})
    queue = module.RequestQueue(hass)
    load = await measure(queue.async_load)
    admin, member = users[0], users[1]
    open_hashes = [r["torrent_hash"] for r in saved[-50:] if r["torrent_hash"]]
    figures: dict[str, Any] = {
        "load_ms": load.cpu_ms,
        "loaded": len(queue.all()),
        "at_load": await _reads(queue, admin, member, open_hashes[-1]),
    }
    pending = [r for r in queue.all() if r.status == "pending"]
    changes = [await _change(queue, pending[0], admin.id)]
    figures["first_change"] = changes[0]
    figures["kept"] = len(queue.all())
    figures["kept_closed"] = sum(not r.is_open for r in queue.all())
    for request in pending[1:6]:
        changes.append(await _change(queue, request, admin.id))
    figures["change_cpu_ms"] = median([c.own_cpu_ms for c in changes[1:]])
    figures["change_block_ms"] = max(c.own_block_ms for c in changes[1:])
    figures["steady"] = await _reads(queue, admin, member, open_hashes[-1])
    # Wait for writes still running in the executor before the next queue reads the file.
    await hass.async_block_till_done()
    return figures


async def run_requests(closed: int, open_: int) -> dict[str, Any]:
    """Measure the base commit's queue and today's on the same saved queue."""
    from pytest_homeassistant_custom_component.common import MockUser

    results: dict[str, Any] = {"closed": closed, "open": open_}
    with tempfile.TemporaryDirectory(prefix="pandora-bench-requests-") as config_dir:
        async with home_assistant(config_dir) as hass:
            users: list[User] = [MockUser(name="Admin", is_owner=True).add_to_hass(hass)]
            users += [MockUser(name=f"Member {n}").add_to_hass(hass) for n in range(9)]
            saved = synthetic_requests(closed, open_, users)
            modules = {"before": base.load("requests"), "after": requests_now}
            for name, module in modules.items():
                if module is not None:
                    results[name] = await _queue_figures(hass, module, config_dir, saved, users)
    return results


def report_requests(f: dict[str, Any]) -> bool:
    """Print the section; True when its targets are met."""
    print(f"\nRequest queue: {f['closed']:,} closed + {f['open']} open requests saved")
    versions = [v for v in ("before", "after") if v in f]
    for version in versions:
        r = f[version]
        print(
            f"{version}: load {r['load_ms']:.1f} ms CPU, {r['loaded']:,} requests kept; after "
            f"one change {r['kept']:,} ({r['kept_closed']} closed: the 500-newest cap)"
        )
    print(
        f"{'CPU per call, ms':34}"
        + "".join(f"{v + ' (' + s + ')':>20}" for v in versions for s in ("loaded", "capped"))
    )
    for key, label in (
        ("counts", "counts() (each sensor)"),
        ("visible_admin", "visible_to(administrator)"),
        ("visible_member", "visible_to(member)"),
        ("by_torrent", "by_torrent()"),
    ):
        print(
            f"{label:34}"
            + "".join(f"{f[v][s][key]:>20.3f}" for v in versions for s in ("at_load", "steady"))
        )
    for version in versions:
        r = f[version]
        first: Cost = r["first_change"]
        collected = f" + {first.gc_ms:.0f} ms garbage collection" if first.gc_ms >= 1 else ""
        trimmed = r["loaded"] - r["kept"]
        trims = f"the cap trims {trimmed:,}" if trimmed else "nothing to trim"
        print(
            f"{version}: a status change (saved, 4 sensors recount): first "
            f"{first.own_cpu_ms:.1f} ms CPU{collected} ({trims}), then "
            f"{r['change_cpu_ms']:.1f} ms, loop blocked at most {r['change_block_ms']:.1f} ms"
        )
    after = f["after"]
    cap_ok = after["kept_closed"] <= requests_now.MAX_CLOSED
    change_ok = (
        after["change_cpu_ms"] <= TARGET_CHANGE_MS
        and after["first_change"].own_cpu_ms <= TARGET_CHANGE_MS
    )
    reads_ok = all(v <= TARGET_READ_MS for s in ("at_load", "steady") for v in after[s].values())
    print(
        f"targets: closed requests capped at {requests_now.MAX_CLOSED}: {verdict(cap_ok)}; "
        f"a change <= {TARGET_CHANGE_MS:g} ms CPU: {verdict(change_ok)}; every read <= "
        f"{TARGET_READ_MS:g} ms even at {f['closed']:,}: {verdict(reads_ok)}"
    )
    return cap_ok and change_ok and reads_ok


# --- history --------------------------------------------------------------------------------


def synthetic_history(events: int, links: int, incomplete: int) -> dict[str, Any]:
    """A saved history with every cap full."""
    now = dt_util.utcnow()
    return {
        "events": [
            {
                "time": (now - timedelta(minutes=events - n)).isoformat(),
                "event": ("added", "completed", "removed")[n % 3],
                "subentry_id": f"qb{n % 2}",
                "hash": _hash(n),
                "name": f"Film.Number.{n}.1080p.BluRay.x264-GRP",
                "size": 4_500_000_000 + n,
                "category": "movies",
                "save_path": "/downloads/complete",
            }
            for n in range(events)
        ],
        "incomplete": {"qb0": [_hash(10**6 + n) for n in range(incomplete)]},
        "links": {
            _hash(n): {
                "tmdb_id": 100_000 + n,
                "media_type": "movie",
                "title": f"Film {n}",
                "year": 2000,
                "release": f"Film.{n}.1080p",
                "request_id": f"01B{n:023d}",
            }
            for n in range(links)
        },
        "files": [
            {
                "time": (now - timedelta(minutes=events - n)).isoformat(),
                "action": "moved",
                "moved": [f"/Downloaded/Film.Number.{n}.mkv"],
                "destination": f"/Movies/Film Number {n} (2000)",
                "server": "Share",
            }
            for n in range(events)
        ],
    }


async def _history_figures(
    hass: HomeAssistant, module: ModuleType, config_dir: str, saved: dict[str, Any]
) -> dict[str, Any]:
    write_store(config_dir, "pandora.history", saved)
    history = module.TorrentHistory(hass)
    load = await measure(history.async_load)
    torrent = {"hash": _hash(7), "name": "Film", "size": 1, "category": "", "save_path": "/d"}
    figures: dict[str, Any] = {
        "load_ms": load.cpu_ms,
        "record_us": cpu_us(lambda: history.record("added", "qb0", torrent), 200),
        "link_us": cpu_us(lambda: history.link(_hash(99), {"tmdb_id": 1}), 200),
        "events_all_ms": cpu_us(history.events, 50) / 1000,
        "events_one_ms": cpu_us(lambda: history.events("qb1", 50), 50) / 1000,
        "files_ms": cpu_us(lambda: history.files(50), 50) / 1000,
    }
    saves: list[Cost] = []
    for n in range(5):
        # A torrent completes: the incomplete set changes, a save is due (what the delay does).
        history.set_incomplete("qb0", [_hash(10**6 + i) for i in range(n, 2000)])
        saves.append(await measure(history.async_flush))
    figures["save_cpu_ms"] = median([c.cpu_ms for c in saves])
    figures["save_block_ms"] = max(c.block_ms for c in saves)
    figures["events"] = len(history.events())
    await hass.async_block_till_done()
    return figures


async def run_history(events: int, links: int, incomplete: int) -> dict[str, Any]:
    """Measure the base commit's history and today's on the same saved history."""
    results: dict[str, Any] = {"events": events, "links": links, "incomplete": incomplete}
    with tempfile.TemporaryDirectory(prefix="pandora-bench-history-") as config_dir:
        async with home_assistant(config_dir) as hass:
            modules = {"before": base.load("history"), "after": history_now}
            for name, module in modules.items():
                if module is not None:
                    saved = synthetic_history(events, links, incomplete)
                    results[name] = await _history_figures(hass, module, config_dir, saved)
    return results


def report_history(f: dict[str, Any]) -> bool:
    """Print the section; True when its targets are met."""
    print(
        f"\nHistory at its caps: {f['events']:,} events, {f['links']:,} links, "
        f"{f['events']:,} file actions, {f['incomplete']:,} torrents incomplete"
    )
    versions = [v for v in ("before", "after") if v in f]
    print(f"{'CPU':34}" + "".join(f"{v:>14}" for v in versions))
    for key, label, unit in (
        ("load_ms", "load, ms", 1),
        ("record_us", "record() one event, µs", 1),
        ("link_us", "link() one torrent, µs", 1),
        ("events_all_ms", "events(), all, ms", 1),
        ("events_one_ms", "events(one qBittorrent, 50), ms", 1),
        ("files_ms", "files(50), ms", 1),
        ("save_cpu_ms", "a save, ms", 1),
        ("save_block_ms", "a save blocks the loop, ms", 1),
    ):
        print(f"{label:34}" + "".join(f"{f[v][key] * unit:>14.3f}" for v in versions))
    after = f["after"]
    ok = bool(after["save_block_ms"] <= 50 and after["events_all_ms"] <= TARGET_READ_MS)
    print(
        f"targets: a save blocks the loop <= 50 ms and events() <= {TARGET_READ_MS:g} ms: "
        f"{verdict(ok)}"
    )
    return ok
