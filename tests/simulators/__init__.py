"""Faithful HTTP simulators of services that cannot run here (real HTTP on 127.0.0.1).

`serve` starts one on loopback for tests; `run` is the standalone form every simulator's
`main()` uses: serve until killed, after printing `{"port": N}` for whoever started it.
"""

from __future__ import annotations

import asyncio
import json
import sys

from aiohttp import web


async def serve(
    app: web.Application, port: int = 0, *, handler_cancellation: bool = False
) -> tuple[web.AppRunner, int]:
    """Serve on 127.0.0.1 (port 0: any free port); returns the runner and the port."""
    runner = web.AppRunner(app, access_log=None, handler_cancellation=handler_cancellation)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, int(runner.addresses[0][1])


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
