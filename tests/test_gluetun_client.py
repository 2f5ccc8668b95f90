"""The gluetun client against the gluetun simulator over real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
from aiohttp import web
import pytest

from custom_components.pandora.api.errors import (
    CannotConnect,
    InvalidAuth,
    NotFound,
    ParseError,
    RouteNotAllowed,
    ServiceError,
)
from custom_components.pandora.api.gluetun import GluetunClient, PublicIp
from devtools.simulators import serve
from devtools.simulators.gluetun import (
    DEFAULT_VERSION,
    HOME_ISPS,
    READ_ROUTES,
    GluetunSimulator,
    Role,
    StaticCountrySource,
    docker_country_source,
    find_server,
    server_ip,
    start,
    static_country_source,
)
from devtools.support.docker_engine import (  # noqa: F401 - fixtures
    DockerEngine,
    docker_engine,
    docker_engine_session,
    forever,
)
from devtools.support.qbittorrent_daemon import free_port
from tests.conftest import allow_loopback

RECONNECT = 0.3
API_KEY = "gluetun-api-key-0123456789abcdef"
USER, PASSWORD = "pandora", "s3cret pass:word"

Started = tuple[GluetunSimulator, str]
StartSim = Callable[..., Awaitable[Started]]


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def source() -> StaticCountrySource:
    return static_country_source("Netherlands")


@pytest.fixture
async def start_sim(source: StaticCountrySource) -> AsyncIterator[StartSim]:
    """Start simulators (default: the shared `source`, no auth); all stopped afterwards."""
    runners: list[web.AppRunner] = []

    async def _start(**kw: Any) -> Started:
        kw.setdefault("country_source", source)
        kw.setdefault("reconnect_seconds", RECONNECT)
        simulator = GluetunSimulator(**kw)
        runner, port = await start(simulator)
        runners.append(runner)
        return simulator, f"http://127.0.0.1:{port}"

    yield _start
    for runner in runners:
        await runner.cleanup()


@pytest.fixture
async def sim(start_sim: StartSim) -> Started:
    return await start_sim()


@pytest.fixture
def client(sim: Started, session: aiohttp.ClientSession) -> GluetunClient:
    return GluetunClient(sim[1], session)


async def until_running(client: GluetunClient, timeout: float = 5) -> PublicIp:
    """Poll until the VPN runs and the public IP is known again."""
    async with asyncio.timeout(timeout):
        while True:
            if await client.vpn_status() == "running":
                public_ip = await client.public_ip()
                if public_ip.ip is not None:
                    return public_ip
            await asyncio.sleep(0.05)


async def sim_post(session: aiohttp.ClientSession, url: str, action: str, **body: str) -> Any:
    async with session.post(f"{url}/_sim/{action}", json=body or None) as resp:
        assert resp.status == 200
        return await resp.json()


# --- routes ---------------------------------------------------------------------------------


async def test_public_ip_in_the_env_country(client: GluetunClient) -> None:
    netherlands = find_server("netherlands")
    assert netherlands is not None
    assert await client.public_ip() == PublicIp(
        ip=server_ip(netherlands),
        country="Netherlands",
        region="North Holland",
        city="Amsterdam",
        hostname="nl-ams-wg-001.relays.mullvad.net",
        organization="Datacamp Limited",
        timezone="Europe/Amsterdam",
    )
    assert await client.vpn_status() == "running"
    assert await client.version() == DEFAULT_VERSION


async def test_stop_and_start_the_vpn(client: GluetunClient) -> None:
    assert await client.set_vpn_running(True) == "already running"
    assert await client.set_vpn_running(False) == "stopped"
    assert await client.vpn_status() == "stopped"
    assert (await client.public_ip()).ip is None
    assert await client.set_vpn_running(False) == "already stopped"
    assert await client.set_vpn_running(True) == "running"
    assert await client.vpn_status() == "starting"  # the reconnect window
    assert await client.set_vpn_running(False) == "already starting"
    assert (await until_running(client)).country == "Netherlands"


async def test_set_countries_live_reconnects_then_reports_the_country(
    client: GluetunClient, sim: Started
) -> None:
    simulator, _ = sim
    assert await client.set_countries([" Germany "]) == "running"
    assert simulator.override == ["Germany"]
    assert await client.vpn_status() == "starting"
    assert await client.public_ip() == PublicIp(None, None, None, None, None, None, None)
    public_ip = await until_running(client)
    assert (public_ip.country, public_ip.city) == ("Germany", "Frankfurt am Main")
    assert public_ip.organization == "xTom GmbH"
    assert await client.set_countries(["Germany"]) == "settings left unchanged"
    assert await client.vpn_status() == "running"
    # gluetun refuses a list only when none is valid; it then uses the valid ones.
    assert await client.set_countries(["Narnia", "France"]) == "running"
    assert (await until_running(client)).country == "France"


async def test_set_countries_while_stopped_starts_the_vpn(client: GluetunClient) -> None:
    assert await client.set_vpn_running(False) == "stopped"
    assert await client.set_countries(["Sweden"]) == "running"
    assert (await until_running(client)).country == "Sweden"


async def test_invalid_country_is_a_service_error_with_gluetun_message(
    client: GluetunClient, sim: Started
) -> None:
    with pytest.raises(ServiceError) as caught:
        await client.set_countries(["Narnia"])
    assert not isinstance(caught.value, NotFound)
    message = str(caught.value)
    assert message.startswith("gluetun refused PUT /v1/vpn/settings: provider settings:")
    assert "the country specified is not valid" in message
    assert "none of Narnia is one of the choices available Australia, Belgium" in message
    assert sim[0].override is None
    assert await client.vpn_status() == "running"
    for bad in ([], [""], ["France", "  "]):
        with pytest.raises(ValueError, match="at least one country"):
            await client.set_countries(bad)
    with pytest.raises(TypeError):
        await client.set_countries("France")


async def test_redeploy_drops_the_live_override(
    client: GluetunClient, sim: Started, source: StaticCountrySource
) -> None:
    await client.set_countries(["Germany"])
    assert (await until_running(client)).country == "Germany"
    source.set("Netherlands")  # a restart with the unchanged env: the live choice is lost
    assert await client.vpn_status() == "starting"
    assert (await client.public_ip()).ip is None
    assert (await until_running(client)).country == "Netherlands"
    assert sim[0].override is None
    source.set("Switzerland")  # a redeploy with a new SERVER_COUNTRIES
    assert (await until_running(client)).country == "Switzerland"


async def test_stopped_container_reports_stopped(
    client: GluetunClient, source: StaticCountrySource
) -> None:
    source.set(None)
    assert await client.vpn_status() == "stopped"
    assert (await client.public_ip()).ip is None
    assert await client.set_vpn_running(True) == "stopped"
    source.set("Spain")
    assert (await until_running(client)).country == "Spain"


async def test_leak_shows_the_home_country_while_running(
    client: GluetunClient, sim: Started, session: aiohttp.ClientSession
) -> None:
    state = await sim_post(session, sim[1], "leak", country="Germany")
    assert state["leak_country"] == "Germany"
    assert await client.vpn_status() == "running"
    public_ip = await client.public_ip()
    assert public_ip.country == "Germany"
    assert public_ip.organization == HOME_ISPS["Germany"]
    assert public_ip.ip is not None
    assert public_ip.ip.startswith("192.0.2.")
    await sim_post(session, sim[1], "reset")
    assert (await client.public_ip()).country == "Netherlands"


async def test_crash_is_reported_and_sticks(
    client: GluetunClient, sim: Started, session: aiohttp.ClientSession
) -> None:
    await sim_post(session, sim[1], "crash")
    assert await client.vpn_status() == "crashed"
    assert (await client.public_ip()).ip is None
    assert await client.set_vpn_running(True) == "already crashed"
    assert await client.set_vpn_running(False) == "already crashed"
    assert await client.set_countries(["Italy"]) == "already crashed"
    await sim_post(session, sim[1], "reset")
    assert await client.vpn_status() == "running"
    assert (await client.public_ip()).country == "Netherlands"  # reset drops the override too


# --- auth -----------------------------------------------------------------------------------


async def test_api_key_auth(start_sim: StartSim, session: aiohttp.ClientSession) -> None:
    _, url = await start_sim(api_key=API_KEY)
    good = GluetunClient(url, session, api_key=API_KEY)
    assert await good.vpn_status() == "running"
    assert (await good.public_ip()).country == "Netherlands"
    assert await good.set_countries(["Norway"]) == "running"
    assert await good.version() == DEFAULT_VERSION
    with pytest.raises(InvalidAuth, match="requires authentication for GET /v1/vpn/status"):
        await GluetunClient(url, session).vpn_status()
    wrong = GluetunClient(url, session, api_key="not-the-key")
    with pytest.raises(InvalidAuth, match=r"refused the credentials .*HTTP 401") as caught:
        await wrong.public_ip()
    assert "not-the-key" not in str(caught.value)
    with pytest.raises(InvalidAuth):
        await wrong.version()  # a version route that is not open is not "missing"


async def test_basic_auth(start_sim: StartSim, session: aiohttp.ClientSession) -> None:
    _, url = await start_sim(username=USER, password=PASSWORD)
    good = GluetunClient(url, session, username=USER, password=PASSWORD)
    assert await good.vpn_status() == "running"
    assert await good.set_countries(["Japan"]) == "running"
    for wrong in (
        GluetunClient(url, session, username=USER, password="wrong"),
        GluetunClient(url, session, username="someone", password=PASSWORD),
        GluetunClient(url, session, password=PASSWORD),
        GluetunClient(url, session, api_key=PASSWORD),
        GluetunClient(url, session),
    ):
        with pytest.raises(InvalidAuth) as caught:
            await wrong.public_ip()
        assert PASSWORD not in str(caught.value)


async def test_basic_login_without_password(
    start_sim: StartSim, session: aiohttp.ClientSession
) -> None:
    _, url = await start_sim(username=USER, password="")
    assert await GluetunClient(url, session, username=USER).vpn_status() == "running"
    with pytest.raises(ValueError, match="cannot contain"):
        await GluetunClient(url, session, username="a:b", password="c").vpn_status()


async def test_key_or_login_either_works_when_both_roles_exist(
    start_sim: StartSim, session: aiohttp.ClientSession
) -> None:
    _, url = await start_sim(api_key=API_KEY, username=USER, password=PASSWORD)
    assert await GluetunClient(url, session, api_key=API_KEY).vpn_status() == "running"
    login = GluetunClient(url, session, username=USER, password=PASSWORD)
    assert await login.vpn_status() == "running"
    both_wrong_key = GluetunClient(url, session, api_key="x", username=USER, password=PASSWORD)
    assert await both_wrong_key.vpn_status() == "running"


async def test_legacy_default_opens_status_but_not_settings(
    start_sim: StartSim, session: aiohttp.ClientSession
) -> None:
    _, url = await start_sim(legacy_default=True)
    client = GluetunClient(url, session)
    assert await client.vpn_status() == "running"
    assert (await client.public_ip()).country == "Netherlands"
    assert await client.version() == DEFAULT_VERSION
    assert await client.set_vpn_running(False) == "stopped"
    assert await client.set_vpn_running(True) == "running"
    # The fallback path: the live switch is not open, so the caller redeploys instead.
    with pytest.raises(RouteNotAllowed, match="PUT /v1/vpn/settings without credentials"):
        await client.set_countries(["Germany"])
    _, url = await start_sim(legacy_default=True, api_key=API_KEY)
    keyed = GluetunClient(url, session, api_key=API_KEY)
    assert await keyed.set_countries(["Germany"]) == "running"
    with pytest.raises(RouteNotAllowed):
        await GluetunClient(url, session).set_countries(["Germany"])


@pytest.mark.parametrize("routing", ["released", "main"])
async def test_a_route_missing_from_the_role_is_not_invalid_auth(
    start_sim: StartSim, session: aiohttp.ClientSession, routing: str
) -> None:
    """gluetun's 401 for an unlisted route reads like wrong credentials; the client tells."""
    simulator, url = await start_sim(api_key=API_KEY, allowed_routes=READ_ROUTES, routing=routing)
    client = GluetunClient(url, session, api_key=API_KEY)
    assert await client.vpn_status() == "running"
    with pytest.raises(RouteNotAllowed) as caught:
        await client.set_countries(["Germany"])
    assert not isinstance(caught.value, InvalidAuth)
    assert caught.value.route == "PUT /v1/vpn/settings"
    assert str(caught.value) == (
        "gluetun's control server does not allow PUT /v1/vpn/settings for Pandora's role "
        "(HTTP 401, while the same credentials open GET /v1/vpn/status); add PUT "
        "/v1/vpn/settings to the role's routes in gluetun's auth config"
    )
    assert simulator.override is None
    assert await client.version() is None  # a role without /v1/version: gluetun does not say
    # Wrong credentials are still wrong credentials: every route refuses them.
    wrong = GluetunClient(url, session, api_key="not-the-key")
    for call in (wrong.set_countries(["Germany"]), wrong.vpn_status(), wrong.public_ip()):
        with pytest.raises(InvalidAuth, match="refused the credentials") as refused:
            await call
        assert "GET /v1/vpn/status" in str(refused.value)
        assert "GET /v1/publicip/ip" in str(refused.value)
        assert "not-the-key" not in str(refused.value)


