"""Release-name parsing and Radarr-style ranking of search results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
import random
from typing import Any

import pytest

from custom_components.pandora.downloads.ranking import (
    DEFAULT_ALLOWED_SOURCES,
    Codec,
    HdrFormat,
    RankedResult,
    RankingPreferences,
    ReleaseInfo,
    Resolution,
    Source,
    parse_release,
    rank,
)

GB = 1_000_000_000
R2160, R1080, R720, SD, RUNKNOWN = (
    Resolution.R2160P,
    Resolution.R1080P,
    Resolution.R720P,
    Resolution.SD,
    Resolution.UNKNOWN,
)
BLURAY, WEB_DL, WEBRIP, HDTV, DVD = (
    Source.BLURAY,
    Source.WEB_DL,
    Source.WEBRIP,
    Source.HDTV,
    Source.DVD,
)
CAM, TS, TC, SCR, WP, SUNKNOWN = (
    Source.CAM,
    Source.TELESYNC,
    Source.TELECINE,
    Source.SCREENER,
    Source.WORKPRINT,
    Source.UNKNOWN,
)
H264, H265, AV1, XVID, VC1, CUNKNOWN = (
    Codec.H264,
    Codec.H265,
    Codec.AV1,
    Codec.XVID,
    Codec.VC1,
    Codec.UNKNOWN,
)
DV, HDR, HDR10, HDR10P, HLG = (
    HdrFormat.DOLBY_VISION,
    HdrFormat.HDR,
    HdrFormat.HDR10,
    HdrFormat.HDR10_PLUS,
    HdrFormat.HLG,
)


def expect(
    title: str,
    year: int | None,
    resolution: Resolution,
    source: Source,
    codec: Codec,
    group: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Every field a case checks; the ones not given must keep their empty default."""
    fields: dict[str, Any] = {
        "title": title,
        "year": year,
        "resolution": resolution,
        "source": source,
        "codec": codec,
        "group": group,
        "hdr": (),
        "seasons": (),
        "episodes": (),
        "complete": False,
        "remux": False,
        "proper": False,
        "repack": False,
        "air_date": None,
    }
    assert set(extra) <= set(fields) | {"audio"}, extra
    return fields | extra


