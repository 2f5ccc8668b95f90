"""A throw-away Home Assistant for the scale benchmarks: real `hass`, Pandora linked in.

`ThrowawayHass` writes a minimal configuration in a temporary folder (recorder included, as in
a real install, so state writes cost what they cost there), links in `custom_components/pandora`
(or another copy of it, to measure an older version side by side) and the benchmark's reference
integration, starts `hass`, onboards an administrator through the REST API as the UI does and
keeps an access token. The qBittorrent simulator for these benchmarks (`bench/qb_sim.py`) runs
as its own process, restarted per size on one port.

Everything it starts is stopped by `close()`, by its own process id.
"""

from __future__ import annotations

from collections.abc import Iterator
import contextlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
import json
import os
from pathlib import Path
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from typing import Any
import urllib.error
import urllib.parse
import urllib.request

from homeassistant.components.http import config as http_config

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = Path(__file__).resolve().parent / "reference_qbittorrent"
ARTIFACTS = ROOT / ".artifacts" / "bench"  # the last run's Home Assistant log
USER, PASSWORD = "bench", "pandora-bench"  # loopback only, a throw-away instance
SIM_USER, SIM_PASSWORD = "admin", "adminadmin"  # the simulator's defaults

CONFIGURATION_YAML = """\
homeassistant:
  name: Pandora bench
  unit_system: metric
  time_zone: UTC
  country: GB
  currency: EUR
frontend:
recorder:
  purge_keep_days: 1
logger:
  default: warning
"""


def free_port() -> int:
    """A free loopback port below Linux's ephemeral range (nothing outgoing takes it meanwhile)."""
    for port in range(21000, 32000, 7):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free loopback port")


def cpu_ticks(pid: int) -> int:
    """User + system CPU of a process (every thread), in clock ticks (`/proc/<pid>/stat`)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])


TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


@dataclass
class Simulator:
    """The benchmark's qBittorrent simulator process (`bench/qb_sim.py`), on a fixed port."""

    port: int
    process: subprocess.Popen[str] | None = None

    @property
    def url(self) -> str:
        """Where it serves."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, torrents: int, fraction: float) -> None:
        """(Re)start it with `torrents` torrents, `fraction` of them changing per poll."""
        self.stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.qb_sim",
                f"--torrents={torrents}",
                f"--fraction={fraction}",
                f"--port={self.port}",
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        if not self.process.stdout.readline():
            raise SystemExit("the qBittorrent simulator did not start")

    def polls(self) -> int:
        """How many `sync/maindata` requests it answered so far."""
        with urllib.request.urlopen(f"{self.url}/sim/stats", timeout=10) as resp:
            return int(json.loads(resp.read())["maindata"])

    def stop(self) -> None:
        """Stop it (and wait)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        self.process = None


