"""Set-up, entities, availability, devices and unload against real qBittorrent daemons."""

from __future__ import annotations

from datetime import timedelta
import logging
import re
from types import MappingProxyType
from unittest.mock import patch

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora import async_migrate_entry
from custom_components.pandora.const import DOMAIN
from devtools.support.qbittorrent_daemon import QBittorrentDaemon, free_port
from devtools.support.torrents import make_payload, make_torrent
from homeassistant.components.sensor import DATA_COMPONENT
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er, issue_registry as ir
from homeassistant.helpers.template import Template
from homeassistant.setup import async_setup_component
from tests.conftest import hub_entry, qb_subentry, setup_hub
from tests.helpers import entity_id, get_state, poll, poll_until

SENSORS = [
    "download_speed",
    "upload_speed",
    "torrents_total",
    "torrents_downloading",
    "torrents_seeding",
    "torrents_paused",
    "torrents_errored",
    "torrents_completed",
    "torrents_goal_reached",
    "free_disk_space",
    "connection_status",
]


async def test_entities_and_device(
    hass: HomeAssistant, hub: MockConfigEntry, qb_daemon: QBittorrentDaemon
) -> None:
    assert hub.state is ConfigEntryState.LOADED
    (subentry_id,) = hub.subentries
    device = dr.async_get(hass).async_get_device_by_identifier((DOMAIN, subentry_id), hub.entry_id)
    assert device is not None
    assert device.sw_version and device.sw_version.startswith(
        "v4.5" if qb_daemon.version == "4" else "v5."
    )
    assert device.config_entry_id == hub.entry_id
    assert device.config_subentry_id == subentry_id

    entities = [
        e
        for e in er.async_entries_for_config_entry(er.async_get(hass), hub.entry_id)
        if e.config_subentry_id is not None  # not the hub's own (requests device)
    ]
    assert {e.unique_id.removeprefix(f"{subentry_id}_") for e in entities} == {
        *SENSORS,
        "alt_speed_limits",
        "pause_all",
        "resume_all",
        "torrent",
        "disk_space_low",
    }
    assert all(e.config_subentry_id == subentry_id and e.device_id == device.id for e in entities)

    assert get_state(hass, entity_id(hass, "sensor", "torrents_total")).state == "0"
    speed = get_state(hass, entity_id(hass, "sensor", "download_speed"))
    assert speed.attributes["unit_of_measurement"] == "MB/s"
    assert speed.attributes["state_class"] == "measurement"
    assert get_state(hass, entity_id(hass, "sensor", "connection_status")).state in {
        "connected",
        "firewalled",
        "disconnected",
    }
    assert float(get_state(hass, entity_id(hass, "sensor", "free_disk_space")).state) > 0
    assert get_state(hass, entity_id(hass, "switch", "alt_speed_limits")).state == STATE_OFF


async def test_units_and_precision(hass: HomeAssistant, hub: MockConfigEntry) -> None:
    """Units as users read them, and the precision dashboards, Assist and templates round to."""
    registry = er.async_get(hass)
    expected = {
        "download_speed": ("MB/s", 2),
        "upload_speed": ("MB/s", 2),
        "free_disk_space": ("GB", 1),
        **{key: ("torrents", 0) for key in SENSORS if key.startswith("torrents_")},
    }

    def precision(key: str) -> int | None:
        entry = registry.async_get(entity_id(hass, "sensor", key))
        assert entry is not None
        options = entry.options.get("sensor")
        return options.get("suggested_display_precision") if options else None

    for key, (unit, digits) in expected.items():
        state = get_state(hass, entity_id(hass, "sensor", key))
        assert state.attributes["unit_of_measurement"] == unit, key
        assert precision(key) == digits, key
    assert precision("connection_status") is None
    # "torrents" is the English translation, not a unit written into the code.
    total = entity_id(hass, "sensor", "torrents_total")
    entity = hass.data[DATA_COMPONENT].get_entity(total)
    assert entity is not None and entity.native_unit_of_measurement is None

    def shown(eid: str) -> str:
        template = "{{ states(eid, rounded=True, with_unit=True) }}"
        return str(Template(template, hass).async_render({"eid": eid}))

    # The state keeps every digit of the conversion from bytes; what people read is rounded.
    free = entity_id(hass, "sensor", "free_disk_space")
    assert re.fullmatch(r"\d+\.\d GB", shown(free)), shown(free)
    assert re.fullmatch(r"\d+\.\d\d MB/s", shown(entity_id(hass, "sensor", "download_speed")))
    assert shown(total) == "0 torrents"


