"""Websocket commands for the panel and cards: validate, check the user, delegate.

One-off commands run the action of the same purpose as the calling user, so input validation,
admin checks and translated errors are the actions' own (docs/websocket.md). Subscriptions push
coordinator changes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final

import probatio as vol

from homeassistant.components.websocket_api import async_register_command
from homeassistant.components.websocket_api.connection import ActiveConnection
from homeassistant.components.websocket_api.const import (
    ERR_HOME_ASSISTANT_ERROR,
    ERR_INVALID_FORMAT,
    ERR_NOT_FOUND,
    ERR_SERVICE_VALIDATION_ERROR,
    ERR_UNAUTHORIZED,
)
from homeassistant.components.websocket_api.decorators import async_response, websocket_command
from homeassistant.components.websocket_api.messages import event_message
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.loader import async_get_integration

from ..const import DOMAIN, SIGNAL_HUB_LOADED, SUBENTRY_CLOUDCMD
from ..discover import signed_images
from ..files import share_folders
from ..hub.coordinator import PandoraCoordinator
from ..hub.errors import safe_text
from ..hub.targets import loaded_entry
from ..requests import SIGNAL_REQUEST_CHANGED, request_dicts, visible
from ..watching import home_rows
from .feeds import TorrentFeed, containers_snapshot, library_snapshot

if TYPE_CHECKING:
    from ..runtime import PandoraConfigEntry, PandoraRuntime

type Connection = ActiveConnection

# websocket type -> (action, its fields, whether it answers with data)
ACTIONS: Final[dict[str, tuple[str, tuple[str, ...], bool]]] = {
    "pandora/discover": ("discover", ("list", "page"), True),
    "pandora/search_media": ("search_media", ("query", "media_type", "year", "page"), True),
    "pandora/media": ("get_media", ("tmdb_id", "media_type"), True),
    "pandora/torrents/search": (
        "search_torrents",
        (
            "query",
            "tmdb_id",
            "media_type",
            "season",
            "episode",
            "year",
            "category",
            "limit",
            "include_rejected",
        ),
        True,
    ),
    "pandora/torrents/add": (
        "download_release",
        (
            "result_id",
            "url",
            "tmdb_id",
            "media_type",
            "category",
            "save_path",
            "paused",
            "instance",
        ),
        True,
    ),
    "pandora/files/list": ("list_files", ("path", "instance"), True),
    "pandora/files/move": (
        "move_files",
        ("paths", "destination", "folder", "scan_after", "instance"),
        True,
    ),
    "pandora/files/delete": ("delete_files", ("paths", "instance"), False),
    "pandora/library/scan": ("scan_library", ("library", "instance"), True),
    "pandora/containers/restart": ("restart_container", ("container", "instance"), False),
    "pandora/containers/logs": (
        "get_container_logs",
        ("container", "tail", "since", "instance"),
        True,
    ),
    "pandora/stacks/redeploy": ("redeploy_stack", ("stack", "instance"), False),
    "pandora/vpn/country": ("set_vpn_country", ("country", "instance"), True),
    "pandora/requests/create": ("request_media", ("tmdb_id", "media_type", "seasons"), True),
    "pandora/requests/approve": ("approve_request", ("request_id",), True),
    "pandora/requests/deny": ("deny_request", ("request_id", "reason"), True),
    "pandora/requests/retry": ("retry_request", ("request_id",), True),
    "pandora/requests/withdraw": ("withdraw_request", ("request_id",), True),
    "pandora/requests/list": ("get_requests", ("status", "limit"), True),
    "pandora/watchlist/list": ("get_watchlist", (), True),
    "pandora/watchlist/add": ("add_to_watchlist", ("tmdb_id", "media_type"), True),
    "pandora/watchlist/remove": ("remove_from_watchlist", ("tmdb_id", "media_type"), True),
    "pandora/featured/set": ("set_featured", ("tmdb_id", "media_type"), True),
    "pandora/featured/clear": ("clear_featured", (), True),
    "pandora/play": (
        "play_title",
        ("entity_id", "tmdb_id", "media_type", "item_id", "instance"),
        True,
    ),
}
TORRENT_ACTIONS: Final = {
    "pause": "pause_torrents",
    "resume": "resume_torrents",
    "remove": "remove_torrents",
}


async def _run_action(
    hass: HomeAssistant,
    connection: Connection,
    msg: dict[str, Any],
    action: str,
    data: dict[str, Any],
    *,
    response: bool,
) -> Any:
    """Call a Pandora action as the connection's user; websocket errors on failure."""
    try:
        return await hass.services.async_call(
            DOMAIN,
            action,
            data,
            blocking=True,
            context=connection.context(msg),
            return_response=response,
        )
    except vol.Invalid as err:
        connection.send_error(msg["id"], ERR_INVALID_FORMAT, safe_text(err))
    except Unauthorized as err:
        connection.send_error(msg["id"], ERR_UNAUTHORIZED, _refusal(err))
    except ServiceValidationError as err:
        connection.send_error(
            msg["id"],
            ERR_SERVICE_VALIDATION_ERROR,
            safe_text(err),
            translation_domain=err.translation_domain,
            translation_key=err.translation_key,
            translation_placeholders=_safe_placeholders(err),
        )
    except HomeAssistantError as err:
        connection.send_error(
            msg["id"],
            ERR_HOME_ASSISTANT_ERROR,
            safe_text(err),
            translation_domain=err.translation_domain,
            translation_key=err.translation_key,
            translation_placeholders=_safe_placeholders(err),
        )
    return _FAILED


