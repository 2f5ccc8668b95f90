"""The Jellyfin server's reconfigure flow: its connection, and who watches as whom."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora.const import (
    CONF_USERS,
    CONF_VERIFY_SSL,
    CONF_WEB_URL,
    NO_JELLYFIN_USER,
)
from devtools.simulators.jellyfin import JellyfinSimulator, guid_n, start
from homeassistant.auth.models import User
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from tests.conftest import allow_loopback, hub_entry
from tests.test_watching import jellyfin_subentry


@pytest.fixture
async def jellyfin() -> AsyncIterator[tuple[JellyfinSimulator, str]]:
    allow_loopback()
    sim = JellyfinSimulator()
    runner, port = await start(sim)
    yield sim, f"http://127.0.0.1:{port}"
    await runner.cleanup()


@pytest.fixture
def hub(hass: HomeAssistant, jellyfin: tuple[JellyfinSimulator, str]) -> MockConfigEntry:
    sim, url = jellyfin
    entry = hub_entry(jellyfin_subentry(url, sim.api_key))
    entry.add_to_hass(hass)  # not set up: the flow alone is under test
    return entry


async def open_step(hass: HomeAssistant, hub: MockConfigEntry, step: str) -> dict[str, Any]:
    subentry_id = next(iter(hub.subentries))
    result = await hub.start_subentry_reconfigure_flow(hass, subentry_id)
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["connection", "users"]
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"next_step_id": step}
    )
    assert isinstance(result, dict)
    return result


def field_names(result: dict[str, Any]) -> list[str]:
    return [str(key) for key in result["data_schema"].schema]


def choices(result: dict[str, Any]) -> dict[str, str]:
    """The users step's choices for a person: value -> label."""
    person = next(k for k in result["data_schema"].schema if str(k) != CONF_WEB_URL)
    options = result["data_schema"].schema[person].config["options"]
    return {o["value"]: o["label"] for o in options}


def resolutions(result: dict[str, Any]) -> dict[str, str]:
    """The users step's description: person -> whom they watch as, and why."""
    lines = result["description_placeholders"]["people"].splitlines()
    return dict(line.removeprefix("- ").split(" → ", 1) for line in lines)


