"""Portainer and gluetun in Home Assistant: devices, entities, actions, the country switch.

Everything runs against a real Docker Engine behind the Portainer simulator, and the gluetun
simulator whose public IP follows the real gluetun container's env.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
import json
import time
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockUser,
    async_capture_events,
)

from custom_components.pandora.const import (
    DOMAIN,
    EVENT_CONTAINER_CHANGED,
    EVENT_VPN_COUNTRY_CHANGED,
    EVENT_VPN_LEAK,
)
from devtools.simulators.gluetun import READ_ROUTES
from devtools.support.containers import (
    GLUETUN_SUBENTRY_ID,
    PORTAINER_SUBENTRY_ID,
    MediaStack,
    media_stack,
)
from devtools.support.docker_engine import DockerEngine
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized
from homeassistant.helpers import device_registry as dr, entity_registry as er, issue_registry as ir
from tests.conftest import hub_entry, setup_hub
from tests.helpers import get_state, poll, poll_until


@pytest.fixture
async def stack(docker_engine: DockerEngine) -> AsyncIterator[MediaStack]:
    async with media_stack(docker_engine) as running:
        yield running


async def _hub(hass: HomeAssistant, running: MediaStack, **gluetun: Any) -> MockConfigEntry:
    entry = hub_entry(running.portainer_subentry(), running.gluetun_subentry(**gluetun))
    return await setup_hub(hass, entry)


def _eid(hass: HomeAssistant, domain: str, unique_id: str) -> str:
    entity_id = er.async_get(hass).async_get_entity_id(domain, DOMAIN, unique_id)
    assert entity_id is not None, unique_id
    return entity_id


def _container(hass: HomeAssistant, domain: str, name: str, kind: str) -> str:
    return _eid(hass, domain, f"{PORTAINER_SUBENTRY_ID}_container_1_{name}_{kind}")


def _gluetun(hass: HomeAssistant, domain: str, kind: str) -> str:
    return _eid(hass, domain, f"{GLUETUN_SUBENTRY_ID}_{kind}")


def _devices(hass: HomeAssistant) -> set[str]:
    return {
        device.name or ""
        for device in dr.async_get(hass).devices
        if any(d == DOMAIN and "_container_" in i for d, i in device.identifiers)
    }


async def _healthy(hass: HomeAssistant, names: tuple[str, ...]) -> None:
    def done() -> bool:
        return all(
            (state := hass.states.get(_container(hass, "sensor", n, "container_health")))
            is not None
            and state.state == "healthy"
            for n in names
        )

    await poll_until(hass, done)


async def test_devices_and_entities_follow_the_containers(
    hass: HomeAssistant, stack: MediaStack
) -> None:
    events = async_capture_events(hass, EVENT_CONTAINER_CHANGED)
    await _hub(hass, stack)
    assert _devices(hass) == {"gluetun", "qbittorrent", "jackett"}
    await _healthy(hass, ("gluetun", "qbittorrent"))
    await poll_until(
        hass,
        lambda: (
            get_state(hass, _container(hass, "sensor", "jackett", "container_health")).state
            == "unhealthy"
        ),
    )
    assert (
        get_state(hass, _container(hass, "binary_sensor", "gluetun", "container_running")).state
        == "on"
    )
    assert (
        get_state(hass, _container(hass, "sensor", "gluetun", "container_state")).state == "running"
    )
    running = get_state(hass, _eid(hass, "sensor", f"{PORTAINER_SUBENTRY_ID}_containers_running"))
    assert running.state == "3" and running.attributes["unit_of_measurement"] == "containers"
    assert (
        get_state(hass, _eid(hass, "sensor", f"{PORTAINER_SUBENTRY_ID}_containers_unhealthy")).state
        == "1"
    )
    status = get_state(
        hass, _eid(hass, "sensor", f"{PORTAINER_SUBENTRY_ID}_stack_{stack.stack_id}_stack_status")
    )
    assert status.state == "active"
    assert status.attributes["containers"] == ["gluetun", "jackett", "qbittorrent"]
    # The health changes of a known container were announced (starting -> healthy/unhealthy).
    assert any(e.data["container"] == "jackett" and e.data["health"] == "unhealthy" for e in events)

    # A new container gets a device and entities; a removed one loses them.
    new_id = stack.engine.create_container("sonarr", ["sh", "-c", "sleep 3600"])
    await poll_until(hass, lambda: "sonarr" in _devices(hass))
    state = get_state(hass, _container(hass, "sensor", "sonarr", "container_health"))
    assert state.state == "none"
    stack.engine.remove_container(new_id)
    await poll_until(hass, lambda: "sonarr" not in _devices(hass))
    registry = er.async_get(hass)
    assert (
        registry.async_get_entity_id(
            "sensor", DOMAIN, f"{PORTAINER_SUBENTRY_ID}_container_1_sonarr_container_health"
        )
        is None
    )


async def test_stopped_container_and_restart_button(hass: HomeAssistant, stack: MediaStack) -> None:
    await _hub(hass, stack)
    before = stack.engine.inspect("qbittorrent")["State"]["StartedAt"]
    await hass.services.async_call(
        "button",
        "press",
        {"entity_id": _container(hass, "button", "qbittorrent", "restart_container")},
        blocking=True,
    )
    assert stack.engine.inspect("qbittorrent")["State"]["StartedAt"] != before
    stack.engine.stop_container("qbittorrent")
    running = _container(hass, "binary_sensor", "qbittorrent", "container_running")
    await poll_until(hass, lambda: get_state(hass, running).state == "off")
    assert (
        get_state(hass, _container(hass, "sensor", "qbittorrent", "container_state")).state
        == "exited"
    )


async def test_actions(hass: HomeAssistant, stack: MediaStack, hass_admin_user: MockUser) -> None:
    await _hub(hass, stack)
    logs = await hass.services.async_call(
        DOMAIN,
        "get_container_logs",
        {"container": "gluetun", "tail": 5},
        blocking=True,
        return_response=True,
    )
    assert logs is not None and logs["container"] == "gluetun"
    assert isinstance(logs["lines"], list)

    before = stack.engine.inspect("jackett")["State"]["StartedAt"]
    await hass.services.async_call(
        DOMAIN, "restart_container", {"container": "jackett"}, blocking=True
    )
    assert stack.engine.inspect("jackett")["State"]["StartedAt"] != before

    [device] = dr.async_get(hass).async_get_devices(
        identifiers={(DOMAIN, f"{PORTAINER_SUBENTRY_ID}_container_1_jackett")}
    )
    await hass.services.async_call(
        DOMAIN, "restart_container", {"container": device.id}, blocking=True
    )

    assert stack.portainer.stacks[stack.stack_id].updated == 0
    await hass.services.async_call(DOMAIN, "redeploy_stack", {"stack": "media"}, blocking=True)
    assert stack.portainer.stacks[stack.stack_id].updated > 0  # deployed again, by the API
    assert stack.portainer.stacks[stack.stack_id].env_map["PUID"] == "1000"

    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "restart_container", {"container": "nope"}, blocking=True
        )
    assert err.value.translation_key == "unknown_container"
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(DOMAIN, "redeploy_stack", {"stack": "nope"}, blocking=True)
    assert err.value.translation_key == "unknown_stack"
    with pytest.raises(ServiceValidationError, match="at most 1000"):
        await hass.services.async_call(
            DOMAIN,
            "get_container_logs",
            {"container": "gluetun", "tail": 5000},
            blocking=True,
            return_response=True,
        )
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "set_vpn_country", {"country": "Narnia"}, blocking=True
        )
    assert err.value.translation_key == "unknown_country"


async def test_changing_actions_are_for_admins(
    hass: HomeAssistant, stack: MediaStack, hass_read_only_user: MockUser
) -> None:
    await _hub(hass, stack)
    context = Context(user_id=hass_read_only_user.id)
    for action, data in (
        ("restart_container", {"container": "jackett"}),
        ("redeploy_stack", {"stack": "media"}),
        ("set_vpn_country", {"country": "Netherlands"}),
    ):
        with pytest.raises(Unauthorized):
            await hass.services.async_call(DOMAIN, action, data, blocking=True, context=context)
    with pytest.raises(Unauthorized):
        await hass.services.async_call(
            DOMAIN,
            "get_container_logs",
            {"container": "gluetun"},
            blocking=True,
            return_response=True,
            context=context,
        )
    assert stack.container_env("gluetun")["SERVER_COUNTRIES"] == "Sweden"


async def test_country_switch_round_trip(hass: HomeAssistant, stack: MediaStack) -> None:
    changed = async_capture_events(hass, EVENT_VPN_COUNTRY_CHANGED)
    await _hub(hass, stack)
    select = _gluetun(hass, "select", "vpn_country")
    assert get_state(hass, select).state == "Sweden"
    assert get_state(hass, _gluetun(hass, "sensor", "public_ip_country")).state == "Sweden"
    old_id = stack.engine.inspect("gluetun")["Id"]

    await hass.services.async_call(
        "select", "select_option", {"entity_id": select, "option": "Netherlands"}, blocking=True
    )
    await hass.async_block_till_done()
    assert get_state(hass, select).state == "Netherlands"
    # Live through the control server, and saved in the stack env: gluetun was recreated with it.
    assert stack.gluetun.requests["PUT /v1/vpn/settings"] == 1
    assert stack.portainer.stacks[stack.stack_id].env_map["SERVER_COUNTRIES"] == "Netherlands"
    assert stack.container_env("gluetun")["SERVER_COUNTRIES"] == "Netherlands"
    assert stack.engine.inspect("gluetun")["Id"] != old_id
    # The other variables went back to Portainer too (it replaces the whole list).
    assert stack.portainer.stacks[stack.stack_id].env_map["PUID"] == "1000"
    assert len(changed) == 1
    assert changed[0].data["country"] == "Netherlands" and changed[0].data["previous"] == "Sweden"
    assert changed[0].data["live"] is True and changed[0].data["saved_in_stack"] is True
    await poll(hass)
    assert get_state(hass, _gluetun(hass, "sensor", "public_ip_country")).state == "Netherlands"
    assert get_state(hass, _gluetun(hass, "binary_sensor", "vpn_leak")).state == "off"

    answer = await hass.services.async_call(
        DOMAIN, "set_vpn_country", {"country": "switzerland"}, blocking=True, return_response=True
    )
    # Shown at once, without waiting for the next poll.
    assert get_state(hass, _gluetun(hass, "sensor", "public_ip_country")).state == "Switzerland"
    assert answer == {
        "country": "Switzerland",
        "public_ip": answer["public_ip"] if answer else None,
        "public_ip_country": "Switzerland",
    }


async def test_unsafe_country_names_are_refused(
    hass: HomeAssistant, stack: MediaStack, caplog: pytest.LogCaptureFixture
) -> None:
    """Names reach the stack's env: one with a line break would add a variable of its own."""
    bad = "Germany\nPUID=0"
    # Stored before names were checked (the settings form refuses them now).
    entry = await _hub(hass, stack, countries=f"Sweden, Netherlands, {bad}, Bad$name")
    select = _gluetun(hass, "select", "vpn_country")
    assert get_state(hass, select).attributes["options"] == ["Sweden", "Netherlands"]
    assert caplog.text.count("not offering") == 1
    env_before = dict(stack.portainer.stacks[stack.stack_id].env_map)

    for country in (bad, "Bad$name", "Swe\nden"):
        with pytest.raises(ServiceValidationError) as err:
            await hass.services.async_call(
                DOMAIN, "set_vpn_country", {"country": country}, blocking=True
            )
        assert err.value.translation_key == "invalid_country"
    # Where the env is written, the name is checked once more.
    coordinator = entry.runtime_data.gluetun[GLUETUN_SUBENTRY_ID]
    with pytest.raises(ServiceValidationError):
        await coordinator._save(bad)
    assert stack.portainer.stacks[stack.stack_id].env_map == env_before
    assert stack.gluetun.requests["PUT /v1/vpn/settings"] == 0
    assert get_state(hass, select).state == "Sweden"