PARSE_CASES = [
    # --- Scene movies ---
    (
        "The.Matrix.1999.1080p.BluRay.x264-GROUP",
        expect("The Matrix", 1999, R1080, BLURAY, H264, "GROUP"),
    ),
    (
        "Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR10.H.265-FLUX",
        expect(
            "Dune Part Two",
            2024,
            R2160,
            WEB_DL,
            H265,
            "FLUX",
            hdr=(HDR10, DV),
            audio=("Atmos", "DD+"),
        ),
    ),
    (
        "Tears.of.Steel.2012.720p.WEB-DL.AAC2.0.H.264",
        expect("Tears of Steel", 2012, R720, WEB_DL, H264, audio=("AAC",)),
    ),
    ("1917.2019.1080p.BluRay.x264", expect("1917", 2019, R1080, BLURAY, H264)),
    ("2012.2009.720p.BRRip.XviD", expect("2012", 2009, R720, BLURAY, XVID)),
    (
        "Blade.Runner.2049.2017.1080p.BluRay.x264-SPARKS",
        expect("Blade Runner 2049", 2017, R1080, BLURAY, H264, "SPARKS"),
    ),
    (
        "2001.A.Space.Odyssey.1968.2160p.UHD.BluRay.x265-TERMiNAL",
        expect("2001 A Space Odyssey", 1968, R2160, BLURAY, H265, "TERMiNAL"),
    ),
    (
        "Spider-Man.No.Way.Home.2021.2160p.UHD.BluRay.REMUX.HDR10.HEVC.TrueHD.7.1.Atmos-FraMeSToR",
        expect(
            "Spider-Man No Way Home",
            2021,
            R2160,
            BLURAY,
            H265,
            "FraMeSToR",
            remux=True,
            hdr=(HDR10,),
            audio=("TrueHD", "Atmos"),
        ),
    ),
    (
        "Movie.Name.2019.1080p.BluRay.REMUX.AVC.DTS-HD.MA.5.1-EPSiLON",
        expect(
            "Movie Name", 2019, R1080, BLURAY, H264, "EPSiLON", remux=True, audio=("DTS-HD MA",)
        ),
    ),
    (
        "Tenet.2020.IMAX.1080p.BluRay.x264.DTS-HD.MA.5.1-FGT",
        expect("Tenet", 2020, R1080, BLURAY, H264, "FGT", audio=("DTS-HD MA",)),
    ),
    (
        "Movie.2019.2160p.UHD.BluRay.x265.HDR10+.DTS-X-GRP",
        expect("Movie", 2019, R2160, BLURAY, H265, "GRP", hdr=(HDR10P,), audio=("DTS:X",)),
    ),
    (
        "Movie.2019.1080p.BluRay.VC-1.LPCM-GRP",
        expect("Movie", 2019, R1080, BLURAY, VC1, "GRP", audio=("LPCM",)),
    ),
    (
        "Movie.2019.1080p.WEB.AV1.Opus-GRP",
        expect("Movie", 2019, R1080, WEB_DL, AV1, "GRP", audio=("Opus",)),
    ),
    (
        "Movie.2019.1080p.WEB-DL.DTS-HD",
        expect("Movie", 2019, R1080, WEB_DL, CUNKNOWN, None, audio=("DTS-HD",)),
    ),
    (
        "Movie.2020.PROPER.1080p.WEBRip.x264-GRP",
        expect("Movie", 2020, R1080, WEBRIP, H264, "GRP", proper=True),
    ),
    (
        "Movie.2019.REPACK2.1080p.WEB-DL",
        expect("Movie", 2019, R1080, WEB_DL, CUNKNOWN, repack=True),
    ),
    (
        "Some.Movie.1995.DVDRip.XviD-GRP",
        expect("Some Movie", 1995, SD, DVD, XVID, "GRP"),
    ),
    ("Movie.2019.DVD9", expect("Movie", 2019, SD, DVD, CUNKNOWN)),
    ("Movie.2005.576p.DVD5.x264", expect("Movie", 2005, SD, DVD, H264)),
    # Titles holding quality words must keep them: only tags after the title count.
    (
        "Cam.2018.1080p.NF.WEB-DL.DDP5.1.x264-NTG",
        expect("Cam", 2018, R1080, WEB_DL, H264, "NTG", audio=("DD+",)),
    ),
    (
        "Camera.Obscura.2020.720p.WEBRip.x264",
        expect("Camera Obscura", 2020, R720, WEBRIP, H264),
    ),
    (
        "Silver.Screen.2020.1080p.WEBRip.x264-GRP",
        expect("Silver Screen", 2020, R1080, WEBRIP, H264, "GRP"),
    ),
    (
        "Back.to.the.Future.1985.720p.BluRay.x264-SiNNERS",
        expect("Back to the Future", 1985, R720, BLURAY, H264, "SiNNERS"),
    ),
    # --- Pre-release sources ---
    ("Oppenheimer 2023 1080p CAM x264", expect("Oppenheimer", 2023, R1080, CAM, H264)),
    (
        "Barbie.2023.HDCAM.x264-CAMRip",
        expect("Barbie", 2023, RUNKNOWN, CAM, H264, "CAMRip"),
    ),
    (
        "Oppenheimer.2023.HDTS.x264-TGx",
        expect("Oppenheimer", 2023, RUNKNOWN, TS, H264, "TGx"),
    ),
    ("Oppenheimer.2023.1080p.TS.x264", expect("Oppenheimer", 2023, R1080, TS, H264)),
    ("Movie.2019.PDVD.x264", expect("Movie", 2019, RUNKNOWN, TS, H264)),
    ("Movie.2019.HDTC.x264", expect("Movie", 2019, RUNKNOWN, TC, H264)),
    ("Avatar.2009.DVDSCR.XviD-AXXO", expect("Avatar", 2009, RUNKNOWN, SCR, XVID, "AXXO")),
    ("Movie.2019.BDSCR.x264", expect("Movie", 2019, RUNKNOWN, SCR, H264)),
    ("Movie.2019.WORKPRINT.XviD", expect("Movie", 2019, RUNKNOWN, WP, XVID)),
    # --- TV ---
    (
        "The.Office.US.S05E14.720p.HDTV.x264-LOL",
        expect("The Office US", None, R720, HDTV, H264, "LOL", seasons=(5,), episodes=(14,)),
    ),
    (
        "Breaking.Bad.S01-S05.COMPLETE.1080p.BluRay.x265-RARBG",
        expect(
            "Breaking Bad",
            None,
            R1080,
            BLURAY,
            H265,
            "RARBG",
            seasons=(1, 2, 3, 4, 5),
            complete=True,
        ),
    ),
    (
        "Game of Thrones Season 1 1080p BluRay",
        expect("Game of Thrones", None, R1080, BLURAY, CUNKNOWN, seasons=(1,)),
    ),
    (
        "Shogun.2024.S01E01E02.2160p.DSNP.WEB-DL.DDP5.1.HDR.H.265",
        expect(
            "Shogun",
            2024,
            R2160,
            WEB_DL,
            H265,
            seasons=(1,),
            episodes=(1, 2),
            hdr=(HDR,),
            audio=("DD+",),
        ),
    ),
    (
        "Ozark.S01E01-E03.1080p.NF.WEBRip.x265",
        expect("Ozark", None, R1080, WEBRIP, H265, seasons=(1,), episodes=(1, 2, 3)),
    ),
    (
        "Show.S01E05-06.720p.HDTV.x264",
        expect("Show", None, R720, HDTV, H264, seasons=(1,), episodes=(5, 6)),
    ),
    (
        "Stranger.Things.S04.2160p.NF.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX",
        expect(
            "Stranger Things",
            None,
            R2160,
            WEB_DL,
            H265,
            "FLUX",
            seasons=(4,),
            hdr=(HDR, DV),
            audio=("Atmos", "DD+"),
        ),
    ),
    (
        "The.Mandalorian.S02E03.REPACK.1080p.DSNP.WEB-DL.DDP5.1.H.264-NTb",
        expect(
            "The Mandalorian",
            None,
            R1080,
            WEB_DL,
            H264,
            "NTb",
            seasons=(2,),
            episodes=(3,),
            repack=True,
            audio=("DD+",),
        ),
    ),
    (
        "Doctor.Who.2005.S13E01.1080p.HDTV.x264",
        expect("Doctor Who", 2005, R1080, HDTV, H264, seasons=(13,), episodes=(1,)),
    ),
    (
        "Marvels.Agents.of.S.H.I.E.L.D.S01E01.720p.HDTV.x264-KILLERS",
        expect(
            "Marvels Agents of S.H.I.E.L.D.",
            None,
            R720,
            HDTV,
            H264,
            "KILLERS",
            seasons=(1,),
            episodes=(1,),
        ),
    ),
    (
        "Friends.1x02.720p.DVDRip",
        expect("Friends", None, R720, DVD, CUNKNOWN, seasons=(1,), episodes=(2,)),
    ),
    (
        "Friends.Seasons.1-3.720p.BluRay",
        expect("Friends", None, R720, BLURAY, CUNKNOWN, seasons=(1, 2, 3)),
    ),
    (
        "Friends.COMPLETE.SERIES.1080p.BluRay.x265-GRP",
        expect("Friends", None, R1080, BLURAY, H265, "GRP", complete=True),
    ),
    (
        "The.Last.of.Us.S01.COMPLETE.1080p.AMZN.WEBRip",
        expect("The Last of Us", None, R1080, WEBRIP, CUNKNOWN, seasons=(1,), complete=True),
    ),
    (
        "The.Simpsons.S35E10.HLG.2160p.WEB",
        expect(
            "The Simpsons", None, R2160, WEB_DL, CUNKNOWN, seasons=(35,), episodes=(10,), hdr=(HLG,)
        ),
    ),
    (
        "The.Daily.Show.2024.03.15.720p.WEB.h264-BAE",
        expect("The Daily Show", None, R720, WEB_DL, H264, "BAE", air_date=date(2024, 3, 15)),
    ),
    (
        "[SubsPlease] Frieren - 01 (1080p) [ABCD1234].mkv",
        expect("Frieren", None, R1080, SUNKNOWN, CUNKNOWN, "SubsPlease", episodes=(1,)),
    ),
    (
        "[Erai-raws] Sousou no Frieren S2 - 05v2 [1080p][HEVC]",
        expect(
            "Sousou no Frieren",
            None,
            R1080,
            SUNKNOWN,
            H265,
            "Erai-raws",
            seasons=(2,),
            episodes=(5,),
        ),
    ),
    # --- P2P, brackets, underscores, case, prefixes, bare names ---
    (
        "The Matrix (1999) [1080p] [BluRay] [5.1] [YTS.MX]",
        expect("The Matrix", 1999, R1080, BLURAY, CUNKNOWN, "YTS.MX"),
    ),
    (
        "Oppenheimer (2023) [2160p] [4K] [WEB] [5.1] [YTS.MX]",
        expect("Oppenheimer", 2023, R2160, WEB_DL, CUNKNOWN, "YTS.MX"),
    ),
    (
        "Dune (2021) 1080p BluRay x265 HEVC 10bit AAC 7.1 [Tigole]",
        expect("Dune", 2021, R1080, BLURAY, H265, "Tigole", audio=("AAC",)),
    ),
    (
        "Movie 2019 1080p WEBRip DD+ 5.1 x265 10bit",
        expect("Movie", 2019, R1080, WEBRIP, H265, audio=("DD+",)),
    ),
    (
        "Movie.2019.1080p.BluRay.x264-GRP[rarbg]",
        expect("Movie", 2019, R1080, BLURAY, H264, "GRP"),
    ),
    (
        "Movie.2019.1080p.BluRay.x264-GRP [EtHD]",
        expect("Movie", 2019, R1080, BLURAY, H264, "GRP"),
    ),
    (
        "Show.2019.1080p.WEB.H264-ABC.mkv",
        expect("Show", 2019, R1080, WEB_DL, H264, "ABC"),
    ),
    (
        "The_Matrix_1999_1080p_BluRay_x264-GROUP",
        expect("The Matrix", 1999, R1080, BLURAY, H264, "GROUP"),
    ),
    (
        "the.matrix.1999.1080p.bluray.x264-group",
        expect("the matrix", 1999, R1080, BLURAY, H264, "group"),
    ),
    (
        "www.Torrenting.com - Back.to.the.Future.1985.720p.BluRay.x264",
        expect("Back to the Future", 1985, R720, BLURAY, H264),
    ),
    ("The Matrix", expect("The Matrix", None, RUNKNOWN, SUNKNOWN, CUNKNOWN)),
    ("Spider-Man", expect("Spider-Man", None, RUNKNOWN, SUNKNOWN, CUNKNOWN)),
    ("1917", expect("1917", None, RUNKNOWN, SUNKNOWN, CUNKNOWN)),
    ("Inception 2010", expect("Inception", 2010, RUNKNOWN, SUNKNOWN, CUNKNOWN)),
    ("Movie 2019 HDRip XviD", expect("Movie", 2019, RUNKNOWN, WEBRIP, XVID)),
]


