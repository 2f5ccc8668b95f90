/** A poster card (a button: poster, title, year, rating badge) and its loading placeholder. */
import { css, html, nothing, type TemplateResult } from "lit";
import { icon, mdiMovieOpenOutline, mdiStar } from "./icons";
import type { MediaItem } from "./types";

export function mediaLabel(item: MediaItem): string {
  const kind = item.media_type === "tv" ? "TV series" : "Movie";
  const parts = [item.title, kind];
  if (item.year) parts.push(String(item.year));
  if (item.rating > 0) parts.push(`rated ${item.rating.toFixed(1)} out of 10`);
  return parts.join(", ");
}

function hideBroken(event: Event): void {
  (event.target as HTMLElement).hidden = true;
}

export function mediaCard(item: MediaItem, open: (item: MediaItem) => void): TemplateResult {
  return html`<button
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
    </div>
    <span class="title" aria-hidden="true">${item.title}</span>
    <span class="year" aria-hidden="true"
      >${item.year ?? ""}${item.media_type === "tv" ? html` · TV` : nothing}</span
    >
  </button>`;
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
