"""What Jellyfin users watch: the client against the simulator over real HTTP on 127.0.0.1.

Users, progress (set, resumed, isolated per user), recently added with episodes grouped as
their series, next up, single items, artwork, static streams and web links; then the models'
defensive parsing and the simulator's own routes (obsolete forms, errors, CLI).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
import json
import os
from pathlib import Path
import sys
from typing import Any

import aiohttp
from aiohttp import web
import pytest

from custom_components.pandora.api import jellyfin as jellyfin_api
from custom_components.pandora.api.errors import CannotConnect, InvalidAuth, NotFound, ParseError
from custom_components.pandora.api.jellyfin import JellyfinClient
from custom_components.pandora.api.jellyfin_models import (
    JellyfinUser,
    UserItem,
    parse_user_items,
    parse_users,
)
from devtools.simulators import jellyfin as jellyfin_sim
from devtools.simulators.jellyfin import (
    DEFAULT_API_KEY,
    DEFAULT_USER_TOKEN,
    TICKS,
    JellyfinSimulator,
    SimItem,
    guid_n,
    start,
)

BASE = 1_700_000_000  # mtimes below are BASE + n seconds
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4 + b"\xff\xd9"
VIDEO = bytes(range(256)) * 1024  # 256 KiB the stream must return byte for byte
NOTLD = "Night of the Living Dead (1968) [tmdbid-900001]"
UNKNOWN = "0123456789abcdef0123456789abcdef"


def _put(path: Path, body: bytes = b"", mtime: int | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    if mtime is not None:
        os.utime(path, (BASE + mtime, BASE + mtime))
    return path


def _age(path: Path, mtime: int) -> None:
    os.utime(path, (BASE + mtime, BASE + mtime))


def media(root: Path) -> dict[str, Path]:
    """Three movies and two shows with known ages (DateCreated is the mtime)."""
    movies, shows = root / "movies", root / "shows"
    notld = movies / NOTLD
    _put(notld / "Night.of.the.Living.Dead.1968.1080p.mkv", b"notld")
    _put(notld / "poster.jpg", JPEG)
    _put(notld / "fanart.png", b"\x89PNG\r\n\x1a\nfanart")
    _put(movies / "Nosferatu (1922)" / "Nosferatu.mp4", VIDEO)
    _put(movies / "Metropolis.1927.720p.WEB.x264.mp4", b"metropolis", mtime=300)
    _put(movies / "Metropolis.1927.720p.WEB.x264-poster.webp", b"RIFFwebp")
    dragnet = shows / "Dragnet (1951) [tmdbid-960001] [tvdbid-70001]"
    for number, mtime in ((1, 400), (2, 500), (3, 600)):
        _put(dragnet / "Season 01" / f"Dragnet S01E0{number}.mkv", b"dragnet", mtime=mtime)
    _put(dragnet / "Specials" / "Dragnet S00E01.mkv", b"special", mtime=10)
    bonanza = shows / "Bonanza (1959)"
    _put(bonanza / "Season 01" / "Bonanza - 1x01.avi", b"bonanza", mtime=700)
    # Folders last: writing into them moved their mtimes.
    _age(notld, 100)
    _age(movies / "Nosferatu (1922)", 200)
    _age(dragnet, 50)
    _age(bonanza, 60)
    return {"movies": movies, "shows": shows, "dragnet": dragnet}


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def folders(tmp_path: Path) -> dict[str, Path]:
    return media(tmp_path)


@pytest.fixture
async def sim(folders: dict[str, Path]) -> AsyncIterator[tuple[JellyfinSimulator, int]]:
    simulator = JellyfinSimulator(
        libraries=[
            ("Movies", "movies", folders["movies"]),
            ("Shows", "tvshows", folders["shows"]),
        ]
    )
    runner, port = await start(simulator)
    try:
        yield simulator, port
    finally:
        await runner.cleanup()


def _client(
    session: aiohttp.ClientSession, port: int, key: str = DEFAULT_API_KEY
) -> JellyfinClient:
    return JellyfinClient(f"http://127.0.0.1:{port}/", key, session)


@pytest.fixture
def client(sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession) -> JellyfinClient:
    return _client(session, sim[1])


def _ids(simulator: JellyfinSimulator) -> dict[str, str]:
    """Ids by short name: users and the items the tests use."""
    episodes = {i.name: i.id for i in simulator.indexed() if i.type == "Episode"}
    return {
        "pandora": simulator.user("pandora").id,
        "family": simulator.user("family").id,
        "notld": simulator.find("Night of the Living Dead").id,
        "nosferatu": simulator.find("Nosferatu").id,
        "metropolis": simulator.find("Metropolis").id,
        "dragnet": simulator.find("Dragnet", "Series").id,
        "bonanza": simulator.find("Bonanza", "Series").id,
        "e1": episodes["Dragnet S01E01"],
        "e2": episodes["Dragnet S01E02"],
        "e3": episodes["Dragnet S01E03"],
        "special": episodes["Dragnet S00E01"],
        "bonanza1": episodes["Bonanza - 1x01"],
    }


async def _raw(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    *,
    auth: str | None = DEFAULT_API_KEY,
    **kw: Any,
) -> tuple[int, Any]:
    headers = {"Authorization": f'MediaBrowser Token="{auth}"'} if auth else {}
    async with session.request(method, url, headers=headers, **kw) as resp:
        raw = await resp.read()
        try:
            return resp.status, json.loads(raw)
        except ValueError:
            return resp.status, raw.decode(errors="replace")


# --- users ----------------------------------------------------------------------------------


async def test_users(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    users = await client.users()
    assert users == [
        JellyfinUser(guid_n("user:family"), "family", False, False),
        JellyfinUser(guid_n("user:pandora"), "pandora", True, False),
    ]
    simulator.add_user("grandpa")
    simulator.user("grandpa").disabled = True
    with pytest.raises(ValueError, match="already exists"):
        simulator.add_user("Grandpa", admin=True)
    assert [(u.name, u.is_disabled) for u in await client.users()][:2] == [
        ("family", False),
        ("grandpa", True),
    ]
    # 10.11's GET /Users is [Authorize] only: a plain user's token lists the users too.
    assert len(await _client(session, port, DEFAULT_USER_TOKEN).users()) == 3
    base = f"http://127.0.0.1:{port}"
    status, enabled = await _raw(session, "GET", f"{base}/Users", params={"isDisabled": "false"})
    assert [u["Name"] for u in enabled] == ["family", "pandora"]
    status, one = await _raw(session, "GET", f"{base}/Users/{guid_n('user:pandora')}")
    assert (status, one["Name"], one["Policy"]["IsAdministrator"]) == (200, "pandora", True)
    assert await _raw(session, "GET", f"{base}/Users/{UNKNOWN}") == (404, "User not found")
    assert (await _raw(session, "GET", f"{base}/Users/nope"))[0] == 400
    assert (await _raw(session, "GET", f"{base}/Users", auth=None))[0] == 401


# --- progress and "continue watching" -------------------------------------------------------


async def test_resume_follows_progress(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int]
) -> None:
    simulator, _ = sim
    ids = _ids(simulator)
    pandora = ids["pandora"]
    assert await client.resume_items(pandora) == []
    await client.set_user_data(pandora, ids["notld"], position_seconds=600)
    await client.set_user_data(pandora, ids["nosferatu"], position_seconds=1200.5)
    resumed = await client.resume_items(pandora)
    assert [i.name for i in resumed] == ["Nosferatu", "Night of the Living Dead"]  # last first
    nosferatu = resumed[0]
    runtime = simulator.find("Nosferatu").runtime_ticks
    assert runtime is not None and 85 * 60 <= runtime / TICKS < 150 * 60
    assert nosferatu.runtime_seconds == runtime / TICKS
    assert nosferatu.position_seconds == 1200.5
    assert nosferatu.progress == pytest.approx(1200.5 / (runtime / TICKS) * 100)
    assert nosferatu.played_percentage == nosferatu.progress
    assert not nosferatu.played
    assert nosferatu.last_played is not None
    assert abs((datetime.now(UTC) - nosferatu.last_played).total_seconds()) < 60
    assert nosferatu.date_created == datetime.fromtimestamp(BASE + 200, UTC)
    assert nosferatu.overview and "Nosferatu" in nosferatu.overview
    assert nosferatu.container == "mp4"
    assert nosferatu.path and nosferatu.path.endswith("Nosferatu (1922)")
    assert set(nosferatu.image_tags) == {"Primary", "Backdrop"}
    notld = resumed[1]
    assert (notld.tmdb_id(), notld.provider_ids) == (900001, {"Tmdb": "900001"})
    # The limit, and an episode with its series.
    await client.set_user_data(pandora, ids["e2"], position_seconds=60)
    assert [i.name for i in await client.resume_items(pandora, limit=1)] == ["Dragnet S01E02"]
    (episode,) = [i for i in await client.resume_items(pandora) if i.type == "Episode"]
    assert (episode.series_name, episode.season, episode.episode) == ("Dragnet", 1, 2)
    assert episode.series_id == ids["dragnet"]
    assert episode.series_primary_image_tag is not None
    assert episode.container == "mkv"
    # Watched: off the row (played alone also clears the position, as "mark played" does).
    await client.set_user_data(pandora, ids["nosferatu"], played=True)
    assert [i.name for i in await client.resume_items(pandora)] == [
        "Dragnet S01E02",
        "Night of the Living Dead",
    ]
    watched = await client.user_item(pandora, ids["nosferatu"])
    assert (watched.played, watched.position_seconds, watched.progress) == (True, 0.0, 0.0)
    # Unmarking keeps the date; a position and played=False together resume it.
    before = simulator.user_data(pandora, ids["nosferatu"]).last_played
    await client.set_user_data(pandora, ids["nosferatu"], played=False)
    assert simulator.user_data(pandora, ids["nosferatu"]).last_played == before
    await client.set_user_data(pandora, ids["nosferatu"], position_seconds=30, played=False)
    assert (await client.resume_items(pandora))[0].name == "Nosferatu"
    # A position of 0 with played=True: finished.
    await client.set_user_data(pandora, ids["e2"], position_seconds=0, played=True)
    assert ids["e2"] not in {i.id for i in await client.resume_items(pandora)}


async def test_progress_is_per_user(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    ids = _ids(simulator)
    await client.set_user_data(ids["pandora"], ids["notld"], position_seconds=900)
    assert [i.name for i in await client.resume_items(ids["pandora"])] == [
        "Night of the Living Dead"
    ]
    assert await client.resume_items(ids["family"]) == []
    assert (await client.user_item(ids["family"], ids["notld"])).position_seconds == 0
    # A plain user's token reads and writes its own user, and nobody else's.
    family = _client(session, port, DEFAULT_USER_TOKEN)
    await family.set_user_data(ids["family"], ids["metropolis"], position_seconds=42)
    assert [i.name for i in await family.resume_items(ids["family"])] == ["Metropolis"]
    with pytest.raises(InvalidAuth, match="HTTP 403"):
        await family.resume_items(ids["pandora"])
    with pytest.raises(InvalidAuth):
        await family.set_user_data(ids["pandora"], ids["notld"], played=True)
    assert [i.name for i in await client.resume_items(ids["pandora"])] == [
        "Night of the Living Dead"
    ]
    # An unknown user is a 404, as GetUserById answers.
    with pytest.raises(NotFound):
        await client.resume_items(UNKNOWN)
    with pytest.raises(NotFound):
        await client.set_user_data(UNKNOWN, ids["notld"], position_seconds=1)


async def test_set_user_data_checks_its_arguments(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int]
) -> None:
    simulator, _ = sim
    ids = _ids(simulator)
    for wrong in (-1.0, float("nan"), float("inf"), True):
        with pytest.raises(ValueError, match="position_seconds"):
            await client.set_user_data(ids["pandora"], ids["notld"], position_seconds=wrong)
    with pytest.raises(ValueError, match="nothing to save"):
        await client.set_user_data(ids["pandora"], ids["notld"])
    with pytest.raises(NotFound):
        await client.set_user_data(ids["pandora"], UNKNOWN, played=True)
    # Ids that cannot exist are refused before any request (and nothing reaches the path).
    for user, item in (("../System/Info", ids["notld"]), (ids["pandora"], "x/../../Users")):
        with pytest.raises(NotFound, match="not an id"):
            await client.set_user_data(user, item, played=True)
    assert not any("UserData" in path for path in simulator.requests if "Users" in path)
    data = simulator.user_data(ids["pandora"], ids["notld"])
    assert (data.played, data.position_ticks) == (False, 0)


# --- recently added -------------------------------------------------------------------------


async def test_latest_groups_episodes_as_their_series(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int]
) -> None:
    simulator, _ = sim
    ids = _ids(simulator)
    latest = await client.latest_items(ids["pandora"])
    assert [(i.type, i.name, i.child_count) for i in latest] == [
        ("Episode", "Bonanza - 1x01", 0),  # the only new episode of its series: itself
        ("Series", "Dragnet", 4),  # several: the series, with how many
        ("Movie", "Metropolis", 0),
        ("Movie", "Nosferatu", 0),
        ("Movie", "Night of the Living Dead", 0),
    ]
    dragnet = latest[1]
    assert dragnet.date_created == datetime.fromtimestamp(BASE + 50, UTC)
    assert dragnet.provider_ids == {"Tmdb": "960001", "Tvdb": "70001"}
    assert dragnet.image_tags.keys() == {"Primary", "Backdrop"}
    # GetLatestItems stops as soon as Limit entries exist: the last group holds one episode,
    # so it comes back as that episode (Jellyfin's own behaviour).
    assert [i.name for i in await client.latest_items(ids["pandora"], limit=2)] == [
        "Bonanza - 1x01",
        "Dragnet S01E03",
    ]
    # Played items leave the row (HidePlayedInLatest is on by default).
    await client.set_user_data(ids["pandora"], ids["bonanza1"], played=True)
    await client.set_user_data(ids["pandora"], ids["e3"], played=True)
    latest = await client.latest_items(ids["pandora"])
    assert [(i.name, i.child_count) for i in latest[:2]] == [("Dragnet", 3), ("Metropolis", 0)]
    # ... for that user only.
    family = await client.latest_items(ids["family"])
    assert [i.name for i in family[:2]] == ["Bonanza - 1x01", "Dragnet"]


async def test_simulator_latest_options(
    sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    ids = _ids(simulator)
    base = f"http://127.0.0.1:{port}"
    pandora = {"userId": ids["pandora"]}

    async def latest(path: str = "/Items/Latest", **params: str) -> list[str]:
        status, body = await _raw(session, "GET", base + path, params=params)
        assert status == 200, body
        return [entry["Name"] for entry in body]

    assert (await latest(**pandora, groupItems="false"))[:4] == [
        "Bonanza - 1x01",
        "Dragnet S01E03",
        "Dragnet S01E02",
        "Dragnet S01E01",
    ]
    shows = simulator.library("Shows").item_id
    assert await latest(**pandora, parentId=shows) == ["Bonanza - 1x01", "Dragnet"]
    assert await latest(**pandora, parentId=ids["dragnet"], groupItems="false") == [
        "Dragnet S01E03",
        "Dragnet S01E02",
        "Dragnet S01E01",
        "Dragnet S00E01",
    ]
    assert await latest(**pandora, includeItemTypes="Series") == ["Bonanza", "Dragnet"]
    simulator.user_data(ids["pandora"], ids["metropolis"]).played = True
    assert "Metropolis" not in await latest(**pandora)
    assert "Metropolis" in await latest(**pandora, isPlayed="true")
    assert await latest(f"/Users/{ids['pandora']}/Items/Latest", limit="1") == ["Bonanza - 1x01"]
    status, _ = await _raw(session, "GET", f"{base}/Items/Latest")
    assert status == 404  # the API key has no user of its own


# --- next up --------------------------------------------------------------------------------


async def test_next_up(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    ids = _ids(simulator)
    pandora = ids["pandora"]
    first = await client.next_up(pandora, ids["dragnet"])
    assert first is not None
    assert (first.name, first.series_id) == ("Dragnet S01E01", ids["dragnet"])  # no special
    await client.set_user_data(pandora, ids["e1"], played=True)
    second = await client.next_up(pandora, ids["dragnet"])
    assert second is not None and second.name == "Dragnet S01E02"
    # An id that is no series: Jellyfin answers every series' next episode; the client
    # returns only an episode of the series asked for.
    base = f"http://127.0.0.1:{port}"
    status, body = await _raw(
        session, "GET", f"{base}/Shows/NextUp", params={"userId": pandora, "seriesId": UNKNOWN}
    )
    assert [i["Name"] for i in body["Items"]] == ["Dragnet S01E02"]
    assert await client.next_up(pandora, ids["notld"]) is None
    assert await client.next_up(pandora, ids["bonanza"]) is not None  # never played: first
    # Half watched: still the one to play (enableResumable is on by default).
    await client.set_user_data(pandora, ids["e2"], position_seconds=300)
    resumable = await client.next_up(pandora, ids["dragnet"])
    assert resumable is not None and resumable.position_seconds == 300
    status, body = await _raw(
        session,
        "GET",
        f"{base}/Shows/NextUp",
        params={"userId": pandora, "seriesId": ids["dragnet"], "enableResumable": "false"},
    )
    assert (status, body["Items"]) == (200, [])
    await client.set_user_data(pandora, ids["e2"], played=True)
    await client.set_user_data(pandora, ids["e3"], played=True)
    assert await client.next_up(pandora, ids["dragnet"]) is None  # finished
    assert await client.next_up(ids["family"], ids["dragnet"]) is not None  # not for family
    with pytest.raises(NotFound):
        await client.next_up(UNKNOWN, ids["dragnet"])
    with pytest.raises(NotFound):
        await client.next_up(pandora, "not an id")


async def test_simulator_next_up_lists(
    sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    ids = _ids(simulator)
    pandora = simulator.user("pandora")

    async def next_up(**params: str) -> list[str]:
        status, body = await _raw(
            session,
            "GET",
            f"http://127.0.0.1:{port}/Shows/NextUp",
            params={"userId": pandora.id} | params,
        )
        assert status == 200, body
        return [i["Name"] for i in body["Items"]]

    assert await next_up() == []  # nothing played yet
    for item, when in ((ids["e1"], 1), (ids["bonanza1"], 2)):
        data = simulator.user_data(pandora, item)
        data.played, data.last_played = True, datetime(2025, 1, when, tzinfo=UTC)
    # Bonanza was played last, but it has nothing left; Dragnet goes on with E02.
    assert await next_up() == ["Dragnet S01E02"]
    simulator.user_data(pandora, ids["e2"]).last_played = None
    simulator.user_data(pandora, ids["e2"]).played = True
    assert await next_up(disableFirstEpisode="true") == ["Dragnet S01E03"]
    assert await next_up(parentId=simulator.library("Movies").item_id) == []
    never = simulator.user_data(pandora, ids["e1"])
    never.last_played = None  # played without a date: Jellyfin still counts it
    assert await next_up(seriesId=ids["dragnet"]) == ["Dragnet S01E03"]


# --- single items ---------------------------------------------------------------------------


async def test_user_item(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    ids = _ids(simulator)
    notld = await client.user_item(ids["pandora"], ids["notld"])
    # GET /Items/{id} sends every field: DateCreated, Overview, Path, ProviderIds.
    assert notld.date_created == datetime.fromtimestamp(BASE + 100, UTC)
    assert notld.overview is not None
    assert notld.path is not None and notld.path.endswith(NOTLD)
    assert (notld.type, notld.year, notld.tmdb_id()) == ("Movie", 1968, 900001)
    assert (notld.position_seconds, notld.played, notld.last_played) == (0.0, False, None)
    assert notld.container == "mkv"
    series = await client.user_item(ids["pandora"], ids["dragnet"])
    assert (series.type, series.runtime_seconds, series.progress, series.container) == (
        "Series",
        None,
        None,
        None,
    )
    await client.set_user_data(ids["pandora"], ids["e1"], played=True)
    await client.set_user_data(ids["pandora"], ids["e2"], played=True)
    series = await client.user_item(ids["pandora"], ids["dragnet"])
    assert series.played_percentage == pytest.approx(50.0)  # 2 of 4 episodes
    assert not series.played
    library = simulator.library("Movies").item_id
    assert (await client.user_item(ids["pandora"], library)).type == "CollectionFolder"
    dashed = f"{ids['notld'][:8]}-{ids['notld'][8:12]}-{ids['notld'][12:16]}-"
    dashed += f"{ids['notld'][16:20]}-{ids['notld'][20:]}"
    assert (await client.user_item(ids["pandora"], dashed.upper())).id == ids["notld"]
    with pytest.raises(NotFound, match="does not know"):
        await client.user_item(ids["pandora"], UNKNOWN)
    with pytest.raises(NotFound):
        await client.user_item(UNKNOWN, ids["notld"])
    with pytest.raises(NotFound, match="not an id"):
        await client.user_item(ids["pandora"], "")
    # The obsolete form, and a plain user's token reading its own user without a userId.
    base = f"http://127.0.0.1:{port}"
    status, body = await _raw(session, "GET", f"{base}/Users/{ids['family']}/Items/{ids['e1']}")
    assert (status, body["UserData"]["Played"]) == (200, False)
    status, body = await _raw(session, "GET", f"{base}/Items/{ids['e1']}", auth=DEFAULT_USER_TOKEN)
    assert body["UserData"]["Key"] == "70001001001"  # the series' TVDB id + season + episode
    status, body = await _raw(session, "GET", f"{base}/Items/{ids['e1']}")
    assert status == 404  # the API key has no user of its own
    status, body = await _raw(session, "GET", f"{base}/Items/x", params={"userId": ids["family"]})
    assert status == 400


# --- images ---------------------------------------------------------------------------------


async def test_images(
    client: JellyfinClient,
    sim: tuple[JellyfinSimulator, int],
    session: aiohttp.ClientSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    simulator, port = sim
    ids = _ids(simulator)
    # A local poster is served as it is, with its own content type.
    assert await client.image(ids["notld"]) == (JPEG, "image/jpeg")
    body, kind = await client.image(ids["notld"], "backdrop", 1280)
    assert (body, kind) == (b"\x89PNG\r\n\x1a\nfanart", "image/png")
    assert await client.image(ids["metropolis"]) == (b"RIFFwebp", "image/webp")
    # No artwork on disk: a placeholder with the item's name.
    body, kind = await client.image(ids["nosferatu"], max_width=200)
    assert kind == "image/svg+xml"
    assert b">Nosferatu</text>" in body
    assert b'width="200" height="300"' in body
    body, kind = await client.image(ids["dragnet"], "Backdrop")
    assert (kind, b'width="500"' in body) == ("image/svg+xml", True)
    assert b"Dragnet" in (await client.image(ids["e1"]))[0]
    # Tags follow the files: a new poster, a new tag.
    before = (await client.user_item(ids["pandora"], ids["nosferatu"])).image_tags["Primary"]
    _put(Path(simulator.find("Nosferatu").path) / "folder.jpg", JPEG)
    after = (await client.user_item(ids["pandora"], ids["nosferatu"])).image_tags["Primary"]
    assert before != after
    assert await client.image(ids["nosferatu"]) == (JPEG, "image/jpeg")
    for item, image_type in ((ids["e1"], "Backdrop"), (UNKNOWN, "Primary"), (ids["notld"], "Logo")):
        with pytest.raises(NotFound):
            await client.image(item, image_type)
    with pytest.raises(ValueError, match="image_type"):
        await client.image(ids["notld"], "Poster")
    for width in (0, True):
        with pytest.raises(ValueError, match="max_width"):
            await client.image(ids["notld"], max_width=width)
    monkeypatch.setattr(jellyfin_api, "IMAGE_MAX_BYTES", 100)
    with pytest.raises(ParseError, match="more than 100 bytes"):
        await client.image(ids["notld"])
    # Anonymous, as in 10.11; by index; an unknown type is a 400.
    base = f"http://127.0.0.1:{port}/Items/{ids['notld']}/Images"
    assert (await _raw(session, "GET", f"{base}/Primary", auth=None))[0] == 200
    assert (await _raw(session, "GET", f"{base}/Backdrop/0", auth=None))[0] == 200
    status, text = await _raw(session, "GET", f"{base}/Backdrop/1", auth=None)
    assert (status, text) == (
        404,
        "Night of the Living Dead does not have an image of type Backdrop",
    )
    assert (await _raw(session, "GET", f"{base}/Poster", auth=None))[0] == 400


async def test_image_that_is_no_image(session: aiohttp.ClientSession) -> None:
    """A proxy's login page answered 200 instead of the image."""

    async def login(_request: web.Request) -> web.Response:
        return web.Response(text="<html>sign in</html>", content_type="text/html")

    async def bare(_request: web.Request) -> web.Response:
        return web.Response(body=b"\x00\x01")

    app = web.Application()
    app.router.add_get(f"/Items/{UNKNOWN}/Images/Primary", login)
    app.router.add_get(f"/Items/{UNKNOWN}/Images/Thumb", bare)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        client = _client(session, int(runner.addresses[0][1]))
        with pytest.raises(ParseError, match="sent text/html instead of an image"):
            await client.image(UNKNOWN)
        with pytest.raises(ParseError, match="application/octet-stream instead"):
            await client.image(UNKNOWN, "Thumb")
    finally:
        await runner.cleanup()


