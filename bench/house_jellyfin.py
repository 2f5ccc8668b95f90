"""The Jellyfin title index at 50,000 titles (bench/house_scale.py, section `jellyfin`).

The Jellyfin simulator runs in its own process over a library of real folders (4/5 movies,
1/5 series, each with a TMDB id). Measured in this process, side by side in one run:
- before: the base commit's index read (every movie and series with ProviderIds and Path,
  then the two dicts), which ran every 5 minutes and after every scan;
- after: TitleIndex's first (full) read, its refresh when nothing changed, after a scan that
  found 100 new films and re-identified 100, and after a deletion (a full read again);
- for each: CPU of this thread, the longest the event loop was blocked, bytes received;
- memory the index keeps (tracemalloc), and the CPU of one lookup (by TMDB id, by item id).
The incrementally kept index is checked against a fresh full read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
import contextlib
from functools import partial
import json
from pathlib import Path
import random
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Any

import aiohttp

from custom_components.pandora.api.http import HttpResponse
from custom_components.pandora.api.jellyfin import JellyfinClient
from custom_components.pandora.api.jellyfin_index import KINDS, TitleIndex
from custom_components.pandora.api.jellyfin_models import MediaItemRef
from devtools.simulators.jellyfin import DEFAULT_API_KEY

from .probe import Cost, cpu_us, measure, median, retained_bytes, tracked_objects, verdict

TARGET_LOOKUP_MS = 0.1
TARGET_BLOCK_MS = 50.0
CHANGED = 100  # films added, and films re-identified, before the incremental refresh
REIDENTIFIED_BASE = 800_000  # TMDB ids of the films that get a new one (tmdb.txt)


def make_library(root: Path, titles: int) -> tuple[Path, Path]:
    """Folders Jellyfin would index: movies with a video file, series folders."""
    movies, shows = root / "movies", root / "shows"
    movie_count = titles * 4 // 5
    for n in range(movie_count):
        if n < CHANGED:  # identified by a tmdb.txt (an .nfo), so it can be re-identified
            folder = movies / f"Film {n:05d} ({1950 + n % 70})"
            folder.mkdir(parents=True)
            (folder / "tmdb.txt").write_text(str(REIDENTIFIED_BASE + n))
        else:
            folder = movies / f"Film {n:05d} ({1950 + n % 70}) [tmdbid-{100_000 + n}]"
            folder.mkdir(parents=True)
        (folder / "film.mkv").touch()
    for n in range(titles - movie_count):
        (shows / f"Show {n:05d} ({1950 + n % 70}) [tmdbid-{300_000 + n}]").mkdir(parents=True)
    return movies, shows


@contextlib.contextmanager
def simulator(movies: Path, shows: Path) -> Iterator[str]:
    """The Jellyfin simulator in its own process; yields its URL."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "devtools.simulators.jellyfin",
            "--scan-duration",
            "0.05",
            "--library",
            f"Movies:movies:{movies}",
            "--library",
            f"Shows:tvshows:{shows}",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        process.kill()
        raise SystemExit("the Jellyfin simulator did not start")
    try:
        yield f"http://127.0.0.1:{json.loads(line)['port']}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


class CountingClient(JellyfinClient):
    """The client, counting the response bytes it receives."""

    received = 0

    async def _request(self, *args: Any, **kwargs: Any) -> HttpResponse:
        resp = await super()._request(*args, **kwargs)
        self.received += len(resp.body)
        return resp


async def base_read(
    client: JellyfinClient,
) -> tuple[dict[tuple[str, int], MediaItemRef], dict[str, tuple[str, int]]]:
    """The base commit's index read (coordinator/jellyfin.py `_read_index` before)."""
    titles: dict[tuple[str, int], MediaItemRef] = {}
    for item_type, media_type in KINDS:
        for item in await client.items(item_type):
            tmdb = item.provider_id("Tmdb")
            if tmdb is not None and tmdb.strip().isdigit():
                titles.setdefault((media_type, int(tmdb)), item)
    return titles, {ref.id.lower(): key for key, ref in titles.items()}


async def _scan(client: JellyfinClient) -> None:
    await client.refresh_all()
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        await asyncio.sleep(0.2)
        task = await client.scan_task()
        if not task.running and task.last_result is not None:
            return
    raise SystemExit("the simulator's scan did not finish")


