/**
 * Names shared with the Python side, defined once for the panel. `tests/test_shared_names.py`
 * reads these two arrays and checks they equal Python's (the Discover lists and the request
 * statuses, and services.yaml's selectors): adding a name on either side alone fails that test.
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
  "waiting_for_space",
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
  "waiting_for_space",
  "downloading",
  "importing",
];
