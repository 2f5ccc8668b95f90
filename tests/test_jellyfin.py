"""The Jellyfin client against the Jellyfin simulator over real HTTP on 127.0.0.1.

The simulator's libraries are folders under `tmp_path`; tests add and remove folders, scan,
and watch the counts and lookups follow. Also the models' defensive parsing and the
simulator's reading of folder names.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
import json
from pathlib import Path
import re
import shutil
import sys
import time
from typing import Any

import aiohttp
from aiohttp import web
import pytest

from custom_components.pandora.api import jellyfin as jellyfin_api
from custom_components.pandora.api.errors import (
    CannotConnect,
    InvalidAuth,
    NotFound,
    ParseError,
    RateLimited,
    ServerError,
    ServiceError,
)
from custom_components.pandora.api.jellyfin import LIBRARY_REFRESH_PARAMS, JellyfinClient
from custom_components.pandora.api.jellyfin_models import (
    SCAN_TASK_ID,
    ItemCounts,
    ItemPage,
    LastResult,
    Library,
    MediaItemRef,
    ScanTask,
    SystemInfo,
    find_scan_task,
    parse_datetime,
    parse_libraries,
)
from devtools.simulators import jellyfin as jellyfin_sim
from devtools.simulators.jellyfin import (
    DEFAULT_API_KEY,
    DEFAULT_USER_TOKEN,
    JellyfinSimulator,
    RefreshCall,
    guid_n,
    item_id,
    parse_name,
    read_library,
    start,
)

NOTLD = "Night of the Living Dead (1968) [tmdbid-900001]"
FAST_SCAN = 0.3


def touch(path: Path, text: str = "") -> Path:
    """Create a file (and its folders); video files may be empty, Jellyfin goes by extension."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def media_tree(root: Path) -> dict[str, Path]:
    """Movies, shows and music as a user would lay them out."""
    movies, shows, music = root / "movies", root / "shows", root / "music"
    touch(movies / NOTLD / "Night.of.the.Living.Dead.1968.1080p.BluRay.x264-GRP.mkv")
    touch(movies / "Nosferatu (1922)" / "Nosferatu.mkv")
    touch(movies / "Nosferatu (1922)" / "tmdb.txt", "900002\n")
    touch(movies / "Nosferatu (1922)" / "imdb.txt", "tt0013442")
    touch(movies / "Metropolis.1927.720p.WEB.x264.mp4")  # a loose file is a movie too
    touch(movies / "Classics" / "His Girl Friday (1940)" / "His Girl Friday (1940).mp4")
    touch(movies / "Classics" / "His Girl Friday (1940)" / "His Girl Friday-sample.mkv")
    (movies / "Not Yet Downloaded (2001)").mkdir()  # no video: not a movie
    touch(movies / ".trash" / "Old (1990)" / "Old.mkv")  # hidden folders are skipped
    touch(movies / "notes.txt", "not a video")
    hillbillies = shows / "The Beverly Hillbillies (1962) [tvdbid-1050003]"
    touch(hillbillies / "Season 1" / "The.Beverly.Hillbillies.S01E01.mkv")
    touch(hillbillies / "Season 1" / "The.Beverly.Hillbillies.S01E02.mkv")
    touch(shows / "Bonanza (1959)" / "Season 01" / "Bonanza - 1x01.avi")
    touch(shows / "Bonanza (1959)" / "tmdb.txt", "960004")
    touch(music / "Various" / "Jazz Hits (1950)" / "01 - One.mp3")
    touch(music / "Various" / "Jazz Hits (1950)" / "02 - Two.flac")
    return {"movies": movies, "shows": shows, "music": music}


