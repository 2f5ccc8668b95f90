"""A private, real Docker Engine for tests: its own dockerd, data, socket and busybox image.

`scripts/bootstrap.sh` installs Debian's `docker.io` (dockerd 20.10) and `busybox-static`. Every
`DockerEngine` runs its own dockerd (root required) in a short temporary folder, with the vfs
storage driver and no networking set-up at all (no iptables, no masquerading, no bridge), so it
never touches the host's Docker, if any, nor the host's firewall:

    /tmp/pd-XXXX/docker.sock   the Engine API (unix socket paths are limited to 108 bytes)
    /tmp/pd-XXXX/data          images and containers     /tmp/pd-XXXX/exec   runtime state
    /tmp/pd-XXXX/dockerd.log   its output

Images cannot be pulled here: `ensure_image()` imports `pandora/busybox:1` from a tar holding
the static busybox and its applet links (`POST /images/create?fromSrc=-`). Containers must run
with `NetworkMode: none`. The engine is talked to with blocking `http.client` over the unix
socket, which is fine for set-up and checks in tests; the code under test goes through the
Portainer simulator, which uses aiohttp.

`stop()` removes every container, stops dockerd (which stops its containerd), kills whatever
of ours is left (containerd, shims, container processes: found by the folder in their command
line or by descent from them), unmounts and deletes the folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
import contextlib
import ctypes
from dataclasses import dataclass
import http.client
import io
import json
import os
from pathlib import Path
import shutil
import signal
import socket
import subprocess
import tarfile
import tempfile
import threading
import time
from typing import Any
import urllib.parse

import pytest
import pytest_socket

DOCKERD = Path(os.environ.get("PANDORA_DOCKERD", "/usr/sbin/dockerd"))
BUSYBOX = Path(os.environ.get("PANDORA_BUSYBOX", "/usr/bin/busybox"))
IMAGE = "pandora/busybox:1"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0
# The applets the test containers use, linked to /bin/busybox in the image.
APPLETS = (
    "sh",
    "ash",
    "echo",
    "printf",
    "sleep",
    "cat",
    "env",
    "touch",
    "rm",
    "test",
    "[",
    "ls",
    "true",
    "false",
    "kill",
    "seq",
    "date",
    "head",
    "tail",
    "grep",
    "yes",
    "dd",
    "mkdir",
    "wc",
    "ps",
    "hostname",
    "id",
    "tr",
)
# A container command that exits at once on SIGTERM (a shell as PID 1 ignores it otherwise).
TRAP = "trap 'exit 0' TERM INT; "
PR_SET_PDEATHSIG = 1


def nanoseconds(seconds: float) -> int:
    """Seconds as the Engine API's nanosecond durations."""
    return round(seconds * 1_000_000_000)


def forever(script: str, *, every: float = 1.0) -> list[str]:
    """A `sh -c` command running `script` every `every` seconds until SIGTERM (then exit 0)."""
    return ["sh", "-c", f"{TRAP}while :; do {script}; sleep {every:g} & wait $!; done"]


def busybox_tar() -> bytes:
    """A root filesystem tar: `bin/busybox` plus its applet links, and the usual empty dirs."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name in ("bin", "tmp", "etc", "proc", "sys", "dev", "root", "var"):
            info = tarfile.TarInfo(name)
            info.type = tarfile.DIRTYPE
            info.mode = 0o1777 if name == "tmp" else 0o755
            tar.addfile(info)
        tar.add(BUSYBOX, arcname="bin/busybox")
        for applet in APPLETS:
            info = tarfile.TarInfo(f"bin/{applet}")
            info.type = tarfile.SYMTYPE
            info.linkname = "busybox"
            info.mode = 0o777
            tar.addfile(info)
    return buffer.getvalue()


class DockerError(RuntimeError):
    """The Engine answered an error status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"Docker Engine answered {status}: {message}")
        self.status = status
        self.message = message


