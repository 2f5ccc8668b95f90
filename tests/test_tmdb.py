"""The TMDB client against the TMDB simulator over real HTTP on 127.0.0.1.

Also the pieces underneath: the models' defensive parsing, the rate limiter and the simulator's
PNG encoder.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
import json
import struct
import sys
import time
import zlib

import aiohttp
from aiohttp import web
import pytest

from custom_components.pandora.api.errors import (
    CannotConnect,
    InvalidAuth,
    NotFound,
    ParseError,
    RateLimited,
    ServiceError,
)
from custom_components.pandora.api.ratelimit import RateLimiter
from custom_components.pandora.api.tmdb import TmdbClient, is_read_access_token
from custom_components.pandora.api.tmdb_models import (
    DEFAULT_IMAGE_BASE_URL,
    ImageConfiguration,
    MediaDetails,
    MediaItem,
    MediaPage,
)
from devtools.simulators import catalogue
from devtools.simulators.tmdb import (
    DEFAULT_API_KEY,
    DEFAULT_READ_TOKEN,
    PNG_SIGNATURE,
    TmdbSimulator,
    encode_png,
    image_size,
    render_artwork,
    start,
)

MOVIE_COUNT = len(catalogue.MOVIES)


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
async def sim() -> AsyncIterator[tuple[TmdbSimulator, int]]:
    simulator = TmdbSimulator(retry_after=0.2)
    runner, port = await start(simulator)
    try:
        yield simulator, port
    finally:
        await runner.cleanup()


def _client(
    session: aiohttp.ClientSession, port: int, key: str = DEFAULT_API_KEY, **kw
) -> TmdbClient:
    return TmdbClient(session, key, base_url=f"http://127.0.0.1:{port}/3", **kw)


@pytest.fixture(params=["v3-key", "v4-token"])
def client(
    request: pytest.FixtureRequest, sim: tuple[TmdbSimulator, int], session: aiohttp.ClientSession
) -> TmdbClient:
    key = DEFAULT_API_KEY if request.param == "v3-key" else DEFAULT_READ_TOKEN
    return _client(session, sim[1], key)


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """Split a PNG into (type, data) chunks, checking every CRC."""
    assert data[:8] == PNG_SIGNATURE
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        tag = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(tag + body) & 0xFFFFFFFF
        chunks.append((tag, body))
        offset += 12 + length
    return chunks


def _decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of a PNG written by `encode_png` (filter 0 only)."""
    chunks = _png_chunks(data)
    assert chunks[0][0] == b"IHDR"
    assert chunks[-1] == (b"IEND", b"")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (depth, colour, interlace) == (8, 2, 0)
    raw = zlib.decompress(b"".join(body for tag, body in chunks if tag == b"IDAT"))
    stride = width * 3 + 1
    assert len(raw) == stride * height
    rows = [raw[y * stride : (y + 1) * stride] for y in range(height)]
    assert all(row[0] == 0 for row in rows)
    return width, height, [row[1:] for row in rows]


# --- connection test, images --------------------------------------------------------------


async def test_configuration_and_image_urls(
    client: TmdbClient, sim: tuple[TmdbSimulator, int]
) -> None:
    _, port = sim
    assert client.uses_bearer == client.api_key.startswith("eyJ")
    assert client.image_url("/p900001.png", "w342") == f"{DEFAULT_IMAGE_BASE_URL}w342/p900001.png"
    config = await client.configuration()
    assert config.secure_base_url == f"http://127.0.0.1:{port}/t/p/"
    assert "w342" in config.poster_sizes
    assert "w1280" in config.backdrop_sizes
    assert "h632" in config.profile_sizes
    assert client.images is config
    assert (
        client.image_url("/p900001.png", "w342") == f"http://127.0.0.1:{port}/t/p/w342/p900001.png"
    )
    assert client.image_url(None) is None
    assert config.image_url("p900001.png") == f"http://127.0.0.1:{port}/t/p/original/p900001.png"
    client.image_base_url = "https://cdn.example/t/p"
    assert client.image_url("/x.jpg", "w92") == "https://cdn.example/t/p/w92/x.jpg"


