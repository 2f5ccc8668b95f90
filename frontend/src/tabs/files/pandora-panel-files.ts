/**
 * `pandora-panel-files`: a Cloud Commander share (`pandora/files/list`): breadcrumbs, folders,
 * the pinned download folders, and for administrators multi-select, "Move to Movies / TV
 * Shows" (`pandora/files/move`) with an optional folder name and a library scan afterwards, and
 * "Delete" (`pandora/files/delete`) after a confirmation. The download and library folders are
 * the selected share's, from `pandora/info` (the integration's defaults with older backends).
 * In the panel the URL names the folder and share (`folder`, `shareId`; view-url.ts): opening a
 * folder adds a history entry, so the browser's back goes up again.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { errorMessage, type PandoraApi } from "../../data/api";
import "../../components/pandora-confirm";
import "../../components/pandora-switch";
import type { PandoraSwitch } from "../../components/pandora-switch";
import { define } from "../../components/define";
import { fileRow, fileRowStyles, fileSkeleton } from "../../components/file-row";
import { breadcrumbs, folderNameFrom, folderNameProblem, normalizePath, pinnedFolders, samePath, shareFolders, sortEntries, type PinnedFolder, deleteMessage, deleteQuestion, destinations, emptyFolderText, moveMessage } from "../../data/files";
import { icon, mdiAlertCircleOutline, mdiChevronRight, mdiClose, mdiDeleteOutline, mdiFolderOutline, mdiHomeOutline, mdiRefresh } from "../../components/icons";
import "../../components/pandora-panel-sheet";
import { emptyState, errorState, missingServiceState, navigate, toast } from "../../components/states";
import { forms, shared, surfaces } from "../../styles/shared";
import type { FileEntry, FileListing, Info, MoveDestination, ShareFolders } from "../../data/types";

/** Crumbs with names up to this long ("Movies", "TV Shows", "Season 01") are never cut. */
export const SHORT_CRUMB = 16;

/**
 * Rows drawn at first, and added each time the end of the list comes into view: a folder of
 * 5,000 entries would otherwise be 5,000 rows (tens of thousands of nodes) drawn at once.
 * Selection, select-all and Shift+click ranges work on every entry, drawn or not.
 */
export const ROWS_PER_STEP = 200;

type Listing =
  | { status: "loading"; path: string }
  | { status: "ready"; path: string; files: FileEntry[] }
  | { status: "error"; path: string; error: unknown };

interface DeleteDraft {
  entries: FileEntry[];
  busy: boolean;
  error: unknown;
}

interface MoveDraft {
  destination: MoveDestination;
  entries: FileEntry[];
  folder: string;
  scanAfter: boolean;
  busy: boolean;
  error: unknown;
}

/** Focus a row's checkbox (when a checkbox had the focus) or its name. */
function focusRow(row: HTMLElement | undefined, checkbox: boolean): void {
  const target =
    (checkbox && row?.querySelector<HTMLElement>("input")) ||
    row?.querySelector<HTMLElement>("button.file-name") ||
    row?.querySelector<HTMLElement>("input");
  target?.focus();
}

export class PandoraFiles extends LitElement {
  static override get properties() {
    return {
      api: { attribute: false },
      info: { attribute: false },
      admin: { type: Boolean },
      narrow: { type: Boolean },
      folder: { attribute: false },
      shareId: { attribute: false },
      _share: { state: true },
      _listing: { state: true },
      _selected: { state: true },
      _move: { state: true },
      _delete: { state: true },
      _shown: { state: true },
    };
  }

  declare api: PandoraApi;
  declare info: Info | null;
  declare admin: boolean;
  declare narrow: boolean;
  /** The folder the URL names; null outside the panel (the element then keeps its own). */
  declare folder: string | null;
  /** The share the URL names; null: the first. */
  declare shareId: string | null;
  declare _share: string | null;
  declare _listing: Listing;
  declare _selected: ReadonlySet<string>;
  declare _move: MoveDraft | null;
  declare _delete: DeleteDraft | null;
  /** How many rows of the listing are drawn. */
  declare _shown: number;
  private requestId = 0;
  private moreObserver: IntersectionObserver | null = null;
  /** The last row toggled, for Shift+click ranges. */
  private anchor: string | null = null;