async def wait_until(check: Callable[[], Awaitable[bool]], timeout: float = 10.0) -> None:
    """Poll `check` every 50 ms until it holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.05)


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def folders(tmp_path: Path) -> dict[str, Path]:
    return media_tree(tmp_path)


async def _serve(simulator: JellyfinSimulator) -> AsyncIterator[tuple[JellyfinSimulator, int]]:
    runner, port = await start(simulator)
    try:
        yield simulator, port
    finally:
        await runner.cleanup()


def _simulator(folders: dict[str, Path], **kw) -> JellyfinSimulator:
    return JellyfinSimulator(
        libraries=[
            ("Movies", "movies", folders["movies"]),
            ("Shows", "tvshows", [folders["shows"]]),
            ("Music", "music", str(folders["music"])),
        ],
        **kw,
    )


@pytest.fixture
async def sim(folders: dict[str, Path]) -> AsyncIterator[tuple[JellyfinSimulator, int]]:
    async for served in _serve(_simulator(folders, scan_duration=FAST_SCAN)):
        yield served


def _client(
    session: aiohttp.ClientSession, port: int, key: str = DEFAULT_API_KEY, **kw
) -> JellyfinClient:
    return JellyfinClient(f"http://127.0.0.1:{port}/", key, session, **kw)


@pytest.fixture
def client(sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession) -> JellyfinClient:
    return _client(session, sim[1])


async def _scan_and_wait(client: JellyfinClient) -> ScanTask:
    await client.refresh_all()

    async def finished() -> bool:
        task = await client.scan_task()
        return task.state == "Idle" and task.last_result is not None

    await wait_until(finished)
    return await client.scan_task()


# --- server -------------------------------------------------------------------------------


async def test_system_info_and_public_info(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    info = await client.system_info()
    assert isinstance(info, SystemInfo)
    assert (info.server_name, info.version, info.id) == (
        "pandora-jellyfin",
        "10.11.11",
        simulator.server_id,
    )
    assert re.fullmatch(r"[0-9a-f]{32}", info.id)  # Jellyfin's "N" format
    assert info.operating_system == "Debian GNU/Linux 12 (bookworm)"
    assert info.product_name == "Jellyfin Server"
    assert info.local_address == f"http://127.0.0.1:{port}"
    assert not info.has_pending_restart
    assert not info.is_shutting_down
    # The public subset needs no key (checks that a URL is a Jellyfin before asking for one).
    public = await _client(session, port, "wrong").public_info()
    assert (public.version, public.id, public.operating_system) == (info.version, info.id, "Linux")
    assert simulator.requests["/System/Info/Public"] == 1


async def test_authorization_header(client: JellyfinClient) -> None:
    header = client.authorization
    assert header.startswith('MediaBrowser Client="Pandora", ')
    assert header.endswith(f'Token="{DEFAULT_API_KEY}"')
    assert DEFAULT_API_KEY not in repr(client)
    assert JellyfinClient("http://x", f"  {DEFAULT_API_KEY}\n", client.session).api_key == (
        DEFAULT_API_KEY
    )


async def test_simulator_auth_schemes(
    sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    url = f"http://127.0.0.1:{port}/System/Info"

    async def status(headers: dict[str, str] | None = None, **params: str) -> int:
        async with session.get(url, headers=headers, params=params) as resp:
            return resp.status

    key = DEFAULT_API_KEY
    assert await status() == 401
    assert await status({"Authorization": f'MediaBrowser Token="{key}"'}) == 200
    assert await status({"Authorization": f"MediaBrowser Client=x, Token={key}"}) == 200
    assert await status({"Authorization": 'MediaBrowser Token="nope"'}) == 401
    assert await status({"X-Emby-Authorization": f'Emby Token="{key}"'}) == 200
    assert await status({"X-Emby-Token": key}) == 200
    assert await status(api_key=key) == 200
    assert await status(ApiKey=key) == 200
    assert await status(apikey=key) == 200  # ASP.NET query names ignore case
    simulator.legacy_auth = False  # Jellyfin 12.0's default
    assert await status({"X-Emby-Token": key}) == 401
    assert await status({"Authorization": f'Emby Token="{key}"'}) == 401
    assert await status(api_key=key) == 401
    assert await status(ApiKey=key) == 200
    assert await status({"Authorization": f'MediaBrowser Token="{key}"'}) == 200
    async with session.get(f"http://127.0.0.1:{port}/System/Ping") as resp:
        assert await resp.json() == "Jellyfin Server"
    async with session.get(f"http://127.0.0.1:{port}/Nope") as resp:
        assert resp.status == 404


async def test_wrong_key_and_plain_user(
    sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    wrong = "f" * 32
    for call in ("system_info", "libraries", "counts", "scan_task", "refresh_all"):
        with pytest.raises(InvalidAuth, match="HTTP 401") as err:
            await getattr(_client(session, port, wrong), call)()
        assert wrong not in str(err.value)
    with pytest.raises(InvalidAuth):
        await _client(session, port, "").system_info()
    # A plain user's token reads, but the elevated endpoints answer 403.
    user = _client(session, port, DEFAULT_USER_TOKEN)
    assert (await user.system_info()).version == "10.11.11"
    assert (await user.counts()).movies == 4
    for call in ("libraries", "scan_task", "refresh_all"):
        with pytest.raises(InvalidAuth, match="administrator") as err:
            await getattr(user, call)()
        assert DEFAULT_USER_TOKEN not in str(err.value)
    assert simulator.refresh_calls == []


# --- libraries ----------------------------------------------------------------------------


async def test_libraries(client: JellyfinClient, folders: dict[str, Path]) -> None:
    libraries = await client.libraries()
    assert [(lib.name, lib.collection_type) for lib in libraries] == [
        ("Movies", "movies"),
        ("Shows", "tvshows"),
        ("Music", "music"),
    ]
    movies = libraries[0]
    assert movies.locations == (str(folders["movies"]),)
    assert len(movies.item_id) == 32
    assert int(movies.item_id, 16) >= 0
    assert movies.item_id == item_id("CollectionFolder", "/config/data/root/default/Movies")
    assert len({lib.item_id for lib in libraries}) == 3
    assert all(lib.refresh_status == "Idle" for lib in libraries)
    assert all(lib.refresh_progress is None and not lib.refreshing for lib in libraries)


async def test_mixed_library_and_extra_folders(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    touch(tmp_path / "a" / "Sintel (2010)" / "Sintel.mkv")
    touch(tmp_path / "b" / "Big Buck Bunny (2008).mp4")
    simulator = JellyfinSimulator(libraries=[("Everything", None, tmp_path / "a")])
    simulator.add_library("Everything", "", tmp_path / "b")  # same name: one more folder
    async for _, port in _serve(simulator):
        client = _client(session, port)
        (library,) = await client.libraries()
        assert library.collection_type is None  # null, so left out of the JSON
        assert library.locations == (str(tmp_path / "a"), str(tmp_path / "b"))
        assert (await client.counts()).movies == 2


# --- scans --------------------------------------------------------------------------------


async def test_scan_task_lifecycle(
    folders: dict[str, Path], session: aiohttp.ClientSession
) -> None:
    """A real-time scan: Idle, then Running with rising progress, then Idle and Completed."""
    simulator = _simulator(folders)  # the default two-second scan
    assert simulator.scan_duration == 2.0
    async for _, port in _serve(simulator):
        client = _client(session, port)
        before = await client.scan_task()
        assert (before.id, before.name, before.state) == (
            SCAN_TASK_ID,
            "Scan Media Library",
            "Idle",
        )
        assert before.progress is None
        assert before.last_result is None  # never ran
        assert not before.running

        asked = datetime.now(UTC)
        await client.refresh_all()
        assert simulator.refresh_calls == [RefreshCall(None, {})]
        progress: list[float] = []
        active: set[str] = set()
        deadline = time.monotonic() + 15
        while True:
            task = await client.scan_task()
            if task.state == "Idle":
                break
            assert task.state == "Running"
            assert task.running
            assert task.progress is not None
            progress.append(task.progress)
            active |= {lib.name for lib in await client.libraries() if lib.refreshing}
            assert time.monotonic() < deadline, "the scan never finished"
            await asyncio.sleep(0.1)
        assert len(progress) >= 5  # it ran for a while, not at once
        assert progress == sorted(progress)
        assert 0 <= progress[0] < 30
        assert progress[-1] > 70
        assert all(0 <= p <= 100 for p in progress)
        assert active == {"Movies", "Shows", "Music"}  # each library in its turn

        after = await client.scan_task()
        assert after.progress is None
        result = after.last_result
        assert isinstance(result, LastResult)
        assert result.status == "Completed"
        assert result.error_message is None
        assert result.start is not None
        assert result.end is not None
        assert result.start.tzinfo is UTC
        assert abs((result.start - asked).total_seconds()) < 1
        assert result.start <= result.end
        assert result.duration == pytest.approx(2.0, abs=0.5)
        assert simulator.scans_started == 1


async def test_refresh_while_running_cancels_and_restarts(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int]
) -> None:
    """Jellyfin's CancelIfRunningAndQueue: the running scan ends Cancelled, one more runs."""
    simulator, _ = sim
    simulator.scan_duration = 1.5  # long enough for the second call to land mid-scan
    await client.refresh_all()
    await asyncio.sleep(0.2)
    await client.refresh_all()
    await client.refresh_all()  # queued once only
    states: set[str] = set()
    statuses: set[str] = set()

    async def finished() -> bool:
        task = await client.scan_task()
        states.add(task.state)
        if task.last_result is not None:
            statuses.add(task.last_result.status)
        return (
            task.state == "Idle"
            and task.last_result is not None
            and (task.last_result.status == "Completed")
        )

    await wait_until(finished)
    assert "Cancelled" in statuses
    assert states >= {"Running", "Idle"}
    assert simulator.scans_started == 2  # never two at once, never three
    assert len(simulator.refresh_calls) == 3


