"""Household requests: "I want to watch this" → approved → searched → downloaded → available.

The queue is the single source of truth, kept in Home Assistant's Store (`pandora.requests`).
Every change is saved before the call that made it returns, so the fulfilment pipeline can act
only on what is on disk and resume after a restart without doing anything twice. One open
request per title (per season for TV: a request for several seasons is one request per
season): asking again for a title already on its way joins the open request. Whoever asked may
withdraw it while it waits for approval: they leave it when others asked too, else it is
withdrawn (`async_withdraw`).

Who may do what is checked by the callers (actions, websocket) with `can_see` / `is_admin`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
import logging
from typing import Any, Final, Literal, get_args

from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util
from homeassistant.util.hass_dict import HassKey
from homeassistant.util.ulid import ulid_now

from ..const import (
    CONF_AUTO_APPROVE_ADMINS,
    CONF_AUTO_APPROVE_USERS,
    CONF_REQUEST_STALL_MINUTES,
    DEFAULT_AUTO_APPROVE_ADMINS,
    DEFAULT_REQUEST_STALL_MINUTES,
    DOMAIN,
)
from ..hub.announce import async_announce
from ..hub.stores import read_once

_LOGGER = logging.getLogger(__name__)

STORAGE_VERSION: Final = 1
STORAGE_KEY: Final = f"{DOMAIN}.requests"
# Dispatcher signal sent with the request after every saved change (panel feed, sensors).
SIGNAL_REQUEST_CHANGED: Final = f"{DOMAIN}_request_changed"
# Bus events, `pandora_request_<kind>`; the event entity uses the same kinds.
EVENT_REQUEST_PREFIX: Final = f"{DOMAIN}_request_"
REQUEST_EVENT_TYPES: Final = ("created", "approved", "denied", "withdrawn", "available", "failed")

type Status = Literal[
    "pending",
    "approved",
    "denied",
    "withdrawn",
    "searching",
    "waiting_for_space",
    "downloading",
    "importing",
    "available",
    "failed",
]
STATUSES: Final[tuple[Status, ...]] = get_args(Status.__value__)
# On their way: a second request for the same title joins these.
OPEN_STATUSES: Final[frozenset[Status]] = frozenset(
    {"pending", "approved", "searching", "waiting_for_space", "downloading", "importing"}
)
# Being worked on by the pipeline (what it resumes after a restart).
ACTIVE_STATUSES: Final[frozenset[Status]] = frozenset(
    {"approved", "searching", "waiting_for_space", "downloading", "importing"}
)
# Withdrawn only while pending: once approved, the pipeline may already be searching or adding
# the torrent, and an administrator decides what happens to it.
ALLOWED: Final[dict[Status, frozenset[Status]]] = {
    "pending": frozenset({"approved", "denied", "withdrawn"}),
    "approved": frozenset({"searching", "failed"}),
    "searching": frozenset({"downloading", "failed"}),
    # Its release is chosen; the disk guard (downloads/disk.py) may keep it from being added.
    "downloading": frozenset({"importing", "waiting_for_space", "failed"}),
    "waiting_for_space": frozenset({"downloading", "failed"}),
    "importing": frozenset({"available", "failed"}),
    "failed": frozenset({"approved"}),  # retry
    "denied": frozenset({"approved"}),  # an administrator changed their mind
    "withdrawn": frozenset(),  # nobody wants it any more: asking again makes a new request
    "available": frozenset(),
}
# The status changes that fire a bus event (and the event entity), by status.
EVENT_FOR_STATUS: Final[dict[Status, str]] = {
    "approved": "approved",
    "denied": "denied",
    "withdrawn": "withdrawn",
    "available": "available",
    "failed": "failed",
}
MAX_CLOSED: Final = 500  # closed requests kept (oldest forgotten first)


class RequestError(Exception):
    """A request cannot change this way; `key` is a translation key of `exceptions`."""

    def __init__(self, key: str, **placeholders: str) -> None:
        """Keep the translation key and its placeholders."""
        super().__init__(key)
        self.key = key
        self.placeholders = placeholders


@dataclass(slots=True)
class Transition:
    """One status change: when, by whom (None: Pandora itself), and why."""

    status: Status
    at: str
    by: str | None = None
    reason: str | None = None


@dataclass(slots=True)
class MediaRequest:
    """One title asked for by a household member (persisted as a dict)."""

    id: str
    tmdb_id: int
    media_type: Literal["movie", "tv"]
    title: str
    requested_by: str  # Home Assistant user id
    created: str
    status: Status = "pending"
    year: int | None = None
    season: int | None = None  # TV only; None = the whole series
    poster_url: str | None = None  # TMDB image URL (the websocket layer signs it for the proxy)
    watchers: list[str] = field(default_factory=list)  # other users who asked for it too
    transitions: list[Transition] = field(default_factory=list)
    reason: str | None = None  # why it was denied or failed
    torrent_hash: str | None = None
    instance: str | None = None  # qBittorrent subentry id
    release: str | None = None
    tried: list[str] = field(default_factory=list)  # infohashes already tried (retries)
    jellyfin_id: str | None = None  # the library item, once available
    updated: str = ""

    @property
    def is_open(self) -> bool:
        """Still on its way (not denied, withdrawn, failed or available)."""
        return self.status in OPEN_STATUSES

    def users(self) -> list[str]:
        """Everyone who asked for it (the requester first)."""
        return [self.requested_by, *(u for u in self.watchers if u != self.requested_by)]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (storage, responses); shares nothing with the request.

        What `dataclasses.asdict` gives, built directly: asdict's generic deep copy cost
        most of a save (5 ms for 550 requests).
        """
        data = {name: getattr(self, name) for name in _FIELDS}  # in field order, as asdict
        data["watchers"] = list(self.watchers)
        data["tried"] = list(self.tried)
        data["transitions"] = [
            {"status": t.status, "at": t.at, "by": t.by, "reason": t.reason}
            for t in self.transitions
        ]
        return data

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> MediaRequest:
        """Back from storage; unknown keys (a newer version's) are ignored."""
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in raw.items() if k in known}
        data["transitions"] = [Transition(**t) for t in raw.get("transitions", [])]
        return cls(**data)

    def changed_at(self, status: Status) -> datetime | None:
        """When it last entered `status`."""
        for transition in reversed(self.transitions):
            if transition.status == status:
                return dt_util.parse_datetime(transition.at)
        return None


