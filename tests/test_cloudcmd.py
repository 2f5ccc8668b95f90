"""The Cloud Commander client against the real cloudcmd 18.8.11 on loopback (with and without auth).

The server's hazards (../shared/notes/service-apis.md §2) are the point: body paths are not
confined to the share, `DELETE /api/v1/fs/` deletes the root, `copy` without `to` and GET of a
file with a trailing slash crash it, and move/copy/rename overwrite silently. Every refusal is
checked to happen before any request, with a sentinel file next to the share left untouched.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
import contextlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
import hashlib
import os
from pathlib import Path
import re
import shutil
from types import SimpleNamespace
from typing import Any
import unicodedata

import aiohttp
from aiohttp import web
from multidict import CIMultiDict, CIMultiDictProxy
import pytest
from yarl import URL

from custom_components.pandora.api.cloudcmd import (
    CloudCommanderClient,
    DestinationExists,
    FileEntry,
    NotADirectory,
    SharePath,
    UnsafePath,
    _check_form,
    normalize,
    parse_listing,
    validate_name,
)
from custom_components.pandora.api.errors import (
    CannotConnect,
    InvalidAuth,
    NotFound,
    ParseError,
    ServerError,
    ServiceError,
)
from custom_components.pandora.api.http import HttpResponse
from devtools.support.cloudcmd import SHARE_FOLDERS, CloudCommander, cloudcmd_available
from devtools.support.qbittorrent_daemon import free_port
from tests.conftest import allow_loopback

USERNAME = "pandora-cc"
PASSWORD = "s3cret pw Pässwörd"  # a space and non-ASCII: Basic auth must send UTF-8
MOVIE = "Night of the Living Dead (1968)"
SENTINEL = "sentinel.txt"

if not cloudcmd_available() and os.environ.get("PANDORA_ALLOW_NO_CLOUDCMD"):
    pytest.skip("cloudcmd not installed (PANDORA_ALLOW_NO_CLOUDCMD set)", allow_module_level=True)


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, CloudCommander]]:
    """One server per auth mode for the module; tests reset the share, not the process."""
    allow_loopback()
    started: dict[str, CloudCommander] = {}
    try:
        started["no-auth"] = CloudCommander().start()
        started["auth"] = CloudCommander(username=USERNAME, password=PASSWORD).start()
        yield started
    finally:
        for server in started.values():
            server.stop()


def reset(server: CloudCommander) -> CloudCommander:
    """An empty share with the standard folders, and a sentinel file next to it."""
    assert server.alive(settle=0), f"cloudcmd died during an earlier test: {server.log_tail()}"
    for child in server.root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for folder in SHARE_FOLDERS:
        (server.root / folder).mkdir()
    for child in server.outside.iterdir():
        if child.name not in ("share", "home", "cloudcmd.log"):
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    (server.outside / SENTINEL).write_text("outside the share\n")
    return server


@pytest.fixture(params=["no-auth", "auth"])
def server(servers: dict[str, CloudCommander], request: pytest.FixtureRequest) -> CloudCommander:
    """The module's server of each auth mode, with a fresh share."""
    return reset(servers[request.param])


@pytest.fixture
def auth_server(servers: dict[str, CloudCommander]) -> CloudCommander:
    """The module's server that requires credentials, with a fresh share."""
    return reset(servers["auth"])


@dataclass
class Probe:
    """Every request the client sent, as (method, URL)."""

    requests: list[tuple[str, URL]] = field(default_factory=list)

    def clear(self) -> None:
        self.requests.clear()


@pytest.fixture
async def probe() -> AsyncIterator[tuple[aiohttp.ClientSession, Probe]]:
    recorded = Probe()

    async def on_start(_session: Any, _ctx: Any, params: aiohttp.TraceRequestStartParams) -> None:
        recorded.requests.append((params.method, params.url))

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_start)
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        yield session, recorded
    # Invariants of every test: never DELETE the root, never a trailing "/" after a file path.
    for method, url in recorded.requests:
        path = url.raw_path
        assert "/api/v1/mv" not in path, "the silent no-op route must never be used"
        if path.startswith("/api/v1/fs"):
            assert not (method == "DELETE" and path.rstrip("/") == "/api/v1/fs"), url
            assert path == "/api/v1/fs/" or not path.endswith("/"), url


def make_client(
    server: CloudCommander, session: aiohttp.ClientSession, **overrides: Any
) -> CloudCommanderClient:
    kwargs: dict[str, Any] = {"username": server.username, "password": server.password}
    kwargs.update(overrides)
    return CloudCommanderClient(server.url, session, **kwargs)


@pytest.fixture
def client(
    server: CloudCommander, probe: tuple[aiohttp.ClientSession, Probe]
) -> CloudCommanderClient:
    return make_client(server, probe[0])


@pytest.fixture
def requests(probe: tuple[aiohttp.ClientSession, Probe]) -> Probe:
    return probe[1]


