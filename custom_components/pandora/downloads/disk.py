"""The disk guard: below the hub's "keep at least N GB free", Pandora starts no download.

One `DiskGuard` per qBittorrent (its coordinator's `disk_guard`), fed the free space qBittorrent
reports for its default save path after every poll. Below the minimum it is **low**: Pandora
adds nothing that would download (`download_release`, `add_torrent`, the request pipeline, which
waits instead of failing), raises a repair issue with a fix flow, and, when the hub says so,
pauses the downloads running on that qBittorrent (held with `HOLD_DISK`, resumed exactly when
space returns). It clears once there is a margin above the minimum (no flapping at the edge),
or when an administrator chooses "resume anyway" in the repair (until space has returned; the
next shortage counts again). It never deletes anything.
"""

from __future__ import annotations

from dataclasses import dataclass
import logging
from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util

from ..api.errors import PandoraError
from ..api.qbittorrent_models import TorrentStatus
from ..const import (
    CONF_DISK_GUARD_PAUSE,
    CONF_MIN_FREE_GB,
    DEFAULT_DISK_GUARD_PAUSE,
    DOMAIN,
    EVENT_DISK_SPACE_LOW,
    EVENT_DISK_SPACE_RESTORED,
)
from ..hub.announce import async_announce
from ..hub.errors import safe_text
from .holds import HOLD_DISK

if TYPE_CHECKING:
    from .coordinator import QBittorrentCoordinator

_LOGGER = logging.getLogger(__name__)

GB: Final = 1_000_000_000
# Space must come back this far above the minimum before the guard lets go: deleting one small
# file must not start every waiting download, only to stop them again a poll later.
MARGIN: Final = 1 * GB


def format_gb(size: int | float) -> str:
    """Bytes as decimal gigabytes, the unit of the hub's option: "74.3 GB", "10 GB"."""
    return f"{size / GB:.1f}".removesuffix(".0") + " GB"


def format_size(size: int | float) -> str:
    """A torrent's size as a person reads it: "25.2 MB", "4.7 GB" (decimal units)."""
    if size < GB:
        return f"{size / 1_000_000:.1f}".removesuffix(".0") + " MB"
    return format_gb(size)


class DiskSpaceLow(HomeAssistantError):
    """Pandora refuses to start a download on a qBittorrent short of space."""


@dataclass(slots=True)
class Shortage:
    """What the guard tells: free space and the minimum, in bytes."""

    free: int
    minimum: int