def _same(index: TitleIndex, fresh: TitleIndex) -> bool:
    return {k: v.id for k, v in index.titles.items()} == {k: v.id for k, v in fresh.titles.items()}


async def run(titles: int, repeat: int) -> dict[str, Any]:
    """Build the library, serve it, measure; the figures by name."""
    figures: dict[str, Any] = {"titles": titles}
    with tempfile.TemporaryDirectory(prefix="pandora-bench-jellyfin-") as tmp:
        movies, shows = make_library(Path(tmp), titles)
        with simulator(movies, shows) as url:
            async with aiohttp.ClientSession() as session:
                client = CountingClient(url, DEFAULT_API_KEY, session, request_timeout=120)
                # A server that has run a while: nothing saved in the last day.
                async with session.post(f"{url}sim/backdate", params={"seconds": "86400"}):
                    pass
                runs = await _refreshes(client, movies, figures, repeat)
                for name, samples in runs.items():
                    figures[f"{name}_cpu_ms"] = median([c.cpu_ms for c, _ in samples])
                    figures[f"{name}_wall_ms"] = median([c.wall_ms for c, _ in samples])
                    figures[f"{name}_block_ms"] = max(c.block_ms for c, _ in samples)
                    figures[f"{name}_own_ms"] = max(c.own_block_ms for c, _ in samples)
                    figures[f"{name}_gc"] = max(len(c.full_gc_ms) for c, _ in samples)
                    figures[f"{name}_gc_ms"] = max(
                        (ms for c, _ in samples for ms in c.full_gc_ms), default=0.0
                    )
                    figures[f"{name}_bytes"] = median([float(b) for _, b in samples])
                await _memory_and_lookups(client, figures)
    return figures


async def _costed(client: CountingClient, work: Callable[[], Awaitable[Any]]) -> tuple[Cost, int]:
    before = client.received
    cost = await measure(work)
    return cost, client.received - before


async def _refreshes(
    client: CountingClient, movies: Path, figures: dict[str, Any], repeat: int
) -> dict[str, list[tuple[Cost, int]]]:
    runs: dict[str, list[tuple[Cost, int]]] = {"base": [], "full": [], "idle": []}
    for _ in range(repeat):  # alternated, so both see the same machine
        runs["base"].append(await _costed(client, partial(base_read, client)))
        runs["full"].append(await _costed(client, partial(TitleIndex().refresh, client, 0.0)))
    base_titles = runs["base"][-1][0].result[0]
    index = TitleIndex()
    await index.refresh(client, 0.0)
    figures["indexed"] = len(index)
    if {k: v.id for k, v in base_titles.items()} != {k: v.id for k, v in index.titles.items()}:
        raise SystemExit("the index differs from the base commit's")
    clock = 0.0
    for _ in range(repeat):
        clock += 300  # the coordinator refreshes the index every 5 minutes
        runs["idle"].append(await _costed(client, partial(index.refresh, client, clock)))
        if index.last_read != "incremental":
            raise SystemExit("an idle refresh was not incremental")

    # A scan finds new films and re-identifies others: only those come back.
    for n in range(CHANGED):
        folder = movies / f"New {n:03d} (2024) [tmdbid-{700_000 + n}]"
        folder.mkdir()
        (folder / "new.mkv").touch()
        (movies / f"Film {n:05d} ({1950 + n % 70})" / "tmdb.txt").write_text(str(750_000 + n))
    await _scan(client)
    clock += 300
    runs["changed"] = [await _costed(client, partial(index.refresh, client, clock))]
    figures["changed_read"], figures["changed_items"] = index.last_read, index.last_changes
    fresh = TitleIndex()
    await fresh.refresh(client, 0.0)
    if not _same(index, fresh):
        raise SystemExit("the incrementally kept index differs from a full read")

    # A deletion: the counts differ, the index reads everything again.
    for n in range(10):
        shutil.rmtree(movies / f"New {n:03d} (2024) [tmdbid-{700_000 + n}]")
    await _scan(client)
    clock += 300
    runs["deleted"] = [await _costed(client, partial(index.refresh, client, clock))]
    figures["deleted_read"] = index.last_read
    figures["index"] = index
    return runs


async def _built_index(client: JellyfinClient) -> TitleIndex:
    index = TitleIndex()
    await index.refresh(client, 0.0)
    return index


