"""The title index: a full read first, then only what Jellyfin saved since (MinDateLastSaved).

Against the Jellyfin simulator over real HTTP; its library folders change and it scans, as a
server does after a download is filed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
import shutil
from typing import Any

import aiohttp
import pytest

from custom_components.pandora.api import jellyfin as jellyfin_api
from custom_components.pandora.api.errors import ServiceError
from custom_components.pandora.api.jellyfin import JellyfinClient
from custom_components.pandora.api.jellyfin_index import FULL_EVERY, TitleIndex
from devtools.simulators.jellyfin import JellyfinSimulator, start
from tests.test_jellyfin import NOTLD, _scan_and_wait, media_tree, touch

NOTLD_ID = 900001


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[tuple[JellyfinSimulator, JellyfinClient, Path]]:
    folders = media_tree(tmp_path)
    sim = JellyfinSimulator(
        libraries=[("Movies", "movies", folders["movies"]), ("Shows", "tvshows", folders["shows"])],
        scan_duration=0.05,
    )
    sim.backdate(timedelta(hours=1))  # outside the margin the index re-reads
    runner, port = await start(sim)
    async with aiohttp.ClientSession() as session:
        client = JellyfinClient(f"http://127.0.0.1:{port}/", sim.api_key, session)
        try:
            yield sim, client, folders["movies"]
        finally:
            await runner.cleanup()


def item_queries(sim: JellyfinSimulator) -> int:
    return sim.requests["/Items"]


async def test_first_read_is_full_then_only_changes(
    served: tuple[JellyfinSimulator, JellyfinClient, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, client, movies = served
    sent: list[dict[str, str]] = []
    original = client._request

    async def spy(method: str, path: str, params: Any = None, **kw: Any) -> Any:
        if path == "Items":
            sent.append(dict(params or {}))
        return await original(method, path, params, **kw)

    monkeypatch.setattr(client, "_request", spy)
    index = TitleIndex()
    assert await index.refresh(client, 0.0) == "full"
    notld = index.title("movie", NOTLD_ID)
    assert notld is not None and notld.name == "Night of the Living Dead"
    assert index.tmdb_of(notld.id.upper()) == ("movie", NOTLD_ID)
    assert index.title("tv", 960004) is not None  # Bonanza, by its tmdb.txt
    assert index.item_count == 6  # four movies and two series, with a TMDB id or not
    assert not any("MinDateLastSaved" in p for p in sent)
    assert all(p["Fields"] == "ProviderIds" for p in sent)  # the index needs no paths

    # Nothing changed: two empty pages and two counts (one item each), nothing merged.
    sent.clear()
    assert await index.refresh(client, 60.0) == "incremental"
    assert index.last_changes == 0
    since = datetime.fromisoformat(sent[0]["MinDateLastSaved"])
    assert since <= datetime.now(UTC) - timedelta(minutes=1)  # the margin
    assert [p.get("MinDateLastSaved") == sent[0]["MinDateLastSaved"] for p in sent] == [
        True,
        True,
        False,
        False,
    ]
    assert [p["Limit"] for p in sent[2:]] == ["1", "1"]  # 0 would be no limit in 10.11

    # A new film is filed and scanned: only it comes back.
    touch(movies / "Carnival of Souls (1962) [tmdbid-900003]" / "Carnival.of.Souls.mkv")
    await _scan_and_wait(client)
    assert await index.refresh(client, 120.0) == "incremental"
    assert index.last_changes == 1
    carnival = index.title("movie", 900003)
    assert carnival is not None and index.tmdb_of(carnival.id) == ("movie", 900003)
    assert index.title("movie", NOTLD_ID) == notld


async def test_a_deletion_or_a_day_means_a_full_read(
    served: tuple[JellyfinSimulator, JellyfinClient, Path],
) -> None:
    _, client, movies = served
    index = TitleIndex()
    await index.refresh(client, 0.0)
    shutil.rmtree(movies / NOTLD)
    await _scan_and_wait(client)
    # The changes read are none, but the server counts one movie fewer than the index.
    assert await index.refresh(client, 60.0) == "full"
    assert index.title("movie", NOTLD_ID) is None
    assert await index.refresh(client, 120.0) == "incremental"
    assert await index.refresh(client, 60.0 + FULL_EVERY) == "full"  # an hour after the last


async def test_a_reidentified_title_moves_and_duplicates_hand_over(
    served: tuple[JellyfinSimulator, JellyfinClient, Path],
) -> None:
    sim, client, movies = served
    # The same film in two folders: the first by SortName holds the title.
    for folder in ("Dup A (2000)", "Dup B (2000)"):
        touch(movies / folder / "dup.mkv")
        touch(movies / folder / "tmdb.txt", "900020")
    await _scan_and_wait(client)
    sim.backdate(timedelta(hours=1))
    index = TitleIndex()
    await index.refresh(client, 0.0)
    first, second = sim.find("Dup A"), sim.find("Dup B")
    assert index.title("movie", 900020).id == first.id  # type: ignore[union-attr]
    # Dup A turns out to be another film: the title passes to Dup B.
    touch(movies / "Dup A (2000)" / "tmdb.txt", "900021")
    await _scan_and_wait(client)
    assert await index.refresh(client, 60.0) == "incremental"
    assert index.last_changes == 1
    assert index.title("movie", 900020).id == second.id  # type: ignore[union-attr]
    assert index.title("movie", 900021).id == first.id  # type: ignore[union-attr]
    assert index.tmdb_of(first.id) == ("movie", 900021)
    # And when Dup B loses its id too, nothing holds the title any more.
    sim.backdate(timedelta(hours=1))
    (movies / "Dup B (2000)" / "tmdb.txt").unlink()
    await _scan_and_wait(client)
    assert await index.refresh(client, 120.0) == "incremental"
    assert index.title("movie", 900020) is None
    assert index.tmdb_of(second.id) is None


async def test_without_a_server_date_every_read_is_full(
    served: tuple[JellyfinSimulator, JellyfinClient, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A proxy that drops `Date` leaves no clock to ask for changes by: read everything."""
    _, client, _ = served
    monkeypatch.setattr(jellyfin_api, "_server_time", lambda _resp: None)
    index = TitleIndex()
    assert await index.refresh(client, 0.0) == "full"
    assert await index.refresh(client, 60.0) == "full"
    assert index.title("movie", NOTLD_ID) is not None


