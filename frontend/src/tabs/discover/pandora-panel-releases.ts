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
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { errorMessage, type PandoraApi } from "../../data/api";
import { define } from "../../components/define";
import { formatBytes, formatRelative } from "../../data/format";
import {
  icon,
  mdiAlertCircleOutline,
  mdiArrowDown,
  mdiArrowUp,
  mdiCheck,
  mdiDownload,
  mdiMagnify,
  mdiPlaylistPlus,
  mdiRefresh,
} from "../../components/icons";
import type { DownloadTarget } from "./pandora-panel-details";
import { emptyState, errorState, missingServiceState, navigate, toast } from "../../components/states";
import "../../components/pandora-switch";
import type { PandoraSwitch } from "../../components/pandora-switch";
import { shared } from "../../styles/shared";
import type {
  AddRequest,
  IndexerStatus,
  Info,
  RankedRelease,
  TorrentSearchRequest,
  TorrentSearchResult,
} from "../../data/types";

const SOURCES: Record<string, string> = {
  bluray: "Blu-ray",
  web_dl: "WEB-DL",
  webrip: "WEBRip",
  hdtv: "HDTV",
  dvd: "DVD",
  cam: "CAM",
  telesync: "Telesync",
  telecine: "Telecine",
  screener: "Screener",
  workprint: "Workprint",
};
const CODECS: Record<string, string> = {
  h264: "H.264",
  h265: "H.265",
  av1: "AV1",
  xvid: "XviD",
  vc1: "VC-1",
};

/** The chips that describe a release's quality (unknown parts left out). */
export function qualityChips(release: RankedRelease): string[] {
  const chips: string[] = [];
  if (release.resolution && release.resolution !== "unknown") {
    chips.push(release.resolution === "sd" ? "SD" : release.resolution);
  }
  if (SOURCES[release.source]) chips.push(SOURCES[release.source]!);
  if (CODECS[release.codec]) chips.push(CODECS[release.codec]!);
  chips.push(...release.hdr);
  return chips;
}

/** Something that went wrong with one Jackett's part of a search, in words. */
export interface SearchProblem {
  instance: string;
  /** Nothing of this Jackett was searched (not merely some of its indexers). */
  failed: boolean;
  text: string;
}

function indexerFailure(status: IndexerStatus): string {
  if (status.state === "timeout") return "did not answer in time";
  return status.error ? `failed (${status.error})` : "failed";
}

/** What went wrong per Jackett: a server that failed, or the indexers that did not answer. */
export function searchProblems(result: TorrentSearchResult): SearchProblem[] {
  const problems: SearchProblem[] = [];
  for (const status of result.instances) {
    if (status.state === "error") {
      problems.push({
        instance: status.instance,
        failed: true,
        text: `${status.instance} could not be searched: ${status.error ?? "it did not answer"}`,
      });
    } else if (status.state === "partial") {
      const indexers = status.indexers ?? [];
      const missing = indexers.filter((i) => i.state !== "ok");
      const which = missing.length
        ? missing.map((i) => `${i.indexer} ${indexerFailure(i)}`).join("; ")
        : "some indexers did not answer";
      const failed = indexers.length > 0 && missing.length === indexers.length;
      problems.push({
        instance: status.instance,
        failed,
        text: `${status.instance}: ${which}${failed ? "" : "; results may be incomplete"}`,
      });
    }
  }
  return problems;
}

/**
 * Why a search shows what it shows: releases to list; none because every one was rejected; none
 * because the indexers found nothing; or none because no indexer could be searched (then
 * "nothing found" would be a guess).
 */
export function searchOutcome(result: TorrentSearchResult): "results" | "all_rejected" | "none_found" | "failed" {
  if (result.results.length) return "results";
  if (result.total > 0) return "all_rejected";
  const problems = searchProblems(result);
  const failed = problems.filter((p) => p.failed).length;
  return failed > 0 && failed === result.instances.length ? "failed" : "none_found";
}

