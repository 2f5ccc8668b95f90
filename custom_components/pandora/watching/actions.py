"""Watching actions: My List (each user's own), the featured title, playing a title.

A watchlist is personal: every call reads or changes the calling user's list only. A call
without a user (an automation or script) must name the user with `user_id`; a user may not name
anyone else, administrators included. Featuring a title is for administrators. Playing hands
the player Home Assistant's relay of the Jellyfin stream (what the media source
`media-source://pandora/<server>/<item>` resolves to), signed for it, through
`media_player.play_media` as the caller, so the player's own permissions apply.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, cast

import probatio as vol

from homeassistant.auth.permissions.const import POLICY_CONTROL
from homeassistant.components.http.auth import async_sign_path
from homeassistant.components.media_player.browse_media import async_process_play_media_url
from homeassistant.components.media_player.const import (
    ATTR_MEDIA_CONTENT_ID,
    ATTR_MEDIA_CONTENT_TYPE,
    CONTENT_AUTH_EXPIRY_TIME,
    DOMAIN as MEDIA_PLAYER_DOMAIN,
    SERVICE_PLAY_MEDIA,
    MediaPlayerEntityFeature,
)
from homeassistant.const import ATTR_ENTITY_ID, ATTR_SUPPORTED_FEATURES, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import HomeAssistantError, Unauthorized
from homeassistant.helpers import config_validation as cv

from ..api.errors import PandoraError
from ..api.jellyfin_models import UserItem
from ..const import DOMAIN
from ..discover import MEDIA_TYPES, media_details
from ..hub.errors import translated_error, validation_error
from ..hub.permissions import register_action
from ..hub.targets import loaded_entry
from ..hub.validation import InputInvalid, filled
from ..library import PLAYABLE, JellyfinCoordinator, find_title, mime_type, stream_path
from .home import featured_title, watchlist

if TYPE_CHECKING:
    from ..runtime import PandoraConfigEntry

SERVICE_ADD_TO_WATCHLIST = "add_to_watchlist"
SERVICE_REMOVE_FROM_WATCHLIST = "remove_from_watchlist"
SERVICE_GET_WATCHLIST = "get_watchlist"
SERVICE_SET_FEATURED = "set_featured"
SERVICE_CLEAR_FEATURED = "clear_featured"
SERVICE_PLAY_TITLE = "play_title"
# How long a player may use the stream URL it is given (as Home Assistant's players do).
SIGNED_FOR = timedelta(seconds=CONTENT_AUTH_EXPIRY_TIME)

_TMDB_ID = vol.All(vol.Coerce(int), vol.Range(min=1))
_USER_ID = vol.All(filled, vol.Length(max=64))
_JELLYFIN_ID = vol.All(cv.string, vol.Match(r"^[0-9a-fA-F]{32}$"), vol.Lower)
_IS_PLAYER = cv.entity_domain(MEDIA_PLAYER_DOMAIN)


def _player_id(value: Any) -> str:
    """A media player's entity id."""
    text = filled(value)
    try:
        return _IS_PLAYER(text)
    except vol.Invalid as err:
        raise InputInvalid("not_a_media_player") from err


TITLE_SCHEMA = vol.Schema(
    {
        vol.Required("tmdb_id"): _TMDB_ID,
        vol.Required("media_type"): vol.In(MEDIA_TYPES),
        vol.Optional("user_id"): _USER_ID,
    }
)
GET_WATCHLIST_SCHEMA = vol.Schema({vol.Optional("user_id"): _USER_ID})
FEATURE_SCHEMA = vol.Schema(
    {vol.Required("tmdb_id"): _TMDB_ID, vol.Required("media_type"): vol.In(MEDIA_TYPES)}
)
PLAY_SCHEMA = vol.All(
    vol.Schema(
        {
            vol.Required("entity_id"): _player_id,
            vol.Inclusive("tmdb_id", "title"): _TMDB_ID,
            vol.Inclusive("media_type", "title"): vol.In(MEDIA_TYPES),
            vol.Inclusive("item_id", "item"): _JELLYFIN_ID,
            vol.Inclusive("instance", "item"): vol.All(filled, vol.Length(max=64)),
        }
    ),
    cv.has_at_least_one_key("tmdb_id", "item_id"),
)


# --- who the list belongs to -------------------------------------------------------------------


def _owner(call: ServiceCall) -> str:
    """The user whose list this is: the caller, or `user_id` when an automation calls."""
    caller, named = call.context.user_id, call.data.get("user_id")
    if caller is None:
        if named is None:
            raise validation_error("watchlist_user_required")
        return cast(str, named)
    if named is not None and named != caller:
        raise Unauthorized(context=call.context, permission=POLICY_CONTROL)
    return caller


async def _existing_owner(call: ServiceCall) -> str:
    owner = _owner(call)
    user = await call.hass.auth.async_get_user(owner)
    if user is None or not user.is_active or user.system_generated:
        raise validation_error("unknown_user", user_id=owner)
    return owner


def _list_answer(entry: PandoraConfigEntry, owner: str) -> ServiceResponse:
    return cast(ServiceResponse, {"watchlist": watchlist(entry.runtime_data, owner)})


# --- handlers ----------------------------------------------------------------------------------


async def _add(call: ServiceCall) -> ServiceResponse:
    owner = await _existing_owner(call)
    entry = loaded_entry(call.hass)
    tmdb_id, media_type = call.data["tmdb_id"], call.data["media_type"]
    lists = entry.runtime_data.watchlists
    if not lists.contains(owner, tmdb_id, media_type):
        details = await media_details(call.hass, tmdb_id, media_type)  # the title must exist
        await lists.async_add(owner, tmdb_id, media_type, details)
    return _list_answer(entry, owner)


