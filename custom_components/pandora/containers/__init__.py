"""Containers: Portainer and gluetun.

Holds the Portainer and gluetun coordinators (and their client factories), the container and VPN
entities, the container actions and the Portainer and gluetun subentry flows.

This module is the package's face: other packages import only what it re-exports (import-linter's
protected contracts, pyproject.toml).

May import: `..hub`, `..api`, `..const`; no other feature.
"""

from .actions import async_setup_container_actions
from .entities import add_entities
from .flow import SUBENTRY_FLOWS
from .gluetun import GluetunCoordinator
from .portainer import PortainerCoordinator

__all__ = [
    "SUBENTRY_FLOWS",
    "GluetunCoordinator",
    "PortainerCoordinator",
    "add_entities",
    "async_setup_container_actions",
]
