"""The fault suite's services: each set up in a Pandora hub, stoppable, with faults in front.

A `Service` is one coordinated service (Jellyfin, Portainer, gluetun, Cloud Commander) as the
fault suite drives it: `front` is the server Pandora talks to (the simulator itself, or for the
real Cloud Commander a reverse proxy in front of it) whose `faults` answer in the service's
place and whose `faults.seen` counts every request that reached it; `stop()`/`start()` take the
service down and bring it back on the same port with its data; `refuse()` changes the
credentials on the service's side and returns what the user types into the reauth form.

`Figures` collects the measured times; the suite prints them at the end (never asserted: the
machine is shared and slow).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
import contextlib
from dataclasses import dataclass, field
import logging
from pathlib import Path
import time
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora.const import (
    CONF_QBITTORRENT_ROOT,
    CONF_VERIFY_SSL,
    DEFAULT_FOLDERS,
    DOMAIN,
    SUBENTRY_CLOUDCMD,
    SUBENTRY_JELLYFIN,
)
from custom_components.pandora.hub.coordinator import PandoraCoordinator
from devtools.simulators import SimServer, proxy_app
from devtools.simulators.jellyfin import JellyfinSimulator
from devtools.support.cloudcmd import CloudCommander
from devtools.support.containers import GLUETUN_SUBENTRY_ID, PORTAINER_SUBENTRY_ID, media_stack
from devtools.support.docker_engine import DockerEngine
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import (
    CONF_API_KEY,
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    STATE_UNAVAILABLE,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from tests.conftest import allow_loopback, hub_entry, setup_hub

COORDINATED = ("jellyfin", "portainer", "gluetun", "cloudcmd")
NEW_SECRET = "rotated-0f9e8d7c6b5a4f3e2d1c0b9a"
CLOUDCMD_USER, CLOUDCMD_PASSWORD = "pandora", "s3cret pw"


@dataclass
class Service:
    """One coordinated service in a running hub, as the fault suite drives it."""

    name: str
    hass: HomeAssistant
    hub: MockConfigEntry
    subentry_id: str
    entity_id: str
    front: SimServer
    _stop: Callable[[], Awaitable[None]]
    _start: Callable[[], Awaitable[object]]
    _refuse: Callable[[str], Awaitable[dict[str, Any]]]

    @property
    def coordinator(self) -> PandoraCoordinator[Any, Any]:
        """The service's coordinator in the hub as loaded now (a reload makes a new one)."""
        runtime = self.hub.runtime_data
        for kind in (runtime.jellyfin, runtime.portainer, runtime.gluetun, runtime.cloudcmd):
            if self.subentry_id in kind:
                return kind[self.subentry_id]  # type: ignore[no-any-return]
        raise KeyError(self.subentry_id)

    @property
    def available(self) -> bool:
        """Whether the watched entity is available."""
        state = self.hass.states.get(self.entity_id)
        return state is not None and state.state != STATE_UNAVAILABLE

    async def stop(self) -> None:
        """Take the service down: connections are refused."""
        await self._stop()

    async def start(self) -> None:
        """Bring it back on the same address, with its data."""
        await self._start()

    async def refuse(self, secret: str = NEW_SECRET) -> dict[str, Any]:
        """Make `secret` the service's credential; returns what the reauth form takes."""
        return await self._refuse(secret)


def _eid(hass: HomeAssistant, domain: str, unique_id: str) -> str:
    found = er.async_get(hass).async_get_entity_id(domain, DOMAIN, unique_id)
    assert found is not None, unique_id
    return found


@contextlib.asynccontextmanager
async def _jellyfin(hass: HomeAssistant, tmp_path: Path) -> AsyncIterator[Service]:
    movies = tmp_path / "Movies" / "Night of the Living Dead (1968) [tmdbid-900001]"
    movies.mkdir(parents=True)
    (movies / "movie.mkv").write_bytes(b"")
    sim = JellyfinSimulator(libraries=[("Movies", "movies", str(tmp_path / "Movies"))])
    async with SimServer(sim.app) as server:
        hub = await setup_hub(
            hass,
            hub_entry(
                ConfigSubentryData(
                    data={CONF_URL: server.url, CONF_API_KEY: sim.api_key, CONF_VERIFY_SSL: True},
                    subentry_type=SUBENTRY_JELLYFIN,
                    title="Jellyfin",
                    unique_id=server.url,
                )
            ),
        )
        (subentry_id,) = hub.subentries

        async def refuse(secret: str) -> dict[str, Any]:
            sim.api_key = secret  # an administrator revoked Pandora's key, made another
            return {CONF_API_KEY: secret}

        yield Service(
            "jellyfin",
            hass,
            hub,
            subentry_id,
            _eid(hass, "sensor", f"{subentry_id}_scan_status"),
            server,
            server.stop,
            server.start,
            refuse,
        )
        await hass.config_entries.async_unload(hub.entry_id)


@contextlib.asynccontextmanager
async def _containers(
    hass: HomeAssistant, engine: DockerEngine, name: str
) -> AsyncIterator[Service]:
    async with media_stack(engine, api_key="gluetun-key") as stack:
        hub = await setup_hub(
            hass,
            hub_entry(stack.portainer_subentry(), stack.gluetun_subentry(api_key="gluetun-key")),
        )

        async def refuse(secret: str) -> dict[str, Any]:
            if name == "portainer":
                stack.portainer.api_key = secret  # the access token was revoked
            else:
                stack.gluetun.api_key = secret  # the control server's auth config changed
            return {CONF_API_KEY: secret}

        if name == "portainer":
            server, subentry_id = stack.portainer_server, PORTAINER_SUBENTRY_ID
            watched = _eid(hass, "sensor", f"{subentry_id}_container_1_gluetun_container_health")
        else:
            server, subentry_id = stack.gluetun_server, GLUETUN_SUBENTRY_ID
            watched = _eid(hass, "sensor", f"{subentry_id}_vpn_status")
        yield Service(
            name, hass, hub, subentry_id, watched, server, server.stop, server.start, refuse
        )
        await hass.config_entries.async_unload(hub.entry_id)