# --- helpers ----------------------------------------------------------------------------------


def write(path: Path, data: bytes | str = b"") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    path.write_bytes(data)
    return path


def tree_hashes(top: Path) -> dict[str, str]:
    """SHA-256 of every file below `top`, by relative path (folders as "<dir>")."""
    if top.is_file():
        return {".": hashlib.sha256(top.read_bytes()).hexdigest()}
    hashes = {}
    for path in sorted(top.rglob("*")):
        rel = str(path.relative_to(top))
        hashes[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "<dir>"
    return hashes


def downloads_release(server: CloudCommander) -> dict[str, dict[str, str]]:
    """A finished download: one big random file and a folder of extras; their hashes."""
    downloads = server.root / "Downloads"
    write(downloads / "Night.of.the.Living.Dead.1968.1080p.mkv", os.urandom(3 * 1024 * 1024 + 7))
    write(downloads / "Extras" / "Trailer.mkv", os.urandom(200_000))
    write(
        downloads / "Extras" / "Subs" / "en.srt",
        "1\n00:00:01,000 --> 00:00:02,000\nThey're coming\n",
    )
    write(downloads / "Extras" / "empty.nfo", b"")
    return {
        name: tree_hashes(downloads / name)
        for name in ("Night.of.the.Living.Dead.1968.1080p.mkv", "Extras")
    }


def share_snapshot(server: CloudCommander) -> dict[str, str]:
    return tree_hashes(server.outside) | {"<sentinel>": (server.outside / SENTINEL).read_text()}


# --- connection and auth ----------------------------------------------------------------------


async def test_version_is_the_connection_test(client: CloudCommanderClient) -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", await client.version())


async def test_wrong_password_is_invalid_auth(
    auth_server: CloudCommander, probe: tuple[aiohttp.ClientSession, Probe]
) -> None:
    wrong = make_client(auth_server, probe[0], password="wrong-Pässwörd-42")
    with pytest.raises(InvalidAuth) as err:
        await wrong.version()
    assert "wrong-Pässwörd-42" not in str(err.value)
    anonymous = make_client(auth_server, probe[0], username=None, password=None)
    with pytest.raises(InvalidAuth):
        await anonymous.list("/")
    with pytest.raises(InvalidAuth):
        await wrong.delete("/Downloads")  # refused by the server, nothing deleted
    assert (auth_server.root / "Downloads").is_dir()


async def test_credentials_never_appear_in_errors(
    auth_server: CloudCommander, probe: tuple[aiohttp.ClientSession, Probe]
) -> None:
    session = probe[0]
    client = make_client(auth_server, session)
    write(auth_server.root / "Downloads" / "a.txt", "a")
    write(auth_server.root / "Movies" / "a.txt", "b")
    token = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
    errors: list[Exception] = []
    for call in (
        lambda: client.list("/Downloads/nope"),
        lambda: client.list("/Downloads/a.txt"),
        lambda: client.mkdir("/Downloads/a.txt/sub"),
        lambda: client.move(["/Downloads/a.txt"], "/Movies"),
        lambda: client.rename(f"/Downloads/{PASSWORD}", "x"),
        lambda: client.delete("/"),
        lambda: make_client(auth_server, session, password=PASSWORD + "!").version(),
        lambda: CloudCommanderClient(
            f"http://{USERNAME}:{PASSWORD.replace(' ', '%20')}@127.0.0.1:{free_port()}",
            session,
            USERNAME,
            PASSWORD,
        ).version(),
    ):
        with pytest.raises((ServiceError, InvalidAuth, CannotConnect)) as err:
            await call()
        errors.append(err.value)
    for error in errors:
        text = f"{error} {error.args!r}"
        for secret in (PASSWORD, USERNAME, token, "s3cret"):
            assert secret not in text, (secret, text)
        assert str(auth_server.root) not in text  # nor the server's absolute paths
    assert PASSWORD not in repr(client)


async def test_unreachable_server_is_cannot_connect(
    probe: tuple[aiohttp.ClientSession, Probe],
) -> None:
    client = CloudCommanderClient(f"http://127.0.0.1:{free_port()}", probe[0], None, None)
    with pytest.raises(CannotConnect):
        await client.version()


# --- reading ----------------------------------------------------------------------------------


async def test_list_has_exact_sizes_dates_and_types(
    server: CloudCommander, client: CloudCommanderClient
) -> None:
    downloads = server.root / "Downloads"
    write(downloads / "movie.mkv", os.urandom(123_457))
    write(downloads / "empty.txt")
    write(downloads / "Season 1" / "e01.mkv", b"x")
    stamp = datetime(2024, 2, 29, 12, 34, 56, 789000, tzinfo=UTC).timestamp()
    os.utime(downloads / "movie.mkv", (stamp, stamp))
    (downloads / "outside-link").symlink_to(server.outside)

    entries = {entry.name: entry for entry in await client.list("/Downloads")}

    assert set(entries) == {"movie.mkv", "empty.txt", "Season 1", "outside-link"}
    movie = entries["movie.mkv"]
    assert movie == FileEntry(
        name="movie.mkv",
        type="file",
        size=123_457,
        modified=datetime(2024, 2, 29, 12, 34, 56, 789000, tzinfo=UTC),
        path="/Downloads/movie.mkv",
    )
    assert entries["empty.txt"].size == 0
    season = entries["Season 1"]
    assert (season.type, season.size, season.path, season.is_dir) == (
        "directory",
        None,
        "/Downloads/Season 1",
        True,
    )
    assert season.modified is not None and season.modified.tzinfo is not None
    assert entries["outside-link"].link and entries["outside-link"].type == "directory"
    # `?raw` names the absolute server path; nothing of it may leak into the entries.
    assert str(server.outside) not in repr(entries)

    root = await client.list("/")
    assert {entry.name for entry in root} >= set(SHARE_FOLDERS)
    assert [e.path for e in await client.list("Downloads/Season 1/")] == [
        "/Downloads/Season 1/e01.mkv"
    ]


async def test_listing_a_file_or_a_missing_folder(
    server: CloudCommander, client: CloudCommanderClient
) -> None:
    write(server.root / "Downloads" / "a.txt", "hello")
    with pytest.raises(NotADirectory):
        await client.list("/Downloads/a.txt")
    with pytest.raises(NotFound):
        await client.list("/Downloads/missing")
    with pytest.raises(NotFound):
        await client.list("/Missing/deeper")
    assert server.alive()


async def test_exists_and_stat(server: CloudCommander, client: CloudCommanderClient) -> None:
    write(server.root / "Downloads" / "a.txt", "hello")
    assert await client.exists("/")
    assert await client.exists("/Downloads")
    assert await client.exists("Downloads/a.txt")
    assert not await client.exists("/Downloads/b.txt")
    assert not await client.exists("/Nope/b.txt")
    assert not await client.exists("/Downloads/a.txt/x")  # a file in the way: no download, no crash
    assert not await client.exists("/Downloads/a.txt/x/y")
    assert (await client.stat("/Downloads/a.txt")).size == 5
    with pytest.raises(NotFound):
        await client.stat("/Downloads/b.txt")
    assert server.alive()
    # The share itself gone (an unmounted disk): nothing exists, nothing lists.
    shutil.rmtree(server.root)
    try:
        assert not await client.exists("/")
        with pytest.raises(NotFound):
            await client.list("/")
    finally:
        server.root.mkdir()


async def test_hash_matches_the_bytes_on_disk(
    server: CloudCommander, client: CloudCommanderClient
) -> None:
    data = os.urandom(500_000)
    write(server.root / "Downloads" / "f.bin", data)
    assert await client.hash("/Downloads/f.bin") == hashlib.sha1(data).hexdigest()
    with pytest.raises(ServiceError):
        await client.hash("/Downloads")
    with pytest.raises(NotFound):
        await client.hash("/Downloads/none.bin")


# --- writing ----------------------------------------------------------------------------------


async def test_mkdir_creates_parents_and_repeats(
    server: CloudCommander, client: CloudCommanderClient
) -> None:
    assert await client.mkdir(f"Movies/{MOVIE}/Extras/") == f"/Movies/{MOVIE}/Extras"
    assert (server.root / "Movies" / MOVIE / "Extras").is_dir()
    assert await client.mkdir(f"/Movies/{MOVIE}/Extras") == f"/Movies/{MOVIE}/Extras"
    write(server.root / "Downloads" / "a.txt", "a")
    with pytest.raises(NotADirectory):
        await client.mkdir("/Downloads/a.txt/sub")
    assert (server.root / "Downloads" / "a.txt").read_text() == "a"


async def test_move_files_and_folders_keeps_every_byte(
    server: CloudCommander, client: CloudCommanderClient, requests: Probe
) -> None:
    before = downloads_release(server)
    destination = f"/Movies/{MOVIE}"

    moved = await client.move(
        ["/Downloads/Night.of.the.Living.Dead.1968.1080p.mkv", "/Downloads/Extras"], destination
    )

    assert moved == [
        f"{destination}/Night.of.the.Living.Dead.1968.1080p.mkv",
        f"{destination}/Extras",
    ]
    target = server.root / "Movies" / MOVIE
    for name, hashes in before.items():
        assert not (server.root / "Downloads" / name).exists()
        assert tree_hashes(target / name) == hashes
    assert sorted(p.name for p in (server.root / "Downloads").iterdir()) == []
    assert (server.outside / SENTINEL).exists()
    # One move request for one source folder, with a non-empty `to`.
    assert [m for m, url in requests.requests if url.path == "/api/v1/move"] == ["PUT"]
    assert (
        await client.hash(moved[0])
        == hashlib.sha1(
            (target / "Night.of.the.Living.Dead.1968.1080p.mkv").read_bytes()
        ).hexdigest()
    )


async def test_move_from_several_folders_and_a_single_string(
    server: CloudCommander, client: CloudCommanderClient, requests: Probe
) -> None:
    write(server.root / "Downloads" / "a.mkv", "a")
    write(server.root / "Downloaded" / "b.mkv", "b")
    write(server.root / "Downloaded" / "c.srt", "c")
    moved = await client.move(
        ["/Downloads/a.mkv", "/Downloaded/b.mkv", "/Downloaded/c.srt"], "/TV Shows/Show/Season 1"
    )
    assert moved == [f"/TV Shows/Show/Season 1/{n}" for n in ("a.mkv", "b.mkv", "c.srt")]
    season = server.root / "TV Shows" / "Show" / "Season 1"
    assert {p.name: p.read_text() for p in season.iterdir()} == {
        "a.mkv": "a",
        "b.mkv": "b",
        "c.srt": "c",
    }
    assert sum(1 for _, url in requests.requests if url.path == "/api/v1/move") == 2
    # A bare string is one path, not a sequence of one-letter paths.
    assert await client.move("/TV Shows/Show/Season 1/a.mkv", "/Movies") == ["/Movies/a.mkv"]
    assert (server.root / "Movies" / "a.mkv").read_text() == "a"
    assert await client.move([], "/Movies") == []


async def test_moving_onto_an_existing_name_overwrites_nothing(
    server: CloudCommander, client: CloudCommanderClient, requests: Probe
) -> None:
    write(server.root / "Downloads" / "movie.mkv", "the new download")
    write(server.root / "Movies" / MOVIE / "movie.mkv", "the copy already in the library")
    write(server.root / "Downloads" / "Extras" / "a.txt", "new extras")
    write(server.root / "Movies" / MOVIE / "Extras" / "b.txt", "old extras")
    write(server.root / "Downloads" / "fresh.srt", "subtitles")
    before = share_snapshot(server)
    requests.clear()

    for sources in (
        ["/Downloads/movie.mkv"],
        ["/Downloads/fresh.srt", "/Downloads/movie.mkv"],  # all or nothing
        ["/Downloads/Extras"],
    ):
        with pytest.raises(DestinationExists) as err:
            await client.move(sources, f"/Movies/{MOVIE}")
        assert "never overwrites" in str(err.value)
        with pytest.raises(DestinationExists):
            await client.copy(sources, f"/Movies/{MOVIE}")

    assert share_snapshot(server) == before
    sent = [url.path for method, url in requests.requests if method != "GET"]
    assert sent == [], "a clash must be found before anything is sent"
    # A name shared by two sources, and a move onto itself, are clashes too.
    write(server.root / "Downloaded" / "fresh.srt", "other subtitles")
    with pytest.raises(DestinationExists):
        await client.move(["/Downloads/fresh.srt", "/Downloaded/fresh.srt"], "/Movies")
    with pytest.raises(DestinationExists):
        await client.move(["/Downloads/fresh.srt"], "/Downloads")
    assert (server.root / "Downloads" / "fresh.srt").read_text() == "subtitles"


async def test_moving_a_folder_into_itself_is_refused(
    server: CloudCommander, client: CloudCommanderClient, requests: Probe
) -> None:
    write(server.root / "Movies" / "X" / "a.txt", "a")
    requests.clear()
    for op in (client.move, client.copy):
        with pytest.raises(UnsafePath):
            await op(["/Movies/X"], "/Movies/X/sub")
        with pytest.raises(UnsafePath):
            await op(["/Movies"], "/Movies/X")
    assert requests.requests == []
    assert sorted(tree_hashes(server.root / "Movies")) == ["X", "X/a.txt"]


async def test_copy_files_and_folders(server: CloudCommander, client: CloudCommanderClient) -> None:
    before = downloads_release(server)
    copied = await client.copy(
        ["/Downloads/Night.of.the.Living.Dead.1968.1080p.mkv", "/Downloads/Extras"],
        f"/Movies/{MOVIE}",
    )
    assert copied == [
        f"/Movies/{MOVIE}/Night.of.the.Living.Dead.1968.1080p.mkv",
        f"/Movies/{MOVIE}/Extras",
    ]
    for name, hashes in before.items():
        assert tree_hashes(server.root / "Downloads" / name) == hashes  # the source stays
        assert tree_hashes(server.root / "Movies" / MOVIE / name) == hashes


async def test_missing_sources_are_not_found_and_nothing_moves(
    server: CloudCommander, client: CloudCommanderClient, requests: Probe
) -> None:
    write(server.root / "Downloads" / "a.mkv", "a")
    requests.clear()
    with pytest.raises(NotFound):
        await client.move(["/Downloads/a.mkv", "/Downloads/missing.mkv"], "/Movies")
    with pytest.raises(NotFound):
        await client.copy(["/Nope/a.mkv"], "/Movies")
    with pytest.raises(NotFound):
        await client.rename("/Downloads/missing.mkv", "b.mkv")
    assert [method for method, _ in requests.requests if method != "GET"] == []
    assert (server.root / "Downloads" / "a.mkv").exists()
    write(server.root / "Downloads" / "file", "x")
    with pytest.raises(NotADirectory):
        await client.move(["/Downloads/a.mkv"], "/Downloads/file")
    assert (server.root / "Downloads" / "a.mkv").exists()


async def test_rename_within_a_folder(
    server: CloudCommander, client: CloudCommanderClient, requests: Probe
) -> None:
    write(server.root / "Movies" / "nightoflivingdead.mkv", "movie")
    write(server.root / "Movies" / "old folder" / "x.txt", "x")
    write(server.root / "Movies" / "taken.mkv", "keep me")

    assert (
        await client.rename("/Movies/nightoflivingdead.mkv", f"{MOVIE}.mkv")
        == f"/Movies/{MOVIE}.mkv"
    )
    assert (server.root / "Movies" / f"{MOVIE}.mkv").read_text() == "movie"
    assert not (server.root / "Movies" / "nightoflivingdead.mkv").exists()
    assert await client.rename("/Movies/old folder", MOVIE) == f"/Movies/{MOVIE}"
    assert (server.root / "Movies" / MOVIE / "x.txt").read_text() == "x"
    assert await client.rename("/Movies/taken.mkv", "taken.mkv") == "/Movies/taken.mkv"

    before = share_snapshot(server)
    requests.clear()
    with pytest.raises(DestinationExists):
        await client.rename(f"/Movies/{MOVIE}.mkv", "taken.mkv")
    for bad in ("a/b.mkv", "../x.mkv", "..", ".", "", "a\\b", "x\x00", "%2e%2e", "C:"):
        with pytest.raises(UnsafePath):
            await client.rename(f"/Movies/{MOVIE}.mkv", bad)
    assert share_snapshot(server) == before
    assert [method for method, _ in requests.requests if method != "GET"] == []


async def test_delete_a_file_and_a_folder(
    server: CloudCommander, client: CloudCommanderClient
) -> None:
    downloads = server.root / "Downloads"
    write(downloads / "a.txt", "a")
    write(downloads / "keep.txt", "k")
    write(downloads / "Folder" / "deep" / "b.txt", "b")
    await client.delete("/Downloads/a.txt")
    assert not (downloads / "a.txt").exists()
    await client.delete(["/Downloads/Folder", "/Downloads/Folder/deep/b.txt"])
    assert not (downloads / "Folder").exists()
    assert (downloads / "keep.txt").read_text() == "k"
    assert sorted(p.name for p in server.root.iterdir()) == sorted(SHARE_FOLDERS)
    await client.delete([])
    # All paths are checked first: one missing path deletes nothing.
    with pytest.raises(NotFound):
        await client.delete(["/Downloads/keep.txt", "/Downloads/missing.txt"])
    assert (downloads / "keep.txt").exists()


# --- the hazards ------------------------------------------------------------------------------

ESCAPES = [
    "../etc",
    f"../{SENTINEL}",
    "/Movies/../../x",
    f"/Movies/../../{SENTINEL}",
    "%2e%2e/x",
    f"%2e%2e/{SENTINEL}",
    "%2E%2E%2Fx",
    f"..%2f{SENTINEL}",
    "%252e%252e/x",
    "%25252e%25252e/x",
    f"Movies/%2e%2e/%2e%2e/{SENTINEL}",
    "..\\x",
    f"Movies\\..\\..\\{SENTINEL}",
    "Movies%5c..%5cx",
    "Movies/\x00",
    "Movies/%00",
    "Movies/a\nb",
    "Movies/\x7f",
    "C:/x",
    "c:\\x",
    "//server/x",
    "Movies/./../..",
    "..",
    "/..",
    "../",
    "．．/x",  # fullwidth dots: NFKC makes them ".."
    "Movies/\u2025/x",  # two-dot leader, NFKC ".."
]


def _operations(client: CloudCommanderClient, bad: str) -> list[Callable[[], Awaitable[object]]]:
    keep = "/Downloads/keep.txt"
    return [
        lambda: client.list(bad),
        lambda: client.exists(bad),
        lambda: client.stat(bad),
        lambda: client.hash(bad),
        lambda: client.mkdir(bad),
        lambda: client.delete(bad),
        lambda: client.delete([keep, bad]),
        lambda: client.move([bad], "/Movies"),
        lambda: client.move([keep], bad),
        lambda: client.copy([bad], "/Movies"),
        lambda: client.copy([keep], bad),
        lambda: client.rename(bad, "renamed"),
        lambda: client.rename(keep, bad),
    ]


@pytest.mark.parametrize("bad", ESCAPES)
async def test_escapes_are_refused_before_any_request(
    server: CloudCommander, client: CloudCommanderClient, requests: Probe, bad: str
) -> None:
    write(server.root / "Downloads" / "keep.txt", "keep")
    write(server.outside / "etc" / "passwd", "outside")
    write(server.outside / "x", "outside")
    before = share_snapshot(server)
    requests.clear()
    for operation in _operations(client, bad):
        with pytest.raises(UnsafePath):
            await operation()
    assert requests.requests == [], "the server must not be called at all"
    assert share_snapshot(server) == before
    assert (server.outside / SENTINEL).read_text() == "outside the share\n"


@pytest.mark.parametrize(
    "paths", ["/", "", ["/"], [""], ".", "/./", "//", "   ", ["/Downloads", "/"], ("Movies/..",)]
)
async def test_the_share_root_can_never_be_deleted(
    server: CloudCommander, client: CloudCommanderClient, requests: Probe, paths: Any
) -> None:
    write(server.root / "Downloads" / "keep.txt", "keep")
    requests.clear()
    with pytest.raises(UnsafePath):
        await client.delete(paths)
    assert requests.requests == []
    assert (server.root / "Downloads" / "keep.txt").read_text() == "keep"
    assert sorted(p.name for p in server.root.iterdir()) == sorted(SHARE_FOLDERS)
    assert server.alive()


async def test_root_guard_in_the_transport(client: CloudCommanderClient, requests: Probe) -> None:
    # Even a bug above the transport cannot send DELETE /api/v1/fs/.
    for suffix in ("/fs/", "/fs", "/fs/?files", "/fs?files"):
        with pytest.raises(UnsafePath):
            await client._call("DELETE", suffix, "delete everything")
    with pytest.raises(UnsafePath):
        await client._send_transfer("copy", SharePath(()), SharePath(("Movies",)), [])
    assert requests.requests == []


async def test_empty_destination_is_refused_and_the_server_lives(
    server: CloudCommander, client: CloudCommanderClient, requests: Probe
) -> None:
    write(server.root / "Downloads" / "a.txt", "a")
    requests.clear()
    for destination in ("", " ", "\t"):
        with pytest.raises(UnsafePath):
            await client.copy(["/Downloads/a.txt"], destination)
        with pytest.raises(UnsafePath):
            await client.move(["/Downloads/a.txt"], destination)
    assert requests.requests == []
    assert server.alive()
    assert (server.root / "Downloads" / "a.txt").read_text() == "a"
    # "/" is an explicit, valid destination: the share root.
    assert await client.copy(["/Downloads/a.txt"], "/") == ["/a.txt"]
    assert (server.root / "a.txt").read_text() == "a"
    assert server.alive()


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PUT", "/api/v1/copy", b'{"from":"/Downloads","names":["a.txt"]}'),
        ("GET", "/api/v1/fs/Downloads/a.txt/", None),
    ],
    ids=["copy-without-to", "file-with-trailing-slash"],
)
def test_the_hazards_are_real_and_alive_sees_a_crash(
    method: str, path: str, body: bytes | None
) -> None:
    """What the client prevents does kill the real server, and `alive()` notices."""
    allow_loopback()
    with CloudCommander() as victim:
        write(victim.root / "Downloads" / "a.txt", "a")
        assert victim.alive(settle=0)
        victim.raw(method, path, body)
        for _ in range(20):
            if not victim.alive(settle=0.1):
                break
        assert not victim.alive(settle=0), "cloudcmd survived; update the notes"
        assert victim.process is not None and victim.process.poll() is not None


