"""The Portainer client against the Portainer simulator in front of a real dockerd.

Containers, health, stats, logs and restarts are the real engine's (busybox containers with
no network); stacks are deployed by the simulator's compose subset onto the same engine.
Also the models' defensive parsing.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
import json
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from custom_components.pandora.api.errors import (
    CannotConnect,
    InvalidAuth,
    NotFound,
    ParseError,
    RateLimited,
    ServiceError,
)
from custom_components.pandora.api.portainer import MAX_LOG_LINES, PortainerClient
from custom_components.pandora.api.portainer_models import (
    Container,
    ContainerStats,
    Endpoint,
    PortainerStatus,
    Stack,
    parse_containers,
    parse_health,
    parse_stacks,
    status_without_age,
    unix_time,
)
from devtools.simulators.portainer import (
    DEFAULT_API_KEY,
    DEFAULT_RESTRICTED_KEY,
    PortainerSimulator,
    start,
)
from devtools.support.docker_engine import IMAGE, TRAP, DockerEngine, forever

RECORDED = Path("/work/shared/fixtures/recorded")
LOOP = "trap 'exit 0' TERM; while :; do echo country=$${SERVER_COUNTRIES:-none}; sleep 1 & wait $$!; done"
COMPOSE = f"""
services:
  gluetun:
    image: ${{IMAGE:-{IMAGE}}}
    container_name: gluetun
    command: ["sh", "-c", "{LOOP}"]
    environment:
      - SERVER_COUNTRIES=${{SERVER_COUNTRIES}}
      - TZ=${{TZ}}
    stop_grace_period: 2s
  qbittorrent:
    image: {IMAGE}
    command: ["sh", "-c", "{LOOP}"]
    environment:
      TZ: ${{TZ}}
"""
STACK_ENV = {"SERVER_COUNTRIES": "Sweden", "TZ": "UTC", "PUID": "1000"}


@dataclass
class Setup:
    """The simulator, a client of it and the engine behind it."""

    sim: PortainerSimulator
    client: PortainerClient
    engine: DockerEngine
    url: str
    session: aiohttp.ClientSession

    def client_with(self, key: str) -> PortainerClient:
        return PortainerClient(url=self.url, api_key=key, session=self.session)

    async def docker_json(self, path: str) -> Any:
        """A Docker Engine answer through Portainer's proxy, independent of the client."""
        async with self.session.get(
            f"{self.url.rstrip('/')}/api/endpoints/1/docker/{path}",
            headers={"X-API-Key": DEFAULT_API_KEY},
        ) as resp:
            assert resp.status == 200
            return await resp.json()

    async def container(self, name: str) -> Container:
        found = [c for c in await self.client.containers(1) if c.name == name]
        assert len(found) == 1, name
        return found[0]


@pytest.fixture
async def setup(docker_engine: DockerEngine) -> AsyncIterator[Setup]:
    simulator = PortainerSimulator(docker_engine.socket_path)
    runner, port = await start(simulator)
    url = f"http://127.0.0.1:{port}/"  # a trailing slash is fine
    async with aiohttp.ClientSession() as session:
        client = PortainerClient(url=url, api_key=f" {DEFAULT_API_KEY}\n", session=session)
        yield Setup(simulator, client, docker_engine, url, session)
    await runner.cleanup()


# --- server and environments ----------------------------------------------------------------


async def test_status_and_endpoints(setup: Setup) -> None:
    assert await setup.client.status() == PortainerStatus("2.23.0", setup.sim.instance_id)
    assert DEFAULT_API_KEY not in repr(setup.client)
    assert await setup.client.endpoints() == [
        Endpoint(id=1, name="local", type=1, url="unix:///var/run/docker.sock", up=True),
        Endpoint(id=2, name="remote", type=2, url="tcp://192.0.2.10:9001", up=False),
    ]


# --- containers -----------------------------------------------------------------------------


