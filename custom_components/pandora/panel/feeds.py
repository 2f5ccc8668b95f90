"""What the panel's subscriptions push.

Libraries and containers are short lists: each push is the whole state, and the websocket layer
sends it only when it differs from the previous one.

Torrents are many (10,000 on a big seedbox): `TorrentFeed` keeps the rows the panel shows, updates
them from each qBittorrent sync's own delta (O(changes), not O(torrents)), and sends every
subscribed panel the same changes, computed and encoded once per poll (docs/websocket.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.json import json_dumps
from homeassistant.util.hass_dict import HassKey

from ..api.qbittorrent_models import Torrent
from ..const import DOMAIN
from ..containers import GluetunCoordinator, PortainerCoordinator
from ..downloads import QBittorrentCoordinator
from ..library import JellyfinCoordinator, stream_info

if TYPE_CHECKING:
    from ..runtime import PandoraRuntime


def _jellyfin(sub_id: str, coordinator: JellyfinCoordinator) -> dict[str, Any]:
    state = coordinator.state
    result = state.task.last_result if state.task else None
    counts = state.counts
    return {
        "id": sub_id,
        "title": coordinator.subentry.title,
        "available": coordinator.last_update_success,
        "scanning": coordinator.scanning,
        "progress": coordinator.progress,
        "last_scan": result.end.isoformat() if result and result.end else None,
        "last_result": str(result.status).lower() if result else None,
        "counts": (
            {"movies": counts.movies, "series": counts.series, "episodes": counts.episodes}
            if counts
            else None
        ),
        "libraries": [
            {
                "id": lib.item_id,
                "name": lib.name,
                "collection_type": lib.collection_type,
                "refreshing": lib.refreshing,
                "progress": lib.refresh_progress,
            }
            for lib in state.libraries.values()
        ],
        # Who is watching (every stream; null while the sessions cannot be read).
        "streams": (
            [stream_info(s) for s in coordinator.sessions.streams]
            if coordinator.sessions.readable
            else None
        ),
    }


def library_snapshot(runtime: PandoraRuntime) -> dict[str, Any]:
    """Every Jellyfin's scan state and libraries."""
    return {"jellyfin": [_jellyfin(sid, c) for sid, c in runtime.jellyfin.items()]}


def _portainer(sub_id: str, coordinator: PortainerCoordinator) -> dict[str, Any]:
    state = coordinator.state
    containers = []
    for key, container in sorted(state.containers.items()):
        stats = state.stats.get(key)
        endpoint = state.endpoints.get(container.endpoint_id)
        containers.append(
            {
                "key": key,
                "name": container.name,
                "image": container.image,
                "state": container.state,
                "health": container.health,
                "status": container.status,
                "stack": container.compose_project,
                "endpoint": endpoint.name if endpoint else None,
                "reachable": bool(endpoint and endpoint.up),
                "cpu_percent": stats.cpu_percent if stats else None,
                "memory_bytes": stats.memory_bytes if stats else None,
            }
        )
    return {
        "id": sub_id,
        "title": coordinator.subentry.title,
        "available": coordinator.last_update_success,
        "containers": containers,
        "stacks": [
            {"id": s.id, "name": s.name, "active": s.active, "endpoint_id": s.endpoint_id}
            for s in state.stacks.values()
        ],
    }


def _gluetun(sub_id: str, coordinator: GluetunCoordinator) -> dict[str, Any]:
    public_ip = coordinator.state.public_ip
    return {
        "id": sub_id,
        "title": coordinator.subentry.title,
        "available": coordinator.last_update_success,
        "status": coordinator.state.status,
        "public_ip": public_ip.ip if public_ip else None,
        "country": public_ip.country if public_ip else None,
        "city": public_ip.city if public_ip else None,
        "selected": coordinator.selected,
        "options": coordinator.options,
        "leaking": coordinator.leaking,
        "switching": coordinator.switching,
    }


