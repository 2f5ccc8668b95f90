/**
 * `pandora-panel`: Pandora's sidebar panel. Home Assistant sets `hass`, `narrow`, `route` and
 * `panel` on every change. What it shows follows the URL (the scheme: view-url.ts): the tab, the
 * folder in Files, the open title in Discover, the open request in Requests, and each tab's
 * filters. It changes the URL the way Home Assistant navigates (history.pushState +
 * `location-changed`): a new history entry for each place, the entry replaced for filters.
 */
import { LitElement, html, nothing, type PropertyValues } from "lit";
import { PandoraApi } from "../data/api";
import { define } from "../components/define";
import { startEarly, type EarlyGlobal } from "./early";
import "../tabs/containers/pandora-panel-containers";
import "../tabs/discover/pandora-panel-discover";
import "../tabs/downloads/pandora-panel-downloads";
import "../tabs/files/pandora-panel-files";
import {
  icon,
  mdiAlertCircleOutline,
  mdiBookshelf,
  mdiClose,
  mdiCompassOutline,
  mdiDocker,
  mdiFolderOutline,
  mdiMenu,
  mdiMovieOpenOutline,
  mdiPlaylistPlus,
  mdiRefresh,
  mdiTrayArrowDown,
} from "../components/icons";
import "../tabs/library/pandora-panel-library";
import "../tabs/requests/pandora-panel-requests";
import { navigateTo } from "./navigation";
import { SHEET_OPEN_EVENT, type SheetOpenDetail } from "../components/pandora-panel-sheet";
import { emptyState, errorState, type NavigateDetail, type ToastDetail } from "../components/states";
import type { Hass, Info, PanelInfo, Route } from "../data/types";
import { parseView, sameView, viewUrl, type Tab, type View } from "../data/view-url";
import { panelStyles } from "./pandora-panel-styles";

export const TABS: { id: Tab; label: string; icon: string }[] = [
  { id: "discover", label: "Discover", icon: mdiCompassOutline },
  { id: "requests", label: "Requests", icon: mdiPlaylistPlus },
  { id: "downloads", label: "Downloads", icon: mdiTrayArrowDown },
  { id: "files", label: "Files", icon: mdiFolderOutline },
  { id: "library", label: "Library", icon: mdiBookshelf },
  { id: "containers", label: "Containers", icon: mdiDocker },
];

/** Where a new history entry came from (its `history.state`), so closing can go back to it. */
const FROM_KEY = "pandoraFrom";

const TOAST_MS = 6000;
/** A toast held back by a sheet stays at least this long once the sheet closes. */
const TOAST_AFTER_SHEET_MS = 3000;

// Loaded before Home Assistant creates the panel (preload.ts): ask for Discover's data now.
if (typeof window !== "undefined") startEarly(location.pathname, window as unknown as EarlyGlobal);

export class PandoraPanel extends LitElement {
  static override get properties() {
    return {
      narrow: { type: Boolean, reflect: true },
      route: { attribute: false },
      panel: { attribute: false },
      _view: { state: true },
      _info: { state: true },
      _infoError: { state: true },
      _menuHidden: { state: true },
      _admin: { state: true },
      _toast: { state: true },
      _sheetOpen: { state: true },
    };
  }

  declare narrow: boolean;
  declare route: Route | undefined;
  declare panel: PanelInfo | undefined;
  /** What the URL says to show. */
  declare _view: View;
  declare _info: Info | null;
  declare _infoError: unknown;
  declare _menuHidden: boolean;
  declare _admin: boolean;
  declare _toast: (ToastDetail & { id: number }) | null;
  /** A sheet (`pandora-panel-sheet`) is open in a tab: toasts wait, hidden, until it closes. */
  declare _sheetOpen: boolean;
  private readonly api = new PandoraApi();
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  /** How long the current toast still shows, and since when its timer runs. */
  private toastLeft = 0;
  private toastSince = 0;
  private toastId = 0;
  private readonly openSheets = new Set<SheetOpenDetail>();
  private focusTabOnUpdate = false;
  private readonly onPopState = () => this.followLocation();

