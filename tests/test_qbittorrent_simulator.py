"""The qBittorrent simulator used by the benchmark agrees with the client (and so with the API).

The functional tests use real qbittorrent-nox; these make sure the scale simulator speaks the
same protocol, so the benchmark's figures are about the real code path.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web
import pytest

from bench import qbittorrent_sync
from custom_components.pandora.api.errors import InvalidAuth, ParseError
from custom_components.pandora.api.qbittorrent import (
    MAX_ANSWER_BYTES,
    MAX_LIST_BYTES,
    QBittorrentClient,
)
from custom_components.pandora.const import CONF_VERIFY_SSL, DOMAIN, SUBENTRY_QBITTORRENT
from devtools.simulators import serve
from devtools.simulators.qbittorrent import QBittorrentSimulator, start
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import (
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    STATE_UNAVAILABLE,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.update_coordinator import UpdateFailed
from tests.conftest import hub_entry, setup_hub
from tests.helpers import get_state


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        yield session


async def _serve(simulator: QBittorrentSimulator) -> AsyncIterator[str]:
    runner, port = await start(simulator)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@pytest.fixture(params=["v4.5.2", "v5.2.0"])
async def simulator(
    request: pytest.FixtureRequest,
) -> AsyncIterator[tuple[QBittorrentSimulator, str]]:
    sim = QBittorrentSimulator(torrent_count=50, app_version=request.param, api_version="2.11.4")
    async for url in _serve(sim):
        yield sim, url


async def test_incremental_sync_matches_full_reads(
    simulator: tuple[QBittorrentSimulator, str], session: aiohttp.ClientSession
) -> None:
    sim, url = simulator
    client = QBittorrentClient(url, sim.username, sim.password, session)
    info = await client.connect()
    assert info.app_version == sim.app_version
    first = await client.sync()
    assert first.full_update
    assert len(client.maindata.torrents) == 50

    changed = set(sim.mutate(0.1))
    added = sim.add_torrent()
    removed = next(h for h in sim.torrents if h not in changed and h != added)
    sim.remove_torrent(removed)
    before = client.bytes_received
    delta = await client.sync()
    incremental_bytes = client.bytes_received - before

    assert not delta.full_update
    assert set(delta.changed) == changed | {added}
    assert delta.changed[added] is None
    assert set(delta.removed) == {removed}
    assert client.maindata.torrents == {t.hash: t for t in await client.torrents_info()}

    before = client.bytes_received
    await client.torrents_info()
    assert client.bytes_received - before > 5 * incremental_bytes

    nothing = await client.sync()
    assert not nothing.changed
    assert not nothing.removed
    await client.close()


async def test_unknown_rid_gets_a_full_update(
    simulator: tuple[QBittorrentSimulator, str], session: aiohttp.ClientSession
) -> None:
    sim, url = simulator
    client = QBittorrentClient(url, sim.username, sim.password, session)
    await client.sync()
    client.maindata.rid += 7  # not the rid this session was last sent
    delta = await client.sync()
    assert delta.full_update
    assert len(client.maindata.torrents) == 50


async def test_wrong_password_and_missing_session(
    simulator: tuple[QBittorrentSimulator, str], session: aiohttp.ClientSession
) -> None:
    sim, url = simulator
    with pytest.raises(InvalidAuth):
        await QBittorrentClient(url, sim.username, "wrong", session).login()
    async with session.get(f"{url}/api/v2/torrents/info") as resp:
        assert resp.status == 403


async def test_answers_are_read_within_a_limit(
    simulator: tuple[QBittorrentSimulator, str], session: aiohttp.ClientSession
) -> None:
    """An endless or huge answer stops at the limit as a ParseError (memory stays bounded)."""
    sim, url = simulator
    client = QBittorrentClient(url, sim.username, sim.password, session)
    sim.maindata_padding = 2 * 2**20  # big for a small answer, fine for the torrent list
    assert (await client.sync()).full_update
    sim.maindata_padding = MAX_LIST_BYTES  # with the JSON around it: just over the limit
    with pytest.raises(ParseError, match=r"qBittorrent \(sync/maindata\) sent more than 64 MiB"):
        await client.sync()
    sim.maindata_padding = 0
    assert (await client.sync()).full_update  # the next answer is read as usual
    assert len(client.maindata.torrents) == 50
    await client.close()


async def test_small_answers_have_a_small_limit(session: aiohttp.ClientSession) -> None:
    async def login(_request: web.Request) -> web.Response:
        return web.Response(body=b"x" * (MAX_ANSWER_BYTES + 1))

    app = web.Application()
    app.router.add_post("/api/v2/auth/login", login)
    runner, port = await serve(app, 0)
    try:
        client = QBittorrentClient(f"http://127.0.0.1:{port}", "a", "b", session)
        with pytest.raises(ParseError, match=r"\(auth/login\) sent more than 1 MiB"):
            await client.connect()
    finally:
        await runner.cleanup()


async def test_oversized_maindata_makes_the_service_unavailable(hass: HomeAssistant) -> None:
    sim = QBittorrentSimulator(torrent_count=5)
    async for url in _serve(sim):
        subentry = ConfigSubentryData(
            data={
                CONF_URL: url,
                CONF_USERNAME: sim.username,
                CONF_PASSWORD: sim.password,
                CONF_VERIFY_SSL: True,
            },
            subentry_type=SUBENTRY_QBITTORRENT,
            title="qBittorrent",
            unique_id=url,
        )
        entry = await setup_hub(hass, hub_entry(subentry))
        (coordinator,) = entry.runtime_data.qbittorrent.values()
        entity_id = er.async_get(hass).async_get_entity_id(
            "sensor", DOMAIN, f"{coordinator.subentry.subentry_id}_connection_status"
        )
        assert entity_id is not None
        assert get_state(hass, entity_id).state == "connected"

        sim.maindata_padding = MAX_LIST_BYTES
        await coordinator.async_refresh()
        assert not coordinator.last_update_success
        assert isinstance(coordinator.last_exception, UpdateFailed)
        assert coordinator.last_exception.translation_key == "update_failed"
        assert "sent more than 64 MiB" in str(coordinator.last_exception)
        assert get_state(hass, entity_id).state == STATE_UNAVAILABLE

        sim.maindata_padding = 0
        await coordinator.async_refresh()
        assert get_state(hass, entity_id).state == "connected"
        assert await hass.config_entries.async_unload(entry.entry_id)


async def test_benchmark_runs_and_reports(capsys: pytest.CaptureFixture[str]) -> None:
    """The benchmark end to end, small: figures come out and the mirror stayed consistent."""
    figures = await qbittorrent_sync.run(torrents=300, polls=3, fraction=0.01)
    assert figures["changed_per_poll"] == 3
    assert figures["incremental_bytes"] < figures["full_bytes"]
    assert figures["first_sync_bytes"] > figures["incremental_bytes"]
    qbittorrent_sync.report(figures)
    out = capsys.readouterr().out
    assert "incremental sync/maindata" in out
    assert "fewer bytes" in out
