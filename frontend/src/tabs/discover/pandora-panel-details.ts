/**
 * `pandora-panel-details`: one title from `pandora/media` — backdrop, overview, genres, cast and
 * where it streams. Shows what the card already knows at once, the rest when it arrives.
 * Administrators get a Download button, which fires `download-requested` with the title.
 * With household requests (`requests`), everyone gets a Request button (TV: pick seasons or the
 * whole series) and sees the title's open requests live (`pandora/requests/subscribe`).
 *
 * Watching: a title in the library gets "Play in Jellyfin" and "Play on…" (a media player);
 * with a backend that has My List (`watching`, or the details say `in_watchlist`) everyone gets
 * the My List toggle (`watchlist-changed` with the new list), and administrators "Feature on
 * Discover" (`featured-changed` with the banner's title).
 */
import { LitElement, html, nothing, type PropertyValues } from "lit";
import { errorMessage, type PandoraApi } from "../../data/api";
import { define } from "../../components/define";
import { formatRuntime, sameImage } from "../../data/format";
import {
  icon,
  mdiCheckCircle,
  mdiDownload,
  mdiStar,
} from "../../components/icons";
import { safeHref } from "../../data/links";
import { LiveFeed } from "../../components/live";
import { mergeRequests, openRequestsFor } from "../../data/requests";
import { errorState, toast } from "../../components/states";
import "./pandora-panel-play";
import { requestButton, requestStatus, type RequestArea } from "./details-request";
import { castSection, hideBroken, loadingSections, seasonsSection, streamingSection } from "./details-sections";
import { watchingActions, type WatchingView } from "./details-watching";
import { detailsStyles } from "./pandora-panel-details-styles";
import type { DownloadTarget } from "../../data/releases";
import type {
  Featured,
  FeaturedSetResult,
  JellyfinEntry,
  LibraryLink,
  MediaDetails,
  MediaItem,
  MediaRequest,
  PlayTarget,
  RequestsSnapshot,
  WatchlistResult,
} from "../../data/types";
import { entryTarget, entryTitle } from "../../data/watching";

export class PandoraMediaDetails extends LitElement {
  static override get properties() {
    return {
      api: { attribute: false },
      item: { attribute: false },
      admin: { type: Boolean },
      requests: { type: Boolean },
      watching: { type: Boolean },
      watchlisted: { attribute: false },
      featured: { type: Boolean },
      startWith: { attribute: false },
      entry: { attribute: false },
      _details: { state: true },
      _error: { state: true },
      _picking: { state: true },
      _whole: { state: true },
      _seasons: { state: true },
      _requesting: { state: true },
      _requestError: { state: true },
      _inList: { state: true },
      _listBusy: { state: true },
      _featuring: { state: true },
      _featuredNow: { state: true },
      _playTarget: { state: true },
    };
  }

  declare api: PandoraApi;
  declare item: MediaItem;
  declare admin: boolean;
  /** The backend takes household requests (`info.requests`). */
  declare requests: boolean;
  /** The backend has My List and the banner (Discover's `pandora/home` answered). */
  declare watching: boolean;
  /** Whether the title is in My List, as Discover knows it (undefined: ask the details). */
  declare watchlisted: boolean | undefined;
  /** The title is the banner an administrator chose. */
  declare featured: boolean;
  /** Start with an action as the sheet opens (the banner's Request button). */
  declare startWith: "request" | null;
  /** The Jellyfin item it was opened from (Continue watching): Play plays that very item. */
  declare entry: JellyfinEntry | null;
  declare _details: MediaDetails | null;
  declare _error: unknown;
  /** TV: the season picker is open. */
  declare _picking: boolean;
  declare _whole: boolean;
  declare _seasons: ReadonlySet<number>;
  declare _requesting: boolean;
  declare _requestError: unknown;
  /** My List after a change here, until Discover says again. */
  declare _inList: boolean | null;
  declare _listBusy: boolean;
  declare _featuring: boolean;
  declare _featuredNow: boolean;
  /** What the open "Play on…" list plays (null: closed). */
  declare _playTarget: PlayTarget | null;
  private started: MediaItem | null = null;

