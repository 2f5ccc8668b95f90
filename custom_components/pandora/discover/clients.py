"""The TMDB and Watchmode clients for a subentry's data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.const import CONF_API_KEY, CONF_URL

from ..api.tmdb import TmdbClient
from ..api.watchmode import WatchmodeClient
from ..const import (
    CONF_LANGUAGE,
    CONF_REGION,
    CONF_REGIONS,
    DEFAULT_TMDB_URL,
    DEFAULT_WATCHMODE_URL,
)
from ..hub.forms import split_list


def tmdb_client(session: Any, data: Mapping[str, Any]) -> TmdbClient:
    """A TMDB client for subentry data."""
    return TmdbClient(
        session=session,
        api_key=data[CONF_API_KEY],
        language=data.get(CONF_LANGUAGE) or "en-US",
        region=data.get(CONF_REGION) or None,
        base_url=data.get(CONF_URL) or DEFAULT_TMDB_URL,
    )


def watchmode_client(session: Any, data: Mapping[str, Any]) -> WatchmodeClient:
    """A Watchmode client for subentry data."""
    return WatchmodeClient(
        session=session,
        api_key=data[CONF_API_KEY],
        base_url=data.get(CONF_URL) or DEFAULT_WATCHMODE_URL,
        regions=tuple(split_list(data.get(CONF_REGIONS) or "US", upper=True)),
    )