async def test_a_country_gluetun_refuses_is_not_redeployed(
    hass: HomeAssistant, stack: MediaStack
) -> None:
    """gluetun answers 400 for a country its provider does not serve: saving it in the stack
    would only keep gluetun from starting, so the switch stops there and says why."""
    await _hub(hass, stack, countries="Sweden, Atlantis")
    old_id = stack.engine.inspect("gluetun")["Id"]
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN, "set_vpn_country", {"country": "Atlantis"}, blocking=True
        )
    assert "Atlantis" in str(err.value) and "gluetun" in str(err.value)
    assert stack.gluetun.requests["PUT /v1/vpn/settings"] == 1
    assert stack.portainer.stacks[stack.stack_id].env_map["SERVER_COUNTRIES"] == "Sweden"
    assert stack.engine.inspect("gluetun")["Id"] == old_id
    assert get_state(hass, _gluetun(hass, "select", "vpn_country")).state == "Sweden"


def _reauth_flows(hass: HomeAssistant) -> list[Any]:
    return [
        flow
        for flow in hass.config_entries.flow.async_progress_by_handler(DOMAIN)
        if flow["context"]["source"] == "reauth"
    ]


async def _select_twice(hass: HomeAssistant, stack: MediaStack) -> None:
    """Switch to Germany, then Netherlands; both saved in the stack, neither live."""
    changed = async_capture_events(hass, EVENT_VPN_COUNTRY_CHANGED)
    select = _gluetun(hass, "select", "vpn_country")
    for country in ("Germany", "Netherlands"):
        await hass.services.async_call(
            "select", "select_option", {"entity_id": select, "option": country}, blocking=True
        )
        assert get_state(hass, select).state == country
        assert stack.container_env("gluetun")["SERVER_COUNTRIES"] == country
    assert [(e.data["live"], e.data["saved_in_stack"]) for e in changed] == [(False, True)] * 2


