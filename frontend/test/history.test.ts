/**
 * The panel's places in the URL, with the browser's history: a fake of Home Assistant's router
 * (a new `route` on `location-changed` and `popstate`, when the path changed) drives the panel the
 * way Home Assistant does, and `history.back()` is the phone's back gesture.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import "../src/app/pandora-panel";
import type { PandoraPanel } from "../src/app/pandora-panel";
import type { FileEntry, RequestsSnapshot, WsMessage } from "../src/data/types";
import { discover_trending_day as trending, history as historyFixture, info_full as full, media_movie as movie, search_media as searchResults, requests_snapshot as snapshotFixture, torrents_full as torrents } from "./fixture-files";
import { buttonWith, cleanup, deepQuery, deepQueryAll, deepText, fakeHass, settle, torrentsOf, type FakeHass, type Responder } from "./helpers";

const PREFIX = "/pandora";
const SEEDBOX = "01JCCMD000000000000000002";
const info = {
  ...full,
  requests: true,
  services: {
    ...full.services,
    cloudcmd: [...full.services.cloudcmd, { id: SEEDBOX, title: "Seedbox" }],
  },
};

const dir = (path: string): FileEntry => ({ name: path.split("/").pop()!, type: "directory", size: null, modified: null, path });
/** Every folder holds two more: "Season #1" and "Extras?", whatever the share. */
const listing = (m: WsMessage) => {
  const base = m.path === "/" ? "" : String(m.path);
  return { path: m.path, files: [dir(`${base}/Season #1`), dir(`${base}/Extras?`)] };
};

let fake: FakeHass;
let element: PandoraPanel;

/** Home Assistant's router: a new route object whenever the path changes. */
function route(): void {
  const path = location.pathname.startsWith(PREFIX) ? location.pathname.slice(PREFIX.length) : location.pathname;
  if (element && element.route?.path !== path) element.route = { prefix: PREFIX, path };
}

async function open(url: string, overrides: Record<string, Responder> = {}) {
  window.history.replaceState(null, "", url);
  fake = fakeHass({
    "pandora/info": info,
    "pandora/discover": trending,
    "pandora/home": { watchlist: [], featured: null, jellyfin: false, continue_watching: [], recently_added: [] },
    "pandora/media": movie,
    "pandora/search_media": searchResults,
    "pandora/files/list": listing,
    "pandora/history": historyFixture,
    ...overrides,
  });
  element = document.createElement("pandora-panel") as PandoraPanel;
  element.hass = fake.hass;
  element.narrow = true;
  element.panel = { url_path: "pandora", title: "Pandora", config: null };
  element.route = { prefix: PREFIX, path: location.pathname.slice(PREFIX.length) };
  document.body.append(element);
  await settle();
  return element.shadowRoot!;
}

/** The browser's back: wait for its popstate, then let everything render. */
async function back(): Promise<void> {
  const popped = new Promise((resolve) => window.addEventListener("popstate", resolve, { once: true }));
  history.back();
  await popped;
  await settle();
}

const url = () => decodeURIComponent(`${location.pathname}${location.search}`);
const listed = () => fake.callWS.mock.calls.map(([m]) => m).filter((m) => m.type === "pandora/files/list");
const files = () => element.shadowRoot!.querySelector("pandora-panel-files")!.shadowRoot!;
const currentFolder = () => deepText(files().querySelector('[aria-current="location"]')!);
const openFolder = (name: string) =>
  [...files().querySelectorAll<HTMLButtonElement>("button.file-name")].find((b) => deepText(b) === name)!.click();

beforeEach(() => {
  window.addEventListener("location-changed", route);
  window.addEventListener("popstate", route);
});

afterEach(() => {
  window.removeEventListener("location-changed", route);
  window.removeEventListener("popstate", route);
  cleanup();
  element?.remove();
});