async def test_failed_scan_reports_its_error(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int], folders: dict[str, Path]
) -> None:
    simulator, _ = sim
    simulator.fail_next_scan = "Access to the path '/media/movies' is denied."
    touch(folders["movies"] / "Sintel (2010)" / "Sintel.mkv")
    task = await _scan_and_wait(client)
    assert task.last_result is not None
    assert task.last_result.status == "Failed"
    assert task.last_result.error_message == "Access to the path '/media/movies' is denied."
    assert (await client.counts()).movies == 4  # a failed scan found nothing new
    again = (await _scan_and_wait(client)).last_result
    assert again is not None
    assert (again.status, again.error_message) == ("Completed", None)
    assert (await client.counts()).movies == 5


async def test_refresh_one_library(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int], folders: dict[str, Path]
) -> None:
    simulator, _ = sim
    simulator.library_refresh_duration = 0.5
    movies, shows, music = await client.libraries()
    touch(folders["movies"] / "Sintel (2010)" / "Sintel.mkv")
    touch(folders["shows"] / "Bonanza (1959)" / "Season 01" / "Bonanza - 1x02.avi")
    await client.refresh_library(movies.item_id)
    await client.refresh_library(music.item_id)
    await client.refresh_library(music.item_id)  # already queued: not queued twice
    assert simulator.refresh_calls == [
        RefreshCall(movies.item_id, dict(LIBRARY_REFRESH_PARAMS)),
        RefreshCall(music.item_id, dict(LIBRARY_REFRESH_PARAMS)),
        RefreshCall(music.item_id, dict(LIBRARY_REFRESH_PARAMS)),
    ]
    assert "Recursive" not in simulator.refresh_calls[0].query  # 10.11 has no such parameter
    assert simulator.refresh_calls[0].query["metadataRefreshMode"] == "Default"
    now = {lib.name: lib for lib in await client.libraries()}
    assert now["Movies"].refresh_status == "Active"
    assert now["Movies"].refresh_progress is not None
    assert now["Music"].refresh_status == "Queued"
    assert now["Music"].refreshing
    assert now["Music"].refresh_progress is None
    assert now["Shows"].refresh_status == "Idle"
    assert (await client.scan_task()).state == "Idle"  # a library refresh is not the task

    async def all_idle() -> bool:
        return not any(lib.refreshing for lib in await client.libraries())

    await wait_until(all_idle)
    counts = await client.counts()
    assert counts.movies == 5  # the refreshed library found Sintel
    assert counts.episodes == 3  # the shows were not refreshed
    assert (await client.scan_task()).last_result is None
    # A dashed Guid is accepted too; an unknown one is 404.
    await client.refresh_library(
        f"{shows.item_id[:8]}-{shows.item_id[8:12]}-{shows.item_id[12:16]}-"
        f"{shows.item_id[16:20]}-{shows.item_id[20:]}"
    )
    assert simulator.refresh_calls[-1].item_id == shows.item_id
    with pytest.raises(NotFound, match="Not Found"):
        await client.refresh_library("0" * 32)
    for bad in ("", "movies", "../System/Restart", "0" * 31):
        with pytest.raises(ValueError, match="not a Jellyfin item id"):
            await client.refresh_library(bad)


