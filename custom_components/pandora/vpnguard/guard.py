"""The VPN guard: a qBittorrent's downloads held while the gluetun it sits behind is down or leaks.

Its torrents are paused while that gluetun is down or leaking, and exactly those are resumed
when the VPN is healthy again.

One `VpnGuard` per qBittorrent whose `vpn_guard` option names a gluetun. It follows both
coordinators (their listeners) and reconciles after every update of either:

- **hold** when gluetun reads anything but `running` (`vpn_down`: stopped, crashed, starting
  while it reconnects) or its public IP is outside the selected country (`vpn_leak`): every
  torrent that is not paused is recorded in the qBittorrent's `holds` (HOLD_VPN) and in the
  store, then paused (a crash in between leaves a recorded torrent running, which the next
  start reads as resumed by hand: never a paused one nobody resumes). A torrent added while
  held is paused too;
- **release** when gluetun reads `running` without a leak: the held torrents are resumed, but
  not one another guard also holds (the disk guard, a seeding goal), nor one removed meanwhile;
- an **unreachable gluetun** changes nothing: a hold goes on, and none starts (unknown is not
  down; gluetun's own firewall blocks traffic when its tunnel fails);
- a held torrent the **user resumes** (panel, action, qBittorrent's own UI) is theirs: it leaves
  the hold, is not paused again during this hold, and is not touched when the hold ends. One the
  user pauses was never the guard's. One removed is forgotten.

What the guard holds is stored (`pandora.vpn_guard`) after each change, so a Home Assistant
restart while held resumes the right torrents, and never one the user had paused. A pause or
resume that fails (qBittorrent unreachable) is undone in the record, tried again at each
qBittorrent poll, and a repair issue says so until it succeeds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
import logging
from typing import Any, Final

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from ..api.errors import PandoraError
from ..api.qbittorrent_models import TorrentStatus
from ..const import DOMAIN, EVENT_VPN_GUARD
from ..containers import GluetunCoordinator
from ..downloads import HOLD_VPN, QBittorrentCoordinator
from ..hub.announce import async_announce
from ..hub.errors import safe_text

_LOGGER = logging.getLogger(__name__)

STORAGE_KEY: Final = f"{DOMAIN}.vpn_guard"
STORAGE_VERSION: Final = 1

# Why the guard holds: gluetun reads the VPN as not running, or its public IP is outside the
# selected country.
CAUSE_DOWN: Final = "vpn_down"
CAUSE_LEAK: Final = "vpn_leak"
# The guard cannot tell (gluetun unreachable): whatever it was doing goes on.
_UNKNOWN: Final = "unknown"

# How often a guarding gluetun is polled (two small requests to its control server; gluetun
# has no push). The time from the VPN going down to the torrents being paused is at most this
# plus one pause request (bench/vpn_guard.py measures it).
GUARD_POLL: Final = timedelta(seconds=2)

type TaskStarter = Callable[[Coroutine[Any, Any, None], str], asyncio.Task[None]]


class GuardStore:
    """What every guard holds, by qBittorrent subentry id; one copy per run (hub/stores.py)."""

    def __init__(self, hass: HomeAssistant) -> None:
        self._store: Store[dict[str, Any]] = Store(hass, STORAGE_VERSION, STORAGE_KEY)
        self.data: dict[str, dict[str, Any]] = {}
        self._lock = asyncio.Lock()

    async def async_load(self) -> None:
        """Read what was saved."""
        stored = await self._store.async_load() or {}
        self.data = {k: v for k, v in stored.get("held", {}).items() if isinstance(v, dict)}

    async def async_put(self, qbittorrent_id: str, record: dict[str, Any] | None) -> None:
        """Record (or, with None, drop) one qBittorrent's hold, written before returning."""
        async with self._lock:
            if record is None:
                if self.data.pop(qbittorrent_id, None) is None:
                    return
            else:
                self.data[qbittorrent_id] = record
            await self._store.async_save({"held": self.data})


