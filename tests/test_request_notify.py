"""Request notifications: admins' companion apps with Approve / Deny, requesters told the end."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service

from custom_components.pandora.const import CONF_AUTO_APPROVE_ADMINS, CONF_REQUEST_NOTIFICATIONS
from custom_components.pandora.requests.notify import (
    DENY_REASON,
    EVENT_NOTIFICATION_ACTION,
    failure_message,
    request_label,
    request_url,
    title_url,
)
from custom_components.pandora.requests.queue import MediaRequest, RequestQueue, Status, Transition
from homeassistant.auth.models import User
from homeassistant.components import persistent_notification
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import Context, HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr
from homeassistant.util import slugify
from tests.conftest import hub_entry, setup_hub
from tests.harness.request_hub import hold_back_pipeline


@pytest.fixture(autouse=True)
def no_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Approved requests stay approved: the fulfilment pipeline has its own tests."""
    hold_back_pipeline(monkeypatch)


MOVIE: dict[str, Any] = {"tmdb_id": 900001, "media_type": "movie", "title": "Night", "year": 1968}
SHOW: dict[str, Any] = {"tmdb_id": 900002, "media_type": "tv", "title": "Show", "year": 2020}


def add_phone(
    hass: HomeAssistant, user: User, device_name: str, *, disabled: bool = False, push: bool = True
) -> list[ServiceCall]:
    """A companion app registration as mobile_app keeps it, and its notify service (captured).

    mobile_app registers `notify.mobile_app_<device>` only for apps that can receive pushes.
    """
    device_id = slugify(device_name)
    entry = MockConfigEntry(
        domain="mobile_app",
        source="registration",
        title=device_name,
        version=1,
        data={
            "app_data": {"push_token": "PUSH_TOKEN", "push_url": "https://push.invalid/push"},
            "app_id": "io.homeassistant.mobile_app",
            "app_name": "mobile_app tests",
            "app_version": "1.0",
            "device_id": device_id,
            "device_name": device_name,
            "manufacturer": "Home Assistant",
            "model": "mobile_app",
            "os_name": "Linux",
            "os_version": "5.0.6",
            "secret": "123abc",
            "supports_encryption": False,
            "user_id": user.id,
            "webhook_id": f"webhook-{device_id}",
        },
    )
    entry.add_to_hass(hass)
    dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={("mobile_app", device_id)},
        manufacturer="Home Assistant",
        model="mobile_app",
        name=device_name,
        disabled_by=dr.DeviceEntryDisabler.USER if disabled else None,
    )
    if not push:
        return []
    calls: list[ServiceCall] = async_mock_service(
        hass, "notify", slugify(f"mobile_app_{device_name}")
    )
    return calls


def notifications(hass: HomeAssistant) -> dict[str, Any]:
    """The persistent notifications shown now."""
    return dict(persistent_notification._async_get_or_create_notifications(hass))


async def hub(hass: HomeAssistant, **options: Any) -> MockConfigEntry:
    """A hub without services (the queue needs none); admins' requests need approval."""
    return await setup_hub(hass, hub_entry(**{CONF_AUTO_APPROVE_ADMINS: False, **options}))


def queue(entry: MockConfigEntry) -> RequestQueue:
    requests: RequestQueue = entry.runtime_data.requests
    return requests


async def tap(hass: HomeAssistant, action: str, user: User | None) -> None:
    """What the companion app fires when a notification's button is tapped."""
    hass.bus.async_fire(
        EVENT_NOTIFICATION_ACTION,
        {"action": action, "tag": "ignored"},
        context=Context(user_id=user.id if user else None),
    )
    await hass.async_block_till_done()


async def create(
    hass: HomeAssistant, entry: MockConfigEntry, user: User, **title: Any
) -> MediaRequest:
    request, new = await queue(entry).async_create(user, **(title or MOVIE))
    assert new
    await hass.async_block_till_done()
    return request


def clear_call(request_id: str) -> dict[str, Any]:
    return {"message": "clear_notification", "data": {"tag": f"pandora_request_{request_id}"}}


