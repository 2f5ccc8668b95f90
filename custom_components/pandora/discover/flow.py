"""The TMDB and Watchmode services' forms, connection tests and flows (one of each per hub)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import probatio as vol

from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import TextSelector

from ..const import (
    CONF_LANGUAGE,
    CONF_REGION,
    CONF_REGIONS,
    DEFAULT_TMDB_URL,
    DEFAULT_WATCHMODE_URL,
    SUBENTRY_TMDB,
    SUBENTRY_WATCHMODE,
)
from ..hub.flow import PASSWORD, URL, ServiceSpec, subentry_flow
from ..hub.session import temporary_session
from .discovery import tmdb_client, watchmode_client


async def _test_tmdb(hass: HomeAssistant, data: Mapping[str, Any]) -> None:
    with temporary_session(hass, True) as session:
        await tmdb_client(session, data).configuration()


async def _test_watchmode(hass: HomeAssistant, data: Mapping[str, Any]) -> None:
    with temporary_session(hass, True) as session:
        await watchmode_client(session, data).check()


def _tmdb_schema(hass: HomeAssistant) -> vol.Schema:
    language = hass.config.language or "en"
    country = hass.config.country
    return vol.Schema(
        {
            vol.Required(CONF_API_KEY): PASSWORD,
            vol.Optional(
                CONF_LANGUAGE, default=f"{language}-{country}" if country else language
            ): TextSelector(),
            vol.Optional(CONF_REGION, default=country or ""): TextSelector(),
            vol.Optional(CONF_URL, default=DEFAULT_TMDB_URL): URL,
        }
    )


def _watchmode_schema(hass: HomeAssistant) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required(CONF_API_KEY): PASSWORD,
            vol.Optional(CONF_REGIONS, default=hass.config.country or "US"): TextSelector(),
            vol.Optional(CONF_URL, default=DEFAULT_WATCHMODE_URL): URL,
        }
    )


TMDB = ServiceSpec(SUBENTRY_TMDB, _tmdb_schema, _test_tmdb, lambda _d: "TMDB", one_per_hub=True)
WATCHMODE = ServiceSpec(
    SUBENTRY_WATCHMODE, _watchmode_schema, _test_watchmode, lambda _d: "Watchmode", one_per_hub=True
)
SUBENTRY_FLOWS = {
    SUBENTRY_TMDB: subentry_flow(TMDB, "TMDB: discovery, search and details (one per hub)."),
    SUBENTRY_WATCHMODE: subentry_flow(WATCHMODE, "Watchmode: where a title streams (one per hub)."),
}
