"""Request actions: who may request, approve, deny, retry and list; duplicates; seasons; errors.

TMDB is the simulator (real HTTP); users are Home Assistant's test users.
"""

from __future__ import annotations

from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.pandora.const import DOMAIN
from custom_components.pandora.requests.queue import EVENT_REQUEST_PREFIX
from devtools.support.media import NOTLD, Sims
from homeassistant.auth.models import User
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized
from tests.conftest import hub_entry, setup_hub
from tests.harness.request_hub import CISCO_KID, call, hold_back_pipeline, queue, request_hub

MOVIE: dict[str, Any] = {"tmdb_id": NOTLD, "media_type": "movie"}


@pytest.fixture(autouse=True)
def _no_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    hold_back_pipeline(monkeypatch)


@pytest.fixture
async def hub(hass: HomeAssistant, sims: Sims) -> MockConfigEntry:
    return await request_hub(hass, sims)


@pytest.fixture
def reader(hass_read_only_user: User) -> User:
    hass_read_only_user.name = "Reader"
    return hass_read_only_user


@pytest.fixture
def admin(hass_admin_user: User) -> User:
    hass_admin_user.name = "Admin"
    return hass_admin_user


async def test_a_user_requests_and_an_admin_approves(
    hass: HomeAssistant, sims: Sims, hub: MockConfigEntry, reader: User, admin: User
) -> None:
    created = async_capture_events(hass, EVENT_REQUEST_PREFIX + "created")
    approved = async_capture_events(hass, EVENT_REQUEST_PREFIX + "approved")
    answer = await call(hass, "request_media", reader.id, **MOVIE)
    assert answer["created"] == [True]
    (request,) = answer["requests"]
    assert request["status"] == "pending"
    assert request["title"] == "Night of the Living Dead" and request["year"] == 1968
    assert request["season"] is None and request["media_type"] == "movie"
    assert request["poster_url"].startswith(sims.tmdb_url.removesuffix("/3") + "/t/p/")
    assert request["requested_by"] == reader.id
    assert request["requested_by_name"] == "Reader" and request["users_names"] == ["Reader"]
    await hass.async_block_till_done()
    assert created[0].data["request_id"] == request["id"] and not approved

    answer = await call(hass, "approve_request", admin.id, request_id=request["id"])
    assert answer["request"]["status"] == "approved"
    assert [t["status"] for t in answer["request"]["transitions"]] == ["pending", "approved"]
    assert answer["request"]["transitions"][-1]["by"] == admin.id
    # Names for every id in it: the panel's time line says who approved.
    assert answer["request"]["names"] == {reader.id: "Reader", admin.id: "Admin"}
    await hass.async_block_till_done()
    assert approved[0].data["by"] == admin.id
    # An automation (no user) acts as the system, an administrator.
    other = await call(
        hass, "request_media", None, user_id=reader.id, tmdb_id=900002, media_type="movie"
    )
    answer = await call(hass, "approve_request", None, request_id=other["requests"][0]["id"])
    assert answer["request"]["transitions"][-1]["by"] is None


async def test_permissions(
    hass: HomeAssistant, hub: MockConfigEntry, reader: User, admin: User
) -> None:
    theirs = (await call(hass, "request_media", reader.id, **MOVIE))["requests"][0]
    mine = (await call(hass, "request_media", admin.id, tmdb_id=900002, media_type="movie"))[
        "requests"
    ][0]
    # Administrators' requests are approved at once (the default).
    assert mine["status"] == "approved"
    for service, extra in (
        ("approve_request", {}),
        ("deny_request", {"reason": "no"}),
        ("retry_request", {}),
    ):
        with pytest.raises(Unauthorized):
            await call(hass, service, reader.id, request_id=theirs["id"], **extra)
    # Not on someone else's behalf; on their own, fine.
    with pytest.raises(Unauthorized):
        await call(hass, "request_media", reader.id, user_id=admin.id, **MOVIE)
    again = await call(hass, "request_media", reader.id, user_id=reader.id, **MOVIE)
    assert again["created"] == [False]
    # A user id that is nobody's.
    with pytest.raises(Unauthorized):
        await call(hass, "get_requests", "nobody")

    listed = await call(hass, "get_requests", reader.id)
    assert [r["id"] for r in listed["requests"]] == [theirs["id"]]
    everything = {r["id"] for r in (await call(hass, "get_requests", admin.id))["requests"]}
    assert everything == {theirs["id"], mine["id"]}
    system = {r["id"] for r in (await call(hass, "get_requests"))["requests"]}
    assert system == everything

    # The system must say whom a request is for.
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "request_media", None, **MOVIE)
    assert err.value.translation_key == "user_required"
    on_behalf = await call(
        hass, "request_media", admin.id, user_id=reader.id, tmdb_id=900003, media_type="movie"
    )
    (request,) = on_behalf["requests"]
    assert request["requested_by"] == reader.id and request["status"] == "pending"
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "request_media", admin.id, user_id="nobody", **MOVIE)
    assert err.value.translation_key == "unknown_user"
    system_user = await hass.auth.async_create_system_user("Pandora test")
    with pytest.raises(ServiceValidationError):
        await call(hass, "request_media", None, user_id=system_user.id, **MOVIE)


