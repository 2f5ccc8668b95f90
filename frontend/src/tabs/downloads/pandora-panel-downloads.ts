/**
 * `pandora-panel-downloads`: the live torrent list (`pandora/torrents/subscribe`), filters,
 * sorting, search, pause/resume/remove for administrators, and the history below.
 *
 * Built for 10,000 torrents: each event updates the list incrementally (torrent-list.ts) when it
 * arrives, not while rendering; a long list is virtualized (only the rows in view, plus a margin,
 * are in the page) and a row re-renders only when its torrent changed.
 *
 * The subscription runs only while the element is in the page: the panel renders one tab at a
 * time, so leaving the tab (or the panel) unsubscribes.
 *
 * In the panel the filter and sort are in the URL (`filter`, `sort`: `?filter=&sort=`, view-url.ts),
 * replaced as they change: a link, or back to this tab, shows the same list.
 */
import { virtualize } from "@lit-labs/virtualizer/virtualize.js";
import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { guard } from "lit/directives/guard.js";
import { repeat } from "lit/directives/repeat.js";
import {
  emptyTorrentState,
  errorMessage,
  torrentKey,
  type TorrentDiff,
  type TorrentState,
  type TorrentSubscription } from "../../data/api";
import "../../components/pandora-confirm";
import { define } from "../../components/define";
import { formatSpeed } from "../../data/format";
import "./pandora-panel-history";
import type { PandoraHistory } from "./pandora-panel-history";
import {
  icon,
  mdiAlertCircleOutline,
  mdiArrowDown,
  mdiArrowUp,
  mdiCompassOutline,
  mdiShieldAlertOutline,
  mdiTrayArrowDown,
} from "../../components/icons";
import { emptyState, errorState, missingServiceState, navigate, toast } from "../../components/states";
import { TorrentList } from "../../data/torrent-list";
import { torrentRow, torrentSkeleton } from "../../components/torrent-row";
import { FILTERS, SORTS, type Filter, holdBanners, isComplete, type Sort } from "../../data/torrents";
import type { Torrent, TorrentAction } from "../../data/types";
import { downloadsStyles } from "./pandora-panel-downloads-styles";
import { PandoraTab } from "../pandora-tab";

/** How long to wait before reloading the history after torrents complete or disappear. */
const HISTORY_RELOAD_MS = 1500;
/** From this many rows on, only the rows in view are in the page. */
export const VIRTUALIZE_FROM = 60;

export class PandoraDownloads extends PandoraTab {
  static override get properties() {
    return {
      filter: { attribute: false },
      sort: { attribute: false },
      _state: { state: true },
      _error: { state: true },
      _filter: { state: true },
      _sort: { state: true },
      _query: { state: true },
      _busy: { state: true },
      _confirm: { state: true },
      _deleteFiles: { state: true },
    };
  }

  /** The filter and sort the URL names. */
  declare filter: string | null;
  declare sort: string | null;
  declare _state: TorrentState;
  declare _error: unknown;
  declare _filter: Filter;
  declare _sort: Sort;
  declare _query: string;
  declare _busy: ReadonlySet<string>;
  declare _confirm: Torrent | null;
  declare _deleteFiles: boolean;
  private subscription: TorrentSubscription | null = null;
  private historyTimer: ReturnType<typeof setTimeout> | undefined;
  /** Filtered, sorted and searched as events arrive. */
  private readonly list = new TorrentList();
  // One set of row callbacks: rows that did not change are not rendered again (guard).
  private readonly onPause = (torrent: Torrent) => void this.act(torrent, "pause");
  private readonly onResume = (torrent: Torrent) => void this.act(torrent, "resume");
  private readonly onRemove = (torrent: Torrent) => this.askRemove(torrent);

  constructor() {
    super();
    this.info = null;
    this.admin = false;
    this.narrow = false;
    this.filter = null;
    this.sort = null;
    this._state = emptyTorrentState();
    this._error = null;
    this._filter = "all";
    this._sort = "added";
    this._query = "";
    this._busy = new Set();
    this._confirm = null;
    this._deleteFiles = false;
  }

  private get qbittorrents() {
    return this.info?.services.qbittorrent ?? [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe();
    clearTimeout(this.historyTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("filter")) this._filter = FILTERS.find(([id]) => id === this.filter)?.[0] ?? "all";
    if (changed.has("sort")) this._sort = SORTS.find(([id]) => id === this.sort)?.[0] ?? "added";
    // Before rendering, once per change of choice (not on every render).
    this.list.choose({ filter: this._filter, sort: this._sort, query: this._query });
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has("info") || changed.has("api")) this.subscribe();
  }

