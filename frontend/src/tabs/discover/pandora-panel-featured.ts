/**
 * `pandora-panel-featured`: the banner at the top of Discover — the title an administrator
 * featured, or by default the top trending title not in the library. Backdrop (the poster when
 * there is none), title, year, rating and a clamped overview, with its buttons: Play (in the
 * library: "Play in Jellyfin" and "Play on…"), the My List toggle, More info, and Request /
 * Download when it is not in the library. Administrators get "Back to default" on a chosen one.
 *
 * It shows; Discover acts: every button but the Jellyfin link fires `featured-action` with
 * `{action}`. On phones the text sits under the picture; from 720 px wide, over its left side.
 */
import { LitElement, css, html, nothing, type TemplateResult } from "lit";
import { define } from "../../components/define";
import {
  icon,
  mdiCastVariant,
  mdiCheck,
  mdiCheckCircle,
  mdiDownload,
  mdiInformationOutline,
  mdiPlaylistPlus,
  mdiPlus,
  mdiStar,
  mdiUndoVariant,
} from "../../components/icons";
import { shared, titleMeta } from "../../styles/shared";
import { safeHref } from "../../data/links";
import type { Featured } from "../../data/types";
import { jellyfinLink } from "../../components/watching-cards";

export type FeaturedAction = "more" | "play-on" | "watchlist" | "request" | "download" | "clear";

export interface FeaturedActionDetail {
  action: FeaturedAction;
}

function hideBroken(event: Event): void {
  (event.target as HTMLElement).hidden = true;
}

export class PandoraFeatured extends LitElement {
  static override get properties() {
    return {
      item: { attribute: false },
      admin: { type: Boolean },
      requests: { type: Boolean },
      listBusy: { type: Boolean },
      clearing: { type: Boolean },
    };
  }

  declare item: Featured;
  declare admin: boolean;
  /** Household requests are on (`info.requests`): offer Request. */
  declare requests: boolean;
  /** The My List change is on its way. */
  declare listBusy: boolean;
  /** "Back to default" is on its way. */
  declare clearing: boolean;

  constructor() {
    super();
    this.admin = false;
    this.requests = false;
    this.listBusy = false;
    this.clearing = false;
  }

  private act(action: FeaturedAction): void {
    this.dispatchEvent(
      new CustomEvent<FeaturedActionDetail>("featured-action", { detail: { action }, bubbles: true, composed: true }),
    );
  }

  protected override render() {
    const item = this.item;
    if (!item) return nothing;
    const art = item.backdrop_url ?? item.poster_url;
    const inLibrary = Boolean(item.in_library);
    const meta = [item.year ? String(item.year) : null, item.media_type === "tv" ? "TV series" : "Movie"].filter(
      Boolean,
    );
    return html`<section
      class="featured ${item.backdrop_url ? "" : "poster-art"}"
      aria-labelledby="featured-title"
      data-chosen=${item.chosen ? "true" : "false"}
    >
      <div class="art" aria-hidden="true">
        ${art ? html`<img src=${art} alt="" decoding="async" @error=${hideBroken} />` : nothing}
      </div>
      <div class="content">
        <p class="origin" title=${item.chosen ? "An administrator chose this title" : "The top trending title that is not in your library"}>
          ${item.chosen ? "Featured" : "Trending now"}
        </p>
        <h2 id="featured-title">${item.title}</h2>
        <p class="meta">
          ${item.rating > 0
            ? html`<span class="rating" aria-label="Rated ${item.rating.toFixed(1)} out of 10"
                >${icon(mdiStar)}${item.rating.toFixed(1)}</span
              >`
            : nothing}
          <span>${meta.join(" · ")}</span>
          ${inLibrary ? html`<span class="chip in-library">${icon(mdiCheckCircle)}In your library</span>` : nothing}
        </p>
        ${item.overview ? html`<p class="overview">${item.overview}</p>` : nothing}
        <div class="actions">${this.renderActions(item, inLibrary)}</div>
        ${this.admin && item.chosen
          ? html`<button class="btn text back" ?disabled=${this.clearing} @click=${() => this.act("clear")}>
              ${icon(mdiUndoVariant)} ${this.clearing ? "Going back…" : "Back to default"}
            </button>`
          : nothing}
      </div>
    </section>`;
  }

