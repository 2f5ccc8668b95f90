"""Client errors (`api.errors`) as the translated Home Assistant errors people read."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from ..api.errors import (
    CannotConnect,
    InvalidAuth,
    IPBanned,
    NotFound,
    PandoraError,
    QuotaExceeded,
    RateLimited,
    TorrentRejected,
)
from ..api.http import redact
from ..const import DOMAIN


def safe_text(value: BaseException | str) -> str:
    """An error (or a message quoting one) fit for users, events and the log.

    The clients already redact what they raise; this is the second line for every text that
    reaches people: URLs cut to scheme://host/path, credentials and secret parameters masked.
    """
    return redact(str(value), urls=True)


def translated_error(err: PandoraError, name: str = "The service") -> HomeAssistantError:
    """The user-facing, translated form of a client error."""
    key = {
        CannotConnect: "cannot_connect",
        InvalidAuth: "invalid_auth",
        IPBanned: "ip_banned",
        RateLimited: "rate_limited",
        QuotaExceeded: "quota_exceeded",
        NotFound: "not_found",
        TorrentRejected: "torrent_rejected",
    }.get(type(err), "service_error")
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders={"error": safe_text(err), "name": name},
    )


async def call_service[T](func: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
    """Run a client call on behalf of a user action, turning client errors into HA errors."""
    try:
        return await func(*args, **kwargs)
    except PandoraError as err:
        raise translated_error(err) from err


def validation_error(key: str, **placeholders: str) -> ServiceValidationError:
    """A translated error about the caller's input."""
    return ServiceValidationError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )
