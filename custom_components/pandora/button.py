"""qBittorrent buttons: pause all, resume all."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api.qbittorrent import ALL, QBittorrentClient
from .containers import entities as container_entities
from .downloads.coordinator import QBittorrentCoordinator
from .hub.entity import PandoraEntity
from .hub.errors import call_service
from .library import entities as jellyfin_entities
from .runtime import PandoraConfigEntry

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class QBittorrentButtonDescription(ButtonEntityDescription):
    """What a button asks the client to do."""

    press_fn: Callable[[QBittorrentClient], Awaitable[None]]
    operation: str  # in the permission table


BUTTONS: tuple[QBittorrentButtonDescription, ...] = (
    QBittorrentButtonDescription(
        key="pause_all",
        translation_key="pause_all",
        press_fn=lambda c: c.pause(ALL),
        operation="pause_torrents",
    ),
    QBittorrentButtonDescription(
        key="resume_all",
        translation_key="resume_all",
        press_fn=lambda c: c.resume(ALL),
        operation="resume_torrents",
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PandoraConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Buttons per qBittorrent; scan buttons per Jellyfin."""
    for subentry_id, coordinator in entry.runtime_data.qbittorrent.items():
        async_add_entities(
            (QBittorrentButton(coordinator, d) for d in BUTTONS), config_subentry_id=subentry_id
        )
    jellyfin_entities.setup_buttons(hass, entry, async_add_entities)
    container_entities.buttons(hass, entry, async_add_entities)


class QBittorrentButton(PandoraEntity[QBittorrentCoordinator], ButtonEntity):
    """A one-shot command to qBittorrent."""

    entity_description: QBittorrentButtonDescription

    def __init__(
        self, coordinator: QBittorrentCoordinator, description: QBittorrentButtonDescription
    ) -> None:
        super().__init__(coordinator, description.key)
        self.entity_description = description

    async def async_press(self) -> None:
        """Send the command, then refresh so states follow at once."""
        await self.async_authorize(self.entity_description.operation)
        await call_service(self.entity_description.press_fn, self.coordinator.client)
        await self.coordinator.async_request_refresh()
