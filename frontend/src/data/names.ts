/**
 * Names shared with the Python side, defined once for the panel. `tests/test_shared_names.py`
 * reads these two arrays and checks they equal Python's (`discovery.DISCOVER_LISTS`,
 * `requests.STATUSES`): adding a name on either side alone fails that test.
 */

/** The Discover lists `pandora/discover` serves (discovery.py). */
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

/** A household request's statuses (requests.py). */
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