@pytest.mark.parametrize(("name", "expected"), PARSE_CASES, ids=[c[0] for c in PARSE_CASES])
def test_parse_release(name: str, expected: dict[str, Any]) -> None:
    release = parse_release(name)
    actual = {key: getattr(release, key) for key in expected}
    assert actual == expected
    assert release.name == name


def test_parse_table_is_large_enough() -> None:
    assert len(PARSE_CASES) >= 40


@pytest.mark.parametrize(
    "name",
    [
        "Tears.of.Steel.2012.720p.WEB-DL.AAC2.0.H.264",
        "Movie.2019.1080p.WEB-DL.DTS-HD.MA.5.1-GRP",  # "TS" inside "DTS"
        "The.Camera.2020.1080p.BluRay.x264",
        "Screen.Test.2021.720p.WEBRip.x264",
        "Movie.2020.1080p.WEB-DL.x264-YTS",
        "Cats.2019.1080p.BluRay.x264",
        "Tsunami.2020.720p.HDTV.x264",
    ],
)
def test_no_false_pre_release_sources(name: str) -> None:
    release = parse_release(name)
    assert release.source not in {CAM, TS, TC, SCR, WP}, release.source
    assert release.source is not SUNKNOWN


def test_release_properties() -> None:
    episode = parse_release("The.Office.US.S05E14.720p.HDTV.x264-LOL")
    assert (episode.season, episode.episode, episode.is_tv, episode.is_season_pack) == (
        5,
        14,
        True,
        False,
    )
    assert episode.quality == "HDTV-720p"
    pack = parse_release("Breaking.Bad.S01-S05.COMPLETE.1080p.BluRay.x265-RARBG")
    assert pack.season is None  # several seasons
    assert pack.episode is None
    assert pack.is_season_pack
    movie = parse_release("The.Matrix.1999.1080p.BluRay.x264-GROUP")
    assert not movie.is_tv and not movie.is_season_pack
    assert movie.quality == "Bluray-1080p"
    assert parse_release("Movie.2019.2160p.BluRay.REMUX.HEVC").quality == "Remux-2160p"
    assert parse_release("Movie.2019.DVDRip.XviD").quality == "DVD"
    assert parse_release("Movie.2019.480p.WEB-DL.x264").quality == "WEBDL-480p"
    assert parse_release("Movie.2019.HDCAM").quality == "CAM"
    assert parse_release("Movie 2019 1080p").quality == "1080p"
    assert parse_release("The Matrix").quality == "Unknown"
    daily = parse_release("The.Daily.Show.2024.03.15.720p.WEB.h264-BAE")
    assert daily.is_tv and not daily.is_season_pack


