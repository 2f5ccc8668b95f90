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

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
import logging
from typing import Any

import probatio as vol

from homeassistant.config_entries import ConfigSubentry, ConfigSubentryFlow, SubentryFlowResult
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

from .api.cloudcmd import CloudCommanderClient
from .api.errors import (
    CannotConnect,
    InvalidAuth,
    IPBanned,
    PandoraError,
    QuotaExceeded,
    RateLimited,
    RouteNotAllowed,
    ServiceError,
)
from .api.gluetun import GluetunClient
from .api.http import safe_url
from .api.jackett import JackettClient
from .api.jellyfin import JellyfinClient
from .api.portainer import PortainerClient
from .api.qbittorrent import QBittorrentClient
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
from .helpers import (
    normalize_url,
    safe_text,
    split_countries,
    split_list,
    temporary_session,
    url_key,
    valid_country,
)

_LOGGER = logging.getLogger(__name__)

ERROR_KEYS: dict[type[PandoraError], str] = {
    CannotConnect: "cannot_connect",
    InvalidAuth: "invalid_auth",
    IPBanned: "ip_banned",
    QuotaExceeded: "quota_exceeded",
    RateLimited: "rate_limited",
}

_CREDENTIALS = (CONF_USERNAME, CONF_PASSWORD)
_PASSWORD = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
_URL = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))


class FieldError(PandoraError):
    """The service answered, but one form field names something it does not have."""

    def __init__(self, field: str, key: str) -> None:
        super().__init__(f"{field}: {key}")
        self.field = field
        self.key = key


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


def jellyfin_client(session: Any, data: Mapping[str, Any]) -> JellyfinClient:
    """A Jellyfin client for subentry data."""
    return JellyfinClient(
        url=data[CONF_URL],
        api_key=data[CONF_API_KEY],
        session=session,
        verify_ssl=bool(data.get(CONF_VERIFY_SSL, True)),
    )


async def _test_jellyfin(hass: HomeAssistant, data: Mapping[str, Any]) -> str:
    with temporary_session(hass, bool(data.get(CONF_VERIFY_SSL, True))) as session:
        return (await jellyfin_client(session, data).system_info()).id


def qbittorrent_client(session: Any, data: Mapping[str, Any]) -> QBittorrentClient:
    """A qBittorrent client for subentry data."""
    return QBittorrentClient(
        url=data[CONF_URL],
        username=data.get(CONF_USERNAME, ""),
        password=data.get(CONF_PASSWORD, ""),
        session=session,
        verify_ssl=bool(data.get(CONF_VERIFY_SSL, True)),
    )


async def _test_qbittorrent(hass: HomeAssistant, data: Mapping[str, Any]) -> None:
    with temporary_session(hass, bool(data.get(CONF_VERIFY_SSL, True))) as session:
        client = qbittorrent_client(session, data)
        try:
            await client.connect()  # log in and read the versions
        finally:
            await client.close()


def cloudcmd_client(session: Any, data: Mapping[str, Any]) -> CloudCommanderClient:
    """A Cloud Commander client for subentry data."""
    return CloudCommanderClient(
        url=data[CONF_URL],
        session=session,
        username=data.get(CONF_USERNAME) or None,
        password=data.get(CONF_PASSWORD) or None,
        verify_ssl=bool(data.get(CONF_VERIFY_SSL, True)),
    )


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


def portainer_client(session: Any, data: Mapping[str, Any]) -> PortainerClient:
    """A Portainer client for subentry data."""
    return PortainerClient(
        url=data[CONF_URL],
        api_key=data[CONF_API_KEY],
        session=session,
        verify_ssl=bool(data.get(CONF_VERIFY_SSL, True)),
    )


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


def gluetun_client(session: Any, data: Mapping[str, Any]) -> GluetunClient:
    """A gluetun control-server client for subentry data."""
    return GluetunClient(
        url=data[CONF_URL],
        session=session,
        api_key=data.get(CONF_API_KEY) or None,
        username=data.get(CONF_USERNAME) or None,
        password=data.get(CONF_PASSWORD) or None,
        verify_ssl=bool(data.get(CONF_VERIFY_SSL, True)),
    )


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