_FAILED: Final = object()


def _safe_placeholders(err: HomeAssistantError) -> dict[str, str] | None:
    """An error's placeholders as the browser may see them (they may quote a client error)."""
    placeholders = err.translation_placeholders
    return placeholders and {key: safe_text(value) for key, value in placeholders.items()}


def _action_command(ws_type: str, action: str, fields: tuple[str, ...], response: bool) -> Any:
    """A websocket command that runs `action` with the message's fields."""

    @websocket_command(
        {vol.Required("type"): ws_type, **{vol.Optional(name): object for name in fields}}
    )
    @async_response
    async def handle(hass: HomeAssistant, connection: Connection, msg: dict[str, Any]) -> None:
        data = {name: msg[name] for name in fields if name in msg}
        result = await _run_action(hass, connection, msg, action, data, response=response)
        if result is not _FAILED:
            connection.send_result(msg["id"], signed_images(hass, connection, result))

    return handle


@websocket_command(
    {
        vol.Required("type"): "pandora/torrents/action",
        vol.Required("action"): vol.In(tuple(TORRENT_ACTIONS)),
        vol.Required("hashes"): object,
        vol.Optional("delete_files"): bool,
        vol.Optional("instance"): str,
    }
)
@async_response
async def ws_torrents_action(
    hass: HomeAssistant, connection: Connection, msg: dict[str, Any]
) -> None:
    """Pause, resume or remove torrents (the actions check the user)."""
    data: dict[str, Any] = {"hashes": msg["hashes"]}
    if "instance" in msg:
        data["instance"] = msg["instance"]
    if msg["action"] == "remove" and "delete_files" in msg:
        data["delete_files"] = msg["delete_files"]
    action = TORRENT_ACTIONS[msg["action"]]
    if await _run_action(hass, connection, msg, action, data, response=False) is not _FAILED:
        connection.send_result(msg["id"])


@websocket_command({vol.Required("type"): "pandora/info"})
@async_response
async def ws_info(hass: HomeAssistant, connection: Connection, msg: dict[str, Any]) -> None:
    """What is configured, and whether the user may change things."""
    integration = await async_get_integration(hass, DOMAIN)
    services: dict[str, list[dict[str, Any]]] = {}
    entries = hass.config_entries.async_loaded_entries(DOMAIN)
    for entry in entries:
        for subentry_id, subentry in entry.subentries.items():
            service: dict[str, Any] = {"id": subentry_id, "title": subentry.title}
            if subentry.subentry_type == SUBENTRY_CLOUDCMD:
                # Share-relative, as configured (or the defaults): the Files tab pins them.
                service["folders"] = share_folders(subentry.data)
            services.setdefault(subentry.subentry_type, []).append(service)
    connection.send_result(
        msg["id"],
        {
            "version": str(integration.version),
            "admin": connection.user.is_admin,
            "loaded": bool(entries),
            "services": services,
            "requests": bool(entries),
        },
    )


