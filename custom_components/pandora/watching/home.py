"""Discover's home rows for one user (docs/watching.md).

The featured title, My List, Continue watching and Recently added.
Each part fails on its own: a TMDB or Jellyfin error empties that row and says why in `errors`
instead of failing the whole answer, so one service being down never blanks the page.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from datetime import UTC, datetime
from itertools import zip_longest
import logging
from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError

from ..api.errors import PandoraError
from ..api.jellyfin_models import UserItem
from ..discover import discover_page, jellyfin_image, media_details
from ..hub.errors import safe_text
from ..library import JellyfinCoordinator, in_library, library_link, web_url

if TYPE_CHECKING:
    from ..runtime import PandoraConfigEntry, PandoraRuntime

_LOGGER = logging.getLogger(__name__)

RESUME_LIMIT: Final = 12
LATEST_LIMIT: Final = 16
# The default banner: the first title of this list that the libraries do not hold yet.
FEATURED_LIST: Final = "trending_day"
_EPOCH: Final = datetime.min.replace(tzinfo=UTC)
# Why someone sees no Jellyfin rows (see resolve_watcher; "off", mapped to nobody, and
# "not_a_person" need no message).
NO_USER: Final = {
    "gone": (
        "{server}: the Jellyfin user you watch as was deleted or disabled; an administrator can "
        "map you to another in the server's Users settings"
    ),
    "unmapped": (
        "{server}: no Jellyfin user is chosen for you and none has your name; an administrator "
        "can map you to one in the server's Users settings"
    ),
    "unknown": "{server}: Pandora could not read the Jellyfin users yet and tries again soon",
    "no_admin": (
        "{server} has no administrator to show your rows as; an administrator can map you to a "
        "Jellyfin user in the server's Users settings"
    ),
}
type _Row = tuple[UserItem, dict[str, Any]]


async def home_rows(
    hass: HomeAssistant, entry: PandoraConfigEntry, user_id: str | None
) -> dict[str, Any]:
    """Everything Discover shows above the TMDB rows, for `user_id`."""
    runtime = entry.runtime_data
    errors: dict[str, str] = {}
    featured, (resume, latest, jellyfin_user) = await asyncio.gather(
        featured_title(hass, runtime, user_id, errors), _jellyfin_rows(runtime, user_id, errors)
    )
    return {
        "featured": featured,
        "watchlist": watchlist(runtime, user_id),
        "continue_watching": resume,
        "recently_added": latest,
        "jellyfin": bool(runtime.jellyfin),
        "jellyfin_user": jellyfin_user,
        "errors": errors,
    }


def watchlist(runtime: PandoraRuntime, user_id: str | None) -> list[dict[str, Any]]:
    """The user's list, each title with its library link (None: not in a library)."""
    if user_id is None:
        return []
    return [
        entry
        | {
            "in_library": (link := library_link(runtime, entry["media_type"], entry["tmdb_id"]))
            is not None,
            "library": link,
        }
        for entry in runtime.watchlists.entries(user_id)
    ]


async def featured_title(
    hass: HomeAssistant, runtime: PandoraRuntime, user_id: str | None, errors: dict[str, str]
) -> dict[str, Any] | None:
    """The administrator's pick, else the top trending title no library holds yet."""
    if runtime.discovery is None:
        return None
    chosen = runtime.watchlists.featured
    title: dict[str, Any] | None
    try:
        if chosen is not None:
            title = await media_details(hass, chosen.tmdb_id, chosen.media_type)
        else:
            page = await discover_page(hass, FEATURED_LIST)
            candidates = [t for t in page["results"] if t.get("backdrop_url")] or page["results"]
            title = next((t for t in candidates if not t["in_library"]), None)
            if title is None:
                return None
    except HomeAssistantError as err:
        errors["featured"] = safe_text(err)
        return None
    tmdb_id, media_type = title["tmdb_id"], title["media_type"]
    link = library_link(runtime, media_type, tmdb_id)
    return title | {
        "chosen": chosen is not None,
        "in_library": link is not None or in_library(runtime, title),
        "library": link,
        "in_watchlist": user_id is not None
        and runtime.watchlists.contains(user_id, tmdb_id, media_type),
    }


