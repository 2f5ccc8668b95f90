"""Library actions (Jellyfin): validate, check permissions, delegate to the coordinator."""

from __future__ import annotations

from typing import Any, cast

import probatio as vol

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse

from ..hub.errors import call_service, validation_error
from ..hub.permissions import register_action
from ..hub.targets import loaded_entry, targets
from ..hub.validation import filled
from .coordinator import JellyfinCoordinator

SERVICE_SCAN_LIBRARY = "scan_library"
ALL = "all"

SCAN_SCHEMA = vol.Schema(
    {vol.Optional("library", default=ALL): filled, vol.Optional("instance"): filled}
)


def jellyfin_targets(hass: HomeAssistant, instance: str | None) -> list[JellyfinCoordinator]:
    """The Jellyfin servers an action targets: the named one, or all of them."""
    return targets(hass, loaded_entry(hass).runtime_data.jellyfin, instance, "no_jellyfin")


def find_library(coordinator: JellyfinCoordinator, wanted: str) -> str | None:
    """A library's item id by name (case-insensitive) or id; None when it has none."""
    for item_id, library in coordinator.state.libraries.items():
        if wanted.casefold() in (library.name.casefold(), item_id.casefold()):
            return item_id
    return None


async def _scan_library(call: ServiceCall) -> ServiceResponse:
    wanted: str = call.data["library"].strip()
    scanned: list[dict[str, Any]] = []
    targets = jellyfin_targets(call.hass, call.data.get("instance"))
    plan: list[tuple[JellyfinCoordinator, str | None]] = []
    for coordinator in targets:
        if wanted.casefold() == ALL:
            plan.append((coordinator, None))
        elif (item_id := find_library(coordinator, wanted)) is not None:
            plan.append((coordinator, item_id))
    if not plan:
        names = sorted({lib.name for c in targets for lib in c.state.libraries.values()})
        raise validation_error("unknown_library", library=wanted, libraries=", ".join(names))
    for coordinator, item_id in plan:
        await call_service(coordinator.async_scan, item_id)
        scanned.append(
            {
                "server": coordinator.subentry.title,
                "library": coordinator.state.libraries[item_id].name if item_id else ALL,
            }
        )
    return cast(ServiceResponse, {"scanned": scanned})


def async_setup_library_actions(hass: HomeAssistant) -> None:
    """Register the library actions."""
    register_action(
        hass, SERVICE_SCAN_LIBRARY, _scan_library, SCAN_SCHEMA, SupportsResponse.OPTIONAL
    )