def test_links_follow_the_panels_url_scheme() -> None:
    """Notifications link to the panel's places (frontend/src/view-url.ts reads them back)."""
    assert request_url("01JREQ0000000000000000005") == "/pandora/requests/01JREQ0000000000000000005"
    assert request_url("a b/c?d#e") == "/pandora/requests/a%20b%2Fc%3Fd%23e"
    assert title_url("movie", 693134) == "/pandora/discover/movie/693134"
    assert title_url("tv", 1396) == "/pandora/discover/tv/1396"


async def test_admins_get_approve_and_deny_actions(
    hass: HomeAssistant, hass_admin_user: User, hass_read_only_user: User
) -> None:
    admin_phone = add_phone(hass, hass_admin_user, "Admin Phone")
    admin_tablet = add_phone(hass, hass_admin_user, "Admin Tablet")
    reader_phone = add_phone(hass, hass_read_only_user, "Reader Phone")
    entry = await hub(hass)
    request = await create(hass, entry, hass_read_only_user, **SHOW, season=2)

    assert not reader_phone  # the requester is not an administrator
    assert len(admin_phone) == len(admin_tablet) == 1
    call = admin_phone[0]
    assert call.service == "mobile_app_admin_phone"
    assert call.data == {
        "title": "New request",
        "message": f"{hass_read_only_user.name} requests Show (2020), season 2",
        "data": {
            "tag": f"pandora_request_{request.id}",
            # The request itself, in the panel's Requests tab.
            "url": f"/pandora/requests/{request.id}",
            "clickAction": f"/pandora/requests/{request.id}",
            "actions": [
                {"action": f"PANDORA_APPROVE_{request.id}", "title": "Approve"},
                {"action": f"PANDORA_DENY_{request.id}", "title": "Deny"},
            ],
        },
    }
    assert not notifications(hass)


async def test_approve_from_the_notification(
    hass: HomeAssistant, hass_admin_user: User, hass_read_only_user: User
) -> None:
    admin_phone = add_phone(hass, hass_admin_user, "Admin Phone")
    entry = await hub(hass)
    request = await create(hass, entry, hass_read_only_user)
    admin_phone.clear()

    await tap(hass, f"PANDORA_APPROVE_{request.id}", hass_admin_user)
    assert request.status == "approved"
    assert request.transitions[-1].by == hass_admin_user.id
    # The notification leaves the administrators' phones.
    assert [call.data for call in admin_phone] == [clear_call(request.id)]


async def test_deny_from_the_notification(
    hass: HomeAssistant, hass_admin_user: User, hass_read_only_user: User
) -> None:
    admin_phone = add_phone(hass, hass_admin_user, "Admin Phone")
    entry = await hub(hass)
    request = await create(hass, entry, hass_read_only_user)
    admin_phone.clear()

    await tap(hass, f"PANDORA_DENY_{request.id}", hass_admin_user)
    assert request.status == "denied"
    assert request.reason == DENY_REASON
    assert request.transitions[-1].by == hass_admin_user.id
    assert [call.data for call in admin_phone] == [clear_call(request.id)]


async def test_actions_of_others_are_ignored(
    hass: HomeAssistant,
    hass_admin_user: User,
    hass_read_only_user: User,
    caplog: pytest.LogCaptureFixture,
) -> None:
    admin_phone = add_phone(hass, hass_admin_user, "Admin Phone")
    entry = await hub(hass)
    request = await create(hass, entry, hass_read_only_user)
    admin_phone.clear()

    await tap(hass, f"PANDORA_APPROVE_{request.id}", hass_read_only_user)
    await tap(hass, f"PANDORA_DENY_{request.id}", None)  # no user: an automation, say
    await tap(hass, "SOMETHING_ELSE", hass_admin_user)
    hass.bus.async_fire(EVENT_NOTIFICATION_ACTION, {}, context=Context(user_id=hass_admin_user.id))
    await hass.async_block_till_done()
    assert request.status == "pending"
    assert not admin_phone
    assert "is not an active administrator" in caplog.text

    # An administrator deactivated since is no longer one.
    await hass.auth.async_deactivate_user(hass_admin_user)
    await tap(hass, f"PANDORA_APPROVE_{request.id}", hass_admin_user)
    assert request.status == "pending"


