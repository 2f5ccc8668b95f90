"""Config flow: the hub, the qBittorrent subentry (real daemons), reauth, reconfigure, options."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser

from custom_components.pandora.api.errors import ServiceError
from custom_components.pandora.config_flow import PandoraConfigFlow
from custom_components.pandora.const import CONF_VERIFY_SSL, DOMAIN, SUBENTRY_QBITTORRENT
from devtools.support.qbittorrent_daemon import QBittorrentDaemon, free_port
from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
from homeassistant.helpers import device_registry as dr
from tests.conftest import hub_entry, qb_subentry, setup_hub
from tests.helpers import OLDER_OPTIONS_FORM, filled_in

CONNECT = "custom_components.pandora.api.qbittorrent.QBittorrentClient.connect"


def form(daemon: QBittorrentDaemon, **overrides: object) -> dict[str, object]:
    return {
        CONF_URL: daemon.url,
        CONF_USERNAME: daemon.username,
        CONF_PASSWORD: daemon.password,
        CONF_VERIFY_SSL: True,
    } | overrides


async def start_subentry_flow(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    result = await hass.config_entries.subentries.async_init(
        (entry.entry_id, SUBENTRY_QBITTORRENT), context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    return result["flow_id"]


@pytest.fixture
def entry(hass: HomeAssistant) -> MockConfigEntry:
    hub = hub_entry()
    hub.add_to_hass(hass)
    return hub


async def test_hub_is_created_once(hass: HomeAssistant) -> None:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.FORM
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Pandora"
    assert result["options"] == {}
    assert (result["version"], result["minor_version"]) == (
        PandoraConfigFlow.VERSION,
        PandoraConfigFlow.MINOR_VERSION,
    )
    await hass.async_block_till_done()

    again = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert again["type"] is FlowResultType.ABORT
    assert again["reason"] == "single_instance_allowed"


async def test_add_qbittorrent(
    hass: HomeAssistant, entry: MockConfigEntry, qb_daemon: QBittorrentDaemon
) -> None:
    flow_id = await start_subentry_flow(hass, entry)
    result = await hass.config_entries.subentries.async_configure(
        flow_id, form(qb_daemon, **{CONF_URL: qb_daemon.url.upper().replace("HTTP", "http") + "/"})
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    # The plain name (entity names Assist matches as people say them: "qBittorrent ...").
    assert result["title"] == "qBittorrent"
    (subentry,) = entry.subentries.values()
    assert subentry.subentry_type == SUBENTRY_QBITTORRENT
    assert subentry.unique_id == qb_daemon.url
    assert subentry.data[CONF_URL] == qb_daemon.url
    assert subentry.data[CONF_PASSWORD] == qb_daemon.password


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({CONF_PASSWORD: "wrong"}, {"base": "invalid_auth"}),
        ({CONF_URL: "ftp://127.0.0.1"}, {CONF_URL: "invalid_url"}),
        ({CONF_URL: "not a url"}, {CONF_URL: "invalid_url"}),
    ],
)
async def test_add_errors_then_recover(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    qb_daemon: QBittorrentDaemon,
    overrides: dict[str, object],
    errors: dict[str, str],
) -> None:
    flow_id = await start_subentry_flow(hass, entry)
    result = await hass.config_entries.subentries.async_configure(
        flow_id, form(qb_daemon, **overrides)
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == errors
    result = await hass.config_entries.subentries.async_configure(flow_id, form(qb_daemon))
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_add_unreachable(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    flow_id = await start_subentry_flow(hass, entry)
    result = await hass.config_entries.subentries.async_configure(
        flow_id,
        {
            CONF_URL: f"http://127.0.0.1:{free_port()}",
            CONF_USERNAME: "a",
            CONF_PASSWORD: "b",
            CONF_VERIFY_SSL: False,
        },
    )
    assert result["errors"] == {"base": "cannot_connect"}


async def test_add_banned(
    hass: HomeAssistant, entry: MockConfigEntry, qb4_daemon: QBittorrentDaemon
) -> None:
    flow_id = await start_subentry_flow(hass, entry)
    for _ in range(2):
        result = await hass.config_entries.subentries.async_configure(
            flow_id, form(qb4_daemon, password="bad")
        )
        assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.subentries.async_configure(flow_id, form(qb4_daemon))
    assert result["errors"] == {"base": "ip_banned"}


@pytest.mark.parametrize("error", [ServiceError("odd answer"), RuntimeError("bug")])
async def test_add_unexpected_error(
    hass: HomeAssistant, entry: MockConfigEntry, qb_daemon: QBittorrentDaemon, error: Exception
) -> None:
    flow_id = await start_subentry_flow(hass, entry)
    with patch(CONNECT, side_effect=error):
        result = await hass.config_entries.subentries.async_configure(flow_id, form(qb_daemon))
    assert result["errors"] == {"base": "unknown"}


async def test_duplicate_address_keeps_the_form(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    """The same qBittorrent under another spelling, with a wrong password: the form names the
    service that has the address and keeps what was typed; no login is tried (failed logins
    get Home Assistant banned)."""
    hub = hub_entry(qb_subentry(qb_daemon))
    hub.add_to_hass(hass)
    flow_id = await start_subentry_flow(hass, hub)
    typed = form(qb_daemon, url=qb_daemon.url.replace("127.0.0.1", "localhost") + "/", password="x")
    with patch(CONNECT) as connect:
        result = await hass.config_entries.subentries.async_configure(flow_id, typed)
    connect.assert_not_called()
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_URL: "already_configured"}
    (existing,) = hub.subentries.values()
    assert result["description_placeholders"] == {"title": existing.title}
    assert filled_in(result) == typed


async def test_a_second_service_of_a_kind_is_named_by_its_host(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    other = QBittorrentDaemon(version="4").start()
    try:
        hub = hub_entry(qb_subentry(qb_daemon, title="qBittorrent"))
        hub.add_to_hass(hass)
        # Reconfiguring keeps a plain (or chosen) name.
        (first,) = hub.subentries
        result = await hub.start_subentry_reconfigure_flow(hass, first)
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], form(qb_daemon, password="")
        )
        assert result["reason"] == "reconfigure_successful"
        assert hub.subentries[first].title == "qBittorrent"
        # A second: both are named by their host.
        flow_id = await start_subentry_flow(hass, hub)
        result = await hass.config_entries.subentries.async_configure(flow_id, form(other))
        assert result["title"] == f"qBittorrent 127.0.0.1:{other.webui_port}"
        assert hub.subentries[first].title == f"qBittorrent 127.0.0.1:{qb_daemon.webui_port}"
    finally:
        other.stop()


async def test_the_first_device_takes_its_host_with_a_second(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    """Its device follows the new title, unless the user renamed the device."""
    hub = await setup_hub(hass, hub_entry(qb_subentry(qb_daemon, title="qBittorrent")))
    devices = dr.async_get(hass)
    (subentry_id,) = hub.subentries
    first = devices.async_get_device_by_identifier((DOMAIN, subentry_id), hub.entry_id)
    assert first is not None
    assert first.name == "qBittorrent"
    devices.async_update_device(first.id, name_by_user="Downloads")

    flow_id = await start_subentry_flow(hass, hub)
    url = f"http://127.0.0.1:{free_port()}"
    with patch(CONNECT):  # the second is down once added: its title is what matters
        result = await hass.config_entries.subentries.async_configure(
            flow_id, form(qb_daemon, url=url)
        )
    await hass.async_block_till_done()  # the hub reloads with both

    host = f"qBittorrent {qb_daemon.url.removeprefix('http://')}"
    assert result["title"] == f"qBittorrent {url.removeprefix('http://')}"
    assert {sub.title for sub in hub.subentries.values()} == {host, result["title"]}
    renamed = devices.async_get(first.id)
    assert renamed is not None
    assert (renamed.name, renamed.name_by_user) == (host, "Downloads")  # the user's name is shown


async def test_reconfigure(hass: HomeAssistant, qb_daemon: QBittorrentDaemon) -> None:
    other = QBittorrentDaemon(version="4")
    hub = hub_entry(qb_subentry(qb_daemon), qb_subentry(other, title="other"))
    hub.add_to_hass(hass)
    subentry_id = next(s for s, sub in hub.subentries.items() if sub.unique_id == qb_daemon.url)

    result = await hub.start_subentry_reconfigure_flow(hass, subentry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"
    # The fields in the add form's order: Password next to Username, not moved to the end.
    assert [str(key) for key in result["data_schema"].schema] == [
        CONF_URL,
        CONF_USERNAME,
        CONF_PASSWORD,
        CONF_VERIFY_SSL,
    ]

    # Wrong password: the form comes back with the error.
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], form(qb_daemon, password="wrong")
    )
    assert result["errors"] == {"base": "invalid_auth"}
    # The URL of another configured qBittorrent is refused.
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], form(qb_daemon, url=other.url)
    )
    assert result["errors"] == {CONF_URL: "already_configured"}
    assert result["description_placeholders"] == {"title": "other"}
    # An empty password keeps the stored one; TLS checking changes.
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], form(qb_daemon, password="", verify_ssl=False)
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    subentry = hub.subentries[subentry_id]
    assert subentry.data[CONF_PASSWORD] == qb_daemon.password
    assert subentry.data[CONF_VERIFY_SSL] is False
    # A title naming the host stays the host's.
    assert subentry.title == f"qBittorrent {qb_daemon.url.split('://')[1]}"


async def test_reauth(hass: HomeAssistant, qb_daemon: QBittorrentDaemon) -> None:
    stale = qb_subentry(qb_daemon)
    stale["data"] = {**stale["data"], CONF_PASSWORD: "old"}
    hub = hub_entry(stale)
    hub.add_to_hass(hass)
    (subentry_id,) = hub.subentries

    result = await hub.start_reauth_flow(hass, data={"subentry_id": subentry_id})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reauth_qbittorrent"
    assert result["description_placeholders"] == {
        "name": hub.subentries[subentry_id].title,
        "url": qb_daemon.url,
    }

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: qb_daemon.username, CONF_PASSWORD: "still-wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: qb_daemon.username, CONF_PASSWORD: qb_daemon.password}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert hub.subentries[subentry_id].data[CONF_PASSWORD] == qb_daemon.password


async def test_reauth_for_removed_service(hass: HomeAssistant) -> None:
    hub = hub_entry()
    hub.add_to_hass(hass)
    result = await hub.start_reauth_flow(hass, data={"subentry_id": "gone"})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_subentry_gone"


async def test_options(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    form = {
        "preferred_resolution": "2160p",
        "min_seeders": 3,
        "max_size_gb": 25,
        "excluded_words": " hindi, dubbed ",
        "pipeline": True,
        "file_into_library": True,
        "auto_approve_admins": True,
        "request_stall_minutes": 120,
        "request_notifications": True,
        "voice_control": True,
        "min_free_gb": 20,
        "disk_guard_pause": True,
    }
    # Pandora chooses each service's polling interval: not an option.
    with pytest.raises(InvalidData):
        await hass.config_entries.options.async_configure(
            result["flow_id"], form | {"scan_interval": 30}
        )
    result = await hass.config_entries.options.async_configure(result["flow_id"], form)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {
        "preferred_resolution": "2160p",
        "min_seeders": 3,
        "max_size_gb": 25.0,
        "excluded_words": "hindi, dubbed",
        "pipeline": True,
        "file_into_library": True,
        "auto_approve_admins": True,
        "auto_approve_users": [],
        "request_stall_minutes": 120,
        "request_notifications": True,
        "voice_control": True,
        # The seeding goals section left as it was: no goal.
        "seeding_goal_ratio": None,
        "seeding_goal_minutes": None,
        "seeding_goal_action": "pause",
        "seeding_goal_delete_files": False,
        "seeding_goal_categories": {},
        "min_free_gb": 20.0,
        "disk_guard_pause": True,
    }
    # A negative minimum is refused by the form.
    result = await hass.config_entries.options.async_init(entry.entry_id)
    with pytest.raises(InvalidData):
        await hass.config_entries.options.async_configure(
            result["flow_id"], form | {"min_free_gb": -1}
        )


async def test_options_without_the_disk_guard_fields(
    hass: HomeAssistant, entry: MockConfigEntry
) -> None:
    """A client that knows only the older fields (scripts, the demo) leaves the guard off."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], OLDER_OPTIONS_FORM
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options["min_free_gb"] == 0
    assert entry.options["disk_guard_pause"] is False


