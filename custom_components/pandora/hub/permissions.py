"""Who may do what: one table, one check, applied at every door (docs/permissions.md).

Every operation Pandora offers has exactly one access level. Whatever door a call comes
through (an action, a websocket command, an entity's button/switch/select, an Assist intent,
an LLM tool, a companion-app notification button), the door asks `async_authorize` with the
calling context, so the answer never depends on the door:

- read: anyone (household members, automations, voice satellites);
- own: people for themselves (their requests, watchlist, playback); automations for a person
  they name; administrators for anyone;
- control: pausing and resuming downloads, scanning libraries: administrators and automations;
  voice satellites (no user) only when the hub option allows it;
- admin: everything else that changes things: administrators and automations.

A call without a user is an automation or script at the action and entity doors (only an
administrator can write those), a voice satellite at the intent and LLM doors, and nobody at
the notification door (a companion app's tap always carries the user who tapped). A user that
is unknown or deactivated is nobody. Websocket commands run their action as the connection's
user, so they are checked at the action door.

Bus events are never a door: Pandora only fires them (anyone may fire any event through a
companion-app webhook), and nothing in Pandora acts on one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from homeassistant.auth.permissions.const import POLICY_CONTROL
from homeassistant.core import (
    Context,
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
)
from homeassistant.exceptions import Unauthorized
from homeassistant.helpers.typing import VolSchemaType

from ..const import CONF_VOICE_CONTROL, DEFAULT_VOICE_CONTROL, DOMAIN
from .validation import action_schema


class Access(StrEnum):
    """How much an operation changes, hence who may run it."""

    READ = "read"
    OWN = "own"
    CONTROL = "control"
    ADMIN = "admin"


class Caller(StrEnum):
    """Who is calling, as far as permissions go."""

    ADMIN = "admin"
    MEMBER = "member"
    AUTOMATION = "automation"
    SATELLITE = "satellite"
    NOBODY = "nobody"


class Door(StrEnum):
    """Where a call comes in."""

    ACTION = "action"
    WEBSOCKET = "websocket"
    ENTITY = "entity"
    INTENT = "intent"
    LLM = "llm"
    NOTIFICATION = "notification"


READ, OWN, CONTROL, ADMIN = Access.READ, Access.OWN, Access.CONTROL, Access.ADMIN
ACTION, WEBSOCKET, ENTITY = Door.ACTION, Door.WEBSOCKET, Door.ENTITY
INTENT, LLM, NOTIFICATION = Door.INTENT, Door.LLM, Door.NOTIFICATION
WS = (ACTION, WEBSOCKET)  # an action the panel runs through its websocket command


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation's access level and the doors it can be reached through."""

    access: Access
    doors: frozenset[Door]


def _op(access: Access, *doors: Door | tuple[Door, ...]) -> Operation:
    flat = [d for door in doors for d in (door if isinstance(door, tuple) else (door,))]
    return Operation(access, frozenset(flat))


# Named after their action where one exists.
OPERATIONS: Final[dict[str, Operation]] = {
    # Downloads
    "get_torrents": _op(READ, ACTION, INTENT, LLM),
    "add_torrent": _op(ADMIN, ACTION),
    "pause_torrents": _op(CONTROL, WS, ENTITY, INTENT),
    "resume_torrents": _op(CONTROL, WS, ENTITY, INTENT),
    "remove_torrents": _op(ADMIN, WS),
    "move_torrents": _op(ADMIN, ACTION),
    "set_alt_speed_limits": _op(CONTROL, ENTITY),
    "search_torrents": _op(READ, WS),
    "download_release": _op(ADMIN, WS),
    # Discover
    "discover": _op(READ, WS),
    "search_media": _op(READ, WS, LLM),
    "get_media": _op(READ, WS, LLM),
    # Library and files
    "scan_library": _op(CONTROL, WS, ENTITY, INTENT, LLM),
    "list_files": _op(READ, WS),
    "move_files": _op(ADMIN, WS),
    "delete_files": _op(ADMIN, WS),
    # Containers and VPN
    "restart_container": _op(ADMIN, WS, ENTITY),
    "get_container_logs": _op(ADMIN, WS),
    "redeploy_stack": _op(ADMIN, WS, ENTITY),
    "set_vpn_country": _op(ADMIN, WS, ENTITY),
    # Requests
    "request_media": _op(OWN, WS, LLM),
    "withdraw_request": _op(OWN, WS),
    "get_requests": _op(OWN, WS),
    "approve_request": _op(ADMIN, WS, NOTIFICATION),
    "deny_request": _op(ADMIN, WS, NOTIFICATION),
    "retry_request": _op(ADMIN, WS),
    # Watching
    "add_to_watchlist": _op(OWN, WS),
    "remove_from_watchlist": _op(OWN, WS),
    "get_watchlist": _op(OWN, WS),
    "set_featured": _op(ADMIN, WS),
    "clear_featured": _op(ADMIN, WS),
    "play_title": _op(OWN, WS),
}

