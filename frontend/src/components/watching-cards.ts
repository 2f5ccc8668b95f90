/**
 * The watching experience's shared templates: the "Play in Jellyfin" link and the two Jellyfin
 * cards of Discover (a landscape Continue watching card with a progress bar, and a poster card
 * for Recently added). What they show is worked out in data/watching.ts.
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { icon, mdiMovieOpenOutline, mdiPlay } from "./icons";
import { safeHref } from "../data/links";
import { libraryBadge } from "./media-card";
import { progressBar } from "./progress";
import type { JellyfinEntry } from "../data/types";
import { entryProgress, entryTitle, kindLabel, remainingText } from "../data/watching";

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
