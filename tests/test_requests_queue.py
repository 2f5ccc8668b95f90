"""The request queue: statuses, one open request per title, persistence, events, settings."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.pandora.requests.queue import (
    EVENT_REQUEST_PREFIX,
    STORAGE_KEY,
    MediaRequest,
    RequestError,
    RequestQueue,
    RequestSettings,
    can_see,
    request_settings,
    user_names,
)
from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

MOVIE: dict[str, Any] = {"tmdb_id": 900001, "media_type": "movie", "title": "Night", "year": 1968}


async def queue(hass: HomeAssistant, **settings: Any) -> RequestQueue:
    result = RequestQueue(hass, RequestSettings(**settings))
    await result.async_load()
    return result


async def test_a_request_waits_for_approval_and_fires_events(
    hass: HomeAssistant, hass_read_only_user: User, hass_admin_user: User
) -> None:
    created = async_capture_events(hass, EVENT_REQUEST_PREFIX + "created")
    approved = async_capture_events(hass, EVENT_REQUEST_PREFIX + "approved")
    requests = await queue(hass)
    request, new = await requests.async_create(hass_read_only_user, **MOVIE)
    assert new and request.status == "pending"
    await hass.async_block_till_done()
    assert created[0].data["request_id"] == request.id
    assert created[0].data["requested_by"] == hass_read_only_user.id
    assert not approved

    await requests.async_set_status(request, "approved", by=hass_admin_user.id)
    await hass.async_block_till_done()
    assert approved[0].data["by"] == hass_admin_user.id
    assert [t.status for t in request.transitions] == ["pending", "approved"]
    assert requests.counts() == {"pending": 0, "in_progress": 1, "available": 0, "failed": 0}


async def test_one_open_request_per_title(
    hass: HomeAssistant, hass_read_only_user: User, hass_admin_user: User
) -> None:
    requests = await queue(hass, auto_approve_admins=False)
    first, new = await requests.async_create(hass_read_only_user, **MOVIE)
    again, new_again = await requests.async_create(hass_read_only_user, **MOVIE)
    joined, joined_new = await requests.async_create(hass_admin_user, **MOVIE)
    assert new and not new_again and not joined_new
    assert first is again is joined
    assert first.users() == [hass_read_only_user.id, hass_admin_user.id]
    assert len(requests.all()) == 1
    # Once closed, the title can be asked for again.
    await requests.async_set_status(first, "denied", by=hass_admin_user.id, reason="not now")
    second, new = await requests.async_create(hass_read_only_user, **MOVIE)
    assert new and second.id != first.id and first.reason == "not now"


async def test_auto_approval(
    hass: HomeAssistant, hass_read_only_user: User, hass_admin_user: User
) -> None:
    requests = await queue(hass, auto_approve_users=(hass_read_only_user.id,))
    mine, _ = await requests.async_create(hass_admin_user, **MOVIE)
    theirs, _ = await requests.async_create(
        hass_read_only_user, tmdb_id=2, media_type="tv", title="Show", season=2
    )
    assert mine.status == theirs.status == "approved"
    assert theirs.transitions[-1].reason == "auto-approved"
    # Another season of the same series is another request; a movie has no season.
    other, new = await requests.async_create(
        hass_read_only_user, tmdb_id=2, media_type="tv", title="Show", season=3
    )
    assert new and other.id != theirs.id
    assert requests.open_for(2, "tv", 2) is theirs and requests.open_for(2, "tv") is None
    film, _ = await requests.async_create(hass_read_only_user, **MOVIE, season=4)
    assert film.season is None
    off = RequestSettings(auto_approve_admins=False)
    assert not off.auto_approves(hass_admin_user)


async def test_only_allowed_status_changes(hass: HomeAssistant, hass_read_only_user: User) -> None:
    requests = await queue(hass)
    request, _ = await requests.async_create(hass_read_only_user, **MOVIE)
    with pytest.raises(RequestError) as err:
        await requests.async_set_status(request, "downloading")
    assert err.value.key == "request_wrong_status"
    assert err.value.placeholders["status"] == "pending"
    assert request.status == "pending"
    for status in ("approved", "searching", "downloading", "importing", "available"):
        await requests.async_set_status(request, status)
    with pytest.raises(RequestError):
        await requests.async_set_status(request, "approved")


async def test_saved_before_returning_and_read_back(
    hass: HomeAssistant, hass_read_only_user: User, hass_storage: dict[str, Any]
) -> None:
    requests = await queue(hass, auto_approve_admins=False)
    request, _ = await requests.async_create(hass_read_only_user, **MOVIE)
    await requests.async_set_status(request, "approved")
    await requests.async_set_status(request, "searching")
    await requests.async_update(request, torrent_hash="ab" * 20, instance="qb", tried=["ab" * 20])
    saved = hass_storage[STORAGE_KEY]["data"]["requests"]
    assert saved[0]["status"] == "searching" and saved[0]["torrent_hash"] == "ab" * 20
    # A newer version's extra key is ignored; an unreadable entry is skipped.
    hass_storage[STORAGE_KEY]["data"]["requests"] = [dict(saved[0], future=1), {"id": "x"}]
    again = await queue(hass)
    restored = again.get(request.id)
    assert restored is not None and restored == request
    assert again.by_torrent("AB" * 20) is restored
    assert again.with_status(["searching"]) == [restored]


async def test_visibility(
    hass: HomeAssistant, hass_read_only_user: User, hass_admin_user: User
) -> None:
    requests = await queue(hass)
    theirs, _ = await requests.async_create(hass_read_only_user, **MOVIE)
    mine, _ = await requests.async_create(
        hass_admin_user, tmdb_id=5, media_type="movie", title="Other"
    )
    assert requests.visible_to(hass_read_only_user) == [theirs]
    assert {r.id for r in requests.visible_to(hass_admin_user)} == {theirs.id, mine.id}
    assert can_see(hass_admin_user, theirs) and not can_see(hass_read_only_user, mine)
    names = await user_names(hass, [hass_admin_user.id, "nobody"])
    assert names == {hass_admin_user.id: hass_admin_user.name}


async def test_counts_available_in_the_last_30_days(
    hass: HomeAssistant, hass_admin_user: User, freezer: FrozenDateTimeFactory
) -> None:
    requests = await queue(hass)
    request, _ = await requests.async_create(hass_admin_user, **MOVIE)
    for status in ("searching", "downloading", "importing", "available"):
        await requests.async_set_status(request, status)
    failed, _ = await requests.async_create(
        hass_admin_user, tmdb_id=7, media_type="movie", title="Gone"
    )
    await requests.async_set_status(failed, "failed", reason="no release")
    assert requests.counts() == {"pending": 0, "in_progress": 0, "available": 1, "failed": 1}
    freezer.tick(timedelta(days=31))
    assert requests.counts(dt_util.utcnow())["available"] == 0


async def test_old_closed_requests_are_forgotten(
    hass: HomeAssistant, hass_admin_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("custom_components.pandora.requests.queue.MAX_CLOSED", 5)
    requests = await queue(hass, auto_approve_admins=False)
    for tmdb_id in range(5 + 3):
        request, _ = await requests.async_create(
            hass_admin_user, tmdb_id=tmdb_id, media_type="movie", title=str(tmdb_id)
        )
        await requests.async_set_status(request, "denied")
    open_one, _ = await requests.async_create(hass_admin_user, **MOVIE)
    assert len(requests.all()) == 5 + 1
    assert requests.get(open_one.id) is open_one
    assert isinstance(requests.all()[0], MediaRequest)


async def test_the_cap_holds_from_the_load(
    hass: HomeAssistant,
    hass_admin_user: User,
    hass_storage: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A saved queue with more closed requests than the cap keeps the newest at once."""
    monkeypatch.setattr("custom_components.pandora.requests.queue.MAX_CLOSED", 5)
    saved = [
        MediaRequest(
            id=f"r{n}",
            tmdb_id=n,
            media_type="movie",
            title=str(n),
            requested_by=hass_admin_user.id,
            created=f"2026-01-{n + 1:02d}T00:00:00+00:00",
            status="pending" if n == 0 else "denied",
            updated=f"2026-01-{n + 1:02d}T00:00:00+00:00",
        ).as_dict()
        for n in range(9)
    ]
    hass_storage[STORAGE_KEY] = {"version": 1, "key": STORAGE_KEY, "data": {"requests": saved}}
    requests = await queue(hass)
    assert sorted(r.id for r in requests.all()) == ["r0", "r4", "r5", "r6", "r7", "r8"]


