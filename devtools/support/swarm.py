"""A loopback BitTorrent swarm for end-to-end downloads: a tracker, a seeder and a downloader.

The tracker (devtools/simulators/tracker.py) runs as its own process; releases made here announce
on it, so the downloader finds the seeder by itself, the way qBittorrent finds peers on the
internet (no `add_peers` needed), and a release the seeder does not hold has no peers at all (a
stalled download). The Jackett simulator offers each release as a real `.torrent`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import json
from pathlib import Path
import shutil
import signal
import subprocess
import sys
import tempfile

from devtools.simulators.jackett import SimRelease
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.torrents import TorrentFile, make_payload, make_torrent

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30.0


@dataclass
class TrackerProcess:
    """`python -m devtools.simulators.tracker` on a free port."""

    process: subprocess.Popen[str] | None = None
    port: int = 0

    @property
    def announce(self) -> str:
        """The announce URL releases name."""
        return f"http://127.0.0.1:{self.port}/announce"

    def start(self) -> TrackerProcess:
        """Start it and read the port it printed."""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "devtools.simulators.tracker", "--port", "0"],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()  # the simulator prints {"port": N} first
        if not line:
            self.stop()
            raise RuntimeError("the tracker simulator did not start")
        self.port = int(json.loads(line)["port"])
        return self

    def stop(self) -> None:
        """Stop it (SIGTERM, then SIGKILL)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self.process is not None and self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None


@dataclass
class Swarm:
    """The tracker, a seeding qbittorrent-nox and the downloading one Pandora manages."""

    tracker: TrackerProcess = field(default_factory=TrackerProcess)
    seeder: QBittorrentDaemon = field(default_factory=QBittorrentDaemon)
    downloader: QBittorrentDaemon = field(default_factory=QBittorrentDaemon)
    unseeded: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="pandora-no-")))

    def start(self) -> Swarm:
        """Start all three."""
        try:
            self.tracker.start()
            self.seeder.start()
            self.downloader.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop all three and delete their files."""
        self.downloader.stop()
        self.seeder.stop()
        self.tracker.stop()
        shutil.rmtree(self.unseeded, ignore_errors=True)

    def __enter__(self) -> Swarm:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def release(self, name: str, size: int, *, seeded: bool = True) -> TorrentFile:
        """A file and its torrent announcing on the tracker; the seeder seeds it if `seeded`.

        An unseeded release has no peer anywhere: downloading it never progresses.
        """
        folder = self.seeder.host_base / "data" if seeded else self.unseeded
        payload = make_payload(folder, name, size, seed=b"pandora-swarm")
        torrent = make_torrent(payload, comment="Pandora swarm", announce=self.tracker.announce)
        if seeded:
            self.seeder.add_torrent_file(torrent.content, folder, skip_checking=True)
            self.seeder.wait_for(
                lambda t: t["hash"] == torrent.infohash and t["progress"] == 1, timeout=30
            )
        return torrent

    def preload(self, torrent: TorrentFile) -> None:
        """Put a complete copy in the downloader, as if someone had downloaded it by hand."""
        shutil.copyfile(torrent.path, self.downloader.downloads / torrent.name)
        self.downloader.add_torrent_file(
            torrent.content, self.downloader.downloads, skip_checking=True
        )
        self.downloader.wait_for(lambda t: t["hash"] == torrent.infohash and t["progress"] == 1)

    def limit_downloads(self, bytes_per_second: int) -> None:
        """Cap the downloader's global download rate (0: no cap); loopback peers included."""
        prefs = {"dl_limit": bytes_per_second, "limit_lan_peers": True}
        self.downloader.api("app/setPreferences", {"json": json.dumps(prefs)})

    def reset(self) -> None:
        """Empty the downloader (torrents and files) and lift its cap, between tests."""
        self.downloader.remove_all()
        self.limit_downloads(0)
        for entry in self.downloader.downloads.iterdir():
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def sim_release(
    torrent: TorrentFile,
    title: str,
    *,
    seeders: int,
    tmdb_id: int | None = None,
    categories: tuple[int, ...] = (2000, 2040),
) -> SimRelease:
    """What the Jackett simulator lists for a release: a `.torrent` link, no magnet."""
    return SimRelease(
        title,
        size=torrent.size,
        seeders=seeders,
        leechers=0,
        infohash=torrent.infohash,
        torrent_bytes=torrent.content,
        magnet=False,
        tmdb_id=tmdb_id,
        categories=categories,
    )
