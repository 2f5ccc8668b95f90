"""Discovery and release actions against the TMDB, Watchmode and Jackett simulators (real HTTP).

qBittorrent is the real daemon; the end-to-end test downloads a release found through Jackett
from a second real daemon that seeds it.
"""

from __future__ import annotations

from collections.abc import Iterator
import filecmp
import json
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.pandora.const import (
    DOMAIN,
    EVENT_TORRENT_PREFIX,
)
from devtools.simulators.jackett import Failure, SimIndexer, SimRelease
from devtools.support.media import (
    NOTLD,
    Sims,
    hash_of as _hash,
    jackett_subentry,
    tmdb_subentry,
    watchmode_subentry,
)
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.torrents import TorrentFile, make_payload, make_torrent
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized
from homeassistant.helpers import issue_registry as ir
from tests.conftest import allow_loopback, hub_entry, qb_subentry, setup_hub
from tests.helpers import poll_until


@pytest.fixture
async def media_hub(hass: HomeAssistant, sims: Sims) -> MockConfigEntry:
    return await setup_hub(
        hass,
        hub_entry(
            tmdb_subentry(sims),
            watchmode_subentry(sims),
            jackett_subentry(sims.jackett_url, sims.jackett.api_key),
        ),
    )


async def call(
    hass: HomeAssistant, service: str, context: Context | None = None, **data: Any
) -> dict[str, Any]:
    response = await hass.services.async_call(
        DOMAIN, service, data, blocking=True, return_response=True, context=context
    )
    assert response is not None
    return dict(response)


# --- discovery ---------------------------------------------------------------------------------


async def test_discover_lists_and_cache(
    hass: HomeAssistant, sims: Sims, media_hub: MockConfigEntry
) -> None:
    result = await call(hass, "discover", list="trending_week")
    assert result["list"] == "trending_week"
    assert result["page"] == 1
    assert 10 <= len(result["results"]) <= 20  # persons in trending/all are dropped
    first = result["results"][0]
    assert {"tmdb_id", "media_type", "title", "year", "rating", "poster_url"} <= set(first)
    # Image URLs come from TMDB's /configuration (here: the simulator's image route).
    assert first["poster_url"].startswith(sims.tmdb_url.removesuffix("/3") + "/t/p/w342/")

    hits = sum(sims.tmdb.requests.values())
    again = await call(hass, "discover", list="trending_week")
    assert again == result
    assert sum(sims.tmdb.requests.values()) == hits  # served from the cache

    for name in ("popular_movies", "popular_tv", "top_rated_movies", "on_the_air_tv"):
        page = await call(hass, "discover", list=name)
        assert page["results"], name
        wanted = "tv" if name.endswith("tv") else "movie"
        assert {r["media_type"] for r in page["results"]} == {wanted}


async def test_cache_survives_a_reload(
    hass: HomeAssistant, sims: Sims, media_hub: MockConfigEntry
) -> None:
    await call(hass, "discover", list="popular_movies")
    assert await hass.config_entries.async_reload(media_hub.entry_id)
    await hass.async_block_till_done()
    sims.tmdb.requests.clear()
    await call(hass, "discover", list="popular_movies")
    assert not any(path.endswith("/popular") for path in sims.tmdb.requests)


async def test_search_media(hass: HomeAssistant, media_hub: MockConfigEntry) -> None:
    result = await call(hass, "search_media", query="living dead", media_type="movie")
    titles = {(r["title"], r["year"]) for r in result["results"]}
    assert ("Night of the Living Dead", 1968) in titles
    result = await call(hass, "search_media", query="night living dead", year=1968)
    assert [r["tmdb_id"] for r in result["results"]] == [NOTLD]


