"""Notifications for household requests: administrators approve from their phones.

A new request waiting for approval goes to every active administrator's companion app
(`notify.mobile_app_<device>`, the service the mobile_app integration registers per device)
with Approve / Deny actions; the app answers with a `mobile_app_notification_action` event,
whose context carries the user who tapped. With no administrator's app, a persistent
notification says a request waits. Once decided (here, in the panel or by an action), the
notification is cleared everywhere (and when the requester withdraws it). Whoever asked for a
title hears when it is available or could not be downloaded, in words for them: the technical
reason stays in the request's history for administrators. Tapping a notification opens the panel
on what it is about: the request (`/pandora/requests/<id>`), or the title once it is available
(`/pandora/discover/<type>/<id>`).

Notifications are a courtesy: a notify call that fails is logged and never stops a request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Coroutine, Mapping
from functools import partial
from itertools import pairwise
import logging
from typing import Any, Final
from urllib.parse import quote

from homeassistant.components import persistent_notification
from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.exceptions import Unauthorized
from homeassistant.helpers import device_registry as dr
from homeassistant.util import slugify

from ..const import CONF_REQUEST_NOTIFICATIONS, DEFAULT_REQUEST_NOTIFICATIONS, PANEL_URL_PATH
from ..hub.announce import async_listen_internal
from ..hub.permissions import Door, async_authorize
from .queue import EVENT_REQUEST_PREFIX, MediaRequest, RequestError, RequestQueue, user_names

_LOGGER = logging.getLogger(__name__)

NOTIFY_DOMAIN: Final = "notify"
MOBILE_APP_DOMAIN: Final = "mobile_app"
# What the companion app fires when a notification's action button is tapped.
EVENT_NOTIFICATION_ACTION: Final = "mobile_app_notification_action"
# mobile_app config entry data (homeassistant.components.mobile_app.const).
MOBILE_APP_USER_ID: Final = "user_id"
MOBILE_APP_DEVICE_NAME: Final = "device_name"
# The companion app removes the notification with this tag when sent this message.
CLEAR_NOTIFICATION: Final = "clear_notification"

ACTION_APPROVE: Final = "PANDORA_APPROVE_"
ACTION_DENY: Final = "PANDORA_DENY_"
TAG_PREFIX: Final = "pandora_request_"
DENY_REASON: Final = "Denied from a notification"
REQUESTS_URL: Final = f"/{PANEL_URL_PATH}/requests"
DISCOVER_URL: Final = f"/{PANEL_URL_PATH}/discover"
SEND_TIMEOUT: Final = 30  # seconds a notify call may take before it is given up (logged)


def notification_tag(request_id: str) -> str:
    """The tag (and persistent notification id) of a request's notifications."""
    return TAG_PREFIX + request_id


def request_label(title: str, year: int | None = None, season: int | None = None) -> str:
    """'Title (Year), season N' as people read it."""
    label = f"{title} ({year})" if year else title
    return f"{label}, season {season}" if season is not None else label


def request_url(request_id: str) -> str:
    """The panel's link to one request (the panel's URL scheme: frontend/src/view-url.ts)."""
    return f"{REQUESTS_URL}/{quote(request_id, safe='')}"


def title_url(media_type: str, tmdb_id: int) -> str:
    """The panel's link to a title's details in Discover."""
    return f"{DISCOVER_URL}/{quote(media_type, safe='')}/{int(tmdb_id)}"


def _open_data(tag: str, url: str) -> dict[str, Any]:
    """Tapping the notification opens `url` (iOS `url`, Android `clickAction`)."""
    return {"tag": tag, "url": url, "clickAction": url}


def failure_message(request: MediaRequest) -> str:
    """Why a failed request failed, for the people who asked ("an admin can retry")."""
    label = request_label(request.title, request.year, request.season)
    stage = "searching"  # the step it last failed at
    for before, after in pairwise(request.transitions):
        if after.status == "failed":
            stage = before.status
    if stage == "waiting_for_space":
        return f"The download of {label} could not start; an admin can retry"
    if stage == "downloading":
        return f"The download of {label} stopped before it finished; an admin can retry"
    if stage == "importing":
        return f"{label} was downloaded but could not be added to the library; an admin can retry"
    return f"We couldn't find a copy of {label} yet; an admin can retry"


def _pending(request: MediaRequest) -> bool:
    """Still waiting for an administrator (read again after an await)."""
    return request.status == "pending"