_ALLOWED: Final[dict[Access, frozenset[Caller]]] = {
    READ: frozenset({Caller.ADMIN, Caller.MEMBER, Caller.AUTOMATION, Caller.SATELLITE}),
    OWN: frozenset({Caller.ADMIN, Caller.MEMBER, Caller.AUTOMATION}),
    CONTROL: frozenset({Caller.ADMIN, Caller.AUTOMATION}),
    ADMIN: frozenset({Caller.ADMIN, Caller.AUTOMATION}),
}


def satellites_may_control(hass: HomeAssistant) -> bool:
    """The hub option "voice satellites may control downloads and scans" (off by default)."""
    entries = hass.config_entries.async_loaded_entries(DOMAIN)
    return bool(entries) and bool(entries[0].options.get(CONF_VOICE_CONTROL, DEFAULT_VOICE_CONTROL))


def allowed(hass: HomeAssistant, access: Access) -> frozenset[Caller]:
    """The callers that may run operations of this access level now."""
    callers = _ALLOWED[access]
    if access is CONTROL and satellites_may_control(hass):
        callers |= {Caller.SATELLITE}
    return callers


async def async_caller(hass: HomeAssistant, context: Context | None, door: Door) -> Caller:
    """Who is behind `context` at `door`."""
    user_id = context.user_id if context is not None else None
    if user_id is None:
        if door in (Door.INTENT, Door.LLM):
            return Caller.SATELLITE
        return Caller.NOBODY if door is Door.NOTIFICATION else Caller.AUTOMATION
    user = await hass.auth.async_get_user(user_id)
    if user is None or not user.is_active:
        return Caller.NOBODY
    return Caller.ADMIN if user.is_admin else Caller.MEMBER


async def async_authorize(
    hass: HomeAssistant, operation: str, context: Context | None, door: Door
) -> Caller:
    """The caller, when they may run `operation` through `door`; else `Unauthorized`."""
    access, doors = OPERATIONS[operation].access, OPERATIONS[operation].doors
    if door not in doors:
        raise ValueError(f"{operation} has no {door} door")  # a programming error, not a user's
    caller = await async_caller(hass, context, door)
    if caller not in allowed(hass, access):
        raise Unauthorized(context=context, permission=POLICY_CONTROL)
    return caller


type ActionHandler = Callable[[ServiceCall], Awaitable[ServiceResponse | None]]


def register_action(
    hass: HomeAssistant,
    name: str,
    handler: ActionHandler,
    schema: VolSchemaType,
    supports_response: SupportsResponse = SupportsResponse.NONE,
) -> None:
    """Register a Pandora action whose handler runs only for callers the table allows.

    Its input errors are translated sentences naming the form's fields (validation.py).
    """

    async def checked(call: ServiceCall) -> ServiceResponse | None:
        await async_authorize(call.hass, name, call.context, Door.ACTION)
        return await handler(call)

    validated = action_schema(hass, name, schema)
    hass.services.async_register(DOMAIN, name, checked, validated, supports_response)
