"""Parse torrent release names and rank search results the way Radarr and Sonarr do.

`parse_release` reads a scene or P2P name ("The.Matrix.1999.1080p.BluRay.x264-GROUP") into a
`ReleaseInfo`; `rank` scores search results against `RankingPreferences` and orders them:
accepted first, then quality (resolution, then source), then seeders (log-bucketed), then how
plausible the size is. Rejected results are kept at the end with the reasons why.

Pure functions, no Home Assistant imports: the regexes are compiled once at import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
import math
import re
from typing import Protocol

# --- Enums -------------------------------------------------------------------------------------


class Resolution(StrEnum):
    """Vertical resolution class of a release."""

    R2160P = "2160p"
    R1080P = "1080p"
    R720P = "720p"
    SD = "sd"
    UNKNOWN = "unknown"

    @classmethod
    def coerce(cls, value: str) -> Resolution:
        """Accept "1080p", "4K", "480p", "SD"... as typed by a user."""
        text = value.strip().lower()
        aliases = {"4k": cls.R2160P, "uhd": cls.R2160P, "1080i": cls.R1080P}
        aliases |= {"480p": cls.SD, "576p": cls.SD, "480": cls.SD, "576": cls.SD}
        if text in aliases:
            return aliases[text]
        if text.isdigit():
            text += "p"
        return cls(text)


class Source(StrEnum):
    """Where a release was captured or ripped from."""

    BLURAY = "bluray"
    WEB_DL = "web_dl"
    WEBRIP = "webrip"
    HDTV = "hdtv"
    DVD = "dvd"
    CAM = "cam"
    TELESYNC = "telesync"
    TELECINE = "telecine"
    SCREENER = "screener"
    WORKPRINT = "workprint"
    UNKNOWN = "unknown"


class Codec(StrEnum):
    """Video codec family."""

    H264 = "h264"
    H265 = "h265"
    AV1 = "av1"
    XVID = "xvid"
    VC1 = "vc1"
    UNKNOWN = "unknown"


class HdrFormat(StrEnum):
    """High dynamic range formats named in a release."""

    HDR10_PLUS = "HDR10+"
    HDR10 = "HDR10"
    HDR = "HDR"
    DOLBY_VISION = "DV"
    HLG = "HLG"


# Pre-release copies filmed or leaked before the retail release: rejected unless asked for.
PRE_RELEASE_SOURCES = frozenset(
    {Source.CAM, Source.TELESYNC, Source.TELECINE, Source.SCREENER, Source.WORKPRINT}
)
DEFAULT_ALLOWED_SOURCES = frozenset(Source) - PRE_RELEASE_SOURCES

_SOURCE_LABELS: dict[Source, str] = {
    Source.BLURAY: "BluRay",
    Source.WEB_DL: "WEB-DL",
    Source.WEBRIP: "WEBRip",
    Source.HDTV: "HDTV",
    Source.DVD: "DVD",
    Source.CAM: "CAM",
    Source.TELESYNC: "TELESYNC",
    Source.TELECINE: "TELECINE",
    Source.SCREENER: "SCREENER",
    Source.WORKPRINT: "WORKPRINT",
    Source.UNKNOWN: "unknown",
}
# Radarr's quality names ("Bluray-1080p"), for display.
_QUALITY_LABELS: dict[Source, str] = _SOURCE_LABELS | {
    Source.BLURAY: "Bluray",
    Source.WEB_DL: "WEBDL",
    Source.UNKNOWN: "Unknown",
}

# --- Regexes -----------------------------------------------------------------------------------

# Token boundaries: letters and digits only, so "." "-" "_" "[" and spaces all separate tokens
# while "TS" inside "DTS" or "CAM" inside "Camera" never match.
_B = r"(?<![a-z0-9])"
_E = r"(?![a-z0-9])"


def _token(pattern: str) -> re.Pattern[str]:
    return re.compile(f"{_B}(?:{pattern}){_E}", re.IGNORECASE)


_EXTENSION = re.compile(r"\.(?:mkv|mp4|avi|m4v|wmv|mov|torrent)$", re.IGNORECASE)
# "www.site.com - " or "[ site.org ]" in front of the name: advertising, not a title or group.
_SITE_PREFIX = re.compile(
    r"^\s*(?:www\.[a-z0-9-]+\.[a-z]{2,4}"
    r"|\[\s*(?:www\.)?[a-z0-9-]+\.(?:com|org|net|to|se|cc|me|info)\s*\])\s*-?\s*",
    re.IGNORECASE,
)
_LEADING_GROUP = re.compile(r"^\s*\[([^\]]+)\]\s*")
_TRAILING_BRACKETS = re.compile(r"(?:\s*\[[^\]]*\])+\s*$")
_TRAILING_BRACKET = re.compile(r"\[([^\]]+)\]\s*$")
_DASH_GROUP = re.compile(r"-\s?([a-z0-9@_]+)\s*$", re.IGNORECASE)
# Suffixes of tags spelled with a hyphen ("WEB-DL", "Blu-Ray", "DTS-HD"), not groups.
_NOT_GROUPS = frozenset(
    {"dl", "rip", "ray", "hd", "ma", "x", "cap", "scr", "ts", "tc", "cam", "tv", "audio", "sub"}
    | {"subs", "dub", "dubbed", "dual", "multi", "hdr", "dv", "remux", "web", "avc", "hevc"}
)
_CRC = re.compile(r"^[0-9a-f]{8}$", re.IGNORECASE)

_YEAR = _token(r"[(\[]?((?:19|20)\d\d)[)\]]?")
_DAILY = _token(r"((?:19|20)\d\d)[ .-](\d\d)[ .-](\d\d)")
_EPISODE = re.compile(
    rf"{_B}S(\d{{1,2}})[ .]?E(\d{{1,4}})((?:[ .-]?E\d{{1,4}}|-\d{{1,4}})*){_E}", re.IGNORECASE
)
_EPISODE_EXTRA = re.compile(r"(-?)\s*\.?E?(\d+)", re.IGNORECASE)
_EPISODE_X = re.compile(rf"{_B}(\d{{1,2}})x(\d{{2,3}}){_E}", re.IGNORECASE)
# Fansub naming, "[Group] Show - 05 (1080p)": an absolute episode number with no season.
_ABSOLUTE = re.compile(r"\s-\s(\d{1,4})(?:v\d)?(?=\s|$)")
_SEASON_RANGE = re.compile(rf"{_B}S(\d{{1,2}})\s?-\s?S?(\d{{1,2}}){_E}", re.IGNORECASE)
_SEASON = re.compile(rf"{_B}S(\d{{1,2}}){_E}", re.IGNORECASE)
_SEASON_WORD = re.compile(
    rf"{_B}Seasons?[ .-]?(\d{{1,2}})(?:\s?(?:-|to|&)\s?(?:S|Season[ .]?)?(\d{{1,2}}))?{_E}",
    re.IGNORECASE,
)
_COMPLETE = _token(r"COMPLETE(?:[ .-]SERIES)?")

_RESOLUTIONS: tuple[tuple[Resolution, re.Pattern[str]], ...] = (
    (Resolution.R2160P, _token(r"2160[pi]|3840x2160|4096x2160")),
    (Resolution.R1080P, _token(r"1080[pi]|1920x1080")),
    (Resolution.R720P, _token(r"720p|1280x720")),
    (Resolution.SD, _token(r"576[pi]|480[pi]|360p|SD|SDTV|PAL|NTSC")),
)
# "4K"/"UHD" only count when no pixel count is given: "UHD.BluRay.1080p" is a 1080p encode.
_RESOLUTION_4K = _token(r"4K|UHD")

# Priority order: the first source that matches wins. Pre-release sources come first, so a
# name that says CAM anywhere is treated as a CAM; WEBRip before WEB-DL as "WEB-Rip" starts
# with a standalone "WEB".
_SOURCES: tuple[tuple[Source, re.Pattern[str]], ...] = (
    (Source.WORKPRINT, _token(r"WORKPRINT")),
    (Source.CAM, _token(r"CAM|HD-?CAM|HQ-?CAM|NEW-?CAM|CAM-?Rip")),
    (Source.TELESYNC, _token(r"TS|HD-?TS|TELESYNC|PDVD|PreDVD(?:Rip)?|TS-?Rip")),
    (Source.TELECINE, _token(r"TC|HD-?TC|TELECINE")),
    (Source.SCREENER, _token(r"SCR|SCREENER|DVD-?SCR|DVDSCREENER|BD-?SCR|WEB-?SCR")),
    (
        Source.BLURAY,
        _token(r"Blu-?Ray|BD-?Rip|BR-?Rip|BD(?:25|50|66|100)?|BD-?Remux|BDMV|UHD-?BD"),
    ),
    (Source.WEBRIP, _token(r"WEB-?Rip|WEB-?DL-?Rip|WEB-?Cap|HD-?Rip")),
    (Source.WEB_DL, _token(r"WEB[ .-]?DL|WEB-?HD|WEB")),
    (Source.HDTV, _token(r"HDTV|PDTV|SDTV|TV-?Rip|HDTV-?Rip|DSR|DS-?Rip|SAT-?Rip|DTH-?Rip")),
    (Source.DVD, _token(r"DVD-?Rip|DVD-?R|DVD5|DVD9|DVD-?Full|DVD")),
)
# Streaming services imply a web download when nothing else names the source.
_SERVICES = _token(r"AMZN|NF|DSNP|DSNY|HMAX|ATVP|HULU|PCOK|PMTP|CRAV|STAN")
_REMUX = _token(r"(?:BD|UHD)?-?Remux")
_PROPER = _token(r"PROPER")
_REPACK = _token(r"REPACK\d?|RERIP")

_CODECS: tuple[tuple[Codec, re.Pattern[str]], ...] = (
    (Codec.H265, _token(r"[xh][ .]?265|HEVC")),
    (Codec.AV1, _token(r"AV1")),
    (Codec.H264, _token(r"[xh][ .]?264|AVC")),
    (Codec.VC1, _token(r"VC-?1")),
    (Codec.XVID, _token(r"XviD|DivX")),
)
_HDR: tuple[tuple[HdrFormat, re.Pattern[str]], ...] = (
    (HdrFormat.HDR10_PLUS, re.compile(rf"{_B}HDR10(?:\+|Plus){_E}", re.IGNORECASE)),
    (HdrFormat.HDR10, re.compile(rf"{_B}HDR10(?![a-z0-9+])", re.IGNORECASE)),
    (HdrFormat.HDR, re.compile(rf"{_B}HDR(?![a-z0-9+])", re.IGNORECASE)),
    (HdrFormat.DOLBY_VISION, _token(r"DV|DoVi|Dolby[ .]?Vision")),
    (HdrFormat.HLG, _token(r"HLG")),
)
# Audio tags are usually glued to a channel count ("DDP5.1", "AAC2.0"): digits may follow.
_A_END = r"(?![a-z])"
_AUDIO: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(f"{_B}(?:{pattern}){_A_END}", re.IGNORECASE))
    for label, pattern in (
        ("TrueHD", r"TrueHD"),
        ("Atmos", r"Atmos"),
        ("DTS-HD MA", r"DTS-?HD[ .-]?MA"),
        ("DTS:X", r"DTS[-:]?X"),
        ("DTS-HD", r"DTS-?HD(?![ .-]?MA)"),
        ("DTS", r"DTS(?![-:]?(?:HD|X))"),
        ("DD+", r"DDP|DD\+|E-?AC-?3"),
        ("DD", r"DD(?![p+])|AC-?3"),
        ("AAC", r"AAC"),
        ("FLAC", r"FLAC"),
        ("Opus", r"Opus"),
        ("MP3", r"MP3"),
        ("LPCM", r"L?PCM"),
    )
)

# Tags that end a title with no year or resolution ("Friends.COMPLETE.BluRay").
_WEAK_TAGS: tuple[re.Pattern[str], ...] = (
    _COMPLETE,
    _RESOLUTION_4K,
    _REMUX,
    _PROPER,
    _REPACK,
    _SERVICES,
    *(p for _, p in _SOURCES),
    *(p for _, p in _CODECS),
    *(p for _, p in _HDR),
)

# Bracketed tags that are not a group: "[1080p]", "[x265]", "[5.1]", "[10bit]".
_BRACKET_TAGS: tuple[re.Pattern[str], ...] = (
    _RESOLUTION_4K,
    _REMUX,
    _SERVICES,
    *(p for _, p in _RESOLUTIONS),
    *(p for _, p in _SOURCES),
    *(p for _, p in _CODECS),
    *(p for _, p in _AUDIO),
)
_BRACKET_NUMBERS = re.compile(r"[\d.]+|\d+bit", re.IGNORECASE)
_GROUP_CHARS = re.compile(r"[a-z0-9][a-z0-9._@-]*", re.IGNORECASE)

# --- Parsing -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReleaseInfo:
    """What a release name says about its content and quality."""

    name: str
    title: str
    year: int | None = None
    resolution: Resolution = Resolution.UNKNOWN
    source: Source = Source.UNKNOWN
    remux: bool = False
    codec: Codec = Codec.UNKNOWN
    hdr: tuple[HdrFormat, ...] = ()
    audio: tuple[str, ...] = ()
    # Every season the release covers: (1,) for S01E02 or "S01", (1, 2, 3) for "S01-S03".
    seasons: tuple[int, ...] = ()
    # Episodes within the single season; empty for season packs and movies.
    episodes: tuple[int, ...] = ()
    complete: bool = False
    air_date: date | None = None
    proper: bool = False
    repack: bool = False
    group: str | None = None

    @property
    def season(self) -> int | None:
        """The season, when the release covers exactly one."""
        return self.seasons[0] if len(self.seasons) == 1 else None

    @property
    def episode(self) -> int | None:
        """The first episode, if any."""
        return self.episodes[0] if self.episodes else None

    @property
    def is_tv(self) -> bool:
        """Whether the name looks like a TV release (episode, season, pack or daily)."""
        return bool(self.seasons or self.episodes or self.complete or self.air_date)

    @property
    def is_season_pack(self) -> bool:
        """Whether this is one or more whole seasons rather than single episodes."""
        return self.is_tv and not self.episodes and self.air_date is None

    @property
    def quality(self) -> str:
        """Radarr-style quality name, such as "Bluray-1080p" or "Remux-2160p"."""
        label = "Remux" if self.remux else _QUALITY_LABELS[self.source]
        if self.source is Source.UNKNOWN and self.resolution is not Resolution.UNKNOWN:
            return _resolution_label(self.resolution)
        if self.resolution is Resolution.UNKNOWN or self.source in PRE_RELEASE_SOURCES:
            return label
        if self.resolution is Resolution.SD:
            return label if self.source is Source.DVD else f"{label}-480p"
        return f"{label}-{self.resolution}"


def _find_group(text: str) -> tuple[str | None, int]:
    """Return the release group and where it starts (len(text) if none)."""
    body = _TRAILING_BRACKETS.sub("", text)
    if (match := _DASH_GROUP.search(body)) is not None:
        group = match.group(1)
        if group.lower() not in _NOT_GROUPS and not group.isdigit():
            return group, match.start()
    # P2P names put the group last in brackets: "... [BluRay] [YTS.MX]".
    if body != text and (match := _TRAILING_BRACKET.search(text)) is not None:
        group = match.group(1).strip()
        if _is_bracket_group(group):
            return group, match.start()
    return None, len(text)


def _is_bracket_group(text: str) -> bool:
    if not text or " " in text or _CRC.match(text) or _YEAR.fullmatch(text):
        return False
    if not _GROUP_CHARS.fullmatch(text):
        return False
    if any(p.search(text) for p in _BRACKET_TAGS):
        return False
    return not _BRACKET_NUMBERS.fullmatch(text)


def _episode_numbers(first: int, extra: str) -> tuple[int, ...]:
    numbers = [first]
    for match in _EPISODE_EXTRA.finditer(extra):
        number = int(match.group(2))
        if match.group(1) and number > numbers[-1] and number - numbers[-1] <= 100:
            numbers.extend(range(numbers[-1] + 1, number + 1))
        elif number not in numbers:
            numbers.append(number)
    return tuple(numbers)


@dataclass(slots=True)
class _TvMarkers:
    seasons: tuple[int, ...] = ()
    episodes: tuple[int, ...] = ()
    air_date: date | None = None
    start: int | None = None


def _episode_markers(text: str, end: int, fansub: bool) -> _TvMarkers | None:
    if (m := _EPISODE.search(text, 0, end)) is not None:
        episodes = _episode_numbers(int(m.group(2)), m.group(3))
        return _TvMarkers((int(m.group(1)),), episodes, start=m.start())
    if (m := _EPISODE_X.search(text, 0, end)) is not None:
        return _TvMarkers((int(m.group(1)),), (int(m.group(2)),), start=m.start())
    if fansub and (m := _ABSOLUTE.search(text, 0, end)) is not None:
        episodes = (int(m.group(1)),)
        if (season := _SEASON.search(text, 0, m.start())) is not None:
            return _TvMarkers((int(season.group(1)),), episodes, start=season.start())
        return _TvMarkers(episodes=episodes, start=m.start())
    return None


def _tv_markers(text: str, end: int, fansub: bool) -> _TvMarkers:
    """Find SxxEyy, 1x02, season ranges, "Season 1" or a daily date, in that order."""
    if (found := _episode_markers(text, end, fansub)) is not None:
        return found
    for pattern in (_SEASON_RANGE, _SEASON_WORD, _SEASON):
        if (m := pattern.search(text, 0, end)) is not None:
            first = int(m.group(1))
            last = int(m.group(2)) if m.lastindex == 2 and m.group(2) else first
            seasons = tuple(range(first, last + 1)) if last >= first else (first,)
            return _TvMarkers(seasons, start=m.start())
    for m in _DAILY.finditer(text, 0, end):
        try:
            aired = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        return _TvMarkers(air_date=aired, start=m.start())
    return _TvMarkers()


def _clean_title(raw: str) -> str:
    text = raw.strip(" .-_[](){}")
    if " " not in text:
        # Scene naming: dots are spaces, except in acronyms ("S.H.I.E.L.D." stays whole).
        words: list[str] = []
        letters: list[str] = []
        for word in [*text.split("."), ""]:
            if len(word) == 1 and word.isalpha() and word.isupper():
                letters.append(word)
                continue
            if len(letters) >= 2:
                words.append(".".join(letters) + ".")
            else:
                words.extend(letters)
            letters = []
            if word:
                words.append(word)
        text = " ".join(words)
    text = re.sub(r"\(\s*\)|\[\s*\]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" -")


@dataclass(slots=True)
class _Layout:
    """Where the title ends and what the name says about year and episodes."""

    title_end: int
    year: int | None
    tv: _TvMarkers


def _layout(text: str, end: int, fansub: bool) -> _Layout:
    tv = _tv_markers(text, end, fansub)
    anchors = [m.start() for _, p in _RESOLUTIONS if (m := p.search(text, 0, end))]
    if tv.start is not None:
        anchors.append(tv.start)
    anchor = min(anchors, default=end)
    # The title cannot be empty, so a year at position 0 is the title ("2012", "1917").
    years = [m for m in _YEAR.finditer(text, 0, anchor) if m.start() > 0]
    if years:
        return _Layout(years[-1].start(), int(years[-1].group(1)), tv)
    starts = [anchor]
    for pattern in _WEAK_TAGS:
        starts.extend(m.start() for m in pattern.finditer(text, 0, anchor) if m.start())
    return _Layout(min(starts), None, tv)


def parse_release(title: str) -> ReleaseInfo:
    """Parse a scene or P2P release name.

    The title is everything before the year (the last plausible one ahead of the first
    resolution or episode tag, so "1917.2019" and "Blade.Runner.2049.2017" work), or before
    the first tag when there is no year. Quality tags are only looked for after the title,
    so a film called "Cam" is not a CAM.
    """
    text = _EXTENSION.sub("", title.strip()).replace("_", " ")
    text = _SITE_PREFIX.sub("", text)
    group: str | None = None
    if (leading := _LEADING_GROUP.match(text)) is not None:
        group = leading.group(1).strip()
        text = text[leading.end() :]
    # Fansub names carry their group up front and end in CRCs and " - 05", not "-GROUP".
    fansub = group is not None
    dash_group, group_start = (None, len(text)) if fansub else _find_group(text)
    layout = _layout(text, group_start, fansub)
    if dash_group is not None and layout.title_end >= group_start:
        # Nothing but a title before the hyphen: "Spider-Man" has no group "Man".
        dash_group, group_start = None, len(text)
        layout = _layout(text, group_start, fansub)
    return _parse_tags(title, text, layout, group_start, group or dash_group)


def _parse_tags(name: str, text: str, layout: _Layout, end: int, group: str | None) -> ReleaseInfo:
    start = layout.title_end
    resolution = next(
        (res for res, pattern in _RESOLUTIONS if pattern.search(text, start, end)),
        Resolution.UNKNOWN,
    )
    if resolution is Resolution.UNKNOWN and _RESOLUTION_4K.search(text, start, end):
        resolution = Resolution.R2160P
    source = next(
        (src for src, pattern in _SOURCES if pattern.search(text, start, end)), Source.UNKNOWN
    )
    remux = _REMUX.search(text, start, end) is not None
    if source is Source.UNKNOWN and remux:
        source = Source.BLURAY  # remuxes are straight Blu-ray copies
    elif source is Source.UNKNOWN and _SERVICES.search(text, start, end):
        source = Source.WEB_DL
    if resolution is Resolution.UNKNOWN and source is Source.DVD:
        resolution = Resolution.SD
    codec = next(
        (codec for codec, pattern in _CODECS if pattern.search(text, start, end)), Codec.UNKNOWN
    )
    hdr = tuple(fmt for fmt, pattern in _HDR if pattern.search(text, start, end))
    audio = tuple(label for label, pattern in _AUDIO if pattern.search(text, start, end))
    complete = _COMPLETE.search(text, start, end) is not None
    return ReleaseInfo(
        name=name,
        title=_clean_title(text[:start]),
        year=layout.year,
        resolution=resolution,
        source=source,
        remux=remux,
        codec=codec,
        hdr=hdr,
        audio=audio,
        seasons=layout.tv.seasons,
        episodes=layout.tv.episodes,
        complete=complete,
        air_date=layout.tv.air_date,
        proper=_PROPER.search(text, start, end) is not None,
        repack=_REPACK.search(text, start, end) is not None,
        group=group,
    )


# --- Ranking -----------------------------------------------------------------------------------


class Rankable(Protocol):
    """The fields `rank` reads from a search result (Jackett's results fit as they are)."""

    @property
    def title(self) -> str:
        """The release name."""

    @property
    def seeders(self) -> int | None:
        """Seeders, or None when the indexer does not say."""

    @property
    def size(self) -> int | None:
        """Size in bytes, or None when unknown."""


@dataclass(frozen=True, slots=True)
class RankingPreferences:
    """A quality profile: what to prefer, and what to reject outright.

    Strings are accepted for `preferred_resolution` and `allowed_sources` (as service calls
    send them) and converted to the enums.
    """

    preferred_resolution: Resolution = Resolution.R1080P
    allowed_sources: frozenset[Source] = DEFAULT_ALLOWED_SOURCES
    min_seeders: int = 1
    max_size_bytes: int | None = None
    excluded_words: tuple[str, ...] = ()
    expected_season: int | None = None
    expected_episode: int | None = None
    expected_year: int | None = None
    _excluded: tuple[tuple[str, re.Pattern[str]], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        """Normalise strings to enums and compile the excluded words once."""
        setattr_ = object.__setattr__
        setattr_(self, "preferred_resolution", Resolution.coerce(self.preferred_resolution))
        setattr_(self, "allowed_sources", frozenset(Source(s) for s in self.allowed_sources))
        words = tuple(w.strip() for w in self.excluded_words if w.strip())
        setattr_(self, "excluded_words", words)
        # Whole words only, and a space in a phrase matches any separator ("dual.audio").
        compiled = tuple(
            (word, re.compile(_B + r"[\s._-]+".join(map(re.escape, word.split())) + _E, re.I))
            for word in words
        )
        setattr_(self, "_excluded", compiled)


@dataclass(frozen=True, slots=True)
class RankedResult[T]:
    """One search result with its parsed release, score and the reasons behind them."""

    item: T
    release: ReleaseInfo
    score: float
    accepted: bool
    reasons: tuple[str, ...]


# Ladder for resolution distance, lowest first.
_LADDER = (Resolution.SD, Resolution.R720P, Resolution.R1080P, Resolution.R2160P)
_RESOLUTION_LABELS = {Resolution.SD: "SD"}
_SOURCE_POINTS: dict[Source, int] = {
    Source.BLURAY: 10,
    Source.WEB_DL: 9,
    Source.WEBRIP: 8,
    Source.HDTV: 7,
    Source.DVD: 6,
    Source.UNKNOWN: 5,
    Source.SCREENER: 4,
    Source.TELECINE: 3,
    Source.TELESYNC: 2,
    Source.WORKPRINT: 1,
    Source.CAM: 0,
}
_REMUX_POINTS = 11
# Typical sizes of one movie, in bytes; an episode is about a quarter of it.
_GB = 1_000_000_000
_TYPICAL_MOVIE: dict[Resolution, float] = {
    Resolution.R2160P: 20 * _GB,
    Resolution.R1080P: 8 * _GB,
    Resolution.R720P: 4 * _GB,
    Resolution.SD: 1.5 * _GB,
    Resolution.UNKNOWN: 4 * _GB,
}
_EPISODES_PER_SEASON = 10
# Score tiers: one quality step (0.5 point) is worth more than any seeder bucket plus size fit.
_QUALITY_WEIGHT = 1000.0
_SEEDER_WEIGHT = 10.0
_MAX_SEEDER_BUCKET = 40
_SIZE_WEIGHT = 9.0


def _resolution_label(resolution: Resolution) -> str:
    return _RESOLUTION_LABELS.get(resolution, str(resolution))


def _resolution_step(actual: Resolution, preferred: Resolution) -> tuple[int, str]:
    """Rank 0 (exact) to 7 (unknown): higher resolutions before lower ones, like Radarr."""
    label = _resolution_label(actual)
    if actual is Resolution.UNKNOWN:
        return 7, "unknown resolution"
    if preferred is Resolution.UNKNOWN:
        return 3 - _LADDER.index(actual), f"{label} resolution"
    distance = _LADDER.index(actual) - _LADDER.index(preferred)
    wanted = _resolution_label(preferred)
    if distance == 0:
        return 0, f"{label} matches the preferred resolution"
    if distance > 0:
        return distance, f"{label} is above the preferred {wanted}"
    return 3 - distance, f"{label} is below the preferred {wanted}"


def _format_size(size: float) -> str:
    if size >= _GB:
        return f"{round(size / _GB, 1):g} GB"
    return f"{round(size / 1_000_000):g} MB"


def _typical_size(release: ReleaseInfo) -> float:
    typical = _TYPICAL_MOVIE[release.resolution] * (3.5 if release.remux else 1.0)
    if not release.is_tv:
        return typical
    episode = typical / 4
    if release.episodes:
        return episode * len(release.episodes)
    if release.air_date is not None:
        return episode
    return episode * _EPISODES_PER_SEASON * max(len(release.seasons), 3 if release.complete else 1)


def _size_fit(release: ReleaseInfo, size: int | None) -> float:
    """1.0 at the typical size, falling to 0 at 16x larger or smaller; 0.5 when unknown."""
    if not size:
        return 0.5
    return max(0.0, 1.0 - abs(math.log2(size / _typical_size(release))) / 4)


def _season_label(release: ReleaseInfo) -> str:
    seasons = release.seasons
    label = ""
    if seasons:
        label = f"S{seasons[0]:02d}" + (f"-S{seasons[-1]:02d}" if len(seasons) > 1 else "")
    if release.episodes:
        label += f"E{release.episodes[0]:02d}"
        if len(release.episodes) > 1:
            label += f"-E{release.episodes[-1]:02d}"
    return label


def _check_episode(release: ReleaseInfo, prefs: RankingPreferences) -> tuple[bool, str | None]:
    """Whether the release holds the wanted season/episode, and what to say about it."""
    season, episode = prefs.expected_season, prefs.expected_episode
    wanted = (f"S{season:02d}" if season is not None else "") + (
        f"E{episode:02d}" if episode is not None else ""
    )
    label = _season_label(release)
    ok = True
    reason: str | None = None
    if not release.seasons and release.episodes:
        # Absolute numbering ("Show - 05") cannot be checked without a season map.
        reason = f"absolute episode {label} names no season (wanted {wanted})"
    elif not release.seasons:
        ok = release.complete
        what = "complete series pack" if ok else "no season or episode in the name"
        reason = f"{what} (wanted {wanted})"
    elif season is not None and season not in release.seasons:
        ok, reason = False, f"wrong season ({label}, wanted S{season:02d})"
    elif episode is None or episode in release.episodes:
        pass
    elif release.episodes:
        ok, reason = False, f"wrong episode ({label}, wanted {wanted})"
    else:
        reason = f"season pack {label} includes {wanted}"
    return ok, reason


def _evaluate[T: Rankable](item: T, prefs: RankingPreferences) -> RankedResult[T]:
    release = parse_release(item.title)
    reasons: list[str] = []
    rejections: list[str] = []

    step, resolution_reason = _resolution_step(release.resolution, prefs.preferred_resolution)
    reasons.append(resolution_reason)
    source_label = "Remux" if release.remux else _SOURCE_LABELS[release.source]
    if release.source not in prefs.allowed_sources:
        rejections.append(f"{source_label} source rejected")
    elif release.source is Source.UNKNOWN:
        reasons.append("unknown source")
    else:
        reasons.append(f"{source_label} source")
    quality: float = (7 - step) * 20 + (
        _REMUX_POINTS if release.remux else _SOURCE_POINTS[release.source]
    )
    if release.proper or release.repack:
        quality += 0.5
        reasons.append("PROPER release" if release.proper else "REPACK release")

    seeders = item.seeders
    if seeders is None:
        reasons.append("seeder count unknown")
    elif seeders < prefs.min_seeders:
        noun = "seeder" if seeders == 1 else "seeders"
        rejections.append(f"only {seeders} {noun} (minimum {prefs.min_seeders})")
    else:
        reasons.append(f"{seeders} seeder" + ("" if seeders == 1 else "s"))
    # Log buckets: 500 and 520 seeders tie, so size decides between them.
    bucket = (
        min(_MAX_SEEDER_BUCKET, round(math.log2(seeders + 1))) if seeders and seeders > 0 else 0
    )

    size = item.size if item.size and item.size > 0 else None
    if size is not None and prefs.max_size_bytes is not None and size > prefs.max_size_bytes:
        limit = _format_size(prefs.max_size_bytes)
        rejections.append(f"larger than the {limit} limit ({_format_size(size)})")

    for word, pattern in prefs._excluded:
        if pattern.search(release.name):
            rejections.append(f"contains excluded word '{word}'")

    if prefs.expected_season is not None or prefs.expected_episode is not None:
        ok, reason = _check_episode(release, prefs)
        if reason is not None:
            (reasons if ok else rejections).append(reason)

    if prefs.expected_year is not None and release.year is not None:
        off = abs(release.year - prefs.expected_year)
        if off > 1:
            rejections.append(f"wrong year ({release.year}, wanted {prefs.expected_year})")
        elif off == 1:
            reasons.append(f"year {release.year} is one off the expected {prefs.expected_year}")

    score = quality * _QUALITY_WEIGHT + bucket * _SEEDER_WEIGHT
    score += _size_fit(release, size) * _SIZE_WEIGHT
    return RankedResult(
        item=item,
        release=release,
        score=round(score, 3),
        accepted=not rejections,
        reasons=tuple(rejections or reasons),
    )


def rank[T: Rankable](
    results: Iterable[T], prefs: RankingPreferences | None = None
) -> list[RankedResult[T]]:
    """Score and order search results, best first.

    Accepted results come first, ordered by score (quality, then seeders, then size fit),
    then seeders, then title; rejected ones follow in the same order, each carrying the
    reasons it was rejected. Accepted results carry the reasons behind their score.
    """
    prefs = prefs or RankingPreferences()
    ranked = [_evaluate(item, prefs) for item in results]
    ranked.sort(
        key=lambda r: (
            not r.accepted,
            -r.score,
            -(r.item.seeders or 0),
            r.item.title.casefold(),
            r.item.title,
        )
    )
    return ranked