async def test_get_media_with_availability(
    hass: HomeAssistant, sims: Sims, media_hub: MockConfigEntry
) -> None:
    result = await call(hass, "get_media", tmdb_id=NOTLD, media_type="movie")
    assert result["title"] == "Night of the Living Dead"
    assert result["runtime"] == 96
    assert result["imdb_id"] == "tt0063350"
    assert result["cast"][0]["name"] == "Duane Jones"
    assert result["availability_error"] is None
    assert isinstance(result["availability"], list)

    used = sims.watchmode.quota_used
    await call(hass, "get_media", tmdb_id=NOTLD, media_type="movie")
    assert sims.watchmode.quota_used == used  # a day's cache protects the monthly quota


async def test_only_http_links_reach_the_answers(
    hass: HomeAssistant, sims: Sims, media_hub: MockConfigEntry, hass_ws_client: Any
) -> None:
    """Links go into the panel's `href`s: `javascript:` or `data:` must never get there."""
    safe = "https://tv.apple.com/watch/1"
    sims.watchmode.web_urls = [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        " JavaScript:alert(1)",
        safe,
    ]
    sims.tmdb.provider_link = "javascript:alert(document.cookie)"

    result = await call(hass, "get_media", tmdb_id=NOTLD, media_type="movie")
    links = [source["web_url"] for source in result["availability"]]
    assert len(links) >= 4
    assert set(links) == {None, safe}
    assert result["watch_providers"]["region"] == "US"
    assert result["watch_providers"]["link"] is None

    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {"type": "pandora/media", "tmdb_id": NOTLD, "media_type": "movie"}
    )
    answer = await client.receive_json()
    assert answer["success"], answer
    text = json.dumps(answer["result"]).lower()
    assert "javascript:" not in text
    assert "data:" not in text
    assert safe in text


async def test_watchmode_quota_is_reported_not_fatal(
    hass: HomeAssistant, sims: Sims, media_hub: MockConfigEntry
) -> None:
    sims.watchmode.quota_used = sims.watchmode.quota
    result = await call(hass, "get_media", tmdb_id=NOTLD, media_type="movie")
    assert result["title"] == "Night of the Living Dead"
    assert result["availability"] is None
    assert result["availability_error"]
    subentry_id = next(
        s.subentry_id for s in media_hub.subentries.values() if s.subentry_type == "watchmode"
    )
    assert ir.async_get(hass).async_get_issue(DOMAIN, f"quota_exceeded_{subentry_id}")


async def test_bad_tmdb_key_starts_reauth(
    hass: HomeAssistant, sims: Sims, media_hub: MockConfigEntry
) -> None:
    sims.tmdb.api_key = "0" * 32
    with pytest.raises(HomeAssistantError):
        await call(hass, "search_media", query="metropolis")
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [f["context"]["source"] for f in flows] == ["reauth"]


@pytest.mark.parametrize(
    ("service", "data"),
    [
        ("discover", {"list": "everything"}),
        ("discover", {"list": "popular_tv", "page": 0}),
        ("search_media", {"query": "   "}),
        ("search_media", {"query": "x", "media_type": "person"}),
        ("get_media", {"tmdb_id": -4, "media_type": "movie"}),
        ("search_torrents", {}),
        ("search_torrents", {"query": "a", "tmdb_id": 5}),
        ("download_release", {}),
        ("download_release", {"result_id": "not-an-id"}),
        ("download_release", {"url": "ftp://example.org/x.torrent"}),
    ],
)
async def test_bad_input_is_refused(
    hass: HomeAssistant, media_hub: MockConfigEntry, service: str, data: dict[str, Any]
) -> None:
    with pytest.raises(ServiceValidationError):
        await call(hass, service, **data)


async def test_services_not_configured(hass: HomeAssistant, sims: Sims) -> None:
    await setup_hub(hass, hub_entry())
    with pytest.raises(ServiceValidationError, match="TMDB is not configured"):
        await call(hass, "discover", list="trending_day")
    with pytest.raises(ServiceValidationError, match="No Jackett"):
        await call(hass, "search_torrents", query="anything")


