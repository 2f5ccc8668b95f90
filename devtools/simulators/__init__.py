"""Faithful HTTP simulators of services that cannot run here (real HTTP on 127.0.0.1).

`serve` starts one on loopback for tests; `run` is the standalone form every simulator's
`main()` uses: serve until killed, after printing `{"port": N}` for whoever started it.

`SimServer` serves any simulator (or `proxy_app`, a reverse proxy in front of a real server)
so that it can be stopped and started again in place, on the same port, with its state kept:
what a restarted service looks like to its clients (connection refused, then answers again).
Its `faults` (`Faults`) answer in the service's place, before the simulator (and its auth)
sees the request, as a crashing server or the reverse proxy in front of it would: a status
and body (`fail_with`), a proxy's HTML page, truncated JSON, or a runaway body.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
import contextlib
from dataclasses import dataclass, field
import json
import sys
from typing import Final, Self

import aiohttp
from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# nginx's own 502 page, byte for byte: what a reverse proxy answers while the service is down.
NGINX_502: Final = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
# A single sign-on proxy's login page (Authelia, Authentik, a captive portal): 200 and HTML.
LOGIN_PAGE: Final = (
    '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
    '<title>Sign in</title></head>\n<body><form method="post" action="/login">'
    '<input name="username"><input name="password" type="password">'
    "<button>Sign in</button></form></body>\n</html>\n"
)
# A JSON answer cut off mid-way (a crash while writing, a proxy's buffer limit).
TRUNCATED_JSON: Final = '{"Items": [{"Name": "Night of the Living'
# Control routes of the simulators (never faulted: tests steer them while faults are on).
CONTROL_PREFIXES: Final = ("/sim/", "/_sim/")


async def serve(
    app: web.Application,
    port: int = 0,
    *,
    handler_cancellation: bool = False,
    shutdown_timeout: float = 60.0,
) -> tuple[web.AppRunner, int]:
    """Serve on 127.0.0.1 (port 0: any free port); returns the runner and the port."""
    runner = web.AppRunner(
        app,
        access_log=None,
        handler_cancellation=handler_cancellation,
        shutdown_timeout=shutdown_timeout,
    )
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, int(runner.addresses[0][1])


@dataclass
class _Fault:
    status: int
    body: bytes
    content_type: str
    count: int | None  # None: until cleared
    streamed: bool = False  # sent chunked, without a Content-Length (a runaway body)


@dataclass
class Faults:
    """What a service answers instead of its real answer, set by tests.

    Every request (except the simulators' control routes) is counted in `seen`; while a fault
    is set, it is answered with the fault and counted in `answered` too.
    """

    seen: int = 0
    answered: int = 0
    _fault: _Fault | None = field(default=None, repr=False)

    def fail_with(
        self,
        status: int,
        body: bytes | str = b"",
        *,
        content_type: str = "text/plain",
        count: int | None = None,
    ) -> None:
        """Answer `status` and `body` to the next `count` requests (None: until `clear`)."""
        raw = body.encode() if isinstance(body, str) else body
        self._fault = _Fault(status, raw, content_type, count)

    def html(self, status: int = 200, *, count: int | None = None) -> None:
        """An HTML page instead of the API: a login page (200) or nginx's 502 (502)."""
        page = NGINX_502 if status == 502 else LOGIN_PAGE
        self.fail_with(status, page, content_type="text/html", count=count)

    def truncated(self, *, count: int | None = None) -> None:
        """200 and JSON cut off mid-way."""
        self.fail_with(200, TRUNCATED_JSON, content_type="application/json", count=count)

    def oversized(self, size: int = 10 * 2**20, *, count: int | None = None) -> None:
        """200 and `size` bytes of JSON, streamed without a Content-Length."""
        padding = size - len('{"padding":""}')
        body = b'{"padding":"' + b" " * padding + b'"}'
        self._fault = _Fault(200, body, "application/json", count, streamed=True)

    def clear(self) -> None:
        """Answer properly again."""
        self._fault = None

    @property
    def active(self) -> bool:
        """A fault is set."""
        return self._fault is not None

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Count; answer the fault when one is set, else let the simulator answer."""
        if request.path.startswith(CONTROL_PREFIXES):
            return await handler(request)
        self.seen += 1
        fault = self._fault
        if fault is None:
            return await handler(request)
        self.answered += 1
        if fault.count is not None:
            fault.count -= 1
            if fault.count <= 0:
                self._fault = None
        if not fault.streamed:
            return web.Response(
                status=fault.status, body=fault.body, content_type=fault.content_type
            )
        response = web.StreamResponse(status=fault.status)
        response.content_type = fault.content_type
        response.enable_chunked_encoding()
        await response.prepare(request)
        chunk = 256 * 1024
        try:
            for start in range(0, len(fault.body), chunk):
                await response.write(fault.body[start : start + chunk])
            await response.write_eof()
        except ConnectionError:
            pass  # the client stopped reading (it bounds what it takes): as a real server sees
        return response


class SimServer:
    """A simulator on one loopback port that can be stopped and started again in place.

    `make_app` builds a fresh application from the simulator (whose state lives on), so a
    restart keeps the simulator's data, as a restarted service keeps its database.
    """

    def __init__(
        self,
        make_app: Callable[[], web.Application],
        port: int = 0,
        *,
        handler_cancellation: bool = False,
    ) -> None:
        self.make_app = make_app
        self.port = port
        self.handler_cancellation = handler_cancellation
        self.faults = Faults()
        self.runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        """The server's address (known once started)."""
        assert self.port, "not started yet"
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        """Whether it serves now."""
        return self.runner is not None

    async def start(self) -> Self:
        """Serve (again) on the same port; the first start picks a free one."""
        assert self.runner is None, "already running"
        app = self.make_app()
        app.middlewares.insert(0, self.faults.middleware)  # before the simulator's own
        self.runner, self.port = await serve(
            app,
            self.port,
            handler_cancellation=self.handler_cancellation,
            shutdown_timeout=1.0,
        )
        return self

    async def stop(self) -> None:
        """Stop serving: connections are refused until `start`."""
        if self.runner is not None:
            runner, self.runner = self.runner, None
            await runner.cleanup()

    async def restart(self) -> None:
        """Stop, then serve again on the same port."""
        await self.stop()
        await self.start()

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *_exc: object) -> None:
        await self.stop()


