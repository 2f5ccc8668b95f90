"""Async Cloud Commander client (REST API v1) on an injected aiohttp session.

Facts it relies on (../shared/notes/service-apis.md §2, checked against Cloud Commander 18.8.11):
- HTTP Basic auth; a refusal is `401`. Every other error is `404` with a text body: the Node
  error (`ENOENT: …, scandir '<absolute path>'`) or a validation message.
- Success bodies are `<op>: ok("<json>")`; unknown commands (`/api/v1/mv`) answer an empty `200`
  and do nothing, so a success is only believed when the body says so.
- Only `/api/v1/fs/<path>` URLs are confined to the share. The paths in move/copy/rename bodies
  are not (`"to":"/../x"` writes outside the root), `DELETE /api/v1/fs/` deletes the whole root,
  `copy` without `to` crashes the server, and so does `GET` of a *file* path with a trailing `/`.
  Move, copy and rename silently overwrite existing names.
Hence every path goes through `normalize()` before any request, the root is never a target of a
destructive call, no URL path except the root ever ends with `/`, and the client checks for name
clashes itself: Pandora never overwrites (a race with another writer remains possible).
Error messages carry share-relative paths only: no credentials, no absolute server paths.
"""

from __future__ import annotations

import base64
import builtins
from collections.abc import Iterable, Iterator, Sequence
import contextlib
from dataclasses import dataclass, field
from datetime import datetime
import re
from typing import Any, Literal
import unicodedata
from urllib.parse import quote, unquote

import aiohttp
from yarl import URL

from .errors import InvalidAuth, NotFound, PandoraError, ParseError, ServerError, ServiceError
from .http import HttpResponse, fetch, redact

MAX_BYTES = 32 * 1024 * 1024  # a raw listing costs ~150 bytes per entry
MAX_DECODE_ROUNDS = 8  # more nested percent-encoding than this is an attack, not a name
_DRIVE = re.compile(r"^[A-Za-z]:")
# A backslash, or a control character: Unicode's category Cc is exactly these 65 code points
# (a stable property: no version adds any).
_REFUSED_CHAR = re.compile(r"[\\\x00-\x1f\x7f-\x9f]")
_SUCCESS = re.compile(r"^\s*(?P<op>[a-z][a-z ]*): ok(?:\(.*\))?\s*$", re.DOTALL)
_NODE_ERROR = re.compile(r"^(?P<code>E[A-Z]+): (?P<text>[^,\n]+)")
_QUOTED = re.compile(r"'[^']*/[^']*'|\"[^\"]*/[^\"]*\"")  # quoted paths, not words
_ABSOLUTE = re.compile(r"(?<![\w.])/[^\s'\",)]+")
_SHA1 = re.compile(r"^[0-9a-f]{40}$")

EntryType = Literal["file", "directory"]


class UnsafePath(ServiceError):
    """A path was refused before any request: it could leave the share or target its root."""


class DestinationExists(ServiceError):
    """The destination already holds a name a move/copy/rename would overwrite."""


class NotADirectory(ServiceError):
    """A folder was expected but the path is a file."""


def _check_form(form: str, original: str) -> None:
    """Refuse one (decoded) spelling of a path if it could escape the share on any platform."""
    # One regex search, not a Python loop over every character: a 5,000-entry listing checks
    # 10,000 names.
    if (found := _REFUSED_CHAR.search(form)) is not None:
        if found.group() == "\\":
            raise UnsafePath(f"Backslashes are not allowed in share paths: {original!r}")
        raise UnsafePath(f"Control characters are not allowed in share paths: {original!r}")
    if form.startswith("//"):
        raise UnsafePath(f"Network paths are not share paths: {original!r}")
    segments = [segment for segment in form.split("/") if segment]
    if ".." in segments:
        raise UnsafePath(f"'..' is not allowed in share paths: {original!r}")
    if segments and _DRIVE.match(segments[0]):
        raise UnsafePath(f"Drive letters are not share paths: {original!r}")