@dataclass(frozen=True, slots=True)
class ServiceSpec:
    """What differs between the API-key services' flows."""

    subentry_type: str
    schema: Callable[[HomeAssistant], vol.Schema]
    # The connection test; it returns the service's own identity, if it has one.
    test: Callable[[HomeAssistant, Mapping[str, Any]], Awaitable[str | None]]
    title: Callable[[Mapping[str, Any]], str]
    # The field kept when left empty on reconfigure (and asked for again on reauth).
    secret: str = CONF_API_KEY
    # The plain name a service gets when it is the only one of its kind so titled ("qBittorrent":
    # entity names Assist matches as people say them); empty: always `title(data)`.
    name: str = ""
    # Settings kept through a reconfigure of the connection (set by other steps).
    kept: tuple[str, ...] = ()
    # One per hub (keyed by its type); the others are told apart by their URL or identity.
    one_per_hub: bool = False

    def unique_id(self, data: Mapping[str, Any]) -> str:
        """The unique id when the service sends no identity: its type or its URL's key."""
        return self.subentry_type if self.one_per_hub else url_key(data[CONF_URL])


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


async def validate(
    spec: ServiceSpec, hass: HomeAssistant, data: Mapping[str, Any]
) -> tuple[dict[str, str], str | None]:
    """Run the service's connection test: (form errors, the service's identity if it has one)."""
    try:
        identity = await spec.test(hass, data)
    except FieldError as err:
        return {err.field: err.key}, None
    except PandoraError as err:
        key = ERROR_KEYS.get(type(err), "unknown")
        if key == "unknown":
            _LOGGER.warning("Unexpected answer from %s: %s", spec.subentry_type, safe_text(err))
        return {"base": key}, None
    except Exception:
        _LOGGER.exception("Unexpected error testing %s", spec.subentry_type)
        return {"base": "unknown"}, None
    return {}, identity


def keyed_by_url(spec: ServiceSpec, subentry: ConfigSubentry) -> bool:
    """Whether a subentry is keyed by its URL: added before identities, or its server sent none.

    Its key may still be the URL as an earlier Pandora stored it (set-up re-keys it).
    """
    return subentry.unique_id in (
        None,
        spec.unique_id(subentry.data),
        subentry.data.get(CONF_URL),
    )


@dataclass(slots=True)
class Checked:
    """A submitted service form after its checks."""

    data: dict[str, Any]
    errors: dict[str, str]
    unique_id: str = ""
    placeholders: dict[str, str] = field(default_factory=dict)