async def test_switch_redeploys_when_the_role_lacks_the_settings_route(
    hass: HomeAssistant, docker_engine: DockerEngine, caplog: pytest.LogCaptureFixture
) -> None:
    """Released gluetun answers 401 to a route the role does not list: not a credentials fault."""
    async with media_stack(
        docker_engine, api_key="gluetun-key", allowed_routes=READ_ROUTES
    ) as stack:
        entry = await _hub(hass, stack, api_key="gluetun-key")
        await _select_twice(hass, stack)
        assert stack.gluetun.requests["PUT /v1/vpn/settings"] == 2
        assert _reauth_flows(hass) == []
        assert ir.async_get(hass).issues == {}
        said = [r for r in caplog.records if "PUT /v1/vpn/settings" in r.getMessage()]
        assert len(said) == 1  # once, not at every switch
        assert said[0].levelname == "WARNING"
        assert (
            said[0]
            .getMessage()
            .startswith(
                "gluetun: gluetun's control server does not allow PUT /v1/vpn/settings for "
                "Pandora's role"
            )
        )
        assert "redeploying the stack media instead" in said[0].getMessage()
        assert "refused the credentials" not in caplog.text
        await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.parametrize("missing", ["settings_route", "settings_put"])
async def test_switch_redeploys_without_the_settings_route(
    hass: HomeAssistant,
    docker_engine: DockerEngine,
    caplog: pytest.LogCaptureFixture,
    missing: str,
) -> None:
    """gluetun's main branch answers 404/405 to a route or method it lacks: same fallback."""
    async with media_stack(docker_engine, routing="main", **{missing: False}) as stack:
        entry = await _hub(hass, stack)
        await _select_twice(hass, stack)
        assert _reauth_flows(hass) == []
        said = [
            r for r in caplog.records if "does not serve PUT /v1/vpn/settings" in r.getMessage()
        ]
        assert len(said) == 1
        await hass.config_entries.async_unload(entry.entry_id)


