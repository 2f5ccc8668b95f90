import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from "vitest";
import { registerCard } from "../src/card-base";
import "../src/pandora-cards";
import {
  PandoraDiscoverCard,
  PandoraDownloadsCard,
  PandoraFilesCard,
} from "../src/pandora-cards";
import type { TorrentEvent, WsMessage } from "../src/types";
import trending from "./fixtures/discover_trending_day.json";
import downloaded from "./fixtures/files_downloaded.json";
import info from "./fixtures/info_full.json";
import full from "./fixtures/torrents_full.json";
import { FakeWsError, buttonWith, cleanup, deepText, fakeHass, mount, settle, type Responder } from "./helpers";

type Card = PandoraDownloadsCard | PandoraDiscoverCard | PandoraFilesCard;

const CARDS = {
  "pandora-downloads-card": PandoraDownloadsCard,
  "pandora-discover-card": PandoraDiscoverCard,
  "pandora-files-card": PandoraFilesCard,
} as const;

function responses(overrides: Record<string, Responder> = {}): Record<string, Responder> {
  return {
    "pandora/info": info,
    "pandora/discover": (m: WsMessage) => ({ ...trending, list: m.list }),
    "pandora/files/list": (m: WsMessage) =>
      m.path === "/Downloaded" ? downloaded : { path: m.path, files: [] },
    ...overrides,
  };
}

/** A card as Lovelace makes one: created, configured, given hass, attached. */
async function card<T extends Card>(
  tag: keyof typeof CARDS,
  config: Record<string, unknown>,
  overrides: Record<string, Responder> = {},
) {
  const fake = fakeHass(responses(overrides));
  const element = document.createElement(tag) as T;
  element.setConfig({ type: `custom:${tag}`, ...config });
  element.hass = fake.hass;
  await mount(element);
  return { fake, element, root: element.shadowRoot! };
}

async function editor(tag: keyof typeof CARDS, config: Record<string, unknown>) {
  const fake = fakeHass(responses());
  const element = CARDS[tag].getConfigElement() as HTMLElement & {
    setConfig(c: Record<string, unknown>): void;
    hass: unknown;
  };
  element.hass = fake.hass;
  element.setConfig({ type: `custom:${tag}`, ...config });
  const changed: Mock<(config: Record<string, unknown>) => void> = vi.fn();
  element.addEventListener("config-changed", (e) => {
    const event = e as CustomEvent<{ config: Record<string, unknown> }>;
    expect(event.bubbles).toBe(true);
    expect(event.composed).toBe(true);
    changed(event.detail.config);
  });
  await mount(element);
  return { fake, element, root: element.shadowRoot!, changed };
}

function input(root: ShadowRoot, name: string): HTMLInputElement & HTMLSelectElement {
  return root.querySelector(`[data-field="${name}"] input, [data-field="${name}"] select`)!;
}

function type(control: HTMLInputElement | HTMLSelectElement, value: string, event = "change"): void {
  control.value = value;
  control.dispatchEvent(new Event(event, { bubbles: true }));
}

let locationChanged: Mock<(detail: unknown) => void>;
const onLocationChanged = (e: Event) => locationChanged((e as CustomEvent).detail);

beforeEach(() => {
  locationChanged = vi.fn();
  window.addEventListener("location-changed", onLocationChanged);
  window.history.replaceState(null, "", "/lovelace/0");
});

afterEach(() => {
  window.removeEventListener("location-changed", onLocationChanged);
  cleanup();
});

