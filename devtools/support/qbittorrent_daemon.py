"""Start and stop real qbittorrent-nox daemons on loopback for tests, the demo and benchmarks.

qBittorrent 4.5 is Debian bookworm's package; 5.x runs from the Debian sid chroot that
`scripts/bootstrap.sh` builds in `.toolchain/qb5-chroot`. Every daemon gets a fresh profile with
a pre-written config (loopback only, no DHT/LSD/PeX/UPnP, PBKDF2 password), so nothing ever
listens beyond 127.0.0.1.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
import hashlib
import os
from pathlib import Path
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = Path(__file__).resolve().parents[2]
QB5_CHROOT = Path(os.environ.get("PANDORA_QB5_CHROOT", ROOT / ".toolchain" / "qb5-chroot"))
START_TIMEOUT = 30.0


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pbkdf2_hash(password: str) -> str:
    """qBittorrent's WebUI\\Password_PBKDF2 value."""
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 100_000, 64)
    return f"@ByteArray({base64.b64encode(salt).decode()}:{base64.b64encode(key).decode()})"


def qb5_available() -> bool:
    """Whether the qBittorrent 5 chroot is built and usable (needs root for chroot)."""
    return (QB5_CHROOT / "usr/bin/qbittorrent-nox").exists() and os.geteuid() == 0


