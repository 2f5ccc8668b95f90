"""Downtime without damage for the services Pandora only asks when someone acts (issue 24):
TMDB (discovery), Watchmode (where a title streams) and Jackett (torrent search), each stopped
and restarted, refusing Pandora's key, and answering garbage.

They have no coordinator and no entities: what must hold is that the action says what went
wrong in a translated error (TMDB), or in its answer where the action's contract keeps going
without the service (Watchmode's `availability_error`, Jackett's per-server `instances`), never
with a traceback or a page's markup; that a refused key starts the hub's reauth for that
service and nothing asks the service again meanwhile; and that the next action works once the
service is back. Recovery times are measured and printed, never asserted.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
import contextlib
from dataclasses import dataclass
import itertools
import logging
import re
from typing import Any

import pytest

from custom_components.pandora.const import DOMAIN
from devtools.simulators import Faults, SimServer
from devtools.simulators.jackett import JackettSimulator, SimIndexer
from devtools.simulators.tmdb import TmdbSimulator
from devtools.simulators.watchmode import WatchmodeSimulator
from devtools.support.media import (
    NOTLD,
    Sims,
    jackett_subentry,
    releases,
    tmdb_subentry,
    watchmode_subentry,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from tests.conftest import allow_loopback, hub_entry, setup_hub
from tests.harness.faults import NEW_SECRET, Figures, Stopwatch, tracebacks

SERVICES = ("tmdb", "watchmode", "jackett")
MARKUP = re.compile(r"(?i)<\s*(?:!doctype|/?html|/?head|/?body|/?title)")
# Each service's own 500, as it writes one.
SERVER_ERRORS: dict[str, tuple[str, str]] = {
    "tmdb": (
        '{"success":false,"status_code":11,'
        '"status_message":"Internal error: Something went wrong, contact TMDb."}',
        "application/json",
    ),
    "watchmode": (
        '{"success":false,"statusCode":500,"statusMessage":"Internal server error."}',
        "application/json",
    ),
    "jackett": ("Internal Server Error", "text/plain"),
}
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
_queries = itertools.count()
type Probe = Callable[[], Awaitable[str | None]]


@dataclass
class Asked:
    """One service in a running hub and the action that asks it."""

    name: str
    hass: HomeAssistant
    server: SimServer
    rotate: Callable[[str], None]  # a new key on the service's side
    subentry_id: str
    # Run the action; None when it got its answer, else the error it shows.
    probe: Probe


async def _call(hass: HomeAssistant, action: str, **data: Any) -> Any:
    return await hass.services.async_call(DOMAIN, action, data, blocking=True, return_response=True)


def _shown(err: HomeAssistantError) -> str:
    """What the user reads: the translated error's key, whom it names and what it quotes."""
    placeholders = err.translation_placeholders or {}
    return f"{err.translation_key} ({placeholders.get('name')}): {placeholders.get('error')}"


@contextlib.asynccontextmanager
async def asked(name: str, hass: HomeAssistant) -> AsyncIterator[Asked]:
    """TMDB, Watchmode and Jackett in a hub; `name`'s action as the probe."""
    allow_loopback()
    tmdb, watchmode = TmdbSimulator(), WatchmodeSimulator()
    jackett = JackettSimulator(indexers=[SimIndexer("publicone", "Public One", releases())])
    async with (
        SimServer(tmdb.app) as tmdb_server,
        SimServer(watchmode.app) as watchmode_server,
        SimServer(jackett.app, handler_cancellation=True) as jackett_server,
    ):
        sims = Sims(
            tmdb,
            tmdb_server.url + "/3",
            watchmode,
            watchmode_server.url + "/v1",
            jackett,
            jackett_server.url,
        )
        hub = await setup_hub(
            hass,
            hub_entry(
                tmdb_subentry(sims),
                watchmode_subentry(sims),
                jackett_subentry(jackett_server.url, jackett.api_key),
            ),
        )
        by_type = {sub.subentry_type: sub.subentry_id for sub in hub.subentries.values()}

        async def tmdb_probe() -> str | None:
            try:
                await _call(hass, "search_media", query=f"night {next(_queries)}")
            except HomeAssistantError as err:
                return _shown(err)
            return None

        async def watchmode_probe() -> str | None:
            # Another title each time: a title's sources are cached once read.
            tmdb_id = NOTLD + next(_queries) % 40
            answer = await _call(hass, "get_media", tmdb_id=tmdb_id, media_type="movie")
            error = answer["availability_error"]
            assert (error is None) == isinstance(answer["availability"], list)
            return str(error) if error is not None else None

        async def jackett_probe() -> str | None:
            answer = await _call(hass, "search_torrents", query="Night of the Living Dead 1968")
            (status,) = answer["instances"]
            if status["state"] == "error":
                return str(status["error"])
            assert answer["total"] > 0
            return None

        def set_key(sim: Any) -> Callable[[str], None]:
            return lambda key: setattr(sim, "api_key", key)

        services: dict[str, tuple[SimServer, Callable[[str], None], Probe]] = {
            "tmdb": (tmdb_server, set_key(tmdb), tmdb_probe),
            "watchmode": (watchmode_server, set_key(watchmode), watchmode_probe),
            "jackett": (jackett_server, set_key(jackett), jackett_probe),
        }
        server, rotate, probe = services[name]
        service = Asked(name, hass, server, rotate, by_type[name], probe)
        # In use before anything goes wrong (TMDB's image configuration is read once).
        assert await probe() is None
        yield service
        await hass.config_entries.async_unload(hub.entry_id)