  constructor() {
    super();
    this.narrow = false;
    this._view = { tab: "discover" };
    this._info = null;
    this._infoError = null;
    this._menuHidden = false;
    this._admin = false;
    this._toast = null;
    this._sheetOpen = false;
    // A `hass` set before this element was upgraded would shadow the accessor: re-apply it.
    if (Object.prototype.hasOwnProperty.call(this, "hass")) {
      const early = (this as { hass?: Hass }).hass;
      delete (this as { hass?: Hass }).hass;
      this.hass = early;
    }
    this.addEventListener("pandora-toast", (e) => this.showToast((e as CustomEvent<ToastDetail>).detail));
    this.addEventListener(SHEET_OPEN_EVENT, (e) => this.sheetOpened((e as CustomEvent<SheetOpenDetail>).detail));
    this.addEventListener("pandora-navigate", (e) => {
      const { tab, path, view, replace, back } = (e as CustomEvent<NavigateDetail>).detail;
      if (view) {
        const next = view.tab && view.tab !== this.tab ? { ...view, tab: view.tab } : { ...this._view, ...view };
        this.go(next, back ? "back" : replace ? "replace" : "push");
      } else if (tab) this.selectTab(tab, replace);
      else if (path) navigateTo(path, replace);
    });
  }

  /**
   * Home Assistant sets a new `hass` on every state change anywhere: keep it out of the
   * reactive properties so the panel only re-renders when something it shows changes.
   */
  set hass(hass: Hass | undefined) {
    const first = !this.api.hass && hass;
    this.api.hass = hass;
    if (!hass) return;
    this._menuHidden = hass.dockedSidebar === "always_hidden";
    if (!this._info) this._admin = Boolean(hass.user?.is_admin);
    if (first) void this.loadInfo();
  }

  get hass(): Hass | undefined {
    return this.api.hass;
  }

