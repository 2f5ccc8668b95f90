"""Typed Jackett/Torznab models and the XML parsers that build them.

Jackett answers Torznab in XML (../shared/notes/service-apis.md §6): an RSS 2.0 feed with
`torznab:attr` elements for searches, `<caps>` for capabilities, `<indexers>` for
`t=indexers`, and `<error code=".." description=".."/>` for failures (often with HTTP 200).
Parsing is hardened: no DTDs or entities (billion laughs, XXE), and anything malformed raises
`ParseError` only. Optional fields that an indexer fills with garbage become `None` rather than
sinking the whole page: one odd item must not hide the other ninety-nine.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
import math
import re
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree as ET

from defusedxml import ElementTree as DefusedET  # type: ignore[import-untyped]

from .errors import InvalidAuth, NotFound, PandoraError, ParseError, RateLimited, ServiceError
from .http import http_url, redact

TORZNAB_NS = "http://torznab.com/schemas/2015/feed"
# Newznab feeds (and some Torznab servers) use the Newznab attribute namespace.
NEWZNAB_NS = "http://www.newznab.com/DTD/2010/feeds/attributes/"
_ATTR_TAGS = (f"{{{TORZNAB_NS}}}attr", f"{{{NEWZNAB_NS}}}attr")

# Torznab error codes Jackett uses (ResultsController.cs).
ERROR_INVALID_API_KEY = 100
ERROR_BAD_PARAMETER = 201
ERROR_NOT_AVAILABLE = 203
ERROR_INDEXER = 900  # any indexer failure; HTTP 429 makes it a rate limit

# Torznab `t=` values and the `<searching>` element naming each mode in caps.
MODE_TAGS: Mapping[str, str] = {
    "search": "search",
    "tvsearch": "tv-search",
    "movie": "movie-search",
    "music": "music-search",
    "audio": "audio-search",
    "book": "book-search",
}

_HEX40 = re.compile(r"[0-9a-fA-F]{40}")
_BASE32 = re.compile(r"[A-Za-z2-7]{32}")
_IMDB = re.compile(r"(?:tt)?(\d{1,10})", re.IGNORECASE)
_RATE_LIMIT_TEXT = re.compile(r"(?i)too many requests|rate.?limit|\b429\b")
_DESCRIPTION_MAX = 300


# --- models -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class TorznabResult:
    """One release from a Torznab feed."""

    title: str
    guid: str
    indexer_id: str | None
    indexer_name: str | None
    size: int | None = None
    seeders: int | None = None
    leechers: int | None = None
    grabs: int | None = None
    files: int | None = None
    magnet_uri: str | None = None
    infohash: str | None = None
    # Jackett's proxied links carry its API key: keep them out of reprs and logs.
    torrent_url: str | None = field(default=None, repr=False)
    details_url: str | None = None
    categories: tuple[int, ...] = ()
    imdb_id: str | None = None
    tmdb_id: int | None = None
    tvdb_id: int | None = None
    publish_date: datetime | None = None
    download_volume_factor: float | None = None
    upload_volume_factor: float | None = None
    indexer_type: str | None = None

    @property
    def download_uri(self) -> str | None:
        """What to hand a torrent client: the magnet when there is one, else the torrent URL."""
        return self.magnet_uri or self.torrent_url

    @property
    def freeleech(self) -> bool:
        """Downloading does not count against the ratio on this (private) tracker."""
        return self.download_volume_factor == 0


@dataclass(frozen=True, slots=True)
class SearchMode:
    """One `<searching>` entry of the caps: whether it works and with which parameters."""

    name: str
    available: bool
    supported_params: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class JackettCaps:
    """What a Jackett indexer (or the `all` aggregate) can search for."""

    server_title: str | None = None
    limit_default: int | None = None
    limit_max: int | None = None
    search_modes: Mapping[str, SearchMode] = field(default_factory=dict)
    # Every category id, subcategories included, to its name.
    categories: Mapping[int, str] = field(default_factory=dict)
    # Top-level category id to its subcategory ids.
    subcategories: Mapping[int, tuple[int, ...]] = field(default_factory=dict)

    def supports(self, mode: str, param: str | None = None) -> bool:
        """Whether `t=mode` (e.g. `movie`) is available, with `param` (e.g. `imdbid`) if given."""
        search_mode = self.search_modes.get(MODE_TAGS.get(mode, mode))
        if search_mode is None or not search_mode.available:
            return False
        return param is None or param in search_mode.supported_params


@dataclass(frozen=True, slots=True, kw_only=True)
class JackettIndexer:
    """One indexer from `t=indexers`."""

    id: str
    name: str
    configured: bool
    description: str | None = None
    link: str | None = None
    language: str | None = None
    type: str | None = None
    caps: JackettCaps | None = None

    @property
    def private(self) -> bool:
        """Private trackers need an account (Jackett types: public, semi-private, private)."""
        return self.type not in (None, "public")


# --- XML plumbing -----------------------------------------------------------------------------


def _document(xml: bytes, what: str, http_status: int | None) -> ET.Element:
    """The root element, or the mapped error when Jackett sent an `<error>` document."""
    try:
        # forbid_dtd refuses any DOCTYPE, so entity expansion and external references never run.
        root: ET.Element = DefusedET.fromstring(xml, forbid_dtd=True)
    except (ET.ParseError, ValueError, LookupError, TypeError) as err:
        # ValueError covers defusedxml's DTDForbidden/EntitiesForbidden; LookupError and
        # TypeError an XML declaration naming a codec expat cannot use.
        raise ParseError(f"Jackett sent malformed XML for {what}") from err
    if root.tag == "error":
        raise error_from_element(root, http_status)
    return root


def error_from_element(element: ET.Element, http_status: int | None = None) -> PandoraError:
    """The Pandora error for a Torznab `<error code=".." description=".."/>` (not raised)."""
    code = _int(element.get("code"))
    description = redact(" ".join((element.get("description") or "").split()))
    if len(description) > _DESCRIPTION_MAX:
        description = description[: _DESCRIPTION_MAX - 1] + "…"
    message = f"Jackett error {code if code is not None else '?'}: {description or 'no details'}"
    if code == ERROR_INVALID_API_KEY:
        return InvalidAuth("Jackett refused the API key")
    # Jackett sends 900 for every indexer failure; only HTTP 429 (or its text) means slow down.
    if http_status == 429 or (code == ERROR_INDEXER and _RATE_LIMIT_TEXT.search(description)):
        return RateLimited(message)
    if code == ERROR_BAD_PARAMETER and description.lower().startswith("indexer is not"):
        return NotFound(message)  # "Indexer is not supported" / "... not configured"
    return ServiceError(message)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _child_text(element: ET.Element, tag: str) -> str | None:
    child = element.find(tag)
    if child is None or child.text is None:
        return None
    return child.text.strip() or None


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:  # also: more digits than Python converts
        return None


def _count(value: str | None) -> int | None:
    """A non-negative count (size, seeders…); anything else is unknown."""
    number = _int(value)
    return number if number is not None and number >= 0 else None


def _float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _date(value: str | None) -> datetime | None:
    """An RFC 822 date such as `Sat, 14 Mar 2015 17:10:42 -0400` (no colon in the offset)."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except TypeError, ValueError, OverflowError, IndexError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _magnet(value: str | None) -> str | None:
    if value and value.lower().startswith("magnet:?"):
        return value
    return None


