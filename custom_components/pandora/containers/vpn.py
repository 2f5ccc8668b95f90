"""gluetun entities: the VPN country select, public IP and status sensors, the leak sensor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from homeassistant.components.binary_sensor import BinarySensorEntity
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.components.select import SelectEntity
from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
)
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.restore_state import RestoreEntity
from homeassistant.helpers.typing import StateType

from ..hub.entity import PandoraEntity
from .gluetun import GluetunCoordinator

if TYPE_CHECKING:
    from ..runtime import PandoraConfigEntry

VPN_STATES = ["starting", "running", "stopping", "stopped", "crashed", "completed"]


@dataclass(frozen=True, kw_only=True)
class VpnSensorDescription(SensorEntityDescription):
    """How one sensor reads gluetun's state."""

    value_fn: Callable[[GluetunCoordinator], StateType]


SENSORS: tuple[VpnSensorDescription, ...] = (
    VpnSensorDescription(
        key="vpn_status",
        translation_key="vpn_status",
        device_class=SensorDeviceClass.ENUM,
        options=VPN_STATES,
        value_fn=lambda c: c.state.status,
    ),
    VpnSensorDescription(
        key="public_ip",
        translation_key="public_ip",
        value_fn=lambda c: c.state.public_ip.ip if c.state.public_ip else None,
    ),
    VpnSensorDescription(
        key="public_ip_country",
        translation_key="public_ip_country",
        value_fn=lambda c: c.state.public_ip.country if c.state.public_ip else None,
    ),
)


class VpnSensor(PandoraEntity[GluetunCoordinator], SensorEntity):
    """One figure of gluetun."""

    entity_description: VpnSensorDescription

    def __init__(self, coordinator: GluetunCoordinator, description: VpnSensorDescription) -> None:
        super().__init__(coordinator, description.key)
        self.entity_description = description

    @property
    def native_value(self) -> StateType:
        """Read from the coordinator's state."""
        return self.entity_description.value_fn(self.coordinator)

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """The public IP's whereabouts, as gluetun's lookup service reports them."""
        public_ip = self.coordinator.state.public_ip
        if self.entity_description.key != "public_ip" or public_ip is None:
            return None
        return {
            "city": public_ip.city,
            "region": public_ip.region,
            "organization": public_ip.organization,
            "hostname": public_ip.hostname,
            "timezone": public_ip.timezone,
        }


class LeakSensor(PandoraEntity[GluetunCoordinator], BinarySensorEntity):
    """On while the VPN runs but the public IP is not in the selected country."""

    _attr_device_class = BinarySensorDeviceClass.PROBLEM

    def __init__(self, coordinator: GluetunCoordinator) -> None:
        super().__init__(coordinator, "vpn_leak")

    @property
    def is_on(self) -> bool:
        """See `GluetunCoordinator.leaking`."""
        return self.coordinator.leaking


class CountrySelect(PandoraEntity[GluetunCoordinator], SelectEntity, RestoreEntity):
    """The VPN country: selecting one switches gluetun and waits until it is in effect."""

    def __init__(self, coordinator: GluetunCoordinator) -> None:
        super().__init__(coordinator, "vpn_country")

    async def async_added_to_hass(self) -> None:
        """Without a stack to read it from, the country in effect is the last one chosen."""
        await super().async_added_to_hass()
        if self.coordinator.selected is None and (last := await self.async_get_last_state()):
            self.coordinator.selected = self.coordinator.canonical(last.state)

    @property
    def options(self) -> list[str]:
        """The countries offered in the gluetun settings."""
        return self.coordinator.options

    @property
    def current_option(self) -> str | None:
        """The country in effect (changes only once gluetun confirms a switch)."""
        return self.coordinator.selected

    async def async_select_option(self, option: str) -> None:
        """Switch the country (see `GluetunCoordinator.async_set_country`)."""
        await self.async_authorize("set_vpn_country")
        await self.coordinator.async_set_country(option)


def setup(entry: PandoraConfigEntry, add: AddConfigEntryEntitiesCallback, platform: str) -> None:
    """The given platform's share of each gluetun's entities."""
    for subentry_id, coordinator in entry.runtime_data.gluetun.items():
        if platform == "sensor":
            add((VpnSensor(coordinator, d) for d in SENSORS), config_subentry_id=subentry_id)
        elif platform == "binary_sensor":
            add([LeakSensor(coordinator)], config_subentry_id=subentry_id)
        elif platform == "select":
            add([CountrySelect(coordinator)], config_subentry_id=subentry_id)
