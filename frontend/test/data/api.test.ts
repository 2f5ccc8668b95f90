import { describe, expect, it, vi } from "vitest";
import {
  CACHE_TTL_MS,
  PandoraApi,
  emptyTorrentState,
  errorMessage,
  applyTorrentEvent,
  torrentKey,
} from "../../src/data/api";
import type { TorrentEvent } from "../../src/data/types";
import { torrents_changed as changed, torrents_full as full, torrents_unavailable as unavailable, discover_trending_day as trending } from "../fixture-files";
import { FakeWsError, fakeHass, fullTorrentEvent, settle, torrentsOf } from "../helpers";

const FULL = full as TorrentEvent;
const CHANGED = changed as TorrentEvent;
const UNAVAILABLE = unavailable as TorrentEvent;
const NAS = "01JQBT0000000000000000001";
const SEEDBOX = "01JQBT0000000000000000002";
const DUNE = "a3b552f85762e0f6a610fdda8089ed7c905953e2"; // Night of the Living Dead, downloading
const UBUNTU = "edc2b2bed4f237e170a6e4899009d715512098d9"; // Big Buck Bunny, paused

/** A fresh state with `events` applied; each event's diffs too. */
function applied(...events: TorrentEvent[]) {
  const state = emptyTorrentState();
  const diffs = events.map((event) => applyTorrentEvent(state, event));
  return { state, diffs };
}

describe("applyTorrentEvent", () => {
  it("takes every torrent of a full event, with its qBittorrent's title", () => {
    const { state, diffs } = applied(FULL);
    expect(diffs).toEqual([null]);
    expect(state.loaded).toBe(true);
    expect(state.torrents.size).toBe(3);
    const dune = state.torrents.get(torrentKey({ instance: NAS, hash: DUNE }))!;
    expect(dune.progress).toBe(0.4213);
    expect(dune.instance_title).toBe("qBittorrent nas:8080");
    expect(state.unavailable).toEqual([]);
  });

  it("merges the changed fields, adds new torrents whole and drops removed ones", () => {
    const { state, diffs } = applied(FULL);
    const before = state.torrents.get(torrentKey({ instance: NAS, hash: DUNE }))!;
    const changes = applyTorrentEvent(state, CHANGED);
    expect(diffs).toEqual([null]);
    expect(state.torrents.size).toBe(3 - 1);
    const dune = state.torrents.get(torrentKey({ instance: NAS, hash: DUNE }))!;
    expect(dune.progress).toBe(0.75);
    expect(dune.eta).toBe(330);
    // What the event left out is kept; the torrent is a new object (rows compare identity).
    expect(dune.name).toBe(before.name);
    expect(dune.added).toBe(before.added);
    expect(dune).not.toBe(before);
    expect(before.progress).toBe(0.4213);
    expect(state.torrents.has(torrentKey({ instance: NAS, hash: UBUNTU }))).toBe(false);
    expect([...state.torrents.values()].map((t) => t.name)).toContain("The.Cisco.Kid.S01.1080p.WEB-DL.AAC2.0.H.264");
    // What changed, for the list to follow: removed, changed, new.
    expect(changes!.map((d) => [d.key, Boolean(d.before), Boolean(d.after)])).toEqual([
      [torrentKey({ instance: NAS, hash: UBUNTU }), true, false],
      [torrentKey({ instance: NAS, hash: DUNE }), true, true],
    ]);
    // The same hash in another qBittorrent is a different torrent.
    const { instance_title: _title, ...first } = torrentsOf(FULL)[0]!;
    applyTorrentEvent(state, {
      full: false,
      torrents: [{ ...first, instance: SEEDBOX, status: "seeding" }],
      removed: [],
      unavailable: [],
    });
    const copy = state.torrents.get(torrentKey({ instance: SEEDBOX, hash: DUNE }))!;
    expect(copy.status).toBe("seeding");
    expect(copy.instance_title).toBe("qBittorrent seedbox:8080");
    expect(changes![1]!.before).toBe(before);
  });

  it("removes by instance and hash, not by hash alone", () => {
    const { state } = applied(FULL, CHANGED, {
      full: false,
      torrents: [],
      removed: [{ instance: SEEDBOX, hash: DUNE }],
      unavailable: [],
    });
    expect(state.torrents.has(torrentKey({ instance: SEEDBOX, hash: DUNE }))).toBe(false);
    expect(state.torrents.has(torrentKey({ instance: NAS, hash: DUNE }))).toBe(true);
  });

  it("keeps torrents and reports qBittorrents that do not answer", () => {
    const { state } = applied(FULL, UNAVAILABLE);
    expect(state.unavailable).toEqual([SEEDBOX]);
    expect(state.torrents.size).toBe(3);
    applyTorrentEvent(state, { full: false, torrents: [], removed: [], unavailable: [] });
    expect(state.unavailable).toEqual([]);
  });

  it("a later full event replaces everything", () => {
    const { state } = applied(FULL, CHANGED, fullTorrentEvent([torrentsOf(FULL)[0]!], { [NAS]: "renamed" }, [SEEDBOX]));
    expect(state.torrents.size).toBe(1);
    expect([...state.torrents.values()][0]!.instance_title).toBe("renamed");
    expect(state.unavailable).toEqual([SEEDBOX]);
  });
});

