"""Portainer entities: a device per container and per stack, kept in step with Portainer.

The platform files call `track()` with what they contribute per container and per stack; new
containers get entities as they appear, and the coordinator removes the devices of vanished ones
(their entities go with them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from homeassistant.components.binary_sensor import BinarySensorEntity
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.components.button import ButtonEntity
from homeassistant.components.button.const import ButtonDeviceClass
from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import PERCENTAGE, EntityCategory, Platform, UnitOfInformation
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from ..api.portainer_models import Container, Stack, status_without_age
from ..hub.entity import PandoraEntity
from ..hub.errors import call_service
from . import vpn
from .portainer import SIGNAL_CONTAINERS, PortainerCoordinator

if TYPE_CHECKING:
    from ..runtime import PandoraConfigEntry

CONTAINER_STATES = ["created", "running", "paused", "restarting", "removing", "exited", "dead"]
HEALTH_STATES = ["healthy", "unhealthy", "starting", "none"]
STACK_STATES = ["active", "inactive"]

type Factory = Callable[[PortainerCoordinator, str], Iterable[Entity]]
type StackFactory = Callable[[PortainerCoordinator, int], Iterable[Entity]]


def track(
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    add: AddConfigEntryEntitiesCallback,
    *,
    server: Callable[[PortainerCoordinator], Iterable[Entity]] | None = None,
    container: Factory | None = None,
    stack: StackFactory | None = None,
) -> None:
    """Add a platform's entities for each Portainer, container and stack, now and later."""
    for subentry_id, coordinator in entry.runtime_data.portainer.items():
        if server is not None:
            add(server(coordinator), config_subentry_id=subentry_id)
        containers: set[str] = set()
        stacks: set[int] = set()

        @callback
        def sync(
            coordinator: PortainerCoordinator = coordinator,
            subentry_id: str = subentry_id,
            containers: set[str] = containers,
            stacks: set[int] = stacks,
        ) -> None:
            state = coordinator.state
            if container is not None:
                for key in sorted(state.containers.keys() - containers):
                    add(container(coordinator, key), config_subentry_id=subentry_id)
            if stack is not None:
                for stack_id in sorted(state.stacks.keys() - stacks):
                    add(stack(coordinator, stack_id), config_subentry_id=subentry_id)
            # Forget vanished ones, so they get entities again if they come back.
            containers.intersection_update(state.containers)
            containers.update(state.containers)
            stacks.intersection_update(state.stacks)
            stacks.update(state.stacks)

        sync()
        entry.async_on_unload(
            async_dispatcher_connect(hass, f"{SIGNAL_CONTAINERS}_{subentry_id}", sync)
        )


class ContainerEntity(PandoraEntity[PortainerCoordinator]):
    """An entity of one container's device."""

    def __init__(self, coordinator: PortainerCoordinator, key: str, kind: str) -> None:
        super().__init__(coordinator, kind)
        self._key = key
        self._attr_unique_id = f"{coordinator.subentry.subentry_id}_container_{key}_{kind}"
        self._attr_device_info = coordinator.container_device(key)

    @property
    def container(self) -> Container | None:
        """The container now (its id changes when it is recreated)."""
        return self.coordinator.state.containers.get(self._key)

    @property
    def available(self) -> bool:
        """Unavailable while Portainer or the container's environment is unreachable."""
        container = self.container
        if not super().available or container is None:
            return False
        endpoint = self.coordinator.state.endpoints.get(container.endpoint_id)
        return endpoint is not None and endpoint.up


class StackEntity(PandoraEntity[PortainerCoordinator]):
    """An entity of one stack's device."""

    def __init__(self, coordinator: PortainerCoordinator, stack_id: int, kind: str) -> None:
        super().__init__(coordinator, kind)
        self._stack_id = stack_id
        self._attr_unique_id = f"{coordinator.subentry.subentry_id}_stack_{stack_id}_{kind}"
        self._attr_device_info = coordinator.stack_device(stack_id)

    @property
    def stack(self) -> Stack | None:
        """The stack now."""
        return self.coordinator.state.stacks.get(self._stack_id)

    @property
    def available(self) -> bool:
        """Unavailable while Portainer is unreachable or the stack is gone."""
        return super().available and self.stack is not None


