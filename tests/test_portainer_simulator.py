"""The Portainer simulator itself: Portainer's API, the Docker proxy to a real dockerd, and
the compose subset it deploys stacks with (resolution, hashing, recreation).

Raw HTTP here (no Pandora client): what a Portainer 2.23 would answer.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
import json
import os
import signal
import sys
from typing import Any

import aiohttp
from multidict import CIMultiDictProxy
import pytest

from devtools.simulators.portainer import (
    DEFAULT_API_KEY,
    DEFAULT_RESTRICTED_KEY,
    ComposeError,
    PortainerSimulator,
    interpolate,
    parse_duration,
    plan_services,
    start,
)
from devtools.support.docker_engine import IMAGE, DockerEngine, forever

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOOP = "trap 'exit 0' TERM; while :; do echo tick; sleep 1 & wait $$!; done"
STACK = f"""
services:
  vpn:
    image: {IMAGE}
    container_name: sim-vpn
    command: ["sh", "-c", "{LOOP}"]
    environment:
      - COUNTRY=${{COUNTRY:-Sweden}}
  app:
    image: {IMAGE}
    network_mode: service:vpn
    command: ["sh", "-c", "{LOOP}"]
  other:
    image: {IMAGE}
    command: ["sh", "-c", "{LOOP}"]
    env_file: stack.env
    environment:
      FIXED: "yes"
