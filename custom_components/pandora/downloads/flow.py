"""The qBittorrent and Jackett services' forms, connection tests and flows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import probatio as vol

from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import BooleanSelector, TextSelector

from ..const import (
    CONF_INDEXERS,
    CONF_VERIFY_SSL,
    CONF_VPN_GUARD,
    SUBENTRY_GLUETUN,
    SUBENTRY_JACKETT,
    SUBENTRY_QBITTORRENT,
)
from ..hub.flow import (
    PASSWORD,
    URL,
    FieldError,
    ServiceSpec,
    subentries_of,
    subentry_choice,
    subentry_flow,
    where,
)
from ..hub.forms import split_list
from ..hub.session import temporary_session
from .coordinator import qbittorrent_client
from .search import jackett_client


async def _test_qbittorrent(hass: HomeAssistant, data: Mapping[str, Any]) -> None:
    # The gluetun it downloads behind (the VPN guard, vpnguard/): one of the hub's, or none.
    guard = data.get(CONF_VPN_GUARD) or ""
    if guard and guard not in subentries_of(hass, SUBENTRY_GLUETUN):
        raise FieldError(CONF_VPN_GUARD, "unknown_gluetun")
    with temporary_session(hass, bool(data.get(CONF_VERIFY_SSL, True))) as session:
        client = qbittorrent_client(session, data)
        try:
            await client.connect()  # log in and read the versions
        finally:
            await client.close()


async def _test_jackett(hass: HomeAssistant, data: Mapping[str, Any]) -> None:
    with temporary_session(hass, bool(data.get(CONF_VERIFY_SSL, True))) as session:
        client = jackett_client(session, data)
        await client.caps()
        wanted = split_list(data.get(CONF_INDEXERS) or "")
        if wanted:
            known = {indexer.id for indexer in await client.indexers()}
            if any(i not in known for i in wanted):
                raise FieldError(CONF_INDEXERS, "unknown_indexer")


def _qbittorrent_schema(hass: HomeAssistant) -> vol.Schema:
    fields: dict[Any, Any] = {
        vol.Required(CONF_URL): URL,
        vol.Optional(CONF_USERNAME, default=""): TextSelector(),
        vol.Optional(CONF_PASSWORD, default=""): PASSWORD,
        vol.Required(CONF_VERIFY_SSL, default=True): BooleanSelector(),
    }
    # "Behind this gluetun" only once the hub has a gluetun to choose (an empty list is noise).
    if subentries_of(hass, SUBENTRY_GLUETUN):
        fields[vol.Optional(CONF_VPN_GUARD, default="")] = subentry_choice(hass, SUBENTRY_GLUETUN)
    return vol.Schema(fields)


def _jackett_schema(_hass: HomeAssistant) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required(CONF_URL): URL,
            vol.Required(CONF_API_KEY): PASSWORD,
            vol.Optional(CONF_INDEXERS, default=""): TextSelector(),
            vol.Required(CONF_VERIFY_SSL, default=True): BooleanSelector(),
        }
    )


QBITTORRENT = ServiceSpec(
    SUBENTRY_QBITTORRENT,
    _qbittorrent_schema,
    _test_qbittorrent,
    lambda d: f"qBittorrent {where(d)}",
    name="qBittorrent",
    secret=CONF_PASSWORD,
)
JACKETT = ServiceSpec(
    SUBENTRY_JACKETT,
    _jackett_schema,
    _test_jackett,
    lambda d: f"Jackett {where(d)}",
    name="Jackett",
)
SUBENTRY_FLOWS = {
    SUBENTRY_QBITTORRENT: subentry_flow(
        QBITTORRENT, "qBittorrent: torrents, speeds, events (several allowed)."
    ),
    SUBENTRY_JACKETT: subentry_flow(
        JACKETT, "Jackett: torrent search across indexers (several allowed)."
    ),
}