_SESSION: Final = web.AppKey("session", aiohttp.ClientSession)
# Hop-by-hop headers (RFC 9110 section 7.6.1) and those aiohttp sets itself.
_NOT_RELAYED: Final = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "transfer-encoding",
        "te",
        "trailer",
        "upgrade",
        "host",
        "content-length",
    }
)


def proxy_app(upstream: str) -> web.Application:
    """A reverse proxy to `upstream`, as nginx in front of a service; nginx's 502 when it is
    unreachable. Serve it with `SimServer` to put faults in front of a real server."""

    async def session_ctx(app: web.Application) -> AsyncIterator[None]:
        # A fresh upstream connection per request: a restarted upstream never meets a
        # connection of its previous life (nginx retries those; this proxy need not).
        connector = aiohttp.TCPConnector(force_close=True)
        async with aiohttp.ClientSession(connector=connector, auto_decompress=False) as session:
            app[_SESSION] = session
            yield

    async def forward(request: web.Request) -> web.StreamResponse:
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _NOT_RELAYED}
        body = await request.read()
        try:
            async with request.app[_SESSION].request(
                request.method,
                upstream.rstrip("/") + request.rel_url.raw_path_qs,
                headers=headers,
                data=body or None,
                allow_redirects=False,
            ) as upstream_resp:
                payload = await upstream_resp.read()
                relayed = {
                    k: v for k, v in upstream_resp.headers.items() if k.lower() not in _NOT_RELAYED
                }
                return web.Response(status=upstream_resp.status, body=payload, headers=relayed)
        except aiohttp.ClientError:
            return web.Response(status=502, text=NGINX_502, content_type="text/html")

    app = web.Application(client_max_size=256 * 2**20)
    app.cleanup_ctx.append(session_ctx)
    app.router.add_route("*", "/{tail:.*}", forward)
    return app


@contextlib.asynccontextmanager
async def served(
    make_app: Callable[[], web.Application], **kwargs: bool
) -> AsyncIterator[SimServer]:
    """A started `SimServer`, stopped on exit."""
    async with SimServer(make_app, **kwargs) as server:
        yield server


def run(app: web.Application, port: int = 0, **kwargs: bool) -> None:
    """Serve until killed, printing `{"port": N}` first (the demo and benchmarks read it)."""

    async def forever() -> None:
        runner, bound = await serve(app, port, **kwargs)
        print(json.dumps({"port": bound}), flush=True)
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()

    try:
        asyncio.run(forever())
    except KeyboardInterrupt:  # pragma: no cover - interactive use
        sys.exit(0)
