import { afterEach, describe, expect, it } from "vitest";
import { PandoraApi } from "../src/data/api";
import "../src/tabs/discover/pandora-panel-discover";
import type { PandoraDiscover } from "../src/tabs/discover/pandora-panel-discover";
import type { PandoraMediaDetails } from "../src/tabs/discover/pandora-panel-details";
import type {
  Featured,
  HassEntity,
  HomeRows,
  Info,
  MediaItem,
  MediaPage,
  JellyfinEntry,
  WatchlistEntry,
  WsMessage,
} from "../src/data/types";
import { entryProgress, entryTitle, playablePlayers, remainingText } from "../src/data/watching";
import { discover_trending_day as trending, home as homeFixture, info_requests as infoRequests, media_movie as movie, media_tv as tv } from "./fixture-files";
import {
  FakeWsError,
  buttonWith,
  cleanup,
  deepQuery,
  deepQueryAll,
  deepText,
  fakeHass,
  mount,
  settle,
  type Responder,
} from "./helpers";

const REAL_HOME = homeFixture as unknown as HomeRows;
const JELLYFIN = "01JJFN0000000000000000001";
const [ciscoKid, theGeneral] = REAL_HOME.recently_added as [JellyfinEntry, JellyfinEntry];
/**
 * The generated pandora/home, with what its simulated Jellyfin and My List lack:
 * - Continue watching is empty there (nothing is in progress): an episode of The Cisco Kid
 *   (the library's show) part-watched, and a home video TMDB does not know, are put in, built
 *   from Recently added's entries.
 * - My List holds only The Cisco Kid, in the library: Nosferatu (Discover's trending movie, not
 *   in the library) is added after it.
 */
const HOME: HomeRows = {
  ...REAL_HOME,
  watchlist: [
    ...REAL_HOME.watchlist,
    {
      ...(trending.results.find((r) => r.tmdb_id === 900002)! as MediaItem),
      added_at: "2026-11-23T10:00:00+00:00",
      in_library: false,
      library: null,
    },
  ],
  continue_watching: [
    {
      ...ciscoKid,
      item_id: "aa6d5bdb1d24db287c27fbaaaecd0102",
      name: "The Old Bandit",
      type: "Episode",
      series_name: "The Cisco Kid",
      season: 1,
      episode: 2,
      overview: "Cisco and Pancho meet an old bandit.",
      progress: 24.7,
      position_seconds: 825,
      runtime_seconds: 3345,
      backdrop_url: "/api/pandora/jellyfin_image/01JJFN0000000000000000001/aa6d5bdb1d24db287c27fbaaaecd0102/Primary?authSig=SIGNED",
      web_url: "http://nas:8096/web/#/details?id=aa6d5bdb1d24db287c27fbaaaecd0102",
    },
    {
      ...theGeneral,
      item_id: "7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a",
      name: "Holiday 2019",
      type: "Video",
      year: 2019,
      overview: null,
      progress: null,
      position_seconds: 600,
      runtime_seconds: 1800,
      image_url: null,
      backdrop_url: null,
      tmdb_id: null,
      media_type: null,
      web_url: "http://nas:8096/web/#/details?id=7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a",
    },
  ],
};
const INFO: Info = {
  ...(infoRequests as Info),
  services: { ...(infoRequests as Info).services, jellyfin: [{ id: JELLYFIN, title: "Jellyfin nas:8096" }] },
};
const LIBRARY = HOME.watchlist[0]!.library!;

const PLAYERS: Record<string, HassEntity> = Object.fromEntries(
  (
    [
      ["media_player.living_room", "idle", "Living room TV", 152463],
      ["media_player.bedroom", "off", "Bedroom", 21437],
      ["media_player.kitchen", "unavailable", "Kitchen", 152463],
      ["media_player.radio", "playing", "Radio", 4 | 1],
      ["light.kitchen", "on", "Kitchen light", 512],
    ] as const
  ).map(([entity_id, state, friendly_name, supported_features]) => [
    entity_id,
    { entity_id, state, attributes: { friendly_name, supported_features } },
  ]),
);

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const key = (item: { media_type: string; tmdb_id: number }) => `${item.media_type}:${item.tmdb_id}`;
const page = (list: string): MediaPage => ({ ...(trending as MediaPage), list }) as MediaPage;

