"""The Watchmode client against the Watchmode simulator over real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
import json
import sys

import aiohttp
from aiohttp import web
import pytest

from custom_components.pandora.api.errors import (
    CannotConnect,
    InvalidAuth,
    NotFound,
    ParseError,
    QuotaExceeded,
    RateLimited,
    ServiceError,
)
from custom_components.pandora.api.watchmode import (
    StreamingSource,
    WatchmodeClient,
    WatchmodeStatus,
    best_sources,
)
from devtools.simulators import catalogue
from devtools.simulators.watchmode import DEFAULT_API_KEY, WatchmodeSimulator, start, watchmode_id

NIGHT = catalogue.MOVIES[0]  # Night of the Living Dead, TMDB 900001
HILLBILLIES = catalogue.SERIES[2]  # The Beverly Hillbillies, TMDB 960003


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
async def sim() -> AsyncIterator[tuple[WatchmodeSimulator, int]]:
    simulator = WatchmodeSimulator(retry_after=0.5)
    runner, port = await start(simulator)
    try:
        yield simulator, port
    finally:
        await runner.cleanup()


def _client(
    session: aiohttp.ClientSession, port: int, key: str = DEFAULT_API_KEY, **kw
) -> WatchmodeClient:
    return WatchmodeClient(session, key, base_url=f"http://127.0.0.1:{port}/v1", **kw)


@pytest.fixture
def client(sim: tuple[WatchmodeSimulator, int], session: aiohttp.ClientSession) -> WatchmodeClient:
    return _client(session, sim[1])


def test_catalogue_titles() -> None:
    assert (NIGHT.tmdb_id, NIGHT.title) == (900001, "Night of the Living Dead")
    assert (HILLBILLIES.tmdb_id, HILLBILLIES.media_type) == (960003, "tv")
    assert len({watchmode_id(t) for t in catalogue.TITLES}) == len(catalogue.TITLES)
    assert not {watchmode_id(t) for t in catalogue.TITLES} & {t.tmdb_id for t in catalogue.TITLES}


async def test_check_reports_quota(
    client: WatchmodeClient, sim: tuple[WatchmodeSimulator, int]
) -> None:
    simulator, _ = sim
    simulator.quota_used = 12
    status = await client.check()
    assert status == WatchmodeStatus(quota=1000, quota_used=12)
    assert status.remaining == 988
    assert (client.quota, client.quota_used) == (1000, 12)
    await client.check()
    assert simulator.quota_used == 12  # status calls are free
    assert WatchmodeStatus(None, 3).remaining is None
    assert WatchmodeStatus(5, 9).remaining == 0


async def test_lookup_maps_tmdb_ids(
    client: WatchmodeClient, sim: tuple[WatchmodeSimulator, int]
) -> None:
    simulator, _ = sim
    movie_id = await client.lookup(900001, "movie")
    assert movie_id == watchmode_id(NIGHT)
    assert movie_id != NIGHT.tmdb_id
    assert await client.lookup(960003, "tv") == watchmode_id(HILLBILLIES)
    assert await client.lookup(900001, "tv") is None  # that number is a movie
    assert await client.lookup(123, "movie") is None
    # Every answer's headers keep the client's quota figures current.
    assert (client.quota, client.quota_used) == (1000, 4)
    assert simulator.quota_used == 4
    assert simulator.requests["/v1/search/"] == 4
    with pytest.raises(ValueError, match="media_type"):
        await client.lookup(1, "person")  # type: ignore[arg-type]


async def test_sources_list_every_format(client: WatchmodeClient) -> None:
    us = await client.sources(watchmode_id(NIGHT))
    assert {s.region for s in us} == {"US"}
    # Tubi/Plex/Archive free SD+HD, Kanopy sub HD, Apple rent SD/HD/4K + buy SD/HD, Amazon rent x3.
    assert len(us) == 15
    rent_4k = next(s for s in us if s.name == "Apple TV" and s.type == "rent" and s.format == "4K")
    assert rent_4k.price == 5.99
    assert rent_4k.source_id == 349
    assert rent_4k.web_url == f"https://tv.apple.com/watch/{watchmode_id(NIGHT)}"
    free = next(s for s in us if s.type == "free")
    assert free.price is None
    both = await client.sources(watchmode_id(NIGHT), ["us", "gb"])
    assert {s.region for s in both} == {"US", "GB"}
    assert len(both) > len(us)
    by_imdb = await client.sources("tt0063350")
    assert by_imdb == us
    with pytest.raises(ValueError, match="IMDb"):
        await client.sources("../status")


async def test_availability_deduplicates(
    client: WatchmodeClient, sim: tuple[WatchmodeSimulator, int]
) -> None:
    simulator, _ = sim
    offers = await client.availability(900001, "movie")
    assert [(s.name, s.type, s.format) for s in offers] == [
        ("Internet Archive", "free", "HD"),
        ("Plex", "free", "HD"),
        ("Tubi", "free", "HD"),
        ("Kanopy", "sub", "HD"),
        ("Amazon Video", "rent", "4K"),
        ("Apple TV", "rent", "4K"),
        ("Apple TV", "buy", "HD"),
    ]
    assert simulator.requests["/v1/search/"] == 1
    assert simulator.requests[f"/v1/title/{watchmode_id(NIGHT)}/sources/"] == 1
    # Two regions: one entry per service and type, the first region preferred on a tie.
    both = await client.availability(900001, "movie", ("GB", "US"))
    plex = next(s for s in both if s.name == "Plex")
    assert plex.region == "GB"
    assert [s.name for s in both if s.type == "sub"] == ["BFI Player", "Kanopy"]
    assert len([s for s in both if s.name == "Apple TV" and s.type == "buy"]) == 1
    series = await client.availability(960003, "tv", ("US",))
    assert {(s.name, s.type) for s in series} >= {("Tubi", "free"), ("Apple TV", "buy")}
    # Unknown to Watchmode: no sources call is spent.
    used = simulator.quota_used
    assert await client.availability(123, "movie") == []
    assert simulator.quota_used == used + 1


async def test_client_regions_default(
    sim: tuple[WatchmodeSimulator, int], session: aiohttp.ClientSession
) -> None:
    client = _client(session, sim[1], regions=("GB",))
    offers = await client.availability(900001, "movie")
    assert {s.region for s in offers} == {"GB"}
    assert ("BFI Player", "sub") in {(s.name, s.type) for s in offers}


async def test_wrong_key(
    sim: tuple[WatchmodeSimulator, int], session: aiohttp.ClientSession
) -> None:
    wrong = "not-the-key-1234567890"
    client = _client(session, sim[1], wrong)
    for call in (client.check(), client.lookup(900001, "movie")):
        with pytest.raises(InvalidAuth, match="apiKey") as err:
            await call
        assert wrong not in str(err.value)
        assert DEFAULT_API_KEY not in str(err.value)
    assert client.quota is None  # a refused key gets no quota headers


async def test_quota_exhausted(
    sim: tuple[WatchmodeSimulator, int], session: aiohttp.ClientSession
) -> None:
    simulator, port = sim
    simulator.quota = 2
    client = _client(session, port)
    assert await client.lookup(900001, "movie") is not None
    await client.sources(watchmode_id(NIGHT))
    with pytest.raises(QuotaExceeded, match="Over quota") as err:
        await client.lookup(900002, "movie")
    assert DEFAULT_API_KEY not in str(err.value)
    assert (client.quota, client.quota_used) == (2, 2)
    status = await client.check()  # still answers, so the UI can show why
    assert status.remaining == 0


async def test_not_found_rate_limited_and_server_errors(
    client: WatchmodeClient, sim: tuple[WatchmodeSimulator, int]
) -> None:
    simulator, _ = sim
    with pytest.raises(NotFound, match="Title not found"):
        await client.sources(42)
    simulator.rate_limit_next = 1
    with pytest.raises(RateLimited) as limited:
        await client.lookup(900001, "movie")
    assert limited.value.retry_after == 0.5
    assert DEFAULT_API_KEY not in str(limited.value)
    simulator.server_error_next = 1
    with pytest.raises(ServiceError, match="500") as failed:
        await client.check()
    assert not isinstance(failed.value, ParseError | NotFound)
    simulator.malformed_next = 1
    with pytest.raises(ParseError, match="invalid JSON"):
        await client.sources(watchmode_id(NIGHT))
    assert await client.lookup(900001, "movie") == watchmode_id(NIGHT)  # all one-offs


async def test_bad_request_and_unexpected_shapes(
    client: WatchmodeClient, session: aiohttp.ClientSession, sim: tuple[WatchmodeSimulator, int]
) -> None:
    _, port = sim
    base = f"http://127.0.0.1:{port}/v1"
    params = {"apiKey": DEFAULT_API_KEY}
    async with session.get(
        f"{base}/search/", params=params | {"search_field": "x", "search_value": "1"}
    ) as resp:
        assert resp.status == 400
        assert (await resp.json())["statusCode"] == 400
    async with session.get(f"{base}/search", params=params | {"search_field": "name"}) as resp:
        assert resp.status == 400
    for field, value, expected in (
        ("imdb_id", "tt0055662", "The Beverly Hillbillies"),
        ("name", "sintel", "Sintel"),
    ):
        async with session.get(
            f"{base}/search/", params=params | {"search_field": field, "search_value": value}
        ) as resp:
            assert [r["name"] for r in (await resp.json())["title_results"]] == [expected]
    async with session.get(f"{base}/title/{watchmode_id(NIGHT)}/sources", params=params) as resp:
        assert {s["region"] for s in await resp.json()} == {"US", "GB"}  # all regions by default


async def _odd_server(answers: dict[str, tuple[int, str]]) -> tuple[web.AppRunner, int]:
    """A server answering fixed bodies per path: shapes the simulator never sends."""

    async def handler(request: web.Request) -> web.Response:
        status, body = answers[request.path]
        return web.Response(status=status, text=body, content_type="application/json")

    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, int(runner.addresses[0][1])


@pytest.mark.parametrize(
    ("path", "body", "call"),
    [
        ("/v1/status/", "[]", "check"),
        ("/v1/search/", "[]", "lookup"),
        ("/v1/search/", '{"title_results": null}', "lookup"),
        ("/v1/title/5/sources/", "{}", "sources"),
    ],
)
async def test_unexpected_shapes_are_parse_errors(
    session: aiohttp.ClientSession, path: str, body: str, call: str
) -> None:
    runner, port = await _odd_server({path: (200, body)})
    client = _client(session, port)
    try:
        calls = {"check": client.check, "lookup": lambda: client.lookup(1, "movie")}
        with pytest.raises(ParseError):
            await calls.get(call, lambda: client.sources(5))()
    finally:
        await runner.cleanup()


async def test_lenient_parsing(session: aiohttp.ClientSession) -> None:
    results = [
        None,
        {"resultType": "person", "id": 1},
        {"resultType": "title", "tmdb_type": "tv", "id": 2},
        {"resultType": "title", "id": "not a number"},
        {"id": "77"},
    ]
    runner, port = await _odd_server(
        {
            "/v1/search/": (200, json.dumps({"title_results": results})),
            "/v1/status/": (200, '{"quota": "lots", "quotaUsed": null}'),
            "/v1/title/77/sources/": (503, "<html>Service Unavailable</html>"),
        }
    )
    client = _client(session, port)
    try:
        assert await client.lookup(1, "movie") == 77
        assert await client.check() == WatchmodeStatus(None, None)
        with pytest.raises(ServiceError, match=r"503.*Service Unavailable"):
            await client.availability(1, "movie")
    finally:
        await runner.cleanup()


async def test_unreachable_and_scrubbed(session: aiohttp.ClientSession) -> None:
    client = WatchmodeClient(
        session, DEFAULT_API_KEY, base_url=f"http://127.0.0.1:1/{DEFAULT_API_KEY}"
    )
    with pytest.raises(CannotConnect) as err:
        await client.check()
    assert DEFAULT_API_KEY not in str(err.value)
    assert "<redacted>" in str(err.value)
    plain = WatchmodeClient(session, DEFAULT_API_KEY, base_url="http://127.0.0.1:1/v1")
    with pytest.raises(CannotConnect) as err:
        await plain.lookup(1, "movie")
    assert DEFAULT_API_KEY not in str(err.value)


def test_source_parsing_and_best_sources() -> None:
    assert StreamingSource.parse({"name": "X"}) is None
    assert StreamingSource.parse({"source_id": 3}) is None
    parsed = StreamingSource.parse(
        {
            "source_id": "7",
            "name": "Odd",
            "type": "RENT",
            "region": "us",
            "price": -1,
            "format": None,
        }
    )
    assert parsed == StreamingSource(7, "Odd", "rent", "US", None, None, None)
    assert parsed.format_rank == 0
    assert StreamingSource.parse({"source_id": True, "name": "Bool"}) is None

    def source(
        name: str, kind: str, region: str, fmt: str | None, price: float | None
    ) -> StreamingSource:
        return StreamingSource(1, name, kind, region, None, fmt, price)

    picked = best_sources(
        [
            source("Shop", "buy", "US", "HD", 12.0),
            source("Shop", "buy", "US", "HD", 10.0),  # same format and region: cheaper wins
            source("Shop", "buy", "GB", "UHD", 20.0),  # better format beats region order
            source("shop", "rent", "US", "SD", 3.0),
            source("Mystery", "tve", "US", None, None),
            source("Weird", "lease", "US", "HD", None),
            source("Free", "free", "GB", "SD", None),
            source("Free", "free", "US", "SD", None),
        ],
        ["US", "GB"],
    )
    assert [(s.name, s.type, s.region, s.format, s.price) for s in picked] == [
        ("Free", "free", "US", "SD", None),
        ("Mystery", "tve", "US", None, None),
        ("shop", "rent", "US", "SD", 3.0),
        ("Shop", "buy", "GB", "UHD", 20.0),
        ("Weird", "lease", "US", "HD", None),
    ]
    cheaper = best_sources(
        [source("Shop", "buy", "US", "HD", 12.0), source("Shop", "buy", "US", "HD", 10.0)]
    )
    assert cheaper[0].price == 10.0


async def test_simulator_runs_standalone() -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "devtools.simulators.watchmode",
        "--quota",
        "5",
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        port = json.loads(await asyncio.wait_for(proc.stdout.readline(), 30))["port"]
        async with aiohttp.ClientSession() as session:
            client = _client(session, port)
            assert await client.check() == WatchmodeStatus(5, 0)
    finally:
        proc.terminate()
        await proc.wait()
