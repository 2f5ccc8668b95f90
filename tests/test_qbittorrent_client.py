"""The qBittorrent client against real qbittorrent-nox daemons (4.5.2 and 5.x)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
import pytest

from custom_components.pandora.api.errors import (
    CannotConnect,
    InvalidAuth,
    IPBanned,
    ServerError,
    ServiceError,
    TorrentRejected,
)
from custom_components.pandora.api.qbittorrent import ALL, QBittorrentClient
from custom_components.pandora.api.qbittorrent_models import Torrent, TorrentStatus
from devtools.support.qbittorrent_daemon import QBittorrentDaemon, free_port
from devtools.support.torrents import TorrentFile, make_payload, make_torrent, random_suffix


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        yield session


def client_for(
    daemon: QBittorrentDaemon, session: aiohttp.ClientSession, **kw: str
) -> QBittorrentClient:
    return QBittorrentClient(
        url=kw.get("url", daemon.url),
        username=kw.get("username", daemon.username),
        password=kw.get("password", daemon.password),
        session=session,
    )


def seeded_torrent(daemon: QBittorrentDaemon, size: int = 512 * 1024) -> TorrentFile:
    """A payload already in the daemon's data folder, and its torrent."""
    return make_torrent(
        make_payload(daemon.host_base / "data", f"pandora-{random_suffix()}.bin", size)
    )


async def until(
    client: QBittorrentClient, predicate: Callable[[dict[str, Torrent]], bool], timeout: float = 20
) -> dict[str, Torrent]:
    """Sync until the mirrored torrents satisfy `predicate`."""
    async with asyncio.timeout(timeout):
        while True:
            await client.sync()
            if predicate(client.maindata.torrents):
                return client.maindata.torrents
            await asyncio.sleep(0.3)


async def test_connect_detects_versions(
    qb_daemon: QBittorrentDaemon, session: aiohttp.ClientSession
) -> None:
    client = client_for(qb_daemon, session)
    info = await client.connect()
    assert info.app_version.startswith("v4.5" if qb_daemon.version == "4" else "v5.")
    assert info.uses_stop_start is (qb_daemon.version == "5")
    assert client.info is info
    await client.close()


async def test_wrong_password_is_invalid_auth(
    qb_daemon: QBittorrentDaemon, session: aiohttp.ClientSession
) -> None:
    with pytest.raises(InvalidAuth):
        await client_for(qb_daemon, session, password="wrong").connect()


async def test_unreachable_is_cannot_connect(session: aiohttp.ClientSession) -> None:
    client = QBittorrentClient(
        url=f"http://127.0.0.1:{free_port()}", username="a", password="b", session=session
    )
    with pytest.raises(CannotConnect):
        await client.connect()


async def test_transport_errors_never_name_the_login(session: aiohttp.ClientSession) -> None:
    """A login in the URL (or the password anywhere) never reaches an error or its chain."""
    password = "pa ss/word"
    unreachable = QBittorrentClient(
        url=f"http://admin:pa%20ss%2Fword@127.0.0.1:{free_port()}/qb/?token=t",
        username="admin",
        password=password,
        session=session,
    )
    with pytest.raises(CannotConnect) as err:
        await unreachable.connect()
    assert str(err.value).startswith("Cannot reach qBittorrent at http://127.0.0.1:")
    assert "admin" not in str(err.value) and "token" not in str(err.value)
    assert err.value.__cause__ is None and err.value.__context__ is None

    async def hang(_request: aiohttp.web.Request) -> aiohttp.web.Response:
        await asyncio.sleep(5)
        return aiohttp.web.Response()

    app = aiohttp.web.Application()
    app.router.add_route("*", "/{tail:.*}", hang)
    runner = aiohttp.web.AppRunner(app, handler_cancellation=True)
    await runner.setup()
    port = free_port()
    await aiohttp.web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        slow = QBittorrentClient(
            url=f"http://admin:secret@127.0.0.1:{port}",
            username="admin",
            password="secret",
            session=session,
            request_timeout=0.2,
        )
        with pytest.raises(CannotConnect) as timed_out:
            await slow.connect()
    finally:
        await runner.cleanup()
    assert str(timed_out.value) == f"Timed out talking to qBittorrent at http://127.0.0.1:{port}"
    assert timed_out.value.__cause__ is None and timed_out.value.__context__ is None


async def test_not_qbittorrent_is_cannot_connect(session: aiohttp.ClientSession) -> None:
    """A web server that is not qBittorrent (404 on the login route)."""
    app = aiohttp.web.Application()
    runner = aiohttp.web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await aiohttp.web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        client = QBittorrentClient(
            url=f"http://127.0.0.1:{port}", username="a", password="b", session=session
        )
        with pytest.raises(CannotConnect):
            await client.connect()
    finally:
        await runner.cleanup()


async def test_ip_ban_is_reported_as_such(
    qb4_daemon: QBittorrentDaemon, session: aiohttp.ClientSession
) -> None:
    for _ in range(2):  # two clients with a wrong password (one would stop after a refusal)
        with pytest.raises(InvalidAuth):
            await client_for(qb4_daemon, session, password="wrong").login()
    with pytest.raises(IPBanned):
        await client_for(qb4_daemon, session).login()


