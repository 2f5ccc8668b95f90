"""Services keyed by their own identity: Jellyfin's ServerId and Portainer's InstanceID.

Each simulator can be served at two addresses at once (one server, two URLs), and another
simulator is another server. The same server cannot be added twice; moving a service to another
address keeps its subentry (so its devices, entities and history); pointing it at another server
is refused; hubs from before are re-keyed once at set-up, without a reload (by identity, and
the services keyed by their URL to its normalised key).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
import logging
from typing import Any

from aiohttp import web
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora.const import (
    CONF_ENDPOINTS,
    CONF_VERIFY_SSL,
    SUBENTRY_JACKETT,
    SUBENTRY_JELLYFIN,
    SUBENTRY_PORTAINER,
)
from devtools.simulators import jellyfin as jellyfin_sim, portainer as portainer_sim
from devtools.simulators.jellyfin import JellyfinSimulator
from devtools.simulators.portainer import PortainerSimulator
from devtools.support.docker_engine import DockerEngine
from homeassistant.config_entries import SOURCE_USER, ConfigEntryState, ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from tests.conftest import hub_entry, setup_hub
from tests.helpers import filled_in


@dataclass
class Server:
    """One simulated server and the addresses it answers at."""

    identity: str
    api_key: str
    urls: list[str]


Start = Callable[[Any], Awaitable[tuple[web.AppRunner, int]]]


class Servers:
    """Simulators served on loopback, each at as many addresses as asked for."""

    def __init__(self, start: Start) -> None:
        self._start = start
        self._runners: list[web.AppRunner] = []

    async def serve(self, sim: Any, identity: str, addresses: int = 1) -> Server:
        server = Server(identity, sim.api_key, [])
        for _ in range(addresses):
            runner, port = await self._start(sim)
            self._runners.append(runner)
            server.urls.append(f"http://127.0.0.1:{port}")
        return server

    async def close(self) -> None:
        for runner in reversed(self._runners):
            await runner.cleanup()


@pytest.fixture
async def jellyfins() -> AsyncIterator[tuple[Server, Server]]:
    """A Jellyfin at two addresses, and another Jellyfin."""
    servers = Servers(jellyfin_sim.start)
    first, second = JellyfinSimulator(), JellyfinSimulator()
    yield (
        await servers.serve(first, first.server_id, addresses=2),
        await servers.serve(second, second.server_id),
    )
    await servers.close()


@pytest.fixture
async def portainers(docker_engine: DockerEngine) -> AsyncIterator[tuple[Server, Server]]:
    """A Portainer at two addresses, and another Portainer."""
    servers = Servers(portainer_sim.start)
    first = PortainerSimulator(docker_engine.socket_path, down_endpoint=False)
    second = PortainerSimulator(docker_engine.socket_path, down_endpoint=False)
    yield (
        await servers.serve(first, first.instance_id, addresses=2),
        await servers.serve(second, second.instance_id),
    )
    await servers.close()


def form(kind: str, server: Server, address: int = 0) -> dict[str, Any]:
    extra = {CONF_ENDPOINTS: ""} if kind == SUBENTRY_PORTAINER else {}
    return {
        CONF_URL: server.urls[address],
        CONF_API_KEY: server.api_key,
        CONF_VERIFY_SSL: True,
        **extra,
    }


def subentry(kind: str, server: Server, title: str, unique_id: str) -> ConfigSubentryData:
    return ConfigSubentryData(
        data=form(kind, server), subentry_type=kind, title=title, unique_id=unique_id
    )


async def add(hass: HomeAssistant, hub: MockConfigEntry, kind: str, data: dict[str, Any]) -> Any:
    result = await hass.config_entries.subentries.async_init(
        (hub.entry_id, kind), context={"source": SOURCE_USER}
    )
    return await hass.config_entries.subentries.async_configure(result["flow_id"], data)


async def reconfigure(
    hass: HomeAssistant, hub: MockConfigEntry, title: str, data: dict[str, Any]
) -> Any:
    """Submit a service's connection form (Jellyfin's is behind a menu)."""
    subentry_id = next(s for s, sub in hub.subentries.items() if sub.title == title)
    result = await hub.start_subentry_reconfigure_flow(hass, subentry_id)
    if result["type"] is FlowResultType.MENU:
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {"next_step_id": "connection"}
        )
    return await hass.config_entries.subentries.async_configure(result["flow_id"], data)


def keys(hub: MockConfigEntry) -> dict[str, str | None]:
    """Subentry title -> unique id."""
    return {sub.title: sub.unique_id for sub in hub.subentries.values()}


async def test_jellyfin_added_once_whatever_the_address(
    hass: HomeAssistant, jellyfins: tuple[Server, Server]
) -> None:
    await added_once(hass, SUBENTRY_JELLYFIN, "Jellyfin", *jellyfins)


async def test_portainer_added_once_whatever_the_address(
    hass: HomeAssistant, portainers: tuple[Server, Server]
) -> None:
    await added_once(hass, SUBENTRY_PORTAINER, "Portainer", *portainers)


async def added_once(
    hass: HomeAssistant, kind: str, name: str, server: Server, other: Server
) -> None:
    hub = hub_entry()
    hub.add_to_hass(hass)
    result = await add(hass, hub, kind, form(kind, server))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert keys(hub) == {name: server.identity}

    for address in (1, 0):  # the same server: at its second address, then at its first again
        typed = form(kind, server, address)
        result = await add(hass, hub, kind, typed)
        assert result["type"] is FlowResultType.FORM  # what was typed stays
        assert result["errors"] == {"base": "already_added"}
        assert result["description_placeholders"] == {"title": name}
        assert filled_in(result) == typed

    result = await add(hass, hub, kind, form(kind, other))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert keys(hub) == {  # two of a kind: both named by their host
        f"{name} {server.urls[0].removeprefix('http://')}": server.identity,
        f"{name} {other.urls[0].removeprefix('http://')}": other.identity,
    }


async def test_jellyfin_moved_but_never_swapped(
    hass: HomeAssistant, jellyfins: tuple[Server, Server]
) -> None:
    await moved_not_swapped(hass, SUBENTRY_JELLYFIN, *jellyfins)


async def test_portainer_moved_but_never_swapped(
    hass: HomeAssistant, portainers: tuple[Server, Server]
) -> None:
    await moved_not_swapped(hass, SUBENTRY_PORTAINER, *portainers)


async def moved_not_swapped(hass: HomeAssistant, kind: str, server: Server, other: Server) -> None:
    hub = hub_entry(
        subentry(kind, server, "Living room", server.identity),
        subentry(kind, other, "Den", other.identity),
    )
    hub.add_to_hass(hass)  # not set up: the flows alone are under test

    result = await reconfigure(hass, hub, "Living room", form(kind, other))
    assert result["errors"] == {"base": "already_added"}
    assert result["description_placeholders"] == {"title": "Den"}
    hass.config_entries.async_remove_subentry(
        hub, next(s for s, sub in hub.subentries.items() if sub.title == "Den")
    )
    result = await reconfigure(hass, hub, "Living room", form(kind, other))
    assert result["errors"] == {"base": "another_server"}

    result = await reconfigure(hass, hub, "Living room", form(kind, server, address=1))
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    (moved,) = hub.subentries.values()
    assert (moved.unique_id, moved.data[CONF_URL]) == (server.identity, server.urls[1])


async def test_reconfigure_keys_a_service_added_under_its_url(
    hass: HomeAssistant, jellyfins: tuple[Server, Server]
) -> None:
    """Keyed by its old URL, it cannot tell which server it was: the new one's id it takes."""
    server, other = jellyfins
    hub = hub_entry(subentry(SUBENTRY_JELLYFIN, server, "Jellyfin", server.urls[0]))
    hub.add_to_hass(hass)
    result = await reconfigure(hass, hub, "Jellyfin", form(SUBENTRY_JELLYFIN, other))
    assert result["reason"] == "reconfigure_successful"
    assert keys(hub) == {"Jellyfin": other.identity}