describe("card registration", () => {
  it("lists each card once in the card picker, with a preview", () => {
    const entries = window.customCards!.filter((c) => c.type.startsWith("pandora-"));
    expect(entries.map((c) => c.type).sort()).toEqual(Object.keys(CARDS).sort());
    for (const entry of entries) {
      expect(entry.preview).toBe(true);
      expect(entry.name).toMatch(/^Pandora /);
      expect(entry.description.length).toBeGreaterThan(10);
    }
    // Loading the module again changes nothing.
    registerCard({ type: "pandora-files-card", name: "Again", description: "Twice" });
    expect(window.customCards!.filter((c) => c.type === "pandora-files-card")).toHaveLength(1);
    for (const [tag, cls] of Object.entries(CARDS)) {
      expect(customElements.get(tag)).toBe(cls);
      expect(customElements.get(`${tag}-editor`)).toBeDefined();
    }
  });

  it("gives Home Assistant sizes and stub configs that pass setConfig", () => {
    for (const [tag, cls] of Object.entries(CARDS)) {
      const element = document.createElement(tag) as Card;
      expect(() => element.setConfig({ type: `custom:${tag}`, ...cls.getStubConfig() })).not.toThrow();
      expect(element.getCardSize()).toBeGreaterThan(0);
      const grid = element.getGridOptions();
      expect(grid.columns).toBe(12);
      expect(grid.min_columns).toBeGreaterThan(0);
      expect(grid.min_rows).toBeGreaterThan(0);
    }
    expect(PandoraDownloadsCard.getStubConfig()).toEqual({ title: "Downloads", filter: "all", max_items: 5 });
    expect(PandoraDiscoverCard.getStubConfig()).toEqual({ list: "trending_week", max_items: 10 });
    expect(PandoraFilesCard.getStubConfig()).toEqual({ path: "/Downloaded" });
  });
});

describe("pandora-downloads-card", () => {
  const make = () => document.createElement("pandora-downloads-card") as PandoraDownloadsCard;

  it("refuses bad configs with a readable message", () => {
    expect(() => make().setConfig(null)).toThrow(/mapping/);
    expect(() => make().setConfig({ type: "x", filter: "fast" })).toThrow(/filter must be one of all, downloading/);
    expect(() => make().setConfig({ type: "x", max_items: 0 })).toThrow(/max_items must be a whole number from 1 to 50/);
    expect(() => make().setConfig({ type: "x", max_items: "3" })).toThrow(/max_items/);
    expect(() => make().setConfig({ type: "x", title: 3 })).toThrow(/title must be text/);
    expect(() => make().setConfig({ type: "x", filter: "seeding", max_items: 3, grid_options: { rows: 4 } })).not.toThrow();
  });

  it("renders the live torrents with progress, speed and ETA, capped", async () => {
    const { fake, root } = await card<PandoraDownloadsCard>("pandora-downloads-card", { max_items: 2 });
    expect(fake.subscribeMessage).toHaveBeenCalledWith(expect.any(Function), { type: "pandora/torrents/subscribe" });
    expect(root.querySelector('[aria-busy="true"]')).not.toBeNull();
    fake.push(full as TorrentEvent);
    await settle();
    expect(root.querySelector(".card-title")!.textContent).toBe("Downloads");
    const rows = [...root.querySelectorAll("li.torrent")];
    expect(rows).toHaveLength(2);
    const dune = deepText(rows[0]!);
    expect(dune).toContain("42.1%");
    expect(dune).toContain("12.5 MB/s");
    expect(dune).toContain("ETA 14 min");
    expect(rows[0]!.querySelector('[role="progressbar"]')!.getAttribute("aria-valuenow")).toBe("42.1");
    // Read-only: no torrent actions on a dashboard.
    expect(root.querySelectorAll("li.torrent button")).toHaveLength(0);
    expect(deepText(root)).toContain("and 1 more");
    // Without ha-card (as in tests), a plain frame.
    expect(root.querySelector(".frame.plain")).not.toBeNull();
  });

  it("filters, and says so when nothing matches", async () => {
    const { fake, root } = await card<PandoraDownloadsCard>("pandora-downloads-card", { filter: "errored", title: "Problems" });
    fake.push(full as TorrentEvent);
    await settle();
    expect(root.querySelector(".card-title")!.textContent).toBe("Problems");
    expect(root.querySelectorAll("li.torrent")).toHaveLength(0);
    expect(deepText(root)).toContain("No torrent is errored right now.");
  });

  it("opens Downloads in the panel from its header", async () => {
    const { root } = await card<PandoraDownloadsCard>("pandora-downloads-card", {});
    const link = root.querySelector<HTMLAnchorElement>(".card-header a")!;
    expect(link.getAttribute("href")).toBe("/pandora/downloads");
    link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, button: 0 }));
    expect(window.location.pathname).toBe("/pandora/downloads");
    expect(locationChanged).toHaveBeenCalledWith({ replace: false });
  });

  it("shows the subscription's error", async () => {
    const fake = fakeHass({}, { subscribeError: new FakeWsError("not_found", "Pandora is not loaded") });
    const element = document.createElement("pandora-downloads-card") as PandoraDownloadsCard;
    element.setConfig({ type: "custom:pandora-downloads-card" });
    element.hass = fake.hass;
    await mount(element);
    expect(element.shadowRoot!.querySelector('[role="alert"]')!.textContent).toContain("Pandora is not loaded");
  });

  it("has an editor that fires config-changed", async () => {
    const { root, changed } = await editor("pandora-downloads-card", { max_items: 5 });
    expect(input(root, "filter").value).toBe("all");
    expect(input(root, "max_items").value).toBe("5");
    type(input(root, "filter"), "downloading");
    expect(changed).toHaveBeenLastCalledWith({ type: "custom:pandora-downloads-card", max_items: 5, filter: "downloading" });
    type(input(root, "title"), "Now", "input");
    expect(changed).toHaveBeenLastCalledWith(expect.objectContaining({ title: "Now" }));
    type(input(root, "max_items"), "80");
    await settle();
    expect(changed).toHaveBeenCalledTimes(2);
    expect(input(root, "max_items").getAttribute("aria-invalid")).toBe("true");
    expect(deepText(root)).toContain("Enter a whole number from 1 to 50.");
    type(input(root, "max_items"), "8");
    expect(changed).toHaveBeenLastCalledWith(expect.objectContaining({ max_items: 8 }));
    type(input(root, "title"), "", "input");
    expect(changed.mock.lastCall![0]).not.toHaveProperty("title");
  });
});

