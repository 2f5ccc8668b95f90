"""Async qBittorrent Web API client (4.1 to 5.x) on an injected aiohttp session.

Version differences handled here (facts in docs/architecture.md):
- login: `200 Ok.` + cookie `SID` (<= 5.1) or `204` + cookie `QBT_SID_<port>` (5.2+);
  failure `200 Fails.` or `401`; `403` on login means the IP is banned.
- pause/resume became stop/start in Web API 2.11 (5.0); `paused` became `stopped` on add.
- add answers `Ok.`/`Fails.` (<= 5.1) or JSON / `409` (5.2+).
The session cookie is sent explicitly, so the client never relies on the session's cookie jar
(several qBittorrents on one host would otherwise share it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
import contextlib
from dataclasses import dataclass, field
from http import HTTPStatus
import socket
from typing import Any, Self

import aiohttp
from yarl import URL

from .errors import (
    CannotConnect,
    InvalidAuth,
    IPBanned,
    ParseError,
    ServerError,
    ServiceError,
    TorrentRejected,
)
from .http import decode_json, read_bounded, redact, safe_url
from .qbittorrent_models import AddResult, MainDataState, ServerInfo, SyncDelta, Torrent

ALL = "all"
# The most Pandora reads of one answer, so a broken or hostile server cannot exhaust memory.
# A full `sync/maindata` or `torrents/info` of 10,000 torrents is about 13 MiB (the simulator's
# 4.5-style torrents; 5.x adds fields): 64 MiB leaves room for far bigger libraries. Every other
# answer is a few bytes to a few kilobytes.
MAX_LIST_BYTES = 64 * 2**20
MAX_ANSWER_BYTES = 2**20


def _hashes(hashes: Iterable[str] | str) -> str:
    return hashes if isinstance(hashes, str) else "|".join(hashes)


@dataclass
class QBittorrentClient:
    """Talks to one qBittorrent Web UI."""

    url: str
    username: str
    password: str
    session: aiohttp.ClientSession
    verify_ssl: bool = True
    request_timeout: float = 15.0
    _cookie: tuple[str, str] | None = field(default=None, init=False, repr=False)
    _info: ServerInfo | None = field(default=None, init=False, repr=False)
    _login_lock: asyncio.Lock = field(default_factory=asyncio.Lock, init=False, repr=False)
    # Set when qBittorrent refuses these credentials: they are not tried again, because
    # qBittorrent bans an address after a few failed logins (5 by default, for an hour), which
    # would refuse the right password too. New credentials make a new client.
    _refused: bool = field(default=False, init=False, repr=False)
    maindata: MainDataState = field(default_factory=MainDataState, init=False)
    bytes_received: int = field(default=0, init=False)

    @property
    def base_url(self) -> URL:
        """The Web UI root, always ending with a slash (reverse-proxy sub-paths work)."""
        url = URL(self.url)
        return url if url.path.endswith("/") else url.with_path(url.path + "/")

    @property
    def info(self) -> ServerInfo | None:
        """Versions, known after `connect()`."""
        return self._info

    # --- transport --------------------------------------------------------------------------

    async def _raw(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Any = None,
        cookie: bool = True,
        max_bytes: int = MAX_ANSWER_BYTES,
    ) -> tuple[int, bytes, aiohttp.ClientResponse]:
        if self.session.closed:  # e.g. logging out while Home Assistant shuts down
            raise CannotConnect("The HTTP session is closed")
        headers = {}
        if cookie and self._cookie is not None:
            headers["Cookie"] = f"{self._cookie[0]}={self._cookie[1]}"
        where = safe_url(self.url)  # a URL may carry a login (http://user:pass@host)
        try:
            async with asyncio.timeout(self.request_timeout):
                async with self.session.request(
                    method,
                    self.base_url.join(URL("api/v2/" + path)),
                    params=params,
                    data=data,
                    headers=headers,
                    ssl=self.verify_ssl,
                    allow_redirects=False,
                ) as resp:
                    body = await read_bounded(resp, max_bytes, f"qBittorrent ({path})")
        except TimeoutError:
            failure = CannotConnect(f"Timed out talking to qBittorrent at {where}")
        except (aiohttp.ClientError, socket.gaierror, OSError) as err:
            text = f"Cannot reach qBittorrent at {where}: {err}"
            failure = CannotConnect(redact(text, (self.password,), urls=True))
        else:
            self.bytes_received += len(body)
            return resp.status, body, resp
        raise failure  # outside the handler: the transport error may quote the URL

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Any = None,
        ok: Sequence[int] = (HTTPStatus.OK,),
        max_bytes: int = MAX_ANSWER_BYTES,
    ) -> tuple[int, bytes]:
        """Call the API, logging in first and once more if the session expired."""
        if self._cookie is None:
            await self.login()
        for attempt in (1, 2):
            status, body, _ = await self._raw(
                method, path, params=params, data=data, max_bytes=max_bytes
            )
            # 403 without a valid session (all versions); 401 from 5.2+ on some builds.
            if status in (HTTPStatus.FORBIDDEN, HTTPStatus.UNAUTHORIZED) and attempt == 1:
                self._cookie = None
                self.maindata.reset()  # diff state lives in the old session
                await self.login()
                if isinstance(data, aiohttp.FormData):
                    raise ServiceError("qBittorrent session expired during an upload; retry")
                continue
            if status in ok:
                return status, body
            if status in (HTTPStatus.FORBIDDEN, HTTPStatus.UNAUTHORIZED):
                raise InvalidAuth("qBittorrent refused the session after a fresh login")
            text = body.decode(errors="replace").strip()
            error = ServerError if status >= 500 else ServiceError
            raise error(f"qBittorrent answered {status} to {path}: {text[:200]}")
        raise AssertionError("unreachable")  # pragma: no cover

    async def _json(self, path: str, params: Mapping[str, str] | None = None) -> Any:
        # Only the torrent lists get big; each is read whole, but within `MAX_LIST_BYTES`.
        _, body = await self._request("GET", path, params=params, max_bytes=MAX_LIST_BYTES)
        return decode_json(body, f"qBittorrent sent invalid JSON for {path}")

    async def _text(self, path: str) -> str:
        _, body = await self._request("GET", path)
        return body.decode().strip()

    async def _post(self, path: str, data: Mapping[str, str]) -> None:
        await self._request("POST", path, data=data)

    # --- session ----------------------------------------------------------------------------

    async def login(self) -> None:
        """Log in and keep the session cookie (SID or QBT_SID_<port>)."""
        async with self._login_lock:
            if self._refused:
                raise InvalidAuth(
                    "qBittorrent refused the username or password; Pandora does not try them "
                    "again until they are re-entered"
                )
            status, body, resp = await self._raw(
                "POST",
                "auth/login",
                data={"username": self.username, "password": self.password},
                cookie=False,
            )
            text = body.decode(errors="replace").strip()
            if status == HTTPStatus.FORBIDDEN:
                raise IPBanned(text or "qBittorrent banned this IP after failed logins")
            if status == HTTPStatus.UNAUTHORIZED or (status == HTTPStatus.OK and text == "Fails."):
                self._refused = True
                raise InvalidAuth("qBittorrent refused the username or password")
            if status not in (HTTPStatus.OK, HTTPStatus.NO_CONTENT):
                raise CannotConnect(f"qBittorrent login answered {status}: {text[:200]}")
            for name, morsel in resp.cookies.items():
                if name == "SID" or name.startswith("QBT_SID_"):
                    self._cookie = (name, morsel.value)
                    return
            if status == HTTPStatus.OK and text == "Ok.":
                # "Bypass authentication for localhost/whitelisted": accepted without a cookie.
                self._cookie = ("SID", "")
                return
            raise CannotConnect("The server at this URL does not look like qBittorrent")

    async def connect(self) -> ServerInfo:
        """Log in (unless already) and learn the versions."""
        if self._cookie is None:
            await self.login()  # a fresh login would restart the incremental sync
        app = await self._text("app/version")
        api = await self._text("app/webapiVersion")
        try:
            api_version = tuple(int(p) for p in api.split("."))
        except ValueError as err:
            raise ParseError(f"Unexpected Web API version {api!r}") from err
        self._info = ServerInfo(app_version=app, api_version=api_version)
        return self._info

    async def _server_info(self) -> ServerInfo:
        return self._info or await self.connect()

    async def close(self) -> None:
        """Log out (best effort); the session itself belongs to the caller."""
        if self._cookie is not None and self._cookie[1]:
            with contextlib.suppress(CannotConnect):
                await self._raw("POST", "auth/logout")
        self._cookie = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    # --- reading ----------------------------------------------------------------------------

    async def sync(self) -> SyncDelta:
        """Fetch what changed since the last call and merge it into `maindata`."""
        payload = await self._json("sync/maindata", {"rid": str(self.maindata.rid)})
        if not isinstance(payload, dict):
            raise ParseError("sync/maindata did not return an object")
        return self.maindata.apply(payload)

    async def torrents_info(self, **filters: str) -> list[Torrent]:
        """Every torrent in one full `torrents/info` answer (filters: filter, category, hashes)."""
        items = await self._json("torrents/info", filters)
        if not isinstance(items, list):
            raise ParseError("torrents/info did not return a list")
        return [Torrent.from_dict(item["hash"], item) for item in items]

    async def alt_speed_limits(self) -> bool:
        """Whether alternative speed limits are on."""
        return await self._text("transfer/speedLimitsMode") == "1"

    # --- changing ---------------------------------------------------------------------------

    async def add(
        self,
        *,
        urls: Sequence[str] = (),
        torrent_files: Sequence[tuple[str, bytes]] = (),
        category: str | None = None,
        save_path: str | None = None,
        tags: Sequence[str] = (),
        paused: bool = False,
    ) -> AddResult:
        """Add magnets/URLs and/or .torrent files."""
        if not urls and not torrent_files:
            raise ValueError("nothing to add")
        info = await self._server_info()
        form = aiohttp.FormData()
        if urls:
            form.add_field("urls", "\n".join(urls))
        for name, content in torrent_files:
            form.add_field(
                "torrents", content, filename=name, content_type="application/x-bittorrent"
            )
        if category:
            form.add_field("category", category)
        if save_path:
            form.add_field("savepath", save_path)
        if tags:
            form.add_field("tags", ",".join(tags))
        form.add_field(
            "stopped" if info.uses_stop_start else "paused", "true" if paused else "false"
        )
        try:
            _, body = await self._request(
                "POST",
                "torrents/add",
                data=form,
                ok=(HTTPStatus.OK, HTTPStatus.CONFLICT, HTTPStatus.UNSUPPORTED_MEDIA_TYPE),
            )
        except ServerError:
            raise  # qBittorrent (or its proxy) failed: not a verdict on the torrent
        except ServiceError as err:
            raise TorrentRejected(str(err)) from err
        return _parse_add(body)

    async def pause(self, hashes: Iterable[str] | str = ALL) -> None:
        """Pause (stop, on 5.x) torrents."""
        info = await self._server_info()
        await self._post(
            "torrents/stop" if info.uses_stop_start else "torrents/pause",
            {"hashes": _hashes(hashes)},
        )

    async def resume(self, hashes: Iterable[str] | str = ALL) -> None:
        """Resume (start, on 5.x) torrents."""
        info = await self._server_info()
        await self._post(
            "torrents/start" if info.uses_stop_start else "torrents/resume",
            {"hashes": _hashes(hashes)},
        )

    async def delete(self, hashes: Iterable[str] | str, *, delete_files: bool) -> None:
        """Remove torrents, with or without their data."""
        await self._post(
            "torrents/delete",
            {"hashes": _hashes(hashes), "deleteFiles": "true" if delete_files else "false"},
        )

    async def set_location(self, hashes: Iterable[str] | str, location: str) -> None:
        """Move torrents' data to another directory (created when missing)."""
        if not location:
            raise ValueError("location must not be empty")
        await self._post("torrents/setLocation", {"hashes": _hashes(hashes), "location": location})

    async def set_alt_speed_limits(self, enabled: bool) -> None:
        """Turn alternative speed limits on or off (the API only toggles)."""
        if await self.alt_speed_limits() != enabled:
            await self._post("transfer/toggleSpeedLimitsMode", {})

    async def add_peers(self, hashes: Iterable[str] | str, peers: Sequence[str]) -> None:
        """Tell qBittorrent about peers (`host:port`) for torrents."""
        await self._post("torrents/addPeers", {"hashes": _hashes(hashes), "peers": "|".join(peers)})


def _parse_add(body: bytes) -> AddResult:
    text = body.decode(errors="replace").strip()
    if text == "Ok.":
        return AddResult()
    if text.startswith("{"):
        data = decode_json(text, "torrents/add sent invalid JSON")
        result = AddResult(
            added_ids=tuple(data.get("added_torrent_ids") or ()),
            success_count=int(data.get("success_count", 0)),
            failure_count=int(data.get("failure_count", 0)),
            pending_count=int(data.get("pending_count", 0)),
        )
        if result.success_count or result.pending_count:
            return result
    # "Fails." (<= 5.1), 409 Conflict (5.2+), 415 invalid file, or JSON with no success.
    raise TorrentRejected(
        "qBittorrent refused the torrent (already added, unreachable URL or invalid file)"
        + (f": {text[:200]}" if text and text != "Fails." else "")
    )