async def test_a_portainer_without_instance_id_is_keyed_by_its_url(
    hass: HomeAssistant, portainers: tuple[Server, Server], docker_engine: DockerEngine
) -> None:
    servers = Servers(portainer_sim.start)
    old = PortainerSimulator(docker_engine.socket_path, down_endpoint=False, legacy_status=True)
    server = await servers.serve(old, "")
    try:
        hub = hub_entry()
        hub.add_to_hass(hass)
        result = await add(hass, hub, SUBENTRY_PORTAINER, form(SUBENTRY_PORTAINER, server))
        assert result["type"] is FlowResultType.CREATE_ENTRY
        assert keys(hub) == {"Portainer": server.urls[0]}
        result = await add(hass, hub, SUBENTRY_PORTAINER, form(SUBENTRY_PORTAINER, server))
        assert result["errors"] == {CONF_URL: "already_configured"}
    finally:
        await servers.close()


async def test_hub_from_before_is_rekeyed_once_without_reload(
    hass: HomeAssistant,
    jellyfins: tuple[Server, Server],
    portainers: tuple[Server, Server],
    caplog: pytest.LogCaptureFixture,
) -> None:
    jellyfin, down = jellyfins
    portainer, _ = portainers
    down.urls[0] = "http://127.0.0.1:9"  # nothing answers there: not read, not re-keyed
    twice = ConfigSubentryData(  # the same Jellyfin under its second address
        data=form(SUBENTRY_JELLYFIN, jellyfin, address=1),
        subentry_type=SUBENTRY_JELLYFIN,
        title="Living room again",
        unique_id=jellyfin.urls[1],
    )
    hub = hub_entry(
        subentry(SUBENTRY_JELLYFIN, jellyfin, "Living room", jellyfin.urls[0]),
        twice,
        subentry(SUBENTRY_JELLYFIN, down, "Jellyfin down", down.urls[0]),
        subentry(SUBENTRY_PORTAINER, portainer, "Portainer", portainer.urls[0]),
    )
    with caplog.at_level(logging.WARNING):
        await setup_hub(hass, hub)
    runtime = hub.runtime_data
    assert keys(hub) == {
        "Living room": jellyfin.identity,
        "Living room again": jellyfin.urls[1],
        "Jellyfin down": down.urls[0],
        "Portainer": portainer.identity,
    }
    assert "Living room and Living room again are the same server" in caplog.text
    await hass.async_block_till_done()
    assert hub.state is ConfigEntryState.LOADED
    assert hub.runtime_data is runtime  # re-keying did not reload the hub

    modified = hub.modified_at
    assert await hass.config_entries.async_reload(hub.entry_id)
    await hass.async_block_till_done()
    assert hub.runtime_data is not runtime
    assert keys(hub)["Living room"] == jellyfin.identity
    assert hub.modified_at == modified  # the second set-up changed nothing