  private async loadInfo(): Promise<void> {
    try {
      const info = await this.api.info();
      this._info = info;
      this._admin = info.admin;
      this._infoError = null;
    } catch (error) {
      this._infoError = error;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Home Assistant keeps the panel element while the user visits other pages: services may
    // have been added meanwhile, so ask again (what is shown stays until the answer arrives).
    if (this.api.hass && (this._info || this._infoError)) void this.loadInfo();
    this.startToastTimer();
    window.addEventListener("popstate", this.onPopState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pauseToastTimer();
    window.removeEventListener("popstate", this.onPopState);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("route")) {
      // The route is the path only: the filters come from the query, when it is this route's.
      const search = location.pathname === `${this.urlPrefix}${this.route?.path ?? ""}` ? location.search : "";
      this.show(parseView(this.route?.path, search));
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.focusTabOnUpdate) {
      this.focusTabOnUpdate = false;
      this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus();
    }
    const before = changed.get("_view") as View | undefined;
    if (before && before.tab !== this.tab) this.renderRoot.querySelector("main")?.scrollTo?.({ top: 0 });
  }

  get tab(): Tab {
    return this._view.tab;
  }

  private get urlPrefix(): string {
    return this.route?.prefix ?? `/${this.panel?.url_path ?? "pandora"}`;
  }

  /** Show `view` (a new object only when it shows something else, so tabs see no false changes). */
  private show(view: View): void {
    if (!sameView(view, this._view)) this._view = view;
  }

  /**
   * Back or forward between entries whose path is the same (only the query differs) gives Home
   * Assistant no new route: read the location here too.
   */
  private followLocation(): void {
    const prefix = this.urlPrefix;
    const path = location.pathname;
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return;
    this.show(parseView(path.slice(prefix.length), location.search));
  }

  /**
   * Show `view` and put it in the URL: `push` a history entry for a place, `replace` it for a
   * filter; `back` returns from a place opened from the previous entry with history.back() when
   * that entry is this view (as Home Assistant closes its more-info dialog), so Close and the
   * browser's back leave the same history; otherwise it replaces.
   */
  private go(view: View, mode: "push" | "replace" | "back" = "push"): void {
    const url = viewUrl(this.urlPrefix, view);
    const here = `${location.pathname}${location.search}`;
    this.show(view);
    if (url === here) return;
    if (mode === "back" && (history.state as Record<string, unknown> | null)?.[FROM_KEY] === url) {
      history.back();
      return;
    }
    navigateTo(url, mode !== "push", mode === "push" ? { [FROM_KEY]: here } : null);
  }

  /**
   * Show a tab's root. From a place in the same tab (a folder, a title) it goes up to the tab's
   * root and keeps the tab's filters; the tab already shown at its root stays as it is.
   */
  selectTab(tab: Tab, replace = false): void {
    if (tab !== this.tab) {
      this.go({ tab }, replace ? "replace" : "push");
      return;
    }
    const { title: _title, request: _request, folder: _folder, ...root } = this._view;
    if (!sameView(root, this._view)) this.go(root, replace ? "replace" : "push");
  }

  private onTabKey(event: KeyboardEvent): void {
    const index = TABS.findIndex((t) => t.id === this.tab);
    let next: number;
    switch (event.key) {
      case "ArrowRight":
        next = (index + 1) % TABS.length;
        break;
      case "ArrowLeft":
        next = (index - 1 + TABS.length) % TABS.length;
        break;
      case "Home":
        next = 0;
        break;
      case "End":
        next = TABS.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.focusTabOnUpdate = true;
    this.selectTab(TABS[next]!.id);
    this.requestUpdate();
  }

  private toggleMenu(): void {
    this.dispatchEvent(
      new CustomEvent("hass-toggle-menu", { detail: {}, bubbles: true, composed: true }),
    );
  }

  private showToast(detail: ToastDetail): void {
    this._toast = { ...detail, id: ++this.toastId };
    this.toastLeft = detail.action ? TOAST_MS * 1.5 : TOAST_MS;
    this.startToastTimer();
  }

  /** Count down the toast's time, unless a sheet holds it back. */
  private startToastTimer(): void {
    clearTimeout(this.toastTimer);
    this.toastTimer = undefined;
    if (!this._toast || this.openSheets.size || !this.isConnected) return;
    this.toastSince = Date.now();
    this.toastTimer = setTimeout(() => {
      this.toastTimer = undefined;
      this._toast = null;
    }, this.toastLeft);
  }

  private pauseToastTimer(): void {
    if (this.toastTimer === undefined) return;
    clearTimeout(this.toastTimer);
    this.toastTimer = undefined;
    this.toastLeft -= Date.now() - this.toastSince;
  }

  /**
   * A sheet opened: a toast would cover its content and buttons (bottom sheets on phones), so
   * the toast is hidden and its time stops until the last sheet closes; one raised meanwhile
   * waits too (the live region announces it when it shows).
   */
  private sheetOpened(detail: SheetOpenDetail | undefined): void {
    if (!detail?.closed || this.openSheets.has(detail)) return;
    this.pauseToastTimer();
    this.openSheets.add(detail);
    this._sheetOpen = true;
    void detail.closed.then(() => {
      this.openSheets.delete(detail);
      if (this.openSheets.size) return;
      this._sheetOpen = false;
      this.toastLeft = Math.max(this.toastLeft, TOAST_AFTER_SHEET_MS);
      this.startToastTimer();
    });
  }

  protected override render() {
    const title = this.panel?.title || "Pandora";
    const showMenu = this.narrow || this._menuHidden;
    return html`
      <header class="app-bar">
        <div class="bar-row">
          ${showMenu
            ? html`<button class="icon-btn menu" aria-label="Open the sidebar" @click=${this.toggleMenu}>
                ${icon(mdiMenu)}
              </button>`
            : nothing}
          <h1>${title}</h1>
        </div>
        <div class="tabs" role="tablist" aria-label="${title} sections" @keydown=${this.onTabKey}>
          ${TABS.map(
            (tab) => html`<button
              id="tab-${tab.id}"
              class="tab"
              role="tab"
              aria-selected=${this.tab === tab.id ? "true" : "false"}
              aria-controls=${this.tab === tab.id ? `panel-${tab.id}` : nothing}
              tabindex=${this.tab === tab.id ? "0" : "-1"}
              @click=${() => this.selectTab(tab.id)}
            >
              ${icon(tab.icon)}<span>${tab.label}</span>
            </button>`,
          )}
        </div>
      </header>
      <main id="panel-${this.tab}" role="tabpanel" aria-labelledby="tab-${this.tab}">
        ${this.renderTab()}
      </main>
      <div class="toast-region" role="status" aria-live="polite">
        ${this._toast && !this._sheetOpen
          ? html`<div class="toast ${this._toast.kind ?? "info"}">
              <span class="toast-message">${this._toast.message}</span>
              ${this._toast.action && this._toast.action.tab !== this.tab
                ? html`<button
                    class="btn text"
                    @click=${() => {
                      const tab = this._toast?.action?.tab as Tab;
                      this._toast = null;
                      this.focusTabOnUpdate = true;
                      this.selectTab(tab);
                    }}
                  >
                    ${this._toast.action.label}
                  </button>`
                : nothing}
              <button class="icon-btn" aria-label="Dismiss" @click=${() => (this._toast = null)}>
                ${icon(mdiClose)}
              </button>
            </div>`
          : nothing}
      </div>
    `;
  }

  private renderTab() {
    if (this._infoError) {
      return html`${errorState("Pandora is not available", this._infoError, () => void this.loadInfo())}
        <p class="hint">
          Check that the Pandora integration is set up and loaded in Settings → Devices &amp;
          services.
        </p>`;
    }
    if (this._info?.loaded === false) {
      return emptyState(
        mdiAlertCircleOutline,
        "Pandora is not loaded",
        html`Pandora's integration is not running. Check it in
          <span class="path">Settings → Devices &amp; services → Pandora</span>, then try again.`,
        html`<button class="btn" @click=${() => void this.loadInfo()}>
          ${icon(mdiRefresh)} Try again
        </button>`,
      );
    }
    if (!this.hass) {
      return html`<div class="state">${icon(mdiMovieOpenOutline)}<p>Connecting…</p></div>`;
    }
    const props = { api: this.api, info: this._info, admin: this._admin, narrow: this.narrow };
    const view = this._view;
    switch (this.tab) {
      case "requests":
        return html`<pandora-panel-requests
          .api=${props.api}
          .info=${props.info}
          .openRequest=${view.request ?? null}
          .filter=${view.filter ?? null}
          ?admin=${props.admin}
          ?narrow=${props.narrow}
        ></pandora-panel-requests>`;
      case "downloads":
        return html`<pandora-panel-downloads
          .api=${props.api}
          .info=${props.info}
          .filter=${view.filter ?? null}
          .sort=${view.sort ?? null}
          ?admin=${props.admin}
          ?narrow=${props.narrow}
        ></pandora-panel-downloads>`;
      case "files":
        return html`<pandora-panel-files
          .api=${props.api}
          .info=${props.info}
          .folder=${view.folder ?? "/"}
          .shareId=${view.share ?? null}
          ?admin=${props.admin}
          ?narrow=${props.narrow}
        ></pandora-panel-files>`;
      case "library":
        return html`<pandora-panel-library
          .api=${props.api}
          .info=${props.info}
          ?admin=${props.admin}
          ?narrow=${props.narrow}
        ></pandora-panel-library>`;
      case "containers":
        return html`<pandora-panel-containers
          .api=${props.api}
          .info=${props.info}
          ?admin=${props.admin}
          ?narrow=${props.narrow}
        ></pandora-panel-containers>`;
      default:
        return html`<pandora-panel-discover
          .api=${props.api}
          .info=${props.info}
          .openTitle=${view.title ?? null}
          .search=${view.q ?? ""}
          ?admin=${props.admin}
          ?narrow=${props.narrow}
        ></pandora-panel-discover>`;
    }
  }

  static override styles = panelStyles;
}

define("pandora-panel", PandoraPanel);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel": PandoraPanel;
  }
}
