/** Navigation inside Home Assistant's frontend, shared by the panel and the dashboard cards. */
export { titleFromPath } from "../data/view-url";

/** Where the integration registers its panel (const.py, `PANEL_URL_PATH`). */
export const PANEL_PATH = "/pandora";

/**
 * Navigate inside Home Assistant's frontend, as its own `navigate()` does; `state` goes with a
 * new history entry (a replaced entry keeps its own).
 */
export function navigateTo(path: string, replace = false, state: unknown = null): void {
  if (replace) history.replaceState(history.state, "", path);
  else history.pushState(state, "", path);
  window.dispatchEvent(
    new CustomEvent("location-changed", { detail: { replace }, bubbles: true, composed: true }),
  );
}

/** The panel path that opens one title's details in Discover: `/pandora/discover/movie/693134`. */
export function titlePath(item: { media_type: string; tmdb_id: number }, prefix = PANEL_PATH): string {
  return `${prefix}/discover/${item.media_type}/${item.tmdb_id}`;
}
