"""What a torrent is while qBittorrent cannot say yet: events and counts around its restart.

For a second or more after its Web UI comes up, qBittorrent lists every torrent as
`checkingResumeData` with progress 0 (5.x always, 4.5 for torrents whose data was checked), and
while it checks files `progress` is how far the check has got. The answers here were recorded
from real daemons (tests/fixtures/qb_restart_window_v*.json: three complete torrents and one
without its data, before the restart, in the resume-data window, after it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.pandora.api.qbittorrent_models import MainDataState, TorrentStatus
from custom_components.pandora.const import BUS_EVENTS
from custom_components.pandora.downloads.coordinator import QBittorrentCoordinator
from custom_components.pandora.downloads.history import MAX_COMPLETED, TorrentHistory
from devtools.support.qbittorrent_daemon import QBittorrentDaemon, free_port
from homeassistant.core import HomeAssistant
from tests.conftest import hub_entry, qb_subentry

FIXTURES = Path(__file__).parent / "fixtures"
RECORDED = ["qb_restart_window_v4.json", "qb_restart_window_v5.json"]


def recorded(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return data


def hashes(answer: dict[str, Any], *, complete: bool) -> set[str]:
    return {h for h, t in answer["torrents"].items() if (t["progress"] == 1) is complete}


def capture_all(hass: HomeAssistant) -> dict[str, list[Any]]:
    return {name.rsplit("_", 1)[1]: async_capture_events(hass, name) for name in BUS_EVENTS}


async def coordinator(hass: HomeAssistant, history: TorrentHistory) -> QBittorrentCoordinator:
    """A coordinator that is fed recorded answers instead of polling (nothing listens there)."""
    entry = hub_entry(qb_subentry(QBittorrentDaemon(webui_port=free_port())))
    entry.add_to_hass(hass)
    (subentry,) = entry.subentries.values()
    return QBittorrentCoordinator(hass, entry, subentry, history)


async def feed(coordinator: QBittorrentCoordinator, *answers: dict[str, Any]) -> None:
    for answer in answers:
        coordinator._publish_events(coordinator.client.maindata.apply(answer))


@pytest.mark.parametrize("name", RECORDED)
def test_counts_keep_what_they_knew_through_the_resume_data_window(name: str) -> None:
    """Seeding and Completed do not read 0 while qBittorrent loads its torrents."""
    answers = recorded(name)
    state = MainDataState()
    state.apply(answers["before"])
    before = (dict(state.status_counts), state.completed_count)
    assert before == ({TorrentStatus.SEEDING: 3, TorrentStatus.DOWNLOADING: 1}, 3)

    state.apply(answers["window"])  # a fresh session after the restart: a full update
    loading = [t for t in state.torrents.values() if t.state == "checkingResumeData"]
    assert loading and all(t.progress == 0 and not t.completion_known for t in loading)
    assert (dict(state.status_counts), state.completed_count) == before
    assert sum(state.status_counts.values()) == len(state.torrents) == 4

    state.apply(answers["after"])
    assert (dict(state.status_counts), state.completed_count) == before


def test_counts_of_a_torrent_first_seen_loading() -> None:
    """With nothing known before, a loading torrent counts as checking until it says more."""
    state = MainDataState()
    torrent_hash = "a" * 40
    loading = {"state": "checkingResumeData", "progress": 0, "total_size": 10}
    state.apply({"rid": 1, "full_update": True, "torrents": {torrent_hash: loading}})
    assert state.status_counts[TorrentStatus.CHECKING] == 1
    assert state.completed_count == 0
    state.apply({"rid": 2, "torrents": {torrent_hash: {"state": "stalledUP", "progress": 1}}})
    assert dict(state.status_counts) == {TorrentStatus.CHECKING: 0, TorrentStatus.SEEDING: 1}
    assert state.completed_count == 1
    # A recheck: the torrent is checking (a real activity), still counted complete until the
    # check says otherwise; moving keeps its progress, which stays true while files move.
    state.apply({"rid": 3, "torrents": {torrent_hash: {"state": "checkingUP", "progress": 0.2}}})
    assert state.status_counts[TorrentStatus.CHECKING] == 1
    assert state.completed_count == 1
    state.apply({"rid": 4, "torrents": {torrent_hash: {"state": "stalledDL", "progress": 0.9}}})
    assert state.status_counts[TorrentStatus.DOWNLOADING] == 1
    assert state.completed_count == 0
    state.apply({"rid": 5, "torrents_removed": [torrent_hash]})
    assert sum(state.status_counts.values()) == 0 and state.completed_count == 0


@pytest.mark.parametrize("name", RECORDED)
async def test_no_second_completed_after_a_restart(hass: HomeAssistant, name: str) -> None:
    """A poll in the resume-data window does not make finished torrents complete again."""
    answers = recorded(name)
    history = TorrentHistory(hass)
    qb = await coordinator(hass, history)
    events = capture_all(hass)
    sid = qb.subentry.subentry_id
    await feed(qb, answers["before"])  # the baseline
    missing = hashes(answers["before"], complete=False)
    assert history.incomplete(sid) == missing

    await feed(qb, answers["window"], answers["after"])
    assert all(not captured for captured in events.values())
    assert history.incomplete(sid) == missing


@pytest.mark.parametrize("name", RECORDED)
async def test_home_assistant_starting_in_the_window(hass: HomeAssistant, name: str) -> None:
    """Home Assistant and qBittorrent start together (a host reboot): the baseline is taken
    while qBittorrent loads. Only what finished while Home Assistant was off completes."""
    answers = recorded(name)
    finished_meanwhile = sorted(hashes(answers["before"], complete=True))[0]
    missing = hashes(answers["before"], complete=False)
    history = TorrentHistory(hass)
    qb = await coordinator(hass, history)
    sid = qb.subentry.subentry_id
    history.set_incomplete(sid, missing | {finished_meanwhile})  # what the last run saw
    events = capture_all(hass)

    await feed(qb, answers["window"])
    assert all(not captured for captured in events.values())
    await feed(qb, answers["after"])
    assert [e.data["hash"] for e in events["completed"]] == [finished_meanwhile]
    assert history.incomplete(sid) == missing
    assert not events["added"] and not events["removed"] and not events["errored"]


async def test_transitions_through_unknown_states(hass: HomeAssistant) -> None:
    """Checking is not "incomplete": a completion fires when the torrent is known complete, and
    once per torrent until it is removed; an error survives a restart without firing again."""
    history = TorrentHistory(hass)
    qb = await coordinator(hass, history)
    sid = qb.subentry.subentry_id
    events = capture_all(hass)
    new, broken = "b" * 40, "c" * 40
    base = {"total_size": 10, "save_path": "/x/"}
    await feed(qb, {"rid": 1, "full_update": True, "torrents": {}})  # baseline: empty

    # Added with its data: qBittorrent loads it, checks it, and it is complete.
    await feed(
        qb,
        {"rid": 2, "torrents": {new: base | {"state": "checkingResumeData", "progress": 0}}},
        {"rid": 3, "torrents": {new: {"state": "checkingDL", "progress": 0.5}}},
    )
    assert not events["completed"] and history.incomplete(sid) == {new}
    await feed(qb, {"rid": 4, "torrents": {new: {"state": "stalledUP", "progress": 1}}})
    assert [e.data["hash"] for e in events["completed"]] == [new]

    # A recheck that finds a piece missing, a download, complete again: already announced.
    await feed(
        qb,
        {"rid": 5, "torrents": {new: {"state": "checkingUP", "progress": 0.1}}},
        {"rid": 6, "torrents": {new: {"state": "stalledDL", "progress": 0.9}}},
        {"rid": 7, "torrents": {new: {"state": "stalledUP", "progress": 1}}},
    )
    assert len(events["completed"]) == 1

    # An errored torrent, then qBittorrent restarts: loading, errored again. One event.
    loading = base | {"state": "checkingResumeData", "progress": 0}
    await feed(
        qb,
        {"rid": 8, "torrents": {broken: base | {"state": "stalledDL", "progress": 0.5}}},
        {"rid": 9, "torrents": {broken: {"state": "missingFiles"}}},
        {"rid": 1, "full_update": True, "torrents": {new: loading, broken: loading}},
        {
            "rid": 2,
            "torrents": {
                new: {"state": "stalledUP", "progress": 1},
                broken: {"state": "missingFiles", "progress": 0.5},
            },
        },
    )
    assert [e.data["hash"] for e in events["errored"]] == [broken]
    assert len(events["completed"]) == 1
    assert history.incomplete(sid) == {broken}

    # Removed, then added again: a new download, which completes (and is filed) again.
    await feed(
        qb,
        {"rid": 3, "torrents_removed": [new]},
        {"rid": 4, "torrents": {new: base | {"state": "downloading", "progress": 0.1}}},
        {"rid": 5, "torrents": {new: {"state": "stalledUP", "progress": 1}}},
    )
    assert len(events["completed"]) == 2


async def test_announced_completions_are_kept_and_capped(hass: HomeAssistant) -> None:
    """What completed is remembered across restarts, for the newest MAX_COMPLETED torrents
    still in qBittorrent."""
    history = TorrentHistory(hass)
    await history.async_load()
    assert history.claim_completion("sub", "a" * 40)
    assert not history.claim_completion("sub", "a" * 40)
    assert history.claim_completion("other", "a" * 40)  # another qBittorrent's torrent
    for i in range(MAX_COMPLETED):
        history.claim_completion("sub", f"{i:040x}")
    await history.async_flush()

    reloaded = TorrentHistory(hass)
    await reloaded.async_load()
    assert reloaded.claim_completion("sub", "a" * 40)  # the oldest was dropped
    assert not reloaded.claim_completion("sub", f"{MAX_COMPLETED - 1:040x}")
    assert not reloaded.claim_completion("other", "a" * 40)
    reloaded.forget_completion("sub", f"{MAX_COMPLETED - 1:040x}")  # removed from qBittorrent
    assert reloaded.claim_completion("sub", f"{MAX_COMPLETED - 1:040x}")
    reloaded.keep_completions("sub", {f"{MAX_COMPLETED - 2:040x}"})  # the rest was removed
    assert reloaded.claim_completion("sub", f"{MAX_COMPLETED - 3:040x}")
    assert not reloaded.claim_completion("sub", f"{MAX_COMPLETED - 2:040x}")
    reloaded.set_incomplete("other", {"b" * 40})
    reloaded.keep_only({"sub"})  # the other qBittorrent was removed
    assert reloaded.incomplete("other") is None
    assert reloaded.claim_completion("other", "a" * 40)
    assert not reloaded.claim_completion("sub", f"{MAX_COMPLETED - 2:040x}")
