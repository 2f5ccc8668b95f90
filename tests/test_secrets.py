"""No key, password or credential-bearing URL ever reaches a user, an event or the log.

Every service gets a distinctive secret. Each test makes its services fail in every way their
simulators (or the real daemons) can, through what people meet: actions (with and without an
answer), websocket commands, household requests, coordinators' refreshes, config flows and LLM
tools. Then `Witness.assert_clean` looks for the secrets (and for any `apikey=`-style query
value) everywhere Home Assistant shows or keeps text: every bus event, the request queue,
persistent notifications, repair issues, entity states, config flows, the errors raised (their
causes and contexts too), websocket answers and the whole log at DEBUG level.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
import logging
from pathlib import Path
import re
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora.const import (
    CONF_QBITTORRENT_ROOT,
    CONF_SWITCH_TIMEOUT,
    CONF_VERIFY_SSL,
    DEFAULT_FOLDERS,
    DOMAIN,
    SUBENTRY_CLOUDCMD,
    SUBENTRY_JELLYFIN,
    SUBENTRY_PORTAINER,
)
from devtools.simulators.gluetun import GluetunSimulator, start as start_gluetun
from devtools.simulators.jackett import (
    Failure,
    JackettSimulator,
    SimIndexer,
    SimRelease,
    start as start_jackett,
)
from devtools.simulators.jellyfin import JellyfinSimulator, start as start_jellyfin
from devtools.simulators.portainer import PortainerSimulator, start as start_portainer
from devtools.support.cloudcmd import CloudCommander
from devtools.support.containers import MediaStack, media_stack
from devtools.support.docker_engine import DockerEngine
from devtools.support.media import (
    NOTLD,
    Sims,
    hash_of,
    jackett_subentry,
    tmdb_subentry,
    watchmode_subentry,
)
from devtools.support.qbittorrent_daemon import QBittorrentDaemon, free_port
from homeassistant.auth.models import User
from homeassistant.components import persistent_notification
from homeassistant.config_entries import SOURCE_USER, ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_USERNAME, MATCH_ALL
from homeassistant.core import Context, Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir, llm
from tests.conftest import allow_loopback, hub_entry, qb_subentry, setup_hub
from tests.helpers import poll, wait_until
from tests.test_request_notify import add_phone

MIB = 1024 * 1024

# One distinctive secret per credential; none is part of another.
QB_USER = "qbuserZQ1wv"
QB_PASSWORD = "qbpassZQ2 /+&x"  # characters that URLs and forms encode
QB_WRONG_PASSWORD = "qbwrongZQ15"
TMDB_KEY = "tmdbkeyZQ3c5e7a9b1d3f5a7c9e1b3d"
WATCHMODE_KEY = "watchmodekeyZQ4r8t2y6u"
JACKETT_KEY = "jackettkeyzq5m2n4b6v8c0x2z4"
JACKETT_WRONG_KEY = "jackettwrongzq6p9o8i7u"
JELLYFIN_KEY = "jellyfinkeyZQ7a1s2d3f4g5h6j"
PORTAINER_KEY = "ptr_portainerZQ8kLmN0pQrStUv="
GLUETUN_KEY = "gluetunkeyZQ9w8e7r6t"
GLUETUN_USER = "gluetunuserZQ10"
GLUETUN_PASSWORD = "gluetunpassZQ11 !@#"
SHARE_USER = "shareuserZQ12"
SHARE_PASSWORD = "sharepassZQ13 :%"
SHARE_WRONG_PASSWORD = "sharewrongZQ14"

SECRETS: dict[str, str] = {
    "qBittorrent username": QB_USER,
    "qBittorrent password": QB_PASSWORD,
    "qBittorrent password (wrong)": QB_WRONG_PASSWORD,
    "TMDB key": TMDB_KEY,
    "Watchmode key": WATCHMODE_KEY,
    "Jackett key": JACKETT_KEY,
    "Jackett key (wrong)": JACKETT_WRONG_KEY,
    "Jellyfin key": JELLYFIN_KEY,
    "Portainer key": PORTAINER_KEY,
    "gluetun key": GLUETUN_KEY,
    "gluetun username": GLUETUN_USER,
    "gluetun password": GLUETUN_PASSWORD,
    "Cloud Commander username": SHARE_USER,
    "Cloud Commander password": SHARE_PASSWORD,
    "Cloud Commander password (wrong)": SHARE_WRONG_PASSWORD,
}


def _basic(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def _needles() -> list[tuple[str, str]]:
    """Every form a secret could take in text: raw, percent-encoded, in a Basic header."""
    found: dict[str, str] = {}
    for name, secret in SECRETS.items():
        for form in (secret, quote(secret, safe=""), quote_plus(secret)):
            found.setdefault(form, name)
    found[_basic(GLUETUN_USER, GLUETUN_PASSWORD)] = "gluetun login (Basic)"
    found[_basic(SHARE_USER, SHARE_PASSWORD)] = "Cloud Commander login (Basic)"
    found[_basic(SHARE_USER, SHARE_WRONG_PASSWORD)] = "Cloud Commander login (Basic, wrong)"
    return [(name, needle) for needle, name in found.items()]


NEEDLES = _needles()
# A key in a query, whatever its value (a secret nobody here knows about included).
KEY_IN_QUERY = re.compile(
    r"(?i)\b(?:jackett_)?(?:api_?key|passkey)=(?!<redacted>|\*\*\*)[^&\s\"'<>]"
)


def leaks(text: str) -> list[str]:
    """What in `text` is a secret (or a key in a URL), by name."""
    found = [name for name, needle in NEEDLES if needle in text]
    if (match := KEY_IN_QUERY.search(text)) is not None:
        found.append(f"a key in a query ({text[max(0, match.start() - 60) : match.end() + 20]!r})")
    return found


def chain(err: BaseException) -> list[BaseException]:
    """An exception and everything behind it (causes and contexts)."""
    seen: list[BaseException] = []
    todo: list[BaseException] = [err]
    while todo:
        current = todo.pop()
        if any(current is s for s in seen):
            continue
        seen.append(current)
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]
    return seen


def error_text(err: BaseException) -> str:
    """Everything an exception and its chain say (messages, args, translation placeholders)."""
    parts = []
    for link in chain(err):
        parts += [type(link).__name__, str(link), repr(link.args)]
        parts.append(repr(getattr(link, "translation_placeholders", None)))
    return "\n".join(parts)


@dataclass
class Witness:
    """Everything people, automations and the log got to see during a test."""

    hass: HomeAssistant
    caplog: pytest.LogCaptureFixture
    seen: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.caplog.set_level(logging.DEBUG)
        self.hass.bus.async_listen(MATCH_ALL, self._event)

    @callback
    def _event(self, event: Event[Any]) -> None:
        self.note(f"event {event.event_type}", event.data)

    def note(self, where: str, value: Any) -> None:
        """Remember something a person or an automation was shown."""
        self.seen.append((where, value if isinstance(value, str) else repr(value)))

    def failed(self, where: str, err: BaseException) -> BaseException:
        """Remember an error raised to a caller (and its chain); it is returned for checks."""
        self.note(f"error from {where}", error_text(err))
        return err

    async def action(
        self,
        service: str,
        data: dict[str, Any] | None = None,
        *,
        user: User | None = None,
        response: bool = True,
    ) -> Any:
        """Run a Pandora action as `user`: its answer, or the error it raised."""
        try:
            answer = await self.hass.services.async_call(
                DOMAIN,
                service,
                data or {},
                blocking=True,
                return_response=response,
                context=Context(user_id=user.id if user else None),
            )
        except HomeAssistantError as err:
            return self.failed(f"action {service}", err)
        self.note(f"answer of {service}", answer)
        return answer

    async def ws(self, client: Any, message: dict[str, Any]) -> dict[str, Any]:
        """Send a websocket command; its whole answer (result or error)."""
        await client.send_json_auto_id(message)
        answer: dict[str, Any] = await client.receive_json()
        self.note(f"websocket {message['type']}", answer)
        return answer

    async def tool(self, user: User, name: str, **args: Any) -> dict[str, Any]:
        """Call an LLM tool as a conversation agent would; its answer."""
        context = llm.LLMContext(
            platform="test",
            context=Context(user_id=user.id),
            language="en",
            assistant="conversation",
            device_id=None,
        )
        api = await llm.async_get_api(self.hass, DOMAIN, context)
        result = await api.async_call_tool(llm.ToolInput(tool_name=name, tool_args=args))
        self.note(f"LLM tool {name}", result.data)
        return dict(result.data)

    def assert_clean(self, entry: MockConfigEntry | None = None) -> None:
        """None of the secrets anywhere people, automations or the log can see."""
        hass = self.hass
        places = list(self.seen)
        places += [(f"state of {s.entity_id}", repr(s.as_dict())) for s in hass.states.async_all()]
        notifications = persistent_notification._async_get_or_create_notifications(hass)
        places += [(f"notification {key}", repr(n)) for key, n in notifications.items()]
        places += [
            (f"repair {issue_id}", repr(issue.translation_placeholders))
            for (_, issue_id), issue in ir.async_get(hass).issues.items()
        ]
        places.append(("config flows", repr(hass.config_entries.flow.async_progress())))
        if entry is not None and hasattr(entry, "runtime_data"):
            runtime = entry.runtime_data
            places += [(f"request {r.title}", repr(r.as_dict())) for r in runtime.requests.all()]
            places.append(("files history", repr(runtime.history.files())))
            if runtime.pipeline is not None:
                places.append(("filing jobs", repr(runtime.pipeline.jobs)))
        places.append(("the log", self.caplog.text))
        found = [
            f"{name} in {where}: {text[:300]!r}" for where, text in places for name in leaks(text)
        ]
        assert not found, "\n".join(found)


@pytest.fixture
def witness(hass: HomeAssistant, caplog: pytest.LogCaptureFixture) -> Witness:
    return Witness(hass, caplog)


def closed_url() -> str:
    """An address nothing listens on."""
    return f"http://127.0.0.1:{free_port()}"


def failure(answer: Any) -> str:
    """The text of an error an action raised (fails when it answered instead)."""
    assert isinstance(answer, HomeAssistantError), answer
    return str(answer)


@pytest.fixture(scope="module")
def qbittorrent() -> Iterator[QBittorrentDaemon]:
    """A real qBittorrent whose Web UI login is a secret (never banned: the login is right)."""
    allow_loopback()
    daemon = QBittorrentDaemon(version="4", username=QB_USER, password=QB_PASSWORD).start()
    yield daemon
    daemon.stop()


@pytest.fixture
def admin(hass_admin_user: User) -> User:
    return hass_admin_user


@pytest.fixture
def member(hass_read_only_user: User) -> User:
    """A household member (not an administrator)."""
    return hass_read_only_user


# --- Jackett, its /dl/ links and household requests ---------------------------------------------


def big_torrent() -> bytes:
    """A bencoded answer just over what Pandora accepts for a .torrent (10 MiB)."""
    return b"d4:info" + b"0" * (10 * MIB) + b"e"


def jackett_indexers() -> list[SimIndexer]:
    """One indexer whose only release links a .torrent over 10 MiB; one per failure mode."""
    big = SimRelease(
        "Night.of.the.Living.Dead.1968.1080p.BluRay.x264-HUGE",
        size=8 * 10**9,
        seeders=50,
        leechers=2,
        infohash=hash_of(7),
        tmdb_id=NOTLD,
        torrent_bytes=big_torrent(),
        magnet=False,
    )
    return [
        SimIndexer("huge", "Huge", releases=[big]),
        *(SimIndexer(mode.value.replace("_", ""), mode.value, failure=mode) for mode in Failure),
    ]


@pytest.fixture
async def jackett_hub(
    hass: HomeAssistant,
    sims: Sims,
    qbittorrent: QBittorrentDaemon,
) -> AsyncIterator[MockConfigEntry]:
    """qBittorrent, TMDB and three Jackett servers: one with failing indexers and a too-big
    .torrent, one refusing the key it is given, one nobody answers at."""
    sims.tmdb.api_key = TMDB_KEY
    sims.jackett.api_key = JACKETT_KEY
    sims.jackett.indexers = jackett_indexers()
    other = JackettSimulator(api_key=JACKETT_KEY, auth_failure_status=401)
    runner, port = await start_jackett(other)
    indexers = ",".join(i.id for i in sims.jackett.indexers)
    entry = hub_entry(
        qb_subentry(qbittorrent, title="qBittorrent"),
        tmdb_subentry(sims),
        jackett_subentry(sims.jackett_url, JACKETT_KEY, indexers=indexers),
        jackett_subentry(
            f"http://127.0.0.1:{port}", JACKETT_WRONG_KEY, title="Jackett behind a proxy"
        ),
        jackett_subentry(closed_url(), JACKETT_KEY, title="Jackett down"),
        request_notifications=True,
    )
    yield await setup_hub(hass, entry)
    await runner.cleanup()


async def test_jackett_links_searches_and_requests_never_show_the_key(
    hass: HomeAssistant,
    jackett_hub: MockConfigEntry,
    witness: Witness,
    hass_ws_client: Any,
    admin: User,
    member: User,
) -> None:
    client = await hass_ws_client(hass)
    search = {"query": "Night of the Living Dead 1968", "include_rejected": True}
    found = await witness.action("search_torrents", search)
    statuses = {s["instance"]: s for s in found["instances"]}
    assert statuses["Jackett down"]["state"] == statuses["Jackett behind a proxy"]["state"]
    assert statuses["Jackett down"]["state"] == "error"
    indexers = {i["indexer"]: i for i in statuses["Jackett"]["indexers"]}
    assert indexers["huge"]["state"] == "ok"
    assert all(i["state"] == "error" for key, i in indexers.items() if key != "huge")
    assert "for link http://" in indexers["indexererror"]["error"]  # it quoted a /dl/ link
    answer = await witness.ws(client, {"type": "pandora/torrents/search", **search})
    assert answer["success"]
    (result,) = found["results"]

    # The release's /dl/ link answers more than 10 MiB: the error names where, not the key.
    for response in (True, False):
        message = failure(
            await witness.action(
                "download_release", {"result_id": result["result_id"]}, response=response
            )
        )
        assert "/dl/huge/" in message and "sent more than" in message
    answer = await witness.ws(
        client, {"type": "pandora/torrents/add", "result_id": result["result_id"]}
    )
    assert answer["error"]["code"] == "home_assistant_error"
    assert "sent more than" in answer["error"]["message"]

    # A household request for it fails on that link; one for a title nobody has fails with
    # every Jackett's error. The requesters are told (a push for one, a notification for the
    # other), and so is everyone watching the bus.
    phone = add_phone(hass, member, "Member Phone")
    created = []
    for tmdb_id, user in ((NOTLD, member), (900004, admin)):
        asked = await witness.action(
            "request_media", {"tmdb_id": tmdb_id, "media_type": "movie"}, user=user
        )
        (request,) = asked["requests"]
        if request["status"] == "pending":
            await witness.action("approve_request", {"request_id": request["id"]}, user=admin)
        created.append(request["id"])
    queue = jackett_hub.runtime_data.requests

    def settled() -> bool:
        return all(queue.get(i) is not None and queue.get(i).status == "failed" for i in created)

    await wait_until(settled, timeout=60)
    await hass.async_block_till_done()
    fetched, nothing = (queue.get(i) for i in created)
    assert fetched is not None and nothing is not None
    assert "could not be fetched" in str(fetched.reason) and "sent more than" in str(fetched.reason)
    assert "Jackett down: Cannot reach" in str(nothing.reason)
    assert "Jackett behind a proxy: Jackett refused the API key" in str(nothing.reason)
    assert [call.data for call in phone if call.data.get("title") == "Request failed"]
    witness.note("pushes", [call.data for call in phone])
    notes = persistent_notification._async_get_or_create_notifications(hass)
    assert any("an admin can retry" in n["message"] for n in notes.values())
    answer = await witness.ws(client, {"type": "pandora/requests/list"})
    assert answer["success"]
    witness.assert_clean(jackett_hub)


# --- TMDB and Watchmode: keys in the query string -----------------------------------------------


@pytest.fixture
async def discovery_hub(hass: HomeAssistant, sims: Sims) -> MockConfigEntry:
    sims.tmdb.api_key = TMDB_KEY
    sims.tmdb.retry_after = 0.1
    sims.watchmode.api_key = WATCHMODE_KEY
    return await setup_hub(hass, hub_entry(tmdb_subentry(sims), watchmode_subentry(sims)))


async def test_tmdb_and_watchmode_failures_never_show_their_keys(
    hass: HomeAssistant,
    sims: Sims,
    discovery_hub: MockConfigEntry,
    witness: Witness,
    hass_ws_client: Any,
    hass_client: Any,
    member: User,
) -> None:
    client = await hass_ws_client(hass)
    discovery = discovery_hub.runtime_data.discovery
    tmdb, watchmode = sims.tmdb, sims.watchmode
    page = iter(range(2, 100))  # a page nobody asked for yet: never answered from the cache

    async def discover_fails() -> list[str]:
        """The error of the action and of its websocket command."""
        listed = {"list": "popular_movies", "page": next(page)}
        action = failure(await witness.action("discover", listed))
        answer = await witness.ws(
            client, {"type": "pandora/discover", "list": "popular_movies", "page": next(page)}
        )
        assert not answer["success"]
        return [action, answer["error"]["message"]]

    # The image proxy asks TMDB where its images live first: that fails, the image is 404.
    tmdb.server_error_next = 1
    assert (await (await hass_client()).get("/api/pandora/image/w342/poster.png")).status == 404
    assert "No image w342/poster.png: TMDB answered 500" in witness.caplog.text
    tmdb.server_error_next = 2
    assert all("500" in text for text in await discover_fails())
    tmdb.malformed_next = 2
    assert all("JSON" in text for text in await discover_fails())
    tmdb.rate_limit_next = 4  # each call retries once after Retry-After
    assert all("rate limit" in text for text in await discover_fails())
    tmdb.malformed_next = 1
    searched = await witness.tool(member, "search_media", query="night of the living dead")
    assert "error" in searched
    discovery.tmdb.request_timeout, tmdb.delay = 0.3, 1.0
    assert all("Timed out" in text for text in await discover_fails())
    discovery.tmdb.request_timeout, tmdb.delay = 15.0, 0.0

    # Watchmode fails its part of a title's page: the answer says why, without the key.
    titles = iter(range(900002, 900030))

    async def availability_fails() -> str:
        answer = await witness.action("get_media", {"tmdb_id": next(titles), "media_type": "movie"})
        error = answer["availability_error"]
        assert error
        return str(error)

    watchmode.server_error_next = 1
    assert "500" in await availability_fails()
    watchmode.malformed_next = 1
    assert "JSON" in await availability_fails()
    watchmode.rate_limit_next = 1
    assert "rate limit" in await availability_fails()
    watchmode.quota_used = watchmode.quota
    assert "quota" in await availability_fails()
    checked = await witness.tool(
        member, "check_availability", tmdb_id=next(titles), media_type="movie"
    )
    assert checked["streaming_error"]
    watchmode.quota_used = 0
    discovery.watchmode.base_url = closed_url() + "/v1"  # Watchmode unreachable
    assert "Cannot reach" in await availability_fails()
    discovery.tmdb.base_url = closed_url() + "/3"  # TMDB unreachable
    assert all("Cannot reach" in text for text in await discover_fails())

    # Keys that stopped working: the hub's reauth starts (one flow, whichever service asks).
    discovery.tmdb.base_url, discovery.watchmode.base_url = sims.tmdb_url, sims.watchmode_url
    tmdb.api_key, watchmode.api_key = "revoked", "revoked"
    assert all("refused" in text for text in await discover_fails())
    tmdb.api_key = TMDB_KEY
    assert "refused" in await availability_fails()
    await hass.async_block_till_done()
    assert [f["context"]["source"] for f in hass.config_entries.flow.async_progress()] == ["reauth"]
    witness.assert_clean(discovery_hub)


# --- Jellyfin: the key in a header ---------------------------------------------------------------


@pytest.fixture
async def jellyfin(tmp_path: Path) -> AsyncIterator[tuple[JellyfinSimulator, str]]:
    """A Jellyfin that answers 500 until told otherwise (its title index is never read)."""
    allow_loopback()
    for folder in ("Movies", "Shows"):
        (tmp_path / folder).mkdir()
    sim = JellyfinSimulator(
        libraries=[
            ("Movies", "movies", str(tmp_path / "Movies")),
            ("Shows", "tvshows", str(tmp_path / "Shows")),
        ],
        api_key=JELLYFIN_KEY,
        scan_duration=0.2,
    )
    sim.server_error_next = 1000
    runner, port = await start_jellyfin(sim)
    yield sim, f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_jellyfin_failures_never_show_its_key(
    hass: HomeAssistant,
    sims: Sims,
    jellyfin: tuple[JellyfinSimulator, str],
    witness: Witness,
    hass_ws_client: Any,
    member: User,
) -> None:
    sim, url = jellyfin
    sims.tmdb.api_key = TMDB_KEY
    entry = await setup_hub(
        hass,
        hub_entry(
            tmdb_subentry(sims),
            ConfigSubentryData(
                data={CONF_URL: url, CONF_API_KEY: JELLYFIN_KEY, CONF_VERIFY_SSL: True},
                subentry_type=SUBENTRY_JELLYFIN,
                title="Jellyfin",
                unique_id=url,
            ),
        ),
    )
    (coordinator,) = entry.runtime_data.jellyfin.values()
    client = await hass_ws_client(hass)

    async def everything_fails(expected: str, *, scans: bool = True) -> None:
        """A refresh, the assistant's library check and a scan (action, websocket) fail."""
        await poll(hass)
        assert not coordinator.last_update_success
        assert expected in str(coordinator.last_exception)
        checked = await witness.tool(
            member, "check_availability", tmdb_id=NOTLD, media_type="movie"
        )
        assert expected in checked["library_errors"][0]
        if not scans:
            return
        for response in (True, False):
            assert expected in failure(await witness.action("scan_library", response=response))
        answer = await witness.ws(client, {"type": "pandora/library/scan", "library": "all"})
        assert expected in answer["error"]["message"]

    await everything_fails("500")
    sim.server_error_next, sim.malformed_next = 0, 1000
    await everything_fails("JSON", scans=False)  # a scan reads no answer
    sim.malformed_next = 0
    coordinator.client.request_timeout, sim.delay = 0.3, 1.0
    await everything_fails("Timed out")
    coordinator.client.request_timeout, sim.delay = 15.0, 0.0
    coordinator.client.url = closed_url()
    await everything_fails("Cannot reach")
    coordinator.client.url = url
    sim.api_key = "revoked"
    await everything_fails("refused")
    await hass.async_block_till_done()
    assert [f["context"]["source"] for f in hass.config_entries.flow.async_progress()] == ["reauth"]
    witness.assert_clean(entry)