/** A backend that keeps My List and the banner, as Pandora's would. */
function backend(initial: Partial<HomeRows> = {}) {
  const state: HomeRows = { ...clone(HOME), ...clone(initial) };
  const known = new Map<string, MediaItem>(
    [...(trending.results as MediaItem[]), ...HOME.watchlist, HOME.featured!].map((item) => [key(item), item]),
  );
  const sync = () => {
    if (state.featured) state.featured.in_watchlist = state.watchlist.some((w) => key(w) === key(state.featured!));
  };
  const responses: Record<string, Responder> = {
    "pandora/discover": (m: WsMessage) => page(String(m.list)),
    "pandora/media": (m: WsMessage) => (m.media_type === "tv" ? tv : movie),
    "pandora/home": () => state,
    "pandora/watchlist/add": (m: WsMessage) => {
      const item = known.get(`${String(m.media_type)}:${String(m.tmdb_id)}`)!;
      const entry: WatchlistEntry = { ...item, added_at: "2025-11-23T10:00:00+00:00", library: null };
      state.watchlist = [entry, ...state.watchlist.filter((w) => key(w) !== key(item))];
      sync();
      return { watchlist: state.watchlist };
    },
    "pandora/watchlist/remove": (m: WsMessage) => {
      state.watchlist = state.watchlist.filter((w) => key(w) !== `${String(m.media_type)}:${String(m.tmdb_id)}`);
      sync();
      return { watchlist: state.watchlist };
    },
    "pandora/featured/set": (m: WsMessage) => {
      const item = known.get(`${String(m.media_type)}:${String(m.tmdb_id)}`)!;
      state.featured = { ...item, chosen: true, library: null, in_watchlist: false, in_library: false };
      sync();
      return { featured: state.featured };
    },
    "pandora/featured/clear": () => {
      state.featured = clone(HOME.featured);
      sync();
      return { featured: state.featured };
    },
    "pandora/play": (m: WsMessage) => ({ entity_id: m.entity_id, title: m.item_id ? "The Old Bandit" : movie.title }),
  };
  return { state, responses };
}

async function discover(
  options: {
    admin?: boolean;
    home?: Partial<HomeRows>;
    overrides?: Record<string, Responder>;
    states?: Record<string, HassEntity>;
  } = {},
) {
  const admin = options.admin ?? false;
  const { state, responses } = backend(options.home);
  const fake = fakeHass({ ...responses, ...options.overrides }, { admin });
  fake.hass.states = options.states ?? PLAYERS;
  const element = document.createElement("pandora-panel-discover") as PandoraDiscover;
  element.api = new PandoraApi(fake.hass);
  element.info = { ...INFO, admin };
  element.admin = admin;
  await mount(element);
  return { fake, state, element, root: element.shadowRoot! };
}

const calls = (fake: ReturnType<typeof fakeHass>, type: string) =>
  fake.callWS.mock.calls.map(([m]) => m).filter((m) => m.type === type);

/** The buttons and links of a (shadow) root by role and accessible name. */
function controls(root: ShadowRoot | Element) {
  const name = (el: Element) => el.getAttribute("aria-label") ?? deepText(el);
  return {
    buttons: [...root.querySelectorAll("button")].map(name),
    links: [...root.querySelectorAll("a[href]")].map(name),
  };
}

const banner = (root: ShadowRoot) => root.querySelector("pandora-panel-featured")!.shadowRoot!;
const row = (root: ShadowRoot, list: string) => root.querySelector<HTMLElement>(`section[data-list="${list}"]`);
const details = (root: ShadowRoot) => root.querySelector<PandoraMediaDetails>("pandora-panel-details")!.shadowRoot!;

afterEach(cleanup);