async def test_containers_state_and_real_health(setup: Setup) -> None:
    engine = setup.engine
    healthy = engine.create_container(
        "healthy-one",
        forever("true"),
        healthcheck="true",
        labels={"com.docker.compose.project": "media", "com.docker.compose.service": "web"},
    )
    sick = engine.create_container("sick-one", forever("true"), healthcheck="exit 1")
    engine.create_container("starting-one", forever("true"), healthcheck="true", health_interval=60)
    engine.create_container("plain-one", forever("true"))
    done = engine.create_container("done-one", ["true"])
    engine.create_container("fresh-one", ["true"], start=False)
    paused = engine.create_container("paused-one", forever("true"))
    engine.api("POST", f"/containers/{paused}/pause")
    engine.wait_for_health(healthy, "healthy")
    engine.wait_for_health(sick, "unhealthy")
    engine.wait_for(done, lambda info: info["State"]["Status"] == "exited")

    by_name = {c.name: c for c in await setup.client.containers(1)}
    assert set(by_name) == {
        "healthy-one",
        "sick-one",
        "starting-one",
        "plain-one",
        "done-one",
        "fresh-one",
        "paused-one",
    }
    summary = {name: (c.state, c.health) for name, c in by_name.items()}
    assert summary == {
        "healthy-one": ("running", "healthy"),
        "sick-one": ("running", "unhealthy"),
        "starting-one": ("running", "starting"),
        "plain-one": ("running", "none"),
        "done-one": ("exited", "none"),
        "fresh-one": ("created", "none"),
        "paused-one": ("paused", "none"),
    }
    web = by_name["healthy-one"]
    assert web.id == healthy and web.image == IMAGE and web.endpoint_id == 1
    assert web.status.startswith("Up ") and web.status.endswith("(healthy)")
    assert web.running and not by_name["done-one"].running
    assert abs(web.created - datetime.now(UTC)) < timedelta(minutes=1)
    assert (web.compose_project, web.compose_service) == ("media", "web")
    assert (by_name["plain-one"].compose_project, by_name["plain-one"].compose_service) == (
        None,
        None,
    )
    assert by_name["done-one"].status.startswith("Exited (0)")
    assert by_name["sick-one"].status.endswith("(unhealthy)")
    assert by_name["starting-one"].status.endswith("(health: starting)")
    engine.api("POST", f"/containers/{paused}/unpause")


async def test_stats_of_a_running_and_a_stopped_container(setup: Setup) -> None:
    busy = setup.engine.create_container("busy", ["sh", "-c", f"{TRAP}yes > /dev/null & wait"])
    idle = setup.engine.create_container("idle", ["true"])
    setup.engine.wait_for(idle, lambda info: info["State"]["Status"] == "exited")

    running = await setup.client.container_stats(1, busy)
    assert running.cpu_percent is not None and running.cpu_percent > 10.0  # `yes` spins
    assert running.memory_bytes is not None and running.memory_bytes > 0
    assert running.memory_limit is not None and running.memory_limit > running.memory_bytes

    stopped = await setup.client.container_stats(1, "idle")
    assert stopped == ContainerStats(cpu_percent=None, memory_bytes=None, memory_limit=None)


async def test_start_stop_restart(setup: Setup) -> None:
    engine, client = setup.engine, setup.client
    container = engine.create_container("worker", forever("echo work", every=0.2))
    first_start = engine.inspect(container)["State"]["StartedAt"]

    await client.restart_container(1, container, timeout=2)
    info = engine.inspect(container)
    assert info["State"]["Running"] and info["State"]["StartedAt"] != first_start

    await client.stop_container(1, "worker", timeout=2)
    assert (await setup.container("worker")).state == "exited"
    await client.stop_container(1, "worker", timeout=2)  # Docker's 304: already stopped

    await client.start_container(1, "/worker")
    assert (await setup.container("worker")).state == "running"
    await client.start_container(1, container)  # Docker's 304: already started

    await client.stop_container(1, container, timeout=0)
    await client.restart_container(1, container, timeout=0)  # restarting a stopped one starts it
    assert (await setup.container("worker")).state == "running"

    with pytest.raises(ValueError, match="timeout"):
        await client.stop_container(1, container, timeout=-1)
    with pytest.raises(ValueError, match="not a container"):
        await client.start_container(1, "../../images/json")
    with pytest.raises(ValueError, match="not a container"):
        await client.restart_container(1, "")