async def test_unknown_or_decided_requests_clear_the_notification(
    hass: HomeAssistant,
    hass_admin_user: User,
    hass_read_only_user: User,
    caplog: pytest.LogCaptureFixture,
) -> None:
    admin_phone = add_phone(hass, hass_admin_user, "Admin Phone")
    entry = await hub(hass)
    await tap(hass, "PANDORA_APPROVE_nope", hass_admin_user)
    assert [call.data for call in admin_phone] == [clear_call("nope")]
    assert "request nope is unknown" in caplog.text

    request = await create(hass, entry, hass_read_only_user)
    await queue(entry).async_set_status(request, "denied", by=hass_admin_user.id, reason="no")
    await hass.async_block_till_done()
    admin_phone.clear()
    # A second administrator taps Approve on a request already denied in the panel.
    await tap(hass, f"PANDORA_APPROVE_{request.id}", hass_admin_user)
    assert request.status == "denied"
    assert [call.data for call in admin_phone] == [clear_call(request.id)]
    assert "already denied" in caplog.text


async def test_deciding_elsewhere_clears_the_phones(
    hass: HomeAssistant, hass_admin_user: User, hass_read_only_user: User
) -> None:
    admin_phone = add_phone(hass, hass_admin_user, "Admin Phone")
    entry = await hub(hass)
    request = await create(hass, entry, hass_read_only_user)
    admin_phone.clear()
    await queue(entry).async_set_status(request, "approved", by=hass_admin_user.id)
    await hass.async_block_till_done()
    assert [call.data for call in admin_phone] == [clear_call(request.id)]

    # Later moves (the pipeline, a retry) have no administrator notification to clear.
    admin_phone.clear()
    await queue(entry).async_set_status(request, "failed", reason="no release")
    await queue(entry).async_set_status(request, "approved", by=hass_admin_user.id)
    await hass.async_block_till_done()
    assert not admin_phone


async def test_persistent_notification_when_no_admin_has_the_app(
    hass: HomeAssistant, hass_admin_user: User, hass_read_only_user: User
) -> None:
    reader_phone = add_phone(hass, hass_read_only_user, "Reader Phone")
    # A disabled phone, or one without push notifications, does not count.
    disabled_phone = add_phone(hass, hass_admin_user, "Old Phone", disabled=True)
    add_phone(hass, hass_admin_user, "No Push Phone", push=False)  # nothing to call
    entry = await hub(hass)
    request = await create(hass, entry, hass_read_only_user)
    tag = f"pandora_request_{request.id}"
    shown = notifications(hass)
    assert list(shown) == [tag]
    assert shown[tag]["title"] == "New request"
    assert shown[tag]["message"].startswith(f"{hass_read_only_user.name} requests Night (1968)")
    assert (
        f"[Approve or deny it in Pandora](/pandora/requests/{request.id})" in shown[tag]["message"]
    )
    assert not reader_phone and not disabled_phone

    await queue(entry).async_set_status(request, "approved", by=hass_admin_user.id)
    await hass.async_block_till_done()
    assert not notifications(hass)

    other = await create(hass, entry, hass_read_only_user, **SHOW)
    assert list(notifications(hass)) == [f"pandora_request_{other.id}"]
    await tap(hass, f"PANDORA_DENY_{other.id}", hass_admin_user)
    assert other.status == "denied"
    assert not notifications(hass)


async def test_auto_approved_requests_bother_nobody(
    hass: HomeAssistant, hass_admin_user: User
) -> None:
    admin_phone = add_phone(hass, hass_admin_user, "Admin Phone")
    entry = await hub(hass, **{CONF_AUTO_APPROVE_ADMINS: True})
    request = await create(hass, entry, hass_admin_user)
    assert request.status == "approved"
    assert not admin_phone
    assert not notifications(hass)