async def test_unicode_spaces_and_url_characters_in_names(
    server: CloudCommander, client: CloudCommanderClient
) -> None:
    names = ["Amélie (2001).mkv", "東京 物語 1953.mkv", "100% Pure #1 ?x+y&z;w.mkv", "a%41 b.mkv"]
    for name in names:
        write(server.root / "Downloads" / name, name)
    folder = "/Movies/Ünïcødé Földer ✓"
    assert await client.mkdir(folder) == folder
    listed = {entry.name for entry in await client.list("/Downloads")}
    assert listed == set(names)
    assert await client.move([f"/Downloads/{n}" for n in names], folder) == [
        f"{folder}/{n}" for n in names
    ]
    on_disk = server.root / "Movies" / "Ünïcødé Földer ✓"
    assert {p.name: p.read_text() for p in on_disk.iterdir()} == {n: n for n in names}
    assert await client.rename(f"{folder}/a%41 b.mkv", "a%42 ç.mkv") == f"{folder}/a%42 ç.mkv"
    assert (on_disk / "a%42 ç.mkv").read_text() == "a%41 b.mkv"
    assert await client.exists(f"{folder}/100% Pure #1 ?x+y&z;w.mkv")
    assert (
        await client.hash(f"{folder}/東京 物語 1953.mkv")
        == hashlib.sha1("東京 物語 1953.mkv".encode()).hexdigest()
    )
    await client.copy([f"{folder}/Amélie (2001).mkv"], "/TV Shows/Ça va")
    assert (
        server.root / "TV Shows" / "Ça va" / "Amélie (2001).mkv"
    ).read_text() == "Amélie (2001).mkv"
    await client.delete([f"{folder}/{names[0]}", f"{folder}/{names[2]}", folder + "/a%42 ç.mkv"])
    assert {p.name for p in on_disk.iterdir()} == {names[1]}
    await client.delete(folder)
    assert not on_disk.exists()


