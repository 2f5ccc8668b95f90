"""What the panel's library and containers subscriptions push: small, complete snapshots.

These lists are short (libraries, containers), so each push is the whole state; the websocket
layer sends it only when it differs from the previous one.
"""

from __future__ import annotations

from typing import Any

from .coordinator.gluetun import GluetunCoordinator
from .coordinator.jellyfin import JellyfinCoordinator
from .coordinator.portainer import PortainerCoordinator
from .runtime import PandoraRuntime


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
