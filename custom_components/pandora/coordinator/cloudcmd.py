"""Cloud Commander coordinator: what waits in the Downloaded folder."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.const import CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.device_registry import DeviceInfo

from ..api.cloudcmd import FileEntry
from ..api.errors import PandoraError
from ..const import (
    CONF_DOWNLOADED_FOLDER,
    CONF_DOWNLOADS_FOLDER,
    CONF_MOVIES_FOLDER,
    CONF_TV_FOLDER,
    CONF_VERIFY_SSL,
    DEFAULT_FOLDERS,
    DOMAIN,
)
from ..helpers import create_session
from ..service_flows import cloudcmd_client
from . import PandoraCoordinator

# The share's folders by the names the panel uses (`pandora/info`).
FOLDER_NAMES: Final = {
    "downloads": CONF_DOWNLOADS_FOLDER,
    "downloaded": CONF_DOWNLOADED_FOLDER,
    "movies": CONF_MOVIES_FOLDER,
    "tv": CONF_TV_FOLDER,
}


def share_folder(data: Mapping[str, Any], key: str) -> str:
    """A configured folder of a share (share-relative), or its default."""
    return str(data.get(key) or DEFAULT_FOLDERS[key])


def share_folders(data: Mapping[str, Any]) -> dict[str, str]:
    """Every configured folder of a share, by the names in `FOLDER_NAMES`."""
    return {name: share_folder(data, key) for name, key in FOLDER_NAMES.items()}


@dataclass
class ShareState:
    """The share as the entities show it."""

    version: str | None = None
    downloaded: list[FileEntry] = field(default_factory=list)


class CloudCommanderCoordinator(PandoraCoordinator[ShareState]):
    """Lists the Downloaded folder of one Cloud Commander share."""

    # Two listings (the folder's parent, to check it is a folder, then the folder), each making
    # the server read the directory; Pandora's own moves refresh at once.
    UPDATE_INTERVAL = timedelta(seconds=30)

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry, subentry: ConfigSubentry) -> None:
        super().__init__(hass, entry, subentry)
        verify_ssl = bool(subentry.data.get(CONF_VERIFY_SSL, True))
        self.client = cloudcmd_client(create_session(hass, verify_ssl), subentry.data)
        self.state = ShareState()

    def folder(self, key: str) -> str:
        """A configured folder of the share (share-relative)."""
        return share_folder(self.subentry.data, key)

    @property
    def device_info(self) -> DeviceInfo:
        """One device per share."""
        return DeviceInfo(
            identifiers={(DOMAIN, self.subentry.subentry_id)},
            name=self.subentry.title,
            manufacturer="Cloud Commander",
            model="Cloud Commander",
            sw_version=self.state.version,
            configuration_url=self.subentry.data[CONF_URL],
            entry_type=dr.DeviceEntryType.SERVICE,
        )

    async def _async_update_data(self) -> ShareState:
        try:
            if self.state.version is None:
                self.state.version = await self.client.version()
            self.state.downloaded = await self.client.list(self.folder(CONF_DOWNLOADED_FOLDER))
        except PandoraError as err:
            raise self.update_failed(err) from err
        return self.state
