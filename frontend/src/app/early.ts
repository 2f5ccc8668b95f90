/**
 * Answers asked for while Home Assistant's frontend is still starting, so that Discover has its
 * rows by the time Home Assistant creates the panel (time to first render).
 *
 * On the panel's own page this module is loaded early (the cards module imports it, see
 * preload.ts) and sends `pandora/info`, `pandora/home` and the Discover rows over Home Assistant's connection,
 * `window.hassConnection`, which Home Assistant's core bundle opens before any panel exists (and
 * custom cards have long relied on). Each answer is used once, and only while fresh; a failed one
 * is simply asked again the normal way.
 */
import { PANEL_PATH } from "./preload";
import { DISCOVER_LISTS, type WsMessage } from "../data/types";

/** An early answer older than this is not used (the page was left open, say). */
export const EARLY_MS = 30_000;
/** How long to wait for Home Assistant's core bundle to open its connection. */
const CONNECTION_WAIT_MS = 5_000;

interface EarlyConnection {
  sendMessagePromise<T>(message: WsMessage): Promise<T>;
}

export interface EarlyGlobal {
  hassConnection?: Promise<{ conn: EarlyConnection }>;
}

const answers = new Map<string, { at: number; value: Promise<unknown> }>();

/** The early answer for `key` (once), or undefined. */
export function takeEarly<T>(key: string, now = Date.now()): Promise<T> | undefined {
  const hit = answers.get(key);
  answers.delete(key);
  if (!hit || now - hit.at > EARLY_MS) return undefined;
  return hit.value as Promise<T>;
}

/** The key `PandoraApi` looks the early `pandora/home` answer up by. */
export const HOME_KEY = "home";

/** The key `PandoraApi` looks an early Discover row up by. */
export const discoverKey = (list: string, page = 1) => `discover:${list}:${page}`;

function connection(global: EarlyGlobal, waited = 0): Promise<{ conn: EarlyConnection } | undefined> {
  if (global.hassConnection) return global.hassConnection;
  if (waited >= CONNECTION_WAIT_MS) return Promise.resolve(undefined);
  return new Promise((resolve) => setTimeout(() => resolve(connection(global, waited + 25)), 25));
}

/** On the panel's Discover page (`/pandora`, `/pandora/discover/...`): ask for its data now. */
export function startEarly(path: string, global: EarlyGlobal, now = Date.now()): boolean {
  const [first, tab] = path.split("/").filter(Boolean);
  if (first !== PANEL_PATH || (tab !== undefined && tab !== "discover")) return false;
  const opened = connection(global);
  const ask = (key: string, message: WsMessage) => {
    const value = opened.then((hass) => {
      if (!hass) throw new Error("Home Assistant's connection did not open.");
      return hass.conn.sendMessagePromise(message);
    });
    value.catch(() => undefined); // unhandled otherwise; the panel asks again
    answers.set(key, { at: now, value });
  };
  ask("info", { type: "pandora/info" });
  // The banner, My List and Jellyfin rows at the top: asked with the rest so they do not pop in late.
  ask(HOME_KEY, { type: "pandora/home" });
  for (const list of DISCOVER_LISTS) ask(discoverKey(list), { type: "pandora/discover", list, page: 1 });
  return true;
}