async def test_a_required_route_missing_from_the_role(
    start_sim: StartSim, session: aiohttp.ClientSession
) -> None:
    _, url = await start_sim(
        username=USER, password=PASSWORD, allowed_routes=frozenset({"GET /v1/vpn/status"})
    )
    client = GluetunClient(url, session, username=USER, password=PASSWORD)
    with pytest.raises(RouteNotAllowed, match="does not allow GET /v1/publicip/ip for Pandora"):
        await client.public_ip()
    _, url = await start_sim(roles=(Role("ip", frozenset({"GET /v1/publicip/ip"}), "none"),))
    with pytest.raises(RouteNotAllowed, match="GET /v1/vpn/status without credentials"):
        await GluetunClient(url, session).vpn_status()
    # A role listing neither required route cannot be told from wrong credentials.
    _, url = await start_sim(api_key=API_KEY, allowed_routes=frozenset({"PUT /v1/vpn/settings"}))
    client = GluetunClient(url, session, api_key=API_KEY)
    assert await client.set_countries(["Germany"]) == "running"
    with pytest.raises(InvalidAuth, match="lists the routes"):
        await client.vpn_status()


async def test_secrets_are_scrubbed_from_gluetun_messages(
    start_sim: StartSim, session: aiohttp.ClientSession
) -> None:
    """gluetun quotes the countries it refuses: a secret sent as one never shows."""
    _, url = await start_sim(api_key=API_KEY, username=USER, password=PASSWORD)
    client = GluetunClient(url, session, api_key=API_KEY, username=USER, password=PASSWORD)
    with pytest.raises(ServiceError) as caught:
        await client.set_countries([API_KEY, PASSWORD])
    message = str(caught.value)
    assert API_KEY not in message
    assert PASSWORD not in message
    assert "none of <redacted>, <redacted> is one of the choices" in message


