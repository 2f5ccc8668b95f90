"""Subentry flows for every service and their connection tests.

Each service is described once by a `ServiceSpec` (form, connection test, title, unique id); one
flow class serves them all, and the hub's reauth flow uses the same test.

A service with an identity of its own (Jellyfin's ServerId, Portainer's InstanceID) is keyed by
it, read during the connection test: the same server cannot be added twice under two addresses,
and a reconfigure may move it to another address but not point it at another server (whose
devices, entities and history are not its). The others are keyed by their URL (`url_key`: one
key for every spelling of an address), or by their type when there is one per hub.

A duplicate is said on the form, which keeps what was typed and names the service that has the
address: that is the one to reconfigure, which a subentry flow cannot open itself.
"""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import Any

import probatio as vol

from homeassistant.config_entries import ConfigSubentry
from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)

from .api.errors import (
    RouteNotAllowed,
    ServiceError,
)
from .api.http import safe_url
from .api.jackett import JackettClient
from .api.tmdb import TmdbClient
from .api.watchmode import WatchmodeClient
from .const import (
    CONF_COUNTRIES,
    CONF_COUNTRY_VARIABLE,
    CONF_ENDPOINTS,
    CONF_INDEXERS,
    CONF_LANGUAGE,
    CONF_PORTAINER,
    CONF_QBITTORRENT_ROOT,
    CONF_REGION,
    CONF_REGIONS,
    CONF_SERVICE,
    CONF_STACK,
    CONF_SWITCH_TIMEOUT,
    CONF_USERS,
    CONF_VERIFY_SSL,
    CONF_WEB_URL,
    DEFAULT_COUNTRIES,
    DEFAULT_COUNTRY_VARIABLE,
    DEFAULT_FOLDERS,
    DEFAULT_GLUETUN_SERVICE,
    DEFAULT_SWITCH_TIMEOUT,
    DEFAULT_TMDB_URL,
    DEFAULT_WATCHMODE_URL,
    DOMAIN,
    MAX_SWITCH_TIMEOUT,
    MIN_SWITCH_TIMEOUT,
    SUBENTRY_CLOUDCMD,
    SUBENTRY_GLUETUN,
    SUBENTRY_JACKETT,
    SUBENTRY_JELLYFIN,
    SUBENTRY_PORTAINER,
    SUBENTRY_QBITTORRENT,
    SUBENTRY_TMDB,
    SUBENTRY_WATCHMODE,
)
from .coordinator.cloudcmd import cloudcmd_client
from .coordinator.gluetun import gluetun_client, split_countries, valid_country
from .coordinator.jellyfin import jellyfin_client
from .coordinator.portainer import portainer_client
from .coordinator.qbittorrent import qbittorrent_client
from .hub.flow import FieldError, ServiceSpec, ServiceSubentryFlow
from .hub.forms import split_list
from .hub.session import temporary_session

_LOGGER = logging.getLogger(__name__)

_PASSWORD = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
_URL = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))


# --- connection tests: raise PandoraError on failure ---------------------------------------


def tmdb_client(session: Any, data: Mapping[str, Any]) -> TmdbClient:
    """A TMDB client for subentry data."""
    return TmdbClient(
        session=session,
        api_key=data[CONF_API_KEY],
        language=data.get(CONF_LANGUAGE) or "en-US",
        region=data.get(CONF_REGION) or None,
        base_url=data.get(CONF_URL) or DEFAULT_TMDB_URL,
    )


def watchmode_client(session: Any, data: Mapping[str, Any]) -> WatchmodeClient:
    """A Watchmode client for subentry data."""
    return WatchmodeClient(
        session=session,
        api_key=data[CONF_API_KEY],
        base_url=data.get(CONF_URL) or DEFAULT_WATCHMODE_URL,
        regions=tuple(split_list(data.get(CONF_REGIONS) or "US", upper=True)),
    )


def jackett_client(session: Any, data: Mapping[str, Any]) -> JackettClient:
    """A Jackett client for subentry data."""
    return JackettClient(
        url=data[CONF_URL],
        api_key=data[CONF_API_KEY],
        session=session,
        verify_ssl=bool(data.get(CONF_VERIFY_SSL, True)),
    )


