"""qBittorrent: the seeder and the demo daemon, with the demo's torrents."""

from __future__ import annotations

from collections.abc import Iterator
import json
import shutil

from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.torrents import TorrentFile, make_payload, make_torrent

from .processes import _alive, _save_state
from .settings import (
    DEMO,
    DEMO_FILES,
    LIVE_RATE,
    QB_BT_PORT,
    QB_PASSWORD,
    QB_PORT,
    QB_USER,
    SEEDER_BT_PORT,
    SEEDER_PORT,
    SHARE,
    log,
)


def _daemon(name: str, port: int, bt_port: int) -> QBittorrentDaemon:
    return QBittorrentDaemon(
        version="4",
        username=QB_USER,
        password=QB_PASSWORD,
        webui_port=port,
        bt_port=bt_port,
        base=DEMO / name,
    )


def _demo_torrents() -> Iterator[tuple[TorrentFile, str]]:
    """The demo files (made once, deterministic) and their torrents."""
    source = DEMO / "seeder" / "data"
    for name, size, role in DEMO_FILES:
        path = source / name
        if not path.exists() or path.stat().st_size != size:
            make_payload(source, name, size, seed=b"pandora-demo")
        yield make_torrent(path, comment="Pandora demo"), role


def start_qbittorrent(state: dict[str, int]) -> None:
    """Start the seeder and the demo daemon; give them their torrents the first time."""
    seeder = _daemon("seeder", SEEDER_PORT, SEEDER_BT_PORT)
    demo = _daemon("qbittorrent", QB_PORT, QB_BT_PORT)
    for key, daemon in (("seeder", seeder), ("qbittorrent", demo)):
        if _alive(state.get(key)):
            continue
        log(f"starting qbittorrent-nox ({key}) on {daemon.url}")
        daemon.start()
        assert daemon.process is not None
        state[key] = daemon.process.pid
        _save_state(state)

    torrents = list(_demo_torrents())
    known = {t["hash"] for t in demo.torrents()}
    seeded = {t["hash"] for t in seeder.torrents()}
    for torrent, role in torrents:
        if torrent.infohash not in seeded:
            seeder.add_torrent_file(torrent.content, torrent.path.parent, skip_checking=True)
        if torrent.infohash in known:
            continue
        log(f"adding {torrent.name} ({role})")
        if role == "seed":
            shutil.copyfile(torrent.path, demo.downloads / torrent.name)
            demo.add_torrent_file(torrent.content, demo.downloads, skip_checking=True)
        else:
            demo.add_torrent_file(torrent.content, demo.downloads, paused=role == "paused")
            if role == "live":
                demo.wait_for(lambda t, h=torrent.infohash: t["hash"] == h, timeout=15)
                demo.api(
                    "torrents/setDownloadLimit",
                    {"hashes": torrent.infohash, "limit": str(LIVE_RATE)},
                )
    # New downloads land in the share, where the pipeline and Cloud Commander find them.
    demo.api("app/setPreferences", {"json": json.dumps({"save_path": str(SHARE / "Downloads")})})
    # Peers are not remembered across restarts (no tracker, no DHT): introduce them again.
    live = [t.infohash for t, role in torrents if role != "seed"]
    demo.api(
        "torrents/addPeers",
        {"hashes": "|".join(live), "peers": f"127.0.0.1:{SEEDER_BT_PORT}"},
    )