def containers_snapshot(runtime: PandoraRuntime) -> dict[str, Any]:
    """Every Portainer's containers and stacks, and every gluetun's VPN state."""
    return {
        "portainer": [_portainer(sid, c) for sid, c in runtime.portainer.items()],
        "gluetun": [_gluetun(sid, c) for sid, c in runtime.gluetun.items()],
    }


# --- torrents ------------------------------------------------------------------------------------

# What a torrent row shows, in the order of the first event's columns (`fields`).
FIELDS: Final = (
    "instance",
    "hash",
    "name",
    "state",
    "status",
    "progress",
    "size",
    "download_speed",
    "upload_speed",
    "eta",
    "added",
    "held",
)

# One torrent's values in `FIELDS` order: the first event sends these as arrays (no key
# repeated 10,000 times), and a poll compares them to find the changed fields.
type Row = tuple[Any, ...]
type Send = Callable[[str], None]

_FEEDS: HassKey[dict[int, TorrentFeed]] = HassKey(f"{DOMAIN}_torrent_feeds")


def torrent_row(sub_id: str, torrent: Torrent, held: str | None = None) -> Row:
    """What the panel's row of one torrent shows.

    `added`: Unix seconds, no date conversion; `held`: why a guard holds it (downloads/holds.py).
    """
    return (
        sub_id,
        torrent.hash,
        torrent.name,
        torrent.state,
        torrent.status.value,
        round(torrent.progress, 4),
        torrent.total_size,
        torrent.dlspeed,
        torrent.upspeed,
        torrent.eta,
        torrent.added_timestamp or None,
        held,
    )