  constructor() {
    super();
    this.info = null;
    this.admin = false;
    this.narrow = false;
    this.folder = null;
    this.shareId = null;
    this._share = null;
    this._listing = { status: "loading", path: "/" };
    this._selected = new Set();
    this._move = null;
    this._delete = null;
    this._shown = ROWS_PER_STEP;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.moreObserver?.disconnect();
    this.moreObserver = null;
  }

  private showMore(): void {
    if (this._listing.status === "ready" && this._shown < this._listing.files.length) {
      this._shown += ROWS_PER_STEP;
    }
  }

  private get shares() {
    return this.info?.services.cloudcmd ?? [];
  }

  private get share() {
    return this.shares.find((s) => s.id === this._share);
  }

  private get shareTitle(): string {
    return this.share?.title ?? "Share";
  }

  /** The selected share's folders (the defaults until it is known, or from older backends). */
  private get folders(): ShareFolders {
    return shareFolders(this.share);
  }

  private get pinned(): PinnedFolder[] {
    return pinnedFolders(this.folders);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const linked = changed.has("folder") || changed.has("shareId");
    if (!(linked || changed.has("info") || changed.has("api")) || !this.api || !this.shares.length) return;
    const known = (id: string | null) => this.shares.some((s) => s.id === id);
    const share =
      changed.has("shareId") || !known(this._share)
        ? known(this.shareId)
          ? this.shareId!
          : this.shares[0]!.id
        : this._share!;
    const folder = normalizePath(this.folder ?? this._listing.path);
    if (share !== this._share) {
      this._share = share;
      this._selected = new Set();
      this.anchor = null;
      void this.open(folder);
    } else if (linked && folder !== this._listing.path) {
      void this.open(folder);
    } else if (this._listing.status === "ready") {
      // The share's folders may have changed: pinned folders first again.
      this._listing = { ...this._listing, files: sortEntries(this._listing.files, this.pinned) };
    }
  }

  /** Show a folder (clears the selection). */
  async open(path: string): Promise<void> {
    const target = normalizePath(path);
    const id = ++this.requestId;
    const share = this._share ?? undefined;
    if (target !== this._listing.path) {
      this._selected = new Set();
      this.anchor = null;
    }
    this._listing = { status: "loading", path: target };
    this._shown = ROWS_PER_STEP;
    try {
      const listing: FileListing = await this.api.listFiles(target, share);
      if (id !== this.requestId) return;
      this._listing = { status: "ready", path: target, files: sortEntries(listing.files, this.pinned) };
      // Keep only what is still there.
      const paths = new Set(listing.files.map((f) => f.path));
      this._selected = new Set([...this._selected].filter((p) => paths.has(p)));
    } catch (error) {
      if (id === this.requestId) this._listing = { status: "error", path: target, error };
    }
  }

  /** Open a folder the user chose: a history entry in the panel. */
  private browse(path: string): void {
    const target = normalizePath(path);
    if (target !== this._listing.path) navigate(this, { view: { folder: target } });
    void this.open(target);
  }

  private changeShare(id: string): void {
    this._share = id;
    this._selected = new Set();
    this.anchor = null;
    // The first share is the default: its links stay short and survive adding another.
    navigate(this, { view: { share: id === this.shares[0]?.id ? undefined : id, folder: undefined } });
    void this.open("/");
  }

  // --- selection ------------------------------------------------------------------------------

  private get entries(): FileEntry[] {
    return this._listing.status === "ready" ? this._listing.files : [];
  }

  private toggle(entry: FileEntry, event: MouseEvent): void {
    const checked = (event.currentTarget as HTMLInputElement).checked;
    const next = new Set(this._selected);
    const entries = this.entries;
    const from = this.anchor ? entries.findIndex((e) => e.path === this.anchor) : -1;
    const to = entries.findIndex((e) => e.path === entry.path);
    if (event.shiftKey && from >= 0 && to >= 0) {
      const [start, end] = from < to ? [from, to] : [to, from];
      for (const e of entries.slice(start, end + 1)) {
        if (checked) next.add(e.path);
        else next.delete(e.path);
      }
    } else if (checked) next.add(entry.path);
    else next.delete(entry.path);
    this.anchor = entry.path;
    this._selected = next;
  }

