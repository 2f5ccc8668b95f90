"""Recorder-friendly at scale: every Pandora entity against big services.

Set up against thousands of torrents (the qBittorrent simulator), many libraries and items
(the Jellyfin simulator over real folders), a Downloaded folder of thousands of entries (a
real Cloud Commander), many containers (a real Docker Engine behind the Portainer simulator,
and gluetun), and a request queue at its cap, with every entity enabled:
- no state's attributes, JSON-encoded as the recorder encodes them, exceed its 16 KiB limit
  (beyond it the recorder stores none of them and logs a warning);
- polling services in which nothing changes writes no state: every `state_changed` would be
  a row in the recorder's database, every few seconds, for ever.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from unittest.mock import PropertyMock, patch

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser

from custom_components.pandora.const import (
    CONF_QBITTORRENT_ROOT,
    CONF_VERIFY_SSL,
    DEFAULT_FOLDERS,
    DOMAIN,
    SUBENTRY_CLOUDCMD,
    SUBENTRY_JELLYFIN,
    SUBENTRY_QBITTORRENT,
)
from custom_components.pandora.requests.queue import STORAGE_KEY as REQUESTS_KEY
from devtools.simulators import jellyfin as jellyfin_sim, qbittorrent as qbittorrent_sim
from devtools.simulators.jellyfin import JellyfinSimulator
from devtools.simulators.qbittorrent import QBittorrentSimulator
from devtools.support.cloudcmd import CloudCommander
from devtools.support.containers import MediaStack, media_stack
from devtools.support.docker_engine import DockerEngine
from homeassistant.components.recorder.db_schema import MAX_STATE_ATTRS_BYTES, StateAttributes
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import (
    CONF_API_KEY,
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    EVENT_STATE_CHANGED,
)
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, State
from homeassistant.helpers import entity_registry as er
from tests.conftest import allow_loopback, hub_entry, setup_hub
from tests.helpers import poll, poll_until

TORRENTS = 3000
LIBRARIES = 12  # movies, shows and music, each its own sensors and scan button
TITLES_PER_LIBRARY = 150
DOWNLOADED = 3000
CONTAINERS = 16  # beside the media stack's three; half running, half stopped
CLOSED_REQUESTS, OPEN_REQUESTS = 500, 60
USER, PASSWORD = "pandora", "s3cret pw"
LOOP = "trap 'exit 0' TERM INT; while true; do sleep 1; done"


@pytest.fixture
async def qbittorrent() -> AsyncIterator[str]:
    sim = QBittorrentSimulator(torrent_count=TORRENTS)
    runner, port = await qbittorrent_sim.start(sim)
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


@pytest.fixture
async def jellyfin(tmp_path: Path) -> AsyncIterator[tuple[JellyfinSimulator, str]]:
    libraries: list[tuple[str, str | None, str]] = []
    for n in range(LIBRARIES):
        kind = ("movies", "tvshows", "music")[n % 3]
        root = tmp_path / "media" / f"library{n}"
        for m in range(TITLES_PER_LIBRARY):
            title = f"Title {n}-{m} ({1950 + m % 70}) [tmdbid-{n * 1000 + m + 1}]"
            if kind == "movies":
                (root / title).mkdir(parents=True)
                (root / title / "film.mkv").touch()
            elif kind == "tvshows":
                (root / title / "Season 01").mkdir(parents=True)
                (root / title / "Season 01" / "Show.S01E01.mkv").touch()
            else:
                (root / f"Album {m}").mkdir(parents=True)
                (root / f"Album {m}" / "01 - Song.mp3").touch()
        libraries.append((f"Library {n}", kind, str(root)))
    sim = JellyfinSimulator(libraries=libraries, scan_duration=0.2)
    runner, port = await jellyfin_sim.start(sim)
    yield sim, f"http://127.0.0.1:{port}"
    await runner.cleanup()


@pytest.fixture
def cloudcmd() -> Iterator[CloudCommander]:
    allow_loopback()
    with CloudCommander(username=USER, password=PASSWORD) as server:
        downloaded = server.root / "Downloaded"
        for n in range(DOWNLOADED):
            name = f"Film.Number.{n:05d}.2024.1080p.WEB-DL.DDP5.1.H.264-GROUP"
            if n % 10:
                (downloaded / f"{name}.mkv").touch()
            else:
                (downloaded / name).mkdir()
        yield server


@pytest.fixture
async def stack(docker_engine: DockerEngine) -> AsyncIterator[MediaStack]:
    async with media_stack(docker_engine) as running:
        for n in range(CONTAINERS):
            docker_engine.create_container(
                f"service{n:02d}",
                ["sh", "-c", LOOP],
                labels={"com.docker.compose.project": "extras"},
                start=n % 2 == 0,
            )
        yield running


def _saved_requests(users: list[MockUser]) -> list[dict[str, Any]]:
    """Closed requests up to the cap, and open ones waiting for approval (nothing to do)."""
    saved = []
    for n in range(CLOSED_REQUESTS + OPEN_REQUESTS):
        closed = n < CLOSED_REQUESTS
        at = f"2026-0{1 + n % 9}-{1 + n % 28:02d}T12:00:00+00:00"
        status = ("available", "denied", "withdrawn", "failed")[n % 4] if closed else "pending"
        saved.append(
            {
                "id": f"01REQUEST{n:017d}",
                "tmdb_id": 100_000 + n,
                "media_type": "movie",
                "title": f"Film {n}",
                "requested_by": users[n % len(users)].id,
                "created": at,
                "status": status,
                "transitions": [{"status": "pending", "at": at, "by": None}]
                + ([{"status": status, "at": at, "by": None}] if closed else []),
                "updated": at,
            }
        )
    return saved


def _pandora_entities(hass: HomeAssistant) -> set[str]:
    return {
        entry.entity_id
        for entry in er.async_get(hass).entities.values()
        if entry.platform == DOMAIN and entry.disabled_by is None
    }


def _recorded_attributes(state: State) -> bytes:
    """The attributes as the recorder stores them (b"{}" when over its limit)."""
    data: EventStateChangedData = {
        "entity_id": state.entity_id,
        "old_state": None,
        "new_state": state,
    }
    return StateAttributes.shared_attrs_bytes_from_event(Event(EVENT_STATE_CHANGED, data), None)


async def _hub(
    hass: HomeAssistant,
    qbittorrent: str,
    jellyfin: tuple[JellyfinSimulator, str],
    cloudcmd: CloudCommander,
    stack: MediaStack,
) -> MockConfigEntry:
    sim, jellyfin_url = jellyfin
    subentries = [
        ConfigSubentryData(
            data={
                CONF_URL: qbittorrent,
                CONF_USERNAME: qbittorrent_sim.DEFAULT_USERNAME,
                CONF_PASSWORD: qbittorrent_sim.DEFAULT_PASSWORD,
                CONF_VERIFY_SSL: True,
            },
            subentry_type=SUBENTRY_QBITTORRENT,
            title="Seedbox",
            unique_id=qbittorrent,
        ),
        ConfigSubentryData(
            data={CONF_URL: jellyfin_url, CONF_API_KEY: sim.api_key, CONF_VERIFY_SSL: True},
            subentry_type=SUBENTRY_JELLYFIN,
            title="Jellyfin",
            unique_id=jellyfin_url,
        ),
        ConfigSubentryData(
            data={
                CONF_URL: cloudcmd.url,
                CONF_USERNAME: USER,
                CONF_PASSWORD: PASSWORD,
                CONF_VERIFY_SSL: True,
                **DEFAULT_FOLDERS,
                CONF_QBITTORRENT_ROOT: "",
            },
            subentry_type=SUBENTRY_CLOUDCMD,
            title="Share",
            unique_id=cloudcmd.url,
        ),
        stack.portainer_subentry(),
        stack.gluetun_subentry(),
    ]
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        new_callable=PropertyMock,
        return_value=True,
    ):
        return await setup_hub(hass, hub_entry(*subentries))


async def test_big_services_stay_recorder_friendly(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    qbittorrent: str,
    jellyfin: tuple[JellyfinSimulator, str],
    cloudcmd: CloudCommander,
    stack: MediaStack,
) -> None:
    users = [MockUser(name=f"Member {n}").add_to_hass(hass) for n in range(5)]
    hass_storage[REQUESTS_KEY] = {
        "version": 1,
        "key": REQUESTS_KEY,
        "data": {"requests": _saved_requests(users)},
    }
    entry = await _hub(hass, qbittorrent, jellyfin, cloudcmd, stack)

    def settled() -> bool:
        # Every container's health is known (the health checks ran), every entity has a state.
        states = [hass.states.get(e) for e in _pandora_entities(hass)]
        return all(s is not None for s in states) and not any(
            s.state in ("starting", "unavailable") for s in states if s is not None
        )

    await poll_until(hass, settled, timeout=60)
    entities = _pandora_entities(hass)
    assert len(entities) > 150  # everything is there: libraries, containers, requests, ...

    # No state's attributes go over the recorder's limit.
    sizes = {}
    for entity in entities:
        state = hass.states.get(entity)
        assert state is not None
        recorded = _recorded_attributes(state)
        assert recorded != b"{}" or not state.attributes, f"{entity}: attributes not recorded"
        sizes[entity] = len(recorded)
    largest = max(sizes, key=sizes.__getitem__)
    assert sizes[largest] <= MAX_STATE_ATTRS_BYTES, largest

    # Polling services where nothing changes writes nothing. Container CPU and memory are
    # measurements of live processes (disabled by default): they change, and are left out.
    registry = er.async_get(hass)
    quiet = {
        e
        for e in entities
        if not (found := registry.async_get(e))
        or not found.unique_id.endswith(("_container_cpu", "_container_memory"))
    }
    assert len(entities) - len(quiet) == 2 * (CONTAINERS + 3)
    changed: list[str] = []

    def record(event: Event[Any]) -> None:
        if event.data["entity_id"] in quiet:
            old, new = event.data["old_state"], event.data["new_state"]
            changed.append(f"{event.data['entity_id']}: {old and old.state} -> {new.state}")

    unsubscribe = hass.bus.async_listen(EVENT_STATE_CHANGED, record)
    for _ in range(3):
        await poll(hass)
    unsubscribe()
    assert changed == [], "\n".join(changed)
    assert await hass.config_entries.async_unload(entry.entry_id)