# --- qBittorrent: a login, a login in the URL, a ban ---------------------------------------------


@pytest.fixture
def banning_qbittorrent() -> Iterator[QBittorrentDaemon]:
    """A private qBittorrent (with the secret login) that bans after two failed logins."""
    allow_loopback()
    daemon = QBittorrentDaemon(
        version="4", username=QB_USER, password=QB_PASSWORD, max_auth_failures=2
    ).start()
    yield daemon
    daemon.stop()


async def test_qbittorrent_failures_never_show_its_login(
    hass: HomeAssistant,
    sims: Sims,
    banning_qbittorrent: QBittorrentDaemon,
    witness: Witness,
    hass_ws_client: Any,
    admin: User,
) -> None:
    daemon = banning_qbittorrent
    right = qb_subentry(daemon, title="qBittorrent")
    wrong = qb_subentry(daemon, title="qBittorrent (old password)")
    wrong["data"] = {**wrong["data"], CONF_PASSWORD: QB_WRONG_PASSWORD}
    wrong["unique_id"] = "wrong"
    # A login in the URL (aiohttp sends it as Basic auth): nobody listens there.
    host = closed_url().removeprefix("http://")
    in_url = qb_subentry(daemon, title="qBittorrent (login in its URL)")
    login = f"{quote(QB_USER, safe='')}:{quote(QB_PASSWORD, safe='')}"
    in_url["data"] = {**in_url["data"], CONF_URL: f"http://{login}@{host}"}
    in_url["unique_id"] = "in_url"
    sims.tmdb.api_key, sims.jackett.api_key = TMDB_KEY, JACKETT_KEY
    # The first qBittorrent is the one requests download with.
    entry = await setup_hub(
        hass,
        hub_entry(
            in_url,
            right,
            wrong,
            tmdb_subentry(sims),
            jackett_subentry(sims.jackett_url, JACKETT_KEY),
        ),
    )
    coordinators = {c.subentry.title: c for c in entry.runtime_data.qbittorrent.values()}
    client = await hass_ws_client(hass)

    # A household request finds a release, but its qBittorrent does not answer.
    asked = await witness.action(
        "request_media", {"tmdb_id": NOTLD, "media_type": "movie"}, user=admin
    )
    (request,) = asked["requests"]
    if request["status"] == "pending":
        await witness.action("approve_request", {"request_id": request["id"]}, user=admin)
    await wait_until(lambda: "to qBittorrent yet: Cannot reach" in witness.caplog.text)
    assert entry.runtime_data.requests.get(request["id"]).status == "downloading"

    async def fails(title: str, *expected: str) -> None:
        """Its refresh, an action (with and without an answer) and a websocket command fail,
        saying one of `expected`."""

        def said(text: str) -> bool:
            return any(part in text for part in expected)

        coordinator = coordinators[title]
        await coordinator.async_refresh()
        assert not coordinator.last_update_success
        assert said(str(coordinator.last_exception))
        for response in (True, False):
            got = await witness.action(
                "add_torrent",
                {"url": f"magnet:?xt=urn:btih:{hash_of(9)}", "instance": title},
                response=response,
            )
            assert said(failure(got))
        message = {"type": "pandora/torrents/action", "action": "pause", "hashes": ["all"]}
        answer = await witness.ws(client, {**message, "instance": title})
        assert said(answer["error"]["message"])

    assert coordinators["qBittorrent"].last_update_success
    await fails("qBittorrent (login in its URL)", "Cannot reach")
    # A refused login starts the reauth, and the old password is not tried again.
    await fails("qBittorrent (old password)", "refused the username or password")
    assert [f["context"]["source"] for f in hass.config_entries.flow.async_progress()] == ["reauth"]
    await fails("qBittorrent (old password)", "does not try them again")
    # Failed logins from elsewhere at this address get it banned; a repair says so.
    for _ in range(2):
        assert not daemon.try_login(QB_WRONG_PASSWORD)
    coordinators["qBittorrent"].client._cookie = None  # its next call logs in
    await fails("qBittorrent", "banned")
    issues = [i for (_, i), _ in ir.async_get(hass).issues.items() if i.startswith("ip_banned")]
    assert issues
    daemon.stop()
    await fails("qBittorrent", "Cannot reach")
    witness.assert_clean(entry)


