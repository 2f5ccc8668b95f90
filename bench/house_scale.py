"""The rest of the house at scale (issue 19, item 4): each figure beside its target.

Sections, each in bench/house_<name>.py:
- jellyfin: the title index at 50,000 titles: build, memory, lookups, incremental refresh;
- files: a Cloud Commander folder of 5,000 entries (listing, answer, sensor);
- requests: the request queue with 5,000 closed requests (and the 500-newest cap);
- history: the torrent history with every cap full;

Figures are CPU time of this thread (bench/probe.py), so other processes on a busy machine
count little; the "before" figures are the base commit's code, measured in the same run.
`--quick` runs smaller sizes in a fraction of the time; `--check` exits 1 when a target is
not met.

    .venv/bin/python -m bench.house_scale [--quick] [--only jellyfin,...] [--check]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from . import house_files, house_jellyfin, house_requests

SECTIONS = ("jellyfin", "files", "requests", "history")


async def run(only: tuple[str, ...], quick: bool) -> bool:
    """Run the chosen sections; True when every target is met."""
    met = True
    print(f"{os.cpu_count()} cores; {'quick sizes' if quick else 'full sizes'}")
    if "jellyfin" in only:
        figures = await house_jellyfin.run(5_000 if quick else 50_000, 2 if quick else 3)
        met &= house_jellyfin.report(figures)
    if "files" in only:
        figures = await house_files.run(1_000 if quick else 5_000, 2 if quick else 5)
        met &= house_files.report(figures)
    if "requests" in only:
        figures = await house_requests.run_requests(500 if quick else 5_000, 50)
        met &= house_requests.report_requests(figures)
    if "history" in only:
        figures = await house_requests.run_history(1_000, 5_000, 2_000)
        met &= house_requests.report_history(figures)
    return met


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, a quick look")
    parser.add_argument("--only", default=",".join(SECTIONS), help="sections, comma separated")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is not met")
    args = parser.parse_args(argv)
    only = tuple(s.strip() for s in args.only.split(",") if s.strip())
    if unknown := set(only) - set(SECTIONS):
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    met = asyncio.run(run(only, args.quick))
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
