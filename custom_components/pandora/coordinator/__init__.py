"""Coordinators: one per connected service (config subentry)."""

from __future__ import annotations

from datetime import timedelta
import logging
from typing import ClassVar

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from ..api.errors import InvalidAuth, PandoraError
from ..const import DOMAIN
from ..helpers import safe_text

_LOGGER = logging.getLogger(__package__)


class PandoraCoordinator[DataT](DataUpdateCoordinator[DataT]):
    """Base for every Pandora coordinator: bound to one subentry, which is one device."""

    config_entry: ConfigEntry
    # How often the service is polled, chosen from what one refresh costs (README, "How data is
    # updated"). To poll otherwise, users disable polling and call homeassistant.update_entity.
    UPDATE_INTERVAL: ClassVar[timedelta]

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry, subentry: ConfigSubentry) -> None:
        super().__init__(
            hass,
            _LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} {subentry.subentry_type} {subentry.title}",
            update_interval=self.UPDATE_INTERVAL,
        )
        self.subentry = subentry

    @property
    def device_info(self) -> DeviceInfo:
        """The device that represents this subentry."""
        raise NotImplementedError

    @property
    def identity(self) -> str | None:
        """The service's own id, which keys its subentry (None: it has none, or not read yet)."""
        return None

    def update_failed(self, err: PandoraError) -> UpdateFailed | ConfigEntryAuthFailed:
        """Map a client error to what `_async_update_data` raises.

        Refused credentials start the hub's reauth for this service and stop the polling:
        after `ConfigEntryAuthFailed` Home Assistant schedules no further refresh, so the
        refused credentials are not sent again (a service may ban the address for it) until
        the user re-authenticates, which reloads the hub, or asks for a refresh.
        """
        placeholders = {"name": self.subentry.title, "error": safe_text(err)}
        if isinstance(err, InvalidAuth):
            # Reauth belongs to the hub entry; tell its flow which service failed (Home
            # Assistant's own reauth start that follows finds this flow and adds none).
            self.config_entry.async_start_reauth(
                self.hass, data={"subentry_id": self.subentry.subentry_id}
            )
            return ConfigEntryAuthFailed(
                translation_domain=DOMAIN,
                translation_key="auth_failed",
                translation_placeholders=placeholders,
            )
        return UpdateFailed(
            translation_domain=DOMAIN,
            translation_key="update_failed",
            translation_placeholders=placeholders,
        )
