/**
 * Torrent search without rendering: what a search is for (`DownloadTarget`), a release's quality
 * chips, what an empty or partial answer means (`searchOutcome`, `searchProblems`), and other
 * words to search for when nothing was found (`querySuggestions`).
 */
import type { IndexerStatus, MediaDetails, MediaItem, RankedRelease, TorrentSearchResult } from "./types";

/** What the torrent search needs to know about a title. */
export interface DownloadTarget {
  tmdb_id: number;
  media_type: MediaItem["media_type"];
  title: string;
  year: number | null;
  seasons: MediaDetails["seasons"];
  /** Indexers may list a title under it: offered when nothing is found. */
  original_title?: string | null;
}

const SOURCES: Record<string, string> = {
  bluray: "Blu-ray",
  web_dl: "WEB-DL",
  webrip: "WEBRip",
  hdtv: "HDTV",
  dvd: "DVD",
  cam: "CAM",
  telesync: "Telesync",
  telecine: "Telecine",
  screener: "Screener",
  workprint: "Workprint",
};
const CODECS: Record<string, string> = {
  h264: "H.264",
  h265: "H.265",
  av1: "AV1",
  xvid: "XviD",
  vc1: "VC-1",
};

/** The chips that describe a release's quality (unknown parts left out). */
export function qualityChips(release: RankedRelease): string[] {
  const chips: string[] = [];
  if (release.resolution && release.resolution !== "unknown") {
    chips.push(release.resolution === "sd" ? "SD" : release.resolution);
  }
  if (SOURCES[release.source]) chips.push(SOURCES[release.source]!);
  if (CODECS[release.codec]) chips.push(CODECS[release.codec]!);
  chips.push(...release.hdr);
  return chips;
}

/** Something that went wrong with one Jackett's part of a search, in words. */
export interface SearchProblem {
  instance: string;
  /** Nothing of this Jackett was searched (not merely some of its indexers). */
  failed: boolean;
  text: string;
}

function indexerFailure(status: IndexerStatus): string {
  if (status.state === "timeout") return "did not answer in time";
  return status.error ? `failed (${status.error})` : "failed";
}

/** What went wrong per Jackett: a server that failed, or the indexers that did not answer. */
export function searchProblems(result: TorrentSearchResult): SearchProblem[] {
  const problems: SearchProblem[] = [];
  for (const status of result.instances) {
    if (status.state === "error") {
      problems.push({
        instance: status.instance,
        failed: true,
        text: `${status.instance} could not be searched: ${status.error ?? "it did not answer"}`,
      });
    } else if (status.state === "partial") {
      const indexers = status.indexers ?? [];
      const missing = indexers.filter((i) => i.state !== "ok");
      const which = missing.length
        ? missing.map((i) => `${i.indexer} ${indexerFailure(i)}`).join("; ")
        : "some indexers did not answer";
      const failed = indexers.length > 0 && missing.length === indexers.length;
      problems.push({
        instance: status.instance,
        failed,
        text: `${status.instance}: ${which}${failed ? "" : "; results may be incomplete"}`,
      });
    }
  }
  return problems;
}

/**
 * Why a search shows what it shows: releases to list; none because every one was rejected; none
 * because the indexers found nothing; or none because no indexer could be searched (then
 * "nothing found" would be a guess).
 */
export function searchOutcome(result: TorrentSearchResult): "results" | "all_rejected" | "none_found" | "failed" {
  if (result.results.length) return "results";
  if (result.total > 0) return "all_rejected";
  const problems = searchProblems(result);
  const failed = problems.filter((p) => p.failed).length;
  return failed > 0 && failed === result.instances.length ? "failed" : "none_found";
}

/** A title as the backend's query has it: letters, digits, spaces, apostrophes and hyphens. */
function queryWords(title: string): string {
  return title.replace(/[^\p{L}\p{N}\s'-]/gu, " ").split(/\s+/).filter(Boolean).join(" ");
}

/**
 * Other words to search for when the indexers found nothing for `searched`: a movie without its
 * year, a series with its year or "Season N", and the original title (with the movie's year or
 * the season's S01 tag) when it differs.
 */
export function querySuggestions(target: DownloadTarget, season: number | null, searched: string): string[] {
  const title = queryWords(target.title);
  const original = target.original_title ? queryWords(target.original_title) : "";
  const tag = season === null ? "" : ` S${String(season).padStart(2, "0")}`;
  const year = target.year ? ` ${target.year}` : "";
  const candidates =
    target.media_type === "movie"
      ? [title, original && `${original}${year}`]
      : [season === null ? `${title}${year}` : `${title} Season ${season}`, original && `${original}${tag}`];
  const seen = new Set([searched.trim().toLowerCase()]);
  return candidates.filter((query): query is string => {
    const key = query?.toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
