"""Cloud Commander in Home Assistant (real cloudcmd): flow, sensor, file actions, Jellyfin scan."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
import hashlib
from pathlib import Path
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.pandora.const import (
    CONF_QBITTORRENT_ROOT,
    CONF_VERIFY_SSL,
    DEFAULT_FOLDERS,
    DOMAIN,
    EVENT_FILES_MOVED,
    SUBENTRY_CLOUDCMD,
    SUBENTRY_JELLYFIN,
)
from devtools.simulators.jellyfin import JellyfinSimulator, start as start_jellyfin
from devtools.support.cloudcmd import CloudCommander
from homeassistant.config_entries import SOURCE_USER, ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import Context, HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized
from tests.conftest import allow_loopback, hub_entry, setup_hub
from tests.helpers import entity_id, get_state, poll

USER, PASSWORD = "pandora", "s3cret pw"


@pytest.fixture
def cloudcmd() -> Iterator[CloudCommander]:
    allow_loopback()
    with CloudCommander(username=USER, password=PASSWORD) as server:
        yield server


def share_subentry(server: CloudCommander, password: str = PASSWORD) -> ConfigSubentryData:
    return ConfigSubentryData(
        data={
            CONF_URL: server.url,
            CONF_USERNAME: USER,
            CONF_PASSWORD: password,
            CONF_VERIFY_SSL: True,
            **DEFAULT_FOLDERS,
            CONF_QBITTORRENT_ROOT: "",
        },
        subentry_type=SUBENTRY_CLOUDCMD,
        title="Share",
        unique_id=server.url,
    )


@pytest.fixture
async def jellyfin(cloudcmd: CloudCommander) -> AsyncIterator[JellyfinSimulator]:
    sim = JellyfinSimulator(
        libraries=[
            ("Movies", "movies", str(cloudcmd.root / "Movies")),
            ("Shows", "tvshows", str(cloudcmd.root / "TV Shows")),
        ],
        scan_duration=0.5,
    )
    runner, port = await start_jellyfin(sim)
    sim.url = f"http://127.0.0.1:{port}"  # type: ignore[attr-defined]
    yield sim
    await runner.cleanup()


@pytest.fixture
async def hub(
    hass: HomeAssistant, cloudcmd: CloudCommander, jellyfin: JellyfinSimulator
) -> MockConfigEntry:
    url = jellyfin.url  # type: ignore[attr-defined]
    return await setup_hub(
        hass,
        hub_entry(
            share_subentry(cloudcmd),
            ConfigSubentryData(
                data={CONF_URL: url, CONF_API_KEY: jellyfin.api_key, CONF_VERIFY_SSL: True},
                subentry_type=SUBENTRY_JELLYFIN,
                title="Jellyfin",
                unique_id=url,
            ),
        ),
    )


def downloaded(server: CloudCommander, name: str, content: bytes) -> Path:
    path = server.root / "Downloaded" / name
    path.write_bytes(content)
    return path


async def call(
    hass: HomeAssistant, service: str, context: Context | None = None, **data: Any
) -> Any:
    return await hass.services.async_call(
        DOMAIN, service, data, blocking=True, return_response=True, context=context
    )


async def test_add_share_flow(hass: HomeAssistant, cloudcmd: CloudCommander) -> None:
    entry = hub_entry()
    entry.add_to_hass(hass)
    result = await hass.config_entries.subentries.async_init(
        (entry.entry_id, SUBENTRY_CLOUDCMD), context={"source": SOURCE_USER}
    )
    form = dict(share_subentry(cloudcmd, password="wrong")["data"])
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], form)
    assert result["errors"] == {"base": "invalid_auth"}
    form |= {CONF_PASSWORD: PASSWORD, "movies_folder": "/Films"}
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], form)
    assert result["errors"] == {"movies_folder": "folder_not_found"}
    form |= {"movies_folder": "/../Movies"}
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], form)
    assert result["errors"] == {"movies_folder": "folder_not_found"}
    form |= {"movies_folder": "/Movies"}
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], form)
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_reauth_asks_for_username_and_password(
    hass: HomeAssistant, cloudcmd: CloudCommander
) -> None:
    hub = hub_entry(share_subentry(cloudcmd, password="old"))
    hub.add_to_hass(hass)
    (subentry_id,) = hub.subentries
    result = await hub.start_reauth_flow(hass, data={"subentry_id": subentry_id})
    assert result["step_id"] == "reauth_confirm"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: USER, CONF_PASSWORD: "still wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: USER, CONF_PASSWORD: PASSWORD}
    )
    assert result["reason"] == "reauth_successful"
    assert hub.subentries[subentry_id].data[CONF_PASSWORD] == PASSWORD


async def test_sensor_list_and_move_into_the_library(
    hass: HomeAssistant, cloudcmd: CloudCommander, jellyfin: JellyfinSimulator, hub: MockConfigEntry
) -> None:
    content = bytes(range(256)) * 4096
    downloaded(cloudcmd, "Night.of.the.Living.Dead.1968.1080p.BluRay.mkv", content)
    (cloudcmd.root / "Downloaded" / "extras").mkdir()
    share = next(iter(hub.runtime_data.cloudcmd.values()))
    await share.async_refresh()
    sensor = entity_id(hass, "sensor", "downloaded_items")
    assert get_state(hass, sensor).state == "2"
    assert get_state(hass, sensor).attributes["unit_of_measurement"] == "items"

    listing = await call(hass, "list_files", path="/Downloaded")
    files = {f["name"]: f for f in listing["files"]}
    assert files["extras"]["type"] == "directory"
    assert files["Night.of.the.Living.Dead.1968.1080p.BluRay.mkv"]["size"] == len(content)
    assert str(cloudcmd.root) not in str(listing)  # no server paths leak

    moved_events = async_capture_events(hass, EVENT_FILES_MOVED)
    result = await call(
        hass,
        "move_files",
        paths=["/Downloaded/Night.of.the.Living.Dead.1968.1080p.BluRay.mkv"],
        destination="movies",
        folder="Night of the Living Dead (1968)",
    )
    assert result["destination"] == "/Movies/Night of the Living Dead (1968)"
    assert result["scanned"] == ["Movies"]
    target = cloudcmd.root / "Movies" / "Night of the Living Dead (1968)"
    landed = target / "Night.of.the.Living.Dead.1968.1080p.BluRay.mkv"
    assert hashlib.sha256(landed.read_bytes()).digest() == hashlib.sha256(content).digest()
    assert [c.item_id for c in jellyfin.refresh_calls] == [jellyfin.library("Movies").item_id]
    assert moved_events[0].data["moved"]
    assert hub.runtime_data.history.files()[0]["action"] == "moved"
    await share.async_refresh()
    assert get_state(hass, sensor).state == "1"


async def test_never_overwrites(
    hass: HomeAssistant, cloudcmd: CloudCommander, hub: MockConfigEntry
) -> None:
    downloaded(cloudcmd, "clip.mkv", b"new")
    (cloudcmd.root / "Movies" / "clip.mkv").write_bytes(b"old")
    with pytest.raises(HomeAssistantError, match="never overwrites"):
        await call(hass, "move_files", paths=["/Downloaded/clip.mkv"], destination="movies")
    assert (cloudcmd.root / "Downloaded" / "clip.mkv").read_bytes() == b"new"
    assert (cloudcmd.root / "Movies" / "clip.mkv").read_bytes() == b"old"


@pytest.mark.parametrize(
    ("service", "data"),
    [
        ("list_files", {"path": "/../etc"}),
        ("move_files", {"paths": ["/Downloaded/x"], "destination": "/../outside"}),
        ("move_files", {"paths": ["/%2e%2e/x"], "destination": "movies"}),
        ("delete_files", {"paths": ["/"]}),
    ],
)
async def test_escapes_are_refused(
    hass: HomeAssistant,
    cloudcmd: CloudCommander,
    hub: MockConfigEntry,
    service: str,
    data: dict[str, Any],
) -> None:
    sentinel = cloudcmd.outside / "sentinel.txt"
    sentinel.write_text("keep")
    with pytest.raises(ServiceValidationError, match="outside the share"):
        await hass.services.async_call(
            DOMAIN, service, data, blocking=True, return_response=service == "list_files"
        )
    assert sentinel.read_text() == "keep"
    assert (cloudcmd.root / "Downloaded").is_dir()
    assert cloudcmd.alive()


async def test_bad_folder_name_and_delete(
    hass: HomeAssistant, cloudcmd: CloudCommander, hub: MockConfigEntry, hass_read_only_user: Any
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "move_files", paths=["/Downloaded/a"], destination="movies", folder="../x")
    assert err.value.translation_key == "invalid_folder_name"
    with pytest.raises(ServiceValidationError) as err:  # not the share itself
        await hass.services.async_call(DOMAIN, "delete_files", {"paths": [""]}, blocking=True)
    assert err.value.translation_key == "field_empty"
    downloaded(cloudcmd, "junk.txt", b"x")
    with pytest.raises(Unauthorized):
        await hass.services.async_call(
            DOMAIN,
            "delete_files",
            {"paths": ["/Downloaded/junk.txt"]},
            blocking=True,
            context=Context(user_id=hass_read_only_user.id),
        )
    await hass.services.async_call(
        DOMAIN, "delete_files", {"paths": ["/Downloaded/junk.txt"]}, blocking=True
    )
    assert not (cloudcmd.root / "Downloaded" / "junk.txt").exists()
    assert hub.runtime_data.history.files()[0]["action"] == "deleted"


async def test_share_down_makes_the_sensor_unavailable(
    hass: HomeAssistant, cloudcmd: CloudCommander, hub: MockConfigEntry
) -> None:
    sensor = entity_id(hass, "sensor", "downloaded_items")
    cloudcmd.stop()
    await poll(hass, 120)
    assert get_state(hass, sensor).state == "unavailable"


async def test_no_share(hass: HomeAssistant) -> None:
    await setup_hub(hass, hub_entry())
    with pytest.raises(ServiceValidationError, match="No Cloud Commander"):
        await call(hass, "list_files")
