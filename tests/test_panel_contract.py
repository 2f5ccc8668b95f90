"""The contract between Python and the panel: its test fixtures are what Python answers.

Every websocket answer the panel's Vitest tests stand on (`frontend/test/fixtures/*.json`) is
asked of a hub with every service (the simulators, a real Cloud Commander, a real Docker
Engine behind the Portainer and gluetun simulators) and compared with its fixture; what
changes from run to run is normalised first (addresses, folders, ids, times, signed tokens:
see `tests/harness/full_hub.py`). `pytest --snapshot-update tests/test_panel_contract.py`
writes the fixtures again from the answers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from syrupy.assertion import SnapshotAssertion

from custom_components.pandora.requests.queue import Status
from devtools.support.containers import MediaStack, media_stack
from devtools.support.docker_engine import DockerEngine
from devtools.support.media import NOTLD, Sims
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from homeassistant.core import HomeAssistant
from tests.conftest import hub_entry, qb_subentry, setup_hub
from tests.harness.full_hub import (
    HOSTS,
    JACKETT_ID,
    QBITTORRENT_ID,
    SEEDBOX_ID,
    TMDB_ID,
    TORRENTS,
    WATCHMODE_ID,
    FullStack,
    Normaliser,
    fix_times,
    full_stack,
    setup_full_hub,
    with_id,
)
from tests.harness.request_hub import CISCO_KID, call, hold_back_pipeline, queue
from tests.helpers import poll, poll_until
from tests.panel_fixtures import panel_fixture

ADMIN_NAME, USER_NAME = "Alex", "Sam"


class Panel:
    """The panel's side of one websocket connection: commands, and subscription events."""

    def __init__(self, client: Any, normalise: Callable[[Any], Any]) -> None:
        self.client = client
        self.normalise = normalise
        self.pending: list[dict[str, Any]] = []

    async def _next(self, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        for n, held in enumerate(self.pending):
            if wanted(held):
                return self.pending.pop(n)
        while True:
            message: dict[str, Any] = await self.client.receive_json()
            if wanted(message):
                return message
            self.pending.append(message)

    async def raw(self, **message: Any) -> dict[str, Any]:
        """The result message of a command."""
        await self.client.send_json_auto_id(message)
        sent = message["id"]  # set by send_json_auto_id
        return await self._next(lambda m: m.get("id") == sent and m["type"] == "result")

    async def call(self, **message: Any) -> Any:
        """A command's answer, normalised (it must succeed)."""
        answer = await self.raw(**message)
        assert answer["success"], answer
        return self.normalise(answer["result"])

    async def subscribe(self, **message: Any) -> int:
        """Subscribe; returns the subscription id."""
        answer = await self.raw(**message)
        assert answer["success"], answer
        return int(answer["id"])

    async def event(
        self, subscription: int, wanted: Callable[[dict[str, Any]], bool] = lambda _e: True
    ) -> Any:
        """The next event of a subscription that `wanted` accepts, normalised."""
        message = await self._next(
            lambda m: m.get("id") == subscription and m["type"] == "event" and wanted(m["event"])
        )
        return self.normalise(message["event"])


def contract_normaliser(replacements: dict[str, str]) -> Normaliser:
    """Stand-ins for what changes between runs, and for Pandora's version (it changes with
    every release; the panel only shows it)."""
    return Normaliser(
        replacements,
        [
            (r'"version": "[^"]*"', '"version": "0.9.0"'),
            (r'"elapsed_ms": \d+', '"elapsed_ms": 12'),
            # Docker's "Up 3 seconds (healthy)", "Exited (0) 2 seconds ago".
            (r"Up (?:\d+|About an?|Less than an?) [a-z]+", "Up 2 hours"),
            (r"\) (?:\d+|About an?|Less than an?) [a-z]+ ago", ") 3 hours ago"),
        ],
    )


def user_names(admin: MockUser, user: MockUser) -> dict[str, str]:
    """The users' random ids as the panel's fixtures name them."""
    admin.name, user.name = ADMIN_NAME, USER_NAME
    return {admin.id: "u1", user.id: "u2"}


@pytest.fixture
async def stack(docker_engine: DockerEngine) -> AsyncIterator[MediaStack]:
    async with media_stack(docker_engine) as running:
        yield running


@pytest.fixture
async def everything(sims: Sims, stack: MediaStack) -> AsyncIterator[FullStack]:
    async with full_stack(sims, stack) as running:
        yield running


@pytest.fixture
async def media_only(sims: Sims) -> AsyncIterator[FullStack]:
    async with full_stack(sims, None) as running:
        yield running


async def test_info(
    hass: HomeAssistant, media_only: FullStack, hass_ws_client: Any, snapshot: SnapshotAssertion
) -> None:
    """What `pandora/info` says to an administrator and to a user, with the media services."""
    services = media_only.only(QBITTORRENT_ID, TMDB_ID, WATCHMODE_ID, JACKETT_ID)
    await setup_hub(hass, hub_entry(*services, request_notifications=False))
    normalise = contract_normaliser(media_only.replacements())
    admin = Panel(await hass_ws_client(hass), normalise)
    info = await admin.call(type="pandora/info")
    assert info == panel_fixture(snapshot, "info_admin")
    assert info == panel_fixture(snapshot, "info_requests")


async def test_info_for_a_user(
    hass: HomeAssistant,
    media_only: FullStack,
    hass_ws_client: Any,
    hass_read_only_access_token: str,
    snapshot: SnapshotAssertion,
) -> None:
    """What `pandora/info` says to a user (not an administrator), with two qBittorrents."""
    services = media_only.only(QBITTORRENT_ID, SEEDBOX_ID, TMDB_ID, JACKETT_ID)
    await setup_hub(hass, hub_entry(*services, request_notifications=False))
    user = Panel(
        await hass_ws_client(hass, access_token=hass_read_only_access_token),
        contract_normaliser(media_only.replacements()),
    )
    assert await user.call(type="pandora/info") == panel_fixture(snapshot, "info_user")


async def test_info_without_services(
    hass: HomeAssistant, hass_ws_client: Any, snapshot: SnapshotAssertion
) -> None:
    await setup_hub(hass, hub_entry(request_notifications=False))
    admin = Panel(await hass_ws_client(hass), contract_normaliser({}))
    assert await admin.call(type="pandora/info") == panel_fixture(snapshot, "info_empty")


@pytest.fixture
async def full(
    hass: HomeAssistant,
    everything: FullStack,
    hass_admin_user: MockUser,
    hass_read_only_user: MockUser,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[MockConfigEntry, Normaliser]:
    """The hub with every service; the request pipeline held back (requests stay put)."""
    hold_back_pipeline(monkeypatch)
    entry = await setup_full_hub(hass, everything)
    normalise = contract_normaliser(
        everything.replacements() | user_names(hass_admin_user, hass_read_only_user)
    )
    return entry, normalise


async def test_info_with_every_service(
    hass: HomeAssistant,
    full: tuple[MockConfigEntry, Normaliser],
    hass_ws_client: Any,
    snapshot: SnapshotAssertion,
) -> None:
    _entry, normalise = full
    admin = Panel(await hass_ws_client(hass), normalise)
    assert await admin.call(type="pandora/info") == panel_fixture(snapshot, "info_full")


async def test_discover_and_media(
    hass: HomeAssistant,
    full: tuple[MockConfigEntry, Normaliser],
    hass_ws_client: Any,
    snapshot: SnapshotAssertion,
) -> None:
    _entry, normalise = full
    admin = Panel(await hass_ws_client(hass), normalise)
    trending = await admin.call(type="pandora/discover", list="trending_day", page=1)
    assert trending == panel_fixture(snapshot, "discover_trending_day")
    search = await admin.call(type="pandora/search_media", query="night of the living")
    assert search == panel_fixture(snapshot, "search_media")
    movie = await admin.call(type="pandora/media", tmdb_id=NOTLD, media_type="movie")
    assert movie == panel_fixture(snapshot, "media_movie")
    tv = await admin.call(type="pandora/media", tmdb_id=CISCO_KID, media_type="tv")
    assert tv == panel_fixture(snapshot, "media_tv")
    await admin.call(type="pandora/watchlist/add", tmdb_id=CISCO_KID, media_type="tv")
    assert await admin.call(type="pandora/home") == panel_fixture(snapshot, "home")


async def test_torrents(
    hass: HomeAssistant,
    full: tuple[MockConfigEntry, Normaliser],
    everything: FullStack,
    hass_ws_client: Any,
    snapshot: SnapshotAssertion,
) -> None:
    """The torrents feed (whole, a change, a qBittorrent gone), searching and adding."""
    _entry, normalise = full
    admin = Panel(await hass_ws_client(hass), normalise)
    feed = await admin.subscribe(type="pandora/torrents/subscribe")
    first = await admin.event(feed, lambda e: e["full"] and len(e["rows"]) == TORRENTS)
    assert first == panel_fixture(snapshot, "torrents_full")

    # The download goes on and the paused one is removed; then the seedbox gets a copy of
    # the download (the same hash in another qBittorrent), already complete.
    downloading, _seeding, paused = everything.qbittorrent.torrents
    everything.qbittorrent.torrents[downloading].update(
        progress=0.75, dlspeed=14_000_000, upspeed=300_000, eta=330
    )
    everything.qbittorrent.remove_torrent(paused)
    await poll(hass)
    changed = await admin.event(feed, lambda e: not e["full"] and bool(e["removed"]))
    assert changed == panel_fixture(snapshot, "torrents_changed")
    copy = everything.seedbox.add_torrent()
    assert copy == downloading
    everything.seedbox.torrents[copy].update(
        {k: v for k, v in everything.qbittorrent.torrents[downloading].items() if k != "added_on"}
        | {"state": "uploading", "progress": 1.0, "dlspeed": 0, "upspeed": 5_000_000}
    )
    await poll(hass)
    await admin.event(feed, lambda e: any(t["instance"] == SEEDBOX_ID for t in e["torrents"]))

    await everything.seedbox_server.stop()
    await poll(hass)
    unavailable = await admin.event(feed, lambda e: bool(e["unavailable"]))
    assert unavailable == panel_fixture(snapshot, "torrents_unavailable")

    search = await admin.call(
        type="pandora/torrents/search", tmdb_id=NOTLD, media_type="movie", limit=10
    )
    assert search == panel_fixture(snapshot, "torrent_search")
    rejected = await admin.call(
        type="pandora/torrents/search",
        tmdb_id=NOTLD,
        media_type="movie",
        limit=10,
        include_rejected=True,
    )
    assert rejected == panel_fixture(snapshot, "torrent_search_rejected")
    added = everything.qbittorrent.add_torrent()
    await poll(hass)
    await admin.event(feed, lambda e: any(t["hash"] == added for t in e["torrents"]))
    assert await admin.call(type="pandora/history", limit=50) == panel_fixture(snapshot, "history")


async def test_torrent_add(
    hass: HomeAssistant,
    media_only: FullStack,
    qb_daemon: QBittorrentDaemon,
    hass_ws_client: Any,
    snapshot: SnapshotAssertion,
) -> None:
    """A release found by Jackett added to a real qBittorrent (4.5 and 5: the same answer)."""
    real = with_id(qb_subentry(qb_daemon, f"qBittorrent {HOSTS['qbittorrent']}"), QBITTORRENT_ID)
    await setup_hub(
        hass,
        hub_entry(real, *media_only.only(TMDB_ID, JACKETT_ID), request_notifications=False),
    )
    admin = Panel(
        await hass_ws_client(hass),
        contract_normaliser(media_only.replacements() | {qb_daemon.url: "http://nas:8080"}),
    )
    search = await admin.call(
        type="pandora/torrents/search", tmdb_id=NOTLD, media_type="movie", limit=10
    )
    added = await admin.call(
        type="pandora/torrents/add",
        result_id=search["results"][0]["result_id"],
        tmdb_id=NOTLD,
        media_type="movie",
    )
    if qb_daemon.version == "4":
        # qBittorrent 4.5 answers "Ok.", 5 names the torrents it added: the fixture is 5's.
        assert added["added_ids"] == []
        added["added_ids"] = [added["infohash"]]
    assert added == panel_fixture(snapshot, "torrent_add")


async def test_files(
    hass: HomeAssistant,
    full: tuple[MockConfigEntry, Normaliser],
    everything: FullStack,
    hass_ws_client: Any,
    snapshot: SnapshotAssertion,
) -> None:
    """The share's root, its Downloaded folder, and a film moved to Movies."""
    _entry, normalise = full
    downloaded = everything.cloudcmd.root / "Downloaded"
    film = "Night.of.the.Living.Dead.1968.1080p.BluRay.x264-GRP.mkv"
    with (downloaded / film).open("wb") as file:  # sparse: a film's size, no disk used
        file.write(b"\x1aE\xdf\xa3")
        file.truncate(8_000_000_000)
    (downloaded / "The.Cisco.Kid.S02.1080p.WEB-DL").mkdir()
    (downloaded / "The.Cisco.Kid.S02.1080p.WEB-DL" / "The.Cisco.Kid.S02E01.mkv").touch()
    (everything.cloudcmd.root / "notes.txt").write_text("Pandora's share\n")
    fix_times(everything.cloudcmd.root)
    admin = Panel(await hass_ws_client(hass), normalise)
    assert await admin.call(type="pandora/files/list", path="/") == panel_fixture(
        snapshot, "files_root"
    )
    assert await admin.call(type="pandora/files/list", path="/Downloaded") == panel_fixture(
        snapshot, "files_downloaded"
    )
    moved = await admin.call(
        type="pandora/files/move",
        paths=[f"/Downloaded/{film}"],
        destination="movies",
        folder="Night of the Living Dead (1968)",
    )
    assert moved == panel_fixture(snapshot, "files_move")


async def test_library(
    hass: HomeAssistant,
    full: tuple[MockConfigEntry, Normaliser],
    everything: FullStack,
    hass_ws_client: Any,
    snapshot: SnapshotAssertion,
) -> None:
    """The Jellyfin libraries, idle then scanning."""
    _entry, normalise = full
    admin = Panel(await hass_ws_client(hass), normalise)
    feed = await admin.subscribe(type="pandora/library/subscribe")

    def last_result(result: str) -> Callable[[dict[str, Any]], bool]:
        return lambda e: bool(e["jellyfin"]) and e["jellyfin"][0]["last_result"] == result

    # A scan that completes, then one that fails, then one still running.
    await admin.call(type="pandora/library/scan", library="all")
    await poll_until(hass, lambda: everything.jellyfin.task_state == "Idle")
    await poll(hass)
    idle = await admin.event(feed, last_result("completed"))
    assert idle == panel_fixture(snapshot, "library")
    everything.jellyfin.fail_next_scan = "Database is locked"
    await admin.call(type="pandora/library/scan", library="all")
    await poll_until(hass, lambda: everything.jellyfin.task_state == "Idle")
    await poll(hass)
    await admin.event(feed, last_result("failed"))
    everything.jellyfin.scan_duration = 30
    scan = await admin.call(type="pandora/library/scan", library="Movies")
    assert scan == panel_fixture(snapshot, "library_scan")
    await poll(hass)
    scanning = await admin.event(feed, lambda e: e["jellyfin"][0]["scanning"])
    # How far the scan got depends on the clock: the panel shows whatever it says.
    scanning = _progress(scanning, 42.5)
    assert scanning == panel_fixture(snapshot, "library_scanning")


def _progress(data: Any, value: float) -> Any:
    """`data` with every non-null `progress` set to `value`."""
    if isinstance(data, dict):
        return {
            k: value if k == "progress" and v is not None else _progress(v, value)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_progress(v, value) for v in data]
    return data


async def test_containers(
    hass: HomeAssistant,
    full: tuple[MockConfigEntry, Normaliser],
    stack: MediaStack,
    hass_ws_client: Any,
    snapshot: SnapshotAssertion,
) -> None:
    """Portainer's containers and gluetun, a container's logs, another VPN country."""
    _entry, normalise = full
    admin = Panel(await hass_ws_client(hass), normalise)
    feed = await admin.subscribe(type="pandora/containers/subscribe")
    settled = await admin.event(
        feed,
        lambda e: (
            all(c["health"] != "starting" for p in e["portainer"] for c in p["containers"])
            and all(g["available"] for g in e["gluetun"])
        ),
    )
    assert settled == panel_fixture(snapshot, "containers")
    logs = await admin.call(type="pandora/containers/logs", container="gluetun", tail=20)
    assert logs == panel_fixture(snapshot, "container_logs")
    country = await admin.call(type="pandora/vpn/country", country="Netherlands")
    assert country == panel_fixture(snapshot, "vpn_country")


async def test_requests(
    hass: HomeAssistant,
    full: tuple[MockConfigEntry, Normaliser],
    hass_ws_client: Any,
    hass_admin_user: MockUser,
    hass_read_only_user: MockUser,
    hass_read_only_access_token: str,
    snapshot: SnapshotAssertion,
) -> None:
    """The household's requests in every status, as an administrator and a user see them.

    Made through the panel's commands; the statuses only the (held back) pipeline reaches
    (searching, downloading, importing, available, failed) are set on the queue directly.
    """
    entry, normalise = full
    robin = MockUser(name="Robin").add_to_hass(hass)
    normalise.add({robin.id: "u3"})
    admin = Panel(await hass_ws_client(hass), normalise)
    user = Panel(await hass_ws_client(hass, access_token=hass_read_only_access_token), normalise)
    requests = queue(entry)
    made: list[str] = []

    async def create(by: Panel | MockUser, tmdb_id: int, media_type: str, **data: Any) -> Any:
        message = {"tmdb_id": tmdb_id, "media_type": media_type, **data}
        if isinstance(by, Panel):
            answer = await by.raw(type="pandora/requests/create", **message)
            assert answer["success"], answer
            result = answer["result"]
        else:
            result = await call(hass, "request_media", by.id, **message)
        for request in result["requests"]:
            if request["id"] not in made:
                made.append(request["id"])
                normalise.add({request["id"]: f"01JREQ{len(made):019d}"})
        return normalise(result)

    async def move(n: int, *statuses: Status, **changes: Any) -> None:
        request = requests.get(made[n - 1])
        assert request is not None
        for status in statuses:
            reason = "no release found" if status == "failed" else None
            await requests.async_set_status(request, status, reason=reason, **changes)

    await create(robin, 900007, "movie")  # 1: denied
    await admin.call(type="pandora/requests/deny", request_id=made[0], reason="Not this month")
    await create(admin, 960002, "tv")  # 2: auto-approved, failed
    await move(2, "searching", "failed")
    await create(user, 900003, "movie")  # 3: available
    await admin.call(type="pandora/requests/approve", request_id=made[2])
    await move(3, "searching", "downloading", "importing", "available")
    await create(user, 960003, "tv", seasons=[1])  # 4: searching
    await admin.call(type="pandora/requests/approve", request_id=made[3])
    await move(4, "searching")
    await create(admin, 900014, "movie")  # 5: downloading
    await move(5, "searching")
    await move(
        5,
        "downloading",
        torrent_hash="0123456789abcdef0123456789abcdef01234567",
        instance=QBITTORRENT_ID,
        release="Sintel.2010.1080p.BluRay.x264-GRP",
    )
    await create(robin, 960004, "tv", seasons=[2])  # 6: pending, Sam joins
    assert (await create(user, 960004, "tv", seasons=[2]))["created"] == [False]
    await create(user, 900005, "movie")  # 7: pending

    admin_feed = await admin.subscribe(type="pandora/requests/subscribe")
    assert await admin.event(admin_feed) == panel_fixture(snapshot, "requests_snapshot")
    user_feed = await user.subscribe(type="pandora/requests/subscribe")
    assert await user.event(user_feed) == panel_fixture(snapshot, "requests_user")

    movie = await create(admin, 900006, "movie")
    assert movie == panel_fixture(snapshot, "requests_create_movie")
    tv = await create(admin, CISCO_KID, "tv", seasons=[1, 2])
    assert tv == panel_fixture(snapshot, "requests_create_tv")
    existing = await create(admin, 900014, "movie")
    assert existing == panel_fixture(snapshot, "requests_create_existing")

    approved = await admin.call(type="pandora/requests/approve", request_id=made[6])
    assert approved == panel_fixture(snapshot, "requests_approve")
    denied = await admin.call(
        type="pandora/requests/deny", request_id=made[5], reason="Not this month"
    )
    assert denied == panel_fixture(snapshot, "requests_deny")
    retried = await admin.call(type="pandora/requests/retry", request_id=made[1])
    assert retried == panel_fixture(snapshot, "requests_retry")
    await create(user, 900010, "movie")  # 8: pending, withdrawn by Sam
    withdrawn = await user.call(type="pandora/requests/withdraw", request_id=made[-1])
    assert withdrawn == panel_fixture(snapshot, "requests_withdraw")
