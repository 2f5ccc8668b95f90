"""Assist intents against real services: qBittorrent daemons, the Jellyfin simulator, Assist itself."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
import re
import shutil
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser

from custom_components.pandora.const import CONF_VERIFY_SSL, CONF_VOICE_CONTROL, SUBENTRY_JELLYFIN
from custom_components.pandora.intent import (
    INTENT_HOW_MUCH_LEFT,
    INTENT_PAUSE_ALL,
    INTENT_RESUME_ALL,
    INTENT_SCAN_LIBRARY,
    INTENT_WHAT_IS_DOWNLOADING,
    humanize_duration,
    match_score,
)
from devtools.simulators.jellyfin import JellyfinSimulator, start
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from devtools.support.torrents import add_stalled, make_payload, make_torrent
from homeassistant.components import conversation
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import intent
from homeassistant.setup import async_setup_component
from tests.conftest import allow_loopback, hub_entry, qb_subentry, setup_hub
from tests.helpers import poll_until

SENTENCES = Path(__file__).parents[1] / "custom_sentences" / "en" / "pandora.yaml"
PAUSED_STATES = {"pausedDL", "pausedUP", "stoppedDL", "stoppedUP"}


async def ask(
    hass: HomeAssistant,
    intent_type: str,
    user: MockUser | None = None,
    **slots: str,
) -> intent.IntentResponse:
    """Handle an intent as Assist would, as `user` (None: the system)."""
    return await intent.async_handle(
        hass,
        "test",
        intent_type,
        {name: {"value": value, "text": value} for name, value in slots.items()},
        context=Context(user_id=user.id if user else None),
        language="en",
    )


def speech(response: intent.IntentResponse) -> str:
    return str(response.speech["plain"]["speech"])


async def daemon_states(daemon: QBittorrentDaemon, wanted: Any) -> None:
    """Wait (without blocking the loop) until every torrent's state passes `wanted`."""
    states: list[object] = []
    for _ in range(150):
        states = [t["state"] for t in await asyncio.to_thread(daemon.torrents)]
        if states and all(wanted(s) for s in states):
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"torrents never reached the state: {states}")


def qb_torrents(hub: MockConfigEntry) -> dict[str, Any]:
    coordinator = next(iter(hub.runtime_data.qbittorrent.values()))
    return dict(coordinator.data.torrents) if coordinator.data else {}


# --- pure helpers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (20, "less than a minute"),
        (80, "about a minute"),
        (290, "about 5 minutes"),
        (3600, "about an hour"),
        (2 * 3600 + 10 * 60, "about 2 hours and 10 minutes"),
        (3 * 86400, "about 3 days"),
    ],
)
def test_humanize_duration(seconds: int, said: str) -> None:
    assert humanize_duration(seconds) == said


def test_match_score_prefers_the_closest_title() -> None:
    assert match_score("the matrix", "The Matrix (1999)") > match_score(
        "the matrix", "The Matrix Reloaded (2003)"
    )
    assert match_score("tears of steal", "Tears of Steel (2012)") >= 0.75
    assert match_score("big buck bunny", "Sintel (2010)") < 0.75


# --- qBittorrent -----------------------------------------------------------------------------


@pytest.fixture
def seeder() -> Iterator[QBittorrentDaemon]:
    allow_loopback()
    daemon = QBittorrentDaemon(version="4").start()
    yield daemon
    daemon.stop()


