"""Removing torrents for a guard: never the files of a torrent in (or filed into) the library.

The completed-download pipeline files a torrent with qBittorrent's setLocation, so a filed
torrent keeps seeding from the library folder: removing it "with its files" would delete the
library copy. Every removal Pandora makes by itself (a met seeding goal, the disk guard's
repair) goes through `async_remove_torrents`, the one place that rule is kept:

- a torrent the pipeline filed into Movies or TV Shows, or whose save path or content path is
  inside a share's Movies or TV Shows folder (as qBittorrent sees the share), is removed from
  qBittorrent **without** its files, whatever the caller asked;
- a torrent the pipeline is moving right now is left alone (`busy`): the caller may ask again
  once it is filed;
- any other torrent loses its files only when the caller asks (`delete_files=True`).

Pandora knows the library only as the Cloud Commander shares' Movies and TV Shows folders. A
library elsewhere (a folder no share names) is not recognised, which is why every caller's
default is to keep files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
import logging
from typing import TYPE_CHECKING

from homeassistant.core import HomeAssistant

from ..api.cloudcmd import SharePath
from ..const import CONF_MOVIES_FOLDER, CONF_QBITTORRENT_ROOT, CONF_TV_FOLDER
from ..hub.errors import validation_error
from ..hub.targets import loaded_entry
from .coordinator import share_folder
from .pipeline import STEP_DONE, STEP_FAILED

if TYPE_CHECKING:
    from ..api.qbittorrent_models import Torrent
    from ..downloads import QBittorrentCoordinator
    from ..runtime import PandoraRuntime

_LOGGER = logging.getLogger(__name__)

_LIBRARY_FOLDERS = (CONF_MOVIES_FOLDER, CONF_TV_FOLDER)


@dataclass(frozen=True, slots=True)
class Removal:
    """What `async_remove_torrents` did with each hash it was given."""

    # Removed from qBittorrent (with or without files).
    removed: frozenset[str]
    # Of those, removed with their files (never a library torrent).
    files_deleted: frozenset[str]
    # Of those, removed without their files because they are in the library.
    library: frozenset[str]
    # Left alone: the pipeline is filing them right now.
    busy: frozenset[str]
    # Not in qBittorrent (already gone).
    missing: frozenset[str]


def _under(path: str, folder: str) -> bool:
    path, folder = path.rstrip("/"), folder.rstrip("/")
    return bool(folder) and (path == folder or path.startswith(folder + "/"))


def library_folders(runtime: PandoraRuntime) -> list[str]:
    """The library folders as qBittorrent sees them (each share with its root mapping)."""
    folders = []
    for share in runtime.cloudcmd.values():
        data = share.subentry.data
        if not (root := str(data.get(CONF_QBITTORRENT_ROOT) or "").rstrip("/")):
            continue
        folders += [root + str(SharePath.of(share_folder(data, key))) for key in _LIBRARY_FOLDERS]
    return folders


def _placement(runtime: PandoraRuntime, subentry_id: str, torrent: Torrent) -> str | None:
    """Where a torrent is: busy (being filed), library (filed, or in a library folder), None."""
    pipeline = runtime.pipeline
    job = pipeline.jobs.get(torrent.hash) if pipeline is not None else None
    if job is not None and job.subentry_id == subentry_id:
        if job.step not in (STEP_DONE, STEP_FAILED):
            return "busy"
        if job.library is not None:
            return "library"
    paths = (torrent.save_path, torrent.content_path)
    if any(_under(path, folder) for folder in library_folders(runtime) for path in paths if path):
        return "library"
    return None


async def async_remove_torrents(
    hass: HomeAssistant,
    qbittorrent: QBittorrentCoordinator | str,
    hashes: Iterable[str],
    *,
    delete_files: bool = False,
) -> Removal:
    """Remove torrents from one qBittorrent, never deleting files the library holds.

    `qbittorrent` is its coordinator or its subentry id. `delete_files` asks for the files of
    torrents outside the library to go too (off by default). The torrents are judged on the
    coordinator's last sync; client errors (`api.errors`) propagate, nothing is retried.
    """
    runtime: PandoraRuntime = loaded_entry(hass).runtime_data
    if isinstance(qbittorrent, str):
        if (found := runtime.qbittorrent.get(qbittorrent)) is None:
            raise validation_error("unknown_instance", instance=qbittorrent)
        qbittorrent = found
    coordinator = qbittorrent
    subentry_id = coordinator.subentry.subentry_id
    torrents = coordinator.client.maindata.torrents
    by_place: dict[str | None, set[str]] = {"busy": set(), "library": set(), None: set()}
    missing = set()
    for torrent_hash in dict.fromkeys(h.lower() for h in hashes):
        if (torrent := torrents.get(torrent_hash)) is None:
            missing.add(torrent_hash)
            continue
        by_place[_placement(runtime, subentry_id, torrent)].add(torrent_hash)
    library, others = by_place["library"], by_place[None]
    deleted = others if delete_files else set()
    kept = library | (set() if delete_files else others)
    if deleted:
        await coordinator.client.delete(sorted(deleted), delete_files=True)
    if kept:
        await coordinator.client.delete(sorted(kept), delete_files=False)
    for torrent_hash in sorted(library | others):
        _LOGGER.info(
            "Removed %s from %s %s",
            torrents[torrent_hash].name,
            coordinator.subentry.title,
            "with its files" if torrent_hash in deleted else "keeping its files",
        )
    if library or others:
        await coordinator.async_request_refresh()
    return Removal(
        removed=frozenset(library | others),
        files_deleted=frozenset(deleted),
        library=frozenset(library),
        busy=frozenset(by_place["busy"]),
        missing=frozenset(missing),
    )
