"""The panel's websocket API and image proxy, against a real qBittorrent and the simulators."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora.const import (
    CONF_DOWNLOADED_FOLDER,
    CONF_MOVIES_FOLDER,
    CONF_QBITTORRENT_ROOT,
    CONF_TV_FOLDER,
    CONF_VERIFY_SSL,
    DOMAIN,
    PANEL_URL_PATH,
    SUBENTRY_CLOUDCMD,
)
from custom_components.pandora.discover.image import _write
from devtools.support.cloudcmd import CloudCommander
from devtools.support.media import Sims, jackett_subentry, tmdb_subentry
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from homeassistant.components import frontend
from homeassistant.config_entries import ConfigEntryDisabler, ConfigSubentryData
from homeassistant.const import CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant
from tests.conftest import allow_loopback, hub_entry, qb_subentry, setup_hub
from tests.helpers import poll, poll_until

MAGNET = "magnet:?xt=urn:btih:{}&dn=Pandora+Websocket"
SHARE_USER, SHARE_PASSWORD = "pandora", "s3cret pw"


@pytest.fixture
async def entry(hass: HomeAssistant, qb_daemon: QBittorrentDaemon, sims: Sims) -> MockConfigEntry:
    return await setup_hub(
        hass,
        hub_entry(
            qb_subentry(qb_daemon),
            tmdb_subentry(sims),
            jackett_subentry(sims.jackett_url, sims.jackett.api_key),
        ),
    )


async def test_info_lists_services_and_role(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    hass_ws_client: Any,
    hass_client: Any,
    hass_read_only_access_token: str,
) -> None:
    client = await hass_ws_client(hass)
    info = await client.send_json_auto_id({"type": "pandora/info"})
    answer = await client.receive_json()
    assert answer["success"], answer
    result = answer["result"]
    assert result["admin"] is True and result["loaded"] is True
    assert set(result["services"]) == {"qbittorrent", "tmdb", "jackett"}
    # Only Cloud Commander shares say more than their id and title (their folders).
    for instances in result["services"].values():
        assert all(set(instance) == {"id", "title"} for instance in instances)
    assert info is None
    reader = await hass_ws_client(hass, access_token=hass_read_only_access_token)
    await reader.send_json_auto_id({"type": "pandora/info"})
    assert (await reader.receive_json())["result"]["admin"] is False
    # The panel is in the sidebar, and the cards on dashboards, while the hub is loaded.
    assert PANEL_URL_PATH in hass.data[frontend.DATA_PANELS]
    panel = hass.data[frontend.DATA_PANELS][PANEL_URL_PATH]
    assert panel.config is not None
    # Not the hub's configuration panel: the integration page's gear opens the options flow.
    assert panel.config_panel_domain is None
    module_url = panel.config["_panel_custom"]["module_url"]
    assert module_url.startswith("/pandora_static/pandora-panel.js?v=")
    cards = [u for u in hass.data[frontend.DATA_EXTRA_MODULE_URL].urls if "pandora-cards.js" in u]
    # The cards module names the panel's version: it preloads that very URL on the panel's page.
    assert len(cards) == 1 and cards[0].endswith("&panel=" + module_url.rsplit("?v=", 1)[1])
    http = await hass_client()
    resp = await http.get(module_url)
    assert resp.status == 200 and b"pandora-panel" in await resp.read()
    # A reload keeps them (an open panel must not be sent away), and so does a plain unload:
    # the panel then says Pandora is not loaded.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.config_entries.async_unload(entry.entry_id)
    assert PANEL_URL_PATH in hass.data[frontend.DATA_PANELS]
    await reader.send_json_auto_id({"type": "pandora/info"})
    assert (await reader.receive_json())["result"]["loaded"] is False
    # Disabled, or deleted: both leave.
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await hass.config_entries.async_set_disabled_by(entry.entry_id, ConfigEntryDisabler.USER)
    assert PANEL_URL_PATH not in hass.data[frontend.DATA_PANELS]
    assert not any(
        "pandora-cards.js" in url for url in hass.data[frontend.DATA_EXTRA_MODULE_URL].urls
    )
    await hass.config_entries.async_set_disabled_by(entry.entry_id, None)
    await hass.async_block_till_done()
    assert PANEL_URL_PATH in hass.data[frontend.DATA_PANELS]
    await hass.config_entries.async_remove(entry.entry_id)
    assert PANEL_URL_PATH not in hass.data[frontend.DATA_PANELS]


@pytest.fixture
def cloudcmd() -> Iterator[CloudCommander]:
    allow_loopback()
    with CloudCommander(username=SHARE_USER, password=SHARE_PASSWORD) as server:
        (server.root / "Films").mkdir()
        yield server


@pytest.fixture
async def share_entry(hass: HomeAssistant, cloudcmd: CloudCommander) -> MockConfigEntry:
    """A hub with one Cloud Commander share: Movies moved to /Films, TV left empty (default)."""
    return await setup_hub(
        hass,
        hub_entry(
            ConfigSubentryData(
                data={
                    CONF_URL: cloudcmd.url,
                    CONF_USERNAME: SHARE_USER,
                    CONF_PASSWORD: SHARE_PASSWORD,
                    CONF_VERIFY_SSL: True,
                    CONF_DOWNLOADED_FOLDER: "/Downloaded",
                    CONF_MOVIES_FOLDER: "/Films",
                    CONF_TV_FOLDER: "",
                    CONF_QBITTORRENT_ROOT: "",
                },
                subentry_type=SUBENTRY_CLOUDCMD,
                title="Share",
                unique_id=cloudcmd.url,
            )
        ),
    )


async def test_info_gives_each_share_its_folders(
    hass: HomeAssistant, share_entry: MockConfigEntry, hass_ws_client: Any
) -> None:
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "pandora/info"})
    answer = await client.receive_json()
    assert answer["success"], answer
    (share_id,) = share_entry.subentries
    assert answer["result"]["services"] == {
        "cloudcmd": [
            {
                "id": share_id,
                "title": "Share",
                # As configured; a folder left empty (or not set) is the default.
                "folders": {
                    "downloads": "/Downloads",
                    "downloaded": "/Downloaded",
                    "movies": "/Films",
                    "tv": "/TV Shows",
                },
            }
        ]
    }
    # The same folders the actions use.
    share = share_entry.runtime_data.cloudcmd[share_id]
    assert share.folder(CONF_MOVIES_FOLDER) == "/Films"
    assert share.folder(CONF_TV_FOLDER) == "/TV Shows"


async def test_files_delete(
    hass: HomeAssistant,
    cloudcmd: CloudCommander,
    share_entry: MockConfigEntry,
    hass_ws_client: Any,
    hass_read_only_access_token: str,
) -> None:
    junk = cloudcmd.root / "Downloaded" / "junk.txt"
    junk.write_bytes(b"x")
    extras = cloudcmd.root / "Downloaded" / "extras"
    extras.mkdir()
    (extras / "sample.mkv").write_bytes(b"y")
    sentinel = cloudcmd.outside / "sentinel.txt"
    sentinel.write_text("keep")
    paths = ["/Downloaded/junk.txt", "/Downloaded/extras"]

    # Administrators only.
    reader = await hass_ws_client(hass, access_token=hass_read_only_access_token)
    await reader.send_json_auto_id({"type": "pandora/files/delete", "paths": paths})
    assert (await reader.receive_json())["error"]["code"] == "unauthorized"
    assert junk.exists() and extras.is_dir()

    client = await hass_ws_client(hass)
    # Bad input: refused before anything is deleted.
    for message, code in (
        ({}, "service_validation_error"),
        ({"paths": []}, "service_validation_error"),
        ({"paths": [None]}, "service_validation_error"),
        ({"paths": ["/"]}, "service_validation_error"),
        ({"paths": ["/../sentinel.txt"]}, "service_validation_error"),
        ({"paths": ["/Downloaded/junk.txt", "/Downloaded/missing"]}, "home_assistant_error"),
    ):
        await client.send_json_auto_id({"type": "pandora/files/delete", **message})
        answer = await client.receive_json()
        assert not answer["success"] and answer["error"]["code"] == code, (message, answer)
    assert junk.exists() and extras.is_dir() and sentinel.read_text() == "keep"

    # A file and a folder with what is in it.
    await client.send_json_auto_id({"type": "pandora/files/delete", "paths": paths})
    answer = await client.receive_json()
    assert answer["success"], answer
    assert answer["result"] is None
    assert not junk.exists() and not extras.exists()
    assert (cloudcmd.root / "Downloaded").is_dir() and sentinel.read_text() == "keep"
    assert share_entry.runtime_data.history.files()[0]["action"] == "deleted"
    await client.send_json_auto_id({"type": "pandora/files/list", "path": "/Downloaded"})
    assert (await client.receive_json())["result"]["files"] == []


async def test_discover_signs_images_and_the_proxy_caches_them(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    hass_ws_client: Any,
    hass_client_no_auth: Any,
) -> None:
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "pandora/discover", "list": "trending_week"})
    answer = await client.receive_json()
    assert answer["success"], answer
    first = answer["result"]["results"][0]
    poster: str = first["poster_url"]
    assert poster.startswith("/api/pandora/image/w342/") and "authSig=" in poster
    http = await hass_client_no_auth()
    resp = await http.get(poster)
    assert resp.status == 200
    body = await resp.read()
    assert body[:4] == b"\x89PNG"
    assert "immutable" in resp.headers["Cache-Control"]
    size, file = poster.split("?", maxsplit=1)[0].split("/")[-2:]
    cached = Path(hass.config.cache_path(DOMAIN, "images", size, file))
    assert await hass.async_add_executor_job(cached.read_bytes) == body
    # Served from the disk cache once seen, even with TMDB gone.
    await hass.config_entries.async_unload(entry.entry_id)
    assert (await http.get(poster)).status == 200
    # Unsigned, or not an image TMDB could have: refused.
    assert (await http.get(poster.split("?", maxsplit=1)[0])).status == 401


def test_image_cache_writes_at_once(tmp_path: Path) -> None:
    """First fetches of one image at the same time (the panel may ask twice) all store it.

    Each write goes through a temporary file of its own: with one shared name, one write
    renamed the other's file away (FileNotFoundError, a 500 in the browser).
    """
    body = b"\x89PNG" + bytes(4 * 1024 * 1024)
    for n in range(10):
        target = tmp_path / "w1280" / f"backdrop{n}.png"
        with ThreadPoolExecutor(8) as pool:
            for done in [pool.submit(_write, target, body) for _ in range(8)]:
                done.result()  # none may fail
        assert target.read_bytes() == body
    assert sorted(p.name for p in (tmp_path / "w1280").iterdir()) == sorted(
        f"backdrop{n}.png" for n in range(10)
    )  # no temporary file left behind


async def test_image_proxy_refuses_other_paths(
    hass: HomeAssistant, entry: MockConfigEntry, hass_client: Any
) -> None:
    http = await hass_client()
    for path in ("w999/abc.jpg", "w342/..%2Fsecret.jpg", "w342/abc.exe", "w342/a%20b.png"):
        assert (await http.get(f"/api/pandora/image/{path}")).status in (400, 404), path


async def test_errors_are_websocket_errors(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    hass_ws_client: Any,
    hass_read_only_access_token: str,
) -> None:
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "pandora/search_media", "query": ""})
    answer = await client.receive_json()
    assert not answer["success"] and answer["error"]["code"] == "service_validation_error"
    assert answer["error"]["message"] == "“Query” is empty: fill it in"
    await client.send_json_auto_id({"type": "pandora/torrents/add", "result_id": "f" * 40})
    answer = await client.receive_json()
    assert answer["error"]["code"] == "service_validation_error"
    assert answer["error"]["translation_key"] == "unknown_result"
    reader = await hass_ws_client(hass, access_token=hass_read_only_access_token)
    await reader.send_json_auto_id({"type": "pandora/torrents/add", "url": MAGNET.format("a" * 40)})
    assert (await reader.receive_json())["error"]["code"] == "unauthorized"
    await reader.send_json_auto_id(
        {"type": "pandora/torrents/action", "action": "pause", "hashes": "all"}
    )
    assert (await reader.receive_json())["error"]["code"] == "unauthorized"
    # Reading is for everyone.
    await reader.send_json_auto_id({"type": "pandora/search_media", "query": "night"})
    assert (await reader.receive_json())["success"]


async def test_torrents_subscription_sends_changes_only(
    hass: HomeAssistant, entry: MockConfigEntry, hass_ws_client: Any
) -> None:
    client = await hass_ws_client(hass)
    first_hash, second_hash = "1" * 40, "2" * 40
    await client.send_json_auto_id(
        {"type": "pandora/torrents/add", "url": MAGNET.format(first_hash)}
    )
    assert (await client.receive_json())["success"]
    await poll_until(hass, lambda: first_hash in _torrents(entry))

    await client.send_json_auto_id({"type": "pandora/torrents/subscribe"})
    subscription = (await client.receive_json())["id"]
    event = (await client.receive_json())["event"]
    assert event["full"] is True
    # Compact: the rows' fields as columns, each qBittorrent's title once.
    torrents = [dict(zip(event["fields"], row, strict=True)) for row in event["rows"]]
    assert [t["hash"] for t in torrents] == [first_hash]
    assert event["instances"][_qb_id(entry)].startswith("qBittorrent")
    assert "save_path" not in event["fields"]

    await client.send_json_auto_id(
        {"type": "pandora/torrents/add", "url": MAGNET.format(second_hash)}
    )
    while True:  # the add's own refresh, then the answer and the pushed change (any order)
        message = await client.receive_json()
        if message.get("type") == "event" and any(
            t["hash"] == second_hash for t in message["event"]["torrents"]
        ):
            break
    assert message["event"]["full"] is False
    assert all(t["hash"] == second_hash for t in message["event"]["torrents"])
    # A new torrent comes whole (later events carry only the fields that changed).
    assert {"name", "progress", "status", "added"} <= set(message["event"]["torrents"][0])

    await client.send_json_auto_id(
        {"type": "pandora/torrents/action", "action": "remove", "hashes": [second_hash]}
    )
    while True:
        message = await client.receive_json()
        if message.get("type") == "event" and message["event"]["removed"]:
            break
    assert message["event"]["removed"] == [{"instance": _qb_id(entry), "hash": second_hash}]

    # The hub reloads (an option changed, say): the subscription follows its new coordinators.
    old_coordinator = entry.runtime_data.qbittorrent[_qb_id(entry)]
    assert await hass.config_entries.async_reload(entry.entry_id)
    assert entry.runtime_data.qbittorrent[_qb_id(entry)] is not old_coordinator
    while True:
        message = await client.receive_json()
        if message.get("type") == "event" and message["event"]["full"]:
            break
    at = message["event"]["fields"].index("hash")
    assert [row[at] for row in message["event"]["rows"]] == [first_hash]
    third_hash = "4" * 40
    await client.send_json_auto_id(
        {"type": "pandora/torrents/add", "url": MAGNET.format(third_hash)}
    )
    while True:
        message = await client.receive_json()
        if message.get("type") == "event" and any(
            t["hash"] == third_hash for t in message["event"]["torrents"]
        ):
            break
    assert message["event"]["full"] is False

    await client.send_json_auto_id({"type": "unsubscribe_events", "subscription": subscription})
    await poll(hass)


def _qb_id(entry: MockConfigEntry) -> str:
    return str(next(iter(entry.runtime_data.qbittorrent)))


def _torrents(entry: MockConfigEntry) -> dict[str, Any]:
    coordinator = entry.runtime_data.qbittorrent[_qb_id(entry)]
    return coordinator.data.torrents if coordinator.data else {}


async def test_history(hass: HomeAssistant, entry: MockConfigEntry, hass_ws_client: Any) -> None:
    client = await hass_ws_client(hass)
    torrent_hash = "3" * 40
    await client.send_json_auto_id(
        {"type": "pandora/torrents/add", "url": MAGNET.format(torrent_hash)}
    )
    assert (await client.receive_json())["success"]
    await poll_until(hass, lambda: torrent_hash in _torrents(entry))
    await client.send_json_auto_id({"type": "pandora/history", "limit": 5})
    answer = await client.receive_json()
    events = answer["result"]["events"]
    assert events[0]["hash"] == torrent_hash and events[0]["event"] == "added"
    assert events[0]["instance"].startswith("qBittorrent")
