"""Bad input to any action is answered with a translated sentence naming the form's fields.

Every action of services.yaml is called with input built from its schema: nothing at all, each
required field missing, each field blank (spaces), each exclusive pair both given, each
inclusive pair half given. The error must be a `ServiceValidationError` with one of Pandora's
translation keys, whose English rendering (strings.json's message with the placeholders) names
the fields as the action form does and carries no Python or probatio text.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
import json
from pathlib import Path
from typing import Any

import probatio as vol
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.pandora.const import DOMAIN
from custom_components.pandora.hub.validation import TranslatedSchema
from homeassistant.core import HomeAssistant, SupportsResponse
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.util.yaml import load_yaml_dict
from tests.conftest import hub_entry, setup_hub
from tests.test_permissions import ACTION_DATA

COMPONENT = Path(__file__).parents[1] / "custom_components" / "pandora"
ACTIONS = load_yaml_dict(COMPONENT / "services.yaml")
STRINGS = json.loads((COMPONENT / "strings.json").read_text())
MESSAGES: dict[str, str] = {k: e["message"] for k, e in STRINGS["exceptions"].items()}
ARTEFACTS = ("Got {", "at '", "required key not provided", "expected ", "[", "{", "None")
# Optional fields where blank means "none": a denial without a reason, no category, no tags.
BLANK_MEANS_NONE = {
    ("deny_request", "reason"),
    ("add_torrent", "category"),
    ("add_torrent", "tags"),
    ("get_torrents", "category"),
    ("download_release", "category"),
}


def form_name(action: str, field: str) -> str:
    return str(STRINGS["services"][action]["fields"][field]["name"])


def markers(schema: Any) -> Iterator[Any]:
    """The field markers of a schema (inside `vol.All`)."""
    if isinstance(schema, vol.Schema) and isinstance(schema.schema, Mapping):
        yield from schema.schema
    for validator in getattr(schema, "validators", ()):
        yield from markers(validator)


def groups(schema: Any, attribute: str) -> list[list[str]]:
    found: dict[Hashable, list[str]] = {}
    for marker in markers(schema):
        if (group := getattr(marker, attribute, None)) is not None:
            found.setdefault(group, []).append(str(marker.schema))
    return [keys for keys in found.values() if len(keys) > 1]


def schema_of(hass: HomeAssistant, action: str) -> Any:
    """The schema the action was written with (registered wrapped in a `TranslatedSchema`)."""
    registered = hass.services.async_services_for_domain(DOMAIN)[action].schema
    assert isinstance(registered, vol.All)
    wrapper = registered.validators[0]
    assert isinstance(wrapper, TranslatedSchema)
    return wrapper.schema


def cases(hass: HomeAssistant, action: str) -> Iterator[tuple[str, dict[str, Any], list[str]]]:
    """(what, data, fields the answer must name: any of them) for one action."""
    schema = schema_of(hass, action)
    fields = ((ACTIONS[action] or {}).get("fields") or {}).keys()
    valid = ACTION_DATA[action]
    required = [str(m.schema) for m in markers(schema) if isinstance(m, vol.Required)]
    one_of = groups(schema, "group_of_exclusion")
    if required or one_of:
        yield "nothing", {}, required + [k for keys in one_of for k in keys]
    for field in required:
        yield f"{field} missing", {k: v for k, v in valid.items() if k != field}, [field]
    for field in fields:
        if (action, field) not in BLANK_MEANS_NONE:
            yield f"{field} blank", valid | {field: "   "}, [field]
    for keys in one_of:
        yield f"{' and '.join(keys)} together", valid | dict.fromkeys(keys, "1"), keys
    for keys in groups(schema, "group_of_inclusion"):
        alone = {k: v for k, v in valid.items() if k not in keys}
        yield f"{keys[0]} without {keys[1]}", alone | {keys[0]: "1"}, keys


def rendered(err: HomeAssistantError) -> str:
    """strings.json's message for the error with its placeholders, as Home Assistant renders
    it (without the final full stop)."""
    assert err.translation_domain == DOMAIN
    assert err.translation_key in MESSAGES, err.translation_key
    message = MESSAGES[err.translation_key].rstrip(".")
    return message.format(**(err.translation_placeholders or {}))


async def run(hass: HomeAssistant, action: str, data: dict[str, Any]) -> None:
    response = hass.services.supports_response(DOMAIN, action) is not SupportsResponse.NONE
    await hass.services.async_call(DOMAIN, action, data, blocking=True, return_response=response)


@pytest.fixture
async def bare_hub(hass: HomeAssistant) -> MockConfigEntry:
    """A hub without services: input is checked before any service is needed."""
    return await setup_hub(hass, hub_entry())


async def test_every_action_explains_bad_input(
    hass: HomeAssistant, bare_hub: MockConfigEntry
) -> None:
    assert set(ACTIONS) == set(ACTION_DATA)
    walked = 0
    for action in ACTIONS:
        for what, data, named in cases(hass, action):
            with pytest.raises(ServiceValidationError) as caught:
                await run(hass, action, dict(data))
            err = caught.value
            message = rendered(err)
            assert str(err) == message, (action, what)  # what Home Assistant shows
            for artefact in ARTEFACTS:
                assert artefact not in message, (action, what, message)
            names = [f"“{form_name(action, field)}”" for field in named]
            assert any(name in message for name in names), (action, what, message)
            walked += 1
    assert walked > 100  # the walk found the schemas' fields


async def test_blank_optional_fields_that_mean_none(
    hass: HomeAssistant, bare_hub: MockConfigEntry
) -> None:
    """A blank reason, category or tags list is no input error; what follows is translated."""
    for action, field in sorted(BLANK_MEANS_NONE):
        with pytest.raises(HomeAssistantError) as caught:
            await run(hass, action, ACTION_DATA[action] | {field: "   "})
        err = caught.value
        assert err.translation_key in MESSAGES
        assert err.translation_key != "field_empty", (action, field)


@pytest.mark.parametrize(
    ("action", "data", "message"),
    [
        # The messages of issue 18, now.
        ("search_torrents", {}, "Fill in “Query” or “TMDB id”."),
        ("search_torrents", {"query": "   "}, "“Query” is empty: fill it in."),
        ("search_torrents", {"tmdb_id": 5}, "“TMDB id” needs “Type” as well."),
        (
            "search_torrents",
            {"query": "a", "tmdb_id": 5},
            "Fill in “Query” or “TMDB id”, not both.",
        ),
        ("request_media", {"media_type": "movie"}, "Fill in “TMDB id”."),
        (
            "request_media",
            {"tmdb_id": 1, "media_type": "film"},
            "“Type” must be one of: movie, tv.",
        ),
        (
            "request_media",
            {"tmdb_id": "x", "media_type": "movie"},
            "“TMDB id” must be a whole number.",
        ),
        ("request_media", {"tmdb_id": 0, "media_type": "tv"}, "“TMDB id” must be at least 1."),
        ("get_requests", {"limit": 501}, "“Limit” must be at most 500."),
        (
            "get_requests",
            {"status": ["pending", "nope"]},
            "“Status” must be one of: approved, available, denied, downloading, failed, importing, pending, searching, waiting_for_space, withdrawn.",
        ),
        (
            "deny_request",
            {"request_id": "x", "reason": "x" * 501},
            "“Reason” may hold at most 500 characters.",
        ),
        (
            "search_torrents",
            {"query": "a", "include_rejected": "maybe"},
            "“Include rejected” must be on or off (true or false).",
        ),
        (
            "get_container_logs",
            {"container": "x", "since": "yesterday"},
            "“Since” must be a date and time, such as 2026-01-31 18:00.",
        ),
        (
            "add_torrent",
            {"url": "ftp://example.org/x"},
            "“Magnet or URL” must be a magnet link or the http(s) address of a .torrent file.",
        ),
        (
            "pause_torrents",
            {"hashes": "abc"},
            "“Hashes” must hold torrent hashes (40 hexadecimal characters each) or all; these are not: abc.",
        ),
        (
            "move_torrents",
            {"hashes": "all", "location": "films"},
            "“Location” must be an absolute path on the qBittorrent host, such as /downloads/movies.",
        ),
        (
            "move_files",
            {"paths": ["/a"], "destination": "movies", "folder": "a/b"},
            "“Folder” must be a single folder name, such as Title (Year).",
        ),
        ("delete_files", {"paths": []}, "“Paths” is empty: fill it in."),
        (
            "play_title",
            {"entity_id": "light.lamp", "tmdb_id": 1, "media_type": "movie"},
            "“Media player” must be a media player.",
        ),
        (
            "play_title",
            {"entity_id": "media_player.tv", "item_id": "0" * 32},
            "“Jellyfin item” needs “Jellyfin server” as well.",
        ),
        (
            "download_release",
            {"result_id": "not-an-id"},
            "“Result id” does not hold a value this action can use.",
        ),
        (
            "discover",
            {"list": "trending_day", "colour": "red"},
            "Discover titles has no field called “colour”.",
        ),
    ],
)
async def test_sentences(
    hass: HomeAssistant,
    bare_hub: MockConfigEntry,
    action: str,
    data: dict[str, Any],
    message: str,
) -> None:
    with pytest.raises(ServiceValidationError) as caught:
        await run(hass, action, data)
    assert str(caught.value) == message.rstrip(".")
    assert str(caught.value) == rendered(caught.value)


async def test_websocket_commands_say_the_same(
    hass: HomeAssistant, bare_hub: MockConfigEntry, hass_ws_client: Any
) -> None:
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "pandora/torrents/search", "query": "  "})
    answer = await client.receive_json()
    assert not answer["success"]
    assert answer["error"]["code"] == "service_validation_error"
    assert answer["error"]["message"] == "“Query” is empty: fill it in"
    assert answer["error"]["translation_key"] == "field_empty"
    assert answer["error"]["translation_placeholders"] == {"field": "Query"}

    # Home Assistant's own `execute_script` (the action editor's "Run action").
    step = {"action": "pandora.search_torrents", "response_variable": "found"}
    await client.send_json_auto_id({"type": "execute_script", "sequence": [step]})
    answer = await client.receive_json()
    assert not answer["success"]
    assert answer["error"]["message"] == "Fill in “Query” or “TMDB id”"