def test_resolution_aliases() -> None:
    assert parse_release("Movie.2019.4K.WEB.x265").resolution is R2160
    assert parse_release("Movie.2019.1080i.HDTV.MPEG2").resolution is R1080
    assert parse_release("Movie.2019.480p.WEBRip").resolution is SD
    assert parse_release("Movie.2019.SD.TVRip").resolution is SD
    # A 1080p encode of a UHD source is 1080p.
    assert parse_release("Movie.2019.UHD.BluRay.1080p.x264").resolution is R1080
    assert Resolution.coerce("4K") is R2160
    assert Resolution.coerce("1080") is R1080
    assert Resolution.coerce(" 576p ") is SD
    with pytest.raises(ValueError, match="'8k' is not a valid Resolution"):
        Resolution.coerce("8K")


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("Movie.2019.1080p.WEB-DL.x264 [ABCDEF12]", None),  # a CRC
        ("Movie.2019.1080p.WEB-DL [10bit]", None),
        ("Movie.2019.1080p.WEB-DL [x265]", None),
        ("Movie.2019.1080p.WEB-DL [2019]", None),
        ("Movie.2019.1080p.WEB-DL [Some Site]", None),
        ("Movie.2019.1080p.WEB-DL [+18]", None),
        ("Movie.2019.1080p.WEB-DL [EZTVx.to]", "EZTVx.to"),
        ("Movie.2019.1080p.BluRay.x264-2HD", "2HD"),
        ("Movie.2019.1080p.BluRay.x264-1080", None),  # digits only: not a group
    ],
)
def test_group_edge_cases(name: str, group: str | None) -> None:
    release = parse_release(name)
    assert release.group == group
    assert (release.title, release.year, release.resolution) == ("Movie", 2019, R1080)


def test_parse_edge_cases() -> None:
    remux = parse_release("Movie.2020.1080p.Remux.AVC.TrueHD")
    assert (remux.source, remux.remux) == (BLURAY, True)
    service = parse_release("Show.S01E01.1080p.AMZN.DDP5.1.x264-NTb")
    assert service.source is WEB_DL
    # Not a date: 13th month. The 2024 is a year then.
    not_daily = parse_release("Show.2024.13.45.720p.HDTV.x264")
    assert (not_daily.air_date, not_daily.year, not_daily.title) == (None, 2024, "Show")
    repeated = parse_release("Show.S01E01E01E02.720p.HDTV.x264")
    assert repeated.episodes == (1, 2)
    dotted = parse_release("A.I.Artificial.Intelligence.2001.1080p.BluRay.x264")
    assert (dotted.title, dotted.year) == ("A.I. Artificial Intelligence", 2001)


# --- Ranking ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Result:
    """A search result shaped like Jackett's: title, seeders and size, nothing else needed."""

    title: str
    seeders: int | None = 100
    size: int | None = 8 * GB


