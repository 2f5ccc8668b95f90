/**
 * `pandora-panel-discover`: rows of titles from `pandora/discover`, a search box
 * (`pandora/search_media`, debounced), the details sheet and the release search sheet.
 * The URL drives the details sheet and the search (view-url.ts): `openTitle`
 * (`/discover/<movie|tv>/<id>`) opens a title's details, `search` (`?q=`) searches. Opening a
 * title adds a history entry, closing it goes back; the search text replaces the entry's `?q=`.
 *
 * Above the TMDB rows, from `pandora/home` (asked each time Discover shows, and again after a
 * My List or banner change): the featured banner, My List (when not empty), and with Jellyfin
 * Continue watching and Recently added. Every card gets a My List toggle once the list is known.
 * A backend without `pandora/home` (unknown command) shows the TMDB rows alone.
 */
import { html, nothing, type PropertyValues } from "lit";
import { errorMessage } from "../../data/api";
import { define } from "../../components/define";
import "./pandora-panel-featured";
import type { FeaturedActionDetail } from "./pandora-panel-featured";
import { icon, mdiClose, mdiMagnify, mdiMovieOpenOutline } from "../../components/icons";
import type { DownloadTarget } from "../../data/releases";
import "./pandora-panel-details";
import "./pandora-panel-play";
import "../../components/pandora-panel-sheet";
import { missingServiceState, navigate, toast } from "../../components/states";
import "./pandora-panel-releases";
import { DiscoverHome } from "./discover-home";
import { discoverRows, searchResults, titleKey, type Load, type RowsView, type SearchState } from "./discover-rows";
import { discoverStyles } from "./pandora-panel-discover-styles";
import {
  DISCOVER_LISTS,
  type DiscoverList,
  type FeaturedSetResult,
  type JellyfinEntry,
  type MediaItem,
  type MediaPage,
  type PlayTarget,
  type WatchlistResult } from "../../data/types";
import type { TitleRef } from "../../data/view-url";
import { entryAsItem, entryTarget, entryTitle } from "../../data/watching";
import { PandoraTab } from "../pandora-tab";

export const SEARCH_DEBOUNCE_MS = 300;

/** What the small "Play" sheet plays (a Jellyfin item without a TMDB id, or the banner's title). */
interface PlaySheet {
  name: string;
  detail: string;
  webUrl: string | null;
  target: PlayTarget;
}

export class PandoraDiscover extends PandoraTab {
  static override get properties() {
    return {
      openTitle: { attribute: false },
      search: { attribute: false },
      _rows: { state: true },
      _query: { state: true },
      _search: { state: true },
      _selected: { state: true },
      _download: { state: true },
      _play: { state: true },
      _entry: { state: true },
      _startWith: { state: true },
    };
  }