async def test_requesters_hear_when_available(
    hass: HomeAssistant,
    hass_admin_user: User,
    hass_read_only_user: User,
    hass_owner_user: User,
) -> None:
    admin_phone = add_phone(hass, hass_admin_user, "Admin Phone")
    reader_phone = add_phone(hass, hass_read_only_user, "Reader Phone")
    entry = await hub(hass)
    request = await create(hass, entry, hass_read_only_user)
    # The owner asks for it too and has no companion app.
    await queue(entry).async_create(hass_owner_user, **MOVIE)
    requests = queue(entry)
    await requests.async_set_status(request, "approved", by=hass_admin_user.id)
    for status in ("searching", "downloading", "importing"):
        await requests.async_set_status(request, status)
    await hass.async_block_till_done()
    admin_phone.clear()
    await requests.async_set_status(request, "available", jellyfin_id="abc")
    await hass.async_block_till_done()

    assert [call.data for call in reader_phone] == [
        {
            "title": "Now available",
            "message": "Night (1968) is available",
            "data": {
                "tag": f"pandora_request_{request.id}",
                # Available: the title's details, where it plays.
                "url": "/pandora/discover/movie/900001",
                "clickAction": "/pandora/discover/movie/900001",
            },
        }
    ]
    assert not admin_phone  # an administrator who did not ask for it
    shown = notifications(hass)[f"pandora_request_{request.id}"]
    assert shown["message"].startswith("Night (1968) is available")
    assert "[Open Pandora](/pandora/discover/movie/900001)" in shown["message"]


async def test_requesters_hear_when_it_failed(
    hass: HomeAssistant, hass_admin_user: User, hass_read_only_user: User
) -> None:
    """In words for them: the technical reason stays in the request for administrators."""
    reader_phone = add_phone(hass, hass_read_only_user, "Reader Phone")
    entry = await hub(hass)
    requests = queue(entry)
    request = await create(hass, entry, hass_read_only_user, **SHOW, season=1)
    await requests.async_set_status(request, "approved", by=hass_admin_user.id)
    await requests.async_set_status(request, "searching")
    technical = 'no release found for "Show S01"'
    await requests.async_set_status(request, "failed", reason=technical)
    await hass.async_block_till_done()
    assert [call.data["message"] for call in reader_phone] == [
        "We couldn't find a copy of Show (2020), season 1 yet; an admin can retry"
    ]
    assert reader_phone[0].data["title"] == "Request failed"
    # Failed: the request, with its reason and (for administrators) Retry.
    assert reader_phone[0].data["data"] == {
        "tag": f"pandora_request_{request.id}",
        "url": f"/pandora/requests/{request.id}",
        "clickAction": f"/pandora/requests/{request.id}",
    }
    assert request.reason == technical
    assert not notifications(hass)  # everyone who asked has the app

    # A retry whose download stalls, then one that cannot be filed.
    label = "Show (2020), season 1"
    paths: tuple[tuple[tuple[Status, ...], str], ...] = (
        (("searching", "downloading"), f"The download of {label} stopped before it finished"),
        (
            ("searching", "downloading", "importing"),
            f"{label} was downloaded but could not be added to the library",
        ),
    )
    for steps, said in paths:
        await requests.async_set_status(request, "approved", by=hass_admin_user.id)
        for status in steps:
            await requests.async_set_status(request, status)
        await requests.async_set_status(request, "failed", reason="stalled: no progress")
        await hass.async_block_till_done()
        assert reader_phone[-1].data["message"] == f"{said}; an admin can retry"


async def test_the_scarlet_street_failure_reads_for_a_person(hass: HomeAssistant) -> None:
    """Issue 18's example: not `no release found for "Scarlet Street 1945"`."""
    request = MediaRequest(
        id="r1",
        tmdb_id=1,
        media_type="movie",
        title="Scarlet Street",
        year=1945,
        requested_by="u1",
        created="2026-01-01T00:00:00+00:00",
        status="failed",
        reason='no release found for "Scarlet Street 1945"',
        transitions=[
            Transition("pending", "2026-01-01T00:00:00+00:00"),
            Transition("approved", "2026-01-01T00:00:01+00:00"),
            Transition("searching", "2026-01-01T00:00:02+00:00"),
            Transition("failed", "2026-01-01T00:00:03+00:00"),
        ],
    )
    assert failure_message(request) == (
        "We couldn't find a copy of Scarlet Street (1945) yet; an admin can retry"
    )


