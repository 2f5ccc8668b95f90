"""Pandora actions: validate, check permissions, delegate to the service's client."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from functools import partial
import re
from typing import Any, cast

import probatio as vol

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.helpers import config_validation as cv

from ..api.qbittorrent import ALL, QBittorrentClient
from ..api.qbittorrent_models import Torrent, TorrentStatus
from ..hub.errors import call_service, validation_error
from ..hub.permissions import register_action
from ..hub.targets import loaded_entry, one_target, targets
from ..hub.validation import InputInvalid, filled
from .coordinator import QBittorrentCoordinator

ATTR_INSTANCE = "instance"
ATTR_HASHES = "hashes"
ATTR_URL = "url"
ATTR_CATEGORY = "category"
ATTR_SAVE_PATH = "save_path"
ATTR_PAUSED = "paused"
ATTR_TAGS = "tags"
ATTR_DELETE_FILES = "delete_files"
ATTR_LOCATION = "location"
ATTR_FILTER = "filter"

SERVICE_ADD_TORRENT = "add_torrent"
SERVICE_PAUSE_TORRENTS = "pause_torrents"
SERVICE_RESUME_TORRENTS = "resume_torrents"
SERVICE_REMOVE_TORRENTS = "remove_torrents"
SERVICE_MOVE_TORRENTS = "move_torrents"
SERVICE_GET_TORRENTS = "get_torrents"

FILTERS = ("all", "downloading", "seeding", "paused", "completed", "errored", "active")

_HASH_RE = re.compile(r"^[0-9a-f]{40}$")
_MAGNET_RE = re.compile(r"^magnet:\?(.*&)?xt=urn:(btih|btmh):[0-9a-zA-Z]+", re.IGNORECASE)


def torrent_link(value: Any) -> str:
    """A magnet link or an http(s) URL to a .torrent."""
    text = filled(value)
    if _MAGNET_RE.match(text):
        return text
    try:
        return str(cv.url(text))
    except vol.Invalid as err:
        raise InputInvalid("invalid_torrent_link") from err


def _hashes(value: Any) -> list[str]:
    """40-hex infohashes, or `all` on its own."""
    items = [h for v in cv.ensure_list_csv(value) if (h := cv.string(v).strip().lower())]
    if not items:
        raise InputInvalid("field_empty")
    if items == [ALL]:
        return items
    if bad := [h for h in items if not _HASH_RE.match(h)]:
        raise InputInvalid("invalid_hashes", hashes=", ".join(bad))
    return list(dict.fromkeys(items))


def absolute_path(value: Any) -> str:
    """An absolute path on the qBittorrent host (POSIX, or a Windows drive)."""
    text = filled(value)
    if not (text.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", text)):
        raise InputInvalid("not_absolute_path")
    return text


INSTANCE = vol.Optional(ATTR_INSTANCE)
# A blank category is qBittorrent's "no category": kept as given.
ADD_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_URL): torrent_link,
        vol.Optional(ATTR_CATEGORY): cv.string,
        vol.Optional(ATTR_SAVE_PATH): absolute_path,
        vol.Optional(ATTR_TAGS): vol.All(cv.ensure_list_csv, [cv.string]),
        vol.Optional(ATTR_PAUSED, default=False): cv.boolean,
        INSTANCE: filled,
    }
)
HASHES_SCHEMA = vol.Schema({vol.Required(ATTR_HASHES): _hashes, INSTANCE: filled})
REMOVE_SCHEMA = HASHES_SCHEMA.extend({vol.Optional(ATTR_DELETE_FILES, default=False): cv.boolean})
MOVE_SCHEMA = HASHES_SCHEMA.extend({vol.Required(ATTR_LOCATION): absolute_path})
GET_SCHEMA = vol.Schema(
    {
        vol.Optional(ATTR_FILTER, default="all"): vol.In(FILTERS),
        vol.Optional(ATTR_CATEGORY): cv.string,
        INSTANCE: filled,
    }
)


def _coordinators(hass: HomeAssistant, instance: str | None) -> list[QBittorrentCoordinator]:
    """The qBittorrents an action targets: the named one, or all of them."""
    return targets(hass, loaded_entry(hass).runtime_data.qbittorrent, instance, "no_qbittorrent")


async def _route(
    hass: HomeAssistant, instance: str | None, hashes: list[str]
) -> list[tuple[QBittorrentCoordinator, list[str] | str]]:
    """Which qBittorrent holds which hashes; unknown hashes are refused before anything runs."""
    targets = _coordinators(hass, instance)
    if hashes == [ALL]:
        return [(c, ALL) for c in targets]
    plan = _plan(targets, hashes)
    if sum(len(h) for _, h in plan) < len(hashes):
        # Added since the last poll (e.g. from qBittorrent's own UI): look once more.
        await asyncio.gather(*(c.async_refresh() for c in targets))
        plan = _plan(targets, hashes)
    found = {h for _, mine in plan for h in mine}
    if missing := [h for h in hashes if h not in found]:
        raise validation_error("unknown_torrent", hashes=", ".join(missing))
    return [(c, mine) for c, mine in plan]


def _plan(
    targets: list[QBittorrentCoordinator], hashes: list[str]
) -> list[tuple[QBittorrentCoordinator, list[str]]]:
    plan = []
    for coordinator in targets:
        torrents = coordinator.data.torrents if coordinator.data else {}
        if mine := [h for h in hashes if h in torrents]:
            plan.append((coordinator, mine))
    return plan


def _matches(torrent: Torrent, wanted: str) -> bool:
    match wanted:
        case "all":
            return True
        case "completed":
            return torrent.is_complete
        case "active":
            return torrent.dlspeed > 0 or torrent.upspeed > 0
        case _:
            return torrent.status == TorrentStatus(wanted)


def torrent_as_dict(torrent: Torrent) -> dict[str, Any]:
    """The action response shape of one torrent."""
    return {
        "hash": torrent.hash,
        "name": torrent.name,
        "state": torrent.state,
        "status": torrent.status.value,
        "progress": round(torrent.progress, 4),
        "size": torrent.total_size,
        "download_speed": torrent.dlspeed,
        "upload_speed": torrent.upspeed,
        "eta": torrent.eta,
        "ratio": round(torrent.ratio, 3),
        "category": torrent.category,
        "tags": list(torrent.tags),
        "save_path": torrent.save_path,
        "added": torrent.added_on.isoformat() if torrent.added_on else None,
        "completed": torrent.completion_on.isoformat() if torrent.completion_on else None,
    }


async def add_to_qbittorrent(
    hass: HomeAssistant,
    instance: str | None,
    *,
    urls: Sequence[str] = (),
    torrent_files: Sequence[tuple[str, bytes]] = (),
    category: str | None = None,
    save_path: str | None = None,
    tags: Sequence[str] = (),
    paused: bool = False,
) -> dict[str, Any]:
    """Add to the named qBittorrent (or the only one), then refresh it.

    Refused while its disk guard blocks, unless added paused (that downloads nothing).
    """
    coordinator = one_target(
        hass, loaded_entry(hass).runtime_data.qbittorrent, instance, "no_qbittorrent"
    )
    if not paused:
        coordinator.disk_guard.ensure_room()
    result = await call_service(
        coordinator.client.add,
        urls=urls,
        torrent_files=torrent_files,
        category=category,
        save_path=save_path,
        tags=tags,
        paused=paused,
    )
    await coordinator.async_request_refresh()
    return {"instance": coordinator.subentry.title, "added_ids": list(result.added_ids)}


async def _add_torrent(call: ServiceCall) -> ServiceResponse:
    added = await add_to_qbittorrent(
        call.hass,
        call.data.get(ATTR_INSTANCE),
        urls=[call.data[ATTR_URL]],
        category=call.data.get(ATTR_CATEGORY),
        save_path=call.data.get(ATTR_SAVE_PATH),
        tags=call.data.get(ATTR_TAGS, ()),
        paused=call.data[ATTR_PAUSED],
    )
    return cast(ServiceResponse, added)


type HashesAction = Callable[[QBittorrentClient, list[str] | str], Awaitable[None]]


async def _for_each_target(call: ServiceCall, action: HashesAction) -> None:
    """Run `action` on every qBittorrent holding the requested hashes, then refresh them."""
    plan = await _route(call.hass, call.data.get(ATTR_INSTANCE), call.data[ATTR_HASHES])
    for coordinator, hashes in plan:
        await call_service(action, coordinator.client, hashes)
    for coordinator, _ in plan:
        await coordinator.async_request_refresh()


async def _pause(call: ServiceCall) -> None:
    await _for_each_target(call, lambda client, hashes: client.pause(hashes))


async def _resume(call: ServiceCall) -> None:
    await _for_each_target(call, lambda client, hashes: client.resume(hashes))


async def _remove(call: ServiceCall) -> None:
    delete_files: bool = call.data[ATTR_DELETE_FILES]
    await _for_each_target(
        call, lambda client, hashes: client.delete(hashes, delete_files=delete_files)
    )


async def _move(call: ServiceCall) -> None:
    location: str = call.data[ATTR_LOCATION]
    await _for_each_target(call, lambda client, hashes: client.set_location(hashes, location))


async def _get_torrents(call: ServiceCall) -> ServiceResponse:
    wanted = call.data[ATTR_FILTER]
    category = call.data.get(ATTR_CATEGORY)
    result: list[dict[str, Any]] = []
    unavailable: list[str] = []
    for coordinator in _coordinators(call.hass, call.data.get(ATTR_INSTANCE)):
        if not coordinator.last_update_success or coordinator.data is None:
            unavailable.append(coordinator.subentry.title)
            continue
        torrents: Iterable[Torrent] = coordinator.data.torrents.values()
        result.extend(
            torrent_as_dict(t) | {"instance": coordinator.subentry.title}
            for t in torrents
            if _matches(t, wanted) and (category is None or t.category == category)
        )
    result.sort(key=lambda t: t["added"] or "", reverse=True)
    return cast(ServiceResponse, {"torrents": result, "unavailable": unavailable})


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register every Pandora action (once, in `async_setup`)."""
    register = partial(register_action, hass)
    register(SERVICE_ADD_TORRENT, _add_torrent, ADD_SCHEMA, SupportsResponse.OPTIONAL)
    register(SERVICE_PAUSE_TORRENTS, _pause, HASHES_SCHEMA)
    register(SERVICE_RESUME_TORRENTS, _resume, HASHES_SCHEMA)
    register(SERVICE_REMOVE_TORRENTS, _remove, REMOVE_SCHEMA)
    register(SERVICE_MOVE_TORRENTS, _move, MOVE_SCHEMA)
    register(SERVICE_GET_TORRENTS, _get_torrents, GET_SCHEMA, SupportsResponse.ONLY)
