"""The Pandora LLM API: registered with the hub, its tools against the simulators, permissions.

TMDB, Watchmode and Jellyfin are the simulators (real HTTP), qBittorrent the real daemon; the
users are Home Assistant's test users, talking through an LLM context like a conversation
agent's.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import probatio as vol
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora.const import CONF_VERIFY_SSL, CONF_VOICE_CONTROL, SUBENTRY_JELLYFIN
from custom_components.pandora.panel.llm_api import NO_USER, NOT_ALLOWED, SATELLITE_NOT_ALLOWED
from devtools.simulators.jellyfin import JellyfinSimulator, start
from devtools.support.media import NOTLD, Sims, tmdb_subentry, watchmode_subentry
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from homeassistant.auth.models import User
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import llm
from tests.conftest import allow_loopback, hub_entry, qb_subentry, setup_hub
from tests.harness.request_hub import CISCO_KID, hold_back_pipeline, queue
from tests.helpers import poll_until

ALL_TOOLS = {
    "search_media",
    "check_availability",
    "request_media",
    "download_status",
    "scan_library",
}


@pytest.fixture(autouse=True)
def _no_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    hold_back_pipeline(monkeypatch)


@pytest.fixture
async def jellyfin(tmp_path: Path) -> AsyncIterator[tuple[JellyfinSimulator, str]]:
    """Jellyfin with Night of the Living Dead (TMDB id in its folder name) in "Movies"."""
    allow_loopback()
    film = tmp_path / "Movies" / f"Night of the Living Dead (1968) [tmdbid-{NOTLD}]"
    film.mkdir(parents=True)
    (film / "movie.mkv").write_bytes(b"")
    (tmp_path / "Shows").mkdir()
    sim = JellyfinSimulator(
        libraries=[
            ("Movies", "movies", str(tmp_path / "Movies")),
            ("Shows", "tvshows", str(tmp_path / "Shows")),
        ],
        scan_duration=0.2,
    )
    runner, port = await start(sim)
    yield sim, f"http://127.0.0.1:{port}"
    await runner.cleanup()


def jellyfin_subentry(url: str, api_key: str) -> ConfigSubentryData:
    return ConfigSubentryData(
        data={CONF_URL: url, CONF_API_KEY: api_key, CONF_VERIFY_SSL: True},
        subentry_type=SUBENTRY_JELLYFIN,
        title="Jellyfin",
        unique_id=url,
    )


@pytest.fixture
async def hub(
    hass: HomeAssistant, sims: Sims, jellyfin: tuple[JellyfinSimulator, str]
) -> MockConfigEntry:
    """A hub with TMDB, Watchmode and Jellyfin (no qBittorrent)."""
    sim, url = jellyfin
    entry = hub_entry(
        tmdb_subentry(sims),
        watchmode_subentry(sims),
        jellyfin_subentry(url, sim.api_key),
        request_notifications=False,
    )
    return await setup_hub(hass, entry)


@pytest.fixture
def reader(hass_read_only_user: User) -> User:
    """A household member who is not an administrator."""
    return hass_read_only_user


def llm_context(user_id: str | None) -> llm.LLMContext:
    return llm.LLMContext(
        platform="test",
        context=Context(user_id=user_id),
        language="en",
        assistant="conversation",
        device_id=None,
    )


async def instance(hass: HomeAssistant, user_id: str | None = None) -> llm.APIInstance:
    return await llm.async_get_api(hass, "pandora", llm_context(user_id))


async def use(
    hass: HomeAssistant, tool: str, user_id: str | None, /, **args: Any
) -> dict[str, Any]:
    """Call a tool as a conversation agent would, as `user_id`; its answer."""
    api = await instance(hass, user_id)
    result = await api.async_call_tool(llm.ToolInput(tool_name=tool, tool_args=args))
    assert result.error == ("error" in result.data), result
    return dict(result.data)


async def test_registered_while_the_hub_is_loaded(
    hass: HomeAssistant, hub: MockConfigEntry, hass_admin_user: User
) -> None:
    assert "pandora" in {api.id for api in llm.async_get_apis(hass)}
    api = await instance(hass, hass_admin_user.id)
    assert api.api.name == "Pandora"
    # No qBittorrent in this hub: no download_status tool (nor a line about it).
    assert {tool.name for tool in api.tools} == ALL_TOOLS - {"download_status"}
    assert "search_media" in api.api_prompt and "download_status" not in api.api_prompt
    for tool in api.tools:
        assert tool.integration == "pandora" and tool.description
        # What an agent sends the model: every parameter renders exactly.
        vol.to_openapi(tool.parameters, custom_serializer=api.custom_serializer, strict=True)

    assert await hass.config_entries.async_unload(hub.entry_id)
    assert "pandora" not in {api.id for api in llm.async_get_apis(hass)}
    # Loading again registers it again (the old registration went with the unload).
    assert await hass.config_entries.async_setup(hub.entry_id)
    await hass.async_block_till_done()
    assert "pandora" in {api.id for api in llm.async_get_apis(hass)}


async def test_search_check_and_request_as_a_user(
    hass: HomeAssistant, hub: MockConfigEntry, reader: User
) -> None:
    found = await use(hass, "search_media", reader.id, query="night of the living dead")
    assert 1 <= len(found["results"]) <= 5
    first = found["results"][0]
    assert set(first) == {"tmdb_id", "media_type", "title", "year", "rating", "overview"}
    assert (first["tmdb_id"], first["media_type"], first["year"]) == (NOTLD, "movie", 1968)
    assert len(first["overview"]) <= 201

    checked = await use(hass, "check_availability", reader.id, tmdb_id=NOTLD, media_type="movie")
    assert checked["title"] == "Night of the Living Dead" and checked["year"] == 1968
    assert checked["streaming"] and {"service", "type", "region", "price"} == set(
        checked["streaming"][0]
    )
    assert checked["in_library"] is True
    assert checked["library_items"] == [
        {"server": "Jellyfin", "name": "Night of the Living Dead", "year": 1968}
    ]
    assert checked["open_requests"] == []

    # A non-administrator's request waits for approval and is theirs.
    answer = await use(hass, "request_media", reader.id, tmdb_id=NOTLD, media_type="movie")
    assert answer["created"] == [True]
    (made,) = answer["requests"]
    assert made["status"] == "pending" and made["title"] == "Night of the Living Dead"
    request = queue(hub).get(made["id"])
    assert request is not None and request.requested_by == reader.id

    checked = await use(hass, "check_availability", reader.id, tmdb_id=NOTLD, media_type="movie")
    assert checked["open_requests"] == [
        {"id": made["id"], "season": None, "status": "pending", "yours": True}
    ]
    # A conversation without a user (a voice satellite) cannot request: it is nobody's.
    nobody = await use(hass, "request_media", None, tmdb_id=900002, media_type="movie")
    assert nobody == {"error": NO_USER}
    # Asking again adds nothing.
    again = await use(hass, "request_media", reader.id, tmdb_id=NOTLD, media_type="movie")
    assert again["created"] == [False] and again["requests"][0]["id"] == made["id"]


async def test_admin_requests_seasons_approved(
    hass: HomeAssistant, hub: MockConfigEntry, hass_admin_user: User
) -> None:
    answer = await use(
        hass,
        "request_media",
        hass_admin_user.id,
        tmdb_id=CISCO_KID,
        media_type="tv",
        seasons=[2, 1],
    )
    assert answer["created"] == [True, True]
    assert [(r["season"], r["status"]) for r in answer["requests"]] == [
        (1, "approved"),
        (2, "approved"),
    ]
    checked = await use(
        hass, "check_availability", hass_admin_user.id, tmdb_id=CISCO_KID, media_type="tv"
    )
    assert checked["in_library"] is False and checked["library_items"] == []
    assert [(r["season"], r["yours"]) for r in checked["open_requests"]] == [
        (1, True),
        (2, True),
    ]
    # The same validation as the action: a season the series does not have.
    bad = await use(
        hass, "request_media", hass_admin_user.id, tmdb_id=CISCO_KID, media_type="tv", seasons=[40]
    )
    assert "season 40" in bad["error"]


async def test_scan_library_is_for_administrators(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    jellyfin: tuple[JellyfinSimulator, str],
    reader: User,
    hass_admin_user: User,
) -> None:
    sim, _ = jellyfin
    assert await use(hass, "scan_library", reader.id) == {"error": NOT_ALLOWED}
    # A conversation without a user (a voice satellite) only asks, unless the hub allows it.
    refused = await use(hass, "scan_library", None, library="Movies")
    assert refused == {"error": SATELLITE_NOT_ALLOWED}
    assert not sim.refresh_calls and sim.scans_started == 0
    hass.config_entries.async_update_entry(hub, options=hub.options | {CONF_VOICE_CONTROL: True})
    await hass.async_block_till_done()
    answer = await use(hass, "scan_library", None, library="Movies")
    assert answer == {"scanned": [{"server": "Jellyfin", "library": "Movies"}]}
    assert len(sim.refresh_calls) == 1
    # Members never may, option or not.
    assert await use(hass, "scan_library", reader.id) == {"error": NOT_ALLOWED}
    sim.refresh_calls.clear()

    answer = await use(hass, "scan_library", hass_admin_user.id, library="movies")
    assert answer == {"scanned": [{"server": "Jellyfin", "library": "Movies"}]}
    assert len(sim.refresh_calls) == 1
    unknown = await use(hass, "scan_library", hass_admin_user.id, library="Music")
    assert "Music" in unknown["error"] and "Movies, Shows" in unknown["error"]


async def test_bad_input_is_refused_by_the_schema(
    hass: HomeAssistant, hub: MockConfigEntry, reader: User
) -> None:
    api = await instance(hass, reader.id)
    request = next(tool for tool in api.tools if tool.name == "request_media")
    with pytest.raises(vol.Invalid):
        request.parameters({"tmdb_id": NOTLD, "media_type": "music"})
    bad_args: list[dict[str, Any]] = [
        {"tmdb_id": "soon", "media_type": "movie"},
        {"tmdb_id": NOTLD},
        {"tmdb_id": 0, "media_type": "movie"},
        # The model cannot request on someone else's behalf.
        {"tmdb_id": NOTLD, "media_type": "movie", "user_id": "someone"},
    ]
    for args in bad_args:
        answer = await use(hass, "request_media", reader.id, **args)
        assert answer["error"].startswith("Invalid input: "), args
        assert not any(bit in answer["error"] for bit in ("at '", "[", "{", "expected")), args
    assert (await use(hass, "search_media", reader.id, query=""))["error"] == (
        "Invalid input: “query” is empty: fill it in"
    )
    answer = await use(hass, "request_media", reader.id, tmdb_id="soon", media_type="movie")
    assert answer["error"] == "Invalid input: “tmdb_id” must be a whole number"
    assert not queue(hub).all()


async def test_errors_are_answers(
    hass: HomeAssistant, hub: MockConfigEntry, hass_admin_user: User
) -> None:
    # TMDB does not know the id: its 404, as a message.
    missing = await use(
        hass, "check_availability", hass_admin_user.id, tmdb_id=12345678, media_type="movie"
    )
    assert missing["error"].startswith("The service does not know this item")
    # The hub is gone while an agent still holds the tools.
    api = await instance(hass, hass_admin_user.id)
    assert await hass.config_entries.async_unload(hub.entry_id)
    result = await api.async_call_tool(
        llm.ToolInput(tool_name="search_media", tool_args={"query": "dragnet"})
    )
    assert result.error
    assert str(result.data["error"]).startswith("Pandora is not set up or not loaded yet")


@pytest.mark.parametrize("qb_daemon_session", ["4"], indirect=True)
async def test_download_status(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon, reader: User
) -> None:
    entry = await setup_hub(hass, hub_entry(qb_subentry(qb_daemon)))
    api = await instance(hass, reader.id)
    assert [tool.name for tool in api.tools] == ["download_status"]
    assert await use(hass, "download_status", reader.id) == {"downloads": [], "total": 0}

    infohash = "ab" * 20
    magnet = f"magnet:?xt=urn:btih:{infohash}&dn=Pandora+Demo"
    paused = "stopped" if qb_daemon.version == "5" else "paused"
    qb_daemon.api("torrents/add", {"urls": magnet, paused: "true"})
    (coordinator,) = entry.runtime_data.qbittorrent.values()
    await poll_until(hass, lambda: infohash in coordinator.data.torrents)
    answer = await use(hass, "download_status", reader.id)
    assert answer == {
        "downloads": [{"name": "Pandora Demo", "progress": 0.0, "state": "paused", "eta": None}],
        "total": 1,
    }


async def test_availability_before_the_title_index(
    hass: HomeAssistant, hub: MockConfigEntry, reader: User, jellyfin: tuple[JellyfinSimulator, str]
) -> None:
    """Until a server's title index is read, Jellyfin itself is asked (and its failure told)."""
    sim, _ = jellyfin
    (server,) = hub.runtime_data.jellyfin.values()
    server.index_read = False  # as after a start with the index read failing
    checked = await use(hass, "check_availability", reader.id, tmdb_id=NOTLD, media_type="movie")
    assert checked["in_library"] is True and "library_errors" not in checked
    assert sim.requests["/Items"] > 0
    sim.failing_paths["/Items"] = 1
    checked = await use(hass, "check_availability", reader.id, tmdb_id=NOTLD, media_type="movie")
    assert checked["in_library"] is False
    assert checked["library_errors"][0].startswith("Jellyfin: ")
    # Once read, the index answers without a request.
    server.index_read = True
    asked = sim.requests["/Items"]
    checked = await use(hass, "check_availability", reader.id, tmdb_id=NOTLD, media_type="movie")
    assert checked["in_library"] is True and sim.requests["/Items"] == asked
