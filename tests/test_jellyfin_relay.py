"""What Home Assistant relays from Jellyfin, and what stays put when Jellyfin misbehaves.

The stream relay (players never hold the Jellyfin key), the artwork proxy's types and headers,
the title index surviving a failed read, the lists surviving a reload, and Recently added
keeping each server's order, all against the Jellyfin simulator over real HTTP.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
import logging
import os
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from pytest_homeassistant_custom_component.common import CLIENT_ID, MockConfigEntry

from custom_components.pandora.api.jellyfin import JellyfinClient
from custom_components.pandora.const import (
    CONF_AUTO_APPROVE_ADMINS,
    CONF_USERS,
    CONF_VERIFY_SSL,
    DOMAIN,
    NO_JELLYFIN_USER,
    SUBENTRY_JELLYFIN,
)
from custom_components.pandora.discover.image import JELLYFIN_TYPES
from custom_components.pandora.library.coordinator import JellyfinCoordinator
from custom_components.pandora.watching.watchlists import (
    DATA_WATCHLISTS,
    Watchlists,
    async_watchlists,
)
from devtools.simulators.jellyfin import JellyfinSimulator, start
from devtools.support.media import Sims, tmdb_subentry
from homeassistant.components.http.auth import async_sign_path
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import HomeAssistant
from tests.conftest import allow_loopback, hub_entry, setup_hub
from tests.test_watching import (  # noqa: F401  (fixtures used by name)
    MOVIE_BYTES,
    NOSFERATU,
    NOTLD,
    act,
    client,
    command,
    hub,
    jellyfin,
    jellyfin_subentry,
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
    share: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    sim, _ = jellyfin
    sim.stream_auth = True  # the relay asks with the key (in a header)
    server = server_of(hub)
    instance = server.subentry.subentry_id
    ref = server.title("movie", NOTLD)
    assert ref is not None
    http = await hass_client()
    path = f"/api/pandora/jellyfin_stream/{instance}/{ref.id}"
    got = await http.get(path)
    assert got.status == 200 and await got.read() == MOVIE_BYTES
    assert got.content_type.startswith("video/")
    assert got.headers["Accept-Ranges"] == "bytes"
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert got.headers["Content-Security-Policy"] == "sandbox"
    assert "no-store" in got.headers["Cache-Control"]
    # Players probe with HEAD: the same headers, no body.
    got = await http.head(path)
    assert got.status == 200 and got.headers["Content-Length"] == str(len(MOVIE_BYTES))
    assert await got.read() == b""
    got = await http.get(path, headers={"Range": f"bytes={len(MOVIE_BYTES)}-"})
    assert got.status == 416  # past the end, as Jellyfin says
    # Only configured servers and item ids; an unknown item or a series is Jellyfin's 404.
    series = server.title("tv", 960001)
    assert series is not None
    for bad in (f"nope/{ref.id}", f"{instance}/not-an-id", f"{instance}/{'0' * 32}",
                f"{instance}/{series.id}"):  # fmt: skip
        assert (await http.get(f"/api/pandora/jellyfin_stream/{bad}")).status == 404, bad
    # Jellyfin failing: a 502, never its error text (which could quote the key).
    sim.failing_paths[f"/Videos/{ref.id}/stream"] = 1
    got = await http.get(path)
    assert got.status == 502 and sim.api_key not in await got.text()
    assert all(sim.api_key not in value for value in got.headers.values())
    # Jellyfin dropping the connection mid-file: the answer ends short, nothing breaks.
    sim.cut_streams_after = 1000
    caplog.set_level(logging.DEBUG, logger="custom_components.pandora.library.stream")
    got = await http.get(path)
    assert got.status == 200
    with pytest.raises(aiohttp.ClientPayloadError):
        await got.read()
    assert "ended early" in caplog.text
    sim.cut_streams_after = None
    assert (await http.get(path)).status == 200
    # Without a valid login or signature there is nothing.
    assert (await http.get(path, headers={"Authorization": "Bearer nope"})).status == 401
    # The file gone from the disk since Jellyfin listed it: Jellyfin's 404, passed on.
    os.remove(share / "Movies" / f"Night of the Living Dead (1968) [tmdbid-{NOTLD}]" / "movie.mkv")
    assert (await http.get(path)).status == 404


async def test_the_relay_checks_who_watches(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    hass_client: Any,
    hass_ws_client: Any,
    client: JellyfinClient,
    players: dict[str, Any],
) -> None:
    """A person plays as their own Jellyfin user; mapped to nobody or unmapped, nothing."""
    server = server_of(hub)
    ref = server.title("movie", NOTLD)
    assert ref is not None
    path = f"/api/pandora/jellyfin_stream/{server.subentry.subentry_id}/{ref.id}"
    users = await jellyfin_user_ids(client)
    member = await hass.auth.async_create_user("Member", group_ids=["system-users"])
    loner = await hass.auth.async_create_user("Loner", group_ids=["system-users"])
    stranger = await hass.auth.async_create_user("Stranger", group_ids=["system-users"])
    tokens = {}
    for person in (member, loner, stranger):
        refresh = await hass.auth.async_create_refresh_token(person, CLIENT_ID)
        tokens[person.name] = hass.auth.async_create_access_token(refresh)
    entry = hub
    hass.config_entries.async_update_subentry(
        entry,
        server.subentry,
        data=dict(server.subentry.data)
        | {CONF_USERS: {member.id: users["family"], loner.id: NO_JELLYFIN_USER}},
    )
    await hass.async_block_till_done()
    http = await hass_client()
    web = http.make_url("")
    await hass.config.async_update(internal_url=str(web).rstrip("/"))

    async def fetch(url: str, token: str | None = None) -> int:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as got:
            await got.read()
            return got.status

    assert await fetch(str(web.with_path(path)), tokens["Member"]) == 200
    assert await fetch(str(web.with_path(path)), tokens["Loner"]) == 403
    # Unmapped, and no Jellyfin user has their name: not the administrator's access either.
    assert await fetch(str(web.with_path(path)), tokens["Stranger"]) == 403
    # Played from the panel, the URL is signed for the person who asked.
    tv = players["tv"]
    for name, expected in (("Member", 200), ("Loner", None), ("Stranger", None)):
        ws = await hass_ws_client(hass, access_token=tokens[name])
        answer = await command(ws, type="pandora/play", entity_id="media_player.living_room_tv",
                               tmdb_id=NOTLD, media_type="movie")  # fmt: skip
        if expected is None:  # refused before any player is told anything
            assert answer["error"]["code"] == "service_validation_error", answer
            continue
        assert answer["success"], answer
        url = tv.played[-1][1]
        assert "authSig=" in url and await fetch(url) == expected
    # An automation's URL is signed as Home Assistant itself (the default user).
    await act(hass, "play_title", entity_id="media_player.living_room_tv", tmdb_id=NOTLD,
              media_type="movie")  # fmt: skip
    assert await fetch(tv.played[-1][1]) == 200
    # Players that resolve Pandora's media source themselves ask as the caller, over HTTP too.
    item = f"media-source://{DOMAIN}/{server.subentry.subentry_id}/{ref.id}"
    call = {"entity_id": "media_player.living_room_tv", "media_content_id": item,
            "media_content_type": "video"}  # fmt: skip
    for name, played in (("Member", True), ("Loner", False), ("Stranger", False)):
        before = len(tv.played)
        async with (
            aiohttp.ClientSession() as session,
            session.post(
                str(web.with_path("/api/services/media_player/play_media")),
                json=call,
                headers={"Authorization": f"Bearer {tokens[name]}"},
            ) as posted,
        ):
            assert (posted.status == 200) is played, await posted.text()
        assert (len(tv.played) == before + 1) is played
    assert await fetch(tv.played[-1][1]) == 200
    # A signed URL made for someone mapped to nobody, or unmapped, opens nothing.
    for person in (loner, stranger):
        refresh = next(iter(person.refresh_tokens.values()))
        signed = async_sign_path(hass, path, timedelta(minutes=5), refresh_token_id=refresh.id)
        url = web.with_path(signed.split("?")[0]).with_query(signed.split("?")[1])
        assert await fetch(str(url)) == 403


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


async def test_peoples_data_outlives_a_reload(
    hass: HomeAssistant, hub: MockConfigEntry, hass_admin_user: Any
) -> None:
    """Watchlists and requests are one copy per run; options still reach the requests."""
    lists, requests = hub.runtime_data.watchlists, hub.runtime_data.requests
    assert requests.settings.auto_approve_admins is True
    await act(hass, "add_to_watchlist", hass_admin_user, tmdb_id=NOTLD, media_type="movie")
    hass.config_entries.async_update_entry(
        hub, options=dict(hub.options) | {CONF_AUTO_APPROVE_ADMINS: False}
    )
    await hass.async_block_till_done()  # the options change reloads the hub
    assert hub.runtime_data.watchlists is lists  # one copy: nothing written to a stale one
    assert hub.runtime_data.requests is requests
    assert hub.runtime_data.requests.settings.auto_approve_admins is False
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
        user = await server.async_jellyfin_user(None)
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
    hass_read_only_user: Any,
) -> None:
    reader = await hass_ws_client(hass, access_token=hass_read_only_access_token)
    # No Jellyfin user for the reader: refused before the player is asked.
    answer = await command(reader, type="pandora/play", entity_id="media_player.living_room_tv",
                           tmdb_id=NOTLD, media_type="movie")  # fmt: skip
    assert "no Jellyfin user for you" in answer["error"]["message"]
    # Watching as Jellyfin's family (their name), the player's own permissions refuse them.
    await hass.auth.async_update_user(hass_read_only_user, name="Family")
    answer = await command(reader, type="pandora/play", entity_id="media_player.living_room_tv",
                           tmdb_id=NOTLD, media_type="movie")  # fmt: skip
    assert answer["error"]["message"] == "You may not control media_player.living_room_tv"
    answer = await command(reader, type="pandora/featured/set", tmdb_id=NOTLD, media_type="movie")
    assert answer["error"]["message"] == "Administrators only"


async def test_watchlists_read_once_whatever_happens(
    hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A setup cancelled mid-read does not cancel it for everyone; a failed read is retried."""
    release = asyncio.Event()
    reads = 0
    original = Watchlists.async_load

    async def slow_load(self: Watchlists) -> None:
        nonlocal reads
        reads += 1
        await release.wait()
        if reads == 1:
            raise OSError("storage unreadable")
        await original(self)

    monkeypatch.setattr(Watchlists, "async_load", slow_load)
    first = hass.async_create_task(async_watchlists(hass))
    await asyncio.sleep(0)
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    assert DATA_WATCHLISTS in hass.data  # the read goes on for the next setup
    second = hass.async_create_task(async_watchlists(hass))
    await asyncio.sleep(0)
    release.set()
    with pytest.raises(OSError, match="unreadable"):
        await second
    assert DATA_WATCHLISTS not in hass.data  # failed: read again next time
    lists = await async_watchlists(hass)
    assert reads == 2 and await async_watchlists(hass) is lists


async def test_users_not_read_yet(
    hass: HomeAssistant,
    sims: Sims,
    jellyfin: tuple[JellyfinSimulator, str],
    hass_ws_client: Any,
) -> None:
    """Until the users are read, nobody watches as anyone (no guess at the administrator)."""
    sim, url = jellyfin
    sim.failing_paths["/Users"] = 1
    entry = await setup_hub(
        hass, hub_entry(tmdb_subentry(sims), jellyfin_subentry(url, sim.api_key))
    )
    server = server_of(entry)
    assert server.last_update_success and await server.async_jellyfin_user(None) is None
    ws = await hass_ws_client(hass)
    home = (await command(ws, type="pandora/home"))["result"]
    assert "could not read the Jellyfin users yet" in home["errors"]["continue_watching"]
    server._index_at = 0
    await server.async_refresh()
    home = (await command(ws, type="pandora/home"))["result"]
    assert home["errors"] == {} and home["jellyfin_user"] == "pandora"