@websocket_command({vol.Required("type"): "pandora/home"})
@async_response
async def ws_home(hass: HomeAssistant, connection: Connection, msg: dict[str, Any]) -> None:
    """Discover's rows above TMDB's, for this user (each row fails on its own)."""
    if (entry := _loaded_entry(connection, msg)) is None:
        return
    rows = await home_rows(hass, entry, connection.user.id)
    connection.send_result(msg["id"], signed_images(hass, connection, rows))


def _loaded_entry(connection: Connection, msg: dict[str, Any]) -> PandoraConfigEntry | None:
    """The loaded hub, or None after answering `not_found`."""
    try:
        return loaded_entry(connection.hass)
    except ServiceValidationError as err:
        connection.send_error(msg["id"], ERR_NOT_FOUND, str(err))
        return None


@callback
def _subscribe(
    connection: Connection,
    msg: dict[str, Any],
    entry: PandoraConfigEntry,
    coordinators: Callable[[PandoraRuntime], Iterable[PandoraCoordinator[Any, Any]]],
    push: Callable[[PandoraRuntime, bool], None],
    *,
    signal: str | None = None,
) -> None:
    """Run `push(runtime, full)` after every coordinator update until the client unsubscribes.

    With `signal`, that dispatcher signal pushes too. A reloaded hub (options or services
    changed) has new coordinators: the subscription follows it and pushes everything again, so
    an open panel stays live.
    """
    listeners: list[Callable[[], None]] = []

    @callback
    def bind(runtime: PandoraRuntime) -> None:
        for remove in listeners:
            remove()

        @callback
        def changed(*_: Any) -> None:
            push(runtime, False)

        listeners[:] = [c.async_add_listener(changed) for c in coordinators(runtime)]
        if signal is not None:
            listeners.append(async_dispatcher_connect(connection.hass, signal, changed))
        push(runtime, True)

    @callback
    def reloaded(new_entry: PandoraConfigEntry) -> None:
        bind(new_entry.runtime_data)

    stop_following = async_dispatcher_connect(connection.hass, SIGNAL_HUB_LOADED, reloaded)

    @callback
    def unsubscribe() -> None:
        stop_following()
        for remove in listeners:
            remove()

    connection.subscriptions[msg["id"]] = unsubscribe
    connection.send_result(msg["id"])
    bind(entry.runtime_data)


@websocket_command(
    {
        vol.Required("type"): "pandora/history",
        vol.Optional("limit", default=50): vol.All(int, vol.Range(min=1, max=1000)),
    }
)
@callback
def ws_history(hass: HomeAssistant, connection: Connection, msg: dict[str, Any]) -> None:
    """The latest torrent and file events, newest first."""
    if (entry := _loaded_entry(connection, msg)) is None:
        return
    runtime = entry.runtime_data
    titles = {sub_id: sub.title for sub_id, sub in entry.subentries.items()}
    events = [
        dict(event) | {"instance": titles.get(event["subentry_id"])}
        for event in runtime.history.events(limit=msg["limit"])
    ]
    connection.send_result(
        msg["id"], {"events": events, "files": runtime.history.files(limit=msg["limit"])}
    )