@dataclass
class ThrowawayHass:
    """A real `hass` in a temporary folder; `start()`, use, always `close()`."""

    component: Path = ROOT / "custom_components" / "pandora"
    port: int = 0
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="pandora-bench-")))
    process: subprocess.Popen[bytes] | None = None
    token: str = ""
    refresh_token: str = ""

    @property
    def url(self) -> str:
        """Home Assistant's address."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        """Its websocket API."""
        return f"ws://127.0.0.1:{self.port}/api/websocket"

    @property
    def pid(self) -> int:
        """The `hass` process id."""
        assert self.process is not None
        return self.process.pid

    def _prepare(self) -> None:
        config = self.folder / "config"
        (config / "custom_components").mkdir(parents=True)
        (config / "configuration.yaml").write_text(CONFIGURATION_YAML)
        (config / "custom_components" / "pandora").symlink_to(self.component.resolve())
        (config / "custom_components" / "reference_qbittorrent").symlink_to(REFERENCE)
        # HTTP settings as confirmed ones (`.storage/http`): loopback, this port, no trial.
        storage = config / ".storage"
        storage.mkdir()
        wanted = http_config.HTTP_STORAGE_SCHEMA(
            {"server_host": ["127.0.0.1"], "server_port": self.port}
        )
        stamp = {"created_at": datetime.now(UTC).isoformat(), "error": None, "error_message": None}
        (storage / str(http_config.STORAGE_KEY)).write_text(
            json.dumps(
                {
                    "version": http_config.STORAGE_VERSION,
                    "minor_version": http_config.STORAGE_MINOR_VERSION,
                    "key": http_config.STORAGE_KEY,
                    "data": {
                        "stable": {**wanted, **stamp},
                        "pending": None,
                        "yaml_migration_done": True,
                    },
                }
            )
        )

    def start(self, timeout: float = 300) -> None:
        """Start `hass`, wait until it answers, onboard the benchmark's administrator."""
        self.port = self.port or free_port()
        self._prepare()
        hass = Path(sys.executable).with_name("hass")
        log = (self.folder / "home-assistant.log").open("wb")
        self.process = subprocess.Popen(
            [str(hass), "--config", str(self.folder / "config"), "--skip-pip"],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"Home Assistant did not start:\n{self.log_tail()}")
            time.sleep(0.5)
        self._onboard()

    def log_tail(self, size: int = 3000) -> str:
        """The end of Home Assistant's log."""
        with contextlib.suppress(OSError):
            return (self.folder / "home-assistant.log").read_text(errors="replace")[-size:]
        return ""

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/api/onboarding", timeout=2):
                return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False

    def http(self, method: str, path: str, body: Any = None, form: Any = None) -> Any:
        """One REST call as the administrator; JSON in and out."""
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.url + path, data, headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=60) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as err:
            detail = err.read().decode(errors="replace")[:300]
            raise SystemExit(
                f"Home Assistant answered {err.code} to {method} {path}: {detail}"
            ) from err
        return json.loads(raw) if raw else None

    def _onboard(self) -> None:
        client_id = f"{self.url}/"
        answer = self.http(
            "POST",
            "/api/onboarding/users",
            {
                "client_id": client_id,
                "name": "Bench",
                "username": USER,
                "password": PASSWORD,
                "language": "en",
            },
        )
        tokens = self.http(
            "POST",
            "/auth/token",
            form={
                "grant_type": "authorization_code",
                "code": answer["auth_code"],
                "client_id": client_id,
            },
        )
        self.token, self.refresh_token = tokens["access_token"], tokens["refresh_token"]
        for step in ("core_config", "analytics"):
            self.http("POST", f"/api/onboarding/{step}", {})
        self.http(
            "POST",
            "/api/onboarding/integration",
            {"client_id": client_id, "redirect_uri": f"{client_id}?auth_callback=1"},
        )
        # Onboarding adds a few default entries (weather, radio): gone, so idle means idle.
        time.sleep(2)
        for entry in self.http("GET", "/api/config/config_entries/entry"):
            if entry["domain"] not in ("pandora", "reference_qbittorrent"):
                self.http("DELETE", f"/api/config/config_entries/entry/{entry['entry_id']}")

    def browser_tokens(self) -> dict[str, Any]:
        """What Home Assistant's frontend keeps in localStorage (`hassTokens`) once logged in."""
        return {
            "access_token": self.token,
            "refresh_token": self.refresh_token,
            "expires_in": 1800,
            "expires": int(time.time() * 1000) + 1_800_000,
            "token_type": "Bearer",
            "hassUrl": self.url,
            "clientId": f"{self.url}/",
        }

    def _flow(self, start: str, handler: Any, user_input: dict[str, Any]) -> Any:
        form = self.http("POST", start, {"handler": handler})
        if form.get("type") != "form":
            return form
        return self.http("POST", f"{start}/{form['flow_id']}", user_input)

    def add_pandora(self, simulator_url: str) -> str:
        """Pandora's hub and its qBittorrent service (the UI's flows); the hub's entry id."""
        result = self._flow("/api/config/config_entries/flow", "pandora", {})
        if result.get("type") != "create_entry":
            raise SystemExit(f"Pandora's hub flow did not finish: {result}")
        entry_id = str(result["result"]["entry_id"])
        result = self._flow(
            "/api/config/config_entries/subentries/flow",
            [entry_id, "qbittorrent"],
            {
                "url": simulator_url,
                "username": SIM_USER,
                "password": SIM_PASSWORD,
                "verify_ssl": True,
            },
        )
        if result.get("type") != "create_entry":
            raise SystemExit(f"The qBittorrent service flow did not finish: {result}")
        return entry_id

    def add_reference(self, simulator_url: str) -> str:
        """The reference integration (core's approach), as a config entry; its id."""
        result = self._flow(
            "/api/config/config_entries/flow",
            "reference_qbittorrent",
            {"url": simulator_url, "username": SIM_USER, "password": SIM_PASSWORD},
        )
        if result.get("type") != "create_entry":
            raise SystemExit(f"The reference flow did not finish: {result}")
        return str(result["result"]["entry_id"])

    def entry_state(self, entry_id: str) -> str:
        """A config entry's state (`loaded`, `not_loaded`, …)."""
        for entry in self.http("GET", "/api/config/config_entries/entry"):
            if entry["entry_id"] == entry_id:
                return str(entry["state"])
        return "missing"

    def close(self) -> None:
        """Stop `hass` (by its own id), keep its log (.artifacts/bench/), delete the folder."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        with contextlib.suppress(OSError):
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.folder / "home-assistant.log", ARTIFACTS / "home-assistant.log")
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def throwaway_hass(component: Path | None = None) -> Iterator[ThrowawayHass]:
    """A started `ThrowawayHass`, closed afterwards whatever happens."""
    instance = ThrowawayHass(component=component or ROOT / "custom_components" / "pandora")
    try:
        instance.start()
        yield instance
    finally:
        instance.close()