async def test_scheduled_task_routes(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    simulator.scan_duration = 5
    headers = {"Authorization": client.authorization}
    base = f"http://127.0.0.1:{port}/ScheduledTasks"
    async with session.get(base, headers=headers) as resp:
        tasks = await resp.json()
    assert {t["Key"] for t in tasks} >= {"RefreshLibrary", "DeleteCacheFiles", "RefreshPeople"}
    scan = next(t for t in tasks if t["Key"] == "RefreshLibrary")
    assert "CurrentProgressPercentage" not in scan  # null when idle, so left out
    assert "LastExecutionResult" not in scan
    async with session.get(f"{base}/{SCAN_TASK_ID}", headers=headers) as resp:
        assert (await resp.json())["Name"] == "Scan Media Library"
    async with session.get(f"{base}/{'1' * 32}", headers=headers) as resp:
        assert resp.status == 404
    async with session.post(f"{base}/Running/{SCAN_TASK_ID}", headers=headers) as resp:
        assert resp.status == 204
    assert (await client.scan_task()).state == "Running"
    async with session.delete(f"{base}/Running/{SCAN_TASK_ID}", headers=headers) as resp:
        assert resp.status == 204
    assert (await client.scan_task()).state in ("Cancelling", "Idle")

    async def cancelled() -> bool:
        task = await client.scan_task()
        return task.last_result is not None and task.last_result.status == "Cancelled"

    await wait_until(cancelled)
    assert (await client.scan_task()).state == "Idle"


# --- counts and lookups -------------------------------------------------------------------


async def test_counts_follow_the_folders(client: JellyfinClient, folders: dict[str, Path]) -> None:
    counts = await client.counts()
    assert counts == ItemCounts(movies=4, series=2, episodes=3, songs=2, albums=1)
    touch(folders["movies"] / "Sintel (2010) [tmdbid-45745]" / "Sintel.2010.1080p.mkv")
    assert (await client.counts()).movies == 4  # nothing new until a scan
    assert (await _scan_and_wait(client)).last_result is not None
    assert (await client.counts()).movies == 5
    touch(folders["shows"] / "Bonanza (1959)" / "Season 02" / "Bonanza - 2x01.avi")
    touch(folders["shows"] / "Lassie (1954)" / "S01E01.mkv")
    shutil.rmtree(folders["movies"] / "Nosferatu (1922)")
    await _scan_and_wait(client)
    counts = await client.counts()
    assert (counts.movies, counts.series, counts.episodes) == (4, 3, 5)


async def test_find_by_provider_id_saved_since(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int], folders: dict[str, Path]
) -> None:
    """A request's lookup reads only what was saved since its import began, not the library."""
    simulator, _ = sim
    simulator.backdate(timedelta(days=2))
    since = datetime.now(UTC) - timedelta(days=1)
    assert await client.find_by_provider_id("Tmdb", 900001, saved_since=since) == []
    touch(folders["movies"] / "Sintel (2010) [tmdbid-45745]" / "Sintel.2010.1080p.mkv")
    await _scan_and_wait(client)
    (sintel,) = await client.find_by_provider_id("Tmdb", 45745, saved_since=since)
    assert sintel.name == "Sintel"
    assert (await client.find_by_provider_id("Tmdb", 900001))[0].name == "Night of the Living Dead"


