"""Subentry flows for Portainer and gluetun, against the simulators and a real Docker Engine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora.const import (
    CONF_COUNTRIES,
    CONF_COUNTRY_VARIABLE,
    CONF_ENDPOINTS,
    CONF_PORTAINER,
    CONF_SERVICE,
    CONF_STACK,
    CONF_SWITCH_TIMEOUT,
    SUBENTRY_GLUETUN,
    SUBENTRY_PORTAINER,
)
from devtools.simulators.gluetun import READ_ROUTES
from devtools.support.containers import COUNTRIES, PORTAINER_SUBENTRY_ID, MediaStack, media_stack
from devtools.support.docker_engine import DockerEngine
from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from tests.conftest import hub_entry


@pytest.fixture
async def stack(docker_engine: DockerEngine) -> AsyncIterator[MediaStack]:
    async with media_stack(docker_engine, api_key="gluetun-key") as running:
        yield running


async def start(hass: HomeAssistant, hub: MockConfigEntry, kind: str) -> str:
    result = await hass.config_entries.subentries.async_init(
        (hub.entry_id, kind), context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    return str(result["flow_id"])


async def submit(hass: HomeAssistant, flow_id: str, data: dict[str, Any]) -> Any:
    return await hass.config_entries.subentries.async_configure(flow_id, data)


def portainer_form(stack: MediaStack, **overrides: Any) -> dict[str, Any]:
    return {
        CONF_URL: stack.portainer_url,
        CONF_API_KEY: stack.portainer.api_key,
        CONF_ENDPOINTS: "",
        "verify_ssl": True,
    } | overrides


def gluetun_form(running: MediaStack, **overrides: Any) -> dict[str, Any]:
    return {
        CONF_URL: running.gluetun_url,
        CONF_API_KEY: "gluetun-key",
        CONF_USERNAME: "",
        CONF_PASSWORD: "",
        CONF_COUNTRIES: COUNTRIES,
        CONF_PORTAINER: PORTAINER_SUBENTRY_ID,
        CONF_STACK: "media",
        CONF_SERVICE: "gluetun",
        CONF_COUNTRY_VARIABLE: "SERVER_COUNTRIES",
        CONF_SWITCH_TIMEOUT: 30,
        "verify_ssl": True,
    } | overrides


async def test_add_portainer(hass: HomeAssistant, stack: MediaStack) -> None:
    hub = hub_entry()
    hub.add_to_hass(hass)
    flow_id = await start(hass, hub, SUBENTRY_PORTAINER)
    result = await submit(hass, flow_id, portainer_form(stack, api_key="wrong"))
    assert result["errors"] == {"base": "invalid_auth"}
    result = await submit(hass, flow_id, portainer_form(stack, endpoints="local, nowhere"))
    assert result["errors"] == {CONF_ENDPOINTS: "unknown_endpoint"}
    result = await submit(hass, flow_id, portainer_form(stack, url="http://127.0.0.1:1"))
    assert result["errors"] == {"base": "cannot_connect"}
    result = await submit(hass, flow_id, portainer_form(stack, endpoints="local, 2"))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Portainer"
    (subentry,) = hub.subentries.values()
    assert subentry.data[CONF_ENDPOINTS] == "local, 2"


async def test_add_gluetun(hass: HomeAssistant, stack: MediaStack) -> None:
    hub = hub_entry(stack.portainer_subentry())
    hub.add_to_hass(hass)
    flow_id = await start(hass, hub, SUBENTRY_GLUETUN)
    checks: list[tuple[dict[str, Any], dict[str, str]]] = [
        ({CONF_COUNTRIES: " , "}, {CONF_COUNTRIES: "no_countries"}),
        # It ends up in the stack's env: a line break would add a variable of its own.
        ({CONF_COUNTRIES: "Sweden, Germany\nPUID=0"}, {CONF_COUNTRIES: "invalid_country"}),
        ({CONF_COUNTRIES: "Sweden, ${SECRET}"}, {CONF_COUNTRIES: "invalid_country"}),
        ({CONF_API_KEY: "wrong"}, {"base": "invalid_auth"}),
        ({CONF_PORTAINER: ""}, {CONF_PORTAINER: "portainer_required"}),
        ({CONF_STACK: "nope"}, {CONF_STACK: "unknown_stack"}),
        ({CONF_COUNTRY_VARIABLE: "VPN_COUNTRY"}, {CONF_COUNTRY_VARIABLE: "variable_not_used"}),
    ]
    for overrides, errors in checks:
        result = await submit(hass, flow_id, gluetun_form(stack, **overrides))
        assert result["errors"] == errors, overrides
    result = await submit(hass, flow_id, gluetun_form(stack))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_STACK] == "media"


async def test_gluetun_role_without_optional_routes(hass: HomeAssistant, stack: MediaStack) -> None:
    """Released gluetun answers 401 to a route the role lacks and to wrong credentials alike."""
    hub = hub_entry(stack.portainer_subentry())
    hub.add_to_hass(hass)
    flow_id = await start(hass, hub, SUBENTRY_GLUETUN)
    stack.gluetun.allowed_routes = frozenset({"GET /v1/vpn/status"})  # no public IP: unusable
    result = await submit(hass, flow_id, gluetun_form(stack))
    assert result["errors"] == {"base": "route_not_allowed"}
    result = await submit(hass, flow_id, gluetun_form(stack, api_key="wrong"))
    assert result["errors"] == {"base": "invalid_auth"}
    # Without PUT /v1/vpn/settings (or /v1/version) the country is switched by redeploying.
    stack.gluetun.allowed_routes = READ_ROUTES
    result = await submit(hass, flow_id, gluetun_form(stack))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert stack.gluetun.requests["PUT /v1/vpn/settings"] == 0  # the form switches nothing


async def test_gluetun_without_a_stack(hass: HomeAssistant, stack: MediaStack) -> None:
    hub = hub_entry()
    hub.add_to_hass(hass)
    flow_id = await start(hass, hub, SUBENTRY_GLUETUN)
    result = await submit(hass, flow_id, gluetun_form(stack, portainer="", stack=""))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "gluetun"


async def test_gluetun_stack_file_with_env_file(hass: HomeAssistant, stack: MediaStack) -> None:
    """`env_file: stack.env` passes every stack variable, whatever its name."""
    content = stack.portainer.stacks[stack.stack_id].content
    stack.portainer.stacks[stack.stack_id].content = content.replace(
        "      - SERVER_COUNTRIES=${SERVER_COUNTRIES}\n", ""
    ).replace(
        "    container_name: gluetun\n", "    container_name: gluetun\n    env_file: stack.env\n"
    )
    hub = hub_entry(stack.portainer_subentry())
    hub.add_to_hass(hass)
    flow_id = await start(hass, hub, SUBENTRY_GLUETUN)
    result = await submit(hass, flow_id, gluetun_form(stack, country_variable="ANY_NAME"))
    assert result["type"] is FlowResultType.CREATE_ENTRY