describe("pandora-discover-card", () => {
  const make = () => document.createElement("pandora-discover-card") as PandoraDiscoverCard;

  it("refuses bad configs", () => {
    expect(() => make().setConfig({ type: "x", list: "trending" })).toThrow(/list must be one of trending_day, trending_week/);
    expect(() => make().setConfig({ type: "x", max_items: 21 })).toThrow(/from 1 to 20/);
    expect(() => make().setConfig([])).toThrow(/mapping/);
    expect(() => make().setConfig({ type: "x", list: "popular_tv" })).not.toThrow();
  });

  it("renders one row of posters from the list", async () => {
    const { fake, root } = await card<PandoraDiscoverCard>("pandora-discover-card", { list: "popular_movies", max_items: 2 });
    expect(fake.callWS).toHaveBeenCalledWith({ type: "pandora/discover", list: "popular_movies", page: 1 });
    expect(root.querySelector(".card-title")!.textContent).toBe("Popular movies");
    const posters = [...root.querySelectorAll<HTMLButtonElement>("button.card")];
    expect(posters).toHaveLength(2);
    expect(posters[0]!.getAttribute("aria-label")).toBe("Dune: Part Two, Movie, 2024, rated 8.2 out of 10");
    expect(posters[0]!.querySelector("img")!.getAttribute("src")).toBe(trending.results[0]!.poster_url);
  });

  it("opens the tapped title in Pandora's Discover tab", async () => {
    const { root } = await card<PandoraDiscoverCard>("pandora-discover-card", {});
    const posters = [...root.querySelectorAll<HTMLButtonElement>("button.card")];
    posters[1]!.click();
    const second = trending.results[1]!;
    expect(window.location.pathname).toBe(`/pandora/discover/${second.media_type}/${second.tmdb_id}`);
    expect(locationChanged).toHaveBeenCalledTimes(1);
  });

  it("loads again when the list changes, and shows errors with a retry", async () => {
    let fail = true;
    const { fake, element, root } = await card<PandoraDiscoverCard>("pandora-discover-card", {}, {
      "pandora/discover": (m: WsMessage) =>
        fail ? new FakeWsError("home_assistant_error", "TMDB did not answer") : { ...trending, list: m.list },
    });
    expect(root.querySelector('[role="alert"]')!.textContent).toContain("TMDB did not answer");
    fail = false;
    buttonWith(root, "Try again").click();
    await settle();
    expect(root.querySelectorAll("button.card")).toHaveLength(3);
    element.setConfig({ type: "custom:pandora-discover-card", list: "on_the_air_tv" });
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({ type: "pandora/discover", list: "on_the_air_tv", page: 1 });
    expect(root.querySelector(".card-title")!.textContent).toBe("On TV now");
  });

  it("has an editor with every list", async () => {
    const { root, changed } = await editor("pandora-discover-card", {});
    const list = input(root, "list");
    expect(list.value).toBe("trending_week");
    expect([...list.options].map((o) => o.value)).toContain("upcoming_movies");
    type(list, "top_rated_movies");
    expect(changed).toHaveBeenLastCalledWith({ type: "custom:pandora-discover-card", list: "top_rated_movies" });
  });
});