async def test_count_units_stay_english(hass: HomeAssistant, qb_daemon: QBittorrentDaemon) -> None:
    """The state keeps the English unit in any language: statistics never see another one."""
    hass.config.language = "de"
    await setup_hub(hass, hub_entry(qb_subentry(qb_daemon)))
    state = get_state(hass, entity_id(hass, "sensor", "torrents_total"))
    assert state.attributes["unit_of_measurement"] == "torrents"


async def test_counts_follow_torrents(
    hass: HomeAssistant, hub: MockConfigEntry, qb_daemon: QBittorrentDaemon
) -> None:
    seeding = make_torrent(make_payload(qb_daemon.host_base / "data", "seed.bin", 300_000))
    qb_daemon.add_torrent_file(seeding.content, seeding.path.parent, skip_checking=True)
    paused = make_torrent(make_payload(qb_daemon.host_base / "data", "paused.bin", 300_000))
    qb_daemon.add_torrent_file(paused.content, qb_daemon.host_base / "elsewhere", paused=True)
    total = entity_id(hass, "sensor", "torrents_total")

    def state(key: str) -> str:
        return get_state(hass, entity_id(hass, "sensor", key)).state

    await poll_until(
        hass,
        lambda: (
            state("torrents_total") == "2"
            and state("torrents_seeding") == "1"
            and state("torrents_paused") == "1"
        ),
    )
    assert state("torrents_completed") == "1"
    assert state("torrents_downloading") == "0"
    assert state("torrents_errored") == "0"
    assert get_state(hass, total).attributes["unit_of_measurement"] == "torrents"


async def test_switch_and_buttons(
    hass: HomeAssistant, hub: MockConfigEntry, qb_daemon: QBittorrentDaemon
) -> None:
    switch = entity_id(hass, "switch", "alt_speed_limits")
    await hass.services.async_call("switch", "turn_on", {"entity_id": switch}, blocking=True)
    await poll_until(hass, lambda: get_state(hass, switch).state == STATE_ON)
    await hass.services.async_call("switch", "turn_off", {"entity_id": switch}, blocking=True)
    await poll_until(hass, lambda: get_state(hass, switch).state == STATE_OFF)

    torrent = make_torrent(make_payload(qb_daemon.host_base / "data", "b.bin", 300_000))
    qb_daemon.add_torrent_file(torrent.content, torrent.path.parent, skip_checking=True)
    # Adding is asynchronous in qBittorrent: "pause all" only reaches torrents already there.
    qb_daemon.wait_for(lambda t: t["hash"] == torrent.infohash)
    paused = entity_id(hass, "sensor", "torrents_paused")
    await hass.services.async_call(
        "button", "press", {"entity_id": entity_id(hass, "button", "pause_all")}, blocking=True
    )
    await poll_until(hass, lambda: get_state(hass, paused).state == "1")
    await hass.services.async_call(
        "button", "press", {"entity_id": entity_id(hass, "button", "resume_all")}, blocking=True
    )
    await poll_until(hass, lambda: get_state(hass, paused).state == "0")


async def test_unavailable_and_back_logged_once(
    hass: HomeAssistant, qb4_daemon: QBittorrentDaemon, caplog: pytest.LogCaptureFixture
) -> None:
    await setup_hub(hass, hub_entry(qb_subentry(qb4_daemon)))
    total = entity_id(hass, "sensor", "torrents_total")
    assert get_state(hass, total).state == "0"
    port = qb4_daemon.webui_port
    qb4_daemon.stop()
    caplog.clear()
    with caplog.at_level(logging.INFO):
        await poll(hass)
        await poll(hass)
        await poll(hass)
    assert get_state(hass, total).state == STATE_UNAVAILABLE
    failures = [
        r
        for r in caplog.records
        if "Error fetching" in r.getMessage() or "Cannot update" in r.getMessage()
    ]
    assert len(failures) == 1, [r.getMessage() for r in caplog.records]

    # The same daemon comes back on the same port.
    revived = QBittorrentDaemon(version="4", webui_port=port)
    revived.start()
    try:
        caplog.clear()
        with caplog.at_level(logging.INFO):
            await poll_until(hass, lambda: get_state(hass, total).state == "0")
            await poll(hass)
        assert len([r for r in caplog.records if "recovered" in r.getMessage()]) == 1
    finally:
        revived.stop()


