"""Python requirements of the Home Assistant integrations the demo loads."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
import subprocess
import sys
import sysconfig

from homeassistant import bootstrap

from .settings import DEMO, RELOCATED, ROOT, log

# Bumped when the way they are installed changes, so existing stamps are redone once.
REQUIREMENTS_RECIPE = "2: private Python headers on CPATH"


def _ha_requirements() -> list[str]:
    """Requirements of every integration Home Assistant sets up here, from their manifests."""
    components = Path(bootstrap.__file__).parent / "components"
    wanted = (
        set(bootstrap.DEFAULT_INTEGRATIONS)
        | set(bootstrap.LOGGING_AND_HTTP_DEPS_INTEGRATIONS)
        | {"frontend", "recorder", "history", "logbook"}
    )
    seen: set[str] = set()
    requirements: set[str] = set()
    while wanted:
        domain = wanted.pop()
        if domain in seen:
            continue
        seen.add(domain)
        manifest = components / domain / "manifest.json"
        if manifest.exists():
            data = json.loads(manifest.read_text())
            requirements.update(data.get("requirements", []))
            wanted.update(data.get("dependencies", []))
    return sorted(requirements)


def _build_env() -> dict[str, str]:
    """Pip's environment, able to compile extensions against a private Python.

    The Python bootstrap.sh unpacks into .toolchain/ has its headers there, and its pyconfig.h
    includes <x86_64-linux-gnu/python3.14/pyconfig.h> from that prefix's include folder, which
    compilers do not search. Without it the voice-pipeline packages (pymicro-vad, pyspeex-noise)
    fail to build, and then Home Assistant cannot describe its actions: `get_services` fails and
    the frontend never gets past "Loading...".
    """
    env = dict(os.environ)
    include = Path(sysconfig.get_paths()["include"]).parent
    if include != Path("/usr/include") and include.is_dir():
        env["CPATH"] = os.pathsep.join(p for p in (str(include), env.get("CPATH")) if p)
    return env


def install_requirements() -> None:
    """pip-install what those integrations need, once per requirement set (a stamp remembers).

    A relocated demo keeps its stamp in the virtual environment (where the packages are), and
    trusts the usual demo's, so a test's fresh folder does not run pip again.
    """
    requirements = _ha_requirements()
    venv_stamp = Path(sys.prefix) / "pandora-demo-requirements.stamp"
    stamp = venv_stamp if RELOCATED else DEMO / "requirements.stamp"
    digest = hashlib.sha256("\n".join([REQUIREMENTS_RECIPE, *requirements]).encode()).hexdigest()
    for known in (stamp, venv_stamp, ROOT / ".demo" / "requirements.stamp"):
        if known.exists() and known.read_text() == digest:
            return
    constraints = Path(bootstrap.__file__).parent / "package_constraints.txt"
    pip = [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    pip += ["-c", str(constraints)]
    log(f"installing {len(requirements)} packages Home Assistant's built-in integrations need")
    env = _build_env()
    if subprocess.run([*pip, *requirements], check=False, capture_output=True, env=env).returncode:
        # Some (voice-pipeline extras) need a compiler setup not every machine has; the demo does
        # not use them, so install the rest one by one and name what was left out.
        failed = [
            req
            for req in requirements
            if subprocess.run([*pip, req], check=False, capture_output=True, env=env).returncode
        ]
        if failed:
            log(f"left out (the integrations needing them will not load): {', '.join(failed)}")
    stamp.write_text(digest)