async def test_names_that_cannot_be_addressed_are_not_listed(
    server: CloudCommander, client: CloudCommanderClient
) -> None:
    write(server.root / "Downloads" / "back\\slash.txt", "x")
    write(server.root / "Downloads" / "fine.txt", "y")
    assert [e.name for e in await client.list("/Downloads")] == ["fine.txt"]


# --- units: paths and answers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        ("Movies", "/Movies"),
        ("/Movies/", "/Movies"),
        ("Movies//X///", "/Movies/X"),
        ("./Movies/./X", "/Movies/X"),
        ("/TV Shows/Show (2020)/Season 01", "/TV Shows/Show (2020)/Season 01"),
        ("100%.mkv", "/100%.mkv"),
        ("a..b/...", "/a..b/..."),
        ("a%2e%2eb", "/a%2e%2eb"),
        ("Star Wars: A New Hope", "/Star Wars: A New Hope"),
        ("Ünïcødé/東京", "/Ünïcødé/東京"),
    ],
)
def test_normalize_keeps_literal_names(path: str, canonical: str) -> None:
    assert normalize(path) == canonical
    assert str(SharePath.of(path)) == canonical


def test_normalize_refuses_escapes_and_the_root() -> None:
    for bad in ESCAPES:
        with pytest.raises(UnsafePath):
            normalize(bad, allow_root=True)
    for root in ("/", ".", "/./", "./."):
        assert normalize(root, allow_root=True) == "/"
        with pytest.raises(UnsafePath):
            normalize(root)
    for empty in ("", "   "):
        with pytest.raises(UnsafePath):
            normalize(empty, allow_root=True)
    with pytest.raises(UnsafePath):
        normalize(None)  # type: ignore[arg-type]
    with pytest.raises(UnsafePath):
        SharePath(("Movies", ".."))
    with pytest.raises(UnsafePath):
        validate_name("a/b")
    assert issubclass(UnsafePath, ServiceError)
    assert issubclass(DestinationExists, ServiceError)


