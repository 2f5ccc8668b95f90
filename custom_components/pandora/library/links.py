"""Which TMDB titles the Jellyfin libraries hold, and the links to play them.

Every Jellyfin coordinator keeps its movies and series indexed by TMDB id (read with the item
counts: at start, after each scan and every few minutes), so the "In your library" badges on
Discover cost no request at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from homeassistant.const import CONF_URL

from ..api.http import http_url
from ..const import CONF_WEB_URL
from .coordinator import JellyfinCoordinator

if TYPE_CHECKING:
    from ..runtime import PandoraRuntime


def web_url(coordinator: JellyfinCoordinator, item_id: str) -> str | None:
    """The item's page in the Jellyfin web app, at the address people open Jellyfin at.

    None when the stored address is not http(s): the panel puts the link in an `href`.
    """
    data = coordinator.subentry.data
    info = coordinator.state.info
    return http_url(
        coordinator.client.web_url(
            item_id, info.id if info else "", data.get(CONF_WEB_URL) or data[CONF_URL]
        )
    )


def link(coordinator: JellyfinCoordinator, item_id: str, item_type: str) -> dict[str, Any]:
    """Where an item is: server, id and its web page (the panel's `LibraryLink`)."""
    return {
        "instance": coordinator.subentry.subentry_id,
        "server": coordinator.subentry.title,
        "item_id": item_id,
        "type": item_type,
        "web_url": web_url(coordinator, item_id),
    }


def find_title(
    runtime: PandoraRuntime, media_type: str, tmdb_id: int
) -> tuple[JellyfinCoordinator, str, str] | None:
    """The first server holding the title: (coordinator, item id, item type)."""
    for coordinator in runtime.jellyfin.values():
        if (item := coordinator.title(media_type, tmdb_id)) is not None:
            return coordinator, item.id, item.type
    return None


def library_link(runtime: PandoraRuntime, media_type: str, tmdb_id: int) -> dict[str, Any] | None:
    """The title's `LibraryLink`, or None when no library holds it."""
    found = find_title(runtime, media_type, tmdb_id)
    return link(*found) if found else None


def in_library(runtime: PandoraRuntime, item: Mapping[str, Any]) -> bool:
    """Whether a TMDB title (a dict with tmdb_id and media_type) is in a library."""
    tmdb_id, media_type = item.get("tmdb_id"), item.get("media_type")
    if not isinstance(tmdb_id, int) or not isinstance(media_type, str):
        return False
    return find_title(runtime, media_type, tmdb_id) is not None


def annotate(runtime: PandoraRuntime, items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Copies of TMDB list items, each with `in_library` (cached answers stay untouched)."""
    return [dict(item) | {"in_library": in_library(runtime, item)} for item in items]