  private renderActions(item: Featured, inLibrary: boolean): TemplateResult {
    const url = safeHref(item.library?.web_url);
    return html`
      ${inLibrary && url ? jellyfinLink(url) : nothing}
      ${inLibrary
        ? html`<button class="btn ${url ? "" : "primary"} play-on" @click=${() => this.act("play-on")}>
            ${icon(mdiCastVariant)} Play on…
          </button>`
        : nothing}
      <button
        class="btn my-list"
        aria-pressed=${item.in_watchlist ? "true" : "false"}
        ?disabled=${this.listBusy}
        @click=${() => this.act("watchlist")}
      >
        ${icon(item.in_watchlist ? mdiCheck : mdiPlus)} My List
      </button>
      <button class="btn more" @click=${() => this.act("more")}>${icon(mdiInformationOutline)} More info</button>
      ${!inLibrary && this.requests
        ? html`<button class="btn ${this.admin ? "" : "primary"} request" @click=${() => this.act("request")}>
            ${icon(mdiPlaylistPlus)} Request
          </button>`
        : nothing}
      ${!inLibrary && this.admin
        ? html`<button class="btn primary download" @click=${() => this.act("download")}>
            ${icon(mdiDownload)} Download
          </button>`
        : nothing}
    `;
  }

  static override styles = [
    ...shared,
    titleMeta,
    css`
      :host {
        display: block;
        container-type: inline-size;
        margin: 4px 16px 8px;
      }
      .featured {
        position: relative;
        overflow: hidden;
        border-radius: var(--_radius);
        border: 1px solid var(--_divider);
        background: var(--_surface);
      }
      .art {
        position: relative;
        aspect-ratio: 16 / 9;
        background: var(--_surface-alt);
      }
      .art img {
        display: block;
        width: 100%;
        height: 100%;
        object-fit: cover;
        object-position: center 25%;
      }
      .art::after {
        content: "";
        position: absolute;
        inset: 0;
        background: linear-gradient(to bottom, transparent 55%, var(--_surface));
      }
      .content {
        position: relative;
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        gap: 8px;
        margin-top: -28px;
        padding: 0 16px 16px;
      }
      .origin {
        font-size: 0.75rem;
        font-weight: 500;
        letter-spacing: 0.06em;
        text-transform: uppercase;
        color: var(--_text-2);
      }
      h2 {
        font-size: 1.5rem;
        font-weight: 600;
        line-height: 1.2;
        overflow-wrap: anywhere;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px 10px;
        color: var(--_text-2);
        font-size: 0.9rem;
      }
      .overview {
        display: -webkit-box;
        -webkit-line-clamp: 3;
        -webkit-box-orient: vertical;
        overflow: hidden;
        line-height: 1.5;
        max-width: 60ch;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin-top: 4px;
      }
      .my-list[aria-pressed="true"] {
        border-color: var(--_primary);
      }
      .btn.text.back {
        min-height: 36px;
        padding: 0 8px;
        font-size: 0.85rem;
        color: var(--_text-2);
      }
      .back .icon {
        width: 18px;
        height: 18px;
      }
      @media (min-width: 600px) {
        :host {
          margin: 8px 24px 12px;
        }
      }
      @container (min-width: 720px) {
        .featured {
          display: flex;
          align-items: flex-end;
          min-height: clamp(340px, 40cqw, 480px);
        }
        .art {
          position: absolute;
          inset: 0;
          aspect-ratio: auto;
        }
        .poster-art .art {
          left: auto;
          width: 45%;
        }
        .art::after {
          background:
            linear-gradient(
              to right,
              var(--_surface) 0%,
              color-mix(in srgb, var(--_surface) 88%, transparent) 34%,
              transparent 68%
            ),
            linear-gradient(to top, var(--_surface) 0%, transparent 45%);
        }
        .poster-art .art::after {
          background: linear-gradient(to right, var(--_surface) 0%, transparent 60%);
        }
        .content {
          margin: 0;
          padding: 32px 32px 28px;
          max-width: min(680px, 62%);
        }
        h2 {
          font-size: 2.1rem;
        }
        .overview {
          -webkit-line-clamp: 4;
        }
      }
    `,
  ];
}

define("pandora-panel-featured", PandoraFeatured);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-featured": PandoraFeatured;
  }
}
