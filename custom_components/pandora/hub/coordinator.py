"""The coordinator base: one per connected service (config subentry), which is one device."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
import logging
from typing import Any, ClassVar

import aiohttp

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from ..api.errors import InvalidAuth, PandoraError
from ..const import CONF_VERIFY_SSL, DOMAIN
from .errors import safe_text
from .session import create_session

_LOGGER = logging.getLogger(__package__.rpartition(".")[0])

# Builds a service's client from its subentry data, over the given session.
type ClientFactory[ClientT] = Callable[[aiohttp.ClientSession, Mapping[str, Any]], ClientT]


def keyed_client_factory[ClientT](client: Callable[..., ClientT]) -> ClientFactory[ClientT]:
    """The factory of a client that takes the subentry's URL, API key and certificate check."""

    def build(session: aiohttp.ClientSession, data: Mapping[str, Any]) -> ClientT:
        return client(
            url=data[CONF_URL],
            api_key=data[CONF_API_KEY],
            session=session,
            verify_ssl=bool(data.get(CONF_VERIFY_SSL, True)),
        )

    build.__doc__ = f"A {client.__name__} for subentry data."
    return build


class PandoraCoordinator[DataT, ClientT](DataUpdateCoordinator[DataT]):
    """Base for every Pandora coordinator: bound to one subentry, which is one device.

    A subclass names its client factory, device and polling interval as class attributes; the
    base builds the session (the subentry's certificate check), the client and the device.
    """

    config_entry: ConfigEntry
    # How often the service is polled, chosen from what one refresh costs (README, "How data is
    # updated"). To poll otherwise, users disable polling and call homeassistant.update_entity.
    UPDATE_INTERVAL: ClassVar[timedelta]
    # The client for the subentry's data (a plain function: read through the class, unbound).
    CLIENT: ClassVar[ClientFactory[Any]]
    MANUFACTURER: ClassVar[str]
    MODEL: ClassVar[str]
    # Whether the device page links to the service's URL (gluetun's control server has no page).
    LINKS_TO_SERVICE: ClassVar[bool] = True

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        subentry: ConfigSubentry,
        *,
        client: ClientT | None = None,
        name: str | None = None,
    ) -> None:
        """`client`: another coordinator's of the same service, shared (none is built)."""
        super().__init__(
            hass,
            _LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} {subentry.subentry_type} {name or subentry.title}",
            update_interval=self.UPDATE_INTERVAL,
        )
        self.subentry = subentry
        if client is None:
            session = create_session(hass, bool(subentry.data.get(CONF_VERIFY_SSL, True)))
            client = type(self).CLIENT(session, subentry.data)
        self.client: ClientT = client

    @property
    def sw_version(self) -> str | None:
        """The service's version, once read."""
        return None

    @property
    def model_id(self) -> str | None:
        """The service's model id (its API version), when it has one."""
        return None

    @property
    def device_info(self) -> DeviceInfo:
        """The device that represents this subentry."""
        return DeviceInfo(
            identifiers={(DOMAIN, self.subentry.subentry_id)},
            name=self.subentry.title,
            manufacturer=self.MANUFACTURER,
            model=self.MODEL,
            model_id=self.model_id,
            sw_version=self.sw_version,
            configuration_url=self.subentry.data[CONF_URL] if self.LINKS_TO_SERVICE else None,
            entry_type=dr.DeviceEntryType.SERVICE,
        )

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
