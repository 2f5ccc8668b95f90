"""Requests: what the household asked for, from request to library.

Holds the request queue, the request pipeline (search, download, import), its notifications,
the requests device's entities and the request actions.

This module is the package's face: other packages import only what it re-exports (import-linter's
protected contracts, pyproject.toml).

May import: `..hub`, `..api`, `..const`, and the faces of `..downloads`, `..files` and `..discover`.
"""

from .actions import SERVICE_REQUEST_MEDIA, async_setup_request_actions, request_dicts, visible
from .entities import add_entities, requests_device_id
from .notify import RequestNotifier
from .pipeline import RequestPipeline
from .queue import (
    EVENT_REQUEST_PREFIX,
    REQUEST_EVENT_TYPES,
    SIGNAL_REQUEST_CHANGED,
    MediaRequest,
    RequestQueue,
    async_requests,
    request_settings,
)

__all__ = [
    "EVENT_REQUEST_PREFIX",
    "REQUEST_EVENT_TYPES",
    "SERVICE_REQUEST_MEDIA",
    "SIGNAL_REQUEST_CHANGED",
    "MediaRequest",
    "RequestNotifier",
    "RequestPipeline",
    "RequestQueue",
    "add_entities",
    "async_requests",
    "async_setup_request_actions",
    "request_dicts",
    "request_settings",
    "requests_device_id",
    "visible",
]
