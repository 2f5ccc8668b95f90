"""End-to-end: Pandora's sidebar panel in Debian's Chromium against a real Home Assistant.

The test starts a throw-away copy of the demo (`python -m devtools.demo`: real `hass`, qbittorrent-nox
seeder and daemon, the TMDB/Watchmode/Jackett/Jellyfin/Portainer/gluetun simulators, Cloud
Commander, a private dockerd) in a fresh temporary folder on a free block of loopback ports, so
it never meets a demo the user runs on 8123 and 18080-18097. Then `tests/e2e/panel.spec.mjs`
(playwright-core driving /usr/bin/chromium) goes through the panel at 390x844 and 1280x800:
login, Discover, search, details, release search and ranking, add, Downloads until 100 %,
Files two folders deep and back with the browser's back, Requests across two roles (the
household member requests a title in a second browser context, the demo admin denies it, the
household member sees it denied live; then the household member requests another title and
withdraws it, and the admin sees it withdrawn live), links to a title, a folder and a request
loaded in a new tab, and the hub's options from Home Assistant's integration page (the Pandora
hub's gear opens them; Request notifications is changed, saved, read back and put back).

Screenshots, the script's JSON and the demo's logs land in `.artifacts/e2e/`. Everything the
test started is stopped afterwards, failed or not: `devtools.demo stop`, then any process still
carrying the folder's path (containerd and its shims, Chromium's profile), the mounts dockerd
left below it, and the folder itself.

`scripts/bootstrap.sh` installs what it needs (Debian's chromium, `npm ci` here). The whole run
takes about 90 s on 2 cores: the demo starts in about 27 s, the browser needs about 60 s, and
stopping takes 10 s (the first run on a machine also pip-installs the demo's packages). Set
PANDORA_SKIP_E2E=1 to leave it out of a quick run.
"""

from __future__ import annotations

from collections.abc import Iterator
import contextlib
from dataclasses import dataclass, field
import json
import os
from pathlib import Path
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from typing import Any

import pytest

from tests.conftest import allow_loopback

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SPEC = HERE / "panel.spec.mjs"
ARTIFACTS = ROOT / ".artifacts" / "e2e"
CHROMIUM = Path(os.environ.get("PANDORA_E2E_CHROMIUM", "/usr/bin/chromium"))
PLAYWRIGHT = HERE / "node_modules" / "playwright-core" / "package.json"
PORTS = 13  # Home Assistant on the base port, the demo's twelve other services after it
DEMO_START_TIMEOUT = 300.0  # a first run also pip-installs what Home Assistant's integrations need
BROWSER_TIMEOUT = 180.0  # two viewports; about 60 s in practice
STOP_TIMEOUT = 120.0

pytestmark = pytest.mark.timeout(int(DEMO_START_TIMEOUT + BROWSER_TIMEOUT + 2 * STOP_TIMEOUT))


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations() -> None:
    """No in-process Home Assistant here (overrides the suite's fixture): the demo runs its own."""


# --- the throw-away demo ---------------------------------------------------------------------


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port_base() -> int:
    """A base port with the PORTS ports from it free on 127.0.0.1.

    Below Linux's ephemeral range (32768 and up), so no outgoing connection takes one meanwhile.
    """
    allow_loopback()
    rng = random.SystemRandom()
    for _ in range(200):
        base = rng.randrange(20000, 32000 - PORTS)
        if all(_port_free(base + offset) for offset in range(PORTS)):
            return base
    raise RuntimeError("no free block of loopback ports found")


def _proc_tree() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                ppid = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
                tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _mentions(pid: int, marker: bytes) -> bool:
    """Whether the process's command line or environment holds `marker`."""
    for name in ("cmdline", "environ"):
        with contextlib.suppress(OSError):
            if marker in (Path("/proc") / str(pid) / name).read_bytes():
                return True
    return False


def processes_of(folder: Path) -> list[int]:
    """Processes started for the demo in `folder`, and all their descendants.

    Everything the demo starts inherits PANDORA_DEMO_DIR (or names the folder on its command
    line: dockerd, containerd and its shims, Chromium's profile); containers' processes descend
    from the shims.
    """
    marker = f"{folder}/".encode()
    env_marker = f"PANDORA_DEMO_DIR={folder}\0".encode()
    tree = _proc_tree()
    me = os.getpid()
    roots = [
        pid
        for children in tree.values()
        for pid in children
        if pid != me and (_mentions(pid, marker) or _mentions(pid, env_marker))
    ]
    found: list[int] = []
    stack = list(roots)
    while stack:
        pid = stack.pop()
        if pid not in found and pid != me:
            found.append(pid)
            stack.extend(tree.get(pid, ()))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def kill_leftovers(folder: Path) -> list[str]:
    """TERM, then KILL, whatever still runs for `folder`; what was found, for the report."""
    pids = processes_of(folder)
    names = []
    for pid in pids:
        with contextlib.suppress(OSError):
            names.append(Path(f"/proc/{pid}/comm").read_text().strip())
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in pids + processes_of(folder):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return names