async def test_duplicates_join_the_open_request(
    hass: HomeAssistant, hub: MockConfigEntry, reader: User, admin: User
) -> None:
    first = await call(hass, "request_media", reader.id, **MOVIE)
    second = await call(hass, "request_media", reader.id, **MOVIE)
    assert second["created"] == [False]
    assert second["requests"][0]["id"] == first["requests"][0]["id"]
    # An administrator asking for the same title joins it (it stays as it is: pending).
    joined = await call(hass, "request_media", admin.id, **MOVIE)
    assert joined["created"] == [False]
    (request,) = joined["requests"]
    assert request["status"] == "pending"
    assert request["watchers"] == [admin.id]
    assert request["users_names"] == ["Reader", "Admin"]
    assert len(queue(hub).all()) == 1


async def test_series_seasons_are_one_request_each(
    hass: HomeAssistant, hub: MockConfigEntry, reader: User
) -> None:
    answer = await call(
        hass, "request_media", reader.id, tmdb_id=CISCO_KID, media_type="tv", seasons=[2, 1, 2]
    )
    assert answer["created"] == [True, True]
    assert [r["season"] for r in answer["requests"]] == [1, 2]
    assert {r["title"] for r in answer["requests"]} == {"The Cisco Kid"}
    again = await call(
        hass, "request_media", reader.id, tmdb_id=CISCO_KID, media_type="tv", seasons=[1, 3]
    )
    assert again["created"] == [False, True]
    assert again["requests"][0]["id"] == answer["requests"][0]["id"]
    whole = await call(hass, "request_media", reader.id, tmdb_id=CISCO_KID, media_type="tv")
    assert whole["created"] == [True] and whole["requests"][0]["season"] is None
    # Seasons mean nothing for a movie; an unknown season is refused.
    movie = await call(hass, "request_media", reader.id, seasons=[1], **MOVIE)
    assert movie["requests"][0]["season"] is None
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass, "request_media", reader.id, tmdb_id=CISCO_KID, media_type="tv", seasons=[9]
        )
    assert err.value.translation_key == "unknown_season"
    assert err.value.translation_placeholders == {"season": "9", "title": "The Cisco Kid"}
    assert len(queue(hub).all()) == 5


async def test_auto_approval_follows_the_options(
    hass: HomeAssistant, sims: Sims, reader: User, admin: User
) -> None:
    await request_hub(hass, sims, auto_approve_admins=False, auto_approve_users=[reader.id])
    theirs = await call(hass, "request_media", reader.id, **MOVIE)
    assert theirs["requests"][0]["status"] == "approved"
    assert theirs["requests"][0]["transitions"][-1]["reason"] == "auto-approved"
    mine = await call(hass, "request_media", admin.id, tmdb_id=900002, media_type="movie")
    assert mine["requests"][0]["status"] == "pending"


async def test_deny_with_a_reason_and_change_of_mind(
    hass: HomeAssistant, hub: MockConfigEntry, reader: User, admin: User
) -> None:
    denied_events = async_capture_events(hass, EVENT_REQUEST_PREFIX + "denied")
    request_id = (await call(hass, "request_media", reader.id, **MOVIE))["requests"][0]["id"]
    answer = await call(
        hass, "deny_request", admin.id, request_id=request_id, reason="  Already on the shelf "
    )
    assert answer["request"]["status"] == "denied"
    assert answer["request"]["reason"] == "Already on the shelf"
    await hass.async_block_till_done()
    assert denied_events[0].data["reason"] == "Already on the shelf"
    # The requester sees why.
    (mine,) = (await call(hass, "get_requests", reader.id))["requests"]
    assert mine["reason"] == "Already on the shelf"
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "deny_request", admin.id, request_id=request_id)
    assert err.value.translation_key == "request_wrong_status"
    assert err.value.translation_placeholders == {
        "status": "denied",
        "wanted": "denied",
        "title": "Night of the Living Dead",
    }
    # Denied without a reason; an administrator may still approve a denied request.
    other = (await call(hass, "request_media", reader.id, tmdb_id=900002, media_type="movie"))[
        "requests"
    ][0]["id"]
    assert (await call(hass, "deny_request", admin.id, request_id=other))["request"][
        "reason"
    ] is None
    answer = await call(hass, "approve_request", admin.id, request_id=request_id)
    assert answer["request"]["status"] == "approved" and answer["request"]["reason"] is None