def normalize_infohash(value: str | None) -> str | None:
    """A BitTorrent v1 infohash as 40 lowercase hex digits (hex or base32 input), else None."""
    if not value:
        return None
    value = value.strip()
    if _HEX40.fullmatch(value):
        return value.lower()
    if _BASE32.fullmatch(value):
        try:
            return base64.b32decode(value.upper()).hex()
        except binascii.Error:  # pragma: no cover - the pattern admits only valid base32
            return None
    return None


def infohash_from_magnet(magnet: str | None) -> str | None:
    """The infohash of a magnet's `xt=urn:btih:` (hex or base32), else None."""
    if not magnet:
        return None
    for xt in parse_qs(urlsplit(magnet).query).get("xt", []):
        if xt.lower().startswith("urn:btih:"):
            infohash = normalize_infohash(xt[9:])
            if infohash:
                return infohash
    return None


def normalize_imdb_id(value: str | None) -> str | None:
    """`tt` + at least 7 digits (Jackett sends `imdb` as digits and `imdbid` as `tt…`)."""
    if not value:
        return None
    match = _IMDB.fullmatch(value.strip())
    if match is None or int(match[1]) == 0:
        return None
    return "tt" + match[1].lstrip("0").zfill(7)


def _positive(value: str | None) -> int | None:
    number = _int(value)
    return number if number is not None and number > 0 else None


