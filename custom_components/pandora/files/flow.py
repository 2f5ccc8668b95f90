"""The Cloud Commander service's form, connection test and flow."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import probatio as vol

from homeassistant.const import CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import BooleanSelector, TextSelector

from ..api.errors import ServiceError
from ..const import CONF_QBITTORRENT_ROOT, CONF_VERIFY_SSL, DEFAULT_FOLDERS, SUBENTRY_CLOUDCMD
from ..hub.flow import PASSWORD, URL, FieldError, ServiceSpec, subentry_flow, where
from ..hub.session import temporary_session
from .coordinator import cloudcmd_client


async def _test_cloudcmd(hass: HomeAssistant, data: Mapping[str, Any]) -> None:
    with temporary_session(hass, bool(data.get(CONF_VERIFY_SSL, True))) as session:
        client = cloudcmd_client(session, data)
        await client.version()
        for key in DEFAULT_FOLDERS:
            try:
                found = await client.exists(data[key])
            except ServiceError:  # UnsafePath and friends: not a folder of the share
                found = False
            if not found:
                raise FieldError(key, "folder_not_found")


def _cloudcmd_schema(_hass: HomeAssistant) -> vol.Schema:
    folders = {
        vol.Required(key, default=value): TextSelector() for key, value in DEFAULT_FOLDERS.items()
    }
    return vol.Schema(
        {
            vol.Required(CONF_URL): URL,
            vol.Optional(CONF_USERNAME, default=""): TextSelector(),
            vol.Optional(CONF_PASSWORD, default=""): PASSWORD,
            vol.Required(CONF_VERIFY_SSL, default=True): BooleanSelector(),
            **folders,
            vol.Optional(CONF_QBITTORRENT_ROOT, default=""): TextSelector(),
        }
    )


CLOUDCMD = ServiceSpec(
    SUBENTRY_CLOUDCMD,
    _cloudcmd_schema,
    _test_cloudcmd,
    lambda d: f"Cloud Commander {where(d)}",
    name="Cloud Commander",
    secret=CONF_PASSWORD,
)
SUBENTRY_FLOWS = {
    SUBENTRY_CLOUDCMD: subentry_flow(
        CLOUDCMD, "Cloud Commander: the share's folders (several allowed)."
    ),
}
