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
from homeassistant.util.hass_dict import HassKey

from ..api.errors import PandoraError
from ..api.qbittorrent_models import LOADING_STATES, MainDataState, TorrentStatus
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


# Each qBittorrent's guard state (low, "start downloads anyway", since when), kept for the run:
# a reload of the hub (any options or services change) neither forgets an administrator's
# choice nor announces the same shortage again.
_KEPT: HassKey[dict[str, tuple[bool, bool, str | None]]] = HassKey(f"{DOMAIN}_disk_guard")


class DiskGuard:
    """The disk guard of one qBittorrent."""

    def __init__(self, coordinator: QBittorrentCoordinator) -> None:
        self._coordinator = coordinator
        kept = coordinator.hass.data.get(_KEPT, {}).get(coordinator.subentry.subentry_id)
        self.low, self.overridden, self.since = kept or (False, False, None)
        self.free: int | None = None
        self._busy = False  # a pause or resume request is on its way
        self._seen_paused: set[str] = set()  # held torrents qBittorrent reported paused
        self._exempt: set[str] = set()  # resumed by hand while short: the person's choice

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

    def placeholders(self, shortage: Shortage | None = None) -> dict[str, str]:
        """The name, the free space and the minimum, as the messages show them.

        Without `shortage`: the figures of the latest poll (the repair's flow shows them).
        """
        if shortage is None:
            shortage = Shortage(self.free or 0, self.minimum)
        return {
            "name": self._coordinator.subentry.title,
            "free": format_gb(shortage.free),
            "minimum": format_gb(shortage.minimum),
        }

    @callback
    def update(self, data: MainDataState) -> None:
        """Look at the free space of a poll that just succeeded (the coordinator calls it)."""
        free = data.server_state.free_space_on_disk
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
            # A minimum lowered or turned off in the options, a hub reloaded: no stale repair.
            ir.async_delete_issue(self._coordinator.hass, DOMAIN, self.issue_id)
        self._follow_held(data)
        if self.blocking and self._pausing_wanted:
            self._pause_new(data)
        elif not self.blocking:
            # Held before a restart, or a resume that failed: tried again every poll.
            self._release(data)
        self._show()

    @callback
    def _keep(self) -> None:
        kept = self._coordinator.hass.data.setdefault(_KEPT, {})
        kept[self._coordinator.subentry.subentry_id] = (self.low, self.overridden, self.since)

    @callback
    def unload(self) -> None:
        """The hub unloads (or this qBittorrent is removed): its repair goes with it.

        A reload raises it again at the first poll if space is still short (without a new
        event: the state is kept for the run).
        """
        ir.async_delete_issue(self._coordinator.hass, DOMAIN, self.issue_id)

    @property
    def _pausing_wanted(self) -> bool:
        options = self._coordinator.config_entry.options
        return bool(options.get(CONF_DISK_GUARD_PAUSE, DEFAULT_DISK_GUARD_PAUSE))

    @callback
    def _follow_held(self, data: MainDataState) -> None:
        """A held torrent qBittorrent showed paused and now runs was resumed by hand: let it be."""
        holds = self._coordinator.holds
        for torrent_hash in holds.held_by(HOLD_DISK):
            torrent = data.torrents.get(torrent_hash)
            if torrent is None or torrent.state in LOADING_STATES:
                continue
            if torrent.status is TorrentStatus.PAUSED:
                self._seen_paused.add(torrent_hash)
            elif torrent_hash in self._seen_paused and not self._busy:
                self._seen_paused.discard(torrent_hash)
                self._exempt.add(torrent_hash)
                holds.release(HOLD_DISK, [torrent_hash])
                _LOGGER.info(
                    "%s was resumed by hand while %s is short of space; Pandora leaves it running",
                    torrent.name,
                    self._coordinator.subentry.title,
                )
        self._exempt &= data.torrents.keys()
        self._seen_paused &= data.torrents.keys()

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
        self._keep()
        ir.async_delete_issue(self._coordinator.hass, DOMAIN, self.issue_id)
        if (data := self._coordinator.data) is not None:
            self._release(data)
        self._show()
        self._coordinator.async_update_listeners()  # the binary sensor says so at once

    @callback
    def _went_low(self, free: int, minimum: int) -> None:
        self.low, self.overridden = True, False
        self.since = dt_util.utcnow().isoformat()
        self._keep()
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

    @callback
    def _restored(self) -> None:
        self.low = self.overridden = False
        self.since = None
        self._exempt.clear()
        self._keep()
        ir.async_delete_issue(self._coordinator.hass, DOMAIN, self.issue_id)
        _LOGGER.info("%s has enough free space again", self._coordinator.subentry.title)
        async_announce(
            self._coordinator.hass,
            EVENT_DISK_SPACE_RESTORED,
            self._event_data(Shortage(self.free or 0, self.minimum)),
        )

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

    @callback
    def _pause_new(self, data: MainDataState) -> None:
        """Pause and hold what downloads here now, however it came (not what a person resumed)."""
        held = self._coordinator.holds.held_by(HOLD_DISK)
        hashes = sorted(
            h
            for h, t in data.torrents.items()
            if t.status in (TorrentStatus.DOWNLOADING, TorrentStatus.QUEUED)
            and not t.is_complete
            and h not in held
            and h not in self._exempt
        )
        if hashes and not self._busy:
            self._busy = True
            self._coordinator.config_entry.async_create_background_task(
                self._coordinator.hass, self._pause(hashes), "pandora disk guard pause"
            )

    async def _pause(self, hashes: list[str]) -> None:
        coordinator = self._coordinator
        # Held first (saved), so a restart in between still knows Pandora paused them.
        coordinator.holds.hold(hashes, HOLD_DISK)
        try:
            await coordinator.client.pause(hashes)
        except PandoraError as err:
            coordinator.holds.release(HOLD_DISK, hashes)  # tried again at the next poll
            _LOGGER.warning(
                "Could not pause the downloads on %s: %s (Pandora still starts none)",
                coordinator.subentry.title,
                safe_text(err),
            )
            return
        finally:
            self._busy = False
        _LOGGER.warning(
            "%s is short of space: paused %d download(s) until space returns",
            coordinator.subentry.title,
            len(hashes),
        )
        self._show()
        coordinator.async_update_listeners()
        await coordinator.async_request_refresh()

    @callback
    def _release(self, data: MainDataState) -> None:
        """Let go of the held torrents; resume those no other guard holds (the VPN's, a goal's)."""
        holds = self._coordinator.holds
        held = holds.held_by(HOLD_DISK)
        if not held or self._busy:
            return
        others = {h for h in held if holds.reasons(h) - {HOLD_DISK}}
        gone = {h for h in held if h not in data.torrents}
        if others or gone:
            holds.release(HOLD_DISK, others | gone)  # another guard decides when they run
        if resume := held - others - gone:
            self._busy = True
            self._coordinator.config_entry.async_create_background_task(
                self._coordinator.hass, self._resume(resume), "pandora disk guard resume"
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
            self._busy = False
        coordinator.holds.release(HOLD_DISK, hashes)
        self._seen_paused -= hashes
        self._show()
        coordinator.async_update_listeners()
        await coordinator.async_request_refresh()
