"""The demo's processes: their pids in the state file, alive or not, stopped."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
import signal
import time

from .settings import STATE_FILE, log


def _load_state() -> dict[str, int]:
    try:
        return {k: int(v) for k, v in json.loads(STATE_FILE.read_text()).items()}
    except OSError, ValueError:
        return {}


def _save_state(state: dict[str, int]) -> None:
    STATE_FILE.write_text(json.dumps(state, indent=2))


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    with contextlib.suppress(OSError):
        # A zombie or a recycled pid running something else is not ours.
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return False
    return True


def _stop_pid(pid: int, name: str, timeout: float = 30) -> None:
    if not _alive(pid):
        return
    log(f"stopping {name} (pid {pid})")
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)