_FIELDS: Final = tuple(f.name for f in fields(MediaRequest))


@dataclass(slots=True)
class RequestSettings:
    """Who is approved without asking, and when a download counts as stalled."""

    auto_approve_admins: bool = True
    auto_approve_users: tuple[str, ...] = ()
    stall_minutes: int = DEFAULT_REQUEST_STALL_MINUTES

    def auto_approves(self, user: User) -> bool:
        """Whether `user`'s requests skip the administrator's approval."""
        return (user.is_admin and self.auto_approve_admins) or user.id in self.auto_approve_users


def request_settings(options: Mapping[str, Any]) -> RequestSettings:
    """The settings the hub's options hold (defaults for what is not set)."""
    return RequestSettings(
        auto_approve_admins=bool(
            options.get(CONF_AUTO_APPROVE_ADMINS, DEFAULT_AUTO_APPROVE_ADMINS)
        ),
        auto_approve_users=tuple(options.get(CONF_AUTO_APPROVE_USERS) or ()),
        stall_minutes=int(options.get(CONF_REQUEST_STALL_MINUTES, DEFAULT_REQUEST_STALL_MINUTES)),
    )


def can_see(user: User, request: MediaRequest) -> bool:
    """Administrators see every request; others the ones they asked for."""
    return user.is_admin or user.id in request.users()