@pytest.fixture(scope="module")
def figures(request: pytest.FixtureRequest) -> Iterator[Figures]:
    """The measured times, printed once the module's tests ran."""
    collected = Figures()
    yield collected
    collected.print(request.config, "first action after the service is back")


def _reauth_flows(hass: HomeAssistant) -> list[Any]:
    return [
        flow
        for flow in hass.config_entries.flow.async_progress_by_handler(DOMAIN)
        if flow["context"]["source"] == "reauth"
    ]


@pytest.mark.parametrize("name", SERVICES)
async def test_stopped_and_restarted(
    hass: HomeAssistant, name: str, caplog: pytest.LogCaptureFixture, figures: Figures
) -> None:
    async with asked(name, hass) as service:
        with caplog.at_level(logging.INFO):
            await service.server.stop()
            shown = await service.probe()
            assert shown is not None and "Cannot reach" in shown, shown
            if name == "tmdb":
                assert shown.startswith("cannot_connect (TMDB): ")
            watch = Stopwatch()
            await service.server.start()
            assert await service.probe() is None
            figures.add(name, "stopped, restarted", watch.elapsed)
        assert tracebacks(caplog.records) == []


@pytest.mark.parametrize("name", SERVICES)
async def test_refused_key(
    hass: HomeAssistant, name: str, caplog: pytest.LogCaptureFixture, figures: Figures
) -> None:
    async with asked(name, hass) as service:
        with caplog.at_level(logging.INFO):
            service.rotate(NEW_SECRET)
            shown = await service.probe()
            assert shown is not None and "refused the API key" in shown, shown
            # The message names the service whose key it is.
            named = {
                "tmdb": "invalid_auth (TMDB): ",
                "watchmode": "Watchmode refused Pandora's credentials",
                "jackett": "Jackett refused",
            }
            assert shown.startswith(named[name]), shown
            await service.hass.async_block_till_done()
            (flow,) = _reauth_flows(hass)
            assert flow["step_id"] == "reauth_api_key"
            # Nothing asks the service by itself meanwhile.
            asked_before = service.server.faults.seen
            await asyncio.sleep(3)
            assert service.server.faults.seen == asked_before
        assert tracebacks(caplog.records) == []

        watch = Stopwatch()
        result = await hass.config_entries.flow.async_configure(
            flow["flow_id"], {"api_key": NEW_SECRET}
        )
        assert result["reason"] == "reauth_successful"
        await hass.async_block_till_done()
        assert await service.probe() is None
        figures.add(name, "401, re-authenticated", watch.elapsed)


@pytest.mark.parametrize("garbage", GARBAGE)
@pytest.mark.parametrize("name", SERVICES)
async def test_garbage(
    hass: HomeAssistant,
    name: str,
    garbage: str,
    caplog: pytest.LogCaptureFixture,
    figures: Figures,
) -> None:
    async with asked(name, hass) as service:
        with caplog.at_level(logging.INFO):
            GARBAGE[garbage](service.server.faults, name)
            shown = await service.probe()
            assert shown is not None
            # One clear sentence: no markup, no megabytes.
            assert MARKUP.search(shown) is None and len(shown) < 400, shown
            assert _reauth_flows(hass) == []
            watch = Stopwatch()
            service.server.faults.clear()
            assert await service.probe() is None
            figures.add(name, f"{garbage}, answers again", watch.elapsed)
        assert tracebacks(caplog.records) == []