async def test_logs_both_streams_tail_and_since(setup: Setup) -> None:
    script = (
        "for i in 1 2 3; do echo early $i; echo early-err $i >&2; done; sleep 1.2; "
        "for i in 1 2; do echo late $i; echo late-err $i >&2; done"
    )
    container = setup.engine.create_container(
        "talker", ["sh", "-c", f"{TRAP}{script}; sleep 60 & wait"]
    )
    await _wait_for_lines(setup, container, 10)

    everything = await setup.client.container_logs(1, container, tail=MAX_LOG_LINES)
    assert [line.text for line in everything if line.stream == "stdout"] == [
        "early 1",
        "early 2",
        "early 3",
        "late 1",
        "late 2",
    ]
    assert [line.text for line in everything if line.stream == "stderr"] == [
        "early-err 1",
        "early-err 2",
        "early-err 3",
        "late-err 1",
        "late-err 2",
    ]
    times = [line.time for line in everything]
    assert all(t is not None for t in times)
    assert all(abs(t - datetime.now(UTC)) < timedelta(minutes=1) for t in times if t)

    last = await setup.client.container_logs(1, container, tail=4)
    assert sorted(line.text for line in last) == ["late 1", "late 2", "late-err 1", "late-err 2"]

    early_end = max(line.time for line in everything if line.text.startswith("early") and line.time)
    since = early_end + timedelta(milliseconds=500)
    later = await setup.client.container_logs(1, container, since=since)
    assert sorted(line.text for line in later) == ["late 1", "late 2", "late-err 1", "late-err 2"]
    naive = await setup.client.container_logs(1, container, since=since.replace(tzinfo=None))
    assert len(naive) == 4

    plain = await setup.client.container_logs(1, "talker", tail=2, timestamps=False)
    assert len(plain) == 2 and all(line.time is None for line in plain)

    for bad in (0, MAX_LOG_LINES + 1, True):
        with pytest.raises(ValueError, match="tail"):
            await setup.client.container_logs(1, container, tail=bad)
    with pytest.raises(NotFound, match="No such container: ghost"):
        await setup.client.container_logs(1, "ghost")


async def _wait_for_lines(setup: Setup, container: str, count: int) -> None:
    """Until the engine holds `count` log lines of the container."""
    for _ in range(100):
        status, body = setup.engine.request(
            "GET", f"/containers/{container}/logs", query={"stdout": "1", "stderr": "1"}
        )
        if status == 200 and body.count(b"\n") >= count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the container never logged enough")


async def test_tty_container_logs(setup: Setup) -> None:
    container = setup.engine.create_container(
        "tty-one", forever("echo tty-out; echo tty-err >&2", every=0.2), tty=True
    )
    await _wait_for_lines(setup, container, 4)
    lines = await setup.client.container_logs(1, container, tail=4)
    assert len(lines) == 4
    assert {line.text for line in lines} == {"tty-out", "tty-err"}  # one stream, no \r
    assert all(line.stream == "stdout" and line.time is not None for line in lines)


async def test_a_thousand_long_log_lines_fit(setup: Setup) -> None:
    # 1000 lines of 10 kB: more than fetch()'s default bound, within the logs' own.
    script = "s=$(head -c 10000 /dev/zero | tr '\\0' x); i=0; while [ $i -lt 1200 ]; do i=$((i+1)); echo \"$i $s\"; done"
    container = setup.engine.create_container("chatty", ["sh", "-c", script])
    setup.engine.wait_for(container, lambda info: info["State"]["Status"] == "exited")
    lines = await setup.client.container_logs(1, container, tail=MAX_LOG_LINES)
    assert len(lines) == MAX_LOG_LINES
    assert lines[0].text.startswith("201 x") and lines[-1].text.startswith("1200 x")
    assert all(len(line.text) == 10000 + len(line.text.split()[0]) + 1 for line in lines)