describe("pandora-files-card", () => {
  const make = () => document.createElement("pandora-files-card") as PandoraFilesCard;

  it("refuses bad configs", () => {
    expect(() => make().setConfig({ type: "x", path: 5 })).toThrow(/path must be text/);
    expect(() => make().setConfig({ type: "x", path: "/Downloaded/../etc" })).toThrow(/inside the share/);
    expect(() => make().setConfig({ type: "x", instance: " " })).toThrow(/instance/);
    expect(() => make().setConfig({ type: "x", path: "Downloads/" })).not.toThrow();
  });

  it("lists /Downloaded by default, folders first, with sizes", async () => {
    const { fake, root } = await card<PandoraFilesCard>("pandora-files-card", {});
    expect(fake.callWS).toHaveBeenCalledWith({ type: "pandora/files/list", path: "/Downloaded" });
    expect(root.querySelector(".card-title")!.textContent).toBe("Downloaded");
    const rows = [...root.querySelectorAll<HTMLElement>("li.file")];
    expect(rows.map((r) => r.querySelector(".file-name")!.textContent)).toEqual([
      "Breaking.Bad.S01.1080p.BluRay.x264",
      "Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.DV.HDR.H.265-FLUX.mkv",
      "Ubuntu 24.04 Desktop amd64.iso",
    ]);
    expect(deepText(rows[1]!)).toContain("18.4 GB");
    // Read-only: no selection on a dashboard.
    expect(root.querySelectorAll('input[type="checkbox"]')).toHaveLength(0);
    expect(root.querySelector<HTMLAnchorElement>(".card-header a")!.getAttribute("href")).toBe("/pandora/files/Downloaded");
  });

  it("opens folders inside the card and goes back up to its folder", async () => {
    const { fake, root } = await card<PandoraFilesCard>("pandora-files-card", {
      title: "Ready",
      instance: "01JCCMD000000000000000001",
    });
    expect(root.querySelector(".card-title")!.textContent).toBe("Ready");
    expect(root.querySelector('button[aria-label^="Up to"]')).toBeNull();
    root.querySelector<HTMLButtonElement>("button.file-name")!.click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/files/list",
      path: "/Downloaded/Breaking.Bad.S01.1080p.BluRay.x264",
      instance: "01JCCMD000000000000000001",
    });
    expect(root.querySelector(".card-title")!.textContent).toBe("Breaking.Bad.S01.1080p.BluRay.x264");
    // Open in Pandora: the folder shown (the first share is the panel's default).
    expect(root.querySelector<HTMLAnchorElement>(".card-header a")!.getAttribute("href")).toBe(
      "/pandora/files/Downloaded/Breaking.Bad.S01.1080p.BluRay.x264",
    );
    expect(deepText(root)).toContain("This folder is empty");
    buttonWith(root, "Up to /Downloaded").click();
    await settle();
    expect(root.querySelector(".card-title")!.textContent).toBe("Ready");
  });

  it("links to its folder in the panel, naming its share when it is not the first", async () => {
    const seedbox = { id: "01JCCMD000000000000000002", title: "Seed box #2" };
    const two = { ...info, services: { ...info.services, cloudcmd: [...info.services.cloudcmd, seedbox] } };
    const { root } = await card<PandoraFilesCard>(
      "pandora-files-card",
      { path: "/TV Shows/Café #1", instance: "Seed box #2" },
      { "pandora/info": two },
    );
    expect(root.querySelector<HTMLAnchorElement>(".card-header a")!.getAttribute("href")).toBe(
      `/pandora/files/TV%20Shows/Caf%C3%A9%20%231?share=${seedbox.id}`,
    );
  });

  it("shows the share's configured Downloaded folder, with its download folders first", async () => {
    const share = {
      ...info.services.cloudcmd[0]!,
      folders: { downloads: "/Incoming", downloaded: "/Ready", movies: "/Films", tv: "/Series" },
    };
    const withFolders = { ...info, services: { ...info.services, cloudcmd: [share] } };
    const ready = {
      path: "/Ready",
      files: ["/Ready/b.mkv", "/Ready/Incoming", "/Ready/Downloaded"].map((path) => ({
        name: path.split("/").pop()!,
        type: path.endsWith(".mkv") ? "file" : "directory",
        size: null,
        modified: null,
        path,
      })),
    };
    const { fake, root } = await card<PandoraFilesCard>("pandora-files-card", {}, {
      "pandora/info": withFolders,
      "pandora/files/list": (m: WsMessage) => (m.path === "/Ready" ? ready : { path: m.path, files: [] }),
    });
    const listed = fake.callWS.mock.calls.map(([m]) => m).filter((m) => m.type === "pandora/files/list");
    expect(listed).toEqual([{ type: "pandora/files/list", path: "/Ready" }]);
    expect(root.querySelector(".card-title")!.textContent).toBe("Ready");
    const names = [...root.querySelectorAll("li.file .file-name")].map((n) => n.textContent);
    expect(names).toEqual(["Downloaded", "Incoming", "b.mkv"]);
    // A folder configured in the card is kept (the share's folders are still highlighted).
    const other = await card<PandoraFilesCard>("pandora-files-card", { path: "/" }, {
      "pandora/info": withFolders,
      "pandora/files/list": (m: WsMessage) => ({
        path: m.path,
        files: ["/Downloaded", "/Ready"].map((path) => ({ name: path.slice(1), type: "directory", size: null, modified: null, path })),
      }),
    });
    expect(other.fake.callWS).toHaveBeenCalledWith({ type: "pandora/files/list", path: "/" });
    expect([...other.root.querySelectorAll("li.file .file-name")].map((n) => n.textContent)).toEqual(["Ready", "Downloaded"]);
    expect(other.root.querySelector('li.file[data-path="/Ready"]')!.classList.contains("pinned")).toBe(true);
    expect(other.root.querySelector('li.file[data-path="/Downloaded"]')!.classList.contains("pinned")).toBe(false);
  });

  it("falls back to /Downloaded when the backend cannot say", async () => {
    const { fake, root } = await card<PandoraFilesCard>("pandora-files-card", {}, {
      "pandora/info": new FakeWsError("unknown_command", "Unknown command"),
    });
    expect(fake.callWS).toHaveBeenCalledWith({ type: "pandora/files/list", path: "/Downloaded" });
    expect(root.querySelector(".card-title")!.textContent).toBe("Downloaded");
  });

  it("has an editor offering the configured shares", async () => {
    const { root, changed } = await editor("pandora-files-card", { path: "/Downloaded" });
    await settle();
    const share = input(root, "instance");
    expect([...share.options].map((o) => o.textContent)).toEqual(["The only share", "Cloud Commander nas:8000"]);
    type(share, "01JCCMD000000000000000001");
    expect(changed).toHaveBeenLastCalledWith({
      type: "custom:pandora-files-card",
      path: "/Downloaded",
      instance: "01JCCMD000000000000000001",
    });
    type(input(root, "path"), "/Downloads");
    expect(changed).toHaveBeenLastCalledWith(expect.objectContaining({ path: "/Downloads" }));
    type(share, "");
    expect(changed.mock.lastCall![0]).not.toHaveProperty("instance");
    expect(input(root, "path").placeholder).toBe("/Downloaded");
  });
});

// Last: once defined, ha-card stays defined for the rest of this file.
describe("inside Home Assistant", () => {
  it("uses ha-card when Home Assistant defines it", async () => {
    if (!customElements.get("ha-card")) customElements.define("ha-card", class extends HTMLElement {});
    const { root } = await card<PandoraDownloadsCard>("pandora-downloads-card", {});
    expect(root.querySelector("ha-card.frame")).not.toBeNull();
    expect(root.querySelector(".frame.plain")).toBeNull();
  });
});
