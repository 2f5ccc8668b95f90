/** One row of a Cloud Commander listing (the Files tab and the files card), and its styles. */
import { css, html, nothing, type TemplateResult } from "lit";
import { formatBytes, formatDateTime, formatRelative } from "../data/format";
import { icon } from "./icons";
import { PINNED_FOLDERS, fileIcon, pinnedFolder, type PinnedFolder } from "../data/files";
import type { FileEntry } from "../data/types";

export interface FileRowOptions {
  language: string;
  /** Show a checkbox (administrators, who can move files). */
  selectable?: boolean;
  selected?: boolean;
  onToggle?: (entry: FileEntry, event: MouseEvent) => void;
  /** Folders become buttons that open them. */
  onOpen?: (entry: FileEntry) => void;
  /** The share's pinned folders (`pinnedFolders(shareFolders(share))`); the defaults otherwise. */
  pinned?: readonly PinnedFolder[];
}

/** Size and date, for people: "18.4 GB · 3 hours ago". */
export function fileMeta(entry: FileEntry, language: string): TemplateResult {
  const size = entry.type === "file" && entry.size != null ? formatBytes(entry.size, language) : null;
  const when = formatRelative(entry.modified, language);
  return html`<span class="file-meta">
    ${entry.type === "directory" ? html`<span>Folder</span>` : nothing}
    ${size ? html`<span class="size">${size}</span>` : nothing}
    ${when
      ? html`<time datetime=${entry.modified ?? ""} title=${formatDateTime(entry.modified, language)}
          >${when}</time
        >`
      : nothing}
  </span>`;
}

export function fileRow(entry: FileEntry, options: FileRowOptions): TemplateResult {
  const folder = entry.type === "directory";
  const pins = options.pinned ?? PINNED_FOLDERS;
  const pinned = folder ? pinnedFolder(entry.path, pins) : undefined;
  const name =
    folder && options.onOpen
      ? html`<button class="file-name open" @click=${() => options.onOpen!(entry)}>${entry.name}</button>`
      : html`<span class="file-name">${entry.name}</span>`;
  return html`<li
    class="file ${folder ? "folder" : ""} ${pinned ? "pinned" : ""} ${options.selected ? "selected" : ""}"
    data-path=${entry.path}
  >
    ${options.selectable
      ? html`<label class="file-select">
          <input
            type="checkbox"
            aria-label="Select ${entry.name}"
            .checked=${Boolean(options.selected)}
            @click=${(e: MouseEvent) => options.onToggle?.(entry, e)}
          />
        </label>`
      : nothing}
    <span class="file-icon">${icon(fileIcon(entry, pins))}</span>
    <div class="file-main">
      ${name}
      ${fileMeta(entry, options.language)}
    </div>
    ${pinned ? html`<span class="chip pin">${pinned.description}</span>` : nothing}
  </li>`;
}

export function fileSkeleton(): TemplateResult {
  return html`<li class="file" aria-hidden="true">
    <span class="skeleton" style="width: 24px; height: 24px"></span>
    <div class="file-main">
      <span class="skeleton" style="height: 16px; width: 60%"></span>
      <span class="skeleton" style="height: 12px; width: 30%; margin-top: 6px"></span>
    </div>
  </li>`;
}

export const fileRowStyles = css`
  .files {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .file {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 56px;
    padding: 4px 12px;
    border-bottom: 1px solid var(--_divider);
  }
  .file:last-child {
    border-bottom: none;
  }
  .file.pinned {
    background: var(--_tint);
  }
  .file.selected {
    background: var(--_tint-strong);
  }
  .file-select {
    display: grid;
    place-items: center;
    width: 44px;
    height: 44px;
    margin: 0 -6px 0 -10px;
    cursor: pointer;
    flex: none;
  }
  .file-select input {
    width: 20px;
    height: 20px;
    margin: 0;
    accent-color: var(--_primary);
    cursor: pointer;
  }
  .file-icon {
    display: inline-flex;
    color: var(--_text-2);
  }
  .folder .file-icon,
  .pinned .file-icon {
    color: var(--_accent-text);
  }
  .file-main {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 2px;
  }
  .file-name {
    font-size: 0.95rem;
    line-height: 1.3;
    overflow-wrap: anywhere;
    text-align: left;
  }
  button.file-name {
    align-self: stretch;
    min-height: 44px;
    margin: -8px 0 -6px;
    padding: 0;
    border: none;
    background: none;
    font-weight: 500;
    cursor: pointer;
  }
  button.file-name:hover {
    text-decoration: underline;
  }
  .file-meta {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 10px;
    font-size: 0.8rem;
    color: var(--_text-2);
    font-variant-numeric: tabular-nums;
  }
  .pin {
    flex: none;
    border-color: var(--_primary);
    background: var(--_surface);
  }
  @media (max-width: 420px) {
    .pin {
      display: none;
    }
  }
`;
