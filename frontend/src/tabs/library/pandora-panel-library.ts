/**
 * `pandora-panel-library`: each Jellyfin server live (`pandora/library/subscribe`): who is
 * watching (every stream: who, what, on which device, direct play or transcoding, paused), counts,
 * the library scan's progress and last result, every library with its own scan button and
 * "Scan all" for administrators (`pandora/library/scan`).
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { errorMessage } from "../../data/api";
import { define } from "../../components/define";
import { formatDateTime, formatRelative } from "../../data/format";
import {
  icon,
  mdiAlertCircleOutline,
  mdiBookshelf,
  mdiImageMultipleOutline,
  mdiLayersOutline,
  mdiMagnifyScan,
  mdiMovieOutline,
  mdiMusic,
  mdiPause,
  mdiPlay,
  mdiTelevisionClassic,
} from "../../components/icons";
import { LiveFeed } from "../../components/live";
import { progressBar, progressStyles, progressText } from "../../components/progress";
import { emptyState, errorState, missingServiceState, toast } from "../../components/states";
import { shared, surfaces } from "../../styles/shared";
import type { JellyfinLibrary, JellyfinServer, JellyfinStream, LibrarySnapshot } from "../../data/types";
import { PandoraTab } from "../pandora-tab";

const COLLECTIONS: Record<string, [string, string]> = {
  movies: ["Movies", mdiMovieOutline],
  tvshows: ["TV shows", mdiTelevisionClassic],
  music: ["Music", mdiMusic],
  homevideos: ["Home videos", mdiImageMultipleOutline],
};

export function collectionLabel(type: string | null): [string, string] {
  return (type && COLLECTIONS[type]) || [type ? type[0]!.toUpperCase() + type.slice(1) : "Mixed", mdiLayersOutline];
}

const RESULTS: Record<string, [string, string]> = {
  completed: ["Completed", "success"],
  failed: ["Failed", "error"],
  cancelled: ["Cancelled", "warning"],
  aborted: ["Aborted", "warning"],
};

const PLAY_METHODS: Record<string, string> = {
  direct_play: "Direct play",
  direct_stream: "Direct stream",
  transcode: "Transcoding",
};

/** Key of a pending scan request: a server and a library id (or "all"). */
const scanKey = (server: string, library: string) => `${server}\u0000${library}`;

export class PandoraLibrary extends PandoraTab {
  static override get properties() {
    return {
      _busy: { state: true },
    };
  }

  declare _busy: ReadonlySet<string>;

  readonly feed = new LiveFeed<LibrarySnapshot>(this, {
    api: () => this.api,
    enabled: () => this.servers.length > 0,
    open: (api, onValue, onError) => api.subscribe<LibrarySnapshot>("pandora/library/subscribe", onValue, onError),
  });

  constructor() {
    super();
    this.info = null;
    this.admin = false;
    this.narrow = false;
    this._busy = new Set();
  }

  private get servers() {
    return this.info?.services.jellyfin ?? [];
  }

  private async scan(server: JellyfinServer, library: JellyfinLibrary | null): Promise<void> {
    const key = scanKey(server.id, library?.id ?? "all");
    const what = library ? library.name : "every library";
    this._busy = new Set([...this._busy, key]);
    try {
      await this.api.scanLibrary(library?.id ?? "all", server.id);
      toast(this, { kind: "success", message: `Scanning ${what} on ${server.title}.` });
    } catch (error) {
      toast(this, { kind: "error", message: `Could not scan ${what}: ${errorMessage(error)}` });
    } finally {
      const busy = new Set(this._busy);
      busy.delete(key);
      this._busy = busy;
    }
  }

  protected override render() {
    if (this.info && !this.servers.length) {
      return missingServiceState({
        iconPath: mdiBookshelf,
        title: "Add Jellyfin to follow your library",
        why: "Library shows what your Jellyfin servers hold, follows their library scans live and lets administrators start a scan of one library or all of them.",
        service: "Jellyfin",
        admin: this.admin,
      });
    }
    if (this.feed.error) {
      return errorState("Could not load the library", this.feed.error, () => this.feed.retry());
    }
    const snapshot = this.feed.value;
    if (!snapshot) {
      return html`<div aria-busy="true" aria-label="Loading the library">
        ${[0, 1].map(() => html`<div class="server surface skeleton server-skeleton"></div>`)}
      </div>`;
    }
    if (!snapshot.jellyfin.length) {
      return emptyState(mdiBookshelf, "No Jellyfin server is running", "Pandora has no Jellyfin server loaded right now.");
    }
    return html`${repeat(
      snapshot.jellyfin,
      (server) => server.id,
      (server) => this.renderServer(server),
    )}`;
  }