describe("TorrentSubscription", () => {
  it("subscribes with the contract's type and merges pushed events", async () => {
    const fake = fakeHass();
    const api = new PandoraApi(fake.hass);
    const onChange = vi.fn();
    const subscription = api.subscribeTorrents(onChange, vi.fn());
    await settle(1);
    expect(fake.subscribeMessage).toHaveBeenCalledWith(expect.any(Function), {
      type: "pandora/torrents/subscribe",
    });
    fake.push(FULL);
    fake.push(CHANGED);
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(subscription.state.torrents.size).toBe(2);
    expect(onChange.mock.calls[0]![1]).toBeNull(); // full: no diffs, start over
    const [state, diffs] = onChange.mock.calls[1]!;
    expect(state).toBe(subscription.state);
    expect(diffs).toHaveLength(2);
  });

  it("unsubscribes on close, once, and ignores later events", async () => {
    const fake = fakeHass();
    const api = new PandoraApi(fake.hass);
    const onChange = vi.fn();
    const subscription = api.subscribeTorrents(onChange, vi.fn());
    await settle(1);
    const { callback, unsubscribe } = fake.subscriptions[0]!;
    await subscription.close();
    await subscription.close();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    callback(FULL);
    expect(onChange).not.toHaveBeenCalled();
    expect(subscription.active).toBe(false);
  });

  it("unsubscribes when closed before Home Assistant confirmed the subscription", async () => {
    const fake = fakeHass();
    const api = new PandoraApi(fake.hass);
    const subscription = api.subscribeTorrents(vi.fn(), vi.fn());
    const closing = subscription.close();
    await closing;
    expect(fake.subscriptions).toHaveLength(0);
    expect(fake.subscribeMessage).toHaveBeenCalledTimes(1);
  });

  it("reports a refused subscription", async () => {
    const fake = fakeHass({}, { subscribeError: new FakeWsError("not_found", "No qBittorrent is set up") });
    const onError = vi.fn();
    new PandoraApi(fake.hass).subscribeTorrents(vi.fn(), onError);
    await settle(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: "not_found" }));
  });

  it("survives an unsubscribe that fails because the connection is gone", async () => {
    const fake = fakeHass();
    const subscription = new PandoraApi(fake.hass).subscribeTorrents(vi.fn(), vi.fn());
    await settle(1);
    fake.subscriptions[0]!.unsubscribe.mockRejectedValueOnce(new Error("Connection lost"));
    await expect(subscription.close()).resolves.toBeUndefined();
  });
});