# --- torrent search ------------------------------------------------------------------------------


async def test_search_torrents_ranks_and_explains(
    hass: HomeAssistant, sims: Sims, media_hub: MockConfigEntry
) -> None:
    result = await call(hass, "search_torrents", query="Night of the Living Dead")
    assert result["total"] == 3  # merged from two indexers, duplicates removed
    titles = [r["title"] for r in result["results"]]
    assert titles[0].startswith("Night.of.the.Living.Dead.1968.1080p.BluRay")  # quality first
    assert not any("CAM" in t for t in titles)  # rejected by default
    best = result["results"][0]
    assert best["resolution"] == "1080p"
    assert best["source"] == "bluray"
    assert best["reasons"]
    assert "magnet:" in best["magnet"]
    assert "apikey" not in str(result)  # Jackett's key never leaves the backend

    everything = await call(
        hass, "search_torrents", query="Night of the Living Dead", include_rejected=True
    )
    cam = next(r for r in everything["results"] if "CAM" in r["title"])
    assert cam["accepted"] is False
    assert any("CAM" in reason for reason in cam["reasons"])


async def test_search_torrents_from_tmdb_id(
    hass: HomeAssistant, sims: Sims, media_hub: MockConfigEntry
) -> None:
    result = await call(hass, "search_torrents", tmdb_id=NOTLD, media_type="movie")
    assert result["query"] == "Night of the Living Dead 1968"
    assert result["results"]
    assert any(params.get("cat") == "2000" for _, params in sims.jackett.requests)
    with pytest.raises(ServiceValidationError, match="“TMDB id” needs “Type”"):
        await call(hass, "search_torrents", tmdb_id=NOTLD)


async def test_preferences_from_hub_options(
    hass: HomeAssistant, sims: Sims, media_hub: MockConfigEntry
) -> None:
    hass.config_entries.async_update_entry(
        media_hub,
        options=media_hub.options | {"preferred_resolution": "720p", "excluded_words": "grp"},
    )
    await hass.async_block_till_done()
    result = await call(hass, "search_torrents", query="Night of the Living Dead")
    assert [r["resolution"] for r in result["results"]] == ["720p"]


async def test_failing_jackett_does_not_sink_the_search(hass: HomeAssistant, sims: Sims) -> None:
    sims.jackett.indexer("publictwo").failure = Failure.HTTP_500
    await setup_hub(
        hass,
        hub_entry(
            jackett_subentry(sims.jackett_url, sims.jackett.api_key, "publicone publictwo"),
            jackett_subentry(
                sims.jackett_url + "/other", "wrong-key", title="Jackett with a bad key"
            ),
        ),
    )
    result = await call(hass, "search_torrents", query="Night of the Living Dead")
    assert {r["infohash"] for r in result["results"]} == {_hash(1), _hash(2)}
    states = {s["instance"]: s for s in result["instances"]}
    assert states["Jackett"]["state"] == "partial"
    assert states["Jackett with a bad key"]["state"] == "error"


# --- downloading ------------------------------------------------------------------------------


async def test_download_release_by_result_id(
    hass: HomeAssistant, sims: Sims, qb_daemon: QBittorrentDaemon
) -> None:
    hub = await setup_hub(
        hass,
        hub_entry(qb_subentry(qb_daemon), jackett_subentry(sims.jackett_url, sims.jackett.api_key)),
    )
    found = await call(hass, "search_torrents", query="Night of the Living Dead")
    best = found["results"][0]
    added = await call(
        hass,
        "download_release",
        result_id=best["result_id"],
        tmdb_id=NOTLD,
        media_type="movie",
        paused=True,
    )
    assert added["infohash"] == _hash(1)
    assert added["release"] == best["title"]
    qb_daemon.wait_for(lambda t: t["hash"] == _hash(1))
    link = hub.runtime_data.history.link_for(_hash(1))
    assert link == {"tmdb_id": NOTLD, "media_type": "movie", "release": best["title"]}

    with pytest.raises(ServiceValidationError, match="kept for an hour"):
        await call(hass, "download_release", result_id="f" * 40)