async def test_switch_with_refused_credentials_asks_to_reauthenticate(
    hass: HomeAssistant, docker_engine: DockerEngine
) -> None:
    """Every route refuses the key: nothing redeploys (nothing could confirm it); reauth."""
    async with media_stack(docker_engine, api_key="gluetun-key") as stack:
        entry = await _hub(hass, stack, api_key="gluetun-key", switch_timeout=3)
        select = _gluetun(hass, "select", "vpn_country")
        assert _reauth_flows(hass) == []
        stack.gluetun.api_key = "rotated-in-gluetun"
        with pytest.raises(HomeAssistantError) as err:
            await hass.services.async_call(
                "select", "select_option", {"entity_id": select, "option": "Germany"}, blocking=True
            )
        assert err.value.translation_key == "invalid_auth"
        (flow,) = _reauth_flows(hass)
        assert flow["step_id"] == "reauth_api_key"
        assert stack.portainer.stacks[stack.stack_id].env_map["SERVER_COUNTRIES"] == "Sweden"
        assert get_state(hass, select).state == "Sweden"
        await hass.config_entries.async_unload(entry.entry_id)


async def test_polls_without_the_public_ip_route_do_not_ask_to_reauthenticate(
    hass: HomeAssistant, docker_engine: DockerEngine, caplog: pytest.LogCaptureFixture
) -> None:
    async with media_stack(
        docker_engine,
        api_key="gluetun-key",
        allowed_routes=frozenset({"GET /v1/vpn/status", "PUT /v1/vpn/settings"}),
    ) as stack:
        entry = await _hub(hass, stack, api_key="gluetun-key")
        assert get_state(hass, _gluetun(hass, "sensor", "vpn_status")).state == "unavailable"
        await poll(hass)
        assert _reauth_flows(hass) == []
        said = [
            r.getMessage()
            for r in caplog.records
            if r.levelname != "DEBUG" and "GET /v1/publicip/ip" in r.getMessage()
        ]
        assert len(said) == 1  # Home Assistant logs a failing update once, until it recovers
        assert "does not allow GET /v1/publicip/ip for Pandora's role" in said[0]
        assert "refused the credentials" not in caplog.text
        stack.gluetun.allowed_routes = READ_ROUTES  # the role fixed in gluetun's auth config
        await poll(hass)
        assert get_state(hass, _gluetun(hass, "sensor", "vpn_status")).state == "running"
        await hass.config_entries.async_unload(entry.entry_id)


