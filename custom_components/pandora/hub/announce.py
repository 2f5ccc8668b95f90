"""Pandora's events: fired on the bus for automations, and heard inside Pandora only internally.

Any logged-in user can fire any event on Home Assistant's bus (a companion-app registration's
webhook fires events tagged with that user), so a bus event proves nothing about who fired it.
Every event Pandora announces therefore goes out twice: on the bus, as an output for
automations, logbook and device triggers, and as a dispatcher signal of the same name that only
Pandora's own code can send. The pipelines, the request notifier and the event entities listen
to the signal, never to the bus.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from homeassistant.core import CALLBACK_TYPE, Event, EventOrigin, HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect, async_dispatcher_send

from ..const import DOMAIN

type Listener = Callable[[dict[str, Any]], Coroutine[Any, Any, None] | None]


def _signal(event_type: str) -> str:
    return f"{DOMAIN}_internal_{event_type}"


@callback
def async_announce(hass: HomeAssistant, event_type: str, data: Mapping[str, Any]) -> None:
    """Fire `event_type` on the bus and to Pandora's own listeners (each gets its own copy)."""
    hass.bus.async_fire(event_type, dict(data))
    async_dispatcher_send(hass, _signal(event_type), dict(data))


@callback
def async_listen_internal(
    hass: HomeAssistant, event_type: str, listener: Listener
) -> CALLBACK_TYPE:
    """Hear `event_type` only when Pandora announced it; returns the unsubscribe."""
    return async_dispatcher_connect(hass, _signal(event_type), listener)


def fired_by_pandora(event: Event[Any]) -> bool:
    """Whether a bus event may be Pandora's: fired here, by no user (forgeries carry one)."""
    return event.origin is EventOrigin.local and event.context.user_id is None