describe("PandoraApi", () => {
  it("sends the contract's commands", async () => {
    const fake = fakeHass({
      "pandora/discover": trending,
      "pandora/search_media": trending,
      "pandora/history": { events: [], files: [] },
      "pandora/torrents/action": null,
    });
    const api = new PandoraApi(fake.hass);
    await api.discover("trending_day");
    await api.searchMedia("dune");
    await api.history();
    await api.torrentAction({ action: "pause", hashes: [DUNE], instance: NAS });
    expect(fake.callWS.mock.calls.map(([m]) => m)).toEqual([
      { type: "pandora/discover", list: "trending_day", page: 1 },
      { type: "pandora/search_media", query: "dune", page: 1 },
      { type: "pandora/history", limit: 50 },
      { type: "pandora/torrents/action", action: "pause", hashes: [DUNE], instance: NAS },
    ]);
  });

  it("sends the files, library, containers and VPN commands", async () => {
    const fake = fakeHass({
      "pandora/files/list": { path: "/", files: [] },
      "pandora/files/move": { moved: [], destination: "/Movies", server: "s", scanned: null },
      "pandora/files/delete": null,
      "pandora/library/scan": { scanned: [] },
      "pandora/containers/restart": null,
      "pandora/containers/logs": { container: "x", state: "running", lines: [] },
      "pandora/stacks/redeploy": null,
      "pandora/vpn/country": { country: "Sweden", public_ip: null, public_ip_country: null },
    });
    const api = new PandoraApi(fake.hass);
    await api.listFiles("/Downloaded");
    await api.listFiles("/", "share");
    await api.moveFiles({ paths: ["/a"], destination: "tv", scan_after: false });
    expect(await api.deleteFiles(["/Downloaded/a", "/Downloaded/b"])).toBeNull();
    await api.deleteFiles(["/c"], "share");
    await api.scanLibrary("all");
    await api.restartContainer("jellyfin", "p1");
    await api.containerLogs("jellyfin", 500);
    await api.redeployStack("3", "p1");
    await api.setVpnCountry("Sweden", "g1");
    expect(fake.callWS.mock.calls.map(([m]) => m)).toEqual([
      { type: "pandora/files/list", path: "/Downloaded" },
      { type: "pandora/files/list", path: "/", instance: "share" },
      { type: "pandora/files/move", paths: ["/a"], destination: "tv", scan_after: false },
      { type: "pandora/files/delete", paths: ["/Downloaded/a", "/Downloaded/b"] },
      { type: "pandora/files/delete", paths: ["/c"], instance: "share" },
      { type: "pandora/library/scan", library: "all" },
      { type: "pandora/containers/restart", container: "jellyfin", instance: "p1" },
      { type: "pandora/containers/logs", container: "jellyfin", tail: 500 },
      { type: "pandora/stacks/redeploy", stack: "3", instance: "p1" },
      { type: "pandora/vpn/country", country: "Sweden", instance: "g1" },
    ]);
  });

  it("sends the watching commands (pandora/home, My List, the banner, play)", async () => {
    const fake = fakeHass({
      "pandora/home": { featured: null, watchlist: [], continue_watching: [], recently_added: [], jellyfin: false, jellyfin_user: null, errors: {} },
      "pandora/watchlist/list": { watchlist: [] },
      "pandora/watchlist/add": { watchlist: [] },
      "pandora/watchlist/remove": { watchlist: [] },
      "pandora/featured/set": { featured: null },
      "pandora/featured/clear": { featured: null },
      "pandora/play": { entity_id: "media_player.tv", title: "Dune: Part Two" },
      "pandora/media": trending.results[0],
    });
    const api = new PandoraApi(fake.hass);
    await api.home();
    await api.watchlist();
    await api.addToWatchlist(693134, "movie");
    await api.removeFromWatchlist(1396, "tv");
    await api.setFeatured(693134, "movie");
    await api.clearFeatured();
    expect(await api.play({ entity_id: "media_player.tv", tmdb_id: 693134, media_type: "movie" })).toEqual({
      entity_id: "media_player.tv",
      title: "Dune: Part Two",
    });
    await api.play({ entity_id: "media_player.tv", item_id: "abc", instance: "j1" });
    expect(fake.callWS.mock.calls.map(([m]) => m)).toEqual([
      { type: "pandora/home" },
      { type: "pandora/watchlist/list" },
      { type: "pandora/watchlist/add", tmdb_id: 693134, media_type: "movie" },
      { type: "pandora/watchlist/remove", tmdb_id: 1396, media_type: "tv" },
      { type: "pandora/featured/set", tmdb_id: 693134, media_type: "movie" },
      { type: "pandora/featured/clear" },
      { type: "pandora/play", entity_id: "media_player.tv", tmdb_id: 693134, media_type: "movie" },
      { type: "pandora/play", entity_id: "media_player.tv", item_id: "abc", instance: "j1" },
    ]);
    // A My List change makes the title's cached details (their in_watchlist) stale.
    await api.media(693134, "movie");
    await api.addToWatchlist(693134, "movie");
    await api.media(693134, "movie");
    expect(fake.callWS.mock.calls.filter(([m]) => m.type === "pandora/media")).toHaveLength(2);
  });

  it("opens snapshot subscriptions that stop delivering once closed", async () => {
    const fake = fakeHass();
    const api = new PandoraApi(fake.hass);
    const events: unknown[] = [];
    const subscription = api.subscribe("pandora/library/subscribe", (e) => events.push(e), () => undefined);
    await settle(1);
    expect(fake.subscribeMessage).toHaveBeenCalledWith(expect.any(Function), { type: "pandora/library/subscribe" });
    fake.pushTo("pandora/library/subscribe", { jellyfin: [] });
    const { callback, unsubscribe } = fake.subscriptions[0]!;
    await subscription.close();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    callback({ jellyfin: [1] });
    expect(events).toEqual([{ jellyfin: [] }]);
    expect(subscription.active).toBe(false);
    expect(() => new PandoraApi().subscribe("pandora/containers/subscribe", () => undefined, () => undefined)).toThrow(
      /Not connected/,
    );
  });

  it("keeps lists for a while but not failures", async () => {
    let now = 1_000;
    let fail = true;
    const fake = fakeHass({
      "pandora/discover": () => (fail ? new FakeWsError("home_assistant_error", "TMDB is down") : trending),
    });
    const api = new PandoraApi(fake.hass, () => now);
    await expect(api.discover("popular_tv")).rejects.toMatchObject({ message: "TMDB is down" });
    fail = false;
    await api.discover("popular_tv");
    await api.discover("popular_tv");
    expect(fake.callWS).toHaveBeenCalledTimes(2);
    now += CACHE_TTL_MS + 1;
    await api.discover("popular_tv");
    expect(fake.callWS).toHaveBeenCalledTimes(3);
  });

  it("rejects when Home Assistant is not connected yet", async () => {
    await expect(new PandoraApi().info()).rejects.toThrow(/Not connected/);
  });

  it("reads messages out of websocket errors", () => {
    expect(errorMessage(new FakeWsError("unauthorized", "Only administrators can do this"))).toBe(
      "Only administrators can do this",
    );
    expect(errorMessage({ code: "not_found" })).toBe("not_found");
    expect(errorMessage(new Error("boom"))).toBe("boom");
    expect(errorMessage(undefined)).toBe("Something went wrong.");
  });
});