def normalize(path: str, *, allow_root: bool = False) -> str:
    """The canonical share-relative form of `path` ("/A/B"), or `UnsafePath`.

    Every spelling a server, proxy or filesystem might see is checked: the text as given, each
    round of percent-decoding until it is stable (`%252e%252e` → `%2e%2e` → `..`), and their
    NFKC forms (fullwidth `．．`). `..` is refused outright, `.` and empty segments are dropped.
    The result keeps the literal name: `100%.mkv` stays `100%.mkv`. The empty path is always
    refused; the share root ("/") only with `allow_root`, so a destructive call cannot reach it.
    """
    if not isinstance(path, str):
        raise UnsafePath(f"A share path must be a string, not {type(path).__name__}")
    if not path.strip():
        raise UnsafePath("An empty path is not a share path")
    forms = [path]
    for _ in range(MAX_DECODE_ROUNDS):
        decoded = unquote(forms[-1], errors="replace")
        if decoded == forms[-1]:
            break
        forms.append(decoded)
    else:
        raise UnsafePath(f"Too many layers of percent-encoding: {path!r}")
    for form in forms:
        _check_form(form, path)
        _check_form(unicodedata.normalize("NFKC", form), path)
    segments = [segment for segment in path.split("/") if segment not in ("", ".")]
    if not segments and not allow_root:
        raise UnsafePath("The share root itself cannot be the target of this operation")
    return "/" + "/".join(segments)


@dataclass(frozen=True, slots=True)
class SharePath:
    """A validated, share-relative POSIX path, made with `SharePath.of` (parts checked anyway)."""

    parts: tuple[str, ...]

    def __post_init__(self) -> None:
        for part in self.parts:
            validate_name(part)  # the invariant holds however the path was built

    @classmethod
    def of(cls, path: str | SharePath, *, allow_root: bool = False) -> SharePath:
        """Validate `path` with `normalize()`."""
        if isinstance(path, SharePath):
            path = str(path)
        canonical = normalize(path, allow_root=allow_root)
        return cls(tuple(part for part in canonical.split("/") if part))

    def __str__(self) -> str:
        return "/" + "/".join(self.parts)

    @property
    def is_root(self) -> bool:
        """Whether this is the share root."""
        return not self.parts

    @property
    def name(self) -> str:
        """The last segment ("" for the root)."""
        return self.parts[-1] if self.parts else ""

    @property
    def parent(self) -> SharePath:
        """The containing folder (the root is its own parent)."""
        return SharePath(self.parts[:-1])

    def child(self, name: str) -> SharePath:
        """The path of `name` inside this folder (`name` validated as one segment)."""
        validate_name(name)
        return SharePath._checked((*self.parts, name))

    @classmethod
    def _checked(cls, parts: tuple[str, ...]) -> SharePath:
        """A path of parts already validated (no second check of every parent's name)."""
        path = object.__new__(cls)
        object.__setattr__(path, "parts", parts)
        return path

    def contains(self, other: SharePath) -> bool:
        """Whether `other` is this path or lies below it."""
        return other.parts[: len(self.parts)] == self.parts

    @property
    def url_path(self) -> str:
        """The percent-encoded URL form; never ends with "/" except for the root.

        Cloud Commander decodes once, so names with `%`, `#`, `?` or spaces arrive literally.
        A trailing slash after a file path would crash it.
        """
        return "/" + "/".join(quote(part, safe="") for part in self.parts)


def validate_name(name: str) -> str:
    """One path segment (a file or folder name), or `UnsafePath`."""
    if not isinstance(name, str) or "/" in name or name in ("", ".", ".."):
        raise UnsafePath(f"Not a single file name: {name!r}")
    normalize(name)  # the same checks as for a path: encodings, controls, drive letters
    return name


@dataclass(frozen=True, slots=True, kw_only=True)
class FileEntry:
    """One file or folder of a listing."""

    name: str
    type: EntryType
    size: int | None  # bytes; None for folders and links
    modified: datetime | None
    path: str  # share-relative, e.g. "/Downloads/movie.mkv"
    link: bool = False  # a symbolic link (`type` is that of its target's kind)

    @property
    def is_dir(self) -> bool:
        """Whether this is a folder (or a link to one)."""
        return self.type == "directory"


