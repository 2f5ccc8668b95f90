"""A minimal BitTorrent HTTP tracker (BEP 3 announce, BEP 23 compact peers) for loopback swarms.

Real releases found through Jackett name public trackers; the demo's releases name this one, so
the demo's qbittorrent-nox finds the local seeder by itself (no DHT, no manual peers), exactly as
it would find peers on the internet.

Run standalone: `python -m devtools.simulators.tracker --port N` prints `{"port": N}`.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
import ipaddress
import struct
import time

from aiohttp import web
from yarl import URL

from devtools.simulators import run
from devtools.support.torrents import bencode

ANNOUNCE_INTERVAL = 10  # seconds: short, so a new swarm forms quickly in the demo
# Longer than qBittorrent's re-announce interval (300 s by default), or a seeder drops out.
PEER_TTL = 900.0


@dataclass
class Tracker:
    """Swarms by infohash: peer (ip, port) -> last announce time."""

    swarms: dict[bytes, dict[tuple[str, int], float]] = field(default_factory=dict)

    async def announce(self, request: web.Request) -> web.Response:
        """`GET /announce?info_hash=..&peer_id=..&port=..&event=..`."""
        # info_hash is raw bytes, percent-encoded: decode the query ourselves, not as UTF-8.
        raw = URL(str(request.url), encoded=True).raw_query_string
        params = dict(part.split("=", 1) for part in raw.split("&") if "=" in part)
        try:
            info_hash = _unquote_bytes(params["info_hash"])
            port = int(params["port"])
        except KeyError, ValueError:
            return _reply({"failure reason": "info_hash and port are required"})
        if len(info_hash) != 20 or not 0 < port < 65536:
            return _reply({"failure reason": "invalid info_hash or port"})
        ip = request.remote or "127.0.0.1"
        swarm = self.swarms.setdefault(info_hash, {})
        now = time.monotonic()
        for peer, seen in list(swarm.items()):
            if now - seen > PEER_TTL:
                del swarm[peer]
        if params.get("event") == "stopped":
            swarm.pop((ip, port), None)
        else:
            swarm[(ip, port)] = now
        others = [peer for peer in swarm if peer != (ip, port)]
        compact = b"".join(
            ipaddress.IPv4Address(host).packed + struct.pack(">H", p)
            for host, p in others
            if ":" not in host
        )
        return _reply(
            {
                "interval": ANNOUNCE_INTERVAL,
                "complete": len(swarm),
                "incomplete": 0,
                "peers": compact,
            }
        )

    def app(self) -> web.Application:
        """The aiohttp application."""
        app = web.Application()
        app.router.add_get("/announce", self.announce)
        return app


def _unquote_bytes(text: str) -> bytes:
    out = bytearray()
    i = 0
    while i < len(text):
        if text[i] == "%":
            out.append(int(text[i + 1 : i + 3], 16))
            i += 3
        else:
            out.append(ord("+" if text[i] == "+" else text[i]))
            i += 1
    return bytes(out)


def _reply(data: dict[str, object]) -> web.Response:
    return web.Response(body=bencode(data), content_type="text/plain")


def main(argv: list[str] | None = None) -> None:
    """Command line: serve until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    run(Tracker().app(), args.port)


if __name__ == "__main__":
    main()