# --- stacks ---------------------------------------------------------------------------------


async def test_stacks_list_get_and_file(setup: Setup) -> None:
    created = await setup.sim.create_stack("media", COMPOSE, STACK_ENV)
    stacks = await setup.client.stacks()
    assert [s.name for s in stacks] == ["media"]
    assert await setup.client.stacks(1) == stacks
    assert await setup.client.stacks(2) == []
    stack = await setup.client.stack(created.id)
    assert stack == stacks[0]
    assert (stack.id, stack.type, stack.endpoint_id, stack.active) == (created.id, 2, 1, True)
    assert stack.env == STACK_ENV and list(stack.env) == list(STACK_ENV)
    assert stack.created is not None and stack.updated is None
    assert await setup.client.stack_file(created.id) == COMPOSE

    services = {c.compose_service: c for c in await setup.client.containers(1)}
    assert set(services) == {"gluetun", "qbittorrent"}
    assert services["gluetun"].name == "gluetun"
    assert services["qbittorrent"].name == "media-qbittorrent-1"
    assert all(c.compose_project == "media" for c in services.values())

    assert await setup.client_with(DEFAULT_RESTRICTED_KEY).stacks() == []


async def test_update_stack_env_keeps_the_other_variables(setup: Setup) -> None:
    created = await setup.sim.create_stack("media", COMPOSE, STACK_ENV)
    before = {c.compose_service: c.id for c in await setup.client.containers(1)}

    updated = await setup.client.update_stack_env(
        created.id, {"SERVER_COUNTRIES": "Netherlands", "NEW_ONE": "x"}
    )
    assert updated.env == {
        "SERVER_COUNTRIES": "Netherlands",
        "TZ": "UTC",
        "PUID": "1000",
        "NEW_ONE": "x",
    }
    assert list(updated.env) == ["SERVER_COUNTRIES", "TZ", "PUID", "NEW_ONE"]
    assert updated.updated is not None and updated.active
    # Portainer holds the whole list, and the file is unchanged.
    assert setup.sim.stacks[created.id].env_map == updated.env
    assert await setup.client.stack_file(created.id) == COMPOSE

    # Only gluetun reads SERVER_COUNTRIES: it alone is recreated, with the new value.
    after = {c.compose_service: c for c in await setup.client.containers(1)}
    assert after["gluetun"].id != before["gluetun"]
    assert after["qbittorrent"].id == before["qbittorrent"]
    assert after["gluetun"].running and after["qbittorrent"].running
    inspected = await setup.docker_json("containers/gluetun/json")
    assert "SERVER_COUNTRIES=Netherlands" in inspected["Config"]["Env"]
    assert "TZ=UTC" in inspected["Config"]["Env"]

    bad: list[dict[str, Any]] = [
        {"": "x"},
        {"A=B": "x"},
        {"OK": 5},
        # A line break would smuggle another variable into the stack's env file.
        {"SERVER_COUNTRIES": "Germany\nPUID=0"},
        {"SERVER_COUNTRIES": "Germany\r"},
        {"SERVER_COUNTRIES\nPUID": "0"},
    ]
    for bad_changes in bad:
        with pytest.raises(ValueError, match=r"variable name|must be a string|control"):
            await setup.client.update_stack_env(created.id, bad_changes)
    assert setup.sim.stacks[created.id].env_map == updated.env


