"""The "Pandora requests" device: count sensors, the request event entity, diagnostics."""

from __future__ import annotations

from datetime import timedelta
import json
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.pandora import async_remove_config_entry_device
from custom_components.pandora.const import DOMAIN
from devtools.support.media import NOTLD, Sims
from homeassistant.auth.models import User
from homeassistant.components.sensor import ATTR_STATE_CLASS, SensorStateClass
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util import dt as dt_util
from tests.harness.request_hub import call, hold_back_pipeline, queue, request_hub
from tests.helpers import get_state

COUNTS = ("pending", "in_progress", "available", "failed")


@pytest.fixture(autouse=True)
def _no_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    hold_back_pipeline(monkeypatch)


@pytest.fixture
async def hub(hass: HomeAssistant, sims: Sims) -> MockConfigEntry:
    return await request_hub(hass, sims, auto_approve_admins=False)


def entity_ids(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, str]:
    """Request entities by unique-id suffix."""
    registry = er.async_get(hass)
    found = {}
    for key in (*(f"requests_{c}" for c in COUNTS), "request"):
        entity_id = registry.async_get_entity_id(
            "event" if key == "request" else "sensor", DOMAIN, f"{entry.entry_id}_{key}"
        )
        assert entity_id is not None, key
        found[key] = entity_id
    return found


def requests_device(hass: HomeAssistant, entry: MockConfigEntry) -> dr.DeviceEntry | None:
    return dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, f"{entry.entry_id}_requests"), entry.entry_id
    )


def counts(hass: HomeAssistant, ids: dict[str, str]) -> dict[str, str]:
    return {c: get_state(hass, ids[f"requests_{c}"]).state for c in COUNTS}


async def test_device_and_entities(hass: HomeAssistant, hub: MockConfigEntry) -> None:
    ids = entity_ids(hass, hub)
    assert ids == {
        "requests_pending": "sensor.pandora_requests_pending",
        "requests_in_progress": "sensor.pandora_requests_in_progress",
        "requests_available": "sensor.pandora_requests_available_30_days",
        "requests_failed": "sensor.pandora_requests_failed",
        "request": "event.pandora_requests_request",
    }
    device = requests_device(hass, hub)
    assert device is not None
    assert device.name == "Pandora requests"
    assert device.entry_type is dr.DeviceEntryType.SERVICE
    registry = er.async_get(hass)
    for entity_id in ids.values():
        entity = registry.async_get(entity_id)
        assert entity is not None and entity.device_id == device.id
    assert counts(hass, ids) == dict.fromkeys(COUNTS, "0")
    state = get_state(hass, ids["requests_pending"])
    assert state.attributes[ATTR_STATE_CLASS] == SensorStateClass.MEASUREMENT
    assert "unit_of_measurement" not in state.attributes
    event = get_state(hass, ids["request"])
    assert event.state == "unknown"
    assert event.attributes["event_types"] == [
        "created",
        "approved",
        "denied",
        "withdrawn",
        "available",
        "failed",
    ]


async def test_counts_and_events_follow_the_queue(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    hass_read_only_user: User,
    hass_admin_user: User,
    freezer: FrozenDateTimeFactory,
) -> None:
    ids = entity_ids(hass, hub)
    first = (
        await call(hass, "request_media", hass_read_only_user.id, tmdb_id=NOTLD, media_type="movie")
    )["requests"][0]
    second = (
        await call(
            hass, "request_media", hass_read_only_user.id, tmdb_id=900002, media_type="movie"
        )
    )["requests"][0]
    await hass.async_block_till_done()
    assert counts(hass, ids) == {
        "pending": "2",
        "in_progress": "0",
        "available": "0",
        "failed": "0",
    }
    event = get_state(hass, ids["request"])
    assert event.attributes["event_type"] == "created"
    assert event.attributes["request_id"] == second["id"]
    assert event.attributes["requested_by"] == hass_read_only_user.id
    assert event.attributes["title"] == second["title"]

    await call(hass, "approve_request", hass_admin_user.id, request_id=first["id"])
    await hass.async_block_till_done()
    assert counts(hass, ids) == {
        "pending": "1",
        "in_progress": "1",
        "available": "0",
        "failed": "0",
    }
    event = get_state(hass, ids["request"])
    assert event.attributes["event_type"] == "approved"
    assert event.attributes["by"] == hass_admin_user.id

    await call(hass, "deny_request", hass_admin_user.id, request_id=second["id"], reason="no")
    await hass.async_block_till_done()
    event = get_state(hass, ids["request"])
    assert event.attributes["event_type"] == "denied" and event.attributes["reason"] == "no"
    assert counts(hass, ids)["pending"] == "0"

    # What the pipeline does, straight on the queue.
    requests = queue(hub)
    request = requests.get(first["id"])
    assert request is not None
    for status in ("searching", "downloading", "importing", "available"):
        await requests.async_set_status(request, status)
    other = requests.get(second["id"])
    assert other is not None
    await requests.async_set_status(other, "approved")
    await requests.async_set_status(other, "failed", reason="no release")
    await hass.async_block_till_done()
    assert counts(hass, ids) == {
        "pending": "0",
        "in_progress": "0",
        "available": "1",
        "failed": "1",
    }
    assert get_state(hass, ids["request"]).attributes["event_type"] == "failed"

    # Available counts 30 days: the hourly recount drops it without any request changing.
    freezer.tick(timedelta(days=31))
    async_fire_time_changed(hass, dt_util.utcnow())
    await hass.async_block_till_done()
    assert counts(hass, ids)["available"] == "0"


async def test_entities_survive_a_reload(hass: HomeAssistant, hub: MockConfigEntry) -> None:
    ids = entity_ids(hass, hub)
    registry = er.async_get(hass)
    registry.async_update_entity(ids["requests_pending"], name="Waiting for approval")
    device = requests_device(hass, hub)
    changes = async_capture_events(hass, dr.EVENT_DEVICE_REGISTRY_UPDATED)
    assert await hass.config_entries.async_reload(hub.entry_id)
    await hass.async_block_till_done()
    again = requests_device(hass, hub)
    assert device is not None and again is not None and again.id == device.id
    # Kept as it is (not removed and created again), and not deletable while the hub is there.
    assert not [e for e in changes if e.data["device_id"] == device.id]
    assert not await async_remove_config_entry_device(hass, hub, again)
    assert entity_ids(hass, hub) == ids
    entity = registry.async_get(ids["requests_pending"])
    assert entity is not None and entity.name == "Waiting for approval"
    assert get_state(hass, ids["requests_pending"]).state == "0"


async def test_diagnostics_count_requests_without_users(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    sims: Sims,
    hass_read_only_user: User,
) -> None:
    hub = await request_hub(hass, sims, auto_approve_users=[hass_read_only_user.id])
    await call(hass, "request_media", hass_read_only_user.id, tmdb_id=NOTLD, media_type="movie")
    await call(hass, "request_media", hass_read_only_user.id, tmdb_id=900002, media_type="movie")
    diagnostics: dict[str, Any] = await get_diagnostics_for_config_entry(hass, hass_client, hub)
    assert diagnostics["requests"] == {
        "total": 2,
        "counts": {"pending": 0, "in_progress": 2, "available": 0, "failed": 0},
        "statuses": {"approved": 2},
    }
    assert hass_read_only_user.id not in json.dumps(diagnostics)