async def test_refused_credentials_are_not_tried_again(
    qb_daemon: QBittorrentDaemon, session: aiohttp.ClientSession
) -> None:
    """qBittorrent bans an address after a few refused logins: a client tries its password once."""
    before = qb_daemon.refused_logins()
    wrong = client_for(qb_daemon, session, password="wrong")
    for call in (wrong.connect, wrong.login, wrong.sync, wrong.torrents_info):
        with pytest.raises(InvalidAuth):
            await call()
    await asyncio.sleep(0.5)  # qBittorrent writes its log after each message
    assert qb_daemon.refused_logins() == before + 1


async def test_torrent_lifecycle(
    qb_daemon: QBittorrentDaemon, session: aiohttp.ClientSession
) -> None:
    """Add a .torrent over existing data, pause, resume, move, remove with files."""
    client = client_for(qb_daemon, session)
    torrent = seeded_torrent(qb_daemon)
    result = await client.add(
        torrent_files=[("t.torrent", torrent.content)],
        save_path=qb_daemon.daemon_path(torrent.path.parent),
        category="pandora-test",
        tags=["t1", "t2"],
    )
    assert result.success_count == 1
    torrents = await until(
        client, lambda t: torrent.infohash in t and t[torrent.infohash].is_complete
    )
    added = torrents[torrent.infohash]
    assert added.name == torrent.name
    assert added.category == "pandora-test"
    assert set(added.tags) == {"t1", "t2"}
    assert added.total_size == torrent.size
    assert "pandora-test" in client.maindata.categories

    with pytest.raises(TorrentRejected):
        await client.add(torrent_files=[("t.torrent", torrent.content)])

    await client.pause([torrent.infohash])
    torrents = await until(client, lambda t: t[torrent.infohash].status is TorrentStatus.PAUSED)
    assert torrents[torrent.infohash].state == (
        "stoppedUP" if qb_daemon.version == "5" else "pausedUP"
    )
    assert client.maindata.status_counts[TorrentStatus.PAUSED] == 1

    await client.resume(ALL)
    await until(client, lambda t: t[torrent.infohash].status is not TorrentStatus.PAUSED)

    target = qb_daemon.host_base / "moved"
    await client.set_location([torrent.infohash], qb_daemon.daemon_path(target))
    await until(
        client, lambda t: t[torrent.infohash].save_path.rstrip("/") == qb_daemon.daemon_path(target)
    )
    async with asyncio.timeout(10):
        while not (target / torrent.name).exists():
            await asyncio.sleep(0.2)

    await client.delete([torrent.infohash], delete_files=True)
    await until(client, lambda t: torrent.infohash not in t)
    async with asyncio.timeout(10):
        while (target / torrent.name).exists():
            await asyncio.sleep(0.2)
    await client.close()


async def test_add_magnet_paused_and_bad_url(
    qb_daemon: QBittorrentDaemon, session: aiohttp.ClientSession
) -> None:
    client = client_for(qb_daemon, session)
    infohash = random_suffix() * 5
    await client.add(urls=[f"magnet:?xt=urn:btih:{infohash}&dn=pandora-magnet"], paused=True)
    torrents = await until(client, lambda t: infohash in t)
    magnet = torrents[infohash]
    assert magnet.name == "pandora-magnet"
    assert magnet.status is TorrentStatus.PAUSED
    assert not magnet.is_complete
    with pytest.raises(TorrentRejected):
        await client.add(urls=["notaurl"])
    with pytest.raises(ValueError, match="nothing to add"):
        await client.add()


async def test_incremental_sync_sends_only_changes(
    qb_daemon: QBittorrentDaemon, session: aiohttp.ClientSession
) -> None:
    client = client_for(qb_daemon, session)
    torrent = seeded_torrent(qb_daemon)
    qb_daemon.add_torrent_file(torrent.content, torrent.path.parent, skip_checking=True)
    qb_daemon.wait_for(lambda t: t["hash"] == torrent.infohash and t["progress"] == 1)

    first = await client.sync()
    assert first.full_update
    assert torrent.infohash in first.changed
    assert first.changed[torrent.infohash] is None  # new to us

    async with asyncio.timeout(10):  # speeds settle; then nothing changes between two syncs
        while (delta := await client.sync()).changed:
            await asyncio.sleep(0.5)
    assert not delta.full_update
    assert delta.rid > first.rid

    before = client.maindata.torrents[torrent.infohash]
    await client.pause(ALL)
    async with asyncio.timeout(10):
        while torrent.infohash not in (delta := await client.sync()).changed:
            await asyncio.sleep(0.3)
    assert not delta.full_update
    assert delta.changed[torrent.infohash] == before

    await client.delete(ALL, delete_files=False)
    async with asyncio.timeout(10):
        while torrent.infohash not in (delta := await client.sync()).removed:
            await asyncio.sleep(0.3)
    assert delta.removed[torrent.infohash].name == torrent.name
    assert torrent.infohash not in client.maindata.torrents


