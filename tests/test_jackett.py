"""The Jackett client and Torznab parsers against the Jackett simulator (real HTTP on loopback)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
import contextlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from xml.etree import ElementTree as ET

import aiohttp
from hypothesis import HealthCheck, given, settings, strategies as st
from multidict import CIMultiDict, CIMultiDictProxy
import pytest

from custom_components.pandora.api.errors import (
    CannotConnect,
    InvalidAuth,
    NotFound,
    PandoraError,
    ParseError,
    RateLimited,
    ServiceError,
)
from custom_components.pandora.api.http import HttpResponse, redact
from custom_components.pandora.api.jackett import (
    IndexerState,
    JackettClient,
    merge_results,
    search_params,
)
from custom_components.pandora.api.jackett_models import (
    TORZNAB_NS,
    TorznabResult,
    infohash_from_magnet,
    normalize_imdb_id,
    parse_caps,
    parse_indexers,
    parse_results,
)
from devtools.simulators.jackett import (
    DEFAULT_API_KEY,
    Failure,
    JackettSimulator,
    SimIndexer,
    SimRelease,
    caps_lines,
    fake_torrent,
    render_error,
    render_results,
    start,
    torrent_infohash,
)

KEY = DEFAULT_API_KEY
GIB = 1024**3
MATRIX_HASH = hashlib.sha1(b"matrix", usedforsecurity=False).hexdigest()
EPISODE_TORRENT = fake_torrent("Show.S02E03.1080p.mkv", 2 * GIB)


def _hash(name: str) -> str:
    return hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()


MATRIX = SimRelease(
    "The.Matrix.1999.1080p.BluRay.x264",
    size=10 * GIB,
    seeders=120,
    leechers=7,
    infohash=MATRIX_HASH,
    categories=(2000, 2040),
    imdb_id="tt0133093",
    tmdb_id=603,
    grabs=1500,
    files=3,
    publish_date=datetime(2026, 3, 14, 17, 10, 42, tzinfo=timezone(timedelta(hours=-4))),
    download_volume_factor=0.5,
)
RELOADED = SimRelease(
    "The.Matrix.Reloaded.2003.2160p.UHD.BluRay.x265",
    size=60 * GIB,
    seeders=40,
    leechers=3,
    infohash=_hash("reloaded"),
    categories=(2000, 2045),
    imdb_id="tt0234215",
)
EPISODE = SimRelease(
    "Show.S02E03.1080p.WEB-DL",
    size=2 * GIB,
    seeders=300,
    leechers=20,
    infohash=torrent_infohash(EPISODE_TORRENT),
    categories=(5000, 5040),
    tvdb_id=371980,
    torrent_bytes=EPISODE_TORRENT,
    magnet=False,
)
OTHER_EPISODE = SimRelease(
    "Show.S02E05.1080p.WEB-DL", size=GIB, seeders=10, infohash=_hash("e5"), categories=(5040,)
)
FIRST_SEASON = SimRelease(
    "Show.S01E01.720p.HDTV", size=GIB, seeders=5, infohash=_hash("s1"), categories=(5030,)
)


def catalogue() -> list[SimIndexer]:
    return [
        SimIndexer("1337x", "1337x", releases=[MATRIX, RELOADED]),
        SimIndexer(
            "torrentleech",
            "TorrentLeech",
            type="private",
            releases=[EPISODE, OTHER_EPISODE, FIRST_SEASON],
        ),
        SimIndexer("rarbg", "RARBG", configured=False, releases=[MATRIX]),
    ]


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@contextlib.asynccontextmanager
async def serving(simulator: JackettSimulator) -> AsyncIterator[str]:
    runner, port = await start(simulator)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@pytest.fixture
async def sim() -> AsyncIterator[tuple[JackettSimulator, str]]:
    simulator = JackettSimulator(indexers=catalogue())
    async with serving(simulator) as url:
        yield simulator, url


@pytest.fixture
def client(sim: tuple[JackettSimulator, str], session: aiohttp.ClientSession) -> JackettClient:
    return JackettClient(sim[1], KEY, session)


# --- caps and indexers ----------------------------------------------------------------------


async def test_caps_of_the_aggregate_and_of_one_indexer(client: JackettClient) -> None:
    caps = await client.caps()
    assert caps.server_title == "Jackett"
    assert caps.limit_default is None  # the meta indexer has no limits element
    assert caps.supports("search", "q")
    assert caps.supports("movie", "imdbid")
    assert caps.supports("tvsearch", "season")
    assert not caps.supports("book")
    assert not caps.supports("movie", "tmdbid")
    assert caps.categories[2040] == "Movies/HD"
    assert caps.categories[5000] == "TV"
    assert 2040 in caps.subcategories[2000]

    named = await client.caps("1337x")
    assert (named.limit_default, named.limit_max) == (100, 100)
    assert named.search_modes["tv-search"].supported_params == ("q", "season", "ep")


async def test_indexers_lists_configured_ones_with_caps(
    client: JackettClient, sim: tuple[JackettSimulator, str]
) -> None:
    indexers = await client.indexers()
    assert [i.id for i in indexers] == ["1337x", "torrentleech"]
    leech = indexers[1]
    assert leech.name == "TorrentLeech"
    assert leech.configured
    assert leech.private
    assert leech.link == "https://torrentleech.example.org/"
    assert leech.caps is not None
    assert leech.caps.supports("tvsearch", "ep")
    assert sim[0].requests[-1] == ("all", {"t": "indexers", "configured": "true"})


# --- searching ------------------------------------------------------------------------------


async def test_search_all_parses_every_field(client: JackettClient) -> None:
    results = await client.search("matrix 1999")
    assert len(results) == 1
    matrix = results[0]
    assert matrix.title == MATRIX.title
    assert matrix.indexer_id == "1337x"
    assert matrix.indexer_name == "1337x"
    assert matrix.indexer_type == "public"
    assert matrix.size == 10 * GIB
    assert (matrix.seeders, matrix.leechers) == (120, 7)
    assert (matrix.grabs, matrix.files) == (1500, 3)
    assert matrix.infohash == MATRIX_HASH
    assert matrix.magnet_uri is not None
    assert matrix.magnet_uri.startswith(f"magnet:?xt=urn:btih:{MATRIX_HASH}")
    assert matrix.download_uri == matrix.magnet_uri
    assert matrix.torrent_url is None
    assert matrix.details_url == "https://1337x.example.org/torrent/0"
    assert matrix.guid == matrix.details_url
    assert matrix.categories == (2000, 2040)
    assert (matrix.imdb_id, matrix.tmdb_id, matrix.tvdb_id) == ("tt0133093", 603, None)
    assert matrix.publish_date == MATRIX.publish_date
    assert matrix.publish_date is not None
    assert matrix.publish_date.utcoffset() == timedelta(hours=-4)
    assert (matrix.download_volume_factor, matrix.upload_volume_factor) == (0.5, 1.0)
    assert not matrix.freeleech


async def test_aggregate_orders_by_gain_and_skips_unconfigured(client: JackettClient) -> None:
    results = await client.search("matrix")
    # Reloaded: 40 seeders x 60 GiB beats 120 x 10 GiB; rarbg is not configured.
    assert [r.title for r in results] == [RELOADED.title, MATRIX.title]
    assert {r.indexer_id for r in results} == {"1337x"}
    assert len(await client.search("matrix", limit=1)) == 1


async def test_search_one_named_indexer(
    client: JackettClient, sim: tuple[JackettSimulator, str]
) -> None:
    results = await client.search("show", indexer="torrentleech")
    assert [r.title for r in results] == [EPISODE.title, OTHER_EPISODE.title, FIRST_SEASON.title]
    assert all(r.indexer_id == "torrentleech" and r.indexer_type == "private" for r in results)
    assert sim[0].requests[-1] == ("torrentleech", {"t": "search", "q": "show"})
    assert await client.search("matrix", indexer="torrentleech") == []


async def test_categories_select_parents_and_subcategories(
    client: JackettClient, sim: tuple[JackettSimulator, str]
) -> None:
    tv = await client.search("", categories=[5000])
    assert {r.title for r in tv} == {EPISODE.title, OTHER_EPISODE.title, FIRST_SEASON.title}
    hd = await client.search("", categories=[5040, 2045])
    assert {r.title for r in hd} == {EPISODE.title, OTHER_EPISODE.title, RELOADED.title}
    assert sim[0].requests[-1][1]["cat"] == "5040,2045"


async def test_movie_search_by_imdb_id(
    client: JackettClient, sim: tuple[JackettSimulator, str]
) -> None:
    results = await client.search(mode="movie", imdb_id="133093")
    assert [r.title for r in results] == [MATRIX.title]
    assert sim[0].requests[-1][1] == {"t": "movie", "q": "", "imdbid": "tt0133093"}


async def test_tv_search_by_season_and_episode(
    client: JackettClient, sim: tuple[JackettSimulator, str]
) -> None:
    episode = await client.search("show", mode="tvsearch", season=2, episode=3)
    assert [r.title for r in episode] == [EPISODE.title]
    assert sim[0].requests[-1][1] == {"t": "tvsearch", "q": "show", "season": "2", "ep": "3"}
    season = await client.search("show", mode="tvsearch", season=2)
    assert {r.title for r in season} == {EPISODE.title, OTHER_EPISODE.title}


async def test_proxied_torrent_link_downloads_and_stays_out_of_reprs(
    client: JackettClient, session: aiohttp.ClientSession
) -> None:
    (episode,) = await client.search("show s02e03")
    assert episode.magnet_uri is None
    assert episode.infohash == torrent_infohash(EPISODE_TORRENT)
    assert episode.torrent_url is not None
    assert "/dl/torrentleech/?jackett_apikey=" in episode.torrent_url
    assert episode.download_uri == episode.torrent_url
    assert KEY not in repr(episode)
    async with session.get(episode.torrent_url) as resp:
        assert resp.status == 200
        assert resp.content_type == "application/x-bittorrent"
        assert await resp.read() == EPISODE_TORRENT
    async with session.get(episode.torrent_url.replace(KEY, "wrong")) as resp:
        assert resp.status == 401


async def test_infohash_from_a_base32_magnet() -> None:
    release = replace(MATRIX, magnet_base32=True, publish_infohash=False)
    simulator = JackettSimulator(indexers=[SimIndexer("tpb", "TPB", releases=[release])])
    async with serving(simulator) as url, aiohttp.ClientSession() as session:
        (result,) = await JackettClient(url, KEY, session).search("matrix")
    assert result.magnet_uri is not None
    assert MATRIX_HASH not in result.magnet_uri  # the magnet spells it in base32
    assert result.infohash == MATRIX_HASH


# --- errors -----------------------------------------------------------------------------------


async def test_bad_key_answered_with_error_100(sim: tuple[JackettSimulator, str]) -> None:
    secret = "not-the-key-" + "x" * 20
    async with aiohttp.ClientSession() as session:
        client = JackettClient(sim[1], secret, session)
        with pytest.raises(InvalidAuth) as err:
            await client.search("matrix")
    assert secret not in str(err.value)


@pytest.mark.parametrize("status", [401, 403])
async def test_bad_key_answered_with_http_401(status: int) -> None:
    simulator = JackettSimulator(indexers=catalogue(), auth_failure_status=status)
    async with serving(simulator) as url, aiohttp.ClientSession() as session:
        with pytest.raises(InvalidAuth):
            await JackettClient(url, "wrong", session).caps()
        assert (await JackettClient(url, KEY, session).caps()).server_title == "Jackett"


def _failing(failure: Failure, retry_after: int = 60) -> JackettSimulator:
    flaky = SimIndexer("flaky", "Flaky", [MATRIX], failure=failure, retry_after=retry_after)
    return JackettSimulator(indexers=[flaky])


async def test_rate_limited_indexer_gives_retry_after() -> None:
    async with (
        serving(_failing(Failure.RATE_LIMITED, retry_after=42)) as url,
        aiohttp.ClientSession() as session,
    ):
        with pytest.raises(RateLimited) as err:
            await JackettClient(url, KEY, session).search("matrix", indexer="flaky")
    assert err.value.retry_after == 42
    assert "flaky" in str(err.value)


async def test_server_error_is_a_service_error() -> None:
    async with serving(_failing(Failure.HTTP_500)) as url, aiohttp.ClientSession() as session:
        with pytest.raises(ServiceError, match="HTTP 500") as err:
            await JackettClient(url, KEY, session).search("matrix", indexer="flaky")
    assert not isinstance(err.value, ParseError)


async def test_indexer_failure_900_is_not_a_rate_limit_and_hides_the_key() -> None:
    async with (
        serving(_failing(Failure.INDEXER_ERROR)) as url,
        aiohttp.ClientSession() as session,
    ):
        with pytest.raises(ServiceError) as err:
            await JackettClient(url, KEY, session).search("matrix", indexer="flaky")
    message = str(err.value)
    assert message.startswith("Jackett error 900: Jackett.Common.IndexerException")
    assert "jackett_apikey=<redacted>" in message  # the description quoted a proxied link
    assert KEY not in message


async def test_malformed_xml_is_a_parse_error() -> None:
    async with serving(_failing(Failure.MALFORMED)) as url, aiohttp.ClientSession() as session:
        with pytest.raises(ParseError):
            await JackettClient(url, KEY, session).search("matrix", indexer="flaky")


async def test_unknown_and_unconfigured_indexers_are_not_found(client: JackettClient) -> None:
    with pytest.raises(NotFound, match="not supported"):
        await client.search("x", indexer="nope")
    with pytest.raises(NotFound, match="not configured"):
        await client.caps("rarbg")


async def test_unsupported_parameter_is_a_service_error(client: JackettClient) -> None:
    with pytest.raises(ServiceError, match=r"203.*tmdbid is not supported"):
        await client.search(mode="movie", tmdb_id=603, indexer="1337x")


async def test_unreachable_server(session: aiohttp.ClientSession) -> None:
    client = JackettClient("http://127.0.0.1:9", KEY, session, request_timeout=2)
    with pytest.raises(CannotConnect) as err:
        await client.caps()
    assert KEY not in str(err.value)


async def test_invalid_arguments_raise_before_any_request(client: JackettClient) -> None:
    with pytest.raises(ValueError, match="mode"):
        await client.search("x", mode="music")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="season"):
        await client.search("x", mode="tvsearch", episode=3)
    with pytest.raises(ValueError, match="IMDb"):
        await client.search_indexers("x", ["1337x"], imdb_id="nm0000206")
    with pytest.raises(ValueError, match="indexer"):
        await client.search("x", indexer=" ")
    assert search_params("  q ", categories=[2000, 5000], limit=0) == {
        "t": "search",
        "q": "q",
        "cat": "2000,5000",
        "limit": "1",
    }


@pytest.mark.parametrize(
    "failure", [Failure.HTTP_500, Failure.RATE_LIMITED, Failure.INDEXER_ERROR, Failure.MALFORMED]
)
async def test_api_key_never_in_error_messages(failure: Failure) -> None:
    async with serving(_failing(failure)) as url, aiohttp.ClientSession() as session:
        client = JackettClient(url, KEY, session)
        with pytest.raises(PandoraError) as err:
            await client.search("matrix", indexer="flaky")
        outcome = await client.search_indexers("matrix", ["flaky"], 5)
    assert KEY not in str(err.value)
    assert KEY not in repr(err.value)
    assert KEY not in json.dumps([str(s) for s in outcome.statuses])
    assert KEY not in repr(client)


# --- several indexers at once -----------------------------------------------------------------


async def test_indexers_are_searched_concurrently() -> None:
    indexers = [
        SimIndexer(
            f"idx{n}", f"Indexer {n}", releases=[replace(MATRIX, infohash=_hash(str(n)))], delay=0.2
        )
        for n in range(5)
    ]
    async with (
        serving(JackettSimulator(indexers=indexers)) as url,
        aiohttp.ClientSession() as session,
    ):
        client = JackettClient(url, KEY, session)
        started = time.monotonic()
        outcome = await client.search_indexers("matrix", [i.id for i in indexers], 5)
        wall = time.monotonic() - started
    assert wall < 0.6, f"5 x 0.2 s took {wall:.2f} s: not concurrent"
    assert outcome.complete
    assert len(outcome.results) == 5
    assert all(s.results == 1 and s.elapsed_ms >= 190 for s in outcome.statuses)


async def test_slow_and_failing_indexers_do_not_sink_the_search() -> None:
    indexers = [
        SimIndexer("good", "Good", releases=[MATRIX]),
        SimIndexer("also-good", "Also Good", releases=[RELOADED], delay=0.05),
        SimIndexer("slow", "Slow", releases=[OTHER_EPISODE], delay=1.0),
        SimIndexer("broken", "Broken", releases=[MATRIX], failure=Failure.HTTP_500),
        SimIndexer(
            "limited", "Limited", releases=[MATRIX], failure=Failure.RATE_LIMITED, retry_after=30
        ),
        SimIndexer("garbled", "Garbled", releases=[MATRIX], failure=Failure.MALFORMED),
    ]
    async with (
        serving(JackettSimulator(indexers=indexers)) as url,
        aiohttp.ClientSession() as session,
    ):
        client = JackettClient(url, KEY, session)
        started = time.monotonic()
        outcome = await client.search_indexers(
            "matrix", [*(i.id for i in indexers), "missing", "good"], per_indexer_timeout=0.4
        )
        wall = time.monotonic() - started
    assert wall < 0.9
    assert {r.title for r in outcome.results} == {MATRIX.title, RELOADED.title}
    status = outcome.by_indexer
    assert list(status) == ["good", "also-good", "slow", "broken", "limited", "garbled", "missing"]
    assert status["good"].state is IndexerState.OK
    assert status["also-good"].results == 1
    assert status["slow"].state is IndexerState.TIMEOUT
    assert status["slow"].error == "no answer within 0.4 s"
    assert 350 <= status["slow"].elapsed_ms < 900
    assert status["broken"].state is IndexerState.ERROR
    assert status["broken"].error is not None
    assert "HTTP 500" in status["broken"].error
    assert status["limited"].retry_after == 30
    assert status["garbled"].error == "Jackett sent malformed XML for a search"
    assert status["missing"].error is not None
    assert "not supported" in status["missing"].error
    assert not outcome.complete


async def test_a_refused_key_fails_the_whole_multi_indexer_search(
    sim: tuple[JackettSimulator, str], session: aiohttp.ClientSession
) -> None:
    """The key is the server's, not an indexer's: its refusal is the search's (and reauth's)."""
    client = JackettClient(sim[1], "not-the-key-not-the-key-not-the-", session)
    with pytest.raises(InvalidAuth):
        await client.search_indexers("matrix", ["1337x", "yts"])


async def test_dedup_by_infohash_keeps_most_seeders() -> None:
    shared = _hash("shared")
    indexers = [
        SimIndexer(name, name.upper(), releases=[replace(MATRIX, infohash=shared, seeders=seeders)])
        for name, seeders in (("a", 5), ("b", 50), ("c", 20))
    ]
    async with (
        serving(JackettSimulator(indexers=indexers)) as url,
        aiohttp.ClientSession() as session,
    ):
        client = JackettClient(url, KEY, session)
        outcome = await client.search_indexers("matrix", ["a", "b", "c"])
        raw = await client.search("matrix")
    assert len(raw) == 3  # Jackett's own aggregate keeps duplicates
    (best,) = outcome.results
    assert (best.indexer_id, best.seeders) == ("b", 50)


async def test_merge_results_of_two_jackett_instances() -> None:
    first = JackettSimulator(indexers=[SimIndexer("x", "X", releases=[MATRIX, RELOADED])])
    second = JackettSimulator(
        indexers=[SimIndexer("y", "Y", releases=[replace(MATRIX, seeders=500), EPISODE])],
        api_key="another-key-another-key-another-",
    )
    async with (
        serving(first) as url1,
        serving(second) as url2,
        aiohttp.ClientSession() as session,
    ):
        one = await JackettClient(url1, KEY, session).search("")
        two = await JackettClient(url2, second.api_key, session).search("")
    merged = merge_results(one, two)
    assert [r.title for r in merged] == [RELOADED.title, MATRIX.title, EPISODE.title]
    assert merged[1].seeders == 500
    assert merged[1].indexer_id == "y"


def test_merge_without_infohash_uses_guid() -> None:
    def result(guid: str, seeders: int | None) -> TorznabResult:
        return TorznabResult(
            title="t",
            guid=guid,
            indexer_id="i",
            indexer_name="I",
            seeders=seeders,
            torrent_url=f"http://h/{guid}",
        )

    merged = merge_results([result("g1", None), result("g2", 1)], [result("g1", 3)])
    assert [(r.guid, r.seeders) for r in merged] == [("g1", 3), ("g2", 1)]


# --- parsing details --------------------------------------------------------------------------


def _rss(item: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:torznab="{TORZNAB_NS}">'
        f"<channel><title>x</title>{item}</channel></rss>"
    ).encode()


def test_items_from_other_torznab_servers_use_the_hint() -> None:
    item = (
        "<item><title>A</title><guid>g</guid><link>http://h/a.torrent</link>"
        "<pubDate>Sat, 14 Mar 2015 17:10:42 -0400</pubDate><size>12</size>"
        '<torznab:attr name="seeders" value="3"/><torznab:attr name="peers" value="2"/>'
        '<torznab:attr name="imdb" value="133093"/><torznab:attr name="infohash" value="nope"/>'
        '<torznab:attr name="category" value="2000"/><category>2000</category>'
        '<torznab:attr name="seeders" value="99"/></item>'
        "<item><title></title><link>http://h/b.torrent</link></item>"  # no title: skipped
        "<item><title>no link</title></item>"  # nothing to download: skipped
    )
    (result,) = parse_results(_rss(item), "prowlarr-7")
    assert (result.indexer_id, result.indexer_name) == ("prowlarr-7", "prowlarr-7")
    assert result.torrent_url == "http://h/a.torrent"
    assert result.magnet_uri is None
    assert result.infohash is None
    assert (result.seeders, result.leechers) == (3, 0)  # peers below seeders: no negatives
    assert result.imdb_id == "tt0133093"
    assert result.categories == (2000,)
    assert result.publish_date == datetime(2015, 3, 14, 21, 10, 42, tzinfo=UTC)


@pytest.mark.parametrize(
    ("code", "description", "status", "error"),
    [
        (100, "Invalid API Key", 200, InvalidAuth),
        (900, "Exception (x): Too Many Requests", 400, RateLimited),
        (900, "Exception (x): it broke", 429, RateLimited),
        (900, "Exception (x): it broke", 400, ServiceError),
        (201, "Indexer is not supported", 200, NotFound),
        (203, "Function Not Available", 400, ServiceError),
    ],
)
def test_error_documents(
    code: int, description: str, status: int, error: type[PandoraError]
) -> None:
    for parse in (
        lambda b: parse_results(b, None, http_status=status),
        lambda b: parse_caps(b, http_status=status),
        lambda b: parse_indexers(b, http_status=status),
    ):
        with pytest.raises(error) as err:
            parse(render_error(code, description))
        assert type(err.value) is error


def test_wrong_documents_are_parse_errors() -> None:
    caps = _document_bytes(caps_lines({2000: "Movies"}, (), (), None))
    with pytest.raises(ParseError, match="instead of a Torznab feed"):
        parse_results(caps)
    with pytest.raises(ParseError, match="instead of <caps>"):
        parse_caps(_rss(""))
    with pytest.raises(ParseError, match="instead of <indexers>"):
        parse_indexers(caps)
    assert parse_caps(caps).supports("tvsearch") is False


def test_helpers() -> None:
    b32 = "GMKPAYA767VDTCPYRZLL73JIHV3C7CO4"
    assert infohash_from_magnet(f"magnet:?dn=x&xt=urn:btih:{b32}") == (
        "3314f0601ff7ea3989f88e56bfed283d762f89dc"
    )
    assert infohash_from_magnet("magnet:?xt=urn:btmh:1220abcd") is None
    assert infohash_from_magnet(f"magnet:?xt=urn:btih:bad&xt=urn:btih:{MATRIX_HASH.upper()}") == (
        MATRIX_HASH
    )
    assert normalize_imdb_id("tt12345678") == "tt12345678"
    assert normalize_imdb_id("tt0000000") is None
    assert redact("http://h/dl/x/?jackett_apikey=abc&path=p&apikey=def") == (
        "http://h/dl/x/?jackett_apikey=<redacted>&path=p&apikey=<redacted>"
    )
    assert redact("key abc123 leaked", ["abc123"]) == "key <redacted> leaked"


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (302, b"", "redirected the request (HTTP 302)"),
        (404, b"<html>Not Found</html>", "answered HTTP 404 for indexer x"),
        (400, _rss(""), "answered HTTP 400 for indexer x"),  # a feed with an error status
    ],
)
def test_unexpected_statuses(
    session: aiohttp.ClientSession, status: int, body: bytes, message: str
) -> None:
    client = JackettClient("http://127.0.0.1:1", KEY, session)
    resp = HttpResponse(status, CIMultiDictProxy(CIMultiDict()), body, "http://127.0.0.1:1/")
    with pytest.raises(ServiceError, match=re.escape(message)) as err:
        client._interpret("x", resp, lambda b, s: parse_results(b, http_status=s))
    assert not isinstance(err.value, ParseError)


def test_long_error_descriptions_and_odd_indexer_entries() -> None:
    with pytest.raises(ServiceError) as err:
        parse_caps(render_error(900, "at Jackett.Something() " * 100))
    assert len(str(err.value)) < 330
    assert str(err.value).endswith("…")
    with pytest.raises(ServiceError, match=r"Jackett error \?: no details"):
        parse_caps(b"<error/>")
    indexers = parse_indexers(
        b'<indexers><indexer configured="true"><title>no id</title></indexer>'
        b'<indexer id="bare" configured="True"/></indexers>'
    )
    assert [(i.id, i.name, i.configured, i.caps, i.private) for i in indexers] == [
        ("bare", "bare", True, None, False)
    ]


def test_standalone_simulator_prints_its_port() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "devtools.simulators.jackett", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )
    try:
        assert proc.stdout is not None
        port = json.loads(proc.stdout.readline())["port"]

        async def check() -> None:
            async with aiohttp.ClientSession() as session:
                client = JackettClient(f"http://127.0.0.1:{port}", KEY, session)
                outcome = await client.search_indexers(
                    "severance", ["thepiratebay", "torrentleech"]
                )
            assert outcome.complete
            (episode,) = outcome.results  # both indexers have it: the private one wins
            assert episode.indexer_id == "torrentleech"
            assert episode.freeleech

        asyncio.run(check())
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# --- fuzzing ------------------------------------------------------------------------------------


def _document_bytes(lines: list[str]) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines)).encode()


_FEED_INDEXER = SimIndexer("1337x", "1337x")
VALID_RSS = render_results(
    [(_FEED_INDEXER, n, r) for n, r in enumerate([MATRIX, RELOADED, EPISODE, OTHER_EPISODE])],
    server_url="http://127.0.0.1:9117/",
    api_key=KEY,
)
VALID_CAPS = _document_bytes(
    caps_lines(
        {2000: "Movies", 2040: "Movies/HD", 100001: "Custom"}, ("q", "season"), ("q",), (50, 100)
    )
)
PARSERS: list[Callable[[bytes], object]] = [
    lambda b: parse_results(b, "hint"),
    parse_caps,
    parse_indexers,
]
FUZZ = settings(
    max_examples=300,
    deadline=None,
    database=None,  # no .hypothesis directory in the repository
    suppress_health_check=[HealthCheck.too_slow],
)


def _only_pandora_errors(document: bytes) -> None:
    for parse in PARSERS:
        try:
            parsed = parse(document)
        except PandoraError:
            continue
        if isinstance(parsed, list) and parsed and isinstance(parsed[0], TorznabResult):
            for result in parsed:
                _check_result(result)


def _check_result(result: TorznabResult) -> None:
    assert result.title
    assert result.download_uri is not None
    assert result.infohash is None or (
        len(result.infohash) == 40 and result.infohash == result.infohash.lower()
    )
    int(result.infohash or "0", 16)
    for count in (result.size, result.seeders, result.leechers, result.grabs, result.files):
        assert count is None or count >= 0
    assert all(c > 0 for c in result.categories)
    assert result.publish_date is None or result.publish_date.tzinfo is not None


@FUZZ
@given(st.binary(max_size=2048))
def test_fuzz_random_bytes(data: bytes) -> None:
    _only_pandora_errors(data)


@st.composite
def mutated(draw: st.DrawFn, document: bytes) -> bytes:
    data = bytearray(document)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        match draw(st.sampled_from(["delete", "insert", "flip", "duplicate"])):
            case "delete":
                del data[at : at + draw(st.integers(1, 64))]
            case "insert":
                data[at:at] = draw(
                    st.one_of(
                        st.binary(min_size=1, max_size=16),
                        st.sampled_from([b"<", b">", b"&", b'"', b"</item>", b"<!--", b"\x00"]),
                    )
                )
            case "flip" if at < len(data):
                data[at] = draw(st.integers(0, 255))
            case _:
                data[at:at] = data[at : at + draw(st.integers(1, 256))]
    return bytes(data)


@FUZZ
@given(st.one_of(mutated(VALID_RSS), mutated(VALID_CAPS)))
def test_fuzz_mutated_documents(data: bytes) -> None:
    _only_pandora_errors(data)


ODD_VALUES = [
    "",
    " ",
    "-1",
    "0",
    "1e309",
    "nan",
    "inf",
    "9" * 5000,
    "tt",
    "tt-5",
    "magnet:?",
    "magnet:?xt=urn:btih:" + "Z" * 32,
    "magnet:?xt=urn:btih:" + "1" * 32,
    "magnet:?xt=urn:btih:%zz&xt=",
    "http://",
    "Mon, 99 Foo 2026 25:61:61 +9999",
    "Sat, 14 Mar 15 17:10:42 GMT",
    "Sat, 14 Mar 99999 17:10:42 +0000",
    "\u202e\U0001f600",
]
TEXT = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=40),
)


@st.composite
def scrambled(draw: st.DrawFn, document: bytes) -> bytes:
    """A well-formed document whose texts and attribute values are replaced at random."""
    root = ET.fromstring(document)
    for element in root.iter():
        if draw(st.booleans()):
            element.text = draw(TEXT)
        for name in list(element.attrib):
            if draw(st.booleans()):
                element.set(name, draw(TEXT))
        if draw(st.integers(0, 9)) == 0:
            element.clear()
    scrambled_document: bytes = ET.tostring(root, encoding="utf-8")
    return scrambled_document


@FUZZ
@given(st.one_of(scrambled(VALID_RSS), scrambled(VALID_CAPS)))
def test_fuzz_scrambled_values(data: bytes) -> None:
    _only_pandora_errors(data)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss><channel><item><title>&lol9;</title><link>http://h/x</link></item></channel></rss>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&xxe;</title><link>http://h/x</link></item></channel></rss>"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE caps SYSTEM "http://127.0.0.1:1/evil.dtd"><caps/>"""


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD])
def test_entities_and_dtds_are_refused(document: bytes) -> None:
    for parse in PARSERS:
        with pytest.raises(ParseError, match="malformed XML"):
            parse(document)