class RequestQueue:
    """The persisted requests, their status changes, and the events those fire."""

    def __init__(self, hass: HomeAssistant, settings: RequestSettings | None = None) -> None:
        """Bind to Home Assistant; `async_load` before use."""
        self.hass = hass
        self.settings = settings or RequestSettings()
        # What is saved is a list of dicts built in the loop and never changed afterwards, so
        # the JSON encoding can run in the executor.
        self._store: Store[dict[str, Any]] = Store(
            hass, STORAGE_VERSION, STORAGE_KEY, serialize_in_event_loop=False
        )
        self._requests: dict[str, MediaRequest] = {}
        # Each request as last saved: a change rebuilds only its own (queue.py is the only
        # place requests change, and every change goes through `_save`).
        self._saved: dict[str, dict[str, Any]] = {}

    async def async_load(self) -> None:
        """Read the saved requests."""
        data = await self._store.async_load() or {}
        for raw in data.get("requests", []):
            try:
                request = MediaRequest.from_dict(raw)
            except (TypeError, ValueError) as err:
                _LOGGER.warning("Skipping a saved request that cannot be read: %s", err)
                continue
            self._requests[request.id] = request
        self._forget_old()  # the cap holds from the start, not from the first change

    async def _save(self, request: MediaRequest) -> None:
        request.updated = dt_util.utcnow().isoformat()
        self._saved[request.id] = request.as_dict()
        self._forget_old()
        saved = [
            self._saved.get(r.id) or self._saved.setdefault(r.id, r.as_dict())
            for r in self._requests.values()
        ]
        await self._store.async_save({"requests": saved})
        async_dispatcher_send(self.hass, SIGNAL_REQUEST_CHANGED, request)

    def _forget_old(self) -> None:
        closed = [r for r in self._requests.values() if not r.is_open]
        if len(closed) <= MAX_CLOSED:
            return
        for request in sorted(closed, key=lambda r: r.updated)[: len(closed) - MAX_CLOSED]:
            del self._requests[request.id]
            self._saved.pop(request.id, None)

    # --- reading --------------------------------------------------------------------------------

    def get(self, request_id: str) -> MediaRequest | None:
        """One request, or None."""
        return self._requests.get(request_id)

    def all(self) -> list[MediaRequest]:
        """Every request, newest first."""
        return sorted(self._requests.values(), key=lambda r: r.created, reverse=True)

    def visible_to(self, user: User) -> list[MediaRequest]:
        """What `user` may see, newest first."""
        return [r for r in self.all() if can_see(user, r)]

    def open_for(
        self, tmdb_id: int, media_type: str, season: int | None = None
    ) -> MediaRequest | None:
        """The open request for this title (and season), if any: there is never more than one."""
        for request in self._requests.values():
            if (
                request.is_open
                and request.tmdb_id == tmdb_id
                and request.media_type == media_type
                and request.season == season
            ):
                return request
        return None

    def with_status(self, statuses: Iterable[Status]) -> list[MediaRequest]:
        """The requests in these statuses, oldest first (the order to work on them)."""
        wanted = set(statuses)
        return sorted(
            (r for r in self._requests.values() if r.status in wanted), key=lambda r: r.created
        )

    def by_torrent(self, torrent_hash: str) -> MediaRequest | None:
        """The request a torrent was added for."""
        wanted = torrent_hash.lower()
        for request in self._requests.values():
            if request.torrent_hash and request.torrent_hash.lower() == wanted:
                return request
        return None

    def counts(self, now: datetime | None = None) -> dict[str, int]:
        """For the sensors: pending, in progress, available in the last 30 days, failed."""
        now = now or dt_util.utcnow()
        since = now - timedelta(days=30)
        available = 0
        for request in self._requests.values():
            when = request.changed_at("available") if request.status == "available" else None
            if when is not None and when >= since:
                available += 1
        statuses = [r.status for r in self._requests.values()]
        return {
            "pending": statuses.count("pending"),
            "in_progress": sum(s in ACTIVE_STATUSES for s in statuses),
            "available": available,
            "failed": statuses.count("failed"),
        }

    # --- changing -------------------------------------------------------------------------------

    async def async_create(
        self,
        user: User,
        *,
        tmdb_id: int,
        media_type: Literal["movie", "tv"],
        title: str,
        year: int | None = None,
        season: int | None = None,
        poster_url: str | None = None,
    ) -> tuple[MediaRequest, bool]:
        """A new request, or the open one for this title (joined by `user`); True when new.

        Approved at once when the settings auto-approve `user`.
        """
        season = season if media_type == "tv" else None
        if (existing := self.open_for(tmdb_id, media_type, season)) is not None:
            if user.id not in existing.users():
                existing.watchers.append(user.id)
                await self._save(existing)
            return existing, False
        now = dt_util.utcnow().isoformat()
        request = MediaRequest(
            id=ulid_now(),
            tmdb_id=tmdb_id,
            media_type=media_type,
            title=title,
            year=year,
            season=season,
            poster_url=poster_url,
            requested_by=user.id,
            created=now,
            transitions=[Transition("pending", now, user.id)],
        )
        self._requests[request.id] = request
        await self._save(request)
        self._fire("created", request, user.id)
        if self.settings.auto_approves(user):
            await self.async_set_status(request, "approved", by=user.id, reason="auto-approved")
        return request, True

    async def async_set_status(
        self,
        request: MediaRequest,
        status: Status,
        *,
        by: str | None = None,
        reason: str | None = None,
        **changes: Any,
    ) -> None:
        """Move `request` to `status` (with other field `changes`), saved before returning."""
        if status not in ALLOWED[request.status]:
            raise RequestError(
                "request_wrong_status", status=request.status, wanted=status, title=request.title
            )
        for name, value in changes.items():
            setattr(request, name, value)
        request.status = status
        if status in ("denied", "failed", "waiting_for_space"):
            request.reason = reason
        elif status in ("approved", "downloading"):
            request.reason = None
        request.transitions.append(Transition(status, dt_util.utcnow().isoformat(), by, reason))
        await self._save(request)
        if (kind := EVENT_FOR_STATUS.get(status)) is not None:
            self._fire(kind, request, by)

    async def async_withdraw(self, request: MediaRequest, by: str | None) -> bool:
        """`by` no longer wants a pending request; True when it is withdrawn.

        One of several who asked leaves it (the next one becomes the requester) and it stays
        pending for the others; the last one, or anyone who did not ask (an administrator,
        an automation: `by` None), withdraws it for everyone.
        """
        if request.status != "pending":
            raise RequestError(
                "request_not_withdrawable", status=request.status, title=request.title
            )
        users = request.users()
        if by in users and len(users) > 1:
            rest = [user for user in users if user != by]
            request.requested_by, request.watchers = rest[0], rest[1:]
            await self._save(request)
            return False
        await self.async_set_status(request, "withdrawn", by=by)
        return True

    async def async_update(self, request: MediaRequest, **changes: Any) -> None:
        """Change fields without a status change (the torrent linked, say), saved."""
        for name, value in changes.items():
            setattr(request, name, value)
        await self._save(request)

    @callback
    def _fire(self, kind: str, request: MediaRequest, by: str | None) -> None:
        async_announce(self.hass, EVENT_REQUEST_PREFIX + kind, event_data(request, by))


def event_data(request: MediaRequest, by: str | None = None) -> dict[str, Any]:
    """What bus events and the event entity carry."""
    return {
        "request_id": request.id,
        "tmdb_id": request.tmdb_id,
        "media_type": request.media_type,
        "title": request.title,
        "year": request.year,
        "season": request.season,
        "status": request.status,
        "requested_by": request.requested_by,
        "users": request.users(),
        "reason": request.reason,
        "torrent_hash": request.torrent_hash,
        "release": request.release,
        "by": by,
    }


async def user_names(hass: HomeAssistant, ids: Iterable[str]) -> dict[str, str]:
    """Display names of Home Assistant users (unknown ids are left out)."""
    names: dict[str, str] = {}
    for user_id in set(ids):
        if (user := await hass.auth.async_get_user(user_id)) is not None:
            names[user_id] = user.name or user_id
    return names


DATA_REQUESTS: Final[HassKey[asyncio.Task[RequestQueue]]] = HassKey("pandora_requests")


async def async_requests(hass: HomeAssistant) -> RequestQueue:
    """The household's requests, read once per run, outliving reloads (each setup sets them up)."""
    return await read_once(hass, DATA_REQUESTS, lambda: RequestQueue(hass), "requests")