async def test_expired_session_logs_in_again(
    qb_daemon: QBittorrentDaemon, session: aiohttp.ClientSession
) -> None:
    client = client_for(qb_daemon, session)
    await client.sync()
    assert client.maindata.rid > 0
    client._cookie = (client._cookie or ("SID", ""))[0], "expired"
    delta = await client.sync()  # 403 → log in again → the diff restarts with a full update
    assert delta.full_update


async def test_upload_with_expired_session_asks_to_retry(
    qb_daemon: QBittorrentDaemon, session: aiohttp.ClientSession
) -> None:
    client = client_for(qb_daemon, session)
    await client.connect()
    client._cookie = (client._cookie or ("SID", ""))[0], "expired"
    with pytest.raises(ServiceError, match="retry"):
        await client.add(torrent_files=[("t.torrent", seeded_torrent(qb_daemon).content)])
    # The retry works on the new session.
    assert (
        await client.add(torrent_files=[("t.torrent", seeded_torrent(qb_daemon).content)])
    ).success_count == 1


async def test_alternative_speed_limits(
    qb_daemon: QBittorrentDaemon, session: aiohttp.ClientSession
) -> None:
    client = client_for(qb_daemon, session)
    await client.set_alt_speed_limits(True)
    assert await client.alt_speed_limits()
    await client.set_alt_speed_limits(True)  # idempotent: the API only toggles
    assert await client.alt_speed_limits()
    await until(client, lambda _: client.maindata.server_state.alt_speed_limits)
    await client.set_alt_speed_limits(False)
    assert not await client.alt_speed_limits()


async def test_torrents_info_matches_sync(
    qb_daemon: QBittorrentDaemon, session: aiohttp.ClientSession
) -> None:
    client = client_for(qb_daemon, session)
    torrent = seeded_torrent(qb_daemon)
    qb_daemon.add_torrent_file(torrent.content, torrent.path.parent, skip_checking=True)
    qb_daemon.wait_for(lambda t: t["hash"] == torrent.infohash)
    await client.sync()
    listed = {t.hash: t for t in await client.torrents_info()}
    assert listed.keys() == client.maindata.torrents.keys()
    assert listed[torrent.infohash].name == client.maindata.torrents[torrent.infohash].name


async def test_server_errors_are_service_errors(
    qb_daemon: QBittorrentDaemon, session: aiohttp.ClientSession
) -> None:
    client = client_for(qb_daemon, session)
    with pytest.raises(ValueError, match="location"):
        await client.set_location(ALL, "")
    # An unknown endpoint: 404 from the real server.
    with pytest.raises(ServiceError, match="404"):
        await client._request("GET", "torrents/doesnotexist")


async def test_a_proxy_failing_is_a_server_error(
    qb_daemon: QBittorrentDaemon, session: aiohttp.ClientSession
) -> None:
    """A reverse proxy answering 502 (qBittorrent restarting behind it) is no verdict on the
    torrent: a server error the caller may try again, not a refusal."""

    async def forward(request: aiohttp.web.Request) -> aiohttp.web.Response:
        if request.path.endswith(("/torrents/add", "/torrents/info")):
            return aiohttp.web.Response(status=502, text="Bad Gateway")
        headers = {k: v for k, v in request.headers.items() if k in ("Cookie", "Content-Type")}
        async with session.request(
            request.method,
            qb_daemon.url + request.path_qs,
            headers=headers,
            data=await request.read(),
        ) as resp:
            kept = {k: v for k, v in resp.headers.items() if k in ("Set-Cookie", "Content-Type")}
            return aiohttp.web.Response(status=resp.status, body=await resp.read(), headers=kept)

    app = aiohttp.web.Application()
    app.router.add_route("*", "/{tail:.*}", forward)
    runner = aiohttp.web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await aiohttp.web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        client = client_for(qb_daemon, session, url=f"http://127.0.0.1:{port}")
        with pytest.raises(ServerError, match="502"):
            await client.add(urls=[f"magnet:?xt=urn:btih:{'a' * 40}"])
        with pytest.raises(ServerError, match="502 to torrents/info"):
            await client.torrents_info()
    finally:
        await runner.cleanup()


async def test_add_peers(qb_daemon: QBittorrentDaemon, session: aiohttp.ClientSession) -> None:
    client = client_for(qb_daemon, session)
    with pytest.raises(ServiceError, match="400"):
        await client.add_peers(ALL, ["not a peer"])


async def _each(calls: list[Awaitable[object]]) -> None:
    for call in calls:
        await call


async def test_localhost_bypass_without_credentials(
    qb_daemon_session: QBittorrentDaemon, session: aiohttp.ClientSession
) -> None:
    """'Bypass authentication for localhost': empty credentials work, and so does incremental sync."""
    bypass = QBittorrentDaemon(version=qb_daemon_session.version, bypass_localhost=True).start()
    try:
        client = QBittorrentClient(url=bypass.url, username="", password="", session=session)
        await client.connect()
        assert (await client.sync()).full_update
        assert not (await client.sync()).full_update
        await client.close()
        assert client._cookie is None
    finally:
        bypass.stop()
