"""Start and stop a real Cloud Commander on loopback for tests.

`scripts/bootstrap.sh` installs cloudcmd with npm into `.toolchain/cloudcmd`. It has no `--ip`
flag: the `IP` environment variable binds it to 127.0.0.1, and a private `HOME` keeps its
`~/.cloudcmd.json` away from the user's. The console, terminal and config dialog are disabled
(the console is a shell). Each server gets a fresh temporary folder:

    <base>/share/{Downloads,Downloaded,Movies,TV Shows}   the root it serves
    <base>/home                                           its HOME
    <base>/cloudcmd.log                                   its output

so files "next to the share" (`outside`) are a real target for escape attempts.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
import http.client
import os
from pathlib import Path
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

from custom_components.pandora.const import (
    CONF_QBITTORRENT_ROOT,
    CONF_VERIFY_SSL,
    DEFAULT_FOLDERS,
    SUBENTRY_CLOUDCMD,
)
from devtools.support.qbittorrent_daemon import free_port
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_URL

ROOT = Path(__file__).resolve().parents[2]
CLOUDCMD = Path(
    os.environ.get(
        "PANDORA_CLOUDCMD", ROOT / ".toolchain" / "cloudcmd" / "node_modules" / ".bin" / "cloudcmd"
    )
)
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
SHARE_FOLDERS = ("Downloads", "Downloaded", "Movies", "TV Shows")


def cloudcmd_available() -> bool:
    """Whether the npm-installed cloudcmd is there."""
    return CLOUDCMD.exists() and shutil.which("node") is not None


@dataclass
class CloudCommander:
    """One cloudcmd process serving its own temporary share on 127.0.0.1."""

    username: str | None = None  # None: --no-auth
    password: str | None = None
    port: int = field(default_factory=free_port)
    base: Path | None = None
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The server address."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def outside(self) -> Path:
        """The folder that holds the share: outside of what the server may touch."""
        assert self.base is not None, "not started"
        return self.base

    @property
    def root(self) -> Path:
        """The served share."""
        return self.outside / "share"

    def subentry(self, title: str = "Share") -> ConfigSubentryData:
        """This share as a Cloud Commander service, its root as a local qBittorrent sees it.

        With the default folders; the root mapping lets the completed-download pipeline run.
        """
        return ConfigSubentryData(
            data={
                CONF_URL: self.url,
                CONF_VERIFY_SSL: True,
                **DEFAULT_FOLDERS,
                CONF_QBITTORRENT_ROOT: str(self.root),
            },
            subentry_type=SUBENTRY_CLOUDCMD,
            title=title,
            unique_id=self.url,
        )

    def command(self) -> list[str]:
        """The cloudcmd command line."""
        command = [
            str(CLOUDCMD),
            "--root",
            str(self.root),
            "--port",
            str(self.port),
            "--no-open",
            "--no-console",
            "--no-terminal",
            "--no-config-dialog",
            "--no-contact",
            "--no-show-config",
        ]
        if self.username is None:
            return [*command, "--no-auth"]
        return [*command, "--auth", "--username", self.username, "--password", self.password or ""]

    def start(self) -> CloudCommander:
        """Start the server and wait (bounded) until `/api/v1` answers."""
        if not cloudcmd_available():
            raise RuntimeError(f"cloudcmd missing at {CLOUDCMD}: run scripts/bootstrap.sh")
        if self.base is None:  # a preset base (the demo's) is kept, share included
            self.base = Path(tempfile.mkdtemp(prefix="pandora-cloudcmd-"))
        for folder in SHARE_FOLDERS:
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        home = self.base / "home"
        home.mkdir(parents=True, exist_ok=True)
        with (self.base / "cloudcmd.log").open("wb") as log:
            self.process = subprocess.Popen(
                self.command(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={
                    "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
                    "HOME": str(home),
                    "IP": "127.0.0.1",
                    "LANG": "C.UTF-8",
                    "NODE_ENV": "production",
                },
                cwd=home,
                start_new_session=True,  # stop() signals the whole group
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self.log_tail()
                self.stop()
                raise RuntimeError(f"cloudcmd exited at start: {tail}")
            if self._answers():
                return self
            time.sleep(0.1)
        tail = self.log_tail()
        self.stop()
        raise RuntimeError(f"cloudcmd did not answer within {START_TIMEOUT:g} s: {tail}")

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/api/v1", timeout=1):
                return True
        except urllib.error.HTTPError as err:
            return err.code == 401  # up, and asking for credentials
        except OSError:
            return False

    def alive(self, settle: float = 0.3) -> bool:
        """Whether the process still runs and answers.

        Cloud Commander's crashes are asynchronous (an unhandled stream error after the answer
        went out), so wait `settle` seconds before looking.
        """
        time.sleep(settle)
        return self.process is not None and self.process.poll() is None and self._answers()

    def raw(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        """One request straight to the server (no client-side checks), for set-up and probes.

        Status 0 means the connection closed without an answer.
        """
        headers = {"Content-Type": "application/json"}
        if self.username is not None:
            token = f"{self.username}:{self.password or ''}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(token).decode()
        request = urllib.request.Request(
            f"{self.url}{path}", data=body, method=method, headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as resp:
                return resp.status, bytes(resp.read())
        except urllib.error.HTTPError as err:
            return err.code, bytes(err.read())
        except OSError, http.client.HTTPException:
            return 0, b""  # no answer: the server died on this request

    def log_tail(self) -> str:
        """The end of the server's output, for failure messages."""
        if self.base is None:
            return ""
        try:
            return (self.base / "cloudcmd.log").read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL, bounded) and delete its files."""
        self.halt()
        if self.base is not None:
            shutil.rmtree(self.base, ignore_errors=True)
            self.base = None

    def halt(self) -> None:
        """Stop the process only: the share stays, and `start()` serves it again on the same
        port (a restart, or with a new `password`, the password changed on the server)."""
        if self.process is not None:
            if self.process.poll() is None:
                try:
                    os.killpg(self.process.pid, signal.SIGTERM)
                    self.process.wait(timeout=STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    os.killpg(self.process.pid, signal.SIGKILL)
                    self.process.wait(timeout=5)
                except ProcessLookupError:
                    pass
            self.process = None

    def __enter__(self) -> CloudCommander:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
