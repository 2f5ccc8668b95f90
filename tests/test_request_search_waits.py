"""A request waits for Jackett instead of failing when no Jackett could answer (issue 24).

Down, busy or refusing its key until re-authenticated: "no release found" would be a guess. The
request stays `searching`, says so once in the log, and is searched again with back-off; once
Jackett answers, it goes on as usual.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
import logging
from typing import Any, cast

import pytest

from devtools.simulators import SimServer
from devtools.simulators.jackett import JackettSimulator, SimIndexer
from devtools.support.media import NOTLD, Sims, jackett_subentry, releases, tmdb_subentry
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from homeassistant.auth.models import User
from homeassistant.core import Context, HomeAssistant
from tests.conftest import hub_entry, qb_subentry, setup_hub
from tests.helpers import poll, poll_until


@pytest.fixture
async def jackett() -> AsyncIterator[tuple[JackettSimulator, SimServer]]:
    simulator = JackettSimulator(indexers=[SimIndexer("publicone", "Public One", releases())])
    async with SimServer(simulator.app, handler_cancellation=True) as server:
        yield simulator, server


async def test_a_request_waits_while_no_jackett_answers(
    hass: HomeAssistant,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    qb_daemon: QBittorrentDaemon,
    sims: Sims,
    jackett: tuple[JackettSimulator, SimServer],
    hass_admin_user: User,
) -> None:
    monkeypatch.setattr(
        "custom_components.pandora.requests.pipeline.timing.SEARCH_RETRY_FIRST", 0.2
    )
    simulator, server = jackett
    hub = await setup_hub(
        hass,
        hub_entry(
            qb_subentry(qb_daemon),
            tmdb_subentry(sims),
            jackett_subentry(server.url, simulator.api_key),
        ),
    )
    await server.stop()
    answer = await hass.services.async_call(
        "pandora",
        "request_media",
        {"tmdb_id": NOTLD, "media_type": "movie"},
        blocking=True,
        return_response=True,
        context=Context(user_id=hass_admin_user.id),
    )
    request_id = cast(dict[str, Any], answer)["requests"][0]["id"]
    queue = hub.runtime_data.requests

    def status() -> str:
        request = queue.get(request_id)
        assert request is not None
        return str(request.status)

    with caplog.at_level(logging.WARNING):
        await poll_until(hass, lambda: "waits for Jackett" in caplog.text, timeout=30)
        for _ in range(5):  # searched again, still nobody: it keeps waiting, said once
            await poll(hass, 10)
    assert status() == "searching"
    assert caplog.text.count("waits for Jackett") == 1
    request = queue.get(request_id)
    assert request is not None and request.reason is None

    await server.start()
    await poll_until(hass, lambda: status() == "downloading", timeout=60)