async def _jellyfin_rows(
    runtime: PandoraRuntime, user_id: str | None, errors: dict[str, str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str | None]:
    """Continue watching and Recently added from every Jellyfin server, as the mapped user.

    Continue watching is last played first across servers; Recently added keeps each server's
    order (Jellyfin folds new episodes into their series, which have no date of their own) and
    takes from the servers in turn.
    """
    reads: list[Awaitable[tuple[list[_Row], list[_Row]]]] = []
    names: list[str] = []
    for coordinator in runtime.jellyfin.values():
        user, why = await coordinator.async_watcher(user_id)
        if user is not None:
            names.append(user.name)
            reads.append(_server_rows(coordinator, user.id, errors))
        elif why in NO_USER:
            message = NO_USER[why].format(server=coordinator.subentry.title)
            errors.setdefault("continue_watching", message)
            errors.setdefault("recently_added", message)
    answers = await asyncio.gather(*reads)
    resume = sorted(
        (row for rows, _ in answers for row in rows),
        key=lambda pair: pair[0].last_played or _EPOCH,
        reverse=True,
    )
    latest = [row for turn in zip_longest(*(rows for _, rows in answers)) for row in turn if row]
    return (
        [entry for _, entry in resume[:RESUME_LIMIT]],
        [entry for _, entry in latest[:LATEST_LIMIT]],
        ", ".join(dict.fromkeys(names)) or None,
    )


async def _server_rows(
    coordinator: JellyfinCoordinator, jellyfin_user: str, errors: dict[str, str]
) -> tuple[list[_Row], list[_Row]]:
    """One server's Continue watching and Recently added, each failing on its own."""

    async def read(key: str, call: Awaitable[list[UserItem]]) -> list[_Row]:
        try:
            items = await call
        except PandoraError as err:
            _LOGGER.debug("%s of %s: %s", key, coordinator.subentry.title, safe_text(err))
            errors[key] = f"{coordinator.subentry.title}: {safe_text(err)}"
            return []
        return [(item, jellyfin_entry(coordinator, item)) for item in items]

    client = coordinator.client
    resume, latest = await asyncio.gather(
        read("continue_watching", client.resume_items(jellyfin_user, RESUME_LIMIT)),
        read("recently_added", client.latest_items(jellyfin_user, LATEST_LIMIT)),
    )
    return resume, latest


def jellyfin_entry(coordinator: JellyfinCoordinator, item: UserItem) -> dict[str, Any]:
    """A Jellyfin item as a card: images (through the proxy), progress, links.

    `image_url` is portrait (the movie's or series' poster), `backdrop_url` landscape (the
    movie's or series' backdrop, an episode's own still).
    """
    instance = coordinator.subentry.subentry_id
    episode = item.type == "Episode"
    title_id = item.series_id if episode and item.series_id else item.id
    tmdb = coordinator.tmdb_of(title_id)
    if tmdb is None and (own := item.tmdb_id()) is not None and item.type in ("Movie", "Series"):
        tmdb = ("movie" if item.type == "Movie" else "tv", own)
    if episode:
        poster = (
            jellyfin_image(instance, item.series_id, "Primary")
            if item.series_id and item.series_primary_image_tag
            else None
        )
        still = (
            jellyfin_image(instance, item.id, "Primary") if "Primary" in item.image_tags else None
        )
    else:
        poster = (
            jellyfin_image(instance, item.id, "Primary") if "Primary" in item.image_tags else None
        )
        still = (
            jellyfin_image(instance, item.id, "Backdrop") if "Backdrop" in item.image_tags else None
        )
    return {
        "item_id": item.id,
        "instance": instance,
        "server": coordinator.subentry.title,
        "name": item.name,
        "type": item.type,
        "series_name": item.series_name,
        "season": item.season,
        "episode": item.episode,
        "year": item.year,
        "overview": item.overview,
        "progress": item.progress,
        "position_seconds": item.position_seconds,
        "runtime_seconds": item.runtime_seconds,
        "image_url": poster,
        "backdrop_url": still or poster,
        "tmdb_id": tmdb[1] if tmdb else None,
        "media_type": tmdb[0] if tmdb else None,
        "web_url": web_url(coordinator, item.id),
    }
