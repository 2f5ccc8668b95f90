"""Shared fixtures: real qBittorrent daemons (4.5 and 5.x) and a configured Pandora hub."""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Iterator
from datetime import timedelta
import os

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import pytest_socket

# Imported at module level so the repo's custom_components shadows the test harness's.
from custom_components.pandora.config_flow import PandoraConfigFlow
from custom_components.pandora.const import CONF_VERIFY_SSL, DOMAIN, SUBENTRY_QBITTORRENT
from custom_components.pandora.containers.gluetun import GluetunCoordinator
from custom_components.pandora.containers.portainer import PortainerCoordinator
from custom_components.pandora.downloads.coordinator import QBittorrentCoordinator
from custom_components.pandora.files.coordinator import CloudCommanderCoordinator
from custom_components.pandora.library.coordinator import JellyfinCoordinator
from custom_components.pandora.library.sessions import SessionsCoordinator
from devtools.support.media import Sims, running_sims
from devtools.support.qbittorrent_daemon import QBittorrentDaemon, qb5_available
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant

QB_VERSIONS = ["4", "5"]
# How often tests poll every service (real time), instead of the shipped intervals.
FAST_POLL = timedelta(seconds=2)


def allow_loopback() -> None:
    """Real services run on 127.0.0.1: allow sockets there and nowhere else.

    The Home Assistant test plugin disables every socket before each test; these tests talk
    to real daemons on loopback, so they re-enable sockets restricted to 127.0.0.1.
    """
    pytest_socket.enable_socket()
    pytest_socket.socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)


@pytest.fixture(autouse=True)
def _loopback_sockets() -> None:
    allow_loopback()


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load custom integrations in every test."""


@pytest.fixture(autouse=True)
def fast_polling(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Poll every FAST_POLL, so tests that wait on the real clock see changes soon.

    Tests marked `shipped_intervals` keep the intervals Pandora ships with.
    """
    if request.node.get_closest_marker("shipped_intervals") is not None:
        return
    for coordinator in (
        QBittorrentCoordinator,
        JellyfinCoordinator,
        CloudCommanderCoordinator,
        PortainerCoordinator,
        GluetunCoordinator,
        SessionsCoordinator,
    ):
        monkeypatch.setattr(coordinator, "UPDATE_INTERVAL", FAST_POLL)
    monkeypatch.setattr(JellyfinCoordinator, "SCANNING_INTERVAL", FAST_POLL)


def _start(version: str) -> QBittorrentDaemon:
    allow_loopback()
    if version == "5" and not qb5_available() and os.environ.get("PANDORA_ALLOW_NO_QB5"):
        pytest.skip("qBittorrent 5 chroot not built (PANDORA_ALLOW_NO_QB5 set)")
    return QBittorrentDaemon(version=version).start()


@pytest.fixture(scope="session", params=QB_VERSIONS, ids=["qb4.5", "qb5"])
def qb_daemon_session(request: pytest.FixtureRequest) -> Iterator[QBittorrentDaemon]:
    """One real daemon per qBittorrent major version for the whole run."""
    daemon = _start(request.param)
    yield daemon
    daemon.stop()


@pytest.fixture
def qb_daemon(qb_daemon_session: QBittorrentDaemon) -> QBittorrentDaemon:
    """The session daemon, emptied before the test."""
    qb_daemon_session.remove_all()
    return qb_daemon_session


@pytest.fixture
def qb4_daemon() -> Generator[QBittorrentDaemon]:
    """A private 4.5 daemon for tests that break it (stop it, ban us)."""
    allow_loopback()
    daemon = QBittorrentDaemon(version="4", max_auth_failures=2).start()
    yield daemon
    daemon.stop()


def qb_subentry(daemon: QBittorrentDaemon, title: str | None = None) -> ConfigSubentryData:
    """Subentry data pointing at a daemon."""
    return ConfigSubentryData(
        data={
            CONF_URL: daemon.url,
            CONF_USERNAME: daemon.username,
            CONF_PASSWORD: daemon.password,
            CONF_VERIFY_SSL: True,
        },
        subentry_type=SUBENTRY_QBITTORRENT,
        title=title or f"qBittorrent {daemon.url.split('://')[1]}",
        unique_id=daemon.url,
    )


def hub_entry(*subentries: ConfigSubentryData, **options: object) -> MockConfigEntry:
    """A current Pandora hub entry with the given subentries (and hub options)."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="Pandora",
        data={},
        options=options,
        subentries_data=list(subentries),
        version=PandoraConfigFlow.VERSION,
        minor_version=PandoraConfigFlow.MINOR_VERSION,
    )


async def setup_hub(hass: HomeAssistant, entry: MockConfigEntry) -> MockConfigEntry:
    """Add and set up a hub entry."""
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


@pytest.fixture
async def hub(hass: HomeAssistant, qb_daemon: QBittorrentDaemon) -> MockConfigEntry:
    """Pandora set up against the real daemon of the current version."""
    return await setup_hub(hass, hub_entry(qb_subentry(qb_daemon)))


@pytest.fixture
async def sims() -> AsyncIterator[Sims]:
    """TMDB, Watchmode and Jackett simulators on 127.0.0.1."""
    allow_loopback()
    async with running_sims() as running:
        yield running


from devtools.support.docker_engine import docker_engine, docker_engine_session  # noqa: E402, F401
