/**
 * Names the backend and the panel share: the Discover lists (`pandora/discover`'s `list`) and the
 * household request statuses. The Python side defines them too; keep both the same (a check or
 * a generator owns this file once the websocket answers become the panel's test fixtures).
 */

export const DISCOVER_LISTS = [
  "trending_day",
  "trending_week",
  "popular_movies",
  "popular_tv",
  "top_rated_movies",
  "upcoming_movies",
  "now_playing_movies",
  "on_the_air_tv",
] as const;

export type DiscoverList = (typeof DISCOVER_LISTS)[number];

export const REQUEST_STATUSES = [
  "pending",
  "approved",
  "denied",
  "withdrawn",
  "searching",
  "downloading",
  "importing",
  "available",
  "failed",
] as const;

export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** On their way: asking again for the same title (season) joins these. */
export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = [
  "pending",
  "approved",
  "searching",
  "downloading",
  "importing",
];
