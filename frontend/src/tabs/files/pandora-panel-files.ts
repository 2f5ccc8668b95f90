/**
 * `pandora-panel-files`: a Cloud Commander share (`pandora/files/list`): breadcrumbs, folders,
 * the pinned download folders, and for administrators multi-select, "Move to Movies / TV
 * Shows" (`pandora/files/move`) with an optional folder name and a library scan afterwards, and
 * "Delete" (`pandora/files/delete`) after a confirmation. The download and library folders are
 * the selected share's, from `pandora/info` (the integration's defaults with older backends).
 * In the panel the URL names the folder and share (`folder`, `shareId`; view-url.ts): opening a
 * folder adds a history entry, so the browser's back goes up again.
 */
import { html, nothing, type PropertyValues } from "lit";

import "../../components/pandora-confirm";
import "../../components/pandora-switch";
import type {  } from "../../components/pandora-switch";
import { define } from "../../components/define";
import { fileSkeleton } from "../../components/file-row";
import { folderNameFrom, folderNameProblem, normalizePath, pinnedFolders, samePath, shareFolders, sortEntries, type PinnedFolder, deleteMessage, moveMessage } from "../../data/files";
import { icon, mdiFolderOutline, mdiRefresh } from "../../components/icons";
import "../../components/pandora-panel-sheet";
import { deleteSheet, folderCrumbs, moveSheet, selectionActions, type DeleteDraft, type FilesActions, type MoveDraft } from "./files-actions";
import { filesStyles } from "./pandora-panel-files-styles";
import { ROWS_PER_STEP, folderListing, type Listing, type ListingView } from "./files-listing";
import { missingServiceState, navigate, toast } from "../../components/states";
import type { FileEntry, FileListing, MoveDestination, ShareFolders } from "../../data/types";
import { PandoraTab } from "../pandora-tab";

/** Focus a row's checkbox (when a checkbox had the focus) or its name. */
function focusRow(row: HTMLElement | undefined, checkbox: boolean): void {
  const target =
    (checkbox && row?.querySelector<HTMLElement>("input")) ||
    row?.querySelector<HTMLElement>("button.file-name") ||
    row?.querySelector<HTMLElement>("input");
  target?.focus();
}

export class PandoraFiles extends PandoraTab {
  static override get properties() {
    return {
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
        ${folderCrumbs(path, this.shareTitle, (folder) => this.browse(folder))}
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
      ${folderListing(this._listing, this.listingView)} ${this.admin ? selectionActions(this._selected.size, this.actions) : nothing}
      ${this._move ? moveSheet(this._move, this.actions) : nothing}
      ${this._delete && this.admin ? deleteSheet(this._delete, this.actions) : nothing}
    `;
  }

  /**
   * The folder path. When it is too long, long names give way (ellipsis, full name in their
   * tooltip) and short ones such as "Movies" stay whole; in a narrow bar the share's root shows
   * only its home icon (the share's title stays its accessible name and tooltip).
   */
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

  private get listingView(): ListingView {
    return {
      language: this.api.language,
      admin: this.admin,
      folders: this.folders,
      pinned: this.pinned,
      selected: this._selected,
      shown: this._shown,
      reload: (path) => void this.open(path),
      selectAll: (checked) => this.selectAll(checked),
      toggle: (entry, event) => this.toggle(entry, event),
      browse: (path) => this.browse(path),
      showMore: () => this.showMore(),
      onListKey: (event) => this.onListKey(event),
    };
  }

  /** The selection bar's and sheets' state and actions, for files-actions.ts. */
  private get actions(): FilesActions {
    return {
      narrow: this.narrow,
      shareTitle: this.shareTitle,
      folders: this.folders,
      clearSelection: () => this.clearSelection(),
      startMove: (destination) => this.startMove(destination),
      updateMove: (patch) => {
        if (this._move) this._move = { ...this._move, ...patch };
      },
      closeMove: () => (this._move = null),
      submitMove: (event) => void this.submitMove(event),
      startDelete: () => this.startDelete(),
      confirmDelete: () => void this.confirmDelete(),
      cancelDelete: () => this.cancelDelete(),
    };
  }

  static override styles = filesStyles;
}

define("pandora-panel-files", PandoraFiles);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-files": PandoraFiles;
  }
}
