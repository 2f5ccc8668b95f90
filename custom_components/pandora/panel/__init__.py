"""The panel: what the sidebar panel and conversation agents talk to.

Holds the panel and cards' registration, the websocket commands and their live feeds, and the
LLM API.

This module is the package's face: other packages import only what it re-exports (import-linter's
protected contracts, pyproject.toml).

May import: `..hub`, `..api`, `..const`, and the face of any feature.
"""

from .llm_api import async_register_llm_api
from .registration import async_register_panel, async_remove_panel
from .websocket import async_setup_websocket

__all__ = [
    "async_register_llm_api",
    "async_register_panel",
    "async_remove_panel",
    "async_setup_websocket",
]