async def test_withdrawing_clears_the_administrators_notification(
    hass: HomeAssistant, hass_admin_user: User, hass_read_only_user: User
) -> None:
    admin_phone = add_phone(hass, hass_admin_user, "Admin Phone")
    entry = await hub(hass)
    request = await create(hass, entry, hass_read_only_user)
    assert admin_phone and admin_phone[-1].data["message"].endswith("requests Night (1968)")
    admin_phone.clear()
    assert await queue(entry).async_withdraw(request, hass_read_only_user.id)
    await hass.async_block_till_done()
    assert [call.data for call in admin_phone] == [clear_call(request.id)]

    # Without the app: the persistent notification goes, as for a decision.
    admin_phone.clear()
    hass.services.async_remove("notify", "mobile_app_admin_phone")
    other = await create(hass, entry, hass_read_only_user, **SHOW)
    assert list(notifications(hass)) == [f"pandora_request_{other.id}"]
    await queue(entry).async_withdraw(other, hass_read_only_user.id)
    await hass.async_block_till_done()
    assert not notifications(hass)


async def test_option_off_sends_nothing_but_actions_work(
    hass: HomeAssistant, hass_admin_user: User, hass_read_only_user: User
) -> None:
    admin_phone = add_phone(hass, hass_admin_user, "Admin Phone")
    reader_phone = add_phone(hass, hass_read_only_user, "Reader Phone")
    entry = await hub(hass, **{CONF_REQUEST_NOTIFICATIONS: False})
    requests = queue(entry)
    request = await create(hass, entry, hass_read_only_user)
    other = await create(hass, entry, hass_read_only_user, **SHOW)
    assert not admin_phone and not notifications(hass)

    await tap(hass, f"PANDORA_APPROVE_{request.id}", hass_admin_user)
    await tap(hass, f"PANDORA_DENY_{other.id}", hass_admin_user)
    await tap(hass, "PANDORA_DENY_nope", hass_admin_user)
    assert request.status == "approved" and other.status == "denied"
    await requests.async_set_status(request, "failed", reason="stalled")
    await hass.async_block_till_done()
    assert not admin_phone and not reader_phone and not notifications(hass)


async def test_a_failing_notify_service_does_not_break_requests(
    hass: HomeAssistant,
    hass_admin_user: User,
    hass_read_only_user: User,
    caplog: pytest.LogCaptureFixture,
) -> None:
    add_phone(hass, hass_admin_user, "Admin Phone")

    async def broken(call: ServiceCall) -> None:
        raise HomeAssistantError("push gateway down")

    hass.services.async_register("notify", "mobile_app_admin_phone", broken)
    entry = await hub(hass)
    request = await create(hass, entry, hass_read_only_user)
    assert "push gateway down" in caplog.text
    await tap(hass, f"PANDORA_APPROVE_{request.id}", hass_admin_user)
    assert request.status == "approved"


async def test_unload_stops_listening(
    hass: HomeAssistant, hass_admin_user: User, hass_read_only_user: User
) -> None:
    admin_phone = add_phone(hass, hass_admin_user, "Admin Phone")
    entry = await hub(hass)
    request = await create(hass, entry, hass_read_only_user)
    admin_phone.clear()
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.NOT_LOADED
    await tap(hass, f"PANDORA_APPROVE_{request.id}", hass_admin_user)
    assert request.status == "pending"
    assert not admin_phone


def test_request_label() -> None:
    assert request_label("Night") == "Night"
    assert request_label("Night", 1968) == "Night (1968)"
    assert request_label("Show", 2020, 0) == "Show (2020), season 0"