async def test_switch_timeout_rolls_back(hass: HomeAssistant, stack: MediaStack) -> None:
    await _hub(hass, stack, switch_timeout=3)
    select = _gluetun(hass, "select", "vpn_country")
    stack.gluetun.leak_country = "France"  # the public IP never reaches the new country
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            "select", "select_option", {"entity_id": select, "option": "Netherlands"}, blocking=True
        )
    assert err.value.translation_key == "vpn_switch_timeout"
    assert get_state(hass, select).state == "Sweden"
    # Undone in the stack as well, so the next restart does not bring the failed choice back.
    assert stack.portainer.stacks[stack.stack_id].env_map["SERVER_COUNTRIES"] == "Sweden"
    assert stack.container_env("gluetun")["SERVER_COUNTRIES"] == "Sweden"


async def test_leak_and_down_repairs(hass: HomeAssistant, stack: MediaStack) -> None:
    leaks = async_capture_events(hass, EVENT_VPN_LEAK)
    await _hub(hass, stack)
    issues = ir.async_get(hass)
    leak_sensor = _gluetun(hass, "binary_sensor", "vpn_leak")
    assert get_state(hass, leak_sensor).state == "off"

    stack.gluetun.leak_country = "France"
    await poll(hass)
    assert get_state(hass, leak_sensor).state == "on"
    issue = issues.async_get_issue(DOMAIN, f"vpn_leak_{GLUETUN_SUBENTRY_ID}")
    assert issue is not None and issue.translation_placeholders is not None
    assert issue.translation_placeholders["country"] == "France"
    assert len(leaks) == 1 and leaks[0].data["selected"] == "Sweden"
    await poll(hass)
    assert len(leaks) == 1  # once per leak, not per poll

    stack.gluetun.leak_country = None
    await poll(hass)
    assert issues.async_get_issue(DOMAIN, f"vpn_leak_{GLUETUN_SUBENTRY_ID}") is None
    assert get_state(hass, leak_sensor).state == "off"

    stack.gluetun.crashed = True
    await poll(hass)
    assert get_state(hass, _gluetun(hass, "sensor", "vpn_status")).state == "crashed"
    assert issues.async_get_issue(DOMAIN, f"vpn_down_{GLUETUN_SUBENTRY_ID}") is not None
    stack.gluetun.crashed = False
    await poll(hass)
    assert issues.async_get_issue(DOMAIN, f"vpn_down_{GLUETUN_SUBENTRY_ID}") is None

    # Reconnecting ("starting") is no repair at the first poll, only when it lasts.
    stack.gluetun.reconnect_until = time.monotonic() + 3600
    await poll(hass)
    assert get_state(hass, _gluetun(hass, "sensor", "vpn_status")).state == "starting"
    assert issues.async_get_issue(DOMAIN, f"vpn_down_{GLUETUN_SUBENTRY_ID}") is None
    await poll(hass)
    assert issues.async_get_issue(DOMAIN, f"vpn_down_{GLUETUN_SUBENTRY_ID}") is not None
    stack.gluetun.reconnect_until = 0.0
    await poll(hass)
    assert issues.async_get_issue(DOMAIN, f"vpn_down_{GLUETUN_SUBENTRY_ID}") is None


