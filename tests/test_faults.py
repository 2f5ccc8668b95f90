"""Downtime without damage, for the polled services (issue 24): Jellyfin, Portainer, gluetun and
Cloud Commander, each stopped and restarted, refusing Pandora's credentials, and answering
garbage. Simulators and a real Cloud Commander (behind a transparent proxy for the garbage)
and a real Docker Engine behind the Portainer simulator.

What must hold, for each: the entities are unavailable after one poll; the outage is one log
line and the recovery one, without a traceback; the service is back without a reload; refused
credentials start the hub's reauth for that service and Pandora stops asking the service until
the user re-authenticates. Recovery times are measured and printed, never asserted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
import logging
from pathlib import Path
import re
import time
from typing import Any

import pytest

from custom_components.pandora.const import DOMAIN
from devtools.simulators import Faults
from devtools.support.containers import media_stack
from devtools.support.docker_engine import DockerEngine
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from tests.conftest import FAST_POLL, hub_entry, setup_hub
from tests.harness.faults import (
    COORDINATED,
    Figures,
    Stopwatch,
    problems,
    recoveries,
    running_service,
    tracebacks,
)
from tests.helpers import get_state, poll, wait_until

# Each service's own 500, as it writes one.
SERVER_ERRORS: dict[str, tuple[str, str]] = {
    "jellyfin": ("Error processing request.", "text/plain"),
    "portainer": (
        '{"message":"Unable to retrieve environments from the database","details":"timeout"}',
        "application/json",
    ),
    "gluetun": ("internal server error\n", "text/plain"),
    "cloudcmd": ("Internal Server Error", "text/plain"),
}
MARKUP = re.compile(r"(?i)<\s*(?:!doctype|/?html|/?head|/?body|/?title)")
GARBAGE: dict[str, Callable[[Faults, str], None]] = {
    "login_page": lambda faults, _name: faults.html(200),
    "proxy_502": lambda faults, _name: faults.html(502),
    "truncated_json": lambda faults, _name: faults.truncated(),
    "http_500": lambda faults, name: faults.fail_with(
        500, SERVER_ERRORS[name][0], content_type=SERVER_ERRORS[name][1]
    ),
    "10_mb_body": lambda faults, _name: faults.oversized(),
    # JSON, but not what was asked for.
    "json_object": lambda faults, _name: faults.fail_with(
        200, '{"error":"maintenance"}', content_type="application/json"
    ),
    "json_list": lambda faults, _name: faults.fail_with(
        200, '[1, "x", null]', content_type="application/json"
    ),
}


@pytest.fixture(scope="module")
def figures(request: pytest.FixtureRequest) -> Iterator[Figures]:
    """The measured times, printed once the module's tests ran."""
    collected = Figures()
    yield collected
    collected.print(request.config, f"polled every {FAST_POLL.seconds} s here")


def _reauth_flows(hass: HomeAssistant) -> list[Any]:
    return [
        flow
        for flow in hass.config_entries.flow.async_progress_by_handler(DOMAIN)
        if flow["context"]["source"] == "reauth"
    ]


@pytest.mark.parametrize("name", COORDINATED)
async def test_stopped_and_restarted(
    hass: HomeAssistant,
    name: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    figures: Figures,
) -> None:
    async with running_service(name, hass, request, tmp_path) as service:
        coordinator = service.coordinator
        caplog.clear()
        with caplog.at_level(logging.INFO):
            await service.stop()
            await poll(hass)
            assert not service.available, "still available one poll after the service stopped"
            await poll(hass)
            await poll(hass)
        assert len(problems(caplog.records, service)) == 1, problems(caplog.records, service)
        assert tracebacks(caplog.records) == []

        caplog.clear()
        with caplog.at_level(logging.INFO):
            watch = Stopwatch()
            await service.start()
            restarted = watch.elapsed
            await wait_until(lambda: service.available)
            figures.add(name, "stopped, restarted", watch.elapsed - restarted)
            await poll(hass)
        assert len(recoveries(caplog.records, service)) == 1
        assert problems(caplog.records, service) == []
        assert tracebacks(caplog.records) == []
        assert service.coordinator is coordinator  # back by itself, no reload
        assert service.hub.state is ConfigEntryState.LOADED


@pytest.mark.parametrize("name", COORDINATED)
async def test_refused_credentials(
    hass: HomeAssistant,
    name: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    figures: Figures,
) -> None:
    async with running_service(name, hass, request, tmp_path) as service:
        caplog.clear()
        with caplog.at_level(logging.INFO):
            new = await service.refuse()
            await poll(hass)
            assert not service.available
            await hass.async_block_till_done()
            (flow,) = _reauth_flows(hass)
            # No hammering: the refused credentials are not tried again, by the scheduled polls
            # (forced here, and on the real clock) nor by anything else.
            asked = service.front.faults.seen
            await poll(hass)
            await poll(hass)
            await asyncio.sleep(2.5 * FAST_POLL.total_seconds())
            assert service.front.faults.seen == asked, "the refused credentials were tried again"
        assert len(problems(caplog.records, service)) == 1, problems(caplog.records, service)
        assert tracebacks(caplog.records) == []

        watch = Stopwatch()
        result = await hass.config_entries.flow.async_configure(flow["flow_id"], new)
        assert result["reason"] == "reauth_successful"
        await hass.async_block_till_done()
        await wait_until(lambda: service.available)
        figures.add(name, "401, re-authenticated", watch.elapsed)
        secret = next(iter(new.keys() - {"username"}))
        assert service.hub.subentries[service.subentry_id].data[secret] == new[secret]