# --- Cloud Commander: a login, and filing downloads into it --------------------------------------


@pytest.fixture(scope="module")
def share_server() -> Iterator[CloudCommander]:
    allow_loopback()
    with CloudCommander(username=SHARE_USER, password=SHARE_PASSWORD) as server:
        yield server


def share_subentry(title: str, url: str, password: str, **data: Any) -> ConfigSubentryData:
    return ConfigSubentryData(
        data={
            CONF_URL: url,
            CONF_USERNAME: SHARE_USER,
            CONF_PASSWORD: password,
            CONF_VERIFY_SSL: True,
            **DEFAULT_FOLDERS,
            CONF_QBITTORRENT_ROOT: "",
            **data,
        },
        subentry_type=SUBENTRY_CLOUDCMD,
        title=title,
        unique_id=title,
    )


async def test_share_failures_never_show_its_login(
    hass: HomeAssistant,
    share_server: CloudCommander,
    qbittorrent: QBittorrentDaemon,
    witness: Witness,
    hass_ws_client: Any,
) -> None:
    server = share_server
    entry = await setup_hub(
        hass,
        hub_entry(
            qb_subentry(qbittorrent, title="qBittorrent"),
            share_subentry("Share", server.url, SHARE_PASSWORD),
            # The share completed downloads are filed into: its password changed since.
            share_subentry(
                "Share (old password)",
                server.url,
                SHARE_WRONG_PASSWORD,
                **{CONF_QBITTORRENT_ROOT: str(server.root)},
            ),
            share_subentry("Share down", closed_url(), SHARE_PASSWORD),
        ),
    )
    runtime = entry.runtime_data
    shares = {c.subentry.title: c for c in runtime.cloudcmd.values()}
    assert shares["Share"].last_update_success
    client = await hass_ws_client(hass)

    for title, expected in (("Share (old password)", "refused"), ("Share down", "Cannot reach")):
        assert not shares[title].last_update_success
        assert expected in str(shares[title].last_exception)
        listed = await witness.action("list_files", {"path": "/", "instance": title})
        assert expected in failure(listed)
        for response in (True, False):
            moved = await witness.action(
                "move_files",
                {"paths": ["/Downloads/x"], "destination": "movies", "instance": title},
                response=response,
            )
            assert expected in failure(moved)
        for message in (
            {"type": "pandora/files/list", "path": "/"},
            {"type": "pandora/files/delete", "paths": ["/Downloads/x"]},
        ):
            answer = await witness.ws(client, {**message, "instance": title})
            assert expected in answer["error"]["message"]
    assert [f["context"]["source"] for f in hass.config_entries.flow.async_progress()] == ["reauth"]

    # A completed download cannot be filed into the share: the job waits for the
    # re-authentication (no login again, no repair) and the log says why.
    torrent_hash = hash_of(11)
    added = await witness.action(
        "add_torrent",
        {"url": f"magnet:?xt=urn:btih:{torrent_hash}&dn=Filed", "paused": True},
    )
    assert not isinstance(added, HomeAssistantError)
    (qbit,) = runtime.qbittorrent.values()
    await wait_until(lambda: any(t["hash"] == torrent_hash for t in qbittorrent.torrents()))
    assert runtime.pipeline is not None
    assert runtime.pipeline.file_torrent(torrent_hash, "Filed", qbit.subentry.subentry_id)
    await wait_until(lambda: "Filing Filed waits for the service" in witness.caplog.text)
    await hass.async_block_till_done()
    assert "refused the credentials" in witness.caplog.text
    assert runtime.pipeline.jobs[torrent_hash].step == "to_downloaded"
    assert ("pandora", f"pipeline_{torrent_hash}") not in ir.async_get(hass).issues
    witness.assert_clean(entry)