/** A title as the backend's query has it: letters, digits, spaces, apostrophes and hyphens. */
function queryWords(title: string): string {
  return title.replace(/[^\p{L}\p{N}\s'-]/gu, " ").split(/\s+/).filter(Boolean).join(" ");
}

/**
 * Other words to search for when the indexers found nothing for `searched`: a movie without its
 * year, a series with its year or "Season N", and the original title (with the movie's year or
 * the season's S01 tag) when it differs.
 */
export function querySuggestions(target: DownloadTarget, season: number | null, searched: string): string[] {
  const title = queryWords(target.title);
  const original = target.original_title ? queryWords(target.original_title) : "";
  const tag = season === null ? "" : ` S${String(season).padStart(2, "0")}`;
  const year = target.year ? ` ${target.year}` : "";
  const candidates =
    target.media_type === "movie"
      ? [title, original && `${original}${year}`]
      : [season === null ? `${title}${year}` : `${title} Season ${season}`, original && `${original}${tag}`];
  const seen = new Set([searched.trim().toLowerCase()]);
  return candidates.filter((query): query is string => {
    const key = query?.toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type AddState = { state: "adding" } | { state: "added"; instance: string } | { state: "error"; error: unknown };
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
              (r, index) => this.renderRelease(r, index),
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

  private renderRelease(release: RankedRelease, index: number): TemplateResult {
    const add = this._adds[release.result_id];
    const language = this.api.language;
    const titleId = `release-${index}`;
    return html`<li class="release ${release.accepted ? "" : "rejected"}" aria-labelledby=${titleId}>
      <div class="release-head">
        <span class="rank" aria-hidden="true">${index + 1}</span>
        <div class="release-title">
          <h3 id=${titleId}>${release.title}</h3>
          <p class="muted">
            ${release.indexer ?? "Unknown indexer"}${release.published
              ? html` · ${formatRelative(release.published, language)}`
              : nothing}
          </p>
        </div>
      </div>
      <ul class="chips" aria-label="Quality">
        ${release.accepted ? nothing : html`<li class="chip rejected-chip">Rejected</li>`}
        ${qualityChips(release).map((chip) => html`<li class="chip">${chip}</li>`)}
        ${release.freeleech ? html`<li class="chip">Freeleech</li>` : nothing}
      </ul>
      <dl class="stats">
        <div><dt>Size</dt><dd>${formatBytes(release.size, language)}</dd></div>
        <div>
          <dt>Seeders</dt>
          <dd>${icon(mdiArrowUp)}${release.seeders ?? "?"}</dd>
        </div>
        <div>
          <dt>Leechers</dt>
          <dd>${icon(mdiArrowDown)}${release.leechers ?? "?"}</dd>
        </div>
        <div><dt>Score</dt><dd>${release.score}</dd></div>
      </dl>
      ${release.reasons.length
        ? html`<ul class="reasons" aria-label=${release.accepted ? "Why" : "Why rejected"}>
            ${release.reasons.map((reason) => html`<li>${reason}</li>`)}
          </ul>`
        : nothing}
      <div class="release-actions">
        ${add?.state === "error"
          ? html`<p class="add-error" role="alert">${errorMessage(add.error)}</p>`
          : nothing}
        ${add?.state === "added"
          ? html`<span class="added" role="status">${icon(mdiCheck)} Added to ${add.instance}</span>
              <button class="btn text" @click=${() => navigate(this, { tab: "downloads" })}>
                View downloads
              </button>`
          : html`<button
              class="btn primary add"
              ?disabled=${add?.state === "adding" || (this.info !== null && !this.qbittorrents.length)}
              aria-describedby=${titleId}
              @click=${() => this.add(release)}
            >
              ${icon(mdiDownload)} ${add?.state === "adding" ? "Adding…" : "Add"}
            </button>`}
      </div>
    </li>`;
  }

  static override styles = [
    ...shared,
    css`
      :host {
        display: block;
        padding: 20px 16px 24px;
      }
      header {
        padding-right: 48px;
      }
      h2 {
        font-size: 1.3rem;
        font-weight: 600;
      }
      .subtitle {
        color: var(--_text-2);
        margin-top: 2px;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px 20px;
        margin: 16px 0 12px;
      }
      .field {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        font-size: 0.9rem;
      }
      select {
        min-height: 44px;
        padding: 0 12px;
        border-radius: 8px;
        border: 1px solid var(--_divider);
        background: var(--_surface);
        color: var(--_text);
        font: inherit;
      }
      .status {
        color: var(--_text-2);
        font-size: 0.9rem;
        margin: 4px 0 12px;
      }
      .query {
        overflow-wrap: anywhere;
      }
      .results > .banner {
        margin-bottom: 10px;
      }
      .banner {
        margin: 0 0 12px;
      }
      ol,
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .releases {
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      .release {
        border: 1px solid var(--_divider);
        border-radius: var(--_radius);
        padding: 12px 14px;
        display: flex;
        flex-direction: column;
        gap: 10px;
        background: var(--_surface);
      }
      .release.rejected {
        border-style: dashed;
        background: var(--_background);
      }
      .release-head {
        display: flex;
        gap: 10px;
        align-items: flex-start;
      }
      .rank {
        flex: none;
        display: grid;
        place-items: center;
        width: 28px;
        height: 28px;
        border-radius: 50%;
        background: var(--_tint-strong);
        font-weight: 600;
        font-size: 0.85rem;
      }
      .release-title {
        min-width: 0;
      }
      h3 {
        font-size: 0.95rem;
        font-weight: 500;
        line-height: 1.35;
        overflow-wrap: anywhere;
      }
      .muted {
        color: var(--_text-2);
        font-size: 0.8rem;
        margin-top: 2px;
      }
      .rejected-chip {
        border-color: var(--_error);
        background: color-mix(in srgb, var(--_error) 14%, var(--_surface));
        font-weight: 600;
      }
      .stats {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 18px;
        margin: 0;
        font-size: 0.85rem;
      }
      .stats div {
        display: flex;
        gap: 6px;
        align-items: center;
      }
      dt {
        color: var(--_text-2);
      }
      dd {
        margin: 0;
        display: inline-flex;
        align-items: center;
        font-weight: 500;
      }
      dd .icon {
        width: 16px;
        height: 16px;
      }
      .reasons {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 14px;
        font-size: 0.8rem;
        color: var(--_text-2);
      }
      .reasons li::before {
        content: "•";
        margin-right: 6px;
      }
      .rejected .reasons {
        color: var(--_text);
      }
      .release-actions {
        display: flex;
        align-items: center;
        justify-content: flex-end;
        flex-wrap: wrap;
        gap: 8px 12px;
      }
      .add-error {
        flex: 1 1 200px;
        font-size: 0.85rem;
        color: var(--_text);
        border-left: 3px solid var(--_error);
        padding-left: 8px;
      }
      .added {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        min-height: 44px;
        font-weight: 500;
      }
      .added .icon {
        color: var(--_success);
      }
      .none-found .state {
        padding: 24px 8px 16px;
      }
      .problems {
        display: flex;
        flex-direction: column;
        gap: 8px;
        width: 100%;
      }
      .retry,
      .ask {
        display: flex;
        flex-direction: column;
        gap: 8px;
        max-width: 520px;
        margin: 0 auto 16px;
        font-size: 0.9rem;
      }
      .retry label {
        color: var(--_text-2);
        font-weight: 500;
      }
      .retry-row {
        display: flex;
        gap: 8px;
      }
      .retry-row input {
        flex: 1;
        min-width: 0;
        min-height: 44px;
        padding: 0 12px;
        border-radius: 8px;
        border: 1px solid var(--_divider);
        background: var(--_surface);
        color: var(--_text);
        font: inherit;
      }
      .retry-row input:focus {
        border-color: var(--_primary);
      }
      .suggestions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
      .suggestion {
        font-weight: 400;
      }
      .ask {
        border-top: 1px solid var(--_divider);
        padding-top: 16px;
        color: var(--_text-2);
      }
      .ask .btn {
        align-self: flex-start;
      }
      .release-skeleton {
        height: 132px;
        border-radius: var(--_radius);
        margin-bottom: 12px;
      }
      @media (min-width: 600px) {
        :host {
          padding: 24px 28px 28px;
        }
      }
    `,
  ];
}

define("pandora-panel-releases", PandoraTorrentSearch);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-releases": PandoraTorrentSearch;
  }
}
