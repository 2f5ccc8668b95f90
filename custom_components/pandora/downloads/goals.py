"""Seeding goals: when a finished torrent has seeded enough, pause it or remove it.

A goal is a ratio and/or a seeding time (qBittorrent's own `ratio` and `seeding_time`); it is
met when either is reached. The hub's options hold one goal, and a category may have its own,
which replaces the hub's for the torrents in it. Only a torrent qBittorrent says is complete is
judged: never one still downloading, being checked or in error.

A met goal is recorded in history (per qBittorrent, until the torrent leaves it), announced as
`pandora_torrent_goal_reached` and acted on once:

- **pause**: the torrent is paused and held with `HOLD_GOAL` (the panel says why). Resumed by
  hand, it is released and left alone: its goal was met once, and the user decided it should
  seed on. Pandora does not pause it again until it is removed and added anew.
- **remove**: the torrent is removed through the hub's removal (`files.async_remove_torrents`,
  handed in by the root), which never deletes the library's files; a torrent the pipeline is
  filing right now is judged again at the next poll.

Judging is O(changes): each poll looks only at the torrents that sync changed (all of them on
the first look after start-up, so a goal set or changed in the options applies at once).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Coroutine, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
import logging
from typing import Any

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.util import dt as dt_util

from ..api.errors import PandoraError
from ..api.qbittorrent_models import LOADING_STATES, Torrent, TorrentStatus
from ..const import (
    CONF_SEEDING_GOAL_ACTION,
    CONF_SEEDING_GOAL_CATEGORIES,
    CONF_SEEDING_GOAL_DELETE_FILES,
    CONF_SEEDING_GOAL_MINUTES,
    CONF_SEEDING_GOAL_RATIO,
    DEFAULT_SEEDING_GOAL_ACTION,
    DEFAULT_SEEDING_GOAL_DELETE_FILES,
    GOAL_PAUSE,
    GOAL_REMOVE,
    TORRENT_GOAL_REACHED,
)
from ..hub.errors import safe_text
from .coordinator import QBittorrentCoordinator
from .holds import HOLD_GOAL

_LOGGER = logging.getLogger(__name__)

# Removes torrents from one qBittorrent (coordinator, hashes, delete files?); returns those
# removed. The root hands in `files.async_remove_torrents`, which keeps the library's files.
type Remover = Callable[[QBittorrentCoordinator, list[str], bool], Awaitable[Collection[str]]]
# Starts a background task tied to the loaded hub: (coroutine, name).
type TaskStarter = Callable[[Coroutine[Any, Any, None], str], Any]

REACHED_RATIO = "ratio"
REACHED_SEEDING_TIME = "seeding_time"


@dataclass(frozen=True, slots=True)
class Goal:
    """One seeding goal: a ratio and/or minutes of seeding, and what to do when met."""

    ratio: float | None
    minutes: int | None
    action: str
    category: str | None  # the category whose goal it is; None: the hub's

    def reached(self, torrent: Torrent) -> str | None:
        """Which limit a complete torrent reached (ratio first), or None."""
        if self.ratio is not None and torrent.ratio >= self.ratio:
            return REACHED_RATIO
        if self.minutes is not None and torrent.seeding_time >= self.minutes * 60:
            return REACHED_SEEDING_TIME
        return None

    def as_dict(self) -> dict[str, Any]:
        """The goal as events and history carry it."""
        return {
            "ratio": self.ratio,
            "seeding_minutes": self.minutes,
            "action": self.action,
            "category": self.category,
        }


def _number(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


def _goal(ratio: Any, minutes: Any, action: Any, category: str | None) -> Goal | None:
    ratio, time = _number(ratio), _number(minutes)
    if ratio is None and time is None:
        return None
    return Goal(
        ratio=ratio,
        minutes=None if time is None else int(time),
        action=GOAL_REMOVE if action == GOAL_REMOVE else GOAL_PAUSE,
        category=category,
    )


def goal_for(options: Mapping[str, Any], category: str) -> Goal | None:
    """The goal of a torrent in `category` ("" for none): its category's, else the hub's."""
    categories: Mapping[str, Mapping[str, Any]] = options.get(CONF_SEEDING_GOAL_CATEGORIES) or {}
    if category and (own := categories.get(category)) is not None:
        return _goal(own.get("ratio"), own.get("minutes"), own.get("action"), category)
    return _goal(
        options.get(CONF_SEEDING_GOAL_RATIO),
        options.get(CONF_SEEDING_GOAL_MINUTES),
        options.get(CONF_SEEDING_GOAL_ACTION, DEFAULT_SEEDING_GOAL_ACTION),
        None,
    )


def _judged(torrent: Torrent) -> bool:
    """Whether a torrent may meet a goal: complete, as qBittorrent says now."""
    return (
        torrent.completion_known
        and torrent.is_complete
        and torrent.status not in (TorrentStatus.ERRORED, TorrentStatus.CHECKING)
        and torrent.state not in LOADING_STATES
    )


class SeedingGoals:
    """Watches every qBittorrent's polls for torrents that met their seeding goal."""

    def __init__(
        self,
        hass: HomeAssistant,
        *,
        qbittorrent: Mapping[str, QBittorrentCoordinator],
        options: Callable[[], Mapping[str, Any]],
        remove: Remover,
        create_task: TaskStarter,
    ) -> None:
        """Bind to the hub's coordinators; call `async_start` once they have polled."""
        self.hass = hass
        self._qbittorrent = qbittorrent
        self._options = options
        self._remove = remove
        self._create_task = create_task
        self._unsubs: list[CALLBACK_TYPE] = []
        self._syncs: dict[str, int] = {}  # the last sync judged, per qBittorrent
        self._busy: dict[str, set[str]] = {}  # being paused or removed now
        self._again: dict[str, set[str]] = {}  # to judge again at the next poll
        self._seen_paused: dict[str, set[str]] = {}  # goal-paused and seen paused since

    def async_start(self) -> None:
        """Hold again what a goal paused (holds live in memory), judge everything, listen."""
        for subentry_id, coordinator in self._qbittorrent.items():
            self._busy[subentry_id], self._again[subentry_id] = set(), set()
            self._seen_paused[subentry_id] = set()
            self._unsubs.append(coordinator.async_add_listener(partial(self._polled, coordinator)))
            if coordinator.last_update_success and coordinator.data is not None:
                self._judge(coordinator, list(coordinator.client.maindata.torrents), True)

    @callback
    def remove_listeners(self) -> None:
        """Stop watching (the hub unloads)."""
        while self._unsubs:
            self._unsubs.pop()()

    @callback
    def _polled(self, coordinator: QBittorrentCoordinator) -> None:
        """A coordinator's listeners were called: judge what its new sync changed, if any."""
        subentry_id = coordinator.subentry.subentry_id
        delta = coordinator.last_delta
        if not coordinator.last_update_success or delta is None:
            return
        seen = self._syncs.get(subentry_id)
        if seen == coordinator.syncs:
            return  # no new sync (holds or availability changed)
        if seen is None or seen + 1 != coordinator.syncs or delta.full_update:
            hashes: Iterable[str] = list(coordinator.client.maindata.torrents)
        else:
            hashes = {*delta.changed, *self._again[subentry_id]}
        self._judge(coordinator, hashes, seen is None)

    @callback
    def _judge(
        self, coordinator: QBittorrentCoordinator, hashes: Iterable[str], first: bool
    ) -> None:
        subentry_id = coordinator.subentry.subentry_id
        self._syncs[subentry_id] = coordinator.syncs
        options = self._options()
        torrents = coordinator.client.maindata.torrents
        met = coordinator.history.goals_met(subentry_id)
        busy, again = self._busy[subentry_id], self._again[subentry_id]
        again.clear()
        due: dict[str, list[tuple[Torrent, Goal, str]]] = {GOAL_PAUSE: [], GOAL_REMOVE: []}
        for torrent_hash in hashes:
            if (torrent := torrents.get(torrent_hash)) is None or torrent_hash in busy:
                continue
            if (record := met.get(torrent_hash)) is not None:
                self._follow(coordinator, torrent, record, first)
                continue
            if not _judged(torrent):
                continue
            goal = goal_for(options, torrent.category)
            if goal is not None and (reached := goal.reached(torrent)) is not None:
                due[goal.action].append((torrent, goal, reached))
        delete_files = bool(
            options.get(CONF_SEEDING_GOAL_DELETE_FILES, DEFAULT_SEEDING_GOAL_DELETE_FILES)
        )
        for action, items in due.items():
            if items:
                busy.update(torrent.hash for torrent, _, _ in items)
                self._create_task(
                    self._act(coordinator, action, items, delete_files),
                    f"pandora seeding goal {action}",
                )
        self._show(coordinator)

    @staticmethod
    def _show(coordinator: QBittorrentCoordinator) -> None:
        """The Downloads tab's banner: how many torrents wait paused for having met their goal."""
        count = len(coordinator.holds.held_by(HOLD_GOAL))
        coordinator.holds.set_notice(HOLD_GOAL, {"torrents": count} if count else None)

    @callback
    def _follow(
        self,
        coordinator: QBittorrentCoordinator,
        torrent: Torrent,
        record: dict[str, Any],
        first: bool,
    ) -> None:
        """A goal-paused torrent: hold it while paused; resumed by hand, let it be."""
        if record.get("action") != GOAL_PAUSE or record.get("resumed"):
            return
        subentry_id = coordinator.subentry.subentry_id
        seen = self._seen_paused[subentry_id]
        if torrent.state in LOADING_STATES or torrent.status is TorrentStatus.CHECKING:
            return  # qBittorrent is loading it: paused or not is not known yet
        if torrent.status is TorrentStatus.PAUSED:
            seen.add(torrent.hash)
            if coordinator.holds.hold([torrent.hash], HOLD_GOAL):
                coordinator.async_update_listeners()
            return
        if torrent.hash not in seen and not first:
            return  # paused a moment ago: qBittorrent has not said so yet
        # Resumed by hand (here or while Home Assistant was off): the user wants it to seed.
        seen.discard(torrent.hash)
        coordinator.history.set_goal_met(subentry_id, torrent.hash, record | {"resumed": True})
        if coordinator.holds.release(HOLD_GOAL, [torrent.hash]):
            coordinator.async_update_listeners()
        _LOGGER.info(
            "%s was resumed after meeting its seeding goal; Pandora leaves it seeding",
            torrent.name,
        )

    async def _act(
        self,
        coordinator: QBittorrentCoordinator,
        action: str,
        items: list[tuple[Torrent, Goal, str]],
        delete_files: bool,
    ) -> None:
        subentry_id = coordinator.subentry.subentry_id
        hashes = [torrent.hash for torrent, _, _ in items]
        try:
            if action == GOAL_PAUSE:
                await coordinator.client.pause(hashes)
                done: Collection[str] = hashes
            else:
                done = await self._remove(coordinator, hashes, delete_files)
        except PandoraError as err:
            _LOGGER.warning(
                "Could not %s torrents that met their seeding goal on %s (trying again at the "
                "next poll): %s",
                action,
                coordinator.subentry.title,
                safe_text(err),
            )
            done = ()
        finally:
            self._busy[subentry_id].difference_update(hashes)
        self._again[subentry_id].update(h for h in hashes if h not in done)
        if action == GOAL_PAUSE and done:
            coordinator.holds.hold(done, HOLD_GOAL)
        now = dt_util.utcnow().isoformat()
        for torrent, goal, reached in items:
            if torrent.hash not in done:
                continue
            if action == GOAL_PAUSE:  # a removed torrent leaves qBittorrent at the next poll
                record = {"time": now, "reached": reached, "action": action, "goal": goal.as_dict()}
                coordinator.history.set_goal_met(subentry_id, torrent.hash, record)
            coordinator.announce(
                TORRENT_GOAL_REACHED,
                torrent,
                {
                    "reached": reached,
                    "action": action,
                    "goal": goal.as_dict(),
                    "ratio": round(torrent.ratio, 3),
                    "seeding_time": torrent.seeding_time,
                },
            )
        self._show(coordinator)
        coordinator.async_update_listeners()