def unmount_below(folder: Path) -> None:
    """Lazily unmount whatever dockerd left mounted below the folder (deepest first)."""
    marker = f"{folder}/"
    with contextlib.suppress(OSError):
        points = [
            line.split()[4]
            for line in Path("/proc/self/mountinfo").read_text().splitlines()
            if len(line.split()) > 4 and line.split()[4].startswith(marker)
        ]
        for point in sorted(points, key=len, reverse=True):
            subprocess.run(["umount", "-l", point], check=False, capture_output=True)


@dataclass
class Demo:
    """A relocated demo: `start()` it, read `info`, always `stop()` it."""

    folder: Path
    port_base: int
    info: dict[str, Any] = field(default_factory=dict)
    leftovers: list[str] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        """The environment for the demo and the browser: this folder, these ports."""
        env = {
            key: value
            for key, value in os.environ.items()
            # Nothing of this pytest run (coverage hooks, its current test) leaks into them.
            if not key.startswith(("COV_CORE_", "COVERAGE_", "PYTEST_", "PANDORA_DEMO_"))
        }
        env["PANDORA_DEMO_DIR"] = str(self.folder)
        env["PANDORA_DEMO_PORT_BASE"] = str(self.port_base)
        # Finished downloads stay in Downloaded: the browser files one into Movies itself.
        env["PANDORA_DEMO_FILE_INTO_LIBRARY"] = "0"
        # Temporary files (Chromium's profile among them) inside the folder: found and removed.
        env["TMPDIR"] = str(self.folder / "tmp")
        return env

    def _demo(self, command: str, timeout: float) -> subprocess.CompletedProcess[str]:
        with (ARTIFACTS / "demo.log").open("a") as out:
            out.write(f"\n$ python -m devtools.demo {command}\n")
            out.flush()
            return subprocess.run(
                [sys.executable, "-m", "devtools.demo", command],
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE if command == "info" else out,
                stderr=out,
                text=True,
                timeout=timeout,
                check=False,
            )

    def start(self) -> None:
        """`devtools.demo start`, then `devtools.demo info` for the addresses and credentials."""
        (self.folder / "tmp").mkdir(parents=True, exist_ok=True)
        result = self._demo("start", DEMO_START_TIMEOUT)
        if result.returncode:
            tail = (ARTIFACTS / "demo.log").read_text(errors="replace")[-3000:]
            pytest.fail(f"the demo did not start (exit {result.returncode}):\n{tail}")
        info = self._demo("info", 60)
        self.info = json.loads(info.stdout)

    def stop(self) -> None:
        """Stop everything; keep the logs in .artifacts/e2e; delete the folder."""
        with contextlib.suppress(subprocess.TimeoutExpired, OSError):
            self._demo("stop", STOP_TIMEOUT)
        self.leftovers = kill_leftovers(self.folder)
        logs = [*self.folder.glob("*.log"), *self.folder.glob("*/*.log")]
        for source in logs:
            name = str(source.relative_to(self.folder)).replace("/", "-")
            with contextlib.suppress(OSError):
                shutil.copyfile(source, ARTIFACTS / "demo-logs" / name)
        unmount_below(self.folder)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def demo() -> Iterator[Demo]:
    """A demo of its own: fresh folder (so a fresh Home Assistant), free ports; always stopped."""
    if os.environ.get("PANDORA_SKIP_E2E"):
        pytest.skip("PANDORA_SKIP_E2E is set")
    missing = [
        what
        for what, there in (
            (str(CHROMIUM), CHROMIUM.exists()),
            ("node", shutil.which("node") is not None),
            ("tests/e2e/node_modules/playwright-core", PLAYWRIGHT.exists()),
        )
        if not there
    ]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: run scripts/bootstrap.sh")
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    (ARTIFACTS / "demo-logs").mkdir(parents=True)
    # Short: dockerd's and containerd's unix sockets live below it (108 bytes at most).
    instance = Demo(Path(tempfile.mkdtemp(prefix="pe2e-", dir="/tmp")), free_port_base())
    try:
        instance.start()
        yield instance
    finally:
        instance.stop()


# --- the browser -----------------------------------------------------------------------------


