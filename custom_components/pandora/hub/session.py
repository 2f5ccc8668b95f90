"""HTTP sessions for Pandora's clients: Home Assistant's shared pool, without a cookie jar."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import aiohttp

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_create_clientsession


def create_session(
    hass: HomeAssistant, verify_ssl: bool, *, auto_cleanup: bool = True
) -> aiohttp.ClientSession:
    """An HA-managed session (shared connector) with no cookie jar.

    Pandora's clients send their session cookies explicitly; a shared jar would mix the cookies
    of several instances of one service on the same host.
    """
    return async_create_clientsession(
        hass, verify_ssl, auto_cleanup=auto_cleanup, cookie_jar=aiohttp.DummyCookieJar()
    )


@contextmanager
def temporary_session(hass: HomeAssistant, verify_ssl: bool) -> Iterator[aiohttp.ClientSession]:
    """A session for a one-off check (config flows); detached, never closing the shared pool."""
    session = create_session(hass, verify_ssl, auto_cleanup=False)
    try:
        yield session
    finally:
        session.detach()
