"""A qBittorrent Web API simulator for scale: thousands of torrents, per-session `rid` diffs.

Real qbittorrent-nox serves the functional tests; this simulator exists for what a real daemon
cannot give cheaply here: 10,000 torrents whose fields change on demand (the benchmark).
It follows qBittorrent's documented behaviour (../shared/notes/service-apis.md):
- `auth/login`: `200 Ok.` + `SID` cookie (4.x/5.0-5.1 style) or `204` + `QBT_SID_<port>` (5.2+);
  wrong credentials `200 Fails.` / `401`; requests without a valid session `403`.
- `sync/maindata?rid=N`: each session remembers the last answer it sent; when N is that answer's
  rid, only changed fields of changed torrents, `torrents_removed` and changed `server_state`
  fields are sent; any other N gets `full_update: true`.
- `torrents/info`: every torrent, every field, each call.
Simulator-only control routes live under `/sim/` (mutate a fraction of torrents, add, remove).

Run standalone: `python -m devtools.simulators.qbittorrent --torrents 10000` prints `{"port": N}`.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
import hashlib
import json
import random
import secrets
from typing import Any

from aiohttp import web

from devtools.simulators import run, serve

DEFAULT_USERNAME = "admin"
DEFAULT_PASSWORD = "adminadmin"  # qBittorrent's historical default, for a simulator only

SimTorrent = dict[str, Any]


def make_torrent(index: int, rng: random.Random, now: int) -> tuple[str, SimTorrent]:
    """A torrent dict with every field qBittorrent 4.5 returns from `torrents/info`."""
    torrent_hash = hashlib.sha1(f"pandora-sim-{index}".encode(), usedforsecurity=False).hexdigest()
    size = rng.randint(50, 60_000) * 1024 * 1024
    complete = rng.random() < 0.7
    progress = 1.0 if complete else round(rng.random(), 4)
    done = int(size * progress)
    name = f"Simulated.Release.{index:05d}.2160p.WEB-DL.x265"
    return torrent_hash, {
        "added_on": now - rng.randint(0, 90 * 86400),
        "amount_left": size - done,
        "auto_tmm": False,
        "availability": -1 if complete else round(rng.random() * 3, 3),
        "category": rng.choice(["", "movies", "tv"]),
        "completed": done,
        "completion_on": now - rng.randint(0, 86400) if complete else 0,
        "content_path": f"/downloads/{name}",
        "dl_limit": 0,
        "dlspeed": 0 if complete else rng.randint(0, 5_000_000),
        "download_path": "",
        "downloaded": done,
        "downloaded_session": 0,
        "eta": 8640000,
        "f_l_piece_prio": False,
        "force_start": False,
        "hash": torrent_hash,
        "infohash_v1": torrent_hash,
        "infohash_v2": "",
        "last_activity": now,
        "magnet_uri": f"magnet:?xt=urn:btih:{torrent_hash}&dn={name}",
        "max_ratio": -1,
        "max_seeding_time": -1,
        "name": name,
        "num_complete": rng.randint(0, 500),
        "num_incomplete": rng.randint(0, 100),
        "num_leechs": rng.randint(0, 20),
        "num_seeds": rng.randint(0, 50),
        "priority": 0 if complete else index,
        "progress": progress,
        "ratio": round(rng.random() * 4, 3),
        "ratio_limit": -2,
        "save_path": "/downloads",
        "seeding_time": rng.randint(0, 10**6) if complete else 0,
        "seeding_time_limit": -2,
        "seen_complete": now,
        "seq_dl": False,
        "size": size,
        "state": "stalledUP" if complete else rng.choice(["downloading", "stalledDL", "pausedDL"]),
        "super_seeding": False,
        "tags": "",
        "time_active": rng.randint(0, 10**6),
        "total_size": size,
        "tracker": "udp://tracker.example.org:1337/announce",
        "trackers_count": 1,
        "up_limit": 0,
        "uploaded": rng.randint(0, size * 2),
        "uploaded_session": 0,
        "upspeed": rng.randint(0, 1_000_000),
    }


def _server_state(rng: random.Random) -> dict[str, Any]:
    return {
        "alltime_dl": 10**12,
        "alltime_ul": 2 * 10**12,
        "connection_status": "connected",
        "dht_nodes": 300,
        "dl_info_data": rng.randint(0, 10**10),
        "dl_info_speed": rng.randint(0, 10**7),
        "free_space_on_disk": 500 * 10**9,
        "refresh_interval": 1500,
        "up_info_data": rng.randint(0, 10**10),
        "up_info_speed": rng.randint(0, 10**6),
        "use_alt_speed_limits": False,
    }


@dataclass
class _Session:
    rid: int = 0
    # What this session was last sent (hash -> fields), the base of the next diff.
    torrents: dict[str, SimTorrent] = field(default_factory=dict)
    server_state: dict[str, Any] = field(default_factory=dict)


@dataclass
class QBittorrentSimulator:
    """State and HTTP routes of the simulated daemon."""

    torrent_count: int = 0
    app_version: str = "v4.5.2"
    api_version: str = "2.8.19"
    username: str = DEFAULT_USERNAME
    password: str = DEFAULT_PASSWORD
    seed: int = 1
    # Filler bytes in every sync/maindata answer, streamed without a Content-Length, so only the
    # client's own count can stop the read (the oversize tests).
    maindata_padding: int = 0
    torrents: dict[str, SimTorrent] = field(default_factory=dict)
    server_state: dict[str, Any] = field(default_factory=dict)
    _sessions: dict[str, _Session] = field(default_factory=dict)
    _rng: random.Random = field(init=False)
    _next_index: int = 0

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self.server_state = _server_state(self._rng)
        for _ in range(self.torrent_count):
            self.add_torrent()

    @property
    def _new_cookie_style(self) -> bool:
        """qBittorrent 5.2+ answers 204 with a port-named cookie."""
        parts = tuple(int(p) for p in self.app_version.lstrip("v").split(".")[:2])
        return parts >= (5, 2)

    # --- state changes (the simulated world) --------------------------------------------------

    def add_torrent(self) -> str:
        """Add one simulated torrent and return its hash."""
        torrent_hash, data = make_torrent(self._next_index, self._rng, 1_795_000_000)
        self._next_index += 1
        self.torrents[torrent_hash] = data
        return torrent_hash

    def remove_torrent(self, torrent_hash: str) -> None:
        """Remove a torrent (absent hashes are ignored, as qBittorrent does)."""
        self.torrents.pop(torrent_hash, None)

    def mutate(self, fraction: float) -> list[str]:
        """Advance a fraction of the torrents as a live daemon would between two polls."""
        if not self.torrents:
            return []
        count = max(1, round(len(self.torrents) * fraction))
        chosen = self._rng.sample(list(self.torrents), min(count, len(self.torrents)))
        for torrent_hash in chosen:
            t = self.torrents[torrent_hash]
            t["upspeed"] = self._rng.randint(0, 1_000_000)
            t["uploaded"] += t["upspeed"]
            t["ratio"] = round(t["uploaded"] / max(t["size"], 1), 3)
            t["num_leechs"] = self._rng.randint(0, 20)
            t["last_activity"] += 2
            if t["progress"] < 1:
                t["dlspeed"] = self._rng.randint(0, 5_000_000)
                t["downloaded"] = min(t["size"], t["downloaded"] + t["dlspeed"])
                t["completed"] = t["downloaded"]
                t["amount_left"] = t["size"] - t["downloaded"]
                t["progress"] = round(t["downloaded"] / t["size"], 4)
                t["eta"] = t["amount_left"] // t["dlspeed"] if t["dlspeed"] else 8640000
                if t["amount_left"] == 0:
                    t["progress"], t["state"], t["dlspeed"] = 1.0, "uploading", 0
        self.server_state["dl_info_speed"] = self._rng.randint(0, 10**7)
        self.server_state["up_info_speed"] = self._rng.randint(0, 10**6)
        return chosen

    # --- Web API -------------------------------------------------------------------------------

    def _session(self, request: web.Request) -> _Session:
        for name, value in request.cookies.items():
            if (name == "SID" or name.startswith("QBT_SID_")) and value in self._sessions:
                return self._sessions[value]
        raise web.HTTPForbidden(text="Forbidden")

    async def login(self, request: web.Request) -> web.Response:
        """`POST /api/v2/auth/login`."""
        form = await request.post()
        if form.get("username") != self.username or form.get("password") != self.password:
            if self._new_cookie_style:
                raise web.HTTPUnauthorized(text="Unauthorized")
            return web.Response(text="Fails.")
        sid = secrets.token_urlsafe(24)
        self._sessions[sid] = _Session()
        if self._new_cookie_style:
            port = request.url.port or 80
            response = web.Response(status=204)
            response.set_cookie(f"QBT_SID_{port}", sid, httponly=True, samesite="Strict")
            return response
        response = web.Response(text="Ok.")
        response.set_cookie("SID", sid, httponly=True, samesite="Strict")
        return response

    async def logout(self, request: web.Request) -> web.Response:
        """`POST /api/v2/auth/logout`."""
        for value in request.cookies.values():
            self._sessions.pop(value, None)
        return web.Response(text="")

    async def version(self, request: web.Request) -> web.Response:
        """`GET /api/v2/app/version`."""
        self._session(request)
        return web.Response(text=self.app_version)

    async def webapi_version(self, request: web.Request) -> web.Response:
        """`GET /api/v2/app/webapiVersion`."""
        self._session(request)
        return web.Response(text=self.api_version)

    async def maindata(self, request: web.Request) -> web.StreamResponse:
        """`GET /api/v2/sync/maindata?rid=N`: a diff against this session's last answer."""
        session = self._session(request)
        try:
            rid = int(request.query.get("rid", "0"))
        except ValueError:
            rid = 0
        payload: dict[str, Any] = {"rid": session.rid + 1}
        if rid == 0 or rid != session.rid:
            payload |= {
                "full_update": True,
                "torrents": {h: _without_hash(t) for h, t in self.torrents.items()},
                "server_state": dict(self.server_state),
                "categories": {
                    "movies": {"name": "movies", "savePath": ""},
                    "tv": {"name": "tv", "savePath": ""},
                },
                "tags": [],
                "trackers": {},
            }
        else:
            changed: dict[str, SimTorrent] = {}
            for torrent_hash, torrent in self.torrents.items():
                sent = session.torrents.get(torrent_hash)
                if sent is None:
                    changed[torrent_hash] = _without_hash(torrent)
                elif sent != torrent:
                    changed[torrent_hash] = {k: v for k, v in torrent.items() if sent.get(k) != v}
            if changed:
                payload["torrents"] = changed
            removed = [h for h in session.torrents if h not in self.torrents]
            if removed:
                payload["torrents_removed"] = removed
            state = {k: v for k, v in self.server_state.items() if session.server_state.get(k) != v}
            if state:
                payload["server_state"] = state
        session.rid += 1
        # Copies: later mutations must show up as differences against what was sent.
        session.torrents = {h: dict(t) for h, t in self.torrents.items()}
        session.server_state = dict(self.server_state)
        if self.maindata_padding:
            return await self._padded(request, payload)
        return web.json_response(payload)

    async def _padded(self, request: web.Request, payload: dict[str, Any]) -> web.StreamResponse:
        """`payload` plus a `padding` string of `maindata_padding` bytes, in chunks."""
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        chunk = b"x" * 2**20
        try:
            await response.write(json.dumps(payload)[:-1].encode() + b', "padding": "')
            for start in range(0, self.maindata_padding, len(chunk)):
                await response.write(chunk[: self.maindata_padding - start])
            await response.write(b'"}')
            await response.write_eof()
        except ConnectionResetError:
            pass  # the client stopped reading: what the test wants
        return response

    async def torrents_info(self, request: web.Request) -> web.Response:
        """`GET /api/v2/torrents/info` (filter by `hashes` supported)."""
        self._session(request)
        wanted = request.query.get("hashes")
        items = list(self.torrents.values())
        if wanted:
            keep = set(wanted.split("|"))
            items = [t for t in items if t["hash"] in keep]
        return web.json_response(items)

    async def sim_mutate(self, request: web.Request) -> web.Response:
        """`POST /sim/mutate?fraction=0.01`: advance that share of torrents."""
        changed = self.mutate(float(request.query.get("fraction", "0.01")))
        return web.json_response({"changed": len(changed)})

    async def sim_add(self, _request: web.Request) -> web.Response:
        """`POST /sim/add`: one new torrent."""
        return web.json_response({"hash": self.add_torrent()})

    async def sim_remove(self, request: web.Request) -> web.Response:
        """`POST /sim/remove?hash=H`."""
        self.remove_torrent(request.query["hash"])
        return web.json_response({})

    def app(self) -> web.Application:
        """The aiohttp application serving the simulated Web API."""
        app = web.Application()
        app.router.add_post("/api/v2/auth/login", self.login)
        app.router.add_post("/api/v2/auth/logout", self.logout)
        app.router.add_get("/api/v2/app/version", self.version)
        app.router.add_get("/api/v2/app/webapiVersion", self.webapi_version)
        app.router.add_get("/api/v2/sync/maindata", self.maindata)
        app.router.add_get("/api/v2/torrents/info", self.torrents_info)
        app.router.add_post("/sim/mutate", self.sim_mutate)
        app.router.add_post("/sim/add", self.sim_add)
        app.router.add_post("/sim/remove", self.sim_remove)
        return app


def _without_hash(torrent: SimTorrent) -> SimTorrent:
    # sync/maindata keys torrents by hash and leaves the field out of each dict.
    return {k: v for k, v in torrent.items() if k != "hash"}


async def start(simulator: QBittorrentSimulator, port: int = 0) -> tuple[web.AppRunner, int]:
    """Serve on 127.0.0.1 (port 0: any free port); returns the runner and the port."""
    return await serve(simulator.app(), port)


def main(argv: list[str] | None = None) -> None:
    """Command line: serve a simulator until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--torrents", type=int, default=10_000)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--app-version", default="v4.5.2")
    args = parser.parse_args(argv)
    simulator = QBittorrentSimulator(torrent_count=args.torrents, app_version=args.app_version)
    run(simulator.app(), args.port)


if __name__ == "__main__":
    main()
