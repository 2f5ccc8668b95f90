"""What people type in forms and actions: service URLs and their keys, lists of values."""

from __future__ import annotations

from typing import Final

from yarl import URL


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


def split_list(value: str, *, upper: bool = False) -> list[str]:
    """Comma- or space-separated items, trimmed, without empties or repeats."""
    items = (v.strip() for v in value.replace(",", " ").split())
    return list(dict.fromkeys(v.upper() if upper else v for v in items if v))
