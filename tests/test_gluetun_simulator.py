"""The gluetun simulator's own behaviour: middleware order, raw answers, test controls, CLI."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
import json
import sys
from typing import Any

import aiohttp
from aiohttp import web
from multidict import CIMultiDictProxy
import pytest

from devtools.simulators.gluetun import (
    ALL_ROUTES,
    BASIC_CHALLENGE,
    FAKE_PRIVATE_KEY,
    LEGACY_PUBLIC_ROUTES,
    PANDORA_ROUTES,
    READ_ROUTES,
    SERVERS,
    GluetunSimulator,
    Role,
    Routing,
    find_server,
    start,
    static_country_source,
)

API_KEY = "sim-key"


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def served(simulator: GluetunSimulator) -> tuple[web.AppRunner, str]:
    runner, port = await start(simulator)
    return runner, f"http://127.0.0.1:{port}"


@pytest.fixture
async def keyed() -> AsyncIterator[tuple[GluetunSimulator, str]]:
    simulator = GluetunSimulator(
        static_country_source("Netherlands"), api_key=API_KEY, reconnect_seconds=0.2
    )
    runner, url = await served(simulator)
    yield simulator, url
    await runner.cleanup()


async def call(
    session: aiohttp.ClientSession, method: str, url: str, body: Any = None, **headers: str
) -> tuple[int, str, CIMultiDictProxy[str]]:
    data = body if isinstance(body, str) or body is None else json.dumps(body)
    async with session.request(method, url, data=data, headers=headers) as resp:
        return resp.status, await resp.text(), resp.headers


def test_server_table() -> None:
    assert len(SERVERS) == 15
    assert len({s.country for s in SERVERS}) == 15
    assert find_server(" united kingdom ") is SERVERS[13]
    assert find_server("Narnia") is None


async def test_released_middleware_answers_401_before_routing(
    keyed: tuple[GluetunSimulator, str], session: aiohttp.ClientSession
) -> None:
    """v3.41.x: no role lists an unknown path or method, so even those are 401s."""
    _, url = keyed
    key = {"X-API-Key": API_KEY}
    for method, path in (
        ("GET", "/v1/nope"),
        ("GET", "/v1/vpn/status/"),  # exact paths
        ("DELETE", "/v1/vpn/status"),
        ("POST", "/v1/publicip/ip"),
    ):
        status, text, headers = await call(session, method, url + path, **key)
        assert (status, text) == (401, "Unauthorized\n"), (method, path)
        assert "Allow" not in headers
    status, text, headers = await call(session, "GET", f"{url}/v1/vpn/status")
    assert (status, text) == (401, "Unauthorized\n")
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "WWW-Authenticate" not in headers  # no basic role
    status, text, headers = await call(session, "GET", f"{url}/v1/vpn/status", **key)
    assert (status, text) == (200, '{"status":"running"}\n')
    assert headers["Content-Type"] == "text/plain; charset=utf-8"  # Go sniffs it


async def test_main_branch_middleware_order_404_405_401(session: aiohttp.ClientSession) -> None:
    simulator = GluetunSimulator(static_country_source("Sweden"), api_key=API_KEY, routing="main")
    runner, url = await served(simulator)
    try:
        key = {"X-API-Key": API_KEY}
        assert (await call(session, "GET", f"{url}/v1/nope"))[:2] == (404, "404 page not found\n")
        assert (await call(session, "GET", f"{url}/v1/vpn/status/"))[0] == 404
        status, text, headers = await call(session, "DELETE", f"{url}/v1/vpn/status")
        assert (status, text, headers["Allow"]) == (405, "Method Not Allowed\n", "GET, PUT")
        assert (await call(session, "POST", f"{url}/v1/publicip/ip", **key))[0] == 405
        assert (await call(session, "GET", f"{url}/v1/vpn/status"))[:2] == (401, "Unauthorized\n")
        assert (await call(session, "GET", f"{url}/v1/vpn/status", **key))[0] == 200
    finally:
        await runner.cleanup()


@pytest.mark.parametrize("routing", ["released", "main"])
async def test_a_route_the_role_does_not_list_is_401(
    session: aiohttp.ClientSession, routing: Routing
) -> None:
    """The same 401 as wrong credentials: only other routes answering tells them apart."""
    simulator = GluetunSimulator(
        static_country_source("Sweden"),
        api_key=API_KEY,
        allowed_routes=READ_ROUTES,
        routing=routing,
    )
    runner, url = await served(simulator)
    try:
        key = {"X-API-Key": API_KEY}
        assert (await call(session, "GET", f"{url}/v1/vpn/status", **key))[0] == 200
        assert (await call(session, "GET", f"{url}/v1/publicip/ip", **key))[0] == 200
        body = {"provider": {"server_selection": {"countries": ["Germany"]}}}
        unlisted = await call(session, "PUT", f"{url}/v1/vpn/settings", body, **key)
        wrong_key = await call(session, "GET", f"{url}/v1/vpn/status", **{"X-API-Key": "x"})
        assert unlisted[:2] == wrong_key[:2] == (401, "Unauthorized\n")
        assert simulator.override is None
        assert (await call(session, "GET", f"{url}/v1/version", **key))[0] == 401
    finally:
        await runner.cleanup()


async def test_roles_from_an_auth_config(session: aiohttp.ClientSession) -> None:
    """Several roles, each with its routes and method; the first that admits wins."""
    simulator = GluetunSimulator(
        static_country_source("Sweden"),
        roles=(
            Role("status", frozenset({"GET /v1/vpn/status"}), "none"),
            Role("reader", READ_ROUTES, "apikey", apikey=API_KEY),
            Role(
                "switcher", frozenset({"PUT /v1/vpn/settings"}), "basic", username="u", password="p"
            ),
            Role("bogus", frozenset({"GET /v1/nope"}), "none"),  # gluetun refuses such a route
        ),
    )
    runner, url = await served(simulator)
    try:
        assert (await call(session, "GET", f"{url}/v1/vpn/status"))[0] == 200
        assert (await call(session, "GET", f"{url}/v1/publicip/ip"))[0] == 401
        assert (await call(session, "GET", f"{url}/v1/publicip/ip", **{"X-API-Key": API_KEY}))[
            0
        ] == 200
        body = {"provider": {"server_selection": {"countries": ["Germany"]}}}
        settings = f"{url}/v1/vpn/settings"
        status, _, headers = await call(session, "PUT", settings, body, **{"X-API-Key": API_KEY})
        assert status == 401
        assert headers["WWW-Authenticate"] == BASIC_CHALLENGE
        status, text, _ = await call(session, "PUT", settings, body, Authorization="Basic dTpw")
        assert (status, text) == (200, "running")
        assert (await call(session, "GET", f"{url}/v1/nope"))[0] == 401
    finally:
        await runner.cleanup()


async def test_basic_role_asks_for_credentials(session: aiohttp.ClientSession) -> None:
    simulator = GluetunSimulator(static_country_source("Sweden"), username="u", password="p")
    runner, url = await served(simulator)
    try:
        _, _, headers = await call(session, "GET", f"{url}/v1/vpn/status")
        assert headers["WWW-Authenticate"] == BASIC_CHALLENGE
        # Go's Request.BasicAuth finds no login in these either, so they are challenged too.
        for header in ("Basic %%%", "Basic dXc=", "Bearer dTpw"):
            bad = await call(session, "GET", f"{url}/v1/vpn/status", Authorization=header)
            assert bad[0] == 401
            assert bad[2]["WWW-Authenticate"] == BASIC_CHALLENGE, header
        wrong = await call(session, "GET", f"{url}/v1/vpn/status", Authorization="Basic dTpx")
        assert wrong[0] == 401
        assert "WWW-Authenticate" not in wrong[2]  # a login was read: just not this one
        good = await call(session, "GET", f"{url}/v1/vpn/status", Authorization="basic dTpw")
        assert good[0] == 200
    finally:
        await runner.cleanup()


def test_every_route_is_known() -> None:
    simulator = GluetunSimulator(static_country_source("Sweden"))
    assert simulator.served_routes() == ALL_ROUTES
    assert PANDORA_ROUTES <= ALL_ROUTES
    without = GluetunSimulator(static_country_source("Sweden"), settings_route=False)
    assert ALL_ROUTES - without.served_routes() == {"GET /v1/vpn/settings", "PUT /v1/vpn/settings"}


async def test_legacy_public_routes(session: aiohttp.ClientSession) -> None:
    simulator = GluetunSimulator(static_country_source("Sweden"), legacy_default=True)
    runner, url = await served(simulator)
    try:
        for route in sorted(LEGACY_PUBLIC_ROUTES):
            method, path = route.split()
            body = {"status": "running"} if method == "PUT" else None
            assert (await call(session, method, url + path, body))[0] == 200, route
        for route in ("GET /v1/vpn/settings", "PUT /v1/vpn/settings", "GET /v1/openvpn/settings"):
            method, path = route.split()
            assert (await call(session, method, url + path, {}))[0] == 401, route
    finally:
        await runner.cleanup()


async def test_settings_hold_fake_credentials_and_the_countries(
    keyed: tuple[GluetunSimulator, str], session: aiohttp.ClientSession
) -> None:
    _, url = keyed
    key = {"X-API-Key": API_KEY}
    status, text, _ = await call(session, "GET", f"{url}/v1/vpn/settings", **key)
    settings = json.loads(text)
    assert status == 200
    assert settings["provider"]["name"] == "mullvad"
    assert settings["provider"]["server_selection"]["countries"] == ["Netherlands"]
    assert settings["wireguard"]["private_key"] == FAKE_PRIVATE_KEY
    assert settings["openvpn"]["user"]
    status, text, _ = await call(session, "GET", f"{url}/v1/openvpn/settings", **key)
    assert json.loads(text) == settings["openvpn"]
    # A partial object that leaves the countries alone changes nothing.
    partial = {"provider": {"port_forwarding": {"enabled": False}}}
    status, text, _ = await call(session, "PUT", f"{url}/v1/vpn/settings", partial, **key)
    assert (status, text) == (200, "settings left unchanged")
    # An empty list overrides too (gluetun then picks any server): Sweden, here.
    empty: dict[str, Any] = {"provider": {"server_selection": {"countries": []}}}
    status, text, _ = await call(session, "PUT", f"{url}/v1/vpn/settings", empty, **key)
    assert (status, text) == (200, "running")
    await asyncio.sleep(0.25)
    _, text, _ = await call(session, "GET", f"{url}/v1/publicip/ip", **key)
    assert json.loads(text)["country"] == "Sweden"


async def test_bad_bodies_are_400_plain_text(
    keyed: tuple[GluetunSimulator, str], session: aiohttp.ClientSession
) -> None:
    _, url = keyed
    key = {"X-API-Key": API_KEY}
    settings, status_url = f"{url}/v1/vpn/settings", f"{url}/v1/vpn/status"
    cases = [
        (settings, "{", "invalid character"),
        (settings, [], "cannot unmarshal array into Go value of type settings.VPN"),
        (
            settings,
            {"provider": {"server_selection": {"countries": "Germany"}}},
            "cannot unmarshal string into Go struct field ServerSelection",
        ),
        (settings, {"provider": {"server_selection": {"countries": [1]}}}, "of type []string"),
        (status_url, "nope", "invalid character"),
        (status_url, {"status": "paused"}, "invalid status: paused: possible values are"),
        (status_url, {}, "invalid status: : possible values are: stopped, running"),
    ]
    for target, body, expected in cases:
        status, text, _ = await call(session, "PUT", target, body, **key)
        assert status == 400, body
        assert expected in text, (body, text)
        assert text.endswith("\n")


async def test_other_routes(
    keyed: tuple[GluetunSimulator, str], session: aiohttp.ClientSession
) -> None:
    simulator, url = keyed
    key = {"X-API-Key": API_KEY}

    async def get(path: str) -> Any:
        status, text, _ = await call(session, "GET", url + path, **key)
        assert status == 200
        return json.loads(text)

    assert await get("/v1/openvpn/status") == {"status": "running"}
    assert await get("/v1/dns/status") == {"status": "running"}
    assert await get("/v1/updater/status") == {"status": "completed"}
    assert await get("/v1/portforward") == {"port": 0, "ports": None}
    assert await get("/v1/openvpn/portforwarded") == {"port": 0}
    for path, outcome in (("/v1/dns/status", "running"), ("/v1/updater/status", "completed")):
        _, text, _ = await call(session, "PUT", url + path, {"status": "running"}, **key)
        assert json.loads(text) == {"outcome": f"already {outcome}"}
    status, text, _ = await call(session, "PUT", f"{url}/v1/portforward", {"ports": [51820]}, **key)
    assert (status, text) == (200, "")
    assert await get("/v1/portforward") == {"port": 51820, "ports": [51820]}
    assert await get("/v1/openvpn/portforwarded") == {"port": 51820}
    status, text, _ = await call(session, "PUT", f"{url}/v1/portforward", {"p": 1}, **key)
    assert (status, text) == (400, "failed setting forwarded ports\n")
    _, text, _ = await call(
        session, "PUT", f"{url}/v1/openvpn/status", {"status": "stopped"}, **key
    )
    assert json.loads(text) == {"outcome": "stopped"}
    assert simulator.requests["PUT /v1/openvpn/status"] == 1


async def test_sim_controls(
    keyed: tuple[GluetunSimulator, str], session: aiohttp.ClientSession
) -> None:
    simulator, url = keyed
    status, text, _ = await call(session, "GET", f"{url}/_sim/state")
    state = json.loads(text)
    assert (status, state["status"], state["countries"]) == (200, "running", ["Netherlands"])
    assert state["public_ip"]["public_ip"].startswith("203.0.113.")
    assert (await call(session, "POST", f"{url}/_sim/leak", {}))[0] == 400
    assert (await call(session, "POST", f"{url}/_sim/leak"))[0] == 400
    assert (await call(session, "POST", f"{url}/_sim/state"))[0] == 405
    assert (await call(session, "GET", f"{url}/_sim/crash"))[0] == 405
    assert (await call(session, "POST", f"{url}/_sim/explode"))[0] == 404
    _, text, _ = await call(session, "POST", f"{url}/_sim/leak", {"country": "Atlantis"})
    leaked = json.loads(text)["public_ip"]
    assert leaked["country"] == "Atlantis"
    assert leaked["organization"] == "Atlantis Broadband"
    assert leaked["public_ip"] == "192.0.2.200"
    simulator.env_country = "Atlantis"  # an env value gluetun itself would refuse
    simulator.leak_country = None
    assert simulator.public_ip() == {
        "public_ip": "203.0.113.250",
        "country": "Atlantis",
        "hostname": "xx-xxx-wg-001.relays.mullvad.net",
    }


async def test_standalone_prints_its_port(session: aiohttp.ClientSession) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "devtools.simulators.gluetun",
        "--port",
        "0",
        "--country",
        "Japan",
        "--routes",
        "GET /v1/publicip/ip, GET /v1/vpn/status",
        "--routing",
        "main",
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), 20)
        port = json.loads(line)["port"]
        async with session.get(f"http://127.0.0.1:{port}/v1/publicip/ip") as resp:
            assert (await resp.json(content_type=None))["country"] == "Japan"
        async with session.get(f"http://127.0.0.1:{port}/v1/vpn/settings") as resp:
            assert resp.status == 401  # not listed
        async with session.get(f"http://127.0.0.1:{port}/v1/nope") as resp:
            assert resp.status == 404  # main-branch order
    finally:
        process.terminate()
        await process.wait()