async def _memory_and_lookups(client: CountingClient, figures: dict[str, Any]) -> None:
    with retained_bytes() as base_mem:
        kept_base = await base_read(client)
    with retained_bytes() as index_mem:
        kept_index = await _built_index(client)
    figures["base_mem"], figures["index_mem"] = base_mem[0], index_mem[0]
    base_keys = kept_base[1]
    del kept_base, kept_index
    _, figures["base_tracked"] = await tracked_objects(partial(base_read, client))
    _, figures["index_tracked"] = await tracked_objects(partial(_built_index, client))

    index: TitleIndex = figures.pop("index")
    rng = random.Random(19)
    keys = list(index.titles)
    ids = [ref.id for ref in index.titles.values()]
    picks = [rng.choice(keys) for _ in range(1000)]
    id_picks = [rng.choice(ids).upper() for _ in range(1000)]
    rounds = 100  # 100,000 lookups each
    figures["lookup_title_us"] = cpu_us(lambda: [index.title(*k) for k in picks], rounds) / 1000
    figures["lookup_item_us"] = cpu_us(lambda: [index.tmdb_of(i) for i in id_picks], rounds) / 1000
    figures["base_lookup_item_us"] = (
        cpu_us(lambda: [base_keys.get(i.lower()) for i in id_picks], rounds) / 1000
    )


def report(f: dict[str, Any]) -> bool:
    """Print the section; True when its targets are met."""
    print(f"\nJellyfin title index: {f['titles']:,} titles ({f['indexed']:,} with a TMDB id)")
    print(
        f"{'':44}{'CPU ms':>9}{'wall ms':>9}{'block ms':>10}{'w/o GC':>8}{'full GCs':>10}"
        f"{'bytes':>12}"
    )
    rows = (
        ("before: full re-read (every 5 min, scans)", "base"),
        ("after: first read (full)", "full"),
        ("after: refresh, nothing changed", "idle"),
        (f"after: refresh, {CHANGED} new + {CHANGED} changed", "changed"),
        ("after: refresh after a deletion (full)", "deleted"),
    )
    for label, key in rows:
        collections = f[key + "_gc"]
        gcs = f"{collections} ({f[key + '_gc_ms']:.0f} ms)" if collections else "0"
        print(
            f"{label:44}{f[key + '_cpu_ms']:>9.1f}{f[key + '_wall_ms']:>9.0f}"
            f"{f[key + '_block_ms']:>10.1f}{f[key + '_own_ms']:>8.1f}{gcs:>10}"
            f"{f[key + '_bytes']:>12,.0f}"
        )
    print(
        f"the {CHANGED} + {CHANGED} changes: {f['changed_read']} read of "
        f"{f['changed_items']} items; after the deletion: {f['deleted_read']} read"
    )
    ratio = f["base_cpu_ms"] / max(f["idle_cpu_ms"], 1e-9)
    print(
        f"periodic refresh: {ratio:,.0f}x less CPU, "
        f"{f['base_bytes'] / max(f['idle_bytes'], 1):,.0f}x fewer bytes than the full re-read"
    )
    print(
        f"memory kept: before {f['base_mem'] / 2**20:.1f} MiB, after {f['index_mem'] / 2**20:.1f}"
        f" MiB ({f['base_mem'] / max(f['index_mem'], 1):.1f}x less); objects the garbage "
        f"collector tracks: before {f['base_tracked']:,}, after {f['index_tracked']:,}"
    )
    print(
        "(a full collection walks every tracked object of the process; it is counted in "
        "'block', 'w/o GC' is the refresh's own work)"
    )
    print(
        f"lookup: by TMDB id {f['lookup_title_us']:.3f} µs, by item id "
        f"{f['lookup_item_us']:.3f} µs (before: {f['base_lookup_item_us']:.3f} µs)"
    )
    lookup_ok = bool(max(f["lookup_title_us"], f["lookup_item_us"]) / 1000 <= TARGET_LOOKUP_MS)
    block = float(max(f[k + "_own_ms"] for k in ("full", "idle", "changed", "deleted")))
    block_ok = block <= TARGET_BLOCK_MS
    print(
        f"targets: lookup <= {TARGET_LOOKUP_MS} ms: {verdict(lookup_ok)}; "
        f"no refresh blocks the loop > {TARGET_BLOCK_MS:g} ms (worst {block:.1f} ms): "
        f"{verdict(block_ok)}"
    )
    return lookup_ok and block_ok
