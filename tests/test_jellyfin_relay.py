"""What Home Assistant relays from Jellyfin, and what stays put when Jellyfin misbehaves.

The stream relay (players never hold the Jellyfin key), the artwork proxy's types and headers,
the title index surviving a failed read, the lists surviving a reload, and Recently added
keeping each server's order, all against the Jellyfin simulator over real HTTP.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
import logging
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora.const import CONF_VERIFY_SSL, SUBENTRY_JELLYFIN
from custom_components.pandora.coordinator.jellyfin import JellyfinCoordinator
from custom_components.pandora.image import JELLYFIN_TYPES
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import HomeAssistant
from tests.conftest import allow_loopback, hub_entry, setup_hub
from tests.simulators.jellyfin import JellyfinSimulator, start
from tests.support.media import Sims, tmdb_subentry
from tests.test_watching import (  # noqa: F401  (fixtures used by name)
    MOVIE_BYTES,
    NOSFERATU,
    NOTLD,
    act,
    client,
    command,
    hub,
    jellyfin,
    jellyfin_user_ids,
    players,
    share,
)


def server_of(hub: MockConfigEntry) -> JellyfinCoordinator:
    coordinator: JellyfinCoordinator = next(iter(hub.runtime_data.jellyfin.values()))
    return coordinator


# --- the stream relay ------------------------------------------------------------------------


async def test_stream_relay(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    hass_client: Any,
    jellyfin: tuple[JellyfinSimulator, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    sim, _ = jellyfin
    server = server_of(hub)
    instance = server.subentry.subentry_id
    ref = server.title("movie", NOTLD)
    assert ref is not None
    http = await hass_client()
    path = f"/api/pandora/jellyfin_stream/{instance}/{ref.id}"
    got = await http.get(path)
    assert got.status == 200 and await got.read() == MOVIE_BYTES
    assert got.headers["Accept-Ranges"] == "bytes"
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in got.headers["Cache-Control"]
    got = await http.get(path, headers={"Range": f"bytes={len(MOVIE_BYTES)}-"})
    assert got.status == 416  # past the end, as Jellyfin says
    # Only configured servers and item ids; an unknown item or a series is Jellyfin's 404.
    series = server.title("tv", 960001)
    assert series is not None
    for bad in (f"nope/{ref.id}", f"{instance}/not-an-id", f"{instance}/{'0' * 32}",
                f"{instance}/{series.id}"):  # fmt: skip
        assert (await http.get(f"/api/pandora/jellyfin_stream/{bad}")).status == 404, bad
    # Jellyfin failing: a 502, never its error text (which could quote the key).
    sim.server_error_next = 1
    assert (await http.get(path)).status == 502
    # Jellyfin dropping the connection mid-file: the answer ends short, nothing breaks.
    sim.cut_streams_after = 1000
    caplog.set_level(logging.DEBUG, logger="custom_components.pandora.jellyfin_stream")
    got = await http.get(path)
    assert got.status == 200
    with pytest.raises(aiohttp.ClientPayloadError):
        await got.read()
    assert "ended early" in caplog.text
    sim.cut_streams_after = None
    assert (await http.get(path)).status == 200
    # Without a valid login or signature there is nothing.
    assert (await http.get(path, headers={"Authorization": "Bearer nope"})).status == 401


# --- artwork ---------------------------------------------------------------------------------


async def test_artwork_types_and_headers(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    hass_client: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = server_of(hub)
    ref = server.title("movie", NOTLD)
    assert ref is not None
    http = await hass_client()
    path = f"/api/pandora/jellyfin_image/{server.subentry.subentry_id}/{ref.id}/Primary"
    got = await http.get(path)
    assert got.status == 200 and got.content_type in JELLYFIN_TYPES
    # Opened on its own, an image can run nothing on Home Assistant's origin.
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in got.headers["Content-Security-Policy"]
    # Jellyfin can hand over any image/* type; only the ones browsers show as pictures pass.

    async def odd_image(*_args: Any) -> tuple[bytes, str]:
        return b"BM....", "image/bmp; charset=binary"

    monkeypatch.setattr(server.client, "image", odd_image)
    assert (await http.get(path)).status == 404


# --- the title index and the users ----------------------------------------------------------


async def test_index_failure_keeps_the_server_and_the_index(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    jellyfin: tuple[JellyfinSimulator, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    sim, _ = jellyfin
    server = server_of(hub)
    titles, users = dict(server.state.titles), list(server.state.users)
    assert ("movie", NOTLD) in titles and users
    notld = titles[("movie", NOTLD)]
    assert server.tmdb_of(notld.id) == ("movie", NOTLD)
    assert server.tmdb_of(notld.id.upper()) == ("movie", NOTLD)
    assert server.tmdb_of("0" * 32) is None
    for _ in range(2):  # failing twice is logged once
        sim.failing_paths["/Items"] = 1
        server._index_at = 0
        await server.async_refresh()
        assert server.last_update_success  # the entities do not depend on the index
        assert server.state.titles == titles and server.state.users == users
    assert caplog.text.count("cannot read titles and users") == 1
    assert hass.states.get("sensor.jellyfin_movies") is not None
    assert hass.states.get("sensor.jellyfin_movies").state != "unavailable"  # type: ignore[union-attr]
    server._index_at = 0
    await server.async_refresh()
    assert "titles and users read again" in caplog.text
    assert server.state.titles.keys() == titles.keys()


async def test_watchlists_outlive_a_reload(
    hass: HomeAssistant, hub: MockConfigEntry, hass_admin_user: Any
) -> None:
    lists = hub.runtime_data.watchlists
    await act(hass, "add_to_watchlist", hass_admin_user, tmdb_id=NOTLD, media_type="movie")
    assert await hass.config_entries.async_reload(hub.entry_id)
    await hass.async_block_till_done()
    assert hub.runtime_data.watchlists is lists  # one copy: nothing written to a stale one
    answer = await act(hass, "get_watchlist", hass_admin_user)
    assert [e["tmdb_id"] for e in answer["watchlist"]] == [NOTLD]


# --- Recently added across servers -----------------------------------------------------------


@pytest.fixture
async def second_server(tmp_path: Path) -> AsyncIterator[tuple[JellyfinSimulator, str]]:
    allow_loopback()
    movies = tmp_path / "other" / "Movies"
    for n in range(3):
        folder = movies / f"Other Film {n} (1950)"
        folder.mkdir(parents=True)
        (folder / "film.mp4").write_bytes(b"x")
    sim = JellyfinSimulator(libraries=[("Films", "movies", str(movies))])
    runner, port = await start(sim)
    yield sim, f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_recently_added_keeps_each_servers_order(
    hass: HomeAssistant,
    sims: Sims,
    jellyfin: tuple[JellyfinSimulator, str],
    second_server: tuple[JellyfinSimulator, str],
    hass_ws_client: Any,
) -> None:
    subentries = [
        ConfigSubentryData(
            data={CONF_URL: url, CONF_API_KEY: sim.api_key, CONF_VERIFY_SSL: True},
            subentry_type=SUBENTRY_JELLYFIN,
            title=title,
            unique_id=url,
        )
        for title, (sim, url) in (("Home", jellyfin), ("Cabin", second_server))
    ]
    entry = await setup_hub(hass, hub_entry(tmdb_subentry(sims), *subentries))
    servers = list(entry.runtime_data.jellyfin.values())
    expected = {}
    for server in servers:
        user = server.jellyfin_user(None)
        assert user is not None
        expected[server.subentry.title] = [
            i.id for i in await server.client.latest_items(user.id, 16)
        ]
    ws = await hass_ws_client(hass)
    home = (await command(ws, type="pandora/home"))["result"]
    latest = home["recently_added"]
    # The servers take turns, each in Jellyfin's own order (series folded, as it sends them).
    assert [e["server"] for e in latest[:4]] == ["Home", "Cabin", "Home", "Cabin"]
    for title, ids in expected.items():
        assert [e["item_id"] for e in latest if e["server"] == title] == ids
    assert home["errors"] == {}


# --- refusals over the websocket -------------------------------------------------------------


async def test_refusals_say_why(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    players: Any,
    hass_ws_client: Any,
    hass_read_only_access_token: str,
) -> None:
    reader = await hass_ws_client(hass, access_token=hass_read_only_access_token)
    answer = await command(reader, type="pandora/play", entity_id="media_player.living_room_tv",
                           tmdb_id=NOTLD, media_type="movie")  # fmt: skip
    assert answer["error"]["message"] == "You may not control media_player.living_room_tv"
    answer = await command(reader, type="pandora/featured/set", tmdb_id=NOTLD, media_type="movie")
    assert answer["error"]["message"] == "Administrators only"
