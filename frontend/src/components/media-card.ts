/**
 * A poster card (a button: poster, title, year, rating badge, "In your library" badge) and its
 * loading placeholder. In the panel a card can carry a My List toggle: a second button over the
 * poster's corner (a button cannot hold another), `aria-pressed` while the title is in the list.
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { icon, mdiCheck, mdiCheckCircle, mdiMovieOpenOutline, mdiPlus, mdiStar } from "./icons";
import type { MediaItem } from "../data/types";

/** A card's My List toggle. */
export interface ListToggle {
  /** The title is in My List. */
  inList: boolean;
  /** Its add or remove is on its way. */
  busy?: boolean;
  toggle: (item: MediaItem) => void;
}

export function mediaLabel(item: MediaItem): string {
  const kind = item.media_type === "tv" ? "TV series" : "Movie";
  const parts = [item.title, kind];
  if (item.year) parts.push(String(item.year));
  if (item.rating > 0) parts.push(`rated ${item.rating.toFixed(1)} out of 10`);
  if (item.in_library) parts.push("in your library");
  return parts.join(", ");
}

/** The "In your library" badge over a poster's bottom edge. */
export function libraryBadge(): TemplateResult {
  return html`<span class="in-library">${icon(mdiCheckCircle)}In your library</span>`;
}

/** The round My List toggle over a card's poster. */
export function listToggleButton(item: MediaItem, list: ListToggle): TemplateResult {
  return html`<button
    class="list-toggle"
    aria-label="My List: ${item.title}"
    title=${list.inList ? "Remove from My List" : "Add to My List"}
    aria-pressed=${list.inList ? "true" : "false"}
    ?disabled=${list.busy}
    @click=${() => list.toggle(item)}
  >
    <span class="list-toggle-face">${icon(list.inList ? mdiCheck : mdiPlus)}</span>
  </button>`;
}

function hideBroken(event: Event): void {
  (event.target as HTMLElement).hidden = true;
}

export function mediaCard(
  item: MediaItem,
  open: (item: MediaItem) => void,
  list?: ListToggle,
): TemplateResult {
  const card = html`<button
    class="card"
    aria-label=${mediaLabel(item)}
    data-tmdb-id=${item.tmdb_id}
    @click=${() => open(item)}
  >
    <div class="poster" aria-hidden="true">
      <div class="placeholder">${icon(mdiMovieOpenOutline)}<span>${item.title}</span></div>
      ${item.poster_url
        ? html`<img
            src=${item.poster_url}
            alt=""
            loading="lazy"
            decoding="async"
            width="342"
            height="513"
            @error=${hideBroken}
          />`
        : nothing}
      ${item.rating > 0
        ? html`<span class="rating">${icon(mdiStar)}${item.rating.toFixed(1)}</span>`
        : nothing}
      ${item.in_library ? libraryBadge() : nothing}
    </div>
    <span class="title" aria-hidden="true">${item.title}</span>
    <span class="year" aria-hidden="true"
      >${item.year ?? ""}${item.media_type === "tv" ? html` · TV` : nothing}</span
    >
  </button>`;
  if (!list) return card;
  return html`<div class="card-wrap">${card}${listToggleButton(item, list)}</div>`;
}

export function cardSkeleton(): TemplateResult {
  return html`<div class="card" aria-hidden="true">
    <div class="poster skeleton"></div>
    <span class="skeleton line"></span>
    <span class="skeleton line short"></span>
  </div>`;
}

export const mediaCardStyles = css`
  .card {
    display: flex;
    flex-direction: column;
    gap: 4px;
    width: 100%;
    padding: 0 0 4px;
    border: none;
    background: none;
    color: var(--_text);
    text-align: left;
    cursor: pointer;
    border-radius: calc(var(--_radius) - 2px);
  }
  .poster {
    position: relative;
    aspect-ratio: 2 / 3;
    width: 100%;
    border-radius: calc(var(--_radius) - 2px);
    overflow: hidden;
    background: var(--_surface-alt);
    box-shadow: 0 1px 3px rgba(0, 0, 0, 0.2);
    transition: transform 160ms ease, box-shadow 160ms ease;
  }
  .card:hover .poster,
  .card:focus-visible .poster {
    transform: translateY(-2px);
    box-shadow: 0 6px 16px rgba(0, 0, 0, 0.3);
  }
  .poster img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .placeholder {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 8px;
    padding: 12px;
    color: var(--_text-2);
    text-align: center;
    font-size: 0.8rem;
    overflow: hidden;
  }
  .placeholder .icon {
    width: 36px;
    height: 36px;
  }
  .rating {
    position: absolute;
    top: 6px;
    left: 6px;
    display: inline-flex;
    align-items: center;
    gap: 2px;
    padding: 2px 6px 2px 4px;
    border-radius: 10px;
    background: rgba(0, 0, 0, 0.78);
    color: #fff;
    font-size: 0.75rem;
    font-weight: 600;
  }
  .rating .icon {
    width: 14px;
    height: 14px;
    color: #ffd54f;
  }
  .in-library {
    position: absolute;
    left: 6px;
    bottom: 6px;
    max-width: calc(100% - 12px);
    display: inline-flex;
    align-items: center;
    gap: 3px;
    padding: 2px 7px 2px 4px;
    border-radius: 10px;
    background: rgba(0, 0, 0, 0.78);
    color: #fff;
    font-size: 0.7rem;
    font-weight: 600;
    white-space: nowrap;
    overflow: hidden;
  }
  .in-library .icon {
    width: 14px;
    height: 14px;
    color: #81c784;
  }
  .card-wrap {
    position: relative;
  }
  /* 44 px to touch, a 32 px disc to see, in the poster's top right corner. */
  .list-toggle {
    position: absolute;
    top: 0;
    right: 0;
    display: grid;
    place-items: center;
    width: 44px;
    height: 44px;
    padding: 0;
    border: none;
    background: none;
    cursor: pointer;
  }
  .list-toggle-face {
    display: grid;
    place-items: center;
    width: 32px;
    height: 32px;
    border-radius: 50%;
    background: rgba(0, 0, 0, 0.66);
    color: #fff;
    box-shadow: 0 1px 3px rgba(0, 0, 0, 0.35);
    transition: background-color 120ms ease;
  }
  .list-toggle-face .icon {
    width: 20px;
    height: 20px;
  }
  .list-toggle:hover .list-toggle-face {
    background: rgba(0, 0, 0, 0.86);
  }
  .list-toggle[aria-pressed="true"] .list-toggle-face {
    box-shadow: 0 0 0 2px var(--_primary), 0 1px 3px rgba(0, 0, 0, 0.35);
  }
  .list-toggle[disabled] {
    cursor: default;
    opacity: 0.7;
  }
  .title {
    font-size: 0.875rem;
    font-weight: 500;
    line-height: 1.25;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .year {
    font-size: 0.8rem;
    color: var(--_text-2);
  }
  .line {
    display: block;
    height: 12px;
    margin-top: 4px;
    width: 90%;
  }
  .line.short {
    width: 40%;
  }
`;
