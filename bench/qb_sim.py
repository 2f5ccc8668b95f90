"""The qBittorrent simulator as the scale benchmarks run it: a share of torrents changes per poll.

`devtools/simulators/qbittorrent.py` changes torrents only when told (`/sim/mutate`). Home
Assistant polls on its own clock, so here every `sync/maindata` request first advances
`--fraction` of the torrents: each poll, incremental or full, sees that many changes, as on a
busy seedbox. `/sim/stats` says how many polls were answered (the benchmark's poll counter).

    python -m bench.qb_sim --torrents 10000 --fraction 0.01 [--port N]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from aiohttp import web

from devtools.simulators import run
from devtools.simulators.qbittorrent import QBittorrentSimulator


@dataclass
class PollingSimulator(QBittorrentSimulator):
    """Changes `fraction` of the torrents before answering each `sync/maindata`."""

    fraction: float = 0.01
    maindata_count: int = 0

    async def maindata(self, request: web.Request) -> web.StreamResponse:
        """Advance the world, then answer as qBittorrent does."""
        self.mutate(self.fraction)
        self.maindata_count += 1
        return await super().maindata(request)

    async def stats(self, _request: web.Request) -> web.Response:
        """`GET /sim/stats`: polls answered so far."""
        return web.json_response({"maindata": self.maindata_count})

    def app(self) -> web.Application:
        """The simulator's routes plus `/sim/stats`."""
        app = super().app()
        app.router.add_get("/sim/stats", self.stats)
        return app


def main(argv: list[str] | None = None) -> None:
    """Serve until killed (prints `{"port": N}` first)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--torrents", type=int, default=10_000)
    parser.add_argument("--fraction", type=float, default=0.01)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    simulator = PollingSimulator(torrent_count=args.torrents, fraction=args.fraction)
    run(simulator.app(), args.port)


if __name__ == "__main__":
    main()
