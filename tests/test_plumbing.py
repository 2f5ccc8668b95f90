"""Shared plumbing: the persistent response cache, the HTTP helper, fetching .torrent files."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
import time
from typing import Any
from urllib.parse import quote, quote_plus

import aiohttp
from aiohttp import web
from multidict import CIMultiDict, CIMultiDictProxy
import pytest
from yarl import URL

from custom_components.pandora.api.errors import CannotConnect, ParseError, ServiceError
from custom_components.pandora.api.http import (
    REDACTED,
    HttpResponse,
    fetch,
    http_url,
    open_stream,
    redact,
    retry_after,
    safe_url,
)
from custom_components.pandora.containers.gluetun import valid_country
from custom_components.pandora.downloads.search import fetch_torrent
from custom_components.pandora.hub.cache import ResponseCache
from custom_components.pandora.hub.forms import split_list
from devtools.simulators import LOGIN_PAGE, NGINX_502
from homeassistant.core import HomeAssistant

# --- cache -------------------------------------------------------------------------------------


async def test_cache_hits_misses_and_expiry(hass: HomeAssistant) -> None:
    cache = ResponseCache(hass, key="pandora.test_cache")
    await cache.async_load()
    calls = 0

    async def fetch_value() -> dict[str, Any]:
        nonlocal calls
        calls += 1
        return {"n": calls}

    assert await cache.get_or_fetch("a", 60, fetch_value) == {"n": 1}
    assert await cache.get_or_fetch("a", 60, fetch_value) == {"n": 1}
    assert (cache.hits, cache.misses) == (1, 1)
    cache.set("old", [1], ttl=-1)  # already expired
    assert cache.get("old") is None
    assert cache.get("missing") is None
    assert cache.get("a") == {"n": 1}
    cache.invalidate("a")
    assert cache.get("a") is None
    assert await cache.get_or_fetch("a", 60, fetch_value) == {"n": 2}


async def test_cache_shares_one_fetch_and_its_failure(hass: HomeAssistant) -> None:
    cache = ResponseCache(None)
    started = asyncio.Event()
    release = asyncio.Event()
    calls = 0

    async def slow() -> str:
        nonlocal calls
        calls += 1
        started.set()
        await release.wait()
        return "value"

    first = asyncio.create_task(cache.get_or_fetch("k", 60, slow))
    await started.wait()
    second = asyncio.create_task(cache.get_or_fetch("k", 60, slow))
    await asyncio.sleep(0)
    release.set()
    assert await first == await second == "value"
    assert calls == 1

    async def broken() -> str:
        await asyncio.sleep(0.01)
        raise ServiceError("down")

    failing = [asyncio.create_task(cache.get_or_fetch("b", 60, broken)) for _ in range(2)]
    results = await asyncio.gather(*failing, return_exceptions=True)
    assert all(isinstance(r, ServiceError) for r in results)
    assert cache.get("b") is None  # failures are not cached

    blocked = asyncio.create_task(cache.get_or_fetch("c", 60, asyncio.Event().wait))
    await asyncio.sleep(0.01)
    blocked.cancel()
    with pytest.raises(asyncio.CancelledError):
        await blocked
    assert await cache.get_or_fetch("c", 60, slow) == "value"  # a cancelled fetch leaves no trace


async def test_cache_persists_and_evicts(hass: HomeAssistant) -> None:
    cache = ResponseCache(hass, key="pandora.test_cache2", max_entries=3)
    await cache.async_load()
    for i in range(5):
        cache.set(f"k{i}", i, ttl=60)
    cache.set("expired", 0, ttl=-1)
    assert len(cache) == 3
    await cache.async_flush()

    again = ResponseCache(hass, key="pandora.test_cache2")
    await again.async_load()
    assert [again.get(f"k{i}") for i in range(5)] == [None, None, None, 3, 4]
    assert again.get("expired") is None


# --- HTTP helper ---------------------------------------------------------------------------------


def test_retry_after_forms() -> None:
    assert retry_after({"Retry-After": "7"}) == 7.0
    assert retry_after({"Retry-After": "-3"}) == 0.0
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 < (retry_after({"Retry-After": soon}) or 0) <= 30
    assert retry_after({"Retry-After": "soon"}, default=5.0) == 5.0
    assert retry_after({}, default=2.0) == 2.0


def test_safe_url_keeps_only_scheme_host_port_and_path() -> None:
    assert safe_url("https://u:p@Host:8443/sub/dl/x/?jackett_apikey=k#top") == (
        "https://Host:8443/sub/dl/x/"
    )
    assert safe_url("http://user:p@ss@host?token=t") == "http://host"  # "@" in the password
    assert safe_url(URL("http://host/a%20b?apiKey=k")) == "http://host/a%20b"
    assert safe_url("/relative/path?api_key=k#f") == "/relative/path"
    assert safe_url("http://host:8080") == "http://host:8080"


def test_redact_masks_every_form_of_a_secret() -> None:
    key = "s3cr3t/+key="
    text = f"raw {key} quoted {quote(key, safe='')} plus {quote_plus(key)}"
    assert redact(text, [key, None, ""]) == f"raw {REDACTED} quoted {REDACTED} plus {REDACTED}"
    # Known parameter names, whatever the service: values masked, the rest of the URL kept.
    assert redact('GET /x?t=search&apiKey=1&X-Api-Key=2&Token="3"&passkey=4&q=a') == (
        f"GET /x?t=search&apiKey={REDACTED}&X-Api-Key={REDACTED}&Token={REDACTED}"
        f"&passkey={REDACTED}&q=a"
    )
    assert (
        redact("proxy said http://admin:hunter2@host/x") == f"proxy said http://{REDACTED}@host/x"
    )
    assert redact("echo Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc") == (
        f"echo Authorization: Bearer {REDACTED}"
    )
    assert redact("basic auth role, Basic short") == "basic auth role, Basic short"
    # With `urls`, a query is dropped whatever its names.
    assert redact("see http://h:1/dl/x/?rsskey=k&file=f, then", urls=True) == (
        "see http://h:1/dl/x/, then"
    )
    once = redact(f"apikey=k http://u:p@h/?token=t {key}", [key])
    assert redact(once, [key]) == once  # redacting twice changes nothing


def test_split_list() -> None:
    assert split_list(" a, b  c,,a ") == ["a", "b", "c"]
    assert split_list("us gb,US", upper=True) == ["US", "GB"]
    assert split_list("") == []


@pytest.fixture
async def server() -> AsyncIterator[str]:
    """A tiny server with the odd answers the helpers must survive."""

    async def big(_request: web.Request) -> web.Response:
        return web.Response(body=b"x" * 100_000)

    async def not_json(_request: web.Request) -> web.Response:
        return web.Response(text="<html>")

    async def slow(_request: web.Request) -> web.Response:
        await asyncio.sleep(2)
        return web.Response(text="late")

    async def torrent(_request: web.Request) -> web.Response:
        return web.Response(body=b"d8:announce0:e")

    async def to_magnet(_request: web.Request) -> web.Response:
        raise web.HTTPFound("magnet:?xt=urn:btih:" + "a" * 40)

    async def to_torrent(_request: web.Request) -> web.Response:
        raise web.HTTPFound("/torrent")

    async def loop(_request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop")

    async def html(_request: web.Request) -> web.Response:
        return web.Response(text="<html>login</html>")

    async def gone(_request: web.Request) -> web.Response:
        raise web.HTTPNotFound

    app = web.Application()
    for path, handler in {
        "/big": big,
        "/not-json": not_json,
        "/slow": slow,
        "/torrent": torrent,
        "/to-magnet": to_magnet,
        "/to-torrent": to_torrent,
        "/loop": loop,
        "/html": html,
        "/gone": gone,
    }.items():
        app.router.add_get(path, handler)
    runner = web.AppRunner(app, handler_cancellation=True)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


@pytest.mark.parametrize(
    "name",
    [
        "Netherlands",
        "United Kingdom",
        "Cote d'Ivoire",
        "Lao People's Democratic Republic",
        "Guinea-Bissau",
        "Côte d’Ivoire",
        "Co\u0302te d'Ivoire",  # decomposed accent
        "Österreich",
        "日本",
    ],
)
def test_valid_country_takes_gluetun_names(name: str) -> None:
    assert valid_country(name)


@pytest.mark.parametrize(
    "name",
    [
        "",
        "Germany\nPUID=0",
        "Germany\r",
        "Germany\x00",
        "Germany\t",
        "Netherlands=1",
        "${HOME}",
        "Bad$name",
        '"Sweden"',
        "Sweden # comment",
        "'Sweden",
        "-Sweden",
        " Sweden",
        "Area 51",
        "x" * 65,
    ],
)
def test_valid_country_refuses_anything_else(name: str) -> None:
    assert not valid_country(name)


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("https://tv.apple.com/watch/1", True),
        ("HTTP://Example.org", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//evil.example.org", False),
        ("/relative/path", False),
        ("", False),
        (None, False),
        (42, False),
    ],
)
def test_http_url_keeps_only_http_links(value: object, kept: bool) -> None:
    assert http_url(value) == (value if kept else None)


async def test_fetch_limits_and_errors(server: str) -> None:
    async with aiohttp.ClientSession() as session:
        with pytest.raises(ParseError, match="more than"):
            await fetch(session, "GET", f"{server}/big", max_bytes=1000)
        with pytest.raises(ParseError, match="JSON"):
            (await fetch(session, "GET", f"{server}/not-json")).json()
        assert (await fetch(session, "GET", f"{server}/not-json")).text() == "<html>"
        started = time.monotonic()
        with pytest.raises(CannotConnect, match="Timed out"):
            await fetch(session, "GET", f"{server}/slow", request_timeout=0.2)
        assert time.monotonic() - started < 1.5
        with pytest.raises(CannotConnect, match="Cannot reach"):
            await fetch(session, "GET", "http://127.0.0.1:9/")
    with pytest.raises(CannotConnect, match="closed"):
        await fetch(session, "GET", f"{server}/big")


async def test_fetch_torrent(server: str) -> None:
    async with aiohttp.ClientSession() as session:
        assert await fetch_torrent(session, f"{server}/torrent") == (b"d8:announce0:e", None)
        assert await fetch_torrent(session, f"{server}/to-torrent") == (b"d8:announce0:e", None)
        content, magnet = await fetch_torrent(session, f"{server}/to-magnet")
        assert content is None
        assert magnet == "magnet:?xt=urn:btih:" + "a" * 40
        with pytest.raises(ServiceError, match="too many redirects"):
            await fetch_torrent(session, f"{server}/loop")
        with pytest.raises(ServiceError, match="did not send a torrent"):
            await fetch_torrent(session, f"{server}/html")
        with pytest.raises(ServiceError, match="404"):
            await fetch_torrent(session, f"{server}/gone")
        with pytest.raises(CannotConnect) as err:
            await fetch_torrent(session, "http://127.0.0.1:9/dl/x?jackett_apikey=secret")
        assert "secret" not in str(err.value)
        assert err.value.__cause__ is None


def _chain(err: BaseException) -> list[BaseException]:
    """An exception and every exception behind it (cause or context)."""
    found: list[BaseException] = []
    current: BaseException | None = err
    while current is not None and current not in found:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found


@pytest.mark.parametrize(
    ("path", "kwargs", "error"),
    [
        ("/big", {"max_bytes": 1000}, ParseError),  # Jackett's /dl/ answering too much
        ("/slow", {"request_timeout": 0.2}, CannotConnect),
        (":99999/x", {}, CannotConnect),  # InvalidURL: aiohttp's text is the whole URL
    ],
)
async def test_fetch_errors_never_carry_the_url_query(
    server: str, path: str, kwargs: dict[str, Any], error: type[Exception]
) -> None:
    """Whatever the failure, the error names scheme://host/path only and chains nothing."""
    url = f"{server}{path}?jackett_apikey=KEYINQUERY&rsskey=OTHERKEY"
    if path.startswith(":"):
        url = f"http://127.0.0.1{path}?jackett_apikey=KEYINQUERY&rsskey=OTHERKEY"
    async with aiohttp.ClientSession() as session:
        with pytest.raises(error) as err:
            await fetch(session, "GET", url, secrets=["unused"], **kwargs)
    assert url.split("?")[0] in str(err.value)
    assert _chain(err.value) == [err.value]
    assert "KEYINQUERY" not in str(err.value) and "OTHERKEY" not in str(err.value)


