/** Navigation inside Home Assistant's frontend, shared by the panel and the dashboard cards. */

/** Where the integration registers its panel (panel.py, `PANEL_URL_PATH`). */
export const PANEL_PATH = "/pandora";

/** Navigate inside Home Assistant's frontend, as its own `navigate()` does. */
export function navigateTo(path: string, replace = false): void {
  if (replace) history.replaceState(history.state, "", path);
  else history.pushState(null, "", path);
  window.dispatchEvent(
    new CustomEvent("location-changed", { detail: { replace }, bubbles: true, composed: true }),
  );
}

/** The panel path that opens one title's details in Discover: `/pandora/discover/movie/693134`. */
export function titlePath(item: { media_type: string; tmdb_id: number }, prefix = PANEL_PATH): string {
  return `${prefix}/discover/${item.media_type}/${item.tmdb_id}`;
}

/** The title a Discover route names (`/discover/tv/1396` → tv 1396), if any. */
export function titleFromPath(
  path: string | undefined,
): { media_type: "movie" | "tv"; tmdb_id: number } | null {
  const [tab, mediaType, id] = (path ?? "").split("/").filter(Boolean);
  const tmdbId = Number(id);
  if (tab !== "discover" || (mediaType !== "movie" && mediaType !== "tv")) return null;
  if (!Number.isInteger(tmdbId) || tmdbId <= 0) return null;
  return { media_type: mediaType, tmdb_id: tmdbId };
}