async def test_retry_only_failed_or_denied(
    hass: HomeAssistant, hub: MockConfigEntry, reader: User, admin: User
) -> None:
    request_id = (await call(hass, "request_media", reader.id, **MOVIE))["requests"][0]["id"]
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "retry_request", admin.id, request_id=request_id)
    assert err.value.translation_key == "request_wrong_status"
    assert err.value.translation_placeholders == {
        "status": "pending",
        "wanted": "approved",
        "title": "Night of the Living Dead",
    }
    requests = queue(hub)
    request = requests.get(request_id)
    assert request is not None
    await requests.async_set_status(request, "approved", by=admin.id)
    await requests.async_set_status(request, "failed", reason="no release")
    answer = await call(hass, "retry_request", admin.id, request_id=request_id)
    assert answer["request"]["status"] == "approved" and answer["request"]["reason"] is None
    assert answer["request"]["transitions"][-1]["reason"] == "retry"
    # Denied ones too (the system, here).
    other = (await call(hass, "request_media", reader.id, tmdb_id=900002, media_type="movie"))[
        "requests"
    ][0]["id"]
    await call(hass, "deny_request", admin.id, request_id=other)
    assert (await call(hass, "retry_request", None, request_id=other))["request"][
        "status"
    ] == "approved"


async def test_a_member_withdraws_their_own_pending_request(
    hass: HomeAssistant, hub: MockConfigEntry, reader: User, admin: User
) -> None:
    withdrawn = async_capture_events(hass, EVENT_REQUEST_PREFIX + "withdrawn")
    (mine,) = (await call(hass, "request_media", reader.id, **MOVIE))["requests"]
    answer = await call(hass, "withdraw_request", reader.id, request_id=mine["id"])
    request = answer["request"]
    assert request["status"] == "withdrawn"
    assert request["transitions"][-1] | {"at": None} == {
        "status": "withdrawn",
        "at": None,
        "by": reader.id,
        "reason": None,
    }
    assert request["public_reason"] is None
    await hass.async_block_till_done()
    assert [e.data["by"] for e in withdrawn] == [reader.id]
    assert withdrawn[0].data["status"] == "withdrawn"
    # Still in their list, as withdrawn; closed, so the title can be asked for again.
    (listed,) = (await call(hass, "get_requests", reader.id))["requests"]
    assert listed["status"] == "withdrawn"
    again = await call(hass, "request_media", reader.id, **MOVIE)
    assert again["created"] == [True]

    # Once withdrawn (or approved), it cannot be withdrawn: a sentence says why.
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "withdraw_request", reader.id, request_id=mine["id"])
    assert err.value.translation_key == "request_not_withdrawable"
    assert str(err.value) == (
        "Only a request still waiting for approval can be withdrawn: the request for "
        "Night of the Living Dead is already withdrawn"
    )


async def test_withdrawing_what_is_not_yours_or_no_longer_pending(
    hass: HomeAssistant, hub: MockConfigEntry, reader: User, admin: User
) -> None:
    member = await hass.auth.async_create_user("Member", group_ids=["system-users"])
    (theirs,) = (await call(hass, "request_media", member.id, **MOVIE))["requests"]
    # Someone else's request is as unknown to a member as it is in their list.
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "withdraw_request", reader.id, request_id=theirs["id"])
    assert err.value.translation_key == "request_not_found"
    still = queue(hub).get(theirs["id"])
    assert still is not None and still.status == "pending"

    # Downloading: too late for the member, and for an administrator too.
    (downloading,) = (
        await call(hass, "request_media", reader.id, tmdb_id=900002, media_type="movie")
    )["requests"]
    await call(hass, "approve_request", admin.id, request_id=downloading["id"])
    request = queue(hub).get(downloading["id"])
    assert request is not None
    for status in ("searching", "downloading"):
        await queue(hub).async_set_status(request, status)
    for who in (reader.id, admin.id, None):
        with pytest.raises(ServiceValidationError) as err:
            await call(hass, "withdraw_request", who, request_id=downloading["id"])
        assert err.value.translation_key == "request_not_withdrawable"
        assert (err.value.translation_placeholders or {})["status"] == "downloading"
    assert request.status == "downloading"

    # An administrator withdraws anyone's pending request; so does an automation.
    answer = await call(hass, "withdraw_request", admin.id, request_id=theirs["id"])
    assert answer["request"]["status"] == "withdrawn"
    assert answer["request"]["transitions"][-1]["by"] == admin.id
    (third,) = (await call(hass, "request_media", member.id, tmdb_id=900003, media_type="movie"))[
        "requests"
    ]
    answer = await call(hass, "withdraw_request", None, request_id=third["id"])
    assert answer["request"]["status"] == "withdrawn"
    assert answer["request"]["transitions"][-1]["by"] is None


