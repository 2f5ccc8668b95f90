"""The torrent feed's bookkeeping: changed fields only, one encoding per poll, missed syncs.

Coordinators here are stand-ins holding a real `MainDataState` fed qBittorrent-shaped answers
(the simulator's torrents); tests/test_websocket.py runs the feed against real qbittorrent-nox.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
import json
import random
from types import SimpleNamespace
from typing import Any

import pytest

from custom_components.pandora.api.qbittorrent_models import MainDataState, SyncDelta, Torrent
from custom_components.pandora.downloads import HOLD_GOAL, HOLD_VPN, TorrentHolds
from custom_components.pandora.panel import feeds as websocket_feeds
from custom_components.pandora.panel.feeds import TorrentFeed
from devtools.simulators.qbittorrent import make_torrent
from homeassistant.core import HomeAssistant

NOW = 1_795_000_000


def _raw(index: int, **changes: Any) -> tuple[str, dict[str, Any]]:
    torrent_hash, data = make_torrent(index, random.Random(index), NOW)
    return torrent_hash, {k: v for k, v in data.items() if k != "hash"} | changes


@dataclass
class FakeCoordinator:
    """What the feed reads of a `QBittorrentCoordinator`."""

    title: str
    data: MainDataState = field(default_factory=MainDataState)
    last_delta: SyncDelta | None = None
    syncs: int = 0
    last_update_success: bool = True
    listeners: list[Callable[[], None]] = field(default_factory=list)
    holds: TorrentHolds = field(default_factory=TorrentHolds)

    @property
    def subentry(self) -> Any:
        return SimpleNamespace(title=self.title)

    def async_add_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)

    def sync(self, payload: dict[str, Any], *, notify: bool = True) -> None:
        """One poll: merge the answer, then tell the listeners (as the coordinator does)."""
        self.last_delta = self.data.apply({"rid": self.data.rid + 1} | payload)
        self.syncs += 1
        self.last_update_success = True
        if notify:
            for listener in list(self.listeners):
                listener()

    def fail(self) -> None:
        self.last_update_success = False
        for listener in list(self.listeners):
            listener()


def _runtime(**coordinators: FakeCoordinator) -> Any:
    return SimpleNamespace(qbittorrent=coordinators)


def _subscriber(feed: TorrentFeed) -> tuple[list[str], Callable[[], None]]:
    """A panel: what it was sent (JSON texts), and its unsubscribe."""
    texts: list[str] = []
    return texts, feed.subscribe(texts.append)


def _events(texts: list[str]) -> list[dict[str, Any]]:
    return [json.loads(text) for text in texts]


async def test_first_event_is_compact_then_only_changed_fields(hass: HomeAssistant) -> None:
    nas = FakeCoordinator("qBittorrent nas:8080")
    torrents = dict(_raw(i) for i in range(3))
    nas.sync({"full_update": True, "torrents": torrents})
    feed = TorrentFeed.of(hass, _runtime(nas=nas))
    texts, _ = _subscriber(feed)

    (first,) = _events(texts)
    assert first["full"] is True
    assert first["instances"] == {"nas": "qBittorrent nas:8080"}
    # Only what a row shows (no ratio, tags, save path, dates as text), as columns.
    fields = [
        "instance",
        "hash",
        "name",
        "state",
        "status",
        "progress",
        "size",
        "download_speed",
        "upload_speed",
        "eta",
        "added",
        "held",
    ]
    assert first["fields"] == fields
    assert len(first["rows"]) == 3
    row = dict(zip(fields, first["rows"][0], strict=True))
    assert row["instance"] == "nas" and row["hash"] in torrents
    assert isinstance(row["added"], int)

    hashes = list(torrents)
    nas.sync(
        {
            "torrents": {
                hashes[0]: {"upspeed": 4242, "ratio": 9.9},  # ratio is not shown: not sent
                hashes[1]: {"ratio": 1.5},  # nothing shown changed: not sent at all
            },
            "torrents_removed": [hashes[2]],
        }
    )
    second = _events(texts)[1]
    assert second == {
        "full": False,
        "torrents": [{"instance": "nas", "hash": hashes[0], "upload_speed": 4242}],
        "removed": [{"instance": "nas", "hash": hashes[2]}],
        "unavailable": [],
    }
    new_hash, new = _raw(7)
    nas.sync({"torrents": {new_hash: new}})
    added = _events(texts)[2]["torrents"]
    assert len(added) == 1 and list(added[0]) == fields  # a new torrent comes whole

    nas.sync({})  # a poll that changed nothing sends nothing
    assert len(texts) == 3


async def test_holds_are_sent_with_or_without_a_sync(hass: HomeAssistant) -> None:
    nas = FakeCoordinator("nas")
    torrents = dict(_raw(i) for i in range(3))
    hashes = list(torrents)
    nas.sync({"full_update": True, "torrents": torrents})
    nas.holds.hold([hashes[2]], HOLD_GOAL)  # held before any panel subscribed
    texts, _ = _subscriber(TorrentFeed.of(hass, _runtime(nas=nas)))
    first = _events(texts)[0]
    held = {row[1]: row[-1] for row in first["rows"]}
    assert held == {hashes[0]: None, hashes[1]: None, hashes[2]: HOLD_GOAL}

    # A guard holds a torrent and tells the listeners, before qBittorrent's next answer.
    nas.holds.hold([hashes[0]], HOLD_VPN)
    for listener in list(nas.listeners):
        listener()
    assert _events(texts)[1]["torrents"] == [{"instance": "nas", "hash": hashes[0], "held": "vpn"}]

    # The VPN comes back with the next sync: the hold and the new state come together.
    nas.holds.release(HOLD_VPN)
    nas.sync({"torrents": {hashes[0]: {"state": "downloading"}}})
    (change,) = _events(texts)[2]["torrents"]
    assert change["held"] is None and change["state"] == "downloading"
    # The VPN's hold shows before a met goal's; releasing the first shows the second.
    nas.holds.hold([hashes[2]], HOLD_VPN)
    nas.sync({})
    assert _events(texts)[3]["torrents"] == [{"instance": "nas", "hash": hashes[2], "held": "vpn"}]
    nas.holds.release(HOLD_VPN, [hashes[2]])
    nas.sync({})
    assert _events(texts)[4]["torrents"] == [{"instance": "nas", "hash": hashes[2], "held": "goal"}]
    # A removed torrent is forgotten by its holds.
    nas.holds.forget([hashes[2]])
    assert len(nas.holds) == 0


async def test_panels_share_one_encoded_event(hass: HomeAssistant) -> None:
    nas = FakeCoordinator("nas")
    torrents = dict(_raw(i) for i in range(2))
    nas.sync({"full_update": True, "torrents": torrents})
    feed = TorrentFeed.of(hass, _runtime(nas=nas))
    first, leave_first = _subscriber(feed)
    second, _ = _subscriber(feed)
    assert TorrentFeed.of(hass, _runtime(nas=nas)) is not feed  # another hub, another feed
    # One listener on the coordinator, however many panels.
    assert len(nas.listeners) == 1
    # The second panel got the snapshot the first one did (encoded once).
    assert first[0] is second[0]

    nas.sync({"torrents": {next(iter(torrents)): {"upspeed": 1}}})
    assert first[1] is second[1]

    leave_first()
    assert len(nas.listeners) == 1
    nas.sync({"torrents": {next(iter(torrents)): {"upspeed": 2}}})
    assert len(first) == 2 and len(second) == 3


async def test_last_subscriber_leaving_stops_the_feed(hass: HomeAssistant) -> None:
    nas = FakeCoordinator("nas")
    nas.sync({"full_update": True, "torrents": dict([_raw(0)])})
    runtime = _runtime(nas=nas)
    feed = TorrentFeed.of(hass, runtime)
    _, leave = _subscriber(feed)
    leave()
    assert nas.listeners == []
    assert TorrentFeed.of(hass, runtime) is not feed


async def test_a_missed_sync_is_caught_up_by_comparing(hass: HomeAssistant) -> None:
    nas = FakeCoordinator("nas")
    torrents = dict(_raw(i) for i in range(3))
    nas.sync({"full_update": True, "torrents": torrents})
    texts, _ = _subscriber(TorrentFeed.of(hass, _runtime(nas=nas)))
    hashes = list(torrents)
    # Two syncs, the feed told only after the second: the first one's change must not be lost.
    nas.sync({"torrents": {hashes[0]: {"upspeed": 11}}}, notify=False)
    nas.sync({"torrents": {hashes[1]: {"upspeed": 22}}})
    changed = {t["hash"]: t for t in _events(texts)[1]["torrents"]}
    assert changed == {
        hashes[0]: {"instance": "nas", "hash": hashes[0], "upload_speed": 11},
        hashes[1]: {"instance": "nas", "hash": hashes[1], "upload_speed": 22},
    }

    # A full update (a new qBittorrent session) is compared too: only real changes are sent.
    speeds = dict(zip(hashes, (11, 22, 33), strict=True))
    fresh = {h: t | {"upspeed": speeds[h]} for h, t in torrents.items()}
    nas.sync({"full_update": True, "torrents": fresh})
    assert _events(texts)[2]["torrents"] == [
        {"instance": "nas", "hash": hashes[2], "upload_speed": 33}
    ]


async def test_unavailable_keeps_the_rows(hass: HomeAssistant) -> None:
    nas, box = FakeCoordinator("nas"), FakeCoordinator("box")
    nas.sync({"full_update": True, "torrents": dict([_raw(0)])})
    box.sync({"full_update": True, "torrents": dict([_raw(1)])})
    feed = TorrentFeed.of(hass, _runtime(nas=nas, box=box))
    texts, _ = _subscriber(feed)

    box.fail()
    assert _events(texts)[1] == {
        "full": False,
        "torrents": [],
        "removed": [],
        "unavailable": ["box"],
    }
    nas.fail()
    assert _events(texts)[2]["unavailable"] == ["nas", "box"]
    nas.fail()  # still down: nothing new to say
    assert len(texts) == 3
    # A panel opening now still sees every torrent, and which qBittorrents do not answer.
    late, _ = _subscriber(feed)
    snapshot = _events(late)[0]
    assert len(snapshot["rows"]) == 2 and snapshot["unavailable"] == ["nas", "box"]

    box.sync({})
    assert _events(texts)[3]["unavailable"] == ["nas"]


async def test_a_poll_looks_only_at_what_it_changed(
    hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    nas = FakeCoordinator("nas")
    torrents = dict(_raw(i) for i in range(50))
    nas.sync({"full_update": True, "torrents": torrents})
    texts, _ = _subscriber(TorrentFeed.of(hass, _runtime(nas=nas)))
    looked: list[str] = []
    row = websocket_feeds.torrent_row

    def counted(sub_id: str, torrent: Torrent, held: str | None = None) -> tuple[Any, ...]:
        looked.append(torrent.hash)
        return row(sub_id, torrent, held)

    monkeypatch.setattr(websocket_feeds, "torrent_row", counted)
    first = next(iter(torrents))
    nas.sync({"torrents": {first: {"upspeed": 5}}})
    # One torrent of fifty changed: one row built, not fifty (the sync's own delta says which).
    assert looked == [first]
    assert len(texts) == 2
