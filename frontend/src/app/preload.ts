/**
 * Start loading the panel's module from the cards module, which Home Assistant imports on every
 * page right beside its own bundles (`frontend.add_extra_js_url`): on the panel's page the panel
 * is then ready when Home Assistant's router asks for it instead of being fetched only then.
 * The integration names the panel bundle's version in the cards module's URL (`&panel=`), so the
 * URL is the very one Home Assistant imports and the module is evaluated once.
 */
/** The panel's URL path (const.py PANEL_URL_PATH). */
export const PANEL_PATH = "pandora";

export function preloadPanel(
  moduleUrl: string,
  path: string,
  load: (url: string) => Promise<unknown> = (url) => import(/* @vite-ignore */ url),
): string | null {
  const version = new URL(moduleUrl).searchParams.get("panel");
  if (!version || path.split("/").filter(Boolean)[0] !== PANEL_PATH) return null;
  const url = new URL(`pandora-panel.js?v=${encodeURIComponent(version)}`, moduleUrl).href;
  load(url).catch(() => undefined); // Home Assistant imports it again and reports any failure
  return url;
}