async def _test_jellyfin(hass: HomeAssistant, data: Mapping[str, Any]) -> str:
    with temporary_session(hass, bool(data.get(CONF_VERIFY_SSL, True))) as session:
        return (await jellyfin_client(session, data).system_info()).id


async def _test_qbittorrent(hass: HomeAssistant, data: Mapping[str, Any]) -> None:
    with temporary_session(hass, bool(data.get(CONF_VERIFY_SSL, True))) as session:
        client = qbittorrent_client(session, data)
        try:
            await client.connect()  # log in and read the versions
        finally:
            await client.close()


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


async def _test_portainer(hass: HomeAssistant, data: Mapping[str, Any]) -> str | None:
    with temporary_session(hass, bool(data.get(CONF_VERIFY_SSL, True))) as session:
        client = portainer_client(session, data)
        status = await client.status()
        endpoints = await client.endpoints()
        known = {str(e.id) for e in endpoints} | {e.name.casefold() for e in endpoints}
        wanted = split_list(data.get(CONF_ENDPOINTS) or "")
        if any(w.casefold() not in known for w in wanted):
            raise FieldError(CONF_ENDPOINTS, "unknown_endpoint")
        return status.instance_id


def portainer_subentries(hass: HomeAssistant) -> dict[str, ConfigSubentry]:
    """The Portainer services of the hub (there is one hub)."""
    return {
        sub_id: sub
        for entry in hass.config_entries.async_entries(DOMAIN)
        for sub_id, sub in entry.subentries.items()
        if sub.subentry_type == SUBENTRY_PORTAINER
    }


async def _test_gluetun(hass: HomeAssistant, data: Mapping[str, Any]) -> None:
    countries = split_countries(data.get(CONF_COUNTRIES) or "")
    if not countries:
        raise FieldError(CONF_COUNTRIES, "no_countries")
    if not all(map(valid_country, countries)):
        raise FieldError(CONF_COUNTRIES, "invalid_country")
    with temporary_session(hass, bool(data.get(CONF_VERIFY_SSL, True))) as session:
        gluetun = gluetun_client(session, data)
        try:  # what every poll reads; the live switch's route is optional (else: redeploy)
            await gluetun.vpn_status()
            await gluetun.public_ip()
        except RouteNotAllowed as err:
            raise FieldError("base", "route_not_allowed") from err
    if not data.get(CONF_STACK):
        return  # live switching only; the choice is lost when gluetun restarts
    portainer = portainer_subentries(hass).get(data.get(CONF_PORTAINER) or "")
    if portainer is None:
        raise FieldError(CONF_PORTAINER, "portainer_required")
    with temporary_session(hass, bool(portainer.data.get(CONF_VERIFY_SSL, True))) as session:
        client = portainer_client(session, portainer.data)
        stack = next((s for s in await client.stacks() if s.name == data[CONF_STACK]), None)
        if stack is None:
            raise FieldError(CONF_STACK, "unknown_stack")
        # Portainer hands the stack env to compose as --env-file: it reaches gluetun only
        # through ${VARIABLE} in the file or `env_file: stack.env`.
        content = await client.stack_file(stack.id)
        variable = data[CONF_COUNTRY_VARIABLE]
        if (
            f"${{{variable}" not in content
            and f"${variable}" not in content
            and ("stack.env" not in content)
        ):
            raise FieldError(CONF_COUNTRY_VARIABLE, "variable_not_used")


async def _test_tmdb(hass: HomeAssistant, data: Mapping[str, Any]) -> None:
    with temporary_session(hass, True) as session:
        await tmdb_client(session, data).configuration()


async def _test_watchmode(hass: HomeAssistant, data: Mapping[str, Any]) -> None:
    with temporary_session(hass, True) as session:
        await watchmode_client(session, data).check()


async def _test_jackett(hass: HomeAssistant, data: Mapping[str, Any]) -> None:
    with temporary_session(hass, bool(data.get(CONF_VERIFY_SSL, True))) as session:
        client = jackett_client(session, data)
        await client.caps()
        wanted = split_list(data.get(CONF_INDEXERS) or "")
        if wanted:
            known = {indexer.id for indexer in await client.indexers()}
            if any(i not in known for i in wanted):
                raise FieldError(CONF_INDEXERS, "unknown_indexer")


