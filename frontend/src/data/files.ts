/**
 * Files and folders of a Cloud Commander share, without rendering: its configured folders, paths,
 * breadcrumbs, sorting, the folder name suggested for a release, and the icon of an entry.
 * Everything that depends on the share's folders takes them as an argument (the defaults when
 * left out).
 */
import {
  mdiFileOutline,
  mdiMovieOutline,
  mdiTelevisionClassic,
  mdiFileVideoOutline,
  mdiFolderCheckOutline,
  mdiFolderDownloadOutline,
  mdiFolderOutline,
} from "@mdi/js";
import type { FileEntry, MoveDestination, MoveResult, ServiceInstance, ShareFolders } from "./types";

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

export interface Destination {
  /** The folder's name, for buttons and titles ("Movies"). */
  label: string;
  /** Its share-relative path ("/Movies"). */
  folder: string;
  icon: string;
}

/** Where "Move to" files go: the share's library folders (`shareFolders(share)`). */
export function destinations(folders: ShareFolders = DEFAULT_FOLDERS): Record<MoveDestination, Destination> {
  return {
    movies: { label: folderLabel(folders.movies, "Movies"), folder: folders.movies, icon: mdiMovieOutline },
    tv: { label: folderLabel(folders.tv, "TV Shows"), folder: folders.tv, icon: mdiTelevisionClassic },
  };
}

/** The destinations of a share with the default folders. */
export const DESTINATIONS: Record<MoveDestination, Destination> = /* @__PURE__ */ destinations(DEFAULT_FOLDERS);

/**
 * What an empty folder says: the share's pinned download folders explain what lands there,
 * any other folder just that it is empty.
 */
export function emptyFolderText(path: string, folders: ShareFolders = DEFAULT_FOLDERS): string {
  const downloads = samePath(path, folders.downloads);
  const downloaded = samePath(path, folders.downloaded);
  const { movies, tv } = destinations(folders);
  const file = `ready to move into ${movies.label} or ${tv.label}`;
  if (downloads && downloaded) return `Torrents appear here while they download and stay once finished, ${file}.`;
  if (downloads) return "Torrents being downloaded appear here.";
  if (downloaded) return `Finished downloads land here, ${file}.`;
  return "Nothing is in this folder yet.";
}

/** A readable summary of a move's answer, for the toast. */
export function moveMessage(result: MoveResult): string {
  const count = result.moved.length;
  const what = count === 1 ? (result.moved[0]!.split("/").pop() ?? "1 item") : `${count} items`;
  const scanned = result.scanned?.length ? `; scanning ${result.scanned.join(", ")}` : "";
  return `Moved ${what} to ${result.destination}${scanned}.`;
}

/** "Delete 1 item?" / "Delete 3 items?": the confirmation's question. */
export function deleteQuestion(count: number): string {
  return `Delete ${count === 1 ? "1 item" : `${count} items`}?`;
}

/** What was deleted, for the toast: "Deleted notes.txt." / "Deleted 3 items.". */
export function deleteMessage(entries: readonly FileEntry[]): string {
  return `Deleted ${entries.length === 1 ? entries[0]!.name : `${entries.length} items`}.`;
}
