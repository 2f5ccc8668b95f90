/**
 * Torrents without rendering: the Downloads filters and sorts (the same as the
 * `pandora.get_torrents` action's), the status a person reads, and what one row shows.
 */
import { formatBytes, formatDateTime, formatPercent } from "./format";
import type { HoldNotice, Torrent, TorrentHold } from "./types";

export type Filter = "all" | "downloading" | "seeding" | "paused" | "completed" | "errored";

export const FILTERS: [Filter, string][] = [
  ["all", "All"],
  ["downloading", "Downloading"],
  ["seeding", "Seeding"],
  ["paused", "Paused"],
  ["completed", "Completed"],
  ["errored", "Errored"],
];

export type Sort = "added" | "progress" | "name";

export const SORTS: [Sort, string][] = [
  ["added", "Recently added"],
  ["progress", "Progress"],
  ["name", "Name"],
];

/** Names in the order people expect ("Part 2" before "Part 10"); one collator, made once. */
const NAMES = new Intl.Collator(undefined, { numeric: true });

function byKey(a: Torrent, b: Torrent): number {
  if (a.instance !== b.instance) return a.instance < b.instance ? -1 : 1;
  return a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0;
}

/**
 * The order of a sort: newest first, most advanced first, or by name; ties by name, then by
 * torrent, so the order is total (the list keeps it with binary searches, torrent-list.ts).
 */
export function torrentComparator(sort: Sort): (a: Torrent, b: Torrent) => number {
  switch (sort) {
    case "name":
      return (a, b) => NAMES.compare(a.name, b.name) || byKey(a, b);
    case "progress":
      return (a, b) => b.progress - a.progress || NAMES.compare(a.name, b.name) || byKey(a, b);
    default:
      return (a, b) => (b.added ?? 0) - (a.added ?? 0) || NAMES.compare(a.name, b.name) || byKey(a, b);
  }
}

export function sortTorrents(torrents: readonly Torrent[], sort: Sort): Torrent[] {
  return [...torrents].sort(torrentComparator(sort));
}

export function isComplete(torrent: Torrent): boolean {
  return torrent.progress >= 1;
}

/** The same filters as the `pandora.get_torrents` action. */
export function matchesFilter(torrent: Torrent, filter: Filter): boolean {
  switch (filter) {
    case "all":
      return true;
    case "completed":
      return isComplete(torrent);
    default:
      return torrent.status === filter;
  }
}

const STATUS_LABELS: Record<string, string> = {
  downloading: "Downloading",
  seeding: "Seeding",
  paused: "Paused",
  errored: "Error",
  checking: "Checking",
  queued: "Queued",
  other: "Other",
};

export function statusLabel(torrent: Torrent): string {
  if (torrent.status === "paused" && isComplete(torrent)) return "Completed";
  if (torrent.status === "downloading" && torrent.state.startsWith("stalled")) return "Stalled";
  if (torrent.status === "downloading" && torrent.state.toLowerCase().includes("meta")) {
    return "Fetching metadata";
  }
  return STATUS_LABELS[torrent.status] ?? torrent.status;
}

/** Why a guard holds a torrent: a short label and the sentence the row's tooltip gives. */
export const HOLD_LABELS: Record<TorrentHold, { label: string; reason: string }> = {
  vpn: { label: "Held: VPN down", reason: "Paused by the VPN guard: resumes when the VPN is healthy again." },
  disk: {
    label: "Held: low disk space",
    reason: "Paused by the disk guard: resumes when enough free space returns.",
  },
  goal: { label: "Seeding goal reached", reason: "Paused because its seeding goal (ratio or time) was met." },
};

const VPN_CAUSES: Record<string, string> = {
  vpn_down: "the VPN is down",
  vpn_leak: "the public IP is outside the selected VPN country",
};

/**
 * The Downloads tab's banner sentences for the guards holding one qBittorrent (feed `notices`):
 * which qBittorrent, since when, why, and what ends it.
 */
export function holdBanners(
  title: string,
  notices: Partial<Record<TorrentHold, HoldNotice>> | undefined,
  language: string,
): string[] {
  const banners: string[] = [];
  const paused = (count: number) => `${count} torrent${count === 1 ? " is" : "s are"} paused`;
  const vpn = notices?.vpn;
  if (vpn) {
    const since = vpn.since ? ` since ${formatDateTime(vpn.since, language)}` : "";
    const why = VPN_CAUSES[vpn.cause ?? ""] ?? "the VPN is not healthy";
    banners.push(
      `The VPN guard holds ${title}${since}: ${why} (${vpn.by ?? "gluetun"}). ` +
        `${paused(vpn.torrents ?? 0)} and resume when the VPN is healthy again.`,
    );
  }
  const disk = notices?.disk;
  if (disk) {
    const since = disk.since ? ` since ${formatDateTime(disk.since, language)}` : "";
    const held = disk.torrents ? ` ${paused(disk.torrents)} and resume then.` : "";
    banners.push(
      `${title} is short of disk space${since}: ${formatBytes(disk.free ?? 0, language)} free, ` +
        `Pandora keeps ${formatBytes(disk.minimum ?? 0, language)}. No download starts there and ` +
        `requests wait until space returns.${held} Settings → Repairs offers what to do.`,
    );
  }
  const goal = notices?.goal;
  if (goal?.torrents) {
    banners.push(
      `${goal.torrents} torrent${goal.torrents === 1 ? "" : "s"} on ${title} met ` +
        `${goal.torrents === 1 ? "its" : "their"} seeding goal and ${goal.torrents === 1 ? "is" : "are"} paused. ` +
        "Resume one to keep it seeding; Pandora will not pause it again.",
    );
  }
  return banners;
}

/** What a torrent's row shows besides its name: progress, size, and which figures apply. */
export interface TorrentFacts {
  /** Progress in percent, 0 to 100. */
  percent: number;
  /** The progress bar's value, to one decimal, floored (100 only when complete). */
  valueNow: number;
  percentText: string;
  /** "1.2 GB" when complete, else "600 MB of 1.2 GB". */
  sizeText: string;
  downloadSpeed: boolean;
  uploadSpeed: boolean;
  eta: boolean;
}

export function torrentFacts(torrent: Torrent, language: string): TorrentFacts {
  const percent = Math.min(100, Math.max(0, torrent.progress * 100));
  const done = Math.round(torrent.size * Math.min(1, torrent.progress));
  const downloading = torrent.status === "downloading";
  return {
    percent,
    valueNow: Math.floor(percent * 10) / 10,
    percentText: formatPercent(torrent.progress, language),
    sizeText: isComplete(torrent)
      ? formatBytes(torrent.size, language)
      : `${formatBytes(done, language)} of ${formatBytes(torrent.size, language)}`,
    downloadSpeed: downloading || torrent.download_speed > 0,
    uploadSpeed: torrent.upload_speed > 0 || torrent.status === "seeding",
    eta: downloading && torrent.download_speed > 0,
  };
}
