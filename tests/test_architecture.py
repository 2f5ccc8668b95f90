"""The import contracts (pyproject.toml, `[tool.importlinter]`) hold, and catch a wrong import.

The real tree must pass `lint-imports`; a copy of it with one deliberate wrong import must fail
the contract that forbids it (a contract that can never break protects nothing).
"""

from __future__ import annotations

import os
from pathlib import Path
import shutil
import subprocess
import sys

import pytest

ROOT = Path(__file__).parents[1]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))
PANDORA = Path("custom_components/pandora")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` over the tree at `root` (its pyproject.toml, its packages first)."""
    return subprocess.run(
        [LINT_IMPORTS, "--config", str(root / "pyproject.toml"), "--no-cache", "--no-logo"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _copy(tmp_path: Path) -> Path:
    """The integration's Python modules and the contracts, copied to `tmp_path`."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        ROOT / "custom_components",
        tmp_path / "custom_components",
        ignore=lambda _dir, names: (
            [n for n in names if not n.endswith(".py") and not (Path(_dir) / n).is_dir()]
            + [n for n in names if n in ("frontend", "brand", "translations", "__pycache__")]
        ),
    )
    return tmp_path


def test_the_tree_keeps_every_contract() -> None:
    """Every contract is kept by the integration as it is."""
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


@pytest.mark.parametrize(
    ("module", "wrong_import", "contract"),
    [
        # The API clients are plain Python.
        ("api/http.py", "import homeassistant.core", "api/ is plain Python: no Home Assistant"),
        # Release ranking is pure: it reads names and scores results, nothing else.
        (
            "downloads/ranking/score.py",
            "from ...const import DOMAIN",
            "downloads/ranking/ is plain Python, on its own",
        ),
        # A feature reaches into another feature's module instead of its face.
        (
            "watching/home.py",
            "from ..downloads.add import add_release",
            "downloads/ is used through its face",
        ),
        # The hub builds on nothing feature-specific.
        ("hub/entity.py", "from ..downloads import QBittorrentCoordinator", "One way down"),
        # A feature never imports the root (the root composes features, not the other way).
        ("downloads/history.py", "from ..runtime import PandoraRuntime", "One way down"),
    ],
)
def test_a_wrong_import_breaks_its_contract(
    tmp_path: Path, module: str, wrong_import: str, contract: str
) -> None:
    """One added import fails `lint-imports`, naming the contract it breaks."""
    root = _copy(tmp_path)
    path = root / PANDORA / module
    path.write_text(f"{path.read_text()}\n{wrong_import}  # deliberately wrong\n")
    result = _lint(root)
    assert result.returncode != 0, result.stdout
    broken = [line for line in result.stdout.splitlines() if line.endswith(" BROKEN")]
    assert any(line.startswith(contract) for line in broken), result.stdout
