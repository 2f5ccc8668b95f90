/** A folder's listing in the Files tab (pandora-panel-files). */
import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { fileRow, fileSkeleton } from "../../components/file-row";
import { emptyFolderText, type PinnedFolder } from "../../data/files";
import { mdiFolderOutline } from "../../components/icons";
import { emptyState, errorState } from "../../components/states";
import type { FileEntry, ShareFolders } from "../../data/types";

/**
 * Rows drawn at first, and added each time the end of the list comes into view: a folder of
 * 5,000 entries would otherwise be 5,000 rows (tens of thousands of nodes) drawn at once.
 * Selection, select-all and Shift+click ranges work on every entry, drawn or not.
 */
export const ROWS_PER_STEP = 200;

export type Listing =
  | { status: "loading"; path: string }
  | { status: "ready"; path: string; files: FileEntry[] }
  | { status: "error"; path: string; error: unknown };

/** What the listing shows and can do (the Files tab holds the state). */
export interface ListingView {
  language: string;
  admin: boolean;
  folders: ShareFolders;
  pinned: readonly PinnedFolder[];
  selected: ReadonlySet<string>;
  /** How many rows are drawn. */
  shown: number;
  reload: (path: string) => void;
  selectAll: (checked: boolean) => void;
  toggle: (entry: FileEntry, event: MouseEvent) => void;
  browse: (path: string) => void;
  showMore: () => void;
  onListKey: (event: KeyboardEvent) => void;
}

/**
 * A folder's entries: skeletons while it loads, why it could not, that it is empty, else the
 * rows drawn so far (with "Show more"), and for administrators the select-all bar.
 */
export function folderListing(listing: Listing, view: ListingView): TemplateResult {
  if (listing.status === "loading") {
    return html`<ul class="files surface" aria-busy="true" aria-label="Loading ${listing.path}">
      ${[0, 1, 2, 3].map(fileSkeleton)}
    </ul>`;
  }
  if (listing.status === "error") {
    return errorState(`Could not open ${listing.path}`, listing.error, () => view.reload(listing.path));
  }
  if (!listing.files.length) {
    return emptyState(mdiFolderOutline, "This folder is empty", emptyFolderText(listing.path, view.folders));
  }
  const all = listing.files.length;
  const count = view.selected.size;
  const { language, pinned, shown } = view;
  return html`
    ${view.admin
      ? html`<div class="select-bar">
          <label class="check">
            <input
              type="checkbox"
              .checked=${count === all}
              .indeterminate=${count > 0 && count < all}
              @change=${(e: Event) => view.selectAll((e.target as HTMLInputElement).checked)}
            />
            <span>Select all</span>
          </label>
          <span class="muted count" aria-live="polite">${count ? `${count} of ${all} selected` : `${all} item${all === 1 ? "" : "s"}`}</span>
        </div>`
      : html`<p class="muted count">${all} item${all === 1 ? "" : "s"}</p>`}
    <ul class="files surface" aria-label="Files in ${listing.path}" @keydown=${view.onListKey}>
      ${repeat(
        listing.files.slice(0, shown),
        (entry) => entry.path,
        (entry) =>
          fileRow(entry, {
            language,
            selectable: view.admin,
            selected: view.selected.has(entry.path),
            pinned,
            onToggle: view.toggle,
            onOpen: (e) => view.browse(e.path),
          }),
      )}
      ${all > shown
        ? html`<li class="more">
            <button class="btn text" @click=${view.showMore}>
              Show ${Math.min(ROWS_PER_STEP, all - shown)} more (${all - shown} not shown)
            </button>
          </li>`
        : nothing}
    </ul>
  `;
}
