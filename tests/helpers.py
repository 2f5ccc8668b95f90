"""Helpers for Home Assistant-side tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import timedelta
import time
from typing import Any

from pytest_homeassistant_custom_component.common import async_fire_time_changed

from homeassistant.core import HomeAssistant, State
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util


async def poll(hass: HomeAssistant, seconds: float = 60) -> None:
    """Let the coordinators poll once (time moves on, real I/O completes)."""
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=seconds))
    await hass.async_block_till_done(wait_background_tasks=True)


async def poll_until(
    hass: HomeAssistant, predicate: Callable[[], bool], timeout: float = 30
) -> None:
    """Poll repeatedly (with real waits for the daemon) until `predicate` holds.

    The deadline is on the real clock: jumping Home Assistant's time forward to trigger polls
    also fires asyncio timeouts, so `asyncio.timeout` cannot bound this loop.
    """
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        await poll(hass)
        if predicate():
            return
        await asyncio.sleep(0.3)
    raise TimeoutError(f"condition not met within {timeout}s")


def entity_id(hass: HomeAssistant, platform: str, unique_suffix: str) -> str:
    """The entity id of a Pandora entity by platform and unique-id suffix."""
    registry = er.async_get(hass)
    for entry in registry.entities.values():
        if (
            entry.platform == "pandora"
            and entry.domain == platform
            and entry.unique_id.endswith(f"_{unique_suffix}")
        ):
            return entry.entity_id
    raise KeyError(f"{platform} {unique_suffix}")


def get_state(hass: HomeAssistant, entity_id: str) -> State:
    """The state of an entity that must exist."""
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state


async def wait_until(predicate: Callable[[], bool], timeout: float = 30) -> None:
    """Wait on the real clock, without moving Home Assistant's time (so no request timeouts
    fire early): for work that runs by itself, such as the download pipeline."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if predicate():
            return
        await asyncio.sleep(0.1)
    raise TimeoutError(f"condition not met within {timeout}s")


def filled_in(result: Mapping[str, Any]) -> dict[str, Any]:
    """What a form shown again has filled in: each field's suggested value."""
    schema = result["data_schema"]
    assert schema is not None
    return {
        str(key): key.description["suggested_value"]
        for key in schema.schema
        if key.description and "suggested_value" in key.description
    }


# The hub's options form as a client that knows only the older fields sends it (the disk guard's
# and the seeding goals' fields left out: they are optional).
OLDER_OPTIONS_FORM: dict[str, Any] = {
    "preferred_resolution": "1080p",
    "min_seeders": 1,
    "max_size_gb": 0,
    "pipeline": True,
    "file_into_library": False,
    "auto_approve_admins": True,
    "request_stall_minutes": 120,
    "request_notifications": True,
    "voice_control": False,
}