# --- sensors -------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ContainerSensorDescription(SensorEntityDescription):
    """How one sensor reads a container."""

    value_fn: Callable[[PortainerCoordinator, str], StateType]
    stats: bool = False


def _stat(name: str) -> Callable[[PortainerCoordinator, str], StateType]:
    def value(coordinator: PortainerCoordinator, key: str) -> StateType:
        stats = coordinator.state.stats.get(key)
        return getattr(stats, name) if stats else None

    return value


def _field(name: str) -> Callable[[PortainerCoordinator, str], StateType]:
    def value(coordinator: PortainerCoordinator, key: str) -> StateType:
        container = coordinator.state.containers.get(key)
        return getattr(container, name) if container else None

    return value


def _status(coordinator: PortainerCoordinator, key: str) -> StateType:
    container = coordinator.state.containers.get(key)
    return status_without_age(container.status) if container else None


CONTAINER_SENSORS: tuple[ContainerSensorDescription, ...] = (
    ContainerSensorDescription(
        key="container_state",
        translation_key="container_state",
        device_class=SensorDeviceClass.ENUM,
        options=CONTAINER_STATES,
        value_fn=_field("state"),
    ),
    ContainerSensorDescription(
        key="container_health",
        translation_key="container_health",
        device_class=SensorDeviceClass.ENUM,
        options=HEALTH_STATES,
        value_fn=_field("health"),
    ),
    ContainerSensorDescription(
        key="container_status",
        translation_key="container_status",
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        value_fn=_status,
    ),
    ContainerSensorDescription(
        key="container_cpu",
        translation_key="container_cpu",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        entity_registry_enabled_default=False,
        value_fn=_stat("cpu_percent"),
        stats=True,
    ),
    ContainerSensorDescription(
        key="container_memory",
        translation_key="container_memory",
        device_class=SensorDeviceClass.DATA_SIZE,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfInformation.BYTES,
        suggested_unit_of_measurement=UnitOfInformation.MEBIBYTES,
        suggested_display_precision=1,
        entity_registry_enabled_default=False,
        value_fn=_stat("memory_bytes"),
        stats=True,
    ),
)


class ContainerSensor(ContainerEntity, SensorEntity):
    """One figure of a container."""

    entity_description: ContainerSensorDescription

    def __init__(
        self, coordinator: PortainerCoordinator, key: str, description: ContainerSensorDescription
    ) -> None:
        super().__init__(coordinator, key, description.key)
        self.entity_description = description

    @property
    def native_value(self) -> StateType:
        """Read from the coordinator's state."""
        return self.entity_description.value_fn(self.coordinator, self._key)

    async def async_added_to_hass(self) -> None:
        """Stats cost a call per container: ask for them only while a stats sensor is on."""
        await super().async_added_to_hass()
        if self.entity_description.stats:
            wanted = self.coordinator.stats_wanted
            wanted[self._key] = wanted.get(self._key, 0) + 1

    async def async_will_remove_from_hass(self) -> None:
        """Stop asking for stats this sensor no longer shows."""
        if self.entity_description.stats:
            wanted = self.coordinator.stats_wanted
            wanted[self._key] -= 1
            if not wanted[self._key]:
                del wanted[self._key]
        await super().async_will_remove_from_hass()


