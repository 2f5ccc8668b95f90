"""Diagnostics for the Pandora hub, every secret redacted."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant

from .const import CONF_AUTO_APPROVE_USERS, CONF_USERS, CONF_WEB_URL
from .runtime import PandoraConfigEntry, PandoraRuntime

TO_REDACT = {
    CONF_PASSWORD,
    CONF_USERNAME,
    CONF_API_KEY,
    CONF_URL,
    "token",
    "unique_id",
    "title",
    "public_ip",
    CONF_AUTO_APPROVE_USERS,  # Home Assistant user ids
    CONF_USERS,  # Jellyfin: Home Assistant user -> Jellyfin user
    CONF_WEB_URL,
}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: PandoraConfigEntry
) -> dict[str, Any]:
    """What a bug report needs: options, services, versions and counts; no secrets."""
    runtime = entry.runtime_data
    services: list[dict[str, Any]] = []
    for subentry_id, subentry in entry.subentries.items():
        item: dict[str, Any] = {
            "subentry_id": subentry_id,
            "type": subentry.subentry_type,
            "title": subentry.title,
            "unique_id": subentry.unique_id,
            "data": dict(subentry.data),
        }
        if (coordinator := runtime.qbittorrent.get(subentry_id)) is not None:
            info = coordinator.client.info
            data = coordinator.data
            item["state"] = {
                "last_update_success": coordinator.last_update_success,
                "last_exception": repr(coordinator.last_exception)
                if coordinator.last_exception
                else None,
                "app_version": info.app_version if info else None,
                "api_version": ".".join(map(str, info.api_version)) if info else None,
                "rid": data.rid if data else None,
                "torrents": len(data.torrents) if data else None,
                "status_counts": {k.value: v for k, v in data.status_counts.items()}
                if data
                else None,
                "server_state": asdict(data.server_state) if data else None,
            }
        if (portainer := runtime.portainer.get(subentry_id)) is not None:
            state = portainer.state
            item["state"] = {
                "last_update_success": portainer.last_update_success,
                "version": state.version,
                "endpoints": {e.id: {"name": e.name, "up": e.up} for e in state.endpoints.values()},
                # Names, images and states only: no env, labels or logs (they hold secrets).
                "containers": {
                    key: {"image": c.image, "state": c.state, "health": c.health}
                    for key, c in state.containers.items()
                },
                "stacks": {
                    s.id: {"name": s.name, "active": s.active} for s in state.stacks.values()
                },
                "stats_wanted": len(portainer.stats_wanted),
            }
        if (gluetun := runtime.gluetun.get(subentry_id)) is not None:
            item["state"] = {
                "last_update_success": gluetun.last_update_success,
                "status": gluetun.state.status,
                "public_ip_country": gluetun.state.public_ip.country
                if gluetun.state.public_ip
                else None,
                "selected": gluetun.selected,
                "leaking": gluetun.leaking,
            }
        services.append(item)
    return async_redact_data(
        {
            "entry": {"options": dict(entry.options), "version": entry.version},
            "services": services,
            "history_events": len(runtime.history.events()),
            "cache": {
                "entries": len(runtime.cache),
                "hits": runtime.cache.hits,
                "misses": runtime.cache.misses,
            },
            "watchmode_quota": _watchmode_quota(runtime),
            "requests": _requests(runtime),
            "watchlists": runtime.watchlists.counts(),
            "library_titles": {key: len(c.state.titles) for key, c in runtime.jellyfin.items()},
        },
        TO_REDACT,
    )


def _requests(runtime: PandoraRuntime) -> dict[str, Any]:
    """Counts only: requests name household members and what they watch."""
    requests = runtime.requests.all()
    return {
        "total": len(requests),
        "counts": runtime.requests.counts(),
        "statuses": dict(Counter(r.status for r in requests)),
    }


def _watchmode_quota(runtime: PandoraRuntime) -> dict[str, int | None] | None:
    watchmode = runtime.discovery.watchmode if runtime.discovery else None
    if watchmode is None:
        return None
    return {"quota": watchmode.quota, "used": watchmode.quota_used}
