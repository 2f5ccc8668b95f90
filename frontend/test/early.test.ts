import { describe, expect, it, vi } from "vitest";
import { PandoraApi } from "../src/data/api";
import { EARLY_MS, HOME_KEY, discoverKey, startEarly, takeEarly, type EarlyGlobal } from "../src/app/early";
import { preloadPanel } from "../src/app/preload";
import { DISCOVER_LISTS, type WsMessage } from "../src/data/types";
import { discover_trending_day as trending } from "./fixture-files";
import { FakeWsError, fakeHass, settle } from "./helpers";

const INFO = { version: "1.0.0", admin: true, loaded: true, services: { tmdb: [{ id: "t", title: "TMDB" }] } };

/** Home Assistant's early connection, answering from a table. */
function earlyGlobal(answer: (message: WsMessage) => unknown = () => INFO) {
  const sendMessagePromise = vi.fn(async (message: WsMessage) => {
    const value = answer(message);
    if (value instanceof FakeWsError) throw value;
    return value;
  });
  const conn = { sendMessagePromise } as unknown as { sendMessagePromise<T>(m: WsMessage): Promise<T> };
  const global: EarlyGlobal = { hassConnection: Promise.resolve({ conn }) };
  return { global, sendMessagePromise };
}

/** Empty the early answers between tests. */
function forget(): void {
  takeEarly("info");
  takeEarly(HOME_KEY);
  for (const list of DISCOVER_LISTS) takeEarly(discoverKey(list));
}

describe("startEarly", () => {
  it("asks for info, the personal rows and every Discover row on the panel's Discover pages", async () => {
    for (const path of ["/pandora", "/pandora/", "/pandora/discover", "/pandora/discover/movie/603"]) {
      const { global, sendMessagePromise } = earlyGlobal();
      expect(startEarly(path, global)).toBe(true);
      await settle();
      expect(sendMessagePromise).toHaveBeenCalledWith({ type: "pandora/info" });
      expect(sendMessagePromise).toHaveBeenCalledWith({ type: "pandora/home" });
      expect(sendMessagePromise).toHaveBeenCalledWith({ type: "pandora/discover", list: "trending_day", page: 1 });
      expect(sendMessagePromise).toHaveBeenCalledTimes(2 + DISCOVER_LISTS.length);
      forget();
    }
  });

  it("asks nothing elsewhere", async () => {
    for (const path of ["/", "/lovelace/0", "/pandora/downloads", "/pandora-other", "/config/pandora"]) {
      const { global, sendMessagePromise } = earlyGlobal();
      expect(startEarly(path, global)).toBe(false);
      await settle();
      expect(sendMessagePromise).not.toHaveBeenCalled();
    }
  });

  it("waits for Home Assistant's connection when its core bundle has not opened it yet", async () => {
    vi.useFakeTimers();
    try {
      const { global: later, sendMessagePromise } = earlyGlobal();
      const global: EarlyGlobal = {};
      startEarly("/pandora", global);
      await vi.advanceTimersByTimeAsync(100);
      expect(sendMessagePromise).not.toHaveBeenCalled();
      global.hassConnection = later.hassConnection;
      await vi.advanceTimersByTimeAsync(30);
      expect(sendMessagePromise).toHaveBeenCalledWith({ type: "pandora/info" });
    } finally {
      vi.useRealTimers();
      forget();
    }
  });
});

describe("PandoraApi with early answers", () => {
  it("uses each early answer once instead of asking again", async () => {
    const { global } = earlyGlobal((message) => (message.type === "pandora/info" ? INFO : trending));
    startEarly("/pandora", global);
    const { hass, callWS } = fakeHass({ "pandora/info": INFO, "pandora/discover": trending });
    const api = new PandoraApi(hass);
    expect(await api.info()).toEqual(INFO);
    expect(await api.discover("trending_day")).toEqual(trending);
    expect(callWS).not.toHaveBeenCalled();
    // Used once: the next info is asked for again.
    await api.info();
    expect(callWS).toHaveBeenCalledWith({ type: "pandora/info" });
    forget();
  });

  it("uses the early pandora/home answer once (the banner does not pop in late)", async () => {
    const HOME = { featured: null, watchlist: [], continue_watching: [], recently_added: [], jellyfin: false, jellyfin_user: null, errors: {} };
    const { global, sendMessagePromise } = earlyGlobal((message) => (message.type === "pandora/home" ? HOME : INFO));
    startEarly("/pandora/discover", global);
    const { hass, callWS } = fakeHass({ "pandora/home": { ...HOME, jellyfin: true } });
    const api = new PandoraApi(hass);
    expect(await api.home()).toEqual(HOME);
    expect(sendMessagePromise).toHaveBeenCalledWith({ type: "pandora/home" });
    expect(callWS).not.toHaveBeenCalled();
    // Never cached: the next one (after a My List change, say) is asked again.
    expect((await api.home()).jellyfin).toBe(true);
    expect(callWS).toHaveBeenCalledWith({ type: "pandora/home" });
    forget();
  });

  it("asks again when the early answer failed (the hub was still starting, say)", async () => {
    const { global } = earlyGlobal(() => new FakeWsError("not_found", "Pandora is not loaded."));
    startEarly("/pandora", global);
    const { hass, callWS } = fakeHass({ "pandora/info": INFO });
    const api = new PandoraApi(hass);
    expect(await api.info()).toEqual(INFO);
    expect(callWS).toHaveBeenCalledWith({ type: "pandora/info" });
    forget();
  });

  it("ignores an early answer that is no longer fresh", async () => {
    const { global } = earlyGlobal(() => ({ ...INFO, version: "old" }));
    startEarly("/pandora", global, 1_000);
    const { hass } = fakeHass({ "pandora/info": INFO });
    const api = new PandoraApi(hass, () => 1_000 + EARLY_MS + 1);
    expect((await api.info()).version).toBe("1.0.0");
    forget();
  });
});

describe("preloadPanel", () => {
  const CARDS = "http://ha.local:8123/pandora_static/pandora-cards.js?v=aaaa&panel=0123abcd";

  it("imports the very URL Home Assistant will import, on the panel's pages", () => {
    const load = vi.fn(async () => ({}));
    const url = preloadPanel(CARDS, "/pandora/files", load);
    expect(url).toBe("http://ha.local:8123/pandora_static/pandora-panel.js?v=0123abcd");
    // panel.py registers module_url "/pandora_static/pandora-panel.js?v=<version>".
    expect(new URL("/pandora_static/pandora-panel.js?v=0123abcd", "http://ha.local:8123/lovelace").href).toBe(url);
    expect(load).toHaveBeenCalledWith(url);
  });

  it("loads nothing on other pages or without the panel's version", () => {
    const load = vi.fn(async () => ({}));
    expect(preloadPanel(CARDS, "/lovelace/0", load)).toBeNull();
    expect(preloadPanel(CARDS.replace("&panel=0123abcd", ""), "/pandora", load)).toBeNull();
    expect(load).not.toHaveBeenCalled();
  });

  it("swallows a failed load (Home Assistant imports it again and reports it)", async () => {
    const load = vi.fn(() => Promise.reject(new Error("404")));
    expect(preloadPanel(CARDS, "/pandora", load)).not.toBeNull();
    await settle();
  });
});