async def test_redeploy_stack(setup: Setup) -> None:
    created = await setup.sim.create_stack("media", COMPOSE, STACK_ENV)
    before = {c.compose_service: c.id for c in await setup.client.containers(1)}
    await setup.client.stop_container(1, "gluetun", timeout=2)

    stack = await setup.client.redeploy_stack(created.id)
    assert stack.env == STACK_ENV and stack.updated is not None
    after = {c.compose_service: c for c in await setup.client.containers(1)}
    assert {s: c.id for s, c in after.items()} == before  # nothing changed: nothing recreated
    assert after["gluetun"].running  # but the stopped one is started again
    assert setup.sim.deploys[-1] == ("media", "started gluetun")


async def test_failed_deploy_is_a_service_error(setup: Setup) -> None:
    created = await setup.sim.create_stack("media", COMPOSE, STACK_ENV)
    with pytest.raises(ServiceError, match="Failed to deploy a stack: No such image"):
        await setup.client.update_stack_env(created.id, {"IMAGE": "nowhere/nothing:1"})
    assert setup.sim.stacks[created.id].env_map == STACK_ENV


# --- errors ---------------------------------------------------------------------------------


async def test_auth_failures(setup: Setup) -> None:
    wrong = setup.client_with("ptr_not-the-key")
    with pytest.raises(InvalidAuth, match="HTTP 401") as err:
        await wrong.endpoints()
    assert "Invalid API key" in str(err.value)
    assert "ptr_not-the-key" not in str(err.value)
    assert (await wrong.status()).version == "2.23.0"  # public: no proof of a good key

    created = await setup.sim.create_stack("media", COMPOSE, STACK_ENV)
    restricted = setup.client_with(DEFAULT_RESTRICTED_KEY)
    assert await restricted.endpoints() == []
    with pytest.raises(InvalidAuth, match=r"lacks access.*HTTP 403"):
        await restricted.containers(1)
    with pytest.raises(InvalidAuth, match="HTTP 403"):
        await restricted.stack(created.id)


async def test_not_found(setup: Setup) -> None:
    with pytest.raises(NotFound, match="No such container: nope"):
        await setup.client.container_stats(1, "nope")
    with pytest.raises(NotFound, match="No such container"):
        await setup.client.restart_container(1, "nope", timeout=0)
    with pytest.raises(NotFound, match="Unable to find an environment"):
        await setup.client.containers(9)
    with pytest.raises(NotFound, match="Unable to find a stack"):
        await setup.client.stack(99)
    with pytest.raises(NotFound):
        await setup.client.stack_file(99)
    with pytest.raises(NotFound):
        await setup.client.update_stack_env(99, {"A": "1"})


async def test_endpoint_down(setup: Setup) -> None:
    with pytest.raises(ServiceError, match="cannot reach the environment") as err:
        await setup.client.containers(2)
    assert not isinstance(err.value, NotFound)


async def test_error_answers_are_mapped(setup: Setup) -> None:
    sim, client = setup.sim, setup.client
    sim.inject(429, "", headers={"Retry-After": "3"})
    with pytest.raises(RateLimited) as limited:
        await client.endpoints()
    assert limited.value.retry_after == 3.0

    sim.inject(409, {"message": "conflict", "details": "container is busy"})
    with pytest.raises(ServiceError, match=r"answered 409 to .*: conflict: container is busy"):
        await client.start_container(1, "x1")
    sim.inject(500, {"message": "same", "details": "same"})
    with pytest.raises(ServiceError, match=r"answered 500 to stacks: same$"):
        await client.stacks()
    sim.inject(502, {"message": "Bad gateway", "details": "agent gone"})
    with pytest.raises(ServiceError, match=r"502 to .*: Bad gateway: agent gone"):
        await client.containers(1)
    sim.inject(503, "upstream <b>down</b>")
    with pytest.raises(ServiceError, match="503 to endpoints: upstream <b>down</b>"):
        await client.endpoints()
    sim.inject(302, "", headers={"Location": "/login"})
    with pytest.raises(ServiceError, match="redirected"):
        await client.endpoints()
    # An echo of the key (a proxy's error page) never reaches the error text.
    sim.inject(500, {"message": f"bad key {DEFAULT_API_KEY}", "details": ""})
    with pytest.raises(ServiceError) as echoed:
        await client.endpoints()
    assert DEFAULT_API_KEY not in str(echoed.value) and "<redacted>" in str(echoed.value)

    for body, call in (
        ("<html>", client.endpoints),
        ({"Version": ""}, client.status),
        ({"not": "a list"}, client.endpoints),
        ({"nope": 1}, lambda: client.stack_file(1)),
        ({"not": "a list"}, lambda: client.containers(1)),
        ({"not": "a list"}, client.stacks),
    ):
        sim.inject(200, body)
        with pytest.raises(ParseError):
            await call()