def titles(ranked: list[RankedResult[Result]]) -> list[str]:
    return [r.item.title for r in ranked]


def test_empty_input() -> None:
    assert rank([]) == []
    assert rank([], RankingPreferences(preferred_resolution=R2160)) == []


def test_preferred_resolution_beats_seeders() -> None:
    results = [
        Result("Movie.2020.720p.BluRay.x264-A", seeders=5000, size=4 * GB),
        Result("Movie.2020.1080p.BluRay.x264-B", seeders=3, size=8 * GB),
        Result("Movie.2020.2160p.BluRay.x265-C", seeders=3000, size=20 * GB),
        Result("Movie.2020.480p.BluRay.x264-D", seeders=9000, size=1 * GB),
        Result("Movie 2020", seeders=20000, size=None),
    ]
    ranked = rank(results)
    assert titles(ranked) == [
        "Movie.2020.1080p.BluRay.x264-B",  # exact
        "Movie.2020.2160p.BluRay.x265-C",  # higher before lower
        "Movie.2020.720p.BluRay.x264-A",
        "Movie.2020.480p.BluRay.x264-D",
        "Movie 2020",  # unknown last
    ]
    assert all(r.accepted for r in ranked)
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, reverse=True)
    assert ranked[0].reasons[0] == "1080p matches the preferred resolution"
    assert ranked[1].reasons[0] == "2160p is above the preferred 1080p"
    assert ranked[2].reasons[0] == "720p is below the preferred 1080p"
    assert ranked[3].reasons[0] == "SD is below the preferred 1080p"
    assert ranked[4].reasons[0] == "unknown resolution"

    uhd_first = rank(results, RankingPreferences(preferred_resolution=R2160))
    assert titles(uhd_first)[0] == "Movie.2020.2160p.BluRay.x265-C"
    assert titles(uhd_first)[1] == "Movie.2020.1080p.BluRay.x264-B"


def test_source_order_then_proper_within_a_resolution() -> None:
    results = [
        Result("Movie.2020.1080p.HDTV.x264-A", seeders=900),
        Result("Movie.2020.1080p.WEBRip.x264-B", seeders=800),
        Result("Movie.2020.1080p.WEB-DL.x264-C", seeders=700),
        Result("Movie.2020.1080p.BluRay.x264-D", seeders=5),
        Result("Movie.2020.1080p.BluRay.REMUX.AVC-E", seeders=2, size=30 * GB),
        Result("Movie.2020.1080p.WEB-DL.x264-F", seeders=2),
        Result("Movie.2020.1080p.DVDRip.x264-G", seeders=990),
        Result("Movie.2020.1080p.x264-H", seeders=999),
        Result("Movie.2020.PROPER.1080p.WEB-DL.x264-I", seeders=2),
    ]
    assert titles(rank(results)) == [
        "Movie.2020.1080p.BluRay.REMUX.AVC-E",
        "Movie.2020.1080p.BluRay.x264-D",
        "Movie.2020.PROPER.1080p.WEB-DL.x264-I",  # the bonus beats seeders, not a source step
        "Movie.2020.1080p.WEB-DL.x264-C",
        "Movie.2020.1080p.WEB-DL.x264-F",
        "Movie.2020.1080p.WEBRip.x264-B",
        "Movie.2020.1080p.HDTV.x264-A",
        "Movie.2020.1080p.DVDRip.x264-G",
        "Movie.2020.1080p.x264-H",
    ]


def test_seeders_are_log_bucketed_and_size_breaks_near_ties() -> None:
    typical = Result("Movie.2020.1080p.WEB-DL.x264-A", seeders=500, size=8 * GB)
    bloated = Result("Movie.2020.1080p.WEB-DL.x264-B", seeders=520, size=70 * GB)
    tiny = Result("Movie.2020.1080p.WEB-DL.x264-C", seeders=510, size=300_000_000)
    popular = Result("Movie.2020.1080p.WEB-DL.x264-D", seeders=5000, size=70 * GB)
    few = Result("Movie.2020.1080p.WEB-DL.x264-E", seeders=10, size=8 * GB)
    ranked = rank([few, tiny, bloated, typical, popular])
    assert titles(ranked) == [popular.title, typical.title, bloated.title, tiny.title, few.title]
    # Seeders never outweigh a quality step: a 4-seeder BluRay beats 100000 WEB-DL seeders.
    bluray = Result("Movie.2020.1080p.BluRay.x264-F", seeders=4, size=300_000_000)
    huge = Result("Movie.2020.1080p.WEB-DL.x264-G", seeders=100_000)
    assert titles(rank([huge, bluray])) == [bluray.title, huge.title]


def test_no_preferred_resolution_ranks_higher_first() -> None:
    prefs = RankingPreferences(preferred_resolution=RUNKNOWN)
    ranked = rank(
        [
            Result("Movie.2020.720p.WEB-DL.x264-A"),
            Result("Movie.2020.WEB-DL.x264-B"),
            Result("Movie.2020.2160p.WEB-DL.x265-C", size=20 * GB),
            Result("Movie.2020.1080p.WEB-DL.x264-D"),
        ],
        prefs,
    )
    assert [r.release.group for r in ranked] == ["C", "D", "A", "B"]
    assert ranked[0].reasons[0] == "2160p resolution"