async def test_unavailable_while_portainer_is_down(hass: HomeAssistant, stack: MediaStack) -> None:
    await _hub(hass, stack)
    health = _container(hass, "sensor", "gluetun", "container_health")
    assert get_state(hass, health).state != "unavailable"
    stack.portainer.inject(500, {"message": "boom", "details": "down"}, count=1000)
    await poll(hass)
    assert get_state(hass, health).state == "unavailable"
    stack.portainer.faults.clear()
    await poll(hass)
    assert get_state(hass, health).state != "unavailable"


async def test_stats_sensors_when_enabled(hass: HomeAssistant, stack: MediaStack) -> None:
    registry = er.async_get(hass)
    for kind in ("container_cpu", "container_memory"):
        registry.async_get_or_create(
            "sensor",
            DOMAIN,
            f"{PORTAINER_SUBENTRY_ID}_container_1_gluetun_{kind}",
            suggested_object_id=f"gluetun_{kind}",
            disabled_by=None,
        )
    await _hub(hass, stack)
    memory = "sensor.gluetun_container_memory"
    await poll_until(hass, lambda: get_state(hass, memory).state not in ("unknown", "unavailable"))
    assert float(get_state(hass, memory).state) >= 0
    assert get_state(hass, "sensor.gluetun_container_cpu").state not in ("unavailable",)


async def test_diagnostics_hold_no_secrets(
    hass: HomeAssistant, stack: MediaStack, hass_client: Any
) -> None:
    from pytest_homeassistant_custom_component.components.diagnostics import (
        get_diagnostics_for_config_entry,
    )

    entry = await _hub(hass, stack)
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    text = json.dumps(diagnostics)
    assert stack.portainer.api_key not in text
    assert stack.gluetun_url not in text
    ip = get_state(hass, _gluetun(hass, "sensor", "public_ip")).state
    assert ip not in text
    states = [s["state"] for s in diagnostics["services"]]
    assert any(s.get("selected") == "Sweden" for s in states)
    assert any("gluetun" in str(s.get("containers")) for s in states)


