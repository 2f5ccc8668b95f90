"""Request actions: anyone asks for a title or withdraws it, administrators approve or deny.

A call without a user (an automation or script) acts as the system, an administrator. Requests
are read and changed only through the queue (queue.py); this module checks who may do what
and shapes the answers (`request_dicts`, shared with the websocket subscription).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any, cast

import probatio as vol

from homeassistant.auth.models import User
from homeassistant.auth.permissions.const import POLICY_CONTROL
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import Unauthorized
from homeassistant.helpers import config_validation as cv

from ..discover import MEDIA_TYPES, media_details
from ..hub.errors import validation_error
from ..hub.permissions import register_action
from ..hub.targets import loaded_entry
from ..hub.validation import filled
from .notify import failure_message
from .queue import (
    STATUSES,
    MediaRequest,
    RequestError,
    RequestQueue,
    Status,
    can_see,
    user_names,
)

SERVICE_REQUEST_MEDIA = "request_media"
SERVICE_APPROVE_REQUEST = "approve_request"
SERVICE_DENY_REQUEST = "deny_request"
SERVICE_RETRY_REQUEST = "retry_request"
SERVICE_GET_REQUESTS = "get_requests"
SERVICE_WITHDRAW_REQUEST = "withdraw_request"

MAX_REASON = 500
DEFAULT_LIMIT = 100
MAX_LIMIT = 500
# What an administrator may send back to the pipeline with retry_request.
RETRYABLE: frozenset[Status] = frozenset({"failed", "denied"})

_ID = vol.All(filled, vol.Length(max=64))
_REQUEST_ID = {vol.Required("request_id"): _ID}

REQUEST_MEDIA_SCHEMA = vol.Schema(
    {
        vol.Required("tmdb_id"): vol.All(vol.Coerce(int), vol.Range(min=1)),
        vol.Required("media_type"): vol.In(MEDIA_TYPES),
        vol.Optional("seasons"): vol.All(
            cv.ensure_list, [vol.All(vol.Coerce(int), vol.Range(min=0, max=500))]
        ),
        vol.Optional("user_id"): _ID,
    }
)
REQUEST_ID_SCHEMA = vol.Schema(_REQUEST_ID)
DENY_SCHEMA = vol.Schema(
    {
        **_REQUEST_ID,
        vol.Optional("reason"): vol.All(cv.string, vol.Strip, vol.Length(max=MAX_REASON)),
    }
)
GET_REQUESTS_SCHEMA = vol.Schema(
    {
        vol.Optional("status"): vol.All(cv.ensure_list, [vol.In(STATUSES)]),
        vol.Optional("limit", default=DEFAULT_LIMIT): vol.All(
            vol.Coerce(int), vol.Range(min=1, max=MAX_LIMIT)
        ),
    }
)


# --- who is calling ----------------------------------------------------------------------------


async def _caller(call: ServiceCall) -> User | None:
    """The calling user; None for the system (automations, scripts)."""
    if call.context.user_id is None:
        return None
    user = await call.hass.auth.async_get_user(call.context.user_id)
    if user is None:
        raise Unauthorized(context=call.context, permission=POLICY_CONTROL)
    return user


def _require_admin(call: ServiceCall, user: User | None) -> None:
    """Acting for someone else is for administrators and automations (no user)."""
    if user is not None and not user.is_admin:
        raise Unauthorized(context=call.context, permission=POLICY_CONTROL)


def _queue(hass: HomeAssistant) -> RequestQueue:
    queue: RequestQueue = loaded_entry(hass).runtime_data.requests
    return queue


def _find(hass: HomeAssistant, request_id: str) -> tuple[RequestQueue, MediaRequest]:
    queue = _queue(hass)
    if (request := queue.get(request_id)) is None:
        raise validation_error("request_not_found", request_id=request_id)
    return queue, request


# --- answers -----------------------------------------------------------------------------------


async def request_dicts(
    hass: HomeAssistant, requests: Iterable[MediaRequest]
) -> list[dict[str, Any]]:
    """The answer shape: `as_dict()`, display names and the reason for people.

    Names by id in `names` (askers, deciders); `public_reason`: why it was denied or failed, in
    words for the people who asked (the technical `reason` stays, for administrators).
    """
    requests = list(requests)
    ids = {u for r in requests for u in r.users()}
    ids |= {t.by for r in requests for t in r.transitions if t.by}
    names = await user_names(hass, ids)
    answers = []
    for r in requests:
        mentioned = {*r.users(), *(t.by for t in r.transitions if t.by)}
        answers.append(
            r.as_dict()
            | {
                "requested_by_name": names.get(r.requested_by),
                "users_names": [names[u] for u in r.users() if u in names],
                "names": {u: names[u] for u in sorted(mentioned) if u in names},
                "public_reason": _public_reason(r),
            }
        )
    return answers


def _public_reason(request: MediaRequest) -> str | None:
    if request.status == "failed":
        return failure_message(request)
    # Denied: the administrator's words; waiting: how much space is free, and the minimum.
    return request.reason if request.status in ("denied", "waiting_for_space") else None


def visible(queue: RequestQueue, user: User | None) -> list[MediaRequest]:
    """What `user` may see, newest first: administrators and the system everything."""
    return queue.all() if user is None else queue.visible_to(user)


async def _answer(hass: HomeAssistant, request: MediaRequest) -> ServiceResponse:
    return cast(ServiceResponse, {"request": (await request_dicts(hass, [request]))[0]})


async def _set_status(
    queue: RequestQueue,
    request: MediaRequest,
    status: Status,
    by: str | None,
    reason: str | None = None,
) -> None:
    try:
        await queue.async_set_status(request, status, by=by, reason=reason)
    except RequestError as err:
        raise validation_error(err.key, **err.placeholders) from err


# --- handlers ----------------------------------------------------------------------------------


async def _requester(call: ServiceCall, caller: User | None) -> User:
    """Who the request is for: the caller, or `user_id` (administrators and the system only)."""
    wanted: str | None = call.data.get("user_id")
    if wanted is None or (caller is not None and wanted == caller.id):
        if caller is None:
            raise validation_error("user_required")
        return caller
    _require_admin(call, caller)
    user = await call.hass.auth.async_get_user(wanted)
    if user is None or not user.is_active or user.system_generated:
        raise validation_error("unknown_user", user_id=wanted)
    return user


async def _request_media(call: ServiceCall) -> ServiceResponse:
    hass = call.hass
    caller = await _caller(call)
    user = await _requester(call, caller)
    tmdb_id: int = call.data["tmdb_id"]
    media_type = call.data["media_type"]
    details = await media_details(hass, tmdb_id, media_type)
    seasons: list[int | None] = [None]
    if media_type == "tv" and call.data.get("seasons"):
        seasons = sorted(set(call.data["seasons"]))
        known = {s["number"] for s in details.get("seasons") or []}
        for season in seasons:
            if known and season not in known:
                raise validation_error(
                    "unknown_season", season=str(season), title=str(details["title"])
                )
    queue = _queue(hass)
    made: list[MediaRequest] = []
    created: list[bool] = []
    for season in seasons:
        request, new = await queue.async_create(
            user,
            tmdb_id=tmdb_id,
            media_type=media_type,
            title=str(details["title"]),
            year=details.get("year"),
            season=season,
            poster_url=details.get("poster_url"),
        )
        made.append(request)
        created.append(new)
    return cast(ServiceResponse, {"requests": await request_dicts(hass, made), "created": created})


async def _approve_request(call: ServiceCall) -> ServiceResponse:
    caller = await _caller(call)
    queue, request = _find(call.hass, call.data["request_id"])
    await _set_status(queue, request, "approved", caller.id if caller else None)
    return await _answer(call.hass, request)


async def _deny_request(call: ServiceCall) -> ServiceResponse:
    caller = await _caller(call)
    queue, request = _find(call.hass, call.data["request_id"])
    reason = call.data.get("reason") or None
    await _set_status(queue, request, "denied", caller.id if caller else None, reason)
    return await _answer(call.hass, request)


async def _retry_request(call: ServiceCall) -> ServiceResponse:
    caller = await _caller(call)
    queue, request = _find(call.hass, call.data["request_id"])
    if request.status not in RETRYABLE:
        raise validation_error(
            "request_wrong_status", status=request.status, wanted="approved", title=request.title
        )
    await _set_status(queue, request, "approved", caller.id if caller else None, "retry")
    return await _answer(call.hass, request)


async def _withdraw_request(call: ServiceCall) -> ServiceResponse:
    """Whoever asked (or an administrator, an automation) withdraws a pending request."""
    caller = await _caller(call)
    queue, request = _find(call.hass, call.data["request_id"])
    if caller is not None and not can_see(caller, request):
        # Someone else's: as unknown to this member as it is in their list.
        raise validation_error("request_not_found", request_id=request.id)
    try:
        await queue.async_withdraw(request, caller.id if caller else None)
    except RequestError as err:
        raise validation_error(err.key, **err.placeholders) from err
    return await _answer(call.hass, request)


async def _get_requests(call: ServiceCall) -> ServiceResponse:
    caller = await _caller(call)
    queue = _queue(call.hass)
    requests = visible(queue, caller)
    if (statuses := call.data.get("status")) is not None:
        requests = [r for r in requests if r.status in statuses]
    answer = await request_dicts(call.hass, requests[: call.data["limit"]])
    return cast(ServiceResponse, {"requests": answer})


def async_setup_request_actions(hass: HomeAssistant) -> None:
    """Register the request actions."""
    register = partial(register_action, hass)
    optional = SupportsResponse.OPTIONAL
    register(SERVICE_REQUEST_MEDIA, _request_media, REQUEST_MEDIA_SCHEMA, optional)
    register(SERVICE_APPROVE_REQUEST, _approve_request, REQUEST_ID_SCHEMA, optional)
    register(SERVICE_DENY_REQUEST, _deny_request, DENY_SCHEMA, optional)
    register(SERVICE_RETRY_REQUEST, _retry_request, REQUEST_ID_SCHEMA, optional)
    register(SERVICE_WITHDRAW_REQUEST, _withdraw_request, REQUEST_ID_SCHEMA, optional)
    register(SERVICE_GET_REQUESTS, _get_requests, GET_REQUESTS_SCHEMA, SupportsResponse.ONLY)