def test_size_fit_depends_on_resolution_and_episode_count() -> None:
    episode = [
        Result("Show.S01E01.1080p.WEB-DL.x264-A", size=20 * GB),
        Result("Show.S01E01.1080p.WEB-DL.x264-B", size=2 * GB),
    ]
    assert titles(rank(episode))[0] == "Show.S01E01.1080p.WEB-DL.x264-B"
    pack = [
        Result("Show.S01.1080p.WEB-DL.x264-A", size=2 * GB),
        Result("Show.S01.1080p.WEB-DL.x264-B", size=20 * GB),
    ]
    assert titles(rank(pack))[0] == "Show.S01.1080p.WEB-DL.x264-B"
    daily = [
        Result("Show.2024.03.15.720p.WEB.h264-A", size=5 * GB),
        Result("Show.2024.03.15.720p.WEB.h264-B", size=1 * GB),
    ]
    assert titles(rank(daily))[0] == "Show.2024.03.15.720p.WEB.h264-B"
    series = [
        Result("Show.COMPLETE.SERIES.1080p.WEB-DL.x264-A", size=2 * GB),
        Result("Show.COMPLETE.SERIES.1080p.WEB-DL.x264-B", size=60 * GB),
    ]
    assert titles(rank(series))[0] == "Show.COMPLETE.SERIES.1080p.WEB-DL.x264-B"
    # Unknown size is neutral: between a perfect and an awful fit.
    sized = rank(
        [
            Result("Movie.2020.1080p.WEB-DL.x264-A", size=8 * GB),
            Result("Movie.2020.1080p.WEB-DL.x264-B", size=None),
            Result("Movie.2020.1080p.WEB-DL.x264-C", size=200 * GB),
        ]
    )
    assert [r.item.title[-1] for r in sized] == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Oppenheimer 2023 1080p CAM x264", "CAM"),
        ("Oppenheimer.2023.HDTS.x264-TGx", "TELESYNC"),
        ("Oppenheimer.2023.HDTC.x264", "TELECINE"),
        ("Avatar.2009.DVDSCR.XviD-AXXO", "SCREENER"),
        ("Movie.2019.WORKPRINT.XviD", "WORKPRINT"),
    ],
)
def test_pre_release_sources_rejected_by_default(name: str, label: str) -> None:
    good = Result("Oppenheimer.2023.720p.WEBRip.x264", seeders=3)
    bad = Result(name, seeders=50_000)
    ranked = rank([bad, good])
    assert titles(ranked) == [good.title, bad.title]
    assert ranked[0].accepted
    assert not ranked[1].accepted
    assert ranked[1].reasons == (f"{label} source rejected",)


def test_pre_release_sources_can_be_allowed_but_rank_low() -> None:
    prefs = RankingPreferences(allowed_sources=DEFAULT_ALLOWED_SOURCES | {CAM, TS})
    ranked = rank(
        [
            Result("Movie.2023.1080p.CAM.x264", seeders=9000),
            Result("Movie.2023.1080p.TS.x264", seeders=9000),
            Result("Movie.2023.1080p.x264", seeders=1),
        ],
        prefs,
    )
    assert all(r.accepted for r in ranked)
    assert titles(ranked) == [
        "Movie.2023.1080p.x264",
        "Movie.2023.1080p.TS.x264",
        "Movie.2023.1080p.CAM.x264",
    ]
    assert "CAM source" in ranked[2].reasons
    # Narrowing the allowed sources rejects the rest.
    only_bluray = RankingPreferences(allowed_sources=frozenset({BLURAY}))
    [web] = rank([Result("Movie.2023.1080p.WEB-DL.x264")], only_bluray)
    assert not web.accepted
    assert web.reasons == ("WEB-DL source rejected",)


def test_min_seeders() -> None:
    ranked = rank(
        [
            Result("Movie.2020.2160p.BluRay.REMUX.HEVC-A", seeders=0),
            Result("Movie.2020.720p.HDTV.x264-B", seeders=1),
            Result("Movie.2020.1080p.WEB-DL.x264-C", seeders=None),
        ]
    )
    assert [(r.item.title, r.accepted) for r in ranked] == [
        ("Movie.2020.1080p.WEB-DL.x264-C", True),
        ("Movie.2020.720p.HDTV.x264-B", True),
        ("Movie.2020.2160p.BluRay.REMUX.HEVC-A", False),
    ]
    assert "seeder count unknown" in ranked[0].reasons
    assert "1 seeder" in ranked[1].reasons
    assert ranked[2].reasons == ("only 0 seeders (minimum 1)",)

    strict = rank(
        [Result("Movie.2020.1080p.WEB-DL.x264-C", seeders=4)], RankingPreferences(min_seeders=5)
    )
    assert strict[0].reasons == ("only 4 seeders (minimum 5)",)
    lenient = rank(
        [Result("Movie.2020.1080p.WEB-DL.x264-C", seeders=0)], RankingPreferences(min_seeders=0)
    )
    assert lenient[0].accepted


