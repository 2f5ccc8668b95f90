"""Why Pandora holds a torrent: the VPN guard, the disk guard or a met seeding goal.

One `TorrentHolds` per qBittorrent (its coordinator's `holds`). A guard that pauses torrents
records why, so the panel can say it beside the torrent and the guard resumes exactly the
torrents it paused. A torrent may be held for several reasons; the panel shows the first of
`HOLD_REASONS` (the one that must clear first). The holds are saved with the torrent history
(`on_change`), so a restart while held resumes exactly the torrents a guard paused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

HOLD_VPN: Final = "vpn"
HOLD_DISK: Final = "disk"
HOLD_GOAL: Final = "goal"
# In the order the panel shows them.
HOLD_REASONS: Final = (HOLD_VPN, HOLD_DISK, HOLD_GOAL)


class TorrentHolds:
    """The held torrents of one qBittorrent, by reason, and which changed since last asked."""

    def __init__(
        self,
        saved: Mapping[str, Iterable[str]] | None = None,
        on_change: Callable[[dict[str, list[str]]], None] | None = None,
    ) -> None:
        """Start from what was `saved` (hash -> reasons); `on_change` gets every new state."""
        self._reasons: dict[str, set[str]] = {
            h: {r for r in reasons if r in HOLD_REASONS} for h, reasons in (saved or {}).items()
        }
        self._reasons = {h: reasons for h, reasons in self._reasons.items() if reasons}
        self._changed: set[str] = set(self._reasons)
        self._on_change = on_change
        # reason -> what the panel's banner says of a guard holding this qBittorrent (why,
        # since when, watching what): JSON-ready, set and cleared by the guard.
        self._notices: dict[str, dict[str, Any]] = {}
        self._notices_changed = False

    def as_dict(self) -> dict[str, list[str]]:
        """Hash -> reasons (sorted), as saved."""
        return {h: sorted(reasons) for h, reasons in sorted(self._reasons.items())}

    def _saved(self, changed: bool) -> None:
        if changed and self._on_change is not None:
            self._on_change(self.as_dict())

    @property
    def notices(self) -> dict[str, dict[str, Any]]:
        """Each guard's notice, by reason (a copy)."""
        return {reason: dict(notice) for reason, notice in self._notices.items()}

    def set_notice(self, reason: str, notice: Mapping[str, Any] | None) -> None:
        """Say (or, with None, stop saying) why a guard holds this qBittorrent's torrents."""
        current = self._notices.get(reason)
        if notice is None:
            if current is not None:
                del self._notices[reason]
                self._notices_changed = True
        elif current != notice:
            self._notices[reason] = dict(notice)
            self._notices_changed = True

    def take_notices_changed(self) -> bool:
        """Whether a notice changed since the last call (the panel's feed asks)."""
        changed, self._notices_changed = self._notices_changed, False
        return changed

    def reason(self, torrent_hash: str) -> str | None:
        """The reason shown for a torrent, or None when nothing holds it."""
        reasons = self._reasons.get(torrent_hash)
        if not reasons:
            return None
        return next(r for r in HOLD_REASONS if r in reasons)

    def reasons(self, torrent_hash: str) -> frozenset[str]:
        """Every reason a torrent is held for."""
        return frozenset(self._reasons.get(torrent_hash, ()))

    def held_by(self, reason: str) -> set[str]:
        """The torrents one reason holds."""
        return {h for h, reasons in self._reasons.items() if reason in reasons}

    def hold(self, hashes: Iterable[str], reason: str) -> set[str]:
        """Hold torrents for a reason; returns those it did not hold for it before."""
        added = set()
        for torrent_hash in hashes:
            reasons = self._reasons.setdefault(torrent_hash, set())
            if reason not in reasons:
                reasons.add(reason)
                added.add(torrent_hash)
                self._changed.add(torrent_hash)
        self._saved(bool(added))
        return added

    def release(self, reason: str, hashes: Iterable[str] | None = None) -> set[str]:
        """Stop holding torrents (all of them when `hashes` is None) for a reason.

        Returns the torrents it released.
        """
        wanted = self.held_by(reason) if hashes is None else set(hashes)
        released = set()
        for torrent_hash in wanted:
            reasons = self._reasons.get(torrent_hash)
            if reasons and reason in reasons:
                reasons.discard(reason)
                if not reasons:
                    del self._reasons[torrent_hash]
                released.add(torrent_hash)
                self._changed.add(torrent_hash)
        self._saved(bool(released))
        return released

    def forget(self, hashes: Iterable[str]) -> None:
        """Torrents removed from qBittorrent: nothing holds them any more."""
        forgotten = False
        for torrent_hash in hashes:
            if self._reasons.pop(torrent_hash, None) is not None:
                self._changed.add(torrent_hash)
                forgotten = True
        self._saved(forgotten)

    def keep_only(self, present: Iterable[str]) -> None:
        """Forget the torrents removed while nobody looked (the first poll after a start)."""
        present = set(present)
        self.forget([h for h in self._reasons if h not in present])

    def take_changes(self) -> set[str]:
        """The torrents whose reason changed since the last call (the panel's feed asks)."""
        changed, self._changed = self._changed, set()
        return changed

    def __len__(self) -> int:
        return len(self._reasons)
