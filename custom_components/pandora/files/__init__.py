"""Files: Cloud Commander.

Holds the Cloud Commander coordinator (and its client factory), the pipeline that files completed
downloads into the library, the file actions, and the Cloud Commander subentry flow.

This module is the package's face: other packages import only what it re-exports (import-linter's
protected contracts, pyproject.toml).

May import: `..hub`, `..api`, `..const`, and the faces of `..downloads` (release names) and
`..library` (which Jellyfin to scan).
"""

from .actions import async_setup_files_actions
from .coordinator import CloudCommanderCoordinator, share_folders
from .entities import add_entities
from .flow import SUBENTRY_FLOWS
from .pipeline import SIGNAL_FILING_FAILED, STEP_DONE, STEP_FAILED, BackgroundTask, Pipeline
from .removal import Removal, async_remove_torrents, library_folders

__all__ = [
    "SIGNAL_FILING_FAILED",
    "STEP_DONE",
    "STEP_FAILED",
    "SUBENTRY_FLOWS",
    "BackgroundTask",
    "CloudCommanderCoordinator",
    "Pipeline",
    "Removal",
    "add_entities",
    "async_remove_torrents",
    "async_setup_files_actions",
    "library_folders",
    "share_folders",
]