async def test_find_by_provider_id(client: JellyfinClient, folders: dict[str, Path]) -> None:
    (night,) = await client.find_by_provider_id("Tmdb", 900001)
    assert isinstance(night, MediaItemRef)
    assert (night.name, night.year, night.type) == ("Night of the Living Dead", 1968, "Movie")
    assert night.provider_ids == {"Tmdb": "900001"}
    assert night.path == str(folders["movies"] / NOTLD)
    assert len(night.id) == 32
    # Any case, a string id.
    assert await client.find_by_provider_id("tmdb", "900001") == [night]  # type: ignore[arg-type]
    (nosferatu,) = await client.find_by_provider_id("Imdb", "TT0013442")  # from imdb.txt
    assert nosferatu.provider_ids == {"Tmdb": "900002", "Imdb": "tt0013442"}
    assert nosferatu.provider_id("tmdb") == "900002"
    assert await client.find_by_provider_id("Tmdb", 900002) == [nosferatu]
    assert await client.find_by_provider_id("Tmdb", 1) == []
    assert await client.find_by_provider_id("Tmdb", 900001, "Series") == []
    (series,) = await client.find_by_provider_id("Tvdb", 1050003, "Series")
    assert (series.name, series.year, series.type) == ("The Beverly Hillbillies", 1962, "Series")
    (bonanza,) = await client.find_by_provider_id("Tmdb", 960004, "series")  # type: ignore[arg-type]
    assert bonanza.name == "Bonanza"
    # The same film in two folders is two items.
    touch(folders["movies"] / "4K" / NOTLD / "Night.of.the.Living.Dead.1968.2160p.mkv")
    await _scan_and_wait(client)
    found = await client.find_by_provider_id("Tmdb", 900001)
    assert len(found) == 2
    assert {item.path for item in found} == {
        str(folders["movies"] / NOTLD),
        str(folders["movies"] / "4K" / NOTLD),
    }
    with pytest.raises(ValueError, match="provider"):
        await client.find_by_provider_id("Anidb", 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="item_type"):
        await client.find_by_provider_id("Tmdb", 1, "Episode")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="required"):
        await client.find_by_provider_id("Tmdb", " ")


