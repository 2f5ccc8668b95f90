"""Files with a 5,000-entry folder (bench/house_scale.py, section `files`).

A real Cloud Commander (devtools/support/cloudcmd.py) serves a share whose Downloaded folder holds
5,000 entries (4,500 files, 500 folders, release-style names) and one of whose folders holds
5,000 more. Measured in this process, the base commit's client (bench/base.py) beside today's:
- the Downloaded listing as the coordinator reads it every 30 s (and the Downloaded sensor shows
  it): CPU of this thread, the longest the event loop was blocked, bytes received;
- a folder inside that folder (its parent, 5,000 entries, is read to check it is a folder);
- the answer `list_files` / `pandora/files/list` sends for 5,000 entries: its JSON size and
  the CPU to build and encode it (the panel renders it a window at a time);
- the Downloaded sensor's attributes (JSON bytes).
"""

from __future__ import annotations

from collections.abc import Callable
import json
from pathlib import Path
import time
from types import ModuleType
from typing import Any

import aiohttp

from custom_components.pandora.api import cloudcmd as cloudcmd_now
from custom_components.pandora.files import actions as files_actions
from devtools.support.cloudcmd import CloudCommander, cloudcmd_available

from . import base
from .probe import Cost, measure, median, verdict

TARGET_BLOCK_MS = 50.0


def fill(folder: Path, count: int) -> None:
    """`count` entries: a tenth folders, the rest release files (empty: sizes do not matter)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        name = f"Film.Number.{n:05d}.2024.1080p.WEB-DL.DDP5.1.H.264-GROUP"
        if n % 10 == 0:
            (folder / name).mkdir()
        else:
            (folder / f"{name}.mkv").touch()


async def _listing(
    module: ModuleType, session: aiohttp.ClientSession, url: str, path: str, repeat: int
) -> tuple[list[Cost], int, list[Any]]:
    client = module.CloudCommanderClient(url, session)
    received = 0
    original = client._call

    async def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal received
        resp = await original(*args, **kwargs)
        received += len(resp.body)
        return resp

    client._call = counting
    costs: list[Cost] = []
    entries: list[Any] = []
    for _ in range(repeat):
        received = 0
        cost = await measure(lambda: client.list(path))
        costs.append(cost)
        entries = cost.result
    return costs, received, entries


def _answer_cost(build: Callable[[], dict[str, Any]], rounds: int = 5) -> tuple[float, int]:
    """CPU (ms) to build an answer and encode it as the websocket does; its size in bytes."""
    size = 0
    start = time.thread_time()
    for _ in range(rounds):
        size = len(json.dumps(build()).encode())
    return (time.thread_time() - start) / rounds * 1000, size


async def run(entries: int, repeat: int) -> dict[str, Any]:
    """Serve the share, list it with both clients; the figures by name."""
    figures: dict[str, Any] = {"entries": entries}
    if not cloudcmd_available():
        figures["skipped"] = "cloudcmd is not installed (scripts/bootstrap.sh)"
        return figures
    with CloudCommander() as server:
        downloaded = server.root / "Downloaded"
        fill(downloaded, entries)
        inner = "Film.Number.00000.2024.1080p.WEB-DL.DDP5.1.H.264-GROUP"
        fill(downloaded / inner, entries)
        modules = {"before": base.load("api.cloudcmd"), "after": cloudcmd_now}
        async with aiohttp.ClientSession() as session:
            for version, module in modules.items():
                if module is None:
                    continue
                for label, path in (
                    ("downloaded", "/Downloaded"),
                    ("inner", f"/Downloaded/{inner}"),
                ):
                    costs, received, listed = await _listing(
                        module, session, server.url, path, repeat
                    )
                    figures[f"{version}_{label}"] = {
                        "cpu_ms": median([c.cpu_ms for c in costs]),
                        "block_ms": max(c.own_block_ms for c in costs),
                        "gc": max(len(c.full_gc_ms) for c in costs),
                        "bytes": received,
                        "count": len(listed),
                    }
                    if version == "after" and label == "downloaded":
                        figures["listed"] = listed
    listed = figures.pop("listed")
    whole = _answer_cost(
        lambda: {"path": "/Downloaded", "files": [files_actions.entry_as_dict(e) for e in listed]}
    )
    figures["answer_whole_ms"], figures["answer_whole_bytes"] = whole
    figures["sensor_bytes"] = len(json.dumps({"names": [e.name for e in listed[:50]]}).encode())
    return figures


def report(f: dict[str, Any]) -> bool:
    """Print the section; True when its targets are met."""
    print(f"\nFiles: a Cloud Commander folder of {f['entries']:,} entries")
    if "skipped" in f:
        print(f"skipped: {f['skipped']}")
        return True
    print(f"{'listing (client.list)':40}{'CPU ms':>9}{'block ms':>10}{'bytes':>12}{'entries':>9}")
    versions = [v for v in ("before", "after") if f"{v}_downloaded" in f]
    for label, key in (
        ("Downloaded (the coordinator, 30 s)", "downloaded"),
        ("a folder inside it (parent read too)", "inner"),
    ):
        for version in versions:
            r = f[f"{version}_{key}"]
            print(
                f"{version + ': ' + label:40}{r['cpu_ms']:>9.1f}{r['block_ms']:>10.1f}"
                f"{r['bytes']:>12,}{r['count']:>9,}"
            )
    print(
        f"list_files answer: {f['answer_whole_bytes']:,} bytes "
        f"({f['answer_whole_ms']:.1f} ms to build and encode)"
    )
    print(f"the Downloaded sensor's attributes: {f['sensor_bytes']:,} bytes (first 50 names)")
    block = max(f[f"after_{k}"]["block_ms"] for k in ("downloaded", "inner"))
    block_ok = bool(block <= TARGET_BLOCK_MS)
    print(
        f"target: a listing blocks the loop <= {TARGET_BLOCK_MS:g} ms (worst {block:.1f}): "
        f"{verdict(block_ok)}"
    )
    return block_ok
