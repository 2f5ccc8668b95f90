/**
 * Files and folders of a Cloud Commander share: paths, breadcrumbs, sorting, the folder name
 * suggested for a release, and one row of a listing (used by the Files tab and the files card).
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { formatBytes, formatDateTime, formatRelative } from "./format";
import {
  icon,
  mdiFileOutline,
  mdiFileVideoOutline,
  mdiFolderCheckOutline,
  mdiFolderDownloadOutline,
  mdiFolderOutline,
} from "./icons";
import type { FileEntry } from "./types";

/**
 * The share's download folders (the integration's defaults, `const.py`): qBittorrent saves into
 * Downloads, finished downloads are filed into Downloaded. They are pinned and highlighted.
 */
export const PINNED_FOLDERS: { path: string; label: string; description: string; icon: string }[] = [
  { path: "/Downloads", label: "Downloads", description: "In progress", icon: mdiFolderDownloadOutline },
  {
    path: "/Downloaded",
    label: "Downloaded",
    description: "Finished, ready to file",
    icon: mdiFolderCheckOutline,
  },
];

export function pinnedFolder(path: string) {
  const wanted = normalizePath(path).toLowerCase();
  return PINNED_FOLDERS.find((p) => p.path.toLowerCase() === wanted);
}

/** "Downloads//a/" → "/Downloads/a"; the root is "/". */
export function normalizePath(path: string): string {
  const parts = path.split("/").filter((p) => p && p !== ".");
  return `/${parts.join("/")}`;
}

export function parentPath(path: string): string {
  const parts = normalizePath(path).split("/").filter(Boolean);
  parts.pop();
  return `/${parts.join("/")}`;
}

/** Breadcrumbs from the share's root: [{name: root, path: "/"}, {name: "Downloads", …}]. */
export function breadcrumbs(path: string, rootName: string): { name: string; path: string }[] {
  const crumbs = [{ name: rootName, path: "/" }];
  let current = "";
  for (const part of normalizePath(path).split("/").filter(Boolean)) {
    current += `/${part}`;
    crumbs.push({ name: part, path: current });
  }
  return crumbs;
}

/** Pinned folders first, then folders, then files, by name (numbers in order). */
export function sortEntries(entries: readonly FileEntry[]): FileEntry[] {
  const rank = (e: FileEntry) => (pinnedFolder(e.path) && e.type === "directory" ? 0 : e.type === "directory" ? 1 : 2);
  return [...entries].sort(
    (a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, undefined, { numeric: true }),
  );
}

const VIDEO = /\.(mkv|mp4|m4v|avi|mov|wmv|ts|m2ts|webm|mpg|mpeg)$/i;
const EXTENSION = /\.[A-Za-z0-9]{2,4}$/;
const TV_MARKER = /^(.+?)\s+[[(]?(?:S\d{1,2}(?:\s?E\d{1,3})?|\d{1,2}x\d{2}|Season\s\d+|Complete)\b/i;
const YEAR = /^(.+?)\s+[[(]?((?:19|20)\d{2})[\])]?(?=\s|$)/;
const QUALITY =
  /^(.+?)\s+[[(]?(?:2160p|1080p|720p|576p|480p|4K|UHD|WEB[\s-]?DL|WEBRip|WEB|BluRay|BDRip|BRRip|HDTV|DVDRip|REMUX|x26[45]|H\s?26[45]|HEVC)\b/i;

/**
 * A folder name for the library, from a release's file or folder name:
 * "Dune.Part.Two.2024.2160p.WEB-DL.mkv" → "Dune Part Two (2024)",
 * "Breaking.Bad.S01.1080p.BluRay.x264" → "Breaking Bad".
 */
export function folderNameFrom(name: string, isFile = true): string {
  let base = isFile ? name.replace(EXTENSION, "") : name;
  if (!/\s/.test(base) || /[._]\S+[._]/.test(base)) base = base.replace(/[._]+/g, " ");
  base = base.replace(/\s+/g, " ").trim();
  const year = YEAR.exec(base);
  const tv = TV_MARKER.exec(base);
  let result: string;
  if (year && (!tv || year[1]!.length <= tv[1]!.length)) result = `${clean(year[1]!)} (${year[2]})`;
  else if (tv) result = clean(tv[1]!);
  else result = clean(QUALITY.exec(base)?.[1] ?? base);
  // Cloud Commander folder names: one level, no separators or control characters.
  result = result.replace(/[/\\\x00-\x1f]/g, " ").replace(/\s+/g, " ").trim().slice(0, 200);
  return result === "." || result === ".." ? "" : result;
}

function clean(title: string): string {
  return title.replace(/[\s\-–[(]+$/, "").trim();
}

/** Why a folder name cannot be used, or null when it is fine (empty means "no folder"). */
export function folderNameProblem(name: string): string | null {
  const text = name.trim();
  if (!text) return null;
  if (/[/\\]/.test(text)) return "A folder name cannot contain / or \\.";
  if (/[\x00-\x1f]/.test(text)) return "A folder name cannot contain control characters.";
  if (text === "." || text === "..") return "Choose another folder name.";
  if (text.length > 200) return "A folder name can have at most 200 characters.";
  return null;
}

export function fileIcon(entry: FileEntry): string {
  if (entry.type === "directory") return pinnedFolder(entry.path)?.icon ?? mdiFolderOutline;
  return VIDEO.test(entry.name) ? mdiFileVideoOutline : mdiFileOutline;
}

export interface FileRowOptions {
  language: string;
  /** Show a checkbox (administrators, who can move files). */
  selectable?: boolean;
  selected?: boolean;
  onToggle?: (entry: FileEntry, event: MouseEvent) => void;
  /** Folders become buttons that open them. */
  onOpen?: (entry: FileEntry) => void;
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
  const pinned = folder ? pinnedFolder(entry.path) : undefined;
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
    <span class="file-icon">${icon(fileIcon(entry))}</span>
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