async def test_live_only_without_a_stack(hass: HomeAssistant, stack: MediaStack) -> None:
    changed = async_capture_events(hass, EVENT_VPN_COUNTRY_CHANGED)
    entry = await _hub(hass, stack, stack="", portainer="")
    select = _gluetun(hass, "select", "vpn_country")
    assert get_state(hass, select).state == "unknown"  # nothing says which one is in effect
    await hass.services.async_call(
        "select", "select_option", {"entity_id": select, "option": "Netherlands"}, blocking=True
    )
    assert get_state(hass, select).state == "Netherlands"
    assert changed[0].data["live"] is True and changed[0].data["saved_in_stack"] is False
    assert stack.container_env("gluetun")["SERVER_COUNTRIES"] == "Sweden"  # not redeployed
    # Pandora remembers the choice itself across a restart of the integration.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert get_state(hass, select).state == "Netherlands"


async def test_switch_impossible_without_live_route_or_stack(
    hass: HomeAssistant, docker_engine: DockerEngine
) -> None:
    async with media_stack(docker_engine, settings_route=False) as stack:
        entry = await _hub(hass, stack, stack="", portainer="")
        with pytest.raises(HomeAssistantError) as err:
            await hass.services.async_call(
                DOMAIN, "set_vpn_country", {"country": "Germany"}, blocking=True
            )
        assert err.value.translation_key == "vpn_switch_impossible"
        assert err.value.translation_placeholders is not None
        assert "PUT /v1/vpn/settings" in err.value.translation_placeholders["error"]
        await hass.config_entries.async_unload(entry.entry_id)


async def test_switch_undone_when_the_stack_is_gone(hass: HomeAssistant, stack: MediaStack) -> None:
    await _hub(hass, stack)
    select = _gluetun(hass, "select", "vpn_country")
    del stack.portainer.stacks[stack.stack_id]
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            "select", "select_option", {"entity_id": select, "option": "Germany"}, blocking=True
        )
    assert err.value.translation_key == "vpn_stack_missing"
    assert get_state(hass, select).state == "Sweden"
    assert stack.gluetun.override == ["Sweden"]  # the live switch was undone too


async def test_gluetun_unavailable_while_it_does_not_answer(
    hass: HomeAssistant, stack: MediaStack
) -> None:
    await _hub(hass, stack)
    status = _gluetun(hass, "sensor", "vpn_status")
    assert get_state(hass, status).state == "running"
    stack.gluetun.malformed_next = 1000
    await poll(hass)
    assert get_state(hass, status).state == "unavailable"
    stack.gluetun.malformed_next = 0
    await poll(hass)
    assert get_state(hass, status).state == "running"


async def test_websocket_containers(
    hass: HomeAssistant,
    stack: MediaStack,
    hass_ws_client: Any,
    hass_read_only_access_token: str,
) -> None:
    await _hub(hass, stack)
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "pandora/containers/subscribe"})
    assert (await client.receive_json())["success"]
    event = (await client.receive_json())["event"]
    (portainer,) = event["portainer"]
    assert {c["name"] for c in portainer["containers"]} == {"gluetun", "qbittorrent", "jackett"}
    assert [s["name"] for s in portainer["stacks"]] == ["media"]
    (gluetun,) = event["gluetun"]
    assert gluetun["selected"] == "Sweden" and "Netherlands" in gluetun["options"]

    await client.send_json_auto_id(
        {"type": "pandora/containers/logs", "container": "gluetun", "tail": 3}
    )
    while (message := await client.receive_json()).get("type") != "result":
        pass
    assert message["success"] and message["result"]["container"] == "gluetun"

    reader = await hass_ws_client(hass, access_token=hass_read_only_access_token)
    await reader.send_json_auto_id({"type": "pandora/vpn/country", "country": "Germany"})
    assert (await reader.receive_json())["error"]["code"] == "unauthorized"
    await reader.send_json_auto_id({"type": "pandora/containers/restart", "container": "jackett"})
    assert (await reader.receive_json())["error"]["code"] == "unauthorized"

    await client.send_json_auto_id({"type": "pandora/vpn/country", "country": "Germany"})
    while True:  # the pushed change, then the answer (or the other way round)
        message = await client.receive_json()
        if message.get("type") == "result":
            assert message["success"] and message["result"]["country"] == "Germany"
            break