  private selectAll(checked: boolean): void {
    this._selected = checked ? new Set(this.entries.map((e) => e.path)) : new Set();
  }

  private clearSelection(): void {
    this._selected = new Set();
    this.anchor = null;
  }

  /** Up/Down move between rows (same column), Escape clears, Ctrl/Cmd+A selects all. */
  private onListKey(event: KeyboardEvent): void {
    if (event.key === "Escape" && this._selected.size) {
      event.stopPropagation();
      this.clearSelection();
      return;
    }
    if (this.admin && (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "a") {
      event.preventDefault();
      this.selectAll(true);
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    const row = active?.closest("li.file");
    if (!row) return;
    const rows = [...this.renderRoot.querySelectorAll<HTMLElement>("ul.files > li.file")];
    const at = rows.indexOf(row as HTMLElement) + (event.key === "ArrowDown" ? 1 : -1);
    const checkbox = active instanceof HTMLInputElement;
    if (at === rows.length && this._listing.status === "ready" && at < this._listing.files.length) {
      // Past the last drawn row: draw the next ones, then go on into them.
      event.preventDefault();
      this.showMore();
      void this.updateComplete.then(() => {
        const drawn = this.renderRoot.querySelectorAll<HTMLElement>("ul.files > li.file");
        focusRow(drawn[at], checkbox);
      });
      return;
    }
    const next = rows[at];
    if (!next) return;
    event.preventDefault();
    focusRow(next, checkbox);
  }

  // --- moving ---------------------------------------------------------------------------------

  private startMove(destination: MoveDestination): void {
    const entries = this.entries.filter((e) => this._selected.has(e.path));
    if (!entries.length) return;
    const first = entries[0]!;
    this._move = {
      destination,
      entries,
      folder: folderNameFrom(first.name, first.type === "file"),
      scanAfter: true,
      busy: false,
      error: null,
    };
  }

  private async submitMove(event: Event): Promise<void> {
    event.preventDefault();
    const draft = this._move;
    if (!draft || draft.busy || folderNameProblem(draft.folder)) return;
    this._move = { ...draft, busy: true, error: null };
    const folder = draft.folder.trim();
    try {
      const result = await this.api.moveFiles({
        paths: draft.entries.map((e) => e.path),
        destination: draft.destination,
        ...(folder ? { folder } : {}),
        scan_after: draft.scanAfter,
        ...(this._share ? { instance: this._share } : {}),
      });
      this._move = null;
      this.clearSelection();
      toast(this, { kind: "success", message: moveMessage(result) });
      void this.open(this._listing.path);
    } catch (error) {
      if (this._move) this._move = { ...this._move, busy: false, error };
    }
  }

  // --- deleting -------------------------------------------------------------------------------

  private startDelete(): void {
    const entries = this.entries.filter((e) => this._selected.has(e.path));
    if (entries.length) this._delete = { entries, busy: false, error: null };
  }

  private cancelDelete(): void {
    if (!this._delete?.busy) this._delete = null;
  }

  private async confirmDelete(): Promise<void> {
    const draft = this._delete;
    if (!draft || draft.busy) return;
    this._delete = { ...draft, busy: true, error: null };
    try {
      await this.api.deleteFiles(
        draft.entries.map((e) => e.path),
        this._share ?? undefined,
      );
      this._delete = null;
      this.clearSelection();
      toast(this, { kind: "success", message: deleteMessage(draft.entries) });
      void this.open(this._listing.path);
    } catch (error) {
      if (this._delete) this._delete = { ...this._delete, busy: false, error };
    }
  }

  // --- rendering ------------------------------------------------------------------------------

  protected override render() {
    if (this.info && !this.shares.length) {
      return missingServiceState({
        iconPath: mdiFolderOutline,
        title: "Add Cloud Commander to manage your files",
        why: "Files shows your download share through Cloud Commander and lets administrators move finished downloads into the Movies and TV Shows folders, then scan Jellyfin.",
        service: "Cloud Commander",
        admin: this.admin,
      });
    }
    if (!this.info) {
      return html`<ul class="files surface" aria-busy="true" aria-label="Loading files">
        ${[0, 1, 2].map(fileSkeleton)}
      </ul>`;
    }
    const path = this._listing.path;
    return html`
      <div class="top">
        ${this.shares.length > 1
          ? html`<label class="field share">
              <span>Share</span>
              <select
                .value=${this._share ?? ""}
                @change=${(e: Event) => this.changeShare((e.target as HTMLSelectElement).value)}
              >
                ${this.shares.map(
                  (s) => html`<option value=${s.id} ?selected=${s.id === this._share}>${s.title}</option>`,
                )}
              </select>
            </label>`
          : nothing}
        <div class="pins chips" role="group" aria-label="Pinned folders">
          ${this.pinned.map(
            (pin) => html`<button
              class="pin-btn"
              title=${pin.path}
              aria-current=${samePath(path, pin.path) ? "true" : "false"}
              @click=${() => this.browse(pin.path)}
            >
              ${icon(pin.icon)}<span>${pin.label}</span>
            </button>`,
          )}
        </div>
      </div>
      <div class="bar">
        ${this.renderCrumbs(path)}
        <button
          class="icon-btn"
          aria-label="Refresh"
          title="Refresh"
          ?disabled=${this._listing.status === "loading"}
          @click=${() => void this.open(path)}
        >
          ${icon(mdiRefresh)}
        </button>
      </div>
      ${this.renderListing()} ${this.admin ? this.renderActions() : nothing}
      ${this._move ? this.renderMove(this._move) : nothing}
      ${this._delete && this.admin ? this.renderDelete(this._delete) : nothing}
    `;
  }

  /**
   * The folder path. When it is too long, long names give way (ellipsis, full name in their
   * tooltip) and short ones such as "Movies" stay whole; in a narrow bar the share's root shows
   * only its home icon (the share's title stays its accessible name and tooltip).
   */
  private renderCrumbs(path: string): TemplateResult {
    const crumbs = breadcrumbs(path, this.shareTitle);
    return html`<nav class="crumbs" aria-label="Folder path">
      <ol>
        ${crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1;
          const size = index === 0 ? "root" : crumb.name.length <= SHORT_CRUMB ? "short" : "long";
          const kind = `${size}${last ? " current" : ""}`;
          const label = html`${index === 0 ? icon(mdiHomeOutline) : nothing}<span class="crumb-name"
              >${crumb.name}</span
            >`;
          return html`<li class=${kind}>
            ${index ? html`<span class="sep" aria-hidden="true">${icon(mdiChevronRight)}</span>` : nothing}
            ${last
              ? html`<span class="crumb current" aria-current="location" title=${crumb.name}>${label}</span>`
              : html`<button class="crumb" title=${crumb.name} @click=${() => this.browse(crumb.path)}>
                  ${label}
                </button>`}
          </li>`;
        })}
      </ol>
    </nav>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Deep paths that still overflow scroll so the current folder (the end) is in view.
    if (changed.has("_listing")) {
      const nav = this.renderRoot.querySelector<HTMLElement>("nav.crumbs");
      if (nav && nav.scrollWidth > nav.clientWidth) nav.scrollLeft = nav.scrollWidth;
    }
    // Draw more rows as soon as the end of the drawn ones scrolls into view.
    this.moreObserver?.disconnect();
    const more = this.renderRoot.querySelector<HTMLElement>("li.more");
    if (!more || typeof IntersectionObserver === "undefined") return;
    this.moreObserver ??= new IntersectionObserver((seen) => {
      if (seen.some((entry) => entry.isIntersecting)) this.showMore();
    });
    this.moreObserver.observe(more);
  }

  private renderListing(): TemplateResult {
    const listing = this._listing;
    if (listing.status === "loading") {
      return html`<ul class="files surface" aria-busy="true" aria-label="Loading ${listing.path}">
        ${[0, 1, 2, 3].map(fileSkeleton)}
      </ul>`;
    }
    if (listing.status === "error") {
      return errorState(`Could not open ${listing.path}`, listing.error, () => void this.open(listing.path));
    }
    if (!listing.files.length) {
      return emptyState(mdiFolderOutline, "This folder is empty", emptyFolderText(listing.path, this.folders));
    }
    const all = listing.files.length;
    const count = this._selected.size;
    const language = this.api.language;
    const pinned = this.pinned;
    return html`
      ${this.admin
        ? html`<div class="select-bar">
            <label class="check">
              <input
                type="checkbox"
                .checked=${count === all}
                .indeterminate=${count > 0 && count < all}
                @change=${(e: Event) => this.selectAll((e.target as HTMLInputElement).checked)}
              />
              <span>Select all</span>
            </label>
            <span class="muted count" aria-live="polite">${count ? `${count} of ${all} selected` : `${all} item${all === 1 ? "" : "s"}`}</span>
          </div>`
        : html`<p class="muted count">${all} item${all === 1 ? "" : "s"}</p>`}
      <ul class="files surface" aria-label="Files in ${listing.path}" @keydown=${this.onListKey}>
        ${repeat(
          listing.files.slice(0, this._shown),
          (entry) => entry.path,
          (entry) =>
            fileRow(entry, {
              language,
              selectable: this.admin,
              selected: this._selected.has(entry.path),
              pinned,
              onToggle: (e, event) => this.toggle(e, event),
              onOpen: (e) => this.browse(e.path),
            }),
        )}
        ${all > this._shown
          ? html`<li class="more">
              <button class="btn text" @click=${() => this.showMore()}>
                Show ${Math.min(ROWS_PER_STEP, all - this._shown)} more (${all - this._shown} not shown)
              </button>
            </li>`
          : nothing}
      </ul>
    `;
  }

  private renderActions(): TemplateResult | typeof nothing {
    const count = this._selected.size;
    if (!count) return nothing;
    const targets = destinations(this.folders);
    // A header line ("2 selected", then clearing it at its end) over the actions.
    return html`<div class="actions" role="group" aria-label="Selected files">
      <div class="actions-head">
        <span class="selected-count">${count} selected</span>
        <button class="icon-btn" aria-label="Clear the selection" title="Clear the selection" @click=${this.clearSelection}>
          ${icon(mdiClose)}
        </button>
      </div>
      <div class="actions-buttons">
        ${(Object.keys(targets) as MoveDestination[]).map(
          (destination) => html`<button class="btn primary" @click=${() => this.startMove(destination)}>
            ${icon(targets[destination].icon)}<span>Move to ${targets[destination].label}</span>
          </button>`,
        )}
        <button class="btn danger" @click=${this.startDelete}>${icon(mdiDeleteOutline)}<span>Delete</span></button>
      </div>
    </div>`;
  }

  private renderMove(draft: MoveDraft): TemplateResult {
    const target = destinations(this.folders)[draft.destination];
    const problem = folderNameProblem(draft.folder);
    const shown = draft.entries.slice(0, 5);
    const more = draft.entries.length - shown.length;
    const update = (patch: Partial<MoveDraft>) => {
      if (this._move) this._move = { ...this._move, ...patch };
    };
    return html`<pandora-panel-sheet
      .narrow=${this.narrow}
      label="Move to ${target.label}"
      @close=${() => !draft.busy && (this._move = null)}
    >
      <form class="move" @submit=${this.submitMove}>
        <h2>Move to ${target.label}</h2>
        <ul class="move-list plain" aria-label="Moving">
          ${shown.map((e) => html`<li>${e.name}</li>`)}
          ${more > 0 ? html`<li class="muted">and ${more} more</li>` : nothing}
        </ul>
        <label class="field">
          <span>Folder name (optional)</span>
          <input
            type="text"
            name="folder"
            autocomplete="off"
            .value=${draft.folder}
            aria-invalid=${problem ? "true" : "false"}
            aria-describedby="folder-hint"
            ?disabled=${draft.busy}
            @input=${(e: Event) => update({ folder: (e.target as HTMLInputElement).value })}
          />
          <span id="folder-hint" class=${problem ? "invalid" : "hint"}
            >${problem ??
            `Created inside the ${target.folder} folder, such as “Title (Year)”. Leave it empty to move the items as they are.`}</span
          >
        </label>
        <pandora-switch
          label="Scan the Jellyfin library afterwards"
          name="scan_after"
          .checked=${draft.scanAfter}
          ?disabled=${draft.busy}
          @change=${(e: Event) => update({ scanAfter: (e.target as PandoraSwitch).checked })}
        ></pandora-switch>
        ${draft.error
          ? html`<p class="banner error" role="alert">
              ${icon(mdiAlertCircleOutline)}<span>Could not move: ${errorMessage(draft.error)}</span>
            </p>`
          : nothing}
        <div class="move-actions">
          <button type="button" class="btn" ?disabled=${draft.busy} @click=${() => (this._move = null)}>
            Cancel
          </button>
          <button type="submit" class="btn primary" ?disabled=${draft.busy || Boolean(problem)}>
            ${draft.busy ? "Moving…" : `Move ${draft.entries.length === 1 ? "1 item" : `${draft.entries.length} items`}`}
          </button>
        </div>
      </form>
    </pandora-panel-sheet>`;
  }

  private renderDelete(draft: DeleteDraft): TemplateResult {
    const count = draft.entries.length;
    const shown = draft.entries.slice(0, 5);
    const more = count - shown.length;
    const folders = draft.entries.some((e) => e.type === "directory");
    return html`<pandora-confirm
      .narrow=${this.narrow}
      label="Delete files"
      heading=${deleteQuestion(count)}
      subject=${count === 1 ? draft.entries[0]!.name : ""}
      body="${folders ? "Folders are deleted with everything in them. " : ""}${count === 1 ? "It is" : "They are"} deleted from ${this.shareTitle} for good: this cannot be undone."
      confirm-label="Delete"
      busy-label="Deleting…"
      danger
      ?busy=${draft.busy}
      @confirm=${() => void this.confirmDelete()}
      @cancel=${this.cancelDelete}
    >
      ${count === 1
        ? nothing
        : html`<ul slot="subject" class="confirm-name move-list plain" aria-label="Deleting">
            ${shown.map((e) => html`<li>${e.name}</li>`)}
            ${more > 0 ? html`<li class="muted">and ${more} more</li>` : nothing}
          </ul>`}
      ${draft.error
        ? html`<p class="banner error" role="alert">
            ${icon(mdiAlertCircleOutline)}<span>Could not delete: ${errorMessage(draft.error)}</span>
          </p>`
        : nothing}
    </pandora-confirm>`;
  }

  static override styles = [
    ...shared,
    forms,
    surfaces,
    fileRowStyles,
    css`
      :host {
        display: block;
        padding: 12px 12px 96px;
        max-width: 960px;
        margin: 0 auto;
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 10px 16px;
        margin-bottom: 8px;
      }
      .share select {
        min-width: 200px;
      }
      .pins {
        flex-wrap: nowrap;
        overflow-x: auto;
        padding: 2px;
      }
      .pin-btn {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        min-height: 44px;
        padding: 0 16px 0 12px;
        border-radius: 22px;
        border: 1px solid var(--_primary);
        background: var(--_tint);
        color: var(--_text);
        font-size: 0.9rem;
        font-weight: 500;
        cursor: pointer;
        white-space: nowrap;
      }
      .pin-btn:hover,
      .pin-btn[aria-current="true"] {
        background: var(--_tint-strong);
      }
      .pin-btn[aria-current="true"] {
        font-weight: 700;
      }
      .bar {
        display: flex;
        align-items: center;
        gap: 4px;
        margin: 4px 0;
        /* The crumbs follow the bar's width (the panel can be narrow beside the sidebar). */
        container: crumbs / inline-size;
      }
      .crumbs {
        flex: 1;
        min-width: 0;
        overflow-x: auto;
        scrollbar-width: none;
      }
      .crumbs ol {
        display: flex;
        align-items: center;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      /*
       * Who gives way when the path is too long: long names only, each in proportion to its
       * length (flex shrinking is weighted by size), so the longest is cut most, down to one
       * touch target each. The share's root and short names stay whole; a path still too long
       * scrolls, its end in view.
       */
      .crumbs li {
        display: flex;
        align-items: center;
        flex: none;
      }
      .crumbs li.long {
        flex: 0 1 auto;
        min-width: 62px; /* separator (18 px) and a 44 px button */
      }
      .sep {
        display: inline-flex;
        flex: none;
      }
      .sep .icon {
        width: 18px;
        height: 18px;
        color: var(--_text-2);
      }
      .crumb {
        position: relative;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        gap: 6px;
        flex: 0 1 auto;
        min-width: 44px;
        max-width: 100%;
        min-height: 44px;
        padding: 0 8px;
        border: none;
        border-radius: 8px;
        background: none;
        color: var(--_accent-text);
        font-size: 0.95rem;
        cursor: pointer;
        white-space: nowrap;
      }
      .crumb-name {
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      button.crumb:hover {
        background: var(--_tint);
      }
      .crumb.current {
        justify-content: flex-start;
        color: var(--_text);
        font-weight: 600;
        cursor: default;
      }
      .crumb .icon {
        width: 20px;
        height: 20px;
      }
      /* Narrow: the share's root is its home icon; its title stays its name and tooltip. */
      li.root:not(.current) .crumb {
        padding: 0;
      }
      li.root:not(.current) .crumb-name {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      @container crumbs (min-width: 560px) {
        li.root:not(.current) .crumb {
          padding: 0 8px;
        }
        li.root:not(.current) .crumb-name {
          position: static;
          width: auto;
          height: auto;
          clip-path: none;
        }
      }
      .select-bar {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
        padding: 0 12px;
        font-size: 0.9rem;
      }
      .count {
        font-size: 0.85rem;
        margin: 4px 0 8px;
      }
      .select-bar .count {
        margin: 0;
      }
      .files.surface {
        overflow: hidden;
      }
      li.more {
        display: flex;
        justify-content: center;
        padding: 8px;
        list-style: none;
      }
      .actions {
        position: sticky;
        bottom: calc(12px + env(safe-area-inset-bottom, 0px));
        z-index: 2;
        display: flex;
        flex-direction: column;
        gap: 4px;
        margin-top: 12px;
        padding: 4px 8px 8px;
        border-radius: var(--_radius);
        border: 1px solid var(--_primary);
        background: var(--_surface);
        box-shadow: 0 6px 20px rgba(0, 0, 0, 0.25);
        container: actions / inline-size;
      }
      .actions-head {
        display: flex;
        align-items: center;
        gap: 8px;
        padding-left: 8px;
      }
      .selected-count {
        flex: 1;
        min-width: 0;
        font-weight: 600;
      }
      /* Narrow: equal columns, icon over a label that may wrap. */
      .actions-buttons {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(5rem, 1fr));
        gap: 8px;
      }
      .actions-buttons .btn {
        flex-direction: column;
        gap: 2px;
        min-width: 0;
        min-height: 56px;
        padding: 6px 8px;
        border-radius: var(--_radius);
        font-size: 0.85rem;
        line-height: 1.2;
        white-space: normal;
        text-align: center;
        overflow-wrap: anywhere;
      }
      @container actions (min-width: 560px) {
        .actions-buttons {
          display: flex;
          flex-wrap: wrap;
        }
        .actions-buttons .btn {
          flex-direction: row;
          gap: 8px;
          min-height: 44px;
          padding: 0 16px;
          border-radius: 22px;
          font-size: 0.95rem;
          white-space: nowrap;
        }
      }
      .move {
        display: flex;
        flex-direction: column;
        gap: 16px;
        padding: 24px 20px 20px;
      }
      .move h2 {
        font-size: 1.2rem;
        font-weight: 600;
        padding-right: 44px;
      }
      .move-list {
        display: flex;
        flex-direction: column;
        gap: 4px;
        max-height: 160px;
        overflow-y: auto;
        font-size: 0.9rem;
        overflow-wrap: anywhere;
      }
      .move input[type="text"] {
        width: 100%;
      }
      .move-actions {
        display: flex;
        justify-content: flex-end;
        flex-wrap: wrap;
        gap: 10px;
      }
      @media (min-width: 600px) {
        :host {
          padding: 20px 24px 96px;
        }
      }
    `,
  ];
}

define("pandora-panel-files", PandoraFiles);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-files": PandoraFiles;
  }
}
