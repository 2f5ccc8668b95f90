"""The HTTP plumbing shared by the JSON/XML clients: one request, errors mapped, size bounded.

Clients keep their own auth semantics; this module turns transport failures into `CannotConnect`,
bounds how much a service may send, decodes JSON answers (`HttpResponse.json`, `decode_json`),
maps the statuses every service means alike to errors (`status_error`) and parses `Retry-After`.

It is also the one place where text is made fit to show: API keys travel in URLs (Jackett's
`/dl/` links, TMDB, Watchmode) and headers, and error texts end up in notifications, events and
the log. Errors raised here only ever name `safe_url(url)` and `redact`ed exception texts, and
never chain the transport error (its text, or its own chain, may quote the whole URL).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
import html
import json
import re
import socket
import time
from typing import Any, Final
from urllib.parse import quote, quote_plus

import aiohttp
from multidict import CIMultiDictProxy

from .errors import (
    CannotConnect,
    NotFound,
    PandoraError,
    ParseError,
    RateLimited,
    ServerError,
    ServiceError,
)

DEFAULT_MAX_BYTES = 8 * 1024 * 1024
REDACTED: Final = "<redacted>"

# scheme://[userinfo@]host[:port] then the path, up to the query or fragment.
_URL_PARTS: Final = re.compile(r"(?is)^([a-z][a-z0-9+.-]*://)(?:[^/?#]*@)?([^/?#]*)([^?#]*)")
# A URL in prose: punctuation after it is the sentence's, not the URL's.
_URL_IN_TEXT: Final = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://[^\s\"'<>]*[^\s\"'<>.,;:!?)\]]")
_USERINFO: Final = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s\"'<>]*@")
# Query parameters, form fields and header echoes that carry credentials, by any service's name.
_SECRET_PARAM: Final = re.compile(
    r"(?i)\b((?:jackett_)?api_?key|x-api-key|key|passkey|access_token|auth_?token|token|"
    r"password|passwd|pwd|pass|secret|authsig|sid)=(?:\"[^\"]*\"|[^&\s\"'<>]+)"
)
_AUTH_HEADER: Final = re.compile(r"\b(Bearer|Basic) [A-Za-z0-9._~+/-]{16,}=*")
_HTML: Final = re.compile(r"(?i)<(?:!doctype\s+html|html)[\s>]")
_TITLE: Final = re.compile(r"(?is)<title[^>]*>(.*?)</title")
_SCRIPT: Final = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")
_TAG: Final = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """A finished response: status, headers and the whole (bounded) body."""

    status: int
    headers: CIMultiDictProxy[str]
    body: bytes
    url: str

    def json(self, service: str | None = None, path: str | None = None) -> Any:
        """The body as JSON, or `ParseError` naming the service and path (or else the URL)."""
        if service is None:
            return decode_json(self.body, f"{self.url} did not answer JSON")
        return decode_json(self.body, f"{service} sent invalid JSON for {path}")

    def details(self) -> Any:
        """The body as JSON when it is some (an error answer's details), else None."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def text(self) -> str:
        """The body as text."""
        return self.body.decode(errors="replace")

    def reason(self, limit: int | None = 200) -> str:
        """The body as an error message quotes it: at most `limit` characters (None: all).

        An HTML page (a reverse proxy's error page, a login form in front of the service) is
        named by its title instead: its markup would make the log line unreadable.
        """
        text = self.text().strip()
        content_type = self.headers.get("Content-Type", "").lower()
        if content_type.startswith("text/html") or _HTML.match(text):
            title = _TITLE.search(text)
            words = title.group(1) if title else _TAG.sub(" ", _SCRIPT.sub(" ", text))
            name = " ".join(html.unescape(words).split())[:80]
            return f"an HTML page ({name})" if name else "an HTML page"
        return text[:limit]


def decode_json(body: bytes | str, invalid: str) -> Any:
    """`body` as JSON, or `ParseError(invalid)`."""
    try:
        return json.loads(body)
    except ValueError as err:
        raise ParseError(invalid) from err


def status_error(
    resp: HttpResponse, service: str, path: str, details: str, *, server_error: bool = True
) -> PandoraError:
    """The error of a refused request whose status means the same from every service.

    A client maps what is its own first (refused credentials, its quirks), then this: 404 →
    `NotFound`, 429 → `RateLimited` (with `Retry-After`), a redirect (the URL is wrong: behind a
    login page, http → https), and any other status → `ServerError` for 5xx when the service's
    5xx are worth retrying (`server_error`), else `ServiceError`. `details` is the answer's
    reason, already scrubbed.
    """
    suffix = f": {details}" if details else ""
    status = resp.status
    if status == 404:
        return NotFound(f"{service} does not know {path}{suffix}")
    if status == 429:
        return RateLimited(
            f"{service} (or its proxy) is rate limiting requests{suffix}",
            retry_after=retry_after(resp.headers),
        )
    if 300 <= status < 400:
        return ServiceError(f"{service} redirected {path} (HTTP {status}); check the URL")
    error = ServerError if server_error and status >= 500 else ServiceError
    return error(f"{service} answered {status} to {path}{suffix}")


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


def safe_url(url: object) -> str:
    """`scheme://host[:port]/path` of a URL: no credentials, query (API keys) or fragment."""
    text = str(url)
    if (parts := _URL_PARTS.match(text)) is None:  # not absolute: keep the path only
        return re.split(r"[?#]", text, maxsplit=1)[0]
    return "".join(parts.groups())


def redact(text: str, secrets: Iterable[str | None] = (), *, urls: bool = False) -> str:
    """`text` fit to show, every secret in it replaced by `<redacted>`.

    Masked: the given secrets (also percent-encoded), credentials in URLs, secret query
    parameters and Authorization values. With `urls`, every URL is also cut to its `safe_url`
    (a query may hold a secret under a name nobody knows).
    """
    for secret in secrets:
        if secret:
            for form in (secret, quote(secret, safe=""), quote_plus(secret)):
                text = text.replace(form, REDACTED)
    if urls:
        text = _URL_IN_TEXT.sub(lambda found: safe_url(found.group()), text)
    text = _USERINFO.sub(rf"\1{REDACTED}@", text)
    text = _SECRET_PARAM.sub(rf"\1={REDACTED}", text)
    return _AUTH_HEADER.sub(rf"\1 {REDACTED}", text)


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
        return redact(text, (self.api_key,))


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
    secrets: Sequence[str | None] = (),
) -> HttpResponse:
    """Send one request and read the whole answer (at most `max_bytes`).

    Errors raised here and `HttpResponse.url` name the URL's safe form only, with `secrets`
    (API keys sent in the path or headers) redacted too.
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
                where = redact(safe_url(url), secrets)
                body = await read_bounded(resp, max_bytes, where)
                return HttpResponse(
                    resp.status, resp.headers, body, redact(safe_url(resp.url), secrets)
                )
    except (aiohttp.ClientError, socket.gaierror, OSError) as err:  # TimeoutError is an OSError
        failure = _unreachable(err, url, request_timeout, secrets)
    raise failure  # outside the handler: no cause, no context


def _unreachable(
    err: BaseException, url: str, timeout: float, secrets: Sequence[str | None]
) -> CannotConnect:
    """A transport failure as CannotConnect; aiohttp's texts may quote the whole URL."""
    where = safe_url(url)
    if isinstance(err, TimeoutError):
        return CannotConnect(redact(f"Timed out after {timeout:g} s waiting for {where}", secrets))
    return CannotConnect(redact(f"Cannot reach {where}: {err}", secrets, urls=True))


@asynccontextmanager
async def open_stream(
    session: aiohttp.ClientSession,
    url: str,
    *,
    method: str = "GET",
    headers: Mapping[str, str] | None = None,
    verify_ssl: bool = True,
    connect_timeout: float = 15.0,
    secrets: Sequence[str | None] = (),
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
    failure: CannotConnect | None = None
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
        failure = _unreachable(err, url, connect_timeout, secrets)
    if failure is not None:
        raise failure  # outside the handler: no cause, no context
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
