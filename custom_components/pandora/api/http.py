"""The HTTP plumbing shared by the JSON/XML clients: one request, errors mapped, size bounded.

Clients keep their own auth and error semantics; this module only turns transport failures into
`CannotConnect`, bounds how much a service may send, and parses `Retry-After`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
import json
import socket
import time
from typing import Any

import aiohttp
from multidict import CIMultiDictProxy

from .errors import CannotConnect, ParseError

DEFAULT_MAX_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """A finished response: status, headers and the whole (bounded) body."""

    status: int
    headers: CIMultiDictProxy[str]
    body: bytes
    url: str

    def json(self) -> Any:
        """The body as JSON, or `ParseError`."""
        try:
            return json.loads(self.body)
        except ValueError as err:
            raise ParseError(f"{self.url} did not answer JSON") from err

    def text(self) -> str:
        """The body as text."""
        return self.body.decode(errors="replace")


def _size(count: int) -> str:
    return f"{count // 2**20} MiB" if count % 2**20 == 0 else f"{count} bytes"


async def read_bounded(resp: aiohttp.ClientResponse, max_bytes: int, what: str) -> bytes:
    """The whole body, or `ParseError` as soon as it passes `max_bytes` (what is kept is freed).

    `what` names the sender in the error ("qBittorrent (sync/maindata)", a scrubbed URL).
    """
    too_big = ParseError(f"{what} sent more than {_size(max_bytes)}")
    if resp.content_length is not None and resp.content_length > max_bytes:
        raise too_big  # said so up front: not a byte is read
    chunks: list[bytes] = []
    size = 0
    async for chunk in resp.content.iter_chunked(65536):
        size += len(chunk)
        if size > max_bytes:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def http_url(value: object) -> str | None:
    """`value` when it is an http(s) URL, else None.

    Services' links (where a title streams, Jellyfin's web app) end up in the panel's `href`s:
    a `javascript:` or `data:` link there would run in Home Assistant's origin.
    """
    if isinstance(value, str) and value[:8].lower().startswith(("http://", "https://")):
        return value
    return None


def scrub(text: str, secrets: Sequence[str | None]) -> str:
    """`text` with every (non-empty) secret replaced by `<redacted>`."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<redacted>")
    return text


@dataclass
class KeyedClient:
    """What the clients of API-key services share: where, which key, over which session."""

    url: str
    api_key: str = field(repr=False)
    session: aiohttp.ClientSession
    verify_ssl: bool = True
    request_timeout: float = 15.0

    def __post_init__(self) -> None:
        self.api_key = self.api_key.strip()

    def _scrub(self, text: str) -> str:
        return scrub(text, (self.api_key,))


async def fetch(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    *,
    params: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    json_body: Any = None,
    data: Any = None,
    request_timeout: float = 15.0,
    verify_ssl: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    secrets: Sequence[str] = (),
) -> HttpResponse:
    """Send one request and read the whole answer (at most `max_bytes`).

    `secrets` (API keys sent in the URL or headers) never appear in the errors raised here,
    nor in their chain: transport messages quote the URL.
    """
    if session.closed:
        raise CannotConnect("The HTTP session is closed")
    try:
        async with asyncio.timeout(request_timeout):
            async with session.request(
                method,
                url,
                params=params,
                headers=headers,
                json=json_body,
                data=data,
                ssl=verify_ssl,
                allow_redirects=False,
            ) as resp:
                body = await read_bounded(resp, max_bytes, scrub(url, secrets))
                return HttpResponse(resp.status, resp.headers, body, scrub(str(resp.url), secrets))
    except (aiohttp.ClientError, socket.gaierror, OSError) as err:  # TimeoutError is an OSError
        raise _unreachable(err, url, request_timeout, secrets) from (None if secrets else err)


def _unreachable(
    err: BaseException, url: str, timeout: float, secrets: Sequence[str]
) -> CannotConnect:
    """A transport failure as CannotConnect, the secrets scrubbed from its message."""
    if isinstance(err, TimeoutError):
        return CannotConnect(scrub(f"Timed out after {timeout:g} s waiting for {url}", secrets))
    return CannotConnect(scrub(f"Cannot reach {url}: {err}", secrets))


@asynccontextmanager
async def open_stream(
    session: aiohttp.ClientSession,
    url: str,
    *,
    method: str = "GET",
    headers: Mapping[str, str] | None = None,
    verify_ssl: bool = True,
    connect_timeout: float = 15.0,
    secrets: Sequence[str] = (),
) -> AsyncIterator[aiohttp.ClientResponse]:
    """Send a GET (or HEAD) and hand over the open response, for a body too big to hold.

    Only reaching the server and each read are bounded in time: the body takes as long as its
    reader (a player pausing pauses the reads, which aiohttp's read timeout allows for). The
    body is asked for as-is (no compression): its length and ranges are relayed unchanged.
    """
    if session.closed:
        raise CannotConnect("The HTTP session is closed")
    timeout = aiohttp.ClientTimeout(
        total=None,
        connect=connect_timeout,
        sock_connect=connect_timeout,
        sock_read=4 * connect_timeout,
    )
    try:
        resp = await session.request(
            method,
            url,
            headers={**(headers or {}), "Accept-Encoding": "identity"},
            ssl=verify_ssl,
            allow_redirects=False,
            auto_decompress=False,
            timeout=timeout,
        )
    except (aiohttp.ClientError, socket.gaierror, OSError) as err:
        raise _unreachable(err, url, connect_timeout, secrets) from (None if secrets else err)
    try:
        yield resp
    finally:
        resp.release()


def retry_after(headers: Mapping[str, str], default: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta seconds or an HTTP date)."""
    value = headers.get("Retry-After")
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except TypeError, ValueError:
        return default