def _first(*values: int | None) -> int | None:
    return next((value for value in values if value is not None), None)


def _attrs(item: ET.Element) -> dict[str, list[str]]:
    attrs: dict[str, list[str]] = {}
    for child in item:
        if child.tag in _ATTR_TAGS:
            name, value = child.get("name"), child.get("value")
            if name and value is not None:
                attrs.setdefault(name.lower(), []).append(value)
    return attrs


def _categories(values: Iterable[str | None]) -> tuple[int, ...]:
    seen: dict[int, None] = {}
    for value in values:
        category = _positive(value)
        if category is not None:
            seen[category] = None
    return tuple(seen)


# --- parsers ----------------------------------------------------------------------------------


def _item(item: ET.Element, indexer_hint: str | None) -> TorznabResult | None:
    """One `<item>`, or None when it has no title or nothing to download."""
    title = _child_text(item, "title")
    attrs = _attrs(item)

    def attr(name: str) -> str | None:
        values = attrs.get(name)
        return values[0] if values else None

    link = _child_text(item, "link")
    enclosure = item.find("enclosure")
    enclosure_url = enclosure.get("url") if enclosure is not None else None
    magnet = _magnet(attr("magneturl")) or _magnet(link) or _magnet(enclosure_url)
    torrent_url = http_url(link) or http_url(enclosure_url)
    if not title or not (magnet or torrent_url):
        return None

    indexer = item.find("jackettindexer")
    if indexer is None:
        indexer = item.find("prowlarrindexer")
    indexer_id = (indexer.get("id") if indexer is not None else None) or indexer_hint
    indexer_name = (indexer.text or "").strip() if indexer is not None else ""

    seeders = _count(attr("seeders"))
    peers = _count(attr("peers"))  # Torznab peers = seeders + leechers
    leechers = max(peers - seeders, 0) if peers is not None and seeders is not None else None
    size = _first(
        _count(_child_text(item, "size")),
        _count(attr("size")),
        _count(enclosure.get("length")) if enclosure is not None else None,
    )

    return TorznabResult(
        title=title,
        guid=_child_text(item, "guid") or torrent_url or magnet or title,
        indexer_id=indexer_id,
        indexer_name=indexer_name or indexer_id,
        size=size,
        seeders=seeders,
        leechers=leechers,
        grabs=_first(_count(_child_text(item, "grabs")), _count(attr("grabs"))),
        files=_first(_count(_child_text(item, "files")), _count(attr("files"))),
        magnet_uri=magnet,
        infohash=normalize_infohash(attr("infohash")) or infohash_from_magnet(magnet),
        torrent_url=torrent_url,
        details_url=http_url(_child_text(item, "comments")),
        categories=_categories(
            [*(c.text for c in item.iterfind("category")), *attrs.get("category", [])]
        ),
        imdb_id=normalize_imdb_id(attr("imdbid")) or normalize_imdb_id(attr("imdb")),
        tmdb_id=_positive(attr("tmdbid")),
        tvdb_id=_positive(attr("tvdbid")),
        publish_date=_date(_child_text(item, "pubDate")),
        download_volume_factor=_float(attr("downloadvolumefactor")),
        upload_volume_factor=_float(attr("uploadvolumefactor")),
        indexer_type=_child_text(item, "type"),
    )


