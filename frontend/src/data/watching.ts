/**
 * The watching experience without rendering: which Home Assistant media players can play, how a
 * Jellyfin entry is named ("Severance · S1E2") and how much of it is left, what `pandora/play`
 * plays for it, and the title it opens in the details sheet.
 */
import { formatDuration } from "./format";
import type { Hass, JellyfinEntry, MediaItem, PlayTarget } from "./types";

/** `MediaPlayerEntityFeature.PLAY_MEDIA`. */
export const PLAY_MEDIA = 512;

export interface Player {
  entity_id: string;
  name: string;
  state: string;
}

/** Media players that can play media (the PLAY_MEDIA bit) and are not unavailable, by name. */
export function playablePlayers(hass: Hass | undefined): Player[] {
  return Object.values(hass?.states ?? {})
    .filter(
      (entity) =>
        entity.entity_id.startsWith("media_player.") &&
        entity.state !== "unavailable" &&
        (Number(entity.attributes?.supported_features) & PLAY_MEDIA) !== 0,
    )
    .map((entity) => ({
      entity_id: entity.entity_id,
      name: entity.attributes.friendly_name || entity.entity_id,
      state: entity.state,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.entity_id.localeCompare(b.entity_id));
}

/** "S1E2", "E5", or null. */
function episodeCode(entry: JellyfinEntry): string | null {
  if (entry.episode == null) return null;
  return entry.season != null ? `S${entry.season}E${entry.episode}` : `E${entry.episode}`;
}

/** An episode: "Severance · S1E2" (its series and number); anything else: its name. */
export function entryTitle(entry: JellyfinEntry): string {
  if (entry.type === "Episode" && entry.series_name) {
    return `${entry.series_name} · ${episodeCode(entry) ?? entry.name}`;
  }
  return entry.name;
}

/** 0-100: Jellyfin's percentage, else position / runtime; null when unknown. */
export function entryProgress(entry: JellyfinEntry): number | null {
  if (entry.progress != null && Number.isFinite(entry.progress)) return entry.progress;
  if (entry.runtime_seconds && entry.position_seconds > 0) {
    return (entry.position_seconds / entry.runtime_seconds) * 100;
  }
  return null;
}

/** "42 min left" from position and runtime; null when the runtime is unknown. */
export function remainingText(entry: JellyfinEntry): string | null {
  if (!entry.runtime_seconds) return null;
  const left = entry.runtime_seconds - Math.max(0, entry.position_seconds || 0);
  if (left <= 0) return null;
  return `${formatDuration(left)} left`;
}

/** `pandora/play`'s target for a Jellyfin entry. */
export function entryTarget(entry: JellyfinEntry): PlayTarget {
  return { item_id: entry.item_id, instance: entry.instance };
}

/** A Jellyfin item type for people ("Series" → "TV series"). */
export function kindLabel(type: string): string {
  switch (type) {
    case "Movie":
      return "Movie";
    case "Series":
      return "TV series";
    case "Episode":
      return "Episode";
    default:
      return type;
  }
}

/** The title to open in the details sheet, when Jellyfin knows its TMDB id. */
export function entryAsItem(entry: JellyfinEntry): MediaItem | null {
  if (entry.tmdb_id == null || (entry.media_type !== "movie" && entry.media_type !== "tv")) return null;
  const episode = entry.type === "Episode";
  return {
    tmdb_id: entry.tmdb_id,
    media_type: entry.media_type,
    title: entry.media_type === "tv" ? (entry.series_name ?? entry.name) : entry.name,
    year: episode ? null : entry.year,
    overview: episode ? null : entry.overview,
    rating: 0,
    vote_count: 0,
    poster_url: entry.image_url,
    backdrop_url: entry.backdrop_url,
    genre_ids: [],
    in_library: true,
  };
}
