/**
 * `pandora-panel-discover`: rows of titles from `pandora/discover`, a search box
 * (`pandora/search_media`, debounced), the details sheet and the release search sheet.
 * `openTitle` (from the URL `/discover/<movie|tv>/<id>`) opens one title's details directly.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { errorMessage, type PandoraApi } from "./api";
import { define } from "./define";
import { icon, mdiChevronLeft, mdiChevronRight, mdiClose, mdiMagnify, mdiMovieOpenOutline } from "./icons";
import { cardSkeleton, mediaCard, mediaCardStyles } from "./media-card";
import type { DownloadTarget } from "./media-details";
import "./media-details";
import "./sheet";
import { emptyState, errorState, missingServiceState, navigate, toast } from "./states";
import { shared } from "./styles";
import "./torrent-search";
import {
  DISCOVER_LISTS,
  LIST_TITLES,
  type DiscoverList,
  type Info,
  type MediaItem,
  type MediaPage,
  type MediaType,
} from "./types";

export interface TitleRef {
  media_type: MediaType;
  tmdb_id: number;
}

export { LIST_TITLES };

export const SEARCH_DEBOUNCE_MS = 300;

type Load<T> =
  | { status: "loading" }
  | { status: "ready"; value: T }
  | { status: "error"; error: unknown };

interface SearchState {
  query: string;
  status: "loading" | "ready" | "error";
  items: MediaItem[];
  page: number;
  totalPages: number;
  total: number;
  error?: unknown;
  more?: boolean;
}

export class PandoraDiscover extends LitElement {
  static override properties = {
    api: { attribute: false },
    info: { attribute: false },
    admin: { type: Boolean },
    narrow: { type: Boolean },
    openTitle: { attribute: false },
    _rows: { state: true },
    _query: { state: true },
    _search: { state: true },
    _selected: { state: true },
    _download: { state: true },
  };

  declare api: PandoraApi;
  declare info: Info | null;
  declare admin: boolean;
  declare narrow: boolean;
  declare openTitle: TitleRef | null;
  declare _rows: Partial<Record<DiscoverList, Load<MediaPage>>>;
  declare _query: string;
  declare _search: SearchState | null;
  declare _selected: MediaItem | null;
  declare _download: DownloadTarget | null;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private searchId = 0;
  private loadedRows = false;
  /** The title the URL opened ("movie:693134"), while its sheet shows. */
  private linked: string | null = null;

  constructor() {
    super();
    this.info = null;
    this.admin = false;
    this.narrow = false;
    this._rows = {};
    this._query = "";
    this._search = null;
    this._selected = null;
    this._download = null;
    this.openTitle = null;
  }

  private get hasTmdb(): boolean {
    return Boolean(this.info?.services.tmdb?.length);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.debounce);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("openTitle") || ((changed.has("api") || changed.has("info")) && this.openTitle)) {
      this.followLink();
    }
    if ((changed.has("info") || changed.has("api")) && this.api && this.hasTmdb && !this.loadedRows) {
      this.loadedRows = true;
      for (const list of DISCOVER_LISTS) void this.loadRow(list);
    }
  }

  private async loadRow(list: DiscoverList): Promise<void> {
    this._rows = { ...this._rows, [list]: { status: "loading" } };
    let next: Load<MediaPage>;
    try {
      next = { status: "ready", value: await this.api.discover(list) };
    } catch (error) {
      next = { status: "error", error };
    }
    this._rows = { ...this._rows, [list]: next };
  }

  // --- search ---------------------------------------------------------------------------------

  private onInput(event: Event): void {
    this._query = (event.target as HTMLInputElement).value;
    clearTimeout(this.debounce);
    if (!this._query.trim()) {
      this.searchId++;
      this._search = null;
      return;
    }
    this.debounce = setTimeout(() => void this.runSearch(), SEARCH_DEBOUNCE_MS);
  }

  private onSearchKey(event: KeyboardEvent): void {
    if (event.key === "Enter") {
      clearTimeout(this.debounce);
      if (this._query.trim()) void this.runSearch();
    } else if (event.key === "Escape" && this._query) {
      event.stopPropagation();
      this.clearSearch();
    }
  }

  private clearSearch(): void {
    clearTimeout(this.debounce);
    this.searchId++;
    this._query = "";
    this._search = null;
    this.renderRoot.querySelector<HTMLInputElement>("#search")?.focus();
  }

  private async runSearch(page = 1): Promise<void> {
    const query = this._query.trim();
    if (!query) return;
    const id = ++this.searchId;
    const previous = page > 1 && this._search?.query === query ? this._search : null;
    this._search = previous
      ? { ...previous, more: true }
      : { query, status: "loading", items: [], page: 0, totalPages: 0, total: 0 };
    try {
      const result = await this.api.searchMedia(query, page);
      if (id !== this.searchId) return;
      this._search = {
        query,
        status: "ready",
        items: [...(previous?.items ?? []), ...result.results],
        page: result.page,
        totalPages: result.total_pages,
        total: result.total_results,
      };
    } catch (error) {
      if (id !== this.searchId) return;
      this._search = previous
        ? { ...previous, more: false, error }
        : { query, status: "error", items: [], page: 0, totalPages: 0, total: 0, error };
    }
  }

  // --- details --------------------------------------------------------------------------------

  private open = (item: MediaItem): void => {
    this._selected = item;
  };

  /** Open the title the URL names; close the one it opened when the URL no longer does. */
  private followLink(): void {
    const wanted = this.openTitle;
    if (!wanted) {
      if (this.linked) this._selected = null;
      this.linked = null;
      return;
    }
    const key = `${wanted.media_type}:${wanted.tmdb_id}`;
    if (key === this.linked || !this.api || !this.hasTmdb) return;
    this.linked = key;
    const current = this._selected;
    if (current && current.tmdb_id === wanted.tmdb_id && current.media_type === wanted.media_type) return;
    void this.api.media(wanted.tmdb_id, wanted.media_type).then(
      (details) => {
        if (this.linked === key) this._selected = details;
      },
      (error: unknown) => {
        if (this.linked !== key) return;
        toast(this, { kind: "error", message: `Could not open this title: ${errorMessage(error)}` });
      },
    );
  }

  private closeDetails(): void {
    this._selected = null;
    if (this.linked) {
      this.linked = null;
      navigate(this, { tab: "discover", replace: true });
    }
  }

  private onDownload(event: CustomEvent<DownloadTarget>): void {
    event.stopPropagation();
    this._download = event.detail;
  }

  // --- rendering ------------------------------------------------------------------------------

  protected override render() {
    if (this.info && !this.hasTmdb) {
      return missingServiceState({
        iconPath: mdiMovieOpenOutline,
        title: "Add TMDB to discover movies and shows",
        why: "Discover shows what is trending and popular, with details and where each title streams, from The Movie Database (TMDB). It needs a free TMDB API key.",
        service: "TMDB",
        admin: this.admin,
      });
    }
    return html`
      <div class="search" role="search">
        ${icon(mdiMagnify)}
        <label for="search" class="visually-hidden">Search movies and TV shows</label>
        <input
          id="search"
          type="search"
          enterkeyhint="search"
          autocomplete="off"
          placeholder="Search movies and TV shows"
          .value=${this._query}
          @input=${this.onInput}
          @keydown=${this.onSearchKey}
        />
        ${this._query
          ? html`<button class="icon-btn" aria-label="Clear search" @click=${this.clearSearch}>
              ${icon(mdiClose)}
            </button>`
          : nothing}
      </div>
      ${this._query.trim() ? this.renderSearch() : this.renderRows()}
      ${this._selected
        ? html`<pandora-panel-sheet
            .narrow=${this.narrow}
            label=${this._selected.title}
            @close=${this.closeDetails}
          >
            <pandora-panel-details
              .api=${this.api}
              .item=${this._selected}
              ?admin=${this.admin}
              ?requests=${Boolean(this.info?.requests)}
              @download-requested=${this.onDownload}
            ></pandora-panel-details>
          </pandora-panel-sheet>`
        : nothing}
      ${this._download
        ? html`<pandora-panel-sheet
            .narrow=${this.narrow}
            label="Download ${this._download.title}"
            @close=${() => (this._download = null)}
          >
            <pandora-panel-releases
              .api=${this.api}
              .info=${this.info}
              .target=${this._download}
            ></pandora-panel-releases>
          </pandora-panel-sheet>`
        : nothing}
    `;
  }

  private renderRows(): TemplateResult {
    if (!this.info) {
      return html`${[0, 1, 2].map(
        () => html`<section class="row" aria-hidden="true">
          <div class="skeleton heading-skeleton"></div>
          <div class="scroller">${[0, 1, 2, 3, 4, 5].map(cardSkeleton)}</div>
        </section>`,
      )}`;
    }
    return html`${DISCOVER_LISTS.map((list) => this.renderRow(list))}`;
  }

  private renderRow(list: DiscoverList): TemplateResult {
    const row = this._rows[list] ?? { status: "loading" };
    const id = `row-${list}`;
    let body: TemplateResult;
    if (row.status === "loading") {
      body = html`<div class="scroller" aria-busy="true">
        ${[0, 1, 2, 3, 4, 5].map(cardSkeleton)}
      </div>`;
    } else if (row.status === "error") {
      body = html`<div class="row-error" role="alert">
        <span>Could not load this row: ${errorMessage(row.error)}</span>
        <button class="btn" @click=${() => void this.loadRow(list)}>Try again</button>
      </div>`;
    } else if (!row.value.results.length) {
      body = html`<p class="muted row-empty">Nothing here right now.</p>`;
    } else {
      body = html`<div class="scroller-wrap">
        <button
          class="icon-btn scroll-btn prev"
          tabindex="-1"
          aria-hidden="true"
          @click=${(e: Event) => scrollRow(e, -1)}
        >
          ${icon(mdiChevronLeft)}
        </button>
        <ul class="scroller" aria-labelledby=${id}>
          ${repeat(
            row.value.results,
            (item) => `${item.media_type}:${item.tmdb_id}`,
            (item) => html`<li>${mediaCard(item, this.open)}</li>`,
          )}
        </ul>
        <button
          class="icon-btn scroll-btn next"
          tabindex="-1"
          aria-hidden="true"
          @click=${(e: Event) => scrollRow(e, 1)}
        >
          ${icon(mdiChevronRight)}
        </button>
      </div>`;
    }
    return html`<section class="row" data-list=${list} aria-labelledby=${id}>
      <h2 id=${id}>${LIST_TITLES[list]}</h2>
      ${body}
    </section>`;
  }

  private renderSearch(): TemplateResult {
    const search = this._search;
    if (!search || search.status === "loading") {
      return html`<div class="grid" aria-busy="true" aria-label="Searching">
        ${[0, 1, 2, 3, 4, 5, 6, 7].map(cardSkeleton)}
      </div>`;
    }
    if (search.status === "error") {
      return errorState("The search failed", search.error, () => void this.runSearch());
    }
    if (!search.items.length) {
      return html`<p class="visually-hidden" role="status">No results</p>
        ${emptyState(mdiMagnify, `Nothing found for “${search.query}”`, "Check the spelling, or try the original title.")}`;
    }
    return html`
      <p class="results-count" role="status">
        ${search.total} result${search.total === 1 ? "" : "s"} for “${search.query}”
      </p>
      <ul class="grid" aria-label="Search results">
        ${repeat(
          search.items,
          (item) => `${item.media_type}:${item.tmdb_id}`,
          (item) => html`<li>${mediaCard(item, this.open)}</li>`,
        )}
      </ul>
      ${search.error
        ? html`<p class="row-error" role="alert">${errorMessage(search.error)}</p>`
        : nothing}
      ${search.page < search.totalPages
        ? html`<div class="more">
            <button
              class="btn"
              ?disabled=${search.more}
              @click=${() => void this.runSearch(search.page + 1)}
            >
              ${search.more ? "Loading…" : "Show more"}
            </button>
          </div>`
        : nothing}
    `;
  }

  static override styles = [
    ...shared,
    mediaCardStyles,
    css`
      :host {
        display: block;
        padding: 12px 0 32px;
        --_card: var(--pb-card-width, 124px);
      }
      .search {
        position: relative;
        display: flex;
        align-items: center;
        gap: 4px;
        margin: 4px 16px 12px;
        padding: 0 4px 0 14px;
        min-height: 48px;
        border-radius: 24px;
        background: var(--_surface);
        border: 1px solid var(--_divider);
        color: var(--_text-2);
      }
      .search:focus-within {
        border-color: var(--_primary);
        box-shadow: 0 0 0 1px var(--_primary);
      }
      input {
        flex: 1;
        min-width: 0;
        min-height: 46px;
        border: none;
        outline: none;
        background: transparent;
        color: var(--_text);
        font: inherit;
        font-size: 1rem;
        padding: 0 6px;
      }
      input::placeholder {
        color: var(--_text-2);
        opacity: 1;
      }
      input::-webkit-search-cancel-button {
        display: none;
      }
      .row {
        margin-top: 8px;
        content-visibility: auto;
        contain-intrinsic-size: auto 300px;
      }
      h2 {
        font-size: 1.1rem;
        font-weight: 600;
        margin: 8px 16px 10px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .scroller-wrap {
        position: relative;
      }
      .scroller {
        display: grid;
        grid-auto-flow: column;
        grid-auto-columns: var(--_card);
        gap: 12px;
        overflow-x: auto;
        overscroll-behavior-x: contain;
        scroll-snap-type: x proximity;
        scroll-padding: 0 16px;
        padding: 4px 16px 8px;
        scrollbar-width: thin;
      }
      .scroller > * {
        scroll-snap-align: start;
      }
      .scroll-btn {
        display: none;
        position: absolute;
        top: calc(var(--_card) * 0.75 - 22px);
        z-index: 1;
        background: var(--_surface);
        box-shadow: 0 2px 6px rgba(0, 0, 0, 0.3);
      }
      .scroll-btn:hover {
        background: var(--_surface-alt);
      }
      .prev {
        left: 4px;
      }
      .next {
        right: 4px;
      }
      @media (hover: hover) and (pointer: fine) {
        .scroller-wrap:hover .scroll-btn {
          display: grid;
        }
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(var(--_card), 1fr));
        gap: 16px 12px;
        padding: 4px 16px;
      }
      .results-count {
        margin: 4px 16px 10px;
        color: var(--_text-2);
        font-size: 0.9rem;
      }
      .more {
        display: flex;
        justify-content: center;
        padding: 20px;
      }
      .row-error {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 8px 16px;
        margin: 0 16px;
        padding: 12px 14px;
        border-radius: var(--_radius);
        border: 1px solid var(--_divider);
        border-left: 4px solid var(--_error);
        background: var(--_surface);
        font-size: 0.9rem;
      }
      .muted {
        color: var(--_text-2);
      }
      .row-empty {
        margin: 0 16px;
      }
      .heading-skeleton {
        height: 20px;
        width: 160px;
        margin: 10px 16px 12px;
      }
      @media (min-width: 600px) {
        :host {
          --_card: var(--pb-card-width, 150px);
          padding-top: 16px;
        }
        .search {
          max-width: 640px;
          margin: 4px 24px 16px;
        }
        h2 {
          margin: 12px 24px 10px;
        }
        .scroller,
        .grid {
          padding-left: 24px;
          padding-right: 24px;
        }
        .scroller {
          scroll-padding: 0 24px;
        }
        .row-error,
        .row-empty {
          margin: 0 24px;
        }
      }
    `,
  ];
}

function scrollRow(event: Event, direction: 1 | -1): void {
  const wrap = (event.currentTarget as HTMLElement).parentElement;
  const scroller = wrap?.querySelector<HTMLElement>(".scroller");
  scroller?.scrollBy({ left: direction * scroller.clientWidth * 0.8, behavior: "smooth" });
}

define("pandora-panel-discover", PandoraDiscover);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-discover": PandoraDiscover;
  }
}
