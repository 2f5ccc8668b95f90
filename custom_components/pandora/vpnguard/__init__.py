"""The VPN guard: a qBittorrent's downloads held while the gluetun it sits behind is down or leaks.

Sits above `downloads` and `containers` (it reads gluetun's health and pauses qBittorrent's
torrents); neither knows of it. The root starts the guards after the coordinators
(`async_start_vpn_guards`), and the panel shows their notices from the qBittorrents' holds.

This module is the package's face: other packages import only what it re-exports (import-linter's
protected contracts, pyproject.toml).

May import: the faces of `..downloads` and `..containers`; `..hub`, `..api`, `..const`.
"""

from .entities import add_entities
from .guard import CAUSE_DOWN, CAUSE_LEAK, GUARD_POLL, GuardStore, VpnGuard
from .setup import async_guard_store, async_start_vpn_guards

__all__ = [
    "CAUSE_DOWN",
    "CAUSE_LEAK",
    "GUARD_POLL",
    "GuardStore",
    "VpnGuard",
    "add_entities",
    "async_guard_store",
    "async_start_vpn_guards",
]