def test_every_control_character_and_the_backslash_are_refused() -> None:
    """The one-regex check refuses exactly what Unicode calls a control (Cc), and a backslash."""
    for code in (*range(0x10000), 0x1F600, 0xE0001, 0x10FFFF):
        char = chr(code)
        refused = char == "\\" or unicodedata.category(char) == "Cc"
        try:
            _check_form(f"ab{char}c", "x")
        except UnsafePath:
            assert refused, hex(code)
        else:
            assert not refused, hex(code)
    # A child is validated itself; its parent's parts were checked when it was made.
    parent = SharePath.of("/Downloaded")
    assert parent.child("x.mkv") == SharePath.of("/Downloaded/x.mkv")
    for bad in ("..", "a/b", "a\x00b", "", "a\\b"):
        with pytest.raises(UnsafePath):
            parent.child(bad)


def test_share_path_parts_and_url() -> None:
    path = SharePath.of("/Movies/100% Pure #1 ?.mkv")
    assert path.name == "100% Pure #1 ?.mkv"
    assert str(path.parent) == "/Movies"
    assert path.url_path == "/Movies/100%25%20Pure%20%231%20%3F.mkv"
    assert SharePath.of("/", allow_root=True).is_root
    assert SharePath.of("/", allow_root=True).parent.is_root
    assert SharePath.of("/Movies").contains(path)
    assert not path.contains(SharePath.of("/Movies"))