async def test_items_are_read_page_by_page(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    simulator, _ = sim
    monkeypatch.setattr(jellyfin_api, "PAGE_SIZE", 3)
    movies = await client.items("Movie")
    assert sorted(m.name for m in movies) == [
        "His Girl Friday",
        "Metropolis",
        "Night of the Living Dead",
        "Nosferatu",
    ]
    assert simulator.requests["/Items"] == 2
    assert {s.name for s in await client.items("Series")} == {"The Beverly Hillbillies", "Bonanza"}
    (metropolis,) = [m for m in movies if m.name == "Metropolis"]
    assert metropolis.year == 1927
    assert metropolis.provider_ids == {}


async def test_simulator_items_query(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    """The /Items filters Jellyfin has, and the one it lacks (Emby's AnyProviderIdEquals)."""
    _, port = sim
    headers = {"Authorization": client.authorization}

    async def items(**params: str) -> dict[str, Any]:
        url = f"http://127.0.0.1:{port}/Items"
        async with session.get(url, headers=headers, params=params) as resp:
            assert resp.status == 200
            body: dict[str, Any] = await resp.json()
            return body

    # Ignored by Jellyfin: every movie comes back, which is why the client matches itself.
    ignored = await items(
        Recursive="true", IncludeItemTypes="Movie", AnyProviderIdEquals="tmdb.900001"
    )
    assert ignored["TotalRecordCount"] == 4
    assert "ProviderIds" not in ignored["Items"][0]  # only with Fields=ProviderIds
    with_tmdb = await items(Recursive="true", IncludeItemTypes="Movie", HasTmdbId="true")
    assert {i["Name"] for i in with_tmdb["Items"]} == {"Night of the Living Dead", "Nosferatu"}
    without = await items(recursive="true", includeItemTypes="movie", hasTmdbId="false")
    assert without["TotalRecordCount"] == 2
    root = await items()
    assert [i["Type"] for i in root["Items"]] == ["CollectionFolder"] * 3
    shows = next(i for i in root["Items"] if i["Name"] == "Shows")
    episodes = await items(ParentId=shows["Id"], IncludeItemTypes="Episode", Fields="Path")
    assert episodes["TotalRecordCount"] == 3
    assert {(e["ParentIndexNumber"], e["IndexNumber"]) for e in episodes["Items"]} == {
        (1, 1),
        (1, 2),
    }
    assert all(e["Path"].endswith((".mkv", ".avi")) for e in episodes["Items"])
    by_year = await items(
        Recursive="true",
        IncludeItemTypes="Movie",
        SortBy="ProductionYear",
        SortOrder="Descending",
        Limit="2",
        StartIndex="1",
    )
    assert [i["ProductionYear"] for i in by_year["Items"]] == [1940, 1927]
    assert by_year["StartIndex"] == 1
    found = await items(Recursive="true", SearchTerm="night", Years="1968")
    assert [i["Name"] for i in found["Items"]] == ["Night of the Living Dead"]
    by_id = await items(Ids=found["Items"][0]["Id"])
    assert by_id["Items"][0]["Type"] == "Movie"
    songs = await items(Recursive="true", ExcludeItemTypes="Movie,Series,Episode,MusicAlbum")
    assert {i["Album"] for i in songs["Items"]} == {"Jazz Hits"}


async def test_items_stop_at_the_bound(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lookup reads at most MAX_ITEMS items, however many the server says it has."""
    simulator, _ = sim
    monkeypatch.setattr(jellyfin_api, "PAGE_SIZE", 1)
    monkeypatch.setattr(jellyfin_api, "MAX_ITEMS", 2)
    assert len(await client.items("Movie")) == 2
    assert simulator.requests["/Items"] == 2


# --- errors -------------------------------------------------------------------------------


async def test_server_error_and_malformed_json(
    client: JellyfinClient, sim: tuple[JellyfinSimulator, int]
) -> None:
    simulator, _ = sim
    simulator.server_error_next = 1
    with pytest.raises(ServerError, match="500 to Library/VirtualFolders") as err:
        await client.libraries()
    assert not isinstance(err.value, ParseError | NotFound)
    simulator.malformed_next = 1
    with pytest.raises(ParseError, match="invalid JSON for Items/Counts"):
        await client.counts()
    simulator.malformed_next = 1
    with pytest.raises(ParseError):
        await client.find_by_provider_id("Tmdb", 900001)
    assert (await client.counts()).movies == 4  # the faults were one-offs


async def test_wrong_shapes_are_parse_errors(session: aiohttp.ClientSession) -> None:
    answers: dict[str, object] = {
        "/System/Info": {"ServerName": "x"},
        "/Library/VirtualFolders": {"Items": []},
        "/ScheduledTasks": [{"Key": "DeleteCacheFiles", "State": "Idle"}],
        "/Items/Counts": [],
        "/Items": {"TotalRecordCount": 3},
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
        with pytest.raises(ParseError, match="no Version"):
            await client.system_info()
        with pytest.raises(ParseError, match="not a list"):
            await client.libraries()
        with pytest.raises(NotFound, match="Scan Media Library"):
            await client.scan_task()
        with pytest.raises(ParseError, match="not a JSON object"):
            await client.counts()
        with pytest.raises(ParseError, match="no Items list"):
            await client.items()
    finally:
        await runner.cleanup()


async def test_key_never_in_error_messages(session: aiohttp.ClientSession) -> None:
    """A proxy that echoes the request headers in its error pages; redirects; 403; 429."""
    statuses = {"/System/Info": 502, "/Items/Counts": 401, "/Library/VirtualFolders": 429}

    async def echo(request: web.Request) -> web.Response:
        if request.path == "/ScheduledTasks":
            raise web.HTTPFound("https://jellyfin.example/ScheduledTasks")
        body = f"bad gateway; you sent {request.headers.get('Authorization')}"
        return web.Response(status=statuses[request.path], text=body, headers={"Retry-After": "7"})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", echo)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        client = _client(session, int(runner.addresses[0][1]))
        with pytest.raises(ServerError, match="502 to System/Info: bad gateway") as err:
            await client.system_info()
        assert DEFAULT_API_KEY not in str(err.value)
        assert "<redacted>" in str(err.value)
        with pytest.raises(InvalidAuth) as auth_err:
            await client.counts()
        assert DEFAULT_API_KEY not in str(auth_err.value)
        with pytest.raises(ServiceError, match=r"HTTP 302.*check the URL"):
            await client.scan_task()
        with pytest.raises(RateLimited) as limited:
            await client.libraries()
        assert limited.value.retry_after == 7
        assert DEFAULT_API_KEY not in str(limited.value)
    finally:
        await runner.cleanup()


async def test_slow_and_unreachable(
    sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    simulator.delay = 0.5
    with pytest.raises(CannotConnect, match="Timed out"):
        await _client(session, port, request_timeout=0.1).system_info()
    simulator.delay = 0
    # A refused connection; the URL quotes the key to prove messages are scrubbed.
    client = JellyfinClient(f"http://127.0.0.1:1/{DEFAULT_API_KEY}", DEFAULT_API_KEY, session)
    with pytest.raises(CannotConnect) as err:
        await client.system_info()
    assert DEFAULT_API_KEY not in str(err.value)
    assert "<redacted>" in str(err.value)
    assert err.value.__cause__ is None


async def test_base_path_behind_a_proxy(
    sim: tuple[JellyfinSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    # A base path the server does not have: an empty 404, reported as NotFound.
    wrong = JellyfinClient(f"http://127.0.0.1:{port}/jellyfin/", DEFAULT_API_KEY, session)
    with pytest.raises(NotFound, match=r"does not know System/Info$"):
        await wrong.system_info()
    assert simulator.requests["/jellyfin/System/Info"] == 1
    assert (await _client(session, port).system_info()).version == "10.11.11"


# --- models -------------------------------------------------------------------------------


def test_parse_datetime() -> None:
    expected = datetime(2025, 11, 23, 10, 0, 1, 123456, tzinfo=UTC)
    assert parse_datetime("2025-11-23T10:00:01.1234567Z") == expected
    assert parse_datetime("2025-11-23T10:00:01.1234567") == expected  # naive: UTC
    assert parse_datetime("2025-11-23T11:00:01.1234567+01:00") == expected
    assert parse_datetime("2025-11-23T10:00:01Z") == expected.replace(microsecond=0)
    assert parse_datetime("2025-11-23T10:00:01.5Z") == expected.replace(microsecond=500000)
    for wrong in ("0001-01-01T00:00:00", "", "yesterday", None, 5):
        assert parse_datetime(wrong) is None


def test_models_parse_defensively() -> None:
    info = SystemInfo.from_dict({"Version": "10.11.0", "Id": "abc", "HasPendingRestart": "yes"})
    assert info == SystemInfo("", "10.11.0", "abc")
    wrong: object
    for wrong in (None, [], {"Version": "1"}, {"Id": "x"}):
        with pytest.raises(ParseError):
            SystemInfo.from_dict(wrong)
    libraries = parse_libraries(
        [
            None,
            {"Name": "No id"},
            {"ItemId": "a" * 32, "Locations": ["/m", 5], "RefreshProgress": True},
            {"ItemId": "b" * 32, "Name": "Q", "Locations": "x", "RefreshStatus": "Queued"},
        ]
    )
    assert libraries == [
        Library("a" * 32, "", None, ("/m",), None, None),
        Library("b" * 32, "Q", None, (), "Queued", None),
    ]
    assert not libraries[0].refreshing
    assert libraries[1].refreshing
    # A list without a single object is not a list of libraries (read as none, it would
    # remove every library's entities).
    with pytest.raises(ParseError):
        parse_libraries([1, "x", None])
    assert parse_libraries([]) == []
    task = find_scan_task(
        [
            "x",
            {"Key": "Other", "Id": "1"},
            {"Id": SCAN_TASK_ID, "State": "running", "CurrentProgressPercentage": 140.5},
        ]
    )
    assert task == ScanTask(SCAN_TASK_ID, "Scan Media Library", "Running", 100.0, None)
    odd = ScanTask.parse(
        {"State": "Paused", "LastExecutionResult": {"Status": "Exploded", "ErrorMessage": ""}}
    )
    assert (odd.state, odd.progress) == ("Idle", None)
    assert odd.last_result == LastResult("Aborted", None, None, None)
    assert odd.last_result.duration is None
    assert ScanTask.parse({"State": "?", "CurrentProgressPercentage": 3}).state == "Running"
    assert ScanTask.parse({"State": 1}).state == "Idle"  # not even a string
    assert find_scan_task([]) is None
    with pytest.raises(ParseError):
        find_scan_task({"Key": "RefreshLibrary"})
    assert ItemCounts.from_dict({"MovieCount": "3", "SeriesCount": True, "BookCount": 2.0}) == (
        ItemCounts(books=2)
    )
    page = ItemPage.from_dict({"Items": [{"Name": "no id"}, 4, {"Id": "x", "ProviderIds": None}]})
    assert (page.total, page.raw_count) == (0, 3)
    assert page.items == (MediaItemRef("x", "", None, ""),)
    ref = MediaItemRef.parse(
        {"Id": "y", "ProviderIds": {"TMDB": "0900001", "Imdb": "TT0063350", "Bad": True, "E": ""}}
    )
    assert ref is not None
    assert ref.provider_ids == {"TMDB": "0900001", "Imdb": "TT0063350"}
    assert ref.matches("Tmdb", 900001)
    assert ref.matches("imdb", "tt0063350")
    assert not ref.matches("Tvdb", 900001)
    assert not ref.matches("Tmdb", "")
    assert not ref.matches("Tmdb", "９")  # a full-width digit is no number
    hash(ref)  # usable in sets despite the mapping


# --- the simulator's reading of folders ---------------------------------------------------


def test_ids_are_jellyfins() -> None:
    assert guid_n("Emby.Server.Implementations.ScheduledTasks.Tasks.RefreshMediaLibraryTask") == (
        SCAN_TASK_ID
    )
    assert jellyfin_sim.SCAN_TASK_ID == SCAN_TASK_ID
    assert item_id("Movie", "/Media/A") == item_id("Movie", "/media/a")
    assert item_id("Movie", "/media/a") != item_id("Series", "/media/a")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (NOTLD, ("Night of the Living Dead", 1968, {"Tmdb": "900001"})),
        (
            "Nosferatu (1922) [imdbid-tt0013442] [tmdbid=900002]",
            ("Nosferatu", 1922, {"Imdb": "tt0013442", "Tmdb": "900002"}),
        ),
        ("Bonanza (1959) {tvdb-1050004}", ("Bonanza", 1959, {"Tvdb": "1050004"})),
        ("Metropolis.1927.720p.WEB.x264", ("Metropolis", 1927, {})),
        ("2001.A.Space.Odyssey.1968.1080p", ("2001 A Space Odyssey", 1968, {})),
        ("Big Buck Bunny", ("Big Buck Bunny", None, {})),
    ],
)
def test_parse_name(text: str, expected: tuple[str, int | None, dict[str, str]]) -> None:
    assert parse_name(text) == expected


def test_read_library_kinds(tmp_path: Path) -> None:
    touch(tmp_path / "m" / "Disc Film (1999)" / "VIDEO_TS" / "VTS_01_1.VOB")
    touch(tmp_path / "m" / "Two Parts (2000)" / "part1.mkv")
    touch(tmp_path / "m" / "Two Parts (2000)" / "part2.mkv")
    movies = read_library("movies", [tmp_path / "m"], "lib")
    assert sorted(m.name for m in movies) == ["Disc Film", "Two Parts"]
    touch(tmp_path / "t" / "Show" / "Specials" / "extra.mkv")
    touch(tmp_path / "t" / "Show" / "Season 3" / "Show - pilot.mkv")
    touch(tmp_path / "t" / "Empty Show (2020)" / "poster.jpg")
    touch(tmp_path / "t" / "loose.mkv")  # not in a series folder: ignored
    shows = read_library("tvshows", [tmp_path / "t"], "lib")
    assert sorted((i.type, i.name) for i in shows if i.type == "Series") == [
        ("Series", "Empty Show"),
        ("Series", "Show"),
    ]
    episodes = {i.name: (i.season, i.episode, i.series_name) for i in shows if i.type == "Episode"}
    assert episodes == {"Show - pilot": (3, None, "Show"), "extra": (None, None, "Show")}
    touch(tmp_path / "b" / "Author" / "Book One.epub")
    touch(tmp_path / "b" / "cover.jpg")
    assert [b.type for b in read_library("books", [tmp_path / "b"], "lib")] == ["Book"]
    touch(tmp_path / "v" / "clip.mp4")
    assert [v.type for v in read_library("musicvideos", [tmp_path / "v"], "l")] == ["MusicVideo"]
    assert [v.type for v in read_library("homevideos", [tmp_path / "v"], "l")] == ["Video"]
    assert read_library("boxsets", [tmp_path / "v"], "l") == []
    touch(tmp_path / "a" / "loose.mp3")
    (song,) = read_library("music", [tmp_path / "a"], "l")
    assert (song.type, song.album) == ("Audio", None)
    assert read_library("movies", [tmp_path / "missing"], "l") == []


def test_library_argument() -> None:
    assert jellyfin_sim.parse_library_arg("Movies:movies:/srv/a:b") == (
        "Movies",
        "movies",
        "/srv/a:b",
    )
    assert jellyfin_sim.parse_library_arg("Mixed::/srv") == ("Mixed", None, "/srv")
    for wrong in ("Movies", "Movies:movies", ":movies:/x", "Movies:movies:"):
        with pytest.raises(Exception, match="NAME:TYPE:PATH"):
            jellyfin_sim.parse_library_arg(wrong)


async def test_simulator_runs_standalone(folders: dict[str, Path]) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "devtools.simulators.jellyfin",
        "--port",
        "0",
        "--scan-duration",
        "0.2",
        "--library",
        f"Movies:movies:{folders['movies']}",
        "--library",
        f"Shows:tvshows:{folders['shows']}",
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        line = await asyncio.wait_for(proc.stdout.readline(), 30)
        port = json.loads(line)["port"]
        async with aiohttp.ClientSession() as session:
            client = _client(session, port)
            assert [lib.name for lib in await client.libraries()] == ["Movies", "Shows"]
            assert (await client.counts()).movies == 4
            assert (await _scan_and_wait(client)).last_result is not None
            async with session.post(
                f"http://127.0.0.1:{port}/sim/fault", params={"mode": "500"}
            ) as resp:
                assert resp.status == 200
            with pytest.raises(ServiceError, match="500"):
                await client.counts()
            async with session.get(f"http://127.0.0.1:{port}/sim/refreshes") as resp:
                assert await resp.json() == [{"item_id": None, "query": {}}]
    finally:
        proc.terminate()
        await proc.wait()
