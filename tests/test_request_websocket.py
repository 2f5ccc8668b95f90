"""Request websocket commands and the per-user requests subscription (TMDB simulator)."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from devtools.support.media import NOTLD, Sims
from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant
from tests.harness.request_hub import CISCO_KID, call, hold_back_pipeline, queue, request_hub


@pytest.fixture(autouse=True)
def _no_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    hold_back_pipeline(monkeypatch)


@pytest.fixture
async def hub(hass: HomeAssistant, sims: Sims) -> MockConfigEntry:
    return await request_hub(hass, sims, auto_approve_admins=False)


async def command(client: Any, **msg: Any) -> dict[str, Any]:
    """Send a command; its answer (events of subscriptions that come first are skipped)."""
    await client.send_json_auto_id(msg)
    while True:
        answer: dict[str, Any] = await client.receive_json()
        if answer["type"] == "result":
            return answer


async def next_event(client: Any) -> dict[str, Any]:
    """The next subscription event."""
    while True:
        message: dict[str, Any] = await client.receive_json()
        if message["type"] == "event":
            return message


def titles(event: dict[str, Any]) -> list[str]:
    return [r["title"] for r in event["event"]["requests"]]


async def test_commands_as_a_user_and_as_an_admin(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    hass_ws_client: Any,
    hass_read_only_access_token: str,
    hass_read_only_user: User,
) -> None:
    reader = await hass_ws_client(hass, access_token=hass_read_only_access_token)
    admin = await hass_ws_client(hass)
    info = await command(admin, type="pandora/info")
    assert info["result"]["requests"] is True

    answer = await command(
        reader, type="pandora/requests/create", tmdb_id=CISCO_KID, media_type="tv", seasons=[1, 2]
    )
    assert answer["success"], answer
    requests = answer["result"]["requests"]
    assert answer["result"]["created"] == [True, True]
    assert [r["season"] for r in requests] == [1, 2]
    assert all(r["requested_by"] == hass_read_only_user.id for r in requests)
    # Posters go through Pandora's signed image proxy.
    assert requests[0]["poster_url"].startswith("/api/pandora/image/")
    assert "authSig=" in requests[0]["poster_url"]

    answer = await command(reader, type="pandora/requests/approve", request_id=requests[0]["id"])
    assert not answer["success"] and answer["error"]["code"] == "unauthorized"
    answer = await command(
        admin, type="pandora/requests/create", **{"tmdb_id": NOTLD, "media_type": "movie"}
    )
    mine = answer["result"]["requests"][0]
    listed = await command(reader, type="pandora/requests/list")
    assert {r["id"] for r in listed["result"]["requests"]} == {r["id"] for r in requests}
    listed = await command(admin, type="pandora/requests/list", status=["pending"], limit=2)
    assert [r["id"] for r in listed["result"]["requests"]] == [mine["id"], requests[1]["id"]]

    answer = await command(
        admin, type="pandora/requests/deny", request_id=requests[0]["id"], reason="later"
    )
    assert answer["result"]["request"]["status"] == "denied"
    answer = await command(admin, type="pandora/requests/retry", request_id=requests[0]["id"])
    assert answer["result"]["request"]["status"] == "approved"
    answer = await command(admin, type="pandora/requests/approve", request_id=mine["id"])
    assert answer["result"]["request"]["status"] == "approved"

    # The reader withdraws their other pending request; an administrator's is not theirs.
    answer = await command(reader, type="pandora/requests/withdraw", request_id=requests[1]["id"])
    assert answer["success"], answer
    assert answer["result"]["request"]["status"] == "withdrawn"
    answer = await command(reader, type="pandora/requests/withdraw", request_id=mine["id"])
    assert answer["error"]["code"] == "service_validation_error"
    assert answer["error"]["translation_key"] == "request_not_found"
    answer = await command(reader, type="pandora/requests/withdraw", request_id=requests[0]["id"])
    assert answer["error"]["translation_key"] == "request_not_withdrawable"
    assert answer["error"]["message"] == (
        "Only a request still waiting for approval can be withdrawn: the request for "
        "The Cisco Kid is already approved"
    )

    # Errors: the actions' own, translated.
    answer = await command(admin, type="pandora/requests/approve", request_id="missing")
    assert answer["error"]["code"] == "service_validation_error"
    assert answer["error"]["translation_key"] == "request_not_found"
    answer = await command(admin, type="pandora/requests/retry", request_id=mine["id"])
    assert answer["error"]["translation_key"] == "request_wrong_status"
    answer = await command(admin, type="pandora/requests/create", tmdb_id=0, media_type="movie")
    assert answer["error"]["code"] == "service_validation_error"
    assert answer["error"]["message"] == "“TMDB id” must be at least 1"
    answer = await command(
        reader, type="pandora/requests/create", tmdb_id=123456789, media_type="movie"
    )
    assert answer["error"]["code"] == "home_assistant_error"
    assert answer["error"]["translation_key"] == "not_found"


async def test_subscription_per_user(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    hass_ws_client: Any,
    hass_read_only_access_token: str,
    hass_read_only_user: User,
    hass_admin_user: User,
) -> None:
    reader = await hass_ws_client(hass, access_token=hass_read_only_access_token)
    admin = await hass_ws_client(hass)
    answer = await command(reader, type="pandora/requests/subscribe")
    assert answer["success"] and answer["result"] is None
    assert (await next_event(reader))["event"] == {"requests": []}
    answer = await command(admin, type="pandora/requests/subscribe")
    admin_subscription = answer["id"]
    assert (await next_event(admin))["event"] == {"requests": []}

    # The reader asks: both see it (the admin sees everything), poster signed.
    await call(hass, "request_media", hass_read_only_user.id, tmdb_id=NOTLD, media_type="movie")
    event = await next_event(reader)
    assert titles(event) == ["Night of the Living Dead"]
    (request,) = event["event"]["requests"]
    assert request["status"] == "pending" and request["requested_by_name"]
    assert request["poster_url"].startswith("/api/pandora/image/")
    assert titles(await next_event(admin)) == ["Night of the Living Dead"]

    # The admin's own request is not the reader's business: nothing is pushed to the reader.
    await call(hass, "request_media", hass_admin_user.id, tmdb_id=900002, media_type="movie")
    assert len((await next_event(admin))["event"]["requests"]) == 2
    await call(hass, "approve_request", hass_admin_user.id, request_id=request["id"])
    event = await next_event(reader)  # the next push is the approval, not the admin's request
    assert [r["status"] for r in event["event"]["requests"]] == ["approved"]
    statuses = {r["title"]: r["status"] for r in (await next_event(admin))["event"]["requests"]}
    assert statuses["Night of the Living Dead"] == "approved"

    # The reader withdraws a pending request: both see it withdrawn, live.
    await call(hass, "request_media", hass_read_only_user.id, tmdb_id=900005, media_type="movie")
    event = await next_event(reader)
    pending = next(r for r in event["event"]["requests"] if r["status"] == "pending")
    await next_event(admin)
    await call(hass, "withdraw_request", hass_read_only_user.id, request_id=pending["id"])
    statuses = {r["id"]: r["status"] for r in (await next_event(reader))["event"]["requests"]}
    assert statuses[pending["id"]] == "withdrawn"
    statuses = {r["id"]: r["status"] for r in (await next_event(admin))["event"]["requests"]}
    assert statuses[pending["id"]] == "withdrawn"

    # The hub reloads (an option changed, say): the subscription follows the new queue.
    assert await hass.config_entries.async_reload(hub.entry_id)
    await hass.async_block_till_done()
    await call(hass, "request_media", hass_read_only_user.id, tmdb_id=900003, media_type="movie")
    assert len((await next_event(reader))["event"]["requests"]) == 3
    assert len((await next_event(admin))["event"]["requests"]) == 4

    # Unsubscribed: nothing more (the next message the admin gets is a command's answer).
    answer = await command(admin, type="unsubscribe_events", subscription=admin_subscription)
    assert answer["success"]
    await call(hass, "request_media", hass_read_only_user.id, tmdb_id=900004, media_type="movie")
    await hass.async_block_till_done()
    await admin.send_json_auto_id({"type": "pandora/info"})
    message = await admin.receive_json()
    assert message["type"] == "result" and message["result"]["requests"] is True
    assert len((await next_event(reader))["event"]["requests"]) == 4
    assert len(queue(hub).all()) == 5


async def test_subscribe_without_a_loaded_hub(
    hass: HomeAssistant, hub: MockConfigEntry, hass_ws_client: Any
) -> None:
    await hass.config_entries.async_unload(hub.entry_id)
    client = await hass_ws_client(hass)
    answer = await command(client, type="pandora/requests/subscribe")
    assert not answer["success"] and answer["error"]["code"] == "not_found"
    info = await command(client, type="pandora/info")
    assert info["result"]["requests"] is False
