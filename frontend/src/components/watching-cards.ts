/**
 * The watching experience's shared parts: which Home Assistant media players can play, how a
 * Jellyfin entry is named ("Severance · S1E2") and how much of it is left, the "Play in
 * Jellyfin" link, and the two Jellyfin cards of Discover (a landscape Continue watching card
 * with a progress bar, and a poster card for Recently added).
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { formatDuration } from "../data/format";
import { icon, mdiMovieOpenOutline, mdiPlay } from "./icons";
import { safeHref } from "../data/links";
import { libraryBadge } from "./media-card";
import { progressBar } from "./progress";
import type { Hass, JellyfinEntry, MediaItem, PlayTarget } from "../data/types";

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

function kindLabel(type: string): string {
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

/** The "Play in Jellyfin" link (Jellyfin's web app, in a new tab); nothing unless http(s). */
export function jellyfinLink(url: string | null | undefined, primary = true): TemplateResult | typeof nothing {
  if (!safeHref(url)) return nothing;
  return html`<a class="btn ${primary ? "primary" : ""} play-jellyfin" href=${ifDefined(safeHref(url))} target="_blank" rel="noopener"
    >${icon(mdiPlay)} Play in Jellyfin<span class="visually-hidden"> (opens in a new tab)</span></a
  >`;
}

function hideBroken(event: Event): void {
  (event.target as HTMLElement).hidden = true;
}

/** A Continue watching card: a 16:9 picture, the progress, the name and the time left. */
export function continueCard(entry: JellyfinEntry, open: (entry: JellyfinEntry) => void): TemplateResult {
  const title = entryTitle(entry);
  const progress = entryProgress(entry);
  const left = remainingText(entry);
  // Landscape first (an episode's own still, a movie's backdrop); the poster when there is none.
  const image = entry.backdrop_url ?? entry.image_url;
  const label = [
    title,
    entry.type === "Episode" && entry.name !== title ? entry.name : null,
    progress != null ? `${Math.round(progress)}% watched` : null,
    left,
  ]
    .filter(Boolean)
    .join(", ");
  return html`<button class="card wide" aria-label=${label} data-item-id=${entry.item_id} @click=${() => open(entry)}>
    <div class="poster thumb" aria-hidden="true">
      <div class="placeholder">${icon(mdiMovieOpenOutline)}<span>${title}</span></div>
      ${image
        ? html`<img src=${image} alt="" loading="lazy" decoding="async" width="480" height="270" @error=${hideBroken} />`
        : nothing}
      ${progress != null ? progressBar(progress, `${title}: watched`) : nothing}
    </div>
    <span class="title" aria-hidden="true">${title}</span>
    <span class="year left" aria-hidden="true">${left ?? (progress != null ? `${Math.round(progress)}% watched` : "")}</span>
  </button>`;
}

/** A Recently added card: the poster with the "In your library" badge. */
export function libraryCard(entry: JellyfinEntry, open: (entry: JellyfinEntry) => void): TemplateResult {
  const title = entryTitle(entry);
  const kind = kindLabel(entry.type);
  const label = [title, kind, entry.year ? String(entry.year) : null, "in your library"].filter(Boolean).join(", ");
  return html`<button class="card" aria-label=${label} data-item-id=${entry.item_id} @click=${() => open(entry)}>
    <div class="poster" aria-hidden="true">
      <div class="placeholder">${icon(mdiMovieOpenOutline)}<span>${title}</span></div>
      ${entry.image_url
        ? html`<img
            src=${entry.image_url}
            alt=""
            loading="lazy"
            decoding="async"
            width="342"
            height="513"
            @error=${hideBroken}
          />`
        : nothing}
      ${libraryBadge()}
    </div>
    <span class="title" aria-hidden="true">${title}</span>
    <span class="year" aria-hidden="true"
      >${entry.year ?? ""}${entry.type === "Series" ? html` · TV` : nothing}</span
    >
  </button>`;
}

/** Landscape cards (with media-card.ts's `.card` styles and progress.ts's bar). */
export const watchingCardStyles = css`
  .poster.thumb {
    aspect-ratio: 16 / 9;
  }
  .thumb .progress {
    position: absolute;
    left: 8px;
    right: 8px;
    bottom: 8px;
    height: 4px;
    border-radius: 2px;
    background: rgba(255, 255, 255, 0.35);
    box-shadow: 0 0 2px rgba(0, 0, 0, 0.5);
  }
  .thumb .progress-fill {
    border-radius: 2px;
  }
  .card.wide .title {
    -webkit-line-clamp: 1;
  }
`;
