/**
 * Files and folders of a Cloud Commander share: its configured folders, paths, breadcrumbs,
 * sorting, the folder name suggested for a release, and one row of a listing (used by the Files
 * tab and the files card). Everything that depends on the share's folders takes them as an
 * argument (the defaults when left out).
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { formatBytes, formatDateTime, formatRelative } from "../data/format";
import {
  icon,
  mdiFileOutline,
  mdiFileVideoOutline,
  mdiFolderCheckOutline,
  mdiFolderDownloadOutline,
  mdiFolderOutline,
} from "./icons";
import type { FileEntry, ServiceInstance, ShareFolders } from "../data/types";

/**
 * The integration's default folders (`DEFAULT_FOLDERS` in const.py), for shares whose `pandora/info`
 * entry has no `folders` (older backends).
 */
export const DEFAULT_FOLDERS: Readonly<ShareFolders> = Object.freeze({
  downloads: "/Downloads",
  downloaded: "/Downloaded",
  movies: "/Movies",
  tv: "/TV Shows",
});

const FOLDER_KEYS = ["downloads", "downloaded", "movies", "tv"] as const;

/** A share's folders from `pandora/info`, normalised; any missing or empty one is the default. */
export function shareFolders(share?: Pick<ServiceInstance, "folders"> | null): ShareFolders {
  const given: Partial<Record<keyof ShareFolders, unknown>> = share?.folders ?? {};
  const folders = { ...DEFAULT_FOLDERS };
  for (const key of FOLDER_KEYS) {
    const value = given[key];
    if (typeof value === "string" && value.trim()) folders[key] = normalizePath(value.trim());
  }
  return folders;
}

/** A folder's name for labels: "/Media/Films" → "Films"; the share's root → `fallback`. */
export function folderLabel(path: string, fallback: string): string {
  return normalizePath(path).split("/").filter(Boolean).pop() ?? fallback;
}

/** Share paths compare without case (as the pinned chips always did) and normalised. */
export function samePath(a: string, b: string): boolean {
  return normalizePath(a).toLowerCase() === normalizePath(b).toLowerCase();
}

export interface PinnedFolder {
  path: string;
  label: string;
  description: string;
  icon: string;
}

/**
 * The share's download folders, pinned and highlighted: qBittorrent saves into Downloads,
 * finished downloads are filed into Downloaded. One folder configured for both is pinned once.
 */
export function pinnedFolders(folders: ShareFolders = DEFAULT_FOLDERS): PinnedFolder[] {
  const pins: PinnedFolder[] = [
    {
      path: folders.downloads,
      label: folderLabel(folders.downloads, "Downloads"),
      description: "In progress",
      icon: mdiFolderDownloadOutline,
    },
    {
      path: folders.downloaded,
      label: folderLabel(folders.downloaded, "Downloaded"),
      description: "Finished, ready to file",
      icon: mdiFolderCheckOutline,
    },
  ];
  return pins.filter((pin, index) => pins.findIndex((p) => samePath(p.path, pin.path)) === index);
}

/** The pinned folders of a share with the default folders. */
export const PINNED_FOLDERS: readonly PinnedFolder[] = pinnedFolders(DEFAULT_FOLDERS);

export function pinnedFolder(path: string, pinned: readonly PinnedFolder[] = PINNED_FOLDERS): PinnedFolder | undefined {
  return pinned.find((p) => samePath(p.path, path));
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
export function sortEntries(entries: readonly FileEntry[], pinned: readonly PinnedFolder[] = PINNED_FOLDERS): FileEntry[] {
  const rank = (e: FileEntry) =>
    e.type !== "directory" ? 2 : pinnedFolder(e.path, pinned) ? 0 : 1;
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
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
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
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\x00-\x1f]/.test(text)) return "A folder name cannot contain control characters.";
  if (text === "." || text === "..") return "Choose another folder name.";
  if (text.length > 200) return "A folder name can have at most 200 characters.";
  return null;
}

export function fileIcon(entry: FileEntry, pinned: readonly PinnedFolder[] = PINNED_FOLDERS): string {
  if (entry.type === "directory") return pinnedFolder(entry.path, pinned)?.icon ?? mdiFolderOutline;
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
