/**
 * The panel's URL ⇄ what it shows, as pure functions (no DOM, no history).
 *
 * The path, below the panel's prefix (`/pandora`), names a place: each change is a history entry,
 * so the browser's back goes up a folder, closes a title or returns to the previous tab.
 *
 *   /discover                        Discover
 *   /discover/<movie|tv>/<tmdb id>   a title's details
 *   /requests                        Requests
 *   /requests/<request id>           one request, open
 *   /downloads  /library  /containers
 *   /files                           the share's root
 *   /files/<folder>/<folder>/…       a folder, each name percent-encoded
 *
 * The query holds a tab's filters, replaced in place (no history entry): Discover `?q=` (the
 * search), Requests `?filter=`, Downloads `?filter=` and `?sort=`; Files `?share=` names the share
 * when there are several. Anything else falls back to the named tab's root (an unknown tab: Discover).
 * Home Assistant hands the path over as the browser has it (percent-encoded, `route.path`).
 */

import type { MediaType } from "./types";

export const TAB_IDS = ["discover", "requests", "downloads", "files", "library", "containers"] as const;

export type Tab = (typeof TAB_IDS)[number];

export interface TitleRef {
  media_type: MediaType;
  tmdb_id: number;
}

export interface View {
  tab: Tab;
  /** Discover: the title whose details are open. */
  title?: TitleRef;
  /** Requests: the open request's id. */
  request?: string;
  /** Files: the folder, share-relative (`/TV Shows/Season 1`); none: the share's root. */
  folder?: string;
  /** Files: the share (its service id), when it is not the first. */
  share?: string;
  /** Discover: the search text. */
  q?: string;
  /** Requests and Downloads: the filter chip. */
  filter?: string;
  /** Downloads: the sort order. */
  sort?: string;
}

type QueryKey = "q" | "filter" | "sort" | "share";

/** Which query parameters each tab reads, in the order they are written. */
const QUERY: Record<Tab, readonly QueryKey[]> = {
  discover: ["q"],
  requests: ["filter"],
  downloads: ["filter", "sort"],
  files: ["share"],
  library: [],
  containers: [],
};

/** Request ids are ULIDs; anything URL-unsafe or overlong is not one. */
const REQUEST_ID = /^[0-9A-Za-z_-]{1,64}$/;

export function isTab(value: unknown): value is Tab {
  return (TAB_IDS as readonly unknown[]).includes(value);
}

/** A percent-encoded path segment, decoded; null when it is not valid percent-encoding. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The folder that path segments name (`["TV%20Shows", "Season%201"]` → `/TV Shows/Season 1`), or
 * null when a segment cannot be a folder's name (bad encoding, a slash, `.` or `..`).
 */
export function folderFromSegments(segments: readonly string[]): string | null {
  const names: string[] = [];
  for (const segment of segments) {
    const name = decodeSegment(segment);
    if (name === null || name === "" || name === "." || name === ".." || name.includes("/")) return null;
    names.push(name);
  }
  return `/${names.join("/")}`;
}

/** A folder as path segments below `/files` (`/TV Shows/#1` → `/TV%20Shows/%231`; the root: ""). */
export function folderSegments(folder: string): string {
  return folder
    .split("/")
    .filter((name) => name && name !== ".")
    .map((name) => `/${encodeURIComponent(name)}`)
    .join("");
}

/** What a route path (below the prefix) and the query string show. */
export function parseView(path: string | undefined, search = ""): View {
  const segments = (path ?? "").split("/").filter(Boolean);
  const first = segments[0];
  if (!isTab(first)) return { tab: "discover" };
  const view: View = { tab: first };
  const rest = segments.slice(1);
  if (first === "discover" && rest.length === 2) {
    const [media, id] = rest as [string, string];
    const tmdbId = /^[1-9][0-9]{0,9}$/.test(id) ? Number(id) : NaN;
    if ((media === "movie" || media === "tv") && Number.isSafeInteger(tmdbId)) {
      view.title = { media_type: media, tmdb_id: tmdbId };
    }
  } else if (first === "requests" && rest.length === 1) {
    const id = decodeSegment(rest[0]!);
    if (id && REQUEST_ID.test(id)) view.request = id;
  } else if (first === "files" && rest.length) {
    const folder = folderFromSegments(rest);
    if (folder) view.folder = folder;
  }
  const params = new URLSearchParams(search);
  for (const key of QUERY[first]) {
    const value = params.get(key);
    if (value) view[key] = value;
  }
  return view;
}

/** The path and query (below the prefix) that show `view`: the inverse of `parseView`. */
export function viewPath(view: View): string {
  let path = `/${view.tab}`;
  if (view.tab === "discover" && view.title) path += `/${view.title.media_type}/${view.title.tmdb_id}`;
  else if (view.tab === "requests" && view.request) path += `/${encodeURIComponent(view.request)}`;
  else if (view.tab === "files" && view.folder) path += folderSegments(view.folder);
  const params = new URLSearchParams();
  for (const key of QUERY[view.tab]) {
    const value = view[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** The full URL path of `view` under the panel's prefix (`/pandora/files/Movies`). */
export function viewUrl(prefix: string, view: View): string {
  return `${prefix.replace(/\/+$/, "")}${viewPath(view)}`;
}

/** The tab a route path names (`/downloads/...` → downloads); Discover otherwise. */
export function tabFromPath(path: string | undefined): Tab {
  return parseView(path).tab;
}

/** The title a Discover route names (`/discover/tv/1396` → tv 1396), if any. */
export function titleFromPath(path: string | undefined): TitleRef | null {
  return parseView(path).title ?? null;
}

/** Whether two views show the same thing (the same URL). */
export function sameView(a: View, b: View): boolean {
  return viewPath(a) === viewPath(b);
}
