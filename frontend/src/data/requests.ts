/**
 * Household requests shared by the Requests tab and the Discover details sheet, without
 * rendering: status labels and colour families, what a request is for ("Season 2", "Whole
 * series"), who did what, and merging command answers into the live snapshot.
 */
import {
  OPEN_REQUEST_STATUSES,
  type MediaRequest,
  type MediaType,
  type RequestStatus,
  type RequestsSnapshot,
} from "./types";

export const STATUS_LABELS: Record<RequestStatus, string> = {
  pending: "Pending",
  approved: "Approved",
  denied: "Denied",
  withdrawn: "Withdrawn",
  searching: "Searching",
  waiting_for_space: "Waiting for disk space",
  downloading: "Downloading",
  importing: "Importing",
  available: "Available",
  failed: "Failed",
};

/** The colour family of a status: pending amber, on its way primary, available green, … */
export type StatusTone = "pending" | "progress" | "available" | "denied" | "failed";

export function statusTone(status: RequestStatus): StatusTone {
  switch (status) {
    case "pending":
      return "pending";
    case "available":
      return "available";
    case "denied":
    case "withdrawn":
      return "denied";
    case "failed":
      return "failed";
    default:
      return "progress";
  }
}

export function statusLabel(status: RequestStatus | string): string {
  return STATUS_LABELS[status as RequestStatus] ?? status;
}

export function isOpen(request: Pick<MediaRequest, "status">): boolean {
  return OPEN_REQUEST_STATUSES.includes(request.status);
}

/** "Season 2", "Specials", "Whole series" for TV; null for a movie. */
export function seasonLabel(request: Pick<MediaRequest, "media_type" | "season">): string | null {
  if (request.media_type !== "tv") return null;
  if (request.season == null) return "Whole series";
  return request.season === 0 ? "Specials" : `Season ${request.season}`;
}

/** "Breaking Bad · Season 2", "Dune: Part Two". */
export function requestSubject(request: Pick<MediaRequest, "title" | "media_type" | "season">): string {
  const season = seasonLabel(request);
  return season ? `${request.title} · ${season}` : request.title;
}

/** Everyone who asked, by name (the requester first). */
export function requesterNames(request: MediaRequest): string[] {
  if (request.users_names?.length) return request.users_names;
  return request.requested_by_name ? [request.requested_by_name] : [];
}

/** Whether `userId` asked for it (first or joined). */
export function askedBy(request: MediaRequest, userId: string | undefined): boolean {
  return Boolean(userId) && (request.requested_by === userId || request.watchers.includes(userId!));
}

/** Who made a status change: you, a requester by name, Pandora itself, or an administrator. */
export function actorName(request: MediaRequest, by: string | null, me: string | undefined): string {
  if (by === null) return "Pandora";
  if (me && by === me) return "you";
  if (request.names?.[by]) return request.names[by]!;
  const users = [request.requested_by, ...request.watchers.filter((u) => u !== request.requested_by)];
  const names = request.users_names ?? [];
  const index = users.indexOf(by);
  if (index === 0 && request.requested_by_name) return request.requested_by_name;
  if (index >= 0 && names.length === users.length) return names[index]!;
  return "an administrator";
}

/** The open requests for one title, the whole series first, then by season. */
export function openRequestsFor(
  snapshot: RequestsSnapshot | null,
  title: { tmdb_id: number; media_type: MediaType },
): MediaRequest[] {
  return (snapshot?.requests ?? [])
    .filter((r) => r.tmdb_id === title.tmdb_id && r.media_type === title.media_type && isOpen(r))
    .sort((a, b) => (a.season ?? -1) - (b.season ?? -1));
}

/** The snapshot with these requests replaced (or added on top when new). */
export function mergeRequests(snapshot: RequestsSnapshot | null, changed: MediaRequest[]): RequestsSnapshot {
  const requests = [...(snapshot?.requests ?? [])];
  const added: MediaRequest[] = [];
  for (const request of changed) {
    const index = requests.findIndex((r) => r.id === request.id);
    if (index >= 0) requests[index] = request;
    else added.push(request);
  }
  return { requests: [...added, ...requests] };
}

/** The Requests tab's filters (administrators): waiting for approval, all, or one's own. */
export type RequestFilter = "pending" | "all" | "mine";

export const REQUEST_FILTERS: [RequestFilter, string][] = [
  ["pending", "Pending"],
  ["all", "All"],
  ["mine", "Mine"],
];

export function isRequestFilter(value: unknown): value is RequestFilter {
  return REQUEST_FILTERS.some(([id]) => id === value);
}

export function matchesRequestFilter(request: MediaRequest, filter: RequestFilter, me: string | undefined): boolean {
  return filter === "all" || (filter === "pending" ? request.status === "pending" : askedBy(request, me));
}