# --- streams and links ----------------------------------------------------------------------


async def test_stream_relays_the_file(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    ids = _ids(simulator)
    simulator.stream_auth = True  # a server (or proxy) that wants the key gets it, in a header
    async with client.stream(ids["nosferatu"], "mp4") as resp:
        assert resp.status == 200 and resp.headers["Accept-Ranges"] == "bytes"
        assert str(resp.url) == (
            f"http://127.0.0.1:{port}/Videos/{ids['nosferatu']}/stream.mp4?static=true"
        )
        assert await resp.read() == VIDEO
    async with client.stream(ids["nosferatu"], byte_range="bytes=1000-1999") as resp:
        assert resp.status == 206
        assert resp.headers["Content-Range"] == f"bytes 1000-1999/{len(VIDEO)}"
        assert await resp.read() == VIDEO[1000:2000]
    async with client.stream(ids["nosferatu"], byte_range=f"bytes={len(VIDEO)}-") as resp:
        assert resp.status == 416  # past the end: the player is told, nothing is raised
    async with client.stream(ids["e1"], "mov,mp4,m4a") as resp:
        assert resp.url.path.endswith("/stream.mp4") and await resp.read() == b"dragnet"
    # A series has no file, an unknown item is a 404; a bad key is refused; never the key shown.
    for missing in (ids["dragnet"], UNKNOWN):
        with pytest.raises(NotFound):
            async with client.stream(missing):
                pass
    with pytest.raises(NotFound, match="not an id"):
        async with client.stream("../../System/Info"):
            pass
    with pytest.raises(InvalidAuth) as refused:
        async with _client(session, port, "wrong-key").stream(ids["nosferatu"]):
            pass
    assert "wrong-key" not in str(refused.value)
    # Transcoding is not simulated: the relay only ever asks for the static file.
    static = f"http://127.0.0.1:{port}/Videos/{ids['nosferatu']}/stream?static=false"
    assert (await _raw(session, "GET", static))[0] == 400


async def _slow_server() -> tuple[web.AppRunner, int]:
    """A server that takes longer to answer than the client waits."""
    sim = JellyfinSimulator()
    sim.delay = 5.0
    return await start(sim)


async def test_stream_without_the_server(session: aiohttp.ClientSession) -> None:
    gone = JellyfinClient("http://127.0.0.1:9/", "secret-key", session, request_timeout=2)
    with pytest.raises(CannotConnect) as err:
        async with gone.stream(UNKNOWN):
            pass
    assert "secret-key" not in str(err.value)
    slow, port = await _slow_server()
    try:
        late = JellyfinClient(
            f"http://127.0.0.1:{port}/", "secret-key", session, request_timeout=0.2
        )
        with pytest.raises(CannotConnect, match="Timed out") as err:
            async with late.stream(UNKNOWN):
                pass
        assert "secret-key" not in str(err.value)
    finally:
        await slow.cleanup()
    await session.close()
    with pytest.raises(CannotConnect, match="closed"):
        async with gone.stream(UNKNOWN):
            pass


async def test_web_url(client: JellyfinClient, sim: tuple[JellyfinSimulator, int]) -> None:
    simulator, port = sim
    item = simulator.find("Nosferatu").id
    info = await client.system_info()
    assert client.web_url(item, info.id) == (
        f"http://127.0.0.1:{port}/web/#/details?id={item}&serverId={simulator.server_id}"
    )
    assert client.web_url(item, info.id, " https://jf.example.org/ ") == (
        f"https://jf.example.org/web/#/details?id={item}&serverId={simulator.server_id}"
    )
    assert client.web_url("a&b", "") == f"http://127.0.0.1:{port}/web/#/details?id=a%26b&serverId="


# --- wrong answers --------------------------------------------------------------------------


async def test_wrong_shapes_are_parse_errors(session: aiohttp.ClientSession) -> None:
    answers: dict[str, object] = {
        "/Users": {"Items": []},
        "/UserItems/Resume": {"Items": {"Id": "x"}},
        "/Items/Latest": {"TotalRecordCount": 1},
        f"/Items/{UNKNOWN}": [],
        "/Shows/NextUp": "nothing",
    }

    async def answer(request: web.Request) -> web.Response:
        return web.json_response(answers[request.path])

    app = web.Application()
    for path in answers:
        app.router.add_get(path, answer)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        client = _client(session, int(runner.addresses[0][1]))
        with pytest.raises(ParseError, match="users answer is not a list"):
            await client.users()
        for call in (client.resume_items(UNKNOWN), client.latest_items(UNKNOWN)):
            with pytest.raises(ParseError, match="items answer is not a list"):
                await call
        with pytest.raises(ParseError, match="item is not a JSON object"):
            await client.user_item(UNKNOWN, UNKNOWN)
        with pytest.raises(ParseError):
            await client.next_up(UNKNOWN, UNKNOWN)
    finally:
        await runner.cleanup()


# --- models ---------------------------------------------------------------------------------


def test_user_models_parse_defensively() -> None:
    assert parse_users(
        [
            None,
            {"Name": "no id"},
            {"Id": "a", "Name": 5, "Policy": "admin"},
            {"Id": "b", "Name": "Bob", "Policy": {"IsAdministrator": "yes", "IsDisabled": True}},
        ]
    ) == [JellyfinUser("a", "", False, False), JellyfinUser("b", "Bob", False, True)]
    wrong: object
    for wrong in (None, {}, "users"):
        with pytest.raises(ParseError):
            parse_users(wrong)


def test_user_item_parses_defensively() -> None:
    wrong: object
    bare = UserItem.from_dict({"Id": "x"})
    assert bare == UserItem(
        "x", "", "", None, None, None, None, None, None, None, 0.0, None, False, None, None,
        {}, {}, None, None, None, None,
    )  # fmt: skip
    assert (bare.progress, bare.tmdb_id()) == (None, None)
    hash(bare)  # usable in sets despite the mappings
    odd = UserItem.from_dict(
        {
            "Id": "y",
            "Name": ["x"],
            "ProductionYear": "1968",
            "RunTimeTicks": 0,
            "UserData": {
                "PlaybackPositionTicks": -5,
                "PlayedPercentage": True,
                "Played": "true",
                "LastPlayedDate": "0001-01-01T00:00:00.0000000Z",
            },
            "ProviderIds": {"TMDB": "09", "Imdb": 7, "Tvdb": None},
            "ImageTags": {"Primary": "p", "Thumb": "", "Logo": 3},
            "BackdropImageTags": ["", "b2"],
            "ChildCount": True,
            "DateCreated": "yesterday",
        }
    )
    assert (odd.name, odd.year, odd.runtime_seconds, odd.position_seconds) == ("", None, None, 0.0)
    assert (odd.played_percentage, odd.played, odd.last_played) == (None, False, None)
    assert (odd.child_count, odd.date_created) == (None, None)
    assert odd.provider_ids == {"TMDB": "09", "Imdb": "7"}
    assert odd.image_tags == {"Primary": "p"}
    assert odd.tmdb_id() == 9
    assert (
        UserItem.from_dict({"Id": "z", "UserData": [], "BackdropImageTags": "b"}).image_tags == {}
    )
    assert UserItem.from_dict({"Id": "z", "BackdropImageTags": ["b"]}).image_tags == {
        "Backdrop": "b"
    }
    assert UserItem.from_dict({"Id": "z", "ProviderIds": {"Tmdb": "tt1"}}).tmdb_id() is None
    assert UserItem.from_dict({"Id": "z", "ProviderIds": {"Imdb": "tt1"}}).tmdb_id() is None
    # Progress: the server's percentage first (clamped), else position / runtime.
    hour = 3600 * TICKS
    halfway = UserItem.from_dict(
        {"Id": "z", "RunTimeTicks": hour, "UserData": {"PlaybackPositionTicks": hour // 2}}
    )
    assert (halfway.runtime_seconds, halfway.position_seconds, halfway.progress) == (
        3600.0,
        1800.0,
        50.0,
    )
    over = {"Id": "z", "RunTimeTicks": hour, "UserData": {"PlaybackPositionTicks": 2 * hour}}
    assert UserItem.from_dict(over).progress == 100.0
    assert UserItem.from_dict({"Id": "z", "UserData": {"PlayedPercentage": 120}}).progress == 100
    assert UserItem.from_dict({"Id": "z", "UserData": {"PlayedPercentage": -3}}).progress == 0
    for wrong in (None, [], {"Name": "no id"}, "x"):
        with pytest.raises(ParseError):
            UserItem.from_dict(wrong)
    assert [i.id for i in parse_user_items([{"Id": "a"}, {"Name": "b"}, 3])] == ["a"]
    assert [i.id for i in parse_user_items({"Items": [{"Id": "a"}], "Total": 1})] == ["a"]
    for wrong in (None, 3, {"Items": None}):
        with pytest.raises(ParseError):
            parse_user_items(wrong)


# --- the simulator's own routes -------------------------------------------------------------


async def test_simulator_user_data_routes(
    sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    ids = _ids(simulator)
    base = f"http://127.0.0.1:{port}"
    family = {"userId": ids["family"]}
    url = f"{base}/UserItems/{ids['notld']}/UserData"
    status, body = await _raw(session, "GET", url, params=family)
    assert (status, body["Played"], body["Key"], body["ItemId"]) == (
        200,
        False,
        "900001",
        ids["notld"],
    )
    update = {
        "playbackPositionTicks": 10 * 60 * TICKS,  # property names in any case, like .NET
        "PlayCount": 2,
        "IsFavorite": True,
        "Likes": False,
        "Rating": 7.5,
        "LastPlayedDate": "2025-11-23T10:00:01.1234567Z",
        "Played": None,  # null: left alone
    }
    status, body = await _raw(session, "POST", url, params=family, json=update)
    assert status == 200
    assert body["PlaybackPositionTicks"] == 10 * 60 * TICKS
    assert (body["PlayCount"], body["IsFavorite"], body["Likes"], body["Rating"]) == (
        2,
        True,
        False,
        7.5,
    )
    assert body["LastPlayedDate"] == "2025-11-23T10:00:01.1234560Z"
    assert 0 < body["PlayedPercentage"] < 20
    for wrong in ({"Played": "yes"}, {"PlayCount": True}, {"LastPlayedDate": "soon"}, [1]):
        assert (await _raw(session, "POST", url, params=family, json=wrong))[0] == 400
    assert (await _raw(session, "POST", url, params=family, data=b"{"))[0] == 400
    assert (await _raw(session, "POST", url, params=family, json={"Rating": "x"}))[0] == 400
    # The obsolete form; another user's data needs the API key; an unknown item is a 404.
    legacy = f"{base}/Users/{ids['family']}/Items/{ids['notld']}/UserData"
    status, body = await _raw(session, "POST", legacy, json={"Played": True})
    assert (status, body["Played"], body["PlayCount"]) == (200, True, 2)
    status, body = await _raw(
        session, "GET", url, params={"userId": ids["pandora"]}, auth=DEFAULT_USER_TOKEN
    )
    assert (status, body) == (403, "Forbidden")
    missing = f"{base}/UserItems/{UNKNOWN}/UserData"
    assert (await _raw(session, "GET", missing, params=family))[0] == 404
    # Marking played and unplayed (a series: all its episodes).
    played = f"{base}/UserPlayedItems/{ids['dragnet']}"
    status, body = await _raw(
        session, "POST", played, params=family | {"datePlayed": "2025-01-02T03:04:05"}
    )
    assert (status, body["Played"], body["UnplayedItemCount"]) == (200, True, 0)
    e1 = simulator.user_data(ids["family"], ids["e1"])
    assert (e1.played, e1.play_count, e1.last_played) == (
        True,
        1,
        datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
    )
    assert (await _raw(session, "POST", played, params=family | {"datePlayed": "x"}))[0] == 400
    status, body = await _raw(
        session, "DELETE", f"{base}/Users/{ids['family']}/PlayedItems/{ids['e1']}"
    )
    assert (status, body["Played"], body["PlayCount"]) == (200, False, 0)
    status, body = await _raw(session, "GET", f"{base}/Items/{ids['dragnet']}", params=family)
    assert body["UserData"]["UnplayedItemCount"] == 1
    status, body = await _raw(
        session, "POST", f"{base}/UserPlayedItems/{ids['nosferatu']}", params=family
    )
    assert body["LastPlayedDate"].startswith(str(datetime.now(UTC).year))


async def test_simulator_resume_and_items_options(
    sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    ids = _ids(simulator)
    base = f"http://127.0.0.1:{port}"
    pandora = simulator.user("pandora")
    for name, when in (("notld", 1), ("e1", 2), ("metropolis", 3)):
        data = simulator.user_data(pandora, ids[name])
        data.position_ticks, data.last_played = 60 * TICKS, datetime(2025, 1, when, tzinfo=UTC)
    # A played item with a position still resumes: Jellyfin only looks at the position.
    simulator.user_data(pandora, ids["metropolis"]).played = True

    async def resume(path: str = "/UserItems/Resume", **params: str) -> list[str]:
        status, body = await _raw(session, "GET", base + path, params=params)
        assert status == 200, body
        return [i["Name"] for i in body["Items"]]

    who = {"userId": pandora.id}
    assert await resume(**who) == ["Metropolis", "Dragnet S01E01", "Night of the Living Dead"]
    assert await resume(**who, includeItemTypes="Episode") == ["Dragnet S01E01"]
    assert await resume(**who, excludeItemTypes="Episode", searchTerm="night") == [
        "Night of the Living Dead"
    ]
    assert await resume(**who, parentId=ids["dragnet"]) == ["Dragnet S01E01"]
    assert await resume(**who, mediaTypes="Audio") == []
    assert await resume(f"/Users/{pandora.id}/Items/Resume", startIndex="1", limit="1") == [
        "Dragnet S01E01"
    ]
    status, body = await _raw(
        session,
        "GET",
        f"{base}/UserItems/Resume",
        params=who | {"enableUserData": "false", "enableImageTypes": "Backdrop", "fields": ""},
    )
    first = body["Items"][0]
    assert "UserData" not in first and "DateCreated" not in first and "Overview" not in first
    assert (first["ImageTags"], len(first["BackdropImageTags"])) == ({}, 1)
    assert (await _raw(session, "GET", f"{base}/UserItems/Resume", params={"userId": "x"}))[
        0
    ] == 400
    # /Items: user data for the user asked for (or the caller's own), images unless disabled.
    status, body = await _raw(
        session, "GET", f"{base}/Items", params={"Ids": ids["e1"], "userId": pandora.id}
    )
    assert body["Items"][0]["UserData"]["PlaybackPositionTicks"] == 60 * TICKS
    assert body["Items"][0]["ParentBackdropItemId"] == ids["dragnet"]
    status, body = await _raw(session, "GET", f"{base}/Items", params={"Ids": ids["e1"]})
    assert "UserData" not in body["Items"][0]
    status, body = await _raw(
        session, "GET", f"{base}/Items", params={"Ids": ids["e1"], "EnableImages": "false"}
    )
    assert "ImageTags" not in body["Items"][0]
    status, _ = await _raw(session, "GET", f"{base}/Items", params={"userId": UNKNOWN})
    assert status == 404


def test_simulator_items_carry_runtime_and_dates(folders: dict[str, Path]) -> None:
    simulator = JellyfinSimulator(
        libraries=[("Movies", "movies", folders["movies"]), ("Shows", "tvshows", folders["shows"])]
    )
    spans = {"Movie": (85, 150), "Episode": (22, 60)}
    for item in simulator.indexed():
        low, high = spans.get(item.type, (0, 0))
        if item.type in spans:
            assert item.runtime_ticks is not None
            assert low * 60 <= item.runtime_ticks / TICKS < high * 60
        assert item.date_created is not None
    assert simulator.find("Night of the Living Dead").runtime_ticks == (
        JellyfinSimulator(libraries=[("M", "movies", folders["movies"])])
        .find("Night of the Living Dead")
        .runtime_ticks
    )  # stable
    assert simulator.find("Dragnet", "Series").runtime_ticks is None
    loose = SimItem("a" * 32, "Audio", "Song", "/x/song.mp3", "l")
    assert (loose.container, loose.overview, loose.runtime_ticks is not None) == (None, None, True)
    extra = SimItem("b" * 32, "Episode", "Pilot", "/x/pilot.mkv", "l", series_name="Show")
    assert extra.overview == "An episode of Show."
    assert jellyfin_sim.local_image(loose, "Thumb") is None
    assert jellyfin_sim.placeholder_svg(loose, "Backdrop", 0).startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1280"'
    )


def test_user_argument() -> None:
    assert jellyfin_sim.parse_user_arg("alice:admin") == ("alice", True)
    assert jellyfin_sim.parse_user_arg("bob") == ("bob", False)
    assert jellyfin_sim.parse_user_arg("c:d") == ("c:d", False)
    for wrong in ("", " ", ":admin"):
        with pytest.raises(Exception, match="NAME or NAME:admin"):
            jellyfin_sim.parse_user_arg(wrong)


async def test_simulator_runs_standalone_with_users(folders: dict[str, Path]) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "devtools.simulators.jellyfin",
        "--port",
        "0",
        "--library",
        f"Movies:movies:{folders['movies']}",
        "--user",
        "alice:admin",
        "--user",
        "bob",
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        line = await asyncio.wait_for(proc.stdout.readline(), 30)
        port = json.loads(line)["port"]
        async with aiohttp.ClientSession() as session:
            client = _client(session, port)
            users = await client.users()
            assert [(u.name, u.is_administrator) for u in users] == [
                ("alice", True),
                ("bob", False),
            ]
            # The user token is the first non-administrator's.
            bob = _client(session, port, DEFAULT_USER_TOKEN)
            assert await bob.resume_items(users[1].id) == []
    finally:
        proc.terminate()
        await proc.wait()
