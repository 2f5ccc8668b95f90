import { afterEach, describe, expect, it } from "vitest";
import { PandoraApi } from "../src/data/api";
import "../src/tabs/discover/pandora-panel-discover";
import type { PandoraDiscover } from "../src/tabs/discover/pandora-panel-discover";
import { DISCOVER_LISTS, LIST_TITLES, type Info, type MediaPage } from "../src/data/types";
import { discover_trending_day as trending, info_empty as empty, info_admin as admin, info_user as user, media_movie as movie, search_media as search, media_tv as tv } from "./fixture-files";
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

const page = (list: string): MediaPage => ({ ...(trending as MediaPage), list } as MediaPage);
const ROW = trending.results.length;

/** The trending row's card for the generated media_movie (Night of the Living Dead), whose details pandora/media answers. */
const movieCard = (root: ShadowRoot) =>
  [...root.querySelectorAll<HTMLButtonElement>('section[data-list="trending_day"] button.card')].find(
    (card) => card.querySelector(".title")!.textContent === movie.title,
  )!;

function responses(overrides: Record<string, Responder> = {}): Record<string, Responder> {
  return {
    "pandora/discover": (m: { list?: unknown }) => page(String(m.list)),
    "pandora/media": (m: { media_type?: unknown }) => (m.media_type === "tv" ? tv : movie),
    "pandora/search_media": search,
    ...overrides,
  };
}

async function discover(info: unknown, overrides: Record<string, Responder> = {}, isAdmin = true) {
  const fake = fakeHass(responses(overrides));
  const element = document.createElement("pandora-panel-discover") as PandoraDiscover;
  element.api = new PandoraApi(fake.hass);
  element.info = info as Info;
  element.admin = isAdmin;
  await mount(element);
  return { fake, element, root: element.shadowRoot! };
}

afterEach(cleanup);