  private renderServer(server: JellyfinServer): TemplateResult {
    const language = this.api.language;
    const headingId = `server-${server.id}`;
    const allBusy = this._busy.has(scanKey(server.id, "all"));
    return html`<section class="server surface" data-server=${server.id} aria-labelledby=${headingId}>
      <header class="server-head">
        <h2 id=${headingId}>${server.title}</h2>
        ${this.admin
          ? html`<button
              class="btn primary scan-all"
              ?disabled=${allBusy || !server.available}
              @click=${() => void this.scan(server, null)}
            >
              ${icon(mdiMagnifyScan)} ${allBusy ? "Starting…" : "Scan all"}
            </button>`
          : nothing}
      </header>
      ${server.available
        ? nothing
        : html`<p class="banner" role="status">
            ${icon(mdiAlertCircleOutline)}<span>${server.title} is not answering; this may be out of date.</span>
          </p>`}
      ${this.renderStreams(server)} ${this.renderCounts(server, language)} ${this.renderScan(server, language)}
      <h3 class="libraries-title">Libraries</h3>
      ${server.libraries.length
        ? html`<ul class="libraries plain">
            ${repeat(
              server.libraries,
              (library) => library.id,
              (library) => this.renderLibrary(server, library, language),
            )}
          </ul>`
        : html`<p class="muted">No libraries yet.</p>`}
    </section>`;
  }

  private renderStreams(server: JellyfinServer): TemplateResult {
    const streams = server.streams;
    return html`<h3 class="streams-title">Watching now</h3>
      ${streams === null
        ? html`<p class="muted">Who is watching cannot be read right now.</p>`
        : streams.length
          ? html`<ul class="streams plain" aria-label="Watching now on ${server.title}">
              ${streams.map((stream) => this.renderStream(stream))}
            </ul>`
          : html`<p class="muted streams-none">Nobody is watching.</p>`}`;
  }

  private renderStream(stream: JellyfinStream): TemplateResult {
    const method = stream.play_method ? PLAY_METHODS[stream.play_method] ?? stream.play_method : null;
    return html`<li class="stream" data-device=${stream.device}>
      <span class="stream-icon" title=${stream.paused ? "Paused" : "Playing"}
        >${icon(stream.paused ? mdiPause : mdiPlay)}</span
      >
      <div class="stream-main">
        <span class="stream-title">${stream.title}</span>
        <span class="muted stream-where"
          >${stream.user ?? "Someone"} · ${stream.device}${stream.remote ? " · Remote" : nothing}</span
        >
      </div>
      <span class="chips">
        ${stream.paused ? html`<span class="chip paused"><span class="dot"></span>Paused</span>` : nothing}
        ${method
          ? html`<span class="chip method ${stream.play_method}"><span class="dot"></span>${method}</span>`
          : nothing}
      </span>
    </li>`;
  }

  private renderCounts(server: JellyfinServer, language: string): TemplateResult | typeof nothing {
    const counts = server.counts;
    if (!counts) return nothing;
    const number = new Intl.NumberFormat(language);
    const items: [string, number][] = [
      ["Movies", counts.movies],
      ["Series", counts.series],
      ["Episodes", counts.episodes],
    ];
    return html`<dl class="counts">
      ${items.map(
        ([label, value]) => html`<div class="count">
          <dt>${label}</dt>
          <dd>${number.format(value)}</dd>
        </div>`,
      )}
    </dl>`;
  }

  private renderScan(server: JellyfinServer, language: string): TemplateResult {
    if (server.scanning) {
      return html`<div class="scan" role="status">
        <p class="scan-line">
          <span class="chip scanning"><span class="dot"></span>Scanning</span>
          <span class="percent">${progressText(server.progress, language)}</span>
        </p>
        ${progressBar(server.progress, `Library scan on ${server.title}`, language)}
      </div>`;
    }
    const result = server.last_result ? RESULTS[server.last_result] ?? [server.last_result, "warning"] : null;
    return html`<div class="scan" role="status">
      <p class="scan-line">
        ${server.last_scan
          ? html`<span
              >Last scan
              <time datetime=${server.last_scan} title=${formatDateTime(server.last_scan, language)}
                >${formatRelative(server.last_scan, language)}</time
              ></span
            >`
          : html`<span class="muted">No scan yet</span>`}
        ${result ? html`<span class="chip result ${result[1]}"><span class="dot"></span>${result[0]}</span>` : nothing}
      </p>
    </div>`;
  }