def test_max_size() -> None:
    prefs = RankingPreferences(max_size_bytes=20 * GB)
    ranked = rank(
        [
            Result("Movie.2020.2160p.BluRay.REMUX.HEVC-A", size=55 * GB),
            Result("Movie.2020.2160p.WEB-DL.x265-B", size=20 * GB),
            Result("Movie.2020.2160p.BluRay.x265-C", size=None),
            Result("Movie.2020.1080p.BluRay.x264-D", size=25_400_000_000),
        ],
        prefs,
    )
    assert [(r.item.title[-1], r.accepted) for r in ranked] == [
        ("C", True),  # unknown size passes
        ("B", True),  # exactly at the limit passes
        ("D", False),  # 1080p is the preferred resolution
        ("A", False),
    ]
    assert ranked[2].reasons == ("larger than the 20 GB limit (25.4 GB)",)
    assert ranked[3].reasons == ("larger than the 20 GB limit (55 GB)",)
    small = rank(
        [Result("Movie.2020.720p.WEB-DL.x264", size=800_000_000)],
        RankingPreferences(max_size_bytes=700_000_000),
    )
    assert small[0].reasons == ("larger than the 700 MB limit (800 MB)",)


def test_excluded_words_whole_word_case_insensitive() -> None:
    prefs = RankingPreferences(excluded_words=("hindi", "cam", "dual audio", "  "))
    assert prefs.excluded_words == ("hindi", "cam", "dual audio")
    ranked = rank(
        [
            Result("Movie.2021.1080p.WEB-DL.HINDI.x264-A"),
            Result("Movie 2021 1080p WEB-DL x264 [Hindi + English]"),
            Result("Camera.Obscura.2021.1080p.WEB-DL.x264-B"),
            Result("Movie.2021.1080p.WEB-DL.Dual-Audio.x264-C"),
            Result("Movie.2021.1080p.WEB-DL.DUAL.AUDIO.x264-D"),
            Result("Movie.2021.1080p.WEB-DL.Hindiana.x264-E"),
        ],
        prefs,
    )
    by_title = {r.item.title: r for r in ranked}
    assert by_title["Camera.Obscura.2021.1080p.WEB-DL.x264-B"].accepted
    assert by_title["Movie.2021.1080p.WEB-DL.Hindiana.x264-E"].accepted
    assert by_title["Movie.2021.1080p.WEB-DL.HINDI.x264-A"].reasons == (
        "contains excluded word 'hindi'",
    )
    assert by_title["Movie 2021 1080p WEB-DL x264 [Hindi + English]"].reasons == (
        "contains excluded word 'hindi'",
    )
    for title in (
        "Movie.2021.1080p.WEB-DL.Dual-Audio.x264-C",
        "Movie.2021.1080p.WEB-DL.DUAL.AUDIO.x264-D",
    ):
        assert by_title[title].reasons == ("contains excluded word 'dual audio'",)
    assert [r.accepted for r in ranked] == [True, True, False, False, False, False]


def test_several_rejection_reasons_are_all_listed() -> None:
    prefs = RankingPreferences(max_size_bytes=2 * GB, excluded_words=("hindi",))
    [result] = rank([Result("Movie.2023.HDCAM.Hindi.x264", seeders=0, size=3 * GB)], prefs)
    assert not result.accepted
    assert result.reasons == (
        "CAM source rejected",
        "only 0 seeders (minimum 1)",
        "larger than the 2 GB limit (3 GB)",
        "contains excluded word 'hindi'",
    )


def test_expected_season_and_episode() -> None:
    prefs = RankingPreferences(expected_season=1, expected_episode=2)
    ranked = rank(
        [
            Result("Show.S02.1080p.WEB-DL.x264-A", size=20 * GB),
            Result("Show.S01E02.1080p.WEB-DL.x264-B", seeders=900, size=2 * GB),
            Result("Show.S01E03.1080p.WEB-DL.x264-C", size=2 * GB),
            Result("Show.S01.1080p.WEB-DL.x264-D", seeders=300, size=20 * GB),
            Result("Show.S01-S03.1080p.BluRay.x264-E", size=60 * GB),
            Result("Show.2019.1080p.WEB-DL.x264-F"),
            Result("Show.COMPLETE.SERIES.720p.WEB-DL.x264-G", size=30 * GB),
            Result("Show.S01E01-E03.1080p.WEB-DL.x264-H", size=6 * GB),
            Result("Show.S02E02.1080p.WEB-DL.x264-I", size=2 * GB),
        ],
        prefs,
    )
    by_group = {r.release.group: r for r in ranked}
    assert by_group["A"].reasons == ("wrong season (S02, wanted S01)",)
    assert by_group["C"].reasons == ("wrong episode (S01E03, wanted S01E02)",)
    assert by_group["I"].reasons == ("wrong season (S02E02, wanted S01)",)
    assert by_group["F"].reasons == ("no season or episode in the name (wanted S01E02)",)
    assert "season pack S01 includes S01E02" in by_group["D"].reasons
    assert "season pack S01-S03 includes S01E02" in by_group["E"].reasons
    assert "complete series pack (wanted S01E02)" in by_group["G"].reasons
    accepted = [r.release.group for r in ranked if r.accepted]
    rejected = [r.release.group or "" for r in ranked if not r.accepted]
    assert accepted == ["E", "B", "D", "H", "G"]  # BluRay first, then by seeders, 720p last
    assert sorted(rejected) == ["A", "C", "F", "I"]
    assert ranked[len(accepted) :] == [r for r in ranked if not r.accepted]

    season_only = RankingPreferences(expected_season=3)
    [pack, other] = rank(
        [Result("Show.S01.1080p.WEB-DL.x264-A"), Result("Show.S01-S03.1080p.WEB-DL.x264-B")],
        season_only,
    )
    assert (pack.release.group, pack.accepted, other.accepted) == ("B", True, False)
    assert other.reasons == ("wrong season (S01, wanted S03)",)

    anime = rank([Result("[SubsPlease] Frieren - 05 (1080p) [ABCD1234].mkv")], prefs)
    assert anime[0].accepted
    assert "absolute episode E05 names no season (wanted S01E02)" in anime[0].reasons