async def test_download_release_is_for_admins(
    hass: HomeAssistant, media_hub: MockConfigEntry, hass_read_only_user: Any
) -> None:
    with pytest.raises(Unauthorized):
        await call(
            hass,
            "download_release",
            context=Context(user_id=hass_read_only_user.id),
            url="magnet:?xt=urn:btih:" + _hash(9),
        )


@pytest.fixture
def seeder() -> Iterator[QBittorrentDaemon]:
    allow_loopback()
    daemon = QBittorrentDaemon(version="4").start()
    yield daemon
    daemon.stop()


async def test_search_then_download_completes_for_real(
    hass: HomeAssistant,
    sims: Sims,
    qb_daemon: QBittorrentDaemon,
    seeder: QBittorrentDaemon,
) -> None:
    """Jackett serves a .torrent (no magnet): Pandora fetches it, qBittorrent downloads it."""
    payload = make_payload(seeder.host_base / "data", "Carnival of Souls (1962).mkv", 4 << 20)
    torrent: TorrentFile = make_torrent(payload)
    seeder.add_torrent_file(torrent.content, payload.parent, skip_checking=True)
    sims.jackett.indexers.append(
        SimIndexer(
            "archive",
            "Archive",
            releases=[
                SimRelease(
                    "Carnival.of.Souls.1962.1080p.BluRay.x264-ARCHIVE",
                    size=torrent.size,
                    seeders=12,
                    infohash=torrent.infohash,
                    torrent_bytes=torrent.content,
                    magnet=False,
                )
            ],
        )
    )
    completed = async_capture_events(hass, EVENT_TORRENT_PREFIX + "completed")
    hub = await setup_hub(
        hass,
        hub_entry(qb_subentry(qb_daemon), jackett_subentry(sims.jackett_url, sims.jackett.api_key)),
    )
    found = await call(hass, "search_torrents", query="Carnival of Souls")
    release = found["results"][0]
    assert release["magnet"] is None
    assert release["has_torrent_file"] is True
    await call(hass, "download_release", result_id=release["result_id"], tmdb_id=900002)
    client = next(iter(hub.runtime_data.qbittorrent.values())).client
    qb_daemon.wait_for(lambda t: t["hash"] == torrent.infohash)
    await client.add_peers([torrent.infohash], [f"127.0.0.1:{seeder.bt_port}"])
    await poll_until(hass, lambda: bool(completed), timeout=120)
    assert completed[0].data["hash"] == torrent.infohash
    assert completed[0].data["tmdb_id"] == 900002
    assert filecmp.cmp(payload, qb_daemon.downloads / torrent.name, shallow=False)


async def test_search_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """bench/search.py end to end, small: the fan-out is concurrent (not the 1 s sum)."""
    from bench import search as bench_search

    figures = await bench_search.run(rounds=2)
    assert figures["cached_median"] < figures["uncached_median"]
    assert figures["fanout_max"] < 5 * 200  # functional: concurrent, not sequential
    bench_search.report(figures)
    assert "fan-out target" in capsys.readouterr().out


async def test_diagnostics_redact_keys(
    hass: HomeAssistant, sims: Sims, media_hub: MockConfigEntry
) -> None:
    from custom_components.pandora.diagnostics import async_get_config_entry_diagnostics

    await call(hass, "get_media", tmdb_id=NOTLD, media_type="movie")
    diagnostics = await async_get_config_entry_diagnostics(hass, media_hub)
    text = str(diagnostics)
    for secret in (sims.tmdb.api_key, sims.watchmode.api_key, sims.jackett.api_key):
        assert secret not in text
    assert diagnostics["cache"]["entries"] >= 2
    assert diagnostics["watchmode_quota"]["used"] == sims.watchmode.quota_used