def _field(result: Any, name: str) -> tuple[Any, Any]:
    """A form field's key (with its suggested value) and selector."""
    schema = result["data_schema"].schema
    key = next(k for k in schema if k == name)
    return key, schema[key]


async def test_request_options(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    hass_admin_user: MockUser,
    hass_read_only_user: MockUser,
) -> None:
    hass_read_only_user.name = "Reader"
    inactive = MockUser(name="Gone", is_active=False).add_to_hass(hass)
    system = await hass.auth.async_create_system_user("Pandora test")
    result = await hass.config_entries.options.async_init(entry.entry_id)
    # The defaults: administrators approved, nobody else; two hours; notifications on.
    assert result["data_schema"] is not None
    suggested = {
        key: key.description["suggested_value"]
        for key in result["data_schema"].schema
        if key
        in (
            "auto_approve_admins",
            "auto_approve_users",
            "request_stall_minutes",
            "request_notifications",
            "voice_control",
            "min_free_gb",
            "disk_guard_pause",
        )
    }
    # ... voice satellites may only ask, and the disk guard is off.
    assert suggested == {
        "auto_approve_admins": True,
        "auto_approve_users": [],
        "request_stall_minutes": 120,
        "request_notifications": True,
        "voice_control": False,
        "min_free_gb": 0,
        "disk_guard_pause": False,
    }
    _, users = _field(result, "auto_approve_users")
    offered = {option["value"]: option["label"] for option in users.config["options"]}
    assert offered[hass_read_only_user.id] == "Reader"
    assert hass_admin_user.id in offered
    assert inactive.id not in offered and system.id not in offered
    assert users.config["multiple"] is True

    form = {
        "preferred_resolution": "1080p",
        "min_seeders": 1,
        "max_size_gb": 0,
        "pipeline": True,
        "file_into_library": False,
        "auto_approve_admins": False,
        "auto_approve_users": [hass_read_only_user.id],
        "request_stall_minutes": 30,
        "request_notifications": False,
        "voice_control": False,
        "min_free_gb": 0,
        "disk_guard_pause": False,
    }
    # Out of range or nobody's: refused by the form.
    for bad in ({"request_stall_minutes": 5}, {"auto_approve_users": ["nobody"]}):
        with pytest.raises(InvalidData):
            await hass.config_entries.options.async_configure(result["flow_id"], form | bad)
    result = await hass.config_entries.options.async_configure(result["flow_id"], form)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options["auto_approve_admins"] is False
    assert entry.options["auto_approve_users"] == [hass_read_only_user.id]
    assert entry.options["request_stall_minutes"] == 30
    assert entry.options["request_notifications"] is False
    await hass.async_block_till_done()

    # A chosen user who is deleted later is no longer offered, nor kept.
    await hass.auth.async_remove_user(hass_read_only_user)
    result = await hass.config_entries.options.async_init(entry.entry_id)
    key, users = _field(result, "auto_approve_users")
    assert key.description["suggested_value"] == []
    assert hass_read_only_user.id not in {o["value"] for o in users.config["options"]}
