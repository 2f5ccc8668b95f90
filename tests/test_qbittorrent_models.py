"""Parsing and incremental merging, on answers recorded from real qBittorrent 4.5.2 and 5.3.0."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from custom_components.pandora.api.errors import ParseError, TorrentRejected
from custom_components.pandora.api.qbittorrent import _parse_add
from custom_components.pandora.api.qbittorrent_models import (
    MainDataState,
    ServerInfo,
    Torrent,
    TorrentStatus,
    status_of,
)

FIXTURES = Path(__file__).parent / "fixtures"
PAUSED = "3ba4093cf08be04df7ac64dc5fc11097cbe5a89d"
SEEDING = "59395f3d336af2c12da29fa73249c2d8d7333c11"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text())


def test_full_then_incremental_then_removed() -> None:
    state = MainDataState()
    delta = state.apply(load("qb_maindata_rid0.json"))
    assert delta.full_update
    assert set(delta.changed) == {PAUSED, SEEDING}
    assert all(old is None for old in delta.changed.values())
    assert state.torrents[PAUSED].status is TorrentStatus.PAUSED
    assert state.torrents[SEEDING].is_complete
    assert set(state.torrents[SEEDING].tags) == {"t1", "t2"}
    assert state.status_counts[TorrentStatus.PAUSED] == 1
    assert state.completed_count == 1
    assert state.server_state.connection_status == "firewalled"
    assert "research" in state.categories

    nochange = state.apply(load("qb_maindata_incr_nochange.json"))
    assert not nochange.changed and not nochange.removed and not nochange.server_state_changed

    resumed = state.apply(load("qb_maindata_incr_after_resume.json"))
    assert not resumed.full_update
    assert list(resumed.changed) == [PAUSED]
    old = resumed.changed[PAUSED]
    assert old is not None and not old.is_complete
    new = state.torrents[PAUSED]
    assert new.is_complete and new.state == "stalledUP"
    assert new.name == old.name  # fields not in the partial answer are kept
    assert state.status_counts[TorrentStatus.PAUSED] == 0
    assert state.status_counts[TorrentStatus.SEEDING] == 2
    assert state.completed_count == 2
    assert state.rid == 3

    removed = state.apply({"rid": 4, "torrents_removed": [PAUSED, "0" * 40]})
    assert list(removed.removed) == [PAUSED]
    assert state.completed_count == 1
    assert len(state.torrents) == 1


def test_full_update_replaces_and_reports_vanished() -> None:
    state = MainDataState()
    state.apply(load("qb_maindata_rid0.json"))
    delta = state.apply(load("qb_maindata_rid0_empty.json"))
    assert delta.full_update
    assert set(delta.removed) == {PAUSED, SEEDING}
    assert not state.torrents
    assert sum(state.status_counts.values()) == 0
    assert state.completed_count == 0


def test_qbittorrent_5_answers() -> None:
    state = MainDataState()
    state.apply(load("qb5_maindata_rid0.json"))
    torrent = state.torrents[SEEDING]
    assert torrent.is_complete and torrent.status is TorrentStatus.SEEDING
    assert torrent.eta is None  # 8640000 means infinite
    info = [Torrent.from_dict(t["hash"], t) for t in load("qb5_torrents_info.json")]
    assert info[0] == torrent


def test_categories_and_tags_follow_changes() -> None:
    state = MainDataState()
    state.apply(
        {
            "rid": 1,
            "full_update": True,
            "categories": {"a": {"name": "a", "savePath": ""}},
            "tags": ["x"],
        }
    )
    state.apply(
        {
            "rid": 2,
            "categories": {"b": {"name": "b", "savePath": "/b"}},
            "categories_removed": ["a"],
            "tags": ["y"],
            "tags_removed": ["x"],
        }
    )
    assert set(state.categories) == {"b"}
    assert state.tags == {"y"}
    state.reset()
    assert state.rid == 0


@pytest.mark.parametrize(
    ("state", "status"),
    [
        ("pausedDL", TorrentStatus.PAUSED),
        ("stoppedUP", TorrentStatus.PAUSED),
        ("stalledDL", TorrentStatus.DOWNLOADING),
        ("metaDL", TorrentStatus.DOWNLOADING),
        ("forcedUP", TorrentStatus.SEEDING),
        ("missingFiles", TorrentStatus.ERRORED),
        ("error", TorrentStatus.ERRORED),
        ("checkingResumeData", TorrentStatus.CHECKING),
        ("queuedDL", TorrentStatus.QUEUED),
        ("moving", TorrentStatus.OTHER),
    ],
)
def test_status_of_every_version(state: str, status: TorrentStatus) -> None:
    assert status_of(state) is status


def test_magnet_without_metadata_is_never_complete() -> None:
    torrent = Torrent.from_dict(
        "a" * 40, {"name": "m", "progress": 1, "total_size": -1, "state": "metaDL", "eta": 60}
    )
    assert not torrent.is_complete
    assert torrent.eta == 60
    assert torrent.completion_on is None


def test_server_info_endpoint_names() -> None:
    assert not ServerInfo(app_version="v4.5.2", api_version=(2, 8, 19)).uses_stop_start
    assert ServerInfo(app_version="v5.0.0", api_version=(2, 11, 2)).uses_stop_start


@pytest.mark.parametrize(
    ("body", "ids"),
    [
        (b"Ok.", ()),
        (
            b'{"added_torrent_ids":["5939"],"failure_count":0,"pending_count":0,"success_count":1}',
            ("5939",),
        ),
        (b'{"added_torrent_ids":[],"failure_count":0,"pending_count":1,"success_count":0}', ()),
    ],
)
def test_add_answers_accepted(body: bytes, ids: tuple[str, ...]) -> None:
    assert _parse_add(body).added_ids == ids


@pytest.mark.parametrize(
    "body",
    [
        b"Fails.",
        b"",
        b"Conflict",
        b'{"added_torrent_ids":[],"failure_count":1,"pending_count":0,"success_count":0}',
    ],
)
def test_add_answers_refused(body: bytes) -> None:
    with pytest.raises(TorrentRejected):
        _parse_add(body)


def test_add_answer_broken_json() -> None:
    with pytest.raises(ParseError):
        _parse_add(b"{not json")