class _UnixConnection(http.client.HTTPConnection):
    """`http.client` over a unix socket."""

    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self.unix_path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self.unix_path)
        self.sock = sock


_LIBC = ctypes.CDLL(None, use_errno=True)


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the test process dies (even by SIGKILL).

    dockerd then shuts down as usual, containerd and containers with it, instead of being
    left behind by a killed test run (only the folder stays). Only a prctl call: nothing that
    could take a lock held by another thread of the parent.
    """
    _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: the fields follow the last ")".
        ppid = int(stat.rpartition(")")[2].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@dataclass
class DockerEngine:
    """One private dockerd; `start()` it, `stop()` it."""

    base: Path | None = None
    process: subprocess.Popen[bytes] | None = None

    @property
    def socket_path(self) -> str:
        """The Engine API's unix socket."""
        assert self.base is not None, "the engine is not started"
        return str(self.base / "docker.sock")

    # --- life cycle -----------------------------------------------------------------------------

    def start(self) -> DockerEngine:
        """Start dockerd and wait (at most START_TIMEOUT) until `GET /_ping` answers."""
        if not DOCKERD.exists() or not BUSYBOX.exists():
            raise RuntimeError(
                f"{DOCKERD} or {BUSYBOX} is missing: run scripts/bootstrap.sh "
                "(it installs Debian's docker.io and busybox-static)"
            )
        if os.geteuid() != 0:
            raise RuntimeError("dockerd needs root: run the tests as root")
        self.base = Path(tempfile.mkdtemp(prefix="pd-", dir="/tmp"))
        base = self.base
        command = [
            str(DOCKERD),
            "--data-root",
            str(base / "data"),
            "--exec-root",
            str(base / "exec"),
            "-H",
            f"unix://{base / 'docker.sock'}",
            "--pidfile",
            str(base / "docker.pid"),
            "--storage-driver",
            "vfs",
            "--iptables=false",
            "--ip-masq=false",
            "--bridge=none",
        ]
        log = (base / "dockerd.log").open("wb")
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(base)},
            start_new_session=True,
            # The death signal follows the thread that forks: only tie it to the main thread.
            preexec_fn=_die_with_parent  # noqa: PLW1509 - async-signal-safe: one prctl call
            if threading.current_thread() is threading.main_thread()
            else None,
        )
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self.log_tail()
                self.stop()
                raise RuntimeError(f"dockerd exited: {tail}")
            try:
                status, body = self.request("GET", "/_ping", timeout=2)
            except OSError:
                time.sleep(0.1)
                continue
            if status == 200 and body == b"OK":
                return self
            time.sleep(0.1)
        tail = self.log_tail()
        self.stop()
        raise RuntimeError(f"dockerd did not answer /_ping within {START_TIMEOUT:g} s: {tail}")

    def log_tail(self, lines: int = 15) -> str:
        """The end of dockerd's output."""
        if self.base is None:
            return ""
        try:
            text = (self.base / "dockerd.log").read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def _ours(self) -> list[int]:
        """Our processes still alive: dockerd, containerd, shims and their descendants."""
        assert self.base is not None
        marker = f"{self.base}/"  # /tmp/pd-ab must not match /tmp/pd-abc
        tree = _children()
        roots = [pid for pids in tree.values() for pid in pids if marker in _cmdline(pid)]
        if self.process is not None and self.process.poll() is None:
            roots.append(self.process.pid)
        found: list[int] = []
        stack = list(roots)
        while stack:
            pid = stack.pop()
            if pid in found or pid == os.getpid():
                continue
            found.append(pid)
            stack.extend(tree.get(pid, ()))
        return found

    def stop(self) -> None:
        """Stop dockerd and everything it started, unmount and delete the folder."""
        if self.base is None:
            return
        try:
            self._stop_processes()
        finally:
            self._unmount()
            shutil.rmtree(self.base, ignore_errors=True)
            self.base = None
            self.process = None

    def _stop_processes(self) -> None:
        before = self._ours()
        if self.process is not None and self.process.poll() is None:
            # Removing the containers first spares dockerd stopping each (10 s grace) itself.
            with contextlib.suppress(Exception):
                self.remove_all_containers()
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        leftovers = self._ours()
        for pid in leftovers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        # Exited shims are orphans that init reaps a moment later: wait until they are gone.
        leftovers = sorted(set(leftovers) | set(before))
        deadline = time.monotonic() + STOP_TIMEOUT
        while leftovers and time.monotonic() < deadline:
            leftovers = [pid for pid in leftovers if Path(f"/proc/{pid}").exists()]
            time.sleep(0.05)

    def _unmount(self) -> None:
        """Lazily unmount whatever dockerd left mounted below the folder (deepest first)."""
        assert self.base is not None
        marker = f"{self.base}/"
        with contextlib.suppress(OSError):
            mounts = [
                line.split()[4]
                for line in Path("/proc/self/mountinfo").read_text().splitlines()
                if len(line.split()) > 4 and line.split()[4].startswith(marker)
            ]
            for point in sorted(mounts, key=len, reverse=True):
                subprocess.run(["umount", "-l", point], check=False, capture_output=True)

    # --- the Engine API ---------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, str] | None = None,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        timeout: float = 60.0,
    ) -> tuple[int, bytes]:
        """One request to the Engine; `body` is bytes (sent as is) or JSON. Status and body."""
        url = path + ("?" + urllib.parse.urlencode(query) if query else "")
        sent_headers = dict(headers or {})
        data: bytes | None
        if body is None or isinstance(body, bytes):
            data = body
        else:
            data = json.dumps(body).encode()
            sent_headers.setdefault("Content-Type", "application/json")
        connection = _UnixConnection(self.socket_path, timeout)
        try:
            connection.request(method, url, body=data, headers=sent_headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def api(self, method: str, path: str, **kwargs: Any) -> Any:
        """A request whose answer must be a success: the decoded JSON (None when empty)."""
        status, body = self.request(method, path, **kwargs)
        if status >= 400:
            try:
                message = str(json.loads(body).get("message", body.decode()))
            except ValueError, AttributeError:
                message = body.decode(errors="replace")
            raise DockerError(status, message)
        return json.loads(body) if body.strip() else None

    def ensure_image(self) -> str:
        """Import `pandora/busybox:1` unless present; its image id."""
        status, body = self.request("GET", f"/images/{IMAGE}/json")
        if status == 200:
            return str(json.loads(body)["Id"])
        repo, tag = IMAGE.split(":")
        status, body = self.request(
            "POST",
            "/images/create",
            query={"fromSrc": "-", "repo": repo, "tag": tag},
            body=busybox_tar(),
            headers={"Content-Type": "application/x-tar"},
        )
        if status != 200 or b'"error' in body:
            raise DockerError(status, body.decode(errors="replace"))
        return str(self.api("GET", f"/images/{IMAGE}/json")["Id"])

    # --- containers ---------------------------------------------------------------------------

    def create_container(
        self,
        name: str,
        cmd: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
        labels: Mapping[str, str] | None = None,
        healthcheck: str | None = None,
        health_interval: float = 0.5,
        health_retries: int = 1,
        health_start_period: float = 0.0,
        tty: bool = False,
        stop_timeout: int = 2,
        start: bool = True,
        image: str = IMAGE,
    ) -> str:
        """Create (and start) a container with no network; its id."""
        config: dict[str, Any] = {
            "Image": image,
            "Cmd": list(cmd),
            "Env": [f"{key}={value}" for key, value in (env or {}).items()],
            "Labels": dict(labels or {}),
            "Tty": tty,
            "StopTimeout": stop_timeout,
            "HostConfig": {"NetworkMode": "none"},
        }
        if healthcheck is not None:
            config["Healthcheck"] = {
                "Test": ["CMD-SHELL", healthcheck],
                "Interval": nanoseconds(health_interval),
                "Timeout": nanoseconds(max(health_interval, 1.0)),
                "Retries": health_retries,
                "StartPeriod": nanoseconds(health_start_period),
            }
        created = self.api("POST", "/containers/create", query={"name": name}, body=config)
        container_id = str(created["Id"])
        if start:
            self.start_container(container_id)
        return container_id

    def start_container(self, container_id: str) -> None:
        """Start a container (already running is fine)."""
        self.api("POST", f"/containers/{container_id}/start")

    def stop_container(self, container_id: str, timeout: int = 0) -> None:
        """Stop a container, killing it after `timeout` seconds."""
        self.api("POST", f"/containers/{container_id}/stop", query={"t": str(timeout)})

    def remove_container(self, container_id: str) -> None:
        """Kill and delete a container (gone already is fine)."""
        status, body = self.request(
            "DELETE", f"/containers/{container_id}", query={"force": "1", "v": "1"}
        )
        if status not in (204, 404):
            raise DockerError(status, body.decode(errors="replace"))

    def inspect(self, container_id: str) -> dict[str, Any]:
        """`GET /containers/{id}/json`."""
        return dict(self.api("GET", f"/containers/{container_id}/json"))

    def containers(self, *, label: str | None = None) -> list[dict[str, Any]]:
        """Every container (running or not), optionally those with a label (`k` or `k=v`)."""
        query = {"all": "1"}
        if label is not None:
            query["filters"] = json.dumps({"label": [label]})
        return list(self.api("GET", "/containers/json", query=query))

    def env(self, container_id: str) -> dict[str, str]:
        """A container's environment (Config.Env) as a dict."""
        pairs = (item.partition("=") for item in self.inspect(container_id)["Config"]["Env"] or [])
        return {key: value for key, _, value in pairs}

    def remove_all_containers(self) -> None:
        """Delete every container of this engine."""
        for container in self.containers():
            self.remove_container(str(container["Id"]))

    def wait_for(
        self,
        container_id: str,
        predicate: Callable[[dict[str, Any]], bool],
        timeout: float = 15.0,
    ) -> dict[str, Any]:
        """Poll `inspect` until `predicate(inspect)` holds; the inspect answer."""
        deadline = time.monotonic() + timeout
        while True:
            info = self.inspect(container_id)
            if predicate(info):
                return info
            if time.monotonic() > deadline:
                raise TimeoutError(f"container {container_id[:12]} never matched: {info['State']}")
            time.sleep(0.1)

    def wait_for_health(
        self, container_id: str, status: str, timeout: float = 15.0
    ) -> dict[str, Any]:
        """Wait until the container's health status is `status` (healthy, unhealthy, starting)."""
        return self.wait_for(
            container_id,
            lambda info: (info["State"].get("Health") or {}).get("Status") == status,
            timeout,
        )


def _allow_unix_sockets() -> None:
    """The engine is a unix socket; the Home Assistant test plugin blocks sockets per test
    (session fixtures run before the per-test autouse fixture that re-allows loopback)."""
    pytest_socket.enable_socket()
    pytest_socket.socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)


@pytest.fixture(scope="session")
def docker_engine_session() -> Iterator[DockerEngine]:
    """One private dockerd with the busybox image for the whole run."""
    _allow_unix_sockets()
    engine = DockerEngine().start()
    try:
        engine.ensure_image()
        yield engine
    finally:
        _allow_unix_sockets()
        engine.stop()


@pytest.fixture
def docker_engine(docker_engine_session: DockerEngine) -> Iterator[DockerEngine]:
    """The session engine; every container is removed after the test."""
    _allow_unix_sockets()
    yield docker_engine_session
    _allow_unix_sockets()
    docker_engine_session.remove_all_containers()
