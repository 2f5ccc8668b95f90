"""The Portainer and gluetun services' forms, connection tests and flows."""

from __future__ import annotations

from collections.abc import Mapping
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
    TextSelector,
)

from ..api.errors import RouteNotAllowed
from ..const import (
    CONF_COUNTRIES,
    CONF_COUNTRY_VARIABLE,
    CONF_ENDPOINTS,
    CONF_PORTAINER,
    CONF_SERVICE,
    CONF_STACK,
    CONF_SWITCH_TIMEOUT,
    CONF_VERIFY_SSL,
    DEFAULT_COUNTRIES,
    DEFAULT_COUNTRY_VARIABLE,
    DEFAULT_GLUETUN_SERVICE,
    DEFAULT_SWITCH_TIMEOUT,
    MAX_SWITCH_TIMEOUT,
    MIN_SWITCH_TIMEOUT,
    SUBENTRY_GLUETUN,
    SUBENTRY_PORTAINER,
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
from .gluetun import gluetun_client, split_countries, valid_country
from .portainer import portainer_client


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
    return subentries_of(hass, SUBENTRY_PORTAINER)


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


def _portainer_schema(_hass: HomeAssistant) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required(CONF_URL): URL,
            vol.Required(CONF_API_KEY): PASSWORD,
            vol.Optional(CONF_ENDPOINTS, default=""): TextSelector(),
            vol.Required(CONF_VERIFY_SSL, default=True): BooleanSelector(),
        }
    )


def _gluetun_schema(hass: HomeAssistant) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required(CONF_URL): URL,
            vol.Optional(CONF_API_KEY, default=""): PASSWORD,
            vol.Optional(CONF_USERNAME, default=""): TextSelector(),
            vol.Optional(CONF_PASSWORD, default=""): PASSWORD,
            vol.Optional(CONF_COUNTRIES, default=DEFAULT_COUNTRIES): TextSelector(),
            vol.Optional(CONF_PORTAINER, default=""): subentry_choice(hass, SUBENTRY_PORTAINER),
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


PORTAINER = ServiceSpec(
    SUBENTRY_PORTAINER,
    _portainer_schema,
    _test_portainer,
    lambda d: f"Portainer {where(d)}",
    name="Portainer",
)
GLUETUN = ServiceSpec(
    SUBENTRY_GLUETUN,
    _gluetun_schema,
    _test_gluetun,
    lambda d: f"gluetun {where(d)}",
    name="gluetun",
)
SUBENTRY_FLOWS = {
    SUBENTRY_PORTAINER: subentry_flow(
        PORTAINER, "Portainer: containers and stacks (several allowed)."
    ),
    SUBENTRY_GLUETUN: subentry_flow(
        GLUETUN, "gluetun: the VPN country of the download stack (several allowed)."
    ),
}