describe("Discover's featured banner", () => {
  it("shows the default banner with a user's buttons", async () => {
    const { root } = await discover();
    const b = banner(root);
    expect(b.querySelector("h2")!.textContent).toBe("The Stranger");
    expect(deepText(b.querySelector(".meta")!)).toContain("1946 · Movie");
    expect(b.querySelector(".rating")!.getAttribute("aria-label")).toBe("Rated 7.2 out of 10");
    expect(deepText(b)).toContain("A war-crimes investigator");
    expect(b.querySelector(".art img")!.getAttribute("src")).toBe(HOME.featured!.backdrop_url);
    // The default, said quietly.
    expect(b.querySelector(".origin")!.textContent!.trim()).toBe("Trending now");
    expect(b.querySelector("section")!.dataset.chosen).toBe("false");
    // Not in the library: no Play; Request (household requests), no Download for users.
    expect(controls(b)).toEqual({ buttons: ["My List", "More info", "Request"], links: [] });
    expect(b.querySelector(".my-list")!.getAttribute("aria-pressed")).toBe("false");
  });

  it("gives administrators Download, and Back to default on a chosen banner", async () => {
    const chosen: Featured = { ...HOME.featured!, chosen: true };
    const { fake, state, root } = await discover({ admin: true, home: { featured: chosen } });
    const b = banner(root);
    expect(b.querySelector(".origin")!.textContent!.trim()).toBe("Featured");
    expect(controls(b)).toEqual({
      buttons: ["My List", "More info", "Request", "Download", "Back to default"],
      links: [],
    });
    state.featured = clone(HOME.featured);
    buttonWith(b, "Back to default").click();
    await settle();
    expect(calls(fake, "pandora/featured/clear")).toEqual([{ type: "pandora/featured/clear" }]);
    expect(calls(fake, "pandora/home")).toHaveLength(2);
    expect(banner(root).querySelector(".origin")!.textContent!.trim()).toBe("Trending now");
    expect(deepQueryAll(banner(root), "button").some((b) => deepText(b).includes("Back to default"))).toBe(false);
  });

  it("offers no Play in Jellyfin when its link is not http(s)", async () => {
    const unsafe: Featured = {
      ...HOME.featured!,
      in_library: true,
      library: { ...LIBRARY, web_url: "javascript:alert(1)" },
    };
    const { root } = await discover({ home: { featured: unsafe }, states: {} });
    const b = banner(root);
    expect(controls(b).links).toEqual([]);
    expect(b.querySelector("a")).toBeNull();
    expect(b.querySelector(".play-on")!.classList.contains("primary")).toBe(true);
    // Nor in the Play on… sheet, which offers Jellyfin when no player can play.
    buttonWith(b, "Play on…").click();
    await settle();
    const play = root.querySelector("pandora-panel-play")!.shadowRoot!;
    expect(deepText(play)).toContain("No media player can play this.");
    expect(deepText(play)).not.toContain("Jellyfin");
    expect(play.querySelector("a")).toBeNull();
  });

  it("offers Play in Jellyfin and Play on… for a title in the library, not Request or Download", async () => {
    const inLibrary: Featured = {
      ...HOME.featured!,
      chosen: true,
      in_library: true,
      in_watchlist: true,
      library: { ...LIBRARY, type: "Movie" },
    };
    const { fake, root } = await discover({ admin: true, home: { featured: inLibrary } });
    const b = banner(root);
    expect(controls(b)).toEqual({
      buttons: ["Play on…", "My List", "More info", "Back to default"],
      links: ["Play in Jellyfin (opens in a new tab)"],
    });
    const link = b.querySelector<HTMLAnchorElement>("a.play-jellyfin")!;
    expect(link.getAttribute("href")).toBe(LIBRARY.web_url);
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener");
    expect(b.querySelector(".my-list")!.getAttribute("aria-pressed")).toBe("true");
    expect(deepText(b.querySelector(".meta")!)).toContain("In your library");

    // Play on… opens a small sheet with the players, which plays the title by its TMDB id.
    buttonWith(b, "Play on…").click();
    await settle();
    const sheet = root.querySelector("pandora-panel-sheet")!;
    expect(sheet.getAttribute("label")).toBe("Play The Stranger");
    const play = root.querySelector("pandora-panel-play")!.shadowRoot!;
    buttonWith(play, "Play on Living room TV").click();
    await settle();
    expect(calls(fake, "pandora/play")).toEqual([
      { type: "pandora/play", entity_id: "media_player.living_room", tmdb_id: 900037, media_type: "movie" },
    ]);
  });

  it("falls back to the poster without a backdrop, and More info opens the details", async () => {
    const { fake, root } = await discover({ home: { featured: { ...HOME.featured!, backdrop_url: null } } });
    const b = banner(root);
    expect(b.querySelector(".art img")!.getAttribute("src")).toBe(HOME.featured!.poster_url);
    expect(b.querySelector("section")!.classList.contains("poster-art")).toBe(true);
    buttonWith(b, "More info").click();
    await settle();
    expect(calls(fake, "pandora/media")).toEqual([{ type: "pandora/media", tmdb_id: 900037, media_type: "movie" }]);
    expect(root.querySelector("pandora-panel-details")).not.toBeNull();
  });

  it("Request opens the details and asks for the title at once", async () => {
    const { fake, root } = await discover({
      overrides: { "pandora/requests/create": { requests: [], created: [true] } },
    });
    buttonWith(banner(root), "Request").click();
    await settle();
    expect(root.querySelector("pandora-panel-details")).not.toBeNull();
    expect(calls(fake, "pandora/requests/create")).toEqual([
      { type: "pandora/requests/create", tmdb_id: 900037, media_type: "movie" },
    ]);
  });

  it("toggles My List from the banner", async () => {
    const { fake, root } = await discover();
    buttonWith(banner(root), "My List").click();
    await settle();
    expect(calls(fake, "pandora/watchlist/add")).toEqual([
      { type: "pandora/watchlist/add", tmdb_id: 900037, media_type: "movie" },
    ]);
    expect(banner(root).querySelector(".my-list")!.getAttribute("aria-pressed")).toBe("true");
    expect(row(root, "my_list")!.querySelector('[data-tmdb-id="900037"]')).not.toBeNull();
  });

  it("lets administrators feature a title from its details", async () => {
    const { fake, root } = await discover({ admin: true });
    // The first trending title is the default banner already: feature the second.
    row(root, "trending_day")!.querySelectorAll<HTMLButtonElement>("button.card")[1]!.click();
    await settle();
    buttonWith(details(root), "Feature on Discover").click();
    await settle();
    expect(calls(fake, "pandora/featured/set")).toEqual([
      { type: "pandora/featured/set", tmdb_id: 900036, media_type: "movie" },
    ]);
    expect(calls(fake, "pandora/home")).toHaveLength(2);
    expect(banner(root).querySelector("h2")!.textContent).toBe("Scarlet Street");
    expect(banner(root).querySelector(".origin")!.textContent!.trim()).toBe("Featured");
    const done = buttonWith(details(root), "Featured on Discover");
    expect(done.disabled).toBe(true);
  });

  it("does not offer Feature on Discover to users", async () => {
    const { root } = await discover();
    row(root, "trending_day")!.querySelector<HTMLButtonElement>("button.card")!.click();
    await settle();
    expect(details(root).querySelector("button.feature")).toBeNull();
    expect(details(root).querySelector("button.my-list")).not.toBeNull();
  });
});

