"""Portainer coordinator: environments, containers (state, health, stats) and stacks.

Containers are keyed by environment and name, not by Docker id: a redeploy recreates a container
with a new id, and its device and history must stay the same.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import timedelta
import logging
from typing import Any

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.const import CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.dispatcher import async_dispatcher_send

from ..api.errors import PandoraError
from ..api.portainer import PortainerClient
from ..api.portainer_models import Container, ContainerStats, Endpoint, Stack
from ..const import CONF_ENDPOINTS, DOMAIN, EVENT_CONTAINER_CHANGED
from ..hub.announce import async_announce
from ..hub.coordinator import PandoraCoordinator, keyed_client_factory
from ..hub.errors import safe_text
from ..hub.forms import split_list

_LOGGER = logging.getLogger(__name__)

SIGNAL_CONTAINERS = f"{DOMAIN}_portainer_containers"
# Docker samples stats over about a second per container: never more than this many at once.
STATS_CONCURRENCY = 4


def container_key(container: Container) -> str:
    """Stable key of a container across recreations: environment id and name."""
    return f"{container.endpoint_id}_{container.name}"


portainer_client = keyed_client_factory(PortainerClient)


@dataclass
class PortainerState:
    """What the entities show."""

    version: str | None = None
    instance_id: str | None = None
    endpoints: dict[int, Endpoint] = field(default_factory=dict)
    containers: dict[str, Container] = field(default_factory=dict)
    stacks: dict[int, Stack] = field(default_factory=dict)
    stats: dict[str, ContainerStats] = field(default_factory=dict)


class PortainerCoordinator(PandoraCoordinator[PortainerState, PortainerClient]):
    """Keeps one Portainer's containers and stacks current; fires container events."""

    # The environments, a container list per environment (Portainer asks each Docker engine),
    # the stacks, and a stats call (a second of sampling by Docker) per container whose CPU or
    # memory sensor is enabled. Restarts and redeploys refresh at once.
    UPDATE_INTERVAL = timedelta(seconds=30)
    CLIENT = portainer_client
    MANUFACTURER = "Portainer"
    MODEL = "Portainer"

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry, subentry: ConfigSubentry) -> None:
        super().__init__(hass, entry, subentry)
        self.wanted_endpoints = {
            e.casefold() for e in split_list(subentry.data.get(CONF_ENDPOINTS) or "")
        }
        self.state = PortainerState()
        # Keys of containers whose CPU/memory sensors are enabled: only those cost a stats call.
        self.stats_wanted: dict[str, int] = {}
        self._seen = False
        self.device_id: str | None = None

    @property
    def sw_version(self) -> str | None:
        """Portainer's version, once read."""
        return self.state.version

    def register_device(self) -> None:
        """Register the Portainer device first: containers and stacks hang below it."""
        device = dr.async_get(self.hass).async_get_or_create(
            config_entry_id=self.config_entry.entry_id,
            config_subentry_id=self.subentry.subentry_id,
            **self.device_info,
        )
        self.device_id = device.id

    def _via(self) -> DeviceInfo:
        return DeviceInfo(via_device_id=self.device_id) if self.device_id else DeviceInfo()

    def container_device(self, key: str) -> DeviceInfo:
        """One device per container, under the Portainer device."""
        container = self.state.containers.get(key)
        endpoint_id, _, name = key.partition("_")
        url = self.subentry.data[CONF_URL]
        return DeviceInfo(
            identifiers={(DOMAIN, f"{self.subentry.subentry_id}_container_{key}")},
            name=name,
            manufacturer="Docker",
            model=container.image if container else None,
            **self._via(),
            configuration_url=(
                f"{url}/#!/{endpoint_id}/docker/containers/{container.id}" if container else url
            ),
        )

    def stack_device(self, stack_id: int) -> DeviceInfo:
        """One device per stack, under the Portainer device."""
        stack = self.state.stacks.get(stack_id)
        url = self.subentry.data[CONF_URL]
        return DeviceInfo(
            identifiers={(DOMAIN, f"{self.subentry.subentry_id}_stack_{stack_id}")},
            name=stack.name if stack else f"Stack {stack_id}",
            manufacturer="Portainer",
            model="Compose stack" if stack is None or stack.type == 2 else "Swarm stack",
            **self._via(),
            configuration_url=(
                f"{url}/#!/{stack.endpoint_id}/docker/stacks/{stack.name}?id={stack.id}"
                if stack
                else url
            ),
        )

    @property
    def identity(self) -> str | None:
        """The server's InstanceID."""
        return self.state.instance_id

    def _watched(self, endpoint: Endpoint) -> bool:
        wanted = self.wanted_endpoints
        return not wanted or str(endpoint.id) in wanted or endpoint.name.casefold() in wanted

    async def _async_update_data(self) -> PortainerState:
        state = self.state
        try:
            if state.version is None:
                status = await self.client.status()
                state.version, state.instance_id = status.version, status.instance_id
            endpoints = {e.id: e for e in await self.client.endpoints() if self._watched(e)}
            up = [e for e in endpoints.values() if e.up]
            lists = await asyncio.gather(*(self.client.containers(e.id) for e in up))
            stacks = {s.id: s for s in await self.client.stacks() if s.endpoint_id in endpoints}
        except PandoraError as err:
            raise self.update_failed(err) from err
        containers = {container_key(c): c for chunk in lists for c in chunk}
        # A down environment keeps its containers listed (unavailable), not deleted.
        for key, old in state.containers.items():
            endpoint = endpoints.get(old.endpoint_id)
            if endpoint is not None and not endpoint.up:
                containers.setdefault(key, old)
        state.stats = await self._stats(containers)
        self._announce(state.containers, containers)
        changed = (
            containers.keys() != state.containers.keys() or stacks.keys() != state.stacks.keys()
        )
        state.endpoints, state.containers, state.stacks = endpoints, containers, stacks
        if changed or not self._seen:
            self._seen = True
            async_dispatcher_send(self.hass, f"{SIGNAL_CONTAINERS}_{self.subentry.subentry_id}")
            self._prune_devices()
        return state

    def _prune_devices(self) -> None:
        """Remove the devices (and so the entities) of containers and stacks that are gone."""
        registry = dr.async_get(self.hass)
        sub_id = self.subentry.subentry_id
        prefixes = (f"{sub_id}_container_", f"{sub_id}_stack_")
        current = {f"{sub_id}_container_{key}" for key in self.state.containers} | {
            f"{sub_id}_stack_{stack_id}" for stack_id in self.state.stacks
        }
        for device in dr.async_entries_for_config_entry(registry, self.config_entry.entry_id):
            if any(
                domain == DOMAIN and ident.startswith(prefixes) and ident not in current
                for domain, ident in device.identifiers
            ):
                registry.async_remove_device(device.id)

    async def _stats(self, containers: dict[str, Container]) -> dict[str, ContainerStats]:
        keys = [
            key
            for key in self.stats_wanted
            if key in containers and containers[key].state == "running"
        ]
        if not keys:
            return {}
        limit = asyncio.Semaphore(STATS_CONCURRENCY)

        async def one(key: str) -> ContainerStats | None:
            container = containers[key]
            async with limit:
                try:
                    return await self.client.container_stats(container.endpoint_id, container.id)
                except PandoraError as err:  # one container's stats must not fail the rest
                    _LOGGER.debug("No stats for %s: %s", container.name, safe_text(err))
                    return None

        results = await asyncio.gather(*(one(key) for key in keys))
        return {key: stats for key, stats in zip(keys, results, strict=True) if stats}

    def _announce(self, before: dict[str, Container], after: dict[str, Container]) -> None:
        """A bus event whenever a known container's state or health changes."""
        if not self._seen:
            return  # start-up: nothing changed, we just learnt it
        for key, new in after.items():
            old = before.get(key)
            if old is None or (old.state, old.health) == (new.state, new.health):
                continue
            data: dict[str, Any] = {
                "container": new.name,
                "endpoint_id": new.endpoint_id,
                "state": new.state,
                "health": new.health,
                "previous_state": old.state,
                "previous_health": old.health,
                "stack": new.compose_project,
                "subentry_id": self.subentry.subentry_id,
            }
            async_announce(self.hass, EVENT_CONTAINER_CHANGED, data)

    def find_container(self, name: str) -> Container | None:
        """A container by name, full id or id prefix (12+ characters)."""
        name = name.strip().removeprefix("/")
        for container in self.state.containers.values():
            if name == container.name or (len(name) >= 12 and container.id.startswith(name)):
                return container
        return None

    def find_stack(self, name: str) -> Stack | None:
        """A stack by name or id."""
        name = name.strip()
        for stack in self.state.stacks.values():
            if name in (stack.name, str(stack.id)):
                return stack
        return None

    async def async_restart(self, container: Container) -> None:
        """Restart one container, then refresh to show it."""
        await self.client.restart_container(container.endpoint_id, container.id)
        await self.async_request_refresh()

    async def async_redeploy(self, stack: Stack) -> None:
        """Redeploy one stack with its file and env unchanged, then refresh."""
        await self.client.redeploy_stack(stack.id)
        await self.async_request_refresh()