def _parse_date(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def parse_listing(payload: Any, directory: SharePath) -> list[FileEntry]:
    """A `?raw` listing as entries; its `path` (the absolute server path) is dropped."""
    if not isinstance(payload, dict) or not isinstance(payload.get("files"), list):
        raise ParseError(f"Cloud Commander sent an unexpected listing for {directory}")
    entries: list[FileEntry] = []
    for item in payload["files"]:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ParseError(f"Cloud Commander sent an unexpected listing for {directory}")
        name = item["name"]
        try:
            path = directory.child(name)
        except UnsafePath:
            continue  # a name we could never address safely is not offered at all
        kind = str(item.get("type", "file"))
        link = kind.endswith("-link")
        is_dir = kind.startswith("directory")
        size = item.get("size")
        entries.append(
            FileEntry(
                name=name,
                type="directory" if is_dir else "file",
                size=size if isinstance(size, int) and not is_dir and not link else None,
                modified=_parse_date(item.get("date")),
                path=str(path),
                link=link,
            )
        )
    return entries


def _as_list(paths: str | Iterable[str]) -> list[str]:
    # A bare string is a Sequence too: iterating it would act on single characters.
    return [paths] if isinstance(paths, str) else list(paths)


@dataclass
class CloudCommanderClient:
    """Talks to one Cloud Commander server; every path is relative to its share root."""

    url: str
    session: aiohttp.ClientSession
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    verify_ssl: bool = True
    request_timeout: float = 30.0
    transfer_timeout: float = 600.0  # copies and hashes of large files take a while

    @property
    def base_url(self) -> URL:
        """The server root (credentials stripped), ending with a slash; `--prefix` works."""
        url = URL(self.url).with_user(None).with_password(None)
        return url if url.path.endswith("/") else url.with_path(url.path + "/")

    def _api(self, suffix: str) -> str:
        return str(self.base_url).rstrip("/") + "/api/v1" + suffix

    # --- transport --------------------------------------------------------------------------

    def _redact(self, text: str) -> str:
        secrets = [self.password]
        if self.username and len(self.username) >= 3:  # a shorter one would mangle any text
            secrets.append(self.username)
        if self.username is not None:
            secrets.append(self._auth_header().removeprefix("Basic "))
        return redact(text, secrets)

    def _auth_header(self) -> str:
        # Cloud Commander decodes Basic credentials as UTF-8 (latin-1 fails for "ä").
        token = f"{self.username or ''}:{self.password or ''}".encode()
        return "Basic " + base64.b64encode(token).decode()

    @contextlib.contextmanager
    def _scrubbed(self) -> Iterator[None]:
        """Redact credentials from every error raised inside (paths are the caller's text)."""
        try:
            yield
        except PandoraError as err:
            err.args = tuple(self._redact(a) if isinstance(a, str) else a for a in err.args)
            raise

    async def _call(
        self,
        method: str,
        suffix: str,
        what: str,
        *,
        json_body: Any = None,
        time_limit: float | None = None,
    ) -> HttpResponse:
        """One API request; errors mapped, messages free of secrets and absolute paths."""
        # Last line of defence: nothing may ever DELETE the share root.
        if method == "DELETE" and suffix.split("?", 1)[0].rstrip("/") == "/fs":
            raise UnsafePath("Refusing to delete the share root")
        headers = {"Authorization": self._auth_header()} if self.username is not None else {}
        with self._scrubbed():
            resp = await fetch(
                self.session,
                method,
                self._api(suffix),
                headers=headers,
                json_body=json_body,
                request_timeout=time_limit or self.request_timeout,
                verify_ssl=self.verify_ssl,
                max_bytes=MAX_BYTES,
            )
            if resp.status == 200:
                return resp
            if resp.status in (401, 403):
                raise InvalidAuth(f"Cloud Commander refused the credentials (HTTP {resp.status})")
            if 300 <= resp.status < 400:
                raise ServiceError(
                    f"Cloud Commander redirected the request (HTTP {resp.status}); check the URL"
                )
            detail = _error_detail(resp.reason(None))
            if resp.status == 404 and detail.startswith("ENOENT"):
                raise NotFound(f"{what}: no such file or folder")
            if resp.status == 404 and detail.startswith("ENOTDIR"):
                raise NotADirectory(f"{what}: a file is in the way of a folder")
            error = ServerError if resp.status >= 500 else ServiceError  # 5xx: a proxy, a restart
            raise error(f"Cloud Commander failed to {what} (HTTP {resp.status}): {detail}")

    def _expect_ok(self, resp: HttpResponse, op: str, what: str) -> None:
        """Believe a write only if the body says `<op>: ok(…)` (unknown routes answer 200 "")."""
        match = _SUCCESS.match(resp.text())
        if match is None or match.group("op") != op:
            raise ParseError(f"Cloud Commander did not confirm {what}")

    # --- reading ----------------------------------------------------------------------------

    async def version(self) -> str:
        """The server version (`GET /api/v1`); the connection test."""
        resp = await self._call("GET", "", "answer the version request")
        payload = resp.json()
        if not isinstance(payload, dict) or not isinstance(payload.get("version"), str):
            raise ParseError("The server at this URL does not look like Cloud Commander")
        return str(payload["version"])

    async def _listing(self, directory: SharePath) -> Any:
        """A folder's `?raw` listing as sent; the caller knows `directory` is not a file."""
        # No trailing slash (see url_path); the root is the only path that has one.
        suffix = "/fs" + (directory.url_path if not directory.is_root else "/") + "?raw"
        resp = await self._call("GET", suffix, f"list {directory}")
        content_type = resp.headers.get("Content-Type", "")
        if not content_type.startswith("application/json"):
            if directory.is_root:  # never a file: something else answered (a login page)
                sent = resp.reason(80) or "nothing"
                raise ParseError(f"Cloud Commander sent {sent} instead of the listing of /")
            raise NotADirectory(f"{directory} is a file, not a folder")
        return resp.json()

    async def _entries(self, directory: SharePath) -> dict[str, FileEntry]:
        """A folder's entries by name; the caller knows `directory` is not a file."""
        listing = await self._listing(directory)
        return {entry.name: entry for entry in parse_listing(listing, directory)}

    async def _stat(self, path: SharePath) -> FileEntry | None:
        """The entry at `path`, from its parent's listing; None if missing."""
        if path.is_root:
            return FileEntry(name="", type="directory", size=None, modified=None, path="/")
        try:
            listing = await self._listing(path.parent)
        except NotFound:
            return None
        # Only that entry is parsed: the parent may hold thousands.
        files = listing.get("files") if isinstance(listing, dict) else None
        if not isinstance(files, list):
            raise ParseError(f"Cloud Commander sent an unexpected listing for {path.parent}")
        own = [f for f in files if isinstance(f, dict) and f.get("name") == path.name]
        return next(iter(parse_listing({"files": own[:1]}, path.parent)), None)

    async def _require_dir(self, path: SharePath) -> None:
        entry = await self._stat(path)
        if entry is None:
            raise NotFound(f"{path}: no such folder")
        if not entry.is_dir:
            raise NotADirectory(f"{path} is a file, not a folder")

    async def list(self, path: str = "/") -> list[FileEntry]:
        """The entries of a folder (folders first), with exact sizes and dates."""
        with self._scrubbed():
            directory = SharePath.of(path, allow_root=True)
            # Asking for a file as if it were a folder would download it: check its type first.
            await self._require_dir(directory)
            return list((await self._entries(directory)).values())

    async def exists(self, path: str) -> bool:
        """Whether a file or folder exists at `path`."""
        with self._scrubbed():
            target = SharePath.of(path, allow_root=True)
            if target.is_root:
                try:
                    await self._entries(target)
                except NotFound:
                    return False
                return True
            try:
                # The parent's own listing first: asking a file for its entries would download it.
                parent = await self._stat(target.parent)
                if parent is None or not parent.is_dir:
                    return False
                return await self._stat(target) is not None
            except NotADirectory:
                return False

    async def stat(self, path: str) -> FileEntry:
        """The entry at `path`, or `NotFound`."""
        with self._scrubbed():
            target = SharePath.of(path, allow_root=True)
            entry = await self._stat(target)
            if entry is None:
                raise NotFound(f"{target}: no such file or folder")
            return entry

    async def hash(self, path: str) -> str:
        """The SHA-1 (hex) of a file's content, computed by the server."""
        with self._scrubbed():
            target = SharePath.of(path)
            entry = await self._stat(target)
            if entry is None:
                raise NotFound(f"{target}: no such file")
            if entry.is_dir:
                raise ServiceError(f"{target} is a folder, not a file")
            resp = await self._call(
                "GET",
                "/fs" + target.url_path + "?hash",
                f"hash {target}",
                time_limit=self.transfer_timeout,
            )
            digest = resp.text().strip()
            if not _SHA1.match(digest):
                raise ParseError(f"Cloud Commander sent an unexpected hash for {target}")
            return digest

    # --- writing ----------------------------------------------------------------------------

    async def mkdir(self, path: str) -> str:
        """Create a folder and any missing parents (like `mkdir -p`); returns its path."""
        with self._scrubbed():
            target = SharePath.of(path)
            resp = await self._call("PUT", "/fs" + target.url_path + "?dir", f"create {target}")
            self._expect_ok(resp, "make dir", f"creating {target}")
            return str(target)

    async def move(self, sources: str | Sequence[str], destination_dir: str) -> builtins.list[str]:
        """Move files/folders into `destination_dir` (created if missing); never overwrites.

        Returns the new paths. `DestinationExists` if a name is already taken there.
        """
        return await self._transfer("move", sources, destination_dir)

    async def copy(self, sources: str | Sequence[str], destination_dir: str) -> builtins.list[str]:
        """Copy files/folders (recursively) into `destination_dir`; never overwrites."""
        return await self._transfer("copy", sources, destination_dir)

    async def _transfer(
        self, op: Literal["move", "copy"], sources: str | Sequence[str], destination_dir: str
    ) -> builtins.list[str]:
        with self._scrubbed():
            # Validate everything before the first request.
            items = list(dict.fromkeys(SharePath.of(s) for s in _as_list(sources)))
            destination = SharePath.of(destination_dir, allow_root=True)
            if not items:
                return []
            names = [item.name for item in items]
            if len(set(names)) != len(names):
                raise DestinationExists(
                    f"Two sources share a name; cannot {op} both into one folder"
                )
            for item in items:
                if item.contains(destination):
                    raise UnsafePath(f"Cannot {op} {item} into itself ({destination})")
            by_parent: dict[SharePath, list[str]] = {}
            for item in items:
                by_parent.setdefault(item.parent, []).append(item.name)
            for parent, group in by_parent.items():
                present = await self._entries(parent)
                missing = [name for name in group if name not in present]
                if missing:
                    raise NotFound(f"{op}: {parent.child(missing[0])}: no such file or folder")
            target = await self._stat(destination)
            if target is not None and not target.is_dir:
                raise NotADirectory(f"{destination} is a file, not a folder")
            if target is None:
                await self.mkdir(str(destination))
            else:
                taken = sorted(set(names) & set(await self._entries(destination)))
                if taken:
                    raise DestinationExists(
                        f"{destination} already has {', '.join(taken)}; Pandora never overwrites"
                    )
            for parent, group in by_parent.items():
                await self._send_transfer(op, parent, destination, group)
            arrived = await self._entries(destination)
            lost = [name for name in names if name not in arrived]
            if lost:
                raise ServiceError(f"Cloud Commander reported a {op} but {lost[0]} is not there")
            return [str(destination.child(name)) for name in names]

    async def _send_transfer(
        self, op: str, parent: SharePath, destination: SharePath, names: builtins.list[str]
    ) -> None:
        body = {"from": str(parent), "to": str(destination), "names": names}
        # Without a non-empty `to`, copy crashes the server and move fails: never send that.
        if not body["to"] or not body["from"] or not names or not all(names):
            raise UnsafePath(f"Refusing an incomplete {op} request")
        what = f"{op} {', '.join(names)} from {parent} to {destination}"
        resp = await self._call(
            "PUT", f"/{op}", what, json_body=body, time_limit=self.transfer_timeout
        )
        self._expect_ok(resp, op, what)

    async def rename(self, path: str, new_name: str) -> str:
        """Rename a file/folder within its folder; never overwrites. Returns the new path."""
        with self._scrubbed():
            source = SharePath.of(path)
            target = source.parent.child(new_name)
            if target == source:
                return str(source)
            siblings = await self._entries(source.parent)
            if source.name not in siblings:
                raise NotFound(f"rename: {source}: no such file or folder")
            if new_name in siblings:
                raise DestinationExists(f"{target} already exists; Pandora never overwrites")
            what = f"rename {source} to {new_name}"
            body = {"from": str(source), "to": str(target)}
            resp = await self._call("PUT", "/rename", what, json_body=body)
            self._expect_ok(resp, "rename", what)
            if new_name not in await self._entries(source.parent):
                raise ServiceError(f"Cloud Commander reported a rename but {target} is not there")
            return str(target)

    async def delete(self, paths: str | Sequence[str]) -> None:
        """Delete files and folders (recursively). The share root can never be deleted.

        All paths are validated and checked to exist before the first deletion.
        """
        with self._scrubbed():
            targets = list(dict.fromkeys(SharePath.of(p) for p in _as_list(paths)))
            by_parent: dict[SharePath, list[SharePath]] = {}
            for target in targets:
                by_parent.setdefault(target.parent, []).append(target)
            for parent, group in by_parent.items():
                present = await self._entries(parent)
                for target in group:
                    if target.name not in present:
                        raise NotFound(f"delete: {target}: no such file or folder")
            for target in targets:
                if any(other != target and other.contains(target) for other in targets):
                    continue  # already gone with a folder above it
                # One DELETE per path: `?files` would put the root's fate in a request body.
                resp = await self._call("DELETE", "/fs" + target.url_path, f"delete {target}")
                self._expect_ok(resp, "delete", f"deleting {target}")


def _error_detail(text: str) -> str:
    """A short, path-free reason from an error body (Node errors name absolute paths)."""
    first = text.strip().splitlines()[0] if text.strip() else "no details"
    node = _NODE_ERROR.match(first)
    if node:
        return f"{node.group('code')}: {node.group('text').strip()}"
    first = _ABSOLUTE.sub("<path>", _QUOTED.sub("'…'", first))
    return first[:200]
