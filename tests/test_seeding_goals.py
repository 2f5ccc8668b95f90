"""Seeding goals and guard removals, against real qbittorrent-nox and a real Cloud Commander.

The rule under test above all: Pandora never deletes the files of a torrent whose data is in,
or was filed into, the library (files/removal.py).
"""

from __future__ import annotations

from collections.abc import Iterator
import filecmp
from pathlib import Path
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.pandora.const import EVENT_FILES_MOVED
from custom_components.pandora.downloads import HOLD_GOAL, QBittorrentCoordinator
from custom_components.pandora.files import async_remove_torrents
from devtools.simulators.jellyfin import JellyfinSimulator
from devtools.support.cloudcmd import CloudCommander
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.torrents import (
    TorrentFile,
    add_stalled,
    make_payload,
    make_torrent,
    random_suffix,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
from homeassistant.exceptions import ServiceValidationError
from tests.conftest import allow_loopback, hub_entry, qb_subentry, setup_hub
from tests.helpers import (
    OLDER_OPTIONS_FORM,
    entity_id,
    filled_in,
    get_state,
    poll,
    poll_until,
)

# The pipeline's own set-up: a seeder and a downloader (4.5, on this host, seeing the share at
# its real path), a real Cloud Commander share, the Jellyfin simulator, a release to download.
from tests.test_pipeline import (  # noqa: F401 (fixtures)
    FILED,
    NAME,
    daemons,
    download,
    jellyfin,
    release,
    share,
    subentries,
)


@pytest.fixture
def daemon() -> Iterator[QBittorrentDaemon]:
    """A 4.5 daemon on this host: it sees the share at its real path."""
    allow_loopback()
    with QBittorrentDaemon(version="4") as qb:
        yield qb


def seed(daemon: QBittorrentDaemon, folder: Path, name: str, size: int = 200_000) -> TorrentFile:
    """A complete torrent whose data is in `folder` (seeding, nothing to download)."""
    torrent = make_torrent(make_payload(folder, name, size))
    daemon.add_torrent_file(torrent.content, folder, skip_checking=True)
    return torrent


async def test_removal_keeps_library_files(
    hass: HomeAssistant, daemon: QBittorrentDaemon, share: CloudCommander
) -> None:
    """Asked to delete files, a removal deletes only those outside the library."""
    in_library = seed(daemon, share.root / "Movies" / "Film (2001)", "Film.2001.mkv")
    elsewhere = seed(daemon, share.root / "Downloaded", "Other.2002.mkv")
    hub = await setup_hub(hass, hub_entry(qb_subentry(daemon), share.subentry()))
    coordinator = next(iter(hub.runtime_data.qbittorrent.values()))
    await poll_until(hass, lambda: len(coordinator.client.maindata.torrents) == 2)

    removal = await async_remove_torrents(
        hass,
        coordinator.subentry.subentry_id,
        [in_library.infohash.upper(), elsewhere.infohash, "0" * 40],
        delete_files=True,
    )

    assert removal.removed == {in_library.infohash, elsewhere.infohash}
    assert removal.library == {in_library.infohash}
    assert removal.files_deleted == {elsewhere.infohash}
    assert removal.missing == {"0" * 40}
    assert not removal.busy
    await poll_until(hass, lambda: not coordinator.client.maindata.torrents)
    assert in_library.path.read_bytes()  # the library copy is still there, whole
    assert in_library.path.stat().st_size == 200_000
    assert not elsewhere.path.exists()

    with pytest.raises(ServiceValidationError):
        await async_remove_torrents(hass, "no-such-qbittorrent", [in_library.infohash])


# --- the goal guard -------------------------------------------------------------------------


def _coordinator(hub: MockConfigEntry) -> QBittorrentCoordinator:
    coordinator: QBittorrentCoordinator = next(iter(hub.runtime_data.qbittorrent.values()))
    return coordinator


def _paused(daemon: QBittorrentDaemon, torrent_hash: str) -> bool:
    torrent = next(t for t in daemon.torrents() if t["hash"] == torrent_hash)
    return str(torrent["state"]).startswith(("paused", "stopped"))


async def test_a_met_goal_pauses_and_holds_once(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    """Seeding time 0: a finished torrent is paused and held at once; a downloading one never.

    Resumed by hand, the torrent is released and left seeding at the following polls.
    """
    done = seed(qb_daemon, qb_daemon.downloads / "done", f"Done.{random_suffix()}.mkv")
    stalled = add_stalled(qb_daemon, qb_daemon.host_base / "src", f"Stalled.{random_suffix()}")
    reached = async_capture_events(hass, "pandora_torrent_goal_reached")
    hub = await setup_hub(
        hass, hub_entry(qb_subentry(qb_daemon), seeding_goal_minutes=0, seeding_goal_action="pause")
    )
    coordinator = _coordinator(hub)
    await poll_until(hass, lambda: coordinator.holds.held_by(HOLD_GOAL) == {done.infohash})
    await poll_until(hass, lambda: _paused(qb_daemon, done.infohash), timeout=10)
    assert [e.data["hash"] for e in reached] == [done.infohash]
    data = reached[0].data
    assert data["reached"] == "seeding_time"
    assert data["action"] == "pause"
    assert data["goal"] == {
        "ratio": None,
        "seeding_minutes": 0,
        "action": "pause",
        "category": None,
    }
    history = hub.runtime_data.history.events()
    assert history[0]["event"] == "goal_reached"
    assert history[0]["hash"] == done.infohash
    sensor = entity_id(hass, "sensor", "torrents_goal_reached")
    await poll(hass)
    assert get_state(hass, sensor).state == "1"
    assert coordinator.holds.notices[HOLD_GOAL] == {"torrents": 1}  # the Downloads banner

    # Still downloading: never judged, however often qBittorrent is polled.
    await poll(hass)
    assert stalled.infohash in coordinator.client.maindata.torrents
    assert coordinator.holds.reason(stalled.infohash) is None
    assert not _paused(qb_daemon, stalled.infohash)

    # The user resumes it: Pandora lets it seed.
    await coordinator.client.resume([done.infohash])
    await poll_until(hass, lambda: not coordinator.holds.held_by(HOLD_GOAL))
    await poll(hass)
    await poll(hass)
    assert not _paused(qb_daemon, done.infohash)
    assert HOLD_GOAL not in coordinator.holds.notices
    assert coordinator.holds.reason(done.infohash) is None
    assert len(reached) == 1
    record = hub.runtime_data.history.goals_met(coordinator.subentry.subentry_id)
    assert record[done.infohash]["resumed"] is True
    assert get_state(hass, sensor).state == "1"


async def test_hold_is_restored_after_a_restart(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    """Holds live in memory: a reload holds again what the goal paused (history says so)."""
    done = seed(qb_daemon, qb_daemon.downloads / "done", f"Done.{random_suffix()}.mkv")
    hub = await setup_hub(hass, hub_entry(qb_subentry(qb_daemon), seeding_goal_ratio=0))
    await poll_until(hass, lambda: bool(_coordinator(hub).holds.held_by(HOLD_GOAL)))
    await poll_until(hass, lambda: _paused(qb_daemon, done.infohash), timeout=10)
    assert await hass.config_entries.async_reload(hub.entry_id)
    await hass.async_block_till_done()
    assert _coordinator(hub).holds.held_by(HOLD_GOAL) == {done.infohash}


async def test_real_ratio_and_a_category_goal(
    hass: HomeAssistant, daemons: tuple[QBittorrentDaemon, QBittorrentDaemon]
) -> None:
    """qBittorrent's own ratio, on a real seeder: a category's goal replaces the hub's."""
    seeder, downloader = daemons
    plain = seed(seeder, seeder.host_base / "data", f"Plain.{random_suffix()}.mkv", 2 << 20)
    kept = seed(seeder, seeder.host_base / "data", f"Kept.{random_suffix()}.mkv", 2 << 20)
    seeder.api("torrents/createCategory", {"category": "keep", "savePath": ""})
    seeder.api("torrents/setCategory", {"hashes": kept.infohash, "category": "keep"})
    reached = async_capture_events(hass, "pandora_torrent_goal_reached")
    hub = await setup_hub(
        hass,
        hub_entry(
            qb_subentry(seeder),
            seeding_goal_ratio=0.5,
            seeding_goal_categories={"keep": {"ratio": 50, "minutes": None, "action": "pause"}},
        ),
    )
    coordinator = _coordinator(hub)
    torrents = coordinator.client.maindata.torrents
    for torrent in (plain, kept):
        downloader.add_torrent_file(torrent.content, downloader.downloads)
    hashes = f"{plain.infohash}|{kept.infohash}"
    downloader.wait_for(lambda t: t["hash"] == kept.infohash)
    downloader.api("torrents/addPeers", {"hashes": hashes, "peers": f"127.0.0.1:{seeder.bt_port}"})

    await poll_until(hass, lambda: plain.infohash in coordinator.holds.held_by(HOLD_GOAL), 120)
    assert reached[0].data["reached"] == "ratio"
    assert reached[0].data["ratio"] >= 0.5
    # The kept torrent has passed the hub's ratio too: its category's goal (50) holds instead.
    await poll_until(hass, lambda: torrents[kept.infohash].ratio >= 0.5, 120)
    await poll(hass)
    assert coordinator.holds.reason(kept.infohash) is None
    assert not _paused(seeder, kept.infohash)
    assert [e.data["hash"] for e in reached] == [plain.infohash]


async def test_a_filed_torrent_is_removed_without_its_files(
    hass: HomeAssistant,
    daemons: tuple[QBittorrentDaemon, QBittorrentDaemon],
    share: CloudCommander,
    jellyfin: tuple[JellyfinSimulator, str],
    release: TorrentFile,
) -> None:
    """Goal "remove" with "delete files" on: the filed library copy survives, whole.

    The goal is met as soon as the download finishes (seeding time 0), while the pipeline is
    still filing it: the removal waits for the filing, then removes the torrent only.
    """
    _, downloader = daemons
    reached = async_capture_events(hass, "pandora_torrent_goal_reached")
    moved = async_capture_events(hass, EVENT_FILES_MOVED)
    hub = await setup_hub(
        hass,
        hub_entry(
            *subentries(downloader, share, jellyfin),
            file_into_library=True,
            seeding_goal_minutes=0,
            seeding_goal_action="remove",
            seeding_goal_delete_files=True,
        ),
    )
    hub.runtime_data.history.link(
        release.infohash, {"tmdb_id": 900001, "media_type": "movie", "release": NAME[:-4]}
    )
    await download(hass, hub, daemons, release)
    coordinator = _coordinator(hub)
    await poll_until(
        hass, lambda: release.infohash not in coordinator.client.maindata.torrents, 120
    )

    assert moved  # filed before it was removed
    assert [e.data["action"] for e in reached] == ["remove"]
    assert not downloader.torrents()
    filed = share.root / FILED
    assert filecmp.cmp(release.path, filed, shallow=False)  # every original byte
    assert not hub.runtime_data.history.goals_met(coordinator.subentry.subentry_id)


async def test_options_set_hub_and_category_goals(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon
) -> None:
    """The goals section, then one step per category picked (qBittorrent's are offered)."""
    qb_daemon.api("torrents/createCategory", {"category": "tv", "savePath": ""})
    hub = await setup_hub(
        hass,
        hub_entry(
            qb_subentry(qb_daemon),
            seeding_goal_categories={"old": {"ratio": 3.0, "minutes": None, "action": "remove"}},
        ),
    )
    result = await hass.config_entries.options.async_init(hub.entry_id)
    assert result["data_schema"] is not None
    section = result["data_schema"].schema["seeding_goals"]
    offered = section.schema.schema["categories"].config["options"]
    assert offered == ["old", "tv"]
    form = OLDER_OPTIONS_FORM | {
        "seeding_goals": {
            "seeding_goal_ratio": 2,
            "seeding_goal_action": "remove",
            "seeding_goal_delete_files": False,
            "categories": ["tv", " Linux ISOs ", "tv", " "],
        },
    }
    # A goal of 0 would be met the moment a download finishes: the form refuses it.
    goals: dict[str, Any] = form["seeding_goals"]
    for zero in ({"seeding_goal_ratio": 0}, {"seeding_goal_minutes": 0}):
        with pytest.raises(InvalidData):
            await hass.config_entries.options.async_configure(
                result["flow_id"], form | {"seeding_goals": goals | zero}
            )
    result = await hass.config_entries.options.async_configure(result["flow_id"], form)
    assert result["step_id"] == "category_goal"
    assert result["description_placeholders"] == {"category": "tv"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"action": "pause"}
    )
    assert result["errors"] == {"base": "goal_empty"}  # neither a ratio nor a time
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"minutes": 1440, "action": "pause"}
    )
    assert result["description_placeholders"] == {"category": "Linux ISOs"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"ratio": 1.5, "action": "remove"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    options = hub.options
    assert options["seeding_goal_ratio"] == 2.0
    assert options["seeding_goal_minutes"] is None
    assert options["seeding_goal_action"] == "remove"
    assert options["seeding_goal_delete_files"] is False
    assert options["seeding_goal_categories"] == {  # "old", left out, lost its own goal
        "tv": {"ratio": None, "minutes": 1440, "action": "pause"},
        "Linux ISOs": {"ratio": 1.5, "minutes": None, "action": "remove"},
    }
    await hass.async_block_till_done()

    # Shown again: the goals as saved, each category's step filled in.
    result = await hass.config_entries.options.async_init(hub.entry_id)
    assert result["data_schema"] is not None
    section = result["data_schema"].schema["seeding_goals"]
    assert filled_in({"data_schema": section.schema}) == {
        "seeding_goal_ratio": 2.0,
        "seeding_goal_action": "remove",
        "seeding_goal_delete_files": False,
        "categories": ["Linux ISOs", "tv"],
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], form)
    assert filled_in(result) == {"minutes": 1440, "action": "pause"}