describe("Discover's personal rows", () => {
  it("orders banner, My List, Continue watching, Recently added, then TMDB's rows", async () => {
    const { root } = await discover();
    const order = [...root.querySelectorAll("pandora-panel-featured, section.row")].map((el) =>
      el instanceof HTMLElement && el.dataset.list ? el.dataset.list : el.localName,
    );
    expect(order.slice(0, 5)).toEqual([
      "pandora-panel-featured",
      "my_list",
      "continue_watching",
      "recently_added",
      "trending_day",
    ]);
    expect(row(root, "my_list")!.querySelector("h2")!.textContent).toBe("My List");
  });

  it("adds a title to My List from a card, shows the row and refreshes; removing the last hides it", async () => {
    const { fake, root } = await discover({ home: { watchlist: [] } });
    expect(row(root, "my_list")).toBeNull();
    const card = row(root, "trending_day")!.querySelector(".card-wrap")!;
    const toggle = card.querySelector<HTMLButtonElement>("button.list-toggle")!;
    expect(toggle.getAttribute("aria-label")).toBe("My List: The Stranger");
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    toggle.click();
    await settle();
    expect(calls(fake, "pandora/watchlist/add")).toEqual([
      { type: "pandora/watchlist/add", tmdb_id: 900037, media_type: "movie" },
    ]);
    expect(calls(fake, "pandora/home")).toHaveLength(2);
    const myList = row(root, "my_list")!;
    expect([...myList.querySelectorAll("button.card")].map((c) => c.getAttribute("data-tmdb-id"))).toEqual(["900037"]);
    expect(
      row(root, "trending_day")!.querySelector("button.list-toggle")!.getAttribute("aria-pressed"),
    ).toBe("true");

    myList.querySelector<HTMLButtonElement>("button.list-toggle")!.click();
    await settle();
    expect(calls(fake, "pandora/watchlist/remove")).toEqual([
      { type: "pandora/watchlist/remove", tmdb_id: 900037, media_type: "movie" },
    ]);
    expect(calls(fake, "pandora/home")).toHaveLength(3);
    expect(row(root, "my_list")).toBeNull();
  });

  it("toggles My List in the details sheet", async () => {
    const { fake, root } = await discover();
    row(root, "my_list")!.querySelector<HTMLButtonElement>('button.card[data-tmdb-id="900002"]')!.click();
    await settle();
    const toggle = details(root).querySelector<HTMLButtonElement>("button.my-list")!;
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    toggle.click();
    await settle();
    expect(calls(fake, "pandora/watchlist/remove")).toEqual([
      { type: "pandora/watchlist/remove", tmdb_id: 900002, media_type: "movie" },
    ]);
    expect(details(root).querySelector("button.my-list")!.getAttribute("aria-pressed")).toBe("false");
    expect(row(root, "my_list")!.querySelector('[data-tmdb-id="900002"]')).toBeNull();
    expect(calls(fake, "pandora/home")).toHaveLength(2);
  });

  it("offers Request, and Download to administrators, for a listed title not in the library", async () => {
    for (const admin of [false, true]) {
      const { root } = await discover({ admin });
      row(root, "my_list")!.querySelector<HTMLButtonElement>('button.card[data-tmdb-id="900002"]')!.click();
      await settle();
      const sheet = details(root);
      expect(sheet.querySelector("button.request")).not.toBeNull();
      expect(Boolean(sheet.querySelector("button.download"))).toBe(admin);
      expect(sheet.querySelector("a.play-jellyfin")).toBeNull();
      expect(sheet.querySelector("button.play-on")).toBeNull();
      cleanup();
    }
  });

  it("shows Continue watching with progress and time left", async () => {
    const { root } = await discover();
    const section = row(root, "continue_watching")!;
    expect(section.classList.contains("landscape")).toBe(true);
    const cards = [...section.querySelectorAll<HTMLButtonElement>("button.card.wide")];
    expect(cards).toHaveLength(2);
    const [episode, video] = cards as [HTMLButtonElement, HTMLButtonElement];
    expect(episode.querySelector(".title")!.textContent).toBe("The Cisco Kid · S1E2");
    expect(episode.querySelector(".left")!.textContent).toBe("42 min left");
    expect(episode.querySelector<HTMLElement>(".progress-fill")!.style.width).toBe("24.7%");
    expect(episode.querySelector(".progress")!.getAttribute("aria-valuenow")).toBe("24.7");
    expect(episode.getAttribute("aria-label")).toBe("The Cisco Kid · S1E2, The Old Bandit, 25% watched, 42 min left");
    // Landscape: an episode's own still (backdrop_url), not its series' poster (image_url).
    expect(episode.querySelector("img")!.getAttribute("src")).toBe(HOME.continue_watching[0]!.backdrop_url);
    // No percentage from Jellyfin: position / runtime.
    expect(video.querySelector(".title")!.textContent).toBe("Holiday 2019");
    expect(parseFloat(video.querySelector<HTMLElement>(".progress-fill")!.style.width)).toBeCloseTo(33.33, 1);
    expect(video.querySelector(".left")!.textContent).toBe("20 min left");
  });

  it("opens a resumed episode's details and plays that very item", async () => {
    const { fake, root } = await discover();
    row(root, "continue_watching")!.querySelector<HTMLButtonElement>("button.card")!.click();
    await settle();
    expect(calls(fake, "pandora/media")).toEqual([{ type: "pandora/media", tmdb_id: 960001, media_type: "tv" }]);
    const sheet = details(root);
    expect(sheet.querySelector("a.play-jellyfin")!.getAttribute("href")).toBe(HOME.continue_watching[0]!.web_url);
    const playOn = sheet.querySelector<HTMLButtonElement>("button.play-on")!;
    expect(playOn.getAttribute("aria-expanded")).toBe("false");
    playOn.click();
    await settle();
    expect(playOn.getAttribute("aria-expanded")).toBe("true");
    const play = sheet.querySelector("pandora-panel-play")!.shadowRoot!;
    buttonWith(play, "Play on Bedroom").click();
    await settle();
    expect(calls(fake, "pandora/play")).toEqual([
      {
        type: "pandora/play",
        entity_id: "media_player.bedroom",
        item_id: "aa6d5bdb1d24db287c27fbaaaecd0102",
        instance: JELLYFIN,
      },
    ]);
    expect(play.querySelector('[role="status"]')!.textContent).toContain("Playing The Old Bandit on Bedroom");
  });

  it("offers Play in Jellyfin and Play on… in a small sheet for an item TMDB does not know", async () => {
    const { fake, root } = await discover();
    row(root, "continue_watching")!.querySelectorAll<HTMLButtonElement>("button.card")[1]!.click();
    await settle();
    expect(root.querySelector("pandora-panel-details")).toBeNull();
    const play = root.querySelector("pandora-panel-play")!.shadowRoot!;
    expect(play.querySelector("h2")!.textContent).toBe("Holiday 2019");
    const link = play.querySelector<HTMLAnchorElement>("a.play-jellyfin")!;
    expect(link.getAttribute("href")).toBe(HOME.continue_watching[1]!.web_url);
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener");
    buttonWith(play, "Play on Living room TV").click();
    await settle();
    expect(calls(fake, "pandora/play")).toEqual([
      {
        type: "pandora/play",
        entity_id: "media_player.living_room",
        item_id: "7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a",
        instance: JELLYFIN,
      },
    ]);
  });

  it("shows Recently added as posters with the In your library badge", async () => {
    const { root } = await discover();
    const cards = [...row(root, "recently_added")!.querySelectorAll<HTMLButtonElement>("button.card")];
    expect(cards.map((c) => c.querySelector(".title")!.textContent)).toEqual(HOME.recently_added.map((e) => e.name));
    expect(cards.map((c) => c.querySelector(".title")!.textContent).slice(0, 2)).toEqual(["The Cisco Kid", "The General"]);
    expect(cards[0]!.getAttribute("aria-label")).toBe("The Cisco Kid, TV series, 1950, in your library");
    expect(cards.every((c) => c.querySelector(".in-library")?.textContent?.includes("In your library"))).toBe(true);
    expect(cards[1]!.querySelector("img")!.getAttribute("src")).toBe(HOME.recently_added[1]!.image_url);
  });

  it("shows a row's error in the row, with the other rows and without a toast", async () => {
    let fail = true;
    const toasts: unknown[] = [];
    const listen = (e: Event) => toasts.push((e as CustomEvent).detail);
    document.addEventListener("pandora-toast", listen);
    const { fake, root } = await discover({
      overrides: {
        "pandora/home": () =>
          fail ? { ...HOME, continue_watching: [], errors: { continue_watching: "Jellyfin answered 500" } } : HOME,
      },
    });
    const section = row(root, "continue_watching")!;
    expect(section.querySelector('[role="alert"]')!.textContent).toContain("Jellyfin answered 500");
    expect(row(root, "recently_added")!.querySelectorAll("button.card")).toHaveLength(HOME.recently_added.length);
    fail = false;
    buttonWith(section, "Try again").click();
    await settle();
    expect(calls(fake, "pandora/home")).toHaveLength(2);
    expect(row(root, "continue_watching")!.querySelectorAll("button.card")).toHaveLength(2);
    expect(toasts).toEqual([]);
    document.removeEventListener("pandora-toast", listen);
  });

  it("says when a Jellyfin row is empty, and hides the Jellyfin rows without Jellyfin", async () => {
    const { root } = await discover({ home: { continue_watching: [], recently_added: [] } });
    expect(deepText(row(root, "continue_watching")!)).toContain("Nothing in progress");
    expect(deepText(row(root, "recently_added")!)).toContain("Nothing new in your library yet.");
    cleanup();
    const without = await discover({ home: { jellyfin: false, continue_watching: [], recently_added: [] } });
    expect(row(without.root, "continue_watching")).toBeNull();
    expect(row(without.root, "recently_added")).toBeNull();
    expect(row(without.root, "my_list")).not.toBeNull();
  });

  it("shows pandora/home's own failure once, above the TMDB rows", async () => {
    const { root } = await discover({
      overrides: { "pandora/home": new FakeWsError("home_assistant_error", "Pandora is starting") },
    });
    expect(root.querySelector("pandora-panel-featured")).toBeNull();
    expect(root.querySelectorAll('[role="alert"]')).toHaveLength(1);
    expect(deepText(root.querySelector(".home-error")!)).toContain("Could not load your rows: Pandora is starting");
    expect(row(root, "trending_day")!.querySelectorAll("button.card")).toHaveLength(trending.results.length);
  });

  it("shows only TMDB's rows, without My List toggles, for a backend without pandora/home", async () => {
    const { root } = await discover({
      overrides: { "pandora/home": new FakeWsError("unknown_command", "Unknown command.") },
    });
    expect(root.querySelector("pandora-panel-featured")).toBeNull();
    expect(root.querySelector('[role="alert"]')).toBeNull();
    expect(root.querySelector("button.list-toggle")).toBeNull();
    expect(row(root, "trending_day")!.querySelectorAll("button.card")).toHaveLength(trending.results.length);
  });

  it("badges Discover cards in the library", async () => {
    const results = (trending.results as MediaItem[]).map((item, i) => ({ ...item, in_library: i === 0 }));
    const { root } = await discover({
      overrides: { "pandora/discover": (m: WsMessage) => ({ ...page(String(m.list)), results }) },
    });
    const cards = row(root, "trending_day")!.querySelectorAll<HTMLButtonElement>("button.card");
    expect(cards[0]!.querySelector(".in-library")!.textContent).toContain("In your library");
    expect(cards[0]!.getAttribute("aria-label")).toBe(
      "The Stranger, Movie, 1946, rated 7.2 out of 10, in your library",
    );
    expect(cards[1]!.querySelector(".in-library")).toBeNull();
  });
});