@contextlib.asynccontextmanager
async def _cloudcmd(hass: HomeAssistant) -> AsyncIterator[Service]:
    allow_loopback()
    cloudcmd = CloudCommander(username=CLOUDCMD_USER, password=CLOUDCMD_PASSWORD)
    await hass.async_add_executor_job(cloudcmd.start)
    try:
        # The real server behind a transparent reverse proxy, where the faults are set.
        async with SimServer(lambda: proxy_app(cloudcmd.url)) as proxy:
            hub = await setup_hub(
                hass,
                hub_entry(
                    ConfigSubentryData(
                        data={
                            CONF_URL: proxy.url,
                            CONF_USERNAME: CLOUDCMD_USER,
                            CONF_PASSWORD: CLOUDCMD_PASSWORD,
                            CONF_VERIFY_SSL: True,
                            **DEFAULT_FOLDERS,
                            CONF_QBITTORRENT_ROOT: "",
                        },
                        subentry_type=SUBENTRY_CLOUDCMD,
                        title="Share",
                        unique_id=proxy.url,
                    )
                ),
            )
            (subentry_id,) = hub.subentries

            async def stop() -> None:  # the server and its proxy go: connections are refused
                await proxy.stop()
                await hass.async_add_executor_job(cloudcmd.halt)

            async def start() -> None:
                await hass.async_add_executor_job(cloudcmd.start)
                await proxy.start()

            async def refuse(secret: str) -> dict[str, Any]:  # restarted with another password
                await hass.async_add_executor_job(cloudcmd.halt)
                cloudcmd.password = secret
                await hass.async_add_executor_job(cloudcmd.start)
                return {CONF_USERNAME: CLOUDCMD_USER, CONF_PASSWORD: secret}

            yield Service(
                "cloudcmd",
                hass,
                hub,
                subentry_id,
                _eid(hass, "sensor", f"{subentry_id}_downloaded_items"),
                proxy,
                stop,
                start,
                refuse,
            )
            await hass.config_entries.async_unload(hub.entry_id)
    finally:
        await hass.async_add_executor_job(cloudcmd.stop)


@contextlib.asynccontextmanager
async def running_service(
    name: str, hass: HomeAssistant, request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[Service]:
    """One coordinated service in a hub, available."""
    allow_loopback()
    if name == "jellyfin":
        context = _jellyfin(hass, tmp_path)
    elif name == "cloudcmd":
        context = _cloudcmd(hass)
    else:
        context = _containers(hass, request.getfixturevalue("docker_engine"), name)
    async with context as service:
        assert service.available, f"{name} not available after set-up"
        yield service


# --- log checks ---------------------------------------------------------------------------------


def problems(records: list[logging.LogRecord], service: Service) -> list[str]:
    """Pandora's warnings and errors about `service` (what a user reads in the log).

    Only that service's: on this shared machine another one (gluetun asks the Docker Engine
    on every request) may time out meanwhile, which is not the fault under test.
    """
    title = service.hub.subentries[service.subentry_id].title
    return [
        message
        for r in records
        if r.levelno >= logging.WARNING
        and r.name.startswith("custom_components.pandora")
        and title in (message := r.getMessage())
    ]


def tracebacks(records: list[logging.LogRecord]) -> list[str]:
    """Every record at INFO or above that carries a traceback, from anyone."""
    return [r.getMessage() for r in records if r.levelno >= logging.INFO and r.exc_info]


def recoveries(records: list[logging.LogRecord], service: Service) -> list[str]:
    """The "recovered" lines of `service`'s coordinator."""
    name = service.coordinator.name
    return [m for r in records if "recovered" in (m := r.getMessage()) and name in m]


# --- figures ------------------------------------------------------------------------------------


@dataclass
class Figures:
    """Measured times, printed at the end of the suite."""

    rows: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, service: str, fault: str, seconds: float, note: str = "") -> None:
        """One measurement, in seconds."""
        self.rows.append((service, fault, f"{seconds:6.2f} s {note}".rstrip()))

    def lines(self) -> list[str]:
        """The table, one line per measurement."""
        width = max((len(s) for s, _, _ in self.rows), default=0)
        fault_width = max((len(f) for _, f, _ in self.rows), default=0)
        return [f"{s:<{width}}  {f:<{fault_width}}  {t}" for s, f, t in self.rows]

    def print(self, config: pytest.Config, note: str) -> None:
        """Write the table to the terminal, past pytest's output capture."""
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        capture = config.pluginmanager.get_plugin("capturemanager")
        if reporter is None or capture is None or not self.rows:
            return
        with capture.global_and_fixture_disabled():
            reporter.write_line("")
            reporter.write_line(f"Recovery times ({note}):")
            for line in self.lines():
                reporter.write_line("  " + line)


class Stopwatch:
    """Seconds since it was made."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    @property
    def elapsed(self) -> float:
        """Seconds so far."""
        return time.perf_counter() - self.started