# --- Portainer and gluetun: keys and a login in headers ------------------------------------------


@pytest.fixture
async def containers(docker_engine: DockerEngine) -> AsyncIterator[MediaStack]:
    """The `media` stack behind Portainer and gluetun, both asking for the secrets."""
    async with media_stack(
        docker_engine, api_key=GLUETUN_KEY, username=GLUETUN_USER, password=GLUETUN_PASSWORD
    ) as running:
        running.portainer.api_key = PORTAINER_KEY
        yield running


async def test_container_failures_never_show_keys_or_logins(
    hass: HomeAssistant, containers: MediaStack, witness: Witness, hass_ws_client: Any
) -> None:
    stack = containers
    down = ConfigSubentryData(
        data={CONF_URL: closed_url(), CONF_API_KEY: PORTAINER_KEY, CONF_VERIFY_SSL: True},
        subentry_type=SUBENTRY_PORTAINER,
        title="Portainer down",
        unique_id="down",
    )
    gluetun_login = {
        CONF_API_KEY: GLUETUN_KEY,
        CONF_USERNAME: GLUETUN_USER,
        CONF_PASSWORD: GLUETUN_PASSWORD,
        CONF_SWITCH_TIMEOUT: 2,
    }
    entry = await setup_hub(
        hass,
        hub_entry(stack.portainer_subentry(), stack.gluetun_subentry(**gluetun_login), down),
    )
    runtime = entry.runtime_data
    portainers = {c.subentry.title: c for c in runtime.portainer.values()}
    (gluetun,) = runtime.gluetun.values()
    assert portainers["Portainer"].last_update_success and gluetun.last_update_success
    assert "Cannot reach" in str(portainers["Portainer down"].last_exception)
    client = await hass_ws_client(hass)
    on_portainer = {"instance": "Portainer"}

    async def portainer_fails(expected: str) -> None:
        """Its refresh, every container action (and its websocket command) fail."""
        await poll(hass)
        assert expected in str(portainers["Portainer"].last_exception)
        calls: list[tuple[str, dict[str, Any], bool]] = [
            ("restart_container", {"container": "jackett"}, False),
            ("get_container_logs", {"container": "jackett"}, True),
            ("redeploy_stack", {"stack": "media"}, False),
            ("set_vpn_country", {"country": "Netherlands", "instance": "gluetun"}, True),
        ]
        for action, data, response in calls:
            got = await witness.action(action, {**on_portainer, **data}, response=response)
            assert expected in failure(got), action
        for message in (
            {"type": "pandora/containers/restart", "container": "jackett", **on_portainer},
            {"type": "pandora/containers/logs", "container": "jackett", **on_portainer},
            {"type": "pandora/stacks/redeploy", "stack": "media", **on_portainer},
        ):
            answer = await witness.ws(client, message)
            assert expected in answer["error"]["message"], message

    # A proxy's error page that echoes the key, then a key Portainer no longer accepts.
    echo = {"message": f"bad X-API-Key: {PORTAINER_KEY}", "details": f"key={PORTAINER_KEY}"}
    stack.portainer.inject(500, echo, count=1000)
    await portainer_fails("bad X-API-Key")
    stack.portainer.faults.clear()
    stack.portainer.inject(401, {"message": "Invalid API key"}, count=1000)
    await portainer_fails("refused the API key")
    stack.portainer.faults.clear()
    # Refused credentials stop the polling: a refresh asked for (or a reauth) resumes it.
    await portainers["Portainer"].async_refresh()
    assert portainers["Portainer"].last_update_success

    # gluetun answers garbage, then refuses the key and the login it is given.
    stack.gluetun.malformed_next = 1000
    await poll(hass)
    assert not gluetun.last_update_success
    stack.gluetun.malformed_next = 0
    stack.gluetun.api_key, stack.gluetun.password = "rotated", "rotated"
    await poll(hass)
    assert "refused the credentials" in str(gluetun.last_exception)
    # A switch with refused credentials stops at once (nothing is redeployed) and says so.
    assert "refused the credentials" in failure(
        await witness.action("set_vpn_country", {"country": "Netherlands"})
    )
    await hass.async_block_till_done()
    assert [f["context"]["source"] for f in hass.config_entries.flow.async_progress()] == ["reauth"]
    # With the credentials back, a live switch whose saving in the stack fails (Portainer echoing
    # the key again) is undone, and the error names Portainer without its key.
    stack.gluetun.api_key, stack.gluetun.password = GLUETUN_KEY, GLUETUN_PASSWORD
    await gluetun.async_refresh()  # polling stopped at the refusal
    assert gluetun.last_update_success
    stack.portainer.inject(500, echo, count=1000)
    assert "Portainer answered 500" in failure(
        await witness.action("set_vpn_country", {"country": "Netherlands"})
    )
    stack.portainer.faults.clear()
    await hass.async_block_till_done()
    witness.assert_clean(entry)


