"""The permission table (permissions.py) is what docs/permissions.md says, and every door keeps it.

One hub with every service (a real qbittorrent-nox and Cloud Commander, the Jellyfin, TMDB,
Watchmode and Jackett simulators, Portainer and gluetun simulators over a real Docker Engine)
is called through every door each operation has, as every kind of caller: administrator,
household member (Home Assistant's default "Users" group), read-only member, deactivated user,
automation (no user), and voice satellite (no user at Assist and LLM doors) with the hub's voice
option off and on. Each call must be refused exactly when the table says so.

Calls that the table allows are made to fail harmlessly right after the permission check where
they would otherwise change something (an unknown instance, container, request...), or their
effect is recorded (entities that restart, redeploy or switch the VPN).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser

from custom_components.pandora.const import (
    CONF_AUTO_APPROVE_ADMINS,
    CONF_VERIFY_SSL,
    CONF_VOICE_CONTROL,
    DOMAIN,
    SUBENTRY_JELLYFIN,
)
from custom_components.pandora.containers.gluetun import GluetunCoordinator
from custom_components.pandora.containers.portainer import PortainerCoordinator
from custom_components.pandora.hub.permissions import OPERATIONS, Access, Caller, Door, allowed
from custom_components.pandora.intent import PandoraIntentHandler
from custom_components.pandora.panel import llm_api
from custom_components.pandora.panel.websocket import ACTIONS, TORRENT_ACTIONS
from custom_components.pandora.requests.notify import ACTION_APPROVE, ACTION_DENY
from devtools.simulators.jellyfin import JellyfinSimulator, start as start_jellyfin
from devtools.support.cloudcmd import CloudCommander
from devtools.support.containers import MediaStack, media_stack
from devtools.support.docker_engine import DockerEngine
from devtools.support.media import NOTLD, Sims, jackett_subentry, tmdb_subentry, watchmode_subentry
from devtools.support.qbittorrent_daemon import QBittorrentDaemon
from homeassistant.auth.models import User
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import Context, HomeAssistant, SupportsResponse
from homeassistant.exceptions import HomeAssistantError, Unauthorized
from homeassistant.helpers import entity_registry as er, intent, llm
from tests.conftest import allow_loopback, hub_entry, qb_subentry, setup_hub
from tests.harness.request_hub import hold_back_pipeline

DOC = Path(__file__).parents[1] / "docs" / "permissions.md"
MAGNET = "magnet:?xt=urn:btih:" + "a" * 40
TITLE = {"tmdb_id": NOTLD, "media_type": "movie"}

# Schema-valid data for each action: harmless when the table lets the call through (unknown
# instances, containers, requests and players fail right after the permission check).
ACTION_DATA: dict[str, dict[str, Any]] = {
    "get_torrents": {},
    "add_torrent": {"url": MAGNET, "instance": "nope"},
    "pause_torrents": {"hashes": "b" * 40, "instance": "nope"},
    "resume_torrents": {"hashes": "b" * 40, "instance": "nope"},
    "remove_torrents": {"hashes": "b" * 40, "instance": "nope"},
    "move_torrents": {"hashes": "b" * 40, "location": "/tmp/x", "instance": "nope"},
    "search_torrents": {"query": "night of the living dead"},
    "download_release": {"url": MAGNET, "instance": "nope"},
    "discover": {"list": "trending_day"},
    "search_media": {"query": "night"},
    "get_media": TITLE,
    "scan_library": {"library": "nope"},
    "list_files": {"path": "/"},
    "move_files": {"paths": ["/Downloads/nope"], "destination": "movies", "instance": "nope"},
    "delete_files": {"paths": ["/Downloads/nope"], "instance": "nope"},
    "restart_container": {"container": "nope"},
    "get_container_logs": {"container": "nope"},
    "redeploy_stack": {"stack": "nope"},
    "set_vpn_country": {"country": "Atlantis"},
    "request_media": TITLE,
    "get_requests": {},
    "approve_request": {"request_id": "nope"},
    "deny_request": {"request_id": "nope"},
    "retry_request": {"request_id": "nope"},
    "withdraw_request": {"request_id": "nope"},
    "add_to_watchlist": TITLE,
    "remove_from_watchlist": TITLE,
    "get_watchlist": {},
    "set_featured": TITLE,
    "clear_featured": {},
    "play_title": {"entity_id": "media_player.nope", **TITLE},
}
INTENT_SLOTS: dict[str, dict[str, Any]] = {
    "PandoraPauseAll": {},
    "PandoraResumeAll": {},
    "PandoraScanLibrary": {"library": {"value": "nope"}},
    "PandoraWhatIsDownloading": {},
    "PandoraHowMuchLeft": {"title": {"value": "nothing at all"}},
}
LLM_ARGS: dict[str, dict[str, Any]] = {
    "search_media": {"query": "night"},
    "check_availability": TITLE,
    "request_media": TITLE,
    "download_status": {},
    "scan_library": {"library": "nope"},
}
REFUSALS = {llm_api.NOT_ALLOWED, llm_api.SATELLITE_NOT_ALLOWED, llm_api.NO_USER}


# --- the table as documentation -----------------------------------------------------------------


def llm_tools() -> dict[str, str]:
    """Operation -> the LLM tool that runs it."""
    return {tool().operation: tool().name for tool, _ in llm_api._TOOLS}


def render_table() -> str:
    """docs/permissions.md's table, from the code."""
    tools = llm_tools()
    mark = {True: "✓", False: "✗"}
    rows = [
        "| Operation | Access | Administrator | Member | Automation | Voice satellite | LLM tool "
        "| Doors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, op in OPERATIONS.items():
        callers = {
            Access.READ: {"admin", "member", "automation", "satellite"},
            Access.OWN: {"admin", "member", "automation"},
            Access.CONTROL: {"admin", "automation"},
            Access.ADMIN: {"admin", "automation"},
        }[op.access]
        member = "own" if op.access is Access.OWN else mark["member" in callers]
        spoken = op.doors & {Door.INTENT, Door.LLM}
        if not spoken:
            satellite = "—"
        elif op.access is Access.CONTROL:
            satellite = "if allowed"
        else:
            satellite = mark["satellite" in callers]
        tool = f"`{tools[name]}`" if name in tools else "—"
        doors = ", ".join(d.value for d in Door if d in op.doors)
        rows.append(
            f"| `{name}` | {op.access.value} | ✓ | {member} | ✓ | {satellite} | {tool} | {doors} |"
        )
    return "\n".join(rows)


def test_the_doc_shows_the_table() -> None:
    lines = DOC.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| Operation |"))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    table = "\n".join(lines[start:end])
    expected = render_table()
    assert table == expected, f"docs/permissions.md's table should read:\n{expected}"
    assert set(ACTION_DATA) == {n for n, op in OPERATIONS.items() if Door.ACTION in op.doors}


def test_every_websocket_command_is_an_operations_websocket_door() -> None:
    ws_ops = {action for action, _, _ in ACTIONS.values()} | set(TORRENT_ACTIONS.values())
    assert ws_ops == {n for n, op in OPERATIONS.items() if Door.WEBSOCKET in op.doors}


# --- the hub -------------------------------------------------------------------------------------


@pytest.fixture
def share() -> Iterator[CloudCommander]:
    allow_loopback()
    with CloudCommander() as server:
        yield server


@pytest.fixture
async def jellyfin(share: CloudCommander) -> AsyncIterator[tuple[JellyfinSimulator, str]]:
    sim = JellyfinSimulator(libraries=[("Movies", "movies", str(share.root / "Movies"))])
    runner, port = await start_jellyfin(sim)
    yield sim, f"http://127.0.0.1:{port}"
    await runner.cleanup()


@pytest.fixture
async def stack(docker_engine: DockerEngine) -> AsyncIterator[MediaStack]:
    async with media_stack(docker_engine) as running:
        yield running


@pytest.fixture
def effects(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What container and VPN entities did (recorded instead of restarting the real stack)."""
    done: list[str] = []

    async def record(name: str, *_: Any) -> None:
        done.append(name)

    monkeypatch.setattr(PortainerCoordinator, "async_restart", lambda s, *a: record("restart"))
    monkeypatch.setattr(PortainerCoordinator, "async_redeploy", lambda s, *a: record("redeploy"))
    monkeypatch.setattr(GluetunCoordinator, "async_set_country", lambda s, *a: record("country"))
    return done


@pytest.fixture
async def full_hub(
    hass: HomeAssistant,
    monkeypatch: pytest.MonkeyPatch,
    qb_daemon: QBittorrentDaemon,
    share: CloudCommander,
    jellyfin: tuple[JellyfinSimulator, str],
    sims: Sims,
    stack: MediaStack,
) -> MockConfigEntry:
    hold_back_pipeline(monkeypatch)  # requests made by the walk stay put
    jf_sim, jf_url = jellyfin
    subentries = [
        qb_subentry(qb_daemon),
        share.subentry(),
        ConfigSubentryData(
            data={CONF_URL: jf_url, CONF_API_KEY: jf_sim.api_key, CONF_VERIFY_SSL: True},
            subentry_type=SUBENTRY_JELLYFIN,
            title="Jellyfin",
            unique_id=jf_url,
        ),
        tmdb_subentry(sims),
        watchmode_subentry(sims),
        jackett_subentry(sims.jackett_url, sims.jackett.api_key),
        stack.portainer_subentry(),
        stack.gluetun_subentry(),
    ]
    return await setup_hub(hass, hub_entry(*subentries, **{CONF_AUTO_APPROVE_ADMINS: False}))


# --- callers -------------------------------------------------------------------------------------


@pytest.fixture
async def people(
    hass: HomeAssistant, hass_admin_user: MockUser, hass_read_only_user: MockUser
) -> dict[str, User]:
    member = await hass.auth.async_create_user("Member", group_ids=["system-users"])
    gone = await hass.auth.async_create_user("Gone", group_ids=["system-admin"])
    await hass.auth.async_deactivate_user(gone)
    assert not member.is_admin and not member.is_owner
    return {
        "admin": hass_admin_user,
        "member": member,
        "read-only": hass_read_only_user,
        "deactivated": gone,
    }


def kind_of(who: str) -> Caller:
    return {
        "admin": Caller.ADMIN,
        "member": Caller.MEMBER,
        "read-only": Caller.MEMBER,
        "deactivated": Caller.NOBODY,
        "automation": Caller.AUTOMATION,
        "satellite": Caller.SATELLITE,
        "nobody": Caller.NOBODY,
    }[who]


def context_of(people: dict[str, User], who: str) -> Context:
    return Context(user_id=people[who].id if who in people else None)


async def token_of(hass: HomeAssistant, user: User) -> str:
    refresh = await hass.auth.async_create_refresh_token(user, "https://example.com/app")
    return hass.auth.async_create_access_token(refresh)


# --- the doors -----------------------------------------------------------------------------------


async def through_action(hass: HomeAssistant, name: str, context: Context) -> bool:
    """Whether the action refused the caller."""
    response = hass.services.supports_response(DOMAIN, name) is not SupportsResponse.NONE
    try:
        await hass.services.async_call(
            DOMAIN,
            name,
            dict(ACTION_DATA[name]),
            blocking=True,
            context=context,
            return_response=response,
        )
    except Unauthorized:
        return True
    except HomeAssistantError:  # past the permission check (ACTION_DATA never fails the schema)
        return False
    return False


async def through_websocket(client: Any, name: str) -> bool:
    ws_type = next((t for t, (action, _, _) in ACTIONS.items() if action == name), None)
    if ws_type is not None:
        fields = ACTIONS[ws_type][1]
        message = {"type": ws_type} | {k: v for k, v in ACTION_DATA[name].items() if k in fields}
    else:
        verb = next(v for v, action in TORRENT_ACTIONS.items() if action == name)
        message = {"type": "pandora/torrents/action", "action": verb, "hashes": ["b" * 40]}
        message["instance"] = "nope"
    await client.send_json_auto_id(message)
    answer = await client.receive_json()
    return not answer["success"] and answer["error"]["code"] == "unauthorized"


def entity_calls(hass: HomeAssistant, hub: MockConfigEntry) -> dict[str, tuple[str, str, str]]:
    """Operation -> (domain, service, entity id) of the entity that runs it."""
    registry = er.async_get(hass)
    entries = er.async_entries_for_config_entry(registry, hub.entry_id)

    def find(domain: str, suffix: str) -> str:
        return next(
            e.entity_id for e in entries if e.domain == domain and e.unique_id.endswith(suffix)
        )

    return {
        "pause_torrents": ("button", "press", find("button", "_pause_all")),
        "resume_torrents": ("button", "press", find("button", "_resume_all")),
        "set_alt_speed_limits": ("switch", "turn_off", find("switch", "_alt_speed_limits")),
        "scan_library": ("button", "press", find("button", "_scan_all")),
        "restart_container": ("button", "press", find("button", "_jackett_restart_container")),
        "redeploy_stack": ("button", "press", find("button", "_redeploy_stack")),
        "set_vpn_country": ("select", "select_option", find("select", "_vpn_country")),
    }


async def through_entity(hass: HomeAssistant, call: tuple[str, str, str], context: Context) -> bool:
    domain, service, entity_id = call
    data: dict[str, Any] = {"entity_id": entity_id}
    if domain == "select":
        state = hass.states.get(entity_id)
        assert state is not None
        data["option"] = state.attributes["options"][-1]
    try:
        await hass.services.async_call(domain, service, data, blocking=True, context=context)
    except Unauthorized:
        return True
    return False


async def through_intent(hass: HomeAssistant, intent_type: str, context: Context) -> bool:
    answer = await intent.async_handle(
        hass, "test", intent_type, INTENT_SLOTS[intent_type], context=context, language="en"
    )
    speech = str(answer.speech["plain"]["speech"])
    return answer.response_type is intent.IntentResponseType.ERROR and speech.startswith("Sorry")


async def through_llm(hass: HomeAssistant, tool: str, context: Context) -> bool:
    api = await llm.async_get_api(
        hass,
        "pandora",
        llm.LLMContext(
            platform="test",
            context=context,
            language="en",
            assistant="conversation",
            device_id=None,
        ),
    )
    result = await api.async_call_tool(llm.ToolInput(tool_name=tool, tool_args=LLM_ARGS[tool]))
    return result.data.get("error") in REFUSALS


async def through_notification(
    hass: HomeAssistant, hub: MockConfigEntry, people: dict[str, User], name: str, who: str
) -> bool:
    """Tap Approve / Deny on a new pending request as `who`: refused when it stays pending."""
    queue = hub.runtime_data.requests
    request, _ = await queue.async_create(
        people["member"], tmdb_id=NOTLD + 1 + len(queue.all()), media_type="movie", title="T"
    )
    assert request.status == "pending"
    action = (ACTION_APPROVE if name == "approve_request" else ACTION_DENY) + request.id
    hass.bus.async_fire(
        "mobile_app_notification_action", {"action": action}, context=context_of(people, who)
    )
    await hass.async_block_till_done()
    return bool(request.status == "pending")


# --- the walk ------------------------------------------------------------------------------------

CALLERS: dict[Door, tuple[str, ...]] = {
    Door.ACTION: ("admin", "member", "read-only", "deactivated", "automation"),
    Door.WEBSOCKET: ("admin", "member"),
    Door.ENTITY: ("admin", "member", "automation"),
    Door.INTENT: ("admin", "member", "satellite"),
    Door.LLM: ("admin", "member", "satellite"),
    Door.NOTIFICATION: ("admin", "member", "nobody"),
}


async def test_every_door_follows_the_table(
    hass: HomeAssistant,
    full_hub: MockConfigEntry,
    people: dict[str, User],
    hass_ws_client: Any,
    effects: list[str],
) -> None:
    intents = {
        handler.intent_type: handler.operation
        for handler in intent.async_get(hass)
        if isinstance(handler, PandoraIntentHandler)
    }
    assert set(intents) == set(INTENT_SLOTS)
    tools = llm_tools()
    entities = entity_calls(hass, full_hub)
    sockets = {
        who: await hass_ws_client(hass, await token_of(hass, people[who]))
        for who in CALLERS[Door.WEBSOCKET]
    }
    walked: list[tuple[str, Door, str, bool]] = []
    for voice in (False, True):
        hass.config_entries.async_update_entry(
            full_hub, options=full_hub.options | {CONF_VOICE_CONTROL: voice}
        )
        await hass.async_block_till_done()
        for name, op in OPERATIONS.items():
            for door in sorted(op.doors):
                if voice and door not in (Door.INTENT, Door.LLM):
                    continue  # the option changes only what satellites may do
                for who in CALLERS[door]:
                    expected = kind_of(who) not in allowed(hass, op.access)
                    context = context_of(people, who)
                    before = len(effects)
                    if door is Door.ACTION:
                        refused = await through_action(hass, name, context)
                    elif door is Door.WEBSOCKET:
                        refused = await through_websocket(sockets[who], name)
                    elif door is Door.ENTITY:
                        refused = await through_entity(hass, entities[name], context)
                        # Recorded effects happen exactly for the callers let through.
                        if name in ("restart_container", "redeploy_stack", "set_vpn_country"):
                            assert (len(effects) > before) is not refused, (name, who)
                    elif door is Door.INTENT:
                        types = [t for t, o in intents.items() if o == name]
                        assert types, name
                        refused = await through_intent(hass, types[0], context)
                    elif door is Door.LLM:
                        refused = await through_llm(hass, tools[name], context)
                    else:
                        refused = await through_notification(hass, full_hub, people, name, who)
                    walked.append((name, door, who, refused))
                    assert refused is expected, (name, door.value, who, f"voice={voice}")
    # Every operation was walked through each of its doors.
    assert {(n, d) for n, d, _, _ in walked} == {
        (n, d) for n, op in OPERATIONS.items() for d in op.doors
    }
    # The walk's own sanity: members were refused somewhere and allowed somewhere.
    member_results = {r for _, _, who, r in walked if who == "member"}
    assert member_results == {True, False}
