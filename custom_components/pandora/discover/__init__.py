"""Discover: TMDB and Watchmode.

Holds discovery (TMDB with Watchmode's streaming offers, cached) and its client factories, the
image proxy, the discover and media actions with their queries (`media_details`), and the TMDB and
Watchmode subentry flows.

This module is the package's face: other packages import only what it re-exports (import-linter's
protected contracts, pyproject.toml).

May import: `..hub`, `..api`, `..const`, and the faces of `..downloads` (release search,
adding a release) and `..library` (title links, Jellyfin images).
"""

from .actions import SERVICE_GET_MEDIA, SERVICE_SEARCH_MEDIA, async_setup_media_actions
from .discovery import Discovery, tmdb_client, watchmode_client
from .flow import SUBENTRY_FLOWS
from .image import ImageView, JellyfinImageView, jellyfin_image, signed_images
from .queries import MEDIA_TYPES, discover_page, media_details

__all__ = [
    "MEDIA_TYPES",
    "SERVICE_GET_MEDIA",
    "SERVICE_SEARCH_MEDIA",
    "SUBENTRY_FLOWS",
    "Discovery",
    "ImageView",
    "JellyfinImageView",
    "async_setup_media_actions",
    "discover_page",
    "jellyfin_image",
    "media_details",
    "signed_images",
    "tmdb_client",
    "watchmode_client",
]
