"""Actions against a real qBittorrent: good input, bad input, permissions, several instances."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser

from custom_components.pandora.const import DOMAIN
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.torrents import TorrentFile, make_payload, make_torrent, random_suffix
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized
from homeassistant.helpers import device_registry as dr
from tests.conftest import hub_entry, qb_subentry, setup_hub
from tests.helpers import poll_until


async def call(hass: HomeAssistant, service: str, data: dict[str, Any], **kw: Any) -> Any:
    return await hass.services.async_call(DOMAIN, service, data, blocking=True, **kw)


async def get_torrents(hass: HomeAssistant, **data: Any) -> list[dict[str, Any]]:
    response = await call(hass, "get_torrents", data, return_response=True)
    return list(response["torrents"])


def seeded(daemon: QBittorrentDaemon) -> TorrentFile:
    torrent = make_torrent(
        make_payload(daemon.host_base / "data", f"s-{random_suffix()}.bin", 300_000)
    )
    daemon.add_torrent_file(torrent.content, torrent.path.parent, skip_checking=True)
    daemon.wait_for(
        lambda t: t["hash"] == torrent.infohash and t["state"] in ("stalledUP", "uploading")
    )
    return torrent


async def wait_state(hass: HomeAssistant, torrent_hash: str, status: str) -> dict[str, Any]:
    """Poll until get_torrents reports the torrent in `status` (real waits for the daemon)."""
    found: dict[str, Any] = {}
    for _ in range(100):
        await poll_until(hass, lambda: True)
        found = next((t for t in await get_torrents(hass) if t["hash"] == torrent_hash), {})
        if found.get("status") == status:
            return found
        await asyncio.sleep(0.2)
    raise AssertionError(f"{torrent_hash} never became {status}: {found}")


async def test_add_get_pause_resume_move_remove(
    hass: HomeAssistant, hub: MockConfigEntry, qb_daemon: QBittorrentDaemon
) -> None:
    infohash = random_suffix() * 5
    response = await call(
        hass,
        "add_torrent",
        {
            "url": f"magnet:?xt=urn:btih:{infohash}&dn=Pandora+Magnet",
            "category": "films",
            "tags": "a, b",
            "paused": True,
        },
        return_response=True,
    )
    assert response["instance"] == next(iter(hub.subentries.values())).title
    added = await wait_state(hass, infohash, "paused")
    assert added["name"] == "Pandora Magnet"
    assert added["category"] == "films"
    assert set(added["tags"]) == {"a", "b"}
    assert added["progress"] == 0
    assert added["eta"] is None
    assert set(added) >= {
        "hash",
        "name",
        "state",
        "progress",
        "size",
        "download_speed",
        "upload_speed",
        "eta",
        "ratio",
        "category",
        "save_path",
        "added",
        "completed",
        "instance",
    }

    torrent = seeded(qb_daemon)
    await call(hass, "pause_torrents", {"hashes": [torrent.infohash.upper()]})
    await wait_state(hass, torrent.infohash, "paused")
    assert [t["hash"] for t in await get_torrents(hass, filter="paused", category="films")] == [
        infohash
    ]
    assert {t["hash"] for t in await get_torrents(hass, filter="paused")} == {
        infohash,
        torrent.infohash,
    }

    await call(hass, "resume_torrents", {"hashes": "all"})
    await wait_state(hass, torrent.infohash, "seeding")
    assert [t["hash"] for t in await get_torrents(hass, filter="completed")] == [torrent.infohash]
    assert [t["hash"] for t in await get_torrents(hass, filter="downloading")] == [infohash]

    target = qb_daemon.host_base / "library"
    await call(
        hass,
        "move_torrents",
        {"hashes": [torrent.infohash], "location": qb_daemon.daemon_path(target)},
    )
    await poll_until(hass, (target / torrent.name).exists)

    await call(
        hass, "remove_torrents", {"hashes": [torrent.infohash, infohash], "delete_files": True}
    )
    await poll_until(hass, lambda: not (target / torrent.name).exists())
    for _ in range(50):
        await poll_until(hass, lambda: True)
        if not await get_torrents(hass):
            break
        await asyncio.sleep(0.2)
    assert await get_torrents(hass) == []


@pytest.mark.parametrize(
    ("service", "data"),
    [
        ("add_torrent", {}),
        ("add_torrent", {"url": "not a link"}),
        ("add_torrent", {"url": "magnet:?dn=no-hash"}),
        ("add_torrent", {"url": "ftp://example.org/x.torrent"}),
        ("add_torrent", {"url": "magnet:?xt=urn:btih:" + "a" * 40, "save_path": "relative/dir"}),
        ("pause_torrents", {"hashes": []}),
        ("pause_torrents", {"hashes": ["xyz"]}),
        ("pause_torrents", {"hashes": ["a" * 39]}),
        ("resume_torrents", {}),
        ("remove_torrents", {"hashes": ["g" * 40]}),
        ("move_torrents", {"hashes": "all"}),
        ("move_torrents", {"hashes": "all", "location": ""}),
        ("get_torrents", {"filter": "sleeping"}),
    ],
)
async def test_bad_input_is_refused(
    hass: HomeAssistant, hub: MockConfigEntry, service: str, data: dict[str, Any]
) -> None:
    with pytest.raises(ServiceValidationError):
        await call(hass, service, data, return_response=service == "get_torrents")


async def test_unknown_hash_and_instance(hass: HomeAssistant, hub: MockConfigEntry) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "pause_torrents", {"hashes": ["b" * 40]})
    assert err.value.translation_key == "unknown_torrent"
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "pause_torrents", {"hashes": "all", "instance": "nope"})
    assert err.value.translation_key == "unknown_instance"


async def test_client_errors_are_translated(
    hass: HomeAssistant, hub: MockConfigEntry, qb_daemon: QBittorrentDaemon
) -> None:
    torrent = seeded(qb_daemon)
    await poll_until(hass, lambda: True)
    url = f"magnet:?xt=urn:btih:{torrent.infohash}&dn=dup"
    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "add_torrent", {"url": url})
    assert err.value.translation_key == "torrent_rejected"


async def test_changing_actions_need_an_admin(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    hass_read_only_user: MockUser,
    hass_admin_user: MockUser,
) -> None:
    reader = Context(user_id=hass_read_only_user.id)
    for service, data in [
        ("add_torrent", {"url": "magnet:?xt=urn:btih:" + "c" * 40}),
        ("pause_torrents", {"hashes": "all"}),
        ("resume_torrents", {"hashes": "all"}),
        ("remove_torrents", {"hashes": "all"}),
        ("move_torrents", {"hashes": "all", "location": "/tmp"}),
    ]:
        with pytest.raises(Unauthorized):
            await call(hass, service, data, context=reader)
    # Reading is for everyone; admins may change things.
    assert await call(hass, "get_torrents", {}, context=reader, return_response=True) == {
        "torrents": [],
        "unavailable": [],
    }
    await call(
        hass, "pause_torrents", {"hashes": "all"}, context=Context(user_id=hass_admin_user.id)
    )


async def test_several_instances(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon, qb4_daemon: QBittorrentDaemon
) -> None:
    hub = await setup_hub(
        hass, hub_entry(qb_subentry(qb_daemon, "main"), qb_subentry(qb4_daemon, "second"))
    )
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "add_torrent", {"url": "magnet:?xt=urn:btih:" + "d" * 40})
    assert err.value.translation_key == "instance_required"

    second_id = next(s for s, sub in hub.subentries.items() if sub.title == "second")
    device = dr.async_get(hass).async_get_device_by_identifier((DOMAIN, second_id), hub.entry_id)
    assert device is not None
    await call(
        hass,
        "add_torrent",
        {"url": "magnet:?xt=urn:btih:" + "d" * 40, "paused": True, "instance": device.id},
    )
    torrent = seeded(qb_daemon)
    for _ in range(50):
        await poll_until(hass, lambda: True)
        listed = {t["hash"]: t["instance"] for t in await get_torrents(hass)}
        if len(listed) == 2:
            break
        await asyncio.sleep(0.2)
    assert listed == {"d" * 40: "second", torrent.infohash: "main"}
    assert [t["hash"] for t in await get_torrents(hass, instance="second")] == ["d" * 40]
    assert [t["hash"] for t in await get_torrents(hass, instance=second_id)] == ["d" * 40]

    # Hashes are routed to the qBittorrent that holds them.
    await call(hass, "pause_torrents", {"hashes": [torrent.infohash, "d" * 40]})
    await wait_state(hass, torrent.infohash, "paused")

    qb4_daemon.stop()
    for _ in range(5):
        await poll_until(hass, lambda: True)
    response = await call(hass, "get_torrents", {}, return_response=True)
    assert response["unavailable"] == ["second"]
    assert [t["hash"] for t in response["torrents"]] == [torrent.infohash]


async def test_actions_without_a_loaded_hub(hass: HomeAssistant) -> None:
    from homeassistant.setup import async_setup_component

    assert await async_setup_component(hass, DOMAIN, {})
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "get_torrents", {}, return_response=True)
    assert err.value.translation_key == "not_loaded"

    await setup_hub(hass, hub_entry())
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "get_torrents", {}, return_response=True)
    assert err.value.translation_key == "no_qbittorrent"
