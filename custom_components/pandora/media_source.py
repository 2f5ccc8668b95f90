"""Jellyfin items as a Home Assistant media source: `media-source://pandora/<server>/<item>`.

Resolving gives the item's original file as Jellyfin streams it (`static=true`, no
transcoding), relayed by Home Assistant (library/stream.py) so the player never holds the
Jellyfin key; `pandora.play_title` and the panel's "Play on…" use it. Browsing shows each
server's Continue watching and Recently added as the Jellyfin user the browsing person watches
as (the server's Users settings, see resolve_watcher); someone who watches as nobody sees and
resolves nothing.
"""

from __future__ import annotations

from homeassistant.auth.models import User
from homeassistant.components.http.const import KEY_HASS_USER
from homeassistant.components.media_player.const import MediaClass
from homeassistant.components.media_player.errors import BrowseError
from homeassistant.components.media_source import (
    BrowseMediaSource,
    MediaSource,
    MediaSourceItem,
    PlayMedia,
    Unresolvable,
)
from homeassistant.components.websocket_api.connection import current_connection
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.http import current_request

from .api.errors import PandoraError
from .api.jellyfin_models import UserItem
from .const import DOMAIN
from .hub.errors import safe_text
from .library import (
    PLAYABLE,
    JellyfinCoordinator,
    jellyfin_servers,
    mime_type,
    stream_path,
    watcher_id,
)

ROWS = {"resume": "Continue watching", "latest": "Recently added"}
ROW_LIMIT = 24


async def async_get_media_source(hass: HomeAssistant) -> MediaSource:
    """Home Assistant's entry point for the platform."""
    return PandoraMediaSource(hass)


class PandoraMediaSource(MediaSource):
    """Plays and lists what the Jellyfin servers hold."""

    name = "Pandora"

    def __init__(self, hass: HomeAssistant) -> None:
        super().__init__(DOMAIN)
        self.hass = hass

    def _server(self, instance: str) -> JellyfinCoordinator:
        coordinator = jellyfin_servers(self.hass).get(instance)
        if coordinator is None:
            raise Unresolvable(
                translation_domain=DOMAIN,
                translation_key="media_unknown_server",
                translation_placeholders={"instance": instance},
            )
        return coordinator

    async def async_resolve_media(self, item: MediaSourceItem) -> PlayMedia:
        """`<server>/<item>` -> the item's stream URL and MIME type."""
        instance, _, item_id = (item.identifier or "").partition("/")
        coordinator = self._server(instance)
        if not item_id:
            raise Unresolvable(
                translation_domain=DOMAIN,
                translation_key="media_unknown_item",
                translation_placeholders={"identifier": item.identifier or ""},
            )
        user = await coordinator.async_jellyfin_user(_caller_id())
        if user is None:
            raise Unresolvable(
                translation_domain=DOMAIN,
                translation_key="no_jellyfin_user",
                translation_placeholders={"server": coordinator.subentry.title},
            )
        try:
            found = await coordinator.client.user_item(user.id, item_id)
        except PandoraError as err:
            raise _server_error(Unresolvable, coordinator, err) from err
        if found.type not in PLAYABLE:
            raise Unresolvable(
                translation_domain=DOMAIN,
                translation_key="nothing_to_play",
                translation_placeholders={"title": found.name},
            )
        return PlayMedia(stream_path(instance, found.id), mime_type(found.container))

    async def async_browse_media(self, item: MediaSourceItem) -> BrowseMediaSource:
        """Root: the servers' rows; `<server>/<row>`: that row's items."""
        caller = _caller_id()
        servers = jellyfin_servers(self.hass)
        if not item.identifier:
            rows = [
                _folder(f"{key}/{row}", f"{c.subentry.title}: {label}", [])
                for key, c in servers.items()
                if await c.async_jellyfin_user(caller) is not None
                for row, label in ROWS.items()
            ]
            return _folder(None, self.name or DOMAIN, rows)
        instance, _, row = item.identifier.partition("/")
        coordinator = servers.get(instance)
        if coordinator is None or row not in ROWS:
            raise BrowseError(
                translation_domain=DOMAIN,
                translation_key="media_unknown_item",
                translation_placeholders={"identifier": item.identifier},
            )
        user = await coordinator.async_jellyfin_user(caller)
        if user is None:
            raise BrowseError(
                translation_domain=DOMAIN,
                translation_key="no_jellyfin_user",
                translation_placeholders={"server": coordinator.subentry.title},
            )
        try:
            if row == "resume":
                items = await coordinator.client.resume_items(user.id, ROW_LIMIT)
            else:
                items = await coordinator.client.latest_items(user.id, ROW_LIMIT)
        except PandoraError as err:
            raise _server_error(BrowseError, coordinator, err) from err
        children = [_playable(instance, i) for i in items if i.type in PLAYABLE]
        return _folder(item.identifier, f"{coordinator.subentry.title}: {ROWS[row]}", children)


def _server_error[E: HomeAssistantError](
    kind: type[E], coordinator: JellyfinCoordinator, err: PandoraError
) -> E:
    """A Jellyfin server's failure, as the media browser or the player shows it."""
    return kind(
        translation_domain=DOMAIN,
        translation_key="media_server_error",
        translation_placeholders={"server": coordinator.subentry.title, "error": safe_text(err)},
    )


def _caller_id() -> str | None:
    """Who is browsing or playing: the websocket's or HTTP request's user (None: automations)."""
    if (connection := current_connection.get()) is not None:
        return watcher_id(connection.user)
    if (request := current_request.get()) is not None:
        user: User | None = request.get(KEY_HASS_USER)
        return watcher_id(user)
    return None


def _folder(
    identifier: str | None, title: str, children: list[BrowseMediaSource]
) -> BrowseMediaSource:
    return BrowseMediaSource(
        domain=DOMAIN,
        identifier=identifier,
        media_class=MediaClass.DIRECTORY,
        media_content_type="",
        title=title,
        can_play=False,
        can_expand=True,
        children=children,
        children_media_class=MediaClass.VIDEO if identifier else MediaClass.DIRECTORY,
    )


def _playable(instance: str, item: UserItem) -> BrowseMediaSource:
    title = item.name
    if item.series_name:
        title = f"{item.series_name} S{item.season or 0:02d}E{item.episode or 0:02d} {item.name}"
    return BrowseMediaSource(
        domain=DOMAIN,
        identifier=f"{instance}/{item.id}",
        media_class=MediaClass.EPISODE if item.type == "Episode" else MediaClass.MOVIE,
        media_content_type=mime_type(item.container),
        title=title,
        can_play=True,
        can_expand=False,
    )