def run_browser(demo: Demo) -> tuple[int, list[dict[str, Any]], str]:
    """Run panel.spec.mjs with a hard timeout: exit code, its JSON lines, its stderr."""
    ha = demo.info["home_assistant"]
    seeder = demo.info["seeder"]
    member = demo.info["household_user"]
    env = demo.env | {
        "PANDORA_E2E_URL": ha["url"],
        "PANDORA_E2E_USER": ha["username"],
        "PANDORA_E2E_PASSWORD": ha["password"],
        "PANDORA_E2E_ARTIFACTS": str(ARTIFACTS),
        "PANDORA_E2E_CHROMIUM": str(CHROMIUM),
        "PANDORA_E2E_SEEDER_URL": seeder["url"],
        "PANDORA_E2E_SEEDER_USER": seeder["username"],
        "PANDORA_E2E_SEEDER_PASSWORD": seeder["password"],
        "PANDORA_E2E_FAMILY_USER": member["username"],
        "PANDORA_E2E_FAMILY_PASSWORD": member["password"],
    }
    log = ARTIFACTS / "browser.log"
    with log.open("w") as err:
        process = subprocess.Popen(
            ["node", str(SPEC)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            start_new_session=True,
        )
        try:
            out, _ = process.communicate(timeout=BROWSER_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            out, _ = process.communicate()
            out += json.dumps({"result": "fail", "failure": f"killed after {BROWSER_TIMEOUT} s"})
    lines = []
    for line in out.splitlines():
        with contextlib.suppress(ValueError):
            lines.append(json.loads(line))
    return process.returncode, lines, log.read_text(errors="replace")


def test_panel_end_to_end(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    """The panel works in a real browser, at phone and desktop sizes, without an error."""
    started = time.monotonic()
    code, lines, stderr = run_browser(demo)
    (ARTIFACTS / "results.json").write_text(json.dumps(lines, indent=2))
    summary = next((line for line in lines if "result" in line), {"result": "no summary"})
    with capsys.disabled():
        print(f"\n[e2e] browser run: {time.monotonic() - started:.1f} s, exit code {code}")
        for line in lines:
            if "viewport" in line and "time_to_first_render" in line:
                ttfr = line["time_to_first_render"]
                again = line.get("time_to_first_render_reloaded") or {}
                vpn = line.get("vpn") or {}
                req = line.get("requests") or {}
                links = line.get("links") or {}
                print(
                    f"[e2e] {line['viewport']}: time to first render (navigation start → first "
                    f"title: banner or card) {ttfr['first_card_ms']} ms after logging in, "
                    f"{again.get('first_card_ms')} ms on a reload; Pandora's share (panel "
                    f"attached → first card) {ttfr.get('panel_to_first_card_ms')} ms; first "
                    f"poster {ttfr['first_poster_ms']} ms; release at 100 % after "
                    f"{line['download_seconds']} s; Movies counted {line.get('scan_seconds')} s "
                    f"after the move; VPN {vpn.get('from')} → {vpn.get('to')} in "
                    f"{vpn.get('seconds')} s; request of {req.get('title')} confirmed "
                    f"{req.get('request_confirmed_ms')} ms and in the admin's Requests "
                    f"{req.get('admin_sees_request_ms')} ms after Request, seen denied by the "
                    f"household member {req.get('deny_to_member_ms')} ms after Deny "
                    f"(live: {req.get('live')}), {req.get('withdrawn_title')} withdrawn and seen "
                    f"by the admin {req.get('withdraw_to_admin_ms')} ms after Withdraw; "
                    f"viewport done in {line['seconds']} s"
                )
                print(
                    f"[e2e] {line['viewport']}: Files and the browser's back: "
                    f"{' → '.join(line.get('back') or [])}; links loaded in a new tab: title "
                    f"{links.get('title_ms')} ms ({links.get('title')}), folder "
                    f"{links.get('folder_ms')} ms, request {links.get('request_ms')} ms"
                )
                options = line.get("hub_options") or {}
                states = [options.get("from"), *(options.get("seen") or [])]
                print(
                    f"[e2e] {line['viewport']}: hub options from the integration page's gear: "
                    f"{options.get('option')} "
                    f"{' → '.join({True: 'on', False: 'off'}.get(s, str(s)) for s in states)}"
                )
        print(f"[e2e] screenshots and logs: {ARTIFACTS.relative_to(ROOT)}/")
    assert code == 0 and summary.get("result") == "pass", (
        f"the browser run failed (exit {code}): {json.dumps(summary, indent=2)}\n"
        f"--- browser log ---\n{stderr[-4000:]}"
    )