async def test_what_is_saved_is_every_request_as_it_is(
    hass: HomeAssistant,
    hass_admin_user: User,
    hass_read_only_user: User,
    hass_storage: dict[str, Any],
) -> None:
    """Each request's saved form is rebuilt when it changes, and only then: it always matches."""
    requests = await queue(hass, auto_approve_admins=False)
    first, _ = await requests.async_create(hass_admin_user, **MOVIE)
    second, _ = await requests.async_create(
        hass_read_only_user, tmdb_id=5, media_type="tv", title="Show", season=2
    )
    await requests.async_create(hass_read_only_user, **MOVIE)  # joins the first
    await requests.async_set_status(second, "approved", by=hass_admin_user.id)
    await requests.async_set_status(second, "searching")
    await requests.async_update(second, torrent_hash="cd" * 20, tried=["cd" * 20])
    await requests.async_set_status(first, "denied", by=hass_admin_user.id, reason="no")
    saved = hass_storage[STORAGE_KEY]["data"]["requests"]
    assert saved == [asdict(first), asdict(second)]
    assert saved[0]["watchers"] == [hass_read_only_user.id]
    assert [t["status"] for t in saved[1]["transitions"]] == ["pending", "approved", "searching"]
    # The saved copy shares nothing with the live request.
    second.tried.append("ef" * 20)
    assert saved[1]["tried"] == ["cd" * 20]


def test_settings_from_the_hub_options() -> None:
    assert request_settings({}) == RequestSettings()
    settings = request_settings(
        {"auto_approve_admins": False, "auto_approve_users": ["u1"], "request_stall_minutes": 30}
    )
    assert settings == RequestSettings(False, ("u1",), 30)