def test_repr_hides_secrets(session: aiohttp.ClientSession) -> None:
    client = GluetunClient("http://gluetun:8000", session, api_key=API_KEY, password=PASSWORD)
    text = repr(client)
    assert API_KEY not in text
    assert PASSWORD not in text
    assert "http://gluetun:8000" in text


# --- old versions and odd answers ------------------------------------------------------------


async def test_gluetun_without_the_settings_route(
    start_sim: StartSim, session: aiohttp.ClientSession
) -> None:
    _, url = await start_sim(settings_route=False, routing="main")
    client = GluetunClient(url, session)
    with pytest.raises(NotFound, match=r"PUT /v1/vpn/settings \(HTTP 404: a version without"):
        await client.set_countries(["Germany"])
    assert await client.vpn_status() == "running"


async def test_gluetun_without_the_settings_put(
    start_sim: StartSim, session: aiohttp.ClientSession
) -> None:
    _, url = await start_sim(settings_put=False, routing="main")
    with pytest.raises(NotFound, match=r"HTTP 405: a version without this method"):
        await GluetunClient(url, session).set_countries(["Germany"])


async def test_truncated_json_is_a_parse_error(client: GluetunClient, sim: Started) -> None:
    sim[0].malformed_next = 3
    with pytest.raises(ParseError):
        await client.public_ip()
    with pytest.raises(ParseError):
        await client.vpn_status()
    with pytest.raises(ParseError):
        await client.version()
    assert await client.vpn_status() == "running"