async def test_reauth_with_the_same_key_resumes_polling(
    hass: HomeAssistant, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """The key was refused for a while (a proxy, an administrator's mistake) and is fine again:
    re-authenticating with it changes no setting, and must still start polling again."""
    async with running_service("jellyfin", hass, request, tmp_path) as service:
        sim_key = service.hub.subentries[service.subentry_id].data["api_key"]
        await service.refuse()
        await poll(hass)
        await hass.async_block_till_done()
        (flow,) = _reauth_flows(hass)
        coordinator = service.coordinator
        assert not service.available
        await service.refuse(sim_key)  # the old key works again
        result = await hass.config_entries.flow.async_configure(
            flow["flow_id"], {"api_key": sim_key}
        )
        assert result["reason"] == "reauth_successful"
        await hass.async_block_till_done()
        await wait_until(lambda: service.available)
        assert service.coordinator is not coordinator  # reloaded


async def test_gluetun_with_a_login_is_asked_for_the_login(
    hass: HomeAssistant, docker_engine: DockerEngine
) -> None:
    """A gluetun behind a basic-auth role gets the username and password form, not a key's."""
    login = {"username": "pandora", "password": "old password"}
    async with media_stack(docker_engine, **login) as stack:
        await setup_hub(
            hass, hub_entry(stack.portainer_subentry(), stack.gluetun_subentry(**login))
        )
        status = hass.states.get("sensor.gluetun_vpn_status")
        assert status is not None and status.state == "running"
        stack.gluetun.password = "new password"
        await poll(hass)
        await hass.async_block_till_done()
        (flow,) = _reauth_flows(hass)
        assert flow["step_id"] == "reauth_confirm"
        result = await hass.config_entries.flow.async_configure(
            flow["flow_id"], {"username": "pandora", "password": "new password"}
        )
        assert result.get("reason") == "reauth_successful", result.get("errors")
        await hass.async_block_till_done()
        await wait_until(lambda: get_state(hass, "sensor.gluetun_vpn_status").state == "running")


@pytest.mark.parametrize("garbage", GARBAGE)
@pytest.mark.parametrize("name", COORDINATED)
async def test_garbage(
    hass: HomeAssistant,
    name: str,
    garbage: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    figures: Figures,
) -> None:
    async with running_service(name, hass, request, tmp_path) as service:
        caplog.clear()
        with caplog.at_level(logging.INFO):
            GARBAGE[garbage](service.front.faults, name)
            await poll(hass)
            assert not service.available
            await poll(hass)
        (line,) = problems(caplog.records, service)
        assert tracebacks(caplog.records) == []
        # Garbage is not news: nothing the service had is removed.
        assert er.async_get(hass).async_get(service.entity_id) is not None
        # One clear sentence: no markup, no megabytes.
        assert MARKUP.search(line) is None and len(line) < 400, line
        assert _reauth_flows(hass) == []

        caplog.clear()
        with caplog.at_level(logging.INFO):
            watch = Stopwatch()
            service.front.faults.clear()
            await wait_until(lambda: service.available)
            figures.add(name, f"{garbage}, answers again", watch.elapsed)
        assert len(recoveries(caplog.records, service)) == 1
        assert problems(caplog.records, service) == []


FEEDS = {"jellyfin": "library", "portainer": "containers", "gluetun": "containers"}


async def _feed_until(client: Any, subentry_id: str, available: bool) -> None:
    """Read the feed until it shows the service (un)available; bounded on the real clock."""
    deadline = time.perf_counter() + 30
    while True:
        msg = await asyncio.wait_for(client.receive_json(), deadline - time.perf_counter())
        if msg.get("type") != "event":
            continue
        shown = [s for kind in msg["event"].values() for s in kind if s["id"] == subentry_id]
        if shown and shown[0]["available"] is available:
            return


@pytest.mark.parametrize("name", FEEDS)
async def test_panel_feeds_follow_outages_and_reauth(
    hass: HomeAssistant,
    name: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    hass_ws_client: Any,
) -> None:
    """The panel's live feed says the service is unavailable, and follows it back, across a
    restart and across the reload that a reauth makes."""
    async with running_service(name, hass, request, tmp_path) as service:
        client = await hass_ws_client(hass)
        await client.send_json_auto_id({"type": f"pandora/{FEEDS[name]}/subscribe"})
        assert (await client.receive_json())["success"]
        await _feed_until(client, service.subentry_id, True)
        await service.stop()
        await poll(hass)
        await _feed_until(client, service.subentry_id, False)
        await service.start()
        await _feed_until(client, service.subentry_id, True)

        new = await service.refuse()
        await poll(hass)
        await _feed_until(client, service.subentry_id, False)
        await hass.async_block_till_done()
        (flow,) = _reauth_flows(hass)
        await hass.config_entries.flow.async_configure(flow["flow_id"], new)
        await hass.async_block_till_done()
        await _feed_until(client, service.subentry_id, True)