async def test_what_is_downloading_and_how_much_left(
    hass: HomeAssistant,
    qb_daemon: QBittorrentDaemon,
    seeder: QBittorrentDaemon,
    hass_read_only_user: MockUser,
    tmp_path: Path,
) -> None:
    """A real, rate-limited download between two daemons, and three stalled ones."""
    payload = make_payload(
        seeder.host_base / "data", "Big.Buck.Bunny.2008.1080p.BluRay.x264-PANDORA.mkv", 20 << 20
    )
    bunny = make_torrent(payload)
    seeder.add_torrent_file(bunny.content, payload.parent, skip_checking=True)
    seeder.wait_for(lambda t: t["hash"] == bunny.infohash and t["progress"] == 1)
    for name in (
        "Sintel.2010.720p.WEB-DL.mkv",
        "Tears.of.Steel.2012.1080p.BluRay.mkv",
        "Elephants.Dream.2006.DVDRip.mkv",
    ):
        add_stalled(qb_daemon, tmp_path, name)
    # Added stopped, capped at 128 KiB/s (20 MiB take minutes), then started with the seeder.
    qb_daemon.add_torrent_file(bunny.content, qb_daemon.downloads / "bunny", paused=True)
    qb_daemon.wait_for(lambda t: t["hash"] == bunny.infohash)
    qb_daemon.api("torrents/setDownloadLimit", {"hashes": bunny.infohash, "limit": "131072"})
    qb_daemon.api(
        "torrents/start" if qb_daemon.version == "5" else "torrents/resume",
        {"hashes": bunny.infohash},
    )
    qb_daemon.api(
        "torrents/addPeers", {"hashes": bunny.infohash, "peers": f"127.0.0.1:{seeder.bt_port}"}
    )
    hub = await setup_hub(hass, hub_entry(qb_subentry(qb_daemon)))

    def settled() -> bool:
        torrents = qb_torrents(hub)
        moving = torrents.get(bunny.infohash)
        return (
            len(torrents) == 4
            and all(t.status == "downloading" for t in torrents.values())
            and moving is not None
            and moving.progress > 0
            and moving.eta is not None
        )

    await poll_until(hass, settled, timeout=90)

    # Anyone may ask: a read-only user here.
    answer = await ask(hass, INTENT_WHAT_IS_DOWNLOADING, hass_read_only_user)
    assert answer.response_type is intent.IntentResponseType.QUERY_ANSWER
    found = re.fullmatch(
        r"4 downloads: Big Buck Bunny \(2008\) at (\d+)%, (about [\w ]+|less than a minute) left;"
        r" Elephants Dream \(2006\) at 0%, stalled; Sintel \(2010\) at 0%, stalled; and 1 more\.",
        speech(answer),
    )
    assert found, speech(answer)
    assert 0 <= int(found[1]) < 100

    answer = await ask(hass, INTENT_HOW_MUCH_LEFT, hass_read_only_user, title="big buck bunny")
    assert re.fullmatch(
        r"Big Buck Bunny \(2008\) is at \d+%, (about [\w ]+|less than a minute) left\.",
        speech(answer),
    ), speech(answer)
    # Approximate, as heard: a typo and the release name's own words both find it.
    answer = await ask(hass, INTENT_HOW_MUCH_LEFT, title="tears of steal")
    assert speech(answer) == "Tears of Steel (2012) is at 0%, stalled."
    answer = await ask(hass, INTENT_HOW_MUCH_LEFT, title="elephants dream DVDRip")
    assert speech(answer) == "Elephants Dream (2006) is at 0%, stalled."
    answer = await ask(hass, INTENT_HOW_MUCH_LEFT, title="the matrix")
    assert answer.response_type is intent.IntentResponseType.ERROR
    assert answer.error_code is intent.IntentResponseErrorCode.NO_VALID_TARGETS
    assert speech(answer) == "I could not find a download called the matrix."


