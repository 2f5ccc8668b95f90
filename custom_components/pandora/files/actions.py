"""File actions (Cloud Commander): validate, check permissions, delegate to the client.

Paths are share-relative; the client refuses anything that could leave the share before any
request is sent. Nothing here overwrites: a name already taken at the destination is an error.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
import re
from typing import Any, cast

import probatio as vol

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv

from ..api.cloudcmd import DestinationExists, FileEntry, SharePath, UnsafePath
from ..api.errors import PandoraError
from ..const import (
    CONF_DOWNLOADED_FOLDER,
    CONF_MOVIES_FOLDER,
    CONF_TV_FOLDER,
    DOMAIN,
    EVENT_FILES_MOVED,
)
from ..hub.announce import async_announce
from ..hub.errors import safe_text, translated_error, validation_error
from ..hub.permissions import register_action
from ..hub.targets import loaded_entry, one_target
from ..hub.validation import InputInvalid, filled
from ..library import jellyfin_targets
from .coordinator import CloudCommanderCoordinator

SERVICE_LIST_FILES = "list_files"
SERVICE_MOVE_FILES = "move_files"
SERVICE_DELETE_FILES = "delete_files"
DESTINATIONS = {
    "movies": CONF_MOVIES_FOLDER,
    "tv": CONF_TV_FOLDER,
    "downloaded": CONF_DOWNLOADED_FOLDER,
}
LIBRARY_TYPES = {"movies": "movies", "tv": "tvshows"}
_FOLDER_NAME = re.compile(r"^[^/\\\x00-\x1f]{1,200}$")


def _folder_name(value: Any) -> str:
    text = filled(value)
    if not _FOLDER_NAME.match(text) or text in (".", ".."):
        raise InputInvalid("invalid_folder_name")
    return text


_PATHS = vol.All(cv.ensure_list, [filled], vol.Length(min=1, max=500))
LIST_SCHEMA = vol.Schema(
    {vol.Optional("path", default="/"): filled, vol.Optional("instance"): filled}
)
MOVE_SCHEMA = vol.Schema(
    {
        vol.Required("paths"): _PATHS,
        vol.Required("destination"): filled,
        vol.Optional("folder"): _folder_name,
        vol.Optional("scan_after", default=True): cv.boolean,
        vol.Optional("instance"): filled,
    }
)
DELETE_SCHEMA = vol.Schema({vol.Required("paths"): _PATHS, vol.Optional("instance"): filled})


def share_target(hass: HomeAssistant, instance: str | None) -> CloudCommanderCoordinator:
    """The share an action targets: the named one, or the only one."""
    shares: dict[str, CloudCommanderCoordinator] = loaded_entry(hass).runtime_data.cloudcmd
    return one_target(hass, shares, instance, "no_cloudcmd")


async def run_files[T](func: Callable[[], Awaitable[T]]) -> T:
    """Call the client; unsafe paths are the caller's mistake, clashes are reported as such."""
    try:
        return await func()
    except UnsafePath as err:
        raise validation_error("unsafe_path", error=str(err)) from err
    except DestinationExists as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="destination_exists",
            translation_placeholders={"error": safe_text(err)},
        ) from err
    except PandoraError as err:
        raise translated_error(err) from err


def entry_as_dict(entry: FileEntry) -> dict[str, Any]:
    """The response shape of one file or folder."""
    return {
        "name": entry.name,
        "type": entry.type,
        "size": entry.size,
        "modified": entry.modified.isoformat() if entry.modified else None,
        "path": entry.path,
    }


async def _list_files(call: ServiceCall) -> ServiceResponse:
    share = share_target(call.hass, call.data.get("instance"))
    path: str = call.data["path"]
    entries = await run_files(lambda: share.client.list(path))
    return cast(ServiceResponse, {"path": path, "files": [entry_as_dict(e) for e in entries]})


async def _move_files(call: ServiceCall) -> ServiceResponse:
    share = share_target(call.hass, call.data.get("instance"))
    destination: str = call.data["destination"].strip()
    kind = destination.lower()
    target = share.folder(DESTINATIONS[kind]) if kind in DESTINATIONS else destination
    if folder := call.data.get("folder"):
        target = await run_files(lambda: _subfolder(share, target, folder))
    moved = await run_files(lambda: share.client.move(call.data["paths"], target))
    scanned = None
    if call.data["scan_after"] and kind in LIBRARY_TYPES:
        scanned = await _scan_matching(call.hass, LIBRARY_TYPES[kind])
    data = {"moved": moved, "destination": target, "server": share.subentry.title}
    async_announce(call.hass, EVENT_FILES_MOVED, data | {"scanned": scanned})
    loaded_entry(call.hass).runtime_data.history.record_files("moved", data)
    return cast(ServiceResponse, data | {"scanned": scanned})


async def _subfolder(share: CloudCommanderCoordinator, parent: str, name: str) -> str:
    path = SharePath.of(parent).child(name)
    await share.client.mkdir(str(path))
    return str(path)


async def _scan_matching(hass: HomeAssistant, collection_type: str) -> list[str] | None:
    """Scan the Jellyfin libraries of this kind (none configured: nothing to do)."""
    if not loaded_entry(hass).runtime_data.jellyfin:
        return None
    scanned: list[str] = []
    for coordinator in jellyfin_targets(hass, None):
        scanned.extend(await run_files(partial(coordinator.async_scan_kind, collection_type)))
    return scanned


async def _delete_files(call: ServiceCall) -> None:
    share = share_target(call.hass, call.data.get("instance"))
    paths: list[str] = call.data["paths"]
    await run_files(lambda: share.client.delete(paths))
    loaded_entry(call.hass).runtime_data.history.record_files(
        "deleted", {"paths": paths, "server": share.subentry.title}
    )
    await share.async_request_refresh()


def async_setup_files_actions(hass: HomeAssistant) -> None:
    """Register the file actions."""
    register = partial(register_action, hass)
    register(SERVICE_LIST_FILES, _list_files, LIST_SCHEMA, SupportsResponse.ONLY)
    register(SERVICE_MOVE_FILES, _move_files, MOVE_SCHEMA, SupportsResponse.OPTIONAL)
    register(SERVICE_DELETE_FILES, _delete_files, DELETE_SCHEMA)
