"""A real download over loopback: one daemon seeds, the other downloads, HA fires `completed`."""

from __future__ import annotations

from collections.abc import Iterator
import filecmp

import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.pandora.const import EVENT_TORRENT_PREFIX
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.torrents import make_payload, make_torrent
from homeassistant.core import HomeAssistant
from tests.conftest import allow_loopback, hub_entry, qb_subentry, setup_hub
from tests.helpers import entity_id, get_state, poll_until

SIZE = 20 * 1024 * 1024


@pytest.fixture
def seeder() -> Iterator[QBittorrentDaemon]:
    allow_loopback()
    daemon = QBittorrentDaemon(version="4").start()
    yield daemon
    daemon.stop()


async def test_real_download_fires_completed(
    hass: HomeAssistant, qb_daemon: QBittorrentDaemon, seeder: QBittorrentDaemon
) -> None:
    payload = make_payload(seeder.host_base / "data", "Pandora Test Movie (2026).mkv", SIZE)
    torrent = make_torrent(payload)
    seeder.add_torrent_file(torrent.content, payload.parent, skip_checking=True)
    seeder.wait_for(lambda t: t["hash"] == torrent.infohash and t["progress"] == 1)

    completed = async_capture_events(hass, EVENT_TORRENT_PREFIX + "completed")
    added = async_capture_events(hass, EVENT_TORRENT_PREFIX + "added")
    hub = await setup_hub(hass, hub_entry(qb_subentry(qb_daemon)))
    client = next(iter(hub.runtime_data.qbittorrent.values())).client

    target = qb_daemon.host_base / "incoming"
    await client.add(
        torrent_files=[("movie.torrent", torrent.content)], save_path=qb_daemon.daemon_path(target)
    )
    await poll_until(hass, lambda: len(added) == 1)
    # Loopback moves 20 MiB in well under a poll: cap the rate so "downloading" is observed.
    qb_daemon.api(
        "torrents/setDownloadLimit", {"hashes": torrent.infohash, "limit": str(8 * 1024 * 1024)}
    )
    await client.add_peers([torrent.infohash], [f"127.0.0.1:{seeder.bt_port}"])

    downloading = entity_id(hass, "sensor", "torrents_downloading")
    saw_downloading = False

    def done() -> bool:
        nonlocal saw_downloading
        saw_downloading |= get_state(hass, downloading).state == "1"
        return bool(completed)

    await poll_until(hass, done, timeout=120)
    assert saw_downloading
    assert len(completed) == 1
    event = completed[0].data
    assert event["hash"] == torrent.infohash
    assert event["name"] == torrent.name
    assert event["size"] == SIZE
    assert filecmp.cmp(payload, target / torrent.name, shallow=False)
    assert get_state(hass, entity_id(hass, "sensor", "torrents_completed")).state == "1"