  private renderLibrary(server: JellyfinServer, library: JellyfinLibrary, language: string): TemplateResult {
    const [kind, kindIcon] = collectionLabel(library.collection_type);
    const busy = this._busy.has(scanKey(server.id, library.id));
    return html`<li class="library" data-library=${library.id}>
      <span class="library-icon">${icon(kindIcon)}</span>
      <div class="library-main">
        <span class="library-name">${library.name}</span>
        <span class="muted library-kind"
          >${kind}${library.refreshing
            ? html` · Scanning${library.progress != null ? html` ${progressText(library.progress, language)}` : nothing}`
            : nothing}</span
        >
        ${library.refreshing ? progressBar(library.progress, `Scan of ${library.name}`, language) : nothing}
      </div>
      ${this.admin
        ? html`<button
            class="btn"
            aria-label="Scan ${library.name}"
            ?disabled=${busy || library.refreshing || !server.available}
            @click=${() => void this.scan(server, library)}
          >
            ${icon(mdiMagnifyScan)}<span class="label">Scan</span>
          </button>`
        : nothing}
    </li>`;
  }

  static override styles = [
    ...shared,
    surfaces,
    progressStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 16px;
        padding: 16px 12px 32px;
        max-width: 960px;
        margin: 0 auto;
      }
      .server {
        display: flex;
        flex-direction: column;
        gap: 14px;
        padding: 16px;
      }
      .server-skeleton {
        height: 220px;
        margin-bottom: 16px;
      }
      .server-head {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 8px 12px;
      }
      h2 {
        flex: 1;
        min-width: 0;
        font-size: 1.15rem;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .counts {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 8px;
        margin: 0;
      }
      .count {
        padding: 10px 12px;
        border-radius: calc(var(--_radius) - 4px);
        background: var(--_surface-alt);
      }
      dt {
        font-size: 0.8rem;
        color: var(--_text-2);
      }
      dd {
        margin: 2px 0 0;
        font-size: 1.35rem;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .scan {
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .scan-line {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 6px 12px;
        font-size: 0.9rem;
      }
      .percent {
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .chip .dot {
        color: var(--_text-2);
      }
      .chip.scanning .dot {
        color: var(--_primary);
      }
      .chip.success .dot {
        color: var(--_success);
      }
      .chip.error .dot {
        color: var(--_error);
      }
      .chip.warning .dot {
        color: var(--_warning);
      }
      .streams-title,
      .libraries-title {
        font-size: 0.95rem;
        font-weight: 600;
      }
      .libraries {
        display: flex;
        flex-direction: column;
      }
      .streams {
        display: flex;
        flex-direction: column;
      }
      .stream {
        display: flex;
        align-items: center;
        gap: 12px;
        min-height: 52px;
        padding: 6px 0;
        border-top: 1px solid var(--_divider);
      }
      .stream-icon {
        display: inline-flex;
        color: var(--_primary);
      }
      .stream-main {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      .stream-title {
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .stream-where {
        font-size: 0.82rem;
        overflow-wrap: anywhere;
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: 4px;
      }
      .chip.transcode .dot {
        color: var(--_warning);
      }
      .chip.direct_play .dot,
      .chip.direct_stream .dot {
        color: var(--_success);
      }
      .library {
        display: flex;
        align-items: center;
        gap: 12px;
        min-height: 60px;
        padding: 6px 0;
        border-top: 1px solid var(--_divider);
      }
      .library-icon {
        display: inline-flex;
        color: var(--_accent-text);
      }
      .library-main {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      .library-name {
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .library-kind {
        font-size: 0.82rem;
      }
      @media (max-width: 420px) {
        .library .label {
          display: none;
        }
        .library .btn {
          padding: 0;
        }
      }
      @media (min-width: 600px) {
        :host {
          padding: 24px 24px 40px;
        }
        .server {
          padding: 20px 24px;
        }
      }
    `,
  ];
}

define("pandora-panel-library", PandoraLibrary);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-library": PandoraLibrary;
  }
}
