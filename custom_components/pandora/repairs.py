"""Repair flows: what an administrator can do about a repair issue from Settings → Repairs.

The disk guard's issue (downloads/disk.py) offers three ways out: remove torrents that met
their seeding goal (with their files if the administrator says so, never files in the library:
files.async_remove_torrents), lower the minimum free space, or start downloads anyway until space
returns. Home Assistant shows repairs, and runs their flows, for administrators only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import probatio as vol

from homeassistant.components.repairs import ConfirmRepairFlow, RepairsFlow, RepairsFlowResult
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
)

from .api.errors import PandoraError
from .const import (
    CONF_MIN_FREE_GB,
    CONF_SEEDING_GOAL_DELETE_FILES,
    DEFAULT_SEEDING_GOAL_DELETE_FILES,
    DOMAIN,
)
from .downloads import HOLD_GOAL, format_size
from .files import async_remove_torrents

if TYPE_CHECKING:
    from .downloads import QBittorrentCoordinator
    from .runtime import PandoraConfigEntry

DISK_ISSUE_PREFIX = "disk_space_low_"
CONF_TORRENTS = "torrents"
CONF_DELETE_FILES = "delete_files"


class DiskSpaceRepairFlow(RepairsFlow):
    """A qBittorrent is short of space: free some, lower the minimum, or go on anyway."""

    def __init__(self, subentry_id: str) -> None:
        """Fix the issue of the qBittorrent with this subentry id."""
        self._subentry_id = subentry_id

    def _entry(self) -> PandoraConfigEntry | None:
        entries = self.hass.config_entries.async_loaded_entries(DOMAIN)
        return entries[0] if entries else None

    def _coordinator(self) -> QBittorrentCoordinator | None:
        entry = self._entry()
        return entry.runtime_data.qbittorrent.get(self._subentry_id) if entry else None

    def _goal_met(self, coordinator: QBittorrentCoordinator) -> list[tuple[str, str, int]]:
        """Torrents paused for a met seeding goal: (hash, name, size), largest first."""
        torrents = coordinator.data.torrents if coordinator.data else {}
        found = [
            (h, t.name, t.total_size)
            for h in coordinator.holds.held_by(HOLD_GOAL)
            if (t := torrents.get(h)) is not None
        ]
        return sorted(found, key=lambda item: (-item[2], item[1]))

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> RepairsFlowResult:
        """The three ways out (removing only when some torrent met its goal)."""
        coordinator = self._coordinator()
        if coordinator is None or not coordinator.disk_guard.blocking:
            return self.async_abort(reason="disk_space_resolved")
        options = ["lower_threshold", "resume_anyway"]
        if self._goal_met(coordinator):
            options.insert(0, "remove_goal_met")
        return self.async_show_menu(
            step_id="init",
            menu_options=options,
            description_placeholders=coordinator.disk_guard.placeholders(),
        )

    async def async_step_remove_goal_met(
        self, user_input: dict[str, Any] | None = None
    ) -> RepairsFlowResult:
        """Pick the torrents to remove (all of them, largest first, to begin with)."""
        coordinator = self._coordinator()
        if coordinator is None:
            return self.async_abort(reason="disk_space_resolved")
        found = self._goal_met(coordinator)
        if not found:
            return self.async_abort(reason="nothing_to_remove")
        errors: dict[str, str] = {}
        if user_input is not None:
            known = {h for h, _, _ in found}
            chosen = [h for h in user_input.get(CONF_TORRENTS, []) if h in known]
            if not chosen:
                errors[CONF_TORRENTS] = "choose_torrents"
            else:
                delete_files = bool(user_input.get(CONF_DELETE_FILES, False))
                try:
                    await async_remove_torrents(
                        self.hass, coordinator, chosen, delete_files=delete_files
                    )
                except PandoraError:
                    errors["base"] = "cannot_remove"  # nothing removed is lost: ask again
                else:
                    return self.async_create_entry(data={})
        total = sum(size for _, _, size in found)
        entry = self._entry()
        # As the seeding goals' own removals do (the hub's option), unless changed here.
        delete_default = bool(
            entry.options.get(CONF_SEEDING_GOAL_DELETE_FILES, DEFAULT_SEEDING_GOAL_DELETE_FILES)
            if entry
            else DEFAULT_SEEDING_GOAL_DELETE_FILES
        )
        schema = vol.Schema(
            {
                vol.Required(CONF_TORRENTS, default=[h for h, _, _ in found]): SelectSelector(
                    SelectSelectorConfig(
                        options=[
                            SelectOptionDict(value=h, label=f"{name} ({format_size(size)})")
                            for h, name, size in found
                        ],
                        multiple=True,
                        mode=SelectSelectorMode.LIST,
                    )
                ),
                vol.Required(CONF_DELETE_FILES, default=delete_default): BooleanSelector(),
            }
        )
        return self.async_show_form(
            step_id="remove_goal_met",
            data_schema=schema,
            errors=errors,
            description_placeholders=coordinator.disk_guard.placeholders()
            | {"count": str(len(found)), "total": format_size(total)},
        )

    async def async_step_lower_threshold(
        self, user_input: dict[str, Any] | None = None
    ) -> RepairsFlowResult:
        """A lower minimum (saved in the hub's options; the hub reloads with it)."""
        entry, coordinator = self._entry(), self._coordinator()
        if entry is None or coordinator is None:
            return self.async_abort(reason="disk_space_resolved")
        current = float(entry.options.get(CONF_MIN_FREE_GB, 0) or 0)
        errors: dict[str, str] = {}
        if user_input is not None:
            value = float(user_input[CONF_MIN_FREE_GB])
            if value >= current:
                errors[CONF_MIN_FREE_GB] = "not_lower"
            else:
                self.hass.config_entries.async_update_entry(
                    entry, options=entry.options | {CONF_MIN_FREE_GB: value}
                )
                return self.async_create_entry(data={})
        schema = vol.Schema(
            {
                vol.Required(CONF_MIN_FREE_GB, default=int(current // 2)): NumberSelector(
                    NumberSelectorConfig(
                        min=0,
                        max=max(current, 1),
                        step=1,
                        unit_of_measurement="GB",
                        mode=NumberSelectorMode.BOX,
                    )
                )
            }
        )
        return self.async_show_form(
            step_id="lower_threshold",
            data_schema=schema,
            errors=errors,
            description_placeholders=coordinator.disk_guard.placeholders(),
        )

    async def async_step_resume_anyway(
        self, user_input: dict[str, Any] | None = None
    ) -> RepairsFlowResult:
        """Start downloads again, and resume the ones the guard paused, until space returns."""
        coordinator = self._coordinator()
        if coordinator is None:
            return self.async_abort(reason="disk_space_resolved")
        if user_input is not None:
            coordinator.disk_guard.resume_anyway()
            return self.async_create_entry(data={})
        return self.async_show_form(
            step_id="resume_anyway",
            data_schema=vol.Schema({}),
            description_placeholders=coordinator.disk_guard.placeholders(),
        )


async def async_create_fix_flow(
    hass: HomeAssistant, issue_id: str, data: dict[str, str | int | float | None] | None
) -> RepairsFlow:
    """The flow fixing one of Pandora's fixable issues."""
    if issue_id.startswith(DISK_ISSUE_PREFIX) and data and data.get("subentry_id"):
        return DiskSpaceRepairFlow(str(data["subentry_id"]))
    return ConfirmRepairFlow()
