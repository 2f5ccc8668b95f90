"""One VPN guard per qBittorrent whose `vpn_guard` option names a gluetun (or that was held)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
import logging

from homeassistant.core import HomeAssistant
from homeassistant.util.hass_dict import HassKey

from ..const import CONF_VPN_GUARD, DOMAIN
from ..containers import GluetunCoordinator
from ..downloads import HOLD_VPN, QBittorrentCoordinator
from ..hub.stores import read_once
from .guard import GuardStore, TaskStarter, VpnGuard

_LOGGER = logging.getLogger(__name__)

_STORE: HassKey[asyncio.Task[GuardStore]] = HassKey(f"{DOMAIN}_vpn_guard_store")


async def async_guard_store(hass: HomeAssistant) -> GuardStore:
    """What the guards hold: one copy per run, outliving reloads of the hub."""
    return await read_once(hass, _STORE, lambda: GuardStore(hass), "vpn guard")


async def async_start_vpn_guards(
    hass: HomeAssistant,
    *,
    qbittorrent: Mapping[str, QBittorrentCoordinator],
    gluetun: Mapping[str, GluetunCoordinator],
    create_task: TaskStarter,
) -> dict[str, VpnGuard]:
    """Start the guards; the caller stops them (`VpnGuard.async_stop`) when the hub unloads.

    A qBittorrent still held with no guard any more (the option cleared, its gluetun deleted)
    gets one that only releases what it holds.
    """
    store = await async_guard_store(hass)
    guards: dict[str, VpnGuard] = {}
    for sub_id, coordinator in qbittorrent.items():
        gluetun_id = coordinator.subentry.data.get(CONF_VPN_GUARD) or ""
        behind = gluetun.get(gluetun_id)
        if gluetun_id and behind is None:
            _LOGGER.warning(
                "%s: the gluetun its VPN guard follows is gone; the guard is off",
                coordinator.subentry.title,
            )
        if behind is None and sub_id not in store.data:
            # Holds are also saved with the torrent history: one the guard's own record does
            # not confirm (a crash between the two saves) is stale.
            if coordinator.holds.release(HOLD_VPN):
                coordinator.async_update_listeners()
            continue
        guard = guards[sub_id] = VpnGuard(hass, coordinator, behind, store, create_task)
        guard.async_start()
    # A removed qBittorrent's hold goes with it.
    for sub_id in [s for s in store.data if s not in qbittorrent]:
        await store.async_put(sub_id, None)
    return guards