  /** A filter or sort chosen here: shown, and put in the URL in place (defaults left out). */
  private choose(change: { filter?: Filter; sort?: Sort }): void {
    if (change.filter) this._filter = change.filter;
    if (change.sort) this._sort = change.sort;
    const filter = this._filter === "all" ? undefined : this._filter;
    const sort = this._sort === "added" ? undefined : this._sort;
    navigate(this, { view: { filter, sort }, replace: true });
  }

  /** Start the live list when connected, configured and not already running. */
  private subscribe(): void {
    if (this.subscription || !this.isConnected || !this.api?.hass || !this.qbittorrents.length) {
      return;
    }
    this._error = null;
    try {
      this.subscription = this.api.subscribeTorrents(
        (state, event) => this.onEvent(state, event),
        (error) => {
          this._error = error;
          this.subscription = null;
        },
      );
    } catch (error) {
      this._error = error;
    }
  }

  private unsubscribe(): void {
    void this.subscription?.close();
    this.subscription = null;
  }

  private retry(): void {
    this.unsubscribe();
    this._state = emptyTorrentState();
    this.list.reset([]);
    this.subscribe();
  }

  private onEvent(state: TorrentState, diffs: TorrentDiff[] | null): void {
    this._state = state;
    this._error = null;
    if (diffs === null) {
      this.list.reset(state.torrents.values());
    } else {
      this.list.apply(diffs);
      // Completed, new or gone torrents are in the history: reload it (once things settle).
      if (diffs.some(({ before, after }) => !before || !after || (isComplete(after) && !isComplete(before)))) {
        clearTimeout(this.historyTimer);
        this.historyTimer = setTimeout(() => {
          void this.renderRoot.querySelector<PandoraHistory>("pandora-panel-history")?.refresh();
        }, HISTORY_RELOAD_MS);
      }
    }
    this.requestUpdate();
  }

  private async act(torrent: Torrent, action: TorrentAction, deleteFiles = false): Promise<void> {
    const key = torrentKey(torrent);
    this._busy = new Set([...this._busy, key]);
    try {
      await this.api.torrentAction({
        action,
        hashes: [torrent.hash],
        instance: torrent.instance,
        ...(action === "remove" ? { delete_files: deleteFiles } : {}),
      });
      if (action === "remove") {
        toast(this, {
          kind: "success",
          message: deleteFiles ? `Removed ${torrent.name} and its files` : `Removed ${torrent.name}`,
        });
      }
    } catch (error) {
      toast(this, { kind: "error", message: `Could not ${action} ${torrent.name}: ${errorMessage(error)}` });
    } finally {
      const busy = new Set(this._busy);
      busy.delete(key);
      this._busy = busy;
    }
  }

  private askRemove(torrent: Torrent): void {
    this._deleteFiles = false;
    this._confirm = torrent;
  }

  private confirmRemove(): void {
    const torrent = this._confirm;
    this._confirm = null;
    if (torrent) void this.act(torrent, "remove", this._deleteFiles);
  }

  // --- rendering ------------------------------------------------------------------------------

  protected override render() {
    if (this.info && !this.qbittorrents.length) {
      return html`${missingServiceState({
        iconPath: mdiTrayArrowDown,
        title: "Add qBittorrent to see your downloads",
        why: "Downloads lists every torrent of your qBittorrent servers live, with their progress, and lets administrators pause, resume or remove them.",
        service: "qBittorrent",
        admin: this.admin,
      })}
        <div class="history"><pandora-panel-history .api=${this.api}></pandora-panel-history></div>`;
    }
    return html`
      ${this.renderList()}
      <div class="history">
        <pandora-panel-history .api=${this.api} ?showInstance=${this.showInstance}></pandora-panel-history>
      </div>
      ${this._confirm ? this.renderConfirm(this._confirm) : nothing}
    `;
  }

  private get showInstance(): boolean {
    return this.qbittorrents.length > 1 || this.list.instances > 1;
  }