def _left_pending(request: MediaRequest, status: str) -> bool:
    """Whether the request's latest move to `status` was a decision on a pending request.

    An auto-approval or a retry (failed/denied → approved) never had an administrator's
    notification to clear.
    """
    transitions = request.transitions
    for index in range(len(transitions) - 1, 0, -1):
        if transitions[index].status == status:
            return (
                transitions[index - 1].status == "pending"
                and transitions[index].reason != "auto-approved"
            )
    return False


class RequestNotifier:
    """Sends request notifications and acts on the Approve / Deny buttons of the app."""

    def __init__(
        self,
        hass: HomeAssistant,
        *,
        queue: RequestQueue,
        options: Callable[[], Mapping[str, Any]],
    ) -> None:
        """Bind to the hub's request queue and its options (read when asked); `async_start` listens.

        The hub calls `remove_listeners` when it unloads.
        """
        self.hass = hass
        self._queue = queue
        self._options = options
        self._unsubs: list[CALLBACK_TYPE] = []

    @property
    def enabled(self) -> bool:
        """The hub's `request_notifications` option."""
        return bool(self._options().get(CONF_REQUEST_NOTIFICATIONS, DEFAULT_REQUEST_NOTIFICATIONS))

    async def async_start(self) -> None:
        """Listen to the queue's events and the companion apps' action events.

        Request events are heard through Pandora's own signal (anyone can fire a bus event);
        the apps' taps are bus events by nature, so each is checked against the permission
        table as the user who tapped.
        """
        handlers: dict[str, Callable[[dict[str, Any]], Coroutine[Any, Any, None]]] = {
            "created": self._created,
            "approved": self._decided,
            "denied": self._decided,
            "withdrawn": self._decided,
            "available": partial(self._finished, True),
            "failed": partial(self._finished, False),
        }
        self._unsubs = [
            async_listen_internal(self.hass, EVENT_REQUEST_PREFIX + kind, handler)
            for kind, handler in handlers.items()
        ]
        self._unsubs.append(self.hass.bus.async_listen(EVENT_NOTIFICATION_ACTION, self._action))

    async def async_stop(self) -> None:
        """Stop listening (the hub unloads)."""
        self.remove_listeners()

    @callback
    def remove_listeners(self) -> None:
        """Stop listening; the hub also calls it when its set-up fails after `async_start`."""
        while self._unsubs:
            self._unsubs.pop()()

    # --- events ---------------------------------------------------------------------------------

    async def _created(self, data: dict[str, Any]) -> None:
        """A new request: the administrators decide (unless it was approved at once)."""
        if not self.enabled:
            return
        request = self._queue.get(data["request_id"])
        if request is None or request.status != "pending":
            return
        # The created event fires before an auto-approval is saved: ask the settings.
        requester = await self.hass.auth.async_get_user(request.requested_by)
        if requester is not None and self._queue.settings.auto_approves(requester):
            return
        names = await user_names(self.hass, [request.requested_by])
        who = names.get(request.requested_by, "Someone")
        message = f"{who} requests {request_label(request.title, request.year, request.season)}"
        title = "New request"
        tag = notification_tag(request.id)
        url = request_url(request.id)
        services = self._services(self._apps(await self._admins()))
        if not _pending(request):  # decided meanwhile (the panel, another admin)
            return
        if not services:
            persistent_notification.async_create(
                self.hass,
                f"{message}. [Approve or deny it in Pandora]({url}).",
                title=title,
                notification_id=tag,
            )
            return
        data = {
            **_open_data(tag, url),
            "actions": [
                {"action": ACTION_APPROVE + request.id, "title": "Approve"},
                {"action": ACTION_DENY + request.id, "title": "Deny"},
            ],
        }
        await self._send(services, message, title=title, data=data)

    async def _decided(self, data: dict[str, Any]) -> None:
        """Approved, denied or withdrawn: the administrators' notification has done its job."""
        request_id: str = data["request_id"]
        persistent_notification.async_dismiss(self.hass, notification_tag(request_id))
        request = self._queue.get(request_id)
        if request is not None and not _left_pending(request, data["status"]):
            return
        await self._clear(request_id)

    async def _finished(self, available: bool, data: dict[str, Any]) -> None:
        """Available or failed: tell everyone who asked for it."""
        if not self.enabled:
            return
        users: list[str] = list(data.get("users") or [])
        if not users:
            return
        label = request_label(data["title"], data.get("year"), data.get("season"))
        request = self._queue.get(data["request_id"])
        if available:
            title, message = "Now available", f"{label} is available"
        else:
            title = "Request failed"
            message = (
                failure_message(request)
                if request is not None
                else f"{label} could not be downloaded; an admin can retry"
            )
        tag = notification_tag(data["request_id"])
        # Available: the title (to play it); failed: the request (its reason, Retry).
        url = (
            title_url(data["media_type"], data["tmdb_id"])
            if available
            else request_url(data["request_id"])
        )
        apps = self._apps(users)
        if any(user_id not in apps for user_id in users):
            persistent_notification.async_create(
                self.hass,
                f"{message}. [Open Pandora]({url}).",
                title=title,
                notification_id=tag,
            )
        if services := self._services(apps):
            await self._send(services, message, title=title, data=_open_data(tag, url))

    async def _action(self, event: Event[dict[str, Any]]) -> None:
        """Approve / Deny tapped in a companion app's notification."""
        action = event.data.get("action")
        if not isinstance(action, str):
            return
        if action.startswith(ACTION_APPROVE):
            request_id, approve = action.removeprefix(ACTION_APPROVE), True
        elif action.startswith(ACTION_DENY):
            request_id, approve = action.removeprefix(ACTION_DENY), False
        else:
            return
        user_id = event.context.user_id
        operation = "approve_request" if approve else "deny_request"
        try:
            await async_authorize(self.hass, operation, event.context, Door.NOTIFICATION)
        except Unauthorized:
            _LOGGER.warning(
                "Ignoring %s from a notification: user %s is not an active administrator",
                action,
                user_id,
            )
            return
        request = self._queue.get(request_id)
        if request is None or request.status != "pending":
            _LOGGER.info(
                "%s from a notification: request %s is %s",
                action,
                request_id,
                "unknown" if request is None else f"already {request.status}",
            )
            persistent_notification.async_dismiss(self.hass, notification_tag(request_id))
            await self._clear(request_id)
            return
        try:
            if approve:
                await self._queue.async_set_status(request, "approved", by=user_id)
            else:
                await self._queue.async_set_status(
                    request, "denied", by=user_id, reason=DENY_REASON
                )
        except RequestError as err:  # decided between the check and now
            _LOGGER.info("%s from a notification not applied: %s", action, err.placeholders)
            await self._clear(request_id)

    # --- sending --------------------------------------------------------------------------------

    async def _admins(self) -> list[str]:
        """The active administrators (people, not system users)."""
        return [
            user.id
            for user in await self.hass.auth.async_get_users()
            if user.is_active and user.is_admin and not user.system_generated
        ]

    def _apps(self, user_ids: Collection[str]) -> dict[str, list[str]]:
        """The notify services of these users' companion apps, by user (users with none left out).

        The mobile_app integration registers `notify.mobile_app_<slug of the device name>`
        for each registration that can receive pushes; the registering user is in the entry.
        """
        registry = dr.async_get(self.hass)
        apps: dict[str, list[str]] = {}
        for entry in self.hass.config_entries.async_entries(
            MOBILE_APP_DOMAIN, include_ignore=False, include_disabled=False
        ):
            user_id = entry.data.get(MOBILE_APP_USER_ID)
            device_name = entry.data.get(MOBILE_APP_DEVICE_NAME)
            if not isinstance(user_id, str) or user_id not in user_ids or not device_name:
                continue
            devices = dr.async_entries_for_config_entry(registry, entry.entry_id)
            if any(device.disabled for device in devices):
                continue
            service = slugify(f"{MOBILE_APP_DOMAIN}_{device_name}")
            if self.hass.services.has_service(NOTIFY_DOMAIN, service):
                apps.setdefault(user_id, []).append(service)
        return apps

    @staticmethod
    def _services(apps: Mapping[str, list[str]]) -> list[str]:
        return sorted({service for services in apps.values() for service in services})

    async def _clear(self, request_id: str) -> None:
        """Remove a request's notification from the administrators' apps."""
        if not self.enabled:
            return
        if services := self._services(self._apps(await self._admins())):
            await self._send(
                services, CLEAR_NOTIFICATION, data={"tag": notification_tag(request_id)}
            )

    async def _send(
        self,
        services: list[str],
        message: str,
        *,
        title: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        """Call the notify services side by side; a failure is logged, not raised."""
        payload: dict[str, Any] = {"message": message}
        if title is not None:
            payload["title"] = title
        if data is not None:
            payload["data"] = data
        await asyncio.gather(*(self._call(service, payload) for service in services))

    async def _call(self, service: str, payload: dict[str, Any]) -> None:
        try:
            async with asyncio.timeout(SEND_TIMEOUT):
                await self.hass.services.async_call(NOTIFY_DOMAIN, service, payload, blocking=True)
        except Exception as err:  # a notification never breaks the request flow
            _LOGGER.warning(
                "Could not send a request notification with %s.%s: %s",
                NOTIFY_DOMAIN,
                service,
                err or type(err).__name__,
            )