async def test_map_users_and_the_link_address(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    jellyfin: tuple[JellyfinSimulator, str],
    hass_admin_user: User,
    hass_read_only_user: User,
) -> None:
    sim, _ = jellyfin
    await hass.auth.async_update_user(hass_admin_user, name="Admin")
    await hass.auth.async_update_user(hass_read_only_user, name="Reader")
    twins = [await hass.auth.async_create_user("Twin") for _ in range(2)]
    await hass.auth.async_update_user(await hass.auth.async_create_user("Gone"), is_active=False)
    await hass.auth.async_create_user("FAMILY")
    result = await open_step(hass, hub, "users")
    assert result["step_id"] == "users"
    fields = field_names(result)
    assert fields[0] == CONF_WEB_URL
    assert {"Admin", "Reader", "Twin", "Twin (2)", "FAMILY"} <= set(fields)
    assert "Gone" not in fields
    assert twins[0].id != twins[1].id
    # Every person starts on the default, and the form says whom that gives each of them.
    defaults = {str(k): k.default() for k in result["data_schema"].schema if str(k) != CONF_WEB_URL}
    assert set(defaults.values()) == {"default"}
    assert "same name" in choices(result)["default"]
    assert resolutions(result) == {
        "Admin": "pandora (administrator default)",
        "FAMILY": "family (same name)",
        "Reader": "nobody (no Jellyfin user of the same name)",
        "Twin": "nobody (no Jellyfin user of the same name)",
        "Twin (2)": "nobody (no Jellyfin user of the same name)",
        "Automations": "pandora (administrator default)",
    }
    assert result["description_placeholders"]["example"].startswith("https://")

    family = guid_n("user:family")
    form = {
        CONF_WEB_URL: "not a url",
        "Admin": "default",
        "Reader": family,
    }
    result = dict(await hass.config_entries.subentries.async_configure(result["flow_id"], form))
    assert result["errors"] == {CONF_WEB_URL: "invalid_url"}
    form[CONF_WEB_URL] = "https://Jellyfin.Example.org/"
    result = dict(await hass.config_entries.subentries.async_configure(result["flow_id"], form))
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    data = next(iter(hub.subentries.values())).data
    assert data[CONF_USERS] == {hass_read_only_user.id: family}
    assert data[CONF_WEB_URL] == "https://jellyfin.example.org"

    # The form shows the mapping next time; an empty address means the server's URL.
    result = await open_step(hass, hub, "users")
    defaults = {str(k): k.default() for k in result["data_schema"].schema}
    assert defaults["Reader"] == family
    assert defaults[CONF_WEB_URL] == "https://jellyfin.example.org"
    assert resolutions(result)["Reader"] == "family (chosen here)"
    form[CONF_WEB_URL] = ""
    form["Twin"] = NO_JELLYFIN_USER  # this one sees no Jellyfin rows and plays nothing
    await hass.config_entries.subentries.async_configure(result["flow_id"], form)
    data = next(iter(hub.subentries.values())).data
    assert data[CONF_WEB_URL] == ""
    assert data[CONF_USERS] == {hass_read_only_user.id: family, twins[0].id: NO_JELLYFIN_USER}

    # A Jellyfin user disabled while the form is open: whoever was given them gets nobody.
    result = await open_step(hass, hub, "users")
    sim.user("family").disabled = True
    form = {CONF_WEB_URL: "", "Admin": "default", "Reader": family, "Twin": "default"}
    await hass.config_entries.subentries.async_configure(result["flow_id"], form)
    data = next(iter(hub.subentries.values())).data
    assert data[CONF_USERS] == {hass_read_only_user.id: NO_JELLYFIN_USER}

    # Someone mapped to a Jellyfin user since disabled is offered as nobody, never the default.
    hass.config_entries.async_update_subentry(
        hub,
        next(iter(hub.subentries.values())),
        data=dict(data) | {CONF_USERS: {hass_read_only_user.id: family, twins[0].id: "none"}},
    )
    result = await open_step(hass, hub, "users")
    defaults = {str(k): k.default() for k in result["data_schema"].schema}
    assert defaults["Reader"] == NO_JELLYFIN_USER and defaults["Twin"] == NO_JELLYFIN_USER
    assert defaults["Admin"] == "default"
    shown = resolutions(result)
    assert shown["Reader"] == "nobody (their Jellyfin user is deleted or disabled)"
    assert shown["Twin"] == "nobody (chosen here)"
    assert shown["FAMILY"] == "nobody (their Jellyfin user is deleted or disabled)"

    # No Jellyfin administrator left: nobody for administrators and automations either.
    sim.user("pandora").admin = False
    result = await open_step(hass, hub, "users")
    shown = resolutions(result)
    assert shown["Admin"] == shown["Automations"] == "nobody (Jellyfin has no administrator)"


async def test_connection_keeps_the_mapping(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    jellyfin: tuple[JellyfinSimulator, str],
    hass_read_only_user: User,
) -> None:
    sim, url = jellyfin
    subentry = next(iter(hub.subentries.values()))
    hass.config_entries.async_update_subentry(
        hub, subentry, data=dict(subentry.data) | {CONF_USERS: {hass_read_only_user.id: "x"}}
    )
    result = await open_step(hass, hub, "connection")
    assert result["step_id"] == "connection"
    assert CONF_USERS not in field_names(result)
    result = dict(
        await hass.config_entries.subentries.async_configure(
            result["flow_id"], {CONF_URL: url, CONF_API_KEY: "", CONF_VERIFY_SSL: True}
        )
    )
    assert result["reason"] == "reconfigure_successful"
    data = next(iter(hub.subentries.values())).data
    assert data[CONF_USERS] == {hass_read_only_user.id: "x"}
    assert data[CONF_API_KEY] == sim.api_key


async def test_users_step_needs_the_server(
    hass: HomeAssistant, hub: MockConfigEntry, jellyfin: tuple[JellyfinSimulator, str]
) -> None:
    sim, _ = jellyfin
    sim.server_error_next = 1
    result = await open_step(hass, hub, "users")
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "cannot_connect"
