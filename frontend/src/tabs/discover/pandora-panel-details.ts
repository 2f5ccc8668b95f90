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
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { errorMessage, type PandoraApi } from "../../data/api";
import { define } from "../../components/define";
import { formatRuntime, sameImage } from "../../data/format";
import {
  icon,
  mdiCastVariant,
  mdiCheck,
  mdiCheckCircle,
  mdiDownload,
  mdiOpenInNew,
  mdiPlaylistPlus,
  mdiPlus,
  mdiStar,
  mdiStarShootingOutline,
} from "../../components/icons";
import { safeHref } from "../../data/links";
import { LiveFeed } from "../../components/live";
import { mergeRequests, openRequestsFor, seasonLabel } from "../../data/requests";
import { requestStyles, statusChip } from "../../components/request-status";
import { errorState, navigate, toast } from "../../components/states";
import { forms, shared, titleMeta } from "../../styles/shared";
import "./pandora-panel-play";
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
  StreamingSource,
  WatchlistResult,
  WatchProviders,
} from "../../data/types";
import { jellyfinLink } from "../../components/watching-cards";
import { entryTarget, entryTitle } from "../../data/watching";

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

const SOURCE_TYPES: [string, string][] = [
  ["sub", "Stream"],
  ["free", "Free"],
  ["tve", "With a TV provider"],
  ["rent", "Rent"],
  ["buy", "Buy"],
];

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

