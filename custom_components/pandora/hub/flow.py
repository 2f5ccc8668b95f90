"""The subentry flow base: every service's add, reconfigure and reauth test, from its spec.

Each service is described once by a `ServiceSpec` (form, connection test, title, unique id) in
its feature's `flow.py`; `subentry_flow` makes its flow class, and the hub's reauth flow uses the
same test.

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
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)

from ..api.errors import (
    CannotConnect,
    InvalidAuth,
    IPBanned,
    PandoraError,
    QuotaExceeded,
    RateLimited,
)
from ..api.http import safe_url
from ..const import DOMAIN
from .errors import safe_text
from .forms import normalize_url, url_key

_LOGGER = logging.getLogger(__name__)

ERROR_KEYS: dict[type[PandoraError], str] = {
    CannotConnect: "cannot_connect",
    InvalidAuth: "invalid_auth",
    IPBanned: "ip_banned",
    QuotaExceeded: "quota_exceeded",
    RateLimited: "rate_limited",
}

_CREDENTIALS = (CONF_USERNAME, CONF_PASSWORD)
PASSWORD = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
URL = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))


class FieldError(PandoraError):
    """The service answered, but one form field names something it does not have."""

    def __init__(self, field: str, key: str) -> None:
        super().__init__(f"{field}: {key}")
        self.field = field
        self.key = key


def where(data: Mapping[str, Any]) -> str:
    """host[:port][/path] of a service, for its title (never a login in its URL)."""
    return safe_url(data[CONF_URL]).split("://", 1)[-1]


def subentries_of(hass: HomeAssistant, subentry_type: str) -> dict[str, ConfigSubentry]:
    """The hub's services of one kind (there is one hub), by subentry id."""
    return {
        sub_id: sub
        for entry in hass.config_entries.async_entries(DOMAIN)
        for sub_id, sub in entry.subentries.items()
        if sub.subentry_type == subentry_type
    }


def subentry_choice(hass: HomeAssistant, subentry_type: str) -> SelectSelector:
    """A dropdown naming one of the hub's services of a kind, or none ("-", the value "")."""
    options = [
        SelectOptionDict(value=sub_id, label=sub.title)
        for sub_id, sub in subentries_of(hass, subentry_type).items()
    ]
    return SelectSelector(
        SelectSelectorConfig(
            options=[SelectOptionDict(value="", label="-"), *options],
            mode=SelectSelectorMode.DROPDOWN,
        )
    )


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


def subentry_flow(spec: ServiceSpec, summary: str) -> type[ServiceSubentryFlow]:
    """The flow class of a service that needs nothing beyond its spec."""
    name = "".join(part.capitalize() for part in spec.subentry_type.split("_")) + "SubentryFlow"
    return type(name, (ServiceSubentryFlow,), {"spec": spec, "__doc__": summary})