async def test_a_failed_read_keeps_the_index(
    served: tuple[JellyfinSimulator, JellyfinClient, Path],
) -> None:
    sim, client, _ = served
    index = TitleIndex()
    await index.refresh(client, 0.0)
    before = dict(index.titles)
    sim.failing_paths["/Items"] = 3
    for now in (10.0, 10.0 + FULL_EVERY):  # an incremental read, then a full one
        with pytest.raises(ServiceError):
            await index.refresh(client, now)
        assert dict(index.titles) == before
        sim.failing_paths["/Items"] = 1


async def test_simulator_min_date_last_saved_and_limit_zero(
    served: tuple[JellyfinSimulator, JellyfinClient, Path],
) -> None:
    """DateLastSaved moves only for what a scan found new or different; Limit=0 is no limit."""
    _, client, movies = served
    headers = {"Authorization": client.authorization}

    async def items(**params: str) -> tuple[int, dict[str, Any], str]:
        url = f"{client.url}Items"
        async with client.session.get(url, headers=headers, params=params) as resp:
            return resp.status, await resp.json(), resp.headers.get("Date", "")

    base = {"Recursive": "true", "IncludeItemTypes": "Movie"}
    status, body, date = await items(**base, Limit="0")
    assert status == 200 and len(body["Items"]) == body["TotalRecordCount"] == 4 and date
    since = datetime.now(UTC)
    touch(movies / "Nosferatu (1922)" / "tmdb.txt", "900012")  # re-identified by its .nfo
    await _scan_and_wait(client)
    status, body, _ = await items(**base, MinDateLastSaved=since.isoformat())
    assert [i["Name"] for i in body["Items"]] == ["Nosferatu"]
    assert "DateLastSaved" not in body["Items"][0]
    an_hour_ago = (since - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, body, _ = await items(**base, minDateLastSavedForUser=an_hour_ago)
    assert body["TotalRecordCount"] == 4
    status, _, _ = await items(**base, MinDateLastSaved="yesterday")
    assert status == 400