def keyed(kind: str, url: str, title: str) -> ConfigSubentryData:
    """A service as an earlier Pandora stored it: keyed by its URL as typed."""
    return ConfigSubentryData(
        data={CONF_URL: url, CONF_API_KEY: "key", CONF_VERIFY_SSL: True},
        subentry_type=kind,
        title=title,
        unique_id=url,
    )


async def test_url_keys_from_before_are_normalised_once_without_reload(
    hass: HomeAssistant, caplog: pytest.LogCaptureFixture
) -> None:
    hub = hub_entry(
        keyed(SUBENTRY_JACKETT, "http://localhost:9117", "Attic"),
        keyed(SUBENTRY_JACKETT, "http://[::1]:9117", "Attic again"),  # the same one, twice
        keyed(SUBENTRY_JACKETT, "http://me:pw@nas.lan:9117/jackett", "NAS"),
        keyed(SUBENTRY_JACKETT, "http://nas.lan:9118", "Current"),
        # Down, so not re-keyed by its ServerId: its URL key is normalised all the same.
        keyed(SUBENTRY_JELLYFIN, "http://localhost:9", "Jellyfin"),
    )
    with caplog.at_level(logging.WARNING):
        await setup_hub(hass, hub)
    runtime = hub.runtime_data
    assert keys(hub) == {
        "Attic": "http://127.0.0.1:9117",
        "Attic again": "http://[::1]:9117",
        "NAS": "http://nas.lan:9117/jackett",  # no login in a key
        "Current": "http://nas.lan:9118",
        "Jellyfin": "http://127.0.0.1:9",
    }
    assert "Attic and Attic again are the same service" in caplog.text
    await hass.async_block_till_done()
    assert hub.runtime_data is runtime  # re-keying did not reload the hub

    modified = hub.modified_at
    assert await hass.config_entries.async_reload(hub.entry_id)
    await hass.async_block_till_done()
    assert hub.modified_at == modified  # the second set-up changed nothing