@websocket_command({vol.Required("type"): "pandora/torrents/subscribe"})
@callback
def ws_torrents_subscribe(hass: HomeAssistant, connection: Connection, msg: dict[str, Any]) -> None:
    """Live torrents: every torrent, then the changes after every qBittorrent poll.

    Every subscribed panel shares the hub's one `TorrentFeed`, which encodes each event once;
    here it only gets this subscription's id. A reloaded hub has a new feed: the subscription
    moves to it, and gets every torrent again.
    """
    if (entry := _loaded_entry(connection, msg)) is None:
        return
    prefix = f'{{"id":{int(msg["id"])},"type":"event","event":'

    def send(event: str) -> None:
        connection.send_message(f"{prefix}{event}}}")

    leave: list[Callable[[], None]] = []

    @callback
    def bind(runtime: PandoraRuntime) -> None:
        while leave:
            leave.pop()()
        leave.append(TorrentFeed.of(hass, runtime).subscribe(send))

    @callback
    def reloaded(new_entry: PandoraConfigEntry) -> None:
        bind(new_entry.runtime_data)

    stop_following = async_dispatcher_connect(hass, SIGNAL_HUB_LOADED, reloaded)

    @callback
    def unsubscribe() -> None:
        stop_following()
        while leave:
            leave.pop()()

    connection.subscriptions[msg["id"]] = unsubscribe
    connection.send_result(msg["id"])
    bind(entry.runtime_data)


def _snapshot_command(
    ws_type: str,
    snapshot: Callable[[PandoraRuntime], dict[str, Any]],
    coordinators: Callable[[PandoraRuntime], list[PandoraCoordinator[Any, Any]]],
) -> Any:
    """A subscription pushing `snapshot(runtime)` whenever it changes."""

    @websocket_command({vol.Required("type"): ws_type})
    @callback
    def handle(hass: HomeAssistant, connection: Connection, msg: dict[str, Any]) -> None:
        if (entry := _loaded_entry(connection, msg)) is None:
            return
        last: list[dict[str, Any]] = []

        @callback
        def push(runtime: PandoraRuntime, _full: bool) -> None:
            payload = snapshot(runtime)
            if not last or payload != last[0]:
                last[:] = [payload]
                connection.send_message(event_message(msg["id"], payload))

        _subscribe(connection, msg, entry, coordinators, push)

    return handle


@websocket_command({vol.Required("type"): "pandora/requests/subscribe"})
@callback
def ws_requests_subscribe(hass: HomeAssistant, connection: Connection, msg: dict[str, Any]) -> None:
    """The requests the user may see, pushed whenever that list changes."""
    if (entry := _loaded_entry(connection, msg)) is None:
        return
    last: list[dict[str, Any]] = []
    lock = asyncio.Lock()  # one snapshot at a time, in order: the last one sent is current

    async def send(runtime: PandoraRuntime) -> None:
        async with lock:
            requests = visible(runtime.requests, connection.user)
            payload = {"requests": await request_dicts(hass, requests)}
            if msg["id"] in connection.subscriptions and (not last or payload != last[0]):
                last[:] = [payload]
                signed = signed_images(hass, connection, payload)
                connection.send_message(event_message(msg["id"], signed))

    @callback
    def push(runtime: PandoraRuntime, _full: bool) -> None:
        hass.async_create_task(send(runtime), eager_start=True)

    _subscribe(connection, msg, entry, lambda _r: (), push, signal=SIGNAL_REQUEST_CHANGED)


@callback
def async_setup_websocket(hass: HomeAssistant) -> None:
    """Register every command (once, from async_setup)."""
    for ws_type, (action, fields, response) in ACTIONS.items():
        async_register_command(hass, _action_command(ws_type, action, fields, response))
    for command in (
        ws_info,
        ws_home,
        ws_history,
        ws_torrents_action,
        ws_torrents_subscribe,
        ws_requests_subscribe,
    ):
        async_register_command(hass, command)
    async_register_command(
        hass,
        _snapshot_command(
            "pandora/library/subscribe",
            library_snapshot,
            # The sessions poll while a panel shows them (and while their entities are enabled).
            lambda r: [*r.jellyfin.values(), *(c.sessions for c in r.jellyfin.values())],
        ),
    )
    async_register_command(
        hass,
        _snapshot_command(
            "pandora/containers/subscribe",
            containers_snapshot,
            lambda r: [*r.portainer.values(), *r.gluetun.values()],
        ),
    )


def _refusal(err: Unauthorized) -> str:
    """Why a command was refused: a player's own permissions, or administrators only."""
    if err.entity_id:
        return f"You may not control {err.entity_id}"
    return "Administrators only"
