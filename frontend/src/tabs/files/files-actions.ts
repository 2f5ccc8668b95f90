/**
 * The Files tab's actions on selected entries, for administrators: the selection bar ("2
 * selected", Move to Movies / TV Shows, Delete), the move sheet and the delete confirmation.
 * Also the folder path (breadcrumbs). The tab (pandora-panel-files) holds the state and runs
 * the commands.
 */
import { html, nothing, type TemplateResult } from "lit";
import { errorMessage } from "../../data/api";
import "../../components/pandora-confirm";
import "../../components/pandora-panel-sheet";
import "../../components/pandora-switch";
import type { PandoraSwitch } from "../../components/pandora-switch";
import { breadcrumbs, deleteQuestion, destinations, folderNameProblem } from "../../data/files";
import { icon, mdiAlertCircleOutline, mdiChevronRight, mdiClose, mdiDeleteOutline, mdiHomeOutline } from "../../components/icons";
import type { FileEntry, MoveDestination, ShareFolders } from "../../data/types";

/** Crumbs with names up to this long ("Movies", "TV Shows", "Season 01") are never cut. */
export const SHORT_CRUMB = 16;

export interface DeleteDraft {
  entries: FileEntry[];
  busy: boolean;
  error: unknown;
}

export interface MoveDraft {
  destination: MoveDestination;
  entries: FileEntry[];
  folder: string;
  scanAfter: boolean;
  busy: boolean;
  error: unknown;
}

/** What the selection bar and the sheets show and do (the Files tab holds the state). */
export interface FilesActions {
  narrow: boolean;
  shareTitle: string;
  folders: ShareFolders;
  clearSelection: () => void;
  startMove: (destination: MoveDestination) => void;
  updateMove: (patch: Partial<MoveDraft>) => void;
  closeMove: () => void;
  submitMove: (event: Event) => void;
  startDelete: () => void;
  confirmDelete: () => void;
  cancelDelete: () => void;
}

/** The folder path from the share's root (its home icon), each crumb opening its folder. */
export function folderCrumbs(path: string, rootName: string, browse: (path: string) => void): TemplateResult {
  const crumbs = breadcrumbs(path, rootName);
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
            : html`<button class="crumb" title=${crumb.name} @click=${() => browse(crumb.path)}>
                ${label}
              </button>`}
        </li>`;
      })}
    </ol>
  </nav>`;
}

/** The selection bar: how many are selected, clearing, and the actions on them. */
export function selectionActions(count: number, ctx: FilesActions): TemplateResult | typeof nothing {
  if (!count) return nothing;
  const targets = destinations(ctx.folders);
  // A header line ("2 selected", then clearing it at its end) over the actions.
  return html`<div class="actions" role="group" aria-label="Selected files">
    <div class="actions-head">
      <span class="selected-count">${count} selected</span>
      <button class="icon-btn" aria-label="Clear the selection" title="Clear the selection" @click=${ctx.clearSelection}>
        ${icon(mdiClose)}
      </button>
    </div>
    <div class="actions-buttons">
      ${(Object.keys(targets) as MoveDestination[]).map(
        (destination) => html`<button class="btn primary" @click=${() => ctx.startMove(destination)}>
          ${icon(targets[destination].icon)}<span>Move to ${targets[destination].label}</span>
        </button>`,
      )}
      <button class="btn danger" @click=${ctx.startDelete}>${icon(mdiDeleteOutline)}<span>Delete</span></button>
    </div>
  </div>`;
}

/** "Move to Movies": the items, a folder name (suggested from the first), a scan afterwards. */
export function moveSheet(draft: MoveDraft, ctx: FilesActions): TemplateResult {
  const target = destinations(ctx.folders)[draft.destination];
  const problem = folderNameProblem(draft.folder);
  const shown = draft.entries.slice(0, 5);
  const more = draft.entries.length - shown.length;
  const update = ctx.updateMove;
  return html`<pandora-panel-sheet
    .narrow=${ctx.narrow}
    label="Move to ${target.label}"
    @close=${() => !draft.busy && ctx.closeMove()}
  >
    <form class="move" @submit=${ctx.submitMove}>
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
        <button type="button" class="btn" ?disabled=${draft.busy} @click=${ctx.closeMove}>
          Cancel
        </button>
        <button type="submit" class="btn primary" ?disabled=${draft.busy || Boolean(problem)}>
          ${draft.busy ? "Moving…" : `Move ${draft.entries.length === 1 ? "1 item" : `${draft.entries.length} items`}`}
        </button>
      </div>
    </form>
  </pandora-panel-sheet>`;
}

/** "Delete 2 items?": the items, and that it cannot be undone. */
export function deleteSheet(draft: DeleteDraft, ctx: FilesActions): TemplateResult {
  const count = draft.entries.length;
  const shown = draft.entries.slice(0, 5);
  const more = count - shown.length;
  const folders = draft.entries.some((e) => e.type === "directory");
  return html`<pandora-confirm
    .narrow=${ctx.narrow}
    label="Delete files"
    heading=${deleteQuestion(count)}
    subject=${count === 1 ? draft.entries[0]!.name : ""}
    body="${folders ? "Folders are deleted with everything in them. " : ""}${count === 1 ? "It is" : "They are"} deleted from ${ctx.shareTitle} for good: this cannot be undone."
    confirm-label="Delete"
    busy-label="Deleting…"
    danger
    ?busy=${draft.busy}
    @confirm=${ctx.confirmDelete}
    @cancel=${ctx.cancelDelete}
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