# --- config and reauth flows ---------------------------------------------------------------------


def form_for(result: Any, **values: Any) -> dict[str, Any]:
    """A form's defaults with `values` typed over them."""
    defaults = {
        str(key): key.default()
        for key in result["data_schema"].schema
        if callable(getattr(key, "default", None)) and key.default() is not None
    }
    return {**defaults, **values}


def shown(result: Any) -> dict[str, Any]:
    """What a flow's step shows, but its form: the form holds what the admin typed or has
    (the username on a reauth), shown back to that admin only."""
    return {key: value for key, value in result.items() if key != "data_schema"}


async def test_config_and_reauth_flows_never_show_secrets(
    hass: HomeAssistant,
    sims: Sims,
    jellyfin: tuple[JellyfinSimulator, str],
    share_server: CloudCommander,
    banning_qbittorrent: QBittorrentDaemon,
    witness: Witness,
) -> None:
    # Every service now wants another secret than the one typed.
    jellyfin_sim, jellyfin_url = jellyfin
    jellyfin_sim.server_error_next = 0
    for sim in (sims.tmdb, sims.watchmode, sims.jackett, jellyfin_sim):
        sim.api_key = "rotated"
    portainer = PortainerSimulator("/nonexistent/docker.sock", api_key="rotated")
    gluetun = GluetunSimulator(sweden, api_key="rotated", username="x", password="rotated")
    runners = [await start_portainer(portainer), await start_gluetun(gluetun)]
    portainer_url, gluetun_url = (f"http://127.0.0.1:{port}" for _, port in runners)
    login = f"{quote(QB_USER, safe='')}:{quote(QB_PASSWORD, safe='')}"
    in_url = qb_subentry(banning_qbittorrent, title="qBittorrent")
    in_url["data"] = {**in_url["data"], CONF_URL: f"http://{login}@{closed_url()[7:]}"}
    in_url["unique_id"] = "in_url"
    hub = hub_entry(
        in_url,
        jackett_subentry(closed_url(), JACKETT_KEY),
        share_subentry("Share", share_server.url, SHARE_PASSWORD),
    )
    hub.add_to_hass(hass)
    try:
        tries: list[tuple[str, dict[str, Any]]] = [
            ("tmdb", {CONF_API_KEY: TMDB_KEY, CONF_URL: sims.tmdb_url}),
            ("watchmode", {CONF_API_KEY: WATCHMODE_KEY, CONF_URL: sims.watchmode_url}),
            ("jackett", {CONF_API_KEY: JACKETT_KEY, CONF_URL: sims.jackett_url}),
            ("jellyfin", {CONF_API_KEY: JELLYFIN_KEY, CONF_URL: jellyfin_url}),
            ("portainer", {CONF_API_KEY: PORTAINER_KEY, CONF_URL: portainer_url}),
            (
                "gluetun",
                {
                    CONF_API_KEY: GLUETUN_KEY,
                    CONF_USERNAME: GLUETUN_USER,
                    CONF_PASSWORD: GLUETUN_PASSWORD,
                    CONF_URL: gluetun_url,
                },
            ),
            (
                "qbittorrent",
                {
                    CONF_USERNAME: QB_USER,
                    CONF_PASSWORD: QB_WRONG_PASSWORD,
                    CONF_URL: banning_qbittorrent.url,
                },
            ),
            (
                "cloudcmd",
                {
                    CONF_USERNAME: SHARE_USER,
                    CONF_PASSWORD: SHARE_WRONG_PASSWORD,
                    CONF_URL: share_server.url,
                },
            ),
        ]
        for kind, typed in tries:
            # The secret refused; then the same at an address nobody answers, with a login
            # (services sending their own Authorization header cannot even send that).
            elsewhere = f"http://{login}@{closed_url()[7:]}"
            for values, errors in (
                (typed, ("invalid_auth",)),
                ({**typed, CONF_URL: elsewhere}, ("cannot_connect", "unknown")),
            ):
                result = await hass.config_entries.subentries.async_init(
                    (hub.entry_id, kind), context={"source": SOURCE_USER}
                )
                result = await hass.config_entries.subentries.async_configure(
                    result["flow_id"], form_for(result, **values)
                )
                witness.note(f"{kind} flow", shown(result))
                assert (result.get("errors") or {}).get("base") in errors, (kind, result)

        # Reauth: a new key or password that does not work either.
        for subentry_id, subentry in hub.subentries.items():
            asked = await hub.start_reauth_flow(hass, data={"subentry_id": subentry_id})
            witness.note(f"reauth of {subentry.title}", shown(asked))
            secret = {CONF_API_KEY: JACKETT_WRONG_KEY}
            if asked["step_id"] in ("reauth_confirm", "reauth_qbittorrent"):
                secret = {CONF_USERNAME: QB_USER, CONF_PASSWORD: SHARE_WRONG_PASSWORD}
            asked = await hass.config_entries.flow.async_configure(asked["flow_id"], secret)
            witness.note(f"reauth of {subentry.title}", shown(asked))
            assert (asked.get("errors") or {}).get("base") in ("invalid_auth", "cannot_connect")
            hass.config_entries.flow.async_abort(asked["flow_id"])

        # A qBittorrent added with its login in the URL: named by its address alone (the
        # title is in every event, device and notification about it).
        result = await hass.config_entries.subentries.async_init(
            (hub.entry_id, "qbittorrent"), context={"source": SOURCE_USER}
        )
        right = f"http://{login}@{banning_qbittorrent.url[7:]}"
        values = {CONF_URL: right, CONF_USERNAME: QB_USER, CONF_PASSWORD: QB_PASSWORD}
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], form_for(result, **values)
        )
        assert result["type"] == "create_entry", result
        assert result["title"] == f"qBittorrent {banning_qbittorrent.url[7:]}"
        witness.note("qbittorrent flow", result["title"])
    finally:
        for runner, _ in runners:
            await runner.cleanup()
    witness.assert_clean()


async def sweden() -> tuple[str, str]:
    """gluetun's container, running with its country."""
    return "container", "Sweden"