describe("the panel's places and the browser's back", () => {
  it("puts each folder in the URL, and back goes up again", async () => {
    await open("/pandora/files");
    expect(currentFolder()).toBe("Cloud Commander nas:8000");
    const start = history.length;
    openFolder("Season #1");
    await settle();
    expect(location.pathname).toBe("/pandora/files/Season%20%231");
    expect(currentFolder()).toBe("Season #1");
    openFolder("Extras?");
    await settle();
    expect(location.pathname).toBe("/pandora/files/Season%20%231/Extras%3F");
    expect(currentFolder()).toBe("Extras?");
    expect(history.length).toBe(start + 2);
    expect(listed().at(-1)).toMatchObject({ path: "/Season #1/Extras?" });

    await back();
    expect(url()).toBe("/pandora/files/Season #1");
    expect(currentFolder()).toBe("Season #1");
    expect(listed().at(-1)).toMatchObject({ path: "/Season #1" });
    await back();
    expect(url()).toBe("/pandora/files");
    expect(listed().at(-1)).toMatchObject({ path: "/" });
    expect(files().querySelector('ul.files[aria-label="Files in /"]')).not.toBeNull();
  });

  it("opens the folder a link names, in the share it names", async () => {
    await open(`/pandora/files/TV%20Shows/Caf%C3%A9%20%231?share=${SEEDBOX}`);
    expect(listed()).toEqual([{ type: "pandora/files/list", path: "/TV Shows/Café #1", instance: SEEDBOX }]);
    expect(currentFolder()).toBe("Café #1");
    expect(files().querySelector("select")!.value).toBe(SEEDBOX);
  });

  it("goes back to the other share although only the query differs", async () => {
    await open("/pandora/files");
    const select = files().querySelector("select")!;
    select.value = SEEDBOX;
    select.dispatchEvent(new Event("change"));
    await settle();
    expect(url()).toBe(`/pandora/files?share=${SEEDBOX}`);
    expect(listed().at(-1)).toMatchObject({ path: "/", instance: SEEDBOX });
    // Same path: Home Assistant gives no new route; the panel reads the location itself.
    await back();
    expect(url()).toBe("/pandora/files");
    expect(listed().at(-1)).toMatchObject({ path: "/", instance: full.services.cloudcmd[0]!.id });
    expect(files().querySelector("select")!.value).toBe(full.services.cloudcmd[0]!.id);
  });

  it("returns to the previous tab", async () => {
    const root = await open("/pandora/discover");
    root.querySelector<HTMLButtonElement>("#tab-files")!.click();
    await settle();
    expect(url()).toBe("/pandora/files");
    await back();
    expect(url()).toBe("/pandora/discover");
    expect(root.querySelector('[role="tab"][aria-selected="true"]')!.id).toBe("tab-discover");
    expect(root.querySelector("pandora-panel-discover")).not.toBeNull();
  });

  it("opens a title as a history entry: back closes it, and Close leaves the same history", async () => {
    const root = await open("/pandora/discover");
    const discover = () => root.querySelector("pandora-panel-discover")!.shadowRoot!;
    const sheet = () => discover().querySelector("pandora-panel-sheet");
    const start = history.length;
    const card = () => deepQueryAll<HTMLButtonElement>(discover(), "button.card").find((b) => b.getAttribute("aria-label")?.startsWith("The Stranger"))!;
    card().click();
    await settle();
    expect(url()).toBe("/pandora/discover/movie/900037");
    expect(history.length).toBe(start + 1);
    expect(sheet()).not.toBeNull();
    await back();
    expect(url()).toBe("/pandora/discover");
    expect(sheet()).toBeNull();
    // Close goes back too (no entry left behind that would open it again).
    card().click();
    await settle();
    expect(url()).toBe("/pandora/discover/movie/900037");
    const popped = new Promise((resolve) => window.addEventListener("popstate", resolve, { once: true }));
    sheet()!.shadowRoot!.querySelector<HTMLButtonElement>("button.close")!.click();
    await popped;
    await settle();
    expect(url()).toBe("/pandora/discover");
    expect(sheet()).toBeNull();
    expect(history.length).toBe(start + 1); // the forward entry only
  });

  it("keeps the search in the URL, replaced as it is typed, and searches what a link says", async () => {
    const root = await open("/pandora/discover");
    const discover = root.querySelector("pandora-panel-discover")!.shadowRoot!;
    const start = history.length;
    const input = discover.querySelector<HTMLInputElement>("#search")!;
    input.value = "dune";
    input.dispatchEvent(new Event("input"));
    input.value = "dune part";
    input.dispatchEvent(new Event("input"));
    await settle();
    expect(location.pathname).toBe("/pandora/discover");
    expect(new URLSearchParams(location.search).get("q")).toBe("dune part");
    expect(history.length).toBe(start);
    cleanup();
    element.remove();

    const linked = await open("/pandora/discover?q=breaking%20bad");
    await settle();
    const searches = fake.callWS.mock.calls.map(([m]) => m).filter((m) => m.type === "pandora/search_media");
    expect(searches).toEqual([expect.objectContaining({ query: "breaking bad", page: 1 })]);
    const box = linked.querySelector("pandora-panel-discover")!.shadowRoot!.querySelector<HTMLInputElement>("#search")!;
    expect(box.value).toBe("breaking bad");
  });

  it("opens the title a link names straight away", async () => {
    const root = await open("/pandora/discover/movie/693134");
    expect(fake.callWS).toHaveBeenCalledWith({ type: "pandora/media", tmdb_id: 693134, media_type: "movie" });
    const dialog = deepQuery(root, '[role="dialog"]')!;
    expect(dialog.getAttribute("aria-label")).toBe("Night of the Living Dead");
  });

  it("opens the request a link names, under a filter that shows it; History is a place to go back from", async () => {
    const severance = "01JREQ0000000000000000002"; // failed: hidden by the default Pending filter
    const root = await open(`/pandora/requests/${severance}`);
    fake.pushTo("pandora/requests/subscribe", snapshotFixture as unknown as RequestsSnapshot);
    await settle();
    const tab = root.querySelector("pandora-panel-requests")!.shadowRoot!;
    const item = (id: string) => tab.querySelector(`li.request[data-request="${id}"]`)!;
    const expanded = (id: string) => item(id).querySelector("button.steps-toggle")!.getAttribute("aria-expanded");
    expect(tab.querySelector('.filter[aria-pressed="true"]')!.getAttribute("data-filter")).toBe("all");
    expect(url()).toBe(`/pandora/requests/${severance}?filter=all`);
    expect(item(severance).getAttribute("aria-current")).toBe("true");
    expect(expanded(severance)).toBe("true");
    expect(tab.querySelectorAll('[aria-current="true"]')).toHaveLength(1);

    // Another request's History: a new entry; back closes it and opens the linked one again.
    const dune = "01JREQ0000000000000000005";
    item(dune).querySelector<HTMLButtonElement>("button.steps-toggle")!.click();
    await settle();
    expect(url()).toBe(`/pandora/requests/${dune}?filter=all`);
    expect(item(dune).getAttribute("aria-current")).toBe("true");
    await back();
    expect(url()).toBe(`/pandora/requests/${severance}?filter=all`);
    expect(expanded(dune)).toBe("false");
    expect(expanded(severance)).toBe("true");
    expect(item(severance).getAttribute("aria-current")).toBe("true");
  });

  it("says so when a linked request is not in the list, and shows the tab", async () => {
    const root = await open("/pandora/requests/01JNOTTHERE000000000000000");
    fake.pushTo("pandora/requests/subscribe", snapshotFixture as unknown as RequestsSnapshot);
    await settle();
    expect(deepText(root.querySelector('[role="status"]')!)).toContain("That request is not in your list");
    expect(url()).toBe("/pandora/requests");
    expect(root.querySelector("pandora-panel-requests")!.shadowRoot!.querySelector('[aria-current="true"]')).toBeNull();
  });

  it("replaces the URL's filter and sort in Downloads, and a link sets them", async () => {
    const root = await open("/pandora/downloads?filter=paused&sort=name");
    fake.push(torrents);
    await settle();
    const tab = () => root.querySelector("pandora-panel-downloads")!.shadowRoot!;
    const shown = () => [...tab().querySelectorAll("li.torrent[data-hash]")].map((li) => li.getAttribute("data-hash"));
    const hashes = (names: string[]) => names.map((n) => torrentsOf(torrents).find((t) => t.name.startsWith(n))!.hash);
    expect(tab().querySelector('.filter[aria-pressed="true"]')!.getAttribute("data-filter")).toBe("paused");
    expect(shown()).toEqual(hashes(["Big.Buck.Bunny"]));
    // (happy-dom misreads a select's value when Lit renders its options: the option, and the order.)
    expect(tab().querySelector<HTMLOptionElement>(".sort option[selected]")!.value).toBe("name");
    const start = history.length;
    buttonWith(tab().querySelector(".filters")!, "All").click();
    await settle();
    expect(url()).toBe("/pandora/downloads?sort=name");
    expect(shown()).toEqual(hashes(["Big.Buck.Bunny", "Night", "The.Cisco.Kid"]));
    const select = tab().querySelector<HTMLSelectElement>(".sort select")!;
    select.value = "added";
    select.dispatchEvent(new Event("change"));
    await settle();
    expect(url()).toBe("/pandora/downloads"); // the defaults are left out
    expect(shown()).toEqual(hashes(["Big.Buck.Bunny", "Night", "The.Cisco.Kid"]));
    buttonWith(tab().querySelector(".filters")!, "Downloading").click();
    await settle();
    expect(url()).toBe("/pandora/downloads?filter=downloading");
    expect(history.length).toBe(start);
  });
});