  declare openTitle: TitleRef | null;
  /** The search the URL names (`?q=`). */
  declare search: string;
  declare _rows: Partial<Record<DiscoverList, Load<MediaPage>>>;
  declare _query: string;
  declare _search: SearchState | null;
  declare _selected: MediaItem | null;
  declare _download: DownloadTarget | null;
  declare _play: PlaySheet | null;
  /** The Jellyfin item the details sheet was opened from. */
  declare _entry: JellyfinEntry | null;
  declare _startWith: "request" | null;
  /** The banner, My List and the Jellyfin rows. */
  readonly home = new DiscoverHome(this, () => this.api);
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private searchId = 0;
  private loadedRows = false;
  /** The title in the URL ("movie:693134") while its sheet shows. */
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
    this.search = "";
    this._play = null;
    this._entry = null;
    this._startWith = null;
  }

  private get hasTmdb(): boolean {
    return Boolean(this.info?.services.tmdb?.length);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Shown again (Home Assistant keeps the panel while the user visits other pages): ask again.
    if (this.loadedRows && this.home.state) void this.home.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.debounce);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("openTitle") || ((changed.has("api") || changed.has("info")) && this.openTitle)) {
      this.followLink();
    }
    if (changed.has("search") && (this.search ?? "").trim() !== this._query.trim()) this.followSearch();
    if ((changed.has("info") || changed.has("api")) && this.api && this.hasTmdb && !this.loadedRows) {
      this.loadedRows = true;
      void this.home.load();
      for (const list of DISCOVER_LISTS) void this.loadRow(list);
    }
  }

  // --- pandora/home ---------------------------------------------------------------------------

  private onWatchlistChanged(event: CustomEvent<WatchlistResult>): void {
    event.stopPropagation();
    this.home.applyWatchlist(event.detail.watchlist);
    void this.home.load();
  }

  private onFeaturedChanged(event: CustomEvent<FeaturedSetResult>): void {
    event.stopPropagation();
    this.home.applyFeatured(event.detail.featured);
    void this.home.load();
  }

  private onFeaturedAction(event: CustomEvent<FeaturedActionDetail>): void {
    event.stopPropagation();
    const item = this.home.rows?.featured;
    if (!item) return;
    switch (event.detail.action) {
      case "more":
        this.open(item);
        break;
      case "request":
        this.open(item, "request");
        break;
      case "play-on":
        this._play = {
          name: item.title,
          detail: [item.year, item.media_type === "tv" ? "TV series" : "Movie"].filter(Boolean).join(" · "),
          webUrl: item.library?.web_url ?? null,
          target: { tmdb_id: item.tmdb_id, media_type: item.media_type },
        };
        break;
      case "watchlist":
        void this.home.toggleList(item);
        break;
      case "download":
        void this.download(item);
        break;
      case "clear":
        void this.home.clearFeatured();
        break;
    }
  }

  /** The release search for a title (a show's seasons from its details, when they come). */
  private async download(item: MediaItem): Promise<void> {
    let seasons: DownloadTarget["seasons"] = [];
    if (item.media_type === "tv") {
      seasons = await this.api.media(item.tmdb_id, item.media_type).then(
        (details) => details.seasons,
        () => [],
      );
    }
    const { tmdb_id, media_type, title, year } = item;
    this._download = { tmdb_id, media_type, title, year, seasons };
  }

  /** A Jellyfin card: its details when TMDB knows it, else the small Play sheet. */
  private openEntry = (entry: JellyfinEntry): void => {
    const item = entryAsItem(entry);
    if (item) {
      this.open(item);
      this._entry = entry;
      return;
    }
    const name = entryTitle(entry);
    this._play = {
      name,
      detail: [entry.type === "Episode" && entry.name !== name ? entry.name : null, entry.server]
        .filter(Boolean)
        .join(" · "),
      webUrl: entry.web_url,
      target: entryTarget(entry),
    };
  };

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

  /** Search what the URL says, at once (a link, or back to an entry with its search). */
  private followSearch(): void {
    clearTimeout(this.debounce);
    this._query = this.search ?? "";
    if (this._query.trim()) {
      void this.runSearch();
    } else {
      this.searchId++;
      this._search = null;
    }
  }

  /** The search text into the URL, replacing the entry (typing is not a place to go back to). */
  private searchToUrl(): void {
    navigate(this, { view: { q: this._query.trim() ? this._query : undefined }, replace: true });
  }

  private onInput(event: Event): void {
    this._query = (event.target as HTMLInputElement).value;
    this.searchToUrl();
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
    this.searchToUrl();
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

  /** Open a title's details: a history entry, so the browser's back closes them. */
  private open = (item: MediaItem, startWith: "request" | null = null): void => {
    this.show(item, startWith);
    const { media_type, tmdb_id } = item;
    const key = titleKey(item);
    if (key === this.linked) return;
    this.linked = key;
    navigate(this, { view: { title: { media_type, tmdb_id } } });
  };

  private show(item: MediaItem, startWith: "request" | null = null): void {
    this._selected = item;
    this._entry = null;
    this._startWith = startWith;
  }

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
        if (this.linked === key) this.show(details);
      },
      (error: unknown) => {
        if (this.linked !== key) return;
        toast(this, { kind: "error", message: `Could not open this title: ${errorMessage(error)}` });
      },
    );
  }

  private closeDetails(): void {
    this._selected = null;
    this._entry = null;
    this._startWith = null;
    if (this.linked) {
      this.linked = null;
      navigate(this, { view: { title: undefined }, back: true });
    }
  }

  private onDownload(event: CustomEvent<DownloadTarget>): void {
    event.stopPropagation();
    this._download = event.detail;
  }

  // --- rendering ------------------------------------------------------------------------------

  private get rowsView(): RowsView {
    return {
      loaded: Boolean(this.info),
      admin: this.admin,
      requests: Boolean(this.info?.requests),
      jellyfin: Boolean(this.info?.services.jellyfin?.length),
      home: this.home.state,
      rows: this._rows,
      clearing: this.home.clearing,
      listBusy: (item) => this.home.listBusy.has(titleKey(item)),
      listToggle: (item) => this.home.listToggle(item),
      open: (item) => this.open(item),
      openEntry: (entry) => this.openEntry(entry),
      loadHome: () => void this.home.load(),
      loadRow: (list) => void this.loadRow(list),
      onFeaturedAction: (event) => this.onFeaturedAction(event),
    };
  }

  private readonly searchActions = {
    run: (page?: number) => void this.runSearch(page),
    open: (item: MediaItem) => this.open(item),
    listToggle: (item: MediaItem) => this.home.listToggle(item),
  };

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
      ${this._query.trim() ? searchResults(this._search, this.searchActions) : discoverRows(this.rowsView)}
      ${this._selected
        ? html`<pandora-panel-sheet
            .narrow=${this.narrow}
            label=${this._selected.title}
            @close=${this.closeDetails}
          >
            <pandora-panel-details
              .api=${this.api}
              .item=${this._selected}
              .entry=${this._entry}
              .startWith=${this._startWith}
              .watchlisted=${this.home.rows ? this.home.watchlistKeys.has(titleKey(this._selected)) : undefined}
              ?watching=${Boolean(this.home.rows)}
              ?featured=${Boolean(
                this.home.rows?.featured?.chosen && titleKey(this.home.rows.featured) === titleKey(this._selected),
              )}
              ?admin=${this.admin}
              ?requests=${Boolean(this.info?.requests)}
              @download-requested=${this.onDownload}
              @watchlist-changed=${this.onWatchlistChanged}
              @featured-changed=${this.onFeaturedChanged}
            ></pandora-panel-details>
          </pandora-panel-sheet>`
        : nothing}
      ${this._play
        ? html`<pandora-panel-sheet
            .narrow=${this.narrow}
            label="Play ${this._play.name}"
            @close=${() => (this._play = null)}
          >
            <pandora-panel-play
              standalone
              .api=${this.api}
              .target=${this._play.target}
              .name=${this._play.name}
              .detail=${this._play.detail}
              .webUrl=${this._play.webUrl}
            ></pandora-panel-play>
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

  static override styles = discoverStyles;
}

define("pandora-panel-discover", PandoraDiscover);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-discover": PandoraDiscover;
  }
}