async def test_fetch_names_the_safe_url(server: str) -> None:
    async with aiohttp.ClientSession() as session:
        resp = await fetch(session, "GET", f"{server}/not-json", params={"apikey": "QKEY"})
        assert resp.url == f"{server}/not-json"
        with pytest.raises(ParseError) as err:
            resp.json()
        assert "QKEY" not in str(err.value)
        with pytest.raises(CannotConnect) as unreachable:
            await fetch(session, "GET", "http://127.0.0.1:9/PATHKEY/x", secrets=["PATHKEY"])
        assert str(unreachable.value).startswith(f"Cannot reach http://127.0.0.1:9/{REDACTED}/x:")


async def test_open_stream_errors_never_carry_the_url(server: str) -> None:
    async with aiohttp.ClientSession() as session:
        async with open_stream(session, f"{server}/torrent?api_key=K") as resp:
            assert await resp.read() == b"d8:announce0:e"
        url = "http://127.0.0.1:99999/Videos/1/stream?static=true&api_key=STREAMKEY"
        with pytest.raises(CannotConnect) as err:
            async with open_stream(session, url):
                pass  # pragma: no cover - never opened
    assert "STREAMKEY" not in str(err.value)
    assert _chain(err.value) == [err.value]


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (NGINX_502, "text/html", "an HTML page (502 Bad Gateway)"),
        (LOGIN_PAGE, "text/html; charset=utf-8", "an HTML page (Sign in)"),
        (
            "<html>Service <b>Unavailable</b></html>",
            "text/plain",
            "an HTML page (Service Unavailable)",
        ),
        ("<!DOCTYPE html><script>x()</script><p>", "", "an HTML page"),
        ("  Error processing request.\n", "text/plain", "Error processing request."),
        (
            '{"message":"<b> is not a tag here"}',
            "application/json",
            '{"message":"<b> is not a tag here"}',
        ),
        ("x" * 300, "text/plain", "x" * 200),
    ],
)
def test_error_reasons_name_html_pages_by_their_title(
    body: str, content_type: str, reason: str
) -> None:
    """A proxy's error page or a login form is named, not quoted, in error messages."""
    headers = CIMultiDictProxy(CIMultiDict({"Content-Type": content_type} if content_type else {}))
    assert HttpResponse(502, headers, body.encode(), "http://x/").reason() == reason
