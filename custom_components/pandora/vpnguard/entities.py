"""The VPN guard's binary sensor: on while it holds a qBittorrent's downloads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.binary_sensor import BinarySensorEntity
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..downloads import QBittorrentCoordinator
from ..hub.entity import PandoraEntity
from .guard import VpnGuard

if TYPE_CHECKING:
    from ..runtime import PandoraConfigEntry


class VpnGuardSensor(PandoraEntity[QBittorrentCoordinator], BinarySensorEntity):
    """On while the VPN guard holds this qBittorrent's downloads (on its device)."""

    def __init__(self, guard: VpnGuard) -> None:
        super().__init__(guard.qbittorrent, "vpn_guard")
        self.guard = guard

    @property
    def available(self) -> bool:
        """The guard knows what it holds even while qBittorrent does not answer."""
        return True

    @property
    def is_on(self) -> bool:
        """Held (the guard updates its qBittorrent's listeners when this changes)."""
        return self.guard.cause is not None

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Why, since when, behind which gluetun, how many torrents, and a failed request."""
        guard = self.guard
        return {
            "cause": guard.cause,
            "since": guard.since.isoformat() if guard.since else None,
            "gluetun": guard.gluetun.subentry.title if guard.gluetun else None,
            "torrents": len(guard.held),
            "failing": guard.failure,
        }


def add_entities(
    platform: Platform,
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    add: AddConfigEntryEntitiesCallback,
) -> None:
    """A binary sensor per guarded qBittorrent (one releasing a leftover hold has none)."""
    if platform != Platform.BINARY_SENSOR:
        return
    for sub_id, guard in entry.runtime_data.vpn_guards.items():
        if guard.gluetun is not None:
            add([VpnGuardSensor(guard)], config_subentry_id=sub_id)