describe("Play", () => {
  it("lists only media players that can play media and are available", () => {
    const hass = fakeHass().hass;
    hass.states = PLAYERS;
    expect(playablePlayers(hass).map((p) => p.entity_id)).toEqual(["media_player.bedroom", "media_player.living_room"]);
    expect(playablePlayers(undefined)).toEqual([]);
  });

  it("plays a title in the library from its details on a chosen player", async () => {
    const inLibrary = { ...movie, in_library: true, library: { ...LIBRARY, type: "Movie" }, in_watchlist: false };
    const { fake, root } = await discover({ overrides: { "pandora/media": inLibrary } });
    // The trending card of the title pandora/media answers for (Night of the Living Dead).
    [...row(root, "trending_day")!.querySelectorAll<HTMLButtonElement>("button.card")]
      .find((card) => card.querySelector(".title")!.textContent === movie.title)!
      .click();
    await settle();
    const sheet = details(root);
    expect(deepText(sheet.querySelector(".meta")!)).toContain("In your library");
    const link = sheet.querySelector<HTMLAnchorElement>("a.play-jellyfin")!;
    expect(link.getAttribute("href")).toBe(LIBRARY.web_url);
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener");
    // A movie in the library needs no request.
    expect(sheet.querySelector("button.request")).toBeNull();
    buttonWith(sheet, "Play on…").click();
    await settle();
    const play = sheet.querySelector("pandora-panel-play")!.shadowRoot!;
    const players = [...play.querySelectorAll<HTMLButtonElement>("button.player")];
    expect(players.map((p) => p.getAttribute("aria-label"))).toEqual(["Play on Bedroom", "Play on Living room TV"]);
    expect(players.map((p) => deepText(p.querySelector(".player-state")!))).toEqual(["Off", "Idle"]);
    players[1]!.click();
    await settle();
    expect(calls(fake, "pandora/play")).toEqual([
      { type: "pandora/play", entity_id: "media_player.living_room", tmdb_id: 900001, media_type: "movie" },
    ]);
    expect(play.querySelector(".play-result")!.textContent).toContain("Playing Night of the Living Dead on Living room TV.");
  });

  it("says clearly when no player can play, and offers Play in Jellyfin", async () => {
    const states = { "media_player.kitchen": PLAYERS["media_player.kitchen"]!, "media_player.radio": PLAYERS["media_player.radio"]! };
    const { fake, root } = await discover({ states });
    row(root, "my_list")!.querySelector<HTMLButtonElement>('button.card[data-tmdb-id="960001"]')!.click();
    await settle();
    const sheet = details(root);
    buttonWith(sheet, "Play on…").click();
    await settle();
    const play = sheet.querySelector("pandora-panel-play")!.shadowRoot!;
    expect(play.querySelectorAll("button.player")).toHaveLength(0);
    const none = play.querySelector(".no-players")!;
    expect(deepText(none)).toContain("No media player can play this.");
    expect(deepText(none)).toContain("Play it in Jellyfin instead");
    const link = none.querySelector<HTMLAnchorElement>("a.play-jellyfin")!;
    expect(link.getAttribute("href")).toBe(LIBRARY.web_url);
    expect(link.getAttribute("target")).toBe("_blank");
    expect(calls(fake, "pandora/play")).toHaveLength(0);
  });

  it("shows a failed play in the list", async () => {
    const { root } = await discover({
      overrides: { "pandora/play": new FakeWsError("home_assistant_error", "The TV is off") },
    });
    row(root, "my_list")!.querySelector<HTMLButtonElement>('button.card[data-tmdb-id="960001"]')!.click();
    await settle();
    buttonWith(details(root), "Play on…").click();
    await settle();
    const play = deepQuery(root, "pandora-panel-play")!.shadowRoot!;
    buttonWith(play, "Play on Bedroom").click();
    await settle();
    expect(play.querySelector('[role="alert"]')!.textContent).toContain("Could not play it on Bedroom: The TV is off");
  });
});