  private renderList(): TemplateResult {
    if (this._error) {
      return errorState("Could not load the torrents", this._error, () => this.retry());
    }
    const state = this._state;
    if (!state.loaded) {
      return html`<ul class="torrents" aria-busy="true" aria-label="Loading torrents">
        ${[0, 1, 2].map(torrentSkeleton)}
      </ul>`;
    }
    const list = this.list;
    const { counts, shown } = list;
    const language = this.api.language;
    const showInstance = this.showInstance;
    const row = (t: Torrent) => {
      const busy = this._busy.has(torrentKey(t));
      return html`${guard([t, busy, this.admin, showInstance, language], () =>
        torrentRow(t, {
          admin: this.admin,
          showInstance,
          busy,
          language,
          onPause: this.onPause,
          onResume: this.onResume,
          onRemove: this.onRemove,
        }),
      )}`;
    };
    return html`
      ${state.unavailable.map((id) => {
        const title = this.qbittorrents.find((q) => q.id === id)?.title ?? id;
        return html`<p class="banner" role="status">
          ${icon(mdiAlertCircleOutline)}
          <span>${title} is not answering; its torrents may be out of date.</span>
        </p>`;
      })}
      ${Object.entries(state.notices).flatMap(([id, notices]) => {
        const title = this.qbittorrents.find((q) => q.id === id)?.title ?? state.instances[id] ?? id;
        return holdBanners(title, notices, language).map(
          (text) => html`<p class="banner held" role="status">${icon(mdiShieldAlertOutline)}<span>${text}</span></p>`,
        );
      })}
      <div class="toolbar">
        <p class="summary">
          <span>${list.total} torrent${list.total === 1 ? "" : "s"}</span>
          <span class="speed"
            >${icon(mdiArrowDown)}<span class="visually-hidden">Total download speed</span
            >${formatSpeed(list.down, language)}</span
          >
          <span class="speed"
            >${icon(mdiArrowUp)}<span class="visually-hidden">Total upload speed</span
            >${formatSpeed(list.up, language)}</span
          >
        </p>
        <label class="sort">
          <span>Sort</span>
          <select
            .value=${this._sort}
            @change=${(e: Event) => this.choose({ sort: (e.target as HTMLSelectElement).value as Sort })}
          >
            ${SORTS.map(
              ([value, label]) => html`<option value=${value} ?selected=${value === this._sort}>${label}</option>`,
            )}
          </select>
        </label>
      </div>
      <div class="filters chips" role="group" aria-label="Filter torrents">
        ${FILTERS.map(
          ([filter, label]) => html`<button
            class="filter"
            aria-pressed=${this._filter === filter ? "true" : "false"}
            data-filter=${filter}
            @click=${() => this.choose({ filter })}
          >
            ${label} <span class="count">${counts[filter]}</span>
          </button>`,
        )}
      </div>
      <label class="search">
        <span class="visually-hidden">Search torrents</span>
        <input
          type="search"
          placeholder="Search torrents"
          .value=${this._query}
          @input=${(e: Event) => (this._query = (e.target as HTMLInputElement).value)}
        />
      </label>
      ${shown.length > VIRTUALIZE_FROM
        ? html`<ul class="torrents virtual" aria-label="Torrents">
            ${virtualize({ items: shown as Torrent[], keyFunction: torrentKey, renderItem: row })}
          </ul>`
        : shown.length
          ? html`<ul class="torrents" aria-label="Torrents">${repeat(shown, torrentKey, row)}</ul>`
          : list.total
            ? html`<p class="muted none">
                ${list.query ? "No torrents match this search." : "No torrents match this filter."}
              </p>`
          : emptyState(
              mdiTrayArrowDown,
              "No torrents yet",
              "Find a movie or a show in Discover and download it, or add torrents in qBittorrent.",
              html`<button class="btn" @click=${() => navigate(this, { tab: "discover" })}>
                ${icon(mdiCompassOutline)} Go to Discover
              </button>`,
            )}
    `;
  }

  private renderConfirm(torrent: Torrent): TemplateResult {
    return html`<pandora-confirm
      .narrow=${this.narrow}
      label="Remove torrent"
      heading="Remove this torrent?"
      subject=${torrent.name}
      confirm-label=${this._deleteFiles ? "Remove and delete files" : "Remove"}
      danger
      @confirm=${this.confirmRemove}
      @cancel=${() => (this._confirm = null)}
    >
      <label class="check">
        <input
          type="checkbox"
          .checked=${this._deleteFiles}
          @change=${(e: Event) => (this._deleteFiles = (e.target as HTMLInputElement).checked)}
        />
        <span>Also delete the downloaded files</span>
      </label>
    </pandora-confirm>`;
  }

  static override styles = downloadsStyles;
}

define("pandora-panel-downloads", PandoraDownloads);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-downloads": PandoraDownloads;
  }
}
