"""Snapshots (syrupy) of what Pandora gives Home Assistant: entities, devices, diagnostics, flows.

Against a hub with every service (`tests/harness/full_hub.py`: the simulators, a real Cloud
Commander, a real Docker Engine behind the Portainer and gluetun simulators) at fixed ids, each
entity platform alone (`snapshot_platform`: every entity's registry entry and state), the
devices, the diagnostics, and what the config flows create. Against the real qBittorrent
daemons (4.5 and 5), the entity registry and devices, their measured states left out.

What changes from run to run is replaced by a syrupy matcher: the services' addresses and
temporary folders (stand-ins), times, and the measurements of live things (speeds, free
space, container CPU and memory, versions). A new or missing entity, another unique id,
device, unit or name still fails. `pytest --snapshot-update tests/test_snapshots.py` writes
them again (`tests/__snapshots__/test_snapshots.ambr`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
import json
import re
from typing import Any
from unittest.mock import PropertyMock, patch

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, snapshot_platform
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.syrupy import (
    HomeAssistantSnapshotExtension,
    StateSnapshot,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.types import PropertyPath, SerializableData

from devtools.support.containers import MediaStack, media_stack
from devtools.support.docker_engine import DockerEngine
from devtools.support.media import Sims
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import device_registry as dr, entity_registry as er
from tests.conftest import hub_entry, qb_subentry, setup_hub
from tests.harness.full_hub import (
    ENTRY_ID,
    GLUETUN_ID,
    ISO_TIME,
    PORTAINER_ID,
    QBITTORRENT_ID,
    FullStack,
    full_stack,
    setup_full_hub,
    with_id,
)
from tests.helpers import poll_until

DOMAIN = "pandora"
PLATFORMS = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.EVENT,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.SWITCH,
]
# Entities whose state is a measurement of something live (unique id suffixes).
# (A real qBittorrent's connection status is the network's doing: disconnected at first, then
# firewalled or connected as DHT answers, sooner or later depending on the machine's load.)
MEASURED = re.compile(
    r"_(container_cpu|container_memory|download_speed|upload_speed|free_disk_space"
    r"|all_time_download|all_time_upload|session_download|session_upload|ratio|public_ip"
    r"|connection_status)$"
)
# Attributes that are measurements or versions of the daemon running the tests.
MEASURED_ATTRIBUTES = frozenset(
    {
        "download_speed",
        "upload_speed",
        "free_space",
        "version",
        "api_version",
        "app_version",
        "rid",  # qBittorrent's sync counter: one per poll
    }
)
VOLATILE_TEXT = [
    (re.compile(r"Up (?:\d+|About an?|Less than an?) [a-z]+"), "Up 2 hours"),
    (re.compile(r"\) (?:\d+|About an?|Less than an?) [a-z]+ ago"), ") 3 hours ago"),
    (re.compile(r"\b[0-9a-f]{64}\b"), "<container id>"),
    # The Portainer simulator's instance id (random at each start, as Portainer's own).
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<uuid>"),
]


def volatile(replacements: dict[str, str]) -> Callable[..., Any]:
    """A syrupy matcher: stand-ins for addresses and folders, times and measurements."""
    ordered = sorted(replacements.items(), key=lambda kv: -len(kv[0]))

    def text(value: str) -> str:
        for old, new in ordered:
            value = value.replace(old, new)
        for pattern, new in VOLATILE_TEXT:
            value = pattern.sub(new, value)
        return "<time>" if ISO_TIME.match(value) else value

    def measured(state: StateSnapshot) -> bool:
        entry = er.async_get(_hass[0]).async_get(str(state["entity_id"]))
        return (
            entry is not None
            and MEASURED.search(entry.unique_id) is not None
            and state["state"] not in ("", "unavailable", "unknown")
        )

    def match(data: SerializableData, path: PropertyPath) -> SerializableData:
        key = str(path[-1][0]) if path else None
        stand_in: SerializableData = data
        if isinstance(data, StateSnapshot):
            stand_in = StateSnapshot({**data, "state": "<measured>"}) if measured(data) else data
        elif data is not None and key in MEASURED_ATTRIBUTES:
            stand_in = "<measured>"
        elif data is not None and key == "sw_version":
            stand_in = "<version>"
        elif isinstance(data, str):
            stand_in = text(data)
        elif type(data).__name__ == "datetime":
            stand_in = "<time>"
        return stand_in

    return match


# The matcher needs the registry of the test's Home Assistant (set by `matched`).
_hass: list[HomeAssistant] = []


def matched(
    hass: HomeAssistant, snapshot: SnapshotAssertion, replacements: dict[str, str]
) -> SnapshotAssertion:
    """`snapshot` with the volatile parts matched away."""
    _hass[:] = [hass]
    # Home Assistant's serializer (registry entries, states, flow results without their
    # random ids); its plugin's `snapshot` fixture is not the one pytest picks here.
    return snapshot.use_extension(HomeAssistantSnapshotExtension).with_defaults(
        matcher=volatile(replacements)
    )


@pytest.fixture
async def stack(docker_engine: DockerEngine) -> AsyncIterator[MediaStack]:
    async with media_stack(docker_engine) as running:
        yield running


@pytest.fixture
async def everything(sims: Sims, stack: MediaStack) -> AsyncIterator[FullStack]:
    async with full_stack(sims, stack) as running:
        yield running


async def settled_hub(
    hass: HomeAssistant, everything: FullStack, platforms: list[Platform]
) -> MockConfigEntry:
    """The hub with every service and every entity enabled, `platforms` only, settled:
    every state known (none unavailable: on a loaded machine a first poll of gluetun, which asks
    the Docker Engine, can time out and the next one answers) and no container's health still
    starting."""
    with (
        patch("custom_components.pandora.PLATFORMS", platforms),
        patch(
            "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
            new_callable=PropertyMock,
            return_value=True,
        ),
    ):
        entry = await setup_full_hub(hass, everything)

    def settled() -> bool:
        states = [
            hass.states.get(e.entity_id)
            for e in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
        ]
        return all(s is not None and s.state not in ("starting", "unavailable") for s in states)

    await poll_until(hass, settled, timeout=60)
    return entry


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_platform(
    hass: HomeAssistant,
    everything: FullStack,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    platform: Platform,
) -> None:
    """Every entity of one platform: registry entry and state."""
    entry = await settled_hub(hass, everything, [platform])
    await snapshot_platform(
        hass, entity_registry, matched(hass, snapshot, everything.replacements()), entry.entry_id
    )


async def test_devices(
    hass: HomeAssistant,
    everything: FullStack,
    device_registry: dr.DeviceRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """One device per service (and the hub's own), with their names, models and links."""
    entry = await settled_hub(hass, everything, [Platform.BUTTON])
    devices = sorted(
        dr.async_entries_for_config_entry(device_registry, entry.entry_id),
        key=lambda d: sorted(d.identifiers),
    )
    assert devices == matched(hass, snapshot, everything.replacements())


async def test_diagnostics(
    hass: HomeAssistant,
    everything: FullStack,
    hass_client: ClientSessionGenerator,
    snapshot: SnapshotAssertion,
) -> None:
    """Diagnostics of the hub with every service: no key, password, token or address."""
    entry = await settled_hub(hass, everything, PLATFORMS)
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    text = json.dumps(diagnostics)
    secrets = [
        everything.sims.tmdb.api_key,
        everything.sims.watchmode.api_key,
        everything.sims.jackett.api_key,
        everything.jellyfin.api_key,
        "s3cret pw",
        *(e.stack.portainer.api_key for e in (everything,) if e.stack is not None),
    ]
    for secret in secrets:
        assert secret not in text
    assert diagnostics == matched(hass, snapshot, everything.replacements())


async def test_real_qbittorrent(
    hass: HomeAssistant,
    qb_daemon: QBittorrentDaemon,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """A real qBittorrent (4.5 and 5): its entities and device; measurements left out."""
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        new_callable=PropertyMock,
        return_value=True,
    ):
        subentry = with_id(qb_subentry(qb_daemon, "qBittorrent nas:8080"), QBITTORRENT_ID)
        entry = hub_entry(subentry, request_notifications=False)
        entry = MockConfigEntry(
            domain=entry.domain,
            title=entry.title,
            data={},
            options=dict(entry.options),
            subentries_data=[subentry],
            version=entry.version,
            minor_version=entry.minor_version,
            entry_id=ENTRY_ID,
        )
        await setup_hub(hass, entry)
    replacements = {qb_daemon.url.split("://")[1]: "nas:8080"}
    check = matched(hass, snapshot, replacements)
    entities = sorted(
        er.async_entries_for_config_entry(entity_registry, entry.entry_id),
        key=lambda e: (e.domain, e.unique_id),
    )
    assert entities == check(name="entities")
    states = [hass.states.get(e.entity_id) for e in entities]
    assert states == check(name="states")
    devices = dr.async_entries_for_config_entry(device_registry, entry.entry_id)
    assert sorted(devices, key=lambda d: sorted(d.identifiers)) == check(name="devices")


async def create(hass: HomeAssistant, entry: MockConfigEntry, kind: str, data: Any) -> Any:
    """Add a service to the hub through its flow; the flow's result."""
    result = await hass.config_entries.subentries.async_init(
        (entry.entry_id, kind), context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM, result
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], data)
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    return result