@dataclass
class QBittorrentDaemon:
    """One qbittorrent-nox process with its own profile and download folder."""

    version: str = "4"  # "4" (host package) or "5" (sid chroot)
    username: str = "pandora"
    password: str = "pandora-secret"
    bypass_localhost: bool = False
    max_auth_failures: int | None = None
    webui_port: int = field(default_factory=free_port)
    bt_port: int = field(default_factory=free_port)
    base: Path | None = None
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The Web UI address."""
        return f"http://127.0.0.1:{self.webui_port}"

    @property
    def host_base(self) -> Path:
        """Where this daemon's files are, as seen from the host."""
        assert self.base is not None
        return self.base

    @property
    def downloads(self) -> Path:
        """Download folder as seen from the host."""
        return self.host_base / "downloads"

    def daemon_path(self, host_path: Path) -> str:
        """A host path as the daemon sees it (inside the chroot for 5.x)."""
        if self.version == "5":
            return "/" + str(host_path.relative_to(QB5_CHROOT))
        return str(host_path)

    def _write_config(self) -> Path:
        profile = self.host_base / "profile"
        conf_dir = profile / "qBittorrent" / "config"
        conf_dir.mkdir(parents=True, exist_ok=True)
        self.downloads.mkdir(parents=True, exist_ok=True)
        lines = [
            "[LegalNotice]",
            "Accepted=true",
            "[BitTorrent]",
            f"Session\\Port={self.bt_port}",
            "Session\\Interface=lo",
            "Session\\InterfaceName=lo",
            "Session\\InterfaceAddress=127.0.0.1",
            "Session\\DHTEnabled=false",
            "Session\\LSDEnabled=false",
            "Session\\PeXEnabled=false",
            "Session\\AnonymousModeEnabled=true",
            f"Session\\DefaultSavePath={self.daemon_path(self.downloads)}",
            "Session\\TempPathEnabled=false",
            "Session\\QueueingSystemEnabled=false",
            "[Network]",
            "PortForwardingEnabled=false",
            "[Preferences]",
            "Connection\\ResolvePeerCountries=false",
            "General\\StatusbarExternalIPDisplayed=false",
            "WebUI\\Address=127.0.0.1",
            f"WebUI\\Port={self.webui_port}",
            f"WebUI\\Username={self.username}",
            f'WebUI\\Password_PBKDF2="{pbkdf2_hash(self.password)}"',
            f"WebUI\\LocalHostAuth={'false' if self.bypass_localhost else 'true'}",
            "WebUI\\CSRFProtection=true",
            "WebUI\\HostHeaderValidation=false",
        ]
        if self.max_auth_failures is not None:
            lines.append(f"WebUI\\MaxAuthenticationFailCount={self.max_auth_failures}")
        (conf_dir / "qBittorrent.conf").write_text("\n".join(lines) + "\n")
        return profile

    def start(self) -> QBittorrentDaemon:
        """Start the daemon and wait until its Web UI answers.

        A preset `base` (the demo's) is reused, torrents included; otherwise a fresh temporary
        folder is made and `stop()` deletes it.
        """
        if self.base is not None:
            self.base.mkdir(parents=True, exist_ok=True)
        elif self.version == "5":
            if not qb5_available():
                raise RuntimeError(
                    f"qBittorrent 5 chroot missing at {QB5_CHROOT}: run scripts/bootstrap.sh"
                )
            parent = QB5_CHROOT / "pandora-run"
            parent.mkdir(exist_ok=True)
            self.base = Path(tempfile.mkdtemp(prefix="qb5-", dir=parent))
        else:
            self.base = Path(tempfile.mkdtemp(prefix="pandora-qb4-"))
        profile = self._write_config()
        command = [
            "qbittorrent-nox",
            f"--profile={self.daemon_path(profile)}",
            f"--webui-port={self.webui_port}",
        ]
        if self.version == "5":
            command = ["chroot", str(QB5_CHROOT), *command]
        log = (self.host_base / "daemon.log").open("wb")
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={
                "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
                "HOME": self.daemon_path(self.host_base),
                "LANG": "C.UTF-8",
            },
            start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"qbittorrent-nox {self.version} exited: {self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/v2/app/version", timeout=1):
                    pass
                break
            except urllib.error.HTTPError:
                break  # 403 without a session: the Web UI is up
            except OSError:
                time.sleep(0.1)
        else:
            self.stop()
            raise RuntimeError(f"qbittorrent-nox {self.version} did not start: {self.log_tail()}")
        return self

    # --- direct Web API access for test set-up (independent of the client under test) ----------

    _cookie: str = ""

    def api(
        self,
        path: str,
        data: dict[str, str] | None = None,
        files: dict[str, tuple[str, bytes]] | None = None,
    ) -> bytes:
        """POST (or GET when no data/files) to /api/v2/<path> with a logged-in session."""
        if not self._cookie:
            login = urllib.request.Request(
                f"{self.url}/api/v2/auth/login",
                data=urllib.parse.urlencode(
                    {"username": self.username, "password": self.password}
                ).encode(),
            )
            with urllib.request.urlopen(login, timeout=10) as resp:
                cookie = resp.headers.get("Set-Cookie", "")
            self._cookie = cookie.split(";", 1)[0]
        body: bytes | None = None
        headers = {"Cookie": self._cookie}
        if files:
            boundary = "pandora" + os.urandom(8).hex()
            parts = []
            for name, value in (data or {}).items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                )
            for name, (filename, content) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    "Content-Type: application/x-bittorrent\r\n\r\n".encode()
                    + content
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif data is not None:
            body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(f"{self.url}/api/v2/{path}", data=body, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as resp:
            return bytes(resp.read())

    def add_torrent_file(
        self, content: bytes, save_dir: Path, *, skip_checking: bool = False, paused: bool = False
    ) -> None:
        """Add a .torrent whose data is (or will be) in `save_dir` (a host path)."""
        data = {"savepath": self.daemon_path(save_dir), "skip_checking": str(skip_checking).lower()}
        data["stopped" if self.version == "5" else "paused"] = str(paused).lower()
        self.api("torrents/add", data, files={"torrents": ("t.torrent", content)})

    def torrents(self) -> list[dict[str, object]]:
        """Every torrent, straight from torrents/info."""
        import json

        return list(json.loads(self.api("torrents/info")))

    def remove_all(self) -> None:
        """Delete every torrent and its data (between tests)."""
        self.api("torrents/delete", {"hashes": "all", "deleteFiles": "true"})
        deadline = time.monotonic() + 10
        while self.torrents() and time.monotonic() < deadline:
            time.sleep(0.1)

    def wait_for(self, predicate: object, timeout: float = 30.0) -> dict[str, object]:
        """Poll torrents/info until `predicate(torrent)` holds for one torrent; return it."""
        assert callable(predicate)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for torrent in self.torrents():
                if predicate(torrent):
                    return torrent
            time.sleep(0.2)
        raise TimeoutError(f"no torrent matched within {timeout}s: {self.torrents()}")

    def log_tail(self) -> str:
        """The end of the daemon's output, for failure messages."""
        try:
            return (self.host_base / "daemon.log").read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def try_login(self, password: str) -> bool:
        """Log in once with `password`, as someone else at this address would (a refusal counts
        towards qBittorrent's ban); whether it was accepted."""
        request = urllib.request.Request(
            f"{self.url}/api/v2/auth/login",
            data=urllib.parse.urlencode({"username": self.username, "password": password}).encode(),
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as resp:
                return bytes(resp.read()).strip() in (b"Ok.", b"")  # 204 from 5.2
        except urllib.error.HTTPError:
            return False  # 401 refused (5.2+), 403 banned

    def refused_logins(self) -> int:
        """Logins qBittorrent refused since this profile was made, from its own log file.

        Read from the file, not the Web API: a successful login would clear qBittorrent's count
        of failed attempts, which is what bans an address.
        """
        log = self.host_base / "profile" / "qBittorrent" / "data" / "logs" / "qbittorrent.log"
        try:
            text = log.read_text(errors="replace")
        except FileNotFoundError:
            return 0
        return text.count("WebAPI login failure. Reason: invalid credentials")

    def restart(self, *, password: str | None = None) -> QBittorrentDaemon:
        """Stop the process and start it again on the same profile, ports and torrents.

        SIGTERM lets qBittorrent save its resume data, as a service manager's stop does.
        `password` restarts it with another Web UI password (changed while it was down).
        """
        self._terminate()
        if password is not None:
            self.password = password
        self._cookie = ""
        return self.start()

    def halt(self) -> None:
        """Stop the process but keep its profile and torrents (`start()` brings it back)."""
        self._terminate()
        self._cookie = ""

    def _terminate(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.process = None

    def stop(self) -> None:
        """Stop the daemon (SIGTERM, then SIGKILL) and delete its files."""
        self._terminate()
        if self.base is not None:
            shutil.rmtree(self.base, ignore_errors=True)
            self.base = None

    def __enter__(self) -> QBittorrentDaemon:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
