"""Small Home Assistant-side helpers shared by the services."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final, Protocol
import unicodedata

import aiohttp
from yarl import URL

from homeassistant.config_entries import ConfigSubentry
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.aiohttp_client import async_create_clientsession

from .api.errors import (
    CannotConnect,
    InvalidAuth,
    IPBanned,
    NotFound,
    PandoraError,
    QuotaExceeded,
    RateLimited,
    TorrentRejected,
)
from .api.http import redact
from .const import DOMAIN

if TYPE_CHECKING:
    from .runtime import PandoraConfigEntry


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


# The names of this machine's own loopback address. Other 127.x addresses and `*.localhost`
# stay apart: a service can listen on 127.0.0.2 alone, and reverse proxies route by name.
_LOOPBACK: Final = frozenset({"localhost", "localhost.", "127.0.0.1", "::1", "::ffff:127.0.0.1"})


def url_key(url: str) -> str:
    """What tells services apart by their address: one key for every spelling of one URL.

    On top of `normalize_url` (case, default port, trailing slash): the loopback aliases are one
    host and a login is no part of it. No other name is resolved, and the path is kept (a
    reverse proxy serves different services under different paths).
    Raises ValueError when it is not an absolute http(s) URL.
    """
    parsed = URL(normalize_url(url)).with_user(None)
    if parsed.host in _LOOPBACK:
        parsed = parsed.with_host("127.0.0.1")
    return str(parsed).rstrip("/")


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


def split_list(value: str, *, upper: bool = False) -> list[str]:
    """Comma- or space-separated items, trimmed, without empties or repeats."""
    items = (v.strip() for v in value.replace(",", " ").split())
    return list(dict.fromkeys(v.upper() if upper else v for v in items if v))


def split_countries(value: str) -> list[str]:
    """Comma-separated names that may hold spaces ("United Kingdom"), trimmed, no repeats."""
    return list(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))


# gluetun's server lists spell countries with letters, spaces, hyphens ("Guinea-Bissau") and
# apostrophes ("Cote d'Ivoire"). Nothing else passes: the name is written into the stack's
# environment, where a newline would start another variable.
_COUNTRY_PUNCTUATION: Final = frozenset(" -'’")
MAX_COUNTRY_LENGTH: Final = 64


def valid_country(name: str) -> bool:
    """Whether `name` can be a gluetun country: letters (any script), spaces, - and '."""
    return (
        0 < len(name) <= MAX_COUNTRY_LENGTH
        and name[0].isalpha()
        and all(
            char.isalpha()
            or char in _COUNTRY_PUNCTUATION
            or unicodedata.category(char) == "Mn"  # a combining accent ("Côte")
            for char in name
        )
    )


def validation_error(key: str, **placeholders: str) -> ServiceValidationError:
    """A translated error about the caller's input."""
    return ServiceValidationError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


def loaded_entry(hass: HomeAssistant) -> PandoraConfigEntry:
    """The loaded Pandora hub, or a translated error."""
    entries: list[PandoraConfigEntry] = hass.config_entries.async_loaded_entries(DOMAIN)
    if not entries:
        raise validation_error("not_loaded")
    return entries[0]


class _OfSubentry(Protocol):
    @property
    def subentry(self) -> ConfigSubentry: ...


def find_instance[T: _OfSubentry](
    hass: HomeAssistant, services: Mapping[str, T], instance: str
) -> T:
    """The service an action names: by subentry id, title or device id; else a clear error."""
    device = dr.async_get(hass).async_get(instance)
    for subentry_id, service in services.items():
        if instance in (subentry_id, service.subentry.title) or (
            device is not None and (DOMAIN, subentry_id) in device.identifiers
        ):
            return service
    raise validation_error("unknown_instance", instance=instance)


def targets[T: _OfSubentry](
    hass: HomeAssistant, services: Mapping[str, T], instance: str | None, missing: str
) -> list[T]:
    """The services of one kind an action targets: the named one, or all of them.

    `missing` is the error's translation key when none of that kind is configured.
    """
    if not services:
        raise validation_error(missing)
    if instance is None:
        return list(services.values())
    return [find_instance(hass, services, instance)]


def one_target[T: _OfSubentry](
    hass: HomeAssistant, services: Mapping[str, T], instance: str | None, missing: str
) -> T:
    """The one service an action acts on: the named one, or the only one configured."""
    found = targets(hass, services, instance, missing)
    if len(found) > 1:
        titles = ", ".join(service.subentry.title for service in found)
        raise validation_error("instance_required", instances=titles)
    return found[0]