"""


@dataclass
class Sim:
    """A running simulator and a session to call it."""

    sim: PortainerSimulator
    url: str
    session: aiohttp.ClientSession
    engine: DockerEngine

    async def call(
        self,
        method: str,
        path: str,
        *,
        key: str | None = DEFAULT_API_KEY,
        **kwargs: Any,
    ) -> tuple[int, CIMultiDictProxy[str], bytes]:
        headers = dict(kwargs.pop("headers", {}))
        if key is not None:
            headers["X-API-Key"] = key
        async with self.session.request(
            method, f"{self.url}{path}", headers=headers, **kwargs
        ) as resp:
            return resp.status, resp.headers, await resp.read()

    async def json(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        got, _, body = await self.call(method, path, **kwargs)
        assert got == status, body
        return json.loads(body) if body else None

    def service_ids(self, project: str) -> dict[str, str]:
        return {
            c["Labels"]["com.docker.compose.service"]: c["Id"]
            for c in self.engine.containers(label=f"com.docker.compose.project={project}")
        }


@pytest.fixture
async def sim(docker_engine: DockerEngine) -> AsyncIterator[Sim]:
    simulator = PortainerSimulator(docker_engine.socket_path)
    runner, port = await start(simulator)
    async with aiohttp.ClientSession() as session:
        yield Sim(simulator, f"http://127.0.0.1:{port}", session, docker_engine)
    await runner.cleanup()


# --- auth, routes, environments -------------------------------------------------------------


async def test_auth_header_query_and_public_status(sim: Sim) -> None:
    status = await sim.json("GET", "/api/status", key=None)
    assert status == {"Version": "2.23.0", "InstanceID": sim.sim.instance_id}
    assert await sim.json("GET", "/api/system/status", key="wrong") == status
    sim.sim.legacy_status = True  # early 2.x: no /api/system/status, no InstanceID
    assert await sim.json("GET", "/api/status", key=None) == {"Version": "2.23.0"}
    got, _, body = await sim.call("GET", "/api/system/status", key=None)
    assert (got, body) == (404, b"404 page not found\n")
    sim.sim.legacy_status = False

    missing = await sim.json("GET", "/api/endpoints", 401, key=None)
    assert missing == {
        "message": "A valid authorisation token is missing",
        "details": "Unauthorized",
    }
    wrong = await sim.json("GET", "/api/endpoints", 401, key="ptr_wrong")
    assert wrong == {"message": "Invalid API key", "details": "Unauthorized"}

    # The header name is matched in any case; the query parameter works too.
    lower = await sim.json(
        "GET", "/api/endpoints", key=None, headers={"x-api-key": sim.sim.api_key}
    )
    assert len(lower) == 2
    query = await sim.json("GET", "/api/endpoints", key=None, params={"X-API-Key": sim.sim.api_key})
    assert len(query) == 2
    got, headers, _ = await sim.call("GET", "/api/endpoints")
    assert got == 200
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Total-Count"] == "2"


async def test_unknown_routes_and_methods(sim: Sim) -> None:
    got, _, body = await sim.call("GET", "/api/nothing-here", key=None)
    assert (got, body) == (404, b"404 page not found\n")
    got, _, body = await sim.call("DELETE", "/api/endpoints")
    assert (got, body) == (405, b"")


async def test_endpoints(sim: Sim) -> None:
    local, remote = await sim.json("GET", "/api/endpoints")
    assert local["Id"] == 1 and local["Name"] == "local" and local["Type"] == 1
    assert local["URL"] == "unix:///var/run/docker.sock" and local["Status"] == 1
    assert remote["Id"] == 2 and remote["Status"] == 2
    assert (await sim.json("GET", "/api/endpoints/1"))["Name"] == "local"
    missing = await sim.json("GET", "/api/endpoints/9", 404)
    assert missing["details"] == "object not found inside the database"
    assert (await sim.json("GET", "/api/endpoints/x", 400))["message"].startswith("Invalid")
    # A user without access sees no environment and may not open one.
    assert await sim.json("GET", "/api/endpoints", key=DEFAULT_RESTRICTED_KEY) == []
    denied = await sim.json("GET", "/api/endpoints/1", 403, key=DEFAULT_RESTRICTED_KEY)
    assert denied["message"] == "Permission denied to access environment"


async def test_no_down_endpoint_option(docker_engine: DockerEngine) -> None:
    simulator = PortainerSimulator(docker_engine.socket_path, "k", down_endpoint=False)
    assert list(simulator.endpoints) == [1]


# --- the Docker proxy -----------------------------------------------------------------------


async def test_docker_proxy_passes_everything_through(sim: Sim) -> None:
    got, headers, body = await sim.call("GET", "/api/endpoints/1/docker/_ping")
    assert (got, body) == (200, b"OK")
    assert headers["Api-Version"] == "1.41"
    assert headers["X-Content-Type-Options"] == "nosniff"
    version = await sim.json("GET", "/api/endpoints/1/docker/version")
    assert version["ApiVersion"] == "1.41"

    # A create with a JSON body, a start, a second start (Docker's 304), a filtered list.
    created = await sim.json(
        "POST",
        "/api/endpoints/1/docker/containers/create",
        201,
        params={"name": "via-proxy"},
        json={
            "Image": IMAGE,
            "Cmd": forever("echo hi"),
            "Labels": {"pandora.test": "proxy"},
            "HostConfig": {"NetworkMode": "none"},
        },
    )
    got, _, _ = await sim.call("POST", f"/api/endpoints/1/docker/containers/{created['Id']}/start")
    assert got == 204
    got, _, _ = await sim.call("POST", "/api/endpoints/1/docker/containers/via-proxy/start")
    assert got == 304
    listed = await sim.json(
        "GET",
        "/api/endpoints/1/docker/containers/json",
        params={"all": "1", "filters": json.dumps({"label": ["pandora.test=proxy"]})},
    )
    assert [c["Names"] for c in listed] == [["/via-proxy"]]
    assert listed[0]["State"] == "running"

    nope = await sim.json("GET", "/api/endpoints/1/docker/containers/nope/json", 404)
    assert nope == {"message": "No such container: nope"}
    got, _, _ = await sim.call("GET", "/api/endpoints/1/docker")  # the Engine's own 404
    assert got == 404


async def test_docker_proxy_refusals(sim: Sim) -> None:
    got, _, body = await sim.call("GET", "/api/endpoints/2/docker/containers/json")
    assert (got, body) == (502, b"")  # an agent Portainer cannot reach
    assert (await sim.json("GET", "/api/endpoints/7/docker/_ping", 404))["message"].startswith(
        "Unable to find an environment"
    )
    await sim.json("GET", "/api/endpoints/1/docker/_ping", 403, key=DEFAULT_RESTRICTED_KEY)
    await sim.json("GET", "/api/endpoints/1/docker/_ping", 401, key="nope")


async def test_docker_proxy_when_the_engine_is_gone(sim: Sim) -> None:
    broken = PortainerSimulator("/nonexistent/docker.sock")
    runner, port = await start(broken)
    try:
        async with sim.session.get(
            f"http://127.0.0.1:{port}/api/endpoints/1/docker/_ping",
            headers={"X-API-Key": DEFAULT_API_KEY},
        ) as resp:
            assert resp.status == 502
            assert await resp.read() == b""
    finally:
        await runner.cleanup()


async def test_logs_come_back_byte_for_byte_and_chunked(sim: Sim) -> None:
    container = sim.engine.create_container(
        "logger", ["sh", "-c", "echo out1; echo err1 >&2; echo out2; printf partial"]
    )
    sim.engine.wait_for(container, lambda info: info["State"]["Status"] == "exited")
    query = {"stdout": "1", "stderr": "1", "timestamps": "1", "tail": "all"}
    got, headers, body = await sim.call(
        "GET", f"/api/endpoints/1/docker/containers/{container}/logs", params=query
    )
    assert got == 200
    assert "Content-Length" not in headers
    assert headers["Transfer-Encoding"] == "chunked"
    status, direct = sim.engine.request("GET", f"/containers/{container}/logs", query=query)
    assert status == 200
    assert body == direct
    assert b"out1\n" in body and b"err1\n" in body and body.endswith(b"partial")


async def test_stats_stream_is_streamed(sim: Sim) -> None:
    container = sim.engine.create_container("streamer", forever("true"))
    async with sim.session.get(
        f"{sim.url}/api/endpoints/1/docker/containers/{container}/stats",
        params={"stream": "true"},
        headers={"X-API-Key": DEFAULT_API_KEY},
    ) as resp:
        assert resp.status == 200
        first = json.loads(await asyncio.wait_for(resp.content.readline(), 10))
        second = json.loads(await asyncio.wait_for(resp.content.readline(), 10))
    assert first["id"] == container and second["id"] == container
    # The simulator is fine after the client hung up on an endless answer.
    assert (await sim.json("GET", "/api/endpoints/1"))["Id"] == 1


async def test_injected_faults(sim: Sim) -> None:
    sim.sim.inject(429, "slow down", headers={"Retry-After": "3"}, count=2)
    sim.sim.inject(500, {"message": "boom", "details": "kaboom"})
    for _ in range(2):
        got, headers, body = await sim.call("GET", "/api/endpoints")
        assert (got, headers["Retry-After"], body) == (429, "3", b"slow down")
    assert await sim.json("GET", "/api/endpoints", 500) == {"message": "boom", "details": "kaboom"}
    assert len(await sim.json("GET", "/api/endpoints")) == 2
    # Faults come after the key check.
    sim.sim.inject(500, b"x")
    await sim.json("GET", "/api/endpoints", 401, key="bad")


# --- stacks: the API ------------------------------------------------------------------------


async def test_stack_create_validation(sim: Sim) -> None:
    path = "/api/stacks/create/standalone/string"
    body = {"name": "media", "stackFileContent": STACK, "env": []}
    missing = await sim.json("POST", path, 400, json=body)
    assert missing["message"] == "Invalid query parameter: endpointId"
    await sim.json("POST", path, 400, params={"endpointId": "one"}, json=body)
    await sim.json("POST", path, 404, params={"endpointId": "9"}, json=body)
    ep = {"endpointId": "1"}
    assert (await sim.json("POST", path, 400, params=ep, data=b"{"))["message"] == (
        "Invalid request payload"
    )
    await sim.json("POST", path, 400, params=ep, json=["not", "an", "object"])
    for bad in (
        {**body, "name": ""},
        {**body, "name": "bad name!"},
        {**body, "stackFileContent": " "},
    ):
        await sim.json("POST", path, 400, params=ep, json=bad)
    await sim.json("POST", path, 400, params=ep, json={**body, "env": "A=1"})
    await sim.json("POST", path, 400, params=ep, json={**body, "env": ["A=1"]})
    broken = await sim.json("POST", path, 500, params=ep, json={**body, "stackFileContent": "x: ["})
    assert broken["message"] == "Failed to deploy a stack"
    unknown_image = STACK.replace(IMAGE, "nowhere/nothing:1", 1)
    failed = await sim.json(
        "POST", path, 500, params=ep, json={**body, "stackFileContent": unknown_image}
    )
    assert "No such image" in failed["details"]
    down = await sim.json("POST", path, 500, params={"endpointId": "2"}, json=body)
    assert "unreachable" in down["details"]
    await sim.json("POST", path, 403, params=ep, json=body, key=DEFAULT_RESTRICTED_KEY)
    assert await sim.json("GET", "/api/stacks") == []

    # Names are normalised to lower case, and taken names refused.
    created = await sim.json("POST", path, params=ep, json={**body, "name": "Media"})
    assert created["Name"] == "media"
    taken = await sim.json("POST", path, 409, params=ep, json=body)
    assert taken["message"] == "A stack with the normalized name 'media' already exists"


async def test_stack_lifecycle(sim: Sim) -> None:
    env = [{"name": "COUNTRY", "value": "Norway"}, {"name": "TZ", "value": "UTC"}]
    created = await sim.json(
        "POST",
        "/api/stacks/create/standalone/string",
        params={"endpointId": "1"},
        json={"name": "media", "stackFileContent": STACK, "env": env},
    )
    stack_id = created["Id"]
    assert created["Type"] == 2 and created["Status"] == 1 and created["EndpointId"] == 1
    assert created["Env"] == env
    assert created["EntryPoint"] == "docker-compose.yml"
    assert created["ProjectPath"] == f"/data/compose/{stack_id}"
    assert created["CreatedBy"] == "admin" and created["CreationDate"] > 0
    assert created["UpdateDate"] == 0 and created["UpdatedBy"] == ""
    assert set(sim.service_ids("media")) == {"vpn", "app", "other"}
    vpn = sim.engine.inspect("sim-vpn")
    assert "COUNTRY=Norway" in vpn["Config"]["Env"]
    assert vpn["HostConfig"]["NetworkMode"] == "none"
    app = sim.engine.inspect("media-app-1")
    assert app["HostConfig"]["NetworkMode"] == f"container:{vpn['Id']}"  # Docker resolves it
    assert app["Config"]["Labels"]["com.docker.compose.depends_on"] == ("vpn:service_started:false")
    assert sim.engine.env("media-other-1") == {"COUNTRY": "Norway", "TZ": "UTC", "FIXED": "yes"}

    assert [s["Id"] for s in await sim.json("GET", "/api/stacks")] == [stack_id]
    by_endpoint = {"filters": json.dumps({"EndpointID": 1})}
    assert len(await sim.json("GET", "/api/stacks", params=by_endpoint)) == 1
    other = {"filters": json.dumps({"EndpointID": 2})}
    assert await sim.json("GET", "/api/stacks", params=other) == []
    await sim.json("GET", "/api/stacks", 400, params={"filters": "{nope"})
    await sim.json("GET", "/api/stacks", 400, params={"filters": "[1]"})
    assert await sim.json("GET", "/api/stacks", key=DEFAULT_RESTRICTED_KEY) == []
    assert (await sim.json("GET", f"/api/stacks/{stack_id}"))["Name"] == "media"
    file = await sim.json("GET", f"/api/stacks/{stack_id}/file")
    assert file == {"StackFileContent": STACK}
    await sim.json("GET", "/api/stacks/99", 404)
    await sim.json("GET", "/api/stacks/abc", 400)
    denied = await sim.json("GET", f"/api/stacks/{stack_id}", 403, key=DEFAULT_RESTRICTED_KEY)
    assert denied["message"] == "Permission denied to access stack"

    # PUT: endpointId is required; the Env sent replaces the stack's whole list.
    put = {"StackFileContent": STACK, "Env": [{"name": "TZ", "value": "Europe/Paris"}]}
    await sim.json("PUT", f"/api/stacks/{stack_id}", 400, json=put)
    await sim.json("PUT", f"/api/stacks/{stack_id}", 400, params={"endpointId": "1"}, json={})
    await sim.json(
        "PUT", f"/api/stacks/{stack_id}", 400, params={"endpointId": "1"}, json={**put, "Env": 1}
    )
    updated = await sim.json("PUT", f"/api/stacks/{stack_id}", params={"endpointId": "1"}, json=put)
    assert updated["Env"] == [{"name": "TZ", "value": "Europe/Paris"}]
    assert updated["UpdateDate"] >= updated["CreationDate"] and updated["UpdatedBy"] == "admin"
    assert "COUNTRY=Sweden" in sim.engine.inspect("sim-vpn")["Config"]["Env"]  # the default
    assert sim.engine.env("media-other-1") == {"TZ": "Europe/Paris", "FIXED": "yes"}
    # Go decodes JSON field names in any case.
    lower = {"stackfilecontent": STACK, "env": [{"NAME": "TZ", "Value": "UTC"}]}
    again = await sim.json("PUT", f"/api/stacks/{stack_id}", params={"endpointId": "1"}, json=lower)
    assert again["Env"] == [{"name": "TZ", "value": "UTC"}]

    # stop is compose down, start compose up.
    stopped = await sim.json("POST", f"/api/stacks/{stack_id}/stop", params={"endpointId": "1"})
    assert stopped["Status"] == 2
    assert sim.service_ids("media") == {}
    await sim.json("POST", f"/api/stacks/{stack_id}/stop", 400, params={"endpointId": "1"})
    await sim.json("POST", f"/api/stacks/{stack_id}/stop", 400)
    started = await sim.json("POST", f"/api/stacks/{stack_id}/start", params={"endpointId": "1"})
    assert started["Status"] == 1
    assert set(sim.service_ids("media")) == {"vpn", "app", "other"}
    await sim.json("POST", f"/api/stacks/{stack_id}/start", 400, params={"endpointId": "1"})

    await sim.json("DELETE", f"/api/stacks/{stack_id}", 400)
    got, _, _ = await sim.call("DELETE", f"/api/stacks/{stack_id}", params={"endpointId": "1"})
    assert got == 204
    assert sim.service_ids("media") == {}
    await sim.json("GET", f"/api/stacks/{stack_id}", 404)


async def test_failed_update_changes_nothing_stored(sim: Sim) -> None:
    stack = await sim.sim.create_stack("media", STACK, {"COUNTRY": "Norway"})
    broken = STACK.replace(IMAGE, "${IMAGE:?set IMAGE}", 1)
    body = {"StackFileContent": broken, "Env": []}
    failed = await sim.json(
        "PUT", f"/api/stacks/{stack.id}", 500, params={"endpointId": "1"}, json=body
    )
    assert "set IMAGE" in failed["details"]
    assert stack.content == STACK and stack.env == [{"name": "COUNTRY", "value": "Norway"}]


async def test_redeploy_recreates_only_what_changed(sim: Sim) -> None:
    stack = await sim.sim.create_stack(
        "media", STACK, [{"name": "COUNTRY", "value": "Norway"}, {"name": "TZ", "value": "UTC"}]
    )
    before = sim.service_ids("media")
    sim.sim.deploys.clear()

    # COUNTRY is read by vpn (${COUNTRY}) and other (env_file): both recreated, and app,
    # which lives in vpn's network namespace, follows vpn.
    await sim.sim.update_stack(
        stack, STACK, [{"name": "COUNTRY", "value": "Chile"}, {"name": "TZ", "value": "UTC"}]
    )
    after = sim.service_ids("media")
    assert all(after[s] != before[s] for s in ("vpn", "app", "other"))
    assert sorted(sim.sim.deploys) == [
        ("media", "recreated app"),
        ("media", "recreated other"),
        ("media", "recreated vpn"),
    ]
    assert sim.engine.inspect("media-app-1")["State"]["Running"]

    # The same file and env again: nothing to do; a stopped container is started.
    sim.sim.deploys.clear()
    sim.engine.stop_container(after["other"])
    await sim.sim.update_stack(stack, stack.content, stack.env)
    assert sim.service_ids("media") == after
    assert sim.sim.deploys == [("media", "started other")]
    assert sim.engine.inspect(after["other"])["State"]["Running"]

    # Only a variable no service reads but env_file: only that service.
    sim.sim.deploys.clear()
    await sim.sim.update_stack(stack, stack.content, [*stack.env, {"name": "NEW", "value": "1"}])
    assert sim.sim.deploys == [("media", "recreated other")]
    assert sim.service_ids("media")["vpn"] == after["vpn"]

    # A service dropped from the file is removed (--remove-orphans).
    sim.sim.deploys.clear()
    fewer = STACK[: STACK.index("  other:")]
    await sim.sim.update_stack(stack, fewer, stack.env)
    assert sim.sim.deploys == [("media", "removed other")]
    assert set(sim.service_ids("media")) == {"vpn", "app"}


# --- the compose subset ---------------------------------------------------------------------


def test_interpolation() -> None:
    env = {"A": "1", "EMPTY": ""}
    assert interpolate("$A ${A} $$A $${A}", env) == "1 1 $A ${A}"
    assert interpolate("${MISSING}|${EMPTY}", env) == "|"
    assert interpolate("${EMPTY:-dflt} ${EMPTY-dflt} ${MISSING-dflt}", env) == "dflt  dflt"
    assert interpolate("${MISSING:-${A}}", env) == "1"
    assert interpolate("${A:?needed} ${EMPTY?fine}", env) == "1 "
    with pytest.raises(ComposeError, match="needed"):
        interpolate("${EMPTY:?needed}", env)
    with pytest.raises(ComposeError, match="MISSING"):
        interpolate("${MISSING?}", env)
    assert interpolate("${A:+set}|${EMPTY:+set}|${EMPTY+set}|${MISSING+set}", env) == "set||set|"
    assert interpolate("cost: 5$ or $-", env) == "cost: 5$ or $-"
    for bad in ("${A", "${}", "${A:x}"):
        with pytest.raises(ComposeError, match="invalid interpolation"):
            interpolate(bad, env)


def test_durations() -> None:
    assert parse_duration("1m30s") == 90
    assert parse_duration("500ms") == 0.5
    assert parse_duration("1h") == 3600
    assert parse_duration("1.5s") == 1.5
    assert parse_duration(3) == 3.0
    for bad in ("", "10", "5 parsecs", True):
        with pytest.raises(ComposeError, match="invalid duration"):
            parse_duration(bad)


def plan(content: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    return {p.service: p for p in plan_services(content, env or {}, "proj", "/data/compose/1")}


def test_plan_resolution() -> None:
    plans = plan(
        """
services:
  web:
    image: ${IMG:-pandora/busybox:1}
    command: sh -c 'echo "a b"'
    entrypoint: ["/bin/sh"]
    env_file: [./stack.env]
    environment: [TOKEN, "A=from-list", UNSET]
    labels: ["x=1", "flag"]
    healthcheck: {test: "true", interval: 500ms, timeout: 1s, retries: 3, start_period: 2s}
    restart: on-failure:4
    stop_grace_period: 3s
    tty: true
    init: true
    user: "0"
    working_dir: /tmp
    hostname: web
    stop_signal: SIGINT
    network_mode: host
  side:
    image: pandora/busybox:1
    network_mode: container:elsewhere
    environment: {B: 2, C: null, D: true, TOKEN: null}
    labels: {y: "2"}
    healthcheck: {disable: true}
    restart: "no"
    depends_on: [web]
  last:
    image: pandora/busybox:1
    healthcheck: {test: ["CMD", "true"]}
    restart: always
    depends_on: {side: {condition: service_started}}
""",
        {"TOKEN": "t", "A": "from-env"},
    )
    assert list(plans) == ["web", "side", "last"]
    web = plans["web"].config
    assert web["Image"] == "pandora/busybox:1"
    assert web["Cmd"] == ["sh", "-c", 'echo "a b"']
    assert web["Entrypoint"] == ["/bin/sh"]
    assert web["Env"] == ["TOKEN=t", "A=from-list"]
    assert web["Labels"]["x"] == "1" and web["Labels"]["flag"] == ""
    assert web["Labels"]["com.docker.compose.project"] == "proj"
    assert web["Labels"]["com.docker.compose.service"] == "web"
    assert web["Labels"]["com.docker.compose.config-hash"] == plans["web"].config_hash
    assert web["Healthcheck"] == {
        "Test": ["CMD-SHELL", "true"],
        "Interval": 500_000_000,
        "Timeout": 1_000_000_000,
        "StartPeriod": 2_000_000_000,
        "Retries": 3,
    }
    assert web["HostConfig"] == {
        "NetworkMode": "none",  # host is forced to none: no networks on the test engine
        "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 4},
        "Init": True,
    }
    assert (web["StopTimeout"], web["Tty"], web["User"], web["WorkingDir"]) == (
        3,
        True,
        "0",
        "/tmp",
    )
    assert (web["Hostname"], web["StopSignal"]) == ("web", "SIGINT")
    assert plans["web"].container_name == "proj-web-1"
    side = plans["side"].config
    assert side["Env"] == ["B=2", "D=true", "TOKEN=t"]
    assert side["HostConfig"]["NetworkMode"] == "container:elsewhere"
    assert side["HostConfig"]["RestartPolicy"]["Name"] == "no"
    assert side["Healthcheck"] == {"Test": ["NONE"]}
    assert "Cmd" not in side
    assert plans["last"].config["Healthcheck"] == {"Test": ["CMD", "true"]}
    assert plans["last"].after == {"side"}

    # The hash follows the resolved config: an unrelated variable changes nothing.
    same = plan("services:\n  a:\n    image: i\n    command: echo ${X}\n", {"X": "1", "Y": "1"})
    other = plan("services:\n  a:\n    image: i\n    command: echo ${X}\n", {"X": "1", "Y": "2"})
    changed = plan("services:\n  a:\n    image: i\n    command: echo ${X}\n", {"X": "2"})
    assert same["a"].config_hash == other["a"].config_hash != changed["a"].config_hash


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("x: [", "invalid compose file"),
        ("services: []", "no services"),
        ("services: {}", "no services"),
        ("services:\n  a: 1", "must be a mapping"),
        ("services:\n  a: {command: x}", "has no image"),
        ("services:\n  a: {image: i, env_file: other.env}", "other.env not found"),
        ("services:\n  a: {image: i, environment: 5}", "environment must be"),
        ("services:\n  a: {image: i, command: 5}", "command must be"),
        ("services:\n  a: {image: i, restart: sometimes}", "invalid restart policy"),
        ("services:\n  a: {image: i, healthcheck: yes}", "healthcheck must be a mapping"),
        ("services:\n  a: {image: i, healthcheck: {interval: 1s}}", "needs a test"),
        ("services:\n  a: {image: i, stop_grace_period: soon}", "invalid duration"),
        ("services:\n  a: {image: i, network_mode: 'service:b'}", "unknown b"),
        ("services:\n  a: {image: i, depends_on: [b]}", "undefined ['b']"),
        (
            "services:\n  a: {image: i, depends_on: [b]}\n  b: {image: i, depends_on: a}",
            "dependency cycle",
        ),
    ],
)
def test_plan_errors(content: str, error: str) -> None:
    with pytest.raises(ComposeError, match=error.replace("[", r"\[").replace("]", r"\]")):
        plan(content)


def test_env_file_as_mapping_form() -> None:
    plans = plan("services:\n  a: {image: i, env_file: {path: stack.env}}", {"K": "v"})
    assert plans["a"].config["Env"] == ["K=v"]


async def test_standalone_command(docker_engine: DockerEngine) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "devtools.simulators.portainer",
        "--port",
        "0",
        "--docker-socket",
        docker_engine.socket_path,
        "--api-key",
        "cli-key",
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        port = json.loads(await asyncio.wait_for(process.stdout.readline(), 30))["port"]
        async with (
            aiohttp.ClientSession() as session,
            session.get(
                f"http://127.0.0.1:{port}/api/endpoints/1/docker/_ping",
                headers={"X-API-Key": "cli-key"},
            ) as resp,
        ):
            assert (resp.status, await resp.read()) == (200, b"OK")
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 10)