async def test_status_of_an_early_2x_portainer(setup: Setup) -> None:
    """Before `/api/system/status` and InstanceID: the deprecated route, and no identity."""
    setup.sim.legacy_status = True
    assert await setup.client.status() == PortainerStatus("2.23.0", None)


async def test_cannot_connect(setup: Setup) -> None:
    client = PortainerClient(url="http://127.0.0.1:9", api_key="k", session=setup.session)
    with pytest.raises(CannotConnect):
        await client.endpoints()


# --- models ---------------------------------------------------------------------------------


def test_container_model_is_defensive() -> None:
    odd = Container.from_dict({"Names": [5], "State": "frozen", "Labels": {"a": 1}}, 3)
    assert (odd.name, odd.state, odd.health, odd.labels) == ("", "dead", "none", {})
    assert odd.created == datetime.fromtimestamp(0, UTC) and odd.endpoint_id == 3
    bare = Container.from_dict({"Names": None, "Labels": None, "Created": True}, 1)
    assert bare.name == "" and bare.labels == {}
    with pytest.raises(ParseError):
        Container.from_dict([], 1)
    with pytest.raises(ParseError):
        parse_containers({}, 1)
    assert parse_containers([1, {"Names": ["/a"], "State": "running"}], 1)[0].name == "a"
    if (RECORDED / "docker_containers_json.json").exists():
        recorded = parse_containers(
            json.loads((RECORDED / "docker_containers_json.json").read_text()), 1
        )
        assert [c.name for c in recorded] == ["tty-sim", "gluetun-sim"]
        assert recorded[1].compose_service == "gluetun"


def test_health_from_status_text() -> None:
    assert parse_health("Up 5 seconds (healthy)") == "healthy"
    assert parse_health("Up 2 minutes (unhealthy)") == "unhealthy"
    assert parse_health("Up Less than a second (health: starting)") == "starting"
    assert parse_health("Up 3 hours (Paused)") == "none"
    assert parse_health("Exited (0) 3 seconds ago") == "none"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("Up Less than a second (health: starting)", "Up (health: starting)"),
        ("Up 1 second", "Up"),
        ("Up 59 seconds (healthy)", "Up (healthy)"),
        ("Up About a minute (unhealthy)", "Up (unhealthy)"),
        ("Up 2 minutes (Paused)", "Up (Paused)"),
        ("Up About an hour", "Up"),
        ("Up 47 hours", "Up"),
        ("Up 13 days", "Up"),
        ("Up 8 weeks", "Up"),
        ("Up 23 months", "Up"),
        ("Up 3 years (healthy)", "Up (healthy)"),
        ("Exited (137) Less than a second ago", "Exited (137)"),
        ("Exited (0) About an hour ago", "Exited (0)"),
        ("Restarting (1) 5 seconds ago", "Restarting (1)"),
        ("Created", "Created"),
        ("Removal In Progress", "Removal In Progress"),
        ("Dead", "Dead"),
        ("", ""),
    ],
)
def test_status_without_its_age(status: str, expected: str) -> None:
    """What the Status sensor shows: Docker's text without the age that changes every poll."""
    assert status_without_age(status) == expected


