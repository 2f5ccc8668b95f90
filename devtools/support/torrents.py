"""Make real .torrent files (BitTorrent v1, single file) without external tools."""

from __future__ import annotations

from dataclasses import dataclass
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from devtools.support.qbittorrent_daemon import QBittorrentDaemon

PIECE_LENGTH = 256 * 1024


def bencode(value: object) -> bytes:
    """Encode ints, bytes, str, lists and dicts (keys sorted) as bencode."""
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, list):
        return b"l" + b"".join(bencode(v) for v in value) + b"e"
    if isinstance(value, dict):
        items = sorted((k.encode() if isinstance(k, str) else k, v) for k, v in value.items())
        return b"d" + b"".join(bencode(k) + bencode(v) for k, v in items) + b"e"
    raise TypeError(type(value))


@dataclass(frozen=True)
class TorrentFile:
    """A generated payload and its .torrent."""

    path: Path
    content: bytes
    infohash: str
    name: str
    size: int


def make_payload(directory: Path, name: str, size: int, seed: bytes = b"") -> Path:
    """Write `size` pseudo-random bytes (deterministic per name and seed)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    block = hashlib.sha256(name.encode() + seed).digest() * 2048  # 64 KiB
    with path.open("wb") as fh:
        left = size
        counter = 0
        while left > 0:
            chunk = hashlib.sha256(counter.to_bytes(8, "big") + seed).digest() + block
            fh.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
            counter += 1
    return path


def make_torrent(
    payload: Path, comment: str = "Pandora test", announce: str | None = None
) -> TorrentFile:
    """Hash the payload into a single-file torrent (with no tracker unless `announce`)."""
    pieces = bytearray()
    with payload.open("rb") as fh:
        while chunk := fh.read(PIECE_LENGTH):
            pieces += hashlib.sha1(chunk).digest()
    size = payload.stat().st_size
    info = {
        "name": payload.name,
        "length": size,
        "piece length": PIECE_LENGTH,
        "pieces": bytes(pieces),
    }
    meta: dict[str, object] = {"info": info, "comment": comment, "created by": "Pandora tests"}
    if announce:
        meta["announce"] = announce
    content = bencode(meta)
    return TorrentFile(
        path=payload,
        content=content,
        infohash=hashlib.sha1(bencode(info)).hexdigest(),
        name=payload.name,
        size=size,
    )


def random_suffix() -> str:
    """A short unique tag for names."""
    return os.urandom(4).hex()


def add_stalled(daemon: QBittorrentDaemon, source: Path, name: str) -> TorrentFile:
    """A torrent nobody seeds, added to a real daemon: it stays downloading at 0 %."""
    torrent = make_torrent(make_payload(source, name, 300_000))
    daemon.add_torrent_file(torrent.content, daemon.downloads / "stalled")
    return torrent