describe("watching helpers", () => {
  const entry = HOME.continue_watching[0]!;

  it("names episodes by series and number, and tells the time left", () => {
    expect(entryTitle(entry)).toBe("The Cisco Kid · S1E2");
    expect(entryTitle({ ...entry, season: null })).toBe("The Cisco Kid · E2");
    expect(entryTitle({ ...entry, episode: null })).toBe("The Cisco Kid · The Old Bandit");
    expect(entryTitle({ ...entry, type: "Movie", series_name: null, name: "Sintel" })).toBe("Sintel");
    expect(remainingText(entry)).toBe("42 min left");
    expect(remainingText({ ...entry, position_seconds: 3345 - 45 })).toBe("45 s left");
    expect(remainingText({ ...entry, runtime_seconds: 7200, position_seconds: 600 })).toBe("1 h 50 min left");
    expect(remainingText({ ...entry, runtime_seconds: 3600, position_seconds: 10 })).toBe("1 h left");
    expect(remainingText({ ...entry, position_seconds: 3345 })).toBeNull();
    expect(remainingText({ ...entry, runtime_seconds: null })).toBeNull();
    expect(entryProgress({ ...entry, progress: null, position_seconds: 900, runtime_seconds: 3600 })).toBe(25);
    expect(entryProgress({ ...entry, progress: null, position_seconds: 0 })).toBeNull();
  });
});