  /** Everyone's (administrators) or the user's requests, to show this title's open ones. */
  readonly requestsFeed = new LiveFeed<RequestsSnapshot>(this, {
    api: () => this.api,
    enabled: () => this.requests,
    open: (api, onValue, onError) => api.subscribe<RequestsSnapshot>("pandora/requests/subscribe", onValue, onError),
  });

  constructor() {
    super();
    this.admin = false;
    this.requests = false;
    this.watching = false;
    this.watchlisted = undefined;
    this.featured = false;
    this.startWith = null;
    this.entry = null;
    this._details = null;
    this._error = null;
    this.resetRequest();
    this.resetWatching();
  }

  private resetWatching(): void {
    this._inList = null;
    this._listBusy = false;
    this._featuring = false;
    this._featuredNow = false;
    this._playTarget = null;
  }

  private resetRequest(): void {
    this._picking = false;
    this._whole = false;
    this._seasons = new Set();
    this._requesting = false;
    this._requestError = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("item") && changed.get("item")) {
      this.resetRequest();
      this.resetWatching();
    }
    if (changed.has("watchlisted")) this._inList = null;
    if ((changed.has("item") || changed.has("api")) && this.item && this.api) void this.load();
  }

  protected override updated(): void {
    if (this.startWith === "request" && this.item && this.started !== this.item) {
      this.started = this.item;
      if (this.requests) void this.startRequest();
    }
  }

  // --- watching -------------------------------------------------------------------------------

  private get inLibrary(): boolean {
    return Boolean(this.entry || (this._details?.in_library ?? this.item.in_library));
  }

  /** Where "Play in Jellyfin" goes (null unless http(s)). */
  private get webUrl(): string | null {
    return safeHref(this.entry?.web_url ?? this.library?.web_url) ?? null;
  }

  private get library(): LibraryLink | null {
    return this._details?.library ?? (this.item as Partial<Featured>).library ?? null;
  }

  /** The backend knows My List. */
  private get hasWatchlist(): boolean {
    return this.watching || this.watchlisted !== undefined || this._details?.in_watchlist !== undefined;
  }

  private get inList(): boolean {
    return (
      this._inList ??
      this.watchlisted ??
      this._details?.in_watchlist ??
      (this.item as Partial<Featured>).in_watchlist ??
      false
    );
  }

  private async toggleList(): Promise<void> {
    const item = this.item;
    if (this._listBusy) return;
    const add = !this.inList;
    this._listBusy = true;
    try {
      const result = add
        ? await this.api.addToWatchlist(item.tmdb_id, item.media_type)
        : await this.api.removeFromWatchlist(item.tmdb_id, item.media_type);
      if (this.item !== item) return;
      this._inList = add;
      this.dispatchEvent(
        new CustomEvent<WatchlistResult>("watchlist-changed", { detail: result, bubbles: true, composed: true }),
      );
    } catch (error) {
      toast(this, {
        kind: "error",
        message: `Could not ${add ? "add" : "remove"} ${item.title} ${add ? "to" : "from"} My List: ${errorMessage(error)}`,
      });
    } finally {
      if (this.item === item) this._listBusy = false;
    }
  }

  private async feature(): Promise<void> {
    const item = this.item;
    if (this._featuring) return;
    this._featuring = true;
    try {
      const result = await this.api.setFeatured(item.tmdb_id, item.media_type);
      if (this.item !== item) return;
      this._featuredNow = true;
      this.dispatchEvent(
        new CustomEvent<FeaturedSetResult>("featured-changed", { detail: result, bubbles: true, composed: true }),
      );
      toast(this, { kind: "success", message: `${item.title} is featured on Discover` });
    } catch (error) {
      toast(this, { kind: "error", message: `Could not feature ${item.title}: ${errorMessage(error)}` });
    } finally {
      if (this.item === item) this._featuring = false;
    }
  }

  private async togglePlay(): Promise<void> {
    const { tmdb_id, media_type } = this.item;
    const target: PlayTarget = this.entry ? entryTarget(this.entry) : { tmdb_id, media_type };
    this._playTarget = this._playTarget ? null : target;
    if (!this._playTarget) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("pandora-panel-play")?.scrollIntoView?.({ block: "nearest" });
  }

  private get watchingView(): WatchingView {
    return {
      inLibrary: this.inLibrary,
      webUrl: this.webUrl,
      playOpen: this._playTarget !== null,
      hasWatchlist: this.hasWatchlist,
      inList: this.inList,
      listBusy: this._listBusy,
      admin: this.admin,
      featuring: this._featuring,
      featured: this.featured || this._featuredNow,
      togglePlay: () => void this.togglePlay(),
      toggleList: () => void this.toggleList(),
      feature: () => void this.feature(),
    };
  }

  private async load(): Promise<void> {
    const { tmdb_id, media_type } = this.item;
    this._details = null;
    this._error = null;
    try {
      const details = await this.api.media(tmdb_id, media_type);
      const shown = this.item;
      if (shown.tmdb_id === tmdb_id && shown.media_type === media_type) {
        this._details = {
          ...details,
          poster_url: sameImage(details.poster_url, shown.poster_url),
          backdrop_url: sameImage(details.backdrop_url, shown.backdrop_url),
        };
      }
    } catch (error) {
      if (this.item.tmdb_id === tmdb_id) this._error = error;
    }
  }

  private requestDownload(): void {
    const source = this._details ?? this.item;
    const target: DownloadTarget = {
      tmdb_id: source.tmdb_id,
      media_type: source.media_type,
      title: source.title,
      year: source.year,
      seasons: this._details?.seasons ?? [],
      original_title: source.original_title ?? null,
    };
    this.dispatchEvent(
      new CustomEvent<DownloadTarget>("download-requested", {
        detail: target,
        bubbles: true,
        composed: true,
      }),
    );
  }

  // --- household requests ---------------------------------------------------------------------

  /** This title's open requests (the whole series first, then by season). */
  private get openRequests(): MediaRequest[] {
    return this.requests ? openRequestsFor(this.requestsFeed.value, this.item) : [];
  }

  private async startRequest(): Promise<void> {
    this._requestError = null;
    if (this.item.media_type !== "tv") {
      await this.submitRequest();
      return;
    }
    this._picking = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(".picker input")?.focus();
  }

  private toggleSeason(season: number, checked: boolean): void {
    const seasons = new Set(this._seasons);
    if (checked) seasons.add(season);
    else seasons.delete(season);
    this._seasons = seasons;
  }

  private async submitRequest(): Promise<void> {
    const item = this.item;
    const tv = item.media_type === "tv";
    const seasons = tv && !this._whole ? [...this._seasons].sort((a, b) => a - b) : undefined;
    if (this._requesting || (tv && !this._whole && !seasons?.length)) return;
    this._requesting = true;
    this._requestError = null;
    try {
      const result = await this.api.requestMedia({
        tmdb_id: item.tmdb_id,
        media_type: item.media_type,
        ...(seasons ? { seasons } : {}),
      });
      if (this.item !== item) return;
      this.requestsFeed.value = mergeRequests(this.requestsFeed.value, result.requests ?? []);
      this.resetRequest();
      const created = (result.created ?? []).some(Boolean);
      toast(this, {
        kind: "success",
        message: created ? `Requested ${item.title}` : "Already requested — you were added",
        action: { label: "View requests", tab: "requests" },
      });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(".request-status")?.focus();
    } catch (error) {
      if (this.item === item) this._requestError = error;
    } finally {
      if (this.item === item) this._requesting = false;
    }
  }

  /** The request area's state and actions, for details-request.ts. */
  private get requestArea(): RequestArea {
    return {
      host: this,
      item: this.item,
      details: this._details,
      admin: this.admin,
      picking: this._picking,
      whole: this._whole,
      seasons: this._seasons,
      requesting: this._requesting,
      error: this._requestError,
      start: () => void this.startRequest(),
      setWhole: (whole) => (this._whole = whole),
      toggleSeason: (season, checked) => this.toggleSeason(season, checked),
      cancel: () => this.resetRequest(),
      submit: () => void this.submitRequest(),
    };
  }

  protected override render() {
    const item: MediaItem = this._details ?? this.item;
    if (!item) return nothing;
    const details = this._details;
    const open = this.openRequests;
    const meta = [
      item.year ? String(item.year) : null,
      item.media_type === "tv" ? "TV series" : "Movie",
      formatRuntime(details?.runtime),
      details?.number_of_seasons
        ? `${details.number_of_seasons} season${details.number_of_seasons === 1 ? "" : "s"}`
        : null,
    ].filter(Boolean);
    return html`
      <div class="hero ${item.backdrop_url ? "" : "no-backdrop"}">
        ${item.backdrop_url
          ? html`<img class="backdrop" src=${item.backdrop_url} alt="" @error=${hideBroken} />`
          : nothing}
      </div>
      <div class="head">
        ${item.poster_url
          ? html`<img class="poster" src=${item.poster_url} alt="" @error=${hideBroken} />`
          : nothing}
        <div class="titles">
          <h2 id="title">${item.title}</h2>
          <p class="meta">
            ${item.rating > 0
              ? html`<span class="rating" aria-label="Rated ${item.rating.toFixed(1)} out of 10"
                  >${icon(mdiStar)}${item.rating.toFixed(1)}</span
                >`
              : nothing}
            ${meta.join(" · ")}
            ${this.inLibrary
              ? html`<span class="chip in-library">${icon(mdiCheckCircle)}In your library</span>`
              : nothing}
          </p>
          ${details?.tagline ? html`<p class="tagline">${details.tagline}</p>` : nothing}
        </div>
      </div>
      <div class="content">
        ${details?.genres.length
          ? html`<ul class="chips genres" aria-label="Genres">
              ${details.genres.map((genre) => html`<li class="chip">${genre}</li>`)}
            </ul>`
          : nothing}
        ${this.admin || this.requests || this.inLibrary || this.hasWatchlist
          ? html`<div class="actions">
              ${watchingActions(this.watchingView)}
              ${this.requests && !(this.inLibrary && item.media_type === "movie")
                ? requestButton(this.requestArea, open)
                : nothing}
              ${this.admin
                ? html`<button
                    class="btn ${this.inLibrary ? "" : "primary"} download"
                    @click=${this.requestDownload}
                  >
                    ${icon(mdiDownload)} Download
                  </button>`
                : nothing}
            </div>`
          : nothing}
        ${this._playTarget && this.inLibrary
          ? html`<pandora-panel-play
              .api=${this.api}
              .target=${this._playTarget}
              .name=${this.entry ? entryTitle(this.entry) : item.title}
              .webUrl=${this.webUrl}
            ></pandora-panel-play>`
          : nothing}
        ${this.requests ? requestStatus(this.requestArea, open) : nothing}
        ${item.overview ? html`<p class="overview">${item.overview}</p>` : nothing}
        ${this._error
          ? errorState("Could not load the details", this._error, () => {
              this.api.clearCache();
              void this.load();
            })
          : details
            ? html`${streamingSection(details)} ${castSection(details)}
              ${seasonsSection(details)}`
            : loadingSections()}
      </div>
    `;
  }

  static override styles = detailsStyles;
}

define("pandora-panel-details", PandoraMediaDetails);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-details": PandoraMediaDetails;
  }
}