def _response(status: int, body: bytes) -> HttpResponse:
    return HttpResponse(status, CIMultiDictProxy(CIMultiDict()), body, "http://127.0.0.1/")


def test_success_bodies_are_parsed_defensively() -> None:
    client = CloudCommanderClient("http://127.0.0.1:1", SimpleNamespace(closed=True), None, None)  # type: ignore[arg-type]
    client._expect_ok(_response(200, b'move: ok("["a.txt"]")'), "move", "moving")
    client._expect_ok(_response(200, b'make dir: ok("A")'), "make dir", "creating")
    client._expect_ok(_response(200, b"delete: ok"), "delete", "deleting")
    client._expect_ok(_response(200, b'rename: ok("{"from":"/a","to":"/b"}")\n'), "rename", "r")
    # `/api/v1/mv` answers 200 with nothing and does nothing; other answers are not a success.
    for body, op in (
        (b"", "move"),
        (b'copy: ok("[]")', "move"),
        (b"ok", "move"),
        (b"<html>", "delete"),
    ):
        with pytest.raises(ParseError):
            client._expect_ok(_response(200, body), op, "x")


# --- a lying server: what the real one never does, but a proxy or an impostor might -----------


def _listing(*files: tuple[str, str]) -> web.Response:
    entries = [
        {"name": name, "size": 1, "date": "not a date", "owner": 0, "mode": 0, "type": kind}
        for name, kind in files
    ]
    return web.json_response({"path": "/srv/secret/share", "files": entries})