async def test_config_flows(
    hass: HomeAssistant, everything: FullStack, snapshot: SnapshotAssertion
) -> None:
    """The hub, then each kind of service, as its flow creates it (what Home Assistant stores:
    keys and passwords included)."""
    hub = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    hub = await hass.config_entries.flow.async_configure(hub["flow_id"], {})
    assert hub["type"] is FlowResultType.CREATE_ENTRY
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    await hass.async_block_till_done()
    replacements = everything.replacements() | {entry.entry_id: ENTRY_ID}
    assert hub == matched(hass, snapshot, replacements)(name="hub")
    made: dict[str, str] = {}
    for subentry in everything.subentries():
        kind = subentry["subentry_type"]
        if subentry["subentry_id"] == GLUETUN_ID:
            data = {**subentry["data"], "portainer": made[PORTAINER_ID]}
        else:
            data = dict(subentry["data"])
        result = await create(hass, entry, kind, data)
        await hass.async_block_till_done()
        created = next(s for s in entry.subentries.values() if s.subentry_id not in made.values())
        made[str(subentry["subentry_id"])] = created.subentry_id
        name = f"{kind}-{sum(1 for s in entry.subentries.values() if s.subentry_type == kind)}"
        replacements[created.subentry_id] = str(subentry["subentry_id"])
        stored = {
            "subentry_type": created.subentry_type,
            "title": created.title,
            "unique_id": created.unique_id,
            "data": dict(created.data),
        }
        check = matched(hass, snapshot, replacements)
        assert {"result": result, "stored": stored} == check(name=name)
    assert await hass.config_entries.async_unload(entry.entry_id)