async def _remove(call: ServiceCall) -> ServiceResponse:
    owner = await _existing_owner(call)
    entry = loaded_entry(call.hass)
    await entry.runtime_data.watchlists.async_remove(
        owner, call.data["tmdb_id"], call.data["media_type"]
    )
    return _list_answer(entry, owner)


async def _get(call: ServiceCall) -> ServiceResponse:
    owner = await _existing_owner(call)
    return _list_answer(loaded_entry(call.hass), owner)


async def _featured_answer(call: ServiceCall, entry: PandoraConfigEntry) -> ServiceResponse:
    errors: dict[str, str] = {}
    featured = await featured_title(call.hass, entry.runtime_data, call.context.user_id, errors)
    if errors:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="featured_unavailable",
            translation_placeholders={"error": errors["featured"]},
        )
    return cast(ServiceResponse, {"featured": featured})


async def _set_featured(call: ServiceCall) -> ServiceResponse:
    entry = loaded_entry(call.hass)
    tmdb_id, media_type = call.data["tmdb_id"], call.data["media_type"]
    await media_details(call.hass, tmdb_id, media_type)  # refuse a title TMDB does not know
    await entry.runtime_data.watchlists.async_set_featured(
        tmdb_id, media_type, call.context.user_id
    )
    return await _featured_answer(call, entry)


async def _clear_featured(call: ServiceCall) -> ServiceResponse:
    entry = loaded_entry(call.hass)
    await entry.runtime_data.watchlists.async_clear_featured()
    return await _featured_answer(call, entry)


# --- play --------------------------------------------------------------------------------------


def _player(hass: HomeAssistant, entity_id: str) -> str:
    """The player's name, when it is there and can be told to play a URL."""
    state = hass.states.get(entity_id)
    if state is None:
        raise validation_error("unknown_player", entity_id=entity_id)
    name = state.name
    features = int(state.attributes.get(ATTR_SUPPORTED_FEATURES) or 0)
    if state.state == STATE_UNAVAILABLE or not features & MediaPlayerEntityFeature.PLAY_MEDIA:
        raise validation_error("player_cannot_play", player=name)
    return name


async def _playable(
    call: ServiceCall, entry: PandoraConfigEntry
) -> tuple[JellyfinCoordinator, UserItem, str]:
    """(server, item, title) of what to play: the movie or episode; a series' next episode."""
    runtime = entry.runtime_data
    data = call.data
    if "item_id" in data:
        coordinator = runtime.jellyfin.get(data["instance"])
        if coordinator is None:
            raise validation_error("unknown_instance", instance=data["instance"])
        item_id = data["item_id"]
    else:
        found = find_title(runtime, data["media_type"], data["tmdb_id"])
        if found is None:
            raise validation_error("not_in_library", tmdb_id=str(data["tmdb_id"]))
        coordinator, item_id, _ = found
    user = await coordinator.async_jellyfin_user(call.context.user_id)
    if user is None:
        raise validation_error("no_jellyfin_user", server=coordinator.subentry.title)
    try:
        item = await coordinator.client.user_item(user.id, item_id)
        if item.type == "Series":
            episode = await coordinator.client.next_up(user.id, item.id)
            if episode is None:
                raise validation_error("nothing_to_play", title=item.name)
            item = episode
    except PandoraError as err:
        raise translated_error(err, coordinator.subentry.title) from err
    if item.type not in PLAYABLE:
        raise validation_error("nothing_to_play", title=item.name)
    name = item.name
    if item.series_name:
        name = f"{item.series_name} S{item.season or 0:02d}E{item.episode or 0:02d} {item.name}"
    return coordinator, item, name


async def _play(call: ServiceCall) -> ServiceResponse:
    hass = call.hass
    entity_id: str = call.data["entity_id"]
    player = _player(hass, entity_id)
    coordinator, item, title = await _playable(call, loaded_entry(hass))
    # Home Assistant's relay of the stream (library/stream.py), signed for the player: it
    # never learns the Jellyfin key. A person's call is signed as them (the relay checks
    # their mapping); an automation's as Home Assistant itself, whatever started it.
    path = stream_path(coordinator.subentry.subentry_id, item.id)
    if call.context.user_id is None:
        path = async_sign_path(hass, path, SIGNED_FOR, use_content_user=True)
    try:
        url = async_process_play_media_url(hass, path)
    except HomeAssistantError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="no_home_assistant_url",
            translation_placeholders={"player": player},
        ) from err
    await hass.services.async_call(
        MEDIA_PLAYER_DOMAIN,
        SERVICE_PLAY_MEDIA,
        {
            ATTR_ENTITY_ID: entity_id,
            ATTR_MEDIA_CONTENT_ID: url,
            ATTR_MEDIA_CONTENT_TYPE: mime_type(item.container),
        },
        blocking=True,
        context=call.context,
    )
    return cast(ServiceResponse, {"entity_id": entity_id, "player": player, "title": title})


def async_setup_watching_actions(hass: HomeAssistant) -> None:
    """Register the watchlist, featured and play actions."""
    register = partial(register_action, hass)
    optional, only = SupportsResponse.OPTIONAL, SupportsResponse.ONLY
    register(SERVICE_ADD_TO_WATCHLIST, _add, TITLE_SCHEMA, optional)
    register(SERVICE_REMOVE_FROM_WATCHLIST, _remove, TITLE_SCHEMA, optional)
    register(SERVICE_GET_WATCHLIST, _get, GET_WATCHLIST_SCHEMA, only)
    register(SERVICE_SET_FEATURED, _set_featured, FEATURE_SCHEMA, optional)
    register(SERVICE_CLEAR_FEATURED, _clear_featured, vol.Schema({}), optional)
    register(SERVICE_PLAY_TITLE, _play, PLAY_SCHEMA, optional)
