/**
 * `pandora-panel-releases`: releases of one title from `pandora/torrents/search`, best first,
 * with quality chips, size, seeders, score and the ranking's reasons; "Add" sends one to
 * qBittorrent with `pandora/torrents/add`.
 *
 * An empty answer says which of three things happened (`searchOutcome`): the indexers found
 * nothing (then it offers other words to search for, and a request when requests are on), they
 * found releases that the quality profile all rejected, or no indexer could be searched at all
 * (then it names what failed, as `searchProblems` also does above partial results).
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { errorMessage, type PandoraApi } from "../../data/api";
import { define } from "../../components/define";
import {
  icon,
  mdiAlertCircleOutline,
  mdiCheck,
  mdiMagnify,
  mdiPlaylistPlus,
  mdiRefresh,
} from "../../components/icons";
import { querySuggestions, searchOutcome, searchProblems, type DownloadTarget } from "../../data/releases";
import { releaseRow, type AddState, type ReleaseRowContext } from "./release-row";
import { releasesStyles } from "./pandora-panel-releases-styles";
import { emptyState, errorState, missingServiceState, navigate, toast } from "../../components/states";
import "../../components/pandora-switch";
import type { PandoraSwitch } from "../../components/pandora-switch";
import type {
  AddRequest,
  Info,
  RankedRelease,
  TorrentSearchRequest,
  TorrentSearchResult,
} from "../../data/types";

type AskState = { state: "asking" } | { state: "asked"; created: boolean } | { state: "error"; error: unknown };

export class PandoraTorrentSearch extends LitElement {
  static override get properties() {
    return {
      api: { attribute: false },
      target: { attribute: false },
      info: { attribute: false },
      _includeRejected: { state: true },
      _season: { state: true },
      _instance: { state: true },
      _result: { state: true },
      _error: { state: true },
      _loading: { state: true },
      _adds: { state: true },
      _query: { state: true },
      _ask: { state: true },
    };
  }

  declare api: PandoraApi;
  declare target: DownloadTarget;
  declare info: Info | null;
  declare _includeRejected: boolean;
  declare _season: number | null;
  declare _instance: string | null;
  declare _result: TorrentSearchResult | null;
  declare _error: unknown;
  declare _loading: boolean;
  declare _adds: Record<string, AddState>;
  /** Words the user chose to search for instead of the title's own query (null: the title's). */
  declare _query: string | null;
  /** A request made from the "nothing found" state. */
  declare _ask: AskState | null;
  private searchId = 0;

  constructor() {
    super();
    this.info = null;
    this._includeRejected = false;
    this._season = null;
    this._instance = null;
    this._result = null;
    this._error = null;
    this._loading = false;
    this._adds = {};
    this._query = null;
    this._ask = null;
  }

  private get jackett() {
    return this.info?.services.jackett ?? [];
  }

  private get qbittorrents() {
    return this.info?.services.qbittorrent ?? [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("info") && this._instance === null && this.qbittorrents.length > 1) {
      this._instance = this.qbittorrents[0]!.id;
    }
    if ((changed.has("target") || changed.has("api")) && this.target && this.api) {
      this._season = null;
      this._query = null;
      this._ask = null;
      void this.search();
    }
  }

  /**
   * The request as the contract wants it: by TMDB id, or by the chosen words (then the category
   * and a movie's year, so the ranking still turns away other films of that name);
   * `include_rejected` only when asked for.
   */
  request(): TorrentSearchRequest {
    const { tmdb_id, media_type, year } = this.target;
    const request: TorrentSearchRequest =
      this._query === null
        ? { tmdb_id, media_type }
        : {
            query: this._query,
            category: media_type === "movie" ? "movies" : "tv",
            ...(media_type === "movie" && year ? { year } : {}),
          };
    if (this._season !== null) request.season = this._season;
    if (this._includeRejected) request.include_rejected = true;
    return request;
  }

  private async search(): Promise<void> {
    if (this.info && !this.jackett.length) return;
    const id = ++this.searchId;
    this._loading = true;
    this._error = null;
    try {
      const result = await this.api.searchTorrents(this.request());
      if (id !== this.searchId) return;
      this._result = result;
    } catch (error) {
      if (id !== this.searchId) return;
      this._error = error;
    } finally {
      if (id === this.searchId) this._loading = false;
    }
  }

  private async add(release: RankedRelease): Promise<void> {
    const key = release.result_id;
    this._adds = { ...this._adds, [key]: { state: "adding" } };
    const request: AddRequest & { instance?: string } = {
      result_id: release.result_id,
      tmdb_id: this.target.tmdb_id,
      media_type: this.target.media_type,
    };
    if (this._instance) request.instance = this._instance;
    try {
      const added = await this.api.addTorrent(request);
      this._adds = { ...this._adds, [key]: { state: "added", instance: added.instance } };
      toast(this, {
        kind: "success",
        message: `Added to ${added.instance}: ${added.release ?? release.title}`,
        action: { label: "View downloads", tab: "downloads" },
      });
    } catch (error) {
      this._adds = { ...this._adds, [key]: { state: "error", error } };
    }
  }

  private toggleRejected(event: Event): void {
    this._includeRejected = (event.target as PandoraSwitch).checked;
    void this.search();
  }

  private changeSeason(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this._season = value === "" ? null : Number(value);
    this._query = null; // the season's own query ("Title S02")
    this._ask = null;
    void this.search();
  }

  /** Search for other words (empty: the title's own query again). */
  searchFor(query: string): void {
    const words = query.trim().slice(0, 200);
    this._query = words || null;
    void this.search();
  }

  private onQuerySubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector("input")!;
    this.searchFor(input.value);
  }

  /** Ask for the title as a household request: the chosen season, or the movie or whole series. */
  private async askFor(): Promise<void> {
    const target = this.target;
    const season = target.media_type === "tv" ? this._season : null;
    this._ask = { state: "asking" };
    try {
      const result = await this.api.requestMedia({
        tmdb_id: target.tmdb_id,
        media_type: target.media_type,
        ...(season !== null ? { seasons: [season] } : {}),
      });
      if (this.target !== target) return;
      this._ask = { state: "asked", created: (result.created ?? []).some(Boolean) };
    } catch (error) {
      if (this.target === target) this._ask = { state: "error", error };
    }
  }

  protected override render() {
    if (!this.target) return nothing;
    const { title, year } = this.target;
    return html`
      <header>
        <h2>Download</h2>
        <p class="subtitle">${title}${year ? ` (${year})` : ""}</p>
      </header>
      ${this.info && !this.jackett.length
        ? missingServiceState({
            iconPath: mdiMagnify,
            title: "Add Jackett to search for releases",
            why: "Pandora searches your indexers through Jackett and ranks what they find.",
            service: "Jackett",
            admin: true,
          })
        : html`${this.renderControls()} ${this.renderBody()}`}
    `;
  }

  private renderControls(): TemplateResult {
    const seasons = this.target.media_type === "tv" ? this.target.seasons : [];
    const qbts = this.qbittorrents;
    return html`<div class="controls">
      ${seasons.length
        ? html`<label class="field">
            <span>Season</span>
            <select @change=${this.changeSeason} .value=${String(this._season ?? "")}>
              <option value="">All seasons</option>
              ${seasons.map(
                (s) => html`<option value=${s.number}>${s.name ?? `Season ${s.number}`}</option>`,
              )}
            </select>
          </label>`
        : nothing}
      ${qbts.length > 1
        ? html`<label class="field">
            <span>Send to</span>
            <select
              @change=${(e: Event) => (this._instance = (e.target as HTMLSelectElement).value)}
              .value=${this._instance ?? ""}
            >
              ${qbts.map((q) => html`<option value=${q.id}>${q.title}</option>`)}
            </select>
          </label>`
        : nothing}
      <pandora-switch
        label="Show rejected"
        .checked=${this._includeRejected}
        @change=${this.toggleRejected}
      ></pandora-switch>
    </div>
    ${this.info && !qbts.length
      ? html`<p class="banner" role="note">
          ${icon(mdiAlertCircleOutline)}
          <span
            >No qBittorrent is set up, so releases cannot be added yet. Add one in Settings →
            Devices &amp; services → Pandora → Add qBittorrent.</span
          >
        </p>`
      : nothing}`;
  }

  private renderBody(): TemplateResult {
    if (this._error) {
      return errorState("The search failed", this._error, () => void this.search());
    }
    const result = this._result;
    if (this._loading || !result) {
      return html`<div class="results" aria-busy="true" aria-label="Searching">
        <p class="status" role="status">Searching your indexers…</p>
        ${[0, 1, 2].map(() => html`<div class="skeleton release-skeleton"></div>`)}
      </div>`;
    }
    const outcome = searchOutcome(result);
    const problems = searchProblems(result);
    if (outcome === "failed") {
      return html`<div class="state error" role="alert">
        ${icon(mdiAlertCircleOutline)}
        <h3>No indexer could be searched</h3>
        <ul class="problems">
          ${problems.map((p) => html`<li class="message">${p.text}</li>`)}
        </ul>
        <button class="btn" @click=${() => void this.search()}>${icon(mdiRefresh)} Try again</button>
      </div>`;
    }
    return html`<div class="results">
      ${outcome === "none_found"
        ? nothing
        : html`<p class="status" role="status">
            ${result.accepted} of ${result.total} release${result.total === 1 ? "" : "s"} accepted
            <span class="query">· searched “${result.query}”</span>
          </p>`}
      ${problems.map(
        (p) => html`<p class="banner ${p.failed ? "error" : ""}">
          ${icon(mdiAlertCircleOutline)}
          <span>${p.text}</span>
        </p>`,
      )}
      ${outcome === "results"
        ? html`<ol class="releases">
            ${repeat(
              result.results,
              (r) => r.result_id,
              (r, index) => releaseRow(r, index, this.rowContext(r)),
            )}
          </ol>`
        : outcome === "all_rejected"
          ? emptyState(
              mdiMagnify,
              "No acceptable release",
              "Nothing passed your quality profile. Turn on “Show rejected” to see why.",
            )
          : this.renderNoneFound(result)}
    </div>`;
  }

  /** Nothing at all under this name: say so, then what to try (other words, a request). */
  private renderNoneFound(result: TorrentSearchResult): TemplateResult {
    const suggestions = querySuggestions(this.target, this._season, result.query);
    return html`<div class="none-found">
      <div class="state" role="status">
        ${icon(mdiMagnify)}
        <h3>No release found for “${result.query}”</h3>
        <p>
          Your indexers have nothing under these words. They may list it differently: try the
          original title, fewer words, or with or without the year.
        </p>
      </div>
      <form class="retry" role="search" @submit=${this.onQuerySubmit}>
        <label for="retry-query">Search for</label>
        <div class="retry-row">
          <input
            id="retry-query"
            type="search"
            enterkeyhint="search"
            autocomplete="off"
            maxlength="200"
            .value=${result.query}
          />
          <button class="btn primary" type="submit">${icon(mdiMagnify)} Search</button>
        </div>
        ${suggestions.length
          ? html`<ul class="suggestions" aria-label="Try instead">
              ${suggestions.map(
                (query) => html`<li>
                  <button class="btn suggestion" type="button" @click=${() => this.searchFor(query)}>
                    ${query}
                  </button>
                </li>`,
              )}
            </ul>`
          : nothing}
      </form>
      ${this.renderAsk()}
    </div>`;
  }

  /** A request instead, when the backend takes household requests. */
  private renderAsk(): TemplateResult | typeof nothing {
    if (!this.info?.requests) return nothing;
    const ask = this._ask;
    const season = this.target.media_type === "tv" ? this._season : null;
    const what =
      this.target.media_type === "movie"
        ? "it"
        : season === null
          ? "the whole series"
          : (this.target.seasons.find((s) => s.number === season)?.name ?? `season ${season}`);
    if (ask?.state === "asked") {
      return html`<div class="ask">
        <p class="added" role="status">
          ${icon(mdiCheck)} ${ask.created ? "Requested" : "Already requested — you were added"}
        </p>
        <button class="btn text" @click=${() => navigate(this, { tab: "requests" })}>View in Requests</button>
      </div>`;
    }
    return html`<div class="ask">
      <p>Or request ${what}: the request stays in Requests, where Retry searches again.</p>
      ${ask?.state === "error"
        ? html`<p class="add-error" role="alert">Could not request it: ${errorMessage(ask.error)}</p>`
        : nothing}
      <button class="btn request" ?disabled=${ask?.state === "asking"} @click=${() => void this.askFor()}>
        ${icon(mdiPlaylistPlus)} ${ask?.state === "asking" ? "Requesting…" : "Request"}
      </button>
    </div>`;
  }

  private rowContext(release: RankedRelease): ReleaseRowContext {
    return {
      host: this,
      language: this.api.language,
      add: this._adds[release.result_id],
      canAdd: this.info === null || this.qbittorrents.length > 0,
      onAdd: (r) => void this.add(r),
    };
  }

  static override styles = releasesStyles;
}

define("pandora-panel-releases", PandoraTorrentSearch);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-releases": PandoraTorrentSearch;
  }
}
