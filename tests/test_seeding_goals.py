"""Seeding goals and guard removals, against real qbittorrent-nox and a real Cloud Commander.

The rule under test above all: Pandora never deletes the files of a torrent whose data is in,
or was filed into, the library (files/removal.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from custom_components.pandora.files import async_remove_torrents
from devtools.support.cloudcmd import CloudCommander
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.torrents import TorrentFile, make_payload, make_torrent
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from tests.conftest import allow_loopback, hub_entry, qb_subentry, setup_hub
from tests.helpers import poll_until


@pytest.fixture
def share() -> Iterator[CloudCommander]:
    allow_loopback()
    with CloudCommander() as server:
        yield server


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