class DiskGuard:
    """The disk guard of one qBittorrent."""

    def __init__(self, coordinator: QBittorrentCoordinator) -> None:
        self._coordinator = coordinator
        self.low = False
        self.overridden = False  # "resume anyway": until space returns
        self.free: int | None = None
        self.since: str | None = None  # when it went low (the Downloads tab's banner says)
        self._resuming = False

    @property
    def issue_id(self) -> str:
        """The repair issue this guard raises."""
        return f"disk_space_low_{self._coordinator.subentry.subentry_id}"

    @property
    def minimum(self) -> int:
        """The hub's minimum free space in bytes (0: the guard is off)."""
        options = self._coordinator.config_entry.options
        return int(float(options.get(CONF_MIN_FREE_GB, 0) or 0) * GB)

    @property
    def blocking(self) -> bool:
        """Whether Pandora may not start a download here now."""
        return self.low and not self.overridden

    def shortage(self) -> Shortage | None:
        """Free space and the minimum while the guard blocks; None when downloads may start."""
        if not self.blocking or self.free is None:
            return None
        return Shortage(self.free, self.minimum)

    def ensure_room(self) -> None:
        """Raise `DiskSpaceLow` (translated) while the guard blocks."""
        if (shortage := self.shortage()) is not None:
            raise DiskSpaceLow(
                translation_domain=DOMAIN,
                translation_key="disk_space_low",
                translation_placeholders=self.placeholders(shortage),
            )

    def placeholders(self, shortage: Shortage) -> dict[str, str]:
        """The name, the free space and the minimum, as the messages show them."""
        return {
            "name": self._coordinator.subentry.title,
            "free": format_gb(shortage.free),
            "minimum": format_gb(shortage.minimum),
        }

    @callback
    def update(self) -> None:
        """Look at the free space of the latest poll (called after each successful one)."""
        data = self._coordinator.data
        free = data.server_state.free_space_on_disk if data is not None else None
        self.free = free
        minimum = self.minimum
        if free is None or minimum <= 0:
            # Off, or qBittorrent does not say: nothing is held back by a guess.
            if self.low:
                self._restored()
        elif not self.low and free < minimum:
            self._went_low(free, minimum)
        elif self.low and free >= minimum + MARGIN:
            self._restored()
        elif self.low and not self.overridden:
            self._keep_issue(free, minimum)
        if not self.blocking:
            # Held before a restart, or a resume that failed: tried again every poll.
            self._release()
        self._show()

    @callback
    def _show(self) -> None:
        """The Downloads tab's banner for this qBittorrent while the guard blocks."""
        notice = None
        if self.blocking:
            notice = {
                "cause": "disk_space_low",
                "since": self.since,
                # To 0.1 GB: the banner changes when the figure shown does, not every poll.
                "free": round(self.free or 0, -8),
                "minimum": self.minimum,
                "torrents": len(self._coordinator.holds.held_by(HOLD_DISK)),
            }
        self._coordinator.holds.set_notice(HOLD_DISK, notice)

    @callback
    def resume_anyway(self) -> None:
        """An administrator's choice: start downloads again until space returns."""
        if not self.low:
            return
        self.overridden = True
        ir.async_delete_issue(self._coordinator.hass, DOMAIN, self.issue_id)
        self._release()
        self._show()
        self._coordinator.async_update_listeners()  # the binary sensor says so at once

    @callback
    def _went_low(self, free: int, minimum: int) -> None:
        self.low, self.overridden = True, False
        self.since = dt_util.utcnow().isoformat()
        shortage = Shortage(free, minimum)
        _LOGGER.warning(
            "%s has %s free, less than the %s to keep: Pandora starts no download there",
            self._coordinator.subentry.title,
            format_gb(free),
            format_gb(minimum),
        )
        self._keep_issue(free, minimum)
        async_announce(
            self._coordinator.hass,
            EVENT_DISK_SPACE_LOW,
            self._event_data(shortage),
        )
        if self._coordinator.config_entry.options.get(
            CONF_DISK_GUARD_PAUSE, DEFAULT_DISK_GUARD_PAUSE
        ):
            self._coordinator.config_entry.async_create_background_task(
                self._coordinator.hass, self._pause_downloads(), "pandora disk guard pause"
            )

    @callback
    def _restored(self) -> None:
        self.low = self.overridden = False
        ir.async_delete_issue(self._coordinator.hass, DOMAIN, self.issue_id)
        _LOGGER.info("%s has enough free space again", self._coordinator.subentry.title)
        async_announce(
            self._coordinator.hass,
            EVENT_DISK_SPACE_RESTORED,
            self._event_data(Shortage(self.free or 0, self.minimum)),
        )
        self._release()

    def _event_data(self, shortage: Shortage) -> dict[str, Any]:
        return {
            "instance": self._coordinator.subentry.title,
            "subentry_id": self._coordinator.subentry.subentry_id,
            "free_bytes": shortage.free,
            "minimum_bytes": shortage.minimum,
        }

    @callback
    def _keep_issue(self, free: int, minimum: int) -> None:
        """The repair issue, raised again if a fix left the space short (not when ignored)."""
        hass = self._coordinator.hass
        issue = ir.async_get(hass).async_get_issue(DOMAIN, self.issue_id)
        placeholders = self.placeholders(Shortage(free, minimum))
        if issue is not None and issue.translation_placeholders == placeholders:
            return
        ir.async_create_issue(
            hass,
            DOMAIN,
            self.issue_id,
            is_fixable=True,
            is_persistent=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key="disk_space_low",
            translation_placeholders=placeholders,
            data={"subentry_id": self._coordinator.subentry.subentry_id},
        )

    async def _pause_downloads(self) -> None:
        """Pause what is downloading here and hold it; resumed exactly when space returns."""
        coordinator = self._coordinator
        data = coordinator.data
        if data is None or not self.blocking:
            return
        hashes = [
            h
            for h, t in data.torrents.items()
            if t.status in (TorrentStatus.DOWNLOADING, TorrentStatus.QUEUED) and not t.is_complete
        ]
        if not hashes:
            return
        try:
            await coordinator.client.pause(hashes)
        except PandoraError as err:
            _LOGGER.warning(
                "Could not pause the downloads on %s: %s (Pandora still starts none)",
                coordinator.subentry.title,
                safe_text(err),
            )
            return
        coordinator.holds.hold(hashes, HOLD_DISK)
        self._show()
        coordinator.async_update_listeners()
        await coordinator.async_request_refresh()

    @callback
    def _release(self) -> None:
        held = self._coordinator.holds.held_by(HOLD_DISK)
        if held and not self._resuming:
            self._resuming = True
            self._coordinator.config_entry.async_create_background_task(
                self._coordinator.hass, self._resume(held), "pandora disk guard resume"
            )

    async def _resume(self, hashes: set[str]) -> None:
        coordinator = self._coordinator
        try:
            await coordinator.client.resume(sorted(hashes))
        except PandoraError as err:
            # Still held: the row keeps saying why, and the next poll tries again.
            _LOGGER.warning(
                "Could not resume the downloads paused for disk space on %s: %s",
                coordinator.subentry.title,
                safe_text(err),
            )
            return
        finally:
            self._resuming = False
        coordinator.holds.release(HOLD_DISK, hashes)
        self._show()
        coordinator.async_update_listeners()
        await coordinator.async_request_refresh()