class StackStatusSensor(StackEntity, SensorEntity):
    """Whether a stack is active (deployed) or inactive (stopped)."""

    _attr_device_class = SensorDeviceClass.ENUM
    _attr_options = STACK_STATES

    def __init__(self, coordinator: PortainerCoordinator, stack_id: int) -> None:
        super().__init__(coordinator, stack_id, "stack_status")

    @property
    def native_value(self) -> str | None:
        """Active or inactive."""
        stack = self.stack
        return None if stack is None else "active" if stack.active else "inactive"

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Which containers belong to the stack, and when it was last deployed."""
        stack = self.stack
        if stack is None:
            return {}
        members = [
            c.name
            for c in self.coordinator.state.containers.values()
            if c.compose_project == stack.name and c.endpoint_id == stack.endpoint_id
        ]
        return {
            "containers": sorted(members),
            "updated": stack.updated.isoformat() if stack.updated else None,
        }


class ContainerCountSensor(PandoraEntity[PortainerCoordinator], SensorEntity):
    """How many containers are running, or unhealthy, across the watched environments."""

    # Unit "containers": translated, as the torrent counts' (see sensor._torrents).
    _attr_state_class = SensorStateClass.MEASUREMENT
    _attr_suggested_display_precision = 0

    def __init__(self, coordinator: PortainerCoordinator, key: str) -> None:
        super().__init__(coordinator, key)

    @property
    def native_value(self) -> int:
        """Counted from the container list."""
        containers = self.coordinator.state.containers.values()
        if self._attr_translation_key == "containers_unhealthy":
            return sum(1 for c in containers if c.health == "unhealthy")
        return sum(1 for c in containers if c.state == "running")


def sensors(
    hass: HomeAssistant, entry: PandoraConfigEntry, add: AddConfigEntryEntitiesCallback
) -> None:
    """The sensor platform's share."""
    track(
        hass,
        entry,
        add,
        server=lambda c: [
            ContainerCountSensor(c, "containers_running"),
            ContainerCountSensor(c, "containers_unhealthy"),
        ],
        container=lambda c, key: [ContainerSensor(c, key, d) for d in CONTAINER_SENSORS],
        stack=lambda c, stack_id: [StackStatusSensor(c, stack_id)],
    )


# --- binary sensors and buttons ------------------------------------------------------------


class RunningSensor(ContainerEntity, BinarySensorEntity):
    """On while the container runs."""

    _attr_device_class = BinarySensorDeviceClass.RUNNING

    def __init__(self, coordinator: PortainerCoordinator, key: str) -> None:
        super().__init__(coordinator, key, "container_running")

    @property
    def is_on(self) -> bool | None:
        """Running (or restarting) as Docker reports it."""
        container = self.container
        return None if container is None else container.state == "running"


def binary_sensors(
    hass: HomeAssistant, entry: PandoraConfigEntry, add: AddConfigEntryEntitiesCallback
) -> None:
    """The binary_sensor platform's share."""
    track(hass, entry, add, container=lambda c, key: [RunningSensor(c, key)])


class RestartButton(ContainerEntity, ButtonEntity):
    """Restart the container."""

    _attr_device_class = ButtonDeviceClass.RESTART

    def __init__(self, coordinator: PortainerCoordinator, key: str) -> None:
        super().__init__(coordinator, key, "restart_container")

    async def async_press(self) -> None:
        """Restart through Portainer."""
        await self.async_authorize("restart_container")
        container = self.container
        if container is not None:
            await call_service(self.coordinator.async_restart, container)


class RedeployButton(StackEntity, ButtonEntity):
    """Redeploy the stack with its file and env unchanged."""

    def __init__(self, coordinator: PortainerCoordinator, stack_id: int) -> None:
        super().__init__(coordinator, stack_id, "redeploy_stack")

    async def async_press(self) -> None:
        """Redeploy through Portainer."""
        await self.async_authorize("redeploy_stack")
        stack = self.stack
        if stack is not None:
            await call_service(self.coordinator.async_redeploy, stack)


def buttons(
    hass: HomeAssistant, entry: PandoraConfigEntry, add: AddConfigEntryEntitiesCallback
) -> None:
    """The button platform's share."""
    track(
        hass,
        entry,
        add,
        container=lambda c, key: [RestartButton(c, key)],
        stack=lambda c, stack_id: [RedeployButton(c, stack_id)],
    )


def add_entities(
    platform: Platform,
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    add: AddConfigEntryEntitiesCallback,
) -> None:
    """Each Portainer's container and stack entities, and each gluetun's VPN entities."""
    share = {
        Platform.SENSOR: sensors,
        Platform.BINARY_SENSOR: binary_sensors,
        Platform.BUTTON: buttons,
    }
    if (portainer := share.get(platform)) is not None:
        portainer(hass, entry, add)
    vpn.setup(entry, add, platform)
