"""Release names read (`parse`) and search results ranked (`score`), Radarr-like.

Pure: imports nothing of Pandora's but each other, and no Home Assistant.
"""

from .parse import (
    DEFAULT_ALLOWED_SOURCES,
    PRE_RELEASE_SOURCES,
    Codec,
    HdrFormat,
    ReleaseInfo,
    Resolution,
    Source,
    parse_release,
)
from .score import RankedResult, RankingPreferences, rank

__all__ = [
    "DEFAULT_ALLOWED_SOURCES",
    "PRE_RELEASE_SOURCES",
    "Codec",
    "HdrFormat",
    "RankedResult",
    "RankingPreferences",
    "ReleaseInfo",
    "Resolution",
    "Source",
    "parse_release",
    "rank",
]
