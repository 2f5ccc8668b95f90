"""The watching experience against the TMDB and Jellyfin simulators over real HTTP.

Per-user watchlists (actions and websocket), the featured title, Continue watching and Recently
added for the mapped Jellyfin user, "In your library" flags, and playing a title on a Home
Assistant media player through Pandora's media source.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from pytest_homeassistant_custom_component.common import (
    CLIENT_ID,
    MockConfigEntry,
    MockPlatform,
    mock_platform,
)

from custom_components.pandora.api.jellyfin import JellyfinClient
from custom_components.pandora.const import (
    CONF_USERS,
    CONF_VERIFY_SSL,
    CONF_WEB_URL,
    DOMAIN,
    NO_JELLYFIN_USER,
    SUBENTRY_JELLYFIN,
)
from devtools.simulators import catalogue
from devtools.simulators.jellyfin import JellyfinSimulator, start
from devtools.support.media import Sims, tmdb_subentry
from homeassistant.auth.models import User
from homeassistant.components import media_source
from homeassistant.components.media_player import MediaPlayerEntity
from homeassistant.components.media_player.browse_media import async_process_play_media_url
from homeassistant.components.media_player.const import MediaPlayerEntityFeature, MediaPlayerState
from homeassistant.components.media_player.errors import BrowseError
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized
from homeassistant.setup import async_setup_component
from tests.conftest import allow_loopback, hub_entry, setup_hub

NOTLD, NOSFERATU, CISCO_KID = 900001, 900002, 960001
MOVIE_BYTES = bytes(range(256)) * 256  # 64 KiB the stream must hand over unchanged


@pytest.fixture
def share(tmp_path: Path) -> Path:
    notld = tmp_path / "Movies" / f"Night of the Living Dead (1968) [tmdbid-{NOTLD}]"
    notld.mkdir(parents=True)
    (notld / "movie.mkv").write_bytes(MOVIE_BYTES)
    season = tmp_path / "TV Shows" / f"The Cisco Kid (1950) [tmdbid-{CISCO_KID}]" / "Season 01"
    season.mkdir(parents=True)
    for n in (1, 2):
        (season / f"The Cisco Kid S01E0{n}.mp4").write_bytes(b"episode %d" % n)
    return tmp_path


@pytest.fixture
async def jellyfin(share: Path) -> AsyncIterator[tuple[JellyfinSimulator, str]]:
    allow_loopback()
    sim = JellyfinSimulator(
        libraries=[
            ("Movies", "movies", str(share / "Movies")),
            ("Shows", "tvshows", str(share / "TV Shows")),
        ],
        scan_duration=0.5,
    )
    runner, port = await start(sim)
    yield sim, f"http://127.0.0.1:{port}"
    await runner.cleanup()


def jellyfin_subentry(url: str, api_key: str, users: dict[str, str] | None = None) -> Any:
    return ConfigSubentryData(
        data={CONF_URL: url, CONF_API_KEY: api_key, CONF_VERIFY_SSL: True}
        | ({CONF_USERS: users} if users else {}),
        subentry_type=SUBENTRY_JELLYFIN,
        title="Jellyfin",
        unique_id=url,
    )


@pytest.fixture
async def client(jellyfin: tuple[JellyfinSimulator, str]) -> AsyncIterator[JellyfinClient]:
    sim, url = jellyfin
    async with aiohttp.ClientSession() as session:
        yield JellyfinClient(url=url, api_key=sim.api_key, session=session)


async def jellyfin_user_ids(client: JellyfinClient) -> dict[str, str]:
    return {u.name: u.id for u in await client.users()}


@pytest.fixture
async def hub(
    hass: HomeAssistant, sims: Sims, jellyfin: tuple[JellyfinSimulator, str]
) -> MockConfigEntry:
    sim, url = jellyfin
    return await setup_hub(
        hass, hub_entry(tmdb_subentry(sims), jellyfin_subentry(url, sim.api_key))
    )


async def act(
    hass: HomeAssistant, action: str, user: User | None = None, **data: Any
) -> dict[str, Any]:
    answer = await hass.services.async_call(
        DOMAIN,
        action,
        data,
        blocking=True,
        return_response=True,
        context=Context(user_id=user.id if user else None),
    )
    assert isinstance(answer, dict)
    return answer


async def command(ws: Any, **message: Any) -> dict[str, Any]:
    await ws.send_json_auto_id(message)
    while True:
        answer: dict[str, Any] = await ws.receive_json()
        if answer["type"] == "result":
            return answer


def listed(answer: dict[str, Any]) -> list[tuple[int, str]]:
    return [(e["tmdb_id"], e["media_type"]) for e in answer["watchlist"]]


# --- watchlists ------------------------------------------------------------------------------


async def test_watchlists_are_per_user(
    hass: HomeAssistant, hub: MockConfigEntry, hass_admin_user: User, hass_read_only_user: User
) -> None:
    admin, reader = hass_admin_user, hass_read_only_user
    await act(hass, "add_to_watchlist", admin, tmdb_id=NOSFERATU, media_type="movie")
    answer = await act(hass, "add_to_watchlist", admin, tmdb_id=NOTLD, media_type="movie")
    assert listed(answer) == [(NOTLD, "movie"), (NOSFERATU, "movie")]  # newest first
    first = answer["watchlist"][0]
    assert first["title"] == "Night of the Living Dead" and first["year"] == 1968
    assert first["in_library"] is True and first["library"]["type"] == "Movie"
    assert "/web/#/details?id=" in first["library"]["web_url"]
    assert answer["watchlist"][1]["in_library"] is False
    # Adding again keeps one entry where it was.
    answer = await act(hass, "add_to_watchlist", admin, tmdb_id=NOSFERATU, media_type="movie")
    assert listed(answer) == [(NOTLD, "movie"), (NOSFERATU, "movie")]

    # Someone else's list is their own, and nobody may read or change another's.
    assert listed(await act(hass, "get_watchlist", reader)) == []
    await act(hass, "add_to_watchlist", reader, tmdb_id=CISCO_KID, media_type="tv")
    assert listed(await act(hass, "get_watchlist", reader)) == [(CISCO_KID, "tv")]
    assert len(listed(await act(hass, "get_watchlist", admin))) == 2
    with pytest.raises(Unauthorized):
        await act(hass, "get_watchlist", reader, user_id=admin.id)
    with pytest.raises(Unauthorized):
        await act(hass, "remove_from_watchlist", admin, user_id=reader.id, tmdb_id=CISCO_KID,
                  media_type="tv")  # fmt: skip

    # Automations name the user; a missing or unknown user is a clear error.
    with pytest.raises(ServiceValidationError) as err:
        await act(hass, "get_watchlist")
    assert err.value.translation_key == "watchlist_user_required"
    with pytest.raises(ServiceValidationError) as err:
        await act(hass, "get_watchlist", user_id="nobody")
    assert err.value.translation_key == "unknown_user"
    answer = await act(hass, "remove_from_watchlist", user_id=admin.id, tmdb_id=NOTLD,
                       media_type="movie")  # fmt: skip
    assert listed(answer) == [(NOSFERATU, "movie")]
    # Removing what is not there changes nothing.
    answer = await act(hass, "remove_from_watchlist", admin, tmdb_id=NOTLD, media_type="movie")
    assert listed(answer) == [(NOSFERATU, "movie")]

    # A title TMDB does not know is refused and nothing is stored.
    with pytest.raises(Exception, match=r"(?i)not|found"):
        await act(hass, "add_to_watchlist", admin, tmdb_id=999999, media_type="movie")
    assert listed(await act(hass, "get_watchlist", admin)) == [(NOSFERATU, "movie")]

    # The lists survive a restart of the hub.
    await hass.config_entries.async_reload(hub.entry_id)
    await hass.async_block_till_done()
    assert listed(await act(hass, "get_watchlist", admin)) == [(NOSFERATU, "movie")]
    assert listed(await act(hass, "get_watchlist", reader)) == [(CISCO_KID, "tv")]
    await act(hass, "remove_from_watchlist", reader, tmdb_id=CISCO_KID, media_type="tv")
    assert listed(await act(hass, "get_watchlist", reader)) == []


async def test_home_over_the_websocket(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    hass_ws_client: Any,
    hass_read_only_access_token: str,
    hass_client: Any,
    client: JellyfinClient,
) -> None:
    reader = await hass_ws_client(hass, access_token=hass_read_only_access_token)
    admin = await hass_ws_client(hass)
    answer = await command(reader, type="pandora/watchlist/add", tmdb_id=NOTLD, media_type="movie")
    assert answer["success"], answer
    entry = answer["result"]["watchlist"][0]
    assert (
        entry["poster_url"].startswith("/api/pandora/image/") and "authSig=" in entry["poster_url"]
    )
    details = await command(reader, type="pandora/media", tmdb_id=NOTLD, media_type="movie")
    assert details["result"]["in_watchlist"] is True
    assert details["result"]["in_library"] is True
    assert details["result"]["library"]["server"] == "Jellyfin"
    details = await command(admin, type="pandora/media", tmdb_id=NOTLD, media_type="movie")
    assert details["result"]["in_watchlist"] is False

    # Nobody is mapped: the administrator watches as Jellyfin's administrator; the reader, who
    # has no Jellyfin user of their name, as nobody (and is told why).
    users = await jellyfin_user_ids(client)
    movies = await client.latest_items(users["pandora"], 10)
    notld = next(i for i in movies if i.name == "Night of the Living Dead")
    await client.set_user_data(users["pandora"], notld.id, position_seconds=1800)
    home = (await command(reader, type="pandora/home"))["result"]
    assert home["jellyfin"] is True and home["jellyfin_user"] is None
    assert [e["tmdb_id"] for e in home["watchlist"]] == [NOTLD]
    assert home["continue_watching"] == [] and home["recently_added"] == []
    assert "none has your name" in home["errors"]["continue_watching"]
    assert "none has your name" in home["errors"]["recently_added"]
    home = (await command(admin, type="pandora/home"))["result"]
    assert home["jellyfin_user"] == "pandora" and home["watchlist"] == []
    (resume,) = home["continue_watching"]
    assert resume["name"] == "Night of the Living Dead"
    assert resume["tmdb_id"] == NOTLD and resume["media_type"] == "movie"
    assert resume["position_seconds"] == 1800
    assert 0 < resume["progress"] < 100
    assert resume["web_url"].endswith(f"id={notld.id}&serverId={(await client.system_info()).id}")
    names = {e["name"] for e in home["recently_added"]}
    assert {"Night of the Living Dead", "The Cisco Kid"} <= names
    assert home["errors"] == {}
    # Images come through Home Assistant, signed, without the Jellyfin key.
    http = await hass_client()
    for url in (resume["image_url"], resume["backdrop_url"]):
        assert url.startswith("/api/pandora/jellyfin_image/") and "authSig=" in url
        got = await http.get(url)
        assert got.status == 200 and got.content_type.startswith("image/")
        assert len(await got.read()) > 0
    assert (await http.get(f"/api/pandora/jellyfin_image/x/{notld.id}/Primary")).status == 404
    assert (await http.get(f"/api/pandora/jellyfin_image/x/{notld.id}/Logo")).status == 404
    instance = resume["instance"]
    missing = f"/api/pandora/jellyfin_image/{instance}/{'0' * 32}/Primary"
    assert (await http.get(missing)).status == 404


async def test_jellyfin_links_only_over_http(
    hass: HomeAssistant,
    sims: Sims,
    jellyfin: tuple[JellyfinSimulator, str],
    hass_ws_client: Any,
) -> None:
    """A stored web address that is not http(s) never reaches an `href` ("Play in Jellyfin")."""
    sim, url = jellyfin
    subentry = jellyfin_subentry(url, sim.api_key)
    subentry["data"] = dict(subentry["data"]) | {CONF_WEB_URL: "javascript:alert(1)//"}
    await setup_hub(hass, hub_entry(tmdb_subentry(sims), subentry))

    details = await act(hass, "get_media", tmdb_id=NOTLD, media_type="movie")
    assert details["library"]["server"] == "Jellyfin"
    assert details["library"]["web_url"] is None
    home = (await command(await hass_ws_client(hass), type="pandora/home"))["result"]
    assert home["recently_added"]
    assert all(entry["web_url"] is None for entry in home["recently_added"])


async def test_rows_follow_the_user_mapping(
    hass: HomeAssistant,
    sims: Sims,
    jellyfin: tuple[JellyfinSimulator, str],
    client: JellyfinClient,
    hass_read_only_user: User,
    hass_ws_client: Any,
    hass_read_only_access_token: str,
) -> None:
    sim, url = jellyfin
    users = await jellyfin_user_ids(client)
    items = await client.latest_items(users["pandora"], 10)
    notld = next(i for i in items if i.name == "Night of the Living Dead")
    await client.set_user_data(users["pandora"], notld.id, position_seconds=600)
    mapping = {hass_read_only_user.id: users["family"]}
    await setup_hub(
        hass, hub_entry(tmdb_subentry(sims), jellyfin_subentry(url, sim.api_key, mapping))
    )
    reader = await hass_ws_client(hass, access_token=hass_read_only_access_token)
    admin = await hass_ws_client(hass)
    home = (await command(reader, type="pandora/home"))["result"]
    assert home["jellyfin_user"] == "family"
    assert home["continue_watching"] == []  # the administrator's progress is not theirs
    await client.set_user_data(users["family"], notld.id, position_seconds=60)
    home = (await command(reader, type="pandora/home"))["result"]
    assert [e["position_seconds"] for e in home["continue_watching"]] == [60]
    home = (await command(admin, type="pandora/home"))["result"]
    assert home["jellyfin_user"] == "pandora"
    assert [e["position_seconds"] for e in home["continue_watching"]] == [600]
    # The media browser shows each person their own rows too.
    browsed = await command(reader, type="media_source/browse_media",
                            media_content_id=f"media-source://{DOMAIN}")  # fmt: skip
    resume_row = browsed["result"]["children"][0]["media_content_id"]
    browsed = await command(reader, type="media_source/browse_media", media_content_id=resume_row)
    assert [c["title"] for c in browsed["result"]["children"]] == ["Night of the Living Dead"]

    # Mapped to a Jellyfin user who is then disabled: nothing, never the administrator's rows.
    coordinator = next(iter(hass.config_entries.async_loaded_entries(DOMAIN))).runtime_data
    server = next(iter(coordinator.jellyfin.values()))
    sim.user("family").disabled = True
    server._index_at = 0
    await server.async_refresh()
    home = (await command(reader, type="pandora/home"))["result"]
    assert home["jellyfin_user"] is None and home["continue_watching"] == []
    assert "deleted or disabled" in home["errors"]["continue_watching"]
    assert "deleted or disabled" in home["errors"]["recently_added"]
    browsed = await command(reader, type="media_source/browse_media", media_content_id=resume_row)
    assert not browsed["success"] and "no Jellyfin user for you" in browsed["error"]["message"]
    item = f"media-source://{DOMAIN}/{server.subentry.subentry_id}/{notld.id}"
    resolved = await command(reader, type="media_source/resolve_media", media_content_id=item)
    assert not resolved["success"]
    resolved = await command(admin, type="media_source/resolve_media", media_content_id=item)
    assert resolved["success"] and "/api/pandora/jellyfin_stream/" in resolved["result"]["url"]
    assert sim.api_key not in resolved["result"]["url"]

    # Mapped to nobody: no rows, no complaint, nothing to browse.
    mapping = {hass_read_only_user.id: NO_JELLYFIN_USER}
    entry = next(iter(hass.config_entries.async_loaded_entries(DOMAIN)))
    hass.config_entries.async_update_subentry(
        entry, server.subentry, data=dict(server.subentry.data) | {CONF_USERS: mapping}
    )
    await hass.async_block_till_done()
    home = (await command(reader, type="pandora/home"))["result"]
    assert home["jellyfin_user"] is None and home["continue_watching"] == []
    assert home["errors"] == {}
    browsed = await command(reader, type="media_source/browse_media",
                            media_content_id=f"media-source://{DOMAIN}")  # fmt: skip
    assert browsed["result"]["children"] == []


async def ws_as(hass: HomeAssistant, hass_ws_client: Any, user: User) -> Any:
    """A websocket connection logged in as `user`."""
    refresh = await hass.auth.async_create_refresh_token(user, CLIENT_ID)
    return await hass_ws_client(hass, access_token=hass.auth.async_create_access_token(refresh))


async def test_unmapped_people_fail_closed(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    jellyfin: tuple[JellyfinSimulator, str],
    client: JellyfinClient,
    players: dict[str, RecordingPlayer],
    hass_admin_user: User,
    hass_read_only_user: User,
    hass_ws_client: Any,
) -> None:
    """Unmapped: the Jellyfin user of the same name, else administrators only get the admin."""
    sim, _ = jellyfin
    server = next(iter(hub.runtime_data.jellyfin.values()))
    users = await jellyfin_user_ids(client)
    items = await client.latest_items(users["pandora"], 10)
    notld = next(i for i in items if i.name == "Night of the Living Dead")
    await client.set_user_data(users["pandora"], notld.id, position_seconds=600)
    await client.set_user_data(users["family"], notld.id, position_seconds=60)
    tv = "media_player.living_room_tv"

    async def home_of(user: User) -> dict[str, Any]:
        answer: dict[str, Any] = (
            await command(await ws_as(hass, hass_ws_client, user), type="pandora/home")
        )["result"]
        return answer

    # Someone added after the set-up, with no Jellyfin user of their name: no rows, no playing,
    # nothing to browse (they used to get the administrator's).
    member = await hass.auth.async_create_user("Member", group_ids=["system-users"])
    home = await home_of(member)
    assert home["jellyfin_user"] is None and home["continue_watching"] == []
    assert "none has your name" in home["errors"]["continue_watching"]
    with pytest.raises(ServiceValidationError) as err:
        await act(hass, "play_title", member, entity_id=tv, tmdb_id=NOTLD, media_type="movie")
    assert err.value.translation_key == "no_jellyfin_user"
    assert players["tv"].played == []
    ws = await ws_as(hass, hass_ws_client, member)
    browsed = await command(ws, type="media_source/browse_media",
                            media_content_id=f"media-source://{DOMAIN}")  # fmt: skip
    assert browsed["result"]["children"] == []
    # The same for the read-only fixture user ("Mock User").
    assert await server.async_watcher(hass_read_only_user.id) == (None, "unmapped")

    # Their name, in any case, is a Jellyfin user's: they watch as that user.
    relative = await hass.auth.async_create_user("FAMILY", group_ids=["system-users"])
    home = await home_of(relative)
    assert home["jellyfin_user"] == "family" and home["errors"] == {}
    assert [e["position_seconds"] for e in home["continue_watching"]] == [60]

    # An unmapped administrator without a Jellyfin user of their name, and automations: the
    # Jellyfin administrator.
    home = await home_of(hass_admin_user)
    assert home["jellyfin_user"] == "pandora"
    assert [e["position_seconds"] for e in home["continue_watching"]] == [600]
    admin, why = await server.async_watcher(None)
    assert (admin and admin.name, why) == ("pandora", "admin_default")
    # ... unless a Jellyfin user has their name: that one, even for an administrator, and
    # nobody (never the administrator) once that Jellyfin user is disabled.
    await hass.auth.async_update_user(hass_admin_user, name="Family")
    assert (await home_of(hass_admin_user))["jellyfin_user"] == "family"
    sim.user("family").disabled = True
    server._index_at = 0
    await server.async_refresh()
    home = await home_of(hass_admin_user)
    assert (
        home["jellyfin_user"] is None
        and "deleted or disabled" in home["errors"]["continue_watching"]
    )
    assert (await home_of(relative))["jellyfin_user"] is None

    # Unknown, inactive and system-generated users are nobody.
    system = await hass.auth.async_create_system_user("Some add-on")
    inactive = await hass.auth.async_create_user("Sleeper", group_ids=["system-admin"])
    await hass.auth.async_update_user(inactive, is_active=False)
    for someone in ("not-a-user", inactive.id, system.id):
        assert await server.async_watcher(someone) == (None, "not_a_person")


async def test_rows_fail_one_by_one(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    sims: Sims,
    jellyfin: tuple[JellyfinSimulator, str],
    hass_ws_client: Any,
) -> None:
    sim, _ = jellyfin
    admin = await hass_ws_client(hass)
    sim.server_error_next = 2  # Continue watching and Recently added
    home = (await command(admin, type="pandora/home"))["result"]
    assert set(home["errors"]) == {"continue_watching", "recently_added"}
    assert home["featured"] is not None  # TMDB still answers
    sims.tmdb.server_error_next = 10
    hub.runtime_data.cache._entries.clear()  # force TMDB to be asked
    home = (await command(admin, type="pandora/home"))["result"]
    assert home["featured"] is None and "featured" in home["errors"]
    # The featured actions answer with the title: without one, a translated error.
    sims.tmdb.server_error_next = 10
    hub.runtime_data.cache._entries.clear()
    with pytest.raises(HomeAssistantError) as err:
        await act(hass, "clear_featured")
    assert err.value.translation_key == "featured_unavailable"
    assert str(err.value).startswith("The featured title cannot be read: ")


# --- featured --------------------------------------------------------------------------------


async def test_featured_title(
    hass: HomeAssistant, hub: MockConfigEntry, hass_admin_user: User, hass_read_only_user: User
) -> None:
    trending = [t.tmdb_id for t in catalogue.trending("day")]
    in_library = {NOTLD, CISCO_KID}
    expected = next(t for t in trending if t not in in_library)
    default = (await act(hass, "clear_featured", hass_admin_user))["featured"]
    assert default["tmdb_id"] == expected and default["chosen"] is False
    assert default["in_library"] is False and default["library"] is None

    with pytest.raises(Unauthorized):
        await act(hass, "set_featured", hass_read_only_user, tmdb_id=NOTLD, media_type="movie")
    chosen = (await act(hass, "set_featured", hass_admin_user, tmdb_id=NOTLD, media_type="movie"))[
        "featured"
    ]
    assert chosen["tmdb_id"] == NOTLD and chosen["chosen"] is True
    assert chosen["in_library"] is True and chosen["library"]["type"] == "Movie"
    assert chosen["overview"] and chosen["backdrop_url"]
    # Kept across a restart, for everyone.
    await hass.config_entries.async_reload(hub.entry_id)
    await hass.async_block_till_done()
    answer = await act(hass, "add_to_watchlist", hass_read_only_user, tmdb_id=NOTLD,
                       media_type="movie")  # fmt: skip
    assert answer["watchlist"]
    runtime = hub.runtime_data
    assert runtime.watchlists.featured is not None
    assert runtime.watchlists.featured.tmdb_id == NOTLD
    assert runtime.watchlists.featured.set_by == hass_admin_user.id
    await act(hass, "clear_featured")  # automations may
    assert runtime.watchlists.featured is None


async def test_in_library_flags_on_lists(hass: HomeAssistant, hub: MockConfigEntry) -> None:
    page = await act(hass, "discover", list="trending_day")
    flags = {r["tmdb_id"]: r["in_library"] for r in page["results"]}
    assert flags[NOTLD] is True and flags[NOSFERATU] is False
    found = await act(hass, "search_media", query="Cisco Kid")
    assert [r["in_library"] for r in found["results"] if r["tmdb_id"] == CISCO_KID] == [True]
    # The cached TMDB answer itself is left as it was.
    again = await act(hass, "discover", list="trending_day")
    assert again == page


# --- play ------------------------------------------------------------------------------------


class RecordingPlayer(MediaPlayerEntity):
    """A media player that remembers what it was told to play."""

    _attr_state = MediaPlayerState.IDLE

    def __init__(self, name: str, features: MediaPlayerEntityFeature) -> None:
        self._attr_name = name
        self._attr_unique_id = name
        self._attr_supported_features = features
        self.played: list[tuple[str, str]] = []

    async def async_play_media(self, media_type: str, media_id: str, **kwargs: Any) -> None:
        if media_source.is_media_source_id(media_id):  # resolved here, as Cast and Kodi do
            sourced = await media_source.async_resolve_media(self.hass, media_id, self.entity_id)
            media_type = sourced.mime_type
            media_id = async_process_play_media_url(self.hass, sourced.url)
        self.played.append((media_type, media_id))
        self._attr_state = MediaPlayerState.PLAYING
        self.async_write_ha_state()


@pytest.fixture
async def players(hass: HomeAssistant) -> dict[str, RecordingPlayer]:
    made = {
        "tv": RecordingPlayer("Living room TV", MediaPlayerEntityFeature.PLAY_MEDIA),
        "speaker": RecordingPlayer("Kitchen speaker", MediaPlayerEntityFeature.VOLUME_SET),
    }

    async def setup_platform(
        hass: HomeAssistant, _config: Any, add: Any, _info: Any = None
    ) -> None:
        add(list(made.values()))

    mock_platform(hass, "test.media_player", MockPlatform(async_setup_platform=setup_platform))
    assert await async_setup_component(hass, "media_player", {"media_player": {"platform": "test"}})
    await hass.async_block_till_done()
    return made


async def test_play_on_a_media_player(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    players: dict[str, RecordingPlayer],
    hass_read_only_user: User,
    hass_client_no_auth: Any,
    jellyfin: tuple[JellyfinSimulator, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tv = players["tv"]
    # The player's own permissions apply: a read-only user may not start it (though they have a
    # Jellyfin user: the one of their name).
    await hass.auth.async_update_user(hass_read_only_user, name="family")
    with pytest.raises(Unauthorized):
        await act(hass, "play_title", hass_read_only_user,
                  entity_id="media_player.living_room_tv", tmdb_id=NOTLD, media_type="movie")  # fmt: skip
    # A player fetches the video from Home Assistant, which must know its own address.
    with monkeypatch.context() as patched:
        patched.setattr(hass.config, "api", None)  # no http server, no URL configured
        with pytest.raises(HomeAssistantError) as no_url:
            await act(hass, "play_title", entity_id="media_player.living_room_tv",
                      tmdb_id=NOTLD, media_type="movie")  # fmt: skip
    assert no_url.value.translation_key == "no_home_assistant_url"
    assert tv.played == []
    web = await hass_client_no_auth()  # Home Assistant's own HTTP server, on 127.0.0.1
    base = str(web.make_url("")).rstrip("/")
    await hass.config.async_update(internal_url=base)
    member = await hass.auth.async_create_user("Family", group_ids=["system-users"])  # family
    answer = await act(hass, "play_title", member,
                       entity_id="media_player.living_room_tv", tmdb_id=NOTLD, media_type="movie")  # fmt: skip
    assert answer["title"] == "Night of the Living Dead"
    assert answer["player"] == "Living room TV"
    ((mime, url),) = tv.played
    assert mime == "video/x-matroska"
    # Home Assistant's relay, signed for the player: the Jellyfin key is nowhere in it.
    assert url.startswith(f"{base}/api/pandora/jellyfin_stream/") and "authSig=" in url
    assert jellyfin[0].api_key not in url and jellyfin[1] not in url
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as got:
            assert got.status == 200 and got.content_type.startswith("video/")
            assert await got.read() == MOVIE_BYTES  # the real file, through Jellyfin's stream
        async with session.get(url, headers={"Range": "bytes=1000-1999"}) as got:
            assert got.status == 206  # players seek
            assert got.headers["Content-Range"] == f"bytes 1000-1999/{len(MOVIE_BYTES)}"
            assert await got.read() == MOVIE_BYTES[1000:2000]
        async with session.get(url.split("?")[0]) as got:
            assert got.status == 401  # unsigned: Home Assistant's own login applies

    # A series plays its next episode.
    answer = await act(hass, "play_title", entity_id="media_player.living_room_tv",
                       tmdb_id=CISCO_KID, media_type="tv")  # fmt: skip
    assert answer["title"].startswith("The Cisco Kid S01E01")
    assert tv.played[-1][0] == "video/mp4"

    # By Jellyfin item, as Continue watching does.
    home_item = next(iter(hub.runtime_data.jellyfin.values()))
    ref = home_item.title("movie", NOTLD)
    assert ref is not None
    await act(hass, "play_title", entity_id="media_player.living_room_tv", item_id=ref.id,
              instance=home_item.subentry.subentry_id)  # fmt: skip
    assert len(tv.played) == 3

    for data, key in (
        ({"entity_id": "media_player.kitchen_speaker", "tmdb_id": NOTLD}, "player_cannot_play"),
        ({"entity_id": "media_player.nowhere", "tmdb_id": NOTLD}, "unknown_player"),
        ({"entity_id": "media_player.living_room_tv", "tmdb_id": NOSFERATU}, "not_in_library"),
        (
            {"entity_id": "media_player.living_room_tv", "item_id": ref.id, "instance": "nope"},
            "unknown_instance",
        ),
    ):
        if "tmdb_id" in data:
            data["media_type"] = "movie"
        with pytest.raises(ServiceValidationError) as err:
            await act(hass, "play_title", **data)
        assert err.value.translation_key == key
    with pytest.raises(ServiceValidationError, match="Fill in “TMDB id” or “Jellyfin item”"):
        await act(hass, "play_title", entity_id="media_player.living_room_tv")
    assert len(tv.played) == 3


async def test_media_source(
    hass: HomeAssistant, hub: MockConfigEntry, client: JellyfinClient
) -> None:
    users = await jellyfin_user_ids(client)
    items = await client.latest_items(users["pandora"], 10)
    notld = next(i for i in items if i.name == "Night of the Living Dead")
    await client.set_user_data(users["pandora"], notld.id, position_seconds=30)
    root = await media_source.async_browse_media(hass, f"media-source://{DOMAIN}")
    assert root.children is not None
    assert [c.title for c in root.children] == [
        "Jellyfin: Continue watching",
        "Jellyfin: Recently added",
    ]
    resume = await media_source.async_browse_media(hass, root.children[0].media_content_id)
    assert resume.children is not None
    assert [c.title for c in resume.children] == ["Night of the Living Dead"]
    assert resume.children[0].can_play
    resolved = await media_source.async_resolve_media(
        hass, resume.children[0].media_content_id, None
    )
    instance = next(iter(hub.runtime_data.jellyfin))
    assert resolved.mime_type == "video/x-matroska"
    assert resolved.url == f"/api/pandora/jellyfin_stream/{instance}/{notld.id}"
    series = hub.runtime_data.jellyfin[instance].title("tv", CISCO_KID)
    assert series is not None
    for bad, key in (
        (f"nope/{notld.id}", "media_unknown_server"),
        (f"{instance}/", "media_unknown_item"),
        (f"{instance}/{series.id}", "nothing_to_play"),
        (f"{instance}/{'0' * 32}", "media_server_error"),
    ):
        with pytest.raises(media_source.Unresolvable) as err:
            await media_source.async_resolve_media(hass, f"media-source://{DOMAIN}/{bad}", None)
        assert err.value.translation_key == key, bad
    # Translated; Home Assistant drops the message's final full stop.
    with pytest.raises(BrowseError) as browse_err:
        await media_source.async_browse_media(hass, f"media-source://{DOMAIN}/{instance}/other")
    assert str(browse_err.value) == f"Pandora has no media item or folder “{instance}/other”"


async def test_episodes_in_the_rows(
    hass: HomeAssistant, hub: MockConfigEntry, client: JellyfinClient, hass_ws_client: Any
) -> None:
    users = await jellyfin_user_ids(client)
    latest = await client.latest_items(users["pandora"], 10)
    series = next(i for i in latest if i.name == "The Cisco Kid")
    episode = await client.next_up(users["pandora"], series.id)
    assert episode is not None
    await client.set_user_data(users["pandora"], episode.id, position_seconds=120)
    admin = await hass_ws_client(hass)
    home = (await command(admin, type="pandora/home"))["result"]
    (resume,) = home["continue_watching"]
    assert resume["type"] == "Episode" and resume["series_name"] == "The Cisco Kid"
    # An episode opens its series' details; its poster is the series', its still its own.
    assert resume["tmdb_id"] == CISCO_KID and resume["media_type"] == "tv"
    assert f"/{series.id}/Primary" in resume["image_url"]
    assert f"/{episode.id}/Primary" in resume["backdrop_url"]
    # A series someone is watching plays where they are.
    root = await media_source.async_browse_media(hass, f"media-source://{DOMAIN}")
    assert root.children is not None
    resume_row = await media_source.async_browse_media(hass, root.children[0].media_content_id)
    assert resume_row.children is not None
    assert [c.title for c in resume_row.children] == [f"The Cisco Kid S01E01 {episode.name}"]


async def test_without_tmdb_or_an_administrator(
    hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str], hass_ws_client: Any
) -> None:
    sim, url = jellyfin
    for user in sim.users:
        user.admin = False  # nobody to show rows for by default
    await setup_hub(hass, hub_entry(jellyfin_subentry(url, sim.api_key)))
    admin = await hass_ws_client(hass)
    home = (await command(admin, type="pandora/home"))["result"]
    assert home["featured"] is None and home["jellyfin_user"] is None
    assert (
        home["continue_watching"] == []
        and "no administrator" in home["errors"]["continue_watching"]
    )
    # Playing needs a user to play as, and the media source one to browse as.
    with pytest.raises(ServiceValidationError) as err:
        await act(
            hass, "play_title", entity_id="media_player.tv", tmdb_id=NOTLD, media_type="movie"
        )
    assert err.value.translation_key in ("unknown_player", "no_jellyfin_user")


async def test_play_refusals_from_jellyfin(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    jellyfin: tuple[JellyfinSimulator, str],
    players: dict[str, RecordingPlayer],
) -> None:
    sim, _ = jellyfin
    coordinator = next(iter(hub.runtime_data.jellyfin.values()))
    tv = "media_player.living_room_tv"
    for user in sim.users:
        user.disabled = True
    await coordinator.async_refresh()
    coordinator._index_at = 0  # read users again at the next poll
    await coordinator.async_refresh()
    with pytest.raises(ServiceValidationError) as err:
        await act(hass, "play_title", entity_id=tv, tmdb_id=NOTLD, media_type="movie")
    assert err.value.translation_key == "no_jellyfin_user"
    for user in sim.users:
        user.disabled = False
    coordinator._index_at = 0
    await coordinator.async_refresh()
    # Jellyfin failing is reported, nothing plays.
    sim.server_error_next = 1
    with pytest.raises(HomeAssistantError):
        await act(hass, "play_title", entity_id=tv, tmdb_id=NOTLD, media_type="movie")
    # A library folder is not something to play.
    library = sim.library("Movies").item_id
    with pytest.raises(ServiceValidationError) as err:
        await act(
            hass,
            "play_title",
            entity_id=tv,
            item_id=library,
            instance=coordinator.subentry.subentry_id,
        )
    assert err.value.translation_key == "nothing_to_play"
    # A series whose every episode was watched has nothing next.
    users = await coordinator.client.users()
    admin = next(u for u in users if u.is_administrator)
    series = coordinator.title("tv", CISCO_KID)
    assert series is not None
    episodes = [i for i in sim.indexed() if i.series_id == series.id]
    for episode in episodes:
        await coordinator.client.set_user_data(admin.id, episode.id, played=True)
    with pytest.raises(ServiceValidationError) as err:
        await act(hass, "play_title", entity_id=tv, tmdb_id=CISCO_KID, media_type="tv")
    assert err.value.translation_key == "nothing_to_play"
    # The media source's errors.
    instance = coordinator.subentry.subentry_id
    sim.server_error_next = 1
    with pytest.raises(Exception, match="Jellyfin"):
        await media_source.async_browse_media(hass, f"media-source://{DOMAIN}/{instance}/latest")
    assert tv  # nothing was played
    assert players["tv"].played == []


async def test_damaged_storage_is_read_around(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    from custom_components.pandora.watching.watchlists import STORAGE_KEY, Watchlists, snapshot

    hass_storage[STORAGE_KEY] = {
        "version": 1,
        "key": STORAGE_KEY,
        "data": {
            "users": {
                "u1": [{"tmdb_id": 1, "media_type": "movie"}, {"tmdb_id": "x"}, "junk"],
                "u2": "not a list",
            },
            "featured": {"tmdb_id": 5, "media_type": "book"},
        },
    }
    lists = Watchlists(hass)
    await lists.async_load()
    assert [e["tmdb_id"] for e in lists.entries("u1")] == [1]
    assert lists.entries("u2") == [] and lists.featured is None
    assert snapshot({"title": "T", "genres": [{"id": 3, "name": "Drama"}]})["genre_ids"] == [3]
    assert await lists.async_remove("u1", 1, "movie") is True
    assert lists.entries("u1") == []


async def test_diagnostics_keep_lists_private(
    hass: HomeAssistant,
    sims: Sims,
    jellyfin: tuple[JellyfinSimulator, str],
    hass_client: Any,
    hass_admin_user: User,
) -> None:
    from pytest_homeassistant_custom_component.components.diagnostics import (
        get_diagnostics_for_config_entry,
    )

    sim, url = jellyfin
    mapping = {hass_admin_user.id: "f" * 32}
    hub = await setup_hub(
        hass, hub_entry(tmdb_subentry(sims), jellyfin_subentry(url, sim.api_key, mapping))
    )
    await act(hass, "add_to_watchlist", hass_admin_user, tmdb_id=NOTLD, media_type="movie")
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, hub)
    assert diagnostics["watchlists"] == {"lists": 1, "titles": 1, "featured": False}
    assert list(diagnostics["library_titles"].values()) == [2]
    jellyfin_data = next(s["data"] for s in diagnostics["services"] if "users" in s["data"])
    assert jellyfin_data["users"] == "**REDACTED**"
    assert hass_admin_user.id not in str(diagnostics)