@contextlib.asynccontextmanager
async def liar(version: web.Response | None = None) -> AsyncIterator[str]:
    """Answers listings, confirms every write and performs none."""

    listings = {
        "/api/v1/fs/": _listing(
            ("Downloads", "directory"), ("Movies", "directory"), ("Broken", "directory")
        ),
        "/api/v1/fs/Downloads": _listing(("a.txt", "file")),
        "/api/v1/fs/Movies": _listing(),
        "/api/v1/fs/Broken": web.json_response({"path": "/srv", "files": [{"size": 1}]}),
    }

    async def handle(request: web.Request) -> web.StreamResponse:
        path = request.path
        if path == "/api/v1":
            return version or web.json_response({"version": "18.8.11"})
        if "hash" in request.query:
            return web.Response(text="not-a-sha1")
        if path in listings and request.method == "GET":
            listing = listings[path]
            return web.Response(body=listing.body, content_type="application/json")
        if path in ("/api/v1/move", "/api/v1/copy", "/api/v1/rename"):
            return web.Response(text=f'{path.rsplit("/", 1)[1]}: ok("[]")')
        return web.Response(status=404, text="ENOENT: no such file or directory, '/srv/x'")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}/"
    finally:
        await runner.cleanup()


async def test_a_claimed_success_is_verified(probe: tuple[aiohttp.ClientSession, Probe]) -> None:
    async with liar() as url:
        client = CloudCommanderClient(url, probe[0], None, None)
        entry = (await client.list("/Downloads"))[0]
        assert (entry.name, entry.modified, entry.size) == ("a.txt", None, 1)
        with pytest.raises(ServiceError, match="is not there"):
            await client.move(["/Downloads/a.txt"], "/Movies")
        with pytest.raises(ServiceError, match="is not there"):
            await client.copy(["/Downloads/a.txt"], "/Movies")
        with pytest.raises(ServiceError, match="is not there"):
            await client.rename("/Downloads/a.txt", "b.txt")
        with pytest.raises(ParseError):
            await client.hash("/Downloads/a.txt")
        with pytest.raises(ParseError):
            await client.list("/Broken")
        assert not await client.exists("/Nope/x")
        assert await client.exists("/")