async def test_pause_and_resume_all(
    hass: HomeAssistant,
    hub: MockConfigEntry,
    qb_daemon: QBittorrentDaemon,
    hass_admin_user: MockUser,
    hass_read_only_user: MockUser,
    tmp_path: Path,
) -> None:
    for name in ("Sintel.2010.720p.WEB-DL.mkv", "Tears.of.Steel.2012.1080p.BluRay.mkv"):
        add_stalled(qb_daemon, tmp_path, name)
    await poll_until(hass, lambda: len(qb_torrents(hub)) == 2)

    # Changing things is for administrators: no action at all for others.
    answer = await ask(hass, INTENT_PAUSE_ALL, hass_read_only_user)
    assert answer.response_type is intent.IntentResponseType.ERROR
    assert speech(answer) == "Sorry, only an administrator may pause the downloads."
    assert not PAUSED_STATES & {t["state"] for t in qb_daemon.torrents()}

    answer = await ask(hass, INTENT_PAUSE_ALL, hass_admin_user)
    assert answer.response_type is intent.IntentResponseType.ACTION_DONE
    assert speech(answer) == "Paused 2 downloads."
    await daemon_states(qb_daemon, lambda s: s in PAUSED_STATES)
    answer = await ask(hass, INTENT_PAUSE_ALL, hass_admin_user)
    assert speech(answer) == "There was nothing to pause."
    answer = await ask(hass, INTENT_WHAT_IS_DOWNLOADING, hass_read_only_user)
    assert speech(answer) == "Nothing is downloading. 2 downloads are paused."

    answer = await ask(hass, INTENT_RESUME_ALL, hass_read_only_user)
    assert speech(answer) == "Sorry, only an administrator may resume the downloads."
    # Nobody logged in (a voice satellite, a TV near it) may only ask by default...
    answer = await ask(hass, INTENT_RESUME_ALL)
    assert answer.response_type is intent.IntentResponseType.ERROR
    assert speech(answer) == (
        "Sorry, voice assistants may not resume the downloads unless an administrator "
        "allows it in Pandora's options."
    )
    answer = await ask(hass, INTENT_WHAT_IS_DOWNLOADING)
    assert speech(answer) == "Nothing is downloading. 2 downloads are paused."
    assert {t["state"] for t in qb_daemon.torrents()} <= PAUSED_STATES
    # ... until the hub allows voice control.
    hass.config_entries.async_update_entry(hub, options=hub.options | {CONF_VOICE_CONTROL: True})
    await hass.async_block_till_done()
    answer = await ask(hass, INTENT_RESUME_ALL)
    assert speech(answer) == "Resumed 2 downloads."
    await daemon_states(qb_daemon, lambda s: s not in PAUSED_STATES)
    # Logged-in members still may not.
    answer = await ask(hass, INTENT_PAUSE_ALL, hass_read_only_user)
    assert speech(answer) == "Sorry, only an administrator may pause the downloads."


async def test_without_hub_or_services(hass: HomeAssistant, hass_admin_user: MockUser) -> None:
    entry = await setup_hub(hass, hub_entry())
    answer = await ask(hass, INTENT_WHAT_IS_DOWNLOADING)
    assert answer.response_type is intent.IntentResponseType.ERROR
    assert speech(answer) == "No qBittorrent is set up in Pandora."
    answer = await ask(hass, INTENT_SCAN_LIBRARY, hass_admin_user, library="movies")
    assert speech(answer) == "No Jellyfin server is set up in Pandora."

    assert await hass.config_entries.async_unload(entry.entry_id)
    for intent_type in (INTENT_PAUSE_ALL, INTENT_WHAT_IS_DOWNLOADING):
        answer = await ask(hass, intent_type, hass_admin_user)
        assert answer.response_type is intent.IntentResponseType.ERROR
        assert speech(answer) == (
            "Pandora is not running right now, so I cannot reach your downloads."
        )
    answer = await ask(hass, INTENT_HOW_MUCH_LEFT, title="sintel")
    assert speech(answer).startswith("Pandora is not running")


async def test_unreachable_qbittorrent(hass: HomeAssistant, hass_admin_user: MockUser) -> None:
    """Nothing listens on its port: a spoken answer, the hub still loaded."""
    silent = QBittorrentDaemon()  # never started
    await setup_hub(hass, hub_entry(qb_subentry(silent, title="Attic qBittorrent")))
    for intent_type in (INTENT_WHAT_IS_DOWNLOADING, INTENT_PAUSE_ALL):
        answer = await ask(hass, intent_type, hass_admin_user)
        assert answer.response_type is intent.IntentResponseType.ERROR
        assert speech(answer) == "I could not reach Attic qBittorrent."


# --- Jellyfin --------------------------------------------------------------------------------


