"""Cloud Commander coordinator: what waits in the Downloaded folder."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.const import CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant

from ..api.cloudcmd import CloudCommanderClient, FileEntry
from ..api.errors import PandoraError
from ..const import (
    CONF_DOWNLOADED_FOLDER,
    CONF_DOWNLOADS_FOLDER,
    CONF_MOVIES_FOLDER,
    CONF_TV_FOLDER,
    CONF_VERIFY_SSL,
    DEFAULT_FOLDERS,
)
from ..hub.coordinator import PandoraCoordinator

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


def cloudcmd_client(session: Any, data: Mapping[str, Any]) -> CloudCommanderClient:
    """A Cloud Commander client for subentry data."""
    return CloudCommanderClient(
        url=data[CONF_URL],
        session=session,
        username=data.get(CONF_USERNAME) or None,
        password=data.get(CONF_PASSWORD) or None,
        verify_ssl=bool(data.get(CONF_VERIFY_SSL, True)),
    )


@dataclass
class ShareState:
    """The share as the entities show it."""

    version: str | None = None
    downloaded: list[FileEntry] = field(default_factory=list)


class CloudCommanderCoordinator(PandoraCoordinator[ShareState, CloudCommanderClient]):
    """Lists the Downloaded folder of one Cloud Commander share."""

    # Two listings (the folder's parent, to check it is a folder, then the folder), each making
    # the server read the directory; Pandora's own moves refresh at once.
    UPDATE_INTERVAL = timedelta(seconds=30)
    CLIENT = cloudcmd_client
    MANUFACTURER = "Cloud Commander"
    MODEL = "Cloud Commander"

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry, subentry: ConfigSubentry) -> None:
        super().__init__(hass, entry, subentry)
        self.state = ShareState()

    def folder(self, key: str) -> str:
        """A configured folder of the share (share-relative)."""
        return share_folder(self.subentry.data, key)

    @property
    def sw_version(self) -> str | None:
        """Cloud Commander's version, once read."""
        return self.state.version

    async def _async_update_data(self) -> ShareState:
        try:
            if self.state.version is None:
                self.state.version = await self.client.version()
            self.state.downloaded = await self.client.list(self.folder(CONF_DOWNLOADED_FOLDER))
        except PandoraError as err:
            raise self.update_failed(err) from err
        return self.state