async def test_service_down_at_startup_does_not_block_the_hub(hass: HomeAssistant) -> None:
    ghost = QBittorrentDaemon(version="4", webui_port=free_port())
    hub = await setup_hub(hass, hub_entry(qb_subentry(ghost)))
    assert hub.state is ConfigEntryState.LOADED
    assert get_state(hass, entity_id(hass, "sensor", "torrents_total")).state == STATE_UNAVAILABLE


async def test_wrong_credentials_start_reauth(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    data = qb_subentry(qb_daemon)
    data["data"] = {**data["data"], "password": "changed-elsewhere"}
    hub = await setup_hub(hass, hub_entry(data))
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert len(flows) == 1
    assert flows[0]["context"]["source"] == "reauth"
    assert flows[0]["step_id"] == "reauth_qbittorrent"
    assert get_state(hass, entity_id(hass, "sensor", "torrents_total")).state == STATE_UNAVAILABLE
    assert hub.state is ConfigEntryState.LOADED


async def test_ip_ban_raises_a_repair_issue(
    hass: HomeAssistant, qb4_daemon: QBittorrentDaemon
) -> None:
    hub = await setup_hub(hass, hub_entry(qb_subentry(qb4_daemon)))
    (subentry_id,) = hub.subentries
    for _ in range(2):  # someone else hammers the login from our address
        try:
            qb4_daemon._cookie = ""
            qb4_daemon.password, real = "bad", qb4_daemon.password
            qb4_daemon.api("app/version")
        except Exception:
            pass
        finally:
            qb4_daemon.password = real
    coordinator = hub.runtime_data.qbittorrent[subentry_id]
    coordinator.client._cookie = None  # next poll must log in, and is refused
    await poll(hass)
    issue = ir.async_get(hass).async_get_issue(DOMAIN, f"ip_banned_{subentry_id}")
    assert issue is not None and issue.translation_key == "ip_banned"
    assert get_state(hass, entity_id(hass, "sensor", "torrents_total")).state == STATE_UNAVAILABLE


async def test_unload_and_stale_devices(hass: HomeAssistant, qb_daemon: QBittorrentDaemon) -> None:
    hub = await setup_hub(hass, hub_entry(qb_subentry(qb_daemon)))
    (subentry_id,) = hub.subentries
    registry = dr.async_get(hass)
    stale = registry.async_get_or_create(
        config_entry_id=hub.entry_id, identifiers={(DOMAIN, "removed-service")}
    )
    assert await hass.config_entries.async_unload(hub.entry_id)
    assert hub.state is ConfigEntryState.NOT_LOADED
    assert await hass.config_entries.async_setup(hub.entry_id)
    await hass.async_block_till_done()
    assert registry.async_get(stale.id) is None
    assert registry.async_get_device_by_identifier((DOMAIN, subentry_id), hub.entry_id) is not None

    from custom_components.pandora import async_remove_config_entry_device

    current = registry.async_get_device_by_identifier((DOMAIN, subentry_id), hub.entry_id)
    assert current is not None
    assert not await async_remove_config_entry_device(hass, hub, current)


async def test_removing_the_subentry_removes_its_device(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    hub = await setup_hub(hass, hub_entry(qb_subentry(qb_daemon)))
    (subentry_id,) = hub.subentries
    assert hass.config_entries.async_remove_subentry(hub, subentry_id)
    await hass.async_block_till_done()
    assert (
        dr.async_get(hass).async_get_device_by_identifier((DOMAIN, subentry_id), hub.entry_id)
        is None
    )
    assert not [
        e
        for e in er.async_entries_for_config_entry(er.async_get(hass), hub.entry_id)
        if e.config_subentry_id is not None
    ]
    assert hub.state is ConfigEntryState.LOADED


async def test_options_change_reloads(hass: HomeAssistant, hub: MockConfigEntry) -> None:
    coordinator = next(iter(hub.runtime_data.qbittorrent.values()))
    hass.config_entries.async_update_entry(hub, options={"pipeline": True})
    await hass.async_block_till_done()
    new = next(iter(hub.runtime_data.qbittorrent.values()))
    assert new is not coordinator


@pytest.mark.shipped_intervals
async def test_polling_is_chosen_by_pandora(hass: HomeAssistant, hub: MockConfigEntry) -> None:
    (coordinator,) = hub.runtime_data.qbittorrent.values()
    # qBittorrent's incremental sync is cheap: every 5 s, whatever the options say.
    assert coordinator.update_interval == timedelta(seconds=5)


async def test_polling_disabled_then_update_entity(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    """The README's way to poll otherwise: no polling, then `homeassistant.update_entity`."""
    assert await async_setup_component(hass, "homeassistant", {})
    current = hub_entry()
    await setup_hub(
        hass,
        MockConfigEntry(
            domain=DOMAIN,
            data={},
            subentries_data=[qb_subentry(qb_daemon)],
            version=current.version,
            minor_version=current.minor_version,
            pref_disable_polling=True,
        ),
    )
    total = entity_id(hass, "sensor", "torrents_total")
    torrent = make_torrent(make_payload(qb_daemon.host_base / "data", "c.bin", 300_000))
    qb_daemon.add_torrent_file(torrent.content, torrent.path.parent, skip_checking=True)
    qb_daemon.wait_for(lambda t: t["hash"] == torrent.infohash)
    await poll(hass)
    assert get_state(hass, total).state == "0"
    await hass.services.async_call(
        "homeassistant", "update_entity", {"entity_id": total}, blocking=True
    )
    assert get_state(hass, total).state == "1"


def old_hub(version: int, minor_version: int, **options: object) -> MockConfigEntry:
    """A hub entry as an older (or newer) Pandora stored it."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="Pandora",
        data={},
        options=options,
        version=version,
        minor_version=minor_version,
    )


async def test_migration_drops_the_poll_interval(hass: HomeAssistant) -> None:
    entry = await setup_hub(hass, old_hub(1, 1, scan_interval=2, voice_control=True))
    assert entry.state is ConfigEntryState.LOADED
    assert (entry.version, entry.minor_version) == (1, 2)
    assert dict(entry.options) == {"voice_control": True}


async def test_newer_minor_version_loads_untouched(hass: HomeAssistant) -> None:
    """A later 1.x only adds what this version ignores (a downgrade keeps working)."""
    entry = await setup_hub(hass, old_hub(1, 3, voice_control=True, later_option=1))
    assert entry.state is ConfigEntryState.LOADED
    assert (entry.version, entry.minor_version) == (1, 3)
    assert dict(entry.options) == {"voice_control": True, "later_option": 1}


async def test_newer_major_version_is_refused(hass: HomeAssistant) -> None:
    entry = old_hub(2, 1)
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.MIGRATION_ERROR
    # Home Assistant refuses it before asking Pandora; Pandora would refuse it as well.
    assert await async_migrate_entry(hass, entry) is False


async def test_a_service_added_during_setup_is_not_lost(hass: HomeAssistant) -> None:
    """Regression: adding services back to back raced the hub's reload (seen in the demo)."""
    from custom_components import pandora
    from homeassistant.config_entries import ConfigSubentry

    entry = hub_entry()
    entry.add_to_hass(hass)
    original = pandora._remove_stale_devices

    def add_while_setting_up(hass: HomeAssistant, entry: MockConfigEntry) -> None:
        # Runs after the services were read and before the update listener is registered.
        original(hass, entry)
        if not entry.subentries:  # only during the first set-up
            hass.config_entries.async_add_subentry(
                entry,
                ConfigSubentry(
                    data=MappingProxyType(
                        {"url": "http://127.0.0.1:9", "api_key": "k", "indexers": ""}
                    ),
                    subentry_type="jackett",
                    title="Jackett",
                    unique_id="http://127.0.0.1:9",
                ),
            )

    with patch.object(pandora, "_remove_stale_devices", add_while_setting_up):
        await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert len(entry.runtime_data.release_search.instances) == 1