@pytest.fixture
async def odd_server() -> AsyncIterator[tuple[str, dict[str, tuple[int, str]]]]:
    """A server answering what the test puts in `answers` (path → status, body)."""
    answers: dict[str, tuple[int, str]] = {}

    async def handler(request: web.Request) -> web.Response:
        status, body = answers.get(request.path, (404, "404 page not found\n"))
        headers = {"Location": "https://elsewhere/"} if 300 <= status < 400 else None
        return web.Response(status=status, text=body, headers=headers)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    runner, port = await serve(app)
    yield f"http://127.0.0.1:{port}", answers
    await runner.cleanup()


async def test_odd_answers(
    odd_server: tuple[str, dict[str, tuple[int, str]]], session: aiohttp.ClientSession
) -> None:
    url, answers = odd_server
    client = GluetunClient(url + "/", session)
    assert await client.version() is None  # no such route: an old gluetun
    answers["/v1/version"] = (200, '{"version":""}\n')
    assert await client.version() is None
    answers["/v1/vpn/status"] = (200, '{"status":"paused"}\n')
    with pytest.raises(ParseError, match="unknown VPN status: 'paused'"):
        await client.vpn_status()
    answers["/v1/vpn/status"] = (200, '["running"]\n')
    with pytest.raises(ParseError, match="no JSON object"):
        await client.vpn_status()
    with pytest.raises(ParseError, match="no outcome"):
        await client.set_vpn_running(True)
    answers["/v1/vpn/status"] = (500, "")
    with pytest.raises(ServiceError, match=r"answered 500 to GET /v1/vpn/status$"):
        await client.vpn_status()
    answers["/v1/publicip/ip"] = (302, "")
    with pytest.raises(ServiceError, match="redirected GET /v1/publicip/ip"):
        await client.public_ip()
    answers["/v1/publicip/ip"] = (503, "x" * 5000)
    with pytest.raises(ServiceError) as caught:
        await client.public_ip()
    assert len(str(caught.value)) < 1100
    assert str(caught.value).endswith("…")
    # Before the middleware knew every route, gluetun's handlers answered 400 to unknown ones.
    answers["/v1/vpn/settings"] = (400, "route /settings not supported\n")
    with pytest.raises(NotFound, match=r"HTTP 400: route /settings not supported: an old"):
        await client.set_countries(["Germany"])
    answers["/v1/vpn/settings"] = (400, "method PUT not supported\n")
    with pytest.raises(NotFound):
        await client.set_countries(["Germany"])
    answers["/v1/vpn/settings"] = (400, "")
    with pytest.raises(ServiceError, match=r"refused PUT /v1/vpn/settings$"):
        await client.set_countries(["Germany"])


