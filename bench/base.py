"""The base commit's version of a Pandora module, importable beside today's.

A benchmark measures "before" and "after" in the same run on the same machine: `load` reads
the module's source at BASE_REV from git and executes it as a sibling module of the package
(its relative imports resolve to today's modules, which is what a before/after of one module
wants). None when git or the revision is not there (a source archive): the benchmark then
prints only today's figures.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
import re
import subprocess
import sys
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
# The commit issue 19's house-scale work started from (before the changes it measures).
BASE_REV = "823fded"
# Modules the base commit imports that have moved since (old flat name -> where it is now).
MOVED = {
    "announce": "hub.announce",
    "cache": "hub.cache",
    "entity": "hub.entity",
    "permissions": "hub.permissions",
    "validation": "hub.validation",
}


def load(module: str, rev: str = BASE_REV) -> ModuleType | None:
    """`custom_components.pandora.<module>` as it was at `rev` (None when unavailable)."""
    path = f"custom_components/pandora/{module.replace('.', '/')}.py"
    try:
        source = subprocess.run(
            ["git", "show", f"{rev}:{path}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except OSError, subprocess.CalledProcessError:
        return None
    for old, new in MOVED.items():  # the base's relative imports, to today's modules
        source = re.sub(rf"^(\s*from \.+){old}\b", rf"\g<1>{new}", source, flags=re.M)
    package, _, _ = f"custom_components.pandora.{module}".rpartition(".")
    name = f"{package}._base_{module.rpartition('.')[2]}"
    spec = importlib.util.spec_from_loader(name, loader=None, origin=f"{rev}:{path}")
    assert spec is not None
    base = importlib.util.module_from_spec(spec)
    base.__package__ = package
    sys.modules[name] = base
    exec(compile(source, f"{rev}:{path}", "exec"), base.__dict__)
    return base