async def test_poster_and_backdrop_are_valid_pngs(
    client: TmdbClient, sim: tuple[TmdbSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, _ = sim
    await client.configuration()
    item = (await client.popular("movie")).results[0]
    for path, size, expected in (
        (item.poster_path, "w342", (342, 513)),
        (item.backdrop_path, "w780", (780, 439)),
    ):
        url = client.image_url(path, size)
        assert url is not None
        for _ in range(2):
            async with session.get(url) as resp:
                assert resp.status == 200
                assert resp.content_type == "image/png"
                body = await resp.read()
        assert body[:8] == PNG_SIGNATURE
        assert body[12:16] == b"IHDR"
        assert struct.unpack(">II", body[16:24]) == expected
        width, height, _rows = _decode_png(body)
        assert (width, height) == expected
    assert simulator.requests[f"/t/p/w342{item.poster_path}"] == 2
    async with session.get(client.image_url(item.poster_path, "x9") or "") as resp:
        assert resp.status == 404


# --- lists --------------------------------------------------------------------------------


async def test_trending_mixes_types_and_drops_persons(client: TmdbClient) -> None:
    day = await client.trending("all", "day")
    # The simulator puts two persons on the first page; the client drops them.
    assert len(day.results) == 18
    assert day.total_results == len(catalogue.TITLES) + 3
    everything = [i for p in (1, 2, 3) for i in (await client.trending("all", "day", p)).results]
    assert len(everything) == len(catalogue.TITLES)  # persons dropped on every page
    assert {item.media_type for item in everything} == {"movie", "tv"}
    week = await client.trending("all", "week")
    assert [i.tmdb_id for i in week.results] != [i.tmdb_id for i in day.results]
    movies = await client.trending("movie", "week", page=2)
    assert movies.page == 2
    assert all(item.media_type == "movie" for item in movies.results)
    assert len(movies.results) == 20
    tv = await client.trending("tv", "day")
    assert {item.title for item in tv.results} == {t.title for t in catalogue.SERIES}
    assert all(item.media_type == "tv" and item.year for item in tv.results)
    with pytest.raises(ValueError, match="window"):
        await client.trending("all", "month")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="media_type"):
        await client.trending("person")  # type: ignore[arg-type]


async def test_popular_pages(client: TmdbClient) -> None:
    first = await client.popular("movie")
    assert (first.page, first.total_pages, first.total_results) == (1, 3, MOVIE_COUNT)
    assert len(first.results) == 20
    popularity = [item.popularity for item in first.results]
    assert popularity == sorted(popularity, reverse=True)
    last = await client.popular("movie", page=3)
    assert len(last.results) == MOVIE_COUNT - 40
    seen = {i.tmdb_id for p in (first, await client.popular(page=2), last) for i in p.results}
    assert len(seen) == MOVIE_COUNT
    item = next(i for i in first.results if i.title == "Night of the Living Dead")
    assert item.year == 1968
    assert item.media_type == "movie"
    assert item.genre_ids == (27, 53)
    assert item.poster_path == "/p900001.png"
    assert item.rating == 7.5
    assert item.vote_count > 0
    series = await client.popular("tv")
    assert series.total_results == len(catalogue.SERIES)
    assert all(item.media_type == "tv" for item in series.results)
    with pytest.raises(ValueError, match="pages start at 1"):
        await client.popular(page=0)
    with pytest.raises(ValueError, match="media_type"):
        await client.popular("person")  # type: ignore[arg-type]


async def test_other_lists(client: TmdbClient) -> None:
    top = await client.top_rated_movies()
    ratings = [item.rating for item in top.results]
    assert ratings == sorted(ratings, reverse=True)
    assert top.total_results == MOVIE_COUNT
    upcoming = await client.upcoming_movies()
    assert upcoming.results[0].year == max(t.year for t in catalogue.MOVIES)
    playing = await client.now_playing_movies()
    assert {i.title for i in playing.results} >= {"Sintel", "Metropolis", "Nosferatu"}
    on_air = await client.on_the_air_tv()
    assert {i.title for i in on_air.results} == {"The Beverly Hillbillies", "Bonanza"}
    assert all(i.media_type == "tv" for i in on_air.results)


# --- search -------------------------------------------------------------------------------


async def test_search_movies_series_and_all(client: TmdbClient) -> None:
    night = await client.search("night living", "movie")
    assert [i.title for i in night.results] == ["Night of the Living Dead"]
    of_1925 = await client.search("the", "movie", year=1925)
    assert {i.title for i in of_1925.results} == {
        "The Phantom of the Opera",
        "The Gold Rush",
    }
    assert await client.search("the", "movie", year=1800) == MediaPage(1, 1, 0, ())
    bonanza = await client.search("bonanza", "tv")
    assert [(i.title, i.media_type, i.year) for i in bonanza.results] == [("Bonanza", "tv", 1959)]
    assert (await client.search("bonanza", "tv", year=1960)).results == ()
    # Multi search: movies and series together, persons dropped.
    mixed = await client.search("the", "all")
    assert {i.media_type for i in mixed.results} == {"movie", "tv"}
    assert "person" not in {i.media_type for i in mixed.results}
    only_people = await client.search("keaton", "all")
    assert only_people.total_results == 2  # Buster and Joe Keaton, both persons
    assert only_people.results == ()
    unfiltered = await client.search("outer space", "all")
    assert {i.year for i in unfiltered.results} == {1957, 1959}
    filtered = await client.search("outer space", "all", year=1959)
    assert [i.title for i in filtered.results] == ["Teenagers from Outer Space"]
    assert filtered.total_results == 2  # TMDB's total; the year filtered this page only
    caligari = await client.search("caligari", "movie")
    assert caligari.results[0].original_title == "Das Cabinet des Dr. Caligari"
    with pytest.raises(ValueError, match="media_type"):
        await client.search("x", "person")  # type: ignore[arg-type]


# --- details ------------------------------------------------------------------------------


async def test_movie_details(client: TmdbClient, sim: tuple[TmdbSimulator, int]) -> None:
    simulator, _ = sim
    night = await client.details(900001, "movie")
    assert isinstance(night, MediaDetails)
    assert (night.title, night.year, night.runtime) == ("Night of the Living Dead", 1968, 96)
    assert night.genres == ("Horror", "Thriller")
    assert night.genre_ids == (27, 53)
    assert night.imdb_id == "tt0063350"
    assert night.tvdb_id is None
    assert night.tagline == "They won't stay dead!"
    assert night.status == "Released"
    assert night.seasons == ()
    assert night.number_of_seasons is None
    assert [(c.name, c.character, c.order) for c in night.cast[:2]] == [
        ("Duane Jones", "Ben", 0),
        ("Judith O'Dea", "Barbra", 1),
    ]
    assert len(night.cast) == 5
    assert night.cast[0].profile_path is not None
    us = night.providers("us")
    assert us is not None
    assert us.free == ("Tubi", "Plex", "Internet Archive")  # by display priority
    assert us.flatrate == ("Kanopy",)
    assert us.rent == ("Apple TV", "Amazon Video")
    assert us.buy == ("Apple TV",)
    assert us.link is not None
    assert us.link.endswith("/movie/900001-night-of-the-living-dead/watch?locale=US")
    gb = night.watch_providers["GB"]
    assert gb.flatrate == ("BFI Player",)
    assert night.providers("FR") is None
    # One request: credits, ids and providers came appended.
    assert simulator.requests["/3/movie/900001"] == 1
    assert len(simulator.requests) == 1

    nosferatu = await client.details(900002, "movie")
    assert nosferatu.original_title == "Nosferatu, eine Symphonie des Grauens"
    bunny = await client.details(900013, "movie")
    assert bunny.cast == ()
    assert bunny.runtime == 10
    spring = await client.details(900018, "movie")
    assert spring.imdb_id is None
    assert spring.watch_providers == {}


async def test_series_details(client: TmdbClient) -> None:
    hillbillies = await client.details(960003, "tv")
    assert hillbillies.media_type == "tv"
    assert (hillbillies.title, hillbillies.year) == ("The Beverly Hillbillies", 1962)
    assert hillbillies.runtime == 25
    assert hillbillies.number_of_seasons == 9
    assert len(hillbillies.seasons) == 9
    first = hillbillies.seasons[0]
    assert (first.number, first.name, first.episode_count, first.year) == (1, "Season 1", 36, 1962)
    assert hillbillies.seasons[-1].year == 1970
    assert hillbillies.imdb_id == "tt0055662"
    assert hillbillies.tvdb_id == 1050003
    assert hillbillies.status == "Ended"
    assert hillbillies.cast[0].name == "Buddy Ebsen"
    assert hillbillies.genres == ("Comedy", "Family")
    # Bonanza's answer has an empty episode_run_time: the last episode's runtime is used.
    bonanza = await client.details(960004, "tv")
    assert bonanza.runtime == 49
    assert bonanza.providers("US") is None
    with pytest.raises(ValueError, match="media_type"):
        await client.details(1, "person")  # type: ignore[arg-type]


# --- errors -------------------------------------------------------------------------------


async def test_wrong_credentials(
    sim: tuple[TmdbSimulator, int], session: aiohttp.ClientSession
) -> None:
    _, port = sim
    wrong_key = "0" * 32
    with pytest.raises(InvalidAuth, match="Invalid API key") as err:
        await _client(session, port, wrong_key).configuration()
    assert wrong_key not in str(err.value)
    wrong_token = DEFAULT_READ_TOKEN[:-4] + "AAAA"
    with pytest.raises(InvalidAuth) as err:
        await _client(session, port, wrong_token).popular()
    assert wrong_token not in str(err.value)
    assert is_read_access_token(wrong_token)
    assert not is_read_access_token(wrong_key)


async def test_not_found(client: TmdbClient) -> None:
    with pytest.raises(NotFound, match="code 34"):
        await client.details(123, "movie")
    with pytest.raises(NotFound):
        await client.details(900001, "tv")  # a movie id is not a series


async def test_rate_limited_once_is_retried(
    client: TmdbClient, sim: tuple[TmdbSimulator, int]
) -> None:
    simulator, _ = sim
    simulator.rate_limit_next = 1
    started = time.monotonic()
    page = await client.popular()
    assert time.monotonic() - started >= 0.18  # waited out Retry-After: 0.2
    assert len(page.results) == 20
    assert simulator.requests["/3/movie/popular"] == 2


async def test_rate_limited_twice_raises(
    client: TmdbClient, sim: tuple[TmdbSimulator, int]
) -> None:
    simulator, _ = sim
    simulator.rate_limit_next = 5
    with pytest.raises(RateLimited) as err:
        await client.popular()
    assert err.value.retry_after == pytest.approx(0.2)
    assert simulator.requests["/3/movie/popular"] == 2  # one retry, no more


async def test_long_retry_after_is_not_waited(
    sim: tuple[TmdbSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    simulator.rate_limit_next, simulator.retry_after = 1, 30
    client = _client(session, port, max_retry_wait=0.3)
    started = time.monotonic()
    with pytest.raises(RateLimited) as err:
        await client.configuration()
    assert time.monotonic() - started < 5
    assert err.value.retry_after == 30
    assert simulator.requests["/3/configuration"] == 1
    # The shared limiter holds later calls for the bounded pause, then they go through.
    started = time.monotonic()
    await client.configuration()
    assert time.monotonic() - started >= 0.25


async def test_server_error_and_malformed_json(
    client: TmdbClient, sim: tuple[TmdbSimulator, int]
) -> None:
    simulator, _ = sim
    simulator.server_error_next = 1
    with pytest.raises(ServiceError, match="500") as err:
        await client.popular()
    assert not isinstance(err.value, ParseError | NotFound)
    simulator.malformed_next = 1
    with pytest.raises(ParseError, match="invalid JSON"):
        await client.trending()
    assert len((await client.popular()).results) == 20  # the faults were one-offs


async def test_other_http_errors_are_service_errors(client: TmdbClient) -> None:
    with pytest.raises(ServiceError, match=r"400.*Invalid page"):
        await client.popular(page=501)


async def test_error_pages_that_are_not_json(session: aiohttp.ClientSession) -> None:
    async def bad_gateway(_request: web.Request) -> web.Response:
        return web.Response(status=502, text="<html>Bad Gateway</html>", content_type="text/html")

    app = web.Application()
    app.router.add_get("/{tail:.*}", bad_gateway)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        with pytest.raises(
            ServiceError, match=r"502 to configuration: an HTML page \(Bad Gateway\)"
        ):
            await _client(session, int(runner.addresses[0][1])).configuration()
    finally:
        await runner.cleanup()


async def test_slow_and_unreachable(
    sim: tuple[TmdbSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    simulator.delay = 0.5
    with pytest.raises(CannotConnect, match="Timed out"):
        await _client(session, port, request_timeout=0.1).configuration()
    simulator.delay = 0
    # A refused connection; the base URL quotes the key to prove messages are scrubbed.
    client = TmdbClient(session, DEFAULT_API_KEY, base_url=f"http://127.0.0.1:1/{DEFAULT_API_KEY}")
    with pytest.raises(CannotConnect) as err:
        await client.configuration()
    assert DEFAULT_API_KEY not in str(err.value)
    assert "<redacted>" in str(err.value)
    assert err.value.__cause__ is None


# --- rate limiter -------------------------------------------------------------------------


async def test_rate_limiter_keeps_the_rate() -> None:
    limiter = RateLimiter(rate=40, burst=40)
    started = time.monotonic()
    await asyncio.gather(*(limiter.acquire() for _ in range(60)))
    elapsed = time.monotonic() - started
    # 40 at once from the burst, the other 20 at 40/s: about half a second.
    assert 0.4 <= elapsed < 2.0


async def test_rate_limiter_burst_is_immediate_and_pause_holds() -> None:
    limiter = RateLimiter(rate=10, burst=5)
    started = time.monotonic()
    for _ in range(5):
        await limiter.acquire()
    assert time.monotonic() - started < 0.05
    limiter.pause(0.2)
    started = time.monotonic()
    await limiter.acquire()
    assert time.monotonic() - started >= 0.19


async def test_client_requests_respect_the_limiter(
    client: TmdbClient, sim: tuple[TmdbSimulator, int]
) -> None:
    simulator, _ = sim
    started = time.monotonic()
    await asyncio.gather(*(client.configuration() for _ in range(60)))
    assert time.monotonic() - started >= 0.4
    assert simulator.requests["/3/configuration"] == 60


# --- models -------------------------------------------------------------------------------


def test_items_parse_defensively() -> None:
    sparse = MediaItem.parse(
        {
            "id": 5,
            "title": None,
            "release_date": None,
            "genre_ids": None,
            "vote_average": True,
            "vote_count": True,
            "popularity": "high",
            "poster_path": "",
        },
        "movie",
    )
    assert sparse == MediaItem(5, "movie", "", "", None, "", None, None, 0.0, 0, 0.0, ())
    tv = MediaItem.parse({"id": 7, "media_type": "tv", "title": "Odd", "first_air_date": "19xx"})
    assert tv is not None
    assert (tv.title, tv.year, tv.media_type) == ("Odd", None, "tv")
    assert MediaItem.parse({"id": 1, "media_type": "person", "name": "X"}) is None
    assert MediaItem.parse({"title": "no id"}, "movie") is None
    assert MediaItem.parse({"id": "5"}, "movie") is None
    page = MediaPage.from_dict({"results": [None, 3, {"id": 2, "title": "Ok"}]}, "movie")
    assert (page.page, page.total_pages, page.total_results) == (1, 0, 0)
    assert [i.title for i in page.results] == ["Ok"]
    wrong: object
    for wrong in ([], {"results": "x"}, {"page": 1}, None):
        with pytest.raises(ParseError):
            MediaPage.from_dict(wrong)


def test_details_parse_defensively() -> None:
    bare = MediaDetails.from_dict(
        {
            "id": 3,
            "name": "Bare",
            "credits": None,
            "external_ids": ["x"],
            "watch/providers": {"results": None},
            "episode_run_time": None,
            "last_episode_to_air": None,
            "seasons": [None, {"season_number": 0, "name": "Specials", "air_date": None}],
            "genres": [None, {"id": 18, "name": "Drama"}, {"id": 1}],
            "number_of_seasons": None,
        },
        "tv",
    )
    assert bare.title == "Bare"
    assert bare.runtime is None
    assert bare.genres == ("Drama",)
    assert bare.genre_ids == (18, 1)
    assert bare.seasons[0].number == 0
    assert bare.seasons[0].year is None
    assert bare.watch_providers == {}
    assert bare.cast == ()
    big_cast = MediaDetails.from_dict(
        {
            "id": 4,
            "title": "Crowd",
            "runtime": 0,
            "credits": {
                "cast": [{"name": f"Actor {n}", "order": 20 - n} for n in range(15)]
                + [{"name": None}, {"order": 1}]
            },
            "external_ids": {"imdb_id": "tt0000001", "tvdb_id": None},
            "watch/providers": {
                "results": {
                    "US": {
                        "ads": [{"provider_name": "Tubi"}],
                        "free": [{"provider_name": "Tubi", "display_priority": 3}],
                        "flatrate": "x",
                    },
                    "GB": None,
                }
            },
        },
        "movie",
    )
    assert len(big_cast.cast) == 10
    assert big_cast.cast[0].name == "Actor 14"  # lowest `order` first
    assert big_cast.runtime is None  # 0 means unknown
    assert big_cast.imdb_id == "tt0000001"
    assert big_cast.watch_providers["US"].free == ("Tubi",)
    assert list(big_cast.watch_providers) == ["US"]
    hash(big_cast)  # usable in sets despite the providers mapping
    wrong: object
    for wrong in (None, [], {"title": "no id"}):
        with pytest.raises(ParseError):
            MediaDetails.from_dict(wrong, "movie")


def test_image_configuration_parse() -> None:
    config = ImageConfiguration.from_dict(
        {"images": {"base_url": "http://img/t/p/", "poster_sizes": ["w92", 5]}}
    )
    assert config.secure_base_url == "http://img/t/p/"
    assert config.poster_sizes == ("w92",)
    assert config.backdrop_sizes == ()
    wrong: object
    for wrong in ({}, {"images": None}, {"images": {"secure_base_url": 3}}, "x"):
        with pytest.raises(ParseError):
            ImageConfiguration.from_dict(wrong)


# --- the simulator's PNGs -----------------------------------------------------------------


def test_png_encoder_round_trips() -> None:
    rows = [bytes([255, 0, 0, 0, 255, 0, 0, 0, 255]), bytes([10, 20, 30] * 3)]
    png = encode_png(3, 2, rows)
    assert png[:8] == PNG_SIGNATURE
    assert [tag for tag, _ in _png_chunks(png)] == [b"IHDR", b"IDAT", b"IEND"]
    assert _decode_png(png) == (3, 2, rows)
    with pytest.raises(ValueError, match="expected 9"):
        encode_png(3, 1, [b"\x00" * 8])
    with pytest.raises(ValueError, match="rows"):
        encode_png(3, 2, rows[:1])
    with pytest.raises(ValueError, match="rows"):
        encode_png(0, 0, [])


def test_artwork_is_a_gradient_with_stripes() -> None:
    png = render_artwork("Metropolis", 60, 90)
    assert png == render_artwork("Metropolis", 60, 90)  # stable across calls and runs
    assert png != render_artwork("Nosferatu", 60, 90)
    width, height, rows = _decode_png(png)
    assert (width, height) == (60, 90)
    pixels = [set(zip(row[0::3], row[1::3], row[2::3], strict=True)) for row in rows]
    assert sum(rows[0]) > sum(rows[-1])  # light at the top, dark at the bottom
    assert len(pixels[0]) == 2  # the background and the stripe colour
    assert any(len(colours) == 1 for colours in pixels)  # the full-width band


def test_image_sizes() -> None:
    assert image_size("w342", "p") == (342, 513)
    assert image_size("w780", "b") == (780, 439)
    assert image_size("h632", "c") == (421, 632)
    assert image_size("original", "b") == (1280, 720)
    assert image_size("original", "p") == (500, 750)
    assert image_size("w45", "l") == (45, 45)
    assert image_size("w9999", "p") == (1280, 1280)
    assert image_size("w0", "p") is None
    assert image_size("big", "p") is None


# --- the simulator as a service -----------------------------------------------------------


async def test_simulator_control_routes(
    sim: tuple[TmdbSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    base = f"http://127.0.0.1:{port}"
    async with session.post(f"{base}/sim/fault?mode=429&count=2&retry_after=0.1") as resp:
        assert resp.status == 200
    assert (simulator.rate_limit_next, simulator.retry_after) == (2, 0.1)
    for mode in ("500", "malformed"):
        async with session.post(f"{base}/sim/fault?mode={mode}&count=3") as resp:
            assert resp.status == 200
    async with session.post(f"{base}/sim/fault?mode=delay&seconds=0.01") as resp:
        assert resp.status == 200
    assert (simulator.server_error_next, simulator.malformed_next, simulator.delay) == (3, 3, 0.01)
    async with session.post(f"{base}/sim/fault?mode=bogus") as resp:
        assert resp.status == 400
    async with session.get(f"{base}/sim/requests") as resp:
        assert (await resp.json())["/sim/fault"] == 5
    async with session.post(f"{base}/sim/fault?mode=reset") as resp:
        assert resp.status == 200
    assert simulator.rate_limit_next == simulator.server_error_next == simulator.malformed_next == 0
    params = {"api_key": DEFAULT_API_KEY}
    async with session.get(f"{base}/3/movie/900001/credits", params=params) as resp:
        assert (await resp.json())["cast"][0]["name"] == "Duane Jones"
    async with session.get(f"{base}/3/tv/960003/external_ids", params=params) as resp:
        assert (await resp.json())["tvdb_id"] == 1050003
    async with session.get(f"{base}/3/movie/1/credits", params=params) as resp:
        assert resp.status == 404
    async with session.get(f"{base}/3/trending/person/week", params=params) as resp:
        assert {r["media_type"] for r in (await resp.json())["results"]} == {"person"}
    async with session.get(f"{base}/3/trending/all/year", params=params) as resp:
        assert (await resp.json())["status_code"] == 34
    async with session.get(f"{base}/3/tv/top_rated", params=params) as resp:
        assert (await resp.json())["total_results"] == len(catalogue.SERIES)
    async with session.get(f"{base}/t/p/h632/c980001.png") as resp:
        assert (await resp.read())[:8] == PNG_SIGNATURE


async def test_simulator_runs_standalone() -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "devtools.simulators.tmdb",
        "--port",
        "0",
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        line = await asyncio.wait_for(proc.stdout.readline(), 30)
        port = json.loads(line)["port"]
        async with aiohttp.ClientSession() as session:
            client = TmdbClient(session, DEFAULT_API_KEY, base_url=f"http://127.0.0.1:{port}/3")
            assert (await client.configuration()).secure_base_url.endswith(f":{port}/t/p/")
    finally:
        proc.terminate()
        await proc.wait()