async def test_transport_failures_are_cannot_connect(session: aiohttp.ClientSession) -> None:
    client = GluetunClient(f"http://127.0.0.1:{free_port()}", session, api_key=API_KEY)
    with pytest.raises(CannotConnect) as caught:
        await client.vpn_status()
    assert API_KEY not in str(caught.value)
    await session.close()
    with pytest.raises(CannotConnect, match="session is closed"):
        await client.public_ip()


# --- a real container as the country source -------------------------------------------------


async def test_docker_country_source_follows_a_real_container(
    request: pytest.FixtureRequest, start_sim: StartSim, session: aiohttp.ClientSession
) -> None:
    # The engine fixture is session-scoped, so it would be set up before the autouse fixture
    # that opens loopback and unix sockets: open them first, then ask for it.
    allow_loopback()
    engine: DockerEngine = request.getfixturevalue("docker_engine")
    name = "gluetun-sim"
    missing = docker_country_source(engine.socket_path, name)
    assert await missing() is None
    assert await docker_country_source("/nonexistent/docker.sock", name)() is None
    container = await asyncio.to_thread(
        engine.create_container,
        name,
        forever("true"),
        env={"SERVER_COUNTRIES": "Belgium,France", "VPN_SERVICE_PROVIDER": "mullvad"},
        stop_timeout=0,
    )
    _, url = await start_sim(country_source=docker_country_source(engine.socket_path, name))
    client = GluetunClient(url, session)
    assert (await client.public_ip()).country == "Belgium"
    await client.set_countries(["Romania"])
    assert (await until_running(client)).country == "Romania"
    # A restart of the container is a new instance: the live choice is lost.
    await asyncio.to_thread(engine.stop_container, container)
    assert await client.vpn_status() == "stopped"
    await asyncio.to_thread(engine.start_container, container)
    assert (await until_running(client)).country == "Belgium"