class TorrentFeed:
    """The torrents of every qBittorrent of one loaded hub, shared by all subscribed panels.

    It listens to the coordinators only while someone is subscribed. After each poll it turns
    that qBittorrent's sync delta into changed fields of changed torrents and removals, encodes
    them once and sends the same text to every subscriber. A panel that subscribes gets the
    current rows (encoded once per poll, however many panels open meanwhile).
    """

    def __init__(self, hass: HomeAssistant, runtime: PandoraRuntime) -> None:
        self._hass = hass
        self._runtime = runtime
        self._rows: dict[str, dict[str, Row]] = {}  # subentry id -> hash -> row
        self._seen: dict[str, tuple[int, int]] = {}  # subentry id -> (id of data, syncs)
        self._unavailable: list[str] = []
        self._subscribers: dict[int, Send] = {}
        self._listeners: list[CALLBACK_TYPE] = []
        self._snapshot: str | None = None

    @classmethod
    @callback
    def of(cls, hass: HomeAssistant, runtime: PandoraRuntime) -> TorrentFeed:
        """The hub's feed (made on first use, dropped when its last subscriber leaves)."""
        feeds = hass.data.setdefault(_FEEDS, {})
        if (feed := feeds.get(id(runtime))) is None:
            feed = feeds[id(runtime)] = cls(hass, runtime)
        return feed

    @callback
    def subscribe(self, send: Send) -> CALLBACK_TYPE:
        """Send every torrent now, then the changes after each poll; returns the unsubscribe."""
        if not self._subscribers:
            for sub_id, coordinator in self._runtime.qbittorrent.items():
                self._listeners.append(
                    coordinator.async_add_listener(self._listener(sub_id, coordinator))
                )
                self._update(sub_id, coordinator)
        token = id(send)
        self._subscribers[token] = send
        send(self.snapshot())

        @callback
        def unsubscribe() -> None:
            if self._subscribers.pop(token, None) is not None and not self._subscribers:
                self._stop()

        return unsubscribe

    @callback
    def _stop(self) -> None:
        """Nobody listens: stop following the coordinators and forget the rows."""
        while self._listeners:
            self._listeners.pop()()
        self._rows.clear()
        self._seen.clear()
        self._snapshot = None
        feeds = self._hass.data.get(_FEEDS, {})
        if feeds.get(id(self._runtime)) is self:
            del feeds[id(self._runtime)]

    def snapshot(self) -> str:
        """Every torrent, as the first event (JSON)."""
        if self._snapshot is None:
            self._snapshot = json_dumps(
                {
                    "full": True,
                    "instances": {
                        sub_id: c.subentry.title for sub_id, c in self._runtime.qbittorrent.items()
                    },
                    "fields": FIELDS,
                    "rows": [row for rows in self._rows.values() for row in rows.values()],
                    "unavailable": self._unavailable,
                    "notices": self._notices(),
                }
            )
        return self._snapshot

    def _notices(self) -> dict[str, dict[str, Any]]:
        """Why guards hold each qBittorrent's torrents (downloads/holds.py), for the banners."""
        return {
            sub_id: notices
            for sub_id, c in self._runtime.qbittorrent.items()
            if (notices := c.holds.notices)
        }

    def _listener(self, sub_id: str, coordinator: QBittorrentCoordinator) -> CALLBACK_TYPE:
        @callback
        def updated() -> None:
            if payload := self._update(sub_id, coordinator):
                text = json_dumps(payload)
                for send in list(self._subscribers.values()):
                    send(text)

        return updated

    @callback
    def _update(self, sub_id: str, coordinator: QBittorrentCoordinator) -> dict[str, Any] | None:
        """Bring one qBittorrent's rows up to date; the changes event, or None when none."""
        changed: list[dict[str, Any]] = []
        removed: list[dict[str, str]] = []
        notices_changed = coordinator.holds.take_notices_changed()
        data = coordinator.data
        if coordinator.last_update_success and data is not None:
            rows = self._rows.setdefault(sub_id, {})
            seen = self._seen.get(sub_id)
            now = self._seen[sub_id] = (id(data), coordinator.syncs)
            delta = coordinator.last_delta
            holds = coordinator.holds
            # Rows whose hold changed are compared too, with or without a new sync.
            held_changes = holds.take_changes()
            hashes: Iterable[str]
            gone: Iterable[str]
            if seen is None:
                # The first look (a first panel subscribed): the rows, nothing to tell.
                rows.update(
                    (h, torrent_row(sub_id, t, holds.reason(h))) for h, t in data.torrents.items()
                )
                hashes, gone = (), ()
            elif seen == now:
                hashes, gone = held_changes, ()  # no new sync: availability or holds changed
            elif (
                delta is not None
                and not delta.full_update
                and seen == (id(data), coordinator.syncs - 1)
            ):
                hashes, gone = held_changes.union(delta.changed), delta.removed
            else:
                # A full update or a sync this feed did not see: compare everything.
                hashes, gone = data.torrents, [h for h in rows if h not in data.torrents]
            torrents = data.torrents
            for torrent_hash in hashes:
                if (torrent := torrents.get(torrent_hash)) is None:
                    continue
                new = torrent_row(sub_id, torrent, holds.reason(torrent_hash))
                if (old := rows.get(torrent_hash)) is None:
                    changed.append(dict(zip(FIELDS, new, strict=True)))
                elif new != old:
                    diff = {FIELDS[i]: v for i, v in enumerate(new) if v != old[i]}
                    changed.append({"instance": sub_id, "hash": torrent_hash} | diff)
                rows[torrent_hash] = new
            for torrent_hash in gone:
                if rows.pop(torrent_hash, None) is not None:
                    removed.append({"instance": sub_id, "hash": torrent_hash})
            unavailable = [u for u in self._unavailable if u != sub_id]
        else:
            # Keep showing what was last known rather than dropping the list.
            unavailable = [u for u in self._unavailable if u != sub_id] + [sub_id]
            unavailable.sort(key=list(self._runtime.qbittorrent).index)
        if not changed and not removed and unavailable == self._unavailable and not notices_changed:
            return None
        self._unavailable = unavailable
        self._snapshot = None
        payload: dict[str, Any] = {
            "full": False,
            "torrents": changed,
            "removed": removed,
            "unavailable": unavailable,
        }
        if notices_changed:
            payload["notices"] = self._notices()
        return payload