@pytest.fixture
async def jellyfin(tmp_path: Path) -> AsyncIterator[tuple[JellyfinSimulator, str]]:
    allow_loopback()
    for folder in ("Movies", "TV Shows"):
        (tmp_path / folder).mkdir()
    # A long full scan: a second "scan everything" finds it still running.
    sim = JellyfinSimulator(
        libraries=[
            ("Movies", "movies", str(tmp_path / "Movies")),
            ("Shows", "tvshows", str(tmp_path / "TV Shows")),
        ],
        scan_duration=600.0,
        library_refresh_duration=600.0,
    )
    runner, port = await start(sim)
    yield sim, f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_scan_library(
    hass: HomeAssistant,
    jellyfin: tuple[JellyfinSimulator, str],
    hass_admin_user: MockUser,
    hass_read_only_user: MockUser,
) -> None:
    sim, url = jellyfin
    await setup_hub(
        hass,
        hub_entry(
            ConfigSubentryData(
                data={CONF_URL: url, CONF_API_KEY: sim.api_key, CONF_VERIFY_SSL: True},
                subentry_type=SUBENTRY_JELLYFIN,
                title="Jellyfin",
                unique_id=url,
            )
        ),
    )
    movies, shows = sim.library("Movies").item_id, sim.library("Shows").item_id

    answer = await ask(hass, INTENT_SCAN_LIBRARY, hass_read_only_user, library="movies")
    assert speech(answer) == "Sorry, only an administrator may scan the libraries."
    assert sim.refresh_calls == []

    answer = await ask(hass, INTENT_SCAN_LIBRARY, hass_admin_user)
    assert answer.response_type is intent.IntentResponseType.ACTION_DONE
    assert speech(answer) == "Scanning all libraries on Jellyfin."
    assert [c.item_id for c in sim.refresh_calls] == [None]
    answer = await ask(hass, INTENT_SCAN_LIBRARY, hass_admin_user, library="all")
    assert speech(answer) == "Jellyfin is already scanning."
    assert len(sim.refresh_calls) == 1  # not restarted

    answer = await ask(hass, INTENT_SCAN_LIBRARY, hass_admin_user, library="movies")
    assert speech(answer) == "Scanning the Movies library on Jellyfin."
    # As an LLM or a script may say it: any of the kind's names, or the library's own name.
    answer = await ask(hass, INTENT_SCAN_LIBRARY, hass_admin_user, library="TV shows")
    assert speech(answer) == "Scanning the Shows library on Jellyfin."
    answer = await ask(hass, INTENT_SCAN_LIBRARY, hass_admin_user, library="shows")
    assert speech(answer) == "Scanning the Shows library on Jellyfin."
    assert [c.item_id for c in sim.refresh_calls] == [None, movies, shows, shows]

    answer = await ask(hass, INTENT_SCAN_LIBRARY, hass_admin_user, library="music")
    assert answer.error_code is intent.IntentResponseErrorCode.NO_VALID_TARGETS
    assert speech(answer) == "There is no music library. The libraries are Movies and Shows."


# --- Assist, end to end ----------------------------------------------------------------------


@pytest.fixture
def sentences_config(tmp_path: Path) -> Path:
    """A configuration folder holding the documented sentences, as a user copies them."""
    config = tmp_path / "config"
    (config / "custom_sentences" / "en").mkdir(parents=True)
    shutil.copy(SENTENCES, config / "custom_sentences" / "en" / "pandora.yaml")
    return config


async def test_conversation_with_the_custom_sentences(
    hass: HomeAssistant,
    sentences_config: Path,
    qb_daemon: QBittorrentDaemon,
    hass_admin_user: MockUser,
    hass_read_only_user: MockUser,
    tmp_path: Path,
) -> None:
    """The documented sentences, through Home Assistant's own conversation agent."""
    hass.config.config_dir = str(sentences_config)  # not the test harness's shared folder
    add_stalled(qb_daemon, tmp_path / "source", "Sintel.2010.720p.WEB-DL.mkv")
    hub = await setup_hub(hass, hub_entry(qb_subentry(qb_daemon)))
    await poll_until(hass, lambda: [t.status for t in qb_torrents(hub).values()] == ["downloading"])
    for component in ("homeassistant", "intent", "conversation"):
        assert await async_setup_component(hass, component, {})

    async def say(text: str, user: MockUser) -> str:
        result = await conversation.async_converse(
            hass, text, None, Context(user_id=user.id), language="en"
        )
        return str(result.response.speech["plain"]["speech"])

    assert await say("what is downloading", hass_admin_user) == (
        "1 download: Sintel (2010) at 0%, stalled."
    )
    assert await say("how much is left on sintel", hass_read_only_user) == (
        "Sintel (2010) is at 0%, stalled."
    )
    assert await say("pause all downloads", hass_read_only_user) == (
        "Sorry, only an administrator may pause the downloads."
    )
    assert await say("scan the movie library", hass_admin_user) == (
        "No Jellyfin server is set up in Pandora."
    )
    assert await say("pause the downloads", hass_admin_user) == "Paused 1 download."
    await daemon_states(qb_daemon, lambda s: s in PAUSED_STATES)