async def test_withdrawing_a_request_others_asked_for_too_leaves_it(
    hass: HomeAssistant, hub: MockConfigEntry, reader: User, admin: User
) -> None:
    member = await hass.auth.async_create_user("Member", group_ids=["system-users"])
    (first,) = (await call(hass, "request_media", reader.id, **MOVIE))["requests"]
    await call(hass, "request_media", member.id, **MOVIE)  # joins it
    withdrawn = async_capture_events(hass, EVENT_REQUEST_PREFIX + "withdrawn")
    # The requester leaves: the member now holds it, still pending, and the reader no longer
    # sees it.
    answer = await call(hass, "withdraw_request", reader.id, request_id=first["id"])
    request = answer["request"]
    assert request["status"] == "pending"
    assert request["requested_by"] == member.id and request["watchers"] == []
    assert (await call(hass, "get_requests", reader.id))["requests"] == []
    # The last one who wants it withdraws it.
    answer = await call(hass, "withdraw_request", member.id, request_id=first["id"])
    assert answer["request"]["status"] == "withdrawn"
    await hass.async_block_till_done()
    assert [e.data["by"] for e in withdrawn] == [member.id]


async def test_get_requests_filters_and_limits(
    hass: HomeAssistant, hub: MockConfigEntry, reader: User, admin: User
) -> None:
    ids = [
        (await call(hass, "request_media", reader.id, tmdb_id=tmdb_id, media_type="movie"))[
            "requests"
        ][0]["id"]
        for tmdb_id in (NOTLD, 900002, 900003)
    ]
    await call(hass, "deny_request", admin.id, request_id=ids[1])
    listed = await call(hass, "get_requests", reader.id)
    assert [r["id"] for r in listed["requests"]] == ids[::-1]  # newest first
    pending = await call(hass, "get_requests", admin.id, status=["pending"])
    assert [r["id"] for r in pending["requests"]] == [ids[2], ids[0]]
    both = await call(hass, "get_requests", admin.id, status=["pending", "denied"], limit=2)
    assert [r["id"] for r in both["requests"]] == [ids[2], ids[1]]
    assert (await call(hass, "get_requests", admin.id, status="approved"))["requests"] == []


@pytest.mark.parametrize(
    ("service", "data"),
    [
        ("request_media", {"tmdb_id": 0, "media_type": "movie"}),
        ("request_media", {"tmdb_id": "x", "media_type": "movie"}),
        ("request_media", {"tmdb_id": NOTLD, "media_type": "book"}),
        ("request_media", {"tmdb_id": NOTLD, "media_type": "tv", "seasons": [-1]}),
        ("request_media", {"media_type": "movie"}),
        ("approve_request", {}),
        ("approve_request", {"request_id": ""}),
        ("deny_request", {"request_id": "x", "reason": "x" * 501}),
        ("retry_request", {"request_id": "x", "extra": 1}),
        ("get_requests", {"status": ["nope"]}),
        ("get_requests", {"limit": 0}),
        ("get_requests", {"limit": 501}),
    ],
)
async def test_bad_input(
    hass: HomeAssistant, hub: MockConfigEntry, service: str, data: dict[str, Any]
) -> None:
    with pytest.raises(ServiceValidationError):
        await call(hass, service, None, **data)


async def test_translated_errors(
    hass: HomeAssistant, sims: Sims, hub: MockConfigEntry, reader: User
) -> None:
    for service in ("approve_request", "deny_request", "retry_request"):
        with pytest.raises(ServiceValidationError) as err:
            await call(hass, service, None, request_id="missing")
        assert err.value.translation_key == "request_not_found"
        assert err.value.translation_placeholders == {"request_id": "missing"}
    # TMDB does not know the title: the client error, translated.
    with pytest.raises(HomeAssistantError) as failure:
        await call(hass, "request_media", reader.id, tmdb_id=123456789, media_type="movie")
    assert failure.value.translation_key == "not_found"
    sims.tmdb.server_error_next = 10
    with pytest.raises(HomeAssistantError) as failure:
        await call(hass, "request_media", reader.id, tmdb_id=900004, media_type="movie")
    assert failure.value.translation_domain == DOMAIN
    sims.tmdb.reset()
    assert queue(hub).all() == []


async def test_without_tmdb_or_hub(hass: HomeAssistant, reader: User) -> None:
    entry = await setup_hub(hass, hub_entry())
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "request_media", reader.id, **MOVIE)
    assert err.value.translation_key == "no_tmdb"
    assert (await call(hass, "get_requests", reader.id))["requests"] == []
    await hass.config_entries.async_unload(entry.entry_id)
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "get_requests", reader.id)
    assert err.value.translation_key == "not_loaded"
    # Without a response wanted, the changing actions still run (automations).
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            DOMAIN, "approve_request", {"request_id": "x"}, blocking=True, context=Context()
        )