def parse_results(
    xml: bytes, indexer_hint: str | None = None, *, http_status: int | None = None
) -> list[TorznabResult]:
    """The releases of a Torznab search feed.

    `indexer_hint` names the indexer for items without `<jackettindexer>` (other Torznab
    servers). An `<error>` document raises the mapped error; anything else malformed ParseError.
    """
    root = _document(xml, "a search", http_status)
    channel = root.find("channel") if root.tag == "rss" else None
    if channel is None:
        raise ParseError(f"Jackett sent <{_local(root.tag)}> instead of a Torznab feed")
    results = []
    for item in channel.iterfind("item"):
        result = _item(item, indexer_hint)
        if result is not None:
            results.append(result)
    return results


def _caps(root: ET.Element) -> JackettCaps:
    server = root.find("server")
    limits = root.find("limits")
    modes: dict[str, SearchMode] = {}
    searching = root.find("searching")
    for mode in searching if searching is not None else ():
        name = _local(mode.tag)
        params = mode.get("supportedParams") or ""
        modes[name] = SearchMode(
            name=name,
            available=(mode.get("available") or "").strip().lower() == "yes",
            supported_params=tuple(p.strip() for p in params.split(",") if p.strip()),
        )
    categories: dict[int, str] = {}
    subcategories: dict[int, tuple[int, ...]] = {}
    for category in _iter_children(root.find("categories"), "category"):
        parent = _int(category.get("id"))
        if parent is None:
            continue
        categories[parent] = category.get("name") or str(parent)
        children = []
        for subcat in category.iter("subcat"):
            child = _int(subcat.get("id"))
            if child is not None:
                categories[child] = subcat.get("name") or str(child)
                children.append(child)
        subcategories[parent] = tuple(children)
    return JackettCaps(
        server_title=server.get("title") if server is not None else None,
        limit_default=_count(limits.get("default")) if limits is not None else None,
        limit_max=_count(limits.get("max")) if limits is not None else None,
        search_modes=modes,
        categories=categories,
        subcategories=subcategories,
    )


def _iter_children(element: ET.Element | None, tag: str) -> Iterator[ET.Element]:
    return iter(()) if element is None else element.iterfind(tag)


def parse_caps(xml: bytes, *, http_status: int | None = None) -> JackettCaps:
    """The capabilities from a `t=caps` answer."""
    root = _document(xml, "caps", http_status)
    if root.tag != "caps":
        raise ParseError(f"Jackett sent <{_local(root.tag)}> instead of <caps>")
    return _caps(root)


def parse_indexers(xml: bytes, *, http_status: int | None = None) -> list[JackettIndexer]:
    """The indexers from a `t=indexers` answer (entries without an id are skipped)."""
    root = _document(xml, "the indexer list", http_status)
    if root.tag != "indexers":
        raise ParseError(f"Jackett sent <{_local(root.tag)}> instead of <indexers>")
    indexers = []
    for element in root.iterfind("indexer"):
        indexer_id = (element.get("id") or "").strip()
        if not indexer_id:
            continue
        caps = element.find("caps")
        indexers.append(
            JackettIndexer(
                id=indexer_id,
                name=_child_text(element, "title") or indexer_id,
                # C# writes booleans as "true"/"false"; be lenient about the case.
                configured=(element.get("configured") or "").strip().lower() == "true",
                description=_child_text(element, "description"),
                link=_child_text(element, "link"),
                language=_child_text(element, "language"),
                type=_child_text(element, "type"),
                caps=_caps(caps) if caps is not None else None,
            )
        )
    return indexers