@pytest.mark.parametrize(
    ("answer", "error", "text"),
    [
        (
            lambda: web.Response(status=302, headers={"Location": "/login"}),
            ServiceError,
            "redirected",
        ),
        (
            lambda: web.Response(status=500, text="Path /srv/a/b beyond root /srv!\n at x"),
            ServerError,
            "<path>",
        ),
        (
            lambda: web.Response(status=404, text='"to" should be filled'),
            ServiceError,
            '"to" should',
        ),
        (lambda: web.Response(status=404, text=""), ServiceError, "no details"),
        (lambda: web.json_response({"name": "something else"}), ParseError, "not look like"),
        (lambda: web.Response(status=403, text="no"), InvalidAuth, "refused"),
    ],
)
async def test_unexpected_answers(
    probe: tuple[aiohttp.ClientSession, Probe],
    answer: Callable[[], web.Response],
    error: type[Exception],
    text: str,
) -> None:
    async with liar(answer()) as url:
        client = CloudCommanderClient(url, probe[0], None, None)
        with pytest.raises(error) as err:
            await client.version()
        assert text in str(err.value)
        assert "/srv" not in str(err.value)


def test_parse_listing_rejects_garbage_and_drops_server_paths() -> None:
    directory = SharePath.of("/Downloads")
    payloads: list[Any] = [None, [], {"files": None}, {"files": [{"size": 1}]}, {"files": ["x"]}]
    for payload in payloads:
        with pytest.raises(ParseError):
            parse_listing(payload, directory)
    entries = parse_listing(
        {"path": "/srv/share/Downloads", "files": [{"name": "a", "type": "file-link", "size": 3}]},
        directory,
    )
    assert entries[0].link and entries[0].type == "file" and entries[0].size is None
    assert "/srv" not in repr(entries)
    assert SharePath.of(SharePath.of("/Movies")) == SharePath.of("Movies")
    with pytest.raises(UnsafePath, match="percent-encoding"):
        normalize("%" + "25" * 12 + "2e")
