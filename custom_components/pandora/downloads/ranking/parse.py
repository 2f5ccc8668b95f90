"""Parse torrent release names the way Radarr and Sonarr do.

`parse_release` reads a scene or P2P name ("The.Matrix.1999.1080p.BluRay.x264-GROUP") into a
`ReleaseInfo`. A parser table: the regexes are compiled once at import. Pure functions, no Home
Assistant imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
import re

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

_RESOLUTION_LABELS = {Resolution.SD: "SD"}


def _resolution_label(resolution: Resolution) -> str:
    return _RESOLUTION_LABELS.get(resolution, str(resolution))


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
