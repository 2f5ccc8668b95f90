"""Container and VPN actions (Portainer, gluetun): validate, check permissions, delegate."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

import probatio as vol

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.helpers import config_validation as cv, device_registry as dr
from homeassistant.util import dt as dt_util

from ..api.portainer_models import Container
from ..const import DOMAIN
from ..hub.errors import call_service, validation_error
from ..hub.permissions import register_action
from ..hub.targets import loaded_entry, one_target, targets
from ..hub.validation import filled
from .gluetun import GluetunCoordinator
from .portainer import PortainerCoordinator

SERVICE_RESTART_CONTAINER = "restart_container"
SERVICE_GET_CONTAINER_LOGS = "get_container_logs"
SERVICE_SET_VPN_COUNTRY = "set_vpn_country"
SERVICE_REDEPLOY_STACK = "redeploy_stack"
MAX_TAIL = 1000

_INSTANCE = {vol.Optional("instance"): filled}
CONTAINER_SCHEMA = vol.Schema({vol.Required("container"): filled, **_INSTANCE})
LOGS_SCHEMA = CONTAINER_SCHEMA.extend(
    {
        vol.Optional("tail", default=100): vol.All(vol.Coerce(int), vol.Range(min=1, max=MAX_TAIL)),
        vol.Optional("since"): cv.datetime,
    }
)
COUNTRY_SCHEMA = vol.Schema({vol.Required("country"): filled, **_INSTANCE})
STACK_SCHEMA = vol.Schema({vol.Required("stack"): filled, **_INSTANCE})


def _portainers(hass: HomeAssistant, instance: str | None) -> list[PortainerCoordinator]:
    return targets(hass, loaded_entry(hass).runtime_data.portainer, instance, "no_portainer")


def _device_key(hass: HomeAssistant, coordinator: PortainerCoordinator, wanted: str) -> str | None:
    """The container key of a container device id, if `wanted` is one of this Portainer's."""
    device = dr.async_get(hass).async_get(wanted)
    prefix = f"{coordinator.subentry.subentry_id}_container_"
    for domain, ident in device.identifiers if device else ():
        if domain == DOMAIN and ident.startswith(prefix):
            return ident.removeprefix(prefix)
    return None


def find_container(
    hass: HomeAssistant, wanted: str, instance: str | None
) -> tuple[PortainerCoordinator, Container]:
    """The one container an action names (name, id or device), else a clear error."""
    matches: list[tuple[PortainerCoordinator, Container]] = []
    for coordinator in _portainers(hass, instance):
        key = _device_key(hass, coordinator, wanted)
        found = (
            coordinator.state.containers.get(key)
            if key is not None
            else coordinator.find_container(wanted)
        )
        if found is not None:
            matches.append((coordinator, found))
    if not matches:
        raise validation_error("unknown_container", container=wanted)
    if len(matches) > 1:
        raise validation_error(
            "ambiguous_container",
            container=wanted,
            instances=", ".join(c.subentry.title for c, _ in matches),
        )
    return matches[0]


async def _restart_container(call: ServiceCall) -> None:
    coordinator, container = find_container(
        call.hass, call.data["container"], call.data.get("instance")
    )
    await call_service(coordinator.async_restart, container)


async def _get_container_logs(call: ServiceCall) -> ServiceResponse:
    # Logs often carry tokens and addresses: administrators only, like the changing actions.
    coordinator, container = find_container(
        call.hass, call.data["container"], call.data.get("instance")
    )
    since: datetime | None = call.data.get("since")
    if since is not None:
        since = dt_util.as_utc(
            since if since.tzinfo else since.replace(tzinfo=dt_util.get_default_time_zone())
        )
    lines = await call_service(
        coordinator.client.container_logs,
        container.endpoint_id,
        container.id,
        tail=call.data["tail"],
        since=since,
    )
    return cast(
        ServiceResponse,
        {
            "container": container.name,
            "state": container.state,
            "lines": [
                {
                    "time": line.time.isoformat() if line.time else None,
                    "stream": line.stream,
                    "text": line.text,
                }
                for line in lines
            ],
        },
    )


async def _set_vpn_country(call: ServiceCall) -> ServiceResponse:
    coordinator: GluetunCoordinator = one_target(
        call.hass,
        loaded_entry(call.hass).runtime_data.gluetun,
        call.data.get("instance"),
        "no_gluetun",
    )
    await coordinator.async_set_country(call.data["country"])
    public_ip = coordinator.state.public_ip
    return cast(
        ServiceResponse,
        {
            "country": coordinator.selected,
            "public_ip": public_ip.ip if public_ip else None,
            "public_ip_country": public_ip.country if public_ip else None,
        },
    )


async def _redeploy_stack(call: ServiceCall) -> None:
    wanted: str = call.data["stack"]
    for coordinator in _portainers(call.hass, call.data.get("instance")):
        if (stack := coordinator.find_stack(wanted)) is not None:
            await call_service(coordinator.async_redeploy, stack)
            return
    raise validation_error("unknown_stack", stack=wanted)


def async_setup_container_actions(hass: HomeAssistant) -> None:
    """Register the container and VPN actions."""
    register: list[tuple[str, Any, vol.Schema, SupportsResponse]] = [
        (SERVICE_RESTART_CONTAINER, _restart_container, CONTAINER_SCHEMA, SupportsResponse.NONE),
        (SERVICE_GET_CONTAINER_LOGS, _get_container_logs, LOGS_SCHEMA, SupportsResponse.ONLY),
        (SERVICE_SET_VPN_COUNTRY, _set_vpn_country, COUNTRY_SCHEMA, SupportsResponse.OPTIONAL),
        (SERVICE_REDEPLOY_STACK, _redeploy_stack, STACK_SCHEMA, SupportsResponse.NONE),
    ]
    for name, handler, schema, response in register:
        register_action(hass, name, handler, schema, response)