def test_expected_year() -> None:
    prefs = RankingPreferences(expected_year=2021)
    ranked = rank(
        [
            Result("Dune.1984.1080p.BluRay.x264-A"),
            Result("Dune.2021.1080p.BluRay.x264-B"),
            Result("Dune.2020.1080p.BluRay.x264-C"),
            Result("Dune.1080p.BluRay.x264-D"),
        ],
        prefs,
    )
    by_group = {r.release.group: r for r in ranked}
    assert by_group["A"].reasons == ("wrong year (1984, wanted 2021)",)
    assert "year 2020 is one off the expected 2021" in by_group["C"].reasons
    assert by_group["B"].accepted and by_group["C"].accepted and by_group["D"].accepted
    assert ranked[-1].release.group == "A"


def test_rejected_are_kept_at_the_end_in_score_order() -> None:
    results = [
        Result("Movie.2020.2160p.BluRay.REMUX.HEVC-A", seeders=0),
        Result("Movie.2020.480p.DVDRip.XviD-B", seeders=2),
        Result("Movie.2020.1080p.CAM.x264-C", seeders=10_000),
        Result("Movie.2020.720p.WEB-DL.x264-D", seeders=40),
    ]
    ranked = rank(results)
    assert [r.accepted for r in ranked] == [True, True, False, False]
    assert titles(ranked) == [
        "Movie.2020.720p.WEB-DL.x264-D",
        "Movie.2020.480p.DVDRip.XviD-B",
        # The rejected keep their quality order: 1080p is the preferred resolution.
        "Movie.2020.1080p.CAM.x264-C",
        "Movie.2020.2160p.BluRay.REMUX.HEVC-A",
    ]
    assert ranked[2].score > ranked[0].score  # the score alone does not accept
    assert all(r.reasons for r in ranked)
    assert ranked[0].release == parse_release("Movie.2020.720p.WEB-DL.x264-D")
    assert ranked[0].item is results[3]


def test_ranking_is_deterministic_and_ties_break_on_seeders_then_title() -> None:
    results = [
        Result(f"Movie.2020.1080p.WEB-DL.x264-{group}", seeders=seeders, size=8 * GB)
        for group, seeders in [("B", 100), ("A", 100), ("C", 101), ("a", 100), ("D", 0)]
    ]
    results += [
        Result("Movie.2020.720p.HDTV.x264-E", seeders=7),
        Result("Movie 2020", seeders=None),
    ]
    expected = titles(rank(results))
    assert expected[:4] == [
        "Movie.2020.1080p.WEB-DL.x264-C",  # same bucket and size: more seeders first
        "Movie.2020.1080p.WEB-DL.x264-A",  # then title, case-insensitively, then exactly
        "Movie.2020.1080p.WEB-DL.x264-a",
        "Movie.2020.1080p.WEB-DL.x264-B",
    ]
    assert expected[-1] == "Movie.2020.1080p.WEB-DL.x264-D"
    rng = random.Random(1234)
    for _ in range(20):
        shuffled = results[:]
        rng.shuffle(shuffled)
        assert titles(rank(shuffled)) == expected
    # Generators work too, and scores are reproducible.
    assert [r.score for r in rank(iter(results))] == [r.score for r in rank(results)]


def test_preferences_accept_strings() -> None:
    prefs = RankingPreferences(
        preferred_resolution="720p",  # type: ignore[arg-type]
        allowed_sources=frozenset({"bluray", "web_dl"}),  # type: ignore[arg-type]
    )
    assert prefs.preferred_resolution is R720
    assert prefs.allowed_sources == frozenset({BLURAY, WEB_DL})
    assert RankingPreferences() == RankingPreferences()
    assert RankingPreferences().allowed_sources == frozenset(
        {BLURAY, WEB_DL, WEBRIP, HDTV, DVD, SUNKNOWN}
    )
    [result] = rank([Result("Movie.2020.720p.WEBRip.x264")], prefs)
    assert result.reasons == ("WEBRip source rejected",)


def test_parse_result_is_hashable_value() -> None:
    first = parse_release("The.Matrix.1999.1080p.BluRay.x264-GROUP")
    assert first == parse_release("The.Matrix.1999.1080p.BluRay.x264-GROUP")
    assert len({first, parse_release("The.Matrix.1999.1080p.BluRay.x264-GROUP")}) == 1
    assert isinstance(first, ReleaseInfo)
    with pytest.raises(AttributeError):
        first.title = "Other"  # type: ignore[misc]