# --- specs ---------------------------------------------------------------------------------


def _tmdb_schema(hass: HomeAssistant) -> vol.Schema:
    language = hass.config.language or "en"
    country = hass.config.country
    return vol.Schema(
        {
            vol.Required(CONF_API_KEY): _PASSWORD,
            vol.Optional(
                CONF_LANGUAGE, default=f"{language}-{country}" if country else language
            ): TextSelector(),
            vol.Optional(CONF_REGION, default=country or ""): TextSelector(),
            vol.Optional(CONF_URL, default=DEFAULT_TMDB_URL): _URL,
        }
    )


def _watchmode_schema(hass: HomeAssistant) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required(CONF_API_KEY): _PASSWORD,
            vol.Optional(CONF_REGIONS, default=hass.config.country or "US"): TextSelector(),
            vol.Optional(CONF_URL, default=DEFAULT_WATCHMODE_URL): _URL,
        }
    )


def _jellyfin_schema(_hass: HomeAssistant) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required(CONF_URL): _URL,
            vol.Required(CONF_API_KEY): _PASSWORD,
            vol.Required(CONF_VERIFY_SSL, default=True): BooleanSelector(),
        }
    )


def _qbittorrent_schema(_hass: HomeAssistant) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required(CONF_URL): _URL,
            vol.Optional(CONF_USERNAME, default=""): TextSelector(),
            vol.Optional(CONF_PASSWORD, default=""): _PASSWORD,
            vol.Required(CONF_VERIFY_SSL, default=True): BooleanSelector(),
        }
    )


def _cloudcmd_schema(_hass: HomeAssistant) -> vol.Schema:
    folders = {
        vol.Required(key, default=value): TextSelector() for key, value in DEFAULT_FOLDERS.items()
    }
    return vol.Schema(
        {
            vol.Required(CONF_URL): _URL,
            vol.Optional(CONF_USERNAME, default=""): TextSelector(),
            vol.Optional(CONF_PASSWORD, default=""): _PASSWORD,
            vol.Required(CONF_VERIFY_SSL, default=True): BooleanSelector(),
            **folders,
            vol.Optional(CONF_QBITTORRENT_ROOT, default=""): TextSelector(),
        }
    )


def _jackett_schema(_hass: HomeAssistant) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required(CONF_URL): _URL,
            vol.Required(CONF_API_KEY): _PASSWORD,
            vol.Optional(CONF_INDEXERS, default=""): TextSelector(),
            vol.Required(CONF_VERIFY_SSL, default=True): BooleanSelector(),
        }
    )


def _portainer_schema(_hass: HomeAssistant) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required(CONF_URL): _URL,
            vol.Required(CONF_API_KEY): _PASSWORD,
            vol.Optional(CONF_ENDPOINTS, default=""): TextSelector(),
            vol.Required(CONF_VERIFY_SSL, default=True): BooleanSelector(),
        }
    )


def _gluetun_schema(hass: HomeAssistant) -> vol.Schema:
    portainers = [
        SelectOptionDict(value=sub_id, label=sub.title)
        for sub_id, sub in portainer_subentries(hass).items()
    ]
    return vol.Schema(
        {
            vol.Required(CONF_URL): _URL,
            vol.Optional(CONF_API_KEY, default=""): _PASSWORD,
            vol.Optional(CONF_USERNAME, default=""): TextSelector(),
            vol.Optional(CONF_PASSWORD, default=""): _PASSWORD,
            vol.Optional(CONF_COUNTRIES, default=DEFAULT_COUNTRIES): TextSelector(),
            vol.Optional(CONF_PORTAINER, default=""): SelectSelector(
                SelectSelectorConfig(
                    options=[SelectOptionDict(value="", label="-"), *portainers],
                    mode=SelectSelectorMode.DROPDOWN,
                )
            ),
            vol.Optional(CONF_STACK, default=""): TextSelector(),
            vol.Optional(CONF_SERVICE, default=DEFAULT_GLUETUN_SERVICE): TextSelector(),
            vol.Optional(CONF_COUNTRY_VARIABLE, default=DEFAULT_COUNTRY_VARIABLE): TextSelector(),
            vol.Required(CONF_SWITCH_TIMEOUT, default=DEFAULT_SWITCH_TIMEOUT): NumberSelector(
                NumberSelectorConfig(
                    min=MIN_SWITCH_TIMEOUT,
                    max=MAX_SWITCH_TIMEOUT,
                    step=1,
                    unit_of_measurement="s",
                    mode=NumberSelectorMode.BOX,
                )
            ),
            vol.Required(CONF_VERIFY_SSL, default=True): BooleanSelector(),
        }
    )