describe("Discover tab", () => {
  it("loads every list and renders a row of cards from the fixture", async () => {
    // The generated page is all movies, each with a poster and a rating: the second result is made
    // a show and the third loses its poster and rating, to check how such cards look.
    const [one, two, three, ...rest] = trending.results;
    const mixed = { ...trending, results: [one, { ...two!, media_type: "tv" }, { ...three!, poster_url: null, rating: null }, ...rest] };
    const { fake, root } = await discover(admin, { "pandora/discover": (m: { list?: unknown }) => ({ ...mixed, list: m.list }) });
    const lists = fake.callWS.mock.calls.map(([m]) => m).filter((m) => m.type === "pandora/discover");
    expect(lists.map((m) => m.list)).toEqual([...DISCOVER_LISTS]);
    expect(lists[0]).toEqual({ type: "pandora/discover", list: "trending_day", page: 1 });

    const row = root.querySelector('section[data-list="trending_day"]')!;
    expect(row.querySelector("h2")!.textContent).toBe("Trending today");
    expect(deepText(root)).toContain(LIST_TITLES.popular_movies);
    expect(deepText(root)).toContain("Popular TV");

    const cards = row.querySelectorAll<HTMLButtonElement>("button.card");
    expect(cards).toHaveLength(ROW);
    const first = cards[0]!;
    expect(first.getAttribute("aria-label")).toBe("The Stranger, Movie, 1946, rated 7.2 out of 10");
    expect(first.querySelector(".title")!.textContent).toBe("The Stranger");
    expect(first.querySelector(".year")!.textContent).toContain("1946");
    expect(first.querySelector(".rating")!.textContent).toContain("7.2");
    expect(first.querySelector("img")!.getAttribute("src")).toBe(trending.results[0]!.poster_url);
    expect(first.querySelector("img")!.getAttribute("alt")).toBe("");
    // No poster, no rating: a placeholder and no badge.
    expect(cards[2]!.querySelector("img")).toBeNull();
    expect(cards[2]!.querySelector(".rating")).toBeNull();
    expect(cards[1]!.querySelector(".year")!.textContent).toContain("TV");
  });

  it("opens the details sheet from a card, with cast and where it streams", async () => {
    // The generated cast all have photos: the second is given none, to check its initial. Every
    // generated offer has one format: Kanopy gets a 4K one too, to check formats are merged.
    const kanopy = movie.availability.find((a) => a.name === "Kanopy")!;
    const { fake, root } = await discover(admin, {
      "pandora/media": {
        ...movie,
        cast: movie.cast.map((person, index) => (index === 1 ? { ...person, profile_url: null } : person)),
        availability: [...movie.availability, { ...kanopy, format: "4K" }],
      },
    });
    movieCard(root).click();
    await settle();

    expect(fake.callWS).toHaveBeenCalledWith({
      type: "pandora/media",
      tmdb_id: 900001,
      media_type: "movie",
    });
    const sheet = root.querySelector("pandora-panel-sheet")!;
    const dialog = sheet.shadowRoot!.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(dialog.getAttribute("aria-label")).toBe("Night of the Living Dead");

    const details = root.querySelector("pandora-panel-details")!;
    const text = deepText(details);
    expect(text).toContain("They won't stay dead!");
    expect(text).toContain("1 h 36 min");
    expect(text).toContain("Strangers barricade themselves");
    expect(deepQueryAll(details, ".genres .chip").map((c) => c.textContent)).toEqual(["Horror", "Thriller"]);
    const people = deepQueryAll(details, ".person");
    expect(people.map((p) => p.querySelector(".name")!.textContent)).toEqual([
      "Duane Jones",
      "Judith O'Dea",
      "Karl Hardman",
      "Marilyn Eastman",
      "Russell Streiner",
    ]);
    expect(people[0]!.querySelector("img")!.getAttribute("src")).toContain("/api/pandora/image/w185/");
    expect(people[1]!.querySelector(".photo")!.textContent).toContain("J");
    // Watchmode's availability: one chip per service (formats merged), grouped by type.
    expect(text).toContain("Where it streams");
    const chip = deepQuery<HTMLAnchorElement>(details, `a.provider[href="${kanopy.web_url}"]`)!;
    expect(deepText(chip)).toContain("Kanopy");
    expect(deepText(chip)).toContain("HD, 4K");
    // Seven offers, Apple TV's rent and buy in two groups: seven chips.
    expect(deepQueryAll(details, ".provider")).toHaveLength(7);
    // Administrators can download.
    expect(deepQuery(details, "button.download")).not.toBeNull();
  });

  it("keeps the card's image links in the details when they show the same images", async () => {
    const card = trending.results[0]!;
    const resigned = (url: string | null) => (url ? `${url.split("?")[0]}?authSig=later` : url);
    const { root } = await discover(admin, {
      "pandora/media": {
        ...movie,
        tmdb_id: card.tmdb_id,
        media_type: card.media_type,
        poster_url: resigned(card.poster_url),
        backdrop_url: "/api/pandora/image/w1280/another.jpg?authSig=x",
      },
    });
    root.querySelector<HTMLButtonElement>("button.card")!.click();
    await settle();
    const details = root.querySelector("pandora-panel-details")!;
    // The same poster signed again: the link the card loaded, so the browser reuses it.
    expect(deepQuery(details, "img.poster")!.getAttribute("src")).toBe(card.poster_url);
    // Another image: the details' own link.
    expect(deepQuery(details, "img.backdrop")!.getAttribute("src")).toBe(
      "/api/pandora/image/w1280/another.jpg?authSig=x",
    );
  });

  it("shows TMDB's providers when Watchmode has nothing, and Watchmode's error", async () => {
    const { root } = await discover(admin, {
      "pandora/media": { ...movie, availability: null, availability_error: "Watchmode's monthly quota is used up" },
    });
    root.querySelector<HTMLButtonElement>("button.card")!.click();
    await settle();
    const details = root.querySelector("pandora-panel-details")!;
    const names = deepQueryAll(details, ".provider").map((p) => p.textContent?.trim());
    // TMDB's groups in order: subscription, free, rent, buy.
    expect(names).toEqual(["Kanopy", "Tubi", "Plex", "Internet Archive", "Apple TV", "Amazon Video", "Apple TV"]);
    expect(deepText(details)).toContain("Watchmode could not be asked: Watchmode's monthly quota is used up");
  });

  it("closes the sheet with Escape and gives focus back to the card", async () => {
    const { root } = await discover(admin);
    const card = root.querySelector<HTMLButtonElement>("button.card")!;
    card.focus();
    card.click();
    await settle();
    const sheet = root.querySelector("pandora-panel-sheet")!;
    sheet.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
    await settle();
    expect(root.querySelector("pandora-panel-sheet")).toBeNull();
    expect(root.activeElement).toBe(card);
  });

  it("renders only http(s) links from the services", async () => {
    const unsafe = {
      ...movie,
      in_library: true,
      library: { instance: "jf", server: "Jellyfin", item_id: "1", type: "Movie", web_url: "javascript:alert(1)" },
      watch_providers: { ...movie.watch_providers, link: "javascript:alert(document.cookie)" },
      availability: [
        { ...movie.availability[0]!, web_url: "javascript:alert(1)" },
        { ...movie.availability[1]!, web_url: " data:text/html,<script>alert(1)</script>" },
        { ...movie.availability[2]!, web_url: "https://tubitv.com/watch/night-of-the-living-dead" },
      ],
    };
    const { root } = await discover(admin, { "pandora/media": unsafe });
    root.querySelector<HTMLButtonElement>('section[data-list="trending_day"] button.card')!.click();
    await settle();
    const details = root.querySelector("pandora-panel-details")!;
    expect(deepText(details)).toContain("Where it streams");
    const hrefs = deepQueryAll<HTMLAnchorElement>(details, "a").map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual(["https://tubitv.com/watch/night-of-the-living-dead"]);
    // Internet Archive has no safe link: its chip stays, without one.
    const chips = deepQueryAll(details, ".provider").filter((c) => deepText(c).includes(movie.availability[0]!.name));
    expect(chips.map((c) => c.tagName)).toContain("SPAN");
    expect(deepText(details)).not.toContain("All offers");
    expect(deepQuery(details, "a.play-jellyfin")).toBeNull();
  });

  it("traps Tab inside the sheet", async () => {
    const { root } = await discover(admin);
    root.querySelector<HTMLButtonElement>("button.card")!.click();
    await settle();
    const sheet = root.querySelector("pandora-panel-sheet")!;
    const close = sheet.shadowRoot!.querySelector<HTMLButtonElement>("button.close")!;
    const download = deepQuery<HTMLButtonElement>(root.querySelector("pandora-panel-details")!, "button.download")!;
    const links = deepQueryAll<HTMLAnchorElement>(root.querySelector("pandora-panel-details")!, "a[href]");
    const last = links[links.length - 1]!;
    last.focus();
    const tab = new KeyboardEvent("keydown", { key: "Tab", bubbles: true, composed: true, cancelable: true });
    last.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(true);
    expect(sheet.shadowRoot!.activeElement).toBe(close);
    const back = new KeyboardEvent("keydown", { key: "Tab", shiftKey: true, bubbles: true, composed: true, cancelable: true });
    close.dispatchEvent(back);
    expect(back.defaultPrevented).toBe(true);
    expect(download).toBeTruthy();
  });

  it("hides the Download button from non-administrators", async () => {
    const { root } = await discover(user, {}, false);
    root.querySelector<HTMLButtonElement>("button.card")!.click();
    await settle();
    expect(deepQuery(root.querySelector("pandora-panel-details")!, "button.download")).toBeNull();
  });

  it("opens the torrent search for the title from Download", async () => {
    const { fake, root } = await discover(admin, {
      "pandora/torrents/search": { query: "Night of the Living Dead 1968", total: 0, accepted: 0, results: [], instances: [] },
    });
    movieCard(root).click();
    await settle();
    deepQuery<HTMLButtonElement>(root, "button.download")!.click();
    await settle();
    expect(root.querySelectorAll("pandora-panel-sheet")).toHaveLength(2);
    expect(fake.callWS).toHaveBeenCalledWith({
      type: "pandora/torrents/search",
      tmdb_id: 900001,
      media_type: "movie",
    });
  });

  it("searches after a 300 ms pause in typing, once", async () => {
    const { fake, root } = await discover(admin);
    const input = root.querySelector<HTMLInputElement>("#search")!;
    for (const value of ["n", "ni", "night", "night of the living"]) {
      input.value = value;
      input.dispatchEvent(new Event("input"));
    }
    await settle();
    expect(fake.callWS.mock.calls.filter(([m]) => m.type === "pandora/search_media")).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await settle();
    const searches = fake.callWS.mock.calls.map(([m]) => m).filter((m) => m.type === "pandora/search_media");
    expect(searches).toEqual([{ type: "pandora/search_media", query: "night of the living", page: 1 }]);
    const cards = root.querySelectorAll(".grid button.card");
    expect(cards).toHaveLength(1);
    expect(cards[0]!.querySelector(".title")!.textContent).toBe("Night of the Living Dead");
    expect(deepText(root)).toContain("1 result for “night of the living”");
    // Clearing the search brings the rows back.
    buttonWith(root, "Clear search").click();
    await settle();
    expect(root.querySelector('section[data-list="trending_day"]')).not.toBeNull();
  });

  it("shows a row's error with the websocket message and retries it", async () => {
    let fail = true;
    const { fake, root } = await discover(admin, {
      "pandora/discover": (m: { list?: unknown }) =>
        fail && m.list === "popular_tv"
          ? new FakeWsError("home_assistant_error", "TMDB answered 503")
          : page(String(m.list)),
    });
    const row = root.querySelector('section[data-list="popular_tv"]')!;
    expect(deepText(row)).toContain("TMDB answered 503");
    fail = false;
    buttonWith(row, "Try again").click();
    await settle();
    expect(row.querySelectorAll("button.card")).toHaveLength(ROW);
    expect(fake.callWS.mock.calls.filter(([m]) => m.list === "popular_tv")).toHaveLength(2);
  });

  it("explains how to add TMDB when it is missing", async () => {
    const { fake, root } = await discover(empty);
    const text = deepText(root);
    expect(text).toContain("Add TMDB");
    expect(text).toContain("Settings → Devices & services → Pandora → Add TMDB");
    expect(fake.callWS).not.toHaveBeenCalled();
  });
});