function hideBroken(event: Event): void {
  (event.target as HTMLElement).hidden = true;
}

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

  private renderWatchingActions(): TemplateResult {
    const url = this.webUrl;
    const featured = this.featured || this._featuredNow;
    return html`${this.inLibrary && url ? jellyfinLink(url) : nothing}
    ${this.inLibrary
      ? html`<button
          class="btn ${url ? "" : "primary"} play-on"
          aria-expanded=${this._playTarget ? "true" : "false"}
          @click=${() => void this.togglePlay()}
        >
          ${icon(mdiCastVariant)} Play on…
        </button>`
      : nothing}
    ${this.hasWatchlist
      ? html`<button
          class="btn my-list"
          aria-pressed=${this.inList ? "true" : "false"}
          ?disabled=${this._listBusy}
          @click=${() => void this.toggleList()}
        >
          ${icon(this.inList ? mdiCheck : mdiPlus)} My List
        </button>`
      : nothing}
    ${this.admin && this.hasWatchlist
      ? html`<button
          class="btn text feature"
          ?disabled=${this._featuring || featured}
          @click=${() => void this.feature()}
        >
          ${icon(featured ? mdiCheck : mdiStarShootingOutline)}
          ${featured ? "Featured on Discover" : this._featuring ? "Featuring…" : "Feature on Discover"}
        </button>`
      : nothing}
`;
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

  private renderRequestButton(open: MediaRequest[]): TemplateResult | typeof nothing {
    const tv = this.item.media_type === "tv";
    // A movie, or a whole series, asked for already: its status shows instead.
    if (this._picking || open.some((r) => r.season === null)) return nothing;
    return html`<button
      class="btn ${this.admin ? "" : "primary"} request"
      ?disabled=${this._requesting}
      @click=${() => void this.startRequest()}
    >
      ${icon(mdiPlaylistPlus)} ${this._requesting ? "Requesting…" : tv && open.length ? "Request more" : "Request"}
    </button>`;
  }

  private renderRequestArea(open: MediaRequest[]): TemplateResult {
    return html`${open.length
        ? html`<div class="request-status" tabindex="-1">
            <ul class="requested">
              ${open.map((request) => {
                const season = seasonLabel(request);
                return html`<li data-request=${request.id}>
                  <span>${season ? `${season} · ` : ""}Requested ·</span>
                  ${statusChip(request.status)}
                </li>`;
              })}
            </ul>
            <button
              class="btn text view-requests"
              @click=${() => navigate(this, { view: { tab: "requests", request: open.length === 1 ? open[0]!.id : undefined } })}
            >
              View in Requests
            </button>
          </div>`
        : nothing}
      ${this._picking ? this.renderPicker(open) : nothing}
      ${this._requestError
        ? html`<p class="request-error" role="alert">
            Could not request it: ${errorMessage(this._requestError)}
          </p>`
        : nothing}`;
  }

  private renderPicker(open: MediaRequest[]): TemplateResult {
    const seasons = (this._details?.seasons ?? []).filter((s) => s.number > 0);
    const requested = new Map(open.map((r) => [r.season, r]));
    const count = this._seasons.size;
    const ready = this._whole || count > 0;
    return html`<fieldset class="picker" ?disabled=${this._requesting}>
      <legend>Which seasons?</legend>
      <label class="check whole">
        <input
          type="checkbox"
          .checked=${this._whole}
          @change=${(e: Event) => (this._whole = (e.target as HTMLInputElement).checked)}
        />
        <span>Whole series <span class="muted">(all seasons, as one request)</span></span>
      </label>
      ${seasons.map((season) => {
        const existing = requested.get(season.number);
        return html`<label class="check">
          <input
            type="checkbox"
            data-season=${season.number}
            ?disabled=${this._whole || Boolean(existing)}
            .checked=${this._whole || Boolean(existing) || this._seasons.has(season.number)}
            @change=${(e: Event) => this.toggleSeason(season.number, (e.target as HTMLInputElement).checked)}
          />
          <span
            >${season.name ?? `Season ${season.number}`}${existing
              ? html` <span class="muted">(requested)</span>`
              : season.episode_count
                ? html` <span class="muted">(${season.episode_count} episodes)</span>`
                : nothing}</span
          >
        </label>`;
      })}
      ${!this._details ? html`<p class="muted">Loading the seasons…</p>` : nothing}
      <div class="picker-actions">
        <button class="btn" type="button" @click=${() => this.resetRequest()}>Cancel</button>
        <button
          class="btn primary submit-request"
          type="button"
          ?disabled=${!ready || this._requesting}
          @click=${() => void this.submitRequest()}
        >
          ${this._requesting
            ? "Requesting…"
            : this._whole
              ? "Request whole series"
              : count > 1
                ? `Request ${count} seasons`
                : "Request"}
        </button>
      </div>
    </fieldset>`;
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
              ${this.renderWatchingActions()}
              ${this.requests && !(this.inLibrary && item.media_type === "movie")
                ? this.renderRequestButton(open)
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
        ${this.requests ? this.renderRequestArea(open) : nothing}
        ${item.overview ? html`<p class="overview">${item.overview}</p>` : nothing}
        ${this._error
          ? errorState("Could not load the details", this._error, () => {
              this.api.clearCache();
              void this.load();
            })
          : details
            ? html`${this.renderStreaming(details)} ${this.renderCast(details)}
              ${this.renderSeasons(details)}`
            : this.renderLoading()}
      </div>
    `;
  }

  private renderLoading(): TemplateResult {
    return html`<div class="loading" aria-busy="true" aria-label="Loading details">
      <div class="skeleton" style="height: 20px; width: 40%"></div>
      <div class="skeleton" style="height: 36px; width: 80%"></div>
      <div class="people">
        ${[0, 1, 2, 3, 4].map(
          () => html`<div class="person"><div class="photo skeleton"></div></div>`,
        )}
      </div>
    </div>`;
  }

  private renderStreaming(details: MediaDetails): TemplateResult {
    const sources = details.availability;
    let body: TemplateResult;
    if (sources?.length) {
      body = this.renderSources(sources);
    } else if (details.watch_providers && hasProviders(details.watch_providers)) {
      body = this.renderProviders(details.watch_providers);
    } else {
      body = html`<p class="muted">No streaming services are known for your region.</p>`;
    }
    return html`<section class="streaming" aria-labelledby="streams">
      <h3 id="streams">Where it streams</h3>
      ${body}
      ${details.availability_error
        ? html`<p class="muted note">
            Watchmode could not be asked: ${details.availability_error}
          </p>`
        : nothing}
    </section>`;
  }

  private renderSources(sources: StreamingSource[]): TemplateResult {
    const groups = SOURCE_TYPES.map(([type, label]) => {
      const seen = new Map<string, StreamingSource[]>();
      for (const source of sources.filter((s) => s.type === type)) {
        seen.set(source.name, [...(seen.get(source.name) ?? []), source]);
      }
      return { label, services: [...seen.entries()] };
    }).filter((group) => group.services.length);
    return html`${groups.map(
      (group) => html`<div class="group">
        <h4>${group.label}</h4>
        <ul class="chips">
          ${group.services.map(([name, offers]) => {
            const link = offers.find((o) => safeHref(o.web_url))?.web_url;
            const formats = [...new Set(offers.map((o) => o.format).filter(Boolean))].join(", ");
            const label = html`${name}${formats
              ? html`<span class="format">${formats}</span>`
              : nothing}`;
            return html`<li>
              ${link
                ? html`<a class="chip provider" href=${ifDefined(safeHref(link))} target="_blank" rel="noreferrer"
                    >${label}${icon(mdiOpenInNew)}<span class="visually-hidden">
                      (opens in a new tab)</span
                    ></a
                  >`
                : html`<span class="chip provider">${label}</span>`}
            </li>`;
          })}
        </ul>
      </div>`,
    )}`;
  }

  private renderProviders(providers: WatchProviders): TemplateResult {
    const groups: [string, string[]][] = [
      ["Stream", providers.flatrate],
      ["Free", providers.free],
      ["Rent", providers.rent],
      ["Buy", providers.buy],
    ];
    return html`${groups
      .filter(([, names]) => names.length)
      .map(
        ([label, names]) => html`<div class="group">
          <h4>${label}</h4>
          <ul class="chips">
            ${names.map((name) => html`<li class="chip provider">${name}</li>`)}
          </ul>
        </div>`,
      )}
    ${safeHref(providers.link)
      ? html`<p class="muted note">
          In ${providers.region}, from JustWatch via TMDB.
          <a href=${ifDefined(safeHref(providers.link))} target="_blank" rel="noreferrer">All offers</a>
        </p>`
      : nothing}`;
  }

  private renderCast(details: MediaDetails): TemplateResult | typeof nothing {
    if (!details.cast.length) return nothing;
    return html`<section aria-labelledby="cast">
      <h3 id="cast">Cast</h3>
      <ul class="people">
        ${details.cast.map(
          (person) => html`<li class="person">
            <div class="photo" aria-hidden="true">
              <span>${initials(person.name)}</span>
              ${person.profile_url
                ? html`<img src=${person.profile_url} alt="" loading="lazy" @error=${hideBroken} />`
                : nothing}
            </div>
            <span class="name">${person.name}</span>
            ${person.character ? html`<span class="role">${person.character}</span>` : nothing}
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderSeasons(details: MediaDetails): TemplateResult | typeof nothing {
    const seasons = details.seasons.filter((s) => s.number > 0);
    if (details.media_type !== "tv" || !seasons.length) return nothing;
    return html`<section aria-labelledby="seasons">
      <h3 id="seasons">Seasons</h3>
      <ul class="seasons">
        ${seasons.map(
          (season) => html`<li>
            <span>${season.name ?? `Season ${season.number}`}</span>
            <span class="muted"
              >${[
                season.year,
                season.episode_count ? `${season.episode_count} episodes` : null,
              ]
                .filter(Boolean)
                .join(" · ")}</span
            >
          </li>`,
        )}
      </ul>
    </section>`;
  }

  static override styles = [
    ...shared,
    titleMeta,
    forms,
    requestStyles,
    css`
      :host {
        display: block;
        padding-bottom: 24px;
      }
      .request-status {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 4px 12px;
        padding: 8px 4px 8px 14px;
        border-radius: var(--_radius);
        border: 1px solid var(--_divider);
        background: var(--_surface-alt);
      }
      .request-status:focus {
        outline: none;
      }
      .request-status:focus-visible {
        outline: 2px solid var(--_focus);
      }
      .requested {
        display: flex;
        flex-direction: column;
        gap: 6px;
        padding: 4px 0;
      }
      .requested li {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 6px;
        font-size: 0.9rem;
        font-weight: 500;
      }
      .picker {
        display: flex;
        flex-direction: column;
        margin: 0;
        padding: 8px 14px 12px;
        border-radius: var(--_radius);
        border: 1px solid var(--_divider);
      }
      .picker legend {
        padding: 0 6px;
        font-weight: 600;
      }
      .picker-actions {
        display: flex;
        justify-content: flex-end;
        flex-wrap: wrap;
        gap: 8px;
        margin-top: 8px;
      }
      .request-error {
        padding: 8px 12px;
        border-radius: 6px;
        border-left: 3px solid var(--_error);
        background: var(--_surface-alt);
        font-size: 0.9rem;
        overflow-wrap: anywhere;
      }
      .hero {
        position: relative;
        aspect-ratio: 16 / 9;
        max-height: 42vh;
        width: 100%;
        background: var(--_surface-alt);
        overflow: hidden;
      }
      .hero.no-backdrop {
        aspect-ratio: auto;
        height: 72px;
      }
      .hero::after {
        content: "";
        position: absolute;
        inset: 0;
        background: linear-gradient(to bottom, transparent 45%, var(--_surface));
      }
      .backdrop {
        width: 100%;
        height: 100%;
        object-fit: cover;
        display: block;
      }
      .head {
        position: relative;
        display: flex;
        align-items: flex-start;
        gap: 16px;
        padding: 0 20px;
      }
      .head .poster {
        margin-top: -56px;
      }
      .poster {
        width: 96px;
        aspect-ratio: 2 / 3;
        object-fit: cover;
        border-radius: 8px;
        box-shadow: 0 4px 14px rgba(0, 0, 0, 0.35);
        flex: none;
        background: var(--_surface-alt);
      }
      .titles {
        min-width: 0;
        padding-top: 12px;
      }
      h2 {
        font-size: 1.4rem;
        line-height: 1.2;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .meta {
        margin-top: 6px;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
        color: var(--_text-2);
        font-size: 0.9rem;
      }
      .my-list[aria-pressed="true"] {
        border-color: var(--_primary);
      }
      .tagline {
        margin-top: 6px;
        font-style: italic;
        color: var(--_text-2);
      }
      .content {
        padding: 16px 20px 0;
        display: flex;
        flex-direction: column;
        gap: 18px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .actions {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
      .overview {
        line-height: 1.55;
      }
      h3 {
        font-size: 1.05rem;
        font-weight: 600;
        margin-bottom: 10px;
      }
      h4 {
        margin: 10px 0 6px;
        font-size: 0.85rem;
        font-weight: 500;
        color: var(--_text-2);
      }
      .muted {
        color: var(--_text-2);
      }
      .note {
        margin-top: 8px;
        font-size: 0.85rem;
      }
      .provider {
        min-height: 44px;
        padding: 2px 14px;
        font-size: 0.875rem;
        text-decoration: none;
        color: var(--_text);
      }
      a.provider:hover {
        border-color: var(--_primary);
      }
      .provider .icon {
        width: 14px;
        height: 14px;
        color: var(--_text-2);
      }
      .format {
        color: var(--_text-2);
        font-size: 0.75rem;
      }
      .people {
        display: flex;
        gap: 14px;
        overflow-x: auto;
        padding-bottom: 6px;
        scroll-snap-type: x proximity;
      }
      .person {
        flex: none;
        width: 84px;
        display: flex;
        flex-direction: column;
        align-items: center;
        text-align: center;
        gap: 4px;
        scroll-snap-align: start;
      }
      .photo {
        position: relative;
        width: 72px;
        height: 72px;
        border-radius: 50%;
        overflow: hidden;
        background: var(--_surface-alt);
        display: grid;
        place-items: center;
        color: var(--_text-2);
        font-weight: 600;
      }
      .photo img {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
        object-fit: cover;
      }
      .name {
        font-size: 0.8rem;
        font-weight: 500;
        line-height: 1.2;
      }
      .role {
        font-size: 0.75rem;
        color: var(--_text-2);
        line-height: 1.2;
      }
      .seasons li {
        display: flex;
        justify-content: space-between;
        gap: 12px;
        padding: 8px 0;
        border-bottom: 1px solid var(--_divider);
        font-size: 0.9rem;
      }
      .loading {
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      @media (min-width: 600px) {
        .poster {
          width: 132px;
        }
        .head {
          padding: 0 28px;
        }
        .head .poster {
          margin-top: -96px;
        }
        .content {
          padding: 20px 28px 0;
        }
        h2 {
          font-size: 1.75rem;
        }
      }
    `,
  ];
}

function hasProviders(p: WatchProviders): boolean {
  return Boolean(p.flatrate.length || p.free.length || p.rent.length || p.buy.length);
}

define("pandora-panel-details", PandoraMediaDetails);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-details": PandoraMediaDetails;
  }
}
