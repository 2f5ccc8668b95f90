"""Small Home Assistant-side helpers shared by the services."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import aiohttp
from yarl import URL

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.aiohttp_client import async_create_clientsession

from .api.errors import (
    CannotConnect,
    InvalidAuth,
    IPBanned,
    PandoraError,
    RateLimited,
    TorrentRejected,
)
from .const import DOMAIN


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


def normalize_url(url: str) -> str:
    """Canonical form of a service URL: lower-case scheme and host, no trailing slash.

    Raises ValueError when it is not an absolute http(s) URL.
    """
    parsed = URL(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError(url)
    parsed = parsed.with_scheme(parsed.scheme.lower()).with_host(parsed.host.lower())
    parsed = parsed.with_query(None).with_fragment(None)
    return str(parsed).rstrip("/")


def translated_error(err: PandoraError) -> HomeAssistantError:
    """The user-facing, translated form of a client error."""
    key = {
        CannotConnect: "cannot_connect",
        InvalidAuth: "invalid_auth",
        IPBanned: "ip_banned",
        RateLimited: "rate_limited",
        TorrentRejected: "torrent_rejected",
    }.get(type(err), "service_error")
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders={"error": str(err)},
    )


async def call_service[T](func: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
    """Run a client call on behalf of a user action, turning client errors into HA errors."""
    try:
        return await func(*args, **kwargs)
    except PandoraError as err:
        raise translated_error(err) from err