class VpnGuard:
    """Holds one qBittorrent's torrents while its gluetun is down or leaking (see the module)."""

    def __init__(
        self,
        hass: HomeAssistant,
        qbittorrent: QBittorrentCoordinator,
        gluetun: GluetunCoordinator | None,
        store: GuardStore,
        create_task: TaskStarter,
    ) -> None:
        # gluetun None: the option was cleared (or its gluetun deleted) while held: release.
        self.hass = hass
        self.qbittorrent = qbittorrent
        self.gluetun = gluetun
        self._store = store
        self._create_task = create_task
        self.cause: str | None = None
        self.since: datetime | None = None
        # Paused by the guard, not yet seen paused (a sync may still show them active).
        self._unconfirmed: set[str] = set()
        # Resumed by the user while held: left alone until the hold ends.
        self.exempt: set[str] = set()
        # The pause or resume that failed, and why (the repair issue says it).
        self.failure: str | None = None
        self._listeners: list[CALLBACK_TYPE] = []
        self._task: asyncio.Task[None] | None = None
        self._again = False

    @property
    def qbittorrent_id(self) -> str:
        """The guarded qBittorrent's subentry id."""
        return self.qbittorrent.subentry.subentry_id

    @property
    def held(self) -> set[str]:
        """The torrents the guard holds now."""
        return self.qbittorrent.holds.held_by(HOLD_VPN)

    @property
    def _issue_id(self) -> str:
        return f"vpn_guard_failed_{self.qbittorrent_id}"

    # --- start and stop -------------------------------------------------------------------

    @callback
    def async_start(self) -> None:
        """Take up what was held before a restart, follow both services, reconcile now."""
        holds = self.qbittorrent.holds
        if record := self._store.data.get(self.qbittorrent_id):
            self.cause = record.get("cause") or CAUSE_DOWN
            self.since = dt_util.parse_datetime(record.get("since") or "") or dt_util.utcnow()
            self.exempt = set(record.get("exempt") or ())
            recorded = set(record.get("hashes") or ())
            holds.release(HOLD_VPN, holds.held_by(HOLD_VPN) - recorded)  # see setup.py
            holds.hold(recorded, HOLD_VPN)
            self._show()
        else:
            holds.release(HOLD_VPN)  # holds saved with the history, unconfirmed: stale
        self._listeners.append(self.qbittorrent.async_add_listener(self._schedule))
        if self.gluetun is not None:
            self._listeners.append(self.gluetun.async_add_listener(self._schedule))
            self.gluetun.async_poll_at_least_every(GUARD_POLL)
        self._schedule()

    @callback
    def async_stop(self) -> None:
        """The hub unloads: stop following (what is held stays stored for the next set-up)."""
        while self._listeners:
            self._listeners.pop()()

    # --- reconciling ----------------------------------------------------------------------

    @callback
    def _schedule(self) -> None:
        """Reconcile after this update; one run at a time, again if updates came meanwhile."""
        self._again = True
        if self._task is None or self._task.done():
            self._task = self._create_task(
                self._run(), f"pandora vpn guard {self.qbittorrent.subentry.title}"
            )

    async def _run(self) -> None:
        while self._again:
            self._again = False
            await self.async_reconcile()

    def wanted(self) -> str | None:
        """Why the torrents should be held now (None: they should not; `_UNKNOWN`: can't tell)."""
        gluetun = self.gluetun
        if gluetun is None:
            return None
        if not gluetun.last_update_success or gluetun.state.status is None:
            return _UNKNOWN
        if gluetun.state.status != "running":
            return CAUSE_DOWN
        return CAUSE_LEAK if gluetun.leaking else None

    async def async_reconcile(self) -> None:
        """Bring qBittorrent to what the VPN's health asks for."""
        cause = self.wanted()
        if cause == _UNKNOWN:
            cause = self.cause  # a hold goes on; none starts
        if cause is not None:
            await self._hold(cause)
        elif self.cause is not None:
            await self._release()

    async def _hold(self, cause: str) -> None:
        started = self.cause is None
        if started or cause != self.cause:
            self.cause = cause
            self.since = self.since if not started else dt_util.utcnow()
            await self._save()
            self._show()
            await self._pause_running()
            # After the pause, so the event says how many torrents it held.
            self._announce("held" if started else "changed")
        else:
            await self._pause_running()

    async def _pause_running(self) -> None:
        """Pause and hold every running torrent but the user's; notice torrents resumed by hand."""
        qbittorrent = self.qbittorrent
        holds = qbittorrent.holds
        data = qbittorrent.data
        if not qbittorrent.last_update_success or data is None:
            self._unreachable("pause")  # tried again at its next poll
            return
        torrents = data.torrents
        held = self.held
        paused = {h for h, t in torrents.items() if t.status is TorrentStatus.PAUSED}
        self._unconfirmed -= paused
        if resumed := (held - paused - self._unconfirmed) & torrents.keys():
            # The user resumed them while held: theirs now.
            holds.release(HOLD_VPN, resumed)
            self.exempt |= resumed
            _LOGGER.info(
                "%s: %d torrent(s) resumed by hand while the VPN guard holds the others; "
                "left running",
                qbittorrent.subentry.title,
                len(resumed),
            )
        self.exempt &= torrents.keys()
        self._unconfirmed &= torrents.keys()
        targets = torrents.keys() - paused - self.held - self.exempt
        # Paused by another guard (disk space, a seeding goal): held by this one too, so that
        # guard letting go does not start it while the VPN is down.
        if others := {h for h in paused - self.held if holds.reason(h) is not None}:
            holds.hold(others, HOLD_VPN)
            await self._save()
        if targets:
            holds.hold(targets, HOLD_VPN)
            self._unconfirmed |= targets
            await self._save()
            try:
                await qbittorrent.client.pause(targets)
            except PandoraError as err:
                holds.release(HOLD_VPN, targets)
                self._unconfirmed -= targets
                await self._save()
                self._failed("pause", err)
                return
            _LOGGER.warning(
                "%s: paused %d torrent(s): %s behind %s",
                qbittorrent.subentry.title,
                len(targets),
                self.cause,
                self._gluetun_title,
            )
        self._succeeded()
        if resumed and not targets:
            await self._save()
        if targets or resumed or others:
            self._show()
            if targets:
                await qbittorrent.async_request_refresh()

    async def _release(self) -> None:
        qbittorrent = self.qbittorrent
        holds = qbittorrent.holds
        data = qbittorrent.data
        if not qbittorrent.last_update_success or data is None:
            self._unreachable("resume")  # tried again at its next poll
            return
        released = holds.release(HOLD_VPN)
        # Not one another guard still holds, nor one removed meanwhile.
        resume = {h for h in released if holds.reason(h) is None and h in data.torrents}
        if resume:
            try:
                await qbittorrent.client.resume(resume)
            except PandoraError as err:
                holds.hold(released, HOLD_VPN)  # still held: tried again at the next poll
                self._failed("resume", err)
                return
        self._succeeded()
        cause, self.cause, self.since = self.cause, None, None
        self._unconfirmed.clear()
        self.exempt.clear()
        await self._store.async_put(self.qbittorrent_id, None)
        self._show()
        _LOGGER.warning(
            "%s: resumed %d torrent(s): the VPN behind %s is healthy again",
            qbittorrent.subentry.title,
            len(resume),
            self._gluetun_title,
        )
        self._announce("released", cause=cause, torrents=len(resume))
        if resume:
            await qbittorrent.async_request_refresh()

    # --- what is kept and said ------------------------------------------------------------

    @property
    def _gluetun_title(self) -> str:
        return self.gluetun.subentry.title if self.gluetun is not None else "-"

    async def _save(self) -> None:
        await self._store.async_put(
            self.qbittorrent_id,
            {
                "gluetun": self.gluetun.subentry.subentry_id if self.gluetun else None,
                "cause": self.cause,
                "since": self.since.isoformat() if self.since else None,
                "hashes": sorted(self.held),
                "exempt": sorted(self.exempt),
            },
        )

    @callback
    def _show(self) -> None:
        """The banner's notice, the binary sensor and the rows' chips."""
        notice = None
        if self.cause is not None:
            notice = {
                "cause": self.cause,
                "since": self.since.isoformat() if self.since else None,
                "by": self._gluetun_title,
                "torrents": len(self.held),
            }
        self.qbittorrent.holds.set_notice(HOLD_VPN, notice)
        self.qbittorrent.async_update_listeners()

    @callback
    def _announce(self, action: str, **extra: Any) -> None:
        async_announce(
            self.hass,
            EVENT_VPN_GUARD,
            {
                "action": action,
                "cause": self.cause,
                "subentry_id": self.qbittorrent_id,
                "instance": self.qbittorrent.subentry.title,
                "gluetun_subentry_id": self.gluetun.subentry.subentry_id if self.gluetun else None,
                "gluetun": self._gluetun_title,
                "torrents": len(self.held),
            }
            | extra,
        )

    @callback
    def _unreachable(self, action: str) -> None:
        """QBittorrent does not answer its polls: nothing can be paused or resumed yet."""
        self._failed(action, self.qbittorrent.last_exception or "qBittorrent is not answering")

    @callback
    def _failed(self, action: str, err: BaseException | str) -> None:
        """A pause or resume failed: say so once (log, repair issue); the next poll tries again."""
        error = safe_text(err)
        if self.failure is None:
            _LOGGER.warning(
                "%s: the VPN guard could not %s torrents (%s); trying again at each poll",
                self.qbittorrent.subentry.title,
                action,
                error,
            )
        self.failure = action
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            self._issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key=f"vpn_guard_{action}_failed",
            translation_placeholders={
                "name": self.qbittorrent.subentry.title,
                "gluetun": self._gluetun_title,
                "error": error,
            },
        )

    @callback
    def _succeeded(self) -> None:
        if self.failure is not None:
            self.failure = None
            _LOGGER.info("%s: the VPN guard is back in step", self.qbittorrent.subentry.title)
            ir.async_delete_issue(self.hass, DOMAIN, self._issue_id)
