"""Trust boundaries, tried as a hostile household member with nothing but their own login.

- Forged lifecycle events: a member registers a real companion app and fires Pandora's own
  event types through its webhook. Nothing in Pandora may act on them: no filing job, no move in
  qBittorrent, no repair issue, no failed request, no event entity or device trigger firing.
- Entities as a back door: with Home Assistant's default "Users" group a member may press any
  button; the ones that run admin-only operations refuse them (and let administrators and
  automations through), as the operations' actions do.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.pandora.const import (
    CONF_QBITTORRENT_ROOT,
    CONF_VERIFY_SSL,
    DEFAULT_FOLDERS,
    DOMAIN,
    SUBENTRY_CLOUDCMD,
)
from devtools.support.cloudcmd import CloudCommander
from devtools.support.companion_app import register_app
from devtools.support.qbittorrent_daemon import QBittorrentDaemon, free_port
from devtools.support.torrents import add_stalled
from homeassistant.auth.models import User
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_URL
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import Unauthorized
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.setup import async_setup_component
from tests.conftest import allow_loopback, hub_entry, qb_subentry, setup_hub
from tests.helpers import poll, poll_until

PAUSED_STATES = {"pausedDL", "pausedUP", "stoppedDL", "stoppedUP"}
PHISHING = "Click [here](https://evil.example/login) to fix your downloads"


@pytest.fixture
def share() -> Iterator[CloudCommander]:
    allow_loopback()
    with CloudCommander() as server:
        yield server


@pytest.fixture
async def member(hass: HomeAssistant, hass_owner_user: User) -> User:
    """A household member in Home Assistant's default "Users" group (may control entities).

    Created after the owner: Home Assistant makes the first person it creates the owner.
    """
    member = await hass.auth.async_create_user("Member", group_ids=["system-users"])
    assert not member.is_admin
    return member


@pytest.fixture
async def member_token(hass: HomeAssistant, member: User) -> str:
    refresh = await hass.auth.async_create_refresh_token(member, "https://example.com/app")
    return hass.auth.async_create_access_token(refresh)


def saved_request(torrent_hash: str, user_id: str) -> dict[str, Any]:
    """A request whose torrent is downloading (as the request store keeps it)."""
    return {
        "id": "01J0000000000000000000000F",
        "tmdb_id": 900001,
        "media_type": "movie",
        "title": "Night of the Living Dead",
        "year": 1968,
        "requested_by": user_id,
        "created": "2026-01-01T00:00:00+00:00",
        "status": "downloading",
        "torrent_hash": torrent_hash,
        "release": "Night.of.the.Living.Dead.1968.1080p",
        "tried": [torrent_hash],
        "transitions": [{"status": "downloading", "at": "2026-01-01T00:00:02+00:00"}],
    }


async def test_forged_lifecycle_events_drive_nothing(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    hass_client: Any,
    member: User,
    member_token: str,
    qb_daemon: QBittorrentDaemon,
    share: CloudCommander,
    tmp_path: Path,
) -> None:
    stalled = add_stalled(qb_daemon, tmp_path, "Night.of.the.Living.Dead.1968.1080p.mkv")
    hass_storage["pandora.requests"] = {
        "version": 1,
        "key": "pandora.requests",
        "data": {"requests": [saved_request(stalled.infohash, member.id)]},
    }
    hub = await setup_hub(
        hass, hub_entry(qb_subentry(qb_daemon), share.subentry(), file_into_library=True)
    )
    coordinator = next(iter(hub.runtime_data.qbittorrent.values()))
    await poll_until(hass, lambda: stalled.infohash in coordinator.data.torrents)
    save_path = coordinator.data.torrents[stalled.infohash].save_path
    event_entity = er.async_get(hass).async_get_entity_id(
        "event", DOMAIN, f"{coordinator.subentry.subentry_id}_torrent"
    )
    assert event_entity is not None
    event_state = hass.states.get(event_entity)
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "id": "completed",
                "triggers": {
                    "trigger": "device",
                    "domain": DOMAIN,
                    "device_id": next(iter(device_ids(hass, hub))),
                    "type": "torrent_completed",
                },
                "actions": {"event": "automation_ran"},
            }
        },
    )
    ran = async_capture_events(hass, "automation_ran")

    app = await register_app(hass, hass_client, member_token)
    forged = {
        "hash": stalled.infohash,
        "name": PHISHING,
        "size": 1,
        "save_path": save_path,
        "content_path": save_path,
        "category": "",
        "subentry_id": coordinator.subentry.subentry_id,
        "instance": coordinator.subentry.title,
    }
    await app.fire("pandora_torrent_completed", forged)
    await app.fire("pandora_torrent_removed", forged)
    for n in range(50):
        await app.fire("pandora_torrent_completed", forged | {"hash": f"{n:040x}"})
    await poll(hass, 6)

    pipeline = hub.runtime_data.pipeline
    assert pipeline is not None and pipeline.jobs == {}
    assert [i for (domain, _), i in ir.async_get(hass).issues.items() if domain == DOMAIN] == []
    # qBittorrent was asked to move nothing: the unfinished torrent is where it was.
    torrent = next(t for t in qb_daemon.torrents() if t["hash"] == stalled.infohash)
    assert str(torrent["save_path"]).rstrip("/") == save_path.rstrip("/")
    # The request whose torrent "was removed" is still downloading.
    request = hub.runtime_data.requests.get("01J0000000000000000000000F")
    assert request is not None and request.status == "downloading", request.reason
    # Outputs stay Pandora's: the event entity and the device trigger did not fire.
    assert hass.states.get(event_entity) == event_state
    assert ran == []


def device_ids(hass: HomeAssistant, hub: MockConfigEntry) -> list[str]:
    """The qBittorrent device(s) of the hub."""
    from homeassistant.helpers import device_registry as dr

    return [
        device.id
        for device in dr.async_entries_for_config_entry(dr.async_get(hass), hub.entry_id)
        if any(ident in hub.runtime_data.qbittorrent for _, ident in device.identifiers)
    ]


async def test_buttons_and_switch_refuse_members(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    member: User,
    hass_admin_user: User,
    qb_daemon: QBittorrentDaemon,
    tmp_path: Path,
) -> None:
    add_stalled(qb_daemon, tmp_path, "Sintel.2010.720p.WEB-DL.mkv")
    coordinator = next(iter(hub.runtime_data.qbittorrent.values()))
    await poll_until(hass, lambda: bool(coordinator.data.torrents))
    registry = er.async_get(hass)
    sid = coordinator.subentry.subentry_id
    pause = registry.async_get_entity_id("button", DOMAIN, f"{sid}_pause_all")
    alt = registry.async_get_entity_id("switch", DOMAIN, f"{sid}_alt_speed_limits")
    assert pause and alt

    async def press(user: User | None, domain: str, service: str, entity_id: str) -> None:
        await hass.services.async_call(
            domain,
            service,
            {"entity_id": entity_id},
            blocking=True,
            context=Context(user_id=user.id if user else None),
        )

    with pytest.raises(Unauthorized):
        await press(member, "button", "press", pause)
    with pytest.raises(Unauthorized):
        await press(member, "switch", "turn_on", alt)
    await asyncio.sleep(1)
    assert not PAUSED_STATES & {t["state"] for t in qb_daemon.torrents()}
    assert qb_daemon.api("transfer/speedLimitsMode") == b"0"

    await press(hass_admin_user, "button", "press", pause)
    await poll_until(hass, lambda: {t["state"] for t in qb_daemon.torrents()} <= PAUSED_STATES)
    await press(None, "switch", "turn_on", alt)  # an automation
    await poll_until(hass, lambda: qb_daemon.api("transfer/speedLimitsMode") == b"1")


async def test_repairs_are_capped_and_show_names_inert(
    hass: HomeAssistant, hass_storage: dict[str, Any], qb_daemon: QBittorrentDaemon
) -> None:
    """Jobs an earlier version kept (50 forged completions, say) raise at most a few repairs,
    one counting the rest, and a name from outside renders as code, never as a link."""
    # Their qBittorrent and share do not answer: the jobs stay (a qBittorrent that answers
    # without their torrents would have them forgotten, repairs and all).
    away = f"http://127.0.0.1:{free_port()}"
    entry = hub_entry(
        qb_subentry(qb_daemon),
        qb_subentry(QBittorrentDaemon(), title="Away"),  # never started
        ConfigSubentryData(
            data={
                CONF_URL: away,
                CONF_VERIFY_SSL: True,
                **DEFAULT_FOLDERS,
                CONF_QBITTORRENT_ROOT: "/srv/share",
            },
            subentry_type=SUBENTRY_CLOUDCMD,
            title="Share",
            unique_id=away,
        ),
    )
    ids = {subentry.title: subentry.subentry_id for subentry in entry.subentries.values()}
    jobs = [
        {
            "hash": f"{n:040x}",
            "name": f"{PHISHING} `{n}`\n",
            "subentry_id": ids["Away"],
            "share_id": ids["Share"],
            "step": "failed",
            "error": "the torrent is no longer in qBittorrent",
            "updated": f"2026-01-01T00:00:{n:02d}+00:00",
        }
        for n in range(50)
    ]
    hass_storage["pandora.pipeline"] = {
        "version": 1,
        "key": "pandora.pipeline",
        "data": {"jobs": jobs},
    }
    await setup_hub(hass, entry)
    issues = {
        issue_id: issue
        for (domain, issue_id), issue in ir.async_get(hass).issues.items()
        if domain == DOMAIN
    }
    newest = {f"pipeline_{n:040x}" for n in range(45, 50)}
    assert set(issues) == newest | {"pipeline_failed_more"}
    assert issues["pipeline_failed_more"].translation_placeholders == {"count": "45"}
    shown = issues[f"pipeline_{49:040x}"]
    assert shown.translation_key == "pipeline_service_error"  # no reason kept: the generic text
    assert shown.translation_placeholders == {
        "name": f"{PHISHING} 49",
        "file": f"`{PHISHING} 49`",
    }