def _where(data: Mapping[str, Any]) -> str:
    """host[:port][/path] of a service, for its title (never a login in its URL)."""
    return safe_url(data[CONF_URL]).split("://", 1)[-1]


SPECS: dict[str, ServiceSpec] = {
    SUBENTRY_QBITTORRENT: ServiceSpec(
        SUBENTRY_QBITTORRENT,
        _qbittorrent_schema,
        _test_qbittorrent,
        lambda d: f"qBittorrent {_where(d)}",
        name="qBittorrent",
        secret=CONF_PASSWORD,
    ),
    SUBENTRY_TMDB: ServiceSpec(
        SUBENTRY_TMDB, _tmdb_schema, _test_tmdb, lambda _d: "TMDB", one_per_hub=True
    ),
    SUBENTRY_WATCHMODE: ServiceSpec(
        SUBENTRY_WATCHMODE,
        _watchmode_schema,
        _test_watchmode,
        lambda _d: "Watchmode",
        one_per_hub=True,
    ),
    SUBENTRY_JACKETT: ServiceSpec(
        SUBENTRY_JACKETT,
        _jackett_schema,
        _test_jackett,
        lambda d: f"Jackett {_where(d)}",
        name="Jackett",
    ),
    SUBENTRY_CLOUDCMD: ServiceSpec(
        SUBENTRY_CLOUDCMD,
        _cloudcmd_schema,
        _test_cloudcmd,
        lambda d: f"Cloud Commander {_where(d)}",
        name="Cloud Commander",
        secret=CONF_PASSWORD,
    ),
    SUBENTRY_JELLYFIN: ServiceSpec(
        SUBENTRY_JELLYFIN,
        _jellyfin_schema,
        _test_jellyfin,
        lambda d: f"Jellyfin {_where(d)}",
        name="Jellyfin",
        kept=(CONF_USERS, CONF_WEB_URL),
    ),
    SUBENTRY_PORTAINER: ServiceSpec(
        SUBENTRY_PORTAINER,
        _portainer_schema,
        _test_portainer,
        lambda d: f"Portainer {_where(d)}",
        name="Portainer",
    ),
    SUBENTRY_GLUETUN: ServiceSpec(
        SUBENTRY_GLUETUN,
        _gluetun_schema,
        _test_gluetun,
        lambda d: f"gluetun {_where(d)}",
        name="gluetun",
    ),
}


class QBittorrentSubentryFlow(ServiceSubentryFlow):
    """qBittorrent: torrents, speeds, events (several allowed)."""

    spec = SPECS[SUBENTRY_QBITTORRENT]


class TmdbSubentryFlow(ServiceSubentryFlow):
    """TMDB: discovery, search and details (one per hub)."""

    spec = SPECS[SUBENTRY_TMDB]


class WatchmodeSubentryFlow(ServiceSubentryFlow):
    """Watchmode: where a title streams (one per hub)."""

    spec = SPECS[SUBENTRY_WATCHMODE]


class JackettSubentryFlow(ServiceSubentryFlow):
    """Jackett: torrent search across indexers (several allowed)."""

    spec = SPECS[SUBENTRY_JACKETT]


class CloudCommanderSubentryFlow(ServiceSubentryFlow):
    """Cloud Commander: the share's folders (several allowed)."""

    spec = SPECS[SUBENTRY_CLOUDCMD]


class PortainerSubentryFlow(ServiceSubentryFlow):
    """Portainer: containers and stacks (several allowed)."""

    spec = SPECS[SUBENTRY_PORTAINER]


class GluetunSubentryFlow(ServiceSubentryFlow):
    """gluetun: the VPN country of the download stack (several allowed)."""

    spec = SPECS[SUBENTRY_GLUETUN]