def test_stats_model() -> None:
    if (RECORDED / "docker_stats_nostream.json").exists():
        recorded = ContainerStats.from_dict(
            json.loads((RECORDED / "docker_stats_nostream.json").read_text())
        )
        assert recorded.cpu_percent == pytest.approx(955509 / 1990000000 * 2 * 100)
        assert recorded.memory_bytes == 651264 and recorded.memory_limit == 25276502016

    def sample(total: int, pre_total: int, **extra: Any) -> dict[str, Any]:
        return {
            "cpu_stats": {"cpu_usage": {"total_usage": total}, "system_cpu_usage": 2000, **extra},
            "precpu_stats": {"cpu_usage": {"total_usage": pre_total}, "system_cpu_usage": 1000},
        }

    # No online_cpus (old engines): the per-CPU list counts.
    old = sample(500, 0)
    old["cpu_stats"]["cpu_usage"]["percpu_usage"] = [1, 1, 1, 1]
    assert ContainerStats.from_dict(old).cpu_percent == 200.0
    assert ContainerStats.from_dict(sample(500, 0)).cpu_percent == 50.0  # at least one CPU
    assert ContainerStats.from_dict(sample(100, 100, online_cpus=2)).cpu_percent == 0.0
    no_pre = {"cpu_stats": {"system_cpu_usage": 5}, "precpu_stats": {}}
    assert ContainerStats.from_dict(no_pre).cpu_percent is None
    assert ContainerStats.from_dict({"cpu_stats": 1}).cpu_percent is None

    # Memory minus the inactive file cache: cgroup v2, v1, and a cache bigger than usage.
    v2 = {"memory_stats": {"usage": 1000, "limit": 4000, "stats": {"inactive_file": 300}}}
    assert ContainerStats.from_dict(v2) == ContainerStats(None, 700, 4000)
    v1 = {"memory_stats": {"usage": 1000, "stats": {"total_inactive_file": 100}}}
    assert ContainerStats.from_dict(v1) == ContainerStats(None, 900, None)
    odd = {"memory_stats": {"usage": 100, "stats": {"inactive_file": 500}, "limit": 0}}
    assert ContainerStats.from_dict(odd) == ContainerStats(None, 100, None)
    bare = {"memory_stats": {"usage": 10, "stats": None}}
    assert ContainerStats.from_dict(bare).memory_bytes == 10
    with pytest.raises(ParseError):
        ContainerStats.from_dict("stats")


def test_stack_and_endpoint_models() -> None:
    stack = Stack.from_dict(
        {
            "Id": 4,
            "Name": "media",
            "Type": 2,
            "EndpointId": 1,
            "Status": 2,
            "Env": [{"name": "B", "value": "2"}, {"name": "A"}, {"value": "x"}, "junk"],
            "CreationDate": 1795415845,
            "UpdateDate": 0,
        }
    )
    assert stack.env == {"B": "2", "A": ""} and list(stack.env) == ["B", "A"]
    assert not stack.active and stack.updated is None
    assert stack.created == datetime(2026, 11, 23, 6, 37, 25, tzinfo=UTC)
    assert Stack.from_dict({"Env": None}).env == {}
    assert parse_stacks(None) == []
    assert parse_stacks([{"Id": 1}, 2])[0].id == 1
    with pytest.raises(ParseError):
        Stack.from_dict(None)
    with pytest.raises(ParseError):
        Endpoint.from_dict("x")
    assert PortainerStatus.from_dict({"Version": "2.0.0", "InstanceID": " "}).instance_id is None
    assert PortainerStatus.from_dict({"Version": "2.1", "InstanceID": 7}).instance_id is None
    with pytest.raises(ParseError):
        PortainerStatus.from_dict(["2.23.0"])
    assert not Endpoint.from_dict({"Id": 2, "Status": 2}).up
    assert unix_time(0) is None and unix_time(-5) is None and unix_time("1") is None
    assert unix_time(1.5) == datetime.fromtimestamp(1, UTC)