class ServiceSubentryFlow(ConfigSubentryFlow):
    """Add or reconfigure one service (the subclass names which)."""

    spec: ServiceSpec

    def _of_kind(self) -> list[ConfigSubentry]:
        """The hub's services of this flow's kind."""
        return [
            sub
            for sub in self._get_entry().subentries.values()
            if sub.subentry_type == self.spec.subentry_type
        ]

    def _holder(self, unique_id: str, ignore: ConfigSubentry | None) -> ConfigSubentry | None:
        """The service of this kind (other than `ignore`) that has this unique id.

        One keyed by its URL is matched by its URL's key, whether or not set-up has re-keyed it.
        """
        return next(
            (
                sub
                for sub in self._of_kind()
                if sub is not ignore
                and (
                    sub.unique_id == unique_id
                    or (keyed_by_url(self.spec, sub) and self.spec.unique_id(sub.data) == unique_id)
                )
            ),
            None,
        )

    async def _validate(
        self, user_input: dict[str, Any], current: ConfigSubentry | None
    ) -> Checked:
        # Trim what users paste (URLs, keys, folders), never credentials typed on purpose.
        data = {
            k: v.strip() if isinstance(v, str) and k not in _CREDENTIALS else v
            for k, v in user_input.items()
        }
        try:  # every service form has a URL (TMDB's and Watchmode's default to the public API)
            data[CONF_URL] = normalize_url(data[CONF_URL])
        except ValueError:
            return Checked(data, {CONF_URL: "invalid_url"})
        secret = self.spec.secret
        if current is not None and not data.get(secret):
            data[secret] = current.data.get(secret, "")  # empty keeps the stored secret
        # Before the connection test: a wrong key would hide that the address is taken.
        if (holder := self._holder(self.spec.unique_id(data), current)) is not None:
            return Checked(
                data, {CONF_URL: "already_configured"}, placeholders={"title": holder.title}
            )
        errors, identity = await validate(self.spec, self.hass, data)
        checked = Checked(data, errors, identity or self.spec.unique_id(data))
        if errors or identity is None:
            return checked
        if (holder := self._holder(identity, current)) is not None:
            checked.errors = {"base": "already_added"}  # the same server at another address
            checked.placeholders = {"title": holder.title}
        elif (
            current is not None
            and not keyed_by_url(self.spec, current)
            and current.unique_id != identity
        ):
            # Moving a service keeps its entities and history; another server's are not its.
            checked.errors = {"base": "another_server"}
        return checked

    def _title(self, data: Mapping[str, Any], current: ConfigSubentry | None) -> str:
        """The first service of its kind gets the plain name; the next ones their host.

        On reconfigure a title naming the old host follows the new one; any other (the plain
        name, or one the user chose) stays.
        """
        if current is not None:
            named_by_host = current.title == self.spec.title(current.data)
            return self.spec.title(data) if named_by_host else current.title
        if self.spec.name and not self._of_kind():
            return self.spec.name
        return self.spec.title(data)

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Details for a new service."""
        if self.spec.one_per_hub and self._of_kind():
            return self.async_abort(reason="already_configured")  # before anything is typed
        checked = Checked({}, {})
        if user_input is not None:
            checked = await self._validate(user_input, None)
            if not checked.errors:
                title = self._title(checked.data, None)
                self._name_by_host()
                return self.async_create_entry(
                    title=title,
                    data=checked.data,
                    unique_id=checked.unique_id,
                )
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(
                self.spec.schema(self.hass), user_input
            ),
            errors=checked.errors,
            description_placeholders=checked.placeholders,
        )

    def _name_by_host(self) -> None:
        """A second of a kind is being added: one still called by the plain name takes its host.

        So several of a kind are told apart alike. A title the user chose stays, and so does a
        device the user renamed (the others follow their service's title when the hub reloads).
        """
        for sub in self._of_kind():
            if self.spec.name and sub.title == self.spec.name:
                self.hass.config_entries.async_update_subentry(
                    self._get_entry(), sub, title=self.spec.title(sub.data)
                )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Change an existing service's settings (an empty key keeps the current one)."""
        return await self._reconfigure_connection(user_input, "reconfigure")

    async def _reconfigure_connection(
        self, user_input: dict[str, Any] | None, step_id: str
    ) -> SubentryFlowResult:
        subentry = self._get_reconfigure_subentry()
        checked = Checked({}, {})
        if user_input is not None:
            checked = await self._validate(user_input, subentry)
            if not checked.errors:
                kept = {k: subentry.data[k] for k in self.spec.kept if k in subentry.data}
                return self.async_update_and_abort(
                    self._get_entry(),
                    subentry,
                    data=kept | checked.data,
                    title=self._title(checked.data, subentry),
                    unique_id=checked.unique_id,
                )
        secret = self.spec.secret
        # The secret becomes optional where the form has it (Password next to Username), not last.
        schema = vol.Schema(
            {
                (vol.Optional(secret, default="") if key == secret else key): value
                for key, value in self.spec.schema(self.hass).schema.items()
            }
        )
        suggested = {
            k: v for k, v in subentry.data.items() if k != secret and k not in self.spec.kept
        }
        return self.async_show_form(
            step_id=step_id,
            data_schema=self.add_suggested_values_to_schema(schema, user_input or suggested),
            errors=checked.errors,
            description_placeholders=checked.placeholders,
        )


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
